//! The PKCS#12 key-derivation function, RFC 7292 Appendix B.2, used for the MAC key (ID 3)
//! and for the keys (ID 1) and IVs (ID 2) of the PKCS#12 PBE schemes (Appendix C).
//!
//! Written by hand: the RustCrypto `pkcs12` crate's KDF is not in this workspace and the
//! algorithm is 40 lines; generic over any block-based digest (SHA-1, SHA-2).

use sha1::digest::core_api::BlockSizeUser;
use sha1::digest::Digest;

use crate::error::{Error, Result};
use crate::limits::{MAX_KDF_ITERATIONS, MAX_KDF_ITERATIONS_PER_FILE, MAX_KDF_ITERATIONS_PER_RUN};

/// Purpose byte `ID` of RFC 7292 B.3.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KdfPurpose {
    EncryptionKey = 1,
    Iv = 2,
    MacKey = 3,
}

/// Refuses iteration counts above [`MAX_KDF_ITERATIONS`] (the web page must never hang) and zero.
pub fn check_iterations(iterations: u64, what: &str) -> Result<()> {
    if iterations == 0 {
        return Err(Error::malformed(format!("{what}: iteration count is zero")));
    }
    if iterations > MAX_KDF_ITERATIONS {
        return Err(Error::TooLarge {
            what: format!("{what}: the iteration count {iterations} (key derivation work)"),
            limit: MAX_KDF_ITERATIONS,
        });
    }
    Ok(())
}

/// Key-derivation work still allowed: for one file ([`MAX_KDF_ITERATIONS_PER_FILE`]) or for a
/// whole run of many files ([`MAX_KDF_ITERATIONS_PER_RUN`]); [`KdfBudget::for_file`] takes a
/// file's budget out of a run's and [`KdfBudget::spend`] charges the run what the file used.
#[derive(Debug, Clone, Copy)]
pub struct KdfBudget {
    limit: u64,
    left: u64,
    /// `left` when this budget was made (what it used is `start - left`).
    start: u64,
    refused: bool,
    /// This budget is (or is bounded by) the whole run's, not one file's.
    run_wide: bool,
}

impl KdfBudget {
    pub fn new(limit: u64) -> Self {
        KdfBudget {
            limit,
            left: limit,
            start: limit,
            refused: false,
            run_wide: false,
        }
    }

    pub fn per_file() -> Self {
        Self::new(MAX_KDF_ITERATIONS_PER_FILE)
    }

    /// The budget of one analysis or inspection of many files (shared by all of them).
    pub fn per_run() -> Self {
        Self::run_of(MAX_KDF_ITERATIONS_PER_RUN)
    }

    /// A run budget of `limit` iterations (tests use small ones).
    #[doc(hidden)]
    pub fn run_of(limit: u64) -> Self {
        KdfBudget {
            run_wide: true,
            ..Self::new(limit)
        }
    }

    /// Nothing was spent from this budget nor refused by it.
    pub fn untouched(&self) -> bool {
        self.left == self.start && !self.refused
    }

    /// The budget of the next file of this run: the per-file cap, or what is left of the run
    /// when that is less (the file's refusal then names the run's budget).
    pub fn for_file(&self) -> KdfBudget {
        if self.run_wide && self.left < MAX_KDF_ITERATIONS_PER_FILE {
            KdfBudget {
                limit: self.limit,
                left: self.left,
                start: self.left,
                refused: false,
                run_wide: true,
            }
        } else {
            KdfBudget::new(MAX_KDF_ITERATIONS_PER_FILE.min(self.left))
        }
    }

    /// Charges this (run) budget with what `file`, taken by [`Self::for_file`], used.
    pub fn spend(&mut self, file: &KdfBudget) {
        self.left = self
            .left
            .saturating_sub(file.start.saturating_sub(file.left));
    }

    /// Iterations still allowed.
    pub fn left(&self) -> u64 {
        self.left
    }

    /// The cap this budget started from, for messages.
    pub fn limit(&self) -> u64 {
        self.limit
    }

    /// Whether the cap is the whole run's rather than this file's.
    pub fn is_run_wide(&self) -> bool {
        self.run_wide
    }

    /// Takes `iterations` from the budget before a derivation runs; refuses when they are not left.
    /// Counts above [`MAX_KDF_ITERATIONS`] cost nothing: [`check_iterations`] refuses them unrun.
    pub fn charge(&mut self, iterations: u64) -> Result<()> {
        if iterations > MAX_KDF_ITERATIONS {
            return Ok(());
        }
        if iterations > self.left {
            self.refused = true;
            return Err(Error::TooLarge {
                what: if self.run_wide {
                    "The key-derivation work for all files of this run together (all passwords and encrypted parts, in iterations)"
                } else {
                    "The key-derivation work for this file (all passwords and encrypted parts together, in iterations)"
                }
                .into(),
                limit: self.limit,
            });
        }
        self.left -= iterations;
        Ok(())
    }

    /// The budget refused a derivation: nothing more can be opened in this file.
    pub fn is_spent(&self) -> bool {
        self.refused
    }
}

/// Derives `out_len` bytes. `password` is already in its byte form (BMPString with the two
/// trailing zero octets, or empty for the absent password).
pub fn derive<D: Digest + BlockSizeUser>(
    password: &[u8],
    salt: &[u8],
    iterations: u64,
    purpose: KdfPurpose,
    out_len: usize,
) -> Result<Vec<u8>> {
    check_iterations(iterations, "PKCS#12 key derivation")?;
    let v = D::block_size();
    let u = <D as Digest>::output_size();
    let d = vec![purpose as u8; v];
    let fill = |input: &[u8]| -> Vec<u8> {
        if input.is_empty() {
            return Vec::new();
        }
        let len = v * input.len().div_ceil(v);
        input.iter().copied().cycle().take(len).collect()
    };
    let mut i_block = fill(salt);
    i_block.extend(fill(password));
    let mut out = Vec::with_capacity(out_len + u);
    while out.len() < out_len {
        let mut a = D::new().chain_update(&d).chain_update(&i_block).finalize();
        for _ in 1..iterations {
            a = D::digest(&a);
        }
        out.extend_from_slice(&a);
        if out.len() >= out_len {
            break;
        }
        // B = A repeated to v bytes; each v-byte block I_j = (I_j + B + 1) mod 2^(8v).
        let b: Vec<u8> = a.iter().copied().cycle().take(v).collect();
        for chunk in i_block.chunks_mut(v) {
            let mut carry: u16 = 1;
            for (x, y) in chunk.iter_mut().rev().zip(b.iter().rev()) {
                let sum = u16::from(*x) + u16::from(*y) + carry;
                *x = sum as u8;
                carry = sum >> 8;
            }
        }
    }
    out.truncate(out_len);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        crate::hex::decode(s).unwrap()
    }

    /// Vectors from the RustCrypto `pkcs12` crate's KDF tests (password "ge@äheim", BMPString).
    #[test]
    fn rustcrypto_vectors() {
        let pass: Vec<u8> = "ge@äheim"
            .encode_utf16()
            .chain([0])
            .flat_map(|u| u.to_be_bytes())
            .collect();
        let salt = hex("0102030405060708");
        let key = derive::<sha2::Sha256>(&pass, &salt, 100, KdfPurpose::EncryptionKey, 32).unwrap();
        assert_eq!(
            crate::hex::upper(&key),
            "FAE4D4957A3CC781E1180B9D4FB79C1E0C8579B746A3177E5B0768A3118BF863"
        );
        let iv = derive::<sha2::Sha256>(&pass, &salt, 100, KdfPurpose::Iv, 32).unwrap();
        assert_eq!(
            crate::hex::upper(&iv),
            "E5FF813BC6547DE5155B14D2FADA85B3201A977349DB6E26CCC998D9E8F83D6C"
        );
        let mac = derive::<sha2::Sha256>(&pass, &salt, 100, KdfPurpose::MacKey, 32).unwrap();
        assert_eq!(
            crate::hex::upper(&mac),
            "136355ED9434516682534F46D63956DB5FF06B844702C2C1F3B46321E2524A4D"
        );
    }

    #[test]
    fn absurd_iterations_are_refused() {
        let e = derive::<sha1::Sha1>(b"", b"salt", 1 << 40, KdfPurpose::MacKey, 20).unwrap_err();
        assert_eq!(e.code(), "too-large");
        assert_eq!(
            derive::<sha1::Sha1>(b"", b"s", 0, KdfPurpose::MacKey, 20)
                .unwrap_err()
                .code(),
            "malformed"
        );
    }
}
