//! `legacy-tls-protocol-negotiated`: a connector's sessions negotiated TLS 1.0, TLS 1.1 or SSL 3.0
//! (`TLS protocol SP_PROT_TLS1_0_SERVER negotiation succeeded ...`). Mail flows today, but
//! Exchange Online takes only TLS 1.2 or later and Microsoft's Exchange Server TLS guidance
//! turns the older versions off, so it breaks when either side does. A warning, one per connector,
//! citing the first row of each old version; the fix is row #11's (TLS 1.2 for SCHANNEL and .NET).

use crate::catalogue::cx::Cx;
use crate::catalogue::fix;
use crate::catalogue::Id;
use crate::ids::FindingId;
use crate::report::{Finding, Severity};

use super::context::Context;

pub const ID: FindingId = FindingId::LegacyTlsProtocolNegotiated;

/// The version an SSPI protocol name stands for when it is older than TLS 1.2
/// (`SP_PROT_TLS1_0_SERVER`, `SP_PROT_TLS1_CLIENT`, `SP_PROT_TLS1_1_SERVER`, `SP_PROT_SSL3_CLIENT`).
pub fn legacy_version(protocol: &str) -> Option<&'static str> {
    let p = protocol.to_ascii_uppercase();
    let rest = p.strip_prefix("SP_PROT_").unwrap_or(&p);
    let version = rest
        .strip_suffix("_SERVER")
        .or_else(|| rest.strip_suffix("_CLIENT"))
        .unwrap_or(rest);
    match version {
        "TLS1" | "TLS1_0" => Some("TLS 1.0"),
        "TLS1_1" => Some("TLS 1.1"),
        "SSL3" => Some("SSL 3.0"),
        "SSL2" => Some("SSL 2.0"),
        _ => None,
    }
}

pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let cx = Cx::of(cx);
    let logs = cx.input.logs;
    let (list, powershell) = fix::tls12_on_servers(&cx);
    for c in &logs.connectors {
        let old: Vec<(&str, &'static str, &crate::report::Evidence)> = c
            .protocols
            .iter()
            .zip(&c.protocol_evidence)
            .filter_map(|(p, e)| legacy_version(p).map(|v| (p.as_str(), v, e)))
            .collect();
        let Some(&(protocol, _, _)) = old.first() else {
            continue;
        };
        let mut versions: Vec<&str> = old.iter().map(|(_, v, _)| *v).collect();
        versions.sort_unstable();
        versions.dedup();
        let versions = versions.join(", ");
        out.push(cx.finding(
            Id::LegacyTlsProtocol,
            Severity::Warning,
            &[
                ("connector", c.name.as_str()),
                ("version", versions.as_str()),
                ("protocol", protocol),
                ("servers", list.as_str()),
            ],
            old.iter().map(|(_, _, e)| (*e).clone()).collect(),
            Vec::new(),
            vec![c.name.clone()],
            powershell.clone(),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::legacy_version;

    #[test]
    fn sspi_protocol_names() {
        assert_eq!(legacy_version("SP_PROT_TLS1_0_SERVER"), Some("TLS 1.0"));
        assert_eq!(legacy_version("SP_PROT_TLS1_CLIENT"), Some("TLS 1.0"));
        assert_eq!(legacy_version("SP_PROT_TLS1_1_CLIENT"), Some("TLS 1.1"));
        assert_eq!(legacy_version("SP_PROT_SSL3_SERVER"), Some("SSL 3.0"));
        assert_eq!(legacy_version("SP_PROT_TLS1_2_SERVER"), None);
        assert_eq!(legacy_version("SP_PROT_TLS1_3_CLIENT"), None);
        assert_eq!(legacy_version(""), None);
    }
}
