//! The timeline: one lane per event type over calendar time, with the undated events in a
//! strip below (never at a made-up time). Zooms and pans, and follows the shared selection.
//! Reads the dataset and the view state; a click on a mark becomes a `UiCommand`.

mod bins;
mod calendar;
mod date_columns;
mod marks;
mod range;
mod undated;

use crate::model::{Dataset, Event, EventType};
use crate::project::TimelineSpan;
use crate::ui::colors::type_color;
use crate::ui::map::caption;
use crate::ui::map::view_key::{SelectedLookup, ViewKey};
use crate::ui::state::{UiCommand, ViewState};
use bins::Bins;
use egui::{Align, Align2, FontId, Layout, PopupAnchor, Rangef, Rect, Stroke, Tooltip};
use egui_plot::{AxisHints, CoordinatesFormatter, Corner, GridInput, GridMark, Plot};
use marks::{Laid, Selected};
use range::{RangeRequest, fit_range, navigate};
use std::cell::Cell;
use std::rc::Rc;

/// Grid lines closer than this (screen points) are hidden by egui_plot; the calendar grid
/// converts its step sizes with the same number.
const GRID_MIN_SPACING: f32 = 8.0;
const UNDATED_STRIP_HEIGHT: f32 = 26.0;
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
    /// The visible events binned by lane and day, kept until the data or the filters change.
    bins: Option<Bins>,
    /// Each event's place on the time axis, kept while the dataset stays the same.
    dates: Option<date_columns::DateColumns>,
    /// The marks in view, kept until the plot moves or the bins change.
    marks: Option<Laid>,
    selected: SelectedLookup,
    /// A span to show on the next frame (a reopened project's view).
    restore: Option<(f64, f64)>,
}

impl Default for TimelineView {
    fn default() -> Self {
        Self::new()
    }
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
            bins: None,
            dates: None,
            marks: None,
            selected: SelectedLookup::default(),
            restore: None,
        }
    }

    /// The days (since 1970-01-01) at the left and right edges in the last frame.
    pub fn shown_span(&self) -> Option<TimelineSpan> {
        let bounds = self.shown.as_ref()?.bounds();
        Some(TimelineSpan {
            from_day: bounds.min()[0],
            to_day: bounds.max()[0],
        })
    }

    /// Shows this span from the next frame on.
    pub fn show_span(&mut self, span: TimelineSpan) {
        self.restore = Some((span.from_day, span.to_day));
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
        let key = ViewKey::of(dataset, visible, state);
        let bins = Bins::update(self.bins.take(), &mut self.dates, key, dataset, visible);
        let selected_index = self.selected.find(state, key, dataset, visible);
        let selected_event = selected_index.and_then(|i| dataset.events.get(i));
        let selected = Selected {
            event: selected_index,
            bin: selected_index
                .zip(selected_event)
                .and_then(|(i, e)| bins.bin_of(e, i)),
        };
        let has_dated = bins.extent.is_some();

        let new_selection = self.seen_generation != Some(state.selection_generation);
        let reveal = selected_event
            .filter(|_| new_selection && self.seen_generation.is_some())
            .and_then(|e| e.date.as_ref())
            .map(marks::x_extent);
        self.seen_generation = Some(state.selection_generation);

        let scope = ui.scope(|ui| {
            let fit_clicked = header(ui, selected_event);
            let fitted = fit_range(bins.extent);
            let fit = self.restore.take().or((fit_clicked
                || self.fit_requested
                || (!self.had_dated && has_dated))
                .then_some(fitted));
            self.fit_requested = false;
            self.had_dated = has_dated;

            let height =
                (ui.available_height() - UNDATED_STRIP_HEIGHT - ui.spacing().item_spacing.y)
                    .max(80.0);
            let request = RangeRequest {
                fit,
                fallback: fitted,
                reveal,
                lanes: bins.lanes.len(),
            };
            // Publication dates: what "on Sunday" and "last week" were resolved against.
            let published: Vec<f64> = dataset
                .documents
                .iter()
                .filter(|d| !state.hidden_documents.contains(&d.id))
                .filter_map(|d| d.published)
                .map(calendar::day_number)
                .collect();
            // A folder of a day's news shares a few dates: one line per date, not per article
            // (5,000 dashed lines cost 50-80 ms a frame to tessellate).
            let mut published = published;
            published.sort_by(f64::total_cmp);
            published.dedup();
            let contents = Contents {
                dataset,
                bins: &bins,
                published: &published,
                selected,
            };
            let (transform, clicked, marks) =
                plot(ui, &contents, height, request, self.marks.take());
            self.marks = Some(marks);
            self.shown = Some(transform);
            if let Some(event) = clicked.and_then(|i| dataset.events.get(i)) {
                commands.push(UiCommand::Select(Some(event.id.clone())));
            }
            undated::strip(
                ui,
                dataset,
                &bins.undated,
                selected_index,
                new_selection,
                commands,
            );
        });
        self.last_rect = Some(scope.response.rect);
        self.highlighted = selected_event.map(|e| e.id.clone());
        self.bins = Some(bins);
    }
}

/// What the plot shows.
struct Contents<'a> {
    dataset: &'a Dataset,
    bins: &'a Bins,
    published: &'a [f64],
    selected: Selected,
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

/// Draws the plot and the marks (reusing `previous` ones when the view did not change);
/// returns the plot's transform, the event (an index into `dataset.events`) a click
/// selects, and the marks.
fn plot(
    ui: &mut egui::Ui,
    contents: &Contents<'_>,
    height: f32,
    request: RangeRequest,
    previous: Option<Laid>,
) -> (egui_plot::PlotTransform, Option<usize>, Laid) {
    let Contents {
        dataset,
        bins,
        published,
        selected,
    } = contents;
    let lanes = &bins.lanes;
    // The grid spacer picks the tick level; the label formatter, called after it in the same
    // frame, writes labels at that level.
    let level = Rc::new(Cell::new(calendar::TickLevel::Day));
    let spacer_level = Rc::clone(&level);
    let lane_names = lanes.clone();
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
    paint_backdrop(ui, &transform, lanes, published);

    let laid = Laid::update(previous, bins, &transform);
    let marks = &laid.marks;
    let plot_response = &response.response;
    let pointer = plot_response
        .hover_pos()
        .filter(|_| !plot_response.dragged());
    let hovered = pointer.and_then(|p| marks::hit_test(marks, p));
    let style = marks::MarkStyle {
        outline: ui.visuals().extreme_bg_color,
        selection: ui.visuals().strong_text_color(),
    };
    let painter = ui.painter_at(*transform.frame());
    marks::paint(&painter, marks, selected, hovered, &style);

    if let Some(mark) = hovered.and_then(|i| marks.get(i)) {
        ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
        Tooltip::always_open(
            ui.ctx().clone(),
            ui.layer_id(),
            plot_response.id,
            PopupAnchor::Pointer,
        )
        .gap(12.0)
        .show(|ui| mark_tooltip(ui, dataset, bins, mark));
    }
    let clicked = plot_response
        .clicked()
        .then(|| plot_response.interact_pointer_pos())
        .flatten()
        .and_then(|at| marks::hit_test(marks, at))
        .and_then(|i| marks.get(i))
        .and_then(|mark| marks::next_event(mark, bins, selected));
    (transform, clicked, laid)
}

/// Above this many publication dates their lines are drawn without the "published" label.
const MAX_PUBLISHED_LABELS: usize = 8;

/// Lane bands in the lanes' colours, dashed lines at the publication dates, and a note when
/// nothing is dated.
fn paint_backdrop(
    ui: &egui::Ui,
    transform: &egui_plot::PlotTransform,
    lanes: &[EventType],
    published: &[f64],
) {
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
    let weak = ui.visuals().weak_text_color();
    for &day in published {
        let x = transform.position_from_point_x(day + 0.5);
        if frame.x_range().contains(x) {
            let line = [egui::pos2(x, frame.top()), egui::pos2(x, frame.bottom())];
            painter.extend(egui::Shape::dashed_line(
                &line,
                Stroke::new(1.0, weak),
                4.0,
                3.0,
            ));
            // Labels only while they cannot crowd each other out.
            if published.len() > MAX_PUBLISHED_LABELS {
                continue;
            }
            let at = egui::pos2(x + 3.0, frame.top() + 1.0);
            painter.text(
                at,
                Align2::LEFT_TOP,
                "published",
                FontId::proportional(10.0),
                weak,
            );
        }
    }
    if lanes.is_empty() {
        let font = FontId::proportional(13.0);
        painter.text(
            frame.center(),
            Align2::CENTER_CENTER,
            "No dated events",
            font,
            weak,
        );
    }
}

/// What hovering a mark shows: the event, or for several the events it stands for.
fn mark_tooltip(ui: &mut egui::Ui, dataset: &Dataset, bins: &Bins, mark: &marks::Mark) {
    const LISTED: usize = 10;
    if let Some(event) = mark.event.and_then(|e| dataset.events.get(e)) {
        caption::event_tooltip(ui, event);
        return;
    }
    ui.set_max_width(ui.spacing().tooltip_width);
    ui.strong(format!("{} events", mark.count));
    let listed = mark.events(bins).take(LISTED);
    for event in listed.filter_map(|e| dataset.events.get(e)) {
        let date = event.date.as_ref().map(|d| d.display()).unwrap_or_default();
        ui.label(format!("• {date}: {}", event.summary));
    }
    if mark.count > LISTED {
        ui.weak(format!("… and {} more", mark.count - LISTED));
    }
    ui.weak("Click to step through them");
}

#[cfg(test)]
mod ui_tests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lanes_are_named_not_numbered() {
        let lanes = [EventType::AirStrike, EventType::Statement];
        assert_eq!(lane_label(&lanes, 0.0), "Air strike");
        assert_eq!(lane_label(&lanes, -1.0), "Statement");
        assert_eq!(lane_label(&lanes, -0.5), "");
        assert_eq!(lane_label(&lanes, -2.0), "");
    }
}
