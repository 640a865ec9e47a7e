//! Date and time as the Exchange Management Shell and Event Viewer print them:
//! `DateTime.ToString()` in the server's culture (general "G" pattern, short date + long time).
//! en-US `1/31/2025 12:00:00 PM` (`M/d/yyyy h:mm:ss tt`), de-DE `31.01.2025 12:00:00`
//! (`dd.MM.yyyy HH:mm:ss`), en-GB / fr-FR `31/01/2025 12:00:00`, ISO cultures
//! `2025-01-31 12:00:00`; a time may lack its seconds, a date may stand alone.
//!
//! Sources: Microsoft Learn ".NET standard date and time format strings" ("G") and the
//! `CultureInfo` short date / long time patterns of en-US and de-DE.
//!
//! This grammar only splits the text into numbers; which number is the day and which the month
//! (month-first with AM/PM, day-first otherwise) is decided by `crate::paste::dates`.

use nom::branch::alt;
use nom::bytes::complete::{tag_no_case, take_while1};
use nom::character::complete::{char, digit1, multispace1, one_of};
use nom::combinator::{all_consuming, map_res, opt, value};
use nom::multi::many0_count;
use nom::sequence::{preceded, tuple};

use super::PResult;

/// The pieces of a printed date and time, not yet interpreted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateTimeText<'a> {
    /// The three numbers of the date, in printed order.
    pub date: [u32; 3],
    /// Which of them were printed with a leading zero (`05/01/2027`: the month of en-AU's
    /// `d/MM/yyyy`; en-US's `M/d/yyyy` never pads).
    pub padded: [bool; 3],
    /// `.`, `/` or `-`.
    pub separator: char,
    /// Hours, minutes, and seconds when printed.
    pub time: Option<(u32, u32, Option<u32>)>,
    /// The word after the time (`AM`, `PM`, or anything else: then the text is no date).
    pub meridiem: Option<&'a str>,
}

fn number(input: &str) -> PResult<'_, u32> {
    map_res(digit1, str::parse::<u32>)(input)
}

/// A number and whether it was printed with a leading zero.
fn padded_number(input: &str) -> PResult<'_, (u32, bool)> {
    let (rest, digits) = digit1(input)?;
    let n = digits.parse::<u32>().map_err(|_| {
        nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Digit))
    })?;
    Ok((rest, (n, digits.len() > 1 && digits.starts_with('0'))))
}

/// `31.01.2025`, `1/31/2025`, `2025-01-31`, `2025/01/31` (the same separator twice; a
/// trailing one allowed), with which numbers had a leading zero.
pub fn date(input: &str) -> PResult<'_, ([u32; 3], char, [bool; 3])> {
    let (input, (a, sep, b)) = tuple((padded_number, one_of("./-"), padded_number))(input)?;
    let (input, (_, c, _)) = tuple((char(sep), padded_number, many0_count(char(sep))))(input)?;
    Ok((input, ([a.0, b.0, c.0], sep, [a.1, b.1, c.1])))
}

/// `12:00:00` or `9:05`.
pub fn time(input: &str) -> PResult<'_, (u32, u32, Option<u32>)> {
    tuple((
        number,
        preceded(char(':'), number),
        opt(preceded(char(':'), number)),
    ))(input)
}

/// The AM/PM designator (any word; the caller accepts only `AM` and `PM`).
fn meridiem(input: &str) -> PResult<'_, &str> {
    take_while1(|c: char| !c.is_whitespace())(input)
}

/// A whole value: date, then optionally time, then optionally the designator, separated by
/// white space, nothing else (surrounding white space allowed).
pub fn date_time(input: &str) -> Option<DateTimeText<'_>> {
    let text = input.trim();
    let (_, ((date, separator, padded), time, meridiem)) = all_consuming(tuple((
        date,
        opt(preceded(multispace1, time)),
        opt(preceded(multispace1, meridiem)),
    )))(text)
    .ok()?;
    if time.is_none() && meridiem.is_some() {
        return None;
    }
    Some(DateTimeText {
        date,
        padded,
        separator,
        time,
        meridiem,
    })
}

/// Is `word` a 12-hour designator, and which (`Some(true)` for PM)? `AM`/`PM`, and `a.m.`/
/// `p.m.` as en-CA, en-AU and es-MX print them.
pub fn is_pm(word: &str) -> Option<bool> {
    all_consuming(alt((
        value(false, tag_no_case::<_, _, ()>("AM")),
        value(true, tag_no_case("PM")),
        value(false, tag_no_case("a.m.")),
        value(true, tag_no_case("p.m.")),
    )))(word)
    .ok()
    .map(|(_, pm)| pm)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn culture_forms() {
        let d = date_time("1/31/2025 12:00:00 PM").unwrap();
        assert_eq!((d.date, d.separator), ([1, 31, 2025], '/'));
        assert_eq!(d.time, Some((12, 0, Some(0))));
        assert_eq!(d.meridiem.and_then(is_pm), Some(true));
        let d = date_time("31.01.2025 09:02:11").unwrap();
        assert_eq!(
            (d.date, d.separator, d.meridiem),
            ([31, 1, 2025], '.', None)
        );
        let d = date_time(" 2025-01-31 12:00 ").unwrap();
        assert_eq!(d.time, Some((12, 0, None)));
        let d = date_time("31.01.2025.").unwrap();
        assert_eq!((d.date, d.time), ([31, 1, 2025], None));
        assert_eq!(is_pm("am"), Some(false));
        assert_eq!(is_pm("AMX"), None);
    }

    #[test]
    fn not_dates() {
        for text in [
            "",
            "yesterday",
            "1/31-2025",
            "1/31/2025 12:00:00 PM extra",
            "1/31/2025 PM",
            "1/31",
            "99999999999/1/2025",
        ] {
            assert_eq!(date_time(text), None, "{text}");
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// `paste::dates::parse_local_date_time` before the grammar (the oracle below), with the
    /// field-order rules it gained on 2026-12-06.
    fn loop_parse(text: &str) -> Option<time::PrimitiveDateTime> {
        use time::{Date, Month, PrimitiveDateTime, Time};
        fn numbers(text: &str, separator: char) -> Option<[u32; 3]> {
            let f: Vec<u32> = text
                .trim_end_matches(separator)
                .split(separator)
                .map(|p| p.parse().ok())
                .collect::<Option<Vec<_>>>()?;
            match f.as_slice() {
                [a, b, c] => Some([*a, *b, *c]),
                _ => None,
            }
        }
        let mut parts = text.split_whitespace();
        let date_part = parts.next()?;
        let time_part = parts.next();
        let meridiem = parts.next().map(|m| m.to_ascii_uppercase());
        if parts.next().is_some() {
            return None;
        }
        // The separator, as the old reader tried them; the field order as the day/month
        // rules of 2026-12-06 decide it (year first when four digits lead; a second number
        // over 12 is a day; slashes with AM/PM month-first unless the month is zero-padded;
        // otherwise day-first).
        let sep = ['.', '/', '-']
            .into_iter()
            .find(|c| date_part.contains(*c))?;
        let f = numbers(date_part, sep)?;
        let second_padded = date_part
            .split(sep)
            .nth(1)
            .is_some_and(|p| p.len() > 1 && p.starts_with('0'));
        let (year, month, day) = if f[0] >= 1000 {
            (f[0], f[1], f[2])
        } else if f[1] > 12 || (sep == '/' && meridiem.is_some() && !second_padded) {
            (f[2], f[0], f[1])
        } else {
            (f[2], f[1], f[0])
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
        let time = match time_part {
            None => Time::MIDNIGHT,
            Some(t) => {
                let f: Vec<u32> = t
                    .split(':')
                    .map(|p| p.parse().ok())
                    .collect::<Option<Vec<_>>>()?;
                if f.len() < 2 || f.len() > 3 {
                    return None;
                }
                let mut hour = f[0];
                match meridiem.as_deref() {
                    Some("AM") if hour == 12 => hour = 0,
                    Some("PM") if hour < 12 => hour += 12,
                    Some("AM") | Some("PM") | None => {}
                    Some(_) => return None,
                }
                Time::from_hms(
                    u8::try_from(hour).ok()?,
                    u8::try_from(f[1]).ok()?,
                    u8::try_from(*f.get(2).unwrap_or(&0)).ok()?,
                )
                .ok()?
            }
        };
        Some(PrimitiveDateTime::new(date, time))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn never_panics(text in any::<String>()) {
            let _ = date_time(&text);
        }

        #[test]
        fn never_panics_on_near_misses(text in "[0-9./: -]{0,12}( [AP]M)?") {
            let _ = date_time(&text);
        }

        /// Same answers as the hand-written reader it replaced, on date-like text (digits only: the
        /// old reader also took `+5` as a number, the grammar does not).
        #[test]
        fn same_answers_as_the_loop_it_replaced(
            text in "[0-3]?[0-9][./-][0-3]?[0-9][./-][0-9]{2,4}[./-]?( [0-2]?[0-9]:[0-5][0-9](:[0-6][0-9])?( (AM|PM|am|pm|XM))?)?"
        ) {
            prop_assert_eq!(crate::paste::dates::parse_local_date_time(&text), loop_parse(&text));
        }

        #[test]
        fn printed_forms_read_back(m in 1u32..13, d in 1u32..29, y in 1000u32..10000,
                                   h in 0u32..24, mi in 0u32..60, s in 0u32..60) {
            let de = format!("{d:02}.{m:02}.{y} {h:02}:{mi:02}:{s:02}");
            let t = date_time(&de).unwrap();
            prop_assert_eq!(t.date, [d, m, y]);
            prop_assert_eq!(t.time, Some((h, mi, Some(s))));
            let h12 = if h % 12 == 0 { 12 } else { h % 12 };
            let us = format!("{m}/{d}/{y} {h12}:{mi:02}:{s:02} {}", if h < 12 { "AM" } else { "PM" });
            let t = date_time(&us).unwrap();
            prop_assert_eq!(t.date, [m, d, y]);
            prop_assert_eq!(t.meridiem.and_then(is_pm), Some(h >= 12));
        }
    }
}
