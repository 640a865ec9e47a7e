//! Diagnosis over the bundled samples and test logs (core API, no CLI).

use tlsdoctor_core::analyze::{AnalyzeOptions, Analyzer};
use tlsdoctor_core::i18n::Lang;
use tlsdoctor_core::report::{AnalysisReport, Severity};

fn read(rel: &str) -> Vec<u8> {
    std::fs::read(format!("{}/../../testdata/{rel}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// 2026-01-01T00:00:00Z.
const NOW: i64 = 1_767_225_600;

fn analyze(files: &[&str], lang: Lang, passwords: &[&str]) -> AnalysisReport {
    let mut a = Analyzer::new(AnalyzeOptions {
        lang,
        now_unix: NOW,
        passwords: passwords.iter().map(|s| s.to_string()).collect(),
    });
    for f in files {
        a.add_file(f, &read(f));
    }
    a.report()
}

fn ids(r: &AnalysisReport) -> Vec<&str> {
    r.findings.iter().map(|f| f.id.as_str()).collect()
}

#[test]
fn dump() {
    let r = analyze(&["samples/SEND20240502-1.LOG", "samples/testservereku.contoso.com.cer"], Lang::En, &[]);
    println!("{}", serde_json::to_string_pretty(&r).unwrap());
    let _ = ids(&r);
    let _ = Severity::Error;
}
