//! `starttls-required-by-this-server`: this server answered a client with `451 5.7.3 STARTTLS
//! is required` (a `>` row of a Receive protocol log): the receive connector requires TLS
//! (`RequireTLS`, RFC 3207 §4: "a publicly-referenced SMTP server ... MAY ... require a
//! successful TLS negotiation before accepting mail") and the client sent `MAIL` without
//! STARTTLS. The mirror of `starttls-required-by-remote`: there the remote refuses this
//! server's mail, here this server refuses a client's. FAILURE-MODES #11 lists the same reply
//! after a handshake that failed on TLS versions, so the finding points at earlier TLS
//! failures from the same address first.

use crate::catalogue::cx::Cx;
use crate::catalogue::text::Msg;
use crate::catalogue::Id;
use crate::diagnose::powershell::quote;
use crate::ids::FindingId;
use crate::log::collector::Direction;
use crate::report::{Finding, Severity};

use super::context::Context;

pub const ID: FindingId = FindingId::StarttlsRequiredByThisServer;

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let cx = Cx::of(cx);
    for c in cx
        .input
        .logs
        .connectors
        .iter()
        .filter(|c| c.direction == Direction::Receive && c.starttls_required.count > 0)
    {
        let clients = if c.starttls_required_remotes.is_empty() {
            cx.m(Msg::UnknownValue).to_string()
        } else {
            c.starttls_required_remotes.join(", ")
        };
        let offered = cx.m(if c.starttls_advertised > 0 {
            Msg::StartTlsWasOffered
        } else {
            Msg::StartTlsWasNotOffered
        });
        let connector = format!("\"{}\"", c.name);
        let count = c.starttls_required.count.to_string();
        let powershell = vec![
            format!(
                "Get-ReceiveConnector {} | Format-List Identity,Bindings,RemoteIPRanges,RequireTLS,AuthMechanism,PermissionGroups,Fqdn,TlsCertificateName",
                quote(&c.name)
            ),
            "Get-ExchangeCertificate | Where-Object {$_.Services -match 'SMTP'} | Format-List Thumbprint,Subject,CertificateDomains,NotAfter,Status".to_string(),
        ];
        out.push(cx.finding(
            Id::StartTlsRequiredByThisServer,
            Severity::Warning,
            &[
                ("connector", connector.as_str()),
                ("clients", clients.as_str()),
                ("count", count.as_str()),
                ("offered", offered),
            ],
            c.starttls_required.evidence.clone(),
            Vec::new(),
            vec![c.name.clone()],
            powershell,
        ));
    }
}
