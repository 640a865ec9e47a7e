//! Findings from everything read: protocol-log facts, dropped certificate files, pastes and
//! the clues of text inputs (one evidence model, [`crate::evidence`]). One module per finding id; each appends its findings. All text comes from
//! [`crate::i18n`]; the PowerShell is filled in with real thumbprints and connector names
//! ([`powershell`]). To add a rule: a module with `pub const ID` and
//! `pub fn check(cx: &Context, out: &mut Vec<Finding>)`, listed in [`RULES`].

pub mod context;
pub mod powershell;
pub mod tls_failures;
pub mod validity;

pub mod ambiguous_name;
pub mod certificate_expired;
pub mod certificate_expires_soon;
pub mod certificate_not_provided;
pub mod certificate_not_yet_valid;
pub mod key_mismatch;
pub mod missing_private_key;
pub mod name_mismatch;
pub mod no_credentials;
pub mod no_tls_problem_found;
pub mod self_signed_external;
pub mod server_auth_eku;
pub mod starttls_not_offered;
pub mod tls_negotiation_failed;
pub mod unknown_credentials;

pub mod malformed_tls_name;
pub mod tls_name_matches_nothing;

// The failure catalogue's rows (issue 13; words in crate::catalogue::text, readers in
// crate::catalogue::cx).
pub mod authentication_not_tls;
pub mod certificate_chain_incomplete;
pub mod certificate_chain_or_revocation_failure;
pub mod certificate_does_not_cover_connector_fqdn;
pub mod certificate_key_usage_unsuitable;
pub mod certificate_request_not_completed;
pub mod duplicate_certificate_picked_unusable;
pub mod exchange_online_subject_mismatch;
pub mod exchange_online_tenant_attribution;
pub mod hybrid_send_connector_misconfigured;
pub mod insufficient_evidence;
pub mod internal_transport_certificate_missing;
pub mod legacy_tls_protocol_negotiated;
pub mod microsoft_365_root_missing;
pub mod receive_connector_starttls_certificate_missing;
pub mod require_tls_remote_offers_no_starttls;
pub mod session_dropped_after_tls;
pub mod starttls_required_by_remote;
pub mod starttls_required_by_this_server;
pub mod tls_certificate_name_not_found;
pub mod tls_version_or_cipher_mismatch;
pub mod weak_certificate_signature;
pub mod weak_rsa_key;

/// Shared readers of the pasted evidence (used by the rules above, no finding id of their own).
pub mod log_server;
pub mod paste_summary;
pub mod paste_view;
pub mod server_credentials;
pub mod validity_events;
pub mod validity_selected;

#[cfg(test)]
mod paste_tests;

use crate::i18n::{Lang, Text};
use crate::inspect::InspectedFile;
use crate::log::LogFacts;
use crate::report::{FileReport, Finding, Severity};

pub use context::Context;

/// What diagnosis reads.
pub struct Input<'a> {
    pub files: &'a [&'a InspectedFile],
    pub logs: &'a LogFacts,
    pub pastes: &'a [crate::evidence::PasteSource<'a>],
    /// What the text inputs say in so many words ([`crate::catalogue::clues`]); the evidence
    /// model adds the logs' own.
    pub clues: &'a [crate::catalogue::Clue],
    pub now_unix: i64,
    pub lang: Lang,
}

/// What diagnosis produces.
pub struct Diagnosis {
    /// The file reports, with `has_private_key` / `matches_thumbprint` completed across files.
    pub files: Vec<FileReport>,
    pub findings: Vec<Finding>,
    pub verdict: String,
    /// The stuck-queue sentence when pasted evidence explains one (it is then the verdict).
    pub headline: Option<String>,
}

/// Adds a rule's findings from the server's word (`own`, filtered to `id`) to its findings
/// from logs and files (`out[start..]`): one story per certificate — a finding with the same
/// id about the same certificate (or citing the same log row) gives its evidence and connectors to the pasted one (which
/// knows the connector) and goes.
pub fn absorb(out: &mut Vec<Finding>, start: usize, id: crate::ids::FindingId, own: &[Finding]) {
    let mut mine: Vec<Finding> = own.iter().filter(|f| f.id == id).cloned().collect();
    if mine.is_empty() {
        return;
    }
    let mut i = start;
    while i < out.len() {
        let engine = &out[i];
        let same = mine.iter_mut().find(|p| {
            p.id == engine.id
                && (p
                    .thumbprints
                    .iter()
                    .any(|t| engine.thumbprints.iter().any(|e| e.eq_ignore_ascii_case(t)))
                    // or both cite the same log row (a log that did not name the thumbprint)
                    || engine
                        .evidence
                        .iter()
                        .any(|e| e.line > 0 && p.evidence.contains(e)))
        });
        match same {
            Some(p) => {
                let engine = out.remove(i);
                for e in engine.evidence {
                    if !p.evidence.contains(&e) {
                        p.evidence.push(e);
                    }
                }
                for c in engine.connectors {
                    if !p.connectors.contains(&c) {
                        p.connectors.push(c);
                    }
                }
            }
            None => i += 1,
        }
    }
    out.extend(mine);
}

/// A finding rule.
pub type Rule = fn(&Context<'_>, &mut Vec<Finding>);

/// Every rule, in report order (within one severity). `no-tls-problem-found` runs last: it
/// looks at what the others found; `insufficient-evidence` then decides whether the evidence
/// shows working TLS at all.
pub const RULES: &[Rule] = &[
    no_credentials::check,
    unknown_credentials::check,
    tls_negotiation_failed::check,
    missing_private_key::check,
    key_mismatch::check,
    certificate_expired::check,
    certificate_not_yet_valid::check,
    malformed_tls_name::check,
    tls_name_matches_nothing::check,
    ambiguous_name::check,
    self_signed_external::check,
    server_auth_eku::check,
    name_mismatch::check,
    starttls_not_offered::check,
    certificate_expires_soon::check,
    certificate_not_provided::check,
    // The failure catalogue, in FAILURE-MODES order where one row reads another's finding
    // (#5 and the drop groups defer to #6; #17 takes over the generic InvalidToken finding).
    tls_certificate_name_not_found::check,
    exchange_online_subject_mismatch::check,
    receive_connector_starttls_certificate_missing::check,
    exchange_online_tenant_attribution::check,
    certificate_chain_or_revocation_failure::check,
    internal_transport_certificate_missing::check,
    tls_version_or_cipher_mismatch::check,
    microsoft_365_root_missing::check,
    require_tls_remote_offers_no_starttls::check,
    hybrid_send_connector_misconfigured::check,
    duplicate_certificate_picked_unusable::check,
    authentication_not_tls::check,
    weak_certificate_signature::check,
    session_dropped_after_tls::check,
    weak_rsa_key::check,
    certificate_key_usage_unsuitable::check,
    certificate_chain_incomplete::check,
    certificate_does_not_cover_connector_fqdn::check,
    legacy_tls_protocol_negotiated::check,
    starttls_required_by_remote::check,
    starttls_required_by_this_server::check,
    certificate_request_not_completed::check,
];

pub fn diagnose(input: &Input<'_>) -> Diagnosis {
    let cx = Context::new(input);
    let mut findings = Vec::new();
    for rule in RULES {
        rule(&cx, &mut findings);
    }
    no_tls_problem_found::check(&cx, &mut findings);
    insufficient_evidence::check(&cx, &mut findings);
    // A command holding a value that had to be escaped must not run as it is.
    powershell::guard_findings(&mut findings, input.lang);
    // Stable: errors first, then warnings, then info ("no TLS problem found" first of those);
    // rule order within.
    findings.sort_by_key(|f| {
        (
            f.severity,
            f.id != no_tls_problem_found::ID && f.id != insufficient_evidence::ID,
        )
    });
    for f in &mut findings {
        f.evidence.truncate(crate::limits::MAX_EVIDENCE_PER_FINDING);
    }
    // A stuck queue the pasted evidence explains is the headline.
    let headline = cx.server_credentials().1.clone();
    let verdict = headline.clone().unwrap_or_else(|| verdict(&cx, &findings));
    Diagnosis {
        files: cx.files,
        findings,
        verdict,
        headline,
    }
}

/// One headline sentence: the most important finding, and how many more there are.
fn verdict(cx: &Context<'_>, findings: &[Finding]) -> String {
    let Some(first) = findings.first() else {
        // Nothing was judged: say why instead of claiming there is no problem.
        let unreadable = cx.files.iter().filter(|f| f.is_unread()).count();
        if unreadable > 0 {
            return cx.fill(
                Text::VerdictNothingRead,
                &[("count", unreadable.to_string().as_str())],
            );
        }
        // Keys were read, and nothing else: say so rather than "nothing to analyse".
        let keys: Vec<&str> = cx
            .files
            .iter()
            .flat_map(|f| &f.keys)
            .map(|k| k.key_type.as_str())
            .collect();
        if !keys.is_empty() && cx.files.iter().all(|f| f.certificates.is_empty()) {
            return cx.fill(
                Text::VerdictOnlyKeys,
                &[
                    ("count", keys.len().to_string().as_str()),
                    ("types", keys.join(", ").as_str()),
                ],
            );
        }
        return cx.text(Text::VerdictNothingToAnalyse).to_string();
    };
    let problems = findings
        .iter()
        .filter(|f| f.severity != Severity::Info)
        .count();
    if problems == 0 {
        return first.title.clone();
    }
    if problems == 1 {
        // A title that ends with a period already (a date printed as `8:59:59 a.m.`) gets none.
        if first.title.ends_with('.') {
            return first.title.clone();
        }
        return cx.fill(Text::VerdictOne, &[("title", first.title.as_str())]);
    }
    let more = (problems - 1).to_string();
    cx.fill(
        Text::VerdictMany,
        &[("title", first.title.as_str()), ("more", more.as_str())],
    )
}
