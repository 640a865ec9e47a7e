//! The empty state (what to collect on the Exchange server, and how), the "download this page
//! for offline use" link, the build id and the installed page's update notice. Every sentence
//! and every command comes from the core ([`tlsdoctor_core::i18n::guide`],
//! [`tlsdoctor_core::diagnose::powershell::collect_commands`]); this module only renders.

use tlsdoctor_core::diagnose::powershell::{collect_commands, CollectWhat};
use tlsdoctor_core::i18n::guide::GuideText;
use tlsdoctor_core::i18n::ui::UiText;
use tlsdoctor_core::i18n::Lang;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::widgets::CopyButton;

/// `content` of `<meta name="{name}">` in this document, if the page carries one.
fn meta(name: &str) -> Option<String> {
    let document = web_sys::window()?.document()?;
    let element = document
        .query_selector(&format!("meta[name=\"{name}\"]"))
        .ok()??;
    Some(element.get_attribute("content").unwrap_or_default())
}

/// The build id stamped into the page by `scripts/stamp-sw.mjs` (absent in a `trunk serve`).
pub fn build_id() -> Option<String> {
    meta("tlsdoctor-build").filter(|b| !b.is_empty() && !b.starts_with("__"))
}

/// Where "download this page for offline use" points: the one-file page next to this one
/// (`tlsdoctor-offline-copy` names it, written by `scripts/build-single.mjs` once it exists), or
/// this very document when it is the one-file page served over HTTP (`tlsdoctor serve`).
/// Nothing when the page was opened from disk (it is the offline copy already).
pub fn offline_copy_href() -> Option<String> {
    let location = web_sys::window()?.location();
    if location.protocol().ok()? == "file:" {
        return None;
    }
    let named = meta("tlsdoctor-offline-copy")?;
    if named.is_empty() {
        Some(format!(
            "{}{}",
            location.pathname().ok()?,
            location.search().unwrap_or_default()
        ))
    } else {
        Some(named)
    }
}

/// Text with `code` spans between backticks, as the core's sentences mark commands.
fn with_code(text: &str) -> Html {
    html! {
        { for text.split('`').enumerate().map(|(i, part)| if i % 2 == 1 {
            html! { <code>{ part.to_owned() }</code> }
        } else {
            html! { { part.to_owned() } }
        }) }
    }
}

fn step_id(what: CollectWhat) -> &'static str {
    match what {
        CollectWhat::Certificates => "certificates",
        CollectWhat::Connectors => "connectors",
        CollectWhat::ProtocolLogFolders => "log-folders",
        _ => "other",
    }
}

#[derive(Properties, PartialEq)]
pub struct EmptyStateProps {
    pub lang: Lang,
    pub t: &'static UiText,
    pub g: &'static GuideText,
}

/// What a first-time visitor should drop: the collector's zip, or three commands by hand.
#[function_component(EmptyState)]
pub fn empty_state(props: &EmptyStateProps) -> Html {
    let (t, g) = (props.t, props.g);
    html! {
        <section class="collect" data-testid="collect-guide" aria-labelledby="collect-heading">
            <h2 id="collect-heading">{ g.collect_heading }</h2>
            <p>{ g.collect_intro }</p>
            <h3>{ g.collector_heading }</h3>
            <p data-testid="collector">{ with_code(g.collector_text) }</p>
            <h3>{ g.manual_heading }</h3>
            <p>{ g.manual_text }</p>
            <ol class="collect-steps">
                { for collect_commands(props.lang).iter().map(|step| {
                    let script = step.commands.join("\n");
                    html! {
                        <li data-testid="collect-step" data-step={step_id(step.what)}>
                            <p>{ step.text }</p>
                            <div class="powershell">
                                <div class="powershell-head">
                                    <span>{ t.powershell }</span>
                                    <CopyButton text={AttrValue::from(script.clone())} {t}
                                        testid="copy-collect" what={AttrValue::from(g.commands_label)} />
                                </div>
                                <pre data-testid="collect-commands"><code>{ script }</code></pre>
                            </div>
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}

/// The footer's offline link (when there is something to download) and version.
pub fn footer(t: &UiText, g: &GuideText) -> Html {
    let version = match build_id() {
        Some(build) => format!(
            "{} {} ({} {build})",
            t.generated_by,
            tlsdoctor_core::report::TOOL_VERSION,
            g.build_label
        ),
        None => format!(
            "{} {}",
            t.generated_by,
            tlsdoctor_core::report::TOOL_VERSION
        ),
    };
    html! {
        <footer>
            if let Some(href) = offline_copy_href() {
                <p class="offline">
                    <a data-testid="offline-download" {href} download="tlsdoctor.html">{ g.offline_download }</a>
                    { " — " }{ g.offline_hint }
                </p>
            }
            <p data-testid="version" data-build={build_id().unwrap_or_default()}>{ version }</p>
        </footer>
    }
}

/// The installed page has a newer service worker waiting (`web/boot.js` sets the flag and
/// fires `tlsdoctor-update-waiting`).
pub fn update_waiting() -> bool {
    js_sys::Reflect::get(&js_sys::global(), &"tlsdoctorUpdateWaiting".into())
        .map(|v| v.is_truthy())
        .unwrap_or(false)
}

/// Lets the waiting service worker take over; `web/boot.js` reloads the page once it has.
pub fn apply_update() {
    if let Ok(f) = js_sys::Reflect::get(&js_sys::global(), &"tlsdoctorApplyUpdate".into()) {
        if let Some(f) = f.dyn_ref::<js_sys::Function>() {
            let _ = f.call0(&wasm_bindgen::JsValue::NULL);
        }
    }
}

/// The worker script: `globalThis.tlsdoctorWorkerUrl` when the one-file page made a `blob:` URL
/// of its inlined worker, otherwise `fallback` (Trunk's file next to the page).
pub fn worker_url(fallback: &str) -> String {
    js_sys::Reflect::get(&js_sys::global(), &"tlsdoctorWorkerUrl".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| fallback.to_owned())
}
