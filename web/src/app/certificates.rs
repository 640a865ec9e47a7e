//! Certificate cards: one per distinct thumbprint, whichever files it came from.

use std::rc::Rc;

use tlsdoctor_core::i18n::ui::UiText;
use tlsdoctor_core::report::CertificateReport;
use yew::prelude::*;

use super::widgets::CopyButton;

pub use tlsdoctor_core::view::certificates::{cards, CertCard, KeyState};

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
        KeyState::Locked => (t.key_locked, "warn"),
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

    #[test]
    fn timeline_positions_are_clamped() {
        assert_eq!(percent(5.0, 0.0, 10.0), 50.0);
        assert_eq!(percent(-5.0, 0.0, 10.0), 0.0);
        assert_eq!(percent(50.0, 0.0, 10.0), 100.0);
        assert_eq!(percent(1.0, 10.0, 10.0), 0.0);
    }
}
