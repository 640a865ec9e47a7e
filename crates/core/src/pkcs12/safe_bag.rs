//! `SafeContents` and `SafeBag` (RFC 7292 §4.2) with their attributes.
//!
//! ```text
//! SafeContents ::= SEQUENCE OF SafeBag
//! SafeBag ::= SEQUENCE { bagId OBJECT IDENTIFIER, bagValue [0] EXPLICIT ANY,
//!                        bagAttributes SET OF PKCS12Attribute OPTIONAL }
//! PKCS12Attribute ::= SEQUENCE { attrId OBJECT IDENTIFIER, attrValues SET OF ANY }
//! CertBag ::= SEQUENCE { certId OBJECT IDENTIFIER, certValue [0] EXPLICIT ANY }   -- §4.2.3
//! ```
//! Bag attributes kept: friendlyName (BMPString, RFC 2985 §5.5.1), localKeyID (OCTET STRING,
//! §5.5.2) and Microsoft's CSP/KSP name (1.3.6.1.4.1.311.17.1, BMPString).

use super::pbe::EncryptionScheme;
use crate::asn1::oid;
use crate::asn1::{self, tag, values, Class, Element, Reader, Rules};
use crate::error::{Error, Result};
use crate::keys::pkcs8;
use crate::limits::{MAX_PKCS12_BAGS, MAX_SAFE_CONTENTS_NESTING};

/// Bag attributes we report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BagAttributes {
    pub friendly_name: Option<String>,
    pub local_key_id: Option<Vec<u8>>,
    pub csp_name: Option<String>,
}

/// What a bag holds.
pub enum BagValue {
    /// keyBag: a plain PrivateKeyInfo (DER).
    Key(Vec<u8>),
    /// pkcs8ShroudedKeyBag: an EncryptedPrivateKeyInfo.
    ShroudedKey {
        scheme: Result<EncryptionScheme>,
        ciphertext: Vec<u8>,
    },
    /// certBag holding an X.509 certificate (DER).
    Certificate(Vec<u8>),
    /// certBag of another certificate type (by OID).
    OtherCertificate(String),
    Crl,
    Secret,
    /// safeContentsBag: nested SafeContents.
    Nested(Vec<SafeBag>),
    /// An unknown bag type (by OID).
    Unknown(String),
}

pub struct SafeBag {
    pub value: BagValue,
    pub attributes: BagAttributes,
}

/// Parses a SafeContents encoding. `bag_count` counts bags across the whole file (capped).
pub fn parse_safe_contents(bytes: &[u8], bag_count: &mut usize) -> Result<Vec<SafeBag>> {
    let seq = asn1::parse_exact(bytes, Rules::Ber, "SafeContents")?;
    parse_safe_contents_element(&seq, bag_count, 0)
}

fn parse_safe_contents_element(
    seq: &Element<'_>,
    bag_count: &mut usize,
    nesting: usize,
) -> Result<Vec<SafeBag>> {
    if seq.class != Class::Universal || seq.tag != tag::SEQUENCE {
        return Err(Error::malformed("SafeContents is not a SEQUENCE"));
    }
    if nesting > MAX_SAFE_CONTENTS_NESTING {
        return Err(Error::TooLarge {
            what: "nesting of safeContentsBags".into(),
            limit: MAX_SAFE_CONTENTS_NESTING as u64,
        });
    }
    let mut r = Reader::children(seq, "SafeContents")?;
    let mut bags = Vec::new();
    while let Some(bag) = r.next_element()? {
        *bag_count += 1;
        if *bag_count > MAX_PKCS12_BAGS {
            return Err(Error::TooLarge {
                what: "bags in one PKCS#12 file".into(),
                limit: MAX_PKCS12_BAGS as u64,
            });
        }
        bags.push(parse_safe_bag(&bag, bag_count, nesting)?);
    }
    Ok(bags)
}

fn parse_safe_bag(e: &Element<'_>, bag_count: &mut usize, nesting: usize) -> Result<SafeBag> {
    if e.tag != tag::SEQUENCE {
        return Err(Error::malformed("SafeBag is not a SEQUENCE"));
    }
    let mut r = Reader::children(e, "SafeBag")?;
    let bag_id = r.oid("bagId")?;
    let explicit = r
        .optional_context(0)?
        .ok_or_else(|| Error::malformed("SafeBag has no bagValue"))?;
    let value_el = Reader::children(&explicit, "bagValue")?.element("bagValue")?;
    let attributes = match r.optional(tag::SET)? {
        Some(set) => parse_attributes(&set)?,
        None => BagAttributes::default(),
    };
    let value = match bag_id.as_str() {
        oid::KEY_BAG => BagValue::Key(value_el.raw.to_vec()),
        oid::PKCS8_SHROUDED_KEY_BAG => {
            let info = pkcs8::parse_encrypted_private_key_info_element(&value_el)?;
            BagValue::ShroudedKey {
                scheme: info.scheme,
                ciphertext: info.ciphertext,
            }
        }
        oid::CERT_BAG => parse_cert_bag(&value_el)?,
        oid::CRL_BAG => BagValue::Crl,
        oid::SECRET_BAG => BagValue::Secret,
        oid::SAFE_CONTENTS_BAG => BagValue::Nested(parse_safe_contents_element(
            &value_el,
            bag_count,
            nesting + 1,
        )?),
        other => BagValue::Unknown(other.to_string()),
    };
    Ok(SafeBag { value, attributes })
}

fn parse_cert_bag(e: &Element<'_>) -> Result<BagValue> {
    let mut r = Reader::children(e, "CertBag")?;
    let cert_id = r.oid("certId")?;
    let explicit = r
        .optional_context(0)?
        .ok_or_else(|| Error::malformed("CertBag has no certValue"))?;
    if cert_id != oid::X509_CERTIFICATE {
        return Ok(BagValue::OtherCertificate(cert_id));
    }
    let mut v = Reader::children(&explicit, "certValue")?;
    let der = v.octet_string("x509Certificate")?;
    Ok(BagValue::Certificate(der.into_owned()))
}

fn parse_attributes(set: &Element<'_>) -> Result<BagAttributes> {
    let mut attrs = BagAttributes::default();
    let mut r = Reader::children(set, "bagAttributes")?;
    while let Some(attr) = r.next_element()? {
        let mut a = Reader::children(&attr, "PKCS12Attribute")?;
        let attr_id = a.oid("attrId")?;
        let values = a.expect(tag::SET, "attrValues")?;
        let first = Reader::children(&values, "attrValues")?.next_element()?;
        let Some(value) = first else { continue };
        match attr_id.as_str() {
            oid::FRIENDLY_NAME => attrs.friendly_name = Some(string_value(&value)?),
            oid::MS_CSP_NAME => attrs.csp_name = Some(string_value(&value)?),
            oid::LOCAL_KEY_ID => {
                attrs.local_key_id =
                    Some(values::octet_string_contents(&value, "localKeyID")?.into_owned())
            }
            _ => {}
        }
    }
    Ok(attrs)
}

/// BMPString (as RFC 7292 requires) or, leniently, UTF8String.
fn string_value(e: &Element<'_>) -> Result<String> {
    match e.tag {
        tag::BMP_STRING => values::bmp_string(e.content),
        tag::UTF8_STRING => Ok(String::from_utf8_lossy(e.content).into_owned()),
        _ => Err(Error::malformed(
            "bag attribute string of an unexpected type",
        )),
    }
}
