//! The PKCS#12 reader compiled to wasm32 and run under node (wasm-bindgen-test): the same
//! MANIFEST checks as `manifest_pkcs12.rs` on files embedded at compile time (no file system in
//! wasm), plus the 600,000-iteration PBKDF2 file with its time printed for the benchmark.
//!
//! Run: `CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
//!       cargo test -p tlsdoctor-core --target wasm32-unknown-unknown --test wasm_pkcs12`
#![cfg(target_arch = "wasm32")]

mod common;

use wasm_bindgen_test::{console_log, wasm_bindgen_test};

const MANIFEST: &str = include_str!("../../../testdata/corpus/MANIFEST.tsv");

macro_rules! corpus {
    ($($name:literal),* $(,)?) => {
        [$(($name, &include_bytes!(concat!("../../../testdata/corpus/", $name))[..])),*]
    };
}

#[wasm_bindgen_test]
fn manifest_facts_hold_in_wasm() {
    let files = corpus![
        "pkcs12/boringssl/openssl.p12",
        "pkcs12/boringssl/pbes2_sha256.p12",
        "pkcs12/boringssl/windows.p12",
        "pkcs12/boringssl/nss.p12",
        "pkcs12/boringssl/unicode_password.p12",
        "pkcs12/boringssl/empty_password_ber.p12",
        "pkcs12/boringssl/null_password.p12",
        "pkcs12/boringssl/empty_password_ber_nested.p12",
        "pkcs12/dotnet-runtime-assets/System.Net.TestData/TestDataCertificates/testservereku.contoso.com.pfx",
        "pkcs12/dotnet-runtime-assets/System.Security.Cryptography.X509Certificates.TestData/My.pfx",
    ];
    let rows = common::pkcs12_rows(MANIFEST);
    for (path, bytes) in files {
        let row = rows
            .iter()
            .find(|r| r.path == path)
            .expect("row in MANIFEST");
        let want = if path.ends_with("nested.p12") {
            common::Outcome::Error
        } else {
            common::Outcome::Opened
        };
        assert_eq!(common::check_row(path, &row.facts, bytes), want, "{path}");
    }
}

#[wasm_bindgen_test]
fn pbkdf2_600000_iterations_in_wasm() {
    let bytes = include_bytes!("../../../testdata/generated/pbkdf2-600000.p12");
    let start = js_sys::Date::now();
    let c = tlsdoctor_core::pkcs12::open(bytes, &["secret".into()]).expect("opens");
    let ms = js_sys::Date::now() - start;
    assert_eq!(c.mac_iterations, Some(600_000));
    assert_eq!((c.certificates.len(), c.keys.len()), (1, 1));
    assert_eq!(c.keys[0].key.key_type, "RSA-2048");
    console_log!("wasm: opened pbkdf2-600000.p12 in {ms:.0} ms");
}

/// PBMAC1, Java keytool, EC P-384/P-521, DSA, Ed25519, Ed448: key type and key ↔ certificate
/// match (RustCrypto curves, num-bigint, SHAKE256) work the same in wasm.
#[wasm_bindgen_test]
fn generated_files_and_every_key_type_in_wasm() {
    macro_rules! file {
        ($dir:literal, $name:literal, $pw:literal, $ty:literal) => {
            (
                $name,
                &include_bytes!(concat!("../../../testdata/", $dir, "/", $name))[..],
                $pw,
                $ty,
            )
        };
    }
    let files = [
        file!(
            "pkcs12-pbmac1",
            "pbmac1_512_512.good.p12",
            "1234",
            "RSA-2048"
        ),
        file!("generated", "keytool-jdk17.p12", "secret", "RSA-2048"),
        file!("generated", "ec-p384.p12", "secret", "EC-secp384r1"),
        file!("generated", "ec-p521.p12", "secret", "EC-secp521r1"),
        file!("generated", "dsa2048.p12", "secret", "DSA-2048"),
        file!("generated", "ed25519.p12", "secret", "Ed25519"),
        file!("generated", "ed448.p12", "secret", "Ed448"),
    ];
    for (name, bytes, password, key_type) in files {
        let f = tlsdoctor_core::pkcs12::inspect_pkcs12(name, bytes, &[password.to_string()]);
        assert!(f.report.error.is_none(), "{name}: {:?}", f.report.error);
        assert_eq!(f.report.keys.len(), 1, "{name}");
        assert_eq!(f.report.keys[0].key_type, key_type, "{name}");
        assert!(f.report.certificates[0].has_private_key, "{name}");
        assert_eq!(
            f.report.keys[0].matches_thumbprint.as_ref(),
            Some(&f.report.certificates[0].thumbprint),
            "{name}"
        );
    }
}
