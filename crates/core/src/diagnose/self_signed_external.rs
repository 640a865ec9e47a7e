//! `self-signed-certificate-external`: this server offers a self-signed certificate (issuer =
//! subject) on a Send connector that talks to the internet or Office 365, where partners and
//! Exchange Online expect a certificate from a public CA (the hybrid connector matches it by name).
//!
//! Dropped certificate files (issue 13, item 4): a file's certificate that a pasted
//! internet-facing connector's TlsCertificateName names is reported when it is self-signed
//! (certain: issuer = subject) or, worded as a name check, when neither its issuer nor any
//! issuer of the chain given is a public CA tlsdoctor knows by name ([`PUBLIC_CA_NAMES`]; no
//! root store is shipped, so "private CA" is said conservatively and honestly).

use crate::ids::FindingId;

use crate::i18n::Text;
use crate::log::cert_block::Role;
use crate::log::facts::Direction;
use crate::report::{Finding, Remediation, Severity};

use crate::exchange::cert_choice::same_dn;
use crate::paste::connector::{ConnectorKind, PastedConnector};
use crate::report::{CertificateReport, Evidence};

use super::context::{Context, DroppedCert};
use super::powershell as ps;

pub const ID: FindingId = FindingId::SelfSignedCertificateExternal;

/// A Send connector that leaves the organisation: its name says so, or the remote greeted as Office 365.
fn is_external(cx: &Context<'_>, connector: &str) -> bool {
    let name = connector.to_ascii_lowercase();
    let by_name = [
        "office 365",
        "o365",
        "internet",
        "outbound",
        "exchange online",
        "hybrid",
    ]
    .iter()
    .any(|k| name.contains(k));
    let by_remote = cx.logs.connectors.iter().any(|c| {
        c.name == connector
            && c.direction == Direction::Send
            && c.remote_banners
                .iter()
                .any(|b| b.to_ascii_lowercase().ends_with(".outlook.com"))
    });
    by_name || by_remote
}

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    from_logs(cx, out);
    from_files(cx, out);
}

fn from_logs(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for seen in &cx.logs.certificates {
        if seen.role != Role::Sending || seen.direction != Direction::Send {
            continue;
        }
        let dropped = cx.dropped_for(seen);
        let self_signed = match dropped.first() {
            Some(d) => d.cert.self_signed,
            None => seen.report.subject.is_some() && seen.report.subject == seen.report.issuer,
        };
        if !self_signed || !is_external(cx, &seen.report.connector) {
            continue;
        }
        let subject = seen.report.subject.clone().unwrap_or_default();
        let thumb = seen.report.thumbprint.clone().unwrap_or_default();
        let vars = [
            ("subject", subject.as_str()),
            ("thumbprint", thumb.as_str()),
            ("connector", seen.report.connector.as_str()),
        ];
        let connector = ps::quote(&seen.report.connector);
        out.push(Finding {
            id: ID,
            severity: Severity::Warning,
            title: cx.fill(Text::SelfSignedTitle, &vars),
            explanation: cx.fill(Text::SelfSignedExplanation, &vars),
            evidence: seen.evidence.clone(),
            thumbprints: if thumb.is_empty() {
                Vec::new()
            } else {
                vec![thumb.clone()]
            },
            connectors: vec![seen.report.connector.clone()],
            remediation: Some(replace_with_ca_certificate(
                cx,
                vec![format!(
                    "Set-SendConnector -Identity {connector} -TlsCertificateName {}",
                    ps::CERT_TLS_NAME
                )],
            )),
        });
    }
}

/// Import a CA-issued certificate, enable it for SMTP, and point the connector at it;
/// `set_connector`: the lines that set the connector's `-TlsCertificateName` from `$cert`
/// ([`ps::set_connector`] for a pasted one).
fn replace_with_ca_certificate(cx: &Context<'_>, set_connector: Vec<String>) -> Remediation {
    let new_thumb = ps::placeholder(cx.lang, ps::Placeholder::NewThumbprint);
    Remediation {
        steps: vec![
            cx.text(Text::StepImportValidCertificate).to_string(),
            cx.text(Text::StepEnableSmtpAnswerNo).to_string(),
            cx.text(Text::StepSetTlsCertificateName).to_string(),
        ],
        powershell: [
            ps::import_pfx_on(
                cx.lang,
                None,
                &format!(
                    "C:\\Temp\\{}.pfx",
                    ps::Placeholder::CaIssuedCertificate.bare(cx.lang)
                ),
            ),
            ps::enable_smtp(&new_thumb),
            format!("$cert = Get-ExchangeCertificate -Thumbprint {new_thumb}"),
        ]
        .into_iter()
        .chain(set_connector)
        .collect::<Vec<_>>()
        .join("\n"),
    }
}

/// Names (parts of an issuer DN, compared case-insensitively) of public certification
/// authorities whose certificates Windows trusts for server authentication. Not a root store:
/// only used to say, conservatively, that an issuer is *not* a public CA known by name.
pub const PUBLIC_CA_NAMES: &[&str] = &[
    "let's encrypt",
    "isrg",
    "digicert",
    "geotrust",
    "rapidssl",
    "thawte",
    "symantec",
    "verisign",
    "sectigo",
    "comodo",
    "usertrust",
    "aaa certificate services",
    "globalsign",
    "entrust",
    "go daddy",
    "godaddy",
    "starfield",
    "amazon",
    "microsoft",
    "baltimore",
    "cybertrust",
    "quovadis",
    "identrust",
    "buypass",
    "certum",
    "ssl.com",
    "network solutions",
    "swisssign",
    "d-trust",
    "t-telesec",
    "telekom",
    "harica",
    "actalis",
    "zerossl",
    "google trust services",
    "gts root",
    "certigna",
    "trustwave",
    "securetrust",
    "gandi",
    "trustasia",
    "izenpe",
    "camerfirma",
    "emsign",
    "certainly",
    "e-szigno",
    "firmaprofesional",
    "hongkong post",
    "twca",
    "certsign",
];

/// The issuer DN names a public CA tlsdoctor knows.
pub fn is_public_ca_name(dn: &str) -> bool {
    let dn = dn.to_ascii_lowercase();
    PUBLIC_CA_NAMES.iter().any(|n| dn.contains(n))
}

/// A public CA name is met walking up from `cert` through the dropped certificates (at most
/// 8 issuers: a chain, not a loop).
fn chain_has_public_name(cx: &Context<'_>, cert: &CertificateReport) -> bool {
    let mut issuer = cert.issuer.as_str();
    for _ in 0..8 {
        if is_public_ca_name(issuer) {
            return true;
        }
        let Some(up) = cx
            .dropped
            .iter()
            .find(|d| same_dn(&d.cert.subject, issuer) && !same_dn(&d.cert.issuer, issuer))
        else {
            // The top of the chain given (or a self-signed root: its own name was checked).
            return false;
        };
        issuer = up.cert.issuer.as_str();
    }
    false
}

/// A connector internet partners or Exchange Online reach: a Send connector that leaves the
/// organisation (its name, an address space `*` or Office 365's, a smart host of Exchange
/// Online) or a Receive connector that receives from the internet (Default Frontend, or its
/// name says so).
fn faces_internet(c: &PastedConnector) -> bool {
    let name = c.display_name().to_ascii_lowercase();
    let says = [
        "office 365",
        "o365",
        "internet",
        "outbound",
        "exchange online",
        "hybrid",
    ]
    .iter()
    .any(|k| name.contains(k));
    let exo = |s: &String| s.to_ascii_lowercase().contains("outlook.com");
    match c.kind {
        ConnectorKind::Receive => says || name.contains("default frontend"),
        _ => {
            says || c.address_spaces.iter().any(|a| a.contains('*') || exo(a))
                || c.smart_hosts.iter().any(exo)
        }
    }
}

fn from_files(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (path, connector, output) in cx.pasted_connectors() {
        let Some(name) = connector.tls_certificate_name_parsed.as_ref() else {
            continue;
        };
        let (Some(issuer), Some(subject)) = (name.issuer.as_deref(), name.subject.as_deref())
        else {
            continue;
        };
        if !faces_internet(connector) {
            continue;
        }
        let display = connector.display_name();
        let named: Vec<&DroppedCert> = cx
            .dropped
            .iter()
            .filter(|d| same_dn(&d.cert.issuer, issuer) && same_dn(&d.cert.subject, subject))
            .collect();
        for d in named {
            let reported = out.iter().any(|f| {
                f.id == ID
                    && f.thumbprints
                        .iter()
                        .any(|t| t.eq_ignore_ascii_case(&d.cert.thumbprint))
            });
            if reported {
                continue;
            }
            let self_signed = d.cert.self_signed;
            if !self_signed && chain_has_public_name(cx, &d.cert) {
                continue;
            }
            let vars = [
                ("subject", d.cert.subject.as_str()),
                ("issuer", d.cert.issuer.as_str()),
                ("thumbprint", d.cert.thumbprint.as_str()),
                ("connector", display.as_str()),
                ("path", d.path.as_str()),
            ];
            let (title, explanation) = if self_signed {
                (Text::SelfSignedTitle, Text::SelfSignedFileExplanation)
            } else {
                (Text::PrivateCaFileTitle, Text::PrivateCaFileExplanation)
            };
            out.push(Finding {
                id: ID,
                severity: Severity::Warning,
                title: cx.fill(title, &vars),
                explanation: cx.fill(explanation, &vars),
                evidence: vec![
                    d.evidence(),
                    Evidence {
                        path: path.to_string(),
                        line: connector.tls_certificate_name_line,
                        text: output
                            .line_text(connector.tls_certificate_name_line)
                            .to_string(),
                    },
                ],
                thumbprints: vec![d.cert.thumbprint.clone()],
                connectors: vec![display.clone()],
                remediation: Some(replace_with_ca_certificate(
                    cx,
                    ps::set_connector(
                        cx.lang,
                        connector,
                        &format!("-TlsCertificateName {}", ps::CERT_TLS_NAME),
                    ),
                )),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_ca_names_are_recognised_and_enterprise_cas_are_not() {
        for dn in [
            "CN=R11, O=Let's Encrypt, C=US",
            "CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US",
            "CN=Sectigo RSA Domain Validation Secure Server CA, O=Sectigo Limited, L=Salford, C=GB",
            "CN=Microsoft Azure RSA TLS Issuing CA 04, O=Microsoft Corporation, C=US",
        ] {
            assert!(is_public_ca_name(dn), "{dn}");
        }
        for dn in [
            "CN=Contoso Issuing CA 01, DC=contoso, DC=com",
            "CN=NDX Test Root CA",
            "CN=EX01",
        ] {
            assert!(!is_public_ca_name(dn), "{dn}");
        }
    }
}
