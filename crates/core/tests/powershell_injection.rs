//! Issue 16, items 1-3: the PowerShell tlsdoctor prints cannot be broken out of.
//!
//! * Regression tests, one per probe of the issue, end to end through the public API
//!   (`Analyzer` → report → script, and the Markdown export): every generated script is run
//!   through the tokenizer model in `support/ps_tokenizer.rs` (PowerShell's own rules, sourced
//!   there) and must hold no command the input chose.
//! * Property tests: for arbitrary strings, biased to what breaks quoting (the five single
//!   quotes, the four double quotes, CR, LF, NEL, LS, PS, backtick, `$(`, NUL, `#`, `<#`, `;`),
//!   every command builder of `diagnose::powershell` and `catalogue::fix` gives exactly the
//!   tokens it gives for a harmless value, with the value (as shown) inside the same one string
//!   literal or comment; `guard` leaves no command holding an escaped value.

#[path = "support/ps_tokenizer.rs"]
mod ps_tokenizer;

mod common;

use common::der::{oid, seq, tlv};
use proptest::prelude::*;
use ps_tokenizer::{
    commands, errors, literals_containing, only_comments, replace_text, tokenize, Token,
};
use tlsdoctor_core::analyze::{AnalyzeOptions, Analyzer};
use tlsdoctor_core::catalogue::fix;
use tlsdoctor_core::diagnose::powershell::{self as ps, comment_text, escape_unsafe, quote};
use tlsdoctor_core::i18n::Lang;
use tlsdoctor_core::report::AnalysisReport;

fn testdata(rel: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/../../testdata/{rel}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// 2025-02-01T00:00:00Z.
const NOW: i64 = 1_738_368_000;

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

/// Every finding's script, by finding id.
fn scripts(r: &AnalysisReport) -> Vec<(String, String)> {
    r.findings
        .iter()
        .filter_map(|f| {
            let ps = &f.remediation.as_ref()?.powershell;
            Some((f.id.to_string(), ps.clone()))
        })
        .collect()
}

/// No command the input could have chosen: the script tokenizes without errors, no
/// `Start-Process`/`calc` runs, and every line holding an escaped value is a comment.
fn assert_safe(id: &str, script: &str) {
    let tokens = tokenize(script);
    assert!(
        errors(&tokens).is_empty(),
        "{id}: {:?} in\n{script}",
        errors(&tokens)
    );
    let cmds = commands(&tokens);
    assert!(
        !cmds
            .iter()
            .any(|c| c.eq_ignore_ascii_case("Start-Process") || c.eq_ignore_ascii_case("calc")),
        "{id}: commands {cmds:?} in\n{script}"
    );
    for line in script.split('\n') {
        if ps::has_escape(line) {
            assert!(
                only_comments(&tokenize(line)),
                "{id}: a line with an escaped value runs: {line}"
            );
        }
    }
}

/// The probe's connector id: U+2019 ends a single-quoted string in PowerShell.
const EVIL_CONNECTOR: &str = "Y\u{2019}; Start-Process calc; \u{2019}";

/// Issue 16 item 1: a Send log whose connector id is `Y’; Start-Process calc; ’`.
#[test]
fn probe1_send_log_connector_id_with_right_single_quote() {
    let log = String::from_utf8(testdata("paste/SEND20250131-1.LOG"))
        .unwrap()
        .replace("Outbound to Office 365", EVIL_CONNECTOR);
    let r = analyze(&[("SEND20250131-1.LOG", log.into_bytes())]);
    let scripts = scripts(&r);
    let mut quoted = 0;
    for (id, script) in &scripts {
        assert_safe(id, script);
        let tokens = tokenize(script);
        quoted += literals_containing(&tokens, EVIL_CONNECTOR).len();
    }
    // The connector is named in the commands, whole, inside string literals.
    assert!(
        quoted >= 1,
        "the connector is not in any command: {scripts:?}"
    );
    let verbose = scripts
        .iter()
        .flat_map(|(_, s)| s.lines())
        .find(|l| {
            l.starts_with("Set-SendConnector") && l.ends_with("-ProtocolLoggingLevel Verbose")
        })
        .expect("Set-SendConnector ... -ProtocolLoggingLevel Verbose");
    assert_eq!(
        verbose,
        "Set-SendConnector 'Y\u{2019}\u{2019}; Start-Process calc; \u{2019}\u{2019}' -ProtocolLoggingLevel Verbose"
    );
}

/// A `Get-ReceiveConnector | fl` paste with one connector whose TlsCertificateName is `name`.
fn receive_connector_paste(name: &str) -> Vec<u8> {
    format!(
        "[PS] C:\\Windows\\system32>Get-ReceiveConnector \"EX01\\Default Frontend EX01\" | fl Identity,Name,Fqdn,TlsCertificateName\r\n\
         \r\n\
         Identity           : EX01\\Default Frontend EX01\r\n\
         Name               : Default Frontend EX01\r\n\
         Fqdn               : mail.contoso.com\r\n\
         TlsCertificateName : {name}\r\n"
    )
    .into_bytes()
}

/// Issue 16 item 1, second half: a pasted TlsCertificateName with `’` reaches
/// `-TlsCertificateName '...'` (the malformed name, issuer and subject swapped, is printed
/// corrected from its own parts when no certificate is known).
#[test]
fn probe1_pasted_tls_certificate_name_with_right_single_quote() {
    let name = format!("<S>CN=mail.contoso.com{EVIL_CONNECTOR}<I>CN=Contoso CA");
    let r = analyze(&[("recv.txt", receive_connector_paste(&name))]);
    let scripts = scripts(&r);
    let line = scripts
        .iter()
        .flat_map(|(_, s)| s.lines())
        .find(|l| l.contains("-TlsCertificateName '"))
        .unwrap_or_else(|| panic!("no -TlsCertificateName '...' in {scripts:?}"));
    let tokens = tokenize(line);
    let literal = literals_containing(&tokens, EVIL_CONNECTOR);
    assert_eq!(literal.len(), 1, "{line}");
    assert_eq!(
        commands(&tokens),
        ["Set-ReceiveConnector"],
        "{line}: {tokens:?}"
    );
    for (id, script) in &scripts {
        assert_safe(id, script);
    }
}

/// One DER TLV at the start of `der`: (whole TLV, rest).
fn split_tlv(der: &[u8]) -> (&[u8], &[u8]) {
    let (len, head) = match der[1] {
        n if n < 0x80 => (usize::from(n), 2),
        0x81 => (usize::from(der[2]), 3),
        0x82 => (usize::from(der[2]) << 8 | usize::from(der[3]), 4),
        other => panic!("length form {other:#x}"),
    };
    der.split_at(head + len)
}

/// The TLVs inside the constructed TLV at the start of `der`.
fn children(der: &[u8]) -> Vec<Vec<u8>> {
    let (whole, _) = split_tlv(der);
    let mut rest = &whole[content_offset(whole)..];
    let mut out = Vec::new();
    while !rest.is_empty() {
        let (one, next) = split_tlv(rest);
        out.push(one.to_vec());
        rest = next;
    }
    out
}

fn content_offset(tlv: &[u8]) -> usize {
    match tlv[1] {
        n if n < 0x80 => 2,
        0x81 => 3,
        0x82 => 4,
        other => panic!("length form {other:#x}"),
    }
}

/// Index of the issuer and of the subject among the TBSCertificate's fields.
const ISSUER: usize = 3;
const SUBJECT: usize = 5;

/// The DER certificate `der` with its issuer or subject (`field`) replaced by `CN=<cn>` (a
/// UTF8String: line breaks and all). The signature no longer verifies; nothing here checks it.
fn with_name(der: &[u8], field: usize, cn: &str) -> Vec<u8> {
    let parts = children(der);
    let mut tbs = children(&parts[0]);
    tbs[field] = seq(&[tlv(0x31, &seq(&[oid("2.5.4.3"), tlv(0x0c, cn.as_bytes())]))]);
    seq(&[seq(&tbs), parts[1].clone(), parts[2].clone()])
}

/// `testdata/x509/openssl/rsa2048.cer` (subject and SAN mail.contoso.com) issued by `CN=<cn>`.
fn certificate_with_issuer_cn(cn: &str) -> Vec<u8> {
    with_name(&testdata("x509/openssl/rsa2048.cer"), ISSUER, cn)
}

/// Issue 16 item 2: an issuer CN holding a line break (LF, or a lone CR) must not end the
/// `# = <I>...<S>...` comment that shows the corrected TlsCertificateName.
#[test]
fn probe2_issuer_with_line_break_stays_inside_the_comment() {
    for (brk, escape) in [
        ("\n", "[U+000A]"),
        ("\r", "[U+000D]"),
        ("\r\n", "[U+000D][U+000A]"),
    ] {
        let issuer = format!("Evil CA{brk}Start-Process calc{brk}#");
        let r = analyze(&[
            ("mail.cer", certificate_with_issuer_cn(&issuer)),
            // A host name instead of issuer and subject: the rule names the certificate that
            // covers it and prints the corrected value in a comment.
            ("recv.txt", receive_connector_paste("mail.contoso.com")),
        ]);
        let scripts = scripts(&r);
        let shown = format!("Evil CA{escape}Start-Process calc{escape}#");
        let comment = scripts
            .iter()
            .flat_map(|(_, s)| s.lines())
            .find(|l| l.starts_with("# = ") && l.contains(&shown))
            .unwrap_or_else(|| panic!("no '# = ' comment with {shown} in {scripts:?}"));
        assert_eq!(
            tokenize(comment),
            [Token::LineComment(comment[1..].to_string())]
        );
        for (id, script) in &scripts {
            assert_safe(id, script);
            assert!(!script.contains('\r'), "{id}: a raw CR in\n{script}");
        }
    }
}

/// The catalogue's findings (added after `diagnose()` guarded its own) are guarded too: a
/// dropped RSA-1024 certificate whose subject holds a line break gives `New-ExchangeCertificate
/// -SubjectName '<subject>'` with the break escaped, and that command is commented out behind
/// the warning.
#[test]
fn catalogue_commands_with_escaped_values_are_commented_out() {
    let subject = "mail.contoso.com\nStart-Process calc #";
    // An RSA-1024 key: the weak-key check writes a new request with the certificate's subject.
    let pem = String::from_utf8(testdata(
        "corpus/x509/boringssl-parse-certificate/serial_zero_padded.pem",
    ))
    .unwrap();
    let b64: String = pem
        .lines()
        .skip_while(|l| *l != "-----BEGIN CERTIFICATE-----")
        .skip(1)
        .take_while(|l| *l != "-----END CERTIFICATE-----")
        .collect();
    let der = base64_decode(&b64);
    let r = analyze(&[("mail.cer", with_name(&der, SUBJECT, subject))]);
    let scripts = scripts(&r);
    let shown = "mail.contoso.com[U+000A]Start-Process calc #";
    let mut commented = 0;
    for (id, script) in &scripts {
        assert_safe(id, script);
        for line in script.lines().filter(|l| l.contains(shown)) {
            assert!(line.starts_with("# "), "{id}: {line}");
            commented += 1;
        }
    }
    assert!(commented >= 1, "the subject is in no command: {scripts:?}");
    let warned = r.findings.iter().any(|f| {
        f.remediation.as_ref().is_some_and(|rem| {
            rem.powershell.contains(shown) && rem.steps.last().is_some_and(|s| s.contains("[U+"))
        })
    });
    assert!(warned, "no warning step: {:?}", r.findings);
}

/// Standard base64 (the test PEM files), without a dependency.
fn base64_decode(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for b in text
        .bytes()
        .filter(|b| *b != b'=' && !b.is_ascii_whitespace())
    {
        let v = ALPHABET.iter().position(|a| *a == b).expect("base64") as u32;
        acc = acc << 6 | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

/// Fenced code blocks of a Markdown document (CommonMark 0.31, 4.5; backtick fences only, as
/// the export writes them): (info string, content).
fn fenced_blocks(md: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, String, Vec<&str>)> = None;
    for line in md.split('\n') {
        let rest = line.trim_start_matches(' ');
        let indent = line.len() - rest.len();
        let run = rest.chars().take_while(|&c| c == '`').count();
        match &mut open {
            None if indent <= 3 && run >= 3 => {
                open = Some((run, rest[run..].trim().to_string(), Vec::new()));
            }
            Some((n, _, _)) if indent <= 3 && run >= *n && rest[run..].trim().is_empty() => {
                let (_, info, lines) = open.take().unwrap();
                out.push((info, lines.join("\n")));
            }
            Some((_, _, lines)) => lines.push(line),
            None => {}
        }
    }
    out
}

/// Issue 16 item 3: the Markdown export ("Copy as Markdown") keeps a correctly quoted
/// `'X'''...` script intact inside its fence (it used to rewrite ```` ``` ```` to `'''`).
#[test]
fn probe3_markdown_export_keeps_the_script_inside_its_fence() {
    let connector = "X'```; Start-Process calc; '";
    let log = String::from_utf8(testdata("paste/SEND20250131-1.LOG"))
        .unwrap()
        .replace("Outbound to Office 365", connector);
    let r = analyze(&[("SEND20250131-1.LOG", log.into_bytes())]);
    let scripts = scripts(&r);
    assert!(
        scripts
            .iter()
            .any(|(_, s)| s.contains("'X''```; Start-Process calc; '''")),
        "{scripts:?}"
    );
    let md = tlsdoctor_core::export::markdown::render(&r, Lang::En);
    let blocks: Vec<String> = fenced_blocks(&md)
        .into_iter()
        .filter(|(info, _)| info == "powershell")
        .map(|(_, content)| content)
        .collect();
    assert_eq!(blocks.len(), scripts.len(), "{md}");
    for (id, script) in &scripts {
        assert!(
            blocks.iter().any(|b| b == script.trim_end()),
            "{id}: the script is not intact in a fence:\n{md}"
        );
        assert_safe(id, script);
    }
    for block in &blocks {
        assert_safe("markdown", block);
    }
}

/// The catalogue's `# on <server>` comment used to fold only CR and LF: NEL, LS and PS (which
/// editors and ticket systems show as line breaks) and bidi controls now show as escapes too.
#[test]
fn catalogue_server_comment_escapes_every_line_break() {
    for brk in ['\r', '\n', '\u{85}', '\u{2028}', '\u{2029}', '\u{202E}'] {
        let server = format!("EX01{brk}Start-Process calc");
        let line = fix::comment_on(&server);
        assert_eq!(
            line,
            format!("# on EX01[U+{:04X}]Start-Process calc", u32::from(brk))
        );
        assert_eq!(tokenize(&line), [Token::LineComment(line[1..].to_string())]);
    }
}

// ---- property tests -------------------------------------------------------------------------

/// A harmless value the builders are compared against (not hex, so always quoted).
const MARKER: &str = "tlsdoctormarkervalue";
/// The same for builders that keep plain hex bare.
const HEX_MARKER: &str = "ABCDEF0123456789";

struct Case {
    name: &'static str,
    build: fn(&str) -> String,
    /// The value is written bare (plain hex): compare against [`HEX_MARKER`].
    bare: fn(&str) -> bool,
    /// The builder applies to this value (placeholders replace empty ones).
    applies: fn(&str) -> bool,
    /// What the value looks like in the script once decoded.
    shown: fn(&str) -> String,
}

fn never(_: &str) -> bool {
    false
}
fn always(_: &str) -> bool {
    true
}
fn escaped(v: &str) -> String {
    escape_unsafe(v).into_owned()
}
fn plain_hex(v: &str) -> bool {
    !v.is_empty() && v.bytes().all(|b| b.is_ascii_hexdigit())
}

const CASES: &[Case] = &[
    Case {
        name: "quote",
        build: |v| ps::set_verbose_logging(&quote(v)),
        bare: never,
        applies: always,
        shown: escaped,
    },
    Case {
        name: "connector_or_placeholder",
        build: |v| ps::set_verbose_logging(&ps::connector_or_placeholder(Some(v))),
        bare: never,
        applies: |v| !v.trim().is_empty(),
        shown: escaped,
    },
    Case {
        name: "comment_text",
        build: |v| format!("# = {}", comment_text(v)),
        bare: never,
        applies: always,
        shown: escaped,
    },
    Case {
        name: "hex_or_quote",
        build: |v| format!("certutil -repairstore my {}", ps::hex_or_quote(v)),
        bare: plain_hex,
        applies: always,
        shown: escaped,
    },
    Case {
        name: "check_private_key",
        build: |v| ps::check_private_key(&quote(v)),
        bare: never,
        applies: always,
        shown: escaped,
    },
    Case {
        name: "remove_from_store",
        build: |v| ps::remove_from_store(&quote(v)),
        bare: never,
        applies: always,
        shown: escaped,
    },
    Case {
        name: "show_certificate",
        build: |v| ps::show_certificate(&quote(v)),
        bare: never,
        applies: always,
        shown: escaped,
    },
    Case {
        name: "enable_smtp",
        build: |v| ps::enable_smtp(&quote(v)),
        bare: never,
        applies: always,
        shown: escaped,
    },
    Case {
        name: "import_pfx",
        build: ps::import_pfx,
        bare: never,
        applies: always,
        shown: escaped,
    },
    Case {
        name: "export_public",
        build: ps::export_public,
        bare: |v| v.bytes().all(|b| b.is_ascii_hexdigit()),
        applies: always,
        shown: escaped,
    },
    Case {
        name: "repair_key_association",
        build: ps::repair_key_association,
        bare: never,
        applies: always,
        shown: escaped,
    },
    Case {
        name: "request_and_import_ca_certificate subject",
        build: |v| {
            ps::request_and_import_ca_certificate(v, "mail.contoso.com", "# request", "# import")
                .join("\n")
        },
        bare: never,
        applies: always,
        shown: escaped,
    },
    Case {
        name: "request_and_import_ca_certificate host",
        build: |v| {
            ps::request_and_import_ca_certificate("CN=mail.contoso.com", v, "# request", "# import")
                .join("\n")
        },
        bare: never,
        // `*` becomes `wildcard` in the file names.
        applies: |v| !v.contains('*'),
        shown: escaped,
    },
    Case {
        name: "fix::pick_certificate server",
        build: |v| {
            fix::pick_certificate(
                Some(v),
                Some("3D68C9DB575E6FDB56A81AE43B014E129349E024"),
                None,
            )
        },
        bare: never,
        applies: always,
        shown: escaped,
    },
    Case {
        name: "fix::pick_certificate thumbprint",
        build: |v| fix::pick_certificate(None, Some(v), None),
        bare: never,
        applies: always,
        shown: escaped,
    },
    Case {
        name: "fix::pick_certificate name",
        build: |v| fix::pick_certificate(Some("EX01"), None, Some(v)),
        bare: never,
        applies: always,
        shown: escaped,
    },
    Case {
        name: "fix::tls_name_argument issuer",
        build: |v| {
            fix::set_connector_name(
                "Set-SendConnector",
                "Outbound",
                &fix::tls_name_argument(Some((v, "CN=mail.contoso.com"))),
            )
        },
        bare: never,
        applies: always,
        // `<I>{issuer}<S>{subject}` trims both.
        shown: |v| escape_unsafe(v.trim()).into_owned(),
    },
    Case {
        name: "fix::tls_name_argument subject",
        build: |v| {
            fix::set_connector_name(
                "Set-SendConnector",
                "Outbound",
                &fix::tls_name_argument(Some(("CN=R10, O=Let's Encrypt", v))),
            )
        },
        bare: never,
        applies: always,
        shown: |v| escape_unsafe(v.trim()).into_owned(),
    },
    Case {
        name: "fix::set_connector_name identity",
        build: |v| {
            fix::set_connector_name("Set-ReceiveConnector", v, &fix::tls_name_argument(None))
        },
        bare: never,
        applies: always,
        shown: escaped,
    },
    Case {
        name: "fix::enable_smtp server",
        build: |v| fix::enable_smtp(Some(v), "3D68C9DB575E6FDB56A81AE43B014E129349E024"),
        bare: never,
        applies: always,
        shown: escaped,
    },
    Case {
        name: "fix::enable_smtp thumbprint",
        build: |v| fix::enable_smtp(None, v),
        bare: never,
        applies: always,
        shown: escaped,
    },
    Case {
        name: "fix::comment_on",
        build: fix::comment_on,
        bare: never,
        applies: always,
        shown: escaped,
    },
    Case {
        name: "fix::collection receive",
        build: |v| fix::collection(&[v.to_string()], &[]).join("\n"),
        bare: never,
        applies: always,
        shown: escaped,
    },
    Case {
        name: "fix::collection send",
        build: |v| fix::collection(&[], &[v.to_string()]).join("\n"),
        bare: never,
        applies: always,
        shown: escaped,
    },
];

fn check_case(case: &Case, v: &str) -> Result<(), TestCaseError> {
    if !(case.applies)(v) {
        return Ok(());
    }
    let marker = if (case.bare)(v) { HEX_MARKER } else { MARKER };
    prop_assert_eq!((case.bare)(marker), (case.bare)(v));
    let script = (case.build)(v);
    let benign = (case.build)(marker);
    let got = tokenize(&script);
    let benign_tokens = tokenize(&benign);
    // The same tokens as for the harmless value, the value (as shown) where the marker was:
    // inside the same one string literal, bare hex word or comment, nothing split off.
    let want = replace_text(&benign_tokens, marker, &(case.shown)(v));
    prop_assert_eq!(&got, &want, "{}: {:?}", case.name, script);
    prop_assert!(errors(&got).is_empty(), "{}: {:?}", case.name, script);
    prop_assert_eq!(commands(&got), commands(&benign_tokens), "{}", case.name);
    prop_assert!(
        !script.contains(['\r', '\u{85}', '\u{2028}', '\u{2029}']),
        "{}",
        case.name
    );
    prop_assert_eq!(
        script.split('\n').count(),
        benign.split('\n').count(),
        "{}",
        case.name
    );

    // guard(): every line with an escaped value is a comment afterwards, the others stay.
    let (guarded, altered) = ps::guard(&script, Lang::En);
    let needs = script
        .split('\n')
        .any(|l| !ps::is_comment(l) && ps::has_escape(l));
    prop_assert_eq!(altered, needs, "{}", case.name);
    for line in guarded.split('\n') {
        if ps::has_escape(line) {
            prop_assert!(only_comments(&tokenize(line)), "{}: {}", case.name, line);
        }
    }
    let guarded_tokens = tokenize(&guarded);
    prop_assert!(errors(&guarded_tokens).is_empty());
    let allowed = commands(&benign_tokens);
    for c in commands(&guarded_tokens) {
        prop_assert!(
            allowed.contains(&c),
            "{}: {} in {:?}",
            case.name,
            c,
            guarded
        );
    }
    let (again, changed) = ps::guard(&guarded, Lang::En);
    prop_assert!(!changed);
    prop_assert_eq!(again, guarded);
    Ok(())
}

/// What breaks quoting, comments and line structure in PowerShell.
const PIECES: &[&str] = &[
    "'",
    "\u{2018}",
    "\u{2019}",
    "\u{201A}",
    "\u{201B}",
    "\"",
    "\u{201C}",
    "\u{201D}",
    "\u{201E}",
    "\r",
    "\n",
    "\r\n",
    "\u{85}",
    "\u{2028}",
    "\u{2029}",
    "`",
    "`n",
    "$(",
    ")",
    "$x",
    "${x}",
    "\0",
    "#",
    "<#",
    "#>",
    ";",
    "|",
    "&",
    "&&",
    "{",
    "}",
    "@'",
    "'@",
    "\t",
    "\u{202E}",
    "\u{200F}",
    "\u{1B}",
    "[U+000A]",
    " Start-Process calc ",
    "*",
    "AB12",
    " ",
    "\u{A0}",
    "\u{3000}",
];

fn nasty() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => prop::sample::select(PIECES).prop_map(str::to_string),
        2 => any::<char>().prop_map(String::from),
        2 => prop::collection::vec(prop::char::range('a', 'z'), 1..6).prop_map(String::from_iter),
        1 => prop::collection::vec(prop::char::range('0', '9'), 1..6).prop_map(String::from_iter),
    ];
    prop_oneof![
        4 => prop::collection::vec(piece, 0..14).prop_map(|parts| parts.concat()),
        1 => any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn every_builder_keeps_any_value_inside_one_literal(v in nasty()) {
        for case in CASES {
            check_case(case, &v)?;
        }
    }

    #[test]
    fn quote_decodes_to_the_shown_value(v in nasty()) {
        let tokens = tokenize(&quote(&v));
        prop_assert_eq!(
            tokens,
            vec![Token::Str { kind: ps_tokenizer::StrKind::Single, text: escaped(&v), code: Vec::new() }]
        );
    }
}

proptest! {
    // Whole analyses are slower than single builders: fewer cases.
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// End to end with arbitrary values where the probes put theirs: the connector id of a
    /// Send log (one CSV field: no comma, double quote or line break), the issuer CN of a
    /// dropped certificate (a DER string: anything) next to a paste that makes the rules print
    /// it, and a pasted TlsCertificateName (one line).
    #[test]
    fn any_input_value_gives_scripts_without_its_commands(v in nasty()) {
        let field: String = v.chars().filter(|c| !matches!(c, ',' | '"' | '\r' | '\n')).collect();
        let log = String::from_utf8(testdata("paste/SEND20250131-1.LOG"))
            .unwrap()
            .replace("Outbound to Office 365", &format!("Outbound{field}"));
        let line: String = v.chars().filter(|c| !matches!(c, '\r' | '\n')).collect();
        let inputs = [
            vec![("SEND20250131-1.LOG", log.into_bytes())],
            vec![
                ("mail.cer", certificate_with_issuer_cn(&v)),
                ("recv.txt", receive_connector_paste("mail.contoso.com")),
            ],
            vec![("recv.txt", receive_connector_paste(&format!("<S>CN=mail{line}<I>CN=CA{line}")))],
        ];
        for files in inputs {
            let r = analyze(&files);
            for (id, script) in scripts(&r) {
                assert_safe(&id, &script);
            }
            let md = tlsdoctor_core::export::markdown::render(&r, Lang::En);
            let blocks = fenced_blocks(&md);
            for (id, script) in scripts(&r) {
                prop_assert!(
                    blocks.iter().any(|(info, b)| info == "powershell" && b == script.trim_end()),
                    "{}: not intact in\n{}", id, md
                );
            }
        }
    }
}

#[test]
fn the_probe_values_are_in_the_generated_cases() {
    // The explicit probes of the issue through every builder, so they run on every `cargo test`
    // whatever proptest draws.
    for v in [
        EVIL_CONNECTOR,
        "Evil CA\nStart-Process calc\n#",
        "Evil CA\rStart-Process calc\r#",
        "X'''```; Start-Process calc; '",
        "\u{201C}$(Start-Process calc)\u{201D}",
        "a`\nStart-Process calc",
        "<# x\n#> Start-Process calc",
        "\u{85}Start-Process calc\u{2028}\u{2029}",
        "\0",
        "",
    ] {
        for case in CASES {
            check_case(case, v).unwrap_or_else(|e| panic!("{}: {v:?}: {e}", case.name));
        }
    }
}
