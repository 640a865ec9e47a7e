//! Slice reads off the analysis worker's thread.
//!
//! Chromium hands the bytes of `Blob.arrayBuffer()` over through a pipe that the thread which
//! asked for them drains. While the analysis worker is inside wasm, a read it started stalls as
//! soon as that pipe is full, so "the next slice is read while this one is analysed" overlapped
//! little: on a 256 MiB Send log the worker spent 0.27–0.32 s of 0.83–0.87 s waiting for reads
//! (measured in the page with timers around the read and the analysis). A second worker — the
//! same script, started under the name [`READER_NAME`] — now does the reads and transfers each
//! slice's buffer to the analysis worker (a move, not a copy), so the pipe is drained while the
//! analysis runs.
//!
//! The analysis worker starts a reader only when the browser reports two or more logical
//! processors (on one core the extra thread costs more than it saves), and uses it only once it
//! said it is ready; before that, where a worker cannot start one (a browser without nested
//! workers, a `file://` page that refuses it, the Node tests), and if it dies, slices are read
//! directly as before.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, DedicatedWorkerGlobalScope, MessageEvent, Worker, WorkerOptions};

/// The name the reader worker is started with; [`crate::worker::start`] reads it to know its role.
pub const READER_NAME: &str = "tlsdoctor-reader";

/// What a read through the reader is rejected with when the reader is gone (the read is then
/// made directly); any other rejection is the browser's own reason the slice cannot be read.
const GONE: &str = "tlsdoctor-reader-gone";

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn object(pairs: &[(&str, &JsValue)]) -> JsValue {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o.into()
}

/// The reader worker's side: answers `{id, blob, start, end}` with `{id, buf}` (the buffer
/// transferred) or `{id, error}`, reads running concurrently; says `{ready: true}` first.
pub fn serve(scope: DedicatedWorkerGlobalScope) {
    let post_scope = scope.clone();
    let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        let id = get(&data, "id");
        let (start, end) = (get(&data, "start").as_f64(), get(&data, "end").as_f64());
        let (Ok(blob), Some(start), Some(end)) =
            (get(&data, "blob").dyn_into::<Blob>(), start, end)
        else {
            let error = JsValue::from_str("the reader got a request it cannot read");
            let _ = post_scope.post_message(&object(&[("id", &id), ("error", &error)]));
            return;
        };
        let scope = post_scope.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let read = match blob.slice_with_f64_and_f64(start, end) {
                Ok(part) => JsFuture::from(part.array_buffer()).await,
                Err(e) => Err(e),
            };
            let sent = match read {
                Ok(buf) => {
                    count_served(&scope);
                    scope.post_message_with_transfer(
                        &object(&[("id", &id), ("buf", &buf)]),
                        &Array::of1(&buf),
                    )
                }
                Err(e) => {
                    let error = JsValue::from_str(&crate::engine::describe(e));
                    scope.post_message(&object(&[("id", &id), ("error", &error)]))
                }
            };
            if let Err(err) = sent {
                web_sys::console::error_2(&"tlsdoctor reader: postMessage failed".into(), &err);
            }
        });
    });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    let _ = scope.post_message(&object(&[("ready", &JsValue::TRUE)]));
}

/// Counts the slices this reader served in its global `tlsdoctorSlicesServed` (read by the
/// end-to-end test that checks the page's reads go through the reader).
fn count_served(scope: &DedicatedWorkerGlobalScope) {
    let key = JsValue::from_str("tlsdoctorSlicesServed");
    let n = Reflect::get(scope, &key)
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0);
    let _ = Reflect::set(scope, &key, &JsValue::from(n + 1.0));
}

#[derive(Default)]
struct State {
    ready: bool,
    gone: bool,
    next_id: u32,
    /// The `resolve` and `reject` of each read under way.
    pending: HashMap<u32, (Function, Function)>,
}

impl State {
    /// The reader stopped: every read under way is rejected with [`GONE`] (and made directly).
    fn fail_all(&mut self) {
        self.gone = true;
        for (_, (_, reject)) in self.pending.drain() {
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(GONE));
        }
    }
}

/// The analysis worker's handle on its reader worker.
pub struct SliceReader {
    worker: Worker,
    state: Rc<RefCell<State>>,
    _onmessage: Closure<dyn FnMut(MessageEvent)>,
    _onerror: Closure<dyn FnMut(JsValue)>,
}

impl SliceReader {
    /// Starts a reader worker from `script` (the analysis worker's own script URL); `None` where
    /// the browser cannot start one here.
    pub fn spawn(script: &str) -> Option<Rc<SliceReader>> {
        let state = Rc::new(RefCell::new(State::default()));
        let on_state = state.clone();
        let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let data = event.data();
            let mut s = on_state.borrow_mut();
            if get(&data, "ready").is_truthy() {
                s.ready = !s.gone;
                return;
            }
            let Some(id) = get(&data, "id").as_f64() else {
                return;
            };
            let Some((resolve, reject)) = s.pending.remove(&(id as u32)) else {
                return;
            };
            drop(s);
            let error = get(&data, "error");
            let _ = if error.is_undefined() {
                resolve.call1(&JsValue::NULL, &get(&data, "buf"))
            } else {
                reject.call1(&JsValue::NULL, &error)
            };
        });
        let on_state = state.clone();
        let onerror = Closure::<dyn FnMut(JsValue)>::new(move |_event: JsValue| {
            on_state.borrow_mut().fail_all();
        });
        let worker = spawn_nested(script, READER_NAME, &onmessage, &onerror)?;
        Some(Rc::new(SliceReader {
            worker,
            state,
            _onmessage: onmessage,
            _onerror: onerror,
        }))
    }

    /// Has the reader said it is ready (and not stopped since)?
    pub fn ready(&self) -> bool {
        let s = self.state.borrow();
        s.ready && !s.gone
    }

    /// Asks the reader for bytes `start..end` of `blob`: a promise of the `ArrayBuffer`.
    pub fn read(&self, blob: &Blob, start: f64, end: f64) -> Promise {
        let id = {
            let mut s = self.state.borrow_mut();
            s.next_id = s.next_id.wrapping_add(1);
            s.next_id
        };
        let state = self.state.clone();
        let promise = Promise::new(&mut |resolve, reject| {
            state.borrow_mut().pending.insert(id, (resolve, reject));
        });
        let message = object(&[
            ("id", &JsValue::from(id)),
            ("blob", blob.as_ref()),
            ("start", &JsValue::from(start)),
            ("end", &JsValue::from(end)),
        ]);
        if self.worker.post_message(&message).is_err() {
            self.state.borrow_mut().fail_all();
        }
        promise
    }
}

/// Starts `script` (the analysis worker's own) again as a nested worker named `name`, with its
/// message and error handlers; `None` where the browser cannot start one here.
pub fn spawn_nested(
    script: &str,
    name: &str,
    onmessage: &Closure<dyn FnMut(MessageEvent)>,
    onerror: &Closure<dyn FnMut(JsValue)>,
) -> Option<Worker> {
    let options = WorkerOptions::new();
    options.set_name(name);
    let worker = Worker::new_with_options(script, &options).ok()?;
    worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
    Some(worker)
}

/// Was a read rejected because the reader is gone (so that it is made directly instead)?
pub fn is_gone(error: &JsValue) -> bool {
    error.as_string().as_deref() == Some(GONE)
}

impl Drop for SliceReader {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}
