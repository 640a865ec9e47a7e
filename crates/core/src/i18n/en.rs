//! English texts. Wording of the KB-based steps follows KB 4495258, KB 4051498 and
//! "Can't remove a certificate that's installed in Exchange Server".

use super::Text;
use super::Text::*;

pub fn text(key: Text) -> &'static str {
    match key {
        // ---- no-credentials (KB 4495258)
        NoCredentialsTitle => "Outbound TLS fails with NoCredentials on \"{connector}\": certificate {thumbprint} has no usable private key",
        NoCredentialsExplanation => "{count} session(s) on the Send connector \"{connector}\" failed with \"TLS negotiation failed with error NoCredentials\" right after offering the certificate {subject} (issuer {issuer}, thumbprint {thumbprint}). Exchange picks this certificate through the connector's TlsCertificateName (<I>issuer<S>subject), but Windows has no usable private key for it, so the TLS handshake cannot start and the messages wait in the queue (421 4.4.1 Connection timed out). This is KB 4495258.",
        NoCredentialsExplanationNoCert => "{count} session(s) on the Send connector \"{connector}\" failed with \"TLS negotiation failed with error NoCredentials\". The log does not name the certificate (protocol logging is probably not Verbose). The certificate chosen through the connector's TlsCertificateName has no usable private key (KB 4495258).",
        NoCredentialsDroppedWithKey => "Good news: {path} holds this certificate together with its matching private key, so re-importing this file with its key fixes the server.",
        NoCredentialsDroppedWithoutKey => "The dropped file {path} holds this certificate but no matching private key, so it cannot repair the server on its own.",
        NoCredentialsPfxLocked => "{path} did not open with the passwords given (wrong password); give its password to check whether it holds this certificate and its key.",
        // ---- unknown-credentials (KB 4051498)
        UnknownCredentialsTitle => "Outbound TLS fails with UnknownCredentials on \"{connector}\": certificate {thumbprint} is not enabled for SMTP",
        UnknownCredentialsExplanation => "{count} session(s) on the Send connector \"{connector}\" failed with \"TLS negotiation failed with error UnknownCredentials\" after offering {subject} (thumbprint {thumbprint}). This happens when a third-party certificate installed on the Exchange server is not bound to the SMTP service (KB 4051498).",
        // ---- tls-negotiation-failed
        TlsFailedTitle => "TLS negotiation failed with error {error} on \"{connector}\"",
        TlsFailedExplanation => "{count} session(s) on \"{connector}\" (first remote end point {remote}) failed the TLS handshake with the Windows security status {error}.",
        SspiTargetUnknown => "TargetUnknown usually means the remote host name does not match its certificate, or the certificate cannot be checked (missing intermediate or revocation information).",
        SspiIllegalMessage => "IllegalMessage usually means the two sides share no TLS version or cipher suite (for example TLS 1.2 disabled on one side), or something in between alters the traffic.",
        SspiCertExpired => "CertExpired means a certificate in the handshake has expired.",
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
        AmbiguousUsedUnknown => "Which one Exchange uses is its own choice; a Send log with Verbose logging shows it in the \"Sending certificate\" rows.",
        // ---- self-signed on an external connector
        SelfSignedTitle => "Self-signed certificate {subject} used on the external connector \"{connector}\"",
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
        NoProblemLogsExplanation => "The logs show {sessions} session(s); TLS was negotiated {successes} time(s) ({protocols}) and no TLS negotiation failed. The certificates are not the cause of what follows.",
        NoProblemFilesExplanation => "The {certificates} certificate(s) given show no TLS problem (keys, dates, names, duplicates). Drop a Send or Receive protocol log to check real sessions.",
        AlsoAuthFailed => "The logs do show {count} failed AUTH attempt(s) (for example LogonDenied): a user name or password problem, not a certificate problem.",
        AlsoConnectionTimedOut => "{count} reply(ies) 421 4.4.1 Connection timed out were logged.",
        AlsoConnectionDropped => "{count} reply(ies) 421 4.4.2 (connection dropped) were logged.",
        AlsoStartTlsRequired => "{count} reply(ies) 451 5.7.3 STARTTLS is required were logged: the other side insists on TLS.",
        AlsoTemporaryAuthFailure => "{count} reply(ies) 454 4.7.0 Temporary authentication failure were logged.",
        AlsoTlsRefusedByRemote => "{count} reply(ies) 454 4.7.5 were logged: the remote refused the TLS or certificate check.",
        AlsoStartTlsNotAdvertised => "On \"{connector}\" the EHLO reply did not offer STARTTLS.",
        // ---- verdict
        VerdictOne => "{title}.",
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
        LogSummaryLine => "Logs: {lines} line(s), {sessions} session(s), {skipped} skipped, {failures} TLS failure(s), {successes} TLS success(es).",
        SeverityError => "ERROR",
        SeverityWarning => "WARNING",
        SeverityInfo => "INFO",
        PrivateKeyPresent => "private key: yes",
        PrivateKeyAbsent => "private key: no",
        SkippedLines => "{count} line(s) skipped: {reason}",
    }
}
