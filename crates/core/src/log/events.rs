//! What a protocol-log row means for TLS, recognised from its event, data and context.
//!
//! Row texts as Exchange writes them (seen in KB 4495258, KB 4051498 and published
//! SmtpReceive/SmtpSend excerpts):
//! * `*,,TLS negotiation failed with error NoCredentials` — the SSPI status name after `error`.
//! * `*,,"TLS protocol SP_PROT_TLS1_2_SERVER negotiation succeeded using bulk encryption algorithm
//!   CALG_AES_128 with strength 128 bits, MAC hash algorithm ..."`.
//! * `*,,TlsDomainCapabilities='None'; Status='NoRemoteCertificate'`.
//! * `*,,Client certificate chain validation status: 'EmptyCertificate'`.
//! * `*,,Inbound AUTH LOGIN failed because of LogonDenied`.
//! * `<`/`>` SMTP replies: `421 4.4.1 ...`, `421 4.4.2 ... SocketError`, `451 5.7.3 STARTTLS is
//!   required to send mail`, `454 4.7.0 Temporary authentication failure`, `454 4.7.5 ...`,
//!   `535 5.7.3 Authentication unsuccessful`; `250-STARTTLS` or one `250 ... STARTTLS ...` line.
//!
//! Hand-written rather than a `nom` grammar: see the module notes of [`crate::log`] (this runs for
//! every row of the log).

use std::sync::LazyLock;

use memchr::memmem::Finder;

use super::cert_block::{parse_one_row, CertIdentity, Field, Role};
use super::facts::Direction;
use super::row::{Event, Row};

/// Kinds of SMTP replies and other lines worth showing as evidence.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Notable {
    /// `421 4.4.1` connection timed out (KB 4495258's queue error).
    ConnectionTimedOut,
    /// `421 4.4.2` connection dropped.
    ConnectionDropped,
    /// `451 5.7.3 STARTTLS is required`, from the remote server (this server was the client).
    StartTlsRequired,
    /// `451 5.7.3 STARTTLS is required` sent by this server to a client (a `>` row of a Receive
    /// log): this server demands TLS and the client went on without it. The reader turns
    /// [`Notable::StartTlsRequired`] into this one by the row's direction.
    StartTlsDemandedOfClient,
    /// `454 4.7.0` temporary authentication failure.
    TemporaryAuthFailure,
    /// `454 4.7.5` certificate validation / TLS failure reported by the remote.
    TlsRefusedByRemote,
    /// `454` / `454 4.7.0` "TLS not available" (RFC 3207 §4: the remote will not start TLS).
    TlsNotAvailable,
    /// `535` / `Inbound AUTH ... failed because of ...`.
    AuthFailed,
}

impl Notable {
    /// The kind of a reply of kind `self` on a row of `event` in a log of `direction`: a
    /// `451 5.7.3` this server sent on a Receive connector is its own demand.
    pub fn seen(self, event: Event, direction: Direction) -> Notable {
        match (self, event, direction) {
            (Notable::StartTlsRequired, Event::Sent, Direction::Receive) => {
                Notable::StartTlsDemandedOfClient
            }
            (kind, _, _) => kind,
        }
    }

    /// Is this a `451 5.7.3` from the SMTP server of the session (the remote on a Send
    /// connector, this server on a Receive connector)?
    pub fn is_starttls_required(self) -> bool {
        matches!(
            self,
            Notable::StartTlsRequired | Notable::StartTlsDemandedOfClient
        )
    }

    pub const ALL: [Notable; 8] = [
        Notable::ConnectionTimedOut,
        Notable::ConnectionDropped,
        Notable::StartTlsRequired,
        Notable::StartTlsDemandedOfClient,
        Notable::TemporaryAuthFailure,
        Notable::TlsRefusedByRemote,
        Notable::TlsNotAvailable,
        Notable::AuthFailed,
    ];
}

/// The meaning of one row, for TLS diagnosis. Most rows mean nothing ([`Meaning::Other`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Meaning<'a> {
    CertTypeRow(Role),
    CertField(Field, &'a str),
    CertOneRow(Role, Box<CertIdentity>),
    TlsFailed {
        error: &'a str,
    },
    TlsSucceeded {
        protocol: &'a str,
    },
    DomainCapabilities(&'a str),
    ChainValidation(&'a str),
    Reply(Notable),
    StartTlsAdvertised,
    /// An EHLO reply without STARTTLS (the last line of the reply: `250 ...`).
    EhloReplyWithoutStartTls,
    StartTlsCommand,
    /// `EHLO <name>` sent by this server (Send logs): the name it identifies as.
    LocalEhlo(&'a str),
    /// `220 <name> ...` banner sent by this server (Receive logs).
    LocalBanner(&'a str),
    Other,
}

const TLS_FAILED: &str = "TLS negotiation failed with error ";

/// `text.trim()`, without decoding characters at either end when both end bytes are ASCII and
/// not blank (the common case: then `trim` would remove nothing, as no Unicode white space
/// starts or ends with an ASCII byte).
#[inline]
pub fn trim(text: &str) -> &str {
    match text.as_bytes() {
        [first, .., last] | [first @ last]
            if first.is_ascii()
                && last.is_ascii()
                && !first.is_ascii_whitespace()
                && !last.is_ascii_whitespace()
                && *first != 0x0b
                && *last != 0x0b =>
        {
            text
        }
        [] => text,
        _ => text.trim(),
    }
}

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

/// The message of a `*` or `-` row, trimmed: its context, or its data when the context is blank
/// (Exchange puts the message in `context` with empty data; excerpts sometimes shift it).
pub fn row_message<'a>(data: &'a str, context: &'a str) -> &'a str {
    let context = trim(context);
    if context.is_empty() {
        trim(data)
    } else {
        context
    }
}

/// `TLS protocol ... negotiation succeeded` (Exchange 2013+): the row message of a handshake
/// that worked.
pub fn is_tls_success(message: &str) -> bool {
    message.starts_with("TLS protocol ") && says_negotiation_succeeded(message)
}

fn classify_information<'a>(data: &'a str, context: &'a str) -> Meaning<'a> {
    let m = row_message(data, context);
    // Dispatch on the first letter: this runs for every `*` row of a multi-gigabyte log.
    match m.as_bytes().first().map(u8::to_ascii_uppercase) {
        Some(b'S') | Some(b'R') => {
            if let Some(role) = Role::from_type_row(m) {
                if trim(data).is_empty() || m == trim(data) {
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
                if says_negotiation_succeeded(rest) {
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
fn mentions_starttls(text: &str) -> bool {
    // Every eighth byte is looked at: an 8-byte occurrence covers one of them, at some offset
    // `k` of the word, so only windows that put a matching letter there are compared.
    const WORD: &[u8; 8] = b"starttls";
    const LOWER: u64 = 0x2020_2020_2020_2020;
    let b = text.as_bytes();
    let mut j = 0;
    while let Some(&byte) = b.get(j) {
        let c = byte | 0x20;
        // The offsets of this letter in the word.
        let offsets: &[usize] = match c {
            b's' => &[0, 7],
            b't' => &[1, 4, 5],
            b'a' => &[2],
            b'r' => &[3],
            b'l' => &[6],
            _ => &[],
        };
        for &k in offsets {
            if let Some(window) = j.checked_sub(k).and_then(|i| b.get(i..i + 8)) {
                // One 8-byte compare: setting bit 5 lowers exactly the letters' capitals, and
                // only `S`/`s` become `s` (and so on), so this is `eq_ignore_ascii_case`.
                let mut w = [0u8; 8];
                w.copy_from_slice(window);
                if u64::from_le_bytes(w) | LOWER == u64::from_le_bytes(*WORD) {
                    return true;
                }
            }
        }
        j += 8;
    }
    false
}

/// `text` has `STARTTLS` (any case) as a whole blank-separated word: what
/// `text.split_whitespace().any(|w| w.eq_ignore_ascii_case("STARTTLS"))` says, without
/// splitting: an occurrence whose neighbouring characters (if any) are white space. The word is
/// ASCII, so its ends are char boundaries.
fn starttls_word(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr2_iter(b'S', b's', b).any(|i| {
        b.get(i..i + 8)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"STARTTLS"))
            && text
                .get(..i)
                .and_then(|t| t.chars().next_back())
                .is_none_or(char::is_whitespace)
            && text
                .get(i + 8..)
                .and_then(|t| t.chars().next())
                .is_none_or(char::is_whitespace)
    })
}

/// Searchers for the fixed texts looked for in rows of every session, built once: `str::contains`
/// sets up a new searcher on each call (a tenth of the time of a log's `*` and `250` rows in the
/// WebAssembly build).
static NEGOTIATION_SUCCEEDED: LazyLock<Finder<'static>> =
    LazyLock::new(|| Finder::new("negotiation succeeded"));
static PIPELINING: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("PIPELINING"));
static ENHANCEDSTATUSCODES: LazyLock<Finder<'static>> =
    LazyLock::new(|| Finder::new("ENHANCEDSTATUSCODES"));

/// `text.contains("negotiation succeeded")`.
pub fn says_negotiation_succeeded(text: &str) -> bool {
    NEGOTIATION_SUCCEEDED.find(text.as_bytes()).is_some()
}

/// Does the reply text say "auth" (any case)? (`454 4.7.0 Temporary authentication failure`.)
/// The text names TLS (`TLS not available due to temporary reason`), in any case.
fn mentions_tls(text: &str) -> bool {
    text.as_bytes()
        .windows(3)
        .any(|w| w.eq_ignore_ascii_case(b"tls"))
}

fn mentions_auth(text: &str) -> bool {
    text.as_bytes()
        .windows(4)
        .any(|w| w.eq_ignore_ascii_case(b"auth"))
}

/// ESMTP extension keywords (RFC 5321 and the IANA registry, Exchange's own `X...` verbs) that
/// end an EHLO reply logged one line per row.
pub(crate) const EHLO_KEYWORDS: &[&str] = &[
    "8BITMIME",
    "AUTH",
    "BINARYMIME",
    "CHUNKING",
    "DELIVERBY",
    "DSN",
    "ENHANCEDSTATUSCODES",
    "ETRN",
    "LIMITS",
    "MT-PRIORITY",
    "MTRK",
    "PIPELINING",
    "REQUIRETLS",
    "SIZE",
    "SMTPUTF8",
    "VRFY",
    "X-ANONYMOUSTLS",
    "X-EXPS",
    "X-LINK2STATE",
    "XCLIENT",
    "XEXCH50",
    "XFORWARD",
    "XLONGADDR",
    "XOORG",
    "XORGID",
    "XPROXY",
    "XPROXYFROM",
    "XPROXYTO",
    "XRDST",
    "XSESSIONPARAMS",
    "XSHADOW",
    "XSHADOWREQUEST",
    "XSYSPROBE",
];

/// `rest` (a `250 ` row's text) is a single ESMTP extension line: a known keyword, then at most
/// its parameters (`CHUNKING`, `SIZE 36700160`, `AUTH NTLM`, `AUTH=LOGIN`).
fn is_last_extension_line(rest: &str) -> bool {
    // Most `250 ` rows are `250 2.1.0 Sender OK` or `250 host Hello`: no keyword starts with a
    // digit but `8BITMIME`, holds a dot or is longer than `ENHANCEDSTATUSCODES`; those rows are
    // let go before the list is walked (every accepted reply comes here).
    if rest.len() > 80
        || !matches!(
            rest.as_bytes().first(),
            Some(b'8' | b'A'..=b'Z' | b'a'..=b'z')
        )
    {
        return false;
    }
    let end = rest
        .bytes()
        .position(|b| b == b' ' || b == b'=')
        .unwrap_or(rest.len());
    let word = rest.get(..end).unwrap_or("");
    word.len() <= 19
        && !word.contains('.')
        && EHLO_KEYWORDS.iter().any(|k| k.eq_ignore_ascii_case(word))
}

/// Classifies a `<` or `>` row from its data field alone (the row reader calls this before it
/// builds a [`Row`], to tell quiet rows from those the rules read).
pub fn classify_smtp(event: Event, data: &str) -> Meaning<'_> {
    let d = trim(data);
    let b = d.as_bytes();
    if b.len() >= 3 && b[..3].iter().all(u8::is_ascii_digit) {
        let code = &d[..3];
        let ext = d.get(4..9).unwrap_or("");
        // Every code below is a 4xx or 5xx: the 2xx and 3xx replies (most rows) skip them.
        let failure = matches!(b[0], b'4' | b'5');
        match (code, ext) {
            _ if !failure => {}
            ("421", "4.4.1") => return Meaning::Reply(Notable::ConnectionTimedOut),
            ("421", "4.4.2") => return Meaning::Reply(Notable::ConnectionDropped),
            ("451", "5.7.3") => return Meaning::Reply(Notable::StartTlsRequired),
            // RFC 3207 §4's reply to a command sent before STARTTLS (Postfix, Gmail: `530 5.7.0
            // Must issue a STARTTLS command first.`).
            ("530", _) if mentions_starttls(d) => return Meaning::Reply(Notable::StartTlsRequired),
            // 454 4.7.0 is also RFC 3207's "TLS not available due to temporary reason"
            // (Postfix, sendmail refusing STARTTLS): only the authentication text is #17.
            ("454", "4.7.0") if mentions_auth(d) => {
                return Meaning::Reply(Notable::TemporaryAuthFailure)
            }
            ("454", "4.7.5") => return Meaning::Reply(Notable::TlsRefusedByRemote),
            // RFC 3207 §4's reply to STARTTLS, with or without an enhanced code.
            ("454", _) if !mentions_auth(d) && mentions_tls(d) => {
                return Meaning::Reply(Notable::TlsNotAvailable)
            }
            ("535", _) => return Meaning::Reply(Notable::AuthFailed),
            _ => {}
        }
        if code == "250" {
            let rest = d.get(4..).unwrap_or("");
            if rest.eq_ignore_ascii_case("STARTTLS")
                || (mentions_starttls(rest) && starttls_word(rest))
            {
                return Meaning::StartTlsAdvertised;
            }
            // The last line of an EHLO reply ("250 " not "250-") listing extensions.
            if b.get(3) == Some(&b' ')
                && rest.len() > 40
                && (PIPELINING.find(rest.as_bytes()).is_some()
                    || ENHANCEDSTATUSCODES.find(rest.as_bytes()).is_some())
            {
                return Meaning::EhloReplyWithoutStartTls;
            }
            // The last row of an EHLO reply logged one line per row (`250-host Hello [...]`,
            // `250-SIZE`, ..., `250 CHUNKING`): Exchange 2007/2010 Receive logs, and the remote's
            // reply in Send logs. A row alone cannot tell whether an earlier `250-STARTTLS` row
            // of the same reply offered it; the rules read this only for connectors where no
            // reply offered STARTTLS at all.
            if b.get(3) == Some(&b' ') && is_last_extension_line(rest) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::log::columns::ColumnMap;
    use crate::log::row::parse;

    fn meaning_of(line: &str) -> String {
        let mut spans = Vec::new();
        let row = parse(line, &ColumnMap::default(), &mut spans).unwrap();
        format!("{:?}", classify(&row))
    }

    /// RFC 3207 §4's refusal, with and without an enhanced code, is told apart from the AUTH
    /// failure that shares `454 4.7.0` and from `454 4.7.5`.
    #[test]
    fn replies_454() {
        for (data, want) in [
            (
                "454 4.7.0 TLS not available due to temporary reason",
                Notable::TlsNotAvailable,
            ),
            (
                "454 TLS not available due to temporary reason",
                Notable::TlsNotAvailable,
            ),
            ("454 4.7.0 tls not available", Notable::TlsNotAvailable),
            (
                "454 4.7.0 Temporary authentication failure",
                Notable::TemporaryAuthFailure,
            ),
            (
                "454 4.7.5 Certificate validation failure",
                Notable::TlsRefusedByRemote,
            ),
        ] {
            assert_eq!(
                classify_smtp(Event::Received, data),
                Meaning::Reply(want),
                "{data}"
            );
        }
        assert_eq!(
            classify_smtp(Event::Received, "454 4.3.0 Try again later"),
            Meaning::Other
        );
    }

    /// The last row of an EHLO reply logged one line per row (Exchange 2010, Send logs), and
    /// rows that only look alike.
    #[test]
    fn last_row_of_a_row_per_line_ehlo_reply() {
        for data in [
            "250 CHUNKING",
            "250 XSHADOW",
            "250 SIZE 52428800",
            "250 AUTH=LOGIN",
            "250 8bitmime",
        ] {
            assert_eq!(
                classify_smtp(Event::Sent, data),
                Meaning::EhloReplyWithoutStartTls,
                "{data}"
            );
        }
        for data in [
            "250 STARTTLS",
            "250-CHUNKING",
            "250 OK",
            "250 2.0.0 OK",
            "250 2.1.0 Sender OK",
            "250 mail.contoso.com Hello [10.0.0.1]",
        ] {
            assert_ne!(
                classify_smtp(Event::Sent, data),
                Meaning::EhloReplyWithoutStartTls,
                "{data}"
            );
        }
    }

    #[test]
    fn tls_outcomes() {
        assert_eq!(
            meaning_of("Date/Time.ConnectorId,Outbound to Office 365,SessionId,22,192.168.0.78:28252,172.167.38.36:25,*,,TLS negotiation failed with error NoCredentials"),
            "TlsFailed { error: \"NoCredentials\" }"
        );
        assert_eq!(
            meaning_of("t,c,s,21,a,b,*,,TLS negotiation failed with error UnknownCredentials."),
            "TlsFailed { error: \"UnknownCredentials\" }"
        );
        assert_eq!(
            meaning_of("t,c,s,7,a,b,*,,\"TLS protocol SP_PROT_TLS1_2_SERVER negotiation succeeded using bulk encryption algorithm CALG_AES_128 with strength 128 bits, MAC hash algorithm CALG_SHA_256 with strength 0 bits\""),
            "TlsSucceeded { protocol: \"SP_PROT_TLS1_2_SERVER\" }"
        );
        assert_eq!(
            meaning_of(
                "t,c,s,10,a,b,*,,TlsDomainCapabilities='None'; Status='NoRemoteCertificate'"
            ),
            "DomainCapabilities(\"TlsDomainCapabilities='None'; Status='NoRemoteCertificate'\")"
        );
        assert_eq!(
            meaning_of(
                "t,c,s,9,a,b,*,,Client certificate chain validation status: 'EmptyCertificate'"
            ),
            "ChainValidation(\"EmptyCertificate\")"
        );
    }

    #[test]
    fn certificate_rows() {
        assert_eq!(
            meaning_of("t,c,s,16,a,b,*,,Sending certificate"),
            "CertTypeRow(Sending)"
        );
        assert_eq!(
            meaning_of("t,c,s,16,a,b,*,,Remote certificate"),
            "CertTypeRow(Remote)"
        );
        assert_eq!(
            meaning_of("t,c,s,17,a,b,*,CN=*.xxx.xxx.xxx,Certificate subject"),
            "CertField(Subject, \"CN=*.xxx.xxx.xxx\")"
        );
        assert!(meaning_of("t,c,s,6,a,b,*, CN=H CN=H 12 12DEABC6565646512346ABDC1345689413589876 2020-01-17T15:15:33.000Z 2025-01-17T15:15:33.000Z H,Sending certificate Subject Issuer name Serial number Thumbprint Not before Not after Subject alternate names").starts_with("CertOneRow(Sending"));
    }

    #[test]
    fn smtp_replies() {
        assert_eq!(
            meaning_of("t,c,s,3,a,b,<,250-STARTTLS,"),
            "StartTlsAdvertised"
        );
        assert_eq!(
            meaning_of("t,c,s,3,a,b,>,250  SERVER.DOMAIN.TEST Hello [95.10.20.33] SIZE 37748736 PIPELINING DSN ENHANCEDSTATUSCODES STARTTLS X-ANONYMOUSTLS AUTH NTLM,"),
            "StartTlsAdvertised"
        );
        assert_eq!(
            meaning_of("t,c,s,11,a,b,>,250  SERVER.DOMAIN.TEST Hello [95.10.20.33] SIZE 37748736 PIPELINING DSN ENHANCEDSTATUSCODES AUTH NTLM LOGIN,"),
            "EhloReplyWithoutStartTls"
        );
        assert_eq!(
            meaning_of("t,c,s,3,a,b,<,421 4.4.1 Connection timed out,"),
            "Reply(ConnectionTimedOut)"
        );
        assert_eq!(
            meaning_of("t,c,s,3,a,b,<,451 5.7.3 STARTTLS is required to send mail,"),
            "Reply(StartTlsRequired)"
        );
        assert_eq!(
            meaning_of("t,c,s,15,a,b,*,,Inbound AUTH LOGIN failed because of LogonDenied"),
            "Reply(AuthFailed)"
        );
        assert_eq!(
            meaning_of("t,c,s,4,a,b,>,EHLO mail.contoso.com,"),
            "LocalEhlo(\"mail.contoso.com\")"
        );
        assert_eq!(meaning_of("t,c,s,4,a,b,<,EHLO Backup-Veeam,"), "Other");
        assert_eq!(
            meaning_of("t,c,s,1,a,b,>,\"220 Exchange.contoso.com Microsoft ESMTP MAIL Service ready at Wed, 13 Mar 2024 10:01:17 +0100\","),
            "LocalBanner(\"Exchange.contoso.com\")"
        );
        assert_eq!(meaning_of("t,c,s,4,a,b,>,STARTTLS,"), "StartTlsCommand");
        // The word, in any case, between blanks; not inside another word.
        assert_eq!(
            meaning_of("t,c,s,3,a,b,<,250 mx.fabrikam.com Hello SIZE starttls AUTH,"),
            "StartTlsAdvertised"
        );
        assert_eq!(
            meaning_of("t,c,s,3,a,b,<,250 mx.fabrikam.com XSTARTTLS STARTTLSX,"),
            "Other"
        );
        // A multi-byte character right after the reply code must not split a UTF-8 sequence.
        assert_eq!(meaning_of("t,c,s,4,a,b,<,250é STARTTLS,"), "Other");
        assert_eq!(meaning_of("t,c,s,4,a,b,<,421中,"), "Other");
    }

    #[test]
    fn mentions_starttls_finds_the_word_in_any_case() {
        for (text, want) in [
            ("STARTTLS", true),
            ("x starttls", true),
            ("StartTLS y", true),
            ("STARTTL", false),
            ("SSSTARTTLSS", true),
            ("S T A R T T L S", false),
            ("sTaRtTlS", true),
            ("", false),
            ("é STARTTLS", true),
        ] {
            assert_eq!(mentions_starttls(text), want, "{text:?}");
        }
        // The word at every offset, in texts of every length around it.
        let naive = |t: &str| {
            t.as_bytes()
                .windows(8)
                .any(|w| w.eq_ignore_ascii_case(b"STARTTLS"))
        };
        for pad in 0..20 {
            for tail in 0..10 {
                for word in ["STARTTLS", "starttls", "StartTls", "STARTTL", "TARTTLS"] {
                    let t = format!("{}{word}{}", "x".repeat(pad), "S".repeat(tail));
                    assert_eq!(mentions_starttls(&t), naive(&t), "{t:?}");
                    let t = format!("{}{word}{}", "ts".repeat(pad), "lt".repeat(tail));
                    assert_eq!(mentions_starttls(&t), naive(&t), "{t:?}");
                }
            }
        }
    }

    #[test]
    fn starttls_word_is_split_whitespace_any() {
        let split = |t: &str| {
            t.split_whitespace()
                .any(|w| w.eq_ignore_ascii_case("STARTTLS"))
        };
        for t in [
            "",
            "STARTTLS",
            "starttls",
            " STARTTLS ",
            "a STARTTLS b",
            "XSTARTTLS",
            "STARTTLSX",
            "a\u{a0}STARTTLS\u{3000}b",
            "éSTARTTLS",
            "STARTTLSé",
            "\tStartTls\r\n",
            "STARTTLSSTARTTLS",
            "STARTTLS STARTTLSx",
            "x STARTTLS",
            "STARTTL S",
        ] {
            assert_eq!(starttls_word(t), split(t), "{t:?}");
        }
    }

    #[test]
    fn trim_is_str_trim() {
        let samples = [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\u{b}a",
            "a\u{b}",
            "\u{a0}x",
            "x\u{3000}",
            "\u{85}",
            "é",
            "\tSTARTTLS\r",
            "\u{1c}a\u{1f}",
            "ab",
            "\u{2028}",
        ];
        for t in samples {
            assert_eq!(trim(t), t.trim(), "{t:?}");
        }
        for b in 0u8..0x80 {
            let t = format!("{}x{}", b as char, b as char);
            assert_eq!(trim(&t), t.trim(), "{b:#x}");
        }
    }
}
