//! `certificate-expired` / `certificate-not-yet-valid` / `certificate-expires-soon` for the
//! certificate a pasted connector's TlsCertificateName selects (Exchange's pick among the
//! matches), judged by the NotBefore / NotAfter the shell printed. A valid certificate with
//! the same subject (a renewal, possibly through another intermediate) is named.

use super::paste_view::{exchange_choice, KnownCert};
use super::paste_view::{per_server, ps_hex, PasteView};
use crate::diagnose::context::is_thumbprint;
use crate::diagnose::powershell::CERT_TLS_NAME;
use crate::diagnose::powershell::{
    renew_and_import_ca_certificate, request_and_import_ca_certificate_for,
};
use crate::report::{Finding, Remediation, Severity};

use super::certificate_expired::ID as EXPIRED;
use super::certificate_expires_soon::ID as EXPIRES_SOON;
use super::certificate_not_yet_valid::ID as NOT_YET_VALID;

/// Warn this many days before NotAfter.
const SOON_DAYS: i64 = 30;

pub fn findings(ctx: &PasteView<'_>) -> Vec<Finding> {
    let t = ctx.text;
    let now = ctx.now_unix;
    let mut findings = Vec::new();
    for sel in ctx.selections() {
        let (path, connector, subject, chosen) = (sel.path, sel.connector, sel.subject, sel.chosen);
        let display = connector.display_name();
        let (id, severity, title) = match (chosen.not_before, chosen.not_after) {
            (_, Some(na)) if na <= now => (
                EXPIRED,
                Severity::Error,
                (t.selected_expired_title)(
                    &display,
                    chosen.not_after_text.as_deref().unwrap_or("?"),
                ),
            ),
            (Some(nb), _) if nb > now => (
                NOT_YET_VALID,
                Severity::Error,
                (t.selected_not_yet_valid_title)(
                    &display,
                    chosen.not_before_text.as_deref().unwrap_or("?"),
                ),
            ),
            (_, Some(na)) if na - now < SOON_DAYS * 86_400 => (
                EXPIRES_SOON,
                Severity::Warning,
                (t.selected_expires_soon_title)(&display, (na - now) / 86_400),
            ),
            _ => continue,
        };
        let candidates: Vec<&KnownCert> = ctx
            .known
            .iter()
            .filter(|c| {
                !std::ptr::eq(*c, chosen)
                    && c.has_subject(subject)
                    && c.is_time_valid(now)
                    && c.server_has_key != Some(false)
            })
            .filter(|c| c.not_after.is_some_and(|na| na - now >= SOON_DAYS * 86_400))
            .collect();
        let replacement = exchange_choice(&candidates, now);
        let servers = &connector.source_transport_servers;
        let mut ps = Vec::new();
        match replacement.and_then(|r| r.thumbprint.as_deref()) {
            Some(thumbprint) => {
                let thumbprint = ps_hex(thumbprint);
                ps.push(t.ps_comment_enable_smtp.to_string());
                ps.extend(per_server(servers, |s| {
                    format!("Enable-ExchangeCertificate {s}-Thumbprint {thumbprint} -Services SMTP")
                }));
                ps.push(t.ps_comment_set_name.to_string());
                ps.push(format!(
                    "$cert = Get-ExchangeCertificate -Thumbprint {thumbprint}"
                ));
                ps.extend(crate::diagnose::powershell::set_connector(
                    ctx.lang,
                    connector,
                    &format!("-TlsCertificateName {CERT_TLS_NAME}"),
                ));
            }
            None => {
                let host = subject
                    .split(',')
                    .map(str::trim)
                    .find_map(|p| p.strip_prefix("CN="))
                    .unwrap_or(subject.as_str())
                    .to_string();
                // The renewal of the certificate itself keeps all its names (a listing may
                // show only the first few: `{a, b, c, d...}`); without its thumbprint, a new
                // request names every domain shown.
                match chosen.thumbprint.as_deref().filter(|t| is_thumbprint(t)) {
                    Some(thumbprint) => ps.extend(renew_and_import_ca_certificate(
                        &ps_hex(thumbprint),
                        &host,
                        t.ps_comment_request,
                        t.ps_comment_import_issued,
                    )),
                    None => ps.extend(request_and_import_ca_certificate_for(
                        subject,
                        &host,
                        &chosen.domains,
                        t.ps_comment_request,
                        t.ps_comment_import_issued,
                    )),
                }
            }
        }
        ps.push(t.ps_comment_restart.to_string());
        ps.push("Restart-Service MSExchangeTransport".into());
        let mut evidence: Vec<_> = ctx
            .output_of(connector)
            .map(|o| ctx.connector_evidence(path, connector, o))
            .into_iter()
            .collect();
        evidence.extend(chosen.evidence.clone());
        let mut thumbprints: Vec<String> = chosen.thumbprint.clone().into_iter().collect();
        thumbprints.extend(replacement.and_then(|r| r.thumbprint.clone()));
        findings.push(Finding {
            id,
            severity,
            title,
            explanation: (t.selected_validity_explanation)(
                &display,
                &ctx.label(chosen),
                replacement.map(|r| ctx.label(r)).as_deref(),
            ),
            evidence,
            thumbprints,
            connectors: vec![display],
            remediation: Some(Remediation {
                steps: (t.expiry_steps)(replacement.is_some(), false),
                powershell: ps.join("\n"),
            }),
        });
    }
    findings
}
