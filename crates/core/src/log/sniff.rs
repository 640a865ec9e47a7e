//! Is this text an Exchange SMTP protocol log (or an excerpt of one)?
//!
//! Looks only at the first few KiB. A log is recognised by its W3C-style header
//! (`#Software: Microsoft Exchange Server`, `#Log-type: SMTP Send Protocol Log`,
//! `#Fields: date-time,connector-id,...`) or, for header-less excerpts pasted from
//! tickets and KB articles, by rows of the 9-column CSV shape whose 7th column is one
//! of the event markers `+ - > < *`.

/// How many bytes from the start are looked at.
pub const SNIFF_BYTES: usize = 8 * 1024;

/// Also true for a log saved as UTF-16 (with a byte-order mark or without, [`super::utf16`]), so every
/// caller that sniffs a file's head (`inspect`'s "is this a log?" too) sees such a log. False for
/// Exchange's other logs ([`other_exchange_log`]), which share the `#Software` header.
pub fn looks_like_protocol_log(prefix: &[u8]) -> bool {
    let head = &prefix[..prefix.len().min(SNIFF_BYTES)];
    if let Some(order) = super::utf16::utf16_order(head) {
        let mut utf8 = Vec::new();
        super::utf16::Utf16Decoder::new(order).push(head, &mut utf8);
        return looks_like_protocol_log(&utf8);
    }
    if other_exchange_log(head).is_some() {
        return false;
    }
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}');
    let mut rows = 0usize;
    for line in text.lines().take(64) {
        let lower = line.trim().to_ascii_lowercase();
        if lower.starts_with("#fields:") && lower.contains("connector-id") {
            return true;
        }
        if lower.starts_with("#log-type:") && lower.contains("protocol log") {
            return true;
        }
        if lower.starts_with("#software:") && lower.contains("microsoft exchange") {
            return true;
        }
        // Rows with commas, or re-saved by Excel with `;` or tabs ([`super::delimited`]).
        if looks_like_row(line)
            || super::delimited::seventh_is_event(line.as_bytes(), b';')
            || super::delimited::seventh_is_event(line.as_bytes(), b'\t')
        {
            rows += 1;
            if rows >= 2 {
                return true;
            }
        }
    }
    rows >= 1 && text.lines().filter(|l| !l.trim().is_empty()).count() <= 2
}

/// Do the lines of `head` end with a lone CR (no LF anywhere, a CR somewhere)? A file saved by
/// an editor that writes classic Mac line ends; read with each CR taken as a line end.
pub fn cr_only(head: &[u8]) -> bool {
    memchr::memchr(b'\n', head).is_none() && memchr::memchr(b'\r', head).is_some()
}

/// The longest log type kept from a `#Log-type:` line.
const MAX_LOG_TYPE_CHARS: usize = 80;

/// One of Exchange's other W3C-style logs, which share the protocol logs' `#Software: Microsoft
/// Exchange Server` header but not their rows: message tracking (`#Log-type: Message Tracking
/// Log`, rows keyed by `event-id`), connectivity, agent, routing logs. Gives the log type as the
/// file names it (`Message Tracking Log`), or `Message Tracking Log` for a header that has no
/// `#Log-type` but message tracking's `#Fields` (`event-id`, which no protocol log has). `None`
/// for a protocol log and for anything else. Also for a log saved as UTF-16.
///
/// Source: Microsoft Learn, "Message tracking in Exchange Server" (the log's header and its
/// fields `date-time,client-ip,...,event-id,...,recipient-status,...`), and "Protocol logging"
/// (`#Log-type: SMTP Send Protocol Log` / `SMTP Receive Protocol Log`).
pub fn other_exchange_log(prefix: &[u8]) -> Option<String> {
    let head = &prefix[..prefix.len().min(SNIFF_BYTES)];
    if let Some(order) = super::utf16::utf16_order(head) {
        let mut utf8 = Vec::new();
        super::utf16::Utf16Decoder::new(order).push(head, &mut utf8);
        return other_exchange_log(&utf8);
    }
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}');
    let mut log_type: Option<&str> = None;
    let mut tracking_fields = false;
    for line in text.lines().take(16) {
        let line = line.trim();
        let Some(directive) = line.strip_prefix('#') else {
            break;
        };
        let (name, value) = directive.split_once(':').unwrap_or((directive, ""));
        let (name, value) = (name.trim().to_ascii_lowercase(), value.trim());
        if name == "log-type" {
            log_type = Some(value);
        } else if name == "fields" {
            let fields: Vec<String> = value
                .split(',')
                .map(|f| f.trim().to_ascii_lowercase())
                .collect();
            let has = |f: &str| fields.iter().any(|x| x == f);
            tracking_fields = has("event-id") && !has("connector-id") && !has("session-id");
        }
    }
    match log_type {
        Some(t) if !t.to_ascii_lowercase().contains("protocol log") && !t.is_empty() => {
            Some(t.chars().take(MAX_LOG_TYPE_CHARS).collect())
        }
        None if tracking_fields => Some("Message Tracking Log".to_string()),
        _ => None,
    }
}

/// A header-less excerpt with other text among its rows (a ticket, a KB quote, a box that
/// also holds shell output or event text): read as a paste, line by line, so the other text is
/// read too ([`crate::paste`] hands the rows to the log reader). A log with its `#` header, or
/// rows only, stays a log.
pub fn is_mixed_excerpt(prefix: &[u8]) -> bool {
    let head = &prefix[..prefix.len().min(SNIFF_BYTES)];
    let text = String::from_utf8_lossy(head);
    let text = text.trim_start_matches('\u{feff}');
    // The last line of a full sniff window may be cut: it does not count.
    let complete = if head.len() == SNIFF_BYTES {
        text.rsplit_once('\n').map(|(a, _)| a).unwrap_or("")
    } else {
        text
    };
    let mut other = false;
    for line in complete.lines().take(64) {
        let t = line.trim();
        if t.starts_with('#') {
            return false;
        }
        if !t.is_empty()
            && !looks_like_row(line)
            && !super::delimited::seventh_is_event(line.as_bytes(), b';')
            && !super::delimited::seventh_is_event(line.as_bytes(), b'\t')
        {
            other = true;
        }
    }
    other
}

/// A row `date-time,connector-id,session-id,sequence-number,local,remote,EVENT,data,context`:
/// the 7th comma-separated field (outside quotes) is one event marker.
pub fn looks_like_row(line: &str) -> bool {
    let mut field = 0usize;
    let mut in_quotes = false;
    let mut start = 0usize;
    for (i, c) in line.char_indices() {
        match c {
            '"' => in_quotes = !in_quotes,
            ',' if !in_quotes => {
                if field == 6 {
                    return matches!(line[start..i].trim(), "+" | "-" | ">" | "<" | "*");
                }
                field += 1;
                start = i + 1;
            }
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::looks_like_protocol_log;

    #[test]
    fn header_and_headerless_rows_are_logs() {
        assert!(looks_like_protocol_log(
            b"#Software: Microsoft Exchange Server\r\n#Version: 15.0.0.0\r\n"
        ));
        assert!(looks_like_protocol_log(
            b"\xef\xbb\xbf#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context\n"
        ));
        let rows = b"2024-03-13T09:01:18.723Z,EXCHANGE\\Default Frontend EXCHANGE,08DC42C8FF236A1F,0,10.100.100.25:25,10.100.100.30:62136,+,,\n\
2024-03-13T09:01:18.723Z,EXCHANGE\\Default Frontend EXCHANGE,08DC42C8FF236A1F,1,10.100.100.25:25,10.100.100.30:62136,>,\"220 a, b\",\n";
        assert!(looks_like_protocol_log(rows));
    }

    /// Message tracking logs (header as Microsoft Learn's "Message tracking in Exchange Server"
    /// shows it) and Exchange's other logs are not protocol logs; protocol logs are none of them.
    #[test]
    fn exchange_logs_of_other_kinds_are_told_apart() {
        use super::other_exchange_log;
        let tracking = b"#Software: Microsoft Exchange Server\r\n#Version: 15.02.1118.007\r\n#Log-type: Message Tracking Log\r\n#Date: 2024-05-02T06:00:00.000Z\r\n#Fields: date-time,client-ip,client-hostname,server-ip,server-hostname,source-context,connector-id,source,event-id,internal-message-id,message-id,network-message-id,recipient-address,recipient-status\r\n";
        assert_eq!(
            other_exchange_log(tracking).as_deref(),
            Some("Message Tracking Log")
        );
        assert!(!looks_like_protocol_log(tracking));
        // No #Log-type line, message tracking's fields.
        let fields_only = b"#Software: Microsoft Exchange Server\n#Fields: date-time,client-ip,source,event-id,message-id,recipient-address,recipient-status\n";
        assert_eq!(
            other_exchange_log(fields_only).as_deref(),
            Some("Message Tracking Log")
        );
        assert!(!looks_like_protocol_log(fields_only));
        let connectivity = b"#Software: Microsoft Exchange Server\n#Version: 15.0.0.0\n#Log-type: Transport Connectivity Log\n#Fields: date-time,session,source,Destination,direction,description\n";
        assert_eq!(
            other_exchange_log(connectivity).as_deref(),
            Some("Transport Connectivity Log")
        );
        assert!(!looks_like_protocol_log(connectivity));
        // Saved as UTF-16 by PowerShell.
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(tracking.iter().flat_map(|&b| [b, 0]))
            .collect();
        assert_eq!(
            other_exchange_log(&utf16).as_deref(),
            Some("Message Tracking Log")
        );
        // Protocol logs stay protocol logs.
        for log in [
            &b"#Software: Microsoft Exchange Server\r\n#Version: 15.0.0.0\r\n#Log-type: SMTP Send Protocol Log\r\n#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context\r\n"[..],
            b"#Software: Microsoft Exchange Server\r\n#Version: 15.0.0.0\r\n",
            b"#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context\n",
        ] {
            assert_eq!(other_exchange_log(log), None);
            assert!(looks_like_protocol_log(log));
        }
        assert_eq!(other_exchange_log(b"a,b,c\n"), None);
        assert_eq!(other_exchange_log(b""), None);
    }

    #[test]
    fn other_text_is_not_a_log() {
        assert!(!looks_like_protocol_log(
            b"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
        ));
        assert!(!looks_like_protocol_log(b"a,b,c\n1,2,3\n"));
        assert!(!looks_like_protocol_log(b"\x30\x82\x01\x00"));
        assert!(!looks_like_protocol_log(b""));
    }
}
