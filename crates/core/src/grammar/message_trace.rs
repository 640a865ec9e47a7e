//! Exchange Online message-trace details and non-delivery reports (NDRs), as admins copy them:
//! * the deferral or failure detail: `450 4.7.320 Certificate validation failed
//!   [Message=SubjectMismatch Expected Subject: mail.contoso.com. Presented Subject: CN=EX01]
//!   [LastAttemptedServerName=mail.contoso.com] [LastAttemptedIP=203.0.113.25:25]`, or
//!   `450 4.4.316 Connection refused [Message=Socket error code 10061]`;
//! * the NDR's diagnostic line: `Remote Server returned '550 5.7.51 TenantInboundAttribution;
//!   ...'` or `Remote Server returned '< #4.4.7 smtp;550 4.4.7 QUEUE.Expired; message expired>'`;
//! * the `Reason: [{LED=...};{FQDN=...};{IP=...}]` detail (see [`super::last_error`]).
//!
//! Sources: Microsoft Learn "Get-MessageTraceDetail" (the `Detail` of Defer/Fail events),
//! "Email non-delivery reports and SMTP errors in Exchange Online" and its pages on 4.7.320
//! ("certificate validation failed" toward on-premises servers) and 5.7.x (5.7.51 tenant
//! attribution, 5.7.64), the Exchange team blog on hybrid mail flow, and the failure catalogue
//! in FAILURE-MODES.md (rows 6 and 7).
//!
//! The functions here are the entry points the failure catalogue calls: [`read_detail`] for a
//! whole text, or the single pieces ([`certificate_validation_failure`],
//! [`remote_server_returned`], [`led`], [`bracket_fields`]). Each reads the first
//! [`crate::limits::MAX_PASTE_VALUE_CHARS`] bytes of its text (a detail or an NDR is a few KB),
//! and a `[Key=Value]` value is at most [`MAX_BRACKET_VALUE`] bytes, so the searches stay bounded.

use nom::bytes::complete::{tag, tag_no_case, take_until, take_while1};
use nom::character::complete::{char, space0};
use nom::combinator::{opt, rest};
use nom::sequence::{preceded, tuple};
use serde::{Deserialize, Serialize};

use super::last_error::{self, LastError};
use super::smtp::{find_replies, SmtpReply};
use super::{after, bounded, scan, PResult};

/// What Exchange Online says about a certificate it could not validate (`4.7.320`, also seen
/// with `5.7.3xx`): the reason word and, for `SubjectMismatch`, both subjects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateValidationFailure {
    /// The reply carrying it (`450 4.7.320 Certificate validation failed`), when present.
    pub reply: Option<SmtpReply>,
    /// `SubjectMismatch`, `UntrustedRoot`, `CertificateExpired`, ... (the first word after
    /// `Message=`).
    pub reason: String,
    /// `Expected Subject: <name>.` (a host name, or a `TlsCertificateName` of the connector).
    pub expected_subject: Option<String>,
    /// `Presented Subject: <DN>` (the subject of the certificate the server sent).
    pub presented_subject: Option<String>,
    /// The whole `Message=` value.
    pub message: String,
}

/// `Remote Server returned '<text>'`: the diagnostic of an NDR.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemoteServerReturned {
    /// The quoted text, without the quotes (and without `<` `>` around it).
    pub diagnostic: String,
    /// The SMTP replies in it (`550 5.7.51 ...`).
    pub replies: Vec<SmtpReply>,
}

/// Everything read from one message-trace detail or NDR text.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TraceDetail {
    /// Every SMTP reply with an enhanced status, in order.
    pub replies: Vec<SmtpReply>,
    /// Every `[Key=Value]` pair, in order (`Message`, `LastAttemptedServerName`, ...).
    pub bracket_fields: Vec<(String, String)>,
    pub certificate_validation: Option<CertificateValidationFailure>,
    pub remote_server_returned: Option<RemoteServerReturned>,
    /// The `[{LED=...};...]` list, when the text holds one.
    pub last_error: Option<LastError>,
}

impl TraceDetail {
    /// A reply with this code and enhanced status (`"4.7.320"`; `""` for any) was seen.
    pub fn has_reply(&self, code: u16, enhanced: &str) -> bool {
        self.replies.iter().any(|r| r.is(code, enhanced))
    }

    /// The value of `[key=...]` (case-insensitive).
    pub fn bracket_field(&self, key: &str) -> Option<&str> {
        self.bracket_fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
    }
}

/// The longest `[Key=Value]` value looked for (bytes).
pub const MAX_BRACKET_VALUE: usize = 2048;

/// `[Key=Value]` with a key of letters and digits; the value runs to the matching `]` (inner
/// brackets nest), on the same line and within [`MAX_BRACKET_VALUE`] bytes.
pub fn bracket_field(input: &str) -> PResult<'_, (&str, &str)> {
    let (input, (_, key, _)) = tuple((
        char('['),
        take_while1(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-'),
        char('='),
    ))(input)?;
    let mut depth = 0usize;
    for (i, c) in input.char_indices() {
        if i > MAX_BRACKET_VALUE {
            break;
        }
        match c {
            '[' => depth += 1,
            ']' if depth == 0 => return Ok((&input[i + 1..], (key, &input[..i]))),
            ']' => depth -= 1,
            '\n' => break,
            _ => {}
        }
    }
    Err(nom::Err::Error(nom::error::Error::new(
        input,
        nom::error::ErrorKind::Char,
    )))
}

/// Every `[Key=Value]` in `text`, in order.
pub fn bracket_fields(text: &str) -> Vec<(&str, &str)> {
    scan(bounded(text), |_| true, bracket_field)
        .into_iter()
        .map(|(_, f)| f)
        .collect()
}

/// `SubjectMismatch Expected Subject: <name>. Presented Subject: <DN>`: reason word, then the
/// optional subjects.
fn validation_message(input: &str) -> PResult<'_, (&str, Option<&str>, Option<&str>)> {
    let (input, reason) =
        take_while1(|c: char| c.is_ascii_alphanumeric() || c == '_' || c == '.')(input)?;
    let (input, expected) = opt(preceded(
        tuple((space0, tag_no_case("Expected Subject:"), space0)),
        take_until(". Presented Subject:"),
    ))(input)?;
    let (input, presented) = opt(preceded(
        tuple((
            opt(tag(".")),
            space0,
            tag_no_case("Presented Subject:"),
            space0,
        )),
        rest,
    ))(input)?;
    Ok((input, (reason, expected, presented)))
}

/// The `[Message=...]` of a certificate validation failure (4.7.320 and kin), from a message
/// trace detail, an NDR or a queue error. `None` when the text holds no such failure.
pub fn certificate_validation_failure(text: &str) -> Option<CertificateValidationFailure> {
    let text = bounded(text);
    let lower = text.to_ascii_lowercase();
    if !lower.contains("certificate validation failed") && !lower.contains("4.7.320") {
        return None;
    }
    let message = bracket_fields(text)
        .into_iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("Message"))?
        .1
        .trim();
    let (_, (reason, expected, presented)) = validation_message(message).ok()?;
    let reply = find_replies(text).into_iter().find(|r| {
        r.text
            .to_ascii_lowercase()
            .contains("certificate validation")
    });
    Some(CertificateValidationFailure {
        reply,
        reason: reason.to_string(),
        expected_subject: expected
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        presented_subject: presented
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        message: message.to_string(),
    })
}

/// `'...'` with the quote closing at the last `'` of the line (the diagnostic may itself hold
/// apostrophes).
fn single_quoted(input: &str) -> PResult<'_, &str> {
    let line_end = input.find(['\n', '\r']).unwrap_or(input.len());
    let line = &input[..line_end];
    let (inner, _) = char('\'')(line)?;
    match inner.rfind('\'') {
        Some(end) => Ok((&input[1 + end + 1..], &inner[..end])),
        None => Err(nom::Err::Error(nom::error::Error::new(
            inner,
            nom::error::ErrorKind::Char,
        ))),
    }
}

/// `Remote Server returned '<text>'` (case-insensitive; `Remote server returned` in newer NDRs).
pub fn remote_server_returned(text: &str) -> Option<RemoteServerReturned> {
    let text = bounded(text);
    let lower = text.to_ascii_lowercase();
    let at = lower.find("remote server returned")?;
    let (_, quoted) = preceded(
        tuple((tag_no_case("remote server returned"), space0)),
        single_quoted,
    )(&text[at..])
    .ok()?;
    let diagnostic = quoted.trim();
    // `'< #4.4.7 smtp;550 ...>'`: the angle brackets are not part of the diagnostic.
    let diagnostic = match diagnostic.strip_prefix('<') {
        Some(inner) => inner.strip_suffix('>').unwrap_or(inner).trim(),
        None => diagnostic,
    };
    Some(RemoteServerReturned {
        diagnostic: diagnostic.to_string(),
        replies: find_replies(diagnostic),
    })
}

/// The `LED=` value of a message trace or NDR (`{LED=...}` or a bare `LED=...` to the end of the
/// line).
pub fn led(text: &str) -> Option<String> {
    let text = bounded(text);
    if let Some(e) = bracketed_last_error(text) {
        return e.led;
    }
    let (rest, _) = after("LED=")(text).ok()?;
    let end = rest
        .find(['\n', '\r'])
        .unwrap_or(rest.len())
        .min(rest.find("};{").unwrap_or(rest.len()));
    let value = rest[..end].trim().trim_end_matches(['}', ']']).trim();
    Some(value.to_string()).filter(|v| !v.is_empty())
}

fn bracketed_last_error(text: &str) -> Option<LastError> {
    let at = text.find("[{")?;
    let start = text[..at].strip_suffix('{').map_or(at, |_| at - 1);
    let (_, _) = last_error::bracketed(&text[start..]).ok()?;
    Some(last_error::parse(&text[start..]))
}

/// Reads a whole message-trace detail or NDR text.
pub fn read_detail(text: &str) -> TraceDetail {
    let text = bounded(text);
    TraceDetail {
        replies: find_replies(text),
        bracket_fields: bracket_fields(text)
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.trim().to_string()))
            .collect(),
        certificate_validation: certificate_validation_failure(text),
        remote_server_returned: remote_server_returned(text),
        last_error: bracketed_last_error(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// FAILURE-MODES.md row 6, from the Learn blog "450 4.7.320 certificate validation failed".
    const SUBJECT_MISMATCH: &str = "450 4.7.320 Certificate validation failed [Message=SubjectMismatch Expected Subject: mail.contoso.com. Presented Subject: CN=EX01] [LastAttemptedServerName=mail.contoso.com] [LastAttemptedIP=203.0.113.25:25]";

    #[test]
    fn subject_mismatch_of_4_7_320() {
        let f = certificate_validation_failure(SUBJECT_MISMATCH).unwrap();
        assert_eq!(f.reason, "SubjectMismatch");
        assert_eq!(f.expected_subject.as_deref(), Some("mail.contoso.com"));
        assert_eq!(f.presented_subject.as_deref(), Some("CN=EX01"));
        assert!(f.reply.as_ref().unwrap().is(450, "4.7.320"));
        let d = read_detail(SUBJECT_MISMATCH);
        assert_eq!(d.bracket_field("LastAttemptedIP"), Some("203.0.113.25:25"));
        assert_eq!(d.bracket_fields.len(), 3);
        assert!(d.has_reply(450, "4.7.320"));
        assert!(d.certificate_validation.is_some());
    }

    #[test]
    fn other_validation_reasons_and_dn_with_commas() {
        let f = certificate_validation_failure(
            "450 4.7.320 Certificate validation failed [Message=UntrustedRoot]",
        )
        .unwrap();
        assert_eq!(f.reason, "UntrustedRoot");
        assert_eq!(f.expected_subject, None);
        let f = certificate_validation_failure("Reason: [{LED=450 4.7.320 Certificate validation failed [Message=SubjectMismatch Expected Subject: <I>CN=R3, O=Let's Encrypt, C=US<S>CN=mail.contoso.com. Presented Subject: CN=EX01.contoso.local, O=Contoso]};{FQDN=mail.contoso.com};{IP=203.0.113.25}]").unwrap();
        assert_eq!(
            f.expected_subject.as_deref(),
            Some("<I>CN=R3, O=Let's Encrypt, C=US<S>CN=mail.contoso.com")
        );
        assert_eq!(
            f.presented_subject.as_deref(),
            Some("CN=EX01.contoso.local, O=Contoso")
        );
        // A socket error is no certificate failure.
        assert_eq!(
            certificate_validation_failure(
                "450 4.4.316 Connection refused [Message=Socket error code 10061]"
            ),
            None
        );
    }

    #[test]
    fn ndr_remote_server_returned() {
        // Published NDR texts (hybrid mail-flow write-ups, FAILURE-MODES.md row 7).
        let r = remote_server_returned(
            "Diagnostic information for administrators:\nGenerating server: EX01.contoso.com\nRemote Server returned '< #4.4.7 smtp;550 4.4.7 QUEUE.Expired; message expired>'\nOriginal message headers:",
        )
        .unwrap();
        assert_eq!(
            r.diagnostic,
            "#4.4.7 smtp;550 4.4.7 QUEUE.Expired; message expired"
        );
        assert!(r.replies[0].is(550, "4.4.7"));
        let r = remote_server_returned("Remote Server returned '550 5.7.51 TenantInboundAttribution; There is a partner connector configured that matched the message's recipient domain.'").unwrap();
        assert!(r.replies[0].is(550, "5.7.51"));
        assert!(r.diagnostic.ends_with("recipient domain."));
        assert_eq!(
            remote_server_returned("Remote Server returned nothing"),
            None
        );
    }

    #[test]
    fn hostile_input_stays_fast() {
        // Many unclosed `[Key=` on one line, and a long list of fields: bounded work (a
        // quadratic reader would not finish; no timed assertion, the machine may be loaded).
        let unclosed = "[a=".repeat(1_000_000);
        assert!(bracket_fields(&unclosed).is_empty());
        let _ = read_detail(&unclosed);
        let fields = "{A=1};".repeat(200_000);
        let detail = read_detail(&format!("[{fields}{{B=2}}]"));
        assert!(detail.replies.is_empty() && detail.certificate_validation.is_none());
    }

    #[test]
    fn led_in_both_shapes() {
        assert_eq!(
            led("Reason: [{LED=550 4.4.7 QUEUE.Expired; message expired};{FQDN=mail.demo.example};{IP=203.0.113.25}]").as_deref(),
            Some("550 4.4.7 QUEUE.Expired; message expired")
        );
        assert_eq!(
            led("LED=450 4.7.320 Certificate validation failed\nnext line").as_deref(),
            Some("450 4.7.320 Certificate validation failed")
        );
        assert_eq!(led("no error here"), None);
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
            let _ = read_detail(&text);
            let _ = led(&text);
        }

        #[test]
        fn never_panics_on_near_misses(text in "[\\[\\]{}';=<>#LEDMessageRmot 4.7320x:]{0,80}") {
            let _ = read_detail(&text);
            let _ = led(&text);
        }

        #[test]
        fn subjects_read_back(expected in "[a-z]{1,8}(\\.[a-z]{1,8}){1,3}", cn in "[A-Za-z0-9-]{1,15}") {
            let text = format!("450 4.7.320 Certificate validation failed [Message=SubjectMismatch Expected Subject: {expected}. Presented Subject: CN={cn}]");
            let f = certificate_validation_failure(&text).unwrap();
            prop_assert_eq!(f.expected_subject, Some(expected));
            let presented = format!("CN={cn}");
            prop_assert_eq!(f.presented_subject.as_deref(), Some(presented.as_str()));
        }
    }
}
