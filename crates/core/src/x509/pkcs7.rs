//! Certificates carried in a PKCS#7 / CMS `SignedData` "certificate bag" (`.p7b` DER or BER, `.p7c`
//! PEM): RFC 2315 §7 `ContentInfo`, §9.1 `SignedData`; RFC 5652 §5.1 and §10.2.2 `CertificateChoices`.
//!
//! ```text
//! ContentInfo ::= SEQUENCE { contentType OBJECT IDENTIFIER, content [0] EXPLICIT ANY OPTIONAL }
//! SignedData ::= SEQUENCE { version INTEGER, digestAlgorithms SET OF AlgorithmIdentifier,
//!     encapContentInfo ContentInfo, certificates [0] IMPLICIT SET OF CertificateChoices OPTIONAL,
//!     crls [1] IMPLICIT ... OPTIONAL, signerInfos SET OF SignerInfo }
//! ```
//! Windows writes these with BER indefinite lengths; both forms are read. Only plain `Certificate`
//! choices are returned; attribute certificates and other choices are skipped with a warning.

use crate::asn1::oid::{DATA, ENCRYPTED_DATA, ENVELOPED_DATA, SIGNED_DATA};
use crate::asn1::{self, tag, Class, Rules};
use crate::error::{Error, Result};
use crate::limits::MAX_CERTS_PER_FILE;
use crate::warning::Warning;

/// The certificates of one SignedData, as raw DER slices, plus remarks.
#[derive(Debug, Clone, Default)]
pub struct Pkcs7Certificates<'a> {
    pub certificates: Vec<&'a [u8]>,
    pub warnings: Vec<Warning>,
    /// The file is cut short: `certificates` are those complete before the cut.
    pub cut_short: Option<Error>,
}

/// Human name of a PKCS#7 content type.
pub fn content_type_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        DATA => "data",
        SIGNED_DATA => "signedData",
        ENVELOPED_DATA => "envelopedData",
        "1.2.840.113549.1.7.4" => "signedAndEnvelopedData",
        "1.2.840.113549.1.7.5" => "digestedData",
        ENCRYPTED_DATA => "encryptedData",
        "1.2.840.113549.1.9.16.1.2" => "authData",
        _ => return None,
    })
}

/// The content type OID of a ContentInfo, when the bytes start like one (for detection).
pub fn content_info_type(bytes: &[u8]) -> Option<String> {
    let (outer, _) = asn1::parse(bytes, Rules::Ber).ok()?;
    if !outer.is_sequence() {
        return None;
    }
    let mut parts = outer.children(Rules::Ber);
    let oid = asn1::oid::read_oid(&parts.next_element().ok()??, "the content type").ok()?;
    let content = parts.next_element().ok()?;
    if content.is_some_and(|c| !c.is(Class::ContextSpecific, true, 0)) {
        return None;
    }
    content_type_name(&oid).map(|_| oid)
}

/// Reads the certificates of a (DER or BER) ContentInfo holding SignedData.
pub fn read_certificates(bytes: &[u8]) -> Result<Pkcs7Certificates<'_>> {
    let (outer, trailing) = match asn1::parse(bytes, Rules::Ber) {
        Ok(parsed) => parsed,
        Err(e) if e.code() == "truncated" => {
            // A download or attachment cut off: the certificates before the cut are still whole.
            let certificates = certificates_before_cut(bytes);
            if certificates.is_empty() {
                return Err(e);
            }
            return Ok(Pkcs7Certificates {
                certificates,
                warnings: Vec::new(),
                cut_short: Some(e),
            });
        }
        Err(e) => return Err(e),
    };
    let mut result = Pkcs7Certificates::default();
    if !trailing.is_empty() {
        result.warnings.push(Warning::TrailingBytesAfterPkcs7 {
            count: trailing.len(),
        });
    }
    outer.expect_sequence("the PKCS#7 ContentInfo")?;
    let mut parts = outer.children(Rules::Ber);
    let content_type = asn1::oid::read_oid(
        &parts.element("the PKCS#7 content type")?,
        "the PKCS#7 content type",
    )?;
    if content_type != SIGNED_DATA {
        let name = content_type_name(&content_type).unwrap_or("unknown");
        return Err(Error::NotACertificate {
            what: format!(
                "a PKCS#7 {name} message ({content_type}), which carries no certificate list"
            ),
        });
    }
    let Some(explicit) = parts.next_element()? else {
        return Ok(result); // SignedData without content: no certificates
    };
    if !explicit.is(Class::ContextSpecific, true, 0) {
        return Err(Error::malformed("the PKCS#7 content is not tagged [0]"));
    }
    let signed_data = explicit.children(Rules::Ber).element("the SignedData")?;
    signed_data.expect_sequence("the SignedData")?;
    let mut fields = signed_data.children(Rules::Ber);
    let version = fields.element("the SignedData version")?;
    if !version.is_universal(tag::INTEGER) {
        return Err(Error::malformed("the SignedData version is not an INTEGER"));
    }
    let digest_algorithms = fields.element("the SignedData digest algorithms")?;
    if !digest_algorithms.is(Class::Universal, true, tag::SET) {
        return Err(Error::malformed(
            "the SignedData digest algorithms are not a SET",
        ));
    }
    fields
        .element("the SignedData encapsulated content")?
        .expect_sequence("the SignedData encapsulated content")?;
    while let Some(field) = fields.next_element()? {
        if field.is(Class::ContextSpecific, true, 0) {
            for choice in field.children(Rules::Ber) {
                let choice = choice?;
                if choice.is_sequence() {
                    if result.certificates.len() >= MAX_CERTS_PER_FILE {
                        return Err(Error::TooLarge {
                            what: "the number of certificates in this PKCS#7 file".into(),
                            limit: MAX_CERTS_PER_FILE as u64,
                        });
                    }
                    result.certificates.push(choice.raw);
                } else {
                    result
                        .warnings
                        .push(Warning::Pkcs7EntrySkipped { tag: choice.tag });
                }
            }
        }
        // [1] CRLs and the signerInfos SET carry no certificates.
    }
    Ok(result)
}

/// The complete certificates of a SignedData whose bytes end early, walking the headers only
/// down to `certificates [0]`.
fn certificates_before_cut(bytes: &[u8]) -> Vec<&[u8]> {
    let list = || -> Option<&[u8]> {
        let outer = asn1::header(bytes).ok()?;
        let body = outer.body(bytes);
        let (content_type, rest) = asn1::parse(body, Rules::Ber).ok()?;
        if asn1::oid::read_oid(&content_type, "").ok()? != SIGNED_DATA {
            return None;
        }
        let explicit = asn1::header(rest).ok()?;
        let inner = explicit.body(rest);
        let signed_data = asn1::header(inner).ok()?;
        let mut fields = signed_data.body(inner);
        for _ in 0..3 {
            // version, digestAlgorithms, encapContentInfo
            fields = asn1::parse(fields, Rules::Ber).ok()?.1;
        }
        let list = asn1::header(fields).ok()?;
        list.is(Class::ContextSpecific, true, 0)
            .then(|| list.body(fields))
    };
    let mut found = Vec::new();
    let mut rest = list().unwrap_or_default();
    while let Ok((element, next)) = asn1::parse(rest, Rules::Ber) {
        if element.raw.starts_with(&[0, 0]) || found.len() >= MAX_CERTS_PER_FILE {
            break; // end of an indefinite-length list
        }
        if element.is_sequence() {
            found.push(element.raw);
        }
        rest = next;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_signed_data_in_ber() {
        // ContentInfo{signedData, [0]{ SignedData{ 1, {}, {data} , {} } }} with indefinite lengths.
        let bytes = crate::hex::decode(
            "3080 06092A864886F70D010702 A080 3080 020101 3100 3080 06092A864886F70D010701 0000 3100 0000 0000 0000",
        )
        .unwrap();
        let result = read_certificates(&bytes).unwrap();
        assert!(result.certificates.is_empty());
        assert_eq!(content_info_type(&bytes).as_deref(), Some(SIGNED_DATA));
    }

    #[test]
    fn other_content_types_are_named() {
        let bytes = crate::hex::decode("300B06092A864886F70D010703").unwrap();
        let error = read_certificates(&bytes).unwrap_err();
        assert_eq!(error.code(), "not-a-certificate");
        assert!(error.to_string().contains("envelopedData"));
    }

    #[test]
    fn truncated_is_an_error() {
        let bytes = crate::hex::decode("3080 06092A864886F70D010702 A080 3080 020101").unwrap();
        assert_eq!(read_certificates(&bytes).unwrap_err().code(), "truncated");
    }
}
