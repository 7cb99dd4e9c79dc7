//! The counted bins must be exactly what binning each visible event by its date gives.

use super::*;
use crate::model::Dataset;
use crate::synth::{self, SynthOptions};
use crate::ui::state::ViewState;
use std::collections::HashMap;

/// The plain definition (the bins as they were built before the date columns): each
/// visible event hashed into its day or span bin.
fn plain(key: ViewKey, dataset: &Dataset, visible: &[usize]) -> Bins {
    let mut present = [false; EventType::ALL.len()];
    let mut undated = Vec::new();
    for &index in visible {
        let Some(event) = dataset.events.get(index) else {
            continue;
        };
        if event.date.is_some() {
            present[event.event_type.index()] = true;
        } else {
            undated.push(index);
        }
    }
    let lanes: Vec<EventType> = EventType::ALL
        .into_iter()
        .filter(|t| present[t.index()])
        .collect();
    let mut lane_of = [0; EventType::ALL.len()];
    for (lane, t) in lanes.iter().enumerate() {
        lane_of[t.index()] = lane;
    }

    let mut day_lists: HashMap<(i64, usize), Vec<usize>> = HashMap::new();
    let mut span_lists: HashMap<(usize, i64, i64), Vec<usize>> = HashMap::new();
    let mut extent: Option<(f64, f64)> = None;
    for &index in visible {
        let Some((event, date)) = dataset
            .events
            .get(index)
            .and_then(|e| Some((e, e.date.as_ref()?)))
        else {
            continue;
        };
        let lane = lane_of[event.event_type.index()];
        let (start, end) = x_extent(date);
        extent = Some(extent.map_or((start, end), |(lo, hi)| (lo.min(start), hi.max(end))));
        if is_bar(date) {
            span_lists
                .entry((lane, start as i64, end as i64))
                .or_default()
                .push(index);
        } else {
            day_lists
                .entry((start.floor() as i64, lane))
                .or_default()
                .push(index);
        }
    }

    let mut members = Vec::new();
    let mut day_keys: Vec<(i64, usize)> = day_lists.keys().copied().collect();
    day_keys.sort_unstable();
    let days = day_keys
        .into_iter()
        .map(|(day, lane)| {
            let start = members.len();
            members.extend(day_lists.remove(&(day, lane)).unwrap_or_default());
            DayBin {
                lane,
                day,
                members: start..members.len(),
            }
        })
        .collect();

    let mut span_keys: Vec<(usize, i64, i64)> = span_lists.keys().copied().collect();
    span_keys.sort_unstable_by_key(|&(lane, start, end)| (start, end, lane));
    let mut row_ends: Vec<Vec<i64>> = vec![Vec::new(); lanes.len()];
    let spans = span_keys
        .into_iter()
        .map(|(lane, start, end)| {
            let ends = &mut row_ends[lane];
            let row = match ends.iter().position(|&row_end| row_end <= start) {
                Some(row) => row,
                None => {
                    ends.push(end);
                    ends.len() - 1
                }
            };
            ends[row] = end;
            let first = members.len();
            members.extend(span_lists.remove(&(lane, start, end)).unwrap_or_default());
            SpanBin {
                lane,
                start: start as f64,
                end: end as f64,
                row,
                members: first..members.len(),
            }
        })
        .collect();
    let rows = row_ends.iter().map(|ends| ends.len().max(1)).collect();

    Bins {
        key,
        lanes,
        days,
        spans,
        rows,
        members,
        undated,
        extent,
    }
}

/// Everything the timeline reads from bins, comparable.
#[allow(clippy::type_complexity)]
fn contents(
    bins: &Bins,
) -> (
    Vec<EventType>,
    Vec<(usize, i64, Vec<usize>)>,
    Vec<(usize, f64, f64, usize, Vec<usize>)>,
    Vec<usize>,
    Vec<usize>,
    Vec<usize>,
    Option<(f64, f64)>,
) {
    (
        bins.lanes.clone(),
        bins.days
            .iter()
            .enumerate()
            .map(|(i, b)| (b.lane, b.day, bins.events(BinRef::Day(i)).to_vec()))
            .collect(),
        bins.spans
            .iter()
            .enumerate()
            .map(|(i, b)| {
                let events = bins.events(BinRef::Span(i)).to_vec();
                (b.lane, b.start, b.end, b.row, events)
            })
            .collect(),
        bins.rows.clone(),
        bins.members.clone(),
        bins.undated.clone(),
        bins.extent,
    )
}

/// Bins a frame would use after each change, against the plain definition.
fn check(
    dataset: &Dataset,
    state: &ViewState,
    previous: Option<Bins>,
    dates: &mut Option<DateColumns>,
    what: &str,
) -> Bins {
    let visible = state.visible_events(dataset);
    let key = ViewKey::of(dataset, &visible, state);
    let bins = Bins::update(previous, dates, key, dataset, &visible);
    assert_eq!(
        contents(&bins),
        contents(&plain(key, dataset, &visible)),
        "{what}"
    );
    bins
}

/// A change to the filters or the data, between two frames.
type Step = Box<dyn Fn(&mut ViewState, &mut Dataset)>;

#[test]
fn counted_bins_equal_plain_binning_through_filter_and_data_changes() {
    for events in [300, CACHE_FROM_EVENTS + 3_000] {
        let mut options = SynthOptions::new(events, 12);
        options.documents = 2;
        let mut dataset = synth::dataset(&options);
        let mut state = ViewState::default();
        let mut dates = None;
        let mut bins = check(&dataset, &state, None, &mut dates, "all");
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
                "hide all but one type",
                Box::new(|s, _| {
                    s.hidden_types = EventType::ALL.into_iter().skip(1).collect();
                }),
            ),
            (
                "show all",
                Box::new(|s, _| {
                    s.hidden_types.clear();
                    s.hidden_documents.clear();
                }),
            ),
            (
                "edit dates",
                Box::new(|s, d| {
                    let last = d.events.len() - 1;
                    d.events[last].date = None;
                    d.events[0].date = d.events[last - 1].date.clone();
                    d.events[1].event_type = EventType::Election;
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
            bins = check(
                &dataset,
                &state,
                Some(bins),
                &mut dates,
                &format!("{events} events: {what}"),
            );
        }
        state.search = "no such words anywhere".into();
        check(&dataset, &state, Some(bins), &mut dates, "nothing visible");
    }
}
