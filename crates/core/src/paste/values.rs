//! How PowerShell's formatter prints the values we read back: multi-valued properties as
//! `{a, b, c}` (cut at `$FormatEnumerationLimit` with `...`), booleans as `True`/`False`,
//! thumbprints as 40 hex digits, Exchange's `Services` flags either as `IMAP, POP, IIS, SMTP`
//! (Format-List) or as the letter string `IP.WS...` (Format-Table).

/// The ellipsis PowerShell 5.1 (`...`) or PowerShell 7 (`…`) appends to a cut value.
pub fn strip_ellipsis(value: &str) -> (&str, bool) {
    crate::grammar::format_list::without_ellipsis(value)
}

/// A multi-valued property: `{a, b, c}` or `{a, b, c...}` (cut), or a bare `a, b` / `a`.
/// Returns the items and whether the list was cut by `$FormatEnumerationLimit`
/// ([`crate::grammar::format_list::list_value`]).
pub fn parse_list(value: &str) -> (Vec<String>, bool) {
    let (items, truncated) = crate::grammar::format_list::list_value(value);
    (items.into_iter().map(str::to_string).collect(), truncated)
}

/// `True` / `False` (any case; also `$true`/`$false`). Anything else is `None`.
pub fn parse_bool(value: &str) -> Option<bool> {
    let v = value.trim().trim_start_matches('$');
    if v.eq_ignore_ascii_case("true") {
        Some(true)
    } else if v.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// A certificate thumbprint as Windows prints it (40 hex digits, maybe with spaces as the
/// certificate dialog shows them). Returns 40 uppercase hex digits.
pub fn parse_thumbprint(value: &str) -> Option<String> {
    let digits: String = value
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | ':' | '\u{200e}' | '\u{200f}'))
        .collect();
    if digits.len() == 40 && digits.chars().all(|c| c.is_ascii_hexdigit()) {
        Some(digits.to_ascii_uppercase())
    } else {
        None
    }
}

/// Every 40-hex-digit token in free text (event messages), uppercase, in order, deduplicated.
pub fn find_thumbprints(text: &str) -> Vec<String> {
    crate::grammar::event_text::thumbprints(text)
}

/// Exchange `AllowedServices` names from either form. Format-List prints
/// `IMAP, POP, IIS, SMTP`; Format-Table prints one letter per service or `.`
/// (`I`=IMAP, `P`=POP, `U`=UM, `W`=IIS, `S`=SMTP, `F`=Federation, `C`=UMCallRouter).
pub fn parse_services(value: &str) -> Vec<String> {
    let v = value.trim();
    let letters_only =
        !v.is_empty() && !v.contains(',') && v.chars().all(|c| c == '.' || "IPUWSFC".contains(c));
    if letters_only && (v.contains('.') || v.len() <= 7) && !matches!(v, "IIS" | "POP" | "SMTP") {
        return v
            .chars()
            .filter_map(|c| match c {
                'I' => Some("IMAP"),
                'P' => Some("POP"),
                'U' => Some("UM"),
                'W' => Some("IIS"),
                'S' => Some("SMTP"),
                'F' => Some("Federation"),
                'C' => Some("UMCallRouter"),
                _ => None,
            })
            .map(str::to_string)
            .collect();
    }
    parse_list(v)
        .0
        .into_iter()
        .filter(|s| !s.eq_ignore_ascii_case("None"))
        .collect()
}

/// Compares two distinguished names the way a person reads them: case-insensitive and
/// blind to the spacing after `,` / `;` separators and around the whole string.
pub fn dn_key(dn: &str) -> String {
    crate::grammar::dn::key(dn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_with_braces_and_enumeration_limit() {
        assert_eq!(
            parse_list("{mail.contoso.com, contoso.com}").0,
            vec!["mail.contoso.com", "contoso.com"]
        );
        let (items, cut) =
            parse_list("{a.contoso.com, b.contoso.com, c.contoso.com, d.contoso.com...}");
        assert_eq!(items.len(), 4);
        assert!(cut);
        assert_eq!(parse_list("{}").0, Vec::<String>::new());
        assert_eq!(parse_list("SMTP:*;1").0, vec!["SMTP:*;1"]);
    }

    #[test]
    fn booleans_and_thumbprints() {
        assert_eq!(parse_bool("True"), Some(true));
        assert_eq!(parse_bool(" false "), Some(false));
        assert_eq!(parse_bool("Valid"), None);
        assert_eq!(
            parse_thumbprint("0b 58 f1 2c 3d 4e 5f 60 71 82 93 a4 b5 c6 d7 e8 f9 0a 1b 2c")
                .as_deref(),
            Some("0B58F12C3D4E5F60718293A4B5C6D7E8F90A1B2C")
        );
        assert_eq!(parse_thumbprint("0B58F12C"), None);
        assert_eq!(
            find_thumbprints(
                "Thumbprint:0B58F12C3D4E5F60718293A4B5C6D7E8F90A1B2C, hours remaining: 72"
            ),
            vec!["0B58F12C3D4E5F60718293A4B5C6D7E8F90A1B2C"]
        );
    }

    #[test]
    fn services_in_both_forms() {
        assert_eq!(
            parse_services("IMAP, POP, IIS, SMTP"),
            vec!["IMAP", "POP", "IIS", "SMTP"]
        );
        assert_eq!(
            parse_services("IP.WS..."),
            vec!["IMAP", "POP", "IIS", "SMTP"]
        );
        assert_eq!(parse_services("...W...."), vec!["IIS"]);
        assert_eq!(parse_services("None"), Vec::<String>::new());
        assert_eq!(parse_services("IIS"), vec!["IIS"]);
    }

    #[test]
    fn dn_keys_ignore_case_and_spacing() {
        assert_eq!(
            dn_key("CN=R3, O=Let's Encrypt, C=US"),
            dn_key("cn=r3,o=let's encrypt,  c=US")
        );
        assert_ne!(dn_key("CN=R3, O=A"), dn_key("CN=R3, O=B"));
    }
}
