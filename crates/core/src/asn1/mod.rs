//! ASN.1 (ITU-T X.680) as encoded by BER and DER (ITU-T X.690): the one reader every structure
//! in this crate is read with (certificates, names, PKCS#7, PKCS#12, PKCS#8 and raw keys).
//!
//! Written by hand rather than with `asn1-rs` because the callers need, all at once:
//! * the exact byte span of every element (certificate DER to hash for thumbprints, .NET's raw
//!   `SerialNumber`, the raw Name DER);
//! * BER exactly as tolerant as BoringSSL (`crypto/bytestring/cbs.c`, `ber.c`), which is what the
//!   files from Windows, Java and NSS need and nothing more: indefinite lengths (X.690 §8.1.3.6),
//!   constructed OCTET STRINGs one level deep (X.690 §8.7.3) while a constructed string inside a
//!   constructed string is an error (corpus file `empty_password_ber_nested.p12`), length octets
//!   that fit in four bytes;
//! * a strict DER mode (X.690 §10.1 definite, minimal lengths) that mirrors .NET's
//!   `AsnReader(AsnEncodingRules.DER)` for distinguished names;
//! * hard caps: nesting depth is capped by [`crate::limits::MAX_ASN1_DEPTH`], every length is
//!   checked against what is left, nothing panics on untrusted input and reading allocates nothing
//!   (only reassembling a constructed string or formatting an OID does).
//!
//! * [`reader`]: identifier and length octets, elements with raw spans, [`Rules`], [`Reader`].
//! * [`tag`]: universal tag numbers (X.680 §8.4).
//! * [`oid`]: OBJECT IDENTIFIER contents to dotted text (X.690 §8.19), the OIDs this crate knows.
//! * [`values`]: INTEGER, BIT STRING, OCTET STRING and BMPString contents.

pub mod oid;
pub mod reader;
pub mod tag;
pub mod values;

pub use reader::{
    count_elements, header, parse, parse_exact, Class, Element, Header, Reader, Rules,
};
