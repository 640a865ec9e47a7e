//! Deutsche Texte. Die Schritte folgen den deutschen Fassungen von KB 4495258 („Fehler bei der
//! TLS-Aushandlung mit dem Fehler NoCredentials …“), KB 4051498 und „Ein in Exchange Server
//! installiertes Zertifikat kann nicht entfernt werden“. PowerShell bleibt unübersetzt.

use super::Text;
use super::Text::*;

pub fn text(key: Text) -> &'static str {
    match key {
        // ---- no-credentials (KB 4495258)
        NoCredentialsTitle => "Ausgehendes TLS scheitert mit NoCredentials auf „{connector}“: Zertifikat {thumbprint} hat keinen nutzbaren privaten Schlüssel",
        NoCredentialsExplanation => "{count} Sitzung(en) auf dem Sendeconnector „{connector}“ endeten mit „TLS negotiation failed with error NoCredentials“, direkt nachdem das Zertifikat {subject} (Aussteller {issuer}, Fingerabdruck {thumbprint}) angeboten wurde. Exchange wählt dieses Zertifikat über den TlsCertificateName des Connectors (<I>Aussteller<S>Antragsteller), doch Windows hat keinen nutzbaren privaten Schlüssel dazu. Der TLS-Handshake kann nicht beginnen, die Nachrichten bleiben in der Warteschlange (421 4.4.1 Connection timed out). Das ist KB 4495258.",
        NoCredentialsExplanationNoCert => "{count} Sitzung(en) auf dem Sendeconnector „{connector}“ endeten mit „TLS negotiation failed with error NoCredentials“. Das Protokoll nennt das Zertifikat nicht (die Protokollierung steht vermutlich nicht auf Verbose). Dem über den TlsCertificateName des Connectors gewählten Zertifikat fehlt ein nutzbarer privater Schlüssel (KB 4495258).",
        NoCredentialsDroppedWithKey => "Gute Nachricht: {path} enthält dieses Zertifikat samt passendem privatem Schlüssel. Wenn Sie diese Datei mit Schlüssel erneut importieren, ist der Server repariert.",
        NoCredentialsDroppedWithoutKey => "Die Datei {path} enthält dieses Zertifikat, aber keinen passenden privaten Schlüssel; sie allein kann den Server nicht reparieren.",
        NoCredentialsPfxLocked => "{path} ließ sich mit den angegebenen Kennwörtern nicht öffnen (falsches Kennwort); geben Sie sein Kennwort an, um zu prüfen, ob es dieses Zertifikat samt Schlüssel enthält.",
        // ---- unknown-credentials (KB 4051498)
        UnknownCredentialsTitle => "Ausgehendes TLS scheitert mit UnknownCredentials auf „{connector}“: Zertifikat {thumbprint} ist nicht für SMTP aktiviert",
        UnknownCredentialsExplanation => "{count} Sitzung(en) auf dem Sendeconnector „{connector}“ endeten mit „TLS negotiation failed with error UnknownCredentials“, nachdem {subject} (Fingerabdruck {thumbprint}) angeboten wurde. Das passiert, wenn ein auf dem Exchange-Server installiertes Drittanbieter-Zertifikat nicht an den SMTP-Dienst gebunden ist (KB 4051498).",
        // ---- tls-negotiation-failed
        TlsFailedTitle => "TLS-Aushandlung mit Fehler {error} gescheitert auf „{connector}“",
        TlsFailedExplanation => "{count} Sitzung(en) auf „{connector}“ (erster Gegenendpunkt {remote}) scheiterten im TLS-Handshake mit dem Windows-Sicherheitsstatus {error}.",
        SspiTargetUnknown => "TargetUnknown bedeutet meist, dass der Hostname der Gegenseite nicht zu ihrem Zertifikat passt oder das Zertifikat nicht geprüft werden kann (Zwischenzertifikat oder Sperrinformationen fehlen).",
        SspiIllegalMessage => "IllegalMessage bedeutet meist, dass beide Seiten keine gemeinsame TLS-Version oder Verschlüsselungssammlung haben (etwa TLS 1.2 auf einer Seite deaktiviert) oder dass ein Gerät dazwischen den Verkehr verändert.",
        SspiCertExpired => "CertExpired bedeutet, dass ein Zertifikat im Handshake abgelaufen ist.",
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
        AmbiguousUsedUnknown => "Welches Exchange verwendet, entscheidet Exchange selbst; ein Sendeprotokoll mit Verbose-Protokollierung zeigt es in den Zeilen „Sending certificate“.",
        // ---- self-signed on an external connector
        SelfSignedTitle => "Selbstsigniertes Zertifikat {subject} auf dem externen Connector „{connector}“",
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
        NoProblemLogsExplanation => "Die Protokolle zeigen {sessions} Sitzung(en); TLS wurde {successes}-mal ausgehandelt ({protocols}) und keine TLS-Aushandlung ist gescheitert. Die Zertifikate sind nicht die Ursache des Folgenden.",
        NoProblemFilesExplanation => "Die {certificates} angegebenen Zertifikate zeigen kein TLS-Problem (Schlüssel, Gültigkeit, Namen, Duplikate). Legen Sie ein Sende- oder Empfangsprotokoll dazu, um echte Sitzungen zu prüfen.",
        AlsoAuthFailed => "Die Protokolle zeigen {count} gescheiterte AUTH-Anmeldung(en) (etwa LogonDenied): ein Problem mit Benutzername oder Kennwort, nicht mit dem Zertifikat.",
        AlsoConnectionTimedOut => "{count} Antwort(en) 421 4.4.1 Connection timed out wurden protokolliert.",
        AlsoConnectionDropped => "{count} Antwort(en) 421 4.4.2 (Verbindung abgebrochen) wurden protokolliert.",
        AlsoStartTlsRequired => "{count} Antwort(en) 451 5.7.3 STARTTLS is required wurden protokolliert: Die Gegenseite besteht auf TLS.",
        AlsoTemporaryAuthFailure => "{count} Antwort(en) 454 4.7.0 Temporary authentication failure wurden protokolliert.",
        AlsoTlsRefusedByRemote => "{count} Antwort(en) 454 4.7.5 wurden protokolliert: Die Gegenseite hat die TLS- oder Zertifikatprüfung abgelehnt.",
        AlsoStartTlsNotAdvertised => "Auf „{connector}“ hat die EHLO-Antwort kein STARTTLS angeboten.",
        // ---- verdict
        VerdictOne => "{title}.",
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
        LogSummaryLine => "Protokolle: {lines} Zeile(n), {sessions} Sitzung(en), {skipped} übersprungen, {failures} TLS-Fehler, {successes} erfolgreiche TLS-Aushandlung(en).",
        SeverityError => "FEHLER",
        SeverityWarning => "WARNUNG",
        SeverityInfo => "HINWEIS",
        PrivateKeyPresent => "privater Schlüssel: ja",
        PrivateKeyAbsent => "privater Schlüssel: nein",
        SkipLineTooLong => "Zeile länger als 1 MiB",
        SkipBinaryData => "Binärdaten (NUL-Bytes) in einer Protokollzeile",
        SkipHeaderLacksColumns => "der #Fields-Kopf der Datei nennt connector-id, session-id oder event nicht",
        SkipTruncatedLastLine => "abgeschnittene letzte Zeile",
        SkipUnterminatedQuote => "fehlerhafte CSV-Anführungszeichen (ein Feld in Anführungszeichen wird nie geschlossen)",
        SkipTextAfterClosingQuote => "fehlerhafte CSV-Anführungszeichen (Text nach dem schließenden Anführungszeichen)",
        SkipTooFewFields => "zu wenige Felder für eine Protokollzeile",
        SkipUnknownEvent => "die Spalte event ist keines von + - > < *",
        SkipNoSessionKey => "connector-id und session-id leer",
        SkippedLines => "{count} Zeile(n) übersprungen: {reason}",
    }
}
