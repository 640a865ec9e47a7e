//! `certificate-name-mismatch`: the name this server announces on a connector (EHLO on a Send
//! connector, the 220 banner on a Receive connector) is not covered by the certificate it
//! offers there (subject CN or subject alternative names; `*.` wildcards cover one label,
//! RFC 6125 §6.4.3).

use crate::ids::FindingId;

use crate::i18n::Text;
use crate::log::cert_block::Role;
use crate::report::{Finding, Remediation, Severity};

use super::context::Context;
use super::powershell as ps;

pub const ID: FindingId = FindingId::CertificateNameMismatch;

/// Does `pattern` (a DNS name, maybe `*.x`) cover `host`?
pub fn covers(pattern: &str, host: &str) -> bool {
    let p = pattern.trim().trim_end_matches('.').to_ascii_lowercase();
    let h = host.trim().trim_end_matches('.').to_ascii_lowercase();
    if let Some(suffix) = p.strip_prefix("*.") {
        match h.split_once('.') {
            Some((label, rest)) => !label.is_empty() && rest == suffix,
            None => false,
        }
    } else {
        p == h
    }
}

/// `CN=host, O=...` → `host`.
fn common_name(dn: &str) -> Option<&str> {
    dn.split(", ")
        .find_map(|rdn| rdn.strip_prefix("CN="))
        .map(|v| v.trim_matches('"'))
}

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for seen in &cx.logs.certificates {
        if seen.role != Role::Sending {
            continue;
        }
        let Some(connector) = cx
            .logs
            .connectors
            .iter()
            .find(|c| c.name == seen.report.connector)
        else {
            continue;
        };
        let Some(host) = connector.local_name.as_deref() else {
            continue;
        };
        if !host.contains('.') || host.starts_with('[') {
            continue;
        }
        let mut names: Vec<String> = seen.report.alternate_names.clone();
        for d in cx.dropped_for(seen) {
            names.extend(d.cert.dns_names.iter().cloned());
        }
        if let Some(cn) = seen.report.subject.as_deref().and_then(common_name) {
            names.push(cn.to_string());
        }
        if names.is_empty() || names.iter().any(|n| covers(n, host)) {
            continue;
        }
        let list = names.join(", ");
        let thumb = seen.report.thumbprint.clone().unwrap_or_default();
        let vars = [
            ("host", host),
            ("names", list.as_str()),
            ("thumbprint", thumb.as_str()),
            ("connector", connector.name.as_str()),
        ];
        out.push(Finding {
            id: ID,
            severity: Severity::Warning,
            title: cx.fill(Text::NameMismatchTitle, &vars),
            explanation: cx.fill(Text::NameMismatchExplanation, &vars),
            evidence: seen.evidence.clone(),
            thumbprints: if thumb.is_empty() {
                Vec::new()
            } else {
                vec![thumb.clone()]
            },
            connectors: vec![connector.name.clone()],
            remediation: Some(Remediation {
                steps: vec![cx.fill(Text::StepCheckFqdn, &[("host", host)])],
                powershell: if connector.name.contains('\\') {
                    format!(
                        "Get-ReceiveConnector -Identity {} | Format-List Fqdn,TlsCertificateName",
                        ps::quote(&connector.name)
                    )
                } else {
                    format!(
                        "Get-SendConnector -Identity {} | Format-List Fqdn,TlsCertificateName",
                        ps::quote(&connector.name)
                    )
                },
            }),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::covers;

    #[test]
    fn wildcards_cover_one_label() {
        assert!(covers("*.contoso.com", "mail.contoso.com"));
        assert!(!covers("*.contoso.com", "a.b.contoso.com"));
        assert!(!covers("*.contoso.com", "contoso.com"));
        assert!(covers("Mail.Contoso.com.", "mail.contoso.com"));
    }
}
