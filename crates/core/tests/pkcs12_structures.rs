//! Hand-built PKCS#12 structures for what no tool in reach writes: a nested safeContentsBag
//! (RFC 7292 §4.2.6), keyBag with Microsoft's CSP attribute, CRL and secret bags, an
//! envelopedData ContentInfo, trailing bytes, and the cap on the number of bags.

use tlsdoctor_core::keys;
use tlsdoctor_core::pkcs12;

mod common;
use common::der::{attribute, bmp, data_content_info, oid, pfx_without_mac, safe_bag, seq, tlv};

fn generated(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../../testdata/generated/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn certificate_der() -> Vec<u8> {
    use base64::Engine;
    let text = String::from_utf8(generated("rsa2048.crt")).unwrap();
    let b64: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
    base64::engine::general_purpose::STANDARD
        .decode(b64)
        .unwrap()
}

const FRIENDLY_NAME: &str = "1.2.840.113549.1.9.20";
const LOCAL_KEY_ID: &str = "1.2.840.113549.1.9.21";
const MS_CSP_NAME: &str = "1.3.6.1.4.1.311.17.1";

#[test]
fn nested_safe_contents_plain_key_bag_other_bags_and_enveloped_data() {
    let cert_bag = safe_bag(
        "1.2.840.113549.1.12.10.1.3",
        seq(&[
            oid("1.2.840.113549.1.9.22.1"),
            tlv(0xa0, &tlv(0x04, &certificate_der())),
        ]),
        &[
            attribute(FRIENDLY_NAME, bmp("Zertifikat für Exchange")),
            attribute(LOCAL_KEY_ID, tlv(0x04, &[1, 2])),
        ],
    );
    let key_bag = safe_bag(
        "1.2.840.113549.1.12.10.1.1",
        generated("rsa2048.pkcs8.der"),
        &[
            attribute(LOCAL_KEY_ID, tlv(0x04, &[1, 2])),
            attribute(MS_CSP_NAME, bmp("Microsoft Software Key Storage Provider")),
        ],
    );
    let nested = safe_bag("1.2.840.113549.1.12.10.1.6", seq(&[cert_bag, key_bag]), &[]);
    let crl_bag = safe_bag(
        "1.2.840.113549.1.12.10.1.4",
        seq(&[oid("1.2.840.113549.1.9.23.1"), tlv(0xa0, &tlv(0x04, &[]))]),
        &[],
    );
    let secret_bag = safe_bag(
        "1.2.840.113549.1.12.10.1.5",
        seq(&[oid("1.2.3.4"), tlv(0xa0, &tlv(0x04, &[]))]),
        &[],
    );
    let enveloped = seq(&[oid("1.2.840.113549.1.7.3"), tlv(0xa0, &seq(&[]))]);
    let mut bytes = pfx_without_mac(&[
        data_content_info(&seq(&[nested, crl_bag, secret_bag])),
        enveloped,
    ]);
    bytes.extend_from_slice(&[0, 0, 0]);

    let c = pkcs12::open(&bytes, &[]).unwrap();
    assert_eq!(c.certificates.len(), 1, "{:?}", c.partial_error);
    assert_eq!(
        c.certificates[0].attributes.friendly_name.as_deref(),
        Some("Zertifikat für Exchange")
    );
    assert_eq!(
        c.certificates[0].attributes.local_key_id.as_deref(),
        Some(&[1u8, 2][..])
    );
    assert_eq!(c.keys.len(), 1, "{:?}", c.partial_error);
    assert_eq!(c.keys[0].key.key_type, "RSA-2048");
    assert_eq!(
        c.keys[0].attributes.csp_name.as_deref(),
        Some("Microsoft Software Key Storage Provider")
    );
    assert_eq!(
        (c.mac.as_str(), c.mac_iterations, c.password_form),
        ("none", None, None)
    );
    assert_eq!(c.encryption, ["none"]);
    assert_eq!(c.trailing_bytes, 3);
    assert!(
        c.warnings.iter().any(|w| w.to_string().contains("CRL bag")),
        "{:?}",
        c.warnings
    );
    assert!(
        c.warnings
            .iter()
            .any(|w| w.to_string().contains("secret bag")),
        "{:?}",
        c.warnings
    );
    let e = c.partial_error.as_ref().expect("envelopedData is named");
    assert_eq!(e.code(), "unsupported-algorithm");
    assert!(e.to_string().contains("envelopedData"), "{e}");

    // The contract report: the key matches the certificate, the error is kept next to the data.
    let f = pkcs12::inspect_pkcs12("hand-built.p12", &bytes, &[]);
    assert_eq!(f.report.certificates.len(), 1);
    assert!(f.report.certificates[0].has_private_key);
    assert_eq!(
        f.report.certificates[0].local_key_id.as_deref(),
        Some("0102")
    );
    assert_eq!(
        f.report.keys[0].matches_thumbprint.as_ref(),
        Some(&f.report.certificates[0].thumbprint)
    );
    assert_eq!(
        f.report.error.as_ref().map(|e| e.code.as_str()),
        Some("unsupported-algorithm")
    );
    let pkcs12 = f.report.pkcs12.as_ref().unwrap();
    assert_eq!(
        (pkcs12.password_form.as_str(), pkcs12.trailing_bytes),
        ("none", 3)
    );
    assert_eq!(f.key_publics.len(), 1);
    assert_eq!(
        keys::public_key_id_from_spki(&f.certificate_spkis[0]),
        f.key_publics[0]
    );
}

#[test]
fn too_many_bags_are_refused() {
    let secret_bag = safe_bag(
        "1.2.840.113549.1.12.10.1.5",
        seq(&[oid("1.2.3.4"), tlv(0xa0, &tlv(0x04, &[]))]),
        &[],
    );
    let bags = vec![secret_bag; tlsdoctor_core::limits::MAX_PKCS12_BAGS + 1];
    let bytes = pfx_without_mac(&[data_content_info(&seq(&bags))]);
    let c = pkcs12::open(&bytes, &[]).unwrap();
    assert_eq!(c.partial_error.map(|e| e.code()), Some("too-large"));
}

#[test]
fn safe_contents_bags_nested_too_deeply_are_refused() {
    let mut bag = safe_bag(
        "1.2.840.113549.1.12.10.1.5",
        seq(&[oid("1.2.3.4"), tlv(0xa0, &tlv(0x04, &[]))]),
        &[],
    );
    for _ in 0..=tlsdoctor_core::limits::MAX_SAFE_CONTENTS_NESTING {
        bag = safe_bag("1.2.840.113549.1.12.10.1.6", seq(&[bag]), &[]);
    }
    let c = pkcs12::open(&pfx_without_mac(&[data_content_info(&seq(&[bag]))]), &[]).unwrap();
    assert_eq!(c.partial_error.map(|e| e.code()), Some("too-large"));
}

#[test]
fn an_unreadable_certificate_is_an_error_of_the_file_and_the_rest_is_reported() {
    let broken = safe_bag(
        "1.2.840.113549.1.12.10.1.3",
        seq(&[
            oid("1.2.840.113549.1.9.22.1"),
            tlv(0xa0, &tlv(0x04, &[0x30, 0x03, 0x02, 0x01, 0x00])),
        ]),
        &[],
    );
    let good = safe_bag(
        "1.2.840.113549.1.12.10.1.3",
        seq(&[
            oid("1.2.840.113549.1.9.22.1"),
            tlv(0xa0, &tlv(0x04, &certificate_der())),
        ]),
        &[],
    );
    let f = pkcs12::inspect_pkcs12(
        "x.p12",
        &pfx_without_mac(&[data_content_info(&seq(&[broken, good]))]),
        &[],
    );
    assert_eq!(f.report.certificates.len(), 1);
    assert!(f.report.error.is_some());
    assert!(f
        .report
        .warnings
        .iter()
        .any(|w| w.to_string().contains("could not be read")));
}

/// The DSA certificate with its SubjectPublicKeyInfo rebuilt without Dss-Parms (as if inherited
/// from the issuer, RFC 3279 §2.3.2). The signature no longer verifies; tlsdoctor does not check it.
fn dsa_certificate_with_inherited_parameters() -> Vec<u8> {
    use tlsdoctor_core::asn1::{self, Reader, Rules};
    let text = String::from_utf8(generated("dsa2048.crt")).unwrap();
    let b64: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
    let der = {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD
            .decode(b64)
            .unwrap()
    };
    let cert = asn1::parse_exact(&der, Rules::Ber, "cert").unwrap();
    let mut c = Reader::children(&cert, "cert").unwrap();
    let tbs = c.element("tbs").unwrap();
    let rest: Vec<u8> = [c.element("alg").unwrap().raw, c.element("sig").unwrap().raw].concat();
    let mut t = Reader::children(&tbs, "tbs").unwrap();
    let mut fields = Vec::new();
    while let Some(e) = t.next_element().unwrap() {
        fields.push(e.raw.to_vec());
    }
    // version, serial, signature, issuer, validity, subject, subjectPublicKeyInfo, extensions
    let spki = asn1::parse_exact(&fields[6], Rules::Ber, "spki").unwrap();
    let mut s = Reader::children(&spki, "spki").unwrap();
    let _alg = s.element("alg").unwrap();
    let key = s.element("key").unwrap().raw.to_vec();
    fields[6] = seq(&[seq(&[oid("1.2.840.10040.4.1")]), key]);
    seq(&[seq(&fields), rest])
}

#[test]
fn dsa_key_matched_to_a_certificate_with_inherited_parameters_says_so() {
    let cert_bag = safe_bag(
        "1.2.840.113549.1.12.10.1.3",
        seq(&[
            oid("1.2.840.113549.1.9.22.1"),
            tlv(
                0xa0,
                &tlv(0x04, &dsa_certificate_with_inherited_parameters()),
            ),
        ]),
        &[],
    );
    let key_der = {
        use base64::Engine;
        let text = String::from_utf8(generated("dsa2048.pkcs8.pem")).unwrap();
        let b64: String = text.lines().filter(|l| !l.starts_with("-----")).collect();
        base64::engine::general_purpose::STANDARD
            .decode(b64)
            .unwrap()
    };
    let key_bag = safe_bag("1.2.840.113549.1.12.10.1.1", key_der, &[]);
    let f = pkcs12::inspect_pkcs12(
        "dsa.p12",
        &pfx_without_mac(&[data_content_info(&seq(&[cert_bag, key_bag]))]),
        &[],
    );
    assert!(f.report.error.is_none(), "{:?}", f.report.error);
    assert_eq!(
        f.report.certificates[0].public_key, "DSA",
        "no parameters, so no size"
    );
    assert!(f.report.certificates[0].has_private_key);
    assert_eq!(f.report.keys[0].key_type, "DSA-2048");
    let note = f.report.keys[0].match_note.as_deref().unwrap_or_default();
    assert!(note.contains("inherits p, q and g"), "{note}");
}
