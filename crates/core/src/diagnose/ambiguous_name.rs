//! `ambiguous-tls-certificate-name` — the renewal trap ("Can't remove a certificate that's
//! installed in Exchange Server"): two or more distinct certificates share issuer and subject,
//! so one Send connector `TlsCertificateName` (`<I>issuer<S>subject`) matches all of them and
//! `Remove-ExchangeCertificate` refuses to remove the old one ("A special Rpc error occurs on
//! server EX01: These certificates are tagged with following Send Connectors : ...").
//!
//! One rule over the evidence model: the certificates may come from files, a pasted
//! `Get-ExchangeCertificate` listing, a log's certificate block, or any mix. When a pasted
//! connector names the pair, the finding is about that connector (Exchange's pick named, the
//! safe procedure on its source transport servers); otherwise it names old and new by
//! NotBefore and gives the article's procedure for whichever connectors carry the name. The
//! server's RPC error, when pasted, is cited as evidence.

use std::collections::BTreeMap;

use crate::evidence::certificates::{exchange_choice, Certificate};
use crate::i18n::paste_text::CertLabel;
use crate::i18n::Text;
use crate::ids::FindingId;
use crate::log::cert_block::Role;
use crate::paste::values::dn_key;
use crate::paste::{PastedConnector, PastedOutput};
use crate::report::{Evidence, Finding, Remediation, Severity};

use super::context::Context;
use super::powershell as ps;
use crate::catalogue::clues::ClueKind;
use crate::catalogue::cx::{evidence_of, first_value, has, Cx};
use crate::catalogue::fix;
use crate::catalogue::Id;
use crate::diagnose::powershell::quote;
use crate::exchange::cert_choice::{self, Candidate, ChoiceRule};

pub const ID: FindingId = FindingId::AmbiguousTlsCertificateName;

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    // Certificates that issued another given certificate are CAs of a chain, not TLS
    // certificates a connector names (a self-signed TLS certificate may still carry cA=true).
    let issuers: Vec<String> = cx
        .evidence
        .certificates
        .iter()
        .filter(|c| c.issuer != c.subject)
        .filter_map(|c| c.issuer.as_deref().map(dn_key))
        .collect();
    // (issuer, subject) → distinct certificates (the model already merged by thumbprint).
    let mut groups: BTreeMap<(String, String), Vec<&Certificate>> = BTreeMap::new();
    for c in &cx.evidence.certificates {
        let (Some(issuer), Some(subject), Some(_)) = (&c.issuer, &c.subject, &c.thumbprint) else {
            continue;
        };
        if c.is_ca == Some(true) && issuers.contains(&dn_key(subject)) {
            continue;
        }
        groups
            .entry((dn_key(issuer), dn_key(subject)))
            .or_default()
            .push(c);
    }
    let connectors = cx.pasted_connectors();
    for (_, mut members) in groups {
        if members.len() < 2 {
            continue;
        }
        members.sort_by_key(|m| (m.not_before, m.not_after));
        let (Some(issuer), Some(subject)) =
            (members[0].issuer.as_deref(), members[0].subject.as_deref())
        else {
            continue;
        };
        let naming: Vec<&(&str, &PastedConnector, &PastedOutput)> = connectors
            .iter()
            .filter(|(_, c, _)| {
                c.tls_certificate_name_parsed
                    .as_ref()
                    .filter(|n| n.is_well_formed())
                    .is_some_and(|n| match (&n.issuer, &n.subject) {
                        (Some(i), Some(s)) => {
                            dn_key(i) == dn_key(issuer) && dn_key(s) == dn_key(subject)
                        }
                        _ => false,
                    })
            })
            .collect();
        if naming.is_empty() {
            let Some((newest, olds)) = members.split_last() else {
                continue;
            };
            out.push(generic(cx, issuer, subject, &members, newest, olds));
        } else {
            for (path, connector, output) in naming {
                out.extend(for_connector(cx, path, connector, output, &members));
            }
        }
    }
    // Only the RPC error text shows the trap: the article's procedure with what is known.
    renewal_trap(&Cx::of(cx), out);
}

/// The server's refusals (the RPC error), as evidence lines and one sentence.
fn server_refusals(cx: &Context<'_>) -> (Vec<Evidence>, Option<String>, Vec<String>) {
    let refusals: Vec<_> = cx
        .evidence
        .server_errors
        .iter()
        .filter(|e| !e.tagged_connectors().is_empty())
        .collect();
    let Some(first) = refusals.first() else {
        return (Vec::new(), None, Vec::new());
    };
    let mut names: Vec<String> = Vec::new();
    for r in &refusals {
        for c in r.tagged_connectors() {
            if !names.contains(c) {
                names.push(c.clone());
            }
        }
    }
    let quoted: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    let sentence = cx.fill(
        Text::AmbiguousServerRefused,
        &[
            ("server", first.error.server.as_deref().unwrap_or("?")),
            ("connectors", quoted.join(", ").as_str()),
        ],
    );
    (
        refusals.iter().map(|r| r.evidence.clone()).collect(),
        Some(sentence),
        names,
    )
}

fn member_evidence(members: &[&Certificate]) -> Vec<Evidence> {
    let mut out: Vec<Evidence> = Vec::new();
    for m in members {
        for e in m.evidence_lines() {
            if !out.contains(&e) {
                out.push(e);
            }
        }
    }
    out
}

/// No pasted connector names the pair: old vs new by NotBefore, the article's procedure for
/// every Send connector whose TlsCertificateName is this name.
fn generic(
    cx: &Context<'_>,
    issuer: &str,
    subject: &str,
    members: &[&Certificate],
    newest: &Certificate,
    olds: &[&Certificate],
) -> Finding {
    let name = format!("<I>{issuer}<S>{subject}");
    let describe = |m: &Certificate| {
        format!(
            "{} ({} .. {})",
            m.thumbprint_or_unknown(),
            m.not_before_text.as_deref().unwrap_or("?"),
            m.not_after_text.as_deref().unwrap_or("?")
        )
    };
    let old_list: Vec<String> = olds.iter().map(|m| describe(m)).collect();
    let new_text = describe(newest);
    let is_member = |t: &str| {
        members.iter().any(|m| {
            m.thumbprint
                .as_deref()
                .is_some_and(|mt| mt.eq_ignore_ascii_case(t))
        })
    };
    // Which one Exchange used, when a log shows it.
    let used =
        cx.logs.certificates.iter().find(|s| {
            s.role == Role::Sending && s.report.thumbprint.as_deref().is_some_and(is_member)
        });
    let count = members.len().to_string();
    let olds_text = old_list.join(", ");
    let vars = [
        ("count", count.as_str()),
        ("issuer", issuer),
        ("subject", subject),
        ("name", name.as_str()),
        ("old", olds_text.as_str()),
        ("new", new_text.as_str()),
    ];
    let mut explanation = cx.fill(Text::AmbiguousExplanation, &vars);
    explanation.push(' ');
    match used.and_then(|u| u.report.thumbprint.as_deref()) {
        Some(t) => explanation.push_str(&cx.fill(
            Text::AmbiguousUsedFromLog,
            &[
                ("thumbprint", t),
                (
                    "connector",
                    used.map(|u| u.report.connector.as_str()).unwrap_or(""),
                ),
            ],
        )),
        None => explanation.push_str(cx.text(Text::AmbiguousUsedUnknown)),
    }
    let (refusal_evidence, refusal, tagged) = server_refusals(cx);
    if let Some(r) = refusal {
        explanation.push(' ');
        explanation.push_str(&r);
    }
    let mut connectors: Vec<String> = cx
        .logs
        .certificates
        .iter()
        .filter(|s| {
            s.role == Role::Sending && s.report.thumbprint.as_deref().is_some_and(is_member)
        })
        .map(|s| s.report.connector.clone())
        .filter(|c| !c.contains('\\'))
        .collect();
    for t in tagged {
        connectors.push(t);
    }
    let mut seen = Vec::new();
    connectors.retain(|c| {
        let new = !seen.contains(c);
        seen.push(c.clone());
        new
    });
    let mut ps_lines = vec![
        "Get-ExchangeCertificate | Format-List FriendlyName,Subject,Issuer,CertificateDomains,Thumbprint,NotBefore,NotAfter".to_string(),
        format!(
            "$connectors = Get-SendConnector | Where-Object {{{} -eq {}}}",
            ps::CONNECTOR_TLS_NAME,
            ps::quote(&name)
        ),
        "$connectors | Format-List Identity,SourceTransportServers".to_string(),
        "Stop-Service MSExchangeTransport".to_string(),
        "$connectors | ForEach-Object { Set-SendConnector -Identity $_.Identity -TlsCertificateName $Null }".to_string(),
    ];
    for m in olds {
        ps_lines.push(format!(
            "Remove-ExchangeCertificate -Server $env:COMPUTERNAME -Thumbprint {}",
            ps::quote(m.thumbprint_or_unknown())
        ));
    }
    ps_lines.push(format!(
        "$cert = Get-ExchangeCertificate -Thumbprint {}",
        ps::quote(newest.thumbprint_or_unknown())
    ));
    ps_lines.push(format!("$tlscertificatename = {}", ps::CERT_TLS_NAME));
    ps_lines.push("$connectors | ForEach-Object { Set-SendConnector -Identity $_.Identity -TlsCertificateName $tlscertificatename }".to_string());
    ps_lines.push("Start-Service MSExchangeTransport".to_string());
    let steps = vec![
        cx.text(Text::StepAmbiguousList).to_string(),
        cx.fill(
            Text::StepAmbiguousFindConnectors,
            &[("name", name.as_str())],
        ),
        cx.text(Text::StepAmbiguousStopTransport).to_string(),
        cx.text(Text::StepAmbiguousClearName).to_string(),
        cx.fill(Text::StepAmbiguousRemoveOld, &[("old", olds_text.as_str())]),
        cx.fill(
            Text::StepAmbiguousSetName,
            &[("thumbprint", newest.thumbprint_or_unknown())],
        ),
        cx.text(Text::StepAmbiguousStartTransport).to_string(),
    ];
    let mut evidence = member_evidence(members);
    evidence.extend(refusal_evidence);
    evidence.truncate(crate::limits::MAX_EVIDENCE_PER_FINDING);
    Finding {
        id: ID,
        severity: Severity::Warning,
        title: cx.fill(Text::AmbiguousTitle, &vars),
        explanation,
        evidence,
        thumbprints: members
            .iter()
            .filter_map(|m| m.thumbprint.clone())
            .collect(),
        connectors,
        remediation: Some(Remediation {
            steps,
            powershell: ps_lines.join("\n"),
        }),
    }
}

fn label(cx: &Context<'_>, c: &Certificate) -> String {
    (cx.paste_text().cert_label)(&CertLabel {
        subject: c.subject.as_deref().unwrap_or("?"),
        thumbprint: c.thumbprint_or_unknown(),
        not_before: c.not_before_text.as_deref(),
        not_after: c.not_after_text.as_deref(),
    })
}

/// A pasted connector names the pair: Exchange's pick, and Microsoft's procedure on the
/// connector's source transport servers.
fn for_connector(
    cx: &Context<'_>,
    path: &str,
    connector: &PastedConnector,
    output: &PastedOutput,
    members: &[&Certificate],
) -> Option<Finding> {
    let t = cx.paste_text();
    let chosen = exchange_choice(members, cx.now_unix)?;
    let others: Vec<&Certificate> = members
        .iter()
        .copied()
        .filter(|c| !std::ptr::eq(*c, chosen))
        .collect();
    let display = connector.display_name();
    let servers = &connector.source_transport_servers;
    let new = ps::hex_or_quote(chosen.thumbprint_or_unknown());
    let per_server = |line: &dyn Fn(&str) -> String| -> Vec<String> {
        if servers.is_empty() {
            vec![line("")]
        } else {
            servers
                .iter()
                .take(10)
                .map(|s| line(&format!("-Server {} ", ps::quote(s))))
                .collect()
        }
    };
    let on_servers = |command: &str| -> Vec<String> {
        if servers.is_empty() {
            vec![command.to_string()]
        } else {
            servers
                .iter()
                .take(10)
                .map(|s| {
                    format!(
                        "Invoke-Command -ComputerName {} {{ {command} }}",
                        ps::quote(s)
                    )
                })
                .collect()
        }
    };
    // The order of Microsoft's article: the new certificate serves SMTP, transport stops on
    // the connector's source servers, the name is cleared, the old certificates go, the name
    // is set from the new certificate, transport starts.
    let mut lines = vec![t.ps_comment_enable_smtp.to_string()];
    lines.extend(per_server(&|s| {
        format!("Enable-ExchangeCertificate {s}-Thumbprint {new} -Services SMTP")
    }));
    lines.push(t.ps_comment_stop.to_string());
    lines.extend(on_servers("Stop-Service MSExchangeTransport"));
    lines.push(t.ps_comment_clear_name.to_string());
    lines.extend(ps::set_connector(
        cx.lang,
        connector,
        "-TlsCertificateName $null",
    ));
    lines.push(t.ps_comment_remove_old.to_string());
    for old in &others {
        let old = ps::hex_or_quote(old.thumbprint_or_unknown());
        lines.extend(per_server(&|s| {
            format!("Remove-ExchangeCertificate {s}-Thumbprint {old}")
        }));
    }
    lines.push(t.ps_comment_set_name.to_string());
    let first_server = servers
        .first()
        .map(|s| format!("-Server {} ", ps::quote(s)))
        .unwrap_or_default();
    lines.push(format!(
        "$cert = Get-ExchangeCertificate {first_server}-Thumbprint {new}"
    ));
    lines.push(format!("$tlscertificatename = {}", ps::CERT_TLS_NAME));
    lines.extend(ps::set_connector(
        cx.lang,
        connector,
        "-TlsCertificateName $tlscertificatename",
    ));
    lines.push(t.ps_comment_start.to_string());
    lines.extend(on_servers("Start-Service MSExchangeTransport"));

    let mut evidence = vec![Evidence {
        path: path.to_string(),
        line: connector.tls_certificate_name_line,
        text: output
            .line_text(connector.tls_certificate_name_line)
            .to_string(),
    }];
    for m in members {
        if let Some(e) = &m.evidence {
            evidence.push(e.clone());
        }
    }
    let (refusal_evidence, refusal, _) = server_refusals(cx);
    evidence.extend(refusal_evidence);
    evidence.truncate(crate::limits::MAX_EVIDENCE_PER_FINDING);
    let name = connector
        .tls_certificate_name_parsed
        .as_ref()
        .map(|n| n.value.as_str())
        .unwrap_or("");
    let mut explanation = (t.ambiguous_explanation)(
        &display,
        name,
        &label(cx, chosen),
        chosen.is_time_valid(cx.now_unix),
        &others.iter().map(|c| label(cx, c)).collect::<Vec<_>>(),
    );
    if let Some(r) = refusal {
        explanation.push(' ');
        explanation.push_str(&r);
    }
    let mut thumbprints = vec![chosen.thumbprint.clone()];
    thumbprints.extend(others.iter().map(|c| c.thumbprint.clone()));
    Some(Finding {
        id: ID,
        severity: Severity::Warning,
        title: (t.ambiguous_title)(&display, members.len()),
        explanation,
        evidence,
        thumbprints: thumbprints.into_iter().flatten().collect(),
        connectors: vec![display],
        remediation: Some(Remediation {
            steps: (t.ambiguous_steps)(),
            powershell: lines.join("\n"),
        }),
    })
}

/// #4 from the RPC error text (the engines report the pair itself when they see it).
fn renewal_trap(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    let clues = cx.clues(ClueKind::RenewalTrapRpc);
    if clues.is_empty() || has(out, Id::AmbiguousName.as_str()) {
        return;
    }
    let server = first_value(&clues, "server")
        .map(str::to_string)
        .unwrap_or_else(|| ps::Placeholder::Server.bare(cx.lang));
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
        .unwrap_or_else(|| ps::Placeholder::OldThumbprint.bare(cx.lang));
    let new = pair
        .and_then(|(_, n)| cx.known[n].thumbprint.clone())
        .unwrap_or_else(|| ps::Placeholder::NewThumbprint.bare(cx.lang));
    let rule = ChoiceRule::SendLatestExpiry.describe(cx.lang);
    let mut evidence = evidence_of(&clues);
    if let Some((o, n)) = pair {
        evidence.push(cx.known[o].evidence.clone());
        evidence.push(cx.known[n].evidence.clone());
    }
    let names = if connectors.is_empty() {
        vec![ps::Placeholder::SendConnectorName.bare(cx.lang)]
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
