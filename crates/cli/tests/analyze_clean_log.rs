//! `tlsdoctor analyze` on a Receive log where TLS works and only AUTH fails (one-row
//! certificate shape): "no TLS problem found", and the AUTH failures are named.

mod common;

use common::testdata;

fn run(args: &[&str]) -> (i32, String) {
    common::run_at(common::NOW_2026, args)
}

#[test]
fn clean_log_english_and_german() {
    let log = testdata("logs/RECV20240502-1-clean-auth-denied.LOG");
    let cer = testdata("samples/testservereku.contoso.com.cer");
    let (code, out) = run(&["analyze", "--json", &log, &cer]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let ids: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["no-tls-problem-found"]);
    assert_eq!(v["findings"][0]["severity"], "info");
    assert!(v["findings"][0]["remediation"].is_null());
    assert_eq!(v["tls_failures"], serde_json::json!([]));
    assert_eq!(
        v["observed_certificates"][0]["not_before"],
        "2016-12-29T20:43:49.000Z"
    );
    let (_, en) = run(&["analyze", &log, &cer]);
    assert!(en.starts_with("Verdict: No TLS problem found"), "{en}");
    assert!(en.contains("failed AUTH attempt"));
    let (_, de) = run(&["analyze", "--lang", "de", &log, &cer]);
    assert!(
        de.starts_with("Ergebnis: Kein TLS-Problem gefunden"),
        "{de}"
    );
    assert!(de.contains("gescheiterte AUTH-Anmeldung"));
}

#[test]
fn the_corpus_relay_log_reads_without_skips() {
    let (code, out) = run(&["analyze", "--json", &testdata("corpus/logs")]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["log_summary"]["lines"], 15);
    assert_eq!(v["log_summary"]["sessions"], 1);
    assert_eq!(v["log_summary"]["skipped_lines"], 0);
    // Issue 13: the relay session never negotiates TLS, so working TLS is not shown (was
    // `no-tls-problem-found`).
    assert_eq!(v["findings"][0]["id"], "insufficient-evidence");
}

#[test]
fn skipped_lines_have_a_code_and_a_translated_reason() {
    let mut log = std::fs::read(testdata("logs/RECV20240502-1-clean-auth-denied.LOG")).unwrap();
    log.extend_from_slice(b"2024-05-02T08:00:11.000Z,EXCH01\\Client Frontend EXCH01,08DC6A6C0F5E2A11,17,10.10.10.10:587,198.51.100.33:56026,<,\"never closed\r\n");
    let dir = std::env::temp_dir().join(format!("tlsdoctor-skip-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("RECV.LOG");
    std::fs::write(&path, &log).unwrap();
    let p = path.to_str().unwrap();
    let (_, out) = run(&["analyze", "--json", p]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["log_summary"]["skipped_lines"], 1);
    assert_eq!(
        v["log_summary"]["skipped_reasons"][0]["code"],
        "unterminated-quote"
    );
    let (_, de) = run(&["analyze", "--lang", "de", p]);
    assert!(
        de.contains("1 Zeile(n) übersprungen: fehlerhafte CSV-Anführungszeichen"),
        "{de}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
