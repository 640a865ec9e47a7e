//! `certificate-does-not-cover-connector-fqdn`: a pasted connector's FQDN is not covered
//! (SAN, else CN; wildcards one label deep, case-insensitive) by the dropped certificate its
//! TlsCertificateName names.

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
