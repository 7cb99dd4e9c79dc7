//! The visible events binned for the timeline: dots by lane and day, bars by lane and span
//! (with rows for overlapping spans), and the undated ones. Rebuilt when the data or the
//! filters change, not every frame, so a frame's work grows with what is on screen.

use super::marks::{is_bar, x_extent};
use crate::model::{Dataset, Event, EventType};
use crate::ui::map::view_key::ViewKey;
use std::collections::HashMap;
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
    /// The bins for `visible`, reusing `previous` when nothing changed.
    pub fn update(
        previous: Option<Bins>,
        key: ViewKey,
        dataset: &Dataset,
        visible: &[usize],
    ) -> Bins {
        match previous {
            Some(bins) if bins.key == key => bins,
            _ => Bins::build(key, dataset, visible),
        }
    }

    fn build(key: ViewKey, dataset: &Dataset, visible: &[usize]) -> Bins {
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
