//! Each event's date as the timeline bins it, read once per dataset: the dated events listed
//! in the order their bins are drawn (days by day and type, then spans by start, end and
//! type), ascending within a bin. After a filter change the bins are one walk along that
//! list keeping the visible events, with no hashing or sorting of a million events.

use rustc_hash::FxHashMap;

use super::marks::{is_bar, x_extent};
use crate::model::{Event, EventType};
use crate::ui::state::DatasetStamp;

/// Where on the time axis an event goes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Extent {
    /// A bar (a span, or a date less precise than a day) rather than a day's dot.
    pub bar: bool,
    pub start: f64,
    pub end: f64,
}

/// What the bins are keyed on: whether a bar, and a dot's day or a bar's start and end
/// (whole days); dots come before bars.
pub(super) type BinKey = (bool, i64, i64);

impl Extent {
    pub fn bin_key(&self) -> BinKey {
        if self.bar {
            (true, self.start as i64, self.end as i64)
        } else {
            (false, self.start.floor() as i64, 0)
        }
    }
}

/// Events with the same extent and type: the smallest part of a bin.
pub(super) struct Run {
    pub extent: Extent,
    /// Index in [`EventType::ALL`].
    pub event_type: usize,
    /// Where its events end in [`DateColumns::events`] (each run starts where the last ended).
    pub end: usize,
}

pub(super) struct DateColumns {
    dataset: DatasetStamp,
    events_in_dataset: usize,
    /// In bin order: by [`Extent::bin_key`], then type.
    pub runs: Vec<Run>,
    /// The dated events, run by run, ascending within a run.
    pub events: Vec<u32>,
    /// The undated events, ascending.
    pub undated: Vec<u32>,
}

impl DateColumns {
    /// The columns of this dataset: `previous` if they are of it, else read afresh.
    pub fn update(
        previous: Option<DateColumns>,
        events: &[Event],
        dataset: DatasetStamp,
    ) -> DateColumns {
        match previous {
            Some(columns)
                if columns.dataset == dataset && columns.events_in_dataset == events.len() =>
            {
                columns
            }
            _ => DateColumns::of(events, dataset),
        }
    }

    /// How many events the dataset has (dated or not).
    pub fn events_in_dataset(&self) -> usize {
        self.events_in_dataset
    }

    pub fn of(events: &[Event], dataset: DatasetStamp) -> DateColumns {
        const TYPES: usize = EventType::ALL.len();
        // Each event's extent and type as one code, the distinct extents numbered.
        let mut extents = Vec::new();
        let mut slots: FxHashMap<(bool, u64, u64), usize> = FxHashMap::default();
        let mut undated = Vec::new();
        let codes: Vec<usize> = events
            .iter()
            .enumerate()
            .map(|(index, event)| {
                let Some(date) = &event.date else {
                    undated.push(index as u32);
                    return usize::MAX;
                };
                let (start, end) = x_extent(date);
                let bar = is_bar(date);
                let slot = *slots
                    .entry((bar, start.to_bits(), end.to_bits()))
                    .or_insert_with(|| {
                        extents.push(Extent { bar, start, end });
                        extents.len() - 1
                    });
                slot * TYPES + event.event_type.index()
            })
            .collect();
        // The codes in bin order, then the events sorted into them by counting.
        let mut sizes = vec![0usize; extents.len() * TYPES];
        for &code in codes.iter().filter(|&&c| c != usize::MAX) {
            sizes[code] += 1;
        }
        let mut order: Vec<usize> = (0..sizes.len()).filter(|&c| sizes[c] > 0).collect();
        order.sort_unstable_by_key(|&code| {
            let extent = &extents[code / TYPES];
            (extent.bin_key(), code % TYPES, code / TYPES)
        });
        let mut next = vec![0usize; sizes.len()];
        let mut runs = Vec::with_capacity(order.len());
        let mut end = 0;
        for &code in &order {
            next[code] = end;
            end += sizes[code];
            runs.push(Run {
                extent: extents[code / TYPES],
                event_type: code % TYPES,
                end,
            });
        }
        let mut sorted = vec![0u32; end];
        for (index, &code) in codes.iter().enumerate() {
            if code != usize::MAX {
                sorted[next[code]] = index as u32;
                next[code] += 1;
            }
        }
        DateColumns {
            dataset,
            events_in_dataset: events.len(),
            runs,
            events: sorted,
            undated,
        }
    }
}
