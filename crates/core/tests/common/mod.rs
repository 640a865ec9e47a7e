//! Shared by `manifest_pkcs12.rs` (native, files from disk) and `wasm_pkcs12.rs` (wasm32 under
//! node, files embedded): every pkcs12 fact of one MANIFEST.tsv row, checked against `pkcs12::open`.
#![allow(dead_code)]

pub mod der;
pub mod manifest_words;

use manifest_words::encryption_label;
use serde_json::Value;
use sha1::{Digest, Sha1};
use tlsdoctor_core::keys::{matching, public_key_id_from_spki};
use tlsdoctor_core::pkcs12::{self, password::PasswordForm};

pub struct Row {
    pub path: String,
    pub facts: Value,
}

pub fn pkcs12_rows(manifest: &str) -> Vec<Row> {
    let rows: Vec<Row> = manifest
        .lines()
        .skip(1)
        .filter_map(|line| {
            let cols: Vec<&str> = line.split('\t').collect();
            (cols.len() >= 3 && cols[1] == "pkcs12").then(|| Row {
                path: cols[0].to_string(),
                facts: serde_json::from_str(cols[2]).expect("facts JSON"),
            })
        })
        .collect();
    assert_eq!(rows.len(), 37, "pkcs12 rows in MANIFEST.tsv");
    rows
}

fn upper_hex(bytes: &[u8]) -> String {
    tlsdoctor_core::hex::upper(bytes)
}

fn expected_form(manifest: &str) -> PasswordForm {
    if manifest.starts_with("empty BMPString") {
        PasswordForm::EmptyBmpString
    } else if manifest.starts_with("absent") {
        PasswordForm::Absent
    } else {
        assert!(manifest.starts_with('"'), "{manifest}");
        PasswordForm::Given(0)
    }
}

fn opt_str<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

/// Which way a row went.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Opened,
    Error,
}

/// Checks every fact of one MANIFEST row against the file's bytes.
pub fn check_row(path: &str, facts: &Value, bytes: &[u8]) -> Outcome {
    let f = facts;
    let sha256 = sha2::Sha256::digest(bytes);
    assert_eq!(
        hex_lower(&sha256),
        f["file_sha256"].as_str().unwrap(),
        "{}",
        path
    );
    let passwords: Vec<String> = opt_str(f, "password")
        .map(|p| vec![p.to_string()])
        .unwrap_or_default();
    let result = pkcs12::open(bytes, &passwords);
    if f["expected_outcome"] == "parse_error" {
        let err = result.err().unwrap_or_else(|| panic!("{} must fail", path));
        assert_eq!(err.code(), "malformed", "{}: {err}", path);
        return Outcome::Error;
    }
    let c = result.unwrap_or_else(|e| panic!("{}: {e}", path));
    let ctx = path;
    assert!(c.partial_error.is_none(), "{ctx}: {:?}", c.partial_error);
    assert_eq!(c.mac, f["mac"].as_str().unwrap(), "{ctx}");
    assert_eq!(c.mac_iterations, f["mac_iterations"].as_u64(), "{ctx}");
    assert_eq!(
        c.password_form,
        Some(expected_form(f["mac_password_form"].as_str().unwrap())),
        "{ctx}"
    );
    let trailing = opt_str(f, "trailing_bytes")
        .map(|t| t.split(' ').next().unwrap().parse::<usize>().unwrap())
        .unwrap_or(0);
    assert_eq!(c.trailing_bytes, trailing, "{ctx}");

    let mut want_enc = vec![
        encryption_label(f["cert_encryption"].as_str().unwrap()),
        encryption_label(f["key_encryption"].as_str().unwrap()),
    ];
    want_enc.sort();
    want_enc.dedup();
    let mut got_enc = c.encryption.clone();
    got_enc.sort();
    assert_eq!(got_enc, want_enc, "{ctx}");

    // Certificates, in file order.
    let certs = f["certs"].as_array().unwrap();
    assert_eq!(
        c.certificates.len() as u64,
        f["cert_count"].as_u64().unwrap(),
        "{ctx}"
    );
    assert_eq!(c.certificates.len(), certs.len(), "{ctx}");
    for (got, want) in c.certificates.iter().zip(certs) {
        assert_eq!(
            upper_hex(&Sha1::digest(&got.der)),
            want["sha1"].as_str().unwrap(),
            "{ctx}"
        );
        assert_eq!(
            got.attributes
                .local_key_id
                .as_deref()
                .map(upper_hex)
                .as_deref(),
            opt_str(want, "localKeyID"),
            "{ctx}"
        );
        assert_eq!(
            got.attributes.friendly_name.as_deref(),
            opt_str(want, "friendlyName"),
            "{ctx}"
        );
    }

    // Keys, in file order.
    let keys = f["keys"].as_array().unwrap();
    assert_eq!(
        c.keys.len() as u64,
        f["key_count"].as_u64().unwrap(),
        "{ctx}"
    );
    assert_eq!(c.keys.len(), keys.len(), "{ctx}");
    for (got, want) in c.keys.iter().zip(keys) {
        assert_eq!(got.key.key_type, want["type"].as_str().unwrap(), "{ctx}");
        assert_eq!(got.key.key_type, f["key_type"].as_str().unwrap(), "{ctx}");
        assert_eq!(
            got.attributes
                .local_key_id
                .as_deref()
                .map(upper_hex)
                .as_deref(),
            opt_str(want, "localKeyID"),
            "{ctx}"
        );
        assert_eq!(
            got.attributes.friendly_name.as_deref(),
            opt_str(want, "friendlyName"),
            "{ctx}"
        );
        assert_eq!(
            got.attributes.csp_name.as_deref(),
            opt_str(want, "Microsoft CSP Name"),
            "{ctx}"
        );
    }

    // Matching by public key.
    let cert_ids: Vec<_> = c
        .certificates
        .iter()
        .map(|e| {
            public_key_id_from_spki(
                &tlsdoctor_core::x509::certificate::read_certificate(&e.der)
                    .expect("certificate")
                    .spki_der,
            )
        })
        .collect();
    let cert_local: Vec<Option<String>> = c
        .certificates
        .iter()
        .map(|e| e.attributes.local_key_id.as_deref().map(upper_hex))
        .collect();
    let key_local: Vec<Option<String>> = c
        .keys
        .iter()
        .map(|e| e.attributes.local_key_id.as_deref().map(upper_hex))
        .collect();
    let key_ids: Vec<_> = c.keys.iter().map(|k| k.key.public.clone()).collect();
    let m = matching::match_keys(
        &cert_ids,
        &cert_local.iter().map(Option::as_deref).collect::<Vec<_>>(),
        &key_ids,
        &key_local.iter().map(Option::as_deref).collect::<Vec<_>>(),
    );
    for ((k, want), got) in keys.iter().enumerate().zip(&m.key_to_certificate) {
        let got = got.unwrap_or_else(|| panic!("{ctx}: key {k} matches no certificate"));
        let cert = &c.certificates[got];
        assert_eq!(
            upper_hex(&Sha1::digest(&cert.der)),
            want["matches_cert_sha1"].as_str().unwrap(),
            "{ctx}"
        );
        // Same certificate stored twice: each key goes to the entry with its own localKeyID.
        assert_eq!(
            cert.attributes.local_key_id, c.keys[k].attributes.local_key_id,
            "{ctx}"
        );
    }
    let with_key: Vec<&str> = f["key_cert_sha1"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for (cert, has) in c.certificates.iter().zip(&m.certificate_has_key) {
        let sha1 = upper_hex(&Sha1::digest(&cert.der));
        assert_eq!(
            *has,
            with_key.contains(&sha1.as_str()),
            "{ctx}: has_private_key of {sha1}"
        );
    }
    assert_eq!(
        f["has_private_key"] == "yes",
        m.certificate_has_key.iter().any(|h| *h),
        "{ctx}"
    );

    if let Some(dotnet) = f.get("dotnet_tests_expect") {
        let thumb = dotnet["Thumbprint"].as_str().unwrap();
        let idx = c
            .certificates
            .iter()
            .position(|e| upper_hex(&Sha1::digest(&e.der)) == thumb)
            .unwrap_or_else(|| panic!("{ctx}: .NET thumbprint {thumb} not found"));
        if let Some(has) = dotnet.get("HasPrivateKey") {
            assert_eq!(Some(m.certificate_has_key[idx]), has.as_bool(), "{ctx}");
        }
    }
    Outcome::Opened
}

fn hex_lower(bytes: &[u8]) -> String {
    upper_hex(bytes).to_ascii_lowercase()
}
