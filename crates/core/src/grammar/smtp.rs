//! SMTP replies as Exchange writes them into queues, NDRs, message traces and protocol logs:
//! `421 4.4.1 Connection timed out`, `450 4.7.320 Certificate validation failed ...`,
//! `250-STARTTLS`.
//!
//! Sources: RFC 5321 §4.2 (a reply is three digits, then a space or `-`, then text; the first
//! digit is 2 to 5), RFC 3463 §2 (enhanced status `class.subject.detail`: class 2, 4 or 5,
//! subject and detail of one to three digits) and Microsoft Learn "Email non-delivery reports
//! and SMTP errors in Exchange Online" (three-digit details such as `4.7.320`, `5.7.51`).

use nom::bytes::complete::take_while_m_n;
use nom::character::complete::{char, one_of, space0};
use nom::combinator::{eof, map, map_res, opt, peek, recognize, rest, verify};
use nom::sequence::{terminated, tuple};
use serde::{Deserialize, Serialize};

use super::{scan, PResult};

/// An RFC 3463 enhanced status code, e.g. `4.7.320`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnhancedStatus {
    pub class: u8,
    pub subject: u16,
    pub detail: u16,
}

impl std::fmt::Display for EnhancedStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}.{}", self.class, self.subject, self.detail)
    }
}

/// One SMTP reply: the three-digit code, the enhanced status when given, and the text after them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SmtpReply {
    pub code: u16,
    pub enhanced: Option<EnhancedStatus>,
    pub text: String,
}

impl SmtpReply {
    /// `code` and, when `enhanced` is given, the enhanced status (`"4.4.1"`) both match.
    pub fn is(&self, code: u16, enhanced: &str) -> bool {
        self.code == code
            && self
                .enhanced
                .is_some_and(|e| enhanced.is_empty() || e.to_string() == enhanced)
    }
}

fn number<T: std::str::FromStr>(min: usize, max: usize) -> impl FnMut(&str) -> PResult<'_, T> {
    move |input| {
        map_res(
            take_while_m_n(min, max, |c: char| c.is_ascii_digit()),
            str::parse::<T>,
        )(input)
    }
}

/// Nothing that continues a number or a word follows.
fn boundary(input: &str) -> PResult<'_, ()> {
    match input.chars().next() {
        Some(c) if c.is_ascii_alphanumeric() || c == '.' => Err(nom::Err::Error(
            nom::error::Error::new(input, nom::error::ErrorKind::Verify),
        )),
        _ => Ok((input, ())),
    }
}

/// `4.7.320`: class 2, 4 or 5; subject and detail of one to three digits.
pub fn enhanced_status(input: &str) -> PResult<'_, EnhancedStatus> {
    map(
        terminated(
            tuple((
                one_of("245"),
                char('.'),
                number::<u16>(1, 3),
                char('.'),
                number::<u16>(1, 3),
            )),
            boundary,
        ),
        |(class, _, subject, _, detail)| EnhancedStatus {
            class: class as u8 - b'0',
            subject,
            detail,
        },
    )(input)
}

/// A three-digit reply code from 200 to 599.
pub fn reply_code(input: &str) -> PResult<'_, u16> {
    verify(terminated(number::<u16>(3, 3), boundary), |c| {
        (200..600).contains(c)
    })(input)
}

/// A whole reply at the start of `input`: `code[ -][enhanced ]text`. The enhanced status is
/// optional (`250-STARTTLS`, `220 mail.contoso.com ...`).
pub fn reply(input: &str) -> PResult<'_, SmtpReply> {
    map(
        tuple((
            reply_code,
            opt(one_of(" -")),
            opt(terminated(enhanced_status, space0)),
            rest,
        )),
        |(code, _, enhanced, text): (u16, _, _, &str)| SmtpReply {
            code,
            enhanced,
            text: text.trim().to_string(),
        },
    )(input)
}

/// A reply quoted inside other text, which must carry an enhanced status to be told from any
/// other number: `421 4.4.1`. Its text runs to the next quote, `]`, `>`, `;{`, or line end.
pub fn embedded_reply(input: &str) -> PResult<'_, SmtpReply> {
    let (after_status, (code, _, enhanced, _)) = tuple((
        reply_code,
        one_of(" -"),
        enhanced_status,
        peek(nom::branch::alt((recognize(one_of(" \t")), eof))),
    ))(input)?;
    let end = after_status
        .find(['"', '\'', '>', '\n', '\r'])
        .unwrap_or(after_status.len());
    let text = &after_status[..end];
    Ok((
        &after_status[end..],
        SmtpReply {
            code,
            enhanced: Some(enhanced),
            text: text.trim().to_string(),
        },
    ))
}

/// Every reply with an enhanced status in free text, in order (`... responded with: "421 4.4.1
/// Connection timed out." ...`, `smtp;550 5.7.51 ...`, `-> 421 4.4.2 ...`).
pub fn find_replies(text: &str) -> Vec<SmtpReply> {
    scan(
        text,
        |c| !c.is_ascii_alphanumeric() && c != '.',
        embedded_reply,
    )
    .into_iter()
    .map(|(_, r)| r)
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_with_and_without_enhanced_status() {
        // RFC 5321 multi-line EHLO reply line and Exchange's replies (KB 4495258).
        let (_, r) = reply("250-STARTTLS").unwrap();
        assert_eq!(
            (r.code, r.enhanced, r.text.as_str()),
            (250, None, "STARTTLS")
        );
        let (_, r) = reply("421 4.4.1 Connection timed out").unwrap();
        assert_eq!(r.enhanced.map(|e| e.to_string()).as_deref(), Some("4.4.1"));
        assert_eq!(r.text, "Connection timed out");
        assert!(r.is(421, "4.4.1"));
        let (_, r) = reply("450 4.7.320 Certificate validation failed").unwrap();
        assert_eq!(r.enhanced.unwrap().detail, 320);
        assert!(reply("192.168.0.1").is_err());
        assert!(reply("1234 5.7.1").is_err());
        assert!(reply("099 x").is_err());
    }

    #[test]
    fn replies_inside_queue_and_ndr_text() {
        // Get-Queue LastError from KB 4495258 and an NDR diagnostic from a public write-up.
        let found = find_replies("451 4.4.0 Primary target IP address responded with: \"421 4.4.1 Connection timed out.\" Attempted failover to alternate host, but that did not succeed.");
        assert_eq!(found.len(), 2);
        assert!(found[0].is(451, "4.4.0"));
        assert!(found[1].is(421, "4.4.1"));
        assert_eq!(found[1].text, "Connection timed out.");
        let found = find_replies(
            "Remote Server returned '< #4.4.7 smtp;550 4.4.7 QUEUE.Expired; message expired>'",
        );
        assert_eq!(found.len(), 1);
        assert!(found[0].is(550, "4.4.7"));
        assert_eq!(found[0].text, "QUEUE.Expired; message expired");
        // An IP address or a version number is no reply.
        assert!(find_replies("1.2.3.4 and 10.250.4.4.1 and 2421 4.4.1").is_empty());
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
            let _ = reply(&text);
            let _ = find_replies(&text);
        }

        #[test]
        fn a_written_reply_reads_back(code in 200u16..600, class in prop::sample::select(vec![2u8, 4, 5]),
                                      subject in 0u16..1000, detail in 0u16..1000,
                                      text in "[A-Za-z][A-Za-z ]{0,30}") {
            let line = format!("{code} {class}.{subject}.{detail} {text}");
            let (_, r) = reply(&line).unwrap();
            prop_assert_eq!(r.code, code);
            prop_assert_eq!(r.enhanced, Some(EnhancedStatus { class, subject, detail }));
            prop_assert_eq!(r.text, text.trim());
            let found = find_replies(&format!("x \"{line}\" y"));
            prop_assert_eq!(found.len(), 1);
        }
    }
}
