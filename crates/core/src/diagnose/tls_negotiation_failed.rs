//! `tls-negotiation-failed`: every other `TLS negotiation failed with error X` (TargetUnknown,
//! IllegalMessage, CertExpired, AlgorithmMismatch, SocketError, ... or any token, verbatim).
//! The SSPI status name is in the title; the explanation says what it usually means.
//!
//! A failure a specific rule explains is left to it, so the report does not say the same
//! thing twice: NoCredentials / UnknownCredentials (`no_credentials`, `unknown_credentials`),
//! AlgorithmMismatch / SocketError / IllegalMessage (`tls_version_or_cipher_mismatch`),
//! UntrustedRoot (`certificate_chain_or_revocation_failure`), InvalidToken
//! (`authentication_not_tls`). Each of those reads the same log failures, so the sessions
//! stay cited as its evidence.

use crate::ids::FindingId;

use crate::i18n::Text;
use crate::report::{Finding, Remediation, Severity};

use super::context::Context;
use super::context::{is_thumbprint, unix_of};
use super::powershell as ps;
use super::tls_failures::{groups, FailureGroup};
use super::validity::day;
use crate::log::cert_block::Role;
use crate::log::facts::SeenCertificate;

pub const ID: FindingId = FindingId::TlsNegotiationFailed;

fn meaning(error: &str) -> Text {
    match error.to_ascii_lowercase().as_str() {
        "targetunknown" => Text::SspiTargetUnknown,
        "illegalmessage" => Text::SspiIllegalMessage,
        "certexpired" => Text::SspiCertExpired,
        "algorithmmismatch" => Text::SspiAlgorithmMismatch,
        "socketerror" => Text::SspiSocketError,
        "untrustedroot" => Text::SspiUntrustedRoot,
        "certunknown" => Text::SspiCertUnknown,
        _ => Text::SspiOther,
    }
}

/// A specific rule explains this error (and reports the sessions itself).
pub fn explained_elsewhere(error: &str) -> bool {
    super::no_credentials::explains(error)
        || super::unknown_credentials::explains(error)
        || super::tls_version_or_cipher_mismatch::explains(error)
        || super::certificate_chain_or_revocation_failure::explains(error)
        || super::authentication_not_tls::explains(error)
}

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for g in groups(cx, |e| !explained_elsewhere(e)) {
        let count = g.total.to_string();
        let remote = g
            .failures
            .first()
            .map(|f| f.report.remote_endpoint.clone())
            .unwrap_or_default();
        let vars = [
            ("error", g.error.as_str()),
            ("connector", g.connector.as_str()),
            ("count", count.as_str()),
            ("remote", remote.as_str()),
        ];
        let mut explanation = cx.fill(Text::TlsFailedExplanation, &vars);
        explanation.push(' ');
        explanation.push_str(cx.text(meaning(&g.error)));
        let mut steps = vec![
            verbose_step(cx, &g),
            cx.text(Text::StepTlsFailedInspect).to_string(),
        ];
        let mut powershell = vec![
            verbose_logging(cx, &g),
            connector_settings(cx, &g),
            "Get-ExchangeCertificate | Format-List FriendlyName,Subject,Issuer,Thumbprint,Services,HasPrivateKey,NotAfter".to_string(),
        ];
        if g.error.eq_ignore_ascii_case("CertExpired") {
            let whose = cert_expired(cx, &g);
            explanation.push(' ');
            explanation.push_str(&whose.sentence);
            steps = whose.steps;
            powershell = whose.powershell;
        }
        out.push(Finding {
            id: ID,
            severity: Severity::Error,
            title: cx.fill(Text::TlsFailedTitle, &vars),
            explanation,
            evidence: g.evidence(),
            thumbprints: g
                .thumbprint()
                .map(|t| vec![t.to_string()])
                .unwrap_or_default(),
            connectors: vec![g.connector.clone()],
            remediation: Some(Remediation {
                steps,
                powershell: powershell.join("\n"),
            }),
        });
    }
}

/// What a `CertExpired` failure (SEC_E_CERT_EXPIRED, 0x80090328) says about whose certificate
/// expired: the words, steps and commands.
struct Whose {
    sentence: String,
    steps: Vec<String>,
    powershell: Vec<String>,
}

/// NotAfter of a certificate a log names: from the log row (one-row shape), else from a
/// dropped file or a pasted listing with its thumbprint.
fn not_after_of(cx: &Context<'_>, seen: &SeenCertificate) -> Option<(i64, String)> {
    if let Some(text) = &seen.report.not_after {
        if let Some(unix) = unix_of(text) {
            return Some((unix, text.clone()));
        }
    }
    let t = seen
        .report
        .thumbprint
        .as_deref()
        .filter(|t| is_thumbprint(t))?;
    cx.evidence
        .certificates
        .iter()
        .filter(|c| {
            c.thumbprint
                .as_deref()
                .is_some_and(|x| x.eq_ignore_ascii_case(t))
        })
        .find_map(|c| {
            let unix = c.not_after?;
            Some((unix, c.not_after_text.clone().unwrap_or_else(|| day(unix))))
        })
}

/// Whose certificate expired: this server's (the session's `Sending certificate` rows) or the
/// remote's (its `Remote certificate` / `Received certificate` rows), judged at the session's
/// time with the dates a file, a paste or the log gives. Without dates: what to collect.
fn cert_expired(cx: &Context<'_>, g: &FailureGroup<'_>) -> Whose {
    let at = g
        .failures
        .iter()
        .find_map(|f| f.session_unix)
        .unwrap_or(cx.now_unix);
    let at_text = day(at);
    let sessions: Vec<&str> = g
        .failures
        .iter()
        .map(|f| f.report.session_id.as_str())
        .collect();
    let own = g.certificate;
    let remote = cx.logs.certificates.iter().find(|c| {
        c.role != Role::Sending
            && c.report.connector == g.connector
            && sessions.contains(&c.report.session_id.as_str())
    });
    let servers = super::log_server::servers_of_logs(
        cx,
        g.failures
            .iter()
            .map(|f| (f.report.path.as_str(), f.report.connector.as_str())),
    );
    let server = servers.first().map(String::as_str);
    let own_dates = own.and_then(|c| not_after_of(cx, c));
    let remote_dates = remote.and_then(|c| not_after_of(cx, c));
    let name = |c: &SeenCertificate| -> (String, String) {
        (
            c.report.subject.clone().unwrap_or_else(|| "?".into()),
            c.report.thumbprint.clone().unwrap_or_else(|| "?".into()),
        )
    };
    if let (Some(c), Some((na, na_text))) = (own, &own_dates) {
        if *na < at {
            let (subject, thumbprint) = name(c);
            let judged = super::validity::Judged {
                thumbprint: thumbprint.clone(),
                subject: subject.clone(),
                not_before: None,
                not_after: Some(*na),
                not_before_text: String::new(),
                not_after_text: na_text.clone(),
                at,
                from_log: true,
                self_signed: c.report.subject.is_some() && c.report.subject == c.report.issuer,
                is_ca: false,
                connector: Some(g.connector.clone()),
                evidence: Vec::new(),
                superseded: false,
                covered: false,
            };
            let fix = super::validity::renew(cx, &judged, server);
            return Whose {
                sentence: cx.fill(
                    Text::CertExpiredOwn,
                    &[
                        ("subject", subject.as_str()),
                        ("thumbprint", thumbprint.as_str()),
                        ("not_after", na_text.as_str()),
                        ("at", at_text.as_str()),
                    ],
                ),
                steps: fix.steps,
                powershell: fix.powershell.split('\n').map(str::to_string).collect(),
            };
        }
    }
    let remote_host = g
        .failures
        .first()
        .map(|f| f.report.remote_endpoint.clone())
        .filter(|e| !e.is_empty())
        .unwrap_or_else(|| format!("{}:25", ps::Placeholder::RemoteHost.bare(cx.lang)));
    let settings = connector_settings(cx, g);
    if let (Some(c), Some((na, na_text))) = (remote, &remote_dates) {
        if *na < at {
            let (subject, thumbprint) = name(c);
            return Whose {
                sentence: cx.fill(
                    Text::CertExpiredRemote,
                    &[
                        ("subject", subject.as_str()),
                        ("thumbprint", thumbprint.as_str()),
                        ("not_after", na_text.as_str()),
                        ("at", at_text.as_str()),
                    ],
                ),
                steps: vec![cx.text(Text::StepTellRemoteRenew).to_string()],
                // Inbound, nothing waits in this server's queues for it.
                powershell: if g.is_inbound(cx) {
                    vec![settings]
                } else {
                    vec![settings, ps::retry_queues_on(server)]
                },
            };
        }
    }
    let own_thumb = ps::thumbprint_or_placeholder(
        own.and_then(|c| c.report.thumbprint.as_deref()),
        &ps::placeholder(cx.lang, ps::Placeholder::Thumbprint),
    );
    let show_own = format!(
        "Get-ExchangeCertificate{} -Thumbprint {own_thumb} | Format-List Subject,Issuer,Thumbprint,NotBefore,NotAfter,Services",
        ps::server_arg(server)
    );
    let openssl = format!(
        "# openssl s_client -starttls smtp -connect {} -showcerts",
        ps::comment_text(&remote_host)
    );
    if let (Some((_, own_na)), Some((_, remote_na))) = (&own_dates, &remote_dates) {
        return Whose {
            sentence: cx.fill(
                Text::CertExpiredBothValid,
                &[
                    ("at", at_text.as_str()),
                    ("own_not_after", own_na.as_str()),
                    ("remote_not_after", remote_na.as_str()),
                ],
            ),
            steps: vec![cx.text(Text::StepCheckChains).to_string()],
            powershell: vec![show_own, openssl],
        };
    }
    let described = |c: Option<&SeenCertificate>| -> String {
        match c {
            Some(c) => {
                let (subject, thumbprint) = name(c);
                format!("{subject}, {thumbprint}")
            }
            None => cx.text(Text::CertExpiredNotLogged).to_string(),
        }
    };
    let own_text = described(own);
    let remote_text = described(remote);
    Whose {
        sentence: cx.fill(
            Text::CertExpiredUnknown,
            &[
                ("own", own_text.as_str()),
                ("remote", remote_text.as_str()),
                ("remote_host", remote_host.as_str()),
            ],
        ),
        steps: vec![
            verbose_step(cx, g),
            cx.text(Text::StepCollectBothCertificates).to_string(),
        ],
        powershell: vec![verbose_logging(cx, g), show_own, openssl],
    }
}

/// The step that turns on Verbose logging on the group's connector (Send or Receive).
fn verbose_step(cx: &Context<'_>, g: &FailureGroup<'_>) -> String {
    cx.fill(
        if g.is_inbound(cx) {
            Text::StepEnableVerboseLoggingReceive
        } else {
            Text::StepEnableVerboseLogging
        },
        &[("connector", g.connector.as_str())],
    )
}

/// `Set-SendConnector` / `Set-ReceiveConnector ... -ProtocolLoggingLevel Verbose` for the
/// group's connector (a Receive log's connector is a receive connector).
fn verbose_logging(cx: &Context<'_>, g: &FailureGroup<'_>) -> String {
    let connector = ps::connector_or_placeholder_in(cx.lang, Some(&g.connector));
    if g.is_inbound(cx) {
        ps::set_verbose_logging_receive(&connector)
    } else {
        ps::set_verbose_logging(&connector)
    }
}

/// The TLS settings of the group's connector, with the cmdlet of its kind.
fn connector_settings(cx: &Context<'_>, g: &FailureGroup<'_>) -> String {
    let connector = ps::connector_or_placeholder_in(cx.lang, Some(&g.connector));
    if g.is_inbound(cx) {
        format!("Get-ReceiveConnector -Identity {connector} | Format-List Identity,Bindings,Fqdn,RequireTLS,AuthMechanism,TlsCertificateName")
    } else {
        format!("Get-SendConnector -Identity {connector} | Format-List Name,SmartHosts,RequireTLS,TlsAuthLevel,TlsDomain,TlsCertificateName")
    }
}
