//! The message texts of the MSExchangeTransport / MSExchangeFrontEndTransport events about
//! certificates and TLS, with their inserts (`%1`, `%2`, ...) read back.
//!
//! Sources: the Exchange 2010 event reference on Microsoft Learn / TechNet ("MSExchangeTransport
//! 12014", "12016", "12017", "12018", "12023", "2015"; the texts are unchanged in 2013-2019):
//! * 12014 `Microsoft Exchange could not find a certificate that contains the domain name %1 in
//!   the personal store on the local computer. Therefore, it is unable to support the STARTTLS
//!   SMTP verb for the connector %2 with a FQDN parameter of %3. If the connector's FQDN is not
//!   specified, the computer's FQDN is used. ...`
//! * 12016 `There is no valid SMTP Transport Layer Security (TLS) certificate for the FQDN of %1.
//!   The existing certificate for that FQDN has expired. ...`
//! * 12017 `An internal transport certificate will expire soon. Thumbprint:%1, hours remaining: %2`
//! * 12018 `The STARTTLS certificate will expire soon: subject: %1, thumbprint: %2, hours
//!   remaining: %3. ...`
//! * 12013 / 12023 / 12024 `Microsoft Exchange could not load the certificate with thumbprint of
//!   %1 from the personal store on the local computer. ...`
//! * 2015 (SmtpSendTLSRequiredFailed) `Send connector %1 couldn't connect to remote domain %2. The
//!   send connector requires Transport Layer Security (TLS) authentication, but is unable to
//!   establish TLS with the receiving server for the remote domain. Check this connector's
//!   authentication setting and the EHLO response from the remote server %3.`
//!
//! Inserts are found between the fixed words around them wherever the message starts (pastes
//! often carry a prefix), so a cut or re-wrapped message still gives what it holds.

use nom::bytes::complete::{tag, take_until, take_while_m_n};
use nom::character::complete::{digit1, space0};
use nom::combinator::{map_res, recognize};
use nom::sequence::{preceded, terminated};

use super::{after, between, scan, PResult};

/// A known message, its inserts borrowed from the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventText<'a> {
    /// 12014.
    CertificateNotFound {
        name: &'a str,
        connector: Option<&'a str>,
        fqdn_parameter: Option<&'a str>,
    },
    /// 12016.
    StartTlsCertificateExpired { fqdn: &'a str },
    /// 12017.
    InternalCertificateExpiresSoon { hours_remaining: Option<u64> },
    /// 12018.
    StartTlsCertificateExpiresSoon {
        subject: Option<&'a str>,
        hours_remaining: Option<u64>,
    },
    /// 12013 / 12023 / 12024.
    CertificateNotLoaded,
    /// 2015.
    TlsRequiredButUnavailable {
        connector: Option<&'a str>,
        domain: Option<&'a str>,
        remote_server: Option<&'a str>,
    },
}

/// The first words of each known message and the event id it belongs to (12013, 12023 and
/// 12024 share a text; 12023 is the one Exchange 2013+ writes).
pub const MESSAGE_STARTS: &[(&str, u32)] = &[
    (
        "Microsoft Exchange could not find a certificate that contains the domain name",
        12014,
    ),
    (
        "There is no valid SMTP Transport Layer Security (TLS) certificate for the FQDN of",
        12016,
    ),
    ("An internal transport certificate will expire soon", 12017),
    ("The STARTTLS certificate will expire soon", 12018),
    (
        "Microsoft Exchange could not load the certificate with thumbprint of",
        12023,
    ),
];

const TLS_REQUIRED_MIDDLE: &str = "couldn't connect to remote domain";

/// `Send connector %1 couldn't connect to remote domain` at the start of `input`.
fn event_2015_start(input: &str) -> PResult<'_, &str> {
    preceded(
        tag("Send connector "),
        terminated(
            take_until(" couldn't connect to remote domain"),
            tag(" couldn't connect to remote domain"),
        ),
    )(input)
}

/// The id of the known message that `line` starts with (leading white space allowed).
pub fn message_start(line: &str) -> Option<u32> {
    let t = line.trim_start();
    MESSAGE_STARTS
        .iter()
        .find(|(start, _)| tag::<_, _, ()>(*start)(t).is_ok())
        .map(|(_, id)| *id)
        .or_else(|| event_2015_start(t).ok().map(|_| 2015))
}

/// `hours remaining: 72` → 72.
fn hours_remaining(text: &str) -> Option<u64> {
    let (rest, _) = after("hours remaining:")(text).ok()?;
    map_res(preceded(space0, digit1), str::parse::<u64>)(rest)
        .map_err(|_: nom::Err<nom::error::Error<&str>>| ())
        .ok()
        .map(|(_, h)| h)
}

/// 2015's inserts.
fn event_2015(m: &str) -> Option<EventText<'_>> {
    if !m.contains(TLS_REQUIRED_MIDDLE) || !m.contains("requires Transport Layer Security") {
        return None;
    }
    let connector = after("Send connector ")(m)
        .ok()
        .and_then(|(rest, _)| take_until::<_, _, ()>(" couldn't connect")(rest).ok())
        .map(|(_, c)| c.trim())
        .filter(|c| !c.is_empty());
    let remote_server = after("EHLO response from the remote server ")(m)
        .ok()
        .map(|(rest, _)| rest.trim().trim_end_matches('.').trim())
        .filter(|s| !s.is_empty());
    Some(EventText::TlsRequiredButUnavailable {
        connector,
        domain: between(
            m,
            "connect to remote domain ",
            ". The send connector requires",
        ),
        remote_server,
    })
}

/// Reads a message (already joined to one line). `None` for any other message.
pub fn read(message: &str) -> Option<EventText<'_>> {
    let m = message.trim();
    if let Some(name) = between(m, "contains the domain name ", " in the personal store") {
        return Some(EventText::CertificateNotFound {
            name,
            connector: between(
                m,
                "STARTTLS SMTP verb for the connector ",
                " with a FQDN parameter of",
            ),
            fqdn_parameter: between(m, "with a FQDN parameter of ", ". If the connector"),
        });
    }
    if let Some(fqdn) = between(
        m,
        "certificate for the FQDN of ",
        ". The existing certificate",
    ) {
        return Some(EventText::StartTlsCertificateExpired { fqdn });
    }
    if tag::<_, _, ()>("An internal transport certificate will expire soon")(m).is_ok() {
        return Some(EventText::InternalCertificateExpiresSoon {
            hours_remaining: hours_remaining(m),
        });
    }
    if tag::<_, _, ()>("The STARTTLS certificate will expire soon")(m).is_ok() {
        return Some(EventText::StartTlsCertificateExpiresSoon {
            subject: between(m, "subject: ", ", thumbprint:"),
            hours_remaining: hours_remaining(m),
        });
    }
    if m.contains("could not load the certificate with thumbprint of") {
        return Some(EventText::CertificateNotLoaded);
    }
    event_2015(m)
}

/// Exactly 40 hex digits not touching another hex digit.
fn thumbprint(input: &str) -> PResult<'_, &str> {
    let (rest, hex) = recognize(take_while_m_n(40, 40, |c: char| c.is_ascii_hexdigit()))(input)?;
    match rest.chars().next() {
        Some(c) if c.is_ascii_hexdigit() => Err(nom::Err::Error(nom::error::Error::new(
            rest,
            nom::error::ErrorKind::TakeWhileMN,
        ))),
        _ => Ok((rest, hex)),
    }
}

/// Every 40-hex-digit token in free text, uppercase, in order, without repeats.
pub fn thumbprints(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for (_, t) in scan(text, |c| !c.is_ascii_hexdigit(), thumbprint) {
        let t = t.to_ascii_uppercase();
        if !found.contains(&t) {
            found.push(t);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    const E12014: &str = "Microsoft Exchange could not find a certificate that contains the domain name mail.contoso.de in the personal store on the local computer. Therefore, it is unable to support the STARTTLS SMTP verb for the connector Default EX01 with a FQDN parameter of mail.contoso.de. If the connector's FQDN is not specified, the computer's FQDN is used.";
    const E2015: &str = "Send connector Internet couldn't connect to remote domain fabrikam.com. The send connector requires Transport Layer Security (TLS) authentication, but is unable to establish TLS with the receiving server for the remote domain. Check this connector's authentication setting and the EHLO response from the remote server mx1.fabrikam.com.";

    #[test]
    fn starts() {
        assert_eq!(message_start(E12014), Some(12014));
        assert_eq!(
            message_start("  The STARTTLS certificate will expire soon: subject: CN=a"),
            Some(12018)
        );
        assert_eq!(message_start(E2015), Some(2015));
        assert_eq!(message_start("Send connector Internet was created."), None);
        assert_eq!(message_start("Something else"), None);
    }

    #[test]
    fn inserts() {
        assert_eq!(
            read(E12014),
            Some(EventText::CertificateNotFound {
                name: "mail.contoso.de",
                connector: Some("Default EX01"),
                fqdn_parameter: Some("mail.contoso.de"),
            })
        );
        assert_eq!(
            read("There is no valid SMTP Transport Layer Security (TLS) certificate for the FQDN of mail.contoso.com. The existing certificate for that FQDN has expired."),
            Some(EventText::StartTlsCertificateExpired { fqdn: "mail.contoso.com" })
        );
        assert_eq!(
            read("An internal transport certificate will expire soon. Thumbprint:0B58F12C3D4E5F60718293A4B5C6D7E8F90A1B2C, hours remaining: 72"),
            Some(EventText::InternalCertificateExpiresSoon { hours_remaining: Some(72) })
        );
        assert_eq!(
            read("The STARTTLS certificate will expire soon: subject: CN=mail.contoso.com, O=Contoso, thumbprint: 0B58F12C3D4E5F60718293A4B5C6D7E8F90A1B2C, hours remaining: 95."),
            Some(EventText::StartTlsCertificateExpiresSoon {
                subject: Some("CN=mail.contoso.com, O=Contoso"),
                hours_remaining: Some(95)
            })
        );
        assert_eq!(
            read("Microsoft Exchange could not load the certificate with thumbprint of 0B58F12C3D4E5F60718293A4B5C6D7E8F90A1B2C from the personal store on the local computer."),
            Some(EventText::CertificateNotLoaded)
        );
        assert_eq!(
            read(E2015),
            Some(EventText::TlsRequiredButUnavailable {
                connector: Some("Internet"),
                domain: Some("fabrikam.com"),
                remote_server: Some("mx1.fabrikam.com"),
            })
        );
        assert_eq!(read("The service started."), None);
    }

    #[test]
    fn thumbprint_tokens() {
        assert_eq!(
            thumbprints("Thumbprint:0b58f12c3d4e5f60718293a4b5c6d7e8f90a1b2c, again 0B58F12C3D4E5F60718293A4B5C6D7E8F90A1B2C"),
            vec!["0B58F12C3D4E5F60718293A4B5C6D7E8F90A1B2C"]
        );
        // 41 digits is no thumbprint, nor are its parts.
        assert!(thumbprints("00B58F12C3D4E5F60718293A4B5C6D7E8F90A1B2C").is_empty());
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
            let _ = read(&text);
            let _ = message_start(&text);
            let _ = thumbprints(&text);
        }

        #[test]
        fn inserts_read_back(name in "[a-z]{1,8}(\\.[a-z]{1,8}){1,3}", connector in "[A-Za-z][A-Za-z0-9 ]{0,20}[A-Za-z0-9]") {
            let text = format!("Microsoft Exchange could not find a certificate that contains the domain name {name} in the personal store on the local computer. Therefore, it is unable to support the STARTTLS SMTP verb for the connector {connector} with a FQDN parameter of {name}. If the connector's FQDN is not specified, the computer's FQDN is used.");
            let read_back = read(&text);
            prop_assert_eq!(read_back, Some(EventText::CertificateNotFound {
                name: &name, connector: Some(&connector), fqdn_parameter: Some(&name),
            }));
        }
    }
}
