//! Output language. All user-facing text of findings lives in one table per language
//! (`en.rs`, `de.rs`), shared by the CLI and the page.

pub mod guide;
pub mod paste_text;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    De,
}

impl Lang {
    /// `en`/`de` (also `de-DE`, `de_AT`, ...). Anything else is English.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("de") {
            Lang::De
        } else {
            Lang::En
        }
    }

    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
        }
    }
}
pub mod ui;

pub mod de;
pub mod en;

/// Every user-facing sentence of findings, verdict, remediation steps and the human report.
/// Each language module maps every key (the `match` is exhaustive, so a missing translation
/// does not compile). `{name}` marks a value filled in by [`fill`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Text {
    AlsoAuthFailed,
    AlsoConnectionDropped,
    AlsoConnectionTimedOut,
    AlsoStartTlsNotAdvertised,
    AlsoFilesUnreadable,
    /// Events saved as XML without their message ([`crate::warning::Warning::EventXmlWithoutMessage`]).
    AlsoEventsWithoutMessage,
    AlsoStartTlsRequired,
    AlsoStartTlsDemandedOfClient,
    AlsoTemporaryAuthFailure,
    AlsoTlsRefusedByRemote,
    AlsoTlsNotAvailable,
    AmbiguousExplanation,
    AmbiguousTitle,
    AmbiguousUsedFromLog,
    AmbiguousUsedUnknown,
    AmbiguousServerRefused,
    EkuExplanation,
    EkuTitle,
    ExpiredAtSessionExplanation,
    ExpiredNowExplanation,
    ExpiredCaNote,
    StepReplaceCaCertificate,
    ExpiredTitle,
    ExpiresSoonExplanation,
    ExpiresSoonTitle,
    KeyMismatchExplanation,
    KeyMismatchTitle,
    MissingKeyLoggedExplanation,
    MissingKeyPfxExplanation,
    MissingKeyTitle,
    NameMismatchExplanation,
    NameMismatchTitle,
    NoCredentialsDroppedWithKey,
    NoCredentialsDroppedWithoutKey,
    NoCredentialsPfxLocked,
    StepCheckReceiveCertificate,
    StartTlsNotOfferedExplanation,
    StartTlsNotOfferedTitle,
    NoCredentialsExplanation,
    NoCredentialsExplanationNoCert,
    NoCredentialsTitleNoCert,
    StepFindSendConnectorCertificate,
    NoCredentialsInboundTitle,
    NoCredentialsInboundExplanation,
    StepEnableVerboseLoggingReceive,
    StepListCertificatesWithKeys,
    NoCredentialsTitle,
    NoProblemFilesExplanation,
    NoProblemLogsExplanation,
    /// In place of the protocol list when no negotiation named its protocol (Exchange 2010).
    ProtocolNotLogged,
    NoProblemTitle,
    NotProvidedExplanation,
    NotProvidedTitle,
    NotYetValidExplanation,
    NotYetValidTitle,
    SelfSignedExplanation,
    SelfSignedTitle,
    SelfSignedFileExplanation,
    PrivateCaFileTitle,
    PrivateCaFileExplanation,
    SspiAlgorithmMismatch,
    SspiCertExpired,
    SspiCertUnknown,
    SspiIllegalMessage,
    SspiOther,
    SspiSocketError,
    SspiTargetUnknown,
    SspiUntrustedRoot,
    StepAmbiguousClearName,
    StepAmbiguousFindConnectors,
    StepAmbiguousList,
    StepAmbiguousRemoveOld,
    StepAmbiguousSetName,
    StepAmbiguousStartTransport,
    StepAmbiguousStopTransport,
    StepCheckClock,
    StepCheckFqdn,
    StepCheckHasPrivateKey,
    StepEnableSmtpAnswerNo,
    StepEnableVerboseLogging,
    StepExportPublic,
    StepExportWithKey,
    StepImportThisPfx,
    StepImportValidCertificate,
    StepRemoveFromStore,
    StepRemoveOldAfterRenewal,
    StepRenewCaIssued,
    StepRenewSelfSigned,
    StepRepairKeyAssociation,
    StepRequestServerAuth,
    StepRetryQueues,
    StepSetTlsCertificateName,
    StepShowServices,
    StepTlsFailedInspect,
    TlsFailedExplanation,
    TlsFailedTitle,
    UnknownCredentialsExplanation,
    UnknownCredentialsTitle,
    UnknownCredentialsInboundTitle,
    UnknownCredentialsInboundExplanation,
    VerdictMany,
    VerdictNothingRead,
    VerdictNothingToAnalyse,
    /// Nothing judged, but private keys were read (and no certificate): `{count}`, `{types}`.
    VerdictOnlyKeys,
    /// One private key of a file: `{key}`, then what it matches.
    KeyLineMatches,
    KeyLineNoMatch,
    VerdictOne,
    HeadingVerdict,
    HeadingFindings,
    HeadingEvidence,
    HeadingSteps,
    HeadingPowerShell,
    HeadingCertificates,
    HeadingObserved,
    HeadingFiles,
    KindX509Cert,
    KindPkcs7Certs,
    KindPkcs12,
    KindProtocolLog,
    KindPrivateKey,
    KindNotACertificate,
    /// A certificate signing request (PKCS#10): `kind` stays `not-a-certificate`.
    KindCertificateRequest,
    /// What a CSR asks for: `{subject}`, `{names}`, `{key}`.
    CertificateRequestLine,
    KindUnknown,
    KindShellOutput,
    KindZipArchive,
    KindExchangeLog,
    KindExchangeLogNamed,
    ArchiveTextNotRead,
    FileUnreadable,
    LogReadFromUtf16,
    LogSummaryLine,
    SeverityError,
    SeverityWarning,
    SeverityInfo,
    PrivateKeyPresent,
    PrivateKeyAbsent,
    /// The file holds an encrypted private key not opened (no or a wrong pass phrase).
    PrivateKeyLocked,
    PrivateKeyInOtherFile,
    SkippedLines,
    /// A FIFO, device or socket found in a folder: never opened (`{path}`).
    WalkSkippedFifo,
    WalkSkippedDevice,
    WalkSkippedSocket,
    SkipLineTooLong,
    SkipBinaryData,
    SkipHeaderLacksColumns,
    SkipTruncatedLastLine,
    SkipUnterminatedQuote,
    SkipTextAfterClosingQuote,
    SkipTooFewFields,
    SkipWrappedRowRest,
    SkipUnknownEvent,
    SkipNoSessionKey,
    LogServersNote,
    ServersTitleSuffix,
    CertExpiredOwn,
    CertExpiredRemote,
    CertExpiredBothValid,
    CertExpiredUnknown,
    CertExpiredNotLogged,
    StepTellRemoteRenew,
    StepCollectBothCertificates,
    StepCheckChains,
    PlaceholderServer,
    PlaceholderThumbprint,
    PlaceholderNewThumbprint,
    PlaceholderSendConnectorName,
    PlaceholderRenewedCertificate,
    PlaceholderCertificateWithKey,
    PlaceholderRemoteHost,
    PlaceholderConnectorName,
    UnknownConnectorKindComment,
    PlaceholderOldThumbprint,
    PlaceholderCaIssuedCertificate,
    PlaceholderInboundConnectorName,
    RoleSending,
    RoleReceived,
    RoleRemote,
    PfxPasswordPrompt,
}

/// The text for `key` in `lang`.
pub fn text(lang: Lang, key: Text) -> &'static str {
    match lang {
        Lang::En => en::text(key),
        Lang::De => de::text(key),
    }
}

/// Replaces each `{name}` in `template` by its value. Unknown placeholders stay as written;
/// values are inserted verbatim (never re-scanned).
pub fn fill(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 64);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match vars.iter().find(|(n, _)| *n == name) {
                    Some((_, v)) => out.push_str(v),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every key (for completeness tests and tools).
pub const ALL: &[Text] = &[
    Text::PfxPasswordPrompt,
    Text::RoleRemote,
    Text::RoleReceived,
    Text::RoleSending,
    Text::PlaceholderInboundConnectorName,
    Text::PlaceholderCaIssuedCertificate,
    Text::PlaceholderOldThumbprint,
    Text::UnknownConnectorKindComment,
    Text::PlaceholderConnectorName,
    Text::PlaceholderRemoteHost,
    Text::PlaceholderCertificateWithKey,
    Text::PlaceholderRenewedCertificate,
    Text::PlaceholderSendConnectorName,
    Text::PlaceholderNewThumbprint,
    Text::PlaceholderThumbprint,
    Text::PlaceholderServer,
    Text::StepCheckChains,
    Text::StepCollectBothCertificates,
    Text::StepTellRemoteRenew,
    Text::CertExpiredNotLogged,
    Text::CertExpiredUnknown,
    Text::CertExpiredBothValid,
    Text::CertExpiredRemote,
    Text::CertExpiredOwn,
    Text::ServersTitleSuffix,
    Text::LogServersNote,
    Text::AlsoAuthFailed,
    Text::AlsoConnectionDropped,
    Text::AlsoConnectionTimedOut,
    Text::AlsoStartTlsNotAdvertised,
    Text::AlsoFilesUnreadable,
    Text::AlsoEventsWithoutMessage,
    Text::AlsoStartTlsRequired,
    Text::AlsoStartTlsDemandedOfClient,
    Text::AlsoTemporaryAuthFailure,
    Text::AlsoTlsRefusedByRemote,
    Text::AlsoTlsNotAvailable,
    Text::AmbiguousExplanation,
    Text::AmbiguousTitle,
    Text::AmbiguousUsedFromLog,
    Text::AmbiguousUsedUnknown,
    Text::AmbiguousServerRefused,
    Text::EkuExplanation,
    Text::EkuTitle,
    Text::ExpiredAtSessionExplanation,
    Text::ExpiredNowExplanation,
    Text::ExpiredCaNote,
    Text::StepReplaceCaCertificate,
    Text::ExpiredTitle,
    Text::ExpiresSoonExplanation,
    Text::ExpiresSoonTitle,
    Text::KeyMismatchExplanation,
    Text::KeyMismatchTitle,
    Text::MissingKeyLoggedExplanation,
    Text::MissingKeyPfxExplanation,
    Text::MissingKeyTitle,
    Text::NameMismatchExplanation,
    Text::NameMismatchTitle,
    Text::NoCredentialsDroppedWithKey,
    Text::NoCredentialsDroppedWithoutKey,
    Text::NoCredentialsPfxLocked,
    Text::StepCheckReceiveCertificate,
    Text::StartTlsNotOfferedExplanation,
    Text::StartTlsNotOfferedTitle,
    Text::NoCredentialsExplanation,
    Text::NoCredentialsExplanationNoCert,
    Text::NoCredentialsTitleNoCert,
    Text::StepFindSendConnectorCertificate,
    Text::NoCredentialsInboundTitle,
    Text::NoCredentialsInboundExplanation,
    Text::StepEnableVerboseLoggingReceive,
    Text::StepListCertificatesWithKeys,
    Text::NoCredentialsTitle,
    Text::NoProblemFilesExplanation,
    Text::NoProblemLogsExplanation,
    Text::ProtocolNotLogged,
    Text::NoProblemTitle,
    Text::NotProvidedExplanation,
    Text::NotProvidedTitle,
    Text::NotYetValidExplanation,
    Text::NotYetValidTitle,
    Text::SelfSignedExplanation,
    Text::SelfSignedTitle,
    Text::SelfSignedFileExplanation,
    Text::PrivateCaFileTitle,
    Text::PrivateCaFileExplanation,
    Text::SspiAlgorithmMismatch,
    Text::SspiCertExpired,
    Text::SspiCertUnknown,
    Text::SspiIllegalMessage,
    Text::SspiOther,
    Text::SspiSocketError,
    Text::SspiTargetUnknown,
    Text::SspiUntrustedRoot,
    Text::StepAmbiguousClearName,
    Text::StepAmbiguousFindConnectors,
    Text::StepAmbiguousList,
    Text::StepAmbiguousRemoveOld,
    Text::StepAmbiguousSetName,
    Text::StepAmbiguousStartTransport,
    Text::StepAmbiguousStopTransport,
    Text::StepCheckClock,
    Text::StepCheckFqdn,
    Text::StepCheckHasPrivateKey,
    Text::StepEnableSmtpAnswerNo,
    Text::StepEnableVerboseLogging,
    Text::StepExportPublic,
    Text::StepExportWithKey,
    Text::StepImportThisPfx,
    Text::StepImportValidCertificate,
    Text::StepRemoveFromStore,
    Text::StepRemoveOldAfterRenewal,
    Text::StepRenewCaIssued,
    Text::StepRenewSelfSigned,
    Text::StepRepairKeyAssociation,
    Text::StepRequestServerAuth,
    Text::StepRetryQueues,
    Text::StepSetTlsCertificateName,
    Text::StepShowServices,
    Text::StepTlsFailedInspect,
    Text::TlsFailedExplanation,
    Text::TlsFailedTitle,
    Text::UnknownCredentialsExplanation,
    Text::UnknownCredentialsTitle,
    Text::UnknownCredentialsInboundTitle,
    Text::UnknownCredentialsInboundExplanation,
    Text::VerdictMany,
    Text::VerdictNothingRead,
    Text::VerdictNothingToAnalyse,
    Text::VerdictOnlyKeys,
    Text::KeyLineMatches,
    Text::KeyLineNoMatch,
    Text::VerdictOne,
    Text::HeadingVerdict,
    Text::HeadingFindings,
    Text::HeadingEvidence,
    Text::HeadingSteps,
    Text::HeadingPowerShell,
    Text::HeadingCertificates,
    Text::HeadingObserved,
    Text::HeadingFiles,
    Text::KindX509Cert,
    Text::KindPkcs7Certs,
    Text::KindPkcs12,
    Text::KindProtocolLog,
    Text::KindPrivateKey,
    Text::KindNotACertificate,
    Text::KindCertificateRequest,
    Text::CertificateRequestLine,
    Text::KindUnknown,
    Text::KindShellOutput,
    Text::KindZipArchive,
    Text::KindExchangeLog,
    Text::KindExchangeLogNamed,
    Text::ArchiveTextNotRead,
    Text::FileUnreadable,
    Text::LogReadFromUtf16,
    Text::LogSummaryLine,
    Text::SeverityError,
    Text::SeverityWarning,
    Text::SeverityInfo,
    Text::PrivateKeyPresent,
    Text::PrivateKeyAbsent,
    Text::PrivateKeyLocked,
    Text::PrivateKeyInOtherFile,
    Text::SkippedLines,
    Text::WalkSkippedFifo,
    Text::WalkSkippedDevice,
    Text::WalkSkippedSocket,
    Text::SkipLineTooLong,
    Text::SkipBinaryData,
    Text::SkipHeaderLacksColumns,
    Text::SkipTruncatedLastLine,
    Text::SkipUnterminatedQuote,
    Text::SkipTextAfterClosingQuote,
    Text::SkipTooFewFields,
    Text::SkipWrappedRowRest,
    Text::SkipUnknownEvent,
    Text::SkipNoSessionKey,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_known_placeholders_only() {
        assert_eq!(fill("a {x} b {y} {x}", &[("x", "1")]), "a 1 b {y} 1");
        assert_eq!(fill("v={x}", &[("x", "{x}")]), "v={x}");
        assert_eq!(fill("open { brace", &[]), "open { brace");
    }

    #[test]
    fn every_key_has_text_in_both_languages_and_same_placeholders() {
        for key in ALL {
            let en = en::text(*key);
            let de = de::text(*key);
            assert!(!en.is_empty() && !de.is_empty(), "{key:?}");
            let names = |s: &str| {
                let mut v: Vec<String> = s
                    .split('{')
                    .skip(1)
                    .filter_map(|p| p.split_once('}').map(|(n, _)| n.to_string()))
                    .collect();
                v.sort();
                v.dedup();
                v
            };
            assert_eq!(names(en), names(de), "placeholders differ for {key:?}");
        }
    }

    /// The log engine and the paste rules describe Exchange's pick among certificates that match
    /// one TlsCertificateName with the same sourced rule, in both languages.
    #[test]
    fn exchange_certificate_choice_is_told_the_same_way_everywhere() {
        let source = "Selection of Inbound STARTTLS Certificates";
        let (en_log, de_log) = (
            en::text(Text::AmbiguousUsedUnknown),
            de::text(Text::AmbiguousUsedUnknown),
        );
        let en_paste = (en::PASTE.ambiguous_explanation)("C", "N", "X", true, &[]);
        let de_paste = (de::PASTE.ambiguous_explanation)("C", "N", "X", true, &[]);
        for text in [en_log, en_paste.as_str()] {
            assert!(
                text.contains(source)
                    && text.contains("\"Valid from\" date first")
                    && text.contains("self-signed one only when"),
                "{text}"
            );
            assert!(!text.contains("its own choice"), "{text}");
        }
        for text in [de_log, de_paste.as_str()] {
            assert!(
                text.contains(source)
                    && text.contains("„Gültig ab“-Datum zuerst")
                    && text.contains("selbstsigniertes nur, wenn"),
                "{text}"
            );
        }
    }
}
