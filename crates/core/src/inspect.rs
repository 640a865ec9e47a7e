//! Detect a file's kind from its bytes and report what it holds (contract: `inspect`).
//!
//! [`inspect_one`] reads one file; [`inspect_all`] reads many and then matches private keys in one
//! file against certificates in the others (by public key, [`crate::keys::public_key_id_from_spki`]).
//! A file that cannot be read gets a named error in its own entry; the others are still reported.

use crate::asn1::{self, Rules};
use crate::detect::{detect, Detected};
use crate::error::Error;
use crate::keys::PublicKeyId;
use crate::pkcs12::kdf::KdfBudget;
use crate::report::{ErrorReport, FileKind, FileReport};
use crate::warning::{Place, Warning, WarningReport};
use crate::x509::certificate::{read_certificate, ParsedCertificate};
use crate::x509::pem::{self, BlockKind};
use crate::x509::pkcs7;

/// One file after inspection: the contract report plus what cross-file key matching needs.
#[derive(Debug, Clone)]
pub struct InspectedFile {
    pub report: FileReport,
    /// SubjectPublicKeyInfo DER of each certificate, parallel to `report.certificates`.
    pub certificate_spkis: Vec<Vec<u8>>,
    /// Public half of each private key, parallel to `report.keys` (`None` when it cannot be derived).
    pub key_publics: Vec<Option<PublicKeyId>>,
}

impl InspectedFile {
    fn new(path: &str, kind: FileKind) -> Self {
        InspectedFile {
            report: FileReport::new(path, kind),
            certificate_spkis: Vec::new(),
            key_publics: Vec::new(),
        }
    }

    fn with_error(path: &str, kind: FileKind, error: &Error) -> Self {
        let mut file = InspectedFile::new(path, kind);
        file.report.error = Some(ErrorReport::from(error));
        file
    }

    fn push_certificate(&mut self, certificate: ParsedCertificate) {
        self.report.certificates.push(certificate.report);
        self.certificate_spkis.push(certificate.spki_der);
    }

    /// Sets the file error unless one is set already (the first failure is the one reported;
    /// a later one becomes a warning).
    fn set_error_once(&mut self, error: &Error, place: Option<Place>) {
        if self.report.error.is_none() {
            self.report.error = Some(ErrorReport::at(error, place));
        } else {
            self.warn(Warning::FurtherError {
                place,
                error: Box::new(error.clone()),
            });
        }
    }

    fn warn(&mut self, warning: Warning) {
        self.report.warnings.push(warning.into());
    }
}

/// Reads one file. Never panics; problems become the file's `error` or `warnings`.
pub fn inspect_one(path: &str, bytes: &[u8], passwords: &[String]) -> InspectedFile {
    inspect_one_in_run(path, bytes, passwords, &mut KdfBudget::per_run())
}

/// [`inspect_one`] as one file of a run: password tries (PKCS#12, encrypted keys) are charged to
/// the run's key-derivation budget `run`, shared by all its files.
pub fn inspect_one_in_run(
    path: &str,
    bytes: &[u8],
    passwords: &[String],
    run: &mut KdfBudget,
) -> InspectedFile {
    let utf8 = crate::detect::utf16_text_as_utf8(bytes);
    let bytes = utf8.as_deref().unwrap_or(bytes);
    // A PEM quoted in an e-mail reply: read without the `> ` marks.
    if let Some(unquoted) = crate::detect::unquoted_reply(bytes) {
        let mut file = inspect_one_in_run(path, &unquoted, passwords, run);
        file.warn(Warning::QuotedReplyUnquoted);
        if utf8.is_some() {
            file.warn(Warning::Utf16ReadAsUtf8);
        }
        return file;
    }
    let mut file = match detect(bytes) {
        Detected::Empty => InspectedFile::with_error(path, FileKind::Unknown, &Error::Empty),
        Detected::TooLarge => InspectedFile::with_error(
            path,
            FileKind::Unknown,
            &Error::TooLarge {
                what: "The file".into(),
                limit: crate::limits::MAX_CERT_FILE_BYTES,
            },
        ),
        Detected::TruncatedDer { expected, actual } => InspectedFile::with_error(
            path,
            FileKind::Unknown,
            &Error::TruncatedFile { expected, actual },
        ),
        Detected::X509Der => inspect_der_certificate(path, bytes),
        Detected::Pem => inspect_pem(path, bytes, passwords, run),
        Detected::Pkcs7Der => {
            let mut file = InspectedFile::new(path, FileKind::Pkcs7Certs);
            add_pkcs7(&mut file, bytes, None);
            file
        }
        Detected::Pkcs12 => crate::pkcs12::inspect_pkcs12_in_run(path, bytes, passwords, run),
        Detected::PrivateKeyDer(_) => {
            crate::keys::inspect_private_key_file_in_run(path, bytes, passwords, run)
        }
        Detected::ProtocolLog => {
            let mut file = InspectedFile::new(path, FileKind::ProtocolLog);
            file.report.warnings.push(Warning::ProtocolLog.into());
            file
        }
        Detected::ExchangeLog(log_type) => {
            let mut file = InspectedFile::new(path, FileKind::ExchangeLog);
            file.warn(Warning::ExchangeLogWithoutTls);
            file.report.log_type = Some(log_type);
            file
        }
        Detected::NotACertificate(what) => {
            let mut file = InspectedFile::with_error(
                path,
                FileKind::NotACertificate,
                &Error::NotACertificate { what },
            );
            // A CSR says what it asks for (the CA's answer completes it).
            file.report.certificate_request = crate::x509::csr::read_request(bytes).ok();
            file
        }
        Detected::Unknown(what) => match crate::detect::bare_base64(bytes) {
            Some(decoded) => {
                let mut file = inspect_one_in_run(path, &decoded, passwords, run);
                file.warn(Warning::BareBase64);
                file
            }
            None => {
                // A certificate printed as text is known for what it is.
                let kind = match what {
                    crate::error::Unrecognised::CertificateText { .. } => FileKind::NotACertificate,
                    _ => FileKind::Unknown,
                };
                InspectedFile::with_error(path, kind, &Error::NotRecognised(what))
            }
        },
    };
    if utf8.is_some() {
        file.warn(Warning::Utf16ReadAsUtf8);
    }
    // A PFX whose password did not open it, but whose certificates were stored unencrypted (a
    // no-MAC export): its key is most likely in the part that stayed locked.
    let locked = file.report.error.as_ref().is_some_and(|e| {
        matches!(
            e.code,
            crate::ids::ErrorCode::WrongPassword | crate::ids::ErrorCode::PasswordBudgetExhausted
        )
    });
    if file.report.kind == FileKind::Pkcs12 && locked && file.report.keys.is_empty() {
        mark_locked_key(&mut file, &[]);
    }
    match_keys_within(&mut file);
    file
}

fn inspect_der_certificate(path: &str, bytes: &[u8]) -> InspectedFile {
    let mut file = InspectedFile::new(path, FileKind::X509Cert);
    match asn1::parse(bytes, Rules::Ber) {
        Ok((element, mut trailing)) => {
            // `copy /b a.cer+b.cer` or `cat`: more DER certificates after the first are read too
            // (Windows itself shows only the first), so a chain's other members are not lost.
            let mut more = Vec::new();
            while more.len() < crate::limits::MAX_CERTS_PER_FILE
                && crate::detect::detect_der(trailing) == Some(Detected::X509Der)
            {
                match asn1::parse(trailing, Rules::Ber) {
                    Ok((next, rest)) => {
                        more.push(next.raw);
                        trailing = rest;
                    }
                    Err(e) => {
                        let index = more.len() + 2;
                        file.set_error_once(&e, Some(Place::DerCertificate { index }));
                        trailing = &[];
                    }
                }
            }
            if !more.is_empty() {
                file.warn(Warning::DerCertificatesConcatenated {
                    count: more.len() + 1,
                });
            }
            if !trailing.is_empty() {
                file.warn(Warning::TrailingBytesAfterCertificate {
                    count: trailing.len(),
                });
            }
            match read_certificate(element.raw) {
                Ok(certificate) => file.push_certificate(certificate),
                Err(e) => file.set_error_once(&e, None),
            }
            for (index, raw) in more.into_iter().enumerate() {
                match read_certificate(raw) {
                    Ok(certificate) => file.push_certificate(certificate),
                    Err(e) => {
                        file.set_error_once(&e, Some(Place::DerCertificate { index: index + 2 }))
                    }
                }
            }
        }
        Err(e) => file.set_error_once(&e, None),
    }
    file
}

/// The certificates of the PKCS#7 bag `bytes`, found at `place` in the file (`None`: the file).
fn add_pkcs7(file: &mut InspectedFile, bytes: &[u8], place: Option<Place>) {
    match pkcs7::read_certificates(bytes) {
        Ok(bag) => {
            for warning in bag.warnings {
                file.warn(warning);
            }
            for (index, raw) in bag.certificates.iter().enumerate() {
                match read_certificate(raw) {
                    Ok(certificate) => file.push_certificate(certificate),
                    Err(e) => file.set_error_once(
                        &e,
                        Some(Place::Pkcs7Certificate {
                            within: place.clone().map(Box::new),
                            index: index + 1,
                        }),
                    ),
                }
            }
            if let Some(e) = bag.cut_short {
                file.set_error_once(&e, place);
            }
        }
        Err(e) => file.set_error_once(&e, place),
    }
}

fn inspect_pem(
    path: &str,
    bytes: &[u8],
    passwords: &[String],
    run: &mut KdfBudget,
) -> InspectedFile {
    let (blocks, cut_off) = pem::parse_blocks(bytes);
    // `certutil -encode` puts a CERTIFICATE label on whatever file it encodes: a single such block
    // holding a PFX, a key, a CSR or a CRL is read as that file.
    if let [block] = blocks.as_slice() {
        if let (BlockKind::Certificate, Ok(der)) = (BlockKind::of(&block.label), &block.der) {
            let what = match crate::detect::detect_der(der) {
                Some(Detected::Pkcs12) => Some("a PKCS#12 (PFX) file".to_string()),
                Some(Detected::PrivateKeyDer(format)) => Some(format!("a {format} private key")),
                Some(Detected::NotACertificate(what)) => Some(what),
                // `certutil -encode` run on a .cer that was Base64 already.
                None if pem::looks_like_pem(der) => Some("PEM text (Base64 encoded twice)".into()),
                _ => None,
            };
            if let Some(what) = what {
                let mut file = inspect_one_in_run(path, der, passwords, run);
                file.warn(Warning::OtherFileUnderCertificateLabel {
                    place: Place::PemBlock {
                        index: 1,
                        label: block.label.clone(),
                        line: block.line,
                    },
                    what,
                });
                return file;
            }
        }
    }
    let count = |kind: BlockKind| {
        blocks
            .iter()
            .filter(|b| BlockKind::of(&b.label) == kind)
            .count()
    };
    let certificates = count(BlockKind::Certificate) + count(BlockKind::TrustedCertificate);
    let bags = count(BlockKind::Pkcs7);
    let keys = count(BlockKind::PrivateKey);

    if certificates == 0 && bags == 0 {
        if keys > 0 {
            return crate::keys::inspect_private_key_file_in_run(path, bytes, passwords, run);
        }
        let what = blocks.iter().find_map(|b| match BlockKind::of(&b.label) {
            BlockKind::CertificateRequest => {
                Some("a certificate signing request (CSR, PKCS#10)".to_string())
            }
            BlockKind::Crl => Some("a certificate revocation list (CRL)".to_string()),
            BlockKind::PublicKey => Some("a public key only (no certificate)".to_string()),
            _ => None,
        });
        return match what {
            Some(what) => {
                let mut file = InspectedFile::with_error(
                    path,
                    FileKind::NotACertificate,
                    &Error::NotACertificate { what },
                );
                file.report.certificate_request = blocks
                    .iter()
                    .filter(|b| BlockKind::of(&b.label) == BlockKind::CertificateRequest)
                    .find_map(|b| b.der.as_ref().ok())
                    .and_then(|der| crate::x509::csr::read_request(der).ok());
                file
            }
            None => {
                let labels: Vec<&str> = blocks.iter().map(|b| b.label.as_str()).collect();
                let what = format!(
                    "PEM text whose blocks ({}) hold no certificate",
                    labels.join(", ")
                );
                InspectedFile::with_error(path, FileKind::Unknown, &Error::NotACertificate { what })
            }
        };
    }

    // A CERTIFICATE label over PKCS#7 contents (Microsoft CA's certnew.p7b) counts as a bag.
    let plain_certificates = blocks
        .iter()
        .filter(|b| {
            matches!(
                BlockKind::of(&b.label),
                BlockKind::Certificate | BlockKind::TrustedCertificate
            )
        })
        .filter(|b| {
            b.der.as_ref().map_or(true, |der| {
                pkcs7::content_info_type(der).as_deref() != Some(crate::asn1::oid::SIGNED_DATA)
            })
        })
        .count();
    let kind = if plain_certificates > 0 {
        FileKind::X509Cert
    } else {
        FileKind::Pkcs7Certs
    };
    let mut file = InspectedFile::new(path, kind);
    if cut_off {
        // The first blocks are still reported; the error says the rest was not read.
        let limit = crate::limits::MAX_CERTS_PER_FILE as u64;
        file.set_error_once(
            &Error::TooLarge {
                what: "The number of PEM blocks".into(),
                limit,
            },
            None,
        );
    }
    for (index, block) in blocks.iter().enumerate() {
        let place = Place::PemBlock {
            index: index + 1,
            label: block.label.clone(),
            line: block.line,
        };
        let kind = BlockKind::of(&block.label);
        match kind {
            BlockKind::Certificate | BlockKind::TrustedCertificate | BlockKind::Pkcs7 => {}
            BlockKind::PrivateKey => continue,
            _ => {
                file.warn(Warning::PemBlockIgnored { place });
                continue;
            }
        }
        let der_bytes = match &block.der {
            Ok(der_bytes) => der_bytes,
            Err(e) => {
                file.set_error_once(e, Some(place));
                continue;
            }
        };
        let pkcs7_under_certificate_label = kind == BlockKind::Certificate
            && pkcs7::content_info_type(der_bytes).as_deref()
                == Some(crate::asn1::oid::SIGNED_DATA);
        if pkcs7_under_certificate_label {
            file.warn(Warning::Pkcs7UnderCertificateLabel {
                place: place.clone(),
            });
            add_pkcs7(&mut file, der_bytes, Some(place));
            continue;
        }
        match kind {
            BlockKind::Pkcs7 => add_pkcs7(&mut file, der_bytes, Some(place)),
            _ => {
                // TRUSTED CERTIFICATE = the certificate followed by OpenSSL trust settings.
                let certificate_bytes = if kind == BlockKind::TrustedCertificate {
                    match asn1::parse(der_bytes, Rules::Der) {
                        Ok((element, _)) => element.raw,
                        Err(e) => {
                            file.set_error_once(&e, Some(place));
                            continue;
                        }
                    }
                } else {
                    der_bytes.as_slice()
                };
                match read_certificate(certificate_bytes) {
                    Ok(mut certificate) => {
                        // OpenSSL's `Bag Attributes` of the PFX the PEM was made from.
                        for (name, value) in &block.bag_attributes {
                            match name.as_str() {
                                "friendlyName" => {
                                    certificate.report.friendly_name = Some(value.clone())
                                }
                                "localKeyID" => {
                                    certificate.report.local_key_id =
                                        Some(value.replace(' ', "").to_ascii_uppercase())
                                }
                                _ => {}
                            }
                        }
                        file.push_certificate(certificate)
                    }
                    Err(e) => file.set_error_once(&e, Some(place)),
                }
            }
        }
    }
    if keys > 0 {
        // A combined PEM (certificate + key): the key reader reports the keys, matched below.
        let key_file = crate::keys::inspect_private_key_file_in_run(path, bytes, passwords, run);
        let locked = key_file.report.error.as_ref().is_some_and(|e| {
            matches!(
                e.code,
                crate::ids::ErrorCode::WrongPassword
                    | crate::ids::ErrorCode::PasswordBudgetExhausted
            )
        });
        if locked {
            mark_locked_key(&mut file, &blocks);
        }
        if let Some(report) = key_file.report.error {
            file.report.warnings.push(match report.error {
                Some(error) => Warning::PrivateKeyError {
                    error: Box::new(error),
                }
                .into(),
                None => WarningReport {
                    message: format!("private key: {}", report.message),
                    warning: None,
                },
            });
        }
        file.report.warnings.extend(key_file.report.warnings);
        file.report.keys.extend(key_file.report.keys);
        file.key_publics.extend(key_file.key_publics);
    }
    file
}

/// Marks the certificates a locked key of the PEM file is likely for (`private_key_locked`):
/// those whose `localKeyID` (OpenSSL's Bag Attributes) is a key block's, else the end-entity
/// certificates (not CA), else every certificate.
fn mark_locked_key(file: &mut InspectedFile, blocks: &[pem::PemBlock]) {
    let key_ids: Vec<String> = blocks
        .iter()
        .filter(|b| BlockKind::of(&b.label) == BlockKind::PrivateKey)
        .flat_map(|b| &b.bag_attributes)
        .filter(|(name, _)| name == "localKeyID")
        .map(|(_, value)| value.replace(' ', "").to_ascii_uppercase())
        .collect();
    let certificates = &mut file.report.certificates;
    let by_id = |c: &crate::report::CertificateReport| {
        c.local_key_id
            .as_ref()
            .is_some_and(|id| key_ids.contains(id))
    };
    let chosen: Vec<bool> = if certificates.iter().any(by_id) {
        certificates.iter().map(by_id).collect()
    } else if certificates.iter().any(|c| c.is_ca != Some(true)) {
        certificates.iter().map(|c| c.is_ca != Some(true)).collect()
    } else {
        vec![true; certificates.len()]
    };
    for (certificate, chosen) in certificates.iter_mut().zip(chosen) {
        certificate.private_key_locked = chosen && !certificate.has_private_key;
    }
}

/// Marks certificates whose public key matches a key in the same file (contract: `has_private_key`).
fn match_keys_within(file: &mut InspectedFile) {
    if file.key_publics.iter().all(Option::is_none) {
        return;
    }
    let ids: Vec<Option<PublicKeyId>> = file
        .certificate_spkis
        .iter()
        .map(|spki| crate::keys::public_key_id_from_spki(spki))
        .collect();
    for (key_index, public) in file.key_publics.iter().enumerate() {
        let Some(public) = public else { continue };
        for (cert_index, id) in ids.iter().enumerate() {
            if id.as_ref() == Some(public) {
                if let Some(certificate) = file.report.certificates.get_mut(cert_index) {
                    certificate.has_private_key = true;
                    let thumbprint = certificate.thumbprint.clone();
                    if let Some(key) = file.report.keys.get_mut(key_index) {
                        if key.matches_thumbprint.is_none() {
                            key.matches_thumbprint = Some(thumbprint);
                        }
                    }
                }
            }
        }
    }
}

/// Reads every file, then matches keys of one file with certificates of the others.
/// One key-derivation budget ([`crate::limits::MAX_KDF_ITERATIONS_PER_RUN`]) serves all files.
pub fn inspect_all_detailed(inputs: &[(&str, &[u8])], passwords: &[String]) -> Vec<InspectedFile> {
    let mut run = KdfBudget::per_run();
    let mut files: Vec<InspectedFile> = inputs
        .iter()
        .map(|(path, bytes)| inspect_one_in_run(path, bytes, passwords, &mut run))
        .collect();
    let certificate_ids: Vec<Vec<Option<PublicKeyId>>> = files
        .iter()
        .map(|f| {
            f.certificate_spkis
                .iter()
                .map(|s| crate::keys::public_key_id_from_spki(s))
                .collect()
        })
        .collect();
    let mut matches = Vec::new();
    for (file_index, file) in files.iter().enumerate() {
        for (key_index, public) in file.key_publics.iter().enumerate() {
            let Some(public) = public else { continue };
            if file
                .report
                .keys
                .get(key_index)
                .is_some_and(|k| k.matches_thumbprint.is_some())
            {
                continue;
            }
            'search: for (other_index, ids) in certificate_ids.iter().enumerate() {
                if other_index == file_index {
                    continue;
                }
                for (cert_index, id) in ids.iter().enumerate() {
                    if id.as_ref() != Some(public) {
                        continue;
                    }
                    // `certificate_spkis` is parallel to `certificates` by contract; `get` keeps a
                    // reader that breaks that promise from panicking here.
                    if let Some(certificate) =
                        files[other_index].report.certificates.get(cert_index)
                    {
                        let other_path = files[other_index].report.path.clone();
                        matches.push((
                            file_index,
                            key_index,
                            certificate.thumbprint.clone(),
                            other_path,
                        ));
                        break 'search;
                    }
                }
            }
        }
    }
    for (file_index, key_index, thumbprint, other_path) in matches {
        if let Some(key) = files[file_index].report.keys.get_mut(key_index) {
            key.matches_thumbprint = Some(thumbprint);
            key.match_note = Some(format!("matches the certificate in {other_path}"));
        }
    }
    files
}

/// Reads every file (see [`inspect_all_detailed`]) and returns the contract reports.
pub fn inspect_all(
    inputs: &[(&str, &[u8])],
    passwords: &[String],
) -> Vec<crate::report::FileReport> {
    inspect_all_detailed(inputs, passwords)
        .into_iter()
        .map(|f| f.report)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS_CER: &[u8] = include_bytes!(
        "../../../testdata/corpus/x509/dotnet-runtime-assets/System.Security.Cryptography.X509Certificates.TestData/MS.cer"
    );
    const EMPTY_P7B: &[u8] = include_bytes!(
        "../../../testdata/corpus/x509/dotnet-runtime-assets/System.Security.Cryptography.X509Certificates.TestData/empty.p7b"
    );
    const CERTCHAIN_P7B: &[u8] = include_bytes!(
        "../../../testdata/corpus/x509/dotnet-runtime-assets/System.Security.Cryptography.X509Certificates.TestData/certchain.p7b"
    );

    fn one(bytes: &[u8]) -> FileReport {
        inspect_one("f", bytes, &[]).report
    }

    #[test]
    fn der_certificate_with_trailing_bytes_is_read_with_a_warning() {
        let mut bytes = MS_CER.to_vec();
        bytes.extend_from_slice(&[0, 0, 0, 0]);
        let report = one(&bytes);
        assert_eq!(report.kind, FileKind::X509Cert);
        assert!(report.error.is_none());
        assert_eq!(report.certificates.len(), 1);
        assert!(report.warnings[0].message.contains("4 bytes"));
    }

    #[test]
    fn pkcs7_bags_empty_and_full() {
        let empty = one(EMPTY_P7B);
        assert_eq!(
            (empty.kind, empty.error.is_none(), empty.certificates.len()),
            (FileKind::Pkcs7Certs, true, 0)
        );
        let chain = inspect_one("chain", CERTCHAIN_P7B, &[]);
        assert_eq!(chain.report.certificates.len(), 3);
        assert_eq!(chain.certificate_spkis.len(), 3);
        assert_eq!(
            chain.report.certificates[0].thumbprint,
            "DAF5ACD663545F1EBB4622BCE2FC306B73CCB9C8"
        );
        assert!(chain.report.certificates.iter().all(|c| !c.has_private_key));
    }

    #[test]
    fn pem_without_certificates_is_named() {
        let csr = one(b"-----BEGIN NEW CERTIFICATE REQUEST-----\nMAA=\n-----END NEW CERTIFICATE REQUEST-----\n");
        assert_eq!(csr.kind, FileKind::NotACertificate);
        assert_eq!(csr.error.unwrap().code, "not-a-certificate");
        let other = one(b"-----BEGIN SERIAL-----\nAgEB\n-----END SERIAL-----\n");
        assert_eq!(other.kind, FileKind::Unknown);
        assert!(other.error.unwrap().message.contains("SERIAL"));
    }

    #[test]
    fn a_bad_block_is_named_and_the_good_certificate_kept() {
        use base64::Engine;
        let good = base64::engine::general_purpose::STANDARD.encode(MS_CER);
        let text = format!(
            "-----BEGIN CERTIFICATE-----\n{good}\n-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\n@@@@\n-----END CERTIFICATE-----\n"
        );
        let report = one(text.as_bytes());
        assert_eq!(report.certificates.len(), 1);
        let error = report.error.unwrap();
        assert_eq!(error.code, "malformed");
        assert!(error.message.contains("PEM block 2"), "{}", error.message);
    }

    #[test]
    fn empty_and_whitespace_files() {
        assert_eq!(one(b"").error.unwrap().code, "empty");
        assert_eq!(one(b"\r\n  \n").error.unwrap().code, "empty");
    }

    #[test]
    fn inspect_all_keeps_order_and_reports_every_file() {
        let reports = inspect_all(&[("a", MS_CER), ("b", b""), ("c", EMPTY_P7B)], &[]);
        let paths: Vec<&str> = reports.iter().map(|r| r.path.as_str()).collect();
        assert_eq!(paths, ["a", "b", "c"]);
        assert!(
            reports[0].error.is_none() && reports[1].error.is_some() && reports[2].error.is_none()
        );
    }
}
