//! `hybrid-send-connector-misconfigured` — FAILURE-MODES #15: the hybrid Send connector to Exchange Online is misconfigured (TlsCertificateName, TlsDomain, TlsAuthLevel, CloudServicesMailEnabled).
//! A row of the failure catalogue ([`crate::catalogue`]): reads the clues, log facts, pastes
//! and dropped certificates through [`Cx`].

use crate::catalogue::clues::ClueKind;
use crate::catalogue::cx::{evidence_of, Cx};
use crate::catalogue::fix;
use crate::catalogue::text::Msg;
use crate::catalogue::Id;
use crate::diagnose::powershell::quote;
use crate::i18n::fill;
use crate::ids::FindingId;
use crate::paste::connector::ConnectorKind;
use crate::paste::PastedConnector;
use crate::report::{Evidence, Finding, Severity};

use super::context::Context;

pub const ID: FindingId = FindingId::HybridSendConnectorMisconfigured;

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    hybrid_send_connector(&Cx::of(cx), out);
}

fn is_hybrid_connector(c: &PastedConnector) -> bool {
    let exo = |s: &str| {
        s.to_ascii_lowercase()
            .contains("mail.protection.outlook.com")
    };
    c.kind != ConnectorKind::Receive
        && (c.display_name().to_ascii_lowercase().contains("office 365")
            || c.smart_hosts.iter().any(|s| exo(s))
            || c.address_spaces.iter().any(|s| exo(s))
            || c.tls_domain.as_deref().is_some_and(exo))
}

/// #15
fn hybrid_send_connector(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    let clues = cx.clues(ClueKind::HybridSendConnector);
    let mut done = false;
    for (path, c) in &cx.connectors {
        if !is_hybrid_connector(c) {
            continue;
        }
        let mut bad: Vec<String> = Vec::new();
        if c.tls_certificate_name.is_none() {
            bad.push("TlsCertificateName empty".into());
        }
        if c.cloud_services_mail_enabled == Some(false) {
            bad.push("CloudServicesMailEnabled False".into());
        }
        if c.tls_domain
            .as_deref()
            .is_some_and(|d| !d.eq_ignore_ascii_case("mail.protection.outlook.com"))
            || (c.tls_domain.is_none() && c.tls_auth_level.is_some())
        {
            bad.push(format!(
                "TlsDomain {}",
                c.tls_domain.as_deref().unwrap_or("-")
            ));
        }
        if c.tls_auth_level
            .as_deref()
            .is_some_and(|l| !l.eq_ignore_ascii_case("DomainValidation"))
        {
            bad.push(format!(
                "TlsAuthLevel {}",
                c.tls_auth_level.as_deref().unwrap_or("-")
            ));
        }
        if bad.is_empty() && clues.is_empty() {
            continue;
        }
        let mut detail = fill(
            cx.m(Msg::HybridBadProps),
            &[("props", bad.join(", ").as_str())],
        );
        if !clues.is_empty() {
            detail = format!("{detail} {}", cx.m(Msg::HybridErrorText));
        }
        let name = c.display_name();
        let output = cx
            .input
            .pastes
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, o)| *o);
        let mut evidence = evidence_of(&clues);
        if let Some(o) = output {
            evidence.push(Evidence {
                path: path.to_string(),
                line: c.line,
                text: o.line_text(c.line).to_string(),
            });
        }
        let best = cx.best_ca_for(None);
        let names = best.map(|(k, _)| (k.cand.issuer.as_str(), k.cand.subject.as_str()));
        let mut powershell = vec![format!(
            "Set-SendConnector {} -TlsAuthLevel DomainValidation -TlsDomain 'mail.protection.outlook.com' -CloudServicesMailEnabled $true -RequireTLS $true",
            quote(&name)
        )];
        if names.is_none() {
            powershell.push(fix::pick_certificate(None, None, None));
        }
        powershell.push(fix::set_connector_name(
            "Set-SendConnector",
            &name,
            &fix::tls_name_argument(names),
        ));
        out.push(
            cx.finding(
                Id::HybridSendConnector,
                Severity::Error,
                &[("connector", name.as_str()), ("detail", detail.as_str())],
                evidence,
                best.and_then(|(k, _)| k.thumbprint.clone())
                    .into_iter()
                    .collect(),
                vec![name.clone()],
                powershell,
            ),
        );
        done = true;
    }
    if !done && !clues.is_empty() {
        let name = "Outbound to Office 365";
        let detail = cx.m(Msg::HybridErrorText);
        out.push(cx.finding(
            Id::HybridSendConnector,
            Severity::Error,
            &[("connector", name), ("detail", detail)],
            evidence_of(&clues),
            Vec::new(),
            vec![name.to_string()],
            vec![format!(
                "Set-SendConnector {} -TlsAuthLevel DomainValidation -TlsDomain 'mail.protection.outlook.com' -CloudServicesMailEnabled $true -RequireTLS $true",
                quote(name)
            )],
        ));
    }
}
