//! `certificate-chain-incomplete`: a bundle (PFX / PKCS#7) holding a CA-issued leaf but not
//! its issuer (information: the server must have the intermediate from elsewhere), or an
//! expired issuer (warning).

use crate::catalogue::cx::Cx;
use crate::catalogue::text::Msg;
use crate::catalogue::Id;
use crate::diagnose::powershell::quote;
use crate::exchange::cert_choice::same_dn;
use crate::i18n::fill;
use crate::ids::FindingId;
use crate::report::{FileKind, Finding, Severity};

use super::context::{unix_of, Context};
use super::validity::file_evidence;

pub const ID: FindingId = FindingId::CertificateChainIncomplete;

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let now = cx.now_unix;
    let cx = Cx::of(cx);
    for f in cx.input.files {
        if !matches!(f.kind, FileKind::Pkcs12 | FileKind::Pkcs7Certs) {
            continue;
        }
        for c in f
            .certificates
            .iter()
            .filter(|c| c.is_ca != Some(true) && !c.self_signed)
        {
            let issuer = f
                .certificates
                .iter()
                .find(|i| !std::ptr::eq(*i, c) && same_dn(&i.subject, &c.issuer));
            let (detail, severity) = match issuer {
                None => (cx.m(Msg::MissingIntermediate).to_string(), Severity::Info),
                Some(i) if unix_of(&i.not_after).is_some_and(|na| na <= now) => (
                    fill(
                        cx.m(Msg::ExpiredIntermediate),
                        &[("date", i.not_after.as_str())],
                    ),
                    Severity::Warning,
                ),
                _ => continue,
            };
            out.push(cx.finding(
                Id::ChainIncomplete,
                severity,
                &[
                    ("subject", c.subject.as_str()),
                    ("issuer", c.issuer.as_str()),
                    ("path", f.path.as_str()),
                    ("detail", detail.as_str()),
                ],
                vec![file_evidence(f, c)],
                vec![c.thumbprint.clone()],
                Vec::new(),
                vec![
                    format!("certutil -verify {}", quote(&f.path)),
                    "Get-ChildItem -Path Cert:\\LocalMachine\\CA | Format-List Subject,Thumbprint,NotAfter".to_string(),
                ],
            ));
        }
    }
}
