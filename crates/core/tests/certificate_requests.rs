//! A certificate signing request given alone (`New-ExchangeCertificate -GenerateRequest`,
//! `certreq -new`, `openssl req -new`) as PEM (`NEW CERTIFICATE REQUEST`, CRLF), DER
//! (`-BinaryEncoded`) and Base64 without armour (testdata/x509/requests, README.md there): it is
//! read for what it asks for, named a request waiting for the CA's answer with the
//! Import-ExchangeCertificate that completes it, and never counted as a file that could not be read.

use tlsdoctor_core::analyze::{AnalyzeOptions, Analyzer};
use tlsdoctor_core::i18n::Lang;
use tlsdoctor_core::report::{AnalysisReport, FileKind};

fn read(rel: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../../testdata/{rel}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn analyze(lang: Lang, files: &[&str]) -> AnalysisReport {
    let mut analyzer = Analyzer::new(AnalyzeOptions {
        lang,
        now_unix: 1_796_083_200, // 2026-12-01
        passwords: Vec::new(),
    });
    for f in files {
        analyzer.add_file(f, &read(f));
    }
    analyzer.report()
}

const SHAPES: [&str; 3] = [
    "x509/requests/openssl-req-newhdr-san-crlf.req",
    "x509/requests/openssl-req-san-binary.req",
    "x509/requests/openssl-req-san-base64-no-armour.txt",
];

#[test]
fn a_request_alone_is_named_with_what_it_asks_for_and_how_to_complete_it() {
    for shape in SHAPES {
        let report = analyze(Lang::En, &[shape]);
        let file = &report.files[0];
        assert_eq!(file.kind, FileKind::NotACertificate, "{shape}");
        let request = file.certificate_request.as_ref().expect(shape);
        assert_eq!(
            request.subject,
            "CN=mail.contoso.com, O=\"Contoso, Ltd.\", L=Redmond, S=Washington, C=US"
        );
        assert_eq!(
            request.dns_names,
            [
                "mail.contoso.com",
                "autodiscover.contoso.com",
                "legacy.contoso.com"
            ]
        );
        assert_eq!(request.public_key, "RSA-2048");
        assert!(
            !report.verdict.contains("could not be read"),
            "{shape}: {}",
            report.verdict
        );
        assert!(
            report.verdict.contains("certificate request"),
            "{}",
            report.verdict
        );
        let finding = report
            .findings
            .iter()
            .find(|f| f.id == "certificate-request-not-completed")
            .expect(shape);
        let powershell = &finding.remediation.as_ref().unwrap().powershell;
        assert!(
            powershell.contains(
                "Import-ExchangeCertificate -Server '<ServerName>' -FileData ([System.IO.File]::ReadAllBytes('C:\\Certs\\mail.contoso.com.cer'))"
            ),
            "{powershell}"
        );
        assert!(finding.explanation.contains("autodiscover.contoso.com"));
    }
}

#[test]
fn in_german_too() {
    let report = analyze(Lang::De, &[SHAPES[0]]);
    assert!(
        report.verdict.contains("Zertifikatsanforderung"),
        "{}",
        report.verdict
    );
    let error = report.files[0].error.as_ref().unwrap();
    assert_eq!(
        error.message,
        "Dies ist eine Zertifikatsanforderung (CSR, PKCS#10), kein Zertifikat."
    );
    assert_eq!(
        tlsdoctor_core::view::files::kind_text(&report.files[0], Lang::De),
        "Zertifikatsanforderung (CSR), kein Zertifikat"
    );
}

#[test]
fn with_its_certificate_the_request_is_a_note_and_not_an_unreadable_file() {
    // openssl/request.csr.der and openssl/rsa2048.cer share the subject.
    let report = analyze(
        Lang::En,
        &["x509/openssl/request.csr.der", "x509/openssl/rsa2048.cer"],
    );
    let finding = report
        .findings
        .iter()
        .find(|f| f.id == "certificate-request-not-completed")
        .unwrap();
    assert_eq!(finding.severity, tlsdoctor_core::report::Severity::Info);
    for f in &report.findings {
        assert!(
            !f.explanation.contains("could not be read"),
            "{}: {}",
            f.id,
            f.explanation
        );
    }
}
