//! PowerShell `Format-List` (`fl`) output: one object per block of `Name : Value` lines,
//! objects separated by blank lines. Names are padded to the longest name of the object,
//! so the ` : ` separators line up. Values longer than the console are wrapped by
//! PowerShell's `StringManipulationHelper.GenerateLinesWithWordWrap` (PowerShell/PowerShell,
//! `src/System.Management.Automation/FormatAndOutput/common/Utilities/MshObjectUtil.cs`):
//! the continuation lines are indented to the value column; a line is broken after a
//! word's delimiter (the space stays at the end of the line, and is often trimmed by the
//! copy), and a word longer than the line is cut mid-word at exactly the line width.

use super::Line;
use crate::limits::MAX_PASTE_VALUE_CHARS;

/// One `Name : Value` property, its wrapped continuation lines joined back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListField {
    pub name: String,
    pub value: String,
    /// 1-based line of `Name :` in the paste.
    pub line: u64,
    /// The joined value hit [`MAX_PASTE_VALUE_CHARS`] and was cut.
    pub capped: bool,
}

/// One object of `Format-List` output.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListObject {
    pub fields: Vec<ListField>,
    pub first_line: u64,
    pub last_line: u64,
}

impl ListObject {
    /// The property named `name` (case-insensitive, as PowerShell property names are).
    pub fn field(&self, name: &str) -> Option<&ListField> {
        self.fields
            .iter()
            .find(|f| f.name.eq_ignore_ascii_case(name))
    }

    /// Its value, trimmed; `None` when absent. An empty value is `Some("")`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.field(name).map(|f| f.value.as_str())
    }

    /// Its value when present and not empty.
    pub fn non_empty(&self, name: &str) -> Option<&str> {
        self.get(name).filter(|v| !v.is_empty())
    }

    pub fn has(&self, name: &str) -> bool {
        self.field(name).is_some()
    }

    /// The 1-based line of the property, else the object's first line.
    pub fn line_of(&self, name: &str) -> u64 {
        self.field(name).map(|f| f.line).unwrap_or(self.first_line)
    }
}

/// A line of the form `Name : Value` / `Name :` (a property name is one word of letters,
/// digits, `_`, `-`, `.`; the colon is followed by a space or the end of the line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyLine<'a> {
    pub indent: usize,
    pub name: &'a str,
    pub value: &'a str,
}

pub fn key_line(text: &str) -> Option<KeyLine<'_>> {
    crate::grammar::format_list::key_line(text).map(|k| KeyLine {
        indent: k.indent,
        name: k.name,
        value: k.value,
    })
}

/// Reads consecutive non-blank lines (one block) that start with a key line as one object.
/// Lines that are not key lines at the object's indentation continue the previous value.
pub fn read_object(block: &[Line<'_>]) -> Option<ListObject> {
    let first = block.first()?;
    let base_indent = key_line(first.text)?.indent;
    // The console width as seen in this block: a line cut mid-word is exactly this long.
    let width = block
        .iter()
        .map(|l| l.text.trim_end().chars().count())
        .max()
        .unwrap_or(0);

    let mut object = ListObject {
        first_line: first.number,
        last_line: first.number,
        ..Default::default()
    };
    let mut previous: Option<&str> = None;
    let mut value_chars = 0usize;
    for line in block {
        object.last_line = line.number;
        match key_line(line.text) {
            Some(k) if k.indent <= base_indent => {
                // A one-line value is capped like a wrapped one (a 1 MB line is not kept whole).
                let value = k.value.trim_end();
                let capped = value.chars().nth(MAX_PASTE_VALUE_CHARS).is_some();
                let value: String = value.chars().take(MAX_PASTE_VALUE_CHARS).collect();
                value_chars = value.chars().count();
                object.fields.push(ListField {
                    name: k.name.to_string(),
                    value,
                    line: line.number,
                    capped,
                });
            }
            _ => {
                let Some(field) = object.fields.last_mut() else {
                    continue;
                };
                let Some((_, piece)) = crate::grammar::format_list::continuation(line.text) else {
                    continue;
                };
                let prev = previous.unwrap_or("");
                let cut_mid_word = is_cut_mid_word(prev, line.text, width);
                // The running count keeps this linear (a recount per line is quadratic).
                let piece_chars = piece.chars().count();
                if value_chars + piece_chars + 1 > MAX_PASTE_VALUE_CHARS {
                    field.capped = true;
                } else if !field.capped {
                    if !cut_mid_word && !field.value.is_empty() {
                        field.value.push(' ');
                        value_chars += 1;
                    }
                    field.value.push_str(piece);
                    value_chars += piece_chars;
                }
            }
        }
        previous = Some(line.text);
    }
    Some(object)
}

/// Was `previous` cut inside a word that `next` continues? PowerShell only cuts a word
/// that is wider than a whole line, so: `previous` does not end with its delimiter, and
/// the word across the break is wider than the space a continuation line offers.
fn is_cut_mid_word(previous: &str, next: &str, width: usize) -> bool {
    if previous.ends_with(char::is_whitespace) {
        return false;
    }
    let tail = previous
        .trim_end()
        .rsplit(' ')
        .next()
        .unwrap_or("")
        .chars()
        .count();
    let head = next
        .trim_start()
        .split(' ')
        .next()
        .unwrap_or("")
        .chars()
        .count();
    let indent = next.chars().take_while(|c| *c == ' ').count();
    tail + head > width.saturating_sub(indent)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paste::split_lines;

    fn object(text: &str) -> ListObject {
        let lines = split_lines(text);
        read_object(&lines).expect("an object")
    }

    #[test]
    fn key_lines() {
        assert_eq!(
            key_line("Thumbprint         : ABC").map(|k| (k.name, k.value)),
            Some(("Thumbprint", "ABC"))
        );
        assert_eq!(
            key_line("TlsDomain          :").map(|k| (k.name, k.value)),
            Some(("TlsDomain", ""))
        );
        assert!(key_line("C:\\> Get-Queue").is_none());
        assert!(key_line("Log Name:      Application").is_none());
        assert!(key_line("https://contoso.com").is_none());
        assert!(key_line("   CN=mail.contoso.com, O=Contoso").is_none());
    }

    #[test]
    fn word_wrapped_value_with_trimmed_trailing_spaces() {
        let o = object(
            "Identity  : EX01\\3\n\
             LastError : 451 4.4.0 Primary target IP address responded with: \"421 4.4.1\n            Connection timed out.\" Attempted failover to alternate host, but that\n            did not succeed.\n\
             Status    : Retry",
        );
        assert_eq!(
            o.get("LastError"),
            Some("451 4.4.0 Primary target IP address responded with: \"421 4.4.1 Connection timed out.\" Attempted failover to alternate host, but that did not succeed.")
        );
        assert_eq!(o.get("status"), Some("Retry"));
        assert_eq!(o.line_of("Status"), 5);
    }

    #[test]
    fn word_longer_than_the_line_is_joined_without_space() {
        // Width 29: "Thumbprint : " is 13 wide, the 40-digit thumbprint is cut every 16 digits.
        let o = object("Subject    : CN=a\nThumbprint : 0B58F12C3D4E5F60\n             718293A4B5C6D7E8\n             F90A1B2C");
        assert_eq!(
            o.get("Thumbprint"),
            Some("0B58F12C3D4E5F60718293A4B5C6D7E8F90A1B2C")
        );
    }
}
