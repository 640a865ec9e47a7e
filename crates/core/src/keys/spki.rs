//! `SubjectPublicKeyInfo` (RFC 5280 §4.1.2.7; algorithm-specific encodings in RFC 3279 §2.3,
//! RFC 5480 §2, RFC 8410 §4) to the comparable [`PublicKeyId`]. How the key is described
//! (`RSA-2048`, `EC-secp256r1`, ...) is [`crate::x509::spki::describe`]'s job, once.

use super::{dsa, ec, rsa, PublicKeyId};
use crate::asn1::{self, oid, tag, values, Reader, Rules};
use crate::error::Result;

/// The canonical public key of an SPKI; `None` for algorithms keys are not compared by.
pub fn parse_spki(der: &[u8]) -> Result<Option<PublicKeyId>> {
    let seq = asn1::parse_exact(der, Rules::Ber, "SubjectPublicKeyInfo")?;
    let mut r = Reader::children(&seq, "SubjectPublicKeyInfo")?;
    let alg = r.sequence("algorithm")?;
    let mut a = Reader::children(&alg, "algorithm")?;
    let algorithm = a.oid("algorithm")?;
    let params = a.next_element()?;
    let bits = r.expect(tag::BIT_STRING, "subjectPublicKey")?;
    let key = values::bit_string_octets(&bits, "subjectPublicKey")?;
    Ok(match algorithm.as_str() {
        oid::RSA_ENCRYPTION | oid::RSASSA_PSS => Some(rsa::from_rsa_public_key(key)?.1),
        oid::EC_PUBLIC_KEY => {
            let curve = match params.as_ref() {
                Some(p) => ec::Curve::parse(p)?,
                None => ec::Curve::Implicit,
            };
            match &curve {
                ec::Curve::Named(c) => ec::normalize_point(c, key).map(|point| PublicKeyId::Ec {
                    curve_oid: c.clone(),
                    point,
                }),
                _ => Some(PublicKeyId::Ec {
                    curve_oid: ec::UNNAMED_CURVE.into(),
                    point: key.to_vec(),
                }),
            }
        }
        oid::DSA => Some(dsa::from_public_key(key, params.as_ref())?.1),
        oid::ED25519 => Some(PublicKeyId::Ed25519(key.to_vec())),
        oid::ED448 => Some(PublicKeyId::Ed448(key.to_vec())),
        _ => None,
    })
}
