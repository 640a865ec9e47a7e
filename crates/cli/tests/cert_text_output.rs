//! The text output of `inspect` and `analyze` for a certificate request and for a PEM whose
//! encrypted key stayed locked (testdata/x509/requests, testdata/x509/shapes): what the file is,
//! said in words, never "Private key no" for a key that is there but locked.

use std::process::Command;

fn run(args: &[&str]) -> (String, i32) {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/x509/");
    let args: Vec<String> = args
        .iter()
        .map(|a| match a.strip_prefix('@') {
            Some(rel) => format!("{root}{rel}"),
            None => a.to_string(),
        })
        .collect();
    let output = Command::new(env!("CARGO_BIN_EXE_tlsdoctor"))
        .args(&args)
        .env("TLSDOCTOR_NOW", "1796083200")
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        output.status.code().unwrap_or(-1),
    )
}

#[test]
fn a_certificate_request_is_described_in_inspect_and_analyze() {
    let (text, code) = run(&["inspect", "@requests/openssl-req-san-binary.req"]);
    assert_eq!(code, 1, "the contract's not-a-certificate error stays");
    assert!(text.contains("Certificate request (CSR)"), "{text}");
    assert!(text.contains("DNS:autodiscover.contoso.com"), "{text}");
    let (text, _) = run(&["analyze", "@requests/openssl-req-san-binary.req"]);
    assert!(
        text.starts_with("Verdict: openssl-req-san-binary.req is a certificate request"),
        "{text}"
    );
    assert!(text.contains("INFO not-a-certificate"), "{text}");
    assert!(!text.contains("ERROR not-a-certificate"), "{text}");
    let (text, _) = run(&[
        "analyze",
        "--lang",
        "de",
        "@requests/openssl-req-san-binary.req",
    ]);
    assert!(
        text.contains("HINWEIS not-a-certificate: Dies ist eine Zertifikatsanforderung"),
        "{text}"
    );
}

#[test]
fn a_locked_key_is_not_said_to_be_absent() {
    let (text, _) = run(&["inspect", "@shapes/openssl-pkcs12-out-encrypted-key.pem"]);
    assert!(
        text.contains("Private key  in this file, locked (password or pass phrase needed)"),
        "{text}"
    );
    let (text, _) = run(&["analyze", "@shapes/openssl-pkcs12-out-encrypted-key.pem"]);
    assert!(
        text.contains("private key: in this file, locked (password or pass phrase needed)"),
        "{text}"
    );
    let (text, _) = run(&[
        "analyze",
        "--password",
        "pem-pass",
        "@shapes/openssl-pkcs12-out-encrypted-key.pem",
    ]);
    assert!(!text.contains("locked"), "{text}");
    assert!(
        text.contains("private key: yes") || text.contains("private key RSA-4096: matches"),
        "{text}"
    );
}
