//! Why a protocol-log line was skipped: a stable code (in the JSON next to the English
//! sentence) and the text key the report uses in each language.

use crate::i18n::Text;

use super::csv::CsvError;
use super::row::RowError;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Skip {
    LineTooLong,
    BinaryData,
    HeaderLacksColumns,
    TruncatedLastLine,
    UnterminatedQuote,
    TextAfterClosingQuote,
    TooFewFields,
    UnknownEvent,
    NoSessionKey,
    /// Too few fields, and the line does not start with the date-time the header puts first:
    /// the rest of a row that a console window or an e-mail wrapped onto the next line.
    WrappedRowRest,
}

impl Skip {
    pub const ALL: [Skip; 10] = [
        Skip::LineTooLong,
        Skip::BinaryData,
        Skip::HeaderLacksColumns,
        Skip::TruncatedLastLine,
        Skip::UnterminatedQuote,
        Skip::TextAfterClosingQuote,
        Skip::TooFewFields,
        Skip::UnknownEvent,
        Skip::NoSessionKey,
        Skip::WrappedRowRest,
    ];

    pub fn from_row_error(e: RowError) -> Skip {
        match e {
            RowError::BadQuoting(CsvError::UnterminatedQuote) => Skip::UnterminatedQuote,
            RowError::BadQuoting(CsvError::TextAfterClosingQuote) => Skip::TextAfterClosingQuote,
            RowError::TooFewFields => Skip::TooFewFields,
            RowError::UnknownEvent => Skip::UnknownEvent,
            RowError::NoSessionKey => Skip::NoSessionKey,
        }
    }

    /// [`Skip::from_row_error`] for the row `line` read with `columns`: a line with too few
    /// fields that does not start with a digit where the header puts the date-time first is
    /// [`Skip::WrappedRowRest`].
    pub fn for_row(e: RowError, line: &[u8], columns: &super::columns::ColumnMap) -> Skip {
        match e {
            RowError::TooFewFields
                if columns.date_time == Some(0)
                    && line.first().is_some_and(|b| !b.is_ascii_digit()) =>
            {
                Skip::WrappedRowRest
            }
            e => Skip::from_row_error(e),
        }
    }

    /// Stable kebab-case code (`log_summary.skipped_reasons[].code`).
    pub fn code(self) -> &'static str {
        match self {
            Skip::LineTooLong => "line-too-long",
            Skip::BinaryData => "binary-data",
            Skip::HeaderLacksColumns => "header-lacks-columns",
            Skip::TruncatedLastLine => "truncated-last-line",
            Skip::UnterminatedQuote => "unterminated-quote",
            Skip::TextAfterClosingQuote => "text-after-closing-quote",
            Skip::TooFewFields => "too-few-fields",
            Skip::UnknownEvent => "unknown-event",
            Skip::NoSessionKey => "no-session-key",
            Skip::WrappedRowRest => "wrapped-row-rest",
        }
    }

    pub fn from_code(code: &str) -> Option<Skip> {
        Skip::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The reason's text key (English sentence: [`crate::i18n::en`]).
    pub fn text(self) -> Text {
        match self {
            Skip::LineTooLong => Text::SkipLineTooLong,
            Skip::BinaryData => Text::SkipBinaryData,
            Skip::HeaderLacksColumns => Text::SkipHeaderLacksColumns,
            Skip::TruncatedLastLine => Text::SkipTruncatedLastLine,
            Skip::UnterminatedQuote => Text::SkipUnterminatedQuote,
            Skip::TextAfterClosingQuote => Text::SkipTextAfterClosingQuote,
            Skip::TooFewFields => Text::SkipTooFewFields,
            Skip::UnknownEvent => Text::SkipUnknownEvent,
            Skip::NoSessionKey => Text::SkipNoSessionKey,
            Skip::WrappedRowRest => Text::SkipWrappedRowRest,
        }
    }
}
