//! The article pane: the text with each event's evidence highlighted in its type's colour
//! and temporal expressions underlined. Clicking a highlight selects its event; clicking
//! other text selects its sentence, and dragging selects any words, so that an event the
//! extractor missed can be added from them.
//! The document's events and its highlighted text are kept between frames, so a frame
//! costs the same with a million events loaded as with ten.

use std::ops::Range;
use std::sync::Arc;

use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Align, Color32, FontId, Galley, RichText, Sense, Stroke};

use crate::model::{Dataset, Document, Event};
use crate::ui::colors::type_color;
use crate::ui::map::view_key::ViewKey;
use crate::ui::state::{UiCommand, ViewState};

#[derive(Default)]
pub struct ArticleView {
    /// The document shown; follows the selection, or the person's choice.
    pub document: Option<String>,
    scrolled_for: u64,
    highlighted: Option<String>,
    /// A publication date being typed for a document without one.
    date_input: String,
    /// Text selected by the person (document id, byte range), to add an event from.
    text_selection: Option<(String, Range<usize>)>,
    /// Where a drag selection started (byte offset).
    drag_from: Option<usize>,
    events: Option<DocumentEvents>,
    text: Option<HighlightedText>,
}

/// The visible events of the shown document: finding them scans every visible event.
struct DocumentEvents {
    key: ViewKey,
    document: String,
    /// Indices into `dataset.events`.
    indices: Vec<usize>,
}

/// The document's text laid out with its highlights, until the events, the selection, the
/// width or the colours change.
struct HighlightedText {
    key: TextKey,
    job: LayoutJob,
}

#[derive(Clone, PartialEq)]
struct TextKey {
    view: ViewKey,
    document: String,
    selected: Option<usize>,
    width: f32,
    dark: bool,
    text_color: Color32,
    underline: Color32,
    text_selection: Option<Range<usize>>,
    selection_background: Color32,
    selection_text: Color32,
}

impl ArticleView {
    /// The event whose evidence was drawn as selected in the last frame.
    pub fn highlighted(&self) -> Option<&str> {
        self.highlighted.as_deref()
    }

    /// The text selected in the shown article, if any.
    pub fn text_selection(&self) -> Option<(&str, Range<usize>)> {
        self.text_selection
            .as_ref()
            .map(|(doc, span)| (doc.as_str(), span.clone()))
    }

    pub fn clear_text_selection(&mut self) {
        self.text_selection = None;
    }

    /// Selects bytes of a document's text, as a click or drag in the pane does.
    pub fn select_text(&mut self, document: &str, span: Range<usize>) {
        self.document = Some(document.to_owned());
        self.text_selection = Some((document.to_owned(), span));
    }

    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        dataset: &Dataset,
        visible: &[usize],
        state: &ViewState,
        commands: &mut Vec<UiCommand>,
        set_published: &mut Option<(String, Option<chrono::NaiveDate>)>,
    ) {
        let key = ViewKey::of(dataset, visible, state);
        let selected_index = state.selected_index(dataset);
        let selected = selected_index.and_then(|i| dataset.events.get(i));
        let follow = state.selection_generation != self.scrolled_for;
        if follow && let Some(e) = selected {
            self.document = Some(e.document.to_string());
        }
        if self
            .document
            .as_ref()
            .is_none_or(|d| dataset.document_index(d).is_none())
        {
            self.document = dataset.documents.first().map(|d| d.id.clone());
        }
        let Some(doc_index) = self
            .document
            .as_deref()
            .and_then(|d| dataset.document_index(d))
        else {
            ui.label("No article open. Use File › Open… (Ctrl+O) or drop files here.");
            return;
        };
        let document = &dataset.documents[doc_index];
        let text = &dataset.texts[doc_index];

        if dataset.documents.len() > 1 {
            egui::ComboBox::from_id_salt("article-choice")
                .selected_text(&document.title)
                .width(ui.available_width() - 8.0)
                .show_ui(ui, |ui| {
                    for d in &dataset.documents {
                        let chosen = Some(&d.id) == self.document.as_ref();
                        if ui.selectable_label(chosen, &d.title).clicked() {
                            self.document = Some(d.id.clone());
                        }
                    }
                });
        }
        ui.label(RichText::new(&document.title).heading().strong());
        match document.published {
            Some(date) => {
                ui.label(
                    RichText::new(format!("Published {}", date.format("%A %-d %B %Y"))).weak(),
                );
            }
            None => self.publication_date_ui(ui, &document.id, set_published),
        }
        match selected.filter(|e| e.document == document.id) {
            Some(e) => {
                ui.label(
                    RichText::new(format!(
                        "Selected: {} — {}",
                        e.event_type.label(),
                        e.summary
                    ))
                    .color(type_color(e.event_type)),
                );
            }
            None => {
                ui.label(
                    RichText::new(
                        "Click a highlight to select its event; click or drag over other text to add an event from it.",
                    )
                    .weak(),
                );
            }
        }
        // A selection in another article, or past the end of a re-read text, is dropped.
        self.text_selection = self
            .text_selection
            .take()
            .filter(|(doc, span)| *doc == document.id && text.get(span.clone()).is_some());
        if let Some(span) = self.text_selection.as_ref().map(|(_, span)| span.clone()) {
            let words = text[span.clone()].split_whitespace().count();
            ui.horizontal(|ui| {
                ui.label(format!(
                    "{words} word{} selected",
                    if words == 1 { "" } else { "s" }
                ));
                if ui
                    .button("Add event from selection")
                    .on_hover_text("A new event with these words as its evidence (Ctrl+N)")
                    .clicked()
                {
                    commands.push(UiCommand::AddEvent {
                        document: document.id.clone(),
                        span: span.clone(),
                    });
                }
                if ui.small_button("Clear").clicked() {
                    self.text_selection = None;
                }
            });
        }
        ui.separator();

        let selected_here = selected.filter(|e| e.document == document.id);
        self.highlighted = selected_here.map(|e| e.id.clone());
        let events = match self.events.take() {
            Some(cached) if cached.key == key && cached.document == document.id => cached,
            _ => DocumentEvents {
                key,
                document: document.id.clone(),
                indices: document_events(dataset, visible, state, &document.id),
            },
        };
        let events = self.events.insert(events);
        let text_key = TextKey {
            view: key,
            document: document.id.clone(),
            selected: selected_index.filter(|_| selected_here.is_some()),
            width: ui.available_width() - 12.0,
            dark: ui.visuals().dark_mode,
            text_color: ui.visuals().text_color(),
            underline: ui.visuals().hyperlink_color,
            text_selection: self.text_selection.as_ref().map(|(_, span)| span.clone()),
            selection_background: ui.visuals().selection.bg_fill,
            selection_text: ui.visuals().selection.stroke.color,
        };
        let job = match self.text.take() {
            Some(cached) if cached.key == text_key => cached.job,
            _ => {
                let doc_events: Vec<&Event> =
                    events.indices.iter().map(|&i| &dataset.events[i]).collect();
                layout_job(&text_key, text, &doc_events, selected_here, document)
            }
        };
        let galley = ui.painter().layout_job(job.clone());
        self.text = Some(HighlightedText { key: text_key, job });
        let events = events.indices.iter().filter_map(|&i| dataset.events.get(i));

        let scroll_target = if follow {
            selected_here.map(|e| char_index(text, e.evidence.start))
        } else {
            None
        };
        self.scrolled_for = state.selection_generation;
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let (rect, response) =
                    ui.allocate_exact_size(galley.size(), Sense::click_and_drag());
                ui.painter()
                    .galley(rect.min, Arc::clone(&galley), ui.visuals().text_color());
                if let Some(index) = scroll_target {
                    let at = galley
                        .pos_from_cursor(CCursor::new(index))
                        .translate(rect.min.to_vec2());
                    ui.scroll_to_rect(at.expand(40.0), Some(Align::Center));
                }
                if response.clicked()
                    && let Some(pos) = response.interact_pointer_pos()
                {
                    let byte = byte_at(text, &galley, pos - rect.min);
                    let hit = events
                        .clone()
                        .find(|e| e.all_evidence().any(|ev| ev.start <= byte && byte < ev.end));
                    match hit {
                        Some(e) => {
                            commands.push(UiCommand::Select(Some(e.id.clone())));
                            self.text_selection = None;
                        }
                        None => {
                            self.text_selection =
                                sentence_at(text, byte).map(|span| (document.id.clone(), span));
                        }
                    }
                }
                if response.double_clicked() && self.highlighted.is_some() {
                    commands.push(UiCommand::OpenEditor);
                }
                if response.drag_started()
                    && let Some(pos) = response.interact_pointer_pos()
                {
                    self.drag_from = Some(byte_at(text, &galley, pos - rect.min));
                }
                if response.dragged()
                    && let (Some(from), Some(pos)) =
                        (self.drag_from, response.interact_pointer_pos())
                {
                    let to = byte_at(text, &galley, pos - rect.min);
                    let span = from.min(to)..from.max(to);
                    self.text_selection = (!span.is_empty()).then(|| (document.id.clone(), span));
                }
                if response.drag_stopped() {
                    self.drag_from = None;
                }
                if response.hovered()
                    && let Some(pos) = response.hover_pos()
                {
                    let byte = byte_at(text, &galley, pos - rect.min);
                    if events
                        .clone()
                        .any(|e| e.all_evidence().any(|ev| ev.start <= byte && byte < ev.end))
                    {
                        ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
                    }
                }
            });
    }

    fn publication_date_ui(
        &mut self,
        ui: &mut egui::Ui,
        document_id: &str,
        set_published: &mut Option<(String, Option<chrono::NaiveDate>)>,
    ) {
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(
                    "Publication date unknown: relative dates (\"on Sunday\") stay unresolved.",
                )
                .color(ui.visuals().warn_fg_color),
            );
            ui.add(
                egui::TextEdit::singleline(&mut self.date_input)
                    .hint_text("YYYY-MM-DD")
                    .desired_width(90.0),
            );
            let parsed = chrono::NaiveDate::parse_from_str(self.date_input.trim(), "%Y-%m-%d").ok();
            if ui
                .add_enabled(parsed.is_some(), egui::Button::new("Set date"))
                .on_hover_text("Resolve this article's relative dates against this day")
                .clicked()
            {
                *set_published = Some((document_id.to_owned(), parsed));
                self.date_input.clear();
            }
        });
    }
}

/// The visible events of a document, by the events' document column (comparing a million
/// document names would read a million events).
fn document_events(
    dataset: &Dataset,
    visible: &[usize],
    state: &ViewState,
    document: &str,
) -> Vec<usize> {
    let columns = state.columns(dataset);
    let Some(wanted) = columns.document_index(document) else {
        return Vec::new();
    };
    if columns.document_ids.len() == 1 {
        // Every event is of this document (one large imported table, say).
        return visible.to_vec();
    }
    visible
        .iter()
        .copied()
        .filter(|&i| columns.documents.get(i) == Some(&wanted))
        .collect()
}

/// Lays out the text with evidence backgrounds and date underlines.
fn layout_job(
    key: &TextKey,
    text: &str,
    events: &[&Event],
    selected: Option<&Event>,
    document: &Document,
) -> LayoutJob {
    let font = FontId::proportional(14.5);
    let (text_color, dark) = (key.text_color, key.dark);
    let mut job = LayoutJob::default();
    job.wrap.max_width = key.width.max(100.0);
    if text.is_empty() {
        // An imported table: nothing to highlight.
        return job;
    }
    // Boundaries where formatting may change.
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for e in events {
        for ev in e.all_evidence() {
            cuts.push(ev.start.min(text.len()));
            cuts.push(ev.end.min(text.len()));
        }
    }
    for d in &document.dates_mentioned {
        cuts.push(d.start.min(text.len()));
        cuts.push(d.end.min(text.len()));
    }
    if let Some(span) = &key.text_selection {
        cuts.push(span.start.min(text.len()));
        cuts.push(span.end.min(text.len()));
    }
    cuts.retain(|&c| text.is_char_boundary(c));
    cuts.sort_unstable();
    cuts.dedup();

    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        if start == end {
            continue;
        }
        let covering = |e: &&&Event| {
            e.all_evidence()
                .any(|ev| ev.start <= start && end <= ev.end)
        };
        let owner = selected
            .filter(|s| covering(&s))
            .or_else(|| events.iter().find(covering).copied());
        let mut format = TextFormat {
            font_id: font.clone(),
            color: text_color,
            line_height: Some(21.0),
            ..Default::default()
        };
        if let Some(e) = owner {
            let is_selected = selected.is_some_and(|s| s.id == e.id);
            let alpha = match (is_selected, dark) {
                (true, _) => 150,
                (false, true) => 55,
                (false, false) => 45,
            };
            let c = type_color(e.event_type);
            format.background = Color32::from_rgba_unmultiplied(c.r(), c.g(), c.b(), alpha);
            if is_selected && !dark {
                format.color = Color32::BLACK;
            }
        }
        if key
            .text_selection
            .as_ref()
            .is_some_and(|span| span.start <= start && end <= span.end)
        {
            format.background = key.selection_background;
            format.color = key.selection_text;
        }
        if document
            .dates_mentioned
            .iter()
            .any(|d| d.start <= start && end <= d.end)
        {
            format.underline = Stroke::new(1.5, key.underline);
        }
        job.append(&text[start..end], 0.0, format);
    }
    job
}

/// The sentence holding a byte offset (None between sentences).
fn sentence_at(text: &str, byte: usize) -> Option<Range<usize>> {
    crate::extract::sentences::split(text)
        .into_iter()
        .find(|s| s.start <= byte && byte < s.end)
        .map(|s| s.start..s.end)
}

/// The character index of a byte offset (the galley counts characters).
fn char_index(text: &str, byte: usize) -> usize {
    text.get(..byte.min(text.len()))
        .map_or(0, |prefix| prefix.chars().count())
}

/// The byte offset under a point of the laid-out text.
fn byte_at(text: &str, galley: &Galley, pos: egui::Vec2) -> usize {
    let cursor = galley.cursor_from_pos(pos);
    text.char_indices()
        .nth(cursor.index.0)
        .map_or(text.len(), |(b, _)| b)
}
