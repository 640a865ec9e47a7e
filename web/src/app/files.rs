//! The list of analysed files: kind, errors in words, and for a PKCS#12 file that the empty
//! password did not open, a password field ("wrong password" told apart from "damaged").

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use tlsdoctor_core::i18n::ui::UiText;
use tlsdoctor_core::i18n::Lang;
use tlsdoctor_core::report::FileReport;
use yew::prelude::*;

pub use tlsdoctor_core::view::{file_state, FileState};

fn error_message(file: &FileReport) -> String {
    file.error
        .as_ref()
        .map(|e| e.message.clone())
        .unwrap_or_default()
}

#[derive(Properties, PartialEq)]
pub struct FilesProps {
    pub files: Rc<Vec<FileReport>>,
    pub t: &'static UiText,
    /// The language of the words core gives for the file's kind.
    pub lang: Lang,
    pub typed: Rc<HashMap<String, String>>,
    pub submitted: Rc<HashSet<String>>,
    pub on_password_input: Callback<(String, String)>,
    pub on_password_submit: Callback<String>,
}

#[function_component(Files)]
pub fn files(props: &FilesProps) -> Html {
    let t = props.t;
    html! {
        <section class="files" aria-labelledby="files-heading">
            <h2 id="files-heading">{ t.files_heading }</h2>
            <ul>
                { for props.files.iter().enumerate().map(|(index, f)| file_row(index, f, props)) }
            </ul>
        </section>
    }
}

fn file_row(index: usize, f: &FileReport, props: &FilesProps) -> Html {
    let t = props.t;
    let state = file_state(f, props.submitted.contains(&f.path));
    let status = match state {
        FileState::Ok => html! { <span class="ok">{ t.file_ok }</span> },
        FileState::NeedsPassword => {
            html! { <span class="warn" data-testid="password-needed">{ t.password_protected }</span> }
        }
        FileState::WrongPassword => html! {
            <>
                <strong class="bad" data-testid="wrong-password" role="alert">{ t.password_wrong }</strong>
                // Core's words say which passwords were tried and, without a MAC, that damage
                // cannot be told apart.
                { " " }<span class="detail">{ error_message(f) }</span>
            </>
        },
        FileState::PasswordsNotAllTried => html! {
            <span class="warn" data-testid="passwords-not-all-tried" role="alert">{ error_message(f) }</span>
        },
        FileState::Damaged => html! {
            <span class="bad" data-testid="file-damaged">{ format!("{}: {}", t.file_damaged, error_message(f)) }</span>
        },
        // A certificate request was read in full: what it is, and what it asks for.
        FileState::OtherError if f.certificate_request.is_some() => html! {
            <span class="warn" data-testid="certificate-request">
                { error_message(f) }{ " " }
                { tlsdoctor_core::view::files::request_text(f, props.lang).unwrap_or_default() }
            </span>
        },
        FileState::OtherError => html! {
            <span class="bad" data-testid="file-error">{ error_message(f) }</span>
        },
    };
    // A PEM whose encrypted key stayed locked was read (no error), but its key needs the
    // pass phrase: the same password field.
    let needs_password = matches!(
        state,
        FileState::NeedsPassword | FileState::WrongPassword | FileState::PasswordsNotAllTried
    ) || tlsdoctor_core::view::files::has_locked_key(f);
    let input_id = format!("password-{index}");
    let path = f.path.clone();
    let oninput = {
        let path = path.clone();
        let cb = props.on_password_input.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            cb.emit((path.clone(), input.value()));
        })
    };
    let onsubmit = {
        let path = path.clone();
        let cb = props.on_password_submit.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            cb.emit(path.clone());
        })
    };
    let value = props.typed.get(&f.path).cloned().unwrap_or_default();
    html! {
        <li class="file" data-testid="file" data-path={f.path.clone()} data-state={format!("{state:?}").to_lowercase()}>
            <span class="path">{ &f.path }</span>{ " " }
            <span class="kind">{ tlsdoctor_core::view::files::kind_text(f, props.lang) }</span>{ " — " }
            { status }
            if !f.warnings.is_empty() {
                // Core's remarks (trailing bytes, a skipped PEM block, ...), already in the
                // report's language.
                <ul class="file-warnings">
                    { for f.warnings.iter().map(|w| html! {
                        <li class="warn" data-testid="file-warning">{ w.message.clone() }</li>
                    }) }
                </ul>
            }
            if needs_password {
                <form class="password" {onsubmit}>
                    <label for={input_id.clone()}>{ format!("{} {}", t.password_label, f.path) }</label>
                    <input id={input_id} type="password" autocomplete="off" data-testid="password-input"
                        {value} {oninput} />
                    <button type="submit" data-testid="password-submit">{ t.password_submit }</button>
                </form>
            }
        </li>
    }
}
