//! `internal-transport-certificate-missing` — FAILURE-MODES #10: the internal transport certificate is missing (Event 12015/12017).
//! A row of the failure catalogue ([`crate::catalogue`]): reads the clues, log facts, pastes
//! and dropped certificates through [`Cx`].

use crate::catalogue::clues::ClueKind;
use crate::catalogue::cx::{evidence_of, first_value, Cx};
use crate::catalogue::fix;
use crate::catalogue::Id;
use crate::diagnose::powershell::quote;
use crate::ids::FindingId;
use crate::report::{Finding, Severity};

use super::context::Context;

pub const ID: FindingId = FindingId::InternalTransportCertificateMissing;

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    internal_certificate(&Cx::of(cx), out);
}

/// #10
fn internal_certificate(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    let clues = cx.clues(ClueKind::InternalCertificateMissing);
    if clues.is_empty() {
        not_in_listing(cx, out);
        return;
    }
    let thumbprint = first_value(&clues, "thumbprint").map(str::to_string);
    let t = thumbprint.clone().unwrap_or_else(|| "?".into());
    let servers = if cx.servers.is_empty() {
        vec![crate::diagnose::powershell::Placeholder::Server.bare(cx.lang)]
    } else {
        cx.servers.clone()
    };
    let mut powershell = Vec::new();
    for s in servers.iter().take(10) {
        powershell.push(fix::comment_on(s));
        powershell.push(format!(
            "New-ExchangeCertificate -Server {} -Services SMTP",
            quote(s)
        ));
        powershell.push("Restart-Service MSExchangeTransport".to_string());
    }
    let list = servers.join(", ");
    out.push(cx.finding(
        Id::InternalCertificateMissing,
        Severity::Error,
        &[("thumbprint", t.as_str()), ("servers", list.as_str())],
        evidence_of(&clues),
        thumbprint.into_iter().collect(),
        Vec::new(),
        powershell,
    ));
}

/// `Get-TransportService | fl InternalTransportCertificateThumbprint` names a thumbprint that
/// the pasted `Get-ExchangeCertificate` listing does not hold (no event said so): a warning,
/// since the listing may be of another server or filtered.
fn not_in_listing(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    use crate::catalogue::text::Msg;
    use crate::i18n::fill;
    use crate::paste::certificate::CertificateSource;
    let listed: Vec<&str> = cx
        .input
        .pastes
        .iter()
        .flat_map(|(_, o)| o.certificates.iter())
        .filter(|c| c.source == CertificateSource::ExchangeCertificate)
        .filter_map(|c| c.thumbprint.as_deref())
        .collect();
    if listed.is_empty() {
        return;
    }
    let known = |t: &str| {
        cx.known
            .iter()
            .filter_map(|k| k.thumbprint.as_deref())
            .chain(listed.iter().copied())
            .any(|k| k.eq_ignore_ascii_case(t))
    };
    for (path, output) in cx.input.pastes {
        for service in output.transport_services.iter().take(10) {
            let Some(t) = service.internal_transport_certificate_thumbprint.as_deref() else {
                continue;
            };
            if known(t) {
                continue;
            }
            let server = service
                .server
                .clone()
                .or_else(|| (cx.servers.len() == 1).then(|| cx.servers[0].clone()))
                .unwrap_or_else(|| crate::diagnose::powershell::Placeholder::Server.bare(cx.lang));
            let count = listed.len().to_string();
            let vars = [
                ("thumbprint", t),
                ("server", server.as_str()),
                ("servers", server.as_str()),
                ("count", count.as_str()),
            ];
            let evidence = vec![crate::report::Evidence {
                path: path.to_string(),
                line: service.thumbprint_line,
                text: output.line_text(service.thumbprint_line).to_string(),
            }];
            let powershell = vec![
                format!(
                    "Get-ExchangeCertificate -Server {} -Thumbprint {} | Format-List Subject,Thumbprint,Services,HasPrivateKey,NotAfter",
                    quote(&server),
                    quote(t)
                ),
                format!(
                    "New-ExchangeCertificate -Server {} -Services SMTP",
                    quote(&server)
                ),
                "Restart-Service MSExchangeTransport".to_string(),
            ];
            let mut finding = cx.finding(
                Id::InternalCertificateMissing,
                Severity::Warning,
                &vars,
                evidence,
                vec![t.to_string()],
                Vec::new(),
                powershell,
            );
            finding.title = fill(cx.m(Msg::InternalCertificateNotListedTitle), &vars);
            finding.explanation = fill(cx.m(Msg::InternalCertificateNotListed), &vars);
            out.push(finding);
        }
    }
}
