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

#[cfg(test)]
mod tests {
    use super::{split_point, Sized};

    fn at(files: &[(&str, Option<u64>)]) -> Option<usize> {
        let inputs: Vec<Sized<'_>> = files
            .iter()
            .map(|&(path, size)| Sized { path, size })
            .collect();
        split_point(&inputs)
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
}
