//! One model of everything the user gave, whatever it came from: certificates (a `.cer`,
//! a PKCS#7 bag, a PFX, a protocol log's certificate block, a pasted `Get-ExchangeCertificate`
//! or `Cert:\` listing), connectors, sessions and failures (the log facts), queues, events and
//! server error messages. Facts about one certificate (same thumbprint, else same issuer and
//! serial number) merge into one [`Certificate`] that keeps every source as an evidence line.
//! Every rule of [`crate::diagnose::RULES`] reads this model, so a certificate reaches each
//! rule the same way whatever it came from.
//!
//! Layers, one hop each: bytes → readers ([`crate::inspect`], [`crate::log`],
//! [`crate::paste`]) → this model → rules ([`crate::diagnose`]) → report
//! ([`crate::report`]) → view ([`crate::view`]) → renderers (page, CLI, Markdown).

pub mod certificates;
pub mod connectors;
pub mod server_errors;

pub use certificates::{Certificate, KeyState, Source, SourceKind};
pub use connectors::Connector;
pub use server_errors::CitedServerError;

use crate::log::LogFacts;
use crate::paste::PastedOutput;
use crate::report::CertificateReport;

/// One paste and the name it came under (file path, `-` for stdin, or the page's label).
#[derive(Clone, Copy)]
pub struct PasteSource<'a> {
    pub path: &'a str,
    pub output: &'a PastedOutput,
}

/// A certificate from a dropped file, as the model reads it.
#[derive(Clone, Copy)]
pub struct FileCertificate<'a> {
    pub path: &'a str,
    pub kind: crate::ids::FileKind,
    pub cert: &'a CertificateReport,
    /// A private key in this or another dropped file matches its public key.
    pub has_key: bool,
}

/// Everything read, merged.
#[derive(Debug, Clone, Default)]
pub struct Model {
    pub certificates: Vec<Certificate>,
    pub connectors: Vec<Connector>,
    pub server_errors: Vec<CitedServerError>,
    /// What text inputs (message trace, NDR, queue `LastError`, events, tickets) and the logs'
    /// remote replies say in so many words, one line each ([`crate::catalogue::clues`]).
    pub clues: Vec<crate::catalogue::Clue>,
}

/// Builds the model from the reader outputs (the clues of the text inputs as read by
/// [`crate::catalogue::clues::scan_bytes`]; the logs' own are added here).
pub fn build(
    files: &[FileCertificate<'_>],
    logs: &LogFacts,
    pastes: &[PasteSource<'_>],
    clues: &[crate::catalogue::Clue],
) -> Model {
    let mut all = clues.to_vec();
    all.extend(crate::catalogue::clues::from_log_facts(logs));
    Model {
        certificates: certificates::collect(pastes, files, logs),
        connectors: connectors::collect(pastes, logs),
        server_errors: server_errors::collect(pastes),
        clues: all,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::log::LogCollector;

    // KB 4495258's outage as a Send log and the shell output of the same server
    // (testdata/paste/, see its README).
    const LOG: &[u8] = include_bytes!("../../../../testdata/paste/SEND20250131-1.LOG");
    const PASTE: &str = include_str!("../../../../testdata/paste/kb4495258-outage-en-us.txt");

    #[test]
    fn a_connector_from_a_log_and_a_paste_is_one_connector_with_both_sources() {
        let mut logs = LogCollector::new();
        logs.begin_file("SEND20250131-1.LOG");
        logs.push(LOG);
        logs.end_file();
        let facts = logs.facts();
        let output = crate::paste::parse_text(PASTE);
        let pastes = [PasteSource {
            path: "outage.txt",
            output: &output,
        }];
        let model = build(&[], &facts, &pastes, &[]);
        let c: Vec<&Connector> = model
            .connectors
            .iter()
            .filter(|c| c.name == "Outbound to Office 365")
            .collect();
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].send, Some(true));
        assert!(c[0].tls_failed >= 1);
        assert!(c[0]
            .tls_certificate_name
            .as_deref()
            .is_some_and(|n| n.starts_with("<I>")));
        assert!(c[0].sources.iter().any(|e| e.path == "outage.txt"));

        // The certificate the log names and the paste lists is one, with both sources and the
        // server's word on the key.
        let cert: Vec<&Certificate> = model
            .certificates
            .iter()
            .filter(|c| c.thumbprint.as_deref() == Some("3D5F8A1C9E2B4D6F8A0C2E4F6A8B0D2F4E6A8C0B"))
            .collect();
        assert_eq!(cert.len(), 1);
        assert_eq!(cert[0].key_state(), KeyState::ServerLacksKey);
        let kinds: Vec<SourceKind> = cert[0].sources.iter().map(|s| s.kind).collect();
        assert!(kinds.contains(&SourceKind::ExchangeListing), "{kinds:?}");
        assert!(kinds.contains(&SourceKind::LogBlock), "{kinds:?}");
    }

    #[test]
    fn every_pasted_connector_is_one_model_connector_pointing_at_its_record() {
        // The same Send connector pasted twice (two pastes of `Get-SendConnector | fl`) and a
        // Receive connector of the same name: two connectors, each resolving to its record.
        let send = crate::paste::parse_text(
            "Get-SendConnector | fl\n\nIdentity           : Internet\nName               : Internet\nSmartHosts         : {}\nRequireTLS         : True\nTlsCertificateName : <I>CN=R11, O=Let's Encrypt, C=US<S>CN=mail.contoso.com\n",
        );
        let receive = crate::paste::parse_text(
            "Get-ReceiveConnector | fl\n\nIdentity           : EX01\\Internet\nName               : Internet\nFqdn               : mail.contoso.com\nTlsCertificateName : <I>CN=R11, O=Let's Encrypt, C=US<S>CN=mail.contoso.com\n",
        );
        assert_eq!(send.connectors.len(), 1);
        assert_eq!(receive.connectors.len(), 1);
        let pastes = [
            PasteSource {
                path: "send.txt",
                output: &send,
            },
            PasteSource {
                path: "send-again.txt",
                output: &send,
            },
            PasteSource {
                path: "receive.txt",
                output: &receive,
            },
        ];
        let model = build(&[], &LogCollector::new().facts(), &pastes, &[]);
        let resolved: Vec<(&str, &crate::paste::PastedConnector)> = model
            .connectors
            .iter()
            .filter_map(|c| c.pasted_in(&pastes))
            .map(|(path, c, _)| (path, c))
            .collect();
        assert_eq!(resolved.len(), 2, "{:?}", model.connectors);
        assert_eq!(resolved[0].0, "send.txt");
        assert!(std::ptr::eq(resolved[0].1, &send.connectors[0]));
        assert_eq!(resolved[1].0, "receive.txt");
        assert!(std::ptr::eq(resolved[1].1, &receive.connectors[0]));
        // Both sources of the Send connector stay evidence lines.
        assert_eq!(model.connectors[0].sources.len(), 2);
    }
}
