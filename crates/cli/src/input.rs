//! Where the bytes come from: PATH operands (a file, a folder walked recursively, `-` for standard
//! input), each read within core's caps ([`tlsdoctor_core::limits`]). Core does no I/O; this module
//! is the CLI's only reader of inputs.
//!
//! The folder walk follows symbolic links but lists every file and folder once (by its identity,
//! device and inode on Unix, the canonical path elsewhere), so `self -> .` lists a file once and two
//! links to `.` cost one extra look each. Inside a folder only regular files are opened: FIFOs,
//! devices and sockets are skipped with a named warning (opening a FIFO blocks, `/dev/zero` never
//! ends). A path given on the command line is read whatever it is (`<(zcat x.log.gz)` is a pipe),
//! but never beyond the caps: a non-log input stops at [`limits::MAX_CERT_FILE_BYTES`], a regular
//! file over it is refused from its size after its first bytes showed it is not a log.

use std::collections::HashSet;
use std::fs::{File, Metadata};
use std::io::Read;
use std::path::{Path, PathBuf};

use tlsdoctor_core::analyze::Analyzer;
use tlsdoctor_core::i18n::{fill, text, Lang, Text};
use tlsdoctor_core::ids::ErrorCode;
use tlsdoctor_core::limits;
use tlsdoctor_core::log::sniff::{looks_like_protocol_log, SNIFF_BYTES};
use tlsdoctor_core::report::ErrorReport;

/// Read size per chunk.
pub const CHUNK: usize = 256 * 1024;

/// One input of `analyze`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    Stdin,
    /// A path that cannot be listed or read, with the reason.
    Broken(String, String),
}

/// A file in a folder that is not opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Special {
    Fifo,
    Device,
    Socket,
}

impl Special {
    /// The warning naming the skipped `path` (core's wording).
    pub fn text(self) -> Text {
        match self {
            Special::Fifo => Text::WalkSkippedFifo,
            Special::Device => Text::WalkSkippedDevice,
            Special::Socket => Text::WalkSkippedSocket,
        }
    }

    /// What `meta` is when it is neither a regular file nor a folder.
    fn of(meta: &Metadata) -> Option<Special> {
        let kind = meta.file_type();
        if kind.is_file() || kind.is_dir() {
            return None;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if kind.is_fifo() {
                return Some(Special::Fifo);
            }
            if kind.is_socket() {
                return Some(Special::Socket);
            }
        }
        Some(Special::Device)
    }
}

/// What the operands name, in order: the inputs to read and the files skipped.
#[derive(Debug, Default)]
pub struct Expanded {
    pub inputs: Vec<Input>,
    pub skipped: Vec<(String, Special)>,
}

/// Expands PATH operands: folders recursively (entries in name order, so `SEND20240502-1.LOG`
/// comes before `-2`), `-` as standard input; every file and folder once.
pub fn expand(operands: &[String]) -> Expanded {
    let mut walk = Walk::default();
    for op in operands {
        if op == "-" {
            walk.out.inputs.push(Input::Stdin);
        } else {
            walk.visit(Path::new(op), 0);
        }
    }
    walk.out
}

/// How a file or folder is recognised when reached again (through a link, a second operand).
#[cfg(unix)]
type Identity = (u64, u64);
#[cfg(not(unix))]
type Identity = PathBuf;

#[cfg(unix)]
fn identity(_path: &Path, meta: &Metadata) -> Option<Identity> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn identity(path: &Path, _meta: &Metadata) -> Option<Identity> {
    std::fs::canonicalize(path).ok()
}

#[derive(Default)]
struct Walk {
    seen: HashSet<Identity>,
    /// Directory entries listed so far (capped by [`limits::MAX_FOLDER_ENTRIES`]).
    entries: usize,
    /// The entry cap was hit and reported.
    over: bool,
    out: Expanded,
}

impl Walk {
    fn broken(&mut self, path: &Path, why: String) {
        self.out
            .inputs
            .push(Input::Broken(path.display().to_string(), why));
    }

    /// `path` at folder depth `depth` (0: an operand).
    fn visit(&mut self, path: &Path, depth: usize) {
        // Follows links: a link to a file is read as that file, a link to a folder walked.
        let meta = match std::fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) => return self.broken(path, e.to_string()),
        };
        if let Some(id) = identity(path, &meta) {
            if !self.seen.insert(id) {
                return; // already listed or walked: a link loop, a second link, a repeated operand
            }
        }
        if meta.is_dir() {
            self.folder(path, depth);
        } else if depth == 0 || meta.is_file() {
            self.out.inputs.push(Input::File(path.to_path_buf()));
        } else if let Some(special) = Special::of(&meta) {
            self.out.skipped.push((path.display().to_string(), special));
        }
    }

    fn folder(&mut self, path: &Path, depth: usize) {
        if depth >= limits::MAX_FOLDER_DEPTH {
            return self.broken(path, "folder nested too deeply".into());
        }
        let entries = match std::fs::read_dir(path) {
            Ok(entries) => entries,
            Err(e) => return self.broken(path, e.to_string()),
        };
        let mut children: Vec<PathBuf> = Vec::new();
        for entry in entries {
            if self.entries >= limits::MAX_FOLDER_ENTRIES {
                if !self.over {
                    self.over = true;
                    let why = format!(
                        "more than {} entries in the folders given; the rest is not read",
                        limits::MAX_FOLDER_ENTRIES
                    );
                    self.broken(path, why);
                }
                break;
            }
            self.entries += 1;
            if let Ok(entry) = entry {
                children.push(entry.path());
            }
        }
        children.sort();
        for child in children {
            self.visit(&child, depth + 1);
        }
    }
}

/// An I/O error as the report's `unreadable` error, in `lang` (the operating system's own
/// words for the reason stay as they are).
pub fn unreadable(lang: Lang, reason: &str) -> ErrorReport {
    ErrorReport::new(
        ErrorCode::Unreadable,
        fill(text(lang, Text::FileUnreadable), &[("reason", reason)]),
    )
}

/// The `too-large` error of a certificate/key input over [`limits::MAX_CERT_FILE_BYTES`].
fn too_large() -> ErrorReport {
    ErrorReport::from(&tlsdoctor_core::Error::TooLarge {
        what: "The file".into(),
        limit: limits::MAX_CERT_FILE_BYTES,
    })
}

/// Opens a file operand and tells its length when it is a regular file (a pipe or device has none).
pub fn open(path: &Path) -> std::io::Result<(File, Option<u64>)> {
    let file = File::open(path)?;
    let meta = file.metadata()?;
    let len = meta.is_file().then_some(meta.len());
    Ok((file, len))
}

/// Streams `reader` into the analyzer as the file `name`; stops as soon as the analyzer refused it
/// as too large (a non-log over the caps), so `/dev/zero` or a 2 GB sparse file end at once.
/// `len` is the whole length when known (a regular file). A large protocol log is read on two
/// threads ([`feed_pipelined`]) when `pipeline` allows it.
pub fn feed(
    analyzer: &mut Analyzer,
    name: &str,
    mut reader: impl Read,
    len: Option<u64>,
    pipeline: bool,
) {
    analyzer.begin_file(name);
    if let Some(len) = len {
        analyzer.declare_len(len);
    }
    let mut buf = vec![0u8; CHUNK];
    let mut first = true;
    while analyzer.wants_more() {
        let n = match read_some(&mut reader, &mut buf, name) {
            Some(0) | None => break,
            Some(n) => n,
        };
        analyzer.push_bytes(&buf[..n]);
        if !std::mem::take(&mut first) {
            continue;
        }
        // After the first slice the file's kind is known: a protocol log of some size is read on
        // two threads when the machine has the cores.
        if pipeline && analyzer.takes_prepared() && len.is_some_and(|len| len >= PIPELINE_MIN_BYTES)
        {
            buf.truncate(n);
            feed_pipelined(analyzer, name, &mut reader, buf);
            break;
        }
    }
    analyzer.end_file();
}

/// A log at least this long is read on two threads ([`feed_pipelined`]); below it, starting
/// the thread costs more than it saves.
const PIPELINE_MIN_BYTES: u64 = 4 * CHUNK as u64;

/// Slices read ahead of the analysis (each [`CHUNK`] bytes): memory stays a few MiB.
const READ_AHEAD: usize = 3;

/// At least two cores to run on (the CPUs this process may use: `taskset -c 1` gives one), and
/// not told to use one thread (`TLSDOCTOR_THREADS=1`, for benchmarks and the test that compares
/// the two ways).
pub fn two_cores() -> bool {
    std::env::var_os("TLSDOCTOR_THREADS").is_none_or(|v| v != "1")
        && std::thread::available_parallelism().is_ok_and(|n| n.get() >= 2)
}

/// One `read` into `buf`; `None` after a read error (said on stderr: what was read is kept).
pub fn read_some(reader: &mut impl Read, buf: &mut [u8], name: &str) -> Option<usize> {
    loop {
        match reader.read(buf) {
            Ok(n) => return Some(n),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                say!("tlsdoctor: {name}: read error: {e}");
                return None;
            }
        }
    }
}

/// The rest of a protocol log, with its line pass on a second thread
/// ([`tlsdoctor_core::log::prepared`]): this thread reads slices and analyses them, the other
/// finds their lines and fields a few slices ahead. The report is the one reading on one
/// thread gives (core replays the prepared lines through the same row path, and reads the
/// bytes itself for any slice the other thread's work does not fit). `head` is the slice
/// already pushed, which the other thread must see first.
fn feed_pipelined(analyzer: &mut Analyzer, name: &str, reader: &mut impl Read, head: Vec<u8>) {
    use std::sync::mpsc::sync_channel;
    use tlsdoctor_core::log::prepared::Preparer;
    std::thread::scope(|scope| {
        let (to_helper, slices) = sync_channel::<Vec<u8>>(READ_AHEAD + 1);
        let (helper_out, prepared) = sync_channel(READ_AHEAD + 1);
        scope.spawn(move || {
            let mut preparer = Preparer::new();
            for slice in slices {
                let p = preparer.prepare(&slice);
                if helper_out.send((slice, p)).is_err() {
                    break;
                }
            }
        });
        // The head only brings the other thread's line pass to where the analysis stands.
        let mut in_flight = usize::from(to_helper.send(head).is_ok());
        let mut spare: Vec<Vec<u8>> = Vec::new();
        let mut at_end = false;
        let mut skip_head = true;
        loop {
            while !at_end && in_flight < READ_AHEAD {
                let mut buf = spare.pop().unwrap_or_default();
                buf.resize(CHUNK, 0);
                match read_some(reader, &mut buf, name) {
                    Some(n) if n > 0 => {
                        buf.truncate(n);
                        if to_helper.send(buf).is_err() {
                            at_end = true;
                        } else {
                            in_flight += 1;
                        }
                    }
                    _ => at_end = true,
                }
            }
            if in_flight == 0 {
                break;
            }
            let Ok((slice, p)) = prepared.recv() else {
                break;
            };
            in_flight -= 1;
            if !std::mem::take(&mut skip_head) {
                match p {
                    Some(p) => {
                        analyzer.push_prepared(&slice, &p);
                    }
                    None => analyzer.push_bytes(&slice),
                }
            }
            spare.push(slice);
            if !analyzer.wants_more() {
                break;
            }
        }
        // Closing both channels ends the other thread, wherever it waits (the scope joins it).
        drop(to_helper);
        drop(prepared);
    });
}

/// Reads a whole certificate/key input for `inspect`: at most [`limits::MAX_CERT_FILE_BYTES`] + 1
/// bytes (`Read::take`), and nothing past its first bytes when its known `len` is over the cap.
/// An input over the cap is `too-large`, unless it starts like a protocol log: then its first
/// bytes are returned, enough for `inspect` to name it.
pub fn read_capped(reader: impl Read, len: Option<u64>) -> Result<Vec<u8>, ErrorReport> {
    let cap = limits::MAX_CERT_FILE_BYTES;
    let mut reader = reader;
    let mut bytes = Vec::new();
    let read = if len.is_some_and(|len| len > cap) {
        (&mut reader)
            .take(SNIFF_BYTES as u64)
            .read_to_end(&mut bytes)
    } else {
        (&mut reader).take(cap + 1).read_to_end(&mut bytes)
    };
    read.map_err(|e| unreadable(Lang::En, &e.to_string()))?;
    let over = bytes.len() as u64 > cap || len.is_some_and(|len| len > cap);
    if !over {
        return Ok(bytes);
    }
    bytes.truncate(SNIFF_BYTES);
    if looks_like_protocol_log(&bytes) {
        Ok(bytes)
    } else {
        Err(too_large())
    }
}

/// Reads the operand `op` of `inspect`: `-` is standard input (`./-` is a file named `-`).
pub fn read_operand(op: &str) -> Result<Vec<u8>, ErrorReport> {
    if op == "-" {
        return read_capped(std::io::stdin().lock(), None);
    }
    let (file, len) = open(Path::new(op)).map_err(|e| unreadable(Lang::En, &e.to_string()))?;
    read_capped(file, len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stdin_sized_input_over_the_cap_is_too_large_after_cap_plus_one_bytes() {
        let zeros = std::io::repeat(0).take(limits::MAX_CERT_FILE_BYTES * 4);
        let error = read_capped(zeros, None).unwrap_err();
        assert_eq!(error.code, ErrorCode::TooLarge);
    }

    #[test]
    fn a_known_length_over_the_cap_reads_only_the_head() {
        // A reader that fails past the first SNIFF_BYTES proves nothing more is read.
        struct HeadOnly(usize);
        impl Read for HeadOnly {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                if self.0 >= SNIFF_BYTES {
                    return Err(std::io::Error::other("read past the head"));
                }
                let n = buf.len().min(SNIFF_BYTES - self.0);
                buf[..n].fill(0);
                self.0 += n;
                Ok(n)
            }
        }
        let error = read_capped(HeadOnly(0), Some(2 << 30)).unwrap_err();
        assert_eq!(error.code, ErrorCode::TooLarge);
    }

    /// Zeros, counting what was read.
    struct Counted<'a>(&'a mut u64);
    impl Read for Counted<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            buf.fill(0);
            *self.0 += buf.len() as u64;
            Ok(buf.len())
        }
    }

    #[test]
    fn feed_stops_a_sparse_file_after_its_first_chunk_and_endless_input_at_the_cap() {
        let mut analyzer = Analyzer::new(Default::default());
        let mut read = 0;
        feed(
            &mut analyzer,
            "sparse.bin",
            Counted(&mut read),
            Some(2 << 30),
            two_cores(),
        );
        assert_eq!(read, CHUNK as u64);
        let mut endless = 0;
        feed(&mut analyzer, "-", Counted(&mut endless), None, two_cores());
        assert!(endless > limits::MAX_CERT_FILE_BYTES);
        assert!(endless <= limits::MAX_CERT_FILE_BYTES + CHUNK as u64);
        let report = analyzer.report();
        for file in &report.files {
            assert_eq!(
                file.error.as_ref().map(|e| e.code),
                Some(ErrorCode::TooLarge)
            );
        }
    }

    #[test]
    fn input_within_the_cap_is_returned_whole() {
        let bytes = read_capped(&b"-----BEGIN CERTIFICATE-----\n"[..], None).unwrap();
        assert_eq!(bytes, b"-----BEGIN CERTIFICATE-----\n");
    }
}
