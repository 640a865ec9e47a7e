//! The page's "what to collect" commands (`powershell::collect_commands`): the output of each
//! command, as an admin pastes it with its prompt line, is read by the core as the records that
//! step promises. The outputs are the real shell transcripts of `testdata/paste/`, re-headed
//! with the exact command the page shows.

use tlsdoctor_core::diagnose::powershell::{self, collect_commands, CollectWhat};
use tlsdoctor_core::i18n::Lang;
use tlsdoctor_core::paste::{self, connector::ConnectorKind};

fn fixture(name: &str) -> String {
    let path = format!("{}/../../testdata/paste/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The output lines that follow the first prompt line whose command starts with `cmdlet`,
/// up to the next prompt line.
fn output_of(transcript: &str, cmdlet: &str) -> String {
    let lines: Vec<&str> = transcript.lines().collect();
    let start = lines
        .iter()
        .position(|l| l.starts_with("[PS]") && l.contains(&format!(">{cmdlet}")))
        .unwrap_or_else(|| panic!("no prompt line for {cmdlet}"));
    lines[start + 1..]
        .iter()
        .take_while(|l| !l.starts_with("[PS]"))
        .copied()
        .collect::<Vec<_>>()
        .join("\n")
}

fn step(what: CollectWhat) -> &'static [&'static str] {
    collect_commands(Lang::En)
        .into_iter()
        .find(|s| s.what == what)
        .expect("step present")
        .commands
}

fn pasted(command: &str, output: &str) -> String {
    format!("[PS] C:\\Windows\\system32>{command}\n\n{output}\n")
}

#[test]
fn certificate_step_output_is_read_as_certificates() {
    let commands = step(CollectWhat::Certificates);
    let cmd = commands
        .iter()
        .find(|c| c.starts_with("Get-ExchangeCertificate"))
        .expect("Get-ExchangeCertificate in step 1");
    let output = output_of(
        &fixture("kb4495258-outage-en-us.txt"),
        "Get-ExchangeCertificate",
    );
    // The whole step as pasted: the $FormatEnumerationLimit line first (a prompt line without
    // output), then the listing.
    let text = format!(
        "[PS] C:\\Windows\\system32>{}\n{}",
        commands[0],
        pasted(cmd, &output)
    );
    let read = paste::parse_text(&text);
    assert!(!read.certificates.is_empty(), "no certificate read");
    for c in &read.certificates {
        let tp = c.thumbprint.as_deref().expect("thumbprint read");
        assert_eq!(tp.len(), 40);
        assert!(tp.bytes().all(|b| b.is_ascii_hexdigit()));
        assert!(c.has_private_key.is_some(), "HasPrivateKey shown by fl");
        assert!(c.services.is_some(), "Services shown by fl");
    }
    assert!(read.connectors.is_empty());
}

#[test]
fn connector_step_output_is_read_with_the_kind_its_command_names() {
    let commands = step(CollectWhat::Connectors);
    let send_cmd = commands
        .iter()
        .find(|c| c.starts_with("Get-SendConnector"))
        .expect("Get-SendConnector in step 2");
    let receive_cmd = commands
        .iter()
        .find(|c| c.starts_with("Get-ReceiveConnector"))
        .expect("Get-ReceiveConnector in step 2");
    let send_out = output_of(&fixture("kb4495258-outage-en-us.txt"), "Get-SendConnector");
    let receive_out = output_of(
        &fixture("get-receiveconnector-fl-tlsname-wrong.txt"),
        "Get-ReceiveConnector",
    );
    let text = pasted(send_cmd, &send_out) + &pasted(receive_cmd, &receive_out);
    let read = paste::parse_text(&text);
    let kinds: Vec<ConnectorKind> = read.connectors.iter().map(|c| c.kind).collect();
    assert!(kinds.contains(&ConnectorKind::Send), "{kinds:?}");
    assert!(kinds.contains(&ConnectorKind::Receive), "{kinds:?}");
    assert!(read
        .connectors
        .iter()
        .all(|c| c.name.is_some() || c.identity.is_some()));
}

#[test]
fn commands_are_constants_the_same_in_every_language() {
    let (en, de) = (collect_commands(Lang::En), collect_commands(Lang::De));
    assert_eq!(en.len(), 3);
    for (e, d) in en.iter().zip(de.iter()) {
        assert_eq!(e.what, d.what);
        assert_eq!(e.commands, d.commands, "commands are never translated");
        assert_ne!(e.text, d.text, "the text around them is");
        for c in e.commands {
            // Nothing the quoting rules would have to touch, nothing a guard would comment out.
            assert!(!c.chars().any(powershell::must_escape), "{c:?}");
            assert!(!powershell::is_comment(c));
            assert_eq!(powershell::guard(c, Lang::En), (c.to_string(), false));
            // Only reading cmdlets: every pipeline stage is Get-* or Format-List (fl), or the
            // $FormatEnumerationLimit preference.
            for stage in c.split('|').map(str::trim) {
                assert!(
                    stage.starts_with("Get-")
                        || stage.starts_with("fl")
                        || stage == "$FormatEnumerationLimit = -1",
                    "{stage:?} in {c:?} does not only read"
                );
            }
        }
    }
    let folders = step(CollectWhat::ProtocolLogFolders);
    assert!(folders.iter().all(|c| c.ends_with("*ProtocolLogPath")));
}
