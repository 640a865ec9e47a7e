//! One rule per FAILURE-MODES row. Each reads the clues, the log facts, the pastes and the
//! dropped certificates through [`Cx`], and adds at most one finding per row and subject
//! (a row an older engine already reported is left to it).

use super::clues::{Clue, ClueKind};
use super::fix;
use super::sessions::DropGroup;
use super::text::{msg, row, Msg};
use super::{Id, Input};
use crate::diagnose::powershell::{self as ps, quote};
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
    pub input: &'a Input<'a>,
    pub lang: Lang,
    pub known: Vec<Known>,
    pub connectors: Vec<(&'a str, &'a PastedConnector)>,
    /// Server names known from any input (receive connector identities, events, RPC errors).
    pub servers: Vec<String>,
}

fn push_unique(list: &mut Vec<String>, v: &str) {
    let v = v.trim();
    if !v.is_empty() && list.len() < 20 && !list.iter().any(|s| s.eq_ignore_ascii_case(v)) {
        list.push(v.to_string());
    }
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
    pub fn new(input: &'a Input<'a>) -> Self {
        let mut known: Vec<Known> = Vec::new();
        for (path, out) in input.pastes {
            for c in &out.certificates {
                if let Some(t) = &c.thumbprint {
                    if known.iter().any(|k| k.thumbprint.as_ref() == Some(t)) {
                        continue;
                    }
                }
                let subject = c.subject.clone().unwrap_or_default();
                let issuer = c.issuer.clone().unwrap_or_default();
                known.push(Known {
                    cand: Candidate {
                        self_signed: c.is_self_signed.unwrap_or(
                            !subject.is_empty() && cert_choice::same_dn(&subject, &issuer),
                        ),
                        subject,
                        issuer,
                        domains: c.certificate_domains.clone(),
                        not_before: c
                            .not_before
                            .as_ref()
                            .and_then(|d| d.value)
                            .map(|v| v.assume_utc().unix_timestamp()),
                        not_after: c
                            .not_after
                            .as_ref()
                            .and_then(|d| d.value)
                            .map(|v| v.assume_utc().unix_timestamp()),
                        smtp: c
                            .services
                            .as_ref()
                            .map(|s| s.iter().any(|x| x.eq_ignore_ascii_case("SMTP"))),
                        has_key: c.has_private_key,
                    },
                    thumbprint: c.thumbprint.clone(),
                    serial: c.serial_number.clone(),
                    evidence: Evidence {
                        path: path.to_string(),
                        line: c.thumbprint_line,
                        text: out.line_text(c.thumbprint_line).to_string(),
                    },
                });
            }
        }
        for f in input.files {
            // A locked PFX's unencrypted certificates say nothing about its keys.
            if crate::diagnose::context::is_locked(f) {
                continue;
            }
            for c in &f.certificates {
                if c.is_ca == Some(true) {
                    continue;
                }
                if known
                    .iter()
                    .any(|k| k.thumbprint.as_deref() == Some(c.thumbprint.as_str()))
                {
                    continue;
                }
                known.push(Known {
                    cand: Candidate {
                        subject: c.subject.clone(),
                        issuer: c.issuer.clone(),
                        domains: c.dns_names.clone(),
                        not_before: crate::diagnose::context::unix_of(&c.not_before),
                        not_after: crate::diagnose::context::unix_of(&c.not_after),
                        self_signed: c.self_signed,
                        smtp: None,
                        has_key: Some(c.has_private_key || c.matching_key_file.is_some())
                            .filter(|k| *k || f.kind == crate::report::FileKind::Pkcs12),
                    },
                    thumbprint: Some(c.thumbprint.clone()),
                    serial: Some(c.serial_number.clone()),
                    evidence: Evidence {
                        path: f.path.clone(),
                        line: 0,
                        text: format!(
                            "{} | {} | {} .. {}",
                            c.thumbprint, c.subject, c.not_before, c.not_after
                        ),
                    },
                });
            }
        }
        let mut connectors: Vec<(&str, &PastedConnector)> = Vec::new();
        let mut servers = Vec::new();
        for (path, out) in input.pastes {
            for c in &out.connectors {
                if c.kind == ConnectorKind::Receive {
                    if let Some(s) = c.identity.as_deref().and_then(server_of) {
                        push_unique(&mut servers, s);
                    }
                }
                for s in &c.source_transport_servers {
                    push_unique(&mut servers, s);
                }
                connectors.push((path, c));
            }
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

fn has(findings: &[Finding], id: &str) -> bool {
    findings.iter().any(|f| f.id == id)
}

fn evidence_of(clues: &[&Clue]) -> Vec<Evidence> {
    clues.iter().map(|c| c.evidence()).collect()
}

fn first_value<'c>(clues: &[&'c Clue], name: &str) -> Option<&'c str> {
    clues.iter().find_map(|c| c.value(name))
}

pub fn run(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    tls_name_not_found(cx, out);
    credentials(cx, out);
    renewal_trap(cx, out);
    subject_mismatch(cx, out);
    starttls_certificate_missing(cx, out);
    tenant_attribution(cx, out);
    chain_or_revocation(cx, out);
    expired(cx, out);
    internal_certificate(cx, out);
    tls_version(cx, out);
    microsoft_365_root(cx, out);
    require_tls(cx, out);
    hybrid_send_connector(cx, out);
    duplicate_picked(cx, out);
    authentication(cx, out);
    weak_signature_text(cx, out);
    dropped_after_tls(cx, out);
}

/// #1
fn tls_name_not_found(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    let clues = cx.clues(ClueKind::TlsNameNotFound);
    if clues.is_empty() {
        return;
    }
    let send: Vec<&PastedConnector> = cx
        .connectors
        .iter()
        .filter(|(_, c)| c.kind != ConnectorKind::Receive && c.tls_certificate_name.is_some())
        .map(|(_, c)| *c)
        .collect();
    // The connector whose name matches no certificate given, else the first with a name.
    let connector = send
        .iter()
        .find(|c| {
            c.tls_certificate_name_parsed.as_ref().is_some_and(|n| {
                !cx.known.iter().any(|k| {
                    n.issuer
                        .as_deref()
                        .is_some_and(|i| cert_choice::same_dn(i, &k.cand.issuer))
                        && n.subject
                            .as_deref()
                            .is_some_and(|s| cert_choice::same_dn(s, &k.cand.subject))
                })
            })
        })
        .or(send.first())
        .copied();
    let name = connector
        .map(|c| c.display_name())
        .unwrap_or_else(|| "<SendConnectorName>".into());
    let tls_name = connector
        .and_then(|c| c.tls_certificate_name.clone())
        .unwrap_or_else(|| cx.m(Msg::UnknownValue).to_string());
    let host = connector
        .and_then(|c| c.tls_certificate_name_parsed.as_ref())
        .and_then(|n| n.host_name())
        .map(str::to_string);
    let best = cx
        .best_ca_for(host.as_deref())
        .or_else(|| cx.best_ca_for(None));
    let thumbprint = best.and_then(|(k, _)| k.thumbprint.clone());
    let mut evidence = evidence_of(&clues);
    if let Some(c) = connector {
        if let Some((path, out_)) = cx
            .input
            .pastes
            .iter()
            .find(|(_, o)| o.connectors.iter().any(|x| std::ptr::eq(x, c)))
        {
            evidence.push(Evidence {
                path: path.to_string(),
                line: c.tls_certificate_name_line,
                text: out_.line_text(c.tls_certificate_name_line).to_string(),
            });
        }
    }
    if let Some((k, _)) = best {
        evidence.push(k.evidence.clone());
    }
    let mut powershell = vec![
        fix::pick_certificate(None, thumbprint.as_deref(), host.as_deref()),
        fix::set_connector_name("Set-SendConnector", &name, &fix::tls_name_argument(None)),
    ];
    if let (Some(c), Some(t)) = (connector, thumbprint.as_deref()) {
        for s in c.source_transport_servers.iter().take(10) {
            powershell.push(format!(
                "Get-ExchangeCertificate -Server {} -Thumbprint {} | Format-List Subject,Issuer,Services,HasPrivateKey,NotAfter",
                quote(s),
                quote(t)
            ));
        }
    }
    powershell.push(ps::retry_queues());
    let shown = thumbprint.clone().unwrap_or_else(|| "<Thumbprint>".into());
    out.push(cx.finding(
        Id::TlsNameNotFound,
        Severity::Error,
        &[
            ("connector", name.as_str()),
            ("name", tls_name.as_str()),
            ("thumbprint", shown.as_str()),
        ],
        evidence,
        thumbprint.into_iter().collect(),
        vec![name.clone()],
        powershell,
    ));
}

/// #2 and #3 when only text names them (the log and paste engines cover the rest).
fn credentials(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    for (kind, id) in [
        (ClueKind::NoCredentials, Id::NoCredentials),
        (ClueKind::UnknownCredentials, Id::UnknownCredentials),
    ] {
        let clues = cx.clues(kind);
        if clues.is_empty() || has(out, id.as_str()) {
            continue;
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

/// #4 from the RPC error text (the engines report the pair itself when they see it).
fn renewal_trap(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    let clues = cx.clues(ClueKind::RenewalTrapRpc);
    if clues.is_empty() || has(out, Id::AmbiguousName.as_str()) {
        return;
    }
    let server = first_value(&clues, "server")
        .unwrap_or("<Server>")
        .to_string();
    let connectors: Vec<String> = first_value(&clues, "connector")
        .map(|c| {
            c.split([',', ';'])
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();
    // The pair: certificates sharing issuer and subject; Exchange keeps the one expiring last.
    let cands: Vec<Candidate> = cx.known.iter().map(|k| k.cand.clone()).collect();
    let mut pair: Option<(usize, usize)> = None;
    for (i, k) in cx.known.iter().enumerate() {
        if let Some(choice) = cert_choice::send_connector(&k.cand.issuer, &k.cand.subject, &cands) {
            if choice.matches > 1 && choice.index != i {
                pair = Some((i, choice.index));
                break;
            }
        }
    }
    let old = pair
        .and_then(|(o, _)| cx.known[o].thumbprint.clone())
        .unwrap_or_else(|| "<OldThumbprint>".into());
    let new = pair
        .and_then(|(_, n)| cx.known[n].thumbprint.clone())
        .unwrap_or_else(|| "<NewThumbprint>".into());
    let rule = ChoiceRule::SendLatestExpiry.describe(cx.lang);
    let mut evidence = evidence_of(&clues);
    if let Some((o, n)) = pair {
        evidence.push(cx.known[o].evidence.clone());
        evidence.push(cx.known[n].evidence.clone());
    }
    let names = if connectors.is_empty() {
        vec!["<SendConnectorName>".to_string()]
    } else {
        connectors.clone()
    };
    let mut powershell = vec![
        fix::comment_on(&server),
        "Stop-Service MSExchangeTransport".to_string(),
    ];
    for c in &names {
        powershell.push(format!(
            "Set-SendConnector {} -TlsCertificateName $null",
            quote(c)
        ));
    }
    powershell.push(format!(
        "Remove-ExchangeCertificate -Server {} -Thumbprint {}",
        quote(&server),
        quote(&old)
    ));
    powershell.push(fix::pick_certificate(Some(&server), Some(&new), None));
    for c in &names {
        powershell.push(fix::set_connector_name(
            "Set-SendConnector",
            c,
            &fix::tls_name_argument(None),
        ));
    }
    powershell.push("Start-Service MSExchangeTransport".to_string());
    let joined = names.join(", ");
    out.push(
        cx.finding(
            Id::AmbiguousName,
            Severity::Error,
            &[
                ("server", server.as_str()),
                ("connector", joined.as_str()),
                ("rule", rule),
            ],
            evidence,
            [old, new]
                .into_iter()
                .filter(|t| !t.starts_with('<'))
                .collect(),
            connectors,
            powershell,
        ),
    );
}

/// The drop groups where Exchange Online hung up after receiving this server's certificate.
fn exo_drops<'a>(cx: &Cx<'a>) -> Vec<&'a DropGroup> {
    cx.input
        .logs
        .dropped_after_tls
        .iter()
        .filter(|g| g.direction == Direction::Receive && g.from_exchange_online())
        .collect()
}

fn is_self_signed(c: &SeenCertificate) -> bool {
    match (&c.identity.subject, &c.identity.issuer) {
        (Some(s), Some(i)) => cert_choice::same_dn(s, i),
        _ => false,
    }
}

/// #6
fn subject_mismatch(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    let clues = cx.clues(ClueKind::SubjectMismatch);
    let expected_clue = first_value(&clues, "expected").map(str::to_string);
    // Log-only: Exchange Online dropped sessions that received a self-signed certificate, or
    // one that does not cover the expected name.
    let drops: Vec<&DropGroup> = exo_drops(cx)
        .into_iter()
        .filter(|g| {
            !clues.is_empty()
                || cx.seen(g.sending_certificate).is_some_and(|c| {
                    is_self_signed(c)
                        || expected_clue.as_deref().is_some_and(|e| {
                            !c.identity
                                .alternate_names
                                .iter()
                                .any(|n| cert_choice::name_covers(n, e).is_some())
                        })
                })
        })
        .collect();
    if clues.is_empty() && drops.is_empty() {
        return;
    }
    let drop_cert = drops.iter().find_map(|g| cx.seen(g.sending_certificate));
    let presented = first_value(&clues, "presented")
        .map(str::to_string)
        .or_else(|| drop_cert.and_then(|c| c.identity.subject.clone()))
        .unwrap_or_else(|| cx.m(Msg::UnknownValue).to_string());
    let expected = expected_clue
        .clone()
        .unwrap_or_else(|| cx.m(Msg::UnknownValue).to_string());
    let presented_self_signed = drop_cert.map(is_self_signed).or_else(|| {
        // `CN=EX01`: a single-label server name is the self-signed default certificate.
        cn_of(&presented).map(|cn| !cn.contains('.'))
    });
    let presented_kind = match presented_self_signed {
        Some(true) => cx.m(Msg::SelfSigned),
        Some(false) => cx.m(Msg::CaIssued),
        None => cx.m(Msg::UnknownKind),
    };
    // The hybrid set: servers whose frontends Exchange Online reached, the presented CN, and
    // every server named elsewhere.
    let mut servers: Vec<String> = Vec::new();
    for g in &drops {
        if let Some(s) = server_of(&g.connector) {
            push_unique(&mut servers, s);
        }
    }
    if let Some(cn) = cn_of(&presented).filter(|cn| !cn.contains('.')) {
        push_unique(&mut servers, cn);
    }
    for s in &cx.servers {
        push_unique(&mut servers, s);
    }
    let connector = drops
        .first()
        .map(|g| g.connector.clone())
        .or_else(|| {
            servers
                .first()
                .map(|s| format!("{s}\\Default Frontend {s}"))
        })
        .unwrap_or_else(|| "<Server>\\Default Frontend <Server>".into());
    let best = expected_clue
        .as_deref()
        .and_then(|e| cx.best_ca_for(Some(e)));
    let thumbprint = best.and_then(|(k, _)| k.thumbprint.clone());
    // Why the self-signed one was presented, and which rule picks the certificate of the fix.
    let mut rule = ChoiceRule::ReceiveCaOverSelfSigned
        .describe(cx.lang)
        .to_string();
    if let Some(r) = best
        .and_then(|(_, r)| r)
        .filter(|r| *r != ChoiceRule::ReceiveCaOverSelfSigned)
    {
        rule.push(' ');
        rule.push_str(r.describe(cx.lang));
    }
    let rule = rule.as_str();
    let sessions_text = if drops.is_empty() {
        String::new()
    } else {
        let count: u64 = drops.iter().map(|g| g.count).sum();
        let remote = drops
            .iter()
            .find_map(|g| g.remote_name.clone())
            .unwrap_or_default();
        fill(
            cx.m(Msg::DroppedSessions),
            &[
                ("count", count.to_string().as_str()),
                ("remote", remote.as_str()),
                ("ending", drops[0].ending.as_str()),
            ],
        )
    };
    let sessions_text = if clues.is_empty() {
        sessions_text
    } else {
        format!("{sessions_text} {}", cx.m(Msg::ConfirmedByTrace))
            .trim()
            .to_string()
    };
    let server_list = if servers.is_empty() {
        cx.m(Msg::AllServers).to_string()
    } else {
        servers.join(", ")
    };
    let mut powershell = Vec::new();
    let targets: Vec<String> = if servers.is_empty() {
        vec!["<Server>".into()]
    } else {
        servers.clone()
    };
    for s in &targets {
        let identity = if drops
            .iter()
            .any(|g| server_of(&g.connector) == Some(s.as_str()))
        {
            drops
                .iter()
                .find(|g| server_of(&g.connector) == Some(s.as_str()))
                .map(|g| g.connector.clone())
                .unwrap_or_default()
        } else {
            format!("{s}\\Default Frontend {s}")
        };
        powershell.push(fix::comment_on(s));
        let known_names = best.map(|(k, _)| (k.cand.issuer.as_str(), k.cand.subject.as_str()));
        match (known_names, thumbprint.as_deref()) {
            (Some(names), Some(t)) => {
                powershell.push(fix::enable_smtp(Some(s), t));
                powershell.push(fix::set_connector_name(
                    "Set-ReceiveConnector",
                    &identity,
                    &fix::tls_name_argument(Some(names)),
                ));
            }
            _ => {
                powershell.push(fix::pick_certificate(
                    Some(s),
                    None,
                    expected_clue.as_deref(),
                ));
                powershell.push(fix::set_connector_name(
                    "Set-ReceiveConnector",
                    &identity,
                    &fix::tls_name_argument(None),
                ));
            }
        }
    }
    let mut evidence = evidence_of(&clues);
    for g in &drops {
        if let Some(c) = cx.seen(g.sending_certificate) {
            evidence.extend(c.evidence.iter().take(3).cloned());
        }
        evidence.extend(g.evidence.iter().cloned());
    }
    if let Some((k, _)) = best {
        evidence.push(k.evidence.clone());
    }
    let mut connectors = vec![connector.clone()];
    for g in &drops {
        push_unique(&mut connectors, &g.connector);
    }
    out.push(
        cx.finding(
            Id::SubjectMismatch,
            Severity::Error,
            &[
                ("connector", connector.as_str()),
                ("expected", expected.as_str()),
                ("presented", presented.as_str()),
                ("presented_kind", presented_kind),
                ("sessions", sessions_text.as_str()),
                ("rule", rule),
                ("servers", server_list.as_str()),
            ],
            evidence,
            thumbprint
                .into_iter()
                .chain(drop_cert.and_then(|c| c.identity.thumbprint.clone()))
                .collect(),
            connectors,
            powershell,
        ),
    );
}

/// #5
fn starttls_certificate_missing(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    let events = cx.clues(ClueKind::StartTlsCertificateMissing);
    let mut exo = cx.clues(ClueKind::StartTlsRequired);
    if !has(out, Id::SubjectMismatch.as_str()) {
        exo.extend(cx.clues(ClueKind::CannotConnect));
    }
    if events.is_empty() && exo.is_empty() {
        return;
    }
    let name = first_value(&events, "name").unwrap_or("?").to_string();
    let fqdn = first_value(&events, "fqdn").map(str::to_string);
    let raw_connector = first_value(&events, "connector").map(str::to_string);
    let receive = cx.receive_connectors();
    let identity = match raw_connector.as_deref() {
        Some(c) if c.contains('\\') => c.to_string(),
        Some(c) => {
            let server = c.rsplit(' ').next().filter(|s| {
                cx.servers.iter().any(|x| x.eq_ignore_ascii_case(s))
                    || c.starts_with("Default Frontend ")
            });
            match server.or(cx.servers.first().map(String::as_str)) {
                Some(s) => format!("{s}\\{c}"),
                None => c.to_string(),
            }
        }
        None => receive
            .iter()
            .find(|r| r.contains("Default Frontend"))
            .or(receive.first())
            .cloned()
            .unwrap_or_else(|| "<Server>\\Default Frontend <Server>".into()),
    };
    let best = cx.best_ca_for(fqdn.as_deref());
    let thumbprint = best.and_then(|(k, _)| k.thumbprint.clone());
    let mut servers: Vec<String> = Vec::new();
    if let Some(s) = server_of(&identity) {
        push_unique(&mut servers, s);
    }
    for s in &cx.servers {
        push_unique(&mut servers, s);
    }
    let connector_name = identity
        .split_once('\\')
        .map(|(_, n)| n.to_string())
        .unwrap_or_else(|| identity.clone());
    let mut powershell = Vec::new();
    for s in servers.iter().take(10) {
        let id = if connector_name.starts_with("Default Frontend") {
            format!("{s}\\Default Frontend {s}")
        } else {
            format!("{s}\\{connector_name}")
        };
        powershell.push(fix::comment_on(s));
        powershell.push(fix::pick_certificate(
            Some(s),
            thumbprint.as_deref(),
            fqdn.as_deref(),
        ));
        powershell.push(fix::set_connector_name(
            "Set-ReceiveConnector",
            &id,
            &fix::tls_name_argument(None),
        ));
    }
    if servers.is_empty() {
        powershell.push(fix::pick_certificate(
            None,
            thumbprint.as_deref(),
            fqdn.as_deref(),
        ));
        powershell.push(fix::set_connector_name(
            "Set-ReceiveConnector",
            &identity,
            &fix::tls_name_argument(None),
        ));
    }
    let mut evidence = evidence_of(&events);
    evidence.extend(evidence_of(&exo));
    if let Some((k, _)) = best {
        evidence.push(k.evidence.clone());
    }
    let fqdn_shown = fqdn.clone().unwrap_or_else(|| "?".into());
    out.push(cx.finding(
        Id::StartTlsCertificateMissing,
        if events.is_empty() {
            Severity::Warning
        } else {
            Severity::Error
        },
        &[
            ("connector", identity.as_str()),
            ("name", name.as_str()),
            ("fqdn", fqdn_shown.as_str()),
        ],
        evidence,
        thumbprint.into_iter().collect(),
        vec![identity.clone()],
        powershell,
    ));
}

/// #7
fn tenant_attribution(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    let clues = cx.clues(ClueKind::TenantAttribution);
    if clues.is_empty() {
        return;
    }
    let code = first_value(&clues, "code")
        .unwrap_or("5.7.51/5.7.64")
        .to_string();
    // The certificate this server sends to Exchange Online: a Sending certificate on a Send
    // connector, else the pasted hybrid connector's TlsCertificateName.
    let sent = cx.input.logs.certificates.iter().find(|c| {
        c.direction == Direction::Send && c.role == crate::log::cert_block::Role::Sending
    });
    let subject = sent
        .and_then(|c| c.identity.subject.clone())
        .or_else(|| {
            cx.connectors
                .iter()
                .filter(|(_, c)| c.kind != ConnectorKind::Receive)
                .find_map(|(_, c)| {
                    c.tls_certificate_name_parsed
                        .as_ref()
                        .and_then(|n| n.subject.clone())
                })
        })
        .unwrap_or_else(|| cx.m(Msg::UnknownValue).to_string());
    let name = sent
        .and_then(|c| c.identity.alternate_names.first().cloned())
        .or_else(|| cn_of(&subject).map(str::to_string))
        .unwrap_or_else(|| "<mail.contoso.com>".into());
    let mut evidence = evidence_of(&clues);
    if let Some(c) = sent {
        evidence.extend(c.evidence.iter().take(3).cloned());
    }
    out.push(cx.finding(
        Id::TenantAttribution,
        Severity::Error,
        &[("code", code.as_str()), ("subject", subject.as_str())],
        evidence,
        sent.and_then(|c| c.identity.thumbprint.clone()).into_iter().collect(),
        Vec::new(),
        vec![
            "# Exchange Online PowerShell".to_string(),
            "Get-InboundConnector | Format-List Name,ConnectorType,SenderDomains,TlsSenderCertificateName,RequireTls,RestrictDomainsToCertificate".to_string(),
            format!("Set-InboundConnector -Identity '<Inbound connector name>' -TlsSenderCertificateName {}", quote(&name)),
            "Get-AcceptedDomain | Format-Table Name,DomainName,DomainType".to_string(),
        ],
    ));
}

/// #8
fn chain_or_revocation(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    let clues = cx.clues(ClueKind::ChainOrRevocation);
    let log: Vec<&crate::log::collector::FailureFact> = cx
        .input
        .logs
        .failures
        .iter()
        .filter(|f| f.report.error.eq_ignore_ascii_case("UntrustedRoot"))
        .collect();
    if clues.is_empty() && log.is_empty() {
        return;
    }
    let token = first_value(&clues, "token")
        .unwrap_or("UntrustedRoot")
        .to_string();
    // A pasted certificate whose Status names the problem.
    let thumbprint = first_value(&clues, "thumbprint")
        .map(str::to_string)
        .or_else(|| {
            clues.iter().find_map(|c| {
                cx.input
                    .pastes
                    .iter()
                    .find(|(p, _)| *p == c.path)
                    .and_then(|(_, o)| {
                        o.certificates
                            .iter()
                            .filter(|pc| pc.line <= c.line)
                            .max_by_key(|pc| pc.line)
                            .and_then(|pc| pc.thumbprint.clone())
                    })
            })
        });
    let mut evidence = evidence_of(&clues);
    evidence.extend(log.iter().take(5).map(|f| f.evidence.clone()));
    let t = thumbprint.clone().unwrap_or_else(|| "<Thumbprint>".into());
    let bare = t.trim_matches(['<', '>']).to_string();
    out.push(cx.finding(
        Id::ChainOrRevocation,
        Severity::Error,
        &[("token", token.as_str())],
        evidence,
        thumbprint.into_iter().collect(),
        Vec::new(),
        vec![
            ps::export_public(&bare),
            format!("certutil -verify -urlfetch {}", quote(&format!("C:\\Temp\\{bare}.cer"))),
            "Import-Certificate -FilePath 'C:\\Certs\\intermediate.cer' -CertStoreLocation Cert:\\LocalMachine\\CA".to_string(),
            "netsh winhttp show proxy".to_string(),
            "netsh winhttp set proxy proxy-server='<proxy:port>' bypass-list='<local>'".to_string(),
        ],
    ));
}

/// #9 when only text names it (dropped/pasted certificates are judged by the engines).
fn expired(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    let clues = cx.clues(ClueKind::Expired);
    if clues.is_empty() || has(out, Id::Expired.as_str()) {
        return;
    }
    let fqdn = first_value(&clues, "fqdn").map(str::to_string);
    let detail = match &fqdn {
        Some(f) => fill(cx.m(Msg::ExpiredEvent), &[("fqdn", f.as_str())]),
        None => cx.m(Msg::ExpiredToken).to_string(),
    };
    let host = fqdn.clone().unwrap_or_else(|| "<mail.contoso.com>".into());
    let (c1, c2) = match cx.lang {
        Lang::En => (
            "# request a new certificate",
            "# import the issued certificate, enabled for SMTP",
        ),
        Lang::De => (
            "# neues Zertifikat anfordern",
            "# ausgestelltes Zertifikat importieren, für SMTP aktiviert",
        ),
    };
    let mut powershell = vec!["Get-ExchangeCertificate | Where-Object {$_.NotAfter -lt (Get-Date)} | Format-List Thumbprint,Subject,NotAfter,Services".to_string()];
    powershell.extend(ps::request_and_import_ca_certificate(
        &format!("CN={host}"),
        &host,
        c1,
        c2,
    ));
    out.push(cx.finding(
        Id::Expired,
        Severity::Error,
        &[("detail", detail.as_str())],
        evidence_of(&clues),
        Vec::new(),
        Vec::new(),
        powershell,
    ));
}

/// #10
fn internal_certificate(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    let clues = cx.clues(ClueKind::InternalCertificateMissing);
    if clues.is_empty() {
        return;
    }
    let thumbprint = first_value(&clues, "thumbprint").map(str::to_string);
    let t = thumbprint.clone().unwrap_or_else(|| "?".into());
    let servers = if cx.servers.is_empty() {
        vec!["<Server>".to_string()]
    } else {
        cx.servers.clone()
    };
    let mut powershell = Vec::new();
    for s in servers.iter().take(10) {
        powershell.push(fix::comment_on(s));
        powershell.push(format!(
            "New-ExchangeCertificate -Server {} -Services SMTP",
            quote(s)
        ));
        powershell.push("Restart-Service MSExchangeTransport".to_string());
    }
    let list = servers.join(", ");
    out.push(cx.finding(
        Id::InternalCertificateMissing,
        Severity::Error,
        &[("thumbprint", t.as_str()), ("servers", list.as_str())],
        evidence_of(&clues),
        thumbprint.into_iter().collect(),
        Vec::new(),
        powershell,
    ));
}

/// #11
fn tls_version(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    let clues = cx.clues(ClueKind::TlsVersionMismatch);
    let wanted = ["SocketError", "AlgorithmMismatch", "IllegalMessage"];
    let log: Vec<&crate::log::collector::FailureFact> = cx
        .input
        .logs
        .failures
        .iter()
        .filter(|f| {
            wanted
                .iter()
                .any(|w| f.report.error.eq_ignore_ascii_case(w))
        })
        .collect();
    if clues.is_empty() && log.is_empty() {
        return;
    }
    let token = log
        .first()
        .map(|f| f.report.error.clone())
        .or_else(|| first_value(&clues, "token").map(str::to_string))
        .unwrap_or_else(|| "SocketError".into());
    let mut servers = cx.servers.clone();
    for c in &cx.input.logs.connectors {
        if let Some(n) = &c.local_name {
            push_unique(&mut servers, n);
        }
    }
    let list = if servers.is_empty() {
        cx.m(Msg::AllServers).to_string()
    } else {
        servers.join(", ")
    };
    let mut powershell = Vec::new();
    if !servers.is_empty() {
        powershell.push(fix::comment_on(&list));
    }
    powershell.extend(fix::enable_tls12());
    powershell.push("Restart-Computer".to_string());
    for s in servers.iter().take(10) {
        powershell.push(format!(".\\HealthChecker.ps1 -Server {}", quote(s)));
    }
    if servers.is_empty() {
        powershell.push(".\\HealthChecker.ps1".to_string());
    }
    let mut evidence = evidence_of(&clues);
    evidence.extend(log.iter().take(5).map(|f| f.evidence.clone()));
    let connectors: Vec<String> = {
        let mut v = Vec::new();
        for f in &log {
            push_unique(&mut v, &f.report.connector);
        }
        v
    };
    out.push(cx.finding(
        Id::TlsVersionMismatch,
        Severity::Error,
        &[("token", token.as_str()), ("servers", list.as_str())],
        evidence,
        Vec::new(),
        connectors,
        powershell,
    ));
}

/// #12
fn microsoft_365_root(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    let mut evidence = evidence_of(&cx.clues(ClueKind::CertificateValidationFailure));
    for (kind, lines) in &cx.input.logs.notable {
        if *kind == crate::log::events::Notable::TlsRefusedByRemote {
            evidence.extend(
                lines
                    .evidence
                    .iter()
                    .filter(|e| {
                        e.text
                            .to_ascii_lowercase()
                            .contains("certificate validation failure")
                    })
                    .cloned(),
            );
        }
    }
    if evidence.is_empty() {
        return;
    }
    let root = "DF3C24F9BFD666761B268073FE06D1CC8D4F82A4";
    let mut powershell = Vec::new();
    let servers: Vec<String> = cx
        .connectors
        .iter()
        .flat_map(|(_, c)| c.source_transport_servers.iter().cloned())
        .collect();
    for s in servers.iter().take(10) {
        powershell.push(fix::comment_on(s));
    }
    powershell.extend([
        format!("Get-ChildItem -Path Cert:\\LocalMachine\\Root | Where-Object {{$_.Thumbprint -eq {}}}", quote(root)),
        "Import-Certificate -FilePath 'C:\\Certs\\DigiCertGlobalRootG2.crt' -CertStoreLocation Cert:\\LocalMachine\\Root".to_string(),
        "certutil -verifyctl AuthRoot".to_string(),
    ]);
    out.push(cx.finding(
        Id::Microsoft365RootMissing,
        Severity::Error,
        &[],
        evidence,
        vec![root.to_string()],
        Vec::new(),
        powershell,
    ));
}

/// #14
fn require_tls(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    let clues = cx.clues(ClueKind::RequireTlsNoStartTls);
    // Or: a pasted Send connector with RequireTLS whose logged sessions got no STARTTLS.
    let logged: Vec<&crate::log::collector::ConnectorFacts> = cx
        .input
        .logs
        .connectors
        .iter()
        .filter(|c| {
            c.direction == Direction::Send
                && c.ehlo_without_starttls > 0
                && c.starttls_advertised == 0
                && cx.connectors.iter().any(|(_, p)| {
                    p.kind != ConnectorKind::Receive
                        && p.require_tls == Some(true)
                        && p.display_name() == c.name
                })
        })
        .collect();
    if clues.is_empty() && logged.is_empty() {
        return;
    }
    let connector = first_value(&clues, "connector")
        .map(|c| c.trim_matches(['"', '\'']).to_string())
        .or_else(|| logged.first().map(|c| c.name.clone()))
        .unwrap_or_else(|| "<SendConnectorName>".into());
    let mut evidence = evidence_of(&clues);
    evidence.extend(
        logged
            .iter()
            .filter_map(|c| c.ehlo_without_starttls_evidence.clone()),
    );
    out.push(cx.finding(
        Id::RequireTlsNoStartTls,
        Severity::Error,
        &[("connector", connector.as_str())],
        evidence,
        Vec::new(),
        vec![connector.clone()],
        vec![
            format!("Get-SendConnector {} | Format-List Name,AddressSpaces,SmartHosts,RequireTLS,TlsAuthLevel,TlsDomain", quote(&connector)),
            format!("# Set-SendConnector {} -RequireTLS $false   # only if your policy allows mail to this domain without TLS", quote(&connector)),
        ],
    ));
}

fn is_hybrid_connector(c: &PastedConnector) -> bool {
    let exo = |s: &str| {
        s.to_ascii_lowercase()
            .contains("mail.protection.outlook.com")
    };
    c.kind != ConnectorKind::Receive
        && (c.display_name().to_ascii_lowercase().contains("office 365")
            || c.smart_hosts.iter().any(|s| exo(s))
            || c.address_spaces.iter().any(|s| exo(s))
            || c.tls_domain.as_deref().is_some_and(exo))
}

/// #15
fn hybrid_send_connector(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    let clues = cx.clues(ClueKind::HybridSendConnector);
    let mut done = false;
    for (path, c) in &cx.connectors {
        if !is_hybrid_connector(c) {
            continue;
        }
        let mut bad: Vec<String> = Vec::new();
        if c.tls_certificate_name.is_none() {
            bad.push("TlsCertificateName empty".into());
        }
        if c.cloud_services_mail_enabled == Some(false) {
            bad.push("CloudServicesMailEnabled False".into());
        }
        if c.tls_domain
            .as_deref()
            .is_some_and(|d| !d.eq_ignore_ascii_case("mail.protection.outlook.com"))
            || (c.tls_domain.is_none() && c.tls_auth_level.is_some())
        {
            bad.push(format!(
                "TlsDomain {}",
                c.tls_domain.as_deref().unwrap_or("-")
            ));
        }
        if c.tls_auth_level
            .as_deref()
            .is_some_and(|l| !l.eq_ignore_ascii_case("DomainValidation"))
        {
            bad.push(format!(
                "TlsAuthLevel {}",
                c.tls_auth_level.as_deref().unwrap_or("-")
            ));
        }
        if bad.is_empty() && clues.is_empty() {
            continue;
        }
        let mut detail = fill(
            cx.m(Msg::HybridBadProps),
            &[("props", bad.join(", ").as_str())],
        );
        if !clues.is_empty() {
            detail = format!("{detail} {}", cx.m(Msg::HybridErrorText));
        }
        let name = c.display_name();
        let output = cx
            .input
            .pastes
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, o)| *o);
        let mut evidence = evidence_of(&clues);
        if let Some(o) = output {
            evidence.push(Evidence {
                path: path.to_string(),
                line: c.line,
                text: o.line_text(c.line).to_string(),
            });
        }
        let best = cx.best_ca_for(None);
        let names = best.map(|(k, _)| (k.cand.issuer.as_str(), k.cand.subject.as_str()));
        let mut powershell = vec![format!(
            "Set-SendConnector {} -TlsAuthLevel DomainValidation -TlsDomain 'mail.protection.outlook.com' -CloudServicesMailEnabled $true -RequireTLS $true",
            quote(&name)
        )];
        if names.is_none() {
            powershell.push(fix::pick_certificate(None, None, None));
        }
        powershell.push(fix::set_connector_name(
            "Set-SendConnector",
            &name,
            &fix::tls_name_argument(names),
        ));
        out.push(
            cx.finding(
                Id::HybridSendConnector,
                Severity::Error,
                &[("connector", name.as_str()), ("detail", detail.as_str())],
                evidence,
                best.and_then(|(k, _)| k.thumbprint.clone())
                    .into_iter()
                    .collect(),
                vec![name.clone()],
                powershell,
            ),
        );
        done = true;
    }
    if !done && !clues.is_empty() {
        let name = "Outbound to Office 365";
        let detail = cx.m(Msg::HybridErrorText);
        out.push(cx.finding(
            Id::HybridSendConnector,
            Severity::Error,
            &[("connector", name), ("detail", detail)],
            evidence_of(&clues),
            Vec::new(),
            vec![name.to_string()],
            vec![format!(
                "Set-SendConnector {} -TlsAuthLevel DomainValidation -TlsDomain 'mail.protection.outlook.com' -CloudServicesMailEnabled $true -RequireTLS $true",
                quote(name)
            )],
        ));
    }
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

/// #17
fn authentication(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    let clues = cx.clues(ClueKind::Authentication);
    let log: Vec<&crate::log::collector::FailureFact> = cx
        .input
        .logs
        .failures
        .iter()
        .filter(|f| f.report.error.eq_ignore_ascii_case("InvalidToken"))
        .collect();
    let mut evidence = evidence_of(&clues);
    evidence.extend(log.iter().take(5).map(|f| f.evidence.clone()));
    for (kind, lines) in &cx.input.logs.notable {
        if *kind == crate::log::events::Notable::TemporaryAuthFailure {
            evidence.extend(lines.evidence.iter().take(5).cloned());
        }
    }
    if evidence.is_empty() {
        return;
    }
    let token = first_value(&clues, "token")
        .map(str::to_string)
        .or_else(|| log.first().map(|_| "InvalidToken".to_string()))
        .unwrap_or_else(|| "454 4.7.0".into());
    // The generic TLS finding for InvalidToken says the same thing less precisely.
    out.retain(|f| {
        !(f.id == crate::ids::FindingId::TlsNegotiationFailed && f.title.contains("InvalidToken"))
    });
    let connectors: Vec<String> = {
        let mut v = Vec::new();
        for f in &log {
            push_unique(&mut v, &f.report.connector);
        }
        v
    };
    out.push(cx.finding(
        Id::Authentication,
        Severity::Warning,
        &[("token", token.as_str())],
        evidence,
        Vec::new(),
        connectors,
        vec![
            "w32tm /query /status".to_string(),
            "Test-ComputerSecureChannel -Verbose".to_string(),
            "Get-SendConnector | Format-List Name,SmartHostAuthMechanism,AuthenticationCredential,RequireTLS".to_string(),
            "Get-WinEvent -FilterHashtable @{LogName='Application'; Id=1035} -MaxEvents 20 | Format-List TimeCreated,Message".to_string(),
        ],
    ));
}

/// Sessions dropped right after TLS that no row above explains.
fn dropped_after_tls(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    let explained = has(out, Id::SubjectMismatch.as_str());
    for g in &cx.input.logs.dropped_after_tls {
        if explained && g.from_exchange_online() {
            continue;
        }
        let cert = cx.seen(g.sending_certificate);
        let subject = cert
            .and_then(|c| c.identity.subject.clone())
            .unwrap_or_else(|| cx.m(Msg::UnknownValue).to_string());
        let remote = g.remote_name.clone().unwrap_or_else(|| "?".into());
        let count = g.count.to_string();
        let mut evidence: Vec<Evidence> = cert
            .map(|c| c.evidence.iter().take(3).cloned().collect())
            .unwrap_or_default();
        evidence.extend(g.evidence.iter().cloned());
        let mut powershell = fix::collection(&[], &[]);
        powershell.retain(|l| {
            l.contains("Get-MessageTraceDetail")
                || l.contains("Get-Queue")
                || l.contains("Get-ExchangeCertificate")
        });
        out.push(
            cx.finding(
                Id::DroppedAfterTls,
                Severity::Warning,
                &[
                    ("count", count.as_str()),
                    ("connector", g.connector.as_str()),
                    ("remote", remote.as_str()),
                    ("subject", subject.as_str()),
                    ("ending", g.ending.as_str()),
                ],
                evidence,
                cert.and_then(|c| c.identity.thumbprint.clone())
                    .into_iter()
                    .collect(),
                vec![g.connector.clone()],
                powershell,
            ),
        );
    }
}

/// #13 when only text names it (dropped chains are checked in `files`).
fn weak_signature_text(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    let clues = cx.clues(ClueKind::WeakSignature);
    if clues.is_empty() {
        return;
    }
    let lower = clues[0].text.to_ascii_lowercase();
    let algorithm = if lower.contains("md2") { "MD2" } else { "MD5" };
    let unknown = cx.m(Msg::UnknownValue);
    out.push(cx.finding(
        Id::WeakSignature,
        Severity::Error,
        &[
            ("algorithm", algorithm),
            ("subject", unknown),
            ("issuer", unknown),
        ],
        evidence_of(&clues),
        Vec::new(),
        Vec::new(),
        vec![
                "# the partner's chain: export it from their STARTTLS handshake and check it"
                    .to_string(),
                "certutil -verify -urlfetch 'C:\\Temp\\partner.cer'".to_string(),
            ],
    ));
}
