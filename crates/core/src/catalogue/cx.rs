//! What the catalogue's rule modules (in [`crate::diagnose`], one per finding id) read: the
//! clues, the log facts, the pastes and the dropped certificates, with the certificates the
//! user gave reduced to what Exchange's choice needs ([`Known`]) and the server names known
//! from any input. Built from the one [`crate::diagnose::Context`] by [`Cx::of`].

use super::clues::{Clue, ClueKind};
use super::fix;
use super::sessions::DropGroup;
use super::text::{msg, row, Msg};
use super::{Id, Input};
use crate::diagnose::powershell as ps;
use crate::diagnose::Context;
use crate::evidence::{Certificate, SourceKind};
use crate::exchange::cert_choice::{self, Candidate, ChoiceRule};
use crate::i18n::{fill, Lang};
use crate::log::collector::{Direction, SeenCertificate};
use crate::paste::connector::ConnectorKind;
use crate::paste::PastedConnector;
use crate::report::{Evidence, Finding, Remediation, Severity};

/// A certificate the user gave (pasted or dropped), with what Exchange's choice needs.
pub struct Known {
    pub cand: Candidate,
    pub thumbprint: Option<String>,
    pub serial: Option<String>,
    pub evidence: Evidence,
}

pub struct Cx<'a> {
    pub input: Input<'a>,
    pub lang: Lang,
    pub known: Vec<Known>,
    pub connectors: Vec<(&'a str, &'a PastedConnector)>,
    /// Server names known from any input (receive connector identities, events, RPC errors).
    pub servers: Vec<String>,
}

pub fn push_unique(list: &mut Vec<String>, v: &str) {
    let v = v.trim();
    if !v.is_empty() && list.len() < 20 && !list.iter().any(|s| s.eq_ignore_ascii_case(v)) {
        list.push(v.to_string());
    }
}

/// A certificate the user gave (a file or a listing; not one only a log names), as Exchange's
/// choice reads it. A file's CA certificate (a chain's intermediate or root) is not one a
/// connector uses.
fn known(c: &Certificate) -> Option<Known> {
    let given = c.sources.iter().any(|s| {
        matches!(
            s.kind,
            SourceKind::ExchangeListing
                | SourceKind::CertificateStore
                | SourceKind::CertificateFile
                | SourceKind::Pkcs7
                | SourceKind::Pfx
        )
    });
    let listed = c.sources.iter().any(|s| {
        matches!(
            s.kind,
            SourceKind::ExchangeListing | SourceKind::CertificateStore
        )
    });
    if !given || (!listed && c.is_ca == Some(true)) {
        return None;
    }
    let subject = c.subject.clone().unwrap_or_default();
    let issuer = c.issuer.clone().unwrap_or_default();
    let pfx = c.sources.iter().any(|s| s.kind == SourceKind::Pfx);
    let has_key = if c.key_file.is_some() {
        Some(true)
    } else {
        c.server_has_key.or(pfx.then_some(false))
    };
    Some(Known {
        cand: Candidate {
            self_signed: c
                .self_signed
                .unwrap_or(!subject.is_empty() && cert_choice::same_dn(&subject, &issuer)),
            subject,
            issuer,
            domains: c.domains.clone(),
            not_before: c.not_before,
            not_after: c.not_after,
            smtp: c.has_smtp(),
            has_key,
        },
        thumbprint: c.thumbprint.clone(),
        serial: c.serial_number.clone(),
        evidence: c
            .evidence
            .clone()
            .or_else(|| c.sources.first().map(|s| s.evidence.clone()))?,
    })
}

/// `SERVER` of `SERVER\Connector`.
pub fn server_of(identity: &str) -> Option<&str> {
    identity
        .split_once('\\')
        .map(|(s, _)| s.trim())
        .filter(|s| !s.is_empty())
}

/// The `CN=` value of a DN.
pub fn cn_of(dn: &str) -> Option<&str> {
    dn.split([',', ';'])
        .map(str::trim)
        .find_map(|p| p.strip_prefix("CN=").or_else(|| p.strip_prefix("cn=")))
        .map(|v| v.trim_matches('"'))
}

impl<'a> Cx<'a> {
    /// The catalogue's view of everything the rules read.
    pub fn of(cx: &'a Context<'_>) -> Self {
        Cx::new(
            Input {
                lang: cx.lang,
                now_unix: cx.now_unix,
                logs: cx.logs,
                // A locked PFX lists only what needed no password: no rule reads it (its keys
                // and the rest of its certificates are unknown).
                files: &cx.diagnosed_files,
                pastes: &cx.pasted,
                clues: &cx.evidence.clues,
            },
            // The certificates and pasted connectors as the evidence model merged them.
            &cx.evidence.certificates,
            cx.paste.connectors.clone(),
        )
    }

    /// `certificates` and `connectors`: the evidence model's (every certificate and every
    /// pasted connector once, merged across sources).
    pub fn new(
        input: Input<'a>,
        certificates: &[Certificate],
        connectors: Vec<(&'a str, &'a PastedConnector)>,
    ) -> Self {
        let known = certificates.iter().filter_map(known).collect();
        let mut servers = Vec::new();
        for (_, c) in &connectors {
            if c.kind == ConnectorKind::Receive {
                if let Some(s) = c.identity.as_deref().and_then(server_of) {
                    push_unique(&mut servers, s);
                }
            }
            for s in &c.source_transport_servers {
                push_unique(&mut servers, s);
            }
        }
        for (_, out) in input.pastes {
            for e in &out.events {
                if let Some(computer) = &e.computer {
                    push_unique(&mut servers, computer.split('.').next().unwrap_or(computer));
                }
            }
        }
        for c in &input.logs.connectors {
            if let Some(s) = server_of(&c.name) {
                push_unique(&mut servers, s);
            }
        }
        for clue in input.clues {
            if let Some(s) = clue.value("server") {
                push_unique(&mut servers, s);
            }
        }
        // A transcript's `Machine:` line names the computer the shell ran on: the server
        // only when nothing else names one.
        if servers.is_empty() {
            for (_, out) in input.pastes {
                if let Some(m) = &out.transcript_machine {
                    push_unique(&mut servers, m);
                }
            }
        }
        Cx {
            input,
            lang: input.lang,
            known,
            connectors,
            servers,
        }
    }

    pub fn clues(&self, kind: ClueKind) -> Vec<&'a Clue> {
        self.input.clues.iter().filter(|c| c.kind == kind).collect()
    }

    /// The logs' failing sessions whose SSPI error `explains` accepts (a rule module's own
    /// `explains`, so the generic `tls-negotiation-failed` and the rule agree on the set).
    pub fn log_failures(
        &self,
        explains: fn(&str) -> bool,
    ) -> Vec<&'a crate::log::collector::FailureFact> {
        self.input
            .logs
            .failures
            .iter()
            .filter(|f| explains(&f.report.error))
            .collect()
    }

    pub fn m(&self, m: Msg) -> &'static str {
        msg(self.lang, m)
    }

    /// A finding with the row's texts filled in.
    #[allow(clippy::too_many_arguments)] // reason: every field of a finding, named at the call
    pub fn finding(
        &self,
        id: Id,
        severity: Severity,
        vars: &[(&str, &str)],
        evidence: Vec<Evidence>,
        thumbprints: Vec<String>,
        connectors: Vec<String>,
        powershell: Vec<String>,
    ) -> Finding {
        let t = row(self.lang, id);
        let mut evidence = evidence;
        evidence.dedup();
        evidence.truncate(crate::limits::MAX_EVIDENCE_PER_FINDING);
        Finding {
            id: id.finding_id(),
            severity,
            title: fill(t.title, vars),
            explanation: fill(t.explanation, vars),
            evidence,
            thumbprints,
            connectors,
            remediation: Some(Remediation {
                steps: t.steps.iter().map(|s| fill(s, vars)).collect(),
                powershell: powershell.join("\n"),
            }),
        }
    }

    /// The certificate a log names, by index.
    pub fn seen(&self, i: Option<usize>) -> Option<&'a SeenCertificate> {
        i.and_then(|i| self.input.logs.certificates.get(i))
    }

    /// The best usable CA-issued certificate the user gave that covers `name` (any name when
    /// `None`): time-valid, not self-signed, SMTP and key not known to be missing; the Receive
    /// rule decides among several.
    pub fn best_ca_for(&self, name: Option<&str>) -> Option<(&Known, Option<ChoiceRule>)> {
        let usable: Vec<&Known> = self
            .known
            .iter()
            .filter(|k| {
                !k.cand.self_signed
                    && k.cand.smtp != Some(false)
                    && k.cand.has_key != Some(false)
                    && k.cand.not_after.is_none_or(|na| na > self.input.now_unix)
            })
            .collect();
        match name {
            Some(n) => {
                let cands: Vec<Candidate> = usable.iter().map(|k| k.cand.clone()).collect();
                let c = cert_choice::receive_connector(None, Some(n), &cands, self.input.now_unix)?;
                usable.get(c.index).map(|k| (*k, Some(c.rule)))
            }
            None => usable
                .into_iter()
                .max_by_key(|k| k.cand.not_after.unwrap_or(i64::MIN))
                .map(|k| (k, None)),
        }
    }

    pub fn receive_connectors(&self) -> Vec<String> {
        let mut v = Vec::new();
        for c in &self.input.logs.connectors {
            if c.direction == Direction::Receive {
                push_unique(&mut v, &c.name);
            }
        }
        for (_, c) in &self.connectors {
            if c.kind == ConnectorKind::Receive {
                push_unique(&mut v, &c.set_identity());
            }
        }
        v
    }

    pub fn send_connectors(&self) -> Vec<String> {
        let mut v = Vec::new();
        for c in &self.input.logs.connectors {
            if c.direction == Direction::Send {
                push_unique(&mut v, &c.name);
            }
        }
        for (_, c) in &self.connectors {
            if c.kind == ConnectorKind::Send {
                push_unique(&mut v, &c.display_name());
            }
        }
        v
    }
}

/// A finding with this id is already in `findings`.
pub fn has(findings: &[Finding], id: &str) -> bool {
    findings.iter().any(|f| f.id == id)
}

pub fn evidence_of(clues: &[&Clue]) -> Vec<Evidence> {
    clues.iter().map(|c| c.evidence()).collect()
}

pub fn first_value<'c>(clues: &[&'c Clue], name: &str) -> Option<&'c str> {
    clues.iter().find_map(|c| c.value(name))
}

/// The drop groups where Exchange Online hung up after receiving this server's certificate.
pub fn exo_drops<'a>(cx: &Cx<'a>) -> Vec<&'a DropGroup> {
    cx.input
        .logs
        .drops(crate::catalogue::sessions::DropStage::AfterTls)
        .filter(|g| g.direction == Direction::Receive && g.from_exchange_online())
        .collect()
}

pub fn is_self_signed(c: &SeenCertificate) -> bool {
    match (&c.identity.subject, &c.identity.issuer) {
        (Some(s), Some(i)) => cert_choice::same_dn(s, i),
        _ => false,
    }
}

/// FAILURE-MODES #2 (`Id::NoCredentials`) and #3 (`Id::UnknownCredentials`) when only text
/// names them (the logs and pastes are read by the owning rule modules, `no_credentials` and
/// `unknown_credentials`, which call this last with their own row).
pub fn credentials_from_text(cx: &Cx<'_>, kind: ClueKind, id: Id, out: &mut Vec<Finding>) {
    {
        let clues = cx.clues(kind);
        if clues.is_empty() || has(out, id.as_str()) {
            return;
        }
        let suspect = cx.known.iter().find(|k| match id {
            Id::NoCredentials => k.cand.has_key == Some(false),
            _ => k.cand.smtp == Some(false),
        });
        let thumbprint = first_value(&clues, "thumbprint")
            .map(str::to_string)
            .or_else(|| suspect.and_then(|k| k.thumbprint.clone()));
        let t = thumbprint.clone().unwrap_or_else(|| "<Thumbprint>".into());
        let mut evidence = evidence_of(&clues);
        evidence.extend(suspect.map(|k| k.evidence.clone()));
        let mut powershell = Vec::new();
        if id == Id::NoCredentials {
            if let Some(serial) = suspect.and_then(|k| k.serial.as_deref()) {
                powershell.push(ps::repair_key_association(serial));
            }
            powershell.push(ps::import_pfx(&format!(
                "C:\\Certs\\{}.pfx",
                t.replace(['<', '>'], "")
            )));
        }
        powershell.push(fix::enable_smtp(None, &t));
        powershell.push(ps::retry_queues());
        out.push(cx.finding(
            id,
            Severity::Error,
            &[],
            evidence,
            thumbprint.into_iter().collect(),
            Vec::new(),
            powershell,
        ));
    }
}
