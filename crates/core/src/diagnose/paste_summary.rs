//! What was read from one paste, as short lines for a person (CLI report, page): a count
//! line, then one line per certificate, connector, queue and event.

use crate::i18n::paste_text::paste_text;
use crate::i18n::Lang;
use crate::paste::event::EventMeaning;
use crate::paste::PastedOutput;

pub fn summary_lines(lang: Lang, output: &PastedOutput) -> Vec<String> {
    let t = paste_text(lang);
    let yes_no = |b: Option<bool>| match b {
        Some(true) => t.yes,
        Some(false) => t.no,
        None => t.unknown,
    };
    let mut lines = vec![(t.pasted_summary)(
        output.certificates.len(),
        output.connectors.len(),
        output.queues.len(),
        output.events.len(),
        output.server_errors.len(),
        output.log_rows,
        output.skipped_lines,
    )];
    for c in &output.certificates {
        lines.push(format!(
            "{} {}  {}  {}  HasPrivateKey={}  Services={}  NotAfter={}",
            t.line_word,
            c.line,
            c.thumbprint.as_deref().unwrap_or("?"),
            c.subject.as_deref().unwrap_or("?"),
            yes_no(c.has_private_key),
            c.services
                .as_ref()
                .map(|s| if s.is_empty() {
                    "None".to_string()
                } else {
                    s.join(",")
                })
                .unwrap_or_else(|| t.unknown.into()),
            c.not_after
                .as_ref()
                .map(|d| d.text.as_str())
                .unwrap_or(t.unknown),
        ));
    }
    for c in &output.connectors {
        lines.push(format!(
            "{} {}  {} \"{}\"  TlsCertificateName={}",
            t.line_word,
            c.line,
            (t.connector_kind)(c.kind),
            c.display_name(),
            c.tls_certificate_name.as_deref().unwrap_or("-")
        ));
    }
    for q in &output.queues {
        lines.push(format!(
            "{} {}  {} {}  {}  {} {}  -> {}",
            t.line_word,
            q.line,
            t.queue_word,
            q.identity.as_deref().unwrap_or("?"),
            q.status.as_deref().unwrap_or("?"),
            q.message_count
                .map(|n| n.to_string())
                .unwrap_or_else(|| t.unknown.into()),
            t.messages_word,
            q.next_hop_domain.as_deref().unwrap_or("?")
        ));
    }
    for e in &output.events {
        let what = match &e.meaning {
            EventMeaning::CertificateNotFound { name, .. } => name.clone(),
            EventMeaning::StartTlsCertificateExpired { fqdn } => fqdn.clone(),
            EventMeaning::InternalCertificateExpiresSoon { thumbprint, .. }
            | EventMeaning::CertificateNotLoaded { thumbprint } => {
                thumbprint.clone().unwrap_or_default()
            }
            EventMeaning::StartTlsCertificateExpiresSoon {
                subject,
                thumbprint,
                ..
            } => subject
                .clone()
                .or_else(|| thumbprint.clone())
                .unwrap_or_default(),
            EventMeaning::TlsRequiredButUnavailable {
                connector, domain, ..
            } => domain
                .clone()
                .or_else(|| connector.clone())
                .unwrap_or_default(),
            EventMeaning::Other => String::new(),
        };
        lines.push(format!(
            "{} {}  {} {}  {}  {}",
            t.line_word,
            e.line,
            t.event_word,
            e.event_id
                .map(|i| i.to_string())
                .unwrap_or_else(|| t.unknown.into()),
            e.date.as_ref().map(|d| d.text.as_str()).unwrap_or(""),
            what
        ));
    }
    // The shell's errors and warnings: what a command could not do (a certificate not found
    // by its thumbprint, a cmdlet not loaded) is part of what the paste says.
    for m in &output.shell_messages {
        use crate::paste::shell_message::ShellMessageKind;
        let word = match m.kind {
            ShellMessageKind::Error => t.shell_error_word,
            ShellMessageKind::Warning => t.shell_warning_word,
            ShellMessageKind::Verbose | ShellMessageKind::Debug => continue,
        };
        let source: Vec<&str> = [m.command.as_deref(), m.exception.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        let source = if source.is_empty() {
            String::new()
        } else {
            format!(" ({})", source.join(", "))
        };
        let text: String = m.text.chars().take(160).collect();
        let more = if m.text.chars().count() > 160 {
            "…"
        } else {
            ""
        };
        lines.push(format!(
            "{} {}  {word}{source}: {text}{more}",
            t.line_word, m.line
        ));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outage_paste_in_both_languages() {
        let out = crate::paste::parse_text(include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../testdata/paste/kb4495258-outage-en-us.txt"
        )));
        let en = summary_lines(Lang::En, &out);
        assert_eq!(en[0], "read 2 certificates, 1 connector, 1 queue, 0 events");
        assert_eq!(
            en[1],
            "line 65  3D5F8A1C9E2B4D6F8A0C2E4F6A8B0D2F4E6A8C0B  CN=mail.contoso.com, O=Contoso Ltd, L=Redmond, S=Washington, C=US  HasPrivateKey=no  Services=IIS,SMTP  NotAfter=1/14/2026 11:59:59 PM"
        );
        assert!(en[3].starts_with(
            "line 24  Send connector \"Outbound to Office 365\"  TlsCertificateName=<I>CN=DigiCert"
        ));
        assert_eq!(
            en[4],
            "line 3  queue EX01\\3  Retry  37 messages  -> contoso-com.mail.protection.outlook.com"
        );
        let de = summary_lines(Lang::De, &out);
        assert_eq!(
            de[0],
            "gelesen: 2 Zertifikate, 1 Connector, 1 Warteschlange, 0 Ereignisse"
        );
        assert!(de[1].contains("HasPrivateKey=nein"));
        assert!(de[3].starts_with("Zeile 24  Sendeconnector \"Outbound to Office 365\""));
    }

    /// A German shell's error record and warning get a summary line each, in the report's
    /// language, with the command and the exception the record names.
    #[test]
    fn shell_errors_and_warnings_are_listed() {
        let out = crate::paste::parse_text(include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../testdata/paste/ems-de-de-warnung-and-error-records.txt"
        )));
        let de = summary_lines(Lang::De, &out);
        assert!(de.contains(&"Zeile 2  Shell-Fehler (Get-ExchangeCertificate, ManagementObjectNotFoundException): Der Vorgang kann nicht ausgeführt werden, da das Objekt \"0B58F12C3D4E5F60718293A4B5C6D7E8F90A1B2C\" auf \"EX01.contoso.com\" nicht gefunden wurde.".to_string()), "{de:#?}");
        assert!(de.iter().any(
            |l| l.starts_with("Zeile 16  Shell-Warnung: Das Zertifikat mit dem Fingerabdruck")
        ));
        let en = summary_lines(Lang::En, &out);
        assert!(
            en.iter().any(|l| l.starts_with(
                "line 26  shell error (Get-SendConnetor, CommandNotFoundException): Die Benennung"
            )),
            "{en:#?}"
        );
    }
}
