#!/usr/bin/env python3
"""Builds testdata/collector/: the output of collect/Collect-TlsEvidence.ps1 in its documented
layout, for two cases, as a folder (the loose files) and as the .zip the collector writes.

No PowerShell runs here, so these are written to the script's documented shape (its header
lists the file names) from texts already in testdata/:

  kb4495258/      testdata/paste/kb4495258-outage-en-us.txt, split at its prompt lines into
                  queues.txt, send-connectors.txt, exchange-certificates.txt;
                  testdata/paste/SEND20250131-1.LOG as logs/Hub/SmtpSend/SEND20250131-1.LOG
  renewal-trap/   testdata/paste/renewal-trap-de-de.txt, split into exchange-certificates.txt and
                  send-connectors.txt (its Remove-ExchangeCertificate error is left out: the
                  collector never runs Remove-ExchangeCertificate)

server.txt, certificate-store.txt, receive-connectors.txt, transport-services.txt,
tls-registry.txt and README.txt are written here with the same made-up names (Contoso, EX01) and
the thumbprints of the sources. Every text file starts with the collector's prompt line, uses
CRLF, and has the blank lines Out-String puts around Format-List output. The .zip is written as
Windows PowerShell 5.1's Compress-Archive does (deflate, "\\" in entry names).

Run from the repository root: python3 scripts/make-collector-fixtures.py
"""
import io
import os
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "testdata", "collector")
PASTE = os.path.join(ROOT, "testdata", "paste")
DATE = (2025, 1, 31, 12, 30, 0)


def lines_of(name):
    with open(os.path.join(PASTE, name), encoding="utf-8") as f:
        return f.read().split("\n")


def body(lines):
    """Lines of one command's output, without its prompt line and surrounding blank lines."""
    while lines and not lines[0].strip():
        lines = lines[1:]
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return lines


def evidence(command, lines):
    text = "[PS] C:\\>" + command + "\r\n\r\n\r\n" + "\r\n".join(body(lines)) + "\r\n\r\n\r\n\r\n"
    return text.encode("utf-8")


def fl(objects):
    """Format-List of dicts: names padded to the longest name of each object."""
    out = []
    for obj in objects:
        width = max(len(k) for k in obj)
        out.extend(f"{k.ljust(width)} : {v}".rstrip() for k, v in obj.items())
        out.append("")
    return out


def server(version):
    return [
        {"Name": "EX01", "Fqdn": "EX01.corp.contoso.com", "Edition": "Standard",
         "AdminDisplayVersion": version, "ServerRole": "Mailbox",
         "Site": "corp.contoso.com/Configuration/Sites/Default-First-Site-Name",
         "ComputerName": "EX01", "DnsHostName": "EX01.corp.contoso.com"}]


TRANSPORT = [
    {"Service": "Hub", "Name": "EX01",
     "SendProtocolLogPath": "C:\\Program Files\\Microsoft\\Exchange Server\\V15\\TransportRoles\\Logs\\Hub\\ProtocolLog\\SmtpSend",
     "ReceiveProtocolLogPath": "C:\\Program Files\\Microsoft\\Exchange Server\\V15\\TransportRoles\\Logs\\Hub\\ProtocolLog\\SmtpReceive"},
    {"Service": "FrontEnd", "Name": "EX01",
     "SendProtocolLogPath": "C:\\Program Files\\Microsoft\\Exchange Server\\V15\\TransportRoles\\Logs\\FrontEnd\\ProtocolLog\\SmtpSend",
     "ReceiveProtocolLogPath": "C:\\Program Files\\Microsoft\\Exchange Server\\V15\\TransportRoles\\Logs\\FrontEnd\\ProtocolLog\\SmtpReceive"},
]


def registry():
    base = "HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols"
    objs = []
    for proto in ["SSL 2.0", "SSL 3.0", "TLS 1.0", "TLS 1.1", "TLS 1.2", "TLS 1.3"]:
        for side in ["Client", "Server"]:
            enabled, disabled = {"SSL 2.0": (0, 1), "SSL 3.0": (0, 1), "TLS 1.2": (1, 0)}.get(
                proto, ("(not set)", "(not set)"))
            objs.append({"Key": f"{base}\\{proto}\\{side}", "Enabled": enabled,
                         "DisabledByDefault": disabled})
    for key in ["HKLM:\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319",
                "HKLM:\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319",
                "HKLM:\\SOFTWARE\\Microsoft\\.NETFramework\\v2.0.50727",
                "HKLM:\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v2.0.50727"]:
        v4 = "v4" in key
        objs.append({"Key": key, "SchUseStrongCrypto": 1 if v4 else "(not set)",
                     "SystemDefaultTlsVersions": 1 if v4 else "(not set)"})
    return objs


RECEIVE = [
    {"RunspaceId": "5b7c1e0a-6d2f-4b8e-9a41-2f3c7d9e1a55",
     "AuthMechanism": "Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer",
     "Bindings": "{[::]:2525, 0.0.0.0:2525}", "Fqdn": "EX01.corp.contoso.com",
     "PermissionGroups": "ExchangeUsers, ExchangeServers, ExchangeLegacyServers",
     "RequireTLS": "False", "TlsCertificateName": "", "TransportRole": "HubTransport",
     "Server": "EX01", "Identity": "EX01\\Default EX01", "Name": "Default EX01"},
    {"RunspaceId": "5b7c1e0a-6d2f-4b8e-9a41-2f3c7d9e1a55",
     "AuthMechanism": "Tls, Integrated, BasicAuth, BasicAuthRequireTLS, ExchangeServer",
     "Bindings": "{[::]:25, 0.0.0.0:25}", "Fqdn": "EX01.corp.contoso.com",
     "PermissionGroups": "AnonymousUsers, ExchangeServers, ExchangeLegacyServers",
     "RequireTLS": "False", "TlsCertificateName": "", "TransportRole": "FrontendTransport",
     "Server": "EX01", "Identity": "EX01\\Default Frontend EX01", "Name": "Default Frontend EX01"},
]


def readme(files, notes):
    lines = ["tlsdoctor collector (Collect-TlsEvidence.ps1), read-only.", "Server: EX01",
             "Collected: 2025-01-31 12:30:00 +01:00", "Parameters: -Days 7 -LogMegabytes 50",
             "PowerShell: 5.1.14393.7604", "", "Files:"]
    lines += ["  " + f for f in files] + ["", "Not collected:"] + ["  " + n for n in notes]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def write_case(name, files):
    folder = os.path.join(OUT, name)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for path, data in files:
            full = os.path.join(folder, *path.split("/"))
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "wb") as f:
                f.write(data)
            zi = zipfile.ZipInfo(path.replace("/", "\\"), date_time=DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 0
            zi.external_attr = 0x20
            z.writestr(zi, data)
    with open(os.path.join(OUT, f"{name}-collector.zip"), "wb") as f:
        f.write(buf.getvalue())
    print(f"testdata/collector/{name}/ and {name}-collector.zip ({len(buf.getvalue())} bytes)")


STORE_CMD = ("Get-ChildItem Cert:\\LocalMachine\\My | Format-List Thumbprint,HasPrivateKey,Subject,"
             "Issuer,NotBefore,NotAfter,FriendlyName,DnsNameList")
TRANSPORT_CMD = ("Get-TransportService EX01; Get-FrontEndTransportService EX01 | Format-List "
                 "Name,*ProtocolLogPath*")
REGISTRY_CMD = ("Get-ItemProperty HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\"
                "SCHANNEL\\Protocols\\*\\*, HKLM:\\SOFTWARE\\[WOW6432Node\\]Microsoft\\.NETFramework\\v*")
SERVER_CMD = ("Get-ExchangeServer -Identity EX01 | Format-List Name,Fqdn,Edition,AdminDisplayVersion,"
              "ServerRole,Site")
EVENTS_NOTE = ("events.txt not written: Get-WinEvent -FilterHashtable @{LogName='Application'; "
               "Id=12013,12014,12016,12017,12018,12023,12024,2015; StartTime=(Get-Date).AddDays(-7)} | "
               "Format-List TimeCreated,ProviderName,Id,LevelDisplayName,MachineName,Message returned nothing.")


def kb4495258():
    outage = lines_of("kb4495258-outage-en-us.txt")
    prompts = [i for i, l in enumerate(outage) if l.startswith("[PS]")]
    queue, send, certs = (outage[prompts[0] + 1:prompts[1]], outage[prompts[1] + 1:prompts[2]],
                          outage[prompts[2] + 1:])
    with open(os.path.join(PASTE, "SEND20250131-1.LOG"), "rb") as f:
        log = f.read()
    store = [
        {"Thumbprint": "3D5F8A1C9E2B4D6F8A0C2E4F6A8B0D2F4E6A8C0B", "HasPrivateKey": "False",
         "Subject": "CN=mail.contoso.com, O=Contoso Ltd, L=Redmond, S=Washington, C=US",
         "Issuer": "CN=DigiCert Global G2 TLS RSA SHA256 2020 CA1, O=DigiCert Inc, C=US",
         "NotBefore": "1/14/2025 12:00:00 AM", "NotAfter": "1/14/2026 11:59:59 PM",
         "FriendlyName": "mail.contoso.com 2025",
         "DnsNameList": "{mail.contoso.com, autodiscover.contoso.com, contoso.com}"},
        {"Thumbprint": "9E7C5A3B1D0F8E6C4A2B0D9F7E5C3A1B9D7F5E3C", "HasPrivateKey": "True",
         "Subject": "CN=EX01", "Issuer": "CN=EX01", "NotBefore": "6/2/2023 8:41:17 AM",
         "NotAfter": "6/2/2028 8:41:17 AM", "FriendlyName": "Microsoft Exchange",
         "DnsNameList": "{EX01, EX01.corp.contoso.com}"},
    ]
    files = [
        ("certificate-store.txt", evidence(STORE_CMD, fl(store))),
        ("exchange-certificates.txt", evidence("Get-ExchangeCertificate | Format-List", certs)),
        ("queues.txt", evidence("Get-Queue | Format-List", queue)),
        ("receive-connectors.txt", evidence("Get-ReceiveConnector -Server EX01 | Format-List", fl(RECEIVE))),
        ("send-connectors.txt", evidence("Get-SendConnector | Format-List", send)),
        ("server.txt", evidence(SERVER_CMD, fl(server("Version 15.0 (Build 1497.2)")))),
        ("tls-registry.txt", evidence(REGISTRY_CMD, fl(registry()))),
        ("transport-services.txt", evidence(TRANSPORT_CMD, fl(TRANSPORT))),
        ("logs/Hub/SmtpSend/SEND20250131-1.LOG", log),
    ]
    listed = [f for f, _ in files if not f.startswith("logs/")]
    listed.append("logs/Hub/SmtpSend/ (1 file(s), 0 MB of " + TRANSPORT[0]["SendProtocolLogPath"] + ")")
    notes = [EVENTS_NOTE,
             "logs/Hub/SmtpReceive not copied: no folder '" + TRANSPORT[0]["ReceiveProtocolLogPath"] + "'.",
             "logs/FrontEnd/SmtpSend not copied: no folder '" + TRANSPORT[1]["SendProtocolLogPath"] + "'.",
             "logs/FrontEnd/SmtpReceive not copied: no folder '" + TRANSPORT[1]["ReceiveProtocolLogPath"] + "'."]
    write_case("kb4495258", [("README.txt", readme(listed, notes))] + files)


def renewal_trap():
    trap = lines_of("renewal-trap-de-de.txt")
    prompts = [i for i, l in enumerate(trap) if l.startswith("[PS]")]
    certs, send = trap[prompts[0] + 1:prompts[1]], trap[prompts[1] + 1:prompts[2]]
    files = [
        ("exchange-certificates.txt", evidence("Get-ExchangeCertificate | Format-List", certs)),
        ("receive-connectors.txt", evidence("Get-ReceiveConnector -Server EX01 | Format-List", fl(RECEIVE))),
        ("send-connectors.txt", evidence("Get-SendConnector | Format-List", send)),
        ("server.txt", evidence(SERVER_CMD, fl(server("Version 15.2 (Build 1544.4)")))),
        ("tls-registry.txt", evidence(REGISTRY_CMD, fl(registry()))),
        ("transport-services.txt", evidence(TRANSPORT_CMD, fl(TRANSPORT))),
    ]
    listed = [f for f, _ in files]
    notes = ["certificate-store.txt not written: Get-ChildItem Cert:\\LocalMachine\\My failed: Access is denied.",
             "queues.txt not written: Get-Queue | Format-List returned nothing.", EVENTS_NOTE] + [
        f"logs/{t['Service']}/{k} not copied: no folder '{t[p]}'."
        for t in TRANSPORT for k, p in [("SmtpSend", "SendProtocolLogPath"),
                                        ("SmtpReceive", "ReceiveProtocolLogPath")]]
    write_case("renewal-trap", [("README.txt", readme(listed, notes))] + files)


if __name__ == "__main__":
    kb4495258()
    renewal_trap()
