//! Replays every committed fuzz seed (`fuzz/corpus/<target>/`) and every input that once crashed,
//! hung or exhausted memory (`fuzz/regressions/<target>/`) through the same entry points the
//! cargo-fuzz targets call (`tlsdoctor_core::fuzz_entry`), as an ordinary `cargo test` on stable.
//! A panic in any of them fails the test and names the file.

use std::path::{Path, PathBuf};

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
}

fn files_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

fn replay(kind: &str) -> usize {
    let mut replayed = 0;
    for (target, run) in tlsdoctor_core::fuzz_entry::TARGETS {
        for path in files_in(&fuzz_dir().join(kind).join(target)) {
            let data = std::fs::read(&path).unwrap();
            let outcome = std::panic::catch_unwind(|| run(&data));
            assert!(outcome.is_ok(), "{target} panicked on {}", path.display());
            replayed += 1;
        }
    }
    replayed
}

#[test]
fn every_seed_replays_without_panic() {
    for (target, _) in tlsdoctor_core::fuzz_entry::TARGETS {
        assert!(
            !files_in(&fuzz_dir().join("corpus").join(target)).is_empty(),
            "fuzz/corpus/{target}/ has no seeds (scripts/fuzz-seeds.sh makes them)"
        );
    }
    assert!(replay("corpus") >= 100);
}

#[test]
fn every_past_crash_replays_without_panic() {
    replay("regressions");
}
