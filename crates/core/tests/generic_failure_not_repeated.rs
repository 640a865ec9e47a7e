//! Issue 12/13: the generic `tls-negotiation-failed` finding does not repeat what a specific
//! rule already explains (the same sessions told twice). Inputs are Send protocol logs in the
//! layout of Learn "Protocol logging" (fields `date-time,connector-id,session-id,
//! sequence-number,local-endpoint,remote-endpoint,event,data,context`), each session a STARTTLS
//! handshake that ends in `TLS negotiation failed with error X`, as in KB 4495258's excerpt.

use tlsdoctor_core::analyze::{AnalyzeOptions, Analyzer};
use tlsdoctor_core::i18n::Lang;
use tlsdoctor_core::report::{AnalysisReport, Finding};

/// 2026-12-01T00:00:00Z.
const NOW: i64 = 1_796_083_200;

const HEADER: &str = "#Software: Microsoft Exchange Server\n#Version: 15.0.0.0\n#Log-type: SMTP Send Protocol Log\n#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context\n";

/// `sessions` sessions on `connector`, each failing with `error`; `first` numbers them.
fn sessions(connector: &str, error: &str, first: usize, count: usize) -> String {
    let mut log = String::new();
    for i in first..first + count {
        let p = format!("2026-11-30T10:{i:02}:00.000Z,{connector},08DD0F2A6C5E4B{i:02}");
        let e = "10.0.0.5:51000,198.51.100.25:25";
        log.push_str(&format!(
            "{p},0,{e},+,,\n{p},1,{e},<,220 mx1.fabrikam.com ESMTP,\n{p},2,{e},>,EHLO mail.contoso.com,\n{p},3,{e},<,250-STARTTLS,\n{p},4,{e},>,STARTTLS,\n{p},5,{e},<,220 2.0.0 Ready to start TLS,\n{p},6,{e},*,,TLS negotiation failed with error {error}\n{p},7,{e},-,,Local\n"
        ));
    }
    log
}

fn analyze(log: &str) -> AnalysisReport {
    let mut a = Analyzer::new(AnalyzeOptions {
        lang: Lang::En,
        now_unix: NOW,
        passwords: Vec::new(),
    });
    a.add_file("SEND20261130-1.LOG", log.as_bytes());
    a.report()
}

fn ids(r: &AnalysisReport) -> Vec<&str> {
    r.findings.iter().map(|f| f.id.as_str()).collect()
}

fn finding<'r>(r: &'r AnalysisReport, id: &str) -> &'r Finding {
    r.findings
        .iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("no {id} in {:?}", ids(r)))
}

#[test]
fn each_specific_error_is_told_once_by_its_own_rule() {
    for (error, specific) in [
        ("AlgorithmMismatch", "tls-version-or-cipher-mismatch"),
        ("IllegalMessage", "tls-version-or-cipher-mismatch"),
        ("SocketError", "tls-version-or-cipher-mismatch"),
        ("UntrustedRoot", "certificate-chain-or-revocation-failure"),
        ("InvalidToken", "authentication-not-tls"),
        ("NoCredentials", "no-credentials"),
        ("UnknownCredentials", "unknown-credentials"),
    ] {
        let r = analyze(&format!("{HEADER}{}", sessions("Internet", error, 0, 3)));
        let f = finding(&r, specific);
        // The sessions stay cited: the failure rows are the specific finding's evidence.
        assert!(
            f.evidence
                .iter()
                .any(|e| e.line > 0 && e.text.contains(&format!("error {error}"))),
            "{error}: {:?}",
            f.evidence
        );
        assert!(
            !ids(&r).contains(&"tls-negotiation-failed"),
            "{error} told twice: {:?}",
            ids(&r)
        );
        assert_eq!(
            r.findings.iter().filter(|f| f.id == specific).count(),
            1,
            "{error}: {:?}",
            ids(&r)
        );
    }
}

#[test]
fn an_error_no_specific_rule_explains_keeps_the_generic_finding_beside_the_specific_one() {
    // One connector fails with TargetUnknown (no specific rule), another with
    // AlgorithmMismatch (row 11): the generic finding covers only the TargetUnknown sessions.
    let log = format!(
        "{HEADER}{}{}",
        sessions("Partner", "TargetUnknown", 0, 2),
        sessions("Internet", "AlgorithmMismatch", 10, 2)
    );
    let r = analyze(&log);
    let generic: Vec<&Finding> = r
        .findings
        .iter()
        .filter(|f| f.id == "tls-negotiation-failed")
        .collect();
    assert_eq!(generic.len(), 1, "{:?}", ids(&r));
    assert!(
        generic[0].title.contains("TargetUnknown"),
        "{}",
        generic[0].title
    );
    assert_eq!(generic[0].connectors, vec!["Partner"]);
    assert!(!generic[0]
        .evidence
        .iter()
        .any(|e| e.text.contains("AlgorithmMismatch")));
    let specific = finding(&r, "tls-version-or-cipher-mismatch");
    assert_eq!(specific.connectors, vec!["Internet"]);
}
