//! PKCS#8 private keys: `PrivateKeyInfo` / `OneAsymmetricKey` (RFC 5208 §5, RFC 5958 §2) and
//! `EncryptedPrivateKeyInfo` (RFC 5208 §6, RFC 5958 §3).
//!
//! ```text
//! OneAsymmetricKey ::= SEQUENCE { version INTEGER, privateKeyAlgorithm AlgorithmIdentifier,
//!     privateKey OCTET STRING, attributes [0] IMPLICIT Attributes OPTIONAL,
//!     publicKey [1] IMPLICIT BIT STRING OPTIONAL }
//! EncryptedPrivateKeyInfo ::= SEQUENCE { encryptionAlgorithm AlgorithmIdentifier, encryptedData OCTET STRING }
//! ```

use super::{dsa, ec, eddsa, rsa, PrivateKey};
use crate::asn1::oid;
use crate::asn1::{self, Element, Reader, Rules};
use crate::error::{Error, Result};
use crate::pkcs12::pbe::EncryptionScheme;

/// Parses a DER/BER `PrivateKeyInfo` and derives its public half.
pub fn parse_private_key_info(der: &[u8]) -> Result<PrivateKey> {
    let seq = asn1::parse_exact(der, Rules::Ber, "PrivateKeyInfo")?;
    let mut r = Reader::children(&seq, "PrivateKeyInfo")?;
    let version = r.version("version")?;
    if version > 1 {
        return Err(Error::malformed(format!(
            "PrivateKeyInfo version {version}"
        )));
    }
    let alg = r.sequence("privateKeyAlgorithm")?;
    let mut a = Reader::children(&alg, "privateKeyAlgorithm")?;
    let algorithm = a.oid("algorithm")?;
    let params = a.next_element()?;
    let private_key = r.octet_string("privateKey")?;
    let _attributes = r.optional_context(0)?;
    let public_key = match r.optional_context(1)? {
        // [1] IMPLICIT BIT STRING: first content octet is the unused-bits count.
        Some(e) => match e.content.split_first() {
            Some((0, rest)) if !e.constructed => Some(rest),
            _ => return Err(Error::malformed("OneAsymmetricKey publicKey")),
        },
        None => None,
    };
    match algorithm.as_str() {
        oid::RSA_ENCRYPTION => rsa::from_rsa_private_key(&private_key),
        oid::RSASSA_PSS => rsa::from_rsa_private_key(&private_key),
        oid::EC_PUBLIC_KEY => ec::from_ec_private_key(&private_key, params.as_ref()),
        oid::DSA => dsa::from_pkcs8(params.as_ref(), &private_key),
        oid::ED25519 => eddsa::ed25519_from_curve_private_key(&private_key),
        oid::ED448 => eddsa::ed448_from_curve_private_key(&private_key, public_key),
        other => Ok(PrivateKey {
            key_type: oid::name(other)
                .map(str::to_string)
                .unwrap_or_else(|| other.to_string()),
            public: None,
            note: Some(format!(
                "tlsdoctor does not match {} keys to certificates.",
                oid::name(other).unwrap_or(other)
            )),
        }),
    }
}

/// A parsed `EncryptedPrivateKeyInfo`: the scheme (or why it cannot be used) and the ciphertext.
pub struct EncryptedPrivateKeyInfo {
    pub scheme: Result<EncryptionScheme>,
    pub ciphertext: Vec<u8>,
}

pub fn parse_encrypted_private_key_info(der: &[u8]) -> Result<EncryptedPrivateKeyInfo> {
    let seq = asn1::parse_exact(der, Rules::Ber, "EncryptedPrivateKeyInfo")?;
    parse_encrypted_private_key_info_element(&seq)
}

pub fn parse_encrypted_private_key_info_element(
    seq: &Element<'_>,
) -> Result<EncryptedPrivateKeyInfo> {
    let mut r = Reader::children(seq, "EncryptedPrivateKeyInfo")?;
    let alg = r.sequence("encryptionAlgorithm")?;
    let scheme = EncryptionScheme::parse(&alg);
    let ciphertext = r.octet_string("encryptedData")?.into_owned();
    Ok(EncryptedPrivateKeyInfo { scheme, ciphertext })
}
