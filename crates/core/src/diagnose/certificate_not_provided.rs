//! `certificate-not-provided`: a log names this server's certificate (by thumbprint) but no
//! dropped file holds it, so its private key and details cannot be checked. Says how to export it.

use crate::ids::FindingId;

use crate::i18n::Text;
use crate::log::cert_block::Role;
use crate::report::{Finding, Remediation, Severity};

use super::context::{is_thumbprint, Context};
use super::powershell as ps;

pub const ID: FindingId = FindingId::CertificateNotProvided;

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut done: Vec<String> = Vec::new();
    for seen in &cx.logs.certificates {
        if seen.role != Role::Sending {
            continue;
        }
        let Some(t) = seen
            .report
            .thumbprint
            .as_deref()
            .filter(|t| is_thumbprint(t))
        else {
            continue;
        };
        // A paste that shows the key and the dates answers what this finding asks for.
        if !cx.dropped_with_thumbprint(t).is_empty()
            || cx.paste.answered(t)
            || done.iter().any(|d| d.eq_ignore_ascii_case(t))
        {
            continue;
        }
        done.push(t.to_string());
        // A failure the certificate cannot cause (authentication, no common TLS version:
        // their rules say so) does not make the missing file a warning.
        let failing = cx.logs.failures.iter().any(|f| {
            f.report.certificate_thumbprint.as_deref() == Some(t)
                && !super::authentication_not_tls::explains(&f.report.error)
                && !super::tls_version_or_cipher_mismatch::explains(&f.report.error)
        });
        let subject = seen.report.subject.clone().unwrap_or_default();
        let vars = [
            ("subject", subject.as_str()),
            ("thumbprint", t),
            ("connector", seen.report.connector.as_str()),
        ];
        out.push(Finding {
            id: ID,
            severity: if failing {
                Severity::Warning
            } else {
                Severity::Info
            },
            title: cx.fill(Text::NotProvidedTitle, &vars),
            explanation: cx.fill(Text::NotProvidedExplanation, &vars),
            evidence: seen.evidence.clone(),
            thumbprints: vec![t.to_string()],
            connectors: vec![seen.report.connector.clone()],
            remediation: Some(Remediation {
                steps: vec![cx.text(Text::StepExportPublic).to_string()],
                powershell: [ps::check_private_key(&ps::quote(t)), ps::export_public(t)].join("\n"),
            }),
        });
    }
}
