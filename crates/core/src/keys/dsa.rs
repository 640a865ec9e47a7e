//! DSA keys (RFC 3279 §2.3.2 `Dss-Parms` and `DSAPublicKey`; PKCS#8 DSA private key = INTEGER x;
//! OpenSSL's traditional `DSAPrivateKey ::= SEQUENCE { 0, p, q, g, y, x }`).
//! The public value is y = g^x mod p (FIPS 186-4 §4.1), computed with num-bigint.

use num_bigint::BigUint;

use super::{PrivateKey, PublicKeyId};
use crate::asn1::values::unsigned_bit_length as bit_length;
use crate::asn1::{self, tag, values, Class, Element, Reader, Rules};
use crate::error::{Error, Result};
use crate::limits::MAX_DSA_PRIME_BITS;

/// `Dss-Parms ::= SEQUENCE { p INTEGER, q INTEGER, g INTEGER }`.
pub struct DssParms {
    pub p: Vec<u8>,
    pub q: Vec<u8>,
    pub g: Vec<u8>,
}

pub fn parse_dss_parms(e: &Element<'_>) -> Result<DssParms> {
    let mut r = Reader::children(e, "Dss-Parms")?;
    Ok(DssParms {
        p: r.unsigned_integer("p")?.to_vec(),
        q: r.unsigned_integer("q")?.to_vec(),
        g: r.unsigned_integer("g")?.to_vec(),
    })
}

/// A PKCS#8 DSA key: `params` from the AlgorithmIdentifier (absent when inherited), `octets`
/// the privateKey OCTET STRING contents (an INTEGER x).
pub fn from_pkcs8(params: Option<&Element<'_>>, octets: &[u8]) -> Result<PrivateKey> {
    let x_el = asn1::parse_exact(octets, Rules::Ber, "DSA private key")?;
    let x = values::integer_magnitude(&x_el, "DSA private key", "x")?;
    let params = match params {
        Some(e) if e.class == Class::Universal && e.tag == tag::SEQUENCE => {
            Some(parse_dss_parms(e)?)
        }
        _ => None,
    };
    Ok(with_params(params.as_ref(), x))
}

/// OpenSSL's traditional `DSA PRIVATE KEY`.
pub fn from_traditional(der: &[u8]) -> Result<PrivateKey> {
    let seq = asn1::parse_exact(der, Rules::Ber, "DSAPrivateKey")?;
    let mut r = Reader::children(&seq, "DSAPrivateKey")?;
    let _version = r.version("version")?;
    let params = DssParms {
        p: r.unsigned_integer("p")?.to_vec(),
        q: r.unsigned_integer("q")?.to_vec(),
        g: r.unsigned_integer("g")?.to_vec(),
    };
    let _y = r.unsigned_integer("y")?;
    let x = r.unsigned_integer("x")?;
    if !r.is_empty() {
        // Six INTEGERs exactly: more is some other structure (a PKCS#1 RSA key has nine).
        return Err(Error::malformed("DSAPrivateKey has fields after x"));
    }
    Ok(with_params(Some(&params), x))
}

fn with_params(params: Option<&DssParms>, x: &[u8]) -> PrivateKey {
    match params {
        Some(params) => match public_value(params, x) {
            Ok(y) => PrivateKey {
                key_type: format!("DSA-{}", bit_length(&params.p)),
                public: Some(PublicKeyId::Dsa { y }),
                note: None,
            },
            Err(e) => PrivateKey { key_type: format!("DSA-{}", bit_length(&params.p)), public: None, note: Some(e.to_string()) },
        },
        None => PrivateKey {
            key_type: "DSA".into(),
            public: None,
            note: Some(
                "This DSA key inherits its domain parameters (p, q, g) from elsewhere, so its public value cannot be computed and it cannot be matched here.".into(),
            ),
        },
    }
}

/// y = g^x mod p, big-endian without leading zeros.
pub fn public_value(params: &DssParms, x: &[u8]) -> Result<Vec<u8>> {
    if bit_length(&params.p) > MAX_DSA_PRIME_BITS {
        return Err(Error::TooLarge {
            what: "DSA prime p (bits)".into(),
            limit: MAX_DSA_PRIME_BITS as u64,
        });
    }
    if params.p.is_empty() || x.len() > params.p.len() {
        return Err(Error::malformed(
            "DSA parameters do not fit the private key",
        ));
    }
    let p = BigUint::from_bytes_be(&params.p);
    let y = BigUint::from_bytes_be(&params.g).modpow(&BigUint::from_bytes_be(x), &p);
    Ok(y.to_bytes_be())
}

/// `DSAPublicKey ::= INTEGER` (the subjectPublicKey of a DSA certificate).
pub fn from_public_key(
    octets: &[u8],
    params: Option<&Element<'_>>,
) -> Result<(String, PublicKeyId)> {
    let y_el = asn1::parse_exact(octets, Rules::Ber, "DSAPublicKey")?;
    let y = values::integer_magnitude(&y_el, "DSAPublicKey", "y")?;
    let key_type = match params {
        Some(e) if e.tag == tag::SEQUENCE => format!("DSA-{}", bit_length(&parse_dss_parms(e)?.p)),
        _ => "DSA".to_string(),
    };
    Ok((key_type, PublicKeyId::Dsa { y: y.to_vec() }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn y_is_g_to_the_x_mod_p_and_work_is_capped() {
        let params = DssParms {
            p: vec![23],
            q: vec![11],
            g: vec![4],
        };
        // 4^3 mod 23 = 64 mod 23 = 18
        assert_eq!(public_value(&params, &[3]).unwrap(), vec![18]);
        let huge = DssParms {
            p: vec![0xff; 513],
            q: vec![1],
            g: vec![2],
        };
        assert_eq!(public_value(&huge, &[3]).unwrap_err().code(), "too-large");
        let zero = DssParms {
            p: vec![],
            q: vec![1],
            g: vec![2],
        };
        assert_eq!(public_value(&zero, &[3]).unwrap_err().code(), "malformed");
    }
}
