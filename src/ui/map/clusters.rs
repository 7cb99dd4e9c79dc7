//! Clustering the places on screen into groups: places whose markers would overlap join
//! one group, anchored at the most precise place; a group of a few events spreads its
//! markers in a circle, a bigger one is a count badge. The work per frame grows with the
//! places on screen, not with the number of events.

use super::camera::Camera;
use super::markers::{BADGE_RADIUS, Group, MAX_SPREAD, Offscreen, RING_RADIUS};
use super::places::{PlaceIndex, main_type};
use super::view_key::ViewKey;
use crate::ui::colors::type_color;
use egui::{Pos2, Rect, Vec2};

/// Places this far outside the view still get markers (they may reach into it).
const VIEW_MARGIN: f32 = 40.0;
/// At most this many off-screen places are offered to the edge arrows.
const MAX_OFFSCREEN: usize = 64;

/// A layout and what it was made from. Frames that change neither the view nor the
/// visible events (the pointer moving, a tooltip) reuse it: with a million events a
/// zoomed-out map has tens of thousands of places to cluster.
pub(super) struct Clustered {
    key: (ViewKey, Camera, Rect),
    pub groups: Vec<Group>,
    pub offscreen: Vec<Offscreen>,
}

impl Clustered {
    /// The layout for this view, reusing `previous` when nothing changed.
    pub fn update(
        previous: Option<Clustered>,
        key: ViewKey,
        index: &PlaceIndex,
        camera: &Camera,
        rect: Rect,
    ) -> Clustered {
        let key = (key, *camera, rect);
        match previous {
            Some(clustered) if clustered.key == key => clustered,
            _ => {
                let (groups, offscreen) = layout(index, camera, rect);
                Clustered {
                    key,
                    groups,
                    offscreen,
                }
            }
        }
    }
}

/// Clusters the places on screen into groups and lays out their markers; places whose
/// markers would overlap (Baghdad and "Iraq" at the country's centre, when zoomed out) join
/// one group, anchored at the more precise place. Also returns the busiest places off-screen.
pub(super) fn layout(
    index: &PlaceIndex,
    camera: &Camera,
    rect: Rect,
) -> (Vec<Group>, Vec<Offscreen>) {
    let area = rect.expand(VIEW_MARGIN);
    let mut groups: Vec<Group> = Vec::new();
    let mut grid = CellGrid::new(area);
    let mut outside: Vec<(usize, Pos2)> = Vec::new();
    for &p in &index.order {
        let bin = &index.places[p];
        let anchor = camera.to_screen(rect, bin.lon_lat);
        if !area.contains(anchor) {
            outside.push((p, anchor));
            continue;
        }
        // Join a group already there if their markers would touch (cheap first pass; the
        // passes below catch what growing groups reach later).
        let near = grid.near(anchor).find(|&g| {
            let group: &Group = &groups[g];
            touch(group.anchor, anchor, group.count, bin.count())
        });
        match near {
            Some(g) => {
                let group = &mut groups[g];
                group.places.push(p);
                group.count += bin.count();
                for (total, n) in group.types.iter_mut().zip(bin.types) {
                    *total += n;
                }
            }
            None => {
                grid.insert(anchor, groups.len());
                groups.push(Group {
                    anchor,
                    places: vec![p],
                    count: bin.count(),
                    types: bin.types,
                    events: Vec::new(),
                    positions: Vec::new(),
                });
            }
        }
    }
    // Merging makes groups reach further, which can make them overlap others: repeat.
    for _ in 0..4 {
        if !merge_overlapping(&mut groups, area) {
            break;
        }
    }
    for group in &mut groups {
        if group.count <= MAX_SPREAD {
            let mut events: Vec<usize> = group.all_events(index).collect();
            events.sort_unstable();
            group.positions = spread(group.anchor, events.len());
            group.events = events;
        }
    }
    (groups, busiest_outside(index, outside))
}

/// Merges groups whose markers overlap into the earlier (more precise) one; returns whether
/// any merged. A grid of cells as wide as the largest reach finds the neighbours.
fn merge_overlapping(groups: &mut Vec<Group>, area: Rect) -> bool {
    let mut grid = CellGrid::new(area);
    for (g, group) in groups.iter().enumerate() {
        grid.insert(group.anchor, g);
    }
    let mut absorbed_into: Vec<Option<usize>> = vec![None; groups.len()];
    let mut merged = false;
    for g in 0..groups.len() {
        if absorbed_into[g].is_some() {
            continue;
        }
        let neighbours: Vec<usize> = grid
            .near(groups[g].anchor)
            .filter(|&other| other > g && absorbed_into[other].is_none())
            .collect();
        for other in neighbours {
            let (a, b) = (&groups[g], &groups[other]);
            if touch(a.anchor, b.anchor, a.count, b.count) {
                absorbed_into[other] = Some(g);
                let (places, count, types) = {
                    let o = &mut groups[other];
                    (std::mem::take(&mut o.places), o.count, o.types)
                };
                let group = &mut groups[g];
                group.places.extend(places);
                group.count += count;
                for (total, n) in group.types.iter_mut().zip(types) {
                    *total += n;
                }
                merged = true;
            }
        }
    }
    if merged {
        let mut kept = absorbed_into.iter().map(Option::is_none);
        groups.retain(|_| kept.next().unwrap_or(true));
    }
    merged
}

/// Groups bucketed by screen cell, so neighbours are found without comparing all pairs.
/// A cell is as wide as the largest distance at which two groups' markers can touch, so
/// the 3×3 cells around a point hold everything that can touch it.
struct CellGrid {
    origin: Pos2,
    cell: f32,
    columns: usize,
    rows: usize,
    cells: Vec<Vec<usize>>,
}

impl CellGrid {
    fn new(area: Rect) -> CellGrid {
        let cell = 2.0 * spread_reach(MAX_SPREAD);
        let columns = (area.width() / cell).ceil().max(1.0) as usize;
        let rows = (area.height() / cell).ceil().max(1.0) as usize;
        CellGrid {
            origin: area.min,
            cell,
            columns,
            rows,
            cells: vec![Vec::new(); columns * rows],
        }
    }

    fn cell_of(&self, p: Pos2) -> (usize, usize) {
        let x = ((p.x - self.origin.x) / self.cell).floor().max(0.0) as usize;
        let y = ((p.y - self.origin.y) / self.cell).floor().max(0.0) as usize;
        (x.min(self.columns - 1), y.min(self.rows - 1))
    }

    fn insert(&mut self, p: Pos2, item: usize) {
        let (x, y) = self.cell_of(p);
        self.cells[y * self.columns + x].push(item);
    }

    /// Everything in the cells around `p`.
    fn near(&self, p: Pos2) -> impl Iterator<Item = usize> + '_ {
        let (x, y) = self.cell_of(p);
        let xs = x.saturating_sub(1)..=(x + 1).min(self.columns - 1);
        let ys = y.saturating_sub(1)..=(y + 1).min(self.rows - 1);
        ys.flat_map(move |y| xs.clone().map(move |x| y * self.columns + x))
            .flat_map(|i| self.cells[i].iter().copied())
    }
}

/// The busiest of the places outside the view.
fn busiest_outside(index: &PlaceIndex, mut outside: Vec<(usize, Pos2)>) -> Vec<Offscreen> {
    let count = |p: usize| index.places[p].count();
    if outside.len() > MAX_OFFSCREEN {
        outside.select_nth_unstable_by_key(MAX_OFFSCREEN, |&(p, _)| std::cmp::Reverse(count(p)));
        outside.truncate(MAX_OFFSCREEN);
    }
    outside.sort_by_key(|&(p, _)| std::cmp::Reverse(count(p)));
    outside
        .into_iter()
        .map(|(p, anchor)| {
            let bin = &index.places[p];
            Offscreen {
                lon_lat: bin.lon_lat,
                anchor,
                name: index.name(p).to_owned(),
                count: bin.count(),
                color: type_color(main_type(&bin.types)),
            }
        })
        .collect()
}

/// Whether the markers of `m` events at `a` and of `n` at `b` would touch (compared
/// squared: this runs for every place on screen against its neighbours).
fn touch(a: Pos2, b: Pos2, m: usize, n: usize) -> bool {
    let reach = spread_reach(m) + spread_reach(n);
    a.distance_sq(b) < reach * reach
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::map::markers::MARKER_RADIUS;

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
