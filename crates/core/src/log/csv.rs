//! CSV field splitting for one protocol-log row (RFC 4180 §2 quoting, as Exchange's
//! `CsvFieldCache`/log writer emits it): fields are separated by `,`; a field that contains a
//! comma, a quote or leading/trailing blanks is enclosed in `"`; a quote inside such a field is
//! doubled (`""`). Unquoted fields are taken literally, a stray quote inside one included.
//!
//! Written by hand rather than with the `csv` crate: rows arrive one line at a time from the
//! streaming [`super::lines`] splitter, fields are borrowed from the line without copying
//! unless a doubled quote has to be collapsed, and one reused span buffer keeps allocation flat.

use std::borrow::Cow;

/// Where one field lies in the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Content bounds (inside the quotes for a quoted field).
    pub start: usize,
    pub end: usize,
    /// The content contains doubled quotes that must be collapsed.
    pub has_escaped_quotes: bool,
}

impl Span {
    /// The field's text.
    /// The field's raw bytes (doubled quotes not collapsed).
    pub fn bytes<'a>(&self, line: &'a [u8]) -> &'a [u8] {
        line.get(self.start..self.end).unwrap_or(&[])
    }

    pub fn text<'a>(&self, line: &'a str) -> Cow<'a, str> {
        let raw = line.get(self.start..self.end).unwrap_or("");
        if self.has_escaped_quotes {
            Cow::Owned(raw.replace("\"\"", "\""))
        } else {
            Cow::Borrowed(raw)
        }
    }
}

pub use super::error::CsvError;

/// Splits `line` into field spans (cleared first). Never allocates beyond `spans`' growth.
pub fn split_into(line: &str, spans: &mut Vec<Span>) -> Result<(), CsvError> {
    split_bytes_into(line.as_bytes(), spans)
}

/// [`split_into`] on bytes not yet checked to be UTF-8 (separators and quotes are ASCII, so the
/// spans are the same as on the text; they never start or end inside a UTF-8 sequence).
pub fn split_bytes_into(bytes: &[u8], spans: &mut Vec<Span>) -> Result<(), CsvError> {
    spans.clear();
    let mut pos = 0usize;
    loop {
        if bytes.get(pos) == Some(&b'"') {
            // Quoted field.
            let start = pos + 1;
            let mut i = start;
            let mut escaped = false;
            loop {
                match memchr::memchr(b'"', bytes.get(i..).unwrap_or(&[])) {
                    None => return Err(CsvError::UnterminatedQuote),
                    Some(off) => {
                        let q = i + off;
                        if bytes.get(q + 1) == Some(&b'"') {
                            escaped = true;
                            i = q + 2;
                        } else {
                            spans.push(Span {
                                start,
                                end: q,
                                has_escaped_quotes: escaped,
                            });
                            pos = q + 1;
                            break;
                        }
                    }
                }
            }
            match bytes.get(pos) {
                None => return Ok(()),
                Some(b',') => pos += 1,
                Some(_) => return Err(CsvError::TextAfterClosingQuote),
            }
        } else {
            match memchr::memchr(b',', bytes.get(pos..).unwrap_or(&[])) {
                Some(off) => {
                    spans.push(Span {
                        start: pos,
                        end: pos + off,
                        has_escaped_quotes: false,
                    });
                    pos += off + 1;
                }
                None => {
                    spans.push(Span {
                        start: pos,
                        end: bytes.len(),
                        has_escaped_quotes: false,
                    });
                    return Ok(());
                }
            }
        }
    }
}

/// [`split_bytes_into`] for a line known to hold no `"` (the line splitter's flag): every `,`
/// ends a field, so quoting cannot fail. Commas are found sixteen bytes at a time
/// ([`comma_mask`]: one vector compare on SSE2, NEON or SIMD128; `wide`'s scalar code on other
/// targets), which costs less than one `memchr` call per field on fields of a few bytes.
pub fn split_unquoted_into(bytes: &[u8], spans: &mut Vec<Span>) {
    spans.clear();
    let mut start = 0usize;
    let mut base = 0usize;
    let mut chunks = bytes.chunks_exact(16);
    let mut block = [0u8; 16];
    for chunk in &mut chunks {
        block.copy_from_slice(chunk);
        commas_in(comma_mask(&block), base, &mut start, spans);
        base += 16;
    }
    // The last few bytes, padded with NULs (never a comma) to a whole block.
    let rest = chunks.remainder();
    if !rest.is_empty() {
        block = [0u8; 16];
        block[..rest.len()].copy_from_slice(rest);
        commas_in(comma_mask(&block), base, &mut start, spans);
    }
    spans.push(Span {
        start,
        end: bytes.len(),
        has_escaped_quotes: false,
    });
}

/// Ends a field at each comma of `mask` (bit `i`: a comma at `base + i`).
#[inline]
fn commas_in(mut mask: u32, base: usize, start: &mut usize, spans: &mut Vec<Span>) {
    while mask != 0 {
        let at = base + mask.trailing_zeros() as usize;
        spans.push(Span {
            start: *start,
            end: at,
            has_escaped_quotes: false,
        });
        *start = at + 1;
        mask &= mask - 1;
    }
}

/// Bit `i` set where `block[i]` is a comma: one vector compare and a mask extraction
/// (`wide`: SSE2 on x86-64, NEON on aarch64, scalar elsewhere), without `unsafe` here.
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
#[inline]
fn comma_mask(block: &[u8; 16]) -> u32 {
    let v = wide::u8x16::new(*block);
    v.simd_eq(wide::u8x16::splat(b',')).to_bitmask()
}

/// Bit `i` set where `block[i]` is a comma (WebAssembly SIMD, enabled for every wasm32 build in
/// `.cargo/config.toml`). Written with `core::arch` rather than `wide`: LLVM lowers `wide`'s
/// mask of a compare on wasm32 to sixteen lane extractions, this to `i8x16.eq` and
/// `i8x16.bitmask`.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
#[inline]
fn comma_mask(block: &[u8; 16]) -> u32 {
    use core::arch::wasm32::{i8x16_bitmask, i8x16_eq, u64x2, u8x16_splat};
    let mut lo = [0u8; 8];
    let mut hi = [0u8; 8];
    lo.copy_from_slice(&block[..8]);
    hi.copy_from_slice(&block[8..]);
    let v = u64x2(u64::from_le_bytes(lo), u64::from_le_bytes(hi));
    u32::from(i8x16_bitmask(i8x16_eq(v, u8x16_splat(b','))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(line: &str) -> Result<Vec<String>, CsvError> {
        let mut spans = Vec::new();
        split_into(line, &mut spans)?;
        Ok(spans.iter().map(|s| s.text(line).into_owned()).collect())
    }

    #[test]
    fn unquoted_split_is_the_general_split_on_lines_without_quotes() {
        let mut rng = crate::log::genlog::Rng::new(0x2545_F491_4F6C_DD1D);
        let alphabet: &[u8] = b",,,,a1 \t\r\0\xff\xc3\xa9,";
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for n in 0..4000 {
            let line = rng.line(alphabet, n % 70);
            split_bytes_into(&line, &mut a).unwrap();
            split_unquoted_into(&line, &mut b);
            assert_eq!(a, b, "{line:?}");
        }
        split_unquoted_into(
            b"2024-05-02T06:00:01.123Z,Internet,08DC,3,,,>,EHLO x,",
            &mut b,
        );
        assert_eq!(b.len(), 9);
        assert_eq!(
            b[7].bytes(b"2024-05-02T06:00:01.123Z,Internet,08DC,3,,,>,EHLO x,"),
            b"EHLO x"
        );
    }

    #[test]
    fn plain_and_empty_fields() {
        assert_eq!(fields("a,b,,d,").unwrap(), vec!["a", "b", "", "d", ""]);
        assert_eq!(fields("").unwrap(), vec![""]);
    }

    #[test]
    fn quoted_fields_keep_commas_and_collapse_doubled_quotes() {
        // Shape from KB 4051498's sample: an issuer with commas, quoted.
        let line = r#"*,"CN=Trusted Secure Certificate Authority 5, O=Corporation Service Company, L=Wilmington, S=DE, C=US",Certificate issuer name"#;
        assert_eq!(
            fields(line).unwrap(),
            vec![
                "*",
                "CN=Trusted Secure Certificate Authority 5, O=Corporation Service Company, L=Wilmington, S=DE, C=US",
                "Certificate issuer name"
            ]
        );
        assert_eq!(
            fields(r#""O=""Quoted, Inc."", C=US",x"#).unwrap(),
            vec![r#"O="Quoted, Inc.", C=US"#, "x"]
        );
        assert_eq!(fields(r#""""#).unwrap(), vec![""]);
        assert_eq!(fields(r#"a,"""",b"#).unwrap(), vec!["a", "\"", "b"]);
    }

    #[test]
    fn stray_quote_inside_unquoted_field_is_literal() {
        assert_eq!(fields(r#"ab"c,d"#).unwrap(), vec![r#"ab"c"#, "d"]);
    }

    #[test]
    fn broken_quoting_is_an_error() {
        assert_eq!(
            fields(r#"a,"never closed"#),
            Err(CsvError::UnterminatedQuote)
        );
        assert_eq!(
            fields(r#"a,"closed"junk,b"#),
            Err(CsvError::TextAfterClosingQuote)
        );
        assert_eq!(
            fields("a,\"ends with doubled \"\"\"").unwrap(),
            vec!["a", "ends with doubled \""]
        );
        assert_eq!(
            fields("a,\"ends with doubled \"\""),
            Err(CsvError::UnterminatedQuote)
        );
    }
}
