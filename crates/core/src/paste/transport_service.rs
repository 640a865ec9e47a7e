//! `Get-TransportService | fl InternalTransportCertificateThumbprint` (or `| fl` whole): the
//! certificate Exchange uses for TLS between its own servers (Events 12013/12023 when it is
//! gone from the personal store).

use serde::{Deserialize, Serialize};

use super::format_list::ListObject;
use super::values::parse_thumbprint;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PastedTransportService {
    /// `Identity` or `Name` (the server), when shown.
    pub server: Option<String>,
    /// 40 uppercase hex digits; `None` when empty or not a thumbprint.
    pub internal_transport_certificate_thumbprint: Option<String>,
    pub line: u64,
    pub thumbprint_line: u64,
}

/// A list object is a transport service when it shows `InternalTransportCertificateThumbprint`.
pub fn from_list(object: &ListObject) -> Option<PastedTransportService> {
    let value = object.get("InternalTransportCertificateThumbprint")?;
    Some(PastedTransportService {
        server: object
            .non_empty("Identity")
            .or_else(|| object.non_empty("Name"))
            .map(str::to_string),
        internal_transport_certificate_thumbprint: parse_thumbprint(value),
        line: object.first_line,
        thumbprint_line: object.line_of("InternalTransportCertificateThumbprint"),
    })
}
