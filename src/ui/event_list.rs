//! The event list: type and document filters, a search box, and a sortable table
//! (date, type, place, summary). Clicking a row selects its event.

use egui::{Align, Color32, RichText, Sense};
use egui_extras::{Column, TableBuilder};
use rayon::prelude::*;

use crate::edit::Edit;
use crate::model::{Dataset, Event, EventType};
use crate::ui::colors::type_color;
use crate::ui::state::{CACHE_FROM_EVENTS, DatasetStamp, UiCommand, ViewState};

/// Put before the summary of an event corrected by hand.
pub const EDITED_MARK: &str = "✏";
/// From this many rows sorting runs on all cores.
const PARALLEL_SORT_FROM: usize = 50_000;
/// The article filter list scrolls when there are more articles than this.
const DOCUMENT_ROWS_SHOWN: usize = 12;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortColumn {
    Date,
    Type,
    Place,
    Summary,
}

pub struct EventListView {
    sort: SortColumn,
    ascending: bool,
    /// The selection generation last scrolled to, so the list scrolls once per change.
    scrolled_for: u64,
    /// Set by Ctrl+F: focus the search box on the next frame.
    pub focus_search: bool,
    /// The sorted rows of a large dataset and what they were sorted from.
    sorted: Option<(SortKey, Vec<usize>)>,
    /// Events per type of a large dataset, and the dataset they were counted in.
    type_counts: Option<(DatasetStamp, [usize; EventType::ALL.len()])>,
}

/// What a cached sort order depends on.
#[derive(Clone, Debug, PartialEq)]
struct SortKey {
    visible_generation: u64,
    dataset: DatasetStamp,
    visible_len: usize,
    visible_sample: u64,
    sort: SortColumn,
    ascending: bool,
}

impl Default for EventListView {
    fn default() -> Self {
        EventListView {
            sort: SortColumn::Date,
            ascending: true,
            scrolled_for: 0,
            focus_search: false,
            sorted: None,
            type_counts: None,
        }
    }
}

impl EventListView {
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        dataset: &Dataset,
        visible: &[usize],
        state: &ViewState,
        commands: &mut Vec<UiCommand>,
    ) {
        self.filters_ui(ui, dataset, state, commands);
        ui.separator();
        ui.label(
            RichText::new(format!(
                "{} of {} events",
                visible.len(),
                dataset.events.len()
            ))
            .weak(),
        );
        let rows = self.sorted_rows(dataset, visible, state);
        self.table_ui(ui, dataset, &rows, state, commands);
        self.sorted = rows.into_cache();
    }

    /// Sorts the list by a column (as clicking its header does).
    pub fn set_sort(&mut self, column: SortColumn, ascending: bool) {
        self.sort = column;
        self.ascending = ascending;
    }

    /// The visible rows in the chosen order: sorted afresh for small datasets, from the
    /// cache for large ones unless the filter, dataset or order changed.
    fn sorted_rows(&mut self, dataset: &Dataset, visible: &[usize], state: &ViewState) -> Rows {
        if dataset.events.len() < CACHE_FROM_EVENTS {
            let mut rows = visible.to_vec();
            sort_rows(&mut rows, dataset, self.sort, self.ascending);
            return Rows::Fresh(rows);
        }
        let key = SortKey {
            visible_generation: state.visible_generation(),
            dataset: DatasetStamp::of(dataset, state.dataset_generation),
            visible_len: visible.len(),
            visible_sample: sample_hash(visible),
            sort: self.sort,
            ascending: self.ascending,
        };
        match self.sorted.take() {
            Some((cached, rows)) if cached == key => Rows::Cached(key, rows),
            _ => {
                let mut rows = visible.to_vec();
                sort_rows(&mut rows, dataset, self.sort, self.ascending);
                Rows::Cached(key, rows)
            }
        }
    }

    /// How many events of each type the dataset has (counted once per change when large).
    fn type_counts(
        &mut self,
        dataset: &Dataset,
        state: &ViewState,
    ) -> [usize; EventType::ALL.len()] {
        let count = || {
            let mut counts = [0; EventType::ALL.len()];
            for e in &dataset.events {
                counts[e.event_type.index()] += 1;
            }
            counts
        };
        if dataset.events.len() < CACHE_FROM_EVENTS {
            return count();
        }
        let stamp = DatasetStamp::of(dataset, state.dataset_generation);
        match &self.type_counts {
            Some((cached, counts)) if *cached == stamp => *counts,
            _ => {
                let counts = count();
                self.type_counts = Some((stamp, counts));
                counts
            }
        }
    }

    fn filters_ui(
        &mut self,
        ui: &mut egui::Ui,
        dataset: &Dataset,
        state: &ViewState,
        commands: &mut Vec<UiCommand>,
    ) {
        ui.horizontal(|ui| {
            ui.label("Search");
            let mut search = state.search.clone();
            let response = ui.add(
                egui::TextEdit::singleline(&mut search)
                    .hint_text("words, places, actors  (Ctrl+F)")
                    .desired_width(f32::INFINITY),
            );
            if std::mem::take(&mut self.focus_search) {
                response.request_focus();
            }
            if response.changed() {
                commands.push(UiCommand::SetSearch(search));
            }
        });
        let counts = self.type_counts(dataset, state);
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing.x = 10.0;
            for t in EventType::ALL {
                let count = counts[t.index()];
                if count == 0 {
                    continue;
                }
                let mut shown = !state.hidden_types.contains(&t);
                let label = RichText::new(format!("{} ({count})", t.label())).color(type_color(t));
                if ui.checkbox(&mut shown, label).changed() {
                    commands.push(UiCommand::SetTypeVisible(t, shown));
                }
            }
        });
        if dataset.documents.len() > 1 {
            ui.collapsing(format!("Articles ({})", dataset.documents.len()), |ui| {
                // Only the rows in view are laid out, so thousands of articles cost nothing.
                let row_height = ui.spacing().interact_size.y;
                egui::ScrollArea::vertical()
                    .id_salt("article_filters")
                    .max_height(row_height * DOCUMENT_ROWS_SHOWN as f32)
                    .show_rows(ui, row_height, dataset.documents.len(), |ui, range| {
                        for d in &dataset.documents[range] {
                            let mut shown = !state.hidden_documents.contains(&d.id);
                            let text = format!("{}  {}", d.id, d.title);
                            if ui.checkbox(&mut shown, text).changed() {
                                commands.push(UiCommand::SetDocumentVisible(d.id.clone(), shown));
                            }
                        }
                    });
            });
        }
    }

    fn table_ui(
        &mut self,
        ui: &mut egui::Ui,
        dataset: &Dataset,
        rows: &[usize],
        state: &ViewState,
        commands: &mut Vec<UiCommand>,
    ) {
        let scroll_to = (state.selection_generation != self.scrolled_for)
            .then(|| {
                let selected = state.selected_index(dataset)?;
                rows.iter().position(|&i| i == selected)
            })
            .flatten();
        self.scrolled_for = state.selection_generation;
        let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
        let mut table = TableBuilder::new(ui)
            .striped(true)
            .resizable(true)
            .sense(Sense::click())
            .cell_layout(egui::Layout::left_to_right(Align::Center))
            .column(Column::exact(84.0))
            .column(Column::initial(96.0).at_least(60.0))
            .column(Column::initial(90.0).at_least(50.0))
            .column(Column::remainder().at_least(120.0).clip(true))
            .min_scrolled_height(0.0);
        if let Some(row) = scroll_to {
            table = table.scroll_to_row(row, Some(Align::Center));
        }
        table
            .header(22.0, |mut header| {
                for (column, title) in [
                    (SortColumn::Date, "Date"),
                    (SortColumn::Type, "Type"),
                    (SortColumn::Place, "Place"),
                    (SortColumn::Summary, "Summary"),
                ] {
                    header.col(|ui| {
                        let arrow = match (self.sort == column, self.ascending) {
                            (true, true) => " ⏶",
                            (true, false) => " ⏷",
                            _ => "",
                        };
                        let button =
                            egui::Button::new(RichText::new(format!("{title}{arrow}")).strong())
                                .frame(false);
                        if ui
                            .add(button)
                            .on_hover_text("Sort by this column")
                            .clicked()
                        {
                            if self.sort == column {
                                self.ascending = !self.ascending;
                            } else {
                                self.sort = column;
                                self.ascending = true;
                            }
                        }
                    });
                }
            })
            .body(|body| {
                body.rows(row_height, rows.len(), |mut row| {
                    let event = &dataset.events[rows[row.index()]];
                    let selected = state.is_selected(event);
                    row.set_selected(selected);
                    // Cells only show; the row takes clicks, double-clicks and the menu.
                    row.col(|ui| {
                        let date = event
                            .date
                            .as_ref()
                            .map_or("undated".to_owned(), |d| d.display());
                        ui.add(egui::Label::new(date).selectable(false));
                    });
                    row.col(|ui| {
                        let color = type_color(event.event_type);
                        ui.add(
                            egui::Label::new(
                                RichText::new(format!("• {}", event.event_type.label()))
                                    .color(color),
                            )
                            .selectable(false),
                        );
                    });
                    row.col(|ui| {
                        ui.add(
                            egui::Label::new(place_name(event))
                                .selectable(false)
                                .truncate(),
                        );
                    });
                    row.col(|ui| {
                        let mut text = RichText::new(if event.edited {
                            format!("{EDITED_MARK} {}", event.summary)
                        } else {
                            event.summary.clone()
                        });
                        if selected {
                            text = text.strong();
                        }
                        ui.add(egui::Label::new(text).selectable(false).truncate())
                            .on_hover_text(if event.edited {
                                format!("Corrected by hand. {}", event.evidence.text)
                            } else {
                                event.evidence.text.clone()
                            });
                    });
                    let response = row.response();
                    if response.clicked() || response.secondary_clicked() {
                        commands.push(UiCommand::Select(Some(event.id.clone())));
                    }
                    if response.double_clicked() {
                        commands.push(UiCommand::OpenEditor);
                    }
                    response.context_menu(|ui| {
                        if ui.button("Edit…").clicked() {
                            commands.push(UiCommand::Select(Some(event.id.clone())));
                            commands.push(UiCommand::OpenEditor);
                            ui.close();
                        }
                        if ui.button("Delete").clicked() {
                            commands.push(UiCommand::Edit(Edit::DeleteEvent {
                                event: event.id.clone(),
                            }));
                            ui.close();
                        }
                    });
                });
            });
    }
}

/// Rows either sorted this frame (small datasets) or kept for the next frame.
enum Rows {
    Fresh(Vec<usize>),
    Cached(SortKey, Vec<usize>),
}

impl std::ops::Deref for Rows {
    type Target = [usize];
    fn deref(&self) -> &[usize] {
        match self {
            Rows::Fresh(rows) | Rows::Cached(_, rows) => rows,
        }
    }
}

impl Rows {
    fn into_cache(self) -> Option<(SortKey, Vec<usize>)> {
        match self {
            Rows::Fresh(_) => None,
            Rows::Cached(key, rows) => Some((key, rows)),
        }
    }
}

/// A hash of a few evenly spaced entries, to tell one list of indices from another cheaply.
fn sample_hash(indices: &[usize]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    let step = (indices.len() / 64).max(1);
    for i in indices.iter().step_by(step).chain(indices.last()) {
        i.hash(&mut hasher);
    }
    hasher.finish()
}

/// Sorts rows (indices into `dataset.events`, ascending) by a column. Ties keep the
/// dataset's order (reversed when descending); undated events go last either way.
fn sort_rows(rows: &mut Vec<usize>, dataset: &Dataset, sort: SortColumn, ascending: bool) {
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

fn place_name(event: &Event) -> &str {
    event.place.as_ref().map_or("—", |p| p.name.as_str())
}

/// A small filled circle in a type colour, for legends.
pub fn type_dot(ui: &mut egui::Ui, color: Color32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), Sense::hover());
    ui.painter().circle_filled(rect.center(), 4.0, color);
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
}
