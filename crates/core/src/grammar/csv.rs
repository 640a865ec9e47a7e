//! `Export-Csv` / `ConvertTo-Csv` output: an optional `#TYPE <type name>` line (Windows PowerShell
//! 5.1 writes it unless `-NoTypeInformation`), a header of property names and one record per
//! object, every field in double quotes (a quote inside doubled: `""`), separated by `,` or by
//! the culture's list separator with `-UseCulture` (`;` on a German Windows) or `-Delimiter`.
//!
//! Sources: Export-Csv (learn.microsoft.com/powershell/module/microsoft.powershell.utility/export-csv?view=powershell-5.1:
//! "#TYPE" line, `-NoTypeInformation`, `-UseCulture`, `-Delimiter`); RFC 4180 (quoting).
//! A multi-valued property is written as its type's `ToString()` (`System.Collections.ArrayList`
//! from the Exchange Management Shell's remote session, `System.Object[]`): such a value says
//! nothing about the items, see [`is_type_name`].

/// The `#TYPE` line: the type name after it.
pub fn type_line(text: &str) -> Option<&str> {
    let rest = text.trim().strip_prefix("#TYPE ")?;
    Some(rest.trim()).filter(|t| !t.is_empty() && !t.contains(char::is_whitespace))
}

/// The fields of one record (a line), unquoted, when it is well-formed: every field quoted, or
/// bare (PowerShell 7 `-UseQuotes AsNeeded`). `None` for a quote left open or text after a
/// closing quote. At most `max_fields` fields are read.
pub fn record(text: &str, delimiter: char, max_fields: usize) -> Option<Vec<String>> {
    let mut fields = Vec::new();
    let mut chars = text.trim_end_matches(['\r', '\n']).chars().peekable();
    loop {
        if fields.len() >= max_fields {
            return None;
        }
        let mut field = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next()? {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    '"' => break,
                    c => field.push(c),
                }
            }
            match chars.next() {
                None => {
                    fields.push(field);
                    return Some(fields);
                }
                Some(c) if c == delimiter => fields.push(field),
                Some(_) => return None,
            }
        } else {
            loop {
                match chars.next() {
                    None => {
                        fields.push(field);
                        return Some(fields);
                    }
                    Some(c) if c == delimiter => break,
                    Some('"') => return None,
                    Some(c) => field.push(c),
                }
            }
            fields.push(field);
        }
    }
}

/// A header line: quoted property names separated by `delimiter` (`,`, `;` or a tab, whichever
/// separates at least two names), every name one word (`Thumbprint`, `TlsCertificateName`).
pub fn header(text: &str) -> Option<(char, Vec<String>)> {
    let t = text.trim();
    if !t.starts_with('"') {
        return None;
    }
    [',', ';', '\t'].into_iter().find_map(|d| {
        let names = record(t, d, 512)?;
        let all_names = names.iter().all(|n| {
            nom::combinator::all_consuming(super::format_list::property_name)(n.as_str()).is_ok()
        });
        (names.len() >= 2 && all_names).then_some((d, names))
    })
}

/// `System.Collections.ArrayList`, `System.Object[]`, `Microsoft.Exchange.Data.MultiValuedProperty`1[...]`:
/// a type's name written in place of a value.
pub fn is_type_name(value: &str) -> bool {
    let v = value.trim();
    [
        "System.Collections.",
        "System.Object[]",
        "System.String[]",
        "System.Security.",
        "Microsoft.Exchange.Data.",
        "Deserialized.",
    ]
    .iter()
    .any(|p| v.starts_with(p))
        && !v.contains([' ', '='])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_and_headers() {
        assert_eq!(
            type_line("#TYPE Deserialized.Microsoft.Exchange.Management.SystemConfigurationTasks.ExchangeCertificate"),
            Some("Deserialized.Microsoft.Exchange.Management.SystemConfigurationTasks.ExchangeCertificate")
        );
        assert_eq!(
            header("\"Thumbprint\",\"Subject\",\"NotAfter\""),
            Some((
                ',',
                vec!["Thumbprint".into(), "Subject".into(), "NotAfter".into()]
            ))
        );
        assert_eq!(header("\"Thumbprint\";\"Subject\"").map(|h| h.0), Some(';'));
        assert_eq!(header("\"a b\",\"c\""), None);
        assert_eq!(header("Thumbprint,Subject"), None);
        assert_eq!(
            record(
                "\"<I>CN=R11, O=Let's Encrypt, C=US<S>CN=mail\",\"say \"\"hi\"\"\",\"\"",
                ',',
                10
            ),
            Some(vec![
                "<I>CN=R11, O=Let's Encrypt, C=US<S>CN=mail".into(),
                "say \"hi\"".into(),
                String::new()
            ])
        );
        assert_eq!(record("a,b", ',', 10), Some(vec!["a".into(), "b".into()]));
        assert_eq!(record("\"open", ',', 10), None);
        assert_eq!(record("\"a\"x,b", ',', 10), None);
        assert_eq!(record("a,b,c", ',', 2), None);
        assert!(is_type_name("System.Collections.ArrayList"));
        assert!(is_type_name("System.Object[]"));
        assert!(!is_type_name("IMAP, POP, IIS, SMTP"));
        assert!(!is_type_name("mail.contoso.com"));
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn never_panics(text in any::<String>()) {
            let _ = type_line(&text);
            let _ = header(&text);
            let _ = record(&text, ',', 16);
            let _ = is_type_name(&text);
        }

        #[test]
        fn quoted_fields_read_back(fields in proptest::collection::vec("[^\r\n]{0,12}", 1..6)) {
            let line: Vec<String> = fields.iter().map(|f| format!("\"{}\"", f.replace('"', "\"\""))).collect();
            prop_assert_eq!(record(&line.join(","), ',', 16), Some(fields));
        }
    }
}
