//! PowerShell `Format-List` property lines: `Name : Value`, the names padded to the longest name
//! of the object so the colons line up, `Name :` for an empty value, and continuation lines of a
//! wrapped value indented to the value column.
//!
//! Sources: PowerShell/PowerShell `src/System.Management.Automation/FormatAndOutput/common/
//! FormatViewGenerator_List.cs` and `ListWriter.cs` (name column padded, `" : "` separator,
//! wrapped values indented) and `MshObjectUtil.cs` (`GenerateLinesWithWordWrap`). A property name
//! is one word of letters, digits, `_`, `-`, `.` starting with a letter (Exchange's and .NET's
//! property names); `C:\> Get-Queue` or `Log Name:   Application` are not property lines.
//!
//! The joining of wrapped continuation lines (when a break fell inside a word) needs the console
//! width of the whole block and stays in `crate::paste::format_list`.

use nom::bytes::complete::{take_while, take_while1};
use nom::character::complete::{char, satisfy};
use nom::combinator::{eof, opt, recognize, rest};
use nom::sequence::{pair, preceded, terminated, tuple};

use super::PResult;

/// A property line: its indentation (spaces), name and value (raw: trailing spaces kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyLine<'a> {
    pub indent: usize,
    pub name: &'a str,
    pub value: &'a str,
}

/// `Thumbprint`, `TlsCertificateName`, `Microsoft.Exchange.Foo`.
pub fn property_name(input: &str) -> PResult<'_, &str> {
    recognize(pair(
        satisfy(|c| c.is_ascii_alphabetic()),
        take_while(|c: char| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')),
    ))(input)
}

/// ` : ` after the padded name: spaces, a colon, then a space or the end of the line.
fn separator(input: &str) -> PResult<'_, ()> {
    let (input, _) = terminated(
        pair(take_while(|c| c == ' '), char(':')),
        nom::combinator::peek(nom::branch::alt((recognize(char(' ')), eof))),
    )(input)?;
    let (input, _) = opt(char(' '))(input)?;
    Ok((input, ()))
}

/// A whole property line.
pub fn key_line(text: &str) -> Option<KeyLine<'_>> {
    let (_, (indent, name, value)) = tuple((
        take_while(|c| c == ' '),
        property_name,
        preceded(separator, rest),
    ))(text)
    .ok()?;
    Some(KeyLine {
        indent: indent.len(),
        name,
        value,
    })
}

/// A continuation line: its indentation and its text (trimmed). `None` for a blank line.
pub fn continuation(text: &str) -> Option<(usize, &str)> {
    let (_, (indent, piece)) = pair(take_while(|c| c == ' '), take_while1(|_| true))(text)
        .map_err(|_: nom::Err<nom::error::Error<&str>>| ())
        .ok()?;
    Some((indent.len(), piece.trim())).filter(|(_, p)| !p.is_empty())
}

/// The ellipsis PowerShell 5.1 (`...`) or PowerShell 7 (`…`) puts after a value it cut at
/// `$FormatEnumerationLimit` or at the column width.
fn ellipsis(input: &str) -> PResult<'_, &str> {
    nom::branch::alt((
        nom::bytes::complete::tag("..."),
        nom::bytes::complete::tag("\u{2026}"),
    ))(input)
}

/// A value without its trailing ellipsis (after trailing spaces), and whether there was one.
pub fn without_ellipsis(value: &str) -> (&str, bool) {
    let v = value.trim_end();
    for cut in ["...", "\u{2026}"] {
        if v.len() >= cut.len() && v.is_char_boundary(v.len() - cut.len()) {
            let (head, tail) = v.split_at(v.len() - cut.len());
            if nom::combinator::all_consuming(ellipsis)(tail).is_ok() {
                return (head, true);
            }
        }
    }
    (v, false)
}

/// A multi-valued property as Format-List prints it: `{a, b, c}`, `{a, b, c...}` when cut, `{}`
/// when empty, or bare `a, b` / `a`. Returns the items (trimmed, empty ones dropped) and whether
/// the list was cut.
pub fn list_value(value: &str) -> (Vec<&str>, bool) {
    let v = value.trim();
    let inner = match char::<_, nom::error::Error<&str>>('{')(v) {
        Ok((after_brace, _)) => after_brace.strip_suffix('}').unwrap_or(after_brace),
        Err(_) => v,
    };
    let (inner, cut) = without_ellipsis(inner);
    let items: PResult<'_, Vec<&str>> =
        nom::multi::separated_list0(char(','), take_while(|c| c != ','))(inner);
    let items = items
        .map(|(_, items)| items)
        .unwrap_or_default()
        .into_iter()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    (items, cut)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn property_lines() {
        // Get-ExchangeCertificate | fl, Get-SendConnector | fl shapes.
        let k = key_line("Thumbprint         : ABC").unwrap();
        assert_eq!((k.indent, k.name, k.value), (0, "Thumbprint", "ABC"));
        let k = key_line("TlsDomain          :").unwrap();
        assert_eq!((k.name, k.value), ("TlsDomain", ""));
        let k = key_line("  Status : Retry  ").unwrap();
        assert_eq!((k.indent, k.value), (2, "Retry  "));
        assert!(key_line("C:\\> Get-Queue").is_none());
        assert!(key_line("Log Name:      Application").is_none());
        assert!(key_line("https://contoso.com").is_none());
        assert!(key_line("   CN=mail.contoso.com, O=Contoso").is_none());
        assert!(key_line("9Name : x").is_none());
        assert_eq!(
            continuation("            did not succeed."),
            Some((12, "did not succeed."))
        );
        assert_eq!(continuation("    "), None);
    }

    #[test]
    fn list_values() {
        // Get-ExchangeCertificate | fl CertificateDomains, cut at $FormatEnumerationLimit (4).
        assert_eq!(
            list_value("{mail.contoso.com, contoso.com}"),
            (vec!["mail.contoso.com", "contoso.com"], false)
        );
        assert_eq!(
            list_value("{a.contoso.com, b.contoso.com, c.contoso.com, d.contoso.com...}"),
            (
                vec![
                    "a.contoso.com",
                    "b.contoso.com",
                    "c.contoso.com",
                    "d.contoso.com"
                ],
                true
            )
        );
        assert_eq!(list_value("{a, b\u{2026}}"), (vec!["a", "b"], true));
        assert_eq!(list_value("{}"), (vec![], false));
        assert_eq!(list_value("SMTP:*;1"), (vec!["SMTP:*;1"], false));
        assert_eq!(
            without_ellipsis("Outbound to Offi... "),
            ("Outbound to Offi", true)
        );
        assert_eq!(without_ellipsis("EX01"), ("EX01", false));
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// `paste::format_list::key_line` before the grammar (the oracle below).
    fn loop_key_line(text: &str) -> Option<(usize, &str, &str)> {
        let rest = text.trim_start_matches(' ');
        let indent = text.len() - rest.len();
        let first = rest.chars().next()?;
        if !first.is_ascii_alphabetic() {
            return None;
        }
        let name_len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
            .unwrap_or(rest.len());
        let name = &rest[..name_len];
        let after = rest[name_len..].trim_start_matches(' ');
        let after = after.strip_prefix(':')?;
        if !(after.is_empty() || after.starts_with(' ')) {
            return None;
        }
        Some((indent, name, after.strip_prefix(' ').unwrap_or(after)))
    }

    /// `paste::values::parse_list` before the grammar (the oracle below).
    fn loop_list(value: &str) -> (Vec<String>, bool) {
        let v = value.trim();
        let inner = v
            .strip_prefix('{')
            .map(|s| s.strip_suffix('}').unwrap_or(s))
            .unwrap_or(v);
        let inner = inner.trim_end();
        let (inner, cut) = if let Some(rest) = inner.strip_suffix("...") {
            (rest, true)
        } else if let Some(rest) = inner.strip_suffix('\u{2026}') {
            (rest, true)
        } else {
            (inner, false)
        };
        let items = inner
            .split(',')
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        (items, cut)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn never_panics(text in any::<String>()) {
            let _ = key_line(&text);
            let _ = continuation(&text);
        }

        #[test]
        fn same_answers_as_the_loop_it_replaced(text in "[ A-Za-z0-9_.:\\-]{0,24}") {
            let new = key_line(&text).map(|k| (k.indent, k.name, k.value));
            prop_assert_eq!(new, loop_key_line(&text));
        }

        #[test]
        fn lists_as_the_loop_it_replaced(text in "[{} ,a.\u{2026}]{0,20}") {
            let (items, cut) = list_value(&text);
            let items: Vec<String> = items.into_iter().map(str::to_string).collect();
            prop_assert_eq!((items, cut), loop_list(&text));
        }

        #[test]
        fn padded_lines_read_back(indent in 0usize..4, name in "[A-Za-z][A-Za-z0-9_.-]{0,20}",
                                  pad in 0usize..10, value in "[^ \\n][^\\n]{0,30}") {
            let line = format!("{}{name}{} : {value}", " ".repeat(indent), " ".repeat(pad));
            let k = key_line(&line).unwrap();
            prop_assert_eq!(k.indent, indent);
            prop_assert_eq!(k.name, name.as_str());
            prop_assert_eq!(k.value, value.as_str());
        }
    }
}
