//! Command-line promises: `dateline extract` output and its handling of bad files.

use std::path::{Path, PathBuf};
use std::process::Command;

const SAMPLE: &str = "assets/articles/000_dcb1392a28173e2c.txt";

fn dateline(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("dateline runs")
}

fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dateline-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path
}

fn event<'a>(events: &'a [serde_json::Value], t: &str, evidence: &str) -> &'a serde_json::Value {
    events
        .iter()
        .find(|e| {
            e["type"] == t
                && e["evidence"]["text"]
                    .as_str()
                    .unwrap_or("")
                    .contains(evidence)
        })
        .unwrap_or_else(|| panic!("no {t} event with {evidence:?}"))
}

#[test]
fn extract_json_on_the_sample_gives_the_key_events() {
    let out = dateline(&["extract", "--format", "json", SAMPLE]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(json["format"], "dateline-events/1");
    assert_eq!(json["documents"][0]["published"], "2019-12-31");
    let events = json["events"].as_array().expect("events");

    let strike = event(events, "air_strike", "US airplanes attacked bases");
    assert_eq!(strike["date"]["start"], "2019-12-29");
    assert_eq!(strike["date"]["precision"], "day");
    assert_eq!(strike["place"]["country"], "IQ");
    assert_eq!(strike["fatalities"], 25);
    assert_eq!(strike["injured"], 55);

    let evacuation = event(events, "evacuation", "evacuated");
    assert_eq!(evacuation["date"]["start"], "2019-12-31");
    assert_eq!(evacuation["place"]["name"], "Baghdad");

    let missile = event(events, "shelling_missile", "missile attack");
    assert!(missile["date"].is_null());

    let statement = event(events, "statement", "Trump accused Iran");
    assert_eq!(statement["place"]["name"], "Washington");
    assert_eq!(statement["date"]["start"], "2019-12-31");
}

#[test]
fn extract_geojson_and_csv() {
    let out = dateline(&["extract", "--format", "geojson", SAMPLE]);
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("GeoJSON");
    assert_eq!(json["type"], "FeatureCollection");
    let out = dateline(&["extract", "--format", "csv", SAMPLE]);
    assert!(out.status.success());
    let csv = String::from_utf8_lossy(&out.stdout);
    assert!(csv.starts_with("event_id,event_date,time_precision,event_type,actor1,actor2,location,country,latitude,longitude,geo_precision,fatalities,notes,source"));
}

fn assert_refused(path: &Path, words: &str) {
    let out = dateline(&["extract", path.to_str().expect("utf-8 path")]);
    assert_eq!(out.status.code(), Some(2), "{}", path.display());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&*path.to_string_lossy()), "{err}");
    assert!(err.contains(words), "{err}");
}

#[test]
fn bad_files_give_clear_messages_and_exit_code_2() {
    assert_refused(&temp_file("empty.txt", b""), "empty");
    assert_refused(
        &temp_file("image.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0"),
        "binary",
    );
    let big = vec![b'a'; 50 * 1024 * 1024];
    assert_refused(&temp_file("huge.txt", &big), "too large");
    assert_refused(Path::new("/nonexistent/article.txt"), "cannot read");
}

#[test]
fn invalid_utf8_is_read_with_a_warning() {
    let path = temp_file(
        "latin1.txt",
        b"date 2020-01-05 Test\nProtesters marched in Par\xEDs on Sunday.",
    );
    let out = dateline(&["extract", path.to_str().expect("path")]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("not UTF-8") && err.contains("Windows-1252"),
        "{err}"
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert!(
        json["events"][0]["evidence"]["text"]
            .as_str()
            .unwrap_or("")
            .contains("París")
    );
}

#[test]
fn unknown_options_explain_usage() {
    let out = dateline(&["--no-such-flag"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("Usage"));
}
