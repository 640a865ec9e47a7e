//! A folder of logs read on two threads, split by file: this thread reads the first files, a
//! second thread the rest into an [`Analyzer::part`], which is then merged
//! ([`Analyzer::absorb`]): the report is the one reading every file in order gives. When the
//! merge cannot be exact (a session continues from one group into the other, the later group
//! holds a certificate or a paste, ...) core refuses it and the later files are read again here,
//! so the answer never depends on the split; only the time does.
//!
//! Where to split is core's choice ([`split_point`]). Exchange rotates a log in the middle of
//! sessions, so two files of one kind usually share a few: the second thread leaves the rows of
//! sessions begun before its files to the merge, which reads them after this thread's files
//! (core's `LogCollector::absorb`).

use tlsdoctor_core::analyze::{AnalyzeOptions, Analyzer};
use tlsdoctor_core::i18n::Lang;
use tlsdoctor_core::split::{split_point, Sized};

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

/// Core's [`split_point`] of the inputs.
fn split_at(inputs: &[Input]) -> Option<usize> {
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
    split_point(&sized)
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
/// tests: the report is the same either way).
fn trace(here: usize, there: usize, merged: bool) {
    if std::env::var_os("TLSDOCTOR_TRACE").is_none() {
        return;
    }
    let how = if merged {
        "merged"
    } else {
        "not merged; read again here"
    };
    say!("tlsdoctor: split: {here} inputs here, {there} on a second thread: {how}");
}

/// Reads every input into `analyzer`, in order, as the report sees it; on two threads when
/// the machine has the cores and the inputs are worth splitting ([`split_point`]).
pub fn read_all(analyzer: &mut Analyzer, inputs: Vec<Input>, options: &AnalyzeOptions) {
    let lang = options.lang;
    let pipeline = input::two_cores();
    let Some(k) = split_at(&inputs).filter(|_| pipeline) else {
        for i in inputs {
            read(analyzer, i, lang, pipeline);
        }
        return;
    };
    let mut head = inputs;
    let tail = head.split_off(k);
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
    trace(k, tail.len(), merged);
    if merged {
        return;
    }
    for i in tail {
        read(analyzer, i, lang, pipeline);
    }
}
