//! One view of every certificate the user gave: pasted (`Get-ExchangeCertificate`, the
//! certificate store; merged by thumbprint) and dropped as files. The server's own word
//! (`HasPrivateKey`, `Services`) is kept apart from what files prove.

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use super::PasteInput;
use crate::paste::values::{dn_key, parse_thumbprint};
use crate::report::Evidence;

#[derive(Debug, Clone, Default)]
pub struct KnownCert {
    pub thumbprint: Option<String>,
    pub subject: Option<String>,
    pub issuer: Option<String>,
    /// Unix seconds (pasted local times are taken as UTC: a few hours do not matter here).
    pub not_before: Option<i64>,
    pub not_after: Option<i64>,
    /// As shown to the user (pasted text or RFC 3339 from a file).
    pub not_before_text: Option<String>,
    pub not_after_text: Option<String>,
    /// The server's word: `HasPrivateKey` from a paste.
    pub server_has_key: Option<bool>,
    pub server_has_key_evidence: Option<Evidence>,
    /// A dropped file holds this certificate with its private key (path of that file).
    pub key_file: Option<String>,
    pub services: Option<Vec<String>>,
    pub services_evidence: Option<Evidence>,
    pub self_signed: Option<bool>,
    pub domains: Vec<String>,
    pub serial_number: Option<String>,
    /// Where it was seen first.
    pub evidence: Option<Evidence>,
}

impl KnownCert {
    pub fn matches_names(&self, issuer: &str, subject: &str) -> bool {
        match (&self.issuer, &self.subject) {
            (Some(i), Some(s)) => dn_key(i) == dn_key(issuer) && dn_key(s) == dn_key(subject),
            _ => false,
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
}

/// Exchange's pick among certificates matching one TlsCertificateName: the newest
/// (latest NotBefore) of the time-valid, CA-issued ones; when none qualifies, the newest.
/// Source: Microsoft, "Selection of Inbound STARTTLS Certificates" (Exchange 2016/2019/SE),
/// step 9: sort by most recent "Valid from", use the first valid PKI certificate, else the first
/// self-signed one. The same order is cited in the log engine's renewal-trap text
/// (`Text::AmbiguousUsedUnknown`), so both say the same thing.
pub fn exchange_choice<'a>(candidates: &[&'a KnownCert], now: i64) -> Option<&'a KnownCert> {
    let qualified: Vec<&KnownCert> = candidates
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

pub fn collect(input: &PasteInput<'_>) -> Vec<KnownCert> {
    let mut known: Vec<KnownCert> = Vec::new();
    for source in input.pastes {
        for c in &source.output.certificates {
            let slot = match c
                .thumbprint
                .as_ref()
                .and_then(|t| known.iter().position(|k| k.thumbprint.as_ref() == Some(t)))
            {
                Some(i) => &mut known[i],
                None => {
                    known.push(KnownCert {
                        thumbprint: c.thumbprint.clone(),
                        ..Default::default()
                    });
                    let last = known.len() - 1;
                    &mut known[last]
                }
            };
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
            if slot.evidence.is_none() {
                slot.evidence = Some(evidence(
                    source.path,
                    c.thumbprint_line,
                    source.output.line_text(c.thumbprint_line),
                ));
            }
        }
    }
    for (path, c) in input.certificates {
        let thumbprint = parse_thumbprint(&c.thumbprint);
        let slot = match thumbprint
            .as_ref()
            .and_then(|t| known.iter().position(|k| k.thumbprint.as_ref() == Some(t)))
        {
            Some(i) => &mut known[i],
            None => {
                known.push(KnownCert {
                    thumbprint: thumbprint.clone(),
                    ..Default::default()
                });
                let last = known.len() - 1;
                &mut known[last]
            }
        };
        slot.subject = Some(c.subject.clone());
        slot.issuer = Some(c.issuer.clone());
        let parse = |t: &str| {
            OffsetDateTime::parse(t, &Rfc3339)
                .ok()
                .map(|d| d.unix_timestamp())
        };
        if let Some(nb) = parse(&c.not_before) {
            slot.not_before = Some(nb);
            slot.not_before_text
                .get_or_insert_with(|| c.not_before.clone());
        }
        if let Some(na) = parse(&c.not_after) {
            slot.not_after = Some(na);
            slot.not_after_text
                .get_or_insert_with(|| c.not_after.clone());
        }
        if c.has_private_key && slot.key_file.is_none() {
            slot.key_file = Some(path.to_string());
        }
        slot.self_signed = Some(c.self_signed);
        if slot.domains.is_empty() {
            slot.domains = c.dns_names.clone();
        }
        slot.serial_number
            .get_or_insert_with(|| c.serial_number.clone());
        if slot.evidence.is_none() {
            slot.evidence = Some(evidence(
                path,
                0,
                &format!("{} ({})", c.subject, c.thumbprint),
            ));
        }
    }
    known
}
