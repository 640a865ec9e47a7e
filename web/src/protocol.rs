//! Messages between the page and the analysis worker.
//!
//! Both directions are serde enums carried through `postMessage` with `serde-wasm-bindgen`.
//! A file travels as its `Blob` handle (structured clone keeps it a handle, no bytes copied):
//! the worker reads it in slices itself, so the page never holds a file's content.

use serde::{Deserialize, Serialize};
use tlsdoctor_core::i18n::Lang;
use tlsdoctor_core::report::AnalysisReport;
use wasm_bindgen::JsValue;

/// One file to analyse: a stable id chosen by the page, the path shown in the report, its size,
/// and the browser's handle to its bytes.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileJob {
    pub id: u32,
    pub path: String,
    pub size: f64,
    #[serde(with = "serde_wasm_bindgen::preserve")]
    pub blob: web_sys::Blob,
}

/// Page → worker. Externally tagged (`{"add-files": {...}}`): an internally tagged enum would
/// make serde buffer the content and lose the `Blob` handles kept by `serde_wasm_bindgen::preserve`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ToWorker {
    /// Read these files (in order, in slices) and add them to the analysis.
    AddFiles { files: Vec<FileJob> },
    /// Add text the user pasted, under the given path (`pasted text`).
    AddText { path: String, text: String },
    /// Add the bundled sample files.
    AddSamples,
    /// Passwords to try on PKCS#12 files that did not open yet (kept in memory only).
    SetPasswords { passwords: Vec<String> },
    /// Language of findings and verdict.
    SetLang { lang: Lang },
    /// Stop reading after the current slice; what was read stays in the report.
    Cancel,
    /// Forget every file and start a fresh analysis.
    Reset { lang: Lang },
}

/// Worker → page.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "kebab-case")]
pub enum FromWorker {
    /// The worker's wasm is loaded and it takes messages.
    Ready,
    /// `read` of `total` bytes of file `id` have been analysed.
    Progress { id: u32, read: f64, total: f64 },
    /// A file could not be read by the browser (permissions, vanished); the analysis goes on.
    ReadFailed {
        id: u32,
        path: String,
        message: String,
    },
    /// The current report. Sent after every file and after every settings change.
    /// `busy` tells whether more files are still queued or being read.
    Report {
        report: Box<AnalysisReport>,
        busy: bool,
    },
    /// The queue was emptied at the user's request.
    Cancelled,
}

/// Size of one slice read from a file and pushed into the analyzer.
pub const SLICE_BYTES: f64 = 4.0 * 1024.0 * 1024.0;

/// Encodes a message for `postMessage`.
pub fn encode<T: Serialize>(message: &T) -> Result<JsValue, String> {
    serde_wasm_bindgen::to_value(message).map_err(|e| e.to_string())
}

/// Decodes a message received from `postMessage`; a malformed message is an error, never a panic.
pub fn decode<T: for<'de> Deserialize<'de>>(value: JsValue) -> Result<T, String> {
    serde_wasm_bindgen::from_value(value).map_err(|e| e.to_string())
}

/// The slices `[start, end)` a file of `size` bytes is read in, `slice` bytes each.
pub fn slices(size: f64, slice: f64) -> impl Iterator<Item = (f64, f64)> {
    let size = if size.is_finite() && size > 0.0 {
        size
    } else {
        0.0
    };
    let slice = if slice.is_finite() && slice >= 1.0 {
        slice.floor()
    } else {
        SLICE_BYTES
    };
    let count = (size / slice).ceil() as u64;
    (0..count).map(move |i| {
        let start = i as f64 * slice;
        (start, (start + slice).min(size))
    })
}
