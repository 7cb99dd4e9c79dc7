//! Any bytes given as an event table must import or give an `ImportError`, never panic,
//! whichever kind the file is read as (sniffed, ACLED or GDELT); imported events must be
//! on the globe and exportable.
#![no_main]

use std::io::{BufReader, Cursor};
use std::path::Path;

use dateline::import::{self, TableKind};
use dateline::model::Dataset;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.csv");
    let mut reader = BufReader::new(Cursor::new(data));
    let sniffed = import::sniff(path, &mut reader).ok();
    for kind in [TableKind::Acled, TableKind::Gdelt] {
        let Ok(imported) = import::read(kind, path, Cursor::new(data)) else {
            continue;
        };
        for event in &imported.events {
            if let Some(place) = &event.place {
                assert!((-90.0..=90.0).contains(&place.lat), "{place:?}");
                assert!((-180.0..=180.0).contains(&place.lon), "{place:?}");
            }
            if let Some(date) = &event.date {
                assert!(date.start <= date.end, "{date:?}");
            }
        }
        assert_eq!(imported.report.imported, imported.events.len());
        if sniffed == Some(kind) {
            let mut dataset = Dataset::default();
            imported.add_to(&mut dataset);
            let _ = dateline::export::to_json(&dataset);
            let _ = dateline::export::to_csv(&dataset);
        }
    }
});
