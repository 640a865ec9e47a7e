//! Hand-built PKCS#12 structures for what no tool in reach writes: a nested safeContentsBag
//! (RFC 7292 §4.2.6), keyBag with Microsoft's CSP attribute, CRL and secret bags, an
//! envelopedData ContentInfo, trailing bytes, and the cap on the number of bags.

use tlsdoctor_core::keys;
use tlsdoctor_core::pkcs12;

mod common;
use common::der::{attribute, bmp, data_content_info, oid, pfx_without_mac, safe_bag, seq, tlv};

fn generated(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/../../testdata/generated/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn certificate_der() -> Vec<u8> {
    use base64::Engine;
    let text = String::from_utf8(generated("rsa2048.crt")).unwrap();
    let b64: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
    base64::engine::general_purpose::STANDARD.decode(b64).unwrap()
}

const FRIENDLY_NAME: &str = "1.2.840.113549.1.9.20";
const LOCAL_KEY_ID: &str = "1.2.840.113549.1.9.21";
const MS_CSP_NAME: &str = "1.3.6.1.4.1.311.17.1";

#[test]
fn nested_safe_contents_plain_key_bag_other_bags_and_enveloped_data() {
    let cert_bag = safe_bag(
        "1.2.840.113549.1.12.10.1.3",
        seq(&[oid("1.2.840.113549.1.9.22.1"), tlv(0xa0, &tlv(0x04, &certificate_der()))]),
        &[attribute(FRIENDLY_NAME, bmp("Zertifikat für Exchange")), attribute(LOCAL_KEY_ID, tlv(0x04, &[1, 2]))],
    );
    let key_bag = safe_bag(
        "1.2.840.113549.1.12.10.1.1",
        generated("rsa2048.pkcs8.der"),
        &[attribute(LOCAL_KEY_ID, tlv(0x04, &[1, 2])), attribute(MS_CSP_NAME, bmp("Microsoft Software Key Storage Provider"))],
    );
    let nested = safe_bag("1.2.840.113549.1.12.10.1.6", seq(&[cert_bag, key_bag]), &[]);
    let crl_bag = safe_bag("1.2.840.113549.1.12.10.1.4", seq(&[oid("1.2.840.113549.1.9.23.1"), tlv(0xa0, &tlv(0x04, &[]))]), &[]);
    let secret_bag = safe_bag("1.2.840.113549.1.12.10.1.5", seq(&[oid("1.2.3.4"), tlv(0xa0, &tlv(0x04, &[]))]), &[]);
    let enveloped = seq(&[oid("1.2.840.113549.1.7.3"), tlv(0xa0, &seq(&[]))]);
    let mut bytes = pfx_without_mac(&[data_content_info(&seq(&[nested, crl_bag, secret_bag])), enveloped]);
    bytes.extend_from_slice(&[0, 0, 0]);

    let c = pkcs12::open(&bytes, &[]).unwrap();
    assert_eq!(c.certificates.len(), 1, "{:?}", c.partial_error);
    assert_eq!(c.certificates[0].attributes.friendly_name.as_deref(), Some("Zertifikat für Exchange"));
    assert_eq!(c.certificates[0].attributes.local_key_id.as_deref(), Some(&[1u8, 2][..]));
    assert_eq!(c.keys.len(), 1, "{:?}", c.partial_error);
    assert_eq!(c.keys[0].key.key_type, "RSA-2048");
    assert_eq!(c.keys[0].attributes.csp_name.as_deref(), Some("Microsoft Software Key Storage Provider"));
    assert_eq!((c.mac.as_str(), c.mac_iterations, c.password_form), ("none", None, None));
    assert_eq!(c.encryption, ["none"]);
    assert_eq!(c.trailing_bytes, 3);
    assert!(c.warnings.iter().any(|w| w.contains("CRL bag")), "{:?}", c.warnings);
    assert!(c.warnings.iter().any(|w| w.contains("secret bag")), "{:?}", c.warnings);
    let e = c.partial_error.as_ref().expect("envelopedData is named");
    assert_eq!(e.code(), "unsupported-algorithm");
    assert!(e.to_string().contains("envelopedData"), "{e}");

    // The contract report: the key matches the certificate, the error is kept next to the data.
    let f = pkcs12::inspect_pkcs12("hand-built.p12", &bytes, &[]);
    assert_eq!(f.report.certificates.len(), 1);
    assert!(f.report.certificates[0].has_private_key);
    assert_eq!(f.report.certificates[0].local_key_id.as_deref(), Some("0102"));
    assert_eq!(f.report.keys[0].matches_thumbprint.as_ref(), Some(&f.report.certificates[0].thumbprint));
    assert_eq!(f.report.error.as_ref().map(|e| e.code.as_str()), Some("unsupported-algorithm"));
    let pkcs12 = f.report.pkcs12.as_ref().unwrap();
    assert_eq!((pkcs12.password_form.as_str(), pkcs12.trailing_bytes), ("none", 3));
    assert_eq!(f.key_publics.len(), 1);
    assert_eq!(keys::public_key_id_from_spki(&f.certificate_spkis[0]), f.key_publics[0]);
}

#[test]
fn too_many_bags_are_refused() {
    let secret_bag = safe_bag("1.2.840.113549.1.12.10.1.5", seq(&[oid("1.2.3.4"), tlv(0xa0, &tlv(0x04, &[]))]), &[]);
    let bags = vec![secret_bag; tlsdoctor_core::limits::MAX_PKCS12_BAGS + 1];
    let bytes = pfx_without_mac(&[data_content_info(&seq(&bags))]);
    let c = pkcs12::open(&bytes, &[]).unwrap();
    assert_eq!(c.partial_error.map(|e| e.code()), Some("too-large"));
}
