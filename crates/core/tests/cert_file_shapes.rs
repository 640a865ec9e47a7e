//! Certificate and key files in the shapes Windows tools and copy-and-paste give them
//! (testdata/x509/shapes, see testdata/README.md): each is read as what it is, with the facts of
//! the certificate it holds (testdata/x509/openssl/expected.tsv: OpenSSL's SHA-1 and serial).

use tlsdoctor_core::inspect::{inspect_all, inspect_one};
use tlsdoctor_core::report::{FileKind, FileReport};

fn read(dir: &str, name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../../testdata/x509/{dir}/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn shape(name: &str) -> FileReport {
    inspect_one(name, &read("shapes", name), &[]).report
}

/// OpenSSL's SHA-1 fingerprint of a certificate in testdata/x509/openssl (expected.tsv).
fn openssl_sha1(file: &str) -> String {
    let tsv = String::from_utf8(read("openssl", "expected.tsv")).unwrap();
    tsv.lines()
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .find(|cols| cols[0] == file)
        .map(|cols| cols[1].to_string())
        .unwrap()
}

/// The thumbprints of a file's certificates, in file order.
fn thumbprints(report: &tlsdoctor_core::report::FileReport) -> Vec<&str> {
    report
        .certificates
        .iter()
        .map(|c| c.thumbprint.as_str())
        .collect()
}

#[test]
fn utf8_byte_order_mark_before_the_pem_is_read() {
    // Windows PowerShell 5.1 `Set-Content -Encoding UTF8` writes EF BB BF first.
    let certificate = shape("powershell51-utf8-bom.cer");
    assert!(certificate.error.is_none(), "{:?}", certificate.error);
    assert_eq!(certificate.kind, FileKind::X509Cert);
    assert_eq!(certificate.certificates.len(), 1);
    assert_eq!(
        certificate.certificates[0].thumbprint,
        openssl_sha1("rsa2048.cer")
    );
    assert_eq!(
        certificate.certificates[0].subject,
        "CN=mail.contoso.com, O=Contoso, S=WA, C=US"
    );

    let key = shape("powershell51-utf8-bom.key");
    assert!(key.error.is_none(), "{:?}", key.error);
    assert_eq!(key.kind, FileKind::PrivateKey);
    assert_eq!(key.keys.len(), 1);
    assert_eq!(key.keys[0].key_type, "RSA-2048");

    // The key is matched with its certificate across the two files.
    let both = inspect_all(
        &[
            ("bom.cer", &read("shapes", "powershell51-utf8-bom.cer")),
            ("bom.key", &read("shapes", "powershell51-utf8-bom.key")),
        ],
        &[],
    );
    assert_eq!(
        both[1].keys[0].matches_thumbprint.as_deref(),
        Some(openssl_sha1("rsa2048.cer").as_str())
    );
}

#[test]
fn pem_whose_line_breaks_were_lost_or_are_lone_crs_is_read() {
    // Copied through a one-line field: blocks and Base64 separated by spaces only.
    let chain = shape("one-line-chain.pem");
    assert!(chain.error.is_none(), "{:?}", chain.error);
    let thumbprints = thumbprints(&chain);
    assert_eq!(
        thumbprints,
        [openssl_sha1("rsa2048.cer"), openssl_sha1("ec256.cer")]
    );
    assert_eq!(chain.certificates[1].subject, "CN=ec256.contoso.com");
    // Classic Mac line ends (CR only).
    let mac = shape("classic-mac-cr.pem");
    assert!(mac.error.is_none(), "{:?}", mac.error);
    assert_eq!(mac.certificates.len(), 1);
    assert_eq!(mac.certificates[0].thumbprint, openssl_sha1("rsa2048.cer"));
    assert_eq!(
        mac.certificates[0].serial_number,
        "72A3837557292D0E006BA97E4FEDA8B29023C298"
    );
}

#[test]
fn certutil_encode_of_a_pfx_key_csr_or_crl_is_read_as_that_file() {
    // `certutil -encode` writes BEGIN/END CERTIFICATE around any file it encodes.
    let pfx = read("shapes", "certutil-encode-pfx.txt");
    let report = inspect_one("pfx", &pfx, &["testcertificate".to_string()]).report;
    assert!(report.error.is_none(), "{:?}", report.error);
    assert_eq!(report.kind, FileKind::Pkcs12);
    assert_eq!(report.certificates.len(), 2);
    // The facts of the corpus PFX it encodes (MANIFEST.tsv, testservereku.contoso.com.pfx).
    assert_eq!(
        report.certificates[0].thumbprint,
        "3D68C9DB575E6FDB56A81AE43B014E129349E024"
    );
    assert!(report.certificates[0].has_private_key);
    assert_eq!(report.keys[0].key_type, "RSA-4096");
    assert!(report
        .warnings
        .iter()
        .any(|w| w.message.contains("certutil")));
    // Without its password it is a PFX that needs one, not a damaged certificate.
    let locked = inspect_one("pfx", &pfx, &[]).report;
    assert_eq!(locked.kind, FileKind::Pkcs12);
    assert_eq!(locked.error.unwrap().code, "wrong-password");

    let key = shape("certutil-encode-key.txt");
    assert!(key.error.is_none(), "{:?}", key.error);
    assert_eq!(key.kind, FileKind::PrivateKey);
    assert_eq!(key.keys[0].key_type, "RSA-2048");

    for (file, what) in [
        ("certutil-encode-req.txt", "certificate signing request"),
        ("certutil-encode-crl.txt", "certificate revocation list"),
    ] {
        let report = shape(file);
        assert_eq!(report.kind, FileKind::NotACertificate, "{file}");
        let error = report.error.unwrap();
        assert_eq!(error.code, "not-a-certificate", "{file}");
        assert!(error.message.contains(what), "{file}: {}", error.message);
    }
}

#[test]
fn der_certificates_one_after_another_are_all_read() {
    // `copy /b rsa2048.cer+ec256.cer`: the second certificate is read, not "bytes ignored".
    let report = shape("copy-b-concatenated.cer");
    assert!(report.error.is_none(), "{:?}", report.error);
    let thumbprints = thumbprints(&report);
    assert_eq!(
        thumbprints,
        [openssl_sha1("rsa2048.cer"), openssl_sha1("ec256.cer")]
    );
    assert!(!report
        .warnings
        .iter()
        .any(|w| w.message.contains("ignored")));
    // A damaged second certificate is named, the first kept.
    let mut bytes = read("shapes", "copy-b-concatenated.cer");
    let first_len = read("openssl", "rsa2048.cer").len();
    bytes.truncate(first_len + 200);
    let cut = inspect_one("cut", &bytes, &[]).report;
    assert_eq!(cut.certificates.len(), 1);
    assert_eq!(cut.certificates[0].thumbprint, openssl_sha1("rsa2048.cer"));
    let error = cut.error.unwrap();
    assert_eq!(error.code, "truncated");
    assert!(
        error.message.starts_with("certificate 2"),
        "{}",
        error.message
    );
}

#[test]
fn base64_copied_out_of_an_email_is_read() {
    // Two certificates as bare Base64 (76-character lines, CRLF), with the e-mail's words around.
    let report = shape("email-copy-two-certificates.txt");
    assert!(report.error.is_none(), "{:?}", report.error);
    let thumbprints = thumbprints(&report);
    assert_eq!(
        thumbprints,
        [openssl_sha1("rsa2048.cer"), openssl_sha1("ec256.cer")]
    );
    // The same two blobs with no blank line between them (the first ends in `=` padding).
    use base64::Engine;
    let first = base64::engine::general_purpose::STANDARD.encode(read("openssl", "ec256.cer"));
    let second = base64::engine::general_purpose::STANDARD.encode(read("openssl", "rsa2048.cer"));
    assert!(first.ends_with('='));
    let base64_only = format!("{first}\n{second}\n");
    let joined = inspect_one("joined", base64_only.as_bytes(), &[]).report;
    assert_eq!(joined.certificates.len(), 2, "{:?}", joined.error);
    assert_eq!(
        joined.certificates[1].thumbprint,
        openssl_sha1("rsa2048.cer")
    );
}

#[test]
fn a_locked_pfx_is_not_said_to_lack_the_key() {
    use tlsdoctor_core::analyze::{AnalyzeOptions, Analyzer};
    let corpus = |rel: &str| {
        std::fs::read(format!(
            "{}/../../testdata/{rel}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    };
    let files = [
        "samples/SEND20240502-1.LOG",
        "samples/testservereku.contoso.com.cer",
        "corpus/pkcs12/dotnet-runtime-assets/System.Net.TestData/testservereku.contoso.com.pfx",
    ];
    let run = |passwords: &[&str]| {
        let mut analyzer = Analyzer::new(AnalyzeOptions {
            now_unix: 1_767_225_600,
            passwords: passwords.iter().map(|p| p.to_string()).collect(),
            ..AnalyzeOptions::default()
        });
        for f in files {
            analyzer.add_file(f, &corpus(f));
        }
        analyzer.report()
    };
    // The .cer and its PFX, whose password was not given: the PFX may hold the key.
    let locked = run(&[]);
    let ids: Vec<&str> = locked.findings.iter().map(|f| f.id.as_str()).collect();
    assert!(ids.contains(&"no-credentials"), "{ids:?}");
    assert!(!ids.contains(&"certificate-missing-private-key"), "{ids:?}");
    assert_eq!(
        locked.files[2].error.as_ref().unwrap().code.to_string(),
        "wrong-password"
    );
    // With its password the PFX shows the key.
    let open = run(&["testcertificate"]);
    assert!(!open
        .findings
        .iter()
        .any(|f| f.id == "certificate-missing-private-key"));
    // The .cer alone still lacks it.
    let mut analyzer = Analyzer::new(AnalyzeOptions {
        now_unix: 1_767_225_600,
        ..AnalyzeOptions::default()
    });
    for f in &files[..2] {
        analyzer.add_file(f, &corpus(f));
    }
    assert!(analyzer
        .report()
        .findings
        .iter()
        .any(|f| f.id == "certificate-missing-private-key"));
}

#[test]
fn a_cut_off_p7b_still_lists_its_whole_certificates() {
    // The first 2,500 of certchain.p7b's 3,610 bytes (Windows' BER, three certificates).
    let whole = inspect_one(
        "certchain.p7b",
        &std::fs::read(format!(
            "{}/../../testdata/corpus/x509/dotnet-runtime-assets/System.Security.Cryptography.X509Certificates.TestData/certchain.p7b",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap(),
        &[],
    )
    .report;
    assert_eq!(whole.certificates.len(), 3);
    let cut = shape("download-cut-short.p7b");
    assert_eq!(cut.kind, FileKind::Pkcs7Certs);
    assert_eq!(cut.error.as_ref().unwrap().code, "truncated");
    let thumbprints = |r: &FileReport| -> Vec<String> {
        r.certificates
            .iter()
            .map(|c| c.thumbprint.clone())
            .collect()
    };
    assert_eq!(thumbprints(&cut), thumbprints(&whole)[..2]);
    assert_eq!(
        cut.certificates[0].thumbprint,
        "DAF5ACD663545F1EBB4622BCE2FC306B73CCB9C8"
    );
}

#[test]
fn certutil_encode_of_a_base64_cer_is_read() {
    // `certutil -encode` run on a .cer that was Base64 (PEM) already: PEM inside PEM.
    let report = shape("certutil-encode-of-base64-cer.txt");
    assert!(report.error.is_none(), "{:?}", report.error);
    assert_eq!(report.certificates.len(), 1);
    assert_eq!(
        report.certificates[0].thumbprint,
        openssl_sha1("rsa2048.cer")
    );
    assert!(report.warnings.iter().any(|w| w.message.contains("twice")));
}

#[test]
fn a_pem_whose_key_stayed_locked_is_not_said_to_lack_it() {
    use tlsdoctor_core::analyze::{AnalyzeOptions, Analyzer};
    // `openssl pkcs12 -in testservereku.contoso.com.pfx -out ...` with a PEM pass phrase: Bag
    // Attributes, an ENCRYPTED PRIVATE KEY and the two certificates.
    let pem = read("shapes", "openssl-pkcs12-out-encrypted-key.pem");
    let log = std::fs::read(format!(
        "{}/../../testdata/samples/SEND20240502-1.LOG",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let run = |passwords: &[&str]| {
        let mut analyzer = Analyzer::new(AnalyzeOptions {
            now_unix: 1_767_225_600,
            passwords: passwords.iter().map(|p| p.to_string()).collect(),
            ..AnalyzeOptions::default()
        });
        analyzer.add_file("SEND20240502-1.LOG", &log);
        analyzer.add_file("server.pem", &pem);
        analyzer.report()
    };
    let locked = run(&[]);
    let ids: Vec<&str> = locked.findings.iter().map(|f| f.id.as_str()).collect();
    assert!(ids.contains(&"no-credentials"), "{ids:?}");
    assert!(!ids.contains(&"certificate-missing-private-key"), "{ids:?}");
    assert_eq!(
        locked.files[1].certificates[0].thumbprint,
        "3D68C9DB575E6FDB56A81AE43B014E129349E024"
    );
    // With the pass phrase the key is read and matches the certificate.
    let open = inspect_one("server.pem", &pem, &["pem-pass".to_string()]).report;
    assert!(open.certificates[0].has_private_key);
    assert_eq!(
        open.keys[0].matches_thumbprint.as_deref(),
        Some("3D68C9DB575E6FDB56A81AE43B014E129349E024")
    );
}

#[test]
fn openssl_bag_attributes_give_the_friendly_name_and_key_id() {
    // `openssl pkcs12 -out` of a Windows-exported PFX: the same attributes the PFX itself shows.
    let pem = shape("openssl-pkcs12-out-encrypted-key.pem");
    let pfx = inspect_one(
        "pfx",
        &std::fs::read(format!(
            "{}/../../testdata/corpus/pkcs12/dotnet-runtime-assets/System.Net.TestData/testservereku.contoso.com.pfx",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap(),
        &["testcertificate".to_string()],
    )
    .report;
    assert_eq!(pem.certificates.len(), pfx.certificates.len());
    for (from_pem, from_pfx) in pem.certificates.iter().zip(&pfx.certificates) {
        assert_eq!(from_pem.thumbprint, from_pfx.thumbprint);
        assert_eq!(from_pem.local_key_id, from_pfx.local_key_id);
        assert_eq!(from_pem.friendly_name, from_pfx.friendly_name);
    }
    assert_eq!(
        pem.certificates[0].local_key_id.as_deref(),
        Some("01000000")
    );
    // The friendlyName OpenSSL writes for a PFX that has one.
    let text = "Bag Attributes\n    localKeyID: 0F 6F E2\n    friendlyName: mail.contoso.com 2026\nsubject=CN = x\n"
        .to_string()
        + &String::from_utf8(read("openssl", "rsa2048.pem")).unwrap();
    let report = inspect_one("named.pem", text.as_bytes(), &[]).report;
    assert_eq!(
        report.certificates[0].friendly_name.as_deref(),
        Some("mail.contoso.com 2026")
    );
    assert_eq!(
        report.certificates[0].local_key_id.as_deref(),
        Some("0F6FE2")
    );
}

#[test]
fn a_file_cut_within_its_first_bytes_is_said_to_be_truncated() {
    // `30 82 0E 16` announces 4 + 3,606 = 3,610 bytes; the file has 10.
    let cut = shape("download-cut-at-10-bytes.p7b");
    let error = cut.error.as_ref().unwrap();
    assert_eq!(error.code, "truncated", "{}", error.message);
    assert!(error.message.contains("3610 bytes"), "{}", error.message);
    assert!(error.message.contains("only 10 bytes"), "{}", error.message);
    assert!(cut.certificates.is_empty());
    // German wording too.
    let mut german = error.clone();
    german.localise(tlsdoctor_core::i18n::Lang::De);
    assert!(
        german.message.contains("abgeschnitten"),
        "{}",
        german.message
    );
    // Text beginning with `0` is not taken for a cut DER file.
    let text = inspect_one("t.txt", b"0\x31 some notes", &[]).report;
    assert_ne!(text.error.unwrap().code, "truncated");
}

#[test]
fn a_locked_key_in_a_pem_is_shown_as_locked_not_absent() {
    use tlsdoctor_core::i18n::Lang;
    use tlsdoctor_core::view::files::key_text;
    // `openssl pkcs12 -out` with a pass phrase: the key's localKeyID (01 00 00 00) is the
    // end-entity certificate's, not the root's.
    let locked = shape("openssl-pkcs12-out-encrypted-key.pem");
    let by_subject = |r: &FileReport, cn: &str| {
        r.certificates
            .iter()
            .find(|c| c.subject == cn)
            .cloned()
            .unwrap()
    };
    let leaf = by_subject(&locked, "CN=testservereku.contoso.com");
    let root = by_subject(&locked, "CN=NDX Test Root CA");
    assert!(!leaf.has_private_key, "the contract's bool stays as it is");
    assert!(leaf.private_key_locked);
    assert!(!root.private_key_locked);
    assert_eq!(
        key_text(&leaf, Lang::En),
        "private key: in this file, locked (password or pass phrase needed)"
    );
    assert_eq!(
        key_text(&leaf, Lang::De),
        "privater Schlüssel: in dieser Datei, gesperrt (Passwort oder Passphrase nötig)"
    );
    assert_eq!(key_text(&root, Lang::En), "private key: no");
    let cards = tlsdoctor_core::view::cards(std::slice::from_ref(&locked));
    let card = cards
        .iter()
        .find(|c| c.cert.thumbprint == leaf.thumbprint)
        .unwrap();
    assert_eq!(card.key, tlsdoctor_core::view::KeyState::Locked);
    // The JSON names it; with the pass phrase the key is read and nothing is locked.
    let json = serde_json::to_value(&leaf).unwrap();
    assert_eq!(json["private_key_locked"], true);
    let open = inspect_one(
        "server.pem",
        &read("shapes", "openssl-pkcs12-out-encrypted-key.pem"),
        &["pem-pass".to_string()],
    )
    .report;
    assert!(open.certificates.iter().all(|c| !c.private_key_locked));

    // A certificate and its traditional encrypted key `cat`-ed together (no Bag Attributes):
    // the end-entity certificate is the one marked.
    let combined = read("traditional", "cat-crt-and-traditional-key.pem");
    let locked = inspect_one("combined.pem", &combined, &[]).report;
    assert!(locked.certificates[0].private_key_locked);
    assert!(!locked.certificates[0].has_private_key);
    let open = inspect_one("combined.pem", &combined, &["x".to_string()]).report;
    assert!(open.certificates[0].has_private_key);
    assert!(!open.certificates[0].private_key_locked);
}

#[test]
fn a_pem_quoted_in_an_email_reply_is_read_without_the_quote_marks() {
    // Outlook / Thunderbird plain-text replies: `> ` before each line (CRLF), `>> ` a level deeper.
    let quoted = shape("email-reply-quoted-pem.txt");
    assert!(quoted.error.is_none(), "{:?}", quoted.error);
    assert_eq!(thumbprints(&quoted), [openssl_sha1("rsa2048.cer")]);
    assert!(
        quoted
            .warnings
            .iter()
            .any(|w| w.message.contains("e-mail reply")),
        "{:?}",
        quoted.warnings
    );
    let twice = shape("email-reply-quoted-twice-pem.txt");
    assert!(twice.error.is_none(), "{:?}", twice.error);
    assert_eq!(thumbprints(&twice), [openssl_sha1("ec256.cer")]);
    // A plain PEM gets no such warning.
    let plain = inspect_one("rsa2048.pem", &read("openssl", "rsa2048.pem"), &[]).report;
    assert!(plain.warnings.is_empty(), "{:?}", plain.warnings);
}

#[test]
fn a_pem_with_a_locked_key_asks_for_its_pass_phrase_on_the_page() {
    use tlsdoctor_core::view::files::has_locked_key;
    let pem = read("shapes", "openssl-pkcs12-out-encrypted-key.pem");
    // No file error (the certificates were read), but the key needs its pass phrase.
    let locked = inspect_one("server.pem", &pem, &[]).report;
    assert!(locked.error.is_none());
    assert!(has_locked_key(&locked));
    let open = inspect_one("server.pem", &pem, &["pem-pass".to_string()]).report;
    assert!(!has_locked_key(&open));
    assert!(!has_locked_key(&shape("powershell51-utf8-bom.cer")));
}

#[test]
fn a_no_mac_pfx_left_locked_does_not_say_its_key_is_absent() {
    use tlsdoctor_core::i18n::Lang;
    use tlsdoctor_core::view::files::key_text;
    let pfx = read("nomac", "openssl-pkcs12-export-nomac.pfx");
    let locked = inspect_one("nomac.pfx", &pfx, &["wrong".to_string()]).report;
    assert_eq!(locked.error.as_ref().unwrap().code, "wrong-password");
    assert_eq!(
        locked.certificates.len(),
        1,
        "the certificate needs no password"
    );
    assert!(!locked.certificates[0].has_private_key);
    assert_eq!(
        key_text(&locked.certificates[0], Lang::En),
        "private key: in this file, locked (password or pass phrase needed)"
    );
    // Only one password given and no MAC: wrong password and damage cannot be told apart; the
    // German names the part in German.
    let mut error = locked.error.clone().unwrap();
    assert!(
        error
            .message
            .starts_with("Wrong password or damaged file: the encrypted part"),
        "{}",
        error.message
    );
    error.localise(Lang::De);
    assert!(
        error.message.starts_with(
            "Falsches Passwort oder beschädigte Datei: der verschlüsselte Teil dieser Datei lässt"
        ),
        "{}",
        error.message
    );
    let open = inspect_one("nomac.pfx", &pfx, &["P@ss".to_string()]).report;
    assert!(open.error.is_none(), "{:?}", open.error);
    assert!(open.certificates[0].has_private_key);
    assert!(!open.certificates[0].private_key_locked);
}
