//! Failing sessions, grouped: per SMTP session with a TLS failure, the certificates the log
//! named for it and the failure itself, in line order (certificate → failure).

use serde::{Deserialize, Serialize};

use crate::report::{ObservedCertificate, TlsFailure};

/// Sessions drawn at most (a large log can hold thousands of identical failures).
pub const MAX_SESSIONS_SHOWN: usize = 20;

/// One failing session: its failures and the certificates observed in it.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct FailingSession {
    pub session_id: String,
    pub path: String,
    pub failures: Vec<TlsFailure>,
    pub certificates: Vec<ObservedCertificate>,
}

/// Groups failures by (file, session id), first failure first; `total` counts all sessions.
pub fn failing_sessions(
    failures: &[TlsFailure],
    observed: &[ObservedCertificate],
) -> (Vec<FailingSession>, usize) {
    let mut sessions: Vec<FailingSession> = Vec::new();
    let mut total = 0;
    for f in failures {
        if let Some(s) = sessions
            .iter_mut()
            .find(|s| s.session_id == f.session_id && s.path == f.path)
        {
            s.failures.push(f.clone());
            continue;
        }
        total += 1;
        if sessions.len() < MAX_SESSIONS_SHOWN {
            sessions.push(FailingSession {
                session_id: f.session_id.clone(),
                path: f.path.clone(),
                failures: vec![f.clone()],
                certificates: Vec::new(),
            });
        }
    }
    for s in &mut sessions {
        s.certificates = observed
            .iter()
            .filter(|o| o.session_id == s.session_id && o.path == s.path)
            .cloned()
            .collect();
    }
    (sessions, total)
}

/// One step of a session, in line order.
#[derive(Clone, Copy, Debug)]
pub enum SessionStep<'a> {
    Certificate(&'a ObservedCertificate),
    Failure(&'a TlsFailure),
}

impl SessionStep<'_> {
    pub fn line(&self) -> u64 {
        match self {
            SessionStep::Certificate(c) => c.line,
            SessionStep::Failure(f) => f.line,
        }
    }
}

impl FailingSession {
    /// The certificates named and the failures, in the order of the log's lines.
    pub fn steps(&self) -> Vec<SessionStep<'_>> {
        let mut steps: Vec<SessionStep<'_>> = self
            .certificates
            .iter()
            .map(SessionStep::Certificate)
            .chain(self.failures.iter().map(SessionStep::Failure))
            .collect();
        steps.sort_by_key(SessionStep::line);
        steps
    }

    /// The connector and remote endpoint of the first failure.
    pub fn connector(&self) -> &str {
        self.failures.first().map_or("", |f| f.connector.as_str())
    }

    pub fn remote_endpoint(&self) -> &str {
        self.failures
            .first()
            .map_or("", |f| f.remote_endpoint.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failure(session: &str, line: u64) -> TlsFailure {
        serde_json::from_value(
            serde_json::json!({"error": "NoCredentials", "connector": "Out", "session_id": session,
            "remote_endpoint": "1.2.3.4:25", "path": "SEND.LOG", "line": line}),
        )
        .unwrap()
    }

    fn observed(session: &str, line: u64) -> ObservedCertificate {
        serde_json::from_value(serde_json::json!({"role": "sending", "connector": "Out", "session_id": session,
            "subject": "CN=a", "issuer": null, "serial_number": null, "thumbprint": "AA", "not_before": null,
            "not_after": null, "alternate_names": [], "path": "SEND.LOG", "line": line}))
        .unwrap()
    }

    #[test]
    fn failures_are_grouped_by_session_with_their_certificates_and_capped() {
        let mut failures = vec![failure("S1", 10), failure("S2", 20), failure("S1", 12)];
        failures.extend((0..30).map(|i| failure(&format!("X{i}"), 100 + i)));
        let (sessions, total) =
            failing_sessions(&failures, &[observed("S1", 9), observed("S3", 1)]);
        assert_eq!(total, 32);
        assert_eq!(sessions.len(), MAX_SESSIONS_SHOWN);
        assert_eq!(sessions[0].session_id, "S1");
        assert_eq!(sessions[0].failures.len(), 2);
        assert_eq!(sessions[0].certificates.len(), 1);
        assert!(sessions[1].certificates.is_empty());
    }
}
