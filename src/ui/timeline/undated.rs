//! The strip below the timeline: "Undated (N)" and one clickable chip per undated event,
//! so events the article gives no date for are visible without a made-up time. Only the
//! chips scrolled into view are built, so a large dataset costs what fits on screen.

use super::UNDATED_STRIP_HEIGHT;
use crate::model::{Dataset, Event};
use crate::ui::colors::type_color;
use crate::ui::map::caption;
use crate::ui::state::UiCommand;
use egui::{Rect, Sense, Stroke, pos2, vec2};

/// Width of one chip with its gap.
const CHIP_PITCH: f32 = 21.0;
const CHIP_SIZE: f32 = 18.0;

/// "Undated (N)" and the chips, in a horizontal scroll area. `undated` and `selected` are
/// indices into `dataset.events`.
pub(super) fn strip(
    ui: &mut egui::Ui,
    dataset: &Dataset,
    undated: &[usize],
    selected: Option<usize>,
    new_selection: bool,
    commands: &mut Vec<UiCommand>,
) {
    ui.horizontal(|ui| {
        // Exactly the height the plot left for it: less, and the panel would shrink by the
        // difference on every frame.
        ui.set_height(UNDATED_STRIP_HEIGHT);
        let label = ui.label(format!("Undated ({})", undated.len()));
        label.on_hover_text("Events the article gives no date for; they are not placed in time.");
        let selected_at = selected.and_then(|s| undated.iter().position(|&e| e == s));
        egui::ScrollArea::horizontal()
            .id_salt("timeline_undated")
            .show_viewport(ui, |ui, viewport| {
                let origin = ui.min_rect().min;
                ui.set_width(undated.len() as f32 * CHIP_PITCH);
                ui.set_height(CHIP_SIZE);
                let chip_rect = |i: usize| {
                    let left = origin.x + i as f32 * CHIP_PITCH;
                    Rect::from_min_size(pos2(left, origin.y), vec2(CHIP_SIZE, CHIP_SIZE))
                };
                if new_selection && let Some(at) = selected_at {
                    ui.scroll_to_rect(chip_rect(at), None);
                }
                let first = (viewport.min.x / CHIP_PITCH).floor().max(0.0) as usize;
                let last = ((viewport.max.x / CHIP_PITCH).ceil() as usize + 1).min(undated.len());
                for (i, &index) in undated.iter().enumerate().take(last).skip(first) {
                    let Some(event) = dataset.events.get(index) else {
                        continue;
                    };
                    let response = chip(ui, chip_rect(i), event, selected == Some(index));
                    if response.clicked() {
                        commands.push(UiCommand::Select(Some(event.id.clone())));
                    }
                }
            });
    });
}

/// A small dot standing for one undated event; named after its summary for screen readers.
fn chip(ui: &mut egui::Ui, rect: Rect, event: &Event, selected: bool) -> egui::Response {
    let response = ui.interact(
        rect,
        ui.scope_id().with(("undated", &event.id)),
        Sense::click(),
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &event.summary));
    let color = type_color(event.event_type);
    let center = rect.center();
    let painter = ui.painter();
    let radius = if selected {
        6.0
    } else if response.hovered() {
        5.5
    } else {
        4.5
    };
    if selected {
        painter.circle_filled(center, 9.0, color.gamma_multiply(0.3));
    }
    painter.circle(
        center,
        radius,
        color,
        Stroke::new(1.0, ui.visuals().extreme_bg_color),
    );
    if selected {
        let ring = Stroke::new(1.5, ui.visuals().strong_text_color());
        painter.circle_stroke(center, radius + 2.0, ring);
    }
    response.on_hover_ui(|ui| caption::event_tooltip(ui, event))
}
