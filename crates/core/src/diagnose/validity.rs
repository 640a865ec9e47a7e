//! Shared by the three validity rules: each certificate's validity period judged at the right
//! moment — the time of the log session for a certificate named in a log, `now` for a dropped
//! file (core has no clock: `now` comes in).

use crate::i18n::Text;
use crate::ids::FindingId;
use crate::log::cert_block::Role;
use crate::report::{Evidence, Finding, Remediation, Severity};

use super::context::{is_thumbprint, unix_of, Context};
use super::powershell as ps;

/// One certificate with its dates and the moment to judge them at.
pub struct Judged {
    pub thumbprint: String,
    pub subject: String,
    pub not_before: Option<i64>,
    pub not_after: Option<i64>,
    pub not_before_text: String,
    pub not_after_text: String,
    /// Unix seconds the certificate is judged at.
    pub at: i64,
    /// `at` comes from a log session (else: now).
    pub from_log: bool,
    pub self_signed: bool,
    pub is_ca: bool,
    pub connector: Option<String>,
    pub evidence: Vec<Evidence>,
}

impl Judged {
    /// A finding about this one certificate: its thumbprint, connector and evidence filled in.
    pub fn finding(
        &self,
        id: FindingId,
        severity: Severity,
        title: String,
        explanation: String,
        remediation: Remediation,
    ) -> Finding {
        Finding {
            id,
            severity,
            title,
            explanation,
            evidence: self.evidence.clone(),
            thumbprints: if self.thumbprint.is_empty() {
                Vec::new()
            } else {
                vec![self.thumbprint.clone()]
            },
            connectors: self.connector.clone().into_iter().collect(),
            remediation: Some(remediation),
        }
    }
}

/// Every certificate once per (thumbprint, moment kind).
pub fn judged(cx: &Context<'_>, use_first_session: bool) -> Vec<Judged> {
    let mut out: Vec<Judged> = Vec::new();
    for d in &cx.dropped {
        if out
            .iter()
            .any(|j| !j.from_log && j.thumbprint == d.cert.thumbprint)
        {
            continue;
        }
        out.push(Judged {
            thumbprint: d.cert.thumbprint.clone(),
            subject: d.cert.subject.clone(),
            not_before: d.not_before,
            not_after: d.not_after,
            not_before_text: d.cert.not_before.clone(),
            not_after_text: d.cert.not_after.clone(),
            at: cx.now_unix,
            from_log: false,
            self_signed: d.cert.self_signed,
            is_ca: d.cert.is_ca == Some(true),
            connector: None,
            evidence: vec![d.evidence()],
        });
    }
    for seen in &cx.logs.certificates {
        if seen.role != Role::Sending {
            continue;
        }
        let at = if use_first_session {
            seen.first_seen_unix
        } else {
            seen.last_seen_unix
        };
        let Some(at) = at else { continue };
        // Dates from the log row (one-row shape) or from the dropped file holding it.
        let dropped = cx.dropped_for(seen);
        let (nb_text, na_text) = match (
            &seen.report.not_before,
            &seen.report.not_after,
            dropped.first(),
        ) {
            (Some(nb), Some(na), _) => (nb.clone(), na.clone()),
            (_, _, Some(d)) => (d.cert.not_before.clone(), d.cert.not_after.clone()),
            _ => continue,
        };
        let thumbprint = seen
            .report
            .thumbprint
            .clone()
            .filter(|t| is_thumbprint(t))
            .unwrap_or_default();
        let subject = seen.report.subject.clone().unwrap_or_default();
        out.push(Judged {
            thumbprint,
            self_signed: seen.report.subject.is_some() && seen.report.subject == seen.report.issuer,
            subject,
            not_before: unix_of(&nb_text),
            not_after: unix_of(&na_text),
            not_before_text: nb_text,
            not_after_text: na_text,
            at,
            from_log: true,
            is_ca: false,
            connector: Some(seen.report.connector.clone()),
            evidence: seen.evidence.clone(),
        });
    }
    out
}

/// RFC 3339 date (day precision) of a Unix time, for messages.
pub fn day(unix: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .map(|d| format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day()))
        .unwrap_or_default()
}

/// Renew (CA-issued: a renewal request; self-signed: a new self-signed certificate), then
/// enable the new certificate for SMTP.
pub fn renew(cx: &Context<'_>, j: &Judged) -> Remediation {
    let thumb = if is_thumbprint(&j.thumbprint) {
        ps::quote(&j.thumbprint)
    } else {
        "'<Thumbprint>'".to_string()
    };
    let first = if j.self_signed {
        format!("Get-ExchangeCertificate -Thumbprint {thumb} | New-ExchangeCertificate -Force -PrivateKeyExportable $true")
    } else {
        format!(
            "$request = Get-ExchangeCertificate -Thumbprint {thumb} | New-ExchangeCertificate -GenerateRequest\n[System.IO.File]::WriteAllBytes('C:\\Temp\\renewal.req', [System.Text.Encoding]::Unicode.GetBytes($request))"
        )
    };
    Remediation {
        steps: vec![
            cx.text(if j.self_signed {
                Text::StepRenewSelfSigned
            } else {
                Text::StepRenewCaIssued
            })
            .to_string(),
            cx.text(Text::StepImportValidCertificate).to_string(),
            cx.text(Text::StepEnableSmtpAnswerNo).to_string(),
            cx.text(Text::StepRemoveOldAfterRenewal).to_string(),
        ],
        powershell: [
            first,
            ps::import_pfx("C:\\Temp\\<renewed-certificate>.pfx"),
            ps::enable_smtp("'<NewThumbprint>'"),
        ]
        .join("\n"),
    }
}

/// The evidence line of a dropped file's certificate for the file checks (signature, key,
/// key usage, chain, SAN coverage): thumbprint, subject, issuer, signature algorithm, key.
pub fn file_evidence(
    f: &crate::report::FileReport,
    c: &crate::report::CertificateReport,
) -> Evidence {
    Evidence {
        path: f.path.clone(),
        line: 0,
        text: format!(
            "{} | {} | {} | {} | {}",
            c.thumbprint, c.subject, c.issuer, c.signature_algorithm_oid, c.public_key
        ),
    }
}
