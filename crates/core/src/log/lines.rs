//! Streaming line splitter for protocol logs: bytes come in slices of any size and any
//! boundary (a slice may end inside a line, inside a CRLF pair or inside a UTF-8 sequence);
//! whole lines come out, numbered from 1, without their `\n` / `\r\n` terminator.
//!
//! * A UTF-8 byte order mark (EF BB BF) at the start of a line is dropped: the file's own, and
//!   that of each file appended to it (several logs concatenated into one).
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

use super::csv::Span;
use super::scan;
use crate::limits::MAX_LOG_LINE_BYTES;

/// Fields kept per line while scanning; a line with more (no Exchange log has over a dozen
/// columns) is split by the caller, so a long run of commas cannot grow memory.
const MAX_FIELDS: usize = 64;

const NO_SPAN: Span = Span {
    start: 0,
    end: 0,
    has_escaped_quotes: false,
};

/// Where the scan of one slice stands.
struct Cursor<'a> {
    chunk: &'a [u8],
    /// Where the slice's checked text begins, and the text.
    from: usize,
    valid: &'a str,
    /// The current line's first byte, and its current field's.
    start: usize,
    field_start: usize,
    flags: LineFlags,
    /// Where the current field stands in its quoting.
    field: Field,
    /// The current line's fields so far: the first `count` of `fields`. A fixed array rather
    /// than a `Vec`: no capacity check per comma.
    fields: [Span; MAX_FIELDS],
    count: usize,
    /// More than [`MAX_FIELDS`] fields: the spans are incomplete.
    fields_lost: bool,
}

impl Cursor<'_> {
    /// Adds the field `from..to` (slice positions) of the current line.
    #[inline(always)]
    fn push(&mut self, from: usize, to: usize, escaped: bool) {
        match self.fields.get_mut(self.count) {
            Some(span) => {
                *span = Span {
                    start: from - self.start,
                    end: to - self.start,
                    has_escaped_quotes: escaped,
                };
                self.count += 1;
            }
            None => self.fields_lost = true,
        }
    }
}

/// The quoting state of the field being scanned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    /// Unquoted (a `"` inside is literal), or not begun.
    Plain,
    /// Inside quotes that opened at the field's first byte.
    Open { escaped: bool },
    /// A `"` at `quote` inside quotes: it closes the field unless the next byte is `"` too.
    MaybeClosed { quote: usize, escaped: bool },
    /// Text after a closing quote: the line is not well-formed CSV.
    Broken,
}

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
        /// The line's fields as [`super::csv::split_bytes_into`] splits them, when the splitter
        /// found them on its way (a line within one slice, not behind a byte order mark, of at
        /// most 64 fields, well-formed quoting); `None` leaves the split to the caller.
        fields: Option<&'a [Span]>,
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
            cap,
        }
    }

    /// Lines handed out so far.
    pub fn lines(&self) -> u64 {
        self.number
    }

    /// Feeds the next slice; calls `sink` once per completed line.
    ///
    /// One pass over the slice, 64 bytes at a time ([`scan`]): line ends, NUL bytes, quotes and
    /// commas are found together. NUL and quote only set the current line's flags; the commas
    /// become the line's field spans, handed out with it so the row reader does not split it
    /// again. The slice is checked to be UTF-8 once, as a whole (from its second line up to its
    /// first invalid byte, if any): every line inside the valid part comes out with its text, so
    /// no line is checked again on its own. Gives that checked part (positions in `chunk`).
    pub fn push(&mut self, chunk: &[u8], mut sink: impl FnMut(Line<'_>)) -> std::ops::Range<usize> {
        // The check starts after the slice's first line end: the bytes before it may continue a
        // line (and a character) from the previous slice. That first line is left to the caller.
        let from = memchr::memchr(b'\n', chunk).map_or(chunk.len(), |i| i + 1);
        let rest = chunk.get(from..).unwrap_or(&[]);
        // `simdutf8` rather than `std::str::from_utf8`: 32 bytes per step (AVX2 natively,
        // SIMD128 in the page), where std's ASCII fast path takes 8.
        let valid: &str = match simdutf8::compat::from_utf8(rest) {
            Ok(text) => text,
            Err(e) => std::str::from_utf8(rest.get(..e.valid_up_to()).unwrap_or(&[])).unwrap_or(""),
        };
        let mut cursor = Cursor {
            chunk,
            from,
            valid,
            start: 0,
            field_start: 0,
            flags: LineFlags::default(),
            field: Field::Plain,
            fields: [NO_SPAN; MAX_FIELDS],
            count: 0,
            fields_lost: false,
        };
        let mut blocks = chunk.chunks_exact(scan::BLOCK);
        let mut base = 0usize;
        for block in &mut blocks {
            let masks = match <&[u8; scan::BLOCK]>::try_from(block) {
                Ok(block) => scan::block(block),
                Err(_) => scan::tail(block),
            };
            self.block(masks, base, &mut cursor, &mut sink);
            base += scan::BLOCK;
        }
        let rest = blocks.remainder();
        if !rest.is_empty() {
            self.block(scan::tail(rest), base, &mut cursor, &mut sink);
        }
        self.append_pending(chunk.get(cursor.start..).unwrap_or(&[]), cursor.flags);
        from..from + valid.len()
    }

    /// The line cap this splitter was made with.
    pub(crate) fn cap(&self) -> usize {
        self.cap
    }

    /// The state between two slices, in parts: the partial line carried, whether it is over the
    /// cap, its flags, the number of the last line handed out ([`super::prepared`] carries it
    /// from one worker to another).
    pub(crate) fn parts(&self) -> (&[u8], bool, LineFlags, u64) {
        (
            &self.pending,
            self.pending_too_long,
            self.pending_flags,
            self.number,
        )
    }

    /// Takes the state of [`LineSplitter::parts`]; `None` if it cannot be this splitter's (a
    /// partial line over the cap).
    pub(crate) fn set_parts(
        &mut self,
        pending: &[u8],
        too_long: bool,
        flags: LineFlags,
        number: u64,
    ) -> Option<()> {
        if pending.len() > self.cap + 1 || (too_long && !pending.is_empty()) {
            return None;
        }
        self.pending.clear();
        self.pending.extend_from_slice(pending);
        self.pending_too_long = too_long;
        self.pending_flags = flags;
        self.number = number;
        Some(())
    }

    /// The events of one block, in byte order. The fields are split as
    /// [`super::csv::split_bytes_into`] splits them (RFC 4180 §2 quoting), one event at a time;
    /// a line that function would refuse, or one with too many fields, gets no spans.
    #[inline(always)]
    fn block(
        &mut self,
        masks: scan::Masks,
        base: usize,
        c: &mut Cursor<'_>,
        sink: &mut impl FnMut(Line<'_>),
    ) {
        if masks.special == 0 && c.field == Field::Plain {
            // The common block: no quote and no NUL, so every field stays plain. The field's
            // start and count live in locals (registers) between line ends, and the loop only
            // tells commas from line ends: about a third of the general loop's work per comma.
            let mut events = masks.newline | masks.comma;
            let mut field_start = c.field_start;
            let mut count = c.count;
            while events != 0 {
                let bit = events.trailing_zeros();
                events &= events - 1;
                let pos = base + bit as usize;
                if masks.newline & (1u64 << bit) == 0 {
                    match c.fields.get_mut(count) {
                        Some(span) => {
                            *span = Span {
                                start: field_start - c.start,
                                end: pos - c.start,
                                has_escaped_quotes: false,
                            };
                            count += 1;
                        }
                        None => c.fields_lost = true,
                    }
                    field_start = pos + 1;
                } else {
                    c.field_start = field_start;
                    c.count = count;
                    self.line_end(pos, c, sink);
                    field_start = c.field_start;
                    count = c.count;
                }
            }
            c.field_start = field_start;
            c.count = count;
            return;
        }
        let mut events = masks.newline | masks.comma | masks.special;
        while events != 0 {
            let bit = events.trailing_zeros();
            let one = 1u64 << bit;
            events &= events - 1;
            let pos = base + bit as usize;
            if masks.comma & one != 0 {
                match c.field {
                    Field::Plain => {
                        c.push(c.field_start, pos, false);
                        c.field_start = pos + 1;
                    }
                    Field::Open { .. } | Field::Broken => {}
                    Field::MaybeClosed { quote, escaped } => {
                        if pos == quote + 1 {
                            c.push(c.field_start + 1, quote, escaped);
                            c.field_start = pos + 1;
                            c.field = Field::Plain;
                        } else {
                            c.field = Field::Broken;
                        }
                    }
                }
            } else if masks.newline & one != 0 {
                self.line_end(pos, c, sink);
            } else if c.chunk.get(pos) == Some(&0) {
                c.flags.nul = true;
                if matches!(c.field, Field::MaybeClosed { .. }) {
                    c.field = Field::Broken;
                }
            } else {
                c.flags.quote = true;
                c.field = match c.field {
                    Field::Plain if pos == c.field_start => Field::Open { escaped: false },
                    Field::Open { escaped } => Field::MaybeClosed {
                        quote: pos,
                        escaped,
                    },
                    Field::MaybeClosed { quote, .. } if pos == quote + 1 => {
                        Field::Open { escaped: true }
                    }
                    Field::MaybeClosed { .. } => Field::Broken,
                    other => other,
                };
            }
        }
    }

    /// A line end at `pos` of the slice.
    #[inline(always)]
    fn line_end(&mut self, pos: usize, c: &mut Cursor<'_>, sink: &mut impl FnMut(Line<'_>)) {
        let head = c.chunk.get(c.start..pos).unwrap_or(&[]);
        if self.pending.is_empty() && !self.pending_too_long {
            // Fast path: the whole line lies inside this slice, no copy.
            let text = match (c.start.checked_sub(c.from), pos.checked_sub(c.from)) {
                (Some(a), Some(b)) => c.valid.get(a..b),
                _ => None,
            };
            // Where the content ends: `emit_slice` drops one `\r` before the `\n`.
            let end = if head.last() == Some(&b'\r') {
                pos - 1
            } else {
                pos
            };
            let split = match c.field {
                Field::Plain => {
                    c.push(c.field_start, end, false);
                    true
                }
                Field::MaybeClosed { quote, escaped } if quote + 1 == end => {
                    c.push(c.field_start + 1, quote, escaped);
                    true
                }
                _ => false,
            };
            let fields = (split && !c.fields_lost).then(|| c.fields.get(..c.count).unwrap_or(&[]));
            self.emit_slice(head, text, true, c.flags, fields, sink);
        } else {
            self.append_pending(head, c.flags);
            self.emit_pending(true, sink);
        }
        c.start = pos + 1;
        c.field_start = pos + 1;
        c.flags = LineFlags::default();
        c.field = Field::Plain;
        c.count = 0;
        c.fields_lost = false;
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
            self.emit_slice(&pending, None, terminated, flags, None, sink);
        }
        // Keep the allocation for the next partial line.
        self.pending = pending;
        self.pending.clear();
    }

    /// `text` is `line` as text when already known to be UTF-8; `fields`, the spans of its
    /// fields, counted from its first byte, when the line was split on the way.
    fn emit_slice(
        &mut self,
        line: &[u8],
        text: Option<&str>,
        terminated: bool,
        flags: LineFlags,
        fields: Option<&[Span]>,
        sink: &mut impl FnMut(Line<'_>),
    ) {
        self.number += 1;
        let mut bytes = line;
        let mut from = 0;
        // A byte order mark opens the file, or a file appended to another (`cat`, `Get-Content`
        // of several logs into one): dropped at the start of any line.
        if bytes.first() == Some(&0xEF) {
            if let Some(rest) = bytes.strip_prefix(BOM) {
                bytes = rest;
                from = BOM.len();
            }
        }
        if let Some(stripped) = bytes.strip_suffix(b"\r") {
            bytes = stripped;
        }
        let text = text.and_then(|t| t.get(from..from + bytes.len()));
        // The spans count from the line's first byte: a stripped byte order mark would shift them.
        let fields = fields.filter(|_| from == 0);
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
                fields,
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
                ..
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

    /// The spans the scan hands out are the ones `csv::split_bytes_into` finds on the line, at
    /// every split point; a line it refuses gets none. Within one slice every well-formed line
    /// but a first one behind a byte order mark gets them; a line carried over from an earlier
    /// slice, or one of over 64 fields, is left to the caller.
    #[test]
    fn field_spans_are_the_csv_splitters_at_every_split_point() {
        let many = ",".repeat(70);
        let lines: Vec<&[u8]> = vec![
            b"\xEF\xBB\xBFa,b",
            b"2024-05-02T00:00:04.078Z,EXCH01\\Default Frontend EXCH01,08DC,1,10.0.0.1:25,198.51.100.57:20082,>,\"220 mail.contoso.com ready at Thu, 2 May 2024\",",
            b"t,c,s,2,a,b,<,\"say \"\"hi\"\", then\",\"\"\r",
            b"\"\",x,\"\"\"\"",
            b"a\"b,c\"d,\"e\"",
            b"\"closed\"text,after",
            b"\"never closed,at all",
            b"\"a\"\r",
            b"\"a\"\"\r",
            b"x,\"q\",\r",
            b"\"n\0ul\",z",
            b"\"a\"\0,b",
            b",,",
            b"",
            b"\r",
            many.as_bytes(),
            b"last,\"one\"",
        ];
        let text: Vec<u8> = lines.join(&b"\n"[..]);
        let scan = |chunks: &[&[u8]]| {
            let mut got: Vec<(Vec<u8>, Option<Vec<Span>>)> = Vec::new();
            let mut s = LineSplitter::with_cap(1000);
            let mut sink = |l: Line<'_>| {
                if let Line::Text { bytes, fields, .. } = l {
                    got.push((bytes.to_vec(), fields.map(<[Span]>::to_vec)));
                }
            };
            for c in chunks {
                s.push(c, &mut sink);
            }
            s.finish(&mut sink);
            got
        };
        let csv = |bytes: &[u8]| {
            let mut spans = Vec::new();
            crate::log::csv::split_bytes_into(bytes, &mut spans)
                .ok()
                .map(|()| spans)
        };
        let whole = scan(&[&text]);
        assert_eq!(whole.len(), lines.len());
        for (i, (bytes, fields)) in whole.iter().enumerate() {
            let want = csv(bytes);
            // In one slice: spans for every line the CSV splitter takes, but the first (behind
            // a byte order mark), the one of 71 fields and the last (no line end).
            let expected = match i {
                0 => None,
                _ if i == lines.len() - 2 || i == lines.len() - 1 => None,
                _ => want.clone(),
            };
            assert_eq!(
                fields,
                &expected,
                "line {i}: {:?}",
                String::from_utf8_lossy(bytes)
            );
        }
        assert!(whole[1].1.as_ref().is_some_and(|f| f.len() == 9));
        assert!(whole[2].1.as_ref().is_some_and(|f| f[7].has_escaped_quotes));
        assert!(
            whole[5].1.is_none() && whole[6].1.is_none(),
            "refused lines get no spans"
        );
        for i in 0..=text.len() {
            for j in (i..=text.len()).step_by(7) {
                for (bytes, fields) in scan(&[&text[..i], &text[i..j], &text[j..]]) {
                    if let Some(fields) = fields {
                        assert_eq!(Some(fields), csv(&bytes), "split at {i},{j}");
                    }
                }
            }
        }
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
                "Text { number: 2, bytes: [122], terminated: false, flags: LineFlags { nul: false, quote: false }, text: None, fields: None }"
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
