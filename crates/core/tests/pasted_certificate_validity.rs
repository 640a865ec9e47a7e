//! Issue 12: a certificate the server printed is judged by its dates like a dropped file (one
//! validity rule family over every certificate of the evidence model). Sources: the output of
//! `Get-ExchangeCertificate | Format-List FriendlyName,Subject,Issuer,CertificateDomains,
//! Thumbprint,Services,NotBefore,NotAfter` (Learn, "Get-ExchangeCertificate") and of
//! `Get-ChildItem Cert:\LocalMachine\My | Format-List Subject,Issuer,Thumbprint,NotBefore,
//! NotAfter` (Learn, "Get-ChildItem for Certificate"), en-US dates as the shell prints them.

use tlsdoctor_core::analyze::{AnalyzeOptions, Analyzer};
use tlsdoctor_core::i18n::Lang;
use tlsdoctor_core::report::{AnalysisReport, Finding};

/// 2026-12-01T00:00:00Z.
const NOW: i64 = 1_796_083_200;

const EXPIRED: &str = "1A2B3C4D5E6F708192A3B4C5D6E7F80910111213";
const NOT_YET: &str = "2B3C4D5E6F708192A3B4C5D6E7F8091011121314";
const SOON: &str = "3C4D5E6F708192A3B4C5D6E7F809101112131415";
const FINE: &str = "4D5E6F708192A3B4C5D6E7F80910111213141516";

fn listing() -> String {
    let cert = |name: &str, t: &str, nb: &str, na: &str| {
        format!(
            "\nFriendlyName       : {name}\nSubject            : CN={name}.contoso.com\nIssuer             : CN=R11, O=Let's Encrypt, C=US\nCertificateDomains : {{{name}.contoso.com}}\nThumbprint         : {t}\nServices           : IIS, SMTP\nNotBefore          : {nb}\nNotAfter           : {na}\n"
        )
    };
    format!(
        "[PS] C:\\Windows\\system32>Get-ExchangeCertificate | Format-List FriendlyName,Subject,Issuer,CertificateDomains,Thumbprint,Services,NotBefore,NotAfter\n{}{}{}{}",
        cert("old", EXPIRED, "8/17/2026 9:12:40 AM", "11/15/2026 9:12:39 AM"),
        cert("next", NOT_YET, "1/10/2027 8:00:00 AM", "4/10/2027 7:59:59 AM"),
        cert("mail", SOON, "9/21/2026 6:00:00 AM", "12/20/2026 5:59:59 AM"),
        cert("autodiscover", FINE, "11/20/2026 6:00:00 AM", "2/18/2027 5:59:59 AM"),
    )
}

fn analyze(name: &str, body: &str) -> AnalysisReport {
    let mut a = Analyzer::new(AnalyzeOptions {
        lang: Lang::En,
        now_unix: NOW,
        passwords: Vec::new(),
    });
    a.add_file(name, body.as_bytes());
    a.report()
}

fn about<'r>(r: &'r AnalysisReport, id: &str, thumbprint: &str) -> &'r Finding {
    let found: Vec<&Finding> = r
        .findings
        .iter()
        .filter(|f| f.id == id && f.thumbprints.iter().any(|t| t == thumbprint))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "{id} {thumbprint}: {:?}",
        r.findings
            .iter()
            .map(|f| (f.id.as_str(), &f.thumbprints))
            .collect::<Vec<_>>()
    );
    found[0]
}

fn cites_paste(f: &Finding, path: &str, thumbprint: &str) {
    assert!(
        f.evidence
            .iter()
            .any(|e| e.path == path && e.line > 0 && e.text.contains(thumbprint)),
        "{:?}",
        f.evidence
    );
}

#[test]
fn a_pasted_exchange_listing_is_judged_by_its_dates() {
    let r = analyze("certs.txt", &listing());
    let f = about(&r, "certificate-expired", EXPIRED);
    cites_paste(f, "certs.txt", EXPIRED);
    assert!(f.title.contains("CN=old.contoso.com"), "{}", f.title);
    let fix = &f.remediation.as_ref().unwrap().powershell;
    assert!(fix.contains(&format!("'{EXPIRED}'")), "{fix}");
    cites_paste(
        about(&r, "certificate-not-yet-valid", NOT_YET),
        "certs.txt",
        NOT_YET,
    );
    let soon = about(&r, "certificate-expires-soon", SOON);
    cites_paste(soon, "certs.txt", SOON);
    assert!(soon.title.contains("CN=mail.contoso.com"), "{}", soon.title);
    // The certificate valid for months is not reported.
    assert!(!r
        .findings
        .iter()
        .any(|f| f.thumbprints.iter().any(|t| t == FINE)));
    assert!(!r.findings.iter().any(|f| f.id == "no-tls-problem-found"));
}

#[test]
fn a_pasted_certificate_store_listing_is_judged_too() {
    let body = format!(
        "PS C:\\> Get-ChildItem Cert:\\LocalMachine\\My | Format-List Subject,Issuer,Thumbprint,NotBefore,NotAfter\n\nSubject      : CN=mail.contoso.com\nIssuer       : CN=R11, O=Let's Encrypt, C=US\nThumbprint   : {EXPIRED}\nNotBefore    : 8/17/2026 9:12:40 AM\nNotAfter     : 11/15/2026 9:12:39 AM\n"
    );
    let r = analyze("store.txt", &body);
    cites_paste(
        about(&r, "certificate-expired", EXPIRED),
        "store.txt",
        EXPIRED,
    );
}

#[test]
fn a_pasted_certificate_and_the_same_file_give_one_finding() {
    // The same certificate dropped as a file and printed by the shell: one finding (the file
    // holds it, the paste adds nothing new about its dates).
    let sample = std::fs::read(format!(
        "{}/../../testdata/samples/widgits-2016-new.cer",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let listing = "Get-ExchangeCertificate | Format-List Subject,Issuer,Thumbprint,NotBefore,NotAfter\n\nSubject    : O=Internet Widgits Pty Ltd, S=Some-State, C=AU\nIssuer     : O=Internet Widgits Pty Ltd, S=Some-State, C=AU\nThumbprint : 47F418A54B85B702C197FF57B66F2145343D9222\nNotBefore  : 7/9/2016 4:38:09 AM\nNotAfter   : 8/8/2016 4:38:09 AM\n";
    let mut a = Analyzer::new(AnalyzeOptions {
        lang: Lang::En,
        now_unix: NOW,
        passwords: Vec::new(),
    });
    a.add_file("widgits-2016-new.cer", &sample);
    a.add_file("certs.txt", listing.as_bytes());
    let r = a.report();
    about(
        &r,
        "certificate-expired",
        "47F418A54B85B702C197FF57B66F2145343D9222",
    );
}

#[test]
fn a_renewed_certificate_left_in_the_listing_is_not_a_second_story() {
    // The expired certificate and its renewal (same subject, valid now), and a renewal issued
    // ahead of time (not valid yet) beside the current one: nothing about dates to report.
    let cert = |t: &str, nb: &str, na: &str| {
        format!("\nSubject    : CN=mail.contoso.com\nIssuer     : CN=R11, O=Let's Encrypt, C=US\nThumbprint : {t}\nNotBefore  : {nb}\nNotAfter   : {na}\n")
    };
    let body = format!(
        "Get-ExchangeCertificate | Format-List Subject,Issuer,Thumbprint,NotBefore,NotAfter\n{}{}{}",
        cert(EXPIRED, "8/17/2026 9:12:40 AM", "11/15/2026 9:12:39 AM"),
        cert(FINE, "11/10/2026 6:00:00 AM", "6/8/2027 5:59:59 AM"),
        cert(NOT_YET, "1/10/2027 8:00:00 AM", "9/10/2027 7:59:59 AM"),
    );
    let r = analyze("certs.txt", &body);
    for id in [
        "certificate-expired",
        "certificate-not-yet-valid",
        "certificate-expires-soon",
    ] {
        assert!(
            !r.findings.iter().any(|f| f.id == id),
            "{id}: {:?}",
            r.findings.iter().map(|f| &f.id).collect::<Vec<_>>()
        );
    }
}

/// `Get-ExchangeCertificate | ft FriendlyName,Thumbprint,NotAfter,Services,HasPrivateKey
/// -AutoSize` shows no subject: the certificates are not renewals of one another (the expired
/// one was hidden as "superseded" by the others' later NotAfter, all shown as subject "?").
#[test]
fn listed_certificates_without_a_subject_are_no_renewal_of_each_other() {
    let body = include_str!(
        "../../../testdata/paste/get-exchangecertificate-ft-friendlyname-notafter-de-de.txt"
    );
    let r = analyze("certs.txt", body);
    let f = about(
        &r,
        "certificate-expired",
        "5A1E3C7B9D2F4A6C8E0B1D3F5A7C9E1B3D5F7A9C",
    );
    assert!(f.title.contains("14.01.2025 17:12:40"), "{}", f.title);
    // No Subject column: the FriendlyName names the certificate (was "(not in the text)" / "?").
    assert!(f.title.contains("\"Mail Zertifikat 2024\""), "{}", f.title);
    let no_key = about(
        &r,
        "no-credentials",
        "2B4D6F8A0C2E4F6A8B0D2F4E6A8C0B3D5F8A1C9E",
    );
    assert!(
        no_key
            .title
            .starts_with("The certificate \"Microsoft Exchange Server ...\" (thumbprint"),
        "{}",
        no_key.title
    );
    cites_paste(f, "certs.txt", "5A1E3C7B9D2F4A6C8E0B1D3F5A7C9E1B3D5F7A9C");
    for t in [
        "9E7C5A3B1D0F8E6C4A2B0D9F7E5C3A1B9D7F5E3C",
        "2B4D6F8A0C2E4F6A8B0D2F4E6A8C0B3D5F8A1C9E",
    ] {
        assert!(
            !r.findings
                .iter()
                .any(|f| f.id == "certificate-expired" && f.thumbprints.iter().any(|x| x == t)),
            "{t}"
        );
    }
}
