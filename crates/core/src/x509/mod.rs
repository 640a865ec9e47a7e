//! X.509 certificates as Windows, .NET and Exchange see them.
//!
//! Everything here is read with [`crate::asn1`].
//!
//! * [`pem`]: PEM blocks (RFC 7468, RFC 1421 headers).
//! * [`tbs`]: structural walk of `Certificate`/`TBSCertificate` (raw spans, lenient times).
//! * [`certificate`]: one certificate → the contract's `CertificateReport`.
//! * [`csr`]: a certificate signing request (PKCS#10) → what it asks for.
//! * [`spki`]: public key kind and size.
//! * [`name`]: X.501 `Name` structure; [`dn_dotnet`]: .NET `X500DistinguishedName.Decode`;
//!   [`rfc4514`]: pyca's RFC 4514 string.
//! * [`pkcs7`]: certificates from PKCS#7 / CMS SignedData (`.p7b`, `.p7c`).

pub mod certificate;
pub mod csr;
pub mod dn_dotnet;
pub mod name;
pub mod pem;
pub mod pkcs7;
pub mod rfc4514;
pub mod spki;
pub mod tbs;
