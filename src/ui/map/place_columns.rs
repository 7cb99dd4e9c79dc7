//! Each event's place as the map groups it, read once per dataset: the distinct "spots"
//! (coordinates, name, precision, country or region), and the placed events listed spot by
//! spot with the spots of a place together. After a filter change the places are one walk
//! along that list keeping the visible events, with no hashing of a million places.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::areas::Area;
use crate::model::{Event, PlacePrecision, SharedStr};
use crate::ui::state::DatasetStamp;

/// Places closer than this (in hundredths of a degree) are one place.
pub(super) fn coordinates_key(lon: f64, lat: f64) -> (i64, i64) {
    ((lon * 100.0).round() as i64, (lat * 100.0).round() as i64)
}

/// Events at the same coordinates with the same name, precision and area.
pub(super) struct Spot {
    pub lon_lat: [f64; 2],
    pub name: SharedStr,
    /// Index into [`PlaceColumns::coordinates`].
    pub at: usize,
    pub precision: PlacePrecision,
    /// Index into [`PlaceColumns::areas`] of the country or region its events stand for.
    pub area: Option<usize>,
}

pub(super) struct PlaceColumns {
    dataset: DatasetStamp,
    events_in_dataset: usize,
    pub spots: Vec<Spot>,
    /// The distinct coordinate keys (see [`coordinates_key`]).
    pub coordinates: Vec<(i64, i64)>,
    /// Where each is in `coordinates`.
    coordinate_index: FxHashMap<(i64, i64), usize>,
    pub areas: Vec<Area>,
    /// The spots in the order they are walked (by coordinates, so a place's spots are
    /// together): each with where its events end in `events` (each starts where the last
    /// ended).
    pub walk: Vec<(usize, usize)>,
    /// The events with a place (and coordinates that are numbers), spot by spot, ascending
    /// within a spot.
    pub events: Vec<u32>,
    /// Their types, as indices in [`crate::model::EventType::ALL`].
    pub types: Vec<u8>,
}

/// What tells spots apart while reading: the coordinates, the precision, and the country
/// and name by address (shared names have one; equal names at two addresses only make two
/// spots that the grouping joins again).
type SpotKey = ((u64, u64), PlacePrecision, (usize, usize), (usize, usize));

impl PlaceColumns {
    /// The columns of this dataset: `previous` if they are of it, else read afresh.
    pub fn update(
        previous: Option<Arc<PlaceColumns>>,
        events: &[Event],
        dataset: DatasetStamp,
    ) -> Arc<PlaceColumns> {
        match previous {
            Some(columns)
                if columns.dataset == dataset && columns.events_in_dataset == events.len() =>
            {
                columns
            }
            _ => Arc::new(PlaceColumns::of(events, dataset)),
        }
    }

    /// How many events the dataset has (placed or not).
    pub fn events_in_dataset(&self) -> usize {
        self.events_in_dataset
    }

    /// Where a coordinate key is in `coordinates`, if an event has it.
    pub fn coordinate_index(&self, key: (i64, i64)) -> Option<usize> {
        self.coordinate_index.get(&key).copied()
    }

    pub fn of(events: &[Event], dataset: DatasetStamp) -> PlaceColumns {
        let mut columns = PlaceColumns {
            dataset,
            events_in_dataset: events.len(),
            spots: Vec::new(),
            coordinates: Vec::new(),
            coordinate_index: FxHashMap::default(),
            areas: Vec::new(),
            walk: Vec::new(),
            events: Vec::new(),
            types: Vec::new(),
        };
        // Each event's spot and type (so that the events are read once).
        let mut spot_of: Vec<(u32, u8)> = Vec::with_capacity(events.len());
        let mut spots: FxHashMap<SpotKey, usize> = FxHashMap::default();
        let mut areas: FxHashMap<Area, usize> = FxHashMap::default();
        for event in events {
            let Some(place) = event
                .place
                .as_ref()
                .filter(|p| p.lon.is_finite() && p.lat.is_finite())
            else {
                spot_of.push((u32::MAX, 0));
                continue;
            };
            let key = coordinates_key(place.lon, place.lat);
            let address = |s: &str| (s.as_ptr() as usize, s.len());
            let spot_key = (
                (place.lon.to_bits(), place.lat.to_bits()),
                place.precision,
                address(&place.country),
                address(&place.name),
            );
            let spot = *spots.entry(spot_key).or_insert_with(|| {
                let at = *columns.coordinate_index.entry(key).or_insert_with(|| {
                    columns.coordinates.push(key);
                    columns.coordinates.len() - 1
                });
                let area = Area::of(place).map(|area| {
                    *areas.entry(area.clone()).or_insert_with(|| {
                        columns.areas.push(area);
                        columns.areas.len() - 1
                    })
                });
                columns.spots.push(Spot {
                    lon_lat: [place.lon, place.lat],
                    name: place.name.clone(),
                    at,
                    precision: place.precision,
                    area,
                });
                columns.spots.len() - 1
            });
            spot_of.push((spot as u32, event.event_type.index() as u8));
        }
        // The spots in walking order, then the events sorted into them by counting.
        let mut sizes = vec![0usize; columns.spots.len()];
        for &(spot, _) in spot_of.iter().filter(|&&(s, _)| s != u32::MAX) {
            sizes[spot as usize] += 1;
        }
        let mut order: Vec<usize> = (0..columns.spots.len()).collect();
        order.sort_by_key(|&spot| columns.spots[spot].at);
        let mut next = vec![0usize; sizes.len()];
        let mut end = 0;
        for &spot in &order {
            next[spot] = end;
            end += sizes[spot];
            columns.walk.push((spot, end));
        }
        columns.events = vec![0; end];
        columns.types = vec![0; end];
        for (index, &(spot, event_type)) in spot_of.iter().enumerate() {
            if spot != u32::MAX {
                let spot = spot as usize;
                columns.events[next[spot]] = index as u32;
                columns.types[next[spot]] = event_type;
                next[spot] += 1;
            }
        }
        columns
    }
}
