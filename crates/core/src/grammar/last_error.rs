//! The last error of an Exchange queue or message, as `Get-Queue | fl LastError`,
//! `Get-Message`, `Get-MessageTrackingLog` (`RecipientStatus`) and the Exchange Online
//! message trace print it since Exchange 2013:
//! `[{LED=451 4.4.397 Error communicating with target host. -> 421 4.4.2 Connection dropped due
//! to SocketError};{MSG=};{FQDN=mail.contoso.com};{IP=203.0.113.25};{LRT=1/31/2025 12:00:00 PM}]`.
//! `LED` is the last error detail (SMTP replies, failures joined with ` -> `), `MSG` an extra
//! message, `FQDN` and `IP` the last host tried, `LRT` the last retry time (local culture).
//! The older form is plain text: `451 4.4.0 Primary target IP address responded with: "421 4.4.1
//! Connection timed out." Attempted failover to alternate host, but that did not succeed.`
//!
//! Sources: KB 4495258 (the plain form), Microsoft Learn "Queues and messages in queues in
//! Exchange Server" (`LastError` property) and "Get-MessageTraceDetail" / "Message trace in the
//! Exchange admin center" (the `Reason: [{LED=...}]` detail), Get-MessageTrackingLog's
//! `RecipientStatus`. `LED` may itself hold `;`, `[...]` and `}`, so a field ends only at `};{`
//! or at the closing `}]`.

use nom::bytes::complete::{tag, take_while1};
use nom::character::complete::{char, multispace0};
use nom::combinator::opt;
use nom::multi::separated_list1;
use nom::sequence::{delimited, preceded, terminated, tuple};
use serde::{Deserialize, Serialize};

use super::smtp::{find_replies, SmtpReply};
use super::PResult;

/// A last error, read.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LastError {
    /// Every `{KEY=value}` field in order (empty for the plain form).
    pub fields: Vec<(String, String)>,
    /// `LED`, or the whole text of the plain form.
    pub led: Option<String>,
    pub msg: Option<String>,
    pub fqdn: Option<String>,
    pub ip: Option<String>,
    /// `LRT` as printed (`1/31/2025 12:00:00 PM`, `31.01.2025 12:00:00`).
    pub lrt: Option<String>,
    /// Every SMTP reply with an enhanced status in `led`, in order.
    pub replies: Vec<SmtpReply>,
}

impl LastError {
    /// The value of field `key` (case-insensitive), when present and not empty.
    pub fn field(&self, key: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(key))
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }

    /// A reply with this code and enhanced status (`"4.4.1"`) is among the replies.
    pub fn has_reply(&self, code: u16, enhanced: &str) -> bool {
        self.replies.iter().any(|r| r.is(code, enhanced))
    }
}

/// `LED`, `MSG`, `FQDN`, `IP`, `LRT` (any letters: other builds add fields).
fn key(input: &str) -> PResult<'_, &str> {
    take_while1(|c: char| c.is_ascii_alphanumeric() || c == '_')(input)
}

/// A field value: up to the first `};{` or the closing `}]`, whichever comes first (one pass
/// over the `}` of the value, so a long list stays linear).
fn value(input: &str) -> PResult<'_, &str> {
    for (i, _) in input.match_indices('}') {
        let after = &input[i + 1..];
        if after.starts_with(";{") || after.starts_with(']') {
            return Ok((&input[i..], &input[..i]));
        }
    }
    Err(nom::Err::Error(nom::error::Error::new(
        input,
        nom::error::ErrorKind::TakeUntil,
    )))
}

/// `{KEY=value}`.
fn field(input: &str) -> PResult<'_, (&str, &str)> {
    let (input, (_, k, _, v, _)) = tuple((char('{'), key, char('='), value, char('}')))(input)?;
    Ok((input, (k, v)))
}

/// `[{KEY=value};{KEY=value}...]`, optionally wrapped in `{` `}` as `RecipientStatus` prints it
/// and preceded by `Reason: `.
pub fn bracketed(input: &str) -> PResult<'_, Vec<(&str, &str)>> {
    let (input, _) = multispace0(input)?;
    let (input, _) = opt(tag("Reason:"))(input)?;
    let (input, _) = multispace0(input)?;
    let (input, outer) = opt(char('{'))(input)?;
    let (input, fields) =
        delimited(char('['), separated_list1(char(';'), field), char(']'))(input)?;
    let (input, _) = if outer.is_some() {
        opt(preceded(multispace0, char('}')))(input)?
    } else {
        (input, None)
    };
    let (input, _) = terminated(multispace0, nom::combinator::rest)(input)?;
    Ok((input, fields))
}

/// Reads a last error in either form. Never fails: text that is not the bracketed form is read
/// as the plain form (its SMTP replies are still found). Reads the first
/// [`crate::limits::MAX_PASTE_VALUE_CHARS`] bytes.
pub fn parse(text: &str) -> LastError {
    let text = super::bounded(text).trim();
    match bracketed(text) {
        Ok((_, fields)) => {
            let fields: Vec<(String, String)> = fields
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.trim().to_string()))
                .collect();
            let listed = LastError {
                fields,
                ..LastError::default()
            };
            let get = |k: &str| listed.field(k).map(str::to_string);
            let led = get("LED");
            LastError {
                replies: led.as_deref().map(find_replies).unwrap_or_default(),
                led,
                msg: get("MSG"),
                fqdn: get("FQDN"),
                ip: get("IP"),
                lrt: get("LRT"),
                fields: listed.fields.clone(),
            }
        }
        Err(_) => LastError {
            led: Some(text.to_string()).filter(|t| !t.is_empty()),
            replies: find_replies(text),
            ..LastError::default()
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bracketed_form_from_get_queue() {
        // Shape of Get-Queue | fl LastError on Exchange 2016/2019 (Learn "Queues and messages in
        // queues"), host and address from the documentation ranges.
        let e = parse("[{LED=451 4.4.397 Error communicating with target host. -> 421 4.4.2 Connection dropped due to SocketError};{MSG=};{FQDN=mail.contoso.com};{IP=203.0.113.25};{LRT=1/31/2025 12:00:00 PM}]");
        assert_eq!(e.fields.len(), 5);
        assert_eq!(e.msg, None);
        assert_eq!(e.fqdn.as_deref(), Some("mail.contoso.com"));
        assert_eq!(e.ip.as_deref(), Some("203.0.113.25"));
        assert_eq!(e.lrt.as_deref(), Some("1/31/2025 12:00:00 PM"));
        assert_eq!(e.replies.len(), 2);
        assert!(e.has_reply(451, "4.4.397"));
        assert!(e.has_reply(421, "4.4.2"));
        assert!(!e.has_reply(421, "4.4.1"));
    }

    #[test]
    fn led_holding_semicolons_brackets_and_the_message_trace_prefix() {
        // Exchange Online message-trace detail (Get-MessageTraceDetail "Reason:") for 4.7.320.
        let e = parse("Reason: [{LED=450 4.7.320 Certificate validation failed [Message=SubjectMismatch Expected Subject: mail.contoso.com. Presented Subject: CN=EX01];{X=1}};{FQDN=mail.contoso.com};{IP=203.0.113.25}]");
        assert_eq!(
            e.led.as_deref(),
            Some("450 4.7.320 Certificate validation failed [Message=SubjectMismatch Expected Subject: mail.contoso.com. Presented Subject: CN=EX01];{X=1}")
        );
        assert!(e.has_reply(450, "4.7.320"));
        // RecipientStatus of Get-MessageTrackingLog wraps the list in braces.
        let e = parse("{[{LED=550 4.4.7 QUEUE.Expired; message expired};{FQDN=mail.demo.example};{IP=203.0.113.25}]}");
        assert_eq!(
            e.led.as_deref(),
            Some("550 4.4.7 QUEUE.Expired; message expired")
        );
        assert!(e.has_reply(550, "4.4.7"));
    }

    #[test]
    fn plain_form_of_kb4495258() {
        let e = parse("451 4.4.0 Primary target IP address responded with: \"421 4.4.1 Connection timed out.\" Attempted failover to alternate host, but that did not succeed. Either there are no alternate hosts, or delivery failed to all alternate hosts. The last endpoint attempted was 104.47.75.164:25");
        assert!(e.fields.is_empty());
        assert!(e.has_reply(421, "4.4.1"));
        assert!(e.led.unwrap().ends_with("104.47.75.164:25"));
        // An unclosed bracket is plain text too.
        let e = parse("[{LED=421 4.4.1 Connection timed out");
        assert!(e.fields.is_empty());
        assert!(e.has_reply(421, "4.4.1"));
        assert_eq!(parse("  "), LastError::default());
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
            let _ = parse(&text);
        }

        #[test]
        fn never_panics_on_near_misses(text in "[\\[\\]{};=LEDMSGFQ 4.21x]{0,60}") {
            let _ = parse(&text);
        }

        #[test]
        fn fields_written_read_back(fqdn in "[a-z]{1,10}(\\.[a-z]{1,10}){1,3}", led in "[A-Za-z0-9 .;\\[\\]=:-]{0,40}") {
            let text = format!("[{{LED={led}}};{{MSG=}};{{FQDN={fqdn}}}]");
            let e = parse(&text);
            prop_assert_eq!(e.fqdn.as_deref(), Some(fqdn.as_str()));
            prop_assert_eq!(e.led.as_deref().unwrap_or(""), led.trim());
        }
    }
}
