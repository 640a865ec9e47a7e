//! `tls-certificate-name-not-found` — FAILURE-MODES #1: the certificate a Send connector's TlsCertificateName names is gone (renewal, new intermediate).
//! A row of the failure catalogue ([`crate::catalogue`]): reads the clues, log facts, pastes
//! and dropped certificates through [`Cx`].

use crate::catalogue::clues::ClueKind;
use crate::catalogue::cx::{evidence_of, Cx};
use crate::catalogue::fix;
use crate::catalogue::text::Msg;
use crate::catalogue::Id;
use crate::diagnose::powershell::{self as ps, quote};
use crate::exchange::cert_choice::{self};
use crate::ids::FindingId;
use crate::paste::connector::ConnectorKind;
use crate::paste::PastedConnector;
use crate::report::{Evidence, Finding, Severity};

use super::context::Context;

pub const ID: FindingId = FindingId::TlsCertificateNameNotFound;

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    tls_name_not_found(&Cx::of(cx), out);
}

/// #1
fn tls_name_not_found(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    let clues = cx.clues(ClueKind::TlsNameNotFound);
    if clues.is_empty() {
        return;
    }
    let send: Vec<&PastedConnector> = cx
        .connectors
        .iter()
        .filter(|(_, c)| c.kind != ConnectorKind::Receive && c.tls_certificate_name.is_some())
        .map(|(_, c)| *c)
        .collect();
    // The connector whose name matches no certificate given, else the first with a name.
    let connector = send
        .iter()
        .find(|c| {
            c.tls_certificate_name_parsed.as_ref().is_some_and(|n| {
                !cx.known.iter().any(|k| {
                    n.issuer
                        .as_deref()
                        .is_some_and(|i| cert_choice::same_dn(i, &k.cand.issuer))
                        && n.subject
                            .as_deref()
                            .is_some_and(|s| cert_choice::same_dn(s, &k.cand.subject))
                })
            })
        })
        .or(send.first())
        .copied();
    let name = connector.map(|c| c.display_name()).unwrap_or_else(|| {
        crate::diagnose::powershell::Placeholder::SendConnectorName.bare(cx.lang)
    });
    let tls_name = connector
        .and_then(|c| c.tls_certificate_name.clone())
        .unwrap_or_else(|| cx.m(Msg::UnknownValue).to_string());
    let host = connector
        .and_then(|c| c.tls_certificate_name_parsed.as_ref())
        .and_then(|n| n.host_name())
        .map(str::to_string);
    let best = cx
        .best_ca_for(host.as_deref())
        .or_else(|| cx.best_ca_for(None));
    let thumbprint = best.and_then(|(k, _)| k.thumbprint.clone());
    let mut evidence = evidence_of(&clues);
    if let Some(c) = connector {
        if let Some((path, out_)) = cx
            .input
            .pastes
            .iter()
            .find(|(_, o)| o.connectors.iter().any(|x| std::ptr::eq(x, c)))
        {
            evidence.push(Evidence {
                path: path.to_string(),
                line: c.tls_certificate_name_line,
                text: out_.line_text(c.tls_certificate_name_line).to_string(),
            });
        }
    }
    if let Some((k, _)) = best {
        evidence.push(k.evidence.clone());
    }
    let mut powershell = vec![
        fix::pick_certificate(None, thumbprint.as_deref(), host.as_deref()),
        fix::set_connector_name("Set-SendConnector", &name, &fix::tls_name_argument(None)),
    ];
    if let (Some(c), Some(t)) = (connector, thumbprint.as_deref()) {
        for s in c.source_transport_servers.iter().take(10) {
            powershell.push(format!(
                "Get-ExchangeCertificate -Server {} -Thumbprint {} | Format-List Subject,Issuer,Services,HasPrivateKey,NotAfter",
                quote(s),
                quote(t)
            ));
        }
    }
    powershell.push(ps::retry_queues());
    let shown = thumbprint
        .clone()
        .unwrap_or_else(|| crate::diagnose::powershell::Placeholder::Thumbprint.bare(cx.lang));
    out.push(cx.finding(
        Id::TlsNameNotFound,
        Severity::Error,
        &[
            ("connector", name.as_str()),
            ("name", tls_name.as_str()),
            ("thumbprint", shown.as_str()),
        ],
        evidence,
        thumbprint.into_iter().collect(),
        vec![name.clone()],
        powershell,
    ));
}
