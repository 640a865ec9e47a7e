//! `--lang de`: the values the admin fills into a fix (server, thumbprint, connector name, the
//! .pfx to import) are German words from the i18n tables (`'<Servername>'`,
//! `'<Fingerabdruck>'`, ...), not the English ones, and each stays inside its single-quoted
//! string (checked with the PowerShell tokenizer model of `support/ps_tokenizer.rs`). Inputs:
//! the repository's sample logs and pastes (KB 4495258 and KB 4051498 excerpts, Exchange Online
//! and Event Viewer texts; sources in testdata/README.md) and a Let's Encrypt R3 -> R11 renewal
//! pasted as `Get-ExchangeCertificate | Format-List` and a bare connector selection.

// Shared with powershell_injection.rs, which uses all of it; this file only a part.
#[allow(dead_code)]
#[path = "support/ps_tokenizer.rs"]
mod ps_tokenizer;

use tlsdoctor_core::analyze::{AnalyzeOptions, Analyzer};
use tlsdoctor_core::i18n::Lang;
use tlsdoctor_core::report::AnalysisReport;

/// 2026-12-01T00:00:00Z.
const NOW: i64 = 1_796_083_200;

const ENGLISH: &[&str] = &[
    "<Server>",
    "<Thumbprint>",
    "<NewThumbprint>",
    "<OldThumbprint>",
    "<SendConnectorName>",
    "<certificate-with-private-key>",
    "<renewed-certificate>",
    "<ca-issued-certificate>",
    "<Inbound connector name>",
];
const GERMAN: &[&str] = &[
    "<Servername>",
    "<Fingerabdruck>",
    "<NeuerFingerabdruck>",
    "<AlterFingerabdruck>",
    "<Sendeconnectorname>",
    "<Zertifikat-mit-privatem-Schluessel>",
    "<erneuertes-Zertifikat>",
    "<Zertifikat-einer-CA>",
    "<Name des Eingangsconnectors>",
];

fn testdata(rel: &str) -> Vec<u8> {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata")
        .join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

const RENEWED: &str = "[PS] C:\\>Get-ExchangeCertificate | Format-List FriendlyName,Subject,Issuer,CertificateDomains,Thumbprint,Services,IsSelfSigned,NotBefore,NotAfter\n\n\
FriendlyName       : mail.contoso.com 2026\n\
Subject            : CN=mail.contoso.com\n\
Issuer             : CN=R11, O=Let's Encrypt, C=US\n\
CertificateDomains : {mail.contoso.com, autodiscover.contoso.com}\n\
Thumbprint         : 6C1F0E5A3B2D4C8E9F7A1B3C5D7E9F0A2B4C6D8E\n\
Services           : IIS, SMTP\n\
IsSelfSigned       : False\n\
NotBefore          : 10/1/2026 12:00:00 AM\n\
NotAfter           : 12/20/2026 11:59:59 PM\n";
const CONNECTOR: &str = "Name               : Partner TLS\nTlsCertificateName : <I>CN=R3, O=Let's Encrypt, C=US<S>CN=mail.contoso.com\n";

/// Each input set, analysed in `lang`.
fn reports(lang: Lang) -> Vec<AnalysisReport> {
    let sets: Vec<Vec<(String, Vec<u8>)>> = vec![
        vec![(
            "kb4495258.log".into(),
            testdata("logs/kb4495258-excerpt.log"),
        )],
        vec![(
            "kb4051498.log".into(),
            testdata("logs/kb4051498-unknowncredentials-excerpt.log"),
        )],
        vec![(
            "RECV.LOG".into(),
            testdata("logs/RECV-nocredentials-inbound-starttls.LOG"),
        )],
        vec![
            (
                "RECV.LOG".into(),
                testdata("failure-modes/RECV-exo-subject-mismatch.LOG"),
            ),
            (
                "trace.txt".into(),
                testdata("failure-modes/message-trace-subject-mismatch.txt"),
            ),
        ],
        vec![(
            "renewal-trap.txt".into(),
            testdata("paste/renewal-trap-de-de.txt"),
        )],
        vec![
            ("certs.txt".into(), RENEWED.as_bytes().to_vec()),
            ("connector.txt".into(), CONNECTOR.as_bytes().to_vec()),
        ],
        vec![(
            "widgits.cer".into(),
            testdata("samples/widgits-2014-old.cer"),
        )],
    ];
    sets.iter()
        .map(|files| {
            let mut a = Analyzer::new(AnalyzeOptions {
                lang,
                now_unix: NOW,
                passwords: Vec::new(),
            });
            for (path, bytes) in files {
                a.add_file(path, bytes);
            }
            a.report()
        })
        .collect()
}

fn scripts(reports: &[AnalysisReport]) -> Vec<String> {
    reports
        .iter()
        .flat_map(|r| r.findings.iter())
        .filter_map(|f| f.remediation.as_ref().map(|r| r.powershell.clone()))
        .collect()
}

#[test]
fn german_fixes_have_german_placeholders_inside_their_strings() {
    let scripts = scripts(&reports(Lang::De));
    let all = scripts.join("\n");
    for word in ENGLISH {
        assert!(!all.contains(word), "{word} in:\n{all}");
    }
    let mut seen = 0;
    for word in GERMAN {
        if !all.contains(word) {
            continue;
        }
        seen += 1;
        for script in &scripts {
            for line in script
                .lines()
                .filter(|l| l.contains(word) && !l.trim_start().starts_with('#'))
            {
                let tokens = ps_tokenizer::tokenize(line);
                assert!(ps_tokenizer::errors(&tokens).is_empty(), "{line}");
                let inside = ps_tokenizer::literals_containing(&tokens, word).len();
                assert_eq!(
                    inside,
                    line.matches(word).count(),
                    "{word} outside a string: {line}"
                );
            }
        }
    }
    // The inputs need the server, thumbprint, new thumbprint and .pfx placeholders at least.
    assert!(seen >= 4, "{seen} German placeholders in:\n{all}");
    assert!(
        all.contains("'<Servername>'") && all.contains("'<NeuerFingerabdruck>'"),
        "{all}"
    );
    // The prompt of Read-Host for the .pfx password is German too.
    assert!(all.contains("-Prompt 'PFX-Kennwort'"), "{all}");
    assert!(!all.contains("PFX password"), "{all}");
}

#[test]
fn english_fixes_keep_english_placeholders() {
    let all = scripts(&reports(Lang::En)).join("\n");
    for word in GERMAN {
        assert!(!all.contains(word), "{word} in:\n{all}");
    }
    assert!(
        all.contains("'<Server>'") && all.contains("'<NewThumbprint>'"),
        "{all}"
    );
    assert!(all.contains("-Prompt 'PFX password'"), "{all}");
}
