//! Event marks on the timeline: a dot for an event known to the day, a bar spanning the
//! week, month or year for a vaguer date. Dots on one day in one lane are stacked; when they
//! do not fit, or days are narrower than a dot, they become one count badge. The marks are
//! laid out from the bins on screen, so their number is bounded by the plot's size.

use super::bins::{BinRef, Bins};
use super::calendar::day_number;
use crate::model::{DatePrecision, EventDate, EventType};
use crate::ui::colors::type_color;
use crate::ui::map::view_key::ViewKey;
use egui::epaint::Mesh;
use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Stroke, StrokeKind, pos2, vec2};
use egui_plot::{PlotBounds, PlotTransform};

const DOT_RADIUS: f32 = 5.5;
const BADGE_RADIUS: f32 = 8.5;
/// Centre-to-centre distance of stacked dots.
const PITCH: f32 = 2.0 * DOT_RADIUS + 1.0;
/// Width of the screen columns days share when they are narrower than a dot.
const COLUMN: f32 = 2.0 * BADGE_RADIUS + 2.0;
const BAR_HEIGHT: f32 = 8.0;
/// Bars are never thinner than this, so a one-day range stays clickable.
const MIN_BAR_WIDTH: f32 = 6.0;
/// Extra reach around a mark for hovering and clicking.
const HIT_SLOP: f32 = 4.0;

pub(super) enum Glyph {
    Dot(Pos2),
    Bar(Rect),
    /// Several events, more than fit as dots.
    Badge(Pos2),
}

pub(super) struct Mark {
    /// The one event it stands for (an index into `dataset.events`), if it is one event.
    pub event: Option<usize>,
    /// The bins it stands for, when it stands for more than one event.
    pub bins: Vec<BinRef>,
    pub count: usize,
    pub glyph: Glyph,
    pub color: Color32,
}

/// The selected event as the timeline sees it: the event and its bin.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Selected {
    pub event: Option<usize>,
    pub bin: Option<BinRef>,
}

impl Mark {
    fn single(event: usize, glyph: Glyph, color: Color32) -> Mark {
        Mark {
            event: Some(event),
            bins: Vec::new(),
            count: 1,
            glyph,
            color,
        }
    }

    pub fn holds(&self, selected: &Selected) -> bool {
        match self.event {
            Some(event) => selected.event == Some(event),
            None => selected.bin.is_some_and(|b| self.bins.contains(&b)),
        }
    }

    /// Its events, bin by bin.
    pub fn events<'a>(&'a self, bins: &'a Bins) -> impl Iterator<Item = usize> + 'a {
        self.event.into_iter().chain(
            self.bins
                .iter()
                .flat_map(|&b| bins.events(b).iter().copied()),
        )
    }
}

/// The x extent of a date in day numbers: an event known to the day sits in the middle of
/// its day (where the axis labels the day, and where the pointer readout names it); a week,
/// month or year covers every day from start to end.
pub(super) fn x_extent(date: &EventDate) -> (f64, f64) {
    let (a, b) = (day_number(date.start), day_number(date.end));
    let (start, end) = (a.min(b), a.max(b));
    if is_bar(date) {
        (start, end + 1.0)
    } else {
        (start + 0.5, start + 0.5)
    }
}

pub(super) fn is_bar(date: &EventDate) -> bool {
    date.precision != DatePrecision::Day || date.start != date.end
}

/// The y coordinate of a lane: lanes go down from 0, in [`EventType::ALL`] order.
pub(super) fn lane_y(lane: usize) -> f64 {
    -(lane as f64)
}

fn lane_color(bins: &Bins, lane: usize) -> Color32 {
    type_color(bins.lanes.get(lane).copied().unwrap_or(EventType::Other))
}

/// Marks laid out for one view of the bins. Frames that move neither the plot nor the data
/// (the pointer moving, a tooltip) reuse them: zoomed out over a million events, the bins
/// in view number tens of thousands.
pub(super) struct Laid {
    key: (ViewKey, Rect, PlotBounds),
    pub marks: Vec<Mark>,
}

impl Laid {
    /// The marks for this view, reusing `previous` when nothing changed.
    pub fn update(previous: Option<Laid>, bins: &Bins, transform: &PlotTransform) -> Laid {
        let key = (bins.key(), *transform.frame(), *transform.bounds());
        match previous {
            Some(laid) if laid.key == key => laid,
            _ => Laid {
                key,
                marks: layout(bins, transform),
            },
        }
    }
}

/// Marks for the bins in view.
pub(super) fn layout(bins: &Bins, transform: &PlotTransform) -> Vec<Mark> {
    let mut marks = Vec::new();
    let bounds = transform.bounds();
    let (lo, hi) = (bounds.min()[0], bounds.max()[0]);
    let lane_points = transform.dpos_dvalue_y().abs() as f32;
    let points_per_day = transform.dpos_dvalue_x().abs() as f32;
    // Neighbouring days closer than a dot share one column per lane.
    let mut open: Vec<Option<Column>> = (0..bins.lanes.len()).map(|_| None).collect();
    for i in bins.days_between(lo, hi) {
        let bin = &bins.days[i];
        let x = transform.position_from_point_x(bin.day as f64 + 0.5);
        let id = if points_per_day >= PITCH {
            bin.day
        } else {
            (x / COLUMN).floor() as i64
        };
        let Some(slot) = open.get_mut(bin.lane) else {
            continue;
        };
        if slot.as_ref().is_some_and(|c| c.id != id)
            && let Some(column) = slot.take()
        {
            column.finish(bins, transform, lane_points, points_per_day, &mut marks);
        }
        let column = slot.get_or_insert_with(|| Column::new(id, bin.lane));
        column.bins.push(i);
        column.count += bin.members.len();
        column.x_sum += f64::from(x) * bin.members.len() as f64;
    }
    for column in open.into_iter().flatten() {
        column.finish(bins, transform, lane_points, points_per_day, &mut marks);
    }

    for (i, span) in bins.spans.iter().enumerate() {
        if span.end < lo || span.start > hi {
            continue;
        }
        let rows = bins.rows.get(span.lane).copied().unwrap_or(1);
        let spacing = (lane_points * 0.7 / rows as f32).min(BAR_HEIGHT + 3.0);
        let y = transform.position_from_point_y(lane_y(span.lane))
            + (span.row as f32 - (rows - 1) as f32 / 2.0) * spacing;
        let mut left = transform.position_from_point_x(span.start);
        let mut right = transform.position_from_point_x(span.end);
        if right - left < MIN_BAR_WIDTH {
            let mid = (left + right) / 2.0;
            left = mid - MIN_BAR_WIDTH / 2.0;
            right = mid + MIN_BAR_WIDTH / 2.0;
        }
        let height = BAR_HEIGHT.min(spacing.max(3.0));
        let rect = Rect::from_min_max(pos2(left, y - height / 2.0), pos2(right, y + height / 2.0));
        let color = lane_color(bins, span.lane);
        let events = bins.events(BinRef::Span(i));
        marks.push(match events {
            [event] => Mark::single(*event, Glyph::Bar(rect), color),
            _ => Mark {
                event: None,
                bins: vec![BinRef::Span(i)],
                count: events.len(),
                glyph: Glyph::Bar(rect),
                color,
            },
        });
    }
    marks
}

/// Day bins of one lane that share a screen column.
struct Column {
    id: i64,
    lane: usize,
    bins: Vec<usize>,
    count: usize,
    /// Sum of screen x weighted by events, for the column's position.
    x_sum: f64,
}

impl Column {
    fn new(id: i64, lane: usize) -> Column {
        Column {
            id,
            lane,
            bins: Vec::new(),
            count: 0,
            x_sum: 0.0,
        }
    }

    /// Its dots, stacked, or one badge when they do not fit.
    fn finish(
        self,
        bins: &Bins,
        transform: &PlotTransform,
        lane_points: f32,
        points_per_day: f32,
        marks: &mut Vec<Mark>,
    ) {
        if self.count == 0 {
            return;
        }
        let x = (self.x_sum / self.count as f64) as f32;
        let center = pos2(x, transform.position_from_point_y(lane_y(self.lane)));
        let color = lane_color(bins, self.lane);
        let width = points_per_day.max(PITCH);
        match stack_offsets(self.count, lane_points, width) {
            Some(offsets) => {
                let events = self.bins.iter().flat_map(|&b| bins.events(BinRef::Day(b)));
                for (&event, offset) in events.zip(offsets) {
                    marks.push(Mark::single(event, Glyph::Dot(center + offset), color));
                }
            }
            None => marks.push(Mark {
                event: None,
                bins: self.bins.into_iter().map(BinRef::Day).collect(),
                count: self.count,
                glyph: Glyph::Badge(center),
                color,
            }),
        }
    }
}

/// Offsets for `n` dots in one lane within `width` points: columns as tall as the lane
/// allows, side by side. None when they do not fit (the caller draws a badge), so a crowd
/// on one day never spills over neighbouring days.
fn stack_offsets(n: usize, lane_points: f32, width: f32) -> Option<Vec<egui::Vec2>> {
    let rows = ((lane_points * 0.8 / PITCH).floor() as usize).max(1);
    let max_columns = ((width * 0.8 / PITCH).floor() as usize).max(1);
    if n > rows * max_columns {
        return None;
    }
    let rows = rows.min(n.max(1));
    let columns = n.div_ceil(rows);
    let offsets = (0..n)
        .map(|i| {
            let (column, row) = (i / rows, i % rows);
            let in_column = if column + 1 == columns {
                n - column * rows
            } else {
                rows
            };
            vec2(
                (column as f32 - (columns - 1) as f32 / 2.0) * PITCH,
                (row as f32 - (in_column - 1) as f32 / 2.0) * PITCH,
            )
        })
        .collect();
    Some(offsets)
}

/// The mark nearest the pointer (an index into `marks`), if within reach. Dots win over bars
/// at equal distance because they are drawn on top.
pub(super) fn hit_test(marks: &[Mark], pointer: Pos2) -> Option<usize> {
    marks
        .iter()
        .enumerate()
        .filter_map(|(index, mark)| {
            let distance = match mark.glyph {
                Glyph::Dot(center) => (center.distance(pointer) - DOT_RADIUS).max(0.0),
                Glyph::Badge(center) => (center.distance(pointer) - BADGE_RADIUS).max(0.0),
                Glyph::Bar(rect) => rect.distance_to_pos(pointer) + 0.5,
            };
            (distance <= HIT_SLOP).then_some((distance, index))
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, index)| index)
}

/// Which event a click on a mark selects: its event, or for several the one after the
/// selected one, so repeated clicks visit every event in it.
pub(super) fn next_event(mark: &Mark, bins: &Bins, selected: &Selected) -> Option<usize> {
    let mut events = mark.events(bins);
    let Some(current) = selected.event.filter(|_| mark.holds(selected)) else {
        return events.next();
    };
    let first = mark.events(bins).next();
    events.by_ref().find(|&e| e == current)?;
    events.next().or(first)
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
    selected: &Selected,
    hovered: Option<usize>,
    style: &MarkStyle,
) {
    let mut order: Vec<(usize, &Mark)> = marks.iter().enumerate().collect();
    order.sort_by_key(|(_, m)| (m.holds(selected), !matches!(m.glyph, Glyph::Bar(_))));
    // Zoomed out there are thousands of bars: square ones in one mesh tessellate into ten
    // triangles each, where a rounded, stroked rect takes about a hundred.
    let mut bars = Mesh::default();
    for (index, mark) in order {
        let is_selected = mark.holds(selected);
        let is_hovered = Some(index) == hovered;
        if let Glyph::Bar(rect) = mark.glyph
            && !is_selected
            && !is_hovered
        {
            add_plain_bar(&mut bars, rect, mark.color);
            continue;
        }
        if !bars.is_empty() {
            painter.add(std::mem::take(&mut bars));
        }
        match mark.glyph {
            Glyph::Dot(center) | Glyph::Badge(center) => {
                let badge = matches!(mark.glyph, Glyph::Badge(_));
                let base = if badge { BADGE_RADIUS } else { DOT_RADIUS };
                let grow = if is_selected {
                    2.5
                } else if is_hovered {
                    1.5
                } else {
                    0.0
                };
                let radius = base + grow;
                if is_selected {
                    painter.circle_filled(center, radius + 6.0, mark.color.gamma_multiply(0.3));
                }
                painter.circle(center, radius, mark.color, Stroke::new(1.2, style.outline));
                if is_selected {
                    painter.circle_stroke(center, radius + 2.5, Stroke::new(2.0, style.selection));
                }
                if badge {
                    let count = if mark.count < 1000 {
                        mark.count.to_string()
                    } else {
                        format!("{}k", mark.count / 1000)
                    };
                    let font = FontId::proportional(if count.len() > 2 { 8.0 } else { 10.0 });
                    painter.text(center, Align2::CENTER_CENTER, count, font, Color32::WHITE);
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
                let stroke = Stroke::new(1.0, mark.color);
                painter.rect(
                    rect,
                    3.0,
                    mark.color.gamma_multiply(0.6),
                    stroke,
                    StrokeKind::Inside,
                );
                if is_selected {
                    let ring = Stroke::new(2.0, style.selection);
                    painter.rect_stroke(rect.expand(2.5), 4.0, ring, StrokeKind::Outside);
                }
            }
        }
    }
    if !bars.is_empty() {
        painter.add(bars);
    }
}

/// A bar that is neither selected nor hovered, square-cornered: a translucent fill inside a
/// one-point edge in the full colour, like the rounded ones.
fn add_plain_bar(mesh: &mut Mesh, rect: Rect, color: Color32) {
    const EDGE: f32 = 1.0;
    let inner = rect.shrink(EDGE);
    if !inner.is_positive() {
        mesh.add_colored_rect(rect, color);
        return;
    }
    mesh.add_colored_rect(inner, color.gamma_multiply(0.6));
    let (x, y) = (rect.x_range(), rect.y_range());
    for edge in [
        Rect::from_x_y_ranges(x, y.min..=y.min + EDGE),
        Rect::from_x_y_ranges(x, y.max - EDGE..=y.max),
        Rect::from_x_y_ranges(x.min..=x.min + EDGE, inner.y_range()),
        Rect::from_x_y_ranges(x.max - EDGE..=x.max, inner.y_range()),
    ] {
        mesh.add_colored_rect(edge, color);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_few_events_on_one_day_stack_within_the_day() {
        let offsets = stack_offsets(5, 30.0, 60.0).unwrap_or_else(|| panic!("no stack"));
        assert_eq!(offsets.len(), 5);
        for (i, a) in offsets.iter().enumerate() {
            assert!(
                a.y.abs() <= 15.0 && a.x.abs() <= 30.0,
                "inside lane and day: {a:?}"
            );
            for b in &offsets[i + 1..] {
                assert!(
                    (*a - *b).length() >= 2.0 * DOT_RADIUS,
                    "{a:?} and {b:?} overlap"
                );
            }
        }
        assert_eq!(stack_offsets(1, 30.0, 5.0), Some(vec![egui::Vec2::ZERO]));
    }

    #[test]
    fn a_crowd_on_one_day_becomes_a_badge_not_a_smear_over_other_days() {
        assert_eq!(stack_offsets(11, 26.0, 12.0), None);
    }
}
