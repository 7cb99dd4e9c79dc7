//! The event list: type and document filters, a search box, and a sortable table
//! (date, type, place, summary). Clicking a row selects its event.

mod order;

use egui::{Align, Color32, RichText, Sense};
use egui_extras::{Column, TableBuilder};

use crate::edit::Edit;
use crate::model::{Dataset, EventType};
use crate::ui::colors::type_color;
use crate::ui::state::{CACHE_FROM_EVENTS, DatasetStamp, UiCommand, ViewState};
use order::{Order, place_name, sort_rows};

/// Put before the summary of an event corrected by hand.
pub const EDITED_MARK: &str = "✏";
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
    /// All events of a large dataset in the sort column's order, from which a filter change
    /// takes the visible rows without sorting again.
    order: Option<Order>,
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
            order: None,
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
        let searching = if state.search_pending() {
            " (searching…)"
        } else {
            ""
        };
        ui.label(
            RichText::new(format!(
                "{} of {} events{searching}",
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
        // The last rows, or their memory for the new ones.
        let mut rows = match self.sorted.take() {
            Some((cached, rows)) if cached == key => return Rows::Cached(key, rows),
            Some((_, rows)) => rows,
            None => Vec::new(),
        };
        let kept = self
            .order
            .as_ref()
            .is_some_and(|o| o.is_for(key.dataset, self.sort));
        // A few rows are sorted as they are; for many, all events are sorted once and the
        // order kept (at most twice the work of sorting the rows, once per column).
        if !kept && visible.len() < dataset.events.len() / 2 {
            rows.clear();
            rows.extend_from_slice(visible);
            sort_rows(&mut rows, dataset, self.sort, self.ascending);
            return Rows::Cached(key, rows);
        }
        let order = match self.order.take() {
            Some(order) if order.is_for(key.dataset, self.sort) => order,
            _ => Order::of(dataset, key.dataset, self.sort),
        };
        order.rows_into(visible, self.ascending, &mut rows);
        self.order = Some(order);
        Rows::Cached(key, rows)
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

/// A small filled circle in a type colour, for legends.
pub fn type_dot(ui: &mut egui::Ui, color: Color32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), Sense::hover());
    ui.painter().circle_filled(rect.center(), 4.0, color);
}

#[cfg(test)]
mod tests;
