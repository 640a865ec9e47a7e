//! `Analyzer::part` / `Analyzer::absorb`: a later group of files read by another analyzer (the
//! CLI's second thread) and merged gives the report of one analyzer reading every file in
//! order; a later group it cannot merge exactly is refused and leaves the first one as it was.
//! Inputs: the bundled samples (`testdata/samples`) and genlog's generated Send/Receive logs
//! (`tlsdoctor_core::log::genlog`, modelled on KB 4495258's and Microsoft's published rows).

use std::path::Path;

use tlsdoctor_core::analyze::{AnalyzeOptions, Analyzer};
use tlsdoctor_core::log::genlog::Generator;

type File = (String, Vec<u8>);

fn options() -> AnalyzeOptions {
    AnalyzeOptions {
        now_unix: 1_733_011_200, // 2024-12-01
        ..AnalyzeOptions::default()
    }
}

fn sample(name: &str) -> File {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/samples")
        .join(name);
    (name.to_string(), std::fs::read(path).expect("sample"))
}

fn feed(a: &mut Analyzer, files: &[File]) {
    for (name, bytes) in files {
        a.add_file(name, bytes);
    }
}

fn json(a: &Analyzer) -> String {
    serde_json::to_string_pretty(&a.report()).expect("json")
}

fn logs() -> Vec<File> {
    let mut g = Generator::new(2 << 20, 300 << 10, 20, true);
    std::iter::from_fn(|| g.next_file()).collect()
}

#[test]
fn logs_read_by_a_part_merge_into_the_report_read_in_order() {
    // (Not the sample Send log: genlog reuses its session ids, so it would cross every split.)
    let mut files = vec![sample("widgits-2016-new.cer")];
    files.extend(logs());
    assert!(files.len() >= 7);
    let mut whole = Analyzer::new(options());
    feed(&mut whole, &files);
    let want = json(&whole);
    for k in 1..files.len() {
        let mut first = Analyzer::new(options());
        feed(&mut first, &files[..k]);
        let mut part = Analyzer::part(options());
        feed(&mut part, &files[k..]);
        assert_eq!(part.continued_sessions(), 0);
        // Moved as bytes (the page's second worker) and absorbed: the same report.
        let bytes = part.part_to_bytes().expect("a part of logs");
        let mut again = Analyzer::new(options());
        feed(&mut again, &files[..k]);
        assert!(
            again.absorb_part_bytes(&bytes),
            "split before {}",
            files[k].0
        );
        assert_eq!(json(&again), want, "split before {} (bytes)", files[k].0);
        assert!(first.absorb(part), "split before {}", files[k].0);
        assert_eq!(json(&first), want, "split before {}", files[k].0);
    }
    assert!(want.contains("\"tls_failures_total\""), "{want}");
}

#[test]
fn a_part_with_a_certificate_file_is_refused_and_changes_nothing() {
    let mut files = logs();
    files.insert(3, sample("widgits-2014-old.cer"));
    let mut whole = Analyzer::new(options());
    feed(&mut whole, &files);
    let mut first = Analyzer::new(options());
    feed(&mut first, &files[..2]);
    let before = json(&first);
    let mut part = Analyzer::part(options());
    feed(&mut part, &files[2..]);
    assert!(part.part_to_bytes().is_none());
    assert!(!first.absorb_part_bytes(b"{\"not\": \"a part\"}"));
    assert!(!first.absorb(part));
    assert_eq!(json(&first), before);
    feed(&mut first, &files[2..]);
    assert_eq!(json(&first), json(&whole));
    // A plain analyzer is no part.
    let mut plain = Analyzer::new(options());
    feed(&mut plain, &files[4..]);
    assert!(!first.absorb(plain));
}

/// A part that goes on with a file from a line inside it is absorbed only by an analyzer that
/// read exactly the bytes before that line: one line short (or one line more) is refused and
/// changes nothing, whatever the header state; exactly there, the report read in one go.
#[test]
fn a_part_cut_inside_is_absorbed_only_at_its_byte() {
    let mut g = Generator::new(2 << 20, 2 << 20, 50, true);
    let (name, bytes) = g.next_file().expect("a file");
    let mut whole = Analyzer::new(options());
    whole.add_file(&name, &bytes);
    let mid = bytes.len() / 2;
    let cut = mid + tlsdoctor_core::split::line_start(&bytes[mid..]).expect("a line");
    // The line before the cut starts after the `\n` before the one that ends it.
    let before = bytes[..cut - 1]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let after = cut + tlsdoctor_core::split::line_start(&bytes[cut..]).expect("a line");
    let part = || {
        let mut p = Analyzer::part(options());
        assert!(p.begin_continued_file(&name, &bytes[..64 << 10], cut as u64));
        p.push_bytes(&bytes[cut..]);
        p.end_file();
        p
    };
    for stop in [before, after] {
        let mut first = Analyzer::new(options());
        first.begin_file(&name);
        first.push_bytes(&bytes[..stop]);
        let report = json(&first);
        assert!(
            !first.absorb(part()),
            "absorbed after byte {stop}, cut at {cut}"
        );
        assert_eq!(json(&first), report);
    }
    let mut first = Analyzer::new(options());
    first.begin_file(&name);
    first.push_bytes(&bytes[..cut]);
    assert!(first.absorb(part()));
    assert_eq!(json(&first), json(&whole));
    // A part moved as bytes carries its byte too.
    let moved = part().part_to_bytes().expect("a part");
    let mut short = Analyzer::new(options());
    short.begin_file(&name);
    short.push_bytes(&bytes[..before]);
    assert!(!short.absorb_part_bytes(&moved));
}
