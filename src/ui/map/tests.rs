//! The map's promises, checked headlessly with egui_kittest.

use super::*;
use crate::model::Event;
use egui::{Event as InputEvent, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// One event, built the way a project file stores it (so new optional fields do not
/// break the fixture). `place` is (name, lat, lon, country, precision key).
pub(crate) fn event(
    id: &str,
    event_type: &str,
    summary: &str,
    date: Option<(&str, &str, &str)>,
    place: Option<(&str, f64, f64, &str, &str)>,
) -> Event {
    let date = date.map(|(start, end, precision)| {
        serde_json::json!({"start": start, "end": end, "precision": precision, "text": start})
    });
    let place = place.map(|(name, lat, lon, country, precision)| {
        serde_json::json!({"name": name, "lat": lat, "lon": lon, "country": country,
            "precision": precision, "text": name})
    });
    let json = serde_json::json!({
        "id": id, "document": "d1", "type": event_type, "summary": summary,
        "date": date, "place": place, "actors": [], "fatalities": null, "injured": null,
        "evidence": {"text": summary, "start": 0, "end": 1}, "confidence": 0.9,
    });
    serde_json::from_value(json).unwrap_or_else(|e| panic!("fixture event {id}: {e}"))
}

/// The sample article in miniature: strikes in Baghdad and Iraq, a statement in Washington,
/// and an undated statement.
pub(crate) fn sample_dataset() -> Dataset {
    let day = |d: &'static str| Some((d, d, "day"));
    let mut dataset = Dataset::default();
    dataset.events = vec![
        event(
            "d1-e1",
            "air_strike",
            "US airplanes attacked bases of a militia",
            day("2019-12-29"),
            Some(("Baghdad", 33.34, 44.40, "IQ", "site")),
        ),
        event(
            "d1-e2",
            "riot",
            "Protesters stormed the embassy compound",
            day("2019-12-31"),
            Some(("Iraq", 33.0, 44.0, "IQ", "country")),
        ),
        event(
            "d1-e3",
            "statement",
            "The President accused Iran",
            day("2019-12-31"),
            Some(("Washington", 38.9, -77.04, "US", "city")),
        ),
        event(
            "d1-e4",
            "statement",
            "The prime minister condemned the strikes",
            None,
            Some(("Iraq", 33.0, 44.0, "IQ", "country")),
        ),
    ];
    dataset
}

pub(crate) struct Fixture {
    pub dataset: Dataset,
    pub state: ViewState,
    pub map: MapView,
    pub commands: Vec<UiCommand>,
}

fn harness() -> Harness<'static, Fixture> {
    harness_with(sample_dataset())
}

fn harness_with(dataset: Dataset) -> Harness<'static, Fixture> {
    let fixture = Fixture {
        dataset,
        state: ViewState::default(),
        map: MapView::new(),
        commands: Vec::new(),
    };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(900.0, 560.0))
        .build_ui_state(
            |ui, f: &mut Fixture| {
                let visible = f.state.visible_events(&f.dataset);
                f.map
                    .ui(ui, &f.dataset, &visible, &f.state, &mut f.commands);
            },
            fixture,
        );
    harness.run_steps(2);
    harness
}

fn camera_and_rect(harness: &Harness<'_, Fixture>) -> (Camera, Rect) {
    let map = &harness.state().map;
    match (map.camera, map.last_rect) {
        (Some(camera), Some(rect)) => (camera, rect),
        _ => panic!("the map was not drawn"),
    }
}

fn click(harness: &mut Harness<'_, Fixture>, pos: Pos2) {
    harness.event(InputEvent::PointerMoved(pos));
    harness.step();
    for pressed in [true, false] {
        harness.event(InputEvent::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        harness.step();
    }
}

fn select(harness: &mut Harness<'_, Fixture>, id: &str) {
    let state = &mut harness.state_mut().state;
    state.selected = Some(id.to_owned());
    state.selection_generation += 1;
    harness.run_steps(2);
}

/// Where the marker of an event is drawn now.
fn marker_position(harness: &Harness<'_, Fixture>, id: &str) -> Pos2 {
    let (camera, rect) = camera_and_rect(harness);
    let f = harness.state();
    let index = f
        .map
        .places
        .as_ref()
        .unwrap_or_else(|| panic!("no place index"));
    let (groups, _) = clusters::layout(index, &camera, rect);
    let event = f.dataset.events.iter().position(|e| e.id == id);
    groups
        .iter()
        .flat_map(|g| g.events.iter().zip(&g.positions))
        .find(|(e, _)| Some(**e) == event)
        .map(|(_, pos)| *pos)
        .unwrap_or_else(|| panic!("no marker for {id}"))
}

#[test]
fn the_first_frame_frames_iraq_and_its_neighbours_not_the_world() {
    let harness = harness();
    let (camera, rect) = camera_and_rect(&harness);
    let shown = camera.visible_box(rect);
    for corner in [[38.8, 29.1], [48.6, 37.4]] {
        assert!(
            shown.contains(corner),
            "Iraq's corner {corner:?} is off the map: {shown:?}"
        );
    }
    assert!(
        shown.max_lon - shown.min_lon > 14.0,
        "neighbours are visible: {shown:?}"
    );
    assert!(
        !shown.contains([-77.04, 38.9]),
        "Washington is not in the frame"
    );
}

#[test]
fn clicking_a_marker_selects_its_event() {
    let mut harness = harness();
    let at = marker_position(&harness, "d1-e1");
    click(&mut harness, at);
    assert_eq!(
        harness.state().commands,
        [UiCommand::Select(Some("d1-e1".to_owned()))]
    );
}

#[test]
fn clicking_the_empty_map_keeps_the_selection() {
    let mut harness = harness();
    select(&mut harness, "d1-e1");
    let (_, rect) = camera_and_rect(&harness);
    click(&mut harness, rect.right_bottom() - egui::vec2(40.0, 40.0));
    assert!(
        harness.state().commands.is_empty(),
        "{:?}",
        harness.state().commands
    );
    assert_eq!(harness.state().map.highlighted(), Some("d1-e1"));
}

#[test]
fn a_selection_made_elsewhere_brings_its_place_into_view() {
    let mut harness = harness();
    let (camera, _) = camera_and_rect(&harness);
    select(&mut harness, "d1-e3");
    let (moved, rect) = camera_and_rect(&harness);
    assert!(
        rect.contains(moved.to_screen(rect, [-77.04, 38.9])),
        "Washington is on screen"
    );
    assert!(
        (moved.scale - camera.scale).abs() < 1e-9,
        "a city selection keeps the zoom"
    );
    assert_eq!(harness.state().map.highlighted(), Some("d1-e3"));
}

#[test]
fn the_caption_names_the_selected_event() {
    let mut harness = harness();
    select(&mut harness, "d1-e1");
    let expected = caption::event_caption(&harness.state().dataset.events[0]);
    assert!(
        expected.contains("Air strike · Baghdad · 2019-12-29"),
        "{expected}"
    );
    let _ = harness.get_by_label(&expected);
}

#[test]
fn the_plus_button_zooms_in() {
    let mut harness = harness();
    let (before, _) = camera_and_rect(&harness);
    harness.get_by_label("+").click();
    harness.run_steps(2);
    let (after, _) = camera_and_rect(&harness);
    assert!(after.scale > before.scale * 1.2);
}

#[test]
fn a_large_dataset_draws_as_many_markers_as_fit_not_one_per_event() {
    let dataset = crate::synth::dataset(&crate::synth::SynthOptions::new(20_000, 7));
    let harness = harness_with(dataset);
    let (camera, rect) = camera_and_rect(&harness);
    let index = harness
        .state()
        .map
        .places
        .as_ref()
        .unwrap_or_else(|| panic!("no place index"));
    let (groups, _) = clusters::layout(index, &camera, rect);
    let markers: usize = groups.iter().map(|g| g.positions.len().max(1)).sum();
    assert!(markers < 2_000, "{markers} markers for 20,000 events");
    let counted: usize = groups.iter().map(|g| g.count).sum();
    assert!(
        counted > 1_000,
        "the groups account for the events on screen: {counted}"
    );
}
