//! What each SMTP session did around TLS, for the catalogue: who the remote said it was
//! (`EHLO` on Receive logs, the `220` banner on Send logs), whether TLS was negotiated, and
//! whether the remote then dropped the session before any further SMTP command
//! (`-,,Remote(ConnectionReset)` right after `TLS protocol ... negotiation succeeded`).
//! Exchange Online does exactly that when it rejects the certificate it was given
//! (FAILURE-MODES #6). Sessions that end so are grouped (connector, remote name class, the
//! certificate this server sent) and counted: repeated drops are evidence, not noise.
//!
//! It also notes sessions that ended inside the TLS handshake ([`DropStage::DuringHandshake`]):
//! `STARTTLS` answered with `220`, then the disconnect row with no TLS result (neither
//! `TLS protocol ... negotiation succeeded` nor `TLS negotiation failed`) and no SMTP command
//! or reply in between, so the handshake never completed (FAILURE-MODES #11: the remote
//! hangs up on a TLS version or cipher it does not accept, `Remote(SocketError)`). Exchange
//! 2010, which logs no `negotiation succeeded` row, continues with `EHLO` after a handshake
//! that worked, which settles the session the same way.
//!
//! Fed by [`crate::log::LogCollector`], which keeps one [`Notes`] per open session and hands
//! it every row that can change it ([`Notes::wants`]); memory is bounded (open sessions and
//! groups capped).

use crate::log::collector::Direction;
use crate::log::events::{is_tls_success, row_message, trim};
use crate::log::row::{Event, Row};
use crate::report::Evidence;

/// At most this many groups of dropped sessions are kept (later ones are only counted).
pub const MAX_DROP_GROUPS: usize = 64;

/// Where in the session the drop happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum DropStage {
    /// Right after `TLS protocol ... negotiation succeeded`, before any further SMTP command
    /// (the remote rejected what it was given: FAILURE-MODES #6).
    AfterTls,
    /// After `STARTTLS` was answered with `220`, before any TLS result (the handshake never
    /// completed: FAILURE-MODES #11).
    DuringHandshake,
}

/// Sessions dropped right after TLS, or inside the TLS handshake, grouped.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct DropGroup {
    pub stage: DropStage,
    pub connector: String,
    pub direction: Direction,
    /// The remote's EHLO name (Receive) or banner name (Send), when logged.
    pub remote_name: Option<String>,
    /// Index into `LogFacts::certificates` of the certificate this server sent.
    pub sending_certificate: Option<usize>,
    /// How the session ended (`Remote(ConnectionReset)`).
    pub ending: String,
    pub count: u64,
    /// The TLS row, the EHLO row and the disconnect row of the first such session.
    pub evidence: Vec<Evidence>,
}

impl DropGroup {
    /// The remote is Exchange Online Protection (`*.outbound.protection.outlook.com` EHLO).
    pub fn from_exchange_online(&self) -> bool {
        self.remote_name.as_deref().is_some_and(is_exchange_online)
    }
}

/// `*.outbound.protection.outlook.com` / `*.mail.protection.outlook.com` (any case).
pub fn is_exchange_online(name: &str) -> bool {
    let n = name.trim().trim_end_matches('.').to_ascii_lowercase();
    n.ends_with(".protection.outlook.com") || n == "protection.outlook.com"
}

/// What one session did around TLS so far. The collector keeps one in each open session's
/// slot ([`crate::log::LogCollector`]), so it lives exactly as long as the session and is
/// reached without a lookup of its own.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Notes {
    remote_name: Option<String>,
    ehlo: Option<Box<Evidence>>,
    tls_ok: Option<Box<Evidence>>,
    after_tls: bool,
    /// The STARTTLS command was seen.
    starttls: bool,
    /// The `220` reply to STARTTLS.
    starttls_accepted: Option<Box<Evidence>>,
    /// The handshake's outcome is known: a TLS result row, or SMTP traffic after the `220`.
    handshake_settled: bool,
}

/// Is this `<`/`>` row an SMTP command (sent by the client: this server on Send logs, the
/// remote on Receive logs)?
fn is_command(event: Event, direction: Direction) -> bool {
    (event == Event::Sent) == (direction == Direction::Send)
}

/// `TLS protocol ... negotiation succeeded` (Exchange 2013+) or `TLS negotiation failed ...`.
pub fn is_tls_result(message: &str) -> bool {
    is_tls_success(message) || message.starts_with("TLS negotiation failed")
}

/// The first 1000 characters of `raw` (a copy of the bytes, not char by char).
fn first_chars(raw: &str, n: usize) -> &str {
    if raw.len() <= n {
        return raw;
    }
    match raw.char_indices().nth(n) {
        Some((i, _)) => raw.get(..i).unwrap_or(raw),
        None => raw,
    }
}

fn evidence(path: &str, line: u64, raw: &str) -> Evidence {
    Evidence {
        path: path.to_string(),
        line,
        text: first_chars(raw, 1000).to_string(),
    }
}

/// How many evidence boxes and names [`Spare`] keeps.
const SPARE: usize = 64;

/// The evidence boxes and remote names of ended sessions, for the next sessions' rows: their
/// texts are written into buffers that already exist. A log has a session every few dozen
/// rows and each keeps up to three rows and a name, nearly always to drop them at its end
/// (only the first sessions of a drop group are shown), so allocating them anew was a few
/// per cent of a log's time.
#[derive(Debug, Default)]
pub struct Spare {
    /// Boxed as [`Notes`] holds them, so the box is reused too.
    #[allow(clippy::vec_box)]
    evidence: Vec<Box<Evidence>>,
    names: Vec<String>,
}

impl Spare {
    /// The row at `at` as evidence, boxed: [`Notes`] moves with its session.
    fn evidence(&mut self, at: At<'_>) -> Option<Box<Evidence>> {
        Some(match self.evidence.pop() {
            Some(mut e) => {
                e.path.clear();
                e.path.push_str(at.path);
                e.line = at.line;
                e.text.clear();
                e.text.push_str(first_chars(at.raw, 1000));
                e
            }
            None => Box::new(evidence(at.path, at.line, at.raw)),
        })
    }

    /// `chars` collected into a string.
    fn name(&mut self, chars: impl Iterator<Item = char>) -> String {
        let mut name = self.names.pop().unwrap_or_default();
        name.clear();
        name.extend(chars);
        name
    }

    /// Takes back what an ended session's notes hold.
    fn recycle(&mut self, notes: Notes) {
        for e in [notes.ehlo, notes.tls_ok, notes.starttls_accepted]
            .into_iter()
            .flatten()
        {
            if self.evidence.len() < SPARE {
                self.evidence.push(e);
            }
        }
        if let Some(name) = notes.remote_name {
            if self.names.len() < SPARE {
                self.names.push(name);
            }
        }
    }
}

/// Where the session's row is: file, line number and the raw line (for evidence).
#[derive(Debug, Clone, Copy)]
pub struct At<'a> {
    pub path: &'a str,
    pub line: u64,
    pub raw: &'a str,
}

impl Notes {
    /// Adds `by` to the line numbers of the rows of file `path` kept here
    /// ([`crate::log::LogFacts::shift_lines`]).
    pub(crate) fn shift_lines(&mut self, path: &str, by: u64) {
        for e in [
            &mut self.ehlo,
            &mut self.tls_ok,
            &mut self.starttls_accepted,
        ]
        .into_iter()
        .flatten()
        {
            if e.path == path {
                e.line = e.line.saturating_add(by);
            }
        }
    }

    /// Would [`Notes::row`] change anything for this `<`/`>` row (`event` is `Sent` or
    /// `Received`; `d` its trimmed data, as bytes)? `false` lets the collector skip the row.
    /// On bytes: the prefixes compared are ASCII, so a byte prefix equals one exactly when the
    /// text's prefix (ending on a char boundary) does.
    pub fn wants(&self, event: Event, d: &[u8], direction: Direction) -> bool {
        if self.after_tls {
            return false;
        }
        if !self.handshake_settled {
            let command = is_command(event, direction);
            if self.starttls_accepted.is_some()
                || (command && !self.starttls && d.eq_ignore_ascii_case(b"STARTTLS"))
                || (!command && self.starttls && d.starts_with(b"220"))
            {
                return true;
            }
        }
        let tls_ok = self.tls_ok.is_some();
        match event {
            Event::Received if tls_ok => true,
            Event::Received if direction == Direction::Receive => d.get(..5).is_some_and(|h| {
                h.eq_ignore_ascii_case(b"EHLO ") || h.eq_ignore_ascii_case(b"HELO ")
            }),
            Event::Received => d.starts_with(b"220 ") && self.remote_name.is_none(),
            Event::Sent => direction == Direction::Send && tls_ok,
            _ => true,
        }
    }

    /// One row of the session other than its disconnect row. `true` when this row shows a
    /// TLS handshake completed that no result row reported: an SMTP command or reply after the
    /// `220` to `STARTTLS`, which only a finished handshake lets through (Exchange 2010 logs
    /// no `TLS protocol ... negotiation succeeded` row; a failed handshake ends the session
    /// or is logged as `TLS negotiation failed`, which settles it first).
    #[must_use]
    pub fn row(
        &mut self,
        row: &Row<'_>,
        direction: Direction,
        at: At<'_>,
        spare: &mut Spare,
    ) -> bool {
        let mut completed_unlogged = false;
        let data = trim(&row.data);
        // The message of an information row (`*`), read by both steps below.
        let message = match row.event {
            Event::Information => row_message(&row.data, &row.context),
            _ => "",
        };
        if !self.handshake_settled {
            match row.event {
                Event::Sent | Event::Received => {
                    if self.starttls_accepted.is_some() {
                        self.handshake_settled = true;
                        completed_unlogged = true;
                    } else if is_command(row.event, direction) {
                        self.starttls |= data.eq_ignore_ascii_case("STARTTLS");
                    } else if self.starttls && data.starts_with("220") {
                        self.starttls_accepted = spare.evidence(at);
                    }
                }
                Event::Information => self.handshake_settled = is_tls_result(message),
                _ => {}
            }
        }
        match row.event {
            Event::Received if direction == Direction::Receive => {
                if self.tls_ok.is_some() {
                    self.after_tls = true;
                } else if let Some(name) = data
                    .get(..5)
                    .filter(|h| h.eq_ignore_ascii_case("EHLO ") || h.eq_ignore_ascii_case("HELO "))
                    .and_then(|_| data.get(5..))
                {
                    self.remote_name = Some(spare.name(name.trim().chars().take(255)));
                    self.ehlo = spare.evidence(at);
                }
            }
            Event::Received => {
                if self.tls_ok.is_some() {
                    self.after_tls = true;
                } else if let Some(rest) = data.strip_prefix("220 ") {
                    if self.remote_name.is_none() {
                        self.remote_name = rest
                            .split_whitespace()
                            .next()
                            .map(|name| spare.name(name.chars()));
                    }
                }
            }
            Event::Sent if direction == Direction::Send && self.tls_ok.is_some() => {
                self.after_tls = true;
            }
            Event::Information if self.tls_ok.is_none() && is_tls_success(message) => {
                self.tls_ok = spare.evidence(at);
            }
            _ => {}
        }
        completed_unlogged
    }

    /// The session's disconnect row: a session that ended right after TLS or inside the
    /// handshake is counted in its group. `sending_certificate` is the certificate this server
    /// sent in the session. What the notes held goes back to `spare`.
    pub fn disconnect(
        self,
        groups: &mut Vec<DropGroup>,
        row: &Row<'_>,
        direction: Direction,
        at: At<'_>,
        sending_certificate: Option<usize>,
        spare: &mut Spare,
    ) {
        let notes = self;
        let ending = row_message(&row.data, &row.context);
        let stage = match (&notes.tls_ok, &notes.starttls_accepted) {
            (Some(tls), _) if !notes.after_tls && ending.starts_with("Remote") => {
                Some((DropStage::AfterTls, tls))
            }
            (None, Some(accepted)) if !notes.handshake_settled => {
                Some((DropStage::DuringHandshake, accepted))
            }
            _ => None,
        };
        if let Some((stage, tls)) = stage {
            let full = groups.len() >= MAX_DROP_GROUPS;
            let found = groups.iter_mut().find(|g| {
                g.stage == stage
                    && g.connector == row.connector
                    && g.sending_certificate == sending_certificate
                    && g.remote_name.as_deref().map(is_exchange_online)
                        == notes.remote_name.as_deref().map(is_exchange_online)
            });
            match found {
                Some(g) => g.count += 1,
                None if !full => {
                    let mut ev = Vec::new();
                    ev.extend(notes.ehlo.as_deref().cloned());
                    ev.push(Evidence::clone(tls));
                    ev.push(evidence(at.path, at.line, at.raw));
                    groups.push(DropGroup {
                        stage,
                        connector: row.connector.to_string(),
                        direction,
                        remote_name: notes.remote_name.clone(),
                        sending_certificate,
                        ending: ending.to_string(),
                        count: 1,
                        evidence: ev,
                    });
                }
                None => {}
            }
        }
        spare.recycle(notes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_chars_is_chars_take() {
        let texts = [
            String::new(),
            "abc".to_string(),
            "x".repeat(1000),
            "x".repeat(1001),
            "é".repeat(999),
            "é".repeat(1000),
            "é".repeat(1001),
            format!("{}中文", "a".repeat(998)),
            format!("{}中", "a".repeat(999)),
            format!("{}\u{1F600}b", "a".repeat(999)),
        ];
        for t in &texts {
            for n in [0, 1, 2, 999, 1000, 1001] {
                let want: String = t.chars().take(n).collect();
                assert_eq!(first_chars(t, n), want, "{n} chars of {} bytes", t.len());
            }
        }
    }

    /// A session's notes are written into the boxes and names an earlier session gave back
    /// (`Spare`), and its drop group shows its own rows and remote, never the earlier one's.
    #[test]
    fn spare_evidence_carries_the_new_sessions_rows() {
        use crate::log::columns::ColumnMap;
        use crate::log::row::parse;
        let mut spare = Spare::default();
        let mut groups = Vec::new();
        // Two Receive sessions that end right after TLS; Microsoft's Receive log field order
        // (learn.microsoft.com, "Protocol logging" in Exchange Server).
        for (session, remote, file) in [
            ("08DC6B0000000001", "first.fabrikam.com", "RECV1.LOG"),
            ("08DC6B0000000002", "second.tailspintoys.com", "RECV2.LOG"),
        ] {
            let rows = [
                format!("2024-05-02T08:00:00.000Z,EXCH01\\Default Frontend EXCH01,{session},1,10.0.0.1:25,198.51.100.7:4000,<,EHLO {remote},"),
                format!("2024-05-02T08:00:00.000Z,EXCH01\\Default Frontend EXCH01,{session},2,10.0.0.1:25,198.51.100.7:4000,<,STARTTLS,"),
                format!("2024-05-02T08:00:00.000Z,EXCH01\\Default Frontend EXCH01,{session},3,10.0.0.1:25,198.51.100.7:4000,>,220 2.0.0 SMTP server ready,"),
                format!("2024-05-02T08:00:00.000Z,EXCH01\\Default Frontend EXCH01,{session},4,10.0.0.1:25,198.51.100.7:4000,*,,\"TLS protocol SP_PROT_TLS1_2_SERVER negotiation succeeded using bulk encryption algorithm CALG_AES_256 with strength 256 bits, MAC hash algorithm CALG_SHA_384 with strength 384 bits and key exchange algorithm CALG_ECDHE with strength 384 bits\""),
            ];
            let end = format!("2024-05-02T08:00:01.000Z,EXCH01\\Default Frontend EXCH01,{session},5,10.0.0.1:25,198.51.100.7:4000,-,,Remote(SocketError)");
            let mut notes = Notes::default();
            let mut spans = Vec::new();
            for (i, raw) in rows.iter().enumerate() {
                let row = parse(raw, &ColumnMap::default(), &mut spans).unwrap();
                let at = At {
                    path: file,
                    line: i as u64 + 1,
                    raw,
                };
                let _ = notes.row(&row, Direction::Receive, at, &mut spare);
            }
            let row = parse(&end, &ColumnMap::default(), &mut spans).unwrap();
            let at = At {
                path: file,
                line: 5,
                raw: &end,
            };
            notes.disconnect(&mut groups, &row, Direction::Receive, at, None, &mut spare);
            // What the session held came back for the next one.
            assert_eq!((spare.evidence.len(), spare.names.len()), (3, 1));
        }
        // Different remotes, but neither is Exchange Online: one group, counted twice, with the
        // first session's rows (the group keeps its first sessions' evidence).
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].count, 2);
        assert_eq!(groups[0].remote_name.as_deref(), Some("first.fabrikam.com"));
        let ev = &groups[0].evidence;
        assert_eq!(ev.len(), 3);
        assert!(ev.iter().all(|e| e.path == "RECV1.LOG"), "{ev:?}");
        assert!(ev[0].text.contains("EHLO first.fabrikam.com"), "{ev:?}");
        // A session after that writes into the reused boxes: its own texts, not the earlier.
        let raw = "2024-05-02T08:00:02.000Z,EXCH01\\Default Frontend EXCH01,08DC6B0000000003,1,10.0.0.1:25,198.51.100.9:4000,<,EHLO third.wingtiptoys.com,";
        let mut spans = Vec::new();
        let row = parse(raw, &ColumnMap::default(), &mut spans).unwrap();
        let mut notes = Notes::default();
        let _ = notes.row(
            &row,
            Direction::Receive,
            At {
                path: "RECV3.LOG",
                line: 9,
                raw,
            },
            &mut spare,
        );
        assert_eq!(notes.remote_name.as_deref(), Some("third.wingtiptoys.com"));
        let ehlo = notes.ehlo.as_deref().unwrap();
        assert_eq!(
            (ehlo.path.as_str(), ehlo.line, ehlo.text.as_str()),
            ("RECV3.LOG", 9, raw)
        );
        assert_eq!(spare.evidence.len(), 2);
    }
}
