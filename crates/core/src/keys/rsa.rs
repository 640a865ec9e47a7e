//! RSA keys: `RSAPrivateKey` and `RSAPublicKey` of PKCS#1 (RFC 8017 Appendix A.1.2 / A.1.1).
//!
//! ```text
//! RSAPrivateKey ::= SEQUENCE { version, modulus, publicExponent, privateExponent, prime1, ... }
//! RSAPublicKey  ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
//! ```

use super::{PrivateKey, PublicKeyId};
use crate::asn1::{self, values, Reader, Rules};
use crate::error::{Error, Result};
use crate::limits::MAX_RSA_MODULUS_BITS;
use num_bigint::BigUint;

/// Parses a PKCS#1 `RSAPrivateKey` (also the `privateKey` octets of a PKCS#8 rsaEncryption key).
pub fn from_rsa_private_key(der: &[u8]) -> Result<PrivateKey> {
    let seq = asn1::parse_exact(der, Rules::Ber, "RSAPrivateKey")?;
    let mut r = Reader::children(&seq, "RSAPrivateKey")?;
    let version = r.version("version")?;
    let modulus = r.unsigned_integer("modulus")?;
    check_modulus_size(modulus)?;
    let exponent = r.unsigned_integer("publicExponent")?;
    let _d = r.unsigned_integer("privateExponent")?;
    let prime1 = r.unsigned_integer("prime1")?;
    let prime2 = r.unsigned_integer("prime2")?;
    // The public half is stored, not derived: check it belongs to the private half (two-prime keys,
    // version 0; multi-prime keys have more factors), so a damaged key is not taken for a match.
    if version == 0
        && BigUint::from_bytes_be(prime1) * BigUint::from_bytes_be(prime2)
            != BigUint::from_bytes_be(modulus)
    {
        return Err(Error::malformed(
            "RSA private key is damaged: its primes do not multiply to its modulus",
        ));
    }
    Ok(PrivateKey {
        key_type: rsa_type(modulus),
        public: Some(PublicKeyId::Rsa {
            modulus: modulus.to_vec(),
            exponent: exponent.to_vec(),
        }),
        note: None,
    })
}

/// Parses a PKCS#1 `RSAPublicKey` (the subjectPublicKey of an RSA certificate).
pub fn from_rsa_public_key(der: &[u8]) -> Result<(String, PublicKeyId)> {
    let seq = asn1::parse_exact(der, Rules::Ber, "RSAPublicKey")?;
    let mut r = Reader::children(&seq, "RSAPublicKey")?;
    let modulus = r.unsigned_integer("modulus")?;
    let exponent = r.unsigned_integer("publicExponent")?;
    Ok((
        rsa_type(modulus),
        PublicKeyId::Rsa {
            modulus: modulus.to_vec(),
            exponent: exponent.to_vec(),
        },
    ))
}

/// Refuses a modulus over [`MAX_RSA_MODULUS_BITS`] before any arithmetic on it, naming it as RSA
/// (a 1 MB modulus was once read on as a DSA key and named `DSA-8388608`).
pub fn check_modulus_size(modulus: &[u8]) -> Result<()> {
    let bits = values::unsigned_bit_length(modulus);
    if bits > MAX_RSA_MODULUS_BITS {
        return Err(Error::TooLarge {
            what: format!("An RSA private key with a {bits}-bit modulus (RSA-{bits})"),
            limit: MAX_RSA_MODULUS_BITS as u64,
        });
    }
    Ok(())
}

/// `RSA-<bits of the modulus>`.
pub fn rsa_type(modulus: &[u8]) -> String {
    format!("RSA-{}", values::unsigned_bit_length(modulus))
}
