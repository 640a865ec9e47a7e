//! Exchange SMTP protocol logs (SmtpSend / SmtpReceive), read as a stream.
//!
//! One module per concern: [`lines`] (streaming line splitter, which also finds each line's
//! fields in the same pass with [`scan`]; [`prepared`] runs that pass ahead on another thread), [`csv`] (field splitting),
//! [`columns`] (`#Fields` header), [`row`] (a row and its event), [`cert_block`] (certificate
//! identity blocks, both shapes), [`events`] (what a row means for TLS), [`collector`] (rows →
//! sessions → [`facts`] across files), [`error`] (why a line is not a row), [`sniff`] (is this a protocol log?), [`utf16`]
//! (logs saved as UTF-16 with a byte-order mark, transcoded while streaming), [`delimited`] (logs
//! re-saved by Excel with `;` or tabs between the fields, rewritten with commas while streaming).
//!
//! Unlike the pasted texts (read by the `nom` grammars of [`crate::grammar`]), the row path here
//! (line splitting, CSV fields, row classification in [`events`]) stays hand-written on purpose:
//! it runs for every row of logs of several gigabytes, dispatches on the first byte, finds
//! separators with SIMD block scans and slices without allocating, and a combinator chain would add cost
//! there without making the few fixed prefixes it checks any clearer. The distinguished names in
//! certificate rows go through [`crate::grammar::dn`].

pub mod cert_block;
pub mod collector;
pub mod columns;
pub mod csv;
pub mod delimited;
pub mod error;
pub mod events;
pub mod facts;
pub mod genlog;
pub mod lines;
pub mod prepared;
#[cfg(test)]
pub(crate) mod reference;
pub mod row;
pub mod scan;
pub mod skip;
pub mod sniff;
pub mod utf16;

pub use collector::LogCollector;
pub use error::{LogError, Result};
pub use facts::LogFacts;
