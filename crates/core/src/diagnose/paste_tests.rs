//! Cross-checks on the realistic pastes of `testdata/paste/`, in English and German.

use super::paste_view::{LogNamedCertificate, PasteSource};
use super::*;
use crate::i18n::Lang;
use crate::paste::{parse_text, PastedOutput};
use crate::report::Severity;
use crate::report::{CertificateReport, Evidence};

macro_rules! paste {
    ($name:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../testdata/paste/",
            $name
        ))
    };
}

/// 2025-02-01T00:00:00Z.
const FEB_1_2025: i64 = 1_738_368_000;

/// What the whole rule table says about these inputs.
struct D {
    findings: Vec<Finding>,
    /// The stuck-queue headline, when the pasted evidence explains one.
    verdict: Option<String>,
}

fn run(
    pastes: &[(&str, &str)],
    files: &[(&str, &CertificateReport)],
    logs: &[LogNamedCertificate],
    lang: Lang,
    now: i64,
) -> D {
    let outputs: Vec<(&str, PastedOutput)> =
        pastes.iter().map(|(p, t)| (*p, parse_text(t))).collect();
    let sources: Vec<PasteSource<'_>> = outputs
        .iter()
        .map(|(p, o)| PasteSource { path: p, output: o })
        .collect();
    let inspected: Vec<InspectedFile> = files
        .iter()
        .map(|(path, cert)| {
            let mut report = FileReport::new(*path, crate::ids::FileKind::Pkcs12);
            report.certificates.push((*cert).clone());
            InspectedFile {
                report,
                certificate_spkis: Vec::new(),
                key_publics: Vec::new(),
            }
        })
        .collect();
    let inspected: Vec<&InspectedFile> = inspected.iter().collect();
    // A failing session that names each certificate (what the log reader keeps).
    let mut facts = LogFacts::default();
    for l in logs {
        facts.failures.push(crate::log::facts::FailureFact {
            report: crate::report::TlsFailure {
                error: "NoCredentials".into(),
                connector: l.connector.clone(),
                session_id: "08DD41F2A1B3C4D5".into(),
                remote_endpoint: "203.0.113.25:25".into(),
                path: l.evidence.path.clone(),
                line: l.evidence.line,
                date_time: None,
                certificate_thumbprint: Some(l.thumbprint.clone()),
            },
            sending_certificate: None,
            evidence: l.evidence.clone(),
            session_unix: None,
        });
    }
    let d = diagnose(&Input {
        files: &inspected,
        logs: &facts,
        pastes: &sources,
        clues: &[],
        now_unix: now,
        lang,
    });
    D {
        findings: d.findings,
        verdict: d.headline,
    }
}

fn ids(d: &D) -> Vec<&str> {
    d.findings.iter().map(|f| f.id.as_str()).collect()
}

fn ps(f: &Finding) -> &str {
    f.remediation
        .as_ref()
        .map(|r| r.powershell.as_str())
        .unwrap_or("")
}

#[test]
fn kb4495258_stuck_queue_and_keyless_certificate_become_one_verdict() {
    let d = run(
        &[("outage.txt", paste!("kb4495258-outage-en-us.txt"))],
        &[],
        &[],
        Lang::En,
        FEB_1_2025,
    );
    assert_eq!(ids(&d), vec!["no-credentials"]);
    let f = &d.findings[0];
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(
        f.title,
        "Mail to contoso-com.mail.protection.outlook.com is stuck because the certificate of send connector \"Outbound to Office 365\" has no private key"
    );
    assert_eq!(d.verdict.as_deref(), Some(f.title.as_str()));
    assert!(f.explanation.contains("HasPrivateKey : False"));
    assert!(f
        .explanation
        .contains("Queue EX01\\3 holds 37 messages in Retry"));
    assert_eq!(
        f.thumbprints,
        vec!["3D5F8A1C9E2B4D6F8A0C2E4F6A8B0D2F4E6A8C0B"]
    );
    assert_eq!(f.connectors, vec!["Outbound to Office 365"]);
    let lines: Vec<u64> = f.evidence.iter().map(|e| e.line).collect();
    assert_eq!(
        lines,
        vec![67, 58, 10],
        "HasPrivateKey, TlsCertificateName, LastError"
    );
    assert_eq!(f.evidence[0].text, "HasPrivateKey      : False");
    assert!(f.evidence[2].text.contains("421 4.4.1"));
    let ps = ps(f);
    assert!(ps.contains("Import-ExchangeCertificate -Server 'EX01' -FileData ([System.IO.File]::ReadAllBytes('C:\\Certs\\mail.contoso.com.pfx'))"), "{ps}");
    assert!(ps.contains("certutil -repairstore my 0A8E27C4D5B61F3902E4A7C81D6B5F29"));
    assert!(ps.contains("Enable-ExchangeCertificate -Server 'EX01' -Thumbprint 3D5F8A1C9E2B4D6F8A0C2E4F6A8B0D2F4E6A8C0B -Services SMTP"));
    assert!(ps.contains("Retry-Queue -Identity 'EX01\\3'"));
}

#[test]
fn kb4495258_in_german() {
    let d = run(
        &[("outage.txt", paste!("kb4495258-outage-en-us.txt"))],
        &[],
        &[],
        Lang::De,
        FEB_1_2025,
    );
    let f = &d.findings[0];
    assert_eq!(
        f.title,
        "Mail an contoso-com.mail.protection.outlook.com hängt fest, weil das Zertifikat des Sendeconnectors \"Outbound to Office 365\" keinen privaten Schlüssel hat"
    );
    assert!(f
        .explanation
        .contains("Der Server selbst meldet HasPrivateKey : False"));
    assert!(ps(f).contains("# Erneut MIT privatem Schlüssel importieren"));
    assert!(ps(f).contains("Retry-Queue -Identity 'EX01\\3'"));
}

#[test]
fn dropped_pfx_with_the_key_is_named_in_the_import_command() {
    let mut cert = sample_report("3D5F8A1C9E2B4D6F8A0C2E4F6A8B0D2F4E6A8C0B");
    cert.has_private_key = true;
    let d = run(
        &[("outage.txt", paste!("kb4495258-outage-en-us.txt"))],
        &[("mail.contoso.com.pfx", &cert)],
        &[],
        Lang::En,
        FEB_1_2025,
    );
    assert!(
        ps(&d.findings[0]).contains("ReadAllBytes('mail.contoso.com.pfx')"),
        "{}",
        ps(&d.findings[0])
    );
}

#[test]
fn log_named_certificate_without_key_is_no_credentials_from_the_servers_word() {
    let only_certs = paste!("kb4495258-outage-en-us.txt")
        .split("[PS] C:\\Windows\\system32>Get-ExchangeCertificate")
        .nth(1)
        .unwrap();
    let log = LogNamedCertificate {
        thumbprint: "3D5F8A1C9E2B4D6F8A0C2E4F6A8B0D2F4E6A8C0B".into(),
        connector: "Outbound to Office 365".into(),
        evidence: Evidence {
            path: "SEND20250131-1.LOG".into(),
            line: 22,
            text: "...,TLS negotiation failed with error NoCredentials".into(),
        },
    };
    let d = run(
        &[("certs.txt", only_certs)],
        &[],
        &[log],
        Lang::En,
        FEB_1_2025,
    );
    assert_eq!(ids(&d), vec!["no-credentials"]);
    assert!(d.findings[0]
        .title
        .starts_with("The certificate CN=mail.contoso.com"));
    assert!(d.findings[0]
        .evidence
        .iter()
        .any(|e| e.path == "SEND20250131-1.LOG" && e.line == 22));
    assert_eq!(d.verdict, None);
}

#[test]
fn renewal_trap_names_the_certificate_exchange_uses_and_the_safe_procedure_in_german() {
    let d = run(
        &[("renewal.txt", paste!("renewal-trap-de-de.txt"))],
        &[],
        &[],
        Lang::De,
        FEB_1_2025,
    );
    assert_eq!(
        d.findings.iter().map(|f| f.id.as_str()).collect::<Vec<_>>(),
        vec!["ambiguous-tls-certificate-name"]
    );
    let f = &d.findings[0];
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(
        f.title,
        "Der TlsCertificateName des Connectors \"Internet\" passt zu 2 Zertifikaten"
    );
    assert!(f.explanation.contains("Exchange verwendet das neueste gültige, von einer Zertifizierungsstelle ausgestellte: CN=mail.contoso.de, O=Contoso GmbH, L=Muenchen, S=Bayern, C=DE (Fingerabdruck C1E3A5C7E9B1D3F5A7C9E1B3D5F7A9C1E3B5D7F9, gültig ab 20.01.2025 01:00:00 bis 20.01.2026 00:59:59)"), "{}", f.explanation);
    assert_eq!(
        f.thumbprints,
        vec![
            "C1E3A5C7E9B1D3F5A7C9E1B3D5F7A9C1E3B5D7F9",
            "6B2D4F6A8C0E2A4C6E8A0B2D4F6A8C0E2B4D6F8A"
        ]
    );
    let expected = "# Für SMTP aktivieren:\n\
Enable-ExchangeCertificate -Server 'EX01' -Thumbprint C1E3A5C7E9B1D3F5A7C9E1B3D5F7A9C1E3B5D7F9 -Services SMTP\n\
Enable-ExchangeCertificate -Server 'EX02' -Thumbprint C1E3A5C7E9B1D3F5A7C9E1B3D5F7A9C1E3B5D7F9 -Services SMTP\n\
# Transport auf den Quellservern beenden:\n\
Invoke-Command -ComputerName 'EX01' { Stop-Service MSExchangeTransport }\n\
Invoke-Command -ComputerName 'EX02' { Stop-Service MSExchangeTransport }\n\
# Namen leeren, damit das alte Zertifikat entfernt werden kann:\n\
Set-SendConnector -Identity 'Internet' -TlsCertificateName $null\n\
# Altes Zertifikat entfernen:\n\
Remove-ExchangeCertificate -Server 'EX01' -Thumbprint 6B2D4F6A8C0E2A4C6E8A0B2D4F6A8C0E2B4D6F8A\n\
Remove-ExchangeCertificate -Server 'EX02' -Thumbprint 6B2D4F6A8C0E2A4C6E8A0B2D4F6A8C0E2B4D6F8A\n\
# Den Connector darauf zeigen lassen:\n\
$cert = Get-ExchangeCertificate -Server 'EX01' -Thumbprint C1E3A5C7E9B1D3F5A7C9E1B3D5F7A9C1E3B5D7F9\n\
$tlscertificatename = \"<I>$($cert.Issuer)<S>$($cert.Subject)\"\n\
Set-SendConnector -Identity 'Internet' -TlsCertificateName $tlscertificatename\n\
# Transport wieder starten:\n\
Invoke-Command -ComputerName 'EX01' { Start-Service MSExchangeTransport }\n\
Invoke-Command -ComputerName 'EX02' { Start-Service MSExchangeTransport }";
    assert_eq!(ps(f), expected);
    // The server's RPC error pasted below is read now and cited too (was: 3, the error was
    // an unrecognised line).
    assert_eq!(
        f.evidence.len(),
        4,
        "connector line, both certificates, the RPC error"
    );
    assert!(f.evidence[3]
        .text
        .contains("tagged with following Send Connectors"));
    assert!(f.explanation.contains("\"Internet\""), "{}", f.explanation);
}

#[test]
fn renewal_trap_before_the_new_certificate_is_valid_picks_the_old_one() {
    // 2025-01-10: the renewed certificate (valid from 20.01.2025) is not valid yet.
    let d = run(
        &[("renewal.txt", paste!("renewal-trap-de-de.txt"))],
        &[],
        &[],
        Lang::En,
        1_736_467_200,
    );
    let f = &d.findings[0];
    assert_eq!(
        f.title,
        "The TlsCertificateName of connector \"Internet\" matches 2 certificates"
    );
    assert!(f.explanation.contains("Exchange uses the newest valid certificate issued by a CA: CN=mail.contoso.de, O=Contoso GmbH, L=Muenchen, S=Bayern, C=DE (thumbprint 6B2D4F6A8C0E2A4C6E8A0B2D4F6A8C0E2B4D6F8A"));
}

#[test]
fn malformed_names_are_explained_and_corrected_from_the_pasted_certificate() {
    let d = run(
        &[
            (
                "recv.txt",
                paste!("get-receiveconnector-fl-tlsname-wrong.txt"),
            ),
            ("outage.txt", paste!("kb4495258-outage-en-us.txt")),
        ],
        &[],
        &[],
        Lang::En,
        FEB_1_2025,
    );
    let malformed: Vec<&Finding> = d
        .findings
        .iter()
        .filter(|f| f.id == "tls-certificate-name-malformed")
        .collect();
    assert_eq!(malformed.len(), 2);
    let order = malformed[0];
    assert_eq!(order.connectors, vec!["Default Frontend EX01"]);
    assert!(order
        .explanation
        .contains("<S> comes before <I>; the issuer must come first."));
    let corrected = "<I>CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US<S>CN=mail.contoso.com, O=Contoso Ltd, L=Redmond, S=Washington, C=US";
    assert!(
        order
            .explanation
            .ends_with(&format!("The correct value is {corrected}")),
        "{}",
        order.explanation
    );
    assert!(ps(order).contains(
        "$cert = Get-ExchangeCertificate -Thumbprint 3D5F8A1C9E2B4D6F8A0C2E4F6A8B0D2F4E6A8C0B"
    ));
    assert!(ps(order).contains("Set-ReceiveConnector -Identity 'EX01\\Default Frontend EX01' -TlsCertificateName \"<I>$($cert.Issuer)<S>$($cert.Subject)\""));
    assert!(ps(order).contains(&format!("# = {corrected}")));
    let host = malformed[1];
    assert!(host.explanation.contains(
        "It holds the host name mail.contoso.com, not the certificate's issuer and subject names."
    ));
    assert!(host.explanation.contains(corrected));
    assert_eq!(host.evidence[0].path, "recv.txt");
    assert_eq!(host.evidence[0].line, 20);
    // The malformed name selects nothing; the send connector's stuck queue still makes the verdict.
    let no_key = d
        .findings
        .iter()
        .find(|f| f.id == "no-credentials")
        .unwrap();
    assert_eq!(no_key.connectors, vec!["Outbound to Office 365"]);
    assert!(
        no_key
            .title
            .starts_with("Mail to contoso-com.mail.protection.outlook.com is stuck"),
        "{}",
        no_key.title
    );
    assert_eq!(d.verdict.as_deref(), Some(no_key.title.as_str()));
}

#[test]
fn malformed_name_in_german_without_certificates_uses_the_reordered_parts() {
    let d = run(
        &[(
            "recv.txt",
            paste!("get-receiveconnector-fl-tlsname-wrong.txt"),
        )],
        &[],
        &[],
        Lang::De,
        FEB_1_2025,
    );
    let f = d
        .findings
        .iter()
        .find(|f| f.connectors == vec!["Default Frontend EX01"])
        .unwrap();
    assert_eq!(
        f.title,
        "Der TlsCertificateName des Connectors \"Default Frontend EX01\" ist fehlerhaft"
    );
    assert!(f
        .explanation
        .contains("<S> steht vor <I>; der Aussteller muss zuerst kommen."));
    assert!(ps(f).contains("Set-ReceiveConnector -Identity 'EX01\\Default Frontend EX01' -TlsCertificateName '<I>CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US<S>CN=mail.contoso.com, O=Contoso Ltd, L=Redmond, S=Washington, C=US'"));
    let host = d
        .findings
        .iter()
        .find(|f| f.connectors == vec!["Client Frontend EX01"])
        .unwrap();
    assert!(host
        .explanation
        .contains("Fügen Sie Get-ExchangeCertificate | fl ein"));
}

/// `TlsCertificateName : mail.contoso.com` (a host name) on a receive connector, and the
/// certificate it means is enabled for IIS only (a renewal bound to IIS alone): correcting the
/// name is not enough, the certificate must serve SMTP too (else UnknownCredentials).
#[test]
fn malformed_name_whose_certificate_lacks_smtp_says_enable_it() {
    for (lang, says) in [
        (Lang::En, "its Services lack SMTP"),
        (Lang::De, "unter Services fehlt SMTP"),
    ] {
        let d = run(
            &[(
                "recv.txt",
                paste!("get-receiveconnector-tlsname-host-certificate-iis-only.txt"),
            )],
            &[],
            &[],
            lang,
            FEB_1_2025,
        );
        let f = d
            .findings
            .iter()
            .find(|f| f.id == "tls-certificate-name-malformed")
            .unwrap_or_else(|| panic!("{:?}", ids(&d)));
        assert_eq!(f.thumbprints, ["4C6E8A0B2D4F6A8C0E2A4C6E8B0D2F4A6C8E0B2D"]);
        assert!(f.explanation.contains(says), "{}", f.explanation);
        let ps = ps(f);
        let set = ps.find("Set-ReceiveConnector -Identity 'EX01\\Client Frontend EX01'");
        let enable = ps.find(
            "Enable-ExchangeCertificate -Thumbprint 4C6E8A0B2D4F6A8C0E2A4C6E8B0D2F4A6C8E0B2D -Services SMTP",
        );
        let restart = ps.find("Restart-Service MSExchangeTransport");
        assert!(set < enable && enable < restart && set.is_some(), "{ps}");
        let steps = &f
            .remediation
            .as_ref()
            .map(|r| r.steps.clone())
            .unwrap_or_default();
        assert!(
            steps
                .iter()
                .any(|s| s.contains("Enable-ExchangeCertificate")),
            "{steps:?}"
        );
    }
}

/// The name still carries the old intermediate (R3), and the renewed certificate (R11) is
/// bound to IIS only (what an ACME client does by default): pointing the connector at it is
/// not enough, it must serve SMTP too.
#[test]
fn name_after_a_renewal_pointing_to_a_certificate_without_smtp_says_enable_it() {
    let d = run(
        &[(
            "send.txt",
            paste!("get-sendconnector-old-intermediate-certificate-iis-only.txt"),
        )],
        &[],
        &[],
        Lang::En,
        FEB_1_2025,
    );
    let f = d
        .findings
        .iter()
        .find(|f| f.id == "tls-certificate-name-matches-nothing")
        .unwrap_or_else(|| panic!("{:?}", ids(&d)));
    assert_eq!(f.thumbprints, ["4F6A8C0E2A4C6E8A0B2D4F6A8C0E2B4D6F8A6B2D"]);
    assert!(
        f.explanation.contains("its Services lack SMTP"),
        "{}",
        f.explanation
    );
    let ps = ps(f);
    let set = ps.find("Set-SendConnector -Identity 'Outbound to Internet'");
    let enable = ps.find(
        "Enable-ExchangeCertificate -Thumbprint 4F6A8C0E2A4C6E8A0B2D4F6A8C0E2B4D6F8A6B2D -Services SMTP",
    );
    let restart = ps.find("Restart-Service MSExchangeTransport");
    assert!(set.is_some() && set < enable && enable < restart, "{ps}");
}

#[test]
fn services_without_smtp_is_unknown_credentials() {
    for (lang, title) in [
        (Lang::En, "The certificate CN=*.fabrikam.com, OU=Enterprise SSL Wildcard, OU=Fabrikam IT, O=Fabrikam Corporation (thumbprint 1C3E5A7C9E1B3D5F7A9C1E3B5D7F9A1C3E5B7D9F, valid from 10/7/2024 12:00:00 AM until 10/7/2025 11:59:59 PM) is not enabled for SMTP (UnknownCredentials)"),
        (Lang::De, "Das Zertifikat CN=*.fabrikam.com, OU=Enterprise SSL Wildcard, OU=Fabrikam IT, O=Fabrikam Corporation (Fingerabdruck 1C3E5A7C9E1B3D5F7A9C1E3B5D7F9A1C3E5B7D9F, gültig ab 10/7/2024 12:00:00 AM bis 10/7/2025 11:59:59 PM) ist nicht für SMTP aktiviert (UnknownCredentials)"),
    ] {
        let d = run(&[("fabrikam.txt", paste!("unknown-credentials-services-iis-only.txt"))], &[], &[], lang, FEB_1_2025);
        assert_eq!(ids(&d), vec!["unknown-credentials"]);
        let f = &d.findings[0];
        assert_eq!(f.title, title);
        assert!(ps(f).contains("Enable-ExchangeCertificate -Thumbprint 1C3E5A7C9E1B3D5F7A9C1E3B5D7F9A1C3E5B7D9F -Services SMTP"));
        assert_eq!(f.evidence[0].text, "Services           : IIS");
    }
}

#[test]
fn event_12014_name_that_matches_no_certificate() {
    let d = run(
        &[
            ("event.txt", paste!("event-12014-event-viewer-en-us.txt")),
            ("outage.txt", paste!("kb4495258-outage-en-us.txt")),
        ],
        &[],
        &[],
        Lang::En,
        FEB_1_2025,
    );
    let f = d
        .findings
        .iter()
        .find(|f| f.id == "tls-certificate-name-matches-nothing")
        .expect("12014 finding");
    assert!(f.title.starts_with(
        "Exchange found no certificate for <I>CN=Sectigo RSA Domain Validation Secure Server CA"
    ));
    assert!(f
        .explanation
        .starts_with("Connector \"Default Frontend EX01\" asks for the certificate"));
    assert!(f
        .explanation
        .contains("None of the 2 certificates you pasted or dropped fits this name."));
    assert_eq!(f.connectors, vec!["Default Frontend EX01"]);
    assert_eq!(
        (f.evidence[0].path.as_str(), f.evidence[0].line),
        ("event.txt", 1)
    );
}

#[test]
fn event_12014_for_a_host_a_pasted_certificate_covers_is_not_repeated() {
    let d = run(
        &[
            ("event.txt", paste!("event-12014-ereignisanzeige-de-de.txt")),
            ("renewal.txt", paste!("renewal-trap-de-de.txt")),
        ],
        &[],
        &[],
        Lang::De,
        FEB_1_2025,
    );
    assert!(
        !ids(&d).contains(&"tls-certificate-name-matches-nothing"),
        "{:?}",
        ids(&d)
    );
    let alone = run(
        &[("event.txt", paste!("event-12014-ereignisanzeige-de-de.txt"))],
        &[],
        &[],
        Lang::De,
        FEB_1_2025,
    );
    assert_eq!(ids(&alone), vec!["tls-certificate-name-matches-nothing"]);
    assert_eq!(
        alone.findings[0].title,
        "Exchange hat kein Zertifikat für mail.contoso.de gefunden (Ereignis 12014)"
    );
}

#[test]
fn connector_name_after_a_renewal_by_a_new_intermediate_points_to_the_new_certificate() {
    let text = "Name               : Outbound\n\
TlsCertificateName : <I>CN=R3, O=Let's Encrypt, C=US<S>CN=mail.contoso.com\n\
AddressSpaces      : {SMTP:*;1}\n\
\n\
Subject       : CN=mail.contoso.com\n\
Issuer        : CN=R10, O=Let's Encrypt, C=US\n\
Thumbprint    : 4F6A8C0E2A4C6E8A0B2D4F6A8C0E2B4D6F8A6B2D\n\
HasPrivateKey : True\n\
Services      : IIS, SMTP\n\
NotBefore     : 1/10/2025 8:00:00 AM\n\
NotAfter      : 4/10/2025 7:59:59 AM\n";
    let d = run(&[("mixed.txt", text)], &[], &[], Lang::En, FEB_1_2025);
    assert_eq!(ids(&d), vec!["tls-certificate-name-matches-nothing"]);
    let f = &d.findings[0];
    assert_eq!(
        f.title,
        "The TlsCertificateName of connector \"Outbound\" matches none of the certificates given"
    );
    assert!(f
        .explanation
        .contains("has the same subject but a different issuer"));
    assert_eq!(
        f.thumbprints,
        vec!["4F6A8C0E2A4C6E8A0B2D4F6A8C0E2B4D6F8A6B2D"]
    );
    assert!(ps(f).contains("Set-SendConnector -Identity 'Outbound' -TlsCertificateName \"<I>$($cert.Issuer)<S>$($cert.Subject)\""));
    assert!(ps(f).contains("# = <I>CN=R10, O=Let's Encrypt, C=US<S>CN=mail.contoso.com"));
}

#[test]
fn healthy_paste_gives_no_findings() {
    let text = "Name               : Outbound\n\
TlsCertificateName : <I>CN=R10, O=Let's Encrypt, C=US<S>CN=mail.contoso.com\n\
SmartHosts         : {smtp.contoso.net}\n\
\n\
Subject       : CN=mail.contoso.com\n\
Issuer        : CN=R10, O=Let's Encrypt, C=US\n\
Thumbprint    : 4F6A8C0E2A4C6E8A0B2D4F6A8C0E2B4D6F8A6B2D\n\
HasPrivateKey : True\n\
Services      : IIS, SMTP\n";
    let d = run(&[("ok.txt", text)], &[], &[], Lang::En, FEB_1_2025);
    assert!(d.findings.is_empty(), "{:?}", ids(&d));
    assert_eq!(d.verdict, None);
}

const NEWER_MAIL_CERT: &str =
    "Subject       : CN=mail.contoso.com, O=Contoso Ltd, L=Redmond, S=Washington, C=US\n\
Issuer        : CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US\n\
CertificateDomains : {mail.contoso.com, autodiscover.contoso.com}\n\
Thumbprint    : 5E7A9C1E3B5D7F9A1C3E5B7D9F1A3C5E7B9D1F3A\n\
HasPrivateKey : True\n\
Services      : IIS\n\
NotBefore     : 2/1/2025 12:00:00 AM\n\
NotAfter      : 2/1/2026 11:59:59 PM\n";

#[test]
fn transport_events_become_expiry_findings() {
    let d = run(
        &[("events.txt", paste!("events-get-winevent-fl.txt"))],
        &[],
        &[],
        Lang::En,
        FEB_1_2025,
    );
    assert_eq!(
        ids(&d),
        vec![
            "certificate-expired",
            "certificate-expires-soon",
            "certificate-expires-soon"
        ]
    );
    let expired = &d.findings[0];
    assert_eq!(expired.title, "Exchange reports that the STARTTLS certificate for mail.contoso.com has expired (Event 12016)");
    assert!(ps(expired).contains("New-ExchangeCertificate -GenerateRequest -SubjectName 'CN=mail.contoso.com' -DomainName 'mail.contoso.com' -PrivateKeyExportable $true"));
    assert_eq!(expired.evidence[0].line, 4);
    let soon = &d.findings[1];
    assert_eq!(
        soon.title,
        "The STARTTLS certificate CN=mail.contoso.com, O=Contoso Ltd, L=Redmond, S=Washington, C=US (7A9C1E3B5D7F9A1C3E5B7D9F1A3C5E7B9D1F3A5C) expires in 95 hours (Event 12018)"
    );
    let internal = &d.findings[2];
    assert_eq!(internal.title, "The internal transport certificate 8B0D2F4A6C8E0A2C4E6B8D0F2A4C6E8B0D2F4A6C expires in 311 hours (Event 12017)");
    assert!(ps(internal).contains("Get-ExchangeCertificate -Thumbprint 8B0D2F4A6C8E0A2C4E6B8D0F2A4C6E8B0D2F4A6C | New-ExchangeCertificate -Force -PrivateKeyExportable $true"));
}

#[test]
fn expiry_events_name_a_newer_certificate_already_there_in_german() {
    let d = run(
        &[
            ("events.txt", paste!("events-get-winevent-fl.txt")),
            ("neu.txt", NEWER_MAIL_CERT),
        ],
        &[],
        &[],
        Lang::De,
        FEB_1_2025,
    );
    let expired = d
        .findings
        .iter()
        .find(|f| f.id == "certificate-expired")
        .unwrap();
    assert_eq!(expired.title, "Exchange meldet, dass das STARTTLS-Zertifikat für mail.contoso.com abgelaufen ist (Ereignis 12016)");
    assert!(expired.explanation.contains(
        "Ein neueres Zertifikat für denselben Namen ist schon vorhanden: CN=mail.contoso.com"
    ));
    assert!(ps(expired).contains("Enable-ExchangeCertificate -Thumbprint 5E7A9C1E3B5D7F9A1C3E5B7D9F1A3C5E7B9D1F3A -Services SMTP"));
    assert!(ps(expired).contains("# Für SMTP aktivieren:"));
}

#[test]
fn event_12023_about_a_keyless_certificate_is_no_credentials() {
    let cert = "Subject       : CN=mail.contoso.com\nIssuer        : CN=Contoso Issuing CA 01\nThumbprint    : 7A9C1E3B5D7F9A1C3E5B7D9F1A3C5E7B9D1F3A5C\nHasPrivateKey : False\n";
    let d = run(
        &[
            ("events.txt", paste!("events-get-winevent-fl.txt")),
            ("cert.txt", cert),
        ],
        &[],
        &[],
        Lang::En,
        FEB_1_2025,
    );
    let f = d
        .findings
        .iter()
        .find(|f| f.id == "no-credentials")
        .expect("no-credentials");
    assert_eq!(
        f.thumbprints,
        vec!["7A9C1E3B5D7F9A1C3E5B7D9F1A3C5E7B9D1F3A5C"]
    );
    assert_eq!(f.evidence.len(), 2);
    assert_eq!(
        (f.evidence[1].path.as_str(), f.evidence[1].line),
        ("events.txt", 31)
    );
}

#[test]
fn one_story_per_certificate() {
    let d = run(
        &[("outage.txt", paste!("kb4495258-outage-en-us.txt"))],
        &[],
        &[],
        Lang::En,
        FEB_1_2025,
    );
    let log_row = Evidence {
        path: "SEND.LOG".into(),
        line: 22,
        text: "TLS negotiation failed with error NoCredentials".into(),
    };
    let engine = |id: &str, thumbprint: &str| Finding {
        id: crate::ids::FindingId::parse(id).unwrap(),
        severity: Severity::Error,
        title: format!("engine {id}"),
        explanation: String::new(),
        evidence: vec![log_row.clone()],
        thumbprints: vec![thumbprint.into()],
        connectors: vec!["Outbound to Office 365".into()],
        remediation: None,
    };
    let mut findings = vec![
        engine("no-credentials", "3d5f8a1c9e2b4d6f8a0c2e4f6a8b0d2f4e6a8c0b"),
        engine(
            "certificate-expired",
            "9E7C5A3B1D0F8E6C4A2B0D9F7E5C3A1B9D7F5E3C",
        ),
    ];
    let pasted_title = d.findings[0].title.clone();
    // What the `no-credentials` rule does with its findings from the log and from the paste.
    absorb(
        &mut findings,
        0,
        crate::ids::FindingId::NoCredentials,
        &d.findings,
    );
    let ids: Vec<&str> = findings.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, vec!["certificate-expired", "no-credentials"]);
    assert_eq!(findings[1].title, pasted_title);
    assert!(findings[1].evidence.contains(&log_row));
    assert_eq!(findings[1].connectors, vec!["Outbound to Office 365"]);
    assert_eq!(d.verdict.as_deref(), Some(pasted_title.as_str()));
}

#[test]
fn nothing_pasted_to_absorb_changes_nothing() {
    let d = run(
        &[(
            "ok.txt",
            "Thumbprint    : 4F6A8C0E2A4C6E8A0B2D4F6A8C0E2B4D6F8A6B2D\nHasPrivateKey : True\n",
        )],
        &[],
        &[],
        Lang::En,
        FEB_1_2025,
    );
    assert!(d.findings.is_empty());
    assert_eq!(d.verdict, None);
    let mut findings = Vec::new();
    absorb(
        &mut findings,
        0,
        crate::ids::FindingId::NoCredentials,
        &d.findings,
    );
    assert!(findings.is_empty());
}

#[test]
fn renewal_trap_when_both_have_expired_says_a_new_certificate_is_needed() {
    // 2026-06-01: the renewed certificate expired on 20.01.2026 too.
    let d = run(
        &[("renewal.txt", paste!("renewal-trap-de-de.txt"))],
        &[],
        &[],
        Lang::En,
        1_780_272_000,
    );
    let ambiguous = d
        .findings
        .iter()
        .find(|f| f.id == "ambiguous-tls-certificate-name")
        .unwrap();
    assert!(
        ambiguous.explanation.contains(
            "None of them is valid now; Exchange falls back to the newest: CN=mail.contoso.de"
        ),
        "{}",
        ambiguous.explanation
    );
    let expired = d
        .findings
        .iter()
        .find(|f| f.id == "certificate-expired")
        .expect("expired");
    assert_eq!(
        expired.title,
        "The certificate that connector \"Internet\" uses expired on 20.01.2026 00:59:59"
    );
    assert_eq!(
        expired.thumbprints,
        vec!["C1E3A5C7E9B1D3F5A7C9E1B3D5F7A9C1E3B5D7F9"]
    );
    // The renewal of the expired certificate itself: its subject and all its names (the
    // listing shows four of them, cut with `...`) carry over; a request for the CN alone
    // would drop autodiscover and the rest.
    assert!(
        ps(expired).contains("$request = Get-ExchangeCertificate -Thumbprint C1E3A5C7E9B1D3F5A7C9E1B3D5F7A9C1E3B5D7F9 | New-ExchangeCertificate -GenerateRequest -PrivateKeyExportable $true"),
        "{}",
        ps(expired)
    );
    assert!(!ps(expired).contains("-DomainName 'mail.contoso.de' "));
}

#[test]
fn connector_certificate_expiring_soon_points_to_the_renewal_in_german() {
    // 2025-01-25: the old certificate (until 14.02.2025) is still Exchange's pick only when
    // the renewal has another issuer; here the connector names the old issuer.
    let text = "Identity               : Internet\n\
SourceTransportServers : {EX01}\n\
TlsCertificateName     : <I>CN=GEANT OV RSA CA 4, O=GEANT Vereniging, C=NL<S>CN=mail.contoso.de\n\
\n\
Subject       : CN=mail.contoso.de\n\
Issuer        : CN=GEANT OV RSA CA 4, O=GEANT Vereniging, C=NL\n\
Thumbprint    : 6B2D4F6A8C0E2A4C6E8A0B2D4F6A8C0E2B4D6F8A\n\
HasPrivateKey : True\n\
Services      : IIS, SMTP\n\
NotBefore     : 15.02.2024 01:00:00\n\
NotAfter      : 14.02.2025 00:59:59\n\
\n\
Subject       : CN=mail.contoso.de\n\
Issuer        : CN=HARICA GEANT TLS RSA 1, O=Hellenic Academic and Research Institutions CA, C=GR\n\
Thumbprint    : C1E3A5C7E9B1D3F5A7C9E1B3D5F7A9C1E3B5D7F9\n\
HasPrivateKey : True\n\
Services      : IIS\n\
NotBefore     : 20.01.2025 01:00:00\n\
NotAfter      : 20.01.2026 00:59:59\n";
    let d = run(&[("de.txt", text)], &[], &[], Lang::De, 1_737_763_200);
    assert_eq!(ids(&d), vec!["certificate-expires-soon"]);
    let f = &d.findings[0];
    assert_eq!(
        f.title,
        "Das Zertifikat, das der Connector \"Internet\" verwendet, läuft in 20 Tagen ab"
    );
    assert!(f.explanation.contains("Ein gültiges Zertifikat mit demselben Antragsteller ist schon vorhanden: CN=mail.contoso.de (Fingerabdruck C1E3A5C7E9B1D3F5A7C9E1B3D5F7A9C1E3B5D7F9"));
    assert!(ps(f).contains("Enable-ExchangeCertificate -Server 'EX01' -Thumbprint C1E3A5C7E9B1D3F5A7C9E1B3D5F7A9C1E3B5D7F9 -Services SMTP"));
    assert!(ps(f).contains("Set-SendConnector -Identity 'Internet' -TlsCertificateName \"<I>$($cert.Issuer)<S>$($cert.Subject)\""));
}

#[test]
fn event_12014_for_a_host_whose_certificate_lacks_smtp_says_enable_it() {
    let event = paste!("event-12014-ereignisanzeige-de-de.txt");
    let cert = "Subject            : CN=mail.contoso.de\nIssuer             : CN=GEANT OV RSA CA 4, O=GEANT Vereniging, C=NL\nCertificateDomains : {mail.contoso.de, contoso.de}\nThumbprint         : C1E3A5C7E9B1D3F5A7C9E1B3D5F7A9C1E3B5D7F9\nHasPrivateKey      : True\nServices           : IIS\n";
    let d = run(
        &[("event.txt", event), ("cert.txt", cert)],
        &[],
        &[],
        Lang::De,
        FEB_1_2025,
    );
    let f = d
        .findings
        .iter()
        .find(|f| f.id == "tls-certificate-name-matches-nothing")
        .expect("12014");
    assert!(
        f.explanation
            .contains("passt, aber unter Services fehlt SMTP"),
        "{}",
        f.explanation
    );
    // The one that fits is not also called one that does not ("Keines der 1 ... passt").
    assert!(!f.explanation.contains("Keines der"), "{}", f.explanation);
    assert_eq!(
        f.thumbprints,
        vec!["C1E3A5C7E9B1D3F5A7C9E1B3D5F7A9C1E3B5D7F9"]
    );
    assert!(ps(f).contains("Enable-ExchangeCertificate -Thumbprint C1E3A5C7E9B1D3F5A7C9E1B3D5F7A9C1E3B5D7F9 -Services SMTP"));
    // Event alone: no certificate count is claimed.
    let alone = run(&[("event.txt", event)], &[], &[], Lang::En, FEB_1_2025);
    assert!(!alone.findings[0].explanation.contains("None of the"));
    assert!(alone.findings[0]
        .explanation
        .starts_with("Connector \"Default EX01\" asks for the certificate mail.contoso.de."));
}

fn sample_report(thumbprint: &str) -> CertificateReport {
    CertificateReport {
        thumbprint: thumbprint.into(),
        sha256: String::new(),
        subject: "CN=mail.contoso.com, O=Contoso Ltd, L=Redmond, S=Washington, C=US".into(),
        issuer: "CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US".into(),
        subject_rfc4514: String::new(),
        issuer_rfc4514: String::new(),
        serial_number: "0A8E27C4D5B61F3902E4A7C81D6B5F29".into(),
        not_before: "2025-01-14T00:00:00Z".into(),
        not_after: "2026-01-14T23:59:59Z".into(),
        public_key: "RSA-2048".into(),
        signature_algorithm_oid: "1.2.840.113549.1.1.11".into(),
        dns_names: vec!["mail.contoso.com".into()],
        has_private_key: false,
        friendly_name: None,
        local_key_id: None,
        tls_certificate_name: String::new(),
        version: 3,
        self_signed: false,
        subject_alternative_names: Vec::new(),
        extended_key_usages: Vec::new(),
        key_usages: Vec::new(),
        is_ca: None,
        extension_count: 0,
        warnings: Vec::new(),
        matching_key_file: None,
        private_key_locked: false,
    }
}

/// A receive connector pasted without its prompt line and with only properties both kinds
/// have is told by Exchange's default Receive connector name: the fix is `Set-ReceiveConnector`
/// (it was `Set-SendConnector`, which finds no send connector of that name).
#[test]
fn default_receive_connector_name_gets_set_receiveconnector() {
    let text = paste!("receiveconnector-output-only-default-frontend-name.txt");
    let d = run(&[("rc.txt", text)], &[], &[], Lang::En, FEB_1_2025);
    let f = d
        .findings
        .iter()
        .find(|f| f.id == "tls-certificate-name-malformed")
        .expect("malformed name");
    let ps = ps(f);
    assert!(
        ps.contains("Set-ReceiveConnector -Identity 'Default Frontend EX01' -TlsCertificateName"),
        "{ps}"
    );
    assert!(!ps.contains("Set-SendConnector"), "{ps}");
}
