//! The protocol-log reader compiled to wasm32 and run under node (wasm-bindgen-test). Its comma
//! scan (`log::csv::comma_mask`) and the line splitter's one-pass scan (`log::scan`) have
//! wasm32-only SIMD128 branches, so the native tests do not cover them: here the fast splits
//! must give the general split's fields on random lines, and a KB excerpt must give its facts.
//!
//! Run: `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!       cargo test -p tlsdoctor-core --target wasm32-unknown-unknown --test wasm_log`
#![cfg(target_arch = "wasm32")]

use tlsdoctor_core::log::csv::{split_bytes_into, split_unquoted_into};
use tlsdoctor_core::log::genlog::Rng;
use tlsdoctor_core::log::lines::{Line, LineSplitter};
use tlsdoctor_core::log::LogCollector;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn simd_comma_split_is_the_general_split() {
    let mut rng = Rng::new(0x2545_F491_4F6C_DD1D);
    let alphabet: &[u8] = b",,,,a1 \t\r\0\xff\xc3\xa9,";
    let (mut a, mut b) = (Vec::new(), Vec::new());
    let mut commas = 0;
    for n in 0..6000 {
        let line = rng.line(alphabet, n % 131);
        split_bytes_into(&line, &mut a).unwrap();
        split_unquoted_into(&line, &mut b);
        assert_eq!(a, b, "{line:?}");
        commas += b.len() - 1;
    }
    assert!(commas > 100_000, "{commas}");
    // Commas at every position of a 16-byte block and across its end.
    for at in 0..40 {
        let mut line = vec![b'x'; 40];
        line[at] = b',';
        split_unquoted_into(&line, &mut b);
        assert_eq!((b.len(), b[0].end, b[1].start), (2, at, at + 1));
    }
}

/// The splitter's one-pass scan (line ends, commas, quotes, NUL in 32-byte blocks) hands out the
/// general split's fields for every line it splits, whatever the slice boundaries.
#[wasm_bindgen_test]
fn one_pass_scan_gives_the_general_split() {
    let mut rng = Rng::new(0x9E37_79B9_7F4A_7C15);
    let alphabet: &[u8] = b",,,,\"\"a1 \r\n\0\xc3\xa9,";
    let text = rng.line(alphabet, 200_000);
    let mut checked = 0;
    let mut general = Vec::new();
    for slice in [1usize, 31, 32, 33, 4096] {
        let mut s = LineSplitter::new();
        let mut sink = |l: Line<'_>| {
            if let Line::Text {
                bytes,
                fields: Some(fields),
                ..
            } = l
            {
                split_bytes_into(bytes, &mut general).unwrap();
                assert_eq!(fields, &general[..], "{bytes:?}");
                checked += 1;
            }
        };
        for part in text.chunks(slice) {
            s.push(part, &mut sink);
        }
        s.finish(&mut sink);
    }
    assert!(checked > 10_000, "{checked}");
}

/// KB 4495258's excerpt (testdata/logs/kb4495258-excerpt.log): the offered certificate's rows
/// and the NoCredentials failure, read in wasm as natively.
#[wasm_bindgen_test]
fn kb4495258_excerpt_gives_its_facts_in_wasm() {
    let log = include_bytes!("../../../testdata/logs/kb4495258-excerpt.log");
    let mut c = LogCollector::new();
    c.begin_file("kb4495258-excerpt.log");
    // Slices that cut rows (and 16-byte blocks) anywhere.
    for part in log.chunks(37) {
        c.push(part);
    }
    c.end_file();
    let facts = c.facts();
    assert_eq!(facts.failures.len(), 1);
    let failure = &facts.failures[0].report;
    assert_eq!(failure.error, "NoCredentials");
    assert_eq!(failure.connector, "Outbound to Office 365");
    assert_eq!(failure.remote_endpoint, "172.167.38.36:25");
    let subjects: Vec<_> = facts
        .certificates
        .iter()
        .filter_map(|c| c.report.subject.as_deref())
        .collect();
    assert_eq!(subjects, ["CN=*.xxx.xxx.xxx"]);
    assert_eq!(
        facts.certificates[0].report.issuer.as_deref(),
        Some("CN=xxxxxx, OU=xxxxxx, O=xxxx, L=xxxx, S=xxxxx, C=xx")
    );
}
