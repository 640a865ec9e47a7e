//! `ambiguous-tls-certificate-name` — the renewal trap ("Can't remove a certificate that's
//! installed in Exchange Server"): two or more distinct certificates share issuer and subject,
//! so one Send connector `TlsCertificateName` (`<I>issuer<S>subject`) matches all of them and
//! `Remove-ExchangeCertificate` refuses to remove the old one. Old/new by NotBefore (then
//! NotAfter); the safe procedure in the article's order, filled in.

use std::collections::BTreeMap;

use crate::i18n::Text;
use crate::log::cert_block::Role;
use crate::report::{Evidence, Finding, Remediation, Severity};

use super::context::{is_thumbprint, unix_of, Context};
use super::powershell as ps;

pub const ID: &str = "ambiguous-tls-certificate-name";

/// One distinct certificate in a group.
struct Member {
    thumbprint: String,
    not_before: Option<i64>,
    not_after: Option<i64>,
    not_before_text: String,
    not_after_text: String,
    evidence: Evidence,
}

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    // (issuer, subject) → distinct members by thumbprint.
    let mut groups: BTreeMap<(String, String), Vec<Member>> = BTreeMap::new();
    // Certificates that issued another dropped certificate are CAs of a chain, not TLS
    // certificates a connector names (a self-signed TLS certificate may still carry cA=true).
    let issuers: Vec<&str> = cx
        .dropped
        .iter()
        .filter(|d| d.cert.issuer != d.cert.subject)
        .map(|d| d.cert.issuer.as_str())
        .collect();
    for d in &cx.dropped {
        if d.cert.is_ca == Some(true) && issuers.contains(&d.cert.subject.as_str()) {
            continue;
        }
        let members = groups
            .entry((d.cert.issuer.clone(), d.cert.subject.clone()))
            .or_default();
        if !members
            .iter()
            .any(|m| m.thumbprint.eq_ignore_ascii_case(&d.cert.thumbprint))
        {
            members.push(Member {
                thumbprint: d.cert.thumbprint.clone(),
                not_before: d.not_before,
                not_after: d.not_after,
                not_before_text: d.cert.not_before.clone(),
                not_after_text: d.cert.not_after.clone(),
                evidence: d.evidence(),
            });
        }
    }
    for seen in &cx.logs.certificates {
        if seen.role != Role::Sending {
            continue;
        }
        let (Some(issuer), Some(subject), Some(t)) = (
            &seen.report.issuer,
            &seen.report.subject,
            &seen.report.thumbprint,
        ) else {
            continue;
        };
        if !is_thumbprint(t) {
            continue;
        }
        let members = groups.entry((issuer.clone(), subject.clone())).or_default();
        if !members.iter().any(|m| m.thumbprint.eq_ignore_ascii_case(t)) {
            let nb = seen.report.not_before.clone().unwrap_or_default();
            let na = seen.report.not_after.clone().unwrap_or_default();
            members.push(Member {
                thumbprint: t.to_ascii_uppercase(),
                not_before: unix_of(&nb),
                not_after: unix_of(&na),
                not_before_text: nb,
                not_after_text: na,
                evidence: seen.evidence.first().cloned().unwrap_or(Evidence {
                    path: seen.report.path.clone(),
                    line: seen.report.line,
                    text: String::new(),
                }),
            });
        }
    }
    for ((issuer, subject), mut members) in groups {
        if members.len() < 2 {
            continue;
        }
        members.sort_by_key(|m| (m.not_before, m.not_after));
        let Some(newest) = members.last() else {
            continue;
        };
        let name = format!("<I>{issuer}<S>{subject}");
        let old_list: Vec<String> = members[..members.len() - 1]
            .iter()
            .map(|m| {
                format!(
                    "{} ({} .. {})",
                    m.thumbprint, m.not_before_text, m.not_after_text
                )
            })
            .collect();
        let new_text = format!(
            "{} ({} .. {})",
            newest.thumbprint, newest.not_before_text, newest.not_after_text
        );
        // Which one Exchange used, when a log shows it.
        let used = cx.logs.certificates.iter().find(|s| {
            s.role == Role::Sending
                && s.report
                    .thumbprint
                    .as_deref()
                    .is_some_and(|t| members.iter().any(|m| m.thumbprint.eq_ignore_ascii_case(t)))
        });
        let count = members.len().to_string();
        let olds = old_list.join(", ");
        let vars = [
            ("count", count.as_str()),
            ("issuer", issuer.as_str()),
            ("subject", subject.as_str()),
            ("name", name.as_str()),
            ("old", olds.as_str()),
            ("new", new_text.as_str()),
        ];
        let mut explanation = cx.fill(Text::AmbiguousExplanation, &vars);
        explanation.push(' ');
        match used.and_then(|u| u.report.thumbprint.as_deref()) {
            Some(t) => explanation.push_str(&cx.fill(
                Text::AmbiguousUsedFromLog,
                &[
                    ("thumbprint", t),
                    (
                        "connector",
                        used.map(|u| u.report.connector.as_str()).unwrap_or(""),
                    ),
                ],
            )),
            None => explanation.push_str(cx.text(Text::AmbiguousUsedUnknown)),
        }
        let connectors: Vec<String> = {
            let mut c: Vec<String> = cx
                .logs
                .certificates
                .iter()
                .filter(|s| {
                    s.role == Role::Sending
                        && s.report.issuer.as_deref() == Some(issuer.as_str())
                        && s.report.subject.as_deref() == Some(subject.as_str())
                })
                .map(|s| s.report.connector.clone())
                .filter(|c| !c.contains('\\'))
                .collect();
            c.dedup();
            c
        };
        let mut ps_lines = vec![
            "Get-ExchangeCertificate | Format-List FriendlyName,Subject,Issuer,CertificateDomains,Thumbprint,NotBefore,NotAfter".to_string(),
            format!(
                "$connectors = Get-SendConnector | Where-Object {{{} -eq {}}}",
                ps::CONNECTOR_TLS_NAME,
                ps::quote(&name)
            ),
            "$connectors | Format-List Identity,SourceTransportServers".to_string(),
            "Stop-Service MSExchangeTransport".to_string(),
            "$connectors | ForEach-Object { Set-SendConnector -Identity $_.Identity -TlsCertificateName $Null }".to_string(),
        ];
        for m in &members[..members.len() - 1] {
            ps_lines.push(format!(
                "Remove-ExchangeCertificate -Server $env:COMPUTERNAME -Thumbprint {}",
                ps::quote(&m.thumbprint)
            ));
        }
        ps_lines.push(format!(
            "$cert = Get-ExchangeCertificate -Thumbprint {}",
            ps::quote(&newest.thumbprint)
        ));
        ps_lines.push(format!("$tlscertificatename = {}", ps::CERT_TLS_NAME));
        ps_lines.push("$connectors | ForEach-Object { Set-SendConnector -Identity $_.Identity -TlsCertificateName $tlscertificatename }".to_string());
        ps_lines.push("Start-Service MSExchangeTransport".to_string());
        let steps = vec![
            cx.text(Text::StepAmbiguousList).to_string(),
            cx.fill(
                Text::StepAmbiguousFindConnectors,
                &[("name", name.as_str())],
            ),
            cx.text(Text::StepAmbiguousStopTransport).to_string(),
            cx.text(Text::StepAmbiguousClearName).to_string(),
            cx.fill(Text::StepAmbiguousRemoveOld, &[("old", olds.as_str())]),
            cx.fill(
                Text::StepAmbiguousSetName,
                &[("thumbprint", newest.thumbprint.as_str())],
            ),
            cx.text(Text::StepAmbiguousStartTransport).to_string(),
        ];
        out.push(Finding {
            id: ID.into(),
            severity: Severity::Warning,
            title: cx.fill(Text::AmbiguousTitle, &vars),
            explanation,
            evidence: members
                .iter()
                .map(|m| m.evidence.clone())
                .take(crate::limits::MAX_EVIDENCE_PER_FINDING)
                .collect(),
            thumbprints: members.iter().map(|m| m.thumbprint.clone()).collect(),
            connectors,
            remediation: Some(Remediation {
                steps,
                powershell: ps_lines.join("\n"),
            }),
        });
    }
}
