//! A streaming `.zip` reader (PKWARE APPNOTE.TXT 6.3.10; section numbers below are that text's).
//!
//! Bytes come in slices of any size ([`ZipStream::push`]); entries go out as they are met in the
//! local headers (4.3.7), their data inflated on the fly, to an [`EntrySink`]. Nothing is held
//! whole: the reader keeps one record header and a 64 KiB output buffer. The central directory
//! (4.3.12) and its end records (4.3.14 to 4.3.16) are read when they come, after the entries,
//! to check that the entries seen are the ones the archive lists and that the archive is whole.
//!
//! Why hand-written rather than the `zip` crate: the `zip` crate reads through `Read + Seek` from
//! the central directory, so it needs the whole archive at hand (a browser worker holds only the
//! current 1 MiB slice), and it brings many dependencies; this reader needs only a raw DEFLATE
//! decoder (`miniz_oxide`, 4.4.5 method 8) and CRC-32 (`crc32fast`, 4.4.7).
//!
//! Read: stored (method 0) and deflated (method 8) entries, data descriptors (4.3.9) after
//! deflated entries, Zip64 sizes (4.5.3), UTF-8 names (4.4.4 bit 11) and IBM 437 names
//! (Appendix D). Not read, each a named [`ArchiveError`] on that entry while the others go on
//! (when the entry's compressed size is known): encrypted entries (4.4.4 bits 0 and 6, method 99),
//! other compression methods. Caps (from [`crate::limits`]): entry count, total uncompressed bytes
//! (both shared by nested archives through [`ZipBudget`]) and the compression ratio of each entry.

use std::fmt;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use miniz_oxide::inflate::stream::{inflate, InflateState};
use miniz_oxide::{DataFormat, MZError, MZFlush, MZStatus};

use crate::ids::ErrorCode;
use crate::limits::{
    MAX_ZIP_ENTRIES, MAX_ZIP_NESTING, MAX_ZIP_RATIO, MAX_ZIP_UNCOMPRESSED_BYTES,
    ZIP_RATIO_FREE_BYTES,
};

/// 4.3.7 local file header signature.
const LOCAL_HEADER: u32 = 0x0403_4b50;
/// 4.3.9.3 optional data descriptor signature (also the split-archive marker of 8.5.3).
const DATA_DESCRIPTOR: u32 = 0x0807_4b50;
/// 8.5.4: temporary spanning marker written by some tools at the start of one-segment archives.
const SPANNING_MARKER: u32 = 0x3030_4b50;
/// 4.3.11 archive extra data record (only with central directory encryption, 7.3).
const ARCHIVE_EXTRA_DATA: u32 = 0x0806_4b50;
/// 4.3.12 central directory file header signature.
const CENTRAL_HEADER: u32 = 0x0201_4b50;
/// 4.3.13 digital signature of the central directory.
const DIGITAL_SIGNATURE: u32 = 0x0505_4b50;
/// 4.3.14 Zip64 end of central directory record.
const ZIP64_END: u32 = 0x0606_4b50;
/// 4.3.15 Zip64 end of central directory locator.
const ZIP64_LOCATOR: u32 = 0x0706_4b50;
/// 4.3.16 end of central directory record.
const END: u32 = 0x0605_4b50;

/// 4.4.4 general purpose bit flags.
const FLAG_ENCRYPTED: u16 = 1 << 0;
const FLAG_DATA_DESCRIPTOR: u16 = 1 << 3;
const FLAG_STRONG_ENCRYPTION: u16 = 1 << 6;
const FLAG_UTF8: u16 = 1 << 11;

/// 4.4.5 compression methods.
const METHOD_STORED: u16 = 0;
const METHOD_DEFLATED: u16 = 8;
/// APPNOTE 4.4.5 "99 - AE-x encryption marker" (WinZip AES).
const METHOD_AES: u16 = 99;

/// Longest Zip64 end of central directory record buffered (real ones are 56 bytes; the
/// "extensible data sector" of 4.3.14.2 is only used with central directory encryption).
const MAX_ZIP64_END_RECORD: u64 = 64 * 1024;

/// Size of the inflate output buffer: entries are handed on in slices of at most this.
const OUT_BYTES: usize = 64 * 1024;

/// Does `head` (the first bytes of a file) start a zip archive? A local file header (4.3.7), the
/// end record of an empty archive (4.3.16), or a spanning marker (8.5.4) before a local header.
pub fn looks_like_zip(head: &[u8]) -> bool {
    let sig = |at: usize| head.get(at..at + 4).map(le32);
    match sig(0) {
        Some(LOCAL_HEADER) | Some(END) => true,
        Some(DATA_DESCRIPTOR) | Some(SPANNING_MARKER) => sig(4) == Some(LOCAL_HEADER),
        _ => false,
    }
}

/// Why an archive, or one entry of it, was not (fully) read. Codes: [`ArchiveError::error_code`].
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArchiveError {
    /// More entries than [`MAX_ZIP_ENTRIES`] (nested archives count too).
    TooManyEntries { limit: usize },
    /// More uncompressed bytes than [`MAX_ZIP_UNCOMPRESSED_BYTES`] (nested archives count too).
    TooMuchData { limit: u64 },
    /// An entry inflates to more than [`MAX_ZIP_RATIO`] times its compressed size (a zip bomb).
    RatioTooHigh { limit: u64 },
    /// An archive inside an archive inside an archive (more than [`MAX_ZIP_NESTING`] levels).
    NestedTooDeep { limit: usize },
    /// Encrypted (ZipCrypto, 4.4.4 bit 0; strong encryption, bit 6; WinZip AES, method 99).
    Encrypted,
    /// A compression method other than stored (0) and deflated (8), e.g. 9 Deflate64, 12 BZIP2,
    /// 14 LZMA, 93 Zstandard.
    UnsupportedMethod { method: u16 },
    /// A stored entry whose size is only given after its data (4.3.9 with method 0): a reader
    /// that streams cannot tell where it ends.
    UnknownStoredSize,
    /// The archive ends in the middle (no end of central directory record, 4.3.16).
    Truncated,
    /// The bytes break the format; [`Flaw`] says where.
    Malformed(Flaw),
}

/// Where a damaged archive breaks the format.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Flaw {
    /// No known record signature where one must be (the value found).
    Signature(u32),
    /// The DEFLATE data of an entry is damaged, or ends before its last block.
    Deflate,
    /// The entry's CRC-32 (4.4.7) differs from its data's.
    Checksum,
    /// The entry's uncompressed size (4.4.9) differs from its data's.
    Size,
    /// The central directory lists `listed` entries where `read` local headers came first.
    CentralDirectory { listed: u64, read: u64 },
    /// A Zip64 record or field (4.5.3) is missing or too long.
    Zip64,
}

impl ArchiveError {
    /// The typed `error.code` of the contract.
    pub fn error_code(&self) -> ErrorCode {
        match self {
            ArchiveError::TooManyEntries { .. }
            | ArchiveError::TooMuchData { .. }
            | ArchiveError::RatioTooHigh { .. }
            | ArchiveError::NestedTooDeep { .. } => ErrorCode::ArchiveLimit,
            ArchiveError::Encrypted => ErrorCode::ArchiveEncrypted,
            ArchiveError::UnsupportedMethod { .. } | ArchiveError::UnknownStoredSize => {
                ErrorCode::ArchiveUnsupported
            }
            ArchiveError::Truncated => ErrorCode::ArchiveTruncated,
            ArchiveError::Malformed(_) => ErrorCode::ArchiveMalformed,
        }
    }

    /// The message in `lang` (English is the `Display` form).
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        if lang == crate::i18n::Lang::En {
            return self.to_string();
        }
        match self {
            ArchiveError::TooManyEntries { limit } => format!(
                "Das Archiv enthält mehr als {limit} Einträge (eingebettete Archive mitgezählt); die ersten {limit} wurden gelesen, der Rest nicht."
            ),
            ArchiveError::TooMuchData { limit } => format!(
                "Das Archiv entpackt zu mehr als {} (eingebettete Archive mitgezählt); was darüber hinausgeht, wurde nicht gelesen.",
                bytes_text(*limit)
            ),
            ArchiveError::RatioTooHigh { limit } => format!(
                "Dieser Eintrag entpackt zu mehr als dem {limit}-Fachen seiner gepackten Größe (eine Zip-Bombe?); er wurde nach dem ersten MiB abgebrochen."
            ),
            ArchiveError::NestedTooDeep { limit } => format!(
                "Dieses Archiv liegt tiefer als {limit} Ebene(n) in anderen Archiven; es wurde nicht geöffnet."
            ),
            ArchiveError::Encrypted => "Dieser Eintrag ist verschlüsselt (ZipCrypto oder AES); tlsdoctor öffnet keine verschlüsselten Archive. Bitte ohne Kennwort packen (z. B. mit Compress-Archive).".to_string(),
            ArchiveError::UnsupportedMethod { method } => format!(
                "Dieser Eintrag ist mit Verfahren {method} ({}) gepackt; tlsdoctor liest nur „stored“ (0) und „deflate“ (8), wie Compress-Archive und der Explorer sie schreiben.",
                method_name(*method)
            ),
            ArchiveError::UnknownStoredSize => "Dieser ungepackte Eintrag nennt seine Größe erst nach seinen Daten; beim Lesen als Datenstrom ist sein Ende nicht zu finden. Das Archiv bitte mit Compress-Archive oder dem Explorer neu packen.".to_string(),
            ArchiveError::Truncated => "Das Archiv ist abgeschnitten (der Abschluss des zentralen Verzeichnisses fehlt); die vollständig vorhandenen Einträge wurden gelesen.".to_string(),
            ArchiveError::Malformed(flaw) => format!(
                "Das Archiv ist beschädigt: {}.",
                match flaw {
                    Flaw::Signature(found) => format!("an einer Stelle, an der ein Zip-Datensatz beginnen muss, steht 0x{found:08X}"),
                    Flaw::Deflate => "die gepackten Daten (Deflate) eines Eintrags sind fehlerhaft oder enden zu früh".to_string(),
                    Flaw::Checksum => "die CRC-32 eines Eintrags passt nicht zu seinen Daten".to_string(),
                    Flaw::Size => "die Größe eines Eintrags passt nicht zu seinen Daten".to_string(),
                    Flaw::CentralDirectory { listed, read } => format!("das zentrale Verzeichnis nennt {listed} Einträge, gelesen wurden {read}"),
                    Flaw::Zip64 => "ein Zip64-Feld fehlt oder ist zu lang".to_string(),
                }
            ),
        }
    }
}

impl fmt::Display for ArchiveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ArchiveError::TooManyEntries { limit } => write!(
                f,
                "The archive holds more than {limit} entries (nested archives included); the first {limit} were read, the rest were not."
            ),
            ArchiveError::TooMuchData { limit } => write!(
                f,
                "The archive unpacks to more than {} (nested archives included); what lies beyond was not read.",
                bytes_text(*limit)
            ),
            ArchiveError::RatioTooHigh { limit } => write!(
                f,
                "This entry unpacks to more than {limit} times its packed size (a zip bomb?); it was stopped after the first MiB."
            ),
            ArchiveError::NestedTooDeep { limit } => write!(
                f,
                "This archive sits more than {limit} level(s) deep inside other archives; it was not opened."
            ),
            ArchiveError::Encrypted => f.write_str("This entry is encrypted (ZipCrypto or AES); tlsdoctor does not open encrypted archives. Zip it again without a password (Compress-Archive does)."),
            ArchiveError::UnsupportedMethod { method } => write!(
                f,
                "This entry is packed with method {method} ({}); tlsdoctor reads stored (0) and deflate (8), which Compress-Archive and Windows Explorer write.",
                method_name(*method)
            ),
            ArchiveError::UnknownStoredSize => f.write_str("This stored entry gives its size only after its data, so a streaming reader cannot find its end. Zip the files again with Compress-Archive or Windows Explorer."),
            ArchiveError::Truncated => f.write_str("The archive is cut short (its end of central directory record is missing); the entries that are complete were read."),
            ArchiveError::Malformed(flaw) => {
                f.write_str("The archive is damaged: ")?;
                match flaw {
                    Flaw::Signature(found) => write!(f, "where a zip record must start there is 0x{found:08X}")?,
                    Flaw::Deflate => f.write_str("an entry's packed (deflate) data is damaged or ends early")?,
                    Flaw::Checksum => f.write_str("an entry's CRC-32 does not match its data")?,
                    Flaw::Size => f.write_str("an entry's size does not match its data")?,
                    Flaw::CentralDirectory { listed, read } => write!(f, "the central directory lists {listed} entries where {read} were read")?,
                    Flaw::Zip64 => f.write_str("a Zip64 field is missing or too long")?,
                }
                f.write_str(".")
            }
        }
    }
}

/// `2 GiB`, `1 MiB`, or bytes.
fn bytes_text(n: u64) -> String {
    const GIB: u64 = 1 << 30;
    const MIB: u64 = 1 << 20;
    if n.is_multiple_of(GIB) {
        format!("{} GiB", n / GIB)
    } else if n.is_multiple_of(MIB) {
        format!("{} MiB", n / MIB)
    } else {
        format!("{n} bytes")
    }
}

/// Names of the 4.4.5 methods an admin may meet.
fn method_name(method: u16) -> &'static str {
    match method {
        1..=6 => "Shrink/Reduce/Implode",
        9 => "Deflate64",
        12 => "BZIP2",
        14 => "LZMA",
        93 => "Zstandard",
        95 => "XZ",
        98 => "PPMd",
        _ => "unknown",
    }
}

/// What the reader hands on. An entry is `begin_entry`, any number of `entry_data`, then
/// `end_entry` (with the error that cut it short, if any); an entry that is not read at all is
/// one `entry_not_read`. Folder entries (names ending in `/`) are not handed on.
pub trait EntrySink {
    /// `name` is the entry's path inside the archive, `/`-separated.
    fn begin_entry(&mut self, name: &str);
    fn entry_data(&mut self, data: &[u8]);
    fn end_entry(&mut self, error: Option<ArchiveError>);
    fn entry_not_read(&mut self, name: &str, error: ArchiveError);
}

/// What is left of the caps shared by an archive and the archives nested in it (one budget
/// for a dropped archive, handed by reference to the readers of the archives inside it).
#[derive(Debug)]
pub struct ZipBudget {
    entries_left: AtomicUsize,
    bytes_left: AtomicU64,
}

impl Default for ZipBudget {
    fn default() -> Self {
        ZipBudget {
            entries_left: AtomicUsize::new(MAX_ZIP_ENTRIES),
            bytes_left: AtomicU64::new(MAX_ZIP_UNCOMPRESSED_BYTES),
        }
    }
}

impl ZipBudget {
    /// Counts one more entry; `false` when none is left.
    fn take_entry(&self) -> bool {
        let left = self.entries_left.load(Ordering::Relaxed);
        if left == 0 {
            return false;
        }
        self.entries_left.store(left - 1, Ordering::Relaxed);
        true
    }

    pub fn bytes_left(&self) -> u64 {
        self.bytes_left.load(Ordering::Relaxed)
    }

    fn spend(&self, n: u64) {
        let left = self.bytes_left();
        self.bytes_left
            .store(left.saturating_sub(n), Ordering::Relaxed);
    }
}

/// An entry being read.
struct Entry {
    /// Folder entry: read (to find the next record) but not handed on.
    hidden: bool,
    flags: u16,
    /// From the local header (4.3.7); `None` when a data descriptor (4.3.9) gives them later.
    crc: Option<u32>,
    size: Option<u64>,
    /// Compressed bytes still to come, when known.
    remaining_in: Option<u64>,
    /// The sizes of its data descriptor are 8 bytes each (4.3.9.2: a Zip64 extra field was present).
    zip64: bool,
    consumed: u64,
    produced: u64,
    hasher: crc32fast::Hasher,
    inflater: Option<Box<InflateState>>,
    /// An error already ended the entry (its remaining bytes are only skipped).
    ended: bool,
}

/// Where the reader is.
enum State {
    /// Collecting the next record (signature, then its fixed and variable parts) in `pending`.
    Record,
    /// Inside an entry's data.
    Data(Box<Entry>),
    /// Skipping `remaining` bytes (an entry not read), then its data descriptor if `entry` has one.
    Skip {
        remaining: u64,
        entry: Option<Box<Entry>>,
    },
    /// Collecting the data descriptor after `entry` in `pending`.
    Descriptor(Box<Entry>),
    /// After the end of central directory record: the rest (nothing, or junk) is ignored.
    Done,
    /// An error stopped the archive: nothing more is read.
    Failed,
}

/// The streaming reader. See the module documentation.
pub struct ZipStream {
    state: State,
    pending: Vec<u8>,
    out: Vec<u8>,
    /// Local headers read (folders and entries not read included).
    local_entries: u64,
    /// Central directory headers read.
    central_entries: u64,
    /// Entries listed by the Zip64 end record (4.3.14), when there is one.
    zip64_total: Option<u64>,
    records_seen: u64,
    error: Option<ArchiveError>,
}

impl fmt::Debug for ZipStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ZipStream")
            .field("local_entries", &self.local_entries)
            .field("central_entries", &self.central_entries)
            .field("error", &self.error)
            .finish_non_exhaustive()
    }
}

impl Default for ZipStream {
    fn default() -> Self {
        Self::new()
    }
}

fn le16(b: &[u8]) -> u16 {
    u16::from_le_bytes([b[0], b[1]])
}

fn le32(b: &[u8]) -> u32 {
    u32::from_le_bytes([b[0], b[1], b[2], b[3]])
}

fn le64(b: &[u8]) -> u64 {
    u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])
}

impl ZipStream {
    pub fn new() -> Self {
        ZipStream {
            state: State::Record,
            pending: Vec::new(),
            out: vec![0; OUT_BYTES],
            local_entries: 0,
            central_entries: 0,
            zip64_total: None,
            records_seen: 0,
            error: None,
        }
    }

    /// How deep archives may nest: an archive at `depth` (0 = given by the user) is opened when
    /// `depth <= MAX_ZIP_NESTING`.
    pub fn may_open_at(depth: usize) -> bool {
        depth <= MAX_ZIP_NESTING
    }

    /// Local headers met so far.
    pub fn entries(&self) -> u64 {
        self.local_entries
    }

    /// Next slice of the archive, any size, any boundary.
    pub fn push(&mut self, mut input: &[u8], budget: &ZipBudget, sink: &mut dyn EntrySink) {
        while !input.is_empty() {
            let state = std::mem::replace(&mut self.state, State::Failed);
            self.state = match state {
                State::Done | State::Failed => {
                    self.state = state;
                    return;
                }
                State::Record => {
                    let want = match record_len(&self.pending, self.records_seen == 0) {
                        Ok(n) => n,
                        Err(e) => {
                            self.fail(e);
                            return;
                        }
                    };
                    let take = (want - self.pending.len()).min(input.len());
                    self.pending.extend_from_slice(&input[..take]);
                    input = &input[take..];
                    let complete = self.pending.len() == want
                        && record_len(&self.pending, self.records_seen == 0) == Ok(want);
                    if complete {
                        let record = std::mem::take(&mut self.pending);
                        self.records_seen += 1;
                        self.record(&record, budget, sink)
                    } else {
                        State::Record
                    }
                }
                State::Data(entry) => {
                    let (next, used) = self.data(entry, input, budget, sink);
                    input = &input[used..];
                    next
                }
                State::Skip { remaining, entry } => {
                    let take = remaining.min(input.len() as u64);
                    input = &input[take as usize..];
                    match (remaining - take, entry) {
                        (0, Some(e)) => State::Descriptor(e),
                        (0, None) => State::Record,
                        (left, entry) => State::Skip {
                            remaining: left,
                            entry,
                        },
                    }
                }
                State::Descriptor(entry) => {
                    let want = descriptor_len(&self.pending, entry.zip64);
                    let take = (want - self.pending.len()).min(input.len());
                    self.pending.extend_from_slice(&input[..take]);
                    input = &input[take..];
                    if self.pending.len() == want
                        && descriptor_len(&self.pending, entry.zip64) == want
                    {
                        let record = std::mem::take(&mut self.pending);
                        self.descriptor(entry, &record, sink);
                        State::Record
                    } else {
                        State::Descriptor(entry)
                    }
                }
            };
        }
        // An entry whose known compressed size is used up ends here, not with the next slice.
        if matches!(self.state, State::Data(_)) {
            if let State::Data(entry) = std::mem::replace(&mut self.state, State::Failed) {
                let (next, _) = self.data(entry, &[], budget, sink);
                self.state = next;
            }
        }
    }

    /// The archive is complete: the error that stopped it or was found at its end, if any.
    /// An entry cut short is ended with [`ArchiveError::Truncated`].
    pub fn finish(&mut self, sink: &mut dyn EntrySink) -> Option<ArchiveError> {
        match std::mem::replace(&mut self.state, State::Failed) {
            State::Done | State::Failed => {}
            State::Data(entry)
            | State::Descriptor(entry)
            | State::Skip {
                entry: Some(entry), ..
            } => {
                if !entry.hidden && !entry.ended {
                    sink.end_entry(Some(ArchiveError::Truncated));
                }
                self.error.get_or_insert(ArchiveError::Truncated);
            }
            State::Record | State::Skip { entry: None, .. } => {
                self.error.get_or_insert(ArchiveError::Truncated);
            }
        }
        self.error.clone()
    }

    fn fail(&mut self, error: ArchiveError) {
        self.error.get_or_insert(error);
        self.state = State::Failed;
    }

    /// One complete record (its signature is known to [`record_len`]).
    fn record(&mut self, record: &[u8], budget: &ZipBudget, sink: &mut dyn EntrySink) -> State {
        match le32(record) {
            LOCAL_HEADER => self.local_header(record, budget, sink),
            CENTRAL_HEADER => {
                self.central_entries += 1;
                State::Record
            }
            ZIP64_END => {
                // 4.3.14.1: total number of entries in the central directory at offset 32.
                if record.len() >= 40 {
                    self.zip64_total = Some(le64(&record[32..40]));
                }
                State::Record
            }
            END => {
                // 4.3.16: total number of entries in the central directory at offset 10;
                // 0xFFFF: see the Zip64 record (4.4.22).
                let total = match le16(&record[10..12]) {
                    0xFFFF => self.zip64_total.unwrap_or(self.central_entries),
                    n => u64::from(n),
                };
                let listed = self.central_entries.max(total);
                if listed != self.local_entries {
                    self.error
                        .get_or_insert(ArchiveError::Malformed(Flaw::CentralDirectory {
                            listed,
                            read: self.local_entries,
                        }));
                }
                State::Done
            }
            // Spanning marker, digital signature, Zip64 locator: nothing to check.
            _ => State::Record,
        }
    }

    /// 4.3.7 local file header: decide how the entry is read.
    fn local_header(
        &mut self,
        record: &[u8],
        budget: &ZipBudget,
        sink: &mut dyn EntrySink,
    ) -> State {
        if !budget.take_entry() {
            self.fail(ArchiveError::TooManyEntries {
                limit: MAX_ZIP_ENTRIES,
            });
            return State::Failed;
        }
        self.local_entries += 1;
        let flags = le16(&record[6..8]);
        let method = le16(&record[8..10]);
        let crc = le32(&record[14..18]);
        let mut csize = u64::from(le32(&record[18..22]));
        let mut usize_ = u64::from(le32(&record[22..26]));
        let name_len = usize::from(le16(&record[26..28]));
        let name = entry_name(&record[30..30 + name_len], flags & FLAG_UTF8 != 0);
        let extra = &record[30 + name_len..];
        // 4.5.3: the Zip64 extended information extra field (0x0001) holds the sizes whose
        // header fields are 0xFFFFFFFF, uncompressed first.
        let zip64 = match zip64_field(extra) {
            Some(field) => {
                let mut at = 0;
                let mut take = |field: &[u8]| {
                    let v = field.get(at..at + 8).map(le64);
                    at += 8;
                    v
                };
                if usize_ == 0xFFFF_FFFF {
                    match take(field) {
                        Some(v) => usize_ = v,
                        None => return self.stop(ArchiveError::Malformed(Flaw::Zip64)),
                    }
                }
                if csize == 0xFFFF_FFFF {
                    match take(field) {
                        Some(v) => csize = v,
                        None => return self.stop(ArchiveError::Malformed(Flaw::Zip64)),
                    }
                }
                true
            }
            None => false,
        };
        let descriptor = flags & FLAG_DATA_DESCRIPTOR != 0;
        // 4.4.4 bit 3: crc and sizes are zero here and follow the data; some writers fill them in.
        let size_known = !descriptor || csize != 0;
        let hidden = name.ends_with('/');
        let mut entry = Box::new(Entry {
            hidden,
            flags,
            crc: (!descriptor).then_some(crc),
            size: (!descriptor).then_some(usize_),
            remaining_in: size_known.then_some(csize),
            zip64,
            consumed: 0,
            produced: 0,
            hasher: crc32fast::Hasher::new(),
            inflater: None,
            ended: false,
        });
        let refused =
            if flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION) != 0 || method == METHOD_AES {
                Some(ArchiveError::Encrypted)
            } else if method != METHOD_STORED && method != METHOD_DEFLATED {
                Some(ArchiveError::UnsupportedMethod { method })
            } else if method == METHOD_STORED && !size_known {
                Some(ArchiveError::UnknownStoredSize)
            } else {
                None
            };
        if let Some(error) = refused {
            if !hidden {
                sink.entry_not_read(&name, error.clone());
            }
            entry.ended = true;
            return match entry.remaining_in {
                // Its end is known: go on with the next entry.
                Some(n) => State::Skip {
                    remaining: n,
                    entry: descriptor.then_some(entry),
                },
                None => self.stop(error),
            };
        }
        if !size_known && !descriptor {
            return self.stop(ArchiveError::Malformed(Flaw::Size));
        }
        if entry.size.is_some_and(|n| n > budget.bytes_left()) {
            let error = ArchiveError::TooMuchData {
                limit: MAX_ZIP_UNCOMPRESSED_BYTES,
            };
            if !hidden {
                sink.entry_not_read(&name, error.clone());
            }
            return self.stop(error);
        }
        if method == METHOD_DEFLATED {
            entry.inflater = Some(InflateState::new_boxed(DataFormat::Raw));
        }
        if !hidden {
            sink.begin_entry(&name);
        }
        State::Data(entry)
    }

    fn stop(&mut self, error: ArchiveError) -> State {
        self.fail(error);
        State::Failed
    }

    /// Entry data from `input`; returns the next state and the bytes used.
    fn data(
        &mut self,
        mut entry: Box<Entry>,
        input: &[u8],
        budget: &ZipBudget,
        sink: &mut dyn EntrySink,
    ) -> (State, usize) {
        let avail = match entry.remaining_in {
            Some(r) => r.min(input.len() as u64) as usize,
            None => input.len(),
        };
        let mut feed = &input[..avail];
        let mut used = 0usize;
        let mut finished = false;
        let mut failure: Option<ArchiveError> = None;
        if let Some(mut inflater) = entry.inflater.take() {
            loop {
                let result = inflate(&mut inflater, feed, &mut self.out, MZFlush::None);
                feed = &feed[result.bytes_consumed..];
                used += result.bytes_consumed;
                entry.consumed += result.bytes_consumed as u64;
                let written = result.bytes_written;
                if written > 0 {
                    if let Err(e) = emit(&mut entry, &self.out[..written], budget, sink) {
                        failure = Some(e);
                        break;
                    }
                }
                match result.status {
                    Ok(MZStatus::StreamEnd) => {
                        finished = true;
                        break;
                    }
                    Ok(_) if result.bytes_consumed == 0 && written == 0 => break,
                    Ok(_) => {}
                    Err(MZError::Buf) => break,
                    Err(_) => {
                        failure = Some(ArchiveError::Malformed(Flaw::Deflate));
                        break;
                    }
                }
            }
            entry.inflater = Some(inflater);
            if !finished && failure.is_none() && !feed.is_empty() {
                // The decoder stopped without using its input: damaged data (and never a loop
                // that waits for input it already has).
                failure = Some(ArchiveError::Malformed(Flaw::Deflate));
            }
        } else {
            used = feed.len();
            entry.consumed += used as u64;
            if !feed.is_empty() {
                if let Err(e) = emit(&mut entry, feed, budget, sink) {
                    failure = Some(e);
                }
            }
        }
        if let Some(r) = entry.remaining_in.as_mut() {
            *r -= used as u64;
        }
        let stored_done = entry.inflater.is_none() && entry.remaining_in == Some(0);
        let descriptor = entry.flags & FLAG_DATA_DESCRIPTOR != 0;
        if let Some(error) = failure {
            // Stop the entry; go on after it when its end is known, else stop the archive.
            if !entry.hidden {
                sink.end_entry(Some(error.clone()));
            }
            entry.ended = true;
            let archive_wide = matches!(error, ArchiveError::TooMuchData { .. });
            return match entry.remaining_in {
                Some(n) if !archive_wide => (
                    State::Skip {
                        remaining: n,
                        entry: descriptor.then_some(entry),
                    },
                    used,
                ),
                _ => (self.stop(error), used),
            };
        }
        if finished || stored_done {
            if descriptor {
                // Junk between the end of the DEFLATE stream and the descriptor is skipped.
                let rest = entry.remaining_in.unwrap_or(0);
                return (
                    State::Skip {
                        remaining: rest,
                        entry: Some(entry),
                    },
                    used,
                );
            }
            let error = check(&entry, entry.crc, entry.size);
            if !entry.hidden {
                sink.end_entry(error);
            }
            let rest = entry.remaining_in.unwrap_or(0);
            return (
                State::Skip {
                    remaining: rest,
                    entry: None,
                },
                used,
            );
        }
        if entry.remaining_in == Some(0) && entry.inflater.is_some() && feed.is_empty() {
            // The compressed size is used up but the DEFLATE stream has not ended. Output still
            // held by the inflater was drained above (the loop runs until nothing is written).
            if !entry.hidden {
                sink.end_entry(Some(ArchiveError::Malformed(Flaw::Deflate)));
            }
            entry.ended = true;
            return if descriptor {
                (State::Descriptor(entry), used)
            } else {
                (State::Record, used)
            };
        }
        (State::Data(entry), used)
    }

    /// 4.3.9 data descriptor after `entry`.
    fn descriptor(&mut self, entry: Box<Entry>, record: &[u8], sink: &mut dyn EntrySink) {
        if entry.ended {
            return;
        }
        let body = if le32(record) == DATA_DESCRIPTOR {
            &record[4..]
        } else {
            record
        };
        let crc = le32(&body[0..4]);
        let size = if entry.zip64 {
            le64(&body[12..20])
        } else {
            u64::from(le32(&body[8..12]))
        };
        let error = check(&entry, Some(crc), Some(size));
        if !entry.hidden {
            sink.end_entry(error);
        }
    }
}

/// Hands on inflated bytes, counting them against the caps.
fn emit(
    entry: &mut Entry,
    data: &[u8],
    budget: &ZipBudget,
    sink: &mut dyn EntrySink,
) -> Result<(), ArchiveError> {
    let n = data.len() as u64;
    let left = budget.bytes_left();
    if n > left {
        if !entry.hidden {
            sink.entry_data(&data[..left as usize]);
        }
        budget.spend(left);
        return Err(ArchiveError::TooMuchData {
            limit: MAX_ZIP_UNCOMPRESSED_BYTES,
        });
    }
    budget.spend(n);
    entry.produced += n;
    entry.hasher.update(data);
    if !entry.hidden {
        sink.entry_data(data);
    }
    if entry.produced > ZIP_RATIO_FREE_BYTES
        && entry.produced > MAX_ZIP_RATIO.saturating_mul(entry.consumed.max(1))
    {
        return Err(ArchiveError::RatioTooHigh {
            limit: MAX_ZIP_RATIO,
        });
    }
    Ok(())
}

/// CRC-32 (4.4.7) and uncompressed size (4.4.9) of a complete entry against the expected ones.
fn check(entry: &Entry, crc: Option<u32>, size: Option<u64>) -> Option<ArchiveError> {
    if size.is_some_and(|s| s != entry.produced) {
        return Some(ArchiveError::Malformed(Flaw::Size));
    }
    if crc.is_some_and(|c| c != entry.hasher.clone().finalize()) {
        return Some(ArchiveError::Malformed(Flaw::Checksum));
    }
    None
}

/// How many bytes the record starting in `pending` has; a length larger than `pending` means
/// "collect that many first" (the fixed part, then the whole record).
fn record_len(pending: &[u8], first: bool) -> Result<usize, ArchiveError> {
    if pending.len() < 4 {
        return Ok(4);
    }
    let sig = le32(pending);
    let (fixed, total): (usize, fn(&[u8]) -> usize) = match sig {
        LOCAL_HEADER => (30, |p| {
            30 + usize::from(le16(&p[26..28])) + usize::from(le16(&p[28..30]))
        }),
        CENTRAL_HEADER => (46, |p| {
            46 + usize::from(le16(&p[28..30]))
                + usize::from(le16(&p[30..32]))
                + usize::from(le16(&p[32..34]))
        }),
        END => (22, |p| 22 + usize::from(le16(&p[20..22]))),
        ZIP64_LOCATOR => (20, |_| 20),
        DIGITAL_SIGNATURE => (6, |p| 6 + usize::from(le16(&p[4..6]))),
        ZIP64_END => {
            if pending.len() < 12 {
                return Ok(12);
            }
            let size = le64(&pending[4..12]);
            if size > MAX_ZIP64_END_RECORD {
                return Err(ArchiveError::Malformed(Flaw::Zip64));
            }
            return Ok(12 + size as usize);
        }
        DATA_DESCRIPTOR | SPANNING_MARKER if first => return Ok(4),
        ARCHIVE_EXTRA_DATA => return Err(ArchiveError::Encrypted),
        other => return Err(ArchiveError::Malformed(Flaw::Signature(other))),
    };
    if pending.len() < fixed {
        Ok(fixed)
    } else {
        Ok(total(pending))
    }
}

/// Length of the data descriptor (4.3.9) starting in `pending`: optional signature, CRC-32 and
/// two sizes of 4 bytes (8 with Zip64).
fn descriptor_len(pending: &[u8], zip64: bool) -> usize {
    if pending.len() < 4 {
        return 4;
    }
    let sizes = if zip64 { 16 } else { 8 };
    let sig = if le32(pending) == DATA_DESCRIPTOR {
        4
    } else {
        0
    };
    sig + 4 + sizes
}

/// The body of the Zip64 extended information extra field (header id 0x0001, 4.5.3) in `extra`.
fn zip64_field(mut extra: &[u8]) -> Option<&[u8]> {
    while extra.len() >= 4 {
        let id = le16(&extra[0..2]);
        let len = usize::from(le16(&extra[2..4]));
        let body = extra.get(4..4 + len)?;
        if id == 0x0001 {
            return Some(body);
        }
        extra = &extra[4 + len..];
    }
    None
}

/// IBM code page 437, bytes 0x80 to 0xFF (APPNOTE Appendix D: names without bit 11).
const CP437_HIGH: &str = "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u{a0}";

/// An entry's name as a `/`-separated path: UTF-8 when flagged (or when it is valid UTF-8, as
/// many tools write it unflagged), else IBM 437. `\` (Windows PowerShell 5.1's Compress-Archive
/// writes it) becomes `/`; leading `/` and `./` go; control characters become `?`.
pub fn entry_name(raw: &[u8], utf8: bool) -> String {
    let text = match std::str::from_utf8(raw) {
        Ok(s) => s.to_string(),
        Err(_) if utf8 => String::from_utf8_lossy(raw).into_owned(),
        Err(_) => raw
            .iter()
            .map(|&b| {
                if b < 0x80 {
                    char::from(b)
                } else {
                    CP437_HIGH.chars().nth(usize::from(b - 0x80)).unwrap_or('?')
                }
            })
            .collect(),
    };
    let mut name: String = text
        .chars()
        .map(|c| match c {
            '\\' => '/',
            c if c.is_control() => '?',
            c => c,
        })
        .collect();
    loop {
        if let Some(rest) = name.strip_prefix('/') {
            name = rest.to_string();
        } else if let Some(rest) = name.strip_prefix("./") {
            name = rest.to_string();
        } else {
            break;
        }
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cp437_table_has_128_characters() {
        assert_eq!(CP437_HIGH.chars().count(), 128);
        assert_eq!(
            entry_name(&[b'a', 0x81, b'.', b'l', b'o', b'g'], false),
            "aü.log"
        );
        assert_eq!(entry_name(b"\\Logs\\RECV.LOG", false), "Logs/RECV.LOG");
        assert_eq!(entry_name(b"./a/b", false), "a/b");
        assert_eq!(
            entry_name("Zertifikate/schlüssel.pem".as_bytes(), true),
            "Zertifikate/schlüssel.pem"
        );
    }

    #[test]
    fn signatures() {
        assert!(looks_like_zip(b"PK\x03\x04\x14\x00"));
        assert!(looks_like_zip(b"PK\x05\x06\0\0\0\0"));
        assert!(looks_like_zip(b"PK\x07\x08PK\x03\x04"));
        assert!(!looks_like_zip(b"PK\x07\x08xxxx"));
        assert!(!looks_like_zip(b"#Software: Microsoft Exchange Server"));
        assert!(!looks_like_zip(b"PK"));
    }

    #[test]
    fn messages_name_the_caps() {
        let e = ArchiveError::TooMuchData {
            limit: MAX_ZIP_UNCOMPRESSED_BYTES,
        };
        assert!(e.to_string().contains("2 GiB"), "{e}");
        assert!(e.message(crate::i18n::Lang::De).contains("2 GiB"));
        assert_eq!(e.error_code(), ErrorCode::ArchiveLimit);
        assert_eq!(
            ArchiveError::Encrypted.error_code().as_str(),
            "archive-encrypted"
        );
    }
}
