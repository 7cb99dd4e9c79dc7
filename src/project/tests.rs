//! Project promises: what is saved is what is loaded; a save killed at any moment leaves
//! the previous project whole; damaged and future files are refused by name and untouched.

use super::atomic::{CHUNK, STALE_TEMP_AGE, TEMP_SUFFIX};
use super::*;
use crate::edit::Edit;
use crate::model::{DatePrecision, EventDate, Evidence, Place, PlacePrecision};
use std::fs::File;
use std::io::Write;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, SystemTime};

const SAMPLE: &str = include_str!("../../assets/articles/000_dcb1392a28173e2c.txt");

/// A scratch folder for one test, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir =
            std::env::temp_dir().join(format!("dateline-project-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("scratch dir");
        Scratch(dir)
    }

    fn file(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(&self.0)
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// The sample article with a few hand edits (one undone), a filter and a selection.
fn sample_project() -> Project {
    let article =
        crate::article::parse(Path::new("sample.txt"), SAMPLE.as_bytes()).expect("sample parses");
    let mut dataset = Dataset::default();
    dataset.add_article(article);
    let mut history = History::default();
    let first = dataset.events[0].id.clone();
    let second = dataset.events[1].id.clone();
    let edits = [
        Edit::SetFatalities {
            event: first.clone(),
            fatalities: Some(2),
        },
        Edit::SetPlace {
            event: second.clone(),
            // Coordinates that only read back bit for bit with serde_json's exact float
            // parsing (`float_roundtrip`).
            place: Some(Place {
                name: "Somewhere".into(),
                lat: -13.750954783384259,
                lon: 115.81700000000001,
                country: "ID".into(),
                precision: PlacePrecision::Site,
                text: "the site".into(),
            }),
        },
        Edit::SetDate {
            event: second.clone(),
            date: Some(EventDate {
                start: NaiveDate::from_ymd_opt(2019, 12, 29).expect("date"),
                end: NaiveDate::from_ymd_opt(2019, 12, 29).expect("date"),
                precision: DatePrecision::Day,
                text: "on Sunday".into(),
            }),
        },
    ];
    for edit in edits {
        history.apply(&mut dataset, edit).expect("edit applies");
    }
    history.undo(&mut dataset).expect("undo");
    Project {
        dataset,
        history,
        view: ViewSnapshot {
            selected: Some(first),
            hidden_types: [EventType::Statement].into_iter().collect(),
            hidden_documents: BTreeSet::new(),
            search: "embassy".into(),
            map: Some(MapArea {
                west: 38.2,
                south: 28.9,
                east: 49.1,
                north: 37.6,
            }),
            timeline: Some(TimelineSpan {
                from_day: 18_256.5,
                to_day: 18_262.0,
            }),
        },
    }
}

/// A project of about `megabytes` MB of article text, built without running the
/// extractor so that it is quick to make.
fn big_project(megabytes: usize, label: &str) -> Project {
    let paragraph = format!(
        "Protesters gathered in Baghdad on Sunday ({label}). Police fired tear gas; \
         officials said five people were injured. Ünïcödé — “quotes”.\n\n"
    );
    let mut documents = Vec::new();
    let mut texts = Vec::new();
    let mut events = Vec::new();
    for d in 1..=4 {
        let text = paragraph.repeat(megabytes * 1024 * 1024 / 4 / paragraph.len() + 1);
        let id = format!("d{d}");
        let end = paragraph.find('.').expect("sentence") + 1;
        events.push(Event {
            id: format!("{id}-e1"),
            document: id.as_str().into(),
            event_type: EventType::Protest,
            summary: format!("Protest in Baghdad ({label})"),
            date: None,
            place: None,
            actors: vec!["Protesters".into()],
            targets: Vec::new(),
            fatalities: None,
            injured: Some(5),
            evidence: Evidence {
                text: text[..end].to_owned(),
                start: 0,
                end,
            },
            more_evidence: Vec::new(),
            confidence: 0.7,
            edited: false,
        });
        documents.push(Document {
            id,
            path: PathBuf::from(format!("/articles/{d}.txt")),
            title: format!("Article {d} ({label})"),
            published: NaiveDate::from_ymd_opt(2019, 12, 31),
            dates_mentioned: Vec::new(),
            lead_in: 0,
        });
        texts.push(text);
    }
    Project {
        dataset: Dataset::from_parts(documents, texts, events, 4),
        history: History::default(),
        view: ViewSnapshot::default(),
    }
}

#[test]
fn a_saved_project_loads_back_identical() {
    let scratch = Scratch::new("round-trip");
    let path = scratch.file("news.dateline");
    let project = sample_project();
    save(&path, &project).expect("saves");
    let loaded = load(&path).expect("loads");
    assert_eq!(loaded, project);
    // And the loaded history still undoes and redoes.
    let mut loaded = loaded;
    loaded.history.redo(&mut loaded.dataset).expect("redo");
    loaded.history.undo(&mut loaded.dataset).expect("undo");
    assert_eq!(loaded, project);
    // Saving again writes the same bytes.
    let first = fs::read(&path).expect("read");
    save(&path, &loaded).expect("saves again");
    assert_eq!(fs::read(&path).expect("read"), first);
    assert_eq!(scratch.names(), ["news.dateline"]);
}

#[test]
fn a_lead_in_from_the_header_is_kept_and_re_extraction_still_minds_it() {
    let scratch = Scratch::new("lead-in");
    let path = scratch.file("page.dateline");
    let page = " date 2020-11-03 Cote d'Ivoire's incumbent President Alassane Ouattara has won last Saturday's presidential election, the commission announced on Tuesday.\n\nOuattara obtained 3,031,483 votes and was re-elected president.";
    let article = crate::article::parse(Path::new("page.txt"), page.as_bytes()).expect("parses");
    assert!(article.lead_in > 0);
    let mut project = sample_project();
    let id = project.dataset.add_article(article);
    save(&path, &project).expect("saves");
    let mut loaded = load(&path).expect("loads");
    assert_eq!(loaded, project);
    // Setting the date again re-extracts with the same lead-in: the body keeps the evidence.
    loaded
        .dataset
        .set_published(&id, NaiveDate::from_ymd_opt(2020, 11, 3));
    let election = loaded
        .dataset
        .events
        .iter()
        .find(|e| e.document == id.as_str())
        .expect("an event");
    assert!(election.evidence.text.starts_with("Ouattara obtained"));
}

#[test]
fn a_map_or_timeline_view_that_cannot_be_shown_is_dropped_not_refused() {
    let mut json: serde_json::Value =
        serde_json::from_slice(&to_bytes(&sample_project()).expect("serialises")).expect("json");
    json["view"]["map"]["west"] = 200.0.into();
    json["view"]["map"]["east"] = 100.0.into();
    json["view"]["timeline"]["to_day"] = (-1e12).into();
    let bytes = serde_json::to_vec(&json).expect("bytes");
    let project = parse(Path::new("odd-view.dateline"), &bytes).expect("still loads");
    assert_eq!(project.view.map, None);
    assert_eq!(project.view.timeline, None);
    assert_eq!(project.view.search, "embassy", "the rest of the view stays");
}

#[test]
fn the_file_says_what_it_is_and_its_version() {
    let bytes = to_bytes(&sample_project()).expect("serialises");
    let json: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
    assert_eq!(json["format"], FORMAT);
    assert_eq!(json["version"], VERSION);
    assert!(json["articles"][0]["text"].as_str().is_some());
    assert!(json["events"][0]["edited"].as_bool().is_some_and(|e| e));
    assert_eq!(json["view"]["search"], "embassy");
}

#[test]
fn new_documents_after_loading_get_fresh_ids() {
    let scratch = Scratch::new("fresh-ids");
    let path = scratch.file("p.dateline");
    let project = sample_project();
    save(&path, &project).expect("saves");
    let mut loaded = load(&path).expect("loads");
    let article = crate::article::parse(Path::new("b.txt"), b"Police fired tear gas in Paris.")
        .expect("parses");
    let id = loaded.dataset.add_article(article);
    assert!(project.dataset.document_index(&id).is_none(), "{id} reused");
}

#[test]
fn saving_through_a_missing_folder_is_a_clear_error() {
    let scratch = Scratch::new("missing-folder");
    let path = scratch.file("no/such/folder/p.dateline");
    let err = save(&path, &sample_project()).unwrap_err();
    assert!(matches!(err, ProjectError::Write { .. }));
    let message = err.to_string();
    assert!(message.contains("p.dateline"), "{message}");
    assert!(message.contains("creating a temporary file"), "{message}");
}

#[test]
fn a_project_with_impossible_coordinates_is_not_saved() {
    let scratch = Scratch::new("unsaveable");
    let path = scratch.file("p.dateline");
    let mut project = sample_project();
    if let Some(event) = project.dataset.events.first_mut() {
        event.place = Some(Place {
            name: "Nowhere".into(),
            lat: f64::NAN,
            lon: 0.0,
            country: Default::default(),
            precision: PlacePrecision::Site,
            text: String::new(),
        });
    }
    let err = save(&path, &project).unwrap_err();
    assert!(matches!(err, ProjectError::Unsaveable { .. }), "{err}");
    assert!(!path.exists());
}

/// Writes `bytes` to a file and checks that loading it fails as `expected` says and
/// leaves the file byte for byte as it was.
fn refused(name: &str, bytes: &[u8]) -> ProjectError {
    let scratch = Scratch::new(&format!("refused-{name}"));
    let path = scratch.file(name);
    fs::write(&path, bytes).expect("write");
    let before = fs::metadata(&path)
        .and_then(|m| m.modified())
        .expect("mtime");
    let err = load(&path).expect_err("refused");
    assert_eq!(fs::read(&path).expect("read"), bytes, "{name} was changed");
    assert_eq!(
        fs::metadata(&path)
            .and_then(|m| m.modified())
            .expect("mtime"),
        before
    );
    assert_eq!(scratch.names(), [name.to_owned()], "nothing else written");
    assert!(err.to_string().contains(name), "{err} names {name}");
    err
}

#[test]
fn a_damaged_project_is_refused_with_line_and_column() {
    let good = to_bytes(&sample_project()).expect("serialises");
    let text = String::from_utf8(good).expect("utf8");
    let broken = text.replacen("\"events\": [", "\"events\": [,", 1);
    let err = refused("broken.dateline", broken.as_bytes());
    let ProjectError::Corrupt { line, column, .. } = err else {
        panic!("corrupt, got {err}");
    };
    let expected_line = broken[..broken.find("[,").expect("marker")].lines().count();
    assert_eq!(line, expected_line);
    assert!(column > 1);
}

#[test]
fn a_cut_off_project_says_so() {
    let good = to_bytes(&sample_project()).expect("serialises");
    let err = refused("cut.dateline", &good[..good.len() / 2]);
    assert!(matches!(err, ProjectError::Corrupt { .. }), "{err}");
    assert!(err.to_string().contains("ends too early"), "{err}");
}

#[test]
fn a_project_from_a_newer_dateline_is_refused_with_both_versions() {
    let file = r#"{"format":"dateline-project","version":7,"articles":"a new shape","x":{}}"#;
    let err = refused("future.dateline", file.as_bytes());
    assert!(
        matches!(err, ProjectError::TooNew { version: 7, .. }),
        "{err}"
    );
    let message = err.to_string();
    assert!(
        message.contains("made by a newer Dateline (version 7)"),
        "{message}"
    );
    assert!(message.contains("reads up to version 1"), "{message}");
}

#[test]
fn other_files_are_not_projects() {
    for (name, bytes) in [
        ("empty.dateline", &b""[..]),
        ("list.dateline", b"[1, 2, 3]"),
        (
            "other.dateline",
            br#"{"type": "FeatureCollection", "features": []}"#,
        ),
        ("article.dateline", b"Protesters gathered in Paris."),
        ("binary.dateline", b"\x89PNG\r\n\x1a\n\0\0\0IHDR"),
    ] {
        let err = refused(name, bytes);
        assert!(
            matches!(err, ProjectError::NotAProject { .. }),
            "{name}: {err}"
        );
    }
}

#[test]
fn a_project_with_evidence_outside_its_text_is_refused_by_name() {
    let mut project = sample_project();
    let bytes = to_bytes(&project).expect("serialises");
    let mut json: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
    json["events"][0]["evidence"]["end"] = serde_json::json!(10_000_000);
    let err = refused(
        "offsets.dateline",
        &serde_json::to_vec(&json).expect("json"),
    );
    assert!(matches!(err, ProjectError::Invalid { .. }), "{err}");
    let id = project.dataset.events.remove(0).id;
    assert!(err.to_string().contains(&id), "{err}");
}

#[test]
fn a_missing_file_is_a_read_error_naming_it() {
    let err = load(Path::new("/no/such/dir/x.dateline")).unwrap_err();
    assert!(matches!(err, ProjectError::Read { .. }));
    assert!(err.to_string().contains("x.dateline"));
}

#[test]
fn a_selection_of_a_missing_event_is_dropped_on_load() {
    let mut project = sample_project();
    project.view.selected = Some("d9-e9".into());
    let loaded = parse(Path::new("p"), &to_bytes(&project).expect("bytes")).expect("loads");
    assert_eq!(loaded.view.selected, None);
}

#[test]
fn recovery_is_written_taken_and_discarded() {
    let scratch = Scratch::new("recovery");
    let recovery = Recovery::at(scratch.file("data/dateline/recovery.dateline"));
    assert_eq!(recovery.take(), None);
    let project = sample_project();
    recovery.write(&project).expect("writes");
    assert_eq!(recovery.take(), Some(project.clone()));
    // Taking does not remove it: a crash while the person decides loses nothing.
    assert_eq!(recovery.take(), Some(project));
    recovery.discard().expect("discards");
    assert_eq!(recovery.take(), None);
    recovery.discard().expect("discarding twice is fine");
}

#[test]
fn a_damaged_recovery_file_is_moved_aside_not_offered() {
    let scratch = Scratch::new("recovery-damaged");
    let recovery = Recovery::at(scratch.file("recovery.dateline"));
    fs::write(recovery.path(), b"{\"format\":\"dateline-project\",\"vers").expect("write");
    assert_eq!(recovery.take(), None);
    assert_eq!(scratch.names(), ["recovery.dateline.damaged"]);
}

#[test]
fn the_recovery_path_is_in_the_data_folder() {
    let path = recovery_path().expect("HOME is set in tests");
    assert!(path.ends_with(RECOVERY_FILE));
    if std::env::var_os(RECOVERY_DIR_ENV).is_none() {
        assert!(path.parent().is_some_and(|p| p.ends_with("dateline")));
    }
}

#[test]
fn stale_temporary_files_of_killed_saves_are_cleaned_up_by_the_next_save() {
    let scratch = Scratch::new("stale");
    let path = scratch.file("p.dateline");
    let stale = scratch.file(&format!(".p.dateline.1-1{TEMP_SUFFIX}"));
    let fresh = scratch.file(&format!(".p.dateline.2-1{TEMP_SUFFIX}"));
    let unrelated = scratch.file(&format!(".other.dateline.1-1{TEMP_SUFFIX}"));
    for file in [&stale, &fresh, &unrelated] {
        fs::write(file, b"partial").expect("write");
    }
    let old = SystemTime::now() - 2 * STALE_TEMP_AGE;
    for file in [&stale, &unrelated] {
        File::options()
            .write(true)
            .open(file)
            .and_then(|f| f.set_modified(old))
            .expect("age");
    }
    save(&path, &sample_project()).expect("saves");
    assert!(!stale.exists());
    assert!(fresh.exists(), "may belong to a save in progress");
    assert!(unrelated.exists(), "belongs to another project");
}

// ---- Killing a save midway -------------------------------------------------------------

const KILL_TARGET_ENV: &str = "DATELINE_TEST_KILL_TARGET";
const KILL_AT_ENV: &str = "DATELINE_TEST_KILL_AT";
const STOPPED: &str = "SAVE-STOPPED-HERE";

/// Where the child stops: "written:N" (after N chunks), "written:last", "synced", "renamed".
fn is_stop_point(progress: SaveProgress, stop_at: &str) -> bool {
    match (progress, stop_at) {
        (SaveProgress::Written { written, total }, "written:last") => written == total,
        (SaveProgress::Written { written, .. }, at) => at
            .strip_prefix("written:")
            .and_then(|n| n.parse::<u64>().ok())
            .is_some_and(|n| written == n * CHUNK as u64),
        (SaveProgress::Synced, "synced") | (SaveProgress::Renamed, "renamed") => true,
        _ => false,
    }
}

/// Run by `a_save_killed_at_any_point_leaves_the_previous_project_whole` in a child
/// process: saves the "new" big project and, at the requested point, announces it and
/// waits to be killed.
#[test]
#[ignore = "helper: run in a child process by the kill test"]
fn slow_save_child() {
    let (Some(target), Some(stop_at)) = (
        std::env::var_os(KILL_TARGET_ENV),
        std::env::var(KILL_AT_ENV).ok(),
    ) else {
        return;
    };
    let project = big_project(2, "new");
    let _ = save_with_progress(Path::new(&target), &project, |progress| {
        if is_stop_point(progress, &stop_at) {
            println!("{STOPPED}");
            let _ = io::stdout().flush();
            loop {
                std::thread::sleep(Duration::from_secs(60));
            }
        }
    });
    println!("save finished without stopping at {stop_at}");
}

/// Starts the child save, waits until it stops at `stop_at`, and kills it with SIGKILL.
fn kill_save_at(target: &Path, stop_at: &str) {
    let exe = std::env::current_exe().expect("test executable");
    let mut child = Command::new(exe)
        .args([
            "--exact",
            "project::tests::slow_save_child",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(KILL_TARGET_ENV, target)
        .env(KILL_AT_ENV, stop_at)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("child starts");
    let stdout = child.stdout.take().expect("piped");
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if line.contains(STOPPED) {
                let _ = tx.send(true);
                return;
            }
        }
        let _ = tx.send(false);
    });
    let stopped = rx.recv_timeout(Duration::from_secs(120)).unwrap_or(false);
    child.kill().expect("SIGKILL");
    child.wait().expect("reaped");
    assert!(stopped, "the child save never reached {stop_at}");
}

#[test]
fn a_save_killed_at_any_point_leaves_the_previous_project_whole() {
    let scratch = Scratch::new("killed");
    let path = scratch.file("big.dateline");
    let old = big_project(2, "old");
    save(&path, &old).expect("first save");
    let old_bytes = fs::read(&path).expect("read");
    let chunks = old_bytes.len() / CHUNK;
    assert!(chunks > 20, "the project spans many chunks ({chunks})");

    for stop_at in [
        "written:1".to_owned(),
        format!("written:{}", chunks / 2),
        "written:last".to_owned(),
        "synced".to_owned(),
    ] {
        let temps_before = scratch.names().len();
        kill_save_at(&path, &stop_at);
        assert_eq!(
            scratch.names().len(),
            temps_before + 1,
            "killed at {stop_at}: the child had really started writing"
        );
        assert_eq!(
            fs::read(&path).expect("read"),
            old_bytes,
            "killed at {stop_at}: the old file is untouched"
        );
        assert_eq!(load(&path).expect("loads"), old, "killed at {stop_at}");
        // What remains besides it is only the hidden temporary file of the killed save.
        for name in scratch.names() {
            assert!(
                name == "big.dateline" || name.ends_with(TEMP_SUFFIX),
                "unexpected {name}"
            );
        }
    }

    // Killed after the rename: the new project is there, whole.
    kill_save_at(&path, "renamed");
    assert_eq!(load(&path).expect("loads"), big_project(2, "new"));
}

#[test]
fn a_first_save_killed_midway_leaves_no_file_behind_under_the_name() {
    let scratch = Scratch::new("killed-first");
    let path = scratch.file("new.dateline");
    kill_save_at(&path, "written:3");
    assert!(!path.exists());
    assert!(matches!(load(&path), Err(ProjectError::Read { .. })));
}
