//! The list of analysed files: kind, errors in words, and for a PKCS#12 file that the empty
//! password did not open, a password field ("wrong password" told apart from "damaged").

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use tlsdoctor_core::i18n::ui::UiText;
use tlsdoctor_core::report::FileReport;
use yew::prelude::*;

/// Error codes that mean the file is damaged rather than locked.
const DAMAGED_CODES: &[&str] = &["malformed", "truncated", "empty"];

/// How a file's state reads to the user.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FileState {
    Ok,
    /// Locked; the user has not offered a password for it yet.
    NeedsPassword,
    /// Locked, and the password the user typed did not open it.
    WrongPassword,
    Damaged,
    OtherError,
}

pub fn file_state(file: &FileReport, password_submitted: bool) -> FileState {
    match &file.error {
        None => FileState::Ok,
        Some(e) if e.code == "wrong-password" => {
            if password_submitted {
                FileState::WrongPassword
            } else {
                FileState::NeedsPassword
            }
        }
        Some(e) if DAMAGED_CODES.contains(&e.code.as_str()) => FileState::Damaged,
        Some(_) => FileState::OtherError,
    }
}

fn kind_name(file: &FileReport) -> String {
    serde_json::to_value(file.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

#[derive(Properties, PartialEq)]
pub struct FilesProps {
    pub files: Rc<Vec<FileReport>>,
    pub t: &'static UiText,
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
        FileState::WrongPassword => {
            html! { <strong class="bad" data-testid="wrong-password" role="alert">{ t.password_wrong }</strong> }
        }
        FileState::Damaged => html! {
            <span class="bad" data-testid="file-damaged">{ format!("{}: {}", t.file_damaged, f.error.as_ref().map(|e| e.message.as_str()).unwrap_or_default()) }</span>
        },
        FileState::OtherError => html! {
            <span class="bad" data-testid="file-error">{ f.error.as_ref().map(|e| e.message.clone()).unwrap_or_default() }</span>
        },
    };
    let needs_password = matches!(state, FileState::NeedsPassword | FileState::WrongPassword);
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
            <span class="kind">{ kind_name(f) }</span>{ " — " }
            { status }
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

#[cfg(test)]
mod tests {
    use super::*;
    use tlsdoctor_core::report::{ErrorReport, FileKind};

    fn with_error(code: &str) -> FileReport {
        let mut f = FileReport::new("x.pfx", FileKind::Pkcs12);
        f.error = Some(ErrorReport {
            code: code.into(),
            message: "m".into(),
        });
        f
    }

    #[test]
    fn wrong_password_is_told_apart_from_damage() {
        assert_eq!(
            file_state(&FileReport::new("x.cer", FileKind::X509Cert), false),
            FileState::Ok
        );
        assert_eq!(
            file_state(&with_error("wrong-password"), false),
            FileState::NeedsPassword
        );
        assert_eq!(
            file_state(&with_error("wrong-password"), true),
            FileState::WrongPassword
        );
        assert_eq!(
            file_state(&with_error("malformed"), true),
            FileState::Damaged
        );
        assert_eq!(
            file_state(&with_error("truncated"), false),
            FileState::Damaged
        );
        assert_eq!(
            file_state(&with_error("unsupported-algorithm"), false),
            FileState::OtherError
        );
    }
}
