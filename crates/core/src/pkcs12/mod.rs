//! PKCS#12 / PFX (RFC 7292). (Issue 4 fills this module in.)

use crate::inspect::InspectedFile;
use crate::report::{FileKind, FileReport};

/// Opens a PKCS#12 file with each candidate password (plus both empty forms) and reports
/// certificates, keys and container facts.
pub fn inspect_pkcs12(path: &str, _bytes: &[u8], _passwords: &[String]) -> InspectedFile {
    // TRANSIENT until issue 4 lands: replaced by the real reader.
    let mut report = FileReport::new(path, FileKind::Pkcs12);
    report.error = Some(crate::report::ErrorReport {
        code: "unsupported-algorithm".into(),
        message: "PKCS#12 reading is not available in this build.".into(),
    });
    InspectedFile { report, certificate_spkis: Vec::new(), key_publics: Vec::new() }
}
