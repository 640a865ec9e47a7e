//! The shape of the text of the findings made from pasted shell output
//! ([`crate::diagnose`]); one table per language: [`super::en::PASTE`] / [`super::de::PASTE`],
//! next to the other texts of that language.

use crate::paste::tls_certificate_name::TlsNameProblem;

use super::Lang;

/// A certificate as a person recognises it: `CN=mail.contoso.com (3D5F…, valid until …)`.
pub struct CertLabel<'a> {
    pub subject: &'a str,
    pub thumbprint: &'a str,
    pub not_before: Option<&'a str>,
    pub not_after: Option<&'a str>,
}

/// A queue in Retry: its identity and how many messages wait.
pub struct StuckQueue<'a> {
    pub identity: &'a str,
    pub messages: u64,
}

pub struct PasteText {
    pub cert_label: fn(&CertLabel<'_>) -> String,

    pub no_match_title: fn(connector: &str) -> String,
    pub no_match_event_title: fn(name: &str) -> String,
    pub no_match_explanation:
        fn(connector: Option<&str>, name: &str, known: usize, same_subject: Option<&str>) -> String,
    pub no_match_steps: fn(has_candidate: bool) -> Vec<String>,
    pub no_match_not_smtp: fn(cert: &str) -> String,

    pub ambiguous_title: fn(connector: &str, count: usize) -> String,
    pub ambiguous_explanation: fn(
        connector: &str,
        name: &str,
        chosen: &str,
        chosen_valid: bool,
        others: &[String],
    ) -> String,
    pub ambiguous_steps: fn() -> Vec<String>,

    pub no_key_title: fn(cert: &str) -> String,
    pub no_key_stuck_title: fn(destination: &str, connector: &str) -> String,
    pub no_key_explanation:
        fn(cert: &str, connector: Option<&str>, queue: Option<StuckQueue<'_>>) -> String,
    pub no_key_steps: fn() -> Vec<String>,

    pub no_smtp_title: fn(cert: &str) -> String,
    pub no_smtp_stuck_title: fn(destination: &str, connector: &str) -> String,
    pub no_smtp_explanation: fn(cert: &str, services: &str, connector: Option<&str>) -> String,
    pub no_smtp_steps: fn() -> Vec<String>,

    pub malformed_title: fn(connector: &str) -> String,
    pub malformed_explanation:
        fn(connector: &str, value: &str, problems: &[String], corrected: Option<&str>) -> String,
    pub malformed_problem: fn(&TlsNameProblem) -> String,
    pub malformed_steps: fn(from_certificate: bool) -> Vec<String>,

    pub expired_event_title: fn(fqdn: &str) -> String,
    pub expires_soon_event_title: fn(what: &str, hours: Option<u64>) -> String,
    pub internal_expires_soon_event_title: fn(thumbprint: &str, hours: Option<u64>) -> String,
    pub expiry_event_explanation:
        fn(event_id: u32, what: &str, replacement: Option<&str>) -> String,
    pub expiry_steps: fn(has_replacement: bool, internal: bool) -> Vec<String>,

    pub selected_expired_title: fn(connector: &str, not_after: &str) -> String,
    pub selected_not_yet_valid_title: fn(connector: &str, not_before: &str) -> String,
    pub selected_expires_soon_title: fn(connector: &str, days: i64) -> String,
    pub selected_validity_explanation:
        fn(connector: &str, cert: &str, replacement: Option<&str>) -> String,

    /// `2 certificates, 1 connector, 1 queue, 0 events read; 3 lines skipped`.
    pub pasted_summary: fn(
        certificates: usize,
        connectors: usize,
        queues: usize,
        events: usize,
        server_errors: usize,
        log_rows: u64,
        skipped: u64,
    ) -> String,
    /// The file warning for lines of a paste that were not recognised.
    pub lines_skipped: fn(count: u64) -> String,
    /// `Send connector`, `Receive connector`, `Connector`.
    pub connector_kind: fn(crate::paste::connector::ConnectorKind) -> &'static str,
    pub line_word: &'static str,
    pub queue_word: &'static str,
    pub messages_word: &'static str,
    /// `error` / `warning` before a shell message's text in the summary.
    pub shell_error_word: &'static str,
    pub shell_warning_word: &'static str,
    pub event_word: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub unknown: &'static str,

    /// PowerShell comment lines.
    pub ps_comment_find_cert: &'static str,
    pub ps_comment_import_pfx: &'static str,
    pub ps_comment_repair_key: &'static str,
    pub ps_comment_enable_smtp: &'static str,
    pub ps_comment_set_name: &'static str,
    pub ps_comment_clear_name: &'static str,
    pub ps_comment_remove_old: &'static str,
    pub ps_comment_restart: &'static str,
    pub ps_comment_stop: &'static str,
    pub ps_comment_start: &'static str,
    pub ps_comment_retry_queue: &'static str,
    pub ps_comment_request: &'static str,
    pub ps_comment_import_issued: &'static str,
    pub ps_comment_renew_self_signed: &'static str,
    /// Put before a command that was commented out because a value in it held characters
    /// that cannot be pasted safely (shown as `[U+XXXX]`).
    pub ps_comment_unsafe_value: &'static str,
    /// The step added to a finding whose command was commented out that way.
    pub unsafe_value_step: &'static str,
}

pub fn paste_text(lang: Lang) -> &'static PasteText {
    match lang {
        Lang::En => &super::en::PASTE,
        Lang::De => &super::de::PASTE,
    }
}
