//! The timeline: one lane per event type over calendar time, with the undated events in a
//! strip below (never at a made-up time). Zooms and pans, and follows the shared selection.
//! Reads the dataset and the view state; a click on a mark becomes a `UiCommand`.

mod calendar;
mod marks;

use crate::model::{Dataset, Event, EventType};
use crate::ui::colors::type_color;
use crate::ui::map::caption;
use crate::ui::state::{UiCommand, ViewState};
use egui::{
    Align, Align2, FontId, Layout, PopupAnchor, Rangef, Rect, Sense, Stroke, Tooltip, Vec2, vec2,
};
use egui_plot::{AxisHints, CoordinatesFormatter, Corner, GridInput, GridMark, Plot, PlotUi};
use std::cell::Cell;
use std::rc::Rc;

/// Grid lines closer than this (screen points) are hidden by egui_plot; the calendar grid
/// converts its step sizes with the same number.
const GRID_MIN_SPACING: f32 = 8.0;
/// Zoom per point of mouse-wheel scrolling.
const WHEEL_ZOOM_SPEED: f64 = 0.004;
/// The narrowest and widest x ranges, in days: two days, and a thousand years.
const MIN_SPAN_DAYS: f64 = 2.0;
const MAX_SPAN_DAYS: f64 = 365.25 * 1000.0;
/// Room "Fit all" leaves around the events: at least this many days, or this share of the range.
const FIT_PAD_DAYS: f64 = 1.5;
const FIT_PAD_SHARE: f64 = 0.05;
const UNDATED_STRIP_HEIGHT: f32 = 26.0;
/// Room above the first lane and below the last, in lanes.
const LANE_MARGIN: f64 = 0.65;

/// The timeline pane. Plain state: what to do on the next frame and what the last one showed.
pub struct TimelineView {
    /// The screen rect the timeline was drawn in last frame (plot, axes and undated strip).
    pub last_rect: Option<Rect>,
    fit_requested: bool,
    /// The selection generation already reacted to ("bring into view" happens once).
    seen_generation: Option<u64>,
    /// Whether the last frame had dated events (to fit when the first ones arrive).
    had_dated: bool,
    highlighted: Option<String>,
    /// The plot's screen frame and x/y range in the last frame.
    shown: Option<egui_plot::PlotTransform>,
}

impl Default for TimelineView {
    fn default() -> Self {
        Self::new()
    }
}

/// What should happen to the x range this frame, decided before the plot is drawn.
struct RangeRequest {
    fit: Option<(f64, f64)>,
    /// The fitted range, used when the plot has no valid range yet (first frame, lost memory).
    fallback: (f64, f64),
    /// The selected event's x extent, when it was just selected and may be off-screen.
    reveal: Option<(f64, f64)>,
    lanes: usize,
}

impl TimelineView {
    pub fn new() -> Self {
        TimelineView {
            last_rect: None,
            fit_requested: true,
            seen_generation: None,
            had_dated: false,
            highlighted: None,
            shown: None,
        }
    }

    /// Show all visible dated events on the next frame.
    pub fn request_fit(&mut self) {
        self.fit_requested = true;
    }

    /// The id of the event drawn as selected in the last frame.
    pub fn highlighted(&self) -> Option<&str> {
        self.highlighted.as_deref()
    }

    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        dataset: &Dataset,
        visible: &[usize],
        state: &ViewState,
        commands: &mut Vec<UiCommand>,
    ) {
        let visible: Vec<&Event> = visible
            .iter()
            .filter_map(|&i| dataset.events.get(i))
            .collect();
        let (dated, undated): (Vec<&Event>, Vec<&Event>) =
            visible.iter().partition(|e| e.date.is_some());
        let selected = visible.iter().copied().find(|e| state.is_selected(e));
        let lanes: Vec<EventType> = EventType::ALL
            .into_iter()
            .filter(|t| dated.iter().any(|e| e.event_type == *t))
            .collect();

        let new_selection = self.seen_generation != Some(state.selection_generation);
        let reveal = selected
            .filter(|_| new_selection && self.seen_generation.is_some())
            .and_then(|e| e.date.as_ref())
            .map(marks::x_extent);
        self.seen_generation = Some(state.selection_generation);

        let scope = ui.scope(|ui| {
            let fit_clicked = header(ui, selected);
            let fitted = fit_range(&dated);
            let fit = (fit_clicked || self.fit_requested || (!self.had_dated && !dated.is_empty()))
                .then_some(fitted);
            self.fit_requested = false;
            self.had_dated = !dated.is_empty();

            let height =
                (ui.available_height() - UNDATED_STRIP_HEIGHT - ui.spacing().item_spacing.y)
                    .max(80.0);
            let request = RangeRequest {
                fit,
                fallback: fitted,
                reveal,
                lanes: lanes.len(),
            };
            let (transform, clicked) = plot(ui, &dated, &lanes, selected, height, request);
            self.shown = Some(transform);
            if let Some(event) = clicked {
                commands.push(UiCommand::Select(Some(event.id.clone())));
            }
            undated_strip(ui, &undated, selected, new_selection, commands);
        });
        self.last_rect = Some(scope.response.rect);
        self.highlighted = selected.map(|e| e.id.clone());
    }
}

/// The selected event's caption on the left, "Fit all" on the right. Returns whether
/// "Fit all" was clicked.
fn header(ui: &mut egui::Ui, selected: Option<&Event>) -> bool {
    ui.horizontal(|ui| {
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            let fit = ui
                .button("Fit all")
                .on_hover_text("Show all dated events")
                .clicked();
            ui.with_layout(Layout::left_to_right(Align::Center), |ui| match selected {
                Some(event) => {
                    caption::label(ui, event);
                }
                None => {
                    ui.weak("Click a mark to select an event");
                }
            });
            fit
        })
        .inner
    })
    .inner
}

/// The x range showing every dated event with room around it; a month around today when
/// nothing is dated.
fn fit_range(dated: &[&Event]) -> (f64, f64) {
    let extents = dated
        .iter()
        .filter_map(|e| e.date.as_ref())
        .map(marks::x_extent);
    let (lo, hi) = extents.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), (a, b)| {
        (lo.min(a), hi.max(b))
    });
    if lo > hi {
        let today = calendar::day_number(chrono::Local::now().date_naive());
        return (today - 15.0, today + 15.0);
    }
    let pad = ((hi - lo) * FIT_PAD_SHARE).max(FIT_PAD_DAYS);
    clamp_span((lo - pad, hi + pad))
}

/// Keeps the x range between two days and a thousand years wide, around its centre.
fn clamp_span((lo, hi): (f64, f64)) -> (f64, f64) {
    let center = ((lo + hi) / 2.0).clamp(-3.0e7, 3.0e7);
    let width = hi - lo;
    let width = if width.is_finite() {
        width.clamp(MIN_SPAN_DAYS, MAX_SPAN_DAYS)
    } else {
        30.0
    };
    if width == hi - lo && center == (lo + hi) / 2.0 {
        (lo, hi)
    } else {
        (center - width / 2.0, center + width / 2.0)
    }
}

/// Shifts `range` as little as possible so `(start, end)` is inside it, keeping the zoom.
fn reveal_in(range: (f64, f64), (start, end): (f64, f64)) -> (f64, f64) {
    let (lo, hi) = range;
    if start >= lo && end <= hi {
        return range;
    }
    let width = hi - lo;
    let margin = width * 0.1;
    if end - start > width - 2.0 * margin {
        let mid = (start + end) / 2.0;
        (mid - width / 2.0, mid + width / 2.0)
    } else if start < lo {
        (start - margin, start - margin + width)
    } else {
        (end + margin - width, end + margin)
    }
}

/// Sets the plot's bounds: fixed lanes on y; on x a fit, a reveal of the selection, or the
/// mouse wheel (zoom around the pointer; horizontal wheel pans). Dragging and ctrl/pinch
/// zoom are egui_plot's own.
fn navigate(plot_ui: &mut PlotUi<'_>, request: &RangeRequest) {
    let bottom = marks::lane_y(request.lanes.max(1) - 1) - LANE_MARGIN;
    plot_ui.set_plot_bounds_y(bottom..=LANE_MARGIN);

    let bounds = plot_ui.plot_bounds();
    let current = (bounds.min()[0], bounds.max()[0]);
    let mut range = match request.fit {
        Some(fit) => fit,
        None if bounds.is_valid_x() => current,
        None => request.fallback,
    };
    if request.fit.is_none()
        && let Some(extent) = request.reveal
    {
        range = reveal_in(range, extent);
    }
    if plot_ui.response().contains_pointer() {
        let scroll = plot_ui.ctx().input(|i| i.smooth_scroll_delta);
        if scroll != Vec2::ZERO {
            if let Some(pointer) = plot_ui.pointer_coordinate() {
                let shrink = (-f64::from(scroll.y) * WHEEL_ZOOM_SPEED).exp();
                range = (
                    pointer.x - (pointer.x - range.0) * shrink,
                    pointer.x + (range.1 - pointer.x) * shrink,
                );
            }
            let days = -f64::from(scroll.x) * plot_ui.transform().dvalue_dpos()[0];
            range = (range.0 + days, range.1 + days);
            // The timeline used the wheel; a surrounding scroll area must not scroll as well.
            plot_ui
                .ctx()
                .input_mut(|i| i.smooth_scroll_delta = Vec2::ZERO);
        }
    }
    let range = clamp_span(range);
    if range != current {
        plot_ui.set_plot_bounds_x(range.0..=range.1);
    }
}

/// The lane grid: one line per lane, labelled with the type's name.
fn lane_marks(input: GridInput, lanes: usize) -> Vec<GridMark> {
    (0..lanes)
        .map(marks::lane_y)
        .filter(|&y| y >= input.bounds.0 - 1.0 && y <= input.bounds.1 + 1.0)
        .map(|value| GridMark {
            value,
            step_size: 1.0,
        })
        .collect()
}

fn lane_label(lanes: &[EventType], y: f64) -> String {
    let lane = (-y).round();
    if (y + lane).abs() > 1e-6 || lane < 0.0 {
        return String::new();
    }
    lanes
        .get(lane as usize)
        .map_or_else(String::new, |t| t.label().to_owned())
}

/// Draws the plot and the marks; returns the plot's transform and the event whose mark
/// was clicked.
fn plot<'e>(
    ui: &mut egui::Ui,
    dated: &[&'e Event],
    lanes: &[EventType],
    selected: Option<&Event>,
    height: f32,
    request: RangeRequest,
) -> (egui_plot::PlotTransform, Option<&'e Event>) {
    // The grid spacer picks the tick level; the label formatter, called after it in the same
    // frame, writes labels at that level.
    let level = Rc::new(Cell::new(calendar::TickLevel::Day));
    let spacer_level = Rc::clone(&level);
    let lane_names = lanes.to_vec();
    let lane_count = lanes.len();
    let x_axis = AxisHints::new_x()
        .formatter(move |mark, range| calendar::tick_label(mark, range, level.get()));
    let y_axis = AxisHints::new_y()
        .formatter(move |mark, _| lane_label(&lane_names, mark.value))
        .label_spacing(12.0..=16.0);

    // A fixed id, so the plot keeps its range even if the panel's layout around it changes.
    let response = Plot::new("dateline_timeline")
        .id(egui::Id::unique("dateline_timeline"))
        .height(height)
        .auto_bounds(false)
        .custom_x_axes(vec![x_axis])
        .custom_y_axes(vec![y_axis])
        .grid_spacing(Rangef::new(GRID_MIN_SPACING, 300.0))
        .x_grid_spacer(move |input| {
            let (level, marks) = calendar::grid_marks(&input, f64::from(GRID_MIN_SPACING));
            spacer_level.set(level);
            marks
        })
        .y_grid_spacer(move |input| lane_marks(input, lane_count))
        .allow_zoom([true, false])
        .allow_drag([true, false])
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .allow_axis_zoom_drag([true, false])
        .show_x(true)
        .show_y(false)
        .coordinates_formatter(
            Corner::RightBottom,
            CoordinatesFormatter::new(|point, _| calendar::long_date(point.x)),
        )
        .show(ui, |plot_ui| navigate(plot_ui, &request));

    let transform = response.transform;
    let frame = *transform.frame();
    let painter = ui.painter_at(frame);
    let lane_points = transform.dpos_dvalue_y().abs() as f32;
    for (lane, &event_type) in lanes.iter().enumerate() {
        let y = transform.position_from_point_y(marks::lane_y(lane));
        let band = Rect::from_x_y_ranges(
            frame.x_range(),
            (y - lane_points * 0.42)..=(y + lane_points * 0.42),
        );
        painter.rect_filled(band, 0.0, type_color(event_type).gamma_multiply(0.07));
    }
    if lanes.is_empty() {
        painter.text(
            frame.center(),
            Align2::CENTER_CENTER,
            "No dated events",
            FontId::proportional(13.0),
            ui.visuals().weak_text_color(),
        );
    }

    let all = dated;
    let marks = marks::layout(all, lanes, &transform);
    let plot_response = &response.response;
    let pointer = plot_response
        .hover_pos()
        .filter(|_| !plot_response.dragged());
    let hovered = pointer.and_then(|p| marks::hit_test(&marks, p));
    let style = marks::MarkStyle {
        outline: ui.visuals().extreme_bg_color,
        selection: ui.visuals().strong_text_color(),
    };
    let selected_index = selected.and_then(|s| all.iter().position(|e| e.id == s.id));
    marks::paint(&painter, &marks, selected_index, hovered, &style);

    if let Some(event) = hovered.and_then(|i| all.get(i)) {
        ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
        Tooltip::always_open(
            ui.ctx().clone(),
            ui.layer_id(),
            plot_response.id,
            PopupAnchor::Pointer,
        )
        .gap(12.0)
        .show(|ui| caption::event_tooltip(ui, event));
    }
    let clicked = plot_response
        .clicked()
        .then(|| plot_response.interact_pointer_pos())
        .flatten()
        .and_then(|at| marks::hit_test(&marks, at))
        .and_then(|i| all.get(i).copied());
    (transform, clicked)
}

/// "Undated (N)" and one clickable chip per undated event, in its type's colour.
fn undated_strip(
    ui: &mut egui::Ui,
    undated: &[&Event],
    selected: Option<&Event>,
    new_selection: bool,
    commands: &mut Vec<UiCommand>,
) {
    ui.horizontal(|ui| {
        ui.set_min_height(UNDATED_STRIP_HEIGHT - 4.0);
        let label = ui.label(format!("Undated ({})", undated.len()));
        label.on_hover_text("Events the article gives no date for; they are not placed in time.");
        egui::ScrollArea::horizontal()
            .id_salt("timeline_undated")
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.spacing_mut().item_spacing.x = 3.0;
                    for &event in undated {
                        let is_selected = selected.is_some_and(|s| s.id == event.id);
                        let response = chip(ui, event, is_selected);
                        if is_selected && new_selection {
                            response.scroll_to_me(None);
                        }
                        if response.clicked() {
                            commands.push(UiCommand::Select(Some(event.id.clone())));
                        }
                    }
                });
            });
    });
}

/// A small dot standing for one undated event; named after its summary for screen readers.
fn chip(ui: &mut egui::Ui, event: &Event, selected: bool) -> egui::Response {
    let (rect, response) = ui.allocate_exact_size(vec2(18.0, 18.0), Sense::click());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &event.summary));
    let color = type_color(event.event_type);
    let center = rect.center();
    let painter = ui.painter();
    let radius = if selected {
        6.0
    } else if response.hovered() {
        5.5
    } else {
        4.5
    };
    if selected {
        painter.circle_filled(center, 9.0, color.gamma_multiply(0.3));
    }
    painter.circle(
        center,
        radius,
        color,
        Stroke::new(1.0, ui.visuals().extreme_bg_color),
    );
    if selected {
        painter.circle_stroke(
            center,
            radius + 2.0,
            Stroke::new(1.5, ui.visuals().strong_text_color()),
        );
    }
    response.on_hover_ui(|ui| caption::event_tooltip(ui, event))
}

#[cfg(test)]
mod ui_tests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revealing_an_off_screen_event_keeps_the_zoom() {
        let range = (100.0, 110.0);
        assert_eq!(reveal_in(range, (105.0, 105.0)), range);
        let shifted = reveal_in(range, (130.0, 130.0));
        assert!((shifted.1 - shifted.0 - 10.0).abs() < 1e-9);
        assert!(shifted.0 < 130.0 && 130.0 < shifted.1);
    }

    #[test]
    fn the_span_is_clamped_between_two_days_and_a_millennium() {
        let (lo, hi) = clamp_span((10.0, 10.5));
        assert!((hi - lo - MIN_SPAN_DAYS).abs() < 1e-9);
        let (lo, hi) = clamp_span((0.0, 1.0e9));
        assert!((hi - lo - MAX_SPAN_DAYS).abs() < 1e-6);
        assert_eq!(clamp_span((0.0, 30.0)), (0.0, 30.0));
    }

    #[test]
    fn lanes_are_named_not_numbered() {
        let lanes = [EventType::AirStrike, EventType::Statement];
        assert_eq!(lane_label(&lanes, 0.0), "Air strike");
        assert_eq!(lane_label(&lanes, -1.0), "Statement");
        assert_eq!(lane_label(&lanes, -0.5), "");
        assert_eq!(lane_label(&lanes, -2.0), "");
    }
}
