//! EdDSA keys (RFC 8410 §7: `CurvePrivateKey ::= OCTET STRING` inside PKCS#8/OneAsymmetricKey;
//! §4: the subjectPublicKey is the raw public key).

use super::{PrivateKey, PublicKeyId};
use crate::ber;
use crate::error::{Error, Result};

/// Ed25519: the public key is derived from the 32-byte seed (RFC 8032 §5.1.5) with ed25519-dalek.
pub fn ed25519_from_curve_private_key(octets: &[u8]) -> Result<PrivateKey> {
    let seed = curve_private_key(octets, 32, "Ed25519")?;
    let mut bytes = [0u8; 32];
    bytes.copy_from_slice(seed);
    let public = ed25519_dalek::SigningKey::from_bytes(&bytes).verifying_key().to_bytes().to_vec();
    Ok(PrivateKey { key_type: "Ed25519".into(), public: Some(PublicKeyId::Ed25519(public)), note: None })
}

/// Ed448: no wasm-friendly Ed448 implementation is in this build, so the public key is taken
/// from OneAsymmetricKey's `publicKey` field (RFC 5958 §2) when present; otherwise the key
/// cannot be matched and `note` says why.
pub fn ed448_from_curve_private_key(octets: &[u8], public_key: Option<&[u8]>) -> Result<PrivateKey> {
    curve_private_key(octets, 57, "Ed448")?;
    match public_key {
        Some(p) if p.len() == 57 => Ok(PrivateKey {
            key_type: "Ed448".into(),
            public: Some(PublicKeyId::Ed448(p.to_vec())),
            note: Some("Ed448 public key taken from the key file's publicKey field (not derived).".into()),
        }),
        _ => Ok(PrivateKey {
            key_type: "Ed448".into(),
            public: None,
            note: Some(
                "This Ed448 key does not carry its public key and tlsdoctor has no Ed448 implementation to derive it, so it cannot be matched to a certificate.".into(),
            ),
        }),
    }
}

fn curve_private_key<'a>(octets: &'a [u8], len: usize, what: &str) -> Result<&'a [u8]> {
    let e = ber::parse_exact(octets, "CurvePrivateKey")?;
    if e.class != ber::Class::Universal || e.tag != ber::TAG_OCTET_STRING || e.constructed {
        return Err(Error::malformed(format!("{what} private key is not an OCTET STRING")));
    }
    if e.content.len() != len {
        return Err(Error::malformed(format!("{what} private key of {} bytes (expected {len})", e.content.len())));
    }
    Ok(e.content)
}
