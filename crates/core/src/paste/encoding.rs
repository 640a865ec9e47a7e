//! Files whose encoding changes part way: Windows PowerShell 5.1's `>` / `Out-File` write
//! UTF-16 LE (with a byte-order mark), `Set-Content` / `Add-Content` write ANSI (Windows-1252 on
//! a Western server) and `Out-File -Encoding utf8` UTF-8; `>>` (`Out-File -Append`) does not
//! look at the encoding of the file it appends to (PowerShell/PowerShell issue 9423, "out-file
//! -append (or '>>') can mix two encodings in the same file"), and `Add-Content -Encoding ...`
//! appends in the encoding it is told. .NET's `StreamWriter` writes no byte-order mark when it
//! appends, so the appended part starts right after the last line end of the file.
//!
//! The parts are told apart line by line, in one pass: UTF-16 LE text of the shell's output
//! (ASCII and Latin-1 letters) has a zero byte in every other byte and ends its lines with
//! `0D 00 0A 00`; 8-bit text (UTF-8, ANSI) has no zero byte at all and ends its lines with
//! `0D 0A`. A UTF-16 part ends where a line holds no zero byte up to its `0D 0A`; an 8-bit part
//! ends at the start of the line that holds its first zero byte.

use std::borrow::Cow;

/// The encoding of one part of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf16Le,
    Utf8,
    /// Windows-1252 (ANSI on a Western or German Windows): bytes that are not UTF-8.
    Windows1252,
}

impl TextEncoding {
    /// The name Windows and PowerShell use (`-Encoding Unicode` is UTF-16 LE).
    pub fn name(self) -> &'static str {
        match self {
            TextEncoding::Utf16Le => "UTF-16 LE (\"Unicode\")",
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Windows1252 => "ANSI (Windows-1252)",
        }
    }
}

/// Where a file's encoding changes: the first line (from 1) of the new part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EncodingSwitch {
    pub line: u64,
    pub from: TextEncoding,
    pub to: TextEncoding,
}

/// The most parts a file is split into; the rest is read in the last part's encoding.
const MAX_PARTS: usize = 64;

/// Decodes a file that starts in UTF-16 LE (`FF FE`) or in an 8-bit encoding and may switch
/// between them at line starts. `None` when the file holds no switch (the caller decodes it
/// whole, as before).
pub fn decode_mixed(bytes: &[u8]) -> Option<(String, Vec<EncodingSwitch>)> {
    let parts = split(bytes);
    if parts.len() < 2 {
        return None;
    }
    // The 8-bit parts come from one machine's ANSI code page or from UTF-8: read all of them
    // as UTF-8 only when every one is.
    let all_utf8 = parts
        .iter()
        .filter(|(utf16, _)| !utf16)
        .all(|(_, r)| std::str::from_utf8(&bytes[r.clone()]).is_ok());
    let mut text = String::with_capacity(bytes.len());
    let mut switches = Vec::new();
    let mut previous: Option<TextEncoding> = None;
    for (utf16, range) in parts {
        let part = &bytes[range];
        let (decoded, encoding) = if utf16 {
            let part = part.strip_prefix(&[0xff, 0xfe]).unwrap_or(part);
            let units: Vec<u16> = part
                .chunks(2)
                .map(|c| u16::from_le_bytes([c[0], c.get(1).copied().unwrap_or(0)]))
                .collect();
            (
                Cow::Owned(String::from_utf16_lossy(&units)),
                TextEncoding::Utf16Le,
            )
        } else {
            let part = part.strip_prefix(&[0xef, 0xbb, 0xbf]).unwrap_or(part);
            match std::str::from_utf8(part).ok().filter(|_| all_utf8) {
                Some(t) => (Cow::Borrowed(t), TextEncoding::Utf8),
                None => (
                    Cow::Owned(crate::ansi::from_windows_1252(part)),
                    TextEncoding::Windows1252,
                ),
            }
        };
        if let Some(from) = previous.filter(|p| *p != encoding) {
            switches.push(EncodingSwitch {
                line: text.matches('\n').count() as u64 + 1,
                from,
                to: encoding,
            });
        }
        previous = Some(encoding);
        text.push_str(decoded.trim_start_matches('\u{feff}'));
    }
    Some((text, switches))
}

/// The parts of the file: (UTF-16 LE?, byte range). One part when nothing switches.
fn split(bytes: &[u8]) -> Vec<(bool, std::ops::Range<usize>)> {
    let mut parts = Vec::new();
    let mut utf16 = bytes.starts_with(&[0xff, 0xfe]);
    let mut start = 0usize;
    let mut pos = if utf16 { 2 } else { 0 };
    while pos < bytes.len() && parts.len() + 1 < MAX_PARTS {
        if utf16 {
            // At a UTF-16 line start: is this line 8-bit text (no zero byte up to `0D 0A`)?
            if let Some(lf) = memchr::memchr(b'\n', &bytes[pos..]).map(|i| pos + i) {
                let line = &bytes[pos..lf];
                if line.last() == Some(&b'\r') && !line.contains(&0) {
                    parts.push((true, start..pos));
                    (utf16, start) = (false, pos);
                    continue;
                }
            }
            // Else on to the next UTF-16 line end (`0A 00` at a unit boundary).
            let mut next = None;
            let mut at = pos;
            while let Some(i) = memchr::memchr(b'\n', &bytes[at..]) {
                let lf = at + i;
                if (lf - pos) % 2 == 0 && bytes.get(lf + 1) == Some(&0) {
                    next = Some(lf + 2);
                    break;
                }
                at = lf + 1;
            }
            match next {
                Some(n) => pos = n,
                None => break,
            }
        } else {
            // In 8-bit text: the first zero byte is UTF-16 text, from the start of its line.
            let Some(nul) = memchr::memchr(0, &bytes[pos..]).map(|i| pos + i) else {
                break;
            };
            let line_start = memchr::memrchr(b'\n', &bytes[pos..nul]).map_or(pos, |i| pos + i + 1);
            // UTF-16 LE from the line start: the zero is the high byte of a unit (or the line
            // starts with a byte-order mark). A zero elsewhere is no switch: read on after it.
            let from = if bytes[line_start..].starts_with(&[0xff, 0xfe]) {
                line_start + 2
            } else {
                line_start
            };
            if line_start > start && nul > from && (nul - from) % 2 == 1 {
                parts.push((false, start..line_start));
                (utf16, start, pos) = (true, line_start, from);
            } else {
                pos = nul + 1;
            }
        }
    }
    parts.push((utf16, start..bytes.len()));
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, bom: bool) -> Vec<u8> {
        let mut out = if bom { vec![0xff, 0xfe] } else { Vec::new() };
        out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        out
    }

    #[test]
    fn utf16_then_ansi_then_utf16() {
        let mut bytes = utf16("Thumbprint : AB\r\nSubject    : CN=Müller\r\n", true);
        bytes.extend(b"Name : Stra\xdfe\r\n");
        bytes.extend(utf16("Status : Retry\r\n", false));
        let (text, switches) = decode_mixed(&bytes).expect("mixed");
        assert_eq!(
            text,
            "Thumbprint : AB\r\nSubject    : CN=Müller\r\nName : Straße\r\nStatus : Retry\r\n"
        );
        assert_eq!(
            switches,
            [
                EncodingSwitch {
                    line: 3,
                    from: TextEncoding::Utf16Le,
                    to: TextEncoding::Windows1252
                },
                EncodingSwitch {
                    line: 4,
                    from: TextEncoding::Windows1252,
                    to: TextEncoding::Utf16Le
                }
            ]
        );
    }

    #[test]
    fn utf8_then_utf16_at_an_odd_offset() {
        let mut bytes = b"\xef\xbb\xbfName : a\r\nX : b\r\n".to_vec();
        bytes.extend(utf16("Status : Retry\r\n", false));
        let (text, switches) = decode_mixed(&bytes).expect("mixed");
        assert_eq!(text, "Name : a\r\nX : b\r\nStatus : Retry\r\n");
        assert_eq!(switches[0].line, 3);
        assert_eq!(switches[0].to, TextEncoding::Utf16Le);
    }

    #[test]
    fn one_encoding_is_not_mixed() {
        assert!(decode_mixed(&utf16("a : b\r\nc : d\r\n", true)).is_none());
        assert!(decode_mixed(b"a : b\r\nc : d\r\n").is_none());
        assert!(decode_mixed(b"").is_none());
        // Non-Latin UTF-16 (a character whose unit holds 0A: U+4E0A) stays one part.
        assert!(decode_mixed(&utf16("\u{4e0a}\u{4e0a}\r\n\u{4e0a}x\r\n", true)).is_none());
        // A stray zero byte in 8-bit text at an even distance from its line start.
        assert!(decode_mixed(b"ab\0c\r\n").is_none());
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
            let _ = decode_mixed(&bytes);
            let mut with_bom = vec![0xff, 0xfe];
            with_bom.extend(&bytes);
            let _ = decode_mixed(&with_bom);
        }
    }
}
