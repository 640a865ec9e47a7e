//! tlsdoctor-core: everything tlsdoctor knows, with no I/O, for native and wasm32.
//!
//! * [`inspect`]: detect a file's kind from its bytes and report certificates, keys, PKCS#12 facts.
//! * [`analyze`]: stream protocol logs and pasted shell output next to certificate files and
//!   produce findings with filled-in remediation ([`report::AnalysisReport`]).
//!
//! Layout: one module per ASN.1 structure or log format. Every cap lives in [`limits`].
#![forbid(unsafe_code)]

pub mod error;
pub mod ids;
pub mod limits;
pub mod report;
pub mod split;

pub mod asn1;
pub mod detect;
pub mod hex;
pub mod inspect;
pub mod keys;
pub mod pkcs12;
pub mod x509;

pub mod analyze;
pub mod ansi;
pub mod archive;
pub mod catalogue;
pub mod collect;
pub mod diagnose;
pub mod evidence;
pub mod exchange;
pub mod export;
pub mod grammar;
pub mod i18n;
pub mod log;
pub mod paste;
pub mod view;
pub mod warning;

#[doc(hidden)]
pub mod fuzz_entry;

pub use error::{Error, Result};
