//! Windows events saved as XML: Event Viewer's "Save Selected Events…" / "Save All Events As…"
//! with the XML type, `wevtutil qe Application /f:RenderedXml`, `Get-WinEvent ... | ForEach-Object
//! { $_.ToXml() }`, or the XML view of an event's Details tab, copied. Each `<Event>` element
//! (Windows Event schema, EventType: learn.microsoft.com/windows/win32/wes/eventschema-eventtype-complextype)
//! is rewritten in place as the one-line form of Event Viewer's "Copy details as text"
//! (`Log Name: … Source: … Date: … Event ID: … Level: … Computer: … Description: …`), which
//! [`super::event::from_event_viewer`] reads like any other pasted event. The message is the
//! rendered one (`RenderingInfo/Message`, XML entities decoded: `&lt;I&gt;` is `<I>`). An
//! event saved without it (the Details tab, `wevtutil /f:xml`) has only its insertion strings
//! (`EventData`): for the events whose message text Microsoft publishes with its `%1`.. `%n`
//! places ([`TEMPLATES`]) the message is rebuilt from them; any other is listed as unrendered
//! so the reader can say the message is missing rather than read nothing into it.
//! The lines an event spanned stay lines (empty after the first), so every line number after
//! it is still the file's. The `<?xml …?>` declaration and the `<Events>` wrapper are dropped.
//!
//! Written by hand rather than with an XML crate: only the few elements above are read, from a
//! schema that never nests them, and the rest of the paste (which need not be XML at all: a
//! ticket quoting one event) must pass through untouched, which a document parser refuses.

use std::borrow::Cow;

/// The event schema's namespace: present in every saved event, absent from other pastes.
const NAMESPACE: &str = "schemas.microsoft.com/win/2004/08/events/event";

/// English message texts of Exchange transport events, `%1`.. `%9` standing for the event's
/// insertion strings in order, as the "Message Text" of Microsoft's event reference gives them
/// (Exchange 2010 events and errors reference: MSExchangeTransport 2015 `SmtpSendTLSRequiredFailed`,
/// 12024 `CannotLoadInternalTransportCertificateFallbackEphemeralCertificate`). 12014's places
/// follow its rendered text (KB 2989382 and the event as Event Viewer shows it: domain name,
/// connector, FQDN).
const TEMPLATES: &[(u32, &str)] = &[
    (
        2015,
        "Send connector %1 couldn't connect to remote domain %2. The send connector requires Transport Layer Security (TLS) authentication, but is unable to establish TLS with the receiving server for the remote domain. Check this connector's authentication setting and the EHLO response from the remote server %3.",
    ),
    (
        12014,
        "Microsoft Exchange could not find a certificate that contains the domain name %1 in the personal store on the local computer. Therefore, it is unable to support the STARTTLS SMTP verb for the connector %2 with a FQDN parameter of %3. If the connector's FQDN is not specified, the computer's FQDN is used. Verify the connector configuration and the installed certificates to make sure that there is a certificate with a domain name for that FQDN. If this certificate exists, run Enable-ExchangeCertificate -Services SMTP to make sure that the Microsoft Exchange Transport service has access to the certificate key.",
    ),
    (
        12024,
        "Microsoft Exchange could not load the certificate with thumbprint of %1 from the personal store on the local computer. This certificate was configured for authentication with other Exchange servers. Mail flow to other Exchange servers could be affected by this error. If the certificate with this thumbprint still exists in the personal store, run Enable-ExchangeCertificate %1 -services SMTP to resolve the issue. If the certificate does not exist in the personal store, restore it from backup by using the Import-ExchangeCertificate cmdlet, or create a new certificate for the FQDN or the server enabled for SMTP by running the following command: New-ExchangeCertificate -DomainName serverfqdn -Services SMTP. Meanwhile, an ephemeral, self-signed certificate with thumbprint %2 is being used.",
    ),
];

/// An event saved without its message whose message tlsdoctor cannot rebuild.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unrendered {
    /// The line of the paste the event starts on (from 1).
    pub line: u64,
    pub event_id: String,
    pub source: String,
}

/// The paste with each `<Event>` element flattened (see the module doc); unchanged without any.
pub fn flatten(text: &str) -> Cow<'_, str> {
    flatten_events(text).0
}

/// [`flatten`], and the events in it saved without a message that no template rebuilds.
pub fn flatten_events(text: &str) -> (Cow<'_, str>, Vec<Unrendered>) {
    let mut unrendered = Vec::new();
    if !text.contains(NAMESPACE) {
        return (Cow::Borrowed(text), unrendered);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = find_start(rest, "Event") {
        let Some(len) = rest
            .get(start..)
            .and_then(|tail| tail.find("</Event>"))
            .map(|end| end + "</Event>".len())
        else {
            break;
        };
        let (before, tail) = rest.split_at(start);
        let (event, after) = tail.split_at(len);
        out.push_str(&strip_wrapper(before));
        let (line, rendered) = one_line(event);
        if let Some(mut missing) = rendered {
            missing.line = out.matches('\n').count() as u64 + 1;
            unrendered.push(missing);
        }
        out.push_str(&line);
        // The event's own line ends, so the lines after it keep their numbers.
        for _ in event.matches('\n') {
            out.push('\n');
        }
        rest = after;
    }
    out.push_str(&strip_wrapper(rest));
    (Cow::Owned(out), unrendered)
}

/// Text between events: the declaration and the `<Events>` wrapper go, the rest stays.
fn strip_wrapper(text: &str) -> Cow<'_, str> {
    if !text.contains("<?xml") && !text.contains("Events>") {
        return Cow::Borrowed(text);
    }
    let mut out = text.replace("<Events>", "").replace("</Events>", "");
    while let Some(at) = out.find("<?xml") {
        match out.get(at..).and_then(|t| t.find("?>")) {
            Some(end) => {
                // A declaration spread over lines leaves its line ends.
                let breaks =
                    "\n".repeat(out.get(at..at + end).map_or(0, |d| d.matches('\n').count()));
                out.replace_range(at..at + end + 2, &breaks);
            }
            None => break,
        }
    }
    Cow::Owned(out)
}

/// Where the start tag `<name` (followed by white space, `>` or `/`) begins in `xml`.
fn find_start(xml: &str, name: &str) -> Option<usize> {
    let open = format!("<{name}");
    let mut from = 0;
    while let Some(i) = xml.get(from..).and_then(|t| t.find(&open)) {
        let at = from + i;
        let next = xml.as_bytes().get(at + open.len()).copied();
        if matches!(next, Some(b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/')) {
            return Some(at);
        }
        from = at + open.len();
    }
    None
}

/// The start tag of the first `name` element, and what follows it.
fn start_tag<'a>(xml: &'a str, name: &str) -> Option<(&'a str, &'a str)> {
    let at = find_start(xml, name)?;
    let tail = xml.get(at..)?;
    let end = tail.find('>')?;
    Some((tail.get(..=end)?, tail.get(end + 1..)?))
}

/// The text of the first `name` element (entities decoded); empty for `<name/>`.
fn element_text(xml: &str, name: &str) -> Option<String> {
    let (tag, after) = start_tag(xml, name)?;
    if tag.ends_with("/>") {
        return Some(String::new());
    }
    let close = format!("</{name}>");
    let end = after.find(&close)?;
    Some(decode(after.get(..end)?))
}

/// The texts of every `name` element, in order.
fn element_texts(xml: &str, name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some((tag, after)) = start_tag(rest, name) {
        if tag.ends_with("/>") {
            rest = after;
            continue;
        }
        let close = format!("</{name}>");
        let Some(end) = after.find(&close) else {
            break;
        };
        out.push(decode(after.get(..end).unwrap_or("")));
        rest = after.get(end + close.len()..).unwrap_or("");
    }
    out
}

/// The value of attribute `attr` in the first `name` start tag (either quote).
fn attribute(xml: &str, name: &str, attr: &str) -> Option<String> {
    let (tag, _) = start_tag(xml, name)?;
    let mut from = 0;
    while let Some(i) = tag.get(from..).and_then(|t| t.find(attr)) {
        let at = from + i;
        let before = tag.as_bytes().get(at.wrapping_sub(1)).copied();
        let rest = tag.get(at + attr.len()..)?.trim_start();
        if matches!(before, Some(b' ' | b'\t' | b'\r' | b'\n')) {
            if let Some(value) = rest.strip_prefix('=') {
                let value = value.trim_start();
                let quote = value.chars().next().filter(|c| *c == '\'' || *c == '"')?;
                let inner = value.get(1..)?;
                let end = inner.find(quote)?;
                return Some(decode(inner.get(..end)?));
            }
        }
        from = at + attr.len();
    }
    None
}

/// XML's five named entities and numeric character references; anything else is kept as
/// written.
fn decode(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        out.push_str(rest.get(..i).unwrap_or(""));
        let tail = rest.get(i..).unwrap_or("");
        let reference = tail
            .get(1..)
            .and_then(|t| t.find(';'))
            .filter(|&n| n <= 10)
            .and_then(|n| Some((tail.get(1..=n)?, n + 2)));
        let decoded = reference.and_then(|(name, len)| {
            let c = match name {
                "lt" => '<',
                "gt" => '>',
                "amp" => '&',
                "quot" => '"',
                "apos" => '\'',
                _ => {
                    let number = name.strip_prefix('#')?;
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => number.parse().ok()?,
                    };
                    char::from_u32(code)?
                }
            };
            Some((c, len))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = tail.get(len..).unwrap_or("");
            }
            None => {
                out.push('&');
                rest = tail.get(1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

/// The rendered name of an event level number (the schema's `Level`: 1 Critical, 2 Error,
/// 3 Warning, 4 Information).
fn level_name(level: &str) -> &str {
    match level.trim() {
        "1" => "Critical",
        "2" => "Error",
        "3" => "Warning",
        "0" | "4" => "Information",
        other => other,
    }
}

/// `template` with `%1`.. `%9` replaced by `data` (a place with no value stays empty).
fn fill(template: &str, data: &[String]) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(i) = rest.find('%') {
        out.push_str(rest.get(..i).unwrap_or(""));
        let digit = rest.as_bytes().get(i + 1).copied();
        match digit {
            Some(d @ b'1'..=b'9') => {
                if let Some(value) = data.get(usize::from(d - b'1')) {
                    out.push_str(value);
                }
                rest = rest.get(i + 2..).unwrap_or("");
            }
            _ => {
                out.push('%');
                rest = rest.get(i + 1..).unwrap_or("");
            }
        }
    }
    out.push_str(rest);
    out
}

/// One `<Event>` element as Event Viewer's one-line details text, and the event when it has
/// no message and none could be rebuilt (its `line` is set by the caller).
fn one_line(event: &str) -> (String, Option<Unrendered>) {
    let (system, rendering) = match event.find("<RenderingInfo") {
        Some(at) => event.split_at(at),
        None => (event, ""),
    };
    let source = attribute(system, "Provider", "Name")
        .or_else(|| attribute(system, "Provider", "EventSourceName"))
        .unwrap_or_default();
    let id = element_text(system, "EventID").unwrap_or_default();
    let date = attribute(system, "TimeCreated", "SystemTime").unwrap_or_default();
    let computer = element_text(system, "Computer").unwrap_or_default();
    let channel = element_text(system, "Channel").unwrap_or_default();
    let level = element_text(rendering, "Level")
        .filter(|l| !l.is_empty())
        .or_else(|| element_text(system, "Level").map(|l| level_name(&l).to_string()))
        .unwrap_or_default();
    let id = id.trim().to_string();
    let mut unrendered = None;
    let message = match element_text(rendering, "Message").filter(|m| !m.trim().is_empty()) {
        Some(message) => message,
        None => {
            let data = element_texts(system, "Data");
            let template = id
                .parse::<u32>()
                .ok()
                .and_then(|n| TEMPLATES.iter().find(|(t, _)| *t == n))
                .filter(|_| source.starts_with("MSExchange"));
            match template {
                Some((_, template)) => fill(template, &data),
                None => {
                    unrendered = Some(Unrendered {
                        line: 0,
                        event_id: id.clone(),
                        source: source.clone(),
                    });
                    data.join(" ")
                }
            }
        }
    };
    // One line: the rendered message's own line breaks become spaces.
    let message = message.split_whitespace().collect::<Vec<_>>().join(" ");
    let line = format!(
        "Log Name: {channel} Source: {source} Date: {date} Event ID: {id} Level: {level} Computer: {computer} Description: {message}"
    );
    (line, unrendered)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_are_decoded_and_unknown_ones_kept() {
        assert_eq!(
            decode("&lt;I&gt;CN=R11&amp;x&quot;&apos;"),
            "<I>CN=R11&x\"'"
        );
        assert_eq!(decode("&#60;&#x3E;&#X3e;"), "<>>");
        assert_eq!(
            decode("a & b &nbsp; &#xD800; &;"),
            "a & b &nbsp; &#xD800; &;"
        );
        assert_eq!(decode("&"), "&");
        assert_eq!(decode("&lt"), "&lt");
    }

    #[test]
    fn text_without_the_event_namespace_is_untouched() {
        let text = "<I>CN=R11, O=Let's Encrypt, C=US<S>CN=mail.contoso.com\n<Events>\n";
        assert!(matches!(flatten(text), Cow::Borrowed(t) if t == text));
    }

    proptest::proptest! {
        /// Any soup of the pieces the reader looks for: no panic, the line count kept, and a
        /// text without the namespace comes back as it was.
        #[test]
        fn event_soup_keeps_its_lines(
            text in "(<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'>|</Event>|<Events>|</Events>|<\\?xml |\\?>|<EventID>|</EventID>|<Data>|</Data>|<Data/>|<Provider Name='|'/>|<RenderingInfo>|<Message>|</Message>|&lt;|&#x41;|&#99999999;|&|;|%1|%9|12014|2015|\n|\r\n|x|é| ){0,40}"
        ) {
            let flat = flatten(&text);
            proptest::prop_assert_eq!(flat.matches('\n').count(), text.matches('\n').count());
            if !text.contains(NAMESPACE) {
                proptest::prop_assert_eq!(flat.as_ref(), text.as_str());
            }
        }
    }

    #[test]
    fn a_cut_or_odd_event_never_panics_and_keeps_the_line_count() {
        let ns = format!("<Event xmlns='http://{NAMESPACE}'>");
        for text in [
            format!("{ns}<System><EventID>12014"),
            format!("{ns}</Event>"),
            format!("{ns}<System><Provider Name='x/><EventID>1</EventID></System>\n</Event>\nnext"),
            format!("<?xml version='1.0'\n{ns}\n</Event>"),
            format!("{ns}<RenderingInfo><Message>&#xFFFFFFFF;</Message></RenderingInfo></Event>"),
        ] {
            let flat = flatten(&text);
            assert_eq!(
                flat.matches('\n').count(),
                text.matches('\n').count(),
                "{text}"
            );
        }
    }
}
