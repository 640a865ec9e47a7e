//! Error messages the server prints that name certificates or connectors, as admins paste
//! them from the shell, a queue viewer or an NDR:
//! * the renewal trap's refusal, from Microsoft's "Can't remove a certificate that's installed
//!   in Exchange Server": `A special Rpc error occurs on server EX01: These certificates are
//!   tagged with following Send Connectors : Internet. Removing and replacing certificates
//!   from Send Connector would break the mail flow. ...` (German shell: `Auf dem Server "EX01"
//!   ist ein spezieller RPC-Fehler aufgetreten: These certificates are tagged ...`);
//! * the Send connector whose TlsCertificateName finds no certificate (queue `LastError`,
//!   NDR): `454 4.7.5 The certificate specified in TlsCertificateName of the SendConnector
//!   could not be found.`
//!
//! The message may be wrapped over several lines (the shell wraps at the console width); the
//! caller passes the block joined with spaces.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum ServerErrorMeaning {
    /// `Remove-ExchangeCertificate` refused: the certificates are named by these Send
    /// connectors' TlsCertificateName (the renewal trap).
    CertificateTaggedOnSendConnectors { connectors: Vec<String> },
    /// `454 4.7.5`: the Send connector's TlsCertificateName matches no certificate.
    TlsCertificateNameNotFound,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerError {
    pub meaning: ServerErrorMeaning,
    /// The server named in the message (`EX01`), when it names one.
    pub server: Option<String>,
    /// The message, its wrapped lines joined.
    pub message: String,
    /// 1-based line where it starts.
    pub line: u64,
}

const TAGGED: &str = "These certificates are tagged with following Send Connectors";
const RPC_EN: &str = "A special Rpc error occurs on server ";
const RPC_DE_PREFIX: &str = "Auf dem Server ";
const RPC_DE_SUFFIX: &str = "ist ein spezieller RPC-Fehler aufgetreten";
const NOT_FOUND: &str =
    "The certificate specified in TlsCertificateName of the SendConnector could not be found";

/// Does this line begin (or hold) a server error message tlsdoctor reads?
pub fn starts_server_error(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with(RPC_EN)
        || (t.starts_with(RPC_DE_PREFIX) && t.contains(RPC_DE_SUFFIX))
        || t.contains(TAGGED)
        || t.contains(NOT_FOUND)
}

/// Does this line begin a message (not continue one)? Used to end the block before it.
pub fn starts_message(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with(RPC_EN) || (t.starts_with(RPC_DE_PREFIX) && t.contains(RPC_DE_SUFFIX))
}

/// Reads one message (its lines joined with spaces); `None` when it is none of the known ones.
pub fn read(text: &str, line: u64) -> Option<ServerError> {
    // PowerShell's error record details (`    + CategoryInfo : ...`) follow the message.
    let message_lines = text
        .lines()
        .take_while(|l| !l.trim_start().starts_with("+ "));
    let message: String = message_lines
        .flat_map(str::split_whitespace)
        .collect::<Vec<_>>()
        .join(" ");
    let server = server_of(&message);
    let meaning = if let Some(at) = message.find(TAGGED) {
        let rest = &message[at + TAGGED.len()..];
        let list = rest.trim_start().strip_prefix(':').unwrap_or(rest);
        // The list ends at the sentence's full stop (". Removing ...") or the message's end.
        let list = match list.find(". ") {
            Some(end) => &list[..end],
            None => list.trim_end().trim_end_matches('.'),
        };
        let connectors = list
            .split(',')
            .map(|c| c.trim().trim_matches('"').to_string())
            .filter(|c| !c.is_empty())
            .take(crate::limits::MAX_EVIDENCE_PER_FINDING)
            .collect();
        ServerErrorMeaning::CertificateTaggedOnSendConnectors { connectors }
    } else if message.contains(NOT_FOUND) {
        ServerErrorMeaning::TlsCertificateNameNotFound
    } else {
        return None;
    };
    Some(ServerError {
        meaning,
        server,
        message: message.chars().take(2000).collect(),
        line,
    })
}

/// `EX01` from `... on server EX01: ...` or `Auf dem Server "EX01" ist ...`.
fn server_of(message: &str) -> Option<String> {
    let name = if let Some(at) = message.find(RPC_EN) {
        let rest = &message[at + RPC_EN.len()..];
        rest.split(':').next()?
    } else if let Some(rest) = message.strip_prefix(RPC_DE_PREFIX) {
        rest.split(RPC_DE_SUFFIX).next()?
    } else {
        return None;
    };
    let name = name
        .trim()
        .trim_matches(|c| c == '"' || c == '„' || c == '“');
    (!name.is_empty() && !name.contains(' ')).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rpc_error_of_the_kb_names_server_and_connectors() {
        // Wording of "Can't remove a certificate that's installed in Exchange Server".
        let e = read(
            "A special Rpc error occurs on server EX01: These certificates are tagged with following Send Connectors : Outbound to Office 365, Internet. Removing and replacing certificates from Send Connector would break the mail flow. If you still want to proceed then replace or remove these certificates from Send Connector and then try again.",
            3,
        )
        .unwrap();
        assert_eq!(e.server.as_deref(), Some("EX01"));
        assert_eq!(
            e.meaning,
            ServerErrorMeaning::CertificateTaggedOnSendConnectors {
                connectors: vec!["Outbound to Office 365".into(), "Internet".into()]
            }
        );
        assert_eq!(e.line, 3);
    }

    #[test]
    fn german_shell_prefix_and_wrapped_lines() {
        let e = read(
            "Auf dem Server \"EX01\" ist ein spezieller RPC-Fehler aufgetreten: These certificates are tagged with following Send\nConnectors : Internet. Removing and replacing certificates from Send Connector would break the mail flow.",
            40,
        )
        .unwrap();
        assert_eq!(e.server.as_deref(), Some("EX01"));
        assert!(matches!(
            e.meaning,
            ServerErrorMeaning::CertificateTaggedOnSendConnectors { ref connectors } if connectors == &["Internet".to_string()]
        ));
    }

    #[test]
    fn queue_error_for_a_name_that_finds_nothing() {
        let e = read("454 4.7.5 The certificate specified in TlsCertificateName of the SendConnector could not be found.", 1).unwrap();
        assert_eq!(e.meaning, ServerErrorMeaning::TlsCertificateNameNotFound);
        assert!(read("250 2.0.0 OK", 1).is_none());
    }
}
