//! Exchange's other logs dropped with (or instead of) the protocol logs: a message tracking log
//! shares the protocol logs' `#Software: Microsoft Exchange Server` header but has none of their
//! columns. Until 2026-12-07 it was read as a protocol log whose `#Fields` lacked
//! `connector-id`: every row skipped, the verdict "No input could be read", and the failure its
//! `recipient-status` names (`451 4.4.0 Primary target IP address responded with: "451 5.7.3
//! Must issue a STARTTLS command first."`) unread.
//!
//! `testdata/logs/MSGTRK20240502-1-defer-starttls-required.LOG`: the header and the thirty
//! fields of Microsoft Learn's "Message tracking in Exchange Server" (Exchange 2019), a RECEIVE,
//! a DEFER whose status carries the reply of FAILURE-MODES.md row 11, and a SEND; written for
//! this test.
#![forbid(unsafe_code)]

use tlsdoctor_core::analyze::{AnalyzeOptions, Analyzer};
use tlsdoctor_core::i18n::Lang;
use tlsdoctor_core::report::{AnalysisReport, FileKind};

const NOW: i64 = 1_796_083_200;
const FILE: &str = "MSGTRK20240502-1-defer-starttls-required.LOG";

fn tracking_log() -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/logs")
        .join(FILE);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The report on `bytes` pushed as `name` in slices of `slice` bytes.
fn analyze(lang: Lang, name: &str, bytes: &[u8], slice: usize) -> AnalysisReport {
    let mut a = Analyzer::new(AnalyzeOptions {
        lang,
        now_unix: NOW,
        passwords: Vec::new(),
    });
    a.begin_file(name);
    for piece in bytes.chunks(slice.max(1)) {
        a.push_bytes(piece);
    }
    a.end_file();
    a.report()
}

fn ids(r: &AnalysisReport) -> Vec<&str> {
    r.findings.iter().map(|f| f.id.as_str()).collect()
}

/// The log without its DEFER row (line 7): deliveries only.
fn quiet_tracking_log() -> Vec<u8> {
    let text = String::from_utf8(tracking_log()).unwrap();
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    assert!(lines[6].contains(",DEFER,"));
    lines
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != 6)
        .map(|(_, l)| *l)
        .collect::<String>()
        .into_bytes()
}

#[test]
fn a_message_tracking_log_is_told_apart_and_its_deferral_read() {
    let bytes = tracking_log();
    for slice in [usize::MAX, 4096, 61, 7] {
        let r = analyze(Lang::En, FILE, &bytes, slice);
        let file = &r.files[0];
        assert_eq!(file.kind, FileKind::ExchangeLog, "slices of {slice}");
        assert_eq!(file.log_type.as_deref(), Some("Message Tracking Log"));
        assert!(file.error.is_none());
        // Not read as a protocol log: no lines counted, none skipped for a bad header.
        assert_eq!(r.log_summary.lines, 0);
        assert_eq!(r.log_summary.skipped_lines, 0);
        assert_eq!(
            ids(&r),
            ["tls-version-or-cipher-mismatch"],
            "slices of {slice}"
        );
        let e = &r.findings[0].evidence[0];
        assert_eq!((e.path.as_str(), e.line), (FILE, 7));
        assert!(e.text.contains("Must issue a STARTTLS command first"));
    }
    // The JSON names the kind and the log type.
    let json = serde_json::to_value(analyze(Lang::En, FILE, &bytes, 4096)).unwrap();
    assert_eq!(json["files"][0]["kind"], "exchange-log");
    assert_eq!(json["files"][0]["log_type"], "Message Tracking Log");
}

#[test]
fn saved_as_utf16_it_reads_the_same() {
    let bytes = tracking_log();
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(bytes.iter().flat_map(|&b| [b, 0]))
        .collect();
    for slice in [usize::MAX, 999] {
        let r = analyze(Lang::En, FILE, &utf16, slice);
        assert_eq!(r.files[0].kind, FileKind::ExchangeLog);
        assert_eq!(ids(&r), ["tls-version-or-cipher-mismatch"]);
        assert_eq!(r.findings[0].evidence[0].line, 7);
    }
}

/// Deliveries only: the log cannot show TLS either way, and the verdict says so (never
/// "no TLS problem found"), naming the file and its type, in both languages.
#[test]
fn without_a_failure_it_is_not_an_all_clear() {
    let bytes = quiet_tracking_log();
    for (lang, says) in [
        (Lang::En, "Message Tracking Log (not SMTP protocol logs)"),
        (
            Lang::De,
            "Message Tracking Log (keine SMTP-Protokollprotokolle)",
        ),
    ] {
        let r = analyze(lang, FILE, &bytes, 4096);
        assert_eq!(r.files[0].kind, FileKind::ExchangeLog);
        assert_eq!(ids(&r), ["insufficient-evidence"], "{lang:?}");
        let explanation = &r.findings[0].explanation;
        assert!(explanation.starts_with(FILE), "{explanation}");
        assert!(explanation.contains(says), "{explanation}");
    }
}

/// A deferral deep in a large log (the folder holds files of 10 MB) is found, streamed in small
/// slices, at its own line number.
#[test]
fn a_deferral_deep_in_a_long_log_is_found() {
    let quiet = String::from_utf8(quiet_tracking_log()).unwrap();
    let lines: Vec<&str> = quiet.split_inclusive('\n').collect();
    let (header, delivery) = (lines[..5].concat(), lines[5]);
    let defer = String::from_utf8(tracking_log()).unwrap();
    let defer = defer.split_inclusive('\n').nth(6).unwrap().to_string();
    let mut text = header;
    for _ in 0..20_000 {
        text.push_str(delivery);
    }
    text.push_str(&defer);
    let r = analyze(Lang::En, FILE, text.as_bytes(), 65_537);
    assert_eq!(ids(&r), ["tls-version-or-cipher-mismatch"]);
    assert_eq!(r.findings[0].evidence[0].line, 5 + 20_000 + 1);
}

/// Saved with CR line ends (an old Mac editor): the rows are still rows.
#[test]
fn with_cr_line_ends_it_reads_the_same() {
    let text = String::from_utf8(tracking_log())
        .unwrap()
        .replace("\r\n", "\r");
    for slice in [usize::MAX, 333] {
        let r = analyze(Lang::En, FILE, text.as_bytes(), slice);
        assert_eq!(r.files[0].kind, FileKind::ExchangeLog);
        assert_eq!(ids(&r), ["tls-version-or-cipher-mismatch"]);
        assert_eq!(r.findings[0].evidence[0].line, 7);
    }
}
