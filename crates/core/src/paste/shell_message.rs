//! The shell's own messages between a command's objects ([`crate::grammar::shell_message`]):
//! a warning (`WARNING:`, `WARNUNG:`, `AVERTISSEMENT :`) and the lines the console wrapped it
//! onto, and an error record from its message to its `    + CategoryInfo` /
//! `    + FullyQualifiedErrorId` / `    + PSComputerName` details. They are read as what they
//! are, so that their lines are neither counted as unrecognised nor taken for a property of the
//! object that follows (`Get-SendConnector : Die Benennung ...` has the shape of a property
//! line, `WARNUNG: ...` too).

use serde::{Deserialize, Serialize};

use super::Line;
use crate::grammar::shell_message as grammar;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ShellMessageKind {
    Warning,
    Verbose,
    Debug,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShellMessage {
    pub kind: ShellMessageKind,
    /// 1-based line where it starts.
    pub line: u64,
    /// The message, its wrapped lines joined (at most [`MAX_TEXT_CHARS`] characters).
    pub text: String,
    /// The command an error record names (`[Get-ExchangeCertificate]`, or `Get-X : ...`).
    pub command: Option<String>,
    /// The exception type of an error record (`ManagementObjectNotFoundException`).
    pub exception: Option<String>,
}

/// The longest message text kept.
pub const MAX_TEXT_CHARS: usize = 1000;
/// The most lines an error record's message and position span before its details.
const MAX_RECORD_LINES: usize = 24;

/// Does a line here continue a wrapped message? Not a blank line, a prompt, a property line
/// (`Name : value`) or the start of another message.
fn continues(lines: &[Line<'_>], j: usize) -> bool {
    let t = lines[j].text;
    !t.trim().is_empty()
        && super::prompt_command(t).is_none()
        && super::format_list::key_line(t).is_none()
        && grammar::prefixed(t).is_none()
        && grammar::detail(t).is_none()
        && !crate::grammar::transcript::is_star_line(t)
        && !crate::log::sniff::looks_like_row(t)
        && !super::event::starts_known_message(t)
        && !super::server_error::starts_server_error(t)
        // A table's header (the line above its dashes) is no message.
        && lines
            .get(j + 1)
            .is_none_or(|next| super::format_table::dash_columns(next.text).is_none())
}

fn joined(lines: &[Line<'_>], first_text: &str) -> String {
    let mut text = first_text.trim().to_string();
    for l in lines {
        if text.chars().count() >= MAX_TEXT_CHARS {
            break;
        }
        text.push(' ');
        text.push_str(l.text.trim());
    }
    text.chars().take(MAX_TEXT_CHARS).collect()
}

/// A warning, verbose or debug line at `start` and its wrapped lines: the message and the end
/// (exclusive).
pub fn read_prefixed(lines: &[Line<'_>], start: usize) -> Option<(ShellMessage, usize)> {
    let (stream, first) = grammar::prefixed(lines.get(start)?.text)?;
    let mut end = start + 1;
    while end < lines.len() && end - start < MAX_RECORD_LINES && continues(lines, end) {
        end += 1;
    }
    let kind = match stream {
        grammar::Stream::Warning => ShellMessageKind::Warning,
        grammar::Stream::Verbose => ShellMessageKind::Verbose,
        grammar::Stream::Debug => ShellMessageKind::Debug,
    };
    Some((
        ShellMessage {
            kind,
            line: lines[start].number,
            text: joined(&lines[start + 1..end], first),
            command: None,
            exception: None,
        },
        end,
    ))
}

/// An error record starting at `start` (its message, or its first detail line when the
/// message was not copied): the record and its end (exclusive). The record is recognised by
/// its details within [`MAX_RECORD_LINES`], with no blank line, prompt or property line
/// before them (but the message's own first line, `Get-X : message`).
///
/// `next_details` is the index of the first detail line at or after `start` (see
/// [`next_details`]): without one close enough, nothing is looked at.
pub fn read_error_record(
    lines: &[Line<'_>],
    start: usize,
    next_details: Option<usize>,
) -> Option<(ShellMessage, usize)> {
    if next_details.is_none_or(|j| j < start || j >= start + MAX_RECORD_LINES) {
        return None;
    }
    let first = lines.get(start)?.text;
    if first.trim().is_empty() || super::prompt_command(first).is_some() {
        return None;
    }
    let details = if grammar::starts_details(first) {
        start
    } else {
        (start + 1..lines.len().min(start + MAX_RECORD_LINES))
            .take_while(|&j| {
                grammar::starts_details(lines[j].text)
                    || (!lines[j].text.trim().is_empty()
                        && super::prompt_command(lines[j].text).is_none()
                        && super::format_list::key_line(lines[j].text).is_none())
            })
            .find(|&j| grammar::starts_details(lines[j].text))?
    };
    let mut end = details;
    let mut command = None;
    let mut exception = None;
    while let Some((name, value)) = lines.get(end).and_then(|l| grammar::detail(l.text)) {
        if name == "CategoryInfo" {
            if let Some((c, e)) = grammar::category_info(value) {
                command = c.map(str::to_string);
                exception = Some(e.to_string());
            }
        }
        end += 1;
    }
    let message_lines = &lines[start..details];
    // The message ends where the position of a local error begins (`At line:1 char:1` and its
    // translations, then `+ command` and `+ ~~~`): the line before the first `+ ` line.
    let message_end = message_lines
        .iter()
        .position(|l| l.text.starts_with("+ "))
        .map_or(message_lines.len(), |p| p.saturating_sub(1));
    let message = &message_lines[..message_end];
    // A message another reader knows (the renewal trap's RPC error, `454 4.7.5 ...`, an
    // Exchange event's text) is left to it.
    let whole: Vec<&str> = message.iter().map(|l| l.text).collect();
    let whole = whole.join("\n");
    if super::server_error::read(&whole, lines[start].number).is_some()
        || message
            .iter()
            .any(|l| super::event::starts_known_message(l.text))
    {
        return None;
    }
    let command = command.or_else(|| {
        message
            .first()
            .and_then(|l| grammar::error_command(l.text))
            .map(str::to_string)
    });
    let text = match message.split_first() {
        Some((head, rest)) => {
            let head = head.text.trim();
            let head = grammar::error_command(head)
                .and_then(|c| head.get(c.len()..))
                .map(|t| t.trim_start().trim_start_matches(':').trim_start())
                .unwrap_or(head);
            joined(rest, head)
        }
        None => String::new(),
    };
    Some((
        ShellMessage {
            kind: ShellMessageKind::Error,
            line: lines[start].number,
            text,
            command,
            exception,
        },
        end,
    ))
}

/// For each line, the index of the first error-record detail line at or after it (one pass
/// from the end), so that [`read_error_record`] looks ahead only where a record can be.
pub fn next_details(lines: &[Line<'_>]) -> Vec<Option<usize>> {
    let mut next = vec![None; lines.len()];
    let mut seen = None;
    for (i, l) in lines.iter().enumerate().rev() {
        if grammar::starts_details(l.text) {
            seen = Some(i);
        }
        next[i] = seen;
    }
    next
}
