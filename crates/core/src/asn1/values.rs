//! Contents of the primitive types the structures here carry: INTEGER (X.690 §8.3),
//! BIT STRING (§8.6), OCTET STRING (§8.7) and BMPString (X.680 §41, UTF-16BE).

use std::borrow::Cow;

use super::reader::{in_context, Class, Element, Rules};
use super::tag;
use crate::error::{Error, Result};

/// Contents of an OCTET STRING (or an implicitly tagged one), reassembled when constructed.
/// Exactly one level of constructed nesting is accepted under BER, as BoringSSL does
/// (`crypto/bytestring/ber.c`); DER allows only the primitive form (X.690 §10.2).
pub fn octet_string_contents<'a>(e: &Element<'a>, context: &str) -> Result<Cow<'a, [u8]>> {
    if !e.constructed {
        return Ok(Cow::Borrowed(e.content));
    }
    if e.rules == Rules::Der {
        return Err(Error::malformed(in_context(
            context,
            "a constructed OCTET STRING is not DER",
        )));
    }
    let mut out = Vec::with_capacity(e.content.len());
    let mut r = e.children(Rules::Ber);
    while let Some(part) = r.next_element()? {
        if part.class != Class::Universal || part.tag != tag::OCTET_STRING {
            return Err(Error::malformed(in_context(
                context,
                "a constructed OCTET STRING holds a non-string element",
            )));
        }
        if part.constructed {
            return Err(Error::malformed(in_context(
                context,
                "constructed OCTET STRING nested more than one level deep",
            )));
        }
        out.extend_from_slice(part.content);
    }
    Ok(Cow::Owned(out))
}

/// The unsigned magnitude of an INTEGER (leading zero octets removed). Negative values are malformed.
pub fn integer_magnitude<'a>(e: &Element<'a>, context: &str, what: &str) -> Result<&'a [u8]> {
    let c = e.content;
    let Some(&first) = c.first() else {
        return Err(Error::malformed(in_context(
            context,
            format!("{what} is not a valid INTEGER"),
        )));
    };
    if e.constructed {
        return Err(Error::malformed(in_context(
            context,
            format!("{what} is not a valid INTEGER"),
        )));
    }
    if first & 0x80 != 0 {
        return Err(Error::malformed(in_context(
            context,
            format!("{what} is negative"),
        )));
    }
    let first_nonzero = c.iter().position(|&b| b != 0).unwrap_or(c.len());
    Ok(&c[first_nonzero..])
}

/// A non-negative INTEGER that fits in u64.
pub fn small_integer(e: &Element<'_>, context: &str, what: &str) -> Result<u64> {
    let m = integer_magnitude(e, context, what)?;
    if m.len() > 8 {
        return Err(Error::TooLarge {
            what: in_context(context, what),
            limit: u64::MAX,
        });
    }
    Ok(m.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b)))
}

/// A structure's `version` INTEGER. Unlike [`small_integer`] (counts, where a huge value is a
/// `too-large` count), a version longer than eight octets is damage, reported as `malformed`
/// (a flipped length octet once read as "too-large, limit 18446744073709551615").
pub fn version_number(e: &Element<'_>, context: &str, what: &str) -> Result<u64> {
    let m = integer_magnitude(e, context, what)?;
    if m.len() > 8 {
        return Err(Error::malformed(in_context(
            context,
            format!(
                "the {what} is not a version number (an INTEGER of {} octets); the structure is damaged",
                e.content.len()
            ),
        )));
    }
    Ok(m.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b)))
}

/// True when INTEGER contents are minimally encoded (X.690 §8.3.2).
pub fn integer_is_minimal(content: &[u8]) -> bool {
    match content {
        [] => false,
        [_] => true,
        [0x00, next, ..] => next & 0x80 != 0,
        [0xff, next, ..] => next & 0x80 == 0,
        _ => true,
    }
}

/// Number of significant bits of an unsigned big-endian integer (leading zero octets ignored).
pub fn unsigned_bit_length(content: &[u8]) -> usize {
    let start = content
        .iter()
        .position(|b| *b != 0)
        .unwrap_or(content.len());
    let trimmed = &content[start..];
    match trimmed.first() {
        None => 0,
        Some(first) => (trimmed.len() - 1) * 8 + (8 - first.leading_zeros() as usize),
    }
}

/// BIT STRING contents with no unused bits (keys are whole octets).
pub fn bit_string_octets<'a>(e: &Element<'a>, context: &str) -> Result<&'a [u8]> {
    if e.constructed {
        return Err(Error::malformed(in_context(
            context,
            "constructed BIT STRING",
        )));
    }
    match e.content.split_first() {
        Some((0, rest)) => Ok(rest),
        _ => Err(Error::malformed(in_context(
            context,
            "BIT STRING with unused bits",
        ))),
    }
}

/// Decodes a BMPString (UTF-16BE, ITU-T X.680 §41) faithfully, keeping NULs; unpaired
/// surrogates become U+FFFD. An odd byte count is malformed.
pub fn bmp_string(content: &[u8]) -> Result<String> {
    if !content.len().is_multiple_of(2) {
        return Err(Error::malformed("BMPString with an odd number of bytes"));
    }
    let units = content
        .chunks_exact(2)
        .map(|p| u16::from_be_bytes([p[0], p[1]]));
    Ok(char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::super::reader::parse_exact;
    use super::*;

    #[test]
    fn constructed_octet_string_one_level_only() {
        let one = [0x24, 0x80, 0x04, 0x01, b'a', 0x04, 0x01, b'b', 0x00, 0x00];
        let e = parse_exact(&one, Rules::Ber, "t").unwrap();
        assert_eq!(&*octet_string_contents(&e, "t").unwrap(), b"ab");
        let nested = [0x24, 0x05, 0x24, 0x03, 0x04, 0x01, b'a'];
        let e = parse_exact(&nested, Rules::Ber, "t").unwrap();
        assert_eq!(
            octet_string_contents(&e, "t").unwrap_err().code(),
            "malformed"
        );
        // DER: only the primitive form (X.690 §10.2).
        let definite = [0x24, 0x03, 0x04, 0x01, b'a'];
        let e = parse_exact(&definite, Rules::Der, "t").unwrap();
        assert_eq!(
            octet_string_contents(&e, "t").unwrap_err().code(),
            "malformed"
        );
    }

    #[test]
    fn integers() {
        assert!(integer_is_minimal(&[0x00, 0x80]));
        assert!(!integer_is_minimal(&[0x00, 0x01]));
        assert!(!integer_is_minimal(&[0xff, 0x80]));
        assert_eq!(unsigned_bit_length(&[0x00, 0x80, 0x00]), 16);
        assert_eq!(unsigned_bit_length(&[0x01, 0x00]), 9);
        let e = parse_exact(&[0x02, 0x02, 0x00, 0x80], Rules::Der, "t").unwrap();
        assert_eq!(integer_magnitude(&e, "t", "n").unwrap(), &[0x80]);
        assert_eq!(small_integer(&e, "t", "n").unwrap(), 128);
        let negative = parse_exact(&[0x02, 0x01, 0xff], Rules::Der, "t").unwrap();
        assert_eq!(
            integer_magnitude(&negative, "t", "n").unwrap_err().code(),
            "malformed"
        );
    }

    #[test]
    fn strings() {
        assert_eq!(bmp_string(&[0, b'm', 0, b'y', 0, 0]).unwrap(), "my\u{0}");
        assert_eq!(bmp_string(&[0x4e, 0x16]).unwrap(), "世");
        assert_eq!(bmp_string(&[0x4e]).unwrap_err().code(), "malformed");
    }
}
