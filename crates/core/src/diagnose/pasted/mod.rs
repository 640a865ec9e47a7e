//! Findings from pasted shell output (issue 8), cross-checked with dropped certificates
//! and the certificates the protocol logs name. One module per rule:
//! [`malformed_tls_name`], [`tls_name_matches_nothing`], [`ambiguous_tls_name`],
//! [`missing_key_or_smtp`] (`no-credentials` / `unknown-credentials`, tied to a stuck
//! queue), [`expiry_events`] (Events 12016 / 12017 / 12018), [`selected_validity`] (the
//! validity of the certificate a connector selects). Text from [`crate::i18n::paste_text`]; PowerShell filled in with the real
//! thumbprints, connector and server names.

pub mod ambiguous_tls_name;
pub mod expiry_events;
pub mod known;
pub mod malformed_tls_name;
pub mod missing_key_or_smtp;
pub mod selected_validity;
pub mod summary;
pub mod tls_name_matches_nothing;

#[cfg(test)]
mod tests;

use crate::i18n::paste_text::{paste_text, CertLabel, PasteText};
use crate::i18n::Lang;
use crate::limits::MAX_EVIDENCE_PER_FINDING;
use crate::log::LogFacts;
use crate::paste::{PastedConnector, PastedOutput, PastedQueue};
use crate::report::{CertificateReport, Evidence, Finding};

use known::KnownCert;

/// One paste and the name it came under (file path, `-` for stdin, or the page's label).
pub struct PasteSource<'a> {
    pub path: &'a str,
    pub output: &'a PastedOutput,
}

/// A certificate a protocol log names for a failing session (from the log reader's facts).
pub struct LogNamedCertificate {
    pub thumbprint: String,
    pub connector: String,
    pub evidence: Evidence,
}

pub struct PasteInput<'a> {
    pub pastes: &'a [PasteSource<'a>],
    /// Certificates from dropped files, with their file path.
    pub certificates: &'a [(&'a str, &'a CertificateReport)],
    pub log_certificates: &'a [LogNamedCertificate],
    pub now_unix: i64,
    pub lang: Lang,
}

pub struct PasteDiagnosis {
    pub findings: Vec<Finding>,
    /// Thumbprints whose private key and dates the pasted shell output already shows
    /// (the engine's `certificate-not-provided` asks for exactly that).
    pub answered_thumbprints: Vec<String>,
    /// The one-sentence headline when pasted evidence explains a stuck queue.
    pub verdict: Option<String>,
}

/// Everything the rules share (built once by [`diagnose_pastes`]).
pub struct Context<'a> {
    pub input: &'a PasteInput<'a>,
    pub text: &'static PasteText,
    pub known: Vec<KnownCert>,
    pub connectors: Vec<(&'a str, &'a PastedConnector)>,
    pub queues: Vec<(&'a str, &'a PastedQueue)>,
}

pub fn diagnose_pastes(input: &PasteInput<'_>) -> PasteDiagnosis {
    let mut connectors: Vec<(&str, &PastedConnector)> = Vec::new();
    for source in input.pastes {
        for c in &source.output.connectors {
            let duplicate = connectors
                .iter()
                .any(|(_, seen)| seen.display_name() == c.display_name() && seen.kind == c.kind);
            if !duplicate {
                connectors.push((source.path, c));
            }
        }
    }
    let queues = input
        .pastes
        .iter()
        .flat_map(|s| s.output.queues.iter().map(move |q| (s.path, q)))
        .collect();
    let ctx = Context {
        input,
        text: paste_text(input.lang),
        known: known::collect(input),
        connectors,
        queues,
    };

    // The server's own word on keys and services first: it carries the stuck-queue verdict.
    let (mut findings, verdict) = missing_key_or_smtp::check(&ctx);
    findings.extend(malformed_tls_name::check(&ctx));
    findings.extend(tls_name_matches_nothing::check(&ctx));
    findings.extend(ambiguous_tls_name::check(&ctx));
    findings.extend(expiry_events::check(&ctx));
    findings.extend(selected_validity::check(&ctx));
    for f in &mut findings {
        f.evidence.truncate(MAX_EVIDENCE_PER_FINDING);
    }
    // A command holding a value that had to be escaped must not run as it is.
    crate::diagnose::powershell::guard_findings(&mut findings, input.lang);
    findings.sort_by_key(|f| f.severity);
    let answered_thumbprints = ctx
        .known
        .iter()
        .filter(|c| c.server_has_key.is_some() && c.not_after.is_some())
        .filter_map(|c| c.thumbprint.clone())
        .collect();
    PasteDiagnosis {
        findings,
        answered_thumbprints,
        verdict,
    }
}

/// The certificates the protocol logs name for failing sessions (thumbprint known).
pub fn log_named_certificates(facts: &LogFacts) -> Vec<LogNamedCertificate> {
    facts
        .failures
        .iter()
        .filter_map(|f| {
            let thumbprint = f.report.certificate_thumbprint.clone().or_else(|| {
                f.sending_certificate
                    .and_then(|i| facts.certificates.get(i))
                    .and_then(|c| c.report.thumbprint.clone())
            })?;
            Some(LogNamedCertificate {
                thumbprint: thumbprint.to_ascii_uppercase(),
                connector: f.report.connector.clone(),
                evidence: f.evidence.clone(),
            })
        })
        .collect()
}

/// Adds the pasted-output findings to the engine's. The pasted verdict (a stuck queue
/// explained) wins; otherwise the engine's stands unless it found nothing.
pub fn merge_into(findings: &mut Vec<Finding>, verdict: &mut String, pasted: PasteDiagnosis) {
    if pasted.findings.is_empty() {
        return;
    }
    findings.retain(|f| f.id != "no-tls-problem-found");
    findings.retain(|f| {
        !(f.id == "certificate-not-provided"
            && !f.thumbprints.is_empty()
            && f.thumbprints.iter().all(|t| {
                pasted
                    .answered_thumbprints
                    .iter()
                    .any(|a| a.eq_ignore_ascii_case(t))
            }))
    });
    let engine_found_nothing = findings.is_empty();
    // One story per certificate: an engine finding with the same id about the same
    // certificate gives its evidence to the pasted one (which knows the connector) and goes.
    let mut pasted_findings = pasted.findings;
    findings.retain(|engine| {
        let Some(mine) = pasted_findings.iter_mut().find(|p| {
            p.id == engine.id
                && p.thumbprints
                    .iter()
                    .any(|t| engine.thumbprints.iter().any(|e| e.eq_ignore_ascii_case(t)))
        }) else {
            return true;
        };
        for e in &engine.evidence {
            if !mine.evidence.contains(e) {
                mine.evidence.push(e.clone());
            }
        }
        for c in &engine.connectors {
            if !mine.connectors.contains(c) {
                mine.connectors.push(c.clone());
            }
        }
        mine.evidence.truncate(MAX_EVIDENCE_PER_FINDING);
        false
    });
    if let Some(v) = pasted.verdict {
        *verdict = v;
    } else if engine_found_nothing || verdict.is_empty() {
        if let Some(first) = pasted_findings.first() {
            *verdict = first.title.clone();
        }
    }
    findings.extend(pasted_findings);
    findings.sort_by_key(|f| f.severity);
}

impl Context<'_> {
    pub fn label(&self, c: &KnownCert) -> String {
        (self.text.cert_label)(&CertLabel {
            subject: c.subject.as_deref().unwrap_or("?"),
            thumbprint: c.thumbprint_or_unknown(),
            not_before: c.not_before_text.as_deref(),
            not_after: c.not_after_text.as_deref(),
        })
    }

    pub fn connector_evidence(
        &self,
        path: &str,
        c: &PastedConnector,
        source: &PastedOutput,
    ) -> Evidence {
        Evidence {
            path: path.to_string(),
            line: c.tls_certificate_name_line,
            text: source.line_text(c.tls_certificate_name_line).to_string(),
        }
    }

    /// The paste a connector came from.
    pub fn output_of(&self, connector: &PastedConnector) -> Option<&PastedOutput> {
        self.input
            .pastes
            .iter()
            .map(|s| s.output)
            .find(|o| o.connectors.iter().any(|c| std::ptr::eq(c, connector)))
    }
}

/// A PowerShell single-quoted string literal, safe for any value: the log engine's
/// ([`crate::diagnose::powershell`] holds the rules).
pub use crate::diagnose::powershell::quote as ps_quote;
/// A value in a `#` comment, and a bare-or-quoted thumbprint / serial number.
pub use crate::diagnose::powershell::{comment_text as ps_comment_text, hex_or_quote as ps_hex};

/// `-Server X ` for each server (or one line without `-Server`), applied to `line`.
pub fn per_server(servers: &[String], line: impl Fn(&str) -> String) -> Vec<String> {
    if servers.is_empty() {
        vec![line("")]
    } else {
        servers
            .iter()
            .take(10)
            .map(|s| line(&format!("-Server {} ", ps_quote(s))))
            .collect()
    }
}
