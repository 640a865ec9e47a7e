//! The worker protocol, run as wasm under node (`wasm-bindgen-test-runner`, see scripts/test.sh):
//! messages survive `postMessage` encoding, file handles travel as handles, and the engine reads
//! files in slices, reports progress, streams reports and honours cancel and reset.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use tlsdoctor_core::i18n::Lang;
use tlsdoctor_core::report::AnalysisReport;
use tlsdoctor_web::engine::{handle, Engine, Post};
use tlsdoctor_web::protocol::{
    decode, decode_transferred, encode, encode_for_transfer, slices, FileJob, FileRead, FromPart,
    FromWorker, ToWorker, SLICE_BYTES,
};
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

/// `structuredClone(value, {transfer})`: what `postMessage` does to a message on its way.
fn clone_with_transfer(value: &JsValue, transfer: &js_sys::Array) -> JsValue {
    let clone: js_sys::Function =
        js_sys::Reflect::get(&js_sys::global(), &"structuredClone".into())
            .unwrap()
            .unchecked_into();
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"transfer".into(), transfer).unwrap();
    clone.call2(&JsValue::NULL, value, &options).unwrap()
}

#[wasm_bindgen_test]
fn worker_messages_travel_as_transferred_json() {
    for message in [
        FromWorker::Ready,
        FromWorker::Progress {
            files: vec![
                FileRead {
                    id: 1,
                    read: 4194304.0,
                    total: 9e9,
                },
                FileRead {
                    id: 2,
                    read: 0.0,
                    total: 0.0,
                },
            ],
        },
        FromWorker::ReadFailed {
            id: 3,
            path: "a/ä.log".into(),
            message: "gone".into(),
        },
        FromWorker::Report {
            report: Box::new(sample_report()),
            busy: true,
        },
        FromWorker::Cancelled,
    ] {
        let (value, transfer) = encode_for_transfer(&message).unwrap();
        assert_eq!(transfer.length(), 1);
        let buffer: js_sys::ArrayBuffer = transfer.get(0).unchecked_into();
        assert!(buffer.byte_length() > 0);
        let arrived = clone_with_transfer(&value, &transfer);
        // Moved, not copied: the sender's buffer is detached.
        assert_eq!(buffer.byte_length(), 0, "{message:?}: buffer transferred");
        assert_eq!(decode_transferred::<FromWorker>(&arrived).unwrap(), message);
    }
    assert!(decode_transferred::<FromWorker>(&JsValue::from_str("ready")).is_err());
    assert!(decode_transferred::<FromWorker>(
        &js_sys::Uint8Array::from(&b"{\"report\""[..]).into()
    )
    .is_err());
}

/// (file id, bytes read) of every progress entry, in the order posted.
fn progress_of(seen: &[FromWorker]) -> Vec<(u32, f64)> {
    seen.iter()
        .filter_map(|m| match m {
            FromWorker::Progress { files } => Some(files.iter().map(|f| (f.id, f.read))),
            _ => None,
        })
        .flatten()
        .collect()
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
    // Every slice's progress posted (the page gets a few per second, see the next test).
    engine.borrow_mut().set_progress_interval_ms(0.0);
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
    let progress: Vec<f64> = progress_of(&seen)
        .into_iter()
        .filter(|&(id, _)| id == 1)
        .map(|(_, read)| read)
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
async fn progress_is_throttled_but_complete_and_reads_are_pipelined_across_files() {
    let (post, seen) = collector();
    let engine = Engine::new(post);
    // 1 KiB slices: 3 files of 300 KiB are 900 reads, far more than the progress messages
    // that a few per second allow.
    engine.borrow_mut().set_slice_bytes(1024.0);
    let sizes = [300 * 1024, 0, 200 * 1024];
    let mut files = Vec::new();
    let mut content = Vec::new();
    let mut rows = 0;
    for (i, &size) in sizes.iter().enumerate() {
        // A log of whole lines, each row its own session, so that the analysis is checked too.
        let mut text = String::new();
        if size > 0 {
            text.push_str("#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context\r\n");
        }
        while text.len() < size {
            text.push_str(&format!(
                "2024-01-01T00:00:00.000Z,c,S{i}-{rows},0,1.1.1.1:25,2.2.2.2:25,+,,\r\n"
            ));
            rows += 1;
        }
        content.push(text.clone());
        files.push(FileJob {
            id: 10 + i as u32,
            path: format!("f{i}.log"),
            size: text.len() as f64,
            blob: blob_of(text.as_bytes()),
        });
    }
    handle(&engine, ToWorker::AddFiles { files }).unwrap().await;
    let seen = seen.borrow();
    let messages = seen
        .iter()
        .filter(|m| matches!(m, FromWorker::Progress { .. }))
        .count();
    let slices: usize = content.iter().map(|c| c.len().div_ceil(1024)).sum();
    assert!(
        messages < slices / 4,
        "{messages} progress messages for {slices} slices"
    );
    // The newest state of every file arrives, before the final report.
    let last = seen
        .iter()
        .rposition(|m| matches!(m, FromWorker::Progress { .. }))
        .unwrap();
    assert!(matches!(
        seen.last(),
        Some(FromWorker::Report { busy: false, .. })
    ));
    assert!(last < seen.len() - 1);
    for (i, text) in content.iter().enumerate() {
        let id = 10 + i as u32;
        let reads: Vec<f64> = progress_of(&seen)
            .into_iter()
            .filter(|&(f, _)| f == id)
            .map(|(_, r)| r)
            .collect();
        assert_eq!(
            reads.last(),
            Some(&(text.len() as f64)),
            "file {id}: {reads:?}"
        );
        assert!(
            reads.windows(2).all(|w| w[0] <= w[1]),
            "file {id} never goes back: {reads:?}"
        );
    }
    let Some(FromWorker::Report { report, .. }) = seen.last() else {
        unreachable!()
    };
    let paths: Vec<&str> = report.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, vec!["f0.log", "f1.log", "f2.log"]);
    // Every row of both logs analysed (the prefetched first slice of f2 included) ...
    assert_eq!(report.log_summary.sessions as usize, rows);
    // ... and none twice (a prefetched slice pushed again would repeat its lines).
    let lines: usize = content.iter().map(|c| c.matches("\r\n").count()).sum();
    assert_eq!(report.log_summary.lines as usize, lines);
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
    let read: f64 = progress_of(&seen)
        .into_iter()
        .map(|(_, read)| read)
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

/// What a part worker posts decodes as `FromPart` (the analysis worker's view of it, without
/// the report's reading code); a report or a cancel does not.
#[wasm_bindgen_test]
fn part_worker_messages_decode_as_from_part() {
    let cases = [
        (FromWorker::Ready, Some(FromPart::Ready)),
        (
            FromWorker::Progress {
                files: vec![FileRead {
                    id: 7,
                    read: 4.0,
                    total: 8.0,
                }],
            },
            Some(FromPart::Progress {
                files: vec![FileRead {
                    id: 7,
                    read: 4.0,
                    total: 8.0,
                }],
            }),
        ),
        (
            FromWorker::ReadFailed {
                id: 3,
                path: "RECV1.LOG".into(),
                message: "gone".into(),
            },
            Some(FromPart::ReadFailed {
                id: 3,
                path: "RECV1.LOG".into(),
                message: "gone".into(),
            }),
        ),
        (
            FromWorker::PartDone {
                batch: 2,
                part: Some("{}".into()),
            },
            Some(FromPart::PartDone {
                batch: 2,
                part: Some("{}".into()),
            }),
        ),
        (
            FromWorker::Report {
                report: Box::new(sample_report()),
                busy: false,
            },
            None,
        ),
        (FromWorker::Cancelled, None),
    ];
    for (sent, seen) in cases {
        let (value, _) = encode_for_transfer(&sent).unwrap();
        assert_eq!(
            decode_transferred::<FromPart>(&value).ok(),
            seen,
            "{sent:?}"
        );
    }
}

/// genlog's files (`total` bytes in files of `file`), the options of these tests, and the
/// analyzer that read them all in order.
fn genlog_and_whole(
    total: u64,
    file: u64,
) -> (
    Vec<(String, Vec<u8>)>,
    tlsdoctor_core::analyze::AnalyzeOptions,
    tlsdoctor_core::analyze::Analyzer,
) {
    use tlsdoctor_core::analyze::{AnalyzeOptions, Analyzer};
    let mut g = tlsdoctor_core::log::genlog::Generator::new(total, file, 20, true);
    let files: Vec<(String, Vec<u8>)> = std::iter::from_fn(|| g.next_file()).collect();
    let options = AnalyzeOptions {
        now_unix: 1_733_011_200,
        ..AnalyzeOptions::default()
    };
    let mut whole = Analyzer::new(options.clone());
    for (name, bytes) in &files {
        whole.add_file(name, bytes);
    }
    (files, options, whole)
}

/// Jobs for `files`, with ids from `first_id`.
fn jobs_of(files: &[(String, Vec<u8>)], first_id: u32) -> Vec<FileJob> {
    files
        .iter()
        .enumerate()
        .map(|(i, (name, bytes))| FileJob {
            id: i as u32 + first_id,
            path: name.clone(),
            size: bytes.len() as f64,
            blob: blob_of(bytes),
        })
        .collect()
}

/// A part worker's engine reads the files of a batch and posts them as a part, which an
/// analyzer absorbs into the report one analyzer reading all the files gives; a batch given
/// after a reset is the only one posted.
#[wasm_bindgen_test]
async fn part_engine_posts_a_part_that_merges_into_the_whole_report() {
    use tlsdoctor_core::analyze::Analyzer;
    let (files, options, whole) = genlog_and_whole(600 << 10, 200 << 10);
    assert!(files.len() >= 3);
    let (post, seen) = collector();
    let engine = Engine::new_part(post);
    engine.borrow_mut().set_slice_bytes(64.0 * 1024.0);
    let jobs = jobs_of(&files[1..], 10);
    // A first batch, reset at once: never posted.
    let first = handle(
        &engine,
        ToWorker::PartFiles {
            batch: 1,
            files: jobs.clone(),
            from: None,
        },
    );
    assert!(handle(&engine, ToWorker::Reset { lang: Lang::En }).is_none());
    assert!(handle(
        &engine,
        ToWorker::PartFiles {
            batch: 2,
            files: jobs,
            from: None,
        }
    )
    .is_none());
    first.expect("starts draining").await;
    let parts: Vec<(u32, Option<String>)> = seen
        .borrow()
        .iter()
        .filter_map(|m| match m {
            FromWorker::PartDone { batch, part } => Some((*batch, part.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(parts.len(), 1, "{parts:?}");
    assert!(
        !seen
            .borrow()
            .iter()
            .any(|m| matches!(m, FromWorker::Report { .. })),
        "a part worker posts no reports"
    );
    let (batch, part) = parts.into_iter().next().unwrap();
    assert_eq!(batch, 2);
    let part = part.expect("a part of logs");
    let mut first = Analyzer::new(options);
    first.add_file(&files[0].0, &files[0].1);
    assert!(first.absorb_part_bytes(part.as_bytes()));
    let json = |a: &Analyzer| serde_json::to_string(&a.report()).unwrap();
    assert_eq!(json(&first), json(&whole));
}

/// A part worker given a file from a line inside it (`from`: one large log cut in two) reads
/// the file's header from its start, then its rest, and the files after; the analyzer that read
/// the file up to there absorbs the part into the report of reading everything in one go.
#[wasm_bindgen_test]
async fn part_engine_reads_a_file_from_a_cut_and_merges_into_the_whole_report() {
    use tlsdoctor_core::analyze::Analyzer;
    let (files, options, whole) = genlog_and_whole(900 << 10, 600 << 10);
    assert!(files.len() >= 2);
    let (name, bytes) = &files[0];
    let mid = bytes.len() / 2;
    let cut = mid + tlsdoctor_core::split::line_start(&bytes[mid..]).expect("a line");
    let (post, seen) = collector();
    let engine = Engine::new_part(post);
    engine.borrow_mut().set_slice_bytes(64.0 * 1024.0);
    let jobs = jobs_of(&files, 10);
    let drain = handle(
        &engine,
        ToWorker::PartFiles {
            batch: 1,
            files: jobs,
            from: Some(cut as f64),
        },
    );
    drain.expect("starts draining").await;
    let part = seen
        .borrow()
        .iter()
        .find_map(|m| match m {
            FromWorker::PartDone { part, .. } => part.clone(),
            _ => None,
        })
        .expect("a part of logs");
    // The cut file's progress is the analysis worker's: the part posts only the file after.
    let ids: Vec<u32> = progress_of(&seen.borrow()).iter().map(|p| p.0).collect();
    assert!(!ids.contains(&10) && ids.contains(&11), "{ids:?}");
    let mut first = Analyzer::new(options);
    first.begin_file(name);
    first.push_bytes(&bytes[..cut]);
    assert!(first.absorb_part_bytes(part.as_bytes()));
    let json = |a: &Analyzer| serde_json::to_string(&a.report()).unwrap();
    assert_eq!(json(&first), json(&whole));
}
