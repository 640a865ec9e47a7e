//! `certificate-request-not-completed`: a certificate signing request (PKCS#10) was given. It is
//! read in full (subject, names, key) and is not an unreadable file: it is a request that waits
//! for the CA's answer, to be imported with `Import-ExchangeCertificate` on the server that made
//! it (where its private key is).

use crate::catalogue::cx::Cx;
use crate::catalogue::Id;
use crate::diagnose::powershell::complete_pending_request;
use crate::ids::FindingId;
use crate::report::{Evidence, Finding, Severity};

use super::context::Context;

pub const ID: FindingId = FindingId::CertificateRequestNotCompleted;

/// The host name of the request: its first DNS name, else the CN of its subject.
fn host(request: &crate::report::CertificateRequestReport) -> String {
    request
        .dns_names
        .first()
        .cloned()
        .or_else(|| {
            request
                .subject
                .split(", ")
                .find_map(|rdn| rdn.strip_prefix("CN="))
                .map(|cn| cn.trim_matches('"').to_string())
        })
        .filter(|h| !h.trim().is_empty())
        .unwrap_or_else(|| "<IssuedCertificate>".to_string())
}

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let cx = Cx::of(cx);
    for f in cx.input.files {
        let Some(request) = &f.certificate_request else {
            continue;
        };
        let file = f.path.rsplit(['/', '\\']).next().unwrap_or(&f.path);
        let names = if request.subject_alternative_names.is_empty() {
            "-".to_string()
        } else {
            request.subject_alternative_names.join(", ")
        };
        // The issued certificate given as well: the request is likely completed already.
        let issued_given = !request.subject.is_empty()
            && cx
                .input
                .files
                .iter()
                .flat_map(|other| &other.certificates)
                .any(|c| c.subject == request.subject);
        out.push(cx.finding(
            Id::CertificateRequest,
            if issued_given {
                Severity::Info
            } else {
                Severity::Warning
            },
            &[
                ("file", file),
                ("subject", request.subject.as_str()),
                ("names", names.as_str()),
                ("key", request.public_key.as_str()),
            ],
            vec![Evidence {
                path: f.path.clone(),
                line: 0,
                text: format!(
                    "PKCS#10 | {} | {} | {}",
                    request.subject, names, request.public_key
                ),
            }],
            Vec::new(),
            Vec::new(),
            complete_pending_request(&host(request)),
        ));
    }
}
