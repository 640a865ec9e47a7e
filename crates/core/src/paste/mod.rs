//! Text admins paste from the Exchange Management Shell and Event Viewer, read into typed
//! records with their line numbers: certificates (`Get-ExchangeCertificate`, the
//! `Cert:\LocalMachine\My` store), connectors (`Get-SendConnector`, `Get-ReceiveConnector`),
//! queues (`Get-Queue`) and MSExchangeTransport certificate events.
//!
//! One module per format: [`format_list`] and [`format_table`] read PowerShell's two
//! layouts; [`certificate`], [`connector`], [`queue`], [`event`] turn objects into records;
//! [`values`], [`dates`] and [`tls_certificate_name`] read single values.
//! A paste may hold several commands' output one after another, with prompt lines
//! (`[PS] C:\>Get-SendConnector | fl`) between them.

pub mod certificate;
pub mod connector;
pub mod csv;
pub mod dates;
pub mod encoding;
pub mod event;
pub mod event_xml;
pub mod format_list;
pub mod format_table;
pub mod json;
pub mod queue;
pub mod server_error;
pub mod shell_message;
pub mod tls_certificate_name;
pub mod transport_service;
pub mod values;

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::limits::{MAX_PASTE_BYTES, MAX_PASTE_RECORDS, MAX_PASTE_VALUE_CHARS};

pub use certificate::PastedCertificate;
pub use connector::PastedConnector;
pub use event::TransportEvent;
pub use queue::PastedQueue;
pub use server_error::ServerError;
pub use shell_message::ShellMessage;
pub use transport_service::PastedTransportService;

/// One line of a paste, numbered from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    pub number: u64,
    pub text: &'a str,
}

/// Splits on `\n`, dropping `\r` and a leading byte-order mark.
pub fn split_lines(text: &str) -> Vec<Line<'_>> {
    text.trim_start_matches('\u{feff}')
        .split('\n')
        .enumerate()
        .map(|(i, l)| Line {
            number: i as u64 + 1,
            text: l.strip_suffix('\r').unwrap_or(l),
        })
        .collect()
}

/// Everything read from one paste.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PastedOutput {
    pub certificates: Vec<PastedCertificate>,
    pub connectors: Vec<PastedConnector>,
    pub queues: Vec<PastedQueue>,
    pub events: Vec<TransportEvent>,
    /// `Get-TransportService | fl InternalTransportCertificateThumbprint`.
    #[serde(default)]
    pub transport_services: Vec<PastedTransportService>,
    /// Error messages the server printed (the renewal trap's RPC error, `454 4.7.5`, ...).
    #[serde(default)]
    pub server_errors: Vec<ServerError>,
    /// The shell's own warnings and error records (`WARNING:`/`WARNUNG:`/`AVERTISSEMENT :`,
    /// `Get-X : message` ... `    + CategoryInfo : ...`), read so that they neither count as
    /// unrecognised nor break the objects that follow.
    #[serde(default)]
    pub shell_messages: Vec<ShellMessage>,
    /// Protocol-log rows found among the other lines (a ticket quoting the log), with their
    /// line numbers; the analyzer reads them like a log file.
    #[serde(default)]
    pub log_rows: u64,
    #[serde(skip)]
    pub log_lines: Vec<(u64, String)>,
    /// Objects and lines that belong to none of the formats above (prompts and the frame
    /// lines of a `Start-Transcript` file excluded).
    pub skipped_lines: u64,
    /// The computer a `Start-Transcript` file was written on (its `Machine: EX01 (Microsoft
    /// Windows NT ...)` header line), without its domain.
    #[serde(default)]
    pub transcript_machine: Option<String>,
    /// Lines of a `Start-Transcript` frame (header, command start time, footer) read as such.
    #[serde(default)]
    pub transcript_lines: u64,
    /// The raw text of each line a record points to (for evidence), by line number.
    #[serde(skip)]
    pub line_texts: BTreeMap<u64, String>,
    pub warnings: Vec<crate::warning::WarningReport>,
}

impl PastedOutput {
    pub fn is_empty(&self) -> bool {
        self.certificates.is_empty()
            && self.connectors.is_empty()
            && self.queues.is_empty()
            && self.events.is_empty()
            && self.server_errors.is_empty()
            && self.transport_services.is_empty()
            && self.log_lines.is_empty()
    }

    fn record_count(&self) -> usize {
        self.certificates.len()
            + self.connectors.len()
            + self.queues.len()
            + self.events.len()
            + self.server_errors.len()
            + self.transport_services.len()
            + self.log_lines.len()
            + self.shell_messages.len()
    }

    /// The raw text of line `n` when a record refers to it.
    pub fn line_text(&self, n: u64) -> &str {
        self.line_texts.get(&n).map(String::as_str).unwrap_or("")
    }
}

/// Decodes a paste: UTF-8 (with or without BOM), UTF-16 with BOM (what Windows
/// PowerShell 5.1's `>` / `Out-File` writes), or Windows-1252 when the bytes are not UTF-8
/// (what Windows PowerShell 5.1's `Set-Content` / `Add-Content` write on a Western or German
/// server: `Müller` is the single byte 0xFC). Invalid UTF-16 becomes U+FFFD, and so does a
/// UTF-8 sequence cut at the very end (a prefix of a UTF-8 file is still UTF-8).
pub fn decode_text(bytes: &[u8]) -> Cow<'_, str> {
    decode_with_switches(bytes).0
}

/// [`decode_text`], and where the file changes its encoding part way (a UTF-16 file from `>`
/// with lines appended by `Add-Content` in ANSI, an ANSI or UTF-8 file with lines appended by
/// `>>` in UTF-16: [`encoding`]); each part is read in its own encoding.
pub fn decode_with_switches(bytes: &[u8]) -> (Cow<'_, str>, Vec<encoding::EncodingSwitch>) {
    let may_mix = bytes.starts_with(&[0xff, 0xfe]) || memchr::memchr(0, bytes).is_some();
    if let Some((text, switches)) = may_mix.then(|| encoding::decode_mixed(bytes)).flatten() {
        return (Cow::Owned(text), switches);
    }
    (decode_whole(bytes), Vec::new())
}

fn decode_whole(bytes: &[u8]) -> Cow<'_, str> {
    if let Some(rest) = bytes.strip_prefix(&[0xff, 0xfe]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        return Cow::Owned(String::from_utf16_lossy(&units));
    }
    if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        return Cow::Owned(String::from_utf16_lossy(&units));
    }
    let bytes = bytes.strip_prefix(&[0xef, 0xbb, 0xbf]).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        // Only an incomplete sequence at the end: a UTF-8 text cut short.
        Err(e) if e.error_len().is_none() => String::from_utf8_lossy(bytes),
        Err(_) => Cow::Owned(crate::ansi::from_windows_1252(bytes)),
    }
}

/// How many bytes from the start [`looks_like_shell_output`] looks at.
pub const SNIFF_BYTES: usize = 8 * 1024;

/// Does this text hold shell output or event text tlsdoctor can read? Looks at the
/// first [`SNIFF_BYTES`] and says yes only when a certificate, connector, queue or
/// certificate event is recognised there.
pub fn looks_like_shell_output(prefix: &[u8]) -> bool {
    let head = &prefix[..prefix.len().min(SNIFF_BYTES)];
    let text = decode_text(head);
    if text.contains('\0') {
        return false;
    }
    !parse_text(&text).is_empty()
}

/// Reads a paste given as bytes. Errors: [`Error::Empty`], [`Error::TooLarge`],
/// [`Error::Malformed`] when nothing in it is a known format.
pub fn parse(bytes: &[u8]) -> Result<PastedOutput> {
    if bytes.len() as u64 > MAX_PASTE_BYTES {
        return Err(Error::TooLarge {
            what: "The pasted text".into(),
            limit: MAX_PASTE_BYTES,
        });
    }
    let (text, switches) = decode_with_switches(bytes);
    if text.trim().is_empty() {
        return Err(Error::Empty);
    }
    let mut output = parse_text(&text);
    if let Some(first) = switches.first() {
        let mut encodings = vec![first.from.name()];
        for s in &switches {
            if !encodings.contains(&s.to.name()) {
                encodings.push(s.to.name());
            }
        }
        output.warnings.push(
            crate::warning::Warning::PasteEncodingsMixed {
                encodings: encodings.join(", "),
                lines: switches
                    .iter()
                    .map(|s| s.line.to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            }
            .into(),
        );
    }
    if output.is_empty() {
        return Err(Error::malformed(
            "no Get-ExchangeCertificate, Get-SendConnector, Get-ReceiveConnector, Get-Queue or MSExchangeTransport event text was recognised",
        ));
    }
    Ok(output)
}

/// Removes ANSI escape sequences (PowerShell 7 colours Format-List names with `ESC[32;1m`
/// when its output rendering is `Ansi`): CSI `ESC [ params final` and two-byte `ESC x`.
pub fn strip_ansi(text: &str) -> Cow<'_, str> {
    if !text.contains('\u{1b}') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\u{1b}' {
            out.push(c);
            continue;
        }
        if chars.peek() == Some(&'[') {
            chars.next();
            // Parameters and intermediates, then one final byte in @..~ (never past a line end,
            // so line numbers stay those of the paste).
            while let Some(&n) = chars.peek() {
                if n == '\n' {
                    break;
                }
                chars.next();
                if ('@'..='~').contains(&n) {
                    break;
                }
            }
        } else if chars.peek().is_some_and(|&n| n != '\n') {
            chars.next();
        }
    }
    Cow::Owned(out)
}

/// Reads a paste. Never fails: what is not recognised is counted in `skipped_lines`.
pub fn parse_text(text: &str) -> PastedOutput {
    let stripped = strip_ansi(text);
    let (whole, unrendered) = event_xml::flatten_events(&stripped);
    let lines = split_lines(&whole);
    let mut out = PastedOutput::default();
    for event in unrendered {
        out.warnings.push(
            crate::warning::Warning::EventXmlWithoutMessage {
                line: event.line,
                event_id: event.event_id,
                source: event.source,
            }
            .into(),
        );
    }
    let mut command: Option<String> = None;
    let mut referenced: Vec<u64> = Vec::new();
    let next_details = shell_message::next_details(&lines);
    let mut i = 0usize;
    while i < lines.len() {
        if out.record_count() >= MAX_PASTE_RECORDS {
            out.warnings.push(
                crate::warning::Warning::PasteRecordsCapped {
                    max: MAX_PASTE_RECORDS,
                }
                .into(),
            );
            break;
        }
        let text = lines[i].text;
        if text.trim().is_empty() {
            i += 1;
            continue;
        }
        // `PS>TerminatingError(Get-X): "..."` in a transcript is no command typed: the
        // transcript frame below reads it.
        if let Some(cmd) = prompt_command(text).filter(|c| !c.starts_with("TerminatingError(")) {
            command = Some(cmd.to_string());
            i += 1;
            continue;
        }
        if let Some(end) = transcript_frame(&lines, i, &mut out) {
            i = end;
            continue;
        }
        // `ConvertTo-Json`: one object or an array of them.
        if let Some((objects, end)) = json::read_block(&whole, &lines, i) {
            for object in &objects {
                classify_object(object, command.as_deref(), &mut out, &mut referenced);
            }
            i = end.max(i + 1);
            continue;
        }
        // `Export-Csv`: its `#TYPE` line, then a header and one record per object.
        if crate::grammar::csv::type_line(text).is_some() {
            i += 1;
            continue;
        }
        if let Some((objects, end)) = csv::read_block(&lines, i) {
            for object in &objects {
                classify_object(object, command.as_deref(), &mut out, &mut referenced);
            }
            i = end;
            continue;
        }
        if !server_error::starts_server_error(text) && !event::starts_known_message(text) {
            if let Some((m, end)) = shell_message::read_prefixed(&lines, i)
                .or_else(|| shell_message::read_error_record(&lines, i, next_details[i]))
            {
                referenced.push(m.line);
                out.shell_messages.push(m);
                i = end;
                continue;
            }
        }
        // Line by line: a line that starts nothing known is counted and skipped alone, so
        // one odd line (a sentence of a ticket, a KB's caption) never hides what follows.
        if crate::log::sniff::looks_like_row(text) {
            referenced.push(lines[i].number);
            out.log_lines.push((lines[i].number, text.to_string()));
            out.log_rows += 1;
            i += 1;
            continue;
        }
        let end = if event::starts_event_viewer_block(text)
            || is_one_line_event(text)
            || event::starts_known_message(text)
            || server_error::starts_server_error(text)
            || format_list::key_line(text).is_some()
            || lines
                .get(i + 1)
                .is_some_and(|next| format_table::dash_columns(next.text).is_some())
        {
            block_end(
                &lines,
                i,
                event::starts_event_viewer_block(text) || is_one_line_event(text),
                &next_details,
            )
        } else {
            out.skipped_lines += 1;
            i += 1;
            continue;
        };
        let block = &lines[i..end];
        if event::starts_event_viewer_block(text) || is_one_line_event(text) {
            let joined: Vec<&str> = block.iter().map(|l| l.text).collect();
            let e = event::from_event_viewer(&joined.join("\n"), lines[i].number);
            referenced.push(e.line);
            out.events.push(e);
        } else if block.len() >= 2 && format_table::dash_columns(block[1].text).is_some() {
            read_table_block(block, &mut out, &mut referenced);
        } else if format_list::key_line(text).is_some() {
            for object in format_list::read_objects(block) {
                for field in object.fields.iter().filter(|f| f.capped) {
                    out.warnings.push(
                        crate::warning::Warning::PasteValueCapped {
                            name: field.name.to_string(),
                            line: field.line,
                            max: MAX_PASTE_VALUE_CHARS,
                        }
                        .into(),
                    );
                }
                classify_object(&object, command.as_deref(), &mut out, &mut referenced);
            }
        } else if event::starts_known_message(text) {
            let joined: Vec<&str> = block.iter().map(|l| l.text).collect();
            let e = event::from_message(&joined.join("\n"), lines[i].number);
            referenced.push(e.line);
            out.events.push(e);
        } else if let Some(e) = server_error::read(
            &block.iter().map(|l| l.text).collect::<Vec<_>>().join("\n"),
            lines[i].number,
        ) {
            referenced.push(e.line);
            out.server_errors.push(e);
        } else {
            out.skipped_lines += 1;
            i += 1;
            continue;
        }
        i = end;
    }
    // A date no culture rule reads (a culture not covered) is said, not passed over: the
    // certificate's validity is then not judged at all.
    for c in &out.certificates {
        use crate::warning::PastedDate;
        for (which, date) in [
            (PastedDate::NotAfter, &c.not_after),
            (PastedDate::NotBefore, &c.not_before),
        ] {
            if let Some(d) = date.as_ref().filter(|d| d.value.is_none()) {
                out.warnings.push(
                    crate::warning::Warning::PasteDateUnreadable {
                        which,
                        line: c.line,
                        text: d.text.chars().take(40).collect::<String>(),
                    }
                    .into(),
                );
            }
        }
    }
    for n in referenced {
        if let Some(l) = n.checked_sub(1).and_then(|k| lines.get(k as usize)) {
            out.line_texts
                .insert(n, l.text.trim_end().chars().take(1000).collect());
        }
    }
    out
}

/// A `Start-Transcript` frame at `start` ([`crate::grammar::transcript`]): a line of
/// asterisks and the non-blank lines up to the next one (the header, `Command start time`,
/// the footer), or an English header line alone (a copy that left the asterisks out). Counts
/// its lines in `transcript_lines`, keeps the machine it names and returns the end
/// (exclusive); `None` when no frame starts here.
fn transcript_frame(lines: &[Line<'_>], start: usize, out: &mut PastedOutput) -> Option<usize> {
    use crate::grammar::transcript;
    let first = lines.get(start)?.text;
    let end = if transcript::is_star_line(first) {
        let inner = lines
            .iter()
            .enumerate()
            .skip(start + 1)
            .take(transcript::MAX_FRAME_LINES + 1)
            .take_while(|(_, l)| {
                !l.text.trim().is_empty()
                    && prompt_command(l.text).is_none()
                    // A Format-List property (`Name : value`, the colon after a space) is
                    // output, not a header line (`Username: x`): no frame swallows it.
                    && !(format_list::key_line(l.text).is_some() && l.text.contains(" :"))
            })
            .find(|(_, l)| transcript::is_star_line(l.text))
            .map(|(j, _)| j + 1);
        // A lone line of asterisks (the frame's other lines not copied) is read as one too.
        inner.unwrap_or(start + 1)
    } else if transcript::is_english_header_line(first) {
        start + 1
    } else {
        return None;
    };
    for line in &lines[start..end] {
        if out.transcript_machine.is_none() {
            out.transcript_machine = transcript::machine(line.text).map(str::to_string);
        }
    }
    out.transcript_lines += (end - start) as u64;
    Some(end)
}

/// The end (exclusive) of the block starting at `start`: the next blank line, prompt line,
/// Event Viewer header, known message or protocol-log row.
/// Inside an Event Viewer block the message follows `Description:`, so `in_event` keeps it.
/// Does a shell warning or error record start at line `j`? A wrapped Format-List value goes
/// on indented; a message starts at the line's start (`Get-X : message` has the shape of a
/// property line, so a `Verb-Noun` name followed by a record's details is one too).
fn starts_shell_message(lines: &[Line<'_>], j: usize, next_details: &[Option<usize>]) -> bool {
    use crate::grammar::shell_message as grammar;
    let t = lines[j].text;
    if grammar::prefixed(t).is_some() || grammar::starts_details(t) {
        return true;
    }
    let may_start = !t.starts_with(' ')
        && (format_list::key_line(t).is_none() || grammar::error_command(t).is_some());
    may_start
        && shell_message::read_error_record(lines, j, next_details.get(j).copied().flatten())
            .is_some()
}

/// A shell warning or error record (`WARNUNG: ...`, `message` + `    + CategoryInfo`) ends a
/// Format-List object that has no blank line after it: it is no property of the object, and
/// the object after it is another one.
fn block_end(
    lines: &[Line<'_>],
    start: usize,
    in_event: bool,
    next_details: &[Option<usize>],
) -> usize {
    let mut j = start + 1;
    while j < lines.len() {
        let t = lines[j].text;
        let shell_message = !in_event && starts_shell_message(lines, j, next_details);
        if t.trim().is_empty()
            || shell_message
            || prompt_command(t).is_some()
            || event::starts_event_viewer_block(t)
            || (!in_event && (event::starts_known_message(t) || server_error::starts_message(t)))
            || crate::log::sniff::looks_like_row(t)
        {
            break;
        }
        j += 1;
    }
    j
}

fn is_one_line_event(text: &str) -> bool {
    (text.contains("Event ID:") && text.contains("Source:"))
        || (text.contains("Ereignis-ID:") && text.contains("Quelle:"))
}

/// The command typed at a PowerShell prompt line (`PS C:\> cmd`, `[PS] C:\Windows\system32>cmd`),
/// also in a remote session (`[ex01.contoso.com]: PS C:\Users\admin\Documents> cmd`, the
/// prompt `Enter-PSSession` sets), in PowerShell 7 on Linux or macOS (`PS /home/admin> cmd`) and
/// in a transcript (`PS>cmd`).
fn prompt_command(text: &str) -> Option<&str> {
    let t = text.trim_start();
    // `[computer]: ` of a remote session (not Exchange's own `[PS] `).
    let t = t
        .strip_prefix('[')
        .and_then(|rest| rest.split_once("]: "))
        .filter(|(computer, _)| !computer.is_empty() && !computer.contains(char::is_whitespace))
        .map(|(_, rest)| rest.trim_start())
        .unwrap_or(t);
    let shell = t.strip_prefix("[PS]").or_else(|| t.strip_prefix("PS"));
    let t = shell.map(str::trim_start).unwrap_or(t);
    // `PS>cmd`: a transcript's (`Start-Transcript -IncludeInvocationHeader`) or a short prompt.
    if let Some(command) = shell.and_then(|_| t.strip_prefix('>')) {
        return Some(command.trim());
    }
    if shell.is_some() && (t.starts_with('/') || t.starts_with('~')) {
        let gt = t.find('>')?;
        return (!t[..gt].contains(char::is_whitespace)).then(|| t[gt + 1..].trim());
    }
    let mut chars = t.chars();
    let drive = chars.next()?;
    if !drive.is_ascii_alphabetic() || chars.next()? != ':' || !matches!(chars.next()?, '\\' | '>')
    {
        return None;
    }
    let gt = t.find('>')?;
    Some(t[gt + 1..].trim())
}

fn classify_object(
    object: &format_list::ListObject,
    command: Option<&str>,
    out: &mut PastedOutput,
    referenced: &mut Vec<u64>,
) {
    if let Some(c) = certificate::from_list(object) {
        referenced.extend([
            c.line,
            c.thumbprint_line,
            c.has_private_key_line,
            c.services_line,
        ]);
        out.certificates.push(c);
    } else if let Some(c) = connector::from_list(object, command) {
        referenced.extend([c.line, c.tls_certificate_name_line]);
        out.connectors.push(c);
    } else if let Some(t) = transport_service::from_list(object) {
        referenced.extend([t.line, t.thumbprint_line]);
        out.transport_services.push(t);
    } else if let Some(q) = queue::from_list(object) {
        referenced.extend([q.line, q.last_error_line]);
        out.queues.push(q);
    } else if let Some(e) = event::from_list(object) {
        referenced.push(e.line);
        out.events.push(e);
    } else {
        out.skipped_lines += object.last_line.saturating_sub(object.first_line) + 1;
    }
}

fn read_table_block(block: &[Line<'_>], out: &mut PastedOutput, referenced: &mut Vec<u64>) {
    let Some(table) = format_table::read_table(block) else {
        return;
    };
    for row in &table.rows {
        if table.has_column("Thumbprint") {
            if let Some(c) = certificate::from_table_row(row) {
                referenced.push(c.line);
                out.certificates.push(c);
                continue;
            }
        } else if let Some(q) = queue::from_table_row(row) {
            referenced.push(q.line);
            out.queues.push(q);
            continue;
        }
        out.skipped_lines += 1;
    }
}

#[cfg(test)]
mod tests;
