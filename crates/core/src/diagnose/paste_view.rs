//! The pastes as the rules read them ([`PasteView`]): built once per report in
//! [`super::Context`], over the evidence model's certificates.

use crate::i18n::paste_text::{paste_text, CertLabel, PasteText};
use crate::i18n::Lang;
use crate::log::LogFacts;
use crate::paste::{PastedConnector, PastedOutput, PastedQueue};
use crate::report::Evidence;

pub use crate::evidence::certificates::{exchange_choice, Certificate as KnownCert};

pub use crate::evidence::PasteSource;

/// A certificate a protocol log names for a failing session (from the log reader's facts).
pub struct LogNamedCertificate {
    pub thumbprint: String,
    pub connector: String,
    pub evidence: Evidence,
}

/// What the rules read from pastes: the certificates of the evidence model, every pasted
/// connector once, the queues, the certificates failing log sessions name, and the wording.
pub struct PasteView<'a> {
    pub pastes: &'a [PasteSource<'a>],
    pub now_unix: i64,
    pub text: &'static PasteText,
    pub lang: Lang,
    pub known: Vec<KnownCert>,
    pub connectors: Vec<(&'a str, &'a PastedConnector)>,
    pub queues: Vec<(&'a str, &'a PastedQueue)>,
    pub log_certificates: Vec<LogNamedCertificate>,
}

/// A connector and the certificate its TlsCertificateName selects ([`PasteView::selections`]).
pub struct Selection<'s, 'a> {
    pub path: &'a str,
    pub connector: &'a PastedConnector,
    /// The subject half of the TlsCertificateName.
    pub subject: &'a String,
    pub chosen: &'s KnownCert,
}

impl<'a> PasteView<'a> {
    /// `model` must be built from `pastes` (its connectors point into them).
    pub fn new(
        pastes: &'a [PasteSource<'a>],
        model: &crate::evidence::Model,
        logs: &LogFacts,
        now_unix: i64,
        lang: Lang,
    ) -> Self {
        // Every pasted connector once: the evidence model merged them (by name and kind).
        let connectors: Vec<(&str, &PastedConnector)> = model
            .connectors
            .iter()
            .filter_map(|k| k.pasted_in(pastes))
            .map(|(path, c, _)| (path, c))
            .collect();
        let known = model.certificates.clone();
        let queues = pastes
            .iter()
            .flat_map(|s| s.output.queues.iter().map(move |q| (s.path, q)))
            .collect();
        PasteView {
            pastes,
            now_unix,
            text: paste_text(lang),
            lang,
            known,
            connectors,
            queues,
            log_certificates: log_named_certificates(logs),
        }
    }

    /// Every pasted connector whose well-formed TlsCertificateName selects one of the known
    /// certificates, chosen the way Exchange chooses among those of that issuer and subject
    /// ([`exchange_choice`]). A malformed name selects nothing (that finding is
    /// `tls-certificate-name-malformed`).
    pub fn selections(&self) -> Vec<Selection<'_, 'a>> {
        let mut out = Vec::new();
        for &(path, connector) in &self.connectors {
            let Some(name) = connector
                .tls_certificate_name_parsed
                .as_ref()
                .filter(|n| n.is_well_formed())
            else {
                continue;
            };
            let (Some(issuer), Some(subject)) = (&name.issuer, &name.subject) else {
                continue;
            };
            let matches: Vec<&KnownCert> = self
                .known
                .iter()
                .filter(|c| c.matches_names(issuer, subject))
                .collect();
            if let Some(chosen) = exchange_choice(&matches, self.now_unix) {
                out.push(Selection {
                    path,
                    connector,
                    subject,
                    chosen,
                });
            }
        }
        out
    }

    /// Thumbprints whose private key and dates the pasted shell output already shows
    /// (what `certificate-not-provided` asks for).
    pub fn answered(&self, thumbprint: &str) -> bool {
        self.known.iter().any(|c| {
            c.server_has_key.is_some()
                && c.not_after.is_some()
                && c.thumbprint
                    .as_deref()
                    .is_some_and(|t| t.eq_ignore_ascii_case(thumbprint))
        })
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

impl PasteView<'_> {
    pub fn label(&self, c: &KnownCert) -> String {
        // A listing without Subject (`ft FriendlyName,Thumbprint,...`) still names it somehow.
        let friendly = c
            .friendly_name
            .as_deref()
            .filter(|_| c.subject.is_none())
            .map(|f| format!("\"{f}\""));
        (self.text.cert_label)(&CertLabel {
            subject: c.subject.as_deref().or(friendly.as_deref()).unwrap_or("?"),
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
        self.pastes
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
