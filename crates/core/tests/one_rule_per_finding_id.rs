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
    let files = sources("src/diagnose");
    // Issue 13: the failure catalogue (src/catalogue/mod.rs, `Id::finding_id`) owns its ids;
    // no diagnose module may produce them.
    let catalogue = tlsdoctor_core::catalogue::Id::owned();
    for id in FindingId::ALL {
        let owner = format!("pub const ID: FindingId = FindingId::{id:?};");
        if catalogue.contains(id) {
            assert!(
                !files
                    .iter()
                    .any(|(_, code)| code.contains(&format!("FindingId::{id:?}"))),
                "{id} is the catalogue's"
            );
            continue;
        }
        let owners: Vec<String> = files
            .iter()
            .filter(|(_, code)| code.contains(&owner))
            .map(|(p, _)| p.display().to_string())
            .collect();
        assert_eq!(owners.len(), 1, "{id}: {owners:?}");
        // Nobody else names the variant: other modules use `<owner>::ID`.
        let variant = format!("FindingId::{id:?}");
        let users: Vec<String> = files
            .iter()
            .filter(|(_, code)| code.contains(&variant))
            .map(|(p, _)| p.display().to_string())
            .collect();
        assert_eq!(users, owners, "{id}");
    }
}
