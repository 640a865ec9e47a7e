//! `microsoft-365-root-missing` — FAILURE-MODES #12: the server lacks the root Microsoft 365 chains to (certificate validation failure towards Exchange Online).
//! A row of the failure catalogue ([`crate::catalogue`]): reads the clues, log facts, pastes
//! and dropped certificates through [`Cx`].

use crate::catalogue::clues::{Clue, ClueKind};
use crate::catalogue::cx::{evidence_of, Cx};
use crate::catalogue::fix;
use crate::catalogue::Id;
use crate::diagnose::powershell::quote;
use crate::ids::FindingId;
use crate::report::{Finding, Severity};

use super::context::Context;

pub const ID: FindingId = FindingId::Microsoft365RootMissing;

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    microsoft_365_root(&Cx::of(cx), out);
}

/// The next hop of the pasted queue whose `LastError` is this clue's line, when it is not
/// Microsoft 365: the `454 4.7.5` then says this server could not validate that host's
/// certificate (its chain, revocation or name), which the chain row explains, not a missing
/// Microsoft 365 root. A clue no queue names (a log row, an NDR) stays here.
pub fn to_another_destination(cx: &Cx<'_>, clue: &Clue) -> bool {
    cx.input
        .pastes
        .iter()
        .filter(|(path, _)| *path == clue.path)
        .flat_map(|(_, o)| o.queues.iter())
        .find(|q| q.last_error_line == clue.line)
        .and_then(|q| q.next_hop_domain.as_deref())
        .is_some_and(|hop| !is_microsoft_365(hop))
}

/// `contoso-com.mail.protection.outlook.com`, `contoso.mail.onmicrosoft.com`, `outlook.com`.
fn is_microsoft_365(host: &str) -> bool {
    let h = host.trim().trim_end_matches('.').to_ascii_lowercase();
    [
        "outlook.com",
        "onmicrosoft.com",
        "office365.us",
        "outlook.cn",
    ]
    .iter()
    .any(|d| h == *d || h.ends_with(&format!(".{d}")))
}

/// #12
fn microsoft_365_root(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    let clues: Vec<_> = cx
        .clues(ClueKind::CertificateValidationFailure)
        .into_iter()
        .filter(|c| !to_another_destination(cx, c))
        .collect();
    let mut evidence = evidence_of(&clues);
    for (kind, lines) in &cx.input.logs.notable {
        if *kind == crate::log::events::Notable::TlsRefusedByRemote {
            evidence.extend(
                lines
                    .evidence
                    .iter()
                    .filter(|e| {
                        e.text
                            .to_ascii_lowercase()
                            .contains("certificate validation failure")
                    })
                    .cloned(),
            );
        }
    }
    if evidence.is_empty() {
        return;
    }
    let root = "DF3C24F9BFD666761B268073FE06D1CC8D4F82A4";
    let mut powershell = Vec::new();
    let servers: Vec<String> = cx
        .connectors
        .iter()
        .flat_map(|(_, c)| c.source_transport_servers.iter().cloned())
        .collect();
    for s in servers.iter().take(10) {
        powershell.push(fix::comment_on(s));
    }
    powershell.extend([
        format!("Get-ChildItem -Path Cert:\\LocalMachine\\Root | Where-Object {{$_.Thumbprint -eq {}}}", quote(root)),
        "Import-Certificate -FilePath 'C:\\Certs\\DigiCertGlobalRootG2.crt' -CertStoreLocation Cert:\\LocalMachine\\Root".to_string(),
        "certutil -verifyctl AuthRoot".to_string(),
    ]);
    out.push(cx.finding(
        Id::Microsoft365RootMissing,
        Severity::Error,
        &[],
        evidence,
        vec![root.to_string()],
        Vec::new(),
        powershell,
    ));
}
