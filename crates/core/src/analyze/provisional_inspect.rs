//! TRANSIENT: a minimal certificate reader used by [`super::Analyzer`] until
//! `crate::inspect::inspect_one` (issue 2) lands on main; then this file is deleted.
//! Reads PEM/DER X.509 certificates with x509-parser; hands PKCS#12 and key files to their
//! owners' entry points.

use sha1::{Digest, Sha1};
use sha2::Sha256;
use x509_parser::prelude::*;

use crate::inspect::InspectedFile;
use crate::report::{CertificateReport, ErrorReport, FileKind, FileReport};

pub fn inspect_one(path: &str, bytes: &[u8], passwords: &[String]) -> InspectedFile {
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_string();
    if text.contains("PRIVATE KEY-----") && !text.contains("BEGIN CERTIFICATE") {
        return crate::keys::inspect_private_key_file(path, bytes, passwords);
    }
    let mut ders: Vec<Vec<u8>> = Vec::new();
    if text.contains("-----BEGIN CERTIFICATE-----") {
        for pem in Pem::iter_from_buffer(bytes).flatten() {
            if pem.label == "CERTIFICATE" {
                ders.push(pem.contents);
            }
        }
    } else if X509Certificate::from_der(bytes).is_ok() {
        ders.push(bytes.to_vec());
    } else if bytes.first() == Some(&0x30) && !bytes.is_empty() {
        return crate::pkcs12::inspect_pkcs12(path, bytes, passwords);
    }
    let mut report = FileReport::new(path, if ders.is_empty() { FileKind::Unknown } else { FileKind::X509Cert });
    let mut spkis = Vec::new();
    for der in &ders {
        if let Ok((_, cert)) = X509Certificate::from_der(der) {
            spkis.push(cert.public_key().raw.to_vec());
            report.certificates.push(certificate_report(der, &cert));
        }
    }
    if report.certificates.is_empty() {
        report.error = Some(ErrorReport { code: "not-a-certificate".into(), message: "No certificate found in this file.".into() });
    }
    InspectedFile { report, certificate_spkis: spkis, key_publics: Vec::new() }
}

fn dotnet_name(name: &X509Name<'_>) -> String {
    let mut parts = Vec::new();
    for rdn in name.iter_rdn() {
        for attr in rdn.iter() {
            let oid = attr.attr_type().to_id_string();
            let short = match oid.as_str() {
                "2.5.4.3" => "CN".to_string(),
                "2.5.4.10" => "O".to_string(),
                "2.5.4.11" => "OU".to_string(),
                "2.5.4.7" => "L".to_string(),
                "2.5.4.8" => "S".to_string(),
                "2.5.4.6" => "C".to_string(),
                "0.9.2342.19200300.100.1.25" => "DC".to_string(),
                "1.2.840.113549.1.9.1" => "E".to_string(),
                o => format!("OID.{o}"),
            };
            let value = attr.as_str().unwrap_or("").to_string();
            let value = if value.contains(',') { format!("\"{value}\"") } else { value };
            parts.push(format!("{short}={value}"));
        }
    }
    parts.reverse();
    parts.join(", ")
}

fn rfc3339(t: ASN1Time) -> String {
    t.to_datetime()
        .format(&::time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

fn certificate_report(der: &[u8], cert: &X509Certificate<'_>) -> CertificateReport {
    let subject = dotnet_name(cert.subject());
    let issuer = dotnet_name(cert.issuer());
    let mut dns = Vec::new();
    if let Ok(Some(san)) = cert.subject_alternative_name() {
        for n in &san.value.general_names {
            if let GeneralName::DNSName(d) = n {
                dns.push(d.to_string());
            }
        }
    }
    let mut ekus = Vec::new();
    if let Ok(Some(eku)) = cert.extended_key_usage() {
        if eku.value.server_auth {
            ekus.push("serverAuth".to_string());
        }
        if eku.value.client_auth {
            ekus.push("clientAuth".to_string());
        }
        for o in &eku.value.other {
            ekus.push(o.to_id_string());
        }
    }
    CertificateReport {
        thumbprint: crate::hex::upper(&Sha1::digest(der)),
        sha256: crate::hex::upper(&Sha256::digest(der)),
        tls_certificate_name: format!("<I>{issuer}<S>{subject}"),
        self_signed: subject == issuer,
        subject_rfc4514: String::new(),
        issuer_rfc4514: String::new(),
        subject,
        issuer,
        serial_number: crate::hex::upper(cert.raw_serial()),
        not_before: rfc3339(cert.validity().not_before),
        not_after: rfc3339(cert.validity().not_after),
        public_key: String::new(),
        signature_algorithm_oid: cert.signature_algorithm.algorithm.to_id_string(),
        dns_names: dns,
        has_private_key: false,
        friendly_name: None,
        local_key_id: None,
        version: cert.version().0 + 1,
        subject_alternative_names: Vec::new(),
        extended_key_usages: ekus,
        key_usages: Vec::new(),
        is_ca: cert.basic_constraints().ok().flatten().map(|b| b.value.ca),
        extension_count: cert.extensions().len(),
        warnings: Vec::new(),
    }
}
