//! `SubjectPublicKeyInfo` (RFC 5280 §4.1.2.7) → the contract's key description:
//! `RSA-2048` (RFC 8017 A.1.1 modulus bits), `EC-secp256r1` / `EC-secp384r1` / `EC-secp521r1`
//! (RFC 5480 named curves, `EC-<oid>` for others), `DSA-1024` (bits of p, RFC 3279 §2.3.2),
//! `Ed25519` / `Ed448` (RFC 8410), otherwise the algorithm OID.
//! Read with [`super::der`] so that the same code serves certificates x509-parser rejects.

use super::der::{self, tag, Class, Rules};

pub const RSA_ENCRYPTION: &str = "1.2.840.113549.1.1.1";
pub const RSA_PSS: &str = "1.2.840.113549.1.1.10";
pub const EC_PUBLIC_KEY: &str = "1.2.840.10045.2.1";
pub const DSA: &str = "1.2.840.10040.4.1";
pub const ED25519: &str = "1.3.101.112";
pub const ED448: &str = "1.3.101.113";

/// Human name of a named-curve OID, as the contract spells it.
pub fn curve_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "1.2.840.10045.3.1.7" => "secp256r1",
        "1.3.132.0.34" => "secp384r1",
        "1.3.132.0.35" => "secp521r1",
        "1.3.132.0.10" => "secp256k1",
        _ => return None,
    })
}

/// Key description of an SPKI DER; `unknown` when it does not decode.
pub fn describe(spki_der: &[u8]) -> String {
    describe_inner(spki_der).unwrap_or_else(|| "unknown".to_string())
}

fn describe_inner(spki_der: &[u8]) -> Option<String> {
    let spki = der::parse_exact(spki_der, Rules::Der, "the public key info").ok()?;
    let mut parts = spki.children(Rules::Der);
    let algorithm = parts.next_element().ok()??;
    let key = parts.next_element().ok()??;
    let mut algorithm_parts = algorithm.children(Rules::Der);
    let oid = der::read_oid(&algorithm_parts.next_element().ok()??, "the key algorithm").ok()?;
    let parameters = algorithm_parts.next_element().ok()?;
    let key_bits = if key.is(Class::Universal, false, tag::BIT_STRING) { key.content.get(1..) } else { None };
    Some(match oid.as_str() {
        RSA_ENCRYPTION | RSA_PSS => {
            let rsa = der::parse_exact(key_bits?, Rules::Der, "the RSA key").ok()?;
            let modulus = rsa.children(Rules::Der).next_element().ok()??;
            format!("RSA-{}", der::unsigned_bit_length(modulus.content))
        }
        EC_PUBLIC_KEY => match parameters {
            Some(p) if p.is(Class::Universal, false, tag::OID) => {
                let curve = der::oid_to_string(p.content)?;
                match curve_name(&curve) {
                    Some(name) => format!("EC-{name}"),
                    None => format!("EC-{curve}"),
                }
            }
            _ => "EC".to_string(),
        },
        DSA => match parameters {
            Some(p) if p.is_sequence() => {
                let prime = p.children(Rules::Der).next_element().ok()??;
                format!("DSA-{}", der::unsigned_bit_length(prime.content))
            }
            _ => "DSA".to_string(),
        },
        ED25519 => "Ed25519".to_string(),
        ED448 => "Ed448".to_string(),
        other => other.to_string(),
    })
}
