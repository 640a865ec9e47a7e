//! A connector pasted without its prompt line and with only properties both kinds have
//! (`Name`, `Fqdn`, `TlsCertificateName`: what `Get-SendConnector | fl Name,Fqdn,TlsCertificateName`
//! and the same `Get-ReceiveConnector` selection both print) is not guessed to be a Send
//! connector: the fix says the kind is not known and asks Exchange which one it is before it
//! sets the name. A Send connector's own properties still give Set-SendConnector alone. Inputs:
//! `Get-ExchangeCertificate | Format-List` as in the KB "Can't remove a certificate that's
//! installed in Exchange Server", a Let's Encrypt R3 -> R11 renewal (FAILURE-MODES row 1).

use tlsdoctor_core::analyze::{AnalyzeOptions, Analyzer};
use tlsdoctor_core::i18n::Lang;
use tlsdoctor_core::report::AnalysisReport;

/// 2026-12-01T00:00:00Z.
const NOW: i64 = 1_796_083_200;

const CERTS: &str = "[PS] C:\\>Get-ExchangeCertificate | Format-List FriendlyName,Subject,Issuer,CertificateDomains,Thumbprint,Services,IsSelfSigned,NotBefore,NotAfter\n\n\
FriendlyName       : mail.contoso.com 2026\n\
Subject            : CN=mail.contoso.com\n\
Issuer             : CN=R11, O=Let's Encrypt, C=US\n\
CertificateDomains : {mail.contoso.com, autodiscover.contoso.com}\n\
Thumbprint         : 6C1F0E5A3B2D4C8E9F7A1B3C5D7E9F0A2B4C6D8E\n\
Services           : IIS, SMTP\n\
IsSelfSigned       : False\n\
NotBefore          : 10/1/2026 12:00:00 AM\n\
NotAfter           : 3/30/2027 11:59:59 PM\n";

fn analyze(lang: Lang, connector: &str) -> AnalysisReport {
    let mut a = Analyzer::new(AnalyzeOptions {
        lang,
        now_unix: NOW,
        passwords: Vec::new(),
    });
    a.add_file("connector.txt", connector.as_bytes());
    a.add_file("certs.txt", CERTS.as_bytes());
    a.report()
}

fn fix(r: &AnalysisReport) -> String {
    let f = r
        .findings
        .iter()
        .find(|f| f.id == "tls-certificate-name-matches-nothing")
        .unwrap_or_else(|| panic!("{:?}", r.findings));
    f.remediation
        .as_ref()
        .map(|r| r.powershell.clone())
        .unwrap_or_default()
}

const SHARED_ONLY: &str = "Name               : Partner TLS\nFqdn               : mail.contoso.com\nTlsCertificateName : <I>CN=R3, O=Let's Encrypt, C=US<S>CN=mail.contoso.com\n";

#[test]
fn unknown_kind_is_said_and_exchange_is_asked() {
    let ps = fix(&analyze(Lang::En, SHARED_ONLY));
    assert!(
        ps.contains(
            "# The paste does not show whether \"Partner TLS\" is a Send or a Receive connector"
        ),
        "{ps}"
    );
    let line = ps
        .lines()
        .find(|l| l.contains("-TlsCertificateName \"<I>$($cert.Issuer)<S>$($cert.Subject)\""))
        .unwrap_or_else(|| panic!("{ps}"));
    assert!(
        line.starts_with("if (Get-SendConnector -Identity 'Partner TLS' -ErrorAction SilentlyContinue) { Set-SendConnector -Identity 'Partner TLS' "),
        "{line}"
    );
    assert!(
        line.contains("} elseif (Get-ReceiveConnector -Identity 'Partner TLS' -ErrorAction SilentlyContinue) { Set-ReceiveConnector -Identity 'Partner TLS' "),
        "{line}"
    );
    // No line sets it as a Send connector unasked.
    assert!(
        !ps.lines().any(|l| l.starts_with("Set-SendConnector")),
        "{ps}"
    );
}

#[test]
fn unknown_kind_in_german_and_a_quote_in_the_name_stays_inside_its_string() {
    let ps = fix(&analyze(
        Lang::De,
        &SHARED_ONLY.replace("Partner TLS", "Partner's TLS"),
    ));
    assert!(ps.contains("# Die Ausgabe zeigt nicht, ob \"Partner's TLS\" ein Sende- oder ein Empfangsconnector ist"), "{ps}");
    assert!(ps.contains("if (Get-SendConnector -Identity 'Partner''s TLS' -ErrorAction SilentlyContinue) { Set-SendConnector -Identity 'Partner''s TLS' "), "{ps}");
}

#[test]
fn a_send_connector_property_still_gives_set_sendconnector_alone() {
    let ps = fix(&analyze(
        Lang::En,
        &format!("{SHARED_ONLY}SmartHosts         : {{mx.fabrikam.example}}\nRequireTLS         : True\n"),
    ));
    assert!(ps.lines().any(|l| l.starts_with("Set-SendConnector -Identity 'Partner TLS' -TlsCertificateName")), "{ps}");
    assert!(!ps.contains("Get-ReceiveConnector"), "{ps}");
}
