//! PKCS#12 files and private keys made with OpenSSL 3.0 by scripts/gen_pkcs12_testdata.sh
//! (testdata/generated/): every cipher, PRF and MAC digest we claim, EC/DSA/EdDSA keys, and the
//! key formats of a `private-key` file.

use base64::Engine;
use tlsdoctor_core::keys::{self, file::read_private_keys, matching, PublicKeyId};
use tlsdoctor_core::pkcs12::{self, password::PasswordForm, Pkcs12Contents};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/generated");

fn read(name: &str) -> Vec<u8> {
    std::fs::read(format!("{DIR}/{name}")).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn open(name: &str, password: &str) -> Pkcs12Contents {
    pkcs12::open(&read(name), &[password.to_string()]).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Public key of the certificate in a PEM `.crt`.
fn cert_public(name: &str) -> PublicKeyId {
    let text = String::from_utf8(read(name)).unwrap();
    let b64: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
    let der = base64::engine::general_purpose::STANDARD
        .decode(b64)
        .unwrap();
    keys::public_key_id_from_spki(
        &tlsdoctor_core::x509::certificate::read_certificate(&der)
            .unwrap()
            .spki_der,
    )
    .expect("known public key")
}

/// For each certificate of `c`, whether a key in `c` matches it.
fn has_key(c: &Pkcs12Contents) -> Vec<bool> {
    let certs: Vec<_> = c
        .certificates
        .iter()
        .map(|e| {
            keys::public_key_id_from_spki(
                &tlsdoctor_core::x509::certificate::read_certificate(&e.der)
                    .unwrap()
                    .spki_der,
            )
        })
        .collect();
    let ks: Vec<_> = c.keys.iter().map(|k| k.key.public.clone()).collect();
    let none_c = vec![None; certs.len()];
    let none_k = vec![None; ks.len()];
    matching::match_keys(&certs, &none_c, &ks, &none_k).certificate_has_key
}

fn check(
    name: &str,
    mac: &str,
    mac_iter: u64,
    encryption: &[&str],
    key_type: &str,
) -> Pkcs12Contents {
    let c = open(name, "secret");
    assert!(c.partial_error.is_none(), "{name}: {:?}", c.partial_error);
    assert_eq!(c.mac, mac, "{name}");
    assert_eq!(c.mac_iterations, Some(mac_iter), "{name}");
    assert_eq!(c.password_form, Some(PasswordForm::Given(0)), "{name}");
    assert_eq!(c.encryption, encryption, "{name}");
    assert_eq!(c.keys.len(), 1, "{name}");
    assert_eq!(c.keys[0].key.key_type, key_type, "{name}");
    assert_eq!(
        c.keys[0].attributes.friendly_name.as_deref(),
        Some("tlsdoctor test"),
        "{name}"
    );
    assert_eq!(has_key(&c), vec![true], "{name}");
    c
}

#[test]
fn pbes2_aes_and_sha2_macs() {
    let pbes2_aes256 = "PBES2 PBKDF2 hmacWithSHA256 AES-256-CBC";
    check(
        "openssl3-default.p12",
        "hmac-sha256",
        2048,
        &[pbes2_aes256],
        "RSA-2048",
    );
    check(
        "pbes2-aes256-mac-sha512.p12",
        "hmac-sha512",
        2048,
        &["PBES2 PBKDF2 hmacWithSHA256 AES-192-CBC", pbes2_aes256],
        "RSA-2048",
    );
    check(
        "pbes2-des-ede3-mac-sha384.p12",
        "hmac-sha384",
        2048,
        &["PBES2 PBKDF2 hmacWithSHA256 DES-EDE3-CBC"],
        "RSA-2048",
    );
    check(
        "mac-sha224.p12",
        "hmac-sha224",
        2048,
        &[pbes2_aes256],
        "RSA-2048",
    );
}

#[test]
fn legacy_rc2_128_and_two_key_triple_des() {
    check(
        "legacy-rc2-128.p12",
        "hmac-sha1",
        2048,
        &["pbeWithSHA1And128BitRC2-CBC"],
        "RSA-2048",
    );
    check(
        "legacy-2key-3des.p12",
        "hmac-sha1",
        2048,
        &["pbeWithSHA1And2-KeyTripleDES-CBC"],
        "RSA-2048",
    );
}

#[test]
fn ec_dsa_and_eddsa_keys_match_their_certificates() {
    let pbes2 = ["PBES2 PBKDF2 hmacWithSHA256 AES-256-CBC"];
    check("ec-p384.p12", "hmac-sha256", 2048, &pbes2, "EC-secp384r1");
    check("ec-p521.p12", "hmac-sha256", 2048, &pbes2, "EC-secp521r1");
    check("dsa2048.p12", "hmac-sha256", 2048, &pbes2, "DSA-2048");
    check("ed25519.p12", "hmac-sha256", 2048, &pbes2, "Ed25519");
    check("ed448.p12", "hmac-sha256", 2048, &pbes2, "Ed448");
}

#[test]
fn certificate_without_key_and_file_without_keys() {
    let c = open("extra-cert.p12", "secret");
    assert_eq!(c.certificates.len(), 2);
    assert_eq!(has_key(&c), vec![true, false]);
    let c = open("certificate-only.p12", "secret");
    assert_eq!((c.certificates.len(), c.keys.len()), (1, 0));
    assert_eq!(has_key(&c), vec![false]);
}

#[test]
fn no_mac_file_reports_the_form_that_decrypted() {
    let c = open("no-mac.p12", "secret");
    assert_eq!(c.mac, "none");
    assert_eq!(c.mac_iterations, None);
    assert_eq!(c.password_form, Some(PasswordForm::Given(0)));
    assert_eq!(
        c.encryption,
        ["none", "PBES2 PBKDF2 hmacWithSHA256 AES-256-CBC"]
    );
    assert_eq!(has_key(&c), vec![true]);
    let e = pkcs12::open(&read("no-mac.p12"), &["wrong".into()]).unwrap_err();
    assert_eq!(e.code(), "wrong-password");
}

#[test]
fn unicode_password_and_friendly_name() {
    let c = open("unicode-name.p12", "pässwörd-世界");
    assert_eq!(
        c.certificates[0].attributes.friendly_name.as_deref(),
        Some("Zertifikat für Exchange – 世界")
    );
    assert_eq!(c.keys[0].key.key_type, "EC-secp256r1");
    assert_eq!(has_key(&c), vec![true]);
}

#[test]
fn rc4_is_named_as_unsupported_and_the_rest_is_still_reported() {
    let c = open("legacy-rc4-128.p12", "secret");
    assert_eq!(c.mac, "hmac-sha1");
    assert_eq!(c.password_form, Some(PasswordForm::Given(0)));
    let e = c.partial_error.expect("RC4 cannot be decrypted");
    assert_eq!(e.code(), "unsupported-algorithm");
    let msg = e.to_string();
    assert!(
        msg.contains("1.2.840.113549.1.12.1.1") && msg.contains("pbeWithSHAAnd128BitRC4"),
        "{msg}"
    );
}

#[test]
fn pbkdf2_with_600000_iterations() {
    let c = check(
        "pbkdf2-600000.p12",
        "hmac-sha256",
        600_000,
        &["PBES2 PBKDF2 hmacWithSHA256 AES-256-CBC"],
        "RSA-2048",
    );
    assert_eq!(c.certificates.len(), 1);
}

// ---- private-key files ----

fn key(name: &str, passwords: &[&str]) -> keys::PrivateKey {
    let pw: Vec<String> = passwords.iter().map(|s| s.to_string()).collect();
    let mut ks = read_private_keys(&read(name), &pw).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(ks.len(), 1, "{name}");
    ks.remove(0)
}

#[test]
fn key_files_in_every_format_match_their_certificates() {
    let rsa = cert_public("rsa2048.crt");
    for name in [
        "rsa2048.pkcs8.pem",
        "rsa2048.pkcs1.pem",
        "rsa2048.pkcs8.der",
        "rsa2048.pkcs1.der",
    ] {
        let k = key(name, &[]);
        assert_eq!(k.key_type, "RSA-2048", "{name}");
        assert_eq!(k.public.as_ref(), Some(&rsa), "{name}");
    }
    for name in [
        "rsa2048.encrypted-aes256.pem",
        "rsa2048.encrypted-pbe-sha1-3des.pem",
    ] {
        let k = key(name, &["Zq9-notit", "secret"]);
        assert_eq!(k.public.as_ref(), Some(&rsa), "{name}");
        let e = read_private_keys(&read(name), &["Zq9-notit".into()]).unwrap_err();
        assert_eq!(e.code(), "wrong-password", "{name}");
        assert!(!e.to_string().contains("Zq9"), "password in message: {e}");
    }
    for (curve, ty) in [
        ("p256", "EC-secp256r1"),
        ("p384", "EC-secp384r1"),
        ("p521", "EC-secp521r1"),
    ] {
        let cert = cert_public(&format!("ec-{curve}.crt"));
        for form in ["pkcs8", "sec1", "sec1-no-public"] {
            let name = format!("ec-{curve}.{form}.pem");
            let k = key(&name, &[]);
            assert_eq!(k.key_type, ty, "{name}");
            assert_eq!(
                k.public.as_ref(),
                Some(&cert),
                "{name}: point computed from the scalar"
            );
        }
    }
    let dsa = cert_public("dsa2048.crt");
    for name in ["dsa2048.pkcs8.pem", "dsa2048.traditional.pem"] {
        let k = key(name, &[]);
        assert_eq!(k.key_type, "DSA-2048", "{name}");
        assert_eq!(k.public.as_ref(), Some(&dsa), "{name}: y = g^x mod p");
    }
    let k = key("ed25519.pkcs8.pem", &[]);
    assert_eq!(
        (k.key_type.as_str(), k.public.as_ref()),
        ("Ed25519", Some(&cert_public("ed25519.crt")))
    );
    let k = key("ed448.pkcs8.pem", &[]);
    assert_eq!(
        (k.key_type.as_str(), k.public.as_ref()),
        ("Ed448", Some(&cert_public("ed448.crt")))
    );
}

#[test]
fn explicit_ec_parameters_are_named_as_such() {
    let k = key("ec-p256.explicit-params.pem", &[]);
    assert_eq!(k.key_type, "EC-explicit-parameters");
    assert!(k.note.as_deref().unwrap().contains("explicit"));
}

#[test]
fn private_key_file_report() {
    let f = keys::inspect_private_key_file("k.pem", &read("ec-p384.sec1.pem"), &[]);
    assert_eq!(f.report.kind, tlsdoctor_core::report::FileKind::PrivateKey);
    assert!(f.report.error.is_none());
    assert_eq!(f.report.keys[0].key_type, "EC-secp384r1");
    assert_eq!(f.key_publics, vec![Some(cert_public("ec-p384.crt"))]);
    let f = keys::inspect_private_key_file(
        "k.pem",
        b"-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
        &[],
    );
    assert!(f.report.error.is_some());
}

#[test]
fn java_keytool_modern_and_legacy_keystores() {
    let c = open("keytool-jdk17.p12", "secret");
    assert!(c.partial_error.is_none());
    assert_eq!(
        (c.mac.as_str(), c.mac_iterations),
        ("hmac-sha256", Some(10_000))
    );
    assert_eq!(c.encryption, ["PBES2 PBKDF2 hmacWithSHA256 AES-256-CBC"]);
    assert_eq!(c.keys[0].key.key_type, "RSA-2048");
    // keytool names both bags after the alias and links them with a "Time <millis>" localKeyID.
    assert_eq!(
        c.keys[0].attributes.friendly_name.as_deref(),
        Some("mail.contoso.test")
    );
    assert_eq!(
        c.certificates[0].attributes.friendly_name.as_deref(),
        Some("mail.contoso.test")
    );
    assert!(c.keys[0]
        .attributes
        .local_key_id
        .as_deref()
        .unwrap()
        .starts_with(b"Time "));
    assert_eq!(has_key(&c), vec![true]);

    let c = open("keytool-jdk17-legacy.p12", "secret");
    assert_eq!(
        (c.mac.as_str(), c.mac_iterations),
        ("hmac-sha1", Some(100_000))
    );
    assert_eq!(
        c.encryption,
        [
            "pbeWithSHA1And3-KeyTripleDES-CBC",
            "pbeWithSHA1And40BitRC2-CBC"
        ]
    );
    assert_eq!(c.keys[0].key.key_type, "EC-secp256r1");
    assert_eq!(has_key(&c), vec![true]);
}

#[test]
fn without_a_mac_damage_is_told_apart_when_another_part_opens() {
    let bytes = read("no-mac-encrypted-certs.p12");
    let c = open("no-mac-encrypted-certs.p12", "secret");
    assert_eq!((c.certificates.len(), c.keys.len()), (1, 1));
    assert_eq!(
        pkcs12::open(&bytes, &["Zq9-notit".into()])
            .unwrap_err()
            .code(),
        "wrong-password"
    );
    // Damage the shrouded key's ciphertext (the last OCTET STRING, 0x4D0 bytes): once where CBC
    // garbles the padding, once inside the RSA primes (the padding still checks out).
    let start = bytes
        .windows(4)
        .rposition(|w| w == [0x04, 0x82, 0x04, 0xd0])
        .expect("key ciphertext")
        + 4;
    for (at, what) in [
        (start + 0x4d0 - 17, "do not decrypt"),
        (start + 600, "primes do not multiply"),
    ] {
        let mut damaged = bytes.clone();
        damaged[at] ^= 0xff;
        let c = pkcs12::open(&damaged, &["secret".into()]).unwrap();
        assert_eq!((c.certificates.len(), c.keys.len()), (1, 0), "{what}");
        let e = c.partial_error.unwrap();
        assert_eq!(e.code(), "malformed", "{e}");
        assert!(e.to_string().contains(what), "{e}");
    }
}

#[test]
fn dsa_certificate_with_inherited_parameters_still_matches_by_y() {
    use base64::Engine;
    let text = String::from_utf8(read("dsa2048.crt")).unwrap();
    let b64: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
    let der = base64::engine::general_purpose::STANDARD
        .decode(b64)
        .unwrap();
    let spki = tlsdoctor_core::x509::certificate::read_certificate(&der)
        .unwrap()
        .spki_der;
    // Rebuild the SubjectPublicKeyInfo without Dss-Parms (RFC 3279 §2.3.2: inherited from the issuer).
    let (_, bit_string) = spki.split_at(
        spki.windows(3)
            .position(|w| w[0] == 0x03 && w[1] == 0x82)
            .unwrap(),
    );
    let alg = [
        &[0x30, 0x09, 0x06, 0x07][..],
        &[0x2a, 0x86, 0x48, 0xce, 0x38, 0x04, 0x01],
    ]
    .concat();
    let body = [alg.as_slice(), bit_string].concat();
    let inherited = [
        &[0x30, 0x82, (body.len() >> 8) as u8, body.len() as u8][..],
        &body,
    ]
    .concat();
    let key_type = tlsdoctor_core::x509::spki::describe(&inherited);
    let id = keys::spki::parse_spki(&inherited).unwrap();
    assert_eq!(key_type, "DSA");
    assert_eq!(id, Some(cert_public("dsa2048.crt")));
    assert_eq!(key("dsa2048.pkcs8.pem", &[]).public, id);
}
