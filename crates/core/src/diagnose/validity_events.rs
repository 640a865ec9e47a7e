//! `certificate-expired` / `certificate-expires-soon` from the server's own events:
//! 12016 (the STARTTLS certificate for an FQDN expired), 12018 (the STARTTLS certificate
//! expires soon) and 12017 (the internal transport certificate expires soon). Repeats of
//! one event (they are logged daily) become one finding with every occurrence as evidence.
//! When a newer certificate for the same name was pasted or dropped, it is named.

use super::paste_view::{exchange_choice, KnownCert};
use super::paste_view::{ps_hex, PasteView};
use crate::diagnose::powershell::request_and_import_ca_certificate;
use crate::paste::event::EventMeaning;
use crate::report::{Evidence, Finding, Remediation, Severity};

use super::certificate_expired::ID as EXPIRED;
use super::certificate_expires_soon::ID as EXPIRES_SOON;

pub fn findings(ctx: &PasteView<'_>) -> Vec<Finding> {
    let t = ctx.text;
    let now = ctx.now_unix;
    let mut findings: Vec<(String, Finding)> = Vec::new();
    for source in ctx.pastes {
        for event in &source.output.events {
            let evidence = Evidence {
                path: source.path.to_string(),
                line: event.line,
                text: event.message.chars().take(300).collect(),
            };
            let (key, id, severity, event_id, what, host, thumbprint, hours) = match &event.meaning
            {
                EventMeaning::StartTlsCertificateExpired { fqdn } => (
                    format!("12016 {fqdn}"),
                    EXPIRED,
                    Severity::Error,
                    12016,
                    fqdn.clone(),
                    Some(fqdn.clone()),
                    None,
                    None,
                ),
                EventMeaning::StartTlsCertificateExpiresSoon {
                    subject,
                    thumbprint,
                    hours_remaining,
                } => {
                    let what = match (subject, thumbprint) {
                        (Some(s), Some(tp)) => format!("{s} ({tp})"),
                        (Some(s), None) => s.clone(),
                        (None, Some(tp)) => tp.clone(),
                        (None, None) => continue,
                    };
                    let host = subject.as_deref().and_then(common_name);
                    (
                        format!("12018 {what}"),
                        EXPIRES_SOON,
                        Severity::Warning,
                        12018,
                        what,
                        host,
                        thumbprint.clone(),
                        *hours_remaining,
                    )
                }
                EventMeaning::InternalCertificateExpiresSoon {
                    thumbprint: Some(tp),
                    hours_remaining,
                } => (
                    format!("12017 {tp}"),
                    EXPIRES_SOON,
                    Severity::Warning,
                    12017,
                    tp.clone(),
                    None,
                    Some(tp.clone()),
                    *hours_remaining,
                ),
                _ => continue,
            };
            if let Some((_, f)) = findings.iter_mut().find(|(k, _)| *k == key) {
                f.evidence.push(evidence);
                continue;
            }
            // A newer, valid certificate for the same host (not the one the event is about).
            let replacement = host.as_deref().and_then(|h| {
                let candidates: Vec<&KnownCert> = ctx
                    .known
                    .iter()
                    .filter(|c| {
                        c.covers_host(h) && c.is_time_valid(now) && c.server_has_key != Some(false)
                    })
                    .filter(|c| thumbprint.is_none() || c.thumbprint != thumbprint)
                    .filter(|c| c.not_after.is_some_and(|na| na > now + 30 * 86_400))
                    .collect();
                exchange_choice(&candidates, now)
            });
            let internal = event_id == 12017;
            let mut ps = Vec::new();
            if internal {
                ps.push(t.ps_comment_renew_self_signed.to_string());
                ps.push(format!("Get-ExchangeCertificate -Thumbprint {} | New-ExchangeCertificate -Force -PrivateKeyExportable $true", ps_hex(&what)));
            } else if let Some(r) = replacement {
                ps.push(t.ps_comment_enable_smtp.to_string());
                ps.push(format!(
                    "Enable-ExchangeCertificate -Thumbprint {} -Services SMTP",
                    ps_hex(r.thumbprint_or_unknown())
                ));
                ps.push(t.ps_comment_restart.to_string());
                ps.push("Restart-Service MSExchangeTransport".into());
            } else {
                let name = host.clone().unwrap_or_else(|| what.clone());
                ps.extend(request_and_import_ca_certificate(
                    &format!("CN={name}"),
                    &name,
                    t.ps_comment_request,
                    t.ps_comment_import_issued,
                ));
                ps.push(t.ps_comment_restart.to_string());
                ps.push("Restart-Service MSExchangeTransport".into());
            }
            let title = match event_id {
                12016 => (t.expired_event_title)(&what),
                12017 => (t.internal_expires_soon_event_title)(&what, hours),
                _ => (t.expires_soon_event_title)(&what, hours),
            };
            let replacement_label = replacement.map(|r| ctx.label(r));
            let mut thumbprints: Vec<String> = thumbprint.into_iter().collect();
            thumbprints.extend(replacement.and_then(|r| r.thumbprint.clone()));
            findings.push((
                key,
                Finding {
                    id,
                    severity,
                    title,
                    explanation: (t.expiry_event_explanation)(
                        event_id,
                        &what,
                        replacement_label.as_deref(),
                    ),
                    evidence: vec![evidence],
                    thumbprints,
                    connectors: Vec::new(),
                    remediation: Some(Remediation {
                        steps: (t.expiry_steps)(replacement.is_some(), internal),
                        powershell: ps.join("\n"),
                    }),
                },
            ));
        }
    }
    findings.into_iter().map(|(_, f)| f).collect()
}

/// `mail.contoso.com` from `CN=mail.contoso.com, O=...`.
fn common_name(subject: &str) -> Option<String> {
    subject
        .split(',')
        .map(str::trim)
        .find_map(|p| p.strip_prefix("CN=").map(str::to_string))
}
