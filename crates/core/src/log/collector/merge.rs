//! Two collectors that read consecutive groups of files side by side, made into the one that
//! reading all the files in order on one collector gives.
//!
//! A collector made with [`LogCollector::part`] reads the later group of files on another
//! thread (or Web Worker) while the first collector reads the earlier group;
//! [`LogCollector::absorb`] then merges the later one into the first. Its facts are what
//! reading the later files after the earlier ones on the first collector would have made them:
//! counts add up, lists that keep the first few of something keep them in reading order, a
//! certificate both groups name is one entry (the earlier one, with the occurrences of both and
//! the wider time span), and the later group's certificate indices are renumbered.
//!
//! Sessions that go on across the split (Exchange rotates a log in the middle of sessions):
//! the part does not read a row of a session it has not seen begin (sequence number 0, or
//! without that column the connect row `+`), nor any later row of that session; it keeps them
//! (up to [`MAX_DEFERRED_BYTES`]) with the file, header and line they were read at. `absorb`
//! replays them on a copy of the first collector after its own files, where their sessions are
//! open, then merges the part. What the replay made goes among the part's own in reading order:
//! listed failures, evidence lines, protocols and first successes by the rows they came from;
//! new certificates and failure groups by where they were made (`created_at`); sessions it
//! ended or opened by the part's count of ended or opened sessions before the row.
//!
//! One large file can also be cut inside: the part begins it at a line's start with
//! [`LogCollector::begin_continued_file`] (the file's header lines first, so it reads the rest
//! with the same columns), numbering the rest's lines on from the header. It is absorbed only by
//! the collector still inside that file (same path and header state, at a line's start; the
//! analyzer also checks the byte), which renumbers the part's lines from its own count, replays
//! the deferred rows in that file and then ends it, closing the blocks still open at the file's
//! end as reading it in one go would.
//!
//! That only holds when the later files read alone behaved as they would have after the
//! earlier ones, so `absorb` checks it and refuses (changing nothing) when:
//! * a session the part opened was open at the end of the earlier files or among the ended
//!   sessions the first collector remembers (its id came back: read in order it would be one
//!   session, not two), or the replay opened a session whose id had ended before (there, in the
//!   replay) or that the part opened;
//! * the replay ended sessions and the part found an id among its remembered ended sessions
//!   (read in order, both share that ring of 20,000, which then forgets in another order);
//! * the failure groups reached their cap in the replay (a group it could not add might have
//!   been one the part made earlier in reading order);
//! * the replay added to a list whose entries do not say which row made them (connectors, drop
//!   groups, TLS capability and chain texts, remote banner names, the local name, the remotes
//!   that demanded STARTTLS);
//! * the open sessions of both together (those the replay opened included) could have reached
//!   [`limits::MAX_OPEN_SESSIONS`], or a
//!   capped list of the part is full (past its cap it stopped counting what the first
//!   collector's entries would still count), or the merged certificates or connectors would pass
//!   their cap;
//! * the part deferred more than it keeps, or a file path repeats among its files.
//!
//! The caller then reads the later files again on the first collector: the answer is the same
//! either way, only the time differs. Sessions are compared by a 64-bit fingerprint of their
//! connector and id: two different sessions with the same fingerprint only cost a refusal. Tests:
//! every split of genlog sets, of a generated log cut into twelve files mid-session, and of the
//! test logs and fuzz seeds read as one folder, each followed by a file read after the merge,
//! also with the part moved as bytes; the cases a review found and its random search over cut
//! files (`merge_review_tests.rs`); the `log_reader` fuzz target cuts every input in two.

use super::super::skip::Skip;
use super::LogFacts;
use super::{
    cert_key, first_row, limits, ColumnMap, ConnectorFacts, Direction, FailureCount, FailureFact,
    FastMap, FastSet, FileState, LineFlags, LogCollector, NotableLines, Row, SeenCertificate,
    Session, SessionKey, FILE_END,
};
use crate::catalogue::sessions::{is_exchange_online, DropGroup, Notes, MAX_DROP_GROUPS};
use crate::log::events::Notable;
use crate::log::lines::Line;
use crate::report::Evidence;
use std::collections::HashMap;
use std::hash::Hasher;

/// Sessions a part records before it gives up (8 bytes each: 16 MiB); a part that opened more
/// cannot be checked and is refused.
const MAX_PART_SESSIONS: usize = 1 << 21;

/// Texts kept per `TlsDomainCapabilities` / chain-status list (as in `count_distinct`).
const MAX_DISTINCT_TEXTS: usize = 32;

/// What a part records while it reads, for [`LogCollector::absorb`].
#[derive(Debug, Default, Clone)]
pub(super) struct PartRecord {
    /// Fingerprints of the sessions it opened ([`fingerprint`]).
    keys: Vec<u64>,
    /// It opened more than [`MAX_PART_SESSIONS`], or deferred more than
    /// [`MAX_DEFERRED_BYTES`]: it cannot be merged.
    overflow: bool,
    /// Most sessions open at once when one was opened.
    peak_open: usize,
    /// Sessions it opened.
    opened: u64,
    /// Sessions whose rows it deferred (their first row here was not a session's first).
    continued: u64,
    buf: Vec<u8>,
    /// Files begun, and their paths in order.
    pub(super) files: u32,
    pub(super) paths: Vec<String>,
    /// Ended sessions it remembered (pushes into its ring of ended sessions).
    pub(super) closes_pushed: u64,
    /// Times a session's id was found among the ended ones it remembers (an id that came back).
    /// Read in order, the replayed rows' ended sessions share that ring and may push an id out
    /// sooner: with both, the merge is refused.
    pub(super) ring_hits: u64,
    /// The deferred sessions' keys (its own), their rows, and where each row was read.
    deferred_keys: FastSet<SessionKey>,
    deferred: Vec<Deferred>,
    deferred_bytes: usize,
    contexts: Vec<Context>,
    /// Set when the part's first file is the rest of the file the absorbing collector is
    /// reading ([`LogCollector::begin_continued_file`]).
    pub(super) continues: Option<Continues>,
}

/// How a part's first file continues the absorbing collector's current file: the header the
/// part read before the file's rest (its lines numbered from 1 there, so the rest's lines are
/// numbered from `header_lines + 1` and renumbered by the merge), and the reading state that
/// header gave, which must be the absorbing collector's at the cut.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub(super) struct Continues {
    header_lines: u64,
    columns: ColumnMap,
    unusable_header: bool,
    direction: Option<Direction>,
}

impl Continues {
    /// Whether `file` (the absorbing collector's current file) is where the part goes on: the
    /// same path and header state, at a line's start, past the header.
    fn goes_on_from(&self, file: &FileState, path: Option<&String>) -> bool {
        let (pending, too_long, _, lines) = file.splitter.parts();
        path == Some(&file.path)
            && pending.is_empty()
            && !too_long
            && lines >= self.header_lines
            && file.columns == self.columns
            && file.unusable_header == self.unusable_header
            && file.direction == self.direction
    }
}

/// A row of a session begun before the part's files, left for the collector that absorbs it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Deferred {
    /// Index into the part's contexts.
    context: usize,
    line: u64,
    raw: String,
    /// The part's ended sessions remembered before this row ([`PartRecord::closes_pushed`]).
    closes: u64,
    /// The sessions the part opened before this row.
    opened: u64,
}

/// What replaying a part's deferred rows did to sessions: those they ended and opened, each
/// with the part's count of ended (opened) sessions before its row, so that the merge puts them
/// among the part's own in the order of reading.
#[derive(Debug, Default)]
pub(super) struct Replay {
    closes: u64,
    opened_before: u64,
    ended: Vec<(u64, SessionKey)>,
    ended_keys: FastSet<SessionKey>,
    opened: Vec<(u64, SessionKey)>,
    /// Fingerprints of the sessions the part opened, sorted.
    part_keys: Vec<u64>,
    buf: Vec<u8>,
    /// A session was opened whose id had ended before (in the files before, by a replayed row,
    /// or in the part): read in order the ring of ended sessions might say it is no new one.
    refused: bool,
}

impl Replay {
    pub(super) fn ended(&mut self, key: SessionKey) {
        self.ended_keys.insert(key.clone());
        self.ended.push((self.closes, key));
    }

    pub(super) fn opened(
        &mut self,
        key: &SessionKey,
        ended_before: bool,
        connector: &str,
        session: &str,
    ) {
        key_text(&mut self.buf, connector, session.as_bytes());
        let in_part = self
            .part_keys
            .binary_search(&fingerprint(&self.buf))
            .is_ok();
        self.refused |= ended_before || in_part || self.ended_keys.contains(key);
        self.opened.push((self.opened_before, key.clone()));
    }
}

/// The file (and its header) a deferred row was read in.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct Context {
    /// The part's file number (from 1).
    file: u32,
    path: String,
    columns: ColumnMap,
    direction: Option<Direction>,
}

/// Bytes of deferred rows a part keeps (the rows of sessions crossing the split: a few per
/// file boundary); past it the part cannot be merged.
const MAX_DEFERRED_BYTES: usize = 8 << 20;

impl PartRecord {
    /// A session is opened while `open` others are.
    pub(super) fn opened(&mut self, open: usize, connector: &str, session: &str) {
        self.peak_open = self.peak_open.max(open);
        self.opened += 1;
        if self.keys.len() >= MAX_PART_SESSIONS {
            self.overflow = true;
            return;
        }
        key_text(&mut self.buf, connector, session.as_bytes());
        self.keys.push(fingerprint(&self.buf));
    }

    /// Whether `row`, of a session `key` not open here, is deferred: its session's rows are,
    /// or it is not a session's first row (sequence number 0; without that column, `+`).
    pub(super) fn defers(&self, key: &SessionKey, row: &Row<'_>) -> bool {
        self.deferred_keys.contains(key) || !first_row(row)
    }

    /// Keeps row `raw` (line `number` of `file`) of session `key` for the absorbing collector.
    pub(super) fn defer(&mut self, key: SessionKey, file: &FileState, number: u64, raw: &str) {
        // Past its limits the part cannot be merged: nothing more is kept.
        if self.overflow {
            return;
        }
        if !self.deferred_keys.contains(&key) {
            self.continued += 1;
            if self.deferred_keys.len() >= MAX_PART_SESSIONS {
                self.overflow = true;
                return;
            }
            self.deferred_keys.insert(key);
        }
        if self.deferred_bytes + raw.len() > MAX_DEFERRED_BYTES {
            self.overflow = true;
            return;
        }
        let same = self.contexts.last().is_some_and(|c| {
            c.file == self.files
                && c.path == file.path
                && c.columns == file.columns
                && c.direction == file.direction
        });
        if !same {
            self.contexts.push(Context {
                file: self.files,
                path: file.path.clone(),
                columns: file.columns,
                direction: file.direction,
            });
        }
        self.deferred_bytes += raw.len();
        self.deferred.push(Deferred {
            context: self.contexts.len() - 1,
            line: number,
            raw: raw.to_string(),
            closes: self.closes_pushed,
            opened: self.opened,
        });
    }
}

/// What the earlier files' facts held before a part's deferred rows were replayed after them.
/// The lists whose entries carry the row they came from (failures, evidence lines, protocols,
/// first successes) may grow in the replay: the merge puts the replayed entries and the part's
/// own in the order of their rows ([`Order`]), and so do the certificates and failure groups,
/// which record where a part made them (`created_at`). The others ([`Before::fixed`]: new
/// connectors, drop groups, TLS capability texts, remote names) must not.
#[derive(Debug, Clone, PartialEq)]
struct Before {
    fixed: Vec<usize>,
    certificates: usize,
    failure_counts: usize,
    failures: usize,
    notable: Vec<(Notable, usize)>,
    /// Per connector: protocols, whether a first success and a first EHLO without STARTTLS
    /// were known, and the `451 5.7.3` evidence lines.
    connectors: Vec<(usize, bool, bool, usize)>,
}

impl Before {
    fn of(f: &LogFacts) -> Before {
        let mut fixed = vec![
            f.connectors.len(),
            f.domain_capabilities.len(),
            f.chain_statuses.len(),
            f.dropped_after_tls.len(),
        ];
        for c in &f.connectors {
            fixed.extend([
                c.remote_banners.len(),
                usize::from(c.local_name.is_some()),
                c.starttls_required_remotes.len(),
            ]);
        }
        Before {
            fixed,
            certificates: f.certificates.len(),
            failure_counts: f.failure_counts.len(),
            failures: f.failures.len(),
            notable: f
                .notable
                .iter()
                .map(|(k, n)| (*k, n.evidence.len()))
                .collect(),
            connectors: f
                .connectors
                .iter()
                .map(|c| {
                    (
                        c.protocols.len(),
                        c.first_success.is_some(),
                        c.ehlo_without_starttls_evidence.is_some(),
                        c.starttls_required.evidence.len(),
                    )
                })
                .collect(),
        }
    }

    /// Whether `after` (the facts after the replay) changed only what may change.
    fn allows(&self, after: &LogFacts) -> bool {
        let now = Before::of(after);
        now.fixed == self.fixed
            && now
                .notable
                .iter()
                .zip(&self.notable)
                .all(|(a, b)| a.0 == b.0)
    }
}

/// Where an evidence line was read: its file's number among the part's files, its line.
struct Order {
    files: HashMap<String, usize>,
}

impl Order {
    fn at(&self, e: &Evidence) -> (usize, u64) {
        (
            self.files.get(&e.path).copied().unwrap_or(usize::MAX),
            e.line,
        )
    }

    /// `a` and `b` (each in the order of their rows) as one list in that order, `key` giving
    /// an entry's evidence.
    fn merge<T>(&self, a: Vec<T>, b: Vec<T>, key: impl Fn(&T) -> &Evidence) -> Vec<T> {
        let mut out = Vec::with_capacity(a.len() + b.len());
        let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
        loop {
            let take_a = match (a.peek(), b.peek()) {
                (Some(x), Some(y)) => self.at(key(x)) <= self.at(key(y)),
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            out.extend(if take_a { a.next() } else { b.next() });
        }
        out
    }

    /// The earlier of two first-seen evidence lines.
    fn first(&self, a: Option<Evidence>, b: Option<Evidence>) -> Option<Evidence> {
        match (a, b) {
            (Some(a), Some(b)) => Some(if self.at(&b) < self.at(&a) { b } else { a }),
            (a, b) => a.or(b),
        }
    }
}

/// The text a session is known by: its connector, U+001F, its id (what [`SessionKey::Text`] holds).
fn key_text(buf: &mut Vec<u8>, connector: &str, session: &[u8]) {
    buf.clear();
    buf.extend_from_slice(connector.as_bytes());
    buf.extend_from_slice("\u{1f}".as_bytes());
    buf.extend_from_slice(session);
}

/// SipHash (std's, fixed keys), not the collector's FxHash: FxHash is made for table buckets, and over a
/// few thousand session keys of one shape two of them met (a refusal for nothing, found by
/// `tests/split_analysis.rs`). Runs once per session opened by a part.
fn fingerprint(text: &[u8]) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    h.write(text);
    h.finish()
}

/// The connector and session id of `key` (`names`: the interned connectors by number).
/// `None` for a text key that cannot be split back without doubt (its connector holds U+001F).
fn key_parts<'k>(key: &'k SessionKey, names: &[&'k str]) -> Option<(&'k str, Vec<u8>)> {
    match key {
        SessionKey::Packed { connector, len, id } => {
            let name = names.get(*connector as usize)?;
            let mut bytes = Vec::with_capacity(16);
            bytes.extend_from_slice(&id[0].to_le_bytes());
            bytes.extend_from_slice(&id[1].to_le_bytes());
            bytes.truncate(usize::from(*len));
            Some((name, bytes))
        }
        SessionKey::Text(text) => {
            let (connector, session) = text.split_once('\u{1f}')?;
            if session.contains('\u{1f}') {
                return None;
            }
            Some((connector, session.as_bytes().to_vec()))
        }
    }
}

/// Interned connector names by number.
fn names_of(ids: &FastMap<Box<str>, u32>) -> Vec<&str> {
    let mut names = vec![""; ids.len()];
    for (name, &id) in ids {
        if let Some(slot) = names.get_mut(id as usize) {
            *slot = name;
        }
    }
    names
}

/// Adds `count` to `text`'s entry, or appends it while the list has room (`count_distinct`).
fn add_distinct(
    list: &mut Vec<(String, u64, crate::report::Evidence)>,
    later: Vec<(String, u64, crate::report::Evidence)>,
) {
    for (text, count, evidence) in later {
        if let Some(entry) = list.iter_mut().find(|(t, _, _)| *t == text) {
            entry.1 += count;
        } else if list.len() < MAX_DISTINCT_TEXTS {
            list.push((text, count, evidence));
        }
    }
}

/// Adds the occurrences and time span of `seen` (the same certificate) to `mine`'s.
fn add_occurrences(mine: &mut SeenCertificate, seen: &SeenCertificate) {
    mine.report.occurrences += seen.report.occurrences;
    mine.first_seen_unix = match (mine.first_seen_unix, seen.first_seen_unix) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    mine.last_seen_unix = match (mine.last_seen_unix, seen.last_seen_unix) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    };
}

/// Appends `later` to `list` up to `cap` entries.
fn extend_capped<T>(list: &mut Vec<T>, later: Vec<T>, cap: usize) {
    let room = cap.saturating_sub(list.len());
    list.extend(later.into_iter().take(room));
}

/// `later`'s facts of a connector added to `c`'s (the same connector, read before). `before`:
/// what `c` held before a part's deferred rows were replayed into it (protocols, first success
/// known, first EHLO without STARTTLS known, `451 5.7.3` lines), whose additions go in the
/// order of their rows with `later`'s.
fn merge_connector(
    c: &mut ConnectorFacts,
    later: ConnectorFacts,
    before: Option<(usize, bool, bool, usize)>,
    order: &Order,
) {
    let (protocols, success, ehlo, required) = before.unwrap_or((
        c.protocols.len(),
        c.first_success.is_some(),
        c.ehlo_without_starttls_evidence.is_some(),
        c.starttls_required.evidence.len(),
    ));
    c.sessions += later.sessions;
    c.tls_succeeded += later.tls_succeeded;
    c.tls_failed += later.tls_failed;
    let replayed: Vec<(String, Evidence)> = c
        .protocols
        .split_off(protocols.min(c.protocols.len()))
        .into_iter()
        .zip(
            c.protocol_evidence
                .split_off(protocols.min(c.protocol_evidence.len())),
        )
        .collect();
    let theirs: Vec<(String, Evidence)> = later
        .protocols
        .into_iter()
        .zip(later.protocol_evidence)
        .collect();
    for (protocol, evidence) in order.merge(replayed, theirs, |p| &p.1) {
        if c.protocols.len() < 8 && !c.protocols.contains(&protocol) {
            c.protocols.push(protocol);
            c.protocol_evidence.push(evidence);
        }
    }
    if c.local_name.is_none() {
        c.local_name = later.local_name;
    }
    for name in later.remote_banners {
        if c.remote_banners.len() < 4 && !c.remote_banners.contains(&name) {
            c.remote_banners.push(name);
        }
    }
    if !success {
        c.first_success = order.first(c.first_success.take(), later.first_success);
    }
    c.starttls_advertised += later.starttls_advertised;
    c.ehlo_without_starttls += later.ehlo_without_starttls;
    if !ehlo {
        c.ehlo_without_starttls_evidence = order.first(
            c.ehlo_without_starttls_evidence.take(),
            later.ehlo_without_starttls_evidence,
        );
    }
    c.starttls_required.count += later.starttls_required.count;
    let lines = &mut c.starttls_required.evidence;
    let replayed = lines.split_off(required.min(lines.len()));
    let tail = order.merge(replayed, later.starttls_required.evidence, |e| e);
    extend_capped(lines, tail, limits::MAX_EVIDENCE_PER_FINDING);
    // Already without their ports: added as `remember_remote` adds (new ones, up to eight).
    for remote in later.starttls_required_remotes {
        if c.starttls_required_remotes.len() < 8 && !c.starttls_required_remotes.contains(&remote) {
            c.starttls_required_remotes.push(remote);
        }
    }
}

/// A part as plain data, to move it to the thread that absorbs it (in the page, another Web
/// Worker: [`crate::analyze::Analyzer::part_to_bytes`]).
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub(crate) struct PartState {
    facts: LogFacts,
    /// Open sessions in the order they were opened: connector, session id, the session.
    open: Vec<OpenSession>,
    /// Ended sessions remembered, oldest first: connector, session id.
    closed: Vec<(String, String)>,
    next_seq: u64,
    skipped: Vec<(Skip, u64)>,
    keys: Vec<u64>,
    overflow: bool,
    peak_open: usize,
    continued: u64,
    files: u32,
    paths: Vec<String>,
    opened: u64,
    closes_pushed: u64,
    ring_hits: u64,
    deferred: Vec<Deferred>,
    contexts: Vec<Context>,
    #[serde(default)]
    continues: Option<Continues>,
}

#[derive(Debug, serde::Serialize, serde::Deserialize)]
struct OpenSession {
    connector: String,
    session: String,
    sending_certificate: Option<usize>,
    start_unix: Option<i64>,
    notes: Notes,
    seq: u64,
}

impl LogCollector {
    /// This part as plain data ([`PartState`]); `None` when it is no part, is inside a file,
    /// or holds a session whose key cannot be told apart again (its connector holds U+001F).
    pub(crate) fn to_part_state(&self) -> Option<PartState> {
        let part = self.part.as_deref()?;
        if self.current.is_some() {
            return None;
        }
        let names = names_of(&self.connector_ids);
        let text = |key: &SessionKey| -> Option<(String, String)> {
            let (connector, session) = key_parts(key, &names)?;
            Some((connector.to_string(), String::from_utf8(session).ok()?))
        };
        let mut open = Vec::new();
        for (key, seq) in &self.created {
            let Some(&i) = self.sessions.get(key) else {
                continue;
            };
            let Some(s) = self.slots.get(i).filter(|s| s.seq == *seq) else {
                continue;
            };
            if s.block.is_some() {
                return None;
            }
            let (connector, session) = text(key)?;
            open.push(OpenSession {
                connector,
                session,
                sending_certificate: s.sending_certificate,
                start_unix: s.start_unix,
                notes: s.notes.clone(),
                seq: s.seq,
            });
        }
        let closed = self
            .closed_order
            .iter()
            .map(text)
            .collect::<Option<Vec<_>>>()?;
        let mut skipped: Vec<(Skip, u64)> = self.skipped.iter().map(|(k, v)| (*k, *v)).collect();
        skipped.sort();
        Some(PartState {
            facts: self.facts.clone(),
            open,
            closed,
            next_seq: self.next_seq,
            skipped,
            keys: part.keys.clone(),
            overflow: part.overflow,
            peak_open: part.peak_open,
            continued: part.continued,
            files: part.files,
            paths: part.paths.clone(),
            opened: part.opened,
            closes_pushed: part.closes_pushed,
            ring_hits: part.ring_hits,
            deferred: part.deferred.clone(),
            contexts: part.contexts.clone(),
            continues: part.continues.clone(),
        })
    }

    /// The part that [`LogCollector::to_part_state`] gave `state` of.
    pub(crate) fn from_part_state(state: PartState) -> LogCollector {
        let mut c = LogCollector::part();
        c.facts = state.facts;
        let mut key = String::new();
        for (i, seen) in c.facts.certificates.iter().enumerate() {
            cert_key(&mut key, seen.role, &seen.report.connector, &seen.identity);
            c.cert_index.insert(key.clone(), i);
        }
        for (i, connector) in c.facts.connectors.iter().enumerate() {
            c.connector_index.insert(connector.name.clone(), i);
        }
        for s in state.open {
            let key = c.key_of(&s.connector, &s.session);
            let slot = c.new_slot(Session {
                block: None,
                sending_certificate: s.sending_certificate,
                start_unix: s.start_unix,
                notes: s.notes,
                seq: s.seq,
            });
            c.sessions.insert(key.clone(), slot);
            c.created.push_back((key, s.seq));
        }
        for (connector, session) in state.closed {
            let key = c.key_of(&connector, &session);
            c.remember_closed(key);
        }
        c.next_seq = state.next_seq;
        c.skipped = state.skipped.into_iter().collect();
        let deferred_bytes = state.deferred.iter().map(|d| d.raw.len()).sum();
        c.part = Some(Box::new(PartRecord {
            keys: state.keys,
            overflow: state.overflow,
            peak_open: state.peak_open,
            continued: state.continued,
            buf: Vec::new(),
            files: state.files,
            paths: state.paths,
            opened: state.opened,
            closes_pushed: state.closes_pushed,
            ring_hits: state.ring_hits,
            // Only read while the part reads its files.
            deferred_keys: FastSet::default(),
            deferred: state.deferred,
            deferred_bytes,
            contexts: state.contexts,
            continues: state.continues,
        }));
        c
    }

    /// A collector for a later group of files, read while another collector reads the files
    /// before them; merged into that one with [`LogCollector::absorb`]. Reads as
    /// [`LogCollector::new`] does, and also records the sessions it opens.
    pub fn part() -> Self {
        LogCollector {
            part: Some(Box::default()),
            ..Self::default()
        }
    }

    /// Begins this part's first file, `path`, at a line's start in its middle, after the part
    /// of it that the absorbing collector reads (a large log read by two analyses). `head` is
    /// the file's first bytes: its leading header lines (`#Fields:`, `#Log-type:`;
    /// [`crate::split::header_len`]) are read first, so that the rest is read as the absorbing
    /// collector reads it at the cut. The rest's lines are numbered on from the header's; the
    /// merge renumbers them from the absorbing collector's line count at the cut. `false`, and
    /// nothing begun, on a collector that is no part or has begun a file.
    pub fn begin_continued_file(&mut self, path: &str, head: &[u8]) -> bool {
        if self.current.is_some() || self.part.as_deref().is_none_or(|p| p.files > 0) {
            return false;
        }
        self.begin_file(path);
        self.push(
            head.get(..crate::split::header_len(head))
                .unwrap_or_default(),
        );
        let Some(file) = self.current.as_ref() else {
            return false;
        };
        let header_lines = file.splitter.lines();
        let continues = Continues {
            header_lines,
            columns: file.columns,
            unusable_header: file.unusable_header,
            direction: file.direction,
        };
        // The header was counted where the absorbing collector read it.
        self.facts.summary.lines = self.facts.summary.lines.saturating_sub(header_lines);
        if let Some(p) = self.part.as_deref_mut() {
            p.continues = Some(continues);
        }
        true
    }

    /// Renumbers the lines of this part's first file, `path` (begun with
    /// [`LogCollector::begin_continued_file`]), by `by`: in the facts, where the entries were
    /// made, the open sessions' notes and the deferred rows.
    fn shift_continued(&mut self, path: &str, by: u64) {
        self.facts.shift_lines(path, by);
        let made = self
            .facts
            .certificates
            .iter_mut()
            .map(|c| &mut c.created_at)
            .chain(
                self.facts
                    .failure_counts
                    .iter_mut()
                    .map(|c| &mut c.created_at),
            );
        for (_, line) in made.flatten().filter(|(file, _)| *file == 1) {
            *line = line.saturating_add(by);
        }
        for s in &mut self.slots {
            s.notes.shift_lines(path, by);
        }
        if let Some(p) = self.part.as_deref_mut() {
            for d in &mut p.deferred {
                if p.contexts.get(d.context).is_some_and(|c| c.file == 1) {
                    d.line = d.line.saturating_add(by);
                }
            }
        }
    }

    /// Sessions whose rows this part deferred: their first row here was not a session's first
    /// (sequence number 0; without that column the connect row `+`), as with a session that
    /// began in an earlier file and goes on here. Always 0 for a collector that is not a part.
    pub fn continued_sessions(&self) -> u64 {
        self.part.as_deref().map_or(0, |p| p.continued)
    }

    /// A copy of this collector between files (`None` inside one, unless `mid_file`: the copy
    /// is then between files, the current one left for the replay to end), for a trial replay.
    fn copy_between_files(&self, mid_file: bool) -> Option<LogCollector> {
        if self.current.is_some() && !mid_file {
            return None;
        }
        Some(LogCollector {
            facts: self.facts.clone(),
            sessions: self.sessions.clone(),
            slots: self.slots.clone(),
            free_slots: self.free_slots.clone(),
            created: self.created.clone(),
            next_seq: self.next_seq,
            closed: self.closed.clone(),
            closed_order: self.closed_order.clone(),
            connector_ids: self.connector_ids.clone(),
            spare_blocks: Vec::new(),
            spare_notes: Default::default(),
            cert_index: self.cert_index.clone(),
            cert_key: String::new(),
            connector_index: self.connector_index.clone(),
            recent_connectors: Default::default(),
            skipped: self.skipped.clone(),
            current: None,
            part: self.part.clone(),
            replay: None,
            at: None,
        })
    }

    /// Reads a part's deferred rows here, each in the file and header it was read in, closing
    /// open certificate blocks at the end of each file as reading it would. Gives the sessions
    /// they ended (with the part's count of ended sessions before each) and what the facts
    /// held before, or `None` when the rows did more than go on with sessions open here: opened
    /// one, or added to a list whose entries do not carry their row ([`Before`]).
    #[allow(clippy::type_complexity)]
    fn replay(
        &mut self,
        deferred: &[Deferred],
        contexts: &[Context],
        part_keys: &[u64],
        continued: bool,
    ) -> Option<(Replay, Before)> {
        let before = Before::of(&self.facts);
        let dropped = self.facts.summary.sessions_dropped_at_limit;
        let mut sorted = part_keys.to_vec();
        sorted.sort_unstable();
        self.replay = Some(Box::new(Replay {
            part_keys: sorted,
            ..Replay::default()
        }));
        let mut file: Option<(usize, FileState)> = None;
        // The part's first file going on with this collector's: it ends after its rows
        // (closing this collector's open blocks too), whether or not any was deferred.
        let mut last_file = continued.then_some(1);
        for d in deferred {
            let context = contexts.get(d.context)?;
            if file.as_ref().map(|(c, _)| *c) != Some(d.context) {
                if let Some(f) = last_file.filter(|f| *f != context.file) {
                    self.at = Some((f, FILE_END));
                    self.close_open_blocks();
                }
                last_file = Some(context.file);
                file = Some((
                    d.context,
                    FileState {
                        columns: context.columns,
                        direction: context.direction,
                        ..FileState::new(&context.path)
                    },
                ));
            }
            let (_, state) = file.as_mut()?;
            if let Some(r) = self.replay.as_deref_mut() {
                r.closes = d.closes;
                r.opened_before = d.opened;
            }
            self.at = Some((context.file, d.line));
            let bytes = d.raw.as_bytes();
            self.line(
                state,
                Line::Text {
                    number: d.line,
                    bytes,
                    terminated: true,
                    flags: LineFlags::scan(bytes),
                    text: Some(&d.raw),
                    fields: None,
                },
            );
        }
        if let Some(f) = last_file {
            self.at = Some((f, FILE_END));
        }
        self.close_open_blocks();
        self.at = None;
        let replay = *self.replay.take()?;
        // A failure group the replay could not add (the list full) might have been one the
        // part made earlier in reading order, which would have counted it.
        let groups_full = self.facts.failure_counts.len() >= limits::MAX_TLS_FAILURE_GROUPS;
        (!replay.refused
            && !groups_full
            && self.facts.summary.sessions_dropped_at_limit == dropped
            && before.allows(&self.facts))
        .then_some((replay, before))
    }

    /// Merges `later` (a [`LogCollector::part`] that read the files after this one's) into this
    /// collector, so that it holds what reading those files after its own would have made of
    /// them. `false`, and this collector unchanged, when that cannot be shown (see the module
    /// documentation): the caller reads the later files here instead. Both must be between
    /// files.
    pub fn absorb(&mut self, mut later: LogCollector) -> bool {
        if !self.can_absorb(&later) {
            return false;
        }
        // A part that began inside this collector's current file: its lines renumbered from
        // this one's count at the cut.
        let continued = later.part.as_deref().and_then(|p| p.continues.clone());
        if let (Some(c), Some(file)) = (&continued, &self.current) {
            let by = file.splitter.lines().saturating_sub(c.header_lines);
            later.shift_continued(&file.path, by);
        }
        // The rows of sessions that began here and went on in the later files, read here
        // first (on a copy, kept only if they just went on with those sessions).
        let (deferred, contexts) = match later.part.as_deref_mut() {
            Some(p) => (
                std::mem::take(&mut p.deferred),
                std::mem::take(&mut p.contexts),
            ),
            None => return false,
        };
        let mut replayed = Replay::default();
        let mut before = None;
        let next_seq = self.next_seq;
        if !deferred.is_empty() || continued.is_some() {
            // Entries are put in the order of their rows by file path: one file given twice
            // could not be told apart (nor renumbered).
            let paths = later.part.as_deref().map_or(&[][..], |p| &p.paths[..]);
            let unique: std::collections::HashSet<&String> = paths.iter().collect();
            if unique.len() != paths.len() {
                return false;
            }
            let Some(mut trial) = self.copy_between_files(continued.is_some()) else {
                return false;
            };
            let (keys, peak, ring_hits) = later
                .part
                .as_deref()
                .map_or((&[][..], 0, 0), |p| (&p.keys[..], p.peak_open, p.ring_hits));
            match trial.replay(&deferred, &contexts, keys, continued.is_some()) {
                Some((r, b)) => (replayed, before) = (r, Some(b)),
                None => return false,
            }
            // The replay's new certificates and the part's within the cap; the sessions open
            // here, those the replay opened and the part's within the open-session cap; and no
            // ended session of the replay sharing the ring with an id the part found in it.
            if trial.facts.certificates.len() + trial.new_certificates(&later)
                > limits::MAX_OBSERVED_CERTIFICATES
                || self.sessions.len() + replayed.opened.len() + peak >= limits::MAX_OPEN_SESSIONS
                || (ring_hits > 0 && !replayed.ended.is_empty())
            {
                return false;
            }
            *self = trial;
        }
        self.merge(later, replayed, before, next_seq);
        true
    }

    fn can_absorb(&self, later: &LogCollector) -> bool {
        let Some(part) = later.part.as_deref() else {
            return false;
        };
        // A part absorbing a part: not done (no front end chains parts; the entries' places in
        // reading order are counted per part).
        if part.overflow || self.part.is_some() || later.current.is_some() {
            return false;
        }
        // Between files, or inside the file whose rest the part read.
        match (&part.continues, &self.current) {
            (None, None) => {}
            (Some(c), Some(file)) if c.goes_on_from(file, part.paths.first()) => {}
            _ => return false,
        }
        // Read after this collector's files, the later sessions would have shared the cap with
        // the sessions still open here.
        if self.sessions.len() + part.peak_open >= limits::MAX_OPEN_SESSIONS
            || later.facts.summary.sessions_dropped_at_limit > 0
        {
            return false;
        }
        let f = &later.facts;
        if f.certificates.len() >= limits::MAX_OBSERVED_CERTIFICATES
            || f.connectors.len() >= limits::MAX_CONNECTORS
            || f.failure_counts.len() >= limits::MAX_TLS_FAILURE_GROUPS
            || f.dropped_after_tls.len() >= MAX_DROP_GROUPS
            || f.domain_capabilities.len() >= MAX_DISTINCT_TEXTS
            || f.chain_statuses.len() >= MAX_DISTINCT_TEXTS
        {
            return false;
        }
        // Sessions of the later files this collector knows: open at the end of its files, or
        // remembered as ended.
        let names = names_of(&self.connector_ids);
        let mut known: FastSet<u64> = FastSet::default();
        let mut buf = Vec::new();
        for key in self.sessions.keys().chain(self.closed.iter()) {
            let Some((connector, session)) = key_parts(key, &names) else {
                return false;
            };
            key_text(&mut buf, connector, &session);
            known.insert(fingerprint(&buf));
        }
        if !known.is_empty() && part.keys.iter().any(|k| known.contains(k)) {
            return false;
        }
        // The later sessions that stay open, and the ended ones it remembers, move here.
        let later_names = names_of(&later.connector_ids);
        if later
            .sessions
            .keys()
            .chain(later.closed.iter())
            .any(|key| key_parts(key, &later_names).is_none())
        {
            return false;
        }
        // Merged, the certificates and connectors stay within their caps.
        let new_certificates = self.new_certificates(later);
        let new_connectors = f
            .connectors
            .iter()
            .filter(|c| !self.connector_index.contains_key(c.name.as_str()))
            .count();
        self.facts.certificates.len() + new_certificates <= limits::MAX_OBSERVED_CERTIFICATES
            && self.facts.connectors.len() + new_connectors <= limits::MAX_CONNECTORS
    }

    /// How many of `later`'s certificates this collector has not seen.
    fn new_certificates(&self, later: &LogCollector) -> usize {
        let mut key = String::new();
        later
            .facts
            .certificates
            .iter()
            .filter(|c| {
                cert_key(&mut key, c.role, &c.report.connector, &c.identity);
                !self.cert_index.contains_key(key.as_str())
            })
            .count()
    }

    /// [`LogCollector::absorb`] once checked.
    fn merge(
        &mut self,
        mut later: LogCollector,
        replay_state: Replay,
        before: Option<Before>,
        base: u64,
    ) {
        let facts = std::mem::take(&mut later.facts);
        // Certificates: one entry per identity, the earliest kept. Those new to the earlier
        // files (made by the replayed rows, or by the part) go in the order they were made;
        // `replayed_map` and `remap` give the replay's and the part's indices their place here.
        let known = before
            .as_ref()
            .map_or(self.facts.certificates.len(), |b| b.certificates);
        let mut key = std::mem::take(&mut self.cert_key);
        let replayed = self
            .facts
            .certificates
            .split_off(known.min(self.facts.certificates.len()));
        for seen in &replayed {
            cert_key(&mut key, seen.role, &seen.report.connector, &seen.identity);
            self.cert_index.remove(key.as_str());
        }
        // New entries: the certificate, and whether it was the replay's n-th new one.
        let mut fresh: Vec<(SeenCertificate, Option<usize>)> = replayed
            .into_iter()
            .enumerate()
            .map(|(n, c)| (c, Some(n)))
            .collect();
        let mut fresh_keys: HashMap<String, usize> = HashMap::new();
        for (n, (seen, _)) in fresh.iter().enumerate() {
            cert_key(&mut key, seen.role, &seen.report.connector, &seen.identity);
            fresh_keys.insert(key.clone(), n);
        }
        // The part's: an earlier file's entry (counted there), or one of the new ones.
        enum Place {
            Known(usize),
            Fresh(usize),
        }
        let mut places = Vec::with_capacity(facts.certificates.len());
        for seen in facts.certificates {
            cert_key(&mut key, seen.role, &seen.report.connector, &seen.identity);
            if let Some(&i) = self.cert_index.get(key.as_str()) {
                if let Some(mine) = self.facts.certificates.get_mut(i) {
                    add_occurrences(mine, &seen);
                }
                places.push(Place::Known(i));
            } else if let Some(&n) = fresh_keys.get(key.as_str()) {
                if let Some((mine, _)) = fresh.get_mut(n) {
                    let later_made = seen.created_at < mine.created_at;
                    add_occurrences(mine, &seen);
                    if later_made {
                        // The part named it before the replayed rows did: its entry is kept.
                        let (occurrences, first, last) = (
                            mine.report.occurrences,
                            mine.first_seen_unix,
                            mine.last_seen_unix,
                        );
                        *mine = seen;
                        mine.report.occurrences = occurrences;
                        mine.first_seen_unix = first;
                        mine.last_seen_unix = last;
                    }
                }
                places.push(Place::Fresh(n));
            } else {
                fresh_keys.insert(key.clone(), fresh.len());
                places.push(Place::Fresh(fresh.len()));
                fresh.push((seen, None));
            }
        }
        // In the order made (a stable sort: the part's own are made in order already).
        let mut sorted: Vec<usize> = (0..fresh.len()).collect();
        sorted.sort_by_key(|&n| fresh.get(n).and_then(|(c, _)| c.created_at));
        let mut final_index = vec![0usize; fresh.len()];
        for (rank, &n) in sorted.iter().enumerate() {
            if let Some(slot) = final_index.get_mut(n) {
                *slot = known + rank;
            }
        }
        let mut replayed_map: HashMap<usize, usize> = HashMap::new();
        let mut fresh: Vec<Option<(SeenCertificate, Option<usize>)>> =
            fresh.into_iter().map(Some).collect();
        for &n in &sorted {
            if let Some((seen, from_replay)) = fresh.get_mut(n).and_then(Option::take) {
                let i = self.facts.certificates.len();
                if let Some(r) = from_replay {
                    replayed_map.insert(known + r, i);
                }
                cert_key(&mut key, seen.role, &seen.report.connector, &seen.identity);
                self.cert_index.insert(key.clone(), i);
                self.facts.certificates.push(seen);
            }
        }
        self.cert_key = key;
        let remap: Vec<usize> = places
            .iter()
            .map(|p| match p {
                Place::Known(i) => *i,
                Place::Fresh(n) => final_index.get(*n).copied().unwrap_or(usize::MAX),
            })
            .collect();
        // What the replayed rows pointed at their new certificates by.
        let replay_map = |i: Option<usize>| match i {
            Some(i) if i >= known => replayed_map.get(&i).copied(),
            other => other,
        };
        for slot in &mut self.slots {
            slot.sending_certificate = replay_map(slot.sending_certificate);
        }
        if let Some(b) = &before {
            for f in self.facts.failures.iter_mut().skip(b.failures) {
                f.sending_certificate = replay_map(f.sending_certificate);
            }
            for c in self.facts.failure_counts.iter_mut().skip(b.failure_counts) {
                c.sending_certificate = replay_map(c.sending_certificate);
            }
        }
        let map = |i: Option<usize>| i.and_then(|i| remap.get(i).copied());

        // The part's files in order: replayed entries and the part's own go in row order.
        let order = Order {
            files: later
                .part
                .as_deref()
                .map(|p| {
                    p.paths
                        .iter()
                        .enumerate()
                        .map(|(i, p)| (p.clone(), i))
                        .collect()
                })
                .unwrap_or_default(),
        };
        let mine = &mut self.facts;
        let replayed = match &before {
            Some(b) => mine.failures.split_off(b.failures.min(mine.failures.len())),
            None => Vec::new(),
        };
        let theirs: Vec<FailureFact> = facts
            .failures
            .into_iter()
            .map(|mut f| {
                f.sending_certificate = map(f.sending_certificate);
                f
            })
            .collect();
        let tail = order.merge(replayed, theirs, |f| &f.evidence);
        extend_capped(&mut mine.failures, tail, limits::MAX_TLS_FAILURES_LISTED);
        mine.failures_total += facts.failures_total;
        // Failure groups: new ones (the replay's, the part's) in the order they were made.
        let known_groups = before
            .as_ref()
            .map_or(mine.failure_counts.len(), |b| b.failure_counts);
        let mut fresh = mine
            .failure_counts
            .split_off(known_groups.min(mine.failure_counts.len()));
        for mut count in facts.failure_counts {
            count.sending_certificate = map(count.sending_certificate);
            let same = |c: &&mut FailureCount| {
                c.sending_certificate == count.sending_certificate
                    && c.error == count.error
                    && c.connector == count.connector
            };
            if let Some(c) = mine.failure_counts.iter_mut().find(same) {
                c.count += count.count;
            } else if let Some(c) = fresh.iter_mut().find(same) {
                c.count += count.count;
                c.created_at = c.created_at.min(count.created_at).or(c.created_at);
            } else {
                fresh.push(count);
            }
        }
        fresh.sort_by_key(|c| c.created_at);
        extend_capped(
            &mut mine.failure_counts,
            fresh,
            limits::MAX_TLS_FAILURE_GROUPS,
        );
        for c in facts.connectors {
            match self.connector_index.get(c.name.as_str()) {
                Some(&i) => {
                    if let Some(m) = mine.connectors.get_mut(i) {
                        let was = before.as_ref().and_then(|b| b.connectors.get(i).copied());
                        merge_connector(m, c, was, &order);
                    }
                }
                None => {
                    self.connector_index
                        .insert(c.name.clone(), mine.connectors.len());
                    mine.connectors.push(c);
                }
            }
        }
        // Notable replies: each kind's evidence lines in row order; kinds new to the earlier
        // files in the order of their first line.
        let known_kinds = before
            .as_ref()
            .map_or(mine.notable.len(), |b| b.notable.len());
        let mut kinds: Vec<(Notable, NotableLines, Vec<Evidence>)> = mine
            .notable
            .drain(..)
            .enumerate()
            .map(|(i, (kind, mut lines))| {
                let kept = match &before {
                    Some(b) => b.notable.get(i).map_or(0, |k| k.1),
                    None => lines.evidence.len(),
                };
                let replayed = lines.evidence.split_off(kept.min(lines.evidence.len()));
                (kind, lines, replayed)
            })
            .collect();
        for (kind, lines) in facts.notable {
            match kinds.iter_mut().find(|k| k.0 == kind) {
                Some(k) => {
                    k.1.count += lines.count;
                    let replayed = std::mem::take(&mut k.2);
                    k.2 = order.merge(replayed, lines.evidence, |e| e);
                }
                None => kinds.push((
                    kind,
                    NotableLines {
                        count: lines.count,
                        evidence: Vec::new(),
                    },
                    lines.evidence,
                )),
            }
        }
        for k in &mut kinds {
            let tail = std::mem::take(&mut k.2);
            extend_capped(&mut k.1.evidence, tail, limits::MAX_EVIDENCE_PER_FINDING);
        }
        if before.is_some() {
            if let Some(new) = kinds.get_mut(known_kinds..) {
                new.sort_by_key(|k| k.1.evidence.first().map(|e| order.at(e)));
            }
        }
        mine.notable = kinds.into_iter().map(|(k, l, _)| (k, l)).collect();
        add_distinct(&mut mine.domain_capabilities, facts.domain_capabilities);
        add_distinct(&mut mine.chain_statuses, facts.chain_statuses);
        for mut group in facts.dropped_after_tls {
            group.sending_certificate = map(group.sending_certificate);
            let eo = |g: &DropGroup| g.remote_name.as_deref().map(is_exchange_online);
            if let Some(g) = mine.dropped_after_tls.iter_mut().find(|g| {
                g.stage == group.stage
                    && g.connector == group.connector
                    && g.sending_certificate == group.sending_certificate
                    && eo(g) == eo(&group)
            }) {
                g.count += group.count;
            } else if mine.dropped_after_tls.len() < MAX_DROP_GROUPS {
                mine.dropped_after_tls.push(group);
            }
        }
        mine.summary.lines += facts.summary.lines;
        mine.summary.sessions += facts.summary.sessions;
        mine.summary.sessions_dropped_at_limit += facts.summary.sessions_dropped_at_limit;
        for (reason, count) in std::mem::take(&mut later.skipped) {
            *self.skipped.entry(reason).or_insert(0) += count;
        }

        // The later sessions still open continue here (a later file may go on with them), in
        // the order they were opened, with those the replay opened (numbered from `base` in
        // the order opened) each after the part's sessions opened before its row.
        let later_names = names_of(&later.connector_ids);
        let before_row: Vec<u64> = replay_state.opened.iter().map(|(n, _)| *n).collect();
        let replayed_seq = |k: u64| {
            base.saturating_add(before_row.get(k as usize).copied().unwrap_or(0))
                .saturating_add(k)
        };
        let later_seq = |s: u64| {
            base.saturating_add(s)
                .saturating_add(before_row.partition_point(|&n| n <= s) as u64)
        };
        let mut opened: Vec<(u64, SessionKey)> = Vec::new();
        let mut kept = std::collections::VecDeque::new();
        for (key, seq) in std::mem::take(&mut self.created) {
            if seq < base {
                kept.push_back((key, seq));
                continue;
            }
            let Some(&i) = self.sessions.get(&key) else {
                continue;
            };
            if let Some(slot) = self.slots.get_mut(i).filter(|s| s.seq == seq) {
                slot.seq = replayed_seq(seq - base);
                opened.push((slot.seq, key));
            }
        }
        for (key, seq) in std::mem::take(&mut later.created) {
            let Some(&i) = later.sessions.get(&key) else {
                continue;
            };
            if later.slots.get(i).map(|s| s.seq) != Some(seq) {
                continue;
            }
            let Some((connector, session)) = key_parts(&key, &later_names) else {
                continue;
            };
            let session = String::from_utf8_lossy(&session).into_owned();
            let new_key = self.key_of(connector, &session);
            let taken: Session = later
                .slots
                .get_mut(i)
                .map(std::mem::take)
                .unwrap_or_default();
            let seq = later_seq(seq);
            let slot = self.new_slot(Session {
                sending_certificate: map(taken.sending_certificate),
                seq,
                ..taken
            });
            self.sessions.insert(new_key.clone(), slot);
            opened.push((seq, new_key));
        }
        opened.sort_by_key(|(seq, _)| *seq);
        kept.extend(opened.into_iter().map(|(seq, key)| (key, seq)));
        self.created = kept;
        // The later ended sessions, with those the deferred rows ended where they ended
        // (between the later files' own ends), as reading in order remembers them.
        let pushed = later.part.as_deref().map_or(0, |p| p.closes_pushed);
        let ring = std::mem::take(&mut later.closed_order);
        let first = pushed.saturating_sub(ring.len() as u64);
        let mut held = replay_state.ended.into_iter().peekable();
        for (j, key) in ring.into_iter().enumerate() {
            let index = first + j as u64;
            while let Some((_, k)) = held.next_if(|(before, _)| *before <= index) {
                self.remember_closed(k);
            }
            if let Some((connector, session)) = key_parts(&key, &later_names) {
                let session = String::from_utf8_lossy(&session).into_owned();
                let new_key = self.key_of(connector, &session);
                self.remember_closed(new_key);
            }
        }
        for (_, k) in held {
            self.remember_closed(k);
        }
        self.next_seq = base
            .saturating_add(later.next_seq)
            .saturating_add(before_row.len() as u64);
        self.sweep_created();
        // Where the part made its entries is said only by parts.
        for c in &mut self.facts.certificates {
            c.created_at = None;
        }
        for c in &mut self.facts.failure_counts {
            c.created_at = None;
        }
    }
}

#[cfg(test)]
#[path = "merge_review_tests.rs"]
mod review_tests;

#[cfg(test)]
mod tests {
    use super::LogCollector;
    use crate::log::genlog::Generator;
    use crate::log::reference::tests::{is_log, repo_files};

    pub(super) type File = (String, Vec<u8>);

    pub(super) fn feed(c: &mut LogCollector, files: &[File]) {
        for (name, bytes) in files {
            c.begin_file(name);
            // Two slices, so lines are also cut at a slice boundary.
            let (a, b) = bytes.split_at(bytes.len() / 2);
            c.push(a);
            c.push(b);
            c.end_file();
        }
    }

    pub(super) fn facts(c: &LogCollector) -> String {
        format!("{:#?}", c.facts())
    }

    /// Absorbs `part` into a collector `setup` makes, and the part moved as the page moves it
    /// between workers (plain data, as JSON bytes) into a second one: both take it or neither.
    /// Taken: reads `then` on both, checks they agree, and gives the facts. Refused: checks the
    /// first collector unchanged and gives it back, to read on.
    fn absorb_both_ways(
        setup: impl Fn(&mut LogCollector),
        part: LogCollector,
        then: &[File],
    ) -> Result<String, Box<LogCollector>> {
        let bytes =
            serde_json::to_vec(&part.to_part_state().expect("a part between files")).expect("json");
        let state = serde_json::from_slice(&bytes).expect("read back");
        let mut again = LogCollector::new();
        setup(&mut again);
        let taken_again = again.absorb(LogCollector::from_part_state(state));
        let mut first = LogCollector::new();
        setup(&mut first);
        let before = facts(&first);
        let taken = first.absorb(part);
        assert_eq!(taken_again, taken);
        if !taken {
            assert_eq!(
                facts(&first),
                before,
                "a refused part changed the collector"
            );
            return Err(Box::new(first));
        }
        feed(&mut again, then);
        feed(&mut first, then);
        assert_eq!(facts(&again), facts(&first), "part moved as bytes");
        Ok(facts(&first))
    }

    /// Reads `files[..k]` on one collector and `files[k..]` on a part, absorbs the part (or,
    /// refused, reads the later files on the first collector), then reads `then`. Gives the
    /// facts and whether the part was taken, and checks that a refusal changed nothing.
    pub(super) fn split(files: &[File], k: usize, then: &[File]) -> (String, bool) {
        let (early, late) = files.split_at(k);
        let mut part = LogCollector::part();
        feed(&mut part, late);
        match absorb_both_ways(|c| feed(c, early), part, then) {
            Ok(merged) => (merged, true),
            Err(mut first) => {
                feed(&mut first, late);
                feed(&mut first, then);
                (facts(&first), false)
            }
        }
    }

    /// [`split`] with the cut inside file `k`: the first collector reads the files before it
    /// and that file up to the first line start at or after byte `at` (the whole file when
    /// there is none) without ending it; a part the file's rest after its header
    /// ([`LogCollector::begin_continued_file`]) and the files after. Absorbed (also moved as
    /// bytes), or refused and the rest read on the first collector; then `then`.
    pub(super) fn split_inside(
        files: &[File],
        k: usize,
        at: usize,
        then: &[File],
    ) -> (String, bool) {
        let (early, late) = files.split_at(k);
        let (name, bytes) = &late[0];
        let at = at.min(bytes.len());
        let cut = crate::split::line_start(&bytes[at..]).map_or(bytes.len(), |n| at + n);
        let head = &bytes[..bytes.len().min(crate::split::HEAD_BYTES)];
        let up_to_cut = |c: &mut LogCollector| {
            feed(c, early);
            c.begin_file(name);
            c.push(&bytes[..cut / 2]);
            c.push(&bytes[cut / 2..cut]);
        };
        let mut part = LogCollector::part();
        assert!(part.begin_continued_file(name, head));
        part.push(&bytes[cut..]);
        part.end_file();
        feed(&mut part, &late[1..]);
        match absorb_both_ways(up_to_cut, part, then) {
            Ok(merged) => (merged, true),
            Err(mut first) => {
                first.push(&bytes[cut..]);
                first.end_file();
                feed(&mut first, &late[1..]);
                feed(&mut first, then);
                (facts(&first), false)
            }
        }
    }

    pub(super) fn sequential(files: &[File]) -> String {
        let mut c = LogCollector::new();
        feed(&mut c, files);
        facts(&c)
    }

    fn genlog(total: u64, file: u64, variety: bool) -> Vec<File> {
        let mut g = Generator::new(total, file, 20, variety);
        std::iter::from_fn(|| g.next_file()).collect()
    }

    /// genlog's files start their sessions afresh (each with its `+` row), so every split is
    /// taken, and the merged facts are those of one collector reading all files in order:
    /// certificates named on both sides, connectors on both sides, failure and drop groups,
    /// capped evidence lists. The last file is read after the merge (sessions moved over).
    #[test]
    fn every_split_of_a_genlog_set_merges_to_the_facts_read_in_order() {
        let files = genlog(3 << 20, 200 << 10, true);
        assert!(files.len() >= 10, "{} files", files.len());
        let all = sequential(&files);
        let (head, last) = files.split_at(files.len() - 1);
        for k in 1..head.len() {
            let (merged, taken) = split(head, k, last);
            assert!(taken, "split at file {k} refused");
            assert_eq!(merged, all, "split at file {k}");
        }
        let mut c = LogCollector::new();
        feed(&mut c, &files);
        let f = c.facts();
        assert!(
            f.failures_total > 0 && f.certificates.len() > 1 && !f.dropped_after_tls.is_empty()
        );
        assert!(f.connectors.len() > 2, "{}", f.connectors.len());
    }

    /// Each file's session ids made its own: `F<i>-` put before the session-id field of every
    /// row (the column its `#Fields:` names, else the third). The test logs copy the same KB
    /// sessions, so read as one folder every split crosses a session.
    fn own_ids(i: usize, bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 8);
        let mut column = 2;
        for line in bytes.split_inclusive(|&b| b == b'\n') {
            if let Some(fields) = line.strip_prefix(b"#Fields:") {
                let names = String::from_utf8_lossy(fields);
                column = names
                    .split(',')
                    .position(|n| n.trim() == "session-id")
                    .unwrap_or(usize::MAX);
            }
            let start = (column != usize::MAX && !line.starts_with(b"#"))
                .then(|| {
                    let mut commas = line.iter().enumerate().filter(|(_, &b)| b == b',');
                    match column {
                        0 => Some(0),
                        n => commas.nth(n - 1).map(|(at, _)| at + 1),
                    }
                })
                .flatten();
            match start {
                Some(at) => {
                    out.extend_from_slice(&line[..at]);
                    out.extend_from_slice(format!("F{i}-").as_bytes());
                    out.extend_from_slice(&line[at..]);
                }
                None => out.extend_from_slice(line),
            }
        }
        out
    }

    /// Every split of the test logs and fuzz seeds read as one folder (sessions spanning files,
    /// certificates seen in several, the same session ids in several): taken or refused, the
    /// facts are those read in order. As they are, every split is refused (the same sessions
    /// everywhere); with each file's session ids made its own, splits are taken.
    #[test]
    fn every_split_of_the_test_logs_gives_the_facts_read_in_order() {
        let files: Vec<File> = repo_files()
            .into_iter()
            .filter(|(_, b)| is_log(b))
            .collect();
        assert!(files.len() >= 8);
        let renamed: Vec<File> = files
            .iter()
            .enumerate()
            .map(|(i, (n, b))| (n.clone(), own_ids(i, b)))
            .collect();
        for (set, want_taken) in [(&files, false), (&renamed, true)] {
            let all = sequential(set);
            let mut taken = 0;
            for k in 1..set.len() {
                let (merged, t) = split(set, k, &[]);
                assert_eq!(merged, all, "split before {}", set[k].0);
                taken += usize::from(t);
            }
            if want_taken {
                assert!(taken * 2 > set.len(), "{taken} of {} taken", set.len() - 1);
            } else {
                assert!(taken < set.len() - 1, "all taken");
            }
        }
    }

    pub(super) const HEADER: &str = "#Software: Microsoft Exchange Server\r\n#Version: 15.0.0.0\r\n#Log-type: SMTP Send Protocol Log\r\n#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context\r\n";

    pub(super) fn log(rows: &[&str]) -> Vec<u8> {
        let mut s = HEADER.to_string();
        for r in rows {
            s.push_str(r);
            s.push_str("\r\n");
        }
        s.into_bytes()
    }

    /// A session that begins in one file and ends in the next (KB 4495258's failure row in the
    /// second): the part defers its rows (the first it sees is not the session's first), the
    /// merge reads them after the first file, and it is one session with its failure listed,
    /// as read in order.
    #[test]
    fn a_session_continued_across_the_split_is_merged() {
        let one = log(&[
            "2019-05-02T10:00:00.000Z,Outbound to Office 365,08D6CE7DEF0C5A1B,0,10.0.0.5:25571,104.47.1.1:25,+,,",
            "2019-05-02T10:00:00.100Z,Outbound to Office 365,08D6CE7DEF0C5A1B,1,10.0.0.5:25571,104.47.1.1:25,<,220 AM5EUR02FT001.mail.protection.outlook.com ready,",
            "2019-05-02T10:00:00.200Z,Outbound to Office 365,08D6CE7DEF0C5A1B,2,10.0.0.5:25571,104.47.1.1:25,>,STARTTLS,",
        ]);
        let two = log(&[
            "2019-05-02T10:00:00.300Z,Outbound to Office 365,08D6CE7DEF0C5A1B,3,10.0.0.5:25571,104.47.1.1:25,*,,Sending certificate",
            "2019-05-02T10:00:00.400Z,Outbound to Office 365,08D6CE7DEF0C5A1B,4,10.0.0.5:25571,104.47.1.1:25,*,,TLS negotiation failed with error NoCredentials",
            "2019-05-02T10:00:00.500Z,Outbound to Office 365,08D6CE7DEF0C5A1B,5,10.0.0.5:25571,104.47.1.1:25,-,,Local",
        ]);
        let files = vec![
            ("SEND1.LOG".to_string(), one),
            ("SEND2.LOG".to_string(), two),
        ];
        let mut part = LogCollector::part();
        feed(&mut part, &files[1..]);
        assert_eq!(part.continued_sessions(), 1);
        let (merged, taken) = split(&files, 1, &[]);
        assert!(taken);
        assert_eq!(merged, sequential(&files));
        assert!(merged.contains("sessions: 1,"), "{merged}");
        assert!(merged.contains("failures_total: 1,"), "{merged}");
        // Without the failure (only the certificate row and the end), too.
        let mut quiet = files.clone();
        let text = String::from_utf8(quiet[1].1.clone()).unwrap();
        quiet[1].1 = text
            .lines()
            .filter(|l| !l.contains("negotiation failed"))
            .map(|l| format!("{l}\r\n"))
            .collect::<String>()
            .into_bytes();
        let (merged, taken) = split(&quiet, 1, &[]);
        assert!(taken);
        assert_eq!(merged, sequential(&quiet));
        assert!(merged.contains("sessions: 1,"), "{merged}");
    }

    /// One generated log cut into files at line boundaries, as Exchange rotates a log in the
    /// middle of sessions (about 200 open at each cut): at every split the part defers the
    /// rows of the sessions that go on from before, and the merge gives the facts read in
    /// order. Most splits are taken; those whose deferred rows would add to a list that
    /// follows the rows (a failure listed, a first evidence line) are refused.
    #[test]
    fn every_split_of_a_rotated_log_merges_to_the_facts_read_in_order() {
        let mut g = Generator::new(3 << 20, 3 << 20, 200, true);
        let (_, whole) = g.next_file().expect("a file");
        let text = String::from_utf8(whole).expect("utf-8");
        let header_end = text.find("\r\n2024").expect("rows") + 2;
        let (header, body) = text.split_at(header_end);
        let pieces = 12;
        let mut files: Vec<File> = Vec::new();
        let mut rest = body;
        for i in 1..=pieces {
            let cut = if i == pieces {
                rest.len()
            } else {
                let at = (body.len() / pieces).min(rest.len());
                at + rest[at..].find('\n').map_or(rest.len() - at, |n| n + 1)
            };
            let (piece, after) = rest.split_at(cut);
            files.push((
                format!("SEND20240502-{i}.LOG"),
                format!("{header}{piece}").into_bytes(),
            ));
            rest = after;
        }
        let all = sequential(&files);
        // The last file is read after the merge: the sessions open then go on in it.
        let (head, last) = files.split_at(files.len() - 1);
        let mut taken = 0;
        for k in 1..head.len() {
            let mut part = LogCollector::part();
            feed(&mut part, &head[k..]);
            assert!(
                part.continued_sessions() >= 50,
                "split {k}: {}",
                part.continued_sessions()
            );
            let (merged, t) = split(head, k, last);
            assert_eq!(merged, all, "split before file {}", k + 1);
            taken += usize::from(t);
        }
        assert!(
            taken * 2 >= head.len(),
            "{taken} of {} splits taken",
            head.len() - 1
        );
    }

    /// A session id that ended in the earlier files and comes back in the later ones is not
    /// counted again when read in order; the part cannot know, so it is refused.
    #[test]
    fn a_session_id_that_ended_before_the_split_is_refused() {
        let session = |t: &str| {
            log(&[
                &format!("2019-05-02T10:00:0{t}.000Z,Outbound,08D6CE7DEF0C5A1B,0,10.0.0.5:2557{t},104.47.1.1:25,+,,"),
                &format!("2019-05-02T10:00:0{t}.500Z,Outbound,08D6CE7DEF0C5A1B,1,10.0.0.5:2557{t},104.47.1.1:25,-,,Local"),
            ])
        };
        let files = vec![
            ("SEND1.LOG".to_string(), session("1")),
            ("SEND2.LOG".to_string(), session("2")),
        ];
        let (merged, taken) = split(&files, 1, &[]);
        assert!(!taken);
        assert_eq!(merged, sequential(&files));
        assert!(merged.contains("sessions: 1,"), "{merged}");
        // Another id in the later file is a session of its own, and the part is taken.
        let other = String::from_utf8(session("2"))
            .unwrap()
            .replace("08D6CE7DEF0C5A1B", "08D6CE7DEF0C5A1C");
        let files = vec![
            files[0].clone(),
            ("SEND2.LOG".to_string(), other.into_bytes()),
        ];
        let (merged, taken) = split(&files, 1, &[]);
        assert!(taken);
        assert_eq!(merged, sequential(&files));
        assert!(merged.contains("sessions: 2,"), "{merged}");
    }

    /// A collector that is not a part, or a part still inside a file, is refused.
    #[test]
    fn only_a_part_between_files_is_absorbed() {
        let files = genlog(200 << 10, 100 << 10, false);
        let mut first = LogCollector::new();
        let mut not_part = LogCollector::new();
        feed(&mut not_part, &files);
        assert!(!first.absorb(not_part));
        let mut part = LogCollector::part();
        part.begin_file("x.LOG");
        part.push(&files[0].1);
        assert!(!first.absorb(part));
        assert_eq!(facts(&first), facts(&LogCollector::new()));
    }

    /// One large generated log (sessions interleaved, about 200 open at once, certificate
    /// blocks, failures, drops) cut inside at 60 places: the part starts at a line in the
    /// middle with the file's header, numbers its lines from there, defers the rows of the
    /// sessions going on from before the cut; the merge renumbers and replays them. Every cut
    /// gives the facts read in one go, line numbers included; most are taken.
    #[test]
    fn a_log_cut_inside_merges_to_the_facts_read_in_order() {
        let mut g = Generator::new(3 << 20, 3 << 20, 200, true);
        let (_, whole) = g.next_file().expect("a file");
        let files = vec![("SEND20240502-1.LOG".to_string(), whole.clone())];
        let then = genlog(300 << 10, 300 << 10, true);
        let all = sequential(&[files.clone(), then.clone()].concat());
        let mut taken = 0;
        let cuts = 60;
        for i in 1..cuts {
            let at = whole.len() * i / cuts + i * 37;
            let (merged, t) = split_inside(&files, 0, at, &then);
            assert_eq!(merged, all, "cut at byte {at}");
            taken += usize::from(t);
        }
        assert!(taken * 2 > cuts, "{taken} of {cuts} cuts taken");
        // A cut inside the header, and at the very start of the rows: refused or exact.
        for at in [0, 40, 400] {
            let (merged, _) = split_inside(&files, 0, at, &then);
            assert_eq!(merged, all, "cut at byte {at}");
        }
    }

    /// The cut inside a file among others (rotated files with their own headers): the files
    /// before it read first, the part goes on with the file's rest and the files after.
    #[test]
    fn a_log_cut_inside_among_rotated_files_merges_to_the_facts_read_in_order() {
        let files = genlog(2 << 20, 400 << 10, true);
        assert!(files.len() >= 4);
        let all = sequential(&files);
        let mut taken = 0;
        for k in 0..files.len() {
            let len = files[k].1.len();
            for at in [len / 3, len / 2, len * 5 / 6] {
                let (merged, t) = split_inside(&files, k, at, &[]);
                assert_eq!(merged, all, "file {k}, byte {at}");
                taken += usize::from(t);
            }
        }
        assert!(taken > 0);
    }

    /// Every test log and fuzz seed cut inside at several places (their headers, quoting,
    /// blocks, odd shapes): exact or refused, never different.
    #[test]
    fn every_test_log_cut_inside_gives_the_facts_read_in_order() {
        let mut checked = 0;
        for (name, bytes) in repo_files().into_iter().filter(|(_, b)| is_log(b)) {
            let files = vec![(name.clone(), bytes.clone())];
            let all = sequential(&files);
            for n in 1..6 {
                let at = bytes.len() * n / 6;
                let (merged, _) = split_inside(&files, 0, at, &[]);
                assert_eq!(merged, all, "{name} cut at byte {at}");
                checked += 1;
            }
        }
        assert!(checked > 50, "{checked}");
    }

    /// The cut between two certificate blocks' lives: session A's block opens before the cut
    /// and no row of A follows, so read in one go it closes at the file's end, after session
    /// B's block (made after the cut, closed by B's TLS row) named its certificate; session C
    /// (after the cut) negotiates TLS and is still open at the file's end, then is dropped in
    /// the next file, whose drop evidence holds C's EHLO and TLS rows from the part. The merge
    /// closes A's block at the file's end too, and renumbers C's rows kept in its notes.
    #[test]
    fn blocks_open_at_the_cut_close_at_the_files_end_and_kept_rows_are_renumbered() {
        let r = |t: &str, s: &str, n: u32, ev: &str, data: &str, ctx: &str| {
            format!("2019-05-02T10:00:0{t}Z,Outbound to Office 365,{s},{n},10.0.0.5:25571,104.47.1.1:25,{ev},{data},{ctx}")
        };
        let cert = |s: &str, first: u32, thumb: &str| {
            vec![
                r("1.000", s, first, "*", "", "Sending certificate"),
                r(
                    "1.001",
                    s,
                    first + 1,
                    "*",
                    "\"CN=mail.contoso.com, O=Contoso\"",
                    "Certificate subject",
                ),
                r(
                    "1.002",
                    s,
                    first + 2,
                    "*",
                    "\"CN=Contoso CA\"",
                    "Certificate issuer name",
                ),
                r("1.003", s, first + 3, "*", thumb, "Certificate thumbprint"),
            ]
        };
        let tls = "\"TLS protocol SP_PROT_TLS1_2_CLIENT negotiation succeeded using bulk encryption algorithm CALG_AES_256 with strength 256 bits\"";
        let mut before: Vec<String> = vec![
            r("0.000", "A", 0, "+", "", ""),
            r("0.100", "A", 1, "<", "220 mx.fabrikam.com ready", ""),
            r("0.200", "A", 2, ">", "STARTTLS", ""),
        ];
        before.extend(cert("A", 3, "AAAA000000000000000000000000000000000000"));
        let mut after: Vec<String> = vec![r("2.000", "B", 0, "+", "", "")];
        after.extend(cert("B", 1, "BBBB000000000000000000000000000000000000"));
        after.push(r("2.100", "B", 5, "*", "", tls));
        after.extend([
            r("3.000", "C", 0, "+", "", ""),
            r("3.100", "C", 1, "<", "220 mx.fabrikam.com ready", ""),
            r("3.200", "C", 2, ">", "EHLO mail.contoso.com", ""),
            r("3.300", "C", 3, ">", "STARTTLS", ""),
            r("3.400", "C", 4, "<", "220 2.0.0 SMTP server ready", ""),
            r("3.500", "C", 5, "*", "", tls),
        ]);
        let rows: Vec<&str> = before.iter().chain(&after).map(String::as_str).collect();
        let whole = log(&rows);
        let cut = whole.len() - after.iter().map(|a| a.len() + 2).sum::<usize>();
        let next = log(&[&r("4.000", "C", 6, "-", "", "Remote(ConnectionReset)")]);
        let files = vec![("SEND1.LOG".to_string(), whole)];
        let then = vec![("SEND2.LOG".to_string(), next)];
        let all = sequential(&[files.clone(), then.clone()].concat());
        let (merged, taken) = split_inside(&files, 0, cut - 1, &then);
        assert!(taken);
        assert_eq!(merged, all);
        let mut c = LogCollector::new();
        feed(&mut c, &[files, then].concat());
        let f = c.facts();
        let thumbs: Vec<_> = f
            .certificates
            .iter()
            .map(|c| c.identity.thumbprint.clone().unwrap_or_default())
            .collect();
        assert!(
            thumbs[0].starts_with("BBBB") && thumbs[1].starts_with("AAAA"),
            "{thumbs:?}"
        );
        let drop = f.dropped_after_tls.first().expect("C dropped after TLS");
        assert!(
            drop.evidence
                .iter()
                .any(|e| e.line == 23 && e.path == "SEND1.LOG"),
            "{:?}",
            drop.evidence
        );
    }
}
