//! `private-key-does-not-match`: a dropped file holds certificates and a private key, but the
//! key belongs to none of the certificates of this run (wrong key exported, or the certificate
//! was re-issued with a new key pair).

use crate::ids::FindingId;

use crate::i18n::Text;
use crate::report::{Evidence, Finding, Remediation, Severity};

use super::context::Context;
use super::powershell as ps;

pub const ID: FindingId = FindingId::PrivateKeyDoesNotMatch;

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (fi, file) in cx.files.iter().enumerate() {
        if file.certificates.is_empty() {
            continue;
        }
        for (ki, key) in file.keys.iter().enumerate() {
            if key.matches_thumbprint.is_some() {
                continue;
            }
            // A key whose public half could not be derived is not judged (match_note says why).
            let derivable = cx
                .key_derivable
                .get(fi)
                .and_then(|k| k.get(ki))
                .copied()
                .unwrap_or(false);
            if !derivable {
                continue;
            }
            let thumbs: Vec<String> = file
                .certificates
                .iter()
                .map(|c| c.thumbprint.clone())
                .collect();
            let first = file.certificates.first();
            let subject = first.map(|c| c.subject.as_str()).unwrap_or("");
            let vars = [
                ("path", file.path.as_str()),
                ("key", key.key_type.as_str()),
                ("subject", subject),
            ];
            let thumb = first.map(|c| ps::quote(&c.thumbprint)).unwrap_or_else(|| {
                crate::diagnose::powershell::placeholder(
                    cx.lang,
                    crate::diagnose::powershell::Placeholder::Thumbprint,
                )
            });
            out.push(Finding {
                id: ID,
                severity: Severity::Error,
                title: cx.fill(Text::KeyMismatchTitle, &vars),
                explanation: cx.fill(Text::KeyMismatchExplanation, &vars),
                evidence: vec![Evidence {
                    path: file.path.clone(),
                    line: 0,
                    text: format!("key {} | certificates {}", key.key_type, thumbs.join(", ")),
                }],
                thumbprints: thumbs,
                connectors: Vec::new(),
                remediation: Some(Remediation {
                    steps: vec![cx.text(Text::StepExportWithKey).to_string()],
                    powershell: ps::check_private_key(&thumb),
                }),
            });
        }
    }
}
