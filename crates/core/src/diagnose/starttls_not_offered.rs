//! `starttls-not-offered`: on a Receive connector, this server answered EHLO without offering
//! STARTTLS and no session negotiated TLS. Exchange offers STARTTLS only when it finds a valid
//! certificate with its private key for the connector's FQDN (or its TlsCertificateName), so a
//! missing, expired or key-less certificate shows up here first; senders that require TLS then
//! give up (`451 5.7.3 STARTTLS is required`).

use crate::ids::FindingId;

use crate::i18n::Text;
use crate::log::facts::Direction;
use crate::report::{Finding, Remediation, Severity};

use super::context::Context;
use super::powershell as ps;

pub const ID: FindingId = FindingId::StarttlsNotOffered;

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for c in &cx.logs.connectors {
        if c.direction != Direction::Receive
            || c.starttls_advertised > 0
            || c.tls_succeeded > 0
            || c.ehlo_without_starttls == 0
        {
            continue;
        }
        let count = c.ehlo_without_starttls.to_string();
        let host = c.local_name.clone().unwrap_or_else(|| "?".into());
        let vars = [
            ("connector", c.name.as_str()),
            ("count", count.as_str()),
            ("host", host.as_str()),
        ];
        out.push(Finding {
            id: ID,
            severity: Severity::Warning,
            title: cx.fill(Text::StartTlsNotOfferedTitle, &vars),
            explanation: cx.fill(Text::StartTlsNotOfferedExplanation, &vars),
            evidence: c.ehlo_without_starttls_evidence.clone().into_iter().collect(),
            thumbprints: Vec::new(),
            connectors: vec![c.name.clone()],
            remediation: Some(Remediation {
                steps: vec![cx.fill(Text::StepCheckReceiveCertificate, &vars)],
                powershell: [
                    format!("Get-ReceiveConnector -Identity {} | Format-List Fqdn,TlsCertificateName,AuthMechanism", ps::quote(&c.name)),
                    "Get-ExchangeCertificate | Where-Object {$_.Services -match 'SMTP'} | Format-List Subject,CertificateDomains,Thumbprint,HasPrivateKey,NotAfter".to_string(),
                ]
                .join("\n"),
            }),
        });
    }
}
