//! The frame lines `Start-Transcript` writes around a session and around each command.
//!
//! Source: PowerShell/PowerShell `src/System.Management.Automation/engine/hostifaces/
//! MshHostUserInterface.cs` (`LogTranscriptHeader`, `TranscribeCommandComplete`, the
//! epilogue in `StopTranscribing`) and the resource strings `TranscriptPrologue`,
//! `MinimalTranscriptPrologue`, `TranscriptEpilogue` and `CommandStartTime` of
//! `InternalHostUserInterfaceStrings.resx`; the `Start-Transcript` reference
//! (learn.microsoft.com/powershell/module/microsoft.powershell.host/start-transcript). A
//! transcript of Windows PowerShell 5.1 reads:
//!
//! ```text
//! **********************
//! Windows PowerShell transcript start
//! Start time: 20250131091502
//! Username: CONTOSO\admin
//! RunAs User: CONTOSO\admin
//! Configuration Name:
//! Machine: EX01 (Microsoft Windows NT 10.0.17763.0)
//! Host Application: C:\Windows\system32\WindowsPowerShell\v1.0\powershell.exe ...
//! Process ID: 4711
//! PSVersion: 5.1.17763.6414
//! ...
//! **********************
//! **********************
//! Command start time: 20250131091510
//! **********************
//! PS>Get-ExchangeCertificate | fl
//! ...
//! **********************
//! Windows PowerShell transcript end
//! End time: 20250131091530
//! **********************
//! ```
//!
//! PowerShell 7 writes `PowerShell transcript start` and its own `PSVersionTable` keys
//! (`GitCommitId`, `OS`, `Platform`). The labels come from the resources and are translated
//! in a localized Windows PowerShell, so the frame is recognised by its shape: a line of
//! asterisks, a few non-blank lines, a line of asterisks. Inside it, the machine line is
//! recognised by its value, `NAME (Microsoft Windows NT 10.0.17763.0)`
//! (`Environment.MachineName` and `Environment.OSVersion.VersionString`), under any label.

use nom::bytes::complete::{tag, take_till1, take_while1, take_while_m_n};
use nom::character::complete::{char, space0};
use nom::combinator::{all_consuming, rest};
use nom::sequence::{delimited, pair, preceded, terminated, tuple};

use super::PResult;

/// The most lines a header frame holds: the prologue has 8 lines plus one per
/// `$PSVersionTable` key (about 10 in 5.1 and 7). More than that is not a transcript frame.
pub const MAX_FRAME_LINES: usize = 40;

/// `**********************` (22 asterisks in every version; 10 or more are accepted, as a
/// copy may cut or an editor may pad it).
pub fn is_star_line(text: &str) -> bool {
    all_consuming(delimited(
        space0::<_, nom::error::Error<&str>>,
        take_while_m_n(10, usize::MAX, |c| c == '*'),
        space0,
    ))(text)
    .is_ok()
}

/// A `PSVersionTable` line or a label line of the prologue in English, for the tests and
/// for the line-by-line reading of a frame whose asterisk lines were not copied.
pub fn is_english_header_line(text: &str) -> bool {
    let t = text.trim();
    // `Start-Transcript`'s and `Stop-Transcript`'s own output, which the transcript records,
    // and the line Windows PowerShell 5.1 adds for a terminating error
    // (`>> TerminatingError(Get-ExchangeCertificate): "message"`; `PS>` before it in a
    // transcript with invocation headers).
    if t.starts_with("Transcript started, output file is ")
        || t.starts_with("Transcript stopped, output file is ")
        || t.starts_with(">> TerminatingError(")
        || t.starts_with("PS>TerminatingError(")
    {
        return true;
    }
    if matches!(
        t,
        "Windows PowerShell transcript start"
            | "Windows PowerShell transcript end"
            | "PowerShell transcript start"
            | "PowerShell transcript end"
    ) {
        return true;
    }
    let Some((label, _)) = t.split_once(':') else {
        return false;
    };
    matches!(
        label,
        "Start time"
            | "End time"
            | "Command start time"
            | "Username"
            | "RunAs User"
            | "Configuration Name"
            | "Machine"
            | "Host Application"
            | "Process ID"
            | "PSVersion"
            | "PSEdition"
            | "PSCompatibleVersions"
            | "BuildVersion"
            | "CLRVersion"
            | "WSManStackVersion"
            | "PSRemotingProtocolVersion"
            | "SerializationVersion"
            | "GitCommitId"
            | "OS"
            | "Platform"
    )
}

/// `EX01 (Microsoft Windows NT 10.0.17763.0)`: the computer name before the OS version.
fn machine_value(input: &str) -> PResult<'_, &str> {
    terminated(
        take_till1(|c: char| c.is_whitespace() || c == '('),
        tuple((
            char(' '),
            char('('),
            take_till1(|c| c == ')'),
            char(')'),
            space0,
        )),
    )(input)
}

/// The machine a transcript was written on, from its `Machine: EX01 (Microsoft Windows NT
/// 10.0.17763.0)` line (any label: the label is translated, the value is not). `None` for
/// any other line. A host name is returned without its domain and as written.
pub fn machine(text: &str) -> Option<&str> {
    let (_, name) = all_consuming(preceded(
        pair(
            take_while1(|c: char| c != ':' && c != '('),
            pair(char(':'), space0),
        ),
        machine_value,
    ))(text.trim())
    .ok()?;
    // The OS version names the operating system (`Microsoft Windows NT ...`, `Unix ...`):
    // a label line whose value has some other bracket (`Process ID: 4711 (x)`) is not it.
    let (_, (_, os)) = pair(
        take_till1::<_, _, nom::error::Error<&str>>(|c| c == '('),
        preceded(tag("("), rest),
    )(text.trim())
    .ok()?;
    let os_like = os.starts_with("Microsoft Windows") || os.starts_with("Unix");
    let name = name.split('.').next().unwrap_or(name);
    (os_like && !name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frame_lines() {
        assert!(is_star_line("**********************"));
        assert!(is_star_line("**********************  "));
        assert!(!is_star_line("*****"));
        assert!(!is_star_line("** note **********"));
        assert!(!is_star_line(""));
        assert!(is_english_header_line(
            "Windows PowerShell transcript start"
        ));
        assert!(is_english_header_line("Start time: 20241105093012"));
        assert!(is_english_header_line("Configuration Name: "));
        assert!(is_english_header_line(
            "Transcript started, output file is C:\\Users\\admin\\Documents\\t.txt"
        ));
        assert!(!is_english_header_line("Subject : CN=mail.contoso.com"));
        assert!(is_english_header_line(
            ">> TerminatingError(Get-ExchangeCertificate): \"The operation couldn't be performed\""
        ));
    }

    #[test]
    fn machine_lines() {
        assert_eq!(
            machine("Machine: EX01 (Microsoft Windows NT 10.0.17763.0)"),
            Some("EX01")
        );
        // A localized label, a fully qualified name, PowerShell 7 on Linux.
        assert_eq!(
            machine("Computer: ex01.contoso.com (Microsoft Windows NT 10.0.20348.0)"),
            Some("ex01")
        );
        assert_eq!(machine("Machine: mgmt (Unix 6.8.0.45)"), Some("mgmt"));
        assert_eq!(machine("Process ID: 4711"), None);
        assert_eq!(machine("Username: CONTOSO\\admin"), None);
        assert_eq!(machine("Host Application: C:\\x.exe (y)"), None);
        assert_eq!(machine("Machine: EX01"), None);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn never_panics(text in any::<String>()) {
            let _ = is_star_line(&text);
            let _ = is_english_header_line(&text);
            let _ = machine(&text);
        }
    }
}
