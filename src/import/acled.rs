//! ACLED CSV exports: one row per event, found by column name (any order; optional columns
//! may be missing). `event_date` may be `2019-12-29` or `29 December 2019`.

use std::io::Read;
use std::path::Path;

use chrono::{Datelike, Duration, NaiveDate};

use super::{ImportError, ImportReport, Imported, TableKind, coordinates, country_code, file_name};
use crate::model::{DatePrecision, Event, EventDate, EventType, Evidence, Place, PlacePrecision};

/// Where each column we read is in this file's header.
struct Columns {
    event_date: usize,
    event_type: usize,
    sub_event_type: Option<usize>,
    actor1: Option<usize>,
    actor2: Option<usize>,
    location: Option<usize>,
    admin1: Option<usize>,
    country: Option<usize>,
    latitude: Option<usize>,
    longitude: Option<usize>,
    fatalities: Option<usize>,
    notes: Option<usize>,
    geo_precision: Option<usize>,
    time_precision: Option<usize>,
}

impl Columns {
    fn find(path: &Path, header: &csv::StringRecord) -> Result<Columns, ImportError> {
        let names: Vec<String> = header
            .iter()
            .map(|h| h.trim().trim_start_matches('\u{feff}').to_ascii_lowercase())
            .collect();
        let find = |name: &str| names.iter().position(|n| n == name);
        let required = |column: &'static str| {
            find(column).ok_or(ImportError::MissingColumn {
                path: path.to_owned(),
                column,
            })
        };
        Ok(Columns {
            event_date: required("event_date")?,
            event_type: required("event_type")?,
            sub_event_type: find("sub_event_type"),
            actor1: find("actor1"),
            actor2: find("actor2"),
            location: find("location"),
            admin1: find("admin1"),
            country: find("country"),
            latitude: find("latitude"),
            longitude: find("longitude"),
            fatalities: find("fatalities"),
            notes: find("notes"),
            geo_precision: find("geo_precision"),
            time_precision: find("time_precision"),
        })
    }
}

/// Reads an ACLED export. Rows without a readable date are skipped and reported.
pub fn read(path: &Path, reader: impl Read) -> Result<Imported, ImportError> {
    let mut csv = csv::ReaderBuilder::new()
        .flexible(true)
        .comment(Some(b'#'))
        .from_reader(reader);
    let header = csv.headers().map_err(|e| csv_error(path, e))?.clone();
    let columns = Columns::find(path, &header)?;
    let mut report = ImportReport::default();
    let mut events = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let (line, byte) = (csv.position().line(), csv.position().byte());
        match csv.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                report.rows += 1;
                let line = record.position().map_or(line, |p| p.line());
                match row_event(&columns, &record, &mut report) {
                    Ok(event) => events.push(event),
                    Err(message) => report.skip(line, message),
                }
            }
            Err(e) => {
                // A broken row (bad quoting, invalid UTF-8): skip it and go on.
                report.rows += 1;
                let line = e.position().map_or(line, |p| p.line());
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    return Err(csv_error(path, e));
                }
                report.skip(line, e.to_string());
                if csv.position().byte() == byte {
                    break; // No progress: never loop on one broken spot.
                }
            }
        }
    }
    if report.rows == 0 {
        return Err(ImportError::Empty {
            path: path.to_owned(),
        });
    }
    report.imported = events.len();
    Ok(Imported {
        kind: TableKind::Acled,
        path: path.to_owned(),
        title: format!("ACLED: {}", file_name(path)),
        events,
        report,
    })
}

fn csv_error(path: &Path, e: csv::Error) -> ImportError {
    let message = e.to_string();
    match e.into_kind() {
        csv::ErrorKind::Io(source) => ImportError::Io {
            path: path.to_owned(),
            source,
        },
        _ => ImportError::Io {
            path: path.to_owned(),
            source: std::io::Error::new(std::io::ErrorKind::InvalidData, message),
        },
    }
}

/// One row as an event, or why it cannot be one.
fn row_event(
    c: &Columns,
    row: &csv::StringRecord,
    report: &mut ImportReport,
) -> Result<Event, String> {
    let get = |i: Option<usize>| i.and_then(|i| row.get(i)).map_or("", str::trim);
    let raw_date = get(Some(c.event_date));
    let day =
        parse_date(raw_date).ok_or_else(|| format!("event_date {raw_date:?} is not a date"))?;
    let date = event_date(day, raw_date, get(c.time_precision));

    let (event_type_name, sub_event_type) = (get(Some(c.event_type)), get(c.sub_event_type));
    let fatalities = get(c.fatalities).parse::<u32>().ok();
    let event_type = match event_type_for(event_type_name, sub_event_type, fatalities) {
        Some(t) => t,
        None => {
            report.unknown_types += 1;
            EventType::Other
        }
    };

    let place = match coordinates(get(c.latitude), get(c.longitude)) {
        Some((lat, lon)) => Some(place(c, row, lat, lon)),
        None => {
            report.unplaced += 1;
            None
        }
    };
    let actors: Vec<String> = [get(c.actor1), get(c.actor2)]
        .into_iter()
        .filter(|a| !a.is_empty())
        .map(str::to_owned)
        .collect();
    let kind = if sub_event_type.is_empty() {
        event_type_name
    } else {
        sub_event_type
    };
    let summary = match (actors.first(), &place) {
        (Some(actor), Some(p)) => format!("{kind}: {actor} in {}", p.name),
        (Some(actor), None) => format!("{kind}: {actor}"),
        (None, Some(p)) => format!("{kind} in {}", p.name),
        (None, None) => kind.to_owned(),
    };
    Ok(Event {
        id: String::new(),
        document: Default::default(),
        event_type,
        summary,
        date: Some(date),
        place,
        actors,
        targets: Vec::new(),
        fatalities,
        injured: None,
        evidence: Evidence {
            text: get(c.notes).to_owned(),
            start: 0,
            end: 0,
        },
        more_evidence: Vec::new(),
        confidence: 1.0,
        edited: false,
    })
}

fn place(c: &Columns, row: &csv::StringRecord, lat: f64, lon: f64) -> Place {
    let get = |i: Option<usize>| i.and_then(|i| row.get(i)).map_or("", str::trim);
    let (location, admin1, country) = (get(c.location), get(c.admin1), get(c.country));
    // ACLED: 1 = that town, 2 = near it / part of a region (the town's coordinates),
    // 3 = only a larger region is known (its capital's coordinates).
    let (precision, name) = match get(c.geo_precision) {
        "3" if !admin1.is_empty() => (PlacePrecision::Region, admin1),
        _ if !location.is_empty() => (PlacePrecision::City, location),
        _ if !admin1.is_empty() => (PlacePrecision::Region, admin1),
        _ => (PlacePrecision::Country, country),
    };
    Place {
        name: name.into(),
        lat,
        lon,
        country: country_code(country).unwrap_or_default().into(),
        precision,
        text: [location, admin1, country]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<&str>>()
            .join(", "),
    }
}

/// `2019-12-29`, `29 December 2019`, `29-December-2019`, `December 29, 2019`, `29 Dec 2019`.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    const FORMATS: [&str; 7] = [
        "%Y-%m-%d",
        "%d %B %Y",
        "%d-%B-%Y",
        "%B %d, %Y",
        "%d %b %Y",
        "%d-%b-%Y",
        "%Y/%m/%d",
    ];
    let s = s.trim();
    FORMATS
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
}

/// ACLED's time_precision: 1 = that day, 2 = within a week of it, 3 = within its month.
fn event_date(day: NaiveDate, text: &str, precision: &str) -> EventDate {
    let (precision, start, end) = match precision {
        "2" => (
            DatePrecision::Week,
            day - Duration::days(3),
            day + Duration::days(3),
        ),
        "3" => {
            let start = day.with_day(1).unwrap_or(day);
            let end = start
                .checked_add_months(chrono::Months::new(1))
                .and_then(|d| d.pred_opt())
                .unwrap_or(day);
            (DatePrecision::Month, start, end)
        }
        _ => (DatePrecision::Day, day, day),
    };
    EventDate {
        start,
        end,
        precision,
        text: text.to_owned(),
    }
}

/// ACLED's event type and sub-event type as a Dateline type (see docs/FORMAT.md); None when
/// the event type is not one of ACLED's six.
pub fn event_type_for(
    event_type: &str,
    sub_event_type: &str,
    fatalities: Option<u32>,
) -> Option<EventType> {
    let sub = sub_event_type.trim().to_ascii_lowercase();
    let t = match event_type.trim().to_ascii_lowercase().as_str() {
        "protests" => EventType::Protest,
        "riots" => EventType::Riot,
        "battles" => EventType::ArmedClash,
        "explosions/remote violence" => {
            if sub.starts_with("air/drone strike") {
                EventType::AirStrike
            } else if sub.starts_with("shelling") {
                EventType::ShellingMissile
            } else {
                EventType::Attack
            }
        }
        "violence against civilians" => {
            if sub == "attack" && fatalities.is_some_and(|f| f > 0) {
                EventType::Killing
            } else {
                EventType::Attack
            }
        }
        "strategic developments" => match sub.as_str() {
            "arrests" => EventType::Arrest,
            "agreement" => EventType::Agreement,
            _ => EventType::Other,
        },
        _ => return None,
    };
    Some(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_acled_date_styles_read() {
        let d = NaiveDate::from_ymd_opt(2019, 12, 29);
        assert_eq!(parse_date("2019-12-29"), d);
        assert_eq!(parse_date("29 December 2019"), d);
        assert_eq!(parse_date(" 29-December-2019 "), d);
        assert_eq!(parse_date("soon"), None);
    }

    #[test]
    fn acled_types_map_onto_dateline_types() {
        let t = |a, b, f| event_type_for(a, b, f);
        assert_eq!(
            t("Explosions/Remote violence", "Air/drone strike", None),
            Some(EventType::AirStrike)
        );
        assert_eq!(
            t(
                "Explosions/Remote violence",
                "Shelling/artillery/missile attack",
                None
            ),
            Some(EventType::ShellingMissile)
        );
        assert_eq!(
            t("Violence against civilians", "Attack", Some(3)),
            Some(EventType::Killing)
        );
        assert_eq!(
            t("Violence against civilians", "Attack", Some(0)),
            Some(EventType::Attack)
        );
        assert_eq!(
            t("Battles", "Armed clash", None),
            Some(EventType::ArmedClash)
        );
        assert_eq!(
            t("Strategic developments", "Arrests", None),
            Some(EventType::Arrest)
        );
        assert_eq!(t("Weather", "", None), None);
    }

    #[test]
    fn a_month_precise_date_spans_its_month() {
        let day = NaiveDate::from_ymd_opt(2020, 2, 15).unwrap_or_default();
        let d = event_date(day, "15 February 2020", "3");
        assert_eq!(d.precision, DatePrecision::Month);
        assert_eq!(
            d.start,
            NaiveDate::from_ymd_opt(2020, 2, 1).unwrap_or_default()
        );
        assert_eq!(
            d.end,
            NaiveDate::from_ymd_opt(2020, 2, 29).unwrap_or_default()
        );
    }
}
