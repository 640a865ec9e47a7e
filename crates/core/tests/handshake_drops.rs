//! Sessions that end inside the TLS handshake (FAILURE-MODES #11): `STARTTLS` answered with
//! `220`, then `Remote(SocketError)` with no TLS result logged. Fixture:
//! `testdata/logs/SEND-starttls-then-remote-socketerror.LOG` (rows in the SmtpSend layout of
//! KB 4495258's excerpt; the ending `Remote(SocketError)` and the `421 4.4.2 Connection dropped
//! due to SocketError` symptom from FAILURE-MODES #11). Five sessions: two cut inside the
//! handshake, one with TLS (Exchange 2013+ `negotiation succeeded` row), one in the Exchange
//! 2010 shape (no such row, `EHLO` after the handshake), one whose STARTTLS the remote refused
//! with RFC 3207's `454 4.7.0 TLS not available due to temporary reason`.

use tlsdoctor_core::analyze::{AnalyzeOptions, Analyzer};
use tlsdoctor_core::report::{AnalysisReport, Severity};

const LOG: &str = include_str!("../../../testdata/logs/SEND-starttls-then-remote-socketerror.LOG");

fn analyze(log: &str) -> AnalysisReport {
    let mut a = Analyzer::new(AnalyzeOptions {
        now_unix: 1_764_500_000,
        ..Default::default()
    });
    a.add_file("SEND.LOG", log.as_bytes());
    a.report()
}

#[test]
fn a_handshake_cut_after_starttls_is_a_tls_version_or_cipher_warning() {
    let r = analyze(LOG);
    let ids: Vec<&str> = r.findings.iter().map(|f| f.id.as_str()).collect();
    // Not "authentication-not-tls": the 454 4.7.0 here refuses STARTTLS, it is no logon failure.
    assert_eq!(ids, ["tls-version-or-cipher-mismatch"]);
    let f = &r.findings[0];
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(
        f.title,
        "TLS version or cipher mismatch (Remote(SocketError))"
    );
    assert_eq!(f.connectors, ["To Partner"]);
    // The 220 reply to STARTTLS and the disconnect of the first such session.
    let lines: Vec<u64> = f.evidence.iter().map(|e| e.line).collect();
    assert_eq!(lines, [14, 17]);
    assert!(f.evidence[0]
        .text
        .ends_with(",<,220 2.0.0 Ready to start TLS,"));
    assert!(f.evidence[1].text.ends_with(",-,,Remote(SocketError)"));
    assert_eq!(r.verdict, format!("{}.", f.title));
    assert_eq!(r.log_summary.sessions, 5);
    // The Exchange 2013+ session's logged success, and the 2010-shaped one's handshake that
    // the EHLO after it shows completed.
    assert_eq!(r.log_summary.tls_successes, 2);
    // Nothing logged names the cause: the explanation says so (it does not present how the
    // session ended as an SSPI error), and the read-only HealthChecker comes before any
    // registry change and restart.
    assert!(
        f.explanation.starts_with(
            "Sessions ended inside the TLS handshake: STARTTLS was accepted, then the session closed (Remote(SocketError))"
        ),
        "{}",
        f.explanation
    );
    assert!(f.explanation.contains("nothing here names the cause"));
    let ps = f
        .remediation
        .as_ref()
        .map(|r| r.powershell.as_str())
        .unwrap_or("");
    assert!(ps.starts_with(".\\HealthChecker.ps1"), "{ps}");
    let checker = ps.find("HealthChecker").unwrap_or(usize::MAX);
    let restart = ps.find("Restart-Computer").unwrap_or(0);
    assert!(checker < restart, "{ps}");
}

#[test]
fn traffic_after_the_220_or_a_tls_result_settles_the_handshake() {
    // The same two sessions with EHLO after the 220 (Exchange 2010 logs no success row): no
    // drop inside the handshake.
    let settled = LOG.replace(
        "*,CN=mail.contoso.com,Certificate subject\r\n2026-11-30T10:00:01.210Z,To Partner,08DD0F2A6C5E4B01,11,10.0.0.5:51231,203.0.113.25:25,-,,Remote(SocketError)",
        "*,CN=mail.contoso.com,Certificate subject\r\n2026-11-30T10:00:01.205Z,To Partner,08DD0F2A6C5E4B01,11,10.0.0.5:51231,203.0.113.25:25,>,EHLO mail.contoso.com,\r\n2026-11-30T10:00:01.210Z,To Partner,08DD0F2A6C5E4B01,12,10.0.0.5:51231,203.0.113.25:25,-,,Remote(SocketError)",
    );
    assert_ne!(settled, LOG);
    let r = analyze(&settled);
    let f = r
        .findings
        .iter()
        .find(|f| f.id == "tls-version-or-cipher-mismatch")
        .expect("the second session is still cut");
    assert_eq!(
        f.evidence[0].line, 27,
        "now the second session's 220 (one row was added above it)"
    );

    // A logged TLS failure is the failure's own finding, not a second "cut" one.
    let failed = LOG.replace(
        ",-,,Remote(SocketError)",
        ",*,,TLS negotiation failed with error AlgorithmMismatch\r\n2026-11-30T10:00:01.999Z,To Partner,08DD0F2A6C5E4B0F,0,10.0.0.5:51231,203.0.113.25:25,-,,Remote(SocketError)",
    );
    let r = analyze(&failed);
    let f = r
        .findings
        .iter()
        .find(|f| f.id == "tls-version-or-cipher-mismatch")
        .expect("AlgorithmMismatch");
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(
        f.title,
        "TLS version or cipher mismatch (AlgorithmMismatch)"
    );
    assert!(
        f.evidence
            .iter()
            .all(|e| !e.text.contains("220 2.0.0 Ready")),
        "{:?}",
        f.evidence
    );
}

#[test]
fn a_454_4_7_0_authentication_reply_is_still_read_as_authentication() {
    let auth = LOG.replace(
        "454 4.7.0 TLS not available due to temporary reason",
        "454 4.7.0 Temporary authentication failure",
    );
    let r = analyze(&auth);
    assert!(
        r.findings.iter().any(|f| f.id == "authentication-not-tls"),
        "{:?}",
        r.findings
    );
}

/// Exchange 2010 logs no `TLS protocol ... negotiation succeeded` row: a session whose STARTTLS
/// was accepted and which went on with EHLO after the handshake negotiated TLS. The report
/// says so (no "insufficient evidence"), names the row that shows it and that no protocol is
/// known; the same session cut before that EHLO is not counted.
#[test]
fn exchange_2010_tls_shown_by_the_smtp_commands_after_the_handshake() {
    const LOG2010: &str = include_str!(
        "../../../testdata/logs/SEND-exchange2010-starttls-then-ehlo-no-result-row.LOG"
    );
    let r = analyze(LOG2010);
    assert_eq!(r.log_summary.sessions, 1);
    assert_eq!(r.log_summary.tls_successes, 1);
    let ids: Vec<&str> = r.findings.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ids, ["no-tls-problem-found"]);
    let f = &r.findings[0];
    assert!(
        f.explanation
            .contains("TLS was negotiated 1 time(s) (the log names no protocol"),
        "{}",
        f.explanation
    );
    assert!(!f.explanation.contains("()"), "{}", f.explanation);
    let lines: Vec<u64> = f.evidence.iter().map(|e| e.line).collect();
    assert_eq!(lines, [17]);
    assert!(f.evidence[0].text.ends_with(",>,EHLO mail.contoso.com,"));

    // Cut after the certificate rows (the disconnect instead of the second EHLO): no success,
    // and the handshake is the one left unfinished.
    let cut: String = LOG2010
        .lines()
        .filter(|l| {
            !l.contains(",11,") && !l.contains(",12,") && !l.contains(",13,") && !l.contains(",14,")
        })
        .map(|l| format!("{l}\r\n"))
        .collect();
    let r = analyze(&cut);
    assert_eq!(r.log_summary.tls_successes, 0);
    assert!(
        r.findings.iter().all(|f| f.id != "no-tls-problem-found"),
        "{:?}",
        r.findings
    );
}
