//! `Get-ExchangeCertificate | Export-Csv`, `Get-SendConnector | Export-Csv`, `Get-Queue |
//! Export-Csv` ([`crate::grammar::csv`]): each record becomes a [`ListObject`] of its
//! header's names and its values, read by the same readers as `Format-List` output. A value
//! that is a type's name (`System.Collections.ArrayList`: how Export-Csv writes a multi-valued
//! property such as `CertificateDomains` or `AddressSpaces`) is left out: the property is then
//! not shown, never read as a one-item list.

use super::format_list::{ListField, ListObject};
use super::Line;
use crate::grammar::csv as grammar;
use crate::limits::MAX_PASTE_VALUE_CHARS;

/// The most columns a header may have (Get-ExchangeCertificate has about 40 properties,
/// Get-SendConnector about 60).
const MAX_COLUMNS: usize = 512;

/// A CSV block at `start` (its header line, maybe after a `#TYPE` line): the objects of its
/// records and the end (exclusive) of the block, which stops at the first line that is not
/// a record of as many fields as the header. `None` when no header is here.
pub fn read_block(lines: &[Line<'_>], start: usize) -> Option<(Vec<ListObject>, usize)> {
    let (delimiter, names) = grammar::header(lines.get(start)?.text)?;
    let mut objects = Vec::new();
    let mut end = start + 1;
    while let Some(line) = lines.get(end) {
        let Some(values) =
            grammar::record(line.text, delimiter, MAX_COLUMNS).filter(|v| v.len() == names.len())
        else {
            break;
        };
        let fields = names
            .iter()
            .zip(values)
            .filter(|(_, v)| !grammar::is_type_name(v))
            .map(|(name, value)| ListField {
                name: name.clone(),
                capped: value.chars().nth(MAX_PASTE_VALUE_CHARS).is_some(),
                value: value.trim().chars().take(MAX_PASTE_VALUE_CHARS).collect(),
                line: line.number,
            })
            .collect();
        objects.push(ListObject {
            fields,
            first_line: line.number,
            last_line: line.number,
        });
        end += 1;
    }
    Some((objects, end))
}
