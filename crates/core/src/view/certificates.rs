//! Certificate cards: one per distinct thumbprint, whichever files it came from, with what
//! the files say about its private key.

use serde::{Deserialize, Serialize};

use crate::report::{CertificateReport, FileReport};

/// What the files say about a certificate's private key.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum KeyState {
    /// A key in one of the files matches this certificate.
    Matches,
    /// A file holding this certificate also holds a key, but it matches no certificate here.
    Mismatch,
    /// The file holds an encrypted key that stayed locked (no or a wrong pass phrase), likely
    /// this certificate's.
    Locked,
    /// No key.
    Absent,
}

/// One card: the certificate as first seen, every file it appears in, and its key state.
#[derive(Clone, PartialEq, Debug, Serialize, Deserialize)]
pub struct CertCard {
    pub cert: CertificateReport,
    pub files: Vec<String>,
    pub key: KeyState,
}

/// Groups the report's certificates by thumbprint, in order of first appearance.
pub fn cards(files: &[FileReport]) -> Vec<CertCard> {
    let mut cards: Vec<CertCard> = Vec::new();
    for file in files {
        for cert in &file.certificates {
            let key = if cert.has_private_key || cert.matching_key_file.is_some() {
                KeyState::Matches
            } else if !file.keys.is_empty()
                && file
                    .keys
                    .iter()
                    .all(|k| k.matches_thumbprint.as_deref() != Some(cert.thumbprint.as_str()))
                && file.keys.iter().any(|k| k.matches_thumbprint.is_none())
            {
                KeyState::Mismatch
            } else if cert.private_key_locked {
                KeyState::Locked
            } else {
                KeyState::Absent
            };
            match cards
                .iter_mut()
                .find(|c| c.cert.thumbprint == cert.thumbprint)
            {
                Some(card) => {
                    if !card.files.contains(&file.path) {
                        card.files.push(file.path.clone());
                    }
                    card.key = match (card.key, key) {
                        (KeyState::Matches, _) | (_, KeyState::Matches) => KeyState::Matches,
                        (KeyState::Mismatch, _) | (_, KeyState::Mismatch) => KeyState::Mismatch,
                        (KeyState::Locked, _) | (_, KeyState::Locked) => KeyState::Locked,
                        _ => KeyState::Absent,
                    };
                }
                None => cards.push(CertCard {
                    cert: cert.clone(),
                    files: vec![file.path.clone()],
                    key,
                }),
            }
        }
    }
    cards
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::KeyReport;

    fn cert(thumbprint: &str, has_private_key: bool) -> CertificateReport {
        let mut value = serde_json::json!({
            "thumbprint": thumbprint, "sha256": "", "subject": "CN=a", "issuer": "CN=b", "subject_rfc4514": "",
            "issuer_rfc4514": "", "serial_number": "01", "not_before": "2024-01-01T00:00:00Z",
            "not_after": "2025-01-01T00:00:00Z", "public_key": "RSA-2048", "signature_algorithm_oid": "",
            "dns_names": [], "has_private_key": false, "friendly_name": null, "local_key_id": null,
            "tls_certificate_name": "<I>CN=b<S>CN=a"
        });
        value["has_private_key"] = serde_json::json!(has_private_key);
        serde_json::from_value(value).unwrap()
    }

    fn file(
        path: &str,
        kind: &str,
        certs: Vec<CertificateReport>,
        keys: Vec<Option<&str>>,
    ) -> FileReport {
        let keys: Vec<KeyReport> = keys
            .into_iter()
            .map(|m| serde_json::from_value(serde_json::json!({"type": "RSA-2048", "matches_thumbprint": m, "friendly_name": null, "local_key_id": null})).unwrap())
            .collect();
        serde_json::from_value(serde_json::json!({
            "path": path, "kind": kind, "error": null, "certificates": certs, "keys": keys, "pkcs12": null
        }))
        .unwrap()
    }

    #[test]
    fn one_card_per_thumbprint_with_every_file_and_the_best_key_state() {
        let files = vec![
            file("a.cer", "x509-cert", vec![cert("AA", false)], vec![]),
            file("a.pfx", "pkcs12", vec![cert("AA", true)], vec![Some("AA")]),
            file("b.pfx", "pkcs12", vec![cert("BB", false)], vec![None]),
            file("c.cer", "x509-cert", vec![cert("CC", false)], vec![]),
        ];
        let cards = cards(&files);
        let summary: Vec<(&str, Vec<String>, KeyState)> = cards
            .iter()
            .map(|c| (c.cert.thumbprint.as_str(), c.files.clone(), c.key))
            .collect();
        assert_eq!(
            summary,
            vec![
                (
                    "AA",
                    vec!["a.cer".to_owned(), "a.pfx".to_owned()],
                    KeyState::Matches
                ),
                ("BB", vec!["b.pfx".to_owned()], KeyState::Mismatch),
                ("CC", vec!["c.cer".to_owned()], KeyState::Absent),
            ]
        );
    }
}
