//! Private keys (PKCS#8, encrypted PKCS#8, PKCS#1, SEC1; PEM or DER) and the
//! key ↔ certificate match by public key.
//!
//! * [`pkcs8`]: PrivateKeyInfo / OneAsymmetricKey and EncryptedPrivateKeyInfo.
//! * [`rsa`], [`ec`], [`dsa`], [`eddsa`]: one module per algorithm's key structures;
//!   [`ed448`]: the Ed448 public key from its private key.
//! * [`spki`]: a certificate's SubjectPublicKeyInfo to a [`PublicKeyId`].
//! * [`matching`]: which key belongs to which certificate.
//! * [`file`]: a private-key file as `kind: private-key`.

pub mod dsa;
pub mod ec;
pub mod ed448;
pub mod eddsa;
pub mod file;
pub mod legacy_pem;
pub mod matching;
pub mod pkcs8;
pub mod rsa;
pub mod spki;

/// A public key in a canonical, comparable form. Two equal values mean "same key pair".
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PublicKeyId {
    /// Modulus and public exponent, big-endian, no leading zero bytes.
    Rsa {
        modulus: Vec<u8>,
        exponent: Vec<u8>,
    },
    /// Named curve OID (dotted) and the uncompressed SEC1 point (04 || X || Y).
    Ec {
        curve_oid: String,
        point: Vec<u8>,
    },
    /// DSA public value y, big-endian, no leading zeros (parameters may be inherited).
    Dsa {
        y: Vec<u8>,
    },
    Ed25519(Vec<u8>),
    Ed448(Vec<u8>),
}

/// A private key as read: its type for the report and its public half for matching.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrivateKey {
    /// `RSA-2048`, `EC-secp256r1`, `DSA-1024`, `Ed25519`, `Ed448`, ...
    pub key_type: String,
    /// `None` when the public key cannot be derived (then `note` says why).
    pub public: Option<PublicKeyId>,
    /// Why the key cannot be matched, or how its public half was obtained.
    pub note: Option<String>,
}

pub use file::{inspect_private_key_file, inspect_private_key_file_in_run};

/// Canonical public key of a certificate's SubjectPublicKeyInfo (DER). `None` when unknown.
pub fn public_key_id_from_spki(spki_der: &[u8]) -> Option<PublicKeyId> {
    spki::parse_spki(spki_der).ok().flatten()
}
