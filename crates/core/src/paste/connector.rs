//! `Get-SendConnector | fl` and `Get-ReceiveConnector | fl`: the properties that decide
//! which certificate a connector offers or requires (`TlsCertificateName`, `Fqdn`,
//! `RequireTLS`, `TlsAuthLevel`, `TlsDomain`, `AuthMechanism`) and where it sends
//! (`AddressSpaces`, `SmartHosts`, `SourceTransportServers`).

use serde::{Deserialize, Serialize};

use super::format_list::ListObject;
use super::tls_certificate_name::{self, TlsCertificateName};
use super::values::{parse_bool, parse_list};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConnectorKind {
    Send,
    Receive,
    /// Only shared properties were pasted.
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PastedConnector {
    pub kind: ConnectorKind,
    pub identity: Option<String>,
    pub name: Option<String>,
    /// As printed (empty values are `None`).
    pub tls_certificate_name: Option<String>,
    /// The value read and checked.
    pub tls_certificate_name_parsed: Option<TlsCertificateName>,
    pub fqdn: Option<String>,
    pub source_transport_servers: Vec<String>,
    pub address_spaces: Vec<String>,
    pub smart_hosts: Vec<String>,
    pub require_tls: Option<bool>,
    pub tls_auth_level: Option<String>,
    pub tls_domain: Option<String>,
    pub cloud_services_mail_enabled: Option<bool>,
    pub protocol_logging_level: Option<String>,
    pub auth_mechanism: Vec<String>,
    pub bindings: Vec<String>,
    pub line: u64,
    pub tls_certificate_name_line: u64,
}

const SEND_ONLY: &[&str] = &[
    "AddressSpaces",
    "SmartHosts",
    "SourceTransportServers",
    "DNSRoutingEnabled",
    "SmartHostAuthMechanism",
    "IsScopedConnector",
];
const RECEIVE_ONLY: &[&str] = &[
    "Bindings",
    "RemoteIPRanges",
    "PermissionGroups",
    "TransportRole",
    "AuthMechanism",
    "Banner",
];

/// A list object is a connector when it has `TlsCertificateName` or a property that only
/// connectors have. `command` is the cmdlet seen at the prompt line above, if any.
pub fn from_list(object: &ListObject, command: Option<&str>) -> Option<PastedConnector> {
    let send = SEND_ONLY.iter().any(|n| object.has(n));
    let receive = RECEIVE_ONLY.iter().any(|n| object.has(n)) && !send;
    if !(send || receive || object.has("TlsCertificateName")) {
        return None;
    }
    let command = command.unwrap_or("").to_ascii_lowercase();
    let kind = if command.contains("get-sendconnector")
        || (send && !command.contains("get-receiveconnector"))
    {
        ConnectorKind::Send
    } else if command.contains("get-receiveconnector")
        || receive
        || object.get("Identity").is_some_and(|i| i.contains('\\'))
        || object
            .get("Name")
            .is_some_and(is_default_receive_connector_name)
    {
        // Receive connectors are per server: their Identity is `SERVER\Name`.
        ConnectorKind::Receive
    } else {
        ConnectorKind::Unknown
    };
    let list = |name: &str| {
        object
            .non_empty(name)
            .map(|v| parse_list(v).0)
            .unwrap_or_default()
    };
    let tls_name = object.non_empty("TlsCertificateName").map(str::to_string);
    Some(PastedConnector {
        kind,
        identity: object.non_empty("Identity").map(str::to_string),
        name: object.non_empty("Name").map(str::to_string),
        tls_certificate_name_parsed: tls_name.as_deref().map(tls_certificate_name::parse),
        tls_certificate_name: tls_name,
        fqdn: object.non_empty("Fqdn").map(str::to_string),
        source_transport_servers: list("SourceTransportServers"),
        address_spaces: list("AddressSpaces"),
        smart_hosts: list("SmartHosts"),
        require_tls: object.get("RequireTLS").and_then(parse_bool),
        tls_auth_level: object.non_empty("TlsAuthLevel").map(str::to_string),
        tls_domain: object.non_empty("TlsDomain").map(str::to_string),
        cloud_services_mail_enabled: object.get("CloudServicesMailEnabled").and_then(parse_bool),
        protocol_logging_level: object.non_empty("ProtocolLoggingLevel").map(str::to_string),
        auth_mechanism: list("AuthMechanism"),
        bindings: list("Bindings"),
        line: object.first_line,
        tls_certificate_name_line: object.line_of("TlsCertificateName"),
    })
}

/// The names Exchange gives its default Receive connectors ("Default Receive connectors in
/// Exchange Server": `Default <server>`, `Client Proxy <server>` on the Transport service,
/// `Default Frontend <server>`, `Outbound Proxy Frontend <server>`, `Client Frontend <server>`
/// on the Front End), so `Name : Default Frontend EX01` with only shared properties pasted
/// gets `Set-ReceiveConnector`. `Default <server>` needs a server-like name (a digit in it, as
/// `EX01`, or all capitals) so that a Send connector called `Default Route` stays unknown.
fn is_default_receive_connector_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let server_like = |s: &str| {
        s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && (s.chars().any(|c| c.is_ascii_digit()) || !s.chars().any(|c| c.is_ascii_lowercase()))
    };
    match words.as_slice() {
        ["Default", "Frontend", server]
        | ["Client", "Frontend", server]
        | ["Client", "Proxy", server]
        | ["Outbound", "Proxy", "Frontend", server] => !server.is_empty(),
        ["Default", server] => server_like(server),
        _ => false,
    }
}

impl PastedConnector {
    /// The name to use in `Set-SendConnector "<name>"`: `Name`, else `Identity`.
    pub fn display_name(&self) -> String {
        self.name
            .clone()
            .or_else(|| self.identity.clone())
            .unwrap_or_default()
    }

    /// The `Set-...Connector` cmdlet for this kind.
    pub fn set_cmdlet(&self) -> &'static str {
        match self.kind {
            ConnectorKind::Receive => "Set-ReceiveConnector",
            _ => "Set-SendConnector",
        }
    }

    /// The identity to pass to the Set cmdlet (receive connectors need `Server\Name`).
    pub fn set_identity(&self) -> String {
        match self.kind {
            ConnectorKind::Receive => self
                .identity
                .clone()
                .or_else(|| self.name.clone())
                .unwrap_or_default(),
            _ => self.display_name(),
        }
    }

    /// The host names this connector sends to (smart hosts, else address spaces without `SMTP:`/`;cost`).
    pub fn destinations(&self) -> Vec<String> {
        if !self.smart_hosts.is_empty() {
            return self.smart_hosts.clone();
        }
        self.address_spaces
            .iter()
            .map(|a| {
                let a = a.split_once(':').map(|(_, rest)| rest).unwrap_or(a);
                a.split(';').next().unwrap_or(a).trim().to_string()
            })
            .filter(|a| !a.is_empty())
            .collect()
    }
}

#[cfg(test)]
mod default_name_tests {
    use super::is_default_receive_connector_name as receive;

    /// The default Receive connectors of Exchange 2013-2019 ("Default Receive connectors in
    /// Exchange Server"), and Send connector names that only look alike.
    #[test]
    fn default_receive_connector_names() {
        for name in [
            "Default Frontend EX01",
            "Client Frontend EX01",
            "Client Proxy EX01",
            "Outbound Proxy Frontend EX01",
            "Default EX01",
            "Default MBX-2",
        ] {
            assert!(receive(name), "{name}");
        }
        for name in [
            "Default Route",
            "Outbound to Office 365",
            "Internet",
            "Default",
            "Client",
        ] {
            assert!(!receive(name), "{name}");
        }
    }
}
