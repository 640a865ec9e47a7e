//! Where to split a batch of input files between two analyses that run side by side (the CLI's
//! two threads, the page's two Web Workers): the first reads the files before the split, an
//! [`crate::analyze::Analyzer::part`] the rest, and the part is merged in
//! ([`crate::analyze::Analyzer::absorb`]), or refused and read again by the first. The answer
//! never depends on the split; the time does, so it is chosen here once for both front ends.
//!
//! The split is made between two files where the bytes on both sides are closest, preferably
//! where the folder or the kind of log changes (`SmtpReceive` → `SmtpSend`, `RECV…` → `SEND…`):
//! a session never continues across those, whereas Exchange rotates a log in the middle of
//! sessions, so two files of one kind usually share a few (and the part is then refused).

/// Below this many bytes in all, one analysis reads everything: starting a second costs more
/// than it saves.
pub const SPLIT_MIN_BYTES: u64 = 8 << 20;

/// The smaller side of a split holds at least this share of the bytes, else one analysis with
/// a log's line pass beside it does more good.
const MIN_BALANCE: f64 = 0.25;

/// A split where the folder or kind of log changes is taken over a more even one when its
/// smaller side holds at least this share.
const NATURAL_BALANCE: f64 = 0.3;

/// One input as the split sees it: its path (`/` or `\` between folders) and its size, when
/// it is a file that can be read twice (a regular file, a browser `File`).
#[derive(Debug, Clone, Copy)]
pub struct Sized<'a> {
    pub path: &'a str,
    pub size: Option<u64>,
}

/// The folder part of `path` and the letters its file name begins with (`SEND`, `RECV`),
/// upper-cased.
fn place(path: &str) -> (&str, String) {
    let cut = path.rfind(['/', '\\']).map_or(0, |i| i + 1);
    let (folder, name) = path.split_at(cut);
    let kind = name
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (folder, kind)
}

/// The index of the first input the second analysis reads, if the inputs are worth splitting:
/// every input from there on has a size.
pub fn split_point(inputs: &[Sized<'_>]) -> Option<usize> {
    let total: u64 = inputs.iter().filter_map(|i| i.size).sum();
    if total < SPLIT_MIN_BYTES || inputs.len() < 2 {
        return None;
    }
    // (k, balance, natural) for each k whose inputs from k on all have a size.
    let mut candidates = Vec::new();
    let mut tail = 0u64;
    for k in (1..inputs.len()).rev() {
        let Some(len) = inputs.get(k).and_then(|i| i.size) else {
            break;
        };
        tail += len;
        let balance = tail.min(total - tail) as f64 / total as f64;
        let natural = match (inputs.get(k - 1), inputs.get(k)) {
            (Some(a), Some(b)) => place(a.path) != place(b.path),
            _ => false,
        };
        candidates.push((k, balance, natural));
    }
    let best = |natural_only: bool| {
        candidates
            .iter()
            .filter(|c| !natural_only || c.2)
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .copied()
    };
    match (best(true), best(false)) {
        (Some((k, balance, _)), _) if balance >= NATURAL_BALANCE => Some(k),
        (_, Some((k, balance, _))) if balance >= MIN_BALANCE => Some(k),
        _ => None,
    }
}

/// A split between two analyses: the second starts with input `input`, and, when `within` is
/// set, inside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split {
    pub input: usize,
    /// About this many bytes into `input`: the first analysis reads it up to the start of the
    /// first line that begins at or after there ([`line_start`] in [`CUT_WINDOW`] bytes read
    /// from there; no line start in them, no split), the second the rest, after the file's
    /// header ([`header_len`] of its first [`HEAD_BYTES`]). `None`: the second analysis starts
    /// at the input's beginning.
    pub within: Option<u64>,
}

/// A file split inside leaves at least this many bytes on each side of the cut.
const MIN_SIDE_BYTES: u64 = 1 << 20;

/// A split between files at least this even is taken over one inside a file (which reads the
/// header twice and always has sessions crossing it).
const FILE_BALANCE: f64 = 0.4;

/// Bytes read at the nominal cut to find the next line's start (an Exchange log line is a few
/// hundred bytes).
pub const CUT_WINDOW: usize = 64 << 10;

/// Bytes of a file's start given to the second analysis for its header.
pub const HEAD_BYTES: usize = 64 << 10;

/// Whether `path` names a plain-text log (`.LOG`, `.txt`, `.csv`): only those are cut inside.
fn plain_log(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    [".log", ".txt", ".csv"].iter().any(|e| lower.ends_with(e))
}

/// Where to split `inputs` between two analyses, if they are worth splitting: between two
/// files ([`split_point`]) when that is even enough, else inside the plain-text log holding the
/// middle byte (one large log, or a large one among small ones).
pub fn plan(inputs: &[Sized<'_>]) -> Option<Split> {
    let between = split_point(inputs);
    let total: u64 = inputs.iter().filter_map(|i| i.size).sum();
    let tail_from = |k: usize| -> u64 { inputs.iter().skip(k).filter_map(|i| i.size).sum() };
    let balance = |k: usize| tail_from(k).min(total - tail_from(k)) as f64 / total.max(1) as f64;
    if let Some(k) = between.filter(|&k| balance(k) >= FILE_BALANCE) {
        return Some(Split {
            input: k,
            within: None,
        });
    }
    let inside = (|| {
        if total < SPLIT_MIN_BYTES {
            return None;
        }
        let middle = total / 2;
        let mut before = 0u64;
        for (k, input) in inputs.iter().enumerate() {
            let size = input.size.unwrap_or(0);
            if before + size > middle {
                let offset = middle - before;
                let sized_after = inputs.iter().skip(k).all(|i| i.size.is_some());
                return (input.size.is_some()
                    && sized_after
                    && plain_log(input.path)
                    && offset >= MIN_SIDE_BYTES
                    && size - offset >= MIN_SIDE_BYTES)
                    .then_some(Split {
                        input: k,
                        within: Some(offset),
                    });
            }
            before += size;
        }
        None
    })();
    inside.or(between.map(|k| Split {
        input: k,
        within: None,
    }))
}

/// The length of the header that opens a log, in its first bytes `head`: the complete lines
/// (each ended by `\n` in `head`) from the start that begin with `#` (after a byte order mark),
/// hold no NUL byte and are at most 4 KiB long. A part that reads the file from its middle reads
/// these first ([`crate::log::LogCollector::begin_continued_file`]).
pub fn header_len(head: &[u8]) -> usize {
    let mut at = 0;
    while let Some(rest) = head.get(at..) {
        let Some(end) = memchr::memchr(b'\n', rest) else {
            break;
        };
        let line = rest.get(..end).unwrap_or_default();
        let text = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
        if text.first() != Some(&b'#') || line.len() > 4096 || memchr::memchr(0, line).is_some() {
            break;
        }
        at += end + 1;
    }
    at
}

/// Whether a file whose first bytes are `head` may be cut inside: plain text, no NUL byte (a
/// log saved as UTF-16 has one in every ASCII character: its reader transcodes from the start,
/// so a part read from a cut could never be merged; checked before a second analysis starts).
fn may_cut(head: &[u8]) -> bool {
    memchr::memchr(0, head).is_none()
}

/// Where to cut a file of `size` bytes that [`plan`] cuts `offset` bytes in, from its first
/// bytes `head` ([`HEAD_BYTES`]) and the bytes `window` read at `offset` ([`CUT_WINDOW`]): the
/// start of the first line there ([`line_start`]), when the file may be cut ([`may_cut`]) and
/// that line is past the header ([`header_len`]) and before the end. `None`: read it whole.
pub fn cut_at(head: &[u8], offset: u64, window: &[u8], size: u64) -> Option<u64> {
    if !may_cut(head) {
        return None;
    }
    let cut = offset.checked_add(line_start(window)? as u64)?;
    (cut > header_len(head) as u64 && cut < size).then_some(cut)
}

/// Where the first line that begins in `window` (bytes read from inside a file, not at its
/// start) begins: after its first `\n`.
pub fn line_start(window: &[u8]) -> Option<usize> {
    memchr::memchr(b'\n', window).map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::{header_len, line_start, plan, split_point, Sized, Split};

    fn sized<'a>(files: &[(&'a str, Option<u64>)]) -> Vec<Sized<'a>> {
        files
            .iter()
            .map(|&(path, size)| Sized { path, size })
            .collect()
    }

    fn at(files: &[(&str, Option<u64>)]) -> Option<usize> {
        split_point(&sized(files))
    }

    const MB: u64 = 1 << 20;

    #[test]
    fn the_most_even_split_of_one_kind() {
        let files: Vec<(String, Option<u64>)> = (1..=10)
            .map(|i| (format!("SmtpSend/SEND20240502-{i}.LOG"), Some(10 * MB)))
            .collect();
        let files: Vec<(&str, Option<u64>)> = files.iter().map(|(p, s)| (p.as_str(), *s)).collect();
        assert_eq!(at(&files), Some(5));
    }

    #[test]
    fn where_the_folder_or_kind_changes_when_even_enough() {
        // Receive 4 × 10 MB, Send 6 × 10 MB: the kind changes at 4 (balance 0.4), not at 5.
        let mut files = Vec::new();
        for i in 1..=4 {
            files.push((
                format!("Hub/ProtocolLog/SmtpReceive/RECV2024050{i}-1.LOG"),
                10 * MB,
            ));
        }
        for i in 1..=6 {
            files.push((
                format!("Hub/ProtocolLog/SmtpSend/SEND2024050{i}-1.LOG"),
                10 * MB,
            ));
        }
        let files: Vec<(&str, Option<u64>)> =
            files.iter().map(|(p, s)| (p.as_str(), Some(*s))).collect();
        assert_eq!(at(&files), Some(4));
        // Windows paths, one folder, RECV then SEND.
        let files = [
            ("C:\\logs\\RECV1.LOG", Some(3 * MB)),
            ("C:\\logs\\RECV2.LOG", Some(3 * MB)),
            ("C:\\logs\\SEND1.LOG", Some(4 * MB)),
        ];
        assert_eq!(at(&files), Some(2));
    }

    #[test]
    fn no_split_when_small_lopsided_or_unsized_at_the_end() {
        assert_eq!(at(&[("a.LOG", Some(MB)), ("b.LOG", Some(MB))]), None);
        assert_eq!(
            at(&[("a.LOG", Some(90 * MB)), ("b.LOG", Some(10 * MB))]),
            None
        );
        assert_eq!(at(&[("a.LOG", Some(50 * MB))]), None);
        // Standard input (no size) last: nothing after it can be split off.
        assert_eq!(at(&[("a.LOG", Some(50 * MB)), ("-", None)]), None);
        // Standard input first: the split comes after it.
        assert_eq!(
            at(&[
                ("-", None),
                ("a.LOG", Some(20 * MB)),
                ("b.LOG", Some(20 * MB))
            ]),
            Some(2)
        );
    }

    fn planned(files: &[(&str, Option<u64>)]) -> Option<Split> {
        plan(&sized(files))
    }

    #[test]
    fn one_large_log_is_cut_in_its_middle_and_an_even_folder_between_files() {
        let one = [("SmtpSend/SEND20240502-1.LOG", Some(256 * MB))];
        assert_eq!(
            planned(&one),
            Some(Split {
                input: 0,
                within: Some(128 * MB)
            })
        );
        // A large log after two small ones: cut where the middle byte is.
        let mixed = [
            ("a.LOG", Some(4 * MB)),
            ("b.LOG", Some(4 * MB)),
            ("c.LOG", Some(92 * MB)),
        ];
        assert_eq!(
            planned(&mixed),
            Some(Split {
                input: 2,
                within: Some(42 * MB)
            })
        );
        // Ten even files: between files, as before.
        let files: Vec<(String, Option<u64>)> = (1..=10)
            .map(|i| (format!("SEND{i}.LOG"), Some(10 * MB)))
            .collect();
        let files: Vec<(&str, Option<u64>)> = files.iter().map(|(p, s)| (p.as_str(), *s)).collect();
        assert_eq!(
            planned(&files),
            Some(Split {
                input: 5,
                within: None
            })
        );
        // Not inside: an archive, standard input, a small file; the folder split stands.
        assert_eq!(planned(&[("logs.zip", Some(256 * MB))]), None);
        assert_eq!(planned(&[("-", None), ("a.LOG", Some(4 * MB))]), None);
        assert_eq!(planned(&[("a.LOG", Some(4 * MB))]), None);
        assert_eq!(
            planned(&[("a.LOG", Some(90 * MB)), ("b.zip", Some(70 * MB))]),
            Some(Split {
                input: 1,
                within: None
            })
        );
    }

    #[test]
    fn the_header_is_the_leading_directive_lines_and_a_cut_starts_a_line() {
        let log = b"\xEF\xBB\xBF#Software: Microsoft Exchange Server\r\n#Log-type: SMTP Send Protocol Log\r\n#Fields: date-time,connector-id\r\n2024-05-02T10:00:00.000Z,Outbound\r\n";
        let end = log.len() - "2024-05-02T10:00:00.000Z,Outbound\r\n".len();
        assert_eq!(header_len(log), end);
        // Only complete lines: a header cut short keeps the lines before.
        assert_eq!(header_len(&log[..end - 3]), 76);
        assert_eq!(header_len(b"no header\n#Fields: a\n"), 0);
        assert_eq!(header_len(b"#Fields: a\0b\n"), 0);
        assert_eq!(line_start(b"tail of a row\r\nnext"), Some(15));
        assert_eq!(line_start(b"no line end"), None);
        assert!(super::may_cut(log));
        assert!(!super::may_cut(b"\xFF\xFE#\0F\0"));
        // The cut: the line after the window's first line end, past the header, before the end.
        let row = b"tail of a row\r\nnext row\r\n";
        assert_eq!(super::cut_at(log, 1000, row, 5000), Some(1015));
        assert_eq!(super::cut_at(log, 1000, row, 1015), None);
        assert_eq!(super::cut_at(log, 10, row, 5000), None, "inside the header");
        assert_eq!(super::cut_at(b"\xFF\xFE#\0\n\0", 1000, row, 5000), None);
        assert_eq!(super::cut_at(log, 1000, b"no line end", 5000), None);
    }
}
