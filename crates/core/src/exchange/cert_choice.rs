//! Which certificate Exchange uses for STARTTLS, written down once.
//!
//! * **Send connector** (outbound STARTTLS): the certificate named by the connector's
//!   `TlsCertificateName` (`<I>issuer<S>subject`). When several certificates in the local
//!   computer's personal store match that issuer and subject, Exchange takes the one that
//!   **expires last**, and it does **not** check that the certificate is enabled for SMTP
//!   (or that its key is usable). Source: CSS-Exchange issue #1165 ("Exchange picks the
//!   certificate with the latest NotAfter, SMTP binding not checked"), Microsoft KB "Can't remove
//!   a certificate that's installed in Exchange Server" (renewal trap), Exchange team blog
//!   "Exchange Server TLS guidance / certificate selection" (Tech Community 4420592).
//! * **Receive connector** (inbound STARTTLS): the certificate named by `TlsCertificateName`,
//!   else one whose names cover the connector's `Fqdn`: an exact name first, then a wildcard
//!   (`*.contoso.com` covers `mail.contoso.com`, one label, any case); among those a valid
//!   CA-issued certificate over a self-signed one, and among several of the same kind the most
//!   recent "Valid from". Source: Microsoft Learn, "Selection of Inbound STARTTLS Certificates"
//!   (Exchange 2016/2019/SE), steps 1-9.
//!
//! Every choice says which rule decided it ([`ChoiceRule`]), so findings can cite it.

/// A certificate Exchange could choose (from a paste, a dropped file or a log).
#[derive(Debug, Clone, Default)]
pub struct Candidate {
    pub subject: String,
    pub issuer: String,
    /// Names it covers (CertificateDomains / SAN DNS names).
    pub domains: Vec<String>,
    pub not_before: Option<i64>,
    pub not_after: Option<i64>,
    pub self_signed: bool,
    /// `Services` contains SMTP (None: unknown).
    pub smtp: Option<bool>,
    /// A usable private key (None: unknown).
    pub has_key: Option<bool>,
}

/// Which documented rule decided a choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChoiceRule {
    /// Send: only one certificate matches `TlsCertificateName`.
    SendOnlyMatch,
    /// Send: several match; the one that expires last wins, SMTP not checked.
    SendLatestExpiry,
    /// Receive: `TlsCertificateName` names it.
    ReceiveTlsCertificateName,
    /// Receive: a name equals the connector FQDN.
    ReceiveExactFqdn,
    /// Receive: only a wildcard covers the FQDN.
    ReceiveWildcardFqdn,
    /// Receive: a CA-issued certificate was preferred over a self-signed one.
    ReceiveCaOverSelfSigned,
}

impl ChoiceRule {
    /// The rule in a sentence, with its source (`en`/`de`).
    pub fn describe(self, lang: crate::i18n::Lang) -> &'static str {
        use crate::i18n::Lang::*;
        match (self, lang) {
            (ChoiceRule::SendOnlyMatch, En) => "Send connector rule: the only certificate whose issuer and subject match the connector's TlsCertificateName is used.",
            (ChoiceRule::SendOnlyMatch, De) => "Regel für Sendeconnectors: verwendet wird das einzige Zertifikat, dessen Aussteller und Antragsteller zum TlsCertificateName des Connectors passen.",
            (ChoiceRule::SendLatestExpiry, En) => "Send connector rule: of several certificates matching the TlsCertificateName, Exchange uses the one that expires last and does not check that it is enabled for SMTP (CSS-Exchange issue #1165).",
            (ChoiceRule::SendLatestExpiry, De) => "Regel für Sendeconnectors: Von mehreren Zertifikaten, die zum TlsCertificateName passen, nimmt Exchange das, das zuletzt abläuft, und prüft nicht, ob es für SMTP aktiviert ist (CSS-Exchange-Issue #1165).",
            (ChoiceRule::ReceiveTlsCertificateName, En) => "Receive connector rule: the connector's TlsCertificateName names the certificate (\"Selection of Inbound STARTTLS Certificates\").",
            (ChoiceRule::ReceiveTlsCertificateName, De) => "Regel für Empfangsconnectors: der TlsCertificateName des Connectors benennt das Zertifikat („Selection of Inbound STARTTLS Certificates“).",
            (ChoiceRule::ReceiveExactFqdn, En) => "Receive connector rule: without TlsCertificateName, a certificate whose name equals the connector's FQDN is used first (\"Selection of Inbound STARTTLS Certificates\").",
            (ChoiceRule::ReceiveExactFqdn, De) => "Regel für Empfangsconnectors: ohne TlsCertificateName wird zuerst ein Zertifikat verwendet, dessen Name genau dem FQDN des Connectors entspricht („Selection of Inbound STARTTLS Certificates“).",
            (ChoiceRule::ReceiveWildcardFqdn, En) => "Receive connector rule: no certificate names the connector's FQDN exactly, so a wildcard certificate covering it is used (\"Selection of Inbound STARTTLS Certificates\").",
            (ChoiceRule::ReceiveWildcardFqdn, De) => "Regel für Empfangsconnectors: kein Zertifikat nennt den FQDN des Connectors genau, daher wird ein Platzhalterzertifikat verwendet, das ihn abdeckt („Selection of Inbound STARTTLS Certificates“).",
            (ChoiceRule::ReceiveCaOverSelfSigned, En) => "Receive connector rule: a valid CA-issued certificate is preferred over a self-signed one, the most recent \"Valid from\" first (\"Selection of Inbound STARTTLS Certificates\", step 9).",
            (ChoiceRule::ReceiveCaOverSelfSigned, De) => "Regel für Empfangsconnectors: ein gültiges Zertifikat einer Zertifizierungsstelle hat Vorrang vor einem selbstsignierten, das mit dem jüngsten „Gültig ab“ zuerst („Selection of Inbound STARTTLS Certificates“, Schritt 9).",
        }
    }
}

/// A choice: the index into the candidates and the rule that decided it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Choice {
    pub index: usize,
    pub rule: ChoiceRule,
    /// How many candidates matched before the tie-break.
    pub matches: usize,
}

/// Compares distinguished names the way Exchange matches `<I>..<S>..` (case and blanks after
/// separators ignored).
pub fn same_dn(a: &str, b: &str) -> bool {
    crate::paste::values::dn_key(a) == crate::paste::values::dn_key(b)
}

/// Does `pattern` (a certificate name, maybe `*.x`) cover `host`? Case-insensitive; a
/// wildcard covers exactly one left-most label. `Some(true)` exact, `Some(false)` wildcard.
pub fn name_covers(pattern: &str, host: &str) -> Option<bool> {
    let p = pattern.trim().trim_end_matches('.').to_ascii_lowercase();
    let h = host.trim().trim_end_matches('.').to_ascii_lowercase();
    if p.is_empty() || h.is_empty() {
        return None;
    }
    if p == h {
        return Some(true);
    }
    let suffix = p.strip_prefix("*.")?;
    let (first, rest) = h.split_once('.')?;
    (!first.is_empty() && rest == suffix).then_some(false)
}

/// The Send connector's pick among `candidates` for `TlsCertificateName` `<I>issuer<S>subject`.
pub fn send_connector(issuer: &str, subject: &str, candidates: &[Candidate]) -> Option<Choice> {
    let matching: Vec<usize> = (0..candidates.len())
        .filter(|&i| {
            same_dn(&candidates[i].issuer, issuer) && same_dn(&candidates[i].subject, subject)
        })
        .collect();
    let index = *matching
        .iter()
        .max_by_key(|&&i| candidates[i].not_after.unwrap_or(i64::MIN))?;
    Some(Choice {
        index,
        rule: if matching.len() > 1 {
            ChoiceRule::SendLatestExpiry
        } else {
            ChoiceRule::SendOnlyMatch
        },
        matches: matching.len(),
    })
}

/// The Receive connector's pick: by `TlsCertificateName` when set, else by `fqdn`.
pub fn receive_connector(
    tls_name: Option<(&str, &str)>,
    fqdn: Option<&str>,
    candidates: &[Candidate],
    now: i64,
) -> Option<Choice> {
    let valid = |c: &Candidate| {
        c.not_after.is_none_or(|na| na > now) && c.not_before.is_none_or(|nb| nb <= now)
    };
    let newest = |pool: &[usize]| {
        pool.iter()
            .copied()
            .max_by_key(|&i| candidates[i].not_before.unwrap_or(i64::MIN))
    };
    if let Some((issuer, subject)) = tls_name {
        let matching: Vec<usize> = (0..candidates.len())
            .filter(|&i| {
                same_dn(&candidates[i].issuer, issuer) && same_dn(&candidates[i].subject, subject)
            })
            .collect();
        let index = newest(&matching)?;
        return Some(Choice {
            index,
            rule: ChoiceRule::ReceiveTlsCertificateName,
            matches: matching.len(),
        });
    }
    let fqdn = fqdn?;
    let covers = |c: &Candidate, exact: bool| {
        c.domains
            .iter()
            .any(|d| name_covers(d, fqdn) == Some(exact))
    };
    for exact in [true, false] {
        let pool: Vec<usize> = (0..candidates.len())
            .filter(|&i| covers(&candidates[i], exact))
            .collect();
        if pool.is_empty() {
            continue;
        }
        let ca: Vec<usize> = pool
            .iter()
            .copied()
            .filter(|&i| !candidates[i].self_signed && valid(&candidates[i]))
            .collect();
        let has_self_signed = pool.iter().any(|&i| candidates[i].self_signed);
        let (index, rule) = if !ca.is_empty() {
            let rule = if has_self_signed {
                ChoiceRule::ReceiveCaOverSelfSigned
            } else if exact {
                ChoiceRule::ReceiveExactFqdn
            } else {
                ChoiceRule::ReceiveWildcardFqdn
            };
            (newest(&ca)?, rule)
        } else {
            let rule = if exact {
                ChoiceRule::ReceiveExactFqdn
            } else {
                ChoiceRule::ReceiveWildcardFqdn
            };
            (newest(&pool)?, rule)
        };
        return Some(Choice {
            index,
            rule,
            matches: pool.len(),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cert(subject: &str, issuer: &str, domains: &[&str], nb: i64, na: i64) -> Candidate {
        Candidate {
            subject: subject.into(),
            issuer: issuer.into(),
            domains: domains.iter().map(|d| d.to_string()).collect(),
            not_before: Some(nb),
            not_after: Some(na),
            self_signed: subject == issuer,
            smtp: None,
            has_key: None,
        }
    }

    #[test]
    fn send_picks_the_one_expiring_last_without_checking_smtp() {
        let r = "CN=R10, O=Let's Encrypt, C=US";
        let mut old = cert("CN=mail.contoso.com", r, &["mail.contoso.com"], 10, 100);
        old.smtp = Some(true);
        let mut new = cert("CN=mail.contoso.com", r, &["mail.contoso.com"], 50, 200);
        new.smtp = Some(false);
        let c = send_connector(r, "cn=mail.contoso.com", &[old, new]).unwrap();
        assert_eq!(
            (c.index, c.rule, c.matches),
            (1, ChoiceRule::SendLatestExpiry, 2)
        );
        assert!(send_connector("CN=R3", "CN=mail.contoso.com", &[]).is_none());
    }

    #[test]
    fn receive_prefers_exact_then_wildcard_and_ca_over_self_signed() {
        let ca = "CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US";
        let self_signed = cert("CN=EX01", "CN=EX01", &["EX01", "EX01.contoso.com"], 0, 1000);
        let wildcard = cert("CN=*.contoso.com", ca, &["*.contoso.com"], 5, 1000);
        let exact = cert("CN=mail.contoso.com", ca, &["mail.contoso.com"], 6, 1000);
        let all = [self_signed.clone(), wildcard.clone(), exact];
        let c = receive_connector(None, Some("MAIL.contoso.com"), &all, 100).unwrap();
        assert_eq!((c.index, c.rule), (2, ChoiceRule::ReceiveExactFqdn));
        let c = receive_connector(None, Some("mail.contoso.com"), &all[..2], 100).unwrap();
        assert_eq!((c.index, c.rule), (1, ChoiceRule::ReceiveWildcardFqdn));
        let c = receive_connector(None, Some("EX01.contoso.com"), &all[..1], 100).unwrap();
        assert_eq!((c.index, c.rule), (0, ChoiceRule::ReceiveExactFqdn));
        // A wildcard covers one label only.
        assert_eq!(name_covers("*.contoso.com", "a.b.contoso.com"), None);
        let mut ca_exact = cert("CN=EX01.contoso.com", ca, &["EX01.contoso.com"], 7, 1000);
        ca_exact.self_signed = false;
        let c = receive_connector(
            None,
            Some("ex01.contoso.com"),
            &[self_signed, ca_exact],
            100,
        )
        .unwrap();
        assert_eq!((c.index, c.rule), (1, ChoiceRule::ReceiveCaOverSelfSigned));
    }
}
