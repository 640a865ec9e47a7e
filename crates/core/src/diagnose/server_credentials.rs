//! `no-credentials` and `unknown-credentials` confirmed by the server's own word: the
//! certificate a connector's TlsCertificateName selects (or a protocol log names) shows
//! `HasPrivateKey : False` (KB 4495258), or its `Services` lack SMTP (KB 4051498). When a
//! queue sits in Retry with `421 4.4.1` towards that connector's destination, both become
//! one verdict: "mail to X is stuck because ...".

use super::paste_view::KnownCert;
use super::paste_view::{per_server, ps_hex, ps_quote, PasteView};
use crate::i18n::paste_text::StuckQueue;
use crate::paste::connector::ConnectorKind;
use crate::paste::event::EventMeaning;
use crate::paste::{PastedConnector, PastedQueue};
use crate::report::{Evidence, Finding, Remediation, Severity};

use super::no_credentials::ID as NO_CREDENTIALS;
use super::unknown_credentials::ID as UNKNOWN_CREDENTIALS;

struct Target<'a> {
    cert: &'a KnownCert,
    connectors: Vec<(&'a str, &'a PastedConnector)>,
    evidence: Vec<Evidence>,
}

pub fn findings(ctx: &PasteView<'_>) -> (Vec<Finding>, Option<String>) {
    let mut targets: Vec<Target<'_>> = Vec::new();

    for sel in ctx.selections() {
        let (path, connector, chosen) = (sel.path, sel.connector, sel.chosen);
        let evidence = ctx
            .output_of(connector)
            .map(|o| ctx.connector_evidence(path, connector, o));
        let target = target_for(&mut targets, chosen);
        target.connectors.push((path, connector));
        target.evidence.extend(evidence);
    }
    for named in &ctx.log_certificates {
        let Some(cert) = ctx
            .known
            .iter()
            .find(|c| c.thumbprint.as_deref() == Some(named.thumbprint.as_str()))
        else {
            continue;
        };
        let target = target_for(&mut targets, cert);
        target.evidence.push(named.evidence.clone());
    }

    // Event 12023 / 12013 / 12024: the server could not load this certificate.
    for source in ctx.pastes {
        for event in &source.output.events {
            let EventMeaning::CertificateNotLoaded {
                thumbprint: Some(tp),
            } = &event.meaning
            else {
                continue;
            };
            let Some(cert) = ctx
                .known
                .iter()
                .find(|c| c.thumbprint.as_deref() == Some(tp.as_str()))
            else {
                continue;
            };
            let evidence = Evidence {
                path: source.path.to_string(),
                line: event.line,
                text: event.message.chars().take(300).collect(),
            };
            target_for(&mut targets, cert).evidence.push(evidence);
        }
    }

    // A certificate enabled for SMTP that the server says has no private key fails with
    // NoCredentials whenever Exchange picks it, even where nothing given shows it picked
    // (a warning then: what would pick it is not in the evidence).
    for cert in &ctx.known {
        if cert.server_has_key == Some(false) && cert.has_smtp() == Some(true) {
            target_for(&mut targets, cert);
        }
    }

    let mut findings = Vec::new();
    let mut verdict = None;
    for target in targets {
        let no_key = target.cert.server_has_key == Some(false);
        let no_smtp = target.cert.has_smtp() == Some(false);
        if !(no_key || no_smtp) {
            continue;
        }
        let picked = !target.connectors.is_empty() || !target.evidence.is_empty();
        let mut finding = build(ctx, &target, no_key, &mut verdict);
        if !picked {
            finding.severity = Severity::Warning;
        }
        findings.push(finding);
    }
    (findings, verdict)
}

fn target_for<'a, 'b>(targets: &'b mut Vec<Target<'a>>, cert: &'a KnownCert) -> &'b mut Target<'a> {
    let i = match targets.iter().position(|t| std::ptr::eq(t.cert, cert)) {
        Some(i) => i,
        None => {
            targets.push(Target {
                cert,
                connectors: Vec::new(),
                evidence: Vec::new(),
            });
            targets.len() - 1
        }
    };
    &mut targets[i]
}

/// A queue in Retry with `421 4.4.1` whose next hop is where this send connector delivers
/// (or the only such queue when there is one send connector in question).
fn stuck_queue<'a>(
    ctx: &PasteView<'a>,
    connector: &PastedConnector,
) -> Option<(&'a str, &'a PastedQueue)> {
    if connector.kind == ConnectorKind::Receive {
        return None;
    }
    let stuck: Vec<(&str, &PastedQueue)> = ctx
        .queues
        .iter()
        .copied()
        .filter(|(_, q)| q.is_retry() && q.last_error_is_421_timeout())
        .collect();
    let destinations: Vec<String> = connector
        .destinations()
        .iter()
        .map(|d| d.to_ascii_lowercase())
        .collect();
    let by_destination = stuck.iter().copied().find(|(_, q)| {
        q.next_hop_domain.as_deref().is_some_and(|h| {
            destinations.iter().any(|d| {
                d == &h.to_ascii_lowercase()
                    || (d.starts_with("*.") && h.to_ascii_lowercase().ends_with(&d[1..]))
            })
        })
    });
    let send_connectors = ctx
        .connectors
        .iter()
        .filter(|(_, c)| c.kind != ConnectorKind::Receive)
        .count();
    by_destination.or_else(|| {
        if stuck.len() == 1 && send_connectors == 1 {
            stuck.first().copied()
        } else {
            None
        }
    })
}

fn build(
    ctx: &PasteView<'_>,
    target: &Target<'_>,
    no_key: bool,
    verdict: &mut Option<String>,
) -> Finding {
    let t = ctx.text;
    let cert = target.cert;
    let label = ctx.label(cert);
    let thumbprint = ps_hex(cert.thumbprint_or_unknown());
    // The connector a stuck queue delivers through tells the story; else the first one.
    let with_queue = target
        .connectors
        .iter()
        .find_map(|(_, c)| stuck_queue(ctx, c).map(|q| (*c, q)));
    let queue = with_queue.map(|(_, q)| q);
    let connector_name = with_queue
        .map(|(c, _)| c)
        .or_else(|| target.connectors.first().map(|(_, c)| *c))
        .map(|c| c.display_name());
    let servers: Vec<String> = target
        .connectors
        .iter()
        .flat_map(|(_, c)| c.source_transport_servers.clone())
        .fold(Vec::new(), |mut v, s| {
            if !v.contains(&s) {
                v.push(s);
            }
            v
        });

    let mut evidence = Vec::new();
    let own_word = if no_key {
        cert.server_has_key_evidence.clone()
    } else {
        cert.services_evidence.clone()
    };
    evidence.extend(own_word);
    evidence.extend(target.evidence.iter().cloned());
    if let Some((path, q)) = queue {
        let output = ctx.pastes.iter().find(|s| s.path == path).map(|s| s.output);
        let text = output
            .map(|o| o.line_text(q.last_error_line).to_string())
            .unwrap_or_default();
        evidence.push(Evidence {
            path: path.to_string(),
            line: q.last_error_line,
            text,
        });
    }

    let destination = queue.and_then(|(_, q)| q.next_hop_domain.clone());
    let title = match (&destination, &connector_name) {
        (Some(d), Some(c)) if no_key => (t.no_key_stuck_title)(d, c),
        (Some(d), Some(c)) => (t.no_smtp_stuck_title)(d, c),
        _ if no_key => (t.no_key_title)(&label),
        _ => (t.no_smtp_title)(&label),
    };
    if destination.is_some() && verdict.is_none() {
        *verdict = Some(title.clone());
    }
    let explanation = if no_key {
        (t.no_key_explanation)(
            &label,
            connector_name.as_deref(),
            queue.map(|(_, q)| StuckQueue {
                identity: q.identity.as_deref().unwrap_or("?"),
                messages: q.message_count.unwrap_or(0),
            }),
        )
    } else {
        let services = cert
            .services
            .as_ref()
            .map(|s| {
                if s.is_empty() {
                    "None".to_string()
                } else {
                    s.join(", ")
                }
            })
            .unwrap_or_default();
        (t.no_smtp_explanation)(&label, &services, connector_name.as_deref())
    };

    let mut ps = Vec::new();
    if no_key {
        let pfx = cert.key_file.clone().unwrap_or_else(|| {
            let cn = cert
                .subject
                .as_deref()
                .and_then(|s| s.split(',').next())
                .and_then(|p| p.trim().strip_prefix("CN="))
                .unwrap_or("certificate");
            format!("C:\\Certs\\{}.pfx", cn.replace('*', "wildcard"))
        });
        ps.push(t.ps_comment_import_pfx.to_string());
        ps.extend(per_server(&servers, |s| {
            format!(
                "{} -PrivateKeyExportable $true",
                crate::diagnose::powershell::import_pfx_with(
                    ctx.lang,
                    &if s.is_empty() {
                        String::new()
                    } else {
                        format!(" {}", s.trim_end())
                    },
                    &pfx
                )
            )
        }));
        if let Some(serial) = &cert.serial_number {
            ps.push(t.ps_comment_repair_key.to_string());
            ps.push(format!("certutil -repairstore my {}", ps_hex(serial)));
        }
    }
    ps.push(t.ps_comment_enable_smtp.to_string());
    ps.extend(per_server(&servers, |s| {
        format!("Enable-ExchangeCertificate {s}-Thumbprint {thumbprint} -Services SMTP")
    }));
    ps.push(t.ps_comment_restart.to_string());
    ps.push("Restart-Service MSExchangeTransport".into());
    if let Some(identity) = queue.and_then(|(_, q)| q.identity.as_deref()) {
        ps.push(t.ps_comment_retry_queue.to_string());
        ps.push(format!("Retry-Queue -Identity {}", ps_quote(identity)));
    }

    Finding {
        id: if no_key {
            NO_CREDENTIALS
        } else {
            UNKNOWN_CREDENTIALS
        },
        severity: Severity::Error,
        title,
        explanation,
        evidence,
        thumbprints: cert.thumbprint.clone().into_iter().collect(),
        connectors: target
            .connectors
            .iter()
            .map(|(_, c)| c.display_name())
            .collect(),
        remediation: Some(Remediation {
            steps: if no_key {
                (t.no_key_steps)()
            } else {
                (t.no_smtp_steps)()
            },
            powershell: ps.join("\n"),
        }),
    }
}
