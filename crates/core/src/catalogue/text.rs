//! The catalogue's words, English and German. One [`RowText`] per finding id (title,
//! explanation, steps, with `{placeholders}` filled by [`crate::i18n::fill`]) and the verdict /
//! collection texts ([`Msg`]). The PowerShell is the same in both languages.

use super::Id;
use crate::i18n::Lang;

pub struct RowText {
    pub title: &'static str,
    pub explanation: &'static str,
    pub steps: &'static [&'static str],
}

const fn t(
    title: &'static str,
    explanation: &'static str,
    steps: &'static [&'static str],
) -> RowText {
    RowText {
        title,
        explanation,
        steps,
    }
}

pub fn row(lang: Lang, id: Id) -> RowText {
    match lang {
        Lang::En => en(id),
        Lang::De => de(id),
    }
}

fn en(id: Id) -> RowText {
    match id {
        Id::TlsNameNotFound => t(
            "The certificate named in TlsCertificateName of {connector} is gone",
            "Exchange reports that no certificate in the personal store matches the connector's TlsCertificateName; the name: {name}. This happens after a renewal or when the CA changed its intermediate (Let's Encrypt R3 to R10/R11, DigiCert G1 to G2): the name still carries the old issuer or subject, so TLS cannot start and mail waits in the queue.",
            &["Rebuild the connector's TlsCertificateName from the new certificate {thumbprint} (on every server that runs this connector), then retry the queues."],
        ),
        Id::NoCredentials => t(
            "TLS fails with NoCredentials: the certificate Exchange picked has no usable private key",
            "The text says \"TLS negotiation failed with error NoCredentials\" (SSPI 0x8009030E): the certificate chosen for STARTTLS has no private key, the key is not linked, or Network Service cannot read it (KB 4495258). Messages wait with 421 4.4.1 / 451 4.4.0.",
            &["Re-import the certificate together with its private key (the PFX), or repair the key link with certutil -repairstore.", "Enable it for SMTP (answer No when asked to replace the default certificate) and retry the queues."],
        ),
        Id::UnknownCredentials => t(
            "TLS fails with UnknownCredentials: the certificate is not enabled for SMTP",
            "The text says \"TLS negotiation failed with error UnknownCredentials\" (SSPI 0x8009030D): a third-party certificate is installed but not bound to the transport service (KB 4051498).",
            &["Enable the certificate for SMTP (answer No when asked to replace the default certificate), then retry the queues."],
        ),
        Id::AmbiguousName => t(
            "Renewal trap on {server}: old and new certificate share issuer and subject",
            "Exchange refuses to remove a certificate that Send connectors ({connector}) reference through TlsCertificateName, because the name matches both the old and the renewed certificate. {rule}",
            &["On every source transport server of the connector: stop MSExchangeTransport, clear TlsCertificateName, remove the old certificate, rebuild the name from the new one, set it, start the service (\"Can't remove a certificate that's installed in Exchange Server\")."],
        ),
        Id::StartTlsCertificateMissing => t(
            "Receive connector {connector} can no longer offer STARTTLS",
            "Event 12014: Exchange could not find a certificate for {name}, so the receive connector {connector} (FQDN {fqdn}) does not advertise STARTTLS. Exchange Online then defers with \"451 5.7.3 STARTTLS is required to send mail\" / \"450 4.4.317 Cannot connect to remote server\" (KB 2989382).",
            &["Point the receive connector at the current certificate (or set TlsCertificateName to $null and rerun the Hybrid Configuration Wizard), on every server named below."],
        ),
        Id::SubjectMismatch => t(
            "Exchange Online rejects the certificate of {connector}: SubjectMismatch (expected {expected}, got {presented})",
            "Exchange Online connects to {connector} and requires a certificate for {expected}, but the server presents {presented} ({presented_kind}). {sessions} {trace} Usually the Default Frontend connector of one of several servers still uses the self-signed default certificate. {rule}",
            &["Assign the CA-issued certificate for {expected} to the Default Frontend receive connector on every server of the hybrid set ({servers}); make sure it is enabled for SMTP.", "Then ask Exchange Online to retry (or wait) and check the message trace again."],
        ),
        Id::TenantAttribution => t(
            "Exchange Online cannot attribute your server's mail to your tenant ({code})",
            "Exchange Online answers \"{code} TenantInboundAttribution / TenantAttribution\": the certificate your server sends ({subject}) no longer matches the TlsSenderCertificateName of the inbound connector in Exchange Online, or that name is not an accepted domain. This typically follows a certificate renewal with a new subject.",
            &["Align the inbound connector's TlsSenderCertificateName with the certificate's subject/SAN (or rerun the Hybrid Configuration Wizard), and make sure that name is an accepted domain."],
        ),
        Id::ChainOrRevocation => t(
            "Certificate chain or revocation check fails ({token})",
            "Windows cannot build a trusted chain for the certificate or cannot check its revocation ({token}): an intermediate or root is missing, the CRL/OCSP endpoint is not reachable (no proxy for WinHTTP, KB 979694), or the certificate was revoked.",
            &["Install the missing intermediate (and root) certificates into the computer store.", "If the server reaches the internet only through a proxy, set the WinHTTP proxy so CRL/OCSP can be fetched.", "Replace a revoked certificate."],
        ),
        Id::Expired => t(
            "The STARTTLS certificate has expired",
            "{detail} An expired certificate is not used for STARTTLS (Event 12016) or is refused by the other side (CertExpired).",
            &["Renew the certificate, import it, enable it for SMTP and update every TlsCertificateName that names it."],
        ),
        Id::InternalCertificateMissing => t(
            "The internal transport certificate {thumbprint} is missing",
            "Events 12013/12023/12024: Exchange could not load the certificate with thumbprint {thumbprint} from the personal store. The self-signed internal transport certificate was deleted, so server-to-server TLS (and transport) fails.",
            &["Create a new self-signed certificate for SMTP on {servers} (accept making it the default SMTP certificate), then restart the transport service."],
        ),
        Id::TlsVersionMismatch => t(
            "TLS version or cipher mismatch ({token})",
            "{token} means the two sides could not agree on a TLS version or cipher suite, or the connection broke during the handshake: typically TLS 1.2 is not enabled for SCHANNEL or .NET on one side (or a device in between interferes). It is not a certificate problem.",
            &["Run the CSS-Exchange HealthChecker and read its TLS report.", "Enable TLS 1.2 for .NET (SystemDefaultTlsVersions, SchUseStrongCrypto) and SCHANNEL on every Exchange server ({servers}), check the cipher suites, and restart."],
        ),
        Id::Microsoft365RootMissing => t(
            "The sending server does not trust Microsoft 365's certificate chain",
            "\"454 4.7.5 Certificate Validation Failure\" on the sending server: it cannot validate the certificate chain of Microsoft 365, usually because the trusted root (DigiCert Global Root G2, thumbprint DF3C24F9BFD666761B268073FE06D1CC8D4F82A4) is missing from its root store (automatic root updates blocked).",
            &["Import DigiCert Global Root G2 into the Trusted Root store of every sending server, and check that automatic root updates work (certutil -verifyctl AuthRoot)."],
        ),
        Id::WeakSignature => t(
            "Weak signature ({algorithm}) in the certificate chain of {subject}",
            "{subject} (issuer {issuer}) is signed with {algorithm}. Under TLS 1.2 Windows refuses MD5/MD2 signatures and SHA-1 is no longer accepted by many servers (KB 3027536): sessions with this certificate fail or stay in Retry.",
            &["Have the certificate (or the partner's chain) reissued with SHA-256; tell the partner when it is theirs."],
        ),
        Id::RequireTlsNoStartTls => t(
            "Send connector {connector} requires TLS but the remote offers no STARTTLS",
            "Event 2015: the connector requires TLS, but the receiving server did not offer STARTTLS in its EHLO reply, so nothing is delivered. The fix is on the remote side, or a connector without RequireTLS for that domain.",
            &["Ask the remote side to enable STARTTLS, or route that domain through a connector without RequireTLS if policy allows."],
        ),
        Id::HybridSendConnector => t(
            "Hybrid Send connector {connector} is not set up as the Hybrid wizard sets it",
            "The connector to Exchange Online should have TlsAuthLevel DomainValidation, TlsDomain mail.protection.outlook.com, CloudServicesMailEnabled $true and a TlsCertificateName. {detail}",
            &["Rerun the Hybrid Configuration Wizard, or set the four properties as below."],
        ),
        Id::DuplicatePicked => t(
            "Exchange picks certificate {thumbprint} for {subject}, which {lacks}",
            "Several certificates share issuer and subject {subject}. {rule} The one it picks ({thumbprint}, valid until {not_after}) {lacks}, so TLS fails with it: Exchange does not fall back to the other certificate(s) with this name.",
            &["Remove the unwanted certificate, or make the picked one usable (enable SMTP / re-import with its key)."],
        ),
        Id::Authentication => t(
            "Not a certificate problem: authentication fails ({token})",
            "The text shows an authentication failure ({token}): Kerberos/NTLM, the clock (time skew), credentials or a broken trust. TLS itself worked up to this point; changing certificates will not help.",
            &["Check the time on both sides (w32tm), the computer account and domain trust, and the credentials the connector uses.", "Check Event 1035 on the receiving server for the account that failed."],
        ),
        Id::DroppedAfterTls => t(
            "{count} session(s) on {connector} were dropped by the remote right after TLS",
            "The remote ({remote}) negotiated TLS with {connector}, received the certificate {subject}, and closed the connection ({ending}) before sending any SMTP command. That is how a sender rejects a certificate it cannot validate (wrong name, self-signed, untrusted chain). Find out why on the sending side.",
            &["Collect what the sending side says: the message trace / NDR (Exchange Online) or the sender's Send protocol log."],
        ),
        Id::InsufficientEvidence => t(
            "Not enough evidence to tell whether TLS works",
            "{why} Nothing here proves TLS works for this mail flow, and nothing proves it fails. Collect the items below and add them.",
            &[
                "Protocol logs: find the folders with `Get-TransportService | fl *ProtocolLogPath` and `Get-FrontEndTransportService | fl *ProtocolLogPath` (SmtpSend / SmtpReceive), take the files covering a failing delivery.",
                "Set the logging level to Verbose on the connectors involved so the logs name the certificates.",
                "Certificates and connectors as the server sees them (Get-ExchangeCertificate, Get-SendConnector, Get-ReceiveConnector).",
                "Queues and the Exchange Online side: Get-Queue LastError, the message trace detail or the NDR text.",
            ],
        ),
        Id::StartTlsRequiredByRemote => t(
            "The remote requires TLS, and {connector} sent without it ({code})",
            "The receiving server answered \"{reply}\" {count} time(s): it takes mail from this server only over TLS, and this server went on without STARTTLS, so the mail waits in the queue. Exchange skips STARTTLS when the Send connector has IgnoreSTARTTLS set, and retries a host without TLS after a TLS failure with it (look for TLS failures to that host before these replies). Exchange Online answers this way when the inbound connector for your organization requires TLS.",
            &["Check the Send connector used for this destination: IgnoreSTARTTLS must be False.", "Look for TLS failures to the same host before these replies (the other findings, or the connector's protocol log at Verbose level) and fix those first.", "Retry the queue."],
        ),
        Id::StartTlsRequiredByThisServer => t(
            "{connector} requires TLS, and {clients} sent without it (451 5.7.3)",
            "This server answered \"451 5.7.3 STARTTLS is required\" {count} time(s) on {connector}: the connector requires TLS (RequireTLS), and the client ({clients}) sent MAIL without STARTTLS, so its mail was refused and waits on the client's side. {offered} A client that tried STARTTLS first and failed (a TLS failure from the same address before these replies) has a TLS problem to fix first (certificate, TLS 1.2); one that never tries needs TLS turned on, or must be accepted on a connector of its own that does not require TLS.",
            &["Check the receive connector: `RequireTLS` True means every client of it must use STARTTLS.", "Look for TLS failures from the same address before these replies (the other findings) and fix those first.", "Otherwise have the client's administrator enable TLS (STARTTLS) on it; if it cannot do TLS and must be accepted, give it a receive connector of its own, limited to its address (RemoteIPRanges), without RequireTLS."],
        ),
        Id::LegacyTlsProtocol => t(
            "Connector {connector} negotiated {version} ({protocol})",
            "Sessions of {connector} negotiated {version} (the row below names the remote endpoint). TLS 1.0 and 1.1 are deprecated: Exchange Online takes mail only over TLS 1.2 or later, current mail servers refuse the older versions, and Microsoft recommends turning them off on Exchange Server once TLS 1.2 is enabled for SCHANNEL and .NET. Mail still flows, but one side offers nothing newer, so it fails as soon as the other drops the old version.",
            &["Find out which side offers nothing newer: the remote endpoint in the row, or this server ({servers}); run the CSS-Exchange HealthChecker and read its TLS report.", "Enable TLS 1.2 for SCHANNEL and .NET (SystemDefaultTlsVersions, SchUseStrongCrypto) on this server and restart; ask the partner to enable TLS 1.2 on theirs."],
        ),
        Id::CertificateRequest => t(
            "{file} is a certificate request for {subject}, not a certificate",
            "{file} is a certificate signing request (CSR, PKCS#10), read in full: it asks a CA for a certificate for {subject} (names: {names}; key: {key}). A request is not a certificate: Exchange can use nothing of it until the CA's answer (a .cer, .crt or .p7b file) is imported on the server that made the request, where the request's private key waits (Get-ExchangeCertificate lists it with Status PendingRequest). Nothing about TLS can be judged from the request itself.",
            &["Send the request to the CA (if that is not done yet) and save its answer, the issued certificate (.cer, .crt or .p7b).", "On the server that made the request (Get-ExchangeCertificate shows it as PendingRequest), complete it with Import-ExchangeCertificate and the answer's file, then enable the certificate for SMTP.", "Check that the new certificate shows HasPrivateKey True, then give tlsdoctor that certificate (or a PFX export of it) with the protocol logs."],
        ),
        Id::WeakRsaKey => t(
            "{subject} has a {key} key (less than 2048 bits)",
            "RSA keys shorter than 2048 bits are refused by Exchange Online and most mail servers, and by Windows under current policies.",
            &["Request a new certificate with a 2048-bit (or larger) key."],
        ),
        Id::KeyUsage => t(
            "{subject} cannot be used for a TLS server (key usage {usages})",
            "Its key usage allows neither digitalSignature nor keyEncipherment, which TLS needs for the server certificate.",
            &["Request a certificate from the web server / TLS server template."],
        ),
        Id::ChainIncomplete => t(
            "The chain of {subject} is incomplete in {path}",
            "{path} holds {subject}, issued by {issuer}, but not that issuing CA ({detail}). Servers that import this file lack the intermediate, and partners that do not have it cannot validate the chain (FAILURE-MODES #8).",
            &["Export the certificate with its whole chain (PFX: include all certificates in the certification path), or install the intermediate into the computer's Intermediate Certification Authorities store."],
        ),
        Id::SanCoverage => t(
            "{subject} does not cover the connector FQDN {fqdn}",
            "The connector {connector} identifies as {fqdn}, but the certificate's names ({names}) do not cover it (compared without case, a wildcard covers one label). Partners that check names (Exchange Online DomainValidation) reject it.",
            &["Use a certificate whose SAN contains {fqdn}, or set the connector FQDN to a name the certificate covers."],
        ),
    }
}

fn de(id: Id) -> RowText {
    match id {
        Id::TlsNameNotFound => t(
            "Das im TlsCertificateName von {connector} genannte Zertifikat gibt es nicht mehr",
            "Exchange meldet, dass kein Zertifikat im persönlichen Speicher zum TlsCertificateName des Connectors passt; der Name: {name}. Das passiert nach einer Erneuerung oder wenn die Zertifizierungsstelle ihr Zwischenzertifikat gewechselt hat (Let's Encrypt R3 zu R10/R11, DigiCert G1 zu G2): der Name trägt noch den alten Aussteller oder Antragsteller, TLS startet nicht und die Mails bleiben in der Warteschlange.",
            &["Den TlsCertificateName des Connectors aus dem neuen Zertifikat {thumbprint} neu bilden (auf jedem Server, der diesen Connector betreibt), dann die Warteschlangen erneut versuchen."],
        ),
        Id::NoCredentials => t(
            "TLS scheitert mit NoCredentials: das von Exchange gewählte Zertifikat hat keinen nutzbaren privaten Schlüssel",
            "Der Text meldet „TLS negotiation failed with error NoCredentials“ (SSPI 0x8009030E): dem für STARTTLS gewählten Zertifikat fehlt der private Schlüssel, er ist nicht verknüpft oder Network Service darf ihn nicht lesen (KB 4495258). Nachrichten warten mit 421 4.4.1 / 451 4.4.0.",
            &["Das Zertifikat zusammen mit seinem privaten Schlüssel (PFX) neu importieren oder die Schlüsselverknüpfung mit certutil -repairstore reparieren.", "Für SMTP aktivieren (die Frage nach dem Ersetzen des Standardzertifikats mit Nein beantworten) und die Warteschlangen erneut versuchen."],
        ),
        Id::UnknownCredentials => t(
            "TLS scheitert mit UnknownCredentials: das Zertifikat ist nicht für SMTP aktiviert",
            "Der Text meldet „TLS negotiation failed with error UnknownCredentials“ (SSPI 0x8009030D): ein Drittanbieter-Zertifikat ist installiert, aber nicht an den Transportdienst gebunden (KB 4051498).",
            &["Das Zertifikat für SMTP aktivieren (die Frage nach dem Ersetzen des Standardzertifikats mit Nein beantworten), dann die Warteschlangen erneut versuchen."],
        ),
        Id::AmbiguousName => t(
            "Erneuerungsfalle auf {server}: altes und neues Zertifikat haben denselben Aussteller und Antragsteller",
            "Exchange weigert sich, ein Zertifikat zu entfernen, auf das Sendeconnectors ({connector}) über TlsCertificateName verweisen, weil der Name zum alten und zum erneuerten Zertifikat passt. {rule}",
            &["Auf jedem Quell-Transportserver des Connectors: MSExchangeTransport stoppen, TlsCertificateName leeren, das alte Zertifikat entfernen, den Namen aus dem neuen bilden, setzen, den Dienst starten („Can't remove a certificate that's installed in Exchange Server“)."],
        ),
        Id::StartTlsCertificateMissing => t(
            "Empfangsconnector {connector} kann STARTTLS nicht mehr anbieten",
            "Ereignis 12014: Exchange fand kein Zertifikat für {name}, daher bietet der Empfangsconnector {connector} (FQDN {fqdn}) kein STARTTLS an. Exchange Online stellt dann mit „451 5.7.3 STARTTLS is required to send mail“ / „450 4.4.317 Cannot connect to remote server“ zurück (KB 2989382).",
            &["Den Empfangsconnector auf das aktuelle Zertifikat zeigen lassen (oder TlsCertificateName auf $null setzen und den Hybrid-Konfigurations-Assistenten erneut ausführen), auf jedem unten genannten Server."],
        ),
        Id::SubjectMismatch => t(
            "Exchange Online lehnt das Zertifikat von {connector} ab: SubjectMismatch (erwartet {expected}, erhalten {presented})",
            "Exchange Online verbindet sich mit {connector} und verlangt ein Zertifikat für {expected}, der Server zeigt aber {presented} ({presented_kind}). {sessions} {trace} Meist verwendet der Default-Frontend-Connector eines von mehreren Servern noch das selbstsignierte Standardzertifikat. {rule}",
            &["Das Zertifikat der Zertifizierungsstelle für {expected} dem Empfangsconnector Default Frontend auf jedem Server des Hybrid-Verbunds ({servers}) zuweisen; es muss für SMTP aktiviert sein.", "Danach Exchange Online erneut zustellen lassen (oder warten) und die Nachrichtenablaufverfolgung erneut prüfen."],
        ),
        Id::TenantAttribution => t(
            "Exchange Online kann die Mail Ihres Servers Ihrem Mandanten nicht zuordnen ({code})",
            "Exchange Online antwortet „{code} TenantInboundAttribution / TenantAttribution“: das Zertifikat, das Ihr Server sendet ({subject}), passt nicht mehr zum TlsSenderCertificateName des eingehenden Connectors in Exchange Online, oder dieser Name ist keine akzeptierte Domäne. Das folgt typischerweise einer Zertifikatserneuerung mit neuem Antragsteller.",
            &["Den TlsSenderCertificateName des eingehenden Connectors an Antragsteller/SAN des Zertifikats angleichen (oder den Hybrid-Konfigurations-Assistenten erneut ausführen) und sicherstellen, dass der Name eine akzeptierte Domäne ist."],
        ),
        Id::ChainOrRevocation => t(
            "Prüfung von Zertifikatkette oder Sperrstatus schlägt fehl ({token})",
            "Windows kann keine vertrauenswürdige Kette für das Zertifikat bilden oder seinen Sperrstatus nicht prüfen ({token}): ein Zwischen- oder Stammzertifikat fehlt, der CRL/OCSP-Endpunkt ist nicht erreichbar (kein Proxy für WinHTTP, KB 979694), oder das Zertifikat wurde gesperrt.",
            &["Fehlende Zwischen- (und Stamm-)zertifikate in den Computerspeicher installieren.", "Wenn der Server das Internet nur über einen Proxy erreicht, den WinHTTP-Proxy setzen, damit CRL/OCSP abgerufen werden können.", "Ein gesperrtes Zertifikat ersetzen."],
        ),
        Id::Expired => t(
            "Das STARTTLS-Zertifikat ist abgelaufen",
            "{detail} Ein abgelaufenes Zertifikat wird für STARTTLS nicht verwendet (Ereignis 12016) oder von der Gegenseite abgelehnt (CertExpired).",
            &["Das Zertifikat erneuern, importieren, für SMTP aktivieren und jeden TlsCertificateName anpassen, der es nennt."],
        ),
        Id::InternalCertificateMissing => t(
            "Das interne Transportzertifikat {thumbprint} fehlt",
            "Ereignisse 12013/12023/12024: Exchange konnte das Zertifikat mit dem Fingerabdruck {thumbprint} nicht aus dem persönlichen Speicher laden. Das selbstsignierte interne Transportzertifikat wurde gelöscht, daher scheitert TLS zwischen den Servern (und der Transport).",
            &["Auf {servers} ein neues selbstsigniertes Zertifikat für SMTP erstellen (als Standard-SMTP-Zertifikat übernehmen), dann den Transportdienst neu starten."],
        ),
        Id::TlsVersionMismatch => t(
            "TLS-Version oder Verschlüsselung passen nicht zusammen ({token})",
            "{token} bedeutet, dass sich beide Seiten auf keine TLS-Version oder Cipher Suite einigen konnten oder die Verbindung während des Handshakes abbrach: typischerweise ist TLS 1.2 für SCHANNEL oder .NET auf einer Seite nicht aktiviert (oder ein Gerät dazwischen stört). Es ist kein Zertifikatsproblem.",
            &["Den CSS-Exchange HealthChecker ausführen und seinen TLS-Bericht lesen.", "TLS 1.2 für .NET (SystemDefaultTlsVersions, SchUseStrongCrypto) und SCHANNEL auf jedem Exchange-Server ({servers}) aktivieren, die Cipher Suites prüfen und neu starten."],
        ),
        Id::Microsoft365RootMissing => t(
            "Der sendende Server vertraut der Zertifikatkette von Microsoft 365 nicht",
            "„454 4.7.5 Certificate Validation Failure“ auf dem sendenden Server: er kann die Zertifikatkette von Microsoft 365 nicht prüfen, meist weil das vertrauenswürdige Stammzertifikat (DigiCert Global Root G2, Fingerabdruck DF3C24F9BFD666761B268073FE06D1CC8D4F82A4) in seinem Stammspeicher fehlt (automatische Stammzertifikat-Updates blockiert).",
            &["DigiCert Global Root G2 in den Speicher Vertrauenswürdige Stammzertifizierungsstellen jedes sendenden Servers importieren und prüfen, ob die automatischen Updates funktionieren (certutil -verifyctl AuthRoot)."],
        ),
        Id::WeakSignature => t(
            "Schwache Signatur ({algorithm}) in der Zertifikatkette von {subject}",
            "{subject} (Aussteller {issuer}) ist mit {algorithm} signiert. Unter TLS 1.2 lehnt Windows MD5/MD2-Signaturen ab, und SHA-1 akzeptieren viele Server nicht mehr (KB 3027536): Sitzungen mit diesem Zertifikat scheitern oder bleiben in Retry.",
            &["Das Zertifikat (oder die Kette des Partners) mit SHA-256 neu ausstellen lassen; den Partner informieren, wenn es seine ist."],
        ),
        Id::RequireTlsNoStartTls => t(
            "Sendeconnector {connector} verlangt TLS, aber die Gegenseite bietet kein STARTTLS",
            "Ereignis 2015: der Connector verlangt TLS, der empfangende Server bietet in seiner EHLO-Antwort aber kein STARTTLS an, daher wird nichts zugestellt. Die Lösung liegt bei der Gegenseite oder in einem Connector ohne RequireTLS für diese Domäne.",
            &["Die Gegenseite bitten, STARTTLS zu aktivieren, oder die Domäne über einen Connector ohne RequireTLS leiten, wenn die Richtlinie es erlaubt."],
        ),
        Id::HybridSendConnector => t(
            "Hybrid-Sendeconnector {connector} ist nicht so eingerichtet, wie der Hybrid-Assistent ihn einrichtet",
            "Der Connector zu Exchange Online braucht TlsAuthLevel DomainValidation, TlsDomain mail.protection.outlook.com, CloudServicesMailEnabled $true und einen TlsCertificateName. {detail}",
            &["Den Hybrid-Konfigurations-Assistenten erneut ausführen oder die vier Eigenschaften wie unten setzen."],
        ),
        Id::DuplicatePicked => t(
            "Exchange wählt für {subject} das Zertifikat {thumbprint}, das {lacks}",
            "Mehrere Zertifikate haben Aussteller und Antragsteller {subject}. {rule} Das gewählte ({thumbprint}, gültig bis {not_after}) {lacks}, daher scheitert TLS damit: Exchange weicht nicht auf das andere Zertifikat bzw. die anderen mit diesem Namen aus.",
            &["Das unerwünschte Zertifikat entfernen oder das gewählte nutzbar machen (SMTP aktivieren / mit Schlüssel neu importieren)."],
        ),
        Id::Authentication => t(
            "Kein Zertifikatsproblem: die Authentifizierung scheitert ({token})",
            "Der Text zeigt einen Authentifizierungsfehler ({token}): Kerberos/NTLM, die Uhrzeit (Zeitabweichung), Anmeldedaten oder eine gestörte Vertrauensstellung. TLS selbst hat bis hierhin funktioniert; ein Zertifikatswechsel hilft nicht.",
            &["Die Uhrzeit auf beiden Seiten (w32tm), das Computerkonto und die Domänenvertrauensstellung sowie die Anmeldedaten des Connectors prüfen.", "Auf dem empfangenden Server Ereignis 1035 für das fehlgeschlagene Konto ansehen."],
        ),
        Id::DroppedAfterTls => t(
            "{count} Sitzung(en) an {connector} hat die Gegenseite direkt nach TLS abgebrochen",
            "Die Gegenseite ({remote}) hat mit {connector} TLS ausgehandelt, das Zertifikat {subject} erhalten und die Verbindung ({ending}) getrennt, bevor sie einen SMTP-Befehl sandte. So lehnt ein Absender ein Zertifikat ab, das er nicht prüfen kann (falscher Name, selbstsigniert, nicht vertrauenswürdige Kette). Den Grund zeigt die sendende Seite.",
            &["Sammeln, was die sendende Seite meldet: die Nachrichtenablaufverfolgung / den Unzustellbarkeitsbericht (Exchange Online) oder das Sendeprotokoll des Absenders."],
        ),
        Id::InsufficientEvidence => t(
            "Zu wenig Belege, um zu sagen, ob TLS funktioniert",
            "{why} Nichts hier beweist, dass TLS für diesen Mailfluss funktioniert, und nichts, dass es scheitert. Die folgenden Angaben sammeln und hinzufügen.",
            &[
                "Protokolle: die Ordner mit `Get-TransportService | fl *ProtocolLogPath` und `Get-FrontEndTransportService | fl *ProtocolLogPath` finden (SmtpSend / SmtpReceive) und die Dateien nehmen, die eine fehlschlagende Zustellung abdecken.",
                "Die Protokollierungsstufe der beteiligten Connectors auf Verbose setzen, damit die Protokolle die Zertifikate nennen.",
                "Zertifikate und Connectors, wie der Server sie sieht (Get-ExchangeCertificate, Get-SendConnector, Get-ReceiveConnector).",
                "Warteschlangen und die Seite von Exchange Online: LastError aus Get-Queue, die Details der Nachrichtenablaufverfolgung oder den Text des Unzustellbarkeitsberichts.",
            ],
        ),
        Id::StartTlsRequiredByRemote => t(
            "Die Gegenseite verlangt TLS, {connector} hat ohne gesendet ({code})",
            "Der empfangende Server hat {count}-mal „{reply}“ geantwortet: Er nimmt Mail von diesem Server nur über TLS an, und dieser Server hat ohne STARTTLS weitergemacht, daher bleibt die Mail in der Warteschlange. Exchange lässt STARTTLS aus, wenn am Sendeconnector IgnoreSTARTTLS gesetzt ist, und versucht einen Host nach einem TLS-Fehler erneut ohne TLS (nach TLS-Fehlern zu diesem Host vor diesen Antworten suchen). Exchange Online antwortet so, wenn der eingehende Connector für Ihre Organisation TLS verlangt.",
            &["Den Sendeconnector für dieses Ziel prüfen: IgnoreSTARTTLS muss False sein.", "Nach TLS-Fehlern zum selben Host vor diesen Antworten suchen (die anderen Befunde oder das Protokoll des Connectors auf Stufe Verbose) und diese zuerst beheben.", "Die Warteschlange erneut versuchen."],
        ),
        Id::StartTlsRequiredByThisServer => t(
            "{connector} verlangt TLS, und {clients} hat ohne gesendet (451 5.7.3)",
            "Dieser Server hat an {connector} {count}-mal „451 5.7.3 STARTTLS is required“ geantwortet: Der Connector verlangt TLS (RequireTLS), und der Client ({clients}) hat MAIL ohne STARTTLS gesendet; seine Mail wurde abgewiesen und wartet auf seiner Seite. {offered} Ein Client, der zuerst STARTTLS versucht hat und gescheitert ist (ein TLS-Fehler von derselben Adresse vor diesen Antworten), hat zuerst ein TLS-Problem zu beheben (Zertifikat, TLS 1.2); einer, der es nie versucht, muss TLS einschalten oder an einem eigenen Connector ohne TLS-Pflicht angenommen werden.",
            &["Den Empfangsconnector prüfen: `RequireTLS` True heißt, dass jeder Client dieses Connectors STARTTLS verwenden muss.", "Nach TLS-Fehlern von derselben Adresse vor diesen Antworten suchen (die anderen Befunde) und diese zuerst beheben.", "Sonst den Administrator des Clients bitten, TLS (STARTTLS) einzuschalten; kann der Client kein TLS und muss er angenommen werden, ihm einen eigenen Empfangsconnector geben, auf seine Adresse beschränkt (RemoteIPRanges), ohne RequireTLS."],
        ),
        Id::LegacyTlsProtocol => t(
            "Connector {connector} hat {version} ausgehandelt ({protocol})",
            "Sitzungen von {connector} haben {version} ausgehandelt (die Zeile unten nennt die Gegenstelle). TLS 1.0 und 1.1 sind veraltet: Exchange Online nimmt Mails nur über TLS 1.2 oder neuer an, aktuelle Mailserver lehnen die älteren Versionen ab, und Microsoft empfiehlt, sie auf Exchange Server abzuschalten, sobald TLS 1.2 für SCHANNEL und .NET aktiviert ist. Die Mails fließen noch, aber eine Seite bietet nichts Neueres an; sie scheitern, sobald die andere die alte Version abschaltet.",
            &["Klären, welche Seite nichts Neueres anbietet: die Gegenstelle in der Zeile oder dieser Server ({servers}); den CSS-Exchange HealthChecker ausführen und seinen TLS-Bericht lesen.", "TLS 1.2 für SCHANNEL und .NET (SystemDefaultTlsVersions, SchUseStrongCrypto) auf diesem Server aktivieren und neu starten; den Partner bitten, TLS 1.2 auf seiner Seite zu aktivieren."],
        ),
        Id::CertificateRequest => t(
            "{file} ist eine Zertifikatsanforderung für {subject}, kein Zertifikat",
            "{file} ist eine Zertifikatsanforderung (CSR, PKCS#10) und wurde vollständig gelesen: Sie fordert bei einer Zertifizierungsstelle ein Zertifikat für {subject} an (Namen: {names}; Schlüssel: {key}). Eine Anforderung ist kein Zertifikat: Exchange kann nichts davon verwenden, bis die Antwort der Zertifizierungsstelle (eine .cer-, .crt- oder .p7b-Datei) auf dem Server importiert ist, der die Anforderung erstellt hat; dort wartet ihr privater Schlüssel (Get-ExchangeCertificate zeigt sie mit Status PendingRequest). Über TLS lässt sich aus der Anforderung selbst nichts ableiten.",
            &["Die Anforderung an die Zertifizierungsstelle senden (falls noch nicht geschehen) und ihre Antwort, das ausgestellte Zertifikat (.cer, .crt oder .p7b), speichern.", "Auf dem Server, der die Anforderung erstellt hat (Get-ExchangeCertificate zeigt sie als PendingRequest), sie mit Import-ExchangeCertificate und der Datei der Antwort abschließen, dann das Zertifikat für SMTP aktivieren.", "Prüfen, dass das neue Zertifikat HasPrivateKey True zeigt, dann tlsdoctor dieses Zertifikat (oder einen PFX-Export davon) mit den Protokolldateien geben."],
        ),
        Id::WeakRsaKey => t(
            "{subject} hat einen {key}-Schlüssel (weniger als 2048 Bit)",
            "RSA-Schlüssel unter 2048 Bit lehnen Exchange Online, die meisten Mailserver und Windows unter aktuellen Richtlinien ab.",
            &["Ein neues Zertifikat mit einem Schlüssel von 2048 Bit (oder mehr) anfordern."],
        ),
        Id::KeyUsage => t(
            "{subject} taugt nicht für einen TLS-Server (Schlüsselverwendung {usages})",
            "Die Schlüsselverwendung erlaubt weder digitalSignature noch keyEncipherment, die TLS für das Serverzertifikat braucht.",
            &["Ein Zertifikat aus der Vorlage Webserver / TLS-Server anfordern."],
        ),
        Id::ChainIncomplete => t(
            "Die Kette von {subject} ist in {path} unvollständig",
            "{path} enthält {subject}, ausgestellt von {issuer}, aber nicht diese ausstellende Zertifizierungsstelle ({detail}). Server, die diese Datei importieren, haben das Zwischenzertifikat nicht, und Partner ohne es können die Kette nicht prüfen (FAILURE-MODES #8).",
            &["Das Zertifikat mit der ganzen Kette exportieren (PFX: alle Zertifikate im Zertifizierungspfad einbeziehen) oder das Zwischenzertifikat in den Speicher Zwischenzertifizierungsstellen des Computers installieren."],
        ),
        Id::SanCoverage => t(
            "{subject} deckt den Connector-FQDN {fqdn} nicht ab",
            "Der Connector {connector} meldet sich als {fqdn}, aber die Namen des Zertifikats ({names}) decken ihn nicht ab (ohne Groß-/Kleinschreibung verglichen, ein Platzhalter deckt eine Ebene ab). Partner, die Namen prüfen (Exchange Online DomainValidation), lehnen es ab.",
            &["Ein Zertifikat verwenden, dessen SAN {fqdn} enthält, oder den Connector-FQDN auf einen Namen setzen, den das Zertifikat abdeckt."],
        ),
    }
}

/// Short texts around findings and verdicts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    SelfSigned,
    CaIssued,
    UnknownKind,
    DroppedSessions,
    ConfirmedByTrace,
    WhyNothingRead,
    WhyOnlyHeaders,
    WhyOnlyFiles,
    WhyNoTls,
    WhyDropped,
    WhyTlsTurnedAway,
    WhyChainStatus,
    WhyOnlyPastes,
    WhyPastedQueueNotTls,
    WhyOtherExchangeLog,
    ExpiredEvent,
    ExpiredToken,
    HybridBadProps,
    HybridErrorText,
    LacksSmtp,
    LacksKey,
    MissingIntermediate,
    ExpiredIntermediate,
    UnknownValue,
    TlsWorksHereRemoteFails,
    ExpectedNameNotGiven,
    TraceSaysSubjectMismatch,
    TraceNotGivenSubjectMismatch,
    ThisServer,
    HandshakeCut,
    NoCertificateCoversFqdnTitle,
    NoCertificateCoversFqdn,
    InternalCertificateNotListedTitle,
    InternalCertificateNotListed,
    NoTlsMechanismTitle,
    NoTlsMechanism,
    NoTlsMechanismStep,
    StartTlsMissingSeenFromExo,
    AllServers,
    StartTlsWasOffered,
    StartTlsWasNotOffered,
}

pub fn msg(lang: Lang, m: Msg) -> &'static str {
    use Msg::*;
    match (lang, m) {
        (Lang::En, SelfSigned) => "self-signed",
        (Lang::De, SelfSigned) => "selbstsigniert",
        (Lang::En, CaIssued) => "CA-issued",
        (Lang::De, CaIssued) => "von einer Zertifizierungsstelle",
        (Lang::En, UnknownKind) => "issuer not known",
        (Lang::De, UnknownKind) => "Aussteller unbekannt",
        (Lang::En, DroppedSessions) => "The protocol log shows {count} session(s) from {remote} that received this certificate and were dropped right after TLS ({ending}).",
        (Lang::De, DroppedSessions) => "Das Protokoll zeigt {count} Sitzung(en) von {remote}, die dieses Zertifikat erhielten und direkt nach TLS getrennt wurden ({ending}).",
        (Lang::En, ConfirmedByTrace) => "The message trace text names the mismatch.",
        (Lang::De, ConfirmedByTrace) => "Der Text der Nachrichtenablaufverfolgung nennt die Abweichung.",
        (Lang::En, WhyNothingRead) => "No input could be read.",
        (Lang::De, WhyNothingRead) => "Keine Eingabe konnte gelesen werden.",
        (Lang::En, WhyOnlyHeaders) => "The protocol log(s) hold only their header lines, no session: logging may have just been turned on, or be off (ProtocolLoggingLevel None) on the connectors that carry the failing mail.",
        (Lang::De, WhyOnlyHeaders) => "Die Protokolldatei(en) enthalten nur ihre Kopfzeilen, keine Sitzung: Die Protokollierung wurde vielleicht gerade erst eingeschaltet oder ist auf den Connectors, über die die fehlschlagenden Nachrichten laufen, aus (ProtocolLoggingLevel None).",
        (Lang::En, WhyOnlyFiles) => "The {certificates} certificate(s) given show no problem in themselves (keys, dates, names, duplicates), but no session shows how they are used.",
        (Lang::De, WhyOnlyFiles) => "Die {certificates} angegebenen Zertifikate zeigen für sich kein Problem (Schlüssel, Daten, Namen, Duplikate), aber keine Sitzung zeigt, wie sie verwendet werden.",
        (Lang::En, WhyNoTls) => "The logs show {sessions} session(s) but none records a TLS negotiation that succeeded (perhaps the logging level is not Verbose, the sessions are not the failing ones, or the Exchange version logs no such row).",
        (Lang::De, WhyNoTls) => "Die Protokolle zeigen {sessions} Sitzung(en), aber keine verzeichnet eine gelungene TLS-Aushandlung (vielleicht ist die Protokollierungsstufe nicht Verbose, es sind nicht die fehlschlagenden Sitzungen, oder die Exchange-Version protokolliert keine solche Zeile).",
        (Lang::En, WhyDropped) => "TLS was negotiated, but sessions were dropped by the remote right after it, so working TLS is not shown.",
        (Lang::De, WhyDropped) => "TLS wurde ausgehandelt, aber die Gegenseite hat Sitzungen direkt danach getrennt, daher ist funktionierendes TLS nicht belegt.",
        (Lang::En, StartTlsMissingSeenFromExo) => "Exchange Online defers mail to {server} with \"451 5.7.3 STARTTLS is required to send mail\" / \"450 4.4.317 Cannot connect to remote server\": the on-premises receive connector did not offer STARTTLS. The usual cause (KB 2989382) is a TlsCertificateName on that connector naming a certificate that is gone, which the server logs as Event 12014; the event and the connector are not in what was given, so check them (commands below).",
        (Lang::De, StartTlsMissingSeenFromExo) => "Exchange Online stellt Mails an {server} mit „451 5.7.3 STARTTLS is required to send mail“ / „450 4.4.317 Cannot connect to remote server“ zurück: Der lokale Empfangsconnector bot kein STARTTLS an. Die übliche Ursache (KB 2989382) ist ein TlsCertificateName an diesem Connector, der ein nicht mehr vorhandenes Zertifikat nennt; der Server protokolliert das als Ereignis 12014. Ereignis und Connector sind in den Eingaben nicht enthalten, daher beide prüfen (Befehle unten).",
        (Lang::En, WhyTlsTurnedAway) => "TLS was negotiated in some sessions, but in others the remote demanded TLS (451 5.7.3 STARTTLS is required) or would not start it (454 TLS not available), so mail flow is not shown to work: the replies are listed below.",
        (Lang::De, WhyTlsTurnedAway) => "In einigen Sitzungen wurde TLS ausgehandelt, in anderen hat die Gegenseite TLS verlangt (451 5.7.3 STARTTLS is required) oder nicht starten wollen (454 TLS not available), daher ist funktionierender Mailfluss nicht belegt: die Antworten stehen unten.",
        (Lang::En, WhyChainStatus) => "TLS was negotiated, but the certificate chain a remote presented did not validate ({statuses}); a connector that checks it (domain security, Exchange Online's inbound connector) refuses such sessions. Read the rows below and the remote's certificate chain.",
        (Lang::De, WhyChainStatus) => "TLS wurde ausgehandelt, aber die Zertifikatkette einer Gegenseite war nicht gültig ({statuses}); ein Connector, der sie prüft (Domänensicherheit, eingehender Connector von Exchange Online), lehnt solche Sitzungen ab. Die Zeilen unten und die Zertifikatkette der Gegenseite prüfen.",
        (Lang::En, WhyPastedQueueNotTls) => "Queue {queue} is in Retry with LastError \"{error}\", which names no TLS or certificate failure (a DNS error, a timeout or a refused connection fails before TLS), and no session shows TLS at work.",
        (Lang::De, WhyPastedQueueNotTls) => "Die Warteschlange {queue} steht auf Retry mit LastError \"{error}\", der keinen TLS- oder Zertifikatsfehler nennt (ein DNS-Fehler, ein Timeout oder eine abgelehnte Verbindung scheitert vor TLS), und keine Sitzung zeigt TLS bei der Arbeit.",
        (Lang::En, WhyOnlyPastes) => "The pasted text shows no failure, but no session shows TLS at work.",
        (Lang::De, WhyOnlyPastes) => "Der eingefügte Text zeigt keinen Fehler, aber keine Sitzung zeigt TLS bei der Arbeit.",
        (Lang::En, WhyOtherExchangeLog) => "{files}: {log_types} (not SMTP protocol logs). These logs record deliveries and connections, not the TLS handshake; their rows were read for the failures they name, and none was found. The SMTP protocol logs (SmtpSend, SmtpReceive) show TLS.",
        (Lang::De, WhyOtherExchangeLog) => "{files}: {log_types} (keine SMTP-Protokollprotokolle). Diese Protokolle zeichnen Zustellungen und Verbindungen auf, nicht den TLS-Handshake; ihre Zeilen wurden nach genannten Fehlern durchsucht, keiner wurde gefunden. Die SMTP-Protokollprotokolle (SmtpSend, SmtpReceive) zeigen TLS.",
        (Lang::En, ExpiredEvent) => "Event 12016: there is no valid SMTP TLS certificate for {fqdn}; the existing one has expired.",
        (Lang::De, ExpiredEvent) => "Ereignis 12016: für {fqdn} gibt es kein gültiges SMTP-TLS-Zertifikat; das vorhandene ist abgelaufen.",
        (Lang::En, ExpiredToken) => "The TLS handshake failed with CertExpired (SSPI 0x80090328).",
        (Lang::De, ExpiredToken) => "Der TLS-Handshake scheiterte mit CertExpired (SSPI 0x80090328).",
        (Lang::En, HybridBadProps) => "As pasted: {props}.",
        (Lang::De, HybridBadProps) => "Laut Einfügung: {props}.",
        (Lang::En, HybridErrorText) => "Set-SendConnector refused TlsDomain because TlsAuthLevel is not DomainValidation: set both together.",
        (Lang::De, HybridErrorText) => "Set-SendConnector lehnte TlsDomain ab, weil TlsAuthLevel nicht DomainValidation ist: beide zusammen setzen.",
        (Lang::En, LacksSmtp) => "is not enabled for SMTP",
        (Lang::De, LacksSmtp) => "nicht für SMTP aktiviert ist",
        (Lang::En, LacksKey) => "has no private key",
        (Lang::De, LacksKey) => "keinen privaten Schlüssel hat",
        (Lang::En, MissingIntermediate) => "no certificate with that subject was dropped",
        (Lang::De, MissingIntermediate) => "kein Zertifikat mit diesem Antragsteller wurde abgelegt",
        (Lang::En, ExpiredIntermediate) => "the issuing CA certificate in the file expired on {date}",
        (Lang::De, ExpiredIntermediate) => "das Zertifikat der ausstellenden Zertifizierungsstelle in der Datei ist am {date} abgelaufen",
        (Lang::En, UnknownValue) => "(not in the text)",
        (Lang::En, TlsWorksHereRemoteFails) => "But TLS 1.2 or later works on {connectors}: {count} other session(s) negotiated TLS there, {versions} among them, so this server's SCHANNEL and .NET settings are not the cause. The failing remote end point(s) ({remotes}) offer nothing this server accepts (an old client or device, or a scanner): check them before changing this server.",
        (Lang::De, TlsWorksHereRemoteFails) => "TLS 1.2 oder neuer funktioniert aber auf {connectors}: {count} andere Sitzung(en) haben dort TLS ausgehandelt, darunter {versions}, die SCHANNEL- und .NET-Einstellungen dieses Servers sind also nicht die Ursache. Die fehlschlagenden Gegenstellen ({remotes}) bieten nichts an, was dieser Server annimmt (ein alter Client oder ein altes Gerät, oder ein Scanner): zuerst diese prüfen, bevor dieser Server geändert wird.",
        (Lang::En, ExpectedNameNotGiven) => "the name set on its outbound connector",
        (Lang::De, ExpectedNameNotGiven) => "den an seinem ausgehenden Connector eingestellten Namen",
        (Lang::En, TraceSaysSubjectMismatch) => "The message trace says \"450 4.7.320 Certificate validation failed ... SubjectMismatch\" and mail from Exchange Online waits.",
        (Lang::De, TraceSaysSubjectMismatch) => "Die Nachrichtenablaufverfolgung meldet „450 4.7.320 Certificate validation failed ... SubjectMismatch“, und Mail aus Exchange Online wartet.",
        (Lang::En, TraceNotGivenSubjectMismatch) => "Exchange Online's message trace (not given here) then shows \"450 4.7.320 Certificate validation failed ... SubjectMismatch\" for the mail that waits: check it to confirm.",
        (Lang::De, TraceNotGivenSubjectMismatch) => "Die Nachrichtenablaufverfolgung von Exchange Online (hier nicht angegeben) zeigt dann für die wartende Mail „450 4.7.320 Certificate validation failed ... SubjectMismatch“: zur Bestätigung prüfen.",
        (Lang::En, ThisServer) => "this server",
        (Lang::En, NoTlsMechanismTitle) => "Receive connector {connector} does not offer STARTTLS: its AuthMechanism lacks Tls",
        (Lang::De, NoTlsMechanismTitle) => "Der Empfangsconnector {connector} bietet kein STARTTLS an: in seinem AuthMechanism fehlt Tls",
        (Lang::En, NoTlsMechanism) => "Get-ReceiveConnector shows AuthMechanism : {mechanisms} for {connector}. Exchange advertises STARTTLS on a receive connector only when Tls is among its authentication mechanisms, whatever certificate is installed: mail arriving here is never encrypted, and senders that require TLS (Exchange Online, partners with RequireTLS or a TLS-enforcing connector) cannot deliver here. If the connector only relays for internal devices that cannot do TLS, this may be intended.",
        (Lang::De, NoTlsMechanism) => "Get-ReceiveConnector zeigt AuthMechanism : {mechanisms} für {connector}. Exchange bietet STARTTLS auf einem Empfangsconnector nur an, wenn Tls unter seinen Authentifizierungsmechanismen ist, gleich welches Zertifikat installiert ist: hier eingehende Mail wird nie verschlüsselt, und Absender, die TLS verlangen (Exchange Online, Partner mit RequireTLS oder einem TLS erzwingenden Connector), können nicht zustellen. Wenn der Connector nur für interne Geräte ohne TLS weiterleitet, kann das gewollt sein.",
        (Lang::En, NoTlsMechanismStep) => "Add Tls to the connector's AuthMechanism (command below; it keeps the other mechanisms), then check that an SMTP-enabled certificate covers the connector's FQDN.",
        (Lang::De, NoTlsMechanismStep) => "Tls zum AuthMechanism des Connectors hinzufügen (Befehl unten; die anderen Mechanismen bleiben), dann prüfen, dass ein für SMTP aktiviertes Zertifikat den FQDN des Connectors abdeckt.",
        (Lang::En, InternalCertificateNotListedTitle) => "The internal transport certificate {thumbprint} of {server} is not in the certificate listing given",
        (Lang::De, InternalCertificateNotListedTitle) => "Das interne Transportzertifikat {thumbprint} von {server} fehlt in der angegebenen Zertifikatsliste",
        (Lang::En, InternalCertificateNotListed) => "Get-TransportService names {thumbprint} as the InternalTransportCertificateThumbprint of {server}, but none of the {count} certificate(s) listed by Get-ExchangeCertificate has this thumbprint. If the listing is complete and of this server, the certificate was deleted: Exchange logs Events 12013/12023 and TLS between Exchange servers fails. Check with the first command below; if it finds nothing, create a new self-signed certificate for SMTP (accept making it the default SMTP certificate) and restart transport.",
        (Lang::De, InternalCertificateNotListed) => "Get-TransportService nennt {thumbprint} als InternalTransportCertificateThumbprint von {server}, aber keines der {count} von Get-ExchangeCertificate aufgelisteten Zertifikate hat diesen Fingerabdruck. Ist die Liste vollständig und von diesem Server, wurde das Zertifikat gelöscht: Exchange protokolliert die Ereignisse 12013/12023, und TLS zwischen Exchange-Servern schlägt fehl. Mit dem ersten Befehl unten prüfen; findet er nichts, ein neues selbstsigniertes Zertifikat für SMTP erstellen (als Standard-SMTP-Zertifikat übernehmen) und den Transportdienst neu starten.",
        (Lang::En, NoCertificateCoversFqdnTitle) => "No certificate given covers the FQDN {fqdn} of receive connector {connector}",
        (Lang::De, NoCertificateCoversFqdnTitle) => "Kein angegebenes Zertifikat deckt den FQDN {fqdn} des Empfangsconnectors {connector} ab",
        (Lang::En, NoCertificateCoversFqdn) => "The receive connector {connector} has no TlsCertificateName, so Exchange picks its STARTTLS certificate by the connector's FQDN {fqdn}: an SMTP-enabled certificate whose names contain it. None of the {count} certificate(s) given does. If the listing is of this connector's server, Exchange logs Event 12014 and offers no STARTTLS here (or, for the Default Frontend, its self-signed certificate), and senders that require TLS cannot deliver. Check the server's certificates (command below).",
        (Lang::De, NoCertificateCoversFqdn) => "Der Empfangsconnector {connector} hat keinen TlsCertificateName, daher wählt Exchange sein STARTTLS-Zertifikat nach dem FQDN {fqdn} des Connectors: ein für SMTP aktiviertes Zertifikat, dessen Namen ihn enthalten. Keines der {count} angegebenen Zertifikate tut das. Stammt die Liste vom Server dieses Connectors, protokolliert Exchange Ereignis 12014 und bietet hier kein STARTTLS an (oder, beim Default Frontend, sein selbstsigniertes Zertifikat), und Absender, die TLS verlangen, können nicht zustellen. Die Zertifikate des Servers prüfen (Befehl unten).",
        (Lang::En, HandshakeCut) => "Sessions ended inside the TLS handshake: STARTTLS was accepted, then the session closed ({token}) with no TLS result and no error logged. The usual cause is that the two sides share no TLS version or cipher suite (TLS 1.2 not enabled for SCHANNEL or .NET on one side), but a device in between, or a TLS failure not logged at this protocol logging level, ends a session the same way: nothing here names the cause. Read HealthChecker's TLS report before changing the registry, and set the connector's protocol logging to Verbose.",
        (Lang::De, HandshakeCut) => "Sitzungen endeten im TLS-Handshake: STARTTLS wurde angenommen, dann wurde die Sitzung beendet ({token}), ohne TLS-Ergebnis und ohne protokollierten Fehler. Die übliche Ursache ist, dass beide Seiten keine gemeinsame TLS-Version oder Cipher Suite haben (TLS 1.2 für SCHANNEL oder .NET auf einer Seite nicht aktiviert), aber ein Gerät dazwischen oder ein auf dieser Protokollierungsstufe nicht protokollierter TLS-Fehler beendet eine Sitzung genauso: nichts hier nennt die Ursache. Vor Änderungen an der Registrierung den TLS-Bericht des HealthCheckers lesen und die Protokollierung des Connectors auf Verbose stellen.",
        (Lang::De, ThisServer) => "dieser Server",
        (Lang::De, UnknownValue) => "(nicht im Text)",
        (Lang::En, AllServers) => "every server of the hybrid set",
        (Lang::De, AllServers) => "jeder Server des Hybrid-Verbunds",
        (Lang::En, StartTlsWasOffered) => "The EHLO reply on this connector offered STARTTLS, so the client chose not to use it.",
        (Lang::De, StartTlsWasOffered) => "Die EHLO-Antwort dieses Connectors bot STARTTLS an; der Client hat es also nicht verwenden wollen.",
        (Lang::En, StartTlsWasNotOffered) => "No EHLO reply in the logs shows this connector offering STARTTLS: if it does not (no usable certificate, Event 12014), no client can meet its RequireTLS, so check that first.",
        (Lang::De, StartTlsWasNotOffered) => "Keine EHLO-Antwort in den Protokollen zeigt, dass dieser Connector STARTTLS anbietet: Bietet er es nicht an (kein verwendbares Zertifikat, Ereignis 12014), kann kein Client seine TLS-Pflicht erfüllen; das zuerst prüfen.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(s: &str) -> Vec<String> {
        let mut v: Vec<String> = s
            .split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}').map(|(n, _)| n.to_string()))
            .collect();
        v.sort();
        v.dedup();
        v
    }

    #[test]
    fn every_row_has_both_languages_with_the_same_placeholders() {
        for id in super::super::ALL_IDS {
            let (e, d) = (en(*id), de(*id));
            assert_eq!(names(e.title), names(d.title), "{id:?}");
            assert_eq!(names(e.explanation), names(d.explanation), "{id:?}");
            assert_eq!(e.steps.len(), d.steps.len(), "{id:?}");
            for (a, b) in e.steps.iter().zip(d.steps) {
                assert_eq!(names(a), names(b), "{id:?}");
            }
            assert_ne!(e.title, d.title, "{id:?}");
        }
    }
}
