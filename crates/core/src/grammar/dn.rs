//! Distinguished names as text, the way `$cert.Subject` / `$cert.Issuer`, `Get-ExchangeCertificate`,
//! Exchange's protocol logs and its events print them: `CN=mail.contoso.com, O="Contoso, Ltd",
//! S=WA, C=US`, multi-valued RDNs joined with ` + `, unknown types as `OID.2.5.4.97=...`.
//!
//! Sources: dotnet/runtime `X500NameEncoder.cs` (`, ` between RDNs, ` + ` inside one, `; ` with
//! `UseSemicolons`; a value holding `, + = " LF < > # ;` or edged by spaces is put in `"…"` with
//! inner quotes doubled) and `X500DistinguishedNameTests.cs` for the expected strings; RFC 4514
//! §3 for the attribute type grammar (a keyword or a dotted OID).
//!
//! Reading is tolerant: a `"` opens a quoted section anywhere in a value and an unclosed one runs
//! to the end, so a hand-typed quote never makes the rest of the name vanish.

use std::borrow::Cow;

use nom::branch::alt;
use nom::bytes::complete::{is_not, take_till, take_while, take_while1};
use nom::character::complete::{char, none_of, one_of};
use nom::combinator::{all_consuming, map, opt, recognize};
use nom::multi::{many0, many0_count};
use nom::sequence::{pair, terminated, tuple};

use super::PResult;

/// One `TYPE=value` with the value as printed (quotes kept).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attribute<'a> {
    pub key: &'a str,
    pub raw_value: &'a str,
}

impl<'a> Attribute<'a> {
    /// The value without .NET's quoting: `"Contoso, ""Ltd"""` gives `Contoso, "Ltd"`.
    pub fn value(&self) -> Cow<'a, str> {
        let v = self.raw_value.trim();
        match v
            .strip_prefix('"')
            .and_then(|inner| inner.strip_suffix('"'))
        {
            Some(inner) if v.len() >= 2 => Cow::Owned(inner.replace("\"\"", "\"")),
            _ => Cow::Borrowed(v),
        }
    }
}

/// `CN`, `OU`, `OID.2.5.4.97`, `2.5.4.5`: letters, digits, `.` and `-`.
pub fn attribute_type(input: &str) -> PResult<'_, &str> {
    take_while1(|c: char| c.is_ascii_alphanumeric() || c == '.' || c == '-')(input)
}

/// Does `text` start with `TYPE=` (`CN=`, `OU=`, `OID.2.5.4.97=`, `2.5.4.5=`)?
pub fn starts_with_attribute(text: &str) -> bool {
    terminated(attribute_type, char('='))(text).is_ok()
}

/// A quoted section: `"` up to the next `"` (a doubled `""` reads as two sections), or to the end
/// when unclosed.
fn quoted_section(input: &str) -> PResult<'_, &str> {
    recognize(tuple((char('"'), take_till(|c| c == '"'), opt(char('"')))))(input)
}

/// A value: quoted sections and any characters other than the separators `,` and `+`.
pub fn value(input: &str) -> PResult<'_, &str> {
    recognize(many0_count(alt((
        quoted_section,
        recognize(none_of(",+\"")),
    ))))(input)
}

/// `TYPE=value`, after any white space.
pub fn attribute(input: &str) -> PResult<'_, Attribute<'_>> {
    map(
        tuple((
            take_while(char::is_whitespace),
            terminated(attribute_type, char('=')),
            value,
        )),
        |(_, key, raw_value)| Attribute { key, raw_value },
    )(input)
}

/// Attributes with the separator before each (`,` between RDNs, `+` inside one).
fn attributes(input: &str) -> PResult<'_, (Attribute<'_>, Vec<(char, Attribute<'_>)>)> {
    pair(attribute, many0(pair(one_of(",+"), attribute)))(input)
}

/// A name split into RDNs (each a list of attributes). `None` when some part between separators
/// (outside quotes) is not `TYPE=value`, or the text is empty.
pub fn parse(text: &str) -> Option<Vec<Vec<Attribute<'_>>>> {
    let (_, (first, more)) = all_consuming(attributes)(text).ok()?;
    let mut rdns = vec![vec![first]];
    for (separator, a) in more {
        match (separator, rdns.last_mut()) {
            ('+', Some(rdn)) => rdn.push(a),
            _ => rdns.push(vec![a]),
        }
    }
    Some(rdns)
}

/// Is this a distinguished name (every part `TYPE=value`)?
pub fn is_dn(text: &str) -> bool {
    parse(text).is_some()
}

/// The first `CN` value, unquoted (`mail.contoso.com` from `CN=mail.contoso.com, O=Contoso`).
pub fn common_name(text: &str) -> Option<Cow<'_, str>> {
    parse(text)?
        .into_iter()
        .flatten()
        .find(|a| a.key.eq_ignore_ascii_case("CN"))
        .map(|a| a.value())
}

/// A piece of a name for [`key`]: a separator with the spaces after it, a quoted section, or text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece<'a> {
    Separator,
    Other(&'a str),
}

fn separator(input: &str) -> PResult<'_, Piece<'_>> {
    map(pair(one_of(",;+"), take_while(|c| c == ' ')), |_| {
        Piece::Separator
    })(input)
}

fn piece(input: &str) -> PResult<'_, Piece<'_>> {
    alt((
        separator,
        map(alt((quoted_section, is_not(",;+\""))), Piece::Other),
    ))(input)
}

/// A comparison key for two names as a person reads them: case-insensitive, blind to the spaces
/// after `,` `;` `+` (outside quotes, which are kept) and around the whole; `;` and `+` compare
/// as `,`. Works on any text, DN or not.
pub fn key(dn: &str) -> String {
    let mut out = String::with_capacity(dn.len());
    let mut rest = dn.trim();
    while let Ok((next, p)) = piece(rest) {
        match p {
            Piece::Separator => out.push(','),
            Piece::Other(text) => out.extend(text.chars().flat_map(char::to_lowercase)),
        }
        rest = next;
    }
    out
}

/// The names in a `X500DistinguishedNameFlags` list as a person types it for `--dn-flags`
/// (`Reversed, UseSemicolons`, `Reversed|DoNotUseQuotes`, `Reversed+UseNewLines`): the words
/// between `,` `|` `+`, trimmed, empty ones dropped. Which names exist is `x509::dn_dotnet`'s.
pub fn flag_names(text: &str) -> Vec<&str> {
    let parsed: PResult<'_, Vec<&str>> = nom::multi::separated_list0(
        one_of(",|+"),
        take_while(|c| !matches!(c, ',' | '|' | '+')),
    )(text);
    match parsed {
        Ok((_, names)) => names
            .into_iter()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .collect(),
        Err(_) => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dotnet_names() {
        // X500DistinguishedNameTests.cs strings.
        let rdns = parse("CN=Common Name, O=\"Name, Common\", OID.1.1.1.1=x").unwrap();
        assert_eq!(rdns.len(), 3);
        assert_eq!(rdns[1][0].key, "O");
        assert_eq!(rdns[1][0].value(), "Name, Common");
        assert_eq!(rdns[2][0].key, "OID.1.1.1.1");
        let rdns = parse("CN=James + O=Microsoft, C=US").unwrap();
        assert_eq!(rdns.len(), 2);
        assert_eq!(rdns[0].len(), 2);
        assert_eq!(rdns[0][1].value(), "Microsoft");
        assert_eq!(
            parse("CN=\"\"\"Common\"\" Name\"").unwrap()[0][0].value(),
            "\"Common\" Name"
        );
        assert_eq!(parse("CN=").unwrap()[0][0].value(), "");
        assert_eq!(parse("CN=\"\"").unwrap()[0][0].value(), "");
    }

    #[test]
    fn what_is_not_a_dn() {
        assert!(is_dn("CN=SERVER-HOSTNAME"));
        assert!(is_dn("CN=*.contoso.com, OU=IT + O=Contoso, 2.5.4.5=12"));
        assert!(!is_dn(""));
        assert!(!is_dn("mail.contoso.com"));
        assert!(!is_dn("CN=a,"));
        assert!(!is_dn("CN=a, b"));
        // An unclosed quote runs to the end (the comma after it is inside).
        assert!(is_dn("O=Let\"s, b"));
        assert!(starts_with_attribute("OID.2.5.4.97=x"));
        assert!(!starts_with_attribute("=x"));
        assert!(!starts_with_attribute("CN x=y"));
    }

    #[test]
    fn dotnet_flag_lists() {
        assert_eq!(
            flag_names("Reversed,UseSemicolons"),
            vec!["Reversed", "UseSemicolons"]
        );
        assert_eq!(
            flag_names(" Reversed | , DoNotUseQuotes+"),
            vec!["Reversed", "DoNotUseQuotes"]
        );
        assert!(flag_names("").is_empty());
        assert!(flag_names(",,").is_empty());
    }

    #[test]
    fn common_names_and_keys() {
        assert_eq!(
            common_name("CN=mail.contoso.com, O=Contoso").as_deref(),
            Some("mail.contoso.com")
        );
        assert_eq!(
            common_name("O=\"CN=fake\", CN=\"real, name\"").as_deref(),
            Some("real, name")
        );
        assert_eq!(common_name("O=Contoso"), None);
        assert_eq!(
            key("CN=R3, O=Let's Encrypt, C=US"),
            key("cn=r3,o=let's encrypt,  c=US")
        );
        assert_eq!(key(" CN=a; O=b + OU=c "), "cn=a,o=b ,ou=c");
        assert_eq!(key("O=\"A,  B\""), "o=\"a,  b\"");
        assert_ne!(key("CN=R3, O=A"), key("CN=R3, O=B"));
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// `paste::values::dn_key` before the grammar (the oracle for the property below).
    fn loop_key(dn: &str) -> String {
        let mut out = String::new();
        let mut in_quotes = false;
        let mut after_separator = false;
        for c in dn.trim().chars() {
            if c == '"' {
                in_quotes = !in_quotes;
            }
            if after_separator && c == ' ' {
                continue;
            }
            after_separator = !in_quotes && (c == ',' || c == ';' || c == '+');
            let c = if after_separator { ',' } else { c };
            out.extend(c.to_lowercase());
        }
        out
    }

    /// `log::cert_block::is_dn` before the grammar.
    fn loop_is_dn(s: &str) -> bool {
        let starts = |s: &str| {
            let end = s.find('=').unwrap_or(0);
            end > 0
                && s[..end]
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
        };
        let mut in_quotes = false;
        let mut start = 0usize;
        for (i, b) in s.bytes().enumerate() {
            match b {
                b'"' => in_quotes = !in_quotes,
                b',' | b'+' if !in_quotes => {
                    if !starts(s[start..i].trim_start()) {
                        return false;
                    }
                    start = i + 1;
                }
                _ => {}
            }
        }
        starts(s[start..].trim_start())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn never_panics(text in any::<String>()) {
            let _ = parse(&text);
            let _ = common_name(&text);
            let _ = key(&text);
        }

        #[test]
        fn never_panics_on_near_misses(text in "[A-Z=,+\"; ]{0,40}") {
            let _ = parse(&text);
            let _ = key(&text);
        }

        /// The grammar keeps the behaviour of the hand-written loops it replaced.
        #[test]
        fn same_answers_as_the_loops_it_replaced(text in "[A-Za-z0-9=,;+\" .#-]{0,30}") {
            prop_assert_eq!(key(&text), loop_key(&text));
            prop_assert_eq!(is_dn(&text), loop_is_dn(&text));
        }

        #[test]
        fn flag_lists_as_the_split_they_replaced(text in "[A-Za-z ,|+]{0,30}") {
            let old: Vec<&str> = text
                .split([',', '|', '+'])
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect();
            prop_assert_eq!(flag_names(&text), old);
        }

        #[test]
        fn quoted_values_read_back(values in prop::collection::vec("[A-Za-z0-9 ,+=\"<>#;.-]{0,10}", 1..5)) {
            let dn: Vec<String> = values
                .iter()
                .map(|v| format!("O=\"{}\"", v.replace('"', "\"\"")))
                .collect();
            let dn = dn.join(", ");
            let rdns = parse(&dn).unwrap();
            prop_assert_eq!(rdns.len(), values.len());
            for (rdn, v) in rdns.iter().zip(&values) {
                prop_assert_eq!(rdn[0].value(), v.as_str());
            }
        }
    }
}
