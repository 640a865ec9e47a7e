//! A protocol log's line pass, run ahead on another thread (or Web Worker) than the analysis.
//!
//! Reading a log has a part that needs nothing but the slice's bytes — finding line ends, NUL
//! bytes and quotes, splitting the fields, checking UTF-8 ([`LineSplitter`]: about a third of
//! the work on a Send log) — and a part that needs everything read before (sessions, TLS notes,
//! facts: [`super::LogCollector`]). A [`Preparer`] runs the first part over a file's slices, in
//! order, and records what the splitter hands out as a [`Prepared`]: per line its place in the
//! slice, flags, whether it is UTF-8, its field spans; and the splitter's state before and
//! after the slice. [`super::LogCollector::push_prepared`] then replays exactly those lines
//! into the same row path it runs for bytes, so the facts are those of reading the bytes by
//! construction; it takes a `Prepared` only when the state before matches its own (the
//! preparer saw the same bytes before), and otherwise reads the slice's bytes itself.
//!
//! The CLI runs a preparer on a second thread; the page runs it in its reader worker and sends
//! a `Prepared` with each slice as bytes ([`Prepared::to_bytes`], [`Prepared::from_bytes`]:
//! little-endian `u32` words, checked on the way in, so a damaged message is refused, never
//! misread). Written by hand: it is a dozen fields, and a serialisation crate in both workers
//! would cost more page weight than it saves code.

use super::csv::Span;
use super::lines::{Line, LineFlags, LineSplitter};

/// The state of a [`LineSplitter`] between two slices, as [`LineSplitter::parts`] gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct State {
    pending: Vec<u8>,
    too_long: bool,
    flags: LineFlags,
    number: u64,
}

impl State {
    fn of(splitter: &LineSplitter) -> State {
        let (pending, too_long, flags, number) = splitter.parts();
        State {
            pending: pending.to_vec(),
            too_long,
            flags,
            number,
        }
    }

    fn is(&self, splitter: &LineSplitter) -> bool {
        let (pending, too_long, flags, number) = splitter.parts();
        self.number == number
            && self.too_long == too_long
            && self.flags == flags
            && self.pending == pending
    }
}

/// One line as the splitter handed it out. `start..end` are positions in the slice, or in
/// [`Prepared::own`] for a line that began in an earlier slice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rec {
    start: u32,
    end: u32,
    /// Index of the line's first span in [`Prepared::spans`], and how many (`u32::MAX`: the
    /// line came without spans).
    spans_at: u32,
    spans_len: u32,
    bits: u8,
}

const TOO_LONG: u8 = 1;
const TERMINATED: u8 = 2;
const NUL: u8 = 4;
const QUOTE: u8 = 8;
/// The line is UTF-8 as the splitter found it (inside the slice's checked part).
const TEXT: u8 = 16;
/// The line's bytes are in [`Prepared::own`].
const OWN: u8 = 32;
const NO_SPANS: u32 = u32::MAX;

/// The line pass over one slice of a log, to be replayed by [`super::LogCollector::push_prepared`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prepared {
    /// Length of the slice it was made from.
    len: u32,
    before: State,
    after: State,
    /// The part of the slice the splitter checked to be UTF-8.
    checked: (u32, u32),
    recs: Vec<Rec>,
    /// Each field's start and end in its line, the end's top bit set when the field holds
    /// doubled quotes (a line is at most `MAX_LOG_LINE_BYTES`, far below 2³¹): a third of a
    /// [`Span`]'s size, which matters because the other thread writes them and this one reads
    /// them (the traffic between the two cores' caches is what the second thread costs).
    spans: Vec<[u32; 2]>,
    /// Bytes of lines that began in an earlier slice (at most one per slice).
    own: Vec<u8>,
}

/// Runs the line pass over the slices of one file, in order ([`Preparer::prepare`]).
#[derive(Debug, Default)]
pub struct Preparer {
    splitter: LineSplitter,
}

impl Preparer {
    pub fn new() -> Preparer {
        Preparer::default()
    }

    /// The line pass over the file's next slice. `None` for a slice over 4 GiB (positions are
    /// `u32`): the analysis then reads its bytes itself, and so must every later slice's.
    pub fn prepare(&mut self, chunk: &[u8]) -> Option<Prepared> {
        let len = u32::try_from(chunk.len()).ok()?;
        let before = State::of(&self.splitter);
        let base = chunk.as_ptr() as usize;
        let mut recs = Vec::with_capacity(chunk.len() / 128 + 1);
        let mut spans = Vec::with_capacity(chunk.len() / 12 + 1);
        let mut own = Vec::new();
        let checked = self.splitter.push(chunk, |line| match line {
            Line::TooLong { terminated, .. } => recs.push(Rec {
                start: 0,
                end: 0,
                spans_at: NO_SPANS,
                spans_len: 0,
                bits: TOO_LONG | if terminated { TERMINATED } else { 0 },
            }),
            Line::Text {
                bytes,
                terminated,
                flags,
                text,
                fields,
                ..
            } => {
                // Where the line's bytes lie: inside the slice (found by address, which needs
                // no unsafe code: a comparison of two numbers), else in the splitter's buffer
                // for a line begun in an earlier slice, copied out.
                let at = (bytes.as_ptr() as usize).wrapping_sub(base);
                let (start, mut bits) = if at <= chunk.len() && bytes.len() <= chunk.len() - at {
                    (at, 0)
                } else {
                    let at = own.len();
                    own.extend_from_slice(bytes);
                    (at, OWN)
                };
                bits |= if terminated { TERMINATED } else { 0 };
                bits |= if flags.nul { NUL } else { 0 };
                bits |= if flags.quote { QUOTE } else { 0 };
                bits |= if text.is_some() { TEXT } else { 0 };
                let (spans_at, spans_len) = match fields {
                    Some(f) => {
                        let at = spans.len() as u32;
                        spans.extend(f.iter().map(|s| {
                            [
                                s.start as u32,
                                s.end as u32 | u32::from(s.has_escaped_quotes) << 31,
                            ]
                        }));
                        (at, f.len() as u32)
                    }
                    None => (NO_SPANS, 0),
                };
                recs.push(Rec {
                    start: start as u32,
                    end: (start + bytes.len()) as u32,
                    spans_at,
                    spans_len,
                    bits,
                });
            }
        });
        Some(Prepared {
            len,
            before,
            after: State::of(&self.splitter),
            checked: (checked.start as u32, checked.end as u32),
            recs,
            spans,
            own,
        })
    }
}

impl Prepared {
    /// Hands each line of the slice `chunk` to `sink` as the splitter handed it out, and sets
    /// `splitter` to the state after the slice; `false` (and nothing done) when `splitter` is not
    /// in the state the preparer was in before the slice, or `chunk` is not the slice (its
    /// length, its UTF-8 check) this was made from.
    pub(crate) fn replay(
        &self,
        chunk: &[u8],
        splitter: &mut LineSplitter,
        mut sink: impl FnMut(Line<'_>),
    ) -> bool {
        let a = &self.after;
        if chunk.len() != self.len as usize
            || !self.before.is(splitter)
            || a.pending.len() > splitter.cap() + 1
            || (a.too_long && !a.pending.is_empty())
        {
            return false;
        }
        // The checked part is checked again here (the sink needs `&str`s): one pass with
        // `simdutf8`, as the splitter made it.
        let (from, to) = (self.checked.0 as usize, self.checked.1 as usize);
        let Some(valid) = chunk
            .get(from..to)
            .and_then(|b| simdutf8::basic::from_utf8(b).ok())
        else {
            return false;
        };
        // The spans of the line being handed out, widened from `spans`.
        let mut line_spans: Vec<Span> = Vec::with_capacity(16);
        for (number, rec) in (self.before.number + 1..).zip(&self.recs) {
            let terminated = rec.bits & TERMINATED != 0;
            if rec.bits & TOO_LONG != 0 {
                sink(Line::TooLong { number, terminated });
                continue;
            }
            let (start, end) = (rec.start as usize, rec.end as usize);
            let source = if rec.bits & OWN != 0 {
                &self.own[..]
            } else {
                chunk
            };
            let bytes = source.get(start..end).unwrap_or(&[]);
            let text = if rec.bits & (TEXT | OWN) == TEXT {
                start
                    .checked_sub(from)
                    .and_then(|a| valid.get(a..a + bytes.len()))
            } else {
                None
            };
            let fields = if rec.spans_at == NO_SPANS {
                None
            } else {
                let at = rec.spans_at as usize;
                let compact = self.spans.get(at..at + rec.spans_len as usize);
                line_spans.clear();
                line_spans.extend(compact.unwrap_or(&[]).iter().map(|&[start, end]| Span {
                    start: start as usize,
                    end: (end & !(1 << 31)) as usize,
                    has_escaped_quotes: end >> 31 != 0,
                }));
                compact.map(|_| &line_spans[..])
            };
            sink(Line::Text {
                number,
                bytes,
                terminated,
                flags: LineFlags {
                    nul: rec.bits & NUL != 0,
                    quote: rec.bits & QUOTE != 0,
                },
                text,
                fields,
            });
        }
        // Checked above: the state fits.
        splitter
            .set_parts(&a.pending, a.too_long, a.flags, a.number)
            .is_some()
    }

    /// Lines in the slice (the last one possibly cut by the slice's end, carried to the next).
    pub fn lines(&self) -> usize {
        self.recs.len()
    }

    /// As bytes, to send to another worker.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer(Vec::with_capacity(
            64 + self.recs.len() * 20 + self.spans.len() * 8 + self.own.len(),
        ));
        w.u32(MAGIC);
        w.u32(self.len);
        for s in [&self.before, &self.after] {
            w.u32(s.number as u32);
            w.u32((s.number >> 32) as u32);
            w.u32(
                u32::from(s.too_long) | u32::from(s.flags.nul) << 1 | u32::from(s.flags.quote) << 2,
            );
            w.bytes(&s.pending);
        }
        w.u32(self.checked.0);
        w.u32(self.checked.1);
        w.u32(self.recs.len() as u32);
        for r in &self.recs {
            w.u32(r.start);
            w.u32(r.end);
            w.u32(r.spans_at);
            w.u32(r.spans_len);
            w.u32(u32::from(r.bits));
        }
        w.u32(self.spans.len() as u32);
        for &[start, end] in &self.spans {
            w.u32(start);
            w.u32(end);
        }
        w.bytes(&self.own);
        w.0
    }

    /// Reads [`Prepared::to_bytes`]; `None` for anything else (a damaged or foreign message),
    /// and for positions that do not fit the slice (so a replay never reads past it).
    pub fn from_bytes(bytes: &[u8]) -> Option<Prepared> {
        let mut r = Reader(bytes);
        if r.u32()? != MAGIC {
            return None;
        }
        let len = r.u32()?;
        let mut state = || -> Option<State> {
            let number = u64::from(r.u32()?) | u64::from(r.u32()?) << 32;
            let bits = r.u32()?;
            let pending = r.bytes()?.to_vec();
            Some(State {
                pending,
                too_long: bits & 1 != 0,
                flags: LineFlags {
                    nul: bits & 2 != 0,
                    quote: bits & 4 != 0,
                },
                number,
            })
        };
        let (before, after) = (state()?, state()?);
        let checked = (r.u32()?, r.u32()?);
        if checked.0 > checked.1 || checked.1 > len {
            return None;
        }
        let n = r.u32()? as usize;
        // Each record is 20 bytes: a count larger than the message is refused before any
        // allocation.
        if n > r.0.len() / 20 {
            return None;
        }
        let mut recs = Vec::with_capacity(n);
        for _ in 0..n {
            let rec = Rec {
                start: r.u32()?,
                end: r.u32()?,
                spans_at: r.u32()?,
                spans_len: r.u32()?,
                bits: u8::try_from(r.u32()?).ok()?,
            };
            if rec.start > rec.end {
                return None;
            }
            recs.push(rec);
        }
        let n = r.u32()? as usize;
        if n > r.0.len() / 8 {
            return None;
        }
        let mut spans = Vec::with_capacity(n);
        for _ in 0..n {
            let (start, end) = (r.u32()?, r.u32()?);
            if start > end & !(1 << 31) {
                return None;
            }
            spans.push([start, end]);
        }
        let own = r.bytes()?.to_vec();
        if !r.0.is_empty() {
            return None;
        }
        // Every line inside its source, every span inside its line and the span table.
        let fits = recs.iter().all(|rec| {
            let source = if rec.bits & OWN != 0 {
                own.len()
            } else {
                len as usize
            };
            let line = (rec.end - rec.start) as usize;
            rec.end as usize <= source
                && (rec.spans_at == NO_SPANS
                    || spans
                        .get(rec.spans_at as usize..)
                        .and_then(|s| s.get(..rec.spans_len as usize))
                        .is_some_and(|s| s.iter().all(|s| (s[1] & !(1 << 31)) as usize <= line)))
        });
        fits.then_some(Prepared {
            len,
            before,
            after,
            checked,
            recs,
            spans,
            own,
        })
    }
}

/// "TDP1": the first word of [`Prepared::to_bytes`].
const MAGIC: u32 = u32::from_le_bytes(*b"TDP1");

struct Writer(Vec<u8>);

impl Writer {
    fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }
    fn bytes(&mut self, b: &[u8]) {
        self.u32(b.len() as u32);
        self.0.extend_from_slice(b);
    }
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn u32(&mut self) -> Option<u32> {
        let (head, rest) = self.0.split_first_chunk::<4>()?;
        self.0 = rest;
        Some(u32::from_le_bytes(*head))
    }
    fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = self.u32()? as usize;
        let head = self.0.get(..n)?;
        self.0 = self.0.get(n..)?;
        Some(head)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a splitter hands out for `chunks`, as owned values.
    fn lines_of(chunks: &[&[u8]], prepared: bool) -> Vec<String> {
        let mut splitter = LineSplitter::new();
        let mut preparer = Preparer::new();
        let mut out = Vec::new();
        let mut sink = |l: Line<'_>| out.push(format!("{l:?}"));
        for c in chunks {
            if prepared {
                let p = preparer.prepare(c).expect("small slice");
                let p = Prepared::from_bytes(&p.to_bytes()).expect("own bytes read back");
                assert!(p.replay(c, &mut splitter, &mut sink));
            } else {
                splitter.push(c, &mut sink);
            }
        }
        splitter.finish(&mut sink);
        out
    }

    #[test]
    fn replayed_lines_are_what_the_splitter_hands_out_in_any_slicing() {
        let log: &[u8] = b"\xEF\xBB\xBF#Fields: a,b,c\r\n1,\"x,\"\"y\"\"\",3\n\xEF\xBB\xBFbom,line\nnul\0here\r\nlatin\xE9,1\nlast,no,end";
        assert_eq!(lines_of(&[log], false).len(), 6);
        // The splitter's own output depends on the slicing (a line across two slices comes
        // without its text and spans); the replay must give exactly that output.
        for size in 1..=log.len() {
            let chunks: Vec<&[u8]> = log.chunks(size).collect();
            assert_eq!(
                lines_of(&chunks, true),
                lines_of(&chunks, false),
                "slices of {size}"
            );
        }
    }

    #[test]
    fn a_replay_needs_the_state_and_the_slice_it_was_made_from() {
        let mut preparer = Preparer::new();
        let first = preparer.prepare(b"a,b\nc,").expect("small");
        let second = preparer.prepare(b"d\ne,f\n").expect("small");
        let mut splitter = LineSplitter::new();
        let mut n = 0;
        // Out of order: the splitter has not seen the first slice.
        assert!(!second.replay(b"d\ne,f\n", &mut splitter, |_| n += 1));
        // Not the slice it was made from.
        assert!(!first.replay(b"a,b\nc,x", &mut splitter, |_| n += 1));
        assert_eq!(n, 0);
        assert!(first.replay(b"a,b\nc,", &mut splitter, |_| n += 1));
        assert!(second.replay(b"d\ne,f\n", &mut splitter, |_| n += 1));
        assert_eq!((n, splitter.lines()), (3, 3));
    }

    #[test]
    fn damaged_messages_are_refused() {
        let mut preparer = Preparer::new();
        let p = preparer.prepare(b"x,y\n\"q\",r\ntail").expect("small");
        let bytes = p.to_bytes();
        assert_eq!(Prepared::from_bytes(&bytes), Some(p));
        for cut in 0..bytes.len() {
            assert_eq!(Prepared::from_bytes(&bytes[..cut]), None, "cut at {cut}");
        }
        // A line end past the slice.
        let mut bad = bytes.clone();
        // From the end: `own` (its length, empty), the spans (a count, four of 8 bytes), then
        // the last record (20 bytes), whose second word is the line's end.
        let at = bytes.len() - 4 - (4 + 4 * 8) - 20 + 4;
        bad[at..at + 4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(Prepared::from_bytes(&bad), None);
    }
}

#[cfg(test)]
mod equivalence {
    //! The line pass made ahead on another thread (`log::prepared`, what the CLI's second thread
    //! and the page's reader worker run) gives the report that reading the bytes gives, byte for
    //! byte in JSON: on every protocol log of testdata/ and each log_reader fuzz seed, on all those
    //! logs as one folder, on a
    //! generated set with 200 interleaved sessions, in four slice sizes; with every slice prepared,
    //! with some slices read as bytes in between (the page when its reader is not ready), and with
    //! a preparer that missed a slice (its later work must be refused, not misread).

    use super::{Prepared, Preparer};
    use crate::analyze::{AnalyzeOptions, Analyzer};
    use crate::i18n::Lang;
    use crate::log::genlog::Generator;
    use crate::log::reference::tests::{is_log, repo_files};

    #[derive(Clone, Copy, Debug)]
    enum Mode {
        /// Bytes only: the reference.
        Bytes,
        /// Every slice prepared, sent as bytes and read back.
        AllPrepared,
        /// Every third slice read as bytes (the preparer still saw it).
        SomeAsBytes,
        /// The preparer misses the second slice of each file.
        PreparerMissesOne,
    }

    fn analyzer() -> Analyzer {
        Analyzer::new(AnalyzeOptions {
            lang: Lang::En,
            now_unix: 1_733_000_000,
            passwords: Vec::new(),
        })
    }

    /// The JSON report of `files` read in `chunk`-byte slices in `mode`.
    fn report(files: &[(String, Vec<u8>)], chunk: usize, mode: Mode) -> String {
        report_and_replays(files, chunk, mode).0
    }

    /// Same, and how many slices were replayed (not read as bytes).
    fn report_and_replays(
        files: &[(String, Vec<u8>)],
        chunk: usize,
        mode: Mode,
    ) -> (String, usize) {
        let mut replayed = 0;
        let mut a = analyzer();
        for (name, bytes) in files {
            a.begin_file(name);
            let mut preparer = Preparer::new();
            for (i, slice) in bytes.chunks(chunk).enumerate() {
                let missed = matches!(mode, Mode::PreparerMissesOne) && i == 1;
                let prepared = match mode {
                    Mode::Bytes => None,
                    _ if missed => None,
                    _ => preparer.prepare(slice),
                };
                let as_bytes = matches!(mode, Mode::SomeAsBytes) && i % 3 == 2;
                match prepared {
                    Some(p) if !as_bytes => {
                        let p = Prepared::from_bytes(&p.to_bytes()).expect("read back");
                        replayed += usize::from(a.push_prepared(slice, &p));
                    }
                    _ => a.push_bytes(slice),
                }
            }
            a.end_file();
        }
        (
            serde_json::to_string_pretty(&a.report()).expect("json"),
            replayed,
        )
    }

    fn assert_same(what: &str, files: &[(String, Vec<u8>)]) {
        for chunk in [1 << 20, 4096, 61, 7] {
            let want = report(files, chunk, Mode::Bytes);
            for mode in [
                Mode::AllPrepared,
                Mode::SomeAsBytes,
                Mode::PreparerMissesOne,
            ] {
                let got = report(files, chunk, mode);
                if got != want {
                    let at = got
                        .lines()
                        .zip(want.lines())
                        .position(|(a, b)| a != b)
                        .unwrap_or(0);
                    panic!(
                        "{what}, {chunk}-byte slices, {mode:?}: reports differ at line {at}:\n{}\nvs bytes:\n{}",
                        got.lines().nth(at).unwrap_or(""),
                        want.lines().nth(at).unwrap_or("")
                    );
                }
            }
        }
    }

    #[test]
    fn every_test_file_reads_the_same_prepared() {
        let files = repo_files();
        let logs: Vec<_> = files.iter().filter(|(_, b)| is_log(b)).cloned().collect();
        assert!(logs.len() >= 25, "protocol logs found: {}", logs.len());
        // Only a file read as a protocol log takes a replay; the other inputs (certificates,
        // PKCS#12 files, pastes) read as bytes whatever is pushed, so they are left to the other
        // tests (some take seconds each to open).
        for file in files
            .iter()
            .filter(|(p, b)| is_log(b) || p.contains("log_reader"))
        {
            assert_same(&file.0, std::slice::from_ref(file));
        }
        assert_same("all logs together", &logs);
    }

    #[test]
    fn a_generated_set_reads_the_same_prepared() {
        let mut generator = Generator::new(3 << 20, 1 << 20, 200, true);
        let mut files = Vec::new();
        while let Some(file) = generator.next_file() {
            files.push(file);
        }
        assert!(files.len() >= 3);
        for chunk in [256 * 1024, 4093] {
            let want = report(&files, chunk, Mode::Bytes);
            assert!(want.contains("\"findings\""));
            let slices = files
                .iter()
                .map(|f| f.1.len().div_ceil(chunk))
                .sum::<usize>();
            for mode in [
                Mode::AllPrepared,
                Mode::SomeAsBytes,
                Mode::PreparerMissesOne,
            ] {
                let (got, replayed) = report_and_replays(&files, chunk, mode);
                assert!(got == want, "{chunk}, {mode:?}");
                // The slices of a file's first 8 KiB are read as bytes while its kind is told; in
                // the other modes, also the slices read as bytes, and those after a miss.
                let head = files.len() * (8192 / chunk + 2);
                let (lo, hi) = match mode {
                    Mode::AllPrepared => (slices - head, slices),
                    Mode::SomeAsBytes => (slices / 2, slices - slices / 3),
                    _ => (0, files.len()),
                };
                assert!(
                    (lo..=hi).contains(&replayed),
                    "{chunk}, {mode:?}: {replayed} of {slices} slices replayed"
                );
            }
        }
    }
}
