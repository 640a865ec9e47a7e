//! `insufficient-evidence` — the honest verdict (issue 13, item 3). Runs after
//! `no-tls-problem-found` (last in [`super::diagnose`]):
//!
//! * `no-tls-problem-found` stays only when a protocol log shows TLS negotiated for sessions
//!   that then went on (not all dropped by the remote right after the handshake), no other
//!   input contradicts it (no finding above `info`, no refusal of TLS in the logs), and every
//!   file could be read.
//! * Otherwise it becomes `insufficient-evidence`: it says why and lists what to collect next:
//!   the protocol log folders (`Get-TransportService | fl *ProtocolLogPath`), the logging level
//!   (`-ProtocolLoggingLevel Verbose` on the connectors involved, by name when known),
//!   certificates, connectors, queues, events and the Exchange Online message trace.
//! * A finding above `info` leaves neither (`no-tls-problem-found` is not produced then).

use crate::catalogue::cx::Cx;
use crate::catalogue::fix;
use crate::catalogue::sessions::DropStage;
use crate::catalogue::text::{msg, Msg};
use crate::catalogue::Id;
use crate::i18n::{fill, text, Text};
use crate::ids::FindingId;
use crate::log::events::Notable;
use crate::report::{Finding, Severity};

use super::context::Context;

pub const ID: FindingId = FindingId::InsufficientEvidence;

pub fn check(cx: &Context<'_>, out: &mut [Finding]) {
    if out.iter().any(|f| f.severity != Severity::Info) {
        return;
    }
    let Some(pos) = out
        .iter()
        .position(|f| f.id == super::no_tls_problem_found::ID)
    else {
        return;
    };
    let cx = Cx::of(cx);
    if let Some(why) = why_not_shown(&cx) {
        out[pos] = insufficient(&cx, &why, &out[pos]);
    }
}

/// Why the inputs do not show working TLS (`None`: they do), with what the Exchange logs of other
/// kinds given (message tracking, ...) cannot show.
fn why_not_shown(cx: &Cx<'_>) -> Option<String> {
    let why = why_not_shown_by_logs(cx);
    let other: Vec<&crate::report::FileReport> = cx
        .input
        .files
        .iter()
        .filter(|f| f.kind == crate::report::FileKind::ExchangeLog && f.error.is_none())
        .collect();
    if other.is_empty() {
        return why;
    }
    let mut types: Vec<&str> = other.iter().filter_map(|f| f.log_type.as_deref()).collect();
    types.sort_unstable();
    types.dedup();
    let files = file_names(&other);
    let note = fill(
        msg(cx.lang, Msg::WhyOtherExchangeLog),
        &[
            ("files", files.as_str()),
            ("log_types", types.join(", ").as_str()),
        ],
    );
    Some(match why {
        // Nothing else was read: the note is the whole reason.
        Some(w) if w == msg(cx.lang, Msg::WhyNothingRead) => note,
        Some(w) => format!("{w} {note}"),
        None => return None,
    })
}

/// The names of `files` without their folders, the first three and a count of the rest
/// (`a.LOG, b.LOG, c.LOG (+2)`).
fn file_names(files: &[&crate::report::FileReport]) -> String {
    let names: Vec<&str> = files
        .iter()
        .take(3)
        .map(|f| f.path.rsplit(['/', '\\']).next().unwrap_or(&f.path))
        .collect();
    let mut text = names.join(", ");
    if files.len() > names.len() {
        text.push_str(&format!(" (+{})", files.len() - names.len()));
    }
    text
}

fn why_not_shown_by_logs(cx: &Cx<'_>) -> Option<String> {
    let lang = cx.lang;
    let logs = cx.input.logs;
    let successes: u64 = logs.connectors.iter().map(|c| c.tls_succeeded).sum();
    let dropped: u64 = logs.drops(DropStage::AfterTls).map(|g| g.count).sum();
    let refused = logs
        .notable
        .iter()
        .any(|(k, l)| matches!(k, Notable::TlsRefusedByRemote) && l.count > 0);
    if logs.summary.lines == 0 || logs.summary.sessions == 0 {
        let certificates: usize = cx.input.files.iter().map(|f| f.certificates.len()).sum();
        if certificates > 0 {
            return Some(fill(
                msg(lang, Msg::WhyOnlyFiles),
                &[("certificates", certificates.to_string().as_str())],
            ));
        }
        if cx.input.pastes.is_empty() && cx.input.clues.is_empty() {
            // A protocol log was read, and every line of it was a header line.
            let headers_only =
                logs.summary.lines > 0
                    && logs.summary.skipped_lines == 0
                    && cx.input.files.iter().any(|f| {
                        f.kind == crate::report::FileKind::ProtocolLog && f.error.is_none()
                    });
            if headers_only {
                return Some(msg(lang, Msg::WhyOnlyHeaders).to_string());
            }
            return Some(msg(lang, Msg::WhyNothingRead).to_string());
        }
        // A queue stuck for a reason that is no TLS failure is not "no failure".
        if let Some(q) = cx
            .input
            .pastes
            .iter()
            .flat_map(|(_, o)| o.queues.iter())
            .find(|q| {
                q.is_retry()
                    && q.last_error.as_deref().is_some_and(|e| {
                        let e = e.to_ascii_lowercase();
                        !["tls", "certificat", "credential"]
                            .iter()
                            .any(|w| e.contains(w))
                    })
            })
        {
            let whole = q.last_error.as_deref().unwrap_or("");
            let mut error: String = whole.chars().take(160).collect();
            if error.len() < whole.len() {
                error.push('\u{2026}');
            }
            return Some(fill(
                msg(lang, Msg::WhyPastedQueueNotTls),
                &[
                    ("queue", q.identity.as_deref().unwrap_or("?")),
                    ("error", error.as_str()),
                ],
            ));
        }
        return Some(msg(lang, Msg::WhyOnlyPastes).to_string());
    }
    if successes == 0 {
        return Some(fill(
            msg(lang, Msg::WhyNoTls),
            &[("sessions", logs.summary.sessions.to_string().as_str())],
        ));
    }
    if dropped >= successes || refused {
        return Some(msg(lang, Msg::WhyDropped).to_string());
    }
    let turned_away = logs.notable.iter().any(|(k, l)| {
        matches!(k, Notable::StartTlsRequired | Notable::TlsNotAvailable) && l.count > 0
    });
    if turned_away {
        return Some(msg(lang, Msg::WhyTlsTurnedAway).to_string());
    }
    let statuses: Vec<&str> = failed_chain_statuses(logs)
        .map(|(status, _, _)| status.as_str())
        .collect();
    if !statuses.is_empty() {
        return Some(fill(
            msg(lang, Msg::WhyChainStatus),
            &[("statuses", statuses.join(", ").as_str())],
        ));
    }
    None
}

/// `Client certificate chain validation status` values other than those of a session that
/// went well: `EmptyCertificate` (the remote sent no certificate, as most do) and a valid
/// chain (`Valid`, `NoError`).
fn failed_chain_statuses(
    logs: &crate::log::LogFacts,
) -> impl Iterator<Item = &(String, u64, crate::report::Evidence)> {
    logs.chain_statuses.iter().filter(|(status, _, _)| {
        // Stored without its quotes by the reader (`ChainValidation`).
        let s = status.trim();
        !["EmptyCertificate", "Valid", "NoError", ""]
            .iter()
            .any(|ok| s.eq_ignore_ascii_case(ok))
    })
}

fn insufficient(cx: &Cx<'_>, why: &str, was: &Finding) -> Finding {
    let receive = cx.receive_connectors();
    let send = cx.send_connectors();
    let mut f = cx.finding(
        Id::InsufficientEvidence,
        Severity::Info,
        &[("why", why)],
        was.evidence.clone(),
        Vec::new(),
        was.connectors.clone(),
        fix::collection(&receive, &send),
    );
    // The rows that made the verdict doubtful come first among the evidence.
    let mut doubtful: Vec<crate::report::Evidence> = failed_chain_statuses(cx.input.logs)
        .map(|(_, _, e)| e.clone())
        .collect();
    for (kind, lines) in &cx.input.logs.notable {
        if matches!(kind, Notable::StartTlsRequired | Notable::TlsNotAvailable) {
            doubtful.extend(lines.evidence.iter().take(3).cloned());
        }
    }
    f.evidence.retain(|e| !doubtful.contains(e));
    f.evidence.splice(0..0, doubtful);
    f.evidence.truncate(crate::limits::MAX_EVIDENCE_PER_FINDING);
    // What else the logs show stays said (AUTH failures, timeouts, ...).
    for (kind, lines) in &cx.input.logs.notable {
        let key = match kind {
            Notable::AuthFailed => Text::AlsoAuthFailed,
            Notable::ConnectionTimedOut => Text::AlsoConnectionTimedOut,
            Notable::ConnectionDropped => Text::AlsoConnectionDropped,
            Notable::StartTlsRequired => Text::AlsoStartTlsRequired,
            Notable::StartTlsDemandedOfClient => Text::AlsoStartTlsDemandedOfClient,
            Notable::TemporaryAuthFailure => Text::AlsoTemporaryAuthFailure,
            Notable::TlsRefusedByRemote => Text::AlsoTlsRefusedByRemote,
            Notable::TlsNotAvailable => Text::AlsoTlsNotAvailable,
        };
        f.explanation.push(' ');
        f.explanation.push_str(&fill(
            text(cx.lang, key),
            &[("count", lines.count.to_string().as_str())],
        ));
    }
    // A Send connector whose remote never offered STARTTLS: the reason no session has TLS
    // (Receive connectors are covered by `starttls-not-offered`).
    for c in &cx.input.logs.connectors {
        if c.direction == crate::log::facts::Direction::Send
            && c.ehlo_without_starttls > 0
            && c.starttls_advertised == 0
        {
            f.explanation.push(' ');
            f.explanation.push_str(&fill(
                text(cx.lang, Text::AlsoStartTlsNotAdvertised),
                &[("connector", c.name.as_str())],
            ));
            if let Some(e) = &c.ehlo_without_starttls_evidence {
                if !f.evidence.contains(e) {
                    f.evidence.push(e.clone());
                }
            }
        }
    }
    // Files that could not be read (damaged, locked, not recognised) are named: the verdict
    // is about the rest ("nothing read" already says it of every file).
    if why != msg(cx.lang, Msg::WhyNothingRead) {
        let unreadable: Vec<&crate::report::FileReport> =
            cx.input.files.iter().filter(|f| f.is_unread()).collect();
        if !unreadable.is_empty() {
            let files = file_names(&unreadable);
            f.explanation.push(' ');
            f.explanation.push_str(&fill(
                text(cx.lang, Text::AlsoFilesUnreadable),
                &[
                    ("count", unreadable.len().to_string().as_str()),
                    ("files", files.as_str()),
                ],
            ));
        }
    }
    // Events saved without their message: read as events, but what they say is unknown.
    let unread: Vec<String> = cx
        .input
        .files
        .iter()
        .flat_map(|file| {
            file.warnings.iter().filter_map(move |w| match &w.warning {
                Some(crate::warning::Warning::EventXmlWithoutMessage {
                    line, event_id, ..
                }) => Some(format!("{event_id}: {}:{line}", file.path)),
                _ => None,
            })
        })
        .collect();
    if !unread.is_empty() {
        f.explanation.push(' ');
        f.explanation.push_str(&fill(
            text(cx.lang, Text::AlsoEventsWithoutMessage),
            &[
                ("count", unread.len().to_string().as_str()),
                ("events", unread.join("; ").as_str()),
            ],
        ));
    }
    f.evidence.truncate(crate::limits::MAX_EVIDENCE_PER_FINDING);
    f
}
