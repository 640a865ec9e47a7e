//! One X.509 certificate (RFC 5280 §4.1) → [`CertificateReport`]: the fields Windows, .NET and
//! Exchange show (`Thumbprint`, `SerialNumber`, `Subject`, `Issuer`, `TlsCertificateName`, …).
//!
//! x509-parser 0.16 is the strict parser: it validates the certificate and decodes the extensions.
//! [`super::tbs::walk`] supplies the exact raw spans (.NET's `SerialNumber` is the INTEGER's content
//! octets as encoded; names are rendered from their raw DER). When x509-parser rejects a certificate
//! that the structural walk accepts (as OpenSSL and Windows do, e.g. BER UTCTime or a PrintableString
//! with `&`), the certificate is still reported from the walk, extensions are decoded one by one, and
//! a warning says why.

use sha1::{Digest, Sha1};
use sha2::Sha256;
use x509_parser::extensions::{GeneralName, ParsedExtension, X509Extension};
use x509_parser::prelude::FromDer;

use super::{dn_dotnet, rfc4514, spki, tbs};
use crate::asn1::{self, tag, Class, Rules};
use crate::error::{Error, Result};
use crate::report::CertificateReport;
use crate::warning::{NameField, TimeField, Warning, WarningReport};

/// A certificate report plus the SubjectPublicKeyInfo DER needed for key matching.
#[derive(Debug, Clone)]
pub struct ParsedCertificate {
    pub report: CertificateReport,
    pub spki_der: Vec<u8>,
}

/// Reads one DER certificate spanning all of `der_bytes`.
pub fn read_certificate(der_bytes: &[u8]) -> Result<ParsedCertificate> {
    if der_bytes.len() as u64 > crate::limits::MAX_CERT_FILE_BYTES {
        return Err(Error::TooLarge {
            what: "the certificate".into(),
            limit: crate::limits::MAX_CERT_FILE_BYTES,
        });
    }
    // Bound the work of every reader below (x509-parser, both name renderers) before any runs.
    asn1::count_elements(
        der_bytes,
        crate::limits::MAX_CERT_ASN1_ELEMENTS,
        "The certificate",
    )?;
    let raw = tbs::walk(der_bytes)?;
    super::name::check_name_size(raw.subject)?;
    super::name::check_name_size(raw.issuer)?;
    let mut warnings = Vec::new();

    let strict = x509_parser::certificate::X509Certificate::from_der(der_bytes);
    let lenient_extensions;
    let extensions: &[X509Extension<'_>] = match &strict {
        Ok((_, certificate)) => certificate.extensions(),
        Err(e) => {
            warnings.push(Warning::ReadLeniently {
                reason: e.to_string(),
            });
            lenient_extensions = raw
                .extensions
                .iter()
                .filter_map(|bytes| match X509Extension::from_der(bytes) {
                    Ok((_, extension)) => Some(extension),
                    Err(_) => None,
                })
                .collect::<Vec<_>>();
            if lenient_extensions.len() != raw.extensions.len() {
                warnings.push(Warning::ExtensionsUndecodable);
            }
            &lenient_extensions
        }
    };

    let subject = render_name(raw.subject, NameField::Subject, &mut warnings);
    let issuer = render_name(raw.issuer, NameField::Issuer, &mut warnings);
    let subject_rfc4514 = rfc4514::rfc4514_string(raw.subject).unwrap_or_default();
    let issuer_rfc4514 = rfc4514::rfc4514_string(raw.issuer).unwrap_or_default();

    serial_warnings(raw.serial, &mut warnings);
    let not_before = time_or_raw(&raw.not_before, TimeField::NotBefore, &mut warnings);
    let not_after = time_or_raw(&raw.not_after, TimeField::NotAfter, &mut warnings);

    let facts = ExtensionFacts::from_extensions(extensions, &mut warnings);
    let self_signed = raw.issuer == raw.subject || (!issuer.is_empty() && issuer == subject);

    let report = CertificateReport {
        thumbprint: crate::hex::upper(&Sha1::digest(der_bytes)),
        sha256: crate::hex::upper(&Sha256::digest(der_bytes)),
        tls_certificate_name: format!("<I>{issuer}<S>{subject}"),
        subject,
        issuer,
        subject_rfc4514,
        issuer_rfc4514,
        serial_number: crate::hex::upper(raw.serial),
        not_before,
        not_after,
        public_key: spki::describe(raw.spki),
        signature_algorithm_oid: raw.signature_algorithm_oid.clone(),
        dns_names: facts.dns_names,
        has_private_key: false,
        friendly_name: None,
        local_key_id: None,
        version: raw.version,
        self_signed,
        subject_alternative_names: facts.subject_alternative_names,
        extended_key_usages: facts.extended_key_usages,
        key_usages: facts.key_usages,
        is_ca: facts.is_ca,
        extension_count: raw.extensions.len(),
        warnings: warnings.into_iter().map(WarningReport::from).collect(),
        matching_key_file: None,
        private_key_locked: false,
    };
    Ok(ParsedCertificate {
        report,
        spki_der: raw.spki.to_vec(),
    })
}

/// The report of one DER certificate (for readers that keep the SPKI themselves, e.g. PKCS#12).
pub fn report_from_der(der_bytes: &[u8]) -> Result<CertificateReport> {
    read_certificate(der_bytes).map(|parsed| parsed.report)
}

fn render_name(raw: &[u8], which: NameField, warnings: &mut Vec<Warning>) -> String {
    match dn_dotnet::decode_checked(raw, dn_dotnet::DnFlags::REVERSED) {
        Ok(rendered) => {
            for note in rendered.notes {
                warnings.push(Warning::NameNote {
                    which,
                    note: note.to_string(),
                });
            }
            rendered.text
        }
        Err(e) => {
            warnings.push(Warning::NameUndecodable {
                which,
                error: e.to_string(),
            });
            String::new()
        }
    }
}

fn serial_warnings(serial: &[u8], warnings: &mut Vec<Warning>) {
    if serial.first().is_some_and(|b| b & 0x80 != 0) {
        warnings.push(Warning::SerialNegative);
    } else if serial.iter().all(|b| *b == 0) {
        warnings.push(Warning::SerialZero);
    }
    if serial.len() > 20 {
        warnings.push(Warning::SerialTooLong {
            octets: serial.len(),
        });
    }
}

fn time_or_raw(
    element: &asn1::Element<'_>,
    which: TimeField,
    warnings: &mut Vec<Warning>,
) -> String {
    match tbs::time_to_rfc3339(element) {
        Ok(text) => {
            if element.is_universal(tag::UTC_TIME) && element.content.len() != 13 {
                warnings.push(Warning::TimeNotDer { which });
            }
            text
        }
        Err(e) => {
            warnings.push(Warning::TimeUnreadable {
                which,
                error: e.to_string(),
            });
            String::from_utf8_lossy(element.content).into_owned()
        }
    }
}

/// What the extensions say, in report form.
#[derive(Debug, Default)]
struct ExtensionFacts {
    dns_names: Vec<String>,
    subject_alternative_names: Vec<String>,
    extended_key_usages: Vec<String>,
    key_usages: Vec<String>,
    is_ca: Option<bool>,
}

const KEY_USAGE_NAMES: [&str; 9] = [
    "digitalSignature",
    "nonRepudiation",
    "keyEncipherment",
    "dataEncipherment",
    "keyAgreement",
    "keyCertSign",
    "cRLSign",
    "encipherOnly",
    "decipherOnly",
];

impl ExtensionFacts {
    fn from_extensions(extensions: &[X509Extension<'_>], warnings: &mut Vec<Warning>) -> Self {
        let mut facts = ExtensionFacts::default();
        for extension in extensions {
            match extension.parsed_extension() {
                ParsedExtension::SubjectAlternativeName(san) => {
                    for general_name in &san.general_names {
                        if let GeneralName::DNSName(dns) = general_name {
                            facts.dns_names.push((*dns).to_string());
                        }
                        facts
                            .subject_alternative_names
                            .push(general_name_text(general_name));
                    }
                }
                ParsedExtension::KeyUsage(usage) => {
                    facts.key_usages = KEY_USAGE_NAMES
                        .iter()
                        .enumerate()
                        .filter(|(bit, _)| usage.flags >> bit & 1 == 1)
                        .map(|(_, name)| (*name).to_string())
                        .collect();
                }
                ParsedExtension::BasicConstraints(constraints) => {
                    facts.is_ca = Some(constraints.ca)
                }
                ParsedExtension::ExtendedKeyUsage(_) => {
                    // Read by hand to keep the certificate's order (x509-parser folds known EKUs into flags).
                    facts.extended_key_usages = extended_key_usages(extension.value);
                }
                ParsedExtension::ParseError { error } => {
                    warnings.push(Warning::ExtensionUndecodable {
                        oid: extension.oid.to_id_string(),
                        error: error.to_string(),
                    });
                }
                _ => {}
            }
        }
        facts
    }
}

pub(crate) fn general_name_text(name: &GeneralName<'_>) -> String {
    match name {
        GeneralName::DNSName(s) => format!("DNS:{s}"),
        GeneralName::RFC822Name(s) => format!("email:{s}"),
        GeneralName::URI(s) => format!("URI:{s}"),
        GeneralName::IPAddress(bytes) => match bytes.len() {
            4 => format!(
                "IP:{}",
                std::net::Ipv4Addr::new(bytes[0], bytes[1], bytes[2], bytes[3])
            ),
            16 => {
                let mut octets = [0u8; 16];
                octets.copy_from_slice(bytes);
                format!("IP:{}", std::net::Ipv6Addr::from(octets))
            }
            _ => format!("IP:#{}", crate::hex::upper(bytes)),
        },
        GeneralName::DirectoryName(name) => format!("DirName:{}", dn_dotnet::name(name.as_raw())),
        GeneralName::RegisteredID(oid) => format!("RID:{}", oid.to_id_string()),
        GeneralName::OtherName(oid, _) => format!("other:{}", oid.to_id_string()),
        GeneralName::X400Address(_) => "X400Address".to_string(),
        GeneralName::EDIPartyName(_) => "EDIPartyName".to_string(),
    }
}

/// `ExtKeyUsageSyntax ::= SEQUENCE SIZE (1..MAX) OF KeyPurposeId` (RFC 5280 §4.2.1.12), by name.
fn extended_key_usages(value: &[u8]) -> Vec<String> {
    let Ok(sequence) = asn1::parse_exact(value, Rules::Der, "the extended key usage") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for purpose in sequence.children(Rules::Der).flatten() {
        if purpose.is(Class::Universal, false, tag::OID) {
            if let Some(oid) = asn1::oid::oid_to_string(purpose.content) {
                out.push(eku_name(&oid).map(str::to_string).unwrap_or(oid));
            }
        }
    }
    out
}

fn eku_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "1.3.6.1.5.5.7.3.1" => "serverAuth",
        "1.3.6.1.5.5.7.3.2" => "clientAuth",
        "1.3.6.1.5.5.7.3.3" => "codeSigning",
        "1.3.6.1.5.5.7.3.4" => "emailProtection",
        "1.3.6.1.5.5.7.3.8" => "timeStamping",
        "1.3.6.1.5.5.7.3.9" => "OCSPSigning",
        "2.5.29.37.0" => "anyExtendedKeyUsage",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS_CER: &[u8] = include_bytes!(
        "../../../../testdata/corpus/x509/dotnet-runtime-assets/System.Security.Cryptography.X509Certificates.TestData/MS.cer"
    );

    #[test]
    fn dotnet_fields_of_a_windows_certificate() {
        let c = read_certificate(MS_CER).unwrap().report;
        // dotnet/runtime PropsTests.cs (TestData.MsCertificate).
        assert_eq!(c.subject, "CN=Microsoft Corporation, OU=MOPR, O=Microsoft Corporation, L=Redmond, S=Washington, C=US");
        assert_eq!(
            c.issuer,
            "CN=Microsoft Code Signing PCA, O=Microsoft Corporation, L=Redmond, S=Washington, C=US"
        );
        assert_eq!(c.serial_number, "33000000B011AF0A8BD03B9FDD0001000000B0");
        assert_eq!(c.thumbprint, "108E2BA23632620C427C570B6D9DB51AC31387FE");
        assert_eq!(c.extended_key_usages, vec!["codeSigning".to_string()]);
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
        assert!(!c.self_signed);
    }

    #[test]
    fn a_certificate_x509_parser_rejects_is_still_reported_with_a_warning() {
        // Month 13 in notBefore: x509-parser refuses the certificate, the structural walk does not.
        let mut der = MS_CER.to_vec();
        let at = der
            .windows(13)
            .position(|w| w == b"130124223339Z")
            .expect("notBefore of MS.cer");
        der[at + 2..at + 4].copy_from_slice(b"13");
        let c = read_certificate(&der).unwrap().report;
        assert!(
            c.warnings
                .iter()
                .any(|w| w.message.contains("x509-parser rejects")),
            "{:?}",
            c.warnings
        );
        assert!(
            c.warnings
                .iter()
                .any(|w| w.message.starts_with("notBefore")),
            "{:?}",
            c.warnings
        );
        assert_eq!(c.not_before, "131324223339Z");
        assert_eq!(c.not_after, "2014-04-24T22:33:39Z");
        assert_eq!(c.serial_number, "33000000B011AF0A8BD03B9FDD0001000000B0");
        assert_eq!(c.subject, "CN=Microsoft Corporation, OU=MOPR, O=Microsoft Corporation, L=Redmond, S=Washington, C=US");
        // Extensions are still decoded one by one.
        assert_eq!(c.extended_key_usages, vec!["codeSigning".to_string()]);
        assert_eq!(c.extension_count, 6);
    }

    #[test]
    fn structural_errors_are_named() {
        assert_eq!(
            read_certificate(&MS_CER[..100]).unwrap_err().code(),
            "truncated"
        );
        let mut extra = MS_CER.to_vec();
        extra.push(0);
        assert_eq!(read_certificate(&extra).unwrap_err().code(), "malformed");
        assert_eq!(
            read_certificate(&[0x30, 0x00]).unwrap_err().code(),
            "truncated"
        );
        assert_eq!(
            read_certificate(&[0x02, 0x01, 0x00]).unwrap_err().code(),
            "malformed"
        );
    }
}
