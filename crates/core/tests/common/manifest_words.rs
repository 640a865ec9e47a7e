//! MANIFEST.tsv's wording for PKCS#12 facts, turned into tlsdoctor's report values. Plain
//! functions with no dependencies, so the CLI's tests include this file too
//! (`#[path]` in `crates/cli/tests/manifest_pkcs12_cli.rs`).

/// MANIFEST's `cert_encryption` / `key_encryption` wording → our `encryption` labels.
pub fn encryption_label(manifest: &str) -> String {
    if manifest.starts_with("none") {
        return "none".into();
    }
    let parts: Vec<&str> = manifest
        .split(", ")
        .filter(|p| !p.starts_with("Iteration"))
        .collect();
    if parts[0] == "PBES2" {
        // "PBES2, PBKDF2, AES-128-CBC, PRF hmacWithSHA256"
        let prf = parts
            .iter()
            .find_map(|p| p.strip_prefix("PRF "))
            .unwrap_or("hmacWithSHA1");
        return format!("PBES2 PBKDF2 {prf} {}", parts[2]);
    }
    parts[0].to_string()
}
