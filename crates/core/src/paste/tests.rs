//! Parser tests on realistic pastes under `testdata/paste/` (see its README for sources).

use super::connector::ConnectorKind;
use super::event::EventMeaning;
use super::tls_certificate_name::TlsNameProblem;
use super::*;

macro_rules! paste {
    ($name:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../testdata/paste/",
            $name
        ))
    };
}

#[test]
fn kb4495258_outage_queue_connector_and_certificates() {
    let out = parse_text(paste!("kb4495258-outage-en-us.txt"));
    assert_eq!(out.queues.len(), 1);
    let q = &out.queues[0];
    assert!(q.is_retry());
    assert!(q.last_error_is_421_timeout());
    assert_eq!(q.message_count, Some(37));
    assert_eq!(
        q.next_hop_domain.as_deref(),
        Some("contoso-com.mail.protection.outlook.com")
    );
    assert!(q
        .last_error
        .as_deref()
        .unwrap()
        .ends_with("The last endpoint attempted was 104.47.75.164:25"));
    assert!(q
        .last_error
        .as_deref()
        .unwrap()
        .contains("Either there are no alternate hosts"));

    assert_eq!(out.connectors.len(), 1);
    let c = &out.connectors[0];
    assert_eq!(c.kind, ConnectorKind::Send);
    assert_eq!(c.display_name(), "Outbound to Office 365");
    assert_eq!(c.require_tls, Some(true));
    assert_eq!(c.cloud_services_mail_enabled, Some(true));
    assert_eq!(c.tls_auth_level.as_deref(), Some("DomainValidation"));
    assert_eq!(
        c.smart_hosts,
        vec!["contoso-com.mail.protection.outlook.com"]
    );
    assert_eq!(c.source_transport_servers, vec!["EX01"]);
    assert_eq!(
        c.address_spaces,
        vec!["smtp:contoso.mail.onmicrosoft.com;1"]
    );
    assert_eq!(
        c.tls_certificate_name.as_deref(),
        Some("<I>CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US<S>CN=mail.contoso.com, O=Contoso Ltd, L=Redmond, S=Washington, C=US")
    );
    assert!(c
        .tls_certificate_name_parsed
        .as_ref()
        .unwrap()
        .is_well_formed());
    assert_eq!(
        out.line_text(c.tls_certificate_name_line)
            .trim_start()
            .split(':')
            .next(),
        Some("TlsCertificateName            ")
    );

    assert_eq!(out.certificates.len(), 2);
    let third_party = &out.certificates[0];
    assert_eq!(
        third_party.thumbprint.as_deref(),
        Some("3D5F8A1C9E2B4D6F8A0C2E4F6A8B0D2F4E6A8C0B")
    );
    assert_eq!(third_party.has_private_key, Some(false));
    assert_eq!(
        third_party.services.as_deref(),
        Some(&["IIS".to_string(), "SMTP".to_string()][..])
    );
    assert_eq!(
        third_party.not_after.as_ref().unwrap().local.as_deref(),
        Some("2026-01-14T23:59:59")
    );
    assert_eq!(
        third_party.certificate_domains,
        vec![
            "mail.contoso.com",
            "autodiscover.contoso.com",
            "contoso.com"
        ]
    );
    assert_eq!(third_party.tls_certificate_name(), c.tls_certificate_name);
    assert_eq!(
        out.line_text(third_party.has_private_key_line),
        "HasPrivateKey      : False"
    );
    let self_signed = &out.certificates[1];
    assert_eq!(self_signed.self_signed(), Some(true));
    assert_eq!(self_signed.root_ca_type.as_deref(), Some("Registry"));
    assert_eq!(out.skipped_lines, 0);
}

#[test]
fn kb_format_list_selection_with_german_dates_and_cut_domains() {
    let out = parse_text(paste!("renewal-trap-de-de.txt"));
    assert_eq!(out.certificates.len(), 3);
    let old = &out.certificates[0];
    assert_eq!(old.friendly_name.as_deref(), Some("mail.contoso.de 2024"));
    assert_eq!(
        old.not_before.as_ref().unwrap().local.as_deref(),
        Some("2024-02-15T01:00:00")
    );
    assert_eq!(
        old.not_after.as_ref().unwrap().local.as_deref(),
        Some("2025-02-14T00:59:59")
    );
    assert!(old.certificate_domains_truncated);
    assert_eq!(old.certificate_domains.len(), 4);
    assert_eq!(
        old.has_private_key, None,
        "the KB selection does not show HasPrivateKey"
    );
    assert_eq!(old.services, None);
    let new = &out.certificates[1];
    assert_eq!(new.tls_certificate_name(), old.tls_certificate_name());
    assert_eq!(out.connectors.len(), 1);
    let c = &out.connectors[0];
    assert_eq!(
        c.kind,
        ConnectorKind::Send,
        "the prompt line says Get-SendConnector"
    );
    assert_eq!(c.display_name(), "Internet");
    assert_eq!(c.source_transport_servers, vec!["EX01", "EX02"]);
    // Word-wrapped after "O=Contoso GmbH," with the trailing space trimmed by the copy.
    assert_eq!(c.tls_certificate_name, old.tls_certificate_name());
    // The German RPC error text (2 lines) is read as one server error now (it was 2 skipped
    // lines before the server-error reader existed).
    assert_eq!(out.skipped_lines, 0);
    assert_eq!(out.server_errors.len(), 1);
    assert_eq!(out.server_errors[0].server.as_deref(), Some("EX01"));
}

#[test]
fn certificate_store_table_with_select_object_lowercase_headers() {
    let out = parse_text(paste!("cert-store-select-thumbprint-hasprivatekey.txt"));
    assert_eq!(out.certificates.len(), 3);
    assert!(out
        .certificates
        .iter()
        .all(|c| c.source == certificate::CertificateSource::CertificateStore));
    assert_eq!(out.certificates[0].has_private_key, Some(false));
    assert_eq!(out.certificates[1].has_private_key, Some(true));
    assert_eq!(
        out.certificates[0].subject.as_deref(),
        Some("CN=mail.contoso.com, O=Contoso Ltd, L=Redmond, S=Washington, C=US")
    );
    assert_eq!(out.certificates[0].line, 5);
}

#[test]
fn exchange_certificate_default_table_services_letters_and_cut_subject() {
    let out = parse_text(paste!("get-exchangecertificate-default-table.txt"));
    assert_eq!(out.certificates.len(), 3);
    let c = &out.certificates[0];
    assert_eq!(
        c.source,
        certificate::CertificateSource::ExchangeCertificate
    );
    assert_eq!(
        c.services.as_deref(),
        Some(&["IIS".to_string(), "SMTP".to_string()][..])
    );
    assert_eq!(
        c.subject, None,
        "a subject cut with ... is not kept as a name"
    );
    assert_eq!(out.certificates[1].subject.as_deref(), Some("CN=EX01"));
    assert_eq!(out.certificates[2].has_smtp_service(), Some(false));
}

#[test]
fn get_queue_default_table() {
    let out = parse_text(paste!("get-queue-table.txt"));
    assert_eq!(out.queues.len(), 4);
    let retry: Vec<_> = out.queues.iter().filter(|q| q.is_retry()).collect();
    assert_eq!(retry.len(), 1);
    assert_eq!(retry[0].identity.as_deref(), Some("EX01\\3"));
    assert_eq!(retry[0].message_count, Some(37));
    assert_eq!(
        retry[0].next_hop_domain.as_deref(),
        Some("contoso-com.mail.protection.outlook.com")
    );
    assert_eq!(retry[0].line, 5);
}

/// `Get-Queue | ft ...,LastError -Wrap`: the LastError goes on under its column on the next
/// lines, the other columns blank. Those lines are the row's, not queues of their own.
#[test]
fn get_queue_table_wrapped_last_error() {
    let out = parse_text(paste!("get-queue-ft-wrap-lasterror.txt"));
    let ids: Vec<_> = out
        .queues
        .iter()
        .map(|q| q.identity.as_deref().unwrap_or("?"))
        .collect();
    assert_eq!(
        ids,
        [
            "EX01\\12",
            "EX01\\14",
            "EX01\\Submission",
            "EX01\\Shadow\\3"
        ]
    );
    assert_eq!(out.skipped_lines, 0);
    let q = &out.queues[0];
    assert!(q.is_retry());
    assert_eq!(q.message_count, Some(54));
    assert_eq!(q.next_hop_domain.as_deref(), Some("fabrikam.com"));
    assert_eq!(
        q.last_error.as_deref(),
        Some("451 4.4.0 Primary target IP address responded with: \"454 4.7.5 Certificate validation failure.\" Attempted failover to alternate host, but that did not succeed. Either there are no alternate hosts, or delivery failed to all alternate hosts. The last endpoint attempted was 203.0.113.25:25")
    );
    assert!(q
        .last_error_details()
        .is_some_and(|e| e.has_reply(454, "4.7.5")));
    assert_eq!((q.line, q.last_error_line), (5, 5));
    assert_eq!(out.queues[1].line, 10);
}

/// `Get-ExchangeCertificate | ft FriendlyName,Thumbprint,... -Wrap`: a certificate without a
/// friendly name is a row of its own (its line holds a thumbprint), a wrapped Subject or a
/// wrapped FriendlyName (first column only) continues the row above.
#[test]
fn certificate_table_wrapped_with_an_empty_first_column() {
    let out = parse_text(paste!("get-exchangecertificate-ft-empty-friendlyname.txt"));
    let thumbprints: Vec<_> = out
        .certificates
        .iter()
        .map(|c| c.thumbprint.as_deref().unwrap_or("?"))
        .collect();
    assert_eq!(
        thumbprints,
        [
            "9E7C5A3B1D0F8E6C4A2B0D9F7E5C3A1B9D7F5E3C",
            "4C6E8A0B2D4F6A8C0E2A4C6E8B0D2F4A6C8E0B2D",
            "2B4D6F8A0C2E4F6A8B0D2F4E6A8C0B3D5F8A1C9E"
        ]
    );
    assert_eq!(out.skipped_lines, 0);
    let mail = &out.certificates[1];
    assert_eq!(mail.friendly_name, None);
    assert_eq!(
        mail.subject.as_deref(),
        Some("CN=mail.contoso.com, O=Contoso Ltd, L=Redmond, S=Washington, C=US")
    );
    assert_eq!(
        mail.services.as_deref(),
        Some(&["IIS".to_string(), "SMTP".to_string()][..])
    );
    assert_eq!(
        mail.not_after.as_ref().and_then(|d| d.local.as_deref()),
        Some("2025-01-14T23:59:59")
    );
    assert_eq!(
        out.certificates[2].friendly_name.as_deref(),
        Some("Microsoft Exchange Server Auth Certificate")
    );
}

#[test]
fn event_viewer_12014_with_tls_certificate_name() {
    let out = parse_text(paste!("event-12014-event-viewer-en-us.txt"));
    assert_eq!(out.events.len(), 1);
    let e = &out.events[0];
    assert_eq!(e.event_id, Some(12014));
    assert_eq!(e.source.as_deref(), Some("MSExchangeFrontEndTransport"));
    assert_eq!(
        e.date.as_ref().unwrap().local.as_deref(),
        Some("2025-01-31T09:02:11")
    );
    assert_eq!(e.level.as_deref(), Some("Error"));
    assert_eq!(e.computer.as_deref(), Some("EX01.corp.contoso.com"));
    match &e.meaning {
        EventMeaning::CertificateNotFound {
            name,
            connector,
            fqdn_parameter,
        } => {
            assert_eq!(
                name,
                "<I>CN=Sectigo RSA Domain Validation Secure Server CA, O=Sectigo Limited, L=Salford, S=Greater Manchester, C=GB<S>CN=smtp.contoso.com"
            );
            assert_eq!(connector.as_deref(), Some("Default Frontend EX01"));
            assert_eq!(fqdn_parameter.as_deref(), Some(name.as_str()));
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn german_event_viewer_labels_and_date() {
    let out = parse_text(paste!("event-12014-ereignisanzeige-de-de.txt"));
    assert_eq!(out.events.len(), 1);
    let e = &out.events[0];
    assert_eq!(e.event_id, Some(12014));
    assert_eq!(e.source.as_deref(), Some("MSExchangeTransport"));
    assert_eq!(e.level.as_deref(), Some("Fehler"));
    assert_eq!(
        e.date.as_ref().unwrap().local.as_deref(),
        Some("2025-01-31T09:02:11")
    );
    assert!(
        matches!(&e.meaning, EventMeaning::CertificateNotFound { name, connector: Some(c), .. } if name == "mail.contoso.de" && c == "Default EX01")
    );
}

#[test]
fn event_collapsed_to_one_line() {
    let out = parse_text(paste!("event-12014-one-line-from-ticket.txt"));
    assert_eq!(out.events.len(), 1);
    let e = &out.events[0];
    assert_eq!(e.event_id, Some(12014));
    assert_eq!(e.computer.as_deref(), Some("EX01.corp.contoso.com"));
    assert_eq!(
        e.date.as_ref().unwrap().local.as_deref(),
        Some("2016-02-04T12:17:20")
    );
    assert!(
        matches!(&e.meaning, EventMeaning::CertificateNotFound { connector: Some(c), fqdn_parameter: Some(f), .. }
        if c == "Relay EX01" && f == "relay.contoso.com")
    );
}

#[test]
fn get_winevent_format_list_events() {
    let out = parse_text(paste!("events-get-winevent-fl.txt"));
    let ids: Vec<_> = out.events.iter().map(|e| e.event_id).collect();
    assert_eq!(
        ids,
        vec![Some(12016), Some(12018), Some(12017), Some(12023)]
    );
    assert!(
        matches!(&out.events[0].meaning, EventMeaning::StartTlsCertificateExpired { fqdn } if fqdn == "mail.contoso.com")
    );
    match &out.events[1].meaning {
        EventMeaning::StartTlsCertificateExpiresSoon {
            subject,
            thumbprint,
            hours_remaining,
        } => {
            assert_eq!(
                subject.as_deref(),
                Some("CN=mail.contoso.com, O=Contoso Ltd, L=Redmond, S=Washington, C=US")
            );
            assert_eq!(
                thumbprint.as_deref(),
                Some("7A9C1E3B5D7F9A1C3E5B7D9F1A3C5E7B9D1F3A5C")
            );
            assert_eq!(*hours_remaining, Some(95));
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(
        matches!(&out.events[2].meaning, EventMeaning::InternalCertificateExpiresSoon { thumbprint: Some(t), hours_remaining: Some(311) }
        if t == "8B0D2F4A6C8E0A2C4E6B8D0F2A4C6E8B0D2F4A6C")
    );
    assert!(
        matches!(&out.events[3].meaning, EventMeaning::CertificateNotLoaded { thumbprint: Some(t) } if t == "7A9C1E3B5D7F9A1C3E5B7D9F1A3C5E7B9D1F3A5C")
    );
    assert_eq!(
        out.events[0].date.as_ref().unwrap().local.as_deref(),
        Some("2025-02-14T01:00:04")
    );
    assert_eq!(
        out.events[3].computer.as_deref(),
        Some("EX02.corp.contoso.com")
    );
}

#[test]
fn receive_connectors_with_malformed_tls_certificate_names() {
    let out = parse_text(paste!("get-receiveconnector-fl-tlsname-wrong.txt"));
    assert_eq!(out.connectors.len(), 2);
    let frontend = &out.connectors[0];
    assert_eq!(frontend.kind, ConnectorKind::Receive);
    assert_eq!(frontend.set_identity(), "EX01\\Default Frontend EX01");
    assert_eq!(frontend.bindings, vec!["[::]:25", "0.0.0.0:25"]);
    assert_eq!(frontend.auth_mechanism.len(), 5);
    let parsed = frontend.tls_certificate_name_parsed.as_ref().unwrap();
    assert_eq!(parsed.problems, vec![TlsNameProblem::SubjectBeforeIssuer]);
    assert_eq!(
        parsed.issuer.as_deref(),
        Some("CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US")
    );
    let client = &out.connectors[1];
    assert_eq!(
        client
            .tls_certificate_name_parsed
            .as_ref()
            .unwrap()
            .host_name(),
        Some("mail.contoso.com")
    );
}

#[test]
fn utf16_file_written_by_windows_powershell_redirect() {
    let text = paste!("cert-store-select-thumbprint-hasprivatekey.txt").replace('\n', "\r\n");
    let mut bytes = vec![0xff, 0xfe];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    assert!(looks_like_shell_output(&bytes));
    let out = parse(&bytes).expect("readable");
    assert_eq!(out.certificates.len(), 3);
    assert_eq!(
        out.certificates[2].thumbprint.as_deref(),
        Some("0F1E2D3C4B5A69788796A5B4C3D2E1F00F1E2D3C")
    );
}

/// Windows PowerShell 5.1's `Set-Content` / `Add-Content` write the ANSI code page
/// (Windows-1252 on a German server): `ü` is the one byte 0xFC, which is no UTF-8.
#[test]
fn set_content_windows_1252_umlauts_are_read_as_written() {
    let bytes = include_bytes!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../testdata/paste/set-content-windows-1252-umlauts-de-de.txt"
    ));
    // `ü` as the single byte 0xFC after `M`: the fixture is no UTF-8.
    assert!(
        bytes.windows(2).any(|w| w == b"M\xfc"),
        "the fixture is Windows-1252"
    );
    assert!(looks_like_shell_output(bytes));
    let out = parse(bytes).expect("readable");
    assert_eq!(out.certificates.len(), 2);
    assert_eq!(
        out.certificates[0].subject.as_deref(),
        Some("CN=mail.mueller-gmbh.de, O=Müller GmbH, L=München, S=Bayern, C=DE")
    );
    assert_eq!(
        out.certificates[0].friendly_name.as_deref(),
        Some("Zertifikat Müller GmbH 2025")
    );
    let c = &out.connectors[0];
    assert_eq!(c.identity.as_deref(), Some("Ausgehend über Smarthost"));
    assert_eq!(
        c.tls_certificate_name_parsed
            .as_ref()
            .and_then(|n| n.subject.as_deref()),
        Some("CN=mail.mueller-gmbh.de, O=Müller GmbH, L=München, S=Bayern, C=DE")
    );
    assert!(
        !out.line_text(30).contains('\u{fffd}'),
        "{}",
        out.line_text(30)
    );
    // The other bytes of 0x80..=0x9F are Windows-1252's, not Latin-1's C1 controls.
    assert_eq!(
        decode_text(b"Preis \x80 \x84x\x93 \x96 \xe4"),
        "Preis € „x“ – ä"
    );
    // A UTF-8 text cut inside a character (the sniffed head of a file) stays UTF-8.
    assert_eq!(
        decode_text("Müller ü".as_bytes().split_last().unwrap().1),
        "Müller \u{fffd}"
    );
}

/// `Enter-PSSession` prompts `[ex01.contoso.com]: PS C:\\Users\\admin\\Documents>`: the command
/// typed there tells a receive connector listed by `Name` only from a send connector.
#[test]
fn remote_session_prompt_names_the_command() {
    let out = parse_text(paste!(
        "remote-session-prompt-receiveconnector-name-only.txt"
    ));
    assert_eq!(out.skipped_lines, 0);
    assert_eq!(out.connectors.len(), 1);
    assert_eq!(out.connectors[0].kind, ConnectorKind::Receive);
    assert_eq!(out.connectors[0].set_cmdlet(), "Set-ReceiveConnector");
    assert_eq!(out.certificates.len(), 1);
    // The same from a transcript (`Start-Transcript -IncludeInvocationHeader`: `PS>cmd`).
    let out = parse_text(paste!(
        "start-transcript-invocation-header-receiveconnector.txt"
    ));
    assert_eq!(out.connectors.len(), 1);
    assert_eq!(out.connectors[0].kind, ConnectorKind::Receive);
    assert_eq!(out.certificates.len(), 1);
    for (line, command) in [
        (
            "[ex01.contoso.com]: PS C:\\Users\\admin\\Documents> Get-Queue",
            Some("Get-Queue"),
        ),
        (
            "PS /home/admin> Get-SendConnector | fl",
            Some("Get-SendConnector | fl"),
        ),
        (
            "PS ~/exo> Get-ExchangeCertificate",
            Some("Get-ExchangeCertificate"),
        ),
        ("[PS] C:\\Windows\\system32>Get-Queue", Some("Get-Queue")),
        (
            "PS>Get-ReceiveConnector | fl",
            Some("Get-ReceiveConnector | fl"),
        ),
        ("PSVersion: 5.1.17763.6414", None),
        ("PSComputerName : ex01", None),
        ("[Warning]: the value is C:\\> odd", None),
        ("Bindings : {[::]:25}", None),
        ("/var/log/x > y", None),
    ] {
        assert_eq!(prompt_command(line), command, "{line}");
    }
}

#[test]
fn detection_says_yes_to_pastes_and_no_to_other_files() {
    for text in [
        paste!("kb4495258-outage-en-us.txt"),
        paste!("renewal-trap-de-de.txt"),
        paste!("get-queue-table.txt"),
        paste!("event-12014-event-viewer-en-us.txt"),
        paste!("events-get-winevent-fl.txt"),
    ] {
        assert!(looks_like_shell_output(text.as_bytes()), "{}", &text[..60]);
    }
    assert!(!looks_like_shell_output(
        b"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
    ));
    assert!(!looks_like_shell_output(
        b"#Software: Microsoft Exchange Server\r\n#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context\r\n"
    ));
    assert!(!looks_like_shell_output(
        b"Bag Attributes\n    localKeyId: 01 00 00 00\nsubject=/CN=mail.contoso.com\n"
    ));
    assert!(!looks_like_shell_output(b"\x30\x82\x01\x00\x00\x00"));
    assert!(!looks_like_shell_output(b""));
}

#[test]
fn errors_are_named() {
    assert_eq!(parse(b"   \n").unwrap_err().code(), "empty");
    assert_eq!(parse(b"hello world\n").unwrap_err().code(), "malformed");
}

#[test]
fn hostile_input_stays_bounded() {
    // One property with a huge wrapped value: capped, no panic.
    let mut text =
        String::from("Thumbprint : 3D5F8A1C9E2B4D6F8A0C2E4F6A8B0D2F4E6A8C0B\nSubject    : CN=a\n");
    for _ in 0..5000 {
        text.push_str(
            "             xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n",
        );
    }
    let out = parse_text(&text);
    assert_eq!(out.certificates.len(), 1);
    assert!(
        out.certificates[0].subject.as_ref().unwrap().len() <= crate::limits::MAX_PASTE_VALUE_CHARS
    );
    // Odd shapes: a lone underline, unbalanced tags, multi-byte text in table cells.
    let out = parse_text("----- ---\n\nA : {\nÄÖÜ ---\n--- ---\nx y\n");
    assert!(out.is_empty());
}

#[test]
fn certificate_store_default_view_and_fl_star() {
    let text = "PS C:\\> Get-ChildItem Cert:\\LocalMachine\\My\n\n\n   PSParentPath: Microsoft.PowerShell.Security\\Certificate::LocalMachine\\My\n\n\
Thumbprint                                Subject\n\
----------                                -------\n\
3D5F8A1C9E2B4D6F8A0C2E4F6A8B0D2F4E6A8C0B  CN=mail.contoso.com, O=Contoso Ltd, L=Redmond, S=Washington, C=US\n\n\
PS C:\\> Get-ChildItem Cert:\\LocalMachine\\My\\9E7C5A3B1D0F8E6C4A2B0D9F7E5C3A1B9D7F5E3C | fl *\n\n\
PSPath                   : Microsoft.PowerShell.Security\\Certificate::LocalMachine\\My\\9E7C5A3B1D0F8E6C4A2B0D9F7E5C3A1B9D7F5E3C\n\
DnsNameList              : {EX01, EX01.corp.contoso.com}\n\
HasPrivateKey            : True\n\
Thumbprint               : 9E7C5A3B1D0F8E6C4A2B0D9F7E5C3A1B9D7F5E3C\n\
Subject                  : CN=EX01\n\
Issuer                   : CN=EX01\n";
    let out = parse_text(text);
    assert_eq!(out.certificates.len(), 2);
    assert_eq!(
        out.certificates[0].subject.as_deref(),
        Some("CN=mail.contoso.com, O=Contoso Ltd, L=Redmond, S=Washington, C=US")
    );
    assert_eq!(out.certificates[0].has_private_key, None);
    assert_eq!(
        out.certificates[1].certificate_domains,
        vec!["EX01", "EX01.corp.contoso.com"]
    );
    assert_eq!(out.certificates[1].self_signed(), Some(true));
    assert_eq!(out.skipped_lines, 1, "the PSParentPath line");
}

#[test]
fn label_words_inside_an_event_description_stay_in_the_message() {
    let text = "Log Name:      Application\nSource:        MSExchangeTransport\nEvent ID:      12016\nDescription:\nThere is no valid SMTP Transport Layer Security (TLS) certificate for the FQDN of mail.contoso.com. The existing certificate for that FQDN has expired. Computer: note from the admin. Date: yesterday.\n";
    let out = parse_text(text);
    let e = &out.events[0];
    assert!(
        e.message
            .ends_with("Computer: note from the admin. Date: yesterday."),
        "{}",
        e.message
    );
    assert_eq!(e.computer, None);
    assert!(
        matches!(&e.meaning, EventMeaning::StartTlsCertificateExpired { fqdn } if fqdn == "mail.contoso.com")
    );
}

#[test]
fn every_cut_of_every_paste_parses_without_panic() {
    for text in [
        paste!("kb4495258-outage-en-us.txt"),
        paste!("renewal-trap-de-de.txt"),
        paste!("get-queue-table.txt"),
        paste!("event-12014-event-viewer-en-us.txt"),
        paste!("event-12014-ereignisanzeige-de-de.txt"),
        paste!("event-12014-one-line-from-ticket.txt"),
        paste!("events-get-winevent-fl.txt"),
        paste!("get-receiveconnector-fl-tlsname-wrong.txt"),
        paste!("get-exchangecertificate-default-table.txt"),
    ] {
        let bytes = text.as_bytes();
        for cut in (0..bytes.len()).step_by(5) {
            let _ = parse(&bytes[..cut]);
            let _ = parse(&bytes[cut..]);
        }
    }
}

#[test]
fn powershell_7_ansi_colours_are_ignored() {
    let text = "\u{1b}[32;1mThumbprint    : \u{1b}[0m3D5F8A1C9E2B4D6F8A0C2E4F6A8B0D2F4E6A8C0B\n\u{1b}[32;1mHasPrivateKey : \u{1b}[0mFalse\n\u{1b}[32;1mSubject       : \u{1b}[0mCN=mail.contoso.com\n";
    let out = parse_text(text);
    assert_eq!(out.certificates.len(), 1);
    assert_eq!(out.certificates[0].has_private_key, Some(false));
    assert_eq!(
        out.certificates[0].subject.as_deref(),
        Some("CN=mail.contoso.com")
    );
    assert_eq!(strip_ansi("a\u{1b}[1mb\u{1b}"), "ab");
    assert_eq!(
        strip_ansi("a\u{1b}\nb\u{1b}[12\nc"),
        "a\nb\nc",
        "line ends survive broken sequences"
    );
}

#[test]
fn connector_kind_from_a_bare_selection() {
    let out = parse_text("Identity           : EX01\\Client Frontend EX01\nTlsCertificateName : <I>CN=R10<S>CN=mail.contoso.com\n\nIdentity           : Outbound\nTlsCertificateName : <I>CN=R10<S>CN=mail.contoso.com\n");
    assert_eq!(out.connectors[0].kind, ConnectorKind::Receive);
    assert_eq!(out.connectors[0].set_cmdlet(), "Set-ReceiveConnector");
    assert_eq!(out.connectors[1].kind, ConnectorKind::Unknown);
    assert_eq!(out.connectors[1].set_cmdlet(), "Set-SendConnector");
}

#[test]
fn serial_numbers_read_the_same_from_a_list_and_a_table() {
    let list = parse_text("Thumbprint   : 3D68C9DB575E6FDB56A81AE43B014E129349E024\nSubject      : CN=mail.contoso.com\nSerialNumber : 54 00 00 00 32 0f 03\n");
    let table = parse_text(
        "Thumbprint                               SerialNumber         Subject\n\
         ----------                               ------------         -------\n\
         3D68C9DB575E6FDB56A81AE43B014E129349E024 54 00 00 00 32 0f 03 CN=mail.contoso.com\n",
    );
    assert_eq!(
        list.certificates[0].serial_number.as_deref(),
        Some("5400000032 0F03".replace(' ', "").as_str())
    );
    assert_eq!(table.certificates.len(), 1);
    assert_eq!(
        table.certificates[0].serial_number,
        list.certificates[0].serial_number
    );
}

/// Dates of cultures the reader knows are read (ja-JP `yyyy/MM/dd`, nl-NL `dd-MM-yyyy`,
/// en-AU `d/MM/yyyy tt`, en-CA `a.m.`); one it does not (a Japanese long date typed into a
/// ticket) gives a warning naming the line, so the certificate's dates are not silently
/// unjudged.
#[test]
fn dates_of_other_cultures_and_an_unreadable_one() {
    let text = "Thumbprint : 5D5F8A1C9E2B4D6F8A0C2E4F6A8B0D2F4E6A8C0B\nSubject    : CN=mail.contoso.fr\nNotAfter   : 2026/11/20 8:59:59\nNotBefore  : 20-11-2025 09:00:00\n\nThumbprint : 6D5F8A1C9E2B4D6F8A0C2E4F6A8B0D2F4E6A8C0B\nSubject    : CN=mail.contoso.com.au\nNotAfter   : 5/01/2027 8:59:59 AM\nNotBefore  : 2026-01-05 9:00:00 a.m.\n\nThumbprint : 7D5F8A1C9E2B4D6F8A0C2E4F6A8B0D2F4E6A8C0B\nSubject    : CN=mail.contoso.jp\nNotAfter   : 2026年11月20日 8:59:59\n";
    let out = parse_text(text);
    let local = |i: usize| {
        let c = &out.certificates[i];
        (
            c.not_after.as_ref().and_then(|d| d.local.clone()),
            c.not_before.as_ref().and_then(|d| d.local.clone()),
        )
    };
    assert_eq!(
        local(0),
        (
            Some("2026-11-20T08:59:59".into()),
            Some("2025-11-20T09:00:00".into())
        )
    );
    assert_eq!(
        local(1),
        (
            Some("2027-01-05T08:59:59".into()),
            Some("2026-01-05T09:00:00".into())
        )
    );
    assert_eq!(local(2), (None, None));
    assert_eq!(out.warnings.len(), 1, "{:?}", out.warnings);
    assert!(
        out.warnings[0].message.starts_with(
            "The NotAfter of the certificate at line 11 (\"2026年11月20日 8:59:59\") is not a date"
        ),
        "{}",
        out.warnings[0]
    );
}
