//! tlsdoctor's embeddable JavaScript API (wasm-bindgen), for web pages and Node.
//!
//! A facade that only converts types: JS values in, [`tlsdoctor_core`] calls, serde structs out
//! (via serde-wasm-bindgen, in the CLI's `analyze --json` shape). Every decision is made in core.
//!
//! * [`analyze`]`(files, passwords, options, progress?)` → `Report`, files streamed into core in
//!   1 MiB slices (a 1 GB log never sits in wasm memory whole), `progress` called after each slice.
//! * [`StreamingAnalyzer`]: the same [`Analyzer`] for callers that read files themselves (a worker
//!   reading `File.stream()`): `beginFile` / `pushBytes` / `endFile` / `addFile` / `setPasswords` /
//!   `setLang` / `report`.
//!
//! TypeScript types of the report are written by hand below (the JSON contract is hand-written too);
//! `scripts/build-js-api.sh` builds the npm folders.

#![forbid(unsafe_code)]

use js_sys::{Array, Function, Reflect, Uint8Array};
use serde::{Deserialize, Serialize};
use tlsdoctor_core::analyze::{AnalyzeOptions, Analyzer};
use tlsdoctor_core::i18n::Lang;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Size of the slices a file is copied into wasm memory in.
const SLICE_BYTES: u32 = 1 << 20;

#[wasm_bindgen(typescript_custom_section)]
const TYPESCRIPT: &'static str = include_str!("report.d.ts");

/// `options` of [`analyze`] and [`StreamingAnalyzer::new`].
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct Options {
    /// `en` (default) or `de`.
    lang: Option<String>,
    /// "Now" in Unix seconds for expiry checks; default: the JS clock.
    now_unix: Option<f64>,
}

/// What `progress` receives.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Progress<'a> {
    file: &'a str,
    file_index: u32,
    file_count: u32,
    bytes_done: f64,
    bytes_total: f64,
}

/// The one error conversion of this facade: bad arguments become a JS `Error` naming what was wrong.
/// (Bad *files* are never errors: they are reported in the file's `error` entry.)
fn js_error(what: &str, cause: impl std::fmt::Display) -> JsError {
    JsError::new(&format!("tlsdoctor: {what}: {cause}"))
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    // json_compatible: `None` → null, maps → plain objects, u64 → number (as JSON.parse gives).
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| js_error("serialising the report", e))
}

fn passwords_from(value: JsValue) -> Result<Vec<String>, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(Vec::new());
    }
    serde_wasm_bindgen::from_value(value)
        .map_err(|e| js_error("passwords must be an array of strings", e))
}

fn analyze_options(passwords: JsValue, options: JsValue) -> Result<AnalyzeOptions, JsError> {
    let options: Options = if options.is_undefined() || options.is_null() {
        Options::default()
    } else {
        serde_wasm_bindgen::from_value(options)
            .map_err(|e| js_error("options must be { lang?, nowUnix? }", e))?
    };
    let now = options
        .now_unix
        .unwrap_or_else(|| js_sys::Date::now() / 1000.0);
    Ok(AnalyzeOptions {
        lang: Lang::from_tag(options.lang.as_deref().unwrap_or("en")),
        now_unix: now as i64,
        passwords: passwords_from(passwords)?,
    })
}

/// One input file: `{ name: string, bytes: Uint8Array | ArrayBuffer }`.
fn input_file(value: &JsValue, index: u32) -> Result<(String, Uint8Array), JsError> {
    let field =
        |name: &str| Reflect::get(value, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
    let name = field("name")
        .as_string()
        .ok_or_else(|| js_error(&format!("files[{index}]"), "has no string `name`"))?;
    let bytes = field("bytes");
    let bytes = match bytes.dyn_into::<Uint8Array>() {
        Ok(array) => array,
        Err(other) if other.is_instance_of::<js_sys::ArrayBuffer>() => Uint8Array::new(&other),
        Err(_) => {
            return Err(js_error(
                &format!("files[{index}] ({name})"),
                "`bytes` is not a Uint8Array or ArrayBuffer",
            ))
        }
    };
    Ok((name, bytes))
}

/// Analyzes certificate files, PKCS#12 files, keys and Exchange protocol logs together.
///
/// `files`: `{ name, bytes }[]`; `passwords`: candidate PKCS#12/key passwords; `options`:
/// `{ lang?: "en" | "de", nowUnix?: number }`; `progress`: called with
/// `{ file, fileIndex, fileCount, bytesDone, bytesTotal }` after every 1 MiB slice and file.
#[wasm_bindgen(js_name = analyze, unchecked_return_type = "Report")]
pub fn analyze(
    #[wasm_bindgen(unchecked_param_type = "InputFile[]")] files: Array,
    #[wasm_bindgen(unchecked_param_type = "string[] | undefined")] passwords: JsValue,
    #[wasm_bindgen(unchecked_param_type = "AnalyzeOptions | undefined")] options: JsValue,
    #[wasm_bindgen(unchecked_param_type = "((p: AnalyzeProgress) => void) | undefined")]
    progress: Option<Function>,
) -> Result<JsValue, JsError> {
    let mut analyzer = Analyzer::new(analyze_options(passwords, options)?);
    let inputs: Vec<(String, Uint8Array)> = files
        .iter()
        .enumerate()
        .map(|(i, f)| input_file(&f, i as u32))
        .collect::<Result<_, _>>()?;
    let bytes_total: f64 = inputs.iter().map(|(_, b)| f64::from(b.length())).sum();
    let mut bytes_done = 0.0;
    let mut slice = Vec::new();
    for (index, (name, bytes)) in inputs.iter().enumerate() {
        analyzer.begin_file(name);
        let length = bytes.length();
        let mut offset: u32 = 0;
        loop {
            let end = offset.saturating_add(SLICE_BYTES).min(length);
            slice.resize((end - offset) as usize, 0);
            bytes.subarray(offset, end).copy_to(&mut slice);
            analyzer.push_bytes(&slice);
            bytes_done += f64::from(end - offset);
            offset = end;
            if offset == length {
                analyzer.end_file();
            }
            if let Some(callback) = &progress {
                let report = Progress {
                    file: name,
                    file_index: index as u32,
                    file_count: inputs.len() as u32,
                    bytes_done,
                    bytes_total,
                };
                callback
                    .call1(&JsValue::NULL, &to_js(&report)?)
                    .map_err(|e| js_error("the progress callback threw", format!("{e:?}")))?;
            }
            if offset == length {
                break;
            }
        }
    }
    to_js(&analyzer.report())
}

/// The tlsdoctor version of this build.
#[wasm_bindgen]
pub fn version() -> String {
    tlsdoctor_core::report::TOOL_VERSION.to_string()
}

/// Streaming form of [`analyze`]: feed files slice by slice, ask for the report at any time.
#[wasm_bindgen]
pub struct StreamingAnalyzer {
    inner: Analyzer,
}

#[wasm_bindgen]
impl StreamingAnalyzer {
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "string[] | undefined")] passwords: JsValue,
        #[wasm_bindgen(unchecked_param_type = "AnalyzeOptions | undefined")] options: JsValue,
    ) -> Result<StreamingAnalyzer, JsError> {
        Ok(StreamingAnalyzer {
            inner: Analyzer::new(analyze_options(passwords, options)?),
        })
    }

    /// Starts the next file (ends the current one, if any).
    #[wasm_bindgen(js_name = beginFile)]
    pub fn begin_file(&mut self, name: &str) {
        self.inner.begin_file(name);
    }

    /// Next slice of the current file, any size, any boundary.
    #[wasm_bindgen(js_name = pushBytes)]
    pub fn push_bytes(&mut self, chunk: &[u8]) {
        self.inner.push_bytes(chunk);
    }

    #[wasm_bindgen(js_name = endFile)]
    pub fn end_file(&mut self) {
        self.inner.end_file();
    }

    /// `beginFile` + `pushBytes` + `endFile`.
    #[wasm_bindgen(js_name = addFile)]
    pub fn add_file(&mut self, name: &str, bytes: &[u8]) {
        self.inner.add_file(name, bytes);
    }

    /// Replaces the candidate passwords; PKCS#12 files that did not open are tried again.
    #[wasm_bindgen(js_name = setPasswords)]
    pub fn set_passwords(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string[]")] passwords: JsValue,
    ) -> Result<(), JsError> {
        self.inner.set_passwords(passwords_from(passwords)?);
        Ok(())
    }

    /// `en` or `de` (anything else: English).
    #[wasm_bindgen(js_name = setLang)]
    pub fn set_lang(&mut self, lang: &str) {
        self.inner.set_lang(Lang::from_tag(lang));
    }

    /// The report of everything fed so far (can be called again after more input).
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn report(&self) -> Result<JsValue, JsError> {
        to_js(&self.inner.report())
    }
}
