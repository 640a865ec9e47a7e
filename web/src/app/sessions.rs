//! Failing sessions: per SMTP session with a TLS failure, the certificates the log named for it
//! and the failure itself, in line order (certificate → failure).

use std::rc::Rc;

use tlsdoctor_core::i18n::ui::UiText;
use tlsdoctor_core::i18n::Lang;
use yew::prelude::*;

pub use tlsdoctor_core::view::sessions::{FailingSession, SessionStep};

#[derive(Properties, PartialEq)]
pub struct SessionsProps {
    pub sessions: Rc<Vec<FailingSession>>,
    pub total: usize,
    pub lang: Lang,
    pub t: &'static UiText,
}

#[function_component(Sessions)]
pub fn sessions(props: &SessionsProps) -> Html {
    let t = props.t;
    html! {
        <section class="sessions" aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">{ format!("{} ({})", t.sessions_heading, props.total) }</h2>
            { for props.sessions.iter().enumerate().map(|(i, s)| session(s, t, props.lang, i == 0)) }
        </section>
    }
}

fn session(s: &FailingSession, t: &UiText, lang: Lang, open: bool) -> Html {
    let (connector, remote) = (s.connector(), s.remote_endpoint());
    let steps = s.steps();
    html! {
        <details class="session" data-testid="session" data-session-id={s.session_id.clone()} {open}>
            <summary>
                { format!("{} {} — {}: {} — {}: {}", t.session, s.session_id, t.connector, connector, t.remote_endpoint, remote) }
            </summary>
            <ol class="steps">
                { for steps.iter().map(|step| match step {
                    SessionStep::Certificate(c) => html! {
                        <li class="step cert">
                            <span class="where">{ format!("{} {}", t.line, step.line()) }</span>
                            // The role in the page's language, from core (as the text report).
                            { format!("{} ({}): {}", t.subject, tlsdoctor_core::view::role_text(&c.role, lang), c.subject.clone().unwrap_or_default()) }
                            if let Some(tp) = &c.thumbprint { { " " }<code class="thumbprint">{ tp }</code> }
                        </li>
                    },
                    SessionStep::Failure(f) => html! {
                        <li class="step failure">
                            <span class="where">{ format!("{} {}", t.line, step.line()) }</span>
                            <strong>{ format!("TLS negotiation failed with error {}", f.error) }</strong>
                        </li>
                    },
                }) }
            </ol>
        </details>
    }
}
