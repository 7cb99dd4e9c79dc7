//! Corrections, projects and recovery as a person uses them: driven headless through
//! AccessKit with egui_kittest on the real app.

use std::fs;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use dateline::model::{Event, EventType};
use dateline::project::{self, Recovery};
use dateline::ui::app::DatelineApp;
use dateline::ui::event_list::EDITED_MARK;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness_with(app: DatelineApp) -> Harness<'static, DatelineApp> {
    Harness::builder()
        .with_size([1600.0, 1000.0])
        .build_ui_state(|ui, app: &mut DatelineApp| app.frame_ui(ui), app)
}

fn harness() -> Harness<'static, DatelineApp> {
    harness_with(DatelineApp::headless(Vec::new(), None))
}

/// A folder removed when the test ends.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("dateline-ui-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("scratch dir");
        Scratch(dir)
    }

    fn file(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn air_strike(app: &DatelineApp) -> &Event {
    app.dataset
        .events
        .iter()
        .find(|e| e.event_type == EventType::AirStrike)
        .expect("the sample has an air strike")
}

/// Selects the sample's air strike from the list and opens the editor with Ctrl+E.
fn edit_air_strike(harness: &mut Harness<'static, DatelineApp>) -> String {
    harness.run();
    let (id, summary) = {
        let e = air_strike(harness.state());
        (e.id.clone(), e.summary.clone())
    };
    harness.get_by_label(&summary).click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run();
    assert!(harness.state().editor.open, "Ctrl+E opens the editor");
    id
}

/// Types into a field of the editor and commits it with Enter.
fn type_into(harness: &mut Harness<'static, DatelineApp>, field: &str, text: &str) {
    let node = harness.get_by_label(field);
    node.focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label(field).type_text(text);
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
}

#[test]
fn a_number_typed_in_the_editor_changes_the_event_and_undo_redo_step_through_it() {
    let mut harness = harness();
    let id = edit_air_strike(&mut harness);
    let original = harness.state().dataset.event(&id).cloned().expect("event");
    assert_eq!(original.fatalities, Some(25));

    type_into(&mut harness, "Killed", "31");
    let edited = harness.state().dataset.event(&id).cloned().expect("event");
    assert_eq!(edited.fatalities, Some(31));
    assert!(edited.edited, "an event changed by hand is marked");
    assert!(harness.state().has_unsaved_work());
    harness.get_by_label_contains(EDITED_MARK);

    // Undo and redo from the keyboard once the field has let go of it.
    harness.key_press(Key::Escape);
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().dataset.event(&id), Some(&original));
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert_eq!(harness.state().dataset.event(&id), Some(&edited));
}

#[test]
fn a_bad_number_is_explained_and_changes_nothing() {
    let mut harness = harness();
    let id = edit_air_strike(&mut harness);
    type_into(&mut harness, "Killed", "dozens");
    assert_eq!(
        harness
            .state()
            .dataset
            .event(&id)
            .and_then(|e| e.fatalities),
        Some(25)
    );
    harness.get_by_label_contains("is not a number of people killed");
    assert!(!harness.state().history.can_undo());
}

#[test]
fn a_place_found_by_search_replaces_the_event_place() {
    let mut harness = harness();
    let id = edit_air_strike(&mut harness);
    let search = harness.get_by_label("Find a place");
    search.focus();
    search.type_text("mosu");
    harness.run();
    harness.get_by_label("Mosul, Iraq (city)").click();
    harness.run();
    let place = harness
        .state()
        .dataset
        .event(&id)
        .and_then(|e| e.place.clone())
        .expect("a place");
    assert_eq!(
        (place.name.as_str(), place.country.as_str()),
        ("Mosul", "IQ")
    );
    assert!((place.lat - 36.3).abs() < 0.3, "{place:?}");
}

#[test]
fn the_date_and_type_are_edited_with_their_precision() {
    let mut harness = harness();
    let id = edit_air_strike(&mut harness);
    type_into(&mut harness, "Date", "2019-12");
    harness.get_by_label("Date precision").click();
    harness.run();
    harness.get_by_label("month").click();
    harness.run();
    let date = harness
        .state()
        .dataset
        .event(&id)
        .and_then(|e| e.date.clone())
        .expect("a date");
    assert_eq!(date.display(), "2019-12");
    assert_eq!(date.end.to_string(), "2019-12-31");
    assert_eq!(
        harness.state().history.undo_count(),
        2,
        "two edits: day, then month"
    );
}

#[test]
fn delete_removes_the_selected_event_and_undo_restores_it_in_place() {
    let mut harness = harness();
    harness.run();
    let before = harness.state().dataset.events.clone();
    let summary = air_strike(harness.state()).summary.clone();
    harness.get_by_label(&summary).click();
    harness.run();
    harness.key_press(Key::Delete);
    harness.run();
    assert_eq!(harness.state().dataset.events.len(), before.len() - 1);
    assert!(
        harness.query_by_label(&summary).is_none(),
        "gone from the list"
    );
    assert_eq!(harness.state().view.selected, None);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().dataset.events, before);
}

#[test]
fn an_event_is_added_from_text_selected_in_the_article() {
    let mut harness = harness();
    harness.run();
    let (document, span, count) = {
        let app = harness.state();
        let text = &app.dataset.texts[0];
        let sentence = "Abdul Mahdi";
        let start = text.find(sentence).expect("the sample names Abdul Mahdi");
        let end = start + text[start..].find('.').expect("a full stop");
        (
            app.dataset.documents[0].id.clone(),
            start..end,
            app.dataset.events.len(),
        )
    };
    harness
        .state_mut()
        .article
        .select_text(&document, span.clone());
    harness.run();
    harness.get_by_label("Add event from selection").click();
    harness.run();
    let app = harness.state();
    assert_eq!(app.dataset.events.len(), count + 1);
    let added = app.dataset.events.last().expect("added");
    assert_eq!(
        (added.evidence.start, added.evidence.end),
        (span.start, span.end)
    );
    assert!(added.edited);
    assert_eq!(app.view.selected.as_deref(), Some(added.id.as_str()));
    assert!(app.editor.open, "the editor opens on the new event");
}

#[test]
fn two_events_are_merged_from_the_editor() {
    let mut harness = harness();
    let id = edit_air_strike(&mut harness);
    let (absorb, count) = {
        let app = harness.state();
        let other = app
            .dataset
            .events
            .iter()
            .find(|e| e.event_type == EventType::ShellingMissile)
            .expect("the sample has a missile attack");
        (other.clone(), app.dataset.events.len())
    };
    harness.get_by_label("Merge with").click();
    harness.run();
    harness
        .get_by_label_contains(&format!("Shelling / missile: {}", &absorb.summary[..20]))
        .click();
    harness.run();
    harness.get_by_label("Merge").click();
    harness.run();
    let app = harness.state();
    assert_eq!(app.dataset.events.len(), count - 1);
    assert!(app.dataset.event(&absorb.id).is_none());
    let kept = app.dataset.event(&id).expect("kept");
    assert!(kept.more_evidence.contains(&absorb.evidence));
}

#[test]
fn a_saved_project_reopens_identical() {
    let scratch = Scratch::new("roundtrip");
    let path = scratch.file("story.dateline");
    let mut harness = harness();
    let id = edit_air_strike(&mut harness);
    type_into(&mut harness, "Killed", "30");
    harness.state_mut().view.search = "strike".to_owned();
    assert!(harness.state_mut().save_project_to(&path));
    assert!(!harness.state().has_unsaved_work());
    let saved = harness.state().project();

    let mut reopened = harness_with(DatelineApp::headless(vec![path.clone()], None));
    reopened.run();
    let app = reopened.state();
    assert_eq!(
        app.project(),
        saved,
        "articles, events, history, filters and selection"
    );
    assert_eq!(app.view.selected.as_deref(), Some(id.as_str()));
    assert_eq!(app.project_path.as_deref(), Some(path.as_path()));
    // The reopened history still undoes the correction.
    reopened.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    reopened.run();
    assert_eq!(
        reopened
            .state()
            .dataset
            .event(&id)
            .and_then(|e| e.fatalities),
        Some(25)
    );
}

#[test]
fn a_damaged_project_gives_a_message_and_is_neither_opened_nor_overwritten() {
    let scratch = Scratch::new("damaged");
    let path = scratch.file("broken.dateline");
    let bytes = b"{\"format\": \"dateline-project\", \"version\": 1, \"articles\": [";
    fs::write(&path, bytes).expect("write");
    let mut harness = harness();
    harness.run();
    let before = harness.state().dataset.clone();
    harness.state_mut().open_paths(std::slice::from_ref(&path));
    harness.run();
    assert_eq!(harness.state().dataset, before, "what was open stays");
    harness.get_by_label_contains("damaged Dateline project");
    assert_eq!(fs::read(&path).expect("read"), bytes);
}

#[test]
fn unsaved_changes_are_asked_about_before_a_project_replaces_them() {
    let scratch = Scratch::new("ask");
    let path = scratch.file("other.dateline");
    {
        let mut other = DatelineApp::headless(Vec::new(), None);
        let first = other.dataset.events[0].id.clone();
        other.apply_edit(dateline::edit::Edit::DeleteEvent { event: first });
        assert!(other.save_project_to(&path));
    }
    let mut harness = harness();
    let id = edit_air_strike(&mut harness);
    type_into(&mut harness, "Killed", "40");
    harness.state_mut().open_paths(std::slice::from_ref(&path));
    harness.run();
    assert_eq!(
        harness
            .state()
            .dataset
            .event(&id)
            .and_then(|e| e.fatalities),
        Some(40),
        "nothing replaced before the answer"
    );
    harness.get_by_label("Save your changes?");
    harness.get_by_label("Don't save").click();
    harness.run();
    let app = harness.state();
    assert_eq!(app.project_path.as_deref(), Some(path.as_path()));
    assert_eq!(app.dataset.events.len(), 6, "the other project is open");
}

#[test]
fn after_a_crash_the_next_start_offers_the_recovery_copy() {
    let scratch = Scratch::new("recovery");
    let recovery = Recovery::at(scratch.file("recovery.dateline"));
    let lost_work = {
        let mut harness = harness();
        harness.state_mut().autosave.recovery = Some(recovery.clone());
        edit_air_strike(&mut harness);
        type_into(&mut harness, "Killed", "99");
        harness
            .state_mut()
            .write_recovery_copy()
            .expect("recovery copy");
        harness.state().project()
        // The app ends here without saving, as in a crash.
    };
    let mut next = DatelineApp::headless(Vec::new(), None);
    next.autosave.recovery = Some(recovery.clone());
    next.look_for_recovery();
    let mut harness = harness_with(next);
    harness.run();
    harness.get_by_label("Recover unsaved work?");
    harness.get_by_label("Recover").click();
    harness.run();
    let app = harness.state();
    assert_eq!(app.dataset, lost_work.dataset);
    assert_eq!(app.history, lost_work.history);
    assert!(app.has_unsaved_work(), "recovered work still needs saving");
    assert!(recovery.path().exists(), "kept until saved");
}

#[test]
fn unsaved_work_is_copied_once_a_minute_in_the_background() {
    let scratch = Scratch::new("autosave");
    let recovery = Recovery::at(scratch.file("recovery.dateline"));
    let mut app = DatelineApp::headless(Vec::new(), None);
    app.autosave.recovery = Some(recovery.clone());
    let start = Instant::now();
    app.autosave_if_due(start);
    assert!(!recovery.path().exists(), "nothing unsaved, nothing copied");

    let first = app.dataset.events[0].id.clone();
    app.apply_edit(dateline::edit::Edit::DeleteEvent { event: first });
    app.autosave_if_due(start);
    let copied = wait_for_copy(&recovery, app.dataset.events.len());
    assert_eq!(copied, app.dataset.events.len());

    let second = app.dataset.events[0].id.clone();
    app.apply_edit(dateline::edit::Edit::DeleteEvent { event: second });
    app.autosave_if_due(start + Duration::from_secs(30));
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        read_events(&recovery),
        copied,
        "not again within the minute"
    );
    app.autosave_if_due(start + Duration::from_secs(61));
    assert_eq!(wait_for_copy(&recovery, copied - 1), copied - 1);

    assert!(app.save_project_to(&scratch.file("saved.dateline")));
    assert!(!recovery.path().exists(), "a save makes the copy unneeded");
}

fn read_events(recovery: &Recovery) -> usize {
    project::load(recovery.path()).map_or(usize::MAX, |p| p.dataset.events.len())
}

/// Waits (up to 10 s) for the background copy to hold `events` events.
fn wait_for_copy(recovery: &Recovery, events: usize) -> usize {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if read_events(recovery) == events {
            return events;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    read_events(recovery)
}

#[test]
fn dragging_the_selected_marker_moves_the_event_and_undo_moves_it_back() {
    let mut harness = harness();
    harness.run();
    let (index, summary, before) = {
        let app = harness.state();
        let index = app
            .dataset
            .events
            .iter()
            .position(|e| e.event_type == EventType::Riot)
            .expect("the sample has a riot");
        let e = &app.dataset.events[index];
        (index, e.summary.clone(), e.clone())
    };
    harness.get_by_label(&summary).click();
    harness.run();
    let from = harness
        .state()
        .map
        .marker_position(index)
        .expect("the riot's marker is drawn");
    let to = from + egui::vec2(0.0, 60.0);
    harness.drag_at(from);
    harness.run();
    for step in 1..=6 {
        harness.hover_at(from + (to - from) * (step as f32 / 6.0));
        harness.run();
    }
    harness.drop_at(to);
    harness.run();

    let moved = harness.state().dataset.events[index].clone();
    let place = moved.place.clone().expect("a place");
    let old = before.place.clone().expect("a place");
    // Markers sharing a place fan out around it, so the drop point is near, not on, its
    // longitude.
    assert!(place.lat < old.lat - 0.3, "dragged south: {place:?}");
    assert!((place.lon - old.lon).abs() < 1.0, "{place:?}");
    assert_eq!(place.country.as_str(), "IQ");
    assert_eq!(place.text, old.text, "the article's words stay");
    assert!(moved.edited);
    assert_eq!(
        harness.state().view.selected.as_deref(),
        Some(before.id.as_str())
    );

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().dataset.events[index], before);
}
