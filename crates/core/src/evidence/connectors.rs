//! Every connector the user gave, merged by name: a protocol log's connector (its sessions,
//! TLS successes and failures, the name it gives itself) and a pasted `Get-SendConnector` /
//! `Get-ReceiveConnector` (TlsCertificateName, source servers, smart hosts, FQDN, TLS
//! settings). Each source stays as an evidence line.

use crate::log::facts::Direction;
use crate::log::LogFacts;
use crate::paste::connector::{ConnectorKind, PastedConnector};
use crate::paste::PastedOutput;
use crate::report::Evidence;

use super::PasteSource;

#[derive(Debug, Clone, Default)]
pub struct Connector {
    pub name: String,
    /// `Some(true)` Send, `Some(false)` Receive, `None` unknown.
    pub send: Option<bool>,
    pub tls_certificate_name: Option<String>,
    pub fqdn: Option<String>,
    pub source_transport_servers: Vec<String>,
    pub smart_hosts: Vec<String>,
    pub require_tls: Option<bool>,
    pub tls_auth_level: Option<String>,
    pub tls_domain: Option<String>,
    /// From the logs: sessions, TLS successes and failures, protocols negotiated.
    pub sessions: u64,
    pub tls_succeeded: u64,
    pub tls_failed: u64,
    pub protocols: Vec<String>,
    /// The pasted record (when one was pasted).
    pub pasted: Option<PastedConnector>,
    /// Where that record is in the pastes the model was built from ([`Connector::pasted_in`]).
    pub pasted_at: Option<PastedAt>,
    /// Where it was seen: the pasted TlsCertificateName line, the log's first success.
    pub sources: Vec<Evidence>,
}

/// A pasted connector record's place: the paste's index among the inputs, the record's index
/// in that paste's connectors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PastedAt {
    pub paste: usize,
    pub record: usize,
}

impl Connector {
    /// The pasted record, borrowed from the pastes the model was built from (`pastes` must be
    /// those): its paste's path, the record and the whole paste.
    pub fn pasted_in<'a>(
        &self,
        pastes: &[PasteSource<'a>],
    ) -> Option<(&'a str, &'a PastedConnector, &'a PastedOutput)> {
        let at = self.pasted_at?;
        let source = pastes.get(at.paste)?;
        let output: &'a PastedOutput = source.output;
        Some((source.path, output.connectors.get(at.record)?, output))
    }
}

/// Send and Receive connectors with one name are two connectors (unknown kind joins either).
fn same_kind(send: Option<bool>, kind: ConnectorKind) -> bool {
    !matches!(
        (send, kind),
        (Some(true), ConnectorKind::Receive) | (Some(false), ConnectorKind::Send)
    )
}

fn same_name(a: &str, b: &str) -> bool {
    // A Receive connector's Identity is `SERVER\Name`; the log names it `SERVER\Name` too.
    a.trim().eq_ignore_ascii_case(b.trim())
}

pub fn collect(pastes: &[PasteSource<'_>], logs: &LogFacts) -> Vec<Connector> {
    let mut out: Vec<Connector> = Vec::new();
    for (paste, source) in pastes.iter().enumerate() {
        for (record, c) in source.output.connectors.iter().enumerate() {
            let name = c.display_name();
            // A connector printed without a name stays one of its own (never merged).
            let found = out.iter().position(|k| {
                !name.is_empty() && same_name(&k.name, &name) && same_kind(k.send, c.kind)
            });
            let i = match found {
                Some(i) => i,
                None => {
                    out.push(Connector {
                        name: name.clone(),
                        ..Default::default()
                    });
                    out.len() - 1
                }
            };
            let k = &mut out[i];
            k.send = k.send.or(match c.kind {
                ConnectorKind::Send => Some(true),
                ConnectorKind::Receive => Some(false),
                ConnectorKind::Unknown => None,
            });
            k.tls_certificate_name = k
                .tls_certificate_name
                .take()
                .or_else(|| c.tls_certificate_name.clone());
            k.fqdn = k.fqdn.take().or_else(|| c.fqdn.clone());
            if k.source_transport_servers.is_empty() {
                k.source_transport_servers = c.source_transport_servers.clone();
            }
            if k.smart_hosts.is_empty() {
                k.smart_hosts = c.smart_hosts.clone();
            }
            k.require_tls = k.require_tls.or(c.require_tls);
            k.tls_auth_level = k.tls_auth_level.take().or_else(|| c.tls_auth_level.clone());
            k.tls_domain = k.tls_domain.take().or_else(|| c.tls_domain.clone());
            if k.pasted.is_none() {
                k.pasted = Some(c.clone());
                k.pasted_at = Some(PastedAt { paste, record });
            }
            k.sources.push(Evidence {
                path: source.path.to_string(),
                line: c.tls_certificate_name_line,
                text: source
                    .output
                    .line_text(c.tls_certificate_name_line)
                    .to_string(),
            });
        }
    }
    for c in &logs.connectors {
        let kind = match c.direction {
            Direction::Send => ConnectorKind::Send,
            _ => ConnectorKind::Receive,
        };
        let found = out
            .iter()
            .position(|k| same_name(&k.name, &c.name) && same_kind(k.send, kind));
        let i = match found {
            Some(i) => i,
            None => {
                out.push(Connector {
                    name: c.name.clone(),
                    ..Default::default()
                });
                out.len() - 1
            }
        };
        let k = &mut out[i];
        k.send = k.send.or(Some(c.direction == Direction::Send));
        k.sessions += c.sessions;
        k.tls_succeeded += c.tls_succeeded;
        k.tls_failed += c.tls_failed;
        for p in &c.protocols {
            if !k.protocols.contains(p) {
                k.protocols.push(p.clone());
            }
        }
        if k.fqdn.is_none() {
            k.fqdn = c.local_name.clone();
        }
        if let Some(e) = c
            .first_success
            .clone()
            .or_else(|| c.ehlo_without_starttls_evidence.clone())
        {
            k.sources.push(e);
        }
    }
    out
}
