//! GDELT 2.0 event files (`YYYYMMDDHHMMSS.export.CSV`): 61 tab-separated columns, no
//! header, no quoting. Column positions follow the GDELT 2.0 Event codebook (Feb 2015),
//! counted from 0.

use std::borrow::Cow;
use std::io::Read;
use std::path::Path;

use chrono::NaiveDate;

use super::{
    ImportError, ImportReport, Imported, TableKind, coordinates, country_code, file_name,
    title_case,
};
use crate::model::{Event, EventDate, EventType, Evidence, Place, PlacePrecision};

/// Columns in a GDELT 2.0 event row (GDELT 1.0 had 57, later 58).
pub const COLUMNS: usize = 61;

const SQLDATE: usize = 1;
const ACTOR1_NAME: usize = 6;
const ACTOR2_NAME: usize = 16;
const EVENT_CODE: usize = 26;
const EVENT_ROOT_CODE: usize = 28;
const ACTION_GEO_TYPE: usize = 51;
const ACTION_GEO_FULL_NAME: usize = 52;
const ACTION_GEO_LAT: usize = 56;
const ACTION_GEO_LONG: usize = 57;
const SOURCE_URL: usize = 60;

/// Reads a GDELT 2.0 event file. Rows with the wrong number of columns or no date are
/// skipped and reported.
pub fn read(path: &Path, reader: impl Read) -> Result<Imported, ImportError> {
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .has_headers(false)
        .flexible(true)
        .quoting(false)
        .comment(Some(b'#'))
        .from_reader(reader);
    let mut report = ImportReport::default();
    let mut events = Vec::new();
    let mut record = csv::ByteRecord::new();
    loop {
        match csv.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                report.rows += 1;
                let line = record.position().map_or(0, |p| p.line());
                match row_event(&record, &mut report) {
                    Ok(event) => events.push(event),
                    Err(message) => report.skip(line, message),
                }
            }
            Err(e) => {
                return Err(ImportError::Io {
                    path: path.to_owned(),
                    source: std::io::Error::other(e.to_string()),
                });
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
        kind: TableKind::Gdelt,
        path: path.to_owned(),
        title: format!("GDELT: {}", file_name(path)),
        events,
        report,
    })
}

fn row_event(row: &csv::ByteRecord, report: &mut ImportReport) -> Result<Event, String> {
    if row.len() != COLUMNS {
        return Err(format!(
            "has {} columns; a GDELT 2.0 event row has {COLUMNS}",
            row.len()
        ));
    }
    let get = |i: usize| -> Cow<'_, str> {
        row.get(i)
            .map_or(Cow::Borrowed(""), String::from_utf8_lossy)
    };
    let raw_date = get(SQLDATE);
    let day = NaiveDate::parse_from_str(raw_date.trim(), "%Y%m%d")
        .map_err(|_| format!("SQLDATE {raw_date:?} is not a YYYYMMDD date"))?;

    let code = get(EVENT_CODE);
    let root = get(EVENT_ROOT_CODE);
    let event_type = match event_type_for(code.trim(), root.trim()) {
        Some(t) => t,
        None => {
            report.unknown_types += 1;
            EventType::Other
        }
    };
    let place = action_place(row);
    if place.is_none() {
        report.unplaced += 1;
    }
    let actors: Vec<String> = [get(ACTOR1_NAME), get(ACTOR2_NAME)]
        .iter()
        .map(|a| a.trim())
        .filter(|a| !a.is_empty())
        .map(title_case)
        .collect();
    let label = root_label(root.trim()).unwrap_or("Event");
    let mut summary = label.to_owned();
    match actors.as_slice() {
        [a] => summary.push_str(&format!(": {a}")),
        [a, b, ..] => summary.push_str(&format!(": {a} / {b}")),
        [] => {}
    }
    if let Some(p) = &place {
        summary.push_str(&format!(" in {}", p.name));
    }
    Ok(Event {
        id: String::new(),
        document: Default::default(),
        event_type,
        summary,
        date: Some(EventDate::day(day, raw_date.trim())),
        place,
        actors,
        targets: Vec::new(),
        fatalities: None,
        injured: None,
        evidence: Evidence {
            text: get(SOURCE_URL).trim().to_owned(),
            start: 0,
            end: 0,
        },
        more_evidence: Vec::new(),
        // Machine-coded from news text, like Dateline's own events.
        confidence: 0.5,
        edited: false,
    })
}

/// The action's place: ActionGeo_Type 1 = country, 2 = US state, 3 = US city,
/// 4 = world city, 5 = world state (first-level region); 0 or impossible coordinates = none.
fn action_place(row: &csv::ByteRecord) -> Option<Place> {
    let get = |i: usize| {
        row.get(i)
            .map_or(Cow::Borrowed(""), String::from_utf8_lossy)
    };
    let precision = match get(ACTION_GEO_TYPE).trim() {
        "1" => PlacePrecision::Country,
        "2" | "5" => PlacePrecision::Region,
        "3" | "4" => PlacePrecision::City,
        _ => return None,
    };
    let (lat, lon) = coordinates(&get(ACTION_GEO_LAT), &get(ACTION_GEO_LONG))?;
    let full_name = get(ACTION_GEO_FULL_NAME);
    let full_name = full_name.trim();
    // "Baghdad, Baghdad, Iraq": the place first, its country last. The country code column
    // is FIPS 10-4, not ISO, so the ISO code comes from the country's name.
    let name = full_name.split(',').next().unwrap_or("").trim();
    let country = full_name.rsplit(',').next().unwrap_or("").trim();
    Some(Place {
        name: name.into(),
        lat,
        lon,
        country: country_code(country).unwrap_or_default().into(),
        precision,
        text: full_name.to_owned(),
    })
}

/// A CAMEO event code (with its root code as fallback) as a Dateline type; see
/// docs/FORMAT.md. None when neither is a CAMEO code.
pub fn event_type_for(code: &str, root: &str) -> Option<EventType> {
    let root = if root.len() == 2 {
        root
    } else {
        code.get(..2).unwrap_or("")
    };
    let t = match (root, code.get(..3).unwrap_or("")) {
        (_, "057") => EventType::Agreement,
        (_, "145") => EventType::Riot,
        (_, "173") => EventType::Arrest,
        (_, "186") => EventType::Killing,
        (_, "194") => EventType::ShellingMissile,
        (_, "195") => EventType::AirStrike,
        ("01" | "02" | "03" | "10" | "11" | "12" | "13", _) => EventType::Statement,
        ("14", _) => EventType::Protest,
        ("18", _) => EventType::Attack,
        ("19", _) => EventType::ArmedClash,
        ("20", _) => EventType::Killing,
        ("04" | "05" | "06" | "07" | "08" | "09" | "15" | "16" | "17", _) => EventType::Other,
        _ => return None,
    };
    Some(t)
}

/// The CAMEO root code's name, for summaries.
fn root_label(root: &str) -> Option<&'static str> {
    let label = match root {
        "01" => "Make public statement",
        "02" => "Appeal",
        "03" => "Express intent to cooperate",
        "04" => "Consult",
        "05" => "Engage in diplomatic cooperation",
        "06" => "Engage in material cooperation",
        "07" => "Provide aid",
        "08" => "Yield",
        "09" => "Investigate",
        "10" => "Demand",
        "11" => "Disapprove",
        "12" => "Reject",
        "13" => "Threaten",
        "14" => "Protest",
        "15" => "Exhibit force posture",
        "16" => "Reduce relations",
        "17" => "Coerce",
        "18" => "Assault",
        "19" => "Fight",
        "20" => "Use unconventional mass violence",
        _ => return None,
    };
    Some(label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cameo_codes_map_onto_dateline_types() {
        assert_eq!(event_type_for("195", "19"), Some(EventType::AirStrike));
        assert_eq!(event_type_for("1951", "19"), Some(EventType::AirStrike));
        assert_eq!(event_type_for("190", "19"), Some(EventType::ArmedClash));
        assert_eq!(event_type_for("1452", "14"), Some(EventType::Riot));
        assert_eq!(event_type_for("141", "14"), Some(EventType::Protest));
        assert_eq!(event_type_for("0571", "05"), Some(EventType::Agreement));
        assert_eq!(event_type_for("051", "05"), Some(EventType::Other));
        assert_eq!(event_type_for("010", ""), Some(EventType::Statement));
        assert_eq!(event_type_for("173", "17"), Some(EventType::Arrest));
        assert_eq!(event_type_for("", ""), None);
        assert_eq!(event_type_for("999", "99"), None);
    }
}
