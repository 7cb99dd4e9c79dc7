//! View state shared by all panes (selection, filters) and the commands that change it.
//! Views read [`ViewState`] and push [`UiCommand`]s; `DatelineApp` applies them in one place.

use crate::model::{Dataset, Event, EventType};
use std::collections::BTreeSet;

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
}

/// Which pane asked for the current selection; the others scroll/pan to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    List,
    Timeline,
    Map,
    Article,
}

/// Filters and selection: what every view reads.
#[derive(Clone, Debug, Default)]
pub struct ViewState {
    pub selected: Option<String>,
    /// Incremented whenever the selection changes, so views can react once ("bring into view").
    pub selection_generation: u64,
    pub hidden_types: BTreeSet<EventType>,
    pub hidden_documents: BTreeSet<String>,
    pub search: String,
}

impl ViewState {
    /// Whether an event passes the type, document and search filters.
    pub fn is_visible(&self, event: &Event) -> bool {
        if self.hidden_types.contains(&event.event_type)
            || self.hidden_documents.contains(&event.document)
        {
            return false;
        }
        let needle = self.search.trim();
        if needle.is_empty() {
            return true;
        }
        let needle = needle.to_lowercase();
        let haystacks = [
            event.summary.as_str(),
            event.evidence.text.as_str(),
            event.event_type.label(),
            event.place.as_ref().map_or("", |p| p.name.as_str()),
        ];
        haystacks.iter().any(|h| h.to_lowercase().contains(&needle))
            || event
                .actors
                .iter()
                .any(|a| a.to_lowercase().contains(&needle))
    }

    /// Indices into `dataset.events` of the events that pass the filters.
    pub fn visible_events(&self, dataset: &Dataset) -> Vec<usize> {
        dataset
            .events
            .iter()
            .enumerate()
            .filter(|(_, e)| self.is_visible(e))
            .map(|(i, _)| i)
            .collect()
    }

    pub fn is_selected(&self, event: &Event) -> bool {
        self.selected.as_deref() == Some(event.id.as_str())
    }
}
