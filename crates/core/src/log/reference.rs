//! The protocol-log path as it was before the single-pass reader (issue 15), kept verbatim as a
//! test-only reference: `tests` in [`super::collector`] run it and the production
//! [`super::LogCollector`] over the fuzz seeds, every test log and generated sets, and compare
//! the facts. Not compiled outside `cargo test`.
//!
//! Three choices that were arbitrary before are made the same way here and in the reader, so
//! the two can be compared at all: at the open-session cap the oldest open session is dropped
//! (before: the first in hash order); blocks still open at a file's end close in the order
//! they began (before: hash order); each session keeps its own TLS notes
//! ([`crate::catalogue::sessions::Notes`]) for as long as it is open (before: in a map of its
//! own capped at 4096 sessions, so past 4096 open sessions notes were forgotten).

#![allow(dead_code)]

pub mod lines {
    use crate::limits::MAX_LOG_LINE_BYTES;

    const BOM: &[u8] = b"\xEF\xBB\xBF";

    /// One line handed to the sink.
    #[derive(Debug, PartialEq, Eq)]
    pub enum Line<'a> {
        /// A line within the cap. `bytes` has no `\n` and no trailing `\r`.
        Text {
            number: u64,
            bytes: &'a [u8],
            terminated: bool,
        },
        /// A line over the cap; its content was dropped.
        TooLong { number: u64, terminated: bool },
    }

    /// Splits a byte stream into lines, holding at most one partial line.
    #[derive(Debug)]
    pub struct LineSplitter {
        /// The partial line carried over from earlier slices.
        pending: Vec<u8>,
        /// The partial line already exceeded the cap: its bytes are being discarded.
        pending_too_long: bool,
        /// Number of the last line handed out.
        number: u64,
        cap: usize,
    }

    impl Default for LineSplitter {
        fn default() -> Self {
            Self::new()
        }
    }

    impl LineSplitter {
        pub fn new() -> Self {
            Self::with_cap(MAX_LOG_LINE_BYTES)
        }

        /// A splitter with a different line cap (tests use small caps).
        pub fn with_cap(cap: usize) -> Self {
            LineSplitter {
                pending: Vec::new(),
                pending_too_long: false,
                number: 0,
                cap,
            }
        }

        /// Lines handed out so far.
        pub fn lines(&self) -> u64 {
            self.number
        }

        /// Feeds the next slice; calls `sink` once per completed line.
        pub fn push(&mut self, chunk: &[u8], mut sink: impl FnMut(Line<'_>)) {
            let mut rest = chunk;
            while let Some(pos) = memchr::memchr(b'\n', rest) {
                let (head, tail) = rest.split_at(pos);
                rest = &tail[1..];
                if self.pending.is_empty() && !self.pending_too_long {
                    // Fast path: the whole line lies inside this slice, no copy.
                    self.emit_slice(head, true, &mut sink);
                } else {
                    self.append_pending(head);
                    self.emit_pending(true, &mut sink);
                }
            }
            self.append_pending(rest);
        }

        /// The input is complete: hands out a last line that has no terminator, if any.
        pub fn finish(&mut self, mut sink: impl FnMut(Line<'_>)) {
            if !self.pending.is_empty() || self.pending_too_long {
                self.emit_pending(false, &mut sink);
            }
        }

        fn append_pending(&mut self, bytes: &[u8]) {
            if self.pending_too_long || bytes.is_empty() {
                return;
            }
            // One byte of slack for a trailing `\r` that is not part of the content.
            if self.pending.len() + bytes.len() > self.cap + 1 {
                self.pending.clear();
                self.pending.shrink_to(4096);
                self.pending_too_long = true;
            } else {
                self.pending.extend_from_slice(bytes);
            }
        }

        fn emit_pending(&mut self, terminated: bool, sink: &mut impl FnMut(Line<'_>)) {
            let pending = std::mem::take(&mut self.pending);
            if self.pending_too_long {
                self.pending_too_long = false;
                self.number += 1;
                sink(Line::TooLong {
                    number: self.number,
                    terminated,
                });
            } else {
                self.emit_slice(&pending, terminated, sink);
            }
            // Keep the allocation for the next partial line.
            self.pending = pending;
            self.pending.clear();
        }

        fn emit_slice(&mut self, line: &[u8], terminated: bool, sink: &mut impl FnMut(Line<'_>)) {
            self.number += 1;
            let mut bytes = line;
            // At the start of any line (changed on 2026-12-07 in the reader and here alike: logs
            // concatenated into one file carry a mark at each file's start).
            bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
            if let Some(stripped) = bytes.strip_suffix(b"\r") {
                bytes = stripped;
            }
            if bytes.len() > self.cap {
                sink(Line::TooLong {
                    number: self.number,
                    terminated,
                });
            } else {
                sink(Line::Text {
                    number: self.number,
                    bytes,
                    terminated,
                });
            }
        }
    }
}

pub mod row {

    use crate::log::columns::ColumnMap;
    use crate::log::csv::{CsvError, Span};
    use crate::log::error::LogError as RowError;
    use crate::log::row::{Event, Row};

    fn event(text: &str) -> Option<Event> {
        match text.trim() {
            "+" => Some(Event::Connect),
            "-" => Some(Event::Disconnect),
            ">" => Some(Event::Sent),
            "<" => Some(Event::Received),
            "*" => Some(Event::Information),
            _ => None,
        }
    }

    pub fn split_into(line: &str, spans: &mut Vec<Span>) -> Result<(), CsvError> {
        spans.clear();
        let bytes = line.as_bytes();
        let mut pos = 0usize;
        loop {
            if bytes.get(pos) == Some(&b'"') {
                // Quoted field.
                let start = pos + 1;
                let mut i = start;
                let mut escaped = false;
                loop {
                    match memchr::memchr(b'"', bytes.get(i..).unwrap_or(&[])) {
                        None => return Err(CsvError::UnterminatedQuote),
                        Some(off) => {
                            let q = i + off;
                            if bytes.get(q + 1) == Some(&b'"') {
                                escaped = true;
                                i = q + 2;
                            } else {
                                spans.push(Span {
                                    start,
                                    end: q,
                                    has_escaped_quotes: escaped,
                                });
                                pos = q + 1;
                                break;
                            }
                        }
                    }
                }
                match bytes.get(pos) {
                    None => return Ok(()),
                    Some(b',') => pos += 1,
                    Some(_) => return Err(CsvError::TextAfterClosingQuote),
                }
            } else {
                match memchr::memchr(b',', bytes.get(pos..).unwrap_or(&[])) {
                    Some(off) => {
                        spans.push(Span {
                            start: pos,
                            end: pos + off,
                            has_escaped_quotes: false,
                        });
                        pos += off + 1;
                    }
                    None => {
                        spans.push(Span {
                            start: pos,
                            end: bytes.len(),
                            has_escaped_quotes: false,
                        });
                        return Ok(());
                    }
                }
            }
        }
    }

    pub fn parse<'a>(
        line: &'a str,
        columns: &ColumnMap,
        spans: &mut Vec<Span>,
    ) -> crate::log::Result<Row<'a>> {
        split_into(line, spans).map_err(RowError::BadQuoting)?;
        // Fields from the spans as the production reader makes them (unchanged since).
        crate::log::row::from_spans(line, columns, spans)
    }
}

/// Row classification as it was before issue 15's second round (the production
/// [`crate::log::events`] trims and dispatches on bytes); rule changes since (`454 4.7.0` only
/// with "auth") are made here too.
pub mod events {
    use crate::log::cert_block::{parse_one_row, Field, Role};
    pub use crate::log::events::Notable;
    use crate::log::row::{Event, Row};

    pub use crate::log::events::Meaning;

    const TLS_FAILED: &str = "TLS negotiation failed with error ";

    /// Classifies `row`. Cheap for the common rows that mean nothing.
    pub fn classify<'a>(row: &'a Row<'_>) -> Meaning<'a> {
        let data: &'a str = &row.data;
        let context: &'a str = &row.context;
        match row.event {
            Event::Information => classify_information(data, context),
            Event::Sent | Event::Received => classify_smtp(row.event, data),
            Event::Connect | Event::Disconnect => Meaning::Other,
        }
    }

    fn classify_information<'a>(data: &'a str, context: &'a str) -> Meaning<'a> {
        // Exchange puts the message in `context` with empty data; excerpts sometimes shift it.
        let message = if context.trim().is_empty() {
            data
        } else {
            context
        };
        let m = message.trim();
        // Dispatch on the first letter: this runs for every `*` row of a multi-gigabyte log.
        match m.as_bytes().first().map(u8::to_ascii_uppercase) {
            Some(b'S') | Some(b'R') => {
                if let Some(role) = Role::from_type_row(m) {
                    if data.trim().is_empty() || m == data.trim() {
                        return Meaning::CertTypeRow(role);
                    }
                }
                if let Some(role) = Role::from_one_row_context(context) {
                    if let Some(id) = parse_one_row(data) {
                        return Meaning::CertOneRow(role, Box::new(id));
                    }
                }
            }
            Some(b'C') => {
                if let Some(rest) = m.strip_prefix("Client certificate chain validation status:") {
                    return Meaning::ChainValidation(rest.trim().trim_matches('\''));
                }
            }
            Some(b'T') => {
                if let Some(rest) = m.strip_prefix(TLS_FAILED) {
                    let error = rest
                        .split(|c: char| c.is_whitespace() || c == '.' || c == ',')
                        .next()
                        .unwrap_or("");
                    return Meaning::TlsFailed {
                        error: if error.is_empty() { "Unknown" } else { error },
                    };
                }
                if let Some(rest) = m.strip_prefix("TLS protocol ") {
                    if rest.contains("negotiation succeeded") {
                        return Meaning::TlsSucceeded {
                            protocol: rest.split_whitespace().next().unwrap_or(""),
                        };
                    }
                }
                if m.starts_with("TlsDomainCapabilities=") {
                    return Meaning::DomainCapabilities(m);
                }
            }
            Some(b'I') if m.starts_with("Inbound AUTH") && m.contains("failed") => {
                return Meaning::Reply(Notable::AuthFailed);
            }
            _ => {}
        }
        if let Some((field, value)) = Field::recognise(data, context) {
            return Meaning::CertField(field, value);
        }
        Meaning::Other
    }

    /// `text` holds `STARTTLS` in any case: a quick byte scan that lets the exact word check
    /// (`split_whitespace`, char by char) run only on the few `250` lines that can pass it.
    /// Does the reply text say "auth" (any case)? (`454 4.7.0 Temporary authentication failure`.)
    fn mentions_tls(text: &str) -> bool {
        text.to_ascii_lowercase().contains("tls")
    }

    fn mentions_auth(text: &str) -> bool {
        text.as_bytes()
            .windows(4)
            .any(|w| w.eq_ignore_ascii_case(b"auth"))
    }

    fn mentions_starttls(text: &str) -> bool {
        let b = text.as_bytes();
        memchr::memchr2_iter(b'S', b's', b).any(|i| {
            b.get(i..i + 8)
                .is_some_and(|w| w.eq_ignore_ascii_case(b"STARTTLS"))
        })
    }

    /// Classifies a `<` or `>` row from its data field alone (the row reader calls this before it
    /// builds a [`Row`], to tell quiet rows from those the rules read).
    pub fn classify_smtp(event: Event, data: &str) -> Meaning<'_> {
        let d = data.trim();
        let b = d.as_bytes();
        if b.len() >= 3 && b[..3].iter().all(u8::is_ascii_digit) {
            let code = &d[..3];
            let ext = d.get(4..9).unwrap_or("");
            match (code, ext) {
                ("421", "4.4.1") => return Meaning::Reply(Notable::ConnectionTimedOut),
                ("421", "4.4.2") => return Meaning::Reply(Notable::ConnectionDropped),
                ("451", "5.7.3") => return Meaning::Reply(Notable::StartTlsRequired),
                // RFC 3207 §4's reply to a command sent before STARTTLS (Postfix, Gmail: `530 5.7.0
                // Must issue a STARTTLS command first.`).
                ("530", _) if mentions_starttls(d) => {
                    return Meaning::Reply(Notable::StartTlsRequired)
                }
                // 454 4.7.0 is also RFC 3207's "TLS not available due to temporary reason"
                // (Postfix, sendmail refusing STARTTLS): only the authentication text is #17.
                ("454", "4.7.0") if mentions_auth(d) => {
                    return Meaning::Reply(Notable::TemporaryAuthFailure)
                }
                ("454", "4.7.5") => return Meaning::Reply(Notable::TlsRefusedByRemote),
                ("454", _) if !mentions_auth(d) && mentions_tls(d) => {
                    return Meaning::Reply(Notable::TlsNotAvailable)
                }
                ("535", _) => return Meaning::Reply(Notable::AuthFailed),
                _ => {}
            }
            if code == "250" {
                let rest = d.get(4..).unwrap_or("");
                if rest.eq_ignore_ascii_case("STARTTLS")
                    || (mentions_starttls(rest)
                        && rest
                            .split_whitespace()
                            .any(|w| w.eq_ignore_ascii_case("STARTTLS")))
                {
                    return Meaning::StartTlsAdvertised;
                }
                // The last line of an EHLO reply ("250 " not "250-") listing extensions.
                if b.get(3) == Some(&b' ')
                    && rest.len() > 40
                    && (rest.contains("PIPELINING") || rest.contains("ENHANCEDSTATUSCODES"))
                {
                    return Meaning::EhloReplyWithoutStartTls;
                }
                // The last row of an EHLO reply logged one line per row (`250 CHUNKING`).
                let word = rest.split([' ', '=']).next().unwrap_or("");
                if b.get(3) == Some(&b' ')
                    && rest.len() <= 80
                    && crate::log::events::EHLO_KEYWORDS
                        .iter()
                        .any(|k| k.eq_ignore_ascii_case(word))
                {
                    return Meaning::EhloReplyWithoutStartTls;
                }
            }
            if code == "220" && event == Event::Sent {
                if let Some(name) = d[3..].split_whitespace().next() {
                    if name.contains('.') && !name.starts_with('2') {
                        return Meaning::LocalBanner(name);
                    }
                }
            }
            return Meaning::Other;
        }
        if d.eq_ignore_ascii_case("STARTTLS") {
            return Meaning::StartTlsCommand;
        }
        if event == Event::Sent {
            if let Some(name) = d.strip_prefix("EHLO ").or_else(|| d.strip_prefix("ehlo ")) {
                return Meaning::LocalEhlo(name.trim());
            }
        }
        Meaning::Other
    }
}

pub mod collector {
    use std::collections::{HashMap, HashSet};
    use std::hash::{BuildHasherDefault, Hasher};

    use crate::limits;
    use crate::report::{Evidence, ObservedCertificate, SkipReason, TlsFailure};

    use super::events::{classify, Meaning};
    use super::lines::{Line, LineSplitter};
    use super::row::parse;
    use crate::log::cert_block::{CertIdentity, Role};
    use crate::log::columns::ColumnMap;
    use crate::log::csv::Span;
    use crate::log::facts::{
        ConnectorFacts, Direction, FailureCount, FailureFact, LogFacts, NotableLines,
        SeenCertificate,
    };
    use crate::log::row::{Event, Row};
    use crate::log::skip::Skip;

    /// FxHash (the rustc hasher: multiply-rotate per word). Session keys come from the log being
    /// read, not from an attacker who could aim collisions at them, and SipHash was a tenth of the
    /// run time; written here because it is ten lines and no crate is needed for it.
    #[derive(Default, Clone, Copy)]
    pub struct FxHasher(u64);

    impl Hasher for FxHasher {
        fn write(&mut self, bytes: &[u8]) {
            const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
            let mut chunks = bytes.chunks_exact(8);
            for c in &mut chunks {
                let mut w = [0u8; 8];
                w.copy_from_slice(c);
                self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
            }
            for &b in chunks.remainder() {
                self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
            }
        }
        fn finish(&self) -> u64 {
            self.0
        }
    }

    type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
    type FastSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

    #[derive(Debug, Default)]
    struct Session {
        notes: crate::catalogue::sessions::Notes,
        seq: u64,
        block: Option<OpenBlock>,
        /// Index into certificates of this session's own (sending) certificate.
        sending_certificate: Option<usize>,
        /// The session's first row time.
        start_unix: Option<i64>,
    }

    #[derive(Debug)]
    struct OpenBlock {
        role: Role,
        identity: CertIdentity,
        path: String,
        line: u64,
        date_time: Option<String>,
        unix: Option<i64>,
        evidence: Vec<Evidence>,
        direction: Direction,
        connector: String,
        session_id: String,
    }

    impl OpenBlock {
        fn new(
            role: Role,
            identity: CertIdentity,
            file: &FileState,
            number: u64,
            row: &Row<'_>,
            direction: Direction,
        ) -> Self {
            let unix = parse_time(&row.date_time());
            OpenBlock {
                role,
                identity,
                path: file.path.clone(),
                line: number,
                date_time: unix.map(|_| row.date_time().trim().to_string()),
                unix,
                evidence: Vec::new(),
                direction,
                connector: row.connector.to_string(),
                session_id: row.session.to_string(),
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
    }

    /// The streaming reader. Feed lines with [`LogCollector::push`]; read facts any time.
    #[derive(Debug, Default)]
    pub struct LogCollector {
        facts: LogFacts,
        sessions: FastMap<Box<str>, Session>,
        /// Keys of sessions already ended (bounded ring), so a session whose rows come back in a
        /// file read later is not counted twice.
        closed: FastSet<Box<str>>,
        closed_order: std::collections::VecDeque<Box<str>>,
        session_key: String,
        cert_index: HashMap<(Role, String, String), usize>,
        connector_index: FastMap<String, usize>,
        skipped: HashMap<Skip, u64>,
        current: Option<FileState>,
        next_seq: u64,
    }

    /// Key text that identifies a certificate across sessions: thumbprint, else issuer+subject+serial.
    fn identity_key(id: &CertIdentity) -> String {
        match &id.thumbprint {
            Some(t) => t.clone(),
            None => format!(
                "{}\u{1f}{}\u{1f}{}",
                id.issuer.as_deref().unwrap_or(""),
                id.subject.as_deref().unwrap_or(""),
                id.serial_number.as_deref().unwrap_or("")
            ),
        }
    }

    /// Parses a log timestamp (`2024-03-13T09:01:18.723Z`). Placeholders give `None`.
    pub fn parse_time(text: &str) -> Option<i64> {
        let t = text.trim();
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
            self.current = Some(FileState {
                path: path.to_string(),
                splitter: LineSplitter::new(),
                columns: ColumnMap::default(),
                unusable_header: false,
                direction: None,
                spans: Vec::with_capacity(12),
            });
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
            // Close blocks of sessions still open: a block ends at the end of its file's rows
            // unless the session continues in a later file, in which case it is reopened there.
            let mut keys: Vec<(u64, u64, Box<str>)> = self
                .sessions
                .iter()
                .filter_map(|(k, s)| Some((s.block.as_ref()?.line, s.seq, k.clone())))
                .collect();
            keys.sort();
            for (_, _, key) in keys {
                if let Some(mut session) = self.sessions.remove(&key) {
                    self.close_block(&mut session);
                    self.sessions.insert(key, session);
                }
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
            let (number, bytes, terminated) = match line {
                Line::Text {
                    number,
                    bytes,
                    terminated,
                } => (number, bytes, terminated),
                Line::TooLong { .. } => {
                    self.skip(Skip::LineTooLong);
                    return;
                }
            };
            if memchr::memchr(0, bytes).is_some() {
                self.skip(Skip::BinaryData);
                return;
            }
            // Invalid UTF-8 (a log re-saved by an editor as "ANSI") is read as Windows-1252.
            let text = crate::ansi::decode(bytes);
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
                Ok(row) => self.row(file, number, trimmed, &row),
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
            if let Some(&i) = self.connector_index.get(name) {
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

        fn row(&mut self, file: &mut FileState, number: u64, raw: &str, row: &Row<'_>) {
            let direction = file.direction.unwrap_or(if row.connector.contains('\\') {
                Direction::Receive
            } else {
                Direction::Send
            });
            // Session bookkeeping.
            self.session_key.clear();
            self.session_key.push_str(&row.connector);
            self.session_key.push('\u{1f}');
            self.session_key.push_str(&row.session);
            // One lookup: is the session known, and is a certificate block of it being read?
            let known = self
                .sessions
                .get(self.session_key.as_str())
                .map(|s| s.block.is_some());
            let has_block = known.unwrap_or(false);
            if known.is_none() {
                if self.sessions.len() >= limits::MAX_OPEN_SESSIONS {
                    // Drop the oldest open session (its disconnect row was never seen).
                    let oldest = self.sessions.iter().min_by_key(|(_, s)| s.seq);
                    if let Some(k) = oldest.map(|(k, _)| k.clone()) {
                        if let Some(mut s) = self.sessions.remove(&k) {
                            self.close_block(&mut s);
                            self.facts.summary.sessions_dropped_at_limit += 1;
                        }
                    }
                }
                let start_unix = parse_time(&row.date_time());
                self.next_seq += 1;
                self.sessions.insert(
                    self.session_key.clone().into_boxed_str(),
                    Session {
                        start_unix,
                        seq: self.next_seq,
                        ..Session::default()
                    },
                );
                if !self.closed.contains(self.session_key.as_str()) {
                    self.facts.summary.sessions += 1;
                    if let Some(c) = self.connector(&row.connector, direction) {
                        c.sessions += 1;
                    }
                }
            }
            let at = crate::catalogue::sessions::At {
                path: &file.path,
                line: number,
                raw,
            };
            if row.event != Event::Disconnect {
                let completed_unlogged = self
                    .sessions
                    .get_mut(self.session_key.as_str())
                    .is_some_and(|s| s.notes.row(row, direction, at, &mut Default::default()));
                if completed_unlogged {
                    if let Some(c) = self.connector(&row.connector, direction) {
                        c.succeeded(|| Self::evidence(file, number, raw));
                    }
                }
            }
            let meaning = classify(row);
            // Fast path: most rows mean nothing for TLS and end no session.
            if matches!(meaning, Meaning::Other) && row.event != Event::Disconnect && !has_block {
                if row.event == Event::Received && direction == Direction::Send {
                    self.remote_banner(row, direction);
                }
                return;
            }
            let Some(mut session) = self
                .sessions
                .get_mut(self.session_key.as_str())
                .map(std::mem::take)
            else {
                return;
            };
            match meaning {
                Meaning::CertField(field, value) => {
                    // Without a type row, KB 4051498's Send log names this server's own certificate.
                    let block = session.block.get_or_insert_with(|| {
                        OpenBlock::new(
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
                        block.evidence.push(Self::evidence(file, number, raw));
                    }
                }
                Meaning::CertTypeRow(role) => {
                    self.close_block(&mut session);
                    let mut block =
                        OpenBlock::new(role, CertIdentity::default(), file, number, row, direction);
                    block.evidence.push(Self::evidence(file, number, raw));
                    session.block = Some(block);
                }
                Meaning::CertOneRow(role, identity) => {
                    self.close_block(&mut session);
                    let mut block = OpenBlock::new(role, *identity, file, number, row, direction);
                    block.evidence.push(Self::evidence(file, number, raw));
                    session.block = Some(block);
                    self.close_block(&mut session);
                }
                other => {
                    self.close_block(&mut session);
                    self.event(file, number, raw, row, direction, &mut session, other);
                }
            }
            if row.event == Event::Disconnect {
                self.close_block(&mut session);
                std::mem::take(&mut session.notes).disconnect(
                    &mut self.facts.dropped_after_tls,
                    row,
                    direction,
                    at,
                    session.sending_certificate,
                    &mut Default::default(),
                );
                if let Some((k, _)) = self.sessions.remove_entry(self.session_key.as_str()) {
                    self.remember_closed(k);
                }
            } else if let Some(slot) = self.sessions.get_mut(self.session_key.as_str()) {
                *slot = session;
            }
        }

        fn remote_banner(&mut self, row: &Row<'_>, direction: Direction) {
            // Send logs: the remote's 220 banner names the remote host (Office 365 or not).
            let d = row.data.trim();
            if let Some(rest) = d.strip_prefix("220 ") {
                if let Some(name) = rest.split_whitespace().next() {
                    if let Some(c) = self.connector(&row.connector, direction) {
                        if c.remote_banners.len() < 4 && !c.remote_banners.iter().any(|b| b == name)
                        {
                            c.remote_banners.push(name.to_string());
                        }
                    }
                }
            }
        }

        /// Counts one failure in its (error, connector, certificate) group; new groups past
        /// `limits::MAX_TLS_FAILURE_GROUPS` are only in `failures_total`.
        fn count_failure(
            &mut self,
            error: &str,
            connector: &str,
            sending_certificate: Option<usize>,
        ) {
            let counts = &mut self.facts.failure_counts;
            if let Some(c) = counts.iter_mut().find(|c| {
                c.sending_certificate == sending_certificate
                    && c.error == error
                    && c.connector == connector
            }) {
                c.count += 1;
            } else if counts.len() < limits::MAX_TLS_FAILURE_GROUPS {
                counts.push(FailureCount {
                    error: error.to_string(),
                    created_at: None,
                    connector: connector.to_string(),
                    sending_certificate,
                    count: 1,
                });
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
                        let date_time = Some(row.date_time().to_string())
                            .filter(|_| parse_time(&row.date_time()).is_some());
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
                            session_unix: parse_time(&row.date_time()).or(session.start_unix),
                        });
                    }
                }
                Meaning::TlsSucceeded { protocol } => {
                    let ev = Self::evidence(file, number, raw);
                    if let Some(c) = self.connector(&row.connector, direction) {
                        c.tls_succeeded += 1;
                        if c.first_success.is_none() {
                            c.first_success = Some(ev.clone());
                        }
                        if !protocol.is_empty()
                            && !c.protocols.iter().any(|p| p == protocol)
                            && c.protocols.len() < 8
                        {
                            c.protocols.push(protocol.to_string());
                            c.protocol_evidence.push(ev);
                        }
                    }
                }
                Meaning::DomainCapabilities(text) => {
                    Self::count_distinct(
                        &mut self.facts.domain_capabilities,
                        text,
                        Self::evidence(file, number, raw),
                    );
                }
                Meaning::ChainValidation(text) => {
                    Self::count_distinct(
                        &mut self.facts.chain_statuses,
                        text,
                        Self::evidence(file, number, raw),
                    );
                }
                Meaning::Reply(kind) => {
                    let kind = kind.seen(row.event, direction);
                    let ev = Self::evidence(file, number, raw);
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
                        entry.evidence.push(ev.clone());
                    }
                    let server_side =
                        (row.event == Event::Received) == (direction == Direction::Send);
                    if kind.is_starttls_required() && server_side {
                        if let Some(c) = self.connector(&row.connector, direction) {
                            let lines = &mut c.starttls_required;
                            lines.count += 1;
                            if lines.evidence.len() < limits::MAX_EVIDENCE_PER_FINDING {
                                lines.evidence.push(ev);
                            }
                            crate::log::facts::remember_remote(
                                &mut c.starttls_required_remotes,
                                &row.remote_endpoint(),
                            );
                        }
                    }
                }
                Meaning::StartTlsAdvertised => {
                    if let Some(c) = self.connector(&row.connector, direction) {
                        c.starttls_advertised += 1;
                    }
                }
                Meaning::EhloReplyWithoutStartTls => {
                    let ev = Self::evidence(file, number, raw);
                    if let Some(c) = self.connector(&row.connector, direction) {
                        c.ehlo_without_starttls += 1;
                        if c.ehlo_without_starttls_evidence.is_none() {
                            c.ehlo_without_starttls_evidence = Some(ev);
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

        fn count_distinct(list: &mut Vec<(String, u64, Evidence)>, text: &str, ev: Evidence) {
            if let Some(entry) = list.iter_mut().find(|(t, _, _)| t == text) {
                entry.1 += 1;
            } else if list.len() < 32 {
                list.push((text.to_string(), 1, ev));
            }
        }

        fn remember_closed(&mut self, key: Box<str>) {
            if self.closed.contains(&key) {
                return;
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
            let Some(block) = session.block.take() else {
                return;
            };
            if block.identity.is_empty() {
                return;
            }
            let key = (
                block.role,
                block.connector.clone(),
                identity_key(&block.identity),
            );
            let index = match self.cert_index.get(&key) {
                Some(&i) => {
                    if let Some(seen) = self.facts.certificates.get_mut(i) {
                        seen.report.occurrences += 1;
                        if let Some(u) = block.unix {
                            seen.first_seen_unix =
                                Some(seen.first_seen_unix.map_or(u, |f| f.min(u)));
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
                        evidence: block.evidence,
                        direction: block.direction,
                        created_at: None,
                    });
                    let i = self.facts.certificates.len() - 1;
                    self.cert_index.insert(key, i);
                    Some(i)
                }
                None => None,
            };
            if block.role == Role::Sending {
                session.sending_certificate = index;
            }
        }
    }
}

/// The production reader and this reference give the same facts on every test input.
#[cfg(test)]
pub(crate) mod tests {
    use std::path::{Path, PathBuf};

    fn read_both(files: &[(String, Vec<u8>)], chunk: usize) -> (String, String) {
        let (new, old) = read_both_facts(files, chunk);
        (format!("{new:#?}"), format!("{old:#?}"))
    }

    fn read_both_facts(
        files: &[(String, Vec<u8>)],
        chunk: usize,
    ) -> (crate::log::LogFacts, crate::log::LogFacts) {
        let mut new = crate::log::LogCollector::new();
        let mut old = super::collector::LogCollector::new();
        for (path, bytes) in files {
            new.begin_file(path);
            old.begin_file(path);
            for piece in bytes.chunks(chunk.max(1)) {
                new.push(piece);
                old.push(piece);
            }
            new.end_file();
            old.end_file();
        }
        (new.facts(), old.facts())
    }

    fn assert_same(what: &str, files: &[(String, Vec<u8>)]) {
        for chunk in [1 << 20, 4096, 61, 7] {
            let (new, old) = read_both(files, chunk);
            if new != old {
                let at = new
                    .lines()
                    .zip(old.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or(0);
                let show = |s: &str| {
                    s.lines()
                        .skip(at.saturating_sub(3))
                        .take(8)
                        .collect::<Vec<_>>()
                        .join("\n")
                };
                panic!(
                    "{what}, {chunk}-byte slices: facts differ at line {at}\nnew:\n{}\nreference:\n{}",
                    show(&new),
                    show(&old)
                );
            }
        }
    }

    fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                files_under(&path, out);
            } else {
                out.push(path);
            }
        }
    }

    /// Every file of testdata/ and fuzz/corpus/ (logs, and the other inputs read as logs too).
    pub(crate) fn repo_files() -> Vec<(String, Vec<u8>)> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut paths = Vec::new();
        files_under(&root.join("testdata"), &mut paths);
        files_under(&root.join("fuzz/corpus"), &mut paths);
        paths.sort();
        paths
            .into_iter()
            .filter_map(|p| Some((p.display().to_string(), std::fs::read(&p).ok()?)))
            .collect()
    }

    pub(crate) fn is_log(bytes: &[u8]) -> bool {
        let head = &bytes[..bytes.len().min(4096)];
        memchr::memmem::find(head, b"#Fields").is_some()
            || memchr::memmem::find(head, b",*,").is_some()
            || memchr::memmem::find(head, b",<,").is_some()
    }

    #[test]
    fn every_testdata_and_fuzz_seed_file_gives_the_same_facts() {
        let files = repo_files();
        assert!(
            files.len() > 50,
            "testdata and fuzz seeds found: {}",
            files.len()
        );
        let logs = files.iter().filter(|(_, b)| is_log(b)).count();
        assert!(logs >= 8, "protocol logs among them: {logs}");
        for file in &files {
            assert_same(&file.0, std::slice::from_ref(file));
        }
        // All logs as one folder (sessions spanning files, certificates seen in several).
        let all: Vec<_> = files.into_iter().filter(|(_, b)| is_log(b)).collect();
        assert_same("all logs together", &all);
    }

    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n.max(1) as u64) as usize
        }
    }

    /// Bytes that change how a row reads: separators, quotes, blanks at line ends, NUL, bytes
    /// that are not UTF-8, a non-breaking space (Unicode whitespace), event markers, and the
    /// prefixes the rules look for.
    const NOISE: &[&[u8]] = &[
        b",",
        b"\"",
        b"\"\"",
        b" ",
        b"\t",
        b"\r",
        b"\n",
        b"\0",
        b"\xff",
        b"\xc3",
        b"\xc2\xa0",
        b"\xe2\x80\x83",
        b"<",
        b">",
        b"*",
        b"-",
        b"+",
        b"#",
        b"220 ",
        b"250 ",
        b"250-STARTTLS",
        b"EHLO ",
        b"helo ",
        b"STARTTLS",
        b"421 4.4.2",
        b"535 ",
        b"\\",
        b"TLS protocol ",
        b"negotiation succeeded",
        b"#Fields: event,session-id,connector-id,data,context\n",
        b"#Log-type: Receive\n",
    ];

    fn mutate(rng: &mut Rng, bytes: &[u8]) -> Vec<u8> {
        let mut out = bytes.to_vec();
        for _ in 0..1 + rng.below(12) {
            let at = rng.below(out.len() + 1);
            match rng.below(4) {
                0 => {
                    let noise = NOISE[rng.below(NOISE.len())];
                    out.splice(at..at, noise.iter().copied());
                }
                1 if at < out.len() => {
                    let end = (at + 1 + rng.below(12)).min(out.len());
                    out.drain(at..end);
                }
                2 if at < out.len() => out[at] = NOISE[rng.below(NOISE.len())][0],
                _ => {
                    // Repeat a line elsewhere (rows of a session after its disconnect, or in
                    // another session's block).
                    let start = memchr::memrchr(b'\n', &out[..at]).map_or(0, |p| p + 1);
                    let end = memchr::memchr(b'\n', &out[at..]).map_or(out.len(), |p| at + p + 1);
                    let line = out[start..end].to_vec();
                    let to = rng.below(out.len() + 1);
                    out.splice(to..to, line);
                }
            }
        }
        out
    }

    #[test]
    fn mutated_logs_give_the_same_facts() {
        let logs: Vec<_> = repo_files()
            .into_iter()
            .filter(|(_, b)| is_log(b))
            .collect();
        let mut rng = Rng(0x2545_F491_4F6C_DD1D);
        for round in 0..300 {
            let pick = rng.below(logs.len());
            let (path, bytes) = &logs[pick];
            let mut files = vec![(path.clone(), mutate(&mut rng, bytes))];
            if round % 3 == 0 {
                let (p2, b2) = &logs[rng.below(logs.len())];
                files.push((format!("{p2}#2"), mutate(&mut rng, b2)));
            }
            assert_same(&format!("round {round} ({path})"), &files);
        }
    }

    /// Generated sets (`super::super::genlog`, the benchmark's generator with `variety`: remote
    /// drops right after TLS, `421` replies, non-ASCII connectors): 20 sessions interleaved as
    /// in the benchmark, and 5000 at once, past the point where the reader stops taking its
    /// quiet path (4000 open sessions) and the session tracker starts dropping sessions (4096).
    #[test]
    fn generated_sets_give_the_same_facts() {
        for (total, file, open) in [(6 << 20, 1 << 20, 20), (16 << 20, 16 << 20, 5000)] {
            let mut generator = crate::log::genlog::Generator::new(total, file, open, true);
            let mut files = Vec::new();
            while let Some((name, bytes)) = generator.next_file() {
                files.push((name, bytes));
            }
            assert!(!files.is_empty());
            for chunk in [1 << 16, 4093] {
                let (facts, old_facts) = read_both_facts(&files, chunk);
                // The set has what the comparison is about: many sessions, certificates, TLS
                // failures, sessions dropped right after TLS.
                assert!(
                    facts.summary.lines > 20_000,
                    "lines: {}",
                    facts.summary.lines
                );
                assert!(
                    facts.summary.sessions > 500,
                    "sessions: {}",
                    facts.summary.sessions
                );
                assert!(facts.certificates.len() >= 2);
                assert!(facts.failures_total > 0);
                assert!(!facts.dropped_after_tls.is_empty());
                let (new, old) = (format!("{facts:#?}"), format!("{old_facts:#?}"));
                if new != old {
                    let at = new
                        .lines()
                        .zip(old.lines())
                        .position(|(a, b)| a != b)
                        .unwrap_or(0);
                    panic!(
                        "{open} open sessions, {chunk}-byte slices: facts differ at line {at}: {:?} vs {:?}",
                        new.lines().nth(at),
                        old.lines().nth(at)
                    );
                }
            }
        }
    }

    /// More sessions open at once than the reader keeps (`limits::MAX_OPEN_SESSIONS`): which
    /// sessions are dropped, and so which certificate blocks end there and in what order, is
    /// the same.
    #[test]
    fn sessions_past_the_open_limit_give_the_same_facts() {
        use std::fmt::Write;
        let n = crate::limits::MAX_OPEN_SESSIONS + 1500;
        let mut text = String::from("#Log-type: SMTP Send Protocol Log\r\n");
        for i in 0..n {
            let t = "2024-05-02T06:00:00.000Z";
            let _ = write!(text, "{t},C{},S{i},0,,,+,,\r\n", i % 3);
            if i % 5 == 0 {
                let _ = write!(
                    text,
                    "{t},C{},S{i},1,,,*,,Sending certificate\r\n{t},C{},S{i},2,,,*,CN=host{},Certificate subject\r\n",
                    i % 3,
                    i % 3,
                    i % 40
                );
            }
        }
        for i in (0..n).step_by(3) {
            let _ = write!(
                text,
                "2024-05-02T06:00:09.000Z,C{},S{i},9,,,-,,Local\r\n",
                i % 3
            );
        }
        let files = vec![("limit.LOG".to_string(), text.into_bytes())];
        let (new, old) = read_both_facts(&files, 1 << 16);
        assert!(new.summary.sessions_dropped_at_limit > 1000);
        assert!(new.certificates.len() >= 20, "{}", new.certificates.len());
        assert_eq!(format!("{new:#?}"), format!("{old:#?}"));
    }

    /// Session keys of every shape the reader packs or keeps as text: ids from empty to 40
    /// characters, in both cases, connector names longer than it interns (256 bytes) and more
    /// connectors than it interns (4096), interleaved so
    /// that no two rows in a row share a connector; sessions continue in a second file.
    #[test]
    fn session_keys_of_every_shape_give_the_same_facts() {
        use std::fmt::Write;
        let t = "2024-05-02T06:00:00.000Z";
        let mut files = Vec::new();
        for part in 0..2 {
            let mut text = String::from("#Log-type: SMTP Send Protocol Log\r\n");
            for i in 0..6000usize {
                let connector = match i % 11 {
                    // Longer than the reader interns.
                    0 => format!("Connector {} {}", i % 4500, "x".repeat(300)),
                    _ => format!("Connector {}", i % 4500),
                };
                let id = match i % 4 {
                    0 => format!("08DC6A{i:010X}"),
                    1 => format!("08dc6a{i:010x}"),
                    2 => "S".repeat(i % 41),
                    _ => format!("{i}-{}", "x".repeat(i % 30)),
                };
                let _ = write!(text, "{t},{connector},{id},{part},,,+,,\r\n");
                if i % 7 == 0 {
                    let _ = write!(
                        text,
                        "{t},{connector},{id},1,,,*,,Sending certificate\r\n{t},{connector},{id},2,,,*,CN=host{},Certificate subject\r\n",
                        i % 13
                    );
                }
                if part == 1 && i % 3 == 0 {
                    let _ = write!(text, "{t},{connector},{id},9,,,-,,Local\r\n");
                }
            }
            files.push((format!("SEND{part}.LOG"), text.into_bytes()));
        }
        let (new, old) = read_both_facts(&files, 1 << 16);
        assert_eq!(format!("{new:#?}"), format!("{old:#?}"));
        // Ids 2 and the empty one of shape 2 repeat across connectors only.
        assert!(new.summary.sessions > 5000, "{}", new.summary.sessions);
        assert!(new.certificates.len() >= 13, "{}", new.certificates.len());
    }

    /// Every open session keeps its TLS notes: 5000 sessions open at once (more than the 4096
    /// the notes were once capped at), each dropped by the remote right after TLS, are all
    /// counted.
    #[test]
    fn drops_after_tls_are_counted_with_thousands_of_sessions_open() {
        use std::fmt::Write;
        let t = "2024-05-02T06:00:00.000Z";
        let c = "EXCH01\\Default Frontend EXCH01";
        let mut text = String::from("#Log-type: SMTP Receive Protocol Log\r\n");
        for i in 0..5000 {
            let _ = write!(
                text,
                "{t},{c},08DC6B{i:010X},0,,,+,,\r\n{t},{c},08DC6B{i:010X},1,,,<,EHLO mail{i}.protection.outlook.com,\r\n"
            );
        }
        for i in 0..5000 {
            let _ = write!(
                text,
                "{t},{c},08DC6B{i:010X},2,,,*,,TLS protocol SP_PROT_TLS1_2_SERVER negotiation succeeded using bulk encryption algorithm CALG_AES_256\r\n"
            );
        }
        for i in 0..5000 {
            let _ = write!(
                text,
                "{t},{c},08DC6B{i:010X},3,,,-,,Remote(ConnectionReset)\r\n"
            );
        }
        let mut reader = crate::log::LogCollector::new();
        reader.begin_file("RECV.LOG");
        reader.push(text.as_bytes());
        reader.end_file();
        let facts = reader.facts();
        let counted: u64 = facts.dropped_after_tls.iter().map(|g| g.count).sum();
        assert_eq!(counted, 5000);
        assert_eq!(facts.dropped_after_tls.len(), 1);
        assert!(facts.dropped_after_tls[0].from_exchange_online());
    }

    /// A generated set (`cargo run --release -p tlsdoctor-cli --example genlog -- DIR 256`):
    /// `TLSDOCTOR_EQUIVALENCE_DIR=DIR cargo test --release -p tlsdoctor-core -- --ignored equivalence`.
    #[test]
    #[ignore = "needs a generated log set; see the doc comment"]
    fn equivalence_on_a_generated_set() {
        let dir = std::env::var("TLSDOCTOR_EQUIVALENCE_DIR").expect("TLSDOCTOR_EQUIVALENCE_DIR");
        let mut paths = Vec::new();
        files_under(Path::new(&dir), &mut paths);
        paths.sort();
        assert!(!paths.is_empty());
        let mut new = crate::log::LogCollector::new();
        let mut old = super::collector::LogCollector::new();
        for p in &paths {
            let bytes = std::fs::read(p).unwrap();
            let path = p.display().to_string();
            new.begin_file(&path);
            old.begin_file(&path);
            for piece in bytes.chunks(1 << 20) {
                new.push(piece);
                old.push(piece);
            }
            new.end_file();
            old.end_file();
        }
        let (n, o) = (new.facts(), old.facts());
        assert!(n.summary.lines > 1_000_000, "lines: {}", n.summary.lines);
        assert_eq!(format!("{n:#?}"), format!("{o:#?}"));
    }
}
