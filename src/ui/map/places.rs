//! The visible events with a place, grouped by place: rebuilt when the data or the filters
//! change, not every frame, so the map's per-frame work grows with the number of places on
//! screen rather than the number of events. The rebuild walks the dataset's events listed
//! place by place (`place_columns`), so hiding a type of a million events hashes nothing.

use super::areas::Area;
use super::camera::FitPlace;
use super::place_columns::{PlaceColumns, Spot, coordinates_key};
use super::view_key::ViewKey;
use crate::model::{Dataset, Event, EventType, PlacePrecision};
use crate::ui::mask::VisibleMask;
use crate::ui::state::CACHE_FROM_EVENTS;
use std::ops::Range;
use std::sync::Arc;

/// Counts per event type, in [`EventType::ALL`] order.
pub(super) type TypeCounts = [u32; TYPES];
const TYPES: usize = EventType::ALL.len();

/// All visible events at one place (the same coordinates to within about a kilometre).
pub(super) struct PlaceBin {
    pub lon_lat: [f64; 2],
    /// The spot of its first event, which names it (see [`PlaceIndex::name`]).
    spot: usize,
    /// The most precise precision among its events.
    pub precision: PlacePrecision,
    /// The country or region its vaguer events stand for.
    pub area: Option<Area>,
    /// Where its events are in [`PlaceIndex::members`].
    pub members: Range<usize>,
    pub types: TypeCounts,
}

impl PlaceBin {
    pub fn count(&self) -> usize {
        self.members.len()
    }
}

/// An area (country or region) that country/region-precision events refer to.
pub(super) struct AreaBin {
    pub area: Area,
    pub types: TypeCounts,
}

pub(super) struct PlaceIndex {
    key: ViewKey,
    columns: Arc<PlaceColumns>,
    pub places: Vec<PlaceBin>,
    /// Event indices (into `dataset.events`), place by place.
    pub members: Vec<usize>,
    /// Places in the order groups are formed: most precise first, then busiest.
    pub order: Vec<usize>,
    pub areas: Vec<AreaBin>,
    /// The place of each of the dataset's coordinate keys ([`NOWHERE`] where none is
    /// visible).
    slot_of: Vec<usize>,
}

/// No position, spot or place.
const NOWHERE: usize = usize::MAX;

impl PlaceIndex {
    /// The index for `visible`, reusing `previous` when nothing changed; `columns` are the
    /// dataset's places, kept between filter changes for a large dataset.
    pub fn update(
        previous: Option<PlaceIndex>,
        columns: &mut Option<Arc<PlaceColumns>>,
        key: ViewKey,
        dataset: &Dataset,
        visible: &[usize],
    ) -> PlaceIndex {
        let reuse = match previous {
            Some(index) if index.key == key => return index,
            // The old index's events make room for the new ones (no fresh megabytes).
            Some(index) => index.members,
            None => Vec::new(),
        };
        // A small dataset may be edited without a new stamp: it is read afresh each time.
        let kept = columns
            .take()
            .filter(|_| dataset.events.len() >= CACHE_FROM_EVENTS);
        let places = PlaceColumns::update(kept, &dataset.events, key.dataset());
        *columns = Some(Arc::clone(&places));
        PlaceIndex::build(key, places, visible, reuse)
    }

    /// Groups `visible` (ascending indices) by walking the dataset's placed events spot by
    /// spot and keeping the visible ones: each place's events come out together, ascending.
    /// Places are then ordered by their first event, as grouping the visible events one by
    /// one would find them.
    fn build(
        key: ViewKey,
        columns: Arc<PlaceColumns>,
        visible: &[usize],
        reuse: Vec<usize>,
    ) -> PlaceIndex {
        debug_assert!(visible.is_sorted(), "visible events in dataset order");
        let shown = VisibleMask::of(visible, columns.events_in_dataset());
        let mut members = reuse;
        members.clear();
        members.reserve(visible.len());
        // Each place: its first event's spot names and places it, its most precise spot
        // gives the precision, its first spot with an area the area.
        struct Gathered {
            first: usize,
            at: usize,
            spot: usize,
            lon_lat: [f64; 2],
            precision: PlacePrecision,
            area: Option<(usize, usize)>,
            types: TypeCounts,
            members: Range<usize>,
        }
        let mut found: Vec<Gathered> = Vec::new();
        let mut area_types: Vec<Option<(usize, TypeCounts)>> = vec![None; columns.areas.len()];
        let mut from = 0;
        for &(spot, end) in &columns.walk {
            let start = members.len();
            let mut types = [0; TYPES];
            for (&event, &t) in columns.events[from..end]
                .iter()
                .zip(&columns.types[from..end])
            {
                if shown.contains(event as usize) {
                    members.push(event as usize);
                    types[usize::from(t)] += 1;
                }
            }
            from = end;
            let Some(&first) = members.get(start) else {
                continue;
            };
            let Spot {
                lon_lat,
                at,
                precision,
                area,
                ..
            } = columns.spots[spot];
            match found.last_mut() {
                // Another spot of the same place: its events join the place's, in order.
                Some(place) if place.at == at => {
                    place.members.end = members.len();
                    members[place.members.clone()].sort_unstable();
                    if first < place.first {
                        (place.first, place.spot, place.lon_lat) = (first, spot, lon_lat);
                    }
                    place.precision = place.precision.min(precision);
                    add(&mut place.types, &types);
                    if let Some(area) = area
                        && place.area.is_none_or(|(earliest, _)| first < earliest)
                    {
                        place.area = Some((first, area));
                    }
                }
                _ => found.push(Gathered {
                    first,
                    at,
                    spot,
                    lon_lat,
                    precision,
                    area: area.map(|area| (first, area)),
                    types,
                    members: start..members.len(),
                }),
            }
            if let Some(area) = area {
                let (earliest, totals) = area_types[area].get_or_insert((first, [0; TYPES]));
                *earliest = (*earliest).min(first);
                add(totals, &types);
            }
        }

        found.sort_unstable_by_key(|g| g.first);
        let mut slot_of = vec![NOWHERE; columns.coordinates.len()];
        let places: Vec<PlaceBin> = found
            .into_iter()
            .enumerate()
            .map(|(slot, g)| {
                slot_of[g.at] = slot;
                PlaceBin {
                    lon_lat: g.lon_lat,
                    spot: g.spot,
                    precision: g.precision,
                    area: g.area.map(|(_, area)| columns.areas[area].clone()),
                    members: g.members,
                    types: g.types,
                }
            })
            .collect();
        let mut areas: Vec<(usize, AreaBin)> = area_types
            .into_iter()
            .enumerate()
            .filter_map(|(area, found)| {
                let (first, types) = found?;
                let area = columns.areas[area].clone();
                Some((first, AreaBin { area, types }))
            })
            .collect();
        areas.sort_by_key(|&(first, _)| first);
        let mut order: Vec<usize> = (0..places.len()).collect();
        order.sort_by_key(|&p| (places[p].precision, std::cmp::Reverse(places[p].count())));
        PlaceIndex {
            key,
            columns,
            places,
            members,
            order,
            areas: areas.into_iter().map(|(_, bin)| bin).collect(),
            slot_of,
        }
    }

    /// The name of a place: its first event's.
    pub fn name(&self, place: usize) -> &str {
        self.places
            .get(place)
            .and_then(|p| self.columns.spots.get(p.spot))
            .map_or("", |spot| spot.name.as_str())
    }

    /// The events at a place.
    pub fn events(&self, place: usize) -> &[usize] {
        self.places
            .get(place)
            .and_then(|p| self.members.get(p.members.clone()))
            .unwrap_or(&[])
    }

    /// The place an event is at, if it is visible and has one.
    pub fn place_of(&self, event: &Event) -> Option<usize> {
        let place = event.place.as_ref()?;
        let at = self
            .columns
            .coordinate_index(coordinates_key(place.lon, place.lat))?;
        self.slot_of
            .get(at)
            .copied()
            .filter(|&slot| slot != NOWHERE)
    }

    /// The places to frame, weighted by how many events each holds.
    pub fn fit_places(&self) -> Vec<FitPlace> {
        self.places
            .iter()
            .map(|p| FitPlace {
                lon_lat: p.lon_lat,
                extent: super::areas::extent_of(p),
                weight: p.count(),
            })
            .collect()
    }
}

fn add(totals: &mut TypeCounts, counts: &TypeCounts) {
    for (total, n) in totals.iter_mut().zip(counts) {
        *total += n;
    }
}

/// The most frequent type in `types` (the first in [`EventType::ALL`] order on a tie).
pub(super) fn main_type(types: &TypeCounts) -> EventType {
    let most = (0..types.len()).max_by_key(|&t| (types[t], usize::MAX - t));
    most.and_then(|t| EventType::ALL.get(t).copied())
        .unwrap_or(EventType::Other)
}

#[cfg(test)]
mod tests;
