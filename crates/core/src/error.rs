//! The one error type of the certificate/PKCS#12 layer, with a stable kebab-case
//! `code()` (the contract's `error.code`) and a message a person understands.

use std::fmt;

use crate::ids::ErrorCode;

/// What went wrong while reading one input file. Never carries a password.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// No candidate password verified the PKCS#12 MAC (or decrypted the contents).
    /// `forms_tried` lists the *forms* tried (e.g. "1 given password", "empty BMPString", "absent"),
    /// never the passwords themselves.
    WrongPassword { forms_tried: Vec<String> },
    /// An algorithm we recognise the structure of but cannot process.
    /// `oid` is the dotted OID, `name` a human name when known.
    UnsupportedAlgorithm { oid: String, name: Option<String> },
    /// The bytes do not follow the expected structure. `what` says where, in words.
    Malformed { what: String },
    /// The input ends before the structure it announces.
    Truncated { what: String },
    /// The file is empty (or only white space).
    Empty,
    /// The input is a known non-certificate object (CRL, CSR, OCSP response, ...).
    NotACertificate { what: String },
    /// A resource cap from [`crate::limits`] was hit.
    TooLarge { what: String, limit: u64 },
}

/// `Result` alias for this layer.
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// Stable kebab-case code, as in the JSON contract.
    pub fn code(&self) -> &'static str {
        self.error_code().as_str()
    }

    /// The code as the typed id ([`crate::ids::ErrorCode`]).
    pub fn error_code(&self) -> ErrorCode {
        match self {
            Error::WrongPassword { .. } => ErrorCode::WrongPassword,
            Error::UnsupportedAlgorithm { .. } => ErrorCode::UnsupportedAlgorithm,
            Error::Malformed { .. } => ErrorCode::Malformed,
            Error::Truncated { .. } => ErrorCode::Truncated,
            Error::Empty => ErrorCode::Empty,
            Error::NotACertificate { .. } => ErrorCode::NotACertificate,
            Error::TooLarge { .. } => ErrorCode::TooLarge,
        }
    }

    pub fn malformed(what: impl Into<String>) -> Self {
        Error::Malformed { what: what.into() }
    }

    pub fn truncated(what: impl Into<String>) -> Self {
        Error::Truncated { what: what.into() }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::WrongPassword { forms_tried } => write!(
                f,
                "The password is wrong: none of the passwords tried ({}) opens this file. The file itself looks intact.",
                forms_tried.join(", ")
            ),
            Error::UnsupportedAlgorithm { oid, name: Some(name) } => {
                write!(f, "This file uses {name} ({oid}), which tlsdoctor cannot process.")
            }
            Error::UnsupportedAlgorithm { oid, name: None } => {
                write!(f, "This file uses the unknown algorithm {oid}, which tlsdoctor cannot process.")
            }
            Error::Malformed { what } => write!(f, "The file is damaged or not in the expected format: {what}."),
            Error::Truncated { what } => write!(f, "The file is cut short: {what}."),
            Error::Empty => write!(f, "The file is empty."),
            Error::NotACertificate { what } => write!(f, "This is {what}, not a certificate."),
            Error::TooLarge { what, limit } => write!(f, "{what} exceeds tlsdoctor's limit of {limit}."),
        }
    }
}

impl std::error::Error for Error {}

impl From<&Error> for crate::report::ErrorReport {
    fn from(e: &Error) -> Self {
        crate::report::ErrorReport {
            code: e.error_code(),
            message: e.to_string(),
        }
    }
}
