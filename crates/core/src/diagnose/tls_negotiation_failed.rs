//! `tls-negotiation-failed`: every other `TLS negotiation failed with error X` (TargetUnknown,
//! IllegalMessage, CertExpired, AlgorithmMismatch, SocketError, ... or any token, verbatim).
//! The SSPI status name is in the title; the explanation says what it usually means.
//!
//! A failure a specific rule explains is left to it, so the report does not say the same
//! thing twice: NoCredentials / UnknownCredentials (`no_credentials`, `unknown_credentials`),
//! AlgorithmMismatch / SocketError / IllegalMessage (`tls_version_or_cipher_mismatch`),
//! UntrustedRoot (`certificate_chain_or_revocation_failure`), InvalidToken
//! (`authentication_not_tls`). Each of those reads the same log failures, so the sessions
//! stay cited as its evidence.

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

/// A specific rule explains this error (and reports the sessions itself).
pub fn explained_elsewhere(error: &str) -> bool {
    super::no_credentials::explains(error)
        || super::unknown_credentials::explains(error)
        || super::tls_version_or_cipher_mismatch::explains(error)
        || super::certificate_chain_or_revocation_failure::explains(error)
        || super::authentication_not_tls::explains(error)
}

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for g in groups(cx, |e| !explained_elsewhere(e)) {
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
