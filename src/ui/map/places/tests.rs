//! The counted place index must be exactly what grouping each visible event by its place
//! gives.

use super::*;
use crate::model::Dataset;
use crate::synth::{self, SynthOptions};
use crate::ui::state::ViewState;
use std::collections::HashMap;

/// Everything the map reads from a place index, comparable: each place's coordinates,
/// name, precision, area, events and counts per type; the order of grouping; the areas with
/// their counts; and the place of each event.
#[derive(Debug, PartialEq)]
struct Contents {
    places: Vec<Place>,
    order: Vec<usize>,
    areas: Vec<(Area, TypeCounts)>,
    place_of: Vec<Option<usize>>,
}

/// A place's coordinates, name, precision, area, events and counts per type.
type Place = (
    [f64; 2],
    String,
    PlacePrecision,
    Option<Area>,
    Vec<usize>,
    TypeCounts,
);

/// The plain definition (the index as it was built before the place columns): each visible
/// event hashed into its place and area.
fn plain(dataset: &Dataset, visible: &[usize]) -> Contents {
    type Place = (
        [f64; 2],
        String,
        PlacePrecision,
        Option<Area>,
        Vec<usize>,
        TypeCounts,
    );
    let mut by_coordinates: HashMap<(i64, i64), usize> = HashMap::new();
    let mut places: Vec<Place> = Vec::new();
    let mut areas: Vec<(Area, TypeCounts)> = Vec::new();
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
                places.push((
                    [place.lon, place.lat],
                    place.name.to_string(),
                    place.precision,
                    None,
                    Vec::new(),
                    [0; TYPES],
                ));
                places.len() - 1
            });
        let area = Area::of(place);
        let bin = &mut places[slot];
        bin.2 = bin.2.min(place.precision);
        if bin.3.is_none() {
            bin.3.clone_from(&area);
        }
        bin.4.push(index);
        bin.5[event.event_type.index()] += 1;
        if let Some(area) = area {
            let area_slot = *area_slots.entry(area.clone()).or_insert_with(|| {
                areas.push((area, [0; TYPES]));
                areas.len() - 1
            });
            areas[area_slot].1[event.event_type.index()] += 1;
        }
    }
    let mut order: Vec<usize> = (0..places.len()).collect();
    order.sort_by_key(|&p| (places[p].2, std::cmp::Reverse(places[p].4.len())));
    let place_of = dataset
        .events
        .iter()
        .map(|e| {
            let place = e.place.as_ref()?;
            by_coordinates
                .get(&coordinates_key(place.lon, place.lat))
                .copied()
        })
        .collect();
    Contents {
        places,
        order,
        areas,
        place_of,
    }
}

fn contents(index: &PlaceIndex, dataset: &Dataset) -> Contents {
    Contents {
        places: index
            .places
            .iter()
            .enumerate()
            .map(|(p, bin)| {
                let events = index.events(p).to_vec();
                let name = index.name(p).to_owned();
                (
                    bin.lon_lat,
                    name,
                    bin.precision,
                    bin.area.clone(),
                    events,
                    bin.types,
                )
            })
            .collect(),
        order: index.order.clone(),
        areas: index
            .areas
            .iter()
            .map(|a| (a.area.clone(), a.types))
            .collect(),
        place_of: dataset.events.iter().map(|e| index.place_of(e)).collect(),
    }
}

fn check(
    dataset: &Dataset,
    state: &ViewState,
    previous: Option<PlaceIndex>,
    columns: &mut Option<Arc<PlaceColumns>>,
    what: &str,
) -> PlaceIndex {
    let visible = state.visible_events(dataset);
    let key = ViewKey::of(dataset, &visible, state);
    let index = PlaceIndex::update(previous, columns, key, dataset, &visible);
    assert_eq!(
        contents(&index, dataset),
        plain(dataset, &visible),
        "{what}"
    );
    index
}

/// A place like `place` (same coordinates to the kilometre) with its own name strings.
fn near(place: &crate::model::Place, name: &str, precision: PlacePrecision) -> crate::model::Place {
    crate::model::Place {
        name: name.into(),
        lon: place.lon + 0.0001,
        precision,
        country: place.country.as_str().into(),
        ..place.clone()
    }
}

/// A change to the filters or the data, between two frames.
type Step = Box<dyn Fn(&mut ViewState, &mut Dataset)>;

#[test]
fn counted_places_equal_plain_grouping_through_filter_and_data_changes() {
    for events in [400, CACHE_FROM_EVENTS + 3_000] {
        let mut options = SynthOptions::new(events, 13);
        options.documents = 2;
        let mut dataset = synth::dataset(&options);
        // Places that share coordinates but not precision, name or area, and one that is
        // not a number.
        let placed: Vec<usize> = (0..dataset.events.len())
            .filter(|&i| dataset.events[i].place.is_some())
            .take(6)
            .collect();
        if let Some(p) = dataset.events[placed[0]].place.clone() {
            dataset.events[placed[1]].place = Some(near(&p, "Elsewhere", PlacePrecision::Region));
            dataset.events[placed[2]].place = Some(near(&p, "Elsewhere", PlacePrecision::Country));
            dataset.events[placed[3]].place = Some(near(&p, "Nearby", PlacePrecision::Site));
            dataset.events[placed[4]].place = Some(crate::model::Place {
                lat: f64::NAN,
                ..p.clone()
            });
        }
        let mut state = ViewState::default();
        let mut columns = None;
        let mut index = check(&dataset, &state, None, &mut columns, "all");
        let steps: Vec<(&str, Step)> = vec![
            (
                "hide protests",
                Box::new(|s, _| {
                    s.hidden_types.insert(EventType::Protest);
                }),
            ),
            (
                "hide riots",
                Box::new(|s, _| {
                    s.hidden_types.insert(EventType::Riot);
                }),
            ),
            (
                "show protests",
                Box::new(|s, _| {
                    s.hidden_types.remove(&EventType::Protest);
                }),
            ),
            ("search", Box::new(|s, _| s.search = "sh".into())),
            ("narrow", Box::new(|s, _| s.search = "shanghai".into())),
            (
                "hide a document",
                Box::new(|s, _| {
                    s.hidden_documents.insert("s1".into());
                }),
            ),
            ("widen", Box::new(|s, _| s.search.clear())),
            (
                "show all",
                Box::new(|s, _| {
                    s.hidden_types.clear();
                    s.hidden_documents.clear();
                }),
            ),
            (
                "move events",
                Box::new(|s, d| {
                    let last = d.events.len() - 1;
                    d.events[last].place = None;
                    d.events[0].place = d.events[last - 1].place.clone();
                    d.events[2].event_type = EventType::Election;
                    s.dataset_changed();
                }),
            ),
            (
                "remove events",
                Box::new(|_, d| d.events.truncate(d.events.len() / 2)),
            ),
        ];
        for (what, step) in &steps {
            step(&mut state, &mut dataset);
            index = check(
                &dataset,
                &state,
                Some(index),
                &mut columns,
                &format!("{events} events: {what}"),
            );
        }
    }
}
