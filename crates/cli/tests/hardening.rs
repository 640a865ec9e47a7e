//! Issue 16, the command-line side: folders with link loops, FIFOs, devices and sockets, standard
//! input and sparse files over the cap, a closed output pipe, `-` against `./-`, passwords from a
//! file and from the terminal, and the per-file warnings of the text report. Each test failed (or
//! hung) with the CLI of main before issue 16. A run that does not end within a generous bound
//! is killed and fails as a hang; nothing here measures speed.
#![cfg(unix)]

mod common;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// A run still going after this long hangs (the old walk of two `.` links never ended).
const HANG: Duration = Duration::from_secs(180);

fn bin() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tlsdoctor"));
    cmd.env("TLSDOCTOR_NOW", common::NOW_2026);
    cmd
}

/// A fresh scratch folder for one test.
fn scratch(test: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("tlsdoctor-hardening-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn generated(name: &str) -> PathBuf {
    PathBuf::from(common::testdata(&format!("generated/{name}")))
}

/// Thumbprint of testdata/generated/rsa2048.crt (and of the certificate in no-mac.p12).
const RSA_THUMBPRINT: &str = "E8771A3C670EF74D51CE52D1AFBCE14755A89644";

/// Waits for `child` (its output read on other threads); kills it and fails after [`HANG`].
fn finish(mut child: Child) -> Output {
    let mut stdout = child.stdout.take();
    let mut stderr = child.stderr.take();
    let out = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(s) = stdout.as_mut() {
            let _ = s.read_to_end(&mut buf);
        }
        buf
    });
    let err = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(s) = stderr.as_mut() {
            let _ = s.read_to_end(&mut buf);
        }
        buf
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > HANG {
            let _ = child.kill();
            let _ = child.wait();
            panic!("tlsdoctor did not finish within {HANG:?} (a hang)");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: out.join().unwrap(),
        stderr: err.join().unwrap(),
    }
}

/// Runs `cmd` with `stdin`, bounded by [`HANG`].
fn run(cmd: &mut Command, stdin: Stdio) -> Output {
    let child = cmd
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    finish(child)
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn no_panic(output: &Output) {
    let err = stderr(output);
    assert!(!err.contains("panicked"), "{err}");
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stdout)))
}

/// The `path` of every file entry.
fn paths(report: &Value) -> Vec<String> {
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect()
}

fn symlink(target: impl AsRef<Path>, link: impl AsRef<Path>) {
    std::os::unix::fs::symlink(target, link).unwrap();
}

/// Item 4: two links to `.` made the walk grow exponentially (610 MB after 75 s, no output).
#[test]
fn two_links_to_the_folder_itself_end_and_list_the_file_once() {
    let dir = scratch("two-dot-links");
    std::fs::copy(generated("rsa2048.crt"), dir.join("rsa2048.crt")).unwrap();
    symlink(".", dir.join("a"));
    symlink(".", dir.join("b"));
    std::fs::create_dir(dir.join("sub")).unwrap();
    symlink("..", dir.join("sub/up"));
    let output = run(bin().args(["analyze", "--json"]).arg(&dir), Stdio::null());
    no_panic(&output);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let report = json(&output);
    assert_eq!(
        paths(&report),
        vec![dir.join("rsa2048.crt").display().to_string()]
    );
    std::fs::remove_dir_all(dir).ok();
}

/// Item 4: one `self -> .` link listed the same certificate 32 times.
#[test]
fn a_self_link_lists_each_file_once() {
    let dir = scratch("self-link");
    std::fs::copy(generated("rsa2048.crt"), dir.join("rsa2048.crt")).unwrap();
    std::fs::copy(generated("ec-p256.crt"), dir.join("ec-p256.crt")).unwrap();
    symlink(".", dir.join("self"));
    // A second name for a file is the same file.
    symlink("rsa2048.crt", dir.join("z-link.crt"));
    let output = run(bin().args(["analyze", "--json"]).arg(&dir), Stdio::null());
    no_panic(&output);
    let report = json(&output);
    assert_eq!(
        paths(&report),
        vec![
            dir.join("ec-p256.crt").display().to_string(),
            dir.join("rsa2048.crt").display().to_string(),
        ]
    );
    std::fs::remove_dir_all(dir).ok();
}

/// Item 5: a FIFO in a dropped folder blocked `open()` forever, a `/dev/zero` link read forever;
/// now both (and a socket) are skipped with a named warning and never opened.
#[test]
fn fifo_device_and_socket_in_a_folder_are_skipped_with_a_named_warning() {
    let dir = scratch("special");
    std::fs::copy(generated("rsa2048.crt"), dir.join("rsa2048.crt")).unwrap();
    let made = Command::new("mkfifo")
        .arg(dir.join("pipe"))
        .status()
        .unwrap();
    assert!(made.success());
    symlink("/dev/zero", dir.join("zero"));
    let _socket = std::os::unix::net::UnixListener::bind(dir.join("sock")).unwrap();
    let output = run(bin().args(["analyze", "--json"]).arg(&dir), Stdio::null());
    no_panic(&output);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        paths(&json(&output)),
        vec![dir.join("rsa2048.crt").display().to_string()]
    );
    let err = stderr(&output);
    for (name, what) in [
        ("pipe", "named pipe (FIFO)"),
        ("zero", "device"),
        ("sock", "socket"),
    ] {
        let line = format!("{}: skipped, it is a {what}", dir.join(name).display());
        assert!(err.contains(&line), "no {line:?} in {err}");
    }
    // The warning is worded in the report's language.
    let output = run(
        bin().args(["analyze", "--lang", "de", "--json"]).arg(&dir),
        Stdio::null(),
    );
    let line = format!(
        "{}: übersprungen, eine benannte Pipe (FIFO)",
        dir.join("pipe").display()
    );
    assert!(stderr(&output).contains(&line), "{}", stderr(&output));
    std::fs::remove_dir_all(dir).ok();
}

fn assert_too_large(output: &Output, path: &str) {
    no_panic(output);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(output));
    let report = json(output);
    assert_eq!(paths(&report), vec![path.to_string()]);
    assert_eq!(report["files"][0]["error"]["code"], "too-large");
}

/// Item 5: `analyze - < /dev/zero` read forever; standard input is capped like a file.
#[test]
fn analyze_stdin_from_dev_zero_ends_too_large() {
    let zero = std::fs::File::open("/dev/zero").unwrap();
    let output = run(bin().args(["analyze", "--json", "-"]), Stdio::from(zero));
    assert_too_large(&output, "-");
}

/// Item 5: `inspect -` reads standard input under the same cap.
#[test]
fn inspect_stdin_from_dev_zero_ends_too_large() {
    let zero = std::fs::File::open("/dev/zero").unwrap();
    let output = run(bin().args(["inspect", "--json", "-"]), Stdio::from(zero));
    assert_too_large(&output, "-");
}

/// Item 5: a link to `/dev/zero` named on the command line is read, but not beyond the cap.
#[test]
fn a_dev_zero_link_given_as_a_file_ends_too_large() {
    let dir = scratch("zero-link");
    let link = dir.join("zero.log");
    symlink("/dev/zero", &link);
    for command in ["analyze", "inspect"] {
        let output = run(bin().args([command, "--json"]).arg(&link), Stdio::null());
        assert_too_large(&output, &link.display().to_string());
    }
    std::fs::remove_dir_all(dir).ok();
}

/// Item 5: `analyze` read a 2 GB sparse file for 8 s; its size is over the cap, so it is refused
/// after its first bytes (`crates/cli/src/input.rs` tests count the bytes read).
#[test]
fn a_2_gib_sparse_file_is_too_large() {
    let dir = scratch("sparse");
    let path = dir.join("sparse.pfx");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(2 << 30).unwrap();
    drop(file);
    for command in ["analyze", "inspect"] {
        let output = run(bin().args([command, "--json"]).arg(&path), Stdio::null());
        assert_too_large(&output, &path.display().to_string());
    }
    std::fs::remove_dir_all(dir).ok();
}

/// Item 7: the reader of standard output goes away after the first bytes (`| head`). The
/// output is far larger than a pipe buffer, so the write fails whatever the timing.
fn closed_pipe(cmd: &mut Command) {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let output = finish(child);
    let err = stderr(&output);
    assert!(!err.contains("panicked"), "{err}");
    assert!(!err.contains("Broken pipe"), "{err}");
    assert_eq!(output.status.code(), Some(141), "{err}");
}

#[test]
fn inspect_into_a_closed_pipe_exits_quietly() {
    let crt = generated("rsa2048.crt");
    let mut cmd = bin();
    cmd.args(["inspect", "--json"]);
    for _ in 0..1000 {
        cmd.arg(&crt); // about 1.5 MB of JSON
    }
    closed_pipe(&mut cmd);
}

#[test]
fn analyze_into_a_closed_pipe_exits_quietly() {
    let dir = scratch("pipe-analyze");
    let der = std::fs::read(generated("rsa2048.crt")).unwrap();
    for i in 0..500 {
        std::fs::write(dir.join(format!("copy{i:03}.crt")), &der).unwrap();
    }
    closed_pipe(bin().args(["analyze", "--json"]).arg(&dir));
    closed_pipe(bin().arg("analyze").arg(&dir));
    std::fs::remove_dir_all(dir).ok();
}

/// Standard error closed before anything is written (`tlsdoctor ... 2>&1 | head -1` after the
/// first line): the usage error, a warning and a read error are dropped, not a panic (exit 101).
#[test]
fn messages_to_a_closed_stderr_do_not_panic() {
    for (args, code) in [
        (&["analyze", "--password"][..], 2),
        (&["analyze", "--lang", "fr", "x"][..], 2),
        (&["dn", "ZZ"][..], 2),
        (
            &["inspect", "/nonexistent/tlsdoctor-closed-stderr.pfx"][..],
            1,
        ),
    ] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let output = bin()
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::from(writer))
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(code), "{args:?}");
    }
}

/// Item 12: `inspect -` read a file named `-`; now `-` is standard input and `./-` that file.
#[test]
fn inspect_dash_is_stdin_and_dot_slash_dash_is_the_file() {
    let dir = scratch("dash");
    std::fs::copy(generated("ec-p256.crt"), dir.join("-")).unwrap();
    let stdin = std::fs::File::open(generated("rsa2048.crt")).unwrap();
    let from_stdin = run(
        bin().current_dir(&dir).args(["inspect", "--json", "-"]),
        Stdio::from(stdin),
    );
    assert_eq!(from_stdin.status.code(), Some(0), "{}", stderr(&from_stdin));
    let report = json(&from_stdin);
    assert_eq!(report["files"][0]["path"], "-");
    assert_eq!(
        report["files"][0]["certificates"][0]["thumbprint"],
        RSA_THUMBPRINT
    );
    let from_file = run(
        bin().current_dir(&dir).args(["inspect", "--json", "./-"]),
        Stdio::null(),
    );
    let report = json(&from_file);
    assert_eq!(report["files"][0]["path"], "./-");
    let thumbprint = report["files"][0]["certificates"][0]["thumbprint"]
        .as_str()
        .unwrap();
    assert_eq!(thumbprint.len(), 40);
    assert_ne!(thumbprint, RSA_THUMBPRINT);
    std::fs::remove_dir_all(dir).ok();
}

/// Item 12: passwords from a file, one per line (CRLF and a BOM as Notepad writes them).
#[test]
fn password_file_opens_the_pfx() {
    let dir = scratch("password-file");
    let pw = dir.join("passwords.txt");
    std::fs::write(&pw, "\u{feff}wrong\r\n\r\nsecret\r\n").unwrap();
    for command in ["inspect", "analyze"] {
        let output = run(
            bin()
                .args([command, "--json", "--password-file"])
                .arg(&pw)
                .arg(generated("no-mac.p12")),
            Stdio::null(),
        );
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let file = &json(&output)["files"][0];
        assert!(file["error"].is_null(), "{file:#}");
        assert_eq!(file["certificates"][0]["thumbprint"], RSA_THUMBPRINT);
    }
    // `-` reads the passwords from standard input, unless a FILE reads it too.
    let output = run(
        bin()
            .args(["inspect", "--json", "--password-file", "-"])
            .arg(generated("no-mac.p12")),
        Stdio::from(std::fs::File::open(&pw).unwrap()),
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(json(&output)["files"][0]["error"].is_null());
    let output = run(
        bin().args(["inspect", "--password-file", "-", "-"]),
        Stdio::null(),
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("standard input"),
        "{}",
        stderr(&output)
    );
    // Without it the file does not open.
    let output = run(
        bin()
            .args(["inspect", "--json"])
            .arg(generated("no-mac.p12")),
        Stdio::null(),
    );
    assert_eq!(json(&output)["files"][0]["error"]["code"], "wrong-password");
    // A missing password file is a usage error, named.
    let output = run(
        bin()
            .args(["inspect", "--password-file"])
            .arg(dir.join("missing.txt"))
            .arg(generated("no-mac.p12")),
        Stdio::null(),
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("missing.txt"),
        "{}",
        stderr(&output)
    );
    std::fs::remove_dir_all(dir).ok();
}

/// Item 12: `--password-prompt` without a terminal (a new session has none) is a clear error,
/// not a read of standard input.
#[test]
fn password_prompt_without_a_terminal_says_so() {
    let output = run(
        Command::new("setsid")
            .arg("-w")
            .arg(env!("CARGO_BIN_EXE_tlsdoctor"))
            .args(["inspect", "--password-prompt"])
            .arg(generated("no-mac.p12")),
        Stdio::null(),
    );
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(err.contains("--password-prompt needs a terminal"), "{err}");
    assert!(output.stdout.is_empty());
}

/// Item 12: `--password-prompt` on a terminal (a pseudo-terminal from `script`): the typed
/// password opens the file and is not echoed. The password is sent only after the prompt shows,
/// when echo is already off.
#[test]
fn password_prompt_on_a_terminal_reads_without_echo() {
    let command = format!(
        "'{}' inspect --password-prompt '{}'",
        env!("CARGO_BIN_EXE_tlsdoctor"),
        generated("no-mac.p12").display()
    );
    let mut child = Command::new("script")
        .args(["-q", "-e", "-c", &command, "/dev/null"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut seen = Vec::new();
    let mut byte = [0u8; 1];
    while !String::from_utf8_lossy(&seen).contains("Password: ") {
        let n = stdout.read(&mut byte).unwrap();
        assert!(n > 0, "no prompt: {}", String::from_utf8_lossy(&seen));
        seen.push(byte[0]);
    }
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"secret\r").unwrap();
    stdin.flush().unwrap();
    child.stdout = Some(stdout);
    let output = finish(child);
    drop(stdin);
    let text = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "{text}{}", stderr(&output));
    assert!(text.contains(RSA_THUMBPRINT), "{text}");
    assert!(!text.contains("secret"), "the password was echoed: {text}");
    assert!(!text.contains("ERROR"), "{text}");
}

/// Item 11: the text report prints the warnings JSON has (here "no MAC").
#[test]
fn analyze_text_report_prints_file_warnings() {
    let output = run(
        bin()
            .args(["analyze", "--password", "secret"])
            .arg(generated("no-mac.p12")),
        Stdio::null(),
    );
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(
        text.contains("WARNING: This file has no MAC (no password integrity check)."),
        "{text}"
    );
    let output = run(
        bin()
            .args(["analyze", "--lang", "de", "--password", "secret"])
            .arg(generated("no-mac.p12")),
        Stdio::null(),
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("WARNUNG: "));
}
