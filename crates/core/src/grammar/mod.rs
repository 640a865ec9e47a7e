//! The text grammars of the evidence an admin pastes or uploads, written as small named
//! [`nom`] parsers, one module per grammar. Each module names its source (Microsoft docs, KB
//! articles, .NET source) and carries its own tests, including property tests that the
//! parsers never panic on arbitrary input.
//!
//! * [`tls_certificate_name`]: Exchange's `<I>{issuer}<S>{subject}`, aware of .NET's DN quoting.
//! * [`dn`]: distinguished names as .NET (`$cert.Subject`), cmdlets and logs print them.
//! * [`dates`]: `DateTime.ToString()` in the en-US, de-DE, en-GB and ISO cultures.
//! * [`format_list`]: PowerShell `Format-List` property lines.
//! * [`smtp`]: SMTP replies with enhanced status codes (`421 4.4.1 ...`).
//! * [`last_error`]: the queue `LastError` (`[{LED=...};{MSG=...};{FQDN=...};{IP=...};{LRT=...}]`).
//! * [`event_text`]: MSExchangeTransport event messages 12013-12024 and 2015.
//! * [`event_viewer`]: the labels of Event Viewer's "Copy details as text" (English, German).
//! * [`message_trace`]: Exchange Online message-trace details and NDR texts
//!   (`450 4.7.320 Certificate validation failed [Message=SubjectMismatch ...]`,
//!   `Remote Server returned '...'`, `LED=...`).
//! * [`csv`]: `Export-Csv` / `ConvertTo-Csv` records (`#TYPE` line, quoted fields, `,` or `;`).
//! * [`shell_message`]: the shell's warning, verbose and debug lines and error records (en, de, fr).
//! * [`transcript`]: the frame `Start-Transcript` writes (header, command start, footer).
//!
//! The protocol-log row path (`crate::log`) stays hand-written: it runs for every row of
//! multi-gigabyte logs, dispatching on the first byte with `memchr` and slicing without
//! allocation; a combinator chain there would cost time and buy no clarity.
//!
//! Every parser here works on `&str`, never panics, and is linear or bounded in its input
//! (the texts it sees are capped by [`crate::limits::MAX_PASTE_VALUE_CHARS`] per value).

pub mod csv;
pub mod dates;
pub mod dn;
pub mod event_text;
pub mod event_viewer;
pub mod format_list;
pub mod last_error;
pub mod message_trace;
pub mod shell_message;
pub mod smtp;
pub mod tls_certificate_name;
pub mod transcript;

use nom::bytes::complete::{tag, take_until};
use nom::sequence::pair;
use nom::IResult;

use crate::limits::MAX_PASTE_VALUE_CHARS;

/// The result of every parser in this module.
pub type PResult<'a, O> = IResult<&'a str, O>;

/// Skips to just after the first `start` (nom: `take_until` then `tag`).
pub fn after<'a>(start: &'static str) -> impl FnMut(&'a str) -> PResult<'a, &'a str> {
    move |input: &'a str| {
        let (rest, (skipped, _)) = pair(take_until(start), tag(start))(input)?;
        Ok((rest, skipped))
    }
}

/// The text between the first `start` and the first `end` after it, trimmed; `None` when either
/// is missing or the text between them is blank.
pub fn between<'a>(text: &'a str, start: &'static str, end: &'static str) -> Option<&'a str> {
    let (rest, _) = after(start)(text).ok()?;
    let (_, inner) = take_until::<_, _, nom::error::Error<&str>>(end)(rest).ok()?;
    Some(inner.trim()).filter(|s| !s.is_empty())
}

/// The first [`MAX_PASTE_VALUE_CHARS`] bytes of `text` (cut at a character boundary): what the
/// free-text readers ([`message_trace`], [`last_error`]) look at. A value, a message-trace detail
/// or an NDR is a few kilobytes; the cap keeps their searches bounded on hostile input.
pub fn bounded(text: &str) -> &str {
    if text.len() <= MAX_PASTE_VALUE_CHARS {
        return text;
    }
    let mut end = MAX_PASTE_VALUE_CHARS;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Runs `parser` at every position of `text` where `at_start` says a token may begin (the
/// start of the text included) and collects what it parses, skipping past each match.
/// `at_start(previous_char)` is asked for every position after the first.
pub fn scan<'a, O>(
    text: &'a str,
    mut at_start: impl FnMut(char) -> bool,
    mut parser: impl FnMut(&'a str) -> PResult<'a, O>,
) -> Vec<(usize, O)> {
    let mut found = Vec::new();
    let mut pos = 0usize;
    let mut previous: Option<char> = None;
    while pos <= text.len() {
        let here = &text[pos..];
        if previous.is_none_or(&mut at_start) {
            if let Ok((rest, value)) = parser(here) {
                let used = here.len() - rest.len();
                if used > 0 {
                    found.push((pos, value));
                    previous = text[..pos + used].chars().next_back();
                    pos += used;
                    continue;
                }
            }
        }
        match here.chars().next() {
            Some(c) => {
                previous = Some(c);
                pos += c.len_utf8();
            }
            None => break,
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use nom::character::complete::digit1;

    #[test]
    fn between_and_scan() {
        assert_eq!(between("a [x] b", "[", "]"), Some("x"));
        assert_eq!(between("a [ ] b", "[", "]"), None);
        assert_eq!(between("a [x b", "[", "]"), None);
        let numbers = scan("a1 22 b33 44", |c| c == ' ', digit1);
        assert_eq!(numbers, vec![(3, "22"), (10, "44")]);
        assert!(scan("", |_| true, digit1).is_empty());
        assert_eq!(scan("é1", |_| true, digit1), vec![(2, "1")]);
        let long = "é".repeat(MAX_PASTE_VALUE_CHARS);
        assert!(bounded(&long).len() <= MAX_PASTE_VALUE_CHARS);
        assert!(bounded(&long).len() >= MAX_PASTE_VALUE_CHARS - 1);
        assert_eq!(bounded("abc"), "abc");
    }
}
