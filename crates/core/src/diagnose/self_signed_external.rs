//! `self-signed-certificate-external`: this server offers a self-signed certificate (issuer =
//! subject) on a Send connector that talks to the internet or Office 365, where partners and
//! Exchange Online expect a certificate from a public CA (the hybrid connector matches it by name).

use crate::ids::FindingId;

use crate::i18n::Text;
use crate::log::cert_block::Role;
use crate::log::facts::Direction;
use crate::report::{Finding, Remediation, Severity};

use super::context::Context;
use super::powershell as ps;

pub const ID: FindingId = FindingId::SelfSignedCertificateExternal;

/// A Send connector that leaves the organisation: its name says so, or the remote greeted as Office 365.
fn is_external(cx: &Context<'_>, connector: &str) -> bool {
    let name = connector.to_ascii_lowercase();
    let by_name = [
        "office 365",
        "o365",
        "internet",
        "outbound",
        "exchange online",
        "hybrid",
    ]
    .iter()
    .any(|k| name.contains(k));
    let by_remote = cx.logs.connectors.iter().any(|c| {
        c.name == connector
            && c.direction == Direction::Send
            && c.remote_banners
                .iter()
                .any(|b| b.to_ascii_lowercase().ends_with(".outlook.com"))
    });
    by_name || by_remote
}

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for seen in &cx.logs.certificates {
        if seen.role != Role::Sending || seen.direction != Direction::Send {
            continue;
        }
        let dropped = cx.dropped_for(seen);
        let self_signed = match dropped.first() {
            Some(d) => d.cert.self_signed,
            None => seen.report.subject.is_some() && seen.report.subject == seen.report.issuer,
        };
        if !self_signed || !is_external(cx, &seen.report.connector) {
            continue;
        }
        let subject = seen.report.subject.clone().unwrap_or_default();
        let thumb = seen.report.thumbprint.clone().unwrap_or_default();
        let vars = [
            ("subject", subject.as_str()),
            ("thumbprint", thumb.as_str()),
            ("connector", seen.report.connector.as_str()),
        ];
        let connector = ps::quote(&seen.report.connector);
        out.push(Finding {
            id: ID,
            severity: Severity::Warning,
            title: cx.fill(Text::SelfSignedTitle, &vars),
            explanation: cx.fill(Text::SelfSignedExplanation, &vars),
            evidence: seen.evidence.clone(),
            thumbprints: if thumb.is_empty() {
                Vec::new()
            } else {
                vec![thumb.clone()]
            },
            connectors: vec![seen.report.connector.clone()],
            remediation: Some(Remediation {
                steps: vec![
                    cx.text(Text::StepImportValidCertificate).to_string(),
                    cx.text(Text::StepEnableSmtpAnswerNo).to_string(),
                    cx.text(Text::StepSetTlsCertificateName).to_string(),
                ],
                powershell: [
                    ps::import_pfx("C:\\Temp\\<ca-issued-certificate>.pfx"),
                    ps::enable_smtp("'<NewThumbprint>'"),
                    "$cert = Get-ExchangeCertificate -Thumbprint '<NewThumbprint>'".to_string(),
                    format!(
                        "Set-SendConnector -Identity {connector} -TlsCertificateName {}",
                        ps::CERT_TLS_NAME
                    ),
                ]
                .join("\n"),
            }),
        });
    }
}
