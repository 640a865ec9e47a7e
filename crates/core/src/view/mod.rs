//! What a person reads, built once in core from the report; the page, the CLI text output and
//! the Markdown export only render it.

pub mod files;

pub use files::{file_state, FileState};
