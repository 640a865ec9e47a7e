//! A private-key file on its own (`kind: private-key`): PEM (`PRIVATE KEY`, `ENCRYPTED PRIVATE
//! KEY`, `RSA PRIVATE KEY`, `EC PRIVATE KEY`, `DSA PRIVATE KEY`; RFC 7468 §10/§11 and OpenSSL's
//! traditional labels) or DER of the same structures.

use super::{dsa, ec, pkcs8, rsa, PrivateKey};
use crate::error::{Error, Result};
use crate::inspect::InspectedFile;
use crate::pkcs12::password::{self, PasswordForm};
use crate::report::{FileKind, FileReport, KeyReport};

/// Reads a private-key file (PEM or DER; PKCS#8, encrypted PKCS#8, PKCS#1, SEC1).
pub fn inspect_private_key_file(path: &str, bytes: &[u8], passwords: &[String]) -> InspectedFile {
    let mut report = FileReport::new(path, FileKind::PrivateKey);
    let mut key_publics = Vec::new();
    match read_private_keys(bytes, passwords) {
        Ok(keys) => {
            for key in keys {
                report.keys.push(KeyReport {
                    key_type: key.key_type,
                    matches_thumbprint: None,
                    friendly_name: None,
                    local_key_id: None,
                    csp_name: None,
                    match_note: key.note,
                });
                key_publics.push(key.public);
            }
        }
        Err(e) => report.error = Some((&e).into()),
    }
    InspectedFile { report, certificate_spkis: Vec::new(), key_publics }
}

/// Every private key in the file.
pub fn read_private_keys(bytes: &[u8], passwords: &[String]) -> Result<Vec<PrivateKey>> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty);
    }
    let blocks = crate::keys::file::pem_private_key_blocks(bytes)?;
    if blocks.is_empty() {
        return Ok(vec![read_der_private_key(bytes, passwords)?]);
    }
    blocks
        .iter()
        .map(|b| match b.label.as_str() {
            _ if b.encrypted_headers => Err(Error::UnsupportedAlgorithm {
                oid: "DEK-Info".into(),
                name: Some("OpenSSL's legacy PEM encryption (Proc-Type: 4,ENCRYPTED)".into()),
            }),
            "PRIVATE KEY" => pkcs8::parse_private_key_info(&b.der),
            "ENCRYPTED PRIVATE KEY" => decrypt_pkcs8(&b.der, passwords),
            "RSA PRIVATE KEY" => rsa::from_rsa_private_key(&b.der),
            "EC PRIVATE KEY" => ec::from_ec_private_key(&b.der, None),
            "DSA PRIVATE KEY" => dsa::from_traditional(&b.der),
            other => Err(Error::malformed(format!("unexpected PEM block \"{other}\""))),
        })
        .collect()
}

/// DER: PKCS#8, then EncryptedPrivateKeyInfo, then PKCS#1 RSA, then SEC1 EC, then DSA.
fn read_der_private_key(der: &[u8], passwords: &[String]) -> Result<PrivateKey> {
    let first = pkcs8::parse_private_key_info(der);
    if first.is_ok() {
        return first;
    }
    if pkcs8::parse_encrypted_private_key_info(der).is_ok() {
        return decrypt_pkcs8(der, passwords);
    }
    rsa::from_rsa_private_key(der)
        .or_else(|_| ec::from_ec_private_key(der, None))
        .or_else(|_| dsa::from_traditional(der))
        .or(first)
}

/// Decrypts an EncryptedPrivateKeyInfo with each candidate password.
pub fn decrypt_pkcs8(der: &[u8], passwords: &[String]) -> Result<PrivateKey> {
    let info = pkcs8::parse_encrypted_private_key_info(der)?;
    let scheme = info.scheme?;
    for candidate in password::candidates(passwords) {
        if let Some(plain) = scheme.decrypt(&candidate, &info.ciphertext)? {
            if let Ok(key) = pkcs8::parse_private_key_info(&plain) {
                let form = match candidate.form {
                    PasswordForm::Given(_) => return Ok(key),
                    other => other.contract_name(),
                };
                let mut key = key;
                key.note.get_or_insert_with(|| format!("Decrypted with the empty password ({form})."));
                return Ok(key);
            }
        }
    }
    Err(Error::WrongPassword { forms_tried: password::describe_forms(passwords) })
}

/// One PEM block holding a private key.
pub struct PemKeyBlock {
    pub label: String,
    pub der: Vec<u8>,
    /// RFC 1421 headers announcing legacy encryption.
    pub encrypted_headers: bool,
}

/// The `... PRIVATE KEY` PEM blocks of a text (RFC 7468 §2). Empty when the input is not PEM.
// TRANSIENT minimal reader until `x509::pem` lands on main; then this defers to it.
pub fn pem_private_key_blocks(bytes: &[u8]) -> Result<Vec<PemKeyBlock>> {
    use base64::Engine;
    let Ok(text) = std::str::from_utf8(bytes) else { return Ok(Vec::new()) };
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("-----BEGIN ") {
        let after = &rest[start + 11..];
        let Some(label_end) = after.find("-----") else { break };
        let label = after[..label_end].to_string();
        let body_start = &after[label_end + 5..];
        let end_marker = format!("-----END {label}-----");
        let Some(end) = body_start.find(&end_marker) else {
            return Err(Error::truncated(format!("PEM block \"{label}\" has no END line")));
        };
        let body = &body_start[..end];
        rest = &body_start[end + end_marker.len()..];
        if !label.ends_with("PRIVATE KEY") {
            continue;
        }
        let encrypted_headers = body.contains("Proc-Type:") && body.contains("ENCRYPTED");
        let b64: String = body
            .lines()
            .filter(|l| !l.contains(':'))
            .flat_map(|l| l.chars())
            .filter(|c| !c.is_whitespace())
            .collect();
        let der = base64::engine::general_purpose::STANDARD
            .decode(b64.as_bytes())
            .map_err(|_| Error::malformed(format!("PEM block \"{label}\" is not valid base64")))?;
        out.push(PemKeyBlock { label, der, encrypted_headers });
    }
    Ok(out)
}
