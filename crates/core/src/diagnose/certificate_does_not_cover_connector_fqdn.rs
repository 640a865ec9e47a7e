//! `certificate-does-not-cover-connector-fqdn`: a pasted connector's FQDN is not covered
//! (SAN, else CN; wildcards one label deep, case-insensitive) by the dropped certificate its
//! TlsCertificateName names; or a pasted receive connector without TlsCertificateName has an
//! FQDN that no SMTP-enabled certificate given covers (Exchange picks by that FQDN: Event 12014).

use crate::catalogue::cx::{cn_of, Cx};
use crate::catalogue::Id;
use crate::diagnose::powershell::quote;
use crate::exchange::cert_choice::{name_covers, same_dn};
use crate::ids::FindingId;
use crate::paste::connector::ConnectorKind;
use crate::report::{Finding, Severity};

use super::context::Context;
use super::validity::file_evidence;

pub const ID: FindingId = FindingId::CertificateDoesNotCoverConnectorFqdn;

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let cx = Cx::of(cx);
    uncovered_receive_fqdn(&cx, out);
    for (_, conn) in &cx.connectors {
        let (Some(fqdn), Some(name)) = (
            conn.fqdn.as_deref(),
            conn.tls_certificate_name_parsed.as_ref(),
        ) else {
            continue;
        };
        let (Some(issuer), Some(subject)) = (name.issuer.as_deref(), name.subject.as_deref())
        else {
            continue;
        };
        for f in cx.input.files {
            for c in &f.certificates {
                if !(same_dn(&c.issuer, issuer) && same_dn(&c.subject, subject)) {
                    continue;
                }
                let mut names: Vec<&str> = c.dns_names.iter().map(String::as_str).collect();
                if names.is_empty() {
                    names.extend(cn_of(&c.subject));
                }
                if names.iter().any(|n| name_covers(n, fqdn).is_some()) {
                    continue;
                }
                let id = conn.set_identity();
                let list = names.join(", ");
                let cmdlet = if conn.kind == ConnectorKind::Receive {
                    "Set-ReceiveConnector"
                } else {
                    "Set-SendConnector"
                };
                out.push(cx.finding(
                    Id::SanCoverage,
                    Severity::Error,
                    &[
                        ("subject", c.subject.as_str()),
                        ("fqdn", fqdn),
                        ("connector", id.as_str()),
                        ("names", list.as_str()),
                    ],
                    vec![file_evidence(f, c)],
                    vec![c.thumbprint.clone()],
                    vec![id.clone()],
                    vec![format!(
                        "{cmdlet} {} -Fqdn {}",
                        quote(&id),
                        quote(
                            names
                                .iter()
                                .find(|n| !n.starts_with('*'))
                                .copied()
                                .unwrap_or("<name on the certificate>")
                        )
                    )],
                ));
            }
        }
    }
}

/// A receive connector without TlsCertificateName picks its certificate by FQDN
/// ([`receive_connector`]); when none of the certificates given (pasted listings, dropped
/// files) would be picked, say so: a warning, since the listing may be of another server.
fn uncovered_receive_fqdn(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    use crate::catalogue::text::Msg;
    use crate::exchange::cert_choice::receive_connector;
    use crate::i18n::fill;
    // A listing without CertificateDomains (the default `Get-ExchangeCertificate` table, an
    // `fl Thumbprint,Subject,...` selection) or with them cut at `$FormatEnumerationLimit`
    // (`{a, b, c, d...}`) does not show every name a certificate covers: its subject's CN is
    // one of them, the others are unknown.
    let cut_listing = |thumbprint: Option<&str>| {
        thumbprint.is_some_and(|t| {
            cx.input.pastes.iter().any(|(_, o)| {
                o.certificates.iter().any(|c| {
                    c.certificate_domains_truncated
                        && c.thumbprint
                            .as_deref()
                            .is_some_and(|p| p.eq_ignore_ascii_case(t))
                })
            })
        })
    };
    let mut names_unknown = false;
    let candidates: Vec<_> = cx
        .known
        .iter()
        .filter(|k| !k.cand.subject.is_empty() || !k.cand.domains.is_empty())
        .map(|k| {
            let mut cand = k.cand.clone();
            if cand.domains.is_empty() || cut_listing(k.thumbprint.as_deref()) {
                names_unknown |= cand.smtp != Some(false);
                cand.domains
                    .extend(cn_of(&cand.subject).map(str::to_string));
            }
            cand
        })
        .collect();
    if candidates.is_empty() {
        return;
    }
    for (_, conn) in &cx.connectors {
        if conn.kind != ConnectorKind::Receive
            || conn
                .tls_certificate_name
                .as_deref()
                .is_some_and(|n| !n.trim().is_empty())
        {
            continue;
        }
        let Some(fqdn) = conn
            .fqdn
            .as_deref()
            .map(str::trim)
            .filter(|f| !f.is_empty() && f.contains('.') && !f.contains(['<', '>', ' ']))
        else {
            continue;
        };
        // The server's own name (`EX01.corp.contoso.com` on the Default connectors) is covered
        // by its self-signed certificate, which a listing of another server or a hand-picked
        // selection does not show: only other names are judged.
        let host = fqdn.split('.').next().unwrap_or(fqdn);
        if cx.servers.iter().any(|s| s.eq_ignore_ascii_case(host))
            || crate::catalogue::cx::server_of(&conn.set_identity())
                .is_some_and(|s| s.eq_ignore_ascii_case(host))
        {
            continue;
        }
        let smtp: Vec<_> = candidates
            .iter()
            .filter(|c| c.smtp != Some(false))
            .cloned()
            .collect();
        if receive_connector(None, Some(fqdn), &smtp, cx.input.now_unix).is_some() || names_unknown
        {
            continue;
        }
        let id = conn.set_identity();
        let count = candidates.len().to_string();
        let vars = [
            ("fqdn", fqdn),
            ("connector", id.as_str()),
            ("count", count.as_str()),
            ("subject", ""),
            ("names", ""),
        ];
        let server = crate::catalogue::cx::server_of(&id)
            .map(|s| format!(" -Server {}", quote(s)))
            .unwrap_or_default();
        let evidence = cx
            .connectors
            .iter()
            .find(|(_, c)| std::ptr::eq(*c, *conn))
            .and_then(|(path, c)| {
                let output = cx.input.pastes.iter().find(|(p, _)| p == path)?.1;
                let line = c.line;
                Some(crate::report::Evidence {
                    path: path.to_string(),
                    line,
                    text: output.line_texts.get(&line).cloned().unwrap_or_default(),
                })
            })
            .into_iter()
            .collect();
        let mut finding = cx.finding(
            Id::SanCoverage,
            Severity::Warning,
            &vars,
            evidence,
            Vec::new(),
            vec![id.clone()],
            vec![
                format!("Get-ExchangeCertificate{server} | Format-List Subject,CertificateDomains,Thumbprint,Services,NotAfter"),
                format!("# Set-ReceiveConnector {} -Fqdn '<a name an SMTP certificate covers>'", quote(&id)),
            ],
        );
        finding.title = fill(cx.m(Msg::NoCertificateCoversFqdnTitle), &vars);
        finding.explanation = fill(cx.m(Msg::NoCertificateCoversFqdn), &vars);
        out.push(finding);
    }
}
