//! The JSON shapes of `../shared/CONTRACT.md` (v1) as serde structs.
//! Fields may be added; the contract's fields are never renamed or dropped.
//! Every contract key is always serialized (`null` / `[]` where nothing applies).

use serde::{Deserialize, Serialize};

pub const TOOL_NAME: &str = "tlsdoctor";
pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");

/// `tlsdoctor inspect --json`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct InspectReport {
    pub tool: String,
    pub version: String,
    pub files: Vec<FileReport>,
}

impl InspectReport {
    pub fn new(files: Vec<FileReport>) -> Self {
        InspectReport {
            tool: TOOL_NAME.into(),
            version: TOOL_VERSION.into(),
            files,
        }
    }
}

pub use crate::ids::{ErrorCode, FileKind, FindingId};
pub use crate::warning::WarningReport;

/// One input file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FileReport {
    pub path: String,
    pub kind: FileKind,
    pub error: Option<ErrorReport>,
    pub certificates: Vec<CertificateReport>,
    pub keys: Vec<KeyReport>,
    pub pkcs12: Option<Pkcs12Report>,
    /// Non-fatal remarks about the file (trailing bytes, skipped PEM blocks, ...): strings in
    /// the JSON, worded in the report's language by `analyze`.
    #[serde(default)]
    pub warnings: Vec<WarningReport>,
    /// For kind `exchange-log`: the log's type as its `#Log-type` line names it (`Message
    /// Tracking Log`); absent for other kinds (addition to contract v1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log_type: Option<String>,
    /// For a certificate signing request (kind `not-a-certificate`, error `not-a-certificate`):
    /// what it asks for; absent for other files (addition to contract v1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate_request: Option<CertificateRequestReport>,
}

/// A certificate signing request (PKCS#10) read from a file: the certificate it asks the CA for.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CertificateRequestReport {
    /// .NET `X500DistinguishedName.Name` form, as for certificates.
    pub subject: String,
    pub subject_rfc4514: String,
    /// `RSA-2048`, `EC-secp256r1`, ... as for certificates.
    pub public_key: String,
    /// The DNS names of the requested subjectAltName extension.
    pub dns_names: Vec<String>,
    /// Every requested subjectAltName entry, typed as for certificates (`DNS:…`, `IP:…`).
    pub subject_alternative_names: Vec<String>,
    pub signature_algorithm_oid: String,
}

impl FileReport {
    /// The file could not be read for what it is: it has an error and is not a certificate
    /// signing request (whose `not-a-certificate` error says what it is, read in full).
    pub fn is_unread(&self) -> bool {
        self.error.is_some() && self.certificate_request.is_none()
    }

    pub fn new(path: impl Into<String>, kind: FileKind) -> Self {
        FileReport {
            path: path.into(),
            kind,
            error: None,
            certificates: Vec::new(),
            keys: Vec::new(),
            pkcs12: None,
            warnings: Vec::new(),
            log_type: None,
            certificate_request: None,
        }
    }
}

/// `error`: `{"code": "kebab-case-code", "message": "..."}`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ErrorReport {
    pub code: ErrorCode,
    pub message: String,
    /// The error itself, so the report can word it in the user's language
    /// ([`crate::Error::message`]); not part of the JSON.
    #[serde(skip)]
    pub error: Option<crate::Error>,
    /// Where in the file the error is (a PEM block, a certificate of a PKCS#7 bag), when not
    /// the file as a whole; worded before the message. Not part of the JSON.
    #[serde(skip)]
    pub place: Option<Box<crate::warning::Place>>,
}

/// Equal when the JSON is equal (the typed error is not part of it).
impl PartialEq for ErrorReport {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code && self.message == other.message
    }
}

impl Eq for ErrorReport {}

impl ErrorReport {
    /// An error that has no [`crate::Error`] (I/O errors of the CLI, the page).
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ErrorReport {
            code,
            message: message.into(),
            error: None,
            place: None,
        }
    }

    /// The error of `error` at `place` in the file (`PEM block 2 (CERTIFICATE, line 31): ...`).
    pub fn at(error: &crate::Error, place: Option<crate::warning::Place>) -> Self {
        let mut report = ErrorReport::from(error);
        report.place = place.map(Box::new);
        report.localise(crate::i18n::Lang::En);
        report
    }

    /// Words the message, and its place in the file, in `lang` (the message stays when no typed
    /// error is known).
    pub fn localise(&mut self, lang: crate::i18n::Lang) {
        let Some(error) = &self.error else {
            return;
        };
        let local = error.message(lang);
        self.message = match &self.place {
            Some(place) => format!("{}: {local}", place.text(lang)),
            None => local,
        };
    }
}

/// One certificate, with the fields Exchange/.NET show.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CertificateReport {
    /// SHA-1 of the DER, 40 uppercase hex (Windows `Thumbprint`).
    pub thumbprint: String,
    /// SHA-256 of the DER, 64 uppercase hex.
    pub sha256: String,
    /// .NET `X500DistinguishedName.Name` form.
    pub subject: String,
    pub issuer: String,
    /// RFC 4514 form as pyca/cryptography prints it.
    pub subject_rfc4514: String,
    pub issuer_rfc4514: String,
    /// INTEGER content octets, uppercase hex, as .NET `SerialNumber`.
    pub serial_number: String,
    /// RFC 3339 UTC, e.g. `2024-01-31T12:00:00Z`.
    pub not_before: String,
    pub not_after: String,
    /// `RSA-2048`, `EC-secp256r1`, `DSA-1024`, `Ed25519`, `Ed448` or the OID.
    pub public_key: String,
    pub signature_algorithm_oid: String,
    pub dns_names: Vec<String>,
    /// True only when a key in the same file (or run) matches this certificate's public key.
    pub has_private_key: bool,
    pub friendly_name: Option<String>,
    /// Uppercase hex.
    pub local_key_id: Option<String>,
    /// `<I>{issuer}<S>{subject}`, the connector's `TlsCertificateName`.
    pub tls_certificate_name: String,
    // ---- additions to contract v1 ----
    /// X.509 version, 1..=3.
    #[serde(default)]
    pub version: u32,
    /// Issuer equals subject (the Exchange `IsSelfSigned` notion).
    #[serde(default)]
    pub self_signed: bool,
    /// Every subjectAltName entry, typed: `DNS:…`, `IP:…`, `email:…`, `URI:…`, `DirName:…`, `other:<oid>`.
    #[serde(default)]
    pub subject_alternative_names: Vec<String>,
    /// Extended key usages by name where known (`serverAuth`, `clientAuth`, …) else dotted OID.
    #[serde(default)]
    pub extended_key_usages: Vec<String>,
    /// Key usage bit names (`digitalSignature`, `keyEncipherment`, …).
    #[serde(default)]
    pub key_usages: Vec<String>,
    /// basicConstraints cA, `None` when the extension is absent.
    #[serde(default)]
    pub is_ca: Option<bool>,
    /// Number of extensions.
    #[serde(default)]
    pub extension_count: usize,
    /// Non-fatal remarks (negative serial, bad string types, …).
    #[serde(default)]
    pub warnings: Vec<WarningReport>,
    /// `analyze` only: the dropped file holding a private key that matches this certificate's
    /// public key, in this file or another one (`has_private_key` stays "same file only").
    #[serde(default)]
    pub matching_key_file: Option<String>,
    /// The same file holds an encrypted private key that stayed locked (no or a wrong pass
    /// phrase), and it is likely this certificate's (same `localKeyID`, or the file's end-entity
    /// certificate): the key is not missing, it needs its pass phrase. `has_private_key` stays
    /// false (nothing was matched). Serialised only when true (addition to contract v1).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub private_key_locked: bool,
}

/// One private key found in a file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct KeyReport {
    #[serde(rename = "type")]
    pub key_type: String,
    /// Thumbprint of the certificate whose public key this key matches.
    pub matches_thumbprint: Option<String>,
    pub friendly_name: Option<String>,
    pub local_key_id: Option<String>,
    // ---- additions ----
    /// Microsoft CSP / KSP name (bag attribute 1.3.6.1.4.1.311.17.1).
    #[serde(default)]
    pub csp_name: Option<String>,
    /// How the match was established or why it could not be (e.g. DSA parameters inherited).
    #[serde(default)]
    pub match_note: Option<String>,
}

/// PKCS#12 container facts.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Pkcs12Report {
    /// `hmac-sha1`, `hmac-sha256`, …, `pbmac1`, `none`.
    pub mac: String,
    pub mac_iterations: Option<u64>,
    /// `given`, `empty-bmpstring`, `absent`, `none`.
    pub password_form: String,
    /// Each encryption scheme seen, in order of appearance, deduplicated.
    pub encryption: Vec<String>,
    // ---- additions ----
    /// Bytes after the PFX structure (tolerated).
    #[serde(default)]
    pub trailing_bytes: u64,
}

// ----------------------------------------------------------------------------
// analyze
// ----------------------------------------------------------------------------

/// `tlsdoctor analyze --json`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct AnalysisReport {
    pub tool: String,
    pub version: String,
    pub files: Vec<FileReport>,
    pub log_summary: LogSummary,
    pub observed_certificates: Vec<ObservedCertificate>,
    pub tls_failures: Vec<TlsFailure>,
    pub findings: Vec<Finding>,
    // ---- additions ----
    /// `en` or `de`.
    #[serde(default)]
    pub lang: String,
    /// One sentence, the headline of the report.
    #[serde(default)]
    pub verdict: String,
    /// What was read from pasted shell output / event text, per file (kind `shell-output`).
    #[serde(default)]
    pub pasted: Vec<PastedFileReport>,
}

/// The records read from one paste (`Get-ExchangeCertificate`, connectors, queues, events).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PastedFileReport {
    pub path: String,
    #[serde(flatten)]
    pub output: crate::paste::PastedOutput,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct LogSummary {
    pub lines: u64,
    pub sessions: u64,
    pub skipped_lines: u64,
    // ---- additions ----
    /// Why lines were skipped, with counts (e.g. "line longer than 1 MiB": 2).
    #[serde(default)]
    pub skipped_reasons: Vec<SkipReason>,
    /// All `TLS negotiation failed` rows (`tls_failures` lists at most 1000).
    #[serde(default)]
    pub tls_failures_total: u64,
    /// `TLS protocol ... negotiation succeeded` rows.
    #[serde(default)]
    pub tls_successes: u64,
    /// Sessions forgotten before their disconnect row because more than
    /// `limits::MAX_OPEN_SESSIONS` were open at once (their later rows start a new session).
    #[serde(default)]
    pub sessions_dropped_at_limit: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SkipReason {
    pub reason: String,
    pub count: u64,
    /// Stable code of the reason (`line-too-long`, `binary-data`, `truncated-last-line`, ...).
    #[serde(default)]
    pub code: String,
}

/// A certificate named in a protocol log.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ObservedCertificate {
    /// `sending`, `received`, `remote`.
    pub role: String,
    pub connector: String,
    pub session_id: String,
    pub subject: Option<String>,
    pub issuer: Option<String>,
    pub serial_number: Option<String>,
    pub thumbprint: Option<String>,
    pub not_before: Option<String>,
    pub not_after: Option<String>,
    pub alternate_names: Vec<String>,
    pub path: String,
    pub line: u64,
    // ---- additions ----
    /// Time of the row that named it first (`None` for placeholder timestamps).
    #[serde(default)]
    pub date_time: Option<String>,
    /// How many sessions named this certificate (the entry is listed once).
    #[serde(default)]
    pub occurrences: u64,
}

/// A `TLS negotiation failed with error X` row.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TlsFailure {
    pub error: String,
    pub connector: String,
    pub session_id: String,
    pub remote_endpoint: String,
    pub path: String,
    pub line: u64,
    // ---- additions ----
    #[serde(default)]
    pub date_time: Option<String>,
    /// Thumbprint of the certificate this server offered in the failing session, when logged.
    #[serde(default)]
    pub certificate_thumbprint: Option<String>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Finding {
    pub id: FindingId,
    pub severity: Severity,
    pub title: String,
    pub explanation: String,
    pub evidence: Vec<Evidence>,
    pub thumbprints: Vec<String>,
    pub connectors: Vec<String>,
    pub remediation: Option<Remediation>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Evidence {
    pub path: String,
    pub line: u64,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Remediation {
    pub steps: Vec<String>,
    pub powershell: String,
}
