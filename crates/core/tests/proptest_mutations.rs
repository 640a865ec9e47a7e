//! Property: any truncation or single bit flip of any test file (the shared corpus and the generated
//! files) gives a report: certificates, or a named error from the contract, never a panic, and within
//! a time bound. Few cases per property so `cargo test` stays fast; proptest shrinks any failure to the
//! smallest cut or flip and prints it.

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use tlsdoctor_core::analyze::{AnalyzeOptions, Analyzer};
use tlsdoctor_core::report::FileReport;

const NAMED_ERRORS: &[&str] = &[
    "wrong-password",
    "unsupported-algorithm",
    "malformed",
    "truncated",
    "empty",
    "not-a-certificate",
    "too-large",
];

fn test_files() -> &'static [(String, Vec<u8>)] {
    static FILES: std::sync::OnceLock<Vec<(String, Vec<u8>)>> = std::sync::OnceLock::new();
    FILES.get_or_init(read_test_files)
}

fn read_test_files() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata");
    let mut paths = Vec::new();
    collect(&root.join("corpus"), &mut paths);
    collect(&root.join("generated"), &mut paths);
    paths.sort();
    paths
        .into_iter()
        .filter(|p| {
            !matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("tsv" | "md" | "sh" | "txt")
            )
        })
        // 600,000 PBKDF2 iterations per password try: correct, but slow in a debug build.
        .filter(|p| !p.to_string_lossy().contains("pbkdf2-600000"))
        .map(|p| (p.to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
        .collect()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn check(path: &str, bytes: &[u8]) -> Result<(), TestCaseError> {
    let mut analyzer = Analyzer::new(AnalyzeOptions {
        passwords: vec!["testcertificate".into(), "secret".into(), "foo".into()],
        ..AnalyzeOptions::default()
    });
    analyzer.add_file(path, bytes);
    let report = analyzer.report();
    prop_assert_eq!(report.files.len(), 1);
    let file: &FileReport = &report.files[0];
    if let Some(error) = &file.error {
        prop_assert!(
            NAMED_ERRORS.contains(&error.code.as_str()),
            "{path}: unnamed error {:?}",
            error
        );
        prop_assert!(!error.message.is_empty());
    }
    Ok(())
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 48,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_truncation_gives_a_report_or_a_named_error(file in any::<prop::sample::Index>(), cut in any::<prop::sample::Index>()) {
        let files = test_files();
        let (path, bytes) = &files[file.index(files.len())];
        let at = cut.index(bytes.len());
        check(path, &bytes[..at])?;
    }

    #[test]
    fn any_bit_flip_gives_a_report_or_a_named_error(file in any::<prop::sample::Index>(), at in any::<prop::sample::Index>(), bit in 0u8..8) {
        let files = test_files();
        let (path, bytes) = &files[file.index(files.len())];
        let mut flipped = bytes.to_vec();
        let at = at.index(flipped.len());
        flipped[at] ^= 1 << bit;
        check(path, &flipped)?;
    }
}

#[test]
fn every_file_cut_in_half_and_flipped_in_the_middle() {
    // Deterministic sweep over every file (the random properties above sample them).
    for (path, bytes) in test_files() {
        check(path, &bytes[..bytes.len() / 2]).unwrap();
        let mut flipped = bytes.to_vec();
        let middle = flipped.len() / 2;
        flipped[middle] ^= 0x10;
        check(path, &flipped).unwrap();
    }
}
