//! PowerShell `Format-Table` (`ft`, and the default view of many cmdlets): a header line,
//! a row of dashes under each column name, then one line per object. Column positions
//! come from the dash runs; values wider than a column are cut with `...` (`…` in
//! PowerShell 7), except in the last column. Cells are read by character position. With
//! `-Wrap` a long value goes on under its column on the next lines, the first column blank:
//! those lines are joined to the row above.

use super::Line;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    /// `(column name, trimmed cell text)` in column order.
    pub cells: Vec<(String, String)>,
    /// 1-based line in the paste.
    pub line: u64,
}

impl TableRow {
    /// The cell of the column `name` (case-insensitive).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.cells
            .iter()
            .find(|(c, _)| c.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn non_empty(&self, name: &str) -> Option<&str> {
        self.get(name).filter(|v| !v.is_empty())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<TableRow>,
    pub header_line: u64,
}

impl Table {
    pub fn has_column(&self, name: &str) -> bool {
        self.columns.iter().any(|c| c.eq_ignore_ascii_case(name))
    }
}

/// The start (in characters) of each dash run when `text` is a header underline.
pub fn dash_columns(text: &str) -> Option<Vec<usize>> {
    let trimmed = text.trim();
    if trimmed.chars().filter(|&c| c == '-').count() < 3
        || !trimmed.chars().all(|c| c == '-' || c == ' ')
    {
        return None;
    }
    let mut starts = Vec::new();
    let mut previous = ' ';
    for (i, c) in text.chars().enumerate() {
        if c == '-' && previous != '-' {
            starts.push(i);
        }
        previous = c;
    }
    Some(starts)
}

/// Reads `header`, `underline`, rows... (a block without blank lines). `None` when the
/// second line is not an underline.
pub fn read_table(block: &[Line<'_>]) -> Option<Table> {
    let header = block.first()?;
    let starts = dash_columns(block.get(1)?.text)?;
    let columns: Vec<String> = (0..starts.len())
        .map(|i| cell(header.text, &starts, i))
        .collect();
    let mut rows: Vec<TableRow> = Vec::new();
    for l in block.iter().skip(2).filter(|l| !l.text.trim().is_empty()) {
        let cells: Vec<(String, String)> = columns
            .iter()
            .enumerate()
            .map(|(i, name)| (name.clone(), cell(l.text, &starts, i)))
            .collect();
        // `Format-Table -Wrap` (and `ft -AutoSize` of a long last column) go on with the
        // rest of a row's values on the next lines, under their columns, the first column
        // blank (or, when the first column wrapped, only the first column filled): those
        // lines continue the row above, they are no row of their own. A line holding a whole
        // thumbprint is a row whose first column is empty (`ft FriendlyName,Thumbprint,...` of
        // a certificate without a friendly name): a thumbprint never wraps.
        let first_only = cells.len() > 1 && cells.iter().skip(1).all(|(_, v)| v.is_empty());
        let continues = (cells.first().is_some_and(|(_, v)| v.is_empty()) || first_only)
            && !cells
                .iter()
                .any(|(_, v)| super::values::parse_thumbprint(v).is_some());
        if let Some(previous) = rows.last_mut().filter(|_| continues) {
            for ((_, value), (_, more)) in previous.cells.iter_mut().zip(cells) {
                if more.is_empty() {
                    continue;
                }
                if !value.is_empty() {
                    value.push(' ');
                }
                value.push_str(&more);
            }
            continue;
        }
        rows.push(TableRow {
            cells,
            line: l.number,
        });
    }
    Some(Table {
        columns,
        rows,
        header_line: header.number,
    })
}

fn cell(text: &str, starts: &[usize], index: usize) -> String {
    let Some(&start) = starts.get(index) else {
        return String::new();
    };
    let end = starts.get(index + 1).copied().unwrap_or(usize::MAX);
    text.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect::<String>()
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paste::split_lines;

    #[test]
    fn get_queue_default_table() {
        let text = "Identity     DeliveryType Status MessageCount Velocity RiskLevel OutboundIPPool NextHopDomain\n\
--------     ------------ ------ ------------ -------- --------- -------------- -------------\n\
EX01\\3       SmtpRelay... Retry  12           0        Normal    0              contoso-com.mail.protection.outlook.com\n\
EX01\\Submission Undefined Ready 0 0 Normal 0 Submission\n";
        let lines = split_lines(text);
        let t = read_table(&lines[..3]).expect("table");
        assert_eq!(t.columns.len(), 8);
        assert_eq!(t.rows[0].get("Status"), Some("Retry"));
        assert_eq!(t.rows[0].get("messagecount"), Some("12"));
        assert_eq!(
            t.rows[0].get("NextHopDomain"),
            Some("contoso-com.mail.protection.outlook.com")
        );
        assert_eq!(t.rows[0].get("DeliveryType"), Some("SmtpRelay..."));
        assert_eq!(t.rows[0].line, 3);
    }

    #[test]
    fn underline_detection() {
        assert_eq!(
            dash_columns("----------                               -------------"),
            Some(vec![0, 41])
        );
        assert!(dash_columns("- a -").is_none());
        assert!(dash_columns("--").is_none());
    }
}
