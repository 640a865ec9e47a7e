//! The page: input (drop zone, pickers, paste box, samples), progress, verdict, findings,
//! failing sessions, certificate cards, files with password fields, export. It holds no
//! diagnosis logic: it forwards inputs to the worker and renders the report it sends back.

pub mod certificates;
pub mod files;
pub mod findings;
pub mod guide;
pub mod input;
pub mod sessions;
pub mod widgets;

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use tlsdoctor_core::export::{markdown, redact::Redactor};
use tlsdoctor_core::i18n::guide::{guide as guide_text, GuideText};
use tlsdoctor_core::i18n::ui::{ui, UiText};
use tlsdoctor_core::i18n::Lang;
use tlsdoctor_core::report::{AnalysisReport, Finding, Severity};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, MessageEvent, Worker};
use yew::prelude::*;

use crate::protocol::{decode_transferred, encode, FileJob, FromWorker, ToWorker};
use certificates::{CertCard, Certificates};
use files::Files;
use findings::{severity_class, Findings};
use input::PickedFile;
use sessions::{FailingSession, Sessions};
use widgets::{download, human_bytes};

/// The worker script Trunk emits for the `tlsdoctor-worker` binary (see index.html).
const WORKER_URL: &str = "./worker-boot.js";

/// Reading progress of one file.
#[derive(Clone, PartialEq)]
pub struct FileProgress {
    pub id: u32,
    pub path: String,
    pub size: f64,
    pub read: f64,
    pub failed: Option<String>,
}

/// What the page derives once per report (not once per render).
#[derive(Clone, PartialEq)]
struct Shown {
    report: Rc<AnalysisReport>,
    findings: Rc<Vec<Finding>>,
    cards: Rc<Vec<CertCard>>,
    sessions: Rc<Vec<FailingSession>>,
    session_total: usize,
    files: Rc<Vec<tlsdoctor_core::report::FileReport>>,
    now_ms: f64,
}

pub enum Msg {
    Worker(FromWorker),
    WorkerError(String),
    Picked(Vec<PickedFile>),
    DragOver(bool),
    SetLang(Lang),
    Cancel,
    Reset,
    Samples,
    PasteInput(String),
    PasteSubmit,
    PasswordInput(String, String),
    PasswordSubmit(String),
    ToggleRedact,
    ExportMarkdown,
    ExportJson,
    /// A newer service worker waits (the installed page).
    UpdateWaiting,
    ApplyUpdate,
}

pub struct App {
    lang: Lang,
    worker: Option<Worker>,
    // Kept alive as long as the worker: the browser calls them.
    _on_message: Option<Closure<dyn FnMut(MessageEvent)>>,
    _on_error: Option<Closure<dyn FnMut(web_sys::ErrorEvent)>>,
    _on_update: Option<Closure<dyn FnMut(web_sys::Event)>>,
    update_waiting: bool,
    ready: bool,
    outbox: Vec<ToWorker>,
    shown: Option<Shown>,
    busy: bool,
    progress: Vec<FileProgress>,
    next_id: u32,
    typed: Rc<HashMap<String, String>>,
    submitted: Rc<HashSet<String>>,
    /// Files whose password was just sent; they count as "submitted" once the next report
    /// (which tried it) arrives, so a right password never flashes "wrong password".
    pending_passwords: Vec<String>,
    cancelled: bool,
    failure: Option<String>,
    redact: bool,
    paste: String,
    drag_over: bool,
    /// Reports received so far (exposed as `data-report-seq` so tests can wait for the next one).
    report_seq: u64,
    file_input: NodeRef,
    folder_input: NodeRef,
}

fn browser_lang() -> Lang {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .map(|tag| Lang::from_tag(&tag))
        .unwrap_or_default()
}

fn set_document_lang(lang: Lang) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.tag());
    }
}

impl App {
    fn t(&self) -> &'static UiText {
        ui(self.lang)
    }

    fn g(&self) -> &'static GuideText {
        guide_text(self.lang)
    }

    fn send(&mut self, message: ToWorker) {
        if !self.ready {
            self.outbox.push(message);
            return;
        }
        let Some(worker) = &self.worker else { return };
        match encode(&message) {
            Ok(value) => {
                if let Err(err) = worker.post_message(&value) {
                    self.failure = Some(format!("{err:?}"));
                }
            }
            Err(err) => self.failure = Some(err),
        }
    }

    fn add_files(&mut self, picked: Vec<PickedFile>) {
        if picked.is_empty() {
            return;
        }
        let mut jobs = Vec::with_capacity(picked.len());
        for p in picked {
            let id = self.next_id;
            self.next_id += 1;
            let size = p.file.size();
            self.progress.push(FileProgress {
                id,
                path: p.path.clone(),
                size,
                read: 0.0,
                failed: None,
            });
            jobs.push(FileJob {
                id,
                path: p.path,
                size,
                blob: p.file.into(),
            });
        }
        self.busy = true;
        self.cancelled = false;
        self.send(ToWorker::AddFiles { files: jobs });
    }

    fn show(&mut self, report: AnalysisReport) {
        let view = tlsdoctor_core::view::ReportView::build(&report);
        self.shown = Some(Shown {
            findings: Rc::new(view.findings),
            cards: Rc::new(view.cards),
            sessions: Rc::new(view.sessions),
            session_total: view.session_total,
            files: Rc::new(view.files),
            report: Rc::new(report),
            now_ms: js_sys::Date::now(),
        });
    }

    fn export_report(&self) -> Option<AnalysisReport> {
        let shown = self.shown.as_ref()?;
        Some(if self.redact {
            Redactor::new().redact_report(&shown.report)
        } else {
            (*shown.report).clone()
        })
    }
}

impl Component for App {
    type Message = Msg;
    type Properties = ();

    fn create(ctx: &Context<Self>) -> Self {
        let lang = browser_lang();
        set_document_lang(lang);
        let mut app = App {
            lang,
            worker: None,
            _on_message: None,
            _on_error: None,
            _on_update: None,
            update_waiting: guide::update_waiting(),
            ready: false,
            outbox: Vec::new(),
            shown: None,
            busy: false,
            progress: Vec::new(),
            next_id: 1,
            typed: Rc::default(),
            submitted: Rc::default(),
            pending_passwords: Vec::new(),
            cancelled: false,
            failure: None,
            redact: false,
            paste: String::new(),
            drag_over: false,
            report_seq: 0,
            file_input: NodeRef::default(),
            folder_input: NodeRef::default(),
        };
        if let Some(window) = web_sys::window() {
            let link = ctx.link().clone();
            let on_update = Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
                link.send_message(Msg::UpdateWaiting);
            });
            if window
                .add_event_listener_with_callback(
                    "tlsdoctor-update-waiting",
                    on_update.as_ref().unchecked_ref(),
                )
                .is_ok()
            {
                app._on_update = Some(on_update);
            }
        }
        match Worker::new(&guide::worker_url(WORKER_URL)) {
            Ok(worker) => {
                let link = ctx.link().clone();
                let on_message =
                    Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                        match decode_transferred::<FromWorker>(&event.data()) {
                            Ok(message) => link.send_message(Msg::Worker(message)),
                            Err(err) => link.send_message(Msg::WorkerError(err)),
                        }
                    });
                worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
                let link = ctx.link().clone();
                let on_error = Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(
                    move |event: web_sys::ErrorEvent| {
                        link.send_message(Msg::WorkerError(event.message()));
                    },
                );
                worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
                app.worker = Some(worker);
                app._on_message = Some(on_message);
                app._on_error = Some(on_error);
            }
            Err(err) => app.failure = Some(format!("{err:?}")),
        }
        app
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Self::Message) -> bool {
        match msg {
            Msg::Worker(FromWorker::Ready) => {
                self.ready = true;
                let lang = self.lang;
                self.send(ToWorker::SetLang { lang });
                for message in std::mem::take(&mut self.outbox) {
                    self.send(message);
                }
            }
            Msg::Worker(FromWorker::Progress { files }) => {
                for f in files {
                    if let Some(p) = self.progress.iter_mut().find(|p| p.id == f.id) {
                        p.read = f.read;
                        p.size = f.total;
                    }
                }
            }
            Msg::Worker(FromWorker::ReadFailed { id, message, .. }) => {
                if let Some(p) = self.progress.iter_mut().find(|p| p.id == id) {
                    p.failed = Some(message);
                }
            }
            Msg::Worker(FromWorker::Report { report, busy }) => {
                self.busy = busy;
                self.report_seq += 1;
                if !self.pending_passwords.is_empty() {
                    let submitted = Rc::make_mut(&mut self.submitted);
                    submitted.extend(self.pending_passwords.drain(..));
                }
                // Nothing added yet (or just reset): no verdict about nothing.
                if report.files.is_empty() {
                    self.shown = None;
                } else {
                    self.show(*report);
                }
            }
            Msg::Worker(FromWorker::Cancelled) => {
                self.cancelled = true;
                self.busy = false;
            }
            // Only between the analysis worker and its part worker.
            Msg::Worker(FromWorker::PartDone { .. }) => return false,
            Msg::WorkerError(err) => {
                self.failure = Some(err);
                self.busy = false;
            }
            Msg::Picked(files) => self.add_files(files),
            Msg::DragOver(over) => {
                if self.drag_over == over {
                    return false;
                }
                self.drag_over = over;
            }
            Msg::SetLang(lang) => {
                self.lang = lang;
                set_document_lang(lang);
                self.send(ToWorker::SetLang { lang });
            }
            Msg::Cancel => self.send(ToWorker::Cancel),
            Msg::Reset => {
                let lang = self.lang;
                self.send(ToWorker::Reset { lang });
                self.shown = None;
                self.progress.clear();
                self.typed = Rc::default();
                self.submitted = Rc::default();
                self.pending_passwords.clear();
                self.cancelled = false;
                self.busy = false;
            }
            Msg::Samples => {
                self.busy = true;
                self.cancelled = false;
                self.send(ToWorker::AddSamples);
            }
            Msg::PasteInput(text) => {
                self.paste = text;
                return false;
            }
            Msg::PasteSubmit => {
                if self.paste.trim().is_empty() {
                    return false;
                }
                self.busy = true;
                let text = std::mem::take(&mut self.paste);
                self.send(ToWorker::AddText {
                    path: "pasted text".to_owned(),
                    text,
                });
            }
            Msg::PasswordInput(path, value) => {
                Rc::make_mut(&mut self.typed).insert(path, value);
                return false;
            }
            Msg::PasswordSubmit(path) => {
                self.pending_passwords.push(path);
                // Every password typed so far is tried on every locked file (the core's model).
                let mut passwords: Vec<String> = self
                    .typed
                    .values()
                    .filter(|p| !p.is_empty())
                    .cloned()
                    .collect();
                passwords.sort();
                passwords.dedup();
                self.send(ToWorker::SetPasswords { passwords });
            }
            Msg::ToggleRedact => self.redact = !self.redact,
            Msg::UpdateWaiting => self.update_waiting = true,
            Msg::ApplyUpdate => guide::apply_update(),
            Msg::ExportMarkdown => {
                if let Some(report) = self.export_report() {
                    let text = markdown::render(&report, self.lang);
                    if let Err(err) = download("tlsdoctor-report.md", "text/markdown", &text) {
                        self.failure = Some(format!("{err:?}"));
                    }
                }
            }
            Msg::ExportJson => {
                if let Some(report) = self.export_report() {
                    match serde_json::to_string_pretty(&report) {
                        Ok(text) => {
                            if let Err(err) =
                                download("tlsdoctor-report.json", "application/json", &text)
                            {
                                self.failure = Some(format!("{err:?}"));
                            }
                        }
                        Err(err) => self.failure = Some(err.to_string()),
                    }
                }
            }
        }
        let _ = ctx;
        true
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let t = self.t();
        let link = ctx.link();
        html! {
            <>
            <header class="top">
                <div>
                    <h1>{ t.page_title }</h1>
                    <p class="tagline">{ t.tagline }</p>
                </div>
                { self.lang_switch(ctx) }
            </header>
            <p class="privacy" data-testid="privacy-note">{ t.privacy_note }</p>
            if self.update_waiting {
                <p class="update" role="status" data-testid="update-notice">
                    { self.g().update_ready }{ " " }
                    <button type="button" data-testid="update-button" onclick={link.callback(|_| Msg::ApplyUpdate)}>{ self.g().update_button }</button>
                </p>
            }
            <main data-worker-ready={self.ready.to_string()} data-busy={self.busy.to_string()} data-report-seq={self.report_seq.to_string()}>
                { self.input_view(ctx) }
                { self.progress_view(ctx) }
                if let Some(failure) = &self.failure {
                    <p class="failure" role="alert" data-testid="failure">{ format!("{}: {failure}", t.worker_failed) }</p>
                }
                { self.verdict_view() }
                if self.shown.is_none() && self.progress.is_empty() && !self.busy {
                    <guide::EmptyState lang={self.lang} {t} g={self.g()} />
                }
                if let Some(shown) = &self.shown {
                    if !shown.findings.is_empty() {
                        <Findings findings={shown.findings.clone()} {t} />
                    }
                    if !shown.sessions.is_empty() {
                        <Sessions sessions={shown.sessions.clone()} total={shown.session_total} lang={self.lang} {t} />
                    }
                    if !shown.cards.is_empty() {
                        <Certificates cards={shown.cards.clone()} {t} now_ms={shown.now_ms} />
                    }
                    if !shown.files.is_empty() {
                        <Files files={shown.files.clone()} {t} lang={self.lang}
                            typed={self.typed.clone()} submitted={self.submitted.clone()}
                            on_password_input={link.callback(|(p, v)| Msg::PasswordInput(p, v))}
                            on_password_submit={link.callback(Msg::PasswordSubmit)} />
                    }
                    { self.log_summary_view(&shown.report) }
                    { self.export_view(ctx) }
                }
            </main>
            { guide::footer(t, self.g()) }
            </>
        }
    }
}

impl App {
    fn lang_switch(&self, ctx: &Context<Self>) -> Html {
        let onchange = ctx.link().callback(|e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            Msg::SetLang(Lang::from_tag(&select.value()))
        });
        html! {
            <label class="lang">
                { self.t().language }{ " " }
                <select data-testid="lang" {onchange}>
                    <option value="en" selected={self.lang == Lang::En}>{ "English" }</option>
                    <option value="de" selected={self.lang == Lang::De}>{ "Deutsch" }</option>
                </select>
            </label>
        }
    }

    fn input_view(&self, ctx: &Context<Self>) -> Html {
        let t = self.t();
        let link = ctx.link();
        let on_pick = link.callback(|e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let files = input
                .files()
                .map(|list| input::from_file_list(&list))
                .unwrap_or_default();
            // Let the same file be picked again later.
            input.set_value("");
            Msg::Picked(files)
        });
        let ondrop = {
            let link = link.clone();
            Callback::from(move |e: DragEvent| {
                e.prevent_default();
                link.send_message(Msg::DragOver(false));
                let Some(transfer) = e.data_transfer() else {
                    return;
                };
                match input::drop_entries(&transfer) {
                    Some(entries) if !entries.is_empty() => {
                        let link = link.clone();
                        wasm_bindgen_futures::spawn_local(async move {
                            link.send_message(Msg::Picked(input::walk_entries(entries).await));
                        });
                    }
                    _ => {
                        let files = transfer
                            .files()
                            .map(|l| input::from_file_list(&l))
                            .unwrap_or_default();
                        link.send_message(Msg::Picked(files));
                    }
                }
            })
        };
        let ondragover = link.callback(|e: DragEvent| {
            e.prevent_default();
            Msg::DragOver(true)
        });
        let ondragleave = link.callback(|_: DragEvent| Msg::DragOver(false));
        let onkeydown = {
            let file_input = self.file_input.clone();
            Callback::from(move |e: KeyboardEvent| {
                if e.key() == "Enter" || e.key() == " " {
                    e.prevent_default();
                    open_picker(&file_input);
                }
            })
        };
        let open_files = {
            let file_input = self.file_input.clone();
            Callback::from(move |_: MouseEvent| open_picker(&file_input))
        };
        let open_folder = {
            let folder_input = self.folder_input.clone();
            Callback::from(move |_: MouseEvent| open_picker(&folder_input))
        };
        let onpaste_input = link.callback(|e: InputEvent| {
            let area: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            Msg::PasteInput(area.value())
        });
        html! {
            <section class="input">
                <div class={classes!("dropzone", self.drag_over.then_some("over"))} role="button" tabindex="0"
                    data-testid="dropzone" aria-describedby="drop-hint"
                    {ondrop} {ondragover} {ondragleave} {onkeydown}
                    onclick={open_files.clone()}>
                    <strong>{ t.drop_title }</strong>
                    <span id="drop-hint">{ t.drop_hint }</span>
                </div>
                <input type="file" multiple=true class="visually-hidden" tabindex="-1" aria-hidden="true"
                    data-testid="file-input" ref={self.file_input.clone()} onchange={on_pick.clone()} />
                <input type="file" multiple=true webkitdirectory=true class="visually-hidden" tabindex="-1" aria-hidden="true"
                    data-testid="folder-input" ref={self.folder_input.clone()} onchange={on_pick} />
                <div class="buttons">
                    <button type="button" onclick={open_files}>{ t.choose_files }</button>
                    <button type="button" onclick={open_folder}>{ t.choose_folder }</button>
                    <button type="button" data-testid="samples" onclick={link.callback(|_| Msg::Samples)}>{ t.samples_button }</button>
                    <button type="button" data-testid="reset" onclick={link.callback(|_| Msg::Reset)}>{ t.clear_button }</button>
                </div>
                <div class="paste">
                    <label for="paste-box">{ t.paste_label }</label>
                    <textarea id="paste-box" data-testid="paste" rows="4" placeholder={t.paste_placeholder}
                        value={self.paste.clone()} oninput={onpaste_input} />
                    <button type="button" data-testid="paste-submit" onclick={link.callback(|_| Msg::PasteSubmit)}>{ t.paste_button }</button>
                </div>
            </section>
        }
    }

    fn progress_view(&self, ctx: &Context<Self>) -> Html {
        if self.progress.is_empty() && !self.busy {
            return html! {};
        }
        let t = self.t();
        let total: f64 = self.progress.iter().map(|p| p.size).sum();
        let read: f64 = self.progress.iter().map(|p| p.read.min(p.size)).sum();
        let status = if self.cancelled {
            t.progress_cancelled.to_owned()
        } else if self.busy {
            t.verdict_working.to_owned()
        } else {
            t.progress_done.to_owned()
        };
        // The newest files are the interesting ones; draw at most 50 bars.
        let start = self.progress.len().saturating_sub(50);
        html! {
            <section class="progress" aria-label={t.progress_overall}>
                <div class="overall">
                    <label for="overall-progress">{ t.progress_overall }</label>
                    <progress id="overall-progress" data-testid="progress" max={format!("{}", total.max(1.0))}
                        value={format!("{read}")} data-read={format!("{read}")} data-total={format!("{total}")} />
                    <span class="bytes">{ format!("{} / {}", human_bytes(read), human_bytes(total)) }</span>
                    <span class="status" aria-live="polite" data-testid="progress-status">{ status }</span>
                    if self.busy {
                        <button type="button" data-testid="cancel" onclick={ctx.link().callback(|_| Msg::Cancel)}>{ t.cancel_button }</button>
                    }
                </div>
                <details class="per-file" open={self.progress.len() <= 5}>
                    <summary>{ format!("{} ({})", t.files_heading, self.progress.len()) }</summary>
                    <ul>
                        { for self.progress[start..].iter().map(|p| html! {
                            <li>
                                <span class="path">{ &p.path }</span>
                                <progress max={format!("{}", p.size.max(1.0))} value={format!("{}", if p.size == 0.0 && p.read == 0.0 { 0.0 } else { p.read })} />
                                <span class="bytes">{ format!("{} / {}", human_bytes(p.read), human_bytes(p.size)) }</span>
                                if let Some(f) = &p.failed { <span class="bad">{ f }</span> }
                            </li>
                        }) }
                    </ul>
                </details>
            </section>
        }
    }

    fn verdict_view(&self) -> Html {
        let t = self.t();
        let (text, class) = match &self.shown {
            Some(shown) if !shown.report.files.is_empty() || !shown.findings.is_empty() => {
                let worst = shown
                    .findings
                    .iter()
                    .map(|f| f.severity)
                    .min()
                    .unwrap_or(Severity::Info);
                let text = if !shown.report.verdict.is_empty() {
                    shown.report.verdict.clone()
                } else {
                    shown
                        .findings
                        .iter()
                        .min_by_key(|f| f.severity)
                        .map(|f| f.title.clone())
                        .unwrap_or_default()
                };
                (text, severity_class(worst))
            }
            _ if self.busy => (t.verdict_working.to_owned(), "pending"),
            _ => (t.verdict_waiting.to_owned(), "pending"),
        };
        if text.is_empty() {
            return html! {};
        }
        html! {
            <section class={classes!("verdict", class)} data-testid="verdict" data-severity={class} aria-live="polite">
                <h2 class="visually-hidden">{ t.verdict }</h2>
                <p>{ text }</p>
            </section>
        }
    }

    fn log_summary_view(&self, report: &AnalysisReport) -> Html {
        let s = &report.log_summary;
        if s.lines == 0 {
            return html! {};
        }
        let t = self.t();
        html! {
            <section class="log-summary" data-testid="log-summary">
                <h2>{ t.log_summary }</h2>
                <p>{ format!("{} {}, {} {}, {} {}", s.lines, t.log_lines, s.sessions, t.log_sessions, s.skipped_lines, t.log_skipped) }</p>
            </section>
        }
    }

    fn export_view(&self, ctx: &Context<Self>) -> Html {
        let t = self.t();
        let link = ctx.link();
        html! {
            <section class="export" aria-labelledby="export-heading">
                <h2 id="export-heading">{ t.export_heading }</h2>
                <label>
                    <input type="checkbox" data-testid="redact" checked={self.redact} onchange={link.callback(|_| Msg::ToggleRedact)} />
                    { " " }{ t.redact_label }
                </label>
                <div class="buttons">
                    <button type="button" data-testid="export-markdown" onclick={link.callback(|_| Msg::ExportMarkdown)}>{ t.export_markdown }</button>
                    <button type="button" data-testid="export-json" onclick={link.callback(|_| Msg::ExportJson)}>{ t.export_json }</button>
                </div>
            </section>
        }
    }
}

/// Opens a hidden file input from inside the user's own click or key handler. Going through a
/// component message could run after the handler returned, and the browser then no longer sees
/// the user activation it requires for a file chooser.
fn open_picker(input: &NodeRef) {
    if let Some(input) = input.cast::<HtmlInputElement>() {
        input.click();
    }
}
