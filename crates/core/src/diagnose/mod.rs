//! Findings from everything read: protocol-log facts and dropped certificate files.
//! One module per finding id; each adds its findings to the list. All text comes from
//! [`crate::i18n`]; the PowerShell is filled in with real thumbprints and connector names.

pub mod pasted;

use crate::i18n::Lang;
use crate::inspect::InspectedFile;
use crate::log::LogFacts;
use crate::report::{FileReport, Finding};

/// What diagnosis reads.
pub struct Input<'a> {
    pub files: &'a [&'a InspectedFile],
    pub logs: &'a LogFacts,
    pub now_unix: i64,
    pub lang: Lang,
}

/// What diagnosis produces.
pub struct Diagnosis {
    /// The file reports, with `has_private_key` / `matches_thumbprint` completed across files.
    pub files: Vec<FileReport>,
    pub findings: Vec<Finding>,
    pub verdict: String,
}

pub fn diagnose(input: &Input<'_>) -> Diagnosis {
    let files = input.files.iter().map(|f| f.report.clone()).collect();
    Diagnosis { files, findings: Vec::new(), verdict: String::new() }
}
