//! Shared grouping for the `TLS negotiation failed with error X` rules: failures are grouped
//! by (error, connector, certificate this server offered), so one finding covers every
//! session that failed the same way.

use crate::i18n::Text;
use crate::ids::FindingId;
use crate::log::collector::{FailureFact, SeenCertificate};
use crate::report::{Evidence, Finding, Remediation, Severity};

use super::context::Context;

/// Failures of one kind on one connector with one certificate.
pub struct FailureGroup<'c> {
    pub error: String,
    pub connector: String,
    pub certificate: Option<&'c SeenCertificate>,
    /// The listed failures (capped by `limits::MAX_TLS_FAILURES_LISTED` across all groups).
    pub failures: Vec<&'c FailureFact>,
    /// Every failure of this group in the logs, listed or not.
    pub total: u64,
}

impl FailureGroup<'_> {
    /// The connector is a receive connector of the logs (a Receive log): the failure is this
    /// server's own STARTTLS certificate, inbound.
    pub fn is_inbound(&self, cx: &Context<'_>) -> bool {
        cx.logs.connectors.iter().any(|c| {
            c.name == self.connector && c.direction == crate::log::facts::Direction::Receive
        })
    }

    /// The first steps and commands for an inbound failure: Verbose logging on the receive
    /// connector, then the server's certificates with their keys and services.
    pub fn inbound_first_steps(&self, cx: &Context<'_>) -> (Vec<String>, Vec<String>) {
        (
            vec![
                cx.fill(
                    Text::StepEnableVerboseLoggingReceive,
                    &[("connector", self.connector.as_str())],
                ),
                cx.text(Text::StepListCertificatesWithKeys).to_string(),
            ],
            vec![
                super::powershell::set_verbose_logging_receive(&super::powershell::quote(
                    &self.connector,
                )),
                // On the one server the log shows (a receive connector is per server).
                match self.servers(cx).as_slice() {
                    [one] => super::powershell::list_certificates_with_keys().replacen(
                        "Get-ExchangeCertificate",
                        &format!(
                            "Get-ExchangeCertificate{}",
                            super::powershell::server_arg(Some(one))
                        ),
                        1,
                    ),
                    _ => super::powershell::list_certificates_with_keys(),
                },
            ],
        )
    }

    /// An error finding of rule `id` about this group: its evidence, thumbprint and connector.
    pub fn finding(
        &self,
        id: FindingId,
        title: String,
        explanation: String,
        steps: Vec<String>,
        powershell: Vec<String>,
    ) -> Finding {
        Finding {
            id,
            severity: Severity::Error,
            title,
            explanation,
            evidence: self.evidence(),
            thumbprints: self
                .thumbprint()
                .map(|t| vec![t.to_string()])
                .unwrap_or_default(),
            connectors: vec![self.connector.clone()],
            remediation: Some(Remediation {
                steps,
                powershell: powershell.join("\n"),
            }),
        }
    }

    /// The servers whose logs hold this group's failures (from the connector's identity or
    /// the log's path), each once.
    pub fn servers(&self, cx: &Context<'_>) -> Vec<String> {
        super::log_server::servers_of_logs(
            cx,
            self.failures
                .iter()
                .map(|f| (f.report.path.as_str(), f.report.connector.as_str())),
        )
    }

    /// Appends the servers to a finding's title and explanation (nothing when none is known).
    pub fn name_servers(
        cx: &Context<'_>,
        servers: &[String],
        title: &mut String,
        explanation: &mut String,
    ) {
        if servers.is_empty() {
            return;
        }
        let list = servers.join(", ");
        title.push_str(&cx.fill(Text::ServersTitleSuffix, &[("servers", list.as_str())]));
        explanation.push(' ');
        explanation.push_str(&cx.fill(Text::LogServersNote, &[("servers", list.as_str())]));
    }

    /// The certificate block rows, then the failure rows, capped.
    pub fn evidence(&self) -> Vec<Evidence> {
        let mut ev: Vec<Evidence> = self
            .certificate
            .map(|c| c.evidence.clone())
            .unwrap_or_default();
        ev.extend(self.failures.iter().map(|f| f.evidence.clone()));
        ev.truncate(crate::limits::MAX_EVIDENCE_PER_FINDING);
        ev
    }

    /// The logged thumbprint when it is a real one (KB excerpts show `xxxx…`).
    pub fn thumbprint(&self) -> Option<&str> {
        self.logged_thumbprint()
            .filter(|t| super::context::is_thumbprint(t))
    }

    /// The thumbprint text as logged, placeholder or not.
    pub fn logged_thumbprint(&self) -> Option<&str> {
        self.certificate
            .and_then(|c| c.report.thumbprint.as_deref())
    }
}

/// Groups the failures whose error satisfies `wanted`, in order of first appearance.
pub fn groups<'c>(cx: &'c Context<'_>, wanted: impl Fn(&str) -> bool) -> Vec<FailureGroup<'c>> {
    let mut out: Vec<FailureGroup<'c>> = Vec::new();
    for f in &cx.logs.failures {
        if !wanted(&f.report.error) {
            continue;
        }
        let cert = f
            .sending_certificate
            .and_then(|i| cx.logs.certificates.get(i));
        let found = out.iter_mut().find(|g| {
            g.error == f.report.error
                && g.connector == f.report.connector
                && g.certificate.map(|c| c as *const _) == cert.map(|c| c as *const _)
        });
        match found {
            Some(g) => g.failures.push(f),
            None => {
                let total = cx
                    .logs
                    .failure_counts
                    .iter()
                    .find(|c| {
                        c.sending_certificate == f.sending_certificate
                            && c.error == f.report.error
                            && c.connector == f.report.connector
                    })
                    .map_or(0, |c| c.count);
                out.push(FailureGroup {
                    error: f.report.error.clone(),
                    connector: f.report.connector.clone(),
                    certificate: cert,
                    failures: vec![f],
                    total,
                })
            }
        }
    }
    for g in &mut out {
        // Never fewer than listed (a group past MAX_TLS_FAILURE_GROUPS has no count of its own).
        g.total = g.total.max(g.failures.len() as u64);
    }
    out
}
