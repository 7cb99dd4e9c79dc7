//! Writing events out: Dateline's JSON (`dateline-events/1`, see docs/FORMAT.md), GeoJSON
//! (RFC 7946, lon/lat order) and ACLED-style CSV.

use serde::{Deserialize, Serialize};

use crate::model::{Dataset, DateMention, Document, Event};

pub const FORMAT_ID: &str = "dateline-events/1";

/// The JSON document `dateline extract --format json` writes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventsFile {
    pub format: String,
    pub documents: Vec<DocumentEntry>,
    pub events: Vec<Event>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentEntry {
    pub id: String,
    pub path: String,
    pub title: String,
    pub published: Option<chrono::NaiveDate>,
    #[serde(default)]
    pub dates_mentioned: Vec<DateMention>,
}

impl From<&Document> for DocumentEntry {
    fn from(d: &Document) -> Self {
        DocumentEntry {
            id: d.id.clone(),
            path: d.path.display().to_string(),
            title: d.title.clone(),
            published: d.published,
            dates_mentioned: d.dates_mentioned.clone(),
        }
    }
}

pub fn events_file(dataset: &Dataset) -> EventsFile {
    EventsFile {
        format: FORMAT_ID.to_owned(),
        documents: dataset.documents.iter().map(DocumentEntry::from).collect(),
        events: dataset.events.clone(),
    }
}

pub fn to_json(dataset: &Dataset) -> String {
    serde_json::to_string_pretty(&events_file(dataset)).unwrap_or_default()
}

/// GeoJSON FeatureCollection: one Point per placed event; unplaced events are left out.
pub fn to_geojson(dataset: &Dataset) -> String {
    let features: Vec<serde_json::Value> = dataset
        .events
        .iter()
        .filter_map(|e| {
            let place = e.place.as_ref()?;
            let mut properties = serde_json::to_value(e).ok()?;
            if let Some(map) = properties.as_object_mut() {
                map.insert("place_name".into(), place.name.as_str().into());
            }
            Some(serde_json::json!({
                "type": "Feature",
                "id": e.id,
                "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
                "properties": properties,
            }))
        })
        .collect();
    let collection = serde_json::json!({"type": "FeatureCollection", "features": features});
    serde_json::to_string_pretty(&collection).unwrap_or_default()
}

pub const CSV_HEADER: [&str; 14] = [
    "event_id",
    "event_date",
    "time_precision",
    "event_type",
    "actor1",
    "actor2",
    "location",
    "country",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "notes",
    "source",
];

/// ACLED-style CSV. `time_precision` and `geo_precision` use ACLED's codes
/// (1 = exact day / town, 2 = week / region, 3 = month or coarser / country).
pub fn to_csv(dataset: &Dataset) -> Result<String, csv::Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(CSV_HEADER)?;
    for e in &dataset.events {
        let source = dataset
            .documents
            .iter()
            .find(|d| d.id == e.document)
            .map(|d| d.path.display().to_string())
            .unwrap_or_default();
        let (date, time_precision) = match &e.date {
            Some(d) => (
                d.start.format("%Y-%m-%d").to_string(),
                match d.precision {
                    crate::model::DatePrecision::Day => "1",
                    crate::model::DatePrecision::Week => "2",
                    _ => "3",
                },
            ),
            None => (String::new(), ""),
        };
        let place = e.place.as_ref();
        let geo_precision = place.map_or("", |p| match p.precision {
            crate::model::PlacePrecision::Site | crate::model::PlacePrecision::City => "1",
            crate::model::PlacePrecision::Region => "2",
            crate::model::PlacePrecision::Country => "3",
        });
        writer.write_record([
            e.id.as_str(),
            date.as_str(),
            time_precision,
            e.event_type.key(),
            e.actors.first().map_or("", String::as_str),
            e.actors.get(1).map_or("", String::as_str),
            place.map_or("", |p| p.name.as_str()),
            place.map_or("", |p| p.country.as_str()),
            &place.map_or(String::new(), |p| format!("{:.4}", p.lat)),
            &place.map_or(String::new(), |p| format!("{:.4}", p.lon)),
            geo_precision,
            &e.fatalities.map_or(String::new(), |f| f.to_string()),
            e.evidence.text.as_str(),
            source.as_str(),
        ])?;
    }
    let bytes = writer.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// One JSON object per line, for batch pipelines.
pub fn to_jsonl(events: &[Event]) -> String {
    events
        .iter()
        .filter_map(|e| serde_json::to_string(e).ok())
        .map(|line| line + "\n")
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article;
    use std::path::Path;

    fn sample_dataset() -> Dataset {
        let text = include_str!("../assets/articles/000_dcb1392a28173e2c.txt");
        let a = article::parse(Path::new("sample.txt"), text.as_bytes()).expect("parses");
        let mut d = Dataset::default();
        d.add_article(a);
        d
    }

    #[test]
    fn json_round_trips() {
        let d = sample_dataset();
        let json = to_json(&d);
        let back: EventsFile = serde_json::from_str(&json).expect("parses back");
        assert_eq!(back, events_file(&d));
        assert_eq!(back.format, "dateline-events/1");
        assert!(!back.events.is_empty());
        let raw: serde_json::Value = serde_json::from_str(&json).expect("json");
        let first = &raw["events"][0];
        for key in [
            "id",
            "document",
            "type",
            "summary",
            "date",
            "place",
            "actors",
            "fatalities",
            "injured",
            "evidence",
            "confidence",
        ] {
            assert!(first.get(key).is_some(), "missing {key}");
        }
    }

    #[test]
    fn geojson_puts_longitude_first() {
        let d = sample_dataset();
        let raw: serde_json::Value = serde_json::from_str(&to_geojson(&d)).expect("geojson");
        assert_eq!(raw["type"], "FeatureCollection");
        let features = raw["features"].as_array().expect("features");
        let baghdad = features
            .iter()
            .find(|f| f["properties"]["place_name"] == "Baghdad")
            .expect("a Baghdad event");
        let coords = baghdad["geometry"]["coordinates"]
            .as_array()
            .expect("coords");
        let (lon, lat) = (
            coords[0].as_f64().expect("lon"),
            coords[1].as_f64().expect("lat"),
        );
        assert!(
            (lon - 44.4).abs() < 0.3 && (lat - 33.3).abs() < 0.3,
            "{lon},{lat}"
        );
    }

    #[test]
    fn csv_has_acled_style_header_and_one_row_per_event() {
        let d = sample_dataset();
        let csv = to_csv(&d).expect("csv");
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .expect("header")
            .iter()
            .map(str::to_owned)
            .collect();
        assert_eq!(header, CSV_HEADER);
        assert_eq!(reader.records().count(), d.events.len());
    }
}
