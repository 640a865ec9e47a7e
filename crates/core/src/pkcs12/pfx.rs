//! The outer `PFX` structure (RFC 7292 §4).
//!
//! ```text
//! PFX ::= SEQUENCE { version INTEGER {v3(3)}, authSafe ContentInfo, macData MacData OPTIONAL }
//! ```
//! `authSafe` must be `data` (password integrity mode); its OCTET STRING contents are what the
//! MAC covers and hold the DER/BER of the AuthenticatedSafe. Bytes after the PFX are tolerated
//! and counted (Windows pads some exports with zeros).

use std::borrow::Cow;

use super::content_info::{self, ContentInfo};
use super::mac_data::MacData;
use crate::asn1::oid;
use crate::asn1::{tag, Class, Reader, Rules};
use crate::error::{Error, Result};

/// A parsed PFX.
pub struct Pfx<'a> {
    /// Contents octets of the authSafe `data`: the AuthenticatedSafe encoding, covered by the MAC.
    pub auth_safe: Cow<'a, [u8]>,
    /// `Err` when the MacData names an algorithm we cannot run (reported, not fatal to parsing).
    pub mac_data: Option<Result<MacData>>,
    pub trailing_bytes: usize,
}

pub fn parse(bytes: &[u8]) -> Result<Pfx<'_>> {
    if bytes.first() != Some(&0x30) {
        return Err(Error::malformed(
            "PFX: the file does not start with a SEQUENCE, so it is not PKCS#12",
        ));
    }
    let mut top = Reader::new(bytes, Rules::Ber, "PFX");
    let outer = top.element("the PFX")?;
    let trailing = top.remaining();
    if outer.class != Class::Universal || outer.tag != tag::SEQUENCE || !outer.constructed {
        return Err(Error::malformed(
            "PFX: the file does not start with a SEQUENCE",
        ));
    }
    let mut r = Reader::children(&outer, "PFX")?;
    let version = r.version("version")?;
    if version != 3 {
        return Err(Error::malformed(format!(
            "PFX: version {version} (expected 3)"
        )));
    }
    let auth_safe_element = r.sequence("authSafe")?;
    let auth_safe = match content_info::parse(&auth_safe_element)? {
        ContentInfo::Data(bytes) => bytes,
        ContentInfo::Unsupported(o) if o == oid::SIGNED_DATA => return Err(oid::unsupported(&o)),
        ContentInfo::Encrypted { .. } => {
            return Err(Error::malformed(
                "PFX: authSafe is encryptedData (must be data)",
            ))
        }
        ContentInfo::Unsupported(o) => return Err(oid::unsupported(&o)),
    };
    let mac_data = match r.optional(tag::SEQUENCE)? {
        // An algorithm we cannot run is reported and the rest still read; anything else is fatal.
        Some(m) => match MacData::parse(&m) {
            Err(e @ Error::UnsupportedAlgorithm { .. }) => Some(Err(e)),
            other => Some(Ok(other?)),
        },
        None => None,
    };
    if !r.is_empty() {
        return Err(Error::malformed("PFX: unexpected fields after MacData"));
    }
    Ok(Pfx {
        auth_safe,
        mac_data,
        trailing_bytes: trailing.len(),
    })
}
