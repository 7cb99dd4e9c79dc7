//! The small overlay naming the selected event, shared by the map and the timeline:
//! "• Air strike · Iraq · 2019-12-29". It is a real label, so screen readers and UI tests
//! can find it.

use crate::model::Event;
use crate::ui::colors::type_color;
use egui::text::{LayoutJob, TextFormat};
use egui::{Layout, Rect, UiBuilder};

/// The caption text of an event.
pub(crate) fn event_caption(event: &Event) -> String {
    let place = event.place.as_ref().map_or("no place", |p| p.name.as_str());
    let date = event
        .date
        .as_ref()
        .map_or_else(|| "undated".to_owned(), |d| d.display());
    format!("• {} · {} · {}", event.event_type.label(), place, date)
}

/// Shows the caption of `event` (or a weak `note` when there is no event) in a corner of
/// `rect`, chosen by `layout` (e.g. bottom-up + left for the bottom-left corner).
pub(crate) fn show(
    ui: &mut egui::Ui,
    rect: Rect,
    layout: Layout,
    event: Option<&Event>,
    note: Option<&str>,
) {
    if event.is_none() && note.is_none() {
        return;
    }
    let mut overlay = ui.new_child(UiBuilder::new().max_rect(rect.shrink(8.0)).layout(layout));
    egui::Frame::new()
        .fill(overlay.visuals().window_fill.gamma_multiply(0.92))
        .stroke(overlay.visuals().window_stroke)
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(6, 3))
        .show(&mut overlay, |ui| {
            if let Some(event) = event {
                label(ui, event);
            } else if let Some(note) = note {
                ui.weak(note);
            }
        });
}

/// The caption of `event` as a label, its bullet in the event type's colour.
pub(crate) fn label(ui: &mut egui::Ui, event: &Event) -> egui::Response {
    let text = event_caption(event);
    let font = egui::TextStyle::Body.resolve(ui.style());
    let bullet_len = text.chars().next().map_or(0, char::len_utf8);
    let (bullet, rest) = text.split_at(bullet_len);
    let mut job = LayoutJob::default();
    job.append(
        bullet,
        0.0,
        TextFormat::simple(font.clone(), type_color(event.event_type)),
    );
    job.append(
        rest,
        0.0,
        TextFormat::simple(font, ui.visuals().strong_text_color()),
    );
    ui.add(egui::Label::new(job).truncate())
}

/// Hover details of an event: summary, type and date, place.
pub(crate) fn event_tooltip(ui: &mut egui::Ui, event: &Event) {
    ui.set_max_width(ui.spacing().tooltip_width);
    ui.strong(&event.summary);
    let date = event
        .date
        .as_ref()
        .map_or_else(|| "undated".to_owned(), |d| d.display());
    ui.label(format!("{} · {}", event.event_type.label(), date));
    match &event.place {
        Some(place) => ui.label(format!("{} ({})", place.name, place.precision.key())),
        None => ui.weak("no place"),
    };
}
