//! Issue 13, item 4: a dropped certificate that an internet-facing connector's
//! TlsCertificateName names is self-signed, or comes from a CA that is not a public one known
//! by name. Certificates: `testdata/samples/testservereku.contoso.com.cer` (dotnet/runtime-assets,
//! issued by `CN=NDX Test Root CA`, a test CA) and `widgits-2016-new.cer` (self-signed, OpenSSL's
//! test PKCS#12, see testdata/README.md). Connectors: `Get-SendConnector | Format-List` and
//! `Get-ReceiveConnector | Format-List` output in the layout of Learn "Get-SendConnector" /
//! "Get-ReceiveConnector".

use tlsdoctor_core::analyze::{AnalyzeOptions, Analyzer};
use tlsdoctor_core::i18n::Lang;
use tlsdoctor_core::report::{AnalysisReport, Finding};

/// 2016-07-20T00:00:00Z: both certificates are within their dates.
const NOW: i64 = 1_468_972_800;

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../../testdata/samples/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn analyze(lang: Lang, files: &[(&str, Vec<u8>)]) -> AnalysisReport {
    let mut a = Analyzer::new(AnalyzeOptions {
        lang,
        now_unix: NOW,
        passwords: Vec::new(),
    });
    for (path, bytes) in files {
        a.add_file(path, bytes);
    }
    a.report()
}

fn external(r: &AnalysisReport) -> Vec<&Finding> {
    r.findings
        .iter()
        .filter(|f| f.id == "self-signed-certificate-external")
        .collect()
}

const SEND_TO_O365: &str = "[PS] C:\\>Get-SendConnector \"Outbound to Office 365\" | Format-List Name,AddressSpaces,SmartHosts,RequireTLS,TlsAuthLevel,TlsDomain,TlsCertificateName\n\nName               : Outbound to Office 365\nAddressSpaces      : {smtp:contoso.mail.onmicrosoft.com;1}\nSmartHosts         : {contoso-com.mail.protection.outlook.com}\nRequireTLS         : True\nTlsAuthLevel       : DomainValidation\nTlsDomain          : mail.protection.outlook.com\nTlsCertificateName : <I>CN=NDX Test Root CA<S>CN=testservereku.contoso.com\n";

#[test]
fn a_certificate_from_a_test_ca_on_the_hybrid_send_connector_is_named_a_private_ca() {
    let r = analyze(
        Lang::En,
        &[
            (
                "testservereku.contoso.com.cer",
                sample("testservereku.contoso.com.cer"),
            ),
            ("send.txt", SEND_TO_O365.as_bytes().to_vec()),
        ],
    );
    let found = external(&r);
    assert_eq!(found.len(), 1, "{:?}", r.findings);
    let f = found[0];
    assert!(f.title.contains("private CA"), "{}", f.title);
    assert!(
        f.explanation.contains("CN=NDX Test Root CA"),
        "{}",
        f.explanation
    );
    assert!(f.explanation.contains("name check"), "{}", f.explanation);
    assert_eq!(f.connectors, vec!["Outbound to Office 365"]);
    assert!(f
        .evidence
        .iter()
        .any(|e| e.path == "testservereku.contoso.com.cer"));
    assert!(f
        .evidence
        .iter()
        .any(|e| e.path == "send.txt" && e.text.starts_with("TlsCertificateName")));
    let ps = &f.remediation.as_ref().unwrap().powershell;
    assert!(
        ps.contains("Set-SendConnector -Identity 'Outbound to Office 365' -TlsCertificateName"),
        "{ps}"
    );
}

#[test]
fn a_self_signed_certificate_on_the_default_frontend_is_certain_in_german() {
    let receive = "Get-ReceiveConnector \"EX01\\Default Frontend EX01\" | Format-List Identity,Fqdn,TlsCertificateName\n\nIdentity           : EX01\\Default Frontend EX01\nFqdn               : mail.contoso.com\nTlsCertificateName : <I>O=Internet Widgits Pty Ltd, S=Some-State, C=AU<S>O=Internet Widgits Pty Ltd, S=Some-State, C=AU\n";
    let r = analyze(
        Lang::De,
        &[
            ("widgits-2016-new.cer", sample("widgits-2016-new.cer")),
            ("receive.txt", receive.as_bytes().to_vec()),
        ],
    );
    let found = external(&r);
    assert_eq!(found.len(), 1, "{:?}", r.findings);
    assert!(
        found[0].title.starts_with("Selbstsigniertes Zertifikat"),
        "{}",
        found[0].title
    );
    assert!(
        found[0].explanation.contains("selbstsigniert"),
        "{}",
        found[0].explanation
    );
    assert!(found[0].remediation.as_ref().unwrap().powershell.contains(
        "Set-ReceiveConnector -Identity 'EX01\\Default Frontend EX01' -TlsCertificateName"
    ));
}

#[test]
fn an_internal_connector_or_no_connector_says_nothing() {
    // The same test-CA certificate alone, and named by an internal Send connector.
    let alone = analyze(
        Lang::En,
        &[(
            "testservereku.contoso.com.cer",
            sample("testservereku.contoso.com.cer"),
        )],
    );
    assert!(external(&alone).is_empty());
    let internal = SEND_TO_O365
        .replace("Outbound to Office 365", "To Branch EX05")
        .replace(
            "{smtp:contoso.mail.onmicrosoft.com;1}",
            "{smtp:branch.contoso.local;1}",
        )
        .replace(
            "{contoso-com.mail.protection.outlook.com}",
            "{ex05.branch.contoso.local}",
        );
    let r = analyze(
        Lang::En,
        &[
            (
                "testservereku.contoso.com.cer",
                sample("testservereku.contoso.com.cer"),
            ),
            ("send.txt", internal.into_bytes()),
        ],
    );
    assert!(external(&r).is_empty(), "{:?}", r.findings);
}
