//! What a file is, from its bytes (never its name): certificate (DER or PEM), PKCS#7 bag, PKCS#12,
//! private key, an Exchange protocol log, or a known non-certificate (CRL, CSR, OCSP response,
//! public key, other PKCS#7 content) named for what it is.
//!
//! DER shapes looked at (only the first elements are read, so huge or deeply nested files are cheap):
//! * X.509 `Certificate` (RFC 5280 §4.1): `SEQUENCE { SEQUENCE tbs, SEQUENCE alg, BIT STRING }`, where tbs is
//!   `[0]? INTEGER, SEQUENCE{OID..}, Name, SEQUENCE validity`; a CRL (§5.1) has a time where the validity would be;
//!   a CSR (RFC 2986 §4) has the Name right after its INTEGER version.
//! * PKCS#7 `ContentInfo` (RFC 2315 §7): `SEQUENCE { OID, [0] ... }`.
//! * PKCS#12 `PFX` (RFC 7292 §4): `SEQUENCE { INTEGER 3, ContentInfo(data | signedData), ... }`, also BER.
//! * Private keys: PKCS#8 (RFC 5208 §5, §6), PKCS#1 `RSAPrivateKey` (RFC 8017 A.1.2), SEC1 `ECPrivateKey`
//!   (RFC 5915 §3), OpenSSL DSA keys.
//! * OCSP response (RFC 6960 §4.2.1): `SEQUENCE { ENUMERATED, [0]? }`; SubjectPublicKeyInfo (a bare public key).

use crate::asn1::{self, tag, Class, Element, Header, Rules};
use crate::limits::MAX_CERT_FILE_BYTES;
use crate::x509::pem;
use crate::x509::pkcs7;

/// The detected kind of one input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detected {
    /// One DER certificate.
    X509Der,
    /// PEM text with at least one BEGIN line; the blocks decide the rest.
    Pem,
    /// DER/BER PKCS#7 SignedData.
    Pkcs7Der,
    Pkcs12,
    /// A DER private key; the string names its format.
    PrivateKeyDer(&'static str),
    ProtocolLog,
    /// One of Exchange's other logs (message tracking, ...); the string is its log type.
    ExchangeLog(String),
    /// A known non-certificate object, described for a person ("a certificate revocation list (CRL)").
    NotACertificate(String),
    /// Anything else, with a sentence why.
    Unknown(crate::error::Unrecognised),
    Empty,
    TooLarge,
    /// A DER SEQUENCE whose header announces more bytes than the file holds (a download or copy
    /// cut short within its first bytes): `expected` is the size the header announces, `actual`
    /// the file's size.
    TruncatedDer {
        expected: u64,
        actual: u64,
    },
}

/// Detects the kind of `bytes`.
pub fn detect(bytes: &[u8]) -> Detected {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Detected::Empty;
    }
    // Logs first (only their first KiB are looked at): they may exceed the certificate-file cap.
    if let Some(log_type) = crate::log::sniff::other_exchange_log(bytes) {
        return Detected::ExchangeLog(log_type);
    }
    if crate::log::sniff::looks_like_protocol_log(bytes) {
        return Detected::ProtocolLog;
    }
    if bytes.len() as u64 > MAX_CERT_FILE_BYTES {
        return Detected::TooLarge;
    }
    let text = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if pem::looks_like_pem(text) {
        return Detected::Pem;
    }
    if let Some(kind) = detect_der(bytes) {
        return kind;
    }
    if let Some((expected, actual)) = cut_short_der(bytes) {
        return Detected::TruncatedDer { expected, actual };
    }
    let head: Vec<String> = bytes.iter().take(4).map(|b| format!("{b:02X}")).collect();
    let looks_textual = bytes
        .iter()
        .take(512)
        .all(|b| b.is_ascii_graphic() || b.is_ascii_whitespace() || *b >= 0x80);
    Detected::Unknown(
        if looks_textual && crate::paste::looks_like_shell_output(bytes) {
            crate::error::Unrecognised::Paste
        } else if let Some(tool) = looks_textual
            .then(|| certificate_text_tool(bytes))
            .flatten()
        {
            crate::error::Unrecognised::CertificateText { tool }
        } else if looks_textual {
            crate::error::Unrecognised::Text
        } else {
            crate::error::Unrecognised::Bytes(head.join(" "))
        },
    )
}

/// The tool whose text description of a certificate `bytes` are (`certutil -dump`, `openssl
/// x509 -text -noout`), from the labels of its first 4 KiB; `None` for other text.
fn certificate_text_tool(bytes: &[u8]) -> Option<&'static str> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    let has = |label: &str| head.contains(label);
    if has("X509 Certificate:") && has("Serial Number:") && has("NotAfter:") {
        return Some("certutil -dump");
    }
    if has("Certificate:") && has("Data:") && has("Serial Number:") && has("Not After :") {
        return Some("openssl x509 -text");
    }
    None
}

/// The bytes of a text that is nothing but Base64 (a DER file copied without PEM lines), when they
/// decode to a DER shape recognised here. `None` otherwise.
///
/// Runs of Base64 lines are decoded one by one and their bytes joined, so two certificates pasted
/// one below the other (each with its own `=` padding) are both kept, and the lines of an e-mail
/// around the Base64 ("here is the certificate:", a signature) are passed over.
pub fn bare_base64(bytes: &[u8]) -> Option<Vec<u8>> {
    let base64_alphabet = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=');
    let mut decoded = Vec::new();
    let mut run: Vec<u8> = Vec::new();
    let mut lines = bytes.split(|b| *b == b'\n').peekable();
    while let Some(line) = lines.next() {
        let word: Vec<u8> = line
            .iter()
            .copied()
            .filter(|b| !b.is_ascii_whitespace())
            .collect();
        // A blank line or a line of text ends a run.
        let in_run = !word.is_empty() && word.iter().all(base64_alphabet);
        if in_run {
            run.extend_from_slice(&word);
        }
        if !in_run || lines.peek().is_none() {
            if let Some(bytes) = decode_run(&run) {
                decoded.extend(bytes);
            }
            run.clear();
        }
    }
    detect_der(&decoded).map(|_| decoded)
}

/// One run of Base64 (at least 64 characters, as a DER object is) that decodes to a known DER
/// shape; each `=`-padded piece decoded on its own (blobs joined without a blank line).
fn decode_run(run: &[u8]) -> Option<Vec<u8>> {
    use base64::Engine;
    if run.len() < 64 {
        return None;
    }
    let mut bytes = Vec::new();
    let mut rest = run;
    while !rest.is_empty() {
        let padding = rest.iter().position(|b| *b == b'=');
        let end = padding.map_or(rest.len(), |p| {
            p + rest[p..].iter().take_while(|b| **b == b'=').count()
        });
        bytes.extend(
            base64::engine::general_purpose::STANDARD
                .decode(&rest[..end])
                .ok()?,
        );
        rest = &rest[end..];
    }
    detect_der(&bytes).map(|_| bytes)
}

/// The text of an e-mail reply that quotes a PEM block (`> -----BEGIN CERTIFICATE-----`, `>> `
/// for a reply to a reply) with the quote marks taken off every quoted line; `None` when no
/// quoted line holds a `-----BEGIN ` line.
pub fn unquoted_reply(bytes: &[u8]) -> Option<Vec<u8>> {
    fn unquote(line: &[u8]) -> Option<&[u8]> {
        let mut rest = line.strip_prefix(b">")?;
        loop {
            rest = rest.strip_prefix(b" ").unwrap_or(rest);
            match rest.strip_prefix(b">") {
                Some(more) => rest = more,
                None => return Some(rest),
            }
        }
    }
    let quoted_begin = bytes
        .split(|b| *b == b'\n')
        .filter_map(unquote)
        .any(|rest| rest.starts_with(b"-----BEGIN "));
    if !quoted_begin {
        return None;
    }
    let lines: Vec<&[u8]> = bytes
        .split(|b| *b == b'\n')
        .map(|line| unquote(line).unwrap_or(line))
        .collect();
    Some(lines.join(&b'\n'))
}

/// UTF-16 text with a byte-order mark (Notepad's "Unicode" save of a PEM file or log) as UTF-8.
/// `None` when the bytes do not start with a UTF-16 BOM or do not decode.
pub fn utf16_text_as_utf8(bytes: &[u8]) -> Option<Vec<u8>> {
    let (big_endian, body) = match bytes {
        [0xff, 0xfe, rest @ ..] => (false, rest),
        [0xfe, 0xff, rest @ ..] => (true, rest),
        _ => return None,
    };
    if !body.len().is_multiple_of(2) {
        return None;
    }
    let units = body.chunks_exact(2).map(|p| {
        if big_endian {
            u16::from_be_bytes([p[0], p[1]])
        } else {
            u16::from_le_bytes([p[0], p[1]])
        }
    });
    let text = char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .ok()?;
    // PEM and logs are ASCII in practice; bytes that merely happen to decode as UTF-16 are not text.
    let ascii = text.chars().filter(char::is_ascii).count();
    (ascii * 10 >= text.chars().count() * 9).then(|| text.into_bytes())
}

/// `(announced size, actual size)` when `bytes` start with the header of a DER SEQUENCE in the
/// long length form (as every certificate, PKCS#7 bag, PFX and key file does) whose length runs
/// past the end of the file, and what follows the header (if anything) is the start of one of
/// the shapes read here (SEQUENCE, INTEGER or OID). Short-form lengths are left alone: a text
/// starting with `0` would look like one.
fn cut_short_der(bytes: &[u8]) -> Option<(u64, u64)> {
    let header = asn1::header(bytes).ok()?;
    let long_form = bytes.get(1).is_some_and(|b| (0x81..=0x84).contains(b));
    if !long_form || !header.is(Class::Universal, true, tag::SEQUENCE) {
        return None;
    }
    let expected = (header.header_len as u64).checked_add(header.length? as u64)?;
    let actual = bytes.len() as u64;
    let plausible_start = bytes
        .get(header.header_len)
        .is_none_or(|b| matches!(b, 0x30 | 0x02 | 0x06));
    (expected > actual && plausible_start).then_some((expected, actual))
}

/// Children of the outer SEQUENCE, read one by one from its body (works for BER and cut-off files).
struct Peek<'a> {
    rest: &'a [u8],
}

impl<'a> Peek<'a> {
    fn element(&mut self) -> Option<Element<'a>> {
        let (element, rest) = asn1::parse(self.rest, Rules::Ber).ok()?;
        self.rest = rest;
        Some(element)
    }

    fn header(&self) -> Option<(Header, &'a [u8])> {
        asn1::header(self.rest).ok().map(|h| (h, self.rest))
    }
}

/// The kind of DER (or BER) bytes, `None` when they have none of the shapes above.
pub(crate) fn detect_der(bytes: &[u8]) -> Option<Detected> {
    let outer = asn1::header(bytes).ok()?;
    if !outer.is(Class::Universal, true, tag::SEQUENCE) {
        return None;
    }
    let mut peek = Peek {
        rest: outer.body(bytes),
    };
    // PFX: INTEGER 3 followed by a ContentInfo; look at headers only (its contents may be deep BER).
    let (first_header, first_bytes) = peek.header()?;
    if first_header.is(Class::Universal, false, tag::INTEGER) {
        let first = peek.element()?;
        let second = peek.header();
        if first.content == [3] {
            if let Some((h, at)) = second {
                if h.is(Class::Universal, true, tag::SEQUENCE) {
                    let mut inner = Peek { rest: h.body(at) };
                    if let Some(oid) = inner.element() {
                        let oid = asn1::oid::read_oid(&oid, "").ok()?;
                        if oid == crate::asn1::oid::DATA || oid == crate::asn1::oid::SIGNED_DATA {
                            return Some(Detected::Pkcs12);
                        }
                    }
                }
            }
        }
        let second = peek.element()?;
        return private_key_shape(&first, &second, &mut peek);
    }
    let Some(first) = peek.element() else {
        // The first field does not parse (a cut-off file): a certificate still shows its shape in
        // the headers (SEQUENCE { SEQUENCE { [0] version | INTEGER serial ...); let the parser say what is wrong.
        let tbs = Peek {
            rest: first_header.body(first_bytes),
        };
        let looks_like_tbs = first_header.is(Class::Universal, true, tag::SEQUENCE)
            && tbs.header().is_some_and(|(h, _)| {
                h.is(Class::ContextSpecific, true, 0) || h.is(Class::Universal, false, tag::INTEGER)
            });
        return looks_like_tbs.then_some(Detected::X509Der);
    };
    if first.is(Class::Universal, false, tag::OID) {
        let oid = asn1::oid::oid_to_string(first.content)?;
        return match pkcs7::content_type_name(&oid) {
            Some("signedData") => Some(Detected::Pkcs7Der),
            Some(name) => Some(Detected::NotACertificate(format!(
                "a PKCS#7 {name} message ({oid})"
            ))),
            None => None,
        };
    }
    if first.is(Class::Universal, false, 10) {
        return Some(Detected::NotACertificate("an OCSP response".into()));
    }
    if !first.is_sequence() {
        return None;
    }
    let second = peek.element()?;
    let third = peek.element();
    match (
        second.is_sequence(),
        second.is_universal(tag::BIT_STRING),
        second.is_universal(tag::OCTET_STRING),
        third,
    ) {
        (true, _, _, Some(third)) if third.is(Class::Universal, false, tag::BIT_STRING) => {
            Some(classify_signed(&first))
        }
        (_, true, _, None) if starts_with_oid(&first) => Some(Detected::NotACertificate(
            "a public key only (SubjectPublicKeyInfo, no certificate)".into(),
        )),
        (_, _, true, None) if starts_with_oid(&first) => {
            Some(Detected::PrivateKeyDer("encrypted PKCS#8"))
        }
        _ => None,
    }
}

fn starts_with_oid(element: &Element<'_>) -> bool {
    let mut children = element.children(Rules::Ber);
    matches!(children.next_element(), Ok(Some(e)) if e.is(Class::Universal, false, tag::OID))
}

/// Certificate, CRL or CSR, by the shape of the signed body.
fn classify_signed(body: &Element<'_>) -> Detected {
    let mut fields = body.children(Rules::Ber);
    let mut next = fields.next_element().ok().flatten();
    if next
        .as_ref()
        .is_some_and(|e| e.is(Class::ContextSpecific, true, 0))
    {
        next = fields.next_element().ok().flatten();
    }
    let Some(first) = next else {
        return Detected::X509Der;
    };
    if first.is_sequence() && starts_with_oid(&first) {
        return Detected::NotACertificate("a certificate revocation list (CRL)".into());
        // v1 CRL
    }
    if !first.is_universal(tag::INTEGER) {
        return Detected::X509Der;
    }
    let Some(second) = fields.next_element().ok().flatten() else {
        return Detected::X509Der;
    };
    if second.is_sequence() && !starts_with_oid(&second) {
        return Detected::NotACertificate("a certificate signing request (CSR, PKCS#10)".into());
    }
    let _name = fields.next_element();
    match fields.next_element().ok().flatten() {
        Some(e) if e.is_universal(tag::UTC_TIME) || e.is_universal(tag::GENERALIZED_TIME) => {
            Detected::NotACertificate("a certificate revocation list (CRL)".into())
        }
        _ => Detected::X509Der,
    }
}

fn private_key_shape(
    first: &Element<'_>,
    second: &Element<'_>,
    peek: &mut Peek<'_>,
) -> Option<Detected> {
    let version = first.content;
    if (version == [0] || version == [1]) && second.is_sequence() {
        let third = peek.element()?;
        if third.is_universal(tag::OCTET_STRING) {
            return Some(Detected::PrivateKeyDer("PKCS#8"));
        }
    }
    if version == [1] && second.is_universal(tag::OCTET_STRING) {
        return Some(Detected::PrivateKeyDer("SEC1 EC"));
    }
    if version == [0] && second.is_universal(tag::INTEGER) {
        let mut count = 2;
        while let Some(e) = peek.element() {
            if !e.is_universal(tag::INTEGER) {
                return None;
            }
            count += 1;
        }
        return match count {
            9 => Some(Detected::PrivateKeyDer("PKCS#1 RSA")),
            6 => Some(Detected::PrivateKeyDer("OpenSSL DSA")),
            _ => None,
        };
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(s: &str) -> Vec<u8> {
        crate::hex::decode(s).unwrap()
    }

    #[test]
    fn empty_large_text_and_random() {
        assert_eq!(detect(b""), Detected::Empty);
        assert_eq!(detect(b" \r\n\t"), Detected::Empty);
        assert!(matches!(detect(b"hello world"), Detected::Unknown(_)));
        assert!(
            matches!(detect(&[0xde, 0xad, 0xbe, 0xef, 0x00]), Detected::Unknown(m) if crate::Error::NotRecognised(m.clone()).to_string().contains("DE AD BE EF"))
        );
        assert_eq!(
            detect(b"\xef\xbb\xbf-----BEGIN CERTIFICATE-----\n"),
            Detected::Pem
        );
        assert_eq!(
            detect(b"#Software: Microsoft Exchange Server\r\n"),
            Detected::ProtocolLog
        );
    }

    #[test]
    fn bare_base64_of_a_der_shape_is_recognised() {
        use base64::Engine;
        let pkcs8 = hex("300E020100 3005 0603 2B6570 0402 0000");
        let mut long = pkcs8.clone();
        long.extend(std::iter::repeat_n(0u8, 60)); // trailing bytes keep the shape, make it long enough
        let text = base64::engine::general_purpose::STANDARD.encode(&long);
        assert_eq!(bare_base64(text.as_bytes()).unwrap(), long);
        assert!(bare_base64(
            b"not base64 at all, not even close, certainly more than sixty-four chars"
        )
        .is_none());
        let random = base64::engine::general_purpose::STANDARD.encode([7u8; 80]);
        assert!(bare_base64(random.as_bytes()).is_none());
    }

    #[test]
    fn utf16_text_is_converted() {
        let pem = "-----BEGIN CERTIFICATE-----\n";
        let mut le = vec![0xff, 0xfe];
        le.extend(pem.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(utf16_text_as_utf8(&le).unwrap(), pem.as_bytes());
        let mut be = vec![0xfe, 0xff];
        be.extend(pem.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(utf16_text_as_utf8(&be).unwrap(), pem.as_bytes());
        assert!(utf16_text_as_utf8(&[0xff, 0xfe, 0x00]).is_none());
        assert!(utf16_text_as_utf8(b"-----BEGIN").is_none());
    }

    #[test]
    fn der_shapes() {
        // PFX header: SEQUENCE(indefinite) { INTEGER 3, SEQUENCE { OID data ...
        assert_eq!(
            detect(&hex("3080020103 3080 06092A864886F70D010701 A080")),
            Detected::Pkcs12
        );
        // ContentInfo envelopedData
        assert!(
            matches!(detect(&hex("300B06092A864886F70D010703")), Detected::NotACertificate(m) if m.contains("envelopedData"))
        );
        // OCSP response: SEQUENCE { ENUMERATED 6 }
        assert!(
            matches!(detect(&hex("30030A0106")), Detected::NotACertificate(m) if m.contains("OCSP"))
        );
        // PKCS#8: SEQUENCE { INTEGER 0, SEQUENCE { OID }, OCTET STRING }
        assert_eq!(
            detect(&hex("300E020100 3005 0603 2B6570 0402 0000")),
            Detected::PrivateKeyDer("PKCS#8")
        );
        // SEC1: SEQUENCE { INTEGER 1, OCTET STRING }
        assert_eq!(
            detect(&hex("3007020101 0402 0102")),
            Detected::PrivateKeyDer("SEC1 EC")
        );
        // SPKI: SEQUENCE { SEQUENCE { OID }, BIT STRING }
        assert!(
            matches!(detect(&hex("300B 3005 0603 2B6570 0302 0000")), Detected::NotACertificate(m) if m.contains("public key"))
        );
    }
}
