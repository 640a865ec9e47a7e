//! The worker's side of the protocol: a queue of inputs fed, slice by slice, into the core's
//! streaming [`Analyzer`], with progress and reports posted back through a callback.
//!
//! Kept apart from the worker's global scope so that tests can drive it with a plain closure.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use js_sys::Uint8Array;
use tlsdoctor_core::analyze::{AnalyzeOptions, Analyzer};
use tlsdoctor_core::i18n::Lang;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::protocol::{slices, FileJob, FromWorker, ToWorker, SLICE_BYTES};
use crate::samples::SAMPLES;

/// Where the engine sends its messages (the worker posts them to the page; tests collect them).
pub type Post = Rc<dyn Fn(FromWorker)>;

enum Work {
    File(FileJob),
    Text { path: String, text: String },
    Samples,
}

/// The analysis state of one worker.
pub struct Engine {
    analyzer: Analyzer,
    lang: Lang,
    queue: VecDeque<Work>,
    running: bool,
    cancel_requested: bool,
    /// Bumped by `Reset`; a read in flight for an older generation is dropped.
    generation: u64,
    /// `Date.now()` of the last report posted while busy (reports are throttled, not dropped).
    last_busy_report_ms: f64,
    /// Bytes per read slice ([`SLICE_BYTES`]; tests use smaller ones).
    slice_bytes: f64,
    post: Post,
}

/// While files are still queued, at most one report per this many milliseconds.
const BUSY_REPORT_INTERVAL_MS: f64 = 500.0;

fn new_analyzer(lang: Lang) -> Analyzer {
    let now_unix = (js_sys::Date::now() / 1000.0) as i64;
    Analyzer::new(AnalyzeOptions {
        lang,
        now_unix,
        passwords: Vec::new(),
    })
}

impl Engine {
    pub fn new(post: Post) -> Rc<RefCell<Engine>> {
        Rc::new(RefCell::new(Engine {
            analyzer: new_analyzer(Lang::En),
            lang: Lang::En,
            queue: VecDeque::new(),
            running: false,
            cancel_requested: false,
            generation: 0,
            last_busy_report_ms: 0.0,
            slice_bytes: SLICE_BYTES,
            post,
        }))
    }

    /// Reads files in slices of `bytes` from now on.
    pub fn set_slice_bytes(&mut self, bytes: f64) {
        self.slice_bytes = bytes;
    }

    fn post_report(&self) {
        let busy = self.running || !self.queue.is_empty();
        (self.post)(FromWorker::Report {
            report: Box::new(self.analyzer.report()),
            busy,
        });
    }
}

/// Handles one message from the page. Returns the future that drains the queue when this
/// message started it (the caller spawns it), so that the engine never spawns by itself.
pub fn handle(
    engine: &Rc<RefCell<Engine>>,
    message: ToWorker,
) -> Option<impl std::future::Future<Output = ()>> {
    let mut e = engine.borrow_mut();
    match message {
        ToWorker::AddFiles { files } => e.queue.extend(files.into_iter().map(Work::File)),
        ToWorker::AddText { path, text } => e.queue.push_back(Work::Text { path, text }),
        ToWorker::AddSamples => e.queue.push_back(Work::Samples),
        ToWorker::SetPasswords { passwords } => {
            e.analyzer.set_passwords(passwords);
            e.post_report();
            return None;
        }
        ToWorker::SetLang { lang } => {
            e.lang = lang;
            e.analyzer.set_lang(lang);
            e.post_report();
            return None;
        }
        ToWorker::Cancel => {
            if e.running || !e.queue.is_empty() {
                e.queue.clear();
                e.cancel_requested = e.running;
                if !e.running {
                    (e.post)(FromWorker::Cancelled);
                }
            }
            return None;
        }
        ToWorker::Reset { lang } => {
            e.queue.clear();
            e.generation += 1;
            e.cancel_requested = false;
            e.lang = lang;
            e.analyzer = new_analyzer(lang);
            e.post_report();
            return None;
        }
    }
    if e.running {
        return None;
    }
    e.running = true;
    e.cancel_requested = false;
    Some(drain(engine.clone()))
}

/// Works through the queue until it is empty or cancelled.
async fn drain(engine: Rc<RefCell<Engine>>) {
    loop {
        let (work, generation) = {
            let mut e = engine.borrow_mut();
            match e.queue.pop_front() {
                Some(w) => (w, e.generation),
                None => {
                    e.running = false;
                    if e.cancel_requested {
                        e.cancel_requested = false;
                        (e.post)(FromWorker::Cancelled);
                    }
                    e.post_report();
                    return;
                }
            }
        };
        match work {
            Work::File(job) => read_file(&engine, job, generation).await,
            Work::Text { path, text } => engine
                .borrow_mut()
                .analyzer
                .add_file(&path, text.as_bytes()),
            Work::Samples => {
                let mut e = engine.borrow_mut();
                for (path, bytes) in SAMPLES {
                    e.analyzer.add_file(path, bytes);
                }
            }
        }
        let mut e = engine.borrow_mut();
        if e.cancel_requested {
            e.cancel_requested = false;
            e.queue.clear();
            e.running = false;
            (e.post)(FromWorker::Cancelled);
            e.post_report();
            return;
        }
        // Results stream back: a report after each input, at most every BUSY_REPORT_INTERVAL_MS
        // while more are queued (a dropped folder of 500 logs must not flood the page).
        let now = js_sys::Date::now();
        if e.queue.is_empty() || now - e.last_busy_report_ms >= BUSY_REPORT_INTERVAL_MS {
            e.last_busy_report_ms = now;
            e.post_report();
        }
    }
}

/// Reads one file in slices of [`crate::protocol::SLICE_BYTES`] and pushes them into the analyzer.
async fn read_file(engine: &Rc<RefCell<Engine>>, job: FileJob, generation: u64) {
    let slice_bytes = {
        let mut e = engine.borrow_mut();
        e.analyzer.begin_file(&job.path);
        e.slice_bytes
    };
    let mut buffer: Vec<u8> = Vec::new();
    for (start, end) in slices(job.size, slice_bytes) {
        if engine.borrow().cancel_requested || engine.borrow().generation != generation {
            break;
        }
        match read_slice(&job.blob, start, end).await {
            Ok(bytes) => {
                let len = bytes.length() as usize;
                buffer.resize(len, 0);
                bytes.copy_to(&mut buffer[..len]);
                let e = &mut *engine.borrow_mut();
                if e.generation != generation {
                    return;
                }
                e.analyzer.push_bytes(&buffer[..len]);
                (e.post)(FromWorker::Progress {
                    id: job.id,
                    read: end,
                    total: job.size,
                });
            }
            Err(message) => {
                let e = engine.borrow();
                (e.post)(FromWorker::ReadFailed {
                    id: job.id,
                    path: job.path.clone(),
                    message,
                });
                break;
            }
        }
    }
    let e = &mut *engine.borrow_mut();
    if e.generation == generation {
        e.analyzer.end_file();
        if job.size <= 0.0 {
            (e.post)(FromWorker::Progress {
                id: job.id,
                read: 0.0,
                total: 0.0,
            });
        }
    }
}

async fn read_slice(blob: &web_sys::Blob, start: f64, end: f64) -> Result<Uint8Array, String> {
    let part = blob.slice_with_f64_and_f64(start, end).map_err(describe)?;
    let buffer = JsFuture::from(part.array_buffer())
        .await
        .map_err(describe)?;
    Ok(Uint8Array::new(&buffer))
}

fn describe(value: wasm_bindgen::JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "the browser could not read this file".to_owned())
}
