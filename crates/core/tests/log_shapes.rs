//! Protocol-log shapes admins bring that the other tests' fixtures do not have (Exchange 2010's
//! row-per-line EHLO replies, ...). Each test names the fixture in `testdata/logs/` and what
//! the product said before the fix.
#![forbid(unsafe_code)]

use tlsdoctor_core::analyze::{AnalyzeOptions, Analyzer};
use tlsdoctor_core::i18n::Lang;
use tlsdoctor_core::report::{AnalysisReport, Severity};

/// 2026-12-01T00:00:00Z.
const NOW: i64 = 1_796_083_200;

fn read(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/logs")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn analyze_bytes(name: &str, bytes: &[u8]) -> AnalysisReport {
    let mut a = Analyzer::new(AnalyzeOptions {
        lang: Lang::En,
        now_unix: NOW,
        passwords: Vec::new(),
    });
    a.add_file(name, bytes);
    a.report()
}

fn ids(r: &AnalysisReport) -> Vec<&str> {
    r.findings.iter().map(|f| f.id.as_str()).collect()
}

/// Exchange 2010 logs its EHLO reply one line per row (`250-mail.contoso.com Hello [...]`,
/// `250-SIZE`, ..., `250 CHUNKING`), as in the published Exchange 2010 `EX\Default` excerpt.
/// A reply without `250-STARTTLS` is `starttls-not-offered` (until 2026-12-07 only the
/// one-row reply of Exchange 2013+ was read: the verdict was `insufficient-evidence`).
#[test]
fn exchange_2010_row_per_line_ehlo_reply_without_starttls() {
    let name = "RECV-exchange2010-ehlo-reply-one-row-per-line-no-starttls.LOG";
    let bytes = read(name);
    let r = analyze_bytes(name, &bytes);
    assert_eq!(
        ids(&r).first(),
        Some(&"starttls-not-offered"),
        "{:?}",
        ids(&r)
    );
    let f = &r.findings[0];
    assert_eq!(f.connectors, vec!["EX2010\\Default EX2010".to_string()]);
    assert!(
        f.explanation.starts_with("2 EHLO reply(ies)"),
        "{}",
        f.explanation
    );
    assert!(
        f.explanation.contains("mail.contoso.com"),
        "{}",
        f.explanation
    );
    assert_eq!(f.evidence.first().map(|e| e.line), Some(18));
    assert!(
        r.verdict.contains("does not offer STARTTLS"),
        "{}",
        r.verdict
    );

    // The same reply with a `250-STARTTLS` row offers it: no such finding.
    let text = String::from_utf8_lossy(&bytes).replace(",>,250-AUTH NTLM,", ",>,250-STARTTLS,");
    let r = analyze_bytes(name, text.as_bytes());
    assert!(!ids(&r).contains(&"starttls-not-offered"), "{:?}", ids(&r));
}

/// A Send log re-saved by Notepad as "ANSI" on a German Windows (Windows-1252: `ü` is the
/// single byte 0xFC). The connector name and the certificate subject keep their letters, so the
/// PowerShell names the real connector (until 2026-12-07 they were read with U+FFFD:
/// `Set-SendConnector 'Ausgehend an M\u{fffd}ller GmbH'`, which finds no connector).
#[test]
fn notepad_ansi_windows_1252_log() {
    let name = "SEND-notepad-ansi-windows1252-connector-name.LOG";
    let bytes = read(name);
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the fixture is not UTF-8"
    );
    let r = analyze_bytes(name, &bytes);
    assert_eq!(
        ids(&r).first(),
        Some(&"unknown-credentials"),
        "{:?}",
        ids(&r)
    );
    let f = &r.findings[0];
    assert_eq!(f.connectors, vec!["Ausgehend an Müller GmbH".to_string()]);
    let ps = &f.remediation.as_ref().expect("a remediation").powershell;
    assert!(
        ps.contains("Set-SendConnector 'Ausgehend an Müller GmbH'"),
        "{ps}"
    );
    assert!(
        ps.contains("'9F1E2D3C4B5A69788796A5B4C3D2E1F00F1E2D3C'"),
        "{ps}"
    );
    assert!(f.explanation.contains("L=Köln"), "{}", f.explanation);
    let json = serde_json::to_string(&r).expect("json");
    assert!(!json.contains('\u{fffd}'), "U+FFFD in the report");
}

/// A Send log whose remote (Postfix) answers EHLO one line per row without `250-STARTTLS`:
/// no session can negotiate TLS, and `insufficient-evidence` says why instead of only guessing
/// at the logging level (until 2026-12-07 it said nothing of the reply).
#[test]
fn send_log_remote_offers_no_starttls() {
    let name = "SEND-remote-ehlo-reply-one-row-per-line-no-starttls.LOG";
    for (lang, want) in [
        (
            Lang::En,
            "On \"To Partner\" the EHLO reply did not offer STARTTLS.",
        ),
        (
            Lang::De,
            "Auf „To Partner“ hat die EHLO-Antwort kein STARTTLS angeboten.",
        ),
    ] {
        let mut a = Analyzer::new(AnalyzeOptions {
            lang,
            now_unix: NOW,
            passwords: Vec::new(),
        });
        a.add_file(name, &read(name));
        let r = a.report();
        assert_eq!(ids(&r), vec!["insufficient-evidence"]);
        let f = &r.findings[0];
        assert!(f.explanation.contains(want), "{}", f.explanation);
        assert!(
            f.evidence
                .iter()
                .any(|e| e.line == 14 && e.text.ends_with(",<,250 8BITMIME,")),
            "{:?}",
            f.evidence
        );
    }
}

/// A Send log of only its five header lines (a new log file, logging just turned on): the file
/// was read, so the reason is not "No input could be read" (until 2026-12-07) but that it holds
/// no session.
#[test]
fn header_only_log() {
    let name = "SEND-header-only-no-rows.LOG";
    let r = analyze_bytes(name, &read(name));
    assert_eq!(ids(&r), vec!["insufficient-evidence"]);
    let f = &r.findings[0];
    assert!(
        f.explanation
            .starts_with("The protocol log(s) hold only their header lines, no session"),
        "{}",
        f.explanation
    );
    assert!(
        !f.explanation.contains("No input could be read"),
        "{}",
        f.explanation
    );
    assert_eq!(r.files[0].kind.as_str(), "protocol-log");
    // Not a log at all: still "No input could be read".
    let r = analyze_bytes("notes.txt", b"\n\n");
    assert!(
        !r.findings
            .iter()
            .any(|f| f.explanation.contains("header lines")),
        "{:?}",
        r.findings
    );
}

/// Exchange Online dropping sessions after this server's self-signed certificate, with only the
/// Receive log given (`testdata/failure-modes/RECV-exo-subject-mismatch.LOG`): the finding
/// does not quote a message trace nobody gave, nor write "(not in the text)" for the expected
/// name (until 2026-12-07: "The message trace says ..." and "expected (not in the text)").
#[test]
fn subject_mismatch_from_the_log_alone_claims_no_trace() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/failure-modes/RECV-exo-subject-mismatch.LOG");
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    for (lang, said, unsaid) in [
        (Lang::En, "(not given here)", "The message trace says"),
        (
            Lang::De,
            "(hier nicht angegeben)",
            "Die Nachrichtenablaufverfolgung meldet",
        ),
    ] {
        let mut a = Analyzer::new(AnalyzeOptions {
            lang,
            now_unix: NOW,
            passwords: Vec::new(),
        });
        a.add_file("RECV-exo-subject-mismatch.LOG", &bytes);
        let r = a.report();
        let f = &r.findings[0];
        assert_eq!(f.id.as_str(), "exchange-online-subject-mismatch");
        assert!(f.explanation.contains(said), "{}", f.explanation);
        assert!(!f.explanation.contains(unsaid), "{}", f.explanation);
        for text in [&f.title, &f.explanation, &r.verdict] {
            assert!(
                !text.contains("(not in the text)") && !text.contains("(nicht im Text)"),
                "{text}"
            );
        }
    }
}

/// A busy Default Frontend Receive log: eight sessions negotiate TLS 1.2, one remote
/// (`192.0.2.66`, `EHLO printer01`) fails with `SocketError`. This server's TLS 1.2 works, so
/// the finding is a warning naming the remote, and its fix changes no registry setting and
/// restarts nothing (until 2026-12-07: an error telling to enable TLS 1.2 and
/// `Restart-Computer` on this server).
#[test]
fn one_remote_socketerror_while_tls12_works_here() {
    let name = "RECV-tls12-works-one-remote-socketerror.LOG";
    let r = analyze_bytes(name, &read(name));
    let f = r
        .findings
        .iter()
        .find(|f| f.id.as_str() == "tls-version-or-cipher-mismatch")
        .expect("the SocketError finding");
    assert_eq!(f.severity, Severity::Warning);
    assert!(
        f.explanation.contains(
            "But TLS 1.2 or later works on EX01\\Default Frontend EX01: 8 other session(s) negotiated TLS there, TLS 1.2 among them"
        ),
        "{}",
        f.explanation
    );
    assert!(f.explanation.contains("(192.0.2.66)"), "{}", f.explanation);

    // The same sessions negotiating TLS 1.3 (Exchange SE / 2019 CU15 on Windows Server 2022):
    // the text names TLS 1.3, not a TLS 1.2 no session used (until 2026-12-07 it said "TLS 1.2
    // among them").
    let tls13 = String::from_utf8_lossy(&read(name))
        .replace("SP_PROT_TLS1_2_SERVER", "SP_PROT_TLS1_3_SERVER");
    let r13 = analyze_bytes(name, tls13.as_bytes());
    let f13 = r13
        .findings
        .iter()
        .find(|f| f.id.as_str() == "tls-version-or-cipher-mismatch")
        .expect("the SocketError finding");
    assert_eq!(f13.severity, Severity::Warning);
    assert!(
        f13.explanation.contains("TLS 1.3 among them"),
        "{}",
        f13.explanation
    );
    assert!(
        !f13.explanation.contains("TLS 1.2 among them"),
        "{}",
        f13.explanation
    );
    let ps = &f.remediation.as_ref().expect("a remediation").powershell;
    assert!(ps.contains(".\\HealthChecker.ps1"), "{ps}");
    assert!(
        !ps.contains("Restart-Computer") && !ps.contains("New-ItemProperty"),
        "{ps}"
    );
    assert!(
        r.findings.iter().all(|f| f.severity != Severity::Error),
        "{:?}",
        ids(&r)
    );

    // The same log where the failure is this server's only session: still an error with the fix.
    let text = String::from_utf8_lossy(&read(name)).into_owned();
    let only: String = text
        .lines()
        .filter(|l| l.starts_with('#') || l.contains(",08DD0F2A6C5E0006,"))
        .map(|l| format!("{l}\r\n"))
        .collect();
    let r = analyze_bytes(name, only.as_bytes());
    let f = &r.findings[0];
    assert_eq!(f.id.as_str(), "tls-version-or-cipher-mismatch");
    assert_eq!(f.severity, Severity::Error);
    let ps = &f.remediation.as_ref().expect("a remediation").powershell;
    assert!(ps.contains("Restart-Computer"), "{ps}");
    // One server, named once: the connector `EX01\Default Frontend EX01` names it, and the
    // name it answers with (`mail.contoso.com`) is not a second server (until 2026-12-07 the
    // text said "every Exchange server (EX01, mail.contoso.com)").
    assert!(ps.contains(".\\HealthChecker.ps1 -Server 'EX01'"), "{ps}");
    assert!(!ps.contains("-Server 'mail.contoso.com'"), "{ps}");
    assert!(
        !f.remediation.as_ref().is_some_and(|r| r
            .steps
            .iter()
            .any(|s| s.contains("(EX01, mail.contoso.com)"))),
        "{:?}",
        f.remediation
    );
}

/// A remote that offers STARTTLS and refuses mail sent without it with RFC 3207 §4's
/// `530 5.7.0 Must issue a STARTTLS command first.` (Gmail's and Postfix's wording), after this
/// server skipped STARTTLS (IgnoreSTARTTLS). Until 2026-12-07 only Exchange's
/// `451 5.7.3 STARTTLS is required` was read: the verdict was `insufficient-evidence`.
#[test]
fn remote_530_must_issue_starttls_first() {
    let name = "SEND-remote-530-must-issue-starttls-first.LOG";
    let r = analyze_bytes(name, &read(name));
    assert_eq!(
        ids(&r).first(),
        Some(&"starttls-required-by-remote"),
        "{:?}",
        ids(&r)
    );
    let f = &r.findings[0];
    assert_eq!(f.severity, Severity::Error);
    assert!(f.title.ends_with("(530 5.7.0)"), "{}", f.title);
    assert!(
        f.explanation
            .contains("\"530 5.7.0 Must issue a STARTTLS command first."),
        "{}",
        f.explanation
    );
    assert!(!f.explanation.contains("451 5.7.3"), "{}", f.explanation);
    assert_eq!(f.evidence.first().map(|e| e.line), Some(20));
    let ps = &f.remediation.as_ref().expect("a remediation").powershell;
    assert!(
        ps.contains("Set-SendConnector 'Internet' -IgnoreSTARTTLS $false"),
        "{ps}"
    );
}
