//! Entry points shared by the cargo-fuzz targets (`fuzz/fuzz_targets/*.rs`) and the ordinary
//! test that replays their corpora (`tests/fuzz_corpus_replay.rs`), so both drive exactly the
//! same code. Each takes arbitrary bytes; the only thing they may do on bad input is return.
//! Not part of the product API.

use crate::analyze::{AnalyzeOptions, Analyzer};
use crate::detect::{detect, Detected};
use crate::x509::dn_dotnet::{self, DnFlags};

/// Passwords of the "with a password" targets: the corpus's most common one and the generated files' one.
pub const FUZZ_PASSWORDS: &[&str] = &["testcertificate", "secret"];

fn passwords() -> Vec<String> {
    FUZZ_PASSWORDS.iter().map(|p| p.to_string()).collect()
}

/// One fuzz target: runs the code under test on one input (panics are the findings).
pub type Target = fn(&[u8]);

/// Every target, by the name of its `fuzz/fuzz_targets/<name>.rs` and `fuzz/corpus/<name>/`.
pub const TARGETS: &[(&str, Target)] = &[
    ("certificate", certificate),
    ("pkcs12_no_password", pkcs12_no_password),
    ("pkcs12_password", pkcs12_password),
    ("private_key", private_key),
    ("dn_dotnet", dn_dotnet),
    ("log_reader", log_reader),
    ("analyze_mix", analyze_mix),
    ("powershell_script", powershell_script),
    ("markdown_export", markdown_export),
];

/// Certificate / PEM / PKCS#7 reading: `inspect_one` on everything that is not PKCS#12.
pub fn certificate(data: &[u8]) {
    if detect(data) != Detected::Pkcs12 {
        let _ = crate::inspect::inspect_one("fuzz.cer", data, &[]);
    }
}

/// PKCS#12 with only the empty password forms.
pub fn pkcs12_no_password(data: &[u8]) {
    let _ = crate::pkcs12::inspect_pkcs12("fuzz.pfx", data, &[]);
}

/// PKCS#12 with the given passwords.
pub fn pkcs12_password(data: &[u8]) {
    let _ = crate::pkcs12::inspect_pkcs12("fuzz.pfx", data, &passwords());
}

/// Private keys (PEM or DER, plain or encrypted).
pub fn private_key(data: &[u8]) {
    let _ = crate::keys::inspect_private_key_file("fuzz.key", data, &passwords());
}

/// .NET DN rendering: the first two bytes choose the flags (any combination), the rest is the Name DER.
pub fn dn_dotnet(data: &[u8]) {
    let (flags, der) = match data {
        [a, b, rest @ ..] => {
            let bits = u16::from_le_bytes([*a, *b]);
            let mut flags = DnFlags::NONE;
            for (i, (_, flag)) in DnFlags::NAMES.iter().enumerate().skip(1) {
                if bits & (1 << i) != 0 {
                    flags = flags.union(*flag);
                }
            }
            (flags, rest)
        }
        _ => (DnFlags::REVERSED, data),
    };
    let _ = dn_dotnet::decode_checked(der, flags);
}

/// The streaming log reader through the Analyzer: the first byte chooses the chunk size.
pub fn log_reader(data: &[u8]) {
    let Some((&first, log)) = data.split_first() else {
        return;
    };
    let chunk = usize::from(first) + 1;
    let mut analyzer = Analyzer::new(AnalyzeOptions::default());
    analyzer.begin_file("SEND20240101-1.LOG");
    for piece in log.chunks(chunk) {
        analyzer.push_bytes(piece);
    }
    analyzer.end_file();
    let bytes_report = analyzer.report();
    // The same slices with their line pass made ahead (`log::prepared`, as the CLI's second
    // thread makes it): the same report.
    let mut analyzer = Analyzer::new(AnalyzeOptions::default());
    let mut preparer = crate::log::prepared::Preparer::new();
    analyzer.begin_file("SEND20240101-1.LOG");
    for piece in log.chunks(chunk) {
        match preparer.prepare(piece) {
            Some(p) => {
                analyzer.push_prepared(piece, &p);
            }
            None => panic!("a slice of at most 256 bytes was not prepared"),
        }
    }
    analyzer.end_file();
    assert!(
        analyzer.report() == bytes_report,
        "the line pass changed the report"
    );
    split_files(first, log);
    cut_inside(first, log);
}

/// The log read by one analyzer up to a line near byte `first`/256 of it, and its rest by a
/// part that goes on with it (`Analyzer::begin_continued_file`, directly and moved as bytes),
/// merged, or refused and the rest read on by the first: the report of reading it in one go.
fn cut_inside(first: u8, log: &[u8]) {
    let at = log.len() * usize::from(first) / 256;
    let Some(cut) = crate::split::line_start(log.get(at..).unwrap_or_default()).map(|n| at + n)
    else {
        return;
    };
    let name = "SEND20240101-1.LOG";
    let mut whole = Analyzer::new(AnalyzeOptions::default());
    whole.add_file(name, log);
    let want = whole.report();
    let (one, rest) = log.split_at(cut);
    let head = log.get(..crate::split::HEAD_BYTES).unwrap_or(log);
    let up_to_cut = || {
        let mut a = Analyzer::new(AnalyzeOptions::default());
        a.begin_file(name);
        a.push_bytes(one);
        a
    };
    let mut part = Analyzer::part(AnalyzeOptions::default());
    if !part.begin_continued_file(name, head, cut as u64) {
        return;
    }
    part.push_bytes(rest);
    part.end_file();
    let moved = part.part_to_bytes();
    let mut split = up_to_cut();
    if !split.absorb(part) {
        split.push_bytes(rest);
        split.end_file();
    }
    assert!(
        split.report() == want,
        "a part cut inside changed the report"
    );
    if let Some(moved) = moved {
        let mut again = up_to_cut();
        if !again.absorb_part_bytes(&moved) {
            again.push_bytes(rest);
            again.end_file();
        }
        assert!(
            again.report() == want,
            "a part cut inside moved as bytes changed the report"
        );
    }
}

/// The log cut at a line into two files, as Exchange rotates one (the second begins with the
/// first's `#` header lines): read in order by one analyzer, and the second by a part
/// (`Analyzer::part`, directly and moved as bytes) merged into the analyzer of the first, or
/// read again there when the merge is refused: the same report each way.
fn split_files(first: u8, log: &[u8]) {
    let at = log.len() * usize::from(first) / 256;
    let cut = match memchr::memchr(b'\n', log.get(at..).unwrap_or_default()) {
        Some(n) => at + n + 1,
        None => return,
    };
    let (one, rest) = log.split_at(cut);
    let mut two: Vec<u8> = Vec::with_capacity(log.len());
    for line in one.split_inclusive(|&b| b == b'\n') {
        if !line.starts_with(b"#") {
            break;
        }
        two.extend_from_slice(line);
    }
    two.extend_from_slice(rest);
    let files = [
        ("SEND20240101-1.LOG", one),
        ("SEND20240101-2.LOG", &two[..]),
    ];
    let mut whole = Analyzer::new(AnalyzeOptions::default());
    for (name, bytes) in files {
        whole.add_file(name, bytes);
    }
    let want = whole.report();
    let (name, bytes) = files[1];
    let mut part = Analyzer::part(AnalyzeOptions::default());
    part.add_file(name, bytes);
    let moved = part.part_to_bytes();
    let mut split = Analyzer::new(AnalyzeOptions::default());
    split.add_file(files[0].0, files[0].1);
    let mut again = Analyzer::new(AnalyzeOptions::default());
    again.add_file(files[0].0, files[0].1);
    if !split.absorb(part) {
        split.add_file(name, bytes);
    }
    assert!(split.report() == want, "a merged part changed the report");
    if let Some(moved) = moved {
        if !again.absorb_part_bytes(&moved) {
            again.add_file(name, bytes);
        }
        assert!(
            again.report() == want,
            "a part moved as bytes changed the report"
        );
    }
}

/// Marker between the files of one `analyze_mix` input.
pub const FILE_SEPARATOR: &[u8] = b"\n--tlsdoctor-fuzz-file--\n";

/// The whole analysis on a mix: the input is split into files at [`FILE_SEPARATOR`] (at most 8),
/// analysed together with the passwords, then reported.
pub fn analyze_mix(data: &[u8]) {
    let mut analyzer = Analyzer::new(AnalyzeOptions {
        now_unix: 1_735_689_600,
        passwords: passwords(),
        ..AnalyzeOptions::default()
    });
    let mut rest = data;
    for index in 0..8 {
        let end = if index == 7 {
            None
        } else {
            memchr::memmem::find(rest, FILE_SEPARATOR)
        };
        let (file, next) = match end {
            Some(at) => rest.split_at(at),
            None => (rest, &[][..]),
        };
        let next = next.get(FILE_SEPARATOR.len()..).unwrap_or_default();
        analyzer.add_file(&format!("file{index}"), file);
        if end.is_none() {
            break;
        }
        rest = next;
    }
    let _ = analyzer.report();
}

// ---- PowerShell and Markdown output (issue 16) -------------------------------------------------

/// A harmless value (not hex: always quoted) the builders are compared against.
const PS_MARKER: &str = "tlsdoctormarkervalue";
/// The same for builders that write plain hex bare.
const PS_HEX_MARKER: &str = "ABCDEF0123456789";

/// Every PowerShell builder that takes a value, with whether it writes `v` bare (plain hex).
#[allow(clippy::type_complexity)]
fn powershell_builders() -> Vec<(&'static str, fn(&str) -> String, fn(&str) -> bool)> {
    use crate::catalogue::fix;
    use crate::diagnose::powershell as ps;
    fn never(_: &str) -> bool {
        false
    }
    fn plain_hex(v: &str) -> bool {
        !v.is_empty() && v.bytes().all(|b| b.is_ascii_hexdigit())
    }
    vec![
        ("quote", |v| ps::set_verbose_logging(&ps::quote(v)), never),
        (
            "comment_text",
            |v| format!("# = {}", ps::comment_text(v)),
            never,
        ),
        (
            "hex_or_quote",
            |v| format!("certutil -repairstore my {}", ps::hex_or_quote(v)),
            plain_hex,
        ),
        (
            "check_private_key",
            |v| ps::check_private_key(&ps::quote(v)),
            never,
        ),
        ("import_pfx", ps::import_pfx, never),
        ("export_public", ps::export_public, |v| {
            v.bytes().all(|b| b.is_ascii_hexdigit())
        }),
        ("repair_key_association", ps::repair_key_association, never),
        (
            "request_and_import subject",
            |v| {
                ps::request_and_import_ca_certificate(v, "mail.contoso.com", "# a", "# b")
                    .join("\n")
            },
            never,
        ),
        (
            "request_and_import host",
            |v| {
                ps::request_and_import_ca_certificate("CN=x", &v.replace('*', ""), "# a", "# b")
                    .join("\n")
            },
            never,
        ),
        (
            "fix::pick_certificate",
            |v| fix::pick_certificate(Some(v), Some(v), None),
            never,
        ),
        (
            "fix::pick_certificate name",
            |v| fix::pick_certificate(None, None, Some(v)),
            never,
        ),
        (
            "fix::tls_name_argument",
            |v| {
                fix::set_connector_name(
                    "Set-SendConnector",
                    v,
                    &fix::tls_name_argument(Some((v, v))),
                )
            },
            never,
        ),
        ("fix::enable_smtp", |v| fix::enable_smtp(Some(v), v), never),
        ("fix::comment_on", fix::comment_on, never),
        (
            "fix::collection",
            |v| fix::collection(&[v.to_string()], &[v.to_string()]).join("\n"),
            never,
        ),
    ]
}

/// What is left of a script outside its string literals and comments, by PowerShell's rules
/// (`CharTraits.cs` `IsSingleQuote` / `IsDoubleQuote`, `tokenizer.cs` `ScanStringLiteral`: a
/// doubled quote of the family stays inside; `ScanStringExpandable`: the same, plus backtick
/// escapes; a `#` at the start of a token comments out the rest of the line, which ends at CR or
/// LF only). Each literal becomes `'…'` / `"…"`, each comment `#`; an unterminated literal `!`.
/// The full model with commands is `tests/support/ps_tokenizer.rs`.
pub fn powershell_skeleton(script: &str) -> String {
    use crate::diagnose::powershell::{is_double_quote, is_single_quote};
    let mut out = String::new();
    let mut chars = script.chars().peekable();
    let mut token_start = true;
    while let Some(c) = chars.next() {
        if is_single_quote(c) || is_double_quote(c) {
            let double = is_double_quote(c);
            let same = |q: char| {
                if double {
                    is_double_quote(q)
                } else {
                    is_single_quote(q)
                }
            };
            let mut closed = false;
            while let Some(d) = chars.next() {
                if same(d) {
                    if chars.peek().copied().is_some_and(same) {
                        chars.next();
                        continue;
                    }
                    closed = true;
                    break;
                }
                if double && d == '`' {
                    chars.next();
                }
            }
            out.push_str(match (closed, double) {
                (false, _) => "!",
                (true, false) => "'…'",
                (true, true) => "\"…\"",
            });
            token_start = false;
        } else if c == '#' && token_start {
            while chars.peek().is_some_and(|&d| d != '\r' && d != '\n') {
                chars.next();
            }
            out.push('#');
        } else {
            out.push(c);
            token_start =
                c.is_whitespace() || matches!(c, '(' | ')' | '{' | '}' | ';' | '|' | '&' | ',');
        }
    }
    out
}

/// Every PowerShell builder on the input (UTF-8, lossy) as the value, then `guard`. Panics
/// when the value leaves its literal or comment (the skeleton differs from the harmless
/// value's), when a line break or other unsafe character is written raw, or when a line
/// holding an escaped value still runs after `guard`.
pub fn powershell_script(data: &[u8]) {
    use crate::diagnose::powershell as ps;
    let value = String::from_utf8_lossy(data);
    let value = value.as_ref();
    for (name, build, bare) in powershell_builders() {
        let script = build(value);
        let marker = if bare(value) {
            PS_HEX_MARKER
        } else {
            PS_MARKER
        };
        let mut benign = powershell_skeleton(&build(marker));
        if bare(value) {
            benign = benign.replace(PS_HEX_MARKER, value);
        }
        assert_eq!(powershell_skeleton(&script), benign, "{name}: {script:?}");
        assert!(
            script
                .chars()
                .filter(|&c| ps::must_escape(c))
                .all(|c| c == '\n'),
            "{name}: raw {script:?}"
        );
        assert_eq!(
            script.lines().count(),
            build(marker).lines().count(),
            "{name}"
        );
        let (guarded, _) = ps::guard(&script, crate::i18n::Lang::En);
        for line in guarded.split('\n') {
            assert!(
                !ps::has_escape(line) || ps::is_comment(line),
                "{name}: runs {line:?}"
            );
        }
        assert_eq!(
            ps::guard(&guarded, crate::i18n::Lang::En),
            (guarded.clone(), false)
        );
    }
}

/// Fenced code blocks (backtick fences, as the export writes them; CR, LF and CRLF end lines:
/// CommonMark 0.31, 2.1 and 4.5) as (info string, content), and whether a line outside them
/// starts a block the export must never start from data (`~~~` fence, HTML block).
pub fn markdown_fences(md: &str) -> (Vec<(String, String)>, bool) {
    let normal = md.replace("\r\n", "\n").replace('\r', "\n");
    let mut blocks = Vec::new();
    let mut stray = false;
    let mut open: Option<(usize, String, Vec<&str>)> = None;
    for line in normal.split('\n') {
        let rest = line.trim_start_matches(' ');
        let indented = line.len() - rest.len() <= 3;
        let run = rest.bytes().take_while(|&b| b == b'`').count();
        match &mut open {
            None if indented && run >= 3 => {
                open = Some((run, rest[run..].trim().to_string(), Vec::new()));
            }
            None => stray |= indented && (rest.starts_with("~~~") || rest.starts_with('<')),
            Some((n, _, _)) if indented && run >= *n && rest[run..].trim().is_empty() => {
                if let Some((_, info, lines)) = open.take() {
                    blocks.push((info, lines.join("\n")));
                }
            }
            Some((_, _, lines)) => lines.push(line),
        }
    }
    (blocks, stray || open.is_some())
}

/// Markdown export of a report whose text comes from the input: the input is split at NUL
/// bytes into title, explanation, step, evidence text, script, connector, verdict and file
/// path (UTF-8, lossy). Panics unless the document's fenced blocks are exactly the evidence
/// block and the script, unchanged, and no line outside them opens another block.
pub fn markdown_export(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.split('\0').map(str::to_string);
    let mut next = || parts.next().unwrap_or_default();
    let (title, explanation, step, evidence, script, connector, verdict, path) = (
        next(),
        next(),
        next(),
        next(),
        next(),
        next(),
        next(),
        next(),
    );
    let report = serde_json::json!({
        "tool": "tlsdoctor", "version": "0", "files": [], "log_summary": {"lines": 0, "sessions": 0, "skipped_lines": 0},
        "observed_certificates": [], "tls_failures": [], "lang": "en", "verdict": verdict,
        "findings": [{
            "id": crate::diagnose::no_credentials::ID.as_str(), "severity": "error", "title": title, "explanation": explanation,
            "evidence": [{"path": path, "line": 1, "text": evidence}], "thumbprints": ["AB"],
            "connectors": [connector], "remediation": {"steps": [step], "powershell": script}
        }]
    });
    let Ok(report) = serde_json::from_value::<crate::report::AnalysisReport>(report) else {
        return;
    };
    let md = crate::export::markdown::render(&report, crate::i18n::Lang::En);
    let (blocks, stray) = markdown_fences(&md);
    assert!(!stray, "a block opened from data:\n{md}");
    let normal = |s: &str| s.replace("\r\n", "\n").replace('\r', "\n");
    let mut want = vec![("text".to_string(), normal(&format!("{path}:1: {evidence}")))];
    if !script.trim().is_empty() {
        want.push(("powershell".to_string(), normal(script.trim_end())));
    }
    assert_eq!(blocks, want, "\n{md}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skeleton_shows_what_left_a_literal() {
        assert_eq!(powershell_skeleton("a 'x''y' b"), "a '…' b");
        // Issue 16 probe 1 with the old quoting: U+2019 ended the literal.
        assert_eq!(
            powershell_skeleton("Set-SendConnector 'Y\u{2019}; Start-Process calc; \u{2019}' -X"),
            "Set-SendConnector '…'; Start-Process calc; '…' -X"
        );
        assert_eq!(
            powershell_skeleton("# = a\u{2028}b\rStart-Process calc"),
            "#\rStart-Process calc"
        );
        assert_eq!(powershell_skeleton("a#b \"`\"$(x)\" 'c"), "a#b \"…\" !");
    }

    #[test]
    fn fences_and_stray_blocks_are_found() {
        let (blocks, stray) = markdown_fences("# t\n\n````powershell\na\n```\nb\n````\nx");
        assert_eq!(
            blocks,
            [("powershell".to_string(), "a\n```\nb".to_string())]
        );
        assert!(!stray);
        assert!(markdown_fences("x\n<!-- y\n").1);
        assert!(markdown_fences("x\n```\ny").1, "an unclosed fence");
        assert!(markdown_fences("x\r~~~\n").1);
    }

    #[test]
    fn the_output_targets_accept_the_issue_probes() {
        for v in [
            "Y\u{2019}; Start-Process calc; \u{2019}",
            "Evil CA\nStart-Process calc\n#",
            "X'''```; Start-Process calc; '",
        ] {
            powershell_script(v.as_bytes());
        }
        markdown_export(
            "t\0a\n```\n<!--\0```\0e\0Set-SendConnector 'X''''''```; calc' -Y\0c\0v\0p".as_bytes(),
        );
    }
}
