//! `session-dropped-after-tls` — Sessions the remote dropped right after TLS that no catalogue row explains.
//! A row of the failure catalogue ([`crate::catalogue`]): reads the clues, log facts, pastes
//! and dropped certificates through [`Cx`].

use crate::catalogue::cx::{has, Cx};
use crate::catalogue::fix;
use crate::catalogue::sessions::DropStage;
use crate::catalogue::text::Msg;
use crate::catalogue::Id;
use crate::ids::FindingId;
use crate::report::{Evidence, Finding, Severity};

use super::context::Context;

pub const ID: FindingId = FindingId::SessionDroppedAfterTls;

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    dropped_after_tls(&Cx::of(cx), out);
}

/// Sessions dropped right after TLS that no row above explains.
fn dropped_after_tls(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    let explained = has(out, Id::SubjectMismatch.as_str());
    for g in cx.input.logs.drops(DropStage::AfterTls) {
        if explained && g.from_exchange_online() {
            continue;
        }
        let cert = cx.seen(g.sending_certificate);
        let subject = cert
            .and_then(|c| c.identity.subject.clone())
            .unwrap_or_else(|| cx.m(Msg::UnknownValue).to_string());
        let remote = g.remote_name.clone().unwrap_or_else(|| "?".into());
        let count = g.count.to_string();
        let mut evidence: Vec<Evidence> = cert
            .map(|c| c.evidence.iter().take(3).cloned().collect())
            .unwrap_or_default();
        evidence.extend(g.evidence.iter().cloned());
        let mut powershell = fix::collection(&[], &[]);
        powershell.retain(|l| {
            l.contains("Get-MessageTraceDetail")
                || l.contains("Get-Queue")
                || l.contains("Get-ExchangeCertificate")
        });
        out.push(
            cx.finding(
                Id::DroppedAfterTls,
                Severity::Warning,
                &[
                    ("count", count.as_str()),
                    ("connector", g.connector.as_str()),
                    ("remote", remote.as_str()),
                    ("subject", subject.as_str()),
                    ("ending", g.ending.as_str()),
                ],
                evidence,
                cert.and_then(|c| c.identity.thumbprint.clone())
                    .into_iter()
                    .collect(),
                vec![g.connector.clone()],
                powershell,
            ),
        );
    }
}
