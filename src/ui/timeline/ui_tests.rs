//! The timeline's promises, checked headlessly with egui_kittest.

use super::*;
use crate::ui::map::tests::{event, sample_dataset};
use egui::{Event as InputEvent, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use egui_plot::PlotPoint;

struct Fixture {
    dataset: Dataset,
    state: ViewState,
    timeline: TimelineView,
    commands: Vec<UiCommand>,
}

fn harness(dataset: Dataset) -> Harness<'static, Fixture> {
    let fixture = Fixture {
        dataset,
        state: ViewState::default(),
        timeline: TimelineView::new(),
        commands: Vec::new(),
    };
    let mut harness = Harness::builder()
        .with_size(egui::vec2(900.0, 320.0))
        .build_ui_state(
            |ui, f: &mut Fixture| {
                let visible = f.state.visible_events(&f.dataset);
                f.timeline
                    .ui(ui, &f.dataset, &visible, &f.state, &mut f.commands);
            },
            fixture,
        );
    harness.run_steps(2);
    harness
}

fn day(date: &str) -> f64 {
    let date = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d")
        .unwrap_or_else(|e| panic!("bad test date {date}: {e}"));
    calendar::day_number(date)
}

fn shown(harness: &Harness<'_, Fixture>) -> egui_plot::PlotTransform {
    harness
        .state()
        .timeline
        .shown
        .unwrap_or_else(|| panic!("the timeline was not drawn"))
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

#[test]
fn the_fit_shows_29_and_31_december_with_room_around_them() {
    let harness = harness(sample_dataset());
    let bounds = *shown(&harness).bounds();
    let (lo, hi) = (bounds.min()[0], bounds.max()[0]);
    assert!(lo <= day("2019-12-29") - 1.0, "{lo}");
    assert!(hi >= day("2019-12-31") + 1.0, "{hi}");
    assert!(
        hi - lo <= 8.0,
        "not zoomed out needlessly: {} days",
        hi - lo
    );
}

#[test]
fn clicking_a_mark_selects_its_event() {
    let mut harness = harness(sample_dataset());
    // Lanes go in `EventType::ALL` order: riot (0), air strike (1), statement (2).
    // A day's events sit in the middle of the day.
    let air_strike = PlotPoint::new(day("2019-12-29") + 0.5, marks::lane_y(1));
    let at = shown(&harness).position_from_point(&air_strike);
    click(&mut harness, at);
    assert_eq!(
        harness.state().commands,
        [UiCommand::Select(Some("d1-e1".to_owned()))]
    );
}

#[test]
fn undated_events_are_chips_below_the_axis_and_clickable() {
    let mut harness = harness(sample_dataset());
    let _ = harness.get_by_label("Undated (1)");
    harness
        .get_by_label("The prime minister condemned the strikes")
        .click();
    harness.run_steps(2);
    assert_eq!(
        harness.state().commands,
        [UiCommand::Select(Some("d1-e4".to_owned()))]
    );
    select(&mut harness, "d1-e4");
    assert_eq!(harness.state().timeline.highlighted(), Some("d1-e4"));
}

#[test]
fn selecting_an_event_off_screen_scrolls_it_into_view() {
    let mut dataset = sample_dataset();
    dataset.events.push(event(
        "d1-e5",
        "protest",
        "A protest months later",
        Some(("2020-06-01", "2020-06-01", "day")),
        None,
    ));
    let mut harness = harness(dataset);
    // Zoom in on December with the mouse wheel, so June is off-screen.
    let center = shown(&harness).position_from_point(&PlotPoint::new(day("2019-12-30"), 0.0));
    harness.event(InputEvent::PointerMoved(center));
    for _ in 0..12 {
        harness.event(InputEvent::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, 200.0),
            phase: egui::TouchPhase::Move,
            modifiers: Modifiers::NONE,
            source: egui::MouseWheelSource::Wheel,
        });
        harness.step();
    }
    harness.run_steps(10);
    let before = *shown(&harness).bounds();
    assert!(
        before.max()[0] < day("2020-06-01"),
        "June is off-screen after zooming in"
    );
    let width = before.width();

    select(&mut harness, "d1-e5");
    let after = *shown(&harness).bounds();
    assert!(after.min()[0] < day("2020-06-01") && day("2020-06-01") < after.max()[0]);
    assert!((after.width() - width).abs() < 1e-6, "the zoom is kept");
    assert_eq!(harness.state().timeline.highlighted(), Some("d1-e5"));
}

#[test]
fn the_header_names_the_selected_event() {
    let mut harness = harness(sample_dataset());
    select(&mut harness, "d1-e2");
    let expected = caption::event_caption(&harness.state().dataset.events[1]);
    let _ = harness.get_by_label(&expected);
}

#[test]
fn a_large_dataset_draws_as_many_marks_as_fit_not_one_per_event() {
    let dataset = crate::synth::dataset(&crate::synth::SynthOptions::new(20_000, 7));
    let harness = harness(dataset);
    let transform = shown(&harness);
    let bins = harness
        .state()
        .timeline
        .bins
        .as_ref()
        .unwrap_or_else(|| panic!("no bins"));
    let marks = marks::layout(bins, &transform);
    assert!(
        marks.len() < 3_000,
        "{} marks for 20,000 events",
        marks.len()
    );
    let counted: usize = marks.iter().map(|m| m.count).sum();
    let dated = bins.members.len();
    assert_eq!(counted, dated, "every dated event is in exactly one mark");
}
