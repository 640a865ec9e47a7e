//! PowerShell commands with real values filled in. The commands are the same in every
//! language; only the steps around them are translated. Values are single-quoted
//! (PowerShell literal strings: `'` doubled inside).

/// `'value'` with inner quotes doubled.
pub fn quote(value: &str) -> String {
    format!("'{}'", value.replace('\'', "''"))
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
    let file = host.replace('*', "wildcard");
    vec![
        comment_request.to_string(),
        format!(
            "$request = New-ExchangeCertificate -GenerateRequest -SubjectName {} -DomainName {} -PrivateKeyExportable $true",
            quote(subject),
            quote(host)
        ),
        format!("Set-Content -Path {} -Value $request", quote(&format!("C:\\Certs\\{file}.req"))),
        comment_import.to_string(),
        format!(
            "Import-ExchangeCertificate -FileData ([System.IO.File]::ReadAllBytes({})) | Enable-ExchangeCertificate -Services SMTP",
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

/// A connector name or a placeholder.
pub fn connector_or_placeholder(c: Option<&str>) -> String {
    match c {
        Some(c) if !c.trim().is_empty() => quote(c),
        _ => "'<SendConnectorName>'".to_string(),
    }
}

pub fn set_verbose_logging(connector: &str) -> String {
    format!("Set-SendConnector {connector} -ProtocolLoggingLevel Verbose")
}

pub fn check_private_key(thumbprint: &str) -> String {
    format!(
        "Get-ChildItem -Path Cert:\\LocalMachine\\My | Where-Object {{$_.Thumbprint -eq {thumbprint}}} | Select-Object -Property Thumbprint,HasPrivateKey"
    )
}

pub fn remove_from_store(thumbprint: &str) -> String {
    format!("Get-ChildItem -Path Cert:\\LocalMachine\\My | Where-Object {{$_.Thumbprint -eq {thumbprint}}} | Remove-Item")
}

pub fn import_pfx(path: &str) -> String {
    format!(
        "Import-ExchangeCertificate -FileData ([System.IO.File]::ReadAllBytes({})) -Password (Read-Host -AsSecureString -Prompt 'PFX password')",
        quote(path)
    )
}

pub fn show_certificate(thumbprint: &str) -> String {
    format!("Get-ExchangeCertificate -Thumbprint {thumbprint} | Format-List Subject,Issuer,Thumbprint,HasPrivateKey,Services,NotAfter")
}

pub fn enable_smtp(thumbprint: &str) -> String {
    format!("Enable-ExchangeCertificate -Thumbprint {thumbprint} -Services SMTP")
}

pub fn retry_queues() -> String {
    "Get-Queue -ResultSize Unlimited | Where-Object {$_.Status -eq 'Retry'} | Retry-Queue"
        .to_string()
}

pub fn export_public(thumbprint_bare: &str) -> String {
    format!(
        "Get-ChildItem -Path Cert:\\LocalMachine\\My\\{thumbprint_bare} | Export-Certificate -FilePath {}",
        quote(&format!("C:\\Temp\\{thumbprint_bare}.cer"))
    )
}

pub fn repair_key_association(serial: &str) -> String {
    format!("certutil -repairstore my {}", quote(serial))
}
