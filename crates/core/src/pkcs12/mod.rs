//! PKCS#12 / PFX (RFC 7292), in pure Rust for native and wasm32.
//!
//! Layers, one module per structure:
//! * [`pfx`]: the outer PFX (§4) → [`mac_data`]: MacData and its HMAC (§4, Appendix B)
//! * [`content_info`]: AuthenticatedSafe, ContentInfo, EncryptedData (§4.1, RFC 2315)
//! * [`safe_bag`]: SafeContents, SafeBag, bag attributes (§4.2)
//! * [`pbe`]: PKCS#12 PBE (Appendix C) and PBES2/PBKDF2 (RFC 8018) decryption; [`kdf`]: Appendix B.2
//! * [`pbkdf2_params`]: PBKDF2-params (RFC 8018 A.2), shared by PBES2 and PBMAC1
//! * [`password`]: candidate passwords in their byte forms (Appendix B.1)
//!
//! [`open`] reads a file into [`Pkcs12Contents`]; [`inspect_pkcs12`] turns that into the
//! contract's `FileReport`.

pub mod content_info;
pub mod kdf;
pub mod mac_data;
pub mod password;
pub mod pbe;
pub mod pbkdf2_params;
pub mod pfx;
pub mod safe_bag;

use content_info::ContentInfo;
use kdf::KdfBudget;
use password::{Candidate, PasswordForm};
use pbe::EncryptionScheme;
use safe_bag::{BagAttributes, BagValue, SafeBag};

use crate::asn1::oid;
use crate::error::{Error, Result};
use crate::inspect::InspectedFile;
use crate::keys::{pkcs8, PrivateKey, PublicKeyId};
use crate::report::{FileKind, FileReport, KeyReport, Pkcs12Report};
use crate::x509::certificate::read_certificate;

/// A certificate from a certBag.
#[derive(Debug, Clone)]
pub struct CertificateEntry {
    pub der: Vec<u8>,
    pub attributes: BagAttributes,
}

/// A private key from a keyBag or pkcs8ShroudedKeyBag.
#[derive(Debug, Clone)]
pub struct KeyEntry {
    pub key: PrivateKey,
    pub attributes: BagAttributes,
}

/// Everything read from a PKCS#12 file.
#[derive(Debug, Clone)]
pub struct Pkcs12Contents {
    pub certificates: Vec<CertificateEntry>,
    pub keys: Vec<KeyEntry>,
    /// `hmac-sha1`, ..., `none`.
    pub mac: String,
    pub mac_iterations: Option<u64>,
    /// Which password form verified the MAC (or, without a MAC, decrypted the contents).
    pub password_form: Option<PasswordForm>,
    /// Encryption schemes in order of appearance, deduplicated; `none` for plain bags.
    pub encryption: Vec<String>,
    pub trailing_bytes: usize,
    pub warnings: Vec<String>,
    /// A problem that kept part of the file from being read; everything else is still reported.
    pub partial_error: Option<Error>,
}

impl Pkcs12Contents {
    fn note_encryption(&mut self, label: String) {
        if !self.encryption.contains(&label) {
            self.encryption.push(label);
        }
    }

    fn note_error(&mut self, e: Error) {
        if self.partial_error.is_none() {
            self.partial_error = Some(e);
        }
    }

    /// The encryption scheme of one part, noted in `encryption`; an unreadable or unsupported
    /// scheme is noted as the file's partial error and the part is skipped (`None`).
    fn note_scheme(&mut self, scheme: Result<EncryptionScheme>) -> Option<EncryptionScheme> {
        match scheme {
            Ok(s) => {
                self.note_encryption(s.label());
                Some(s)
            }
            Err(e) => {
                self.note_error(e);
                None
            }
        }
    }
}

/// Opens a PKCS#12 file with the given passwords (plus both empty forms).
pub fn open(bytes: &[u8], passwords: &[String]) -> Result<Pkcs12Contents> {
    open_with_budget(bytes, passwords, KdfBudget::per_file())
}

/// [`open`] with a given key-derivation budget (tests use small ones).
#[doc(hidden)]
pub fn open_with_budget(
    bytes: &[u8],
    passwords: &[String],
    mut budget: KdfBudget,
) -> Result<Pkcs12Contents> {
    if bytes.is_empty() {
        return Err(Error::Empty);
    }
    let pfx = pfx::parse(bytes)?;
    let items = content_info::parse_authenticated_safe(&pfx.auth_safe)?;
    let candidates = password::candidates(passwords);

    let mut contents = Pkcs12Contents {
        certificates: Vec::new(),
        keys: Vec::new(),
        mac: "none".into(),
        mac_iterations: None,
        password_form: None,
        encryption: Vec::new(),
        trailing_bytes: pfx.trailing_bytes,
        warnings: Vec::new(),
        partial_error: None,
    };
    if pfx.trailing_bytes > 0 {
        contents.warnings.push(format!(
            "{} bytes follow the PKCS#12 structure and were ignored.",
            pfx.trailing_bytes
        ));
    }

    // Integrity: the first candidate whose MAC verifies.
    let mut mac_verified = false;
    match &pfx.mac_data {
        None => contents
            .warnings
            .push("This file has no MAC (no password integrity check).".into()),
        Some(Err(e)) => {
            contents.mac = "unsupported".into();
            contents
                .warnings
                .push(format!("The MAC could not be checked: {e}"));
        }
        Some(Ok(mac)) => {
            contents.mac = mac.contract_name().into();
            contents.mac_iterations = Some(mac.effective_iterations());
            for c in &candidates {
                budget.charge(mac.effective_iterations())?;
                if mac.verify(c, &pfx.auth_safe)? {
                    contents.password_form = Some(c.form);
                    mac_verified = true;
                    break;
                }
            }
            if !mac_verified {
                return Err(
                    if any_candidate_decrypts(&items, &candidates, &mut budget)? {
                        Error::malformed(
                        "the integrity check (MAC) fails although a password decrypts the contents, so the file was altered or damaged",
                    )
                    } else {
                        Error::WrongPassword {
                            forms_tried: password::describe_forms(passwords),
                        }
                    },
                );
            }
        }
    }

    // Decrypt with the verified form first, then the others.
    let mut ordered: Vec<Candidate> = candidates.clone();
    if let Some(form) = contents.password_form {
        ordered.sort_by_key(|c| c.form != form);
    }
    let mut walker = Walker {
        ordered,
        mac_verified,
        bag_count: 0,
        passwords,
        undecryptable_parts: 0,
        budget,
    };
    for item in items {
        match item {
            ContentInfo::Data(bytes) => {
                match safe_bag::parse_safe_contents(&bytes, &mut walker.bag_count) {
                    Ok(bags) => walker.bags(&mut contents, bags, true)?,
                    Err(e) => contents.note_error(e),
                }
            }
            ContentInfo::Encrypted { scheme, ciphertext } => {
                let Some(scheme) = contents.note_scheme(scheme) else {
                    continue;
                };
                let mut count = walker.bag_count;
                let decrypted = walker.decrypt(&mut contents, &scheme, &ciphertext, |plain| {
                    safe_bag::parse_safe_contents(plain, &mut count)
                });
                walker.bag_count = count;
                match decrypted {
                    Ok(bags) => walker.bags(&mut contents, bags, false)?,
                    Err(Error::WrongPassword { .. }) => walker.undecryptable_parts += 1,
                    // The key-derivation budget is spent: nothing more can be opened in this file.
                    Err(e @ Error::TooLarge { .. }) if walker.budget.is_spent() => return Err(e),
                    Err(e) => contents.note_error(e),
                }
            }
            ContentInfo::Unsupported(o) => contents.note_error(oid::unsupported(&o)),
        }
    }
    if walker.undecryptable_parts > 0 {
        // Without a MAC: if no part opened, the password is wrong; if others opened with a
        // candidate, these parts are damaged.
        if contents.password_form.is_none() {
            return Err(Error::WrongPassword {
                forms_tried: password::describe_forms(passwords),
            });
        }
        contents.note_error(Error::malformed(format!(
            "{} encrypted part(s) do not decrypt with the password that opened the rest of the file",
            walker.undecryptable_parts
        )));
    }
    Ok(contents)
}

/// Whether some candidate decrypts some encrypted part (a MAC failure is then damage, not a wrong password).
fn any_candidate_decrypts(
    items: &[ContentInfo<'_>],
    candidates: &[Candidate],
    budget: &mut KdfBudget,
) -> Result<bool> {
    let mut bag_count = 0;
    for item in items {
        if let ContentInfo::Encrypted {
            scheme: Ok(scheme),
            ciphertext,
        } = item
        {
            for c in scheme.distinct_candidates(candidates) {
                budget.charge(scheme.derivation_work())?;
                if let Some(plain) = scheme.decrypt(c, ciphertext)? {
                    if safe_bag::parse_safe_contents(&plain, &mut bag_count).is_ok() {
                        return Ok(true);
                    }
                }
            }
        }
        if let ContentInfo::Data(bytes) = item {
            let Ok(bags) = safe_bag::parse_safe_contents(bytes, &mut bag_count) else {
                continue;
            };
            for bag in bags {
                if let BagValue::ShroudedKey {
                    scheme: Ok(scheme),
                    ciphertext,
                } = &bag.value
                {
                    for c in scheme.distinct_candidates(candidates) {
                        budget.charge(scheme.derivation_work())?;
                        if let Some(plain) = scheme.decrypt(c, ciphertext)? {
                            if pkcs8::parse_private_key_info(&plain).is_ok() {
                                return Ok(true);
                            }
                        }
                    }
                }
            }
        }
    }
    Ok(false)
}

/// Walks bags, decrypting as needed.
struct Walker<'p> {
    ordered: Vec<Candidate>,
    mac_verified: bool,
    bag_count: usize,
    passwords: &'p [String],
    /// Parts no candidate decrypts (no MAC): a wrong password, or damage if other parts opened.
    undecryptable_parts: usize,
    budget: KdfBudget,
}

impl Walker<'_> {
    /// Decrypts with the candidates in order and parses the plaintext with `parse`; a candidate
    /// whose padding or parse fails is skipped.
    fn decrypt<T>(
        &mut self,
        contents: &mut Pkcs12Contents,
        scheme: &EncryptionScheme,
        ciphertext: &[u8],
        mut parse: impl FnMut(&[u8]) -> Result<T>,
    ) -> Result<T> {
        let mut parse_errors: Vec<(PasswordForm, Error)> = Vec::new();
        for c in scheme.distinct_candidates(&self.ordered) {
            self.budget.charge(scheme.derivation_work())?;
            let Some(plain) = scheme.decrypt(c, ciphertext)? else {
                continue;
            };
            match parse(&plain) {
                Ok(v) => {
                    match contents.password_form {
                        None => contents.password_form = Some(c.form),
                        Some(f) if f != c.form => contents.warnings.push(format!(
                            "Part of this file is encrypted with another form of the password ({}) than the one that verified the MAC ({}).",
                            c.form.contract_name(),
                            f.contract_name()
                        )),
                        Some(_) => {}
                    }
                    // Prefer this candidate from now on.
                    let form = c.form;
                    self.ordered.sort_by_key(|c| c.form != form);
                    return Ok(v);
                }
                Err(e) => parse_errors.push((c.form, e)),
            }
        }
        // The password that verified the MAC (or opened other parts) decrypted this part but what
        // came out does not parse: the part is damaged, and its parse error says where.
        let known_form = contents.password_form;
        let known_error = parse_errors
            .into_iter()
            .find(|(form, _)| Some(*form) == known_form)
            .map(|(_, e)| e);
        match known_error {
            Some(e) => Err(e),
            None if self.mac_verified => Err(Error::malformed(
                "an encrypted part does not decrypt with the password that verified the MAC",
            )),
            None => Err(Error::WrongPassword {
                forms_tried: password::describe_forms(self.passwords),
            }),
        }
    }

    fn bags(
        &mut self,
        contents: &mut Pkcs12Contents,
        bags: Vec<SafeBag>,
        plain: bool,
    ) -> Result<()> {
        for bag in bags {
            match bag.value {
                BagValue::Key(der) => {
                    contents.note_encryption("none".into());
                    match pkcs8::parse_private_key_info(&der) {
                        Ok(key) => contents.keys.push(KeyEntry {
                            key,
                            attributes: bag.attributes,
                        }),
                        Err(e) => contents.note_error(e),
                    }
                }
                BagValue::ShroudedKey { scheme, ciphertext } => {
                    let Some(scheme) = contents.note_scheme(scheme) else {
                        continue;
                    };
                    match self.decrypt(
                        contents,
                        &scheme,
                        &ciphertext,
                        pkcs8::parse_private_key_info,
                    ) {
                        Ok(key) => contents.keys.push(KeyEntry {
                            key,
                            attributes: bag.attributes,
                        }),
                        Err(Error::WrongPassword { .. }) => self.undecryptable_parts += 1,
                        Err(e @ Error::TooLarge { .. }) if self.budget.is_spent() => return Err(e),
                        Err(e) => contents.note_error(e),
                    }
                }
                BagValue::Certificate(der) => {
                    if plain {
                        contents.note_encryption("none".into());
                    }
                    if contents.certificates.len() >= crate::limits::MAX_CERTS_PER_FILE {
                        return Err(Error::TooLarge {
                            what: "certificates in one file".into(),
                            limit: crate::limits::MAX_CERTS_PER_FILE as u64,
                        });
                    }
                    contents.certificates.push(CertificateEntry {
                        der,
                        attributes: bag.attributes,
                    });
                }
                BagValue::OtherCertificate(o) => contents.warnings.push(format!(
                    "A certificate bag of type {o} (not X.509) was skipped."
                )),
                BagValue::Crl => contents.warnings.push("A CRL bag was skipped.".into()),
                BagValue::Secret => contents.warnings.push("A secret bag was skipped.".into()),
                BagValue::Unknown(o) => contents
                    .warnings
                    .push(format!("A bag of unknown type {o} was skipped.")),
                BagValue::Nested(inner) => self.bags(contents, inner, plain)?,
            }
        }
        Ok(())
    }
}

/// Builds the contract report from opened contents (certificate reports from [`read_certificate`]).
pub fn to_inspected_file(path: &str, contents: Pkcs12Contents) -> InspectedFile {
    let mut report = FileReport::new(path, FileKind::Pkcs12);
    let mut certificate_spkis = Vec::new();
    let mut certificate_ids: Vec<Option<PublicKeyId>> = Vec::new();
    let mut unreadable_certificate = None;
    for entry in &contents.certificates {
        match read_certificate(&entry.der) {
            Ok(parsed) => {
                let mut c = parsed.report;
                c.friendly_name = entry.attributes.friendly_name.clone();
                c.local_key_id = entry
                    .attributes
                    .local_key_id
                    .as_deref()
                    .map(crate::hex::upper);
                certificate_ids.push(crate::keys::public_key_id_from_spki(&parsed.spki_der));
                certificate_spkis.push(parsed.spki_der);
                report.certificates.push(c);
            }
            Err(e) => {
                report
                    .warnings
                    .push(format!("A certificate in this file could not be read: {e}"));
                unreadable_certificate.get_or_insert(e);
            }
        }
    }
    let mut key_publics = Vec::new();
    for entry in &contents.keys {
        report.keys.push(KeyReport {
            key_type: entry.key.key_type.clone(),
            matches_thumbprint: None,
            friendly_name: entry.attributes.friendly_name.clone(),
            local_key_id: entry
                .attributes
                .local_key_id
                .as_deref()
                .map(crate::hex::upper),
            csp_name: entry.attributes.csp_name.clone(),
            match_note: entry.key.note.clone(),
        });
        key_publics.push(entry.key.public.clone());
    }
    crate::keys::matching::apply(
        &mut report.certificates,
        &certificate_ids,
        &mut report.keys,
        &key_publics,
    );
    crate::keys::matching::note_inherited_dsa_parameters(
        &report.certificates,
        &certificate_spkis,
        &mut report.keys,
    );
    report.pkcs12 = Some(Pkcs12Report {
        mac: contents.mac.clone(),
        mac_iterations: contents.mac_iterations,
        password_form: contents
            .password_form
            .map_or("none", PasswordForm::contract_name)
            .to_string(),
        encryption: contents.encryption.clone(),
        trailing_bytes: contents.trailing_bytes as u64,
    });
    report.warnings.extend(contents.warnings.iter().cloned());
    report.error = contents
        .partial_error
        .as_ref()
        .or(unreadable_certificate.as_ref())
        .map(Into::into);
    InspectedFile {
        report,
        certificate_spkis,
        key_publics,
    }
}

/// Opens a PKCS#12 file with each candidate password (plus both empty forms) and reports
/// certificates, keys and container facts.
pub fn inspect_pkcs12(path: &str, bytes: &[u8], passwords: &[String]) -> InspectedFile {
    match open(bytes, passwords) {
        Ok(contents) => to_inspected_file(path, contents),
        Err(e) => {
            let mut report = FileReport::new(path, FileKind::Pkcs12);
            report.error = Some((&e).into());
            InspectedFile {
                report,
                certificate_spkis: Vec::new(),
                key_publics: Vec::new(),
            }
        }
    }
}
