//! MSExchangeTransport / MSExchangeFrontEndTransport certificate events as admins paste
//! them: Event Viewer's "Copy details as text" (`Log Name:`, `Source:`, `Date:`,
//! `Event ID:`, ..., `Description:` — also the German labels `Protokollname:`, `Quelle:`,
//! `Datum:`, `Ereignis-ID:`, `Beschreibung:`, and the one-line form blogs and tickets
//! collapse it to), `Get-WinEvent | fl` (`TimeCreated`, `ProviderName`, `Id`, `Message`),
//! `Get-EventLog | fl` (`TimeGenerated`, `Source`, `EventID`, `Message`) or the bare
//! message text. Message texts as documented by Microsoft ("MSExchangeTransport 12014",
//! "12016", "12017", "12018" in the Exchange 2010 event reference):
//! * 12014 `Microsoft Exchange could not find a certificate that contains the domain name
//!   %1 in the personal store on the local computer. Therefore, it is unable to support the
//!   STARTTLS SMTP verb for the connector %2 with a FQDN parameter of %3. ...`
//! * 12016 `There is no valid SMTP Transport Layer Security (TLS) certificate for the FQDN
//!   of %1. The existing certificate for that FQDN has expired. ...`
//! * 12017 `An internal transport certificate will expire soon. Thumbprint:%1, hours
//!   remaining: %2`
//! * 12018 `The STARTTLS certificate will expire soon: subject: %1, thumbprint: %2, hours
//!   remaining: %3. ...`
//! * 12013 / 12023 / 12024 `Microsoft Exchange could not load the certificate with
//!   thumbprint of %1 from the personal store on the local computer. ...`
//! * 2015 `Send connector %1 couldn't connect to remote domain %2. The send connector requires
//!   Transport Layer Security (TLS) authentication, but is unable to establish TLS ...`
//!
//! The message grammar lives in [`crate::grammar::event_text`].

use serde::{Deserialize, Serialize};

use super::dates::PastedDate;
use super::format_list::ListObject;
use super::values::find_thumbprints;
use crate::grammar::event_text::{self, EventText};
use crate::grammar::event_viewer;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum EventMeaning {
    /// 12014: no certificate for `name` (an FQDN or a `<I>..<S>..` TlsCertificateName).
    CertificateNotFound {
        name: String,
        connector: Option<String>,
        fqdn_parameter: Option<String>,
    },
    /// 12016: the STARTTLS certificate for `fqdn` expired.
    StartTlsCertificateExpired { fqdn: String },
    /// 12017: the internal transport certificate expires soon.
    InternalCertificateExpiresSoon {
        thumbprint: Option<String>,
        hours_remaining: Option<u64>,
    },
    /// 12018: the STARTTLS certificate expires soon.
    StartTlsCertificateExpiresSoon {
        subject: Option<String>,
        thumbprint: Option<String>,
        hours_remaining: Option<u64>,
    },
    /// 12013 / 12023 / 12024: the configured certificate could not be loaded.
    CertificateNotLoaded { thumbprint: Option<String> },
    /// 2015: a send connector requires TLS but the remote server offers none.
    TlsRequiredButUnavailable {
        connector: Option<String>,
        domain: Option<String>,
        remote_server: Option<String>,
    },
    /// Any other event.
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransportEvent {
    pub event_id: Option<u32>,
    pub source: Option<String>,
    pub date: Option<PastedDate>,
    pub level: Option<String>,
    pub computer: Option<String>,
    pub message: String,
    pub meaning: EventMeaning,
    /// Every thumbprint named in the message.
    pub thumbprints: Vec<String>,
    pub line: u64,
}

/// Does this line begin a known certificate event message?
pub fn starts_known_message(text: &str) -> bool {
    event_text::message_start(text).is_some()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    LogName,
    Source,
    Date,
    EventId,
    Level,
    Computer,
    Description,
    Other,
}

impl From<event_viewer::Field> for Label {
    fn from(field: event_viewer::Field) -> Label {
        use event_viewer::Field;
        match field {
            Field::LogName => Label::LogName,
            Field::Source => Label::Source,
            Field::Date => Label::Date,
            Field::EventId => Label::EventId,
            Field::Level => Label::Level,
            Field::Computer => Label::Computer,
            Field::Description => Label::Description,
            Field::Other => Label::Other,
        }
    }
}

/// Does this line start an Event Viewer text block?
pub fn starts_event_viewer_block(text: &str) -> bool {
    event_viewer::starts_block(text)
}

/// Reads an Event Viewer text block (multi-line or collapsed to one line).
pub fn from_event_viewer(text: &str, line: u64) -> TransportEvent {
    // Every label at a word start, in order, up to the description ([`event_viewer`]).
    let labels: Vec<(usize, usize, Label)> = event_viewer::labels(text)
        .into_iter()
        .map(|l| (l.at, l.len, Label::from(l.field)))
        .collect();
    let mut event = TransportEvent::empty(line);
    let mut loose_text = String::new();
    if let Some(first) = labels.first() {
        loose_text.push_str(text[..first.0].trim());
    } else {
        loose_text.push_str(text.trim());
    }
    for (i, (pos, len, kind)) in labels.iter().enumerate() {
        let end = labels.get(i + 1).map(|n| n.0).unwrap_or(text.len());
        let raw = &text[pos + len..end];
        let (value, rest) = if *kind == Label::Description {
            (raw.trim(), "")
        } else {
            split_first_line(raw)
        };
        if !rest.trim().is_empty() {
            if !loose_text.is_empty() {
                loose_text.push(' ');
            }
            loose_text.push_str(&join_lines(rest));
        }
        let value = value.trim();
        match kind {
            Label::Source => event.source = Some(value.to_string()).filter(|v| !v.is_empty()),
            Label::Date => {
                event.date = Some(PastedDate::parse(value)).filter(|_| !value.is_empty())
            }
            Label::EventId => event.event_id = value.parse().ok(),
            Label::Level => event.level = Some(value.to_string()).filter(|v| !v.is_empty()),
            Label::Computer => event.computer = Some(value.to_string()).filter(|v| !v.is_empty()),
            Label::Description => event.message = join_lines(value),
            Label::LogName | Label::Other => {}
        }
    }
    if event.message.is_empty() {
        event.message = loose_text;
    }
    event.interpret();
    event
}

/// `Get-WinEvent | fl` / `Get-EventLog | fl` objects.
pub fn from_list(object: &ListObject) -> Option<TransportEvent> {
    let message = object.get("Message")?;
    let id = object
        .get("Id")
        .or_else(|| object.get("EventID"))
        .or_else(|| object.get("InstanceId"));
    let source = object.get("ProviderName").or_else(|| object.get("Source"));
    if id.is_none() && source.is_none() && !starts_known_message(message) {
        return None;
    }
    let mut event = TransportEvent::empty(object.first_line);
    // `Get-EventLog`'s InstanceId carries severity and facility bits above the event id
    // (3221237486 = 0xC0002EEE is Event 12014): the id is its low 16 bits.
    event.event_id = id
        .and_then(|v| v.trim().parse::<u64>().ok())
        .map(|n| if n > 0xFFFF { n & 0xFFFF } else { n })
        .and_then(|n| n.try_into().ok());
    event.source = source.map(str::to_string);
    event.date = object
        .non_empty("TimeCreated")
        .or_else(|| object.non_empty("TimeGenerated"))
        .map(PastedDate::parse);
    event.level = object
        .non_empty("LevelDisplayName")
        .or_else(|| object.non_empty("EntryType"))
        .map(str::to_string);
    event.computer = object.non_empty("MachineName").map(str::to_string);
    event.message = message.to_string();
    event.interpret();
    Some(event)
}

/// The bare message text (no header).
pub fn from_message(text: &str, line: u64) -> TransportEvent {
    let mut event = TransportEvent::empty(line);
    event.message = join_lines(text);
    event.interpret();
    event
}

impl TransportEvent {
    fn empty(line: u64) -> TransportEvent {
        TransportEvent {
            event_id: None,
            source: None,
            date: None,
            level: None,
            computer: None,
            message: String::new(),
            meaning: EventMeaning::Other,
            thumbprints: Vec::new(),
            line,
        }
    }

    /// Fills `meaning` and `thumbprints` from the message (and the id when the header is missing),
    /// with the grammar of [`crate::grammar::event_text`].
    fn interpret(&mut self) {
        let m = self.message.trim().to_string();
        if self.event_id.is_none() {
            self.event_id = event_text::message_start(&m);
        }
        self.thumbprints = find_thumbprints(&m);
        let first_thumbprint = self.thumbprints.first().cloned();
        let owned = |s: Option<&str>| s.map(str::to_string);
        self.meaning = match event_text::read(&m) {
            Some(EventText::CertificateNotFound {
                name,
                connector,
                fqdn_parameter,
            }) => EventMeaning::CertificateNotFound {
                name: name.to_string(),
                connector: owned(connector),
                fqdn_parameter: owned(fqdn_parameter),
            },
            Some(EventText::StartTlsCertificateExpired { fqdn }) => {
                EventMeaning::StartTlsCertificateExpired {
                    fqdn: fqdn.to_string(),
                }
            }
            Some(EventText::InternalCertificateExpiresSoon { hours_remaining }) => {
                EventMeaning::InternalCertificateExpiresSoon {
                    thumbprint: first_thumbprint,
                    hours_remaining,
                }
            }
            Some(EventText::StartTlsCertificateExpiresSoon {
                subject,
                hours_remaining,
            }) => EventMeaning::StartTlsCertificateExpiresSoon {
                subject: owned(subject),
                thumbprint: first_thumbprint,
                hours_remaining,
            },
            Some(EventText::CertificateNotLoaded) => EventMeaning::CertificateNotLoaded {
                thumbprint: first_thumbprint,
            },
            Some(EventText::TlsRequiredButUnavailable {
                connector,
                domain,
                remote_server,
            }) => EventMeaning::TlsRequiredButUnavailable {
                connector: owned(connector),
                domain: owned(domain),
                remote_server: owned(remote_server),
            },
            None => EventMeaning::Other,
        };
    }
}

fn split_first_line(text: &str) -> (&str, &str) {
    let text = text.trim_start_matches([' ', '\t']);
    match text.find('\n') {
        Some(i) => (&text[..i], &text[i + 1..]),
        None => (text, ""),
    }
}

fn join_lines(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
