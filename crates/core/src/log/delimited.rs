//! Protocol logs re-saved with another field separator: a log opened in Excel and saved again as
//! "CSV" where the list separator is `;` (German, French and most other European Windows
//! locales), or as "Text (tab delimited)". The `#` lines survive (a line without the separator is
//! one field), the rows come out as `2024-05-02T06:00:08.994Z;Outbound to Office 365;08DC...;…`,
//! and a field holding the separator is quoted while one holding only commas (a 220 banner's
//! `Thu, 2 May 2024`, a certificate's `CN=…, O=…`) is not.
//!
//! [`Recomma`] turns such a stream back into the comma-separated form the reader splits (RFC 4180
//! §2: fields holding `,` or `"` are quoted, `"` doubled), line by line, streaming: a slice may
//! end anywhere. The separator is the one the `#Fields:` line uses ([`separator_of`]), else the
//! one whose rows have an event marker (`+ - > < *`) as their 7th field. Written by hand: no CSV
//! crate rewrites a stream cut at arbitrary bytes with bounded memory, and the rule is small.
//!
//! Bounded: the state between slices is one partial line, dropped (passed on unchanged, so the
//! reader reports it as over-long) once it exceeds [`crate::limits::MAX_LOG_LINE_BYTES`]; a line
//! of n bytes becomes at most 2n + 2 bytes.

use crate::limits::MAX_LOG_LINE_BYTES;

/// The separator of the rows in `text` (a file's head, UTF-8) when it is `;` or a tab rather than
/// a comma; `None` for a comma-separated log and for anything else.
pub fn separator_of(text: &[u8]) -> Option<u8> {
    let text = String::from_utf8_lossy(text);
    let mut rows = [0usize; 2];
    for line in text.lines().take(64) {
        let line = line.trim_start_matches('\u{feff}');
        if let Some(value) = line
            .get(..8)
            .filter(|p| p.eq_ignore_ascii_case("#fields:"))
            .and_then(|_| line.get(8..))
        {
            if value.contains(',') {
                return None;
            }
            return [b';', b'\t']
                .into_iter()
                .find(|&s| value.as_bytes().contains(&s));
        }
        if line.starts_with('#') {
            continue;
        }
        if super::sniff::looks_like_row(line) {
            return None;
        }
        for (count, sep) in rows.iter_mut().zip([b';', b'\t']) {
            if seventh_is_event(line.as_bytes(), sep) {
                *count += 1;
            }
        }
    }
    match rows {
        [n, _] if n >= 1 => Some(b';'),
        [_, n] if n >= 1 => Some(b'\t'),
        _ => None,
    }
}

/// Is the 7th field of `line`, split on `sep` (quotes respected), an event marker?
pub(crate) fn seventh_is_event(line: &[u8], sep: u8) -> bool {
    let mut fields = Vec::new();
    split(line, sep, &mut fields);
    fields
        .get(6)
        .is_some_and(|f| matches!(f.trim_ascii(), b"+" | b"-" | b">" | b"<" | b"*"))
}

/// Splits `line` on `sep`, RFC 4180 style: a field that begins with `"` runs to the closing `"`
/// (`""` inside is one `"`); text after the closing quote is kept as it stands. The fields are
/// written unquoted into `out`.
fn split(line: &[u8], sep: u8, out: &mut Vec<Vec<u8>>) {
    out.clear();
    let mut field = Vec::new();
    let mut i = 0;
    let mut quoted = false;
    let mut at_start = true;
    while let Some(&b) = line.get(i) {
        if quoted {
            if b == b'"' {
                if line.get(i + 1) == Some(&b'"') {
                    field.push(b'"');
                    i += 1;
                } else {
                    quoted = false;
                }
            } else {
                field.push(b);
            }
        } else if b == sep {
            out.push(std::mem::take(&mut field));
            at_start = true;
            i += 1;
            continue;
        } else if b == b'"' && at_start {
            quoted = true;
        } else {
            field.push(b);
        }
        at_start = false;
        i += 1;
    }
    out.push(field);
}

/// Rewrites a `;`- or tab-separated log as a comma-separated one, slice by slice.
#[derive(Debug)]
pub struct Recomma {
    sep: u8,
    /// The partial line carried over from the previous slice.
    pending: Vec<u8>,
    /// The partial line grew past the cap: its bytes are passed on unchanged until its end.
    passing: bool,
    fields: Vec<Vec<u8>>,
}

impl Recomma {
    pub fn new(sep: u8) -> Recomma {
        Recomma {
            sep,
            pending: Vec::new(),
            passing: false,
            fields: Vec::new(),
        }
    }

    /// The next bytes; the rewritten complete lines are appended to `out`.
    pub fn push(&mut self, chunk: &[u8], out: &mut Vec<u8>) {
        let mut rest = chunk;
        while let Some(end) = memchr::memchr(b'\n', rest) {
            let (line, after) = rest.split_at(end + 1);
            if self.passing {
                out.extend_from_slice(line);
                self.passing = false;
            } else if self.pending.is_empty() {
                self.line(line, out);
            } else {
                let mut whole = std::mem::take(&mut self.pending);
                whole.extend_from_slice(line);
                self.line(&whole, out);
                whole.clear();
                self.pending = whole;
            }
            rest = after;
        }
        if self.passing {
            out.extend_from_slice(rest);
        } else {
            self.pending.extend_from_slice(rest);
            if self.pending.len() > MAX_LOG_LINE_BYTES {
                out.append(&mut self.pending);
                self.passing = true;
            }
        }
    }

    /// The input is complete: the last line, if it has no line end.
    pub fn finish(&mut self, out: &mut Vec<u8>) {
        if !self.passing && !self.pending.is_empty() {
            let last = std::mem::take(&mut self.pending);
            self.line(&last, out);
        }
        self.passing = false;
    }

    /// One line (with its line end, if any).
    fn line(&mut self, line: &[u8], out: &mut Vec<u8>) {
        let body_len = line.strip_suffix(b"\n").map_or(line.len(), |b| {
            b.strip_suffix(b"\r").map_or(b.len(), <[u8]>::len)
        });
        let (body, end) = line.split_at(body_len);
        if body
            .strip_prefix(b"\xef\xbb\xbf")
            .unwrap_or(body)
            .starts_with(b"#")
        {
            // A directive: only `#Fields:` holds the separator (between column names).
            for &b in body {
                out.push(if b == self.sep { b',' } else { b });
            }
        } else {
            let mut fields = std::mem::take(&mut self.fields);
            split(body, self.sep, &mut fields);
            for (i, field) in fields.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                if field.iter().any(|&b| b == b',' || b == b'"') {
                    out.push(b'"');
                    for &b in field {
                        if b == b'"' {
                            out.push(b'"');
                        }
                        out.push(b);
                    }
                    out.push(b'"');
                } else {
                    out.extend_from_slice(field);
                }
            }
            self.fields = fields;
        }
        out.extend_from_slice(end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMMAS: &str = "#Software: Microsoft Exchange Server\r\n#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context\r\n2024-05-02T06:00:09.200Z,Outbound to Office 365,08DC6A0000000008,3,10.0.0.6:28252,52.101.39.14:25,<,\"220 BN8NAM11FT066.mail.protection.outlook.com Microsoft ESMTP MAIL Service ready at Thu, 2 May 2024 06:00:09 +0000\",\r\n2024-05-02T06:00:09.700Z,Outbound to Office 365,08DC6A0000000008,8,10.0.0.6:28252,52.101.39.14:25,*,\"CN=mail.contoso.com, O=Contoso; Ltd, C=US\",Certificate subject\r\n2024-05-02T06:00:09.710Z,Outbound to Office 365,08DC6A0000000008,9,10.0.0.6:28252,52.101.39.14:25,*,\"say \"\"\"\"hi\"\"\"\"\",\r\n";

    /// What Excel writes for the log above with `;` (or tab) as its list separator: fields
    /// holding the separator or a quote quoted, others (commas and all) bare.
    fn excel(sep: char) -> String {
        let s = sep;
        format!(
            "#Software: Microsoft Exchange Server\r\n#Fields: date-time{s}connector-id{s}session-id{s}sequence-number{s}local-endpoint{s}remote-endpoint{s}event{s}data{s}context\r\n2024-05-02T06:00:09.200Z{s}Outbound to Office 365{s}08DC6A0000000008{s}3{s}10.0.0.6:28252{s}52.101.39.14:25{s}<{s}220 BN8NAM11FT066.mail.protection.outlook.com Microsoft ESMTP MAIL Service ready at Thu, 2 May 2024 06:00:09 +0000{s}\r\n2024-05-02T06:00:09.700Z{s}Outbound to Office 365{s}08DC6A0000000008{s}8{s}10.0.0.6:28252{s}52.101.39.14:25{s}*{s}{}{s}Certificate subject\r\n2024-05-02T06:00:09.710Z{s}Outbound to Office 365{s}08DC6A0000000008{s}9{s}10.0.0.6:28252{s}52.101.39.14:25{s}*{s}\"say \"\"\"\"hi\"\"\"\"\"{s}\r\n",
            if sep == ';' { "\"CN=mail.contoso.com, O=Contoso; Ltd, C=US\"" } else { "CN=mail.contoso.com, O=Contoso; Ltd, C=US" }
        )
    }

    fn rewrite(text: &[u8], sep: u8, slice: usize) -> Vec<u8> {
        let mut r = Recomma::new(sep);
        let mut out = Vec::new();
        for piece in text.chunks(slice.max(1)) {
            r.push(piece, &mut out);
        }
        r.finish(&mut out);
        out
    }

    #[test]
    fn excel_saves_read_back_as_the_comma_separated_log() {
        for (sep, byte) in [(';', b';'), ('\t', b'\t')] {
            let saved = excel(sep);
            assert_eq!(separator_of(saved.as_bytes()), Some(byte));
            for slice in [1, 2, 7, 64, 4096] {
                let back = rewrite(saved.as_bytes(), byte, slice);
                assert_eq!(
                    String::from_utf8(back).unwrap(),
                    COMMAS,
                    "{sep:?}, slices of {slice}"
                );
            }
        }
        assert_eq!(separator_of(COMMAS.as_bytes()), None);
    }

    /// Header-less rows (an excerpt) are told by their 7th field; text that is no log has no
    /// separator; a last line without its line end is rewritten too.
    #[test]
    fn rows_without_a_header_and_the_last_line() {
        let rows = "2024-05-02T06:00:09.500Z;Outbound to Office 365;08DC6A0000000008;6;10.0.0.6:28252;52.101.39.14:25;>;STARTTLS;\n2024-05-02T06:00:09.700Z;Outbound to Office 365;08DC6A0000000008;8;10.0.0.6:28252;52.101.39.14:25;*;;TLS negotiation failed with error NoCredentials";
        assert_eq!(separator_of(rows.as_bytes()), Some(b';'));
        let back = String::from_utf8(rewrite(rows.as_bytes(), b';', 5)).unwrap();
        assert_eq!(back, rows.replace(';', ","));
        assert_eq!(separator_of(b"a;b;c\n1;2;3\n"), None);
        assert_eq!(separator_of(b""), None);
        assert_eq!(
            separator_of("#Fields: date-time\tconnector-id\n".as_bytes()),
            Some(b'\t')
        );
    }

    /// A line over the cap is passed on unchanged (the reader then reports it as over-long) and
    /// memory stays bounded; the lines after it are rewritten again.
    #[test]
    fn an_overlong_line_is_passed_on() {
        let long = vec![b'x'; MAX_LOG_LINE_BYTES + 10];
        let mut text = long.clone();
        text.extend_from_slice(b"\na;b\n");
        let mut r = Recomma::new(b';');
        let mut out = Vec::new();
        for piece in text.chunks(1 << 16) {
            r.push(piece, &mut out);
            assert!(r.pending.len() <= MAX_LOG_LINE_BYTES + (1 << 16));
        }
        r.finish(&mut out);
        assert_eq!(&out[..long.len()], &long[..]);
        assert_eq!(&out[long.len()..], b"\na,b\n");
    }

    /// On random text of the bytes that matter (separators, quotes, commas, line ends), cut at
    /// random: the same output whatever the cut, never more than twice the input plus two bytes
    /// a line, and nothing panics.
    #[test]
    fn random_text_rewrites_the_same_whatever_the_slices() {
        let mut rng = crate::log::genlog::Rng::new(0x005E_ED0F_5EC5);
        let alphabet: &[u8] = b";;;\t,\"\"\r\n\nab \xc3\xa9#";
        for round in 0..300 {
            let text = rng.line(alphabet, 1 + round * 3);
            for sep in [b';', b'\t'] {
                let whole = rewrite(&text, sep, text.len().max(1));
                let lines = text.iter().filter(|&&b| b == b'\n').count() + 1;
                assert!(whole.len() <= 2 * text.len() + 2 * lines, "{text:?}");
                for slice in [1, 2, 3, 5, 17] {
                    assert_eq!(
                        rewrite(&text, sep, slice),
                        whole,
                        "{text:?} in slices of {slice}"
                    );
                }
            }
        }
    }
}
