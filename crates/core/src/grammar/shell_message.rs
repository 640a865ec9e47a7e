//! What the shell itself prints between a command's objects: warning, verbose and debug lines
//! and error records, in English and in a localized Windows PowerShell.
//!
//! Sources: the console host writes a warning as `WARNING: {0}` (`VERBOSE: {0}`, `DEBUG: {0}`),
//! the format strings `WarningFormatString`, `VerboseFormatString` and `DebugFormatString` of
//! the host's resources, translated in a localized Windows (German `WARNUNG:`,
//! `AUSFÜHRLICH:`, `DEBUGGEN:`; French `AVERTISSEMENT :`, `COMMENTAIRES :`, `DÉBOGUER :`, with
//! the space French puts before a colon); about_Preference_Variables
//! (learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_preference_variables).
//! An error record in Windows PowerShell 5.1's `NormalView` (about_Preference_Variables,
//! `$ErrorView`) is the message (`Get-ExchangeCertificate : message` for a local command; the
//! message alone from the Exchange Management Shell's remote session), then, for a local
//! command, the position (`At line:1 char:1`, `In Zeile:1 Zeichen:1`, ...) and the command
//! line marked with `+ ~~~`, and last the record's details indented with `    + `:
//! `CategoryInfo`, `FullyQualifiedErrorId` and, from a remote session, `PSComputerName`. The
//! detail names are property names and are never translated: they are what an error record is
//! recognised by.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_till, take_until, take_while, take_while1};
use nom::character::complete::{char, space0, space1};
use nom::combinator::{opt, rest};
use nom::sequence::{delimited, preceded, terminated, tuple};

/// The stream a prefixed line was written to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    Warning,
    Verbose,
    Debug,
}

/// `WARNING: text` and its translations: the stream and the text.
pub fn prefixed(text: &str) -> Option<(Stream, &str)> {
    const PREFIXES: &[(&str, Stream)] = &[
        ("WARNING", Stream::Warning),
        ("WARNUNG", Stream::Warning),
        ("AVERTISSEMENT", Stream::Warning),
        ("VERBOSE", Stream::Verbose),
        ("AUSFÜHRLICH", Stream::Verbose),
        ("COMMENTAIRES", Stream::Verbose),
        ("DEBUG", Stream::Debug),
        ("DEBUGGEN", Stream::Debug),
        ("DÉBOGUER", Stream::Debug),
    ];
    let word = take_while1::<_, _, nom::error::Error<&str>>(|c: char| c.is_alphabetic());
    let (after, (w, _, _)) = tuple((word, opt(char(' ')), tag(": ")))(text).ok()?;
    PREFIXES
        .iter()
        .find(|(p, _)| *p == w)
        .map(|(_, s)| (*s, after.trim()))
}

/// One detail line of an error record: `    + CategoryInfo          : value`. The name and
/// value.
pub fn detail(text: &str) -> Option<(&str, &str)> {
    let (_, (_, name, value)) = tuple((
        terminated(space1::<_, nom::error::Error<&str>>, tag("+ ")),
        take_while1(|c: char| c.is_ascii_alphanumeric()),
        preceded(tuple((space0, char(':'), opt(char(' ')))), rest),
    ))(text)
    .ok()?;
    Some((name, value.trim()))
}

/// The detail line that marks an error record (the first one it prints).
pub fn starts_details(text: &str) -> bool {
    detail(text).is_some_and(|(name, _)| matches!(name, "CategoryInfo" | "FullyQualifiedErrorId"))
}

/// `NotSpecified: (:) [Get-ExchangeCertificate], ManagementObjectNotFoundException`: the
/// command in brackets (empty for a command not found) and the exception's type name.
pub fn category_info(value: &str) -> Option<(Option<&str>, &str)> {
    let (_, (_, command, exception)) = tuple((
        take_until::<_, _, nom::error::Error<&str>>(" ["),
        delimited(tag(" ["), take_till(|c| c == ']'), tag("], ")),
        take_while(|c: char| c.is_ascii_alphanumeric() || c == '.' || c == '_'),
    ))(value)
    .ok()?;
    (!exception.is_empty()).then(|| (Some(command).filter(|c| !c.is_empty()), exception))
}

/// `Get-ExchangeCertificate : message`: the command that wrote a local error's message, when
/// the line starts with a `Verb-Noun` name and ` : `.
pub fn error_command(text: &str) -> Option<&str> {
    let verb_noun = nom::combinator::recognize(tuple((
        take_while1::<_, _, nom::error::Error<&str>>(|c: char| c.is_ascii_alphabetic()),
        char('-'),
        take_while1(|c: char| c.is_ascii_alphanumeric()),
    )));
    let (_, (name, _)) = tuple((verb_noun, alt((tag(" : "), tag(": ")))))(text).ok()?;
    Some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes() {
        assert_eq!(
            prefixed("WARNING: The certificate expires in 30 days."),
            Some((Stream::Warning, "The certificate expires in 30 days."))
        );
        assert_eq!(
            prefixed("WARNUNG: Das Zertifikat läuft ab.").map(|p| p.0),
            Some(Stream::Warning)
        );
        assert_eq!(
            prefixed("AVERTISSEMENT : Le certificat expire.").map(|p| p.0),
            Some(Stream::Warning)
        );
        assert_eq!(
            prefixed("AUSFÜHRLICH: Vorgang wird ausgeführt").map(|p| p.0),
            Some(Stream::Verbose)
        );
        assert_eq!(prefixed("Subject : CN=x"), None);
        assert_eq!(prefixed("Status: Retry"), None);
        assert_eq!(prefixed("WARNING:x"), None);
    }

    #[test]
    fn error_records() {
        assert_eq!(
            detail("    + CategoryInfo          : NotSpecified: (:) [Get-ExchangeCertificate], ManagementObjectNotFoundException"),
            Some(("CategoryInfo", "NotSpecified: (:) [Get-ExchangeCertificate], ManagementObjectNotFoundException"))
        );
        assert!(starts_details(
            "    + FullyQualifiedErrorId : CommandNotFoundException"
        ));
        assert!(!starts_details(
            "    + PSComputerName        : ex01.contoso.com"
        ));
        assert!(!starts_details("+ Get-SendConnector | fl"));
        assert_eq!(
            category_info(
                "NotSpecified: (:) [Get-ExchangeCertificate], ManagementObjectNotFoundException"
            ),
            Some((
                Some("Get-ExchangeCertificate"),
                "ManagementObjectNotFoundException"
            ))
        );
        assert_eq!(
            category_info(
                "ObjectNotFound: (Get-SendConnector:String) [], CommandNotFoundException"
            ),
            Some((None, "CommandNotFoundException"))
        );
        assert_eq!(
            error_command(
                "Get-SendConnector : Die Benennung \"Get-SendConnector\" wurde nicht erkannt"
            ),
            Some("Get-SendConnector")
        );
        assert_eq!(error_command("Subject : CN=x"), None);
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
            let _ = prefixed(&text);
            let _ = detail(&text);
            let _ = starts_details(&text);
            let _ = category_info(&text);
            let _ = error_command(&text);
        }
    }
}
