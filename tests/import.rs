//! Importing event tables: ACLED exports and GDELT 2.0 event files become events on the
//! timeline and map; bad rows are counted and named by line, never fatal.
//! The fixtures in tests/fixtures/ are synthetic (see tests/fixtures/README.md).

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use dateline::import::{self, ImportError, TableKind};
use dateline::model::{Dataset, DatePrecision, EventType, PlacePrecision};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

#[test]
fn an_acled_export_yields_an_air_strike_on_2019_12_29_at_al_qaim_with_25_killed() {
    let table = import::import_file(&fixture("acled_export.csv")).expect("imports");
    assert_eq!(table.kind, TableKind::Acled);
    assert_eq!(table.report.rows, 5);
    assert_eq!(table.report.imported, 5);
    assert_eq!(table.report.bad_rows, 0);

    let strike = &table.events[0];
    assert_eq!(strike.event_type, EventType::AirStrike);
    let date = strike.date.as_ref().expect("dated");
    assert_eq!(
        (date.start, date.precision),
        (day(2019, 12, 29), DatePrecision::Day)
    );
    let place = strike.place.as_ref().expect("placed");
    assert_eq!(place.name, "Al Qaim");
    assert_eq!(place.country, "IQ");
    assert_eq!(place.precision, PlacePrecision::City);
    assert!((place.lat - 34.3688).abs() < 1e-9 && (place.lon - 41.0945).abs() < 1e-9);
    assert_eq!(strike.fatalities, Some(25));
    assert_eq!(strike.actors[1], "Kataib Hezbollah");
    assert!(
        strike
            .evidence
            .text
            .starts_with("Synthetic note: on 29 December")
    );
}

#[test]
fn acled_precision_codes_become_date_and_place_precision() {
    let table = import::import_file(&fixture("acled_export.csv")).expect("imports");
    let types: Vec<EventType> = table.events.iter().map(|e| e.event_type).collect();
    assert_eq!(
        types,
        [
            EventType::AirStrike,
            EventType::Protest,
            EventType::Killing, // violence against civilians with fatalities
            EventType::Arrest,
            EventType::ArmedClash,
        ]
    );
    let week = table.events[2].date.as_ref().expect("dated");
    assert_eq!(week.precision, DatePrecision::Week);
    assert!(week.start <= day(2020, 1, 3) && day(2020, 1, 3) <= week.end);
    let month = table.events[3].date.as_ref().expect("dated");
    assert_eq!(
        (month.precision, month.start, month.end),
        (DatePrecision::Month, day(2020, 1, 1), day(2020, 1, 31))
    );
    let region = table.events[3].place.as_ref().expect("placed");
    assert_eq!(
        (region.precision, region.name.as_str()),
        (PlacePrecision::Region, "Ninewa")
    );
    // NaN coordinates: kept as an event, without a place.
    assert!(table.events[4].place.is_none());
    assert_eq!(table.report.unplaced, 1);
}

#[test]
fn an_older_acled_export_with_other_columns_and_long_dates_still_imports() {
    let table = import::import_file(&fixture("acled_legacy.csv")).expect("imports");
    assert_eq!(table.report.rows, 5);
    assert_eq!(table.report.imported, 4);
    assert_eq!(table.report.bad_rows, 1);
    let problem = &table.report.problems[0];
    assert!(problem.message.contains("someday"), "{problem:?}");
    // Comment line 1, header line 2, a two-line row at 3-4, then 5 and 6.
    assert_eq!(problem.line, 6, "{problem:?}");
    let first = &table.events[0];
    assert_eq!(
        first.date.as_ref().map(|d| d.start),
        Some(day(2019, 12, 29))
    );
    assert!(first.evidence.text.contains("line break"));
    assert_eq!(
        table.events[1].place.as_ref().map(|p| p.country.as_str()),
        Some("SY")
    );
    assert_eq!(
        table.events[1].date.as_ref().map(|d| d.start),
        Some(day(2019, 12, 30))
    );
    // Latitude 133.3 is off the globe.
    assert!(table.events[2].place.is_none());
    assert_eq!(table.events[2].event_type, EventType::Riot);
    assert_eq!(table.events[3].event_type, EventType::Other);
    assert_eq!(table.report.unknown_types, 1);
    let summary = table.report.summary();
    assert!(
        summary.contains("4 events imported; 1 bad row skipped (line 6"),
        "{summary}"
    );
}

#[test]
fn a_gdelt_file_yields_a_strike_a_protest_and_a_statement() {
    let table = import::import_file(&fixture("gdelt_events.export.CSV")).expect("imports");
    assert_eq!(table.kind, TableKind::Gdelt);
    assert_eq!(table.report.rows, 6);
    assert_eq!(table.report.imported, 4);
    assert_eq!(table.report.bad_rows, 2);
    let lines: Vec<u64> = table.report.problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [5, 7], "{:?}", table.report.problems);
    assert!(table.report.problems[1].message.contains("58 columns"));

    let strike = &table.events[0];
    assert_eq!(strike.event_type, EventType::AirStrike);
    assert_eq!(
        strike.date.as_ref().map(|d| d.start),
        Some(day(2019, 12, 29))
    );
    let place = strike.place.as_ref().expect("placed");
    assert_eq!(
        (place.name.as_str(), place.country.as_str()),
        ("Al Qaim", "IQ")
    );
    assert_eq!(place.precision, PlacePrecision::City);
    assert_eq!(strike.actors, ["United States", "Militia"]);
    assert_eq!(strike.evidence.text, "https://example.org/synthetic/1");

    assert_eq!(table.events[1].event_type, EventType::Protest);
    let statement = &table.events[2];
    assert_eq!(statement.event_type, EventType::Statement);
    let country = statement.place.as_ref().expect("placed");
    assert_eq!(
        (country.precision, country.country.as_str()),
        (PlacePrecision::Country, "IR")
    );
    // ActionGeo_Type 0: no place.
    assert_eq!(table.events[3].event_type, EventType::Arrest);
    assert!(table.events[3].place.is_none());
}

#[test]
fn an_imported_table_is_one_document_beside_the_articles() {
    let mut dataset = Dataset::default();
    let article = dateline::article::parse(
        Path::new("a.txt"),
        b"date 2020-01-05 Protest\nThousands of protesters marched in Baghdad on Sunday.",
    )
    .expect("parses");
    let article_id = dataset.add_article(article);
    let table = import::import_file(&fixture("acled_export.csv")).expect("imports");
    let id = table.add_to(&mut dataset);
    assert_ne!(id, article_id);
    let again = import::import_file(&fixture("gdelt_events.export.CSV")).expect("imports");
    let id2 = again.add_to(&mut dataset);
    assert_ne!(id, id2);
    assert_eq!(dataset.documents.len(), 3);
    assert_eq!(
        dataset.events.iter().filter(|e| e.document == id).count(),
        5
    );
    assert!(dataset.event(&format!("{id}-e1")).is_some());
    let doc = &dataset.documents[dataset.document_index(&id).expect("document")];
    assert_eq!(doc.title, "ACLED: acled_export.csv");
}

#[test]
fn files_that_are_not_tables_are_refused_with_a_reason() {
    let dir = std::env::temp_dir().join(format!("dateline-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let prose = dir.join("prose.csv");
    std::fs::write(&prose, "just,some,words\n1,2,3\n").expect("write");
    let e = import::import_file(&prose).expect_err("not a table");
    assert!(matches!(e, ImportError::Unknown { .. }));
    assert!(e.to_string().contains("prose.csv"), "{e}");

    let gdelt1 = dir.join("old.export.CSV");
    let row = vec!["1"; 57].join("\t");
    std::fs::write(&gdelt1, format!("{row}\n")).expect("write");
    let e = import::import_file(&gdelt1).expect_err("GDELT 1.0");
    assert!(e.to_string().contains("GDELT 1.0"), "{e}");

    let empty = dir.join("empty.csv");
    std::fs::write(&empty, "").expect("write");
    assert!(matches!(
        import::import_file(&empty),
        Err(ImportError::Empty { .. })
    ));
    let missing = import::import_file(&dir.join("missing.csv")).expect_err("missing");
    assert!(missing.to_string().contains("cannot read"), "{missing}");

    let no_date = dir.join("no_date.csv");
    std::fs::write(&no_date, "event_type,country\nProtests,Iraq\n").expect("write");
    let e = import::import_file(&no_date).expect_err("no event_date");
    assert!(e.to_string().contains("event_date"), "{e}");
}

#[test]
fn garbage_rows_never_panic() {
    // Random bytes in the shape of both tables: every row is either imported or reported.
    let mut rng = dateline::synth::Rng::new(5);
    let alphabet = b"0123456789-.,\t\"\n abcXYZ\xff";
    for kind in [TableKind::Acled, TableKind::Gdelt] {
        for _ in 0..50 {
            let mut bytes = match kind {
                TableKind::Acled => {
                    b"event_date,event_type,latitude,longitude,fatalities\n".to_vec()
                }
                TableKind::Gdelt => Vec::new(),
            };
            for _ in 0..400 {
                bytes.push(*rng.pick(alphabet));
            }
            if let Ok(table) = import::read(kind, Path::new("garbage"), bytes.as_slice()) {
                assert_eq!(
                    table.report.imported + table.report.bad_rows,
                    table.report.rows
                );
            }
        }
    }
}
