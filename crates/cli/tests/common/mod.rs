//! Helpers shared by the CLI's integration tests: where the test files are, running the binary
//! with a pinned "now", and reading its JSON.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// 2026-01-01T00:00:00Z, the "now" most analyze tests pin.
pub const NOW_2026: &str = "1767225600";

/// `testdata/<rel>` as a path string for the command line.
pub fn testdata(rel: &str) -> String {
    format!("{}/../../testdata/{rel}", env!("CARGO_MANIFEST_DIR"))
}

/// The ground-truth corpus (`testdata/corpus`).
pub fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/corpus")
}

/// Runs `tlsdoctor` with `TLSDOCTOR_NOW=now`; exit code and standard output.
pub fn run_at(now: &str, args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_tlsdoctor"))
        .args(args)
        .env("TLSDOCTOR_NOW", now)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
    )
}

/// The string at `key` of a JSON object.
pub fn s<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

/// The finding with `id` in an analysis report (panics with the report when there is none).
pub fn finding<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == id)
        .unwrap_or_else(|| panic!("no {id}: {v:#}"))
}
