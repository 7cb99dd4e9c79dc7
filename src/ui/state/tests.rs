//! The cached filter must always agree with the plain definition (`ViewState::is_visible`
//! on every event), however the filters and the dataset change.

use super::*;
use crate::synth::{self, SynthOptions};

/// Large enough to be cached and to need two slices of search.
fn big() -> Dataset {
    let mut options = SynthOptions::new(CACHE_FROM_EVENTS + 5_000, 9);
    options.documents = 3;
    synth::dataset(&options)
}

/// Large enough that a search takes four slices.
fn bigger() -> Dataset {
    synth::dataset(&SynthOptions::new(4 * search::SLICE, 10))
}

/// The plain, uncached definition the cache must agree with.
fn reference(state: &ViewState, dataset: &Dataset) -> Vec<usize> {
    (0..dataset.events.len())
        .filter(|&i| state.is_visible(&dataset.events[i]))
        .collect()
}

/// What the views show once any search has been read to the end, frame by frame.
fn settled(state: &ViewState, dataset: &Dataset) -> Vec<usize> {
    let mut frames = 0;
    loop {
        // A deadline already passed: one slice of search per frame.
        let visible = state.visible_by(dataset, Some(Instant::now()));
        if !state.search_pending() {
            return visible.to_vec();
        }
        frames += 1;
        assert!(frames < 100, "the search never finishes");
    }
}

#[test]
fn the_cached_filter_follows_every_filter_change() {
    let dataset = big();
    let mut state = ViewState::default();
    assert_eq!(state.visible_events(&dataset).len(), dataset.events.len());
    let first = state.visible_generation();
    state.visible(&dataset);
    assert_eq!(
        state.visible_generation(),
        first,
        "unchanged: served from the cache"
    );

    state.hidden_types.insert(EventType::Protest);
    assert_eq!(state.visible_events(&dataset), reference(&state, &dataset));
    state.search = "shang".into();
    assert_eq!(state.visible_events(&dataset), reference(&state, &dataset));
    state.search = "SHANGHAI".into(); // narrows the last result
    let narrowed = state.visible_events(&dataset);
    assert!(!narrowed.is_empty());
    assert_eq!(narrowed, reference(&state, &dataset));
    state.search = "sha".into(); // widens again
    assert_eq!(state.visible_events(&dataset), reference(&state, &dataset));
    state.hidden_documents.insert("s1".into());
    assert_eq!(state.visible_events(&dataset), reference(&state, &dataset));
    state.hidden_documents.insert("s2".into());
    state.hidden_documents.insert("s3".into());
    assert!(state.visible_events(&dataset).is_empty());
}

/// A change to the filters or the data, between two frames.
type Step = Box<dyn Fn(&mut ViewState)>;

#[test]
fn a_long_sequence_of_filter_changes_matches_the_plain_filter() {
    let dataset = big();
    let mut state = ViewState::default();
    let steps: Vec<Step> = vec![
        Box::new(|s| {
            s.hidden_types.insert(EventType::Protest);
        }),
        Box::new(|s| {
            s.hidden_types.insert(EventType::AirStrike);
        }),
        Box::new(|s| s.search = "s".into()),
        Box::new(|s| s.search = "sh".into()),
        Box::new(|s| {
            s.hidden_types.remove(&EventType::Protest);
        }),
        Box::new(|s| s.search = "sha ".into()),
        Box::new(|s| {
            s.hidden_documents.insert("s2".into());
        }),
        Box::new(|s| s.search = "SHANGHAI".into()),
        Box::new(|s| s.search = "shan".into()), // wider: read from the start
        Box::new(|s| s.hidden_types.clear()),
        Box::new(|s| s.search = "  ".into()),
        Box::new(|s| s.search = "zürich".into()), // not ASCII
        Box::new(|s| s.search = "zÜrich".into()),
        Box::new(|s| s.search = "police".into()),
        Box::new(|s| {
            s.hidden_documents.remove("s2");
        }),
        Box::new(|s| s.search.clear()),
    ];
    for (n, step) in steps.iter().enumerate() {
        step(&mut state);
        assert_eq!(
            settled(&state, &dataset),
            reference(&state, &dataset),
            "after step {n} (search {:?})",
            state.search
        );
        assert_eq!(
            state.visible_events(&dataset),
            reference(&state, &dataset),
            "step {n}, read at once"
        );
    }
}

#[test]
fn a_search_in_progress_shows_the_last_result_then_the_new_one() {
    let dataset = bigger();
    let mut state = ViewState {
        search: "shang".into(),
        ..Default::default()
    };
    let shang = state.visible_events(&dataset);
    assert_eq!(shang, reference(&state, &dataset));

    // A new, wider search: the first frame reads one slice and still shows "shang".
    state.search = "s".into();
    let first = state.visible_by(&dataset, Some(Instant::now()));
    assert!(state.search_pending());
    assert_eq!(first.to_vec(), shang);
    // A type hidden meanwhile applies at once, to the result shown.
    state.hidden_types.insert(EventType::Riot);
    let meanwhile = state.visible_by(&dataset, Some(Instant::now()));
    let shang_without_riots: Vec<usize> = shang
        .iter()
        .copied()
        .filter(|&i| dataset.events[i].event_type != EventType::Riot)
        .collect();
    assert_eq!(meanwhile.to_vec(), shang_without_riots);
    // Typing on before it finished narrows what is left of the running search.
    state.search = "sh".into();
    assert_eq!(settled(&state, &dataset), reference(&state, &dataset));

    // Clearing the search shows everything at once, without reading.
    state.search.clear();
    let all = state.visible_by(&dataset, Some(Instant::now()));
    assert!(!state.search_pending());
    assert_eq!(all.to_vec(), reference(&state, &dataset));
    // A first search after none shows all events until it is read.
    state.search = "k".into();
    let before = state.visible_by(&dataset, Some(Instant::now()));
    assert!(state.search_pending());
    assert_eq!(before, all);
    assert_eq!(settled(&state, &dataset), reference(&state, &dataset));
}

#[test]
fn changed_events_are_noticed() {
    let mut dataset = big();
    let state = ViewState {
        search: "zürich".into(),
        ..Default::default()
    };
    let before = state.visible_events(&dataset);
    // A new event, then one edited in place and reported.
    let mut extra = dataset.events[0].clone();
    extra.id = "x-e1".into();
    extra.summary = "Protest in Zürich".into();
    dataset.events.push(extra);
    assert_eq!(state.visible_events(&dataset).len(), before.len() + 1);
    dataset.events[1].summary = "Another protest in ZÜRICH".into();
    let mut state = state;
    state.dataset_changed();
    assert_eq!(state.visible_events(&dataset), reference(&state, &dataset));
    assert!(state.visible_events(&dataset).contains(&1));
    // An event moved to another document and type, while a type is hidden.
    state.search.clear();
    state.hidden_types.insert(EventType::Election);
    dataset.events[2].event_type = EventType::Election;
    dataset.events[3].document = "s3".into();
    state.hidden_documents.insert("s3".into());
    state.dataset_changed();
    assert_eq!(settled(&state, &dataset), reference(&state, &dataset));
    assert!(!state.visible_events(&dataset).contains(&2));
    assert!(!state.visible_events(&dataset).contains(&3));
}

#[test]
fn a_search_running_when_the_dataset_changes_is_read_again() {
    let mut dataset = big();
    let mut state = ViewState {
        search: "shang".into(),
        ..Default::default()
    };
    state.visible_events(&dataset);
    state.search = "police".into();
    state.visible_by(&dataset, Some(Instant::now()));
    assert!(state.search_pending());
    dataset.events[0].summary = "Police in Shanghai".into();
    state.dataset_changed();
    // "shang" of the old dataset cannot be shown meanwhile: the new search finishes now.
    let visible = state.visible_by(&dataset, Some(Instant::now()));
    assert!(!state.search_pending());
    assert_eq!(visible.to_vec(), reference(&state, &dataset));
}

#[test]
fn the_columns_follow_the_events() {
    let dataset = big();
    let state = ViewState::default();
    let columns = state.columns(&dataset);
    for (i, e) in dataset.events.iter().enumerate() {
        assert_eq!(usize::from(columns.types[i]), e.event_type.index());
        let document = &columns.document_ids[columns.documents[i] as usize];
        assert_eq!(document.as_str(), e.document.as_str());
    }
    assert_eq!(columns.document_index("s2"), Some(1));
    assert_eq!(columns.document_index("nope"), None);
}

#[test]
fn search_ignores_case_in_summaries_places_and_actors() {
    let dataset = synth::dataset(&SynthOptions::new(200, 4));
    let event = &dataset.events[0];
    let actor = event.actors[0].to_uppercase();
    let state = ViewState {
        search: format!("  {actor} "),
        ..Default::default()
    };
    assert!(state.is_visible(event));
    let state = ViewState {
        search: "no such words anywhere".into(),
        ..Default::default()
    };
    assert!(!state.is_visible(event));
}
