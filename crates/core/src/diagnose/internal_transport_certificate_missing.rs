//! `internal-transport-certificate-missing` — FAILURE-MODES #10: the internal transport certificate is missing (Event 12015/12017).
//! A row of the failure catalogue ([`crate::catalogue`]): reads the clues, log facts, pastes
//! and dropped certificates through [`Cx`].

use crate::catalogue::clues::ClueKind;
use crate::catalogue::cx::{evidence_of, first_value, Cx};
use crate::catalogue::fix;
use crate::catalogue::Id;
use crate::diagnose::powershell::quote;
use crate::ids::FindingId;
use crate::report::{Finding, Severity};

use super::context::Context;

pub const ID: FindingId = FindingId::InternalTransportCertificateMissing;

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    internal_certificate(&Cx::of(cx), out);
}

/// #10
fn internal_certificate(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    let clues = cx.clues(ClueKind::InternalCertificateMissing);
    if clues.is_empty() {
        return;
    }
    let thumbprint = first_value(&clues, "thumbprint").map(str::to_string);
    let t = thumbprint.clone().unwrap_or_else(|| "?".into());
    let servers = if cx.servers.is_empty() {
        vec!["<Server>".to_string()]
    } else {
        cx.servers.clone()
    };
    let mut powershell = Vec::new();
    for s in servers.iter().take(10) {
        powershell.push(fix::comment_on(s));
        powershell.push(format!(
            "New-ExchangeCertificate -Server {} -Services SMTP",
            quote(s)
        ));
        powershell.push("Restart-Service MSExchangeTransport".to_string());
    }
    let list = servers.join(", ");
    out.push(cx.finding(
        Id::InternalCertificateMissing,
        Severity::Error,
        &[("thumbprint", t.as_str()), ("servers", list.as_str())],
        evidence_of(&clues),
        thumbprint.into_iter().collect(),
        Vec::new(),
        powershell,
    ));
}
