//! Labels of the page and of exported reports (the words around the findings), one table per
//! language, kept with that language's other texts: [`super::en::UI`], [`super::de::UI`].
//! Findings' own text (title, explanation, steps) comes from the diagnosis tables; this
//! table holds only the frame: headings, buttons, hints. The page never hard-codes a sentence.

use super::Lang;

/// Every label the page and the Markdown export show. One `const UI` per language (en.rs, de.rs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UiText {
    pub page_title: &'static str,
    pub tagline: &'static str,
    pub privacy_note: &'static str,
    pub language: &'static str,
    pub drop_title: &'static str,
    pub drop_hint: &'static str,
    pub choose_files: &'static str,
    pub choose_folder: &'static str,
    pub paste_label: &'static str,
    pub paste_placeholder: &'static str,
    pub paste_button: &'static str,
    pub samples_button: &'static str,
    pub clear_button: &'static str,
    pub cancel_button: &'static str,
    pub progress_overall: &'static str,
    pub progress_done: &'static str,
    pub progress_cancelled: &'static str,
    pub worker_failed: &'static str,
    pub verdict_waiting: &'static str,
    pub verdict_working: &'static str,
    pub findings_heading: &'static str,
    pub severity_error: &'static str,
    pub severity_warning: &'static str,
    pub severity_info: &'static str,
    pub evidence: &'static str,
    pub remediation: &'static str,
    pub powershell: &'static str,
    pub copy: &'static str,
    pub copied: &'static str,
    pub copy_failed: &'static str,
    pub certificates_heading: &'static str,
    pub thumbprint: &'static str,
    pub subject: &'static str,
    pub issuer: &'static str,
    pub serial_number: &'static str,
    pub valid_from: &'static str,
    pub valid_until: &'static str,
    pub today: &'static str,
    pub validity_expired: &'static str,
    pub validity_not_yet: &'static str,
    pub validity_ok: &'static str,
    pub private_key: &'static str,
    pub key_present_matches: &'static str,
    pub key_absent: &'static str,
    /// An encrypted key in the file stayed locked (password or pass phrase needed).
    pub key_locked: &'static str,
    pub key_mismatch: &'static str,
    pub names: &'static str,
    pub enhanced_key_usage: &'static str,
    pub none: &'static str,
    pub self_signed: &'static str,
    pub tls_certificate_name: &'static str,
    pub source_file: &'static str,
    pub files_heading: &'static str,
    pub file_ok: &'static str,
    pub password_protected: &'static str,
    pub password_wrong: &'static str,
    pub password_label: &'static str,
    pub password_submit: &'static str,
    pub file_damaged: &'static str,
    pub sessions_heading: &'static str,
    pub session: &'static str,
    pub connector: &'static str,
    pub remote_endpoint: &'static str,
    pub line: &'static str,
    pub log_summary: &'static str,
    pub log_lines: &'static str,
    pub log_sessions: &'static str,
    pub log_skipped: &'static str,
    pub export_heading: &'static str,
    pub export_markdown: &'static str,
    pub export_json: &'static str,
    pub redact_label: &'static str,
    pub report_title: &'static str,
    pub generated_by: &'static str,
    pub verdict: &'static str,
}

/// The label table for `lang`.
pub fn ui(lang: Lang) -> &'static UiText {
    match lang {
        Lang::En => &super::en::UI,
        Lang::De => &super::de::UI,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_is_filled_in_both_languages() {
        for t in [ui(Lang::En), ui(Lang::De)] {
            let dbg = format!("{t:?}");
            assert!(!dbg.contains(": \"\""), "empty label in {dbg}");
        }
        let (en, de) = (&super::super::en::UI, &super::super::de::UI);
        assert_ne!(en.findings_heading, de.findings_heading);
        assert_ne!(en.password_wrong, de.password_wrong);
    }
}
