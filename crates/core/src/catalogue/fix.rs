//! PowerShell lines of the catalogue's fixes. Every value from a file, log or paste goes
//! through [`crate::diagnose::powershell::quote`] (a single-quoted literal that cannot end
//! early); `$(...)` expressions appear only around variables this code names itself.

use crate::diagnose::powershell::{comment_text, quote};

/// `$c = Get-ExchangeCertificate [-Server 'S'] -Thumbprint 'T'` or, without a thumbprint, the
/// newest CA-issued certificate whose CertificateDomains contain `name`.
pub fn pick_certificate(
    server: Option<&str>,
    thumbprint: Option<&str>,
    name: Option<&str>,
) -> String {
    let server = server
        .map(|s| format!(" -Server {}", quote(s)))
        .unwrap_or_default();
    match (thumbprint, name) {
        (Some(t), _) => format!("$c = Get-ExchangeCertificate{server} -Thumbprint {}", quote(t)),
        (None, Some(n)) => format!(
            "$c = Get-ExchangeCertificate{server} | Where-Object {{$_.CertificateDomains -contains {} -and -not $_.IsSelfSigned}} | Sort-Object NotAfter -Descending | Select-Object -First 1",
            quote(n)
        ),
        (None, None) => format!("$c = Get-ExchangeCertificate{server} -Thumbprint '<Thumbprint of the new certificate>'"),
    }
}

/// `-TlsCertificateName` built from `$c` (set by [`pick_certificate`]) or from known names.
pub fn tls_name_argument(known: Option<(&str, &str)>) -> String {
    match known {
        Some((issuer, subject)) => {
            quote(&crate::paste::tls_certificate_name::build(issuer, subject))
        }
        None => "\"<I>$($c.Issuer)<S>$($c.Subject)\"".to_string(),
    }
}

pub fn set_connector_name(cmdlet: &str, identity: &str, name_argument: &str) -> String {
    format!(
        "{cmdlet} {} -TlsCertificateName {name_argument}",
        quote(identity)
    )
}

pub fn enable_smtp(server: Option<&str>, thumbprint: &str) -> String {
    let server = server
        .map(|s| format!(" -Server {}", quote(s)))
        .unwrap_or_default();
    format!(
        "Enable-ExchangeCertificate{server} -Thumbprint {} -Services SMTP",
        quote(thumbprint)
    )
}

/// `# on <server>`: the server name through [`comment_text`] (no line break, NEL, line or
/// paragraph separator or bidi control can end or disguise the comment).
pub fn comment_on(server: &str) -> String {
    format!("# on {}", comment_text(server))
}

/// The registry lines that enable TLS 1.2 for .NET and SCHANNEL (CSS-Exchange HealthChecker,
/// "Exchange Server TLS configuration best practices").
pub fn enable_tls12() -> Vec<String> {
    let mut v = Vec::new();
    for path in [
        "HKLM:\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319",
        "HKLM:\\SOFTWARE\\Wow6432Node\\Microsoft\\.NETFramework\\v4.0.30319",
    ] {
        for name in ["SystemDefaultTlsVersions", "SchUseStrongCrypto"] {
            v.push(format!(
                "New-ItemProperty -Path {} -Name {name} -Value 1 -PropertyType DWord -Force",
                quote(path)
            ));
        }
    }
    for side in ["Server", "Client"] {
        let path = format!(
            "HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\{side}"
        );
        v.push(format!("New-Item -Path {} -Force | Out-Null", quote(&path)));
        v.push(format!(
            "New-ItemProperty -Path {} -Name Enabled -Value 1 -PropertyType DWord -Force",
            quote(&path)
        ));
        v.push(format!(
            "New-ItemProperty -Path {} -Name DisabledByDefault -Value 0 -PropertyType DWord -Force",
            quote(&path)
        ));
    }
    v
}

/// What to collect when the evidence cannot decide.
pub fn collection(receive: &[String], send: &[String]) -> Vec<String> {
    let mut v = vec![
        "Get-TransportService | fl *ProtocolLogPath".to_string(),
        "Get-FrontEndTransportService | fl *ProtocolLogPath".to_string(),
    ];
    if receive.is_empty() {
        v.push("Get-ReceiveConnector | Set-ReceiveConnector -ProtocolLoggingLevel Verbose".into());
    }
    for r in receive.iter().take(10) {
        v.push(format!(
            "Set-ReceiveConnector {} -ProtocolLoggingLevel Verbose",
            quote(r)
        ));
    }
    if send.is_empty() {
        v.push("Get-SendConnector | Set-SendConnector -ProtocolLoggingLevel Verbose".into());
    }
    for s in send.iter().take(10) {
        v.push(format!(
            "Set-SendConnector {} -ProtocolLoggingLevel Verbose",
            quote(s)
        ));
    }
    v.extend([
        "Get-ExchangeCertificate | Format-List FriendlyName,Subject,Issuer,CertificateDomains,Thumbprint,Services,HasPrivateKey,IsSelfSigned,NotBefore,NotAfter,Status".to_string(),
        "Get-SendConnector | Format-List Name,AddressSpaces,SmartHosts,SourceTransportServers,Fqdn,RequireTLS,TlsAuthLevel,TlsDomain,TlsCertificateName,CloudServicesMailEnabled".to_string(),
        "Get-ReceiveConnector | Format-List Identity,Bindings,Fqdn,TlsCertificateName,RequireTLS,AuthMechanism,ProtocolLoggingLevel".to_string(),
        "Get-Queue | Format-List Identity,Status,NextHopDomain,LastError".to_string(),
        "Get-WinEvent -FilterHashtable @{LogName='Application'; Id=12014,12016,12018,12023,2015,1035} -MaxEvents 50 | Format-List TimeCreated,Id,ProviderName,Message".to_string(),
        "# Exchange Online PowerShell: Get-MessageTraceDetail -MessageTraceId '<MessageTraceId>' -RecipientAddress '<recipient>' | Format-List Date,Event,Detail".to_string(),
    ]);
    v
}

/// Look first: Event 12014 (no certificate for a receive connector's name) and the receive
/// connectors' TlsCertificateName, on the server the commands run on.
pub fn check_receive_starttls() -> [String; 2] {
    [
        "Get-WinEvent -FilterHashtable @{LogName='Application'; Id=12014} -MaxEvents 10 | Format-List TimeCreated,Message".to_string(),
        "Get-ReceiveConnector | Format-List Identity,Fqdn,TlsCertificateName,AuthMechanism".to_string(),
    ]
}

/// TLS 1.2 for SCHANNEL and .NET on the servers the inputs name (pasted servers, then the names
/// the logs' connectors give themselves), a restart, and HealthChecker's TLS report per server.
/// Returns the servers as words (or "all Exchange servers") and the commands.
pub fn tls12_on_servers(cx: &super::cx::Cx<'_>) -> (String, Vec<String>) {
    let mut servers = cx.servers.clone();
    for c in &cx.input.logs.connectors {
        // `EX01\Default Frontend EX01` already names its server: the FQDN it answers with
        // (`mail.contoso.com`, often a name shared by several servers) is not another server.
        let named = c
            .name
            .split_once('\\')
            .is_some_and(|(s, _)| servers.iter().any(|x| x.eq_ignore_ascii_case(s)));
        if let Some(n) = c.local_name.as_ref().filter(|_| !named) {
            super::cx::push_unique(&mut servers, n);
        }
    }
    let list = if servers.is_empty() {
        cx.m(super::text::Msg::AllServers).to_string()
    } else {
        servers.join(", ")
    };
    // The read-only check first: HealthChecker's TLS report says which side lacks what before
    // anything is changed and the server restarted.
    let mut powershell = Vec::new();
    for s in servers.iter().take(10) {
        powershell.push(format!(".\\HealthChecker.ps1 -Server {}", quote(s)));
    }
    if servers.is_empty() {
        powershell.push(".\\HealthChecker.ps1".to_string());
    }
    if !servers.is_empty() {
        powershell.push(comment_on(&list));
    }
    powershell.extend(enable_tls12());
    powershell.push("Restart-Computer".to_string());
    (list, powershell)
}
