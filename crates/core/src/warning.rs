//! Non-fatal remarks about an input (trailing bytes, a skipped PEM block, a certificate that
//! breaks an RFC 5280 rule), typed so that the report words them in the user's language.
//!
//! The readers push a [`Warning`]; the report carries it as a [`WarningReport`], which the JSON
//! shows as one string (contract v1: `warnings` is a list of strings; `inspect` words them in
//! English) and `analyze` words in the report's language ([`WarningReport::localise`]), as it
//! does for [`crate::report::ErrorReport`]. Details that come from a parser (an x509-parser error,
//! a .NET name-rendering note) stay as the parser wrote them, inside the localised sentence.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::i18n::Lang;

/// Where in a file a warning or an error applies.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Place {
    /// The `index`-th PEM block (from 1), its label and the line its `-----BEGIN` is on.
    PemBlock {
        index: usize,
        label: String,
        line: usize,
    },
    /// The `index`-th certificate (from 1) of a PKCS#7 bag, the bag itself at `within`.
    Pkcs7Certificate {
        within: Option<Box<Place>>,
        index: usize,
    },
    /// The private key of a combined PEM file (certificate and key).
    PrivateKey,
    /// The `index`-th (from 1) of DER certificates one after another in one file.
    DerCertificate { index: usize },
}

impl Place {
    /// The place in `lang`, as a sentence's opening words (`PEM block 2 (CERTIFICATE, line 31)`).
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Place::PemBlock { index, label, line }, Lang::En) => {
                format!("PEM block {index} ({label}, line {line})")
            }
            (Place::PemBlock { index, label, line }, Lang::De) => {
                format!("PEM-Block {index} ({label}, Zeile {line})")
            }
            (Place::Pkcs7Certificate { within, index }, Lang::En) => match within {
                Some(p) => format!("{}: certificate {index} of the PKCS#7 bag", p.text(lang)),
                None => format!("certificate {index} of the PKCS#7 bag"),
            },
            (Place::Pkcs7Certificate { within, index }, Lang::De) => match within {
                Some(p) => format!("{}: Zertifikat {index} des PKCS#7-Containers", p.text(lang)),
                None => format!("Zertifikat {index} des PKCS#7-Containers"),
            },
            (Place::PrivateKey, Lang::En) => "private key".into(),
            (Place::PrivateKey, Lang::De) => "privater Schlüssel".into(),
            (Place::DerCertificate { index }, Lang::En) => {
                format!("certificate {index} of the file")
            }
            (Place::DerCertificate { index }, Lang::De) => format!("Zertifikat {index} der Datei"),
        }
    }
}

/// Which name of a certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameField {
    Subject,
    Issuer,
}

impl NameField {
    fn text(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (NameField::Subject, Lang::En) => "subject",
            (NameField::Issuer, Lang::En) => "issuer",
            (NameField::Subject, Lang::De) => "Antragsteller",
            (NameField::Issuer, Lang::De) => "Aussteller",
        }
    }
}

/// Which validity bound of a certificate (RFC 5280 §4.1.2.5), by its ASN.1 name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeField {
    NotBefore,
    NotAfter,
}

impl TimeField {
    fn name(self) -> &'static str {
        match self {
            TimeField::NotBefore => "notBefore",
            TimeField::NotAfter => "notAfter",
        }
    }
}

/// The date property of a pasted certificate whose value could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PastedDate {
    NotAfter,
    NotBefore,
}

/// One non-fatal remark.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Warning {
    // ---- certificates (x509) ----
    /// x509-parser refused the certificate; it was read by the lenient reader.
    ReadLeniently {
        reason: String,
    },
    /// Some extensions did not decode (lenient read).
    ExtensionsUndecodable,
    /// A note of the .NET name rendering (a string type .NET reads differently, ...).
    NameNote {
        which: NameField,
        note: String,
    },
    /// The name does not decode; .NET shows it as "".
    NameUndecodable {
        which: NameField,
        error: String,
    },
    SerialNegative,
    SerialZero,
    SerialTooLong {
        octets: usize,
    },
    /// A UTCTime not in the DER form `YYMMDDhhmmssZ`.
    TimeNotDer {
        which: TimeField,
    },
    /// A time that does not read; its raw text is shown.
    TimeUnreadable {
        which: TimeField,
        error: String,
    },
    ExtensionUndecodable {
        oid: String,
        error: String,
    },
    /// Bytes after a DER certificate.
    TrailingBytesAfterCertificate {
        count: usize,
    },
    // ---- PKCS#7 ----
    TrailingBytesAfterPkcs7 {
        count: usize,
    },
    /// A non-certificate choice in the certificate list.
    Pkcs7EntrySkipped {
        tag: u32,
    },
    // ---- PKCS#12 ----
    TrailingBytesAfterPkcs12 {
        count: usize,
    },
    /// No password verified the MAC; the certificates shown come from the unencrypted part.
    MacNotVerifiedCertificatesShown,
    /// Encrypted parts not opened; `shown`: something from the unencrypted parts is shown.
    EncryptedPartsNotOpened {
        count: usize,
        shown: bool,
    },
    /// A part is encrypted with another password form than the one that verified the MAC.
    PasswordFormsDiffer {
        part: &'static str,
        mac: &'static str,
    },
    /// The file has no MAC.
    Pkcs12NoMac,
    /// The MAC uses something tlsdoctor cannot check.
    MacUncheckable {
        reason: String,
    },
    /// A certificate of the file does not read (the others are shown).
    Pkcs12CertificateUnreadable {
        error: Box<crate::Error>,
    },
    CertificateBagSkipped {
        kind: String,
    },
    CrlBagSkipped,
    SecretBagSkipped,
    UnknownBagSkipped {
        oid: String,
    },
    // ---- files ----
    /// An error after the file's first one (the first is the file's `error`).
    FurtherError {
        place: Option<Place>,
        error: Box<crate::Error>,
    },
    /// The first error of the private key part of a combined PEM file.
    PrivateKeyError {
        error: Box<crate::Error>,
    },
    /// A PEM block that is not a certificate (nor a key).
    PemBlockIgnored {
        place: Place,
    },
    /// A PKCS#7 bag under a `CERTIFICATE` label (a Microsoft CA's Base-64 `certnew.p7b`).
    Pkcs7UnderCertificateLabel {
        place: Place,
    },
    /// A single `CERTIFICATE` block holding another kind of file, `what` (`certutil -encode`
    /// labels any file so); the file was read as that.
    OtherFileUnderCertificateLabel {
        place: Place,
        what: String,
    },
    /// DER certificates one after another in one file (`copy /b`, `cat`).
    DerCertificatesConcatenated {
        count: usize,
    },
    /// Base64 with no `-----BEGIN` line, decoded first.
    BareBase64,
    /// PEM quoted in an e-mail reply (`> ` before its lines): read without the quote marks.
    QuotedReplyUnquoted,
    /// A certificate file in UTF-16 (Notepad's "Unicode").
    Utf16ReadAsUtf8,
    /// A protocol log or paste in UTF-16 (Windows PowerShell's `>`).
    LogReadFromUtf16,
    /// A protocol log given to `inspect`.
    ProtocolLog,
    /// An Exchange log that is not a protocol log (message tracking, ...).
    ExchangeLogWithoutTls,
    /// A text file inside a .zip that tlsdoctor does not read.
    ArchiveTextNotRead,
    // ---- pasted shell output ----
    PasteRecordsCapped {
        max: usize,
    },
    /// A Windows event saved as XML without its message (only its insertion strings), whose
    /// message tlsdoctor cannot rebuild.
    EventXmlWithoutMessage {
        line: u64,
        event_id: String,
        source: String,
    },
    PasteValueCapped {
        name: String,
        line: u64,
        max: usize,
    },
    PasteDateUnreadable {
        which: PastedDate,
        line: u64,
        text: String,
    },
    PasteLinesSkipped {
        count: u64,
    },
    /// The file mixes `encodings` (lines appended by `>>` or `Add-Content` in another
    /// encoding), switching at the start of `lines`; every part was read in its own.
    PasteEncodingsMixed {
        encodings: String,
        lines: String,
    },
}

impl Warning {
    /// The remark in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        use Warning::*;
        match self {
            ReadLeniently { reason } => format!(
                "x509-parser lehnt dieses Zertifikat ab ({reason}); es wurde nachsichtig gelesen, so wie Windows und OpenSSL es lesen."
            ),
            ExtensionsUndecodable => {
                "Einige Erweiterungen ließen sich nicht dekodieren.".into()
            }
            NameNote { which, note } => format!("{}: {note}", which.text(lang)),
            NameUndecodable { which, error } => format!(
                "Der Name ({}) lässt sich nicht dekodieren ({error}); .NET zeigt ihn als leere Zeichenfolge.",
                which.text(lang)
            ),
            SerialNegative => "Die Seriennummer ist negativ (RFC 5280 verlangt eine positive); Windows zeigt ihre Bytes unverändert.".into(),
            SerialZero => "Die Seriennummer ist null (RFC 5280 verlangt eine positive).".into(),
            SerialTooLong { octets } => format!(
                "Die Seriennummer ist {octets} Bytes lang (RFC 5280 erlaubt höchstens 20)."
            ),
            TimeNotDer { which } => format!(
                "{} ist nicht in der DER-Form von UTCTime (YYMMDDhhmmssZ).",
                which.name()
            ),
            TimeUnreadable { which, error } => {
                format!("{} lässt sich nicht lesen: {error}", which.name())
            }
            ExtensionUndecodable { oid, error } => {
                format!("Die Erweiterung {oid} lässt sich nicht dekodieren: {error}")
            }
            TrailingBytesAfterCertificate { count } => {
                format!("{count} Bytes nach dem Zertifikat wurden ignoriert.")
            }
            TrailingBytesAfterPkcs7 { count } => {
                format!("{count} Bytes nach der PKCS#7-Struktur wurden ignoriert.")
            }
            Pkcs7EntrySkipped { tag } => format!(
                "Ein Eintrag der Zertifikatliste, der kein Zertifikat ist (Tag [{tag}]), wurde übersprungen."
            ),
            TrailingBytesAfterPkcs12 { count } => {
                format!("{count} Bytes nach der PKCS#12-Struktur wurden ignoriert.")
            }
            MacNotVerifiedCertificatesShown => "Keines der versuchten Passwörter bestätigt den MAC dieser Datei: Die gezeigten Zertifikate stammen aus ihrem unverschlüsselten Teil und sind nicht auf Unversehrtheit geprüft.".into(),
            EncryptedPartsNotOpened { count, shown: true } => format!(
                "{count} verschlüsselte(r) Teil(e) wurde(n) nicht geöffnet; was gezeigt wird, stammt aus den unverschlüsselten Teilen der Datei."
            ),
            EncryptedPartsNotOpened { count, shown: false } => {
                format!("{count} verschlüsselte(r) Teil(e) wurde(n) nicht geöffnet.")
            }
            PasswordFormsDiffer { part, mac } => format!(
                "Ein Teil dieser Datei ist mit einer anderen Form des Passworts ({part}) verschlüsselt als der, die den MAC bestätigt hat ({mac})."
            ),
            Pkcs12NoMac => "Diese Datei hat keinen MAC (keine Prüfung der Unversehrtheit durch das Passwort).".into(),
            MacUncheckable { reason } => {
                format!("Der MAC ließ sich nicht prüfen: {reason}")
            }
            Pkcs12CertificateUnreadable { error } => format!(
                "Ein Zertifikat in dieser Datei ließ sich nicht lesen: {}",
                error.message(lang)
            ),
            CertificateBagSkipped { kind } => format!(
                "Ein Zertifikat-Bag vom Typ {kind} (kein X.509) wurde übersprungen."
            ),
            CrlBagSkipped => "Ein CRL-Bag wurde übersprungen.".into(),
            SecretBagSkipped => "Ein Secret-Bag wurde übersprungen.".into(),
            UnknownBagSkipped { oid } => {
                format!("Ein Bag unbekannten Typs {oid} wurde übersprungen.")
            }
            FurtherError { place: Some(place), error } => {
                format!("{}: {}", place.text(lang), error.message(lang))
            }
            FurtherError { place: None, error } => error.message(lang),
            PrivateKeyError { error } => {
                format!("{}: {}", Place::PrivateKey.text(lang), error.message(lang))
            }
            PemBlockIgnored { place } => format!(
                "{} ist kein Zertifikat und wurde nicht gelesen.",
                place.text(lang)
            ),
            Pkcs7UnderCertificateLabel { place } => format!(
                "{} enthält einen PKCS#7-Zertifikatcontainer unter der Bezeichnung CERTIFICATE (wie die Base-64-Datei certnew.p7b einer Microsoft-Zertifizierungsstelle).",
                place.text(lang)
            ),
            OtherFileUnderCertificateLabel { place, what } => format!(
                "{} enthält {}, kein Zertifikat, unter der Bezeichnung CERTIFICATE (wie `certutil -encode` jede Datei bezeichnet); die Datei wurde als solche gelesen.",
                place.text(lang),
                crate::error::not_a_certificate_de(what)
            ),
            DerCertificatesConcatenated { count } => format!(
                "{count} DER-Zertifikate hintereinander in einer Datei; Windows liest nur das erste."
            ),
            BareBase64 => "Die Datei ist reines Base64 (ohne -----BEGIN-Zeile); sie wurde zuerst dekodiert.".into(),
            QuotedReplyUnquoted => "Der PEM-Text ist als Zitat einer E-Mail-Antwort eingerückt („> “ vor den Zeilen); er wurde ohne die Zitatzeichen gelesen.".into(),
            Utf16ReadAsUtf8 => "UTF-16-Text (z. B. vom Editor als „Unicode“ gespeichert) wurde als UTF-8 gelesen.".into(),
            LogReadFromUtf16 => {
                crate::i18n::text(lang, crate::i18n::Text::LogReadFromUtf16).to_string()
            }
            ArchiveTextNotRead => {
                crate::i18n::text(lang, crate::i18n::Text::ArchiveTextNotRead).to_string()
            }
            ProtocolLog => "Ein Exchange-Protokoll (SMTP); `tlsdoctor analyze` liest es.".into(),
            ExchangeLogWithoutTls => "Ein Exchange-Protokoll, das keinen TLS-Handshake aufzeichnet; `tlsdoctor analyze` liest seine Zeilen auf die Fehler hin, die sie nennen.".into(),
            PasteRecordsCapped { max } => {
                format!("Nur die ersten {max} Datensätze der Einfügung wurden gelesen.")
            }
            EventXmlWithoutMessage { line, event_id, source } => format!(
                "Ereignis {event_id} ({source}, Zeile {line}) wurde als XML ohne seinen Meldungstext gespeichert (nur die Einfügezeichenfolgen, z. B. aus der XML-Ansicht der Registerkarte Details oder wevtutil /f:xml); tlsdoctor liest Ereignisse an ihrem Text. Kopieren Sie es mit \"Details als Text kopieren\" der Ereignisanzeige oder exportieren Sie es mit wevtutil qe Application /f:RenderedXml."
            ),
            PasteValueCapped { name, line, max } => format!(
                "Der Wert von {name} (Zeile {line}) ist länger als {max} Zeichen; nur die ersten {max} wurden gelesen."
            ),
            PasteDateUnreadable { which, line, text } => format!(
                "{} des Zertifikats in Zeile {line} („{text}“) ist kein Datum, das tlsdoctor lesen kann, daher wurde seine Gültigkeit nicht geprüft; die Daten so einfügen, wie `Get-ExchangeCertificate | fl Thumbprint,@{{n='NotAfter';e={{$_.NotAfter.ToString('o')}}}}` sie ausgibt.",
                pasted_date_name(*which)
            ),
            PasteLinesSkipped { count } => {
                (crate::i18n::paste_text::paste_text(lang).lines_skipped)(*count)
            }
            PasteEncodingsMixed { encodings, lines } => format!(
                "Die Datei mischt Kodierungen ({encodings}; Wechsel am Anfang der Zeile(n) {lines}): Zeilen wurden mit `>>` oder Add-Content in einer anderen Kodierung angehängt. Jeder Teil wurde in seiner eigenen Kodierung gelesen."
            ),
        }
    }
}

fn pasted_date_name(which: PastedDate) -> &'static str {
    match which {
        PastedDate::NotAfter => "NotAfter",
        PastedDate::NotBefore => "NotBefore",
    }
}

/// English, the words of contract v1's `warnings` (and of `inspect`).
impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Warning::*;
        let en = Lang::En;
        match self {
            ReadLeniently { reason } => write!(
                f,
                "x509-parser rejects this certificate ({reason}); it was read leniently, as Windows and OpenSSL read it"
            ),
            ExtensionsUndecodable => f.write_str("some extensions could not be decoded"),
            NameNote { which, note } => write!(f, "{}: {note}", which.text(en)),
            NameUndecodable { which, error } => write!(
                f,
                "the {} name does not decode ({error}); .NET shows it as an empty string",
                which.text(en)
            ),
            SerialNegative => f.write_str(
                "the serial number is negative (RFC 5280 requires a positive serial); Windows shows its raw bytes",
            ),
            SerialZero => {
                f.write_str("the serial number is zero (RFC 5280 requires a positive serial)")
            }
            SerialTooLong { octets } => write!(
                f,
                "the serial number is {octets} octets long (RFC 5280 allows at most 20)"
            ),
            TimeNotDer { which } => write!(
                f,
                "{} is not in the DER UTCTime form YYMMDDhhmmssZ",
                which.name()
            ),
            TimeUnreadable { which, error } => write!(f, "{}: {error}", which.name()),
            ExtensionUndecodable { oid, error } => {
                write!(f, "extension {oid} does not decode: {error}")
            }
            TrailingBytesAfterCertificate { count } => {
                write!(f, "{count} bytes after the certificate were ignored")
            }
            TrailingBytesAfterPkcs7 { count } => {
                write!(f, "{count} bytes after the PKCS#7 structure were ignored")
            }
            Pkcs7EntrySkipped { tag } => write!(
                f,
                "a non-certificate entry (tag [{tag}]) in the certificate list was skipped"
            ),
            TrailingBytesAfterPkcs12 { count } => write!(
                f,
                "{count} bytes follow the PKCS#12 structure and were ignored."
            ),
            MacNotVerifiedCertificatesShown => f.write_str(
                "No password tried verifies this file's MAC: the certificates shown come from its unencrypted part and are not integrity-checked.",
            ),
            EncryptedPartsNotOpened { count, shown: true } => write!(
                f,
                "{count} encrypted part(s) were not opened; what is shown comes from the unencrypted parts of the file."
            ),
            EncryptedPartsNotOpened { count, shown: false } => {
                write!(f, "{count} encrypted part(s) were not opened.")
            }
            PasswordFormsDiffer { part, mac } => write!(
                f,
                "Part of this file is encrypted with another form of the password ({part}) than the one that verified the MAC ({mac})."
            ),
            Pkcs12NoMac => f.write_str("This file has no MAC (no password integrity check)."),
            MacUncheckable { reason } => write!(f, "The MAC could not be checked: {reason}"),
            Pkcs12CertificateUnreadable { error } => {
                write!(f, "A certificate in this file could not be read: {error}")
            }
            CertificateBagSkipped { kind } => {
                write!(f, "A certificate bag of type {kind} (not X.509) was skipped.")
            }
            CrlBagSkipped => f.write_str("A CRL bag was skipped."),
            SecretBagSkipped => f.write_str("A secret bag was skipped."),
            UnknownBagSkipped { oid } => write!(f, "A bag of unknown type {oid} was skipped."),
            FurtherError {
                place: Some(place),
                error,
            } => write!(f, "{}: {error}", place.text(en)),
            FurtherError { place: None, error } => write!(f, "{error}"),
            PrivateKeyError { error } => write!(f, "{}: {error}", Place::PrivateKey.text(en)),
            PemBlockIgnored { place } => {
                write!(f, "{} is not a certificate and was ignored", place.text(en))
            }
            Pkcs7UnderCertificateLabel { place } => write!(
                f,
                "{} holds a PKCS#7 certificate bag under a CERTIFICATE label (as a Microsoft CA's Base-64 certnew.p7b does)",
                place.text(en)
            ),
            OtherFileUnderCertificateLabel { place, what } => write!(
                f,
                "{} holds {what}, not a certificate, under a CERTIFICATE label (as `certutil -encode` labels any file); it was read as such",
                place.text(en)
            ),
            DerCertificatesConcatenated { count } => write!(
                f,
                "{count} DER certificates one after another in one file; Windows reads only the first"
            ),
            BareBase64 => f.write_str(
                "the file is bare Base64 (no -----BEGIN line); it was decoded first",
            ),
            QuotedReplyUnquoted => f.write_str(
                "the PEM text is quoted as in an e-mail reply (\"> \" before its lines); it was read without the quote marks",
            ),
            Utf16ReadAsUtf8 => f.write_str(
                "UTF-16 text (e.g. saved by Notepad as \"Unicode\") was read as UTF-8",
            ),
            LogReadFromUtf16 => {
                f.write_str(crate::i18n::text(en, crate::i18n::Text::LogReadFromUtf16))
            }
            ArchiveTextNotRead => {
                f.write_str(crate::i18n::text(en, crate::i18n::Text::ArchiveTextNotRead))
            }
            ProtocolLog => f.write_str("an Exchange protocol log; `tlsdoctor analyze` reads it"),
            ExchangeLogWithoutTls => f.write_str(
                "an Exchange log that records no TLS handshake; `tlsdoctor analyze` reads its rows for the failures they name",
            ),
            PasteRecordsCapped { max } => {
                write!(f, "Only the first {max} records of the paste were read.")
            }
            EventXmlWithoutMessage { line, event_id, source } => write!(
                f,
                "Event {event_id} ({source}, line {line}) was saved as XML without its message text (only its insertion strings, as the Details tab's XML view or wevtutil /f:xml save it); tlsdoctor reads events by their text. Copy it with Event Viewer's \"Copy details as text\", or export it with wevtutil qe Application /f:RenderedXml."
            ),
            PasteValueCapped { name, line, max } => write!(
                f,
                "The value of {name} (line {line}) is longer than {max} characters; only the first {max} were read."
            ),
            PasteDateUnreadable { which, line, text } => write!(
                f,
                "The {} of the certificate at line {line} (\"{text}\") is not a date tlsdoctor can read, so its validity was not checked; paste the dates as `Get-ExchangeCertificate | fl Thumbprint,@{{n='NotAfter';e={{$_.NotAfter.ToString('o')}}}}` prints them.",
                pasted_date_name(*which)
            ),
            PasteLinesSkipped { count } => {
                f.write_str(&(crate::i18n::paste_text::paste_text(en).lines_skipped)(*count))
            }
            PasteEncodingsMixed { encodings, lines } => write!(
                f,
                "The file mixes encodings ({encodings}; switching at the start of line(s) {lines}): lines were appended with `>>` or Add-Content in another encoding. Every part was read in its own encoding."
            ),
        }
    }
}

/// A warning as a report carries it: the words (English until [`WarningReport::localise`]) and,
/// when it came from a reader, the typed [`Warning`]. Serialised as the words alone (contract v1:
/// a string); equal when the words are equal, like [`crate::report::ErrorReport`].
#[derive(Debug, Clone)]
pub struct WarningReport {
    pub message: String,
    pub warning: Option<Warning>,
}

impl WarningReport {
    /// Words the message in `lang` (a report read back from JSON has no typed warning and
    /// keeps its words).
    pub fn localise(&mut self, lang: Lang) {
        if let Some(w) = &self.warning {
            self.message = w.message(lang);
        }
    }
}

impl From<Warning> for WarningReport {
    fn from(warning: Warning) -> Self {
        WarningReport {
            message: warning.to_string(),
            warning: Some(warning),
        }
    }
}

impl fmt::Display for WarningReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl PartialEq for WarningReport {
    fn eq(&self, other: &Self) -> bool {
        self.message == other.message
    }
}

impl Eq for WarningReport {}

impl Serialize for WarningReport {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.message)
    }
}

impl<'de> Deserialize<'de> for WarningReport {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(WarningReport {
            message: String::deserialize(d)?,
            warning: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every remark has German words of its own (none falls back to English), and the JSON of a
    /// report stays a string.
    #[test]
    fn every_warning_is_worded_in_german() {
        let error = Box::new(crate::Error::Empty);
        let place = Place::PemBlock {
            index: 2,
            label: "CERTIFICATE".into(),
            line: 31,
        };
        let all = [
            Warning::ReadLeniently { reason: "x".into() },
            Warning::ExtensionsUndecodable,
            Warning::NameNote {
                which: NameField::Subject,
                note: "n".into(),
            },
            Warning::NameUndecodable {
                which: NameField::Issuer,
                error: "e".into(),
            },
            Warning::SerialNegative,
            Warning::SerialZero,
            Warning::SerialTooLong { octets: 21 },
            Warning::TimeNotDer {
                which: TimeField::NotAfter,
            },
            Warning::TimeUnreadable {
                which: TimeField::NotBefore,
                error: "e".into(),
            },
            Warning::ExtensionUndecodable {
                oid: "2.5.29.17".into(),
                error: "e".into(),
            },
            Warning::TrailingBytesAfterCertificate { count: 4 },
            Warning::TrailingBytesAfterPkcs7 { count: 4 },
            Warning::Pkcs7EntrySkipped { tag: 1 },
            Warning::TrailingBytesAfterPkcs12 { count: 4 },
            Warning::MacNotVerifiedCertificatesShown,
            Warning::EncryptedPartsNotOpened {
                count: 1,
                shown: true,
            },
            Warning::EncryptedPartsNotOpened {
                count: 1,
                shown: false,
            },
            Warning::PasswordFormsDiffer {
                part: "absent",
                mac: "given",
            },
            Warning::CertificateBagSkipped {
                kind: "sdsi".into(),
            },
            Warning::Pkcs12NoMac,
            Warning::MacUncheckable { reason: "r".into() },
            Warning::Pkcs12CertificateUnreadable {
                error: Box::new(crate::Error::Empty),
            },
            Warning::ProtocolLog,
            Warning::CrlBagSkipped,
            Warning::SecretBagSkipped,
            Warning::UnknownBagSkipped { oid: "1.2".into() },
            Warning::FurtherError {
                place: Some(place.clone()),
                error: error.clone(),
            },
            Warning::PrivateKeyError { error },
            Warning::PemBlockIgnored {
                place: place.clone(),
            },
            Warning::OtherFileUnderCertificateLabel {
                place: place.clone(),
                what: "a certificate revocation list (CRL)".into(),
            },
            Warning::DerCertificatesConcatenated { count: 2 },
            Warning::Pkcs7UnderCertificateLabel { place },
            Warning::BareBase64,
            Warning::QuotedReplyUnquoted,
            Warning::Utf16ReadAsUtf8,
            Warning::LogReadFromUtf16,
            Warning::ExchangeLogWithoutTls,
            Warning::ArchiveTextNotRead,
            Warning::PasteRecordsCapped { max: 10 },
            Warning::EventXmlWithoutMessage {
                line: 2,
                event_id: "12016".into(),
                source: "MSExchangeFrontEndTransport".into(),
            },
            Warning::PasteValueCapped {
                name: "Subject".into(),
                line: 3,
                max: 10,
            },
            Warning::PasteDateUnreadable {
                which: PastedDate::NotAfter,
                line: 3,
                text: "x".into(),
            },
            Warning::PasteLinesSkipped { count: 2 },
            Warning::PasteEncodingsMixed {
                encodings: "UTF-16 LE, UTF-8".into(),
                lines: "3".into(),
            },
        ];
        for w in all {
            let en = w.message(Lang::En);
            let de = w.message(Lang::De);
            assert!(!en.is_empty(), "{w:?}");
            assert_ne!(en, de, "{w:?} has no German words");
            let mut report = WarningReport::from(w.clone());
            assert_eq!(serde_json::to_value(&report).unwrap(), en.as_str());
            report.localise(Lang::De);
            assert_eq!(report.message, de);
        }
    }

    #[test]
    fn places_nest() {
        let place = Place::Pkcs7Certificate {
            within: Some(Box::new(Place::PemBlock {
                index: 1,
                label: "PKCS7".into(),
                line: 1,
            })),
            index: 3,
        };
        assert_eq!(
            place.text(Lang::En),
            "PEM block 1 (PKCS7, line 1): certificate 3 of the PKCS#7 bag"
        );
        assert_eq!(
            place.text(Lang::De),
            "PEM-Block 1 (PKCS7, Zeile 1): Zertifikat 3 des PKCS#7-Containers"
        );
    }
}
