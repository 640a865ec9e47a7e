//! `tlsdoctor inspect [--password PW]... [--json] FILE...` (contract: inspect).

use std::fmt::Write as _;

use tlsdoctor_core::report::{CertificateReport, ErrorReport, FileKind, FileReport, InspectReport};

use crate::args::Args;

/// Reads each operand (`-`: standard input) within the file cap; one that cannot be read gets an
/// `unreadable`/`too-large` error entry ([`crate::input::read_operand`]).
pub fn read_inputs(paths: &[String]) -> Vec<(String, Result<Vec<u8>, ErrorReport>)> {
    paths
        .iter()
        .map(|path| (path.clone(), crate::input::read_operand(path)))
        .collect()
}

/// Inspects the files of `args`; returns the reports in input order.
pub fn inspect_files(args: &Args) -> Vec<FileReport> {
    let inputs = read_inputs(&args.operands);
    let readable: Vec<(&str, &[u8])> = inputs
        .iter()
        .filter_map(|(p, r)| r.as_ref().ok().map(|b| (p.as_str(), b.as_slice())))
        .collect();
    let mut inspected =
        tlsdoctor_core::inspect::inspect_all(&readable, &args.passwords).into_iter();
    inputs
        .iter()
        .map(|(path, result)| match result {
            Ok(_) => inspected
                .next()
                .unwrap_or_else(|| FileReport::new(path.clone(), FileKind::Unknown)),
            Err(error) => {
                let mut report = FileReport::new(path.clone(), FileKind::Unknown);
                report.error = Some(error.clone());
                report
            }
        })
        .collect()
}

/// Returns the exit code.
pub fn run(args: &Args) -> i32 {
    let files = inspect_files(args);
    let code = if files.iter().any(|f| f.error.is_some()) {
        1
    } else {
        0
    };
    let report = InspectReport::new(files);
    crate::output::print_report(&report, args.json, render_text, code)
}

/// The readable table printed without `--json`.
pub fn render_text(report: &InspectReport) -> String {
    let mut out = String::new();
    for file in &report.files {
        let kind = file.kind.as_str().to_string();
        let _ = writeln!(out, "{}  [{}]", file.path, kind);
        if let Some(error) = &file.error {
            let _ = writeln!(out, "  ERROR {}: {}", error.code, error.message);
        }
        if let Some(request) = &file.certificate_request {
            let names = if request.subject_alternative_names.is_empty() {
                "-".to_string()
            } else {
                request.subject_alternative_names.join(", ")
            };
            let _ = writeln!(out, "  Certificate request (CSR)");
            let _ = writeln!(out, "    Subject      {}", request.subject);
            let _ = writeln!(out, "    Names        {names}");
            let _ = writeln!(out, "    Key          {}", request.public_key);
        }
        for (index, certificate) in file.certificates.iter().enumerate() {
            let _ = writeln!(out, "  Certificate {}", index + 1);
            write_certificate(&mut out, certificate);
        }
        for (index, key) in file.keys.iter().enumerate() {
            let matches = key
                .matches_thumbprint
                .as_deref()
                .unwrap_or("no certificate given");
            let _ = writeln!(
                out,
                "  Private key {}  {}  matches {}",
                index + 1,
                key.key_type,
                matches
            );
        }
        if let Some(p12) = &file.pkcs12 {
            let iterations = p12
                .mac_iterations
                .map(|i| i.to_string())
                .unwrap_or_else(|| "-".into());
            let _ = writeln!(
                out,
                "  PKCS#12  MAC {} ({} iterations), password {}, encryption {}",
                p12.mac,
                iterations,
                p12.password_form,
                p12.encryption.join("; ")
            );
        }
        for warning in &file.warnings {
            let _ = writeln!(out, "  warning: {warning}");
        }
        out.push('\n');
    }
    out
}

fn write_certificate(out: &mut String, c: &CertificateReport) {
    let rows: Vec<(&str, String)> = vec![
        ("Subject", c.subject.clone()),
        ("Issuer", c.issuer.clone()),
        ("Thumbprint", c.thumbprint.clone()),
        ("Serial", c.serial_number.clone()),
        ("Valid", format!("{} .. {}", c.not_before, c.not_after)),
        (
            "Key",
            format!(
                "{}  (signature {})",
                c.public_key, c.signature_algorithm_oid
            ),
        ),
        (
            "Names",
            if c.subject_alternative_names.is_empty() {
                "-".into()
            } else {
                c.subject_alternative_names.join(", ")
            },
        ),
        (
            "EKU",
            if c.extended_key_usages.is_empty() {
                "-".into()
            } else {
                c.extended_key_usages.join(", ")
            },
        ),
        (
            "Key usage",
            if c.key_usages.is_empty() {
                "-".into()
            } else {
                c.key_usages.join(", ")
            },
        ),
        (
            "CA",
            match c.is_ca {
                Some(true) => "yes".into(),
                Some(false) => "no".into(),
                None => "-".into(),
            },
        ),
        (
            "Private key",
            if c.has_private_key {
                "yes, in this file".into()
            } else if c.private_key_locked {
                "in this file, locked (password or pass phrase needed)".into()
            } else {
                "no".into()
            },
        ),
        (
            "Self-signed",
            if c.self_signed {
                "yes".into()
            } else {
                "no".into()
            },
        ),
        ("TlsCertName", c.tls_certificate_name.clone()),
    ];
    for (label, value) in rows {
        let _ = writeln!(out, "    {label:<12} {value}");
    }
    if let Some(name) = &c.friendly_name {
        let _ = writeln!(out, "    {:<12} {name}", "Friendly");
    }
    for warning in &c.warnings {
        let _ = writeln!(out, "    warning: {warning}");
    }
}
