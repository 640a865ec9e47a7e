//! X.501 `Name` structure (RFC 5280 §4.1.2.4), split into RDNs and attributes:
//!
//! ```text
//! Name ::= SEQUENCE OF RelativeDistinguishedName
//! RelativeDistinguishedName ::= SET SIZE (1..MAX) OF AttributeTypeAndValue
//! AttributeTypeAndValue ::= SEQUENCE { type OBJECT IDENTIFIER, value ANY }
//! ```
//! Read with DER rules, as .NET's `AsnReader(AsnEncodingRules.DER)` does; like .NET (and Windows),
//! the members of a multi-valued RDN SET are not required to be in DER sort order.
//! The renderers ([`super::dn_dotnet`], [`super::rfc4514`]) decide how values are shown.

use crate::asn1::{self, tag, Class, Element, Rules};
use crate::error::{Error, Result};
use crate::limits::MAX_NAME_ATTRIBUTES;

/// One `AttributeTypeAndValue`.
#[derive(Debug, Clone)]
pub struct Attribute<'a> {
    /// Dotted OID of the attribute type.
    pub oid: String,
    /// The whole value element (tag, length, contents).
    pub value: Element<'a>,
}

/// One RDN: its attributes in encoded order.
pub type Rdn<'a> = Vec<Attribute<'a>>;

/// Splits a DER `Name` into RDNs, in encoded order. Any structural error fails the whole name.
pub fn parse_name(der_bytes: &[u8]) -> Result<Vec<Rdn<'_>>> {
    let name = asn1::parse_exact(der_bytes, Rules::Der, "the Name")?;
    name.expect_sequence("the Name")?;
    let mut rdns = Vec::new();
    let mut total = 0usize;
    for rdn in name.children(Rules::Der) {
        let rdn = rdn?;
        if !rdn.is(Class::Universal, true, tag::SET) {
            return Err(Error::malformed("a RelativeDistinguishedName is not a SET"));
        }
        let mut attributes = Vec::new();
        for atv in rdn.children(Rules::Der) {
            let atv = atv?;
            total += 1;
            if total > MAX_NAME_ATTRIBUTES {
                return Err(too_many_attributes());
            }
            atv.expect_sequence("an AttributeTypeAndValue")?;
            let mut fields = atv.children(Rules::Der);
            let oid =
                asn1::oid::read_oid(&fields.element("the attribute type")?, "the attribute type")?;
            let value = fields.element("the attribute value")?;
            if !fields.is_empty() {
                return Err(Error::malformed(
                    "an AttributeTypeAndValue has extra fields",
                ));
            }
            attributes.push(Attribute { oid, value });
        }
        // An empty SET violates SIZE (1..MAX) but .NET's reader accepts it (and prints nothing).
        rdns.push(attributes);
    }
    Ok(rdns)
}

fn too_many_attributes() -> Error {
    Error::TooLarge {
        what: "A name (subject or issuer) with this many attributes (AttributeTypeAndValue, all RDNs together)".into(),
        limit: MAX_NAME_ATTRIBUTES as u64,
    }
}

/// Refuses a `Name` with more than [`MAX_NAME_ATTRIBUTES`] attributes before any reader decodes
/// it (reading only headers); a name that does not parse is left to the readers to report.
pub fn check_name_size(der_bytes: &[u8]) -> Result<()> {
    let Ok(name) = asn1::parse_exact(der_bytes, Rules::Der, "the Name") else {
        return Ok(());
    };
    let mut total = 0usize;
    for rdn in name.children(Rules::Der) {
        let Ok(rdn) = rdn else {
            return Ok(());
        };
        for atv in rdn.children(Rules::Der) {
            if atv.is_err() {
                break;
            }
            total += 1;
            if total > MAX_NAME_ATTRIBUTES {
                return Err(too_many_attributes());
            }
        }
    }
    Ok(())
}
