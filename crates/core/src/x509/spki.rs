//! `SubjectPublicKeyInfo` (RFC 5280 §4.1.2.7) → the contract's key description:
//! `RSA-2048` (RFC 8017 A.1.1 modulus bits), `EC-secp256r1` / `EC-secp384r1` / `EC-secp521r1`
//! (RFC 5480 named curves, named as private keys name them: [`crate::keys::ec::Curve::key_type`]), `DSA-1024` (bits of p, RFC 3279 §2.3.2),
//! `Ed25519` / `Ed448` (RFC 8410), otherwise the algorithm OID.
//! Read with [`crate::asn1`] under DER so that the same code serves certificates x509-parser rejects.

use crate::asn1::{self, oid, tag, Class, Rules};
use crate::keys::ec::Curve;

/// Key description of an SPKI DER; `unknown` when it does not decode.
pub fn describe(spki_der: &[u8]) -> String {
    describe_inner(spki_der).unwrap_or_else(|| "unknown".to_string())
}

fn describe_inner(spki_der: &[u8]) -> Option<String> {
    let spki = asn1::parse_exact(spki_der, Rules::Der, "the public key info").ok()?;
    let mut parts = spki.children(Rules::Der);
    let algorithm = parts.next_element().ok()??;
    let key = parts.next_element().ok()??;
    let mut algorithm_parts = algorithm.children(Rules::Der);
    let algorithm_oid =
        oid::read_oid(&algorithm_parts.next_element().ok()??, "the key algorithm").ok()?;
    let parameters = algorithm_parts.next_element().ok()?;
    let key_bits = if key.is(Class::Universal, false, tag::BIT_STRING) {
        key.content.get(1..)
    } else {
        None
    };
    Some(match algorithm_oid.as_str() {
        oid::RSA_ENCRYPTION | oid::RSASSA_PSS => {
            let rsa = asn1::parse_exact(key_bits?, Rules::Der, "the RSA key").ok()?;
            let modulus = rsa.children(Rules::Der).next_element().ok()??;
            format!("RSA-{}", asn1::values::unsigned_bit_length(modulus.content))
        }
        // Named as private keys name their curve (`EC-secp256r1`, `EC-explicit-parameters`).
        oid::EC_PUBLIC_KEY => match parameters {
            Some(p) if p.is(Class::Universal, false, tag::OID) => {
                let curve = oid::oid_to_string(p.content)?;
                Curve::Named(curve).key_type()
            }
            Some(p) if p.is_sequence() => Curve::Explicit.key_type(),
            _ => "EC".to_string(),
        },
        oid::DSA => match parameters {
            Some(p) if p.is_sequence() => {
                let prime = p.children(Rules::Der).next_element().ok()??;
                format!("DSA-{}", asn1::values::unsigned_bit_length(prime.content))
            }
            _ => "DSA".to_string(),
        },
        oid::ED25519 => "Ed25519".to_string(),
        oid::ED448 => "Ed448".to_string(),
        other => other.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Certificates name EC keys the way private keys do ([`Curve::key_type`]).
    #[test]
    fn ec_keys_are_named_like_private_keys() {
        // SPKI { AlgorithmIdentifier { ecPublicKey, SEQUENCE { INTEGER 1 } }, BIT STRING 04 }:
        // explicit domain parameters (shape only).
        let explicit = [
            0x30, 0x14, 0x30, 0x0e, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x30,
            0x03, 0x02, 0x01, 0x01, 0x03, 0x02, 0x00, 0x04,
        ];
        assert_eq!(describe(&explicit), "EC-explicit-parameters");
        // The same with the named curve brainpoolP256r1 (1.3.36.3.3.2.8.1.1.7).
        let brainpool = [
            0x30, 0x1a, 0x30, 0x14, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06,
            0x09, 0x2b, 0x24, 0x03, 0x03, 0x02, 0x08, 0x01, 0x01, 0x07, 0x03, 0x02, 0x00, 0x04,
        ];
        assert_eq!(describe(&brainpool), "EC-brainpoolP256r1");
        assert_eq!(describe(&brainpool[..10]), "unknown");
    }
}
