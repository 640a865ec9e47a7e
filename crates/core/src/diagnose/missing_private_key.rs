//! `certificate-missing-private-key`: a certificate that must have its private key does not.
//! * The certificate a `NoCredentials` session offered is among the dropped files, but no
//!   dropped file holds a matching key (a `.cer`, or a PFX exported without the key).
//! * A PKCS#12 file holds an end-entity certificate but no private key at all.

use crate::ids::FindingId;

use crate::i18n::Text;
use crate::report::{FileKind, Finding, Remediation, Severity};

use super::context::{Context, DroppedCert};
use super::powershell as ps;
use super::tls_failures::groups;

pub const ID: FindingId = FindingId::CertificateMissingPrivateKey;

fn remediation(cx: &Context<'_>, d: &DroppedCert) -> Remediation {
    let thumb = ps::quote(&d.cert.thumbprint);
    Remediation {
        steps: vec![
            cx.fill(
                Text::StepCheckHasPrivateKey,
                &[("thumbprint", d.cert.thumbprint.as_str())],
            ),
            cx.text(Text::StepRepairKeyAssociation).to_string(),
            cx.text(Text::StepExportWithKey).to_string(),
        ],
        powershell: [
            ps::check_private_key(&thumb),
            ps::repair_key_association(&d.cert.serial_number),
            ps::check_private_key(&thumb),
        ]
        .join("\n"),
    }
}

/// A combined PEM file (`openssl pkcs12 -out`: certificates and an ENCRYPTED PRIVATE KEY) whose
/// key stayed closed for want of its pass phrase: which certificate it belongs to is unknown.
fn has_locked_key(file: &crate::report::FileReport) -> bool {
    file.warnings.iter().any(|w| {
        matches!(
            &w.warning,
            Some(crate::warning::Warning::PrivateKeyError { error })
                if super::context::is_lock(error.error_code())
        )
    })
}

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut reported: Vec<String> = Vec::new();
    // 1. Certificates named in NoCredentials sessions.
    for g in groups(cx, |e| e.eq_ignore_ascii_case("NoCredentials")) {
        let Some(seen) = g.certificate else { continue };
        let dropped = cx.dropped_for(seen);
        // A file left locked (no or a wrong password) may hold the key: "no dropped file holds
        // it" is then not known; that file's own error asks for its password.
        let locked_file = cx
            .files
            .iter()
            .any(|f| super::context::is_locked(f) || has_locked_key(f));
        if dropped.is_empty() || dropped.iter().any(|d| d.has_key) || locked_file {
            continue;
        }
        let Some(first) = dropped.first() else {
            continue;
        };
        if reported.contains(&first.cert.thumbprint) {
            continue;
        }
        reported.push(first.cert.thumbprint.clone());
        let paths: Vec<&str> = dropped.iter().map(|d| d.path.as_str()).collect();
        let paths = paths.join(", ");
        let vars = [
            ("subject", first.cert.subject.as_str()),
            ("thumbprint", first.cert.thumbprint.as_str()),
            ("paths", paths.as_str()),
        ];
        // The files, then the log rows that name the certificate's thumbprint and the failures.
        let mut evidence: Vec<_> = dropped.iter().map(|d| d.evidence()).collect();
        evidence.extend(g.evidence().into_iter().filter(|e| {
            e.text.contains(first.cert.thumbprint.as_str())
                || e.text.contains("TLS negotiation failed")
        }));
        evidence.truncate(crate::limits::MAX_EVIDENCE_PER_FINDING);
        out.push(Finding {
            id: ID,
            severity: Severity::Error,
            title: cx.fill(Text::MissingKeyTitle, &vars),
            explanation: cx.fill(Text::MissingKeyLoggedExplanation, &vars),
            evidence,
            thumbprints: vec![first.cert.thumbprint.clone()],
            connectors: vec![g.connector.clone()],
            remediation: Some(remediation(cx, first)),
        });
    }
    // 2. PKCS#12 files with an end-entity certificate and no key.
    for (fi, file) in cx.files.iter().enumerate() {
        if file.kind != FileKind::Pkcs12 || file.error.is_some() || !file.keys.is_empty() {
            continue;
        }
        // A CA that issued another certificate of the file is chain material, not the TLS certificate.
        let issued_another = |subject: &str| {
            cx.dropped
                .iter()
                .any(|o| o.file == fi && o.cert.issuer == subject && o.cert.subject != subject)
        };
        for d in cx
            .dropped
            .iter()
            .filter(|d| d.file == fi && !d.has_key && !issued_another(&d.cert.subject))
        {
            if reported.contains(&d.cert.thumbprint) {
                continue;
            }
            reported.push(d.cert.thumbprint.clone());
            let vars = [
                ("subject", d.cert.subject.as_str()),
                ("thumbprint", d.cert.thumbprint.as_str()),
                ("paths", d.path.as_str()),
            ];
            out.push(Finding {
                id: ID,
                severity: Severity::Error,
                title: cx.fill(Text::MissingKeyTitle, &vars),
                explanation: cx.fill(Text::MissingKeyPfxExplanation, &vars),
                evidence: vec![d.evidence()],
                thumbprints: vec![d.cert.thumbprint.clone()],
                connectors: Vec::new(),
                remediation: Some(remediation(cx, d)),
            });
        }
    }
}
