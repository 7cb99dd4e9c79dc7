//! Temporal expressions, found and normalised against the publication date the way
//! HeidelTime does for news: explicit dates, weekdays, and relative expressions.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use std::sync::LazyLock;

use crate::model::{DatePrecision, EventDate};

use super::keywords::{Candidates, Group};
use super::pattern::WordRegex;

/// A temporal expression in the text, with its resolved value.
#[derive(Clone, Debug, PartialEq)]
pub struct TimeExpr {
    pub start: usize,
    pub end: usize,
    pub value: Option<EventDate>,
    pub role: TimeRole,
}

/// How an expression relates to the event in its sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeRole {
    /// It dates what the sentence reports.
    When,
    /// "since 2003": the start of something ongoing, not the event's date.
    Since,
    /// "the next day", "two days later": relative to the previous event's date.
    Relative { days: i64 },
}

const MONTH: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)";
const WEEKDAY: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const NUMBER_WORD: &str = r"(?:\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several)";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Rule {
    Iso,
    Numeric,
    MonthDayYear,
    DayMonthYear,
    MonthDay,
    DayMonth,
    MonthYear,
    Month,
    Year,
    Weekday,
    Relative,
    Ago,
    Anaphoric,
}

struct Pattern {
    rule: Rule,
    regex: WordRegex,
}

static PATTERNS: LazyLock<Vec<Pattern>> = LazyLock::new(|| {
    let sources: Vec<(Rule, String)> = vec![
        (Rule::Iso, r"\b(\d{4})-(\d{2})-(\d{2})\b".into()),
        (Rule::Numeric, r"\b(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})\b".into()),
        (
            Rule::MonthDayYear,
            format!(r"\b({MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:\s*(?:-|–|to|and)\s*(\d{{1,2}})(?:st|nd|rd|th)?)?,?\s+(\d{{4}})\b"),
        ),
        (
            Rule::DayMonthYear,
            format!(r"\b(\d{{1,2}})(?:st|nd|rd|th)?(?:\s*(?:-|–|to|and)\s*(\d{{1,2}})(?:st|nd|rd|th)?)?\s+(?:of\s+)?({MONTH}),?\s+(\d{{4}})\b"),
        ),
        (
            Rule::MonthDay,
            format!(r"\b({MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:\s*(?:-|–|to|and)\s*(\d{{1,2}})(?:st|nd|rd|th)?)?\b"),
        ),
        (
            Rule::DayMonth,
            format!(r"\b(\d{{1,2}})(?:st|nd|rd|th)?(?:\s*(?:-|–|to|and)\s*(\d{{1,2}})(?:st|nd|rd|th)?)?\s+(?:of\s+)?({MONTH})"),
        ),
        (Rule::MonthYear, format!(r"\b(?:(?i:early|mid|late|mid-)\s*)?({MONTH}),?\s+(\d{{4}})\b")),
        (
            Rule::Month,
            r"\b(?i:in|since|during|until|by|of|early|late|mid-|this|last|next)\s+(January|February|March|April|May|June|July|August|September|October|November|December)\b".into(),
        ),
        (
            Rule::Year,
            r"\b(?i:in|since|during|until|by|of|early|late|mid-|from|throughout)\s+((?:1[89]|20)\d\d)\b(?:\s*(?:-|–|to)\s*((?:1[89]|20)\d\d)\b)?".into(),
        ),
        // "the 2007 killing", "the 1994 genocide": a year before a happening names its year.
        // The match takes the noun too (to know it follows), which `find` leaves out, and
        // `find` wants a determiner before the year. The nouns are the pattern's keywords, so
        // it runs only on sentences that hold one.
        (
            Rule::Year,
            r"\b((?:1[89]|20)\d\d)(?:\s*(?:-|–)\s*((?:1[89]|20)\d\d))?\s+(?:(?:general|presidential|parliamentary|legislative|national|local|municipal|state|popular|military|civil|border|terror|terrorist|suicide|deadly|mass)\s+)?(?:killings?|murders?|attacks?|bombings?|elections?|vote|referendum|uprising|revolution|coup|war|genocide|massacre|earthquake|quake|floods?|tsunami|hurricane|cyclone|typhoon|crisis|protests?|riots?|invasion|ceasefire|truce|agreement|deal|accord|shootings?|crash|disaster|conflict|offensive|assault|raid|polls?|ballot|uprisings?|independence)\b".into(),
        ),
        (
            Rule::Weekday,
            format!(r"\b(?:(?i)(last|this|next|on|late|early|past|coming)\s+)?({WEEKDAY})(?:\s+(?i:morning|afternoon|evening|night))?\b"),
        ),
        (
            Rule::Relative,
            r"(?i)\b(today|tonight|yesterday|tomorrow|this (?:morning|afternoon|evening)|earlier today|last night|(?:earlier|later) this (?:week|month|year)|(?:last|this|next|past) (?:week|weekend|month|year)|the day before yesterday)\b".into(),
        ),
        (
            Rule::Ago,
            format!(r"(?i)\b({NUMBER_WORD})\s+(day|week|month|year)s?\s+ago\b"),
        ),
        (
            Rule::Anaphoric,
            format!(r"(?i)\b(?:(the (?:next|following|previous) (?:day|night|morning|evening|afternoon)|the day (?:before|after)|a day (?:later|earlier)|later that (?:day|night|morning|evening|afternoon)|(?:the )?same (?:day|night|morning|evening|afternoon)|that (?:day|night|morning|evening|afternoon)|hours later|hours after)|({NUMBER_WORD})\s+days?\s+(later|earlier|before|after))\b"),
        ),
    ];
    sources
        .into_iter()
        .map(|(rule, source)| Pattern {
            rule,
            regex: WordRegex::new(&source).unwrap_or_else(|e| panic!("date pattern {source}: {e}")),
        })
        .collect()
});

/// Each pattern's keywords (month names, weekdays...), for the sentence's keyword pass
/// (`keywords::scan`).
pub(super) fn keywords() -> impl Iterator<Item = Option<&'static [Vec<u8>]>> {
    PATTERNS.iter().map(|p| p.regex.keywords())
}

/// What comes before a year used as an adjective: "the 2007 killing", "its 2013 election".
static YEAR_DETERMINER: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)\b(the|its|his|her|their)\s+$").unwrap_or_else(|e| panic!("{e}"))
});

/// Words that mark a sentence as about the future ("will", "next").
static FUTURE: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)\b(will|would be held|is expected to|are expected to|is due to|are due to|plans? to|planned for|scheduled|is set to|are set to|upcoming|to be held|will be)\b")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// Finds the temporal expressions in `sentence` (starting at byte `offset` of the article;
/// its keyword pass is `keywords`).
pub fn find(
    sentence: &str,
    keywords: &Candidates<'_>,
    offset: usize,
    published: Option<NaiveDate>,
) -> Vec<TimeExpr> {
    let mut candidates: Vec<(usize, usize, Rule, regex::Captures)> = Vec::new();
    let may_match = keywords.of(Group::Dates);
    for (pattern, _) in PATTERNS.iter().zip(may_match).filter(|(_, may)| **may) {
        for caps in pattern.regex.captures_iter(sentence) {
            let Some(m) = caps.get(0) else { continue };
            if pattern.rule == Rule::Year
                && m.as_str().starts_with(|c: char| c.is_ascii_digit())
                && !YEAR_DETERMINER.is_match(&sentence[..m.start()])
            {
                continue;
            }
            let end = if pattern.rule == Rule::Year
                && m.as_str().ends_with(|c: char| c.is_ascii_lowercase())
            {
                caps.iter().flatten().last().map_or(m.end(), |g| g.end())
            } else {
                m.end()
            };
            candidates.push((m.start(), end, pattern.rule, caps));
        }
    }
    // A match cut short by a longer one starting inside it yields: "in May" in "in May 1994"
    // is the month of that year, not of the publication year.
    let spans: Vec<(usize, usize)> = candidates.iter().map(|(s, e, _, _)| (*s, *e)).collect();
    candidates.retain(|(s, e, _, _)| !spans.iter().any(|&(ds, de)| ds > *s && ds < *e && de > *e));
    // Longest match wins; earlier patterns (more specific) win ties.
    candidates.sort_by_key(|(s, e, _, _)| (*s, std::cmp::Reverse(*e)));
    let mut found: Vec<TimeExpr> = Vec::new();
    let mut taken_until = 0;
    for (start, end, rule, caps) in candidates {
        if start < taken_until {
            continue;
        }
        let text = &sentence[start..end];
        let future = FUTURE.is_match(clause_around(sentence, start, end));
        let Some((value, role)) = resolve(rule, &caps, text, published, future) else {
            continue;
        };
        taken_until = end;
        found.push(TimeExpr {
            start: offset + start,
            end: offset + end,
            value,
            role,
        });
    }
    found
}

/// The clause holding `start..end`: "Rwandans voted on Monday, in a vote expected to..."
/// looks back, whatever the next clause says.
fn clause_around(sentence: &str, start: usize, end: usize) -> &str {
    // A clause longer than this is not one (a list, a table row): looking further would
    // make a sentence full of dates quadratic.
    const MAX_REACH: usize = 400;
    // A quotation is someone else's clause: "there will be a concert" does not make the
    // reporter's "in late November" future.
    let is_break = |c: char| matches!(c, ',' | ';' | ':' | '–' | '—' | '(' | ')' | '"' | '“' | '”');
    let floor = sentence.floor_char_boundary(start.saturating_sub(MAX_REACH));
    let ceiling = sentence.ceil_char_boundary(end.saturating_add(MAX_REACH));
    let from = sentence[floor..start]
        .char_indices()
        .rev()
        .find(|&(_, c)| is_break(c))
        .map_or(floor, |(i, c)| floor + i + c.len_utf8());
    let to = sentence[end..ceiling]
        .find(is_break)
        .map_or(ceiling, |i| end + i);
    &sentence[from..to]
}

fn resolve(
    rule: Rule,
    caps: &regex::Captures,
    text: &str,
    published: Option<NaiveDate>,
    future: bool,
) -> Option<(Option<EventDate>, TimeRole)> {
    let group = |i: usize| caps.get(i).map(|m| m.as_str());
    let number = |i: usize| group(i).and_then(|s| s.parse::<u32>().ok());
    let role = if text.to_lowercase().starts_with("since") {
        TimeRole::Since
    } else {
        TimeRole::When
    };
    let day_range = |year: i32, month: u32, first: u32, last: Option<u32>| {
        let start = NaiveDate::from_ymd_opt(year, month, first)?;
        let end = last
            .and_then(|d| NaiveDate::from_ymd_opt(year, month, d))
            .filter(|e| *e >= start)
            .unwrap_or(start);
        Some(EventDate {
            start,
            end,
            precision: DatePrecision::Day,
            text: text.to_owned(),
        })
    };
    let value = match rule {
        Rule::Iso => day_range(group(1)?.parse().ok()?, number(2)?, number(3)?, None),
        Rule::Numeric => {
            let (a, b) = (number(1)?, number(2)?);
            let mut year: i32 = group(3)?.parse().ok()?;
            if year < 100 {
                year += 2000;
            }
            // US order unless the first number cannot be a month.
            let (month, day) = if a > 12 { (b, a) } else { (a, b) };
            day_range(year, month, day, None)
        }
        Rule::MonthDayYear => day_range(
            group(4)?.parse().ok()?,
            month_number(group(1)?)?,
            number(2)?,
            number(3),
        ),
        Rule::DayMonthYear => day_range(
            group(4)?.parse().ok()?,
            month_number(group(3)?)?,
            number(1)?,
            number(2),
        ),
        Rule::MonthDay | Rule::DayMonth => {
            let (month, first, last) = match rule {
                Rule::MonthDay => (month_number(group(1)?)?, number(2)?, number(3)),
                _ => (month_number(group(3)?)?, number(1)?, number(2)),
            };
            if first == 0 || first > 31 {
                return None;
            }
            let Some(published) = published else {
                return Some((None, role));
            };
            let year = infer_year(published, month, first, future);
            day_range(year, month, first, last)
        }
        Rule::MonthYear => {
            let month = month_number(group(1)?)?;
            month_value(group(2)?.parse().ok()?, month, text)
        }
        Rule::Month => {
            let month = month_number(group(1)?)?;
            let Some(published) = published else {
                return Some((None, role));
            };
            let lower = text.to_lowercase();
            let year = if lower.starts_with("last") {
                if month >= published.month() {
                    published.year() - 1
                } else {
                    published.year()
                }
            } else if lower.starts_with("next") || future {
                if month <= published.month() {
                    published.year() + 1
                } else {
                    published.year()
                }
            } else {
                infer_year(published, month, 1, future)
            };
            month_value(year, month, text)
        }
        Rule::Year => {
            let first: i32 = group(1)?.parse().ok()?;
            let last: i32 = group(2).and_then(|y| y.parse().ok()).unwrap_or(first);
            Some(EventDate {
                start: NaiveDate::from_ymd_opt(first, 1, 1)?,
                end: NaiveDate::from_ymd_opt(last.max(first), 12, 31)?,
                precision: DatePrecision::Year,
                text: text.to_owned(),
            })
        }
        Rule::Weekday => {
            let modifier = group(1).map(str::to_lowercase);
            let weekday = weekday_number(group(2)?)?;
            let Some(published) = published else {
                return Some((None, role));
            };
            let forward = match modifier.as_deref() {
                Some("next") | Some("coming") => true,
                Some("last") | Some("past") => false,
                _ => future,
            };
            let date = if forward {
                next_weekday(published, weekday)
            } else if modifier.as_deref() == Some("last") && published.weekday() == weekday {
                published - Days::new(7)
            } else {
                previous_weekday(published, weekday)
            };
            Some(EventDate::day(date, text))
        }
        Rule::Relative => {
            let Some(published) = published else {
                return Some((None, role));
            };
            relative_value(&text.to_lowercase(), published, text)
        }
        Rule::Ago => {
            let Some(published) = published else {
                return Some((None, role));
            };
            let n = number_word(group(1)?)?;
            let unit = group(2)?.to_lowercase();
            let (start, precision) = match unit.as_str() {
                "day" => (published - Days::new(n), DatePrecision::Day),
                "week" => (
                    week_start(published - Days::new(7 * n)),
                    DatePrecision::Week,
                ),
                "month" => (
                    first_of_month(published.checked_sub_months(Months::new(n as u32))?),
                    DatePrecision::Month,
                ),
                _ => (
                    NaiveDate::from_ymd_opt(published.year() - n as i32, 1, 1)?,
                    DatePrecision::Year,
                ),
            };
            Some(span(start, precision, text))
        }
        Rule::Anaphoric => {
            let lower = text.to_lowercase();
            let days = if let Some(n) = group(2).and_then(number_word) {
                match group(3).map(str::to_lowercase).as_deref() {
                    Some("earlier") | Some("before") => -(n as i64),
                    _ => n as i64,
                }
            } else if lower.contains("next")
                || lower.contains("following")
                || lower.contains("after")
                || lower.contains("a day later")
            {
                if lower.contains("hours") { 0 } else { 1 }
            } else if lower.contains("previous")
                || lower.contains("before")
                || lower.contains("earlier")
            {
                -1
            } else {
                0
            };
            return Some((None, TimeRole::Relative { days }));
        }
    };
    Some((value, role))
}

fn month_value(year: i32, month: u32, text: &str) -> Option<EventDate> {
    let start = NaiveDate::from_ymd_opt(year, month, 1)?;
    Some(span(start, DatePrecision::Month, text))
}

/// An `EventDate` covering the whole week, month or year that starts at `start`.
fn span(start: NaiveDate, precision: DatePrecision, text: &str) -> EventDate {
    let end = match precision {
        DatePrecision::Day => start,
        DatePrecision::Week => start + Days::new(6),
        DatePrecision::Month => (start + Months::new(1)) - Days::new(1),
        DatePrecision::Year => NaiveDate::from_ymd_opt(start.year(), 12, 31).unwrap_or(start),
    };
    EventDate {
        start,
        end,
        precision,
        text: text.to_owned(),
    }
}

fn relative_value(lower: &str, published: NaiveDate, text: &str) -> Option<EventDate> {
    let day = |d: NaiveDate| Some(EventDate::day(d, text));
    let this_week = week_start(published);
    let this_month = first_of_month(published);
    let this_year = NaiveDate::from_ymd_opt(published.year(), 1, 1)?;
    match lower {
        "today" | "tonight" | "this morning" | "this afternoon" | "this evening"
        | "earlier today" => day(published),
        "yesterday" | "last night" => day(published - Days::new(1)),
        "the day before yesterday" => day(published - Days::new(2)),
        "tomorrow" => day(published + Days::new(1)),
        "this week" | "earlier this week" | "later this week" => {
            Some(span(this_week, DatePrecision::Week, text))
        }
        "last week" | "past week" => {
            Some(span(this_week - Days::new(7), DatePrecision::Week, text))
        }
        "next week" => Some(span(this_week + Days::new(7), DatePrecision::Week, text)),
        "this weekend" | "last weekend" | "past weekend" | "next weekend" => {
            // The Saturday of the weekend meant.
            let saturday = match lower {
                "next weekend" => next_weekday(published, Weekday::Sat),
                "this weekend" if published.weekday().num_days_from_monday() < 5 => {
                    next_weekday(published, Weekday::Sat)
                }
                _ => previous_weekday(published, Weekday::Sat),
            };
            Some(EventDate {
                start: saturday,
                end: saturday + Days::new(1),
                precision: DatePrecision::Week,
                text: text.to_owned(),
            })
        }
        "this month" | "earlier this month" | "later this month" => {
            Some(span(this_month, DatePrecision::Month, text))
        }
        "last month" | "past month" => Some(span(
            this_month.checked_sub_months(Months::new(1))?,
            DatePrecision::Month,
            text,
        )),
        "next month" => Some(span(
            this_month.checked_add_months(Months::new(1))?,
            DatePrecision::Month,
            text,
        )),
        "this year" | "earlier this year" | "later this year" => {
            Some(span(this_year, DatePrecision::Year, text))
        }
        "last year" | "past year" => Some(span(
            NaiveDate::from_ymd_opt(published.year() - 1, 1, 1)?,
            DatePrecision::Year,
            text,
        )),
        "next year" => Some(span(
            NaiveDate::from_ymd_opt(published.year() + 1, 1, 1)?,
            DatePrecision::Year,
            text,
        )),
        _ => None,
    }
}

/// The year of a day-and-month without a year: the one nearest the publication date,
/// leaning to the past for news unless the sentence looks forward.
fn infer_year(published: NaiveDate, month: u32, day: u32, future: bool) -> i32 {
    let year = published.year();
    let Some(this_year) = NaiveDate::from_ymd_opt(year, month, day.min(28)) else {
        return year;
    };
    let ahead = (this_year - published).num_days();
    if !future && ahead > 31 {
        year - 1
    } else if future && ahead < -180 {
        year + 1
    } else {
        year
    }
}

/// The latest `weekday` on or before `date`.
pub fn previous_weekday(date: NaiveDate, weekday: Weekday) -> NaiveDate {
    let back = (7 + date.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
    date - Days::new(u64::from(back))
}

/// The first `weekday` after `date` (today counts when it is that day).
pub fn next_weekday(date: NaiveDate, weekday: Weekday) -> NaiveDate {
    let ahead = (7 + weekday.num_days_from_monday() - date.weekday().num_days_from_monday()) % 7;
    date + Days::new(u64::from(ahead))
}

fn week_start(date: NaiveDate) -> NaiveDate {
    previous_weekday(date, Weekday::Mon)
}

fn first_of_month(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

fn month_number(name: &str) -> Option<u32> {
    let key: String = name
        .trim_end_matches('.')
        .to_lowercase()
        .chars()
        .take(3)
        .collect();
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    months.iter().position(|m| *m == key).map(|i| i as u32 + 1)
}

fn weekday_number(name: &str) -> Option<Weekday> {
    name.parse().ok()
}

fn number_word(word: &str) -> Option<u64> {
    let lower = word.to_lowercase();
    let words = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    match lower.as_str() {
        "a" | "an" => Some(1),
        "a few" | "several" => Some(3),
        _ => words
            .iter()
            .position(|w| *w == lower)
            .map(|i| i as u64)
            .or_else(|| lower.parse().ok()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(sentence: &str, offset: usize, published: Option<NaiveDate>) -> Vec<TimeExpr> {
        super::find(
            sentence,
            &super::super::keywords::scan(sentence),
            offset,
            published,
        )
    }

    #[test]
    fn every_date_pattern_is_keyed_on_words() {
        // A pattern without keywords runs on every sentence and costs extraction speed;
        // only the all-digit forms ("2019-12-31", "12/29/2019") have none to offer.
        for pattern in PATTERNS.iter() {
            let numeric = matches!(pattern.rule, Rule::Iso | Rule::Numeric);
            assert_eq!(
                pattern.regex.keywords().is_some(),
                !numeric,
                "{:?} pattern keyed wrongly",
                pattern.rule
            );
        }
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    fn resolve_one(sentence: &str, published: NaiveDate) -> (String, Option<EventDate>) {
        let found = find(sentence, 0, Some(published));
        assert_eq!(found.len(), 1, "{sentence}: {found:?}");
        let e = &found[0];
        (sentence[e.start..e.end].to_owned(), e.value.clone())
    }

    const PUBLISHED: (i32, u32, u32) = (2019, 12, 31); // a Tuesday

    fn published() -> NaiveDate {
        date(PUBLISHED.0, PUBLISHED.1, PUBLISHED.2)
    }

    #[test]
    fn weekday_is_the_latest_such_day_on_or_before_publication() {
        let (text, value) = resolve_one("US airplanes attacked bases on Sunday.", published());
        assert_eq!(text, "on Sunday");
        assert_eq!(value.map(|v| v.start), Some(date(2019, 12, 29)));
        let (_, value) = resolve_one("They left on Tuesday.", published());
        assert_eq!(value.map(|v| v.start), Some(date(2019, 12, 31)));
    }

    #[test]
    fn weekday_looks_forward_when_the_sentence_does() {
        let (_, value) = resolve_one("Talks will resume on Friday.", published());
        assert_eq!(value.map(|v| v.start), Some(date(2020, 1, 3)));
    }

    #[test]
    fn explicit_dates_in_common_forms() {
        let cases = [
            (
                "It happened on Dec. 29.",
                date(2019, 12, 29),
                DatePrecision::Day,
            ),
            (
                "It happened on 29 December 2019.",
                date(2019, 12, 29),
                DatePrecision::Day,
            ),
            (
                "It happened on December 29, 2019.",
                date(2019, 12, 29),
                DatePrecision::Day,
            ),
            (
                "It happened on 12/29/2019.",
                date(2019, 12, 29),
                DatePrecision::Day,
            ),
            (
                "It happened in December 2019.",
                date(2019, 12, 1),
                DatePrecision::Month,
            ),
            (
                "It happened in 2018.",
                date(2018, 1, 1),
                DatePrecision::Year,
            ),
            (
                "It happened on March 3.",
                date(2019, 3, 3),
                DatePrecision::Day,
            ),
        ];
        for (sentence, start, precision) in cases {
            let (_, value) = resolve_one(sentence, published());
            let value = value.expect(sentence);
            assert_eq!(
                (value.start, value.precision),
                (start, precision),
                "{sentence}"
            );
        }
    }

    #[test]
    fn relative_expressions() {
        let cases = [
            (
                "He arrived yesterday.",
                date(2019, 12, 30),
                DatePrecision::Day,
            ),
            (
                "Fighting resumed last night.",
                date(2019, 12, 30),
                DatePrecision::Day,
            ),
            (
                "A vote is due tomorrow.",
                date(2020, 1, 1),
                DatePrecision::Day,
            ),
            (
                "Protests began last week.",
                date(2019, 12, 23),
                DatePrecision::Week,
            ),
            (
                "Prices rose last month.",
                date(2019, 11, 1),
                DatePrecision::Month,
            ),
            (
                "Earlier this month, strikes hit.",
                date(2019, 12, 1),
                DatePrecision::Month,
            ),
            (
                "The mayor was elected two years ago.",
                date(2017, 1, 1),
                DatePrecision::Year,
            ),
            (
                "A raid took place three days ago.",
                date(2019, 12, 28),
                DatePrecision::Day,
            ),
        ];
        for (sentence, start, precision) in cases {
            let (_, value) = resolve_one(sentence, published());
            let value = value.expect(sentence);
            assert_eq!(
                (value.start, value.precision),
                (start, precision),
                "{sentence}"
            );
        }
    }

    #[test]
    fn day_and_month_without_year_leans_to_the_past() {
        let jan = date(2020, 1, 5);
        let (_, value) = resolve_one("Clashes erupted on December 28.", jan);
        assert_eq!(value.map(|v| v.start), Some(date(2019, 12, 28)));
    }

    #[test]
    fn ranges_span_days() {
        let (_, value) = resolve_one("Talks were held on December 10-12, 2019.", published());
        let value = value.expect("range");
        assert_eq!(
            (value.start, value.end),
            (date(2019, 12, 10), date(2019, 12, 12))
        );
    }

    #[test]
    fn anaphoric_expressions_are_relative_not_absolute() {
        let found = find("The next day, rockets hit the base.", 0, Some(published()));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].role, TimeRole::Relative { days: 1 });
        assert!(found[0].value.is_none());
    }

    #[test]
    fn without_publication_date_relative_dates_stay_unresolved() {
        let found = find("Troops withdrew on Sunday.", 0, None);
        assert_eq!(found.len(), 1);
        assert!(found[0].value.is_none());
        let found = find("Troops withdrew on 5 May 2020.", 0, None);
        assert_eq!(
            found[0].value.as_ref().map(|v| v.start),
            Some(date(2020, 5, 5))
        );
    }

    #[test]
    fn clauses_split_at_multibyte_dashes() {
        let found = find(
            "CAIRO — Gunmen opened fire on Wednesday — officials said.",
            0,
            Some(published()),
        );
        assert_eq!(found.len(), 1);
    }

    #[test]
    fn a_past_weekday_stays_past_when_another_clause_looks_forward() {
        let (_, value) = resolve_one(
            "Rwandans lined up on Monday to elect their next president, in a vote widely expected to extend his rule.",
            published(),
        );
        assert_eq!(value.map(|v| v.start), Some(date(2019, 12, 30)));
    }

    #[test]
    fn a_month_with_its_year_after_a_preposition_keeps_that_year() {
        for (sentence, start) in [
            ("A ceasefire was signed in May 1994.", date(1994, 5, 1)),
            ("In February 2022, a bus crashed.", date(2022, 2, 1)),
            ("He was held since March 2023.", date(2023, 3, 1)),
        ] {
            let (_, value) = resolve_one(sentence, published());
            let value = value.expect(sentence);
            assert_eq!(
                (value.start, value.precision),
                (start, DatePrecision::Month),
                "{sentence}"
            );
        }
    }

    #[test]
    fn a_year_before_a_noun_dates_it() {
        assert!(find("The 2018 and 2022 World Cups.", 0, Some(published())).is_empty());
        let found = find(
            "It recalled the 2007 killing of a student.",
            0,
            Some(published()),
        );
        assert_eq!(found.len(), 1);
        assert_eq!(
            &"It recalled the 2007 killing"[found[0].start..found[0].end],
            "2007"
        );
        assert_eq!(
            found[0].value.as_ref().map(|v| (v.start, v.precision)),
            Some((date(2007, 1, 1), DatePrecision::Year))
        );
    }

    #[test]
    fn the_modal_may_is_not_a_month() {
        assert!(find("The attack may have killed dozens.", 0, Some(published())).is_empty());
    }

    #[test]
    fn offsets_are_shifted_by_the_sentence_offset() {
        let found = find("Seen on Monday.", 100, Some(published()));
        assert_eq!((found[0].start, found[0].end), (105, 114));
    }
}
