//! `weak-rsa-key`: a dropped certificate with an RSA key under 2048 bits.

use crate::catalogue::cx::Cx;
use crate::catalogue::Id;
use crate::diagnose::powershell::quote;
use crate::ids::FindingId;
use crate::report::{Finding, Severity};

use super::context::Context;
use super::validity::file_evidence;

pub const ID: FindingId = FindingId::WeakRsaKey;

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let cx = Cx::of(cx);
    for f in cx.input.files {
        for c in &f.certificates {
            let Some(bits) = c
                .public_key
                .strip_prefix("RSA-")
                .and_then(|b| b.parse::<u32>().ok())
            else {
                continue;
            };
            if bits >= 2048 {
                continue;
            }
            out.push(cx.finding(
                Id::WeakRsaKey,
                Severity::Error,
                &[("subject", c.subject.as_str()), ("key", c.public_key.as_str())],
                vec![file_evidence(f, c)],
                vec![c.thumbprint.clone()],
                Vec::new(),
                vec![format!(
                    "New-ExchangeCertificate -GenerateRequest -SubjectName {} -DomainName {} -KeySize 2048 -PrivateKeyExportable $true",
                    quote(&c.subject),
                    quote(c.dns_names.first().map(String::as_str).unwrap_or("<mail.contoso.com>"))
                )],
            ));
        }
    }
}
