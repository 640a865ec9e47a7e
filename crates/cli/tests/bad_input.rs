//! Broken input through the binary: each bad file gets a named error in its own entry, the good file
//! next to it is still reported, nothing panics, and the exit code is 1. Also the `dn` and usage errors.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_tlsdoctor"))
}

fn good_der() -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(
        "../../testdata/corpus/x509/dotnet-runtime-assets/System.Security.Cryptography.X509Certificates.TestData/MS.cer",
    ))
    .unwrap()
}

fn scratch(test: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("tlsdoctor-bad-input-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn no_panic(output: &Output) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// The good certificate as PEM between lines of invalid UTF-8 (starting with FF FE, like a UTF-16 BOM).
fn invalid_utf8_around_pem(der: &[u8]) -> Vec<u8> {
    let mut base64 = String::new();
    // Minimal Base64 encoder for the test (the crate under test must not encode its own input).
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for chunk in der.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                base64.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                base64.push('=');
            }
        }
    }
    let mut out = vec![0xff, 0xfe, 0xc3, 0x28, b'\n'];
    out.extend_from_slice(b"-----BEGIN CERTIFICATE-----\n");
    for line in base64.as_bytes().chunks(64) {
        out.extend_from_slice(line);
        out.push(b'\n');
    }
    out.extend_from_slice(b"-----END CERTIFICATE-----\n\xa0\xa1 trailing junk \xe2\x28\xa1\n");
    out
}

#[test]
fn each_broken_file_gets_a_named_error_and_the_good_one_is_still_read() {
    let dir = scratch("files");
    let good = good_der();
    let mut wrong_length = good.clone();
    wrong_length[3] = wrong_length[3].wrapping_add(7); // outer length no longer matches
    let mut trailing = good.clone();
    trailing.extend_from_slice(b"\0\0garbage");
    let mut deep = Vec::new();
    for _ in 0..5000 {
        deep.extend_from_slice(&[0x30, 0x80]);
    }
    let mut bad_base64 = b"-----BEGIN CERTIFICATE-----\n".to_vec();
    bad_base64.extend_from_slice(b"MIIB!!!not base64***\n-----END CERTIFICATE-----\n");
    // (file name, bytes, accepted error codes; None = must read fine)
    type Case<'a> = (&'a str, Vec<u8>, Option<&'a [&'a str]>);
    let cases: Vec<Case> = vec![
        ("good.cer", good.clone(), None),
        (
            "truncated.cer",
            good[..good.len() / 2].to_vec(),
            Some(&["truncated"]),
        ),
        (
            "wrong-length.cer",
            wrong_length,
            Some(&["truncated", "malformed"]),
        ),
        (
            "deep.bin",
            deep,
            Some(&["not-a-certificate", "too-large", "malformed"]),
        ),
        ("empty.cer", Vec::new(), Some(&["empty"])),
        (
            "random.bin",
            (0..4096u32)
                .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
                .collect(),
            Some(&["not-a-certificate"]),
        ),
        (
            "invalid-utf8.txt",
            vec![0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, b'\n'],
            Some(&["not-a-certificate"]),
        ),
        ("bad-base64.pem", bad_base64, Some(&["malformed"])),
        ("trailing.cer", trailing, None),
        (
            "invalid-utf8-around.pem",
            invalid_utf8_around_pem(&good),
            None,
        ),
    ];
    let mut paths = Vec::new();
    for (name, bytes, _) in &cases {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        paths.push(path);
    }
    paths.push(dir.join("does-not-exist.cer"));
    let output = bin()
        .arg("inspect")
        .arg("--json")
        .args(&paths)
        .output()
        .unwrap();
    no_panic(&output);
    assert_eq!(output.status.code(), Some(1));
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    let files = json["files"].as_array().unwrap();
    assert_eq!(files.len(), cases.len() + 1);
    for ((name, _, expected), file) in cases.iter().zip(files) {
        match expected {
            None => {
                assert!(file["error"].is_null(), "{name}: {file}");
                assert_eq!(
                    file["certificates"][0]["thumbprint"],
                    "108E2BA23632620C427C570B6D9DB51AC31387FE",
                    "{name}"
                );
            }
            Some(codes) => {
                let code = file["error"]["code"]
                    .as_str()
                    .unwrap_or_else(|| panic!("{name}: no error: {file}"));
                assert!(
                    codes.contains(&code),
                    "{name}: {code}: {}",
                    file["error"]["message"]
                );
                assert!(!file["error"]["message"].as_str().unwrap().is_empty());
            }
        }
    }
    let trailing = files
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with("trailing.cer"))
        .unwrap();
    assert!(
        trailing["warnings"][0]
            .as_str()
            .unwrap()
            .contains("bytes after the certificate"),
        "{trailing}"
    );
    assert_eq!(files[cases.len()]["error"]["code"], "unreadable");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn dn_renders_dotnet_forms_and_flags() {
    let name = "30223120300C060355040313054A616D65733010060355040A13094D6963726F736F6674";
    let run = |args: &[&str]| {
        let output = bin().arg("dn").args(args).output().unwrap();
        no_panic(&output);
        (
            output.status.code().unwrap(),
            String::from_utf8_lossy(&output.stdout).trim().to_string(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    assert_eq!(run(&[name]).1, "\"CN=James + O=Microsoft\"");
    assert_eq!(
        run(&["--flags", "None,DoNotUsePlusSign", name]).1,
        "\"CN=James O=Microsoft\""
    );
    // PrintInvalidEncoding: "" on stdout, a warning on stderr, exit 1.
    let (code, stdout, stderr) = run(&["3017311530130603550403130C436F6D6D6F6E204E616D65"]);
    assert_eq!((code, stdout.as_str()), (1, "\"\""));
    assert!(stderr.contains("warning"));
    // Usage errors: exit 2 with the usage text.
    let (code, _, stderr) = run(&["--flags", "Backwards", name]);
    assert_eq!(code, 2);
    assert!(stderr.contains("usage:"));
    assert_eq!(run(&["xyz"]).0, 2);
    assert_eq!(run(&[]).0, 2);
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec![],
        vec!["inspect"],
        vec!["bogus"],
        vec!["inspect", "--nope", "x"],
    ] {
        let output = bin().args(&args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(String::from_utf8_lossy(&output.stderr).contains("usage:"));
    }
    let output = bin().arg("--help").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn a_file_over_the_64_mib_cap_is_refused_without_reading_it() {
    let dir = scratch("large");
    let path = dir.join("huge.cer");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(64 * 1024 * 1024 + 1).unwrap(); // sparse: no 64 MiB written to disk
    drop(file);
    let output = bin()
        .arg("inspect")
        .arg("--json")
        .arg(&path)
        .output()
        .unwrap();
    no_panic(&output);
    assert_eq!(output.status.code(), Some(1));
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["files"][0]["error"]["code"], "too-large");
    std::fs::remove_dir_all(dir).ok();
}

/// Issue 12: file-level errors are worded in the report's language like the rest.
#[test]
fn unrecognised_text_file_error_in_german() {
    let dir = scratch("lang-de");
    let notes = dir.join("notizen.txt");
    std::fs::write(&notes, "Bitte prüfen, warum die Mails hängen.\nDanke!\n").unwrap();
    let output = bin()
        .args(["analyze", "--lang", "de"])
        .arg(&notes)
        .output()
        .unwrap();
    no_panic(&output);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(!stdout.contains("does not recognise"), "{stdout}");
    // Nothing was diagnosed: no "Befunde" heading over an empty list, the verdict says why.
    assert!(!stdout.contains("Befunde"), "{stdout}");
    assert!(stdout.starts_with("Ergebnis: "), "{stdout}");
    assert!(
        stdout.contains("not-a-certificate: Dies ist eine Textdatei, die tlsdoctor nicht erkennt"),
        "{stdout}"
    );
    let json = bin()
        .args(["analyze", "--json"])
        .arg(&notes)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["files"][0]["error"]["code"], "not-a-certificate");
    assert!(v["files"][0]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("does not recognise"));
}
