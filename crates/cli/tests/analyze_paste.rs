//! `tlsdoctor analyze` on pasted Exchange Management Shell output: a `.txt` file, standard
//! input (`-`), and a paste next to the protocol log of the same outage.

use std::io::Write;
use std::process::{Command, Stdio};

/// 2025-02-01T00:00:00Z.
const NOW: &str = "1738368000";
const KEYLESS: &str = "3D5F8A1C9E2B4D6F8A0C2E4F6A8B0D2F4E6A8C0B";

mod common;

fn testdata(rel: &str) -> String {
    common::testdata(&format!("paste/{rel}"))
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tlsdoctor"))
        .args(args)
        .env("TLSDOCTOR_NOW", NOW)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input.write_all(stdin.unwrap_or(b"")).unwrap();
    drop(input);
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
    )
}

#[test]
fn txt_paste_json_names_the_stuck_queue_and_the_keyless_certificate() {
    let (code, out) = run(
        &["analyze", "--json", &testdata("kb4495258-outage-en-us.txt")],
        None,
    );
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["files"][0]["kind"], "shell-output");
    assert_eq!(v["files"][0]["error"], serde_json::Value::Null);
    assert_eq!(
        v["verdict"],
        "Mail to contoso-com.mail.protection.outlook.com is stuck because the certificate of send connector \"Outbound to Office 365\" has no private key"
    );
    assert_eq!(v["findings"][0]["id"], "no-credentials");
    assert_eq!(
        v["findings"][0]["thumbprints"],
        serde_json::json!([KEYLESS])
    );
    assert!(v["findings"][0]["remediation"]["powershell"]
        .as_str()
        .unwrap()
        .contains("Retry-Queue -Identity 'EX01\\3'"));
    assert_eq!(v["pasted"][0]["queues"][0]["status"], "Retry");
    assert_eq!(
        v["pasted"][0]["connectors"][0]["tls_certificate_name_parsed"]["problems"],
        serde_json::json!([])
    );
}

#[test]
fn paste_on_stdin_in_german() {
    let paste = std::fs::read(testdata("renewal-trap-de-de.txt")).unwrap();
    let (code, out) = run(&["analyze", "--lang", "de", "-"], Some(&paste));
    assert_eq!(code, 0);
    assert!(
        out.contains("Der TlsCertificateName des Connectors \"Internet\" passt zu 2 Zertifikaten"),
        "{out}"
    );
    assert!(
        out.contains("Invoke-Command -ComputerName 'EX02' { Start-Service MSExchangeTransport }")
    );
    assert!(out.contains("-  [Shell-Ausgabe]"));
    // The RPC error under the listing is read now (it was "2 Zeilen nicht erkannt").
    assert!(out.contains(
        "gelesen: 3 Zertifikate, 1 Connector, 0 Warteschlangen, 0 Ereignisse, 1 Fehlermeldung\n"
    ), "{out}");
}

#[test]
fn paste_and_send_log_give_one_no_credentials_story() {
    let (code, out) = run(
        &[
            "analyze",
            "--json",
            &testdata("SEND20250131-1.LOG"),
            &testdata("kb4495258-outage-en-us.txt"),
        ],
        None,
    );
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let no_creds: Vec<&serde_json::Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["id"] == "no-credentials")
        .collect();
    assert_eq!(no_creds.len(), 1, "{out}");
    let paths: Vec<&str> = no_creds[0]["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["path"].as_str().unwrap())
        .collect();
    assert!(
        paths.iter().any(|p| p.ends_with("SEND20250131-1.LOG")),
        "{paths:?}"
    );
    assert!(
        paths
            .iter()
            .any(|p| p.ends_with("kb4495258-outage-en-us.txt")),
        "{paths:?}"
    );
    assert!(v["verdict"]
        .as_str()
        .unwrap()
        .starts_with("Mail to contoso-com.mail.protection.outlook.com is stuck"));
    // The paste shows the certificate's key and dates: the log's "drop its file" is answered.
    assert!(
        !v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["id"] == "certificate-not-provided"),
        "{out}"
    );
}

#[test]
fn inspect_points_a_paste_to_analyze() {
    let (code, out) = run(&["inspect", &testdata("renewal-trap-de-de.txt")], None);
    assert_eq!(
        code, 1,
        "inspect reads certificate files; a paste is not one"
    );
    assert!(out.contains("pasted Exchange Management Shell output or event text (tlsdoctor analyze reads and cross-checks it)"), "{out}");
}
