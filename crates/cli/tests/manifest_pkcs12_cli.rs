//! Every pkcs12 row of `testdata/corpus/MANIFEST.tsv`, through the built binary:
//! `tlsdoctor inspect --password P --json FILE` (no `--password` where the row's password is
//! empty: both empty forms are always tried), one process per row.
//!
//! Keys checked: `expected_outcome` (exit code, `error.code`), `cert_count`, `key_count`, per
//! certificate `sha1` = thumbprint, `subject` = subject_rfc4514, `localKeyID`, `friendlyName`,
//! has_private_key (= listed in `key_cert_sha1`); per key `type`, `matches_cert_sha1`,
//! `friendlyName`, `localKeyID`, `Microsoft CSP Name`; `mac`, `mac_iterations`,
//! `mac_password_form` → `password_form`, `trailing_bytes`, `cert_encryption`/`key_encryption` →
//! `encryption`, `has_private_key`, `key_type`, `dotnet_tests_expect` (Subject in the .NET form,
//! Thumbprint, HasPrivateKey). The password never appears in the output.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

mod common;
#[path = "../../core/tests/common/manifest_words.rs"]
mod manifest_words;

use common::{corpus, s};
use manifest_words::encryption_label;

fn password_form(manifest: &str) -> &'static str {
    if manifest.starts_with("empty BMPString") {
        "empty-bmpstring"
    } else if manifest.starts_with("absent") {
        "absent"
    } else {
        "given"
    }
}

#[test]
fn every_pkcs12_fact_in_the_manifest_holds_through_the_cli() {
    let manifest = std::fs::read_to_string(corpus().join("MANIFEST.tsv")).unwrap();
    let mut rows = 0;
    for line in manifest.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 || cols[1] != "pkcs12" {
            continue;
        }
        rows += 1;
        let (path, f): (&str, Value) = (cols[0], serde_json::from_str(cols[2]).unwrap());
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_tlsdoctor"));
        cmd.arg("inspect");
        let password = s(&f, "password").unwrap_or("");
        if !password.is_empty() {
            cmd.arg("--password").arg(password);
        }
        let output = cmd.arg("--json").arg(corpus().join(path)).output().unwrap();
        let stdout = String::from_utf8(output.stdout).unwrap();
        let json: Value =
            serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{path}: {e}: {stdout}"));
        let file = &json["files"][0];
        assert_eq!(file["kind"], "pkcs12", "{path}");
        if password.len() >= 5 && !password.bytes().all(|b| b.is_ascii_digit()) {
            assert!(!stdout.contains(password), "{path}: password in the output");
        }
        if f["expected_outcome"] == "parse_error" {
            assert_eq!(output.status.code(), Some(1), "{path}");
            assert_eq!(file["error"]["code"], "malformed", "{path}");
            continue;
        }
        assert_eq!(output.status.code(), Some(0), "{path}: {stdout}");
        assert_eq!(file["error"], Value::Null, "{path}");

        let p12 = &file["pkcs12"];
        assert_eq!(p12["mac"], f["mac"], "{path}");
        assert_eq!(p12["mac_iterations"], f["mac_iterations"], "{path}");
        assert_eq!(
            p12["password_form"],
            password_form(s(&f, "mac_password_form").unwrap()),
            "{path}"
        );
        let trailing: u64 =
            s(&f, "trailing_bytes").map_or(0, |t| t.split(' ').next().unwrap().parse().unwrap());
        assert_eq!(p12["trailing_bytes"], trailing, "{path}");
        let mut want: Vec<String> = ["cert_encryption", "key_encryption"]
            .iter()
            .map(|k| encryption_label(s(&f, k).unwrap()))
            .collect();
        want.sort();
        want.dedup();
        let mut got: Vec<String> = p12["encryption"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect();
        got.sort();
        assert_eq!(got, want, "{path}");

        let with_key: Vec<&str> = f["key_cert_sha1"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let certs = file["certificates"].as_array().unwrap();
        let want_certs = f["certs"].as_array().unwrap();
        assert_eq!(
            certs.len() as u64,
            f["cert_count"].as_u64().unwrap(),
            "{path}"
        );
        assert_eq!(certs.len(), want_certs.len(), "{path}");
        for (got, want) in certs.iter().zip(want_certs) {
            let thumb = s(want, "sha1").unwrap();
            assert_eq!(got["thumbprint"], thumb, "{path}");
            assert_eq!(got["subject_rfc4514"], want["subject"], "{path}");
            assert_eq!(s(got, "local_key_id"), s(want, "localKeyID"), "{path}");
            assert_eq!(s(got, "friendly_name"), s(want, "friendlyName"), "{path}");
            assert_eq!(
                got["has_private_key"],
                with_key.contains(&thumb),
                "{path}: has_private_key of {thumb}"
            );
        }
        assert_eq!(
            f["has_private_key"] == "yes",
            certs.iter().any(|c| c["has_private_key"] == true),
            "{path}"
        );

        let keys = file["keys"].as_array().unwrap();
        let want_keys = f["keys"].as_array().unwrap();
        assert_eq!(
            keys.len() as u64,
            f["key_count"].as_u64().unwrap(),
            "{path}"
        );
        assert_eq!(keys.len(), want_keys.len(), "{path}");
        for (got, want) in keys.iter().zip(want_keys) {
            assert_eq!(got["type"], want["type"], "{path}");
            assert_eq!(got["type"], f["key_type"], "{path}");
            assert_eq!(
                got["matches_thumbprint"], want["matches_cert_sha1"],
                "{path}"
            );
            assert_eq!(s(got, "local_key_id"), s(want, "localKeyID"), "{path}");
            assert_eq!(s(got, "friendly_name"), s(want, "friendlyName"), "{path}");
            assert_eq!(s(got, "csp_name"), s(want, "Microsoft CSP Name"), "{path}");
        }

        if let Some(dotnet) = f.get("dotnet_tests_expect") {
            let cert = certs
                .iter()
                .find(|c| c["thumbprint"] == dotnet["Thumbprint"])
                .unwrap_or_else(|| panic!("{path}: .NET thumbprint not found"));
            assert_eq!(cert["subject"], dotnet["Subject"], "{path}");
            if let Some(has) = dotnet.get("HasPrivateKey") {
                assert_eq!(&cert["has_private_key"], has, "{path}");
            }
        }
    }
    assert_eq!(rows, 37);
}

#[test]
fn wrong_password_is_told_apart_and_the_other_files_still_reported() {
    let dir = corpus().join("pkcs12/boringssl");
    let output = Command::new(env!("CARGO_BIN_EXE_tlsdoctor"))
        .args(["inspect", "--password", "Not-The-Password-9", "--json"])
        .arg(dir.join("openssl.p12"))
        .arg(dir.join("empty_password.p12"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(!stdout.contains("Not-The-Password-9"));
    let json: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["files"][0]["error"]["code"], "wrong-password");
    assert_eq!(json["files"][1]["error"], Value::Null);
    assert_eq!(
        json["files"][1]["pkcs12"]["password_form"],
        "empty-bmpstring"
    );
    assert_eq!(json["files"][1]["certificates"][0]["has_private_key"], true);
}

#[test]
fn private_key_files_match_certificates_given_in_the_same_run() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/generated");
    let output = Command::new(env!("CARGO_BIN_EXE_tlsdoctor"))
        .args(["inspect", "--password", "secret", "--json"])
        .arg(dir.join("ec-p384.sec1-no-public.pem"))
        .arg(dir.join("rsa2048.encrypted-aes256.pem"))
        .arg(dir.join("ec-p384.crt"))
        .arg(dir.join("rsa2048.crt"))
        .output()
        .unwrap();
    let json: Value = serde_json::from_str(&String::from_utf8(output.stdout).unwrap()).unwrap();
    let files = json["files"].as_array().unwrap();
    assert_eq!(output.status.code(), Some(0), "{json}");
    for (key_file, cert_file, key_type) in [(0, 2, "EC-secp384r1"), (1, 3, "RSA-2048")] {
        assert_eq!(files[key_file]["kind"], "private-key");
        let key = &files[key_file]["keys"][0];
        assert_eq!(key["type"], key_type);
        assert_eq!(
            key["matches_thumbprint"],
            files[cert_file]["certificates"][0]["thumbprint"]
        );
    }
}
