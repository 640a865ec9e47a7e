//! Diagnosis over the bundled samples, the test logs and corpus files (core API, no CLI).
//! `now` is fixed at 2026-01-01 so validity findings do not drift.

use tlsdoctor_core::analyze::{AnalyzeOptions, Analyzer};
use tlsdoctor_core::i18n::Lang;
use tlsdoctor_core::report::{AnalysisReport, Finding, Severity};

fn read(rel: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../../testdata/{rel}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// 2026-01-01T00:00:00Z.
const NOW: i64 = 1_767_225_600;

const SEND_LOG: &str = "samples/SEND20240502-1.LOG";
const SERVER_CER: &str = "samples/testservereku.contoso.com.cer";
const SERVER_PFX: &str =
    "corpus/pkcs12/dotnet-runtime-assets/System.Net.TestData/testservereku.contoso.com.pfx";
const SERVER_THUMB: &str = "3D68C9DB575E6FDB56A81AE43B014E129349E024";
const OLD_CER: &str = "samples/widgits-2014-old.cer";
const NEW_CER: &str = "samples/widgits-2016-new.cer";
const OLD_THUMB: &str = "14742D528E0D0C066C3264D37E3331688B281A75";
const NEW_THUMB: &str = "47F418A54B85B702C197FF57B66F2145343D9222";

fn analyzer(lang: Lang, passwords: &[&str]) -> Analyzer {
    Analyzer::new(AnalyzeOptions {
        lang,
        now_unix: NOW,
        passwords: passwords.iter().map(|s| s.to_string()).collect(),
    })
}

fn analyze(files: &[&str], lang: Lang, passwords: &[&str]) -> AnalysisReport {
    let mut a = analyzer(lang, passwords);
    for f in files {
        a.add_file(f, &read(f));
    }
    a.report()
}

fn ids(r: &AnalysisReport) -> Vec<&str> {
    r.findings.iter().map(|f| f.id.as_str()).collect()
}

fn finding<'a>(r: &'a AnalysisReport, id: &str) -> &'a Finding {
    r.findings
        .iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("no {id} in {:?}", ids(r)))
}

#[test]
fn kb4495258_log_and_cer_give_no_credentials_and_missing_key() {
    let r = analyze(&[SEND_LOG, SERVER_CER], Lang::En, &[]);
    assert_eq!(
        ids(&r),
        vec!["no-credentials", "certificate-missing-private-key"]
    );
    let nc = finding(&r, "no-credentials");
    assert_eq!(nc.severity, Severity::Error);
    assert_eq!(nc.thumbprints, vec![SERVER_THUMB]);
    assert_eq!(nc.connectors, vec!["Outbound to Office 365"]);
    assert!(nc.title.contains(SERVER_THUMB));
    // Evidence: the certificate block rows (subject .. alternate names) and both failure rows.
    let lines: Vec<u64> = nc.evidence.iter().map(|e| e.line).collect();
    assert_eq!(lines, vec![22, 23, 24, 25, 26, 27, 28, 52]);
    assert!(nc.evidence[6]
        .text
        .ends_with("TLS negotiation failed with error NoCredentials"));
    let ps = &nc.remediation.as_ref().unwrap().powershell;
    let expected_order = [
        "Set-SendConnector 'Outbound to Office 365' -ProtocolLoggingLevel Verbose",
        "Get-ChildItem -Path Cert:\\LocalMachine\\My | Where-Object {$_.Thumbprint -eq '3D68C9DB575E6FDB56A81AE43B014E129349E024'} | Select-Object -Property Thumbprint,HasPrivateKey",
        "Get-ChildItem -Path Cert:\\LocalMachine\\My | Where-Object {$_.Thumbprint -eq '3D68C9DB575E6FDB56A81AE43B014E129349E024'} | Remove-Item",
        "Import-ExchangeCertificate",
        "Enable-ExchangeCertificate -Thumbprint '<NewThumbprint>' -Services SMTP",
        "Get-Queue -ResultSize Unlimited | Where-Object {$_.Status -eq 'Retry'} | Retry-Queue",
    ];
    let mut at = 0;
    for cmd in expected_order {
        let pos = ps[at..]
            .find(cmd)
            .unwrap_or_else(|| panic!("{cmd} missing or out of KB order in\n{ps}"));
        at += pos + cmd.len();
    }
    let mk = finding(&r, "certificate-missing-private-key");
    assert_eq!(mk.thumbprints, vec![SERVER_THUMB]);
    assert!(mk.explanation.contains(SERVER_CER));
    assert!(
        r.verdict.contains("NoCredentials") && r.verdict.contains(SERVER_THUMB),
        "{}",
        r.verdict
    );
    // Contract facts.
    assert_eq!(r.log_summary.sessions, 2);
    assert_eq!(r.tls_failures.len(), 2);
    assert_eq!(r.tls_failures[0].error, "NoCredentials");
    assert_eq!(r.tls_failures[0].remote_endpoint, "172.16.38.36:25");
    assert_eq!(r.tls_failures[0].line, 28);
    assert_eq!(r.observed_certificates.len(), 1);
    let oc = &r.observed_certificates[0];
    assert_eq!(oc.role, "sending");
    assert_eq!(
        oc.serial_number.as_deref(),
        Some("54000000320F036BF59292AA2F000000000032")
    );
    assert_eq!(oc.alternate_names.len(), 3);
    assert_eq!(oc.occurrences, 2);
}

#[test]
fn kb4495258_in_german_has_the_same_powershell() {
    let en = analyze(&[SEND_LOG, SERVER_CER], Lang::En, &[]);
    let de = analyze(&[SEND_LOG, SERVER_CER], Lang::De, &[]);
    assert_eq!(de.lang, "de");
    assert_eq!(ids(&de), ids(&en));
    let (fe, fd) = (
        finding(&en, "no-credentials"),
        finding(&de, "no-credentials"),
    );
    assert!(
        fd.title
            .starts_with("Ausgehendes TLS scheitert mit NoCredentials"),
        "{}",
        fd.title
    );
    assert!(fd.explanation.contains("privaten Schlüssel"));
    assert_ne!(
        fe.remediation.as_ref().unwrap().steps,
        fd.remediation.as_ref().unwrap().steps
    );
    // The same commands; only the placeholders the admin fills in and the password prompt
    // are German words.
    let mut german = fd.remediation.as_ref().unwrap().powershell.clone();
    assert!(german.contains("'<NeuerFingerabdruck>'"), "{german}");
    for (de, en) in [
        ("<NeuerFingerabdruck>", "<NewThumbprint>"),
        ("<Fingerabdruck>", "<Thumbprint>"),
        (
            "<Zertifikat-mit-privatem-Schluessel>",
            "<certificate-with-private-key>",
        ),
        ("<Servername>", "<Server>"),
        ("'PFX-Kennwort'", "'PFX password'"),
    ] {
        german = german.replace(de, en);
    }
    assert_eq!(fe.remediation.as_ref().unwrap().powershell, german);
    assert!(de.verdict.contains("weitere"), "{}", de.verdict);
}

#[test]
fn kb4495258_with_the_pfx_and_its_password_proves_the_key() {
    let r = analyze(&[SEND_LOG, SERVER_PFX], Lang::En, &["testcertificate"]);
    assert_eq!(ids(&r), vec!["no-credentials"], "{:#?}", r.findings);
    let pfx = &r.files[1];
    assert!(pfx.error.is_none());
    let cert = pfx
        .certificates
        .iter()
        .find(|c| c.thumbprint == SERVER_THUMB)
        .unwrap();
    assert!(cert.has_private_key);
    let nc = finding(&r, "no-credentials");
    assert!(
        nc.explanation
            .contains("re-importing this file with its key"),
        "{}",
        nc.explanation
    );
    let ps = &nc.remediation.as_ref().unwrap().powershell;
    assert!(
        ps.contains(&format!("ReadAllBytes('{SERVER_PFX}')")),
        "{ps}"
    );
    assert!(
        ps.contains(&format!(
            "Enable-ExchangeCertificate -Thumbprint '{SERVER_THUMB}' -Services SMTP"
        )),
        "{ps}"
    );
}

#[test]
fn wrong_password_then_set_passwords_reopens_the_pfx() {
    let mut a = analyzer(Lang::En, &["nope"]);
    a.add_file(SEND_LOG, &read(SEND_LOG));
    a.add_file(SERVER_PFX, &read(SERVER_PFX));
    let before = a.report();
    assert_eq!(
        before.files[1].error.as_ref().map(|e| e.code.as_str()),
        Some("wrong-password")
    );
    assert!(before.files[1].certificates.is_empty());
    assert!(finding(&before, "no-credentials")
        .explanation
        .contains("did not open with the passwords given"));
    a.set_passwords(vec!["testcertificate".into()]);
    let after = a.report();
    assert!(after.files[1].error.is_none());
    assert!(finding(&after, "no-credentials")
        .explanation
        .contains("re-importing this file"));
    a.set_lang(Lang::De);
    assert!(a.report().findings[0].title.starts_with("Ausgehendes TLS"));
}

#[test]
fn renewal_pair_is_ambiguous_and_names_old_and_new() {
    for lang in [Lang::En, Lang::De] {
        let r = analyze(&[OLD_CER, NEW_CER], lang, &[]);
        let f = finding(&r, "ambiguous-tls-certificate-name");
        assert_eq!(f.severity, Severity::Warning);
        assert_eq!(f.thumbprints, vec![OLD_THUMB, NEW_THUMB]);
        let name = "<I>O=Internet Widgits Pty Ltd, S=Some-State, C=AU<S>O=Internet Widgits Pty Ltd, S=Some-State, C=AU";
        assert!(f.explanation.contains(name), "{}", f.explanation);
        let ps = &f.remediation.as_ref().unwrap().powershell;
        let order = [
            "Get-ExchangeCertificate | Format-List",
            &format!("-eq '{name}'"),
            "Stop-Service MSExchangeTransport",
            "-TlsCertificateName $Null",
            &format!(
                "Remove-ExchangeCertificate -Server $env:COMPUTERNAME -Thumbprint '{OLD_THUMB}'"
            ),
            &format!("$cert = Get-ExchangeCertificate -Thumbprint '{NEW_THUMB}'"),
            "$tlscertificatename = \"<I>$($cert.Issuer)<S>$($cert.Subject)\"",
            "-TlsCertificateName $tlscertificatename",
            "Start-Service MSExchangeTransport",
        ];
        let mut at = 0;
        for cmd in order {
            let pos = ps[at..]
                .find(cmd)
                .unwrap_or_else(|| panic!("{cmd} missing or out of order in\n{ps}"));
            at += pos + cmd.len();
        }
        assert_eq!(f.remediation.as_ref().unwrap().steps.len(), 7);
        // Both are long expired at NOW. The one expiring last (OLD, 2017; Exchange's pick) is
        // reported, judged at today's date; the other (NEW, expired 2016) is a leftover of the
        // pair the finding above already says to remove, not a second expiry story (was: both
        // reported; issue 12 makes pasted and dropped certificates one validity family, where a
        // renewed listing must not report each superseded certificate).
        let expired: Vec<&Finding> = r
            .findings
            .iter()
            .filter(|f| f.id == "certificate-expired")
            .collect();
        assert_eq!(expired.len(), 1);
        assert_eq!(expired[0].thumbprints, vec![OLD_THUMB]);
    }
}

#[test]
fn renewal_pair_as_pkcs12_from_the_corpus() {
    let r = analyze(
        &[
            "corpus/pkcs12/boringssl/openssl.p12",
            "corpus/pkcs12/boringssl/pbes2_sha256.p12",
        ],
        Lang::En,
        &["foo"],
    );
    let f = finding(&r, "ambiguous-tls-certificate-name");
    assert_eq!(f.thumbprints, vec![OLD_THUMB, NEW_THUMB]);
    assert!(!ids(&r).contains(&"certificate-missing-private-key"));
}

#[test]
fn the_same_certificate_twice_is_not_ambiguous() {
    // openssl.p12 and pbes2_sha1.p12 hold the same certificate (same thumbprint).
    let r = analyze(
        &[
            "corpus/pkcs12/boringssl/openssl.p12",
            "corpus/pkcs12/boringssl/pbes2_sha1.p12",
            OLD_CER,
        ],
        Lang::En,
        &["foo"],
    );
    assert!(
        !ids(&r).contains(&"ambiguous-tls-certificate-name"),
        "{:?}",
        ids(&r)
    );
}

#[test]
fn clean_receive_log_has_no_tls_problem_and_mentions_auth() {
    for (lang, auth) in [(Lang::En, "failed AUTH"), (Lang::De, "AUTH-Anmeldung")] {
        let r = analyze(
            &["logs/RECV20240502-1-clean-auth-denied.LOG", SERVER_CER],
            lang,
            &[],
        );
        assert_eq!(ids(&r), vec!["no-tls-problem-found"], "{:#?}", r.findings);
        let f = &r.findings[0];
        assert_eq!(f.severity, Severity::Info);
        assert!(
            f.explanation.contains("SP_PROT_TLS1_2_SERVER"),
            "{}",
            f.explanation
        );
        assert!(f.explanation.contains(auth), "{}", f.explanation);
        assert!(f.evidence.iter().any(|e| e.text.contains("LogonDenied")));
        assert_eq!(r.verdict, f.title);
        // One-row certificate shape read with its dates.
        let oc = &r.observed_certificates[0];
        assert_eq!(oc.thumbprint.as_deref(), Some(SERVER_THUMB));
        assert_eq!(oc.issuer.as_deref(), Some("CN=NDX Test Root CA"));
        assert_eq!(oc.not_after.as_deref(), Some("2036-12-29T20:53:49.000Z"));
        assert_eq!(r.log_summary.tls_successes, 1);
    }
}

#[test]
fn unknown_credentials_excerpt_without_header() {
    let r = analyze(
        &["logs/kb4051498-unknowncredentials-excerpt.log"],
        Lang::En,
        &[],
    );
    let f = finding(&r, "unknown-credentials");
    assert_eq!(
        f.thumbprints,
        vec!["7A1C5E0D2B4F68391A0C3E5D7F9B2D4C6E8A0B1C"]
    );
    assert!(f.remediation.as_ref().unwrap().powershell.contains("Enable-ExchangeCertificate -Thumbprint '7A1C5E0D2B4F68391A0C3E5D7F9B2D4C6E8A0B1C' -Services SMTP"));
    let oc = &r.observed_certificates[0];
    assert_eq!(oc.issuer.as_deref(), Some("CN=Trusted Secure Certificate Authority 5, O=Corporation Service Company, L=Wilmington, S=DE, C=US"));
    assert_eq!(oc.role, "sending");
    // The log names a certificate nobody dropped.
    assert_eq!(
        finding(&r, "certificate-not-provided").severity,
        Severity::Warning
    );
}

#[test]
fn clean_log_without_its_certificate_file_still_says_no_problem_first() {
    let r = analyze(
        &["logs/RECV20240502-1-clean-auth-denied.LOG"],
        Lang::En,
        &[],
    );
    assert_eq!(
        ids(&r),
        vec!["no-tls-problem-found", "certificate-not-provided"]
    );
    assert_eq!(r.verdict, "No TLS problem found");
    assert_eq!(
        finding(&r, "certificate-not-provided").severity,
        Severity::Info
    );
}

#[test]
fn kb_excerpt_with_placeholders_is_read_without_inventing_values() {
    let r = analyze(&["logs/kb4495258-excerpt.log"], Lang::En, &[]);
    let f = finding(&r, "no-credentials");
    assert!(f.thumbprints.is_empty());
    assert!(f
        .remediation
        .as_ref()
        .unwrap()
        .powershell
        .contains("-eq '<Thumbprint>'"));
    assert_eq!(r.tls_failures[0].date_time, None);
    assert_eq!(r.observed_certificates[0].date_time, None);
    assert_eq!(
        r.observed_certificates[0].alternate_names,
        vec!["*.xxxx.xxx.xx"]
    );
    assert_eq!(
        r.observed_certificates[0].issuer.as_deref(),
        Some("CN=xxxxxx, OU=xxxxxx, O=xxxx, L=xxxx, S=xxxxx, C=xx")
    );
    assert!(!ids(&r).contains(&"certificate-not-provided"));
}

#[test]
fn a_session_split_across_two_files_is_one_session() {
    let log = String::from_utf8(read(SEND_LOG)).unwrap();
    // Cut inside the first certificate block (after the subject row, line 23).
    let lines: Vec<&str> = log.split_inclusive('\n').collect();
    let (first, second) = lines.split_at(23);
    let mut a = analyzer(Lang::En, &[]);
    a.add_file("SEND20240502-2.LOG", second.concat().as_bytes()); // later file first
    a.add_file("SEND20240502-1.LOG", first.concat().as_bytes());
    let split = a.report();
    let whole = analyze(&[SEND_LOG], Lang::En, &[]);
    // Files in reverse order: still two sessions (the certificate block is then read in two
    // halves, so only the in-order case below can tie the failure to the certificate).
    assert_eq!(split.log_summary.sessions, whole.log_summary.sessions);
    assert_eq!(split.log_summary.lines, whole.log_summary.lines);
    let mut a = analyzer(Lang::En, &[]);
    a.add_file("SEND20240502-1.LOG", first.concat().as_bytes());
    a.add_file("SEND20240502-2.LOG", second.concat().as_bytes());
    let r = a.report();
    assert_eq!(r.log_summary.sessions, 2);
    assert_eq!(r.tls_failures[0].path, "SEND20240502-2.LOG");
    assert_eq!(
        r.tls_failures[0].certificate_thumbprint.as_deref(),
        Some(SERVER_THUMB)
    );
    assert_eq!(
        finding(&r, "no-credentials").thumbprints,
        vec![SERVER_THUMB]
    );
}
