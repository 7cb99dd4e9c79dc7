//! The event editor: a window that shows the selected event's fields and turns each change
//! into an [`Edit`] as soon as the field is committed (a choice made, Enter pressed or the
//! field left), so every change is one step of Undo and shows at once in the other panes.

use egui::RichText;

use crate::edit::Edit;
use crate::geo::gazetteer::GAZETTEER;
use crate::geo::search::search_places;
use crate::model::{Dataset, DatePrecision, Event, EventType, Place};

mod parse;

use parse::{date_fields, parse_count, parse_date, split_names};

/// How many gazetteer matches the place search lists.
const PLACE_HITS: usize = 8;
const PRECISIONS: [DatePrecision; 4] = [
    DatePrecision::Day,
    DatePrecision::Week,
    DatePrecision::Month,
    DatePrecision::Year,
];

/// The editor window; it edits whichever event is selected.
#[derive(Default)]
pub struct EventEditor {
    pub open: bool,
    /// The event as the fields were last filled from it; when the event changes any other
    /// way (Undo, a marker dragged on the map) the fields are filled again.
    shown: Option<Event>,
    fields: Fields,
    place_query: String,
    place_hits: Vec<Place>,
    merge_with: Option<String>,
    problem: Option<String>,
}

/// The text fields as typed, before they are committed.
#[derive(Default)]
struct Fields {
    date_start: String,
    date_end: String,
    precision: Option<DatePrecision>,
    actors: String,
    targets_note: String,
    fatalities: String,
    injured: String,
    summary: String,
}

impl Fields {
    fn of(event: &Event) -> Fields {
        let (date_start, date_end) = event.date.as_ref().map(date_fields).unwrap_or_default();
        Fields {
            date_start,
            date_end,
            precision: event.date.as_ref().map(|d| d.precision),
            actors: event.actors.join(", "),
            targets_note: event.targets.join(", "),
            fatalities: event.fatalities.map(|n| n.to_string()).unwrap_or_default(),
            injured: event.injured.map(|n| n.to_string()).unwrap_or_default(),
            summary: event.summary.clone(),
        }
    }
}

impl EventEditor {
    /// Draws the window (when open) for the selected event (an index into the events);
    /// returns the edits to apply.
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        dataset: &Dataset,
        selected: Option<usize>,
    ) -> Vec<Edit> {
        let mut edits = Vec::new();
        if !self.open {
            return edits;
        }
        let event = selected.and_then(|i| dataset.events.get(i));
        if self.shown.as_ref() != event {
            self.refill(event);
        }
        let mut open = self.open;
        // Beside the event list, over the map's corner: the list stays usable for picking.
        let corner = ctx.content_rect().left_top() + egui::vec2(520.0, 60.0);
        egui::Window::new("Edit event")
            .open(&mut open)
            .default_pos(corner)
            .default_width(380.0)
            .resizable(true)
            .show(ctx, |ui| match event {
                Some(event) => self.fields_ui(ui, dataset, event, &mut edits),
                None => {
                    ui.label("Select an event in the list, timeline, map or article to edit it.");
                }
            });
        self.open = open;
        edits
    }

    fn refill(&mut self, event: Option<&Event>) {
        let same_event = self.shown.as_ref().map(|e| &e.id) == event.map(|e| &e.id);
        self.fields = event.map(Fields::of).unwrap_or_default();
        self.shown = event.cloned();
        if !same_event {
            self.place_query.clear();
            self.place_hits.clear();
            self.merge_with = None;
            self.problem = None;
        }
    }

    fn fields_ui(
        &mut self,
        ui: &mut egui::Ui,
        dataset: &Dataset,
        event: &Event,
        edits: &mut Vec<Edit>,
    ) {
        let id = event.id.clone();
        if event.edited {
            ui.label(RichText::new("Corrected by hand").italics().weak());
        }
        egui::Grid::new("event-editor")
            .num_columns(2)
            .spacing([10.0, 6.0])
            .show(ui, |ui| {
                ui.label("Type");
                let mut event_type = event.event_type;
                egui::ComboBox::from_id_salt("editor-type")
                    .width(160.0)
                    .selected_text(event_type.label())
                    .show_ui(ui, |ui| {
                        for t in EventType::ALL {
                            ui.selectable_value(&mut event_type, t, t.label());
                        }
                    })
                    .response
                    .widget_info(|| accessible_combo("Type"));
                if event_type != event.event_type {
                    edits.push(Edit::SetType {
                        event: id.clone(),
                        event_type,
                    });
                }
                ui.end_row();

                let label = ui.label("Date");
                self.date_ui(ui, event, label.id, edits);
                ui.end_row();

                ui.label("Place");
                self.place_ui(ui, event, edits);
                ui.end_row();

                let label = ui.label("Actors");
                let actors = ui
                    .add(
                        egui::TextEdit::singleline(&mut self.fields.actors)
                            .hint_text("names, separated by commas"),
                    )
                    .labelled_by(label.id)
                    .on_hover_text(if self.fields.targets_note.is_empty() {
                        "Who took part".to_owned()
                    } else {
                        format!("Who took part. Targeted: {}", self.fields.targets_note)
                    });
                if actors.lost_focus() {
                    let list = split_names(&self.fields.actors);
                    if list != event.actors {
                        edits.push(Edit::SetActors {
                            event: id.clone(),
                            actors: list,
                        });
                    }
                }
                ui.end_row();

                let label = ui.label("Killed");
                if let Some(n) = number_ui(
                    ui,
                    &mut self.fields.fatalities,
                    &mut self.problem,
                    label.id,
                    "killed",
                ) && n != event.fatalities
                {
                    edits.push(Edit::SetFatalities {
                        event: id.clone(),
                        fatalities: n,
                    });
                }
                ui.end_row();

                let label = ui.label("Injured");
                if let Some(n) = number_ui(
                    ui,
                    &mut self.fields.injured,
                    &mut self.problem,
                    label.id,
                    "injured",
                ) && n != event.injured
                {
                    edits.push(Edit::SetInjured {
                        event: id.clone(),
                        injured: n,
                    });
                }
                ui.end_row();

                let label = ui.label("Summary");
                let summary = ui
                    .add(
                        egui::TextEdit::multiline(&mut self.fields.summary)
                            .desired_rows(3)
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(label.id);
                if summary.lost_focus() && self.fields.summary.trim() != event.summary {
                    edits.push(Edit::SetSummary {
                        event: id.clone(),
                        summary: self.fields.summary.trim().to_owned(),
                    });
                }
                ui.end_row();
            });
        if let Some(problem) = &self.problem {
            ui.label(RichText::new(problem).color(ui.visuals().error_fg_color));
        }
        ui.separator();
        self.merge_ui(ui, dataset, event, edits);
        ui.horizontal(|ui| {
            if ui
                .button("Delete event")
                .on_hover_text("Remove this event (Delete); Undo brings it back")
                .clicked()
            {
                edits.push(Edit::DeleteEvent { event: id.clone() });
            }
        });
    }

    fn date_ui(
        &mut self,
        ui: &mut egui::Ui,
        event: &Event,
        label: egui::Id,
        edits: &mut Vec<Edit>,
    ) {
        ui.vertical(|ui| {
            let mut commit = false;
            ui.horizontal(|ui| {
                commit |= ui
                    .add(
                        egui::TextEdit::singleline(&mut self.fields.date_start)
                            .hint_text("YYYY-MM-DD")
                            .desired_width(96.0),
                    )
                    .labelled_by(label)
                    .on_hover_text("Leave empty if the article does not say when")
                    .lost_focus();
                ui.label("to");
                commit |= ui
                    .add(
                        egui::TextEdit::singleline(&mut self.fields.date_end)
                            .hint_text("(same)")
                            .desired_width(96.0),
                    )
                    .on_hover_text("The last day, for a range")
                    .lost_focus();
                let mut precision = self.fields.precision.unwrap_or(DatePrecision::Day);
                egui::ComboBox::from_id_salt("editor-precision")
                    .selected_text(precision.key())
                    .width(64.0)
                    .show_ui(ui, |ui| {
                        for p in PRECISIONS {
                            ui.selectable_value(&mut precision, p, p.key());
                        }
                    })
                    .response
                    .widget_info(|| accessible_combo("Date precision"));
                if Some(precision) != self.fields.precision {
                    self.fields.precision = Some(precision);
                    commit = true;
                }
            });
            if !commit {
                return;
            }
            let precision = self.fields.precision.unwrap_or(DatePrecision::Day);
            let old_text = event.date.as_ref().map_or("", |d| d.text.as_str());
            match parse_date(
                &self.fields.date_start,
                &self.fields.date_end,
                precision,
                old_text,
            ) {
                Ok(date) => {
                    self.problem = None;
                    if date != event.date {
                        edits.push(Edit::SetDate {
                            event: event.id.clone(),
                            date,
                        });
                    }
                }
                Err(problem) => self.problem = Some(problem),
            }
        });
    }

    fn place_ui(&mut self, ui: &mut egui::Ui, event: &Event, edits: &mut Vec<Edit>) {
        ui.vertical(|ui| {
            ui.horizontal(|ui| {
                match &event.place {
                    Some(p) => {
                        ui.label(format!("{} ({}, {})", p.name, p.country, p.precision.key()))
                    }
                    None => ui.label(RichText::new("unknown").weak()),
                };
                if event.place.is_some()
                    && ui
                        .small_button("Clear")
                        .on_hover_text("The article does not say where")
                        .clicked()
                {
                    edits.push(Edit::SetPlace {
                        event: event.id.clone(),
                        place: None,
                    });
                }
            });
            let search = ui
                .horizontal(|ui| {
                    let label = ui.label("Find a place");
                    ui.add(
                        egui::TextEdit::singleline(&mut self.place_query)
                            .hint_text("city, region or country")
                            .desired_width(170.0),
                    )
                    .labelled_by(label.id)
                    .on_hover_text("Or drag the event's marker on the map")
                })
                .inner;
            if search.changed() {
                self.place_hits = search_places(&GAZETTEER, &self.place_query, PLACE_HITS);
            }
            let mut picked = None;
            for (i, hit) in self.place_hits.iter().enumerate() {
                let country = GAZETTEER
                    .country(&hit.country)
                    .map_or(hit.country.as_str(), |c| c.name.as_str());
                let label = format!("{}, {country} ({})", hit.name, hit.precision.key());
                if ui.selectable_label(false, label).clicked() {
                    picked = Some(i);
                }
            }
            if let Some(i) = picked {
                let mut place = self.place_hits.swap_remove(i);
                // The words in the article stay what they were; the place is the person's.
                if let Some(old) = &event.place {
                    place.text = old.text.clone();
                }
                edits.push(Edit::SetPlace {
                    event: event.id.clone(),
                    place: Some(place),
                });
                self.place_query.clear();
                self.place_hits.clear();
            }
        });
    }

    fn merge_ui(
        &mut self,
        ui: &mut egui::Ui,
        dataset: &Dataset,
        event: &Event,
        edits: &mut Vec<Edit>,
    ) {
        // Listed only while the drop-down is open: a table can hold a million events.
        let others = || {
            dataset
                .events
                .iter()
                .filter(|e| e.document == event.document && e.id != event.id)
        };
        if others().next().is_none() {
            return;
        }
        ui.horizontal(|ui| {
            let chosen = self
                .merge_with
                .as_deref()
                .and_then(|id| dataset.event(id))
                .filter(|e| e.document == event.document && e.id != event.id);
            let label = chosen.map_or("another event of this article…".to_owned(), |e| {
                short(&e.summary)
            });
            let merge_label = ui.label("Merge with");
            egui::ComboBox::from_id_salt("editor-merge")
                .selected_text(label)
                .width(200.0)
                .show_ui(ui, |ui| {
                    for e in others() {
                        let text = format!("{}: {}", e.event_type.label(), short(&e.summary));
                        if ui
                            .selectable_label(self.merge_with.as_deref() == Some(&e.id), text)
                            .clicked()
                        {
                            self.merge_with = Some(e.id.clone());
                        }
                    }
                })
                .response
                .labelled_by(merge_label.id);
            if ui
                .add_enabled(chosen.is_some(), egui::Button::new("Merge"))
                .on_hover_text(
                    "The other event's evidence joins this one; it fills fields left empty here",
                )
                .clicked()
                && let Some(absorb) = self.merge_with.take()
            {
                edits.push(Edit::MergeEvents {
                    keep: event.id.clone(),
                    absorb,
                });
            }
        });
    }
}

/// A drop-down's name for screen readers (and UI tests), which its shown text is not.
fn accessible_combo(name: &str) -> egui::WidgetInfo {
    egui::WidgetInfo::labeled(egui::Role::ComboBox, true, name)
}

/// A number field: Some(value) when committed and valid (None inside for empty).
fn number_ui(
    ui: &mut egui::Ui,
    text: &mut String,
    problem: &mut Option<String>,
    label: egui::Id,
    what: &str,
) -> Option<Option<u32>> {
    let response = ui
        .add(
            egui::TextEdit::singleline(text)
                .hint_text("unknown")
                .desired_width(80.0),
        )
        .labelled_by(label);
    if !response.lost_focus() {
        return None;
    }
    match parse_count(text) {
        Ok(n) => {
            *problem = None;
            Some(n)
        }
        Err(()) => {
            *problem = Some(format!(
                "\"{}\" is not a number of people {what}: write digits, or leave it empty if unknown",
                text.trim()
            ));
            None
        }
    }
}

fn short(text: &str) -> String {
    const MAX_CHARS: usize = 48;
    if text.chars().count() <= MAX_CHARS {
        return text.to_owned();
    }
    let mut s: String = text.chars().take(MAX_CHARS).collect();
    s.push('…');
    s
}
