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

/// Reads a block of consecutive non-blank lines that starts with a key line as one object.
/// Lines that are not key lines at the object's indentation continue the previous value.
pub fn read_object(block: &[Line<'_>]) -> Option<ListObject> {
    read_objects(block).into_iter().next()
}

/// Reads a block as [`read_object`] does, and as several objects where the first object's first
/// property comes again at its indentation: objects whose blank lines were dropped (a ticket, a
/// chat). A property that repeats otherwise (`fl *` of a certificate lists `Thumbprint`,
/// `NotAfter`, ... twice) stays in its object.
pub fn read_objects(block: &[Line<'_>]) -> Vec<ListObject> {
    let mut objects = Vec::new();
    let Some(first) = block.first() else {
        return objects;
    };
    let Some(first_key) = key_line(first.text) else {
        return objects;
    };
    let first_name = first_key.name;
    let base_indent = first_key.indent;
    // The value column: where the first value starts (`Name : ` padded to the longest name).
    let value_column = first.text.chars().count() - first_key.value.chars().count();
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
        let key = key_line(line.text);
        if key.as_ref().is_some_and(|k| {
            k.indent == base_indent
                && line.number > first.number
                && k.name.eq_ignore_ascii_case(first_name)
        }) {
            let next = ListObject {
                first_line: line.number,
                last_line: line.number,
                ..Default::default()
            };
            objects.push(std::mem::replace(&mut object, next));
            previous = None;
        }
        object.last_line = line.number;
        match key {
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
                let cut_mid_word = is_cut_mid_word(prev, line.text, width, value_column);
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
    objects.push(object);
    objects
}

/// Was `previous` cut inside a word that `next` continues? `GenerateLinesWithWordWrap` puts
/// each word with its delimiter (the space after it) on the line when it fits, else starts
/// a new line; only a word wider than a whole line is cut, character by character, and
/// then the line it fills is exactly the console width. So a break fell mid-word when
/// `previous`:
/// * does not end with a delimiter (a copy that kept the trailing spaces shows it),
/// * reaches the width (a line broken before a word ends earlier: its trailing space, if
///   the copy trimmed it, was inside the width),
/// * and the word across the break is at least a continuation line wide (two words of a
///   normal break that happen to reach the width are not taken for one);
///
/// and `next` does not start with the delimiter itself (indented past the value column:
/// the cut fell just before the space that ended the word).
fn is_cut_mid_word(previous: &str, next: &str, width: usize, value_column: usize) -> bool {
    if previous.ends_with(char::is_whitespace) {
        return false;
    }
    let previous = previous.trim_end();
    if previous.chars().count() < width {
        return false;
    }
    let indent = next.chars().take_while(|c| *c == ' ').count();
    if value_column > 0 && indent > value_column {
        return false;
    }
    // After a `,` the text cannot always tell a cut (`Encrypt,|C=US`, no space in the
    // value) from a break after the word: .NET's distinguished names, Format-List's `{a, b}`
    // lists and prose put a space there, and the readers of names and lists are blind to that
    // space, so the space is what is kept.
    if previous.ends_with(',') {
        return false;
    }
    let tail = previous.rsplit(' ').next().unwrap_or("").chars().count();
    let head = next
        .trim_start()
        .split(' ')
        .next()
        .unwrap_or("")
        .chars()
        .count();
    tail + head >= width.saturating_sub(indent)
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

#[cfg(all(test, not(target_arch = "wasm32")))]
mod wrap_model {
    use super::*;
    use crate::paste::split_lines;

    /// PowerShell's `StringManipulationHelper.GenerateLinesWithWordWrap` for one-cell
    /// characters: words with their delimiter (`GetWords` splits after ' '), a word wider than
    /// the line cut character by character from where the line stands.
    fn generate_lines_with_word_wrap(value: &str, width: usize) -> Vec<String> {
        let mut lines = Vec::new();
        let mut current = String::new();
        let mut left = width;
        let mut words: Vec<String> = value.split(' ').map(|w| format!("{w} ")).collect();
        if let Some(last) = words.last_mut() {
            last.pop();
        }
        for word in words {
            let len = word.chars().count();
            if len > width {
                for c in word.chars() {
                    if left < 1 {
                        lines.push(std::mem::take(&mut current));
                        left = width;
                    }
                    current.push(c);
                    left -= 1;
                }
            } else {
                if len > left {
                    lines.push(std::mem::take(&mut current));
                    left = width;
                }
                current.push_str(&word);
                left -= len;
            }
        }
        lines.push(current);
        lines
    }

    /// `Name : value` as ListWriter prints it, the continuation lines indented to the value
    /// column, trailing spaces kept or trimmed (as copies differ).
    fn render(name_width: usize, value: &str, width: usize, trim: bool) -> String {
        let mut out = Vec::new();
        for (i, l) in generate_lines_with_word_wrap(value, width)
            .iter()
            .enumerate()
        {
            let head = if i == 0 {
                format!("{:<name_width$} : ", "Value")
            } else {
                " ".repeat(name_width + 3)
            };
            let line = format!("{head}{l}");
            out.push(if trim {
                line.trim_end().to_string()
            } else {
                line
            });
        }
        out.join("\n")
    }

    const VALUES: &[&str] = &[
        "<I>CN=R11, O=Let's Encrypt, C=US<S>CN=mail.contoso.com",
        "<I>CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US<S>CN=mail.contoso.com, O=Contoso Ltd, L=Redmond, S=Washington, C=US",
        "{mail.contoso.com, autodiscover.contoso.com, contoso.com, owa.contoso.com, smtp.contoso.com}",
        "451 4.4.0 Primary target IP address responded with: \"421 4.4.1 Connection timed out.\" Attempted failover to alternate host, but that did not succeed.",
        "[{LED=451 4.4.395 Target host responded with error. -> 454 4.7.5 Certificate validation failure};{MSG=};{FQDN=mail.fabrikam.com};{IP=203.0.113.25};{LRT=11/5/2024 9:14:02 AM}]",
    ];

    /// The widths at which a line of the wrapped value reaches the console width (a word cut
    /// or a line filled to its last column): there the width is known from the text.
    fn reaches_width(text: &str, name_width: usize, width: usize) -> bool {
        text.lines()
            .any(|l| l.trim_end().chars().count() == name_width + 3 + width)
    }

    #[test]
    fn cut_mid_token_tls_certificate_name_is_joined_without_a_space() {
        // `Get-SendConnector | fl` (names padded to 18) with a value column 20 wide: the break
        // after `Let's` is a word break, `CN=m|ail.contoso.com` is cut mid-word.
        let v = VALUES[0];
        let text = render(18, v, 20, true);
        assert_eq!(
            text,
            "Value              : <I>CN=R11, O=Let's\n                     Encrypt, C=US<S>CN=m\n                     ail.contoso.com"
        );
        let o = read_object(&split_lines(&text)).expect("an object");
        assert_eq!(o.get("Value"), Some(v));
    }

    /// Every value read back as printed, at every width where the text shows the width (a
    /// line reaches it), trailing spaces kept or trimmed. Where no line reaches the width the
    /// text cannot tell a break at a word from a cut one in every case; those are counted.
    #[test]
    fn wrapped_values_read_back() {
        let (mut checked, mut unknown_width, mut unknown_wrong) = (0, 0, 0);
        for v in VALUES {
            for name_width in 5..40 {
                for width in 8..100 {
                    for trim in [true, false] {
                        let text = render(name_width, v, width, trim);
                        if !text.contains('\n') {
                            continue;
                        }
                        let o = read_object(&split_lines(&text)).expect("an object");
                        if reaches_width(&text, name_width, width) {
                            checked += 1;
                            assert_eq!(o.get("Value"), Some(*v), "{text}");
                        } else {
                            unknown_width += 1;
                            unknown_wrong += usize::from(o.get("Value") != Some(*v));
                        }
                    }
                }
            }
        }
        assert!(checked > 5000, "{checked}");
        eprintln!(
            "{checked} read back; width not shown: {unknown_wrong} of {unknown_width} differ"
        );
    }
}
