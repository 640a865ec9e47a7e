//! Reads protocol-log lines from any number of files (in any order) and keeps the TLS facts:
//! certificates named per session, TLS failures and successes, notable SMTP replies, what each
//! connector is called and how it identifies itself. Rows are grouped into sessions by
//! (connector-id, session-id), so a session that continues in the next file is still one session.
//!
//! Each byte is looked at once on the common path: the line splitter checks each slice to be
//! UTF-8 as a whole and finds line ends, NUL bytes and quotes in one `memchr3` pass; fields are
//! split on the bytes. A session is found by a key of two numbers (the connector interned, the
//! session id packed), without hashing or copying its text. A `<`/`>` row whose data the rules
//! do not read (most SMTP commands and replies) is only split into fields and looked up by
//! session ([`LogCollector::front`]), without building a [`Row`]; every other row (`*`, `+`,
//! `-`, replies and commands that matter, rows of a session whose certificate block is open or
//! whose TLS notes the row can change, anything unusual) takes the full path, which reuses
//! what the front half found. The full path as it was before is kept as a test-only reference
//! (`super::reference`), and tests compare the two over every test input.
//!
//! Memory does not grow with the amount of log read: sessions are dropped at their `-`
//! (disconnect) row and capped at [`limits::MAX_OPEN_SESSIONS`] (the oldest open one goes
//! first), each with its TLS notes; repeated certificates are
//! counted, not stored again; every list is capped in [`crate::limits`].

use std::collections::{HashMap, HashSet, VecDeque};
use std::hash::{BuildHasherDefault, Hash, Hasher};

use crate::catalogue::sessions::{At, Notes, Spare};
use crate::limits;
use crate::report::{Evidence, ObservedCertificate, SkipReason, TlsFailure};

use super::cert_block::{CertIdentity, Role};
use super::columns::ColumnMap;
use super::csv::{split_bytes_into, split_unquoted_into, Span};
use super::events::{classify, classify_smtp, trim, Meaning};
use super::facts::remember_remote;
pub use super::facts::{
    ConnectorFacts, Direction, FailureCount, FailureFact, LogFacts, NotableLines, SeenCertificate,
};
use super::lines::{Line, LineFlags, LineSplitter};
use super::row::{from_spans, parse, Event, Row};
use super::skip::Skip;

mod merge;
pub(crate) use merge::PartState;

/// FxHash (the rustc hasher: multiply-rotate per word). Session keys come from the log being
/// read, not from an attacker who could aim collisions at them, and SipHash was a tenth of the
/// run time; written here because it is ten lines and no crate is needed for it.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, word: u64) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    /// The multiply leaves the input's entropy in the high bits while the table picks buckets
    /// by the low bits and tells entries apart by the top seven: one more xor-shift-multiply
    /// spreads it over both, so keys that differ only in their last bytes (session ids) neither
    /// share a bucket nor a tag.
    fn finish(&self) -> u64 {
        let h = (self.0 ^ (self.0 >> 32)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        h ^ (h >> 29)
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
type FastSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

#[derive(Debug, Default, Clone)]
struct Session {
    /// Boxed: the slot is moved out and back for each row that changes it, and most sessions
    /// have no block open.
    block: Option<Box<OpenBlock>>,
    /// Index into certificates of this session's own (sending) certificate.
    sending_certificate: Option<usize>,
    /// The session's first row time.
    start_unix: Option<i64>,
    /// What the session did around TLS (`crate::catalogue::sessions`).
    notes: Notes,
    /// Order of creation: at the open-session cap the oldest session is dropped.
    seq: u64,
}

/// Identifies a session across files: its connector and its session id. Exchange's session ids
/// are 16 hexadecimal digits and a log names few connectors, so the common key is two numbers
/// (the connector interned, the id's bytes packed with its length): hashed and compared
/// without touching the text again, stored without an allocation. Longer ids, or connectors
/// past [`MAX_INTERNED_CONNECTORS`], keep the text (`connector`, U+001F, `session`).
#[derive(Debug, Clone, PartialEq, Eq)]
enum SessionKey {
    Packed {
        connector: u32,
        len: u8,
        id: [u64; 2],
    },
    Text(Box<str>),
}

impl Hash for SessionKey {
    fn hash<H: Hasher>(&self, h: &mut H) {
        match self {
            SessionKey::Packed { connector, len, id } => {
                h.write_u64(u64::from(*connector) << 8 | u64::from(*len));
                h.write_u64(id[0]);
                h.write_u64(id[1]);
            }
            SessionKey::Text(text) => text.hash(h),
        }
    }
}

/// What [`LogCollector::front`] made of a plain line.
enum Front<'a> {
    /// A `<`/`>` row nothing reads: done.
    Quiet,
    /// For the full path, with what was learnt, if anything.
    Full(Option<Known<'a>>),
}

/// The session of a `<`/`>` row, found by [`LogCollector::front`], and the reply's meaning
/// when it classified one (what [`classify`] gives for the row).
struct Known<'a> {
    key: SessionKey,
    slot: Option<usize>,
    smtp: Option<Meaning<'a>>,
}

/// Distinct connector names interned for [`SessionKey::Packed`]; later ones use text keys.
const MAX_INTERNED_CONNECTORS: usize = 4096;
/// Longer connector names are not interned (they use text keys): the table stays small
/// (at most 4096 × 256 bytes) whatever a log's connector fields hold.
const MAX_INTERNED_CONNECTOR_BYTES: usize = 256;

/// Where an entry made at a file's end sits in the order of reading (`created_at`): after every
/// line of the file, then by the first line of the certificate block it closes.
const FILE_END: u64 = 1 << 62;

/// Closed certificate blocks kept for reuse: at most this many, each with a text buffer of at
/// most 64 KiB, so at most 2 MiB.
const SPARE_BLOCKS: usize = 32;

#[derive(Debug, Clone)]
struct OpenBlock {
    role: Role,
    identity: CertIdentity,
    path: String,
    line: u64,
    date_time: Option<String>,
    unix: Option<i64>,
    evidence: BlockEvidence,
    direction: Direction,
    connector: String,
    session_id: String,
}

/// The rows of an open certificate block, kept as one text and the line numbers: they become
/// [`Evidence`] only if the block names a certificate not seen before (most blocks repeat one).
#[derive(Debug, Default, Clone)]
struct BlockEvidence {
    text: String,
    /// Line number and end offset in `text` of each row.
    rows: Vec<(u64, usize)>,
}

impl BlockEvidence {
    fn len(&self) -> usize {
        self.rows.len()
    }

    fn push(&mut self, number: u64, raw: &str) {
        self.text.push_str(raw);
        self.rows.push((number, self.text.len()));
    }

    fn into_evidence(self, path: &str) -> Vec<Evidence> {
        let mut start = 0;
        self.rows
            .iter()
            .map(|&(line, end)| {
                let text = self.text.get(start..end).unwrap_or("").to_string();
                start = end;
                Evidence {
                    path: path.to_string(),
                    line,
                    text,
                }
            })
            .collect()
    }
}

impl OpenBlock {
    /// An empty block, to be filled by [`LogCollector::open_block`].
    fn blank() -> Box<OpenBlock> {
        Box::new(OpenBlock {
            role: Role::Sending,
            identity: CertIdentity::default(),
            path: String::new(),
            line: 0,
            date_time: None,
            unix: None,
            evidence: BlockEvidence::default(),
            direction: Direction::Send,
            connector: String::new(),
            session_id: String::new(),
        })
    }
}

/// The last two names looked up in a table and what the table gave for them, the latest
/// first: a log's rows mostly repeat one of the last two connectors (a Send log interleaves
/// the sessions of its connectors row by row), and comparing the name beats hashing it.
/// Only for tables where a name's value never changes once given.
#[derive(Debug, Default, Clone)]
struct Recent<V: Copy> {
    entries: [Option<(String, V)>; 2],
}

impl<V: Copy> Recent<V> {
    #[inline]
    fn get(&mut self, name: &str) -> Option<V> {
        let is = |e: &Option<(String, V)>| match e {
            Some((n, v)) if same_bytes(n.as_bytes(), name.as_bytes()) => Some(*v),
            _ => None,
        };
        if let Some(v) = is(&self.entries[0]) {
            return Some(v);
        }
        let v = is(&self.entries[1])?;
        self.entries.swap(0, 1);
        Some(v)
    }

    fn put(&mut self, name: &str, value: V) {
        self.entries.swap(0, 1);
        match &mut self.entries[0] {
            Some((n, v)) => {
                n.clear();
                n.push_str(name);
                *v = value;
            }
            empty => *empty = Some((name.to_string(), value)),
        }
    }
}

/// Per-file reading state.
#[derive(Debug)]
struct FileState {
    path: String,
    splitter: LineSplitter,
    columns: ColumnMap,
    /// `#Fields:` named no usable columns: rows of this file cannot be read.
    unusable_header: bool,
    direction: Option<Direction>,
    spans: Vec<Span>,
    /// The connectors of the last rows keyed here and their interned numbers.
    recent_connectors: Recent<u32>,
}

impl FileState {
    /// The state at the start of file `path`.
    fn new(path: &str) -> FileState {
        FileState {
            path: path.to_string(),
            splitter: LineSplitter::new(),
            columns: ColumnMap::default(),
            unusable_header: false,
            direction: None,
            spans: Vec::with_capacity(12),
            recent_connectors: Default::default(),
        }
    }

    /// The direction of a row on `connector`: the file's `#Log-type`, else Receive when the
    /// connector names a server (`EXCH01\Default Frontend EXCH01`). The connector is scanned
    /// only when the file has no `#Log-type`.
    fn direction_of(&self, connector: &str) -> Direction {
        self.direction.unwrap_or_else(|| {
            if connector.contains('\\') {
                Direction::Receive
            } else {
                Direction::Send
            }
        })
    }
}

/// Whether `row` is its session's first: sequence number 0, or without that column, the
/// connect (`+`) row. (Send logs begin a session with `*` rows before its `+`.)
fn first_row(row: &Row<'_>) -> bool {
    match trim(&row.sequence_number()) {
        "" => row.event == Event::Connect,
        n => n == "0",
    }
}

/// The packed key of a session id of at most 16 bytes on interned connector `connector`.
fn packed_key(connector: u32, session: &str) -> SessionKey {
    let word = |w: &[u8]| u64::from_le_bytes(w.try_into().unwrap_or([0; 8]));
    // Exchange's ids are 16 digits: two words read in place (a copy of a length not known
    // at compile time is a call to `memcpy`, for every row).
    let id = match session.as_bytes().split_at_checked(8) {
        Some((lo, hi)) if hi.len() == 8 => [word(lo), word(hi)],
        _ => {
            let mut b = [0u8; 16];
            if let Some(head) = b.get_mut(..session.len()) {
                head.copy_from_slice(session.as_bytes());
            }
            let (lo, hi) = b.split_at(8);
            [word(lo), word(hi)]
        }
    };
    SessionKey::Packed {
        connector,
        len: session.len() as u8,
        id,
    }
}

/// `a == b`, eight bytes a step. Runs for every row (is this row's connector the previous
/// row's?); written out because in wasm32 `==` on slices calls compiler-builtins' `memcmp`,
/// which compares byte by byte (4 % of the page's analysis time on a Send log).
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let word = |c: &[u8]| u64::from_le_bytes(c.try_into().unwrap_or([0; 8]));
    let (mut x, mut y) = (a.chunks_exact(8), b.chunks_exact(8));
    if !(&mut x).zip(&mut y).all(|(p, q)| word(p) == word(q)) {
        return false;
    }
    match (a.len().checked_sub(8), x.remainder().is_empty()) {
        (_, true) => true,
        // The last eight bytes as one word, overlapping words already compared.
        (Some(at), false) => a.get(at..).map(word) == b.get(at..).map(word),
        (None, false) => a == b,
    }
}

/// The streaming reader. Feed lines with [`LogCollector::push`]; read facts any time.
#[derive(Debug, Default)]
pub struct LogCollector {
    facts: LogFacts,
    /// Open sessions: key → index into `slots`; a row reaches its session by index.
    sessions: FastMap<SessionKey, usize>,
    slots: Vec<Session>,
    free_slots: Vec<usize>,
    /// Open sessions' keys in order of creation, with their `seq`: the oldest is dropped at the
    /// cap. Entries of sessions ended since are skipped when met, and swept out when they
    /// outnumber the open sessions.
    created: VecDeque<(SessionKey, u64)>,
    next_seq: u64,
    /// Keys of sessions already ended (bounded ring), so a session whose rows come back in a
    /// file read later is not counted twice.
    closed: FastSet<SessionKey>,
    closed_order: VecDeque<SessionKey>,
    /// Connector names interned for [`SessionKey::Packed`].
    connector_ids: FastMap<Box<str>, u32>,
    /// Closed certificate blocks, kept for the next ones to reuse their buffers (up to
    /// [`SPARE_BLOCKS`]: sessions interleave, so several blocks are open at once). Boxed
    /// because a session holds its block boxed: the box itself is reused too.
    #[allow(clippy::vec_box)]
    spare_blocks: Vec<Box<OpenBlock>>,
    /// What ended sessions' notes held, for the next sessions' (`Spare`).
    spare_notes: Spare,
    /// Certificates seen, by [`cert_key`] (role, connector, identity).
    cert_index: FastMap<String, usize>,
    /// Reused buffer for [`cert_key`].
    cert_key: String,
    connector_index: FastMap<String, usize>,
    /// The last connectors found in `connector_index` (an index, once given, never changes).
    recent_connectors: Recent<usize>,
    skipped: HashMap<Skip, u64>,
    current: Option<FileState>,
    /// Set on a collector made with [`LogCollector::part`]: what [`LogCollector::absorb`]
    /// needs to check that this one's files read alone give what they give after the others.
    part: Option<Box<merge::PartRecord>>,
    /// While a part's deferred rows are replayed (`merge`): the sessions they end and open.
    replay: Option<Box<merge::Replay>>,
    /// In a part, and while a part's deferred rows are replayed: the part's file number and
    /// the line being read (`created_at` of the entries made).
    at: Option<(u32, u64)>,
}

/// Writes into `key` the text that identifies a certificate of `role` on `connector` across
/// sessions: the role, the connector (its length first, so it cannot run into what follows),
/// then the thumbprint, else issuer, subject and serial joined by U+001F. Two blocks share a key
/// exactly when role, connector and that identity text are the same.
fn cert_key(key: &mut String, role: Role, connector: &str, id: &CertIdentity) {
    use std::fmt::Write;
    key.clear();
    let _ = write!(key, "{}:{}:{connector}", role.as_str(), connector.len());
    match &id.thumbprint {
        Some(t) => key.push_str(t),
        None => {
            key.push_str(id.issuer.as_deref().unwrap_or(""));
            key.push('\u{1f}');
            key.push_str(id.subject.as_deref().unwrap_or(""));
            key.push('\u{1f}');
            key.push_str(id.serial_number.as_deref().unwrap_or(""));
        }
    }
}

/// Parses a log timestamp (`2024-03-13T09:01:18.723Z`). Placeholders give `None`.
pub fn parse_time(text: &str) -> Option<i64> {
    let t = trim(text);
    if t.len() < 19 {
        return None;
    }
    time::OffsetDateTime::parse(t, &time::format_description::well_known::Rfc3339)
        .ok()
        .map(|d| d.unix_timestamp())
}

impl LogCollector {
    pub fn new() -> Self {
        Self::default()
    }

    /// Starts a new log file.
    pub fn begin_file(&mut self, path: &str) {
        self.end_file();
        if let Some(part) = self.part.as_deref_mut() {
            part.files += 1;
            part.paths.push(path.to_string());
        }
        self.current = Some(FileState::new(path));
    }

    /// Next bytes of the current log file.
    pub fn push(&mut self, chunk: &[u8]) {
        let Some(mut file) = self.current.take() else {
            return;
        };
        let mut splitter = std::mem::take(&mut file.splitter);
        splitter.push(chunk, |line| self.line(&mut file, line));
        file.splitter = splitter;
        self.current = Some(file);
    }

    /// The current log file's next slice `chunk` with its line pass made ahead
    /// ([`super::prepared`]): the lines are replayed into the same row path as
    /// [`LogCollector::push`] takes. `false`, and nothing read, when `prepared` does not follow
    /// what this file has read so far (the caller then pushes the bytes).
    pub fn push_prepared(&mut self, chunk: &[u8], prepared: &super::prepared::Prepared) -> bool {
        let Some(mut file) = self.current.take() else {
            return false;
        };
        let mut splitter = std::mem::take(&mut file.splitter);
        let done = prepared.replay(chunk, &mut splitter, |line| self.line(&mut file, line));
        file.splitter = splitter;
        self.current = Some(file);
        done
    }

    /// Rows quoted among other text (a ticket or KB excerpt pasted with the log rows), each
    /// with its line number in the paste, read as one header-less log file named `path`.
    pub fn add_rows(&mut self, path: &str, rows: &[(u64, String)]) {
        self.begin_file(path);
        if let Some(mut file) = self.current.take() {
            for (number, text) in rows {
                self.line(
                    &mut file,
                    Line::Text {
                        number: *number,
                        bytes: text.as_bytes(),
                        terminated: true,
                        flags: LineFlags::scan(text.as_bytes()),
                        text: Some(text),
                        fields: None,
                    },
                );
            }
            self.current = Some(file);
        }
        self.end_file();
    }

    /// The current log file is complete.
    pub fn end_file(&mut self) {
        let Some(mut file) = self.current.take() else {
            return;
        };
        let mut splitter = std::mem::take(&mut file.splitter);
        splitter.finish(|line| self.line(&mut file, line));
        if let Some(part) = self.part.as_deref() {
            self.at = Some((part.files, FILE_END));
        }
        self.close_open_blocks();
    }

    /// Closes the blocks of sessions still open at the end of a file: a block ends at the end
    /// of its file's rows unless the session continues in a later file, in which case it is
    /// reopened there. In the order the blocks began (then the sessions), so the certificates'
    /// order does not depend on the map's.
    fn close_open_blocks(&mut self) {
        let mut open: Vec<(u64, u64, usize)> = self
            .sessions
            .values()
            .filter_map(|&i| {
                let s = self.slots.get(i)?;
                Some((s.block.as_ref()?.line, s.seq, i))
            })
            .collect();
        open.sort_unstable();
        for (line, _, i) in open {
            // Made at the file's end, in the order of the blocks' first lines.
            if let Some((file, _)) = self.at.filter(|(_, at)| *at >= FILE_END) {
                self.at = Some((file, FILE_END + line));
            }
            let mut session = self.take_slot(i);
            self.close_block(&mut session);
            self.put_slot(i, session);
        }
    }

    /// Facts so far (open files included up to their last complete line).
    pub fn facts(&self) -> LogFacts {
        let mut facts = self.facts.clone();
        let mut skipped: Vec<SkipReason> = self
            .skipped
            .iter()
            .map(|(r, c)| SkipReason {
                reason: crate::i18n::text(crate::i18n::Lang::En, r.text()).to_string(),
                count: *c,
                code: r.code().to_string(),
            })
            .collect();
        skipped.sort_by(|a, b| b.count.cmp(&a.count).then(a.reason.cmp(&b.reason)));
        facts.summary.skipped_reasons = skipped;
        facts.summary.skipped_lines = self.skipped.values().sum();
        facts
    }

    fn skip(&mut self, reason: Skip) {
        *self.skipped.entry(reason).or_insert(0) += 1;
    }

    fn line(&mut self, file: &mut FileState, line: Line<'_>) {
        self.facts.summary.lines += 1;
        let (number, bytes, terminated, flags, known_text, fields) = match line {
            Line::Text {
                number,
                bytes,
                terminated,
                flags,
                text,
                fields,
            } => (number, bytes, terminated, flags, text, fields),
            Line::TooLong { .. } => {
                self.skip(Skip::LineTooLong);
                return;
            }
        };
        if flags.nul {
            self.skip(Skip::BinaryData);
            return;
        }
        // The common shape, read without a second pass: not a directive, no blank or non-ASCII
        // byte at the end (so the full path's `trim_end` would change nothing), well-formed
        // quoting, UTF-8. The fields are split once, here, on the bytes.
        let mut spans = std::mem::take(&mut file.spans);
        let plain_shape = !file.unusable_header
            && matches!(
                (bytes.first(), bytes.last()),
                (Some(&first), Some(&last))
                    if first != b'#' && last < 0x80 && !matches!(last, b'\t'..=b'\r' | b' ')
            );
        // The splitter's spans when it found them, else split here; badly quoted: none.
        let split: Option<&[Span]> = match fields {
            _ if !plain_shape => None,
            Some(fields) => Some(fields),
            None if flags.quote => split_bytes_into(bytes, &mut spans)
                .ok()
                .map(|()| &spans[..]),
            None => {
                split_unquoted_into(bytes, &mut spans);
                Some(&spans[..])
            }
        };
        if let Some(split) = split {
            let known = match self.front(file, bytes, known_text, split) {
                Front::Quiet => {
                    file.spans = spans;
                    return;
                }
                Front::Full(known) => known,
            };
            if let Some(text) = known_text.or_else(|| std::str::from_utf8(bytes).ok()) {
                match from_spans(text, &file.columns, split) {
                    // By reference: moving the row out of the result is a 200-byte copy.
                    Ok(ref row) => self.row(file, number, text, row, known),
                    Err(e) if terminated => {
                        self.skip(Skip::for_row(e, text.as_bytes(), &file.columns))
                    }
                    Err(_) => self.skip(Skip::TruncatedLastLine),
                }
                file.spans = spans;
                return;
            }
        }
        file.spans = spans;
        // Invalid UTF-8 (a log re-saved by an editor as "ANSI") is read as Windows-1252.
        let text = match known_text {
            Some(t) => std::borrow::Cow::Borrowed(t),
            None => crate::ansi::decode(bytes),
        };
        let trimmed = text.trim_end();
        if trimmed.is_empty() {
            return;
        }
        if let Some(directive) = trimmed.strip_prefix('#') {
            self.directive(file, directive);
            return;
        }
        if file.unusable_header {
            self.skip(Skip::HeaderLacksColumns);
            return;
        }
        let mut spans = std::mem::take(&mut file.spans);
        let parsed = parse(trimmed, &file.columns, &mut spans);
        match parsed {
            Ok(row) => self.row(file, number, trimmed, &row, None),
            Err(e) => {
                if !terminated {
                    self.skip(Skip::TruncatedLastLine);
                } else {
                    self.skip(Skip::for_row(e, trimmed.as_bytes(), &file.columns));
                }
            }
        }
        file.spans = spans;
    }

    /// The front half of the row path for a plain line (split into `spans`): [`Front::Quiet`]
    /// when it is a well-formed `<`/`>` row of a known session that nothing reads (the full
    /// path would do nothing for it but look the session up); otherwise the line goes to the
    /// full path, which also owns every skip reason, with what was learnt here (the session's
    /// key and slot, the reply's meaning) when the row is a `<`/`>` row whose key fields are
    /// plain. Anything unusual (fields with doubled quotes, fields the rules read that are not
    /// UTF-8) learns nothing here. Fields outside connector, session, event and data are not
    /// read, so a bad byte in them cannot change the outcome. `known_text` is `bytes` as text,
    /// when the splitter already checked it.
    #[inline(always)]
    fn front<'a>(
        &mut self,
        file: &mut FileState,
        bytes: &'a [u8],
        known_text: Option<&'a str>,
        spans: &[Span],
    ) -> Front<'a> {
        let columns = &file.columns;
        if spans.len() < columns.min_fields() {
            return Front::Full(None);
        }
        let span = |col: Option<usize>| -> Option<Option<&Span>> {
            match col.and_then(|i| spans.get(i)) {
                Some(span) if span.has_escaped_quotes => None,
                other => Some(other),
            }
        };
        let event = match span(columns.event).and_then(|s| s.map(|s| s.bytes(bytes))) {
            Some(b"<") => Event::Received,
            Some(b">") => Event::Sent,
            _ => return Front::Full(None),
        };
        // The data, on bytes. Anything but plain ASCII at its ends (where `trim` could remove
        // something) goes to the full path.
        let Some(data_span) = span(columns.data) else {
            return Front::Full(None);
        };
        let d = data_span.map_or(&[][..], |s| s.bytes(bytes));
        if let (Some(first), Some(last)) = (d.first(), d.last()) {
            let plain = |b: &u8| b.is_ascii_graphic();
            if !plain(first) || !plain(last) {
                return Front::Full(None);
            }
        }
        let (Some(connector), Some(session)) =
            (span(columns.connector_id), span(columns.session_id))
        else {
            return Front::Full(None);
        };
        // One UTF-8 check over the bytes from the first to the last of the two key fields.
        let (lo, hi) = match (connector, session) {
            (Some(c), Some(s)) => (c.start.min(s.start), c.end.max(s.end)),
            (Some(x), None) | (None, Some(x)) => (x.start, x.end),
            (None, None) => (0, 0),
        };
        let text = match known_text {
            Some(t) => t.get(lo..hi),
            None => bytes.get(lo..hi).and_then(|b| std::str::from_utf8(b).ok()),
        };
        let Some(text) = text else {
            return Front::Full(None);
        };
        let field = |s: Option<&Span>| -> Option<&str> {
            match s {
                Some(s) => text.get(s.start - lo..s.end - lo),
                None => Some(""),
            }
        };
        let (Some(connector), Some(session)) = (field(connector), field(session)) else {
            return Front::Full(None);
        };
        if connector.is_empty() && session.is_empty() {
            return Front::Full(None);
        }
        let direction = file.direction_of(connector);
        let key = self.session_key(file, connector, session);
        let slot = self.sessions.get(&key).copied();
        let full = |key, smtp| Front::Full(Some(Known { key, slot, smtp }));
        match d.first() {
            // Replies: the rules read codes and texts (`classify_smtp`), the banner names the
            // remote (`remote_banner`) or this server.
            Some(b'0'..=b'9') => {
                let data = match (known_text, data_span) {
                    (Some(t), Some(s)) => t.get(s.start..s.end),
                    _ => std::str::from_utf8(d).ok(),
                };
                let Some(data) = data else {
                    return Front::Full(None);
                };
                let meaning = classify_smtp(event, data);
                if !matches!(meaning, Meaning::Other) || d.starts_with(b"220 ") {
                    return full(key, Some(meaning));
                }
            }
            // Commands: `classify_smtp` finds only STARTTLS and, sent, EHLO.
            _ => {
                if d.eq_ignore_ascii_case(b"STARTTLS")
                    || (event == Event::Sent
                        && (d.starts_with(b"EHLO ") || d.starts_with(b"ehlo ")))
                {
                    return full(key, None);
                }
            }
        }
        match slot.and_then(|i| self.slots.get(i)) {
            Some(known) if known.block.is_none() && !known.notes.wants(event, d, direction) => {
                Front::Quiet
            }
            _ => full(key, None),
        }
    }

    fn directive(&mut self, file: &mut FileState, directive: &str) {
        let (name, value) = directive.split_once(':').unwrap_or((directive, ""));
        let name = name.trim();
        if name.eq_ignore_ascii_case("Fields") {
            match ColumnMap::from_fields_directive(value) {
                Some(map) => {
                    file.columns = map;
                    file.unusable_header = false;
                }
                None => file.unusable_header = true,
            }
        } else if name.eq_ignore_ascii_case("Log-type") {
            let v = value.to_ascii_lowercase();
            if v.contains("send") {
                file.direction = Some(Direction::Send);
            } else if v.contains("receive") {
                file.direction = Some(Direction::Receive);
            }
        }
    }

    fn evidence(file: &FileState, number: u64, text: &str) -> Evidence {
        Evidence {
            path: file.path.clone(),
            line: number,
            text: text.to_string(),
        }
    }

    fn connector(&mut self, name: &str, direction: Direction) -> Option<&mut ConnectorFacts> {
        if let Some(i) = self.recent_connectors.get(name) {
            return self.facts.connectors.get_mut(i);
        }
        if let Some(&i) = self.connector_index.get(name) {
            self.recent_connectors.put(name, i);
            return self.facts.connectors.get_mut(i);
        }
        if self.facts.connectors.len() >= limits::MAX_CONNECTORS {
            return None;
        }
        self.connector_index
            .insert(name.to_string(), self.facts.connectors.len());
        self.facts.connectors.push(ConnectorFacts {
            name: name.to_string(),
            direction,
            sessions: 0,
            tls_succeeded: 0,
            tls_failed: 0,
            protocols: Vec::new(),
            protocol_evidence: Vec::new(),
            local_name: None,
            remote_banners: Vec::new(),
            first_success: None,
            starttls_advertised: 0,
            ehlo_without_starttls: 0,
            ehlo_without_starttls_evidence: None,
            starttls_required: NotableLines::default(),
            starttls_required_remotes: Vec::new(),
        });
        self.facts.connectors.last_mut()
    }

    /// `known`: what [`LogCollector::front`] learnt of this row, if anything.
    fn row(
        &mut self,
        file: &mut FileState,
        number: u64,
        raw: &str,
        row: &Row<'_>,
        known: Option<Known<'_>>,
    ) {
        let direction = file.direction_of(&row.connector);
        // Session bookkeeping: one lookup finds the session (or makes it); its notes follow
        // the row; is a certificate block of it being read?
        let (key, slot, smtp) = match known {
            Some(k) => (k.key, k.slot, k.smtp),
            None => {
                let key = self.session_key(file, &row.connector, &row.session);
                let slot = self.sessions.get(&key).copied();
                (key, slot, None)
            }
        };
        if let Some(part) = self.part.as_deref() {
            self.at = Some((part.files, number));
        }
        let disconnect = row.event == Event::Disconnect;
        let i = match slot {
            Some(i) => i,
            None => {
                // A part leaves the rows of sessions begun before its files to the collector
                // that absorbs it (`merge`): read here they would make a second session.
                if let Some(part) = self.part.as_deref_mut() {
                    if part.defers(&key, row) {
                        part.defer(key, file, number, raw);
                        self.facts.summary.lines -= 1;
                        return;
                    }
                }
                self.open_session(&key, row, direction)
            }
        };
        let at = At {
            path: &file.path,
            line: number,
            raw,
        };
        let (has_block, completed_unlogged) = match self.slots.get_mut(i) {
            Some(s) => (
                s.block.is_some(),
                !disconnect && s.notes.row(row, direction, at, &mut self.spare_notes),
            ),
            None => (false, false),
        };
        if completed_unlogged {
            self.tls_completed_unlogged(file, number, raw, row, direction);
        }
        let meaning = smtp.unwrap_or_else(|| classify(row));
        // Fast path: most rows mean nothing for TLS and end no session.
        if matches!(meaning, Meaning::Other) && row.event != Event::Disconnect && !has_block {
            if row.event == Event::Received && direction == Direction::Send {
                self.remote_banner(row, direction);
            }
            return;
        }
        let mut session = self.take_slot(i);
        match meaning {
            Meaning::CertField(field, value) => {
                // Without a type row, KB 4051498's Send log names this server's own certificate.
                let block = session.block.get_or_insert_with(|| {
                    self.open_block(
                        Role::Sending,
                        CertIdentity::default(),
                        file,
                        number,
                        row,
                        direction,
                    )
                });
                field.apply(&mut block.identity, value);
                if block.evidence.len() < 8 {
                    block.evidence.push(number, raw);
                }
            }
            Meaning::CertTypeRow(role) => {
                self.close_block(&mut session);
                let mut block =
                    self.open_block(role, CertIdentity::default(), file, number, row, direction);
                block.evidence.push(number, raw);
                session.block = Some(block);
            }
            Meaning::CertOneRow(role, identity) => {
                self.close_block(&mut session);
                let mut block = self.open_block(role, *identity, file, number, row, direction);
                block.evidence.push(number, raw);
                session.block = Some(block);
                self.close_block(&mut session);
            }
            other => {
                self.close_block(&mut session);
                self.event(file, number, raw, row, direction, &mut session, other);
            }
        }
        if disconnect {
            self.close_block(&mut session);
            std::mem::take(&mut session.notes).disconnect(
                &mut self.facts.dropped_after_tls,
                row,
                direction,
                at,
                session.sending_certificate,
                &mut self.spare_notes,
            );
            if let Some(i) = self.sessions.remove(&key) {
                self.free_slots.push(i);
                self.remember_closed(key);
                self.sweep_created();
            }
        } else {
            self.put_slot(i, session);
        }
    }

    /// The key of session `session` on `connector` (see [`SessionKey`]).
    #[inline(always)]
    fn session_key(&mut self, file: &mut FileState, connector: &str, session: &str) -> SessionKey {
        if session.len() <= 16 {
            let interned = match file.recent_connectors.get(connector) {
                Some(id) => Some(id),
                None => {
                    let id = self.intern(connector);
                    if let Some(id) = id {
                        file.recent_connectors.put(connector, id);
                    }
                    id
                }
            };
            if let Some(connector) = interned {
                return packed_key(connector, session);
            }
        }
        SessionKey::Text(format!("{connector}\u{1f}{session}").into_boxed_str())
    }

    /// [`LogCollector::session_key`] without a file's cache of its last connector.
    fn key_of(&mut self, connector: &str, session: &str) -> SessionKey {
        if session.len() <= 16 {
            if let Some(connector) = self.intern(connector) {
                return packed_key(connector, session);
            }
        }
        SessionKey::Text(format!("{connector}\u{1f}{session}").into_boxed_str())
    }

    /// The number of `connector` for [`SessionKey::Packed`], given it now if the table has room
    /// (none past [`MAX_INTERNED_CONNECTORS`], nor for names over
    /// [`MAX_INTERNED_CONNECTOR_BYTES`]).
    fn intern(&mut self, connector: &str) -> Option<u32> {
        match self.connector_ids.get(connector) {
            Some(&id) => Some(id),
            None if self.connector_ids.len() < MAX_INTERNED_CONNECTORS
                && connector.len() <= MAX_INTERNED_CONNECTOR_BYTES =>
            {
                let id = self.connector_ids.len() as u32;
                self.connector_ids.insert(connector.into(), id);
                Some(id)
            }
            None => None,
        }
    }

    /// Makes the session of `key` (first row `row`), dropping the oldest open session at the
    /// cap; gives its slot.
    fn open_session(&mut self, key: &SessionKey, row: &Row<'_>, direction: Direction) -> usize {
        if let Some(part) = self.part.as_deref_mut() {
            part.opened(self.sessions.len(), &row.connector, &row.session);
        }
        if self.sessions.len() >= limits::MAX_OPEN_SESSIONS {
            // Its disconnect row was never seen.
            self.drop_oldest_session();
        }
        if let Some(replay) = self.replay.as_deref_mut() {
            replay.opened(key, self.closed.contains(key), &row.connector, &row.session);
        }
        let seq = self.next_seq;
        self.next_seq += 1;
        let i = self.new_slot(Session {
            start_unix: parse_time(&row.date_time()),
            seq,
            ..Session::default()
        });
        self.sessions.insert(key.clone(), i);
        self.created.push_back((key.clone(), seq));
        let ended_before = self.closed.contains(key);
        if let Some(part) = self.part.as_deref_mut() {
            part.ring_hits += u64::from(ended_before);
        }
        if !ended_before {
            self.facts.summary.sessions += 1;
            if let Some(c) = self.connector(&row.connector, direction) {
                c.sessions += 1;
            }
        }
        i
    }

    /// Drops the open session made first.
    fn drop_oldest_session(&mut self) {
        while let Some((key, seq)) = self.created.pop_front() {
            let Some(&i) = self.sessions.get(&key) else {
                continue;
            };
            if self.slots.get(i).map(|s| s.seq) != Some(seq) {
                continue;
            }
            self.sessions.remove(&key);
            let mut s = self.take_slot(i);
            self.free_slots.push(i);
            self.close_block(&mut s);
            self.facts.summary.sessions_dropped_at_limit += 1;
            return;
        }
    }

    /// Sweeps entries of ended sessions out of `created` once they outnumber the open ones
    /// (each sweep follows at least as many session ends as it keeps entries: constant time per
    /// session on average, memory bounded by the open sessions).
    fn sweep_created(&mut self) {
        if self.created.len() <= 2 * self.sessions.len() + 1024 {
            return;
        }
        let (sessions, slots) = (&self.sessions, &self.slots);
        self.created.retain(|(key, seq)| {
            sessions
                .get(key)
                .and_then(|&i| slots.get(i))
                .is_some_and(|s| s.seq == *seq)
        });
    }

    /// A slot for a new session (a freed one when there is one).
    fn new_slot(&mut self, session: Session) -> usize {
        match self.free_slots.pop() {
            Some(i) if i < self.slots.len() => {
                self.put_slot(i, session);
                i
            }
            _ => {
                self.slots.push(session);
                self.slots.len() - 1
            }
        }
    }

    /// The session in slot `i`, leaving an empty one (its memory goes with it).
    fn take_slot(&mut self, i: usize) -> Session {
        self.slots
            .get_mut(i)
            .map(std::mem::take)
            .unwrap_or_default()
    }

    fn put_slot(&mut self, i: usize, session: Session) {
        if let Some(slot) = self.slots.get_mut(i) {
            *slot = session;
        }
    }

    fn remote_banner(&mut self, row: &Row<'_>, direction: Direction) {
        // Send logs: the remote's 220 banner names the remote host (Office 365 or not).
        let d = trim(&row.data);
        if let Some(rest) = d.strip_prefix("220 ") {
            if let Some(name) = rest.split_whitespace().next() {
                if let Some(c) = self.connector(&row.connector, direction) {
                    if c.remote_banners.len() < 4 && !c.remote_banners.iter().any(|b| b == name) {
                        c.remote_banners.push(name.to_string());
                    }
                }
            }
        }
    }

    /// Counts one failure in its (error, connector, certificate) group; new groups past
    /// `limits::MAX_TLS_FAILURE_GROUPS` are only in `failures_total`.
    fn count_failure(&mut self, error: &str, connector: &str, sending_certificate: Option<usize>) {
        let counts = &mut self.facts.failure_counts;
        if let Some(c) = counts.iter_mut().find(|c| {
            c.sending_certificate == sending_certificate
                && c.error == error
                && c.connector == connector
        }) {
            c.count += 1;
        } else if counts.len() < limits::MAX_TLS_FAILURE_GROUPS {
            counts.push(FailureCount {
                created_at: self.at,
                error: error.to_string(),
                connector: connector.to_string(),
                sending_certificate,
                count: 1,
            });
        }
    }

    /// A TLS handshake that no result row reported completed in this row's session (see
    /// [`crate::catalogue::sessions::Notes::row`]): a success of the connector, evidenced by
    /// the first SMTP row after it. No protocol is known.
    fn tls_completed_unlogged(
        &mut self,
        file: &FileState,
        number: u64,
        raw: &str,
        row: &Row<'_>,
        direction: Direction,
    ) {
        if let Some(c) = self.connector(&row.connector, direction) {
            c.succeeded(|| Self::evidence(file, number, raw));
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn event(
        &mut self,
        file: &FileState,
        number: u64,
        raw: &str,
        row: &Row<'_>,
        direction: Direction,
        session: &mut Session,
        meaning: Meaning<'_>,
    ) {
        match meaning {
            Meaning::TlsFailed { error } => {
                self.facts.failures_total += 1;
                self.count_failure(error, &row.connector, session.sending_certificate);
                if let Some(c) = self.connector(&row.connector, direction) {
                    c.tls_failed += 1;
                }
                if self.facts.failures.len() < limits::MAX_TLS_FAILURES_LISTED {
                    let unix = parse_time(&row.date_time());
                    let date_time = unix.map(|_| row.date_time().into_owned());
                    self.facts.failures.push(FailureFact {
                        report: TlsFailure {
                            error: error.to_string(),
                            connector: row.connector.to_string(),
                            session_id: row.session.to_string(),
                            remote_endpoint: row.remote_endpoint().to_string(),
                            path: file.path.clone(),
                            line: number,
                            date_time,
                            certificate_thumbprint: session
                                .sending_certificate
                                .and_then(|i| self.facts.certificates.get(i))
                                .and_then(|c| c.report.thumbprint.clone()),
                        },
                        sending_certificate: session.sending_certificate,
                        evidence: Self::evidence(file, number, raw),
                        session_unix: unix.or(session.start_unix),
                    });
                }
            }
            Meaning::TlsSucceeded { protocol } => {
                if let Some(c) = self.connector(&row.connector, direction) {
                    c.succeeded(|| Self::evidence(file, number, raw));
                    if !protocol.is_empty()
                        && !c.protocols.iter().any(|p| p == protocol)
                        && c.protocols.len() < 8
                    {
                        c.protocols.push(protocol.to_string());
                        c.protocol_evidence.push(Self::evidence(file, number, raw));
                    }
                }
            }
            Meaning::DomainCapabilities(text) => {
                Self::count_distinct(&mut self.facts.domain_capabilities, text, || {
                    Self::evidence(file, number, raw)
                });
            }
            Meaning::ChainValidation(text) => {
                Self::count_distinct(&mut self.facts.chain_statuses, text, || {
                    Self::evidence(file, number, raw)
                });
            }
            Meaning::Reply(kind) => {
                let kind = kind.seen(row.event, direction);
                let entry = match self.facts.notable.iter_mut().position(|(k, _)| *k == kind) {
                    Some(i) => &mut self.facts.notable[i].1,
                    None => {
                        self.facts.notable.push((kind, NotableLines::default()));
                        let last = self.facts.notable.len() - 1;
                        &mut self.facts.notable[last].1
                    }
                };
                entry.count += 1;
                if entry.evidence.len() < limits::MAX_EVIDENCE_PER_FINDING {
                    entry.evidence.push(Self::evidence(file, number, raw));
                }
                // From the session's server side only (not a client echoing one).
                let server_side = (row.event == Event::Received) == (direction == Direction::Send);
                if kind.is_starttls_required() && server_side {
                    if let Some(c) = self.connector(&row.connector, direction) {
                        let lines = &mut c.starttls_required;
                        lines.count += 1;
                        if lines.evidence.len() < limits::MAX_EVIDENCE_PER_FINDING {
                            lines.evidence.push(Self::evidence(file, number, raw));
                        }
                        remember_remote(&mut c.starttls_required_remotes, &row.remote_endpoint());
                    }
                }
            }
            Meaning::StartTlsAdvertised => {
                if let Some(c) = self.connector(&row.connector, direction) {
                    c.starttls_advertised += 1;
                }
            }
            Meaning::EhloReplyWithoutStartTls => {
                if let Some(c) = self.connector(&row.connector, direction) {
                    c.ehlo_without_starttls += 1;
                    if c.ehlo_without_starttls_evidence.is_none() {
                        c.ehlo_without_starttls_evidence = Some(Self::evidence(file, number, raw));
                    }
                }
            }
            Meaning::LocalEhlo(name) | Meaning::LocalBanner(name) => {
                if let Some(c) = self.connector(&row.connector, direction) {
                    if c.local_name.is_none() {
                        c.local_name = Some(name.to_string());
                    }
                }
            }
            Meaning::Other if row.event == Event::Received && direction == Direction::Send => {
                self.remote_banner(row, direction);
            }
            _ => {}
        }
    }

    /// Evidence is made only for a new entry (`ev` is called at most once).
    fn count_distinct(
        list: &mut Vec<(String, u64, Evidence)>,
        text: &str,
        ev: impl FnOnce() -> Evidence,
    ) {
        if let Some(entry) = list.iter_mut().find(|(t, _, _)| t == text) {
            entry.1 += 1;
        } else if list.len() < 32 {
            list.push((text.to_string(), 1, ev()));
        }
    }

    fn remember_closed(&mut self, key: SessionKey) {
        if let Some(replay) = self.replay.as_deref_mut() {
            replay.ended(key);
            return;
        }
        if self.closed.contains(&key) {
            if let Some(part) = self.part.as_deref_mut() {
                part.ring_hits += 1;
            }
            return;
        }
        if let Some(part) = self.part.as_deref_mut() {
            part.closes_pushed += 1;
        }
        if self.closed_order.len() >= limits::MAX_REMEMBERED_CLOSED_SESSIONS {
            if let Some(old) = self.closed_order.pop_front() {
                self.closed.remove(&old);
            }
        }
        self.closed.insert(key.clone());
        self.closed_order.push_back(key);
    }

    /// Ends the session's open certificate block, recording the certificate (once per identity).
    fn close_block(&mut self, session: &mut Session) {
        let Some(mut block) = session.block.take() else {
            return;
        };
        if block.identity.is_empty() {
            self.keep_spare(block);
            return;
        }
        let mut key = std::mem::take(&mut self.cert_key);
        cert_key(&mut key, block.role, &block.connector, &block.identity);
        let index = match self.cert_index.get(key.as_str()) {
            Some(&i) => {
                if let Some(seen) = self.facts.certificates.get_mut(i) {
                    seen.report.occurrences += 1;
                    if let Some(u) = block.unix {
                        seen.first_seen_unix = Some(seen.first_seen_unix.map_or(u, |f| f.min(u)));
                        seen.last_seen_unix = Some(seen.last_seen_unix.map_or(u, |l| l.max(u)));
                    }
                }
                Some(i)
            }
            None if self.facts.certificates.len() < limits::MAX_OBSERVED_CERTIFICATES => {
                let id = &block.identity;
                self.facts.certificates.push(SeenCertificate {
                    report: ObservedCertificate {
                        role: block.role.as_str().to_string(),
                        connector: block.connector.clone(),
                        session_id: block.session_id.clone(),
                        subject: id.subject.clone(),
                        issuer: id.issuer.clone(),
                        serial_number: id.serial_number.clone(),
                        thumbprint: id.thumbprint.clone(),
                        not_before: id.not_before.clone(),
                        not_after: id.not_after.clone(),
                        alternate_names: id.alternate_names.clone(),
                        path: block.path.clone(),
                        line: block.line,
                        date_time: block.date_time.clone(),
                        occurrences: 1,
                    },
                    role: block.role,
                    identity: block.identity.clone(),
                    first_seen_unix: block.unix,
                    last_seen_unix: block.unix,
                    evidence: std::mem::take(&mut block.evidence).into_evidence(&block.path),
                    direction: block.direction,
                    created_at: self.at,
                });
                let i = self.facts.certificates.len() - 1;
                self.cert_index.insert(key.clone(), i);
                Some(i)
            }
            None => None,
        };
        self.cert_key = key;
        if block.role == Role::Sending {
            session.sending_certificate = index;
        }
        self.keep_spare(block);
    }

    /// Keeps `block` for reuse (while fewer than [`SPARE_BLOCKS`] are kept), without a text
    /// buffer grown past 64 KiB by long rows.
    fn keep_spare(&mut self, mut block: Box<OpenBlock>) {
        if self.spare_blocks.len() >= SPARE_BLOCKS {
            return;
        }
        if block.evidence.text.capacity() > 1 << 16 {
            block.evidence.text = String::new();
        }
        self.spare_blocks.push(block);
    }

    /// A block for a certificate that begins at `row` (a spare one when there is one).
    fn open_block(
        &mut self,
        role: Role,
        identity: CertIdentity,
        file: &FileState,
        number: u64,
        row: &Row<'_>,
        direction: Direction,
    ) -> Box<OpenBlock> {
        // A spare block's texts are overwritten in the buffers it already has, so a log's
        // thousands of blocks do not each allocate them anew.
        let mut block = self.spare_blocks.pop().unwrap_or_else(OpenBlock::blank);
        let date_time = row.date_time();
        let unix = parse_time(&date_time);
        block.role = role;
        block.identity = identity;
        block.path.clear();
        block.path.push_str(&file.path);
        block.line = number;
        block.date_time = unix.map(|_| trim(&date_time).to_string());
        block.unix = unix;
        block.evidence.text.clear();
        block.evidence.rows.clear();
        block.direction = direction;
        block.connector.clear();
        block.connector.push_str(&row.connector);
        block.session_id.clear();
        block.session_id.push_str(&row.session);
        block
    }
}

#[cfg(test)]
mod tests {
    use super::same_bytes;

    /// `same_bytes` is `==`: every length up to three words, a difference at every position.
    #[test]
    fn same_bytes_is_slice_equality() {
        for len in 0..25usize {
            let a: Vec<u8> = (0..len as u8).map(|i| b'A' + i).collect();
            assert!(same_bytes(&a, &a.clone()));
            for at in 0..len {
                let mut b = a.clone();
                b[at] ^= 0x20;
                assert!(!same_bytes(&a, &b), "len {len}, at {at}");
            }
            let mut longer = a.clone();
            longer.push(b'x');
            assert!(!same_bytes(&a, &longer));
            assert!(!same_bytes(&longer, &a));
        }
    }
}
