//! Pasted shell output through the Analyzer, next to protocol logs and in any chunking:
//! kind `shell-output`, the records in `pasted`, the cross-check findings and verdict.

use tlsdoctor_core::analyze::{AnalyzeOptions, Analyzer};
use tlsdoctor_core::i18n::Lang;
use tlsdoctor_core::report::FileKind;

const OUTAGE: &[u8] = include_bytes!("../../../testdata/paste/kb4495258-outage-en-us.txt");
const SEND_LOG: &[u8] = include_bytes!("../../../testdata/paste/SEND20250131-1.LOG");
const RENEWAL: &[u8] = include_bytes!("../../../testdata/paste/renewal-trap-de-de.txt");
/// 2025-02-01T00:00:00Z.
const NOW: i64 = 1_738_368_000;

fn analyzer(lang: Lang) -> Analyzer {
    Analyzer::new(AnalyzeOptions {
        lang,
        now_unix: NOW,
        passwords: Vec::new(),
    })
}

#[test]
fn paste_is_read_as_shell_output_and_gives_the_stuck_queue_verdict() {
    let mut a = analyzer(Lang::En);
    a.add_file("outage.txt", OUTAGE);
    let r = a.report();
    assert_eq!(r.files.len(), 1);
    assert_eq!(r.files[0].kind, FileKind::ShellOutput);
    assert_eq!(r.files[0].error, None);
    assert_eq!(r.pasted.len(), 1);
    assert_eq!(r.pasted[0].path, "outage.txt");
    assert_eq!(r.pasted[0].output.certificates.len(), 2);
    assert_eq!(r.pasted[0].output.connectors.len(), 1);
    assert_eq!(r.pasted[0].output.queues.len(), 1);
    let no_creds = r
        .findings
        .iter()
        .find(|f| f.id == "no-credentials")
        .expect("no-credentials");
    assert_eq!(
        r.verdict,
        "Mail to contoso-com.mail.protection.outlook.com is stuck because the certificate of send connector \"Outbound to Office 365\" has no private key"
    );
    assert_eq!(no_creds.title, r.verdict);
    assert!(!r.findings.iter().any(|f| f.id == "no-tls-problem-found"));
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["files"][0]["kind"], "shell-output");
    assert_eq!(json["pasted"][0]["queues"][0]["status"], "Retry");
}

#[test]
fn paste_and_protocol_log_tell_one_story() {
    let mut a = analyzer(Lang::De);
    a.add_file("SEND20250131-1.LOG", SEND_LOG);
    a.add_file("outage.txt", OUTAGE);
    let r = a.report();
    assert_eq!(r.files[0].kind, FileKind::ProtocolLog);
    assert_eq!(r.files[1].kind, FileKind::ShellOutput);
    let pasted = r
        .findings
        .iter()
        .find(|f| f.id == "no-credentials" && f.evidence.iter().any(|e| e.path == "outage.txt"))
        .expect("no-credentials from the paste");
    assert!(pasted
        .title
        .starts_with("Mail an contoso-com.mail.protection.outlook.com hängt fest"));
    assert!(
        pasted
            .evidence
            .iter()
            .any(|e| e.path == "SEND20250131-1.LOG" && e.text.contains("NoCredentials")),
        "the log row joins the evidence: {:?}",
        pasted.evidence
    );
}

#[test]
fn paste_fed_in_chunks_gives_the_same_report() {
    let mut whole = analyzer(Lang::En);
    whole.add_file("renewal.txt", RENEWAL);
    let expected = whole.report();
    assert!(expected
        .findings
        .iter()
        .any(|f| f.id == "ambiguous-tls-certificate-name"));
    for size in [1usize, 13, 4096] {
        let mut a = analyzer(Lang::En);
        a.begin_file("renewal.txt");
        for chunk in RENEWAL.chunks(size) {
            a.push_bytes(chunk);
        }
        a.end_file();
        assert_eq!(a.report(), expected, "chunk size {size}");
    }
}

#[test]
fn text_that_is_no_paste_is_not_shell_output() {
    let mut a = analyzer(Lang::En);
    a.add_file("notes.txt", b"Dear admin,\nplease renew the certificate.\n");
    let r = a.report();
    assert_ne!(r.files[0].kind, FileKind::ShellOutput);
    assert!(r.pasted.is_empty());
}

/// A certificate enabled for SMTP that the server says has no private key is a warning on its
/// own (Exchange fails with NoCredentials whenever it picks it), an error once a connector
/// selects it; never "not enough evidence" as if nothing were wrong.
#[test]
fn smtp_certificate_without_key_on_the_server_is_flagged_without_a_connector() {
    const NO_KEY: &[u8] = include_bytes!(
        "../../../testdata/paste/get-exchangecertificate-fl-smtp-enabled-no-key.txt"
    );
    let mut a = analyzer(Lang::En);
    a.add_file("cert.txt", NO_KEY);
    let r = a.report();
    assert_eq!(r.files[0].kind, FileKind::ShellOutput);
    let ids: Vec<&str> = r.findings.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["no-credentials"]);
    let f = &r.findings[0];
    assert_eq!(f.severity, tlsdoctor_core::report::Severity::Warning);
    assert_eq!(f.thumbprints, ["7A8F2E9C1B3D4F5A6E7D8C9B0A1F2E3D4C5B6A79"]);
    assert_eq!(f.evidence[0].line, 8);
    assert_eq!(f.evidence[0].text, "HasPrivateKey      : False");
    let ps = &f.remediation.as_ref().unwrap().powershell;
    assert!(
        ps.contains("certutil -repairstore my 04A1B2C3D4E5F60718293A4B5C6D7E8F9012"),
        "{ps}"
    );
    assert!(ps.contains("Enable-ExchangeCertificate -Thumbprint 7A8F2E9C1B3D4F5A6E7D8C9B0A1F2E3D4C5B6A79 -Services SMTP"), "{ps}");

    // The same certificate with its key is not flagged.
    let with_key = String::from_utf8(NO_KEY.to_vec())
        .unwrap()
        .replace("HasPrivateKey      : False", "HasPrivateKey      : True");
    let mut a = analyzer(Lang::En);
    a.add_file("cert.txt", with_key.as_bytes());
    let r = a.report();
    assert!(
        !r.findings.iter().any(|f| f.id == "no-credentials"),
        "{:?}",
        r.findings
    );
}

const QUEUE_FT_WRAP: &[u8] =
    include_bytes!("../../../testdata/paste/get-queue-ft-wrap-lasterror.txt");

/// `Get-Queue | ft ...,LastError -Wrap` puts `"454 4.7.5` and `Certificate validation
/// failure."` on two lines: the queue's joined LastError is the evidence, not "nothing wrong".
#[test]
fn a_failure_wrapped_in_a_queue_table_is_seen() {
    let mut a = analyzer(Lang::En);
    a.add_file("queues.txt", QUEUE_FT_WRAP);
    let r = a.report();
    assert_eq!(r.pasted[0].output.queues.len(), 4);
    assert!(
        !r.findings
            .iter()
            .any(|f| f.id == "insufficient-evidence" || f.id == "no-tls-problem-found"),
        "{:?}",
        r.findings.iter().map(|f| &f.id).collect::<Vec<_>>()
    );
    let cited = r
        .findings
        .iter()
        .flat_map(|f| f.evidence.iter())
        .find(|e| e.path == "queues.txt" && e.line == 5)
        .expect("the Retry queue's row is evidence");
    assert!(
        cited
            .text
            .contains("\"454 4.7.5 Certificate validation failure.\""),
        "{}",
        cited.text
    );
}

fn ids(r: &tlsdoctor_core::report::AnalysisReport) -> Vec<&str> {
    r.findings.iter().map(|f| f.id.as_str()).collect()
}

/// `454 4.7.5 Certificate validation failure` in the LastError of a queue to a partner
/// (fabrikam.com): this server could not validate the partner's certificate. Microsoft 365's
/// root is not the story; towards Exchange Online (and with no queue named) it still is.
#[test]
fn certificate_validation_failure_names_microsoft_365_only_for_its_queues() {
    let mut a = analyzer(Lang::En);
    a.add_file("queues.txt", QUEUE_FT_WRAP);
    let r = a.report();
    assert!(
        !ids(&r).contains(&"microsoft-365-root-missing"),
        "{:?}",
        ids(&r)
    );
    let chain = r
        .findings
        .iter()
        .find(|f| f.id == "certificate-chain-or-revocation-failure")
        .unwrap_or_else(|| panic!("{:?}", ids(&r)));
    assert!(chain.title.contains("454 4.7.5"), "{}", chain.title);
    assert!(chain.evidence.iter().any(|e| e.line == 5));
    // No certificate of this server is exported for a remote's failure.
    let powershell = chain.remediation.as_ref().map(|r| r.powershell.as_str());
    assert!(
        powershell.is_some_and(|p| !p.contains("Export-Certificate")),
        "{powershell:?}"
    );

    let exo = "Identity      : EX01\\3\n\
DeliveryType  : SmartHostConnectorDelivery\n\
Status        : Retry\n\
MessageCount  : 12\n\
NextHopDomain : contoso-com.mail.protection.outlook.com\n\
LastError     : 451 4.4.0 Primary target IP address responded with: \"454 4.7.5 Certificate validation failure.\"\n";
    let mut a = analyzer(Lang::En);
    a.add_file("exo.txt", exo.as_bytes());
    let r = a.report();
    assert!(
        ids(&r).contains(&"microsoft-365-root-missing"),
        "{:?}",
        ids(&r)
    );
}

const TRANSPORT_SERVICE: &str = include_str!(
    "../../../testdata/paste/get-transportservice-internal-certificate-not-listed.txt"
);

/// `Get-TransportService | fl InternalTransportCertificateThumbprint` is read, and a thumbprint
/// the pasted `Get-ExchangeCertificate` listing does not hold is said (a warning: the listing may
/// be of another server).
#[test]
fn internal_transport_certificate_missing_from_the_listing() {
    let report = |body: &str| {
        let mut a = analyzer(Lang::En);
        a.add_file("ts.txt", body.as_bytes());
        a.report()
    };
    let r = report(TRANSPORT_SERVICE);
    assert_eq!(r.files[0].error, None);
    let ts = &r.pasted[0].output.transport_services;
    assert_eq!(ts.len(), 1);
    assert_eq!(ts[0].server.as_deref(), Some("EX01"));
    assert_eq!(
        ts[0].internal_transport_certificate_thumbprint.as_deref(),
        Some("8B0D2F4A6C8E0A2C4E6B8D0F2A4C6E8B0D2F4A6C")
    );
    let f = r
        .findings
        .iter()
        .find(|f| f.id == "internal-transport-certificate-missing")
        .unwrap_or_else(|| panic!("{:?}", ids(&r)));
    assert_eq!(f.severity, tlsdoctor_core::report::Severity::Warning);
    assert_eq!(f.thumbprints, ["8B0D2F4A6C8E0A2C4E6B8D0F2A4C6E8B0D2F4A6C"]);
    assert_eq!(
        (f.evidence[0].path.as_str(), f.evidence[0].line),
        ("ts.txt", 4)
    );
    let ps = f
        .remediation
        .as_ref()
        .map(|r| r.powershell.as_str())
        .unwrap_or("");
    assert!(ps.contains("Get-ExchangeCertificate -Server 'EX01' -Thumbprint '8B0D2F4A6C8E0A2C4E6B8D0F2A4C6E8B0D2F4A6C'"), "{ps}");
    // Listed: nothing to say.
    let listed = TRANSPORT_SERVICE.replace(
        "2B4D6F8A0C2E4F6A8B0D2F4E6A8C0B3D5F8A1C9E  .......",
        "8B0D2F4A6C8E0A2C4E6B8D0F2A4C6E8B0D2F4A6C  .....S.",
    );
    assert!(listed != TRANSPORT_SERVICE);
    assert!(!ids(&report(&listed)).contains(&"internal-transport-certificate-missing"));
    // No listing: read, nothing judged.
    let alone = &TRANSPORT_SERVICE[..TRANSPORT_SERVICE.find("\n[PS]").unwrap_or(0)];
    assert!(alone.contains("InternalTransportCertificateThumbprint") && !alone.contains("Subject"));
    let r = report(alone);
    assert_eq!(r.files[0].error, None);
    assert!(!ids(&r).contains(&"internal-transport-certificate-missing"));
}

const AUTH_WITHOUT_TLS: &[u8] =
    include_bytes!("../../../testdata/paste/get-receiveconnector-authmechanism-without-tls.txt");

/// `AuthMechanism : Integrated, BasicAuth, ...` without `Tls`: Exchange advertises no STARTTLS
/// on that receive connector (Set-ReceiveConnector -AuthMechanism: "Tls: Advertise STARTTLS").
#[test]
fn receive_connector_without_the_tls_mechanism_offers_no_starttls() {
    let mut a = analyzer(Lang::En);
    a.add_file("recv.txt", AUTH_WITHOUT_TLS);
    let r = a.report();
    let about = |connector: &str| {
        r.findings
            .iter()
            .find(|f| f.id == "starttls-not-offered" && f.connectors == [connector])
    };
    let frontend = about("EX01\\Default Frontend EX01").unwrap_or_else(|| panic!("{:?}", ids(&r)));
    assert_eq!(frontend.severity, tlsdoctor_core::report::Severity::Warning);
    assert_eq!(
        (
            frontend.evidence[0].path.as_str(),
            frontend.evidence[0].line
        ),
        ("recv.txt", 3)
    );
    let ps = frontend
        .remediation
        .as_ref()
        .map(|r| r.powershell.as_str())
        .unwrap_or("");
    assert!(ps.contains("Set-ReceiveConnector -Identity 'EX01\\Default Frontend EX01' -AuthMechanism 'Tls,Integrated,BasicAuth,BasicAuthRequireTLS,ExchangeServer'"), "{ps}");
    assert!(about("EX01\\Client Frontend EX01").is_none());
    let relay = about("EX01\\Relay Printers").unwrap_or_else(|| panic!("{:?}", ids(&r)));
    assert_eq!(relay.severity, tlsdoctor_core::report::Severity::Info);
    let ps = relay
        .remediation
        .as_ref()
        .map(|r| r.powershell.as_str())
        .unwrap_or("");
    assert!(ps.contains("-AuthMechanism 'Tls'"), "{ps}");
}

/// A queue in Retry for a reason that is no TLS failure (Winsock 10060, the remote does not
/// answer): "not enough evidence" stays, but it no longer says the paste "shows no failure".
#[test]
fn a_queue_stuck_before_tls_is_named_not_called_no_failure() {
    let body = include_bytes!("../../../testdata/paste/get-queue-fl-retry-winsock-10060.txt");
    for (lang, says) in [
        (
            Lang::En,
            "Queue EX01\\7 is in Retry with LastError \"441 4.4.1 Error encountered",
        ),
        (
            Lang::De,
            "Die Warteschlange EX01\\7 steht auf Retry mit LastError \"441 4.4.1",
        ),
    ] {
        let mut a = analyzer(lang);
        a.add_file("queue.txt", body);
        let r = a.report();
        assert_eq!(ids(&r), ["insufficient-evidence"]);
        let e = &r.findings[0].explanation;
        assert!(e.contains(says), "{e}");
        assert!(
            !e.contains("shows no failure") && !e.contains("zeigt keinen Fehler"),
            "{e}"
        );
    }
}

const TRANSCRIPT: &[u8] = include_bytes!(
    "../../../testdata/paste/start-transcript-ems-ex2019-get-exchangecertificate-fl.txt"
);

/// A `Start-Transcript` file of the Exchange Management Shell: its header (`Machine: EX01
/// (Microsoft Windows NT 10.0.17763.0)`, `Host Application: ...`, `PSVersion: ...`), the
/// `Transcript started, output file is ...` line and its footer are read as the transcript's
/// frame, not as unrecognised lines; the Machine line names the server for `-Server` when no
/// output names it (here `Get-TransportService | fl InternalTransportCertificateThumbprint`
/// shows no Identity).
#[test]
fn transcript_frame_is_read_and_its_machine_names_the_server() {
    let mut a = analyzer(Lang::En);
    a.add_file("PowerShell_transcript.EX01.txt", TRANSCRIPT);
    let r = a.report();
    assert_eq!(r.files[0].kind, FileKind::ShellOutput);
    let out = &r.pasted[0].output;
    assert_eq!(out.skipped_lines, 0);
    // 18 header lines, the `Transcript started` line, `>> TerminatingError(...)`, 4 footer lines.
    assert_eq!(out.transcript_lines, 24);
    // The error record after `>> TerminatingError(...)` is read as one.
    assert_eq!(out.shell_messages.len(), 1);
    assert_eq!(
        out.shell_messages[0].exception.as_deref(),
        Some("ManagementObjectNotFoundException")
    );
    assert_eq!(out.shell_messages[0].line, 41);
    assert_eq!(out.transcript_machine.as_deref(), Some("EX01"));
    assert_eq!(out.certificates.len(), 1);
    assert_eq!(out.transport_services.len(), 1);
    assert_eq!(out.transport_services[0].server, None);
    let f = r
        .findings
        .iter()
        .find(|f| f.id == "internal-transport-certificate-missing")
        .unwrap_or_else(|| panic!("{:?}", ids(&r)));
    let ps = f
        .remediation
        .as_ref()
        .map(|r| r.powershell.as_str())
        .unwrap_or("");
    assert!(
        ps.contains("New-ExchangeCertificate -Server 'EX01' -Services SMTP"),
        "{ps}"
    );
    assert!(!ps.contains("<Server>"), "{ps}");
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["pasted"][0]["transcript_machine"], "EX01");
    // The invocation-header form (`Command start time:` frames between commands).
    let mut a = analyzer(Lang::De);
    a.add_file(
        "t.txt",
        include_bytes!(
            "../../../testdata/paste/start-transcript-invocation-header-receiveconnector.txt"
        ),
    );
    let r = a.report();
    assert_eq!(r.pasted[0].output.skipped_lines, 0);
    assert_eq!(
        r.pasted[0].output.transcript_machine.as_deref(),
        Some("EX01")
    );
    assert_eq!(r.pasted[0].output.connectors.len(), 1);
    assert_eq!(r.pasted[0].output.certificates.len(), 1);
}
