//! Password-based encryption schemes found in PKCS#12 files and encrypted PKCS#8 keys:
//! the PKCS#12 PBE algorithms of RFC 7292 Appendix C (pbeWithSHAAnd40BitRC2-CBC,
//! 128BitRC2, 3-key and 2-key triple DES; key and IV from the Appendix B KDF with SHA-1), and
//! PBES2 of RFC 8018 §6.2 with PBKDF2 (§5.2; HMAC-SHA1/224/256/384/512, RFC 8018 Appendix B.1)
//! and AES-128/192/256-CBC (RFC 8018 B.2.5 / RFC 3565) or DES-EDE3-CBC (B.2.2).

use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{self, BlockDecryptMut, InnerIvInit, KeyIvInit};

use super::kdf::{self, KdfPurpose};
use super::password::Candidate;
use super::pbkdf2_params::{parse_key_derivation_func, Pbkdf2Params};
use crate::asn1::oid;
use crate::asn1::{Element, Reader};
use crate::error::{Error, Result};

/// The four PKCS#12 PBE ciphers we decrypt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pkcs12Cipher {
    Rc2With40BitKey,
    Rc2With128BitKey,
    TripleDes3Key,
    TripleDes2Key,
}

/// PBKDF2 pseudo-random function (RFC 8018 Appendix B.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prf {
    HmacSha1,
    HmacSha224,
    HmacSha256,
    HmacSha384,
    HmacSha512,
}

/// PBES2 encryption scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pbes2Cipher {
    Aes128Cbc,
    Aes192Cbc,
    Aes256Cbc,
    DesEde3Cbc,
}

/// A parsed encryption AlgorithmIdentifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EncryptionScheme {
    Pkcs12Pbe {
        cipher: Pkcs12Cipher,
        salt: Vec<u8>,
        iterations: u64,
    },
    Pbes2 {
        prf: Prf,
        salt: Vec<u8>,
        iterations: u64,
        key_length: Option<usize>,
        cipher: Pbes2Cipher,
        iv: Vec<u8>,
    },
}

impl Pbes2Cipher {
    fn key_len(self) -> usize {
        match self {
            Pbes2Cipher::Aes128Cbc => 16,
            Pbes2Cipher::Aes192Cbc | Pbes2Cipher::DesEde3Cbc => 24,
            Pbes2Cipher::Aes256Cbc => 32,
        }
    }
    fn iv_len(self) -> usize {
        match self {
            Pbes2Cipher::DesEde3Cbc => 8,
            _ => 16,
        }
    }
    fn name(self) -> &'static str {
        match self {
            Pbes2Cipher::Aes128Cbc => "AES-128-CBC",
            Pbes2Cipher::Aes192Cbc => "AES-192-CBC",
            Pbes2Cipher::Aes256Cbc => "AES-256-CBC",
            Pbes2Cipher::DesEde3Cbc => "DES-EDE3-CBC",
        }
    }
}

impl Prf {
    pub fn name(self) -> &'static str {
        match self {
            Prf::HmacSha1 => "hmacWithSHA1",
            Prf::HmacSha224 => "hmacWithSHA224",
            Prf::HmacSha256 => "hmacWithSHA256",
            Prf::HmacSha384 => "hmacWithSHA384",
            Prf::HmacSha512 => "hmacWithSHA512",
        }
    }

    pub fn from_oid(o: &str) -> Result<Prf> {
        Ok(match o {
            oid::HMAC_SHA1 => Prf::HmacSha1,
            oid::HMAC_SHA224 => Prf::HmacSha224,
            oid::HMAC_SHA256 => Prf::HmacSha256,
            oid::HMAC_SHA384 => Prf::HmacSha384,
            oid::HMAC_SHA512 => Prf::HmacSha512,
            other => return Err(oid::unsupported(other)),
        })
    }

    /// HMAC output length in bytes.
    pub fn output_len(self) -> usize {
        match self {
            Prf::HmacSha1 => 20,
            Prf::HmacSha224 => 28,
            Prf::HmacSha256 => 32,
            Prf::HmacSha384 => 48,
            Prf::HmacSha512 => 64,
        }
    }

    /// PBKDF2 (RFC 8018 §5.2) with this PRF, via the RustCrypto `pbkdf2` crate.
    pub fn pbkdf2(
        self,
        password: &[u8],
        salt: &[u8],
        iterations: u64,
        out: &mut [u8],
    ) -> Result<()> {
        kdf::check_iterations(iterations, "PBKDF2")?;
        let rounds =
            u32::try_from(iterations).map_err(|_| Error::malformed("PBKDF2 iteration count"))?;
        match self {
            Prf::HmacSha1 => pbkdf2::pbkdf2_hmac::<sha1::Sha1>(password, salt, rounds, out),
            Prf::HmacSha224 => pbkdf2::pbkdf2_hmac::<sha2::Sha224>(password, salt, rounds, out),
            Prf::HmacSha256 => pbkdf2::pbkdf2_hmac::<sha2::Sha256>(password, salt, rounds, out),
            Prf::HmacSha384 => pbkdf2::pbkdf2_hmac::<sha2::Sha384>(password, salt, rounds, out),
            Prf::HmacSha512 => pbkdf2::pbkdf2_hmac::<sha2::Sha512>(password, salt, rounds, out),
        }
        Ok(())
    }
}

impl EncryptionScheme {
    /// Parses `AlgorithmIdentifier` (a SEQUENCE element) of an encryption scheme.
    pub fn parse(alg: &Element<'_>) -> Result<EncryptionScheme> {
        let mut r = Reader::children(alg, "encryption AlgorithmIdentifier")?;
        let algorithm = r.oid("algorithm")?;
        let cipher = match algorithm.as_str() {
            oid::PBE_SHA1_RC2_40 => Some(Pkcs12Cipher::Rc2With40BitKey),
            oid::PBE_SHA1_RC2_128 => Some(Pkcs12Cipher::Rc2With128BitKey),
            oid::PBE_SHA1_3DES_3KEY => Some(Pkcs12Cipher::TripleDes3Key),
            oid::PBE_SHA1_3DES_2KEY => Some(Pkcs12Cipher::TripleDes2Key),
            oid::PBES2 => None,
            other => return Err(oid::unsupported(other)),
        };
        if let Some(cipher) = cipher {
            // RFC 7292 Appendix C: pkcs-12PbeParams ::= SEQUENCE { salt OCTET STRING, iterations INTEGER }
            let params = r.sequence("pkcs-12PbeParams")?;
            let mut p = Reader::children(&params, "pkcs-12PbeParams")?;
            let salt = p.octet_string("salt")?.into_owned();
            let iterations = p.small_integer("iterations")?;
            return Ok(EncryptionScheme::Pkcs12Pbe {
                cipher,
                salt,
                iterations,
            });
        }
        // RFC 8018 A.4: PBES2-params ::= SEQUENCE { keyDerivationFunc, encryptionScheme }
        let params = r.sequence("PBES2-params")?;
        let mut p = Reader::children(&params, "PBES2-params")?;
        let kdf_alg = p.sequence("keyDerivationFunc")?;
        let Pbkdf2Params {
            salt,
            iterations,
            key_length,
            prf,
        } = parse_key_derivation_func(&kdf_alg)?;
        let key_length = match key_length {
            Some(len) => {
                Some(usize::try_from(len).map_err(|_| Error::malformed("PBKDF2 keyLength"))?)
            }
            None => None,
        };
        let enc = p.sequence("encryptionScheme")?;
        let mut er = Reader::children(&enc, "encryptionScheme")?;
        let enc_oid = er.oid("encryptionScheme algorithm")?;
        let cipher = match enc_oid.as_str() {
            oid::AES_128_CBC => Pbes2Cipher::Aes128Cbc,
            oid::AES_192_CBC => Pbes2Cipher::Aes192Cbc,
            oid::AES_256_CBC => Pbes2Cipher::Aes256Cbc,
            oid::DES_EDE3_CBC => Pbes2Cipher::DesEde3Cbc,
            other => return Err(oid::unsupported(other)),
        };
        let iv = er.octet_string("IV")?.into_owned();
        if iv.len() != cipher.iv_len() {
            return Err(Error::malformed(format!(
                "{}: IV of {} bytes",
                cipher.name(),
                iv.len()
            )));
        }
        if let Some(len) = key_length {
            if len != cipher.key_len() {
                return Err(Error::malformed(format!(
                    "PBES2: keyLength {len} does not fit {}",
                    cipher.name()
                )));
            }
        }
        Ok(EncryptionScheme::Pbes2 {
            prf,
            salt,
            iterations,
            key_length,
            cipher,
            iv,
        })
    }

    /// The name shown in `pkcs12.encryption`.
    pub fn label(&self) -> String {
        match self {
            EncryptionScheme::Pkcs12Pbe { cipher, .. } => match cipher {
                Pkcs12Cipher::Rc2With40BitKey => "pbeWithSHA1And40BitRC2-CBC",
                Pkcs12Cipher::Rc2With128BitKey => "pbeWithSHA1And128BitRC2-CBC",
                Pkcs12Cipher::TripleDes3Key => "pbeWithSHA1And3-KeyTripleDES-CBC",
                Pkcs12Cipher::TripleDes2Key => "pbeWithSHA1And2-KeyTripleDES-CBC",
            }
            .to_string(),
            EncryptionScheme::Pbes2 { prf, cipher, .. } => {
                format!("PBES2 PBKDF2 {} {}", prf.name(), cipher.name())
            }
        }
    }

    /// The password octets this scheme's KDF takes: the BMPString form for PKCS#12 PBE,
    /// the UTF-8 form for PBES2.
    pub fn password_input<'c>(&self, c: &'c Candidate) -> &'c [u8] {
        match self {
            EncryptionScheme::Pkcs12Pbe { .. } => &c.bmp,
            EncryptionScheme::Pbes2 { .. } => &c.utf8,
        }
    }

    /// The candidates worth trying with this scheme, in order: for PBES2 the two empty forms
    /// are the same zero-length input, so the second is skipped (each try is a full KDF run).
    pub fn distinct_candidates<'c>(&self, candidates: &'c [Candidate]) -> Vec<&'c Candidate> {
        let mut out: Vec<&Candidate> = Vec::with_capacity(candidates.len());
        for c in candidates {
            if !out
                .iter()
                .any(|seen| self.password_input(seen) == self.password_input(c))
            {
                out.push(c);
            }
        }
        out
    }

    pub fn iterations(&self) -> u64 {
        match self {
            EncryptionScheme::Pkcs12Pbe { iterations, .. }
            | EncryptionScheme::Pbes2 { iterations, .. } => *iterations,
        }
    }

    /// Iterations one decryption attempt costs, to charge a [`super::kdf::KdfBudget`]
    /// (the PKCS#12 PBE schemes derive the key and the IV apart).
    pub fn derivation_work(&self) -> u64 {
        match self {
            EncryptionScheme::Pkcs12Pbe { iterations, .. }
                if *iterations <= crate::limits::MAX_KDF_ITERATIONS =>
            {
                iterations.saturating_mul(2)
            }
            _ => self.iterations(),
        }
    }

    /// Decrypts `ciphertext` with `password`. `Ok(None)` means the padding did not check out,
    /// which is what a wrong password looks like; `Err` is a structural problem.
    pub fn decrypt(&self, password: &Candidate, ciphertext: &[u8]) -> Result<Option<Vec<u8>>> {
        let block = match self {
            EncryptionScheme::Pbes2 {
                cipher: Pbes2Cipher::Aes128Cbc | Pbes2Cipher::Aes192Cbc | Pbes2Cipher::Aes256Cbc,
                ..
            } => 16,
            _ => 8,
        };
        if ciphertext.is_empty() || !ciphertext.len().is_multiple_of(block) {
            return Err(Error::malformed(format!(
                "encrypted content of {} bytes is not a whole number of {block}-byte cipher blocks",
                ciphertext.len()
            )));
        }
        let mut buf = ciphertext.to_vec();
        let plain_len = match self {
            EncryptionScheme::Pkcs12Pbe {
                cipher,
                salt,
                iterations,
            } => {
                let key_len = match cipher {
                    Pkcs12Cipher::Rc2With40BitKey => 5,
                    Pkcs12Cipher::Rc2With128BitKey | Pkcs12Cipher::TripleDes2Key => 16,
                    Pkcs12Cipher::TripleDes3Key => 24,
                };
                let key = kdf::derive::<sha1::Sha1>(
                    &password.bmp,
                    salt,
                    *iterations,
                    KdfPurpose::EncryptionKey,
                    key_len,
                )?;
                let iv =
                    kdf::derive::<sha1::Sha1>(&password.bmp, salt, *iterations, KdfPurpose::Iv, 8)?;
                match cipher {
                    Pkcs12Cipher::Rc2With40BitKey | Pkcs12Cipher::Rc2With128BitKey => {
                        let rc2 = rc2::Rc2::new_with_eff_key_len(&key, key_len * 8);
                        let dec = cbc::Decryptor::<rc2::Rc2>::inner_iv_slice_init(rc2, &iv)
                            .map_err(|_| Error::malformed("RC2 IV"))?;
                        dec.decrypt_padded_mut::<Pkcs7>(&mut buf)
                            .ok()
                            .map(<[u8]>::len)
                    }
                    Pkcs12Cipher::TripleDes3Key => {
                        cbc_decrypt::<des::TdesEde3>(&key, &iv, &mut buf)?
                    }
                    Pkcs12Cipher::TripleDes2Key => {
                        cbc_decrypt::<des::TdesEde2>(&key, &iv, &mut buf)?
                    }
                }
            }
            EncryptionScheme::Pbes2 {
                prf,
                salt,
                iterations,
                cipher,
                iv,
                ..
            } => {
                let mut key = vec![0u8; cipher.key_len()];
                prf.pbkdf2(&password.utf8, salt, *iterations, &mut key)?;
                match cipher {
                    Pbes2Cipher::Aes128Cbc => cbc_decrypt::<aes::Aes128>(&key, iv, &mut buf)?,
                    Pbes2Cipher::Aes192Cbc => cbc_decrypt::<aes::Aes192>(&key, iv, &mut buf)?,
                    Pbes2Cipher::Aes256Cbc => cbc_decrypt::<aes::Aes256>(&key, iv, &mut buf)?,
                    Pbes2Cipher::DesEde3Cbc => cbc_decrypt::<des::TdesEde3>(&key, iv, &mut buf)?,
                }
            }
        };
        Ok(plain_len.map(|n| {
            buf.truncate(n);
            buf
        }))
    }
}

/// CBC decryption with PKCS#7 padding; `None` when the padding is wrong.
fn cbc_decrypt<C>(key: &[u8], iv: &[u8], buf: &mut [u8]) -> Result<Option<usize>>
where
    C: cipher::BlockDecryptMut + cipher::BlockCipher + cipher::KeyInit,
{
    let dec = cbc::Decryptor::<C>::new_from_slices(key, iv)
        .map_err(|_| Error::malformed("cipher key or IV length"))?;
    Ok(dec.decrypt_padded_mut::<Pkcs7>(buf).ok().map(<[u8]>::len))
}
