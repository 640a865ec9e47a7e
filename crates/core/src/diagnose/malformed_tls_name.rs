//! `tls-certificate-name-malformed`: a connector's TlsCertificateName is not
//! `<I>{issuer}<S>{subject}`; say exactly what is wrong and print the corrected value,
//! built from the certificate it must mean when that certificate is known.

use crate::ids::FindingId;

use super::paste_view::{exchange_choice, KnownCert};
use super::paste_view::{ps_comment_text, ps_hex, ps_quote, PasteView};
use crate::diagnose::powershell::CERT_TLS_NAME;
use crate::paste::tls_certificate_name::{build, TlsCertificateName};
use crate::report::{Finding, Remediation, Severity};

pub const ID: FindingId = FindingId::TlsCertificateNameMalformed;

/// The certificate a malformed name most likely means.
pub fn intended_certificate<'a>(
    ctx: &'a PasteView<'_>,
    name: &TlsCertificateName,
) -> Option<&'a KnownCert> {
    let now = ctx.now_unix;
    let pick = |pred: &dyn Fn(&KnownCert) -> bool| {
        let hits: Vec<&KnownCert> = ctx.known.iter().filter(|c| pred(c)).collect();
        exchange_choice(&hits, now)
    };
    match (&name.issuer, &name.subject, name.host_name()) {
        (Some(i), Some(s), _) => pick(&|c| c.matches_names(i, s)),
        (None, Some(s), _) => pick(&|c| c.has_subject(s)),
        (_, _, Some(host)) => pick(&|c| c.covers_host(host) && c.has_smtp() != Some(false))
            .or_else(|| pick(&|c| c.covers_host(host))),
        _ => None,
    }
}

pub fn check(cx: &super::Context<'_>, out: &mut Vec<Finding>) {
    out.extend(findings(&cx.paste));
}

pub fn findings(ctx: &PasteView<'_>) -> Vec<Finding> {
    let t = ctx.text;
    let mut findings = Vec::new();
    for (path, connector) in &ctx.connectors {
        let Some(name) = &connector.tls_certificate_name_parsed else {
            continue;
        };
        if name.is_well_formed() {
            continue;
        }
        let cert =
            intended_certificate(ctx, name).filter(|c| c.issuer.is_some() && c.subject.is_some());
        let corrected = match cert {
            Some(c) => c
                .issuer
                .as_deref()
                .zip(c.subject.as_deref())
                .map(|(i, s)| build(i, s)),
            None => name
                .issuer
                .as_deref()
                .zip(name.subject.as_deref())
                .map(|(i, s)| build(i, s)),
        };
        let problems: Vec<String> = name
            .problems
            .iter()
            .map(|p| (t.malformed_problem)(p))
            .collect();
        let display = connector.display_name();
        let mut ps = Vec::new();
        match (cert.and_then(|c| c.thumbprint.as_deref()), &corrected) {
            (Some(thumbprint), Some(value)) => {
                ps.push(t.ps_comment_find_cert.to_string());
                ps.push(format!("$cert = Get-ExchangeCertificate -Thumbprint {}", ps_hex(thumbprint)));
                ps.push(t.ps_comment_set_name.to_string());
                ps.extend(crate::diagnose::powershell::set_connector(ctx.lang, connector, &format!("-TlsCertificateName {CERT_TLS_NAME}")));
                ps.push(format!("# = {}", ps_comment_text(value)));
            }
            (_, Some(value)) => {
                ps.push(t.ps_comment_set_name.to_string());
                ps.extend(crate::diagnose::powershell::set_connector(ctx.lang, connector, &format!("-TlsCertificateName {}", ps_quote(value))));
            }
            _ => ps.push("Get-ExchangeCertificate | Format-List FriendlyName,Subject,Issuer,CertificateDomains,Thumbprint,NotBefore,NotAfter,HasPrivateKey,Services".into()),
        }
        // The certificate meant is there but not enabled for SMTP: with the name corrected, the
        // Transport service still may not use it (UnknownCredentials) until it is.
        let not_smtp = cert.filter(|c| c.has_smtp() == Some(false));
        let mut steps = (t.malformed_steps)(cert.is_some());
        if let Some(c) = not_smtp {
            ps.push(t.ps_comment_enable_smtp.to_string());
            ps.push(format!(
                "Enable-ExchangeCertificate -Thumbprint {} -Services SMTP",
                ps_hex(c.thumbprint_or_unknown())
            ));
            if let Some(bind) = (t.no_smtp_steps)().into_iter().next() {
                steps.insert(steps.len().saturating_sub(1), bind);
            }
        }
        ps.push(t.ps_comment_restart.to_string());
        ps.push("Restart-Service MSExchangeTransport".into());
        let evidence = ctx
            .output_of(connector)
            .map(|o| ctx.connector_evidence(path, connector, o))
            .into_iter()
            .collect();
        findings.push(Finding {
            id: ID,
            severity: Severity::Error,
            title: (t.malformed_title)(&display),
            explanation: {
                let mut e = (t.malformed_explanation)(
                    &display,
                    &name.value,
                    &problems,
                    corrected.as_deref(),
                );
                if let Some(c) = not_smtp {
                    // After "The correct value is <I>...<S>..." (no full stop of its own).
                    e.push_str(if e.ends_with('.') { " " } else { ". " });
                    e.push_str(&(t.no_match_not_smtp)(&ctx.label(c)));
                }
                e
            },
            evidence,
            thumbprints: cert
                .and_then(|c| c.thumbprint.clone())
                .into_iter()
                .collect(),
            connectors: vec![display],
            remediation: Some(Remediation {
                steps,
                powershell: ps.join("\n"),
            }),
        });
    }
    findings
}
