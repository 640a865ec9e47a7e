//! Regression tests for issue 16 (core side): every item below failed on `main` before the fix.
//! Item numbers are the issue's.

use tlsdoctor_core::inspect::inspect_one;
use tlsdoctor_core::limits;

mod common;
use common::der::{int, oid, seq, tlv};

// ---------------------------------------------------------------------------------------------
// Hand-made certificates (the signature is not checked by `inspect`, only the structure).

const CN: &str = "2.5.4.3";

/// `Name` of `n` one-attribute RDNs `CN=<value>`.
fn name(n: usize, value: &str) -> Vec<u8> {
    let rdn = tlv(0x31, &seq(&[oid(CN), tlv(0x0c, value.as_bytes())]));
    tlv(0x30, &rdn.repeat(n))
}

/// rsaEncryption SubjectPublicKeyInfo with a small (fake) 512-bit modulus.
fn spki() -> Vec<u8> {
    let mut modulus = vec![0u8];
    modulus.extend([0xC5u8; 64]);
    let key = seq(&[tlv(0x02, &modulus), int(65537)]);
    let mut bits = vec![0u8];
    bits.extend(key);
    seq(&[
        seq(&[oid("1.2.840.113549.1.1.1"), vec![0x05, 0x00]]),
        tlv(0x03, &bits),
    ])
}

/// A v3 certificate with the given subject and extensions (each a whole `Extension` SEQUENCE).
fn certificate(subject: Vec<u8>, extensions: &[Vec<u8>]) -> Vec<u8> {
    let alg = seq(&[oid("1.2.840.113549.1.1.11"), vec![0x05, 0x00]]);
    let mut tbs = vec![
        tlv(0xa0, &int(2)),
        int(0x1234),
        alg.clone(),
        name(1, "Issue 16 Test CA"),
        seq(&[tlv(0x17, b"250101000000Z"), tlv(0x17, b"350101000000Z")]),
        subject,
        spki(),
    ];
    if !extensions.is_empty() {
        tbs.push(tlv(0xa3, &seq(extensions)));
    }
    let mut signature = vec![0u8];
    signature.extend([0x11u8; 64]);
    seq(&[seq(&tbs), alg, tlv(0x03, &signature)])
}

/// subjectAltName with `n` dNSNames.
fn san_extension(n: usize) -> Vec<u8> {
    let names: Vec<u8> = (0..n)
        .flat_map(|i| tlv(0x82, format!("h{i}.contoso.com").as_bytes()))
        .collect();
    seq(&[oid("2.5.29.17"), tlv(0x04, &tlv(0x30, &names))])
}

fn error_code(file: &tlsdoctor_core::inspect::InspectedFile) -> Option<String> {
    file.report.error.as_ref().map(|e| e.code.to_string())
}

// ---- item 6: work per name and per certificate is capped, not only bytes -------------------

#[test]
fn item6_a_name_with_more_attributes_than_the_cap_is_too_large() {
    let over = certificate(name(limits::MAX_NAME_ATTRIBUTES + 1, "x"), &[]);
    let file = inspect_one("many-rdns.cer", &over, &[]);
    assert_eq!(error_code(&file).as_deref(), Some("too-large"), "{file:?}");
    let message = &file.report.error.as_ref().unwrap().message;
    assert!(
        message.contains("name") && message.contains(&limits::MAX_NAME_ATTRIBUTES.to_string()),
        "{message}"
    );
    assert!(file.report.certificates.is_empty());

    // At the cap the certificate is read, every attribute shown.
    let at = certificate(name(limits::MAX_NAME_ATTRIBUTES, "x"), &[]);
    let file = inspect_one("rdns-at-cap.cer", &at, &[]);
    assert_eq!(error_code(&file), None, "{file:?}");
    assert_eq!(
        file.report.certificates[0].subject.matches("CN=x").count(),
        limits::MAX_NAME_ATTRIBUTES
    );
}

#[test]
fn item6_the_issue_certificate_many_one_attribute_rdns_is_refused_by_the_element_cap() {
    // The probe's file had 1.7 M RDNs in 62 MB; 40,000 (4 elements each) are enough to pass the cap.
    let der = certificate(name(40_000, "xxxxxxxxxxxxxxxxxxxxxxxxx"), &[]);
    let file = inspect_one("rdn-bomb.cer", &der, &[]);
    assert_eq!(error_code(&file).as_deref(), Some("too-large"), "{file:?}");
    let message = &file.report.error.as_ref().unwrap().message;
    assert!(message.contains("ASN.1 elements"), "{message}");
    assert!(
        message.contains(&limits::MAX_CERT_ASN1_ELEMENTS.to_string()),
        "{message}"
    );
}

#[test]
fn item6_elements_inside_an_extension_value_count_too() {
    let over = certificate(
        name(1, "mail.contoso.com"),
        &[san_extension(limits::MAX_CERT_ASN1_ELEMENTS)],
    );
    let file = inspect_one("san-bomb.cer", &over, &[]);
    assert_eq!(error_code(&file).as_deref(), Some("too-large"), "{file:?}");
    // A certificate with 1,000 SANs (large for Exchange) is far below the cap and read in full.
    let ok = certificate(name(1, "mail.contoso.com"), &[san_extension(1_000)]);
    let file = inspect_one("san-1000.cer", &ok, &[]);
    assert_eq!(error_code(&file), None, "{file:?}");
    assert_eq!(file.report.certificates[0].dns_names.len(), 1_000);
}

// ---- item 12: smaller wrong answers on bad input --------------------------------------------

#[test]
fn item12_a_one_line_pasted_value_of_1_mb_is_capped_like_a_wrapped_one() {
    let subject = format!("CN={}", "a".repeat(1024 * 1024));
    let text = format!(
        "Thumbprint : 3D5F8A1C9E2B4D6F8A0C2E4F6A8B0D2F4E6A8C0B\nSubject    : {subject}\nNotAfter   : 1/1/2030 12:00:00 AM\n"
    );
    let out = tlsdoctor_core::paste::parse(text.as_bytes()).unwrap();
    assert_eq!(out.certificates.len(), 1);
    let kept = out.certificates[0].subject.as_deref().unwrap();
    assert_eq!(kept.chars().count(), limits::MAX_PASTE_VALUE_CHARS);
    assert!(subject.starts_with(kept));
    assert!(
        out.warnings
            .iter()
            .any(|w| w.message.contains("Subject") && w.message.contains("line 2")),
        "{:?}",
        out.warnings
    );
}

/// PKCS#1 `RSAPrivateKey` with a modulus of `bytes` octets (primes that do not multiply to it).
fn pkcs1_key(modulus_bytes: usize) -> Vec<u8> {
    let mut modulus = vec![0x00, 0xC3];
    modulus.extend(std::iter::repeat_n(0x5Au8, modulus_bytes - 1));
    seq(&[
        int(0),
        tlv(0x02, &modulus),
        int(65537),
        tlv(0x02, &[0x44; 64]),
        tlv(0x02, &[0x33; 32]),
        tlv(0x02, &[0x35; 32]),
        tlv(0x02, &[0x11; 32]),
        tlv(0x02, &[0x12; 32]),
        tlv(0x02, &[0x13; 32]),
    ])
}

#[test]
fn item12_a_pkcs1_key_with_a_1_mb_modulus_is_a_too_large_rsa_key_not_dsa() {
    let der = pkcs1_key(1024 * 1024);
    let file = inspect_one("huge.key", &der, &[]);
    assert!(
        file.report
            .keys
            .iter()
            .all(|k| !k.key_type.starts_with("DSA")),
        "{file:?}"
    );
    let error = file.report.error.as_ref().expect("an error");
    assert_eq!(error.code, "too-large");
    assert!(error.message.contains("RSA-8388608"), "{}", error.message);
    assert!(error
        .message
        .contains(&limits::MAX_RSA_MODULUS_BITS.to_string()));
    // At the cap the structure is read on (these primes are fake: a damaged RSA key, still not DSA).
    let file = inspect_one(
        "16384.key",
        &pkcs1_key(limits::MAX_RSA_MODULUS_BITS / 8),
        &[],
    );
    let error = file.report.error.as_ref().expect("an error");
    assert_eq!(error.code, "malformed", "{}", error.message);
    assert!(error.message.contains("RSA"), "{}", error.message);
}

const BORINGSSL: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../testdata/corpus/pkcs12/boringssl"
);

#[test]
fn item12_a_flipped_encrypted_data_version_length_is_malformed_not_too_large() {
    let mut p12 = std::fs::read(format!("{BORINGSSL}/openssl.p12")).unwrap();
    // encryptedData OID, [0] { EncryptedData SEQUENCE { INTEGER 0, ... } }: flip the INTEGER's length.
    let oid = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x06];
    let at = p12.windows(oid.len()).position(|w| w == oid).unwrap();
    let version = at
        + p12[at..]
            .windows(3)
            .position(|w| w == [0x02, 0x01, 0x00])
            .unwrap();
    p12[version + 1] ^= 0x40; // 0x01 -> 0x41: the version swallows 65 octets
    let e = tlsdoctor_core::pkcs12::open(&p12, &["foo".to_string()]).unwrap_err();
    assert_eq!(e.code(), "malformed", "{e}");
    assert!(e.to_string().contains("version"), "{e}");
    assert!(!e.to_string().contains("18446744073709551615"), "{e}");
}

// ---- item 11: a protocol log saved as UTF-16 (Windows PowerShell's `>`) is read -------------

fn testdata(rel: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../../testdata/{rel}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// UTF-16 with a byte-order mark, as Windows PowerShell 5.1's `>` writes a file.
fn utf16_with_bom(utf8: &[u8], big_endian: bool) -> Vec<u8> {
    let text = std::str::from_utf8(utf8).unwrap();
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for unit in text.encode_utf16() {
        out.extend(if big_endian {
            unit.to_be_bytes()
        } else {
            unit.to_le_bytes()
        });
    }
    out
}

/// The KB 4495258 case: a Send log with NoCredentials for the certificate dropped next to it.
fn analyze_kb4495258(log: &[u8], chunk: usize) -> tlsdoctor_core::report::AnalysisReport {
    use tlsdoctor_core::analyze::{AnalyzeOptions, Analyzer};
    let mut a = Analyzer::new(AnalyzeOptions {
        now_unix: 1_767_225_600,
        ..Default::default()
    });
    // Fed in slices, as the CLI (64 KiB reads) and the page (File.slice) do.
    a.begin_file("SEND20240502-1.LOG");
    for piece in log.chunks(chunk) {
        a.push_bytes(piece);
    }
    a.end_file();
    a.add_file(
        "testservereku.contoso.com.cer",
        &testdata("samples/testservereku.contoso.com.cer"),
    );
    a.report()
}

#[test]
fn item11_a_utf16_log_le_and_be_gives_the_same_findings_as_its_utf8_original() {
    let utf8 = testdata("samples/SEND20240502-1.LOG");
    let expected = analyze_kb4495258(&utf8, 65_536);
    let ids: Vec<&str> = expected.findings.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["no-credentials", "certificate-missing-private-key"]);
    assert!(expected.log_summary.lines > 50);
    // With the mark, and without it (a tool that writes "Unicode" without the mark: read by
    // its ASCII text with a zero byte on one side; until 2026-12-06 "not recognised").
    for (big_endian, mark) in [(false, true), (true, true), (false, false), (true, false)] {
        let mut utf16 = utf16_with_bom(&utf8, big_endian);
        if !mark {
            utf16.drain(..2);
        }
        // Odd slice sizes cut code units (and the byte-order mark) in two.
        for chunk in [1usize, 3, 4095, 65_536] {
            let r = analyze_kb4495258(&utf16, chunk);
            let what = format!("big_endian={big_endian} mark={mark} chunk={chunk}");
            assert_eq!(
                r.files[0].kind,
                tlsdoctor_core::report::FileKind::ProtocolLog,
                "{what}"
            );
            assert_eq!(r.log_summary, expected.log_summary, "{what}");
            assert_eq!(r.findings, expected.findings, "{what}");
            assert_eq!(r.verdict, expected.verdict, "{what}");
            assert!(
                r.files[0]
                    .warnings
                    .iter()
                    .any(|w| w.message.contains("UTF-16")),
                "{what}: {:?}",
                r.files[0].warnings
            );
        }
    }
    // The note is in the report's language, like every other file-level message.
    let mut a = tlsdoctor_core::analyze::Analyzer::new(tlsdoctor_core::analyze::AnalyzeOptions {
        now_unix: 1_767_225_600,
        ..Default::default()
    });
    a.set_lang(tlsdoctor_core::i18n::Lang::De);
    a.add_file("SEND20240502-1.LOG", &utf16_with_bom(&utf8, false));
    let r = a.report();
    assert_eq!(
        r.files[0]
            .warnings
            .iter()
            .map(|w| w.message.as_str())
            .collect::<Vec<_>>(),
        ["UTF-16-Text (wie ihn `>` in Windows PowerShell schreibt) wurde als UTF-8 gelesen."]
    );
}

// ---- items 8, 9, 10: PKCS#12 and encrypted keys with passwords ------------------------------

const GENERATED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/generated");
/// The password of every file made by `scripts/gen_pkcs12_testdata.sh`.
const SECRET: &str = "secret";
/// Thumbprint of `testdata/generated/rsa2048.crt`, the certificate in those files.
const RSA2048_THUMBPRINT: &str = "E8771A3C670EF74D51CE52D1AFBCE14755A89644";

fn generated(name: &str) -> Vec<u8> {
    std::fs::read(format!("{GENERATED}/{name}")).unwrap()
}

fn passwords(list: &[&str]) -> Vec<String> {
    list.iter().map(|p| p.to_string()).collect()
}

#[test]
fn item8_empty_forms_are_tried_first_then_the_given_passwords_in_order() {
    use tlsdoctor_core::pkcs12::password::{candidates, PasswordForm};
    let forms: Vec<PasswordForm> = candidates(&passwords(&["a", "b"]))
        .iter()
        .map(|c| c.form)
        .collect();
    assert_eq!(
        forms,
        [
            PasswordForm::EmptyBmpString,
            PasswordForm::Absent,
            PasswordForm::Given(0),
            PasswordForm::Given(1)
        ]
    );
}

#[test]
fn item8_many_passwords_on_a_file_name_those_not_tried_instead_of_too_large() {
    use tlsdoctor_core::pkcs12::{kdf::KdfBudget, open_with_budget};
    // openssl3-default.p12: MAC with 2048 iterations. A budget of six MAC tries (as 20 million
    // iterations are 33 tries of a 600,000-iteration export) with the right password 6th of 6.
    let p12 = generated("openssl3-default.p12");
    let given = passwords(&["w1", "w2", "w3", "w4", "w5", SECRET]);
    let e = open_with_budget(&p12, &given, KdfBudget::new(6 * 2048)).unwrap_err();
    assert_eq!(e.code(), "password-budget-exhausted", "{e}");
    let text = e.to_string();
    assert!(text.contains("after the empty password (BMPString 00 00), no password (zero-length), passwords 1 to 4"), "{text}");
    assert!(text.contains("Not tried: passwords 5 to 6"), "{text}");
    assert!(!text.contains(SECRET) && !text.contains("w5"), "{text}");
    let de = e.message(tlsdoctor_core::i18n::Lang::De);
    assert!(de.contains("Nicht versucht: Passwörter 5 bis 6"), "{de}");
    // The same budget with the right password first among the given: it opens (2 empty tries,
    // the MAC, then the two encrypted parts with the verified password).
    let given = passwords(&[SECRET, "w1", "w2", "w3", "w4", "w5"]);
    let c = open_with_budget(&p12, &given, KdfBudget::new(6 * 2048)).unwrap();
    assert_eq!(c.keys.len(), 1);
    assert_eq!(c.certificates.len(), 1);
}

#[test]
fn item8_ten_wrong_passwords_are_a_wrong_password_not_too_large() {
    use tlsdoctor_core::pkcs12::{kdf::KdfBudget, open_with_budget};
    // The issue's case scaled down: 10 wrong passwords on a 600,000-iteration export within
    // 20 million iterations is 12 MAC tries and room for about 21 more derivations; here 2048
    // iterations and 20,000,000 / 600,000 x 2048 = 68,266. Every password is tried against the
    // MAC; the costly check for an altered file then runs out: still a wrong password.
    let p12 = generated("openssl3-default.p12");
    let given: Vec<String> = (1..=10).map(|i| format!("wrong{i}")).collect();
    let e = open_with_budget(&p12, &given, KdfBudget::new(68_266)).unwrap_err();
    assert_eq!(e.code(), "wrong-password", "{e}");
}

#[test]
fn item8_the_budget_is_shared_by_the_files_of_one_run() {
    use tlsdoctor_core::inspect::inspect_one_in_run;
    use tlsdoctor_core::pkcs12::kdf::KdfBudget;
    let p12 = generated("openssl3-default.p12");
    // Room for one file (3 MAC tries + 2 parts = 5 derivations of 2048) and three tries more.
    let mut run = KdfBudget::run_of(8 * 2048);
    let first = inspect_one_in_run("a.pfx", &p12, &passwords(&[SECRET]), &mut run);
    assert_eq!(first.report.error, None);
    assert_eq!(run.left(), 3 * 2048);
    let second = inspect_one_in_run("b.pfx", &p12, &passwords(&["w1", "w2"]), &mut run);
    let error = second.report.error.as_ref().expect("budget error");
    assert_eq!(error.code, "password-budget-exhausted", "{}", error.message);
    assert!(
        error.message.contains("all files of this run"),
        "{}",
        error.message
    );
    assert!(
        error.message.contains("Not tried: password 2"),
        "{}",
        error.message
    );
    // `inspect_all` shares one run budget: the real cap is 60 million iterations.
    assert_eq!(
        limits::MAX_KDF_ITERATIONS_PER_RUN,
        3 * limits::MAX_KDF_ITERATIONS_PER_FILE
    );
}

/// The last long OCTET STRING (the shrouded key's ciphertext) of a generated file: (start, len).
fn key_ciphertext(bytes: &[u8]) -> (usize, usize) {
    let at = bytes
        .windows(2)
        .rposition(|w| w == [0x04, 0x82])
        .expect("a long OCTET STRING");
    let len = usize::from(bytes[at + 2]) << 8 | usize::from(bytes[at + 3]);
    (at + 4, len)
}

#[test]
fn item9_a_flipped_byte_in_a_no_mac_pfx_with_the_right_password_is_not_called_intact() {
    let bytes = generated("no-mac.p12");
    let (start, len) = key_ciphertext(&bytes);
    // Once where CBC garbles the padding, once mid-key (the padding still checks out).
    for at in [start + len - 17, start + len / 2] {
        let mut damaged = bytes.clone();
        damaged[at] ^= 0x01;
        let file = inspect_one("no-mac-flipped.p12", &damaged, &passwords(&[SECRET]));
        let error = file.report.error.as_ref().expect("an error");
        assert_eq!(error.code, "wrong-password", "{}", error.message);
        assert!(
            error.message.starts_with("Wrong password or damaged file"),
            "{}",
            error.message
        );
        assert!(!error.message.contains("intact"), "{}", error.message);
        // Item 10 as well: the unencrypted certificate is still shown.
        assert_eq!(file.report.certificates.len(), 1);
        assert_eq!(file.report.certificates[0].thumbprint, RSA2048_THUMBPRINT);
    }
}

/// A PEM file with one byte of its DER flipped at `offset_from_end`.
fn flipped_pem(name: &str, offset_from_end: usize) -> Vec<u8> {
    use base64::Engine;
    let text = String::from_utf8(generated(name)).unwrap();
    let label = text.lines().next().unwrap().to_string();
    let body: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
    let engine = base64::engine::general_purpose::STANDARD;
    let mut der = engine.decode(body).unwrap();
    let at = der.len() - offset_from_end;
    der[at] ^= 0x01;
    let end = label.replace("BEGIN", "END");
    format!("{label}\n{}\n{end}\n", engine.encode(der)).into_bytes()
}

#[test]
fn item9_a_flipped_byte_in_an_encrypted_pem_key_aes256_or_3des_is_wrong_password_or_damaged() {
    for name in [
        "rsa2048.encrypted-aes256.pem",
        "rsa2048.encrypted-pbe-sha1-3des.pem",
    ] {
        // The intact file opens with the password.
        let file = inspect_one(name, &generated(name), &passwords(&[SECRET]));
        assert_eq!(file.report.error, None, "{name}");
        for offset in [5usize, 600] {
            let damaged = flipped_pem(name, offset);
            let file = inspect_one(name, &damaged, &passwords(&[SECRET]));
            let error = file.report.error.as_ref().expect("an error");
            assert_eq!(error.code, "wrong-password", "{name}: {}", error.message);
            assert!(
                error.message.starts_with("Wrong password or damaged file"),
                "{name} {offset}: {}",
                error.message
            );
            assert!(!error.message.contains("intact"), "{}", error.message);
        }
    }
    // Several passwords given, none right: a plain wrong password, still without "intact".
    let file = inspect_one(
        "k.pem",
        &generated("rsa2048.encrypted-aes256.pem"),
        &passwords(&["one", "two"]),
    );
    let error = file.report.error.as_ref().unwrap();
    assert_eq!(error.code, "wrong-password");
    assert!(
        error.message.starts_with("The password is wrong"),
        "{}",
        error.message
    );
    assert!(!error.message.contains("intact"), "{}", error.message);
}

#[test]
fn item10_a_wrong_password_does_not_hide_the_unencrypted_certificate() {
    let file = inspect_one(
        "no-mac.p12",
        &generated("no-mac.p12"),
        &passwords(&["not-it"]),
    );
    let error = file.report.error.as_ref().expect("the password error");
    assert_eq!(error.code, "wrong-password", "{}", error.message);
    assert_eq!(file.report.certificates.len(), 1, "{:?}", file.report);
    let certificate = &file.report.certificates[0];
    assert_eq!(certificate.thumbprint, RSA2048_THUMBPRINT);
    assert!(!certificate.has_private_key);
    assert!(file.report.keys.is_empty());
    // No password given at all: the same, the certificate is listed and the key asks for one.
    let file = inspect_one("no-mac.p12", &generated("no-mac.p12"), &[]);
    assert_eq!(file.report.certificates.len(), 1);
    assert_eq!(
        file.report.error.as_ref().map(|e| e.code.as_str()),
        Some("wrong-password")
    );
    // `pkcs12::open` (an API for callers that need the whole file) still refuses it.
    assert!(tlsdoctor_core::pkcs12::open(&generated("no-mac.p12"), &[]).is_err());
}

#[test]
fn item10_a_locked_pfx_lists_its_certificate_but_it_takes_no_part_in_the_diagnosis() {
    use tlsdoctor_core::analyze::{AnalyzeOptions, Analyzer};
    let mut a = Analyzer::new(AnalyzeOptions {
        now_unix: 1_767_225_600,
        passwords: passwords(&["not-it"]),
        ..Default::default()
    });
    a.add_file("no-mac.p12", &generated("no-mac.p12"));
    let r = a.report();
    assert_eq!(r.files[0].certificates.len(), 1);
    assert_eq!(
        r.files[0].error.as_ref().map(|e| e.code.as_str()),
        Some("wrong-password")
    );
    // Only part of the file is visible and whether it holds the key is unknown: no finding is built
    // on it (not "missing private key", not "chain incomplete"; without this rule the diagnosis
    // reported it as not yet valid at `now`, from a file it had not opened).
    for f in &r.findings {
        assert!(
            !f.thumbprints.iter().any(|t| t == RSA2048_THUMBPRINT),
            "{}: {}",
            f.id,
            f.title
        );
    }
    // With the right password the same file opens whole.
    a.set_passwords(passwords(&[SECRET]));
    let r = a.report();
    assert_eq!(r.files[0].error, None);
    assert!(r.files[0].certificates[0].has_private_key);
}
