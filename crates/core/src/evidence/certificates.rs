//! Every certificate the user gave, merged across sources: pasted (`Get-ExchangeCertificate`,
//! the certificate store), dropped as files (`.cer`, PKCS#7, PFX) and named by a protocol
//! log's certificate block. Same certificate = same thumbprint, else same issuer and serial
//! number. The server's own word (`HasPrivateKey`, `Services`) is kept apart from what files
//! prove; every source stays as an evidence line.

use serde::{Deserialize, Serialize};

use crate::ids::FileKind;
use crate::log::cert_block::Role;
use crate::log::LogFacts;
use crate::paste::certificate::CertificateSource;
use crate::paste::values::{dn_key, parse_thumbprint};
use crate::report::Evidence;

use super::{FileCertificate, PasteSource};

/// Where one fact about a certificate was seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SourceKind {
    /// A dropped certificate file (`.cer`, `.crt`, `.pem`).
    CertificateFile,
    /// A PKCS#7 bag (`.p7b`).
    Pkcs7,
    /// A PFX / PKCS#12 file.
    Pfx,
    /// A protocol log's certificate block (the certificate this server sent).
    LogBlock,
    /// A pasted `Get-ExchangeCertificate` listing.
    ExchangeListing,
    /// A pasted certificate store listing (`Get-ChildItem Cert:\LocalMachine\My`).
    CertificateStore,
    /// A pasted MSExchangeTransport event that names it by thumbprint (12013-12024).
    Event,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub kind: SourceKind,
    pub evidence: Evidence,
}

/// What is known about the certificate's private key, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum KeyState {
    /// A dropped file holds a matching private key.
    InFile { file: String },
    /// The server says it has the key (`HasPrivateKey : True`).
    ServerHasKey,
    /// The server says it has no key (`HasPrivateKey : False`).
    ServerLacksKey,
    /// Only the certificate was given (a `.cer`, a log block, a listing without
    /// `HasPrivateKey`): nothing tells whether the server holds the key.
    Unknown,
}

#[derive(Debug, Clone, Default)]
pub struct Certificate {
    pub thumbprint: Option<String>,
    pub subject: Option<String>,
    pub issuer: Option<String>,
    /// Unix seconds (pasted local times are taken as UTC: a few hours do not matter here).
    pub not_before: Option<i64>,
    pub not_after: Option<i64>,
    /// As shown to the user (RFC 3339 from a file or log, else the pasted text).
    pub not_before_text: Option<String>,
    pub not_after_text: Option<String>,
    /// The server's word: `HasPrivateKey` from a paste.
    pub server_has_key: Option<bool>,
    pub server_has_key_evidence: Option<Evidence>,
    /// A dropped file holds this certificate's private key (path of that file).
    pub key_file: Option<String>,
    pub services: Option<Vec<String>>,
    pub services_evidence: Option<Evidence>,
    pub self_signed: Option<bool>,
    /// basicConstraints cA, when a file showed the extensions.
    pub is_ca: Option<bool>,
    pub domains: Vec<String>,
    pub serial_number: Option<String>,
    pub friendly_name: Option<String>,
    /// Where it was seen first.
    pub evidence: Option<Evidence>,
    /// Every source, in the order read (pastes, files, logs).
    pub sources: Vec<Source>,
}

impl Certificate {
    pub fn matches_names(&self, issuer: &str, subject: &str) -> bool {
        match (&self.issuer, &self.subject) {
            (Some(i), Some(s)) => dn_key(i) == dn_key(issuer) && dn_key(s) == dn_key(subject),
            _ => false,
        }
    }

    /// Nothing shown rules out that this is the certificate `<I>issuer<S>subject` names: its
    /// subject was not shown (`Format-Table` cuts it at the column's end: `S=Washingt...`), or
    /// the subject fits and the issuer was not shown (`fl Thumbprint,Subject,...`).
    pub fn may_match_names(&self, issuer: &str, subject: &str) -> bool {
        match (&self.issuer, &self.subject) {
            (Some(_), Some(_)) => self.matches_names(issuer, subject),
            (None, Some(_)) => self.has_subject(subject),
            (_, None) => true,
        }
    }

    pub fn has_subject(&self, subject: &str) -> bool {
        self.subject
            .as_deref()
            .is_some_and(|s| dn_key(s) == dn_key(subject))
    }

    /// The certificate covers `host` (CertificateDomains / DNS names, wildcards, or the subject CN).
    pub fn covers_host(&self, host: &str) -> bool {
        let host = host.trim().to_ascii_lowercase();
        let cn = self.subject.as_deref().and_then(|s| {
            s.split(',')
                .map(str::trim)
                .find_map(|p| p.strip_prefix("CN=").or_else(|| p.strip_prefix("cn=")))
        });
        self.domains.iter().map(String::as_str).chain(cn).any(|d| {
            let d = d.trim().to_ascii_lowercase();
            d == host
                || d.strip_prefix("*.").is_some_and(|suffix| {
                    host.split_once('.').is_some_and(|(_, rest)| rest == suffix)
                })
        })
    }

    pub fn has_smtp(&self) -> Option<bool> {
        self.services
            .as_ref()
            .map(|s| s.iter().any(|x| x.eq_ignore_ascii_case("SMTP")))
    }

    pub fn is_time_valid(&self, now: i64) -> bool {
        self.not_after.is_none_or(|na| na > now) && self.not_before.is_none_or(|nb| nb <= now)
    }

    pub fn thumbprint_or_unknown(&self) -> &str {
        self.thumbprint.as_deref().unwrap_or("?")
    }

    /// What is known about the private key: a file proves it, else the server's word.
    pub fn key_state(&self) -> KeyState {
        if let Some(file) = &self.key_file {
            return KeyState::InFile { file: file.clone() };
        }
        match self.server_has_key {
            Some(true) => KeyState::ServerHasKey,
            Some(false) => KeyState::ServerLacksKey,
            None => KeyState::Unknown,
        }
    }

    /// `<I>{issuer}<S>{subject}`, the TlsCertificateName that selects it.
    pub fn tls_certificate_name(&self) -> Option<String> {
        Some(crate::paste::tls_certificate_name::build(
            self.issuer.as_deref()?,
            self.subject.as_deref()?,
        ))
    }

    /// Seen in a dropped file (not only in a log or a paste).
    pub fn from_file(&self) -> bool {
        self.sources.iter().any(|s| {
            matches!(
                s.kind,
                SourceKind::CertificateFile | SourceKind::Pkcs7 | SourceKind::Pfx
            )
        })
    }

    /// Where each fact came from, one line per source.
    pub fn evidence_lines(&self) -> Vec<Evidence> {
        let mut out: Vec<Evidence> = Vec::new();
        for s in &self.sources {
            if !out.contains(&s.evidence) {
                out.push(s.evidence.clone());
            }
        }
        out
    }
}

/// Exchange's pick among certificates matching one TlsCertificateName: the newest
/// (latest NotBefore) of the time-valid, CA-issued ones; when none qualifies, the newest.
/// Source: Microsoft, "Selection of Inbound STARTTLS Certificates" (Exchange 2016/2019/SE),
/// step 9: sort by most recent "Valid from", use the first valid PKI certificate, else the first
/// self-signed one.
pub fn exchange_choice<'a>(candidates: &[&'a Certificate], now: i64) -> Option<&'a Certificate> {
    let qualified: Vec<&Certificate> = candidates
        .iter()
        .copied()
        .filter(|c| c.is_time_valid(now) && c.self_signed != Some(true))
        .collect();
    let pool = if qualified.is_empty() {
        candidates.to_vec()
    } else {
        qualified
    };
    pool.into_iter()
        .max_by_key(|c| c.not_before.unwrap_or(i64::MIN))
}

fn evidence(path: &str, line: u64, text: &str) -> Evidence {
    Evidence {
        path: path.to_string(),
        line,
        text: text.to_string(),
    }
}

/// The entry for (thumbprint, issuer, serial), created when new.
fn slot<'a>(
    known: &'a mut Vec<Certificate>,
    thumbprint: Option<&String>,
    issuer: Option<&str>,
    serial: Option<&str>,
) -> &'a mut Certificate {
    let found = known
        .iter()
        .position(|k| match (thumbprint, &k.thumbprint) {
            (Some(t), Some(kt)) => t == kt,
            _ => match (issuer, serial, &k.issuer, &k.serial_number) {
                (Some(i), Some(s), Some(ki), Some(ks)) => {
                    s.eq_ignore_ascii_case(ks) && dn_key(i) == dn_key(ki)
                }
                _ => false,
            },
        });
    let i = match found {
        Some(i) => i,
        None => {
            known.push(Certificate {
                thumbprint: thumbprint.cloned(),
                ..Default::default()
            });
            known.len() - 1
        }
    };
    let c = &mut known[i];
    if c.thumbprint.is_none() {
        c.thumbprint = thumbprint.cloned();
    }
    c
}

fn rfc3339_unix(text: &str) -> Option<i64> {
    crate::log::collector::parse_time(text)
}

/// Merges pastes, dropped files and log certificate blocks (in that order).
pub fn collect(
    pastes: &[PasteSource<'_>],
    files: &[FileCertificate<'_>],
    logs: &LogFacts,
) -> Vec<Certificate> {
    let mut known: Vec<Certificate> = Vec::new();
    for source in pastes {
        for c in &source.output.certificates {
            let slot = slot(
                &mut known,
                c.thumbprint.as_ref(),
                c.issuer.as_deref(),
                c.serial_number.as_deref(),
            );
            slot.subject = slot.subject.take().or_else(|| c.subject.clone());
            slot.issuer = slot.issuer.take().or_else(|| c.issuer.clone());
            if slot.not_before.is_none() {
                if let Some(d) = &c.not_before {
                    slot.not_before = d.value.map(|v| v.assume_utc().unix_timestamp());
                    slot.not_before_text = Some(d.text.clone());
                }
            }
            if slot.not_after.is_none() {
                if let Some(d) = &c.not_after {
                    slot.not_after = d.value.map(|v| v.assume_utc().unix_timestamp());
                    slot.not_after_text = Some(d.text.clone());
                }
            }
            if let Some(k) = c.has_private_key {
                // "False" anywhere wins: a key that one view does not see is not usable.
                if slot.server_has_key != Some(false) {
                    slot.server_has_key = Some(k);
                    slot.server_has_key_evidence = Some(evidence(
                        source.path,
                        c.has_private_key_line,
                        source.output.line_text(c.has_private_key_line),
                    ));
                }
            }
            if slot.services.is_none() {
                if let Some(s) = &c.services {
                    slot.services = Some(s.clone());
                    slot.services_evidence = Some(evidence(
                        source.path,
                        c.services_line,
                        source.output.line_text(c.services_line),
                    ));
                }
            }
            slot.self_signed = slot.self_signed.or(c.self_signed());
            if slot.domains.is_empty() {
                slot.domains = c.certificate_domains.clone();
            }
            slot.serial_number = slot
                .serial_number
                .take()
                .or_else(|| c.serial_number.clone());
            slot.friendly_name = slot
                .friendly_name
                .take()
                .or_else(|| c.friendly_name.clone());
            let line = evidence(
                source.path,
                c.thumbprint_line,
                source.output.line_text(c.thumbprint_line),
            );
            if slot.evidence.is_none() {
                slot.evidence = Some(line.clone());
            }
            slot.sources.push(Source {
                kind: match c.source {
                    CertificateSource::ExchangeCertificate => SourceKind::ExchangeListing,
                    CertificateSource::CertificateStore => SourceKind::CertificateStore,
                },
                evidence: line,
            });
        }
    }
    for f in files {
        let c = f.cert;
        let thumbprint = parse_thumbprint(&c.thumbprint);
        let slot = slot(
            &mut known,
            thumbprint.as_ref(),
            Some(&c.issuer),
            Some(&c.serial_number),
        );
        // A file is the certificate itself: its names and dates are exact.
        slot.subject = Some(c.subject.clone());
        slot.issuer = Some(c.issuer.clone());
        if let Some(nb) = rfc3339_unix(&c.not_before) {
            slot.not_before = Some(nb);
            slot.not_before_text = Some(c.not_before.clone());
        }
        if let Some(na) = rfc3339_unix(&c.not_after) {
            slot.not_after = Some(na);
            slot.not_after_text = Some(c.not_after.clone());
        }
        if c.has_private_key && slot.key_file.is_none() {
            slot.key_file = Some(f.path.to_string());
        } else if f.has_key && slot.key_file.is_none() {
            slot.key_file = c.matching_key_file.clone();
        }
        slot.self_signed = Some(c.self_signed);
        slot.is_ca = slot.is_ca.or(c.is_ca);
        if slot.domains.is_empty() {
            slot.domains = c.dns_names.clone();
        }
        slot.serial_number
            .get_or_insert_with(|| c.serial_number.clone());
        if slot.friendly_name.is_none() {
            slot.friendly_name = c.friendly_name.clone();
        }
        let line = evidence(
            f.path,
            0,
            &format!(
                "{} | {} | {} | {} .. {}",
                c.thumbprint, c.subject, c.issuer, c.not_before, c.not_after
            ),
        );
        if slot.evidence.is_none() {
            slot.evidence = Some(line.clone());
        }
        slot.sources.push(Source {
            kind: match f.kind {
                FileKind::Pkcs7Certs => SourceKind::Pkcs7,
                FileKind::Pkcs12 => SourceKind::Pfx,
                _ => SourceKind::CertificateFile,
            },
            evidence: line,
        });
    }
    for seen in &logs.certificates {
        // This server's own certificate; the other side's are not the user's to fix.
        if seen.role != Role::Sending {
            continue;
        }
        let r = &seen.report;
        let thumbprint = r.thumbprint.as_deref().and_then(parse_thumbprint);
        if thumbprint.is_none() && (r.issuer.is_none() || r.serial_number.is_none()) {
            continue;
        }
        let slot = slot(
            &mut known,
            thumbprint.as_ref(),
            r.issuer.as_deref(),
            r.serial_number.as_deref(),
        );
        slot.subject = slot.subject.take().or_else(|| r.subject.clone());
        slot.issuer = slot.issuer.take().or_else(|| r.issuer.clone());
        if slot.not_before.is_none() {
            if let Some(nb) = r.not_before.as_deref().and_then(rfc3339_unix) {
                slot.not_before = Some(nb);
                slot.not_before_text = r.not_before.clone();
            }
        }
        if slot.not_after.is_none() {
            if let Some(na) = r.not_after.as_deref().and_then(rfc3339_unix) {
                slot.not_after = Some(na);
                slot.not_after_text = r.not_after.clone();
            }
        }
        if slot.domains.is_empty() {
            slot.domains = r.alternate_names.clone();
        }
        slot.serial_number = slot
            .serial_number
            .take()
            .or_else(|| r.serial_number.clone());
        let line = seen.evidence.first().cloned().unwrap_or(Evidence {
            path: r.path.clone(),
            line: r.line,
            text: String::new(),
        });
        if slot.evidence.is_none() {
            slot.evidence = Some(line.clone());
        }
        slot.sources.push(Source {
            kind: SourceKind::LogBlock,
            evidence: line,
        });
    }
    // Events name certificates by thumbprint only: they add an evidence line to a certificate
    // known from elsewhere (a thumbprint alone is not a certificate the rules can judge).
    for source in pastes {
        for e in &source.output.events {
            for t in &e.thumbprints {
                if let Some(c) = known.iter_mut().find(|k| {
                    k.thumbprint
                        .as_deref()
                        .is_some_and(|kt| kt.eq_ignore_ascii_case(t))
                }) {
                    let line = evidence(source.path, e.line, source.output.line_text(e.line));
                    if !c.sources.iter().any(|s| s.evidence == line) {
                        c.sources.push(Source {
                            kind: SourceKind::Event,
                            evidence: line,
                        });
                    }
                }
            }
        }
    }
    known
}
