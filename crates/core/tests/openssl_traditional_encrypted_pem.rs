//! OpenSSL's traditional encrypted PEM keys (`Proc-Type: 4,ENCRYPTED`, `DEK-Info:`), made by
//! `openssl genrsa -aes256 -traditional`, `openssl rsa -aes128/-aes192/-des3 -traditional` and
//! `openssl ec -aes256` (testdata/x509/traditional, README.md there; pass phrase `x`): read with
//! the pass phrase, matched to their certificate, and a wrong pass phrase told apart from damage.

use tlsdoctor_core::inspect::{inspect_all, inspect_one};
use tlsdoctor_core::report::FileKind;

fn read(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../../testdata/x509/traditional/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

const RSA_KEYS: [&str; 4] = [
    "openssl-genrsa-aes256-traditional.key",
    "openssl-rsa-aes128-traditional.key",
    "openssl-rsa-aes192-traditional.key",
    "openssl-rsa-des3-traditional.key",
];

#[test]
fn each_cipher_decrypts_with_the_pass_phrase_and_matches_the_certificate() {
    let certificate = read("openssl-genrsa-aes256-traditional.crt");
    for name in RSA_KEYS {
        let key = read(name);
        let reports = inspect_all(
            &[(name, key.as_slice()), ("cert.crt", certificate.as_slice())],
            &["x".to_string()],
        );
        let key_report = &reports[0];
        assert_eq!(key_report.kind, FileKind::PrivateKey);
        assert!(key_report.error.is_none(), "{name}: {:?}", key_report.error);
        assert_eq!(key_report.keys.len(), 1, "{name}");
        assert_eq!(key_report.keys[0].key_type, "RSA-2048", "{name}");
        // `openssl x509 -noout -fingerprint -sha1` of the certificate made from this key.
        assert_eq!(
            key_report.keys[0].matches_thumbprint.as_deref(),
            Some("5BBC7971F222EB53F5B9ADE11CECDC4CB60A968E"),
            "{name}"
        );
    }
    let ec = inspect_one(
        "ec.key",
        &read("openssl-ec-aes256-traditional.key"),
        &["x".to_string()],
    )
    .report;
    assert!(ec.error.is_none(), "{:?}", ec.error);
    assert_eq!(ec.keys[0].key_type, "EC-secp256r1");
}

#[test]
fn without_or_with_a_wrong_pass_phrase_it_is_a_password_error_not_damage() {
    for name in RSA_KEYS {
        let key = read(name);
        let none = inspect_one(name, &key, &[]).report;
        let error = none.error.as_ref().unwrap();
        assert_eq!(error.code, "wrong-password", "{name}: {}", error.message);
        assert!(
            error.message.contains("none was given"),
            "{}",
            error.message
        );
        assert!(none.keys.is_empty());
        let wrong = inspect_one(name, &key, &["P@ss".to_string()]).report;
        let error = wrong.error.as_ref().unwrap();
        assert_eq!(error.code, "wrong-password", "{name}: {}", error.message);
        assert!(
            error.message.contains("password is wrong")
                || error.message.contains("Wrong password or damaged"),
            "{}",
            error.message
        );
    }
}

#[test]
fn a_damaged_body_with_the_right_pass_phrase_is_not_called_a_wrong_password_for_sure() {
    // One Base64 character changed on the 5th body line: that CBC block decrypts to garbage,
    // the padding (last block) stays good, the RSA key no longer parses.
    let text = String::from_utf8(read("openssl-genrsa-aes256-traditional.key")).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let line = &mut lines[8];
    let first = line.remove(0);
    line.insert(0, if first == 'A' { 'B' } else { 'A' });
    let damaged = lines.join("\n");
    let report = inspect_one("damaged.key", damaged.as_bytes(), &["x".to_string()]).report;
    let error = report.error.unwrap();
    assert!(
        error.message.contains("Wrong password or damaged"),
        "{}",
        error.message
    );
    // Cut within the body: not whole cipher blocks.
    let cut: String =
        text.lines().take(10).collect::<Vec<_>>().join("\n") + "\n-----END RSA PRIVATE KEY-----\n";
    let report = inspect_one("cut.key", cut.as_bytes(), &["x".to_string()]).report;
    let error = report.error.unwrap();
    assert_eq!(error.code, "truncated", "{}", error.message);
}
