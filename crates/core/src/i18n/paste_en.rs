//! English text of the findings from pasted shell output.

use super::paste_text::{CertLabel, PasteText, StuckQueue};
use crate::paste::tls_certificate_name::TlsNameProblem;

pub const TEXT: PasteText = PasteText {
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

    no_match_title: |connector| format!("The TlsCertificateName of connector \"{connector}\" matches none of the certificates given"),
    no_match_event_title: |name| format!("Exchange found no certificate for {name} (Event 12014)"),
    no_match_explanation: |connector, name, known, same_subject| {
        let mut s = match connector {
            Some(c) => format!("Connector \"{c}\" asks for the certificate {name}. "),
            None => format!("Exchange looked for a certificate for {name} and did not find one (Event 12014). "),
        };
        if known > 0 {
            s.push_str(&format!("None of the {known} certificates you pasted or dropped fits this name. "));
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

    no_match_not_smtp: |cert| format!("The certificate {cert} fits, but its Services lack SMTP, so the Transport service may not use it: enable it for SMTP."),

    ambiguous_title: |connector, count| format!("The TlsCertificateName of connector \"{connector}\" matches {count} certificates"),
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

    no_key_title: |cert| format!("The certificate {cert} has no private key on the server (NoCredentials)"),
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
        if let Some(StuckQueue { identity: q, messages: n }) = queue {
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

    no_smtp_title: |cert| format!("The certificate {cert} is not enabled for SMTP (UnknownCredentials)"),
    no_smtp_stuck_title: |destination, connector| {
        format!("Mail to {destination} is stuck because the certificate of send connector \"{connector}\" is not enabled for SMTP")
    },
    no_smtp_explanation: |cert, services, connector| {
        let mut s = format!("Get-ExchangeCertificate shows Services : {services} for {cert}: SMTP is missing. ");
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

    malformed_title: |connector| format!("The TlsCertificateName of connector \"{connector}\" is malformed"),
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
        TlsNameProblem::SubjectBeforeIssuer => "<S> comes before <I>; the issuer must come first.".into(),
        TlsNameProblem::RepeatedTag { tag } => format!("{tag} appears more than once."),
        TlsNameProblem::TextBeforeFirstTag { text } => format!("\"{text}\" stands before the first tag."),
        TlsNameProblem::EmptyIssuer => "Nothing follows <I>.".into(),
        TlsNameProblem::EmptySubject => "Nothing follows <S>.".into(),
        TlsNameProblem::HostNameInsteadOfNames { host } => {
            format!("It holds the host name {host}, not the certificate's issuer and subject names.")
        }
    },
    malformed_steps: |from_certificate| {
        let mut v = vec!["Set TlsCertificateName to the corrected value (command below).".to_string()];
        if from_certificate {
            v.push("The command builds the value from the certificate itself, so spelling and order cannot go wrong.".into());
        }
        v.push("Restart the Microsoft Exchange Transport service.".into());
        v
    },

    expired_event_title: |fqdn| format!("Exchange reports that the STARTTLS certificate for {fqdn} has expired (Event 12016)"),
    expires_soon_event_title: |what, hours| match hours {
        Some(h) => format!("The STARTTLS certificate {what} expires in {h} hours (Event 12018)"),
        None => format!("The STARTTLS certificate {what} expires soon (Event 12018)"),
    },
    internal_expires_soon_event_title: |thumbprint, hours| match hours {
        Some(h) => format!("The internal transport certificate {thumbprint} expires in {h} hours (Event 12017)"),
        None => format!("The internal transport certificate {thumbprint} expires soon (Event 12017)"),
    },
    expiry_event_explanation: |event_id, what, replacement| {
        let mut s = match event_id {
            12016 => format!("Event 12016: the only certificate for {what} has expired, so Exchange has no valid certificate to offer for STARTTLS on that name; senders that require TLS cannot deliver."),
            12017 => format!("Event 12017: the self-signed internal transport certificate {what} is about to expire; Exchange servers use it to encrypt mail between each other."),
            _ => format!("Event 12018: the certificate {what} that Exchange offers for STARTTLS is about to expire; after that, senders that require TLS cannot deliver."),
        };
        if let Some(r) = replacement {
            s.push_str(&format!(" A newer certificate for the same name is already there: {r}. Enable it for SMTP."));
        }
        s
    },
    expiry_steps: |has_replacement, internal| {
        if internal {
            vec!["Renew the self-signed certificate with the same settings (command below); Exchange makes the new one the internal transport certificate.".into()]
        } else if has_replacement {
            vec!["Enable the newer certificate for SMTP.".into(), "Restart the Microsoft Exchange Transport service.".into()]
        } else {
            vec![
                "Request a new certificate for the name from your CA (command below writes the request).".into(),
                "Import the issued certificate on the server that made the request and enable it for SMTP.".into(),
                "Restart the Microsoft Exchange Transport service.".into(),
            ]
        }
    },

    selected_expired_title: |connector, not_after| format!("The certificate connector \"{connector}\" uses expired on {not_after}"),
    selected_not_yet_valid_title: |connector, not_before| format!("The certificate connector \"{connector}\" uses is not valid before {not_before}"),
    selected_expires_soon_title: |connector, days| format!("The certificate connector \"{connector}\" uses expires in {days} days"),
    selected_validity_explanation: |connector, cert, replacement| {
        let mut s = format!("Connector \"{connector}\" selects {cert} through its TlsCertificateName (the newest matching certificate Exchange can use). Outside its validity, TLS with partners that check certificates fails.");
        if let Some(r) = replacement {
            s.push_str(&format!(" A valid certificate for the same subject is already there: {r}. Enable it for SMTP and point the connector at it."));
        }
        s
    },

    pasted_summary: |certificates, connectors, queues, events, skipped| {
        let n = |count: usize, one: &str, many: &str| format!("{count} {}", if count == 1 { one } else { many });
        let mut s = format!(
            "read {}, {}, {}, {}",
            n(certificates, "certificate", "certificates"),
            n(connectors, "connector", "connectors"),
            n(queues, "queue", "queues"),
            n(events, "event", "events")
        );
        if skipped > 0 {
            s.push_str(&format!("; {skipped} lines not recognised"));
        }
        s
    },
    connector_kind: |k| match k {
        crate::paste::connector::ConnectorKind::Send => "Send connector",
        crate::paste::connector::ConnectorKind::Receive => "Receive connector",
        crate::paste::connector::ConnectorKind::Unknown => "Connector",
    },
    line_word: "line",
    queue_word: "queue",
    messages_word: "messages",
    event_word: "event",
    yes: "yes",
    no: "no",
    unknown: "?",

    ps_comment_find_cert: "# The certificate to use:",
    ps_comment_import_pfx: "# Import it again WITH its private key (PFX from your backup or CA):",
    ps_comment_repair_key: "# Or, if the key is still on the server, re-link it to the certificate (serial number):",
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
};
