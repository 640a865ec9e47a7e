//! What a person reads, built once in core from the report: the verdict, the findings, the
//! failing sessions grouped, the certificate cards with their key state, the files with their
//! state. The page (web/src/app), the CLI text output and the Markdown export only render it.

pub mod certificates;
pub mod files;
pub mod sessions;

pub use certificates::{cards, CertCard, KeyState};
pub use files::{file_state, FileState};
pub use sessions::{failing_sessions, FailingSession, SessionStep};

use crate::report::{AnalysisReport, FileReport, Finding};

/// The role of a certificate a log names (`observed_certificates[].role`: `sending`,
/// `received`, `remote`) in the report's language; another value stays as it is.
pub fn role_text(role: &str, lang: crate::i18n::Lang) -> &str {
    use crate::i18n::{text, Text};
    match role {
        "sending" => text(lang, Text::RoleSending),
        "received" => text(lang, Text::RoleReceived),
        "remote" => text(lang, Text::RoleRemote),
        other => other,
    }
}

/// The report's sections, ready to draw.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportView {
    pub verdict: String,
    pub findings: Vec<Finding>,
    /// At most [`sessions::MAX_SESSIONS_SHOWN`] failing sessions.
    pub sessions: Vec<FailingSession>,
    /// How many sessions failed in all (the report lists at most 1000 failures; the summary
    /// counts them all).
    pub session_total: usize,
    pub cards: Vec<CertCard>,
    pub files: Vec<FileReport>,
}

impl ReportView {
    pub fn build(report: &AnalysisReport) -> ReportView {
        let (sessions, listed) =
            failing_sessions(&report.tls_failures, &report.observed_certificates);
        let session_total = listed
            .max(usize::try_from(report.log_summary.tls_failures_total).unwrap_or(usize::MAX));
        ReportView {
            verdict: report.verdict.clone(),
            findings: report.findings.clone(),
            sessions,
            session_total,
            cards: cards(&report.files),
            files: report.files.clone(),
        }
    }
}
