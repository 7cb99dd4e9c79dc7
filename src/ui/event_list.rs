//! The event list: type and document filters, a search box, and a sortable table
//! (date, type, place, summary). Clicking a row selects its event.

use egui::{Align, Color32, RichText, Sense};
use egui_extras::{Column, TableBuilder};

use crate::model::{Dataset, Event, EventType};
use crate::ui::colors::type_color;
use crate::ui::state::{UiCommand, ViewState};

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
}

impl Default for EventListView {
    fn default() -> Self {
        EventListView {
            sort: SortColumn::Date,
            ascending: true,
            scrolled_for: 0,
            focus_search: false,
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
        let mut rows: Vec<usize> = visible.to_vec();
        self.sort_rows(&mut rows, dataset);
        self.table_ui(ui, dataset, &rows, state, commands);
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
        let present: Vec<EventType> = EventType::ALL
            .into_iter()
            .filter(|t| dataset.events.iter().any(|e| e.event_type == *t))
            .collect();
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing.x = 10.0;
            for t in present {
                let count = dataset.events.iter().filter(|e| e.event_type == t).count();
                let mut shown = !state.hidden_types.contains(&t);
                let label = RichText::new(format!("{} ({count})", t.label())).color(type_color(t));
                if ui.checkbox(&mut shown, label).changed() {
                    commands.push(UiCommand::SetTypeVisible(t, shown));
                }
            }
        });
        if dataset.documents.len() > 1 {
            ui.collapsing(format!("Articles ({})", dataset.documents.len()), |ui| {
                for d in &dataset.documents {
                    let mut shown = !state.hidden_documents.contains(&d.id);
                    let text = format!("{}  {}", d.id, d.title);
                    if ui.checkbox(&mut shown, text).changed() {
                        commands.push(UiCommand::SetDocumentVisible(d.id.clone(), shown));
                    }
                }
            });
        }
    }

    fn sort_rows(&self, rows: &mut [usize], dataset: &Dataset) {
        let events = &dataset.events;
        rows.sort_by(|&a, &b| {
            let (a, b) = (&events[a], &events[b]);
            let order = match self.sort {
                // Undated events go last whichever way the dates sort.
                SortColumn::Date => match (&a.date, &b.date) {
                    (Some(x), Some(y)) => x.start.cmp(&y.start),
                    (Some(_), None) => return std::cmp::Ordering::Less,
                    (None, Some(_)) => return std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                },
                SortColumn::Type => a.event_type.label().cmp(b.event_type.label()),
                SortColumn::Place => place_name(a).cmp(place_name(b)),
                SortColumn::Summary => a.summary.cmp(&b.summary),
            };
            let order = order.then_with(|| a.id.cmp(&b.id));
            if self.ascending {
                order
            } else {
                order.reverse()
            }
        });
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
                rows.iter()
                    .position(|&i| state.is_selected(&dataset.events[i]))
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
                    let mut clicked = false;
                    row.col(|ui| {
                        let date = event
                            .date
                            .as_ref()
                            .map_or("undated".to_owned(), |d| d.display());
                        clicked |= ui
                            .add(
                                egui::Label::new(date)
                                    .selectable(false)
                                    .sense(Sense::click()),
                            )
                            .clicked();
                    });
                    row.col(|ui| {
                        let color = type_color(event.event_type);
                        clicked |= ui
                            .add(
                                egui::Label::new(
                                    RichText::new(format!("• {}", event.event_type.label()))
                                        .color(color),
                                )
                                .selectable(false)
                                .sense(Sense::click()),
                            )
                            .clicked();
                    });
                    row.col(|ui| {
                        clicked |= ui
                            .add(
                                egui::Label::new(place_name(event))
                                    .selectable(false)
                                    .truncate()
                                    .sense(Sense::click()),
                            )
                            .clicked();
                    });
                    row.col(|ui| {
                        let text = if selected {
                            RichText::new(&event.summary).strong()
                        } else {
                            RichText::new(&event.summary)
                        };
                        clicked |= ui
                            .add(
                                egui::Label::new(text)
                                    .selectable(false)
                                    .truncate()
                                    .sense(Sense::click()),
                            )
                            .on_hover_text(&event.evidence.text)
                            .clicked();
                    });
                    if clicked || row.response().clicked() {
                        commands.push(UiCommand::Select(Some(event.id.clone())));
                    }
                });
            });
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
