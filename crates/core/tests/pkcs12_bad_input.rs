//! Bad PKCS#12 input: wrong passwords, unknown algorithms, truncations, bit flips, absurd
//! iteration counts and huge declared lengths each give a named error and never a panic.

use tlsdoctor_core::pkcs12;

mod common;
use common::der::{int, oid, seq, tlv};

const CORPUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../testdata/corpus/pkcs12/boringssl"
);

fn openssl_p12() -> Vec<u8> {
    std::fs::read(format!("{CORPUS}/openssl.p12")).unwrap()
}

/// A PFX whose AuthenticatedSafe holds one encryptedData with `alg`, and optional MacData.
fn pfx_with_encrypted_data(alg: Vec<u8>, mac: Option<Vec<u8>>) -> Vec<u8> {
    let encrypted_data = seq(&[
        int(0),
        seq(&[oid("1.2.840.113549.1.7.1"), alg, tlv(0x80, &[0u8; 16])]),
    ]);
    let content_info = seq(&[oid("1.2.840.113549.1.7.6"), tlv(0xa0, &encrypted_data)]);
    let auth_safe = seq(&[content_info]);
    let mut parts = vec![
        int(3),
        seq(&[
            oid("1.2.840.113549.1.7.1"),
            tlv(0xa0, &tlv(0x04, &auth_safe)),
        ]),
    ];
    if let Some(m) = mac {
        parts.push(m);
    }
    seq(&parts)
}

fn mac_data(iterations: u64) -> Vec<u8> {
    seq(&[
        seq(&[
            seq(&[oid("1.3.14.3.2.26"), vec![0x05, 0x00]]),
            tlv(0x04, &[0u8; 20]),
        ]),
        tlv(0x04, &[1u8; 8]),
        int(iterations),
    ])
}

#[test]
fn wrong_password_names_the_forms_tried_and_never_the_password() {
    let e = pkcs12::open(&openssl_p12(), &["Secret-Zq9".into()]).unwrap_err();
    assert_eq!(e.code(), "wrong-password");
    let msg = e.to_string();
    assert!(
        msg.contains("given password") && msg.contains("00 00") && msg.contains("absent"),
        "{msg}"
    );
    assert!(!msg.contains("Secret-Zq9"));
    // No password at all: still a wrong password, not corruption, and the message asks for
    // one instead of calling a password wrong that nobody typed.
    let none = pkcs12::open(&openssl_p12(), &[]).unwrap_err();
    assert_eq!(none.code(), "wrong-password");
    assert!(
        none.to_string()
            .starts_with("This file is protected by a password and none was given"),
        "{none}"
    );
    assert!(none.message(tlsdoctor_core::i18n::Lang::De).starts_with(
        "Diese Datei ist durch ein Passwort geschützt, und es wurde keines angegeben"
    ));
    // An empty string typed as the password is no password either.
    let empty = pkcs12::open(&openssl_p12(), &[String::new()]).unwrap_err();
    assert!(empty
        .to_string()
        .starts_with("This file is protected by a password and none was given"));
}

#[test]
fn the_right_password_among_several_is_found() {
    let c = pkcs12::open(&openssl_p12(), &["a".into(), "foo".into()]).unwrap();
    assert_eq!(
        c.password_form,
        Some(pkcs12::password::PasswordForm::Given(1))
    );
}

#[test]
fn unknown_encryption_algorithm_is_named() {
    let alg = seq(&[oid("1.2.3.4.5"), vec![0x05, 0x00]]);
    let c = pkcs12::open(&pfx_with_encrypted_data(alg, None), &[]).unwrap();
    let e = c.partial_error.unwrap();
    assert_eq!(e.code(), "unsupported-algorithm");
    assert!(e.to_string().contains("1.2.3.4.5"), "{e}");
    // A known-but-unsupported one also says what it is.
    let alg = seq(&[
        oid("1.2.840.113549.1.5.3"),
        seq(&[tlv(0x04, &[0; 8]), int(2048)]),
    ]);
    let e = pkcs12::open(&pfx_with_encrypted_data(alg, None), &[])
        .unwrap()
        .partial_error
        .unwrap();
    assert!(e.to_string().contains("pbeWithMD5AndDES-CBC"), "{e}");
}

#[test]
fn absurd_iteration_counts_are_refused_before_any_work() {
    let e = pkcs12::open(
        &pfx_with_encrypted_data(
            seq(&[
                oid("1.2.840.113549.1.12.1.3"),
                seq(&[tlv(0x04, &[0; 8]), int(1)]),
            ]),
            Some(mac_data(1 << 40)),
        ),
        &[],
    )
    .err()
    .unwrap();
    assert_eq!(e.code(), "too-large");
    assert!(e.to_string().contains("10000000"), "{e}");
    let alg = seq(&[
        oid("1.2.840.113549.1.12.1.3"),
        seq(&[tlv(0x04, &[0; 8]), int(4_000_000_000)]),
    ]);
    // Without a MAC the part is reported as refused and the rest of the file still read.
    let c = pkcs12::open(&pfx_with_encrypted_data(alg, None), &[]).unwrap();
    assert_eq!(c.partial_error.map(|e| e.code()), Some("too-large"));
}

#[test]
fn huge_declared_lengths_and_empty_input() {
    assert_eq!(
        pkcs12::open(&[0x30, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x02, 0x01, 0x03], &[])
            .unwrap_err()
            .code(),
        "truncated"
    );
    assert_eq!(
        pkcs12::open(&[0x30, 0x89, 1, 2, 3, 4, 5, 6, 7, 8, 9], &[])
            .unwrap_err()
            .code(),
        "malformed"
    );
    assert_eq!(pkcs12::open(&[], &[]).unwrap_err().code(), "empty");
    assert_eq!(pkcs12::open(b"hello", &[]).unwrap_err().code(), "malformed");
}

#[test]
fn every_truncation_is_a_named_structural_error() {
    let bytes = openssl_p12();
    for len in 0..bytes.len() {
        let code = pkcs12::open(&bytes[..len], &["foo".into()])
            .err()
            .map(|e| e.code());
        assert!(
            matches!(code, Some("truncated" | "malformed" | "empty")),
            "prefix of {len} bytes gave {code:?}"
        );
    }
}

#[test]
fn bit_flips_never_panic_and_never_pass_for_a_wrong_password() {
    // DER from OpenSSL, BER from NSS and BoringSSL's constructed-string file, Windows' export.
    for (name, password, step) in [
        ("openssl.p12", "foo", 7),
        ("nss.p12", "foo", 29),
        ("empty_password_ber.p12", "", 29),
        ("windows.p12", "foo", 29),
    ] {
        let bytes = std::fs::read(format!("{CORPUS}/{name}")).unwrap();
        let mut outcomes = std::collections::BTreeMap::new();
        for i in (0..bytes.len()).step_by(step) {
            let mut damaged = bytes.clone();
            damaged[i] ^= 0x10;
            let code = match pkcs12::open(&damaged, &[password.to_string()]) {
                Ok(c) => c.partial_error.map_or("ok", |e| e.code()),
                Err(e) => e.code(),
            };
            // The right password was given: damage is never blamed on the password.
            assert_ne!(code, "wrong-password", "{name}: flip at byte {i}");
            *outcomes.entry(code).or_insert(0) += 1;
        }
        // The MAC catches flips inside the authenticated contents and says the file was altered.
        let total: usize = outcomes.values().sum();
        assert!(
            outcomes.get("malformed").copied().unwrap_or(0) * 2 > total,
            "{name}: {outcomes:?}"
        );
    }
}

#[test]
fn deeply_nested_indefinite_lengths_are_capped() {
    let mut bytes = Vec::new();
    for _ in 0..5000 {
        bytes.extend_from_slice(&[0x30, 0x80]);
    }
    bytes.extend(std::iter::repeat_n(0u8, 10000));
    assert_eq!(pkcs12::open(&bytes, &[]).unwrap_err().code(), "too-large");
}

#[test]
fn boringssl_bad_files_fail_as_boringssl_expects() {
    for name in [
        "bad1.p12",
        "bad2.p12",
        "bad3.p12",
        "empty_password_ber_nested.p12",
    ] {
        let bytes = std::fs::read(format!("{CORPUS}/{name}")).unwrap();
        let e = pkcs12::open(&bytes, &[]).unwrap_err();
        assert_eq!(e.code(), "malformed", "{name}: {e}");
    }
    let nested = std::fs::read(format!("{CORPUS}/empty_password_ber_nested.p12")).unwrap();
    let msg = pkcs12::open(&nested, &[]).unwrap_err().to_string();
    assert!(msg.contains("nested more than one level"), "{msg}");
    let bad1 = std::fs::read(format!("{CORPUS}/bad1.p12")).unwrap();
    let msg = pkcs12::open(&bad1, &[]).unwrap_err().to_string();
    assert!(msg.contains("has no content"), "{msg}");
}
