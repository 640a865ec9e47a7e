//! Failing sessions: per SMTP session with a TLS failure, the certificates the log named for it
//! and the failure itself, in line order (certificate → failure).

use std::rc::Rc;

use tlsdoctor_core::i18n::ui::UiText;
use tlsdoctor_core::report::{ObservedCertificate, TlsFailure};
use yew::prelude::*;

/// Sessions drawn at most (a large log can hold thousands of identical failures).
pub const MAX_SESSIONS_SHOWN: usize = 20;

/// One failing session: its failures and the certificates observed in it.
#[derive(Clone, PartialEq, Debug)]
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

#[derive(Properties, PartialEq)]
pub struct SessionsProps {
    pub sessions: Rc<Vec<FailingSession>>,
    pub total: usize,
    pub t: &'static UiText,
}

#[function_component(Sessions)]
pub fn sessions(props: &SessionsProps) -> Html {
    let t = props.t;
    html! {
        <section class="sessions" aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">{ format!("{} ({})", t.sessions_heading, props.total) }</h2>
            { for props.sessions.iter().enumerate().map(|(i, s)| session(s, t, i == 0)) }
        </section>
    }
}

enum Step<'a> {
    Cert(&'a ObservedCertificate),
    Failure(&'a TlsFailure),
}

fn session(s: &FailingSession, t: &UiText, open: bool) -> Html {
    let first = &s.failures[..1.min(s.failures.len())];
    let connector = first
        .first()
        .map(|f| f.connector.clone())
        .unwrap_or_default();
    let remote = first
        .first()
        .map(|f| f.remote_endpoint.clone())
        .unwrap_or_default();
    let mut steps: Vec<(u64, Step)> = s
        .certificates
        .iter()
        .map(|c| (c.line, Step::Cert(c)))
        .collect();
    steps.extend(s.failures.iter().map(|f| (f.line, Step::Failure(f))));
    steps.sort_by_key(|(line, _)| *line);
    html! {
        <details class="session" data-testid="session" data-session-id={s.session_id.clone()} {open}>
            <summary>
                { format!("{} {} — {}: {} — {}: {}", t.session, s.session_id, t.connector, connector, t.remote_endpoint, remote) }
            </summary>
            <ol class="steps">
                { for steps.iter().map(|(line, step)| match step {
                    Step::Cert(c) => html! {
                        <li class="step cert">
                            <span class="where">{ format!("{} {}", t.line, line) }</span>
                            { format!("{} ({}): {}", t.subject, c.role, c.subject.clone().unwrap_or_default()) }
                            if let Some(tp) = &c.thumbprint { { " " }<code class="thumbprint">{ tp }</code> }
                        </li>
                    },
                    Step::Failure(f) => html! {
                        <li class="step failure">
                            <span class="where">{ format!("{} {}", t.line, line) }</span>
                            <strong>{ format!("TLS negotiation failed with error {}", f.error) }</strong>
                        </li>
                    },
                }) }
            </ol>
        </details>
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
