//! Event marks on the timeline: a dot for an event known to the day, a bar spanning the
//! week, month or year for a vaguer date. Stacked when several share a lane and a date.

use super::calendar::day_number;
use crate::model::{DatePrecision, Event, EventDate, EventType};
use crate::ui::colors::type_color;
use egui::{Color32, Painter, Pos2, Rect, Stroke, StrokeKind, pos2};
use egui_plot::PlotTransform;
use std::collections::HashMap;

const DOT_RADIUS: f32 = 5.5;
const BAR_HEIGHT: f32 = 8.0;
/// Bars are never thinner than this, so a one-day range stays clickable.
const MIN_BAR_WIDTH: f32 = 6.0;
/// Extra reach around a mark for hovering and clicking.
const HIT_SLOP: f32 = 4.0;

pub(super) enum Glyph {
    Dot(Pos2),
    Bar(Rect),
}

pub(super) struct Mark {
    /// Index into the events given to [`layout`].
    pub event: usize,
    pub glyph: Glyph,
    pub color: Color32,
}

/// The x extent of a date in day numbers: a day is a point at its start; a week, month or
/// year covers every day from start to end.
pub(super) fn x_extent(date: &EventDate) -> (f64, f64) {
    let (a, b) = (day_number(date.start), day_number(date.end));
    let (start, end) = (a.min(b), a.max(b));
    if is_bar(date) {
        (start, end + 1.0)
    } else {
        (start, start)
    }
}

fn is_bar(date: &EventDate) -> bool {
    date.precision != DatePrecision::Day || date.start != date.end
}

/// The y coordinate of a lane: lanes go down from 0, in [`EventType::ALL`] order.
pub(super) fn lane_y(lane: usize) -> f64 {
    -(lane as f64)
}

/// Places a mark for every dated event whose type has a lane.
pub(super) fn layout(
    events: &[&Event],
    lanes: &[EventType],
    transform: &PlotTransform,
) -> Vec<Mark> {
    let lane_points = transform.dpos_dvalue_y().abs() as f32;
    let mut dots: HashMap<(usize, i64), Vec<usize>> = HashMap::new();
    let mut bars: Vec<(usize, usize, f64, f64)> = Vec::new(); // (lane, event, start, end)
    for (index, event) in events.iter().enumerate() {
        let Some(date) = &event.date else { continue };
        let Some(lane) = lanes.iter().position(|&t| t == event.event_type) else {
            continue;
        };
        let (start, end) = x_extent(date);
        if is_bar(date) {
            bars.push((lane, index, start, end));
        } else {
            dots.entry((lane, start as i64)).or_default().push(index);
        }
    }

    let mut marks = Vec::new();
    let mut dot_groups: Vec<_> = dots.into_iter().collect();
    dot_groups.sort_by_key(|(key, _)| *key);
    for ((lane, day), members) in dot_groups {
        // Several events on one day in one lane: stack them so each stays clickable.
        let spacing = (lane_points * 0.7 / members.len() as f32).min(2.0 * DOT_RADIUS + 1.0);
        let center =
            transform.position_from_point(&egui_plot::PlotPoint::new(day as f64, lane_y(lane)));
        for (i, &event) in members.iter().enumerate() {
            let offset = (i as f32 - (members.len() - 1) as f32 / 2.0) * spacing;
            marks.push(Mark {
                event,
                glyph: Glyph::Dot(center + egui::vec2(0.0, offset)),
                color: type_color(events[event].event_type),
            });
        }
    }

    // Bars in one lane that overlap in time go on separate rows.
    bars.sort_by(|a, b| {
        (a.0, a.2)
            .partial_cmp(&(b.0, b.2))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let mut rows_in_lane: HashMap<usize, Vec<f64>> = HashMap::new();
    let mut placed: Vec<(usize, usize, f64, f64, usize)> = Vec::new();
    for (lane, event, start, end) in bars {
        let rows = rows_in_lane.entry(lane).or_default();
        let row = match rows.iter().position(|&row_end| row_end <= start) {
            Some(row) => row,
            None => {
                rows.push(end);
                rows.len() - 1
            }
        };
        rows[row] = end;
        placed.push((lane, event, start, end, row));
    }
    for (lane, event, start, end, row) in placed {
        let rows = rows_in_lane.get(&lane).map_or(1, Vec::len);
        let spacing = (lane_points * 0.7 / rows as f32).min(BAR_HEIGHT + 3.0);
        let y = transform.position_from_point_y(lane_y(lane))
            + (row as f32 - (rows - 1) as f32 / 2.0) * spacing;
        let mut left = transform.position_from_point_x(start);
        let mut right = transform.position_from_point_x(end);
        if right - left < MIN_BAR_WIDTH {
            let mid = (left + right) / 2.0;
            left = mid - MIN_BAR_WIDTH / 2.0;
            right = mid + MIN_BAR_WIDTH / 2.0;
        }
        let height = BAR_HEIGHT.min(spacing.max(3.0));
        marks.push(Mark {
            event,
            glyph: Glyph::Bar(Rect::from_min_max(
                pos2(left, y - height / 2.0),
                pos2(right, y + height / 2.0),
            )),
            color: type_color(events[event].event_type),
        });
    }
    marks
}

/// The event whose mark is nearest the pointer, if within reach. Dots win over bars at
/// equal distance because they are drawn on top.
pub(super) fn hit_test(marks: &[Mark], pointer: Pos2) -> Option<usize> {
    marks
        .iter()
        .filter_map(|mark| {
            let distance = match mark.glyph {
                Glyph::Dot(center) => (center.distance(pointer) - DOT_RADIUS).max(0.0),
                Glyph::Bar(rect) => rect.distance_to_pos(pointer) + 0.5,
            };
            (distance <= HIT_SLOP).then_some((distance, mark.event))
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, event)| event)
}

/// Colours that set marks off from the plot behind them.
pub(super) struct MarkStyle {
    pub outline: Color32,
    pub selection: Color32,
}

/// Paints bars first, dots over them, and the selected mark last.
pub(super) fn paint(
    painter: &Painter,
    marks: &[Mark],
    selected: Option<usize>,
    hovered: Option<usize>,
    style: &MarkStyle,
) {
    let mut order: Vec<&Mark> = marks.iter().collect();
    order.sort_by_key(|m| (Some(m.event) == selected, matches!(m.glyph, Glyph::Dot(_))));
    for mark in order {
        let is_selected = Some(mark.event) == selected;
        let is_hovered = Some(mark.event) == hovered;
        match mark.glyph {
            Glyph::Dot(center) => {
                let radius = DOT_RADIUS
                    + if is_selected {
                        2.5
                    } else if is_hovered {
                        1.5
                    } else {
                        0.0
                    };
                if is_selected {
                    painter.circle_filled(center, radius + 6.0, mark.color.gamma_multiply(0.3));
                }
                painter.circle(center, radius, mark.color, Stroke::new(1.2, style.outline));
                if is_selected {
                    painter.circle_stroke(center, radius + 2.5, Stroke::new(2.0, style.selection));
                }
            }
            Glyph::Bar(rect) => {
                let rect = if is_hovered || is_selected {
                    rect.expand(1.0)
                } else {
                    rect
                };
                if is_selected {
                    painter.rect_filled(rect.expand(5.0), 5.0, mark.color.gamma_multiply(0.3));
                }
                painter.rect(
                    rect,
                    3.0,
                    mark.color.gamma_multiply(0.6),
                    Stroke::new(1.0, mark.color),
                    StrokeKind::Inside,
                );
                if is_selected {
                    painter.rect_stroke(
                        rect.expand(2.5),
                        4.0,
                        Stroke::new(2.0, style.selection),
                        StrokeKind::Outside,
                    );
                }
            }
        }
    }
}
