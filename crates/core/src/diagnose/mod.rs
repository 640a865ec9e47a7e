//! Findings from everything read: protocol-log facts and dropped certificate files.
//! One module per finding id; each appends its findings. All text comes from
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

/// Findings from pasted shell output (issue 8), merged in by the Analyzer.
pub mod pasted;

use crate::i18n::{Lang, Text};
use crate::inspect::InspectedFile;
use crate::log::LogFacts;
use crate::report::{FileReport, Finding, Severity};

pub use context::Context;

/// What diagnosis reads.
pub struct Input<'a> {
    pub files: &'a [&'a InspectedFile],
    pub logs: &'a LogFacts,
    pub now_unix: i64,
    pub lang: Lang,
}

/// What diagnosis produces.
pub struct Diagnosis {
    /// The file reports, with `has_private_key` / `matches_thumbprint` completed across files.
    pub files: Vec<FileReport>,
    pub findings: Vec<Finding>,
    pub verdict: String,
}

/// A finding rule.
pub type Rule = fn(&Context<'_>, &mut Vec<Finding>);

/// Every rule, in report order (within one severity). `no-tls-problem-found` runs last: it
/// looks at what the others found.
pub const RULES: &[Rule] = &[
    no_credentials::check,
    unknown_credentials::check,
    tls_negotiation_failed::check,
    missing_private_key::check,
    key_mismatch::check,
    certificate_expired::check,
    certificate_not_yet_valid::check,
    ambiguous_name::check,
    self_signed_external::check,
    server_auth_eku::check,
    name_mismatch::check,
    starttls_not_offered::check,
    certificate_expires_soon::check,
    certificate_not_provided::check,
];

pub fn diagnose(input: &Input<'_>) -> Diagnosis {
    let cx = Context::new(input);
    let mut findings = Vec::new();
    for rule in RULES {
        rule(&cx, &mut findings);
    }
    no_tls_problem_found::check(&cx, &mut findings);
    // A command holding a value that had to be escaped must not run as it is.
    powershell::guard_findings(&mut findings, input.lang);
    // Stable: errors first, then warnings, then info ("no TLS problem found" first of those);
    // rule order within.
    findings.sort_by_key(|f| (f.severity, f.id != no_tls_problem_found::ID));
    let verdict = verdict(&cx, &findings);
    Diagnosis {
        files: cx.files,
        findings,
        verdict,
    }
}

/// One headline sentence: the most important finding, and how many more there are.
fn verdict(cx: &Context<'_>, findings: &[Finding]) -> String {
    let Some(first) = findings.first() else {
        // Nothing was judged: say why instead of claiming there is no problem.
        let unreadable = cx.files.iter().filter(|f| f.error.is_some()).count();
        if unreadable > 0 {
            return cx.fill(
                Text::VerdictNothingRead,
                &[("count", unreadable.to_string().as_str())],
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
        return cx.fill(Text::VerdictOne, &[("title", first.title.as_str())]);
    }
    let more = (problems - 1).to_string();
    cx.fill(
        Text::VerdictMany,
        &[("title", first.title.as_str()), ("more", more.as_str())],
    )
}
