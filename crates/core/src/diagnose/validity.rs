//! Shared by the three validity rules: each certificate's validity period judged at the right
//! moment — the time of the log session for a certificate named in a log, `now` for a dropped
//! file or a certificate the server printed in a pasted listing (core has no clock: `now`
//! comes in). One family over every certificate of the evidence model, whatever its source.

use crate::evidence::SourceKind;
use crate::i18n::Text;
use crate::ids::FindingId;
use crate::log::cert_block::Role;
use crate::paste::values::dn_key;
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
    /// A file or listing also holds a certificate with the same subject and a later NotAfter
    /// (a renewal): Exchange picks that one, so this one's expiry is not a finding.
    pub superseded: bool,
    /// A file or listing also holds a certificate with the same subject that is valid at `at`:
    /// this one not being valid yet is a renewal waiting, not a finding.
    pub covered: bool,
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

/// A dropped file (judged through `cx.dropped`).
fn is_file(kind: SourceKind) -> bool {
    matches!(
        kind,
        SourceKind::CertificateFile | SourceKind::Pkcs7 | SourceKind::Pfx
    )
}

/// Every certificate once per (thumbprint, moment kind): dropped files and pasted listings
/// at `now`, certificates a log names at the time of its session.
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
            superseded: false,
            covered: false,
        });
    }
    // Certificates the server printed (a pasted `Get-ExchangeCertificate` or `Cert:` listing)
    // and no file holds: judged at `now` like a dropped file, by the dates the shell printed.
    // Those whose subject the listing does not show (`ft FriendlyName,Thumbprint,NotAfter`,
    // a cut subject) are no renewal of one another: their shown "?" is no subject.
    let mut subject_unknown: Vec<usize> = Vec::new();
    for c in &cx.evidence.certificates {
        let pasted: Vec<Evidence> = c
            .sources
            .iter()
            .filter(|s| {
                matches!(
                    s.kind,
                    SourceKind::ExchangeListing | SourceKind::CertificateStore
                )
            })
            .map(|s| s.evidence.clone())
            .collect();
        if pasted.is_empty() || c.sources.iter().any(|s| is_file(s.kind)) {
            continue;
        }
        let thumbprint = c
            .thumbprint
            .clone()
            .filter(|t| is_thumbprint(t))
            .unwrap_or_default();
        if !thumbprint.is_empty()
            && out
                .iter()
                .any(|j| !j.from_log && j.thumbprint.eq_ignore_ascii_case(&thumbprint))
        {
            continue;
        }
        if c.not_before.is_none() && c.not_after.is_none() {
            continue;
        }
        if c.subject.is_none() {
            subject_unknown.push(out.len());
        }
        out.push(Judged {
            thumbprint,
            // A subject the paste cut short (`Format-Table`'s `...`) is not shown at all.
            // Without a subject, the FriendlyName the listing shows names it.
            subject: c.subject.clone().unwrap_or_else(|| match &c.friendly_name {
                Some(f) => format!("\"{f}\""),
                None => {
                    crate::catalogue::text::msg(cx.lang, crate::catalogue::text::Msg::UnknownValue)
                        .to_string()
                }
            }),
            not_before: c.not_before,
            not_after: c.not_after,
            not_before_text: c.not_before_text.clone().unwrap_or_default(),
            not_after_text: c.not_after_text.clone().unwrap_or_default(),
            at: cx.now_unix,
            from_log: false,
            self_signed: c
                .self_signed
                .unwrap_or(c.subject.is_some() && c.subject == c.issuer),
            is_ca: c.is_ca == Some(true),
            connector: None,
            evidence: pasted,
            superseded: false,
            covered: false,
        });
    }
    // Renewals: among the certificates given (not log sessions) with one subject.
    let given: Vec<(String, Option<i64>, Option<i64>, i64)> = out
        .iter()
        .enumerate()
        .map(|(i, j)| {
            let key = if subject_unknown.contains(&i) {
                String::new()
            } else {
                dn_key(&j.subject)
            };
            (key, j.not_before, j.not_after, j.at)
        })
        .collect();
    for (i, j) in out.iter_mut().enumerate() {
        let key = &given[i].0;
        if key.is_empty() {
            continue;
        }
        for (k, (other, nb, na, _)) in given.iter().enumerate() {
            if k == i || other != key {
                continue;
            }
            if let (Some(mine), Some(theirs)) = (j.not_after, *na) {
                j.superseded |= theirs > mine;
            }
            j.covered |= nb.is_none_or(|nb| nb <= j.at) && na.is_some_and(|na| na > j.at);
        }
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
            superseded: false,
            covered: false,
        });
    }
    out
}

/// The server a judged certificate is on, when the inputs tell: the server of the log that
/// names it (its path or connector), else the one server the inputs name. Several or none:
/// `None` (the fix then shows the placeholder).
pub fn server_of(cx: &Context<'_>, j: &Judged) -> Option<String> {
    if j.from_log {
        let connector = j.connector.as_deref().unwrap_or("");
        if let Some(s) = j
            .evidence
            .iter()
            .find_map(|e| super::log_server::server_of_log(cx, &e.path, connector))
        {
            return Some(s);
        }
    }
    let servers = crate::catalogue::cx::Cx::of(cx).servers;
    match servers.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

/// RFC 3339 date (day precision) of a Unix time, for messages.
pub fn day(unix: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix)
        .map(|d| format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day()))
        .unwrap_or_default()
}

/// Renew (CA-issued: a renewal request; self-signed: a new self-signed certificate), then
/// enable the new certificate for SMTP.
pub fn renew(cx: &Context<'_>, j: &Judged, server: Option<&str>) -> Remediation {
    let thumb = if is_thumbprint(&j.thumbprint) {
        ps::quote(&j.thumbprint)
    } else {
        ps::placeholder(cx.lang, ps::Placeholder::Thumbprint)
    };
    if j.is_ca {
        // A CA certificate is replaced by the CA's current one in the CA (or Root) store; a
        // request from Exchange (`New-ExchangeCertificate -GenerateRequest`) makes no CA.
        let store = if j.self_signed { "Root" } else { "CA" };
        return Remediation {
            steps: vec![cx.text(Text::StepReplaceCaCertificate).to_string()],
            powershell: [
                format!("Get-ChildItem -Path Cert:\\LocalMachine\\{store} | Where-Object {{$_.Thumbprint -eq {thumb}}} | Format-List Subject,Issuer,Thumbprint,NotAfter"),
                format!("Import-Certificate -FilePath 'C:\\Certs\\current-ca.cer' -CertStoreLocation Cert:\\LocalMachine\\{store}"),
                format!("Get-ChildItem -Path Cert:\\LocalMachine\\{store} | Where-Object {{$_.Thumbprint -eq {thumb}}} | Remove-Item"),
            ]
            .join("\n"),
        };
    }
    // The server holding the certificate (a log's path, the connector's server, the one
    // server the inputs name), else the placeholder the other fixes use.
    let on = ps::server_or_placeholder(cx.lang, server);
    let new_thumb = ps::placeholder(cx.lang, ps::Placeholder::NewThumbprint);
    let pfx_path = format!(
        "C:\\Temp\\{}.pfx",
        ps::Placeholder::RenewedCertificate.bare(cx.lang)
    );
    let first = if j.self_signed {
        format!("Get-ExchangeCertificate {on} -Thumbprint {thumb} | New-ExchangeCertificate {on} -Force -PrivateKeyExportable $true")
    } else {
        format!(
            "$request = Get-ExchangeCertificate {on} -Thumbprint {thumb} | New-ExchangeCertificate {on} -GenerateRequest\n[System.IO.File]::WriteAllBytes('C:\\Temp\\renewal.req', [System.Text.Encoding]::Unicode.GetBytes($request))"
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
            ps::import_pfx_with(cx.lang, &format!(" {on}"), &pfx_path),
            format!("Enable-ExchangeCertificate {on} -Thumbprint {new_thumb} -Services SMTP"),
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
