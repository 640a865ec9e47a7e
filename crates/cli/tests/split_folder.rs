//! `tlsdoctor analyze` on a folder of logs reads the later files on a second thread and merges
//! what it found (`Analyzer::absorb`), or, when that cannot be exact, reads them again on the
//! first: the JSON is the one-thread JSON byte for byte in each case. `TLSDOCTOR_TRACE` says
//! which way it went. Logs: genlog's Send/Receive sets (`tlsdoctor_core::log::genlog`, modelled
//! on Microsoft's published protocol-log rows and KB 4495258), the sample certificate
//! `testdata/samples/widgits-2016-new.cer`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use tlsdoctor_core::log::genlog::Generator;

/// JSON and standard error of `analyze --json dir` (`threads`: `TLSDOCTOR_THREADS`).
fn analyze(threads: Option<&str>, dir: &Path) -> (String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tlsdoctor"));
    cmd.arg("analyze").arg("--json").arg(dir);
    cmd.env("TLSDOCTOR_NOW", common::NOW_2026);
    cmd.env("TLSDOCTOR_TRACE", "1");
    if let Some(t) = threads {
        cmd.env("TLSDOCTOR_THREADS", t);
    }
    let out = cmd.output().expect("run tlsdoctor");
    assert!(out.status.code().is_some_and(|c| c <= 1), "{out:?}");
    (
        String::from_utf8(out.stdout).expect("utf-8"),
        String::from_utf8(out.stderr).expect("utf-8"),
    )
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tlsdoctor-split-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn genlog(total: u64, file: u64) -> Vec<(String, Vec<u8>)> {
    let mut g = Generator::new(total, file, 200, true);
    std::iter::from_fn(|| g.next_file()).collect()
}

/// The one-thread JSON, and the trace of the two-thread run, which gave the same JSON.
fn same_both_ways(dir: &Path) -> String {
    let (one, trace_one) = analyze(Some("1"), dir);
    assert!(one.contains("\"no-credentials\""), "{one}");
    assert!(!trace_one.contains("split"), "{trace_one}");
    let (two, trace) = analyze(None, dir);
    assert_eq!(two, one);
    let _ = std::fs::remove_dir_all(dir);
    trace
}

fn two_cores() -> bool {
    std::thread::available_parallelism().is_ok_and(|n| n.get() >= 2)
}

#[test]
fn a_folder_of_fresh_files_is_merged() {
    let dir = temp("merged");
    for (name, bytes) in genlog(12 << 20, 1 << 20) {
        std::fs::write(dir.join(name), bytes).expect("write");
    }
    let trace = same_both_ways(&dir);
    if two_cores() {
        assert!(trace.contains("on a second thread: merged"), "{trace}");
    }
}

/// One Send log cut in two at a line: the sessions open at the cut go on in the second file
/// (as when Exchange rotates a log); the second thread leaves their rows to the merge.
#[test]
fn sessions_going_on_in_the_next_file_are_merged() {
    let dir = temp("rotated");
    let (_, bytes) = genlog(12 << 20, 12 << 20).remove(0);
    let text = String::from_utf8(bytes).expect("utf-8");
    let header_end = text.find("\r\n2024").expect("rows") + 2;
    let cut = header_end + text[header_end..].len() / 2;
    let cut = cut + text[cut..].find('\n').expect("line") + 1;
    std::fs::write(dir.join("SEND20240502-1.LOG"), &text[..cut]).expect("write");
    let second = format!("{}{}", &text[..header_end], &text[cut..]);
    std::fs::write(dir.join("SEND20240502-2.LOG"), second).expect("write");
    let trace = same_both_ways(&dir);
    if two_cores() {
        assert!(trace.contains("on a second thread: merged"), "{trace}");
    }
}

/// A certificate among the later files shares budgets with the files before it: the merge is
/// refused and the later files are read again on the first thread.
#[test]
fn a_certificate_among_the_later_files_is_read_again() {
    let dir = temp("cert");
    let mut logs = genlog(12 << 20, 6 << 20).into_iter();
    let (_, a) = logs.next().expect("first");
    let (_, c) = logs.next().expect("second");
    std::fs::write(dir.join("a-SEND20240502-1.LOG"), a).expect("write");
    std::fs::copy(
        common::testdata("samples/widgits-2016-new.cer"),
        dir.join("b-widgits.cer"),
    )
    .expect("copy");
    std::fs::write(dir.join("c-RECV20240502-2.LOG"), c).expect("write");
    let trace = same_both_ways(&dir);
    if two_cores() {
        assert!(trace.contains("not merged; read again here"), "{trace}");
    }
}

/// One large log given alone is cut inside, at a line near its middle: the second thread reads
/// its rest after the file's header, the merge renumbers its lines and replays the rows of the
/// sessions open at the cut. A certificate before it stays with the first thread.
#[test]
fn one_large_log_is_cut_inside_and_merged() {
    let dir = temp("inside");
    let (_, bytes) = genlog(12 << 20, 12 << 20).remove(0);
    std::fs::write(dir.join("SEND20240502-1.LOG"), &bytes).expect("write");
    let trace = same_both_ways(&dir);
    if two_cores() {
        assert!(
            trace.contains("split: inside") && trace.contains("on a second thread: merged"),
            "{trace}"
        );
    }
    let dir = temp("inside-cert");
    std::fs::copy(
        common::testdata("samples/widgits-2016-new.cer"),
        dir.join("a-widgits.cer"),
    )
    .expect("copy");
    std::fs::write(dir.join("b-SEND20240502-1.LOG"), &bytes).expect("write");
    let trace = same_both_ways(&dir);
    if two_cores() {
        assert!(trace.contains("split: inside"), "{trace}");
        assert!(trace.contains("on a second thread: merged"), "{trace}");
    }
}

/// A large log saved as UTF-16 (Notepad's "Unicode"): its reader transcodes from the start, so
/// it is not cut (a part read from the middle could not be merged); read here whole.
#[test]
fn a_utf16_log_is_not_cut() {
    let dir = temp("inside-utf16");
    let (_, bytes) = genlog(6 << 20, 6 << 20).remove(0);
    let text = String::from_utf8(bytes).expect("utf-8");
    let mut wide = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        wide.extend_from_slice(&unit.to_le_bytes());
    }
    std::fs::write(dir.join("SEND20240502-1.LOG"), wide).expect("write");
    let trace = same_both_ways(&dir);
    if two_cores() {
        assert!(trace.contains("split: not inside"), "{trace}");
        assert!(!trace.contains("second thread"), "{trace}");
    }
}

/// A log whose second half repeats the first's sessions (two copies of one log joined, the
/// second without its header): the session ids after the cut ended before it, so read in one
/// go they are new sessions the ended-session ring may still hold; the merge cannot show it
/// gives the same and is refused, and the first thread reads on from the cut.
#[test]
fn a_log_cut_inside_whose_sessions_come_back_is_read_on_here() {
    let dir = temp("inside-again");
    let (_, bytes) = genlog(6 << 20, 6 << 20).remove(0);
    let text = String::from_utf8(bytes).expect("utf-8");
    let body = text.find("\r\n2024").expect("rows") + 2;
    let twice = format!("{text}{}", &text[body..]);
    std::fs::write(dir.join("SEND20240502-1.LOG"), twice).expect("write");
    let trace = same_both_ways(&dir);
    if two_cores() {
        assert!(trace.contains("split: inside"), "{trace}");
        assert!(trace.contains("not merged; read on here"), "{trace}");
    }
}
