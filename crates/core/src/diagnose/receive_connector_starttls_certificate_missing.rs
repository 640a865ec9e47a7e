//! `receive-connector-starttls-certificate-missing` — FAILURE-MODES #5: a receive connector can no longer offer STARTTLS (Event 12014; 451 5.7.3 from Exchange Online).
//! A row of the failure catalogue ([`crate::catalogue`]): reads the clues, log facts, pastes
//! and dropped certificates through [`Cx`].

use crate::catalogue::clues::{Clue, ClueKind};
use crate::catalogue::cx::{cn_of, evidence_of, first_value, has, push_unique, server_of, Cx};
use crate::catalogue::fix;
use crate::catalogue::text::Msg;
use crate::catalogue::Id;
use crate::i18n::fill;
use crate::ids::FindingId;
use crate::report::{Finding, Severity};

use super::context::Context;

pub const ID: FindingId = FindingId::ReceiveConnectorStarttlsCertificateMissing;

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    starttls_certificate_missing(&Cx::of(cx), out);
}

/// #5
fn starttls_certificate_missing(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    let all_events = cx.clues(ClueKind::StartTlsCertificateMissing);
    // An event `tls-certificate-name-matches-nothing` already reports (with a cause of its
    // own: the certificate is there but not enabled for SMTP, or a pasted connector names it)
    // is not reported twice.
    let events: Vec<_> = all_events
        .iter()
        .copied()
        .filter(|c| !super::tls_name_matches_nothing::reports_event(out, c))
        .collect();
    if !all_events.is_empty() && events.is_empty() {
        return;
    }
    // `451 5.7.3` in this server's own queue is this server sending without TLS
    // (`starttls-required-by-remote`), not Exchange Online failing to reach it.
    let mut exo: Vec<&Clue> = cx
        .clues(ClueKind::StartTlsRequired)
        .into_iter()
        .filter(|c| !super::starttls_required_by_remote::from_this_servers_queue(cx, c))
        .collect();
    if !has(out, Id::SubjectMismatch.as_str()) {
        exo.extend(cx.clues(ClueKind::CannotConnect));
    }
    if events.is_empty() {
        if !exo.is_empty() {
            report(cx, &[], &exo, out);
        }
        return;
    }
    // One finding per connector and certificate name: events of other connectors are not
    // folded into the first one's. A connector named after its server (`Default Frontend
    // EX01`, `Default Frontend EX02`) is one connector on each server, fixed on all of them.
    let mut groups: Vec<(String, Vec<&Clue>)> = Vec::new();
    for clue in events {
        let key = group_key(cx, clue);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, group)) => group.push(clue),
            None => groups.push((key, vec![clue])),
        }
    }
    for (i, (_, group)) in groups.iter().take(MAX_GROUPS).enumerate() {
        report(cx, group, if i == 0 { &exo } else { &[] }, out);
    }
}

/// Findings of this row at most (one per connector and name; more would repeat the advice).
const MAX_GROUPS: usize = 16;

fn group_key(cx: &Cx<'_>, clue: &Clue) -> String {
    let connector = clue.value("connector").unwrap_or("").trim();
    let connector = match connector.rsplit_once(' ') {
        Some((head, last)) if cx.servers.iter().any(|s| s.eq_ignore_ascii_case(last)) => head,
        _ => connector,
    };
    format!(
        "{}\u{1f}{}",
        connector.to_lowercase(),
        crate::paste::values::dn_key(clue.value("name").unwrap_or(""))
    )
}

/// The finding for one connector's Event 12014s (`events`) and what Exchange Online said
/// (`exo`); `events` empty: Exchange Online's side alone.
fn report(cx: &Cx<'_>, events: &[&Clue], exo: &[&Clue], out: &mut Vec<Finding>) {
    let name = first_value(events, "name").unwrap_or("?").to_string();
    // Exchange Online names the host it tried (`[LastAttemptedServerName=mail.contoso.com]`).
    let attempted = exo.iter().find_map(|c| attempted_server(&c.text));
    let fqdn = first_value(events, "fqdn")
        .map(str::to_string)
        .or_else(|| attempted.clone());
    // The host to look certificates up by: when the connector names its certificate as
    // `<I>issuer<S>subject`, Event 12014 prints that string where the name and the FQDN go,
    // and no certificate lists it among its CertificateDomains.
    let host = fqdn
        .as_deref()
        .and_then(host_of)
        .or_else(|| first_value(events, "name").and_then(host_of));
    let raw_connector = first_value(events, "connector").map(str::to_string);
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
            .unwrap_or_else(|| {
                let s = crate::diagnose::powershell::Placeholder::Server.bare(cx.lang);
                format!("{s}\\Default Frontend {s}")
            }),
    };
    let best = cx.best_ca_for(host.as_deref());
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
            host.as_deref(),
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
            host.as_deref(),
        ));
        powershell.push(fix::set_connector_name(
            "Set-ReceiveConnector",
            &identity,
            &fix::tls_name_argument(None),
        ));
    }
    if events.is_empty() {
        // Event 12014 was not given: look for it and at the connectors before changing one.
        powershell.splice(0..0, fix::check_receive_starttls());
    }
    let mut evidence = evidence_of(events);
    evidence.extend(evidence_of(exo));
    if let Some((k, _)) = best {
        evidence.push(k.evidence.clone());
    }
    let fqdn_shown = fqdn.clone().unwrap_or_else(|| "?".into());
    let mut finding = cx.finding(
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
    );
    if events.is_empty() {
        // Only Exchange Online's side was given: say what it shows, not an event nobody saw.
        let server = attempted.unwrap_or_else(|| cx.m(Msg::UnknownValue).to_string());
        finding.explanation = fill(
            cx.m(Msg::StartTlsMissingSeenFromExo),
            &[("server", server.as_str())],
        );
    }
    out.push(finding);
}

/// The host name in an Event 12014 value: the common name of the subject when it is a
/// `<I>issuer<S>subject` TlsCertificateName (and that name is a host name), else the value.
fn host_of(value: &str) -> Option<String> {
    let value = value.trim();
    if value.contains("<I>") || value.contains("<S>") {
        let parsed = crate::paste::tls_certificate_name::parse(value);
        let cn = parsed.subject.as_deref().and_then(cn_of)?.trim();
        return is_host(cn).then(|| cn.to_string());
    }
    (!value.is_empty()).then(|| value.to_string())
}

fn is_host(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 253
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'*' | b'_'))
}

/// `clue` was read from the event whose message (or its first characters) is `message`, in
/// the paste `path`.
pub fn same_event(path: &str, message: &str, clue: &Clue) -> bool {
    let head: String = collapse(message).chars().take(160).collect();
    clue.kind == ClueKind::StartTlsCertificateMissing
        && clue.path == path
        && head.len() >= 40
        && collapse(&clue.text).contains(&head)
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The host in Exchange Online's `[LastAttemptedServerName=...]`.
fn attempted_server(text: &str) -> Option<String> {
    const KEY: &str = "lastattemptedservername=";
    let start = text.to_ascii_lowercase().find(KEY)? + KEY.len();
    let rest = text.get(start..)?;
    let name = rest[..rest.find(']').unwrap_or(rest.len())].trim();
    (!name.is_empty() && name.len() <= 255).then(|| name.to_string())
}
