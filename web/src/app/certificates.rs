//! Certificate cards: one per distinct thumbprint, whichever files it came from.

use std::rc::Rc;

use tlsdoctor_core::i18n::ui::UiText;
use tlsdoctor_core::report::{CertificateReport, FileReport};
use yew::prelude::*;

use super::widgets::CopyButton;

/// What the files say about a certificate's private key.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum KeyState {
    /// A key in one of the files matches this certificate.
    Matches,
    /// A file holding this certificate also holds a key, but it matches no certificate here.
    Mismatch,
    /// No key.
    Absent,
}

/// One card: the certificate as first seen, every file it appears in, and its key state.
#[derive(Clone, PartialEq, Debug)]
pub struct CertCard {
    pub cert: CertificateReport,
    pub files: Vec<String>,
    pub key: KeyState,
}

/// Groups the report's certificates by thumbprint, in order of first appearance.
pub fn cards(files: &[FileReport]) -> Vec<CertCard> {
    let mut cards: Vec<CertCard> = Vec::new();
    for file in files {
        for cert in &file.certificates {
            let key = if cert.has_private_key || cert.matching_key_file.is_some() {
                KeyState::Matches
            } else if !file.keys.is_empty()
                && file
                    .keys
                    .iter()
                    .all(|k| k.matches_thumbprint.as_deref() != Some(cert.thumbprint.as_str()))
                && file.keys.iter().any(|k| k.matches_thumbprint.is_none())
            {
                KeyState::Mismatch
            } else {
                KeyState::Absent
            };
            match cards
                .iter_mut()
                .find(|c| c.cert.thumbprint == cert.thumbprint)
            {
                Some(card) => {
                    if !card.files.contains(&file.path) {
                        card.files.push(file.path.clone());
                    }
                    card.key = match (card.key, key) {
                        (KeyState::Matches, _) | (_, KeyState::Matches) => KeyState::Matches,
                        (KeyState::Mismatch, _) | (_, KeyState::Mismatch) => KeyState::Mismatch,
                        _ => KeyState::Absent,
                    };
                }
                None => cards.push(CertCard {
                    cert: cert.clone(),
                    files: vec![file.path.clone()],
                    key,
                }),
            }
        }
    }
    cards
}

#[derive(Properties, PartialEq)]
pub struct CertificatesProps {
    pub cards: Rc<Vec<CertCard>>,
    pub t: &'static UiText,
    /// `Date.now()` when the report arrived (the timeline's "today").
    pub now_ms: f64,
}

#[function_component(Certificates)]
pub fn certificates(props: &CertificatesProps) -> Html {
    let t = props.t;
    html! {
        <section class="certificates" aria-labelledby="certificates-heading">
            <h2 id="certificates-heading">{ t.certificates_heading }</h2>
            <div class="cards">
                { for props.cards.iter().map(|card| card_view(card, t, props.now_ms)) }
            </div>
        </section>
    }
}

fn card_view(card: &CertCard, t: &'static UiText, now_ms: f64) -> Html {
    let c = &card.cert;
    let (key_text, key_class) = match card.key {
        KeyState::Matches => (t.key_present_matches, "ok"),
        KeyState::Mismatch => (t.key_mismatch, "bad"),
        KeyState::Absent => (t.key_absent, "bad"),
    };
    let names: Vec<String> = if c.subject_alternative_names.is_empty() {
        c.dns_names.clone()
    } else {
        c.subject_alternative_names.clone()
    };
    html! {
        <article class="card" data-testid="certificate-card" data-thumbprint={c.thumbprint.clone()}>
            <h3 class="card-subject">{ &c.subject }</h3>
            <dl>
                <dt>{ t.thumbprint }</dt>
                <dd><code class="thumbprint">{ &c.thumbprint }</code>
                    <CopyButton text={AttrValue::from(c.thumbprint.clone())} {t} what={AttrValue::from(t.thumbprint)} /></dd>
                <dt>{ t.issuer }</dt>
                <dd>{ &c.issuer }{ if c.self_signed { format!(" ({})", t.self_signed) } else { String::new() } }</dd>
                <dt>{ t.serial_number }</dt>
                <dd><code>{ &c.serial_number }</code></dd>
                <dt>{ t.private_key }</dt>
                <dd class={classes!("key", key_class)} data-testid="key-state" data-key={format!("{:?}", card.key).to_lowercase()}>{ key_text }</dd>
                <dt>{ t.names }</dt>
                <dd>{ if names.is_empty() { t.none.to_owned() } else { names.join(", ") } }</dd>
                <dt>{ t.enhanced_key_usage }</dt>
                <dd>{ if c.extended_key_usages.is_empty() { t.none.to_owned() } else { c.extended_key_usages.join(", ") } }</dd>
                <dt>{ t.source_file }</dt>
                <dd>{ card.files.join(", ") }</dd>
            </dl>
            { timeline(c, t, now_ms) }
            <div class="tls-name">
                <span>{ t.tls_certificate_name }</span>
                <CopyButton text={AttrValue::from(c.tls_certificate_name.clone())} {t}
                    testid="copy-tls-name" what={AttrValue::from(t.tls_certificate_name)} />
                <pre>{ &c.tls_certificate_name }</pre>
            </div>
        </article>
    }
}

/// Milliseconds since the epoch of an RFC 3339 time, `None` when it does not parse.
fn parse_ms(rfc3339: &str) -> Option<f64> {
    let ms = js_sys::Date::parse(rfc3339);
    ms.is_finite().then_some(ms)
}

/// Where `ms` falls between `start` and `end`, in percent (0..=100).
pub fn percent(ms: f64, start: f64, end: f64) -> f64 {
    if end <= start {
        return 0.0;
    }
    ((ms - start) / (end - start) * 100.0).clamp(0.0, 100.0)
}

/// The validity period as a bar with today's date marked (SVG attributes, no inline styles,
/// so the page's CSP needs no `'unsafe-inline'`).
fn timeline(c: &CertificateReport, t: &UiText, now_ms: f64) -> Html {
    let (Some(from), Some(until)) = (parse_ms(&c.not_before), parse_ms(&c.not_after)) else {
        return html! {
            <p class="validity">{ format!("{} {} — {} {}", t.valid_from, c.not_before, t.valid_until, c.not_after) }</p>
        };
    };
    let span = (until - from).abs().max(1.0);
    let start = from.min(now_ms) - span * 0.05;
    let end = until.max(now_ms) + span * 0.05;
    let x0 = percent(from, start, end);
    let x1 = percent(until, start, end);
    let today = percent(now_ms, start, end);
    let (status, class) = if now_ms > until {
        (t.validity_expired, "expired")
    } else if now_ms < from {
        (t.validity_not_yet, "not-yet")
    } else {
        (t.validity_ok, "valid")
    };
    let today_label = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(now_ms))
        .to_iso_string()
        .as_string()
        .unwrap_or_default();
    let today_date = today_label.get(..10).unwrap_or(&today_label).to_owned();
    html! {
        <div class={classes!("validity", class)} data-testid="validity" data-status={class}>
            <svg viewBox="0 0 100 12" preserveAspectRatio="none" role="img"
                aria-label={format!("{} {} — {} {}; {} {}: {}", t.valid_from, c.not_before, t.valid_until, c.not_after, t.today, today_date, status)}>
                <rect class="track" x="0" y="4" width="100" height="4" />
                <rect class="period" x={format!("{x0:.2}")} y="3" width={format!("{:.2}", (x1 - x0).max(0.5))} height="6" />
                <line class="today" x1={format!("{today:.2}")} x2={format!("{today:.2}")} y1="0" y2="12" />
            </svg>
            <div class="validity-labels">
                <span>{ format!("{} {}", t.valid_from, c.not_before.get(..10).unwrap_or(&c.not_before)) }</span>
                <span class="today-label">{ format!("{} {} · {}", t.today, today_date, status) }</span>
                <span>{ format!("{} {}", t.valid_until, c.not_after.get(..10).unwrap_or(&c.not_after)) }</span>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tlsdoctor_core::report::{FileReport, KeyReport};

    fn cert(thumbprint: &str, has_private_key: bool) -> CertificateReport {
        let mut value = serde_json::json!({
            "thumbprint": thumbprint, "sha256": "", "subject": "CN=a", "issuer": "CN=b", "subject_rfc4514": "",
            "issuer_rfc4514": "", "serial_number": "01", "not_before": "2024-01-01T00:00:00Z",
            "not_after": "2025-01-01T00:00:00Z", "public_key": "RSA-2048", "signature_algorithm_oid": "",
            "dns_names": [], "has_private_key": false, "friendly_name": null, "local_key_id": null,
            "tls_certificate_name": "<I>CN=b<S>CN=a"
        });
        value["has_private_key"] = serde_json::json!(has_private_key);
        serde_json::from_value(value).unwrap()
    }

    fn file(
        path: &str,
        kind: &str,
        certs: Vec<CertificateReport>,
        keys: Vec<Option<&str>>,
    ) -> FileReport {
        let keys: Vec<KeyReport> = keys
            .into_iter()
            .map(|m| serde_json::from_value(serde_json::json!({"type": "RSA-2048", "matches_thumbprint": m, "friendly_name": null, "local_key_id": null})).unwrap())
            .collect();
        serde_json::from_value(serde_json::json!({
            "path": path, "kind": kind, "error": null, "certificates": certs, "keys": keys, "pkcs12": null
        }))
        .unwrap()
    }

    #[test]
    fn one_card_per_thumbprint_with_every_file_and_the_best_key_state() {
        let files = vec![
            file("a.cer", "x509-cert", vec![cert("AA", false)], vec![]),
            file("a.pfx", "pkcs12", vec![cert("AA", true)], vec![Some("AA")]),
            file("b.pfx", "pkcs12", vec![cert("BB", false)], vec![None]),
            file("c.cer", "x509-cert", vec![cert("CC", false)], vec![]),
        ];
        let cards = cards(&files);
        let summary: Vec<(&str, Vec<String>, KeyState)> = cards
            .iter()
            .map(|c| (c.cert.thumbprint.as_str(), c.files.clone(), c.key))
            .collect();
        assert_eq!(
            summary,
            vec![
                (
                    "AA",
                    vec!["a.cer".to_owned(), "a.pfx".to_owned()],
                    KeyState::Matches
                ),
                ("BB", vec!["b.pfx".to_owned()], KeyState::Mismatch),
                ("CC", vec!["c.cer".to_owned()], KeyState::Absent),
            ]
        );
    }

    #[test]
    fn timeline_positions_are_clamped() {
        assert_eq!(percent(5.0, 0.0, 10.0), 50.0);
        assert_eq!(percent(-5.0, 0.0, 10.0), 0.0);
        assert_eq!(percent(50.0, 0.0, 10.0), 100.0);
        assert_eq!(percent(1.0, 10.0, 10.0), 0.0);
    }
}
