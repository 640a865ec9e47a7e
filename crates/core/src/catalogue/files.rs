//! Checks on dropped certificate files an admin would expect (issue 13, item 4): chain
//! completeness of a bundle (PFX / PKCS#7), weak signatures (MD2/MD5/SHA-1), RSA keys under
//! 2048 bits, key usage that rules out a TLS server, and SAN coverage of a pasted connector's
//! FQDN. (Self-signed on an internet-facing connector and the serverAuth EKU are the older
//! engine's `self-signed-certificate-external` and `certificate-missing-server-auth-eku`.)

use super::rules::Cx;
use super::text::Msg;
use super::Id;
use crate::diagnose::powershell::quote;
use crate::exchange::cert_choice::{name_covers, same_dn};
use crate::i18n::fill;
use crate::paste::connector::ConnectorKind;
use crate::report::{CertificateReport, Evidence, FileKind, FileReport, Severity};

fn weak_signature(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "1.2.840.113549.1.1.2" => "MD2 with RSA",
        "1.2.840.113549.1.1.3" => "MD4 with RSA",
        "1.2.840.113549.1.1.4" => "MD5 with RSA",
        "1.2.840.113549.1.1.5" => "SHA-1 with RSA",
        "1.3.14.3.2.29" => "SHA-1 with RSA",
        "1.2.840.10045.4.1" => "ECDSA with SHA-1",
        "1.2.840.10040.4.3" => "DSA with SHA-1",
        _ => return None,
    })
}

fn evidence(f: &FileReport, c: &CertificateReport) -> Evidence {
    Evidence {
        path: f.path.clone(),
        line: 0,
        text: format!(
            "{} | {} | {} | {} | {}",
            c.thumbprint, c.subject, c.issuer, c.signature_algorithm_oid, c.public_key
        ),
    }
}

/// A leaf: not a CA (or no basicConstraints) and not a self-signed root.
fn is_leaf(c: &CertificateReport) -> bool {
    c.is_ca != Some(true)
}

pub fn run(cx: &Cx<'_>, out: &mut Vec<crate::report::Finding>) {
    let now = cx.input.now_unix;
    // A locked PFX lists only what needed no password: not the whole file, no facts from it.
    for f in cx
        .input
        .files
        .iter()
        .filter(|f| !crate::diagnose::context::is_locked(f))
    {
        for c in &f.certificates {
            let ev = evidence(f, c);
            let tp = vec![c.thumbprint.clone()];
            // Weak signature: a self-signed root's own signature does not matter.
            if let Some(alg) = weak_signature(&c.signature_algorithm_oid) {
                if !(c.self_signed && c.is_ca == Some(true)) {
                    let sev = if alg.starts_with("MD") {
                        Severity::Error
                    } else {
                        Severity::Warning
                    };
                    out.push(cx.finding(
                        Id::WeakSignature,
                        sev,
                        &[
                            ("algorithm", alg),
                            ("subject", c.subject.as_str()),
                            ("issuer", c.issuer.as_str()),
                        ],
                        vec![ev.clone()],
                        tp.clone(),
                        Vec::new(),
                        vec![format!("certutil -dump {}", quote(&f.path))],
                    ));
                }
            }
            if let Some(bits) = c
                .public_key
                .strip_prefix("RSA-")
                .and_then(|b| b.parse::<u32>().ok())
            {
                if bits < 2048 {
                    out.push(cx.finding(
                        Id::WeakRsaKey,
                        Severity::Error,
                        &[("subject", c.subject.as_str()), ("key", c.public_key.as_str())],
                        vec![ev.clone()],
                        tp.clone(),
                        Vec::new(),
                        vec![format!(
                            "New-ExchangeCertificate -GenerateRequest -SubjectName {} -DomainName {} -KeySize 2048 -PrivateKeyExportable $true",
                            quote(&c.subject),
                            quote(c.dns_names.first().map(String::as_str).unwrap_or("<mail.contoso.com>"))
                        )],
                    ));
                }
            }
            if is_leaf(c)
                && !c.key_usages.is_empty()
                && !c
                    .key_usages
                    .iter()
                    .any(|u| u == "digitalSignature" || u == "keyEncipherment")
            {
                let usages = c.key_usages.join(", ");
                out.push(cx.finding(
                    Id::KeyUsage,
                    Severity::Warning,
                    &[("subject", c.subject.as_str()), ("usages", usages.as_str())],
                    vec![ev.clone()],
                    tp.clone(),
                    Vec::new(),
                    Vec::new(),
                ));
            }
        }
        chain(cx, f, now, out);
    }
    san_coverage(cx, out);
}

/// A bundle (PFX / PKCS#7) holding a CA-issued leaf but not its issuer (information: the
/// server must have the intermediate from elsewhere), or an expired issuer (warning).
fn chain(cx: &Cx<'_>, f: &FileReport, now: i64, out: &mut Vec<crate::report::Finding>) {
    if !matches!(f.kind, FileKind::Pkcs12 | FileKind::Pkcs7Certs) {
        return;
    }
    for c in f
        .certificates
        .iter()
        .filter(|c| is_leaf(c) && !c.self_signed)
    {
        let issuer = f
            .certificates
            .iter()
            .find(|i| !std::ptr::eq(*i, c) && same_dn(&i.subject, &c.issuer));
        let (detail, severity) = match issuer {
            None => (cx.m(Msg::MissingIntermediate).to_string(), Severity::Info),
            Some(i)
                if crate::diagnose::context::unix_of(&i.not_after).is_some_and(|na| na <= now) =>
            {
                (
                    fill(
                        cx.m(Msg::ExpiredIntermediate),
                        &[("date", i.not_after.as_str())],
                    ),
                    Severity::Warning,
                )
            }
            _ => continue,
        };
        out.push(cx.finding(
            Id::ChainIncomplete,
            severity,
            &[
                ("subject", c.subject.as_str()),
                ("issuer", c.issuer.as_str()),
                ("path", f.path.as_str()),
                ("detail", detail.as_str()),
            ],
            vec![evidence(f, c)],
            vec![c.thumbprint.clone()],
            Vec::new(),
            vec![
                format!("certutil -verify {}", quote(&f.path)),
                "Get-ChildItem -Path Cert:\\LocalMachine\\CA | Format-List Subject,Thumbprint,NotAfter".to_string(),
            ],
        ));
    }
}

/// A pasted connector's FQDN not covered by the dropped certificate its TlsCertificateName names.
fn san_coverage(cx: &Cx<'_>, out: &mut Vec<crate::report::Finding>) {
    for (_, conn) in &cx.connectors {
        let (Some(fqdn), Some(name)) = (
            conn.fqdn.as_deref(),
            conn.tls_certificate_name_parsed.as_ref(),
        ) else {
            continue;
        };
        let (Some(issuer), Some(subject)) = (name.issuer.as_deref(), name.subject.as_deref())
        else {
            continue;
        };
        for f in cx
            .input
            .files
            .iter()
            .filter(|f| !crate::diagnose::context::is_locked(f))
        {
            for c in &f.certificates {
                if !(same_dn(&c.issuer, issuer) && same_dn(&c.subject, subject)) {
                    continue;
                }
                let mut names: Vec<&str> = c.dns_names.iter().map(String::as_str).collect();
                if names.is_empty() {
                    names.extend(super::rules::cn_of(&c.subject));
                }
                if names.iter().any(|n| name_covers(n, fqdn).is_some()) {
                    continue;
                }
                let id = conn.set_identity();
                let list = names.join(", ");
                let cmdlet = if conn.kind == ConnectorKind::Receive {
                    "Set-ReceiveConnector"
                } else {
                    "Set-SendConnector"
                };
                out.push(cx.finding(
                    Id::SanCoverage,
                    Severity::Error,
                    &[
                        ("subject", c.subject.as_str()),
                        ("fqdn", fqdn),
                        ("connector", id.as_str()),
                        ("names", list.as_str()),
                    ],
                    vec![evidence(f, c)],
                    vec![c.thumbprint.clone()],
                    vec![id.clone()],
                    vec![format!(
                            "{cmdlet} {} -Fqdn {}",
                            quote(&id),
                            quote(
                                names
                                    .iter()
                                    .find(|n| !n.starts_with('*'))
                                    .copied()
                                    .unwrap_or("<name on the certificate>")
                            )
                        )],
                ));
            }
        }
    }
}
