//! The byte classes the log path stops at, found 64 bytes at a time: line ends (`\n`), field
//! separators (`,`, RFC 4180 §2) and the two bytes that send a line off the fast path (NUL:
//! binary data; `"`: CSV quoting). One compare per class and block gives a bit mask per class,
//! so [`super::lines::LineSplitter`] touches each byte once for all of them.
//!
//! Written by hand rather than with `memchr`: `memchr3` finds three bytes but a fourth class
//! (the comma) would need a second pass over every line, which is what this replaces. The
//! vectors are `wide`'s portable ones natively and `core::arch::wasm32` SIMD128 in the page's
//! build, neither needing `unsafe`.

/// Bit `i` of a mask is byte `i` of the block.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Masks {
    pub newline: u64,
    pub comma: u64,
    /// NUL or `"`.
    pub special: u64,
}

/// Bytes per block: 64, so that the work per block (the quote state check, the loop's set-up)
/// is spread over more bytes than with 32 (1 % of a log's instructions).
pub const BLOCK: usize = 64;

/// The masks of one block, 16 bytes (one vector) at a time.
#[inline]
pub fn block(bytes: &[u8; BLOCK]) -> Masks {
    let mut masks = Masks::default();
    for (i, part) in bytes.chunks_exact(16).enumerate() {
        let m = half(part);
        let at = 16 * i as u32;
        masks.newline |= m.newline << at;
        masks.comma |= m.comma << at;
        masks.special |= m.special << at;
    }
    masks
}

/// The masks of a short last block (`bytes.len() < BLOCK`): the missing bytes count as none.
pub fn tail(bytes: &[u8]) -> Masks {
    // Padding with a byte of no class keeps the masks exact without masking them afterwards.
    let mut padded = [b' '; BLOCK];
    let n = bytes.len().min(BLOCK);
    if let (Some(to), Some(from)) = (padded.get_mut(..n), bytes.get(..n)) {
        to.copy_from_slice(from);
    }
    block(&padded)
}

#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
#[inline]
fn half(bytes: &[u8]) -> Masks {
    use wide::u8x16;
    let mut a = [0u8; 16];
    a.copy_from_slice(bytes.get(..16).unwrap_or(&[0; 16]));
    let v = u8x16::new(a);
    let eq = |c: u8| v.simd_eq(u8x16::splat(c));
    Masks {
        newline: u64::from(eq(b'\n').to_bitmask()),
        comma: u64::from(eq(b',').to_bitmask()),
        special: u64::from((eq(0) | eq(b'"')).to_bitmask()),
    }
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
#[inline]
fn half(bytes: &[u8]) -> Masks {
    use core::arch::wasm32::{i8x16_bitmask, i8x16_eq, u64x2, u8x16_splat, v128_or};
    let word = |at: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(bytes.get(at..at + 8).unwrap_or(&[0; 8]));
        u64::from_le_bytes(w)
    };
    let v = u64x2(word(0), word(8));
    let eq = |c: u8| i8x16_eq(v, u8x16_splat(c));
    Masks {
        newline: u64::from(i8x16_bitmask(eq(b'\n'))),
        comma: u64::from(i8x16_bitmask(eq(b','))),
        special: u64::from(i8x16_bitmask(v128_or(eq(0), eq(b'"')))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The masks agree with a byte-by-byte look at every position, padding included.
    #[test]
    fn masks_match_a_byte_by_byte_scan() {
        let text: &[u8] =
            b"2024-05-02T08:00:00.000Z,Out,08DC,1,10.0.0.1:25,\"a\0b\",<,250 OK,\r\nx,y\n,,";
        for start in 0..text.len() {
            let part = &text[start..];
            let n = part.len().min(BLOCK);
            let masks = if n == BLOCK {
                block(part[..BLOCK].try_into().unwrap())
            } else {
                tail(part)
            };
            let want = |f: &dyn Fn(u8) -> bool| -> u64 {
                (0..n).filter(|&i| f(part[i])).fold(0, |m, i| m | (1 << i))
            };
            assert_eq!(masks.newline, want(&|b| b == b'\n'), "at {start}");
            assert_eq!(masks.comma, want(&|b| b == b','), "at {start}");
            assert_eq!(masks.special, want(&|b| b == 0 || b == b'"'), "at {start}");
        }
    }
}
