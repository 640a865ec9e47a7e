//! A certificate signing request (PKCS#10, RFC 2986 §4): what `New-ExchangeCertificate
//! -GenerateRequest`, `certreq -new` or `openssl req -new` wrote, read for what it asks for
//! (subject, names, key) so the admin is told it is a request waiting for the CA's answer.

use x509_parser::certification_request::X509CertificationRequest;
use x509_parser::extensions::{GeneralName, ParsedExtension};
use x509_parser::prelude::FromDer;

use super::{dn_dotnet, rfc4514, spki};
use crate::asn1;
use crate::error::{Error, Result};
use crate::report::CertificateRequestReport;

/// Reads the DER request spanning `der` (trailing bytes are tolerated, as for a certificate).
pub fn read_request(der: &[u8]) -> Result<CertificateRequestReport> {
    if der.len() as u64 > crate::limits::MAX_CERT_FILE_BYTES {
        return Err(Error::TooLarge {
            what: "the certificate request".into(),
            limit: crate::limits::MAX_CERT_FILE_BYTES,
        });
    }
    let (element, _) = asn1::parse(der, asn1::Rules::Ber)?;
    asn1::count_elements(
        element.raw,
        crate::limits::MAX_CERT_ASN1_ELEMENTS,
        "The certificate request",
    )?;
    let (_, request) = X509CertificationRequest::from_der(element.raw)
        .map_err(|e| Error::malformed(format!("the certificate request does not decode ({e})")))?;
    let info = &request.certification_request_info;
    let subject_der = info.subject.as_raw();
    super::name::check_name_size(subject_der)?;
    let subject = dn_dotnet::decode_checked(subject_der, dn_dotnet::DnFlags::REVERSED)
        .map(|rendered| rendered.text)
        .unwrap_or_default();
    let mut report = CertificateRequestReport {
        subject,
        subject_rfc4514: rfc4514::rfc4514_string(subject_der).unwrap_or_default(),
        public_key: spki::describe(info.subject_pki.raw),
        dns_names: Vec::new(),
        subject_alternative_names: Vec::new(),
        signature_algorithm_oid: request.signature_algorithm.algorithm.to_id_string(),
    };
    if let Some(extensions) = request.requested_extensions() {
        for extension in extensions {
            if let ParsedExtension::SubjectAlternativeName(san) = extension {
                for name in &san.general_names {
                    if let GeneralName::DNSName(dns) = name {
                        report.dns_names.push((*dns).to_string());
                    }
                    report
                        .subject_alternative_names
                        .push(super::certificate::general_name_text(name));
                }
            }
        }
    }
    Ok(report)
}
