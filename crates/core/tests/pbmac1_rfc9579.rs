//! PBMAC1 (RFC 9579): the RFC's Appendix A vectors open with password "1234"; the broken
//! variants GnuTLS and OpenSSL reject are rejected here too, never as a wrong password.

use tlsdoctor_core::pkcs12::{self, password::PasswordForm};

fn read(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../../testdata/pkcs12-pbmac1/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn rfc9579_vectors_verify() {
    for (name, iterations) in [
        ("pbmac1_256_256.good.p12", 2048),
        ("pbmac1_512_256.good.p12", 2048),
        ("pbmac1_512_512.good.p12", 2048),
        ("pbmac1-simple.p12", 2048),
    ] {
        let c =
            pkcs12::open(&read(name), &["1234".into()]).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(c.partial_error.is_none(), "{name}");
        assert_eq!(c.mac, "pbmac1", "{name}");
        assert_eq!(c.mac_iterations, Some(iterations), "{name}");
        assert_eq!(c.password_form, Some(PasswordForm::Given(0)), "{name}");
        assert_eq!((c.certificates.len(), c.keys.len()), (1, 1), "{name}");
        assert_eq!(c.keys[0].key.key_type, "RSA-2048", "{name}");
        let e = pkcs12::open(&read(name), &["12345".into()]).unwrap_err();
        assert_eq!(e.code(), "wrong-password", "{name}");
    }
}

#[test]
fn broken_pbmac1_files_are_rejected_as_damaged() {
    for (name, fragment) in [
        ("pbmac1_256_256.bad-iter.p12", "integrity check"),
        ("pbmac1_256_256.bad-salt.p12", "integrity check"),
        ("pbmac1_256_256.no-len.p12", "keyLength is missing"),
        ("pbmac1_256_256.short-len.p12", "keyLength 19"),
        ("pbmac1_256_256.extended-mac.p12", "MAC of 64 bytes"),
        ("pbmac1_256_256.truncated-mac.p12", "MAC of 16 bytes"),
    ] {
        let e = pkcs12::open(&read(name), &["1234".into()])
            .err()
            .unwrap_or_else(|| panic!("{name} must fail"));
        assert_eq!(e.code(), "malformed", "{name}: {e}");
        assert!(e.to_string().contains(fragment), "{name}: {e}");
    }
}
