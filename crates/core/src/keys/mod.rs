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
