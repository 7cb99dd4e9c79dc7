//! The list's rows must always be the visible events sorted by the chosen column, however
//! filters, sorting and the dataset change.

use super::*;
use crate::synth::{self, SynthOptions};

/// The list's rows for the current filters, as a frame takes them.
fn rows(list: &mut EventListView, dataset: &Dataset, state: &ViewState) -> Vec<usize> {
    let visible = state.visible_events(dataset);
    let rows = list.sorted_rows(dataset, &visible, state);
    let copy = rows.to_vec();
    list.sorted = rows.into_cache();
    copy
}

/// The plain definition: the visible events, sorted.
fn expected(list: &EventListView, dataset: &Dataset, state: &ViewState) -> Vec<usize> {
    let mut rows: Vec<usize> = (0..dataset.events.len())
        .filter(|&i| state.is_visible(&dataset.events[i]))
        .collect();
    sort_rows(&mut rows, dataset, list.sort, list.ascending);
    rows
}

#[test]
fn a_large_list_is_sorted_once_until_something_changes() {
    let dataset = synth::dataset(&SynthOptions::new(CACHE_FROM_EVENTS + 10, 7));
    let mut state = ViewState::default();
    let mut list = EventListView::default();
    let visible = state.visible(&dataset);
    let first = list.sorted_rows(&dataset, &visible, &state);
    let first_rows = first.to_vec();
    list.sorted = first.into_cache();
    let again = list.sorted_rows(&dataset, &visible, &state);
    assert!(matches!(&again, Rows::Cached(..)));
    assert_eq!(&*again, first_rows.as_slice());
    list.sorted = again.into_cache();
    state.hidden_types.insert(EventType::Protest);
    let visible = state.visible(&dataset);
    let filtered = list.sorted_rows(&dataset, &visible, &state);
    assert_eq!(filtered.len(), visible.len());
    assert!(
        filtered
            .iter()
            .all(|&i| dataset.events[i].event_type != EventType::Protest)
    );
}

/// A change to the filters or the data, between two frames.
type ListStep = Box<dyn Fn(&mut ViewState, &mut EventListView, &mut Dataset)>;

#[test]
fn the_rows_follow_filter_sort_and_dataset_changes() {
    let mut options = SynthOptions::new(CACHE_FROM_EVENTS + 2_000, 11);
    options.documents = 2;
    let mut dataset = synth::dataset(&options);
    let mut state = ViewState::default();
    let mut list = EventListView::default();
    let steps: Vec<ListStep> = vec![
        Box::new(|_, _, _| {}),
        Box::new(|s, _, _| {
            s.hidden_types.insert(EventType::Protest);
        }),
        Box::new(|_, l, _| l.set_sort(SortColumn::Date, false)),
        Box::new(|s, _, _| {
            s.hidden_types.insert(EventType::Riot);
        }),
        Box::new(|s, _, _| {
            s.hidden_types.remove(&EventType::Protest);
        }),
        Box::new(|_, l, _| l.set_sort(SortColumn::Place, true)),
        Box::new(|s, _, _| s.search = "sh".into()),
        Box::new(|s, _, _| s.search = "shanghai".into()), // few rows: sorted as they are
        Box::new(|_, l, _| l.set_sort(SortColumn::Summary, false)),
        Box::new(|s, _, _| s.search.clear()),
        Box::new(|s, _, _| {
            s.hidden_documents.insert("s1".into());
        }),
        Box::new(|_, l, _| l.set_sort(SortColumn::Type, true)),
        Box::new(|s, _, d| {
            let last = d.events.len() - 1;
            d.events[last].event_type = EventType::Protest;
            d.events[last - 1].summary = "Aardvarks".into();
            s.dataset_changed();
        }),
        Box::new(|_, l, _| l.set_sort(SortColumn::Summary, true)),
        Box::new(|s, _, d| {
            d.events.truncate(d.events.len() - 100);
            s.hidden_documents.clear();
        }),
        Box::new(|_, l, _| l.set_sort(SortColumn::Date, true)),
    ];
    for (n, step) in steps.iter().enumerate() {
        step(&mut state, &mut list, &mut dataset);
        assert_eq!(
            rows(&mut list, &dataset, &state),
            expected(&list, &dataset, &state),
            "after step {n}"
        );
    }
}
