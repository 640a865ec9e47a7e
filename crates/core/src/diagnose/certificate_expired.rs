//! `certificate-expired`: NotAfter lies before the moment judged (the log session for a
//! certificate named in a log, now for a dropped file).

use crate::ids::FindingId;

use crate::i18n::Text;
use crate::report::{Finding, Severity};

use super::context::Context;
use super::validity::{day, judged, renew, server_of};
use crate::catalogue::clues::ClueKind;
use crate::catalogue::cx::{evidence_of, first_value, has, Cx};
use crate::catalogue::text::Msg;
use crate::catalogue::Id;
use crate::diagnose::powershell as ps2;
use crate::i18n::{fill, Lang};

pub const ID: FindingId = FindingId::CertificateExpired;

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let start = out.len();
    from_logs_and_files(cx, out);
    super::absorb(out, start, ID, cx.pasted_validity());
    // Only text names the expiry (Event 12016, CertExpired in a trace or NDR).
    expired_from_text(&Cx::of(cx), out);
}

fn from_logs_and_files(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for j in judged(cx, false) {
        let Some(na) = j.not_after else { continue };
        if j.superseded || na >= j.at {
            continue;
        }
        let at = day(j.at);
        let vars = [
            ("subject", j.subject.as_str()),
            ("thumbprint", j.thumbprint.as_str()),
            ("not_after", j.not_after_text.as_str()),
            ("at", at.as_str()),
        ];
        let mut explanation = cx.fill(
            if j.from_log {
                Text::ExpiredAtSessionExplanation
            } else {
                Text::ExpiredNowExplanation
            },
            &vars,
        );
        if j.is_ca {
            explanation.push(' ');
            explanation.push_str(cx.text(Text::ExpiredCaNote));
        }
        out.push(j.finding(
            ID,
            Severity::Error,
            cx.fill(Text::ExpiredTitle, &vars),
            explanation,
            renew(cx, &j, server_of(cx, &j).as_deref()),
        ));
    }
}

/// #9 when only text names it (dropped/pasted certificates are judged by the engines).
fn expired_from_text(cx: &Cx<'_>, out: &mut Vec<Finding>) {
    let clues = cx.clues(ClueKind::Expired);
    if clues.is_empty() || has(out, Id::Expired.as_str()) {
        return;
    }
    let fqdn = first_value(&clues, "fqdn").map(str::to_string);
    let detail = match &fqdn {
        Some(f) => fill(cx.m(Msg::ExpiredEvent), &[("fqdn", f.as_str())]),
        None => cx.m(Msg::ExpiredToken).to_string(),
    };
    let host = fqdn.clone().unwrap_or_else(|| "<mail.contoso.com>".into());
    let (c1, c2) = match cx.lang {
        Lang::En => (
            "# request a new certificate",
            "# import the issued certificate, enabled for SMTP",
        ),
        Lang::De => (
            "# neues Zertifikat anfordern",
            "# ausgestelltes Zertifikat importieren, für SMTP aktiviert",
        ),
    };
    let mut powershell = vec!["Get-ExchangeCertificate | Where-Object {$_.NotAfter -lt (Get-Date)} | Format-List Thumbprint,Subject,NotAfter,Services".to_string()];
    powershell.extend(ps2::request_and_import_ca_certificate(
        &format!("CN={host}"),
        &host,
        c1,
        c2,
    ));
    out.push(cx.finding(
        Id::Expired,
        Severity::Error,
        &[("detail", detail.as_str())],
        evidence_of(&clues),
        Vec::new(),
        Vec::new(),
        powershell,
    ));
}
