//! Issue 12: every finding id string is written once (crates/core/src/ids.rs) and every id is
//! owned by exactly one rule module of `diagnose::RULES` (its `pub const ID`). Reads the
//! source tree, so a second module producing an id, or a string compared across modules,
//! fails here.

use std::path::{Path, PathBuf};

use tlsdoctor_core::ids::FindingId;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The source of a file without its `#[cfg(test)] mod tests` part and test-only files.
fn sources(dir: &str) -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &mut files);
    files
        .into_iter()
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            !name.ends_with("tests.rs") && name != "fuzz_entry.rs"
        })
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let code = match text.find("#[cfg(test)]") {
                Some(at) => text[..at].to_string(),
                None => text,
            };
            (p, code)
        })
        .collect()
}

#[test]
fn each_finding_id_string_is_written_once() {
    let files = sources("src");
    for id in FindingId::ALL {
        let quoted = format!("\"{}\"", id.as_str());
        let places: Vec<String> = files
            .iter()
            .filter(|(_, code)| code.contains(&quoted))
            .map(|(p, _)| p.display().to_string())
            .collect();
        assert_eq!(places.len(), 1, "{id}: {places:?}");
        assert!(places[0].ends_with("ids.rs"), "{id}: {places:?}");
    }
}

#[test]
fn each_finding_id_has_exactly_one_rule_module() {
    // No exception: the failure catalogue's rows are rule modules of `diagnose` too.
    let rules = sources("src/diagnose");
    let everything = sources("src");
    for id in FindingId::ALL {
        let owner = format!("pub const ID: FindingId = FindingId::{id:?};");
        let owners: Vec<String> = rules
            .iter()
            .filter(|(_, code)| code.contains(&owner))
            .map(|(p, _)| p.display().to_string())
            .collect();
        assert_eq!(owners.len(), 1, "{id}: {owners:?}");
        // Nobody else in the crate names the variant: other modules use `<owner>::ID`.
        let variant = format!("FindingId::{id:?}");
        let users: Vec<String> = everything
            .iter()
            .filter(|(_, code)| {
                // `FindingId::X`, not the start of a longer variant `FindingId::XY`
                code.match_indices(&variant).any(|(at, _)| {
                    !code[at + variant.len()..]
                        .starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
                })
            })
            .map(|(p, _)| p.display().to_string())
            .collect();
        assert_eq!(users, owners, "{id}");
    }
}

/// Every rule module of `src/diagnose` (a file with `pub const ID`) is in the one rule table
/// (or is one of the two summary rules `diagnose()` runs after it).
#[test]
fn every_rule_module_is_in_the_rule_table() {
    let rules = sources("src/diagnose");
    // The whole of mod.rs (its `#[cfg(test)] mod paste_tests;` comes before the table).
    let table =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/diagnose/mod.rs"))
            .unwrap();
    let mut modules = 0;
    for (path, code) in &rules {
        if !code.contains("pub const ID: FindingId = FindingId::") {
            continue;
        }
        modules += 1;
        let name = path.file_stem().unwrap().to_string_lossy();
        assert!(
            table.contains(&format!("    {name}::check,"))
                || table.contains(&format!("    {name}::check(&cx, &mut findings);")),
            "{name} is not in diagnose::RULES"
        );
    }
    assert_eq!(modules, FindingId::ALL.len());
}
