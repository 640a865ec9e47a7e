//! The stable identifiers of the JSON contract (/work/shared/CONTRACT.md, "add, never break"):
//! finding ids, file error codes. Each string is written here and nowhere else; every other
//! module compares the enums. Serialised (and shown) as the contract's kebab-case strings.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Declares a `Copy` enum whose serde form and `as_str()` are the given strings.
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant,)+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The contract's string.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }

            /// The value for a contract string (`None` for anything else).
            pub fn parse(text: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == text)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                self.as_str() == other
            }
        }

        impl PartialEq<$name> for &str {
            fn eq(&self, other: &$name) -> bool {
                *self == other.as_str()
            }
        }

        impl From<$name> for String {
            fn from(v: $name) -> String {
                v.as_str().to_string()
            }
        }
    };
}

string_enum! {
    /// A finding's `id`. Each is produced by exactly one rule module of [`crate::diagnose::RULES`].
    FindingId {
        NoCredentials = "no-credentials",
        UnknownCredentials = "unknown-credentials",
        TlsNegotiationFailed = "tls-negotiation-failed",
        CertificateMissingPrivateKey = "certificate-missing-private-key",
        PrivateKeyDoesNotMatch = "private-key-does-not-match",
        CertificateExpired = "certificate-expired",
        CertificateNotYetValid = "certificate-not-yet-valid",
        CertificateExpiresSoon = "certificate-expires-soon",
        AmbiguousTlsCertificateName = "ambiguous-tls-certificate-name",
        SelfSignedCertificateExternal = "self-signed-certificate-external",
        CertificateMissingServerAuthEku = "certificate-missing-server-auth-eku",
        CertificateNameMismatch = "certificate-name-mismatch",
        StarttlsNotOffered = "starttls-not-offered",
        CertificateNotProvided = "certificate-not-provided",
        TlsCertificateNameMalformed = "tls-certificate-name-malformed",
        TlsCertificateNameMatchesNothing = "tls-certificate-name-matches-nothing",
        NoTlsProblemFound = "no-tls-problem-found",
        // ---- issue 13: the failure catalogue (crate::catalogue), additions to contract v1
        TlsCertificateNameNotFound = "tls-certificate-name-not-found",
        ReceiveConnectorStarttlsCertificateMissing = "receive-connector-starttls-certificate-missing",
        ExchangeOnlineSubjectMismatch = "exchange-online-subject-mismatch",
        ExchangeOnlineTenantAttribution = "exchange-online-tenant-attribution",
        CertificateChainOrRevocationFailure = "certificate-chain-or-revocation-failure",
        InternalTransportCertificateMissing = "internal-transport-certificate-missing",
        TlsVersionOrCipherMismatch = "tls-version-or-cipher-mismatch",
        Microsoft365RootMissing = "microsoft-365-root-missing",
        WeakCertificateSignature = "weak-certificate-signature",
        RequireTlsRemoteOffersNoStarttls = "require-tls-remote-offers-no-starttls",
        HybridSendConnectorMisconfigured = "hybrid-send-connector-misconfigured",
        DuplicateCertificatePickedUnusable = "duplicate-certificate-picked-unusable",
        AuthenticationNotTls = "authentication-not-tls",
        SessionDroppedAfterTls = "session-dropped-after-tls",
        InsufficientEvidence = "insufficient-evidence",
        WeakRsaKey = "weak-rsa-key",
        CertificateKeyUsageUnsuitable = "certificate-key-usage-unsuitable",
        CertificateChainIncomplete = "certificate-chain-incomplete",
        CertificateDoesNotCoverConnectorFqdn = "certificate-does-not-cover-connector-fqdn",
        LegacyTlsProtocolNegotiated = "legacy-tls-protocol-negotiated",
        StarttlsRequiredByRemote = "starttls-required-by-remote",
        StarttlsRequiredByThisServer = "starttls-required-by-this-server",
        /// A certificate signing request was given: it waits for the CA's answer (addition to
        /// contract v1).
        CertificateRequestNotCompleted = "certificate-request-not-completed",
    }
}

string_enum! {
    /// What a file turned out to be, detected from its bytes (`kind`).
    #[non_exhaustive]
    FileKind {
        X509Cert = "x509-cert",
        Pkcs7Certs = "pkcs7-certs",
        Pkcs12 = "pkcs12",
        ProtocolLog = "protocol-log",
        PrivateKey = "private-key",
        NotACertificate = "not-a-certificate",
        Unknown = "unknown",
        /// Text pasted from the Exchange Management Shell or Event Viewer (added to contract v1).
        ShellOutput = "shell-output",
        /// A `.zip` archive; its entries are listed as files of their own (issue 14).
        ZipArchive = "zip-archive",
        /// One of Exchange's other logs (message tracking, connectivity, ...): read for the
        /// failures its rows name; it records no TLS handshake. `log_type` names it.
        ExchangeLog = "exchange-log",
    }
}

string_enum! {
    /// A file's `error.code`.
    ErrorCode {
        WrongPassword = "wrong-password",
        UnsupportedAlgorithm = "unsupported-algorithm",
        Malformed = "malformed",
        Truncated = "truncated",
        Empty = "empty",
        NotACertificate = "not-a-certificate",
        TooLarge = "too-large",
        /// The file could not be read at all (I/O error); set by the CLI.
        Unreadable = "unreadable",
        // ---- issue 14: .zip input (crate::archive), additions to contract v1
        /// A cap of [`crate::limits`] (`MAX_ZIP_*`) stopped the archive or the entry.
        ArchiveLimit = "archive-limit",
        /// An encrypted entry (ZipCrypto, AES): not opened.
        ArchiveEncrypted = "archive-encrypted",
        /// The archive ends early (no end of central directory record).
        ArchiveTruncated = "archive-truncated",
        /// The archive breaks the zip format (bad record, CRC, DEFLATE data).
        ArchiveMalformed = "archive-malformed",
        /// A compression method other than stored and deflate, or a layout a stream cannot read.
        ArchiveUnsupported = "archive-unsupported",
        /// The key-derivation work allowed per file / per run was spent before every candidate
        /// password was tried (issue 16; addition to contract v1). The message names, by position,
        /// the passwords that were not tried.
        PasswordBudgetExhausted = "password-budget-exhausted",
    }
}

impl ErrorCode {
    /// The file is fine, the password is not: the user can fix it by typing another one.
    pub fn asks_for_password(self) -> bool {
        self == ErrorCode::WrongPassword
    }

    /// The file may be fine but uses something tlsdoctor does not read.
    pub fn is_unsupported(self) -> bool {
        self == ErrorCode::UnsupportedAlgorithm
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_to_the_contract_strings() {
        assert_eq!(
            serde_json::to_string(&FindingId::AmbiguousTlsCertificateName).unwrap(),
            "\"ambiguous-tls-certificate-name\""
        );
        assert_eq!(
            serde_json::from_str::<ErrorCode>("\"wrong-password\"").unwrap(),
            ErrorCode::WrongPassword
        );
        for id in FindingId::ALL {
            assert_eq!(FindingId::parse(id.as_str()), Some(*id));
        }
        assert_eq!(FindingId::parse("no-such-finding"), None);
    }

    #[test]
    fn strings_are_distinct() {
        let mut seen = std::collections::BTreeSet::new();
        for id in FindingId::ALL {
            assert!(seen.insert(id.as_str()), "{id}");
        }
        let mut seen = std::collections::BTreeSet::new();
        for c in ErrorCode::ALL {
            assert!(seen.insert(c.as_str()), "{c}");
        }
    }
}
