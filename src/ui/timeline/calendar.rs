//! Calendar time on the timeline's x axis: days since 1970-01-01 as f64 (a day covers
//! `[n, n + 1)`), grid lines on calendar boundaries (days, Mondays, months, years) chosen by
//! zoom, and tick labels that read as dates ("29 Dec", "31 Dec 2019", "Dec 2019", "2019"),
//! never as raw numbers. Ticks stand in the middle of their day, where the day's events are.

use chrono::{Datelike, Duration, NaiveDate};
use egui_plot::{GridInput, GridMark};
use std::ops::RangeInclusive;

/// Beyond this many days from 1970 chrono has no dates; the axis stays blank there.
const MAX_ABS_DAY: f64 = 9.0e7;
/// Grid lines closer than this many screen points are not drawn.
const MIN_LINE_SPACING: f64 = 10.0;
/// Upper bound on generated marks, whatever the zoom.
const MAX_MARKS: usize = 4000;

fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()
}

/// The x coordinate of a date: days since 1970-01-01, at the start of the day.
pub fn day_number(date: NaiveDate) -> f64 {
    (date - epoch()).num_days() as f64
}

/// The date whose day contains x.
pub fn date_at(day: f64) -> Option<NaiveDate> {
    if !day.is_finite() || day.abs() > MAX_ABS_DAY {
        return None;
    }
    epoch().checked_add_signed(Duration::days(day.floor() as i64))
}

/// "Mon 30 Dec 2019": the pointer readout.
pub fn long_date(day: f64) -> String {
    date_at(day).map_or_else(String::new, |d| d.format("%a %-d %b %Y").to_string())
}

/// The spacing of labelled ticks, from finest to coarsest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TickLevel {
    Day,
    /// Mondays.
    Week,
    /// Every n months, on the 1st (1, 3 or 6).
    Months(u32),
    /// Every n years, on 1 January.
    Years(i32),
}

const LEVELS: [TickLevel; 15] = [
    TickLevel::Day,
    TickLevel::Week,
    TickLevel::Months(1),
    TickLevel::Months(3),
    TickLevel::Months(6),
    TickLevel::Years(1),
    TickLevel::Years(2),
    TickLevel::Years(5),
    TickLevel::Years(10),
    TickLevel::Years(20),
    TickLevel::Years(50),
    TickLevel::Years(100),
    TickLevel::Years(200),
    TickLevel::Years(500),
    TickLevel::Years(1000),
];

impl TickLevel {
    /// The (average) distance between two ticks, in days.
    pub fn nominal_days(self) -> f64 {
        match self {
            TickLevel::Day => 1.0,
            TickLevel::Week => 7.0,
            TickLevel::Months(n) => 30.44 * f64::from(n),
            TickLevel::Years(n) => 365.25 * f64::from(n),
        }
    }

    /// Room a tick label of this level needs, in screen points ("31 Dec 2019" is the widest).
    fn label_room(self) -> f64 {
        match self {
            TickLevel::Day | TickLevel::Week => 84.0,
            TickLevel::Months(_) => 72.0,
            TickLevel::Years(_) => 48.0,
        }
    }

    /// Whether a tick of this level falls on `date`.
    fn falls_on(self, date: NaiveDate) -> bool {
        match self {
            TickLevel::Day => true,
            TickLevel::Week => date.weekday() == chrono::Weekday::Mon,
            TickLevel::Months(n) => date.day() == 1 && date.month0().is_multiple_of(n),
            TickLevel::Years(n) => date.ordinal() == 1 && date.year().rem_euclid(n) == 0,
        }
    }

    /// The tick of this level before the one on `date`.
    fn previous(self, date: NaiveDate) -> Option<NaiveDate> {
        match self {
            TickLevel::Day => date.pred_opt(),
            TickLevel::Week => date.checked_sub_signed(Duration::days(7)),
            TickLevel::Months(n) => date.checked_sub_months(chrono::Months::new(n)),
            TickLevel::Years(n) => date.with_year(date.year() - n),
        }
    }

    /// The ticks of this level in `[from, to]` (day numbers), at most [`MAX_MARKS`].
    fn ticks(self, from: f64, to: f64) -> Vec<f64> {
        let (Some(first), Some(last)) = (date_at(from.ceil()), date_at(to)) else {
            return Vec::new();
        };
        let mut ticks = Vec::new();
        let mut date = match self {
            TickLevel::Day | TickLevel::Week => first,
            TickLevel::Months(_) => first.with_day(1).unwrap_or(first),
            TickLevel::Years(_) => NaiveDate::from_ymd_opt(first.year(), 1, 1).unwrap_or(first),
        };
        while date <= last && ticks.len() < MAX_MARKS {
            if date >= first && self.falls_on(date) {
                ticks.push(day_number(date));
            }
            let next = match self {
                TickLevel::Day => date.succ_opt(),
                TickLevel::Week if date.weekday() == chrono::Weekday::Mon => {
                    date.checked_add_signed(Duration::days(7))
                }
                TickLevel::Week => date.succ_opt(),
                TickLevel::Months(_) => date.checked_add_months(chrono::Months::new(1)),
                TickLevel::Years(n) if date.year().rem_euclid(n) == 0 => {
                    date.with_year(date.year() + n)
                }
                TickLevel::Years(_) => date.with_year(date.year() + 1),
            };
            match next {
                Some(next) => date = next,
                None => break,
            }
        }
        ticks
    }
}

/// The grid for the visible range: which level gets labels, and the marks. Each labelled
/// mark carries the step of the coarsest boundary it sits on (so 1 January is drawn
/// stronger than 2 January); marks one level finer are unlabelled minor lines.
pub fn grid_marks(input: &GridInput, min_grid_spacing: f64) -> (TickLevel, Vec<GridMark>) {
    let (from, to) = (
        input.bounds.0.max(-MAX_ABS_DAY),
        input.bounds.1.min(MAX_ABS_DAY),
    );
    if input.base_step_size <= 0.0 || from.is_nan() || to.is_nan() || from >= to {
        return (TickLevel::Day, Vec::new());
    }
    let points_per_day = min_grid_spacing / input.base_step_size;
    let label_index = LEVELS
        .iter()
        .position(|level| level.nominal_days() * points_per_day >= level.label_room())
        .unwrap_or(LEVELS.len() - 1);
    let label_level = LEVELS[label_index];

    // Ticks are at day centres: a day's tick is visible when its centre is.
    let (first_day, last_day) = (from - 0.5, to - 0.5);
    let mut marks: Vec<GridMark> = label_level
        .ticks(first_day, last_day)
        .into_iter()
        .map(|value| {
            let coarsest = date_at(value).map_or(label_level, |date| {
                LEVELS[label_index..]
                    .iter()
                    .copied()
                    .rev()
                    .find(|level| level.falls_on(date))
                    .unwrap_or(label_level)
            });
            GridMark {
                value: value + 0.5,
                step_size: coarsest.nominal_days(),
            }
        })
        .collect();

    let minor = LEVELS[..label_index]
        .iter()
        .copied()
        .find(|level| level.nominal_days() * points_per_day >= MIN_LINE_SPACING);
    if let Some(minor) = minor {
        let step_size = minor.nominal_days();
        for value in minor.ticks(first_day, last_day) {
            let value = value + 0.5;
            if !marks.iter().any(|m| m.value == value) {
                marks.push(GridMark { value, step_size });
            }
        }
    }
    (label_level, marks)
}

/// The label of a tick: at the labelled level's granularity, with the year on the first
/// visible tick and where the year changes; empty for minor lines.
pub fn tick_label(mark: GridMark, range: &RangeInclusive<f64>, level: TickLevel) -> String {
    if mark.step_size < level.nominal_days() * 0.999 {
        return String::new();
    }
    let Some(date) = date_at(mark.value) else {
        return String::new();
    };
    // The previous tick of this level is off-screen: this is the first one.
    // The year is written on the first visible tick and on the first tick of each year.
    let previous = level.previous(date);
    let first = previous.is_none_or(|p| day_number(p) + 0.5 < *range.start());
    let new_year = previous.is_none_or(|p| p.year() != date.year());
    let format = match level {
        TickLevel::Day | TickLevel::Week if first || new_year => "%-d %b %Y",
        TickLevel::Day | TickLevel::Week => "%-d %b",
        TickLevel::Months(_) if first || new_year => "%b %Y",
        TickLevel::Months(_) => "%b",
        TickLevel::Years(_) => "%Y",
    };
    date.format(format).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    /// The grid for `[from, to]` shown `width` points wide, with the plot's 8-point minimum.
    fn grid(from: NaiveDate, to: NaiveDate, width: f64) -> (TickLevel, Vec<GridMark>) {
        let (a, b) = (day_number(from), day_number(to));
        let input = GridInput {
            bounds: (a, b),
            base_step_size: (b - a) / width * 8.0,
        };
        grid_marks(&input, 8.0)
    }

    fn labels(from: NaiveDate, to: NaiveDate, width: f64) -> Vec<String> {
        let (level, marks) = grid(from, to, width);
        let range = day_number(from)..=day_number(to);
        marks
            .into_iter()
            .map(|m| tick_label(m, &range, level))
            .filter(|l| !l.is_empty())
            .collect()
    }

    #[test]
    fn days_are_whole_and_round_trip() {
        assert_eq!(day_number(date(1970, 1, 1)), 0.0);
        assert_eq!(
            date_at(day_number(date(2019, 12, 29)) + 0.7),
            Some(date(2019, 12, 29))
        );
        assert_eq!(long_date(day_number(date(2019, 12, 30))), "Mon 30 Dec 2019");
        assert_eq!(date_at(f64::NAN), None);
        assert_eq!(date_at(1e300), None);
    }

    #[test]
    fn the_sample_article_reads_as_days_around_new_year() {
        let got = labels(date(2019, 12, 27), date(2020, 1, 3), 700.0);
        assert_eq!(
            got,
            [
                "27 Dec 2019",
                "28 Dec",
                "29 Dec",
                "30 Dec",
                "31 Dec",
                "1 Jan 2020",
                "2 Jan"
            ]
        );
    }

    #[test]
    fn weeks_start_on_mondays_and_the_first_carries_the_year() {
        // 25 Nov 2019 was a Monday; the middle of that day is just off-screen here.
        let from = day_number(date(2019, 11, 25)) + 0.6;
        let input = GridInput {
            bounds: (from, from + 80.0),
            base_step_size: 80.0 / 1000.0 * 8.0,
        };
        let (level, marks) = grid_marks(&input, 8.0);
        assert_eq!(level, TickLevel::Week);
        let range = input.bounds.0..=input.bounds.1;
        let got: Vec<String> = marks
            .into_iter()
            .map(|m| tick_label(m, &range, level))
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(got[..3], ["2 Dec 2019", "9 Dec", "16 Dec"]);
        assert!(got.contains(&"30 Dec".to_owned()) && got.contains(&"6 Jan 2020".to_owned()));
    }

    #[test]
    fn a_few_months_read_as_months() {
        let got = labels(date(2019, 10, 15), date(2020, 3, 20), 600.0);
        assert_eq!(got, ["Nov 2019", "Dec", "Jan 2020", "Feb", "Mar"]);
    }

    #[test]
    fn decades_read_as_years() {
        let got = labels(date(1990, 6, 1), date(2021, 6, 1), 600.0);
        assert!(
            got.iter().all(|l| l.len() == 4 && l.parse::<i32>().is_ok()),
            "{got:?}"
        );
        assert!(got.contains(&"2000".to_owned()));
    }

    #[test]
    fn any_zoom_gives_a_bounded_readable_grid() {
        for days in [0.5, 3.0, 40.0, 400.0, 4_000.0, 40_000.0, 4.0e6, 1.0e9] {
            let input = GridInput {
                bounds: (18_000.0 - days, 18_000.0 + days),
                base_step_size: 2.0 * days / 800.0 * 8.0,
            };
            let (level, marks) = grid_marks(&input, 8.0);
            assert!(
                marks.len() <= 2 * MAX_MARKS,
                "{days}: {} marks",
                marks.len()
            );
            let range = input.bounds.0..=input.bounds.1;
            for mark in marks {
                let label = tick_label(mark, &range, level);
                assert!(
                    !label.contains('.') && label != mark.value.to_string(),
                    "raw number {label}"
                );
            }
        }
    }
}
