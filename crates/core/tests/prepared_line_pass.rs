//! The line pass made ahead on another thread (`log::prepared`, what the CLI's second thread
//! and the page's reader worker run) gives the report that reading the bytes gives, byte for
//! byte in JSON: on every protocol log of testdata/ and each log_reader fuzz seed, on all those
//! logs as one folder, on a
//! generated set with 200 interleaved sessions, in four slice sizes; with every slice prepared,
//! with some slices read as bytes in between (the page when its reader is not ready), and with
//! a preparer that missed a slice (its later work must be refused, not misread).

use std::path::{Path, PathBuf};

use tlsdoctor_core::analyze::{AnalyzeOptions, Analyzer};
use tlsdoctor_core::i18n::Lang;
use tlsdoctor_core::log::genlog::Generator;
use tlsdoctor_core::log::prepared::{Prepared, Preparer};

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
fn report_and_replays(files: &[(String, Vec<u8>)], chunk: usize, mode: Mode) -> (String, usize) {
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

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn repo_files() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut paths = Vec::new();
    files_under(&root.join("testdata"), &mut paths);
    files_under(&root.join("fuzz/corpus/log_reader"), &mut paths);
    paths.sort();
    paths
        .into_iter()
        .filter_map(|p| Some((p.display().to_string(), std::fs::read(&p).ok()?)))
        .collect()
}

fn is_log(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    memchr::memmem::find(head, b"#Fields").is_some()
        || memchr::memmem::find(head, b",*,").is_some()
        || memchr::memmem::find(head, b",<,").is_some()
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
