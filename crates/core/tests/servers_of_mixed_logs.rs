//! Logs of several Exchange servers side by side (each server's SmtpSend folder copied into a
//! folder named after it, or read from its `\\SERVER\c$` share): a finding names the server
//! whose log shows the failure and fills `-Server` into the fix. Inputs: the Send protocol log
//! layout of Learn "Protocol logging" (Exchange Server) with the NoCredentials rows of
//! KB 4495258 ("TLS negotiation failed with error NoCredentials").

#[path = "support/analyze_texts.rs"]
mod analyze_texts;

use tlsdoctor_core::i18n::Lang;
use tlsdoctor_core::report::{AnalysisReport, Finding};

/// 2026-12-01T00:00:00Z.
const NOW: i64 = 1_796_083_200;
const THUMB: &str = "9F1E2D3C4B5A69788796A5B4C3D2E1F00F1E2D3C";

/// One Send session of `server` offering the certificate `THUMB`, ending with `outcome`.
fn send_log(server: &str, ip: &str, outcome: &str) -> String {
    let c = "Outbound to Fabrikam";
    let s = "08DD0F2A6C5E4B01";
    let rows = [
        format!("2026-11-30T10:00:01.000Z,{c},{s},0,,203.0.113.25:25,*,,attempting to connect"),
        format!("2026-11-30T10:00:01.050Z,{c},{s},1,{ip}:51231,203.0.113.25:25,+,,"),
        format!("2026-11-30T10:00:01.120Z,{c},{s},2,{ip}:51231,203.0.113.25:25,<,220 mx.fabrikam.example ESMTP,"),
        format!("2026-11-30T10:00:01.130Z,{c},{s},3,{ip}:51231,203.0.113.25:25,>,EHLO {server}.contoso.com,"),
        format!("2026-11-30T10:00:01.150Z,{c},{s},4,{ip}:51231,203.0.113.25:25,<,250-STARTTLS,"),
        format!("2026-11-30T10:00:01.160Z,{c},{s},5,{ip}:51231,203.0.113.25:25,<,250 SIZE 52428800,"),
        format!("2026-11-30T10:00:01.170Z,{c},{s},6,{ip}:51231,203.0.113.25:25,>,STARTTLS,"),
        format!("2026-11-30T10:00:01.180Z,{c},{s},7,{ip}:51231,203.0.113.25:25,<,220 2.0.0 Ready to start TLS,"),
        format!("2026-11-30T10:00:01.190Z,{c},{s},8,{ip}:51231,203.0.113.25:25,*,,Sending certificate"),
        format!("2026-11-30T10:00:01.200Z,{c},{s},9,{ip}:51231,203.0.113.25:25,*,\"CN=mail.contoso.com, O=Contoso, C=DE\",Certificate subject"),
        format!("2026-11-30T10:00:01.200Z,{c},{s},10,{ip}:51231,203.0.113.25:25,*,\"CN=Sectigo RSA Domain Validation Secure Server CA, O=Sectigo Limited, L=Salford, S=Greater Manchester, C=GB\",Certificate issuer name"),
        format!("2026-11-30T10:00:01.200Z,{c},{s},11,{ip}:51231,203.0.113.25:25,*,00C1A2B3C4D5E6F708192A3B4C5D6E7F80,Certificate serial number"),
        format!("2026-11-30T10:00:01.200Z,{c},{s},12,{ip}:51231,203.0.113.25:25,*,{THUMB},Certificate thumbprint"),
        format!("2026-11-30T10:00:01.200Z,{c},{s},13,{ip}:51231,203.0.113.25:25,*,mail.contoso.com;autodiscover.contoso.com,Certificate alternate names"),
        format!("2026-11-30T10:00:01.210Z,{c},{s},14,{ip}:51231,203.0.113.25:25,*,,{outcome}"),
        format!("2026-11-30T10:00:01.220Z,{c},{s},15,{ip}:51231,203.0.113.25:25,-,,Local"),
    ];
    format!(
        "#Software: Microsoft Exchange Server\r\n#Version: 15.02.1118.007\r\n#Log-type: SMTP Send Protocol Log\r\n#Date: 2026-11-30T10:00:00.000Z\r\n#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context\r\n{}\r\n",
        rows.join("\r\n")
    )
}

const FAILED: &str = "TLS negotiation failed with error NoCredentials";
const OK: &str = "\"TLS protocol SP_PROT_TLS1_2_CLIENT negotiation succeeded using bulk encryption algorithm CALG_AES_256 with strength 256 bits, MAC hash algorithm CALG_SHA_384 with strength 0 bits and key exchange algorithm CALG_ECDHE with strength 384 bits\"";

fn analyze(lang: Lang, files: &[(&str, String)]) -> AnalysisReport {
    analyze_texts::analyze_texts(lang, NOW, files)
}

fn no_credentials(r: &AnalysisReport) -> &Finding {
    r.findings
        .iter()
        .find(|f| f.id == "no-credentials")
        .unwrap_or_else(|| panic!("no no-credentials in {:?}", r.findings))
}

fn powershell(f: &Finding) -> &str {
    f.remediation.as_ref().map_or("", |r| r.powershell.as_str())
}

#[test]
fn no_credentials_names_the_server_whose_log_shows_it() {
    let r = analyze(
        Lang::En,
        &[
            (
                "mixed/EX01/SmtpSend/SEND20261130-1.LOG",
                send_log("EX01", "10.0.0.5", FAILED),
            ),
            (
                "mixed/EX02/SmtpSend/SEND20261130-1.LOG",
                send_log("EX02", "10.0.0.6", OK),
            ),
        ],
    );
    let f = no_credentials(&r);
    assert!(f.title.ends_with("(server EX01)"), "{}", f.title);
    assert!(!f.title.contains("EX02"), "{}", f.title);
    assert!(
        f.explanation.contains("protocol log of EX01"),
        "{}",
        f.explanation
    );
    let ps = powershell(f);
    assert!(ps.contains("# on EX01\n"), "{ps}");
    assert!(
        ps.contains("Enable-ExchangeCertificate -Server 'EX01' -Thumbprint '<NewThumbprint>' -Services SMTP"),
        "{ps}"
    );
    assert!(
        ps.contains("Import-ExchangeCertificate -Server 'EX01' -FileData"),
        "{ps}"
    );
    assert!(
        ps.contains("Get-Queue -Server 'EX01' -ResultSize Unlimited"),
        "{ps}"
    );
    assert!(!ps.contains("EX02"), "{ps}");
}

#[test]
fn both_servers_failing_get_a_block_each_and_german_names_them_too() {
    let r = analyze(
        Lang::De,
        &[
            ("\\\\EX01\\c$\\Program Files\\Microsoft\\Exchange Server\\V15\\TransportRoles\\Logs\\Hub\\ProtocolLog\\SmtpSend\\SEND20261130-1.LOG", send_log("EX01", "10.0.0.5", FAILED)),
            ("\\\\EX02\\c$\\Program Files\\Microsoft\\Exchange Server\\V15\\TransportRoles\\Logs\\Hub\\ProtocolLog\\SmtpSend\\SEND20261130-1.LOG", send_log("EX02", "10.0.0.6", FAILED)),
        ],
    );
    let f = no_credentials(&r);
    assert!(f.title.ends_with("(Server EX01, EX02)"), "{}", f.title);
    assert!(
        f.explanation.contains("Protokoll von EX01, EX02"),
        "{}",
        f.explanation
    );
    let ps = powershell(f);
    for s in ["EX01", "EX02"] {
        assert!(ps.contains(&format!("# on {s}\n")), "{ps}");
        assert!(
            ps.contains(&format!(
                "Enable-ExchangeCertificate -Server '{s}' -Thumbprint"
            )),
            "{ps}"
        );
    }
}

#[test]
fn a_log_without_a_server_in_its_path_keeps_the_plain_fix() {
    let r = analyze(
        Lang::En,
        &[("SEND20261130-1.LOG", send_log("EX01", "10.0.0.5", FAILED))],
    );
    let f = no_credentials(&r);
    assert!(!f.title.contains("(server"), "{}", f.title);
    let ps = powershell(f);
    assert!(!ps.contains("-Server"), "{ps}");
    assert!(
        ps.contains("Enable-ExchangeCertificate -Thumbprint '<NewThumbprint>' -Services SMTP"),
        "{ps}"
    );
}

/// The folder that holds the log is named like a computer (`set64g`, `logs2024`, `case123`) but
/// nothing else says it is one: no server (until 2026-12-07 the fix ran
/// `Import-ExchangeCertificate -Server 'set64g'`). Two such folders, one log each, are one
/// folder per server: named.
#[test]
fn a_lone_folder_holding_the_log_is_no_server_two_are() {
    for folder in ["set64g", "logs2024", "case123"] {
        let path = format!("/tmp/{folder}/SEND20261130-1.LOG");
        let r = analyze(
            Lang::En,
            &[(path.as_str(), send_log("EX01", "10.0.0.5", FAILED))],
        );
        let f = no_credentials(&r);
        assert!(!f.title.contains("(server"), "{folder}: {}", f.title);
        let ps = powershell(f);
        assert!(!ps.contains("-Server"), "{folder}: {ps}");
    }
    let r = analyze(
        Lang::En,
        &[
            (
                "logs/EX01/SEND20261130-1.LOG",
                send_log("EX01", "10.0.0.5", OK),
            ),
            (
                "logs/EX02/SEND20261130-1.LOG",
                send_log("EX02", "10.0.0.6", FAILED),
            ),
        ],
    );
    let f = no_credentials(&r);
    assert!(f.title.ends_with("(server EX02)"), "{}", f.title);
}

/// UnknownCredentials (KB 4051498) in the log of one of two servers: named, and the
/// Services check, Enable-ExchangeCertificate and the retry run on that server.
#[test]
fn unknown_credentials_names_the_server_too() {
    let failed = "TLS negotiation failed with error UnknownCredentials";
    let r = analyze(
        Lang::En,
        &[
            (
                "logs/EX01/SmtpSend/SEND20261130-1.LOG",
                send_log("EX01", "10.0.0.5", OK),
            ),
            (
                "logs/EX02/SmtpSend/SEND20261130-1.LOG",
                send_log("EX02", "10.0.0.6", failed),
            ),
        ],
    );
    let f = r
        .findings
        .iter()
        .find(|f| f.id == "unknown-credentials")
        .unwrap_or_else(|| panic!("{:?}", r.findings));
    assert!(f.title.ends_with("(server EX02)"), "{}", f.title);
    let ps = powershell(f);
    assert!(ps.contains(&format!("Get-ExchangeCertificate -Server 'EX02' -Thumbprint '{THUMB}' | Select-Object -Property Services")), "{ps}");
    assert!(
        ps.contains(&format!(
            "Enable-ExchangeCertificate -Server 'EX02' -Thumbprint '{THUMB}' -Services SMTP"
        )),
        "{ps}"
    );
    assert!(ps.contains("Get-Queue -Server 'EX02'"), "{ps}");
    assert!(!ps.contains("EX01"), "{ps}");
}

/// Inbound NoCredentials on `EXCH01\Default Frontend EXCH01` (the repository's Receive log
/// sample, KB 4495258's error on a receive connector): the server the connector's identity
/// names is in the title and in the Exchange cmdlets of the fix.
#[test]
fn inbound_no_credentials_names_the_receive_connectors_server() {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/logs/RECV-nocredentials-inbound-starttls.LOG");
    let log = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    let r = analyze(Lang::En, &[("RECV20250310-1.LOG", log)]);
    let f = no_credentials(&r);
    assert!(f.title.ends_with("(server EXCH01)"), "{}", f.title);
    let ps = powershell(f);
    if ps.contains("Enable-ExchangeCertificate") {
        assert!(
            ps.contains("Enable-ExchangeCertificate -Server 'EXCH01'"),
            "{ps}"
        );
    }
}
