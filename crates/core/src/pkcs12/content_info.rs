//! `ContentInfo` (RFC 2315 §7 as profiled by RFC 7292 §4.1), `AuthenticatedSafe` (RFC 7292 §4.1)
//! and `EncryptedData` (RFC 2315 §13).
//!
//! ```text
//! ContentInfo ::= SEQUENCE { contentType OBJECT IDENTIFIER, content [0] EXPLICIT ANY OPTIONAL }
//! AuthenticatedSafe ::= SEQUENCE OF ContentInfo   -- data / encryptedData / envelopedData
//! EncryptedData ::= SEQUENCE { version INTEGER, encryptedContentInfo EncryptedContentInfo }
//! EncryptedContentInfo ::= SEQUENCE { contentType, contentEncryptionAlgorithm AlgorithmIdentifier,
//!     encryptedContent [0] IMPLICIT OCTET STRING OPTIONAL }
//! ```
//! A ContentInfo whose content is omitted is an error (BoringSSL `bad1.p12`..`bad3.p12`).

use std::borrow::Cow;

use super::pbe::EncryptionScheme;
use crate::asn1::oid;
use crate::asn1::{self, tag, values, Element, Reader, Rules};
use crate::error::{Error, Result};
use crate::limits::MAX_PKCS12_BAGS;

/// One ContentInfo of the AuthenticatedSafe.
pub enum ContentInfo<'a> {
    /// `data`: the OCTET STRING contents (a SafeContents encoding).
    Data(Cow<'a, [u8]>),
    /// `encryptedData`: the scheme (or why it is unusable) and the ciphertext.
    Encrypted {
        scheme: Result<EncryptionScheme>,
        ciphertext: Cow<'a, [u8]>,
    },
    /// Any other content type (envelopedData, signedData, ...), by OID.
    Unsupported(String),
}

pub fn parse<'a>(e: &Element<'a>) -> Result<ContentInfo<'a>> {
    let mut r = Reader::children(e, "ContentInfo")?;
    let content_type = r.oid("contentType")?;
    let missing = || {
        Error::malformed(format!(
            "ContentInfo ({}) has no content",
            oid::name(&content_type).unwrap_or(&content_type)
        ))
    };
    match content_type.as_str() {
        oid::DATA => {
            let explicit = r.optional_context(0)?.ok_or_else(missing)?;
            let mut inner = Reader::children(&explicit, "ContentInfo content")?;
            let octets = inner.octet_string("data")?;
            Ok(ContentInfo::Data(octets))
        }
        oid::ENCRYPTED_DATA => {
            let explicit = r.optional_context(0)?.ok_or_else(missing)?;
            let mut inner = Reader::children(&explicit, "ContentInfo content")?;
            let encrypted_data = inner.sequence("EncryptedData")?;
            let mut ed = Reader::children(&encrypted_data, "EncryptedData")?;
            let _version = ed.version("version")?;
            let eci = ed.sequence("EncryptedContentInfo")?;
            let mut er = Reader::children(&eci, "EncryptedContentInfo")?;
            let _content_type = er.oid("contentType")?;
            let alg = er.sequence("contentEncryptionAlgorithm")?;
            let scheme = EncryptionScheme::parse(&alg);
            let encrypted = er
                .optional_context(0)?
                .ok_or_else(|| Error::malformed("EncryptedContentInfo has no encryptedContent"))?;
            // [0] IMPLICIT OCTET STRING: primitive, or constructed from OCTET STRING segments.
            let ciphertext = values::octet_string_contents(&encrypted, "encryptedContent")?;
            Ok(ContentInfo::Encrypted { scheme, ciphertext })
        }
        other => Ok(ContentInfo::Unsupported(other.to_string())),
    }
}

/// Parses the AuthenticatedSafe (a SEQUENCE OF ContentInfo).
pub fn parse_authenticated_safe(bytes: &[u8]) -> Result<Vec<ContentInfo<'_>>> {
    let seq = asn1::parse_exact(bytes, Rules::Ber, "AuthenticatedSafe")?;
    if seq.tag != tag::SEQUENCE {
        return Err(Error::malformed("AuthenticatedSafe is not a SEQUENCE"));
    }
    let mut r = Reader::children(&seq, "AuthenticatedSafe")?;
    let mut out = Vec::new();
    while let Some(e) = r.next_element()? {
        if out.len() >= MAX_PKCS12_BAGS {
            return Err(Error::TooLarge {
                what: "ContentInfos in one PKCS#12 file".into(),
                limit: MAX_PKCS12_BAGS as u64,
            });
        }
        out.push(parse(&e)?);
    }
    Ok(out)
}
