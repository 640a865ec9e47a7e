//! The one error type of the certificate/PKCS#12 layer, with a stable kebab-case
//! `code()` (the contract's `error.code`) and a message a person understands.

use std::fmt;

use crate::ids::ErrorCode;
use crate::pkcs12::password::{describe_list, forms_in};

/// What went wrong while reading one input file. Never carries a password.
#[non_exhaustive]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// No candidate password verified the PKCS#12 MAC (or decrypted the contents).
    /// `forms_tried` lists the *forms* tried (e.g. "1 given password", "empty BMPString", "absent"),
    /// never the passwords themselves.
    WrongPassword { forms_tried: Vec<String> },
    /// An algorithm we recognise the structure of but cannot process.
    /// `oid` is the dotted OID, `name` a human name when known.
    UnsupportedAlgorithm { oid: String, name: Option<String> },
    /// The bytes do not follow the expected structure. `what` says where, in words.
    Malformed { what: String },
    /// The input ends before the structure it announces.
    Truncated { what: String },
    /// The file is empty (or only white space).
    Empty,
    /// The file's first bytes are the header of a DER object of `expected` bytes, but the file
    /// has only `actual` bytes (code `truncated`): cut short, typically by a download or a copy.
    TruncatedFile { expected: u64, actual: u64 },
    /// The input is a known non-certificate object (CRL, CSR, OCSP response, ...).
    NotACertificate { what: String },
    /// A resource cap from [`crate::limits`] was hit.
    TooLarge { what: String, limit: u64 },
    /// Bytes tlsdoctor does not recognise at all (code `not-a-certificate`).
    NotRecognised(Unrecognised),
    /// A `.zip` input, or one of its entries, could not be (fully) read (codes `archive-*`).
    Archive(crate::archive::ArchiveError),
    /// Decryption failed with the only password given, or a part failed with the password that
    /// opened the rest, and no verified MAC says which: a wrong password and a damaged file look
    /// the same here (code `wrong-password`). `what` names the part.
    WrongPasswordOrDamaged {
        forms_tried: Vec<String>,
        what: String,
    },
    /// The key-derivation budget ran out before every candidate password was tried (code
    /// `password-budget-exhausted`). Passwords are named by their forms / positions only.
    PasswordBudgetExhausted {
        tried: Vec<crate::pkcs12::password::PasswordForm>,
        not_tried: Vec<crate::pkcs12::password::PasswordForm>,
        /// The budget that ran out, in iterations.
        limit: u64,
        /// `true` when it was the budget of the whole run (all files), not this file's.
        run_wide: bool,
    },
}

/// What an unrecognised file looked like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unrecognised {
    /// Pasted shell output or event text (`inspect` does not read it; `analyze` does).
    Paste,
    /// Text with no PEM line, not a protocol log, nothing of a paste.
    Text,
    /// Binary data starting with these bytes (hex).
    Bytes(String),
    /// A certificate's fields printed as text by `tool` (`certutil -dump`, `openssl x509 -text
    /// -noout`): the certificate's bytes are not in it.
    CertificateText { tool: &'static str },
}

/// `Result` alias for this layer.
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// Stable kebab-case code, as in the JSON contract.
    pub fn code(&self) -> &'static str {
        self.error_code().as_str()
    }

    /// The code as the typed id ([`crate::ids::ErrorCode`]).
    pub fn error_code(&self) -> ErrorCode {
        match self {
            Error::WrongPassword { .. } => ErrorCode::WrongPassword,
            Error::UnsupportedAlgorithm { .. } => ErrorCode::UnsupportedAlgorithm,
            Error::Malformed { .. } => ErrorCode::Malformed,
            Error::Truncated { .. } => ErrorCode::Truncated,
            Error::Empty => ErrorCode::Empty,
            Error::TruncatedFile { .. } => ErrorCode::Truncated,
            Error::NotACertificate { .. } => ErrorCode::NotACertificate,
            Error::TooLarge { .. } => ErrorCode::TooLarge,
            Error::NotRecognised(_) => ErrorCode::NotACertificate,
            Error::Archive(e) => e.error_code(),
            Error::WrongPasswordOrDamaged { .. } => ErrorCode::WrongPassword,
            Error::PasswordBudgetExhausted { .. } => ErrorCode::PasswordBudgetExhausted,
        }
    }

    pub fn malformed(what: impl Into<String>) -> Self {
        Error::Malformed { what: what.into() }
    }

    pub fn truncated(what: impl Into<String>) -> Self {
        Error::Truncated { what: what.into() }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::WrongPassword { forms_tried } if crate::pkcs12::password::only_empty_forms(forms_tried) => f.write_str(
                "This file is protected by a password and none was given (the empty password does not open it): give its password (the password box of the page, --password-prompt or --password in the CLI).",
            ),
            Error::WrongPassword { forms_tried } => write!(
                f,
                "The password is wrong: none of the passwords tried ({}) opens this file.",
                forms_tried.join(", ")
            ),
            Error::WrongPasswordOrDamaged { forms_tried, what } => write!(
                f,
                "Wrong password or damaged file: {what} does not decrypt with the passwords tried ({}). Nothing verified (no MAC) tells a wrong password from damage: try the password again, or export the file anew.",
                forms_tried.join(", ")
            ),
            Error::PasswordBudgetExhausted { tried, not_tried, limit, run_wide } => {
                let scope = if *run_wide { "all files of this run together" } else { "this file" };
                write!(f, "Not every password was tried: the key-derivation work allowed for {scope} ({limit} iterations) ran out")?;
                if tried.is_empty() {
                    f.write_str(" before the first password.")?;
                } else {
                    write!(f, " after {}.", describe_list(tried, crate::i18n::Lang::En))?;
                }
                if !not_tried.is_empty() {
                    write!(f, " Not tried: {}.", describe_list(not_tried, crate::i18n::Lang::En))?;
                }
                f.write_str(" Give the right password first (or alone), or open this file on its own.")
            }
            Error::UnsupportedAlgorithm { oid, name: Some(name) } => {
                write!(f, "This file uses {name} ({oid}), which tlsdoctor cannot process.")
            }
            Error::UnsupportedAlgorithm { oid, name: None } => {
                write!(f, "This file uses the unknown algorithm {oid}, which tlsdoctor cannot process.")
            }
            Error::Malformed { what } => write!(f, "The file is damaged or not in the expected format: {what}."),
            Error::Truncated { what } => write!(f, "The file is cut short: {what}."),
            Error::Empty => write!(f, "The file is empty."),
            Error::TruncatedFile { expected, actual } => write!(f, "The file is cut short: its first bytes announce a certificate, PKCS#7, PKCS#12 or key file of {expected} bytes, but it has only {actual} bytes. Copy or download it again (a PFX from another machine: export it anew)."),
            Error::NotACertificate { what } => write!(f, "This is {what}, not a certificate."),
            Error::TooLarge { what, limit } => write!(f, "{what} exceeds tlsdoctor's limit of {limit}."),
            Error::NotRecognised(Unrecognised::Paste) => f.write_str("This is pasted Exchange Management Shell output or event text (tlsdoctor analyze reads and cross-checks it), not a certificate."),
            Error::NotRecognised(Unrecognised::CertificateText { tool }) => write!(f, "This is a certificate's details printed as text ({tool} output), not the certificate itself: tlsdoctor needs the certificate file (.cer, .crt, .pem or .pfx). Give the file that was printed, or export the certificate from the store (certlm.msc: All Tasks > Export, or `Export-Certificate -Cert Cert:\\LocalMachine\\My\\<Thumbprint> -FilePath C:\\Certs\\cert.cer`)."),
            Error::NotRecognised(Unrecognised::Text) => f.write_str("This is a text file tlsdoctor does not recognise (no PEM -----BEGIN line, not an Exchange protocol log), not a certificate."),
            Error::Archive(e) => write!(f, "{e}"),
            Error::NotRecognised(Unrecognised::Bytes(head)) => write!(f, "This is a file tlsdoctor does not recognise (it starts with the bytes {head}; not a certificate, PKCS#7, PKCS#12 or private key), not a certificate."),
        }
    }
}

impl Error {
    /// The message in `lang` (English is the `Display` form).
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        if lang == crate::i18n::Lang::En {
            return self.to_string();
        }
        match self {
            Error::WrongPassword { forms_tried } if crate::pkcs12::password::only_empty_forms(forms_tried) => {
                "Diese Datei ist durch ein Passwort geschützt, und es wurde keines angegeben (das leere Passwort öffnet sie nicht): Passwort angeben (Passwortfeld der Seite, --password-prompt oder --password in der Kommandozeile).".to_string()
            }
            Error::WrongPassword { forms_tried } => format!(
                "Das Passwort ist falsch: Keines der versuchten Passwörter ({}) öffnet diese Datei.",
                forms_in(forms_tried, lang)
            ),
            Error::WrongPasswordOrDamaged { forms_tried, what } => format!(
                "Falsches Passwort oder beschädigte Datei: {} lässt sich mit den versuchten Passwörtern ({}) nicht entschlüsseln. Ohne geprüften MAC lässt sich ein falsches Passwort nicht von einer Beschädigung unterscheiden: Passwort erneut versuchen oder die Datei neu exportieren.",
                undecryptable_de(what),
                forms_in(forms_tried, lang)
            ),
            Error::PasswordBudgetExhausted { tried, not_tried, limit, run_wide } => {
                let scope = if *run_wide { "alle Dateien dieses Laufs zusammen" } else { "diese Datei" };
                let mut m = format!("Nicht alle Passwörter wurden versucht: Der Aufwand für die Schlüsselableitung, der für {scope} erlaubt ist ({limit} Iterationen), war aufgebraucht");
                if tried.is_empty() {
                    m.push_str(", bevor das erste Passwort versucht wurde.");
                } else {
                    m.push_str(&format!(" nach {}.", describe_list(tried, lang)));
                }
                if !not_tried.is_empty() {
                    m.push_str(&format!(" Nicht versucht: {}.", describe_list(not_tried, lang)));
                }
                m.push_str(" Das richtige Passwort zuerst (oder allein) angeben oder diese Datei allein öffnen.");
                m
            }
            Error::UnsupportedAlgorithm { oid, name: Some(name) } => {
                format!("Diese Datei verwendet {name} ({oid}); das kann tlsdoctor nicht verarbeiten.")
            }
            Error::UnsupportedAlgorithm { oid, name: None } => format!(
                "Diese Datei verwendet den unbekannten Algorithmus {oid}; das kann tlsdoctor nicht verarbeiten."
            ),
            Error::Malformed { what } => {
                format!("Die Datei ist beschädigt oder nicht im erwarteten Format: {what}.")
            }
            Error::Truncated { what } => format!("Die Datei ist abgeschnitten: {what}."),
            Error::Empty => "Die Datei ist leer.".to_string(),
            Error::TruncatedFile { expected, actual } => format!("Die Datei ist abgeschnitten: Ihre ersten Bytes kündigen eine Zertifikats-, PKCS#7-, PKCS#12- oder Schlüsseldatei von {expected} Bytes an, sie hat aber nur {actual} Bytes. Die Datei erneut kopieren oder herunterladen (eine PFX-Datei von einem anderen Rechner: neu exportieren)."),
            Error::NotACertificate { what } => {
                format!("Dies ist {}, kein Zertifikat.", not_a_certificate_de(what))
            }
            Error::TooLarge { what, limit } => {
                format!("{what}: Die Grenze von tlsdoctor ({limit}) ist überschritten.")
            }
            Error::NotRecognised(Unrecognised::Paste) => "Dies ist eingefügte Ausgabe der Exchange-Verwaltungsshell oder ein Ereignistext (tlsdoctor analyze liest und prüft sie), kein Zertifikat.".to_string(),
            Error::NotRecognised(Unrecognised::CertificateText { tool }) => format!("Dies sind die Angaben eines Zertifikats als Text (Ausgabe von {tool}), nicht das Zertifikat selbst: tlsdoctor braucht die Zertifikatsdatei (.cer, .crt, .pem oder .pfx). Die ausgegebene Datei angeben oder das Zertifikat aus dem Speicher exportieren (certlm.msc: Alle Aufgaben > Exportieren, oder `Export-Certificate -Cert Cert:\\LocalMachine\\My\\<Thumbprint> -FilePath C:\\Certs\\cert.cer`)."),
            Error::NotRecognised(Unrecognised::Text) => "Dies ist eine Textdatei, die tlsdoctor nicht erkennt (keine PEM-Zeile -----BEGIN, kein Exchange-Protokoll), kein Zertifikat.".to_string(),
            Error::Archive(e) => e.message(lang),
            Error::NotRecognised(Unrecognised::Bytes(head)) => format!(
                "Dies ist eine Datei, die tlsdoctor nicht erkennt (sie beginnt mit den Bytes {head}; kein Zertifikat, PKCS#7, PKCS#12 oder privater Schlüssel), kein Zertifikat."
            ),
        }
    }
}

/// The German words for the part that does not decrypt ([`Error::WrongPasswordOrDamaged`]'s
/// `what`, written in English by the readers); an unknown one stays as it is.
fn undecryptable_de(what: &str) -> String {
    match what {
        "the encrypted part of this file" => "der verschlüsselte Teil dieser Datei".to_string(),
        "the encrypted private key" => "der verschlüsselte private Schlüssel".to_string(),
        "the encrypted PEM private key (Proc-Type: 4,ENCRYPTED)" => {
            "der verschlüsselte PEM-Schlüssel (Proc-Type: 4,ENCRYPTED)".to_string()
        }
        _ => match what
            .strip_prefix("each of its ")
            .and_then(|w| w.strip_suffix(" encrypted parts"))
        {
            Some(n) => format!("jeder ihrer {n} verschlüsselten Teile"),
            None => what.to_string(),
        },
    }
}

/// The German words for what a non-certificate is ([`Error::NotACertificate`]'s `what`, written
/// in English by the readers); an unknown one stays as it is.
pub(crate) fn not_a_certificate_de(what: &str) -> String {
    let known = [
        (
            "a certificate signing request (CSR, PKCS#10)",
            "eine Zertifikatsanforderung (CSR, PKCS#10)",
        ),
        (
            "a certificate revocation list (CRL)",
            "eine Zertifikatsperrliste (CRL)",
        ),
        (
            "a public key only (no certificate)",
            "nur ein öffentlicher Schlüssel (kein Zertifikat)",
        ),
        (
            "a public key only (SubjectPublicKeyInfo, no certificate)",
            "nur ein öffentlicher Schlüssel (SubjectPublicKeyInfo, kein Zertifikat)",
        ),
        ("an OCSP response", "eine OCSP-Antwort"),
        ("a PKCS#12 (PFX) file", "eine PKCS#12-Datei (PFX)"),
        (
            "PEM text (Base64 encoded twice)",
            "PEM-Text (zweimal Base64-kodiert)",
        ),
    ];
    if let Some((_, de)) = known.iter().find(|(en, _)| *en == what) {
        return (*de).to_string();
    }
    if let Some(rest) = what.strip_prefix("a PKCS#7 ") {
        let rest = rest.replace(
            ", which carries no certificate list",
            ", die keine Zertifikatsliste enthält",
        );
        return format!("eine PKCS#7-Nachricht {}", rest.replacen(" message", "", 1));
    }
    if let Some(format) = what
        .strip_prefix("a ")
        .and_then(|w| w.strip_suffix(" private key"))
    {
        return format!("ein privater Schlüssel ({format})");
    }
    if let Some(rest) = what.strip_prefix("PEM text whose blocks (") {
        if let Some(labels) = rest.strip_suffix(") hold no certificate") {
            return format!("PEM-Text, dessen Blöcke ({labels}) kein Zertifikat enthalten");
        }
    }
    what.to_string()
}

impl std::error::Error for Error {}

impl From<&Error> for crate::report::ErrorReport {
    fn from(e: &Error) -> Self {
        crate::report::ErrorReport {
            code: e.error_code(),
            message: e.to_string(),
            error: Some(e.clone()),
            place: None,
        }
    }
}
