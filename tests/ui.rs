//! UI promises, driven headless through AccessKit with egui_kittest.

use dateline::model::EventType;
use dateline::ui::app::DatelineApp;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness() -> Harness<'static, DatelineApp> {
    Harness::builder()
        .with_size([1600.0, 1000.0])
        .build_ui_state(
            |ui, app: &mut DatelineApp| app.frame_ui(ui),
            DatelineApp::headless(Vec::new(), None),
        )
}

#[test]
fn clicking_an_event_in_the_list_selects_it_in_timeline_map_and_article() {
    let mut harness = harness();
    harness.run();
    let (id, summary) = {
        let app = harness.state();
        let e = app
            .dataset
            .events
            .iter()
            .find(|e| e.event_type == EventType::AirStrike)
            .expect("the sample has an air strike");
        (e.id.clone(), e.summary.clone())
    };
    harness.get_by_label(&summary).click();
    harness.run();

    let app = harness.state();
    assert_eq!(app.view.selected.as_deref(), Some(id.as_str()));
    assert_eq!(app.timeline.highlighted(), Some(id.as_str()), "timeline");
    assert_eq!(app.map.highlighted(), Some(id.as_str()), "map");
    assert_eq!(app.article.highlighted(), Some(id.as_str()), "article");
    // The article pane names the selection in words a person (and a screen reader) sees.
    harness.get_by_label(&format!("Selected: Air strike — {summary}"));
}

#[test]
fn escape_clears_the_selection() {
    let mut harness = harness();
    harness.run();
    let summary = harness.state().dataset.events[0].summary.clone();
    harness.get_by_label(&summary).click();
    harness.run();
    assert!(harness.state().view.selected.is_some());
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert_eq!(harness.state().view.selected, None);
    assert_eq!(harness.state().map.highlighted(), None);
}

#[test]
fn unticking_a_type_filter_shrinks_the_list() {
    let mut harness = harness();
    harness.run();
    let (total, statements) = {
        let events = &harness.state().dataset.events;
        (
            events.len(),
            events
                .iter()
                .filter(|e| e.event_type == EventType::Statement)
                .count(),
        )
    };
    assert!(statements > 0, "the sample has statements");
    harness.get_by_label(&format!("{total} of {total} events"));
    harness
        .get_by_label(&format!("Statement ({statements})"))
        .click();
    harness.run();
    let shown = total - statements;
    harness.get_by_label(&format!("{shown} of {total} events"));
    let app = harness.state();
    assert_eq!(app.view.visible_events(&app.dataset).len(), shown);
}

#[test]
fn a_bad_file_gives_a_message_and_keeps_what_was_open() {
    let dir = std::env::temp_dir().join(format!("dateline-ui-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, b"").expect("write");
    let binary = dir.join("photo.txt");
    std::fs::write(&binary, [0x89, b'P', b'N', b'G', 0, 0, 1, 2, 3]).expect("write");

    let mut harness = harness();
    harness.run();
    let before = harness.state().dataset.events.len();
    harness
        .state_mut()
        .open_paths(&[empty.clone(), binary.clone()]);
    harness.run();
    let app = harness.state();
    assert_eq!(app.dataset.events.len(), before, "the sample stays open");
    assert_eq!(app.dataset.documents.len(), 1);
    let texts: Vec<&str> = app.messages.iter().map(|m| m.text.as_str()).collect();
    assert!(
        texts
            .iter()
            .any(|t| t.contains("empty.txt") && t.contains("empty")),
        "{texts:?}"
    );
    assert!(
        texts
            .iter()
            .any(|t| t.contains("photo.txt") && t.contains("binary")),
        "{texts:?}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_folder_opens_in_the_background_and_lists_failures() {
    let dir = std::env::temp_dir().join(format!("dateline-folder-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let sample = include_str!("../assets/articles/000_dcb1392a28173e2c.txt");
    for n in 0..12 {
        std::fs::write(dir.join(format!("a{n:02}.txt")), sample).expect("write");
    }
    std::fs::write(dir.join("broken.txt"), b"").expect("write");

    let mut harness = harness();
    harness.run();
    harness.state_mut().open_paths(std::slice::from_ref(&dir));
    assert!(
        harness.state().is_loading(),
        "a folder loads in the background"
    );
    for _ in 0..500 {
        harness.step();
        if !harness.state().is_loading() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let app = harness.state();
    assert!(!app.is_loading(), "the load finishes");
    assert_eq!(
        app.dataset.documents.len(),
        13,
        "the sample plus twelve copies"
    );
    let texts: Vec<&str> = app.messages.iter().map(|m| m.text.as_str()).collect();
    assert!(texts.iter().any(|t| t.contains("broken.txt")), "{texts:?}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn an_event_table_is_imported_in_the_background_next_to_the_article() {
    let mut harness = harness();
    harness.run();
    let articles_events = harness.state().dataset.events.len();
    let table = std::path::PathBuf::from("tests/fixtures/acled_export.csv");
    let expected = dateline::import::import_file(&table)
        .expect("the fixture imports")
        .events
        .len();
    harness.state_mut().open_paths(&[table]);
    assert!(harness.state().is_importing());
    for _ in 0..500 {
        harness.step();
        if !harness.state().is_importing() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let app = harness.state();
    assert!(!app.is_importing(), "the import finishes");
    assert_eq!(app.dataset.events.len(), articles_events + expected);
    assert_eq!(
        app.dataset.documents.len(),
        2,
        "the table is one more document"
    );
    let last = app.messages.last().map(|m| m.text.as_str()).unwrap_or("");
    assert!(
        last.contains(&format!("{expected} events imported")),
        "{last}"
    );
}

#[test]
fn a_file_that_is_no_event_table_is_refused_with_a_message() {
    let mut harness = harness();
    harness.run();
    let before = harness.state().dataset.clone();
    let dir = std::env::temp_dir().join(format!("dateline-table-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("shopping.csv");
    std::fs::write(&path, "item,price\nbread,2\n").expect("write");
    harness.state_mut().open_paths(std::slice::from_ref(&path));
    for _ in 0..500 {
        harness.step();
        if !harness.state().is_importing() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert_eq!(harness.state().dataset, before);
    harness.get_by_label_contains("is not a table Dateline can import");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_search_of_many_events_finishes_by_itself_and_the_list_shows_its_result() {
    use dateline::synth::{self, SynthOptions};
    use dateline::ui::state::UiCommand;
    let mut app = DatelineApp::headless(Vec::new(), None);
    app.dataset = synth::dataset(&SynthOptions::new(70_000, 3));
    let mut harness = Harness::builder()
        .with_size([1600.0, 1000.0])
        .with_max_steps(1_000)
        .build_ui_state(|ui, app: &mut DatelineApp| app.frame_ui(ui), app);
    harness.run();
    // Typed, then no more input: the app keeps drawing frames until it has read every event.
    harness
        .state_mut()
        .apply(UiCommand::SetSearch("shanghai".into()));
    harness.run();
    let app = harness.state();
    assert!(!app.view.search_pending());
    let total = app.dataset.events.len();
    let shown = app
        .dataset
        .events
        .iter()
        .filter(|e| app.view.is_visible(e))
        .count();
    assert!(shown > 0 && shown < total);
    harness.get_by_label(&format!("{shown} of {total} events"));
}
