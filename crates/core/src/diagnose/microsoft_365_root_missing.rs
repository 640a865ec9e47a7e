//! `microsoft-365-root-missing` — FAILURE-MODES #12: the server lacks the root Microsoft 365 chains to (certificate validation failure towards Exchange Online).
//! A row of the failure catalogue ([`crate::catalogue`]): reads the clues, log facts, pastes
//! and dropped certificates through [`Cx`].

use crate::catalogue::clues::ClueKind;
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

/// #12
fn microsoft_365_root(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    let mut evidence = evidence_of(&cx.clues(ClueKind::CertificateValidationFailure));
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
