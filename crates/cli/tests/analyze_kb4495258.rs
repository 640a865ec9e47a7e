//! `tlsdoctor analyze` end to end on KB 4495258 ("TLS negotiation failed with error
//! NoCredentials"): the bundled Send log plus the certificate it names, in English and German.

use std::process::Command;

mod common;

use common::{finding, testdata};

const NOW: &str = common::NOW_2026;
const THUMB: &str = "3D68C9DB575E6FDB56A81AE43B014E129349E024";

fn run(args: &[&str]) -> (i32, String) {
    common::run_at(NOW, args)
}

fn json(args: &[&str]) -> serde_json::Value {
    let (code, stdout) = run(args);
    assert_eq!(code, 0, "{stdout}");
    serde_json::from_str(&stdout).unwrap()
}

#[test]
fn log_and_cer_json_has_the_contract_keys_and_findings() {
    let log = testdata("samples/SEND20240502-1.LOG");
    let cer = testdata("samples/testservereku.contoso.com.cer");
    let v = json(&["analyze", "--json", &log, &cer]);
    for key in [
        "tool",
        "version",
        "files",
        "log_summary",
        "observed_certificates",
        "tls_failures",
        "findings",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["log_summary"]["sessions"], 2);
    assert_eq!(v["log_summary"]["skipped_lines"], 0);
    assert_eq!(v["tls_failures"][0]["error"], "NoCredentials");
    assert_eq!(v["tls_failures"][0]["connector"], "Outbound to Office 365");
    assert_eq!(v["tls_failures"][0]["session_id"], "08DC6A5E2B3F1C01");
    assert_eq!(v["tls_failures"][0]["line"], 28);
    assert_eq!(v["observed_certificates"][0]["thumbprint"], THUMB);
    assert_eq!(v["observed_certificates"][0]["role"], "sending");
    let ids: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["no-credentials", "certificate-missing-private-key"]);
    let nc = finding(&v, "no-credentials");
    assert_eq!(nc["thumbprints"][0], THUMB);
    assert_eq!(nc["connectors"][0], "Outbound to Office 365");
    let ps = nc["remediation"]["powershell"].as_str().unwrap();
    assert!(
        ps.starts_with(
            "Set-SendConnector 'Outbound to Office 365' -ProtocolLoggingLevel Verbose\n"
        ),
        "{ps}"
    );
    assert!(ps.contains(&format!(
        "{{$_.Thumbprint -eq '{THUMB}'}} | Select-Object -Property Thumbprint,HasPrivateKey"
    )));
    assert!(ps.contains(&format!("{{$_.Thumbprint -eq '{THUMB}'}} | Remove-Item")));
    assert!(ps.ends_with("Retry-Queue"));
    assert_eq!(
        finding(&v, "certificate-missing-private-key")["thumbprints"][0],
        THUMB
    );
    assert_eq!(v["files"][1]["certificates"][0]["has_private_key"], false);
}

#[test]
fn human_report_english_and_german() {
    let log = testdata("samples/SEND20240502-1.LOG");
    let cer = testdata("samples/testservereku.contoso.com.cer");
    let (code, en) = run(&["analyze", &log, &cer]);
    assert_eq!(code, 0);
    assert!(
        en.starts_with("Verdict: Outbound TLS fails with NoCredentials"),
        "{en}"
    );
    assert!(en.contains("1. [ERROR]"));
    assert!(en.contains("SEND20240502-1.LOG:28"));
    assert!(en.contains("What to do:"));
    assert!(en.find("Findings").unwrap() < en.find("Certificates named in the logs").unwrap());
    let (code, de) = run(&["analyze", "--lang", "de", &log, &cer]);
    assert_eq!(code, 0);
    assert!(
        de.starts_with("Ergebnis: Ausgehendes TLS scheitert mit NoCredentials"),
        "{de}"
    );
    assert!(de.contains("[FEHLER]"));
    assert!(de.contains("Was zu tun ist:"));
    assert!(de.contains("privater Schlüssel: nein"));
    // The role of a certificate the log names is a German word too (was `sending`).
    let named = |s: &str, heading: &str| {
        s.lines()
            .skip_while(|l| *l != heading)
            .nth(1)
            .map(str::to_string)
            .unwrap_or_default()
    };
    assert!(
        named(&en, "Certificates named in the logs").starts_with("  sending  "),
        "{en}"
    );
    assert!(
        named(&de, "In den Protokollen genannte Zertifikate").starts_with("  eigenes  "),
        "{de}"
    );
    // The PowerShell block is the same in both languages.
    let block = |s: &str| {
        s.lines()
            .filter(|l| l.trim_start().starts_with("Set-SendConnector"))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    assert_eq!(block(&en), block(&de));
    assert!(!block(&en).is_empty());
}

#[test]
fn with_the_pfx_and_password_the_key_is_proven() {
    let log = testdata("samples/SEND20240502-1.LOG");
    let pfx = testdata(
        "corpus/pkcs12/dotnet-runtime-assets/System.Net.TestData/testservereku.contoso.com.pfx",
    );
    let v = json(&[
        "analyze",
        "--json",
        "--password",
        "testcertificate",
        &log,
        &pfx,
    ]);
    let certs = v["files"][1]["certificates"].as_array().unwrap();
    assert_eq!(v["files"][1]["keys"][0]["matches_thumbprint"], THUMB);
    let cert = certs.iter().find(|c| c["thumbprint"] == THUMB).unwrap();
    assert_eq!(cert["has_private_key"], true);
    let ids: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["no-credentials"]);
    let nc = finding(&v, "no-credentials");
    assert!(nc["explanation"]
        .as_str()
        .unwrap()
        .contains("re-importing this file with its key"));
    assert!(nc["remediation"]["powershell"]
        .as_str()
        .unwrap()
        .contains(&format!(
            "Enable-ExchangeCertificate -Thumbprint '{THUMB}' -Services SMTP"
        )));
}

#[test]
fn folder_input_and_stdin() {
    // The samples folder holds the log, its certificate and the renewal pair.
    let v = json(&["analyze", "--json", &testdata("samples")]);
    let ids: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"no-credentials") && ids.contains(&"ambiguous-tls-certificate-name"),
        "{ids:?}"
    );
    assert_eq!(v["files"].as_array().unwrap().len(), 4);
    // `-` reads the log from standard input.
    let log = std::fs::read(testdata("samples/SEND20240502-1.LOG")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_tlsdoctor"))
        .args(["analyze", "--json", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(&log).unwrap();
    let out = child.wait_with_output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"][0]["path"], "-");
    assert_eq!(v["files"][0]["kind"], "protocol-log");
    assert_eq!(finding(&v, "no-credentials")["thumbprints"][0], THUMB);
}

#[test]
fn exit_codes() {
    let log = testdata("samples/SEND20240502-1.LOG");
    // A missing file is listed with its error; the log is still analysed; exit 1.
    let (code, stdout) = run(&["analyze", "--json", &log, "/nonexistent/x.cer"]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["files"][1]["error"]["code"], "unreadable");
    let message = v["files"][1]["error"]["message"].as_str().unwrap();
    assert!(
        message.starts_with("The file cannot be read: "),
        "{message}"
    );
    // In the report's language, like every other file-level message.
    let (_, german) = run(&["analyze", "--json", "--lang", "de", "/nonexistent/x.cer"]);
    let german: serde_json::Value = serde_json::from_str(&german).unwrap();
    let message = german["files"][0]["error"]["message"].as_str().unwrap();
    assert!(
        message.starts_with("Die Datei kann nicht gelesen werden: "),
        "{message}"
    );
    assert!(v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["id"] == "no-credentials"));
    let (code, _) = run(&["analyze", "--lang", "fr", &log]);
    assert_eq!(code, 2);
    let (code, _) = run(&["analyze"]);
    assert_eq!(code, 2);
}
