//! Streaming line splitter for protocol logs: bytes come in slices of any size and any
//! boundary (a slice may end inside a line, inside a CRLF pair or inside a UTF-8 sequence);
//! whole lines come out, numbered from 1, without their `\n` / `\r\n` terminator.
//!
//! * A UTF-8 byte order mark (EF BB BF) at the start of the file is dropped.
//! * A line longer than [`crate::limits::MAX_LOG_LINE_BYTES`] is not kept: it is reported as
//!   [`Line::TooLong`] (its number still counts), and memory stays bounded by the cap.
//! * The last line may lack a terminator; [`LineSplitter::finish`] hands it out marked
//!   `terminated: false` so the caller can tell a cut-off row from a complete one.
//!
//! * Each line comes with [`LineFlags`]: whether it holds a NUL byte (binary data) or a `"` (CSV
//!   quoting), found in the same `memchr3` pass that finds the line ends, so the row reader
//!   does not scan the line again for them.
//!
//! Only the tail of the previous slice (one partial line, at most the cap) is ever held.
//! Written by hand rather than with `BufRead::lines`: the bytes are pushed to us (the page hands
//! over `File.slice()` chunks, the CLI reads chunks), lines are handed out as borrowed slices
//! without an allocation per line, and an over-long line is dropped while it streams in.

use crate::limits::MAX_LOG_LINE_BYTES;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// What the line-end scan saw inside a line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LineFlags {
    /// The line holds a NUL byte.
    pub nul: bool,
    /// The line holds a `"`.
    pub quote: bool,
}

impl LineFlags {
    /// The flags of a line that did not come through the splitter.
    pub fn scan(bytes: &[u8]) -> LineFlags {
        LineFlags {
            nul: memchr::memchr(0, bytes).is_some(),
            quote: memchr::memchr(b'"', bytes).is_some(),
        }
    }

    fn or(self, other: LineFlags) -> LineFlags {
        LineFlags {
            nul: self.nul || other.nul,
            quote: self.quote || other.quote,
        }
    }
}

/// One line handed to the sink.
#[derive(Debug, PartialEq, Eq)]
pub enum Line<'a> {
    /// A line within the cap. `bytes` has no `\n` and no trailing `\r`.
    Text {
        number: u64,
        bytes: &'a [u8],
        terminated: bool,
        flags: LineFlags,
        /// `bytes` as text, when the splitter already knows them to be UTF-8 (a line inside
        /// a slice whose bytes up to it were valid); `None` leaves the check to the caller.
        text: Option<&'a str>,
    },
    /// A line over the cap; its content was dropped.
    TooLong { number: u64, terminated: bool },
}

/// Splits a byte stream into lines, holding at most one partial line.
#[derive(Debug)]
pub struct LineSplitter {
    /// The partial line carried over from earlier slices.
    pending: Vec<u8>,
    /// The partial line already exceeded the cap: its bytes are being discarded.
    pending_too_long: bool,
    /// Flags of the bytes in `pending`.
    pending_flags: LineFlags,
    /// Number of the last line handed out.
    number: u64,
    /// Bytes seen so far (to recognise the BOM only at the very start).
    seen: u64,
    cap: usize,
}

impl Default for LineSplitter {
    fn default() -> Self {
        Self::new()
    }
}

impl LineSplitter {
    pub fn new() -> Self {
        Self::with_cap(MAX_LOG_LINE_BYTES)
    }

    /// A splitter with a different line cap (tests use small caps).
    pub fn with_cap(cap: usize) -> Self {
        LineSplitter {
            pending: Vec::new(),
            pending_too_long: false,
            pending_flags: LineFlags::default(),
            number: 0,
            seen: 0,
            cap,
        }
    }

    /// Lines handed out so far.
    pub fn lines(&self) -> u64 {
        self.number
    }

    /// Feeds the next slice; calls `sink` once per completed line.
    ///
    /// One pass over the slice: `memchr3` stops at line ends, NUL bytes and quotes; the last two
    /// only set the current line's flags. The slice is checked to be UTF-8 once, as a whole
    /// (from its second line up to its first invalid byte, if any): every line inside the valid
    /// part comes out with its text, so no line is checked again on its own.
    pub fn push(&mut self, chunk: &[u8], mut sink: impl FnMut(Line<'_>)) {
        self.seen += chunk.len() as u64;
        // The check starts after the slice's first line end: the bytes before it may continue a
        // line (and a character) from the previous slice. That first line is left to the caller.
        let from = memchr::memchr(b'\n', chunk).map_or(chunk.len(), |i| i + 1);
        let rest = chunk.get(from..).unwrap_or(&[]);
        let valid: &str = match std::str::from_utf8(rest) {
            Ok(text) => text,
            Err(e) => std::str::from_utf8(rest.get(..e.valid_up_to()).unwrap_or(&[])).unwrap_or(""),
        };
        let mut start = 0usize;
        let mut flags = LineFlags::default();
        for pos in memchr::memchr3_iter(b'\n', 0, b'"', chunk) {
            match chunk.get(pos) {
                Some(b'\n') => {
                    let head = chunk.get(start..pos).unwrap_or(&[]);
                    if self.pending.is_empty() && !self.pending_too_long {
                        // Fast path: the whole line lies inside this slice, no copy.
                        let text = match (start.checked_sub(from), pos.checked_sub(from)) {
                            (Some(a), Some(b)) => valid.get(a..b),
                            _ => None,
                        };
                        self.emit_slice(head, text, true, flags, &mut sink);
                    } else {
                        self.append_pending(head, flags);
                        self.emit_pending(true, &mut sink);
                    }
                    start = pos + 1;
                    flags = LineFlags::default();
                }
                Some(0) => flags.nul = true,
                _ => flags.quote = true,
            }
        }
        self.append_pending(chunk.get(start..).unwrap_or(&[]), flags);
    }

    /// The input is complete: hands out a last line that has no terminator, if any.
    pub fn finish(&mut self, mut sink: impl FnMut(Line<'_>)) {
        if !self.pending.is_empty() || self.pending_too_long {
            self.emit_pending(false, &mut sink);
        }
    }

    fn append_pending(&mut self, bytes: &[u8], flags: LineFlags) {
        if self.pending_too_long || bytes.is_empty() {
            return;
        }
        self.pending_flags = self.pending_flags.or(flags);
        // One byte of slack for a trailing `\r` that is not part of the content.
        if self.pending.len() + bytes.len() > self.cap + 1 {
            self.pending.clear();
            self.pending.shrink_to(4096);
            self.pending_too_long = true;
        } else {
            self.pending.extend_from_slice(bytes);
        }
    }

    fn emit_pending(&mut self, terminated: bool, sink: &mut impl FnMut(Line<'_>)) {
        let pending = std::mem::take(&mut self.pending);
        let flags = std::mem::take(&mut self.pending_flags);
        if self.pending_too_long {
            self.pending_too_long = false;
            self.number += 1;
            sink(Line::TooLong {
                number: self.number,
                terminated,
            });
        } else {
            self.emit_slice(&pending, None, terminated, flags, sink);
        }
        // Keep the allocation for the next partial line.
        self.pending = pending;
        self.pending.clear();
    }

    /// `text` is `line` as text when already known to be UTF-8.
    fn emit_slice(
        &mut self,
        line: &[u8],
        text: Option<&str>,
        terminated: bool,
        flags: LineFlags,
        sink: &mut impl FnMut(Line<'_>),
    ) {
        self.number += 1;
        let mut bytes = line;
        let mut from = 0;
        if self.number == 1 {
            if let Some(rest) = bytes.strip_prefix(BOM) {
                bytes = rest;
                from = BOM.len();
            }
        }
        if let Some(stripped) = bytes.strip_suffix(b"\r") {
            bytes = stripped;
        }
        let text = text.and_then(|t| t.get(from..from + bytes.len()));
        if bytes.len() > self.cap {
            sink(Line::TooLong {
                number: self.number,
                terminated,
            });
        } else {
            sink(Line::Text {
                number: self.number,
                bytes,
                terminated,
                flags,
                text,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Collects (number, text or None for too long, terminated).
    fn split(chunks: &[&[u8]], cap: usize) -> Vec<(u64, Option<String>, bool)> {
        split_with_flags(chunks, cap)
            .into_iter()
            .map(|(n, t, term, _)| (n, t, term))
            .collect()
    }

    /// Same, with each line's flags.
    fn split_with_flags(
        chunks: &[&[u8]],
        cap: usize,
    ) -> Vec<(u64, Option<String>, bool, LineFlags)> {
        let mut s = LineSplitter::with_cap(cap);
        let mut out = Vec::new();
        let mut sink = |l: Line<'_>| match l {
            Line::Text {
                number,
                bytes,
                terminated,
                flags,
                text,
            } => {
                // The text the splitter hands out is exactly the line's bytes, when it has one.
                if let Some(t) = text {
                    assert_eq!(t.as_bytes(), bytes);
                }
                out.push((
                    number,
                    Some(String::from_utf8_lossy(bytes).into_owned()),
                    terminated,
                    flags,
                ))
            }
            Line::TooLong { number, terminated } => {
                out.push((number, None, terminated, LineFlags::default()))
            }
        };
        for c in chunks {
            s.push(c, &mut sink);
        }
        s.finish(&mut sink);
        out
    }

    #[test]
    fn crlf_lf_and_bom_are_handled() {
        let got = split(&[b"\xEF\xBB\xBF#Fields: a\r\nrow1\nrow2\r\n"], 100);
        assert_eq!(
            got,
            vec![
                (1, Some("#Fields: a".into()), true),
                (2, Some("row1".into()), true),
                (3, Some("row2".into()), true)
            ]
        );
    }

    #[test]
    fn every_split_point_gives_the_same_lines() {
        let text = "\u{feff}a,b\r\nübër,\"x\"\r\n\r\nlast".as_bytes();
        let whole = split(&[text], 100);
        for i in 0..=text.len() {
            for j in i..=text.len() {
                let got = split(&[&text[..i], &text[i..j], &text[j..]], 100);
                assert_eq!(got, whole, "split at {i},{j}");
            }
        }
        assert_eq!(whole.len(), 4);
        assert_eq!(whole[0].1.as_deref(), Some("a,b"));
        assert_eq!(whole[1].1.as_deref(), Some("übër,\"x\""));
        assert_eq!(whole[2].1.as_deref(), Some(""));
        assert_eq!(whole[3], (4, Some("last".into()), false));
    }

    /// Lines inside one slice come with their text when the slice is UTF-8 from its second line up
    /// to them; a slice's first line, a line after an invalid byte, or one carried over from an
    /// earlier slice leaves the check to the caller.
    #[test]
    fn text_is_handed_out_for_lines_in_the_valid_part_of_a_slice() {
        let mut got = Vec::new();
        let mut s = LineSplitter::with_cap(100);
        let mut sink = |l: Line<'_>| {
            if let Line::Text { bytes, text, .. } = l {
                got.push((bytes.to_vec(), text.map(str::to_string)));
            }
        };
        s.push(b"\xEF\xBB\xBFa\xC3\xBC\r\nb\n\xFFc\nd\ne", &mut sink);
        s.push(b"f\n\xC3", &mut sink);
        s.push(b"\xBCg\n", &mut sink);
        // A slice that starts inside a character (the previous one ended in its first byte):
        // the lines after its first line end still come with their text.
        s.push(b"\xA9h\n\xC3\xA9i\nj\n", &mut sink);
        s.finish(&mut sink);
        let want: Vec<(Vec<u8>, Option<String>)> = vec![
            (b"a\xC3\xBC".to_vec(), None),
            (b"b".to_vec(), Some("b".into())),
            (b"\xFFc".to_vec(), None),
            (b"d".to_vec(), None),
            (b"ef".to_vec(), None),
            ("üg".as_bytes().to_vec(), None),
            (b"\xA9h".to_vec(), None),
            ("éi".as_bytes().to_vec(), Some("éi".into())),
            (b"j".to_vec(), Some("j".into())),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn overlong_lines_are_reported_and_not_kept() {
        let long = vec![b'x'; 50];
        // Whole line in one slice.
        let got = split(&[b"ok\n", &long, b"\nafter\n"], 10);
        assert_eq!(
            got,
            vec![
                (1, Some("ok".into()), true),
                (2, None, true),
                (3, Some("after".into()), true)
            ]
        );
        // Same line fed one byte at a time: pending buffer never exceeds the cap.
        let mut s = LineSplitter::with_cap(10);
        let mut n = 0;
        for b in long.iter().chain(b"\nz") {
            s.push(std::slice::from_ref(b), |_| n += 1);
            assert!(s.pending.len() <= 11);
        }
        let mut last = None;
        s.finish(|l| last = Some(format!("{l:?}")));
        assert_eq!(n, 1);
        assert_eq!(
            last.as_deref(),
            Some(
                "Text { number: 2, bytes: [122], terminated: false, flags: LineFlags { nul: false, quote: false }, text: None }"
            )
        );
    }

    #[test]
    fn cap_counts_content_not_the_cr() {
        let got = split(&[b"0123456789\r\n"], 10);
        assert_eq!(got, vec![(1, Some("0123456789".into()), true)]);
        let got = split(&[b"0123456789", b"\r\n"], 10);
        assert_eq!(got, vec![(1, Some("0123456789".into()), true)]);
    }

    #[test]
    fn nul_and_quote_flags_belong_to_their_line_at_every_split_point() {
        // A Receive-log row with a quoted banner, a row with a NUL (a log cut by a crash), a
        // plain row, and a quoted last line without terminator.
        let text: &[u8] = b"t,c,s,1,a,b,>,\"220 mail.contoso.com ready\",\r\nt,c,s\0,2\r\nt,c,s,3,a,b,<,QUIT,\n\"x";
        let flags = |nul, quote| LineFlags { nul, quote };
        let whole = split_with_flags(&[text], 100);
        let got_flags: Vec<LineFlags> = whole.iter().map(|l| l.3).collect();
        assert_eq!(
            got_flags,
            vec![
                flags(false, true),
                flags(true, false),
                flags(false, false),
                flags(false, true)
            ]
        );
        for i in 0..=text.len() {
            for j in i..=text.len() {
                let got = split_with_flags(&[&text[..i], &text[i..j], &text[j..]], 100);
                assert_eq!(got, whole, "split at {i},{j}");
            }
        }
    }
}
