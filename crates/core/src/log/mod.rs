//! Exchange SMTP protocol logs (SmtpSend / SmtpReceive), read as a stream.
//!
//! One module per concern: [`lines`] (streaming line splitter), [`csv`] (field splitting),
//! [`columns`] (`#Fields` header), [`row`] (a row and its event), [`cert_block`] (certificate
//! identity blocks, both shapes), [`events`] (what a row means for TLS), [`collector`] (rows →
//! sessions → [`facts`] across files), [`error`] (why a line is not a row), [`sniff`] (is this a protocol log?).

pub mod cert_block;
pub mod collector;
pub mod columns;
pub mod csv;
pub mod error;
pub mod events;
pub mod facts;
pub mod lines;
pub mod row;
pub mod skip;
pub mod sniff;

pub use collector::LogCollector;
pub use error::{LogError, Result};
pub use facts::LogFacts;
