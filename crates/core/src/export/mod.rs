//! Turning an [`crate::report::AnalysisReport`] into something to hand on: a Markdown document
//! for a ticket ([`markdown`]) and, for either export, a copy with IP addresses and host names
//! replaced by stable placeholders ([`redact`]).

pub mod markdown;
pub mod redact;
