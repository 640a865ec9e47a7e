//! English texts. Wording of the KB-based steps follows KB 4495258, KB 4051498 and
//! "Can't remove a certificate that's installed in Exchange Server".
//!
//! Three tables: [`text`] for the findings from logs and files (templates with `{placeholders}`,
//! one arm per [`Text`] key), [`PASTE`] for the findings from pasted shell output (functions,
//! shape in [`super::paste_text::PasteText`]), and [`UI`], the labels of the page and of
//! exported reports (shape in [`super::ui::UiText`]).

use super::guide::GuideText;
use super::paste_text::{CertLabel, PasteText, StuckQueue};
use super::ui::UiText;
use super::Text;
use super::Text::*;
use crate::paste::tls_certificate_name::TlsNameProblem;

pub fn text(key: Text) -> &'static str {
    match key {
        PfxPasswordPrompt => "PFX password",
        RoleRemote => "remote",
        RoleReceived => "received",
        RoleSending => "sending",
        PlaceholderInboundConnectorName => "Inbound connector name",
        PlaceholderCaIssuedCertificate => "ca-issued-certificate",
        PlaceholderOldThumbprint => "OldThumbprint",
        UnknownConnectorKindComment => "# The paste does not show whether {connector} is a Send or a Receive connector: the next line asks Exchange and sets the one it finds.",
        PlaceholderConnectorName => "ConnectorName",
        PlaceholderRemoteHost => "remote-host",
        PlaceholderCertificateWithKey => "certificate-with-private-key",
        PlaceholderRenewedCertificate => "renewed-certificate",
        PlaceholderSendConnectorName => "SendConnectorName",
        PlaceholderNewThumbprint => "NewThumbprint",
        PlaceholderThumbprint => "Thumbprint",
        PlaceholderServer => "Server",
        StepCheckChains => "Check the chain of this server's certificate (certutil -verify) and ask the remote side to check theirs; replace an expired intermediate with the CA's current one.",
        StepCollectBothCertificates => "Collect the dates of this server's certificate and of the certificate the remote host presents, then analyse again with them.",
        StepTellRemoteRenew => "Tell the administrator of the remote side that their certificate has expired, with the thumbprint and date above; retry the queue once they have renewed it.",
        CertExpiredNotLogged => "not in the log",
        CertExpiredUnknown => "The log does not show which certificate expired: this server's own ({own}) or the one the remote side presents ({remote}). Collect both: the NotAfter of this server's certificate (first command below; or drop its .cer here) and the certificate the remote host {remote_host} presents (the openssl line, from any machine that reaches it; or its .cer from the partner).",
        CertExpiredBothValid => "Both certificates the session shows were valid on {at} (this server's until {own_not_after}, the remote's until {remote_not_after}): the expired one is then most likely an intermediate or root certificate of a chain sent along. Check the chains of both certificates.",
        CertExpiredRemote => "The certificate the remote side presented, {subject} (thumbprint {thumbprint}), had expired on {not_after}, before the session of {at}: only its owner can renew it. Tell the remote side's administrator; this server needs no change.",
        CertExpiredOwn => "This server's own certificate {subject} (thumbprint {thumbprint}) had expired on {not_after}, before the session of {at}: that is the expired certificate. Renew it, import the new one and enable it for SMTP.",
        ServersTitleSuffix => " (server {servers})",
        LogServersNote => "The failing sessions are in the protocol log of {servers}: the commands below are for that server (run the Cert: lines on it).",
        // ---- no-credentials (KB 4495258)
        NoCredentialsTitle => "Outbound TLS fails with NoCredentials on \"{connector}\": certificate {thumbprint} has no usable private key",
        NoCredentialsExplanation => "{count} session(s) on the Send connector \"{connector}\" failed with \"TLS negotiation failed with error NoCredentials\" right after offering the certificate {subject} (issuer {issuer}, thumbprint {thumbprint}). Exchange picks this certificate through the connector's TlsCertificateName (<I>issuer<S>subject), but Windows has no usable private key for it, so the TLS handshake cannot start and the messages wait in the queue (421 4.4.1 Connection timed out). This is KB 4495258.",
        NoCredentialsTitleNoCert => "Outbound TLS fails with NoCredentials on \"{connector}\": the certificate it picks has no usable private key",
        StepFindSendConnectorCertificate => "Find that certificate: the connector's TlsCertificateName names it as <I>issuer<S>subject; in the server's list it is the one with that issuer and subject (HasPrivateKey False, or a key Windows cannot use). Put its thumbprint in place of <Thumbprint> below.",
        NoCredentialsExplanationNoCert => "{count} session(s) on the Send connector \"{connector}\" failed with \"TLS negotiation failed with error NoCredentials\". The log does not name the certificate (protocol logging is probably not Verbose). The certificate chosen through the connector's TlsCertificateName has no usable private key (KB 4495258).",
        NoCredentialsInboundTitle => "Inbound TLS fails with NoCredentials on receive connector \"{connector}\": the certificate it offers for STARTTLS ({thumbprint}) has no usable private key",
        NoCredentialsInboundExplanation => "{count} session(s) on the receive connector \"{connector}\" failed with \"TLS negotiation failed with error NoCredentials\" after the remote sent STARTTLS: Exchange could not use the private key of the certificate it picks for this connector (the one matching its FQDN, or its TlsCertificateName), so senders that require TLS (Exchange Online with a TLS connector, partners with RequireTLS) cannot deliver and the others send without TLS.",
        StepEnableVerboseLoggingReceive => "Turn on Verbose protocol logging on the receive connector \"{connector}\" (already on if these rows were logged) so the log names the certificate.",
        StepListCertificatesWithKeys => "List the server's certificates: the one for the connector's FQDN must be enabled for SMTP with HasPrivateKey True; if it is False, remove that certificate and import it again from a .pfx with its private key, then enable it for SMTP (answer No to replacing the default SMTP certificate).",
        NoCredentialsDroppedWithKey => "Good news: {path} holds this certificate together with its matching private key, so re-importing this file with its key fixes the server.",
        NoCredentialsDroppedWithoutKey => "The dropped file {path} holds this certificate but no matching private key, so it cannot repair the server on its own.",
        NoCredentialsPfxLocked => "{path} did not open with the passwords given (wrong password); give its password to check whether it holds this certificate and its key.",
        // ---- unknown-credentials (KB 4051498)
        UnknownCredentialsInboundTitle => "Inbound TLS fails with UnknownCredentials on receive connector \"{connector}\": the certificate it offers for STARTTLS ({thumbprint}) is not usable for SMTP",
        UnknownCredentialsInboundExplanation => "{count} session(s) on the receive connector \"{connector}\" failed with \"TLS negotiation failed with error UnknownCredentials\" after the remote sent STARTTLS: the certificate Exchange picks for this connector (the one matching its FQDN, or its TlsCertificateName) is not enabled for the SMTP service (KB 4051498), so senders that require TLS cannot deliver.",
        UnknownCredentialsTitle => "Outbound TLS fails with UnknownCredentials on \"{connector}\": certificate {thumbprint} is not enabled for SMTP",
        UnknownCredentialsExplanation => "{count} session(s) on the Send connector \"{connector}\" failed with \"TLS negotiation failed with error UnknownCredentials\" after offering {subject} (thumbprint {thumbprint}). This happens when a third-party certificate installed on the Exchange server is not bound to the SMTP service (KB 4051498).",
        // ---- tls-negotiation-failed
        TlsFailedTitle => "TLS negotiation failed with error {error} on \"{connector}\"",
        TlsFailedExplanation => "{count} session(s) on \"{connector}\" (first remote end point {remote}) failed the TLS handshake with the Windows security status {error}.",
        SspiTargetUnknown => "TargetUnknown usually means the remote host name does not match its certificate, or the certificate cannot be checked (missing intermediate or revocation information).",
        SspiIllegalMessage => "IllegalMessage usually means the two sides share no TLS version or cipher suite (for example TLS 1.2 disabled on one side), or something in between alters the traffic.",
        SspiCertExpired => "CertExpired (SEC_E_CERT_EXPIRED, 0x80090328) means a certificate in the handshake has expired.",
        SspiAlgorithmMismatch => "AlgorithmMismatch means the two sides share no cipher suite or TLS version.",
        SspiSocketError => "SocketError means the connection broke during the handshake (firewall, TLS inspection device or the remote closed it).",
        SspiUntrustedRoot => "UntrustedRoot means the certificate chain ends in a root this server does not trust.",
        SspiCertUnknown => "CertUnknown means the certificate could not be validated by the other side.",
        SspiOther => "This status is kept exactly as logged; look it up among the Windows SEC_E_* / SSPI status names.",
        // ---- certificate-missing-private-key
        MissingKeyTitle => "No private key for {subject} ({thumbprint})",
        MissingKeyLoggedExplanation => "The certificate the failing sessions offered is in {paths}, but no dropped file holds its private key. A .cer file or a PFX exported without its key cannot fix the server: it needs the certificate together with the key that was created with the certificate request.",
        MissingKeyPfxExplanation => "The PKCS#12 file {paths} holds this certificate but no private key at all, so importing it gives Exchange a certificate it cannot use for TLS.",
        // ---- private-key-does-not-match
        KeyMismatchTitle => "The private key in {path} belongs to none of the certificates",
        KeyMismatchExplanation => "{path} holds a {key} private key and certificates (first: {subject}), but the key's public half matches none of the certificates given. Importing it gives a certificate without a usable key.",
        // ---- validity
        ExpiredTitle => "Certificate {subject} ({thumbprint}) expired on {not_after}",
        ExpiredCaNote => "It is a CA certificate (an intermediate or root of a chain), not a server's own certificate: it is not renewed with a request from Exchange. Get the current CA certificate from the certification authority, put it in the server's store and remove the old one; a server certificate it issued may need reissuing under the new CA.",
        StepReplaceCaCertificate => "Download the current CA certificate from the certification authority, import it into the Intermediate Certification Authorities store (Trusted Root Certification Authorities for a root) of every Exchange server, and remove the old one from there.",
        ExpiredNowExplanation => "Judged at today's date ({at}), this certificate is no longer valid: its NotAfter is {not_after}. Remote servers and Exchange Online refuse TLS with it.",
        ExpiredAtSessionExplanation => "When the log recorded it ({at}), the certificate this server offered had already expired (NotAfter {not_after}).",
        NotYetValidTitle => "Certificate {subject} ({thumbprint}) is not valid before {not_before}",
        NotYetValidExplanation => "Judged at {at}, this certificate is not yet valid (NotBefore {not_before}). Either it was installed early or a clock is wrong.",
        ExpiresSoonTitle => "Certificate {subject} ({thumbprint}) expires in {days} days",
        ExpiresSoonExplanation => "Judged at {at}, the certificate is valid until {not_after}, {days} days from then. Renew it now; after the renewal, mind the TlsCertificateName trap (same issuer and subject for old and new).",
        // ---- ambiguous-tls-certificate-name
        AmbiguousTitle => "{count} different certificates share issuer and subject: TlsCertificateName matches all of them",
        AmbiguousExplanation => "These certificates have the same issuer ({issuer}) and subject ({subject}), so a Send connector's TlsCertificateName {name} matches every one of them, and Exchange refuses to remove any of them (\"These certificates are tagged with following Send Connectors\"). Old: {old}. New: {new}.",
        AmbiguousUsedFromLog => "The log shows which one Exchange used on \"{connector}\": {thumbprint}.",
        AmbiguousServerRefused => "The server already refused to remove one of them ({server}): it says the certificates are tagged with the Send connector(s) {connectors}.",
        AmbiguousUsedUnknown => "Microsoft documents how Exchange picks among matching certificates for STARTTLS (\"Selection of Inbound STARTTLS Certificates\", step 9): newest \"Valid from\" date first, the first valid certificate issued by a CA wins, a self-signed one only when no CA-issued one is valid. Which one it actually used shows in a Send log with Verbose logging, in the \"Sending certificate\" rows.",
        // ---- self-signed on an external connector
        SelfSignedTitle => "Self-signed certificate {subject} used on the external connector \"{connector}\"",
        SelfSignedFileExplanation => "The connector \"{connector}\" (its TlsCertificateName names it) faces the internet, and the certificate {subject} ({thumbprint}) in {path} is self-signed: its issuer is its own subject. Internet partners and Exchange Online (hybrid mail flow) expect a certificate from a public certification authority whose name matches the connector's FQDN.",
        PrivateCaFileTitle => "Certificate {subject} on the external connector \"{connector}\" looks issued by a private CA",
        PrivateCaFileExplanation => "The connector \"{connector}\" (its TlsCertificateName names it) faces the internet, and the certificate {subject} ({thumbprint}) in {path} was issued by {issuer}. Neither that issuer nor any issuer in the chain given is one of the public certification authorities tlsdoctor knows by name (it carries no root store, so this is a name check: if {issuer} is a public CA after all, ignore this). Certificates from an internal (enterprise) CA are not trusted by internet partners or Exchange Online.",
        SelfSignedExplanation => "The Send connector \"{connector}\" offers the self-signed certificate {subject} ({thumbprint}). Internet partners and Exchange Online (hybrid mail flow) expect a certificate from a public certification authority whose name matches the connector's FQDN.",
        // ---- EKU / names
        EkuTitle => "Certificate {subject} ({thumbprint}) is not allowed for server authentication",
        EkuExplanation => "Its Extended Key Usage lists only {ekus}; without Server Authentication (1.3.6.1.5.5.7.3.1) Windows will not use it for SMTP TLS.",
        NameMismatchTitle => "The certificate on \"{connector}\" does not cover the name {host}",
        NameMismatchExplanation => "This server calls itself {host} on \"{connector}\", but the certificate it offers ({thumbprint}) names only {names}. Remote servers that check names refuse it.",
        // ---- starttls-not-offered
        StartTlsNotOfferedTitle => "The Receive connector \"{connector}\" does not offer STARTTLS",
        StartTlsNotOfferedExplanation => "{count} EHLO reply(ies) on \"{connector}\" (this server calls itself {host}) listed no STARTTLS, and no session negotiated TLS. Exchange offers STARTTLS only when it has a valid certificate with its private key for the connector's FQDN, so senders that require TLS give up (451 5.7.3 STARTTLS is required).",
        // ---- certificate-not-provided
        NotProvidedTitle => "The log names certificate {thumbprint} ({subject}), but no dropped file holds it",
        NotProvidedExplanation => "\"{connector}\" offered {subject} (thumbprint {thumbprint}). Drop its .cer or .pfx next to the log to check its private key, dates and names.",
        // ---- no-tls-problem-found
        NoProblemTitle => "No TLS problem found",
        ProtocolNotLogged => "the log names no protocol: Exchange 2010 writes no result row, and the SMTP commands that followed STARTTLS show the handshake completed",
        NoProblemLogsExplanation => "The logs show {sessions} session(s); TLS was negotiated {successes} time(s) ({protocols}) and no TLS negotiation failed. The certificates are not the cause of what follows.",
        NoProblemFilesExplanation => "The {certificates} certificate(s) given show no TLS problem (keys, dates, names, duplicates). Drop a Send or Receive protocol log to check real sessions.",
        AlsoAuthFailed => "The logs do show {count} failed AUTH attempt(s) (for example LogonDenied): a user name or password problem, not a certificate problem.",
        AlsoConnectionTimedOut => "{count} reply(ies) 421 4.4.1 Connection timed out were logged.",
        AlsoConnectionDropped => "{count} reply(ies) 421 4.4.2 (connection dropped) were logged.",
        AlsoStartTlsRequired => "{count} reply(ies) 451 5.7.3 STARTTLS is required were logged: the other side insists on TLS.",
        AlsoStartTlsDemandedOfClient => "This server answered {count} time(s) 451 5.7.3 STARTTLS is required: it demands TLS of clients that went on without it.",
        AlsoTemporaryAuthFailure => "{count} reply(ies) 454 4.7.0 Temporary authentication failure were logged.",
        AlsoTlsRefusedByRemote => "{count} reply(ies) 454 4.7.5 were logged: the remote refused the TLS or certificate check.",
        AlsoTlsNotAvailable => "{count} reply(ies) 454 TLS not available were logged: the remote would not start TLS, so that mail went without TLS or was not sent.",
        AlsoEventsWithoutMessage => "{count} event(s) were saved without their message text ({events}): what they report is not part of this verdict; save them with their message (see the files below).",
        AlsoFilesUnreadable => "{count} file(s) could not be read or opened ({files}): what they hold is not part of this verdict (see the files below).",
        AlsoStartTlsNotAdvertised => "On \"{connector}\" the EHLO reply did not offer STARTTLS.",
        // ---- verdict
        VerdictOne => "{title}.",
        VerdictNothingRead => "No diagnosis yet: {count} file(s) could not be read (see the files below).",
        VerdictOnlyKeys => "Only private keys were read ({count}: {types}): a key alone says nothing about TLS. Add the certificate it belongs to and the protocol logs.",
        KeyLineMatches => "private key {key}: matches certificate {thumbprint}",
        KeyLineNoMatch => "private key {key}: matches no certificate given",
        VerdictNothingToAnalyse => "Nothing to analyse yet: add protocol logs, certificate files or pasted shell output.",
        VerdictMany => "{title} (and {more} more problem(s) below).",
        // ---- remediation steps
        StepEnableVerboseLogging => "Turn on Verbose protocol logging on the Send connector \"{connector}\" (already on if these rows were logged).",
        StepCheckHasPrivateKey => "On each source transport server, check whether the certificate {thumbprint} has its private key: HasPrivateKey must be True.",
        StepRemoveFromStore => "Remove the certificate without a usable key from the local computer store. Before you remove it, make sure no other application on this server depends on it; if one does, switch that application to the new certificate first.",
        StepImportThisPfx => "Import {path} again, this time with its private key, and check the result in the Exchange Management Shell (it lists only certificates with a valid private key).",
        StepImportValidCertificate => "Import a valid certificate together with its private key (a .pfx), then check it in the Exchange Management Shell (it lists only certificates with a valid private key).",
        StepEnableSmtpAnswerNo => "Enable the certificate for the SMTP service. When asked whether to replace the existing default SMTP certificate, answer No.",
        StepRetryQueues => "Retry the messages waiting in the queues.",
        StepShowServices => "Look at the services the certificate {thumbprint} is enabled for.",
        StepTlsFailedInspect => "Compare the connector's TLS settings and certificates with what the remote side expects.",
        StepRepairKeyAssociation => "If the private key is still on this server (the request was created here), repair the link between certificate and key with certutil -repairstore, then check again.",
        StepExportWithKey => "Otherwise export the certificate with its private key (.pfx) from the server where the certificate request was created, or have it re-issued by the CA.",
        StepExportPublic => "Export the certificate from the server (the public part is enough to check dates and names) and drop the file here.",
        StepRenewCaIssued => "Create a renewal request for the certificate and submit it to the certification authority.",
        StepRenewSelfSigned => "Create a new self-signed certificate that replaces the old one.",
        StepRemoveOldAfterRenewal => "After the new certificate works, remove the old one; if Exchange refuses because of a Send connector's TlsCertificateName, follow the steps for ambiguous TlsCertificateName.",
        StepSetTlsCertificateName => "Point the connector's TlsCertificateName at the new certificate.",
        StepCheckReceiveCertificate => "Check the connector's FQDN ({host}) and that a valid certificate with its private key, covering that name, is enabled for SMTP.",
        StepCheckClock => "Check the server's clock and time source, and the certificate's NotBefore.",
        StepRequestServerAuth => "Request a certificate whose Extended Key Usage includes Server Authentication, and enable it for SMTP.",
        StepCheckFqdn => "Make the connector's FQDN ({host}) and the certificate's names agree: use a certificate that covers {host}, or set the FQDN to a name the certificate covers.",
        StepAmbiguousList => "List the Exchange certificates and identify the old and the new one (thumbprints below).",
        StepAmbiguousFindConnectors => "Find the Send connectors whose TlsCertificateName is {name} and their source transport servers.",
        StepAmbiguousStopTransport => "On each source transport server, stop the Microsoft Exchange Transport service (mail flow on that server stops until the last step).",
        StepAmbiguousClearName => "Clear TlsCertificateName on those Send connectors (in large multi-site environments, force AD replication).",
        StepAmbiguousRemoveOld => "On each source transport server, remove the old certificate(s): {old}.",
        StepAmbiguousSetName => "Build TlsCertificateName from the new certificate {thumbprint} and assign it to the same Send connectors.",
        StepAmbiguousStartTransport => "Start the Microsoft Exchange Transport service again on each source transport server.",
        // ---- human report
        HeadingVerdict => "Verdict",
        HeadingFindings => "Findings",
        HeadingEvidence => "Evidence",
        HeadingSteps => "What to do",
        HeadingPowerShell => "PowerShell",
        HeadingCertificates => "Certificates in the files",
        HeadingObserved => "Certificates named in the logs",
        HeadingFiles => "Files",
        KindX509Cert => "Certificate",
        KindPkcs7Certs => "PKCS#7 certificate bag (.p7b)",
        KindPkcs12 => "PKCS#12 (.pfx/.p12)",
        KindProtocolLog => "SMTP protocol log",
        KindPrivateKey => "Private key",
        KindNotACertificate => "Not a certificate",
        KindCertificateRequest => "Certificate request (CSR), not a certificate",
        CertificateRequestLine => "asks for {subject} | names: {names} | key: {key}",
        KindUnknown => "Not recognised",
        KindShellOutput => "Shell output",
        KindZipArchive => ".zip archive",
        KindExchangeLog => "Exchange log (no TLS handshakes)",
        KindExchangeLogNamed => "{log_type} (no TLS handshakes)",
        ArchiveTextNotRead => "A text file in the archive that tlsdoctor does not read (listed, not analysed).",
        FileUnreadable => "The file cannot be read: {reason}.",
        LogReadFromUtf16 => "UTF-16 text (as Windows PowerShell's `>` writes it) was read as UTF-8.",
        LogSummaryLine => "Logs: {lines} line(s), {sessions} session(s), {skipped} skipped, {failures} TLS failure(s), {successes} TLS success(es).",
        SeverityError => "ERROR",
        SeverityWarning => "WARNING",
        SeverityInfo => "INFO",
        PrivateKeyPresent => "private key: yes",
        PrivateKeyAbsent => "private key: no",
        PrivateKeyLocked => "private key: in this file, locked (password or pass phrase needed)",
        PrivateKeyInOtherFile => "private key: in {path}",
        SkipLineTooLong => "line longer than 1 MiB",
        SkipBinaryData => "binary data (NUL bytes) in a log line",
        SkipHeaderLacksColumns => "the file's #Fields header lacks connector-id, session-id or event",
        SkipTruncatedLastLine => "truncated last line",
        SkipUnterminatedQuote => "broken CSV quoting (a quoted field is never closed)",
        SkipTextAfterClosingQuote => "broken CSV quoting (text after a closing quote)",
        SkipTooFewFields => "too few fields for a protocol-log row",
        SkipWrappedRowRest => "the rest of a row cut onto the next line (copied from a console window or an e-mail that wraps long lines): such rows are read cut short or not at all; give the log file itself",
        SkipUnknownEvent => "event column is not one of + - > < *",
        SkipNoSessionKey => "empty connector-id and session-id",
        SkippedLines => "{count} line(s) skipped: {reason}",
        WalkSkippedFifo => "{path}: skipped, it is a named pipe (FIFO); in a folder only regular files are read",
        WalkSkippedDevice => "{path}: skipped, it is a device; in a folder only regular files are read",
        WalkSkippedSocket => "{path}: skipped, it is a socket; in a folder only regular files are read",
    }
}

/// Text of the findings from pasted shell output ([`crate::diagnose`]).
pub const PASTE: PasteText = PasteText {
    cert_label: |c: &CertLabel<'_>| {
        let mut s = format!("{} (thumbprint {}", c.subject, c.thumbprint);
        if let Some(nb) = c.not_before {
            s.push_str(&format!(", valid from {nb}"));
        }
        if let Some(na) = c.not_after {
            s.push_str(&format!(" until {na}"));
        }
        s.push(')');
        s
    },

    no_match_title: |connector| {
        format!("The TlsCertificateName of connector \"{connector}\" matches none of the certificates given")
    },
    no_match_event_title: |name| format!("Exchange found no certificate for {name} (Event 12014)"),
    no_match_explanation: |connector, name, known, same_subject| {
        let mut s = match connector {
            Some(c) => format!("Connector \"{c}\" asks for the certificate {name}. "),
            None => format!(
                "Exchange looked for a certificate for {name} and did not find one (Event 12014). "
            ),
        };
        if known > 0 {
            s.push_str(&format!(
                "None of the {known} certificates you pasted or dropped fits this name. "
            ));
        }
        s.push_str("Exchange cannot offer a certificate for STARTTLS here: it logs Event 12014 and the connection goes on without TLS, or fails when TLS is required.");
        if let Some(cand) = same_subject {
            s.push_str(&format!(" The certificate {cand} has the same subject but a different issuer: this is what happens after a renewal by a different CA or intermediate. Point the connector at it."));
        }
        s
    },
    no_match_steps: |has_candidate| {
        let mut v = vec!["List the certificates on the server with Get-ExchangeCertificate and check that the intended one is there, valid and has a private key.".to_string()];
        if has_candidate {
            v.push("Set the connector's TlsCertificateName from that certificate (commands below), then restart the Microsoft Exchange Transport service.".into());
        } else {
            v.push("Import the right certificate (with its private key) or correct the TlsCertificateName to <I>{Issuer}<S>{Subject} of a certificate that is installed.".into());
        }
        v
    },

    no_match_not_smtp: |cert| {
        format!("The certificate {cert} fits, but its Services lack SMTP, so the Transport service may not use it: enable it for SMTP.")
    },

    ambiguous_title: |connector, count| {
        format!("The TlsCertificateName of connector \"{connector}\" matches {count} certificates")
    },
    ambiguous_explanation: |connector, name, chosen, chosen_valid, others| {
        let pick = if chosen_valid {
            format!("Exchange uses the newest valid certificate issued by a CA: {chosen}. (Microsoft documents this order for STARTTLS in \"Selection of Inbound STARTTLS Certificates\", step 9: newest \"Valid from\" date first, the first valid CA-issued certificate wins, a self-signed one only when no CA-issued one is valid.)")
        } else {
            format!("None of them is valid now; Exchange falls back to the newest: {chosen}, and a new certificate is needed.")
        };
        format!(
            "Connector \"{connector}\" names {name}, and {} certificates have exactly this issuer and subject. {pick} The others ({}) match too, so Exchange refuses to remove them (\"These certificates are tagged with following Send Connectors\") until the name no longer points at them.",
            others.len() + 1,
            others.join("; ")
        )
    },
    ambiguous_steps: || {
        vec![
            "Make sure the new certificate is enabled for SMTP on every source transport server of the connector.".into(),
            "Stop the Microsoft Exchange Transport service on those servers.".into(),
            "Clear TlsCertificateName on the connector.".into(),
            "Remove the old certificate on each server.".into(),
            "Set TlsCertificateName back from the new certificate.".into(),
            "Start the Microsoft Exchange Transport service again and check the queues.".into(),
        ]
    },

    no_key_title: |cert| {
        format!("The certificate {cert} has no private key on the server (NoCredentials)")
    },
    no_key_stuck_title: |destination, connector| {
        format!("Mail to {destination} is stuck because the certificate of send connector \"{connector}\" has no private key")
    },
    no_key_explanation: |cert, connector, queue| {
        let mut s = format!("The server itself says HasPrivateKey : False for {cert}. ");
        if let Some(c) = connector {
            s.push_str(&format!("Connector \"{c}\" names this certificate in its TlsCertificateName, so Exchange picks it for outbound TLS, cannot use it, and the TLS negotiation fails with error NoCredentials (KB 4495258). "));
        } else {
            s.push_str("A certificate without its private key cannot be used for TLS: Exchange reports NoCredentials when it is chosen (KB 4495258). ");
        }
        if let Some(StuckQueue {
            identity: q,
            messages: n,
        }) = queue
        {
            s.push_str(&format!("Queue {q} holds {n} messages in Retry with \"421 4.4.1 Connection timed out\": this is the same failure seen from the queue."));
        }
        s.trim_end().to_string()
    },
    no_key_steps: || {
        vec![
            "Import the certificate again from a PFX that contains its private key (or re-link the key that is still on the server with certutil -repairstore).".into(),
            "Enable the certificate for SMTP.".into(),
            "Restart the Microsoft Exchange Transport service and retry the queue.".into(),
        ]
    },

    no_smtp_title: |cert| {
        format!("The certificate {cert} is not enabled for SMTP (UnknownCredentials)")
    },
    no_smtp_stuck_title: |destination, connector| {
        format!("Mail to {destination} is stuck because the certificate of send connector \"{connector}\" is not enabled for SMTP")
    },
    no_smtp_explanation: |cert, services, connector| {
        let mut s = format!(
            "Get-ExchangeCertificate shows Services : {services} for {cert}: SMTP is missing. "
        );
        if let Some(c) = connector {
            s.push_str(&format!("Connector \"{c}\" names this certificate, so the Transport service cannot use its key and TLS fails with error UnknownCredentials (KB 4051498)."));
        } else {
            s.push_str("When Exchange picks it for TLS, the negotiation fails with error UnknownCredentials (KB 4051498).");
        }
        s
    },
    no_smtp_steps: || {
        vec![
            "Bind the certificate to the SMTP service with Enable-ExchangeCertificate (answer No when asked to replace the default SMTP certificate if it is not meant for internal mail).".into(),
            "Restart the Microsoft Exchange Transport service and retry the queue.".into(),
        ]
    },

    malformed_title: |connector| {
        format!("The TlsCertificateName of connector \"{connector}\" is malformed")
    },
    malformed_explanation: |connector, value, problems, corrected| {
        let mut s = format!("Connector \"{connector}\" has TlsCertificateName {value}. Exchange expects <I>{{Issuer}}<S>{{Subject}}. What is wrong: {}", problems.join(" "));
        match corrected {
            Some(c) => s.push_str(&format!(" The correct value is {c}")),
            None => s.push_str(" Paste Get-ExchangeCertificate | fl (or drop the certificate) to get the corrected value filled in."),
        }
        s
    },
    malformed_problem: |p| match p {
        TlsNameProblem::Quoted => "The quotes are part of the value.".into(),
        TlsNameProblem::MissingIssuerTag => "The <I> tag before the issuer is missing.".into(),
        TlsNameProblem::MissingSubjectTag => "The <S> tag before the subject is missing.".into(),
        TlsNameProblem::SubjectBeforeIssuer => {
            "<S> comes before <I>; the issuer must come first.".into()
        }
        TlsNameProblem::RepeatedTag { tag } => format!("{tag} appears more than once."),
        TlsNameProblem::TextBeforeFirstTag { text } => {
            format!("\"{text}\" stands before the first tag.")
        }
        TlsNameProblem::EmptyIssuer => "Nothing follows <I>.".into(),
        TlsNameProblem::EmptySubject => "Nothing follows <S>.".into(),
        TlsNameProblem::HostNameInsteadOfNames { host } => {
            format!(
                "It holds the host name {host}, not the certificate's issuer and subject names."
            )
        }
    },
    malformed_steps: |from_certificate| {
        let mut v =
            vec!["Set TlsCertificateName to the corrected value (command below).".to_string()];
        if from_certificate {
            v.push("The command builds the value from the certificate itself, so spelling and order cannot go wrong.".into());
        }
        v.push("Restart the Microsoft Exchange Transport service.".into());
        v
    },

    expired_event_title: |fqdn| {
        format!(
            "Exchange reports that the STARTTLS certificate for {fqdn} has expired (Event 12016)"
        )
    },
    expires_soon_event_title: |what, hours| match hours {
        Some(h) => format!("The STARTTLS certificate {what} expires in {h} hours (Event 12018)"),
        None => format!("The STARTTLS certificate {what} expires soon (Event 12018)"),
    },
    internal_expires_soon_event_title: |thumbprint, hours| match hours {
        Some(h) => format!(
            "The internal transport certificate {thumbprint} expires in {h} hours (Event 12017)"
        ),
        None => {
            format!("The internal transport certificate {thumbprint} expires soon (Event 12017)")
        }
    },
    expiry_event_explanation: |event_id, what, replacement| {
        let mut s = match event_id {
            12016 => format!("Event 12016: the only certificate for {what} has expired, so Exchange has no valid certificate to offer for STARTTLS on that name; senders that require TLS cannot deliver."),
            12017 => format!("Event 12017: the self-signed internal transport certificate {what} is about to expire; Exchange servers use it to encrypt mail between each other."),
            _ => format!("Event 12018: the certificate {what} that Exchange offers for STARTTLS is about to expire; after that, senders that require TLS cannot deliver."),
        };
        if let Some(r) = replacement {
            s.push_str(&format!(
                " A newer certificate for the same name is already there: {r}. Enable it for SMTP."
            ));
        }
        s
    },
    expiry_steps: |has_replacement, internal| {
        if internal {
            vec!["Renew the self-signed certificate with the same settings (command below); Exchange makes the new one the internal transport certificate.".into()]
        } else if has_replacement {
            vec![
                "Enable the newer certificate for SMTP.".into(),
                "Restart the Microsoft Exchange Transport service.".into(),
            ]
        } else {
            vec![
                "Request a new certificate for the name from your CA (command below writes the request).".into(),
                "Import the issued certificate on the server that made the request and enable it for SMTP.".into(),
                "Restart the Microsoft Exchange Transport service.".into(),
            ]
        }
    },

    selected_expired_title: |connector, not_after| {
        format!("The certificate that connector \"{connector}\" uses expired on {not_after}")
    },
    selected_not_yet_valid_title: |connector, not_before| {
        format!("The certificate that connector \"{connector}\" uses is not valid before {not_before}")
    },
    selected_expires_soon_title: |connector, days| {
        format!("The certificate that connector \"{connector}\" uses expires in {days} days")
    },
    selected_validity_explanation: |connector, cert, replacement| {
        let mut s = format!("Connector \"{connector}\" selects {cert} through its TlsCertificateName (the newest matching certificate Exchange can use). Outside its validity, TLS with partners that check certificates fails.");
        if let Some(r) = replacement {
            s.push_str(&format!(" A valid certificate for the same subject is already there: {r}. Enable it for SMTP and point the connector at it."));
        }
        s
    },

    pasted_summary: |certificates, connectors, queues, events, server_errors, log_rows, skipped| {
        let n = |count: usize, one: &str, many: &str| {
            format!("{count} {}", if count == 1 { one } else { many })
        };
        let mut s = format!(
            "read {}, {}, {}, {}",
            n(certificates, "certificate", "certificates"),
            n(connectors, "connector", "connectors"),
            n(queues, "queue", "queues"),
            n(events, "event", "events")
        );
        if server_errors > 0 {
            s.push_str(&format!(
                ", {}",
                n(server_errors, "error message", "error messages")
            ));
        }
        if log_rows > 0 {
            s.push_str(&format!(
                ", {}",
                n(log_rows as usize, "log row", "log rows")
            ));
        }
        if skipped > 0 {
            s.push_str(&format!("; {skipped} lines not recognised"));
        }
        s
    },
    lines_skipped: |count| format!("{count} pasted lines were not recognised and were skipped."),
    connector_kind: |k| match k {
        crate::paste::connector::ConnectorKind::Send => "Send connector",
        crate::paste::connector::ConnectorKind::Receive => "Receive connector",
        crate::paste::connector::ConnectorKind::Unknown => "Connector",
    },
    line_word: "line",
    queue_word: "queue",
    messages_word: "messages",
    shell_error_word: "shell error",
    shell_warning_word: "shell warning",
    event_word: "event",
    yes: "yes",
    no: "no",
    unknown: "?",

    ps_comment_find_cert: "# The certificate to use:",
    ps_comment_import_pfx: "# Import it again WITH its private key (PFX from your backup or CA):",
    ps_comment_repair_key:
        "# Or, if the key is still on the server, re-link it to the certificate (serial number):",
    ps_comment_enable_smtp: "# Enable it for SMTP:",
    ps_comment_set_name: "# Point the connector at it:",
    ps_comment_clear_name: "# Clear the name so the old certificate can be removed:",
    ps_comment_remove_old: "# Remove the old certificate:",
    ps_comment_restart: "# Restart transport:",
    ps_comment_stop: "# Stop transport on the source servers:",
    ps_comment_start: "# Start transport again:",
    ps_comment_retry_queue: "# Retry the queue:",
    ps_comment_request: "# Write a certificate request (send the .req file to your CA):",
    ps_comment_import_issued: "# Import the issued certificate and enable it for SMTP:",
    ps_comment_renew_self_signed: "# Renew the self-signed certificate:",
    ps_comment_unsafe_value: "# NOT RUN: a value below held control or line-break characters (shown as [U+....]); check the real value on the server and type the command yourself:",
    unsafe_value_step: "A value taken from your input held control or line-break characters; they are shown as [U+....] and the command holding it is commented out. Check the real value on the server (it may be an attempt to smuggle a command in) and type that command yourself.",
};

/// Labels of the page and of exported reports ([`super::ui`]).
pub const UI: UiText = UiText {
    page_title: "tlsdoctor",
    tagline: "Why does Exchange mail-flow TLS fail? Drop SMTP protocol logs and certificate files here.",
    privacy_note: "Nothing leaves this browser: every file is read and analysed on this computer, and the page makes no network requests.",
    language: "Language",
    drop_title: "Drop log files, folders and certificates here",
    drop_hint: "SMTP send/receive protocol logs, .cer/.crt/.pem, .p7b/.p7c, .pfx/.p12 — the type is detected from the content. Press Enter to choose files.",
    choose_files: "Choose files…",
    choose_folder: "Choose a folder…",
    paste_label: "Or paste log lines or Exchange Management Shell output",
    paste_placeholder: "2024-01-31T12:00:00.000Z,Outbound to Office 365,08D5…,*,,TLS negotiation failed with error NoCredentials",
    paste_button: "Analyse pasted text",
    samples_button: "Try with sample files",
    clear_button: "Start over",
    cancel_button: "Cancel",
    progress_overall: "Overall",
    progress_done: "Done",
    progress_cancelled: "Cancelled: the results below cover only what was read.",
    worker_failed: "The analysis stopped unexpectedly",
    verdict_waiting: "Add files to get a diagnosis.",
    verdict_working: "Reading files…",
    findings_heading: "Findings",
    severity_error: "Error",
    severity_warning: "Warning",
    severity_info: "Info",
    evidence: "Evidence",
    remediation: "What to do",
    powershell: "PowerShell (Exchange Management Shell)",
    copy: "Copy",
    copied: "Copied",
    copy_failed: "Copy failed: select the text and copy it by hand",
    certificates_heading: "Certificates",
    thumbprint: "Thumbprint",
    subject: "Subject",
    issuer: "Issuer",
    serial_number: "Serial number",
    valid_from: "Valid from",
    valid_until: "Valid until",
    today: "today",
    validity_expired: "expired",
    validity_not_yet: "not yet valid",
    validity_ok: "valid",
    private_key: "Private key",
    key_present_matches: "present and matches this certificate",
    key_absent: "not in this file",
    key_locked: "in this file, locked: give its password or pass phrase",
    key_mismatch: "a key is in the file but matches no certificate",
    names: "Names (SAN)",
    enhanced_key_usage: "Enhanced key usage",
    none: "none",
    self_signed: "self-signed",
    tls_certificate_name: "TlsCertificateName",
    source_file: "File",
    files_heading: "Files",
    file_ok: "read",
    password_protected: "This file is protected by a password (the empty password did not open it).",
    password_wrong: "Wrong password — try again.",
    password_label: "Password for",
    password_submit: "Open",
    file_damaged: "This file is damaged",
    sessions_heading: "Failing sessions",
    session: "Session",
    connector: "Connector",
    remote_endpoint: "Remote endpoint",
    line: "line",
    log_summary: "Protocol logs",
    log_lines: "lines",
    log_sessions: "sessions",
    log_skipped: "skipped lines",
    export_heading: "Export",
    export_markdown: "Download Markdown",
    export_json: "Download JSON",
    redact_label: "Redact IP addresses and host names",
    report_title: "tlsdoctor report",
    generated_by: "Generated by tlsdoctor",
    verdict: "Verdict",
};

/// The empty state, offline use and update notices of the page ([`super::guide`]).
pub const GUIDE: GuideText = GuideText {
    collect_heading: "What to collect",
    collect_intro: "tlsdoctor reads what Exchange itself records: the SMTP protocol logs, the certificates and the connectors. Collect them on the Exchange server (read-only), copy them to this computer and drop them above.",
    collector_heading: "The quick way: the collector script",
    collector_text: "Run Collect-TlsEvidence.ps1 (in the collect folder of tlsdoctor; `tlsdoctor collect-script` prints it) in the Exchange Management Shell on the server. It only reads, never exports a private key, and writes one .zip: drop that .zip here.",
    collector_download: "Download Collect-TlsEvidence.ps1",
    collector_label: "the collector script",
    manual_heading: "By hand: three commands",
    manual_text: "Run these in the Exchange Management Shell and paste each output into the box above (or save it as a .txt file and drop that).",
    step_certificates: "1. The certificates Exchange knows (names, thumbprint, services, private key). The first line stops PowerShell from cutting lists after four entries.",
    step_connectors: "2. The Send and Receive connectors (FQDN, TLS settings, TlsCertificateName).",
    step_logs: "3. Where the SMTP protocol logs are: from the SmtpSend and SmtpReceive folders, copy the newest .LOG files that cover a failing delivery and drop them here (protocol logging must be Verbose on the connector).",
    commands_label: "commands",
    offline_download: "Download this page for offline use",
    offline_hint: "One HTML file that works without a server or internet connection: open it from disk, on a jump host too.",
    build_label: "build",
    update_ready: "A new version of this page is ready.",
    update_button: "Reload to update",
};
