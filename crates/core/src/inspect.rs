//! Detect a file's kind from its bytes and report what it holds (contract: `inspect`).

use crate::keys::PublicKeyId;
use crate::report::FileReport;

/// One file after inspection: the contract report plus what cross-file key matching needs.
#[derive(Debug, Clone)]
pub struct InspectedFile {
    pub report: FileReport,
    /// SubjectPublicKeyInfo DER of each certificate, parallel to `report.certificates`.
    pub certificate_spkis: Vec<Vec<u8>>,
    /// Public half of each private key, parallel to `report.keys` (`None` when it cannot be derived).
    pub key_publics: Vec<Option<PublicKeyId>>,
}
