//! Reading and writing the editor's text fields: dates in their precision, counts of
//! people and lists of names. No UI here, so the rules are tested on their own.

use chrono::{Datelike, Days, NaiveDate};

use crate::model::{DatePrecision, EventDate};

/// A count of people: digits (with optional thousands separators), or empty for unknown.
pub(super) fn parse_count(text: &str) -> Result<Option<u32>, ()> {
    let text = text.trim().replace([',', '_'], "");
    if text.is_empty() {
        return Ok(None);
    }
    text.parse().map(Some).map_err(|_| ())
}

/// Names separated by commas or semicolons, without blanks or repeats.
pub(super) fn split_names(text: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for name in text
        .split([',', ';'])
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        if !names.iter().any(|n| n == name) {
            names.push(name.to_owned());
        }
    }
    names
}

/// The text of the date fields for a date: the start in its precision's form, and the end
/// only where it is not the precision's own (a range).
pub(super) fn date_fields(date: &EventDate) -> (String, String) {
    let format = |d: NaiveDate| match date.precision {
        DatePrecision::Day | DatePrecision::Week => d.format("%Y-%m-%d").to_string(),
        DatePrecision::Month => d.format("%Y-%m").to_string(),
        DatePrecision::Year => d.format("%Y").to_string(),
    };
    let end = if date.end == natural_end(date.start, date.precision) {
        String::new()
    } else {
        date.end.format("%Y-%m-%d").to_string()
    };
    (format(date.start), end)
}

/// The date the fields describe: None when the start is empty (unknown date).
pub(super) fn parse_date(
    start: &str,
    end: &str,
    precision: DatePrecision,
    old_text: &str,
) -> Result<Option<EventDate>, String> {
    let start = start.trim();
    if start.is_empty() {
        return Ok(None);
    }
    let first = parse_day(start)?;
    let first = match precision {
        DatePrecision::Day | DatePrecision::Week => first,
        DatePrecision::Month => first.with_day(1).unwrap_or(first),
        DatePrecision::Year => NaiveDate::from_ymd_opt(first.year(), 1, 1).unwrap_or(first),
    };
    let last = match end.trim() {
        "" => natural_end(first, precision),
        text => parse_day(text)?,
    };
    if last < first {
        return Err(format!(
            "the range ends ({last}) before it starts ({first})"
        ));
    }
    Ok(Some(EventDate {
        start: first,
        end: last,
        precision,
        text: old_text.to_owned(),
    }))
}

/// "2019-12-31", "2019-12" (its first day) or "2019" (its first day).
fn parse_day(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(&format!("{text}-01"), "%Y-%m-%d"))
        .or_else(|_| NaiveDate::parse_from_str(&format!("{text}-01-01"), "%Y-%m-%d"))
        .map_err(|_| format!("\"{text}\" is not a date: write YYYY-MM-DD, YYYY-MM or YYYY"))
}

/// The last day a date of this precision covers.
fn natural_end(start: NaiveDate, precision: DatePrecision) -> NaiveDate {
    match precision {
        DatePrecision::Day => start,
        DatePrecision::Week => start.checked_add_days(Days::new(6)).unwrap_or(start),
        DatePrecision::Month => start
            .checked_add_months(chrono::Months::new(1))
            .and_then(|d| d.pred_opt())
            .unwrap_or(start),
        DatePrecision::Year => NaiveDate::from_ymd_opt(start.year(), 12, 31).unwrap_or(start),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    #[test]
    fn dates_are_read_in_each_precision() {
        let date = |s: &str, e: &str, p| parse_date(s, e, p, "on Sunday").expect("valid");
        let d = date("2019-12-29", "", DatePrecision::Day).expect("a date");
        assert_eq!(
            (d.start, d.end, d.text.as_str()),
            (day(2019, 12, 29), day(2019, 12, 29), "on Sunday")
        );
        let m = date("2019-12-29", "", DatePrecision::Month).expect("a date");
        assert_eq!((m.start, m.end), (day(2019, 12, 1), day(2019, 12, 31)));
        let m = date("2020-02", "", DatePrecision::Month).expect("a date");
        assert_eq!(m.end, day(2020, 2, 29));
        let y = date("2019", "", DatePrecision::Year).expect("a date");
        assert_eq!((y.start, y.end), (day(2019, 1, 1), day(2019, 12, 31)));
        let w = date("2019-12-23", "", DatePrecision::Week).expect("a date");
        assert_eq!(w.end, day(2019, 12, 29));
        let r = date("2019-12-27", "2019-12-29", DatePrecision::Day).expect("a date");
        assert_eq!((r.start, r.end), (day(2019, 12, 27), day(2019, 12, 29)));
        assert_eq!(date("  ", "", DatePrecision::Day), None);
    }

    #[test]
    fn bad_dates_say_what_is_wrong() {
        let err = parse_date("31/12/2019", "", DatePrecision::Day, "").expect_err("not ISO");
        assert!(err.contains("YYYY-MM-DD"), "{err}");
        let err =
            parse_date("2019-12-29", "2019-12-01", DatePrecision::Day, "").expect_err("reversed");
        assert!(err.contains("before it starts"), "{err}");
        assert!(parse_date("2019-02-30", "", DatePrecision::Day, "").is_err());
    }

    #[test]
    fn date_fields_show_what_parses_back_to_the_same_date() {
        for (s, e, p) in [
            ("2019-12-29", "", DatePrecision::Day),
            ("2019-12", "", DatePrecision::Month),
            ("2019", "", DatePrecision::Year),
            ("2019-12-23", "", DatePrecision::Week),
            ("2019-12-27", "2019-12-29", DatePrecision::Day),
        ] {
            let date = parse_date(s, e, p, "").expect("valid").expect("a date");
            assert_eq!(date_fields(&date), (s.to_owned(), e.to_owned()));
        }
    }

    #[test]
    fn counts_and_names_are_read_leniently_but_not_wrongly() {
        assert_eq!(parse_count(" 1,200 "), Ok(Some(1200)));
        assert_eq!(parse_count(""), Ok(None));
        assert_eq!(parse_count("dozens"), Err(()));
        assert_eq!(parse_count("-3"), Err(()));
        assert_eq!(
            split_names("Kataib Hezbollah; US forces,, Kataib Hezbollah , "),
            ["Kataib Hezbollah", "US forces"]
        );
    }
}
