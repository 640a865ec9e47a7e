//! Clue recognisers: one line of pasted text (message trace `Get-MessageTraceDetail`
//! details, NDR bodies with `LED=...` / `Remote Server returned '...'`, queue `LastError`,
//! event text, shell error messages) → which failure of `../shared/FAILURE-MODES.md` it
//! names, with the values it carries. Strings as Microsoft prints them (KB 4495258,
//! 4051498, 2989382, 979694, 3027536; "Can't remove a certificate that's installed in Exchange
//! Server"; the archived Learn blogs on `450 4.7.320` and hybrid mail flow; the Exchange event
//! reference for 12013/12014/12016/12018/12023/12024/2015/1035).
//!
//! Never fails; at most [`MAX_CLUES`] clues per text, each line cut at 1,000 characters.

use serde::{Deserialize, Serialize};

/// At most this many clues are kept per input.
pub const MAX_CLUES: usize = 200;

/// What a line names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ClueKind {
    /// #1 `454 4.7.5 The certificate specified in TlsCertificateName of the SendConnector could not be found.`
    TlsNameNotFound,
    /// #2 `TLS negotiation failed with error NoCredentials`.
    NoCredentials,
    /// #3 `TLS negotiation failed with error UnknownCredentials`.
    UnknownCredentials,
    /// #4 `A special Rpc error occurs on server X: These certificates are tagged with following Send Connectors : ...`.
    RenewalTrapRpc,
    /// #5 Event 12014 `could not find a certificate that contains the domain name`.
    StartTlsCertificateMissing,
    /// #5 EXO side: `451 5.7.3 STARTTLS is required to send mail`.
    StartTlsRequired,
    /// #5/#6 EXO side: `450 4.4.317 Cannot connect to remote server` (no other detail).
    CannotConnect,
    /// #6 `450 4.7.320 Certificate validation failed [Message=SubjectMismatch ...]`.
    SubjectMismatch,
    /// #7 `550 5.7.51 TenantInboundAttribution`, `550 5.7.64 TenantAttribution`.
    TenantAttribution,
    /// #8 `RevocationCheckFailure`, `Untrusted`, `CERT_TRUST_IS_UNTRUSTED_ROOT`, `CRYPT_E_REVOKED`, `UntrustedRoot`.
    ChainOrRevocation,
    /// #9 Event 12016, `CertExpired`.
    Expired,
    /// #10 Events 12013/12023/12024 `could not load the certificate with thumbprint of`.
    InternalCertificateMissing,
    /// #11 `SocketError`, `AlgorithmMismatch`, `IllegalMessage`, `Must issue a STARTTLS command first`.
    TlsVersionMismatch,
    /// #12 `454 4.7.5 Certificate Validation Failure`.
    CertificateValidationFailure,
    /// #13 MD5/MD2 signature in a remote chain.
    WeakSignature,
    /// #14 Event 2015 `requires Transport Layer Security (TLS) authentication, but is unable to establish TLS`.
    RequireTlsNoStartTls,
    /// #15 `The TLSDomain parameter can only be set if the TLSAuthLevel parameter is set to DomainValidation.`
    HybridSendConnector,
    /// #17 `454 4.7.0 Temporary authentication failure`, `LogonDenied`, Event 1035, `InvalidToken`.
    Authentication,
}

/// One recognised line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clue {
    pub kind: ClueKind,
    pub path: String,
    pub line: u64,
    /// The line as given (trimmed, at most 1,000 characters).
    pub text: String,
    /// Values read from the line (`expected`, `presented`, `thumbprint`, `server`, `connector`,
    /// `fqdn`, `name`, `code`, `token`).
    pub values: Vec<(String, String)>,
}

impl Clue {
    pub fn value(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn evidence(&self) -> crate::report::Evidence {
        crate::report::Evidence {
            path: self.path.clone(),
            line: self.line,
            text: self.text.clone(),
        }
    }
}

fn between<'a>(text: &'a str, lower: &str, start: &str, ends: &[&str]) -> Option<&'a str> {
    let from = lower.find(start)? + start.len();
    let rest_lower = &lower[from..];
    let to = ends
        .iter()
        .filter_map(|e| rest_lower.find(e))
        .min()
        .unwrap_or(rest_lower.len());
    let v = text
        .get(from..from + to)?
        .trim()
        .trim_end_matches(['.', ',', ';'])
        .trim();
    (!v.is_empty()).then_some(v)
}

/// Any of `needles` (lowercase) in `lower`.
fn any(lower: &str, needles: &[&str]) -> bool {
    needles.iter().any(|n| lower.contains(n))
}

/// Recognises one line. `None` for lines that name no known failure.
pub fn recognise(text: &str) -> Option<(ClueKind, Vec<(String, String)>)> {
    // Lowercasing ASCII only keeps byte offsets the same as in `text`.
    let lower = text.to_ascii_lowercase();
    let mut values: Vec<(String, String)> = Vec::new();
    let mut put = |n: &str, v: Option<&str>| {
        if let Some(v) = v {
            values.push((n.to_string(), v.to_string()));
        }
    };
    let thumbprint = crate::paste::values::find_thumbprints(text)
        .into_iter()
        .next();
    // The line through the grammars first (grammar/message_trace.rs, smtp.rs, last_error.rs):
    // SMTP replies with their enhanced status, `[Key=Value]` fields, the 4.7.320 validation
    // failure with its reason and subjects, a bracketed queue LastError. A status code counts
    // only as part of a reply (`450 4.7.320 ...`), not as any number in the text.
    let detail = crate::grammar::message_trace::read_detail(text);
    let status = |enhanced: &str| {
        detail
            .replies
            .iter()
            .find(|r| r.enhanced.is_some_and(|e| e.to_string() == enhanced))
    };
    let reply_says = |code: u16, enhanced: &str, words: &str| {
        detail
            .replies
            .iter()
            .any(|r| r.is(code, enhanced) && r.text.to_ascii_lowercase().contains(words))
    };
    let validation = detail.certificate_validation.as_ref();
    let validation_reason = validation.map(|v| v.reason.as_str()).unwrap_or("");
    const CHAIN_REASONS: &[&str] = &[
        "UntrustedRoot",
        "RevocationCheckFailure",
        "PartialChain",
        "Revoked",
        "ChainError",
    ];
    let chain_reason = CHAIN_REASONS
        .iter()
        .copied()
        .find(|r| validation_reason.eq_ignore_ascii_case(r));
    let kind = if chain_reason.is_some() {
        // `450 4.7.320 Certificate validation failed [Message=UntrustedRoot]`: the chain, not
        // the subject.
        put("token", chain_reason);
        ClueKind::ChainOrRevocation
    } else if validation.is_some()
        || status("4.7.320").is_some()
        || lower.contains("subjectmismatch")
    {
        // i17's message-trace grammar first; the plain search below covers variants it skips.
        let expected = validation.and_then(|p| p.expected_subject.clone());
        let presented = validation.and_then(|p| p.presented_subject.clone());
        put(
            "expected",
            expected
                .as_deref()
                .map(|e| e.trim_end_matches('.'))
                .or_else(|| between(text, &lower, "expected subject:", &[" presented", "]", ";"])),
        );
        put(
            "presented",
            presented
                .as_deref()
                .map(|e| e.trim_end_matches('.'))
                .or_else(|| {
                    between(
                        text,
                        &lower,
                        "presented subject:",
                        &["]", " thumbprint", " issuer", ";"],
                    )
                }),
        );
        ClueKind::SubjectMismatch
    } else if lower.contains("certificate specified in tlscertificatename")
        || reply_says(454, "4.7.5", "tlscertificatename")
    {
        ClueKind::TlsNameNotFound
    } else if lower.contains("could not find a certificate that contains the domain name") {
        put(
            "name",
            between(
                text,
                &lower,
                "contains the domain name ",
                &[" in the personal store"],
            ),
        );
        put(
            "connector",
            between(
                text,
                &lower,
                "smtp verb for the connector ",
                &[" with a fqdn parameter"],
            ),
        );
        put(
            "fqdn",
            between(
                text,
                &lower,
                "with a fqdn parameter of ",
                &[". if the connector", " if the"],
            ),
        );
        ClueKind::StartTlsCertificateMissing
    } else if lower.contains("these certificates are tagged with following send connectors") {
        put("server", between(text, &lower, "occurs on server ", &[":"]));
        put(
            "connector",
            between(
                text,
                &lower,
                "send connectors :",
                &[". removing", "removing"],
            )
            .or_else(|| {
                between(
                    text,
                    &lower,
                    "send connectors:",
                    &[". removing", "removing"],
                )
            }),
        );
        ClueKind::RenewalTrapRpc
    } else if lower.contains("error nocredentials") {
        ClueKind::NoCredentials
    } else if lower.contains("error unknowncredentials") {
        ClueKind::UnknownCredentials
    } else if status("5.7.51").is_some()
        || status("5.7.64").is_some()
        || any(&lower, &["tenantinboundattribution", "tenantattribution"])
    {
        let code = status("5.7.51")
            .or_else(|| status("5.7.64"))
            .and_then(|r| r.enhanced)
            .map(|e| e.to_string());
        put("code", code.as_deref());
        ClueKind::TenantAttribution
    } else if any(
        &lower,
        &[
            "revocationcheckfailure",
            "cert_trust_is_untrusted_root",
            "cert_trust_revocation_status_unknown",
            "cert_trust_is_partial_chain",
            "crypt_e_revoked",
            "0x80092010",
            "0x80092012",
            "error untrustedroot",
        ],
    ) || is_status_untrusted(&lower)
    {
        put(
            "token",
            [
                "RevocationCheckFailure",
                "CERT_TRUST_IS_UNTRUSTED_ROOT",
                "CERT_TRUST_REVOCATION_STATUS_UNKNOWN",
                "CERT_TRUST_IS_PARTIAL_CHAIN",
                "CRYPT_E_REVOKED",
                "0x80092010",
                "0x80092012",
                "UntrustedRoot",
                "Untrusted",
            ]
            .into_iter()
            .find(|t| lower.contains(&t.to_ascii_lowercase()))
            .or_else(|| match status_value(&lower) {
                Some("revoked") => Some("Revoked"),
                Some("invalid") => Some("Invalid"),
                _ => None,
            }),
        );
        ClueKind::ChainOrRevocation
    } else if lower.contains("the existing certificate for that fqdn has expired")
        || lower.contains("error certexpired")
    {
        put(
            "fqdn",
            between(
                text,
                &lower,
                "certificate for the fqdn of ",
                &[". the existing"],
            ),
        );
        ClueKind::Expired
    } else if lower.contains("could not load the certificate with thumbprint of") {
        ClueKind::InternalCertificateMissing
    } else if any(
        &lower,
        &[
            "error socketerror",
            "error algorithmmismatch",
            "error illegalmessage",
            "must issue a starttls command first",
        ],
    ) || reply_says(421, "4.4.2", "socketerror")
    {
        put(
            "token",
            [
                "SocketError",
                "AlgorithmMismatch",
                "IllegalMessage",
                "Must issue a STARTTLS command first",
            ]
            .into_iter()
            .find(|t| lower.contains(&t.to_ascii_lowercase())),
        );
        ClueKind::TlsVersionMismatch
    } else if reply_says(454, "4.7.5", "certificate validation failure") {
        ClueKind::CertificateValidationFailure
    } else if lower.contains("requires transport layer security (tls) authentication")
        && lower.contains("unable to establish tls")
    {
        put(
            "connector",
            between(
                text,
                &lower,
                "send connector ",
                &[" couldn't", " could not", " requires"],
            ),
        );
        ClueKind::RequireTlsNoStartTls
    } else if lower.contains("tlsdomain parameter can only be set") {
        ClueKind::HybridSendConnector
    } else if any(
        &lower,
        &[
            "outbound authentication failed",
            "error invalidtoken",
            "event id: 1035",
            "ereignis-id: 1035",
        ],
    ) || reply_says(454, "4.7.0", "temporary authentication failure")
        || (lower.contains("logondenied") && !lower.contains("inbound auth"))
    {
        put(
            "token",
            ["LogonDenied", "InvalidToken", "454 4.7.0", "1035"]
                .into_iter()
                .find(|t| lower.contains(&t.to_ascii_lowercase())),
        );
        ClueKind::Authentication
    } else if reply_says(451, "5.7.3", "starttls is required")
        || lower.contains("starttls is required to send mail")
    {
        ClueKind::StartTlsRequired
    } else if status("4.4.317").is_some() {
        ClueKind::CannotConnect
    } else if (lower.contains("md5") || lower.contains("md2")) && lower.contains("signature") {
        ClueKind::WeakSignature
    } else {
        return None;
    };
    put("thumbprint", thumbprint.as_deref());
    Some((kind, values))
}

/// `Status : Untrusted` (Get-ExchangeCertificate) — only as the value of a Status property.
/// `Status : Untrusted` / `Revoked` / `Invalid` of a `Get-ExchangeCertificate | fl` listing
/// (the CertificateStatus values that mean the chain or revocation check failed; `Valid`,
/// `DateInvalid` (dates: the validity rules), `PendingRequest` and `Unknown` are not).
fn is_status_untrusted(lower: &str) -> bool {
    status_value(lower).is_some_and(|v| matches!(v, "untrusted" | "revoked" | "invalid"))
}

fn status_value(lower: &str) -> Option<&str> {
    lower
        .trim()
        .strip_prefix("status")
        .map(|r| r.trim_start())
        .and_then(|r| r.strip_prefix(':'))
        .map(str::trim)
}

/// Every clue in `text` (lines numbered from 1), at most [`MAX_CLUES`].
pub fn scan(path: &str, text: &str) -> Vec<Clue> {
    let mut out = Vec::new();
    let mut lines = text.lines().enumerate().peekable();
    while let Some((i, line)) = lines.next() {
        if out.len() >= MAX_CLUES {
            break;
        }
        // A `Format-List` value wrapped over several lines (`Get-EventLog | fl`'s Message) is
        // read whole: its continuation lines are indented to the value column.
        let mut logical = line.trim_end().to_string();
        if let Some(key) = crate::grammar::format_list::key_line(line) {
            let column = line.len() - key.value.len();
            if !key.value.trim().is_empty() && column > key.indent {
                while let Some((_, next)) = lines.peek() {
                    match crate::grammar::format_list::continuation(next) {
                        Some((indent, piece))
                            if indent == column && logical.len() < MAX_LOGICAL_LINE =>
                        {
                            logical.push(' ');
                            logical.push_str(piece);
                            lines.next();
                        }
                        _ => break,
                    }
                }
            }
        }
        let line: String = logical.trim().chars().take(1000).collect();
        if line.is_empty() {
            continue;
        }
        if let Some((kind, values)) = recognise(&line) {
            out.push(Clue {
                kind,
                path: path.to_string(),
                line: i as u64 + 1,
                text: line,
                values,
            });
        }
    }
    out
}

/// The clues of the queues' `LastError` values as the paste reader joined them, for those the
/// line scan ([`scan`]) could not see whole: a `Format-Table -Wrap` cell goes on under its
/// column on the next lines, so `"454 4.7.5` and `Certificate validation failure."` may stand
/// on two lines. A queue whose LastError line already gave a clue adds nothing.
pub fn add_pasted_queue_errors(
    path: &str,
    paste: &crate::paste::PastedOutput,
    clues: &mut Vec<Clue>,
) {
    for q in &paste.queues {
        if clues.len() >= MAX_CLUES {
            break;
        }
        let Some(error) = q.last_error.as_deref() else {
            continue;
        };
        if clues
            .iter()
            .any(|c| c.path == path && c.line == q.last_error_line)
        {
            continue;
        }
        let text: String = error.trim().chars().take(1000).collect();
        if let Some((kind, values)) = recognise(&text) {
            clues.push(Clue {
                kind,
                path: path.to_string(),
                line: q.last_error_line,
                text,
                values,
            });
        }
    }
}

/// A wrapped `Format-List` value is joined up to about this many bytes (the clue keeps 1,000
/// characters of it).
const MAX_LOGICAL_LINE: usize = 4096;

/// Does `bytes` look like text holding at least one clue? (For files no other reader knows.)
pub fn scan_bytes(path: &str, bytes: &[u8]) -> Vec<Clue> {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    if head.contains(&0) && !head.starts_with(&[0xff, 0xfe]) && !head.starts_with(&[0xfe, 0xff]) {
        return Vec::new();
    }
    let cut = &bytes[..bytes.len().min(crate::limits::MAX_PASTE_BYTES as usize)];
    let text = crate::paste::decode_text(cut);
    // Events saved as XML are read as the paste reader reads them (entities decoded).
    scan(path, &crate::paste::event_xml::flatten(&text))
}

/// Words one of [`recognise`]'s lines holds, lower-cased: a line with none of them names no
/// failure. Checked first on each row of Exchange's other logs ([`in_log_row`]), which run to
/// gigabytes; `prefilter_keeps_every_recognised_line` holds this list to [`recognise`].
const ROW_WORDS: &[&str] = &[
    // Not "tls" alone: message tracking rows may carry TLS details in `custom-data` on every
    // row, and each row past the filter costs the recognisers' full look (measured: 2.0 s on
    // 100 MB of such rows against 0.17 s without).
    "starttls",
    "tlscertificatename",
    "tlsdomain",
    "establish tls",
    "negotiation failed",
    "certif",
    "credential",
    "socketerror",
    "algorithmmismatch",
    "illegalmessage",
    "revo",
    "untrusted",
    "partial_chain",
    "0x800920",
    "denied",
    "token",
    "4.4.3",
    "4.4.2",
    "4.7.",
    "5.7.",
    "md5",
    "md2",
    "1035",
    "thumbprint",
    "tenant",
    "expired",
    "mismatch",
    "authenticat",
];

fn row_words() -> &'static [memchr::memmem::Finder<'static>] {
    static FINDERS: std::sync::OnceLock<Vec<memchr::memmem::Finder<'static>>> =
        std::sync::OnceLock::new();
    FINDERS.get_or_init(|| {
        ROW_WORDS
            .iter()
            .map(|w| memchr::memmem::Finder::new(w.as_bytes()))
            .collect()
    })
}

/// Could `line` (any case) be one [`recognise`] reads? False only when it is not.
fn may_name_a_failure(line: &[u8], lower: &mut Vec<u8>) -> bool {
    lower.clear();
    lower.extend(line.iter().map(u8::to_ascii_lowercase));
    row_words().iter().any(|f| f.find(lower).is_some())
}

/// The clue in row `number` of one of Exchange's other logs (a message tracking log's
/// `recipient-status` such as `451 4.4.0 ... "451 5.7.3 Must issue a STARTTLS command first."`):
/// the same recognisers as for pasted text, on the row as it stands (cut at 1,000
/// characters). `lower` is a reused buffer.
pub fn in_log_row(path: &str, number: u64, row: &[u8], lower: &mut Vec<u8>) -> Option<Clue> {
    let row = row.get(..row.len().min(4000)).unwrap_or(row);
    if !may_name_a_failure(row, lower) {
        return None;
    }
    let text: String = String::from_utf8_lossy(row)
        .trim()
        .chars()
        .take(1000)
        .collect();
    let (kind, values) = recognise(&text)?;
    Some(Clue {
        kind,
        path: path.to_string(),
        line: number,
        text,
        values,
    })
}

/// Clues in the log lines the collector kept as evidence (remote replies such as
/// `454 4.7.5 ...`, `454 4.7.0 ...`): the same recognisers, so a reply means the same whether
/// it was logged or pasted.
pub fn from_log_facts(facts: &crate::log::LogFacts) -> Vec<Clue> {
    use crate::log::events::Notable;
    let mut out = Vec::new();
    for (kind, lines) in &facts.notable {
        if !matches!(kind, Notable::TlsRefusedByRemote) {
            continue;
        }
        for e in &lines.evidence {
            if let Some((kind, values)) = recognise(&e.text) {
                out.push(Clue {
                    kind,
                    path: e.path.clone(),
                    line: e.line,
                    text: e.text.clone(),
                    values,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_trace_subject_mismatch_carries_both_names() {
        // Shape from the archived Learn blog "450 4.7.320 certificate validation failed".
        let (k, v) = recognise("Reason: [{LED=450 4.7.320 Certificate validation failed [Message=SubjectMismatch Expected Subject: mail.contoso.com. Presented Subject: CN=EX01] [LastAttemptedServerName=mail.contoso.com]}]").unwrap();
        assert_eq!(k, ClueKind::SubjectMismatch);
        assert!(
            v.contains(&("expected".into(), "mail.contoso.com".into())),
            "{v:?}"
        );
        assert!(v.contains(&("presented".into(), "CN=EX01".into())), "{v:?}");
    }

    #[test]
    fn status_codes_count_only_inside_replies_read_by_the_grammars() {
        // A queue LastError in Exchange's bracketed form (KB 4495258's `Get-Queue | fl` layout)
        // holding the 4.7.320 message-trace reason: values through grammar::last_error /
        // message_trace.
        let (k, v) = recognise("LastError : [{LED=450 4.7.320 Certificate validation failed [Message=SubjectMismatch Expected Subject: mail.contoso.com. Presented Subject: CN=EX01]};{MSG=};{FQDN=mail.contoso.com};{IP=203.0.113.25};{LRT=12/1/2026 9:14:02 AM}]").unwrap();
        assert_eq!(k, ClueKind::SubjectMismatch);
        assert!(
            v.contains(&("expected".into(), "mail.contoso.com".into())),
            "{v:?}"
        );
        assert!(v.contains(&("presented".into(), "CN=EX01".into())), "{v:?}");
        // 4.7.320 with another reason is that reason's row (was: SubjectMismatch for any
        // line holding "4.7.320").
        let (k, v) = recognise(
            "Reason: [{LED=450 4.7.320 Certificate validation failed [Message=UntrustedRoot]}]",
        )
        .unwrap();
        assert_eq!(k, ClueKind::ChainOrRevocation);
        assert!(
            v.contains(&("token".into(), "UntrustedRoot".into())),
            "{v:?}"
        );
        // The NDR's enhanced status names the code (Learn "Fix NDR error 550 5.7.51").
        let (k, v) = recognise(
            "Remote Server returned '550 5.7.51 TenantInboundAttribution; Rejecting message'",
        )
        .unwrap();
        assert_eq!(k, ClueKind::TenantAttribution);
        assert!(v.contains(&("code".into(), "5.7.51".into())), "{v:?}");
        // The same digits that are no reply (a build number, an address) are no clue.
        for line in [
            "Version            : Version 15.4.7.320 (Build 7.320)",
            "Transport agent build 15.5.7.51 loaded",
            "Next hop 10.4.4.317 reachable",
        ] {
            assert_eq!(recognise(line), None, "{line}");
        }
    }

    #[test]
    fn other_rows_are_told_apart() {
        let cases = [
            ("454 4.7.5 The certificate specified in TlsCertificateName of the SendConnector could not be found.", ClueKind::TlsNameNotFound),
            ("Remote Server returned '550 5.7.64 TenantAttribution; Relay Access Denied'", ClueKind::TenantAttribution),
            ("Status             : RevocationCheckFailure", ClueKind::ChainOrRevocation),
            ("Status : Untrusted", ClueKind::ChainOrRevocation),
            ("454 4.7.0 Temporary authentication failure", ClueKind::Authentication),
            ("LastError : 421 4.4.2 Connection dropped due to SocketError", ClueKind::TlsVersionMismatch),
            ("454 4.7.5 Certificate Validation Failure", ClueKind::CertificateValidationFailure),
            ("451 5.7.3 STARTTLS is required to send mail", ClueKind::StartTlsRequired),
        ];
        for (line, kind) in cases {
            assert_eq!(recognise(line).map(|r| r.0), Some(kind), "{line}");
        }
        assert_eq!(recognise("Status : Valid"), None);
        assert_eq!(
            recognise("Inbound AUTH LOGIN failed because of LogonDenied"),
            None
        );
    }

    /// Every line [`recognise`] reads, in testdata/ and in the texts above, passes the row
    /// prefilter of [`in_log_row`] (so the prefilter never hides a clue it knows).
    #[test]
    fn prefilter_keeps_every_recognised_line() {
        fn files_under(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    files_under(&path, out);
                } else {
                    out.push(path);
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut paths = Vec::new();
        files_under(&root.join("testdata"), &mut paths);
        files_under(&root.join("crates/core/src/catalogue"), &mut paths);
        let mut lower = Vec::new();
        let mut recognised = 0;
        for path in paths {
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            let text = crate::paste::decode_text(&bytes);
            for line in text.lines() {
                // Lines of this file's tests are Rust string literals: read what they quote.
                let line = line.trim().trim_start_matches('(').trim_start_matches('"');
                let line = line.split("\", ClueKind").next().unwrap_or(line);
                if recognise(line.trim()).is_some() {
                    recognised += 1;
                    assert!(
                        in_log_row("x", 1, line.as_bytes(), &mut lower).is_some(),
                        "{}: {line}",
                        path.display()
                    );
                }
            }
        }
        assert!(recognised > 40, "recognised lines: {recognised}");
    }
}
