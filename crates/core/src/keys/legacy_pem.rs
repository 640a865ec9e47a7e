//! OpenSSL's "traditional" encrypted PEM keys (RFC 1421 headers `Proc-Type: 4,ENCRYPTED` and
//! `DEK-Info: <cipher>,<IV hex>` over an `RSA PRIVATE KEY`, `EC PRIVATE KEY` or `DSA PRIVATE
//! KEY` block), as `openssl genrsa -aes256`, `openssl rsa -des3 -traditional` and many appliance
//! exports write them.
//!
//! The key is OpenSSL's `EVP_BytesToKey` with MD5 and one iteration (OpenSSL
//! `PEM_do_header`): `D_1 = MD5(pass || salt)`, `D_i = MD5(D_{i-1} || pass || salt)`, their
//! concatenation cut to the cipher's key length; the salt is the first 8 bytes of the IV. The
//! body is CBC with PKCS#7 padding. Ciphers read: AES-128/192/256-CBC and DES-EDE3-CBC.
//!
//! Nothing authenticates the body: a wrong pass phrase shows as bad padding (255 times in 256),
//! damage within the body as a key that does not parse after good padding. The first is
//! `wrong-password`, the second "wrong password or damaged" (a wrong pass phrase can still,
//! rarely, leave good padding).

use md5::{Digest, Md5};

use super::{dsa, ec, rsa, PrivateKey};
use crate::error::{Error, Result};
use crate::pkcs12::kdf::KdfBudget;
use crate::pkcs12::password;
use crate::x509::pem::PemBlock;

/// The block's `Proc-Type` says it is encrypted.
pub fn is_encrypted(block: &PemBlock) -> bool {
    block
        .headers
        .iter()
        .any(|(name, value)| name.eq_ignore_ascii_case("Proc-Type") && value.contains("ENCRYPTED"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cipher {
    Aes128,
    Aes192,
    Aes256,
    DesEde3,
}

impl Cipher {
    fn key_len(self) -> usize {
        match self {
            Cipher::Aes128 => 16,
            Cipher::Aes192 | Cipher::DesEde3 => 24,
            Cipher::Aes256 => 32,
        }
    }

    fn block_len(self) -> usize {
        match self {
            Cipher::DesEde3 => 8,
            _ => 16,
        }
    }
}

/// `EVP_BytesToKey(cipher, MD5, salt, pass, count = 1)`: the key bytes.
fn bytes_to_key(pass: &[u8], salt: &[u8], key_len: usize) -> Vec<u8> {
    let mut key = Vec::with_capacity(key_len + 16);
    let mut previous: Option<[u8; 16]> = None;
    while key.len() < key_len {
        let mut md5 = Md5::new();
        if let Some(d) = previous {
            md5.update(d);
        }
        md5.update(pass);
        md5.update(salt);
        let d: [u8; 16] = md5.finalize().into();
        key.extend_from_slice(&d);
        previous = Some(d);
    }
    key.truncate(key_len);
    key
}

/// The cipher and IV of the `DEK-Info` header.
fn dek_info(block: &PemBlock) -> Result<(Cipher, Vec<u8>)> {
    let value = block
        .headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("DEK-Info"))
        .map(|(_, value)| value.as_str())
        .ok_or_else(|| {
            Error::malformed(
                "the encrypted PEM key has Proc-Type: 4,ENCRYPTED but no DEK-Info line",
            )
        })?;
    let (name, iv_hex) = value.split_once(',').ok_or_else(|| {
        Error::malformed("the DEK-Info line of the encrypted PEM key has no IV after its cipher")
    })?;
    let name = name.trim();
    let cipher = match name.to_ascii_uppercase().as_str() {
        "AES-128-CBC" => Cipher::Aes128,
        "AES-192-CBC" => Cipher::Aes192,
        "AES-256-CBC" => Cipher::Aes256,
        "DES-EDE3-CBC" => Cipher::DesEde3,
        _ => {
            return Err(Error::UnsupportedAlgorithm {
                oid: format!("DEK-Info: {name}"),
                name: Some(format!(
                    "OpenSSL's traditional PEM encryption with {name} (AES-128/192/256-CBC and DES-EDE3-CBC are read); convert with `openssl pkcs8 -topk8`"
                )),
            })
        }
    };
    let iv = crate::hex::decode(iv_hex.trim()).ok_or_else(|| {
        Error::malformed("the IV of the DEK-Info line of the encrypted PEM key is not hexadecimal")
    })?;
    if iv.len() != cipher.block_len() {
        return Err(Error::malformed(format!(
            "the IV of the DEK-Info line of the encrypted PEM key has {} bytes, {name} needs {}",
            iv.len(),
            cipher.block_len()
        )));
    }
    Ok((cipher, iv))
}

/// CBC decryption of `body`: with PKCS#7 padding checked and removed (`None` when it is wrong),
/// or with `padded` false, every byte as it decrypts.
fn decrypt(
    cipher: Cipher,
    key: &[u8],
    iv: &[u8],
    body: &[u8],
    padded: bool,
) -> Result<Option<Vec<u8>>> {
    use cbc::cipher::block_padding::{NoPadding, Pkcs7};
    use cbc::cipher::{BlockDecryptMut, KeyIvInit};
    fn run<C>(key: &[u8], iv: &[u8], buf: &mut [u8], padded: bool) -> Result<Option<usize>>
    where
        C: cbc::cipher::BlockDecryptMut + cbc::cipher::BlockCipher + cbc::cipher::KeyInit,
    {
        let dec = cbc::Decryptor::<C>::new_from_slices(key, iv)
            .map_err(|_| Error::malformed("cipher key or IV length"))?;
        Ok(if padded {
            dec.decrypt_padded_mut::<Pkcs7>(buf).ok().map(<[u8]>::len)
        } else {
            dec.decrypt_padded_mut::<NoPadding>(buf)
                .ok()
                .map(<[u8]>::len)
        })
    }
    let mut buf = body.to_vec();
    let len = match cipher {
        Cipher::Aes128 => run::<aes::Aes128>(key, iv, &mut buf, padded)?,
        Cipher::Aes192 => run::<aes::Aes192>(key, iv, &mut buf, padded)?,
        Cipher::Aes256 => run::<aes::Aes256>(key, iv, &mut buf, padded)?,
        Cipher::DesEde3 => run::<des::TdesEde3>(key, iv, &mut buf, padded)?,
    };
    Ok(len.map(|n| {
        buf.truncate(n);
        buf
    }))
}

/// The size the decrypted key announces, when its first block is the header of a DER
/// SEQUENCE in the long form (`30 82 LL LL`, as every RSA/EC/DSA key file starts) announcing
/// more than `body_len` bytes: the key was cut at a block boundary, the pass phrase is right.
fn announced_size_beyond(first_block: &[u8], body_len: usize) -> Option<usize> {
    match first_block {
        [0x30, 0x81, len, ..] => Some(3 + usize::from(*len)),
        [0x30, 0x82, hi, lo, ..] => Some(4 + (usize::from(*hi) << 8 | usize::from(*lo))),
        _ => None,
    }
    .filter(|size| *size > body_len)
}

/// The key of the block's label (`RSA PRIVATE KEY`, ...) from its decrypted DER.
fn parse(label: &str, der: &[u8]) -> Result<PrivateKey> {
    match label {
        "RSA PRIVATE KEY" => rsa::from_rsa_private_key(der),
        "EC PRIVATE KEY" => ec::from_ec_private_key(der, None),
        "DSA PRIVATE KEY" => dsa::from_traditional(der),
        // `PRIVATE KEY` with these headers: PKCS#8 inside.
        _ => super::pkcs8::parse_private_key_info(der),
    }
}

/// Decrypts the traditional encrypted PEM `block` with each candidate pass phrase (the
/// empty one first, then the given ones) and reads the key.
pub fn decrypt_block(
    block: &PemBlock,
    passwords: &[String],
    budget: &mut KdfBudget,
) -> Result<PrivateKey> {
    let body = block.der.as_ref().map_err(Clone::clone)?;
    let (cipher, iv) = dek_info(block)?;
    if body.is_empty() || body.len() % cipher.block_len() != 0 {
        return Err(Error::truncated(format!(
            "the encrypted PEM key's body has {} bytes, not a whole number of {}-byte cipher blocks",
            body.len(),
            cipher.block_len()
        )));
    }
    let salt = &iv[..8];
    let mut candidates: Vec<&[u8]> = vec![b""];
    for p in passwords {
        if !p.is_empty() && !candidates.contains(&p.as_bytes()) {
            candidates.push(p.as_bytes());
        }
    }
    let mut padding_passed = false;
    let mut cut_short = None;
    for pass in candidates {
        // One MD5 derivation per try: cheap, but counted like any other key derivation.
        budget.charge(1)?;
        let key = bytes_to_key(pass, salt, cipher.key_len());
        if let Some(plain) = decrypt(cipher, &key, &iv, body, true)? {
            match parse(&block.label, &plain) {
                Ok(key) => return Ok(key),
                Err(_) => padding_passed = true,
            }
        } else if let Some(first) = decrypt(cipher, &key, &iv, &body[..cipher.block_len()], false)?
        {
            cut_short = cut_short.or(announced_size_beyond(&first, body.len()));
        }
    }
    if let Some(announced) = cut_short {
        return Err(Error::truncated(format!(
            "the encrypted PEM key decrypts to the start of a key of about {announced} bytes, but its body has only {} bytes (lines are missing before its END line)",
            body.len()
        )));
    }
    let forms_tried = password::describe_forms(passwords);
    Err(if padding_passed {
        // Good padding, no key: damage inside the body, or (1 in 256) a wrong pass phrase.
        Error::WrongPasswordOrDamaged {
            forms_tried,
            what: "the encrypted PEM private key (Proc-Type: 4,ENCRYPTED)".into(),
        }
    } else {
        Error::WrongPassword { forms_tried }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_to_key_matches_openssl_enc() {
        // `openssl enc -aes-256-cbc -md md5 -pass pass:x -S 0102030405060708 -P` (OpenSSL 3.0.19):
        // key=DF39DED3E3F345CEBB53BF088AAC6D3E3056C591D7268AA6DCBCB8CE622B9155
        let salt = [1, 2, 3, 4, 5, 6, 7, 8];
        assert_eq!(
            crate::hex::upper(&bytes_to_key(b"x", &salt, 32)),
            "DF39DED3E3F345CEBB53BF088AAC6D3E3056C591D7268AA6DCBCB8CE622B9155"
        );
        assert_eq!(
            crate::hex::upper(&bytes_to_key(b"x", &salt, 24)),
            "DF39DED3E3F345CEBB53BF088AAC6D3E3056C591D7268AA6"
        );
    }
}
