//! Private keys (PKCS#8, encrypted PKCS#8, PKCS#1, SEC1; PEM or DER) and the
//! key ↔ certificate match by public key. (Issue 4 fills this module in.)

/// A public key in a canonical, comparable form. Two equal values mean "same key pair".
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PublicKeyId {
    /// Modulus and public exponent, big-endian, no leading zero bytes.
    Rsa { modulus: Vec<u8>, exponent: Vec<u8> },
    /// Named curve OID (dotted) and the uncompressed SEC1 point (04 || X || Y).
    Ec { curve_oid: String, point: Vec<u8> },
    /// DSA public value y, big-endian, no leading zeros (parameters may be inherited).
    Dsa { y: Vec<u8> },
    Ed25519(Vec<u8>),
    Ed448(Vec<u8>),
}

use crate::inspect::InspectedFile;
use crate::report::{FileKind, FileReport};

/// Reads a private-key file (PEM or DER; PKCS#8, encrypted PKCS#8, PKCS#1, SEC1).
pub fn inspect_private_key_file(path: &str, _bytes: &[u8], _passwords: &[String]) -> InspectedFile {
    // TRANSIENT until issue 4 lands: replaced by the real reader.
    let report = FileReport::new(path, FileKind::PrivateKey);
    InspectedFile { report, certificate_spkis: Vec::new(), key_publics: Vec::new() }
}

/// Canonical public key of a certificate's SubjectPublicKeyInfo (DER). `None` when unknown.
pub fn public_key_id_from_spki(_spki_der: &[u8]) -> Option<PublicKeyId> {
    // TRANSIENT until issue 4 lands.
    None
}
