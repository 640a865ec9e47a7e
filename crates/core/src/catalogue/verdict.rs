//! Honest verdicts (issue 13, item 3).
//!
//! * `no-tls-problem-found` stays only when a protocol log shows TLS negotiated for sessions
//!   that then went on (not all dropped by the remote right after the handshake), no other
//!   input contradicts it (no finding above `info`, no refusal of TLS in the logs), and every
//!   file could be read.
//! * Otherwise, when nothing was found, `insufficient-evidence` says why and lists what to
//!   collect next: the protocol log folders (`Get-TransportService | fl *ProtocolLogPath`), the
//!   logging level (`-ProtocolLoggingLevel Verbose` on the connectors involved, by name when
//!   known), certificates, connectors, queues, events and the Exchange Online message trace.
//! * A finding above `info` removes both.

use super::fix;
use super::rules::Cx;
use super::text::{msg, Msg};
use super::Id;
use crate::i18n::{fill, text, Text};
use crate::log::events::Notable;
use crate::report::{Finding, Severity};

const NO_PROBLEM: crate::ids::FindingId = crate::ids::FindingId::NoTlsProblemFound;

/// The verdict sentence the engine writes for `findings` (same rule as [`crate::diagnose`]).
pub fn standard(lang: crate::i18n::Lang, findings: &[Finding]) -> String {
    let Some(first) = findings.first() else {
        return String::new();
    };
    let problems = findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .count();
    match problems {
        0 => first.title.clone(),
        1 => fill(
            text(lang, Text::VerdictOne),
            &[("title", first.title.as_str())],
        ),
        n => fill(
            text(lang, Text::VerdictMany),
            &[
                ("title", first.title.as_str()),
                ("more", (n - 1).to_string().as_str()),
            ],
        ),
    }
}

pub fn settle(cx: &Cx<'_>, findings: &mut Vec<Finding>, verdict: &mut String, was_standard: bool) {
    let lang = cx.lang;
    let problems = findings.iter().any(|f| f.severity != Severity::Info);
    if problems {
        findings.retain(|f| f.id != NO_PROBLEM && f.id != Id::InsufficientEvidence.as_str());
    } else if let Some(pos) = findings.iter().position(|f| f.id == NO_PROBLEM) {
        if let Some(why) = why_not_shown(cx) {
            let replacement = insufficient(cx, &why, &findings[pos]);
            findings[pos] = replacement;
        }
    } else if findings.is_empty() && cx.input.clues.is_empty() {
        // Nothing judged at all: the engine's own "nothing read / nothing to analyse" stands.
        return;
    }
    let first_is_summary = findings
        .first()
        .is_some_and(|f| f.id == NO_PROBLEM || f.id == Id::InsufficientEvidence.as_str());
    let no_problem_title = text(lang, Text::NoProblemTitle);
    if first_is_summary || was_standard || verdict.is_empty() || verdict == no_problem_title {
        let v = standard(lang, findings);
        if !v.is_empty() {
            *verdict = v;
        }
    }
}

/// Why the inputs do not show working TLS (`None`: they do).
fn why_not_shown(cx: &Cx<'_>) -> Option<String> {
    let lang = cx.lang;
    let logs = cx.input.logs;
    let successes: u64 = logs.connectors.iter().map(|c| c.tls_succeeded).sum();
    let dropped: u64 = logs.dropped_after_tls.iter().map(|g| g.count).sum();
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
            return Some(msg(lang, Msg::WhyNothingRead).to_string());
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
    None
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
    // What else the logs show stays said (AUTH failures, timeouts, ...).
    for (kind, lines) in &cx.input.logs.notable {
        let key = match kind {
            Notable::AuthFailed => Text::AlsoAuthFailed,
            Notable::ConnectionTimedOut => Text::AlsoConnectionTimedOut,
            Notable::ConnectionDropped => Text::AlsoConnectionDropped,
            Notable::StartTlsRequired => Text::AlsoStartTlsRequired,
            Notable::TemporaryAuthFailure => Text::AlsoTemporaryAuthFailure,
            Notable::TlsRefusedByRemote => Text::AlsoTlsRefusedByRemote,
        };
        f.explanation.push(' ');
        f.explanation.push_str(&fill(
            text(cx.lang, key),
            &[("count", lines.count.to_string().as_str())],
        ));
    }
    f
}
