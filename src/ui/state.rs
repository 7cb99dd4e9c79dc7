//! View state shared by all panes (selection, filters) and the commands that change it.
//! Views read [`ViewState`] and push [`UiCommand`]s; `DatelineApp` applies them in one place.
//! Which events pass the filters is cached, so a million events cost nothing per frame.

use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;
use std::hash::{Hash, Hasher};
use std::sync::Arc;

use aho_corasick::AhoCorasick;
use rayon::prelude::*;

use crate::model::{Dataset, Event, EventType};

/// Something a view asks the app to do. Views never mutate shared state themselves.
#[derive(Clone, Debug, PartialEq)]
pub enum UiCommand {
    /// Select an event by id (None clears the selection).
    Select(Option<String>),
    /// Show or hide one event type.
    SetTypeVisible(EventType, bool),
    /// Show or hide one document's events.
    SetDocumentVisible(String, bool),
    /// Set the free-text search.
    SetSearch(String),
    /// Apply a correction (through the undo history).
    Edit(crate::edit::Edit),
    /// Add an event whose evidence is these bytes of a document's text.
    AddEvent {
        document: String,
        span: std::ops::Range<usize>,
    },
    /// Show the event editor for the selected event.
    OpenEditor,
}

/// Which pane asked for the current selection; the others scroll/pan to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    List,
    Timeline,
    Map,
    Article,
}

/// Datasets up to this many events are filtered afresh every frame (well under a
/// millisecond); larger ones are filtered once per change.
pub const CACHE_FROM_EVENTS: usize = 20_000;
/// From this many events the filter runs on all cores.
const PARALLEL_FROM_EVENTS: usize = 50_000;

/// Filters and selection: what every view reads.
#[derive(Clone, Debug, Default)]
pub struct ViewState {
    pub selected: Option<String>,
    /// Incremented whenever the selection changes, so views can react once ("bring into view").
    pub selection_generation: u64,
    pub hidden_types: BTreeSet<EventType>,
    pub hidden_documents: BTreeSet<String>,
    pub search: String,
    /// Incremented (by [`ViewState::dataset_changed`]) whenever events are changed in place,
    /// e.g. re-extracted or edited, so cached filter results and sort orders are renewed.
    /// Adding or removing events is noticed without it.
    pub dataset_generation: u64,
    cache: RefCell<VisibleCache>,
    /// How many events have no date, and for which dataset (the status bar shows it).
    undated: Cell<Option<(DatasetStamp, usize)>>,
    /// Where the selected event is in `dataset.events`: (id, dataset, index).
    selected_at: RefCell<Option<(String, DatasetStamp, Option<usize>)>>,
}

/// The last filter result and what it was computed from.
#[derive(Clone, Debug, Default)]
struct VisibleCache {
    key: Option<FilterKey>,
    visible: Arc<[usize]>,
    /// Incremented whenever `visible` is recomputed for a large dataset.
    generation: u64,
}

#[derive(Clone, Debug, PartialEq)]
struct FilterKey {
    dataset: DatasetStamp,
    hidden_types: BTreeSet<EventType>,
    hidden_documents: BTreeSet<String>,
    search: String,
}

/// A cheap fingerprint of a dataset: changes when events are added or removed (length,
/// allocation, a sample of events) or when the app reports an in-place change.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct DatasetStamp {
    events: usize,
    events_at: usize,
    documents: usize,
    generation: u64,
    sample: u64,
}

impl DatasetStamp {
    pub fn of(dataset: &Dataset, generation: u64) -> DatasetStamp {
        let events = &dataset.events;
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        let step = (events.len() / 64).max(1);
        for e in events.iter().step_by(step).chain(events.last()) {
            e.id.hash(&mut hasher);
            e.document.hash(&mut hasher);
            e.event_type.hash(&mut hasher);
            e.date.as_ref().map(|d| (d.start, d.end)).hash(&mut hasher);
            e.summary.len().hash(&mut hasher);
        }
        DatasetStamp {
            events: events.len(),
            events_at: events.as_ptr() as usize,
            documents: dataset.documents.len(),
            generation,
            sample: hasher.finish(),
        }
    }
}

/// A search needle prepared once per filtering, not once per event.
enum Needle {
    Any,
    /// ASCII needles: a case-insensitive searcher, no allocation per event.
    Ascii(AhoCorasick),
    /// Other needles: lower-cased haystacks are compared with the lower-cased needle.
    Unicode(String),
}

impl Needle {
    fn new(search: &str) -> Needle {
        let needle = search.trim();
        if needle.is_empty() {
            return Needle::Any;
        }
        if needle.is_ascii()
            && let Ok(searcher) = AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build([needle])
        {
            return Needle::Ascii(searcher);
        }
        Needle::Unicode(needle.to_lowercase())
    }

    fn matches(&self, event: &Event) -> bool {
        let haystacks = [
            event.summary.as_str(),
            event.evidence.text.as_str(),
            event.event_type.label(),
            event.place.as_ref().map_or("", |p| p.name.as_str()),
        ];
        let found = |h: &str| match self {
            Needle::Any => true,
            Needle::Ascii(searcher) => searcher.is_match(h),
            Needle::Unicode(needle) => h.to_lowercase().contains(needle.as_str()),
        };
        haystacks.iter().any(|h| found(h)) || event.actors.iter().any(|a| found(a))
    }
}

impl ViewState {
    /// Whether an event passes the type, document and search filters.
    pub fn is_visible(&self, event: &Event) -> bool {
        self.passes_sets(event) && Needle::new(&self.search).matches(event)
    }

    fn passes_sets(&self, event: &Event) -> bool {
        passes_sets(&self.hidden_types, &self.hidden_documents, event)
    }

    /// Tells the views that events changed in place (re-extracted, edited), so cached
    /// filter results and orders are computed afresh.
    pub fn dataset_changed(&mut self) {
        self.dataset_generation += 1;
    }

    /// Indices into `dataset.events` of the events that pass the filters.
    pub fn visible_events(&self, dataset: &Dataset) -> Vec<usize> {
        if dataset.events.len() < CACHE_FROM_EVENTS {
            return self.filter(dataset, None);
        }
        self.visible(dataset).to_vec()
    }

    /// The same as [`ViewState::visible_events`] without copying: shared with the cache,
    /// recomputed only when the filters or the dataset changed.
    pub fn visible(&self, dataset: &Dataset) -> Arc<[usize]> {
        if dataset.events.len() < CACHE_FROM_EVENTS {
            return self.filter(dataset, None).into();
        }
        let key = FilterKey {
            dataset: DatasetStamp::of(dataset, self.dataset_generation),
            hidden_types: self.hidden_types.clone(),
            hidden_documents: self.hidden_documents.clone(),
            search: self.search.trim().to_owned(),
        };
        let mut cache = self.cache.borrow_mut();
        if cache.key.as_ref() == Some(&key) {
            return Arc::clone(&cache.visible);
        }
        // Typing more of a search word narrows the last result: only it needs searching.
        let narrowing = cache.key.as_ref().is_some_and(|old| {
            old.dataset == key.dataset
                && old.hidden_types == key.hidden_types
                && old.hidden_documents == key.hidden_documents
                && !old.search.is_empty()
                && old.search.is_ascii() == key.search.is_ascii()
                && key
                    .search
                    .to_lowercase()
                    .contains(&old.search.to_lowercase())
        });
        let previous = narrowing.then(|| Arc::clone(&cache.visible));
        let visible: Arc<[usize]> = self.filter(dataset, previous.as_deref()).into();
        cache.key = Some(key);
        cache.visible = Arc::clone(&visible);
        cache.generation += 1;
        visible
    }

    /// The index in `dataset.events` of the selected event. Found once per selection and
    /// dataset, so that the views, the list and the app do not each compare the id with a
    /// million others.
    pub fn selected_index(&self, dataset: &Dataset) -> Option<usize> {
        let id = self.selected.as_deref()?;
        let find = || dataset.events.iter().position(|e| e.id == id);
        if dataset.events.len() < CACHE_FROM_EVENTS {
            return find();
        }
        let stamp = DatasetStamp::of(dataset, self.dataset_generation);
        let mut cached = self.selected_at.borrow_mut();
        if let Some((last_id, last_stamp, index)) = cached.as_ref()
            && last_id == id
            && *last_stamp == stamp
        {
            return *index;
        }
        let index = find();
        *cached = Some((id.to_owned(), stamp, index));
        index
    }

    /// How many events (visible or not) have no date; counted once per dataset change.
    pub fn undated_count(&self, dataset: &Dataset) -> usize {
        let count = || dataset.events.iter().filter(|e| e.date.is_none()).count();
        if dataset.events.len() < CACHE_FROM_EVENTS {
            return count();
        }
        let stamp = DatasetStamp::of(dataset, self.dataset_generation);
        match self.undated.get() {
            Some((cached, n)) if cached == stamp => n,
            _ => {
                let n = count();
                self.undated.set(Some((stamp, n)));
                n
            }
        }
    }

    /// Changes whenever [`ViewState::visible`] computed a new result for a large dataset;
    /// views key their own caches (sort orders, counts) on it together with the stamp.
    pub fn visible_generation(&self) -> u64 {
        self.cache.borrow().generation
    }

    /// Filters all events, or only `among` when given (indices already known to pass the
    /// type and document filters and a shorter search).
    fn filter(&self, dataset: &Dataset, among: Option<&[usize]>) -> Vec<usize> {
        let needle = Needle::new(&self.search);
        let events = &dataset.events;
        // Borrowed apart from `self`, whose cache cell cannot cross threads.
        let (types, documents) = (&self.hidden_types, &self.hidden_documents);
        let pass = |i: usize| {
            events
                .get(i)
                .is_some_and(|e| passes_sets(types, documents, e) && needle.matches(e))
        };
        match among {
            Some(indices) if indices.len() >= PARALLEL_FROM_EVENTS => {
                indices.par_iter().copied().filter(|&i| pass(i)).collect()
            }
            Some(indices) => indices.iter().copied().filter(|&i| pass(i)).collect(),
            None if events.len() >= PARALLEL_FROM_EVENTS => (0..events.len())
                .into_par_iter()
                .filter(|&i| pass(i))
                .collect(),
            None => (0..events.len()).filter(|&i| pass(i)).collect(),
        }
    }

    pub fn is_selected(&self, event: &Event) -> bool {
        self.selected.as_deref() == Some(event.id.as_str())
    }
}

fn passes_sets(
    hidden_types: &BTreeSet<EventType>,
    hidden_documents: &BTreeSet<String>,
    event: &Event,
) -> bool {
    !hidden_types.contains(&event.event_type)
        && (hidden_documents.is_empty() || !hidden_documents.contains(event.document.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::{self, SynthOptions};

    fn big() -> Dataset {
        synth::dataset(&SynthOptions::new(CACHE_FROM_EVENTS + 5_000, 9))
    }

    /// The plain, uncached definition the cache must agree with.
    fn reference(state: &ViewState, dataset: &Dataset) -> Vec<usize> {
        (0..dataset.events.len())
            .filter(|&i| state.is_visible(&dataset.events[i]))
            .collect()
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
        assert!(state.visible_events(&dataset).is_empty());
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
}
