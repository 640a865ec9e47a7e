//! Printing a report the way every command does: pretty JSON with `--json`, else readable text.

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
            Ok(json) => println!("{json}"),
            Err(e) => {
                eprintln!("tlsdoctor: cannot write JSON: {e}");
                return 1;
            }
        }
    } else {
        print!("{}", render(report));
    }
    code
}
