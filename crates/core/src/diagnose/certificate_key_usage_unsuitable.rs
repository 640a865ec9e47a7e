//! `certificate-key-usage-unsuitable`: a dropped leaf certificate whose keyUsage allows neither
//! digitalSignature nor keyEncipherment, so no TLS server can use it.

use crate::catalogue::cx::Cx;
use crate::catalogue::Id;
use crate::ids::FindingId;
use crate::report::{Finding, Severity};

use super::context::Context;
use super::validity::file_evidence;

pub const ID: FindingId = FindingId::CertificateKeyUsageUnsuitable;

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let cx = Cx::of(cx);
    for f in cx.input.files {
        for c in &f.certificates {
            if c.is_ca == Some(true)
                || c.key_usages.is_empty()
                || c.key_usages
                    .iter()
                    .any(|u| u == "digitalSignature" || u == "keyEncipherment")
            {
                continue;
            }
            let usages = c.key_usages.join(", ");
            out.push(cx.finding(
                Id::KeyUsage,
                Severity::Warning,
                &[("subject", c.subject.as_str()), ("usages", usages.as_str())],
                vec![file_evidence(f, c)],
                vec![c.thumbprint.clone()],
                Vec::new(),
                Vec::new(),
            ));
        }
    }
}
