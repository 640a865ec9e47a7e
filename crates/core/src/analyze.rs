//! Streaming analysis: files of any kind go in, an [`crate::report::AnalysisReport`] comes out.
//!
//! Each file's kind is detected from its first bytes: protocol logs
//! ([`crate::log::sniff::looks_like_protocol_log`]) are streamed line by line into the
//! [`LogCollector`] and never held whole; every other file is buffered (up to
//! [`limits::MAX_CERT_FILE_BYTES`]) and inspected when it is complete. A broken file becomes a
//! file entry with an error; it never stops the others. Core has no clock: `now_unix` comes in.
//!
//! A `.zip` ([`crate::archive::zip::looks_like_zip`]) is streamed through
//! [`crate::archive::ZipStream`]: the archive is listed as a file of kind `zip-archive` (with
//! its `archive-*` error, if any), and each entry follows as a file of its own named
//! `archive.zip/folder/file.log`, read exactly as that file dropped alone would be (a zip in a
//! zip too, [`limits::MAX_ZIP_NESTING`] deep). A text entry no reader knows is listed with a
//! warning rather than an error (an archive bundles a folder, notes included).

use std::sync::Arc;

use crate::archive::{ArchiveError, EntrySink, ZipBudget, ZipStream};
use crate::i18n::Lang;
use crate::inspect::InspectedFile;
use crate::limits;
use crate::log::sniff::{looks_like_protocol_log, SNIFF_BYTES};
use crate::log::utf16::{utf16_order, Utf16Decoder};
use crate::log::LogCollector;
use crate::pkcs12::kdf::KdfBudget;
use crate::report::{AnalysisReport, ErrorReport, FileKind, FileReport, TOOL_NAME, TOOL_VERSION};

/// What the analysis needs from outside.
#[derive(Debug, Clone, Default)]
pub struct AnalyzeOptions {
    pub lang: Lang,
    /// "Now" in Unix seconds (expiry of dropped certificates is judged at this time).
    pub now_unix: i64,
    /// Candidate passwords for PKCS#12 files and encrypted keys.
    pub passwords: Vec<String>,
}

/// How the current file is being read.
#[derive(Debug)]
enum Reading {
    /// Not yet enough bytes to tell its kind.
    Sniffing(Vec<u8>),
    /// A protocol log, streamed into the collector; one not stored as the reader reads it
    /// (UTF-16, `;` or tabs between the fields, lone CRs) is transcoded on the way ([`Transcode`]).
    Log(Option<Box<Transcode>>),
    /// Any other file, buffered until complete; `None` once it exceeded the cap.
    Buffered(Option<Vec<u8>>),
    /// A `.zip`, its entries read as files of their own.
    Zip(Box<ZipReading>),
    /// One of Exchange's other logs (message tracking, ...), streamed row by row for clues.
    OtherLog(Box<OtherLog>),
    /// Bytes not read (a zip nested too deep); the slot already holds the error.
    Discard,
}

/// What a protocol log goes through before the reader when it is not stored as the reader
/// reads it: UTF-16 ([`crate::log::utf16`]), or re-saved with `;` or tabs between the fields
/// ([`crate::log::delimited`]), or both.
#[derive(Debug)]
struct Transcode {
    utf16: Option<Utf16Decoder>,
    /// Lines end with a lone CR ([`crate::log::sniff::cr_only`]): each CR becomes a LF.
    cr_only: bool,
    recomma: Option<crate::log::delimited::Recomma>,
}

/// `bytes` with each CR made a LF when `cr_only` (a log whose lines end with a lone CR).
fn cr_to_lf(cr_only: bool, bytes: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    if cr_only {
        bytes
            .iter()
            .map(|&b| if b == b'\r' { b'\n' } else { b })
            .collect::<Vec<u8>>()
            .into()
    } else {
        bytes.into()
    }
}

impl Transcode {
    /// `bytes` as stored → UTF-8 with commas (into `out`, cleared first). `utf8_already`: the
    /// bytes were transcoded from UTF-16 before (the file's head).
    fn push(&mut self, bytes: &[u8], utf8_already: bool, out: &mut Vec<u8>) {
        out.clear();
        let mut utf8 = Vec::new();
        let text = match self.utf16.as_mut() {
            Some(d) if !utf8_already => {
                d.push(bytes, &mut utf8);
                &utf8[..]
            }
            _ => bytes,
        };
        let text = cr_to_lf(self.cr_only, text);
        match self.recomma.as_mut() {
            Some(r) => r.push(&text, out),
            None => out.extend_from_slice(&text),
        }
    }

    fn finish(&mut self, out: &mut Vec<u8>) {
        out.clear();
        let mut rest = Vec::new();
        if let Some(d) = self.utf16.as_mut() {
            d.finish(&mut rest);
        }
        let mut rest = cr_to_lf(self.cr_only, &rest).into_owned();
        match self.recomma.as_mut() {
            Some(r) => {
                r.push(&rest, out);
                r.finish(out);
            }
            None => out.append(&mut rest),
        }
    }
}

/// One of Exchange's other logs ([`crate::log::sniff::other_exchange_log`]: message tracking,
/// connectivity, ...) being read. It records no TLS handshake, but its rows can name the failure
/// (a message tracking log's `recipient-status`: `451 4.4.0 Primary target IP address responded
/// with: "451 5.7.3 Must issue a STARTTLS command first."`): each row goes through the clue
/// recognisers pasted text goes through ([`crate::catalogue::clues::in_log_row`]), streamed, so
/// a folder of them is read whole whatever its size (at most
/// [`crate::catalogue::clues::MAX_CLUES`] clues are kept).
#[derive(Debug)]
struct OtherLog {
    log_type: String,
    /// UTF-16 or lone CRs, as for protocol logs (never a separator rewrite: rows are read whole).
    transcode: Transcode,
    splitter: crate::log::lines::LineSplitter,
    clues: Vec<crate::catalogue::Clue>,
    /// Reused by the recognisers' prefilter.
    lower: Vec<u8>,
}

impl OtherLog {
    /// Next bytes of the file as stored; `utf8_already`: transcoded from UTF-16 before (the head).
    fn push(&mut self, chunk: &[u8], utf8_already: bool) {
        let mut text = Vec::new();
        self.transcode.push(chunk, utf8_already, &mut text);
        let (clues, lower) = (&mut self.clues, &mut self.lower);
        self.splitter
            .push(&text, |line| Self::line(clues, lower, line));
    }

    fn line(
        clues: &mut Vec<crate::catalogue::Clue>,
        lower: &mut Vec<u8>,
        line: crate::log::lines::Line<'_>,
    ) {
        if let crate::log::lines::Line::Text { number, bytes, .. } = line {
            if clues.len() < crate::catalogue::clues::MAX_CLUES && !bytes.starts_with(b"#") {
                clues.extend(crate::catalogue::clues::in_log_row(
                    "", number, bytes, lower,
                ));
            }
        }
    }

    /// The file is complete: its clues, named after `path`.
    fn finish(mut self, path: &str) -> Vec<crate::catalogue::Clue> {
        let mut rest = Vec::new();
        self.transcode.finish(&mut rest);
        let (clues, lower) = (&mut self.clues, &mut self.lower);
        self.splitter
            .push(&rest, |line| Self::line(clues, lower, line));
        self.splitter.finish(|line| Self::line(clues, lower, line));
        for clue in &mut self.clues {
            clue.path = path.to_string();
        }
        self.clues
    }
}

/// A `.zip` being read and the entry being read from it.
#[derive(Debug)]
struct ZipReading {
    /// The archive's path; entries are `{path}/{entry name}`.
    path: String,
    /// 0 for a file given by the user, 1 for a zip in it, ...
    depth: usize,
    stream: ZipStream,
    /// Shared with the zips nested in this one.
    budget: Arc<ZipBudget>,
    /// Slot and reading of the entry being read.
    entry: Option<(usize, Reading)>,
}

/// Where a file being read sits: its slot, and how deep in archives (0: given by the user).
#[derive(Debug, Clone)]
struct Place {
    slot: usize,
    depth: usize,
    /// The budget of the archive it is in, if any.
    budget: Option<Arc<ZipBudget>>,
}

#[derive(Debug)]
struct Slot {
    path: String,
    inspected: InspectedFile,
    /// Bytes of a PKCS#12 file that did not open, kept to retry with new passwords.
    unopened_pkcs12: Option<Vec<u8>>,
    /// What was read when the file is pasted shell output.
    paste: Option<crate::paste::PastedOutput>,
    /// Failure clues in a text file (message trace, NDR, queue error, event text).
    clues: Vec<crate::catalogue::Clue>,
    /// Set when a log was read from UTF-16; becomes a warning of its file entry, in the
    /// report's language.
    read_from_utf16: bool,
    /// A text entry of an archive that no reader knows (listed with a warning, no error).
    unread_archive_text: bool,
}

impl Slot {
    fn new(path: &str) -> Slot {
        Slot {
            path: path.to_string(),
            inspected: placeholder(path, FileKind::Unknown),
            unopened_pkcs12: None,
            paste: None,
            clues: Vec::new(),
            unread_archive_text: false,
            read_from_utf16: false,
        }
    }

    fn set_error(&mut self, error: &crate::Error) {
        self.inspected.report.error = Some(ErrorReport::from(error));
    }
}

/// [`Analyzer::part_to_bytes`]: the part's files and what its logs said.
#[derive(serde::Serialize, serde::Deserialize)]
struct PartBytes {
    slots: Vec<PartSlot>,
    logs: crate::log::collector::PartState,
    #[serde(default)]
    continues: Option<(String, u64)>,
}

/// A log's entry in a part: what its [`FileReport`] holds, without the report itself (whose
/// reading code would add to the page's worker what it never needs otherwise).
#[derive(serde::Serialize, serde::Deserialize)]
struct PartSlot {
    path: String,
    kind: FileKind,
    log_type: Option<String>,
    clues: Vec<crate::catalogue::Clue>,
    read_from_utf16: bool,
}

impl PartSlot {
    fn report(&self) -> FileReport {
        let mut report = FileReport::new(&self.path, self.kind);
        report.log_type = self.log_type.clone();
        report
    }
}

/// Collects files and produces the report. See the module documentation.
#[derive(Debug)]
pub struct Analyzer {
    options: AnalyzeOptions,
    slots: Vec<Slot>,
    current: Option<Reading>,
    /// Where the file of `current` sits (depth 0).
    current_place: Option<Place>,
    logs: LogCollector,
    /// Bytes of the completed non-log files so far (capped by [`limits::MAX_TOTAL_BUFFERED_BYTES`]).
    buffered_total: u64,
    /// The current file was refused because all non-log files together exceeded the cap.
    over_total: bool,
    /// The current file's whole length when the reader knows it ([`Analyzer::declare_len`]).
    declared_len: Option<u64>,
    /// Key-derivation work left for all PKCS#12 files and encrypted keys of this analysis
    /// ([`limits::MAX_KDF_ITERATIONS_PER_RUN`]); new passwords start a new run.
    kdf_run: KdfBudget,
    /// In a part begun with [`Analyzer::begin_continued_file`]: the path of the file it goes
    /// on with, and the byte it starts at.
    continues: Option<(String, u64)>,
    /// Bytes pushed into the current input so far.
    pushed: u64,
}

fn placeholder(path: &str, kind: FileKind) -> InspectedFile {
    InspectedFile {
        report: FileReport::new(path, kind),
        certificate_spkis: Vec::new(),
        key_publics: Vec::new(),
    }
}

impl Analyzer {
    pub fn new(options: AnalyzeOptions) -> Self {
        Analyzer {
            options,
            slots: Vec::new(),
            current: None,
            current_place: None,
            logs: LogCollector::new(),
            buffered_total: 0,
            over_total: false,
            declared_len: None,
            kdf_run: KdfBudget::per_run(),
            continues: None,
            pushed: 0,
        }
    }

    /// An analyzer for a later group of input files, read (on another thread) while this one
    /// reads the files before them, then merged into it with [`Analyzer::absorb`]. It reads as
    /// [`Analyzer::new`] does; its protocol-log collector also records what the merge checks
    /// ([`LogCollector::part`]).
    pub fn part(options: AnalyzeOptions) -> Self {
        Analyzer {
            logs: LogCollector::part(),
            ..Self::new(options)
        }
    }

    /// [`LogCollector::continued_sessions`] of this part's logs: above 0, [`Analyzer::absorb`]
    /// will most likely refuse it (a session continues from the files before).
    pub fn continued_sessions(&self) -> u64 {
        self.logs.continued_sessions()
    }

    /// Merges `later` (an [`Analyzer::part`] given the files that follow this one's, with the
    /// same options) into this analyzer: its report is then the one reading all the files in
    /// order here gives. `false`, and this analyzer unchanged, when that cannot be shown; the
    /// caller then reads the later files here. Taken only when every later file was read as a
    /// log (a certificate, key, paste or archive shares budgets and caps with the files before
    /// it) and the protocol logs' facts merge exactly ([`LogCollector::absorb`]). Both must be
    /// between files, except that a part begun with [`Analyzer::begin_continued_file`] goes on
    /// with the file this analyzer is reading: read as a plain protocol log, exactly up to the
    /// byte the part starts at. The merge then ends that file.
    pub fn absorb(&mut self, later: Analyzer) -> bool {
        if !later.mergeable_part() {
            return false;
        }
        let Some((continued, from)) = later.continues.clone() else {
            if self.current.is_some() || !self.logs.absorb(later.logs) {
                return false;
            }
            self.slots.extend(later.slots);
            return true;
        };
        // Inside the file the part went on with, read as a plain protocol log up to exactly
        // the byte the part starts at.
        let here = match (&self.current, &self.current_place) {
            (Some(Reading::Log(None)), Some(place)) if place.depth == 0 && self.pushed == from => {
                place.slot
            }
            _ => return false,
        };
        if self.slots.get(here).map(|s| &s.path) != Some(&continued)
            || later.slots.first().map(|s| &s.path) != Some(&continued)
            || !self.logs.absorb(later.logs)
        {
            return false;
        }
        self.current = None;
        self.current_place = None;
        if let Some(slot) = self.slots.get_mut(here) {
            slot.inspected = placeholder(&slot.path, FileKind::ProtocolLog);
        }
        self.slots.extend(later.slots.into_iter().skip(1));
        true
    }

    /// Begins this part's first input, `path`, at a line's start inside it (core's
    /// [`crate::split::plan`] with `within`, moved to [`crate::split::line_start`]), to be read as
    /// a protocol log after the file's header: `head` is its first bytes
    /// ([`crate::split::HEAD_BYTES`]), `from` the byte the rest starts at. The analyzer that
    /// read exactly `from` bytes of the file absorbs this part without ending the file; if it
    /// refuses, it reads on from the cut itself. `false` (nothing begun) on an analyzer that is
    /// no part or has begun a file.
    pub fn begin_continued_file(&mut self, path: &str, head: &[u8], from: u64) -> bool {
        if !self.slots.is_empty() || self.current.is_some() {
            return false;
        }
        if !self.logs.begin_continued_file(path, head) {
            return false;
        }
        self.slots.push(Slot::new(path));
        self.current = Some(Reading::Log(None));
        self.current_place = Some(Place {
            slot: 0,
            depth: 0,
            budget: None,
        });
        self.declared_len = None;
        self.continues = Some((path.to_string(), from));
        true
    }

    /// Between files, and every file read as a log: what [`Analyzer::absorb`] takes.
    fn mergeable_part(&self) -> bool {
        let logs_only = self.slots.iter().all(|s| {
            matches!(
                s.inspected.report.kind,
                FileKind::ProtocolLog | FileKind::ExchangeLog
            ) && s.unopened_pkcs12.is_none()
                && s.paste.is_none()
                && !s.unread_archive_text
        });
        logs_only
            && self.current.is_none()
            && self.buffered_total == 0
            && !self.over_total
            && self.kdf_run.untouched()
    }

    /// This part (an [`Analyzer::part`] between files) as bytes, for another thread to hand to
    /// [`Analyzer::absorb_part_bytes`] (in the page, the part is read in another Web Worker,
    /// which shares no memory with the one that absorbs it). `None` when it could not be
    /// absorbed anyway, or a file of it has an error.
    pub fn part_to_bytes(&self) -> Option<Vec<u8>> {
        if !self.mergeable_part()
            || self
                .slots
                .iter()
                .any(|s| s.inspected.report.error.is_some())
        {
            return None;
        }
        let mut slots = Vec::with_capacity(self.slots.len());
        for s in &self.slots {
            let report = &s.inspected.report;
            let slot = PartSlot {
                path: s.path.clone(),
                kind: report.kind,
                log_type: report.log_type.clone(),
                clues: s.clues.clone(),
                read_from_utf16: s.read_from_utf16,
            };
            // Only the path, kind and log type are moved: a log's entry holds nothing else.
            if *report != slot.report() {
                return None;
            }
            slots.push(slot);
        }
        let part = PartBytes {
            slots,
            logs: self.logs.to_part_state()?,
            continues: self.continues.clone(),
        };
        serde_json::to_vec(&part).ok()
    }

    /// [`Analyzer::absorb`] of the part `bytes` ([`Analyzer::part_to_bytes`]) hold; `false`
    /// (this analyzer unchanged) when refused or when the bytes are not such a part.
    pub fn absorb_part_bytes(&mut self, bytes: &[u8]) -> bool {
        let Ok(part) = serde_json::from_slice::<PartBytes>(bytes) else {
            return false;
        };
        let mut later = Analyzer::part(self.options.clone());
        later.logs = LogCollector::from_part_state(part.logs);
        later.continues = part.continues;
        later.slots = part
            .slots
            .into_iter()
            .map(|s| Slot {
                inspected: InspectedFile {
                    report: s.report(),
                    certificate_spkis: Vec::new(),
                    key_publics: Vec::new(),
                },
                path: s.path,
                unopened_pkcs12: None,
                paste: None,
                clues: s.clues,
                read_from_utf16: s.read_from_utf16,
                unread_archive_text: false,
            })
            .collect();
        self.absorb(later)
    }

    /// Start the next input file; its kind is detected from the first bytes pushed.
    pub fn begin_file(&mut self, path: &str) {
        if self.current.is_some() {
            self.end_file();
        }
        self.slots.push(Slot::new(path));
        self.current = Some(Reading::Sniffing(Vec::new()));
        self.current_place = Some(Place {
            slot: self.slots.len() - 1,
            depth: 0,
            budget: None,
        });
        self.declared_len = None;
        self.pushed = 0;
    }

    /// The current file is `len` bytes long (a regular file's size, known before reading): once
    /// its first bytes show it is not a protocol log, a file over the caps is refused at once
    /// instead of after [`limits::MAX_CERT_FILE_BYTES`] bytes were pushed.
    pub fn declare_len(&mut self, len: u64) {
        self.declared_len = Some(len);
    }

    /// Whether more bytes of the current file are still used: `false` once it was refused as
    /// too large (the reader stops reading), `true` for a protocol log or a file within the caps.
    pub fn wants_more(&self) -> bool {
        !matches!(self.current, Some(Reading::Buffered(None)))
    }

    /// Next slice of the current file: any size, any boundary (may split lines and UTF-8).
    pub fn push_bytes(&mut self, chunk: &[u8]) {
        let (Some(reading), Some(place)) = (self.current.take(), self.current_place.clone()) else {
            return;
        };
        self.pushed = self.pushed.saturating_add(chunk.len() as u64);
        self.current = Some(self.push_into(reading, chunk, &place));
    }

    /// Whether the current file is read as a protocol log stored as the reader reads it: the
    /// one kind whose later slices [`Analyzer::push_prepared`] takes prepared. Known once its
    /// first bytes ([`SNIFF_BYTES`]) were pushed.
    pub fn takes_prepared(&self) -> bool {
        matches!(self.current, Some(Reading::Log(None)))
    }

    /// [`Analyzer::push_bytes`] with the slice's line pass made ahead on another thread
    /// ([`crate::log::prepared`]: the same facts, less work here). Used when the file is being
    /// read as a protocol log stored as the reader reads it and `prepared` follows what it read
    /// so far; otherwise the bytes are read as [`Analyzer::push_bytes`] reads them. Tells
    /// whether `prepared` was used.
    pub fn push_prepared(
        &mut self,
        chunk: &[u8],
        prepared: &crate::log::prepared::Prepared,
    ) -> bool {
        if self.takes_prepared() && self.logs.push_prepared(chunk, prepared) {
            self.pushed = self.pushed.saturating_add(chunk.len() as u64);
            return true;
        }
        self.push_bytes(chunk);
        false
    }

    /// [`Analyzer::push_bytes`] for the file at `place` (given, or an archive entry).
    fn push_into(&mut self, reading: Reading, chunk: &[u8], place: &Place) -> Reading {
        match reading {
            Reading::Sniffing(mut head) => {
                let take = chunk.len().min(SNIFF_BYTES.saturating_sub(head.len()));
                let (first, rest) = chunk.split_at(take);
                head.extend_from_slice(first);
                if head.len() < SNIFF_BYTES {
                    Reading::Sniffing(head)
                } else {
                    let decided = self.decide(head, place);
                    self.feed(decided, rest)
                }
            }
            other => self.feed(other, chunk),
        }
    }

    /// The current file is complete.
    pub fn end_file(&mut self) {
        let (Some(reading), Some(place)) = (self.current.take(), self.current_place.take()) else {
            return;
        };
        self.finish(reading, &place);
    }

    /// [`Analyzer::end_file`] for the file at `place`.
    fn finish(&mut self, mut reading: Reading, place: &Place) {
        if let Reading::Sniffing(head) = reading {
            reading = self.decide(head, place);
        }
        if let Reading::Zip(mut zip) = reading {
            let error = {
                let mut feed = EntryFeed {
                    analyzer: self,
                    entry: &mut zip.entry,
                    prefix: &zip.path,
                    depth: zip.depth + 1,
                    budget: &zip.budget,
                };
                zip.stream.finish(&mut feed)
            };
            if let Some((slot, entry)) = zip.entry.take() {
                let inner = Place {
                    slot,
                    depth: zip.depth + 1,
                    budget: Some(zip.budget.clone()),
                };
                self.finish(entry, &inner);
            }
            if let (Some(e), Some(slot)) = (error, self.slots.get_mut(place.slot)) {
                slot.set_error(&crate::Error::Archive(e));
            }
            return;
        }
        let Some(slot) = self.slots.get_mut(place.slot) else {
            return;
        };
        match reading {
            Reading::OtherLog(other) => {
                let log_type = other.log_type.clone();
                slot.clues = other.finish(&slot.path);
                slot.inspected = placeholder(&slot.path, FileKind::ExchangeLog);
                slot.inspected.report.log_type = Some(log_type);
            }
            Reading::Log(transcode) => {
                if let Some(mut transcode) = transcode {
                    let mut rest = Vec::new();
                    transcode.finish(&mut rest);
                    self.logs.push(&rest);
                }
                self.logs.end_file();
                slot.inspected = placeholder(&slot.path, FileKind::ProtocolLog);
            }
            Reading::Buffered(None) => {
                let mut report = FileReport::new(&slot.path, FileKind::Unknown);
                let error = if std::mem::take(&mut self.over_total) {
                    crate::Error::TooLarge {
                        what: "This file together with the certificate files before it".into(),
                        limit: limits::MAX_TOTAL_BUFFERED_BYTES,
                    }
                } else {
                    crate::Error::TooLarge {
                        what: "This file".into(),
                        limit: limits::MAX_CERT_FILE_BYTES,
                    }
                };
                report.error = Some(ErrorReport::from(&error));
                slot.inspected = InspectedFile {
                    report,
                    certificate_spkis: Vec::new(),
                    key_publics: Vec::new(),
                };
            }
            Reading::Buffered(Some(bytes)) if is_shell_output(&bytes) => {
                let (inspected, paste) = read_paste(&slot.path, &bytes);
                if let Some(rows) = paste.as_ref().map(|p| &p.log_lines) {
                    if !rows.is_empty() {
                        self.logs.add_rows(&slot.path, rows);
                    }
                }
                slot.inspected = inspected;
                slot.clues = crate::catalogue::clues::scan_bytes(&slot.path, &bytes);
                if let Some(p) = &paste {
                    crate::catalogue::clues::add_pasted_queue_errors(
                        &slot.path,
                        p,
                        &mut slot.clues,
                    );
                }
                slot.paste = paste;
            }
            Reading::Buffered(Some(bytes)) if is_failure_text(&bytes) => {
                // Message trace / NDR / queue error text no other reader knows: read for clues.
                slot.clues = crate::catalogue::clues::scan_bytes(&slot.path, &bytes);
                slot.inspected = placeholder(&slot.path, FileKind::ShellOutput);
            }
            Reading::Buffered(Some(bytes)) => {
                self.buffered_total += bytes.len() as u64;
                slot.inspected = inspect_bytes(
                    &slot.path,
                    &bytes,
                    &self.options.passwords,
                    &mut self.kdf_run,
                );
                let unknown_text = matches!(
                    slot.inspected
                        .report
                        .error
                        .as_ref()
                        .and_then(|e| e.error.as_ref()),
                    Some(crate::Error::NotRecognised(
                        crate::error::Unrecognised::Text
                    ))
                );
                if place.depth > 0 && unknown_text {
                    slot.inspected.report.error = None;
                    slot.unread_archive_text = true;
                }
                if slot.inspected.report.kind == FileKind::Pkcs12
                    && slot.inspected.report.error.is_some()
                {
                    slot.unopened_pkcs12 = Some(bytes);
                }
            }
            Reading::Sniffing(_) | Reading::Zip(_) | Reading::Discard => {}
        }
    }

    /// begin + push + end.
    pub fn add_file(&mut self, path: &str, bytes: &[u8]) {
        self.begin_file(path);
        self.push_bytes(bytes);
        self.end_file();
    }

    /// Records a file that could not be read at all (I/O error, unreadable path), so it is
    /// still listed with its error.
    pub fn add_unreadable_file(&mut self, path: &str, error: ErrorReport) {
        if self.current.is_some() {
            self.end_file();
        }
        let mut slot = Slot::new(path);
        slot.inspected.report.error = Some(error);
        self.slots.push(slot);
    }

    /// Replace candidate passwords; re-open PKCS#12 files that have not opened yet (their bytes are kept).
    pub fn set_passwords(&mut self, passwords: Vec<String>) {
        self.options.passwords = passwords;
        // The user typed new passwords: a new run of key derivations.
        self.kdf_run = KdfBudget::per_run();
        let in_progress = self.current.is_some();
        let last = self.slots.len().saturating_sub(1);
        for (i, slot) in self.slots.iter_mut().enumerate() {
            if in_progress && i == last {
                continue;
            }
            if let Some(bytes) = slot.unopened_pkcs12.take() {
                slot.inspected = inspect_bytes(
                    &slot.path,
                    &bytes,
                    &self.options.passwords,
                    &mut self.kdf_run,
                );
                if slot.inspected.report.error.is_some() {
                    slot.unopened_pkcs12 = Some(bytes);
                }
            }
        }
    }

    pub fn set_lang(&mut self, lang: Lang) {
        self.options.lang = lang;
    }

    /// Report from everything fed so far; does not consume, can be called again.
    pub fn report(&self) -> AnalysisReport {
        let facts = self.logs.facts();
        let files: Vec<&InspectedFile> = self.slots.iter().map(|s| &s.inspected).collect();
        let pastes: Vec<crate::evidence::PasteSource<'_>> = self
            .slots
            .iter()
            .filter_map(|s| {
                s.paste.as_ref().map(|output| crate::evidence::PasteSource {
                    path: &s.path,
                    output,
                })
            })
            .collect();
        let clues: Vec<crate::catalogue::Clue> = self
            .slots
            .iter()
            .flat_map(|s| s.clues.iter().cloned())
            .collect();
        let diagnosis = crate::diagnose::diagnose(&crate::diagnose::Input {
            files: &files,
            logs: &facts,
            pastes: &pastes,
            clues: &clues,
            now_unix: self.options.now_unix,
            lang: self.options.lang,
        });
        let (findings, verdict) = (diagnosis.findings, diagnosis.verdict);
        // File-level messages in the report's language.
        let lang = self.options.lang;
        let mut files = diagnosis.files;
        for (file, slot) in files.iter_mut().zip(&self.slots) {
            use crate::warning::Warning;
            if slot.read_from_utf16 {
                file.warnings.push(Warning::LogReadFromUtf16.into());
            }
            if slot.unread_archive_text {
                file.warnings.push(Warning::ArchiveTextNotRead.into());
            }
            if let Some(p) = &slot.paste {
                if p.skipped_lines > 0 {
                    file.warnings.push(
                        Warning::PasteLinesSkipped {
                            count: p.skipped_lines,
                        }
                        .into(),
                    );
                }
            }
            if let Some(e) = file.error.as_mut() {
                e.localise(lang);
            }
            for w in &mut file.warnings {
                w.localise(lang);
            }
            for c in &mut file.certificates {
                for w in &mut c.warnings {
                    w.localise(lang);
                }
            }
        }
        let mut summary = facts.summary.clone();
        summary.tls_failures_total = facts.failures_total;
        summary.tls_successes = facts.connectors.iter().map(|c| c.tls_succeeded).sum();
        AnalysisReport {
            tool: TOOL_NAME.into(),
            version: TOOL_VERSION.into(),
            files,
            log_summary: summary,
            observed_certificates: facts
                .certificates
                .iter()
                .map(|c| c.report.clone())
                .collect(),
            tls_failures: facts.failures.iter().map(|f| f.report.clone()).collect(),
            findings,
            lang: self.options.lang.tag().into(),
            verdict,
            pasted: pastes
                .iter()
                .map(|p| crate::report::PastedFileReport {
                    path: p.path.to_string(),
                    output: p.output.clone(),
                })
                .collect(),
        }
    }

    fn decide(&mut self, head: Vec<u8>, place: &Place) -> Reading {
        if crate::archive::looks_like_zip(&head) {
            let Some(slot) = self.slots.get_mut(place.slot) else {
                return Reading::Discard;
            };
            slot.inspected = placeholder(&slot.path, FileKind::ZipArchive);
            // The declared length is the archive's own, not its entries'.
            self.declared_len = None;
            if !ZipStream::may_open_at(place.depth) {
                slot.set_error(&crate::Error::Archive(ArchiveError::NestedTooDeep {
                    limit: limits::MAX_ZIP_NESTING,
                }));
                return Reading::Discard;
            }
            let zip = ZipReading {
                path: slot.path.clone(),
                depth: place.depth,
                stream: ZipStream::new(),
                budget: place.budget.clone().unwrap_or_default(),
                entry: None,
            };
            return self.feed(Reading::Zip(Box::new(zip)), &head);
        }
        // A log saved as UTF-16 (Windows PowerShell's `>`): judged and read as its UTF-8.
        let mut decoder = utf16_order(&head).map(Utf16Decoder::new);
        let utf8 = decoder.as_mut().map(|d| {
            let mut out = Vec::new();
            d.push(&head, &mut out);
            out
        });
        let text = utf8.as_deref().unwrap_or(&head);
        // Lines ending with a lone CR (an old Mac editor's save): judged and read with LFs.
        let cr_only = crate::log::sniff::cr_only(text);
        let lf = cr_to_lf(cr_only, text);
        let text = &lf[..];
        if let Some(log_type) = crate::log::sniff::other_exchange_log(text) {
            if let Some(slot) = self.slots.get_mut(place.slot) {
                slot.inspected = placeholder(&slot.path, FileKind::ExchangeLog);
                slot.inspected.report.log_type = Some(log_type.clone());
            }
            let mut other = OtherLog {
                log_type,
                transcode: Transcode {
                    utf16: decoder,
                    cr_only,
                    recomma: None,
                },
                splitter: crate::log::lines::LineSplitter::new(),
                clues: Vec::new(),
                lower: Vec::new(),
            };
            other.push(text, true);
            return Reading::OtherLog(Box::new(other));
        }
        if looks_like_protocol_log(text) && !crate::log::sniff::is_mixed_excerpt(text) {
            if let Some(slot) = self.slots.get_mut(place.slot) {
                slot.inspected = placeholder(&slot.path, FileKind::ProtocolLog);
                self.logs.begin_file(&slot.path);
                slot.read_from_utf16 = decoder.is_some();
            }
            // Re-saved by Excel with `;` or tabs: rewritten with commas on the way.
            let recomma =
                crate::log::delimited::separator_of(text).map(crate::log::delimited::Recomma::new);
            if decoder.is_none() && recomma.is_none() && !cr_only {
                self.logs.push(text);
                return Reading::Log(None);
            }
            let mut transcode = Box::new(Transcode {
                utf16: decoder,
                cr_only,
                recomma,
            });
            let mut out = Vec::new();
            transcode.push(text, true, &mut out);
            self.logs.push(&out);
            Reading::Log(Some(transcode))
        } else {
            self.feed(Reading::Buffered(Some(Vec::new())), &head)
        }
    }

    fn feed(&mut self, reading: Reading, chunk: &[u8]) -> Reading {
        match reading {
            Reading::Log(None) => {
                self.logs.push(chunk);
                Reading::Log(None)
            }
            Reading::Log(Some(mut transcode)) => {
                let mut out = Vec::new();
                transcode.push(chunk, false, &mut out);
                self.logs.push(&out);
                Reading::Log(Some(transcode))
            }
            Reading::Buffered(Some(mut bytes)) => {
                let file_bytes =
                    ((bytes.len() + chunk.len()) as u64).max(self.declared_len.unwrap_or(0));
                if file_bytes > limits::MAX_CERT_FILE_BYTES {
                    Reading::Buffered(None)
                } else if self.buffered_total + file_bytes > limits::MAX_TOTAL_BUFFERED_BYTES {
                    self.over_total = true;
                    Reading::Buffered(None)
                } else {
                    bytes.extend_from_slice(chunk);
                    Reading::Buffered(Some(bytes))
                }
            }
            Reading::OtherLog(mut other) => {
                other.push(chunk, false);
                Reading::OtherLog(other)
            }
            Reading::Zip(mut zip) => {
                let mut feed = EntryFeed {
                    analyzer: self,
                    entry: &mut zip.entry,
                    prefix: &zip.path,
                    depth: zip.depth + 1,
                    budget: &zip.budget,
                };
                zip.stream.push(chunk, &zip.budget, &mut feed);
                Reading::Zip(zip)
            }
            other => other,
        }
    }
}

/// Hands the entries of a zip to the analyzer as files of their own.
struct EntryFeed<'a> {
    analyzer: &'a mut Analyzer,
    entry: &'a mut Option<(usize, Reading)>,
    prefix: &'a str,
    /// Depth of the entries (the archive's + 1).
    depth: usize,
    budget: &'a Arc<ZipBudget>,
}

impl EntryFeed<'_> {
    fn place(&self, slot: usize) -> Place {
        Place {
            slot,
            depth: self.depth,
            budget: Some(self.budget.clone()),
        }
    }

    fn new_slot(&mut self, name: &str) -> usize {
        let path = format!("{}/{name}", self.prefix);
        self.analyzer.slots.push(Slot::new(&path));
        self.analyzer.slots.len() - 1
    }
}

impl EntrySink for EntryFeed<'_> {
    fn begin_entry(&mut self, name: &str) {
        let slot = self.new_slot(name);
        *self.entry = Some((slot, Reading::Sniffing(Vec::new())));
    }

    fn entry_data(&mut self, data: &[u8]) {
        if let Some((slot, reading)) = self.entry.take() {
            let place = self.place(slot);
            *self.entry = Some((slot, self.analyzer.push_into(reading, data, &place)));
        }
    }

    fn end_entry(&mut self, error: Option<ArchiveError>) {
        if let Some((slot, reading)) = self.entry.take() {
            let place = self.place(slot);
            self.analyzer.finish(reading, &place);
            if let (Some(e), Some(s)) = (error, self.analyzer.slots.get_mut(slot)) {
                s.set_error(&crate::Error::Archive(e));
            }
        }
    }

    fn entry_not_read(&mut self, name: &str, error: ArchiveError) {
        let slot = self.new_slot(name);
        self.analyzer.slots[slot].set_error(&crate::Error::Archive(error));
    }
}

/// Pasted shell output / event text (never a PEM file, whatever text surrounds its blocks).
fn is_shell_output(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(crate::paste::SNIFF_BYTES)];
    !head.windows(11).any(|w| w == b"-----BEGIN ") && crate::paste::looks_like_shell_output(head)
}

/// Text (not PEM, not a certificate) holding at least one failure clue.
fn is_failure_text(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(crate::paste::SNIFF_BYTES)];
    !head.windows(11).any(|w| w == b"-----BEGIN ")
        && head.first().is_some_and(|b| *b != 0x30)
        && !crate::catalogue::clues::scan_bytes("", bytes).is_empty()
}

/// Reads a paste: kind `shell-output`, an error when nothing in it could be read.
fn read_paste(path: &str, bytes: &[u8]) -> (InspectedFile, Option<crate::paste::PastedOutput>) {
    let mut report = FileReport::new(path, FileKind::ShellOutput);
    match crate::paste::parse(bytes) {
        Ok(output) => {
            report.warnings.extend(output.warnings.iter().cloned());
            (
                InspectedFile {
                    report,
                    certificate_spkis: Vec::new(),
                    key_publics: Vec::new(),
                },
                Some(output),
            )
        }
        Err(e) => {
            report.error = Some(ErrorReport::from(&e));
            (
                InspectedFile {
                    report,
                    certificate_spkis: Vec::new(),
                    key_publics: Vec::new(),
                },
                None,
            )
        }
    }
}

/// Inspects a complete non-log file ([`crate::inspect::inspect_one`]).
fn inspect_bytes(
    path: &str,
    bytes: &[u8],
    passwords: &[String],
    run: &mut KdfBudget,
) -> InspectedFile {
    crate::inspect::inspect_one_in_run(path, bytes, passwords, run)
}

#[cfg(test)]
mod tests {
    use super::*;

    const RELAY_RECV: &[u8] =
        include_bytes!("../../../testdata/corpus/logs/src-tstrueber-blog01-relay-recv.log");

    #[test]
    fn log_fed_in_any_chunking_gives_the_same_report() {
        let mut whole = Analyzer::new(AnalyzeOptions::default());
        whole.add_file("RECV.LOG", RELAY_RECV);
        let expected = whole.report();
        assert_eq!(expected.files.len(), 1);
        assert_eq!(expected.files[0].kind, FileKind::ProtocolLog);
        assert_eq!(expected.log_summary.lines, 15);
        assert_eq!(expected.log_summary.sessions, 1);
        assert_eq!(expected.log_summary.skipped_lines, 0);
        for size in [1usize, 7, 4096, 8193] {
            let mut a = Analyzer::new(AnalyzeOptions::default());
            a.begin_file("RECV.LOG");
            for chunk in RELAY_RECV.chunks(size) {
                a.push_bytes(chunk);
            }
            a.end_file();
            assert_eq!(a.report(), expected, "chunk size {size}");
        }
    }

    #[test]
    fn report_can_be_called_repeatedly_and_mid_file() {
        let mut a = Analyzer::new(AnalyzeOptions::default());
        a.add_file("empty.cer", b"");
        a.begin_file("RECV.LOG");
        a.push_bytes(RELAY_RECV);
        let mid = a.report();
        assert_eq!(mid.files.len(), 2);
        a.end_file();
        let r1 = a.report();
        let r2 = a.report();
        assert_eq!(r1, r2);
        assert_eq!(
            r1.files[0].error.as_ref().map(|e| e.code.as_str()),
            Some("empty")
        );
        assert_eq!(r1.log_summary.sessions, 1);
    }

    #[test]
    fn a_declared_length_over_the_cap_refuses_a_non_log_at_its_first_bytes() {
        let mut a = Analyzer::new(AnalyzeOptions::default());
        a.begin_file("sparse.bin");
        a.declare_len(2 << 30);
        assert!(a.wants_more(), "kind not known before the first bytes");
        a.push_bytes(&[0u8; SNIFF_BYTES]);
        assert!(!a.wants_more());
        a.end_file();
        // A protocol log of any declared length is streamed.
        a.begin_file("RECV.LOG");
        a.declare_len(2 << 30);
        a.push_bytes(RELAY_RECV);
        assert!(a.wants_more());
        a.end_file();
        let r = a.report();
        assert_eq!(
            r.files[0].error.as_ref().map(|e| e.code.as_str()),
            Some("too-large")
        );
        assert_eq!(r.files[1].kind, FileKind::ProtocolLog);
        assert_eq!(r.log_summary.sessions, 1);
    }
}
