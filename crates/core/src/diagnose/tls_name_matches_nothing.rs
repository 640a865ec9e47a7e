//! `tls-certificate-name-matches-nothing`: a connector's TlsCertificateName (or the name
//! in an Event 12014) matches none of the certificates pasted or dropped — the Event 12014
//! story. When a certificate has the same subject under another issuer (a renewal through a
//! new intermediate), it is named and the connector is pointed at it.

use crate::catalogue::clues::Clue;
use crate::ids::FindingId;

use super::receive_connector_starttls_certificate_missing::same_event;

use super::paste_view::{exchange_choice, KnownCert};
use super::paste_view::{ps_comment_text, ps_hex, PasteView};
use crate::diagnose::powershell::CERT_TLS_NAME;
use crate::paste::event::EventMeaning;
use crate::paste::tls_certificate_name;
use crate::paste::values::dn_key;
use crate::report::{Evidence, Finding, Remediation, Severity};

pub const ID: FindingId = FindingId::TlsCertificateNameMatchesNothing;

pub fn check(cx: &super::Context<'_>, out: &mut Vec<Finding>) {
    out.extend(findings(&cx.paste, &cx.evidence.clues));
}

/// `clue` is an Event 12014 that a finding of this rule in `out` already carries as evidence
/// (the same paste, the same message: the event reader keeps the message, the clue reader the
/// line or the wrapped lines it spans, so [`same_event`] compares them with their white space
/// collapsed).
pub fn reports_event(out: &[Finding], clue: &Clue) -> bool {
    out.iter()
        .filter(|f| f.id == ID)
        .flat_map(|f| &f.evidence)
        .any(|e| same_event(&e.path, &e.text, clue))
}

/// `clues`: an Event 12014 that the failure catalogue reads too (its row #5,
/// `receive-connector-starttls-certificate-missing`, which points the connector at a
/// certificate) is reported here only when this rule knows more: the event names the same
/// certificate as a pasted connector, or the certificate is there but not enabled for SMTP.
pub fn findings(ctx: &PasteView<'_>, clues: &[Clue]) -> Vec<Finding> {
    let t = ctx.text;
    let now = ctx.now_unix;
    let known_with_names = ctx.known.iter().filter(|c| c.subject.is_some()).count();
    let mut findings: Vec<(String, Finding)> = Vec::new();

    for (path, connector) in &ctx.connectors {
        let Some(name) = &connector.tls_certificate_name_parsed else {
            continue;
        };
        let (Some(issuer), Some(subject)) = (&name.issuer, &name.subject) else {
            continue;
        };
        // A certificate whose subject or issuer the paste did not show may be the one named:
        // "matches nothing" is then not known (the listing to paste is in `insufficient-evidence`).
        if !name.is_well_formed()
            || known_with_names == 0
            || ctx.known.iter().any(|c| c.may_match_names(issuer, subject))
        {
            continue;
        }
        let same_subject: Vec<&KnownCert> = ctx
            .known
            .iter()
            .filter(|c| c.has_subject(subject))
            .collect();
        let candidate = exchange_choice(&same_subject, now);
        let display = connector.display_name();
        let mut ps = Vec::new();
        match candidate.and_then(|c| c.thumbprint.as_deref()) {
            Some(thumbprint) => {
                ps.push(t.ps_comment_find_cert.to_string());
                ps.push(format!("$cert = Get-ExchangeCertificate -Thumbprint {}", ps_hex(thumbprint)));
                ps.push(t.ps_comment_set_name.to_string());
                ps.extend(crate::diagnose::powershell::set_connector(
                    ctx.lang,
                    connector,
                    &format!("-TlsCertificateName {CERT_TLS_NAME}"),
                ));
                if let Some(v) = candidate.and_then(|c| Some(tls_certificate_name::build(c.issuer.as_deref()?, c.subject.as_deref()?))) {
                    ps.push(format!("# = {}", ps_comment_text(&v)));
                }
                // Pointed at, it must also serve SMTP (else UnknownCredentials).
                if candidate.is_some_and(|c| c.has_smtp() == Some(false)) {
                    ps.push(t.ps_comment_enable_smtp.to_string());
                    ps.push(format!("Enable-ExchangeCertificate -Thumbprint {} -Services SMTP", ps_hex(thumbprint)));
                }
                ps.push(t.ps_comment_restart.to_string());
                ps.push("Restart-Service MSExchangeTransport".into());
            }
            None => ps.push("Get-ExchangeCertificate | Format-List FriendlyName,Subject,Issuer,CertificateDomains,Thumbprint,NotBefore,NotAfter,HasPrivateKey,Services".into()),
        }
        let evidence = ctx
            .output_of(connector)
            .map(|o| ctx.connector_evidence(path, connector, o))
            .into_iter()
            .collect();
        findings.push((
            dn_key(&name.value),
            Finding {
                id: ID,
                severity: Severity::Error,
                title: (t.no_match_title)(&display),
                explanation: {
                    let mut e = (t.no_match_explanation)(
                        Some(&display),
                        &name.value,
                        known_with_names,
                        candidate.map(|c| ctx.label(c)).as_deref(),
                    );
                    if let Some(c) = candidate.filter(|c| c.has_smtp() == Some(false)) {
                        e.push(' ');
                        e.push_str(&(t.no_match_not_smtp)(&ctx.label(c)));
                    }
                    e
                },
                evidence,
                thumbprints: candidate
                    .and_then(|c| c.thumbprint.clone())
                    .into_iter()
                    .collect(),
                connectors: vec![display],
                remediation: Some(Remediation {
                    steps: {
                        let mut steps = (t.no_match_steps)(candidate.is_some());
                        if candidate.is_some_and(|c| c.has_smtp() == Some(false)) {
                            let at = steps.len().saturating_sub(1);
                            steps.splice(at..at, (t.no_smtp_steps)().into_iter().take(1));
                        }
                        steps
                    },
                    powershell: ps.join("\n"),
                }),
            },
        ));
    }

    // Event 12014: the server's own word that a name matched nothing in its store.
    for source in ctx.pastes {
        for event in &source.output.events {
            let EventMeaning::CertificateNotFound {
                name, connector, ..
            } = &event.meaning
            else {
                continue;
            };
            let evidence = Evidence {
                path: source.path.to_string(),
                line: event.line,
                text: event.message.chars().take(300).collect(),
            };
            let key = dn_key(name);
            if let Some((_, f)) = findings.iter_mut().find(|(k, _)| *k == key) {
                f.evidence.push(evidence);
                continue;
            }
            let parsed = tls_certificate_name::parse(name);
            let fits = |c: &KnownCert| match (&parsed.issuer, &parsed.subject) {
                (Some(i), Some(s)) if parsed.is_well_formed() => c.matches_names(i, s),
                _ => c.covers_host(name),
            };
            if ctx
                .known
                .iter()
                .any(|c| fits(c) && c.has_smtp() != Some(false))
            {
                continue;
            }
            // The certificate is there but not enabled for SMTP: the event's own second cause.
            let not_smtp: Vec<&KnownCert> = ctx
                .known
                .iter()
                .filter(|c| fits(c) && c.has_smtp() == Some(false))
                .collect();
            let not_smtp = exchange_choice(&not_smtp, now);
            if not_smtp.is_none()
                && clues
                    .iter()
                    .any(|c| same_event(source.path, &event.message, c))
            {
                continue;
            }
            // "None of the N certificates fits this name" is not said when one fits but lacks
            // SMTP: the sentence about that one follows.
            let counted = if not_smtp.is_some() {
                0
            } else {
                known_with_names
            };
            let mut explanation =
                (t.no_match_explanation)(connector.as_deref(), name, counted, None);
            let (steps, powershell) = match not_smtp {
                Some(c) => {
                    explanation.push(' ');
                    explanation.push_str(&(t.no_match_not_smtp)(&ctx.label(c)));
                    let ps = [
                        t.ps_comment_enable_smtp.to_string(),
                        format!("Enable-ExchangeCertificate -Thumbprint {} -Services SMTP", ps_hex(c.thumbprint_or_unknown())),
                        t.ps_comment_restart.to_string(),
                        "Restart-Service MSExchangeTransport".to_string(),
                    ];
                    ((t.no_smtp_steps)(), ps.join("\n"))
                }
                None => (
                    (t.no_match_steps)(false),
                    "Get-ExchangeCertificate | Format-List FriendlyName,Subject,Issuer,CertificateDomains,Thumbprint,NotBefore,NotAfter,HasPrivateKey,Services".into(),
                ),
            };
            let mut connectors: Vec<String> = connector.iter().cloned().collect();
            connectors.dedup();
            findings.push((
                key,
                Finding {
                    id: ID,
                    severity: Severity::Error,
                    title: (t.no_match_event_title)(name),
                    explanation,
                    evidence: vec![evidence],
                    thumbprints: not_smtp
                        .and_then(|c| c.thumbprint.clone())
                        .into_iter()
                        .collect(),
                    connectors,
                    remediation: Some(Remediation { steps, powershell }),
                },
            ));
        }
    }
    findings.into_iter().map(|(_, f)| f).collect()
}
