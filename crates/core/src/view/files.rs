//! How each input file reads to a person: read fine, locked (asks for a password), locked
//! and the typed password was wrong, locked with passwords left untried (the work budget ran
//! out), damaged, or another error. The page and the CLI show
//! this state; neither classifies error codes itself.

use serde::{Deserialize, Serialize};

use crate::ids::ErrorCode;
use crate::report::FileReport;

/// How a file's state reads to the user.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FileState {
    Ok,
    /// Locked; the user has not offered a password for it yet.
    NeedsPassword,
    /// Locked, and the password the user typed did not open it.
    WrongPassword,
    /// Locked, and not every password offered was tried: the key-derivation budget ran out
    /// (`password-budget-exhausted`). The message says which; a password field lets the user
    /// give the right one first.
    PasswordsNotAllTried,
    /// The bytes are damaged, cut short or empty.
    Damaged,
    OtherError,
}

/// The state of `file`; `password_submitted` says whether the user typed a password for it.
pub fn file_state(file: &FileReport, password_submitted: bool) -> FileState {
    match file.error.as_ref().map(|e| e.code) {
        None => FileState::Ok,
        Some(ErrorCode::WrongPassword) if password_submitted => FileState::WrongPassword,
        Some(ErrorCode::WrongPassword) => FileState::NeedsPassword,
        Some(ErrorCode::PasswordBudgetExhausted) => FileState::PasswordsNotAllTried,
        Some(ErrorCode::Malformed | ErrorCode::Truncated | ErrorCode::Empty) => FileState::Damaged,
        Some(_) => FileState::OtherError,
    }
}

/// What the file is, in words (`--lang`): `SMTP protocol log`, `Message Tracking Log (no TLS
/// handshakes)`, ... The contract's `kind` string is for programs.
pub fn kind_text(file: &FileReport, lang: crate::i18n::Lang) -> String {
    use crate::i18n::{fill, text, Text};
    use crate::ids::FileKind;
    let key = match file.kind {
        FileKind::X509Cert => Text::KindX509Cert,
        FileKind::Pkcs7Certs => Text::KindPkcs7Certs,
        FileKind::Pkcs12 => Text::KindPkcs12,
        FileKind::ProtocolLog => Text::KindProtocolLog,
        FileKind::PrivateKey => Text::KindPrivateKey,
        FileKind::NotACertificate if file.certificate_request.is_some() => {
            Text::KindCertificateRequest
        }
        FileKind::NotACertificate => Text::KindNotACertificate,
        FileKind::ShellOutput => Text::KindShellOutput,
        FileKind::ZipArchive => Text::KindZipArchive,
        FileKind::ExchangeLog => match file.log_type.as_deref().map(str::trim) {
            Some(name) if !name.is_empty() => {
                return fill(
                    text(lang, Text::KindExchangeLogNamed),
                    &[("log_type", name)],
                );
            }
            _ => Text::KindExchangeLog,
        },
        _ => Text::KindUnknown,
    };
    text(lang, key).to_string()
}

/// What a certificate signing request asks for, in words (`--lang`); `None` for other files.
pub fn request_text(file: &FileReport, lang: crate::i18n::Lang) -> Option<String> {
    use crate::i18n::{fill, text, Text};
    let request = file.certificate_request.as_ref()?;
    let names = if request.subject_alternative_names.is_empty() {
        "-".to_string()
    } else {
        request.subject_alternative_names.join(", ")
    };
    Some(fill(
        text(lang, Text::CertificateRequestLine),
        &[
            ("subject", request.subject.as_str()),
            ("names", names.as_str()),
            ("key", request.public_key.as_str()),
        ],
    ))
}

/// One line per private key of `file`, in words (`--lang`): its type and the certificate it
/// matches, in this file or another one given.
pub fn key_lines(file: &FileReport, lang: crate::i18n::Lang) -> Vec<String> {
    use crate::i18n::{fill, text, Text};
    file.keys
        .iter()
        .map(|k| match &k.matches_thumbprint {
            Some(thumbprint) => fill(
                text(lang, Text::KeyLineMatches),
                &[("key", k.key_type.as_str()), ("thumbprint", thumbprint)],
            ),
            None => fill(
                text(lang, Text::KeyLineNoMatch),
                &[("key", k.key_type.as_str())],
            ),
        })
        .collect()
}

/// The file lists certificates and holds an encrypted private key that stayed locked (a PEM
/// from `openssl pkcs12 -out`, a certificate `cat`-ed with its encrypted key): the file itself
/// was read (no error), but its key needs the pass phrase, so the page offers a password field.
pub fn has_locked_key(file: &FileReport) -> bool {
    file.certificates.iter().any(|c| c.private_key_locked)
}

/// What one file says about a certificate's private key, in words (`--lang`).
pub fn key_text(c: &crate::report::CertificateReport, lang: crate::i18n::Lang) -> String {
    use crate::i18n::{fill, text, Text};
    match (&c.matching_key_file, c.has_private_key) {
        (_, true) => text(lang, Text::PrivateKeyPresent).to_string(),
        (Some(path), false) => fill(
            text(lang, Text::PrivateKeyInOtherFile),
            &[("path", path.as_str())],
        ),
        (None, false) if c.private_key_locked => text(lang, Text::PrivateKeyLocked).to_string(),
        (None, false) => text(lang, Text::PrivateKeyAbsent).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{ErrorReport, FileKind};

    fn with_error(code: ErrorCode) -> FileReport {
        let mut f = FileReport::new("x.pfx", FileKind::Pkcs12);
        f.error = Some(ErrorReport::new(code, "m"));
        f
    }

    #[test]
    fn wrong_password_is_told_apart_from_damage() {
        assert_eq!(
            file_state(&FileReport::new("x.cer", FileKind::X509Cert), false),
            FileState::Ok
        );
        assert_eq!(
            file_state(&with_error(ErrorCode::WrongPassword), false),
            FileState::NeedsPassword
        );
        assert_eq!(
            file_state(&with_error(ErrorCode::WrongPassword), true),
            FileState::WrongPassword
        );
        assert_eq!(
            file_state(&with_error(ErrorCode::Malformed), true),
            FileState::Damaged
        );
        assert_eq!(
            file_state(&with_error(ErrorCode::Truncated), false),
            FileState::Damaged
        );
        assert_eq!(
            file_state(&with_error(ErrorCode::PasswordBudgetExhausted), true),
            FileState::PasswordsNotAllTried
        );
        assert_eq!(
            file_state(&with_error(ErrorCode::UnsupportedAlgorithm), false),
            FileState::OtherError
        );
    }
}
