//! `tlsdoctor analyze [--password PW]... [--json] [--lang en|de] PATH...` (contract: analyze).
//!
//! A PATH may be a file, a folder (read recursively, entries in name order so
//! `SEND20240502-1.LOG` comes before `-2`), or `-` for standard input. Files are read in chunks
//! and streamed into the core [`Analyzer`]: a multi-gigabyte log folder never sits in memory.

use std::fmt::Write as _;

use tlsdoctor_core::analyze::{AnalyzeOptions, Analyzer};
use tlsdoctor_core::i18n::{fill, text, Lang, Text};
use tlsdoctor_core::log::skip::Skip;
use tlsdoctor_core::report::{AnalysisReport, Severity};

use crate::args::Args;
use crate::input;

/// Runs the analysis over `args`; returns the report.
pub fn analyze(args: &Args, now_unix: i64) -> AnalysisReport {
    let options = AnalyzeOptions {
        lang: args.lang,
        now_unix,
        passwords: args.passwords.clone(),
    };
    let mut analyzer = Analyzer::new(options.clone());
    let expanded = input::expand(&args.operands);
    for (path, special) in &expanded.skipped {
        let warning = fill(text(args.lang, special.text()), &[("path", path.as_str())]);
        say!("tlsdoctor: {warning}");
    }
    crate::split::read_all(&mut analyzer, expanded.inputs, &options);
    analyzer.report()
}

/// Returns the exit code: 0 every file read, 1 any file has an error.
pub fn run(args: &Args) -> i32 {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    // TLSDOCTOR_NOW (Unix seconds) pins "now" for reproducible output (tests, examples).
    let now = std::env::var("TLSDOCTOR_NOW")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(now);
    let report = analyze(args, now);
    let code = if report.files.iter().any(|f| f.error.is_some()) {
        1
    } else {
        0
    };
    crate::output::print_report(&report, args.json, |r| render_text(r, args.lang), code)
}

/// At most `max` characters of `s`, with an ellipsis when cut.
fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max).collect();
        t.push('…');
        t
    }
}

/// The report for a person: verdict first, then findings with evidence and fix, then certificates.
pub fn render_text(report: &AnalysisReport, lang: Lang) -> String {
    let t = |k: Text| text(lang, k);
    let mut out = String::new();
    let _ = writeln!(out, "{}: {}", t(Text::HeadingVerdict), report.verdict);
    // No heading over nothing: with no finding (every file unreadable) the verdict says why.
    if !report.findings.is_empty() {
        let _ = writeln!(out, "\n{}", t(Text::HeadingFindings));
    }
    for (i, f) in report.findings.iter().enumerate() {
        let sev = match f.severity {
            Severity::Error => t(Text::SeverityError),
            Severity::Warning => t(Text::SeverityWarning),
            Severity::Info => t(Text::SeverityInfo),
        };
        let _ = writeln!(out, "\n{}. [{sev}] {}  ({})", i + 1, f.title, f.id);
        let _ = writeln!(out, "   {}", f.explanation);
        if !f.evidence.is_empty() {
            let _ = writeln!(out, "   {}:", t(Text::HeadingEvidence));
            for e in &f.evidence {
                if e.line > 0 {
                    let _ = writeln!(out, "     {}:{}  {}", e.path, e.line, clip(&e.text, 220));
                } else {
                    let _ = writeln!(out, "     {}  {}", e.path, clip(&e.text, 220));
                }
            }
        }
        if let Some(r) = &f.remediation {
            let _ = writeln!(out, "   {}:", t(Text::HeadingSteps));
            for (n, step) in r.steps.iter().enumerate() {
                let _ = writeln!(out, "     {}. {step}", n + 1);
            }
            let _ = writeln!(out, "   {}:", t(Text::HeadingPowerShell));
            for line in r.powershell.lines() {
                let _ = writeln!(out, "     {line}");
            }
        }
    }
    let s = &report.log_summary;
    if s.lines > 0 {
        let vals = [
            ("lines", s.lines.to_string()),
            ("sessions", s.sessions.to_string()),
            ("skipped", s.skipped_lines.to_string()),
            ("failures", s.tls_failures_total.to_string()),
            ("successes", s.tls_successes.to_string()),
        ];
        let vars: Vec<(&str, &str)> = vals.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let _ = writeln!(out, "\n{}", fill(t(Text::LogSummaryLine), &vars));
        for r in &s.skipped_reasons {
            let count = r.count.to_string();
            let reason = Skip::from_code(&r.code).map_or(r.reason.as_str(), |k| t(k.text()));
            let _ = writeln!(
                out,
                "  {}",
                fill(
                    t(Text::SkippedLines),
                    &[("count", count.as_str()), ("reason", reason)]
                )
            );
        }
    }
    if !report.observed_certificates.is_empty() {
        let _ = writeln!(out, "\n{}", t(Text::HeadingObserved));
        for c in &report.observed_certificates {
            let _ = writeln!(
                out,
                "  {:<8} {}  {}  {} | {}  ({}:{}, ×{})",
                tlsdoctor_core::view::role_text(&c.role, lang),
                c.connector,
                c.thumbprint.as_deref().unwrap_or("-"),
                c.subject.as_deref().unwrap_or("-"),
                c.issuer.as_deref().unwrap_or("-"),
                c.path,
                c.line,
                c.occurrences
            );
        }
    }
    let _ = writeln!(out, "\n{}", t(Text::HeadingFiles));
    for f in &report.files {
        let kind = tlsdoctor_core::view::files::kind_text(f, lang);
        let _ = writeln!(out, "  {}  [{kind}]", f.path);
        if let Some(e) = &f.error {
            // A certificate request was read: what it is is a note, not an error.
            let label = if f.certificate_request.is_some() {
                t(Text::SeverityInfo)
            } else {
                t(Text::SeverityError)
            };
            let _ = writeln!(out, "    {label} {}: {}", e.code, e.message);
        }
        if let Some(request) = tlsdoctor_core::view::files::request_text(f, lang) {
            let _ = writeln!(out, "    {request}");
        }
        for key in tlsdoctor_core::view::files::key_lines(f, lang) {
            let _ = writeln!(out, "    {key}");
        }
        for w in &f.warnings {
            let _ = writeln!(out, "    {}: {w}", t(Text::SeverityWarning));
        }
        if let Some(p) = report.pasted.iter().find(|p| p.path == f.path) {
            for line in tlsdoctor_core::diagnose::paste_summary::summary_lines(lang, &p.output) {
                let _ = writeln!(out, "    {line}");
            }
        }
        for c in &f.certificates {
            let key = tlsdoctor_core::view::files::key_text(c, lang);
            let _ = writeln!(
                out,
                "    {}  {} | {}  {} .. {}  {key}",
                c.thumbprint, c.subject, c.issuer, c.not_before, c.not_after
            );
            for w in &c.warnings {
                let _ = writeln!(out, "      {}: {w}", t(Text::SeverityWarning));
            }
        }
    }
    out
}
