//! What every finding rule reads: the dropped certificates (keys matched across files), the
//! log facts, the language and "now". Built once per report.

use std::collections::HashMap;

use crate::i18n::{Lang, Text};
use crate::keys::{public_key_id_from_spki, PublicKeyId};
use crate::log::facts::SeenCertificate;
use crate::log::LogFacts;
use crate::report::{CertificateReport, Evidence, FileKind, FileReport};

use crate::evidence::{FileCertificate, Model, PasteSource};
use crate::paste::{PastedConnector, PastedOutput};

use super::paste_view::PasteView;
use super::Input;
use crate::report::Finding;
use std::cell::OnceCell;

/// One certificate from a dropped file.
#[derive(Debug, Clone)]
pub struct DroppedCert {
    pub cert: CertificateReport,
    pub path: String,
    pub file_kind: FileKind,
    /// Index of the file in the report.
    pub file: usize,
    /// A private key in the same file, or in any other dropped file, matches its public key.
    pub has_key: bool,
    pub not_before: Option<i64>,
    pub not_after: Option<i64>,
}

impl DroppedCert {
    pub fn evidence(&self) -> Evidence {
        Evidence {
            path: self.path.clone(),
            line: 0,
            text: format!(
                "{} | {} | {} | {} .. {}",
                self.cert.thumbprint,
                self.cert.subject,
                self.cert.issuer,
                self.cert.not_before,
                self.cert.not_after
            ),
        }
    }
}

pub struct Context<'a> {
    pub logs: &'a LogFacts,
    pub pastes: &'a [PasteSource<'a>],
    /// The pastes by path (as the catalogue's rules read them).
    pub pasted: Vec<(&'a str, &'a PastedOutput)>,
    /// Everything read, merged ([`crate::evidence`]).
    pub evidence: Model,
    /// The pastes as the rules read them.
    pub paste: PasteView<'a>,
    /// The server's word on keys and services (shared by `no-credentials` and
    /// `unknown-credentials`), with the stuck-queue headline; computed once.
    server_credentials: OnceCell<(Vec<Finding>, Option<String>)>,
    /// Validity of the certificates pasted connectors select and of certificate events
    /// (shared by the validity family); computed once.
    pasted_validity: OnceCell<Vec<Finding>>,
    pub now_unix: i64,
    pub lang: Lang,
    pub files: Vec<FileReport>,
    /// `files` without locked PFX files ([`is_locked`]): what the catalogue's rules read.
    pub diagnosed_files: Vec<FileReport>,
    pub dropped: Vec<DroppedCert>,
    /// Per file, per key: its public half could be derived (so "matches nothing" is a finding).
    pub key_derivable: Vec<Vec<bool>>,
    by_thumbprint: HashMap<String, Vec<usize>>,
}

/// Parses RFC 3339 (`2024-01-31T12:00:00Z`, fractions allowed) to Unix seconds.
pub fn unix_of(text: &str) -> Option<i64> {
    crate::log::collector::parse_time(text)
}

/// A Windows thumbprint: exactly 40 hex digits (KB excerpts show `xxxx…` placeholders instead).
pub fn is_thumbprint(t: &str) -> bool {
    t.len() == 40 && t.bytes().all(|b| b.is_ascii_hexdigit())
}

impl<'a> Context<'a> {
    pub fn new(input: &'a Input<'a>) -> Self {
        let mut files: Vec<FileReport> = input.files.iter().map(|f| f.report.clone()).collect();
        // Every private key's public half, from every file.
        let mut key_owner: Vec<(PublicKeyId, usize, usize)> = Vec::new();
        for (fi, f) in input.files.iter().enumerate() {
            for (ki, k) in f.key_publics.iter().enumerate() {
                if let Some(k) = k {
                    key_owner.push((k.clone(), fi, ki));
                }
            }
        }
        let mut dropped = Vec::new();
        for (fi, f) in input.files.iter().enumerate() {
            // A locked PFX lists its unencrypted certificates, but whether it holds their keys is
            // unknown: they take no part in the diagnosis (as before they were listed at all).
            if is_locked(&f.report) {
                continue;
            }
            for (ci, cert) in f.report.certificates.iter().enumerate() {
                let spki_id = f
                    .certificate_spkis
                    .get(ci)
                    .and_then(|s| public_key_id_from_spki(s));
                let mut has_key = cert.has_private_key;
                let mut key_file = cert.has_private_key.then(|| f.report.path.clone());
                if let Some(id) = &spki_id {
                    for (k, kfi, kki) in &key_owner {
                        if k == id {
                            has_key = true;
                            if key_file.is_none() {
                                key_file = input.files.get(*kfi).map(|kf| kf.report.path.clone());
                            }
                            if let Some(key) =
                                files.get_mut(*kfi).and_then(|r| r.keys.get_mut(*kki))
                            {
                                if key.matches_thumbprint.is_none() {
                                    key.matches_thumbprint = Some(cert.thumbprint.clone());
                                }
                            }
                        }
                    }
                }
                // The contract's `has_private_key` means "a key in the same file"; a key found
                // in another dropped file is told through `matching_key_file`.
                if let Some(c) = files.get_mut(fi).and_then(|r| r.certificates.get_mut(ci)) {
                    c.matching_key_file = key_file.clone();
                }
                let mut owned = cert.clone();
                owned.matching_key_file = key_file;
                dropped.push(DroppedCert {
                    cert: owned,
                    path: f.report.path.clone(),
                    file_kind: f.report.kind,
                    file: fi,
                    has_key,
                    not_before: unix_of(&cert.not_before),
                    not_after: unix_of(&cert.not_after),
                });
            }
        }
        let mut by_thumbprint: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, d) in dropped.iter().enumerate() {
            by_thumbprint
                .entry(d.cert.thumbprint.to_ascii_uppercase())
                .or_default()
                .push(i);
        }
        let key_derivable = input
            .files
            .iter()
            .map(|f| f.key_publics.iter().map(Option::is_some).collect())
            .collect();
        let file_certificates: Vec<FileCertificate<'_>> = dropped
            .iter()
            .map(|d| FileCertificate {
                path: &d.path,
                kind: d.file_kind,
                cert: &d.cert,
                has_key: d.has_key,
            })
            .collect();
        let evidence =
            crate::evidence::build(&file_certificates, input.logs, input.pastes, input.clues);
        drop(file_certificates);
        let paste = PasteView::new(
            input.pastes,
            &evidence,
            input.logs,
            input.now_unix,
            input.lang,
        );
        Context {
            logs: input.logs,
            pastes: input.pastes,
            pasted: input.pastes.iter().map(|p| (p.path, p.output)).collect(),
            evidence,
            paste,
            server_credentials: OnceCell::new(),
            pasted_validity: OnceCell::new(),
            now_unix: input.now_unix,
            lang: input.lang,
            diagnosed_files: files.iter().filter(|f| !is_locked(f)).cloned().collect(),
            files,
            dropped,
            key_derivable,
            by_thumbprint,
        }
    }

    /// Dropped entries holding the certificate with this thumbprint.
    pub fn dropped_with_thumbprint(&self, thumbprint: &str) -> Vec<&DroppedCert> {
        self.by_thumbprint
            .get(&thumbprint.to_ascii_uppercase())
            .map(|v| v.iter().filter_map(|&i| self.dropped.get(i)).collect())
            .unwrap_or_default()
    }

    /// The dropped file entries for a certificate named in a log (by thumbprint).
    pub fn dropped_for(&self, seen: &SeenCertificate) -> Vec<&DroppedCert> {
        match seen.report.thumbprint.as_deref() {
            Some(t) if is_thumbprint(t) => self.dropped_with_thumbprint(t),
            _ => Vec::new(),
        }
    }

    pub fn text(&self, key: Text) -> &'static str {
        crate::i18n::text(self.lang, key)
    }

    /// The text for `key` with `{name}` placeholders filled in.
    pub fn fill(&self, key: Text, vars: &[(&str, &str)]) -> String {
        crate::i18n::fill(self.text(key), vars)
    }

    /// `no-credentials` / `unknown-credentials` from the server's own word, and the
    /// stuck-queue headline when a queue shows the outage.
    pub fn server_credentials(&self) -> &(Vec<Finding>, Option<String>) {
        self.server_credentials
            .get_or_init(|| super::server_credentials::findings(&self.paste))
    }

    /// Validity findings from pasted connectors' selected certificates and certificate events.
    pub fn pasted_validity(&self) -> &[Finding] {
        self.pasted_validity.get_or_init(|| {
            let mut v = super::validity_events::findings(&self.paste);
            v.extend(super::validity_selected::findings(&self.paste));
            v
        })
    }

    /// Every pasted connector once (the evidence model merged them by name and kind), with
    /// its paste's path and output.
    pub fn pasted_connectors(&self) -> Vec<(&'a str, &'a PastedConnector, &'a PastedOutput)> {
        self.evidence
            .connectors
            .iter()
            .filter_map(|k| k.pasted_in(self.pastes))
            .collect()
    }

    /// The texts of the paste-specific wording.
    pub fn paste_text(&self) -> &'static crate::i18n::paste_text::PasteText {
        crate::i18n::paste_text::paste_text(self.lang)
    }

    pub fn has_logs(&self) -> bool {
        self.logs.summary.lines > 0
    }
}

/// A file whose password-protected content stayed closed (wrong password, or the key-derivation
/// budget ran out): what it lists needed no password, and its keys are unknown.
pub fn is_locked(file: &FileReport) -> bool {
    file.error.as_ref().is_some_and(|e| is_lock(e.code))
}

/// An error that says a password did not open the content (none given, a wrong one, or the
/// key-derivation budget ran out), rather than damage.
pub fn is_lock(code: crate::ids::ErrorCode) -> bool {
    matches!(
        code,
        crate::ids::ErrorCode::WrongPassword | crate::ids::ErrorCode::PasswordBudgetExhausted
    )
}
