//! `MacData` (RFC 7292 §4): password integrity mode. The MAC key comes from the PKCS#12 KDF
//! (Appendix B.2, ID 3) with the MAC's own digest, and the HMAC (RFC 2104) covers the
//! contents octets of the authSafe `data` OCTET STRING.
//!
//! PBMAC1 (RFC 9579 §3, RFC 8018 §7.1), written by OpenSSL 3.4+: the digestAlgorithm is
//! `id-PBMAC1` with `PBMAC1-params { keyDerivationFunc PBKDF2 (keyLength required),
//! messageAuthScheme hmacWithSHA* }`; the key is PBKDF2 over the UTF-8 password, and
//! MacData's own macSalt and iterations are ignored.
//!
//! ```text
//! MacData ::= SEQUENCE {
//!     mac        DigestInfo,             -- SEQUENCE { AlgorithmIdentifier, OCTET STRING }
//!     macSalt    OCTET STRING,
//!     iterations INTEGER DEFAULT 1 }
//! ```

use hmac::{Mac, SimpleHmac};
use sha1::digest::core_api::BlockSizeUser;
use sha1::digest::Digest;

use super::kdf::{self, KdfPurpose};
use super::password::Candidate;
use super::pbe::Prf;
use super::pbkdf2_params::{parse_key_derivation_func, Pbkdf2Params};
use crate::asn1::oid;
use crate::asn1::{tag, values, Element, Reader};
use crate::error::{Error, Result};

/// The MAC's digest (RFC 7292 §4 allows any; SHA-1 and SHA-2 are what tools write).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MacDigest {
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

impl MacDigest {
    fn from_oid(o: &str) -> Result<MacDigest> {
        Ok(match o {
            oid::SHA1 => MacDigest::Sha1,
            oid::SHA224 => MacDigest::Sha224,
            oid::SHA256 => MacDigest::Sha256,
            oid::SHA384 => MacDigest::Sha384,
            oid::SHA512 => MacDigest::Sha512,
            other => return Err(oid::unsupported(other)),
        })
    }

    pub fn output_len(self) -> usize {
        self.as_prf().output_len()
    }

    fn as_prf(self) -> Prf {
        match self {
            MacDigest::Sha1 => Prf::HmacSha1,
            MacDigest::Sha224 => Prf::HmacSha224,
            MacDigest::Sha256 => Prf::HmacSha256,
            MacDigest::Sha384 => Prf::HmacSha384,
            MacDigest::Sha512 => Prf::HmacSha512,
        }
    }

    /// The contract's `pkcs12.mac` value.
    pub fn contract_name(self) -> &'static str {
        match self {
            MacDigest::Sha1 => "hmac-sha1",
            MacDigest::Sha224 => "hmac-sha224",
            MacDigest::Sha256 => "hmac-sha256",
            MacDigest::Sha384 => "hmac-sha384",
            MacDigest::Sha512 => "hmac-sha512",
        }
    }
}

/// How the MAC key is derived and which HMAC is used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MacAlgorithm {
    /// RFC 7292 Appendix B: PKCS#12 KDF and HMAC with the same digest.
    Pkcs12Kdf(MacDigest),
    /// RFC 9579: PBKDF2 (`kdf_prf`, `salt`, `iterations`, `key_length`) then HMAC with `hmac`.
    Pbmac1 {
        kdf_prf: Prf,
        salt: Vec<u8>,
        iterations: u64,
        key_length: usize,
        hmac: Prf,
    },
}

/// A parsed `MacData`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MacData {
    pub algorithm: MacAlgorithm,
    pub mac: Vec<u8>,
    /// MacData's macSalt (unused by PBMAC1).
    pub salt: Vec<u8>,
    /// MacData's iterations (unused by PBMAC1).
    pub iterations: u64,
}

impl MacData {
    pub fn parse(e: &Element<'_>) -> Result<MacData> {
        let mut r = Reader::children(e, "MacData")?;
        let digest_info = r.sequence("DigestInfo")?;
        let mut d = Reader::children(&digest_info, "DigestInfo")?;
        let alg = d.sequence("digestAlgorithm")?;
        let mut a = Reader::children(&alg, "digestAlgorithm")?;
        let alg_oid = a.oid("algorithm")?;
        let algorithm = if alg_oid == oid::PBMAC1 {
            parse_pbmac1_params(&a.sequence("PBMAC1-params")?)?
        } else {
            MacAlgorithm::Pkcs12Kdf(MacDigest::from_oid(&alg_oid)?)
        };
        let mac = d.octet_string("digest")?.into_owned();
        let salt = r.octet_string("macSalt")?.into_owned();
        let iterations = match r.optional(tag::INTEGER)? {
            Some(i) => values::small_integer(&i, "MacData", "iterations")?,
            None => 1,
        };
        let expected_len = match &algorithm {
            MacAlgorithm::Pkcs12Kdf(d) => {
                kdf::check_iterations(iterations, "MAC")?;
                d.output_len()
            }
            MacAlgorithm::Pbmac1 { hmac, .. } => hmac.output_len(),
        };
        if mac.len() != expected_len {
            return Err(Error::malformed(format!(
                "MacData: a MAC of {} bytes where the algorithm gives {expected_len}",
                mac.len()
            )));
        }
        Ok(MacData {
            algorithm,
            mac,
            salt,
            iterations,
        })
    }

    /// The contract's `pkcs12.mac` value.
    pub fn contract_name(&self) -> &'static str {
        match &self.algorithm {
            MacAlgorithm::Pkcs12Kdf(d) => d.contract_name(),
            MacAlgorithm::Pbmac1 { .. } => "pbmac1",
        }
    }

    /// The iteration count of the key derivation that is actually run.
    pub fn effective_iterations(&self) -> u64 {
        match &self.algorithm {
            MacAlgorithm::Pkcs12Kdf(_) => self.iterations,
            MacAlgorithm::Pbmac1 { iterations, .. } => *iterations,
        }
    }

    /// True when the HMAC over `data` with `password` equals the stored MAC.
    pub fn verify(&self, password: &Candidate, data: &[u8]) -> Result<bool> {
        let key = match &self.algorithm {
            MacAlgorithm::Pkcs12Kdf(d) => {
                let len = d.output_len();
                let (pw, salt, it, id) = (
                    &password.bmp,
                    &self.salt,
                    self.iterations,
                    KdfPurpose::MacKey,
                );
                match d {
                    MacDigest::Sha1 => kdf::derive::<sha1::Sha1>(pw, salt, it, id, len)?,
                    MacDigest::Sha224 => kdf::derive::<sha2::Sha224>(pw, salt, it, id, len)?,
                    MacDigest::Sha256 => kdf::derive::<sha2::Sha256>(pw, salt, it, id, len)?,
                    MacDigest::Sha384 => kdf::derive::<sha2::Sha384>(pw, salt, it, id, len)?,
                    MacDigest::Sha512 => kdf::derive::<sha2::Sha512>(pw, salt, it, id, len)?,
                }
            }
            MacAlgorithm::Pbmac1 {
                kdf_prf,
                salt,
                iterations,
                key_length,
                ..
            } => {
                let mut key = vec![0u8; *key_length];
                kdf_prf.pbkdf2(&password.utf8, salt, *iterations, &mut key)?;
                key
            }
        };
        let hmac = match &self.algorithm {
            MacAlgorithm::Pkcs12Kdf(d) => d.as_prf(),
            MacAlgorithm::Pbmac1 { hmac, .. } => *hmac,
        };
        Ok(match hmac {
            Prf::HmacSha1 => hmac_matches::<sha1::Sha1>(&key, data, &self.mac)?,
            Prf::HmacSha224 => hmac_matches::<sha2::Sha224>(&key, data, &self.mac)?,
            Prf::HmacSha256 => hmac_matches::<sha2::Sha256>(&key, data, &self.mac)?,
            Prf::HmacSha384 => hmac_matches::<sha2::Sha384>(&key, data, &self.mac)?,
            Prf::HmacSha512 => hmac_matches::<sha2::Sha512>(&key, data, &self.mac)?,
        })
    }
}

fn hmac_matches<D: Digest + BlockSizeUser>(
    key: &[u8],
    data: &[u8],
    expected: &[u8],
) -> Result<bool> {
    let mut mac =
        <SimpleHmac<D> as Mac>::new_from_slice(key).map_err(|_| Error::malformed("MAC key"))?;
    mac.update(data);
    Ok(mac.verify_slice(expected).is_ok())
}

/// RFC 9579 §3 / RFC 8018 A.5: `PBMAC1-params ::= SEQUENCE { keyDerivationFunc, messageAuthScheme }`.
fn parse_pbmac1_params(params: &Element<'_>) -> Result<MacAlgorithm> {
    let mut r = Reader::children(params, "PBMAC1-params")?;
    let kdf_alg = r.sequence("keyDerivationFunc")?;
    let Pbkdf2Params {
        salt,
        iterations,
        key_length,
        prf: kdf_prf,
    } = parse_key_derivation_func(&kdf_alg)?;
    kdf::check_iterations(iterations, "PBMAC1")?;
    let Some(key_length) = key_length else {
        return Err(Error::malformed(
            "PBMAC1: PBKDF2 keyLength is missing (RFC 9579 requires it)",
        ));
    };
    // RFC 9579 §6 / OpenSSL: a MAC key shorter than 20 bytes is refused.
    if !(20..=64).contains(&key_length) {
        return Err(Error::malformed(format!(
            "PBMAC1: PBKDF2 keyLength {key_length} (20 to 64 bytes accepted)"
        )));
    }
    let mac_alg = r.sequence("messageAuthScheme")?;
    let hmac = Prf::from_oid(
        &Reader::children(&mac_alg, "messageAuthScheme")?.oid("messageAuthScheme algorithm")?,
    )?;
    Ok(MacAlgorithm::Pbmac1 {
        kdf_prf,
        salt,
        iterations,
        key_length: key_length as usize,
        hmac,
    })
}
