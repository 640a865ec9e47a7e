//! One data row of an SMTP protocol log, its columns resolved through a [`ColumnMap`].
//!
//! Event markers (Exchange "Protocol logging", field `event`): `+` connect, `-` disconnect,
//! `>` sent by this server, `<` received from the other side, `*` information.

use std::borrow::Cow;

use super::columns::ColumnMap;
use super::csv::{split_into, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    Connect,
    Disconnect,
    Sent,
    Received,
    Information,
}

impl Event {
    fn parse(text: &str) -> Option<Event> {
        Event::of_bytes(super::events::trim(text).as_bytes())
    }

    /// The event a field's bytes name exactly (no blanks around it, no quoting to undo).
    fn of_bytes(field: &[u8]) -> Option<Event> {
        match field {
            b"+" => Some(Event::Connect),
            b"-" => Some(Event::Disconnect),
            b">" => Some(Event::Sent),
            b"<" => Some(Event::Received),
            b"*" => Some(Event::Information),
            _ => None,
        }
    }
}

/// A row, fields borrowed from the line where possible. The fields every row is read for are
/// made at once; those read only now and then (time, endpoints) when asked for.
#[derive(Debug, Clone)]
pub struct Row<'a> {
    pub connector: Cow<'a, str>,
    pub session: Cow<'a, str>,
    pub event: Event,
    pub data: Cow<'a, str>,
    pub context: Cow<'a, str>,
    line: &'a str,
    date_time: Option<Span>,
    remote_endpoint: Option<Span>,
    sequence_number: Option<Span>,
}

impl<'a> Row<'a> {
    fn field(&self, span: Option<Span>) -> Cow<'a, str> {
        span.map_or(Cow::Borrowed(""), |s| s.text(self.line))
    }

    /// The `date-time` field.
    pub fn date_time(&self) -> Cow<'a, str> {
        self.field(self.date_time)
    }

    /// The `sequence-number` field (`0` on a session's first row).
    pub fn sequence_number(&self) -> Cow<'a, str> {
        self.field(self.sequence_number)
    }

    /// The `remote-endpoint` field.
    pub fn remote_endpoint(&self) -> Cow<'a, str> {
        self.field(self.remote_endpoint)
    }
}

pub use super::error::LogError as RowError;

/// Parses `line` with `columns`; `spans` is a reused scratch buffer.
pub fn parse<'a>(
    line: &'a str,
    columns: &ColumnMap,
    spans: &mut Vec<Span>,
) -> super::Result<Row<'a>> {
    split_into(line, spans).map_err(RowError::BadQuoting)?;
    from_spans(line, columns, spans)
}

/// The row of `line` from its field `spans` (as [`split_into`] gives them for `line`).
pub fn from_spans<'a>(
    line: &'a str,
    columns: &ColumnMap,
    spans: &[Span],
) -> super::Result<Row<'a>> {
    if spans.len() < columns.min_fields() {
        return Err(RowError::TooFewFields);
    }
    let span = |col: Option<usize>| col.and_then(|i| spans.get(i)).copied();
    let get = |col: Option<usize>| -> Cow<'a, str> {
        match span(col) {
            Some(span) => span.text(line),
            None => Cow::Borrowed(""),
        }
    };
    // The event is one byte in all but odd rows: read on the bytes, else as text.
    let event = span(columns.event)
        .and_then(|s| Event::of_bytes(s.bytes(line.as_bytes())))
        .or_else(|| Event::parse(&get(columns.event)))
        .ok_or(RowError::UnknownEvent)?;
    let connector = get(columns.connector_id);
    let session = get(columns.session_id);
    if connector.is_empty() && session.is_empty() {
        return Err(RowError::NoSessionKey);
    }
    Ok(Row {
        connector,
        session,
        event,
        data: get(columns.data),
        context: get(columns.context),
        line,
        date_time: span(columns.date_time),
        remote_endpoint: span(columns.remote_endpoint),
        sequence_number: span(columns.sequence_number),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kb_4495258_row_without_trailing_context() {
        // From KB 4495258: the SAN row has 8 fields (no context column).
        let line = "Date/Time.ConnectorId,Outbound to Office 365,SessionId,21,192.168.0.78:28252,172.16.38.36:25,*,*.xxxx.xxx.xx alternate names";
        let mut spans = Vec::new();
        let row = parse(line, &ColumnMap::default(), &mut spans).unwrap();
        assert_eq!(row.connector, "Outbound to Office 365");
        assert_eq!(row.session, "SessionId");
        assert_eq!(row.event, Event::Information);
        assert_eq!(row.data, "*.xxxx.xxx.xx alternate names");
        assert_eq!(row.context, "");
        assert_eq!(row.remote_endpoint(), "172.16.38.36:25");
        assert_eq!(row.date_time(), "Date/Time.ConnectorId");
    }

    #[test]
    fn non_ascii_connector_and_bad_rows() {
        let mut spans = Vec::new();
        let line = "2019-01-01T00:00:00.000Z,组织内 SMTP 发送连接器,08D6,0,,1.2.3.4:25,+,,";
        let row = parse(line, &ColumnMap::default(), &mut spans).unwrap();
        assert_eq!(row.connector, "组织内 SMTP 发送连接器");
        assert_eq!(row.event, Event::Connect);
        assert_eq!(
            parse("a,b,c", &ColumnMap::default(), &mut spans).unwrap_err(),
            RowError::TooFewFields
        );
        assert_eq!(
            parse("a,b,c,d,e,f,X,g,h", &ColumnMap::default(), &mut spans).unwrap_err(),
            RowError::UnknownEvent
        );
        assert!(matches!(
            parse("a,b,c,d,e,f,*,\"open,h", &ColumnMap::default(), &mut spans).unwrap_err(),
            RowError::BadQuoting(_)
        ));
    }
}
