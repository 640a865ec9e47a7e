//! `no-tls-problem-found`: nothing above found a TLS problem. Says what the logs do show
//! (sessions, TLS negotiated, AUTH failures, ...) so nobody blames the certificate for them.

use crate::ids::FindingId;

use crate::i18n::Text;
use crate::log::events::Notable;
use crate::report::{Evidence, Finding, Severity};

use super::context::Context;

pub const ID: FindingId = FindingId::NoTlsProblemFound;

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    if out.iter().any(|f| f.severity != Severity::Info) {
        return;
    }
    // No log and no readable certificate: nothing was judged, so nothing can be called fine.
    // Exchange's other logs (message tracking, ...) count as read text: `insufficient-evidence`
    // then says they cannot show TLS.
    let pasted = cx.files.iter().any(|f| {
        matches!(
            f.kind,
            crate::report::FileKind::ShellOutput | crate::report::FileKind::ExchangeLog
        ) && f.error.is_none()
    });
    if !cx.has_logs() && cx.dropped.is_empty() && !pasted {
        return;
    }
    let logs = cx.logs;
    let successes: u64 = logs.connectors.iter().map(|c| c.tls_succeeded).sum();
    let mut protocols: Vec<&str> = logs
        .connectors
        .iter()
        .flat_map(|c| c.protocols.iter().map(String::as_str))
        .collect();
    protocols.sort_unstable();
    protocols.dedup();
    let sessions = logs.summary.sessions.to_string();
    let succ = successes.to_string();
    let protos = if protocols.is_empty() {
        cx.text(Text::ProtocolNotLogged).to_string()
    } else {
        protocols.join(", ")
    };
    // Certificates given as files or pasted listings (not those only a log names).
    let certs = cx
        .evidence
        .certificates
        .iter()
        .filter(|c| {
            c.sources
                .iter()
                .any(|s| s.kind != crate::evidence::SourceKind::LogBlock)
        })
        .count()
        .to_string();
    let vars = [
        ("sessions", sessions.as_str()),
        ("successes", succ.as_str()),
        ("protocols", protos.as_str()),
        ("certificates", certs.as_str()),
    ];
    let mut explanation = if cx.has_logs() {
        cx.fill(Text::NoProblemLogsExplanation, &vars)
    } else {
        cx.fill(Text::NoProblemFilesExplanation, &vars)
    };
    let mut evidence: Vec<Evidence> = logs
        .connectors
        .iter()
        .filter_map(|c| c.first_success.clone())
        .collect();
    for (kind, lines) in &logs.notable {
        let count = lines.count.to_string();
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
        explanation.push(' ');
        explanation.push_str(&cx.fill(key, &[("count", count.as_str())]));
        evidence.extend(lines.evidence.iter().take(3).cloned());
    }
    for c in &logs.connectors {
        // Receive connectors are covered by `starttls-not-offered`.
        if c.direction == crate::log::facts::Direction::Send
            && c.ehlo_without_starttls > 0
            && c.starttls_advertised == 0
        {
            explanation.push(' ');
            explanation.push_str(&cx.fill(
                Text::AlsoStartTlsNotAdvertised,
                &[("connector", c.name.as_str())],
            ));
            evidence.extend(c.ehlo_without_starttls_evidence.clone());
        }
    }
    evidence.truncate(crate::limits::MAX_EVIDENCE_PER_FINDING);
    out.push(Finding {
        id: ID,
        severity: Severity::Info,
        title: cx.text(Text::NoProblemTitle).to_string(),
        explanation,
        evidence,
        thumbprints: Vec::new(),
        connectors: logs.connectors.iter().map(|c| c.name.clone()).collect(),
        remediation: None,
    });
}
