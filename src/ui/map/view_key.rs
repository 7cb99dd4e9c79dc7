//! A cheap fingerprint of what a view shows (the dataset and the visible events), so views
//! can keep their per-event work (grouping, binning) between frames and redo it only when
//! the data or the filters change. Shared by the map and the timeline.

use crate::model::Dataset;
use crate::ui::state::{DatasetStamp, ViewState};
use std::hash::{DefaultHasher, Hash, Hasher};

/// How many visible indices are hashed; the count and the dataset stamp catch the rest.
const SAMPLED: usize = 256;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ViewKey {
    dataset: DatasetStamp,
    visible_generation: u64,
    visible: usize,
    sample: u64,
}

impl ViewKey {
    pub(crate) fn of(dataset: &Dataset, visible: &[usize], state: &ViewState) -> ViewKey {
        let mut hasher = DefaultHasher::new();
        let step = (visible.len() / SAMPLED).max(1);
        for index in visible.iter().step_by(step).chain(visible.last()) {
            index.hash(&mut hasher);
        }
        ViewKey {
            dataset: DatasetStamp::of(dataset, state.dataset_generation),
            visible_generation: state.visible_generation(),
            visible: visible.len(),
            sample: hasher.finish(),
        }
    }

    /// The dataset the view shows, for caches that depend on it and not on the filters.
    pub(crate) fn dataset(&self) -> DatasetStamp {
        self.dataset
    }
}

/// Finds the selected event among the visible ones, once per selection and view key: even
/// a scan of the visible indices is too slow to repeat each frame for a large dataset.
#[derive(Debug, Default)]
pub(crate) struct SelectedLookup {
    last: Option<(String, ViewKey, Option<usize>)>,
}

impl SelectedLookup {
    /// The index (into `dataset.events`) of the selected event, if it is visible.
    pub(crate) fn find(
        &mut self,
        state: &ViewState,
        key: ViewKey,
        dataset: &Dataset,
        visible: &[usize],
    ) -> Option<usize> {
        let id = state.selected.as_deref()?;
        if let Some((last_id, last_key, found)) = &self.last
            && last_id == id
            && *last_key == key
        {
            return *found;
        }
        let found = state
            .selected_index(dataset)
            .filter(|index| visible.contains(index));
        self.last = Some((id.to_owned(), key, found));
        found
    }
}
