//! Windows events saved as XML (`crate::paste::event_xml`): Event Viewer's "Save Selected
//! Events…" as XML, the Details tab's XML view, `wevtutil qe /f:xml`. Fixtures and their
//! sources: `testdata/paste/README.md`. Before, the XML went to the clue scan as it was: the
//! findings quoted `&lt;I&gt;CN=R11...` and an event without its rendered message read as "no
//! failure".

use tlsdoctor_core::analyze::{AnalyzeOptions, Analyzer};
use tlsdoctor_core::i18n::Lang;
use tlsdoctor_core::report::{AnalysisReport, FileKind};

const SAVED: &[u8] =
    include_bytes!("../../../testdata/paste/event-12014-2015-event-viewer-saved-as-xml.xml");
const DETAILS: &[u8] =
    include_bytes!("../../../testdata/paste/event-12014-details-tab-xml-view.xml");
const NO_MESSAGE: &[u8] =
    include_bytes!("../../../testdata/paste/event-12016-wevtutil-xml-without-message.xml");

fn analyze(name: &str, bytes: &[u8], lang: Lang) -> AnalysisReport {
    let mut a = Analyzer::new(AnalyzeOptions {
        lang,
        now_unix: 1_764_500_000,
        passwords: Vec::new(),
    });
    a.add_file(name, bytes);
    a.report()
}

const NAME: &str = "<I>CN=R11, O=Let's Encrypt, C=US<S>CN=mail.contoso.com";

#[test]
fn events_saved_as_xml_are_read_with_their_entities_decoded_and_their_lines() {
    let r = analyze("events.xml", SAVED, Lang::En);
    assert_eq!(r.files[0].kind, FileKind::ShellOutput);
    let ids: Vec<&str> = r.findings.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "receive-connector-starttls-certificate-missing",
            "require-tls-remote-offers-no-starttls"
        ]
    );
    let json = serde_json::to_string(&r).unwrap();
    assert!(!json.contains("&lt;"), "{json}");
    assert!(!json.contains("&apos;"), "{json}");
    let starttls = &r.findings[0];
    assert!(
        starttls.explanation.contains(NAME),
        "{}",
        starttls.explanation
    );
    assert!(starttls
        .explanation
        .contains("receive connector EX01\\Default Frontend EX01 (FQDN mail.contoso.com)"));
    // Each event is one line of the file: line 3 and line 4 (after the declaration and the
    // <Events> line), and the evidence reads like Event Viewer's text.
    assert_eq!(starttls.evidence[0].line, 3);
    assert!(starttls.evidence[0]
        .text
        .starts_with("Log Name: Application Source: MSExchangeFrontEndTransport"));
    let require = &r.findings[1];
    assert_eq!(require.evidence[0].line, 4);
    assert!(
        require.connectors.iter().any(|c| c == "To Partner"),
        "{require:?}"
    );
    assert!(r.files[0].warnings.is_empty(), "{:?}", r.files[0].warnings);
}

#[test]
fn an_event_from_the_details_tab_without_its_message_is_rebuilt_from_its_insertion_strings() {
    let r = analyze("details.xml", DETAILS, Lang::En);
    let ids: Vec<&str> = r.findings.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["receive-connector-starttls-certificate-missing"]);
    assert!(r.findings[0].explanation.contains(NAME));
    // The event starts on line 1 and spans 22 lines: nothing after it moved.
    assert_eq!(r.findings[0].evidence[0].line, 1);
}

#[test]
fn an_event_whose_message_cannot_be_rebuilt_is_said_to_be_unread() {
    let r = analyze("wevtutil.xml", NO_MESSAGE, Lang::En);
    let ids: Vec<&str> = r.findings.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["insufficient-evidence"]);
    let f = &r.findings[0];
    assert!(
        f.explanation
            .contains("1 event(s) were saved without their message text (12016: wevtutil.xml:1)"),
        "{}",
        f.explanation
    );
    let warnings: Vec<String> = r.files[0].warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].starts_with("Event 12016 (MSExchangeFrontEndTransport, line 1) was saved as XML without its message text"));

    let de = analyze("wevtutil.xml", NO_MESSAGE, Lang::De);
    assert!(de.findings[0]
        .explanation
        .contains("1 Ereignis(se) wurden ohne ihren Meldungstext gespeichert"));
    assert!(de.files[0].warnings[0]
        .to_string()
        .starts_with("Ereignis 12016 (MSExchangeFrontEndTransport, Zeile 1)"));
}
