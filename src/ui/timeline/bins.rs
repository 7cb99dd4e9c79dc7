//! The visible events binned for the timeline: dots by lane and day, bars by lane and span
//! (with rows for overlapping spans), and the undated ones. Rebuilt when the data or the
//! filters change, not every frame, so a frame's work grows with what is on screen; the
//! rebuild walks the dataset's events listed in bin order (`date_columns`), so that hiding
//! a type of a million events neither hashes nor sorts a million dates.

use super::date_columns::{BinKey, DateColumns, Extent};
use super::marks::{is_bar, x_extent};
use crate::model::{Dataset, Event, EventType};
use crate::ui::map::view_key::ViewKey;
use crate::ui::mask::VisibleMask;
use crate::ui::state::CACHE_FROM_EVENTS;
use std::ops::Range;

/// The events known to a day, in one lane.
pub(super) struct DayBin {
    pub lane: usize,
    pub day: i64,
    /// Where its events are in [`Bins::members`].
    pub members: Range<usize>,
}

/// The events with the same week, month or year (or other range), in one lane.
pub(super) struct SpanBin {
    pub lane: usize,
    pub start: f64,
    pub end: f64,
    /// Spans in a lane that overlap in time go on separate rows.
    pub row: usize,
    pub members: Range<usize>,
}

/// A bin, for telling whether a mark stands for the selected event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum BinRef {
    Day(usize),
    Span(usize),
}

pub(super) struct Bins {
    key: ViewKey,
    /// One lane per event type with dated events, in [`EventType::ALL`] order.
    pub lanes: Vec<EventType>,
    /// Sorted by day, then lane.
    pub days: Vec<DayBin>,
    /// Sorted by start.
    pub spans: Vec<SpanBin>,
    /// How many rows of spans each lane has.
    pub rows: Vec<usize>,
    /// Event indices (into `dataset.events`), bin by bin.
    pub members: Vec<usize>,
    /// Visible events without a date (indices into `dataset.events`).
    pub undated: Vec<usize>,
    /// The x range of all dated events.
    pub extent: Option<(f64, f64)>,
}

impl Bins {
    /// The bins for `visible`, reusing `previous` when nothing changed; `columns` are the
    /// dataset's dates, kept between filter changes for a large dataset.
    pub fn update(
        previous: Option<Bins>,
        columns: &mut Option<DateColumns>,
        key: ViewKey,
        dataset: &Dataset,
        visible: &[usize],
    ) -> Bins {
        let reuse = match previous {
            Some(bins) if bins.key == key => return bins,
            // The old bins' events make room for the new ones (no fresh megabytes).
            Some(bins) => bins.members,
            None => Vec::new(),
        };
        // A small dataset may be edited without a new stamp: it is read afresh each time.
        let kept = columns
            .take()
            .filter(|_| dataset.events.len() >= CACHE_FROM_EVENTS);
        let dates = DateColumns::update(kept, &dataset.events, key.dataset());
        let bins = Bins::build(key, &dates, visible, reuse);
        *columns = Some(dates);
        bins
    }

    /// Bins `visible` (ascending indices) by walking the dataset's dated events in bin
    /// order and keeping the visible ones: each bin's events come out together, ascending,
    /// and the bins in the order they are drawn.
    fn build(key: ViewKey, dates: &DateColumns, visible: &[usize], reuse: Vec<usize>) -> Bins {
        debug_assert!(visible.is_sorted(), "visible events in dataset order");
        let shown = VisibleMask::of(visible, dates.events_in_dataset());
        let mut members = reuse;
        members.clear();
        members.reserve(visible.len());
        // Bins as (key, type, members) before lanes are known; a bin of more than one run
        // (extents that differ but bin alike) is sorted back into dataset order.
        let mut found: Vec<(BinKey, usize, Range<usize>)> = Vec::new();
        let mut present = [false; EventType::ALL.len()];
        let mut extent: Option<(f64, f64)> = None;
        let mut from = 0;
        for run in &dates.runs {
            let start = members.len();
            members.extend(
                dates.events[from..run.end]
                    .iter()
                    .map(|&e| e as usize)
                    .filter(|&e| shown.contains(e)),
            );
            from = run.end;
            if members.len() == start {
                continue;
            }
            present[run.event_type] = true;
            let Extent {
                start: lo, end: hi, ..
            } = run.extent;
            extent = Some(extent.map_or((lo, hi), |(a, b)| (a.min(lo), b.max(hi))));
            let bin_key = run.extent.bin_key();
            match found.last_mut() {
                Some((k, t, range)) if *k == bin_key && *t == run.event_type => {
                    range.end = members.len();
                    members[range.clone()].sort_unstable();
                }
                _ => found.push((bin_key, run.event_type, start..members.len())),
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

        let mut days = Vec::new();
        let mut spans = Vec::new();
        let mut row_ends: Vec<Vec<i64>> = vec![Vec::new(); lanes.len()];
        for ((bar, start, end), t, members) in found {
            let lane = lane_of[t];
            if !bar {
                days.push(DayBin {
                    lane,
                    day: start,
                    members,
                });
                continue;
            }
            let ends = &mut row_ends[lane];
            let row = match ends.iter().position(|&row_end| row_end <= start) {
                Some(row) => row,
                None => {
                    ends.push(end);
                    ends.len() - 1
                }
            };
            ends[row] = end;
            spans.push(SpanBin {
                lane,
                start: start as f64,
                end: end as f64,
                row,
                members,
            });
        }
        let rows = row_ends.iter().map(|ends| ends.len().max(1)).collect();
        let undated = dates
            .undated
            .iter()
            .map(|&e| e as usize)
            .filter(|&e| shown.contains(e))
            .collect();

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

    /// What the bins were made from.
    pub fn key(&self) -> ViewKey {
        self.key
    }

    /// The events of a bin.
    pub fn events(&self, bin: BinRef) -> &[usize] {
        let range = match bin {
            BinRef::Day(i) => self.days.get(i).map(|b| b.members.clone()),
            BinRef::Span(i) => self.spans.get(i).map(|b| b.members.clone()),
        };
        range.and_then(|r| self.members.get(r)).unwrap_or(&[])
    }

    /// The day bins whose day may show in `[lo, hi]` (day numbers).
    pub fn days_between(&self, lo: f64, hi: f64) -> Range<usize> {
        let first = self
            .days
            .partition_point(|b| (b.day as f64) < lo.floor() - 1.0);
        let last = self
            .days
            .partition_point(|b| (b.day as f64) <= hi.ceil() + 1.0);
        first..last.max(first)
    }

    /// The bin holding `event` (given by its index), if it is a visible dated event.
    pub fn bin_of(&self, event: &Event, index: usize) -> Option<BinRef> {
        let date = event.date.as_ref()?;
        let lane = self.lanes.iter().position(|&t| t == event.event_type)?;
        let (start, end) = x_extent(date);
        if is_bar(date) {
            let i = self
                .spans
                .iter()
                .position(|b| b.lane == lane && b.start == start.trunc() && b.end == end.trunc())?;
            return Some(BinRef::Span(i));
        }
        let day = start.floor() as i64;
        let i = self.days.partition_point(|b| (b.day, b.lane) < (day, lane));
        let bin = self
            .days
            .get(i)
            .filter(|b| b.day == day && b.lane == lane)?;
        self.members[bin.members.clone()]
            .contains(&index)
            .then_some(BinRef::Day(i))
    }
}

#[cfg(test)]
mod tests;
