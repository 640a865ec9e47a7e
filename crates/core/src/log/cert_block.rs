//! Certificate identity blocks in SMTP protocol logs, in the two shapes Exchange writes.
//!
//! 1. Several rows (Exchange 2013/2016, shown in KB 4495258 and KB 4051498): an optional type
//!    row whose context is `Sending certificate` / `Received certificate` / `Remote certificate`,
//!    then rows whose context names the field and whose data holds the value:
//!    `Certificate subject`, `Certificate issuer name`, `Certificate serial number`,
//!    `Certificate thumbprint`, `Certificate alternate names` (SANs joined by `;`). KB 4495258
//!    prints the SAN row as data `<names> alternate names` with no context.
//! 2. One row (newer builds; "Can't remove a certificate that's installed in Exchange Server",
//!    section "More information"): context `Sending certificate Subject Issuer name Serial number
//!    Thumbprint Not before Not after Subject alternate names`, data `<Subject> <Issuer>
//!    <SerialNumber> <Thumbprint> <NotBefore> <NotAfter> <CertificateDomains>`, joined by single
//!    spaces although subject and issuer contain spaces. [`parse_one_row`] reads it from the
//!    well-formed right end and splits subject from issuer by RDN structure.

use std::sync::LazyLock;

use memchr::memmem::Finder;

/// `str::trim` with its ASCII fast path (these run for every `*` row).
use super::events::trim;

/// The searcher for `" certificate "`, built once: `str::find` sets up a new one per call, and
/// [`Role::from_one_row_context`] runs for many `*` rows.
static SPACED_CERTIFICATE: LazyLock<Finder<'static>> =
    LazyLock::new(|| Finder::new(" certificate "));

/// Whose certificate a block describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Role {
    /// This server's own certificate (`Sending certificate`).
    Sending,
    /// The certificate the other side presented, on a Receive connector (`Received certificate`).
    Received,
    /// The certificate the other side presented, on a Send connector (`Remote certificate`).
    Remote,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Sending => "sending",
            Role::Received => "received",
            Role::Remote => "remote",
        }
    }

    /// `Sending certificate` → Sending, and so on (case-insensitive, surrounding blanks ignored).
    pub fn from_type_row(text: &str) -> Option<Role> {
        let t = trim(text);
        if t.eq_ignore_ascii_case("Sending certificate") {
            Some(Role::Sending)
        } else if t.eq_ignore_ascii_case("Received certificate") {
            Some(Role::Received)
        } else if t.eq_ignore_ascii_case("Remote certificate") {
            Some(Role::Remote)
        } else {
            None
        }
    }

    /// The one-row shape: context starts with the type and goes on with `Subject Issuer name ...`.
    pub fn from_one_row_context(context: &str) -> Option<Role> {
        let t = trim(context);
        let at = SPACED_CERTIFICATE.find(t.as_bytes())? + " certificate".len();
        let (head, tail) = (t.get(..at)?, t.get(at..)?);
        if !tail
            .trim_start()
            .to_ascii_lowercase()
            .starts_with("subject issuer")
        {
            return None;
        }
        Role::from_type_row(head)
    }
}

/// What a log says about one certificate.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CertIdentity {
    pub subject: Option<String>,
    pub issuer: Option<String>,
    pub serial_number: Option<String>,
    pub thumbprint: Option<String>,
    /// RFC 3339 as written in the log (one-row shape only).
    pub not_before: Option<String>,
    pub not_after: Option<String>,
    pub alternate_names: Vec<String>,
}

impl CertIdentity {
    pub fn is_empty(&self) -> bool {
        self.subject.is_none()
            && self.issuer.is_none()
            && self.serial_number.is_none()
            && self.thumbprint.is_none()
    }
}

/// A field row of the multi-row shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Subject,
    Issuer,
    SerialNumber,
    Thumbprint,
    AlternateNames,
    NotBefore,
    NotAfter,
}

impl Field {
    /// Recognises a field row from its context (or, for KB 4495258's SAN row, its data).
    /// Returns the field and the value text.
    pub fn recognise<'a>(data: &'a str, context: &'a str) -> Option<(Field, &'a str)> {
        let c = trim(context);
        let starts_certificate = c
            .get(..11)
            .is_some_and(|p| p.eq_ignore_ascii_case("Certificate"));
        if !c.is_empty() && !starts_certificate && !c.eq_ignore_ascii_case("alternate names") {
            return None;
        }
        let field = if c.eq_ignore_ascii_case("Certificate subject") {
            Field::Subject
        } else if c.eq_ignore_ascii_case("Certificate issuer name")
            || c.eq_ignore_ascii_case("Certificate issuer")
        {
            Field::Issuer
        } else if c.eq_ignore_ascii_case("Certificate serial number") {
            Field::SerialNumber
        } else if c.eq_ignore_ascii_case("Certificate thumbprint") {
            Field::Thumbprint
        } else if c.eq_ignore_ascii_case("Certificate alternate names")
            || c.eq_ignore_ascii_case("alternate names")
        {
            Field::AlternateNames
        } else if c.eq_ignore_ascii_case("Certificate not before") {
            Field::NotBefore
        } else if c.eq_ignore_ascii_case("Certificate not after") {
            Field::NotAfter
        } else if c.is_empty() {
            let d = data.trim_end();
            let lower_tail = d.get(d.len().saturating_sub(" alternate names".len())..)?;
            if lower_tail.eq_ignore_ascii_case(" alternate names") {
                return Some((
                    Field::AlternateNames,
                    &d[..d.len() - " alternate names".len()],
                ));
            }
            return None;
        } else {
            return None;
        };
        Some((field, data))
    }

    /// Stores `value` into `id`.
    pub fn apply(self, id: &mut CertIdentity, value: &str) {
        let v = trim(value);
        let text = || (!v.is_empty()).then(|| v.to_string());
        let hex = || (!v.is_empty()).then(|| normalise_hex(v));
        match self {
            Field::Subject => id.subject = text(),
            Field::Issuer => id.issuer = text(),
            Field::SerialNumber => id.serial_number = hex(),
            Field::Thumbprint => id.thumbprint = hex(),
            Field::AlternateNames => id.alternate_names = split_names(v),
            Field::NotBefore => id.not_before = text(),
            Field::NotAfter => id.not_after = text(),
        }
    }
}

/// `a;b; c` → `[a, b, c]`.
pub fn split_names(list: &str) -> Vec<String> {
    list.split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

/// Hex as Windows prints it: uppercase, no blanks or colons. Non-hex text is kept as written.
/// (Byte by byte: hex digits, blanks and colons are ASCII, so a text of only those is too.)
fn normalise_hex(s: &str) -> String {
    let b = s.as_bytes();
    if !b.is_empty() && b.iter().all(u8::is_ascii_hexdigit) {
        // The common shape: hex digits only, nothing to drop.
        return s.to_ascii_uppercase();
    }
    if b.iter()
        .all(|&c| c.is_ascii_hexdigit() || c == b' ' || c == b':')
        && b.iter().any(u8::is_ascii_hexdigit)
    {
        let mut out = s.to_ascii_uppercase();
        out.retain(|c| c != ' ' && c != ':');
        out
    } else {
        s.to_string()
    }
}

fn is_hex(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// `2020-01-17T15:15:33.000Z`-like (ISO 8601 date and time).
fn is_iso_datetime(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 19
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[7] == b'-'
        && (b[10] == b'T' || b[10] == b't')
        && b[13] == b':'
}

/// Parses the data of the one-row shape. `None` when the right end is not
/// `... <serial> <40-hex thumbprint> [<not-before> <not-after>] [<names>]`.
pub fn parse_one_row(data: &str) -> Option<CertIdentity> {
    let tokens: Vec<(usize, &str)> = token_positions(data.trim());
    let text = data.trim();
    // Find the thumbprint: the right-most 40-hex token whose left neighbour is hex (the serial).
    let t_idx = (1..tokens.len()).rev().find(|&i| {
        let t = tokens[i].1;
        t.len() == 40 && is_hex(t) && is_hex(tokens[i - 1].1)
    })?;
    let s_idx = t_idx - 1;
    let mut id = CertIdentity {
        thumbprint: Some(tokens[t_idx].1.to_ascii_uppercase()),
        serial_number: Some(tokens[s_idx].1.to_ascii_uppercase()),
        ..CertIdentity::default()
    };
    let mut rest = &tokens[t_idx + 1..];
    if rest.len() >= 2 && is_iso_datetime(rest[0].1) && is_iso_datetime(rest[1].1) {
        id.not_before = Some(rest[0].1.to_string());
        id.not_after = Some(rest[1].1.to_string());
        rest = &rest[2..];
    }
    let names: Vec<String> = rest.iter().flat_map(|(_, t)| split_names(t)).collect();
    id.alternate_names = names;
    let names_text = &text[..tokens[s_idx].0].trim_end();
    let (subject, issuer) = split_subject_issuer(names_text);
    id.subject = subject;
    id.issuer = issuer;
    Some(id)
}

/// Byte offset and text of each blank-separated token.
fn token_positions(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push((s, &text[s..i]));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

/// Splits `"<subject> <issuer>"` where both are .NET-form distinguished names
/// (`CN=a b, O=c, C=US`: RDNs joined by `, `, multi-valued RDNs by ` + `, values with special
/// characters in double quotes). The issuer starts at a blank (outside quotes) that does not
/// follow `,` or `+` and is followed by an attribute type and `=`. When several blanks qualify
/// (a value such as `O=A B=C`), the split leaving two well-formed names is taken, first from the left.
pub fn split_subject_issuer(text: &str) -> (Option<String>, Option<String>) {
    let text = text.trim();
    if text.is_empty() {
        return (None, None);
    }
    let mut candidates = Vec::new();
    let mut in_quotes = false;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'"' => in_quotes = !in_quotes,
            b' ' if !in_quotes => {
                let before = text[..i].trim_end();
                if before.ends_with(',') || before.ends_with('+') || before.is_empty() {
                    continue;
                }
                let after = &text[i + 1..];
                if starts_with_attribute_type(after) {
                    candidates.push(i);
                }
            }
            _ => {}
        }
    }
    let well_formed = |i: usize| is_dn(&text[..i]) && is_dn(text[i + 1..].trim());
    let chosen = candidates
        .iter()
        .copied()
        .find(|&i| well_formed(i))
        .or_else(|| candidates.first().copied());
    match chosen {
        Some(i) => (
            Some(text[..i].trim().to_string()),
            Some(text[i + 1..].trim().to_string()),
        ),
        None => (Some(text.to_string()), None),
    }
}

/// `CN=`, `OU=`, `S=`, `E=`, `OID.2.5.4.97=`, `2.5.4.5=` ...
fn starts_with_attribute_type(s: &str) -> bool {
    crate::grammar::dn::starts_with_attribute(s)
}

/// Every `,`/`+`-separated RDN (outside quotes) is `TYPE=value` ([`crate::grammar::dn`]; this
/// runs once per certificate row, not per log row).
fn is_dn(s: &str) -> bool {
    crate::grammar::dn::is_dn(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The char-by-char version `normalise_hex` replaced.
    fn normalise_hex_chars(s: &str) -> String {
        let compact: String = s.chars().filter(|c| !matches!(c, ' ' | ':')).collect();
        if !compact.is_empty() && compact.chars().all(|c| c.is_ascii_hexdigit()) {
            compact.to_ascii_uppercase()
        } else {
            s.to_string()
        }
    }

    #[test]
    fn normalise_hex_is_the_char_version() {
        for s in [
            "",
            " ",
            ":",
            " : ",
            "0a1b",
            "0A 1b:2C",
            "0a1g",
            "é0a",
            "0a\u{a0}1b",
            "  ff  ",
            "x",
            "12:34:56:78:9a:bc:de:f0:12:34:56:78:9a:bc:de:f0:12:34:56:78",
        ] {
            assert_eq!(normalise_hex(s), normalise_hex_chars(s), "{s:?}");
        }
    }

    #[test]
    fn one_row_shape_from_a_real_receive_log() {
        // Receive log row (RECV2023011116-1.LOG) published in public Exchange log-format notes.
        let data = " CN=SERVER-HOSTNAME CN=SERVER-HOSTNAME 12DEABC6565646512346ABDC13456894 12DEABC6565646512346ABDC1345689413589876 2020-01-17T15:15:33.000Z 2025-01-17T15:15:33.000Z SERVER-HOSTNAME;SERVER-HOSTNAME.DOMAIN.TEST";
        let id = parse_one_row(data).unwrap();
        assert_eq!(id.subject.as_deref(), Some("CN=SERVER-HOSTNAME"));
        assert_eq!(id.issuer.as_deref(), Some("CN=SERVER-HOSTNAME"));
        assert_eq!(
            id.serial_number.as_deref(),
            Some("12DEABC6565646512346ABDC13456894")
        );
        assert_eq!(
            id.thumbprint.as_deref(),
            Some("12DEABC6565646512346ABDC1345689413589876")
        );
        assert_eq!(id.not_before.as_deref(), Some("2020-01-17T15:15:33.000Z"));
        assert_eq!(id.not_after.as_deref(), Some("2025-01-17T15:15:33.000Z"));
        assert_eq!(
            id.alternate_names,
            vec!["SERVER-HOSTNAME", "SERVER-HOSTNAME.DOMAIN.TEST"]
        );
        assert_eq!(
            Role::from_one_row_context(
                "Sending certificate Subject Issuer name Serial number Thumbprint Not before Not after Subject alternate names"
            ),
            Some(Role::Sending)
        );
        assert_eq!(Role::from_one_row_context("Sending certificate"), None);
    }

    #[test]
    fn one_row_shape_with_spaces_and_commas_in_names() {
        let data = "CN=mail.contoso.com, OU=Mail Team, O=\"Contoso, Ltd.\", L=New York, C=US CN=Trusted Secure Certificate Authority 5, O=Corporation Service Company, L=Wilmington, S=DE, C=US 0A1B2C 3D68C9DB575E6FDB56A81AE43B014E129349E024 2024-01-01T00:00:00.000Z 2025-01-01T00:00:00.000Z mail.contoso.com;autodiscover.contoso.com";
        let id = parse_one_row(data).unwrap();
        assert_eq!(
            id.subject.as_deref(),
            Some("CN=mail.contoso.com, OU=Mail Team, O=\"Contoso, Ltd.\", L=New York, C=US")
        );
        assert_eq!(
            id.issuer.as_deref(),
            Some("CN=Trusted Secure Certificate Authority 5, O=Corporation Service Company, L=Wilmington, S=DE, C=US")
        );
        assert_eq!(id.serial_number.as_deref(), Some("0A1B2C"));
        assert_eq!(id.alternate_names.len(), 2);
    }

    #[test]
    fn one_row_shape_value_that_looks_like_a_type() {
        // "O=Foo X=Bar" inside the subject value: only the split leaving two DNs is taken.
        let (s, i) = split_subject_issuer("CN=a, O=Foo X=Bar CN=Issuing CA, O=Org");
        // Both "CN=a, O=Foo" + "X=Bar CN=Issuing CA, O=Org" are DN-shaped, so the leftmost wins:
        // the log format is ambiguous here; document what we do.
        assert_eq!(s.as_deref(), Some("CN=a, O=Foo"));
        assert_eq!(i.as_deref(), Some("X=Bar CN=Issuing CA, O=Org"));
        let (s, i) = split_subject_issuer("CN=host, O=A B, C=US CN=CA, C=US");
        assert_eq!(s.as_deref(), Some("CN=host, O=A B, C=US"));
        assert_eq!(i.as_deref(), Some("CN=CA, C=US"));
    }

    #[test]
    fn one_row_without_dates_or_names_and_garbage() {
        let id = parse_one_row("CN=a CN=b 01 3D68C9DB575E6FDB56A81AE43B014E129349E024").unwrap();
        assert_eq!(id.subject.as_deref(), Some("CN=a"));
        assert_eq!(id.issuer.as_deref(), Some("CN=b"));
        assert!(id.alternate_names.is_empty());
        assert!(id.not_after.is_none());
        assert!(parse_one_row("no thumbprint here").is_none());
        assert!(parse_one_row("").is_none());
    }

    #[test]
    fn multi_row_fields_both_kb_shapes() {
        assert_eq!(
            Field::recognise("CN=*.x", "Certificate subject"),
            Some((Field::Subject, "CN=*.x"))
        );
        assert_eq!(
            Field::recognise("*.xxxx.xxx.xx alternate names", ""),
            Some((Field::AlternateNames, "*.xxxx.xxx.xx"))
        );
        assert_eq!(
            Field::recognise("*.domai.com;conotso.com", "Certificate alternate names"),
            Some((Field::AlternateNames, "*.domai.com;conotso.com"))
        );
        assert_eq!(
            Field::recognise("", "TLS negotiation failed with error NoCredentials"),
            None
        );
        let mut id = CertIdentity::default();
        Field::Thumbprint.apply(&mut id, " 3d68c9db575e6fdb56a81ae43b014e129349e024 ");
        assert_eq!(
            id.thumbprint.as_deref(),
            Some("3D68C9DB575E6FDB56A81AE43B014E129349E024")
        );
        Field::SerialNumber.apply(&mut id, "xxxxxxxx");
        assert_eq!(id.serial_number.as_deref(), Some("xxxxxxxx"));
    }
}
