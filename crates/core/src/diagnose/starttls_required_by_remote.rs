//! `starttls-required-by-remote`: the receiving server answered this server's mail with
//! `451 5.7.3 STARTTLS is required to send mail`: it takes mail only over TLS, and this server
//! went on without STARTTLS. Seen in this server's own queue (`Get-Queue | fl` LastError
//! `451 4.4.0 Primary target IP address responded with: "451 5.7.3 STARTTLS is required ..."`)
//! or in a Send protocol log (the reply received, `<,451 5.7.3 ...`). The other side of
//! FAILURE-MODES #5 (there Exchange Online sends and the on-premises receive connector offers
//! no STARTTLS); here this server sends, so the Send connector is what to check:
//! `IgnoreSTARTTLS`, and TLS failures to that host that made Exchange retry without TLS.

use crate::catalogue::clues::{Clue, ClueKind};
use crate::catalogue::cx::{evidence_of, Cx};
use crate::catalogue::Id;
use crate::diagnose::powershell::quote;
use crate::ids::FindingId;
use crate::log::collector::Direction;
use crate::report::{Evidence, Finding, Severity};

use super::context::Context;

pub const ID: FindingId = FindingId::StarttlsRequiredByRemote;

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    required(&Cx::of(cx), out);
}

/// `clue` (a `451 5.7.3 STARTTLS is required` text) is the LastError of a queue pasted from
/// this server's `Get-Queue`: this server was the sender.
pub fn from_this_servers_queue(cx: &Cx<'_>, clue: &Clue) -> bool {
    clue.kind == ClueKind::StartTlsRequired
        && cx.input.pastes.iter().any(|(path, output)| {
            *path == clue.path
                && output
                    .queues
                    .iter()
                    .any(|q| q.last_error_line == clue.line || q.line == clue.line)
        })
}

fn required(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    let queued: Vec<&Clue> = cx
        .clues(ClueKind::StartTlsRequired)
        .into_iter()
        .filter(|c| from_this_servers_queue(cx, c))
        .collect();
    // Replies received on a Send connector (`<,451 5.7.3 ...` in a Send log), counted per
    // connector by the log reader.
    let send: Vec<_> = cx
        .input
        .logs
        .connectors
        .iter()
        .filter(|c| c.direction == Direction::Send && c.starttls_required.count > 0)
        .collect();
    if queued.is_empty() && send.is_empty() {
        return;
    }
    let in_logs: u64 = send.iter().map(|c| c.starttls_required.count).sum();
    let count = in_logs + queued.len() as u64;
    // Names are unique in the facts' connector list.
    let connectors: Vec<String> = send.iter().map(|c| c.name.clone()).collect();
    let shown = connectors.first().cloned().unwrap_or_else(|| {
        crate::diagnose::powershell::Placeholder::SendConnectorName.bare(cx.lang)
    });
    let mut evidence: Vec<Evidence> = send
        .iter()
        .flat_map(|c| c.starttls_required.evidence.iter().cloned())
        .collect();
    evidence.extend(evidence_of(&queued));
    evidence.truncate(crate::limits::MAX_EVIDENCE_PER_FINDING);
    let mut powershell = vec![
        "Get-SendConnector | Format-List Name,AddressSpaces,SmartHosts,IgnoreSTARTTLS,RequireTLS,TlsAuthLevel,TlsCertificateName".to_string(),
    ];
    let targets: Vec<&str> = if connectors.is_empty() {
        vec![shown.as_str()]
    } else {
        connectors.iter().map(String::as_str).take(10).collect()
    };
    for c in targets {
        powershell.push(format!(
            "Set-SendConnector {} -IgnoreSTARTTLS $false",
            quote(c)
        ));
    }
    powershell.push(crate::diagnose::powershell::retry_queues());
    let display = if connectors.is_empty() {
        cx.m(crate::catalogue::text::Msg::ThisServer).to_string()
    } else {
        format!("\"{}\"", connectors.join("\", \""))
    };
    let count = count.to_string();
    // The reply as the remote worded it (RFC 3207's `530 5.7.0 Must issue a STARTTLS command
    // first` from Postfix or Gmail, Exchange's `451 5.7.3 STARTTLS is required to send mail`).
    let reply = send
        .iter()
        .flat_map(|c| c.starttls_required.evidence.iter())
        .find_map(|e| logged_reply(&e.text))
        .unwrap_or_else(|| "451 5.7.3 STARTTLS is required to send mail".to_string());
    let code = match reply.get(4..9) {
        Some(ext) if ext.as_bytes().get(1) == Some(&b'.') => reply.get(..9).unwrap_or("451 5.7.3"),
        _ => reply.get(..3).unwrap_or("451"),
    }
    .to_string();
    out.push(cx.finding(
        Id::StartTlsRequiredByRemote,
        Severity::Error,
        &[
            ("connector", display.as_str()),
            ("count", count.as_str()),
            ("code", code.as_str()),
            ("reply", reply.as_str()),
        ],
        evidence,
        Vec::new(),
        connectors,
        powershell,
    ));
}

/// The reply field of a logged row (`<,530 5.7.0 Must issue a STARTTLS command first. ...,`):
/// the field that starts with a three-digit code and names STARTTLS, at most 120 characters.
fn logged_reply(row: &str) -> Option<String> {
    let mut spans = Vec::new();
    crate::log::csv::split_into(row, &mut spans).ok()?;
    spans.iter().find_map(|s| {
        let field = s.text(row);
        let field = field.trim();
        let b = field.as_bytes();
        (b.len() > 4
            && b[..3].iter().all(u8::is_ascii_digit)
            && field.to_ascii_uppercase().contains("STARTTLS"))
        .then(|| field.chars().take(120).collect())
    })
}
