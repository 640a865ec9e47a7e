//! One command-line parser for every subcommand (no external crate: the grammar is tiny and the
//! usage text below is the whole documentation).

use tlsdoctor_core::i18n::Lang;

pub const USAGE: &str = "\
usage:
  tlsdoctor inspect [--password PW]... [--json] FILE...
  tlsdoctor analyze [--password PW]... [--json] [--lang en|de] FILE...
  tlsdoctor dn [--flags F[,F...]] HEX
  tlsdoctor collect-script

  inspect   read certificates (.cer/.crt/.pem, .p7b/.p7c), PKCS#12 (.pfx/.p12) and keys;
            kind detected from the bytes
  analyze   inspect plus Exchange SMTP protocol logs, pasted shell output and .zip archives of
            them (the collector's zip, Compress-Archive): findings and the PowerShell to fix them
  collect-script  print the read-only evidence collector Collect-TlsEvidence.ps1 (save it, run it
            in the Exchange Management Shell, give its .zip to analyze)
  dn        render a DER X.500 name (hex) as .NET X500DistinguishedName.Decode(flags) does

options:
  --password PW   a PKCS#12/key password; repeat for several (the empty password is always tried)
  --json          machine-readable output (see CONTRACT.md)
  --lang en|de    language of the analyze report (default en)
  --flags F,...   X500DistinguishedNameFlags names: None, Reversed, UseSemicolons, DoNotUsePlusSign,
                  DoNotUseQuotes, UseCommas, UseNewLines, UseUTF8Encoding, UseT61Encoding,
                  ForceUTF8Encoding (default Reversed, the form of .Subject and TlsCertificateName)
  -h, --help      this text
  --version       print the version

exit status: 0 every file read, 1 a file (or the name) had an error, 2 usage error
";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Inspect,
    Analyze,
    Dn,
    CollectScript,
    Help,
    Version,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Args {
    pub command: Command,
    pub passwords: Vec<String>,
    pub json: bool,
    pub lang: Lang,
    pub flags: Option<String>,
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
        Some("collect-script") => Command::CollectScript,
        Some("-h") | Some("--help") | Some("help") => Command::Help,
        Some("--version") | Some("-V") => Command::Version,
        Some(other) => return Err(format!("unknown command {other:?}")),
    };
    let mut args = Args {
        command,
        passwords: Vec::new(),
        json: false,
        lang: Lang::En,
        flags: None,
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
            "--json" => args.json = true,
            "--lang" => {
                let tag = value(name)?;
                if !matches!(tag.to_ascii_lowercase().get(..2), Some("en") | Some("de")) {
                    return Err(format!("--lang must be en or de, not {tag:?}"));
                }
                args.lang = Lang::from_tag(&tag);
            }
            "--flags" => args.flags = Some(value(name)?),
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
        Command::Dn if !args.passwords.is_empty() => Err("--password does not apply to dn".into()),
        Command::CollectScript
            if !args.operands.is_empty()
                || !args.passwords.is_empty()
                || args.json
                || args.flags.is_some() =>
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
}
