//! Which Exchange server wrote a protocol log row, from what the input shows (a shared reader,
//! no finding id of its own): the connector's identity (`EX01\Default Frontend EX01`), the
//! collector's .zip name (`TlsEvidence-EX01-20250131-101500.zip/...`), a UNC path
//! (`\\EX01\c$\...\SmtpSend\SEND2026113001-1.LOG`) or the folder the admin copied each server's
//! logs into (`EX01\SmtpSend\...`, `logs\EX01\SEND....LOG`). A folder name is taken only when it
//! looks like a computer name (NetBIOS: at most 15 letters, digits and hyphens, with a digit,
//! as Exchange servers are usually named) and is none of Exchange's own log folders, or when
//! another input names the same server; and then only when another input names that server,
//! Exchange's own log folders lie between it and the file (`EX02\SmtpSend\SEND....LOG`), or the
//! logs given lie in at least two such folders (one per server): a single folder holding the
//! logs that the admin happened to name `case123` or `logs2024` is no server. Unknown: `None`
//! (the fixes then show the placeholder).

use super::context::Context;

/// Folders of Exchange's own log layout and of the collector's .zip: never a server name.
const LOG_FOLDERS: &[&str] = &[
    "smtpsend",
    "smtpreceive",
    "protocollog",
    "hub",
    "frontend",
    "mailbox",
    "edge",
    "logs",
    "log",
    "transportroles",
    "delivery",
    "submission",
    "v14",
    "v15",
    "temp",
    "tmp",
];

/// A NetBIOS-like computer name: 1 to 15 ASCII letters, digits and hyphens, a letter first.
fn computer_like(name: &str) -> bool {
    (1..=15).contains(&name.len())
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && !LOG_FOLDERS.contains(&name.to_ascii_lowercase().as_str())
}

/// `SERVER` of `TlsEvidence-SERVER-yyyyMMdd-HHmmss.zip` (the collector's name).
fn collector_zip_server(component: &str) -> Option<&str> {
    let rest = component.strip_prefix("TlsEvidence-")?;
    let rest = rest
        .strip_suffix(".zip")
        .or_else(|| rest.strip_suffix(".ZIP"))?;
    // Server names may hold hyphens: the date and time are the last two parts.
    let mut parts = rest.rsplitn(3, '-');
    let time = parts.next()?;
    let date = parts.next()?;
    let server = parts.next()?;
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    (digits(time, 6) && digits(date, 8) && computer_like(server)).then_some(server)
}

/// The server a log file's path names, when it names one (see the module notes). `known`:
/// server names other inputs give (a folder name without a digit counts when it is one).
pub fn server_of_path<'p>(path: &'p str, known: &[String]) -> Option<&'p str> {
    if let Some(s) = explicit_server_of_path(path) {
        return Some(s);
    }
    let components: Vec<&str> = path.split(['\\', '/']).filter(|c| !c.is_empty()).collect();
    // The folder holding the log's folders: walk up from the file past Exchange's own names.
    let folders = components.len().saturating_sub(1);
    let candidate = components[..folders]
        .iter()
        .rev()
        .find(|c| !LOG_FOLDERS.contains(&c.to_ascii_lowercase().as_str()))?;
    let accepted = computer_like(candidate)
        && (candidate.bytes().any(|b| b.is_ascii_digit())
            || known.iter().any(|k| k.eq_ignore_ascii_case(candidate)));
    accepted.then_some(*candidate)
}

/// The server that wrote the log row at `path` on `connector`: the connector's own identity
/// (`EX01\...`, a Receive connector) first, then the path.
pub fn server_of_log(cx: &Context<'_>, path: &str, connector: &str) -> Option<String> {
    if let Some(s) = crate::catalogue::cx::server_of(connector) {
        if computer_like(s) {
            return Some(s.to_string());
        }
    }
    if let Some(s) = explicit_server_of_path(path) {
        return Some(s.to_string());
    }
    let known = known_servers(cx);
    let candidate = server_of_path(path, &known)?;
    // Known from another input, or above Exchange's own folders (not the file's folder).
    let parent = path
        .split(['\\', '/'])
        .filter(|c| !c.is_empty())
        .rev()
        .nth(1);
    if known.iter().any(|k| k.eq_ignore_ascii_case(candidate))
        || parent.is_some_and(|p| !p.eq_ignore_ascii_case(candidate))
    {
        return Some(candidate.to_string());
    }
    // A folder name alone: only when the protocol logs given lie in two or more of them.
    let mut folders: Vec<&str> = Vec::new();
    for f in cx
        .files
        .iter()
        .filter(|f| f.kind == crate::ids::FileKind::ProtocolLog)
    {
        if let Some(s) = server_of_path(&f.path, &known) {
            if !folders.iter().any(|k| k.eq_ignore_ascii_case(s)) {
                folders.push(s);
            }
        }
    }
    (folders.len() >= 2).then(|| candidate.to_string())
}

/// The server a path names outright: a UNC host (`\\\\SERVER\\share\\...`, not the `\\\\?\\` and
/// `\\\\.\\` device prefixes) or the collector's .zip name.
fn explicit_server_of_path(path: &str) -> Option<&str> {
    for prefix in ["\\\\", "//"] {
        if let Some(rest) = path.strip_prefix(prefix) {
            let host = rest.split(['\\', '/']).next().unwrap_or("");
            let host = host.split('.').next().unwrap_or(host);
            if computer_like(host) {
                return Some(host);
            }
        }
    }
    path.split(['\\', '/']).find_map(collector_zip_server)
}

/// Server names other inputs give: Receive connector identities in the logs, pasted
/// connectors' SourceTransportServers and identities, events' computers.
fn known_servers(cx: &Context<'_>) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    for c in &cx.logs.connectors {
        if let Some(s) = crate::catalogue::cx::server_of(&c.name) {
            crate::catalogue::cx::push_unique(&mut v, s);
        }
    }
    for (_, c, _) in cx.pasted_connectors() {
        for s in &c.source_transport_servers {
            crate::catalogue::cx::push_unique(&mut v, s);
        }
        if let Some(s) = c
            .identity
            .as_deref()
            .and_then(crate::catalogue::cx::server_of)
        {
            crate::catalogue::cx::push_unique(&mut v, s);
        }
    }
    v
}

/// The servers of several log rows (path, connector), each once, in order.
pub fn servers_of_logs<'r>(
    cx: &Context<'_>,
    rows: impl IntoIterator<Item = (&'r str, &'r str)>,
) -> Vec<String> {
    let mut v: Vec<String> = Vec::new();
    // Up to a thousand failures share a few (file, connector) pairs: each pair is looked at
    // once (its server does not change), not once per row.
    let mut seen: std::collections::HashSet<(&str, &str)> = std::collections::HashSet::new();
    for (path, connector) in rows {
        if !seen.insert((path, connector)) {
            continue;
        }
        if let Some(s) = server_of_log(cx, path, connector) {
            crate::catalogue::cx::push_unique(&mut v, &s);
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::server_of_path;

    #[test]
    fn servers_from_paths() {
        let none: Vec<String> = Vec::new();
        for (path, server) in [
            ("mixed/EX01/SmtpSend/SEND20261130-1.LOG", Some("EX01")),
            ("C:\\Case\\EX02\\SmtpReceive\\RECV2026113001-1.LOG", Some("EX02")),
            ("\\\\EX03\\c$\\Program Files\\Microsoft\\Exchange Server\\V15\\TransportRoles\\Logs\\Hub\\ProtocolLog\\SmtpSend\\SEND1.LOG", Some("EX03")),
            ("TlsEvidence-MBX-2019-20250131-101500.zip/logs/Hub/SmtpSend/SEND1.LOG", Some("MBX-2019")),
            ("C:\\Program Files\\Microsoft\\Exchange Server\\V15\\TransportRoles\\Logs\\Hub\\ProtocolLog\\SmtpSend\\SEND1.LOG", None),
            ("logs/SEND1.LOG", None),
            ("SEND1.LOG", None),
            ("mixed/SmtpSend/SEND1.LOG", None),
            ("2026-11-30/SmtpSend/SEND1.LOG", None),
            ("\\\\?\\C:\\x\\SEND1.LOG", None),
        ] {
            assert_eq!(server_of_path(path, &none), server, "{path}");
        }
        // A name without a digit only when another input names that server.
        assert_eq!(server_of_path("MAIL/SmtpSend/SEND1.LOG", &none), None);
        assert_eq!(
            server_of_path("MAIL/SmtpSend/SEND1.LOG", &["mail".to_string()]),
            Some("MAIL")
        );
    }
}
