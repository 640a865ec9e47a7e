//! Wires the [`crate::engine::Engine`] to the dedicated worker's global scope.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use crate::engine::{handle, Engine, Post};
use crate::part::{PartWorker, PART_NAME};
use crate::protocol::{decode, encode_for_transfer, FromWorker, ToWorker};
use crate::reader::{self, SliceReader, READER_NAME};

/// Installs the message handler and tells the page the worker is ready.
pub fn start() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    // The same script started as the slice reader of another worker (`crate::reader`).
    if scope.name() == READER_NAME {
        reader::serve(scope);
        return;
    }
    let part_mode = scope.name() == PART_NAME;
    let post_scope = scope.clone();
    // JSON bytes whose buffer is transferred, not copied (see `protocol::encode_for_transfer`).
    let post: Post =
        std::rc::Rc::new(
            move |message: FromWorker| match encode_for_transfer(&message) {
                Ok((value, transfer)) => {
                    if let Err(err) = post_scope.post_message_with_transfer(&value, &transfer) {
                        web_sys::console::error_2(
                            &"tlsdoctor worker: postMessage failed".into(),
                            &err,
                        );
                    }
                }
                Err(err) => web_sys::console::error_1(
                    &format!("tlsdoctor worker: cannot encode a message: {err}").into(),
                ),
            },
        );
    let engine = if part_mode {
        Engine::new_part(post.clone())
    } else {
        Engine::new(post.clone())
    };
    // Its own script again, as the reader and as the part worker (absent where nested workers
    // cannot start). Only with a second core to run them: on one core the reader's thread
    // competes with the analysis (measured pinned to one core: 1.68 s against 1.33 s on a
    // 256 MiB log). A part worker has neither.
    if !part_mode && scope.navigator().hardware_concurrency() >= 2.0 {
        let script = scope.location().href();
        if let Some(reader) = SliceReader::spawn(&script) {
            engine.borrow_mut().set_reader(reader);
        }
        if let Some(part) = PartWorker::spawn(&script, post.clone()) {
            engine.borrow_mut().set_part_worker(part);
        }
    }
    let onmessage = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        match decode::<ToWorker>(event.data()) {
            Ok(message) => {
                if let Some(work) = handle(&engine, message) {
                    wasm_bindgen_futures::spawn_local(work);
                }
            }
            // Neither the message nor serde's error (which can quote a value) is logged: the
            // message may carry passwords.
            Err(_) => web_sys::console::error_1(
                &"tlsdoctor worker: unreadable message from the page".into(),
            ),
        }
    });
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    // The handler lives as long as the worker does.
    onmessage.forget();
    post(FromWorker::Ready);
}
