//! Findings, most severe first: title, explanation, evidence lines (expandable, with file and
//! line), thumbprints and the remediation with a copyable PowerShell block.

use std::rc::Rc;

use tlsdoctor_core::i18n::ui::UiText;
use tlsdoctor_core::report::{Finding, Severity};
use yew::prelude::*;

use super::widgets::CopyButton;

pub fn severity_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

pub fn severity_label(severity: Severity, t: &UiText) -> &'static str {
    match severity {
        Severity::Error => t.severity_error,
        Severity::Warning => t.severity_warning,
        Severity::Info => t.severity_info,
    }
}

#[derive(Properties, PartialEq)]
pub struct FindingsProps {
    pub findings: Rc<Vec<Finding>>,
    pub t: &'static UiText,
}

#[function_component(Findings)]
pub fn findings(props: &FindingsProps) -> Html {
    let t = props.t;
    // Core orders the findings (errors, warnings, info); the page keeps that order. No heading
    // over nothing: with no finding (every file unreadable) the verdict says why.
    if props.findings.is_empty() {
        return html! {};
    }
    html! {
        <section class="findings" aria-labelledby="findings-heading">
            <h2 id="findings-heading">{ t.findings_heading }</h2>
            { for props.findings.iter().map(|f| finding(f, t)) }
        </section>
    }
}

fn finding(f: &Finding, t: &'static UiText) -> Html {
    let class = classes!("finding", severity_class(f.severity));
    html! {
        <article {class} data-testid="finding" data-finding-id={f.id.as_str()} data-severity={severity_class(f.severity)}>
            <h3>
                <span class="badge">{ severity_label(f.severity, t) }</span>
                { " " }{ &f.title }
            </h3>
            <p class="explanation">{ &f.explanation }</p>
            if !f.thumbprints.is_empty() {
                <p class="thumbprints">
                    { t.thumbprint }{ ": " }
                    { for f.thumbprints.iter().map(|tp| html! { <code class="thumbprint">{ tp }</code> }) }
                </p>
            }
            if !f.connectors.is_empty() {
                <p class="connectors">{ t.connector }{ ": " }{ f.connectors.join(", ") }</p>
            }
            if !f.evidence.is_empty() {
                <details class="evidence">
                    <summary>{ format!("{} ({})", t.evidence, f.evidence.len()) }</summary>
                    <ol>
                        { for f.evidence.iter().map(|e| html! {
                            <li>
                                <span class="where">{ format!("{}, {} {}", e.path, t.line, e.line) }</span>
                                <pre>{ &e.text }</pre>
                            </li>
                        }) }
                    </ol>
                </details>
            }
            if let Some(r) = &f.remediation {
                <div class="remediation">
                    <h4>{ t.remediation }</h4>
                    if !r.steps.is_empty() {
                        <ol>{ for r.steps.iter().map(|s| html! { <li>{ s }</li> }) }</ol>
                    }
                    if !r.powershell.trim().is_empty() {
                        <div class="powershell">
                            <div class="powershell-head">
                                <span>{ t.powershell }</span>
                                <CopyButton text={AttrValue::from(r.powershell.clone())} {t}
                                    testid="copy-powershell" what={AttrValue::from(t.powershell)} />
                            </div>
                            <pre data-testid="powershell"><code>{ &r.powershell }</code></pre>
                        </div>
                    }
                </div>
            }
        </article>
    }
}
