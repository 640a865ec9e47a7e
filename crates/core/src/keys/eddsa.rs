//! EdDSA keys (RFC 8410 §7: `CurvePrivateKey ::= OCTET STRING` inside PKCS#8/OneAsymmetricKey;
//! §4: the subjectPublicKey is the raw public key).

use super::{PrivateKey, PublicKeyId};
use crate::asn1::{self, tag, Class, Rules};
use crate::error::{Error, Result};

/// Ed25519: the public key is derived from the 32-byte seed (RFC 8032 §5.1.5) with ed25519-dalek.
pub fn ed25519_from_curve_private_key(octets: &[u8]) -> Result<PrivateKey> {
    let seed = curve_private_key(octets, 32, "Ed25519")?;
    let mut bytes = [0u8; 32];
    bytes.copy_from_slice(seed);
    let public = ed25519_dalek::SigningKey::from_bytes(&bytes)
        .verifying_key()
        .to_bytes()
        .to_vec();
    Ok(PrivateKey {
        key_type: "Ed25519".into(),
        public: Some(PublicKeyId::Ed25519(public)),
        note: None,
    })
}

/// Ed448: the public key is derived from the 57-byte private key ([`super::ed448`]); when
/// OneAsymmetricKey also carries one (RFC 5958 §2) that does not belong to it, `note` says so.
pub fn ed448_from_curve_private_key(
    octets: &[u8],
    public_key: Option<&[u8]>,
) -> Result<PrivateKey> {
    let seed = curve_private_key(octets, 57, "Ed448")?;
    let mut bytes = [0u8; 57];
    bytes.copy_from_slice(seed);
    let derived = super::ed448::public_key(&bytes);
    let note = match public_key {
        Some(stored) if stored != derived.as_slice() => Some(
            "The public key stored in this Ed448 key does not belong to its private key; the derived one is used.".to_string(),
        ),
        _ => None,
    };
    Ok(PrivateKey {
        key_type: "Ed448".into(),
        public: Some(PublicKeyId::Ed448(derived)),
        note,
    })
}

fn curve_private_key<'a>(octets: &'a [u8], len: usize, what: &str) -> Result<&'a [u8]> {
    let e = asn1::parse_exact(octets, Rules::Ber, "CurvePrivateKey")?;
    if e.class != Class::Universal || e.tag != tag::OCTET_STRING || e.constructed {
        return Err(Error::malformed(format!(
            "{what} private key is not an OCTET STRING"
        )));
    }
    if e.content.len() != len {
        return Err(Error::malformed(format!(
            "{what} private key of {} bytes (expected {len})",
            e.content.len()
        )));
    }
    Ok(e.content)
}
