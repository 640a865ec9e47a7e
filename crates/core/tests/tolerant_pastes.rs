//! Pasted text is read line by line (issue 12): prose, protocol-log rows, Format-List blocks,
//! event texts and error messages in one box are each read; an unrecognised line is counted
//! and never hides what follows.
//!
//! Sources: the log row is the one Microsoft quotes in KB 4495258 ("Outbound TLS fails with
//! NoCredentials": `Date/Time.ConnectorId,Outbound to Office 365,SessionId,22,...,*,,TLS
//! negotiation failed with error NoCredentials`); the session rows are those of
//! `testdata/paste/SEND20250131-1.LOG` (same KB scenario, full rows); the certificate block is
//! `Get-ExchangeCertificate | fl` as in KB 4495258; the event text is Event 12014 as Microsoft
//! documents it ("MSExchangeTransport 12014").

use tlsdoctor_core::analyze::{AnalyzeOptions, Analyzer};
use tlsdoctor_core::i18n::Lang;
use tlsdoctor_core::report::{AnalysisReport, FileKind};

const KB_ROW: &str = "Date/Time.ConnectorId,Outbound to Office 365,SessionId,22,192.168.0.78:28252,172.167.38.36:25,*,,TLS negotiation failed with error NoCredentials";

const SESSION_ROWS: &str = "2025-01-31T12:04:16.091Z,Outbound to Office 365,08DD41A2B3C4D5E6,10,10.0.0.25:28252,104.47.75.164:25,*,,Sending certificate
2025-01-31T12:04:16.091Z,Outbound to Office 365,08DD41A2B3C4D5E6,11,10.0.0.25:28252,104.47.75.164:25,*,\"CN=mail.contoso.com, O=Contoso Ltd, L=Redmond, S=Washington, C=US\",Certificate subject
2025-01-31T12:04:16.091Z,Outbound to Office 365,08DD41A2B3C4D5E6,14,10.0.0.25:28252,104.47.75.164:25,*,3D5F8A1C9E2B4D6F8A0C2E4F6A8B0D2F4E6A8C0B,Certificate thumbprint
2025-01-31T12:04:16.092Z,Outbound to Office 365,08DD41A2B3C4D5E6,16,10.0.0.25:28252,104.47.75.164:25,*,,TLS negotiation failed with error NoCredentials
";

const CERT_BLOCK: &str = "FriendlyName  : mail.contoso.com 2024
Subject       : CN=mail.contoso.com, O=Contoso Ltd, L=Redmond, S=Washington, C=US
Thumbprint    : 3D5F8A1C9E2B4D6F8A0C2E4F6A8B0D2F4E6A8C0B
HasPrivateKey : False
Services      : IMAP, POP, IIS, SMTP
NotAfter      : 3/1/2025 11:59:59 PM
";

const EVENT_12014: &str = "Microsoft Exchange could not find a certificate that contains the domain name mail.fabrikam.com in the personal store on the local computer. Therefore, it is unable to support the STARTTLS SMTP verb for the connector Default Frontend EX01 with a FQDN parameter of mail.fabrikam.com. If the connector's FQDN is not specified, the computer's FQDN is used. Verify the connector configuration and the installed certificates to make sure that there is a certificate with a domain name for that FQDN.";

fn analyze(lang: Lang, name: &str, text: &str) -> AnalysisReport {
    let mut a = Analyzer::new(AnalyzeOptions {
        lang,
        now_unix: 1_738_368_000, // 2025-02-01
        passwords: Vec::new(),
    });
    a.add_file(name, text.as_bytes());
    a.report()
}

#[test]
fn german_kb_excerpt_line_does_not_hide_the_log_row_after_it() {
    let text = format!(
        "Aus dem Microsoft-Artikel (KB 4495258, deutsche Fassung):\n\
         Im Sendeprotokoll (SmtpSend) finden Sie Einträge wie den folgenden:\n\
         \n{KB_ROW}\n"
    );
    let r = analyze(Lang::De, "ticket.txt", &text);
    assert_eq!(r.files[0].kind, FileKind::ShellOutput);
    assert!(r.files[0].error.is_none(), "{:?}", r.files[0].error);
    assert_eq!(r.pasted[0].output.log_rows, 1);
    assert_eq!(r.pasted[0].output.skipped_lines, 2);
    assert_eq!(r.tls_failures.len(), 1);
    assert_eq!(r.tls_failures[0].error, "NoCredentials");
    assert_eq!(r.tls_failures[0].connector, "Outbound to Office 365");
    assert_eq!(r.tls_failures[0].path, "ticket.txt");
    assert_eq!(r.tls_failures[0].line, 4, "the row's line in the paste");
    assert!(
        r.findings.iter().any(|f| f.id == "no-credentials"),
        "{:#?}",
        r.findings
    );
}

#[test]
fn ticket_with_a_sentence_then_log_rows() {
    let text = format!(
        "Hi team, since this morning mail to Office 365 is stuck in the queue.\n\
         Our admin copied this from the send log, see below.\n\
         Thanks!\n{SESSION_ROWS}"
    );
    let r = analyze(Lang::En, "ticket.txt", &text);
    assert!(r.files[0].error.is_none(), "{:?}", r.files[0].error);
    assert_eq!(r.tls_failures.len(), 1);
    assert_eq!(r.tls_failures[0].line, 7);
    assert_eq!(
        r.observed_certificates[0].thumbprint.as_deref(),
        Some("3D5F8A1C9E2B4D6F8A0C2E4F6A8B0D2F4E6A8C0B")
    );
    let f = r
        .findings
        .iter()
        .find(|f| f.id == "no-credentials")
        .unwrap();
    assert!(f
        .evidence
        .iter()
        .any(|e| e.path == "ticket.txt" && e.line == 7));
}

#[test]
fn mixed_box_prose_rows_format_list_and_event_text() {
    let text = format!(
        "Here is everything I have, sorry for the mess.\n\
         {SESSION_ROWS}\
         and the certificate:\n\
         \n{CERT_BLOCK}\n\
         Event Viewer said this on the frontend:\n\
         {EVENT_12014}\n\
         \n\
         This line means nothing to tlsdoctor.\n"
    );
    let r = analyze(Lang::En, "box.txt", &text);
    assert!(r.files[0].error.is_none(), "{:?}", r.files[0].error);
    let out = &r.pasted[0].output;
    assert_eq!(out.log_rows, 4);
    assert_eq!(out.certificates.len(), 1);
    assert_eq!(out.certificates[0].has_private_key, Some(false));
    assert_eq!(out.events.len(), 1);
    assert_eq!(out.events[0].event_id, Some(12014));
    // "Here is...", "and the certificate:", "Event Viewer said...", "This line means nothing..."
    assert_eq!(out.skipped_lines, 4);
    assert_eq!(r.tls_failures.len(), 1);
    // The log row and the pasted HasPrivateKey : False tell one story.
    let no_creds: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.id == "no-credentials")
        .collect();
    assert_eq!(no_creds.len(), 1, "{:#?}", r.findings);
    assert!(no_creds[0].evidence.iter().any(|e| e.line == 5));
    assert!(no_creds[0]
        .evidence
        .iter()
        .any(|e| e.text.starts_with("HasPrivateKey")));
}

#[test]
fn nothing_recognised_is_still_one_file_error_in_the_report_language() {
    let r = analyze(Lang::De, "notes.txt", "just some words\nand more words\n");
    let e = r.files[0].error.as_ref().unwrap();
    assert_eq!(e.code, "not-a-certificate");
    assert!(!e.message.contains("does not recognise"), "{}", e.message);
    assert!(e.message.contains("erkennt"), "{}", e.message);
}

/// A listing that does not show a certificate's subject (the default table cuts it with `...`)
/// or its issuer (`fl Thumbprint,Subject,...`) cannot prove that a connector's
/// TlsCertificateName "matches none of the certificates given": until 2026-12-06 both gave that
/// error about a connector that names the listed certificate.
#[test]
fn a_cut_subject_or_missing_issuer_is_not_a_certificate_name_matching_nothing() {
    for name in [
        "get-exchangecertificate-ft-subject-cut-and-send-connector.txt",
        "get-exchangecertificate-fl-no-issuer-and-send-connector.txt",
    ] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../testdata/paste")
            .join(name);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let r = analyze(Lang::En, name, &text);
        let ids: Vec<&str> = r.findings.iter().map(|f| f.id.as_str()).collect();
        assert!(
            !ids.contains(&"tls-certificate-name-matches-nothing"),
            "{name}: {ids:?}"
        );
        assert_eq!(ids, ["insufficient-evidence"], "{name}");
        // The connector and the certificates were read (the test is not passing on an empty read).
        assert_eq!(r.pasted[0].output.connectors.len(), 1, "{name}");
        assert!(!r.pasted[0].output.certificates.is_empty(), "{name}");
    }
}

/// `Get-ExchangeCertificate | fl` and `Get-SendConnector | fl` in a console formatted 48 columns
/// wide (value column 21, 27 columns per value line): PowerShell cuts a word wider than the line
/// at exactly the line's end (`CN=mail.con|toso.com,`, `l|egacy-mail...`, the thumbprint) and
/// breaks other lines after a word (`Let's|Encrypt,`). Until 2026-12-07 a cut word exactly one
/// line wide was joined with a space: the TlsCertificateName read `CN=mail.con toso.com` and
/// "matched none of the certificates given".
#[test]
fn values_cut_mid_word_at_the_console_width_are_joined_without_a_space() {
    let name = "get-exchangecertificate-sendconnector-fl-console-48-columns-cut-mid-word.txt";
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/paste")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
    let r = analyze(Lang::En, name, &text);
    let out = &r.pasted[0].output;
    assert_eq!(out.skipped_lines, 0);
    assert_eq!(out.certificates.len(), 1);
    let c = &out.certificates[0];
    assert_eq!(
        c.thumbprint.as_deref(),
        Some("5A1E3C7B9D2F4A6C8E0B1D3F5A7C9E1B3D5F7A9C")
    );
    assert_eq!(
        c.subject.as_deref(),
        Some("CN=mail.contoso.com, OU=IT, O=Contoso Ltd, L=Redmond, S=Washington, C=US")
    );
    assert_eq!(c.issuer.as_deref(), Some("CN=R11, O=Let's Encrypt, C=US"));
    assert_eq!(
        c.certificate_domains,
        [
            "mail.contoso.com",
            "autodiscover.contoso.com",
            "legacy-mail.eu-west.contoso-international.com",
            "contoso.com"
        ]
    );
    let k = &out.connectors[0];
    assert_eq!(
        k.tls_certificate_name.as_deref(),
        Some("<I>CN=R11, O=Let's Encrypt, C=US<S>CN=mail.contoso.com, OU=IT, O=Contoso Ltd, L=Redmond, S=Washington, C=US")
    );
    assert_eq!(
        k.tls_domain.as_deref(),
        Some("legacy-mail.eu-west.contoso-international.com")
    );
    let ids: Vec<&str> = r.findings.iter().map(|f| f.id.as_str()).collect();
    assert!(
        !ids.contains(&"tls-certificate-name-matches-nothing"),
        "{ids:?}"
    );
    assert!(!ids.contains(&"tls-certificate-name-malformed"), "{ids:?}");
}

/// A script's report file on a German server: `Set-Content $f "TLS-Prüfung EX01 ..."` (ANSI,
/// Windows-1252), then `Get-ExchangeCertificate | fl ... >> $f` and
/// `Get-SendConnector | fl ... >> $f` (UTF-16 LE without byte-order mark: `>>` does not look at the file's encoding,
/// PowerShell/PowerShell issue 9423) with an ANSI heading between them. Until 2026-12-07 the file
/// was read as Windows-1252 throughout, zero bytes and all: "not recognised".
#[test]
fn a_file_appended_to_in_another_encoding_is_read_part_by_part() {
    let name = "set-content-ansi-then-append-utf16-de-de.txt";
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/paste")
        .join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
    for (lang, words) in [
        (Lang::En, "The file mixes encodings (ANSI (Windows-1252), UTF-16 LE (\"Unicode\"); switching at the start of line(s) 2, 21, 22)"),
        (Lang::De, "Die Datei mischt Kodierungen (ANSI (Windows-1252), UTF-16 LE (\"Unicode\"); Wechsel am Anfang der Zeile(n) 2, 21, 22)"),
    ] {
        let mut a = Analyzer::new(AnalyzeOptions {
            lang,
            now_unix: 1_738_368_000,
            passwords: Vec::new(),
        });
        a.add_file(name, &bytes);
        let r = a.report();
        assert_eq!(r.files[0].kind, FileKind::ShellOutput);
        assert!(r.files[0].error.is_none(), "{:?}", r.files[0].error);
        let out = &r.pasted[0].output;
        assert!(
            r.files[0]
                .warnings
                .iter()
                .any(|w| w.message.starts_with(words)),
            "{:?}",
            r.files[0].warnings
        );
        // The two lines of the script's own text (the ANSI parts) are all that is not read.
        assert_eq!(out.skipped_lines, 2);
        assert_eq!(out.certificates.len(), 2);
        assert_eq!(
            out.certificates[0].subject.as_deref(),
            Some("CN=mail.mueller-gmbh.de, O=Müller GmbH, L=München, C=DE")
        );
        assert_eq!(
            out.certificates[1].thumbprint.as_deref(),
            Some("2E4A6C8E0B2D4F6A8C0E2B4D6F8A0C2E4B6D8F0A")
        );
        assert_eq!(out.connectors.len(), 1);
        assert_eq!(
            out.connectors[0].name.as_deref(),
            Some("Ausgehend über Smarthost")
        );
        assert_eq!(
            out.connectors[0].tls_certificate_name.as_deref(),
            Some("<I>CN=GEANT OV RSA CA 4, O=GEANT Vereniging, C=NL<S>CN=mail.mueller-gmbh.de, O=Müller GmbH, L=München, C=DE")
        );
        // The connector's name selects the listed certificate: nothing "matches nothing".
        assert!(!r
            .findings
            .iter()
            .any(|f| f.id == "tls-certificate-name-matches-nothing"));
    }
}

fn testdata(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/paste")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The shell's warnings and error records in a German and a French Exchange Management Shell
/// (`WARNUNG:`, `AVERTISSEMENT :`, `Get-X : Die Benennung ...`, `In Zeile:1 Zeichen:1`, the
/// `    + CategoryInfo` details) are read as such: not counted as unrecognised lines (12 and 5
/// until 2026-12-07), and a warning right above an object is no longer its first "property":
/// the certificate and the connector below one start at their own first line.
#[test]
fn localized_warnings_and_error_records_are_read_as_such() {
    use tlsdoctor_core::paste::shell_message::ShellMessageKind;
    let name = "ems-de-de-warnung-and-error-records.txt";
    let r = analyze(Lang::De, name, &testdata(name));
    let out = &r.pasted[0].output;
    assert_eq!(out.skipped_lines, 0);
    let certs: Vec<(u64, Option<&str>)> = out
        .certificates
        .iter()
        .map(|c| (c.line, c.thumbprint.as_deref()))
        .collect();
    assert_eq!(
        certs,
        [
            (9, Some("5A1E3C7B9D2F4A6C8E0B1D3F5A7C9E1B3D5F7A9C")),
            (17, Some("2E4A6C8E0B2D4F6A8C0E2B4D6F8A0C2E4B6D8F0A"))
        ]
    );
    assert_eq!(out.connectors.len(), 1);
    assert_eq!(
        out.connectors[0].name.as_deref(),
        Some("Outbound to Office 365")
    );
    let m = &out.shell_messages;
    assert_eq!(m.len(), 3);
    assert_eq!((m[0].kind, m[0].line), (ShellMessageKind::Error, 2));
    assert_eq!(m[0].command.as_deref(), Some("Get-ExchangeCertificate"));
    assert_eq!(
        m[0].exception.as_deref(),
        Some("ManagementObjectNotFoundException")
    );
    assert_eq!((m[1].kind, m[1].line), (ShellMessageKind::Warning, 16));
    assert!(m[1]
        .text
        .starts_with("Das Zertifikat mit dem Fingerabdruck"));
    assert_eq!((m[2].kind, m[2].line), (ShellMessageKind::Error, 26));
    assert_eq!(m[2].command.as_deref(), Some("Get-SendConnetor"));
    assert_eq!(m[2].exception.as_deref(), Some("CommandNotFoundException"));
    // The message, its three wrapped lines joined, without the position lines after it.
    assert!(
        m[2].text
            .starts_with("Die Benennung \"Get-SendConnetor\" wurde nicht")
            && m[2].text.ends_with("und wiederholen Sie den Vorgang."),
        "{}",
        m[2].text
    );

    let name = "ems-fr-fr-avertissement-and-error-record.txt";
    let r = analyze(Lang::En, name, &testdata(name));
    let out = &r.pasted[0].output;
    assert_eq!(out.skipped_lines, 0);
    assert_eq!(out.connectors.len(), 1);
    assert_eq!(
        out.connectors[0].line, 5,
        "the Identity line, not the warning"
    );
    assert_eq!(out.connectors[0].fqdn.as_deref(), Some("mail.contoso.com"));
    assert_eq!(out.certificates.len(), 1);
    assert_eq!(out.certificates[0].line, 14);
    let kinds: Vec<(ShellMessageKind, u64)> = out
        .shell_messages
        .iter()
        .map(|m| (m.kind, m.line))
        .collect();
    assert_eq!(
        kinds,
        [
            (ShellMessageKind::Warning, 2),
            (ShellMessageKind::Warning, 4),
            (ShellMessageKind::Error, 10)
        ]
    );
}

/// `Get-ExchangeCertificate | Export-Csv` (with the `#TYPE` line of Windows PowerShell 5.1) and
/// `Get-SendConnector | Export-Csv -UseCulture` on a German server (`;` between fields) are read
/// as the certificates and the connector they hold (until 2026-12-07: "not recognised"). A
/// multi-valued property Export-Csv wrote as `System.Collections.ArrayList` is not shown, never
/// read as a one-item list.
#[test]
fn export_csv_records_are_read_like_format_list_objects() {
    let mut a = Analyzer::new(AnalyzeOptions {
        lang: Lang::En,
        now_unix: 1_738_368_000,
        passwords: Vec::new(),
    });
    for name in [
        "export-csv-get-exchangecertificate-type-line.csv",
        "export-csv-usecult-get-sendconnector-de-de.csv",
    ] {
        a.add_file(name, testdata(name).as_bytes());
    }
    let r = a.report();
    for f in &r.files {
        assert_eq!(f.kind, FileKind::ShellOutput, "{}", f.path);
        assert!(f.error.is_none(), "{:?}", f.error);
    }
    let certs = &r.pasted[0].output;
    assert_eq!(certs.skipped_lines, 0);
    let read: Vec<(u64, Option<&str>, Option<bool>)> = certs
        .certificates
        .iter()
        .map(|c| (c.line, c.thumbprint.as_deref(), c.has_private_key))
        .collect();
    assert_eq!(
        read,
        [
            (
                3,
                Some("3D5F8A1C9E2B4D6F8A0C2E4F6A8B0D2F4E6A8C0B"),
                Some(false)
            ),
            (
                4,
                Some("9E7C5A3B1D0F8E6C4A2B0D9F7E5C3A1B9D7F5E3C"),
                Some(true)
            )
        ]
    );
    let c = &certs.certificates[0];
    assert_eq!(c.issuer.as_deref(), Some("CN=R11, O=Let's Encrypt, C=US"));
    assert_eq!(
        c.services.as_deref(),
        Some(&["IMAP", "POP", "IIS", "SMTP"].map(String::from)[..])
    );
    assert!(
        c.certificate_domains.is_empty(),
        "{:?}",
        c.certificate_domains
    );
    let k = &r.pasted[1].output.connectors;
    assert_eq!(k.len(), 1);
    assert_eq!(k[0].name.as_deref(), Some("Outbound to Office 365"));
    assert_eq!(k[0].require_tls, Some(true));
    assert!(k[0].address_spaces.is_empty(), "{:?}", k[0].address_spaces);
    assert!(k[0].source_transport_servers.is_empty());
    assert_eq!(
        k[0].tls_certificate_name.as_deref(),
        Some("<I>CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US<S>CN=mail.contoso.com, O=Contoso Ltd, L=Redmond, S=Washington, C=US")
    );
    assert_eq!(k[0].tls_certificate_name_line, 3);
    // The certificate without its key is flagged; the connector's name fits neither listed one.
    let ids: Vec<&str> = r.findings.iter().map(|f| f.id.as_str()).collect();
    assert!(
        ids.contains(&"tls-certificate-name-matches-nothing"),
        "{ids:?}"
    );
}

/// `Get-ExchangeServer | Get-ExchangeCertificate | fl ...` pasted into a ticket that dropped the
/// blank lines: a `WARNING:` line and a remote error record (message, `    + CategoryInfo ...`)
/// stand between the objects. Until 2026-12-07 the warning was read as a property of the first
/// object and everything up to the end as the same object: two of the three certificates were
/// lost, among them EX02's, which is not enabled for SMTP.
#[test]
fn a_warning_or_error_record_between_objects_ends_the_object_before_it() {
    use tlsdoctor_core::paste::shell_message::ShellMessageKind;
    let name =
        "get-exchangecertificate-fl-ticket-blank-lines-dropped-warning-and-error-between.txt";
    let r = analyze(Lang::En, name, &testdata(name));
    let out = &r.pasted[0].output;
    assert_eq!(out.skipped_lines, 0);
    type Read<'a> = (u64, Option<&'a str>, Option<Vec<String>>);
    let certs: Vec<Read<'_>> = out
        .certificates
        .iter()
        .map(|c| (c.line, c.thumbprint.as_deref(), c.services.clone()))
        .collect();
    let services = |s: &[&str]| Some(s.iter().map(|s| s.to_string()).collect::<Vec<_>>());
    assert_eq!(
        certs,
        [
            (
                2,
                Some("5A1E3C7B9D2F4A6C8E0B1D3F5A7C9E1B3D5F7A9C"),
                services(&["IMAP", "POP", "IIS", "SMTP"])
            ),
            (
                8,
                Some("9E7C5A3B1D0F8E6C4A2B0D9F7E5C3A1B9D7F5E3C"),
                services(&["IMAP", "POP", "SMTP"])
            ),
            (
                17,
                Some("5A1E3C7B9D2F4A6C8E0B1D3F5A7C9E1B3D5F7A9C"),
                services(&["IMAP", "POP", "IIS"])
            ),
        ]
    );
    // The first object's NotAfter is its own value, not the warning appended to it.
    assert_eq!(
        out.certificates[0]
            .not_after
            .as_ref()
            .map(|d| d.text.as_str()),
        Some("1/14/2026 11:59:59 PM")
    );
    let kinds: Vec<(ShellMessageKind, u64, Option<&str>)> = out
        .shell_messages
        .iter()
        .map(|m| (m.kind, m.line, m.exception.as_deref()))
        .collect();
    assert_eq!(
        kinds,
        [
            (ShellMessageKind::Warning, 7, None),
            (ShellMessageKind::Error, 13, Some("ADOperationException"))
        ]
    );
}

/// `Get-ReceiveConnector | fl ...` and `Get-ExchangeCertificate | fl ...` pasted into a chat that
/// dropped every blank line: each object starts where the first property (`Identity`,
/// `Subject`) comes again. Until 2026-12-07 each command's objects were read as one, the first:
/// the Default Frontend connector's malformed TlsCertificateName (`mail.contoso.com`) was never
/// seen and the verdict was "not enough evidence".
#[test]
fn objects_whose_blank_lines_were_dropped_are_read_one_by_one() {
    let name = "get-receiveconnector-fl-teams-chat-blank-lines-dropped.txt";
    let r = analyze(Lang::En, name, &testdata(name));
    let out = &r.pasted[0].output;
    assert_eq!(out.skipped_lines, 0);
    let connectors: Vec<(u64, Option<&str>, Option<&str>)> = out
        .connectors
        .iter()
        .map(|c| {
            (
                c.line,
                c.identity.as_deref(),
                c.tls_certificate_name.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        connectors,
        [
            (2, Some("EX01\\Default EX01"), None),
            (7, Some("EX01\\Client Proxy EX01"), None),
            (
                12,
                Some("EX01\\Default Frontend EX01"),
                Some("mail.contoso.com")
            )
        ]
    );
    let certs: Vec<(u64, Option<&str>)> = out
        .certificates
        .iter()
        .map(|c| (c.line, c.subject.as_deref()))
        .collect();
    assert_eq!(
        certs,
        [(18, Some("CN=mail.contoso.com")), (22, Some("CN=EX01"))]
    );
    let ids: Vec<&str> = r.findings.iter().map(|f| f.id.as_str()).collect();
    assert!(ids.contains(&"tls-certificate-name-malformed"), "{ids:?}");
    assert!(!ids.contains(&"insufficient-evidence"), "{ids:?}");
}

/// `Get-ExchangeCertificate | Select-Object ... | ConvertTo-Json` from Windows PowerShell 5.1
/// (dates as `"\/Date(ms)\/"`, 4-space indentation, `"Name":  value`) is read like Format-List
/// output, each property at its own line (until 2026-12-07: "not recognised"). Only values whose
/// JSON form says what Format-List would are read (see `paste::json`).
#[test]
fn convertto_json_objects_are_read_like_format_list_objects() {
    let name = "convertto-json-get-exchangecertificate-ps51.txt";
    let r = analyze(Lang::En, name, &testdata(name));
    assert_eq!(r.files[0].kind, FileKind::ShellOutput);
    let out = &r.pasted[0].output;
    assert_eq!(out.skipped_lines, 0);
    assert_eq!(out.certificates.len(), 2);
    let c = &out.certificates[0];
    assert_eq!(
        c.thumbprint.as_deref(),
        Some("3D5F8A1C9E2B4D6F8A0C2E4F6A8B0D2F4E6A8C0B")
    );
    assert_eq!(
        (c.line, c.thumbprint_line, c.has_private_key_line),
        (4, 7, 10)
    );
    assert_eq!(c.has_private_key, Some(false));
    assert_eq!(c.issuer.as_deref(), Some("CN=R11, O=Let's Encrypt, C=US"));
    assert_eq!(
        c.not_after.as_ref().and_then(|d| d.local.as_deref()),
        Some("2026-01-12T23:59:59")
    );
    assert_eq!(
        c.certificate_domains,
        ["mail.contoso.com", "autodiscover.contoso.com"]
    );
    assert_eq!(
        out.certificates[1].services.as_deref(),
        Some(&["IMAP", "POP", "SMTP"].map(String::from)[..])
    );
    // The SMTP certificate without its key is what the listing says is wrong.
    let f = r
        .findings
        .iter()
        .find(|f| f.id == "no-credentials")
        .unwrap_or_else(|| panic!("{:?}", r.findings));
    assert_eq!(f.evidence[0].line, 10);
}
