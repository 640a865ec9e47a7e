//! File-level warnings and errors are worded in the report's language, like the findings: a
//! German `analyze` says "PEM-Block 2 (ERRORS, Zeile 17) ist kein Zertifikat ..." where it
//! said it in English before. `inspect` (contract v1) keeps English words, and the JSON keeps a
//! list of strings.
//!
//! Inputs: BoringSSL's certificate parser tests (serial_not_minimal.pem carries an `ERRORS` PEM
//! block after its certificate; serial_negative.pem a negative serial) and a .NET test PFX that
//! ends in 8 zero bytes after its PFX SEQUENCE (testdata/corpus/MANIFEST.tsv:
//! `"trailing_bytes": "8 bytes after the PFX SEQUENCE (all zero)"`).

use std::path::PathBuf;

use tlsdoctor_core::analyze::{AnalyzeOptions, Analyzer};
use tlsdoctor_core::i18n::Lang;
use tlsdoctor_core::report::AnalysisReport;

fn corpus(rel: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/corpus")
        .join(rel);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

const NOT_MINIMAL: &str = "x509/boringssl-parse-certificate/serial_not_minimal.pem";
const NEGATIVE: &str = "x509/boringssl-parse-certificate/serial_negative.pem";
const PFX: &str =
    "pkcs12/dotnet-runtime-assets/System.Net.TestData/testservereku.contoso.com.noRC2.pfx";

fn analyze(lang: Lang) -> AnalysisReport {
    let mut a = Analyzer::new(AnalyzeOptions {
        now_unix: 1_767_225_600,
        passwords: vec!["testcertificate".into()],
        ..Default::default()
    });
    a.set_lang(lang);
    for rel in [NOT_MINIMAL, NEGATIVE, PFX] {
        a.add_file(rel, &corpus(rel));
    }
    a.report()
}

fn file<'a>(r: &'a AnalysisReport, rel: &str) -> &'a tlsdoctor_core::report::FileReport {
    r.files.iter().find(|f| f.path == rel).unwrap()
}

#[test]
fn german_report_words_file_warnings_and_errors_in_german() {
    let de = analyze(Lang::De);
    let en = analyze(Lang::En);

    // An error inside a PEM block: the place and the message, both in German.
    let error = file(&de, NOT_MINIMAL).error.as_ref().unwrap();
    assert!(
        error
            .message
            .starts_with("PEM-Block 1 (CERTIFICATE, Zeile 10): "),
        "{}",
        error.message
    );
    assert_eq!(
        file(&en, NOT_MINIMAL).error.as_ref().unwrap().message,
        "PEM block 1 (CERTIFICATE, line 10): The file is damaged or not in the expected format: the serial number is not a valid (minimally encoded) INTEGER."
    );
    assert_ne!(
        error.message,
        file(&en, NOT_MINIMAL).error.as_ref().unwrap().message
    );

    // The block that is not a certificate.
    assert_eq!(
        file(&de, NOT_MINIMAL).warnings[0].message,
        "PEM-Block 2 (ERRORS, Zeile 17) ist kein Zertifikat und wurde nicht gelesen."
    );
    assert_eq!(
        file(&en, NOT_MINIMAL).warnings[0].message,
        "PEM block 2 (ERRORS, line 17) is not a certificate and was ignored"
    );

    // A certificate's own remark.
    let negative = &file(&de, NEGATIVE).certificates[0];
    assert!(
        negative
            .warnings
            .iter()
            .any(|w| w.message.starts_with("Die Seriennummer ist negativ")),
        "{:?}",
        negative.warnings
    );

    // The PKCS#12 file's 8 trailing bytes (the corpus fact), in both languages.
    let pfx_de: Vec<&str> = file(&de, PFX)
        .warnings
        .iter()
        .map(|w| w.message.as_str())
        .collect();
    let pfx_en: Vec<&str> = file(&en, PFX)
        .warnings
        .iter()
        .map(|w| w.message.as_str())
        .collect();
    assert!(
        pfx_de.contains(&"8 Bytes nach der PKCS#12-Struktur wurden ignoriert."),
        "{pfx_de:?}"
    );
    assert!(
        pfx_en.contains(&"8 bytes follow the PKCS#12 structure and were ignored."),
        "{pfx_en:?}"
    );

    // No English sentence is left in the German files list: every warning differs from its
    // English twin.
    for (d, e) in de.files.iter().zip(&en.files) {
        assert_eq!(d.warnings.len(), e.warnings.len());
        for (wd, we) in d.warnings.iter().zip(&e.warnings) {
            assert_ne!(wd.message, we.message, "{}: not localised", d.path);
        }
    }

    // The JSON keeps a list of strings (contract v1).
    let json = serde_json::to_value(&de).unwrap();
    assert!(json["files"][0]["warnings"][0].is_string(), "{json}");
}

#[test]
fn inspect_keeps_english_words() {
    let r = tlsdoctor_core::inspect::inspect_one(NOT_MINIMAL, &corpus(NOT_MINIMAL), &[]);
    assert_eq!(
        r.report.warnings[0].message,
        "PEM block 2 (ERRORS, line 17) is not a certificate and was ignored"
    );
}

/// The page and the CLI name a file's kind with core's words.
#[test]
fn kinds_in_words() {
    use tlsdoctor_core::view::files::kind_text;
    let de = analyze(Lang::De);
    assert_eq!(kind_text(file(&de, PFX), Lang::De), "PKCS#12 (.pfx/.p12)");
    assert_eq!(kind_text(file(&de, NEGATIVE), Lang::De), "Zertifikat");
    assert_eq!(kind_text(file(&de, NEGATIVE), Lang::En), "Certificate");
    let mut log = tlsdoctor_core::report::FileReport::new(
        "MSGTRK.LOG",
        tlsdoctor_core::report::FileKind::ExchangeLog,
    );
    assert_eq!(
        kind_text(&log, Lang::En),
        "Exchange log (no TLS handshakes)"
    );
    log.log_type = Some("Message Tracking Log".into());
    assert_eq!(
        kind_text(&log, Lang::De),
        "Message Tracking Log (ohne TLS-Handshakes)"
    );
}
