//! Passwords from outside the command line, as OpenSSL's `-passin` offers them: `--password-file
//! FILE` (one password per line) and `--password-prompt` (typed on the terminal, echo off).
//! Both keep passwords out of the shell history and the process list.

use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::process::{Command, Stdio};

use crate::args::{self, Args};

/// Adds the passwords of `--password-prompt` (first: typed for this run) and of every
/// `--password-file` (after the `--password` values, in file order) to `args.passwords`.
/// `Err` is a one-line message (exit status 2).
pub fn resolve(args: &mut Args) -> Result<(), String> {
    if matches!(args.command, args::Command::Help | args::Command::Version) {
        return Ok(());
    }
    let mut from_files = Vec::new();
    for path in &args.password_files {
        from_files.extend(read_file(path, &args.operands)?);
    }
    if args.password_prompt {
        let typed = prompt("Password: ")?;
        args.passwords.insert(0, typed);
    }
    args.passwords.extend(from_files);
    Ok(())
}

/// The passwords in `path` (`-`: standard input, unless an operand reads it): one per line,
/// LF or CRLF, a UTF-8 BOM ignored; empty lines are skipped (the empty password is always tried).
fn read_file(path: &str, operands: &[String]) -> Result<Vec<String>, String> {
    let cap = tlsdoctor_core::limits::MAX_PASSWORD_FILE_BYTES;
    let mut bytes = Vec::new();
    let read = if path == "-" {
        if operands.iter().any(|op| op == "-") {
            return Err("--password-file - and the FILE - cannot both read standard input".into());
        }
        std::io::stdin()
            .lock()
            .take(cap + 1)
            .read_to_end(&mut bytes)
    } else {
        File::open(path).and_then(|f| f.take(cap + 1).read_to_end(&mut bytes))
    };
    read.map_err(|e| format!("--password-file {path}: {e}"))?;
    if bytes.len() as u64 > cap {
        return Err(format!(
            "--password-file {path}: larger than {cap} bytes; give one password per line"
        ));
    }
    let text =
        String::from_utf8(bytes).map_err(|_| format!("--password-file {path}: not UTF-8 text"))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    Ok(text
        .lines()
        .filter(|line| !line.is_empty())
        .map(str::to_string)
        .collect())
}

/// Longest password typed at the prompt (bytes).
const MAX_TYPED: usize = 4096;

/// Runs `stty ARGS` on the terminal `tty`; its standard output.
fn stty(tty: &File, args: &[&str]) -> Result<String, String> {
    let input = tty
        .try_clone()
        .map_err(|e| format!("--password-prompt: {e}"))?;
    let out = Command::new("stty")
        .args(args)
        .stdin(Stdio::from(input))
        .stderr(Stdio::null())
        .output()
        .map_err(|e| format!("--password-prompt: cannot run stty to turn echo off: {e}"))?;
    if !out.status.success() {
        return Err("--password-prompt: stty cannot turn echo off on this terminal".into());
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// Puts the terminal back as it was, however the prompt ends.
struct Restore<'a> {
    tty: &'a File,
    saved: String,
}

impl Drop for Restore<'_> {
    fn drop(&mut self) {
        let _ = stty(self.tty, &[self.saved.as_str()]);
    }
}

/// Asks for one password on the controlling terminal with echo off. The terminal is switched
/// to byte-wise reading with signals off (`stty -echo -icanon -isig`) and restored by the saved
/// `stty -g` state on every way out, Ctrl-C included (read as a byte, it cancels).
fn prompt(label: &str) -> Result<String, String> {
    let mut tty = OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
        .map_err(|e| {
            format!(
                "--password-prompt needs a terminal (cannot open /dev/tty: {e}); \
                 use --password-file FILE instead"
            )
        })?;
    let saved = stty(&tty, &["-g"])?;
    let typed = {
        let _restore = Restore {
            tty: &tty,
            saved: saved.clone(),
        };
        stty(
            &tty,
            &["-echo", "-icanon", "-isig", "min", "1", "time", "0"],
        )?;
        let mut writer = &tty;
        writer
            .write_all(label.as_bytes())
            .and_then(|()| writer.flush())
            .map_err(|e| format!("--password-prompt: {e}"))?;
        read_typed(&mut &tty)
    };
    let _ = tty.write_all(b"\n");
    typed
}

/// One line typed on a terminal in byte-wise mode: Backspace/DEL erase a character, Ctrl-U the
/// line, Enter ends, Ctrl-C (or Ctrl-D on an empty line) cancels.
fn read_typed(tty: &mut impl Read) -> Result<String, String> {
    let mut line: Vec<u8> = Vec::new();
    let mut byte = [0u8; 1];
    loop {
        match tty.read(&mut byte) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(format!("--password-prompt: {e}")),
        }
        match byte[0] {
            b'\n' | b'\r' => break,
            0x03 => return Err("--password-prompt: cancelled".into()),
            0x04 if line.is_empty() => return Err("--password-prompt: cancelled".into()),
            0x7f | 0x08 => {
                // Erase one character (all bytes of a UTF-8 sequence).
                while let Some(b) = line.pop() {
                    if b & 0xC0 != 0x80 {
                        break;
                    }
                }
            }
            0x15 => line.clear(),
            b if line.len() < MAX_TYPED => line.push(b),
            _ => return Err(format!("--password-prompt: longer than {MAX_TYPED} bytes")),
        }
    }
    String::from_utf8(line).map_err(|_| "--password-prompt: the password is not UTF-8".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_line_with_erase_and_kill() {
        let typed = |bytes: &[u8]| read_typed(&mut &bytes[..]);
        assert_eq!(typed(b"secret\n").unwrap(), "secret");
        assert_eq!(typed(b"secrex\x7ft\r").unwrap(), "secret");
        assert_eq!(typed(b"wrong\x15secret\n").unwrap(), "secret");
        assert_eq!(typed("grüß\x7fn\n".as_bytes()).unwrap(), "grün");
        assert!(typed(b"sec\x03ret\n").is_err());
        assert!(typed(b"\x04").is_err());
        assert_eq!(typed(b"").unwrap(), "");
    }
}
