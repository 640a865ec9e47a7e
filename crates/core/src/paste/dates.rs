//! Dates as the Exchange Management Shell prints them: `DateTime.ToString()` in the
//! server's culture. en-US: `1/31/2025 12:00:00 PM`; de-DE: `31.01.2025 12:00:00`;
//! en-GB/fr-FR: `31/01/2025 12:00:00`; ISO cultures: `2025-01-31 12:00:00`.
//! The shell prints local time without an offset, so the value is a local wall-clock time.

use serde::{Deserialize, Serialize};
use time::{Date, Month, PrimitiveDateTime, Time};

use crate::grammar::dates as date_grammar;

/// A date read from a paste: the text as printed and what it means (if it could be read).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PastedDate {
    pub text: String,
    /// `2025-01-31T12:00:00` (no offset: the server's local time).
    pub local: Option<String>,
    #[serde(skip)]
    pub value: Option<PrimitiveDateTime>,
}

impl PastedDate {
    pub fn parse(text: &str) -> PastedDate {
        let value = parse_local_date_time(text);
        PastedDate {
            text: text.trim().to_string(),
            local: value.map(|v| {
                format!(
                    "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
                    v.year(),
                    u8::from(v.month()),
                    v.day(),
                    v.hour(),
                    v.minute(),
                    v.second()
                )
            }),
            value,
        }
    }
}

/// Reads one of the culture forms above. The text is split by the grammar of
/// [`crate::grammar::dates`]; the choice between day-first and month-first is made here, since
/// it depends on the AM/PM marker and on the numbers themselves.
///
/// Slashes with AM/PM are US month-first; slashes
/// without AM/PM are day-first (the 24-hour cultures that use slashes are day-first),
/// unless the second number cannot be a month (then month-first).
pub fn parse_local_date_time(text: &str) -> Option<PrimitiveDateTime> {
    let parts = date_grammar::date_time(text)?;
    let pm = match parts.meridiem {
        Some(word) => Some(date_grammar::is_pm(word)?),
        None => None,
    };
    let f = parts.date;
    let (year, month, day) = match parts.separator {
        '.' => (f[2], f[1], f[0]),
        '/' if pm.is_some() || f[1] > 12 => (f[2], f[0], f[1]),
        '/' => (f[2], f[1], f[0]),
        _ => (f[0], f[1], f[2]),
    };
    if !(1000..=9999).contains(&year) {
        return None;
    }
    let date = Date::from_calendar_date(
        year as i32,
        Month::try_from(u8::try_from(month).ok()?).ok()?,
        u8::try_from(day).ok()?,
    )
    .ok()?;

    let time = match parts.time {
        None => Time::MIDNIGHT,
        Some((hour, minute, second)) => {
            let hour = match pm {
                Some(false) if hour == 12 => 0,
                Some(true) if hour < 12 => hour + 12,
                _ => hour,
            };
            Time::from_hms(
                u8::try_from(hour).ok()?,
                u8::try_from(minute).ok()?,
                u8::try_from(second.unwrap_or(0)).ok()?,
            )
            .ok()?
        }
    };
    Some(PrimitiveDateTime::new(date, time))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(text: &str) -> Option<String> {
        PastedDate::parse(text).local
    }

    #[test]
    fn us_german_british_and_iso_forms() {
        assert_eq!(
            iso("1/31/2025 12:00:00 PM").as_deref(),
            Some("2025-01-31T12:00:00")
        );
        assert_eq!(
            iso("1/31/2025 12:00:00 AM").as_deref(),
            Some("2025-01-31T00:00:00")
        );
        assert_eq!(
            iso("3/4/2025 1:05:09 PM").as_deref(),
            Some("2025-03-04T13:05:09")
        );
        assert_eq!(
            iso("31.01.2025 12:00:00").as_deref(),
            Some("2025-01-31T12:00:00")
        );
        assert_eq!(
            iso("04.03.2025 23:59:59").as_deref(),
            Some("2025-03-04T23:59:59")
        );
        assert_eq!(
            iso("04/03/2025 23:59:59").as_deref(),
            Some("2025-03-04T23:59:59")
        );
        assert_eq!(
            iso("2025-01-31 12:00:00").as_deref(),
            Some("2025-01-31T12:00:00")
        );
        assert_eq!(
            iso("9/28/2010 9:35:58 AM").as_deref(),
            Some("2010-09-28T09:35:58")
        );
    }

    #[test]
    fn nonsense_is_kept_as_text_only() {
        let d = PastedDate::parse("31.02.2025 12:00:00");
        assert_eq!(d.local, None);
        assert_eq!(d.text, "31.02.2025 12:00:00");
        assert_eq!(iso("yesterday"), None);
        assert_eq!(iso("1/31/2025 25:00:00"), None);
        assert_eq!(iso(""), None);
    }
}
