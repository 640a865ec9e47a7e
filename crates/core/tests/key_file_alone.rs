//! A private-key file given alone (here `openssl genrsa -aes256 -traditional`, opened with its
//! pass phrase; testdata/x509/traditional): the verdict says a key was read and what is missing,
//! not "nothing to analyse", and the file's key is listed with what it matches.

use tlsdoctor_core::analyze::{AnalyzeOptions, Analyzer};
use tlsdoctor_core::i18n::Lang;
use tlsdoctor_core::view::files::key_lines;

fn analyze(lang: Lang, files: &[&str]) -> tlsdoctor_core::report::AnalysisReport {
    let mut analyzer = Analyzer::new(AnalyzeOptions {
        lang,
        now_unix: 1_796_083_200,
        passwords: vec!["x".to_string()],
    });
    for f in files {
        let bytes = std::fs::read(format!(
            "{}/../../testdata/x509/traditional/{f}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        analyzer.add_file(f, &bytes);
    }
    analyzer.report()
}

#[test]
fn a_key_alone_is_named_in_the_verdict_and_listed() {
    let report = analyze(Lang::En, &["openssl-genrsa-aes256-traditional.key"]);
    assert!(
        report
            .verdict
            .starts_with("Only private keys were read (1: RSA-2048)"),
        "{}",
        report.verdict
    );
    assert_eq!(
        key_lines(&report.files[0], Lang::En),
        ["private key RSA-2048: matches no certificate given"]
    );
    let german = analyze(Lang::De, &["openssl-genrsa-aes256-traditional.key"]);
    assert!(
        german
            .verdict
            .starts_with("Es wurden nur private Schlüssel gelesen"),
        "{}",
        german.verdict
    );
    // With its certificate the key line names it, and the verdict is about the certificate.
    let both = analyze(
        Lang::En,
        &[
            "openssl-genrsa-aes256-traditional.key",
            "openssl-genrsa-aes256-traditional.crt",
        ],
    );
    assert_eq!(
        key_lines(&both.files[0], Lang::En),
        ["private key RSA-2048: matches certificate 5BBC7971F222EB53F5B9ADE11CECDC4CB60A968E"]
    );
    assert!(
        !both.verdict.starts_with("Only private keys"),
        "{}",
        both.verdict
    );
}
