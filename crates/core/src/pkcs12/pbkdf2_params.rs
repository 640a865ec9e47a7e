//! The PBKDF2 `keyDerivationFunc` AlgorithmIdentifier (RFC 8018 A.2), read the same way for
//! PBES2 encryption (RFC 8018 A.4, [`super::pbe`]) and PBMAC1 integrity (RFC 9579 §3 /
//! RFC 8018 A.5, [`super::mac_data`]).
//!
//! ```text
//! PBKDF2-params ::= SEQUENCE {
//!     salt           CHOICE { specified OCTET STRING, otherSource AlgorithmIdentifier },
//!     iterationCount INTEGER (1..MAX),
//!     keyLength      INTEGER (1..MAX) OPTIONAL,
//!     prf            AlgorithmIdentifier DEFAULT algid-hmacWithSHA1 }
//! ```

use super::pbe::Prf;
use crate::asn1::{oid, tag, values, Element, Reader};
use crate::error::Result;

/// What a PBKDF2 `keyDerivationFunc` says. Limits (iterations, key length) are the caller's:
/// PBES2 and PBMAC1 check them differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pbkdf2Params {
    pub salt: Vec<u8>,
    pub iterations: u64,
    pub key_length: Option<u64>,
    pub prf: Prf,
}

/// Reads `keyDerivationFunc` (an AlgorithmIdentifier that must name PBKDF2).
pub fn parse_key_derivation_func(kdf_alg: &Element<'_>) -> Result<Pbkdf2Params> {
    let mut k = Reader::children(kdf_alg, "keyDerivationFunc")?;
    let kdf_oid = k.oid("keyDerivationFunc algorithm")?;
    if kdf_oid != oid::PBKDF2 {
        return Err(oid::unsupported(&kdf_oid));
    }
    let p = k.sequence("PBKDF2-params")?;
    let mut kr = Reader::children(&p, "PBKDF2-params")?;
    let salt = kr.octet_string("salt")?.into_owned();
    let iterations = kr.small_integer("iterationCount")?;
    let key_length = match kr.optional(tag::INTEGER)? {
        Some(e) => Some(values::small_integer(&e, "PBKDF2-params", "keyLength")?),
        None => None,
    };
    let prf = match kr.optional(tag::SEQUENCE)? {
        Some(prf_alg) => Prf::from_oid(&Reader::children(&prf_alg, "prf")?.oid("prf algorithm")?)?,
        None => Prf::HmacSha1,
    };
    Ok(Pbkdf2Params {
        salt,
        iterations,
        key_length,
        prf,
    })
}
