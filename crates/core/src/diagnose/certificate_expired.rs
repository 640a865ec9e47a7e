//! `certificate-expired`: NotAfter lies before the moment judged (the log session for a
//! certificate named in a log, now for a dropped file).

use crate::ids::FindingId;

use crate::i18n::Text;
use crate::report::{Finding, Severity};

use super::context::Context;
use super::validity::{day, judged, renew};

pub const ID: FindingId = FindingId::CertificateExpired;

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let start = out.len();
    from_logs_and_files(cx, out);
    super::absorb(out, start, ID, cx.pasted_validity());
}

fn from_logs_and_files(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for j in judged(cx, false) {
        let Some(na) = j.not_after else { continue };
        if na >= j.at {
            continue;
        }
        let at = day(j.at);
        let vars = [
            ("subject", j.subject.as_str()),
            ("thumbprint", j.thumbprint.as_str()),
            ("not_after", j.not_after_text.as_str()),
            ("at", at.as_str()),
        ];
        out.push(j.finding(
            ID,
            Severity::Error,
            cx.fill(Text::ExpiredTitle, &vars),
            cx.fill(
                if j.from_log {
                    Text::ExpiredAtSessionExplanation
                } else {
                    Text::ExpiredNowExplanation
                },
                &vars,
            ),
            renew(cx, &j),
        ));
    }
}
