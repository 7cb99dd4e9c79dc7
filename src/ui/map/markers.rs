//! Event markers on the map: grouping events that share a place, where each marker goes,
//! what the pointer is over, and how markers are painted.

use super::camera::Camera;
use super::layers::{self, Palette};
use crate::model::{Dataset, PlacePrecision};
use crate::ui::colors::type_color;
use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Stroke, Vec2, vec2};
use std::collections::HashMap;

/// Radius of a site/city marker; country/region rings are a little larger.
pub(super) const MARKER_RADIUS: f32 = 5.5;
const RING_RADIUS: f32 = 6.5;
const BADGE_RADIUS: f32 = 10.0;
/// Up to this many events at one place are spread in a circle; more become a count badge.
const MAX_SPREAD: usize = 8;
/// Extra reach around a marker for hovering and clicking.
const HIT_SLOP: f32 = 4.0;

/// The visible events at one place, or at places too close on screen to tell apart.
pub(super) struct Group {
    pub lon_lat: [f64; 2],
    pub anchor: Pos2,
    pub place_name: String,
    pub precision: PlacePrecision,
    /// Indices into `dataset.events`, in the order of `visible`.
    pub events: Vec<usize>,
    /// Where each event's marker is drawn; empty when the group is a count badge.
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

    /// The colour of the most frequent event type in the group.
    pub fn main_color(&self, dataset: &Dataset) -> Color32 {
        let mut counts: HashMap<usize, (usize, Color32)> = HashMap::new();
        for &e in &self.events {
            let t = dataset.events[e].event_type;
            counts.entry(t.index()).or_insert((0, type_color(t))).0 += 1;
        }
        counts
            .into_iter()
            .max_by_key(|(index, (n, _))| (*n, usize::MAX - index))
            .map_or(Color32::GRAY, |(_, (_, color))| color)
    }
}

/// What the pointer is over.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Hit {
    /// One event's marker (an index into `dataset.events`).
    Event(usize),
    /// A count badge (an index into the groups).
    Badge(usize),
}

/// Groups the visible events that have a place and lays out their markers on screen.
/// Events at the same place share a group; groups whose markers would overlap on screen
/// (Baghdad and "Iraq" at the country's centre, when zoomed out) are merged, anchored at
/// the more precise place.
pub(super) fn layout(
    dataset: &Dataset,
    visible: &[usize],
    camera: &Camera,
    rect: Rect,
) -> Vec<Group> {
    let mut placed: Vec<(usize, &crate::model::Place)> = visible
        .iter()
        .filter_map(|&i| Some((i, dataset.events.get(i)?.place.as_ref()?)))
        .filter(|(_, p)| p.lat.is_finite() && p.lon.is_finite())
        .collect();
    placed.sort_by_key(|(_, p)| p.precision);

    let mut groups: Vec<Group> = Vec::new();
    for (index, place) in placed {
        let anchor = camera.to_screen(rect, [place.lon, place.lat]);
        match groups.iter_mut().find(|g| g.anchor.distance(anchor) < 1.0) {
            Some(group) => group.events.push(index),
            None => groups.push(Group {
                lon_lat: [place.lon, place.lat],
                anchor,
                place_name: place.name.clone(),
                precision: place.precision,
                events: vec![index],
                positions: Vec::new(),
            }),
        }
    }
    // Groups are in order of precision, so the one kept (the earlier) is the more precise.
    let mut i = 0;
    while i < groups.len() {
        let overlapping = (i + 1..groups.len()).find(|&j| {
            let (a, b) = (&groups[i], &groups[j]);
            a.anchor.distance(b.anchor)
                < spread_reach(a.events.len()) + spread_reach(b.events.len())
        });
        match overlapping {
            Some(j) => {
                let absorbed = groups.remove(j);
                groups[i].events.extend(absorbed.events);
            }
            None => i += 1,
        }
    }
    for group in &mut groups {
        group.events.sort_unstable();
        group.positions = spread(group.anchor, group.events.len());
    }
    groups
}

/// How far the markers of `n` events at one place reach from it.
fn spread_reach(n: usize) -> f32 {
    match n {
        0 | 1 => RING_RADIUS + 1.0,
        n if n > MAX_SPREAD => BADGE_RADIUS + 1.0,
        n => spread_radius(n) + RING_RADIUS + 1.0,
    }
}

fn spread_radius(n: usize) -> f32 {
    (n as f32 * 3.2 * RING_RADIUS / std::f32::consts::TAU).max(9.0)
}

/// Marker positions around a shared place: a circle big enough that markers do not touch.
fn spread(anchor: Pos2, n: usize) -> Vec<Pos2> {
    match n {
        0 => Vec::new(),
        1 => vec![anchor],
        n if n > MAX_SPREAD => Vec::new(),
        n => {
            let radius = spread_radius(n);
            (0..n)
                .map(|i| {
                    let angle =
                        -std::f32::consts::FRAC_PI_2 + i as f32 * std::f32::consts::TAU / n as f32;
                    anchor + radius * Vec2::angled(angle)
                })
                .collect()
        }
    }
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

/// Paints one group: spokes to a shared place, then the markers (or the badge).
pub(super) fn paint_group(
    painter: &Painter,
    dataset: &Dataset,
    group: &Group,
    selected: Option<usize>,
    hovered: Option<Hit>,
    style: &MarkerStyle,
) {
    if group.is_badge() {
        let contains_selected = selected.is_some_and(|s| group.events.contains(&s));
        let color = group.main_color(dataset);
        let mut radius = BADGE_RADIUS;
        if contains_selected {
            painter.circle_filled(group.anchor, radius + 6.0, color.gamma_multiply(0.3));
            radius += 1.5;
        }
        painter.circle(group.anchor, radius, color, Stroke::new(1.5, style.outline));
        if contains_selected || matches!(hovered, Some(Hit::Badge(_))) {
            painter.circle_stroke(
                group.anchor,
                radius + 2.0,
                Stroke::new(2.0, style.selection),
            );
        }
        painter.text(
            group.anchor,
            Align2::CENTER_CENTER,
            group.events.len().to_string(),
            FontId::proportional(11.0),
            Color32::WHITE,
        );
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
    order.sort_by_key(|(event, _)| Some(*event) == selected);
    for (event_index, pos) in order {
        let Some(event) = dataset.events.get(event_index) else {
            continue;
        };
        let precise = event
            .place
            .as_ref()
            .is_some_and(|p| matches!(p.precision, PlacePrecision::Site | PlacePrecision::City));
        let is_selected = Some(event_index) == selected;
        let is_hovered = hovered == Some(Hit::Event(event_index));
        paint_marker(
            painter,
            pos,
            type_color(event.event_type),
            precise,
            is_selected,
            is_hovered,
            style,
        );
    }
}

/// A filled dot for a site or city, a hollow ring for a region or country.
fn paint_marker(
    painter: &Painter,
    pos: Pos2,
    color: Color32,
    precise: bool,
    selected: bool,
    hovered: bool,
    style: &MarkerStyle,
) {
    let grow = if selected {
        2.5
    } else if hovered {
        1.5
    } else {
        0.0
    };
    if selected {
        painter.circle_filled(pos, RING_RADIUS + 7.0, color.gamma_multiply(0.3));
    }
    if precise {
        let radius = MARKER_RADIUS + grow;
        painter.circle(pos, radius, color, Stroke::new(1.2, style.outline));
        if selected {
            painter.circle_stroke(pos, radius + 2.5, Stroke::new(2.0, style.selection));
        }
    } else {
        let radius = RING_RADIUS + grow;
        painter.circle_stroke(pos, radius + 1.5, Stroke::new(1.0, style.outline));
        painter.circle_stroke(
            pos,
            radius,
            Stroke::new(if selected { 3.5 } else { 2.5 }, color),
        );
        painter.circle_stroke(pos, radius - 1.8, Stroke::new(1.0, style.outline));
        if selected {
            painter.circle_stroke(pos, radius + 3.0, Stroke::new(2.0, style.selection));
        }
    }
}

/// The label beside a group, e.g. "Baghdad", or None for country-level places
/// (the country's own name is on the map already).
pub(super) fn place_label(group: &Group) -> Option<(Pos2, &str)> {
    if group.precision == PlacePrecision::Country || group.place_name.trim().is_empty() {
        return None;
    }
    Some((
        group.anchor + vec2(group.reach() + 4.0, 0.0),
        group.place_name.as_str(),
    ))
}

/// Names the places where events are ("Baghdad"), the selected event's place first.
pub(super) fn label_places(
    painter: &Painter,
    rect: Rect,
    groups: &[Group],
    selected: Option<usize>,
    palette: &Palette,
    taken: &mut Vec<Rect>,
) {
    let holds_selected = |g: &Group| selected.is_some_and(|s| g.events.contains(&s));
    let mut order: Vec<&Group> = groups.iter().filter(|g| rect.contains(g.anchor)).collect();
    order.sort_by_key(|g| (!holds_selected(g), std::cmp::Reverse(g.events.len())));
    for group in order {
        if let Some((pos, name)) = place_label(group) {
            layers::place_name(
                painter,
                rect,
                pos,
                name,
                holds_selected(group),
                palette,
                taken,
            );
        }
    }
}

/// Which event a click on a count badge selects: the one after the selected one, so
/// repeated clicks visit every event at that place.
pub(super) fn next_in_badge(group: &Group, selected: Option<usize>) -> Option<usize> {
    let position = selected.and_then(|s| group.events.iter().position(|&e| e == s));
    match position {
        Some(p) => group.events.get((p + 1) % group.events.len()).copied(),
        None => group.events.first().copied(),
    }
}

/// What hovering a count badge shows: the events it stands for.
pub(super) fn badge_tooltip(ui: &mut egui::Ui, dataset: &Dataset, group: &Group) {
    const LISTED: usize = 10;
    ui.set_max_width(ui.spacing().tooltip_width);
    ui.strong(format!(
        "{} events at {}",
        group.events.len(),
        group.place_name
    ));
    for event in group
        .events
        .iter()
        .take(LISTED)
        .filter_map(|&e| dataset.events.get(e))
    {
        ui.label(format!("• {}", event.summary));
    }
    if group.events.len() > LISTED {
        ui.weak(format!("… and {} more", group.events.len() - LISTED));
    }
    ui.weak("Click to step through them");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_at_one_place_are_all_reachable() {
        let anchor = Pos2::new(100.0, 100.0);
        let positions = spread(anchor, 3);
        assert_eq!(positions.len(), 3);
        for (i, a) in positions.iter().enumerate() {
            for b in &positions[i + 1..] {
                assert!(a.distance(*b) > 2.0 * MARKER_RADIUS, "markers overlap");
            }
        }
        assert!(
            spread(anchor, MAX_SPREAD + 1).is_empty(),
            "many events become a badge"
        );
    }
}
