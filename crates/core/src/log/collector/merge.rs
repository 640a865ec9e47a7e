//! Two collectors that read consecutive groups of files side by side, made into the one that
//! reading all the files in order on one collector gives.
//!
//! A collector made with [`LogCollector::part`] reads the later group of files on another
//! thread while the first collector reads the earlier group; [`LogCollector::absorb`] then
//! merges the later one into the first. Its facts are what reading the later files after the
//! earlier ones on the first collector would have made them: counts add up, lists that keep the
//! first few of something keep them in file order, a certificate both groups name is one entry
//! (the earlier group's, with the occurrences of both and the wider time span), and the later
//! group's certificate indices are renumbered.
//!
//! That only holds when the later files read alone behaved as they would have after the
//! earlier ones, so `absorb` checks it first and refuses (changing nothing) when:
//! * a session the later group opened was still open at the end of the earlier group, or among
//!   the ended sessions the first collector remembers (it continues across the split, or its
//!   id came back: read in order it would be one session, not two);
//! * the open sessions of both together could have reached [`limits::MAX_OPEN_SESSIONS`];
//! * a capped list of the later group (certificates, connectors, failure groups, drop groups,
//!   TLS capability and chain texts) is full: past its cap it stopped counting what the first
//!   collector's entries would still count, or the merged list would pass its own cap.
//!
//! The caller then reads the later files again on the first collector: the answer is the same
//! either way, only the time differs. Sessions are compared by a 64-bit fingerprint of their
//! connector and id: two different sessions with the same fingerprint only cost a refusal.

use super::super::skip::Skip;
use super::LogFacts;
use super::{
    cert_key, limits, ConnectorFacts, FastMap, FastSet, LogCollector, Session, SessionKey,
};
use crate::catalogue::sessions::{is_exchange_online, DropGroup, Notes, MAX_DROP_GROUPS};
use std::hash::Hasher;

/// Sessions a part records before it gives up (8 bytes each: 16 MiB); a part that opened more
/// cannot be checked and is refused.
const MAX_PART_SESSIONS: usize = 1 << 21;

/// Texts kept per `TlsDomainCapabilities` / chain-status list (as in `count_distinct`).
const MAX_DISTINCT_TEXTS: usize = 32;

/// What a part records while it reads, for [`LogCollector::absorb`].
#[derive(Debug, Default)]
pub(super) struct PartRecord {
    /// Fingerprints of the sessions it opened ([`fingerprint`]).
    keys: Vec<u64>,
    /// It opened more than [`MAX_PART_SESSIONS`].
    overflow: bool,
    /// Most sessions open at once when one was opened.
    peak_open: usize,
    /// Sessions whose first row here was not a session's first (sequence number 0, else the
    /// connect row): most likely sessions that began in the files before, which make [`LogCollector::absorb`] refuse.
    continued: u64,
    buf: Vec<u8>,
}

impl PartRecord {
    /// A session is opened while `open` others are.
    pub(super) fn opened(&mut self, open: usize, connector: &str, session: &str, first: bool) {
        self.peak_open = self.peak_open.max(open);
        self.continued += u64::from(!first);
        if self.keys.len() >= MAX_PART_SESSIONS {
            self.overflow = true;
            return;
        }
        key_text(&mut self.buf, connector, session.as_bytes());
        self.keys.push(fingerprint(&self.buf));
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

/// Appends `later` to `list` up to `cap` entries.
fn extend_capped<T>(list: &mut Vec<T>, later: Vec<T>, cap: usize) {
    let room = cap.saturating_sub(list.len());
    list.extend(later.into_iter().take(room));
}

/// `later`'s facts of a connector added to `c`'s (the same connector, read before).
fn merge_connector(c: &mut ConnectorFacts, later: ConnectorFacts) {
    c.sessions += later.sessions;
    c.tls_succeeded += later.tls_succeeded;
    c.tls_failed += later.tls_failed;
    for (protocol, evidence) in later.protocols.into_iter().zip(later.protocol_evidence) {
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
    if c.first_success.is_none() {
        c.first_success = later.first_success;
    }
    c.starttls_advertised += later.starttls_advertised;
    c.ehlo_without_starttls += later.ehlo_without_starttls;
    if c.ehlo_without_starttls_evidence.is_none() {
        c.ehlo_without_starttls_evidence = later.ehlo_without_starttls_evidence;
    }
    c.starttls_required.count += later.starttls_required.count;
    extend_capped(
        &mut c.starttls_required.evidence,
        later.starttls_required.evidence,
        limits::MAX_EVIDENCE_PER_FINDING,
    );
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
        c.part = Some(Box::new(PartRecord {
            keys: state.keys,
            overflow: state.overflow,
            peak_open: state.peak_open,
            continued: state.continued,
            buf: Vec::new(),
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

    /// Sessions this part opened with a row that is not a session's first (sequence number 0,
    /// without that column the connect row `+`): a session
    /// that began in an earlier file (its rows continue here) looks like that, and makes
    /// [`LogCollector::absorb`] refuse; a caller may stop reading the part early when it sees
    /// them. Always 0 for a collector that is not a part.
    pub fn continued_sessions(&self) -> u64 {
        self.part.as_deref().map_or(0, |p| p.continued)
    }

    /// Merges `later` (a [`LogCollector::part`] that read the files after this one's) into this
    /// collector, so that it holds what reading those files after its own would have made of
    /// them. `false`, and this collector unchanged, when that cannot be shown (see the module
    /// documentation): the caller reads the later files here instead. Both must be between
    /// files.
    pub fn absorb(&mut self, later: LogCollector) -> bool {
        if !self.can_absorb(&later) {
            return false;
        }
        self.merge(later);
        true
    }

    fn can_absorb(&self, later: &LogCollector) -> bool {
        let Some(part) = later.part.as_deref() else {
            return false;
        };
        if part.overflow || self.current.is_some() || later.current.is_some() {
            return false;
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
        let mut key = String::new();
        let new_certificates = f
            .certificates
            .iter()
            .filter(|c| {
                cert_key(&mut key, c.role, &c.report.connector, &c.identity);
                !self.cert_index.contains_key(key.as_str())
            })
            .count();
        let new_connectors = f
            .connectors
            .iter()
            .filter(|c| !self.connector_index.contains_key(c.name.as_str()))
            .count();
        self.facts.certificates.len() + new_certificates <= limits::MAX_OBSERVED_CERTIFICATES
            && self.facts.connectors.len() + new_connectors <= limits::MAX_CONNECTORS
    }

    /// [`LogCollector::absorb`] once checked.
    fn merge(&mut self, mut later: LogCollector) {
        let facts = std::mem::take(&mut later.facts);
        // Certificates: one entry per identity, the earlier one kept; `remap` gives the later
        // indices their place here.
        let mut remap = Vec::with_capacity(facts.certificates.len());
        let mut key = std::mem::take(&mut self.cert_key);
        for seen in facts.certificates {
            cert_key(&mut key, seen.role, &seen.report.connector, &seen.identity);
            let index = match self.cert_index.get(key.as_str()) {
                Some(&i) => {
                    if let Some(mine) = self.facts.certificates.get_mut(i) {
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
                    i
                }
                None => {
                    self.facts.certificates.push(seen);
                    let i = self.facts.certificates.len() - 1;
                    self.cert_index.insert(key.clone(), i);
                    i
                }
            };
            remap.push(index);
        }
        self.cert_key = key;
        let map = |i: Option<usize>| i.and_then(|i| remap.get(i).copied());

        let mine = &mut self.facts;
        for mut failure in facts.failures {
            if mine.failures.len() >= limits::MAX_TLS_FAILURES_LISTED {
                break;
            }
            failure.sending_certificate = map(failure.sending_certificate);
            mine.failures.push(failure);
        }
        mine.failures_total += facts.failures_total;
        for mut count in facts.failure_counts {
            count.sending_certificate = map(count.sending_certificate);
            if let Some(c) = mine.failure_counts.iter_mut().find(|c| {
                c.sending_certificate == count.sending_certificate
                    && c.error == count.error
                    && c.connector == count.connector
            }) {
                c.count += count.count;
            } else if mine.failure_counts.len() < limits::MAX_TLS_FAILURE_GROUPS {
                mine.failure_counts.push(count);
            }
        }
        for c in facts.connectors {
            match self.connector_index.get(c.name.as_str()) {
                Some(&i) => {
                    if let Some(m) = mine.connectors.get_mut(i) {
                        merge_connector(m, c);
                    }
                }
                None => {
                    self.connector_index
                        .insert(c.name.clone(), mine.connectors.len());
                    mine.connectors.push(c);
                }
            }
        }
        for (kind, lines) in facts.notable {
            match mine.notable.iter_mut().find(|(k, _)| *k == kind) {
                Some((_, m)) => {
                    m.count += lines.count;
                    extend_capped(
                        &mut m.evidence,
                        lines.evidence,
                        limits::MAX_EVIDENCE_PER_FINDING,
                    );
                }
                None => mine.notable.push((kind, lines)),
            }
        }
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
        // the order they were opened; the ended ones it remembers are remembered here.
        let later_names = names_of(&later.connector_ids);
        let open_here = self.sessions.len();
        let base = self.next_seq;
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
            let seq = base + seq;
            let slot = self.new_slot(Session {
                sending_certificate: map(taken.sending_certificate),
                seq,
                ..taken
            });
            self.sessions.insert(new_key.clone(), slot);
            self.created.push_back((new_key, seq));
        }
        for key in std::mem::take(&mut later.closed_order) {
            if let Some((connector, session)) = key_parts(&key, &later_names) {
                let session = String::from_utf8_lossy(&session).into_owned();
                let new_key = self.key_of(connector, &session);
                self.remember_closed(new_key);
            }
        }
        self.next_seq = base + later.next_seq;
        self.sweep_created();
        if let (Some(mine), Some(theirs)) = (self.part.as_deref_mut(), later.part.as_deref()) {
            mine.peak_open = mine.peak_open.max(open_here + theirs.peak_open);
            mine.overflow |= theirs.overflow;
            mine.continued += theirs.continued;
            let room = MAX_PART_SESSIONS.saturating_sub(mine.keys.len());
            if theirs.keys.len() > room {
                mine.overflow = true;
            }
            mine.keys.extend(theirs.keys.iter().take(room));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::LogCollector;
    use crate::log::genlog::Generator;
    use crate::log::reference::tests::{is_log, repo_files};

    type File = (String, Vec<u8>);

    fn feed(c: &mut LogCollector, files: &[File]) {
        for (name, bytes) in files {
            c.begin_file(name);
            // Two slices, so lines are also cut at a slice boundary.
            let (a, b) = bytes.split_at(bytes.len() / 2);
            c.push(a);
            c.push(b);
            c.end_file();
        }
    }

    fn facts(c: &LogCollector) -> String {
        format!("{:#?}", c.facts())
    }

    /// Reads `files[..k]` on one collector and `files[k..]` on a part, absorbs the part (or,
    /// refused, reads the later files on the first collector), then reads `then`. Gives the
    /// facts and whether the part was taken, and checks that a refusal changed nothing.
    fn split(files: &[File], k: usize, then: &[File]) -> (String, bool) {
        let (early, late) = files.split_at(k);
        let mut first = LogCollector::new();
        feed(&mut first, early);
        let mut part = LogCollector::part();
        feed(&mut part, late);
        // The part as the page moves it between workers: plain data, as JSON bytes.
        let bytes =
            serde_json::to_vec(&part.to_part_state().expect("a part between files")).expect("json");
        let state = serde_json::from_slice(&bytes).expect("read back");
        let mut again = LogCollector::new();
        feed(&mut again, early);
        let taken_again = again.absorb(LogCollector::from_part_state(state));
        let before = facts(&first);
        let taken = first.absorb(part);
        assert_eq!(taken_again, taken);
        if taken {
            feed(&mut again, then);
            let mut direct = LogCollector::new();
            std::mem::swap(&mut direct, &mut first);
            feed(&mut direct, then);
            assert_eq!(facts(&again), facts(&direct), "part moved as bytes");
            return (facts(&direct), true);
        }
        if !taken {
            assert_eq!(
                facts(&first),
                before,
                "a refused part changed the collector"
            );
            feed(&mut first, late);
        }
        feed(&mut first, then);
        (facts(&first), taken)
    }

    fn sequential(files: &[File]) -> String {
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

    const HEADER: &str = "#Software: Microsoft Exchange Server\r\n#Version: 15.0.0.0\r\n#Log-type: SMTP Send Protocol Log\r\n#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context\r\n";

    fn log(rows: &[&str]) -> Vec<u8> {
        let mut s = HEADER.to_string();
        for r in rows {
            s.push_str(r);
            s.push_str("\r\n");
        }
        s.into_bytes()
    }

    /// A session that begins in one file and ends in the next (KB 4495258's failure row in the
    /// second) is one session read in order: the part that read the second file alone saw it
    /// as a new one, so it is refused, and said so before the merge.
    #[test]
    fn a_session_continued_across_the_split_is_refused() {
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
        assert!(!taken);
        assert_eq!(merged, sequential(&files));
        assert!(merged.contains("sessions: 1,"), "{merged}");
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
}
