//! The failure catalogue (`../shared/FAILURE-MODES.md`, issue 13): every common mail-flow
//! TLS failure, told apart from whatever evidence the admin has, with an honest verdict.
//!
//! * [`clues`]: recognisers over pasted text (message trace, NDR, queue LastError, events,
//!   shell errors) — one line → one [`clues::ClueKind`] with its values.
//! * [`sessions`]: what each logged session did around TLS (remote drops right after TLS).
//! * `rules`: one finding per catalogue row ([`Id`]), evidence lines, explanation, the fix
//!   filled in with real thumbprints, connector identities and server names (per server).
//! * `files`: checks on dropped certificate files (chain, signature, key size, key usage, SAN).
//! * `verdict`: `no-tls-problem-found` only when a session shows working TLS and nothing
//!   contradicts it; otherwise `insufficient-evidence` with what to collect next.
//! * Which certificate Exchange uses is told by [`crate::exchange::cert_choice`].
//!
//! Runs after the existing engines ([`crate::diagnose`], [`crate::diagnose::pasted`]): a finding
//! id they already produced is not produced twice.

pub mod clues;
pub mod sessions;
pub mod text;

mod files;
pub mod fix;
mod rules;
mod verdict;

use crate::i18n::Lang;
use crate::ids::FindingId;
use crate::log::LogFacts;
use crate::paste::PastedOutput;
use crate::report::{FileReport, Finding};

pub use clues::Clue;

/// The catalogue's finding ids (FAILURE-MODES row in [`Id::row`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Id {
    TlsNameNotFound,
    NoCredentials,
    UnknownCredentials,
    AmbiguousName,
    StartTlsCertificateMissing,
    SubjectMismatch,
    TenantAttribution,
    ChainOrRevocation,
    Expired,
    InternalCertificateMissing,
    TlsVersionMismatch,
    Microsoft365RootMissing,
    WeakSignature,
    RequireTlsNoStartTls,
    HybridSendConnector,
    DuplicatePicked,
    Authentication,
    DroppedAfterTls,
    InsufficientEvidence,
    WeakRsaKey,
    KeyUsage,
    ChainIncomplete,
    SanCoverage,
}

pub const ALL_IDS: &[Id] = &[
    Id::TlsNameNotFound,
    Id::NoCredentials,
    Id::UnknownCredentials,
    Id::AmbiguousName,
    Id::StartTlsCertificateMissing,
    Id::SubjectMismatch,
    Id::TenantAttribution,
    Id::ChainOrRevocation,
    Id::Expired,
    Id::InternalCertificateMissing,
    Id::TlsVersionMismatch,
    Id::Microsoft365RootMissing,
    Id::WeakSignature,
    Id::RequireTlsNoStartTls,
    Id::HybridSendConnector,
    Id::DuplicatePicked,
    Id::Authentication,
    Id::DroppedAfterTls,
    Id::InsufficientEvidence,
    Id::WeakRsaKey,
    Id::KeyUsage,
    Id::ChainIncomplete,
    Id::SanCoverage,
];

impl Id {
    /// The contract id.
    pub fn finding_id(self) -> FindingId {
        match self {
            Id::TlsNameNotFound => FindingId::TlsCertificateNameNotFound,
            Id::NoCredentials => crate::diagnose::no_credentials::ID,
            Id::UnknownCredentials => crate::diagnose::unknown_credentials::ID,
            Id::AmbiguousName => crate::diagnose::ambiguous_name::ID,
            Id::StartTlsCertificateMissing => FindingId::ReceiveConnectorStarttlsCertificateMissing,
            Id::SubjectMismatch => FindingId::ExchangeOnlineSubjectMismatch,
            Id::TenantAttribution => FindingId::ExchangeOnlineTenantAttribution,
            Id::ChainOrRevocation => FindingId::CertificateChainOrRevocationFailure,
            Id::Expired => crate::diagnose::certificate_expired::ID,
            Id::InternalCertificateMissing => FindingId::InternalTransportCertificateMissing,
            Id::TlsVersionMismatch => FindingId::TlsVersionOrCipherMismatch,
            Id::Microsoft365RootMissing => FindingId::Microsoft365RootMissing,
            Id::WeakSignature => FindingId::WeakCertificateSignature,
            Id::RequireTlsNoStartTls => FindingId::RequireTlsRemoteOffersNoStarttls,
            Id::HybridSendConnector => FindingId::HybridSendConnectorMisconfigured,
            Id::DuplicatePicked => FindingId::DuplicateCertificatePickedUnusable,
            Id::Authentication => FindingId::AuthenticationNotTls,
            Id::DroppedAfterTls => FindingId::SessionDroppedAfterTls,
            Id::InsufficientEvidence => FindingId::InsufficientEvidence,
            Id::WeakRsaKey => FindingId::WeakRsaKey,
            Id::KeyUsage => FindingId::CertificateKeyUsageUnsuitable,
            Id::ChainIncomplete => FindingId::CertificateChainIncomplete,
            Id::SanCoverage => FindingId::CertificateDoesNotCoverConnectorFqdn,
        }
    }

    /// The ids the catalogue owns (the others belong to rule modules of
    /// [`crate::diagnose`] and are only produced here when no such module saw the failure).
    pub fn owned() -> Vec<FindingId> {
        ALL_IDS
            .iter()
            .filter(|i| {
                !matches!(
                    i,
                    Id::NoCredentials | Id::UnknownCredentials | Id::AmbiguousName | Id::Expired
                )
            })
            .map(|i| i.finding_id())
            .collect()
    }

    /// The contract string.
    pub fn as_str(self) -> &'static str {
        self.finding_id().as_str()
    }

    /// The FAILURE-MODES row this id tells (None: a supporting finding).
    pub fn row(self) -> Option<u8> {
        Some(match self {
            Id::TlsNameNotFound => 1,
            Id::NoCredentials => 2,
            Id::UnknownCredentials => 3,
            Id::AmbiguousName => 4,
            Id::StartTlsCertificateMissing => 5,
            Id::SubjectMismatch => 6,
            Id::TenantAttribution => 7,
            Id::ChainOrRevocation => 8,
            Id::Expired => 9,
            Id::InternalCertificateMissing => 10,
            Id::TlsVersionMismatch => 11,
            Id::Microsoft365RootMissing => 12,
            Id::WeakSignature => 13,
            Id::RequireTlsNoStartTls => 14,
            Id::HybridSendConnector => 15,
            Id::DuplicatePicked => 16,
            Id::Authentication => 17,
            _ => return None,
        })
    }
}

/// What the catalogue reads.
pub struct Input<'a> {
    pub lang: Lang,
    pub now_unix: i64,
    pub logs: &'a LogFacts,
    /// The file reports (dropped certificates with `matching_key_file` completed).
    pub files: &'a [FileReport],
    /// Pastes by path.
    pub pastes: &'a [(&'a str, &'a PastedOutput)],
    /// Clues from every text input.
    pub clues: &'a [Clue],
}

/// Adds the catalogue's findings and makes the verdict honest. Findings are sorted by
/// severity afterwards (stable).
pub fn apply(input: &Input<'_>, findings: &mut Vec<Finding>, verdict: &mut String) {
    let cx = rules::Cx::new(input);
    let was_standard = !verdict.is_empty() && *verdict == verdict::standard(input.lang, findings);
    rules::run(&cx, findings);
    files::run(&cx, findings);
    findings.sort_by_key(|f| (f.severity, f.id != crate::ids::FindingId::NoTlsProblemFound));
    verdict::settle(&cx, findings, verdict, was_standard);
}
