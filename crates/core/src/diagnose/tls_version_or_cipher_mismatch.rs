//! `tls-version-or-cipher-mismatch` — FAILURE-MODES #11: no common TLS version or cipher (SocketError, AlgorithmMismatch, IllegalMessage).
//! A row of the failure catalogue ([`crate::catalogue`]): reads the clues, log facts, pastes
//! and dropped certificates through [`Cx`].

use crate::catalogue::clues::ClueKind;
use crate::catalogue::cx::{evidence_of, first_value, push_unique, Cx};
use crate::catalogue::fix;
use crate::catalogue::sessions::{DropGroup, DropStage};
use crate::catalogue::Id;
use crate::ids::FindingId;
use crate::report::{Finding, Severity};

use super::context::Context;

pub const ID: FindingId = FindingId::TlsVersionOrCipherMismatch;

/// The SSPI errors this row explains (so the generic `tls-negotiation-failed` does not
/// repeat them).
pub fn explains(error: &str) -> bool {
    ["SocketError", "AlgorithmMismatch", "IllegalMessage"]
        .iter()
        .any(|w| error.eq_ignore_ascii_case(w))
}

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    tls_version(&Cx::of(cx), out);
}

/// #11
fn tls_version(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    let clues = cx.clues(ClueKind::TlsVersionMismatch);
    let log = cx.log_failures(explains);
    // Sessions that ended inside the handshake: STARTTLS answered with 220, then the
    // disconnect with no TLS result and no SMTP in between (no SSPI error was logged).
    let handshake: Vec<&DropGroup> = cx.input.logs.drops(DropStage::DuringHandshake).collect();
    if clues.is_empty() && log.is_empty() && handshake.is_empty() {
        return;
    }
    let token = log
        .first()
        .map(|f| f.report.error.clone())
        .or_else(|| first_value(&clues, "token").map(str::to_string))
        .or_else(|| {
            handshake
                .first()
                .map(|g| g.ending.trim())
                .filter(|e| !e.is_empty())
                .map(str::to_string)
        })
        .unwrap_or_else(|| {
            if handshake.is_empty() {
                "SocketError".into()
            } else {
                // The disconnect row gave no reason (a log without the context column).
                "-".into()
            }
        });
    // Only hang-ups inside the handshake, no SSPI error or text naming the mismatch: likely,
    // not proven (a device in between can cut the handshake too).
    // Every connector with such a failure negotiated TLS 1.2 or later in other sessions: this
    // server's settings work, the failing remotes do not (FAILURE-MODES #11 is about this
    // server lacking TLS 1.2).
    let works_here: Vec<&crate::log::collector::ConnectorFacts> =
        if clues.is_empty() && handshake.is_empty() && !log.is_empty() {
            let failing: Vec<&str> = log.iter().map(|f| f.report.connector.as_str()).collect();
            let with_tls12: Vec<_> = cx
                .input
                .logs
                .connectors
                .iter()
                .filter(|c| {
                    c.tls_succeeded > 0
                        && c.protocols.iter().any(|p| {
                            let p = p.to_ascii_uppercase();
                            p.contains("TLS1_2") || p.contains("TLS1_3")
                        })
                })
                .collect();
            if failing
                .iter()
                .all(|name| with_tls12.iter().any(|c| c.name == *name))
            {
                with_tls12
                    .into_iter()
                    .filter(|c| failing.contains(&c.name.as_str()))
                    .collect()
            } else {
                Vec::new()
            }
        } else {
            Vec::new()
        };
    let severity = if (clues.is_empty() && log.is_empty()) || !works_here.is_empty() {
        Severity::Warning
    } else {
        Severity::Error
    };
    let (list, powershell) = fix::tls12_on_servers(cx);
    let mut evidence = evidence_of(&clues);
    evidence.extend(log.iter().take(5).map(|f| f.evidence.clone()));
    for g in handshake.iter().take(5) {
        evidence.extend(g.evidence.iter().cloned());
    }
    let connectors: Vec<String> = {
        let mut v = Vec::new();
        for f in &log {
            push_unique(&mut v, &f.report.connector);
        }
        for g in &handshake {
            push_unique(&mut v, &g.connector);
        }
        v
    };
    let mut finding = cx.finding(
        Id::TlsVersionMismatch,
        severity,
        &[("token", token.as_str()), ("servers", list.as_str())],
        evidence,
        Vec::new(),
        connectors,
        powershell,
    );
    if clues.is_empty() && log.is_empty() {
        // Only sessions cut inside the handshake: `{token}` is how they ended (`Local`,
        // `Remote(SocketError)`), not an SSPI error, and the cause is likely, not shown.
        finding.explanation = crate::i18n::fill(
            cx.m(crate::catalogue::text::Msg::HandshakeCut),
            &[("token", token.as_str())],
        );
    }
    if !works_here.is_empty() {
        let mut names: Vec<String> = Vec::new();
        for c in &works_here {
            push_unique(&mut names, &c.name);
        }
        let mut remotes: Vec<String> = Vec::new();
        for f in &log {
            let host = f
                .report
                .remote_endpoint
                .rsplit_once(':')
                .map_or(f.report.remote_endpoint.as_str(), |(h, _)| h);
            if remotes.len() < 5 {
                push_unique(&mut remotes, host);
            }
        }
        let count: u64 = works_here.iter().map(|c| c.tls_succeeded).sum();
        // The versions from 1.2 on that were negotiated there (`SP_PROT_TLS1_3_SERVER`: TLS 1.3).
        let mut versions: Vec<&str> = works_here
            .iter()
            .flat_map(|c| c.protocols.iter())
            .filter_map(|p| {
                let p = p.to_ascii_uppercase();
                if p.contains("TLS1_3") {
                    Some("TLS 1.3")
                } else if p.contains("TLS1_2") {
                    Some("TLS 1.2")
                } else {
                    None
                }
            })
            .collect();
        versions.sort_unstable();
        versions.dedup();
        finding.explanation.push(' ');
        finding.explanation.push_str(&crate::i18n::fill(
            cx.m(crate::catalogue::text::Msg::TlsWorksHereRemoteFails),
            &[
                ("connectors", names.join(", ").as_str()),
                ("count", count.to_string().as_str()),
                ("remotes", remotes.join(", ").as_str()),
                ("versions", versions.join(", ").as_str()),
            ],
        ));
        // Keep the HealthChecker run; no registry change or restart for a setting that works.
        if let Some(r) = finding.remediation.as_mut() {
            r.steps.truncate(1);
            r.powershell = r
                .powershell
                .lines()
                .filter(|l| l.starts_with(".\\HealthChecker"))
                .collect::<Vec<_>>()
                .join("\n");
        }
    }
    out.push(finding);
}
