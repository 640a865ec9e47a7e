//! `require-tls-remote-offers-no-starttls` — FAILURE-MODES #14: a Send connector requires TLS and the remote offers no STARTTLS.
//! A row of the failure catalogue ([`crate::catalogue`]): reads the clues, log facts, pastes
//! and dropped certificates through [`Cx`].

use crate::catalogue::clues::ClueKind;
use crate::catalogue::cx::{evidence_of, first_value, Cx};
use crate::catalogue::Id;
use crate::diagnose::powershell::quote;
use crate::ids::FindingId;
use crate::log::collector::Direction;
use crate::paste::connector::ConnectorKind;
use crate::report::{Finding, Severity};

use super::context::Context;

pub const ID: FindingId = FindingId::RequireTlsRemoteOffersNoStarttls;

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    require_tls(&Cx::of(cx), out);
}

/// #14
fn require_tls(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    let clues = cx.clues(ClueKind::RequireTlsNoStartTls);
    // Or: a pasted Send connector with RequireTLS whose logged sessions got no STARTTLS.
    let logged: Vec<&crate::log::collector::ConnectorFacts> = cx
        .input
        .logs
        .connectors
        .iter()
        .filter(|c| {
            c.direction == Direction::Send
                && c.ehlo_without_starttls > 0
                && c.starttls_advertised == 0
                && cx.connectors.iter().any(|(_, p)| {
                    p.kind != ConnectorKind::Receive
                        && p.require_tls == Some(true)
                        && p.display_name() == c.name
                })
        })
        .collect();
    if clues.is_empty() && logged.is_empty() {
        return;
    }
    let connector = first_value(&clues, "connector")
        .map(|c| c.trim_matches(['"', '\'']).to_string())
        .or_else(|| logged.first().map(|c| c.name.clone()))
        .unwrap_or_else(|| {
            crate::diagnose::powershell::Placeholder::SendConnectorName.bare(cx.lang)
        });
    let mut evidence = evidence_of(&clues);
    evidence.extend(
        logged
            .iter()
            .filter_map(|c| c.ehlo_without_starttls_evidence.clone()),
    );
    out.push(cx.finding(
        Id::RequireTlsNoStartTls,
        Severity::Error,
        &[("connector", connector.as_str())],
        evidence,
        Vec::new(),
        vec![connector.clone()],
        vec![
            format!("Get-SendConnector {} | Format-List Name,AddressSpaces,SmartHosts,RequireTLS,TlsAuthLevel,TlsDomain", quote(&connector)),
            format!("# Set-SendConnector {} -RequireTLS $false   # only if your policy allows mail to this domain without TLS", quote(&connector)),
        ],
    ));
}
