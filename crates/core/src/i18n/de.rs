//! Deutsche Texte. Die Schritte folgen den deutschen Fassungen von KB 4495258 („Fehler bei der
//! TLS-Aushandlung mit dem Fehler NoCredentials …“), KB 4051498 und „Ein in Exchange Server
//! installiertes Zertifikat kann nicht entfernt werden“. PowerShell bleibt unübersetzt.
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
        PfxPasswordPrompt => "PFX-Kennwort",
        RoleRemote => "Gegenseite",
        RoleReceived => "empfangen",
        RoleSending => "eigenes",
        PlaceholderInboundConnectorName => "Name des Eingangsconnectors",
        PlaceholderCaIssuedCertificate => "Zertifikat-einer-CA",
        PlaceholderOldThumbprint => "AlterFingerabdruck",
        UnknownConnectorKindComment => "# Die Ausgabe zeigt nicht, ob {connector} ein Sende- oder ein Empfangsconnector ist: Die nächste Zeile fragt Exchange und ändert den gefundenen.",
        PlaceholderConnectorName => "Connectorname",
        PlaceholderRemoteHost => "Host-der-Gegenseite",
        PlaceholderCertificateWithKey => "Zertifikat-mit-privatem-Schluessel",
        PlaceholderRenewedCertificate => "erneuertes-Zertifikat",
        PlaceholderSendConnectorName => "Sendeconnectorname",
        PlaceholderNewThumbprint => "NeuerFingerabdruck",
        PlaceholderThumbprint => "Fingerabdruck",
        PlaceholderServer => "Servername",
        StepCheckChains => "Prüfen Sie die Kette des eigenen Zertifikats (certutil -verify) und bitten Sie die Gegenseite, ihre zu prüfen; ein abgelaufenes Zwischenzertifikat durch das aktuelle der Zertifizierungsstelle ersetzen.",
        StepCollectBothCertificates => "Sammeln Sie die Daten des eigenen Zertifikats und des Zertifikats, das der Host der Gegenseite vorlegt, und analysieren Sie erneut damit.",
        StepTellRemoteRenew => "Teilen Sie dem Administrator der Gegenseite mit, dass sein Zertifikat abgelaufen ist (Fingerabdruck und Datum siehe oben); die Warteschlange erneut versuchen, sobald er es erneuert hat.",
        CertExpiredNotLogged => "nicht im Protokoll",
        CertExpiredUnknown => "Das Protokoll zeigt nicht, welches Zertifikat abgelaufen ist: das eigene dieses Servers ({own}) oder das der Gegenseite ({remote}). Sammeln Sie beide: das NotAfter des eigenen Zertifikats (erster Befehl unten; oder seine .cer hier ablegen) und das Zertifikat, das der Host {remote_host} der Gegenseite vorlegt (die openssl-Zeile, von einem Rechner, der ihn erreicht; oder seine .cer vom Partner).",
        CertExpiredBothValid => "Beide in der Sitzung gezeigten Zertifikate waren am {at} gültig (das dieses Servers bis {own_not_after}, das der Gegenseite bis {remote_not_after}): Abgelaufen ist dann am ehesten ein mitgesendetes Zwischen- oder Stammzertifikat. Prüfen Sie die Ketten beider Zertifikate.",
        CertExpiredRemote => "Das von der Gegenseite vorgelegte Zertifikat {subject} (Fingerabdruck {thumbprint}) war am {not_after} abgelaufen, vor der Sitzung vom {at}: Nur sein Inhaber kann es erneuern. Verständigen Sie den Administrator der Gegenseite; an diesem Server ist nichts zu ändern.",
        CertExpiredOwn => "Das eigene Zertifikat dieses Servers {subject} (Fingerabdruck {thumbprint}) war am {not_after} abgelaufen, vor der Sitzung vom {at}: Das ist das abgelaufene Zertifikat. Erneuern Sie es, importieren Sie das neue und aktivieren Sie es für SMTP.",
        ServersTitleSuffix => " (Server {servers})",
        LogServersNote => "Die gescheiterten Sitzungen stehen im Protokoll von {servers}: Die Befehle unten gelten für diesen Server (die Cert:-Zeilen dort ausführen).",
        // ---- no-credentials (KB 4495258)
        NoCredentialsTitle => "Ausgehendes TLS scheitert mit NoCredentials auf „{connector}“: Zertifikat {thumbprint} hat keinen nutzbaren privaten Schlüssel",
        NoCredentialsExplanation => "{count} Sitzung(en) auf dem Sendeconnector „{connector}“ endeten mit „TLS negotiation failed with error NoCredentials“, direkt nachdem das Zertifikat {subject} (Aussteller {issuer}, Fingerabdruck {thumbprint}) angeboten wurde. Exchange wählt dieses Zertifikat über den TlsCertificateName des Connectors (<I>Aussteller<S>Antragsteller), doch Windows hat keinen nutzbaren privaten Schlüssel dazu. Der TLS-Handshake kann nicht beginnen, die Nachrichten bleiben in der Warteschlange (421 4.4.1 Connection timed out). Das ist KB 4495258.",
        NoCredentialsTitleNoCert => "Ausgehendes TLS scheitert mit NoCredentials auf „{connector}“: dem gewählten Zertifikat fehlt ein nutzbarer privater Schlüssel",
        StepFindSendConnectorCertificate => "Dieses Zertifikat finden: Der TlsCertificateName des Connectors nennt es als <I>Aussteller<S>Antragsteller; in der Liste des Servers ist es das mit diesem Aussteller und Antragsteller (HasPrivateKey False oder ein Schlüssel, den Windows nicht nutzen kann). Seinen Fingerabdruck unten anstelle von <Fingerabdruck> einsetzen.",
        NoCredentialsExplanationNoCert => "{count} Sitzung(en) auf dem Sendeconnector „{connector}“ endeten mit „TLS negotiation failed with error NoCredentials“. Das Protokoll nennt das Zertifikat nicht (die Protokollierung steht vermutlich nicht auf Verbose). Dem über den TlsCertificateName des Connectors gewählten Zertifikat fehlt ein nutzbarer privater Schlüssel (KB 4495258).",
        NoCredentialsInboundTitle => "Eingehendes TLS scheitert mit NoCredentials auf dem Empfangsconnector „{connector}“: Das für STARTTLS angebotene Zertifikat ({thumbprint}) hat keinen nutzbaren privaten Schlüssel",
        NoCredentialsInboundExplanation => "{count} Sitzung(en) auf dem Empfangsconnector „{connector}“ endeten mit „TLS negotiation failed with error NoCredentials“, nachdem die Gegenseite STARTTLS gesendet hatte: Exchange konnte den privaten Schlüssel des Zertifikats nicht verwenden, das es für diesen Connector wählt (das zum FQDN passende oder das im TlsCertificateName genannte). Absender, die TLS verlangen (Exchange Online mit TLS-Connector, Partner mit RequireTLS), können nicht zustellen, die anderen senden ohne TLS.",
        StepEnableVerboseLoggingReceive => "Aktivieren Sie die Protokollierung „Verbose“ auf dem Empfangsconnector „{connector}“ (schon aktiv, wenn diese Zeilen protokolliert wurden), damit das Protokoll das Zertifikat nennt.",
        StepListCertificatesWithKeys => "Die Zertifikate des Servers auflisten: Das Zertifikat für den FQDN des Connectors muss für SMTP aktiviert sein und HasPrivateKey True haben; bei False dieses Zertifikat entfernen, aus einer .pfx mit privatem Schlüssel erneut importieren und für SMTP aktivieren (die Frage nach dem Ersetzen des Standard-SMTP-Zertifikats mit Nein beantworten).",
        NoCredentialsDroppedWithKey => "Gute Nachricht: {path} enthält dieses Zertifikat samt passendem privatem Schlüssel. Wenn Sie diese Datei mit Schlüssel erneut importieren, ist der Server repariert.",
        NoCredentialsDroppedWithoutKey => "Die Datei {path} enthält dieses Zertifikat, aber keinen passenden privaten Schlüssel; sie allein kann den Server nicht reparieren.",
        NoCredentialsPfxLocked => "{path} ließ sich mit den angegebenen Kennwörtern nicht öffnen (falsches Kennwort); geben Sie sein Kennwort an, um zu prüfen, ob es dieses Zertifikat samt Schlüssel enthält.",
        // ---- unknown-credentials (KB 4051498)
        UnknownCredentialsInboundTitle => "Eingehendes TLS scheitert mit UnknownCredentials auf dem Empfangsconnector „{connector}“: Das für STARTTLS angebotene Zertifikat ({thumbprint}) ist für SMTP nicht nutzbar",
        UnknownCredentialsInboundExplanation => "{count} Sitzung(en) auf dem Empfangsconnector „{connector}“ endeten mit „TLS negotiation failed with error UnknownCredentials“, nachdem die Gegenseite STARTTLS gesendet hatte: Das Zertifikat, das Exchange für diesen Connector wählt (das zum FQDN passende oder das im TlsCertificateName genannte), ist nicht für den SMTP-Dienst aktiviert (KB 4051498). Absender, die TLS verlangen, können nicht zustellen.",
        UnknownCredentialsTitle => "Ausgehendes TLS scheitert mit UnknownCredentials auf „{connector}“: Zertifikat {thumbprint} ist nicht für SMTP aktiviert",
        UnknownCredentialsExplanation => "{count} Sitzung(en) auf dem Sendeconnector „{connector}“ endeten mit „TLS negotiation failed with error UnknownCredentials“, nachdem {subject} (Fingerabdruck {thumbprint}) angeboten wurde. Das passiert, wenn ein auf dem Exchange-Server installiertes Drittanbieter-Zertifikat nicht an den SMTP-Dienst gebunden ist (KB 4051498).",
        // ---- tls-negotiation-failed
        TlsFailedTitle => "TLS-Aushandlung mit Fehler {error} gescheitert auf „{connector}“",
        TlsFailedExplanation => "{count} Sitzung(en) auf „{connector}“ (erster Gegenendpunkt {remote}) scheiterten im TLS-Handshake mit dem Windows-Sicherheitsstatus {error}.",
        SspiTargetUnknown => "TargetUnknown bedeutet meist, dass der Hostname der Gegenseite nicht zu ihrem Zertifikat passt oder das Zertifikat nicht geprüft werden kann (Zwischenzertifikat oder Sperrinformationen fehlen).",
        SspiIllegalMessage => "IllegalMessage bedeutet meist, dass beide Seiten keine gemeinsame TLS-Version oder Verschlüsselungssammlung haben (etwa TLS 1.2 auf einer Seite deaktiviert) oder dass ein Gerät dazwischen den Verkehr verändert.",
        SspiCertExpired => "CertExpired (SEC_E_CERT_EXPIRED, 0x80090328) bedeutet, dass ein Zertifikat im Handshake abgelaufen ist.",
        SspiAlgorithmMismatch => "AlgorithmMismatch bedeutet, dass beide Seiten keine gemeinsame Verschlüsselungssammlung oder TLS-Version haben.",
        SspiSocketError => "SocketError bedeutet, dass die Verbindung während des Handshakes abbrach (Firewall, TLS-Inspektion oder die Gegenseite hat geschlossen).",
        SspiUntrustedRoot => "UntrustedRoot bedeutet, dass die Zertifikatkette bei einer Stammzertifizierungsstelle endet, der dieser Server nicht vertraut.",
        SspiCertUnknown => "CertUnknown bedeutet, dass die Gegenseite das Zertifikat nicht prüfen konnte.",
        SspiOther => "Dieser Status wird genau so angezeigt, wie er protokolliert wurde; schlagen Sie ihn unter den Windows-Statusnamen SEC_E_* / SSPI nach.",
        // ---- certificate-missing-private-key
        MissingKeyTitle => "Kein privater Schlüssel für {subject} ({thumbprint})",
        MissingKeyLoggedExplanation => "Das Zertifikat, das die gescheiterten Sitzungen angeboten haben, liegt in {paths}, aber keine Datei enthält seinen privaten Schlüssel. Eine .cer-Datei oder eine ohne Schlüssel exportierte PFX-Datei kann den Server nicht reparieren: Er braucht das Zertifikat zusammen mit dem Schlüssel, der mit der Zertifikatanforderung erzeugt wurde.",
        MissingKeyPfxExplanation => "Die PKCS#12-Datei {paths} enthält dieses Zertifikat, aber überhaupt keinen privaten Schlüssel. Nach dem Import hätte Exchange ein Zertifikat, das es für TLS nicht verwenden kann.",
        // ---- private-key-does-not-match
        KeyMismatchTitle => "Der private Schlüssel in {path} gehört zu keinem der Zertifikate",
        KeyMismatchExplanation => "{path} enthält einen privaten {key}-Schlüssel und Zertifikate (erstes: {subject}), aber der öffentliche Teil des Schlüssels passt zu keinem der angegebenen Zertifikate. Ein Import ergibt ein Zertifikat ohne nutzbaren Schlüssel.",
        // ---- validity
        ExpiredTitle => "Zertifikat {subject} ({thumbprint}) ist am {not_after} abgelaufen",
        ExpiredCaNote => "Es ist ein Zertifikat einer Zertifizierungsstelle (Zwischen- oder Stammzertifikat einer Kette), nicht das eigene Zertifikat eines Servers: Es wird nicht mit einer Anforderung aus Exchange erneuert. Das aktuelle CA-Zertifikat bei der Zertifizierungsstelle holen, in den Speicher des Servers legen und das alte entfernen; ein davon ausgestelltes Serverzertifikat muss eventuell unter der neuen CA neu ausgestellt werden.",
        StepReplaceCaCertificate => "Das aktuelle CA-Zertifikat bei der Zertifizierungsstelle herunterladen, auf jedem Exchange-Server in den Speicher „Zwischenzertifizierungsstellen“ (bei einem Stammzertifikat „Vertrauenswürdige Stammzertifizierungsstellen“) importieren und das alte dort entfernen.",
        ExpiredNowExplanation => "Gemessen am heutigen Datum ({at}) ist dieses Zertifikat nicht mehr gültig: NotAfter ist {not_after}. Gegenstellen und Exchange Online lehnen TLS damit ab.",
        ExpiredAtSessionExplanation => "Als das Protokoll es aufzeichnete ({at}), war das von diesem Server angebotene Zertifikat bereits abgelaufen (NotAfter {not_after}).",
        NotYetValidTitle => "Zertifikat {subject} ({thumbprint}) ist erst ab {not_before} gültig",
        NotYetValidExplanation => "Gemessen am {at} ist dieses Zertifikat noch nicht gültig (NotBefore {not_before}). Entweder wurde es zu früh installiert oder eine Uhr geht falsch.",
        ExpiresSoonTitle => "Zertifikat {subject} ({thumbprint}) läuft in {days} Tagen ab",
        ExpiresSoonExplanation => "Gemessen am {at} ist das Zertifikat bis {not_after} gültig, also noch {days} Tage. Erneuern Sie es jetzt und achten Sie danach auf die TlsCertificateName-Falle (gleicher Aussteller und Antragsteller bei altem und neuem Zertifikat).",
        // ---- ambiguous-tls-certificate-name
        AmbiguousTitle => "{count} verschiedene Zertifikate haben denselben Aussteller und Antragsteller: TlsCertificateName passt auf alle",
        AmbiguousExplanation => "Diese Zertifikate haben denselben Aussteller ({issuer}) und Antragsteller ({subject}). Der TlsCertificateName {name} eines Sendeconnectors passt daher auf jedes von ihnen, und Exchange verweigert das Entfernen („These certificates are tagged with following Send Connectors“). Alt: {old}. Neu: {new}.",
        AmbiguousUsedFromLog => "Das Protokoll zeigt, welches Exchange auf „{connector}“ verwendet hat: {thumbprint}.",
        AmbiguousServerRefused => "Der Server hat das Entfernen eines davon bereits verweigert ({server}): Die Zertifikate seien an den/die Sendeconnector(s) {connectors} gebunden.",
        AmbiguousUsedUnknown => "Microsoft beschreibt, wie Exchange unter passenden Zertifikaten für STARTTLS wählt („Selection of Inbound STARTTLS Certificates“, Schritt 9): jüngstes „Gültig ab“-Datum zuerst, das erste gültige, von einer Zertifizierungsstelle ausgestellte gewinnt, ein selbstsigniertes nur, wenn kein solches gültig ist. Welches tatsächlich verwendet wurde, zeigt ein Sendeprotokoll mit Verbose-Protokollierung in den Zeilen „Sending certificate“.",
        // ---- self-signed on an external connector
        SelfSignedTitle => "Selbstsigniertes Zertifikat {subject} auf dem externen Connector „{connector}“",
        SelfSignedFileExplanation => "Der Connector „{connector}“ (sein TlsCertificateName nennt es) ist zum Internet gerichtet, und das Zertifikat {subject} ({thumbprint}) in {path} ist selbstsigniert: sein Aussteller ist sein eigener Antragsteller. Partner im Internet und Exchange Online (Hybrid-Nachrichtenfluss) erwarten ein Zertifikat einer öffentlichen Zertifizierungsstelle, dessen Name zum FQDN des Connectors passt.",
        PrivateCaFileTitle => "Zertifikat {subject} auf dem externen Connector „{connector}“ stammt offenbar von einer privaten Zertifizierungsstelle",
        PrivateCaFileExplanation => "Der Connector „{connector}“ (sein TlsCertificateName nennt es) ist zum Internet gerichtet, und das Zertifikat {subject} ({thumbprint}) in {path} wurde von {issuer} ausgestellt. Weder dieser Aussteller noch ein anderer in der angegebenen Kette ist eine der öffentlichen Zertifizierungsstellen, die tlsdoctor dem Namen nach kennt (tlsdoctor hat keinen Stammzertifikatspeicher, dies ist eine Namensprüfung: ist {issuer} doch eine öffentliche Stelle, diesen Hinweis ignorieren). Zertifikaten einer internen (Unternehmens-)Zertifizierungsstelle vertrauen weder Partner im Internet noch Exchange Online.",
        SelfSignedExplanation => "Der Sendeconnector „{connector}“ bietet das selbstsignierte Zertifikat {subject} ({thumbprint}) an. Partner im Internet und Exchange Online (Hybrid-Nachrichtenfluss) erwarten ein Zertifikat einer öffentlichen Zertifizierungsstelle, dessen Name zum FQDN des Connectors passt.",
        // ---- EKU / names
        EkuTitle => "Zertifikat {subject} ({thumbprint}) ist nicht für Serverauthentifizierung zugelassen",
        EkuExplanation => "Seine erweiterte Schlüsselverwendung nennt nur {ekus}; ohne Serverauthentifizierung (1.3.6.1.5.5.7.3.1) verwendet Windows es nicht für SMTP-TLS.",
        NameMismatchTitle => "Das Zertifikat auf „{connector}“ deckt den Namen {host} nicht ab",
        NameMismatchExplanation => "Dieser Server nennt sich auf „{connector}“ {host}, aber das angebotene Zertifikat ({thumbprint}) nennt nur {names}. Gegenstellen, die Namen prüfen, lehnen es ab.",
        // ---- starttls-not-offered
        StartTlsNotOfferedTitle => "Der Empfangsconnector „{connector}“ bietet kein STARTTLS an",
        StartTlsNotOfferedExplanation => "{count} EHLO-Antwort(en) auf „{connector}“ (dieser Server nennt sich {host}) enthielten kein STARTTLS, und keine Sitzung hat TLS ausgehandelt. Exchange bietet STARTTLS nur an, wenn es für den FQDN des Connectors ein gültiges Zertifikat mit privatem Schlüssel hat; Absender, die TLS verlangen, geben daher auf (451 5.7.3 STARTTLS is required).",
        // ---- certificate-not-provided
        NotProvidedTitle => "Das Protokoll nennt Zertifikat {thumbprint} ({subject}), aber keine Datei enthält es",
        NotProvidedExplanation => "„{connector}“ hat {subject} (Fingerabdruck {thumbprint}) angeboten. Legen Sie die .cer- oder .pfx-Datei neben das Protokoll, um privaten Schlüssel, Gültigkeit und Namen zu prüfen.",
        // ---- no-tls-problem-found
        NoProblemTitle => "Kein TLS-Problem gefunden",
        ProtocolNotLogged => "das Protokoll nennt keine TLS-Version: Exchange 2010 schreibt keine Ergebniszeile, und die SMTP-Befehle nach STARTTLS zeigen, dass der Handshake abgeschlossen wurde",
        NoProblemLogsExplanation => "Die Protokolle zeigen {sessions} Sitzung(en); TLS wurde {successes}-mal ausgehandelt ({protocols}) und keine TLS-Aushandlung ist gescheitert. Die Zertifikate sind nicht die Ursache des Folgenden.",
        NoProblemFilesExplanation => "Die {certificates} angegebenen Zertifikate zeigen kein TLS-Problem (Schlüssel, Gültigkeit, Namen, Duplikate). Legen Sie ein Sende- oder Empfangsprotokoll dazu, um echte Sitzungen zu prüfen.",
        AlsoAuthFailed => "Die Protokolle zeigen {count} gescheiterte AUTH-Anmeldung(en) (etwa LogonDenied): ein Problem mit Benutzername oder Kennwort, nicht mit dem Zertifikat.",
        AlsoConnectionTimedOut => "{count} Antwort(en) 421 4.4.1 Connection timed out wurden protokolliert.",
        AlsoConnectionDropped => "{count} Antwort(en) 421 4.4.2 (Verbindung abgebrochen) wurden protokolliert.",
        AlsoStartTlsRequired => "{count} Antwort(en) 451 5.7.3 STARTTLS is required wurden protokolliert: Die Gegenseite besteht auf TLS.",
        AlsoStartTlsDemandedOfClient => "Dieser Server hat {count}-mal 451 5.7.3 STARTTLS is required geantwortet: Er verlangt TLS von Clients, die ohne weitergemacht haben.",
        AlsoTemporaryAuthFailure => "{count} Antwort(en) 454 4.7.0 Temporary authentication failure wurden protokolliert.",
        AlsoTlsRefusedByRemote => "{count} Antwort(en) 454 4.7.5 wurden protokolliert: Die Gegenseite hat die TLS- oder Zertifikatprüfung abgelehnt.",
        AlsoTlsNotAvailable => "{count} Antwort(en) 454 TLS not available wurden protokolliert: Die Gegenseite wollte kein TLS starten, diese Mails gingen ohne TLS oder gar nicht.",
        AlsoEventsWithoutMessage => "{count} Ereignis(se) wurden ohne ihren Meldungstext gespeichert ({events}): was sie melden, ist nicht Teil dieses Ergebnisses; speichern Sie sie mit Meldungstext (siehe die Dateien unten).",
        AlsoFilesUnreadable => "{count} Datei(en) ließen sich nicht lesen oder öffnen ({files}): Was sie enthalten, ist in diesem Urteil nicht berücksichtigt (siehe die Dateien unten).",
        AlsoStartTlsNotAdvertised => "Auf „{connector}“ hat die EHLO-Antwort kein STARTTLS angeboten.",
        // ---- verdict
        VerdictOne => "{title}.",
        VerdictNothingRead => "Noch keine Diagnose: {count} Datei(en) konnten nicht gelesen werden (siehe Dateien unten).",
        VerdictOnlyKeys => "Es wurden nur private Schlüssel gelesen ({count}: {types}): Ein Schlüssel allein sagt nichts über TLS. Das zugehörige Zertifikat und die Protokolldateien hinzufügen.",
        KeyLineMatches => "privater Schlüssel {key}: passt zum Zertifikat {thumbprint}",
        KeyLineNoMatch => "privater Schlüssel {key}: passt zu keinem angegebenen Zertifikat",
        VerdictNothingToAnalyse => "Noch nichts zu analysieren: Protokolle, Zertifikatsdateien oder kopierte Shell-Ausgaben hinzufügen.",
        VerdictMany => "{title} (und {more} weitere(s) Problem(e) unten).",
        // ---- remediation steps
        StepEnableVerboseLogging => "Aktivieren Sie die Protokollierung „Verbose“ auf dem Sendeconnector „{connector}“ (schon aktiv, wenn diese Zeilen protokolliert wurden).",
        StepCheckHasPrivateKey => "Prüfen Sie auf jedem Quell-Transportserver, ob das Zertifikat {thumbprint} seinen privaten Schlüssel hat: HasPrivateKey muss True sein.",
        StepRemoveFromStore => "Entfernen Sie das Zertifikat ohne nutzbaren Schlüssel aus dem Speicher des lokalen Computers. Stellen Sie vorher sicher, dass keine andere Anwendung auf diesem Server davon abhängt; falls doch, stellen Sie diese Anwendung zuerst auf das neue Zertifikat um.",
        StepImportThisPfx => "Importieren Sie {path} erneut, diesmal mit privatem Schlüssel, und prüfen Sie das Ergebnis in der Exchange-Verwaltungsshell (sie listet nur Zertifikate mit gültigem privatem Schlüssel).",
        StepImportValidCertificate => "Importieren Sie ein gültiges Zertifikat samt privatem Schlüssel (.pfx) und prüfen Sie es in der Exchange-Verwaltungsshell (sie listet nur Zertifikate mit gültigem privatem Schlüssel).",
        StepEnableSmtpAnswerNo => "Aktivieren Sie das Zertifikat für den SMTP-Dienst. Auf die Frage, ob das vorhandene Standard-SMTP-Zertifikat ersetzt werden soll, antworten Sie mit Nein.",
        StepRetryQueues => "Stellen Sie die Nachrichten in den Warteschlangen erneut zu.",
        StepShowServices => "Sehen Sie nach, für welche Dienste das Zertifikat {thumbprint} aktiviert ist.",
        StepTlsFailedInspect => "Vergleichen Sie die TLS-Einstellungen und Zertifikate des Connectors mit dem, was die Gegenseite erwartet.",
        StepRepairKeyAssociation => "Liegt der private Schlüssel noch auf diesem Server (die Anforderung wurde hier erstellt), stellen Sie die Verknüpfung von Zertifikat und Schlüssel mit certutil -repairstore wieder her und prüfen Sie erneut.",
        StepExportWithKey => "Andernfalls exportieren Sie das Zertifikat mit privatem Schlüssel (.pfx) auf dem Server, auf dem die Anforderung erstellt wurde, oder lassen es von der Zertifizierungsstelle neu ausstellen.",
        StepExportPublic => "Exportieren Sie das Zertifikat auf dem Server (der öffentliche Teil genügt für Gültigkeit und Namen) und legen Sie die Datei hier ab.",
        StepRenewCaIssued => "Erstellen Sie eine Erneuerungsanforderung für das Zertifikat und reichen Sie sie bei der Zertifizierungsstelle ein.",
        StepRenewSelfSigned => "Erstellen Sie ein neues selbstsigniertes Zertifikat, das das alte ersetzt.",
        StepRemoveOldAfterRenewal => "Entfernen Sie das alte Zertifikat, sobald das neue funktioniert; verweigert Exchange das wegen des TlsCertificateName eines Sendeconnectors, folgen Sie den Schritten zum mehrdeutigen TlsCertificateName.",
        StepSetTlsCertificateName => "Richten Sie den TlsCertificateName des Connectors auf das neue Zertifikat aus.",
        StepCheckReceiveCertificate => "Prüfen Sie den FQDN des Connectors ({host}) und ob ein gültiges Zertifikat mit privatem Schlüssel, das diesen Namen abdeckt, für SMTP aktiviert ist.",
        StepCheckClock => "Prüfen Sie die Uhr und Zeitquelle des Servers sowie NotBefore des Zertifikats.",
        StepRequestServerAuth => "Fordern Sie ein Zertifikat an, dessen erweiterte Schlüsselverwendung Serverauthentifizierung enthält, und aktivieren Sie es für SMTP.",
        StepCheckFqdn => "Bringen Sie den FQDN des Connectors ({host}) und die Namen des Zertifikats in Einklang: Verwenden Sie ein Zertifikat, das {host} abdeckt, oder setzen Sie den FQDN auf einen Namen aus dem Zertifikat.",
        StepAmbiguousList => "Listen Sie die Exchange-Zertifikate auf und bestimmen Sie das alte und das neue (Fingerabdrücke unten).",
        StepAmbiguousFindConnectors => "Ermitteln Sie die Sendeconnectors mit dem TlsCertificateName {name} und ihre Quell-Transportserver.",
        StepAmbiguousStopTransport => "Beenden Sie auf jedem Quell-Transportserver den Dienst Microsoft Exchange-Transport (der Nachrichtenfluss dieses Servers ruht bis zum letzten Schritt).",
        StepAmbiguousClearName => "Leeren Sie TlsCertificateName auf diesen Sendeconnectors (in großen Umgebungen mit mehreren Standorten die AD-Replikation erzwingen).",
        StepAmbiguousRemoveOld => "Entfernen Sie auf jedem Quell-Transportserver das/die alte(n) Zertifikat(e): {old}.",
        StepAmbiguousSetName => "Bilden Sie den TlsCertificateName aus dem neuen Zertifikat {thumbprint} und weisen Sie ihn denselben Sendeconnectors zu.",
        StepAmbiguousStartTransport => "Starten Sie den Dienst Microsoft Exchange-Transport auf jedem Quell-Transportserver wieder.",
        // ---- human report
        HeadingVerdict => "Ergebnis",
        HeadingFindings => "Befunde",
        HeadingEvidence => "Belege",
        HeadingSteps => "Was zu tun ist",
        HeadingPowerShell => "PowerShell",
        HeadingCertificates => "Zertifikate in den Dateien",
        HeadingObserved => "In den Protokollen genannte Zertifikate",
        HeadingFiles => "Dateien",
        KindX509Cert => "Zertifikat",
        KindPkcs7Certs => "PKCS#7-Zertifikatcontainer (.p7b)",
        KindPkcs12 => "PKCS#12 (.pfx/.p12)",
        KindProtocolLog => "SMTP-Protokoll",
        KindPrivateKey => "Privater Schlüssel",
        KindNotACertificate => "Kein Zertifikat",
        KindCertificateRequest => "Zertifikatsanforderung (CSR), kein Zertifikat",
        CertificateRequestLine => "fordert {subject} an | Namen: {names} | Schlüssel: {key}",
        KindUnknown => "Nicht erkannt",
        KindShellOutput => "Shell-Ausgabe",
        KindZipArchive => ".zip-Archiv",
        KindExchangeLog => "Exchange-Protokoll (ohne TLS-Handshakes)",
        KindExchangeLogNamed => "{log_type} (ohne TLS-Handshakes)",
        ArchiveTextNotRead => "Eine Textdatei im Archiv, die tlsdoctor nicht liest (aufgeführt, nicht ausgewertet).",
        FileUnreadable => "Die Datei kann nicht gelesen werden: {reason}.",
        LogReadFromUtf16 => "UTF-16-Text (wie ihn `>` in Windows PowerShell schreibt) wurde als UTF-8 gelesen.",
        LogSummaryLine => "Protokolle: {lines} Zeile(n), {sessions} Sitzung(en), {skipped} übersprungen, {failures} TLS-Fehler, {successes} erfolgreiche TLS-Aushandlung(en).",
        SeverityError => "FEHLER",
        SeverityWarning => "WARNUNG",
        SeverityInfo => "HINWEIS",
        PrivateKeyPresent => "privater Schlüssel: ja",
        PrivateKeyAbsent => "privater Schlüssel: nein",
        PrivateKeyLocked => "privater Schlüssel: in dieser Datei, gesperrt (Passwort oder Passphrase nötig)",
        PrivateKeyInOtherFile => "privater Schlüssel: in {path}",
        SkipLineTooLong => "Zeile länger als 1 MiB",
        SkipBinaryData => "Binärdaten (NUL-Bytes) in einer Protokollzeile",
        SkipHeaderLacksColumns => "der #Fields-Kopf der Datei nennt connector-id, session-id oder event nicht",
        SkipTruncatedLastLine => "abgeschnittene letzte Zeile",
        SkipUnterminatedQuote => "fehlerhafte CSV-Anführungszeichen (ein Feld in Anführungszeichen wird nie geschlossen)",
        SkipTextAfterClosingQuote => "fehlerhafte CSV-Anführungszeichen (Text nach dem schließenden Anführungszeichen)",
        SkipTooFewFields => "zu wenige Felder für eine Protokollzeile",
        SkipWrappedRowRest => "der Rest einer Zeile, die auf die nächste umbrochen wurde (aus einem Konsolenfenster oder einer E-Mail kopiert, die lange Zeilen umbricht): solche Zeilen werden abgeschnitten oder gar nicht gelesen; die Protokolldatei selbst angeben",
        SkipUnknownEvent => "die Spalte event ist keines von + - > < *",
        SkipNoSessionKey => "connector-id und session-id leer",
        SkippedLines => "{count} Zeile(n) übersprungen: {reason}",
        WalkSkippedFifo => "{path}: übersprungen, eine benannte Pipe (FIFO); aus einem Ordner werden nur reguläre Dateien gelesen",
        WalkSkippedDevice => "{path}: übersprungen, ein Gerät; aus einem Ordner werden nur reguläre Dateien gelesen",
        WalkSkippedSocket => "{path}: übersprungen, ein Socket; aus einem Ordner werden nur reguläre Dateien gelesen",
    }
}

/// Text of the findings from pasted shell output ([`crate::diagnose`]).
pub const PASTE: PasteText = PasteText {
    cert_label: |c: &CertLabel<'_>| {
        let mut s = format!("{} (Fingerabdruck {}", c.subject, c.thumbprint);
        if let Some(nb) = c.not_before {
            s.push_str(&format!(", gültig ab {nb}"));
        }
        if let Some(na) = c.not_after {
            s.push_str(&format!(" bis {na}"));
        }
        s.push(')');
        s
    },

    no_match_title: |connector| format!("Der TlsCertificateName des Connectors \"{connector}\" passt zu keinem der angegebenen Zertifikate"),
    no_match_event_title: |name| format!("Exchange hat kein Zertifikat für {name} gefunden (Ereignis 12014)"),
    no_match_explanation: |connector, name, known, same_subject| {
        let mut s = match connector {
            Some(c) => format!("Der Connector \"{c}\" verlangt das Zertifikat {name}. "),
            None => format!("Exchange hat ein Zertifikat für {name} gesucht und keines gefunden (Ereignis 12014). "),
        };
        if known > 0 {
            s.push_str(&format!("Keines der {known} eingefügten oder abgelegten Zertifikate passt zu diesem Namen. "));
        }
        s.push_str("Exchange kann hier kein Zertifikat für STARTTLS anbieten: Es protokolliert Ereignis 12014, und die Verbindung läuft ohne TLS weiter oder scheitert, wenn TLS erforderlich ist.");
        if let Some(cand) = same_subject {
            s.push_str(&format!(" Das Zertifikat {cand} hat denselben Antragsteller, aber einen anderen Aussteller: So sieht es nach einer Erneuerung über eine andere Zertifizierungsstelle oder Zwischenstelle aus. Stellen Sie den Connector darauf um."));
        }
        s
    },
    no_match_steps: |has_candidate| {
        let mut v = vec!["Listen Sie die Zertifikate des Servers mit Get-ExchangeCertificate auf und prüfen Sie, ob das gewünschte vorhanden, gültig und mit privatem Schlüssel versehen ist.".to_string()];
        if has_candidate {
            v.push("Setzen Sie den TlsCertificateName des Connectors aus diesem Zertifikat (Befehle unten) und starten Sie danach den Dienst Microsoft Exchange-Transport neu.".into());
        } else {
            v.push("Importieren Sie das richtige Zertifikat (mit privatem Schlüssel) oder korrigieren Sie den TlsCertificateName auf <I>{Issuer}<S>{Subject} eines installierten Zertifikats.".into());
        }
        v
    },

    no_match_not_smtp: |cert| format!("Das Zertifikat {cert} passt, aber unter Services fehlt SMTP, deshalb darf der Transportdienst es nicht verwenden: Aktivieren Sie es für SMTP."),

    ambiguous_title: |connector, count| format!("Der TlsCertificateName des Connectors \"{connector}\" passt zu {count} Zertifikaten"),
    ambiguous_explanation: |connector, name, chosen, chosen_valid, others| {
        let pick = if chosen_valid {
            format!("Exchange verwendet das neueste gültige, von einer Zertifizierungsstelle ausgestellte: {chosen}. (Microsoft beschreibt diese Reihenfolge für STARTTLS in „Selection of Inbound STARTTLS Certificates“, Schritt 9: jüngstes „Gültig ab“-Datum zuerst, das erste gültige, von einer Zertifizierungsstelle ausgestellte gewinnt, ein selbstsigniertes nur, wenn kein solches gültig ist.)")
        } else {
            format!("Keines davon ist derzeit gültig; Exchange greift auf das neueste zurück: {chosen}. Ein neues Zertifikat ist nötig.")
        };
        format!(
            "Der Connector \"{connector}\" nennt {name}, und {} Zertifikate haben genau diesen Aussteller und Antragsteller. {pick} Die übrigen ({}) passen ebenfalls, deshalb verweigert Exchange ihr Entfernen (\"These certificates are tagged with following Send Connectors\"), solange der Name auf sie zeigt.",
            others.len() + 1,
            others.join("; ")
        )
    },
    ambiguous_steps: || {
        vec![
            "Stellen Sie sicher, dass das neue Zertifikat auf jedem Quell-Transportserver des Connectors für SMTP aktiviert ist.".into(),
            "Beenden Sie auf diesen Servern den Dienst Microsoft Exchange-Transport.".into(),
            "Leeren Sie den TlsCertificateName des Connectors.".into(),
            "Entfernen Sie das alte Zertifikat auf jedem Server.".into(),
            "Setzen Sie den TlsCertificateName wieder, gebildet aus dem neuen Zertifikat.".into(),
            "Starten Sie den Dienst Microsoft Exchange-Transport wieder und prüfen Sie die Warteschlangen.".into(),
        ]
    },

    no_key_title: |cert| format!("Das Zertifikat {cert} hat auf dem Server keinen privaten Schlüssel (NoCredentials)"),
    no_key_stuck_title: |destination, connector| {
        format!("Mail an {destination} hängt fest, weil das Zertifikat des Sendeconnectors \"{connector}\" keinen privaten Schlüssel hat")
    },
    no_key_explanation: |cert, connector, queue| {
        let mut s = format!("Der Server selbst meldet HasPrivateKey : False für {cert}. ");
        if let Some(c) = connector {
            s.push_str(&format!("Der Connector \"{c}\" nennt dieses Zertifikat in seinem TlsCertificateName. Exchange wählt es für ausgehendes TLS, kann es nicht verwenden, und die TLS-Aushandlung scheitert mit dem Fehler NoCredentials (KB 4495258). "));
        } else {
            s.push_str("Ein Zertifikat ohne privaten Schlüssel taugt nicht für TLS: Exchange meldet NoCredentials, wenn es gewählt wird (KB 4495258). ");
        }
        if let Some(StuckQueue { identity: q, messages: n }) = queue {
            s.push_str(&format!("Die Warteschlange {q} hält {n} Nachrichten im Status Retry mit \"421 4.4.1 Connection timed out\": Das ist derselbe Fehler, von der Warteschlange aus gesehen."));
        }
        s.trim_end().to_string()
    },
    no_key_steps: || {
        vec![
            "Importieren Sie das Zertifikat erneut aus einer PFX-Datei, die den privaten Schlüssel enthält (oder verknüpfen Sie den noch vorhandenen Schlüssel mit certutil -repairstore).".into(),
            "Aktivieren Sie das Zertifikat für SMTP.".into(),
            "Starten Sie den Dienst Microsoft Exchange-Transport neu und wiederholen Sie die Zustellung der Warteschlange.".into(),
        ]
    },

    no_smtp_title: |cert| format!("Das Zertifikat {cert} ist nicht für SMTP aktiviert (UnknownCredentials)"),
    no_smtp_stuck_title: |destination, connector| {
        format!("Mail an {destination} hängt fest, weil das Zertifikat des Sendeconnectors \"{connector}\" nicht für SMTP aktiviert ist")
    },
    no_smtp_explanation: |cert, services, connector| {
        let mut s = format!("Get-ExchangeCertificate zeigt Services : {services} für {cert}: SMTP fehlt. ");
        if let Some(c) = connector {
            s.push_str(&format!("Der Connector \"{c}\" nennt dieses Zertifikat, der Transportdienst kann seinen Schlüssel aber nicht verwenden, und TLS scheitert mit dem Fehler UnknownCredentials (KB 4051498)."));
        } else {
            s.push_str("Wählt Exchange es für TLS, scheitert die Aushandlung mit dem Fehler UnknownCredentials (KB 4051498).");
        }
        s
    },
    no_smtp_steps: || {
        vec![
            "Binden Sie das Zertifikat mit Enable-ExchangeCertificate an den SMTP-Dienst (die Frage nach dem Ersetzen des Standard-SMTP-Zertifikats mit Nein beantworten, wenn es nicht für interne Mail gedacht ist).".into(),
            "Starten Sie den Dienst Microsoft Exchange-Transport neu und wiederholen Sie die Zustellung der Warteschlange.".into(),
        ]
    },

    malformed_title: |connector| format!("Der TlsCertificateName des Connectors \"{connector}\" ist fehlerhaft"),
    malformed_explanation: |connector, value, problems, corrected| {
        let mut s = format!("Der Connector \"{connector}\" hat den TlsCertificateName {value}. Exchange erwartet <I>{{Aussteller}}<S>{{Antragsteller}}. Was falsch ist: {}", problems.join(" "));
        match corrected {
            Some(c) => s.push_str(&format!(" Richtig ist: {c}")),
            None => s.push_str(" Fügen Sie Get-ExchangeCertificate | fl ein (oder legen Sie das Zertifikat ab), dann wird der korrigierte Wert ausgefüllt."),
        }
        s
    },
    malformed_problem: |p| match p {
        TlsNameProblem::Quoted => "Die Anführungszeichen gehören mit zum Wert.".into(),
        TlsNameProblem::MissingIssuerTag => "Das Tag <I> vor dem Aussteller fehlt.".into(),
        TlsNameProblem::MissingSubjectTag => "Das Tag <S> vor dem Antragsteller fehlt.".into(),
        TlsNameProblem::SubjectBeforeIssuer => "<S> steht vor <I>; der Aussteller muss zuerst kommen.".into(),
        TlsNameProblem::RepeatedTag { tag } => format!("{tag} kommt mehr als einmal vor."),
        TlsNameProblem::TextBeforeFirstTag { text } => format!("\"{text}\" steht vor dem ersten Tag."),
        TlsNameProblem::EmptyIssuer => "Nach <I> folgt nichts.".into(),
        TlsNameProblem::EmptySubject => "Nach <S> folgt nichts.".into(),
        TlsNameProblem::HostNameInsteadOfNames { host } => {
            format!("Er enthält den Hostnamen {host} statt Aussteller- und Antragstellername des Zertifikats.")
        }
    },
    malformed_steps: |from_certificate| {
        let mut v = vec!["Setzen Sie den TlsCertificateName auf den korrigierten Wert (Befehl unten).".to_string()];
        if from_certificate {
            v.push("Der Befehl bildet den Wert aus dem Zertifikat selbst, Schreibweise und Reihenfolge stimmen damit sicher.".into());
        }
        v.push("Starten Sie den Dienst Microsoft Exchange-Transport neu.".into());
        v
    },

    expired_event_title: |fqdn| format!("Exchange meldet, dass das STARTTLS-Zertifikat für {fqdn} abgelaufen ist (Ereignis 12016)"),
    expires_soon_event_title: |what, hours| match hours {
        Some(h) => format!("Das STARTTLS-Zertifikat {what} läuft in {h} Stunden ab (Ereignis 12018)"),
        None => format!("Das STARTTLS-Zertifikat {what} läuft bald ab (Ereignis 12018)"),
    },
    internal_expires_soon_event_title: |thumbprint, hours| match hours {
        Some(h) => format!("Das interne Transportzertifikat {thumbprint} läuft in {h} Stunden ab (Ereignis 12017)"),
        None => format!("Das interne Transportzertifikat {thumbprint} läuft bald ab (Ereignis 12017)"),
    },
    expiry_event_explanation: |event_id, what, replacement| {
        let mut s = match event_id {
            12016 => format!("Ereignis 12016: Das einzige Zertifikat für {what} ist abgelaufen. Exchange hat für diesen Namen kein gültiges Zertifikat für STARTTLS; Absender, die TLS verlangen, können nicht zustellen."),
            12017 => format!("Ereignis 12017: Das selbstsignierte interne Transportzertifikat {what} läuft bald ab; Exchange-Server verschlüsseln damit die Mail untereinander."),
            _ => format!("Ereignis 12018: Das Zertifikat {what}, das Exchange für STARTTLS anbietet, läuft bald ab; danach können Absender, die TLS verlangen, nicht mehr zustellen."),
        };
        if let Some(r) = replacement {
            s.push_str(&format!(" Ein neueres Zertifikat für denselben Namen ist schon vorhanden: {r}. Aktivieren Sie es für SMTP."));
        }
        s
    },
    expiry_steps: |has_replacement, internal| {
        if internal {
            vec!["Erneuern Sie das selbstsignierte Zertifikat mit denselben Einstellungen (Befehl unten); Exchange macht das neue zum internen Transportzertifikat.".into()]
        } else if has_replacement {
            vec!["Aktivieren Sie das neuere Zertifikat für SMTP.".into(), "Starten Sie den Dienst Microsoft Exchange-Transport neu.".into()]
        } else {
            vec![
                "Beantragen Sie bei Ihrer Zertifizierungsstelle ein neues Zertifikat für den Namen (der Befehl unten schreibt die Anforderung).".into(),
                "Importieren Sie das ausgestellte Zertifikat auf dem Server, der die Anforderung erzeugt hat, und aktivieren Sie es für SMTP.".into(),
                "Starten Sie den Dienst Microsoft Exchange-Transport neu.".into(),
            ]
        }
    },

    selected_expired_title: |connector, not_after| format!("Das Zertifikat, das der Connector \"{connector}\" verwendet, ist am {not_after} abgelaufen"),
    selected_not_yet_valid_title: |connector, not_before| format!("Das Zertifikat, das der Connector \"{connector}\" verwendet, ist erst ab {not_before} gültig"),
    selected_expires_soon_title: |connector, days| format!("Das Zertifikat, das der Connector \"{connector}\" verwendet, läuft in {days} Tagen ab"),
    selected_validity_explanation: |connector, cert, replacement| {
        let mut s = format!("Der Connector \"{connector}\" wählt über seinen TlsCertificateName {cert} (das neueste passende Zertifikat, das Exchange verwenden kann). Außerhalb seiner Gültigkeit scheitert TLS mit Partnern, die Zertifikate prüfen.");
        if let Some(r) = replacement {
            s.push_str(&format!(" Ein gültiges Zertifikat mit demselben Antragsteller ist schon vorhanden: {r}. Aktivieren Sie es für SMTP und stellen Sie den Connector darauf um."));
        }
        s
    },

    pasted_summary: |certificates, connectors, queues, events, server_errors, log_rows, skipped| {
        let n = |count: usize, one: &str, many: &str| format!("{count} {}", if count == 1 { one } else { many });
        let mut s = format!(
            "gelesen: {}, {}, {}, {}",
            n(certificates, "Zertifikat", "Zertifikate"),
            n(connectors, "Connector", "Connectors"),
            n(queues, "Warteschlange", "Warteschlangen"),
            n(events, "Ereignis", "Ereignisse")
        );
        if server_errors > 0 {
            s.push_str(&format!(", {}", n(server_errors, "Fehlermeldung", "Fehlermeldungen")));
        }
        if log_rows > 0 {
            s.push_str(&format!(", {}", n(log_rows as usize, "Protokollzeile", "Protokollzeilen")));
        }
        if skipped > 0 {
            s.push_str(&format!("; {skipped} Zeilen nicht erkannt"));
        }
        s
    },
    lines_skipped: |count| format!("{count} eingefügte Zeilen wurden nicht erkannt und übersprungen."),
    connector_kind: |k| match k {
        crate::paste::connector::ConnectorKind::Send => "Sendeconnector",
        crate::paste::connector::ConnectorKind::Receive => "Empfangsconnector",
        crate::paste::connector::ConnectorKind::Unknown => "Connector",
    },
    line_word: "Zeile",
    queue_word: "Warteschlange",
    messages_word: "Nachrichten",
    shell_error_word: "Shell-Fehler",
    shell_warning_word: "Shell-Warnung",
    event_word: "Ereignis",
    yes: "ja",
    no: "nein",
    unknown: "?",

    ps_comment_find_cert: "# Das zu verwendende Zertifikat:",
    ps_comment_import_pfx: "# Erneut MIT privatem Schlüssel importieren (PFX aus Sicherung oder von der CA):",
    ps_comment_repair_key: "# Oder, falls der Schlüssel noch auf dem Server liegt, ihn wieder verknüpfen (Seriennummer):",
    ps_comment_enable_smtp: "# Für SMTP aktivieren:",
    ps_comment_set_name: "# Den Connector darauf zeigen lassen:",
    ps_comment_clear_name: "# Namen leeren, damit das alte Zertifikat entfernt werden kann:",
    ps_comment_remove_old: "# Altes Zertifikat entfernen:",
    ps_comment_restart: "# Transport neu starten:",
    ps_comment_stop: "# Transport auf den Quellservern beenden:",
    ps_comment_start: "# Transport wieder starten:",
    ps_comment_retry_queue: "# Warteschlange erneut versuchen:",
    ps_comment_request: "# Zertifikatanforderung schreiben (die .req-Datei an die Zertifizierungsstelle senden):",
    ps_comment_import_issued: "# Ausgestelltes Zertifikat importieren und für SMTP aktivieren:",
    ps_comment_renew_self_signed: "# Selbstsigniertes Zertifikat erneuern:",
    ps_comment_unsafe_value: "# NICHT AUSGEFÜHRT: ein Wert unten enthielt Steuer- oder Zeilenumbruchzeichen (als [U+....] gezeigt); den echten Wert auf dem Server prüfen und den Befehl selbst eingeben:",
    unsafe_value_step: "Ein Wert aus Ihrer Eingabe enthielt Steuer- oder Zeilenumbruchzeichen; sie werden als [U+....] gezeigt und der Befehl, der ihn enthält, ist auskommentiert. Prüfen Sie den echten Wert auf dem Server (es kann ein Versuch sein, einen Befehl einzuschleusen) und geben Sie diesen Befehl selbst ein.",
};

/// Labels of the page and of exported reports ([`super::ui`]).
pub const UI: UiText = UiText {
    page_title: "tlsdoctor",
    tagline: "Warum scheitert TLS im Exchange-Nachrichtenfluss? Ziehen Sie SMTP-Protokolldateien und Zertifikatsdateien hierher.",
    privacy_note: "Nichts verlässt diesen Browser: Jede Datei wird auf diesem Computer gelesen und ausgewertet, die Seite stellt keine Netzwerkanfragen.",
    language: "Sprache",
    drop_title: "Protokolldateien, Ordner und Zertifikate hier ablegen",
    drop_hint: "SMTP-Sende-/Empfangsprotokolle, .cer/.crt/.pem, .p7b/.p7c, .pfx/.p12 — der Typ wird am Inhalt erkannt. Eingabetaste öffnet die Dateiauswahl.",
    choose_files: "Dateien auswählen…",
    choose_folder: "Ordner auswählen…",
    paste_label: "Oder Protokollzeilen bzw. Ausgabe der Exchange-Verwaltungsshell einfügen",
    paste_placeholder: "2024-01-31T12:00:00.000Z,Outbound to Office 365,08D5…,*,,TLS negotiation failed with error NoCredentials",
    paste_button: "Eingefügten Text auswerten",
    samples_button: "Mit Beispieldateien ausprobieren",
    clear_button: "Neu beginnen",
    cancel_button: "Abbrechen",
    progress_overall: "Gesamt",
    progress_done: "Fertig",
    progress_cancelled: "Abgebrochen: Die Ergebnisse unten umfassen nur das bereits Gelesene.",
    worker_failed: "Die Auswertung wurde unerwartet beendet",
    verdict_waiting: "Fügen Sie Dateien hinzu, um eine Diagnose zu erhalten.",
    verdict_working: "Dateien werden gelesen…",
    findings_heading: "Befunde",
    severity_error: "Fehler",
    severity_warning: "Warnung",
    severity_info: "Hinweis",
    evidence: "Belege",
    remediation: "Was zu tun ist",
    powershell: "PowerShell (Exchange-Verwaltungsshell)",
    copy: "Kopieren",
    copied: "Kopiert",
    copy_failed: "Kopieren fehlgeschlagen: Text markieren und von Hand kopieren",
    certificates_heading: "Zertifikate",
    thumbprint: "Fingerabdruck (Thumbprint)",
    subject: "Antragsteller",
    issuer: "Aussteller",
    serial_number: "Seriennummer",
    valid_from: "Gültig ab",
    valid_until: "Gültig bis",
    today: "heute",
    validity_expired: "abgelaufen",
    validity_not_yet: "noch nicht gültig",
    validity_ok: "gültig",
    private_key: "Privater Schlüssel",
    key_present_matches: "vorhanden und passt zu diesem Zertifikat",
    key_absent: "nicht in dieser Datei",
    key_locked: "in dieser Datei, gesperrt: Passwort oder Passphrase angeben",
    key_mismatch: "ein Schlüssel liegt in der Datei, passt aber zu keinem Zertifikat",
    names: "Namen (SAN)",
    enhanced_key_usage: "Erweiterte Schlüsselverwendung",
    none: "keine",
    self_signed: "selbstsigniert",
    tls_certificate_name: "TlsCertificateName",
    source_file: "Datei",
    files_heading: "Dateien",
    file_ok: "gelesen",
    password_protected: "Diese Datei ist kennwortgeschützt (das leere Kennwort öffnet sie nicht).",
    password_wrong: "Falsches Kennwort — bitte erneut versuchen.",
    password_label: "Kennwort für",
    password_submit: "Öffnen",
    file_damaged: "Diese Datei ist beschädigt",
    sessions_heading: "Fehlgeschlagene Sitzungen",
    session: "Sitzung",
    connector: "Connector",
    remote_endpoint: "Gegenstelle",
    line: "Zeile",
    log_summary: "Protokolldateien",
    log_lines: "Zeilen",
    log_sessions: "Sitzungen",
    log_skipped: "übersprungene Zeilen",
    export_heading: "Export",
    export_markdown: "Als Markdown herunterladen",
    export_json: "Als JSON herunterladen",
    redact_label: "IP-Adressen und Hostnamen unkenntlich machen",
    report_title: "tlsdoctor-Bericht",
    generated_by: "Erstellt mit tlsdoctor",
    verdict: "Ergebnis",
};

/// Leerer Zustand, Offline-Nutzung und Update-Hinweis der Seite ([`super::guide`]).
pub const GUIDE: GuideText = GuideText {
    collect_heading: "Was Sie sammeln",
    collect_intro: "tlsdoctor liest, was Exchange selbst aufzeichnet: die SMTP-Protokolldateien, die Zertifikate und die Connectors. Sammeln Sie sie auf dem Exchange-Server (nur lesend), kopieren Sie sie auf diesen Computer und ziehen Sie sie oben hinein.",
    collector_heading: "Der schnelle Weg: das Sammelskript",
    collector_text: "Führen Sie Collect-TlsEvidence.ps1 (im Ordner collect von tlsdoctor; `tlsdoctor collect-script` gibt es aus) in der Exchange-Verwaltungsshell auf dem Server aus. Es liest nur, exportiert nie einen privaten Schlüssel und schreibt eine .zip-Datei: Ziehen Sie diese .zip hierher.",
    collector_download: "Collect-TlsEvidence.ps1 herunterladen",
    collector_label: "das Sammelskript",
    manual_heading: "Von Hand: drei Befehle",
    manual_text: "Führen Sie diese Befehle in der Exchange-Verwaltungsshell aus und fügen Sie jede Ausgabe oben in das Textfeld ein (oder speichern Sie sie als .txt-Datei und ziehen Sie diese hierher).",
    step_certificates: "1. Die Zertifikate, die Exchange kennt (Namen, Fingerabdruck, Dienste, privater Schlüssel). Die erste Zeile verhindert, dass PowerShell Listen nach vier Einträgen abschneidet.",
    step_connectors: "2. Die Sende- und Empfangsconnectors (FQDN, TLS-Einstellungen, TlsCertificateName).",
    step_logs: "3. Wo die SMTP-Protokolle liegen: Kopieren Sie aus den Ordnern SmtpSend und SmtpReceive die neuesten .LOG-Dateien, die eine fehlschlagende Zustellung abdecken, und ziehen Sie sie hierher (die Protokollierung muss am Connector auf Verbose stehen).",
    commands_label: "Befehle",
    offline_download: "Diese Seite für die Offline-Nutzung herunterladen",
    offline_hint: "Eine einzige HTML-Datei, die ohne Server und ohne Internetverbindung funktioniert: vom Datenträger öffnen, auch auf einem Jump-Host.",
    build_label: "Build",
    update_ready: "Eine neue Version dieser Seite ist bereit.",
    update_button: "Neu laden und aktualisieren",
};
