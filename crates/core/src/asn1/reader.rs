//! Identifier and length octets (ITU-T X.690 §8.1), elements with their raw byte spans, and a
//! [`Reader`] over sibling elements, under BER (§8) or DER (§10) rules.

use std::borrow::Cow;

use super::oid::oid_to_string;
use super::tag;
use super::values;
use crate::error::{Error, Result};
use crate::limits::MAX_ASN1_DEPTH;

/// Which encoding rules to enforce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rules {
    /// Definite, minimal lengths only (X.690 §10.1); strings in primitive form only (§10.2).
    Der,
    /// Also indefinite lengths (§8.1.3.6), non-minimal length octets, and constructed OCTET
    /// STRINGs one level deep (see [`values::octet_string_contents`]).
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

/// Length octets longer than this are refused, as BoringSSL does (`cbs_get_any_asn1_element`:
/// "num_bytes > 4"): no element this crate reads comes near 4 GiB.
const MAX_LENGTH_OCTETS: usize = 4;
/// Tag numbers longer than this many base-128 digits are refused (28 bits are plenty).
const MAX_TAG_OCTETS: usize = 4;

/// `"{context}: {message}"`, or just the message when there is no context.
pub(crate) fn in_context(context: &str, message: impl std::fmt::Display) -> String {
    if context.is_empty() {
        message.to_string()
    } else {
        format!("{context}: {message}")
    }
}

/// One decoded element: identifier, contents and the raw bytes it was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Element<'a> {
    pub class: Class,
    pub constructed: bool,
    /// Tag number (X.690 §8.1.2).
    pub tag: u32,
    /// Contents octets (for an indefinite length: everything before the end-of-contents octets).
    pub content: &'a [u8],
    /// Identifier, length, contents (and end-of-contents) exactly as in the input.
    pub raw: &'a [u8],
    /// True when the length was indefinite (BER only).
    pub indefinite: bool,
    /// Nesting depth of this element (0 for a top-level element).
    pub depth: usize,
    /// The rules it was read under (its children are read under the same).
    pub rules: Rules,
}

impl<'a> Element<'a> {
    pub fn is(&self, class: Class, constructed: bool, number: u32) -> bool {
        self.class == class && self.constructed == constructed && self.tag == number
    }

    pub fn is_universal(&self, number: u32) -> bool {
        self.class == Class::Universal && self.tag == number
    }

    pub fn is_sequence(&self) -> bool {
        self.is(Class::Universal, true, tag::SEQUENCE)
    }

    pub fn is_context(&self, number: u32) -> bool {
        self.class == Class::ContextSpecific && self.tag == number
    }

    /// A reader over the contents of this element, under `rules` (no check that it is constructed).
    pub fn children(&self, rules: Rules) -> Reader<'a> {
        Reader {
            rest: self.content,
            depth: self.depth + 1,
            rules,
            context: "",
        }
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

/// Identifier and length octets of an element, without reading its contents.
#[derive(Debug, Clone, Copy)]
pub struct Header {
    pub class: Class,
    pub constructed: bool,
    pub tag: u32,
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
        self.class == class && self.constructed == constructed && self.tag == number
    }
}

/// Reads only the identifier and length octets at the start of `input`; any length form is
/// accepted here (the rules are applied by [`parse`]).
pub fn header(input: &[u8]) -> Result<Header> {
    header_in(input, "")
}

fn header_in(input: &[u8], context: &str) -> Result<Header> {
    let first = *input
        .first()
        .ok_or_else(|| Error::truncated(in_context(context, "an ASN.1 element is missing")))?;
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
        // High tag number form (X.690 §8.1.2.4): base-128 digits.
        number = 0;
        let mut count = 0;
        loop {
            let b = *input.get(pos).ok_or_else(|| {
                Error::truncated(in_context(context, "an ASN.1 tag is cut short"))
            })?;
            pos += 1;
            count += 1;
            if count > MAX_TAG_OCTETS {
                return Err(Error::malformed(in_context(
                    context,
                    "an ASN.1 tag number is too large",
                )));
            }
            number = (number << 7) | u32::from(b & 0x7f);
            if b & 0x80 == 0 {
                break;
            }
        }
    }
    let len_byte = *input
        .get(pos)
        .ok_or_else(|| Error::truncated(in_context(context, "an ASN.1 length is missing")))?;
    pos += 1;
    if len_byte == 0x80 {
        return Ok(Header {
            class,
            constructed,
            tag: number,
            header_len: pos,
            length: None,
            minimal_length: false,
        });
    }
    let (length, minimal_length) = if len_byte & 0x80 == 0 {
        (usize::from(len_byte), true)
    } else {
        // Long form (X.690 §8.1.3.5); 0xFF is reserved and falls under the same cap.
        let count = usize::from(len_byte & 0x7f);
        if count > MAX_LENGTH_OCTETS {
            return Err(Error::malformed(in_context(
                context,
                format!("an ASN.1 length of {count} octets does not fit in {MAX_LENGTH_OCTETS}"),
            )));
        }
        let bytes = input
            .get(pos..pos + count)
            .ok_or_else(|| Error::truncated(in_context(context, "an ASN.1 length is cut short")))?;
        pos += count;
        let value = bytes.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b));
        // On a 32-bit target a length near 4 GiB cannot be addressed; it cannot be present either.
        let length = usize::try_from(value).unwrap_or(usize::MAX);
        (length, bytes.first() != Some(&0) && value >= 0x80)
    };
    Ok(Header {
        class,
        constructed,
        tag: number,
        header_len: pos,
        length: Some(length),
        minimal_length,
    })
}

/// Parses one element at the start of `input`; returns it and the bytes after it.
pub fn parse(input: &[u8], rules: Rules) -> Result<(Element<'_>, &[u8])> {
    parse_at_depth(input, rules, 0, "")
}

/// Parses exactly one element spanning all of `input`; `what` names it in errors.
pub fn parse_exact<'a>(input: &'a [u8], rules: Rules, what: &str) -> Result<Element<'a>> {
    let (element, rest) = parse_at_depth(input, rules, 0, what)?;
    if !rest.is_empty() {
        return Err(Error::malformed(format!(
            "{} unexpected bytes follow the end of {what}",
            rest.len()
        )));
    }
    Ok(element)
}

fn parse_at_depth<'a>(
    input: &'a [u8],
    rules: Rules,
    depth: usize,
    context: &str,
) -> Result<(Element<'a>, &'a [u8])> {
    if depth > MAX_ASN1_DEPTH {
        return Err(Error::TooLarge {
            what: in_context(context, "ASN.1 nesting depth"),
            limit: MAX_ASN1_DEPTH as u64,
        });
    }
    let h = header_in(input, context)?;
    let (class, constructed, number, pos) = (h.class, h.constructed, h.tag, h.header_len);
    let Some(length) = h.length else {
        if rules == Rules::Der {
            return Err(Error::malformed(in_context(
                context,
                "an indefinite length is not allowed in DER",
            )));
        }
        if !constructed {
            return Err(Error::malformed(in_context(
                context,
                "a primitive element has an indefinite length",
            )));
        }
        // Contents run until the end-of-contents octets 00 00 at this level (X.690 §8.1.5).
        let body = &input[pos..];
        let mut offset = 0usize;
        loop {
            let rest = &body[offset..];
            if rest.len() < 2 {
                return Err(Error::truncated(in_context(
                    context,
                    "an indefinite-length element has no end-of-contents marker",
                )));
            }
            if rest[0] == 0 && rest[1] == 0 {
                let end = pos + offset + 2;
                let element = Element {
                    class,
                    constructed,
                    tag: number,
                    content: &body[..offset],
                    raw: &input[..end],
                    indefinite: true,
                    depth,
                    rules,
                };
                return Ok((element, &input[end..]));
            }
            let (_, after) = parse_at_depth(rest, rules, depth + 1, context)?;
            offset = body.len() - after.len();
        }
    };
    if rules == Rules::Der && !h.minimal_length {
        return Err(Error::malformed(in_context(
            context,
            "an ASN.1 length is not minimally encoded (not DER)",
        )));
    }
    let available = input.len() - pos;
    if length > available {
        return Err(Error::truncated(in_context(
            context,
            format!("an ASN.1 element announces {length} bytes but only {available} remain"),
        )));
    }
    let end = pos + length;
    let element = Element {
        class,
        constructed,
        tag: number,
        content: &input[pos..end],
        raw: &input[..end],
        indefinite: false,
        depth,
        rules,
    };
    Ok((element, &input[end..]))
}

/// Counts the ASN.1 elements in `input` (siblings, everything nested in constructed elements,
/// and what an OCTET STRING or BIT STRING holds when its contents parse as DER, as extension
/// values do), up to `cap`: more is [`Error::TooLarge`] naming `what`. Bytes that do not parse
/// end the count there without an error (the structural readers report them). Each element costs
/// one header read; the work is bounded by `cap` and [`MAX_ASN1_DEPTH`].
pub fn count_elements(input: &[u8], cap: usize, what: &str) -> Result<usize> {
    let mut count = 0usize;
    count_into(input, 0, cap, what, &mut count)?;
    Ok(count)
}

fn count_into(input: &[u8], depth: usize, cap: usize, what: &str, count: &mut usize) -> Result<()> {
    if depth > MAX_ASN1_DEPTH {
        return Ok(());
    }
    let mut rest = input;
    while !rest.is_empty() {
        let Ok((element, after)) = parse_at_depth(rest, Rules::Der, depth, "") else {
            return Ok(());
        };
        *count += 1;
        if *count > cap {
            return Err(Error::TooLarge {
                what: format!("{what}: the number of ASN.1 elements"),
                limit: cap as u64,
            });
        }
        if element.constructed {
            count_into(element.content, depth + 1, cap, what, count)?;
        } else if element.class == Class::Universal {
            let inner = match element.tag {
                tag::OCTET_STRING => element.content,
                tag::BIT_STRING => element.content.get(1..).unwrap_or_default(),
                _ => &[],
            };
            if inner.first().is_some_and(|b| b & 0x20 != 0) {
                count_into(inner, depth + 1, cap, what, count)?;
            }
        }
        rest = after;
    }
    Ok(())
}

/// Reads consecutive sibling elements from a byte slice; after an error it yields nothing more.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    rest: &'a [u8],
    depth: usize,
    rules: Rules,
    /// What is being read, for error messages ("PFX", "SafeBag", ...); may be empty.
    context: &'static str,
}

impl<'a> Reader<'a> {
    /// A reader over top-level elements.
    pub fn new(bytes: &'a [u8], rules: Rules, context: &'static str) -> Self {
        Reader {
            rest: bytes,
            depth: 0,
            rules,
            context,
        }
    }

    /// A reader over the children of a constructed element, under the rules it was read with.
    pub fn children(parent: &Element<'a>, context: &'static str) -> Result<Self> {
        if !parent.constructed {
            return Err(Error::malformed(format!(
                "{context}: expected a constructed element"
            )));
        }
        if parent.depth + 1 > MAX_ASN1_DEPTH {
            return Err(Error::TooLarge {
                what: format!("{context}: ASN.1 nesting depth"),
                limit: MAX_ASN1_DEPTH as u64,
            });
        }
        Ok(Reader {
            rest: parent.content,
            depth: parent.depth + 1,
            rules: parent.rules,
            context,
        })
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
        match parse_at_depth(self.rest, self.rules, self.depth, self.context) {
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

    /// Next element, which must exist.
    pub fn element(&mut self, what: &str) -> Result<Element<'a>> {
        self.next_element()?
            .ok_or_else(|| Error::truncated(in_context(self.context, format!("{what} is missing"))))
    }

    /// Next element, which must be universal with `tag`.
    pub fn expect(&mut self, tag: u32, what: &str) -> Result<Element<'a>> {
        let e = self.element(what)?;
        if e.class != Class::Universal || e.tag != tag {
            return Err(Error::malformed(in_context(
                self.context,
                format!("{what} has an unexpected type"),
            )));
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
        self.expect(tag::SEQUENCE, what)
    }

    pub fn oid(&mut self, what: &str) -> Result<String> {
        let e = self.expect(tag::OID, what)?;
        oid_to_string(e.content).ok_or_else(|| {
            Error::malformed(in_context(
                self.context,
                format!("{what} is not a valid OID"),
            ))
        })
    }

    /// INTEGER contents as unsigned big-endian magnitude (leading zero octets removed).
    pub fn unsigned_integer(&mut self, what: &str) -> Result<&'a [u8]> {
        let e = self.expect(tag::INTEGER, what)?;
        values::integer_magnitude(&e, self.context, what)
    }

    /// Small non-negative INTEGER (version numbers, iteration counts).
    pub fn small_integer(&mut self, what: &str) -> Result<u64> {
        let e = self.expect(tag::INTEGER, what)?;
        values::small_integer(&e, self.context, what)
    }

    /// A `version` INTEGER ([`values::version_number`]: damage, not a count, when huge).
    pub fn version(&mut self, what: &str) -> Result<u64> {
        let e = self.expect(tag::INTEGER, what)?;
        values::version_number(&e, self.context, what)
    }

    /// OCTET STRING contents, reassembled when constructed (one level deep, BER only).
    pub fn octet_string(&mut self, what: &str) -> Result<Cow<'a, [u8]>> {
        let e = self.expect(tag::OCTET_STRING, what)?;
        values::octet_string_contents(&e, self.context)
    }
}

impl<'a> Iterator for Reader<'a> {
    type Item = Result<Element<'a>>;
    fn next(&mut self) -> Option<Self::Item> {
        self.next_element().transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // From the former x509 reader.
    #[test]
    fn definite_and_indefinite_lengths_der_and_ber() {
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

    // From the former PKCS#12 reader.
    #[test]
    fn definite_and_indefinite_lengths_through_a_reader() {
        // SEQUENCE (indefinite) { INTEGER 5, OCTET STRING "ab" } EOC, then a trailing byte.
        let bytes = [
            0x30, 0x80, 0x02, 0x01, 0x05, 0x04, 0x02, b'a', b'b', 0x00, 0x00, 0xff,
        ];
        let (seq, rest) = parse(&bytes, Rules::Ber).unwrap();
        assert!(seq.indefinite);
        assert_eq!(rest, &[0xff]);
        assert_eq!(seq.raw.len(), 11);
        let mut r = Reader::children(&seq, "test").unwrap();
        assert_eq!(r.small_integer("n").unwrap(), 5);
        assert_eq!(&*r.octet_string("s").unwrap(), b"ab");
        assert!(r.is_empty());
    }

    #[test]
    fn bad_lengths_are_named_errors() {
        assert_eq!(
            parse(&[0x30, 0x05, 0x01], Rules::Der).unwrap_err().code(),
            "truncated"
        );
        assert_eq!(
            parse(&[0x30, 0x81, 0x01, 0x00], Rules::Der)
                .unwrap_err()
                .code(),
            "malformed"
        );
        assert!(parse(&[0x30, 0x81, 0x01, 0x00], Rules::Ber).is_ok()); // long form is fine in BER
        assert_eq!(
            parse(&[0x30, 0x85, 1, 1, 1, 1, 1], Rules::Ber)
                .unwrap_err()
                .code(),
            "malformed"
        );
        assert_eq!(parse(&[], Rules::Der).unwrap_err().code(), "truncated");
        assert_eq!(
            parse(&[0x30, 0x80, 0x30, 0x80], Rules::Ber)
                .unwrap_err()
                .code(),
            "truncated"
        );
    }

    #[test]
    fn huge_declared_length_is_a_named_error_not_a_panic() {
        // Eight length octets: more than BoringSSL (and this reader) accept.
        let bytes = [
            0x30, 0x88, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00,
        ];
        assert_eq!(parse(&bytes, Rules::Ber).unwrap_err().code(), "malformed");
        // Four length octets announcing 2 GiB with nothing behind them.
        let bytes = [0x30, 0x84, 0x7f, 0xff, 0xff, 0xff];
        assert_eq!(parse(&bytes, Rules::Ber).unwrap_err().code(), "truncated");
        assert_eq!(
            parse(&[0x30, 0x84, 0xff, 0xff, 0xff, 0xff], Rules::Der)
                .unwrap_err()
                .code(),
            "truncated"
        );
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
    fn trailing_bytes_and_context_are_named() {
        let e = parse_exact(&[0x05, 0x00, 0x01], Rules::Der, "the thing").unwrap_err();
        assert_eq!(e.code(), "malformed");
        assert!(
            e.to_string()
                .contains("1 unexpected bytes follow the end of the thing"),
            "{e}"
        );
        let e = parse_exact(&[0x30, 0x05, 0x01], Rules::Ber, "SafeContents").unwrap_err();
        assert!(e.to_string().contains("SafeContents: "), "{e}");
    }

    #[test]
    fn a_reader_stops_after_an_error() {
        let mut r = Reader::new(&[0x02, 0x05, 0x01, 0x02, 0x01, 0x01], Rules::Der, "t");
        assert_eq!(r.next_element().unwrap_err().code(), "truncated");
        assert!(r.next_element().unwrap().is_none());
    }
}
