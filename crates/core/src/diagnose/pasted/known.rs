//! The pasted rules' view of the certificates: the evidence model's ([`crate::evidence`]).

use super::PasteInput;
use crate::evidence::FileCertificate;
use crate::ids::FileKind;

pub use crate::evidence::certificates::{exchange_choice, Certificate as KnownCert};

/// The model's certificates for the pastes and files of `input` (no log blocks).
pub fn collect(input: &PasteInput<'_>) -> Vec<KnownCert> {
    let files: Vec<FileCertificate<'_>> = input
        .certificates
        .iter()
        .map(|(path, cert)| FileCertificate {
            path,
            kind: FileKind::X509Cert,
            cert,
            has_key: cert.has_private_key,
        })
        .collect();
    crate::evidence::certificates::collect(input.pastes, &files, &crate::log::LogFacts::default())
}
