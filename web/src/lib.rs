//! tlsdoctor's page. It only presents: every byte is parsed and diagnosed by `tlsdoctor-core`,
//! running in a Web Worker ([`worker`], [`engine`]); the page ([`app`]) sends it file handles and
//! settings over [`protocol`] and renders the [`tlsdoctor_core::report::AnalysisReport`] it gets back.
#![forbid(unsafe_code)]

pub mod app;
pub mod engine;
pub mod part;
pub mod protocol;
pub mod reader;
pub mod samples;
pub mod worker;
