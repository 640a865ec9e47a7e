//! The fixes for an expired or soon-expiring certificate (FAILURE-MODES row 9: renew, import,
//! enable for SMTP) name the server like the other fixes: `-Server 'EX01'` when the inputs say
//! which server holds the certificate (the log's path, the one server the pastes name), the
//! `-Server '<Server>'` placeholder otherwise (in German `<Servername>`). Inputs:
//! `Get-ExchangeCertificate | Format-List` and `Get-ReceiveConnector | Format-List` as in the
//! KB "Can't remove a certificate that's installed in Exchange Server"; the Send protocol log
//! layout of Learn "Protocol logging" with the one-row certificate shape Exchange 2019 writes.

#[path = "support/analyze_texts.rs"]
mod analyze_texts;

use tlsdoctor_core::i18n::Lang;
use tlsdoctor_core::report::{AnalysisReport, Finding};

/// 2026-12-01T00:00:00Z.
const NOW: i64 = 1_796_083_200;
const THUMB: &str = "7A1C5E0D2B4F68391A0C3E5D7F9B2D4C6E8A0B1C";

fn listing(not_after: &str) -> String {
    format!(
        "[PS] C:\\>Get-ExchangeCertificate | Format-List FriendlyName,Subject,Issuer,CertificateDomains,Thumbprint,Services,IsSelfSigned,NotBefore,NotAfter\n\n\
FriendlyName       : mail.contoso.com 2025\n\
Subject            : CN=mail.contoso.com, O=Contoso Ltd, L=Redmond, S=WA, C=US\n\
Issuer             : CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US\n\
CertificateDomains : {{mail.contoso.com, autodiscover.contoso.com}}\n\
Thumbprint         : {THUMB}\n\
Services           : IIS, SMTP\n\
IsSelfSigned       : False\n\
NotBefore          : 11/20/2025 12:00:00 AM\n\
NotAfter           : {not_after}\n"
    )
}

const RECEIVE: &str = "[PS] C:\\>Get-ReceiveConnector | Format-List Identity,Fqdn,TlsCertificateName,AuthMechanism\n\n\
Identity           : EX01\\Default Frontend EX01\n\
Fqdn               : mail.contoso.com\n\
TlsCertificateName : \n\
AuthMechanism      : Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer\n";

fn analyze(lang: Lang, files: &[(&str, String)]) -> AnalysisReport {
    analyze_texts::analyze_texts(lang, NOW, files)
}

fn finding<'r>(r: &'r AnalysisReport, id: &str) -> &'r Finding {
    r.findings
        .iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("no {id} in {:?}", r.findings))
}

fn powershell(f: &Finding) -> &str {
    f.remediation.as_ref().map_or("", |r| r.powershell.as_str())
}

#[test]
fn expired_certificate_on_the_one_pasted_server_gets_its_name() {
    let r = analyze(
        Lang::En,
        &[
            ("certs.txt", listing("11/20/2026 11:59:59 PM")),
            ("receive.txt", RECEIVE.to_string()),
        ],
    );
    let ps = powershell(finding(&r, "certificate-expired"));
    assert!(
        ps.contains(&format!("Get-ExchangeCertificate -Server 'EX01' -Thumbprint '{THUMB}' | New-ExchangeCertificate -Server 'EX01' -GenerateRequest")),
        "{ps}"
    );
    assert!(
        ps.contains("Import-ExchangeCertificate -Server 'EX01' -FileData"),
        "{ps}"
    );
    assert!(ps.contains("Enable-ExchangeCertificate -Server 'EX01' -Thumbprint '<NewThumbprint>' -Services SMTP"), "{ps}");
}

#[test]
fn expiring_certificate_without_a_known_server_gets_the_placeholder() {
    let r = analyze(
        Lang::En,
        &[("certs.txt", listing("12/20/2026 11:59:59 PM"))],
    );
    let ps = powershell(finding(&r, "certificate-expires-soon"));
    assert!(
        ps.contains(&format!(
            "Get-ExchangeCertificate -Server '<Server>' -Thumbprint '{THUMB}'"
        )),
        "{ps}"
    );
    assert!(ps.contains("Enable-ExchangeCertificate -Server '<Server>' -Thumbprint '<NewThumbprint>' -Services SMTP"), "{ps}");
}

/// The log of EX02 (its folder) names this server's certificate with its dates; it had expired
/// when the session ran.
#[test]
fn expired_certificate_named_in_a_servers_log_gets_that_server() {
    let c = "Outbound to Fabrikam";
    let s = "08DD0F2A6C5E4B02";
    let e = "10.0.0.6:51231,203.0.113.25:25";
    let log = format!(
        "#Software: Microsoft Exchange Server\r\n#Version: 15.02.1118.007\r\n#Log-type: SMTP Send Protocol Log\r\n#Date: 2026-11-30T10:00:00.000Z\r\n#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context\r\n\
2026-11-30T10:00:01.050Z,{c},{s},1,{e},+,,\r\n\
2026-11-30T10:00:01.170Z,{c},{s},2,{e},>,STARTTLS,\r\n\
2026-11-30T10:00:01.180Z,{c},{s},3,{e},<,220 2.0.0 Ready to start TLS,\r\n\
2026-11-30T10:00:01.190Z,{c},{s},4,{e},*, CN=mail.contoso.com CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1 0A8E27C4 {THUMB} 2025-11-20T00:00:00.000Z 2026-11-20T23:59:59.000Z mail.contoso.com,Sending certificate Subject Issuer name Serial number Thumbprint Not before Not after Subject alternate names\r\n\
2026-11-30T10:00:01.210Z,{c},{s},5,{e},*,,\"TLS protocol SP_PROT_TLS1_2_CLIENT negotiation succeeded using bulk encryption algorithm CALG_AES_256 with strength 256 bits, MAC hash algorithm CALG_SHA_384 with strength 0 bits and key exchange algorithm CALG_ECDHE with strength 384 bits\"\r\n\
2026-11-30T10:00:01.220Z,{c},{s},6,{e},-,,Local\r\n"
    );
    let r = analyze(Lang::De, &[("case/EX02/SmtpSend/SEND20261130-1.LOG", log)]);
    let ps = powershell(finding(&r, "certificate-expired"));
    assert!(
        ps.contains(&format!(
            "Get-ExchangeCertificate -Server 'EX02' -Thumbprint '{THUMB}'"
        )),
        "{ps}"
    );
    assert!(
        ps.contains("Enable-ExchangeCertificate -Server 'EX02' -Thumbprint"),
        "{ps}"
    );
}
