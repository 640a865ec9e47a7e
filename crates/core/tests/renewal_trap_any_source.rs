//! A certificate reaches every rule the same way whatever it came from (issue 12).
//!
//! Source: Microsoft, "Can't remove a certificate that's installed in Exchange Server": after a
//! renewal with the same issuer and subject, `Remove-ExchangeCertificate` fails with "A special
//! Rpc error occurs on server EX01: These certificates are tagged with following Send
//! Connectors : ...", and the article has the admin run `Get-ExchangeCertificate | Format-List
//! FriendlyName,Subject,Issuer,CertificateDomains,Thumbprint,NotBefore,NotAfter`. The pair is
//! `testdata/samples/widgits-2014-old.cer` and `widgits-2016-new.cer` (two distinct certificates,
//! one issuer and subject); the pasted listing below is what that command prints for them on an
//! en-US server (NotBefore/NotAfter in local time, here UTC), with no connector pasted.

use tlsdoctor_core::analyze::{AnalyzeOptions, Analyzer};
use tlsdoctor_core::i18n::Lang;
use tlsdoctor_core::report::{AnalysisReport, Finding};

const OLD: &str = "14742D528E0D0C066C3264D37E3331688B281A75";
const NEW: &str = "47F418A54B85B702C197FF57B66F2145343D9222";
const NOW: i64 = 1_767_225_600; // 2026-01-01

const RPC_ERROR: &str = "[PS] C:\\Windows\\system32>Remove-ExchangeCertificate -Thumbprint 14742D528E0D0C066C3264D37E3331688B281A75
A special Rpc error occurs on server EX01: These certificates are tagged with following Send Connectors : Outbound to Internet. Removing and replacing certificates from Send Connector would break the mail flow. If you still want to proceed then replace or remove these certificates from Send Connector and then try again.
    + CategoryInfo          : InvalidOperation: (:) [Remove-ExchangeCertificate], InvalidOperationException
    + FullyQualifiedErrorId : [Server=EX01] 2D9F1D0B,Microsoft.Exchange.Management.SystemConfigurationTasks.RemoveExchangeCertificate
    + PSComputerName        : ex01.contoso.com

[PS] C:\\Windows\\system32>Get-ExchangeCertificate | Format-List FriendlyName,Subject,Issuer,CertificateDomains,Thumbprint,NotBefore,NotAfter
";

const OLD_LISTED: &str = "
FriendlyName       : Widgits 2014
Subject            : O=Internet Widgits Pty Ltd, S=Some-State, C=AU
Issuer             : O=Internet Widgits Pty Ltd, S=Some-State, C=AU
CertificateDomains : {}
Thumbprint         : 14742D528E0D0C066C3264D37E3331688B281A75
NotBefore          : 8/19/2014 7:24:30 PM
NotAfter           : 8/18/2017 7:24:30 PM
";

const NEW_LISTED: &str = "
FriendlyName       : Widgits 2016
Subject            : O=Internet Widgits Pty Ltd, S=Some-State, C=AU
Issuer             : O=Internet Widgits Pty Ltd, S=Some-State, C=AU
CertificateDomains : {}
Thumbprint         : 47F418A54B85B702C197FF57B66F2145343D9222
NotBefore          : 7/9/2016 4:38:09 AM
NotAfter           : 8/8/2016 4:38:09 AM
";

fn sample(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../../testdata/samples/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn analyze(files: &[(&str, Vec<u8>)]) -> AnalysisReport {
    let mut a = Analyzer::new(AnalyzeOptions {
        lang: Lang::En,
        now_unix: NOW,
        passwords: Vec::new(),
    });
    for (path, bytes) in files {
        a.add_file(path, bytes);
    }
    a.report()
}

fn ambiguous(r: &AnalysisReport) -> &Finding {
    let found: Vec<&Finding> = r
        .findings
        .iter()
        .filter(|f| f.id == "ambiguous-tls-certificate-name")
        .collect();
    assert_eq!(found.len(), 1, "{:#?}", r.findings);
    found[0]
}

fn check_same_story(f: &Finding) {
    // Old first (earlier NotBefore), whatever the source.
    assert_eq!(f.thumbprints, vec![OLD, NEW]);
    assert!(
        f.explanation.contains(&format!("Old: {OLD} (")),
        "{}",
        f.explanation
    );
    assert!(
        f.explanation.contains(&format!("New: {NEW} (")),
        "{}",
        f.explanation
    );
    let ps = &f.remediation.as_ref().unwrap().powershell;
    assert!(ps.contains(&format!(
        "Remove-ExchangeCertificate -Server $env:COMPUTERNAME -Thumbprint '{OLD}'"
    )));
    assert!(!ps.contains(&format!(
        "Remove-ExchangeCertificate -Server $env:COMPUTERNAME -Thumbprint '{NEW}'"
    )));
    assert!(ps.contains(&format!(
        "$cert = Get-ExchangeCertificate -Thumbprint '{NEW}'"
    )));
    let stop = ps.find("Stop-Service MSExchangeTransport").unwrap();
    let clear = ps.find("-TlsCertificateName $Null").unwrap();
    let remove = ps.find("Remove-ExchangeCertificate").unwrap();
    let start = ps.find("Start-Service MSExchangeTransport").unwrap();
    assert!(stop < clear && clear < remove && remove < start, "{ps}");
}

fn check_rpc_error_cited(f: &Finding) {
    assert!(
        f.evidence.iter().any(|e| e.path == "renewal-trap.txt"
            && e.line == 2
            && e.text
                .starts_with("A special Rpc error occurs on server EX01")),
        "{:#?}",
        f.evidence
    );
    assert!(
        f.explanation.contains("(EX01)") && f.explanation.contains("\"Outbound to Internet\""),
        "{}",
        f.explanation
    );
    assert_eq!(f.connectors, vec!["Outbound to Internet"]);
}

#[test]
fn as_cer_files() {
    let r = analyze(&[
        ("widgits-2016-new.cer", sample("widgits-2016-new.cer")),
        ("widgits-2014-old.cer", sample("widgits-2014-old.cer")),
    ]);
    let f = ambiguous(&r);
    check_same_story(f);
    assert!(f.connectors.is_empty());
}

#[test]
fn as_the_kb_listing_pasted_with_the_rpc_error() {
    let paste = format!("{RPC_ERROR}{OLD_LISTED}{NEW_LISTED}");
    let r = analyze(&[("renewal-trap.txt", paste.into_bytes())]);
    assert_eq!(r.pasted.len(), 1);
    assert_eq!(r.pasted[0].output.certificates.len(), 2);
    assert_eq!(r.pasted[0].output.server_errors.len(), 1);
    assert_eq!(r.pasted[0].output.skipped_lines, 0);
    let f = ambiguous(&r);
    check_same_story(f);
    check_rpc_error_cited(f);
    // Both listed certificates are long expired at NOW (2026). A pasted certificate is now
    // judged by its dates like a dropped one (issue 12: one validity family whatever the
    // source), so the verdict leads with the expiry of the one Exchange uses, as it does for
    // the two .cer files, and counts the renewal trap below it (was: the trap alone).
    assert!(
        r.verdict.contains(&format!("({OLD}) expired on 8/18/2017"))
            && r.verdict.contains("1 more problem"),
        "{}",
        r.verdict
    );
    let expired: Vec<&Finding> = r
        .findings
        .iter()
        .filter(|f| f.id == "certificate-expired")
        .collect();
    assert_eq!(expired.len(), 1);
    assert!(expired[0]
        .evidence
        .iter()
        .any(|e| e.path == "renewal-trap.txt" && e.text.contains(OLD)));
}

#[test]
fn as_one_file_and_one_pasted_listing() {
    let paste = format!("{RPC_ERROR}{NEW_LISTED}");
    let r = analyze(&[
        ("widgits-2014-old.cer", sample("widgits-2014-old.cer")),
        ("renewal-trap.txt", paste.into_bytes()),
    ]);
    let f = ambiguous(&r);
    check_same_story(f);
    check_rpc_error_cited(f);
    // Both sources stay evidence lines.
    assert!(f.evidence.iter().any(|e| e.path == "widgits-2014-old.cer"));
    assert!(f
        .evidence
        .iter()
        .any(|e| e.path == "renewal-trap.txt" && e.text.contains(NEW)));
}

#[test]
fn the_same_certificate_from_a_file_and_a_paste_is_one_certificate() {
    let paste = format!("{RPC_ERROR}{OLD_LISTED}{NEW_LISTED}");
    let r = analyze(&[
        ("widgits-2014-old.cer", sample("widgits-2014-old.cer")),
        ("widgits-2016-new.cer", sample("widgits-2016-new.cer")),
        ("renewal-trap.txt", paste.into_bytes()),
    ]);
    let f = ambiguous(&r);
    check_same_story(f);
    check_rpc_error_cited(f);
    // The file's exact dates win over the pasted local times.
    assert!(f.explanation.contains(&format!(
        "Old: {OLD} (2014-08-19T19:24:30Z .. 2017-08-18T19:24:30Z)"
    )));
    // Every source is kept: two files and two listing lines.
    for needle in ["widgits-2014-old.cer", "widgits-2016-new.cer"] {
        assert!(f.evidence.iter().any(|e| e.path == needle), "{needle}");
    }
    assert_eq!(
        f.evidence
            .iter()
            .filter(|e| e.path == "renewal-trap.txt" && e.text.starts_with("Thumbprint"))
            .count(),
        2
    );
}

#[test]
fn every_source_gives_the_same_procedure() {
    let pasted = format!("{RPC_ERROR}{OLD_LISTED}{NEW_LISTED}");
    let mixed = format!("{RPC_ERROR}{NEW_LISTED}");
    let files = analyze(&[
        ("widgits-2016-new.cer", sample("widgits-2016-new.cer")),
        ("widgits-2014-old.cer", sample("widgits-2014-old.cer")),
    ]);
    let paste = analyze(&[("renewal-trap.txt", pasted.into_bytes())]);
    let one_of_each = analyze(&[
        ("widgits-2014-old.cer", sample("widgits-2014-old.cer")),
        ("renewal-trap.txt", mixed.into_bytes()),
    ]);
    // The filled-in commands are identical; the steps' wording shows each source's dates.
    let ps = |r: &AnalysisReport| ambiguous(r).remediation.clone().unwrap().powershell;
    assert_eq!(ps(&files), ps(&paste));
    assert_eq!(ps(&files), ps(&one_of_each));
    assert_eq!(ambiguous(&files).title, ambiguous(&paste).title);
    assert_eq!(ambiguous(&files).severity, ambiguous(&one_of_each).severity);
}
