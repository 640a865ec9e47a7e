//! `legacy-tls-protocol-negotiated`: sessions that negotiated TLS 1.0 / 1.1. Input: the Receive
//! log `testdata/logs/RECV20240502-1-clean-auth-denied.LOG` (rows after a public Exchange
//! log-format page, see testdata/README.md) with its `SP_PROT_TLS1_2_SERVER` row changed to the
//! `SP_PROT_TLS1_0_SERVER` / `SP_PROT_TLS1_1_SERVER` names SSPI gives the older versions.

use tlsdoctor_core::analyze::{AnalyzeOptions, Analyzer};
use tlsdoctor_core::i18n::Lang;
use tlsdoctor_core::report::{AnalysisReport, Severity};

const LOG: &str = include_str!("../../../testdata/logs/RECV20240502-1-clean-auth-denied.LOG");

fn analyze(lang: Lang, log: &str) -> AnalysisReport {
    let mut a = Analyzer::new(AnalyzeOptions {
        now_unix: 1_714_636_800,
        lang,
        ..Default::default()
    });
    a.add_file("RECV.LOG", log.as_bytes());
    a.report()
}

#[test]
fn tls_1_0_is_a_warning_not_an_all_clear() {
    assert!(LOG.contains("SP_PROT_TLS1_2_SERVER"));
    // As published (TLS 1.2): no such warning, and no problem found.
    let r = analyze(Lang::En, LOG);
    assert!(!r
        .findings
        .iter()
        .any(|f| f.id == "legacy-tls-protocol-negotiated"));
    assert!(r.findings.iter().any(|f| f.id == "no-tls-problem-found"));

    let old = LOG.replace("SP_PROT_TLS1_2_SERVER", "SP_PROT_TLS1_0_SERVER");
    let r = analyze(Lang::En, &old);
    assert!(
        !r.findings.iter().any(|f| f.id == "no-tls-problem-found"),
        "{:?}",
        r.findings
    );
    let f = r
        .findings
        .iter()
        .find(|f| f.id == "legacy-tls-protocol-negotiated")
        .expect("legacy-tls-protocol-negotiated");
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(
        f.title,
        "Connector EXCH01\\Client Frontend EXCH01 negotiated TLS 1.0 (SP_PROT_TLS1_0_SERVER)"
    );
    assert_eq!(f.connectors, ["EXCH01\\Client Frontend EXCH01"]);
    assert_eq!(f.evidence.len(), 1);
    assert_eq!(f.evidence[0].line, 13);
    assert!(f.evidence[0]
        .text
        .contains("TLS protocol SP_PROT_TLS1_0_SERVER negotiation succeeded"));
    let ps = &f.remediation.as_ref().unwrap().powershell;
    assert!(
        ps.contains("SCHANNEL\\Protocols\\TLS 1.2\\Server' -Name Enabled -Value 1"),
        "{ps}"
    );
    assert!(ps.contains(".\\HealthChecker.ps1 -Server 'EXCH01'"), "{ps}");
    assert_eq!(r.verdict, format!("{}.", f.title));

    let r = analyze(
        Lang::De,
        &LOG.replace("SP_PROT_TLS1_2_SERVER", "SP_PROT_TLS1_1_SERVER"),
    );
    let f = r
        .findings
        .iter()
        .find(|f| f.id == "legacy-tls-protocol-negotiated")
        .expect("legacy-tls-protocol-negotiated");
    assert_eq!(
        f.title,
        "Connector EXCH01\\Client Frontend EXCH01 hat TLS 1.1 ausgehandelt (SP_PROT_TLS1_1_SERVER)"
    );
}
