//! `tlsdoctor analyze` on the collector's .zip (testdata/collector/, written to the layout the
//! script documents) gives the findings of the same files loose; `tlsdoctor collect-script`
//! prints the script. Broken zips are named errors next to files that still read.

mod common;

use common::testdata;
use serde_json::Value;

/// 2025-02-01T00:00:00Z.
const NOW: &str = "1738368000";

fn json(args: &[&str]) -> (i32, Value) {
    let (code, out) = common::run_at(NOW, args);
    (code, serde_json::from_str(&out).unwrap())
}

/// (id, severity, thumbprints, connectors) of each finding, and the verdict.
fn essence(v: &Value) -> Vec<String> {
    let mut out: Vec<String> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} {} {} {}",
                f["id"], f["severity"], f["thumbprints"], f["connectors"]
            )
        })
        .collect();
    out.push(v["verdict"].to_string());
    out
}

#[test]
fn collector_zips_give_the_findings_of_the_loose_folders() {
    for (case, id) in [
        ("kb4495258", "no-credentials"),
        ("renewal-trap", "ambiguous-tls-certificate-name"),
    ] {
        let zip = testdata(&format!("collector/{case}-collector.zip"));
        let (zip_code, zipped) = json(&["analyze", "--json", &zip]);
        let (_, loose) = json(&["analyze", "--json", &testdata(&format!("collector/{case}"))]);
        // The zip holds no error (texts no reader knows are warnings inside an archive).
        assert_eq!(zip_code, 0, "{zipped:#}");
        assert_eq!(zipped["files"][0]["kind"], "zip-archive");
        assert_eq!(zipped["findings"][0]["id"], id);
        assert_eq!(essence(&zipped), essence(&loose), "{case}");
    }
}

#[test]
fn broken_zips_are_named_errors_and_the_other_files_still_read() {
    let (code, v) = json(&[
        "analyze",
        "--json",
        &testdata("zip/bomb-ratio.zip"),
        &testdata("zip/encrypted-zipcrypto.zip"),
        &testdata("zip/kb4495258-truncated.zip"),
        &testdata("samples/testservereku.contoso.com.cer"),
    ]);
    assert_eq!(code, 1);
    let code_of = |suffix: &str| {
        v["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["path"].as_str().unwrap().ends_with(suffix))
            .map(|f| f["error"]["code"].clone())
            .unwrap_or_else(|| panic!("no {suffix}"))
    };
    assert_eq!(code_of("bomb-ratio.zip/zeros.log"), "archive-limit");
    assert_eq!(
        code_of("encrypted-zipcrypto.zip/testservereku.contoso.com.cer"),
        "archive-encrypted"
    );
    assert_eq!(code_of("kb4495258-truncated.zip"), "archive-truncated");
    assert_eq!(
        code_of("samples/testservereku.contoso.com.cer"),
        Value::Null
    );
    assert_eq!(
        common::finding(&v, "no-credentials")["connectors"][0],
        "Outbound to Office 365"
    );
}

#[test]
fn collect_script_prints_the_collector_byte_for_byte() {
    let (code, out) = common::run_at(NOW, &["collect-script"]);
    assert_eq!(code, 0);
    let file = std::fs::read_to_string(format!(
        "{}/../../collect/Collect-TlsEvidence.ps1",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    assert_eq!(out, file);
    assert!(out.contains("Get-ExchangeCertificate"));
    let (code, _) = common::run_at(NOW, &["collect-script", "extra"]);
    assert_eq!(code, 2);
}
