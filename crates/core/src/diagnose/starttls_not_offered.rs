//! `starttls-not-offered`: on a Receive connector, this server answered EHLO without offering
//! STARTTLS and no session negotiated TLS. Exchange offers STARTTLS only when it finds a valid
//! certificate with its private key for the connector's FQDN (or its TlsCertificateName), so a
//! missing, expired or key-less certificate shows up here first; senders that require TLS then
//! give up (`451 5.7.3 STARTTLS is required`).

use crate::ids::FindingId;

use crate::i18n::Text;
use crate::log::facts::Direction;
use crate::report::{Finding, Remediation, Severity};

use super::context::Context;
use super::powershell as ps;

pub const ID: FindingId = FindingId::StarttlsNotOffered;

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    no_tls_mechanism(cx, out);
    for c in &cx.logs.connectors {
        if c.direction != Direction::Receive
            || c.starttls_advertised > 0
            || c.tls_succeeded > 0
            || c.ehlo_without_starttls == 0
        {
            continue;
        }
        let count = c.ehlo_without_starttls.to_string();
        let host = c.local_name.clone().unwrap_or_else(|| "?".into());
        let vars = [
            ("connector", c.name.as_str()),
            ("count", count.as_str()),
            ("host", host.as_str()),
        ];
        out.push(Finding {
            id: ID,
            severity: Severity::Warning,
            title: cx.fill(Text::StartTlsNotOfferedTitle, &vars),
            explanation: cx.fill(Text::StartTlsNotOfferedExplanation, &vars),
            evidence: c.ehlo_without_starttls_evidence.clone().into_iter().collect(),
            thumbprints: Vec::new(),
            connectors: vec![c.name.clone()],
            remediation: Some(Remediation {
                steps: vec![cx.fill(Text::StepCheckReceiveCertificate, &vars)],
                powershell: [
                    format!("Get-ReceiveConnector -Identity {} | Format-List Fqdn,TlsCertificateName,AuthMechanism", ps::quote(&c.name)),
                    "Get-ExchangeCertificate | Where-Object {$_.Services -match 'SMTP'} | Format-List Subject,CertificateDomains,Thumbprint,HasPrivateKey,NotAfter".to_string(),
                ]
                .join("\n"),
            }),
        });
    }
}

/// A pasted receive connector whose `AuthMechanism` lacks `Tls` (`None`, `Integrated,
/// BasicAuth`, ...): Exchange does not advertise STARTTLS on it (Set-ReceiveConnector
/// `-AuthMechanism`: "Tls: Advertise STARTTLS to enable TLS authentication").
fn no_tls_mechanism(cx: &Context<'_>, out: &mut Vec<Finding>) {
    use crate::catalogue::text::{msg, Msg};
    use crate::i18n::fill;
    use crate::paste::connector::ConnectorKind;
    for (path, conn) in &cx.paste.connectors {
        if conn.kind != ConnectorKind::Receive
            || conn.auth_mechanism.is_empty()
            || conn
                .auth_mechanism
                .iter()
                .any(|m| m.eq_ignore_ascii_case("Tls"))
        {
            continue;
        }
        let identity = conn.set_identity();
        let mechanisms = conn.auth_mechanism.join(", ");
        let mut wanted = vec!["Tls".to_string()];
        wanted.extend(
            conn.auth_mechanism
                .iter()
                .filter(|m| !m.eq_ignore_ascii_case("None"))
                .cloned(),
        );
        let vars = [
            ("connector", identity.as_str()),
            ("mechanisms", mechanisms.as_str()),
        ];
        let evidence = cx
            .paste
            .output_of(conn)
            .map(|o| crate::report::Evidence {
                path: path.to_string(),
                line: conn.line,
                text: o.line_text(conn.line).to_string(),
            })
            .into_iter()
            .collect();
        // `None` alone is the anonymous relay for printers and scanners, mostly meant so.
        let only_none = conn
            .auth_mechanism
            .iter()
            .all(|m| m.eq_ignore_ascii_case("None"));
        out.push(Finding {
            id: ID,
            severity: if only_none {
                Severity::Info
            } else {
                Severity::Warning
            },
            title: fill(msg(cx.lang, Msg::NoTlsMechanismTitle), &vars),
            explanation: fill(msg(cx.lang, Msg::NoTlsMechanism), &vars),
            evidence,
            thumbprints: Vec::new(),
            connectors: vec![identity.clone()],
            remediation: Some(Remediation {
                steps: vec![fill(msg(cx.lang, Msg::NoTlsMechanismStep), &vars)],
                powershell: [
                    format!(
                        "Set-ReceiveConnector -Identity {} -AuthMechanism {}",
                        ps::quote(&identity),
                        ps::quote(&wanted.join(","))
                    ),
                    format!(
                        "Get-ReceiveConnector -Identity {} | Format-List Fqdn,TlsCertificateName,AuthMechanism",
                        ps::quote(&identity)
                    ),
                ]
                .join("\n"),
            }),
        });
    }
}
