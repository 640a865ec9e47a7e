//! `no-credentials` (KB 4495258): outbound TLS fails with `NoCredentials` because the
//! certificate chosen through the connector's TlsCertificateName has no usable private key.
//! Remediation in the KB's order, filled in with the logged thumbprint and connector.

use crate::ids::FindingId;

use crate::i18n::Text;
use crate::report::Finding;

use super::context::Context;
use super::powershell as ps;
use super::tls_failures::{groups, FailureGroup};
use crate::catalogue::clues::ClueKind;
use crate::catalogue::cx::{credentials_from_text, Cx};
use crate::catalogue::Id;

pub const ID: FindingId = FindingId::NoCredentials;

/// The SSPI error this rule explains.
pub fn explains(error: &str) -> bool {
    error.eq_ignore_ascii_case("NoCredentials")
}

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let start = out.len();
    from_logs_and_files(cx, out);
    super::absorb(out, start, ID, &cx.server_credentials().0);
    // Only text names the failure (no log row, no listing): the clue's own finding.
    credentials_from_text(&Cx::of(cx), ClueKind::NoCredentials, Id::NoCredentials, out);
}

fn from_logs_and_files(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for g in groups(cx, explains) {
        // A Receive log's failure is this server's own STARTTLS certificate, not a Send
        // connector's: other words, other commands (no Set-SendConnector, no queue to retry).
        if g.is_inbound(cx) {
            out.push(inbound_finding(cx, &g));
            continue;
        }
        let cert = g.certificate;
        let subject = cert
            .and_then(|c| c.report.subject.clone())
            .unwrap_or_else(|| "?".into());
        let issuer = cert
            .and_then(|c| c.report.issuer.clone())
            .unwrap_or_else(|| "?".into());
        let thumb_text = g.logged_thumbprint().unwrap_or("?").to_string();
        let count = g.total.to_string();
        let vars = [
            ("connector", g.connector.as_str()),
            ("subject", subject.as_str()),
            ("issuer", issuer.as_str()),
            ("thumbprint", thumb_text.as_str()),
            ("count", count.as_str()),
        ];
        // The log names no certificate (not Verbose): the title does not either, and the fix
        // starts by finding it.
        let named = g.logged_thumbprint().is_some();
        let mut title = cx.fill(
            if named {
                Text::NoCredentialsTitle
            } else {
                Text::NoCredentialsTitleNoCert
            },
            &vars,
        );
        let mut explanation = cx.fill(
            if cert.is_some() {
                Text::NoCredentialsExplanation
            } else {
                Text::NoCredentialsExplanationNoCert
            },
            &vars,
        );
        // Which server's log shows it (logs of several servers side by side): the title and the
        // fix name it, the commands run there.
        let servers = g.servers(cx);
        FailureGroup::name_servers(cx, &servers, &mut title, &mut explanation);
        // What the dropped files say about this certificate.
        let dropped = cert.map(|c| cx.dropped_for(c)).unwrap_or_default();
        let with_key = dropped.iter().find(|d| d.has_key);
        if let Some(d) = with_key {
            explanation.push(' ');
            explanation.push_str(&cx.fill(
                Text::NoCredentialsDroppedWithKey,
                &[("path", d.path.as_str())],
            ));
        } else if let Some(d) = dropped.first() {
            explanation.push(' ');
            explanation.push_str(&cx.fill(
                Text::NoCredentialsDroppedWithoutKey,
                &[("path", d.path.as_str())],
            ));
        }
        // A PKCS#12 file that did not open may be the one holding the key.
        if with_key.is_none() {
            for f in cx.files.iter().filter(|f| {
                f.error
                    .as_ref()
                    .is_some_and(|e| e.code == crate::ids::ErrorCode::WrongPassword)
            }) {
                explanation.push(' ');
                explanation
                    .push_str(&cx.fill(Text::NoCredentialsPfxLocked, &[("path", f.path.as_str())]));
            }
        }

        let connector = ps::connector_or_placeholder_in(cx.lang, Some(&g.connector));
        let thumb = ps::thumbprint_or_placeholder(
            g.thumbprint(),
            &ps::placeholder(cx.lang, ps::Placeholder::Thumbprint),
        );
        let with_key_pfx = format!(
            "C:\\Temp\\{}.pfx",
            ps::Placeholder::CertificateWithKey.bare(cx.lang)
        );
        let thumb_word = ps::Placeholder::Thumbprint.bare(cx.lang);
        // The certificate to enable afterwards: the same one re-imported with its key when a
        // dropped PFX holds it, else the new certificate's thumbprint.
        let (import_cmd, new_thumb, import_step) = match with_key {
            Some(d) if d.file_kind == crate::report::FileKind::Pkcs12 => (
                ps::import_pfx_on(cx.lang, None, &d.path),
                ps::quote(&d.cert.thumbprint),
                cx.fill(Text::StepImportThisPfx, &[("path", d.path.as_str())]),
            ),
            _ => (
                ps::import_pfx_on(cx.lang, None, &with_key_pfx),
                ps::placeholder(cx.lang, ps::Placeholder::NewThumbprint),
                cx.text(Text::StepImportValidCertificate).to_string(),
            ),
        };
        let mut steps = vec![cx.fill(
            Text::StepEnableVerboseLogging,
            &[("connector", g.connector.as_str())],
        )];
        let mut powershell = vec![ps::set_verbose_logging(&connector)];
        if !named {
            steps.push(cx.text(Text::StepFindSendConnectorCertificate).to_string());
            powershell.push(ps::show_send_connector_certificate(&connector));
            powershell.push(ps::list_certificates_with_issuers());
        }
        let shown = if named {
            thumb_text.as_str()
        } else {
            thumb_word.as_str()
        };
        steps.extend([
            cx.fill(Text::StepCheckHasPrivateKey, &[("thumbprint", shown)]),
            cx.text(Text::StepRemoveFromStore).to_string(),
            import_step,
            cx.text(Text::StepEnableSmtpAnswerNo).to_string(),
            cx.text(Text::StepRetryQueues).to_string(),
        ]);
        if servers.is_empty() {
            powershell.extend([
                ps::check_private_key(&thumb),
                ps::remove_from_store(&thumb),
                import_cmd,
                ps::show_certificate(&new_thumb),
                ps::enable_smtp(&new_thumb),
                ps::retry_queues(),
            ]);
        }
        for s in servers.iter().take(10) {
            let on = Some(s.as_str());
            let import = match with_key {
                Some(d) if d.file_kind == crate::report::FileKind::Pkcs12 => {
                    ps::import_pfx_on(cx.lang, on, &d.path)
                }
                _ => ps::import_pfx_on(cx.lang, on, &with_key_pfx),
            };
            powershell.extend([
                crate::catalogue::fix::comment_on(s),
                ps::check_private_key(&thumb),
                ps::remove_from_store(&thumb),
                import,
                ps::show_certificate_on(on, &new_thumb),
                ps::enable_smtp_on(on, &new_thumb),
                ps::retry_queues_on(on),
            ]);
        }
        out.push(g.finding(ID, title, explanation, steps, powershell));
    }
}

/// NoCredentials on a receive connector: the certificate this server offers for STARTTLS has
/// no usable key. The log names it only at Verbose level; the fix lists the certificates
/// (and, when the thumbprint is known, checks, replaces and enables that one).
fn inbound_finding(cx: &Context<'_>, g: &FailureGroup<'_>) -> Finding {
    let thumb_text = g.logged_thumbprint().unwrap_or("?").to_string();
    let count = g.total.to_string();
    let vars = [
        ("connector", g.connector.as_str()),
        ("thumbprint", thumb_text.as_str()),
        ("count", count.as_str()),
    ];
    let (mut steps, mut powershell) = g.inbound_first_steps(cx);
    let servers = g.servers(cx);
    // One server: its name in the Exchange cmdlets (the Cert: lines run there).
    let on = match servers.as_slice() {
        [one] => Some(one.as_str()),
        _ => None,
    };
    if let Some(t) = g.thumbprint() {
        let thumb = ps::quote(t);
        let new_thumb = ps::placeholder(cx.lang, ps::Placeholder::NewThumbprint);
        steps.push(cx.fill(Text::StepCheckHasPrivateKey, &[("thumbprint", t)]));
        steps.push(cx.text(Text::StepRemoveFromStore).to_string());
        steps.push(cx.text(Text::StepImportValidCertificate).to_string());
        steps.push(cx.text(Text::StepEnableSmtpAnswerNo).to_string());
        powershell.extend([
            ps::check_private_key(&thumb),
            ps::remove_from_store(&thumb),
            ps::import_pfx_on(
                cx.lang,
                None,
                &format!(
                    "C:\\Temp\\{}.pfx",
                    ps::Placeholder::CertificateWithKey.bare(cx.lang)
                ),
            ),
            ps::show_certificate_on(on, &new_thumb),
            ps::enable_smtp_on(on, &new_thumb),
        ]);
    }
    let mut title = cx.fill(Text::NoCredentialsInboundTitle, &vars);
    let mut explanation = cx.fill(Text::NoCredentialsInboundExplanation, &vars);
    FailureGroup::name_servers(cx, &servers, &mut title, &mut explanation);
    g.finding(ID, title, explanation, steps, powershell)
}
