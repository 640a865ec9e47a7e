//! The tokens of an Exchange `TlsCertificateName`: `<I>{issuer}<S>{subject}`.
//!
//! Sources: Microsoft Learn "Set-SendConnector" / "Set-ReceiveConnector" (`-TlsCertificateName`:
//! `"<I>X.500Issuer<S>X.500Subject"`, the values `$cert.Issuer` and `$cert.Subject` print), KB
//! 4495258, and dotnet/runtime `X500NameEncoder.cs` for the quoting of the two names: a value that
//! holds `, + = " LF < > # ;` or starts or ends with a space is written as `KEY="value"` with inner
//! `"` doubled. So `<S>` inside `O="Contoso <S> Labs"` is part of a value, not a tag; a `"` that
//! does not follow `=` (or is never closed) is ordinary text. The tags are case-insensitive.
//!
//! The grammar is lossless: the tokens are consecutive slices of the input, and
//! [`TlsNameTokens::render`] gives back the input exactly.

use nom::branch::alt;
use nom::bytes::complete::{is_not, tag, take_while};
use nom::character::complete::{anychar, char, one_of};
use nom::combinator::{map, recognize};
use nom::multi::many0;
use nom::sequence::{delimited, tuple};

use super::PResult;

/// Which tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TagKind {
    Issuer,
    Subject,
}

/// One token: a tag, a `="quoted value"`, or other text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Token<'a> {
    Tag(TagKind, &'a str),
    QuotedValue(&'a str),
    Text(&'a str),
}

impl<'a> Token<'a> {
    pub fn text(&self) -> &'a str {
        match self {
            Token::Tag(_, t) | Token::QuotedValue(t) | Token::Text(t) => t,
        }
    }
}

/// A value read as tokens, each with its byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsNameTokens<'a> {
    pub tokens: Vec<(usize, Token<'a>)>,
}

impl TlsNameTokens<'_> {
    /// The input, put back together from the tokens.
    pub fn render(&self) -> String {
        self.tokens.iter().map(|(_, t)| t.text()).collect()
    }

    /// Byte offsets of the tags of one kind, in order.
    pub fn tag_positions(&self, kind: TagKind) -> Vec<usize> {
        self.tokens
            .iter()
            .filter(|(_, t)| matches!(t, Token::Tag(k, _) if *k == kind))
            .map(|(at, _)| *at)
            .collect()
    }
}

/// `<I>` / `<S>`, any case.
pub fn tag_token(input: &str) -> PResult<'_, Token<'_>> {
    let (rest, (open, letter, close)) = tuple((char('<'), one_of("IiSs"), char('>')))(input)?;
    let _ = (open, close);
    let kind = if letter.eq_ignore_ascii_case(&'i') {
        TagKind::Issuer
    } else {
        TagKind::Subject
    };
    Ok((rest, Token::Tag(kind, &input[..3])))
}

/// `"…"` with `""` for a quote inside, as `X500NameEncoder` writes it.
pub fn dotnet_quoted(input: &str) -> PResult<'_, &str> {
    recognize(delimited(
        char('"'),
        many0(alt((tag("\"\""), is_not("\"")))),
        char('"'),
    ))(input)
}

/// `=` then (spaces and) a closed quoted value.
pub fn quoted_value(input: &str) -> PResult<'_, Token<'_>> {
    map(
        recognize(tuple((char('='), take_while(|c| c == ' '), dotnet_quoted))),
        Token::QuotedValue,
    )(input)
}

/// A run of text up to the next `<` or `=`, or a single `<` / `=` that starts nothing.
fn text(input: &str) -> PResult<'_, Token<'_>> {
    map(alt((is_not("<="), recognize(anychar))), Token::Text)(input)
}

fn token(input: &str) -> PResult<'_, Token<'_>> {
    alt((tag_token, quoted_value, text))(input)
}

/// Reads any text into tokens (never fails; the empty text has no tokens).
pub fn tokens(input: &str) -> TlsNameTokens<'_> {
    let mut out = Vec::new();
    let mut rest = input;
    while !rest.is_empty() {
        match token(rest) {
            Ok((next, t)) => {
                out.push((input.len() - rest.len(), t));
                rest = next;
            }
            // Unreachable (`anychar` takes any character), but never loop or panic.
            Err(_) => break,
        }
    }
    TlsNameTokens { tokens: out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_and_text() {
        let t = tokens("<I>CN=R3, O=Let's Encrypt, C=US<S>CN=mail.contoso.com");
        assert_eq!(t.tag_positions(TagKind::Issuer), vec![0]);
        assert_eq!(t.tag_positions(TagKind::Subject), vec![31]);
        let t = tokens("<i>CN=R3<s>CN=a<S>CN=b");
        assert_eq!(t.tag_positions(TagKind::Subject), vec![8, 15]);
    }

    #[test]
    fn a_quoted_value_hides_tag_like_text() {
        // .NET quotes a value holding `<` or `>` (X500NameEncoder.NeedsQuoting).
        let v = "<I>CN=R3, O=\"Contoso <S> \"\"Labs\"\"\"<S>CN=mail.contoso.com";
        let t = tokens(v);
        assert_eq!(
            t.tag_positions(TagKind::Subject),
            vec![v.rfind("<S>").unwrap()]
        );
        assert_eq!(t.render(), v);
        // An unclosed quote is text, so the tag after it still counts.
        let t = tokens("<I>CN=\"R3<S>CN=a");
        assert_eq!(t.tag_positions(TagKind::Subject), vec![9]);
        // A quote not after `=` is text.
        let t = tokens("<I>CN=R\"3<S>CN=\"a\"");
        assert_eq!(t.tag_positions(TagKind::Subject), vec![9]);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn never_panics_and_renders_back(text in any::<String>()) {
            let t = tokens(&text);
            prop_assert_eq!(t.render(), text);
        }

        #[test]
        fn renders_back_near_misses(text in "[<>IiSs=\" ,a]{0,40}") {
            prop_assert_eq!(tokens(&text).render(), text);
        }

        /// A value as Exchange's shell builds it (`"<I>$($c.Issuer)<S>$($c.Subject)"`, the names
        /// quoted by .NET's rules) reads into issuer and subject, and `build` gives it back.
        #[test]
        fn dotnet_names_read_and_render_back(issuer in dotnet_dn(), subject in dotnet_dn()) {
            let value = format!("<I>{issuer}<S>{subject}");
            let parsed = crate::paste::tls_certificate_name::parse(&value);
            prop_assert!(parsed.is_well_formed(), "{:?}", parsed.problems);
            prop_assert_eq!(parsed.issuer.as_deref(), Some(issuer.as_str()));
            prop_assert_eq!(parsed.subject.as_deref(), Some(subject.as_str()));
            let rendered = crate::paste::tls_certificate_name::build(
                parsed.issuer.as_deref().unwrap_or(""),
                parsed.subject.as_deref().unwrap_or(""),
            );
            prop_assert_eq!(rendered, value);
        }
    }

    /// `X500NameEncoder.NeedsQuoting` (dotnet/runtime): empty, edged by white space, or holding
    /// one of `, + = " LF < > # ;`.
    fn dotnet_value(raw: &str) -> String {
        let edge = |c: Option<char>| c.is_none_or(|c| c == ' ' || ('\u{9}'..='\u{d}').contains(&c));
        let needs = edge(raw.chars().next())
            || edge(raw.chars().last())
            || raw.contains([',', '+', '=', '"', '\n', '<', '>', '#', ';']);
        if needs {
            format!("\"{}\"", raw.replace('"', "\"\""))
        } else {
            raw.to_string()
        }
    }

    fn dotnet_dn() -> impl Strategy<Value = String> {
        prop::collection::vec(
            (
                prop::sample::select(vec!["CN", "OU", "O", "L", "S", "C", "E", "OID.2.5.4.97"]),
                "[A-Za-z0-9 .,+=\"<>#;'*-]{0,12}|<S>|<I>|a<s>b",
            ),
            1..5,
        )
        .prop_map(|parts| {
            parts
                .iter()
                .map(|(k, v)| format!("{k}={}", dotnet_value(v)))
                .collect::<Vec<_>>()
                .join(", ")
        })
    }
}
