//! `authentication-not-tls` — FAILURE-MODES #17: authentication fails after TLS succeeded (InvalidToken, 454 4.7.0): not a certificate problem.
//! A row of the failure catalogue ([`crate::catalogue`]): reads the clues, log facts, pastes
//! and dropped certificates through [`Cx`].

use crate::catalogue::clues::ClueKind;
use crate::catalogue::cx::{evidence_of, first_value, push_unique, Cx};
use crate::catalogue::Id;
use crate::ids::FindingId;
use crate::report::{Finding, Severity};

use super::context::Context;

pub const ID: FindingId = FindingId::AuthenticationNotTls;

/// The errors this row explains (so the generic `tls-negotiation-failed` does not repeat
/// them): TLS worked, the authentication after it did not.
pub fn explains(error: &str) -> bool {
    error.eq_ignore_ascii_case("InvalidToken")
}

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    authentication(&Cx::of(cx), out);
}

/// #17
fn authentication(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    let clues = cx.clues(ClueKind::Authentication);
    let log = cx.log_failures(explains);
    let mut evidence = evidence_of(&clues);
    evidence.extend(log.iter().take(5).map(|f| f.evidence.clone()));
    for (kind, lines) in &cx.input.logs.notable {
        if *kind == crate::log::events::Notable::TemporaryAuthFailure {
            evidence.extend(lines.evidence.iter().take(5).cloned());
        }
    }
    if evidence.is_empty() {
        return;
    }
    let token = first_value(&clues, "token")
        .map(str::to_string)
        .or_else(|| log.first().map(|_| "InvalidToken".to_string()))
        .unwrap_or_else(|| "454 4.7.0".into());
    let connectors: Vec<String> = {
        let mut v = Vec::new();
        for f in &log {
            push_unique(&mut v, &f.report.connector);
        }
        v
    };
    out.push(cx.finding(
        Id::Authentication,
        Severity::Warning,
        &[("token", token.as_str())],
        evidence,
        Vec::new(),
        connectors,
        vec![
            "w32tm /query /status".to_string(),
            "Test-ComputerSecureChannel -Verbose".to_string(),
            "Get-SendConnector | Format-List Name,SmartHostAuthMechanism,AuthenticationCredential,RequireTLS".to_string(),
            "Get-WinEvent -FilterHashtable @{LogName='Application'; Id=1035} -MaxEvents 20 | Format-List TimeCreated,Message".to_string(),
        ],
    ));
}
