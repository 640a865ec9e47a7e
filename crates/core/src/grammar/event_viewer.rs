//! The header of an event as Event Viewer's "Copy details as text" writes it, in English and
//! German Windows, either one label per line (`Log Name:      Application`, `Source:`, `Date:`,
//! `Event ID:`, `Task Category:`, `Level:`, `Keywords:`, `User:`, `Computer:`, `Description:`
//! then the message) or collapsed to one line by a ticket system or a blog.
//!
//! Sources: Event Viewer's "Copy > Copy details as text" on Windows Server (en-US and de-DE;
//! the German labels `Protokollname:`, `Quelle:`, `Datum:`, `Ereignis-ID:`, `Aufgabenkategorie:`,
//! `Ebene:`, `Schlüsselwörter:`, `Benutzer:`, `Computer:`, `Beschreibung:`), as quoted in the
//! Exchange event write-ups the paste fixtures come from (`testdata/paste/README.md`).
//!
//! A label counts at the start of the text or after white space; the description runs to the
//! end, so label-like words inside the message are message text.

use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::combinator::value;

use super::{scan, PResult};

/// Which header field a label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    LogName,
    Source,
    Date,
    EventId,
    Level,
    Computer,
    Description,
    /// Task category, keywords, user: read past, not kept.
    Other,
}

/// One label found: its byte offset, its length and its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LabelAt {
    pub at: usize,
    pub len: usize,
    pub field: Field,
}

/// Any English or German label at the start of `input`.
pub fn label(input: &str) -> PResult<'_, Field> {
    alt((
        alt((
            value(Field::LogName, tag("Log Name:")),
            value(Field::LogName, tag("Protokollname:")),
            value(Field::Source, tag("Source:")),
            value(Field::Source, tag("Quelle:")),
            value(Field::Date, tag("Date:")),
            value(Field::Date, tag("Datum:")),
            value(Field::EventId, tag("Event ID:")),
            value(Field::EventId, tag("Ereignis-ID:")),
            value(Field::Other, tag("Task Category:")),
            value(Field::Other, tag("Aufgabenkategorie:")),
        )),
        alt((
            value(Field::Level, tag("Level:")),
            value(Field::Level, tag("Ebene:")),
            value(Field::Other, tag("Keywords:")),
            value(Field::Other, tag("Schlüsselwörter:")),
            value(Field::Other, tag("User:")),
            value(Field::Other, tag("Benutzer:")),
            value(Field::Computer, tag("Computer:")),
            value(Field::Description, tag("Description:")),
            value(Field::Description, tag("Beschreibung:")),
        )),
    ))(input)
}

/// Does this line start a copied event (`Log Name:` / `Protokollname:`)?
pub fn starts_block(line: &str) -> bool {
    matches!(label(line.trim_start()), Ok((_, Field::LogName)))
}

/// Every label at a word start, in order, up to and including the first description label.
pub fn labels(text: &str) -> Vec<LabelAt> {
    let mut out = Vec::new();
    for (at, (field, len)) in scan(text, char::is_whitespace, |input| {
        let (rest, field) = label(input)?;
        Ok((rest, (field, input.len() - rest.len())))
    }) {
        out.push(LabelAt { at, len, field });
        if field == Field::Description {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_german_and_collapsed() {
        let text = "Log Name:      Application\nSource:        MSExchangeTransport\nEvent ID:      12014\nDescription:\nThe Source: of this is not a label.";
        let found = labels(text);
        let fields: Vec<Field> = found.iter().map(|l| l.field).collect();
        assert_eq!(
            fields,
            vec![
                Field::LogName,
                Field::Source,
                Field::EventId,
                Field::Description
            ]
        );
        assert_eq!(&text[found[1].at..found[1].at + found[1].len], "Source:");
        let one_line = "Protokollname: Application Quelle: MSExchangeTransport Ereignis-ID: 12014 Schlüsselwörter:Klassisch Beschreibung: text";
        let fields: Vec<Field> = labels(one_line).iter().map(|l| l.field).collect();
        assert_eq!(
            fields,
            vec![
                Field::LogName,
                Field::Source,
                Field::EventId,
                Field::Other,
                Field::Description
            ]
        );
        // Not at a word start.
        assert!(labels("xSource: a").is_empty());
        assert!(starts_block("  Log Name: Application"));
        assert!(!starts_block("Source: x"));
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn never_panics_and_labels_do_not_overlap(text in any::<String>()) {
            let found = labels(&text);
            for pair in found.windows(2) {
                prop_assert!(pair[0].at + pair[0].len <= pair[1].at);
            }
            let _ = starts_block(&text);
        }

        #[test]
        fn labels_in_label_soup(text in "(Log Name:|Source:|Date:|Beschreibung:|Ebene:| |x|\n){0,12}") {
            let found = labels(&text);
            for l in &found {
                prop_assert!(label(&text[l.at..]).is_ok());
            }
            prop_assert!(found.iter().filter(|l| l.field == Field::Description).count() <= 1);
        }
    }
}
