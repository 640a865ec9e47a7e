//! One model of everything the user gave, whatever it came from: certificates (a `.cer`,
//! a PKCS#7 bag, a PFX, a protocol log's certificate block, a pasted `Get-ExchangeCertificate`
//! or `Cert:\` listing), connectors, sessions and failures (the log facts), queues, events and
//! server error messages. Facts about one certificate (same thumbprint, else same issuer and
//! serial number) merge into one [`Certificate`] that keeps every source as an evidence line.
//! Every rule of [`crate::diagnose::RULES`] reads this model, so a certificate reaches each
//! rule the same way whatever it came from.
//!
//! Layers, one hop each: bytes → readers ([`crate::inspect`], [`crate::log`],
//! [`crate::paste`]) → this model → rules ([`crate::diagnose`]) → report
//! ([`crate::report`]) → view ([`crate::view`]) → renderers (page, CLI, Markdown).

pub mod certificates;
pub mod server_errors;

pub use certificates::{Certificate, KeyState, Source, SourceKind};
pub use server_errors::CitedServerError;

use crate::log::LogFacts;
use crate::paste::PastedOutput;
use crate::report::CertificateReport;

/// One paste and the name it came under (file path, `-` for stdin, or the page's label).
#[derive(Clone, Copy)]
pub struct PasteSource<'a> {
    pub path: &'a str,
    pub output: &'a PastedOutput,
}

/// A certificate from a dropped file, as the model reads it.
#[derive(Clone, Copy)]
pub struct FileCertificate<'a> {
    pub path: &'a str,
    pub kind: crate::ids::FileKind,
    pub cert: &'a CertificateReport,
    /// A private key in this or another dropped file matches its public key.
    pub has_key: bool,
}

/// Everything read, merged.
#[derive(Debug, Clone, Default)]
pub struct Model {
    pub certificates: Vec<Certificate>,
    pub server_errors: Vec<CitedServerError>,
}

/// Builds the model from the three kinds of reader output.
pub fn build(files: &[FileCertificate<'_>], logs: &LogFacts, pastes: &[PasteSource<'_>]) -> Model {
    Model {
        certificates: certificates::collect(pastes, files, logs),
        server_errors: server_errors::collect(pastes),
    }
}
