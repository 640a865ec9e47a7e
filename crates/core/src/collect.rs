//! The read-only evidence collector `collect/Collect-TlsEvidence.ps1`, carried in the binary so
//! the CLI (`tlsdoctor collect-script`) and the page can hand it out. Its header documents the
//! layout of the .zip it writes; [`crate::analyze`] reads that .zip like any other.

/// The PowerShell script, byte for byte as in `collect/Collect-TlsEvidence.ps1`.
pub const COLLECTOR_PS1: &str = include_str!("../../../collect/Collect-TlsEvidence.ps1");

/// The file name to save it under.
pub const COLLECTOR_FILE_NAME: &str = "Collect-TlsEvidence.ps1";

/// The text files of the collector's .zip (besides `logs/<Service>/SmtpSend|SmtpReceive/*.LOG`),
/// as its header lists them.
pub const COLLECTOR_TEXT_FILES: &[&str] = &[
    "README.txt",
    "server.txt",
    "exchange-certificates.txt",
    "certificate-store.txt",
    "send-connectors.txt",
    "receive-connectors.txt",
    "transport-services.txt",
    "queues.txt",
    "events.txt",
    "tls-registry.txt",
];
