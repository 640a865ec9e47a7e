//! The read-only collector (collect/Collect-TlsEvidence.ps1, issue 14): its output .zip, written
//! to the layout its header documents (testdata/collector/, built by
//! scripts/make-collector-fixtures.py from testdata/paste/; no PowerShell runs here), gives the
//! same findings as the same files loose and as the pastes they came from; and the script only
//! reads.

use std::path::{Path, PathBuf};

use tlsdoctor_core::analyze::{AnalyzeOptions, Analyzer};
use tlsdoctor_core::collect::{COLLECTOR_PS1, COLLECTOR_TEXT_FILES};
use tlsdoctor_core::i18n::Lang;
use tlsdoctor_core::report::{AnalysisReport, FileKind};

const KB_ZIP: &[u8] = include_bytes!("../../../testdata/collector/kb4495258-collector.zip");
const TRAP_ZIP: &[u8] = include_bytes!("../../../testdata/collector/renewal-trap-collector.zip");
const OUTAGE: &[u8] = include_bytes!("../../../testdata/paste/kb4495258-outage-en-us.txt");
const OUTAGE_LOG: &[u8] = include_bytes!("../../../testdata/paste/SEND20250131-1.LOG");
const TRAP: &[u8] = include_bytes!("../../../testdata/paste/renewal-trap-de-de.txt");
/// 2025-02-01T00:00:00Z.
const NOW: i64 = 1_738_368_000;

fn analyze(files: &[(String, Vec<u8>)]) -> AnalysisReport {
    let mut a = Analyzer::new(AnalyzeOptions {
        lang: Lang::En,
        now_unix: NOW,
        passwords: Vec::new(),
    });
    for (name, bytes) in files {
        a.add_file(name, bytes);
    }
    a.report()
}

fn folder(name: &str) -> Vec<(String, Vec<u8>)> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                walk(&p, out);
            } else {
                out.push(p);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/collector")
        .join(name);
    let mut paths = Vec::new();
    walk(&root, &mut paths);
    paths
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(&root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (format!("{name}/{rel}"), std::fs::read(&p).unwrap())
        })
        .collect()
}

/// Each finding's id, severity, thumbprints and connectors; the verdict; the log summary.
fn essence(r: &AnalysisReport) -> Vec<String> {
    let mut out: Vec<String> = r
        .findings
        .iter()
        .map(|f| {
            format!(
                "{} {:?} {:?} {:?}",
                f.id, f.severity, f.thumbprints, f.connectors
            )
        })
        .collect();
    out.push(r.verdict.clone());
    out.push(format!("{:?}", r.log_summary));
    out
}

fn ids(r: &AnalysisReport) -> Vec<&str> {
    r.findings.iter().map(|f| f.id.as_str()).collect()
}

/// Entry names must be those the script's header documents.
fn assert_documented_layout(r: &AnalysisReport, zip: &str) {
    assert!(COLLECTOR_PS1.contains("TlsEvidence-<SERVER>-<yyyyMMdd-HHmmss>.zip"));
    for f in r.files.iter().skip(1) {
        let name = f.path.strip_prefix(&format!("{zip}/")).unwrap();
        let documented = COLLECTOR_TEXT_FILES.contains(&name) || {
            let parts: Vec<&str> = name.split('/').collect();
            parts.len() == 4
                && parts[0] == "logs"
                && ["Hub", "FrontEnd"].contains(&parts[1])
                && ["SmtpSend", "SmtpReceive"].contains(&parts[2])
                && parts[3].ends_with(".LOG")
        };
        assert!(documented, "{name} is not in the documented layout");
    }
    for name in COLLECTOR_TEXT_FILES {
        assert!(
            COLLECTOR_PS1.contains(&format!("        {name} ")),
            "{name} missing from the script header"
        );
    }
}

#[test]
fn kb4495258_collector_zip_gives_the_findings_of_the_loose_files_and_the_paste() {
    let zipped = analyze(&[("TlsEvidence-EX01.zip".into(), KB_ZIP.to_vec())]);
    let loose = analyze(&folder("kb4495258"));
    let pasted = analyze(&[
        ("outage.txt".into(), OUTAGE.to_vec()),
        ("SEND20250131-1.LOG".into(), OUTAGE_LOG.to_vec()),
    ]);
    assert_eq!(ids(&zipped), ["no-credentials"]);
    assert_eq!(essence(&zipped), essence(&loose));
    assert_eq!(ids(&pasted), ids(&zipped));
    assert_eq!(
        pasted.findings[0].thumbprints,
        zipped.findings[0].thumbprints
    );
    assert_eq!(
        zipped.findings[0].thumbprints,
        ["3D5F8A1C9E2B4D6F8A0C2E4F6A8B0D2F4E6A8C0B"]
    );
    assert_eq!(zipped.findings[0].connectors, ["Outbound to Office 365"]);
    // Nothing in the collector's zip is an error; the texts no reader knows carry a warning.
    assert!(
        zipped.files.iter().all(|f| f.error.is_none()),
        "{:?}",
        zipped.files
    );
    let kinds = |k: FileKind| zipped.files.iter().filter(|f| f.kind == k).count();
    assert_eq!(kinds(FileKind::ZipArchive), 1);
    assert_eq!(kinds(FileKind::ShellOutput), 5);
    assert_eq!(kinds(FileKind::ProtocolLog), 1);
    assert_eq!(kinds(FileKind::Unknown), 4);
    assert_documented_layout(&zipped, "TlsEvidence-EX01.zip");
    // The evidence names the log inside the zip.
    assert!(zipped.findings[0]
        .evidence
        .iter()
        .any(|e| e.path == "TlsEvidence-EX01.zip/logs/Hub/SmtpSend/SEND20250131-1.LOG"));
}

#[test]
fn renewal_trap_collector_zip_gives_the_findings_of_the_loose_files_and_the_paste() {
    let zipped = analyze(&[("TlsEvidence-EX01.zip".into(), TRAP_ZIP.to_vec())]);
    let loose = analyze(&folder("renewal-trap"));
    let pasted = analyze(&[("renewal.txt".into(), TRAP.to_vec())]);
    assert_eq!(ids(&zipped), ["ambiguous-tls-certificate-name"]);
    assert_eq!(essence(&zipped), essence(&loose));
    let trap = |r: &AnalysisReport| {
        r.findings
            .iter()
            .find(|f| f.id == "ambiguous-tls-certificate-name")
            .map(|f| (f.thumbprints.clone(), f.connectors.clone()))
    };
    assert_eq!(trap(&pasted), trap(&zipped));
    assert!(zipped.files.iter().all(|f| f.error.is_none()));
    assert_documented_layout(&zipped, "TlsEvidence-EX01.zip");
}

/// The script's code (comments and the help block removed).
fn code_lines() -> Vec<&'static str> {
    let mut in_help = false;
    COLLECTOR_PS1
        .lines()
        .filter(|l| {
            let t = l.trim();
            if t.starts_with("<#") {
                in_help = true;
            }
            let keep = !in_help && !t.starts_with('#') && !t.is_empty();
            if t.ends_with("#>") {
                in_help = false;
            }
            keep
        })
        .collect()
}

#[test]
fn collector_only_reads_and_never_exports_a_private_key() {
    let code = code_lines();
    assert!(code.len() > 100, "{}", code.len());
    let joined = code.join("\n");
    for banned in [
        "Export-PfxCertificate",
        "Export-ExchangeCertificate",
        "Export-Certificate",
        "-Password",
        "PrivateKey.",
        "Enable-",
        "Disable-",
        "Import-",
        "Invoke-Expression",
        "Set-ItemProperty",
        "Start-Service",
        "Stop-Service",
        "Restart-Service",
    ] {
        assert!(
            !joined.contains(banned),
            "the collector's code contains {banned}"
        );
    }
    // Set- only for the script's own strict mode; New- and Remove- only for its own staging
    // folder and .NET objects.
    for line in &code {
        for (i, _) in line.match_indices("Set-") {
            assert!(line[i..].starts_with("Set-StrictMode"), "{line}");
        }
        for (i, _) in line.match_indices("New-") {
            let rest = &line[i..];
            assert!(
                rest.starts_with("New-Object") || rest.starts_with("New-Item -ItemType Directory"),
                "{line}"
            );
        }
        if line.contains("Remove-") {
            assert_eq!(
                line.trim(),
                "Remove-Item -LiteralPath $staging -Recurse -Force"
            );
        }
    }
    // Lossless output, one zip, the documented event IDs.
    assert!(joined.contains("Out-String -Width 4096"));
    assert!(joined.contains("$global:FormatEnumerationLimit = -1"));
    assert!(joined.contains("Compress-Archive"));
    assert!(joined.contains("$ids = 12013, 12014, 12016, 12017, 12018, 12023, 12024, 2015"));
    assert!(joined.contains("HasPrivateKey"));
    for cmdlet in [
        "Get-ExchangeCertificate",
        "Get-ChildItem Cert:\\LocalMachine\\My",
        "Get-SendConnector",
        "Get-ReceiveConnector",
        "Get-TransportService",
        "Get-FrontEndTransportService",
        "Get-Queue",
        "Get-WinEvent -FilterHashtable",
        "SchUseStrongCrypto",
        "SystemDefaultTlsVersions",
        "SCHANNEL\\Protocols",
        "Get-ExchangeServer",
    ] {
        assert!(joined.contains(cmdlet), "{cmdlet}");
    }
}
