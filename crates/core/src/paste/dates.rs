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
/// A four-digit first number is the year, then month and day (ISO, and ja-JP / zh-CN
/// `yyyy/MM/dd`). Otherwise the year is last: dots are day-first (de-DE); slashes with AM/PM
/// are US month-first unless the month is zero-padded (en-AU `d/MM/yyyy h:mm:ss tt`: en-US
/// never pads); slashes and dashes without AM/PM are day-first (the 24-hour cultures that
/// use them: en-GB, fr-FR, nl-NL `dd-MM-yyyy`); in every case a second number that cannot be
/// a month makes it month-first.
pub fn parse_local_date_time(text: &str) -> Option<PrimitiveDateTime> {
    let parts = date_grammar::date_time(text)?;
    let pm = match parts.meridiem {
        Some(word) => Some(date_grammar::is_pm(word)?),
        None => None,
    };
    let f = parts.date;
    let (year, month, day) = if f[0] >= 1000 {
        (f[0], f[1], f[2])
    } else if f[1] > 12 {
        (f[2], f[0], f[1])
    } else {
        match parts.separator {
            '/' if pm.is_some() && !parts.padded[1] => (f[2], f[0], f[1]),
            _ => (f[2], f[1], f[0]),
        }
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

    /// The short-date patterns of other cultures Exchange servers run in (.NET `CultureInfo`
    /// "G": ja-JP / zh-CN `yyyy/MM/dd H:mm:ss`, nl-NL `d-M-yyyy HH:mm:ss`, en-AU
    /// `d/MM/yyyy h:mm:ss tt`, en-CA `yyyy-MM-dd h:mm:ss tt` with `a.m.`/`p.m.`).
    #[test]
    fn year_first_dashes_padded_months_and_dotted_designators() {
        for (text, want) in [
            ("2026/11/20 8:59:59", "2026-11-20T08:59:59"),
            ("2026/1/5 18:00:00", "2026-01-05T18:00:00"),
            ("20-11-2026 08:59:59", "2026-11-20T08:59:59"),
            ("5-1-2027 8:59:59", "2027-01-05T08:59:59"),
            ("5/01/2027 8:59:59 AM", "2027-01-05T08:59:59"),
            ("5/01/2027 8:59:59 PM", "2027-01-05T20:59:59"),
            ("5/1/2027 8:59:59 AM", "2027-05-01T08:59:59"),
            ("12/25/2026 8:59:59 AM", "2026-12-25T08:59:59"),
            ("2026-11-20 8:59:59 a.m.", "2026-11-20T08:59:59"),
            ("2026-11-20 8:59:59 p.m.", "2026-11-20T20:59:59"),
            ("20.11.2026 08:59:59", "2026-11-20T08:59:59"),
        ] {
            assert_eq!(iso(text).as_deref(), Some(want), "{text}");
        }
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
