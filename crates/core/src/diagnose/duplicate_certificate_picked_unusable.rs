//! `duplicate-certificate-picked-unusable` — FAILURE-MODES #16: of several certificates with one name, Exchange picks one that cannot be used (no SMTP, no key).
//! A row of the failure catalogue ([`crate::catalogue`]): reads the clues, log facts, pastes
//! and dropped certificates through [`Cx`].

use crate::catalogue::cx::{Cx, Known};
use crate::catalogue::fix;
use crate::catalogue::text::Msg;
use crate::catalogue::Id;
use crate::diagnose::powershell::quote;
use crate::exchange::cert_choice::{self, Candidate, ChoiceRule};
use crate::ids::FindingId;
use crate::report::{Finding, Severity};

use super::context::Context;

pub const ID: FindingId = FindingId::DuplicateCertificatePickedUnusable;

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    duplicate_picked(&Cx::of(cx), out);
}

/// #16
fn duplicate_picked(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    let cands: Vec<Candidate> = cx.known.iter().map(|k| k.cand.clone()).collect();
    let mut reported: Vec<usize> = Vec::new();
    for k in &cx.known {
        if k.cand.subject.is_empty() {
            continue;
        }
        let Some(choice) = cert_choice::send_connector(&k.cand.issuer, &k.cand.subject, &cands)
        else {
            continue;
        };
        if choice.matches < 2 || reported.contains(&choice.index) {
            continue;
        }
        let picked = &cx.known[choice.index];
        let lacks = if picked.cand.smtp == Some(false) {
            Msg::LacksSmtp
        } else if picked.cand.has_key == Some(false) {
            Msg::LacksKey
        } else {
            continue;
        };
        reported.push(choice.index);
        let Some(t) = picked.thumbprint.clone() else {
            continue;
        };
        let twins: Vec<&Known> = cx
            .known
            .iter()
            .filter(|o| {
                !std::ptr::eq(*o, picked)
                    && cert_choice::same_dn(&o.cand.subject, &picked.cand.subject)
                    && cert_choice::same_dn(&o.cand.issuer, &picked.cand.issuer)
            })
            .collect();
        let not_after = picked
            .cand
            .not_after
            .and_then(|u| time::OffsetDateTime::from_unix_timestamp(u).ok())
            .map(|d| d.date().to_string())
            .unwrap_or_else(|| "?".into());
        let mut evidence = vec![picked.evidence.clone()];
        evidence.extend(twins.iter().map(|o| o.evidence.clone()));
        let powershell = if lacks == Msg::LacksSmtp {
            vec![fix::enable_smtp(None, &t)]
        } else {
            vec![format!(
                "Remove-ExchangeCertificate -Thumbprint {}",
                quote(&t)
            )]
        };
        let named_by_connector = cx.connectors.iter().any(|(_, c)| {
            c.tls_certificate_name_parsed.as_ref().is_some_and(|n| {
                n.subject
                    .as_deref()
                    .is_some_and(|s| cert_choice::same_dn(s, &picked.cand.subject))
            })
        });
        let lacks_text = cx.m(lacks);
        let rule = ChoiceRule::SendLatestExpiry.describe(cx.lang);
        out.push(
            cx.finding(
                Id::DuplicatePicked,
                if named_by_connector {
                    Severity::Error
                } else {
                    Severity::Warning
                },
                &[
                    ("thumbprint", t.as_str()),
                    ("subject", picked.cand.subject.as_str()),
                    ("lacks", lacks_text),
                    ("rule", rule),
                    ("not_after", not_after.as_str()),
                ],
                evidence,
                std::iter::once(t.clone())
                    .chain(twins.iter().filter_map(|o| o.thumbprint.clone()))
                    .collect(),
                Vec::new(),
                powershell,
            ),
        );
    }
}
