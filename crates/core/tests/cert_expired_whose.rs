//! `TLS negotiation failed with error CertExpired` (SSPI SEC_E_CERT_EXPIRED, 0x80090328;
//! FAILURE-MODES row 9): the finding says whose certificate expired when the evidence shows it
//! (this server's `Sending certificate`, or the remote's `Remote certificate`, judged at the
//! session's time with the dates a pasted listing or the log row gives), and what to collect
//! when it does not. Inputs: the Send protocol log layout of Learn "Protocol logging"
//! (Exchange Server), the one-row certificate shape with dates Exchange 2019 writes
//! (`... <serial> <thumbprint> <not-before> <not-after> <names>`), and `Get-ExchangeCertificate
//! | Format-List` as in the KB "Can't remove a certificate that's installed in Exchange Server".

#[path = "support/analyze_texts.rs"]
mod analyze_texts;

use tlsdoctor_core::i18n::Lang;
use tlsdoctor_core::report::{AnalysisReport, Finding, Severity};

/// 2026-12-01T00:00:00Z.
const NOW: i64 = 1_796_083_200;
const OWN: &str = "9F1E2D3C4B5A69788796A5B4C3D2E1F00F1E2D3C";
const REMOTE: &str = "4C2B7D9E1F3A5B6C8D0E2F4A6B8C0D1E3F5A7B9C";

/// A Send session offering `OWN`, then `remote_rows` (after the handshake), then CertExpired.
fn send_log(remote_rows: &[String]) -> String {
    let c = "Outbound to Fabrikam";
    let s = "08DD0F2A6C5E4B01";
    let e = "10.0.0.5:51231,203.0.113.25:25";
    let mut rows = vec![
        format!("2026-11-30T10:00:01.000Z,{c},{s},0,,203.0.113.25:25,*,,attempting to connect"),
        format!("2026-11-30T10:00:01.050Z,{c},{s},1,{e},+,,"),
        format!("2026-11-30T10:00:01.120Z,{c},{s},2,{e},<,220 mx.fabrikam.example ESMTP,"),
        format!("2026-11-30T10:00:01.130Z,{c},{s},3,{e},>,EHLO mail.contoso.com,"),
        format!("2026-11-30T10:00:01.150Z,{c},{s},4,{e},<,250-STARTTLS,"),
        format!("2026-11-30T10:00:01.160Z,{c},{s},5,{e},<,250 SIZE 52428800,"),
        format!("2026-11-30T10:00:01.170Z,{c},{s},6,{e},>,STARTTLS,"),
        format!("2026-11-30T10:00:01.180Z,{c},{s},7,{e},<,220 2.0.0 Ready to start TLS,"),
        format!("2026-11-30T10:00:01.190Z,{c},{s},8,{e},*,,Sending certificate"),
        format!("2026-11-30T10:00:01.200Z,{c},{s},9,{e},*,\"CN=mail.contoso.com, O=Contoso, C=DE\",Certificate subject"),
        format!("2026-11-30T10:00:01.200Z,{c},{s},10,{e},*,\"CN=Sectigo RSA Domain Validation Secure Server CA, O=Sectigo Limited, L=Salford, S=Greater Manchester, C=GB\",Certificate issuer name"),
        format!("2026-11-30T10:00:01.200Z,{c},{s},11,{e},*,00C1A2B3C4D5E6F708192A3B4C5D6E7F80,Certificate serial number"),
        format!("2026-11-30T10:00:01.200Z,{c},{s},12,{e},*,{OWN},Certificate thumbprint"),
        format!("2026-11-30T10:00:01.200Z,{c},{s},13,{e},*,mail.contoso.com;autodiscover.contoso.com,Certificate alternate names"),
    ];
    rows.extend(remote_rows.iter().cloned());
    rows.push(format!(
        "2026-11-30T10:00:01.260Z,{c},{s},20,{e},*,,TLS negotiation failed with error CertExpired"
    ));
    rows.push(format!("2026-11-30T10:00:01.270Z,{c},{s},21,{e},-,,Local"));
    format!(
        "#Software: Microsoft Exchange Server\r\n#Version: 15.02.1118.007\r\n#Log-type: SMTP Send Protocol Log\r\n#Date: 2026-11-30T10:00:00.000Z\r\n#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context\r\n{}\r\n",
        rows.join("\r\n")
    )
}

/// The remote's certificate on one row, valid from `nb` to `na`.
fn remote_row(nb: &str, na: &str) -> Vec<String> {
    vec![format!(
        "2026-11-30T10:00:01.250Z,Outbound to Fabrikam,08DD0F2A6C5E4B01,15,10.0.0.5:51231,203.0.113.25:25,*, CN=mx.fabrikam.example CN=R11 0412A1B2C3D4E5F60718293A4B5C6D7E8F90 {REMOTE} {nb} {na} mx.fabrikam.example,Remote certificate Subject Issuer name Serial number Thumbprint Not before Not after Subject alternate names"
    )]
}

/// `Get-ExchangeCertificate | Format-List` of this server's certificate, NotAfter `na`.
fn listing(na: &str) -> String {
    format!(
        "[PS] C:\\>Get-ExchangeCertificate | Format-List FriendlyName,Subject,Issuer,Thumbprint,Services,NotBefore,NotAfter\n\n\
FriendlyName : mail.contoso.com 2025\n\
Subject      : CN=mail.contoso.com, O=Contoso, C=DE\n\
Issuer       : CN=Sectigo RSA Domain Validation Secure Server CA, O=Sectigo Limited, L=Salford, S=Greater Manchester, C=GB\n\
Thumbprint   : {OWN}\n\
Services     : IIS, SMTP\n\
NotBefore    : 11/20/2025 12:00:00 AM\n\
NotAfter     : {na}\n"
    )
}

fn analyze(lang: Lang, files: &[(&str, String)]) -> AnalysisReport {
    analyze_texts::analyze_texts(lang, NOW, files)
}

fn failed(r: &AnalysisReport) -> &Finding {
    r.findings
        .iter()
        .find(|f| f.id == "tls-negotiation-failed" && f.title.contains("CertExpired"))
        .unwrap_or_else(|| panic!("no CertExpired finding in {:?}", r.findings))
}

fn powershell(f: &Finding) -> &str {
    f.remediation.as_ref().map_or("", |r| r.powershell.as_str())
}

#[test]
fn without_dates_it_says_what_to_collect() {
    let r = analyze(Lang::En, &[("SEND20261130-1.LOG", send_log(&[]))]);
    let f = failed(&r);
    assert_eq!(f.severity, Severity::Error);
    assert!(
        f.explanation
            .contains("does not show which certificate expired"),
        "{}",
        f.explanation
    );
    assert!(f.explanation.contains(OWN), "{}", f.explanation);
    assert!(f.explanation.contains("0x80090328"), "{}", f.explanation);
    let ps = powershell(f);
    assert!(
        ps.contains(&format!("Get-ExchangeCertificate -Thumbprint '{OWN}' | Format-List Subject,Issuer,Thumbprint,NotBefore,NotAfter,Services")),
        "{ps}"
    );
    assert!(
        ps.contains("# openssl s_client -starttls smtp -connect 203.0.113.25:25 -showcerts"),
        "{ps}"
    );
    assert!(!r.findings.iter().any(|f| f.id == "no-tls-problem-found"));
}

#[test]
fn this_servers_certificate_expired_before_the_session() {
    let r = analyze(
        Lang::En,
        &[
            ("SEND20261130-1.LOG", send_log(&[])),
            ("certs.txt", listing("11/29/2026 11:59:59 PM")),
        ],
    );
    let f = failed(&r);
    assert!(
        f.explanation
            .contains("This server's own certificate CN=mail.contoso.com"),
        "{}",
        f.explanation
    );
    assert!(
        f.explanation.contains("session of 2026-11-30"),
        "{}",
        f.explanation
    );
    let ps = powershell(f);
    // The renewal, on the placeholder server (neither path nor paste names it).
    assert!(
        ps.contains(&format!("$request = Get-ExchangeCertificate -Server '<Server>' -Thumbprint '{OWN}' | New-ExchangeCertificate -Server '<Server>' -GenerateRequest")),
        "{ps}"
    );
    assert!(ps.contains("Enable-ExchangeCertificate -Server '<Server>' -Thumbprint '<NewThumbprint>' -Services SMTP"), "{ps}");
    assert!(!ps.contains("openssl"), "{ps}");
}

#[test]
fn the_remote_certificate_expired_before_the_session() {
    let r = analyze(
        Lang::En,
        &[(
            "SEND20261130-1.LOG",
            send_log(&remote_row(
                "2026-08-01T00:00:00.000Z",
                "2026-10-30T00:00:00.000Z",
            )),
        )],
    );
    let f = failed(&r);
    assert!(
        f.explanation
            .contains("The certificate the remote side presented, CN=mx.fabrikam.example"),
        "{}",
        f.explanation
    );
    assert!(f.explanation.contains(REMOTE), "{}", f.explanation);
    assert!(
        f.explanation.contains("this server needs no change"),
        "{}",
        f.explanation
    );
    let ps = powershell(f);
    // Nothing of this server is renewed.
    assert!(!ps.contains("New-ExchangeCertificate"), "{ps}");
    assert!(!ps.contains("Enable-ExchangeCertificate"), "{ps}");
}

#[test]
fn both_valid_points_at_the_chains() {
    let r = analyze(
        Lang::De,
        &[
            (
                "SEND20261130-1.LOG",
                send_log(&remote_row(
                    "2026-08-01T00:00:00.000Z",
                    "2027-10-30T00:00:00.000Z",
                )),
            ),
            ("certs.txt", listing("11/29/2027 11:59:59 PM")),
        ],
    );
    let f = failed(&r);
    assert!(
        f.explanation
            .contains("Beide in der Sitzung gezeigten Zertifikate waren am 2026-11-30 gültig"),
        "{}",
        f.explanation
    );
    assert!(!powershell(f).contains("New-ExchangeCertificate"));
}

/// A Receive log (Learn "Protocol logging", Receive layout) where the TLS handshake with a
/// sending client ends in `TargetUnknown` and in `CertExpired`: the commands are for the
/// receive connector (Set-/Get-ReceiveConnector), never Set-SendConnector on a receive
/// connector's identity, and nothing is retried in this server's queues.
#[test]
fn receive_log_failures_get_receive_connector_commands() {
    for error in ["TargetUnknown", "CertExpired"] {
        let c = "EX01\\Default Frontend EX01";
        let s = "08DD0F2A6C5E4C01";
        let e = "10.0.0.5:25,198.51.100.9:40000";
        let log = format!(
            "#Software: Microsoft Exchange Server\r\n#Version: 15.02.1118.007\r\n#Log-type: SMTP Receive Protocol Log\r\n#Date: 2026-11-30T09:00:00.000Z\r\n#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context\r\n\
2026-11-30T09:01:17.101Z,{c},{s},0,{e},+,,\r\n\
2026-11-30T09:01:17.103Z,{c},{s},1,{e},>,220 EX01.contoso.com Microsoft ESMTP MAIL Service ready,\r\n\
2026-11-30T09:01:17.140Z,{c},{s},2,{e},<,EHLO mx.fabrikam.example,\r\n\
2026-11-30T09:01:17.141Z,{c},{s},3,{e},>,250-EX01.contoso.com Hello [198.51.100.9],\r\n\
2026-11-30T09:01:17.141Z,{c},{s},4,{e},>,250 STARTTLS,\r\n\
2026-11-30T09:01:17.180Z,{c},{s},5,{e},<,STARTTLS,\r\n\
2026-11-30T09:01:17.181Z,{c},{s},6,{e},>,220 2.0.0 SMTP server ready,\r\n\
2026-11-30T09:01:17.190Z,{c},{s},7,{e},*,,TLS negotiation failed with error {error}\r\n\
2026-11-30T09:01:17.200Z,{c},{s},8,{e},-,,Local\r\n"
        );
        let r = analyze(Lang::En, &[("RECV20261130-1.LOG", log)]);
        let f = r
            .findings
            .iter()
            .find(|f| f.id == "tls-negotiation-failed")
            .unwrap_or_else(|| panic!("{error}: {:?}", r.findings));
        let ps = powershell(f);
        assert!(
            ps.contains(
                "Set-ReceiveConnector 'EX01\\Default Frontend EX01' -ProtocolLoggingLevel Verbose"
            ),
            "{error}: {ps}"
        );
        assert!(!ps.contains("Set-SendConnector"), "{error}: {ps}");
        assert!(!ps.contains("Get-SendConnector"), "{error}: {ps}");
        assert!(!ps.contains("Retry-Queue"), "{error}: {ps}");
    }
}
