//! Every x509 / pkcs7 row of `testdata/corpus/MANIFEST.tsv`, through the built binary:
//! `tlsdoctor inspect --json FILE`, one process per row, every fact of the row asserted.
//!
//! Keys checked, and how:
//! * `file_sha256` — SHA-256 of the file bytes (the corpus copy is the one the row describes).
//! * `expected_outcome` — `parse_ok[, N certificate(s)]`: exit 0, `error` null, N certificates;
//!   `parse_error`: exit 1 and an `error` with code `malformed`/`truncated`;
//!   `disputed (...)`: exit 0, JSON, no panic, and the certificate still reported (read leniently).
//! * `kind` — `x509-cert`, `pkcs7-certs`; `x509-pem-bundle` is a PEM file with a certificate → `x509-cert`.
//! * `encoding` — `DER`: the file starts with a SEQUENCE; `PEM`: it holds a `-----BEGIN` line;
//!   `DER/BER`: the file starts with a SEQUENCE.
//! * `cert_count`, `pyca_cert_count`, `openssl_cert_count` — number of certificates.
//! * `pem_blocks` — the number of `CERTIFICATE` entries equals the number of certificates.
//! * per certificate: `sha1` = thumbprint, `sha256`, `serial_der_hex` = serial_number (the .NET form),
//!   `serial_hex` = the same number printed as signed hex (derived from ours), `not_before`/`not_after`,
//!   `public_key`, `sig_alg_oid`, `extension_count`, `version`, `subject`/`issuer` = our RFC 4514 forms.
//! * `openssl_serial` — OpenSSL prints the unsigned value: ours without a leading 00 pad byte
//!   (a trailing `\` is OpenSSL's line continuation: prefix match).
//! * `openssl_subject_rfc2253` / `openssl_issuer_rfc2253` — compared with our RFC 4514 form after
//!   `emailAddress=` → `1.2.840.113549.1.9.1=`, except where OpenSSL's rules differ from pyca's
//!   (listed in [`OPENSSL_FORM_DIFFERS`]) or OpenSSL hex-escapes (`\XX`) control characters.
//! * `pyca_warnings` (non-positive serial) and `boringssl_expected` WARNING/ERROR lines — the matching
//!   warning appears in our certificate warnings (see [`boringssl_warning_fragment`]).
//! * `dotnet_tests_expect` — `Subject`, `Issuer`, `SerialNumber`, `Thumbprint` equal ours exactly.
//!
//! Not checked: `source`, `note`, `notes`, `pyca_parses`/`openssl_parses`, `pyca_error`, `openssl_error`,
//! `subject_error` (descriptions of other tools' outcomes, not facts about the file).

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

mod common;
use common::{corpus, s};
use sha2::{Digest, Sha256};

/// Rows where OpenSSL's RFC 2253 output legitimately differs from pyca's RFC 4514 rules.
const OPENSSL_FORM_DIFFERS: &[(&str, &str)] = &[
    // OpenSSL shows the PrintableString's UTF-8 bytes one by one (Latin-1); pyca's rule reads UTF-8.
    (
        "subject_printable_string_containing_utf8_client_cert.pem",
        "subject",
    ),
    // The MANIFEST value is cut short at byte 0x85 (U+0085 NEL, which the generator treated as a line
    // break): "O=~\\7F\u0080..\u0084" without the rest of the value and without ",ST=Some-State,C=AU".
    ("subject_t61string_126-160.pem", "subject"),
];

fn boringssl_warning_fragment(expected: &str) -> Option<&'static str> {
    if expected.contains("Serial number is negative") {
        Some("negative")
    } else if expected.contains("Serial number is zero") {
        Some("zero")
    } else if expected.contains("longer than 20 octets") {
        Some("at most 20")
    } else if expected.contains("tag: 19") {
        Some("PrintableString")
    } else if expected.contains("tag: 22") {
        Some("IA5String")
    } else if expected.contains("Failed parsing validity") {
        Some("UTCTime")
    } else {
        None
    }
}

struct Row {
    path: String,
    kind: String,
    facts: Value,
}

fn rows() -> Vec<Row> {
    let text = std::fs::read_to_string(corpus().join("MANIFEST.tsv")).expect("MANIFEST.tsv");
    text.lines()
        .skip(1)
        .filter_map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            let kind = cols.get(1)?.to_string();
            if !matches!(
                kind.as_str(),
                "x509-cert" | "pkcs7-certs" | "x509-pem-bundle"
            ) {
                return None;
            }
            let facts = serde_json::from_str(cols.get(2)?).expect("facts JSON");
            Some(Row {
                path: cols[0].to_string(),
                kind,
                facts,
            })
        })
        .collect()
}

fn inspect(path: &Path) -> (i32, Value, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_tlsdoctor"))
        .arg("inspect")
        .arg("--json")
        .arg(path)
        .output()
        .expect("run tlsdoctor");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(
        !stderr.contains("panicked"),
        "{}: panic: {stderr}",
        path.display()
    );
    let json: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "{}: not JSON ({e}): {}",
            path.display(),
            String::from_utf8_lossy(&output.stdout)
        )
    });
    (output.status.code().unwrap_or(-1), json, stderr)
}

/// Signed hex as pyca prints `serial_number` (hex of the integer, `-` for negatives, no padding).
fn signed_hex_of(der_hex: &str) -> String {
    let bytes: Vec<u8> = (0..der_hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&der_hex[i..i + 2], 16).unwrap())
        .collect();
    let negative = bytes.first().is_some_and(|b| b & 0x80 != 0);
    let magnitude: Vec<u8> = if negative {
        // two's complement negate
        let mut m: Vec<u8> = bytes.iter().map(|b| !b).collect();
        for byte in m.iter_mut().rev() {
            let (v, carry) = byte.overflowing_add(1);
            *byte = v;
            if !carry {
                break;
            }
        }
        m
    } else {
        bytes
    };
    let hex: String = magnitude.iter().map(|b| format!("{b:02X}")).collect();
    let trimmed = hex.trim_start_matches('0');
    let trimmed = if trimmed.is_empty() { "0" } else { trimmed };
    if negative {
        format!("-{trimmed}")
    } else {
        trimmed.to_string()
    }
}

#[test]
fn every_x509_and_pkcs7_manifest_fact_holds() {
    let rows = rows();
    assert!(
        rows.len() >= 38,
        "expected the x509/pkcs7 rows, found {}",
        rows.len()
    );
    let mut checked_facts = 0usize;
    for row in &rows {
        let file = corpus().join(&row.path);
        let name = row.path.rsplit('/').next().unwrap_or(&row.path).to_string();
        let bytes = std::fs::read(&file).unwrap();
        let f = &row.facts;
        let ctx = |what: &str| format!("{}: {what}", row.path);

        assert_eq!(
            format!("{:x}", Sha256::digest(&bytes)),
            s(f, "file_sha256").unwrap(),
            "{}",
            ctx("file_sha256")
        );
        match s(f, "encoding") {
            Some("PEM") => assert!(
                String::from_utf8_lossy(&bytes).contains("-----BEGIN"),
                "{}",
                ctx("encoding")
            ),
            Some(_) => assert_eq!(bytes[0], 0x30, "{}", ctx("encoding")),
            None => {}
        }

        let (code, json, _stderr) = inspect(&file);
        let report = &json["files"][0];
        let certificates = report["certificates"].as_array().unwrap();
        let outcome = s(f, "expected_outcome").unwrap();
        let expected_kind = if row.kind == "pkcs7-certs" {
            "pkcs7-certs"
        } else {
            "x509-cert"
        };
        assert_eq!(report["kind"], expected_kind, "{}", ctx("kind"));

        if outcome.starts_with("parse_error") {
            assert_eq!(code, 1, "{}", ctx("exit code for parse_error"));
            let error_code = report["error"]["code"].as_str().unwrap_or("");
            assert!(
                matches!(error_code, "malformed" | "truncated"),
                "{}",
                ctx(&format!("error code {error_code}"))
            );
            assert!(
                certificates.is_empty(),
                "{}",
                ctx("no certificate from a broken file")
            );
            checked_facts += 1;
            continue;
        }
        assert_eq!(code, 0, "{}", ctx(&format!("exit code, report {report}")));
        assert!(report["error"].is_null(), "{}", ctx("error"));

        let expected_count = f
            .get("cert_count")
            .or_else(|| f.get("pyca_cert_count"))
            .and_then(Value::as_u64)
            .expect("a count");
        assert_eq!(
            certificates.len() as u64,
            expected_count,
            "{}",
            ctx("cert_count")
        );
        for key in ["pyca_cert_count", "openssl_cert_count"] {
            if let Some(n) = f.get(key).and_then(Value::as_u64) {
                assert_eq!(certificates.len() as u64, n, "{}", ctx(key));
            }
        }
        if let Some(blocks) = f.get("pem_blocks").and_then(Value::as_array) {
            let cert_blocks = blocks
                .iter()
                .filter(|b| b.as_str() == Some("CERTIFICATE"))
                .count();
            assert_eq!(certificates.len(), cert_blocks, "{}", ctx("pem_blocks"));
        }
        if let Some(n) = outcome
            .strip_prefix("parse_ok, ")
            .and_then(|t| t.split(' ').next())
        {
            assert_eq!(
                certificates.len().to_string(),
                n,
                "{}",
                ctx("expected_outcome count")
            );
        }

        for (index, expected) in f["certs"].as_array().unwrap().iter().enumerate() {
            let ours = &certificates[index];
            let cctx = |what: &str| ctx(&format!("certificate {}: {what}", index + 1));
            let eq = |key: &str, our_key: &str| {
                if let Some(value) = s(expected, key) {
                    assert_eq!(ours[our_key].as_str().unwrap(), value, "{}", cctx(key));
                }
            };
            eq("sha1", "thumbprint");
            eq("sha256", "sha256");
            eq("serial_der_hex", "serial_number");
            eq("not_before", "not_before");
            eq("not_after", "not_after");
            eq("public_key", "public_key");
            eq("sig_alg_oid", "signature_algorithm_oid");
            eq("subject", "subject_rfc4514");
            eq("issuer", "issuer_rfc4514");
            if let Some(serial_hex) = s(expected, "serial_hex") {
                assert_eq!(
                    signed_hex_of(ours["serial_number"].as_str().unwrap()),
                    serial_hex,
                    "{}",
                    cctx("serial_hex")
                );
            }
            if let Some(count) = expected.get("extension_count").and_then(Value::as_u64) {
                assert_eq!(
                    ours["extension_count"].as_u64().unwrap(),
                    count,
                    "{}",
                    cctx("extension_count")
                );
            }
            if let Some(version) = s(expected, "version") {
                assert_eq!(
                    format!("v{}", ours["version"]),
                    version,
                    "{}",
                    cctx("version")
                );
            }
            if let Some(openssl_serial) = s(expected, "openssl_serial") {
                let serial = ours["serial_number"].as_str().unwrap();
                let unpadded = match serial.strip_prefix("00") {
                    Some(rest)
                        if rest.len() >= 2
                            && u8::from_str_radix(&rest[..2], 16).unwrap() >= 0x80 =>
                    {
                        rest
                    }
                    _ => serial,
                };
                match openssl_serial.strip_suffix('\\') {
                    Some(prefix) => assert!(
                        unpadded.starts_with(prefix),
                        "{}",
                        cctx("openssl_serial (wrapped)")
                    ),
                    None => assert_eq!(unpadded, openssl_serial, "{}", cctx("openssl_serial")),
                }
            }
            for (key, our_key, which) in [
                ("openssl_subject_rfc2253", "subject_rfc4514", "subject"),
                ("openssl_issuer_rfc2253", "issuer_rfc4514", "issuer"),
            ] {
                let Some(openssl) = s(expected, key) else {
                    continue;
                };
                let differs = OPENSSL_FORM_DIFFERS
                    .iter()
                    .any(|(file, w)| *file == name && *w == which);
                let hex_escaped = openssl
                    .as_bytes()
                    .windows(3)
                    .any(|w| w[0] == b'\\' && w[1].is_ascii_hexdigit() && w[2].is_ascii_hexdigit());
                if differs || hex_escaped {
                    continue;
                }
                let normalised = openssl.replace("emailAddress=", "1.2.840.113549.1.9.1=");
                assert_eq!(ours[our_key].as_str().unwrap(), normalised, "{}", cctx(key));
            }
            let warnings: Vec<&str> = ours["warnings"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(Value::as_str)
                .collect();
            if expected.get("pyca_warnings").is_some() {
                assert!(
                    warnings
                        .iter()
                        .any(|w| w.contains("negative") || w.contains("zero")),
                    "{}",
                    cctx("pyca_warnings (non-positive serial)")
                );
            }
            if let Some(fragment) = s(f, "boringssl_expected").and_then(boringssl_warning_fragment)
            {
                assert!(
                    warnings.iter().any(|w| w.contains(fragment)),
                    "{}",
                    cctx(&format!("boringssl_expected {fragment}: {warnings:?}"))
                );
            }
            // Every certificate carries the .NET/Exchange forms.
            let subject = ours["subject"].as_str().unwrap();
            let issuer = ours["issuer"].as_str().unwrap();
            assert_eq!(
                ours["tls_certificate_name"].as_str().unwrap(),
                format!("<I>{issuer}<S>{subject}"),
                "{}",
                cctx("TlsCertificateName")
            );
            checked_facts += 1;
        }

        if let Some(dotnet) = f.get("dotnet_tests_expect") {
            let first = &certificates[0];
            for (key, our_key) in [
                ("Subject", "subject"),
                ("Issuer", "issuer"),
                ("SerialNumber", "serial_number"),
                ("Thumbprint", "thumbprint"),
            ] {
                if let Some(value) = s(dotnet, key) {
                    assert_eq!(
                        first[our_key].as_str().unwrap(),
                        value,
                        "{}",
                        ctx(&format!("dotnet_tests_expect.{key}"))
                    );
                    checked_facts += 1;
                }
            }
        }
        if outcome.starts_with("disputed") {
            assert!(
                !certificates.is_empty(),
                "{}",
                ctx("a disputed certificate is still reported")
            );
        }
    }
    // 38 files: 2 parse errors, 46 certificates, 9 dotnet_tests_expect values.
    assert!(
        checked_facts >= 57,
        "only {checked_facts} certificates/facts checked"
    );
}

#[test]
fn all_corpus_certificates_in_one_run_keep_their_order_and_errors() {
    // One process over every x509 row: broken files do not hide the others, exit code 1.
    let rows = rows();
    let paths: Vec<PathBuf> = rows.iter().map(|r| corpus().join(&r.path)).collect();
    let output = Command::new(env!("CARGO_BIN_EXE_tlsdoctor"))
        .arg("inspect")
        .arg("--json")
        .args(&paths)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let files = json["files"].as_array().unwrap();
    assert_eq!(files.len(), rows.len());
    for (row, file) in rows.iter().zip(files) {
        assert!(file["path"].as_str().unwrap().ends_with(&row.path));
        let broken = s(&row.facts, "expected_outcome")
            .unwrap()
            .starts_with("parse_error");
        assert_eq!(file["error"].is_null(), !broken, "{}", row.path);
    }
    assert_eq!(json["tool"], "tlsdoctor");
}
