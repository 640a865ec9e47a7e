//! Redaction of IP addresses and host names before a report leaves the admin's hands.
//!
//! Every string in the report is scanned; each distinct address or host name gets a stable
//! placeholder (`[ip-1]`, `[host-1]`), so that the same server keeps the same name across
//! findings, evidence lines and PowerShell. Written by hand rather than with `regex` to keep the
//! wasm small and the rules explicit:
//! * IPv4: four dot-separated decimal numbers 0..=255, not part of a longer dotted number;
//! * IPv6: hex groups with colons that contain `::` or have 7 colons (so `09:01:18` is no address);
//! * host name: two or more dot-separated labels (letters, digits, `-`, `_`) whose last label is
//!   2..=24 letters of one case (`System.IO.File` is PowerShell, not a host) and not a file
//!   extension tlsdoctor reads (`SEND20240101-1.LOG` stays).

use std::collections::HashMap;

use crate::report::AnalysisReport;

/// File extensions that look like top-level domains but name files.
const FILE_EXTENSIONS: &[&str] = &[
    "log", "cer", "crt", "pem", "der", "pfx", "p12", "p7b", "p7c", "key", "txt", "json", "md",
    "csv", "zip",
];

/// Replaces addresses and host names with placeholders, consistently across calls.
#[derive(Debug, Default)]
pub struct Redactor {
    ips: HashMap<String, String>,
    hosts: HashMap<String, String>,
}

impl Redactor {
    pub fn new() -> Self {
        Self::default()
    }

    /// `text` with every IP address and host name replaced.
    pub fn redact(&mut self, text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut out = String::with_capacity(text.len());
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            // A token starts at a letter or digit; leading dots (`*.contoso.com`) stay outside.
            if c.is_ascii_alphanumeric() {
                let end = token_end(&chars, i);
                let token: String = chars[i..end].iter().collect();
                if is_ipv6(split_trailing_dots(&token).0) {
                    self.redact_token(&token, &mut out);
                } else {
                    // `DNS:mail.contoso.com`, `10.0.0.1:25`: each colon-separated part on its own.
                    for (n, part) in token.split(':').enumerate() {
                        if n > 0 {
                            out.push(':');
                        }
                        self.redact_token(part, &mut out);
                    }
                }
                i = end;
            } else {
                out.push(c);
                i += 1;
            }
        }
        out
    }

    fn redact_token(&mut self, token: &str, out: &mut String) {
        let (kept, rest) = split_trailing_dots(token);
        if is_ipv4(kept) || is_ipv6(kept) {
            out.push_str(&placeholder(&mut self.ips, kept, "ip"));
        } else if is_host_name(kept) {
            let key = kept.to_ascii_lowercase();
            out.push_str(&placeholder(&mut self.hosts, &key, "host"));
        } else if let Some((stem, extension)) = host_named_file(kept) {
            // `mail.contoso.com.cer`: the file is named after the host.
            let key = stem.to_ascii_lowercase();
            out.push_str(&placeholder(&mut self.hosts, &key, "host"));
            out.push('.');
            out.push_str(extension);
        } else {
            out.push_str(kept);
        }
        out.push_str(rest);
    }

    /// A copy of `report` with every string redacted.
    pub fn redact_report(&mut self, report: &AnalysisReport) -> AnalysisReport {
        let Ok(mut value) = serde_json::to_value(report) else {
            return report.clone();
        };
        self.redact_value(&mut value);
        serde_json::from_value(value).unwrap_or_else(|_| report.clone())
    }

    fn redact_value(&mut self, value: &mut serde_json::Value) {
        match value {
            serde_json::Value::String(s) => *s = self.redact(s),
            serde_json::Value::Array(items) => items.iter_mut().for_each(|v| self.redact_value(v)),
            serde_json::Value::Object(map) => map.values_mut().for_each(|v| self.redact_value(v)),
            _ => {}
        }
    }
}

fn placeholder(map: &mut HashMap<String, String>, key: &str, kind: &str) -> String {
    let next = map.len() + 1;
    map.entry(key.to_owned())
        .or_insert_with(|| format!("[{kind}-{next}]"))
        .clone()
}

/// Characters a host name or address token is made of.
fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ':')
}

fn token_end(chars: &[char], start: usize) -> usize {
    let mut end = start;
    while end < chars.len() && is_token_char(chars[end]) {
        end += 1;
    }
    end
}

/// A sentence-ending dot (`mail.contoso.com.`) or a port colon is not part of the name.
fn split_trailing_dots(token: &str) -> (&str, &str) {
    // `10.0.0.1:25` and `mail.contoso.com:25`: the port stays visible.
    if !is_ipv6(token) {
        if let Some(pos) = token.rfind(':') {
            let (head, port) = token.split_at(pos);
            if port.len() > 1
                && port[1..].bytes().all(|b| b.is_ascii_digit())
                && !head.contains(':')
            {
                let (kept, _) = split_trailing_dots(head);
                return (kept, &token[kept.len()..]);
            }
        }
    }
    let trimmed = token.trim_end_matches(['.', '-', ':']);
    (trimmed, &token[trimmed.len()..])
}

fn is_ipv4(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() == 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
        && parts
            .iter()
            .all(|p| p.parse::<u16>().map(|n| n <= 255).unwrap_or(false))
}

fn is_ipv6(s: &str) -> bool {
    let colons = s.bytes().filter(|&b| b == b':').count();
    if colons < 2
        || !s
            .bytes()
            .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
    {
        return false;
    }
    if !(s.contains("::") || colons == 7) {
        return false;
    }
    s.split(':').all(|g| g.len() <= 4 || is_ipv4(g)) && s.bytes().any(|b| b.is_ascii_hexdigit())
}

/// `(host, extension)` of a file named after a host, such as `mail.contoso.com.pfx`.
fn host_named_file(s: &str) -> Option<(&str, &str)> {
    let (stem, extension) = s.rsplit_once('.')?;
    (FILE_EXTENSIONS.contains(&extension.to_ascii_lowercase().as_str()) && is_host_name(stem))
        .then_some((stem, extension))
}

fn is_host_name(s: &str) -> bool {
    let labels: Vec<&str> = s.split('.').collect();
    if labels.len() < 2 || labels.iter().any(|l| l.is_empty() || l.len() > 63) {
        return false;
    }
    if !labels.iter().all(|l| {
        l.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    }) {
        return false;
    }
    let tld = labels[labels.len() - 1];
    // `System.IO.File`, `$cert.Thumbprint`: a capitalised word is a .NET member, not a domain.
    let one_case =
        tld.bytes().all(|b| b.is_ascii_lowercase()) || tld.bytes().all(|b| b.is_ascii_uppercase());
    (2..=24).contains(&tld.len())
        && one_case
        && !FILE_EXTENSIONS.contains(&tld.to_ascii_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_addresses_and_hosts_consistently() {
        let mut r = Redactor::new();
        let a = r.redact("220 mail.contoso.com ready at 10.100.100.25:25 from [10.100.100.30]");
        assert_eq!(a, "220 [host-1] ready at [ip-1]:25 from [[ip-2]]");
        let b = r.redact("CN=Mail.Contoso.com, O=Contoso; peer 10.100.100.30.");
        assert_eq!(b, "CN=[host-1], O=Contoso; peer [ip-2].");
    }

    #[test]
    fn leaves_timestamps_thumbprints_versions_and_file_names_alone() {
        let mut r = Redactor::new();
        let text = "2024-03-13T09:01:18.723Z SEND20240101-1.LOG widgits-2014-old.cer 683A0A9DD83DDD7083F15F73B2A904330B29E11D 1.2.840.113549.1.1.11 v0.1.0";
        assert_eq!(r.redact(text), text);
        assert_eq!(
            r.redact("dropped testservereku.contoso.com.cer"),
            "dropped [host-1].cer"
        );
    }

    #[test]
    fn ipv6_addresses_are_redacted() {
        let mut r = Redactor::new();
        assert_eq!(
            r.redact("remote 2001:db8::1 and fe80::1%3"),
            "remote [ip-1] and [ip-2]%3"
        );
    }

    #[test]
    fn typed_names_and_powershell_members() {
        let mut r = Redactor::new();
        assert_eq!(
            r.redact("DNS:mail.contoso.com [System.IO.File]::ReadAllBytes($cert.Thumbprint) MAIL.CONTOSO.COM"),
            "DNS:[host-1] [System.IO.File]::ReadAllBytes($cert.Thumbprint) [host-1]"
        );
    }

    #[test]
    fn email_domains_and_wildcards_are_redacted() {
        let mut r = Redactor::new();
        assert_eq!(
            r.redact("veeam@contoso.com *.contoso.com"),
            "veeam@[host-1] *.[host-1]"
        );
    }
}
