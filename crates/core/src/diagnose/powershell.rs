//! PowerShell commands with real values filled in. The commands are the same in every
//! language; only the steps around them are translated.
//!
//! # Quoting: the only way a value enters a command line
//!
//! Admins paste these lines into an elevated Exchange Management Shell, and the values in them
//! (connector names, certificate subjects and issuers, `TlsCertificateName` strings, server
//! names, file paths, serial numbers) come from logs, files and pastes an outsider can shape.
//! Every such value goes through this module:
//!
//! - [`quote`]: a single-quoted literal (PowerShell "verbatim string"). No expansion happens in
//!   it (`$`, `` ` `` and `"` are plain characters); the only character that ends it is a
//!   single quote, and PowerShell's tokenizer counts FIVE characters as single quotes:
//!   U+0027 `'`, U+2018 `‘`, U+2019 `’`, U+201A `‚`, U+201B `‛`
//!   (`CharExtensions.IsSingleQuote`, PowerShell repository,
//!   `src/System.Management.Automation/engine/parser/CharTraits.cs`). Inside the literal, two
//!   characters of that family in a row stand for the second one (`Tokenizer.ScanStringLiteral`:
//!   "if the next char is also a single quote, it is an escaped quote"), so each of the five is
//!   written twice, as itself. Values never go into double-quoted strings: those have their own
//!   family (U+0022 `"`, U+201C, U+201D, U+201E, `IsDoubleQuote`) plus `` ` `` escapes and
//!   `$`/`$(...)` expansion. The few double-quoted strings in the scripts are constants
//!   ([`CERT_TLS_NAME`], [`CONNECTOR_TLS_NAME`]).
//! - [`comment_text`]: a value shown in a `#` comment. A line comment runs to the next CR or LF
//!   (`Tokenizer.ScanToEndOfCommentLine`; `CharTraits.Newline` is set for 0x0A and 0x0D only), so
//!   a comment is safe once it holds no line break; quotes do not matter there.
//! - [`hex_or_quote`]: thumbprints and serial numbers stay bare when they are plain hex digits
//!   (as Microsoft's examples write them), anything else is quoted.
//!
//! Characters that cannot be made safe are never written raw: every control character (C0
//! including NUL, CR, LF and TAB, DEL, C1 including NEL U+0085), the Unicode line and paragraph
//! separators U+2028/U+2029 (PowerShell treats them and NEL as whitespace, but editors,
//! terminals and ticket systems break lines there, so the admin would not see what runs), and
//! the bidirectional controls (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069: "Trojan
//! Source", they reorder what the admin reads). Each is shown as a visible escape `[U+000A]`.
//! A value so altered is no longer the real value, so a command holding one must not run as
//! it is: [`guard`] comments such a line out behind a translated warning (applied to every
//! finding by [`guard_findings`]). A value that itself contains text like `[U+000A]` is treated
//! the same way (the safe direction).
//!
//! The same rules are modelled by the test-only tokenizer in `tests/support/ps_tokenizer.rs`,
//! which the property tests (`tests/powershell_injection.rs`) run over every generated line.

use std::borrow::Cow;

use crate::i18n::{paste_text::paste_text, Lang};
use crate::report::Finding;

/// PowerShell's single-quote family (`CharExtensions.IsSingleQuote`).
pub const SINGLE_QUOTES: [char; 5] = ['\'', '\u{2018}', '\u{2019}', '\u{201A}', '\u{201B}'];

/// PowerShell's double-quote family (`CharExtensions.IsDoubleQuote`). Values never go between
/// these; the list is here so that the rules are written down in one place.
pub const DOUBLE_QUOTES: [char; 4] = ['"', '\u{201C}', '\u{201D}', '\u{201E}'];

/// `"<I>$($cert.Issuer)<S>$($cert.Subject)"`: the TlsCertificateName of the certificate in
/// `$cert`, built by PowerShell itself (a constant: no value from the input in it).
pub const CERT_TLS_NAME: &str = "\"<I>$($cert.Issuer)<S>$($cert.Subject)\"";

/// `"$($_.TlsCertificateName)"`: a connector's TlsCertificateName as a string (constant).
pub const CONNECTOR_TLS_NAME: &str = "\"$($_.TlsCertificateName)\"";

/// A single-quote character of PowerShell's family.
pub fn is_single_quote(c: char) -> bool {
    SINGLE_QUOTES.contains(&c)
}

/// A double-quote character of PowerShell's family.
pub fn is_double_quote(c: char) -> bool {
    DOUBLE_QUOTES.contains(&c)
}

/// A character that is never written raw into a script (see the module notes).
pub fn must_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}'
                | '\u{2029}'
                | '\u{061C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
        )
}

fn push_escape(out: &mut String, c: char) {
    use std::fmt::Write;
    let _ = write!(out, "[U+{:04X}]", u32::from(c));
}

/// `value` with every [`must_escape`] character replaced by its visible escape `[U+XXXX]`.
pub fn escape_unsafe(value: &str) -> Cow<'_, str> {
    if !value.chars().any(must_escape) {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len() + 16);
    for c in value.chars() {
        if must_escape(c) {
            push_escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `'value'`: a PowerShell single-quoted literal holding `value` and nothing else. Every
/// character of the single-quote family is doubled; characters that cannot be made safe are
/// written as visible escapes (and [`guard`] then comments the command out).
pub fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('\'');
    for c in value.chars() {
        if is_single_quote(c) {
            out.push(c);
            out.push(c);
        } else if must_escape(c) {
            push_escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out.push('\'');
    out
}

/// A value shown inside a `#` comment: one line, control characters escaped.
pub fn comment_text(value: &str) -> Cow<'_, str> {
    escape_unsafe(value)
}

/// A thumbprint or serial number: bare when it is only ASCII hex digits (as Exchange's own
/// examples write them), otherwise [`quote`]d.
pub fn hex_or_quote(value: &str) -> String {
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_hexdigit()) {
        value.to_string()
    } else {
        quote(value)
    }
}

/// The line holds a visible escape `[U+XXXX]` of a [`must_escape`] character: some value in it
/// is not what the input said.
pub fn has_escape(line: &str) -> bool {
    let mut rest = line;
    while let Some(at) = rest.find("[U+") {
        let after = &rest[at + 3..];
        let digits = after.bytes().take_while(u8::is_ascii_hexdigit).count();
        if (4..=6).contains(&digits) && after[digits..].starts_with(']') {
            let code = u32::from_str_radix(&after[..digits], 16).ok();
            if code.and_then(char::from_u32).is_some_and(must_escape) {
                return true;
            }
        }
        rest = after;
    }
    false
}

/// A comment line (what PowerShell skips): `#` first, after blanks.
pub fn is_comment(line: &str) -> bool {
    line.trim_start().starts_with('#')
}

/// `script` with every command line that holds an escaped value commented out behind a
/// warning in `lang` (a command with an altered value must not run as it is). Lines that are
/// already comments stay. Returns the script and whether something was commented out.
/// Applying it twice changes nothing more.
pub fn guard(script: &str, lang: Lang) -> (String, bool) {
    if !has_escape(script) {
        return (script.to_string(), false);
    }
    let warning = paste_text(lang).ps_comment_unsafe_value;
    let mut out: Vec<String> = Vec::new();
    let mut altered = false;
    for line in script.split('\n') {
        if !is_comment(line) && has_escape(line) {
            altered = true;
            out.push(warning.to_string());
            out.push(format!("# {line}"));
        } else {
            out.push(line.to_string());
        }
    }
    (out.join("\n"), altered)
}

/// [`guard`] on every finding's PowerShell; a finding whose command was commented out also
/// gets the warning as its last step.
pub fn guard_findings(findings: &mut [Finding], lang: Lang) {
    for f in findings {
        let Some(r) = f.remediation.as_mut() else {
            continue;
        };
        let (script, altered) = guard(&r.powershell, lang);
        if altered {
            r.powershell = script;
            let step = paste_text(lang).unsafe_value_step;
            if !r.steps.iter().any(|s| s == step) {
                r.steps.push(step.to_string());
            }
        }
    }
}

/// Requesting a new CA-issued certificate for `host` (subject `subject`) and importing the issued
/// one enabled for SMTP: the request goes to `C:\Certs\<host>.req`, the answer is expected at
/// `C:\Certs\<host>.cer` (`*` in a wildcard name becomes `wildcard`). The comments come first.
pub fn request_and_import_ca_certificate(
    subject: &str,
    host: &str,
    comment_request: &str,
    comment_import: &str,
) -> Vec<String> {
    request_and_import_ca_certificate_for(subject, host, &[], comment_request, comment_import)
}

/// A renewal request for the certificate `thumbprint` (already quoted): the new request keeps
/// its subject and every one of its names (Microsoft's "Renew an Exchange Server certificate"
/// procedure), then the issued certificate is imported enabled for SMTP, as in
/// [`request_and_import_ca_certificate`].
pub fn renew_and_import_ca_certificate(
    thumbprint: &str,
    host: &str,
    comment_request: &str,
    comment_import: &str,
) -> Vec<String> {
    let file = host.replace('*', "wildcard");
    vec![
        comment_request.to_string(),
        format!(
            "$request = Get-ExchangeCertificate -Thumbprint {thumbprint} | New-ExchangeCertificate -GenerateRequest -PrivateKeyExportable $true"
        ),
        format!("Set-Content -Path {} -Value $request", quote(&format!("C:\\Certs\\{file}.req"))),
        comment_import.to_string(),
        format!(
            "Import-ExchangeCertificate -FileData ([System.IO.File]::ReadAllBytes({})) | Enable-ExchangeCertificate -Services SMTP",
            quote(&format!("C:\\Certs\\{file}.cer"))
        ),
    ]
}

/// [`request_and_import_ca_certificate`] for a certificate that also covers `other_names`
/// (the CertificateDomains of the one it replaces: a request for `host` alone would drop
/// autodiscover and the other names IIS and clients rely on). Names are deduplicated
/// (case-insensitive), `host` first.
pub fn request_and_import_ca_certificate_for(
    subject: &str,
    host: &str,
    other_names: &[String],
    comment_request: &str,
    comment_import: &str,
) -> Vec<String> {
    let file = host.replace('*', "wildcard");
    let mut names: Vec<&str> = vec![host];
    for n in other_names.iter().map(|n| n.trim()) {
        if !n.is_empty() && !names.iter().any(|m| m.eq_ignore_ascii_case(n)) {
            names.push(n);
        }
    }
    let names: Vec<String> = names.iter().take(100).map(|n| quote(n)).collect();
    vec![
        comment_request.to_string(),
        format!(
            "$request = New-ExchangeCertificate -GenerateRequest -SubjectName {} -DomainName {} -PrivateKeyExportable $true",
            quote(subject),
            names.join(",")
        ),
        format!("Set-Content -Path {} -Value $request", quote(&format!("C:\\Certs\\{file}.req"))),
        comment_import.to_string(),
        format!(
            "Import-ExchangeCertificate -FileData ([System.IO.File]::ReadAllBytes({})) | Enable-ExchangeCertificate -Services SMTP",
            quote(&format!("C:\\Certs\\{file}.cer"))
        ),
    ]
}

/// Completing a certificate request with the CA's answer: find the pending request (the
/// server that made it holds its private key), then import the answer there, enabled for SMTP.
/// The answer is expected at `C:\Certs\<host>.cer` (`*` becomes `wildcard`), as in
/// [`request_and_import_ca_certificate`].
pub fn complete_pending_request(host: &str) -> Vec<String> {
    let file = host.replace('*', "wildcard");
    vec![
        "Get-ExchangeCertificate -Server '<ServerName>' | Where-Object {$_.Status -eq 'PendingRequest'} | Format-List Subject,CertificateDomains,Thumbprint,Status".to_string(),
        format!(
            "Import-ExchangeCertificate -Server '<ServerName>' -FileData ([System.IO.File]::ReadAllBytes({})) | Enable-ExchangeCertificate -Services SMTP",
            quote(&format!("C:\\Certs\\{file}.cer"))
        ),
    ]
}

/// A thumbprint or the `<Thumbprint>` placeholder when the log hid it.
pub fn thumbprint_or_placeholder(t: Option<&str>, placeholder: &str) -> String {
    match t {
        Some(t) if super::context::is_thumbprint(t) => quote(&t.to_ascii_uppercase()),
        _ => placeholder.to_string(),
    }
}

/// A connector name or the English placeholder, quoted.
pub fn connector_or_placeholder(c: Option<&str>) -> String {
    connector_or_placeholder_in(Lang::En, c)
}

/// A connector name or the placeholder in `lang`, quoted.
pub fn connector_or_placeholder_in(lang: Lang, c: Option<&str>) -> String {
    match c {
        Some(c) if !c.trim().is_empty() => quote(c),
        _ => placeholder(lang, Placeholder::SendConnectorName),
    }
}

/// `connector`: already quoted ([`connector_or_placeholder_in`]).
/// The certificates with their issuers (to find the one a TlsCertificateName names).
pub fn list_certificates_with_issuers() -> String {
    "Get-ExchangeCertificate | Format-List FriendlyName,Subject,Issuer,Thumbprint,HasPrivateKey,Services,NotAfter".to_string()
}

/// The Send connector's certificate setting. `connector`: already quoted.
pub fn show_send_connector_certificate(connector: &str) -> String {
    format!("Get-SendConnector {connector} | Format-List Name,TlsCertificateName,Fqdn,SourceTransportServers")
}

pub fn set_verbose_logging(connector: &str) -> String {
    format!("Set-SendConnector {connector} -ProtocolLoggingLevel Verbose")
}

/// `connector`: already quoted.
pub fn set_verbose_logging_receive(connector: &str) -> String {
    format!("Set-ReceiveConnector {connector} -ProtocolLoggingLevel Verbose")
}

/// The server's certificates with what decides whether Exchange can use one for STARTTLS.
pub fn list_certificates_with_keys() -> String {
    "Get-ExchangeCertificate | Format-List FriendlyName,Subject,CertificateDomains,Thumbprint,HasPrivateKey,Services,NotAfter".to_string()
}

/// `thumbprint`: already quoted ([`quote`] / [`thumbprint_or_placeholder`]).
pub fn check_private_key(thumbprint: &str) -> String {
    format!(
        "Get-ChildItem -Path Cert:\\LocalMachine\\My | Where-Object {{$_.Thumbprint -eq {thumbprint}}} | Select-Object -Property Thumbprint,HasPrivateKey"
    )
}

/// `thumbprint`: already quoted.
pub fn remove_from_store(thumbprint: &str) -> String {
    format!("Get-ChildItem -Path Cert:\\LocalMachine\\My | Where-Object {{$_.Thumbprint -eq {thumbprint}}} | Remove-Item")
}

pub fn import_pfx(path: &str) -> String {
    format!(
        "Import-ExchangeCertificate -FileData ([System.IO.File]::ReadAllBytes({})) -Password (Read-Host -AsSecureString -Prompt 'PFX password')",
        quote(path)
    )
}

/// `thumbprint`: already quoted.
pub fn show_certificate(thumbprint: &str) -> String {
    format!("Get-ExchangeCertificate -Thumbprint {thumbprint} | Format-List Subject,Issuer,Thumbprint,HasPrivateKey,Services,NotAfter")
}

/// `thumbprint`: already quoted.
pub fn enable_smtp(thumbprint: &str) -> String {
    format!("Enable-ExchangeCertificate -Thumbprint {thumbprint} -Services SMTP")
}

/// A value the admin fills in (the server, a thumbprint, a connector's name): its word comes
/// from the i18n tables (`<Servername>` in German), and it goes through [`quote`] like every
/// value, so a translation cannot end the string either.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placeholder {
    Server,
    Thumbprint,
    NewThumbprint,
    SendConnectorName,
    ConnectorName,
    RenewedCertificate,
    CertificateWithKey,
    RemoteHost,
    OldThumbprint,
    CaIssuedCertificate,
    InboundConnectorName,
}

impl Placeholder {
    pub const ALL: [Placeholder; 11] = [
        Placeholder::Server,
        Placeholder::Thumbprint,
        Placeholder::NewThumbprint,
        Placeholder::SendConnectorName,
        Placeholder::ConnectorName,
        Placeholder::RenewedCertificate,
        Placeholder::CertificateWithKey,
        Placeholder::RemoteHost,
        Placeholder::OldThumbprint,
        Placeholder::CaIssuedCertificate,
        Placeholder::InboundConnectorName,
    ];

    fn text(self) -> crate::i18n::Text {
        use crate::i18n::Text;
        match self {
            Placeholder::Server => Text::PlaceholderServer,
            Placeholder::Thumbprint => Text::PlaceholderThumbprint,
            Placeholder::NewThumbprint => Text::PlaceholderNewThumbprint,
            Placeholder::SendConnectorName => Text::PlaceholderSendConnectorName,
            Placeholder::ConnectorName => Text::PlaceholderConnectorName,
            Placeholder::RenewedCertificate => Text::PlaceholderRenewedCertificate,
            Placeholder::CertificateWithKey => Text::PlaceholderCertificateWithKey,
            Placeholder::RemoteHost => Text::PlaceholderRemoteHost,
            Placeholder::OldThumbprint => Text::PlaceholderOldThumbprint,
            Placeholder::CaIssuedCertificate => Text::PlaceholderCaIssuedCertificate,
            Placeholder::InboundConnectorName => Text::PlaceholderInboundConnectorName,
        }
    }

    /// `<Word>` in `lang`, unquoted (for a step's words or inside a path given to [`quote`]).
    pub fn bare(self, lang: Lang) -> String {
        format!("<{}>", crate::i18n::text(lang, self.text()))
    }
}

/// `'<Word>'`: the placeholder in `lang`, quoted.
pub fn placeholder(lang: Lang, p: Placeholder) -> String {
    quote(&p.bare(lang))
}

/// `-Server 'S'` for a known server, `-Server '<Server>'` (in `lang`) otherwise.
pub fn server_or_placeholder(lang: Lang, server: Option<&str>) -> String {
    match server {
        Some(s) => format!("-Server {}", quote(s)),
        None => format!("-Server {}", placeholder(lang, Placeholder::Server)),
    }
}

/// The lines that run `Set-SendConnector` / `Set-ReceiveConnector -Identity '...' {rest}` on a
/// pasted connector. When the paste shows only properties both kinds have (no prompt line, no
/// Send- or Receive-only property, no `SERVER\Name` identity), the kind is not guessed: a
/// comment says so and one line asks Exchange (`Get-SendConnector`, then `Get-ReceiveConnector`)
/// and sets the connector it finds. `rest`: the parameters (values already quoted).
pub fn set_connector(
    lang: Lang,
    connector: &crate::paste::PastedConnector,
    rest: &str,
) -> Vec<String> {
    use crate::paste::connector::ConnectorKind;
    let id = quote(&connector.set_identity());
    match connector.kind {
        ConnectorKind::Send => vec![format!("Set-SendConnector -Identity {id} {rest}")],
        ConnectorKind::Receive => vec![format!("Set-ReceiveConnector -Identity {id} {rest}")],
        ConnectorKind::Unknown => vec![
            crate::i18n::fill(
                crate::i18n::text(lang, crate::i18n::Text::UnknownConnectorKindComment),
                &[("connector", &format!("\"{}\"", comment_text(&connector.display_name())))],
            ),
            format!(
                "if (Get-SendConnector -Identity {id} -ErrorAction SilentlyContinue) {{ Set-SendConnector -Identity {id} {rest} }} elseif (Get-ReceiveConnector -Identity {id} -ErrorAction SilentlyContinue) {{ Set-ReceiveConnector -Identity {id} {rest} }} else {{ Write-Warning ('No Send or Receive connector ' + {id}) }}"
            ),
        ],
    }
}

/// ` -Server 'S'` for a known server (quoted), nothing otherwise.
pub fn server_arg(server: Option<&str>) -> String {
    server
        .map(|s| format!(" -Server {}", quote(s)))
        .unwrap_or_default()
}

/// [`import_pfx`] on `server` (when known), the password prompt in `lang`.
pub fn import_pfx_on(lang: Lang, server: Option<&str>, path: &str) -> String {
    import_pfx_with(lang, &server_arg(server), path)
}

/// `Import-ExchangeCertificate{server} -FileData ... -Password (Read-Host ... -Prompt '...')`:
/// `server` is `""` or ` -Server '...'` (already quoted), the prompt in `lang` (quoted).
pub fn import_pfx_with(lang: Lang, server: &str, path: &str) -> String {
    format!(
        "Import-ExchangeCertificate{server} -FileData ([System.IO.File]::ReadAllBytes({})) -Password (Read-Host -AsSecureString -Prompt {})",
        quote(path),
        quote(crate::i18n::text(lang, crate::i18n::Text::PfxPasswordPrompt))
    )
}

/// [`show_certificate`] on `server` (when known). `thumbprint`: already quoted.
pub fn show_certificate_on(server: Option<&str>, thumbprint: &str) -> String {
    format!(
        "Get-ExchangeCertificate{} -Thumbprint {thumbprint} | Format-List Subject,Issuer,Thumbprint,HasPrivateKey,Services,NotAfter",
        server_arg(server)
    )
}

/// [`enable_smtp`] on `server` (when known). `thumbprint`: already quoted.
pub fn enable_smtp_on(server: Option<&str>, thumbprint: &str) -> String {
    format!(
        "Enable-ExchangeCertificate{} -Thumbprint {thumbprint} -Services SMTP",
        server_arg(server)
    )
}

/// [`retry_queues`] on `server` (when known).
pub fn retry_queues_on(server: Option<&str>) -> String {
    format!(
        "Get-Queue{} -ResultSize Unlimited | Where-Object {{$_.Status -eq 'Retry'}} | Retry-Queue",
        server_arg(server)
    )
}

pub fn retry_queues() -> String {
    "Get-Queue -ResultSize Unlimited | Where-Object {$_.Status -eq 'Retry'} | Retry-Queue"
        .to_string()
}

/// Exports the public part of the certificate `thumbprint_bare` (raw, not quoted) from the
/// machine store.
pub fn export_public(thumbprint_bare: &str) -> String {
    let store_path = format!("Cert:\\LocalMachine\\My\\{thumbprint_bare}");
    let store_path = if thumbprint_bare.bytes().all(|b| b.is_ascii_hexdigit()) {
        store_path
    } else {
        quote(&store_path)
    };
    format!(
        "Get-ChildItem -Path {store_path} | Export-Certificate -FilePath {}",
        quote(&format!("C:\\Temp\\{thumbprint_bare}.cer"))
    )
}

/// Re-links the private key to the certificate with serial number `serial` (raw, not quoted).
pub fn repair_key_association(serial: &str) -> String {
    format!("certutil -repairstore my {}", quote(serial))
}

/// What one step of [`collect_commands`] gathers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum CollectWhat {
    /// `Get-ExchangeCertificate`: names, thumbprints, services, private key.
    Certificates,
    /// `Get-SendConnector` and `Get-ReceiveConnector`: FQDN, TLS settings, TlsCertificateName.
    Connectors,
    /// The SmtpSend / SmtpReceive protocol log folders (the files are then copied by hand).
    ProtocolLogFolders,
}

/// One step of collecting evidence by hand: what it is for (in the page's language) and the
/// commands to run (the same in every language; constants, no value from any input).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CollectStep {
    pub what: CollectWhat,
    pub text: &'static str,
    pub commands: &'static [&'static str],
}

/// `Get-ExchangeCertificate | fl` with lists uncut (`$FormatEnumerationLimit` is 4 by default,
/// which cuts `CertificateDomains` after four names).
pub const COLLECT_CERTIFICATES: &[&str] = &[
    "$FormatEnumerationLimit = -1",
    "Get-ExchangeCertificate | fl",
];
/// Both connector kinds, every property.
pub const COLLECT_CONNECTORS: &[&str] = &["Get-SendConnector | fl", "Get-ReceiveConnector | fl"];
/// The protocol log folders of the Transport and the Front End Transport service.
pub const COLLECT_LOG_FOLDERS: &[&str] = &[
    "Get-TransportService | fl *ProtocolLogPath",
    "Get-FrontEndTransportService | fl *ProtocolLogPath",
];

/// The three steps of the page's empty state, for an admin without the collector script.
pub fn collect_commands(lang: Lang) -> [CollectStep; 3] {
    let t = crate::i18n::guide::guide(lang);
    [
        CollectStep {
            what: CollectWhat::Certificates,
            text: t.step_certificates,
            commands: COLLECT_CERTIFICATES,
        },
        CollectStep {
            what: CollectWhat::Connectors,
            text: t.step_connectors,
            commands: COLLECT_CONNECTORS,
        },
        CollectStep {
            what: CollectWhat::ProtocolLogFolders,
            text: t.step_logs,
            commands: COLLECT_LOG_FOLDERS,
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A new request names the host first and then every other domain once (any case), each
    /// quoted: a name from a paste cannot break out of its string.
    #[test]
    fn a_new_request_names_every_domain_once() {
        let names = [
            "autodiscover.contoso.com".to_string(),
            "MAIL.contoso.com".to_string(),
            " ".to_string(),
            "x'; Start-Process calc; '".to_string(),
        ];
        let ps = request_and_import_ca_certificate_for(
            "CN=mail.contoso.com",
            "mail.contoso.com",
            &names,
            "# a",
            "# b",
        );
        assert_eq!(
            ps[1],
            "$request = New-ExchangeCertificate -GenerateRequest -SubjectName 'CN=mail.contoso.com' -DomainName 'mail.contoso.com','autodiscover.contoso.com','x''; Start-Process calc; ''' -PrivateKeyExportable $true"
        );
        let renew = renew_and_import_ca_certificate("'AB'", "*.contoso.com", "# a", "# b");
        assert_eq!(
            renew[1],
            "$request = Get-ExchangeCertificate -Thumbprint 'AB' | New-ExchangeCertificate -GenerateRequest -PrivateKeyExportable $true"
        );
        assert_eq!(
            renew[2],
            "Set-Content -Path 'C:\\Certs\\wildcard.contoso.com.req' -Value $request"
        );
    }

    #[test]
    fn every_single_quote_of_the_family_is_doubled() {
        assert_eq!(quote("Let's Encrypt"), "'Let''s Encrypt'");
        // The probe of issue 16: U+2019 ends a single-quoted string in PowerShell.
        assert_eq!(
            quote("Y\u{2019}; Start-Process calc; \u{2019}"),
            "'Y\u{2019}\u{2019}; Start-Process calc; \u{2019}\u{2019}'"
        );
        for q in SINGLE_QUOTES {
            let quoted = quote(&format!("a{q}b"));
            assert_eq!(quoted, format!("'a{q}{q}b'"));
        }
    }

    #[test]
    fn double_quotes_backtick_and_dollar_are_plain_in_single_quotes() {
        for v in [
            "\"$(calc)\"",
            "`$x",
            "\u{201C}$(Start-Process calc)\u{201D}",
            "\u{201E}",
        ] {
            assert_eq!(quote(v), format!("'{v}'"));
        }
    }

    #[test]
    fn control_characters_become_visible_escapes() {
        assert_eq!(
            quote("Evil CA\nStart-Process calc\n#"),
            "'Evil CA[U+000A]Start-Process calc[U+000A]#'"
        );
        for (c, escape) in [
            ('\r', "[U+000D]"),
            ('\0', "[U+0000]"),
            ('\u{85}', "[U+0085]"),
            ('\u{2028}', "[U+2028]"),
            ('\u{2029}', "[U+2029]"),
            ('\u{1b}', "[U+001B]"),
            ('\u{9f}', "[U+009F]"),
            ('\u{202E}', "[U+202E]"),
            ('\t', "[U+0009]"),
        ] {
            assert_eq!(quote(&format!("a{c}b")), format!("'a{escape}b'"));
            assert_eq!(comment_text(&format!("a{c}b")), format!("a{escape}b"));
        }
        assert_eq!(
            comment_text("<I>CN=R10, O=Let's Encrypt"),
            "<I>CN=R10, O=Let's Encrypt"
        );
    }

    #[test]
    fn hex_stays_bare_anything_else_is_quoted() {
        assert_eq!(hex_or_quote("0A8E27C4"), "0A8E27C4");
        assert_eq!(hex_or_quote("0A; calc"), "'0A; calc'");
        assert_eq!(hex_or_quote(""), "''");
        assert_eq!(hex_or_quote("?"), "'?'");
    }

    #[test]
    fn escape_detection_only_for_escaped_characters() {
        assert!(has_escape("Set-SendConnector 'a[U+000A]b'"));
        assert!(has_escape("x [U+2028]"));
        assert!(!has_escape("Set-SendConnector 'a[U+0041]b'"));
        assert!(!has_escape("Set-SendConnector '[U+' '[U+000A'"));
    }

    #[test]
    fn guard_comments_out_commands_with_altered_values_only() {
        let script = [
            "# Point the connector at it:".to_string(),
            format!(
                "Set-SendConnector {} -ProtocolLoggingLevel Verbose",
                quote("a\nb")
            ),
            format!("# = {}", comment_text("x\ry")),
            "Restart-Service MSExchangeTransport".to_string(),
        ]
        .join("\n");
        let (guarded, altered) = guard(&script, Lang::En);
        assert!(altered);
        let lines: Vec<&str> = guarded.lines().collect();
        assert_eq!(lines[1], paste_text(Lang::En).ps_comment_unsafe_value);
        assert_eq!(
            lines[2],
            "# Set-SendConnector 'a[U+000A]b' -ProtocolLoggingLevel Verbose"
        );
        assert_eq!(lines[3], "# = x[U+000D]y");
        assert_eq!(lines[4], "Restart-Service MSExchangeTransport");
        assert_eq!(guard(&guarded, Lang::En), (guarded.clone(), false));
        let (de, _) = guard(&script, Lang::De);
        assert!(de.contains(paste_text(Lang::De).ps_comment_unsafe_value));
        let clean = "Restart-Service MSExchangeTransport";
        assert_eq!(guard(clean, Lang::En), (clean.to_string(), false));
    }
}
