//! Event markers on the map: the groups they come in, what the pointer is over, how they
//! are painted and labelled, and what a badge shows and does.

use super::layers::{self, Palette};
use super::places::{PlaceIndex, TypeCounts, main_type};
use crate::model::{Dataset, EventType, PlacePrecision};
use crate::ui::colors::type_color;
use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Stroke, vec2};

/// Radius of a site/city marker; country/region rings are a little larger.
pub(super) const MARKER_RADIUS: f32 = 5.5;
pub(super) const RING_RADIUS: f32 = 6.5;
pub(super) const BADGE_RADIUS: f32 = 10.0;
/// Up to this many events at one place are spread in a circle; more become a count badge.
pub(super) const MAX_SPREAD: usize = 8;
/// Extra reach around a marker for hovering and clicking.
const HIT_SLOP: f32 = 4.0;

/// The visible events at one place, or at places too close on screen to tell apart.
pub(super) struct Group {
    pub anchor: Pos2,
    /// Indices into the place index; the first is the most precise, and names the group.
    pub places: Vec<usize>,
    pub count: usize,
    pub types: TypeCounts,
    /// One marker per event (indices into `dataset.events`) when there are few; empty for a
    /// count badge.
    pub events: Vec<usize>,
    pub positions: Vec<Pos2>,
}

impl Group {
    pub fn is_badge(&self) -> bool {
        self.positions.is_empty()
    }

    /// How far the markers reach from the anchor, for placing the label beside them.
    pub fn reach(&self) -> f32 {
        if self.is_badge() {
            return BADGE_RADIUS;
        }
        self.positions
            .iter()
            .map(|p| (*p - self.anchor).length())
            .fold(0.0, f32::max)
            + RING_RADIUS
    }

    pub fn main_color(&self) -> Color32 {
        type_color(main_type(&self.types))
    }

    pub fn holds(&self, selection: &Selection) -> bool {
        selection.place.is_some_and(|p| self.places.contains(&p))
    }

    /// All its events, place by place.
    pub fn all_events<'a>(&'a self, index: &'a PlaceIndex) -> impl Iterator<Item = usize> + 'a {
        self.places
            .iter()
            .flat_map(|&p| index.events(p).iter().copied())
    }
}

/// A busy place outside the view, for the arrows at the map's edge.
pub(super) struct Offscreen {
    pub lon_lat: [f64; 2],
    pub anchor: Pos2,
    pub name: String,
    pub count: usize,
    pub color: Color32,
}

/// The selected event as the map sees it: the event and its place in the index.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Selection {
    pub event: Option<usize>,
    pub place: Option<usize>,
}

/// What the pointer is over.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Hit {
    /// One event's marker (an index into `dataset.events`).
    Event(usize),
    /// A count badge (an index into the groups).
    Badge(usize),
}

/// The marker or badge nearest to the pointer, if it is within reach.
pub(super) fn hit_test(groups: &[Group], pointer: Pos2) -> Option<Hit> {
    let mut best: Option<(f32, Hit)> = None;
    let mut consider = |distance: f32, reach: f32, hit: Hit| {
        if distance <= reach + HIT_SLOP && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, hit));
        }
    };
    for (g, group) in groups.iter().enumerate() {
        if group.is_badge() {
            consider(group.anchor.distance(pointer), BADGE_RADIUS, Hit::Badge(g));
        }
        for (&event, &pos) in group.events.iter().zip(&group.positions) {
            consider(pos.distance(pointer), RING_RADIUS, Hit::Event(event));
        }
    }
    best.map(|(_, hit)| hit)
}

/// Colours that separate markers from the land under them.
pub(super) struct MarkerStyle {
    /// A thin outline in the background colour, so markers stand out on any fill.
    pub outline: Color32,
    /// The ring drawn around the selected marker.
    pub selection: Color32,
    pub spoke: Color32,
}

/// Paints one group: spokes to a shared place, then the markers, or the count badge.
pub(super) fn paint_group(
    painter: &Painter,
    dataset: &Dataset,
    group: &Group,
    selection: &Selection,
    hovered: Option<Hit>,
    badge_hovered: bool,
    style: &MarkerStyle,
) {
    if group.is_badge() {
        paint_badge(painter, group, group.holds(selection), badge_hovered, style);
        return;
    }
    if group.positions.len() > 1 {
        for &pos in &group.positions {
            let end = pos - (pos - group.anchor).normalized() * RING_RADIUS;
            painter.line_segment([group.anchor, end], Stroke::new(1.0, style.spoke));
        }
        painter.circle_filled(group.anchor, 2.0, style.spoke);
    }
    // The selected marker is painted last so nothing covers it.
    let mut order: Vec<(usize, Pos2)> = group
        .events
        .iter()
        .copied()
        .zip(group.positions.iter().copied())
        .collect();
    order.sort_by_key(|(event, _)| Some(*event) == selection.event);
    for (event_index, pos) in order {
        let Some(event) = dataset.events.get(event_index) else {
            continue;
        };
        let precise = event
            .place
            .as_ref()
            .is_some_and(|p| matches!(p.precision, PlacePrecision::Site | PlacePrecision::City));
        let look = MarkerLook {
            color: type_color(event.event_type),
            precise,
            selected: Some(event_index) == selection.event,
            hovered: hovered == Some(Hit::Event(event_index)),
        };
        paint_marker(painter, pos, look, style);
    }
}

/// A count badge in the colour of its most frequent type.
fn paint_badge(
    painter: &Painter,
    group: &Group,
    selected: bool,
    hovered: bool,
    style: &MarkerStyle,
) {
    let color = group.main_color();
    let mut radius = BADGE_RADIUS;
    if selected {
        painter.circle_filled(group.anchor, radius + 6.0, color.gamma_multiply(0.3));
        radius += 1.5;
    }
    painter.circle(group.anchor, radius, color, Stroke::new(1.5, style.outline));
    if selected || hovered {
        let ring = Stroke::new(2.0, style.selection);
        painter.circle_stroke(group.anchor, radius + 2.0, ring);
    }
    let count = if group.count < 10_000 {
        group.count.to_string()
    } else {
        format!("{}k", group.count / 1000)
    };
    let font = FontId::proportional(if count.len() > 3 { 9.0 } else { 11.0 });
    painter.text(
        group.anchor,
        Align2::CENTER_CENTER,
        count,
        font,
        Color32::WHITE,
    );
}

struct MarkerLook {
    color: Color32,
    /// A site or city: a filled dot. A region or country: a hollow ring.
    precise: bool,
    selected: bool,
    hovered: bool,
}

fn paint_marker(painter: &Painter, pos: Pos2, look: MarkerLook, style: &MarkerStyle) {
    let grow = if look.selected {
        2.5
    } else if look.hovered {
        1.5
    } else {
        0.0
    };
    if look.selected {
        painter.circle_filled(pos, RING_RADIUS + 7.0, look.color.gamma_multiply(0.3));
    }
    let selection_ring = Stroke::new(2.0, style.selection);
    if look.precise {
        let radius = MARKER_RADIUS + grow;
        painter.circle(pos, radius, look.color, Stroke::new(1.2, style.outline));
        if look.selected {
            painter.circle_stroke(pos, radius + 2.5, selection_ring);
        }
    } else {
        let radius = RING_RADIUS + grow;
        let width = if look.selected { 3.5 } else { 2.5 };
        painter.circle_stroke(pos, radius + 1.5, Stroke::new(1.0, style.outline));
        painter.circle_stroke(pos, radius, Stroke::new(width, look.color));
        painter.circle_stroke(pos, radius - 1.8, Stroke::new(1.0, style.outline));
        if look.selected {
            painter.circle_stroke(pos, radius + 3.0, selection_ring);
        }
    }
}

/// Names the places where events are ("Baghdad"), the selected event's place first;
/// country-level places are left to the country's own name.
pub(super) fn label_places(
    painter: &Painter,
    rect: Rect,
    groups: &[Group],
    index: &PlaceIndex,
    selection: &Selection,
    palette: &Palette,
    taken: &mut Vec<Rect>,
) {
    let mut order: Vec<&Group> = groups.iter().filter(|g| rect.contains(g.anchor)).collect();
    order.sort_by_key(|g| (!g.holds(selection), std::cmp::Reverse(g.count)));
    for group in order {
        let Some((place, name)) = group
            .places
            .first()
            .and_then(|&p| Some((index.places.get(p)?, index.name(p))))
        else {
            continue;
        };
        if place.precision == PlacePrecision::Country || name.trim().is_empty() {
            continue;
        }
        let pos = group.anchor + vec2(group.reach() + 4.0, 0.0);
        let strong = group.holds(selection);
        layers::place_name(painter, rect, pos, name, strong, palette, taken);
    }
}

/// Which event a click on a count badge selects: the one after the selected one, so
/// repeated clicks visit every event there.
pub(super) fn next_in_badge(
    group: &Group,
    index: &PlaceIndex,
    selection: &Selection,
) -> Option<usize> {
    let mut events = group.all_events(index);
    let Some(selected) = selection.event.filter(|_| group.holds(selection)) else {
        return events.next();
    };
    let first = group.all_events(index).next();
    events.by_ref().find(|&e| e == selected)?;
    events.next().or(first)
}

/// What hovering a count badge shows: how many events, and the first few.
pub(super) fn badge_tooltip(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    index: &PlaceIndex,
    group: &Group,
) {
    const LISTED: usize = 10;
    ui.set_max_width(ui.spacing().tooltip_width);
    let name = group.places.first().map_or("", |&p| index.name(p));
    ui.strong(format!("{} events at {name}", group.count));
    let mut types: Vec<(EventType, u32)> = EventType::ALL
        .into_iter()
        .zip(group.types)
        .filter(|(_, n)| *n > 0)
        .collect();
    types.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    let summary: Vec<String> = types
        .iter()
        .take(4)
        .map(|(t, n)| format!("{n} {}", t.label()))
        .collect();
    ui.weak(summary.join(", "));
    for event in group
        .all_events(index)
        .take(LISTED)
        .filter_map(|e| dataset.events.get(e))
    {
        ui.label(format!("• {}", event.summary));
    }
    if group.count > LISTED {
        ui.weak(format!("… and {} more", group.count - LISTED));
    }
    ui.weak("Click to step through them");
}
