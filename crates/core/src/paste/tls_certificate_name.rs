//! A connector's `TlsCertificateName`: `<I>{issuer}<S>{subject}` where both are the
//! certificate's X.500 names in .NET `X500DistinguishedName.Name` form (the form the
//! Exchange Management Shell shows as `Issuer` / `Subject`). Exchange's own examples
//! (Set-SendConnector, `-TlsCertificateName`) and KB 4495258 use this shape; the tags are
//! case-insensitive. This module reads the value, says exactly what is wrong with it, and
//! builds the correct one. The tokens (tags, quoted values) come from
//! [`crate::grammar::tls_certificate_name`].

use serde::{Deserialize, Serialize};

use crate::grammar::tls_certificate_name::{self as grammar, TagKind};

/// What is wrong with a `TlsCertificateName` value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "kebab-case")]
pub enum TlsNameProblem {
    /// Surrounded by quotes that became part of the value.
    Quoted,
    /// No `<I>` tag: Exchange cannot tell the issuer.
    MissingIssuerTag,
    /// No `<S>` tag: Exchange cannot tell the subject.
    MissingSubjectTag,
    /// `<S>` comes before `<I>`.
    SubjectBeforeIssuer,
    /// A tag appears more than once.
    RepeatedTag { tag: String },
    /// Text before the first tag (it belongs to neither part).
    TextBeforeFirstTag { text: String },
    /// `<I>` is followed by nothing.
    EmptyIssuer,
    /// `<S>` is followed by nothing.
    EmptySubject,
    /// A host name where the distinguished names belong (e.g. `mail.contoso.com`).
    HostNameInsteadOfNames { host: String },
}

/// A `TlsCertificateName` as read, with its problems (empty when well-formed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TlsCertificateName {
    pub value: String,
    pub issuer: Option<String>,
    pub subject: Option<String>,
    pub problems: Vec<TlsNameProblem>,
}

impl TlsCertificateName {
    pub fn is_well_formed(&self) -> bool {
        self.problems.is_empty()
    }

    /// The host name when the value is one (see [`TlsNameProblem::HostNameInsteadOfNames`]).
    pub fn host_name(&self) -> Option<&str> {
        self.problems.iter().find_map(|p| match p {
            TlsNameProblem::HostNameInsteadOfNames { host } => Some(host.as_str()),
            _ => None,
        })
    }
}

/// `<I>{issuer}<S>{subject}`, the value Exchange expects.
pub fn build(issuer: &str, subject: &str) -> String {
    format!("<I>{}<S>{}", issuer.trim(), subject.trim())
}

/// Reads a value and lists what is wrong with it.
pub fn parse(value: &str) -> TlsCertificateName {
    let original = value.trim();
    let mut problems = Vec::new();
    let mut text = original;
    if text.len() >= 2
        && ((text.starts_with('"') && text.ends_with('"'))
            || (text.starts_with('\'') && text.ends_with('\'')))
    {
        problems.push(TlsNameProblem::Quoted);
        text = text[1..text.len() - 1].trim();
    }

    // Tags outside .NET-quoted values (`O="a <S> b"` holds no tag).
    let syntax = grammar::tokens(text);
    let issuer_tags = syntax.tag_positions(TagKind::Issuer);
    let subject_tags = syntax.tag_positions(TagKind::Subject);
    if issuer_tags.len() > 1 {
        problems.push(TlsNameProblem::RepeatedTag { tag: "<I>".into() });
    }
    if subject_tags.len() > 1 {
        problems.push(TlsNameProblem::RepeatedTag { tag: "<S>".into() });
    }
    let non_empty = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());

    let (issuer, subject) = match (issuer_tags.first().copied(), subject_tags.first().copied()) {
        (Some(i), Some(s)) => {
            let first = i.min(s);
            if !text[..first].trim().is_empty() {
                problems.push(TlsNameProblem::TextBeforeFirstTag {
                    text: text[..first].trim().to_string(),
                });
            }
            if s < i {
                problems.push(TlsNameProblem::SubjectBeforeIssuer);
                (non_empty(&text[i + 3..]), non_empty(&text[s + 3..i]))
            } else {
                (non_empty(&text[i + 3..s]), non_empty(&text[s + 3..]))
            }
        }
        (Some(i), None) => {
            problems.push(TlsNameProblem::MissingSubjectTag);
            if !text[..i].trim().is_empty() {
                // `{subject}<I>{issuer}`: the subject lost its tag.
                (non_empty(&text[i + 3..]), non_empty(&text[..i]))
            } else {
                (non_empty(&text[i + 3..]), None)
            }
        }
        (None, Some(s)) => {
            problems.push(TlsNameProblem::MissingIssuerTag);
            (non_empty(&text[..s]), non_empty(&text[s + 3..]))
        }
        (None, None) => {
            problems.push(TlsNameProblem::MissingIssuerTag);
            problems.push(TlsNameProblem::MissingSubjectTag);
            if !text.is_empty() && !text.contains('=') && !text.contains(' ') {
                problems.push(TlsNameProblem::HostNameInsteadOfNames {
                    host: text.to_string(),
                });
                (None, None)
            } else {
                (None, non_empty(text))
            }
        }
    };
    if !issuer_tags.is_empty() && issuer.is_none() {
        problems.push(TlsNameProblem::EmptyIssuer);
    }
    if !subject_tags.is_empty() && subject.is_none() {
        problems.push(TlsNameProblem::EmptySubject);
    }
    TlsCertificateName {
        value: original.to_string(),
        issuer,
        subject,
        problems,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn well_formed_and_lowercase_tags_are_fine() {
        let n = parse("<I>CN=R3, O=Let's Encrypt, C=US<S>CN=mail.contoso.com");
        assert!(n.is_well_formed());
        assert_eq!(n.issuer.as_deref(), Some("CN=R3, O=Let's Encrypt, C=US"));
        assert_eq!(n.subject.as_deref(), Some("CN=mail.contoso.com"));
        let n = parse("<i>CN=R3<s>CN=mail.contoso.com");
        assert!(n.is_well_formed(), "{:?}", n.problems);
        assert_eq!(n.subject.as_deref(), Some("CN=mail.contoso.com"));
    }

    #[test]
    fn subject_before_issuer_is_reordered() {
        let n = parse("<S>CN=mail.contoso.com<I>CN=R3, O=Let's Encrypt, C=US");
        assert_eq!(n.problems, vec![TlsNameProblem::SubjectBeforeIssuer]);
        assert_eq!(
            build(n.issuer.as_deref().unwrap(), n.subject.as_deref().unwrap()),
            "<I>CN=R3, O=Let's Encrypt, C=US<S>CN=mail.contoso.com"
        );
    }

    #[test]
    fn missing_tags() {
        let n = parse("CN=R3, O=Let's Encrypt, C=US<S>CN=mail.contoso.com");
        assert_eq!(n.problems, vec![TlsNameProblem::MissingIssuerTag]);
        assert_eq!(n.issuer.as_deref(), Some("CN=R3, O=Let's Encrypt, C=US"));
        let n = parse("<I>CN=R3, O=Let's Encrypt, C=US");
        assert_eq!(n.problems, vec![TlsNameProblem::MissingSubjectTag]);
        let n = parse("CN=mail.contoso.com");
        assert_eq!(
            n.problems,
            vec![
                TlsNameProblem::MissingIssuerTag,
                TlsNameProblem::MissingSubjectTag
            ]
        );
        assert_eq!(n.subject.as_deref(), Some("CN=mail.contoso.com"));
        let n = parse("mail.contoso.com");
        assert_eq!(n.host_name(), Some("mail.contoso.com"));
    }

    #[test]
    fn quotes_repeats_and_empty_parts() {
        let n = parse("\"<I>CN=R3<S>CN=mail.contoso.com\"");
        assert_eq!(n.problems, vec![TlsNameProblem::Quoted]);
        let n = parse("<I>CN=R3<S>");
        assert_eq!(n.problems, vec![TlsNameProblem::EmptySubject]);
        let n = parse("<I>CN=R3<S>CN=a<S>CN=b");
        assert!(n
            .problems
            .contains(&TlsNameProblem::RepeatedTag { tag: "<S>".into() }));
        let n = parse("x<I>CN=R3<S>CN=a");
        assert_eq!(
            n.problems,
            vec![TlsNameProblem::TextBeforeFirstTag { text: "x".into() }]
        );
    }
}
