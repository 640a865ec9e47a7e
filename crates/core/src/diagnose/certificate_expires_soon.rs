//! `certificate-expires-soon`: still valid at the moment judged, but NotAfter is less than
//! 60 days away. CA certificates in a dropped chain are not reported.

use crate::ids::FindingId;

use crate::i18n::Text;
use crate::report::{Finding, Severity};

use super::context::Context;
use super::validity::{day, judged, renew, server_of};

pub const ID: FindingId = FindingId::CertificateExpiresSoon;

/// How far ahead an expiry is announced.
pub const WARN_DAYS: i64 = 60;

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let start = out.len();
    from_logs_and_files(cx, out);
    super::absorb(out, start, ID, cx.pasted_validity());
}

fn from_logs_and_files(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for j in judged(cx, false) {
        let Some(na) = j.not_after else { continue };
        if j.superseded || j.is_ca || na < j.at || na - j.at >= WARN_DAYS * 86_400 {
            continue;
        }
        let days = ((na - j.at) / 86_400).to_string();
        let at = day(j.at);
        let vars = [
            ("subject", j.subject.as_str()),
            ("thumbprint", j.thumbprint.as_str()),
            ("not_after", j.not_after_text.as_str()),
            ("days", days.as_str()),
            ("at", at.as_str()),
        ];
        out.push(j.finding(
            ID,
            Severity::Warning,
            cx.fill(Text::ExpiresSoonTitle, &vars),
            cx.fill(Text::ExpiresSoonExplanation, &vars),
            renew(cx, &j, server_of(cx, &j).as_deref()),
        ));
    }
}
