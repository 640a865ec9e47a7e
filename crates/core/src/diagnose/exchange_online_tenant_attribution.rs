//! `exchange-online-tenant-attribution` — FAILURE-MODES #7: Exchange Online cannot attribute the server's mail to the tenant (5.7.51 / 5.7.64).
//! A row of the failure catalogue ([`crate::catalogue`]): reads the clues, log facts, pastes
//! and dropped certificates through [`Cx`].

use crate::catalogue::clues::ClueKind;
use crate::catalogue::cx::{cn_of, evidence_of, first_value, Cx};
use crate::catalogue::text::Msg;
use crate::catalogue::Id;
use crate::diagnose::powershell::quote;
use crate::ids::FindingId;
use crate::log::collector::Direction;
use crate::paste::connector::ConnectorKind;
use crate::report::{Finding, Severity};

use super::context::Context;

pub const ID: FindingId = FindingId::ExchangeOnlineTenantAttribution;

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    tenant_attribution(&Cx::of(cx), out);
}

/// #7
fn tenant_attribution(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    let clues = cx.clues(ClueKind::TenantAttribution);
    if clues.is_empty() {
        return;
    }
    let code = first_value(&clues, "code")
        .unwrap_or("5.7.51/5.7.64")
        .to_string();
    // The certificate this server sends to Exchange Online: a Sending certificate on a Send
    // connector, else the pasted hybrid connector's TlsCertificateName.
    let sent = cx.input.logs.certificates.iter().find(|c| {
        c.direction == Direction::Send && c.role == crate::log::cert_block::Role::Sending
    });
    let subject = sent
        .and_then(|c| c.identity.subject.clone())
        .or_else(|| {
            cx.connectors
                .iter()
                .filter(|(_, c)| c.kind != ConnectorKind::Receive)
                .find_map(|(_, c)| {
                    c.tls_certificate_name_parsed
                        .as_ref()
                        .and_then(|n| n.subject.clone())
                })
        })
        .unwrap_or_else(|| cx.m(Msg::UnknownValue).to_string());
    let name = sent
        .and_then(|c| c.identity.alternate_names.first().cloned())
        .or_else(|| cn_of(&subject).map(str::to_string))
        .unwrap_or_else(|| "<mail.contoso.com>".into());
    let mut evidence = evidence_of(&clues);
    if let Some(c) = sent {
        evidence.extend(c.evidence.iter().take(3).cloned());
    }
    out.push(cx.finding(
        Id::TenantAttribution,
        Severity::Error,
        &[("code", code.as_str()), ("subject", subject.as_str())],
        evidence,
        sent.and_then(|c| c.identity.thumbprint.clone()).into_iter().collect(),
        Vec::new(),
        vec![
            "# Exchange Online PowerShell".to_string(),
            "Get-InboundConnector | Format-List Name,ConnectorType,SenderDomains,TlsSenderCertificateName,RequireTls,RestrictDomainsToCertificate".to_string(),
            format!("Set-InboundConnector -Identity {} -TlsSenderCertificateName {}", crate::diagnose::powershell::placeholder(cx.lang, crate::diagnose::powershell::Placeholder::InboundConnectorName), quote(&name)),
            "Get-AcceptedDomain | Format-Table Name,DomainName,DomainType".to_string(),
        ],
    ));
}
