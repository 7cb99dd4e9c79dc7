//! The visible events with a place, grouped by place: rebuilt when the data or the filters
//! change, not every frame, so the map's per-frame work grows with the number of places on
//! screen rather than the number of events.

use super::areas::Area;
use super::camera::FitPlace;
use super::view_key::ViewKey;
use crate::model::{Dataset, Event, EventType, PlacePrecision};
use std::collections::HashMap;
use std::ops::Range;

/// Counts per event type, in [`EventType::ALL`] order.
pub(super) type TypeCounts = [u32; EventType::ALL.len()];

/// All visible events at one place (the same coordinates to within about a kilometre).
pub(super) struct PlaceBin {
    pub lon_lat: [f64; 2],
    pub name: String,
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
    pub places: Vec<PlaceBin>,
    /// Event indices (into `dataset.events`), place by place.
    pub members: Vec<usize>,
    /// Places in the order groups are formed: most precise first, then busiest.
    pub order: Vec<usize>,
    pub areas: Vec<AreaBin>,
    by_coordinates: HashMap<(i64, i64), usize>,
}

/// Places closer than this (in hundredths of a degree) are one place.
fn coordinates_key(lon: f64, lat: f64) -> (i64, i64) {
    ((lon * 100.0).round() as i64, (lat * 100.0).round() as i64)
}

impl PlaceIndex {
    /// The index for `visible`, reusing `previous` when nothing changed.
    pub fn update(
        previous: Option<PlaceIndex>,
        key: ViewKey,
        dataset: &Dataset,
        visible: &[usize],
    ) -> PlaceIndex {
        match previous {
            Some(index) if index.key == key => index,
            _ => PlaceIndex::build(key, dataset, visible),
        }
    }

    fn build(key: ViewKey, dataset: &Dataset, visible: &[usize]) -> PlaceIndex {
        let mut by_coordinates: HashMap<(i64, i64), usize> = HashMap::new();
        let mut places: Vec<PlaceBin> = Vec::new();
        let mut lists: Vec<Vec<usize>> = Vec::new();
        let mut areas: Vec<AreaBin> = Vec::new();
        let mut area_slots: HashMap<Area, usize> = HashMap::new();
        for &index in visible {
            let Some(event) = dataset.events.get(index) else {
                continue;
            };
            let Some(place) = event.place.as_ref() else {
                continue;
            };
            if !(place.lon.is_finite() && place.lat.is_finite()) {
                continue;
            }
            let slot = *by_coordinates
                .entry(coordinates_key(place.lon, place.lat))
                .or_insert_with(|| {
                    places.push(PlaceBin {
                        lon_lat: [place.lon, place.lat],
                        name: place.name.to_string(),
                        precision: place.precision,
                        area: None,
                        members: 0..0,
                        types: [0; EventType::ALL.len()],
                    });
                    lists.push(Vec::new());
                    places.len() - 1
                });
            let area = Area::of(place);
            let bin = &mut places[slot];
            bin.precision = bin.precision.min(place.precision);
            bin.types[event.event_type.index()] += 1;
            if bin.area.is_none() {
                bin.area.clone_from(&area);
            }
            lists[slot].push(index);
            if let Some(area) = area {
                let area_slot = *area_slots.entry(area.clone()).or_insert_with(|| {
                    areas.push(AreaBin {
                        area,
                        types: [0; EventType::ALL.len()],
                    });
                    areas.len() - 1
                });
                areas[area_slot].types[event.event_type.index()] += 1;
            }
        }
        let mut members = Vec::with_capacity(lists.iter().map(Vec::len).sum());
        for (bin, list) in places.iter_mut().zip(lists) {
            let start = members.len();
            members.extend(list);
            bin.members = start..members.len();
        }
        let mut order: Vec<usize> = (0..places.len()).collect();
        order.sort_by_key(|&p| (places[p].precision, std::cmp::Reverse(places[p].count())));
        PlaceIndex {
            key,
            places,
            members,
            order,
            areas,
            by_coordinates,
        }
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
        self.by_coordinates
            .get(&coordinates_key(place.lon, place.lat))
            .copied()
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

/// The most frequent type in `types` (the first in [`EventType::ALL`] order on a tie).
pub(super) fn main_type(types: &TypeCounts) -> EventType {
    let most = (0..types.len()).max_by_key(|&t| (types[t], usize::MAX - t));
    most.and_then(|t| EventType::ALL.get(t).copied())
        .unwrap_or(EventType::Other)
}
