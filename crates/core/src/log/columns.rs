//! Column layout of an SMTP protocol log, from its W3C extended-log-format `#Fields:` directive
//! (W3C Working Draft WD-logfile-960323, "Directives"), as Exchange 2013–SE writes it:
//! `#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context`.
//!
//! Rows pasted without their header (KB articles, tickets) fall back to exactly that order.
//! Column names are matched case-insensitively; unknown extra columns are ignored.

/// Indexes of the columns tlsdoctor reads; `None` when the header lacks one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ColumnMap {
    pub date_time: Option<usize>,
    pub connector_id: Option<usize>,
    pub session_id: Option<usize>,
    pub sequence_number: Option<usize>,
    pub local_endpoint: Option<usize>,
    pub remote_endpoint: Option<usize>,
    pub event: Option<usize>,
    pub data: Option<usize>,
    pub context: Option<usize>,
    /// Number of columns the header declares.
    pub width: usize,
    /// Columns the header names that tlsdoctor does not know.
    pub unknown_columns: usize,
}

impl Default for ColumnMap {
    /// The Exchange 2013+ order, used when no `#Fields:` line was seen.
    fn default() -> Self {
        ColumnMap {
            date_time: Some(0),
            connector_id: Some(1),
            session_id: Some(2),
            sequence_number: Some(3),
            local_endpoint: Some(4),
            remote_endpoint: Some(5),
            event: Some(6),
            data: Some(7),
            context: Some(8),
            width: 9,
            unknown_columns: 0,
        }
    }
}

impl ColumnMap {
    /// Parses the text after `#Fields:`. Returns `None` when it names none of the columns
    /// rows need (connector-id, session-id, event): such a log's rows cannot be read.
    pub fn from_fields_directive(list: &str) -> Option<ColumnMap> {
        let mut map = ColumnMap {
            date_time: None,
            connector_id: None,
            session_id: None,
            sequence_number: None,
            local_endpoint: None,
            remote_endpoint: None,
            event: None,
            data: None,
            context: None,
            width: 0,
            unknown_columns: 0,
        };
        for (i, name) in list.split(',').enumerate() {
            map.width = i + 1;
            let slot = match name.trim().to_ascii_lowercase().as_str() {
                "date-time" | "datetime" | "date" => &mut map.date_time,
                "connector-id" | "connectorid" => &mut map.connector_id,
                "session-id" | "sessionid" => &mut map.session_id,
                "sequence-number" | "sequencenumber" => &mut map.sequence_number,
                "local-endpoint" | "localendpoint" => &mut map.local_endpoint,
                "remote-endpoint" | "remoteendpoint" => &mut map.remote_endpoint,
                "event" => &mut map.event,
                "data" => &mut map.data,
                "context" => &mut map.context,
                _ => {
                    map.unknown_columns += 1;
                    continue;
                }
            };
            if slot.is_none() {
                *slot = Some(i);
            }
        }
        if map.connector_id.is_some() && map.session_id.is_some() && map.event.is_some() {
            Some(map)
        } else {
            None
        }
    }

    /// Fewest fields a row must have: up to and including the event column (data and context
    /// may be cut off: KB excerpts drop the empty trailing context).
    #[inline]
    pub fn min_fields(&self) -> usize {
        let needs = |column: Option<usize>| column.map_or(0, |i| i + 1);
        needs(self.connector_id)
            .max(needs(self.session_id))
            .max(needs(self.event))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exchange_header_gives_the_default_order() {
        let m = ColumnMap::from_fields_directive(
            " date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context",
        )
        .unwrap();
        assert_eq!(m, ColumnMap::default());
        assert_eq!(m.min_fields(), 7);
    }

    #[test]
    fn reordered_and_unknown_columns() {
        let m =
            ColumnMap::from_fields_directive("event,Session-Id,extra,connector-id,data").unwrap();
        assert_eq!(m.event, Some(0));
        assert_eq!(m.session_id, Some(1));
        assert_eq!(m.connector_id, Some(3));
        assert_eq!(m.data, Some(4));
        assert_eq!(m.context, None);
        assert_eq!(m.unknown_columns, 1);
        assert_eq!(m.width, 5);
        assert_eq!(m.min_fields(), 4);
    }

    #[test]
    fn header_without_needed_columns_is_refused() {
        // A message-tracking log header, not a protocol log.
        assert!(
            ColumnMap::from_fields_directive("date-time,client-ip,client-hostname,server-ip")
                .is_none()
        );
    }
}
