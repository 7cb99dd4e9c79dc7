//! The list's row order: sorting by a column, and for a large dataset the order of all its
//! events kept per column, so that a filter change takes the visible rows from it in one
//! pass (O(n), no comparisons) instead of sorting them again.

use rayon::prelude::*;

use super::SortColumn;
use crate::model::{Dataset, Event, EventType};
use crate::ui::mask::VisibleMask;
use crate::ui::state::DatasetStamp;

/// From this many rows sorting runs on all cores.
const PARALLEL_SORT_FROM: usize = 50_000;

/// Every event of a dataset in one column's ascending order.
pub(super) struct Order {
    dataset: DatasetStamp,
    sort: SortColumn,
    /// Indices into `dataset.events`.
    events: Vec<u32>,
    /// How many events come first because they are dated (sorting by date puts the undated
    /// last in either direction); all of them for other columns.
    dated: usize,
}

impl Order {
    /// All events of `dataset` sorted by `sort`, ascending.
    pub fn of(dataset: &Dataset, stamp: DatasetStamp, sort: SortColumn) -> Order {
        let mut all: Vec<usize> = (0..dataset.events.len()).collect();
        sort_rows(&mut all, dataset, sort, true);
        let dated = match sort {
            SortColumn::Date => dataset.events.iter().filter(|e| e.date.is_some()).count(),
            _ => all.len(),
        };
        Order {
            dataset: stamp,
            sort,
            events: all.into_iter().map(|i| i as u32).collect(),
            dated,
        }
    }

    /// Whether this is the order of this dataset by this column.
    pub fn is_for(&self, stamp: DatasetStamp, sort: SortColumn) -> bool {
        self.dataset == stamp && self.sort == sort
    }

    /// The `visible` events (ascending indices) in this order or its reverse, into `rows`
    /// (emptied first): the same rows as [`sort_rows`] gives them, since its order is total
    /// (ties go by index). One pass over all events, no comparisons.
    pub fn rows_into(&self, visible: &[usize], ascending: bool, rows: &mut Vec<usize>) {
        let shown = VisibleMask::of(visible, self.events.len());
        rows.clear();
        rows.reserve(visible.len());
        for part in [&self.events[..self.dated], &self.events[self.dated..]] {
            let start = rows.len();
            rows.extend(
                part.iter()
                    .map(|&i| i as usize)
                    .filter(|&i| shown.contains(i)),
            );
            if !ascending {
                rows[start..].reverse();
            }
        }
    }
}

/// Sorts rows (indices into `dataset.events`, ascending) by a column. Ties keep the
/// dataset's order (reversed when descending); undated events go last either way.
pub(super) fn sort_rows(
    rows: &mut Vec<usize>,
    dataset: &Dataset,
    sort: SortColumn,
    ascending: bool,
) {
    let events = &dataset.events;
    rows.sort_unstable();
    match sort {
        SortColumn::Date => {
            let (mut dated, mut undated): (Vec<(i32, usize)>, Vec<usize>) =
                (Vec::new(), Vec::new());
            for &i in rows.iter() {
                match &events[i].date {
                    Some(d) => dated.push((chrono::Datelike::num_days_from_ce(&d.start), i)),
                    None => undated.push(i),
                }
            }
            sort_keyed(&mut dated);
            if !ascending {
                dated.reverse();
                undated.reverse();
            }
            rows.clear();
            rows.extend(dated.into_iter().map(|(_, i)| i));
            rows.extend(undated);
        }
        SortColumn::Type => {
            // By label, as shown; the rank of each type's label computed once.
            let mut by_label = EventType::ALL;
            by_label.sort_by_key(|t| t.label());
            let mut rank = [0u8; EventType::ALL.len()];
            for (r, t) in by_label.iter().enumerate() {
                rank[t.index()] = r as u8;
            }
            let mut keyed: Vec<(u8, usize)> = rows
                .iter()
                .map(|&i| (rank[events[i].event_type.index()], i))
                .collect();
            sort_keyed(&mut keyed);
            replace_rows(rows, keyed, ascending);
        }
        SortColumn::Place => {
            let mut keyed: Vec<(&str, usize)> =
                rows.iter().map(|&i| (place_name(&events[i]), i)).collect();
            sort_keyed(&mut keyed);
            replace_rows(rows, keyed, ascending);
        }
        SortColumn::Summary => {
            let mut keyed: Vec<(&str, usize)> = rows
                .iter()
                .map(|&i| (events[i].summary.as_str(), i))
                .collect();
            sort_keyed(&mut keyed);
            replace_rows(rows, keyed, ascending);
        }
    }
}

/// Sorts (key, index) pairs; the index makes every pair distinct, so unstable is stable.
fn sort_keyed<K: Ord + Send>(keyed: &mut [(K, usize)]) {
    if keyed.len() >= PARALLEL_SORT_FROM {
        keyed.par_sort_unstable();
    } else {
        keyed.sort_unstable();
    }
}

fn replace_rows<K>(rows: &mut Vec<usize>, keyed: Vec<(K, usize)>, ascending: bool) {
    rows.clear();
    if ascending {
        rows.extend(keyed.into_iter().map(|(_, i)| i));
    } else {
        rows.extend(keyed.into_iter().rev().map(|(_, i)| i));
    }
}

pub(super) fn place_name(event: &Event) -> &str {
    event.place.as_ref().map_or("—", |p| p.name.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::{self, SynthOptions};

    fn dates(dataset: &Dataset, rows: &[usize]) -> Vec<Option<chrono::NaiveDate>> {
        rows.iter()
            .map(|&i| dataset.events[i].date.as_ref().map(|d| d.start))
            .collect()
    }

    #[test]
    fn undated_events_go_last_whichever_way_dates_sort() {
        let dataset = synth::dataset(&SynthOptions::new(2_000, 5));
        for ascending in [true, false] {
            let mut rows: Vec<usize> = (0..dataset.events.len()).rev().collect();
            sort_rows(&mut rows, &dataset, SortColumn::Date, ascending);
            let d = dates(&dataset, &rows);
            let first_undated = d.iter().position(Option::is_none).expect("some undated");
            assert!(d[first_undated..].iter().all(Option::is_none));
            let dated: Vec<_> = d[..first_undated].iter().flatten().collect();
            assert!(dated.windows(2).all(|w| if ascending {
                w[0] <= w[1]
            } else {
                w[0] >= w[1]
            }));
        }
    }

    #[test]
    fn every_column_sorts_like_a_plain_comparison() {
        let dataset = synth::dataset(&SynthOptions::new(PARALLEL_SORT_FROM + 1_000, 6));
        let events = &dataset.events;
        for (column, key) in [
            (SortColumn::Place, place_name as fn(&Event) -> &str),
            (SortColumn::Summary, |e: &Event| e.summary.as_str()),
            (SortColumn::Type, |e: &Event| e.event_type.label()),
        ] {
            let mut rows: Vec<usize> = (0..events.len()).collect();
            sort_rows(&mut rows, &dataset, column, true);
            let mut expected: Vec<usize> = (0..events.len()).collect();
            expected.sort_by(|&a, &b| key(&events[a]).cmp(key(&events[b])).then(a.cmp(&b)));
            assert_eq!(rows, expected, "{column:?}");
            sort_rows(&mut rows, &dataset, column, false);
            expected.reverse();
            assert_eq!(rows, expected, "{column:?} descending");
        }
    }

    #[test]
    fn rows_taken_from_the_kept_order_are_the_visible_rows_sorted() {
        let dataset = synth::dataset(&SynthOptions::new(PARALLEL_SORT_FROM + 3_000, 8));
        let events = &dataset.events;
        let all: Vec<usize> = (0..events.len()).collect();
        let subsets: [Vec<usize>; 4] = [
            all.clone(),
            Vec::new(),
            all.iter().copied().filter(|i| i % 3 != 1).collect(),
            all.iter()
                .copied()
                .filter(|&i| events[i].event_type != EventType::Protest && i % 7 != 0)
                .collect(),
        ];
        let stamp = DatasetStamp::of(&dataset, 0);
        for column in [
            SortColumn::Date,
            SortColumn::Type,
            SortColumn::Place,
            SortColumn::Summary,
        ] {
            let order = Order::of(&dataset, stamp, column);
            assert!(order.is_for(stamp, column));
            for visible in &subsets {
                for ascending in [true, false] {
                    let mut expected = visible.clone();
                    sort_rows(&mut expected, &dataset, column, ascending);
                    let mut rows = vec![7, 7, 7];
                    order.rows_into(visible, ascending, &mut rows);
                    assert_eq!(
                        rows,
                        expected,
                        "{column:?}, ascending {ascending}, {} rows",
                        visible.len()
                    );
                }
            }
        }
    }
}
