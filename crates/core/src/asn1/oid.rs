//! OBJECT IDENTIFIERs (ITU-T X.690 §8.19): contents to dotted text, and the OIDs this crate
//! knows: PKCS#12 (RFC 7292), PKCS#5 (RFC 8018), PKCS#7 (RFC 2315), PKCS#8 (RFC 5208/5958),
//! the key algorithms (RFC 3279, RFC 5480, RFC 8410), with names for reports and error messages.

use super::reader::{Class, Element};
use super::tag;
use crate::error::{Error, Result};

/// OID contents longer than this are refused (real ones are under 30 octets).
const MAX_OID_OCTETS: usize = 128;

/// Dotted-decimal form of OID contents (X.690 §8.19). `None` when not a valid encoding
/// (empty, an arc with a leading 0x80 octet, cut off in an arc, or an arc beyond 128 bits).
pub fn oid_to_string(content: &[u8]) -> Option<String> {
    if content.is_empty() || content.len() > MAX_OID_OCTETS {
        return None;
    }
    let mut arcs: Vec<u128> = Vec::new();
    let mut value: u128 = 0;
    let mut in_arc = false;
    for &b in content {
        if !in_arc && b == 0x80 {
            return None; // non-minimal arc encoding (X.690 §8.19.2)
        }
        if value > (u128::MAX >> 7) {
            return None;
        }
        value = (value << 7) | u128::from(b & 0x7f);
        in_arc = b & 0x80 != 0;
        if !in_arc {
            arcs.push(value);
            value = 0;
        }
    }
    if in_arc {
        return None;
    }
    let (first, rest) = arcs.split_first()?;
    // The first subidentifier packs the first two arcs (X.690 §8.19.4).
    let (a, b) = match *first {
        f if f < 40 => (0, f),
        f if f < 80 => (1, f - 40),
        f => (2, f - 80),
    };
    let mut s = format!("{a}.{b}");
    for arc in rest {
        s.push('.');
        s.push_str(&arc.to_string());
    }
    Some(s)
}

/// Reads an OBJECT IDENTIFIER element to its dotted form; `what` names it in errors.
pub fn read_oid(element: &Element<'_>, what: &str) -> Result<String> {
    if !element.is(Class::Universal, false, tag::OID) {
        return Err(Error::malformed(format!(
            "{what} is not an OBJECT IDENTIFIER"
        )));
    }
    oid_to_string(element.content)
        .ok_or_else(|| Error::malformed(format!("{what} is not a valid OBJECT IDENTIFIER")))
}

// RFC 2315 §14 content types.
pub const DATA: &str = "1.2.840.113549.1.7.1";
pub const SIGNED_DATA: &str = "1.2.840.113549.1.7.2";
pub const ENVELOPED_DATA: &str = "1.2.840.113549.1.7.3";
pub const ENCRYPTED_DATA: &str = "1.2.840.113549.1.7.6";

// RFC 7292 §4.2 bag types.
pub const KEY_BAG: &str = "1.2.840.113549.1.12.10.1.1";
pub const PKCS8_SHROUDED_KEY_BAG: &str = "1.2.840.113549.1.12.10.1.2";
pub const CERT_BAG: &str = "1.2.840.113549.1.12.10.1.3";
pub const CRL_BAG: &str = "1.2.840.113549.1.12.10.1.4";
pub const SECRET_BAG: &str = "1.2.840.113549.1.12.10.1.5";
pub const SAFE_CONTENTS_BAG: &str = "1.2.840.113549.1.12.10.1.6";

// RFC 7292 §4.2.3 certificate types.
pub const X509_CERTIFICATE: &str = "1.2.840.113549.1.9.22.1";
pub const SDSI_CERTIFICATE: &str = "1.2.840.113549.1.9.22.2";

// Bag attributes (RFC 7292 §4.2, RFC 2985 §5.5.1/5.5.2, Microsoft).
pub const FRIENDLY_NAME: &str = "1.2.840.113549.1.9.20";
pub const LOCAL_KEY_ID: &str = "1.2.840.113549.1.9.21";
pub const MS_CSP_NAME: &str = "1.3.6.1.4.1.311.17.1";

// RFC 7292 Appendix C: PKCS#12 password-based encryption.
pub const PBE_SHA1_RC4_128: &str = "1.2.840.113549.1.12.1.1";
pub const PBE_SHA1_RC4_40: &str = "1.2.840.113549.1.12.1.2";
pub const PBE_SHA1_3DES_3KEY: &str = "1.2.840.113549.1.12.1.3";
pub const PBE_SHA1_3DES_2KEY: &str = "1.2.840.113549.1.12.1.4";
pub const PBE_SHA1_RC2_128: &str = "1.2.840.113549.1.12.1.5";
pub const PBE_SHA1_RC2_40: &str = "1.2.840.113549.1.12.1.6";

// RFC 8018 (PKCS#5 v2.1).
pub const PBES2: &str = "1.2.840.113549.1.5.13";
pub const PBKDF2: &str = "1.2.840.113549.1.5.12";
pub const PBMAC1: &str = "1.2.840.113549.1.5.14";
pub const HMAC_SHA1: &str = "1.2.840.113549.2.7";
pub const HMAC_SHA224: &str = "1.2.840.113549.2.8";
pub const HMAC_SHA256: &str = "1.2.840.113549.2.9";
pub const HMAC_SHA384: &str = "1.2.840.113549.2.10";
pub const HMAC_SHA512: &str = "1.2.840.113549.2.11";
pub const AES_128_CBC: &str = "2.16.840.1.101.3.4.1.2";
pub const AES_192_CBC: &str = "2.16.840.1.101.3.4.1.22";
pub const AES_256_CBC: &str = "2.16.840.1.101.3.4.1.42";
pub const DES_EDE3_CBC: &str = "1.2.840.113549.3.7";

// Digests (MacData DigestInfo).
pub const SHA1: &str = "1.3.14.3.2.26";
pub const SHA224: &str = "2.16.840.1.101.3.4.2.4";
pub const SHA256: &str = "2.16.840.1.101.3.4.2.1";
pub const SHA384: &str = "2.16.840.1.101.3.4.2.2";
pub const SHA512: &str = "2.16.840.1.101.3.4.2.3";

// Key algorithms.
pub const RSA_ENCRYPTION: &str = "1.2.840.113549.1.1.1";
pub const RSASSA_PSS: &str = "1.2.840.113549.1.1.10";
pub const EC_PUBLIC_KEY: &str = "1.2.840.10045.2.1";
pub const DSA: &str = "1.2.840.10040.4.1";
pub const ED25519: &str = "1.3.101.112";
pub const ED448: &str = "1.3.101.113";
pub const X25519: &str = "1.3.101.110";
pub const X448: &str = "1.3.101.111";
pub const SECP256R1: &str = "1.2.840.10045.3.1.7";
pub const SECP384R1: &str = "1.3.132.0.34";
pub const SECP521R1: &str = "1.3.132.0.35";

/// A human name for an OID we know of (whether or not we can process it).
pub fn name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        DATA => "PKCS#7 data",
        SIGNED_DATA => "PKCS#7 signedData (public-key integrity mode)",
        ENVELOPED_DATA => "PKCS#7 envelopedData (public-key privacy mode)",
        ENCRYPTED_DATA => "PKCS#7 encryptedData",
        PBE_SHA1_RC4_128 => "pbeWithSHAAnd128BitRC4",
        PBE_SHA1_RC4_40 => "pbeWithSHAAnd40BitRC4",
        PBE_SHA1_3DES_3KEY => "pbeWithSHA1And3-KeyTripleDES-CBC",
        PBE_SHA1_3DES_2KEY => "pbeWithSHA1And2-KeyTripleDES-CBC",
        PBE_SHA1_RC2_128 => "pbeWithSHA1And128BitRC2-CBC",
        PBE_SHA1_RC2_40 => "pbeWithSHA1And40BitRC2-CBC",
        PBES2 => "PBES2",
        PBKDF2 => "PBKDF2",
        PBMAC1 => "PBMAC1 (RFC 9579)",
        "1.2.840.113549.1.5.3" => "pbeWithMD5AndDES-CBC (PKCS#5 v1.5)",
        "1.2.840.113549.1.5.6" => "pbeWithMD5AndRC2-CBC (PKCS#5 v1.5)",
        "1.2.840.113549.1.5.10" => "pbeWithSHA1AndDES-CBC (PKCS#5 v1.5)",
        "1.2.840.113549.1.5.11" => "pbeWithSHA1AndRC2-CBC (PKCS#5 v1.5)",
        "1.3.14.3.2.7" => "DES-CBC (single DES)",
        "1.2.840.113549.3.2" => "RC2-CBC",
        "2.16.840.1.101.3.4.1.6" => "AES-128-GCM",
        "2.16.840.1.101.3.4.1.46" => "AES-256-GCM",
        "1.2.156.10197.1.104.2" => "SM4-CBC",
        "1.2.643.7.1.1.2.2" => "GOST R 34.11-2012 (256)",
        "1.2.840.113549.2.5" => "MD5",
        "1.2.840.113549.2.2" => "MD2",
        "2.16.840.1.101.3.4.2.5" => "SHA-512/224",
        "2.16.840.1.101.3.4.2.6" => "SHA-512/256",
        "2.16.840.1.101.3.4.2.8" => "SHA3-256",
        "2.16.840.1.101.3.4.2.10" => "SHA3-512",
        HMAC_SHA1 => "hmacWithSHA1",
        HMAC_SHA224 => "hmacWithSHA224",
        HMAC_SHA256 => "hmacWithSHA256",
        HMAC_SHA384 => "hmacWithSHA384",
        HMAC_SHA512 => "hmacWithSHA512",
        AES_128_CBC => "AES-128-CBC",
        AES_192_CBC => "AES-192-CBC",
        AES_256_CBC => "AES-256-CBC",
        DES_EDE3_CBC => "DES-EDE3-CBC",
        SHA1 => "SHA-1",
        SHA224 => "SHA-224",
        SHA256 => "SHA-256",
        SHA384 => "SHA-384",
        SHA512 => "SHA-512",
        RSA_ENCRYPTION => "RSA",
        RSASSA_PSS => "RSASSA-PSS",
        EC_PUBLIC_KEY => "EC",
        DSA => "DSA",
        ED25519 => "Ed25519",
        ED448 => "Ed448",
        X25519 => "X25519",
        X448 => "X448",
        SECP256R1 => "secp256r1",
        SECP384R1 => "secp384r1",
        SECP521R1 => "secp521r1",
        "1.3.132.0.10" => "secp256k1",
        "1.3.36.3.3.2.8.1.1.7" => "brainpoolP256r1",
        "1.3.36.3.3.2.8.1.1.11" => "brainpoolP384r1",
        "1.3.36.3.3.2.8.1.1.13" => "brainpoolP512r1",
        "1.2.840.10045.3.1.1" => "secp192r1",
        "1.3.132.0.33" => "secp224r1",
        _ => return None,
    })
}

/// An `unsupported-algorithm` error naming `oid`.
pub fn unsupported(oid: &str) -> crate::error::Error {
    crate::error::Error::UnsupportedAlgorithm {
        oid: oid.to_string(),
        name: name(oid).map(str::to_string),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oids_to_text() {
        assert_eq!(
            oid_to_string(&[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x0a, 0x01, 0x03])
                .unwrap(),
            "1.2.840.113549.1.12.10.1.3"
        );
        assert_eq!(
            oid_to_string(&[0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x11, 0x01]).unwrap(),
            "1.3.6.1.4.1.311.17.1"
        );
        assert_eq!(
            oid_to_string(&[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x01]).unwrap(),
            "1.2.840.113549.1.9.1"
        );
        assert_eq!(oid_to_string(&[0x55, 0x04, 0x03]).unwrap(), "2.5.4.3");
        assert!(oid_to_string(&[0x2a, 0x86]).is_none());
        assert!(oid_to_string(&[0x55, 0x84]).is_none());
        assert!(oid_to_string(&[0x2a, 0x80, 0x01]).is_none());
        assert!(oid_to_string(&[]).is_none());
    }

    #[test]
    fn names() {
        assert_eq!(name(CERT_BAG), None);
        assert_eq!(name(PBES2), Some("PBES2"));
        assert_eq!(
            unsupported("1.2.840.113549.3.2").code(),
            "unsupported-algorithm"
        );
    }
}
