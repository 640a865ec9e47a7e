//! The honest verdict when some sessions negotiated TLS and others were turned away over it:
//! never "no TLS problem found" while a log shows a remote demanding TLS (`451 5.7.3 STARTTLS
//! is required`, Exchange Online's reply, FAILURE-MODES #5/#11), refusing to start it (RFC
//! 3207 §4 `454 4.7.0 TLS not available due to temporary reason`, Postfix's wording) or a
//! client certificate chain that did not validate (`Client certificate chain validation
//! status: '…'`, the row of the published `RECV2023011116-1.LOG` excerpt with a status other
//! than `EmptyCertificate`). The logs (`testdata/logs/SEND-tls-ok-then-*`,
//! `RECV-tls-ok-client-chain-*`) were written for these tests in KB 4495258's row layout;
//! until 2026-12-06 each gave `no-tls-problem-found`.
#![forbid(unsafe_code)]

use tlsdoctor_core::analyze::{AnalyzeOptions, Analyzer};
use tlsdoctor_core::i18n::Lang;
use tlsdoctor_core::report::{AnalysisReport, Finding};

/// 2026-12-01T00:00:00Z.
const NOW: i64 = 1_796_083_200;

fn analyze(lang: Lang, name: &str) -> AnalysisReport {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/logs")
        .join(name);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    analyze_bytes(lang, name, &bytes)
}

/// The report on `bytes` given as the file `name`.
fn analyze_bytes(lang: Lang, name: &str, bytes: &[u8]) -> AnalysisReport {
    let mut a = Analyzer::new(AnalyzeOptions {
        lang,
        now_unix: NOW,
        passwords: Vec::new(),
    });
    a.add_file(name, bytes);
    a.report()
}

/// The finding's PowerShell ("" when it has no remediation).
fn powershell(f: &Finding) -> &str {
    f.remediation
        .as_ref()
        .map(|r| r.powershell.as_str())
        .unwrap_or("")
}

fn ids(r: &AnalysisReport) -> Vec<&str> {
    r.findings.iter().map(|f| f.id.as_str()).collect()
}

/// `file`'s report in both languages: not all-clear, `insufficient-evidence` first, its
/// explanation starting with `why` (per language) and its first evidence row holding `row`.
fn assert_doubtful(file: &str, why: [&str; 2], row: &str) {
    for (lang, why) in [Lang::En, Lang::De].into_iter().zip(why) {
        let r = analyze(lang, file);
        assert!(
            !ids(&r).contains(&"no-tls-problem-found"),
            "{file}: {:?}",
            ids(&r)
        );
        let f = &r.findings[0];
        assert_eq!(f.id, "insufficient-evidence", "{file}: {:?}", ids(&r));
        assert!(f.explanation.starts_with(why), "{file}: {}", f.explanation);
        assert!(
            f.evidence.first().is_some_and(|e| e.text.contains(row)),
            "{file}: {:?}",
            f.evidence
        );
    }
}

/// A `451 5.7.3` received on a Send connector is this server sending without TLS where the
/// remote requires it: its own finding, with the connector and the IgnoreSTARTTLS check.
#[test]
fn a_451_5_7_3_next_to_a_working_session_is_the_send_connector_going_without_tls() {
    for lang in [Lang::En, Lang::De] {
        let r = analyze(lang, "SEND-tls-ok-then-451-573-starttls-required.LOG");
        assert!(!ids(&r).contains(&"no-tls-problem-found"), "{:?}", ids(&r));
        let f = &r.findings[0];
        assert_eq!(f.id, "starttls-required-by-remote", "{:?}", ids(&r));
        assert_eq!(f.connectors, ["Outbound to Office 365 - Relay"]);
        assert!(f.evidence[0]
            .text
            .contains(",<,451 5.7.3 STARTTLS is required to send mail"));
        let ps = powershell(f);
        assert!(
            ps.contains(
                "Set-SendConnector 'Outbound to Office 365 - Relay' -IgnoreSTARTTLS $false"
            ),
            "{ps}"
        );
        assert!(!ps.contains("Set-ReceiveConnector"), "{ps}");
    }
}

/// The same log with its columns in another order (`#Fields:` names them; the reader maps
/// them): the `451 5.7.3` row is still found on its Send connector and counted. Until
/// 2026-12-07 the rule re-read the kept rows in the default column order and missed it.
#[test]
fn a_451_5_7_3_is_found_whatever_the_column_order() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/logs/SEND-tls-ok-then-451-573-starttls-required.LOG");
    let text = std::fs::read_to_string(&path).unwrap();
    // Fields reversed, row by row; a quoted field (a certificate subject with commas) stays
    // whole, quotes included.
    let split = |line: &str| -> Vec<String> {
        let (mut fields, mut field, mut quoted) = (Vec::new(), String::new(), false);
        for c in line.chars() {
            match c {
                '"' => {
                    quoted = !quoted;
                    field.push(c);
                }
                ',' if !quoted => fields.push(std::mem::take(&mut field)),
                _ => field.push(c),
            }
        }
        fields.push(field);
        fields
    };
    let mut reordered = String::new();
    for line in text.lines() {
        if let Some(fields) = line.strip_prefix("#Fields: ") {
            let names: Vec<&str> = fields.split(',').rev().collect();
            reordered.push_str(&format!("#Fields: {}\r\n", names.join(",")));
        } else if line.starts_with('#') {
            reordered.push_str(line);
            reordered.push_str("\r\n");
        } else {
            let mut fields = split(line);
            fields.reverse();
            reordered.push_str(&fields.join(","));
            reordered.push_str("\r\n");
        }
    }
    let rows_451 = text.matches(",<,451 5.7.3 ").count();
    assert!(rows_451 >= 1);
    let r = analyze_bytes(Lang::En, "reordered.LOG", reordered.as_bytes());
    assert_eq!(r.log_summary.skipped_lines, 0, "{:?}", r.log_summary);
    let f = r
        .findings
        .iter()
        .find(|f| f.id == "starttls-required-by-remote")
        .unwrap_or_else(|| panic!("{:?}", ids(&r)));
    assert_eq!(f.connectors, ["Outbound to Office 365 - Relay"]);
    assert!(
        f.evidence[0]
            .text
            .starts_with(",451 5.7.3 STARTTLS is required to send mail")
            && f.evidence[0].text.contains("],<,"),
        "{:?}",
        f.evidence
    );
    assert!(
        f.title.contains(&rows_451.to_string()) || f.explanation.contains(&rows_451.to_string()),
        "{rows_451}: {} / {}",
        f.title,
        f.explanation
    );
}

/// A `451 5.7.3` that this server sent (a `>` row of a Receive log) is its own receive
/// connector demanding TLS of a client that did not start it: its own warning, naming the
/// connector and the client's address, never "the other side insists on TLS" (until
/// 2026-12-07 it gave `insufficient-evidence` with that text).
#[test]
fn a_451_5_7_3_this_server_sent_is_its_own_demand_of_the_client() {
    for lang in [Lang::En, Lang::De] {
        let r = analyze(lang, "RECV-tls-ok-then-451-573-sent-to-client.LOG");
        assert_eq!(
            ids(&r),
            [
                "starttls-required-by-this-server",
                "certificate-not-provided"
            ],
            "{lang:?}"
        );
        let f = &r.findings[0];
        assert_eq!(f.severity, tlsdoctor_core::report::Severity::Warning);
        assert_eq!(f.connectors, ["EXCH01\\Default Frontend EXCH01"]);
        assert!(f.title.contains("198.51.100.77"), "{}", f.title);
        assert!(!f.title.contains("40.107.1.2"), "{}", f.title);
        assert_eq!(f.evidence.len(), 1);
        assert!(f.evidence[0]
            .text
            .ends_with(",198.51.100.77:40211,>,451 5.7.3 STARTTLS is required to send mail,"));
        // STARTTLS was offered in the EHLO reply: the client chose not to use it.
        let offered = match lang {
            Lang::En => "offered STARTTLS, so the client chose not to use it",
            _ => "bot STARTTLS an",
        };
        assert!(f.explanation.contains(offered), "{}", f.explanation);
        assert!(!f.explanation.contains("insists"), "{}", f.explanation);
        let ps = powershell(f);
        assert!(
            ps.starts_with("Get-ReceiveConnector 'EXCH01\\Default Frontend EXCH01' | Format-List Identity,Bindings,RemoteIPRanges,RequireTLS"),
            "{ps}"
        );
        // Nothing is changed on the server by the commands: the fix is a decision.
        assert!(!ps.contains("Set-") && !ps.contains("New-"), "{ps}");
        assert!(
            !ids(&r).contains(&"starttls-required-by-remote")
                && !ids(&r).contains(&"no-tls-problem-found")
        );
    }
}

#[test]
fn a_454_tls_not_available_next_to_a_working_session_is_not_all_clear() {
    assert_doubtful(
        "SEND-tls-ok-then-454-tls-not-available.LOG",
        [
            "TLS was negotiated in some sessions, but in others the remote demanded TLS",
            "In einigen Sitzungen wurde TLS ausgehandelt",
        ],
        ",<,454 4.7.0 TLS not available due to temporary reason",
    );
    let r = analyze(Lang::De, "SEND-tls-ok-then-454-tls-not-available.LOG");
    assert!(r.findings[0]
        .explanation
        .contains("1 Antwort(en) 454 TLS not available wurden protokolliert"));
}

#[test]
fn a_client_chain_that_did_not_validate_is_not_all_clear() {
    assert_doubtful(
        "RECV-tls-ok-client-chain-revocation-unknown.LOG",
        [
            "TLS was negotiated, but the certificate chain a remote presented did not validate (RevocationStatusUnknown)",
            "TLS wurde ausgehandelt, aber die Zertifikatkette einer Gegenseite war nicht gültig (RevocationStatusUnknown)",
        ],
        "Client certificate chain validation status: 'RevocationStatusUnknown'",
    );
}

/// The published shape with `EmptyCertificate` (the remote sent none, as most do) stays what
/// it was: TLS works there.
#[test]
fn an_empty_client_certificate_is_no_doubt() {
    let r = analyze(Lang::En, "RECV20240502-1-clean-auth-denied.LOG");
    assert!(ids(&r).contains(&"no-tls-problem-found"), "{:?}", ids(&r));
}

/// NoCredentials in a Receive log is this server's STARTTLS certificate (inbound): the finding
/// says so and its commands are for the receive connector. Until 2026-12-06 it read "Outbound
/// TLS fails", called the receive connector a Send connector and printed `Set-SendConnector
/// 'EXCH01\Default Frontend EXCH01'` (which fails) and `Retry-Queue`.
#[test]
fn nocredentials_in_a_receive_log_is_inbound() {
    let r = analyze(Lang::En, "RECV-nocredentials-inbound-starttls.LOG");
    assert_eq!(ids(&r), ["no-credentials"]);
    let f = &r.findings[0];
    assert!(f.title.starts_with("Inbound TLS fails with NoCredentials on receive connector \"EXCH01\\Default Frontend EXCH01\""), "{}", f.title);
    let ps = powershell(f);
    // The certificates of the server the receive connector belongs to (2026-12-07: -Server).
    assert!(ps.starts_with("Set-ReceiveConnector 'EXCH01\\Default Frontend EXCH01' -ProtocolLoggingLevel Verbose\nGet-ExchangeCertificate -Server 'EXCH01' | Format-List"), "{ps}");
    for wrong in ["Set-SendConnector", "Retry-Queue", "'<Thumbprint>'"] {
        assert!(!ps.contains(wrong), "{wrong} in {ps}");
    }
    let de = analyze(Lang::De, "RECV-nocredentials-inbound-starttls.LOG");
    assert!(de.findings[0]
        .title
        .starts_with("Eingehendes TLS scheitert mit NoCredentials"));
}

/// The same for UnknownCredentials (KB 4051498) in a Receive log.
#[test]
fn unknowncredentials_in_a_receive_log_is_inbound() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/logs/RECV-nocredentials-inbound-starttls.LOG");
    let text = std::fs::read_to_string(path)
        .unwrap_or_default()
        .replace("NoCredentials", "UnknownCredentials");
    assert!(text.contains("error UnknownCredentials"));
    let r = analyze_bytes(Lang::En, "RECV.LOG", text.as_bytes());
    assert_eq!(ids(&r), ["unknown-credentials"]);
    let f = &r.findings[0];
    assert!(
        f.title
            .starts_with("Inbound TLS fails with UnknownCredentials on receive connector"),
        "{}",
        f.title
    );
    let ps = powershell(f);
    assert!(
        ps.starts_with(
            "Set-ReceiveConnector 'EXCH01\\Default Frontend EXCH01' -ProtocolLoggingLevel Verbose"
        ),
        "{ps}"
    );
    for wrong in ["Set-SendConnector", "Retry-Queue", "'<Thumbprint>'"] {
        assert!(!ps.contains(wrong), "{wrong} in {ps}");
    }
}
