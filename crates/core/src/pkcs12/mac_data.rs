//! `MacData` (RFC 7292 §4): password integrity mode. The MAC key comes from the PKCS#12 KDF
//! (Appendix B.2, ID 3) with the MAC's own digest, and the HMAC (RFC 2104) covers the
//! contents octets of the authSafe `data` OCTET STRING.
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
use super::oid;
use super::password::Candidate;
use crate::ber::{Element, Reader, TAG_INTEGER};
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

/// A parsed `MacData`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MacData {
    pub digest: MacDigest,
    pub mac: Vec<u8>,
    pub salt: Vec<u8>,
    pub iterations: u64,
}

impl MacData {
    pub fn parse(e: &Element<'_>) -> Result<MacData> {
        let mut r = Reader::children(e, "MacData")?;
        let digest_info = r.sequence("DigestInfo")?;
        let mut d = Reader::children(&digest_info, "DigestInfo")?;
        let alg = d.sequence("digestAlgorithm")?;
        let alg_oid = Reader::children(&alg, "digestAlgorithm")?.oid("algorithm")?;
        if alg_oid == oid::PBMAC1 {
            return Err(oid::unsupported(oid::PBMAC1));
        }
        let digest = MacDigest::from_oid(&alg_oid)?;
        let mac = d.octet_string("digest")?.into_owned();
        let salt = r.octet_string("macSalt")?.into_owned();
        let iterations = match r.optional(TAG_INTEGER)? {
            Some(i) => crate::ber::small_integer(&i, "MacData", "iterations")?,
            None => 1,
        };
        kdf::check_iterations(iterations, "MAC")?;
        Ok(MacData { digest, mac, salt, iterations })
    }

    /// True when the HMAC over `data` with `password` equals the stored MAC.
    pub fn verify(&self, password: &Candidate, data: &[u8]) -> Result<bool> {
        match self.digest {
            MacDigest::Sha1 => self.verify_with::<sha1::Sha1>(password, data),
            MacDigest::Sha224 => self.verify_with::<sha2::Sha224>(password, data),
            MacDigest::Sha256 => self.verify_with::<sha2::Sha256>(password, data),
            MacDigest::Sha384 => self.verify_with::<sha2::Sha384>(password, data),
            MacDigest::Sha512 => self.verify_with::<sha2::Sha512>(password, data),
        }
    }

    fn verify_with<D: Digest + BlockSizeUser>(&self, password: &Candidate, data: &[u8]) -> Result<bool> {
        let key_len = <D as Digest>::output_size();
        let key = kdf::derive::<D>(&password.bmp, &self.salt, self.iterations, KdfPurpose::MacKey, key_len)?;
        let mut mac = <SimpleHmac<D> as Mac>::new_from_slice(&key).map_err(|_| Error::malformed("MAC key"))?;
        mac.update(data);
        Ok(mac.verify_slice(&self.mac).is_ok())
    }
}
