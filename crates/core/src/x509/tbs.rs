//! A lenient walk of `Certificate` / `TBSCertificate` (RFC 5280 §4.1) that yields the exact byte
//! spans .NET and Exchange show (raw serial octets, raw issuer/subject Name DER, SPKI DER).
//!
//! Written by hand next to x509-parser for two reasons: x509-parser does not expose every raw span
//! the same way in its error path, and it rejects certificates that Windows and OpenSSL accept
//! (BER UTCTime without seconds, PrintableString with `&` or UTF-8 bytes, ...). This walk checks
//! the *structure* (three-element Certificate SEQUENCE, minimal serial INTEGER, field order) and
//! nothing else, so such certificates can still be reported, with a warning from the caller.

use crate::asn1::{self, tag, Class, Element, Rules};
use crate::error::{Error, Result};

/// The raw pieces of one certificate.
#[derive(Debug, Clone)]
pub struct RawCertificate<'a> {
    /// Version number 1..=3 (from `[0] EXPLICIT INTEGER`, default v1).
    pub version: u32,
    /// Serial INTEGER contents octets, exactly as encoded.
    pub serial: &'a [u8],
    pub issuer: &'a [u8],
    pub subject: &'a [u8],
    pub not_before: Element<'a>,
    pub not_after: Element<'a>,
    /// SubjectPublicKeyInfo DER.
    pub spki: &'a [u8],
    /// Each `Extension` SEQUENCE, DER.
    pub extensions: Vec<&'a [u8]>,
    /// Outer `signatureAlgorithm` OID, dotted.
    pub signature_algorithm_oid: String,
}

/// Walks one certificate that spans all of `der_bytes`.
pub fn walk(der_bytes: &[u8]) -> Result<RawCertificate<'_>> {
    let certificate = asn1::parse_exact(der_bytes, Rules::Der, "the certificate")?;
    certificate.expect_sequence("the certificate")?;
    let mut parts = certificate.children(Rules::Der);
    let tbs = parts.element("the TBSCertificate")?;
    let signature_algorithm = parts.element("the signature algorithm")?;
    let signature = parts.element("the signature")?;
    if parts.next_element()?.is_some() {
        return Err(Error::malformed(
            "the Certificate SEQUENCE holds data after the signature",
        ));
    }
    tbs.expect_sequence("the TBSCertificate")?;
    signature_algorithm.expect_sequence("the signature algorithm")?;
    if !signature.is(Class::Universal, false, tag::BIT_STRING) {
        return Err(Error::malformed("the signature is not a BIT STRING"));
    }
    let signature_algorithm_oid = asn1::oid::read_oid(
        &signature_algorithm
            .children(Rules::Der)
            .element("the signature algorithm OID")?,
        "the signature algorithm",
    )?;

    let mut fields = tbs.children(Rules::Der);
    let mut next = fields.element("the serial number")?;
    let mut version = 1u32;
    if next.is(Class::ContextSpecific, true, 0) {
        let v = next.children(Rules::Der).element("the version")?;
        if !v.is(Class::Universal, false, tag::INTEGER) || v.content.len() != 1 || v.content[0] > 2
        {
            return Err(Error::malformed("the certificate version is not 1, 2 or 3"));
        }
        version = u32::from(v.content[0]) + 1;
        next = fields.element("the serial number")?;
    }
    if !next.is(Class::Universal, false, tag::INTEGER) {
        return Err(Error::malformed("the serial number is not an INTEGER"));
    }
    if !asn1::values::integer_is_minimal(next.content) {
        return Err(Error::malformed(
            "the serial number is not a valid (minimally encoded) INTEGER",
        ));
    }
    let serial = next.content;
    fields
        .element("the TBS signature algorithm")?
        .expect_sequence("the TBS signature algorithm")?;
    let issuer = fields.element("the issuer")?;
    issuer.expect_sequence("the issuer")?;
    let validity = fields.element("the validity")?;
    validity.expect_sequence("the validity")?;
    let mut times = validity.children(Rules::Der);
    let not_before = times.element("notBefore")?;
    let not_after = times.element("notAfter")?;
    let subject = fields.element("the subject")?;
    subject.expect_sequence("the subject")?;
    let spki = fields.element("the subject public key info")?;
    spki.expect_sequence("the subject public key info")?;
    let mut extensions = Vec::new();
    while let Some(field) = fields.next_element()? {
        match (field.class, field.tag) {
            (Class::ContextSpecific, 1) | (Class::ContextSpecific, 2) => {}
            (Class::ContextSpecific, 3) if field.constructed => {
                let list = field.children(Rules::Der).element("the extensions")?;
                list.expect_sequence("the extensions")?;
                for extension in list.children(Rules::Der) {
                    let extension = extension?;
                    extension.expect_sequence("an extension")?;
                    extensions.push(extension.raw);
                }
            }
            _ => {
                return Err(Error::malformed(
                    "the TBSCertificate holds an unexpected field",
                ))
            }
        }
    }
    Ok(RawCertificate {
        version,
        serial,
        issuer: issuer.raw,
        subject: subject.raw,
        not_before,
        not_after,
        spki: spki.raw,
        extensions,
        signature_algorithm_oid,
    })
}

/// RFC 3339 UTC (`2024-01-31T12:00:00Z`) of a UTCTime or GeneralizedTime element.
/// Accepts the BER forms Windows and OpenSSL accept (UTCTime without seconds, offsets instead of `Z`,
/// fractional seconds); two-digit years follow RFC 5280 §4.1.2.5.1 (< 50 → 20YY).
pub fn time_to_rfc3339(element: &Element<'_>) -> Result<String> {
    let text = std::str::from_utf8(element.content)
        .map_err(|_| Error::malformed("a time is not ASCII"))?;
    let bad = || {
        Error::malformed(format!(
            "the time {text:?} is not a valid UTCTime/GeneralizedTime"
        ))
    };
    let digits = |s: &str| -> Option<u32> {
        if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    };
    let (year, rest) = if element.is_universal(tag::UTC_TIME) {
        let yy = digits(text.get(0..2).ok_or_else(bad)?).ok_or_else(bad)?;
        (
            if yy < 50 { 2000 + yy } else { 1900 + yy } as i32,
            text.get(2..).ok_or_else(bad)?,
        )
    } else if element.is_universal(tag::GENERALIZED_TIME) {
        (
            digits(text.get(0..4).ok_or_else(bad)?).ok_or_else(bad)? as i32,
            text.get(4..).ok_or_else(bad)?,
        )
    } else {
        return Err(Error::malformed(
            "a validity time is neither UTCTime nor GeneralizedTime",
        ));
    };
    let field = |range: std::ops::Range<usize>| rest.get(range).and_then(digits);
    let month = field(0..2).ok_or_else(bad)?;
    let day = field(2..4).ok_or_else(bad)?;
    let hour = field(4..6).ok_or_else(bad)?;
    let minute = field(6..8).ok_or_else(bad)?;
    let mut pos = 8;
    let mut second = 0;
    if let Some(s) = field(8..10) {
        second = s;
        pos = 10;
    }
    let mut tail = &rest[pos..];
    if let Some(fraction) = tail.strip_prefix(['.', ',']) {
        let end = fraction
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(fraction.len());
        tail = &fraction[end..];
    }
    let offset_seconds: i64 = match tail {
        "Z" => 0,
        _ if tail.len() == 5 && (tail.starts_with('+') || tail.starts_with('-')) => {
            let h = digits(&tail[1..3]).ok_or_else(bad)? as i64;
            let m = digits(&tail[3..5]).ok_or_else(bad)? as i64;
            let sign = if tail.starts_with('-') { -1 } else { 1 };
            sign * (h * 3600 + m * 60)
        }
        _ => return Err(bad()),
    };
    let month = time::Month::try_from(month as u8).map_err(|_| bad())?;
    let date = time::Date::from_calendar_date(year, month, day as u8).map_err(|_| bad())?;
    let clock =
        time::Time::from_hms(hour as u8, minute as u8, second.min(59) as u8).map_err(|_| bad())?;
    let utc = time::PrimitiveDateTime::new(date, clock).assume_utc()
        - time::Duration::seconds(offset_seconds);
    Ok(format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        utc.year(),
        u8::from(utc.month()),
        utc.day(),
        utc.hour(),
        utc.minute(),
        utc.second()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn time(tag_byte: u8, text: &str) -> String {
        let mut bytes = vec![tag_byte, text.len() as u8];
        bytes.extend_from_slice(text.as_bytes());
        let (element, _) = asn1::parse(&bytes, Rules::Der).unwrap();
        time_to_rfc3339(&element).unwrap_or_else(|e| format!("error: {e}"))
    }

    #[test]
    fn times_in_der_and_ber_forms() {
        assert_eq!(time(0x17, "240131120000Z"), "2024-01-31T12:00:00Z");
        assert_eq!(time(0x17, "991231235959Z"), "1999-12-31T23:59:59Z");
        assert_eq!(time(0x17, "0908080100Z"), "2009-08-08T01:00:00Z"); // no seconds (BoringSSL bad_validity.pem)
        assert_eq!(time(0x17, "240131120000+0100"), "2024-01-31T11:00:00Z");
        assert_eq!(time(0x18, "20500101000000Z"), "2050-01-01T00:00:00Z");
        assert_eq!(time(0x18, "20500101000000.123Z"), "2050-01-01T00:00:00Z");
        assert!(time(0x17, "241331120000Z").starts_with("error"));
        assert!(time(0x17, "24").starts_with("error"));
        assert!(time(0x04, "240131120000Z").starts_with("error"));
    }
}
