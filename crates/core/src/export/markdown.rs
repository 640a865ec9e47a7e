//! The report as a Markdown document (CommonMark + GFM tables), for pasting into a ticket.
//! Labels come from [`crate::i18n::ui`]; findings' text is the report's own.

use std::fmt::Write;

use crate::i18n::{ui::ui, Lang};
use crate::report::{AnalysisReport, Severity};

/// Renders `report` in `lang`'s labels.
pub fn render(report: &AnalysisReport, lang: Lang) -> String {
    let t = ui(lang);
    let mut md = String::new();
    let _ = writeln!(md, "# {}\n", t.report_title);
    if !report.verdict.is_empty() {
        let _ = writeln!(md, "**{}:** {}\n", t.verdict, inline(&report.verdict));
    }

    if !report.findings.is_empty() {
        let _ = writeln!(md, "## {}\n", t.findings_heading);
    }
    let mut findings: Vec<_> = report.findings.iter().collect();
    findings.sort_by_key(|f| f.severity);
    for f in findings {
        let severity = match f.severity {
            Severity::Error => t.severity_error,
            Severity::Warning => t.severity_warning,
            Severity::Info => t.severity_info,
        };
        let _ = writeln!(md, "### {} — {} (`{}`)\n", severity, inline(&f.title), f.id);
        let _ = writeln!(md, "{}\n", prose(f.explanation.trim()));
        if !f.thumbprints.is_empty() {
            let tps: Vec<String> = f.thumbprints.iter().map(|t| format!("`{t}`")).collect();
            let _ = writeln!(md, "- {}: {}", t.thumbprint, tps.join(", "));
        }
        if !f.connectors.is_empty() {
            let _ = writeln!(
                md,
                "- {}: {}",
                t.connector,
                inline(&f.connectors.join(", "))
            );
        }
        if !f.evidence.is_empty() {
            let _ = writeln!(md, "\n**{}**\n", t.evidence);
            let block: String = f
                .evidence
                .iter()
                .map(|e| format!("{}:{}: {}\n", e.path, e.line, e.text))
                .collect();
            let fence = fence_for(&block);
            let _ = write!(md, "{fence}text\n{block}{fence}\n");
        }
        if let Some(r) = &f.remediation {
            let _ = writeln!(md, "\n**{}**\n", t.remediation);
            for (i, step) in r.steps.iter().enumerate() {
                let _ = writeln!(md, "{}. {}", i + 1, inline(step));
            }
            if !r.powershell.trim().is_empty() {
                // The script exactly as the report has it: the fence is made longer than any
                // run of backticks inside instead of touching the content.
                let script = r.powershell.trim_end();
                let fence = fence_for(script);
                let _ = writeln!(md, "\n{fence}powershell\n{script}\n{fence}");
            }
        }
        md.push('\n');
    }

    // One row per certificate card (the page's cards: one per thumbprint, every file).
    let cards = crate::view::cards(&report.files);
    if !cards.is_empty() {
        let _ = writeln!(md, "## {}\n", t.certificates_heading);
        let _ = writeln!(
            md,
            "| {} | {} | {} | {} | {} | {} |\n|---|---|---|---|---|---|",
            t.thumbprint, t.subject, t.issuer, t.valid_until, t.private_key, t.source_file
        );
        for card in &cards {
            let c = &card.cert;
            let key = match card.key {
                crate::view::KeyState::Matches => t.key_present_matches,
                crate::view::KeyState::Mismatch => t.key_mismatch,
                crate::view::KeyState::Locked => t.key_locked,
                crate::view::KeyState::Absent => t.key_absent,
            };
            let _ = writeln!(
                md,
                "| `{}` | {} | {} | {} | {} | {} |",
                c.thumbprint,
                cell(&c.subject),
                cell(&c.issuer),
                c.not_after,
                key,
                cell(&card.files.join(", "))
            );
        }
        md.push('\n');
    }

    if !report.files.is_empty() {
        let _ = writeln!(md, "## {}\n", t.files_heading);
        for f in &report.files {
            let kind = f.kind.as_str();
            match &f.error {
                Some(e) => {
                    let _ = writeln!(
                        md,
                        "- {} ({kind}): **{}** — {}",
                        inline(&f.path),
                        e.code,
                        inline(&e.message)
                    );
                }
                None => {
                    let _ = writeln!(md, "- {} ({kind}): {}", inline(&f.path), t.file_ok);
                }
            }
        }
        md.push('\n');
    }

    let s = &report.log_summary;
    if s.lines > 0 {
        let _ = writeln!(
            md,
            "## {}\n\n{} {}, {} {}, {} {}\n",
            t.log_summary,
            s.lines,
            t.log_lines,
            s.sessions,
            t.log_sessions,
            s.skipped_lines,
            t.log_skipped
        );
    }
    let _ = writeln!(md, "---\n{} {}", t.generated_by, report.version);
    md
}

/// A code fence for `content`: backticks, one more than the longest run of backticks in it and
/// at least three. CommonMark 0.31, 4.5 "Fenced code blocks": "The closing code fence must be at
/// least as long as the opening fence", and a line of backticks shorter than the opening fence
/// does not close the block, so nothing inside can end it early.
fn fence_for(content: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in content.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    "`".repeat((longest + 1).max(3))
}

/// One line of text, with line breaks folded (Markdown structure must not come from data).
fn inline(text: &str) -> String {
    unfence(&text.replace(['\r', '\n'], " ")).into_owned()
}

/// A paragraph of text that may hold values from the input (a certificate name with a line
/// break in it): kept line by line (CR, LF and CRLF all end a line in CommonMark), but no line
/// can open a code fence or an HTML block, which would swallow or hide the blocks after it (the
/// PowerShell block among them).
fn prose(text: &str) -> String {
    text.replace("\r\n", "\n")
        .split(['\r', '\n'])
        .map(unfence)
        .collect::<Vec<_>>()
        .join("\n")
}

/// `line` with a leading block opener escaped by a backslash so that it stays text: a code
/// fence (up to three spaces, then three or more backticks or tildes: CommonMark 0.31, 4.5) or
/// an HTML block (`<` after up to three spaces: 4.6, e.g. `<!--` hides everything up to `-->`).
fn unfence(line: &str) -> std::borrow::Cow<'_, str> {
    let rest = line.trim_start_matches(' ');
    let indent = line.len() - rest.len();
    if indent <= 3 && (rest.starts_with("```") || rest.starts_with("~~~") || rest.starts_with('<'))
    {
        std::borrow::Cow::Owned(format!("{}\\{rest}", &line[..indent]))
    } else {
        std::borrow::Cow::Borrowed(line)
    }
}

/// A table cell: one line, pipes escaped.
fn cell(text: &str) -> String {
    inline(text).replace('|', "\\|")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{FileKind, FileReport};

    /// Built from JSON so that fields added to the report later (all `#[serde(default)]`) need
    /// no change here.
    fn report() -> AnalysisReport {
        let finding = |id: &str, severity: &str, title: &str, explanation: &str| {
            serde_json::json!({"id": id, "severity": severity, "title": title, "explanation": explanation,
                "evidence": [], "thumbprints": [], "connectors": [], "remediation": null})
        };
        let mut error = finding(
            "no-credentials",
            "error",
            "No credentials\nhere",
            "Because.",
        );
        error["evidence"] = serde_json::json!([{"path": "SEND.LOG", "line": 22, "text": "raw"}]);
        error["thumbprints"] = serde_json::json!(["AB"]);
        error["connectors"] = serde_json::json!(["Outbound"]);
        error["remediation"] =
            serde_json::json!({"steps": ["Do it"], "powershell": "Get-ExchangeCertificate"});
        let mut file =
            serde_json::to_value(FileReport::new("a|b.cer", FileKind::X509Cert)).unwrap();
        file["kind"] = serde_json::json!("x509-cert");
        serde_json::from_value(serde_json::json!({
            "tool": "tlsdoctor", "version": "0.1.0", "files": [file],
            "log_summary": {"lines": 10, "sessions": 2, "skipped_lines": 1},
            "observed_certificates": [], "tls_failures": [],
            "findings": [finding("certificate-expires-soon", "info", "Soon", "Later."), error],
            "lang": "en", "verdict": "Outbound TLS fails"
        }))
        .unwrap()
    }

    #[test]
    fn errors_come_first_with_evidence_and_powershell() {
        let md = render(&report(), Lang::En);
        let err = md
            .find("### Error — No credentials here (`no-credentials`)")
            .expect("error heading");
        let info = md.find("### Info — Soon").expect("info heading");
        assert!(err < info);
        assert!(md.contains("SEND.LOG:22: raw"));
        assert!(md.contains("```powershell\nGet-ExchangeCertificate\n```"));
        assert!(md.contains("**Verdict:** Outbound TLS fails"));
        assert!(md.contains("10 lines, 2 sessions, 1 skipped lines"));
    }

    #[test]
    fn fences_outgrow_backtick_runs_and_keep_the_script() {
        assert_eq!(fence_for("Get-Date"), "```");
        assert_eq!(fence_for("a ``` b"), "````");
        assert_eq!(fence_for("``````"), "```````");
        let mut r = report();
        let script = "Set-SendConnector 'X\'\'\'```; calc' -ProtocolLoggingLevel Verbose";
        r.findings[1].remediation.as_mut().unwrap().powershell = script.to_string();
        r.findings[1].evidence[0].text = "a ```` b".to_string();
        let md = render(&r, Lang::En);
        assert!(
            md.contains(&format!("\n````powershell\n{script}\n````\n")),
            "{md}"
        );
        assert!(
            md.contains("`````text\nSEND.LOG:22: a ```` b\n`````\n"),
            "{md}"
        );
    }

    #[test]
    fn values_in_prose_cannot_open_a_fence_around_the_script() {
        let mut r = report();
        r.findings[1].explanation =
            "Issuer CN=Evil\n```\nmore\n  ~~~~ x\n    ```indented code".to_string();
        r.findings[1].remediation.as_mut().unwrap().steps = vec!["```powershell".to_string()];
        let md = render(&r, Lang::En);
        assert!(
            md.contains("Issuer CN=Evil\n\\```\nmore\n  \\~~~~ x\n    ```indented code\n"),
            "{md}"
        );
        assert!(md.contains("1. \\```powershell\n"), "{md}");
        assert!(
            md.contains("\n```powershell\nGet-ExchangeCertificate\n```\n"),
            "{md}"
        );
        assert_eq!(unfence("``"), "``");
        assert_eq!(unfence("<!-- hidden"), "\\<!-- hidden");
        assert_eq!(prose("a\r```\r\nb"), "a\n\\```\nb");
        assert_eq!(unfence("a ```"), "a ```");
    }

    #[test]
    fn german_labels() {
        let md = render(&report(), Lang::De);
        assert!(md.starts_with("# tlsdoctor-Bericht"));
        assert!(md.contains("### Fehler — "));
        assert!(md.contains("**Was zu tun ist**"));
    }
}
