//! `Get-ExchangeCertificate | ConvertTo-Json`, `Get-SendConnector | ConvertTo-Json`, ...: one
//! object or an array of objects (learn.microsoft.com/powershell/module/microsoft.powershell.utility/convertto-json?view=powershell-5.1).
//! Each object becomes a [`ListObject`] read by the same readers as `Format-List` output, with
//! only the values whose JSON form says what Format-List would: strings, booleans (`True` /
//! `False`), whole numbers, arrays of strings (`{a, b}`) and Windows PowerShell 5.1's dates
//! (`"\/Date(1768435199000)\/"`, milliseconds since 1970 in UTC, written as
//! `2026-01-14 23:59:59`). Anything else (an enum written as its number, a nested object such as
//! a deserialized `SmtpX509Identifier`, a list of objects) is left out: the property is then not
//! shown, never guessed.

use serde_json::Value;

use super::format_list::{ListField, ListObject};
use super::Line;
use crate::limits::MAX_PASTE_VALUE_CHARS;

/// Properties whose number would be an enum's value, not what Format-List prints.
const ENUM_PROPERTIES: &[&str] = &[
    "Services",
    "Status",
    "RootCAType",
    "TlsAuthLevel",
    "DeliveryType",
    "ProtocolLoggingLevel",
    "AuthMechanism",
];

/// How far (lines) a property's line is looked for from its object's start.
const MAX_LOOKUP_LINES: usize = 400;

/// A JSON value starting at line `start` (`[`, `{`, or a compressed `[{...}]` line): its
/// objects and the end (exclusive) of its lines. `text` is the whole paste `lines` were split
/// from. `None` when no JSON value starts there.
pub fn read_block(
    text: &str,
    lines: &[Line<'_>],
    start: usize,
) -> Option<(Vec<ListObject>, usize)> {
    let first = lines.get(start)?.text;
    let t = first.trim_start();
    if !(t.starts_with('[') || t.starts_with('{')) {
        return None;
    }
    let offset = (first.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    let rest = text.get(offset..)?;
    let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<Value>();
    let value = stream.next()?.ok()?;
    let used = stream.byte_offset();
    let end_line = start + rest.get(..used)?.matches('\n').count() + 1;
    let end = end_line.min(lines.len());
    let items: Vec<&serde_json::Map<String, Value>> = match &value {
        Value::Array(a) => a.iter().filter_map(Value::as_object).collect(),
        Value::Object(o) => vec![o],
        _ => return None,
    };
    if items.is_empty() {
        return None;
    }
    let block = &lines[start..end];
    let mut objects = Vec::new();
    let mut from = 0usize;
    for item in items {
        let mut fields = Vec::new();
        let mut last = from;
        for (name, v) in item {
            let Some(value) = scalar(name, v) else {
                continue;
            };
            let at = block
                .iter()
                .enumerate()
                .skip(from)
                .take(MAX_LOOKUP_LINES)
                .find(|(_, l)| l.text.contains(&format!("\"{name}\"")))
                .map(|(k, _)| k);
            last = last.max(at.unwrap_or(from));
            fields.push(ListField {
                name: name.clone(),
                capped: value.chars().nth(MAX_PASTE_VALUE_CHARS).is_some(),
                value: value.chars().take(MAX_PASTE_VALUE_CHARS).collect(),
                line: block[at.unwrap_or(from).min(block.len() - 1)].number,
            });
        }
        let first_line = fields
            .iter()
            .map(|f| f.line)
            .min()
            .unwrap_or(block[0].number);
        let last_line = fields.iter().map(|f| f.line).max().unwrap_or(first_line);
        objects.push(ListObject {
            fields,
            first_line,
            last_line,
        });
        from = (last + 1).min(block.len().saturating_sub(1));
    }
    Some((objects, end))
}

/// The value as Format-List would print it, when its JSON form says so.
fn scalar(name: &str, v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(date(s).unwrap_or_else(|| s.clone())),
        Value::Bool(b) => Some(if *b { "True" } else { "False" }.to_string()),
        Value::Number(n) if !ENUM_PROPERTIES.iter().any(|p| p.eq_ignore_ascii_case(name)) => {
            n.as_u64().map(|n| n.to_string())
        }
        Value::Array(items) => {
            let strings: Option<Vec<&str>> = items.iter().map(Value::as_str).collect();
            strings.map(|s| format!("{{{}}}", s.join(", ")))
        }
        _ => None,
    }
}

/// `/Date(1768435199000)/` (ConvertTo-Json in Windows PowerShell 5.1; the JSON text escapes the
/// slashes, `\/`), milliseconds since 1970 UTC, as `2026-01-14 23:59:59`.
fn date(s: &str) -> Option<String> {
    let inner = s.strip_prefix("/Date(")?.strip_suffix(")/")?;
    // `-0800` style offsets follow the number in some writers: the number is still UTC.
    let digits = inner
        .split(['+', '-'])
        .find(|p| !p.is_empty())
        .filter(|_| !inner.starts_with('-'))?;
    let ms: i64 = digits.parse().ok()?;
    let t = time::OffsetDateTime::from_unix_timestamp(ms.div_euclid(1000)).ok()?;
    Some(format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_scalars() {
        assert_eq!(
            date("/Date(1768435199000)/").as_deref(),
            Some("2026-01-14 23:59:59")
        );
        assert_eq!(date("/Date(x)/"), None);
        assert_eq!(date("1/14/2026"), None);
        assert_eq!(
            scalar("Services", &serde_json::json!(15)),
            None,
            "an enum's number is not its name"
        );
        assert_eq!(
            scalar("Services", &serde_json::json!("IMAP, POP, IIS, SMTP")).as_deref(),
            Some("IMAP, POP, IIS, SMTP")
        );
        assert_eq!(
            scalar(
                "CertificateDomains",
                &serde_json::json!(["a.contoso.com", "b.contoso.com"])
            )
            .as_deref(),
            Some("{a.contoso.com, b.contoso.com}")
        );
        assert_eq!(
            scalar("CertificateDomains", &serde_json::json!([{"Domain": "a"}])),
            None
        );
        assert_eq!(
            scalar("HasPrivateKey", &serde_json::json!(false)).as_deref(),
            Some("False")
        );
        assert_eq!(
            scalar(
                "TlsCertificateName",
                &serde_json::json!({"CertificateSubject": "x"})
            ),
            None
        );
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn never_panics(body in "[\\[\\]{}\",: a-z0-9\\n\\\\/]{0,80}") {
            let text = format!("[{body}");
            let lines = crate::paste::split_lines(&text);
            for i in 0..lines.len() {
                let _ = read_block(&text, &lines, i);
            }
        }
    }
}
