//! What the protocol logs said, ready for diagnosis: the facts the streaming
//! [`super::collector::LogCollector`] keeps (certificates named per session, TLS failures,
//! per-connector counts, notable replies). Plain data; the evidence model
//! ([`crate::evidence`]) reads these.

use crate::report::{Evidence, LogSummary, ObservedCertificate, TlsFailure};

use super::cert_block::{CertIdentity, Role};
use super::events::Notable;

/// Send or Receive protocol log (from `#Log-type`, else guessed from the connector id).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Direction {
    Send,
    Receive,
}

/// A certificate seen in the logs, with what diagnosis needs beyond the contract fields.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct SeenCertificate {
    pub report: ObservedCertificate,
    pub role: Role,
    pub identity: CertIdentity,
    /// Time (Unix seconds) of the first session that named it, when the log has real timestamps.
    pub first_seen_unix: Option<i64>,
    pub last_seen_unix: Option<i64>,
    /// Evidence rows of its first appearance (the block's rows).
    pub evidence: Vec<Evidence>,
    pub direction: Direction,
    /// Where a part ([`super::LogCollector::part`]) made this entry: its file number there and
    /// the line read (from 2^62 on: at the file's end, by the block's first line); `None`
    /// elsewhere. A merge puts a part's
    /// entries and those of the rows it deferred in the order of reading by it.
    #[serde(default)]
    pub created_at: Option<(u32, u64)>,
}

/// A `TLS negotiation failed` row, with the certificate its session named (index into `certificates`).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct FailureFact {
    pub report: TlsFailure,
    pub sending_certificate: Option<usize>,
    pub evidence: Evidence,
    pub session_unix: Option<i64>,
}

/// How many `TLS negotiation failed` rows share one (error, connector, sending certificate).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FailureCount {
    pub error: String,
    pub connector: String,
    pub sending_certificate: Option<usize>,
    pub count: u64,
    /// As [`SeenCertificate::created_at`].
    #[serde(default)]
    pub created_at: Option<(u32, u64)>,
}

/// Per connector.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ConnectorFacts {
    pub name: String,
    pub direction: Direction,
    pub sessions: u64,
    pub tls_succeeded: u64,
    pub tls_failed: u64,
    /// Protocols negotiated (`SP_PROT_TLS1_2_CLIENT`), deduplicated.
    pub protocols: Vec<String>,
    /// The first row that negotiated each of `protocols` (same order).
    pub protocol_evidence: Vec<Evidence>,
    /// The name this server gives itself (EHLO on Send, banner on Receive), first seen.
    pub local_name: Option<String>,
    /// Remote hosts' greeting names (Send logs: the `220` banner received), first few.
    pub remote_banners: Vec<String>,
    pub first_success: Option<Evidence>,
    pub starttls_advertised: u64,
    pub ehlo_without_starttls: u64,
    pub ehlo_without_starttls_evidence: Option<Evidence>,
    /// `451 5.7.3 STARTTLS is required` from the SMTP server of this connector's sessions:
    /// received on a Send connector (the remote takes mail only over TLS), sent on a Receive
    /// connector (this server demands TLS of the client). Counted, first few rows kept.
    pub starttls_required: NotableLines,
    /// The remote addresses (no port) of the sessions with those replies, first few.
    pub starttls_required_remotes: Vec<String>,
}

/// Notable lines of one kind.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct NotableLines {
    pub count: u64,
    pub evidence: Vec<Evidence>,
}

/// Everything the logs said, ready for diagnosis.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct LogFacts {
    pub summary: LogSummary,
    pub certificates: Vec<SeenCertificate>,
    pub failures: Vec<FailureFact>,
    pub failures_total: u64,
    /// Every failure counted by (error, connector, sending certificate), also past the
    /// listing cap of `failures`, so findings can say how many sessions really failed.
    pub failure_counts: Vec<FailureCount>,
    pub connectors: Vec<ConnectorFacts>,
    pub notable: Vec<(Notable, NotableLines)>,
    /// `TlsDomainCapabilities=...` and chain validation statuses seen, with counts.
    pub domain_capabilities: Vec<(String, u64, Evidence)>,
    pub chain_statuses: Vec<(String, u64, Evidence)>,
    /// Sessions dropped right after TLS or inside the TLS handshake, grouped
    /// ([`crate::catalogue::sessions`]); [`LogFacts::drops`] gives one stage.
    pub dropped_after_tls: Vec<crate::catalogue::sessions::DropGroup>,
}

impl ConnectorFacts {
    /// A TLS negotiation that succeeded, shown by the row `evidence` makes (made only for the
    /// connector's first). Its protocol, when the row names one, is kept by the caller.
    pub fn succeeded(&mut self, evidence: impl FnOnce() -> Evidence) {
        self.tls_succeeded += 1;
        if self.first_success.is_none() {
            self.first_success = Some(evidence());
        }
    }
}

impl LogFacts {
    /// The drop groups of one stage.
    pub fn drops(
        &self,
        stage: crate::catalogue::sessions::DropStage,
    ) -> impl Iterator<Item = &crate::catalogue::sessions::DropGroup> {
        self.dropped_after_tls
            .iter()
            .filter(move |g| g.stage == stage)
    }

    /// Adds `by` to the line number of every row of file `path` these facts point at (the
    /// evidence lines, and the rows the certificates and listed failures were named in): a part
    /// that read a file from its middle numbered its lines from its own start
    /// ([`super::LogCollector::begin_continued_file`]).
    pub(crate) fn shift_lines(&mut self, path: &str, by: u64) {
        let mut shift = |e: &mut Evidence| {
            if e.path == path {
                e.line = e.line.saturating_add(by);
            }
        };
        for c in &mut self.certificates {
            if c.report.path == path {
                c.report.line = c.report.line.saturating_add(by);
            }
            c.evidence.iter_mut().for_each(&mut shift);
        }
        for f in &mut self.failures {
            if f.report.path == path {
                f.report.line = f.report.line.saturating_add(by);
            }
            shift(&mut f.evidence);
        }
        for c in &mut self.connectors {
            c.protocol_evidence.iter_mut().for_each(&mut shift);
            c.first_success.iter_mut().for_each(&mut shift);
            c.ehlo_without_starttls_evidence
                .iter_mut()
                .for_each(&mut shift);
            c.starttls_required.evidence.iter_mut().for_each(&mut shift);
        }
        for (_, lines) in &mut self.notable {
            lines.evidence.iter_mut().for_each(&mut shift);
        }
        for (_, _, e) in self
            .domain_capabilities
            .iter_mut()
            .chain(&mut self.chain_statuses)
        {
            shift(e);
        }
        for g in &mut self.dropped_after_tls {
            g.evidence.iter_mut().for_each(&mut shift);
        }
    }
}

/// Adds the address of `endpoint` (`203.0.113.9:51000`, `[2001:db8::1]:25`: the port dropped)
/// to `remotes` unless it is there, empty or `remotes` holds eight already.
pub fn remember_remote(remotes: &mut Vec<String>, endpoint: &str) {
    let endpoint = endpoint.trim();
    let address = match endpoint.rsplit_once(':') {
        // `[v6]:port` or `v4:port`; a bare IPv6 address (several colons, no brackets) stays.
        Some((host, port))
            if port.bytes().all(|b| b.is_ascii_digit())
                && !port.is_empty()
                && (host.ends_with(']') || !host.contains(':')) =>
        {
            host.trim_start_matches('[').trim_end_matches(']')
        }
        _ => endpoint,
    };
    // Kept to 64 characters, compared as kept (a longer field stays one entry).
    let address: String = address.chars().take(64).collect();
    if !address.is_empty() && remotes.len() < 8 && !remotes.contains(&address) {
        remotes.push(address);
    }
}

#[cfg(test)]
mod tests {
    use super::remember_remote;

    #[test]
    fn remote_addresses_lose_their_port_and_repeat_once() {
        let mut v = Vec::new();
        for e in [
            "203.0.113.9:51000",
            " 203.0.113.9:25 ",
            "[2001:db8::1]:25",
            "2001:db8::2",
            "",
            "host-without-port",
        ] {
            remember_remote(&mut v, e);
        }
        assert_eq!(
            v,
            [
                "203.0.113.9",
                "2001:db8::1",
                "2001:db8::2",
                "host-without-port"
            ]
        );
        let long = "x".repeat(100);
        remember_remote(&mut v, &long);
        remember_remote(&mut v, &long);
        assert_eq!(v.len(), 5);
        assert_eq!(v[4].len(), 64);
        for i in 0..20 {
            remember_remote(&mut v, &format!("198.51.100.{i}:25"));
        }
        assert_eq!(v.len(), 8);
    }
}
