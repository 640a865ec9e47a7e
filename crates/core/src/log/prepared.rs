//! A protocol log's line pass, run ahead on another thread than the analysis.
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
//! The CLI runs a preparer on a second thread for a large log. (The page's reader worker ran it
//! too, its work sent to the analysis worker with each slice; measured slower on two cores and
//! not kept: README, Performance.)

use super::csv::Span;
use super::lines::{Line, LineFlags, LineSplitter};

/// The state of a [`LineSplitter`] between two slices, as [`LineSplitter::parts`] gives it.
#[derive(Debug)]
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
#[derive(Debug)]
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
}

#[cfg(test)]
mod equivalence {
    //! The line pass made ahead on another thread (`log::prepared`, what the CLI's second thread
    //! runs) gives the report that reading the bytes gives, byte for
    //! byte in JSON: on every protocol log of testdata/ and each log_reader fuzz seed, on all those
    //! logs as one folder, on a
    //! generated set with 200 interleaved sessions, in four slice sizes; with every slice prepared,
    //! with some slices read as bytes in between , and with
    //! a preparer that missed a slice (its later work must be refused, not misread).

    use super::Preparer;
    use crate::analyze::{AnalyzeOptions, Analyzer};
    use crate::i18n::Lang;
    use crate::log::genlog::Generator;
    use crate::log::reference::tests::{is_log, repo_files};

    #[derive(Clone, Copy, Debug)]
    enum Mode {
        /// Bytes only: the reference.
        Bytes,
        /// Every slice prepared.
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
