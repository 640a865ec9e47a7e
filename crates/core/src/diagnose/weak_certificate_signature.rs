//! `weak-certificate-signature` (FAILURE-MODES #13): a certificate signed with MD2/MD4/MD5
//! (error) or SHA-1 (warning) — a dropped certificate's own signature algorithm (a self-signed
//! root's own signature does not matter), or the text of a partner's refusal naming MD5/MD2.

use crate::catalogue::clues::ClueKind;
use crate::catalogue::cx::{evidence_of, Cx};
use crate::catalogue::text::Msg;
use crate::catalogue::Id;
use crate::diagnose::powershell::quote;
use crate::ids::FindingId;
use crate::report::{Finding, Severity};

use super::context::Context;
use super::validity::file_evidence;

pub const ID: FindingId = FindingId::WeakCertificateSignature;

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let cx = Cx::of(cx);
    from_text(&cx, out);
    from_files(&cx, out);
}

/// The signature algorithm's name when it is weak.
fn weak_signature(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "1.2.840.113549.1.1.2" => "MD2 with RSA",
        "1.2.840.113549.1.1.3" => "MD4 with RSA",
        "1.2.840.113549.1.1.4" => "MD5 with RSA",
        "1.2.840.113549.1.1.5" => "SHA-1 with RSA",
        "1.3.14.3.2.29" => "SHA-1 with RSA",
        "1.2.840.10045.4.1" => "ECDSA with SHA-1",
        "1.2.840.10040.4.3" => "DSA with SHA-1",
        _ => return None,
    })
}

fn from_files(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    for f in cx.input.files {
        for c in &f.certificates {
            let Some(alg) = weak_signature(&c.signature_algorithm_oid) else {
                continue;
            };
            if c.self_signed && c.is_ca == Some(true) {
                continue;
            }
            let sev = if alg.starts_with("MD") {
                Severity::Error
            } else {
                Severity::Warning
            };
            out.push(cx.finding(
                Id::WeakSignature,
                sev,
                &[
                    ("algorithm", alg),
                    ("subject", c.subject.as_str()),
                    ("issuer", c.issuer.as_str()),
                ],
                vec![file_evidence(f, c)],
                vec![c.thumbprint.clone()],
                Vec::new(),
                vec![format!("certutil -dump {}", quote(&f.path))],
            ));
        }
    }
}

/// Only text names it (a partner refusing an MD5-signed certificate).
fn from_text(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    let clues = cx.clues(ClueKind::WeakSignature);
    if clues.is_empty() {
        return;
    }
    let lower = clues[0].text.to_ascii_lowercase();
    let algorithm = if lower.contains("md2") { "MD2" } else { "MD5" };
    let unknown = cx.m(Msg::UnknownValue);
    out.push(cx.finding(
        Id::WeakSignature,
        Severity::Error,
        &[
            ("algorithm", algorithm),
            ("subject", unknown),
            ("issuer", unknown),
        ],
        evidence_of(&clues),
        Vec::new(),
        Vec::new(),
        vec![
            "# the partner's chain: export it from their STARTTLS handshake and check it"
                .to_string(),
            "certutil -verify -urlfetch 'C:\\Temp\\partner.cer'".to_string(),
        ],
    ));
}
