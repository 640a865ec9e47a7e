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
use crate::warning::{Warning, WarningReport};
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
    pub warnings: Vec<Warning>,
    /// A problem that kept part of the file from being read; everything else is still reported.
    pub partial_error: Option<Error>,
    /// The password-protected content stayed closed (wrong password, or the key-derivation
    /// budget ran out first; `partial_error` says which). What needs no password (unencrypted
    /// certificate and key bags) is still listed.
    pub locked: bool,
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

/// Opens a PKCS#12 file with the given passwords (plus both empty forms). A file whose
/// password-protected content stays closed is an `Err` here; [`open_readable`] returns what could
/// still be read from it (its unencrypted certificates) with that error.
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
    let contents = open_readable(bytes, passwords, &mut budget)?;
    match (&contents.partial_error, contents.locked) {
        (Some(e), true) => Err(e.clone()),
        _ => Ok(contents),
    }
}

/// The candidate forms that key derivations were run for, to say which were not tried when the
/// budget runs out ([`Error::PasswordBudgetExhausted`]).
#[derive(Debug, Default)]
struct Attempts {
    tried: Vec<PasswordForm>,
}

impl Attempts {
    /// Charges `budget` for one derivation with `c`, and notes `c` (and every candidate whose
    /// input is the same for this scheme, e.g. both empty forms under PBES2) as tried.
    fn charge(
        &mut self,
        budget: &mut KdfBudget,
        cost: u64,
        c: &Candidate,
        same_as: impl Fn(&Candidate) -> bool,
        all: &[Candidate],
    ) -> Result<()> {
        budget.charge(cost)?;
        for other in all.iter().filter(|o| o.form == c.form || same_as(o)) {
            if !self.tried.contains(&other.form) {
                self.tried.push(other.form);
            }
        }
        Ok(())
    }

    /// Why the budget stopped the work: candidates never tried (`password-budget-exhausted`,
    /// naming them), or, when every candidate was tried somewhere, the file's own work
    /// (`too-large`: many encrypted parts).
    fn exhausted(&self, budget: &KdfBudget, candidates: &[Candidate]) -> Error {
        let (tried, not_tried): (Vec<PasswordForm>, Vec<PasswordForm>) = candidates
            .iter()
            .map(|c| c.form)
            .partition(|f| self.tried.contains(f));
        if not_tried.is_empty() {
            return Error::TooLarge {
                what: format!(
                    "The key-derivation work for {} (all passwords and encrypted parts together, in iterations)",
                    if budget.is_run_wide() { "all files of this run" } else { "this file" }
                ),
                limit: budget.limit(),
            };
        }
        Error::PasswordBudgetExhausted {
            tried,
            not_tried,
            limit: budget.limit(),
            run_wide: budget.is_run_wide(),
        }
    }
}

/// Opens as much of a PKCS#12 file as possible within `budget`. A wrong password (or a budget
/// spent before the right one) is not an `Err` here: what needs no password (unencrypted
/// certificate and key bags) is still returned, with `locked` set and the reason in
/// `partial_error`. Structural damage that stops everything is an `Err`.
pub fn open_readable(
    bytes: &[u8],
    passwords: &[String],
    budget: &mut KdfBudget,
) -> Result<Pkcs12Contents> {
    if bytes.is_empty() {
        return Err(Error::Empty);
    }
    let pfx = pfx::parse(bytes)?;
    let items = content_info::parse_authenticated_safe(&pfx.auth_safe)?;
    let candidates = password::candidates(passwords);
    let mut attempts = Attempts::default();

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
        locked: false,
    };
    if pfx.trailing_bytes > 0 {
        contents.warnings.push(Warning::TrailingBytesAfterPkcs12 {
            count: pfx.trailing_bytes,
        });
    }

    // Integrity: the first candidate whose MAC verifies.
    let mut mac_verified = false;
    let mut mac_failed = false;
    match &pfx.mac_data {
        None => contents.warnings.push(Warning::Pkcs12NoMac),
        Some(Err(e)) => {
            contents.mac = "unsupported".into();
            contents.warnings.push(Warning::MacUncheckable {
                reason: e.to_string(),
            });
        }
        Some(Ok(mac)) => {
            contents.mac = mac.contract_name().into();
            contents.mac_iterations = Some(mac.effective_iterations());
            for c in &candidates {
                if let Err(e) = attempts.charge(
                    budget,
                    mac.effective_iterations(),
                    c,
                    |_| false,
                    &candidates,
                ) {
                    if budget.is_spent() {
                        contents.partial_error = Some(attempts.exhausted(budget, &candidates));
                        contents.locked = true;
                        break;
                    }
                    return Err(e);
                }
                if mac.verify(c, &pfx.auth_safe)? {
                    contents.password_form = Some(c.form);
                    mac_verified = true;
                    break;
                }
            }
            if !mac_verified && !contents.locked {
                // The given passwords first here, each on every part before the next: a MAC
                // that fails although the password the user typed decrypts the contents is the
                // altered file this check looks for.
                let mut given_first = candidates.clone();
                given_first.sort_by_key(|c| !matches!(c.form, PasswordForm::Given(_)));
                let decrypts = any_candidate_decrypts(&items, &given_first, budget, &mut attempts);
                if decrypts? {
                    return Err(Error::malformed(
                        "the integrity check (MAC) fails although a password decrypts the contents, so the file was altered or damaged",
                    ));
                }
                // Every candidate was tried against the MAC: a wrong password, even when the
                // budget ran out during the (costly) check for an altered file above — that
                // check is then incomplete, not the password search (10 wrong passwords on a
                // 600,000-iteration export were once reported as `too-large`).
                mac_failed = true;
                contents.partial_error = Some(Error::WrongPassword {
                    forms_tried: password::describe_forms(passwords),
                });
                contents.locked = true;
            }
        }
    }

    // Decrypt with the verified form first, then the others. When the file is locked (no
    // candidate verified the MAC, or the budget ran out), encrypted parts are skipped unopened
    // and only what needs no password is read.
    let mut ordered: Vec<Candidate> = candidates.clone();
    if let Some(form) = contents.password_form {
        ordered.sort_by_key(|c| c.form != form);
    }
    let locked = contents.locked;
    let mut walker = Walker {
        ordered,
        candidates: &candidates,
        mac_verified,
        bag_count: 0,
        passwords,
        undecryptable_parts: 0,
        skipped_parts: 0,
        locked,
        budget,
        attempts,
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
                if walker.locked || walker.budget.is_spent() {
                    walker.skipped_parts += 1;
                    continue;
                }
                let mut count = walker.bag_count;
                let decrypted = walker.decrypt(&mut contents, &scheme, &ciphertext, |plain| {
                    safe_bag::parse_safe_contents(plain, &mut count)
                });
                walker.bag_count = count;
                match decrypted {
                    Ok(bags) => walker.bags(&mut contents, bags, false)?,
                    Err(e) => walker.failed_part(&mut contents, e),
                }
            }
            ContentInfo::Unsupported(o) => contents.note_error(oid::unsupported(&o)),
        }
    }
    walker.finish(&mut contents, mac_failed);
    Ok(contents)
}

/// Whether some candidate decrypts some encrypted part (a MAC failure is then damage, not a
/// wrong password). Candidate-major: each candidate is tried on every part before the next one.
/// A spent budget ends the check with `false` (the caller reports the wrong password).
fn any_candidate_decrypts(
    items: &[ContentInfo<'_>],
    candidates: &[Candidate],
    budget: &mut KdfBudget,
    attempts: &mut Attempts,
) -> Result<bool> {
    // Every encrypted part: its scheme, its ciphertext, and whether it is a shrouded key.
    let mut parts: Vec<(EncryptionScheme, Vec<u8>, bool)> = Vec::new();
    let mut bag_count = 0;
    for item in items {
        match item {
            ContentInfo::Encrypted {
                scheme: Ok(scheme),
                ciphertext,
            } => parts.push((scheme.clone(), ciphertext.to_vec(), false)),
            ContentInfo::Data(bytes) => {
                let Ok(bags) = safe_bag::parse_safe_contents(bytes, &mut bag_count) else {
                    continue;
                };
                for bag in bags {
                    if let BagValue::ShroudedKey {
                        scheme: Ok(scheme),
                        ciphertext,
                    } = bag.value
                    {
                        parts.push((scheme, ciphertext, true));
                    }
                }
            }
            _ => {}
        }
    }
    for c in candidates {
        for (scheme, ciphertext, is_key) in &parts {
            let input = scheme.password_input(c);
            // Under PBES2 both empty forms are one input: try it once.
            let earlier_same = candidates
                .iter()
                .take_while(|o| o.form != c.form)
                .any(|o| scheme.password_input(o) == input);
            if earlier_same {
                continue;
            }
            if attempts
                .charge(
                    budget,
                    scheme.derivation_work(),
                    c,
                    |o| scheme.password_input(o) == input,
                    candidates,
                )
                .is_err()
            {
                return Ok(false);
            }
            if let Some(plain) = scheme.decrypt(c, ciphertext)? {
                let parses = if *is_key {
                    pkcs8::parse_private_key_info(&plain).is_ok()
                } else {
                    let mut n = 0;
                    safe_bag::parse_safe_contents(&plain, &mut n).is_ok()
                };
                if parses {
                    return Ok(true);
                }
            }
        }
    }
    Ok(false)
}

/// Walks bags, decrypting as needed.
struct Walker<'p> {
    ordered: Vec<Candidate>,
    /// All candidates in the order tried, for naming those not tried.
    candidates: &'p [Candidate],
    mac_verified: bool,
    bag_count: usize,
    passwords: &'p [String],
    /// Parts no candidate decrypts (no MAC): a wrong password, or damage if other parts opened.
    undecryptable_parts: usize,
    /// Encrypted parts not tried at all (the file is locked, or the budget is spent).
    skipped_parts: usize,
    /// No candidate verified the MAC: encrypted parts are not tried.
    locked: bool,
    budget: &'p mut KdfBudget,
    attempts: Attempts,
}

impl Walker<'_> {
    /// What a part that did not open means for the file.
    fn failed_part(&mut self, contents: &mut Pkcs12Contents, e: Error) {
        match e {
            Error::WrongPassword { .. } => self.undecryptable_parts += 1,
            Error::TooLarge { .. } if self.budget.is_spent() => self.skipped_parts += 1,
            e => contents.note_error(e),
        }
    }

    /// After the walk: the file's error from the parts that did not open.
    fn finish(&mut self, contents: &mut Pkcs12Contents, mac_failed: bool) {
        if mac_failed || contents.locked {
            // Already locked with its reason; say what was still shown.
            if mac_failed && !contents.certificates.is_empty() {
                contents
                    .warnings
                    .push(Warning::MacNotVerifiedCertificatesShown);
            }
            if self.skipped_parts > 0 {
                let shown = !contents.certificates.is_empty() || !contents.keys.is_empty();
                contents.warnings.push(Warning::EncryptedPartsNotOpened {
                    count: self.skipped_parts,
                    shown,
                });
            }
            return;
        }
        if self.budget.is_spent() && (self.skipped_parts > 0 || self.undecryptable_parts > 0) {
            if contents.password_form.is_none() {
                // No password opened anything yet: it is the number of candidates that spent it.
                contents.partial_error =
                    Some(self.attempts.exhausted(self.budget, self.candidates));
                contents.locked = true;
            } else {
                // The password is known; the file's own encrypted parts cost more than allowed.
                contents.note_error(Error::TooLarge {
                    what: format!(
                        "The key-derivation work for {} (all encrypted parts together, in iterations)",
                        if self.budget.is_run_wide() { "all files of this run" } else { "this file" }
                    ),
                    limit: self.budget.limit(),
                });
            }
            return;
        }
        if self.undecryptable_parts == 0 {
            return;
        }
        if contents.password_form.is_none() {
            let forms_tried = password::describe_forms(self.passwords);
            // Nothing opened. Without a verified MAC a wrong password and damage look alike;
            // with the only password given, say so rather than blame the password alone.
            contents.partial_error = Some(if password::only_one_given(self.passwords) {
                Error::WrongPasswordOrDamaged {
                    forms_tried,
                    what: if self.undecryptable_parts == 1 {
                        "the encrypted part of this file".to_string()
                    } else {
                        // "{what} does not decrypt": not "none of ... does not" (a double negative).
                        format!("each of its {} encrypted parts", self.undecryptable_parts)
                    },
                }
            } else {
                Error::WrongPassword { forms_tried }
            });
            contents.locked = true;
        } else {
            // The password is right for the rest: damage is by far the likelier reading (a part
            // under another password is rare), so `malformed`, and the message says both.
            contents.note_error(Error::malformed(format!(
                "{} encrypted part(s) do not decrypt with the password that opened the rest of the file (damaged, or encrypted with another password)",
                self.undecryptable_parts
            )));
        }
    }

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
        let ordered = self.ordered.clone();
        for c in scheme.distinct_candidates(&ordered) {
            let input = scheme.password_input(c);
            self.attempts.charge(
                self.budget,
                scheme.derivation_work(),
                c,
                |o| scheme.password_input(o) == input,
                self.candidates,
            )?;
            let Some(plain) = scheme.decrypt(c, ciphertext)? else {
                continue;
            };
            match parse(&plain) {
                Ok(v) => {
                    match contents.password_form {
                        None => contents.password_form = Some(c.form),
                        Some(f) if f != c.form => {
                            contents.warnings.push(Warning::PasswordFormsDiffer {
                                part: c.form.contract_name(),
                                mac: f.contract_name(),
                            })
                        }
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
                    if self.locked || self.budget.is_spent() {
                        self.skipped_parts += 1;
                        continue;
                    }
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
                        Err(e) => self.failed_part(contents, e),
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
                BagValue::OtherCertificate(o) => {
                    contents.warnings.push(Warning::CertificateBagSkipped {
                        kind: o.to_string(),
                    })
                }
                BagValue::Crl => contents.warnings.push(Warning::CrlBagSkipped),
                BagValue::Secret => contents.warnings.push(Warning::SecretBagSkipped),
                BagValue::Unknown(o) => contents
                    .warnings
                    .push(Warning::UnknownBagSkipped { oid: o.to_string() }),
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
                report.warnings.push(
                    Warning::Pkcs12CertificateUnreadable {
                        error: Box::new(e.clone()),
                    }
                    .into(),
                );
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
    report
        .warnings
        .extend(contents.warnings.iter().cloned().map(WarningReport::from));
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
/// certificates, keys and container facts; a file whose password-protected part stays closed
/// still lists what needs no password, with the file's error.
pub fn inspect_pkcs12(path: &str, bytes: &[u8], passwords: &[String]) -> InspectedFile {
    inspect_pkcs12_in_run(path, bytes, passwords, &mut KdfBudget::per_run())
}

/// [`inspect_pkcs12`] as one file of a run: its key-derivation work is charged to `run`
/// (capped per file as well), so many heavy files cannot take minutes together.
pub fn inspect_pkcs12_in_run(
    path: &str,
    bytes: &[u8],
    passwords: &[String],
    run: &mut KdfBudget,
) -> InspectedFile {
    let mut budget = run.for_file();
    let opened = open_readable(bytes, passwords, &mut budget);
    run.spend(&budget);
    match opened {
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
