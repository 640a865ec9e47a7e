//! A second analysis worker for the later files of a dropped folder.
//!
//! When the browser reports two or more logical processors, the analysis worker starts its own
//! script again under the name [`PART_NAME`]. That worker runs an [`crate::engine::Engine`]
//! whose analyzer is a core [`tlsdoctor_core::analyze::Analyzer::part`]: given the files after
//! the split core chooses ([`tlsdoctor_core::split::plan`]; when it cuts inside one large log,
//! that file's rest from a line's start after its header), it reads them in slices
//! as the analysis worker reads its own, posts their progress (forwarded to the page as is),
//! and at the end posts the part as bytes ([`crate::protocol::FromWorker::PartDone`]). The
//! analysis worker reads the files before the split meanwhile, then absorbs the part; when core
//! refuses it (a session continues across the split, a certificate among the later files, ...)
//! or the part worker is gone, it reads the later files itself. The report is the same either
//! way. Where a worker cannot start a nested worker, nothing is split.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{MessageEvent, Worker};

use crate::engine::Post;
use crate::protocol::{decode_transferred, encode, FileJob, FromPart, FromWorker, ToWorker};
use crate::reader::spawn_nested;

/// The name the part worker is started with; [`crate::worker::start`] reads it to know its role.
pub const PART_NAME: &str = "tlsdoctor-part";

#[derive(Default)]
struct State {
    ready: bool,
    gone: bool,
    /// The last batch given, and the one whose part is awaited (none after a cancel).
    batch: u32,
    expected: Option<u32>,
    /// The part of the files last given, once the worker posted it (`None` inside: not a part
    /// that can be merged).
    done: Option<Option<String>>,
    /// Resolves the promise [`PartWorker::finish`] waits on.
    waiting: Option<Function>,
}

impl State {
    fn wake(&mut self) {
        if let Some(resolve) = self.waiting.take() {
            let _ = resolve.call0(&JsValue::NULL);
        }
    }
}

/// The analysis worker's handle on its part worker.
pub struct PartWorker {
    worker: Worker,
    state: Rc<RefCell<State>>,
    _onmessage: Closure<dyn FnMut(MessageEvent)>,
    _onerror: Closure<dyn FnMut(JsValue)>,
}

impl PartWorker {
    /// Starts a part worker from `script` (the analysis worker's own script URL); its progress
    /// and read failures go to `forward` (the page). `None` where it cannot start.
    pub fn spawn(script: &str, forward: Post) -> Option<Rc<PartWorker>> {
        let state = Rc::new(RefCell::new(State::default()));
        let on_state = state.clone();
        let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            // Anything else it posts (a report, a cancel) is not decoded here.
            let Ok(message) = decode_transferred::<FromPart>(&event.data()) else {
                return;
            };
            match message {
                FromPart::Ready => on_state.borrow_mut().ready = true,
                FromPart::PartDone { batch, part } => {
                    let mut s = on_state.borrow_mut();
                    if s.expected == Some(batch) {
                        s.expected = None;
                        s.done = Some(part);
                        s.wake();
                    }
                }
                FromPart::Progress { files } => forward(FromWorker::Progress { files }),
                FromPart::ReadFailed { id, path, message } => {
                    forward(FromWorker::ReadFailed { id, path, message })
                }
            }
        });
        let on_state = state.clone();
        let onerror = Closure::<dyn FnMut(JsValue)>::new(move |_event: JsValue| {
            let mut s = on_state.borrow_mut();
            s.gone = true;
            s.wake();
        });
        let worker = spawn_nested(script, PART_NAME, &onmessage, &onerror)?;
        Some(Rc::new(PartWorker {
            worker,
            state,
            _onmessage: onmessage,
            _onerror: onerror,
        }))
    }

    /// Has the worker said it is ready (and not stopped since)?
    pub fn ready(&self) -> bool {
        let s = self.state.borrow();
        s.ready && !s.gone
    }

    /// Gives the worker `files` to read as a part (the first from byte `from` on, when set:
    /// [`ToWorker::PartFiles`]); `false` if it could not be asked.
    pub fn start(&self, files: Vec<FileJob>, from: Option<f64>) -> bool {
        let batch = {
            let mut s = self.state.borrow_mut();
            s.batch = s.batch.wrapping_add(1);
            s.expected = Some(s.batch);
            s.done = None;
            s.batch
        };
        let sent = encode(&ToWorker::PartFiles { batch, files, from })
            .ok()
            .is_some_and(|m| self.worker.post_message(&m).is_ok());
        if !sent {
            self.state.borrow_mut().gone = true;
        }
        sent
    }

    /// Stops reading the files given (the analysis was cancelled or reset): the worker drops
    /// them, [`PartWorker::finish`] gives `None`, and a part it still posts is ignored.
    pub fn cancel(&self) {
        if let Ok(m) = encode(&ToWorker::Reset {
            lang: tlsdoctor_core::i18n::Lang::En,
        }) {
            let _ = self.worker.post_message(&m);
        }
        let mut s = self.state.borrow_mut();
        s.expected = None;
        s.done = Some(None);
        s.wake();
    }

    /// The part of the files given to [`PartWorker::start`], once read (as
    /// [`tlsdoctor_core::analyze::Analyzer::part_to_bytes`] gave it); `None` when it cannot be
    /// merged or the worker stopped.
    pub async fn finish(&self) -> Option<String> {
        loop {
            {
                let mut s = self.state.borrow_mut();
                if let Some(done) = s.done.take() {
                    return done;
                }
                if s.gone || s.expected.is_none() {
                    return None;
                }
            }
            let state = self.state.clone();
            let wait = Promise::new(&mut |resolve, _reject| {
                state.borrow_mut().waiting = Some(resolve);
            });
            let _ = JsFuture::from(wait).await;
        }
    }
}

impl Drop for PartWorker {
    fn drop(&mut self) {
        self.worker.terminate();
        let mut s = self.state.borrow_mut();
        s.gone = true;
        s.wake();
    }
}
