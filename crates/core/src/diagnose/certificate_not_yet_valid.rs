//! `certificate-not-yet-valid`: NotBefore lies after the moment judged (clock skew, or a
//! certificate installed before its start date).

use crate::ids::FindingId;

use crate::i18n::Text;
use crate::report::{Finding, Remediation, Severity};

use super::context::Context;
use super::validity::{day, judged};

pub const ID: FindingId = FindingId::CertificateNotYetValid;

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let start = out.len();
    from_logs_and_files(cx, out);
    super::absorb(out, start, ID, cx.pasted_validity());
}

fn from_logs_and_files(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for j in judged(cx, true) {
        let Some(nb) = j.not_before else { continue };
        if j.covered || nb <= j.at {
            continue;
        }
        let at = day(j.at);
        let vars = [
            ("subject", j.subject.as_str()),
            ("thumbprint", j.thumbprint.as_str()),
            ("not_before", j.not_before_text.as_str()),
            ("at", at.as_str()),
        ];
        out.push(j.finding(
            ID,
            Severity::Error,
            cx.fill(Text::NotYetValidTitle, &vars),
            cx.fill(Text::NotYetValidExplanation, &vars),
            Remediation {
                steps: vec![cx.text(Text::StepCheckClock).to_string()],
                powershell: "w32tm /query /status\nGet-Date -Format o".to_string(),
            },
        ));
    }
}
