//! One command-line parser for every subcommand (no external crate: the grammar is tiny and the
//! usage text below is the whole documentation).

use tlsdoctor_core::i18n::Lang;

pub const USAGE: &str = "\
usage:
  tlsdoctor inspect [PASSWORD OPTIONS] [--json] FILE...
  tlsdoctor analyze [PASSWORD OPTIONS] [--json] [--lang en|de] FILE...
  tlsdoctor dn [--flags F[,F...]] HEX
  tlsdoctor serve [--port N] [--open]
  tlsdoctor collect-script

  inspect   read certificates (.cer/.crt/.pem, .p7b/.p7c), PKCS#12 (.pfx/.p12) and keys;
            kind detected from the bytes
  analyze   inspect plus Exchange SMTP protocol logs, pasted shell output and .zip archives of
            them (the collector's zip, Compress-Archive): findings and the PowerShell to fix them;
            a FILE may be a folder (read recursively; links followed, each file once; FIFOs,
            devices and sockets in it skipped with a warning)
  dn        render a DER X.500 name (hex) as .NET X500DistinguishedName.Decode(flags) does
  serve     serve the page (built in with --features page) on http://127.0.0.1 only
  collect-script  print the read-only evidence collector Collect-TlsEvidence.ps1 (save it, run
            it in the Exchange Management Shell, give its .zip to analyze)

  FILE `-` reads standard input (`./-` is a file named -). Every input stops at 64 MiB unless it
  is a protocol log or a .zip, which are streamed (a .zip's entries: see README, .zip input).

password options (PKCS#12 and key passwords; the empty password is always tried):
  --password PW         one password; repeat for several (visible in the process list)
  --password-file FILE  one password per line (LF or CRLF; `-` standard input), like OpenSSL's
                        -passin file:FILE; may be repeated
  --password-prompt     ask on the terminal with echo off (tried first); an error without one

options:
  --json          machine-readable output (see CONTRACT.md)
  --lang en|de    language of the analyze report (default en)
  --flags F,...   X500DistinguishedNameFlags names: None, Reversed, UseSemicolons, DoNotUsePlusSign,
                  DoNotUseQuotes, UseCommas, UseNewLines, UseUTF8Encoding, UseT61Encoding,
                  ForceUTF8Encoding (default Reversed, the form of .Subject and TlsCertificateName)
  --port N        serve: the port on 127.0.0.1 (default 8080; 0 picks a free one)
  --open          serve: open the page in the default browser
  -h, --help      this text
  --version       print the version

exit status: 0 every file read, 1 a file (or the name) had an error, 2 usage error,
141 standard output closed early (`... | head`)
";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Inspect,
    Analyze,
    Dn,
    Serve,
    CollectScript,
    Help,
    Version,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Args {
    pub command: Command,
    pub passwords: Vec<String>,
    /// `--password-file` paths, read after parsing ([`crate::passwords::resolve`]).
    pub password_files: Vec<String>,
    /// `--password-prompt`: ask on the terminal.
    pub password_prompt: bool,
    pub json: bool,
    pub lang: Lang,
    pub flags: Option<String>,
    /// `serve --port`.
    pub port: Option<u16>,
    /// `serve --open`.
    pub open: bool,
    /// Files (inspect/analyze) or the hex argument (dn).
    pub operands: Vec<String>,
}

/// Parses `argv` without the program name. `Err` is a one-line message for a usage error.
pub fn parse(argv: &[String]) -> Result<Args, String> {
    let mut iter = argv.iter();
    let command = match iter.next().map(String::as_str) {
        None => return Err("no command given".into()),
        Some("inspect") => Command::Inspect,
        Some("analyze") | Some("analyse") => Command::Analyze,
        Some("dn") => Command::Dn,
        Some("serve") => Command::Serve,
        Some("collect-script") => Command::CollectScript,
        Some("-h") | Some("--help") | Some("help") => Command::Help,
        Some("--version") | Some("-V") => Command::Version,
        Some(other) => return Err(format!("unknown command {other:?}")),
    };
    let mut args = Args {
        command,
        passwords: Vec::new(),
        password_files: Vec::new(),
        password_prompt: false,
        json: false,
        lang: Lang::En,
        flags: None,
        port: None,
        open: false,
        operands: Vec::new(),
    };
    let mut options_done = false;
    while let Some(arg) = iter.next() {
        let is_option = arg.starts_with("--") || arg.starts_with('-') && arg.len() == 2;
        if options_done || !is_option {
            args.operands.push(arg.clone());
            continue;
        }
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            match inline.clone() {
                Some(v) => Ok(v),
                None => iter
                    .next()
                    .cloned()
                    .ok_or_else(|| format!("{name} needs a value")),
            }
        };
        match name {
            "--" => options_done = true,
            "--password" => args.passwords.push(value(name)?),
            "--password-file" => args.password_files.push(value(name)?),
            "--password-prompt" => args.password_prompt = true,
            "--json" => args.json = true,
            "--lang" => {
                let tag = value(name)?;
                if !matches!(tag.to_ascii_lowercase().get(..2), Some("en") | Some("de")) {
                    return Err(format!("--lang must be en or de, not {tag:?}"));
                }
                args.lang = Lang::from_tag(&tag);
            }
            "--flags" => args.flags = Some(value(name)?),
            "--port" => {
                let port = value(name)?;
                args.port = Some(
                    port.parse()
                        .map_err(|_| format!("--port must be a number 0-65535, not {port:?}"))?,
                );
            }
            "--open" => args.open = true,
            "-h" | "--help" => args.command = Command::Help,
            "--version" => args.command = Command::Version,
            other => return Err(format!("unknown option {other:?}")),
        }
    }
    match args.command {
        Command::Inspect | Command::Analyze if args.operands.is_empty() => {
            Err("no FILE given".into())
        }
        Command::Dn if args.operands.is_empty() => Err("no HEX name given".into()),
        Command::Inspect | Command::Analyze if args.flags.is_some() => {
            Err("--flags belongs to dn".into())
        }
        Command::Dn
            if !args.passwords.is_empty()
                || !args.password_files.is_empty()
                || args.password_prompt =>
        {
            Err("--password does not apply to dn".into())
        }
        Command::Serve if !args.operands.is_empty() => Err("serve takes no FILE".into()),
        Command::Serve
            if !args.passwords.is_empty()
                || !args.password_files.is_empty()
                || args.password_prompt
                || args.json
                || args.flags.is_some() =>
        {
            Err("serve takes only --port and --open".into())
        }
        Command::Inspect | Command::Analyze | Command::Dn if args.port.is_some() || args.open => {
            Err("--port and --open belong to serve".into())
        }
        Command::CollectScript
            if !args.operands.is_empty()
                || !args.passwords.is_empty()
                || !args.password_files.is_empty()
                || args.password_prompt
                || args.json
                || args.flags.is_some()
                || args.port.is_some()
                || args.open =>
        {
            Err("collect-script takes no arguments".into())
        }
        _ => Ok(args),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn inspect_with_repeated_passwords() {
        let a = parse(&argv(&[
            "inspect",
            "--password",
            "a",
            "--password=b",
            "--json",
            "x.pfx",
            "y.cer",
        ]))
        .unwrap();
        assert_eq!(a.command, Command::Inspect);
        assert_eq!(a.passwords, vec!["a", "b"]);
        assert!(a.json);
        assert_eq!(a.operands, vec!["x.pfx", "y.cer"]);
    }

    #[test]
    fn empty_password_and_dash_files() {
        let a = parse(&argv(&["inspect", "--password", "", "--", "--weird.cer"])).unwrap();
        assert_eq!(a.passwords, vec![""]);
        assert_eq!(a.operands, vec!["--weird.cer"]);
    }

    #[test]
    fn password_file_and_prompt_options() {
        let a = parse(&argv(&[
            "analyze",
            "--password-file",
            "pw.txt",
            "--password-file=more.txt",
            "--password-prompt",
            "-",
        ]))
        .unwrap();
        assert_eq!(a.password_files, vec!["pw.txt", "more.txt"]);
        assert!(a.password_prompt);
        assert!(a.passwords.is_empty());
        assert_eq!(a.operands, vec!["-"]);
        assert!(parse(&argv(&["inspect", "--password-file"])).is_err());
        assert!(parse(&argv(&["dn", "--password-prompt", "3000"])).is_err());
    }

    #[test]
    fn usage_errors() {
        assert!(parse(&argv(&[])).is_err());
        assert!(parse(&argv(&["frobnicate"])).is_err());
        assert!(parse(&argv(&["inspect"])).is_err());
        assert!(parse(&argv(&["inspect", "--bogus", "x"])).is_err());
        assert!(parse(&argv(&["inspect", "--password"])).is_err());
        assert!(parse(&argv(&["analyze", "--lang", "fr", "x"])).is_err());
        assert!(parse(&argv(&["dn"])).is_err());
        assert_eq!(
            parse(&argv(&["analyze", "--lang", "de-DE", "x"]))
                .unwrap()
                .lang,
            Lang::De
        );
        assert_eq!(
            parse(&argv(&["dn", "--flags", "None", "3000"]))
                .unwrap()
                .flags
                .as_deref(),
            Some("None")
        );
    }

    #[test]
    fn serve_options() {
        let a = parse(&argv(&["serve", "--port", "0", "--open"])).unwrap();
        assert_eq!(a.command, Command::Serve);
        assert_eq!((a.port, a.open), (Some(0), true));
        let a = parse(&argv(&["serve"])).unwrap();
        assert_eq!((a.port, a.open), (None, false));
        assert_eq!(
            parse(&argv(&["serve", "--port=8443"])).unwrap().port,
            Some(8443)
        );
        assert!(parse(&argv(&["serve", "--port", "65536"])).is_err());
        assert!(parse(&argv(&["serve", "--port", "http"])).is_err());
        assert!(parse(&argv(&["serve", "page.html"])).is_err());
        assert!(parse(&argv(&["serve", "--json"])).is_err());
        assert!(parse(&argv(&["inspect", "--open", "x.cer"])).is_err());
    }
}
