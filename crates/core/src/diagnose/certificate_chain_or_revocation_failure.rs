//! `certificate-chain-or-revocation-failure` — FAILURE-MODES #8: the chain cannot be built or revocation cannot be checked (UntrustedRoot, RevocationOffline, ...).
//! A row of the failure catalogue ([`crate::catalogue`]): reads the clues, log facts, pastes
//! and dropped certificates through [`Cx`].

use crate::catalogue::clues::ClueKind;
use crate::catalogue::cx::{evidence_of, first_value, Cx};
use crate::catalogue::Id;
use crate::diagnose::powershell::{self as ps, quote};
use crate::ids::FindingId;
use crate::report::{Finding, Severity};

use super::context::Context;

pub const ID: FindingId = FindingId::CertificateChainOrRevocationFailure;

/// The SSPI errors this row explains (so the generic `tls-negotiation-failed` does not
/// repeat them).
pub fn explains(error: &str) -> bool {
    error.eq_ignore_ascii_case("UntrustedRoot")
}

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    chain_or_revocation(&Cx::of(cx), out);
}

/// #8
fn chain_or_revocation(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    let clues = cx.clues(ClueKind::ChainOrRevocation);
    // `454 4.7.5 Certificate validation failure` in the LastError of a queue to a host that is
    // not Microsoft 365: this server could not validate that host's certificate.
    let validation: Vec<_> = cx
        .clues(ClueKind::CertificateValidationFailure)
        .into_iter()
        .filter(|c| super::microsoft_365_root_missing::to_another_destination(cx, c))
        .collect();
    let validation_token = (!validation.is_empty() && clues.is_empty())
        .then_some("454 4.7.5 Certificate validation failure");
    let log = cx.log_failures(explains);
    if clues.is_empty() && validation.is_empty() && log.is_empty() {
        return;
    }
    let token = first_value(&clues, "token")
        .or(validation_token)
        .unwrap_or("UntrustedRoot")
        .to_string();
    // A pasted certificate whose Status names the problem (a queue's validation failure names
    // the remote's certificate, none of this server's).
    let thumbprint = first_value(&clues, "thumbprint")
        .map(str::to_string)
        .or_else(|| {
            clues.iter().find_map(|c| {
                cx.input
                    .pastes
                    .iter()
                    .find(|(p, _)| *p == c.path)
                    .and_then(|(_, o)| {
                        o.certificates
                            .iter()
                            .filter(|pc| pc.line <= c.line)
                            .max_by_key(|pc| pc.line)
                            .and_then(|pc| pc.thumbprint.clone())
                    })
            })
        });
    let mut evidence = evidence_of(&clues);
    evidence.extend(evidence_of(&validation));
    evidence.extend(log.iter().take(5).map(|f| f.evidence.clone()));
    // A pasted certificate named by its Status is this server's own: export it and verify
    // its chain. A log's failure names no certificate of this server: the chain that did not
    // validate is the remote's (its certificate, saved from the partner, is verified here).
    let mut powershell = match thumbprint.as_deref() {
        Some(t) => {
            let bare: String = t.chars().filter(char::is_ascii_hexdigit).collect();
            vec![
                ps::export_public(&bare),
                format!(
                    "certutil -verify -urlfetch {}",
                    quote(&format!("C:\\Temp\\{bare}.cer"))
                ),
            ]
        }
        None => vec!["certutil -verify -urlfetch 'C:\\Temp\\partner.cer'".to_string()],
    };
    powershell.extend([
        "Import-Certificate -FilePath 'C:\\Certs\\intermediate.cer' -CertStoreLocation Cert:\\LocalMachine\\CA".to_string(),
        "netsh winhttp show proxy".to_string(),
        "netsh winhttp set proxy proxy-server='<proxy:port>' bypass-list='<local>'".to_string(),
    ]);
    out.push(cx.finding(
        Id::ChainOrRevocation,
        Severity::Error,
        &[("token", token.as_str())],
        evidence,
        thumbprint.into_iter().collect(),
        Vec::new(),
        powershell,
    ));
}
