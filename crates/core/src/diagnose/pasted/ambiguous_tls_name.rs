//! `ambiguous-tls-certificate-name`: a connector's TlsCertificateName matches more than one
//! certificate (the renewal trap, "Can't remove a certificate that's installed in Exchange
//! Server"). Names the one Exchange uses (the newest valid CA-issued one) and writes
//! Microsoft's safe procedure with the real thumbprints, connector and servers.

use super::known::{exchange_choice, KnownCert};
use super::{per_server, ps_hex, ps_quote, Context};
use crate::diagnose::powershell::CERT_TLS_NAME;
use crate::report::{Finding, Remediation, Severity};

pub const ID: &str = "ambiguous-tls-certificate-name";

pub fn check(ctx: &Context<'_>) -> Vec<Finding> {
    let t = ctx.text;
    let mut findings = Vec::new();
    for (path, connector) in &ctx.connectors {
        // A malformed name selects nothing for Exchange (that finding is `tls-certificate-name-malformed`).
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
        let matches: Vec<&KnownCert> = ctx
            .known
            .iter()
            .filter(|c| c.matches_names(issuer, subject))
            .collect();
        if matches.len() < 2 {
            continue;
        }
        let Some(chosen) = exchange_choice(&matches, ctx.input.now_unix) else {
            continue;
        };
        let others: Vec<&KnownCert> = matches
            .iter()
            .copied()
            .filter(|c| !std::ptr::eq(*c, chosen))
            .collect();
        let display = connector.display_name();
        let identity = ps_quote(&connector.set_identity());
        let set = connector.set_cmdlet();
        let servers = &connector.source_transport_servers;
        let new = ps_hex(chosen.thumbprint_or_unknown());

        // The order of Microsoft's article: the new certificate serves SMTP, transport stops
        // on the connector's source servers, the name is cleared, the old certificates go, the
        // name is set from the new certificate, transport starts.
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
                            ps_quote(s)
                        )
                    })
                    .collect()
            }
        };
        let mut ps = vec![t.ps_comment_enable_smtp.to_string()];
        ps.extend(per_server(servers, |s| {
            format!("Enable-ExchangeCertificate {s}-Thumbprint {new} -Services SMTP")
        }));
        ps.push(t.ps_comment_stop.to_string());
        ps.extend(on_servers("Stop-Service MSExchangeTransport"));
        ps.push(t.ps_comment_clear_name.to_string());
        ps.push(format!(
            "{set} -Identity {identity} -TlsCertificateName $null"
        ));
        ps.push(t.ps_comment_remove_old.to_string());
        for old in &others {
            let old = ps_hex(old.thumbprint_or_unknown());
            ps.extend(per_server(servers, |s| {
                format!("Remove-ExchangeCertificate {s}-Thumbprint {old}")
            }));
        }
        ps.push(t.ps_comment_set_name.to_string());
        let first_server = servers
            .first()
            .map(|s| format!("-Server {} ", ps_quote(s)))
            .unwrap_or_default();
        ps.push(format!(
            "$cert = Get-ExchangeCertificate {first_server}-Thumbprint {new}"
        ));
        ps.push(format!("$tlscertificatename = {CERT_TLS_NAME}"));
        ps.push(format!(
            "{set} -Identity {identity} -TlsCertificateName $tlscertificatename"
        ));
        ps.push(t.ps_comment_start.to_string());
        ps.extend(on_servers("Start-Service MSExchangeTransport"));

        let mut evidence: Vec<_> = ctx
            .output_of(connector)
            .map(|o| ctx.connector_evidence(path, connector, o))
            .into_iter()
            .collect();
        evidence.extend(matches.iter().filter_map(|c| c.evidence.clone()));
        let mut thumbprints = vec![chosen.thumbprint.clone()];
        thumbprints.extend(others.iter().map(|c| c.thumbprint.clone()));
        findings.push(Finding {
            id: ID.into(),
            severity: Severity::Warning,
            title: (t.ambiguous_title)(&display, matches.len()),
            explanation: (t.ambiguous_explanation)(
                &display,
                &name.value,
                &ctx.label(chosen),
                chosen.is_time_valid(ctx.input.now_unix),
                &others.iter().map(|c| ctx.label(c)).collect::<Vec<_>>(),
            ),
            evidence,
            thumbprints: thumbprints.into_iter().flatten().collect(),
            connectors: vec![display],
            remediation: Some(Remediation {
                steps: (t.ambiguous_steps)(),
                powershell: ps.join("\n"),
            }),
        });
    }
    findings
}
