//! PEM text (RFC 7468 textual encodings, with RFC 1421 §4.4 encapsulated headers such as
//! `Proc-Type:`/`DEK-Info:` tolerated). A file may hold many blocks and any text before, between
//! and after them (OpenSSL's `Bag Attributes`, BoringSSL's test descriptions, Windows' CRLF).
//!
//! Each block is returned with its label and 1-based line; bad Base64 or a missing END line is
//! an error of *that block* only. Which labels matter is decided by the caller ([`BlockKind`]).
//! Written by hand (Base64 itself comes from the `base64` crate) because no PEM crate in the
//! dependency set reports per-block errors with line numbers, keeps RFC 1421 headers, and works
//! on bytes that are not UTF-8 (BoringSSL's test files, Windows-1252 text around the blocks).

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine;

use crate::error::{Error, Result};
use crate::limits::MAX_CERTS_PER_FILE;

/// Base64 as RFC 7468 §3 reads it: standard alphabet; padding may be missing.
const BASE64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// One `-----BEGIN X-----` … `-----END X-----` block.
#[derive(Debug, Clone)]
pub struct PemBlock {
    pub label: String,
    /// 1-based line of the BEGIN line.
    pub line: usize,
    /// RFC 1421 headers (`Proc-Type`, `DEK-Info`, …), in order.
    pub headers: Vec<(String, String)>,
    /// The `name: value` lines of OpenSSL's `Bag Attributes` section right before the block
    /// (`openssl pkcs12 -in x.pfx -out x.pem`: `friendlyName`, `localKeyID`, ...), in order.
    pub bag_attributes: Vec<(String, String)>,
    /// The decoded bytes, or why they could not be decoded.
    pub der: Result<Vec<u8>>,
}

/// What a block's label says it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Certificate,
    /// OpenSSL's `TRUSTED CERTIFICATE`: a certificate followed by trust settings.
    TrustedCertificate,
    Pkcs7,
    PrivateKey,
    PublicKey,
    CertificateRequest,
    Crl,
    Other,
}

impl BlockKind {
    pub fn of(label: &str) -> BlockKind {
        match label {
            "CERTIFICATE" | "X509 CERTIFICATE" | "X.509 CERTIFICATE" => BlockKind::Certificate,
            "TRUSTED CERTIFICATE" => BlockKind::TrustedCertificate,
            "PKCS7" | "PKCS #7 SIGNED DATA" | "CMS" | "CERTIFICATE CHAIN" => BlockKind::Pkcs7,
            "PRIVATE KEY"
            | "ENCRYPTED PRIVATE KEY"
            | "RSA PRIVATE KEY"
            | "EC PRIVATE KEY"
            | "DSA PRIVATE KEY"
            | "OPENSSH PRIVATE KEY" => BlockKind::PrivateKey,
            "PUBLIC KEY" | "RSA PUBLIC KEY" => BlockKind::PublicKey,
            "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => BlockKind::CertificateRequest,
            "X509 CRL" => BlockKind::Crl,
            _ => BlockKind::Other,
        }
    }
}

/// True when the bytes contain a PEM BEGIN line.
pub fn looks_like_pem(bytes: &[u8]) -> bool {
    lines(bytes).any(|(_, line)| begin_label(line).is_some())
}

/// Every block of a PEM text, at most [`MAX_CERTS_PER_FILE`]; the flag says whether more were cut off.
pub fn parse_blocks(bytes: &[u8]) -> (Vec<PemBlock>, bool) {
    let mut blocks = Vec::new();
    let mut iter = lines(bytes);
    let mut bag_attributes = Vec::new();
    let mut in_bag_attributes = false;
    while let Some((line_no, line)) = iter.next() {
        let Some(label) = begin_label(line) else {
            let trimmed = trim(line);
            if trimmed.starts_with(b"Bag Attributes") {
                in_bag_attributes = true;
                bag_attributes.clear();
            } else if in_bag_attributes && line.first().is_some_and(u8::is_ascii_whitespace) {
                if let Some(colon) = trimmed.iter().position(|b| *b == b':') {
                    let text = |part: &[u8]| String::from_utf8_lossy(part).trim().to_string();
                    bag_attributes.push((text(&trimmed[..colon]), text(&trimmed[colon + 1..])));
                }
            } else {
                in_bag_attributes = false; // `subject=`, `issuer=` or other text
            }
            continue;
        };
        let bag_attributes = std::mem::take(&mut bag_attributes);
        in_bag_attributes = false;
        if blocks.len() >= MAX_CERTS_PER_FILE {
            return (blocks, true);
        }
        let label = label.to_string();
        let end_marker = format!("-----END {label}-----");
        let mut body = Vec::new();
        let mut headers = Vec::new();
        let mut ended = false;
        let mut in_headers = true;
        for (_, inner) in iter.by_ref() {
            let trimmed = trim(inner);
            // OpenSSL and BoringSSL accept text after the END marker (BoringSSL's
            // subject_t61string_actual.pem ends with "-----END CERTIFICATE-----:").
            if trimmed.starts_with(end_marker.as_bytes()) {
                ended = true;
                break;
            }
            if begin_label(inner).is_some() {
                break; // a new block starts before this one ended
            }
            if in_headers {
                if let Some(colon) = trimmed.iter().position(|b| *b == b':') {
                    let name = String::from_utf8_lossy(&trimmed[..colon])
                        .trim()
                        .to_string();
                    let value = String::from_utf8_lossy(&trimmed[colon + 1..])
                        .trim()
                        .to_string();
                    headers.push((name, value));
                    continue;
                }
                if trimmed.is_empty()
                    || !headers.is_empty() && (inner.starts_with(b" ") || inner.starts_with(b"\t"))
                {
                    if !trimmed.is_empty() {
                        if let Some(last) = headers.last_mut() {
                            last.1.push_str(&String::from_utf8_lossy(trimmed));
                        }
                    }
                    continue;
                }
                in_headers = false;
            }
            body.extend(trimmed.iter().filter(|b| !b.is_ascii_whitespace()));
        }
        let der = if !ended {
            Err(Error::truncated(format!(
                "the PEM block {label:?} that starts on line {line_no} has no END line"
            )))
        } else {
            BASE64.decode(&body).map_err(|e| {
                Error::malformed(format!(
                    "the PEM block {label:?} on line {line_no} is not valid Base64 ({e})"
                ))
            })
        };
        blocks.push(PemBlock {
            label,
            line: line_no,
            headers,
            bag_attributes,
            der,
        });
    }
    (blocks, false)
}

fn lines(bytes: &[u8]) -> impl Iterator<Item = (usize, &[u8])> {
    // A UTF-8 byte order mark before the first BEGIN line: what Windows PowerShell 5.1 writes
    // with `Set-Content`/`Out-File -Encoding UTF8` ("any Unicode encoding except UTF7 always
    // creates a BOM", about_Character_Encoding) and Notepad's "UTF-8 with BOM".
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    PhysicalLines {
        rest: Some(bytes),
        number: 0,
    }
    .flat_map(|(number, line)| segments(line).into_iter().map(move |s| (number, s)))
}

/// Lines ended by LF, CRLF or a lone CR (classic Mac text; .NET's `PemEncoding` reads all three),
/// without their CRs. A run of CRs before an LF (`\r\r\n`, CRLF text converted once more) is one end.
struct PhysicalLines<'a> {
    rest: Option<&'a [u8]>,
    number: usize,
}

impl<'a> Iterator for PhysicalLines<'a> {
    type Item = (usize, &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.rest?;
        let end = rest.iter().enumerate().position(|(i, b)| {
            *b == b'\n' || *b == b'\r' && !matches!(rest.get(i + 1), Some(b'\r' | b'\n'))
        });
        let line = &rest[..end.unwrap_or(rest.len())];
        self.rest = end.map(|e| &rest[e + 1..]);
        self.number += 1;
        let content = line.len() - line.iter().rev().take_while(|b| **b == b'\r').count();
        Some((self.number, &line[..content]))
    }
}

/// One line cut where a PEM boundary starts or a BEGIN boundary ends inside it: a PEM whose line
/// breaks were lost (pasted through a one-line field or a chat, `-----BEGIN CERTIFICATE----- MIIE...
/// -----END CERTIFICATE-----`) has its blocks found as .NET's `PemEncoding.Find` finds them. As
/// there, a BEGIN boundary counts only at the start of the line or after white space.
fn segments(line: &[u8]) -> Vec<&[u8]> {
    const BEGIN: &[u8] = b"-----BEGIN ";
    const END: &[u8] = b"-----END ";
    if !line.windows(5).any(|w| w == b"-----") {
        return vec![line];
    }
    let mut cuts = Vec::new();
    let mut i = 0;
    while i < line.len() {
        let at = &line[i..];
        let after_space = i == 0 || line[i - 1].is_ascii_whitespace();
        if at.starts_with(BEGIN) && after_space {
            cuts.push(i);
            let close = at[BEGIN.len()..]
                .windows(5)
                .position(|w| w == b"-----")
                .map(|c| i + BEGIN.len() + c + 5);
            if let Some(close) = close.filter(|c| begin_label(&line[i..*c]).is_some()) {
                cuts.push(close);
                i = close;
                continue;
            }
        } else if at.starts_with(END) && i > 0 {
            cuts.push(i);
        }
        i += 1;
    }
    let mut parts = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for cut in cuts {
        if cut > start {
            parts.push(&line[start..cut]);
            start = cut;
        }
    }
    parts.push(&line[start..]);
    parts
}

fn trim(line: &[u8]) -> &[u8] {
    let start = line
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(line.len());
    let end = line
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |p| p + 1);
    &line[start..end.max(start)]
}

/// The label of a `-----BEGIN LABEL-----` line (surrounding white space allowed).
fn begin_label(line: &[u8]) -> Option<&str> {
    let line = std::str::from_utf8(trim(line)).ok()?;
    let label = line.strip_prefix("-----BEGIN ")?.strip_suffix("-----")?;
    if label.is_empty() || label.len() > 64 || label.contains("-----") {
        return None;
    }
    Some(label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_blocks_with_text_crlf_and_headers() {
        let text = b"Bag Attributes\r\n    friendlyName: x\r\n-----BEGIN CERTIFICATE-----\r\nAAEC\r\nAw==\r\n-----END CERTIFICATE-----\r\n\
middle text\n-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: DES-EDE3-CBC,0011\n\nBAU=\n-----END RSA PRIVATE KEY-----\ntrailer";
        let (blocks, cut) = parse_blocks(text);
        assert!(!cut);
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[0].label, "CERTIFICATE");
        assert_eq!(blocks[0].line, 3);
        assert_eq!(blocks[0].der.as_ref().unwrap(), &vec![0, 1, 2, 3]);
        assert_eq!(
            blocks[1].headers[0],
            ("Proc-Type".to_string(), "4,ENCRYPTED".to_string())
        );
        assert_eq!(blocks[1].headers.len(), 2);
        assert_eq!(blocks[1].der.as_ref().unwrap(), &vec![4, 5]);
        assert_eq!(BlockKind::of(&blocks[1].label), BlockKind::PrivateKey);
    }

    #[test]
    fn openssl_bag_attributes_before_a_block() {
        let text = b"Bag Attributes\n    localKeyID: 01 00 00 00 \n    friendlyName: mail: 2026\nsubject=CN = x\n\
-----BEGIN CERTIFICATE-----\nAAEC\n-----END CERTIFICATE-----\nBag Attributes: <No Attributes>\nsubject=CN = y\n\
-----BEGIN CERTIFICATE-----\nAAEC\n-----END CERTIFICATE-----\n";
        let (blocks, _) = parse_blocks(text);
        assert_eq!(
            blocks[0].bag_attributes,
            [
                ("localKeyID".to_string(), "01 00 00 00".to_string()),
                ("friendlyName".to_string(), "mail: 2026".to_string())
            ]
        );
        assert!(blocks[1].bag_attributes.is_empty());
    }

    #[test]
    fn bad_base64_and_missing_end_are_block_errors() {
        let text = b"-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\nAAEC\n-----END CERTIFICATE-----:\n-----BEGIN X509 CRL-----\nAAEC\n";
        let (blocks, _) = parse_blocks(text);
        assert_eq!(blocks.len(), 3);
        assert_eq!(blocks[0].der.as_ref().unwrap_err().code(), "malformed");
        assert_eq!(blocks[1].der.as_ref().unwrap(), &vec![0, 1, 2]);
        assert_eq!(blocks[2].der.as_ref().unwrap_err().code(), "truncated");
        assert_eq!(BlockKind::of(&blocks[2].label), BlockKind::Crl);
    }

    #[test]
    fn line_breaks_lost_or_lone_crs() {
        // .NET PemEncoding's own cases: one line, CR only, mixed; \r\r\n is one line end.
        for text in [
            &b"-----BEGIN CERTIFICATE-----AAEC-----END CERTIFICATE-----"[..],
            b"x -----BEGIN CERTIFICATE----- AA EC -----END CERTIFICATE----- y",
            b"boop\r-----BEGIN CERTIFICATE-----\rAAEC\r-----END CERTIFICATE-----",
            b"-----BEGIN CERTIFICATE-----\rAA\r\nEC\n-----END CERTIFICATE-----",
            b"-----BEGIN CERTIFICATE-----\r\r\nAAEC\r\r\n-----END CERTIFICATE-----\r\r\n",
        ] {
            let (blocks, _) = parse_blocks(text);
            assert_eq!(blocks.len(), 1, "{}", String::from_utf8_lossy(text));
            assert_eq!(blocks[0].der.as_ref().unwrap(), &vec![0, 1, 2]);
        }
        let (blocks, _) =
            parse_blocks(b"a\rb\r-----BEGIN CERTIFICATE-----\rAAEC\r-----END CERTIFICATE-----");
        assert_eq!(blocks[0].line, 3);
        // Two blocks on one line.
        let (blocks, _) = parse_blocks(
            b"-----BEGIN CERTIFICATE----- AAEC -----END CERTIFICATE----- -----BEGIN X509 CRL----- BAU= -----END X509 CRL-----",
        );
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[1].label, "X509 CRL");
        assert_eq!(blocks[1].der.as_ref().unwrap(), &vec![4, 5]);
        // As in .NET, a BEGIN boundary glued to other text is not one.
        assert!(!looks_like_pem(
            b"boop-----BEGIN CERTIFICATE-----\nAAEC\n-----END CERTIFICATE-----"
        ));
    }

    #[test]
    fn labels() {
        assert_eq!(BlockKind::of("X509 CERTIFICATE"), BlockKind::Certificate);
        assert_eq!(
            BlockKind::of("NEW CERTIFICATE REQUEST"),
            BlockKind::CertificateRequest
        );
        assert_eq!(BlockKind::of("PKCS7"), BlockKind::Pkcs7);
        assert_eq!(BlockKind::of("SERIAL"), BlockKind::Other);
        assert!(!looks_like_pem(b"#-----BEGIN SERIAL-----"));
        assert!(looks_like_pem(b"  -----BEGIN CERTIFICATE-----  "));
    }
}
