//! `tls-negotiation-failed`: every other `TLS negotiation failed with error X` (TargetUnknown,
//! IllegalMessage, CertExpired, AlgorithmMismatch, SocketError, ... or any token, verbatim).
//! The SSPI status name is in the title; the explanation says what it usually means.

use crate::ids::FindingId;

use crate::i18n::Text;
use crate::report::{Finding, Remediation, Severity};

use super::context::Context;
use super::powershell as ps;
use super::tls_failures::groups;

pub const ID: FindingId = FindingId::TlsNegotiationFailed;

fn meaning(error: &str) -> Text {
    match error.to_ascii_lowercase().as_str() {
        "targetunknown" => Text::SspiTargetUnknown,
        "illegalmessage" => Text::SspiIllegalMessage,
        "certexpired" => Text::SspiCertExpired,
        "algorithmmismatch" => Text::SspiAlgorithmMismatch,
        "socketerror" => Text::SspiSocketError,
        "untrustedroot" => Text::SspiUntrustedRoot,
        "certunknown" => Text::SspiCertUnknown,
        _ => Text::SspiOther,
    }
}

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let known = |e: &str| {
        e.eq_ignore_ascii_case("NoCredentials") || e.eq_ignore_ascii_case("UnknownCredentials")
    };
    for g in groups(cx, |e| !known(e)) {
        let count = g.total.to_string();
        let remote = g
            .failures
            .first()
            .map(|f| f.report.remote_endpoint.clone())
            .unwrap_or_default();
        let vars = [
            ("error", g.error.as_str()),
            ("connector", g.connector.as_str()),
            ("count", count.as_str()),
            ("remote", remote.as_str()),
        ];
        let mut explanation = cx.fill(Text::TlsFailedExplanation, &vars);
        explanation.push(' ');
        explanation.push_str(cx.text(meaning(&g.error)));
        let connector = ps::connector_or_placeholder(Some(&g.connector));
        out.push(Finding {
            id: ID,
            severity: Severity::Error,
            title: cx.fill(Text::TlsFailedTitle, &vars),
            explanation,
            evidence: g.evidence(),
            thumbprints: g.thumbprint().map(|t| vec![t.to_string()]).unwrap_or_default(),
            connectors: vec![g.connector.clone()],
            remediation: Some(Remediation {
                steps: vec![
                    cx.fill(Text::StepEnableVerboseLogging, &[("connector", g.connector.as_str())]),
                    cx.text(Text::StepTlsFailedInspect).to_string(),
                ],
                powershell: [
                    ps::set_verbose_logging(&connector),
                    format!("Get-SendConnector -Identity {connector} | Format-List Name,SmartHosts,RequireTLS,TlsAuthLevel,TlsDomain,TlsCertificateName"),
                    "Get-ExchangeCertificate | Format-List FriendlyName,Subject,Issuer,Thumbprint,Services,HasPrivateKey,NotAfter".to_string(),
                ]
                .join("\n"),
            }),
        });
    }
}
