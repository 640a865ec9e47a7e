<#
.SYNOPSIS
    Collects the evidence tlsdoctor reads about an Exchange server's SMTP TLS into one .zip.
    Read-only: it changes nothing on the server and never exports a private key.

.DESCRIPTION
    Run it in the Exchange Management Shell (Windows PowerShell 5.1) on the Exchange server
    whose mail flow fails: Exchange Server 2013, 2016, 2019 or Subscription Edition (SE), Mailbox
    or Edge Transport role. Then give the .zip to tlsdoctor (drop it on the page, or
    `tlsdoctor analyze TlsEvidence-EX01-20250131-101500.zip`).

    It only reads, with these commands:
      Get-ExchangeServer, Get-ExchangeCertificate, Get-ChildItem Cert:\LocalMachine\My,
      Get-SendConnector, Get-ReceiveConnector, Get-TransportService,
      Get-FrontEndTransportService, Get-Queue, Get-WinEvent, Get-ItemProperty (registry),
      Get-ChildItem / a shared read of the newest protocol log files.
    It writes only below -OutputFolder: its own staging folder (deleted again at the end) and
    the .zip. It never runs a Set-, New-, Enable-, Disable-, Export- or Import- cmdlet, changes
    no Exchange object, certificate, registry value or service, never calls
    Export-PfxCertificate or Export-ExchangeCertificate, takes no -Password, and never reads a
    private key: the certificate listings show only whether one exists (HasPrivateKey).

    Output (one .zip, every text file UTF-8, lossless: Format-List through
    `Out-String -Width 4096` with $FormatEnumerationLimit = -1, so no value is cut or wrapped;
    each text file starts with the command that made it, as a `[PS] C:\>` prompt line):

      TlsEvidence-<SERVER>-<yyyyMMdd-HHmmss>.zip
        README.txt                  what was collected, when, with which parameters; what failed
        server.txt                  computer name, DNS host name, Get-ExchangeServer | Format-List
        exchange-certificates.txt   Get-ExchangeCertificate | Format-List
        certificate-store.txt       Get-ChildItem Cert:\LocalMachine\My | Format-List Thumbprint,HasPrivateKey,...
        send-connectors.txt         Get-SendConnector | Format-List
        receive-connectors.txt      Get-ReceiveConnector -Server <SERVER> | Format-List
        transport-services.txt      Get-TransportService / Get-FrontEndTransportService | Format-List Name,*ProtocolLogPath*
        queues.txt                  Get-Queue | Format-List
        events.txt                  Get-WinEvent (Application log, IDs 12013 12014 12016 12017 12018 12023 12024 2015, last -Days days) | Format-List
        tls-registry.txt            SCHANNEL protocol keys, .NET SchUseStrongCrypto / SystemDefaultTlsVersions
        logs/<Service>/SmtpSend/<file>.LOG      newest Send protocol logs, up to -LogMegabytes per folder
        logs/<Service>/SmtpReceive/<file>.LOG   newest Receive protocol logs, up to -LogMegabytes per folder

    <Service> is Hub (Get-TransportService) or FrontEnd (Get-FrontEndTransportService). A file
    whose command returned nothing is not written (README.txt says so).

.PARAMETER Days
    How many days of events to read (default 7).

.PARAMETER LogMegabytes
    How many MB of the newest protocol logs to copy from each log folder (default 50).

.PARAMETER OutputFolder
    Where the .zip is written (default: the current user's temp folder).

.EXAMPLE
    .\Collect-TlsEvidence.ps1
.EXAMPLE
    .\Collect-TlsEvidence.ps1 -Days 14 -LogMegabytes 200 -OutputFolder D:\Temp

.NOTES
    Printed by `tlsdoctor collect-script`; offered by the tlsdoctor page. Requires Windows
    PowerShell 5.1 (Compress-Archive). Protocol logs exist only when protocol logging is on
    (Set-SendConnector / Set-ReceiveConnector -ProtocolLoggingLevel Verbose; this script does
    not turn it on).
#>
[CmdletBinding()]
param(
    [ValidateRange(1, 365)]
    [int]$Days = 7,
    [ValidateRange(1, 4096)]
    [int]$LogMegabytes = 50,
    [string]$OutputFolder = $env:TEMP
)

Set-StrictMode -Version 2.0
$ErrorActionPreference = 'Stop'

$server = $env:COMPUTERNAME
$stamp = Get-Date -Format 'yyyyMMdd-HHmmss'
$name = "TlsEvidence-$server-$stamp"
$staging = Join-Path $OutputFolder $name
$zipPath = Join-Path $OutputFolder "$name.zip"
$utf8 = New-Object System.Text.UTF8Encoding $false
$notes = New-Object System.Collections.Generic.List[string]
$collected = New-Object System.Collections.Generic.List[string]

if (-not (Get-Command Get-ExchangeCertificate -ErrorAction SilentlyContinue)) {
    try {
        Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn -ErrorAction Stop
    } catch {
        Write-Error 'Run this script in the Exchange Management Shell (Get-ExchangeCertificate is not available here).'
        exit 1
    }
}

New-Item -ItemType Directory -Path $staging -Force | Out-Null

# Lossless Format-List: every element of a list, no line wrapping. Windows PowerShell reads
# $FormatEnumerationLimit from the global scope; it is put back at the end.
$savedLimit = $global:FormatEnumerationLimit
$global:FormatEnumerationLimit = -1

function Write-Evidence {
    param([string]$File, [string]$Command, [scriptblock]$Read)
    try {
        $objects = @(& $Read)
        if ($objects.Count -eq 0) {
            $notes.Add("$File not written: $Command returned nothing.")
            return
        }
        $text = $objects | Format-List | Out-String -Width 4096
        $path = Join-Path $staging $File
        [System.IO.File]::WriteAllText($path, "[PS] C:\>$Command`r`n$text", $utf8)
        $collected.Add($File)
        Write-Host ("  {0,-28} {1} object(s)" -f $File, $objects.Count)
    } catch {
        $notes.Add("$File not written: $Command failed: $($_.Exception.Message)")
        Write-Warning "$File : $($_.Exception.Message)"
    }
}

Write-Host "tlsdoctor collector: reading TLS evidence of $server (read-only)"

Write-Evidence 'server.txt' "Get-ExchangeServer -Identity $server | Format-List Name,Fqdn,Edition,AdminDisplayVersion,ServerRole,Site" {
    $dns = try { [System.Net.Dns]::GetHostEntry('').HostName } catch { '' }
    Get-ExchangeServer -Identity $server |
        Select-Object Name, Fqdn, Edition, AdminDisplayVersion, ServerRole, Site,
            @{ Name = 'ComputerName'; Expression = { $env:COMPUTERNAME } },
            @{ Name = 'DnsHostName'; Expression = { $dns } }
}
Write-Evidence 'exchange-certificates.txt' 'Get-ExchangeCertificate | Format-List' {
    Get-ExchangeCertificate -Server $server
}
Write-Evidence 'certificate-store.txt' 'Get-ChildItem Cert:\LocalMachine\My | Format-List Thumbprint,HasPrivateKey,Subject,Issuer,NotBefore,NotAfter,FriendlyName,DnsNameList' {
    Get-ChildItem Cert:\LocalMachine\My |
        Select-Object Thumbprint, HasPrivateKey, Subject, Issuer, NotBefore, NotAfter, FriendlyName, DnsNameList
}
Write-Evidence 'send-connectors.txt' 'Get-SendConnector | Format-List' { Get-SendConnector }
Write-Evidence 'receive-connectors.txt' "Get-ReceiveConnector -Server $server | Format-List" {
    Get-ReceiveConnector -Server $server
}

$services = @()
Write-Evidence 'transport-services.txt' "Get-TransportService $server; Get-FrontEndTransportService $server | Format-List Name,*ProtocolLogPath*" {
    $hub = Get-TransportService -Identity $server |
        Select-Object @{ Name = 'Service'; Expression = { 'Hub' } }, Name, SendProtocolLogPath, ReceiveProtocolLogPath
    $fe = $null
    if (Get-Command Get-FrontEndTransportService -ErrorAction SilentlyContinue) {
        # Not on an Edge Transport server.
        $fe = Get-FrontEndTransportService -Identity $server -ErrorAction SilentlyContinue |
            Select-Object @{ Name = 'Service'; Expression = { 'FrontEnd' } }, Name, SendProtocolLogPath, ReceiveProtocolLogPath
    }
    $script:services = @($hub) + @($fe | Where-Object { $_ })
    $script:services
}
Write-Evidence 'queues.txt' 'Get-Queue | Format-List' { Get-Queue -Server $server }

$ids = 12013, 12014, 12016, 12017, 12018, 12023, 12024, 2015
$since = (Get-Date).AddDays(-$Days)
Write-Evidence 'events.txt' "Get-WinEvent -FilterHashtable @{LogName='Application'; Id=$($ids -join ','); StartTime=(Get-Date).AddDays(-$Days)} | Format-List TimeCreated,ProviderName,Id,LevelDisplayName,MachineName,Message" {
    Get-WinEvent -FilterHashtable @{ LogName = 'Application'; Id = $ids; StartTime = $since } -ErrorAction SilentlyContinue |
        Select-Object TimeCreated, ProviderName, Id, LevelDisplayName, MachineName, Message
}

Write-Evidence 'tls-registry.txt' 'Get-ItemProperty HKLM:\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols\*\*, HKLM:\SOFTWARE\[WOW6432Node\]Microsoft\.NETFramework\v*' {
    $schannel = 'HKLM:\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols'
    foreach ($protocol in 'SSL 2.0', 'SSL 3.0', 'TLS 1.0', 'TLS 1.1', 'TLS 1.2', 'TLS 1.3') {
        foreach ($side in 'Client', 'Server') {
            $key = "$schannel\$protocol\$side"
            $values = Get-ItemProperty -Path $key -ErrorAction SilentlyContinue
            [pscustomobject]@{
                Key               = $key
                Enabled           = if ($values -and $values.PSObject.Properties['Enabled']) { $values.Enabled } else { '(not set)' }
                DisabledByDefault = if ($values -and $values.PSObject.Properties['DisabledByDefault']) { $values.DisabledByDefault } else { '(not set)' }
            }
        }
    }
    foreach ($key in 'HKLM:\SOFTWARE\Microsoft\.NETFramework\v4.0.30319',
                     'HKLM:\SOFTWARE\WOW6432Node\Microsoft\.NETFramework\v4.0.30319',
                     'HKLM:\SOFTWARE\Microsoft\.NETFramework\v2.0.50727',
                     'HKLM:\SOFTWARE\WOW6432Node\Microsoft\.NETFramework\v2.0.50727') {
        $values = Get-ItemProperty -Path $key -ErrorAction SilentlyContinue
        [pscustomobject]@{
            Key                      = $key
            SchUseStrongCrypto       = if ($values -and $values.PSObject.Properties['SchUseStrongCrypto']) { $values.SchUseStrongCrypto } else { '(not set)' }
            SystemDefaultTlsVersions = if ($values -and $values.PSObject.Properties['SystemDefaultTlsVersions']) { $values.SystemDefaultTlsVersions } else { '(not set)' }
        }
    }
}

# The newest protocol logs, up to -LogMegabytes per folder, read with a shared read (the
# transport service keeps today's file open for writing).
$budget = [int64]$LogMegabytes * 1MB
foreach ($service in $services) {
    foreach ($kind in @(@{ Folder = 'SmtpSend'; Path = $service.SendProtocolLogPath },
                        @{ Folder = 'SmtpReceive'; Path = $service.ReceiveProtocolLogPath })) {
        $source = [string]$kind.Path
        if (-not $source -or -not (Test-Path -LiteralPath $source)) {
            $notes.Add("logs/$($service.Service)/$($kind.Folder) not copied: no folder '$source'.")
            continue
        }
        $target = Join-Path $staging "logs\$($service.Service)\$($kind.Folder)"
        New-Item -ItemType Directory -Path $target -Force | Out-Null
        $taken = [int64]0
        $count = 0
        $files = Get-ChildItem -LiteralPath $source -Filter '*.LOG' -File | Sort-Object LastWriteTime -Descending
        foreach ($file in $files) {
            if ($count -gt 0 -and $taken + $file.Length -gt $budget) { break }
            try {
                $in = [System.IO.File]::Open($file.FullName, 'Open', 'Read', 'ReadWrite')
                try {
                    $out = [System.IO.File]::Create((Join-Path $target $file.Name))
                    try { $in.CopyTo($out) } finally { $out.Dispose() }
                } finally { $in.Dispose() }
                $taken += $file.Length
                $count += 1
            } catch {
                $notes.Add("logs/$($service.Service)/$($kind.Folder)/$($file.Name) not copied: $($_.Exception.Message)")
            }
        }
        if ($count -gt 0) {
            $collected.Add("logs/$($service.Service)/$($kind.Folder)/ ($count file(s), $([math]::Round($taken / 1MB, 1)) MB of $source)")
        }
        Write-Host ("  {0,-28} {1} file(s), {2} MB from {3}" -f "logs/$($service.Service)/$($kind.Folder)", $count, [math]::Round($taken / 1MB, 1), $source)
    }
}

$global:FormatEnumerationLimit = $savedLimit

$readme = @(
    "tlsdoctor collector (Collect-TlsEvidence.ps1), read-only."
    "Server: $server"
    "Collected: $(Get-Date -Format 'yyyy-MM-dd HH:mm:ss zzz')"
    "Parameters: -Days $Days -LogMegabytes $LogMegabytes"
    "PowerShell: $($PSVersionTable.PSVersion)"
    ""
    "Files:"
) + ($collected | ForEach-Object { "  $_" }) + @("", "Not collected:") + ($notes | ForEach-Object { "  $_" })
[System.IO.File]::WriteAllText((Join-Path $staging 'README.txt'), ($readme -join "`r`n") + "`r`n", $utf8)

Compress-Archive -Path (Join-Path $staging '*') -DestinationPath $zipPath -CompressionLevel Optimal -Force
Remove-Item -LiteralPath $staging -Recurse -Force

Write-Host ''
Write-Host "Collected into $zipPath ($([math]::Round((Get-Item -LiteralPath $zipPath).Length / 1MB, 1)) MB):"
$collected | ForEach-Object { Write-Host "  $_" }
if ($notes.Count -gt 0) {
    Write-Host 'Not collected:'
    $notes | ForEach-Object { Write-Host "  $_" }
}
Write-Host 'Give this .zip to tlsdoctor (drop it on the page or: tlsdoctor analyze <zip>). It holds no private key.'
