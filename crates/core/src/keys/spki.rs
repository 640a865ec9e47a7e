//! `SubjectPublicKeyInfo` (RFC 5280 §4.1.2.7; algorithm-specific encodings in RFC 3279 §2.3,
//! RFC 5480 §2, RFC 8410 §4) to the comparable [`PublicKeyId`].

use super::{dsa, ec, rsa, PublicKeyId};
use crate::asn1::{self, tag, values, Reader, Rules};
use crate::error::Result;
use crate::asn1::oid;

/// Key type (`RSA-2048`, `EC-secp256r1`, ...) and canonical public key of an SPKI.
pub fn parse_spki(der: &[u8]) -> Result<(String, Option<PublicKeyId>)> {
    let seq = asn1::parse_exact(der, Rules::Ber, "SubjectPublicKeyInfo")?;
    let mut r = Reader::children(&seq, "SubjectPublicKeyInfo")?;
    let alg = r.sequence("algorithm")?;
    let mut a = Reader::children(&alg, "algorithm")?;
    let algorithm = a.oid("algorithm")?;
    let params = a.next_element()?;
    let bits = r.expect(tag::BIT_STRING, "subjectPublicKey")?;
    let key = values::bit_string_octets(&bits, "subjectPublicKey")?;
    Ok(match algorithm.as_str() {
        oid::RSA_ENCRYPTION | oid::RSASSA_PSS => {
            let (t, id) = rsa::from_rsa_public_key(key)?;
            (t, Some(id))
        }
        oid::EC_PUBLIC_KEY => {
            let curve = match params.as_ref() {
                Some(p) => ec::Curve::parse(p)?,
                None => ec::Curve::Implicit,
            };
            let id = match &curve {
                ec::Curve::Named(c) => ec::normalize_point(c, key).map(|point| PublicKeyId::Ec { curve_oid: c.clone(), point }),
                _ => Some(PublicKeyId::Ec { curve_oid: ec::UNNAMED_CURVE.into(), point: key.to_vec() }),
            };
            (curve.key_type(), id)
        }
        oid::DSA => {
            let (t, id) = dsa::from_public_key(key, params.as_ref())?;
            (t, Some(id))
        }
        oid::ED25519 => ("Ed25519".into(), Some(PublicKeyId::Ed25519(key.to_vec()))),
        oid::ED448 => ("Ed448".into(), Some(PublicKeyId::Ed448(key.to_vec()))),
        other => (other.to_string(), None),
    })
}
