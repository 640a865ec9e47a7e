//! Bad input among protocol logs: every broken line is skipped and counted with its reason,
//! nothing panics, and the other files and lines are still read.

use tlsdoctor_core::analyze::{AnalyzeOptions, Analyzer};
use tlsdoctor_core::report::{AnalysisReport, FileKind};

const HEADER: &str = "#Software: Microsoft Exchange Server\r\n#Version: 15.0.0.0\r\n#Log-type: SMTP Send Protocol Log\r\n#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context\r\n";
const FAIL: &str = "2024-05-02T06:32:14.285Z,Outbound to Office 365,08DC6A5E2B3F1C01,22,192.168.0.78:28252,172.16.38.36:25,*,,TLS negotiation failed with error NoCredentials\r\n";

fn run(files: &[(&str, Vec<u8>)]) -> AnalysisReport {
    let mut a = Analyzer::new(AnalyzeOptions::default());
    for (path, bytes) in files {
        a.add_file(path, bytes);
    }
    a.report()
}

fn reason_count(r: &AnalysisReport, needle: &str) -> u64 {
    r.log_summary
        .skipped_reasons
        .iter()
        .filter(|s| s.reason.contains(needle))
        .map(|s| s.count)
        .sum()
}

#[test]
fn binary_file_among_logs_is_not_read_as_a_log() {
    let mut binary = vec![0u8, 159, 146, 150, 0xff, 0x00];
    binary.extend(std::iter::repeat_n(0xAB, 10_000));
    let r = run(&[
        ("a.LOG", format!("{HEADER}{FAIL}").into_bytes()),
        ("garbage.LOG", binary),
        ("b.LOG", format!("{HEADER}{FAIL}").into_bytes()),
    ]);
    assert_eq!(r.files[0].kind, FileKind::ProtocolLog);
    assert_ne!(r.files[1].kind, FileKind::ProtocolLog);
    assert!(r.files[1].error.is_some());
    assert_eq!(r.files[2].kind, FileKind::ProtocolLog);
    assert_eq!(r.log_summary.tls_failures_total, 2);
}

#[test]
fn binary_lines_inside_a_log_are_skipped() {
    let mut bytes = format!("{HEADER}{FAIL}").into_bytes();
    bytes.extend_from_slice(b"\x00\x01\x02binary\x00junk,with,commas\r\n");
    bytes.extend_from_slice(FAIL.as_bytes());
    let r = run(&[("a.LOG", bytes)]);
    assert_eq!(r.log_summary.tls_failures_total, 2);
    assert_eq!(reason_count(&r, "binary data"), 1);
    assert_eq!(r.log_summary.skipped_lines, 1);
}

#[test]
fn truncated_last_line_is_counted() {
    let cut = &FAIL[..60];
    let r = run(&[("a.LOG", format!("{HEADER}{FAIL}{cut}").into_bytes())]);
    assert_eq!(r.log_summary.tls_failures_total, 1);
    assert_eq!(reason_count(&r, "truncated last line"), 1);
    // A last line without terminator that is a complete row is read normally.
    let r = run(&[("a.LOG", format!("{HEADER}{}", FAIL.trim_end()).into_bytes())]);
    assert_eq!(r.log_summary.tls_failures_total, 1);
    assert_eq!(r.log_summary.skipped_lines, 0);
}

#[test]
fn lines_over_one_mebibyte_are_skipped_and_memory_stays_bounded() {
    let long = format!(
        "2024-05-02T06:32:14.285Z,Outbound to Office 365,S,1,a,b,>,{}\r\n",
        "A".repeat(1024 * 1024 + 10)
    );
    let r = run(&[("a.LOG", format!("{HEADER}{long}{FAIL}{long}").into_bytes())]);
    assert_eq!(reason_count(&r, "longer than 1 MiB"), 2);
    assert_eq!(r.log_summary.tls_failures_total, 1);
}

#[test]
fn broken_quoting_and_short_rows_are_skipped_with_reasons() {
    let bad_quote =
        "2024-05-02T06:32:14.285Z,Outbound to Office 365,S,1,a,b,<,\"220 never closed,\r\n";
    let after_quote = "2024-05-02T06:32:14.285Z,Outbound to Office 365,S,1,a,b,<,\"220 x\"y,\r\n";
    let short = "2024-05-02T06:32:14.285Z,three,fields\r\n";
    // The rest of a row a console window wrapped (`...,Sending certific` / `ate`): not a
    // date-time where the header puts it first.
    let wrapped_rest = "ate\r\n";
    let bad_event = "2024-05-02T06:32:14.285Z,Outbound to Office 365,S,1,a,b,?,x,y\r\n";
    let r = run(&[(
        "a.LOG",
        format!("{HEADER}{bad_quote}{after_quote}{short}{wrapped_rest}{bad_event}{FAIL}")
            .into_bytes(),
    )]);
    assert_eq!(reason_count(&r, "never closed"), 1);
    assert_eq!(reason_count(&r, "after a closing quote"), 1);
    assert_eq!(reason_count(&r, "too few fields"), 1);
    assert_eq!(reason_count(&r, "cut onto the next line"), 1);
    assert_eq!(reason_count(&r, "event column"), 1);
    assert_eq!(r.log_summary.skipped_lines, 5);
    assert!(r
        .log_summary
        .skipped_reasons
        .iter()
        .any(|s| s.code == "wrapped-row-rest" && s.count == 1));
    assert_eq!(r.log_summary.tls_failures_total, 1);
}

#[test]
fn unknown_columns_are_mapped_or_the_rows_skipped() {
    // Reordered header with an extra column: rows still read by name.
    let header = "#Software: Microsoft Exchange Server\n#Fields: event,extra-column,connector-id,session-id,data,context,remote-endpoint\n";
    let row = "*,zzz,Outbound to Office 365,S1,,TLS negotiation failed with error TargetUnknown,10.0.0.1:25\n";
    let r = run(&[("a.LOG", format!("{header}{row}").into_bytes())]);
    assert_eq!(r.tls_failures.len(), 1);
    assert_eq!(r.tls_failures[0].error, "TargetUnknown");
    assert_eq!(r.tls_failures[0].remote_endpoint, "10.0.0.1:25");
    assert_eq!(r.findings[0].id, "tls-negotiation-failed");
    assert!(r.findings[0].title.contains("TargetUnknown"));
    // A header naming none of the needed columns: its rows are skipped, with the reason.
    let header =
        "#Software: Microsoft Exchange Server\n#Fields: date-time,client-ip,client-hostname\n";
    let r = run(&[("b.LOG", format!("{header}{FAIL}{FAIL}").into_bytes())]);
    assert_eq!(reason_count(&r, "#Fields header lacks"), 2);
    assert_eq!(r.log_summary.tls_failures_total, 0);
}

#[test]
fn crlf_lf_bom_and_headerless_excerpts_read_the_same() {
    let lf = format!("{HEADER}{FAIL}").replace("\r\n", "\n");
    let bom = format!("\u{feff}{HEADER}{FAIL}");
    let headerless = FAIL.to_string();
    for text in [lf, bom, headerless] {
        let r = run(&[("x.LOG", text.into_bytes())]);
        assert_eq!(r.tls_failures.len(), 1, "{:?}", r.log_summary);
        assert_eq!(r.tls_failures[0].connector, "Outbound to Office 365");
        assert_eq!(r.log_summary.skipped_lines, 0);
    }
}

/// Deterministic mutations of real rows (byte flips, multi-byte characters and separators
/// dropped in at random places, cuts): nothing panics and every line is accounted for.
#[test]
fn mutated_logs_never_panic() {
    let base = std::fs::read(format!(
        "{}/../../testdata/samples/SEND20240502-1.LOG",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let recv = std::fs::read(format!(
        "{}/../../testdata/logs/RECV20240502-1-clean-auth-denied.LOG",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let inserts: [&[u8]; 8] = [
        b",",
        b"\"",
        b"\xC3\xA9",
        b"\xE4\xB8\xAD",
        b"\r\n",
        b"\xFF",
        b" ",
        b"\x00",
    ];
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for round in 0..1500 {
        let mut bytes = if round % 2 == 0 {
            base.clone()
        } else {
            recv.clone()
        };
        for _ in 0..(1 + next() % 8) {
            let pos = (next() as usize) % bytes.len().max(1);
            match next() % 3 {
                0 => bytes[pos] = next() as u8,
                1 => {
                    let ins = inserts[(next() % inserts.len() as u64) as usize];
                    bytes.splice(pos..pos, ins.iter().copied());
                }
                _ => bytes.truncate(pos.max(1)),
            }
        }
        let mut a = Analyzer::new(AnalyzeOptions::default());
        a.begin_file("m.LOG");
        for chunk in bytes.chunks(1 + (next() % 97) as usize) {
            a.push_bytes(chunk);
        }
        a.end_file();
        let r = a.report();
        if r.files[0].kind == FileKind::ProtocolLog {
            assert!(r.log_summary.lines > 0);
            assert!(r.log_summary.skipped_lines <= r.log_summary.lines);
        }
    }
}
