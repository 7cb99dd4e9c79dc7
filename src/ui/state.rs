//! View state shared by all panes (selection, filters) and the commands that change it.
//! Views read [`ViewState`] and push [`UiCommand`]s; `DatelineApp` applies them in one place.
//! Which events pass the filters is cached, so a million events cost nothing per frame; a
//! change of the type or document filters reads compact columns (`columns`), and a search
//! reads the text a slice per frame (`search`), so neither stalls the window.

mod columns;
mod needle;
mod search;
#[cfg(test)]
mod tests;

use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;
use std::hash::{Hash, Hasher};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub use columns::EventColumns;
use needle::Needle;
use search::Searches;

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
/// How long a frame may spend on a search of a large dataset; the rest is read in the next
/// frames while the last result stays on screen, so typing never freezes the window.
const SEARCH_TIME_PER_FRAME: Duration = Duration::from_millis(12);

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
    cache: RefCell<FilterCache>,
    /// How many events have no date, and for which dataset (the status bar shows it).
    undated: Cell<Option<(DatasetStamp, usize)>>,
    /// Where the selected event is in `dataset.events`: (id, dataset, index).
    selected_at: RefCell<Option<(String, DatasetStamp, Option<usize>)>>,
}

/// The last filter result and what it was computed from (large datasets only).
#[derive(Clone, Debug, Default)]
struct FilterCache {
    /// The dataset's columns and the dataset they were read from.
    columns: Option<(DatasetStamp, Arc<EventColumns>)>,
    searches: Searches,
    key: Option<FilterKey>,
    visible: Arc<Vec<usize>>,
    /// Incremented whenever `visible` is recomputed for a large dataset.
    generation: u64,
}

#[derive(Clone, Debug, PartialEq)]
struct FilterKey {
    dataset: DatasetStamp,
    hidden_types: BTreeSet<EventType>,
    hidden_documents: BTreeSet<String>,
    /// The search whose result is shown (while a new one is read, the last one).
    search: String,
}

impl FilterCache {
    fn columns(&mut self, dataset: &Dataset, stamp: DatasetStamp) -> Arc<EventColumns> {
        match &self.columns {
            Some((cached, columns)) if *cached == stamp => Arc::clone(columns),
            _ => {
                let columns = Arc::new(EventColumns::of(&dataset.events));
                self.columns = Some((stamp, Arc::clone(&columns)));
                columns
            }
        }
    }
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

    /// Indices into `dataset.events` of the events that pass the filters (a search is read
    /// to the end first).
    pub fn visible_events(&self, dataset: &Dataset) -> Vec<usize> {
        if dataset.events.len() < CACHE_FROM_EVENTS {
            return self.filter(dataset);
        }
        self.visible_by(dataset, None).to_vec()
    }

    /// What the views show this frame, shared with the cache: recomputed only when the
    /// filters or the dataset changed. The same as [`ViewState::visible_events`] except
    /// while a new search of a large dataset is being read ([`ViewState::search_pending`]):
    /// then the last search's result, with the current type and document filters.
    pub fn visible(&self, dataset: &Dataset) -> Arc<Vec<usize>> {
        self.visible_by(dataset, Some(Instant::now() + SEARCH_TIME_PER_FRAME))
    }

    /// Whether [`ViewState::visible`] showed an older search's result because the current
    /// one is still being read; the app asks for another frame to read on.
    pub fn search_pending(&self) -> bool {
        self.cache.borrow().searches.is_running()
    }

    /// The events' types and documents as compact columns, read once per dataset change
    /// (afresh for a small dataset).
    pub fn columns(&self, dataset: &Dataset) -> Arc<EventColumns> {
        if dataset.events.len() < CACHE_FROM_EVENTS {
            return Arc::new(EventColumns::of(&dataset.events));
        }
        let stamp = DatasetStamp::of(dataset, self.dataset_generation);
        self.cache.borrow_mut().columns(dataset, stamp)
    }

    /// [`ViewState::visible`] with a search read until `deadline` (None: to the end).
    fn visible_by(&self, dataset: &Dataset, deadline: Option<Instant>) -> Arc<Vec<usize>> {
        if dataset.events.len() < CACHE_FROM_EVENTS {
            return Arc::new(self.filter(dataset));
        }
        let stamp = DatasetStamp::of(dataset, self.dataset_generation);
        let mut cache = self.cache.borrow_mut();
        let searched = cache
            .searches
            .update(&dataset.events, stamp, self.search.trim(), deadline);
        let key = FilterKey {
            dataset: stamp,
            hidden_types: self.hidden_types.clone(),
            hidden_documents: self.hidden_documents.clone(),
            search: searched.words,
        };
        if cache.key.as_ref() == Some(&key) {
            return Arc::clone(&cache.visible);
        }
        let columns = cache.columns(dataset, stamp);
        // The last result's memory is used again once no view holds it any more.
        let mut visible = Arc::get_mut(&mut cache.visible)
            .map(std::mem::take)
            .unwrap_or_default();
        columns.filter_into(
            &self.hidden_types,
            &self.hidden_documents,
            searched.events.as_deref(),
            &mut visible,
        );
        let visible = Arc::new(visible);
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

    /// Filters all events, the plain way: the definition the cached filter follows.
    fn filter(&self, dataset: &Dataset) -> Vec<usize> {
        let needle = Needle::new(&self.search);
        (0..dataset.events.len())
            .filter(|&i| self.passes_sets(&dataset.events[i]) && needle.matches(&dataset.events[i]))
            .collect()
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
