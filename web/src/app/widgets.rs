//! Small pieces used across the page: a copy-to-clipboard button and file downloads.

use tlsdoctor_core::i18n::ui::UiText;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CopyButtonProps {
    pub text: AttrValue,
    pub t: &'static UiText,
    #[prop_or_default]
    pub testid: AttrValue,
    /// What is copied, for screen readers ("Copy PowerShell").
    #[prop_or_default]
    pub what: AttrValue,
}

#[derive(Clone, Copy, PartialEq)]
enum CopyState {
    Idle,
    Copied,
    Failed,
}

/// Copies `text` with the async Clipboard API and says whether it worked.
#[function_component(CopyButton)]
pub fn copy_button(props: &CopyButtonProps) -> Html {
    let state = use_state(|| CopyState::Idle);
    let onclick = {
        let state = state.clone();
        let text = props.text.clone();
        Callback::from(move |_: MouseEvent| {
            let state = state.clone();
            let text = text.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let ok = match web_sys::window() {
                    Some(w) => JsFuture::from(w.navigator().clipboard().write_text(&text))
                        .await
                        .is_ok(),
                    None => false,
                };
                state.set(if ok {
                    CopyState::Copied
                } else {
                    CopyState::Failed
                });
            });
        })
    };
    let label = match *state {
        CopyState::Idle => props.t.copy,
        CopyState::Copied => props.t.copied,
        CopyState::Failed => props.t.copy_failed,
    };
    let aria = format!("{} {}", props.t.copy, props.what);
    html! {
        <button type="button" class="copy" data-testid={props.testid.clone()} aria-label={aria} {onclick}>
            { label }
        </button>
    }
}

/// Offers `content` as a download named `file_name` (a `blob:` URL of this page, no network).
pub fn download(file_name: &str, mime: &str, content: &str) -> Result<(), wasm_bindgen::JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let document = window.document().ok_or("no document")?;
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    // Revoke a moment later: some browsers start reading the blob only after click() returns.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    window.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 10_000)?;
    Ok(())
}

/// Bytes as "12.3 MB".
pub fn human_bytes(bytes: f64) -> String {
    const UNITS: [&str; 4] = ["B", "KB", "MB", "GB"];
    let mut value = bytes.max(0.0);
    let mut unit = 0;
    while value >= 1000.0 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}
