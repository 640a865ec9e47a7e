//! Deutscher Text der Befunde aus eingefügter Shell-Ausgabe.

use super::paste_text::{CertLabel, PasteText, StuckQueue};
use crate::paste::tls_certificate_name::TlsNameProblem;

pub const TEXT: PasteText = PasteText {
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

    pasted_summary: |certificates, connectors, queues, events, skipped| {
        let n = |count: usize, one: &str, many: &str| format!("{count} {}", if count == 1 { one } else { many });
        let mut s = format!(
            "gelesen: {}, {}, {}, {}",
            n(certificates, "Zertifikat", "Zertifikate"),
            n(connectors, "Connector", "Connectors"),
            n(queues, "Warteschlange", "Warteschlangen"),
            n(events, "Ereignis", "Ereignisse")
        );
        if skipped > 0 {
            s.push_str(&format!("; {skipped} Zeilen nicht erkannt"));
        }
        s
    },
    connector_kind: |k| match k {
        crate::paste::connector::ConnectorKind::Send => "Sendeconnector",
        crate::paste::connector::ConnectorKind::Receive => "Empfangsconnector",
        crate::paste::connector::ConnectorKind::Unknown => "Connector",
    },
    line_word: "Zeile",
    queue_word: "Warteschlange",
    messages_word: "Nachrichten",
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
};
