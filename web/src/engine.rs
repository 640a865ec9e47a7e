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

use crate::part::PartWorker;
use crate::protocol::{slices, FileJob, FileRead, FromWorker, ToWorker, SLICE_BYTES};
use crate::reader::{is_gone, SliceReader};
use crate::samples::SAMPLES;
use tlsdoctor_core::split::{cut_at, plan, Sized, CUT_WINDOW, HEAD_BYTES};

/// Where the engine sends its messages (the worker posts them to the page; tests collect them).
pub type Post = Rc<dyn Fn(FromWorker)>;

enum Work {
    File(FileJob),
    /// Bytes `from..to` of a file, begun here as `begin` says, ended after them when `end`.
    Range {
        job: FileJob,
        from: f64,
        to: f64,
        begin: Begin,
        end: bool,
    },
    /// The part worker reads these files; merge what it found, or read them here.
    Merge(Vec<FileJob>),
    /// Cut `job` inside, about `offset` bytes in (core's [`plan`]): find the line's start
    /// there, give the part worker the rest and `after`, read `before` and `job` up to the cut
    /// here; or, with no line start found or no part worker, read them all here.
    Cut {
        before: Vec<FileJob>,
        job: FileJob,
        offset: f64,
        after: Vec<FileJob>,
    },
    /// `job` was read here up to `cut`; merge the part worker's part (its rest and `after`),
    /// or read them here.
    MergeCut {
        job: FileJob,
        cut: f64,
        after: Vec<FileJob>,
    },
    /// In a part worker: the files of part `batch` are read; post it.
    PartDone(u32),
    Text {
        path: String,
        text: String,
    },
    Samples,
}

/// How [`Work::Range`] begins its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Begin {
    /// As a new input.
    File,
    /// In a part worker: as the rest of the file the analysis worker reads up to `from`,
    /// after the file's header (read from its start here).
    Continued,
    /// It was begun by an earlier range (a cut whose part was not merged).
    Going,
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
    /// Progress not posted yet, one entry per file, oldest first.
    progress: Vec<FileRead>,
    /// `Date.now()` of the last progress message.
    last_progress_ms: f64,
    /// At most one progress message per this many milliseconds ([`PROGRESS_INTERVAL_MS`]).
    progress_interval_ms: f64,
    /// The first slice of the next queued file (its id, the generation), read while the last
    /// slice of the current file is analysed.
    prefetched: Option<(u32, u64, Read)>,
    /// The worker that reads slices off this thread, once started ([`Engine::set_reader`]).
    reader: Option<Rc<SliceReader>>,
    /// The second analysis worker that reads the later files of a large batch
    /// ([`crate::part`]), once started ([`Engine::set_part_worker`]).
    part_worker: Option<Rc<PartWorker>>,
    /// This engine runs in a part worker: its analyzer is a part, posted as bytes when its
    /// queue is done instead of reports.
    part_mode: bool,
    /// Waiting for the part worker's part ([`merge_part`]).
    merging: bool,
    /// The file id and the byte the last [`Work::Range`] that left its file open read up to.
    range_end: Option<(u32, f64)>,
    /// In a part worker: a read of a cut file's rest failed, so the part is not posted (the
    /// analysis worker reads that rest itself, and reports a failure if it meets one).
    part_broken: bool,
    post: Post,
}

/// Slice reads under way at once while a file is analysed (each at most [`SLICE_BYTES`]).
const READS_AHEAD: usize = 2;

/// While files are still queued, at most one report per this many milliseconds.
const BUSY_REPORT_INTERVAL_MS: f64 = 500.0;

/// At most one progress message per this many milliseconds (each one re-renders the page):
/// about seven a second, so a bar still moves visibly on a log read in half a second.
pub const PROGRESS_INTERVAL_MS: f64 = 150.0;

/// A slice read under way: read off this thread (by the [`SliceReader`] when it is ready, else
/// by the browser for this worker) while the worker analyses the slice before it.
struct Read {
    started: Result<JsFuture, String>,
    /// Kept to read the slice directly if the reader stops before it answered.
    blob: web_sys::Blob,
    range: (f64, f64),
    via_reader: bool,
}

impl Read {
    fn start(reader: Option<&SliceReader>, blob: &web_sys::Blob, start: f64, end: f64) -> Read {
        let ready = reader.filter(|r| r.ready());
        let started = match ready {
            Some(r) => Ok(JsFuture::from(r.read(blob, start, end))),
            None => Self::direct(blob, start, end),
        };
        Read {
            started,
            blob: blob.clone(),
            range: (start, end),
            via_reader: ready.is_some(),
        }
    }

    fn direct(blob: &web_sys::Blob, start: f64, end: f64) -> Result<JsFuture, String> {
        blob.slice_with_f64_and_f64(start, end)
            .map(|part| JsFuture::from(part.array_buffer()))
            .map_err(describe)
    }

    async fn finish(self) -> Result<Uint8Array, String> {
        let buffer = match self.started?.await {
            Err(e) if self.via_reader && is_gone(&e) => {
                let (start, end) = self.range;
                Self::direct(&self.blob, start, end)?.await
            }
            other => other,
        }
        .map_err(describe)?;
        Ok(Uint8Array::new(&buffer))
    }
}

fn new_analyzer(lang: Lang, part: bool) -> Analyzer {
    let now_unix = (js_sys::Date::now() / 1000.0) as i64;
    let options = AnalyzeOptions {
        lang,
        now_unix,
        passwords: Vec::new(),
    };
    if part {
        Analyzer::part(options)
    } else {
        Analyzer::new(options)
    }
}

impl Engine {
    pub fn new(post: Post) -> Rc<RefCell<Engine>> {
        Self::with_mode(post, false)
    }

    /// The engine of a part worker ([`crate::part`]).
    pub fn new_part(post: Post) -> Rc<RefCell<Engine>> {
        Self::with_mode(post, true)
    }

    fn with_mode(post: Post, part_mode: bool) -> Rc<RefCell<Engine>> {
        Rc::new(RefCell::new(Engine {
            analyzer: new_analyzer(Lang::En, part_mode),
            lang: Lang::En,
            queue: VecDeque::new(),
            running: false,
            cancel_requested: false,
            generation: 0,
            last_busy_report_ms: 0.0,
            slice_bytes: SLICE_BYTES,
            progress: Vec::new(),
            last_progress_ms: f64::NEG_INFINITY,
            progress_interval_ms: PROGRESS_INTERVAL_MS,
            prefetched: None,
            reader: None,
            part_worker: None,
            part_mode,
            merging: false,
            range_end: None,
            part_broken: false,
            post,
        }))
    }

    /// Splits large batches of files with `part` from now on (once it is ready).
    pub fn set_part_worker(&mut self, part: Rc<PartWorker>) {
        self.part_worker = Some(part);
    }

    /// Tells the part worker to drop the files it reads, if a batch is being split.
    fn stop_part(&mut self) {
        let split = |w: &Work| matches!(w, Work::Merge(_) | Work::MergeCut { .. });
        if self.merging || self.queue.iter().any(split) {
            if let Some(part) = &self.part_worker {
                part.cancel();
            }
        }
    }

    /// Queues `files`: the later ones for the part worker when the batch is worth splitting
    /// (core's [`plan`]) and nothing else is queued or being read; one large log is cut inside
    /// ([`Work::Cut`]).
    fn queue_files(&mut self, mut files: Vec<FileJob>) {
        let ready = self.part_worker.as_ref().filter(|p| p.ready());
        if let (Some(part), false, true) = (ready, self.running, self.queue.is_empty()) {
            let sized: Vec<Sized<'_>> = files
                .iter()
                .map(|f| Sized {
                    path: &f.path,
                    size: (f.size.is_finite() && f.size >= 0.0).then_some(f.size as u64),
                })
                .collect();
            let split = plan(&sized);
            if let Some((k, offset)) = split.and_then(|s| Some((s.input, s.within?))) {
                let mut after = files.split_off(k);
                let job = after.remove(0);
                self.queue.push_back(Work::Cut {
                    before: files,
                    job,
                    offset: offset as f64,
                    after,
                });
                return;
            }
            if let Some(k) = split.map(|s| s.input) {
                let later = files.split_off(k);
                if part.start(later.clone(), None) {
                    self.queue.extend(files.into_iter().map(Work::File));
                    self.queue.push_back(Work::Merge(later));
                    return;
                }
                files.extend(later);
            }
        }
        self.queue.extend(files.into_iter().map(Work::File));
    }

    /// Reads slices through `reader` from now on (once it is ready).
    pub fn set_reader(&mut self, reader: Rc<SliceReader>) {
        self.reader = Some(reader);
    }

    /// Reads files in slices of `bytes` from now on.
    pub fn set_slice_bytes(&mut self, bytes: f64) {
        self.slice_bytes = bytes;
    }

    /// Posts at most one progress message per `ms` milliseconds from now on (0: one per slice).
    pub fn set_progress_interval_ms(&mut self, ms: f64) {
        self.progress_interval_ms = ms;
    }

    /// Notes that `read` of `total` bytes of file `id` are analysed; posts the progress noted so
    /// far when the last progress message is old enough.
    fn note_progress(&mut self, id: u32, read: f64, total: f64) {
        match self.progress.iter_mut().find(|p| p.id == id) {
            Some(p) => (p.read, p.total) = (read, total),
            None => self.progress.push(FileRead { id, read, total }),
        }
        if js_sys::Date::now() - self.last_progress_ms >= self.progress_interval_ms {
            self.flush_progress();
        }
    }

    /// Posts the progress not posted yet (before any other message, so that the page never sees
    /// a report or a cancel ahead of the bytes it covers).
    fn flush_progress(&mut self) {
        if self.progress.is_empty() {
            return;
        }
        self.last_progress_ms = js_sys::Date::now();
        let files = std::mem::take(&mut self.progress);
        (self.post)(FromWorker::Progress { files });
    }

    /// Posts `message` after the progress not posted yet.
    fn send(&mut self, message: FromWorker) {
        self.flush_progress();
        (self.post)(message);
    }

    fn post_report(&mut self) {
        self.flush_progress();
        if self.part_mode {
            return;
        }
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
        ToWorker::AddFiles { files } => e.queue_files(files),
        ToWorker::PartFiles { batch, files, from } => {
            if !e.part_mode {
                return None;
            }
            let mut files = files.into_iter();
            if let Some(from) = from {
                if let Some(job) = files.next() {
                    let to = job.size;
                    e.queue.push_back(Work::Range {
                        job,
                        from,
                        to,
                        begin: Begin::Continued,
                        end: true,
                    });
                }
            }
            e.queue.extend(files.map(Work::File));
            e.queue.push_back(Work::PartDone(batch));
        }
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
                e.stop_part();
                e.queue.clear();
                e.prefetched = None;
                e.cancel_requested = e.running;
                if !e.running {
                    e.send(FromWorker::Cancelled);
                }
            }
            return None;
        }
        ToWorker::Reset { lang } => {
            e.stop_part();
            e.queue.clear();
            e.prefetched = None;
            e.progress.clear();
            e.generation += 1;
            e.cancel_requested = false;
            e.range_end = None;
            e.part_broken = false;
            e.lang = lang;
            e.analyzer = new_analyzer(lang, e.part_mode);
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
                        e.send(FromWorker::Cancelled);
                    }
                    e.post_report();
                    return;
                }
            }
        };
        match work {
            Work::File(job) => {
                let size = job.size;
                read_range(&engine, job, generation, (0.0, size), Begin::File, true).await
            }
            Work::Range {
                job,
                from,
                to,
                begin,
                end,
            } => read_range(&engine, job, generation, (from, to), begin, end).await,
            Work::Merge(later) => merge_part(&engine, later, generation).await,
            Work::Cut {
                before,
                job,
                offset,
                after,
            } => cut(&engine, before, job, offset, after, generation).await,
            Work::MergeCut { job, cut, after } => {
                merge_cut(&engine, job, cut, after, generation).await
            }
            Work::PartDone(batch) => {
                // The part, and a fresh one for the next files given.
                let mut e = engine.borrow_mut();
                let part = e
                    .analyzer
                    .part_to_bytes()
                    .filter(|_| !std::mem::take(&mut e.part_broken))
                    .and_then(|b| String::from_utf8(b).ok());
                e.analyzer = new_analyzer(e.lang, true);
                e.send(FromWorker::PartDone { batch, part });
            }
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
            e.prefetched = None;
            e.running = false;
            e.send(FromWorker::Cancelled);
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

/// Reads bytes `from..to` of a file (the whole file for [`Work::File`]) in slices of
/// [`crate::protocol::SLICE_BYTES`] and pushes them into the analyzer, the file begun as
/// `begin` says and ended after them when `end`. Pipelined: the reads of the next
/// [`READS_AHEAD`] slices (after the last one, of the next queued file's first slice) are under
/// way while this one is analysed.
async fn read_range(
    engine: &Rc<RefCell<Engine>>,
    job: FileJob,
    generation: u64,
    (from, to): (f64, f64),
    begin: Begin,
    end: bool,
) {
    let head = if begin == Begin::Continued {
        let len = job.size.min(HEAD_BYTES as f64);
        match read_bytes(&job.blob, 0.0, len).await {
            Ok(head) => Some(head),
            Err(_) => {
                engine.borrow_mut().part_broken = true;
                return;
            }
        }
    } else {
        None
    };
    let (parts, mut ahead) = {
        let mut e = engine.borrow_mut();
        if e.generation != generation {
            return;
        }
        match (begin, &head) {
            (Begin::File, _) => e.analyzer.begin_file(&job.path),
            (Begin::Continued, Some(head))
                if !e
                    .analyzer
                    .begin_continued_file(&job.path, head, from as u64) =>
            {
                e.part_broken = true;
                return;
            }
            _ => {}
        }
        let parts: Vec<(f64, f64)> = slices(to - from, e.slice_bytes)
            .map(|(a, b)| (a + from, b + from))
            .collect();
        let prefetched = match e.prefetched.take() {
            Some((id, g, read)) if id == job.id && g == generation && begin == Begin::File => {
                Some(read)
            }
            _ => None,
        };
        (parts, VecDeque::from_iter(prefetched))
    };
    let mut pushed = from;
    // Reads of parts[started - ahead.len()..started] are under way.
    let mut started = ahead.len();
    let start_reads = |ahead: &mut VecDeque<Read>, started: &mut usize| {
        let reader = engine.borrow().reader.clone();
        while ahead.len() < READS_AHEAD {
            let Some(&(start, end)) = parts.get(*started) else {
                break;
            };
            ahead.push_back(Read::start(reader.as_deref(), &job.blob, start, end));
            *started += 1;
        }
    };
    start_reads(&mut ahead, &mut started);
    let mut buffer: Vec<u8> = Vec::new();
    for &(start, end) in &parts {
        if engine.borrow().cancel_requested || engine.borrow().generation != generation {
            break;
        }
        let Some(read) = ahead.pop_front() else { break };
        let result = read.finish().await;
        // The next slices are read while this one is analysed; after the last one, the next
        // file's first.
        start_reads(&mut ahead, &mut started);
        if ahead.is_empty() {
            prefetch_next_file(engine, generation);
        }
        match result {
            Ok(bytes) => {
                let len = bytes.length() as usize;
                buffer.resize(len, 0);
                // The one copy a slice takes: from the browser's buffer into wasm memory.
                bytes.copy_to(&mut buffer[..len]);
                let e = &mut *engine.borrow_mut();
                if e.generation != generation {
                    return;
                }
                e.analyzer.push_bytes(&buffer[..len]);
                pushed = start + len as f64;
                // A part worker's rest of a cut file: its progress is the analysis worker's
                // (two workers' messages on one bar would make it jump back and forth).
                if begin != Begin::Continued {
                    e.note_progress(job.id, end, job.size);
                }
            }
            Err(_) if begin == Begin::Continued => {
                engine.borrow_mut().part_broken = true;
                return;
            }
            Err(message) => {
                engine.borrow_mut().send(FromWorker::ReadFailed {
                    id: job.id,
                    path: job.path.clone(),
                    message,
                });
                break;
            }
        }
    }
    let e = &mut *engine.borrow_mut();
    if e.generation != generation {
        return;
    }
    // Cancelled in the first part of a cut file: it ends here, as a whole file read would.
    if end || e.cancel_requested {
        e.analyzer.end_file();
        if job.size <= 0.0 {
            e.note_progress(job.id, 0.0, 0.0);
        }
    } else {
        e.range_end = Some((job.id, pushed));
    }
}

/// Bytes `start..end` of `blob`, read by the browser for this worker (a few KiB: the head and
/// the cut of a file cut inside).
async fn read_bytes(blob: &web_sys::Blob, start: f64, end: f64) -> Result<Vec<u8>, String> {
    let bytes = Read {
        started: Read::direct(blob, start, end),
        blob: blob.clone(),
        range: (start, end),
        via_reader: false,
    }
    .finish()
    .await?;
    Ok(bytes.to_vec())
}

/// [`Work::Cut`]: finds the line's start after `offset` in `job` and queues its parts (ahead of
/// anything queued after the cut): `before` and `job` up to the cut here, its rest and `after`
/// in the part worker, then [`Work::MergeCut`]. Without a line start there, or when the part
/// worker cannot be asked, everything is read here.
async fn cut(
    engine: &Rc<RefCell<Engine>>,
    before: Vec<FileJob>,
    job: FileJob,
    offset: f64,
    after: Vec<FileJob>,
    generation: u64,
) {
    let window_end = (offset + CUT_WINDOW as f64).min(job.size);
    let head_end = job.size.min(HEAD_BYTES as f64);
    let window = read_bytes(&job.blob, offset, window_end).await.ok();
    let head = read_bytes(&job.blob, 0.0, head_end).await.ok();
    let cut = match (window, head) {
        (Some(window), Some(head)) => {
            cut_at(&head, offset as u64, &window, job.size as u64).map(|c| c as f64)
        }
        _ => None,
    };
    let e = &mut *engine.borrow_mut();
    // Reset or cancelled while the browser read: the queue is someone else's now.
    if e.generation != generation || e.cancel_requested {
        return;
    }
    let part = e.part_worker.clone();
    let mut rest = after.clone();
    rest.insert(0, job.clone());
    let started = match (cut, part) {
        (Some(cut), Some(part)) => part.start(rest, Some(cut)).then_some(cut),
        _ => None,
    };
    let mut work: Vec<Work> = before.into_iter().map(Work::File).collect();
    match started {
        Some(cut) => {
            work.push(Work::Range {
                job: job.clone(),
                from: 0.0,
                to: cut,
                begin: Begin::File,
                end: false,
            });
            work.push(Work::MergeCut { job, cut, after });
        }
        None => {
            work.push(Work::File(job));
            work.extend(after.into_iter().map(Work::File));
        }
    }
    for w in work.into_iter().rev() {
        e.queue.push_front(w);
    }
}

/// [`Work::MergeCut`]: absorbs the part worker's part (the rest of `job` from `cut`, and
/// `after`) into the file read here up to `cut`; when there is none or core refuses it, reads
/// the rest of `job` and `after` here (queued first). If this worker's read of `job` stopped
/// short (the browser failed to read a slice), the file ends there, as a whole read would.
async fn merge_cut(
    engine: &Rc<RefCell<Engine>>,
    job: FileJob,
    cut: f64,
    after: Vec<FileJob>,
    generation: u64,
) {
    let bytes = await_part(engine).await;
    let e = &mut *engine.borrow_mut();
    if e.generation != generation {
        return;
    }
    // Cancelled while the part was read: the file ends where this worker stopped.
    if e.cancel_requested {
        if e.range_end.take().is_some() {
            e.analyzer.end_file();
        }
        return;
    }
    let whole = e.range_end.take() == Some((job.id, cut));
    let merged = whole && bytes.is_some_and(|b| e.analyzer.absorb_part_bytes(b.as_bytes()));
    count(if merged {
        "tlsdoctorPartsMerged"
    } else {
        "tlsdoctorPartsReadAgain"
    });
    if merged {
        e.note_progress(job.id, job.size, job.size);
        return;
    }
    for later in after.into_iter().rev() {
        e.queue.push_front(Work::File(later));
    }
    if whole {
        let to = job.size;
        e.queue.push_front(Work::Range {
            job,
            from: cut,
            to,
            begin: Begin::Going,
            end: true,
        });
    } else {
        e.analyzer.end_file();
    }
}

/// The part worker's part of the files last given to it, once read (`None`: no part worker,
/// or no part that can be merged), with [`Engine::merging`] set meanwhile.
async fn await_part(engine: &Rc<RefCell<Engine>>) -> Option<String> {
    let part = engine.borrow().part_worker.clone();
    engine.borrow_mut().merging = true;
    let bytes = match part {
        Some(p) => p.finish().await,
        None => None,
    };
    engine.borrow_mut().merging = false;
    bytes
}

/// Waits for the part worker's part of `later` and absorbs it; when there is none, core refuses
/// it, or the analysis was reset meanwhile, reads `later` here (queued first).
async fn merge_part(engine: &Rc<RefCell<Engine>>, later: Vec<FileJob>, generation: u64) {
    let bytes = await_part(engine).await;
    let e = &mut *engine.borrow_mut();
    if e.generation != generation || e.cancel_requested {
        return;
    }
    let merged = bytes.is_some_and(|b| e.analyzer.absorb_part_bytes(b.as_bytes()));
    count(if merged {
        "tlsdoctorPartsMerged"
    } else {
        "tlsdoctorPartsReadAgain"
    });
    if !merged {
        for job in later.into_iter().rev() {
            e.queue.push_front(Work::File(job));
        }
    }
}

/// Adds one to the global `key` of this worker (read by the end-to-end test that checks how a
/// split batch went).
fn count(key: &str) {
    let global = js_sys::global();
    let key = wasm_bindgen::JsValue::from_str(key);
    let n = js_sys::Reflect::get(&global, &key)
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0);
    let _ = js_sys::Reflect::set(&global, &key, &wasm_bindgen::JsValue::from(n + 1.0));
}

/// Starts reading the first slice of the next queued input when it is a file.
fn prefetch_next_file(engine: &Rc<RefCell<Engine>>, generation: u64) {
    let mut e = engine.borrow_mut();
    if e.cancel_requested || e.generation != generation {
        return;
    }
    let slice_bytes = e.slice_bytes;
    let reader = e.reader.clone();
    let read = match e.queue.front() {
        Some(Work::File(job)) => slices(job.size, slice_bytes).next().map(|(start, end)| {
            (
                job.id,
                Read::start(reader.as_deref(), &job.blob, start, end),
            )
        }),
        _ => None,
    };
    e.prefetched = read.map(|(id, read)| (id, generation, read));
}

/// The browser's reason a slice could not be read, as text.
pub fn describe(value: wasm_bindgen::JsValue) -> String {
    value
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| value.as_string())
        .unwrap_or_else(|| "the browser could not read this file".to_owned())
}
