//! `tlsdoctor`: the command line over tlsdoctor-core (see CONTRACT.md). Only I/O lives here.

#![forbid(unsafe_code)]

/// `eprintln!` that cannot panic: a message to a closed standard error (`tlsdoctor ... 2>&1 |
/// head -1`) is dropped, where `eprintln!` would panic. Every message on stderr goes through it.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod analyze_cmd;
mod args;
mod dn_cmd;
mod input;
mod inspect_cmd;
mod output;
mod passwords;
mod serve_cmd;
mod split;

use args::Command;

/// Prints a usage error and the usage text; returns exit code 2.
pub(crate) fn usage_error(message: &str) -> i32 {
    say!("tlsdoctor: {message}\n\n{}", args::USAGE);
    2
}

fn main() {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let code = match args::parse(&argv) {
        Err(message) => usage_error(&message),
        Ok(mut args) => match passwords::resolve(&mut args) {
            Err(message) => {
                say!("tlsdoctor: {message}");
                2
            }
            Ok(()) => run(&args),
        },
    };
    std::process::exit(code);
}

fn run(args: &args::Args) -> i32 {
    match args.command {
        Command::Help => {
            output::out(args::USAGE);
            0
        }
        Command::Version => {
            output::out(&format!(
                "tlsdoctor {}\n",
                tlsdoctor_core::report::TOOL_VERSION
            ));
            0
        }
        Command::Inspect => inspect_cmd::run(args),
        Command::Dn => dn_cmd::run(args),
        Command::Analyze => analyze_cmd::run(args),
        Command::Serve => serve_cmd::run(args),
        Command::CollectScript => {
            // Byte for byte: save with `tlsdoctor collect-script > Collect-TlsEvidence.ps1`.
            output::out(tlsdoctor_core::collect::COLLECTOR_PS1);
            0
        }
    }
}
