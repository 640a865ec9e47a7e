//! The worker protocol, run as wasm under node (`wasm-bindgen-test-runner`, see scripts/test.sh):
//! messages survive `postMessage` encoding, file handles travel as handles, and the engine reads
//! files in slices, reports progress, streams reports and honours cancel and reset.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use tlsdoctor_core::i18n::Lang;
use tlsdoctor_core::report::AnalysisReport;
use tlsdoctor_web::engine::{handle, Engine, Post};
use tlsdoctor_web::protocol::{decode, encode, slices, FileJob, FromWorker, ToWorker, SLICE_BYTES};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;

fn blob_of(bytes: &[u8]) -> web_sys::Blob {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    web_sys::Blob::new_with_u8_array_sequence(&parts).expect("Blob constructor")
}

/// Built from JSON so that fields added to the report later (all `#[serde(default)]`) need no change here.
fn sample_report() -> AnalysisReport {
    serde_json::from_value(serde_json::json!({
        "tool": "tlsdoctor", "version": "0.1.0",
        "files": [{"path": "SEND20240101-1.LOG", "kind": "protocol-log", "error": null, "certificates": [],
                   "keys": [], "pkcs12": null, "warnings": ["a warning"]}],
        "log_summary": {"lines": 3, "sessions": 1, "skipped_lines": 0},
        "observed_certificates": [], "tls_failures": [],
        "findings": [{"id": "no-credentials", "severity": "error", "title": "t", "explanation": "e",
                      "evidence": [], "thumbprints": ["AB"], "connectors": [], "remediation": null}],
        "lang": "en", "verdict": "v"
    }))
    .unwrap()
}

/// Lets the event loop run until `done`, failing the test instead of hanging.
async fn wait_until(what: &str, done: impl Fn() -> bool) {
    for i in 0..200_000 {
        if done() {
            return;
        }
        // Node resolves blob reads as microtasks: yield at that grain, with a macrotask now and
        // then in case the runtime needs one.
        if i % 64 == 63 {
            tick().await;
        } else {
            JsFuture::from(js_sys::Promise::resolve(&JsValue::UNDEFINED))
                .await
                .unwrap();
        }
    }
    panic!("timed out waiting for {what}");
}

/// Lets the event loop run (blob reads resolve on it).
async fn tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let set_timeout = js_sys::Reflect::get(&js_sys::global(), &"setTimeout".into()).unwrap();
        let set_timeout: js_sys::Function = set_timeout.unchecked_into();
        set_timeout
            .call2(&JsValue::NULL, &resolve, &JsValue::from(1))
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

fn collector() -> (Post, Rc<RefCell<Vec<FromWorker>>>) {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let sink = seen.clone();
    (Rc::new(move |m| sink.borrow_mut().push(m)), seen)
}

#[wasm_bindgen_test]
fn report_message_round_trips() {
    let message = FromWorker::Report {
        report: Box::new(sample_report()),
        busy: true,
    };
    let value = encode(&message).unwrap();
    assert_eq!(decode::<FromWorker>(value).unwrap(), message);
}

#[wasm_bindgen_test]
fn file_handle_travels_as_the_same_blob() {
    let blob = blob_of(b"hello");
    let message = ToWorker::AddFiles {
        files: vec![FileJob {
            id: 7,
            path: "a/b.cer".into(),
            size: 5.0,
            blob: blob.clone(),
        }],
    };
    let value = encode(&message).unwrap();
    // The tag is what a JavaScript reader of the message sees.
    assert!(js_sys::Reflect::has(&value, &"add-files".into()).unwrap());
    match decode::<ToWorker>(value).unwrap() {
        ToWorker::AddFiles { files } => {
            assert_eq!(files.len(), 1);
            assert_eq!(
                (files[0].id, files[0].path.as_str(), files[0].size),
                (7, "a/b.cer", 5.0)
            );
            assert!(
                JsValue::from(files[0].blob.clone()) == JsValue::from(blob),
                "same Blob object"
            );
        }
        other => panic!("decoded {other:?}"),
    }
}

#[wasm_bindgen_test]
fn settings_messages_round_trip() {
    for message in [
        ToWorker::SetLang { lang: Lang::De },
        ToWorker::SetPasswords {
            passwords: vec!["testcertificate".into(), String::new()],
        },
        ToWorker::AddText {
            path: "pasted text".into(),
            text: "x,y\r\n".into(),
        },
        ToWorker::Cancel,
        ToWorker::Reset { lang: Lang::En },
        ToWorker::AddSamples,
    ] {
        let again = decode::<ToWorker>(encode(&message).unwrap()).unwrap();
        assert_eq!(format!("{again:?}"), format!("{message:?}"));
    }
}

#[wasm_bindgen_test]
fn malformed_messages_are_errors_not_panics() {
    assert!(decode::<ToWorker>(JsValue::from_str("add-files")).is_err());
    assert!(decode::<ToWorker>(JsValue::NULL).is_err());
    let inner = js_sys::Object::new();
    js_sys::Reflect::set(&inner, &"files".into(), &JsValue::from(7)).unwrap();
    let obj = js_sys::Object::new();
    js_sys::Reflect::set(&obj, &"add-files".into(), &inner).unwrap();
    assert!(decode::<ToWorker>(obj.into()).is_err());
    assert!(decode::<FromWorker>(JsValue::from_str("launch-missiles")).is_err());
}

#[wasm_bindgen_test]
fn slices_cover_a_file_exactly_once() {
    assert_eq!(slices(0.0, SLICE_BYTES).count(), 0);
    assert_eq!(slices(f64::NAN, SLICE_BYTES).count(), 0);
    assert_eq!(
        slices(1.0, SLICE_BYTES).collect::<Vec<_>>(),
        vec![(0.0, 1.0)]
    );
    // A nonsensical slice size falls back to the default instead of looping forever.
    assert_eq!(slices(10.0, 0.0).count(), 1);
    let size = SLICE_BYTES * 2.0 + 10.0;
    let parts: Vec<_> = slices(size, SLICE_BYTES).collect();
    assert_eq!(
        parts,
        vec![
            (0.0, SLICE_BYTES),
            (SLICE_BYTES, 2.0 * SLICE_BYTES),
            (2.0 * SLICE_BYTES, size)
        ]
    );
}

#[wasm_bindgen_test]
async fn engine_reads_in_slices_with_progress_and_a_final_report() {
    let (post, seen) = collector();
    let engine = Engine::new(post);
    let size = (SLICE_BYTES as usize) * 2 + 123;
    let bytes = vec![b'#'; size];
    let job = FileJob {
        id: 1,
        path: "big.log".into(),
        size: size as f64,
        blob: blob_of(&bytes),
    };
    let work = handle(&engine, ToWorker::AddFiles { files: vec![job] }).expect("starts draining");
    // A second message while draining queues, it does not start a second drain.
    assert!(handle(
        &engine,
        ToWorker::AddText {
            path: "pasted text".into(),
            text: "hello".into()
        }
    )
    .is_none());
    work.await;
    let seen = seen.borrow();
    let progress: Vec<f64> = seen
        .iter()
        .filter_map(|m| {
            if let FromWorker::Progress { id: 1, read, .. } = m {
                Some(*read)
            } else {
                None
            }
        })
        .collect();
    assert_eq!(progress, vec![SLICE_BYTES, 2.0 * SLICE_BYTES, size as f64]);
    let Some(FromWorker::Report { report, busy }) = seen.last() else {
        panic!("last message {:?}", seen.last())
    };
    assert!(!busy);
    let paths: Vec<&str> = report.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, vec!["big.log", "pasted text"]);
}

#[wasm_bindgen_test]
async fn cancel_stops_after_the_current_slice_and_says_so() {
    let (post, seen) = collector();
    let engine = Engine::new(post);
    // Tiny slices: thousands of reads, so the cancel surely lands mid-file.
    engine.borrow_mut().set_slice_bytes(64.0);
    let size = 1 << 20;
    let job = FileJob {
        id: 3,
        path: "huge.log".into(),
        size: size as f64,
        blob: blob_of(&vec![b'x'; size]),
    };
    let second = FileJob {
        id: 4,
        path: "next.cer".into(),
        size: 3.0,
        blob: blob_of(b"abc"),
    };
    let work = handle(
        &engine,
        ToWorker::AddFiles {
            files: vec![job, second],
        },
    )
    .unwrap();
    wasm_bindgen_futures::spawn_local(work);
    wait_until("progress", || {
        seen.borrow()
            .iter()
            .any(|m| matches!(m, FromWorker::Progress { .. }))
    })
    .await;
    assert!(handle(&engine, ToWorker::Cancel).is_none());
    wait_until("cancelled", || {
        seen.borrow()
            .iter()
            .any(|m| matches!(m, FromWorker::Cancelled))
    })
    .await;
    tick().await;
    let seen = seen.borrow();
    let read: f64 = seen
        .iter()
        .filter_map(|m| {
            if let FromWorker::Progress { read, .. } = m {
                Some(*read)
            } else {
                None
            }
        })
        .fold(0.0, f64::max);
    assert!(read < size as f64, "stopped early, read {read}");
    let Some(FromWorker::Report {
        report,
        busy: false,
    }) = seen.last()
    else {
        panic!("{:?}", seen.last())
    };
    assert!(
        report.files.iter().all(|f| f.path != "next.cer"),
        "queued file dropped on cancel"
    );
}

#[wasm_bindgen_test]
async fn reset_forgets_files_and_language_changes_are_reported() {
    let (post, seen) = collector();
    let engine = Engine::new(post);
    handle(
        &engine,
        ToWorker::AddText {
            path: "pasted text".into(),
            text: "hello".into(),
        },
    )
    .unwrap()
    .await;
    assert!(handle(&engine, ToWorker::SetLang { lang: Lang::De }).is_none());
    match seen.borrow().last() {
        Some(FromWorker::Report { report, .. }) => assert_eq!(report.lang, "de"),
        other => panic!("{other:?}"),
    }
    assert!(handle(&engine, ToWorker::Reset { lang: Lang::En }).is_none());
    match seen.borrow().last() {
        Some(FromWorker::Report { report, busy }) => {
            assert!(report.files.is_empty());
            assert!(!busy);
        }
        other => panic!("{other:?}"),
    };
}
