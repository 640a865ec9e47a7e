//! Key ↔ certificate matching, by public key only (never by localKeyID alone): two keys are the
//! same pair when their canonical [`PublicKeyId`]s are equal (RSA modulus and exponent, EC curve
//! and uncompressed point, DSA y, EdDSA public key). localKeyID only breaks ties between
//! certificates that share the public key (the same certificate stored twice).

use super::PublicKeyId;
use crate::report::{CertificateReport, KeyReport};

/// Result of [`match_keys`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matches {
    /// For each key, the certificate it matches.
    pub key_to_certificate: Vec<Option<usize>>,
    /// For each certificate, whether some key matches it.
    pub certificate_has_key: Vec<bool>,
}

/// Matches keys to certificates. `*_local_ids` are the localKeyID attributes (any comparable form).
pub fn match_keys(
    certificate_ids: &[Option<PublicKeyId>],
    certificate_local_ids: &[Option<&str>],
    key_ids: &[Option<PublicKeyId>],
    key_local_ids: &[Option<&str>],
) -> Matches {
    let mut certificate_has_key = vec![false; certificate_ids.len()];
    let mut key_to_certificate = Vec::with_capacity(key_ids.len());
    for (k, key_id) in key_ids.iter().enumerate() {
        let Some(key_id) = key_id else {
            key_to_certificate.push(None);
            continue;
        };
        let candidates: Vec<usize> = certificate_ids
            .iter()
            .enumerate()
            .filter(|(_, c)| c.as_ref() == Some(key_id))
            .map(|(i, _)| i)
            .collect();
        for &c in &candidates {
            certificate_has_key[c] = true;
        }
        let key_local = key_local_ids.get(k).copied().flatten();
        let preferred = candidates
            .iter()
            .copied()
            .find(|&c| {
                key_local.is_some() && certificate_local_ids.get(c).copied().flatten() == key_local
            })
            .or_else(|| candidates.first().copied());
        key_to_certificate.push(preferred);
    }
    Matches {
        key_to_certificate,
        certificate_has_key,
    }
}

/// Applies [`match_keys`] to contract reports: sets `has_private_key`, `matches_thumbprint`
/// and a `match_note` for keys that match nothing. `certificate_ids` is parallel to `certificates`.
pub fn apply(
    certificates: &mut [CertificateReport],
    certificate_ids: &[Option<PublicKeyId>],
    keys: &mut [KeyReport],
    key_ids: &[Option<PublicKeyId>],
) {
    let cert_local: Vec<Option<&str>> = certificates
        .iter()
        .map(|c| c.local_key_id.as_deref())
        .collect();
    let key_local: Vec<Option<&str>> = keys.iter().map(|k| k.local_key_id.as_deref()).collect();
    let m = match_keys(certificate_ids, &cert_local, key_ids, &key_local);
    for (i, has) in m.certificate_has_key.iter().enumerate() {
        if *has {
            if let Some(c) = certificates.get_mut(i) {
                c.has_private_key = true;
            }
        }
    }
    for (k, matched) in m.key_to_certificate.iter().enumerate() {
        let Some(key) = keys.get_mut(k) else { continue };
        match matched.and_then(|c| certificates.get(c)) {
            Some(cert) => key.matches_thumbprint = Some(cert.thumbprint.clone()),
            None if key_ids.get(k).is_some_and(Option::is_some) && key.match_note.is_none() => {
                key.match_note = Some("No certificate given has this key's public key.".into());
            }
            None => {}
        }
    }
}

/// A DSA certificate may inherit p, q and g from its issuer (RFC 3279 §2.3.2, no parameters in its
/// SubjectPublicKeyInfo). A key matched to it was compared by y alone; say so in `match_note`.
pub fn note_inherited_dsa_parameters(
    certificates: &[CertificateReport],
    certificate_spkis: &[Vec<u8>],
    keys: &mut [KeyReport],
) {
    for key in keys.iter_mut() {
        let Some(thumbprint) = key.matches_thumbprint.as_deref() else {
            continue;
        };
        // A DSA key without parameters is described as plain `DSA` (x509::spki::describe).
        let inherited = certificates
            .iter()
            .zip(certificate_spkis)
            .find(|(c, _)| c.thumbprint == thumbprint)
            .is_some_and(|(_, spki)| crate::x509::spki::describe(spki) == "DSA");
        if inherited && key.match_note.is_none() {
            key.match_note = Some(
                "Matched by the DSA public value y; the certificate inherits p, q and g from its issuer, so those were not compared.".into(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rsa(n: u8) -> Option<PublicKeyId> {
        Some(PublicKeyId::Rsa {
            modulus: vec![n; 4],
            exponent: vec![1, 0, 1],
        })
    }

    #[test]
    fn by_public_key_not_local_key_id() {
        // Key 0 shares localKeyID "01" with cert 0 but the public key of cert 1.
        let m = match_keys(
            &[rsa(1), rsa(2)],
            &[Some("01"), None],
            &[rsa(2)],
            &[Some("01")],
        );
        assert_eq!(m.key_to_certificate, vec![Some(1)]);
        assert_eq!(m.certificate_has_key, vec![false, true]);
    }

    #[test]
    fn same_certificate_twice_prefers_local_key_id() {
        let m = match_keys(
            &[rsa(1), rsa(1)],
            &[Some("01"), Some("02")],
            &[rsa(1), rsa(1)],
            &[Some("01"), Some("02")],
        );
        assert_eq!(m.key_to_certificate, vec![Some(0), Some(1)]);
        assert_eq!(m.certificate_has_key, vec![true, true]);
    }

    #[test]
    fn unknown_public_matches_nothing() {
        let m = match_keys(&[rsa(1)], &[None], &[None], &[None]);
        assert_eq!(m.key_to_certificate, vec![None]);
        assert_eq!(m.certificate_has_key, vec![false]);
    }
}
