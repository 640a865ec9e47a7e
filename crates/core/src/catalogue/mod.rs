//! The failure catalogue (`../shared/FAILURE-MODES.md`, issue 13): every common mail-flow
//! TLS failure, told apart from whatever evidence the admin has, with an honest verdict.
//!
//! * [`clues`]: recognisers over pasted text (message trace, NDR, queue LastError, events,
//!   shell errors) — one line → one [`clues::ClueKind`] with its values.
//! * [`sessions`]: what each logged session did around TLS (remote drops right after TLS).
//! * [`cx`]: what the catalogue's rule modules read ([`cx::Cx`], built from
//!   [`crate::diagnose::Context`]); [`text`] their words (en + de), [`fix`] their PowerShell.
//! * The rules themselves are modules of [`crate::diagnose`], one per finding id, listed in the
//!   one rule table [`crate::diagnose::RULES`] (e.g. `diagnose::exchange_online_subject_mismatch`,
//!   `diagnose::insufficient_evidence` for the honest verdict).
//! * Which certificate Exchange uses is told by [`crate::exchange::cert_choice`].

pub mod clues;
pub mod cx;
pub mod fix;
pub mod sessions;
pub mod text;

use crate::i18n::Lang;
use crate::ids::FindingId;
use crate::log::LogFacts;
use crate::paste::PastedOutput;
use crate::report::FileReport;

pub use clues::Clue;

/// The catalogue's rows: the key of their words ([`text::row`]) and their FAILURE-MODES row
/// ([`Id::row`]). The finding id is the owning rule module's `ID` ([`Id::finding_id`]).
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
    LegacyTlsProtocol,
    StartTlsRequiredByRemote,
    StartTlsRequiredByThisServer,
    CertificateRequest,
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
    Id::LegacyTlsProtocol,
    Id::StartTlsRequiredByRemote,
    Id::StartTlsRequiredByThisServer,
    Id::CertificateRequest,
];

impl Id {
    /// The contract id: the owning rule module's `ID`.
    pub fn finding_id(self) -> FindingId {
        match self {
            Id::TlsNameNotFound => crate::diagnose::tls_certificate_name_not_found::ID,
            Id::NoCredentials => crate::diagnose::no_credentials::ID,
            Id::UnknownCredentials => crate::diagnose::unknown_credentials::ID,
            Id::AmbiguousName => crate::diagnose::ambiguous_name::ID,
            Id::StartTlsCertificateMissing => {
                crate::diagnose::receive_connector_starttls_certificate_missing::ID
            }
            Id::SubjectMismatch => crate::diagnose::exchange_online_subject_mismatch::ID,
            Id::TenantAttribution => crate::diagnose::exchange_online_tenant_attribution::ID,
            Id::ChainOrRevocation => crate::diagnose::certificate_chain_or_revocation_failure::ID,
            Id::Expired => crate::diagnose::certificate_expired::ID,
            Id::InternalCertificateMissing => {
                crate::diagnose::internal_transport_certificate_missing::ID
            }
            Id::TlsVersionMismatch => crate::diagnose::tls_version_or_cipher_mismatch::ID,
            Id::Microsoft365RootMissing => crate::diagnose::microsoft_365_root_missing::ID,
            Id::WeakSignature => crate::diagnose::weak_certificate_signature::ID,
            Id::RequireTlsNoStartTls => crate::diagnose::require_tls_remote_offers_no_starttls::ID,
            Id::HybridSendConnector => crate::diagnose::hybrid_send_connector_misconfigured::ID,
            Id::DuplicatePicked => crate::diagnose::duplicate_certificate_picked_unusable::ID,
            Id::Authentication => crate::diagnose::authentication_not_tls::ID,
            Id::DroppedAfterTls => crate::diagnose::session_dropped_after_tls::ID,
            Id::InsufficientEvidence => crate::diagnose::insufficient_evidence::ID,
            Id::WeakRsaKey => crate::diagnose::weak_rsa_key::ID,
            Id::KeyUsage => crate::diagnose::certificate_key_usage_unsuitable::ID,
            Id::ChainIncomplete => crate::diagnose::certificate_chain_incomplete::ID,
            Id::SanCoverage => crate::diagnose::certificate_does_not_cover_connector_fqdn::ID,
            Id::LegacyTlsProtocol => crate::diagnose::legacy_tls_protocol_negotiated::ID,
            Id::StartTlsRequiredByRemote => crate::diagnose::starttls_required_by_remote::ID,
            Id::StartTlsRequiredByThisServer => {
                crate::diagnose::starttls_required_by_this_server::ID
            }
            Id::CertificateRequest => crate::diagnose::certificate_request_not_completed::ID,
        }
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
#[derive(Clone, Copy)]
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
