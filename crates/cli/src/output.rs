//! Printing a report the way every command does: pretty JSON with `--json`, else readable text.
//! Every byte for standard output goes through [`out`]: `tlsdoctor inspect ... | head` closes
//! the pipe early, which must end the program quietly, not with a panic.

use std::io::Write;

/// Exit status after standard output was closed by its reader: 128 + SIGPIPE, what a shell
/// reports for a program the signal ended (`cat big | head`).
pub const EXIT_BROKEN_PIPE: i32 = 141;

/// Writes `text` to standard output. A closed pipe ends the program at once, quietly, with
/// [`EXIT_BROKEN_PIPE`]; any other write error ends it with a message and status 1.
pub fn out(text: &str) {
    let result = {
        let mut stdout = std::io::stdout().lock();
        stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush())
    };
    if let Err(e) = result {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(EXIT_BROKEN_PIPE);
        }
        let _ = writeln!(std::io::stderr(), "tlsdoctor: cannot write the output: {e}");
        std::process::exit(1);
    }
}

/// Prints `report` as JSON when `json`, else the text `render` makes; returns `code`, or 1 when
/// the JSON cannot be written.
pub fn print_report<T: serde::Serialize>(
    report: &T,
    json: bool,
    render: impl FnOnce(&T) -> String,
    code: i32,
) -> i32 {
    if json {
        match serde_json::to_string_pretty(report) {
            Ok(mut json) => {
                json.push('\n');
                out(&json);
            }
            Err(e) => {
                say!("tlsdoctor: cannot write JSON: {e}");
                return 1;
            }
        }
    } else {
        out(&render(report));
    }
    code
}
