//! A private-key file on its own (`kind: private-key`): PEM (`PRIVATE KEY`, `ENCRYPTED PRIVATE
//! KEY`, `RSA PRIVATE KEY`, `EC PRIVATE KEY`, `DSA PRIVATE KEY`; RFC 7468 §10/§11 and OpenSSL's
//! traditional labels) or DER of the same structures.

use super::{dsa, ec, pkcs8, rsa, PrivateKey};
use crate::error::{Error, Result};
use crate::inspect::InspectedFile;
use crate::pkcs12::kdf::KdfBudget;
use crate::pkcs12::password::{self, PasswordForm};
use crate::report::{FileKind, FileReport, KeyReport};
use crate::x509::pem::{self, BlockKind, PemBlock};

/// Reads a private-key file (PEM or DER; PKCS#8, encrypted PKCS#8, PKCS#1, SEC1).
pub fn inspect_private_key_file(path: &str, bytes: &[u8], passwords: &[String]) -> InspectedFile {
    inspect_private_key_file_in_run(path, bytes, passwords, &mut KdfBudget::per_run())
}

/// [`inspect_private_key_file`] as one file of a run whose key-derivation budget is `run`.
pub fn inspect_private_key_file_in_run(
    path: &str,
    bytes: &[u8],
    passwords: &[String],
    run: &mut KdfBudget,
) -> InspectedFile {
    let mut report = FileReport::new(path, FileKind::PrivateKey);
    let mut key_publics = Vec::new();
    let mut budget = run.for_file();
    let results = read_private_key_results_with(bytes, passwords, &mut budget);
    run.spend(&budget);
    match results {
        Ok(results) => {
            // One bad block does not hide the other keys: it becomes the file's error.
            for result in results {
                match result {
                    Ok(key) => {
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
                    Err(e) if report.error.is_none() => report.error = Some((&e).into()),
                    Err(e) => report.warnings.push(
                        crate::warning::Warning::FurtherError {
                            place: None,
                            error: Box::new(e),
                        }
                        .into(),
                    ),
                }
            }
        }
        Err(e) => report.error = Some((&e).into()),
    }
    InspectedFile {
        report,
        certificate_spkis: Vec::new(),
        key_publics,
    }
}

/// Every private key in the file (PEM blocks via [`crate::x509::pem`], else DER); the first
/// key that cannot be read is the error.
pub fn read_private_keys(bytes: &[u8], passwords: &[String]) -> Result<Vec<PrivateKey>> {
    read_private_key_results(bytes, passwords)?
        .into_iter()
        .collect()
}

/// Each private key of the file, or why that one cannot be read.
pub fn read_private_key_results(
    bytes: &[u8],
    passwords: &[String],
) -> Result<Vec<Result<PrivateKey>>> {
    read_private_key_results_with(bytes, passwords, &mut KdfBudget::per_file())
}

/// [`read_private_key_results`] within `budget`. One key-derivation budget for the whole file,
/// as for PKCS#12: many encrypted keys times many passwords cannot add up to minutes of work.
fn read_private_key_results_with(
    bytes: &[u8],
    passwords: &[String],
    budget: &mut KdfBudget,
) -> Result<Vec<Result<PrivateKey>>> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty);
    }
    if !pem::looks_like_pem(bytes) {
        return Ok(vec![read_der_private_key(bytes, passwords, budget)]);
    }
    let (blocks, _) = pem::parse_blocks(bytes);
    let keys: Vec<Result<PrivateKey>> = blocks
        .iter()
        .filter(|b| BlockKind::of(&b.label) == BlockKind::PrivateKey)
        .map(|b| read_pem_private_key(b, passwords, budget))
        .collect();
    if keys.is_empty() {
        return Err(Error::malformed("the PEM text holds no private key"));
    }
    Ok(keys)
}

fn read_pem_private_key(
    block: &PemBlock,
    passwords: &[String],
    budget: &mut KdfBudget,
) -> Result<PrivateKey> {
    let der = block.der.as_ref().map_err(Clone::clone)?;
    if super::legacy_pem::is_encrypted(block) {
        return super::legacy_pem::decrypt_block(block, passwords, budget);
    }
    match block.label.as_str() {
        "PRIVATE KEY" => pkcs8::parse_private_key_info(der),
        "ENCRYPTED PRIVATE KEY" => decrypt_pkcs8(der, passwords, budget),
        "RSA PRIVATE KEY" => rsa::from_rsa_private_key(der),
        "EC PRIVATE KEY" => ec::from_ec_private_key(der, None),
        "DSA PRIVATE KEY" => dsa::from_traditional(der),
        other => Err(Error::UnsupportedAlgorithm {
            oid: other.to_string(),
            name: Some(format!("{other} (PEM label)")),
        }),
    }
}

/// DER: PKCS#8, then EncryptedPrivateKeyInfo, then PKCS#1 RSA, then SEC1 EC, then DSA.
fn read_der_private_key(
    der: &[u8],
    passwords: &[String],
    budget: &mut KdfBudget,
) -> Result<PrivateKey> {
    let first = pkcs8::parse_private_key_info(der);
    if first.is_ok() {
        return first;
    }
    if pkcs8::parse_encrypted_private_key_info(der).is_ok() {
        return decrypt_pkcs8(der, passwords, budget);
    }
    let rsa = rsa::from_rsa_private_key(der);
    // Nine INTEGERs are a PKCS#1 RSA key: its own error (too large, damaged) is the answer, not
    // what the DSA reader makes of the first six (a huge modulus was once named `DSA-8388608`).
    if rsa.is_err()
        && crate::detect::detect(der) == crate::detect::Detected::PrivateKeyDer("PKCS#1 RSA")
    {
        return rsa;
    }
    rsa.or_else(|_| ec::from_ec_private_key(der, None))
        .or_else(|_| dsa::from_traditional(der))
        .or(first)
}

/// Decrypts an EncryptedPrivateKeyInfo with each candidate password, charging `budget` first.
pub fn decrypt_pkcs8(
    der: &[u8],
    passwords: &[String],
    budget: &mut KdfBudget,
) -> Result<PrivateKey> {
    let info = pkcs8::parse_encrypted_private_key_info(der)?;
    let scheme = info.scheme?;
    let candidates = password::candidates(passwords);
    let distinct = scheme.distinct_candidates(&candidates);
    for (n, candidate) in distinct.iter().enumerate() {
        if let Err(e) = budget.charge(scheme.derivation_work()) {
            if !budget.is_spent() {
                return Err(e);
            }
            // Name what was not tried (by form and position, never the password).
            let tried_inputs: Vec<&[u8]> = distinct[..n]
                .iter()
                .map(|c| scheme.password_input(c))
                .collect();
            let (tried, not_tried) = candidates
                .iter()
                .map(|c| (c.form, tried_inputs.contains(&scheme.password_input(c))))
                .partition::<Vec<_>, _>(|(_, t)| *t);
            return Err(Error::PasswordBudgetExhausted {
                tried: tried.into_iter().map(|(f, _)| f).collect(),
                not_tried: not_tried.into_iter().map(|(f, _)| f).collect(),
                limit: budget.limit(),
                run_wide: budget.is_run_wide(),
            });
        }
        if let Some(plain) = scheme.decrypt(candidate, &info.ciphertext)? {
            if let Ok(key) = pkcs8::parse_private_key_info(&plain) {
                let form = match candidate.form {
                    PasswordForm::Given(_) => return Ok(key),
                    other => other.contract_name(),
                };
                let mut key = key;
                key.note
                    .get_or_insert_with(|| format!("Decrypted with the empty password ({form})."));
                return Ok(key);
            }
        }
    }
    // No MAC protects an encrypted key: with the only password given, a wrong password and a
    // damaged key (a flipped byte fails the padding or the structure) look the same.
    let forms_tried = password::describe_forms(passwords);
    Err(if password::only_one_given(passwords) {
        Error::WrongPasswordOrDamaged {
            forms_tried,
            what: "the encrypted private key".into(),
        }
    } else {
        Error::WrongPassword { forms_tried }
    })
}
