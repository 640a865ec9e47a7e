//! The errors of the protocol-log layer: why a line is not a usable row. A bad line is
//! skipped and counted (`log_summary.skipped_reasons`, [`super::skip::Skip`]); it never
//! stops the rest of the log.

use std::fmt;

/// Why a row could not be split into fields.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvError {
    /// A quoted field is never closed.
    UnterminatedQuote,
    /// A closing quote is followed by something other than `,` or the end of the line.
    TextAfterClosingQuote,
}

/// Why a line is not a usable row (the reasons reported in `log_summary.skipped_reasons`).
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogError {
    BadQuoting(CsvError),
    TooFewFields,
    UnknownEvent,
    NoSessionKey,
}

/// `Result` alias for this layer.
pub type Result<T> = std::result::Result<T, LogError>;

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            CsvError::UnterminatedQuote => "a quoted field is never closed",
            CsvError::TextAfterClosingQuote => "text follows a closing quote",
        })
    }
}

impl fmt::Display for LogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LogError::BadQuoting(e) => write!(f, "the row's quoting is broken: {e}"),
            LogError::TooFewFields => f.write_str("the row has fewer fields than the header names"),
            LogError::UnknownEvent => f.write_str("the row's event is not one Exchange writes"),
            LogError::NoSessionKey => f.write_str("the row names no connector or session"),
        }
    }
}

impl std::error::Error for LogError {}
impl std::error::Error for CsvError {}
