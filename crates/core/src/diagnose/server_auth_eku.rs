//! `certificate-missing-server-auth-eku`: a certificate limits its use with an Extended Key
//! Usage extension (RFC 5280 §4.2.1.12) that lacks Server Authentication (1.3.6.1.5.5.7.3.1),
//! so Windows will not use it for SMTP TLS. Checked for dropped end-entity certificates.

use crate::ids::FindingId;

use crate::i18n::Text;
use crate::report::{Finding, Remediation, Severity};

use super::context::Context;

pub const ID: FindingId = FindingId::CertificateMissingServerAuthEku;

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut done: Vec<&str> = Vec::new();
    for d in &cx.dropped {
        let ekus = &d.cert.extended_key_usages;
        if d.cert.is_ca == Some(true)
            || ekus.is_empty()
            || done.contains(&d.cert.thumbprint.as_str())
        {
            continue;
        }
        let ok = ekus.iter().any(|e| {
            matches!(
                e.as_str(),
                "serverAuth" | "1.3.6.1.5.5.7.3.1" | "anyExtendedKeyUsage" | "2.5.29.37.0"
            )
        });
        if ok {
            continue;
        }
        done.push(&d.cert.thumbprint);
        let list = ekus.join(", ");
        let vars = [
            ("subject", d.cert.subject.as_str()),
            ("thumbprint", d.cert.thumbprint.as_str()),
            ("ekus", list.as_str()),
        ];
        out.push(Finding {
            id: ID,
            severity: Severity::Warning,
            title: cx.fill(Text::EkuTitle, &vars),
            explanation: cx.fill(Text::EkuExplanation, &vars),
            evidence: vec![d.evidence()],
            thumbprints: vec![d.cert.thumbprint.clone()],
            connectors: Vec::new(),
            remediation: Some(Remediation {
                steps: vec![cx.text(Text::StepRequestServerAuth).to_string()],
                powershell: format!(
                    "Get-ExchangeCertificate -Thumbprint {} | Format-List Subject,CertificateDomains,EnhancedKeyUsageList",
                    super::powershell::quote(&d.cert.thumbprint)
                ),
            }),
        });
    }
}
