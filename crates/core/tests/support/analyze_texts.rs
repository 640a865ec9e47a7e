//! One analysis of texts built in a test, each under its own file name, at a fixed "now":
//! shared by the diagnosis tests that write their inputs in code.

use tlsdoctor_core::analyze::{AnalyzeOptions, Analyzer};
use tlsdoctor_core::i18n::Lang;
use tlsdoctor_core::report::AnalysisReport;

pub fn analyze_texts(lang: Lang, now_unix: i64, files: &[(&str, String)]) -> AnalysisReport {
    let mut a = Analyzer::new(AnalyzeOptions {
        lang,
        now_unix,
        passwords: Vec::new(),
    });
    for (path, text) in files {
        a.add_file(path, text.as_bytes());
    }
    a.report()
}
