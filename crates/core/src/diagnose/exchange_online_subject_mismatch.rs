//! `exchange-online-subject-mismatch` — FAILURE-MODES #6: Exchange Online rejects the certificate a receive connector presents (450 4.7.320 SubjectMismatch, or sessions from Exchange Online dropped right after a self-signed certificate).
//! A row of the failure catalogue ([`crate::catalogue`]): reads the clues, log facts, pastes
//! and dropped certificates through [`Cx`].

use crate::catalogue::clues::ClueKind;
use crate::catalogue::cx::{
    cn_of, evidence_of, exo_drops, first_value, is_self_signed, push_unique, server_of, Cx,
};
use crate::catalogue::fix;
use crate::catalogue::sessions::DropGroup;
use crate::catalogue::text::Msg;
use crate::catalogue::Id;
use crate::exchange::cert_choice::{self, ChoiceRule};
use crate::i18n::fill;
use crate::ids::FindingId;
use crate::report::{Finding, Severity};

use super::context::Context;

pub const ID: FindingId = FindingId::ExchangeOnlineSubjectMismatch;

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    subject_mismatch(&Cx::of(cx), out);
}

/// #6
fn subject_mismatch(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    let clues = cx.clues(ClueKind::SubjectMismatch);
    let expected_clue = first_value(&clues, "expected").map(str::to_string);
    // Log-only: Exchange Online dropped sessions that received a self-signed certificate, or
    // one that does not cover the expected name.
    let drops: Vec<&DropGroup> = exo_drops(cx)
        .into_iter()
        .filter(|g| {
            !clues.is_empty()
                || cx.seen(g.sending_certificate).is_some_and(|c| {
                    is_self_signed(c)
                        || expected_clue.as_deref().is_some_and(|e| {
                            !c.identity
                                .alternate_names
                                .iter()
                                .any(|n| cert_choice::name_covers(n, e).is_some())
                        })
                })
        })
        .collect();
    if clues.is_empty() && drops.is_empty() {
        return;
    }
    let drop_cert = drops.iter().find_map(|g| cx.seen(g.sending_certificate));
    let presented = first_value(&clues, "presented")
        .map(str::to_string)
        .or_else(|| drop_cert.and_then(|c| c.identity.subject.clone()))
        .unwrap_or_else(|| cx.m(Msg::UnknownValue).to_string());
    // Only the message trace names the expected name and the error itself.
    let expected = expected_clue.clone().unwrap_or_else(|| {
        cx.m(if clues.is_empty() {
            Msg::ExpectedNameNotGiven
        } else {
            Msg::UnknownValue
        })
        .to_string()
    });
    let trace = cx.m(if clues.is_empty() {
        Msg::TraceNotGivenSubjectMismatch
    } else {
        Msg::TraceSaysSubjectMismatch
    });
    let presented_self_signed = drop_cert.map(is_self_signed).or_else(|| {
        // `CN=EX01`: a single-label server name is the self-signed default certificate.
        cn_of(&presented).map(|cn| !cn.contains('.'))
    });
    let presented_kind = match presented_self_signed {
        Some(true) => cx.m(Msg::SelfSigned),
        Some(false) => cx.m(Msg::CaIssued),
        None => cx.m(Msg::UnknownKind),
    };
    // The hybrid set: servers whose frontends Exchange Online reached, the presented CN, and
    // every server named elsewhere.
    let mut servers: Vec<String> = Vec::new();
    for g in &drops {
        if let Some(s) = server_of(&g.connector) {
            push_unique(&mut servers, s);
        }
    }
    if let Some(cn) = cn_of(&presented).filter(|cn| !cn.contains('.')) {
        push_unique(&mut servers, cn);
    }
    for s in &cx.servers {
        push_unique(&mut servers, s);
    }
    let connector = drops
        .first()
        .map(|g| g.connector.clone())
        .or_else(|| {
            servers
                .first()
                .map(|s| format!("{s}\\Default Frontend {s}"))
        })
        .unwrap_or_else(|| {
            let s = crate::diagnose::powershell::Placeholder::Server.bare(cx.lang);
            format!("{s}\\Default Frontend {s}")
        });
    let best = expected_clue
        .as_deref()
        .and_then(|e| cx.best_ca_for(Some(e)));
    let thumbprint = best.and_then(|(k, _)| k.thumbprint.clone());
    // Why the self-signed one was presented, and which rule picks the certificate of the fix.
    let mut rule = ChoiceRule::ReceiveCaOverSelfSigned
        .describe(cx.lang)
        .to_string();
    if let Some(r) = best
        .and_then(|(_, r)| r)
        .filter(|r| *r != ChoiceRule::ReceiveCaOverSelfSigned)
    {
        rule.push(' ');
        rule.push_str(r.describe(cx.lang));
    }
    let rule = rule.as_str();
    let sessions_text = if drops.is_empty() {
        String::new()
    } else {
        let count: u64 = drops.iter().map(|g| g.count).sum();
        let remote = drops
            .iter()
            .find_map(|g| g.remote_name.clone())
            .unwrap_or_default();
        fill(
            cx.m(Msg::DroppedSessions),
            &[
                ("count", count.to_string().as_str()),
                ("remote", remote.as_str()),
                ("ending", drops[0].ending.as_str()),
            ],
        )
    };
    let sessions_text = if clues.is_empty() {
        sessions_text
    } else {
        format!("{sessions_text} {}", cx.m(Msg::ConfirmedByTrace))
            .trim()
            .to_string()
    };
    let server_list = if servers.is_empty() {
        cx.m(Msg::AllServers).to_string()
    } else {
        servers.join(", ")
    };
    let mut powershell = Vec::new();
    let targets: Vec<String> = if servers.is_empty() {
        vec![crate::diagnose::powershell::Placeholder::Server.bare(cx.lang)]
    } else {
        servers.clone()
    };
    for s in &targets {
        let identity = if drops
            .iter()
            .any(|g| server_of(&g.connector) == Some(s.as_str()))
        {
            drops
                .iter()
                .find(|g| server_of(&g.connector) == Some(s.as_str()))
                .map(|g| g.connector.clone())
                .unwrap_or_default()
        } else {
            format!("{s}\\Default Frontend {s}")
        };
        powershell.push(fix::comment_on(s));
        let known_names = best.map(|(k, _)| (k.cand.issuer.as_str(), k.cand.subject.as_str()));
        match (known_names, thumbprint.as_deref()) {
            (Some(names), Some(t)) => {
                powershell.push(fix::enable_smtp(Some(s), t));
                powershell.push(fix::set_connector_name(
                    "Set-ReceiveConnector",
                    &identity,
                    &fix::tls_name_argument(Some(names)),
                ));
            }
            _ => {
                powershell.push(fix::pick_certificate(
                    Some(s),
                    None,
                    expected_clue.as_deref(),
                ));
                powershell.push(fix::set_connector_name(
                    "Set-ReceiveConnector",
                    &identity,
                    &fix::tls_name_argument(None),
                ));
            }
        }
    }
    let mut evidence = evidence_of(&clues);
    for g in &drops {
        if let Some(c) = cx.seen(g.sending_certificate) {
            evidence.extend(c.evidence.iter().take(3).cloned());
        }
        evidence.extend(g.evidence.iter().cloned());
    }
    if let Some((k, _)) = best {
        evidence.push(k.evidence.clone());
    }
    let mut connectors = vec![connector.clone()];
    for g in &drops {
        push_unique(&mut connectors, &g.connector);
    }
    out.push(
        cx.finding(
            Id::SubjectMismatch,
            Severity::Error,
            &[
                ("connector", connector.as_str()),
                ("expected", expected.as_str()),
                ("presented", presented.as_str()),
                ("presented_kind", presented_kind),
                ("sessions", sessions_text.as_str()),
                ("rule", rule),
                ("trace", trace),
                ("servers", server_list.as_str()),
            ],
            evidence,
            thumbprint
                .into_iter()
                .chain(drop_cert.and_then(|c| c.identity.thumbprint.clone()))
                .collect(),
            connectors,
            powershell,
        ),
    );
}
