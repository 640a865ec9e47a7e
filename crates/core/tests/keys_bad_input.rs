//! Damaged private-key files: every truncation and a bit flip in every byte of DER PKCS#8 keys
//! (RSA, EC on the three NIST curves, DSA, Ed25519) give a named error or a key, never a panic.

use tlsdoctor_core::keys::file::read_private_keys;

fn der_of(name: &str) -> Vec<u8> {
    use base64::Engine;
    let text = std::fs::read_to_string(format!(
        "{}/../../testdata/generated/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let b64: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
    base64::engine::general_purpose::STANDARD
        .decode(b64)
        .unwrap()
}

#[test]
fn truncated_and_bit_flipped_keys_never_panic() {
    for name in [
        "rsa2048.pkcs8.pem",
        "ec-p256.sec1.pem",
        "ec-p384.pkcs8.pem",
        "ec-p521.pkcs8.pem",
        "dsa2048.pkcs8.pem",
        "ed25519.pkcs8.pem",
        "rsa2048.encrypted-aes256.pem",
    ] {
        let der = der_of(name);
        let mut errors = 0;
        for len in 0..der.len() {
            if let Err(e) = read_private_keys(&der[..len], &["secret".into()]) {
                assert!(!e.code().is_empty());
                errors += 1;
            }
        }
        assert_eq!(errors, der.len(), "{name}: every truncation is an error");
        // Decrypting is the slow part: flip fewer bytes of the encrypted key.
        let step = if name.contains("encrypted") { 23 } else { 1 };
        for i in (0..der.len()).step_by(step) {
            let mut damaged = der.clone();
            damaged[i] ^= 0x41;
            let _ = read_private_keys(&damaged, &["secret".into()]);
        }
    }
}

#[test]
fn legacy_pem_encryption_with_a_short_body_or_an_unknown_cipher_is_named() {
    // Three bytes cannot be AES-CBC (whole 16-byte blocks): cut short, not a wrong pass phrase.
    let pem = b"-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00112233445566778899AABBCCDDEEFF\n\nAAAA\n-----END RSA PRIVATE KEY-----\n";
    let e = read_private_keys(pem, &[]).unwrap_err();
    assert_eq!(e.code(), "truncated", "{e}");
    // Blowfish is not read: named, with the conversion that helps.
    let pem = b"-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: BF-CBC,0011223344556677\n\nAAAAAAAAAAA=\n-----END RSA PRIVATE KEY-----\n";
    let e = read_private_keys(pem, &[]).unwrap_err();
    assert_eq!(e.code(), "unsupported-algorithm");
    assert!(e.to_string().contains("BF-CBC"), "{e}");
    assert!(e.to_string().contains("openssl pkcs8 -topk8"), "{e}");
}

#[test]
fn one_bad_block_does_not_hide_the_other_keys() {
    let good = std::fs::read_to_string(format!(
        "{}/../../testdata/generated/ec-p256.pkcs8.pem",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let text = format!("-----BEGIN PRIVATE KEY-----\nMAMCAQA=\n-----END PRIVATE KEY-----\n{good}");
    let f = tlsdoctor_core::keys::inspect_private_key_file("two.pem", text.as_bytes(), &[]);
    assert_eq!(f.report.keys.len(), 1);
    assert_eq!(f.report.keys[0].key_type, "EC-secp256r1");
    assert!(f.report.error.is_some());
}

/// Encrypted key files are charged against a key-derivation budget like PKCS#12 files: once it
/// is spent, the next password attempt is refused (`password-budget-exhausted`) instead of running.
#[test]
fn encrypted_key_attempts_are_charged_to_the_file_budget() {
    use tlsdoctor_core::keys::file::decrypt_pkcs8;
    use tlsdoctor_core::pkcs12::kdf::KdfBudget;
    let pem = std::fs::read(format!(
        "{}/../../testdata/generated/rsa2048.encrypted-aes256.pem",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let (blocks, _) = tlsdoctor_core::x509::pem::parse_blocks(&pem);
    let der = blocks[0].der.as_ref().unwrap();
    // 2048 PBKDF2 iterations per attempt. Since issue 16 the empty password is tried first (one
    // attempt under PBES2, where both empty forms are the same input), then the given ones in
    // order: 3000 covers the empty password only. The answer changed from `too-large` to the more
    // precise `password-budget-exhausted`, which names the passwords not tried.
    let e = decrypt_pkcs8(
        der,
        &["wrong-1".into(), "wrong-2".into()],
        &mut KdfBudget::new(3000),
    )
    .unwrap_err();
    assert_eq!(e.code(), "password-budget-exhausted", "{e}");
    assert!(e.to_string().contains("Not tried: passwords 1 to 2"), "{e}");
    // Within budget the same calls behave as before.
    let e = decrypt_pkcs8(der, &["wrong-1".into()], &mut KdfBudget::per_file()).unwrap_err();
    assert_eq!(e.code(), "wrong-password");
    // The empty password, then "secret": two attempts.
    assert!(decrypt_pkcs8(der, &["secret".into()], &mut KdfBudget::new(5000)).is_ok());
}
