//! Streaming UTF-16 → UTF-8 transcoding for protocol logs saved as UTF-16 with a byte-order mark
//! (Windows PowerShell 5.1's `>` / `Out-File` write "Unicode", i.e. UTF-16LE with `FF FE`).
//!
//! References:
//! * RFC 2781 "UTF-16, an encoding of ISO 10646" §2 (surrogate pairs: a high surrogate
//!   U+D800..U+DBFF followed by a low surrogate U+DC00..U+DFFF encodes U+10000..U+10FFFF) and
//!   §3.2/§4.3 (the byte-order mark U+FEFF: `FE FF` big-endian, `FF FE` little-endian; it is a
//!   signature, not part of the text, and is dropped);
//! * The Unicode Standard, §3.9 (D91 UTF-16 encoding form, unpaired surrogates are ill-formed) and
//!   §23.8 "Specials" (U+FEFF as byte-order mark, U+FFFD as the replacement character);
//! * RFC 3629 §3 for the UTF-8 written out.
//!
//! Bounded: the state between chunks is at most one byte and one high surrogate; each chunk of
//! n bytes yields at most 3n/2 + 4 bytes of UTF-8 (a code unit gives at most 3 bytes, a pair 4).
//! Ill-formed input (an unpaired surrogate, an odd final byte) becomes U+FFFD, never a panic.

/// The byte order of a UTF-16 stream, from its byte-order mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ByteOrder {
    /// `FF FE`
    Little,
    /// `FE FF`
    Big,
}

/// The byte order announced by a UTF-16 byte-order mark at the start of `prefix`, if any.
/// (`FF FE 00 00` would be UTF-32LE; protocol logs are never UTF-32, and a UTF-16LE log starts
/// with `#` or a digit after the mark, so `FF FE` is taken as UTF-16LE.)
pub fn byte_order_mark(prefix: &[u8]) -> Option<ByteOrder> {
    match prefix {
        [0xFF, 0xFE, ..] => Some(ByteOrder::Little),
        [0xFE, 0xFF, ..] => Some(ByteOrder::Big),
        _ => None,
    }
}

/// The byte order of `prefix` when it is UTF-16 text: announced by a byte-order mark, or, without
/// one (a log saved by a tool that writes "Unicode" without the mark), its first 32 code units
/// are ASCII text (printable, tab, CR, LF) with the zero byte on one side. No DER, PKCS#12 or
/// UTF-8 text starts like that.
pub fn utf16_order(prefix: &[u8]) -> Option<ByteOrder> {
    if let Some(order) = byte_order_mark(prefix) {
        return Some(order);
    }
    let head = prefix.get(..64)?;
    let text = |b: u8| b == b'\t' || b == b'\r' || b == b'\n' || (0x20..0x7f).contains(&b);
    let pairs = || head.chunks_exact(2);
    if pairs().all(|p| text(p[0]) && p[1] == 0) {
        Some(ByteOrder::Little)
    } else if pairs().all(|p| p[0] == 0 && text(p[1])) {
        Some(ByteOrder::Big)
    } else {
        None
    }
}

/// Transcodes one UTF-16 stream, chunk by chunk, cut anywhere (inside a code unit or a pair).
#[derive(Debug, Clone)]
pub struct Utf16Decoder {
    order: ByteOrder,
    /// The first byte of a code unit whose second byte is in the next chunk.
    odd_byte: Option<u8>,
    /// A high surrogate waiting for its low surrogate.
    high: Option<u16>,
    /// The byte-order mark is still to be skipped (it is the first code unit).
    at_start: bool,
}

impl Utf16Decoder {
    pub fn new(order: ByteOrder) -> Self {
        Utf16Decoder {
            order,
            odd_byte: None,
            high: None,
            at_start: true,
        }
    }

    /// Appends the UTF-8 of `chunk` to `out`.
    pub fn push(&mut self, chunk: &[u8], out: &mut Vec<u8>) {
        out.reserve(chunk.len() / 2 * 3 + 4);
        let mut bytes = chunk;
        if let Some(first) = self.odd_byte.take() {
            let Some((&second, rest)) = bytes.split_first() else {
                self.odd_byte = Some(first);
                return;
            };
            self.unit(self.combine(first, second), out);
            bytes = rest;
        }
        let mut pairs = bytes.chunks_exact(2);
        for pair in &mut pairs {
            self.unit(self.combine(pair[0], pair[1]), out);
        }
        if let [last] = pairs.remainder() {
            self.odd_byte = Some(*last);
        }
    }

    /// The stream ended: what is left over (an odd byte, a lone high surrogate) becomes U+FFFD.
    pub fn finish(&mut self, out: &mut Vec<u8>) {
        if self.high.take().is_some() {
            push_char(char::REPLACEMENT_CHARACTER, out);
        }
        if self.odd_byte.take().is_some() {
            push_char(char::REPLACEMENT_CHARACTER, out);
        }
    }

    fn combine(&self, a: u8, b: u8) -> u16 {
        match self.order {
            ByteOrder::Little => u16::from_le_bytes([a, b]),
            ByteOrder::Big => u16::from_be_bytes([a, b]),
        }
    }

    fn unit(&mut self, unit: u16, out: &mut Vec<u8>) {
        if std::mem::take(&mut self.at_start) && unit == 0xFEFF {
            return;
        }
        match unit {
            0xD800..=0xDBFF => {
                if self.high.replace(unit).is_some() {
                    push_char(char::REPLACEMENT_CHARACTER, out);
                }
            }
            0xDC00..=0xDFFF => match self.high.take() {
                Some(high) => {
                    let code =
                        0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(unit) - 0xDC00);
                    push_char(
                        char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER),
                        out,
                    );
                }
                None => push_char(char::REPLACEMENT_CHARACTER, out),
            },
            _ => {
                if self.high.take().is_some() {
                    push_char(char::REPLACEMENT_CHARACTER, out);
                }
                push_char(
                    char::from_u32(u32::from(unit)).unwrap_or(char::REPLACEMENT_CHARACTER),
                    out,
                );
            }
        }
    }
}

fn push_char(c: char, out: &mut Vec<u8>) {
    let mut buf = [0u8; 4];
    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Without a mark, UTF-16 is told by ASCII text with the zero byte on one side; DER, a
    /// PKCS#12 file, UTF-8 text and short or mixed input are not taken for it.
    #[test]
    fn utf16_without_a_mark_is_recognised_by_its_zero_bytes() {
        let text = "#Software: Microsoft Exchange Server\r\n#Version: 15.0.0.0\r\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(utf16_order(&le), Some(ByteOrder::Little));
        assert_eq!(utf16_order(&be), Some(ByteOrder::Big));
        assert_eq!(utf16_order(text.as_bytes()), None);
        assert_eq!(utf16_order(&le[..40]), None, "too short to tell");
        let mut der = vec![0x30, 0x82, 0x03, 0x00, 0x30, 0x82, 0x02, 0x00];
        der.resize(128, 0);
        assert_eq!(utf16_order(&der), None);
        let mut mixed = le.clone();
        mixed[10] = 0xC3;
        assert_eq!(utf16_order(&mixed), None);
        // A mark still decides alone.
        assert_eq!(utf16_order(&[0xFF, 0xFE, 0x41]), Some(ByteOrder::Little));
    }

    fn encode(text: &str, order: ByteOrder) -> Vec<u8> {
        let mut out = match order {
            ByteOrder::Little => vec![0xFF, 0xFE],
            ByteOrder::Big => vec![0xFE, 0xFF],
        };
        for unit in text.encode_utf16() {
            out.extend(match order {
                ByteOrder::Little => unit.to_le_bytes(),
                ByteOrder::Big => unit.to_be_bytes(),
            });
        }
        out
    }

    fn decode_in_chunks(bytes: &[u8], size: usize) -> String {
        let mut decoder = Utf16Decoder::new(byte_order_mark(bytes).unwrap());
        let mut out = Vec::new();
        for chunk in bytes.chunks(size) {
            decoder.push(chunk, &mut out);
        }
        decoder.finish(&mut out);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn both_byte_orders_in_any_chunking_with_surrogate_pairs() {
        let text = "#Software: Microsoft Exchange Server\r\nCN=Müller 😀 世界,x\r\n";
        for order in [ByteOrder::Little, ByteOrder::Big] {
            let bytes = encode(text, order);
            for size in [1, 2, 3, 5, 7, 4096] {
                assert_eq!(decode_in_chunks(&bytes, size), text, "{order:?} {size}");
            }
        }
    }

    #[test]
    fn ill_formed_input_becomes_replacement_characters() {
        // A lone low surrogate, a lone high surrogate before 'a', an odd final byte.
        let bytes = [0xFF, 0xFE, 0x00, 0xDC, 0x00, 0xD8, b'a', 0x00, b'b'];
        assert_eq!(decode_in_chunks(&bytes, 1), "\u{FFFD}\u{FFFD}a\u{FFFD}");
        // A high surrogate at the very end.
        assert_eq!(decode_in_chunks(&[0xFE, 0xFF, 0xD8, 0x00], 3), "\u{FFFD}");
        assert_eq!(byte_order_mark(b"#Software"), None);
        assert_eq!(byte_order_mark(&[0xFF]), None);
    }
}
