//! Files made by `scripts/make_x509_testdata.sh` with the OpenSSL CLI (testdata/x509/openssl), checked
//! against OpenSSL's own view of them (`expected.tsv`: SHA-1 fingerprint, serial, RFC 2253 subject)
//! and against the key kinds, bundle shapes and non-certificate kinds the script made.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/x509/openssl")
}

fn inspect(files: &[&str]) -> (i32, Value) {
    let output = Command::new(env!("CARGO_BIN_EXE_tlsdoctor"))
        .arg("inspect")
        .arg("--json")
        .args(files.iter().map(|f| dir().join(f)))
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        serde_json::from_slice(&output.stdout).unwrap(),
    )
}

fn expected() -> Vec<Vec<String>> {
    std::fs::read_to_string(dir().join("expected.tsv"))
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

fn thumbprint_of(file: &str) -> String {
    expected().into_iter().find(|r| r[0] == file).unwrap()[1].clone()
}

#[test]
fn certificates_match_openssl_fingerprint_serial_subject_and_key_kind() {
    for row in expected() {
        let (file, sha1, serial, subject) = (&row[0], &row[1], &row[2], &row[3]);
        let (code, json) = inspect(&[file]);
        assert_eq!(code, 0, "{file}");
        let c = &json["files"][0]["certificates"][0];
        assert_eq!(c["thumbprint"], sha1.as_str(), "{file}");
        let ours = c["serial_number"].as_str().unwrap();
        // OpenSSL prints the unsigned value; .NET (and we) keep the 00 pad byte of the DER INTEGER.
        let unpadded = if ours.starts_with("00")
            && ours.len() > 2
            && u8::from_str_radix(&ours[2..4], 16).unwrap() >= 0x80
        {
            &ours[2..]
        } else {
            ours
        };
        assert_eq!(unpadded, serial, "{file}");
        if file != "names.cer" {
            // OpenSSL's RFC 2253 = pyca's RFC 4514 for these simple names (emailAddress aside).
            assert_eq!(
                c["subject_rfc4514"],
                subject.replace("emailAddress=", "1.2.840.113549.1.9.1="),
                "{file}"
            );
        }
        let key = match file.trim_end_matches(".cer") {
            "rsa2048" => "RSA-2048",
            "ec256" | "names" => "EC-secp256r1",
            "ec384" => "EC-secp384r1",
            "ec521" => "EC-secp521r1",
            "ed25519" => "Ed25519",
            "ed448" => "Ed448",
            "dsa1024" => "DSA-1024",
            other => panic!("unexpected {other}"),
        };
        assert_eq!(c["public_key"], key, "{file}");
        assert_eq!(c["self_signed"], true, "{file}");
        // The PEM twin is the same certificate.
        let (_, pem) = inspect(&[&file.replace(".cer", ".pem")]);
        assert_eq!(
            pem["files"][0]["certificates"][0]["thumbprint"],
            sha1.as_str(),
            "{file} as PEM"
        );
    }
}

#[test]
fn extensions_are_read_in_order() {
    let (_, json) = inspect(&["rsa2048.cer"]);
    let c = &json["files"][0]["certificates"][0];
    assert_eq!(
        c["dns_names"],
        serde_json::json!(["mail.contoso.com", "autodiscover.contoso.com"])
    );
    assert_eq!(
        c["subject_alternative_names"],
        serde_json::json!([
            "DNS:mail.contoso.com",
            "DNS:autodiscover.contoso.com",
            "IP:10.0.0.25",
            "email:postmaster@contoso.com"
        ])
    );
    assert_eq!(
        c["extended_key_usages"],
        serde_json::json!(["serverAuth", "clientAuth"])
    );
    assert_eq!(
        c["key_usages"],
        serde_json::json!(["digitalSignature", "keyEncipherment"])
    );
    assert_eq!(c["subject"], "CN=mail.contoso.com, O=Contoso, S=WA, C=US");
    assert_eq!(c["tls_certificate_name"], "<I>CN=mail.contoso.com, O=Contoso, S=WA, C=US<S>CN=mail.contoso.com, O=Contoso, S=WA, C=US");
    assert_eq!(c["version"], 3);
}

#[test]
fn dotnet_quoting_multi_valued_rdn_and_email_in_a_real_certificate() {
    // Subject made with -multivalue-rdn -utf8: "/C=DE/O=Müller, Söhne & Co/OU=IT+OU=Mail/CN="quoted" name #1;x/emailAddress=..."
    // .NET rules: E for emailAddress, `"` doubled inside quotes, `,` `#` `;` force quotes, ` + ` inside an RDN.
    let (_, json) = inspect(&["names.cer"]);
    let c = &json["files"][0]["certificates"][0];
    assert_eq!(c["subject"], "E=admin@contoso.de, CN=\"\"\"quoted\"\" name #1;x\", OU=IT + OU=Mail, O=\"Müller, Söhne & Co\", C=DE");
    assert_eq!(
        c["subject_rfc4514"],
        "1.2.840.113549.1.9.1=admin@contoso.de,CN=\\\"quoted\\\" name #1\\;x,OU=IT+OU=Mail,O=Müller\\, Söhne & Co,C=DE"
    );
}

#[test]
fn bundles_keep_every_certificate() {
    let rsa = thumbprint_of("rsa2048.cer");
    let ec = thumbprint_of("ec256.cer");
    for (file, kind, thumbprints) in [
        (
            "bundle-crlf.pem",
            "x509-cert",
            vec![rsa.clone(), ec.clone()],
        ),
        ("trusted.pem", "x509-cert", vec![rsa.clone()]),
        ("combined.pem", "x509-cert", vec![rsa.clone()]),
        ("chain.p7b", "pkcs7-certs", vec![rsa.clone(), ec.clone()]),
        ("chain.p7c", "pkcs7-certs", vec![rsa.clone(), ec.clone()]),
    ] {
        let (code, json) = inspect(&[file]);
        assert_eq!(code, 0, "{file}");
        let f = &json["files"][0];
        assert_eq!(f["kind"], kind, "{file}");
        let ours: Vec<&str> = f["certificates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["thumbprint"].as_str().unwrap())
            .collect();
        assert_eq!(ours, thumbprints, "{file}");
    }
}

#[test]
fn non_certificates_are_named_for_what_they_are() {
    for (file, what) in [
        ("request.csr", "certificate signing request"),
        ("request-new.csr", "certificate signing request"),
        ("request.csr.der", "certificate signing request"),
        ("list.crl", "revocation list"),
        ("list.crl.der", "revocation list"),
        ("public.pem", "public key"),
    ] {
        let (code, json) = inspect(&[file]);
        assert_eq!(code, 1, "{file}");
        let f = &json["files"][0];
        assert_eq!(f["kind"], "not-a-certificate", "{file}");
        assert_eq!(f["error"]["code"], "not-a-certificate", "{file}");
        assert!(
            f["error"]["message"].as_str().unwrap().contains(what),
            "{file}: {}",
            f["error"]["message"]
        );
    }
    let (_, json) = inspect(&["rsa2048.key"]);
    assert_eq!(json["files"][0]["kind"], "private-key");
}

#[test]
fn keys_match_certificates_in_the_same_file_and_across_files() {
    let rsa = thumbprint_of("rsa2048.cer");
    let ec = thumbprint_of("ec256.cer");
    let (code, json) = inspect(&[
        "combined.pem",
        "rsa2048.key",
        "ec256.key",
        "ec256.cer",
        "ed25519.key",
    ]);
    assert_eq!(code, 0);
    let files = json["files"].as_array().unwrap();
    // Same file: the certificate has its private key (contract: has_private_key is same-file only).
    assert_eq!(files[0]["certificates"][0]["has_private_key"], true);
    assert_eq!(files[0]["keys"][0]["matches_thumbprint"], rsa.as_str());
    // Across files: the key names the certificate, the certificate file is unchanged.
    assert_eq!(files[1]["keys"][0]["matches_thumbprint"], rsa.as_str());
    assert_eq!(files[2]["keys"][0]["matches_thumbprint"], ec.as_str());
    assert!(files[2]["keys"][0]["match_note"]
        .as_str()
        .unwrap()
        .contains("ec256.cer"));
    assert_eq!(files[3]["certificates"][0]["has_private_key"], false);
    // A key whose certificate was not given matches nothing.
    assert!(files[4]["keys"][0]["matches_thumbprint"].is_null());
}

#[test]
fn a_pem_saved_as_utf16_by_notepad_is_read() {
    let pem = std::fs::read_to_string(dir().join("rsa2048.pem"))
        .unwrap()
        .replace('\n', "\r\n");
    let mut bytes = vec![0xff, 0xfe];
    bytes.extend(pem.encode_utf16().flat_map(u16::to_le_bytes));
    let path = std::env::temp_dir().join(format!("tlsdoctor-utf16-{}.cer", std::process::id()));
    std::fs::write(&path, bytes).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_tlsdoctor"))
        .arg("inspect")
        .arg("--json")
        .arg(&path)
        .output()
        .unwrap();
    std::fs::remove_file(&path).ok();
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        json["files"][0]["certificates"][0]["thumbprint"],
        thumbprint_of("rsa2048.cer").as_str()
    );
    assert!(json["files"][0]["warnings"][0]
        .as_str()
        .unwrap()
        .contains("UTF-16"));
}

#[test]
fn microsoft_ca_base64_p7b_and_bare_base64_are_read() {
    let rsa = thumbprint_of("rsa2048.cer");
    let ec = thumbprint_of("ec256.cer");
    let (code, json) = inspect(&["certnew-base64.p7b", "bare-base64.txt"]);
    assert_eq!(code, 0);
    let bag = &json["files"][0];
    assert_eq!(bag["kind"], "pkcs7-certs");
    let thumbprints: Vec<&str> = bag["certificates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["thumbprint"].as_str().unwrap())
        .collect();
    assert_eq!(thumbprints, vec![rsa.as_str(), ec.as_str()]);
    assert!(bag["warnings"][0].as_str().unwrap().contains("certnew.p7b"));
    let bare = &json["files"][1];
    assert_eq!(bare["kind"], "x509-cert");
    assert_eq!(bare["certificates"][0]["thumbprint"], rsa.as_str());
    assert!(bare["warnings"][0]
        .as_str()
        .unwrap()
        .contains("bare Base64"));
}
