//! `tlsdoctor analyze` reads a protocol log of a megabyte or more on two threads (the line pass
//! on one, `tlsdoctor_core::log::prepared`, the sessions on the other) when the machine has two
//! cores; `TLSDOCTOR_THREADS=1` keeps it on one. The JSON is the same byte for byte: on a
//! generated folder (`log::genlog`, the benchmark's generator with its varied shapes: 200
//! sessions interleaved, failures, certificate blocks) and on the same rows as one 6 MiB file.
//! (Pipes and files under a megabyte stay on one thread.)

mod common;

use std::process::Command;

use tlsdoctor_core::log::genlog::Generator;

fn analyze(threads: Option<&str>, paths: &[&str]) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tlsdoctor"));
    cmd.arg("analyze").arg("--json").args(paths);
    cmd.env("TLSDOCTOR_NOW", common::NOW_2026);
    if let Some(t) = threads {
        cmd.env("TLSDOCTOR_THREADS", t);
    }
    let out = cmd.output().expect("run tlsdoctor");
    assert!(out.status.code().is_some_and(|c| c <= 1), "{out:?}");
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn two_threads_give_the_one_thread_report() {
    let dir = std::env::temp_dir().join(format!("tlsdoctor-two-threads-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut generator = Generator::new(6 << 20, 2 << 20, 200, true);
    let mut all = Vec::new();
    while let Some((name, bytes)) = generator.next_file() {
        all.extend_from_slice(&bytes);
        std::fs::write(dir.join(name), bytes).expect("write");
    }
    // The same rows as one 6 MiB file (its lines cross slice boundaries in other places).
    let one = dir.join("one").join("SEND-ALL.LOG");
    std::fs::create_dir_all(one.parent().expect("parent")).expect("dir");
    std::fs::write(&one, &all).expect("write");
    let folder = dir.display().to_string();
    let single = one.display().to_string();
    for paths in [vec![folder.as_str()], vec![single.as_str()]] {
        let one_thread = analyze(Some("1"), &paths);
        assert!(one_thread.contains("\"no-credentials\""), "{paths:?}");
        assert_eq!(analyze(None, &paths), one_thread, "{paths:?}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
