//! Text re-saved in the "ANSI" code page (logs by an editor, shell output by Windows
//! PowerShell 5.1's `Set-Content` / `Add-Content`): Notepad's and Excel's default on Western
//! European Windows is Windows-1252, so a connector called `Ausgehend an Müller GmbH` comes back
//! with the single byte 0xFC for `ü`. Exchange writes its logs in UTF-8; a line that is not
//! valid UTF-8 is read as Windows-1252 (the WHATWG Encoding Standard's `windows-1252` index:
//! 0x80–0x9F as its table, the rest as Latin-1), so names and certificate subjects keep their
//! letters and the generated PowerShell names the real connector. Other code pages (1251, 936)
//! cannot be told from the bytes alone and come out as Latin letters, as they would in any
//! Western editor.

/// Windows-1252, bytes 0x80 to 0x9F (the five undefined ones as their C1 code points).
const HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// `bytes` as text: UTF-8 when valid, else Windows-1252.
pub fn decode(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(t) => std::borrow::Cow::Borrowed(t),
        Err(_) => std::borrow::Cow::Owned(from_windows_1252(bytes)),
    }
}

/// `bytes` read as Windows-1252, whatever they are.
pub fn from_windows_1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9f => HIGH[usize::from(b - 0x80)],
            b => char::from(b),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn windows_1252_bytes() {
        assert_eq!(
            decode(b"M\xfcller K\xf6ln \x80 \x93q\x94"),
            "Müller Köln € “q”"
        );
        assert_eq!(decode("Müller".as_bytes()), "Müller");
        assert_eq!(decode(b"\x81\x9d"), "\u{81}\u{9d}");
    }
}
