//! A folder of logs read on two threads, split by file: this thread reads the first files, a
//! second thread the rest into an [`Analyzer::part`], which is then merged
//! ([`Analyzer::absorb`]): the report is the one reading every file in order gives. When the
//! merge cannot be exact (a session continues from one group into the other, the later group
//! holds a certificate or a paste, ...) core refuses it and the later files are read again here,
//! so the answer never depends on the split; only the time does.
//!
//! Where to split is core's choice ([`plan`]): between files, or inside one large log (one
//! 256 MiB log given alone), where this thread reads the file up to a line's start near the
//! middle and the second thread the rest after the file's header
//! ([`Analyzer::begin_continued_file`]). Exchange rotates a log in the middle of sessions, so
//! two files of one kind usually share a few, and a cut inside a file always crosses some: the
//! second thread leaves the rows of sessions begun before its part to the merge, which reads
//! them after this thread's part (core's `LogCollector::absorb`).

use std::io::{Read, Seek, SeekFrom};

use tlsdoctor_core::analyze::{AnalyzeOptions, Analyzer};
use tlsdoctor_core::i18n::Lang;
use tlsdoctor_core::split::{cut_at, plan, Sized, Split, CUT_WINDOW, HEAD_BYTES};

use crate::input::{self, Input};

/// The size of `input` when it is a regular file (read twice if the merge is refused).
fn size(input: &Input) -> Option<u64> {
    match input {
        Input::File(path) => std::fs::metadata(path)
            .ok()
            .filter(|m| m.is_file())
            .map(|m| m.len()),
        _ => None,
    }
}

/// Core's [`plan`] for the inputs.
fn split_at(inputs: &[Input]) -> Option<Split> {
    let paths: Vec<String> = inputs
        .iter()
        .map(|i| match i {
            Input::File(path) => path.display().to_string(),
            Input::Stdin => "-".to_string(),
            Input::Broken(name, _) => name.clone(),
        })
        .collect();
    let sized: Vec<Sized<'_>> = inputs
        .iter()
        .zip(&paths)
        .map(|(i, path)| Sized {
            path,
            size: size(i),
        })
        .collect();
    plan(&sized)
}

/// Reads `input` into `analyzer` (`pipeline`: a large log's line pass may use a second thread).
fn read(analyzer: &mut Analyzer, input: Input, lang: Lang, pipeline: bool) {
    match input {
        Input::Stdin => input::feed(analyzer, "-", std::io::stdin().lock(), None, pipeline),
        Input::File(path) => {
            let name = path.display().to_string();
            match input::open(&path) {
                Ok((file, len)) => input::feed(analyzer, &name, file, len, pipeline),
                Err(e) => {
                    analyzer.add_unreadable_file(&name, input::unreadable(lang, &e.to_string()))
                }
            }
        }
        Input::Broken(name, why) => {
            analyzer.add_unreadable_file(&name, input::unreadable(lang, &why))
        }
    }
}

/// With `TLSDOCTOR_TRACE` set, says on standard error how a split went (for benchmarks and
/// tests: the report is the same either way): `split: ` and what `how` says.
fn trace(how: impl FnOnce() -> String) {
    if std::env::var_os("TLSDOCTOR_TRACE").is_some() {
        say!("tlsdoctor: split: {}", how());
    }
}

/// The outcome as [`trace`] words it.
fn outcome(merged: bool, otherwise: &str) -> &str {
    if merged {
        "merged"
    } else {
        otherwise
    }
}

/// Reads every input into `analyzer`, in order, as the report sees it; on two threads when
/// the machine has the cores and the inputs are worth splitting ([`plan`]).
pub fn read_all(analyzer: &mut Analyzer, inputs: Vec<Input>, options: &AnalyzeOptions) {
    let lang = options.lang;
    let pipeline = input::two_cores();
    let Some(split) = split_at(&inputs).filter(|_| pipeline) else {
        for i in inputs {
            read(analyzer, i, lang, pipeline);
        }
        return;
    };
    let mut head = inputs;
    let tail = head.split_off(split.input);
    if let Some(offset) = split.within {
        read_cut(analyzer, head, tail, offset, options);
        return;
    }
    let part = std::thread::scope(|scope| {
        let later = tail.clone();
        let options = options.clone();
        let thread = scope.spawn(move || {
            let mut part = Analyzer::part(options);
            for i in later {
                read(&mut part, i, lang, false);
            }
            part
        });
        for i in head {
            read(analyzer, i, lang, false);
        }
        thread.join().ok()
    });
    let merged = part.is_some_and(|p| analyzer.absorb(p));
    trace(|| {
        let how = outcome(merged, "not merged; read again here");
        format!(
            "{} inputs here, {} on a second thread: {how}",
            split.input,
            tail.len()
        )
    });
    if merged {
        return;
    }
    for i in tail {
        read(analyzer, i, lang, pipeline);
    }
}

/// `file` from where it stands, in slices, into `analyzer`'s current file, up to `limit`
/// bytes: the bytes pushed, and whether a read failed (said on standard error).
fn push_from(
    analyzer: &mut Analyzer,
    file: &mut std::fs::File,
    name: &str,
    limit: u64,
) -> (u64, bool) {
    let mut buf = vec![0u8; input::CHUNK];
    let mut pushed = 0u64;
    while analyzer.wants_more() && pushed < limit {
        let want = usize::try_from(limit - pushed).map_or(buf.len(), |l| l.min(buf.len()));
        let n = match input::read_some(file, &mut buf[..want], name) {
            Some(0) => break,
            None => return (pushed, true),
            Some(n) => n,
        };
        analyzer.push_bytes(&buf[..n]);
        pushed += n as u64;
    }
    (pushed, false)
}

/// The first `n` bytes (fewer at the file's end) of `file` from its current place.
fn read_exact_or_less(file: &mut std::fs::File, n: usize) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(n);
    file.take(n as u64).read_to_end(&mut out)?;
    Ok(out)
}

/// Where to cut `file` (`size` bytes; about `offset` bytes in, core's [`cut_at`]) and its first
/// bytes for the second thread's header, the file left at its start; `None` when that cannot
/// be read or core says not to cut.
fn cut_of(file: &mut std::fs::File, size: u64, offset: u64) -> Option<(u64, Vec<u8>)> {
    let head = read_exact_or_less(file, HEAD_BYTES).ok()?;
    file.seek(SeekFrom::Start(offset)).ok()?;
    let window = read_exact_or_less(file, CUT_WINDOW).ok()?;
    file.seek(SeekFrom::Start(0)).ok()?;
    Some((cut_at(&head, offset, &window, size)?, head))
}

/// [`read_all`] with the cut inside `tail`'s first input (a regular file, [`plan`] says):
/// this thread reads `head` and that file up to the cut, a second thread the file's rest (after
/// its header) and the rest of `tail`; merged, or refused and read on here from the cut.
fn read_cut(
    analyzer: &mut Analyzer,
    head: Vec<Input>,
    mut tail: Vec<Input>,
    offset: u64,
    options: &AnalyzeOptions,
) {
    let lang = options.lang;
    let later = tail.split_off(1);
    let Some(Input::File(path)) = tail.pop() else {
        for i in head.into_iter().chain(later) {
            read(analyzer, i, lang, true);
        }
        return;
    };
    let name = path.display().to_string();
    let opened = input::open(&path).ok().and_then(|(mut file, len)| {
        let cut = cut_of(&mut file, len?, offset)?;
        Some((file, len, cut))
    });
    let Some((mut file, len, (cut, file_head))) = opened else {
        trace(|| {
            format!(
                "not inside {name} (not plain text, or no line starts near its middle): read here"
            )
        });
        let all = head
            .into_iter()
            .chain(std::iter::once(Input::File(path)))
            .chain(later);
        for i in all {
            read(analyzer, i, lang, true);
        }
        return;
    };
    let after = later.len();
    let (part, pushed) = std::thread::scope(|scope| {
        let options = options.clone();
        let (path, name) = (&path, &name);
        let later = later.clone();
        let thread = scope.spawn(move || {
            let mut part = Analyzer::part(options);
            let mut file = std::fs::File::open(path).ok()?;
            file.seek(SeekFrom::Start(cut)).ok()?;
            if !part.begin_continued_file(name, &file_head, cut) {
                return None;
            }
            // A read error: no part (this thread reads on, and meets the error itself).
            if push_from(&mut part, &mut file, name, u64::MAX).1 {
                return None;
            }
            part.end_file();
            for i in later {
                read(&mut part, i, lang, false);
            }
            Some(part)
        });
        for i in head {
            read(analyzer, i, lang, false);
        }
        analyzer.begin_file(name);
        if let Some(len) = len {
            analyzer.declare_len(len);
        }
        let pushed = push_from(analyzer, &mut file, name, cut);
        (thread.join().ok().flatten(), pushed)
    });
    // Only a part that goes on exactly where this thread stopped (core checks it too).
    let merged = pushed == (cut, false) && part.is_some_and(|p| analyzer.absorb(p));
    trace(|| {
        let how = outcome(merged, "not merged; read on here");
        format!("inside {name} at byte {cut}, its rest and {after} inputs after on a second thread: {how}")
    });
    if merged {
        return;
    }
    // After a read error the file ends there, as reading it whole would end it.
    if !pushed.1 {
        push_from(analyzer, &mut file, &name, u64::MAX);
    }
    analyzer.end_file();
    for i in later {
        read(analyzer, i, lang, true);
    }
}
