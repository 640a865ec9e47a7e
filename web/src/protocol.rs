//! Messages between the page and the analysis worker.
//!
//! Both directions are serde enums. Page → worker goes through `postMessage` with
//! `serde-wasm-bindgen`: a file travels as its `Blob` handle (structured clone keeps it a handle,
//! no bytes copied), and the worker reads it in slices itself, so the page never holds a file's
//! content. Worker → page goes as JSON in an `ArrayBuffer` that `postMessage` transfers (moves,
//! no copy, no object graph cloned): the page's main thread decodes a report with one
//! `serde_json` pass instead of walking thousands of JavaScript objects ([`encode_for_transfer`]).

use serde::{Deserialize, Serialize};
use tlsdoctor_core::i18n::Lang;
use tlsdoctor_core::report::AnalysisReport;
use wasm_bindgen::{JsCast, JsValue};

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
    /// From an analysis worker to its part worker ([`crate::part`]): read these files as part
    /// `batch`, then post it ([`FromWorker::PartDone`]). With `from`, the first file from that
    /// byte on (a line's start inside it), as the rest of the file the analysis worker reads up
    /// to there (core's `Analyzer::begin_continued_file`).
    PartFiles {
        batch: u32,
        files: Vec<FileJob>,
        #[serde(default)]
        from: Option<f64>,
    },
}

/// Worker → page.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "kebab-case")]
pub enum FromWorker {
    /// The worker's wasm is loaded and it takes messages.
    Ready,
    /// Bytes analysed so far, one entry per file that moved since the last progress message
    /// (throttled to a few messages per second; the last entry of each file is its newest state).
    Progress { files: Vec<FileRead> },
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
    /// From a part worker to the analysis worker that gave it files ([`crate::part`]): part
    /// `batch` as `Analyzer::part_to_bytes` made it (JSON text), or `None` when it cannot be
    /// merged.
    PartDone { batch: u32, part: Option<String> },
}

/// The messages a part worker posts ([`crate::part`]): [`FromWorker`]'s variants it sends,
/// with the same encoding. The analysis worker decodes these instead of [`FromWorker`], so
/// the report's reading code (which only the page needs) stays out of the worker.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(rename_all = "kebab-case")]
pub enum FromPart {
    Ready,
    Progress {
        files: Vec<FileRead>,
    },
    ReadFailed {
        id: u32,
        path: String,
        message: String,
    },
    PartDone {
        batch: u32,
        part: Option<String>,
    },
}

/// `read` of `total` bytes of file `id` have been analysed.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq)]
pub struct FileRead {
    pub id: u32,
    pub read: f64,
    pub total: f64,
}

/// Size of one slice read from a file and pushed into the analyzer.
pub const SLICE_BYTES: f64 = 4.0 * 1024.0 * 1024.0;

/// Encodes a message for `postMessage`.
pub fn encode<T: Serialize>(message: &T) -> Result<JsValue, String> {
    serde_wasm_bindgen::to_value(message).map_err(|e| e.to_string())
}

/// Encodes a worker → page message as JSON bytes for `postMessage(message, transfer)`: the
/// message (a `Uint8Array`) and the list to transfer (its `ArrayBuffer`). The bytes are copied
/// once out of wasm memory here and once into the page's wasm memory by
/// [`decode_transferred`]; in between the buffer moves without a copy.
pub fn encode_for_transfer<T: Serialize>(message: &T) -> Result<(JsValue, js_sys::Array), String> {
    let json = serde_json::to_vec(message).map_err(|e| e.to_string())?;
    let bytes = js_sys::Uint8Array::from(json.as_slice());
    let transfer = js_sys::Array::of1(&bytes.buffer());
    Ok((bytes.into(), transfer))
}

/// Decodes what [`encode_for_transfer`] made; anything else is an error, never a panic.
pub fn decode_transferred<T: for<'de> Deserialize<'de>>(value: &JsValue) -> Result<T, String> {
    let bytes = value
        .dyn_ref::<js_sys::Uint8Array>()
        .ok_or_else(|| "a message from the worker that is not bytes".to_owned())?;
    serde_json::from_slice(&bytes.to_vec()).map_err(|e| e.to_string())
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
