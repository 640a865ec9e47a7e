//! A small, bounded BER/DER element reader (ITU-T X.690 §8.1 identifier and length octets,
//! §8.1.3.6 indefinite lengths, §10.1 DER definite-length rules).
//!
//! Written by hand rather than with asn1-rs because the callers need three things at once:
//! the exact byte span of every element (thumbprints, .NET's raw `SerialNumber`, the raw Name DER),
//! BER indefinite lengths as Windows writes them in `.p7b`/`.pfx` files, and a strict DER mode
//! that mirrors .NET's `AsnReader(DER)` for distinguished names. It never panics, never
//! recurses deeper than [`crate::limits::MAX_ASN1_DEPTH`] and never allocates.

use crate::error::{Error, Result};
use crate::limits::MAX_ASN1_DEPTH;

/// Which encoding rules to enforce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rules {
    /// Definite, minimal lengths only (X.690 §10.1).
    Der,
    /// Also indefinite lengths and non-minimal length octets.
    Ber,
}

/// Tag class (X.690 §8.1.2.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Universal,
    Application,
    ContextSpecific,
    Private,
}

/// Universal tag numbers used in this crate.
pub mod tag {
    pub const BOOLEAN: u32 = 1;
    pub const INTEGER: u32 = 2;
    pub const BIT_STRING: u32 = 3;
    pub const OCTET_STRING: u32 = 4;
    pub const NULL: u32 = 5;
    pub const OID: u32 = 6;
    pub const UTF8_STRING: u32 = 12;
    pub const SEQUENCE: u32 = 16;
    pub const SET: u32 = 17;
    pub const NUMERIC_STRING: u32 = 18;
    pub const PRINTABLE_STRING: u32 = 19;
    pub const T61_STRING: u32 = 20;
    pub const VIDEOTEX_STRING: u32 = 21;
    pub const IA5_STRING: u32 = 22;
    pub const UTC_TIME: u32 = 23;
    pub const GENERALIZED_TIME: u32 = 24;
    pub const GRAPHIC_STRING: u32 = 25;
    pub const VISIBLE_STRING: u32 = 26;
    pub const GENERAL_STRING: u32 = 27;
    pub const UNIVERSAL_STRING: u32 = 28;
    pub const BMP_STRING: u32 = 30;
}

/// One encoded element.
#[derive(Debug, Clone, Copy)]
pub struct Element<'a> {
    pub class: Class,
    pub constructed: bool,
    pub number: u32,
    /// Identifier, length, contents (and end-of-contents octets when indefinite).
    pub raw: &'a [u8],
    /// Contents octets only (without end-of-contents octets).
    pub content: &'a [u8],
    pub indefinite: bool,
    /// Nesting depth of this element (0 = outermost).
    pub depth: usize,
}

impl<'a> Element<'a> {
    pub fn is(&self, class: Class, constructed: bool, number: u32) -> bool {
        self.class == class && self.constructed == constructed && self.number == number
    }

    pub fn is_universal(&self, number: u32) -> bool {
        self.class == Class::Universal && self.number == number
    }

    pub fn is_sequence(&self) -> bool {
        self.is(Class::Universal, true, tag::SEQUENCE)
    }

    pub fn is_context(&self, number: u32) -> bool {
        self.class == Class::ContextSpecific && self.number == number
    }

    /// Iterates the children of a constructed element.
    pub fn children(&self, rules: Rules) -> Children<'a> {
        Children { rest: self.content, rules, depth: self.depth + 1 }
    }

    /// Fails with `what` unless this is a universal constructed SEQUENCE.
    pub fn expect_sequence(&self, what: &str) -> Result<()> {
        if self.is_sequence() {
            Ok(())
        } else {
            Err(Error::malformed(format!("{what} is not a SEQUENCE")))
        }
    }
}

/// Iterator over sibling elements; yields an error once and then stops.
pub struct Children<'a> {
    rest: &'a [u8],
    rules: Rules,
    depth: usize,
}

impl<'a> Children<'a> {
    /// The next element, `Ok(None)` at the end.
    pub fn next_element(&mut self) -> Result<Option<Element<'a>>> {
        if self.rest.is_empty() {
            return Ok(None);
        }
        match parse_at_depth(self.rest, self.rules, self.depth) {
            Ok((element, rest)) => {
                self.rest = rest;
                Ok(Some(element))
            }
            Err(e) => {
                self.rest = &[];
                Err(e)
            }
        }
    }

    /// The next element, or an error naming `what` when there is none.
    pub fn expect(&mut self, what: &str) -> Result<Element<'a>> {
        self.next_element()?.ok_or_else(|| Error::truncated(format!("{what} is missing")))
    }

    /// Peeks whether anything is left.
    pub fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }
}

impl<'a> Iterator for Children<'a> {
    type Item = Result<Element<'a>>;
    fn next(&mut self) -> Option<Self::Item> {
        self.next_element().transpose()
    }
}

/// Identifier and length octets of an element, without reading its contents.
#[derive(Debug, Clone, Copy)]
pub struct Header {
    pub class: Class,
    pub constructed: bool,
    pub number: u32,
    pub header_len: usize,
    /// `None` for an indefinite length.
    pub length: Option<usize>,
    /// The length octets are the shortest possible (X.690 §10.1); false for indefinite lengths.
    pub minimal_length: bool,
}

impl Header {
    /// The contents as far as they are present in `input` (up to its end when indefinite or cut short).
    pub fn body<'a>(&self, input: &'a [u8]) -> &'a [u8] {
        let start = self.header_len.min(input.len());
        let end = match self.length {
            Some(len) => start.saturating_add(len).min(input.len()),
            None => input.len(),
        };
        &input[start..end]
    }

    pub fn is(&self, class: Class, constructed: bool, number: u32) -> bool {
        self.class == class && self.constructed == constructed && self.number == number
    }
}

/// Reads only the identifier and length octets at the start of `input` (BER).
pub fn header(input: &[u8]) -> Result<Header> {
    let first = *input.first().ok_or_else(|| Error::truncated("an ASN.1 element is missing"))?;
    let class = match first >> 6 {
        0 => Class::Universal,
        1 => Class::Application,
        2 => Class::ContextSpecific,
        _ => Class::Private,
    };
    let constructed = first & 0x20 != 0;
    let mut pos = 1usize;
    let mut number = u32::from(first & 0x1f);
    if number == 0x1f {
        // High tag number form (X.690 §8.1.2.4): base-128, at most 4 octets here.
        number = 0;
        let mut count = 0;
        loop {
            let b = *input.get(pos).ok_or_else(|| Error::truncated("an ASN.1 tag is cut short"))?;
            pos += 1;
            count += 1;
            if count > 4 {
                return Err(Error::malformed("an ASN.1 tag number is too large"));
            }
            number = (number << 7) | u32::from(b & 0x7f);
            if b & 0x80 == 0 {
                break;
            }
        }
    }
    let len_byte = *input.get(pos).ok_or_else(|| Error::truncated("an ASN.1 length is missing"))?;
    pos += 1;
    if len_byte == 0x80 {
        return Ok(Header { class, constructed, number, header_len: pos, length: None, minimal_length: false });
    }
    let (length, minimal_length) = if len_byte & 0x80 == 0 {
        (usize::from(len_byte), true)
    } else {
        let count = usize::from(len_byte & 0x7f);
        if count > 4 {
            return Err(Error::malformed("an ASN.1 length does not fit in 4 octets"));
        }
        let bytes = input.get(pos..pos + count).ok_or_else(|| Error::truncated("an ASN.1 length is cut short"))?;
        pos += count;
        let length = bytes.iter().fold(0usize, |acc, b| (acc << 8) | usize::from(*b));
        (length, bytes.first() != Some(&0) && length >= 0x80)
    };
    Ok(Header { class, constructed, number, header_len: pos, length: Some(length), minimal_length })
}

/// Parses one element at the start of `input`; returns it and the bytes after it.
pub fn parse(input: &[u8], rules: Rules) -> Result<(Element<'_>, &[u8])> {
    parse_at_depth(input, rules, 0)
}

/// Parses exactly one element spanning all of `input`.
pub fn parse_exact<'a>(input: &'a [u8], rules: Rules, what: &str) -> Result<Element<'a>> {
    let (element, rest) = parse(input, rules)?;
    if !rest.is_empty() {
        return Err(Error::malformed(format!("{} bytes follow the end of {what}", rest.len())));
    }
    Ok(element)
}

fn parse_at_depth(input: &[u8], rules: Rules, depth: usize) -> Result<(Element<'_>, &[u8])> {
    if depth > MAX_ASN1_DEPTH {
        return Err(Error::TooLarge { what: "ASN.1 nesting depth".into(), limit: MAX_ASN1_DEPTH as u64 });
    }
    let h = header(input)?;
    let (class, constructed, number, pos) = (h.class, h.constructed, h.number, h.header_len);
    let Some(length) = h.length else {
        if rules == Rules::Der {
            return Err(Error::malformed("an indefinite length is not allowed in DER"));
        }
        if !constructed {
            return Err(Error::malformed("a primitive element has an indefinite length"));
        }
        // Contents run until the end-of-contents octets 00 00 at this level (X.690 §8.1.5).
        let body = &input[pos..];
        let mut offset = 0usize;
        loop {
            let rest = &body[offset..];
            if rest.len() >= 2 && rest[0] == 0 && rest[1] == 0 {
                let content = &body[..offset];
                let end = pos + offset + 2;
                let element = Element {
                    class,
                    constructed,
                    number,
                    raw: &input[..end],
                    content,
                    indefinite: true,
                    depth,
                };
                return Ok((element, &input[end..]));
            }
            if rest.is_empty() {
                return Err(Error::truncated("an indefinite-length element has no end-of-contents marker"));
            }
            let (_, after) = parse_at_depth(rest, rules, depth + 1)?;
            offset = body.len() - after.len();
        }
    };
    if rules == Rules::Der && !h.minimal_length {
        return Err(Error::malformed("an ASN.1 length is not minimally encoded (not DER)"));
    }
    let end = pos.checked_add(length).ok_or_else(|| Error::malformed("an ASN.1 length overflows"))?;
    if end > input.len() {
        return Err(Error::truncated(format!(
            "an ASN.1 element announces {length} bytes but only {} remain",
            input.len() - pos
        )));
    }
    let element = Element {
        class,
        constructed,
        number,
        raw: &input[..end],
        content: &input[pos..end],
        indefinite: false,
        depth,
    };
    Ok((element, &input[end..]))
}

/// Dotted form of OBJECT IDENTIFIER contents (X.690 §8.19). `None` when malformed.
pub fn oid_to_string(content: &[u8]) -> Option<String> {
    if content.is_empty() || content.last().is_some_and(|b| b & 0x80 != 0) {
        return None;
    }
    let mut arcs: Vec<u128> = Vec::new();
    let mut value: u128 = 0;
    let mut started = false;
    for &b in content {
        if !started && b == 0x80 {
            return None; // non-minimal arc encoding
        }
        started = true;
        if value > (u128::MAX >> 7) {
            return None;
        }
        value = (value << 7) | u128::from(b & 0x7f);
        if b & 0x80 == 0 {
            arcs.push(value);
            value = 0;
            started = false;
        }
    }
    let mut out = String::new();
    let first = arcs[0];
    let (a, b) = if first < 40 {
        (0, first)
    } else if first < 80 {
        (1, first - 40)
    } else {
        (2, first - 80)
    };
    out.push_str(&format!("{a}.{b}"));
    for arc in &arcs[1..] {
        out.push_str(&format!(".{arc}"));
    }
    Some(out)
}

/// Reads an OBJECT IDENTIFIER element to its dotted form.
pub fn read_oid(element: &Element<'_>, what: &str) -> Result<String> {
    if !element.is(Class::Universal, false, tag::OID) {
        return Err(Error::malformed(format!("{what} is not an OBJECT IDENTIFIER")));
    }
    oid_to_string(element.content).ok_or_else(|| Error::malformed(format!("{what} is not a valid OBJECT IDENTIFIER")))
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

/// Number of significant bits of an unsigned big-endian INTEGER (leading zero octets ignored).
pub fn unsigned_bit_length(content: &[u8]) -> usize {
    let trimmed: &[u8] = {
        let start = content.iter().position(|b| *b != 0).unwrap_or(content.len());
        &content[start..]
    };
    match trimmed.first() {
        None => 0,
        Some(first) => (trimmed.len() - 1) * 8 + (8 - first.leading_zeros() as usize),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn definite_and_indefinite_lengths() {
        let (e, rest) = parse(&[0x30, 0x03, 0x02, 0x01, 0x05, 0xff], Rules::Der).unwrap();
        assert_eq!(e.content, &[0x02, 0x01, 0x05]);
        assert_eq!(rest, &[0xff]);
        let ber = [0x30, 0x80, 0x02, 0x01, 0x05, 0x00, 0x00, 0x01];
        assert!(parse(&ber, Rules::Der).is_err());
        let (e, rest) = parse(&ber, Rules::Ber).unwrap();
        assert!(e.indefinite);
        assert_eq!(e.content, &[0x02, 0x01, 0x05]);
        assert_eq!(rest, &[0x01]);
    }

    #[test]
    fn bad_lengths_are_named_errors() {
        assert_eq!(parse(&[0x30, 0x05, 0x01], Rules::Der).unwrap_err().code(), "truncated");
        assert_eq!(parse(&[0x30, 0x81, 0x01, 0x00], Rules::Der).unwrap_err().code(), "malformed");
        assert!(parse(&[0x30, 0x81, 0x01, 0x00], Rules::Ber).is_ok()); // long form is fine in BER
        assert_eq!(parse(&[0x30, 0x85, 1, 1, 1, 1, 1], Rules::Ber).unwrap_err().code(), "malformed");
        assert_eq!(parse(&[], Rules::Der).unwrap_err().code(), "truncated");
        assert_eq!(parse(&[0x30, 0x80, 0x30, 0x80], Rules::Ber).unwrap_err().code(), "truncated");
    }

    #[test]
    fn deep_nesting_is_capped() {
        let mut deep = Vec::new();
        for _ in 0..100 {
            deep.extend_from_slice(&[0x30, 0x80]);
        }
        for _ in 0..100 {
            deep.extend_from_slice(&[0x00, 0x00]);
        }
        assert_eq!(parse(&deep, Rules::Ber).unwrap_err().code(), "too-large");
    }

    #[test]
    fn oids_and_integers() {
        assert_eq!(oid_to_string(&[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x01]).unwrap(), "1.2.840.113549.1.9.1");
        assert_eq!(oid_to_string(&[0x55, 0x04, 0x03]).unwrap(), "2.5.4.3");
        assert!(oid_to_string(&[0x55, 0x84]).is_none());
        assert!(integer_is_minimal(&[0x00, 0x80]));
        assert!(!integer_is_minimal(&[0x00, 0x01]));
        assert!(!integer_is_minimal(&[0xff, 0x80]));
        assert_eq!(unsigned_bit_length(&[0x00, 0x80, 0x00]), 16);
        assert_eq!(unsigned_bit_length(&[0x01, 0x00]), 9);
    }
}
