//! Protocol logs opened in Excel and saved again: "CSV" in a locale whose list separator is `;`
//! (German, French, most of Europe), or "Text (tab delimited)". Excel writes each field bare
//! unless it holds the separator or a quote (then quoted, `"` doubled), so a 220 banner's
//! `Thu, 2 May 2024` or a certificate's `CN=…, O=…` lose their quotes. Until 2026-12-07 such a
//! file was read as a protocol log whose rows all had "too few fields": "No input could be read".
//!
//! Also logs saved by an editor that ends lines with a lone CR (classic Mac line ends): until
//! 2026-12-07 read as one line.
//!
//! Every protocol log of testdata/ (the KB 4495258 excerpt, the samples, the hand-written
//! sessions of `testdata/logs/`) is re-saved here the way Excel writes it, with each separator,
//! and with CR line ends, and must give the report of the original: verdict, findings and the
//! lines they cite, the log summary, the certificates and failures seen.
#![forbid(unsafe_code)]

use tlsdoctor_core::analyze::{AnalyzeOptions, Analyzer};
use tlsdoctor_core::i18n::Lang;
use tlsdoctor_core::log::csv::split_bytes_into;

const NOW: i64 = 1_796_083_200;

/// `text` as Excel saves it with `sep` between the fields.
fn excel(text: &[u8], sep: u8) -> Vec<u8> {
    let mut out = Vec::new();
    let mut spans = Vec::new();
    for line in text.split_inclusive(|&b| b == b'\n') {
        let end = line.len()
            - line
                .iter()
                .rev()
                .take_while(|&&b| b == b'\n' || b == b'\r')
                .count();
        let (body, eol) = line.split_at(end);
        if body.starts_with(b"#") || body.starts_with(b"\xef\xbb\xbf#") {
            out.extend(body.iter().map(|&b| if b == b',' { sep } else { b }));
        } else if split_bytes_into(body, &mut spans).is_ok() {
            for (i, span) in spans.iter().enumerate() {
                if i > 0 {
                    out.push(sep);
                }
                let raw = span.bytes(body);
                let value: Vec<u8> = if span.has_escaped_quotes {
                    String::from_utf8_lossy(raw)
                        .replace("\"\"", "\"")
                        .into_bytes()
                } else {
                    raw.to_vec()
                };
                if value.iter().any(|&b| b == sep || b == b'"') {
                    out.push(b'"');
                    for &b in &value {
                        if b == b'"' {
                            out.push(b'"');
                        }
                        out.push(b);
                    }
                    out.push(b'"');
                } else {
                    out.extend_from_slice(&value);
                }
            }
        } else {
            out.extend_from_slice(body);
        }
        out.extend_from_slice(eol);
    }
    out
}

/// What must not change: verdict, findings (id, severity, cited lines), the log summary, the
/// certificates and failures the log names.
fn essence(bytes: &[u8], name: &str, slice: usize) -> (String, serde_json::Value) {
    let mut a = Analyzer::new(AnalyzeOptions {
        lang: Lang::En,
        now_unix: NOW,
        passwords: Vec::new(),
    });
    a.begin_file(name);
    for piece in bytes.chunks(slice) {
        a.push_bytes(piece);
    }
    a.end_file();
    let r = a.report();
    let kind = r.files[0].kind.as_str().to_string();
    let findings: Vec<serde_json::Value> = r
        .findings
        .iter()
        .map(|f| {
            let lines: Vec<u64> = f.evidence.iter().map(|e| e.line).collect();
            serde_json::json!([f.id.as_str(), f.severity, lines])
        })
        .collect();
    let thumbprints: Vec<&str> = r
        .observed_certificates
        .iter()
        .map(|c| c.thumbprint.as_deref().unwrap_or(""))
        .collect();
    let failures: Vec<(u64, &str)> = r
        .tls_failures
        .iter()
        .map(|f| (f.line, f.error.as_str()))
        .collect();
    (
        kind,
        serde_json::json!({
            "verdict": r.verdict,
            "findings": findings,
            "summary": r.log_summary,
            "certificates": thumbprints,
            "failures": failures,
        }),
    )
}

/// `text` with CR line ends (CRLF and LF alike become CR).
/// On the bytes: a log in Windows-1252 stays so.
fn cr_only(text: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut bytes = text.iter().peekable();
    while let Some(&b) = bytes.next() {
        match b {
            b'\r' if bytes.peek() == Some(&&b'\n') => {}
            b'\n' => out.push(b'\r'),
            b => out.push(b),
        }
    }
    out
}

#[test]
fn resaved_logs_give_the_originals_report() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata");
    let mut checked = 0;
    for dir in ["logs", "samples"] {
        let mut names: Vec<_> = std::fs::read_dir(root.join(dir))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        names.sort();
        for path in names {
            let bytes = std::fs::read(&path).unwrap();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let (kind, want) = essence(&bytes, &name, 1 << 20);
            if kind != "protocol-log" {
                continue;
            }
            assert!(want["summary"]["lines"].as_u64().unwrap() > 0, "{name}");
            let resaved = [
                ("';'", excel(&bytes, b';')),
                ("tabs", excel(&bytes, b'\t')),
                ("CR line ends", cr_only(&bytes)),
                ("';' and CR line ends", cr_only(&excel(&bytes, b';'))),
            ];
            for (how, saved) in resaved {
                assert_ne!(saved, bytes, "{name}: nothing to re-save");
                for slice in [1 << 20, 4093, 7] {
                    let (kind, got) = essence(&saved, &name, slice);
                    assert_eq!(kind, "protocol-log", "{name} with {how}");
                    assert_eq!(got, want, "{name} with {how}, slices of {slice}");
                }
            }
            checked += 1;
        }
    }
    assert!(checked >= 9, "protocol logs checked: {checked}");
}

/// Several logs concatenated into one file (`Get-Content SEND*.LOG,RECV*.LOG > all.log`, `cat`):
/// each part keeps its byte order mark and header. The report is the one of the files given
/// apart: no line skipped as "the rest of a row" (the mark before a part's `#Software` line
/// made it one until 2026-12-07).
#[test]
fn logs_concatenated_with_their_byte_order_marks() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/logs");
    let parts = [
        "SEND-tls-ok-then-454-tls-not-available.LOG",
        "RECV-tls-ok-client-chain-revocation-unknown.LOG",
        "SEND-starttls-then-remote-socketerror.LOG",
    ];
    let mut joined = Vec::new();
    let mut apart = Analyzer::new(AnalyzeOptions {
        lang: Lang::En,
        now_unix: NOW,
        passwords: Vec::new(),
    });
    for name in parts {
        let bytes = std::fs::read(root.join(name)).unwrap();
        joined.extend_from_slice(b"\xef\xbb\xbf");
        joined.extend_from_slice(&bytes);
        apart.add_file(name, &bytes);
    }
    let apart = apart.report();
    let (kind, got) = essence(&joined, "all.log", 4093);
    assert_eq!(kind, "protocol-log");
    assert_eq!(got["summary"]["skipped_lines"], 0, "{got}");
    assert_eq!(got["summary"]["lines"], apart.log_summary.lines);
    assert_eq!(got["summary"]["sessions"], apart.log_summary.sessions);
    assert_eq!(got["verdict"], apart.verdict);
    let ids = |r: &serde_json::Value| -> Vec<String> {
        r["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f[0].as_str().unwrap().to_string())
            .collect()
    };
    let want: Vec<String> = apart
        .findings
        .iter()
        .map(|f| f.id.as_str().to_string())
        .collect();
    assert_eq!(ids(&got), want);
}
