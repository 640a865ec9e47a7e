//! A small BER reader (ITU-T X.690 §8: basic encoding rules) for PKCS#12 and private keys.
//!
//! Written by hand rather than with `asn1-rs` because PKCS#12 files from Windows, Java and NSS
//! need exactly BoringSSL's tolerance and nothing more: indefinite lengths (X.690 §8.1.3.6),
//! and constructed OCTET STRINGs one level deep (X.690 §8.7.3) while a constructed string
//! *inside* a constructed string is an error (BoringSSL `crypto/bytestring/ber.c`; corpus file
//! `empty_password_ber_nested.p12`). We also need every element's raw bytes (certificate DER to
//! hash) and hard caps on depth, which a zero-copy walker over `&[u8]` gives for free.
//!
//! Nothing here panics on untrusted input: every length is checked against what is left,
//! nesting is capped by [`crate::limits::MAX_ASN1_DEPTH`].

use std::borrow::Cow;

use crate::error::{Error, Result};
use crate::limits::MAX_ASN1_DEPTH;

/// Tag class (X.690 §8.1.2.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Universal,
    Application,
    ContextSpecific,
    Private,
}

pub const TAG_BOOLEAN: u32 = 1;
pub const TAG_INTEGER: u32 = 2;
pub const TAG_BIT_STRING: u32 = 3;
pub const TAG_OCTET_STRING: u32 = 4;
pub const TAG_NULL: u32 = 5;
pub const TAG_OID: u32 = 6;
pub const TAG_UTF8_STRING: u32 = 12;
pub const TAG_SEQUENCE: u32 = 16;
pub const TAG_SET: u32 = 17;
pub const TAG_BMP_STRING: u32 = 30;

/// One decoded element: identifier, contents and the raw bytes it was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Element<'a> {
    pub class: Class,
    pub constructed: bool,
    pub tag: u32,
    /// Contents octets (for an indefinite length: everything before the end-of-contents octets).
    pub content: &'a [u8],
    /// Identifier, length, contents (and end-of-contents) exactly as in the input.
    pub raw: &'a [u8],
    /// True when the length was indefinite (BER only).
    pub indefinite: bool,
    /// Nesting depth of this element (0 for a top-level element).
    pub depth: usize,
}

/// Reads consecutive elements from a byte slice.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    rest: &'a [u8],
    depth: usize,
    /// What is being read, for error messages ("PFX", "SafeBag", ...).
    context: &'static str,
}

impl<'a> Reader<'a> {
    /// A reader over top-level elements.
    pub fn new(bytes: &'a [u8], context: &'static str) -> Self {
        Reader { rest: bytes, depth: 0, context }
    }

    /// A reader over the children of a constructed element.
    pub fn children(parent: &Element<'a>, context: &'static str) -> Result<Self> {
        if !parent.constructed {
            return Err(Error::malformed(format!("{context}: expected a constructed element")));
        }
        if parent.depth + 1 > MAX_ASN1_DEPTH {
            return Err(Error::TooLarge { what: format!("{context}: ASN.1 nesting depth"), limit: MAX_ASN1_DEPTH as u64 });
        }
        Ok(Reader { rest: parent.content, depth: parent.depth + 1, context })
    }

    pub fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    /// Bytes not read yet.
    pub fn remaining(&self) -> &'a [u8] {
        self.rest
    }

    /// Next element, `None` at the end.
    pub fn next_element(&mut self) -> Result<Option<Element<'a>>> {
        if self.rest.is_empty() {
            return Ok(None);
        }
        let (element, used) = parse_element(self.rest, self.depth, self.context)?;
        self.rest = self.rest.get(used..).unwrap_or(&[]);
        Ok(Some(element))
    }

    /// Next element, which must exist.
    pub fn element(&mut self, what: &str) -> Result<Element<'a>> {
        self.next_element()?.ok_or_else(|| Error::truncated(format!("{}: {what} is missing", self.context)))
    }

    /// Next element, which must be universal with `tag`.
    pub fn expect(&mut self, tag: u32, what: &str) -> Result<Element<'a>> {
        let e = self.element(what)?;
        if e.class != Class::Universal || e.tag != tag {
            return Err(Error::malformed(format!("{}: {what} has an unexpected type", self.context)));
        }
        Ok(e)
    }

    /// Next element when it is context-specific `[n]`; otherwise nothing is consumed.
    pub fn optional_context(&mut self, n: u32) -> Result<Option<Element<'a>>> {
        let mut probe = self.clone();
        match probe.next_element()? {
            Some(e) if e.class == Class::ContextSpecific && e.tag == n => {
                *self = probe;
                Ok(Some(e))
            }
            _ => Ok(None),
        }
    }

    /// Next element when it is universal `tag`; otherwise nothing is consumed.
    pub fn optional(&mut self, tag: u32) -> Result<Option<Element<'a>>> {
        let mut probe = self.clone();
        match probe.next_element()? {
            Some(e) if e.class == Class::Universal && e.tag == tag => {
                *self = probe;
                Ok(Some(e))
            }
            _ => Ok(None),
        }
    }

    pub fn sequence(&mut self, what: &str) -> Result<Element<'a>> {
        self.expect(TAG_SEQUENCE, what)
    }

    pub fn oid(&mut self, what: &str) -> Result<String> {
        let e = self.expect(TAG_OID, what)?;
        oid_to_string(e.content).ok_or_else(|| Error::malformed(format!("{}: {what} is not a valid OID", self.context)))
    }

    /// INTEGER contents as unsigned big-endian magnitude (leading zero octets removed).
    pub fn unsigned_integer(&mut self, what: &str) -> Result<&'a [u8]> {
        let e = self.expect(TAG_INTEGER, what)?;
        integer_magnitude(&e, self.context, what)
    }

    /// Small non-negative INTEGER (version numbers, iteration counts).
    pub fn small_integer(&mut self, what: &str) -> Result<u64> {
        let e = self.expect(TAG_INTEGER, what)?;
        small_integer(&e, self.context, what)
    }

    /// OCTET STRING contents, reassembled when constructed (one level deep).
    pub fn octet_string(&mut self, what: &str) -> Result<Cow<'a, [u8]>> {
        let e = self.expect(TAG_OCTET_STRING, what)?;
        octet_string_contents(&e, self.context)
    }
}

/// Parses one element at the start of `input`; returns it and the number of bytes it used.
fn parse_element<'a>(input: &'a [u8], depth: usize, context: &'static str) -> Result<(Element<'a>, usize)> {
    if depth > MAX_ASN1_DEPTH {
        return Err(Error::TooLarge { what: format!("{context}: ASN.1 nesting depth"), limit: MAX_ASN1_DEPTH as u64 });
    }
    let truncated = || Error::truncated(format!("{context}: an ASN.1 element ends early"));
    let first = *input.first().ok_or_else(truncated)?;
    let class = match first >> 6 {
        0 => Class::Universal,
        1 => Class::Application,
        2 => Class::ContextSpecific,
        _ => Class::Private,
    };
    let constructed = first & 0x20 != 0;
    let mut pos = 1;
    let mut tag = u32::from(first & 0x1f);
    if tag == 0x1f {
        // High tag number form (X.690 §8.1.2.4): base-128 digits, at most 4 of them here.
        tag = 0;
        loop {
            let b = *input.get(pos).ok_or_else(truncated)?;
            pos += 1;
            if tag > (u32::MAX >> 7) || pos > 6 {
                return Err(Error::malformed(format!("{context}: tag number too large")));
            }
            tag = (tag << 7) | u32::from(b & 0x7f);
            if b & 0x80 == 0 {
                break;
            }
        }
    }
    let len_byte = *input.get(pos).ok_or_else(truncated)?;
    pos += 1;
    if len_byte == 0x80 {
        // Indefinite length (X.690 §8.1.3.6): only for constructed encodings; walk children to the EOC.
        if !constructed {
            return Err(Error::malformed(format!("{context}: indefinite length on a primitive element")));
        }
        let body = input.get(pos..).ok_or_else(truncated)?;
        let mut offset = 0;
        loop {
            let rest = body.get(offset..).ok_or_else(truncated)?;
            if rest.len() < 2 {
                return Err(Error::truncated(format!("{context}: indefinite-length element has no end-of-contents")));
            }
            if rest[0] == 0 && rest[1] == 0 {
                let content = &body[..offset];
                let total = pos + offset + 2;
                let raw = &input[..total];
                return Ok((
                    Element { class, constructed, tag, content, raw, indefinite: true, depth },
                    total,
                ));
            }
            let (_, used) = parse_element(rest, depth + 1, context)?;
            offset += used;
        }
    }
    let length: usize = if len_byte & 0x80 == 0 {
        usize::from(len_byte)
    } else {
        let count = usize::from(len_byte & 0x7f);
        if count > 8 || count == 0x7f {
            return Err(Error::malformed(format!("{context}: length field of {count} octets")));
        }
        let mut value: u64 = 0;
        for _ in 0..count {
            let b = *input.get(pos).ok_or_else(truncated)?;
            pos += 1;
            value = (value << 8) | u64::from(b);
        }
        usize::try_from(value).map_err(|_| Error::truncated(format!("{context}: declared length {value} exceeds the input")))?
    };
    let available = input.len() - pos;
    if length > available {
        return Err(Error::truncated(format!(
            "{context}: an element declares {length} bytes but only {available} remain"
        )));
    }
    let end = pos + length;
    Ok((
        Element { class, constructed, tag, content: &input[pos..end], raw: &input[..end], indefinite: false, depth },
        end,
    ))
}

/// Reads exactly one element from `bytes`; anything after it is returned as trailing bytes.
pub fn parse_one<'a>(bytes: &'a [u8], context: &'static str) -> Result<(Element<'a>, &'a [u8])> {
    let mut r = Reader::new(bytes, context);
    let e = r.element("the outer element")?;
    Ok((e, r.remaining()))
}

/// Reads exactly one element from `bytes`; trailing bytes are an error.
pub fn parse_exact<'a>(bytes: &'a [u8], context: &'static str) -> Result<Element<'a>> {
    let (e, rest) = parse_one(bytes, context)?;
    if !rest.is_empty() {
        return Err(Error::malformed(format!("{context}: {} unexpected bytes after the structure", rest.len())));
    }
    Ok(e)
}

/// Contents of an OCTET STRING (or an implicitly tagged one), reassembled when constructed.
/// Exactly one level of constructed nesting is accepted, as BoringSSL does.
pub fn octet_string_contents<'a>(e: &Element<'a>, context: &str) -> Result<Cow<'a, [u8]>> {
    if !e.constructed {
        return Ok(Cow::Borrowed(e.content));
    }
    let mut out = Vec::with_capacity(e.content.len());
    let mut r = Reader { rest: e.content, depth: e.depth + 1, context: "constructed OCTET STRING" };
    while let Some(part) = r.next_element()? {
        if part.class != Class::Universal || part.tag != TAG_OCTET_STRING {
            return Err(Error::malformed(format!("{context}: a constructed OCTET STRING holds a non-string element")));
        }
        if part.constructed {
            return Err(Error::malformed(format!(
                "{context}: constructed OCTET STRING nested more than one level deep"
            )));
        }
        out.extend_from_slice(part.content);
    }
    Ok(Cow::Owned(out))
}

/// The unsigned magnitude of an INTEGER (leading zero octets removed). Negative values are malformed.
pub fn integer_magnitude<'a>(e: &Element<'a>, context: &str, what: &str) -> Result<&'a [u8]> {
    let c = e.content;
    if e.constructed || c.is_empty() {
        return Err(Error::malformed(format!("{context}: {what} is not a valid INTEGER")));
    }
    if c[0] & 0x80 != 0 {
        return Err(Error::malformed(format!("{context}: {what} is negative")));
    }
    let first_nonzero = c.iter().position(|&b| b != 0).unwrap_or(c.len());
    Ok(&c[first_nonzero..])
}

/// A non-negative INTEGER that fits in u64.
pub fn small_integer(e: &Element<'_>, context: &str, what: &str) -> Result<u64> {
    let m = integer_magnitude(e, context, what)?;
    if m.len() > 8 {
        return Err(Error::TooLarge { what: format!("{context}: {what}"), limit: u64::MAX });
    }
    Ok(m.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b)))
}

/// Dotted-decimal form of OID contents (X.690 §8.19). `None` when not a valid encoding.
pub fn oid_to_string(content: &[u8]) -> Option<String> {
    if content.is_empty() || content.len() > 128 {
        return None;
    }
    let mut arcs: Vec<u128> = Vec::new();
    let mut value: u128 = 0;
    let mut in_arc = false;
    for &b in content {
        if !in_arc && b == 0x80 {
            return None; // non-minimal encoding
        }
        if value > (u128::MAX >> 7) {
            return None;
        }
        value = (value << 7) | u128::from(b & 0x7f);
        in_arc = b & 0x80 != 0;
        if !in_arc {
            arcs.push(value);
            value = 0;
        }
    }
    if in_arc {
        return None;
    }
    let first = *arcs.first()?;
    let (a, b) = if first < 40 {
        (0, first)
    } else if first < 80 {
        (1, first - 40)
    } else {
        (2, first - 80)
    };
    let mut s = format!("{a}.{b}");
    for arc in &arcs[1..] {
        s.push('.');
        s.push_str(&arc.to_string());
    }
    Some(s)
}

/// Decodes a BMPString (UTF-16BE, ITU-T X.680 §41) faithfully, keeping NULs; unpaired
/// surrogates become U+FFFD. An odd byte count is malformed.
pub fn bmp_string(content: &[u8]) -> Result<String> {
    if !content.len().is_multiple_of(2) {
        return Err(Error::malformed("BMPString with an odd number of bytes"));
    }
    let units = content.chunks_exact(2).map(|p| u16::from_be_bytes([p[0], p[1]]));
    Ok(char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect())
}

/// BIT STRING contents with no unused bits (keys are whole octets).
pub fn bit_string_octets<'a>(e: &Element<'a>, context: &str) -> Result<&'a [u8]> {
    if e.constructed {
        return Err(Error::malformed(format!("{context}: constructed BIT STRING")));
    }
    match e.content.split_first() {
        Some((0, rest)) => Ok(rest),
        _ => Err(Error::malformed(format!("{context}: BIT STRING with unused bits"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definite_and_indefinite_lengths() {
        // SEQUENCE (indefinite) { INTEGER 5, OCTET STRING "ab" } EOC, then a trailing byte.
        let bytes = [0x30, 0x80, 0x02, 0x01, 0x05, 0x04, 0x02, b'a', b'b', 0x00, 0x00, 0xff];
        let (seq, rest) = parse_one(&bytes, "test").unwrap();
        assert!(seq.indefinite);
        assert_eq!(rest, &[0xff]);
        assert_eq!(seq.raw.len(), 11);
        let mut r = Reader::children(&seq, "test").unwrap();
        assert_eq!(r.small_integer("n").unwrap(), 5);
        assert_eq!(&*r.octet_string("s").unwrap(), b"ab");
        assert!(r.is_empty());
    }

    #[test]
    fn constructed_octet_string_one_level_only() {
        let one = [0x24, 0x80, 0x04, 0x01, b'a', 0x04, 0x01, b'b', 0x00, 0x00];
        let e = parse_exact(&one, "t").unwrap();
        assert_eq!(&*octet_string_contents(&e, "t").unwrap(), b"ab");
        let nested = [0x24, 0x05, 0x24, 0x03, 0x04, 0x01, b'a'];
        let e = parse_exact(&nested, "t").unwrap();
        assert_eq!(octet_string_contents(&e, "t").unwrap_err().code(), "malformed");
    }

    #[test]
    fn huge_declared_length_is_truncated_not_panic() {
        let bytes = [0x30, 0x88, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00];
        assert_eq!(parse_one(&bytes, "t").unwrap_err().code(), "truncated");
        let bytes = [0x30, 0x84, 0x7f, 0xff, 0xff, 0xff];
        assert_eq!(parse_one(&bytes, "t").unwrap_err().code(), "truncated");
    }

    #[test]
    fn deep_nesting_is_capped() {
        let mut bytes = Vec::new();
        for _ in 0..100 {
            bytes.extend_from_slice(&[0x30, 0x80]);
        }
        for _ in 0..100 {
            bytes.extend_from_slice(&[0, 0]);
        }
        assert_eq!(parse_one(&bytes, "t").unwrap_err().code(), "too-large");
    }

    #[test]
    fn oids_and_strings() {
        assert_eq!(oid_to_string(&[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x0c, 0x0a, 0x01, 0x03]).unwrap(), "1.2.840.113549.1.12.10.1.3");
        assert_eq!(oid_to_string(&[0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x11, 0x01]).unwrap(), "1.3.6.1.4.1.311.17.1");
        assert!(oid_to_string(&[0x2a, 0x86]).is_none());
        assert_eq!(bmp_string(&[0, b'm', 0, b'y', 0, 0]).unwrap(), "my\u{0}");
        assert_eq!(bmp_string(&[0x4e, 0x16]).unwrap(), "世");
    }
}
