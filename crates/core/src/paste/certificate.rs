//! Certificates as the shell lists them: `Get-ExchangeCertificate | fl` (all properties or
//! the KB 4495258 selection `Format-List FriendlyName,Subject,Issuer,CertificateDomains,
//! Thumbprint,NotBefore,NotAfter`), the default `Get-ExchangeCertificate` table
//! (`Thumbprint Services Subject`, services as letters `IP.WS...`), and the certificate
//! store provider (`Get-ChildItem Cert:\LocalMachine\My | Select-Object Thumbprint,
//! HasPrivateKey`, as a table or a list).

use serde::{Deserialize, Serialize};

use super::dates::PastedDate;
use super::format_list::ListObject;
use super::format_table::TableRow;
use super::values::{parse_bool, parse_list, parse_services, parse_thumbprint, strip_ellipsis};

/// Which command printed the certificate (as far as its properties tell).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CertificateSource {
    /// `Get-ExchangeCertificate` (has Exchange-only properties such as `Services`).
    ExchangeCertificate,
    /// The certificate store (`Cert:\LocalMachine\My`) or a bare selection.
    CertificateStore,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PastedCertificate {
    pub source: CertificateSource,
    /// 40 uppercase hex digits.
    pub thumbprint: Option<String>,
    pub subject: Option<String>,
    pub issuer: Option<String>,
    pub friendly_name: Option<String>,
    pub certificate_domains: Vec<String>,
    /// `CertificateDomains` was cut at `$FormatEnumerationLimit` (`...`).
    pub certificate_domains_truncated: bool,
    /// `None` when the paste does not show `Services`.
    pub services: Option<Vec<String>>,
    pub has_private_key: Option<bool>,
    pub is_self_signed: Option<bool>,
    pub not_before: Option<PastedDate>,
    pub not_after: Option<PastedDate>,
    /// `Valid`, `Invalid`, `RevocationCheckFailure`, `PendingRequest`, ...
    pub status: Option<String>,
    /// `ThirdParty`, `Enterprise`, `Registry`, `None`, `Unknown`.
    pub root_ca_type: Option<String>,
    pub public_key_size: Option<u32>,
    pub serial_number: Option<String>,
    /// 1-based line where the object starts, and the lines of key properties.
    pub line: u64,
    pub thumbprint_line: u64,
    pub has_private_key_line: u64,
    pub services_line: u64,
}

/// Properties only `Get-ExchangeCertificate` prints.
const EXCHANGE_ONLY: &[&str] = &[
    "Services",
    "CertificateDomains",
    "RootCAType",
    "IsSelfSigned",
    "Status",
    "AccessRules",
];

/// A list object is a certificate when it has a thumbprint and some certificate property.
pub fn from_list(object: &ListObject) -> Option<PastedCertificate> {
    let thumbprint_text = object.non_empty("Thumbprint")?;
    let certificate_like = [
        "Subject",
        "Issuer",
        "HasPrivateKey",
        "NotAfter",
        "NotBefore",
        "FriendlyName",
        "CertificateDomains",
        "Services",
        "SerialNumber",
    ]
    .iter()
    .any(|n| object.has(n));
    if !certificate_like {
        return None;
    }
    let source = if EXCHANGE_ONLY.iter().any(|n| object.has(n)) {
        CertificateSource::ExchangeCertificate
    } else {
        CertificateSource::CertificateStore
    };
    // `DnsNameList` is what the certificate store provider shows with `fl *`.
    let (domains, domains_cut) = object
        .non_empty("CertificateDomains")
        .or_else(|| object.non_empty("DnsNameList"))
        .map(parse_list)
        .unwrap_or_default();
    Some(PastedCertificate {
        source,
        thumbprint: parse_thumbprint(thumbprint_text),
        subject: object.non_empty("Subject").map(str::to_string),
        issuer: object.non_empty("Issuer").map(str::to_string),
        friendly_name: object.non_empty("FriendlyName").map(str::to_string),
        certificate_domains: domains,
        certificate_domains_truncated: domains_cut,
        services: object.get("Services").map(parse_services),
        has_private_key: object.get("HasPrivateKey").and_then(parse_bool),
        is_self_signed: object.get("IsSelfSigned").and_then(parse_bool),
        not_before: object.non_empty("NotBefore").map(PastedDate::parse),
        not_after: object.non_empty("NotAfter").map(PastedDate::parse),
        status: object.non_empty("Status").map(str::to_string),
        root_ca_type: object.non_empty("RootCAType").map(str::to_string),
        public_key_size: object
            .get("PublicKeySize")
            .and_then(|v| v.trim().parse().ok()),
        serial_number: object.non_empty("SerialNumber").map(normalize_serial),
        line: object.first_line,
        thumbprint_line: object.line_of("Thumbprint"),
        has_private_key_line: object.line_of("HasPrivateKey"),
        services_line: object.line_of("Services"),
    })
}

/// Serial numbers as .NET's `SerialNumber` shows them (uppercase hex, no spaces), whichever way
/// the shell printed them, so a list and a table paste of one certificate compare equal.
fn normalize_serial(text: &str) -> String {
    text.replace(' ', "").to_ascii_uppercase()
}

/// A table row is a certificate when the table has a `Thumbprint` column.
pub fn from_table_row(row: &TableRow) -> Option<PastedCertificate> {
    let thumbprint = parse_thumbprint(row.non_empty("Thumbprint")?)?;
    let source = if row.get("Services").is_some() {
        CertificateSource::ExchangeCertificate
    } else {
        CertificateSource::CertificateStore
    };
    let cut = |v: &str| {
        let (text, truncated) = strip_ellipsis(v);
        (!truncated).then(|| text.to_string())
    };
    Some(PastedCertificate {
        source,
        thumbprint: Some(thumbprint),
        // A cut subject (`CN=mail.contoso.com, OU=...`) is not a name we can match.
        subject: row.non_empty("Subject").and_then(cut),
        issuer: row.non_empty("Issuer").and_then(cut),
        friendly_name: row.non_empty("FriendlyName").map(str::to_string),
        certificate_domains: Vec::new(),
        certificate_domains_truncated: false,
        services: row.get("Services").map(parse_services),
        has_private_key: row.get("HasPrivateKey").and_then(parse_bool),
        is_self_signed: row.get("IsSelfSigned").and_then(parse_bool),
        not_before: row.non_empty("NotBefore").map(PastedDate::parse),
        not_after: row.non_empty("NotAfter").map(PastedDate::parse),
        status: row.non_empty("Status").map(str::to_string),
        root_ca_type: row.non_empty("RootCAType").map(str::to_string),
        public_key_size: row.get("PublicKeySize").and_then(|v| v.trim().parse().ok()),
        serial_number: row
            .non_empty("SerialNumber")
            .and_then(cut)
            .as_deref()
            .map(normalize_serial),
        line: row.line,
        thumbprint_line: row.line,
        has_private_key_line: row.line,
        services_line: row.line,
    })
}

impl PastedCertificate {
    /// `<I>{Issuer}<S>{Subject}` when both are known.
    pub fn tls_certificate_name(&self) -> Option<String> {
        Some(super::tls_certificate_name::build(
            self.issuer.as_deref()?,
            self.subject.as_deref()?,
        ))
    }

    /// Self-signed per `IsSelfSigned`, else by issuer == subject.
    pub fn self_signed(&self) -> Option<bool> {
        self.is_self_signed
            .or_else(|| match (&self.issuer, &self.subject) {
                (Some(i), Some(s)) => Some(super::values::dn_key(i) == super::values::dn_key(s)),
                _ => None,
            })
    }

    pub fn has_smtp_service(&self) -> Option<bool> {
        self.services
            .as_ref()
            .map(|s| s.iter().any(|x| x.eq_ignore_ascii_case("SMTP")))
    }
}
