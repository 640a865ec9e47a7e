//! Server error messages (the renewal trap's RPC error, `454 4.7.5`) with where they were read.

use crate::paste::server_error::{ServerError, ServerErrorMeaning};
use crate::report::Evidence;

use super::PasteSource;

/// A server error message and the line it was read from.
#[derive(Debug, Clone)]
pub struct CitedServerError {
    pub error: ServerError,
    pub evidence: Evidence,
}

impl CitedServerError {
    /// The Send connectors the message names as using the certificates.
    pub fn tagged_connectors(&self) -> &[String] {
        match &self.error.meaning {
            ServerErrorMeaning::CertificateTaggedOnSendConnectors { connectors } => connectors,
            _ => &[],
        }
    }
}

pub fn collect(pastes: &[PasteSource<'_>]) -> Vec<CitedServerError> {
    pastes
        .iter()
        .flat_map(|p| {
            p.output
                .server_errors
                .iter()
                .map(move |e| CitedServerError {
                    error: e.clone(),
                    evidence: Evidence {
                        path: p.path.to_string(),
                        line: e.line,
                        text: e.message.chars().take(500).collect(),
                    },
                })
        })
        .collect()
}
