//! `Get-Queue` (default table `Identity DeliveryType Status MessageCount Velocity
//! RiskLevel OutboundIPPool NextHopDomain`, or `| fl` with `LastError`).

use serde::{Deserialize, Serialize};

use super::format_list::ListObject;
use super::format_table::TableRow;
use super::values::strip_ellipsis;
use crate::grammar::last_error::{self, LastError};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PastedQueue {
    pub identity: Option<String>,
    pub delivery_type: Option<String>,
    /// `Active`, `Ready`, `Retry`, `Suspended`, `Connecting`.
    pub status: Option<String>,
    pub message_count: Option<u64>,
    pub next_hop_domain: Option<String>,
    pub last_error: Option<String>,
    pub line: u64,
    pub last_error_line: u64,
}

impl PastedQueue {
    pub fn is_retry(&self) -> bool {
        self.status
            .as_deref()
            .is_some_and(|s| s.eq_ignore_ascii_case("Retry"))
    }

    /// The `LastError`, read ([`crate::grammar::last_error`]: the `[{LED=...};...]` list or the
    /// plain text, with its SMTP replies).
    pub fn last_error_details(&self) -> Option<LastError> {
        self.last_error.as_deref().map(last_error::parse)
    }

    /// The `421 4.4.1` (connection timed out / dropped) deferral of KB 4495258 / 4051498.
    pub fn last_error_is_421_timeout(&self) -> bool {
        self.last_error_details()
            .is_some_and(|e| e.has_reply(421, "4.4.1") || e.has_reply(421, "4.4.2"))
    }
}

pub fn from_list(object: &ListObject) -> Option<PastedQueue> {
    let queue_like = object.has("NextHopDomain")
        || (object.has("DeliveryType") && object.has("MessageCount"))
        || object.has("LastRetryTime");
    if !queue_like {
        return None;
    }
    Some(PastedQueue {
        identity: object.non_empty("Identity").map(str::to_string),
        delivery_type: object.non_empty("DeliveryType").map(str::to_string),
        status: object.non_empty("Status").map(str::to_string),
        message_count: object
            .get("MessageCount")
            .and_then(|v| v.trim().parse().ok()),
        next_hop_domain: object.non_empty("NextHopDomain").map(str::to_string),
        last_error: object.non_empty("LastError").map(str::to_string),
        line: object.first_line,
        last_error_line: object.line_of("LastError"),
    })
}

pub fn from_table_row(row: &TableRow) -> Option<PastedQueue> {
    if row.get("NextHopDomain").is_none() && row.get("DeliveryType").is_none() {
        return None;
    }
    let whole = |v: &str| {
        let (text, cut) = strip_ellipsis(v);
        if cut {
            v.to_string()
        } else {
            text.to_string()
        }
    };
    Some(PastedQueue {
        identity: row.non_empty("Identity").map(str::to_string),
        delivery_type: row.non_empty("DeliveryType").map(whole),
        status: row.non_empty("Status").map(str::to_string),
        message_count: row.get("MessageCount").and_then(|v| v.trim().parse().ok()),
        next_hop_domain: row.non_empty("NextHopDomain").map(str::to_string),
        last_error: row.non_empty("LastError").map(str::to_string),
        line: row.line,
        last_error_line: row.line,
    })
}
