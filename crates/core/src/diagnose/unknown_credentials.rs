//! `unknown-credentials` (KB 4051498): outbound TLS fails with `UnknownCredentials` because the
//! (third-party) certificate is not enabled for the SMTP service. Fix: enable it for SMTP.

use crate::ids::FindingId;

use crate::i18n::Text;
use crate::report::Finding;

use super::context::Context;
use super::powershell as ps;
use super::tls_failures::{groups, FailureGroup};
use crate::catalogue::clues::ClueKind;
use crate::catalogue::cx::{credentials_from_text, Cx};
use crate::catalogue::Id;

pub const ID: FindingId = FindingId::UnknownCredentials;

/// The SSPI error this rule explains.
pub fn explains(error: &str) -> bool {
    error.eq_ignore_ascii_case("UnknownCredentials")
}

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let start = out.len();
    from_logs_and_files(cx, out);
    super::absorb(out, start, ID, &cx.server_credentials().0);
    // Only text names the failure (no log row, no listing): the clue's own finding.
    credentials_from_text(
        &Cx::of(cx),
        ClueKind::UnknownCredentials,
        Id::UnknownCredentials,
        out,
    );
}

fn from_logs_and_files(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for g in groups(cx, explains) {
        let subject = g
            .certificate
            .and_then(|c| c.report.subject.clone())
            .unwrap_or_else(|| "?".into());
        let thumb_text = g.logged_thumbprint().unwrap_or("?").to_string();
        let count = g.total.to_string();
        let vars = [
            ("connector", g.connector.as_str()),
            ("subject", subject.as_str()),
            ("thumbprint", thumb_text.as_str()),
            ("count", count.as_str()),
        ];
        let thumb = ps::thumbprint_or_placeholder(
            g.thumbprint(),
            &ps::placeholder(cx.lang, ps::Placeholder::Thumbprint),
        );
        // A Receive log's failure is this server's own STARTTLS certificate (inbound).
        let servers = g.servers(cx);
        if g.is_inbound(cx) {
            let (mut steps, mut powershell) = g.inbound_first_steps(cx);
            if g.thumbprint().is_some() {
                steps.push(cx.text(Text::StepEnableSmtpAnswerNo).to_string());
                powershell.extend(per_server(&servers, |on| ps::enable_smtp_on(on, &thumb)));
            }
            let mut title = cx.fill(Text::UnknownCredentialsInboundTitle, &vars);
            let mut explanation = cx.fill(Text::UnknownCredentialsInboundExplanation, &vars);
            FailureGroup::name_servers(cx, &servers, &mut title, &mut explanation);
            out.push(g.finding(ID, title, explanation, steps, powershell));
            continue;
        }
        let connector = ps::connector_or_placeholder_in(cx.lang, Some(&g.connector));
        let steps = vec![
            cx.fill(
                Text::StepEnableVerboseLogging,
                &[("connector", g.connector.as_str())],
            ),
            cx.fill(
                Text::StepShowServices,
                &[("thumbprint", thumb_text.as_str())],
            ),
            cx.text(Text::StepEnableSmtpAnswerNo).to_string(),
            cx.text(Text::StepRetryQueues).to_string(),
        ];
        let mut powershell = vec![ps::set_verbose_logging(&connector)];
        for on in servers_or_none(&servers) {
            if let Some(s) = on {
                powershell.push(crate::catalogue::fix::comment_on(s));
            }
            powershell.extend([
                format!(
                    "Get-ExchangeCertificate{} -Thumbprint {thumb} | Select-Object -Property Services",
                    ps::server_arg(on)
                ),
                ps::enable_smtp_on(on, &thumb),
                ps::retry_queues_on(on),
            ]);
        }
        let mut title = cx.fill(Text::UnknownCredentialsTitle, &vars);
        let mut explanation = cx.fill(Text::UnknownCredentialsExplanation, &vars);
        FailureGroup::name_servers(cx, &servers, &mut title, &mut explanation);
        out.push(g.finding(ID, title, explanation, steps, powershell));
    }
}

/// Each known server (at most ten), or one `None` when no server is known.
fn servers_or_none(servers: &[String]) -> Vec<Option<&str>> {
    if servers.is_empty() {
        vec![None]
    } else {
        servers.iter().take(10).map(|s| Some(s.as_str())).collect()
    }
}

/// `line` for each known server (or once without one).
fn per_server(servers: &[String], line: impl Fn(Option<&str>) -> String) -> Vec<String> {
    servers_or_none(servers).into_iter().map(line).collect()
}
