//! The schematic map: offline country outlines with the visible events as markers.
//! Pans, zooms, frames the main cluster of events, and follows the shared selection.
//! Reads the dataset and the view state; a click on a marker becomes a `UiCommand`.

mod camera;
pub(crate) mod caption;
mod edges;
mod layers;
mod markers;

use crate::geo::shapes::{self, Detail, GeoBox};
use crate::model::{Dataset, EventType, Place, PlacePrecision};
use crate::ui::colors::type_color;
use crate::ui::state::{UiCommand, ViewState};
use camera::{Camera, FitPlace};
use egui::{
    Align, Align2, CursorIcon, FontId, Layout, PopupAnchor, Rect, Sense, Stroke, Tooltip,
    UiBuilder, Vec2, vec2,
};
use markers::{Group, Hit, MarkerStyle};

/// From this zoom (screen points per degree) on, the 1:50m outlines replace the 1:110m ones.
const FINE_DETAIL_SCALE: f64 = 9.0;
/// From this zoom on, state and province borders are drawn too.
const REGION_BORDER_SCALE: f64 = 14.0;
/// How much one "+"/"−" click zooms.
const BUTTON_ZOOM: f64 = 1.6;
/// Zoom per point of mouse-wheel scrolling.
const WHEEL_ZOOM_SPEED: f64 = 0.004;

/// The map pane. Plain state: where the camera is and what the last frame showed.
pub struct MapView {
    /// The screen rect the map was drawn in last frame (for "Export map as PNG").
    pub last_rect: Option<Rect>,
    camera: Option<Camera>,
    fit_requested: bool,
    /// The selection generation already reacted to ("bring into view" happens once).
    seen_generation: Option<u64>,
    /// Whether the last frame had any event with a place (to fit when the first arrives).
    had_places: bool,
    highlighted: Option<String>,
}

impl Default for MapView {
    fn default() -> Self {
        Self::new()
    }
}

impl MapView {
    pub fn new() -> Self {
        // Parse and triangulate the fine outlines in the background, so the first zoom-in
        // does not stall a frame.
        std::thread::spawn(|| {
            let _ = shapes::countries(Detail::Fine);
            let _ = shapes::regions();
        });
        MapView {
            last_rect: None,
            camera: None,
            fit_requested: true,
            seen_generation: None,
            had_places: false,
            highlighted: None,
        }
    }

    /// Frame the main cluster of events on the next frame.
    pub fn request_fit(&mut self) {
        self.fit_requested = true;
    }

    /// The id of the event drawn as selected in the last frame.
    pub fn highlighted(&self) -> Option<&str> {
        self.highlighted.as_deref()
    }

    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        dataset: &Dataset,
        visible: &[usize],
        state: &ViewState,
        commands: &mut Vec<UiCommand>,
    ) {
        let available = ui.available_size();
        let size = vec2(finite_or(available.x, 400.0), finite_or(available.y, 300.0))
            .max(vec2(120.0, 120.0));
        let (rect, response) = ui.allocate_exact_size(size, Sense::click_and_drag());
        self.last_rect = Some(rect);

        let selected = state.selected.as_deref().and_then(|id| {
            visible
                .iter()
                .copied()
                .find(|&i| dataset.events.get(i).is_some_and(|e| e.id == id))
        });
        let selected_event = selected.and_then(|i| dataset.events.get(i));

        let has_places = visible
            .iter()
            .any(|&i| dataset.events.get(i).is_some_and(|e| e.place.is_some()));
        let mut camera = match self.camera {
            Some(camera) if !self.fit_requested && (self.had_places || !has_places) => camera,
            _ => fit_camera(rect, dataset, visible),
        };
        self.fit_requested = false;
        self.had_places = has_places;

        if self.seen_generation != Some(state.selection_generation) {
            if self.seen_generation.is_some()
                && let Some(place) = selected_event.and_then(|e| e.place.as_ref())
            {
                bring_into_view(&mut camera, rect, place);
            }
            self.seen_generation = Some(state.selection_generation);
        }

        navigate(ui, &response, rect, &mut camera);

        // Paint: sea, land, shaded areas, borders, labels, markers, edge arrows.
        let painter = ui.painter_at(rect);
        let palette = layers::Palette::from_visuals(ui.visuals());
        painter.rect_filled(rect, 0.0, palette.sea);
        let detail = if camera.scale >= FINE_DETAIL_SCALE {
            Detail::Fine
        } else {
            Detail::Coarse
        };
        let countries = match shapes::countries(detail) {
            Ok(countries) => countries,
            Err(error) => {
                painter.text(
                    rect.center(),
                    Align2::CENTER_CENTER,
                    error.to_string(),
                    FontId::proportional(12.0),
                    ui.visuals().error_fg_color,
                );
                &[]
            }
        };
        layers::fill(&painter, &camera, rect, countries, palette.land);
        shade_vague_places(&painter, &camera, rect, dataset, visible, selected, detail);
        let border_width = if detail == Detail::Fine { 0.8 } else { 0.6 };
        layers::stroke(
            &painter,
            &camera,
            rect,
            countries,
            Stroke::new(border_width, palette.border),
        );
        if camera.scale >= REGION_BORDER_SCALE
            && let Ok(regions) = shapes::regions()
        {
            layers::stroke(
                &painter,
                &camera,
                rect,
                regions,
                Stroke::new(0.5, palette.border.gamma_multiply(0.6)),
            );
        }

        let groups = markers::layout(dataset, visible, &camera, rect);
        let mut taken: Vec<Rect> = groups
            .iter()
            .filter(|g| rect.contains(g.anchor))
            .map(|g| Rect::from_center_size(g.anchor, Vec2::splat(2.0 * g.reach())))
            .collect();
        label_places(&painter, rect, &groups, selected, &palette, &mut taken);
        layers::country_names(
            &painter,
            &camera,
            rect,
            countries,
            palette.country_label,
            &mut taken,
        );

        let pointer = response.hover_pos().filter(|_| !response.dragged());
        let hovered = pointer.and_then(|p| markers::hit_test(&groups, p));
        let style = MarkerStyle {
            outline: ui.visuals().extreme_bg_color,
            selection: ui.visuals().strong_text_color(),
            spoke: ui.visuals().weak_text_color(),
        };
        for group in groups
            .iter()
            .filter(|g| rect.expand(40.0).contains(g.anchor))
        {
            markers::paint_group(&painter, dataset, group, selected, hovered, &style);
        }
        let arrows = edges::paint(
            &painter,
            rect,
            dataset,
            &groups,
            ui.visuals().window_fill,
            ui.visuals().text_color(),
            &taken,
        );
        let hovered_arrow = pointer.and_then(|p| arrows.iter().find(|a| a.rect.contains(p)));

        // Clicks: markers select, badges cycle through their events, arrows pan.
        if response.clicked()
            && let Some(pos) = response.interact_pointer_pos()
        {
            if let Some(arrow) = arrows.iter().find(|a| a.rect.contains(pos)) {
                if let Some(group) = groups.get(arrow.group) {
                    camera.center_on(rect, group.lon_lat);
                    ui.ctx().request_repaint();
                }
            } else if let Some(hit) = markers::hit_test(&groups, pos) {
                let event = match hit {
                    Hit::Event(e) => Some(e),
                    Hit::Badge(g) => groups.get(g).and_then(|g| next_in_badge(g, selected)),
                };
                if let Some(event) = event.and_then(|e| dataset.events.get(e)) {
                    commands.push(UiCommand::Select(Some(event.id.clone())));
                }
            }
        } else if response.double_clicked()
            && hovered.is_none()
            && let Some(pos) = response.interact_pointer_pos()
        {
            camera.zoom_at(rect, 2.0, pos);
        }

        if hovered.is_some() || hovered_arrow.is_some() {
            ui.ctx().set_cursor_icon(CursorIcon::PointingHand);
            Tooltip::always_open(
                ui.ctx().clone(),
                ui.layer_id(),
                response.id,
                PopupAnchor::Pointer,
            )
            .gap(12.0)
            .show(|ui| match (hovered, hovered_arrow) {
                (Some(Hit::Event(e)), _) => {
                    if let Some(event) = dataset.events.get(e) {
                        caption::event_tooltip(ui, event);
                    }
                }
                (Some(Hit::Badge(g)), _) => {
                    if let Some(group) = groups.get(g) {
                        badge_tooltip(ui, dataset, group);
                    }
                }
                (None, Some(arrow)) => {
                    if let Some(group) = groups.get(arrow.group) {
                        ui.label(format!(
                            "{} — {} event(s); click to go there",
                            group.place_name,
                            group.events.len()
                        ));
                    }
                }
                (None, None) => {}
            });
        } else if response.dragged() {
            ui.ctx().set_cursor_icon(CursorIcon::Grabbing);
        } else if response.hovered() {
            ui.ctx().set_cursor_icon(CursorIcon::Grab);
        }

        self.overlay_buttons(ui, rect, dataset, visible, &mut camera);
        let note = (!has_places).then_some("No event has a place to show");
        caption::show(
            ui,
            rect,
            Layout::bottom_up(Align::Min),
            selected_event,
            note,
        );

        self.camera = Some(camera);
        self.highlighted = selected_event
            .filter(|e| e.place.is_some())
            .map(|e| e.id.clone());
    }

    /// "+", "−" and "Fit" in the top-right corner.
    fn overlay_buttons(
        &mut self,
        ui: &mut egui::Ui,
        rect: Rect,
        dataset: &Dataset,
        visible: &[usize],
        camera: &mut Camera,
    ) {
        let mut overlay = ui.new_child(
            UiBuilder::new()
                .max_rect(rect.shrink(8.0))
                .layout(Layout::right_to_left(Align::Min)),
        );
        overlay.spacing_mut().item_spacing.x = 4.0;
        let button = |text: &str| egui::Button::new(text).min_size(vec2(26.0, 24.0));
        let mut changed = false;
        if overlay
            .add(button("Fit"))
            .on_hover_text("Frame the events")
            .clicked()
        {
            *camera = fit_camera(rect, dataset, visible);
            changed = true;
        }
        if overlay.add(button("−")).on_hover_text("Zoom out").clicked() {
            camera.zoom_at(rect, 1.0 / BUTTON_ZOOM, rect.center());
            changed = true;
        }
        if overlay.add(button("+")).on_hover_text("Zoom in").clicked() {
            camera.zoom_at(rect, BUTTON_ZOOM, rect.center());
            changed = true;
        }
        if changed {
            // This frame is already painted with the old view.
            ui.ctx().request_repaint();
        }
    }
}

fn finite_or(value: f32, fallback: f32) -> f32 {
    if value.is_finite() { value } else { fallback }
}

/// Drag to pan; wheel, ctrl+wheel or pinch to zoom around the pointer.
fn navigate(ui: &egui::Ui, response: &egui::Response, rect: Rect, camera: &mut Camera) {
    if response.dragged() {
        camera.pan(rect, response.drag_delta());
    }
    if !response.contains_pointer() {
        return;
    }
    let Some(pointer) = response.hover_pos() else {
        return;
    };
    let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta, i.zoom_delta()));
    let factor = f64::from(zoom) * (f64::from(scroll.y) * WHEEL_ZOOM_SPEED).exp();
    if factor != 1.0 {
        camera.zoom_at(rect, factor, pointer);
    }
    if scroll.x != 0.0 {
        camera.pan(rect, vec2(scroll.x, 0.0));
    }
    if scroll != Vec2::ZERO {
        // The map used the wheel; a surrounding scroll area must not scroll as well.
        ui.ctx().input_mut(|i| i.smooth_scroll_delta = Vec2::ZERO);
    }
}

/// Frames the main cluster of visible events, or the whole world when none has a place.
fn fit_camera(rect: Rect, dataset: &Dataset, visible: &[usize]) -> Camera {
    let places: Vec<FitPlace> = visible
        .iter()
        .filter_map(|&i| dataset.events.get(i)?.place.as_ref())
        .filter(|p| p.lat.is_finite() && p.lon.is_finite())
        .map(|p| FitPlace {
            lon_lat: [p.lon, p.lat],
            extent: extent_of(p),
        })
        .collect();
    match camera::fit_area(&places) {
        Some(area) => Camera::fitting(rect, &area),
        None => Camera::world(rect),
    }
}

/// The area a country- or region-precision place stands for (its main body, without
/// far-off islands), or None for a site or city.
fn extent_of(place: &Place) -> Option<GeoBox> {
    let outline = match place.precision {
        PlacePrecision::Country => shapes::country(&place.country, Detail::Coarse),
        PlacePrecision::Region => shapes::region(&place.country, &place.name),
        PlacePrecision::Site | PlacePrecision::City => None,
    };
    outline.map(|o| o.main_bbox())
}

/// After a selection elsewhere: pan so the place is on screen (zoom kept), or for a whole
/// country that does not fit, frame the country.
fn bring_into_view(camera: &mut Camera, rect: Rect, place: &Place) {
    let lon_lat = [place.lon, place.lat];
    if let Some(extent) = extent_of(place).filter(|_| place.precision == PlacePrecision::Country) {
        let corners = [
            [extent.min_lon, extent.min_lat],
            [extent.max_lon, extent.max_lat],
        ];
        let fits = corners.iter().all(|&[lon, lat]| {
            rect.contains(camera.to_screen(rect, [f64::from(lon), f64::from(lat)]))
        });
        if !fits {
            let mut area = extent;
            let pad = ((area.max_lat - area.min_lat) * 0.2).max(1.0);
            area.min_lon -= pad;
            area.max_lon += pad;
            area.min_lat -= pad;
            area.max_lat += pad;
            *camera = Camera::fitting(rect, &area);
        }
        return;
    }
    if !rect.shrink(30.0).contains(camera.to_screen(rect, lon_lat)) {
        camera.center_on(rect, lon_lat);
    }
}

/// Lightly shades the country (or region) of each country/region-precision event in its
/// type's colour: those events are somewhere in that area, not at the marker. One shade per
/// area (the most frequent type's colour), so many events do not stack into a dark blot;
/// the selected event's area is shaded in its colour and outlined.
fn shade_vague_places(
    painter: &egui::Painter,
    camera: &Camera,
    rect: Rect,
    dataset: &Dataset,
    visible: &[usize],
    selected: Option<usize>,
    detail: Detail,
) {
    let area_of = |event: &crate::model::Event| {
        let place = event.place.as_ref()?;
        match place.precision {
            PlacePrecision::Country => shapes::country(&place.country, detail),
            PlacePrecision::Region => shapes::region(&place.country, &place.name),
            PlacePrecision::Site | PlacePrecision::City => None,
        }
    };
    // (area, counts per event type), in order of first appearance.
    let mut areas: Vec<(&shapes::Outline, [usize; EventType::ALL.len()])> = Vec::new();
    for event in visible.iter().filter_map(|&i| dataset.events.get(i)) {
        let Some(outline) = area_of(event) else {
            continue;
        };
        let slot = match areas.iter().position(|(o, _)| std::ptr::eq(*o, outline)) {
            Some(slot) => slot,
            None => {
                areas.push((outline, [0; EventType::ALL.len()]));
                areas.len() - 1
            }
        };
        areas[slot].1[event.event_type.index()] += 1;
    }
    for (outline, counts) in &areas {
        let most = (0..counts.len()).max_by_key(|&t| (counts[t], usize::MAX - t));
        if let Some(event_type) = most.and_then(|t| EventType::ALL.get(t)) {
            // The outline in the same colour keeps a blue-shaded country from reading as sea.
            let color = type_color(*event_type);
            layers::fill(
                painter,
                camera,
                rect,
                [*outline],
                color.gamma_multiply(0.16),
            );
            let border = Stroke::new(1.0, color.gamma_multiply(0.6));
            layers::stroke(painter, camera, rect, [*outline], border);
        }
    }
    if let Some(event) = selected.and_then(|i| dataset.events.get(i))
        && let Some(outline) = area_of(event)
    {
        let color = type_color(event.event_type);
        layers::fill(painter, camera, rect, [outline], color.gamma_multiply(0.2));
        layers::stroke(painter, camera, rect, [outline], Stroke::new(1.5, color));
    }
}

/// Names the places where events are ("Baghdad"), the selected event's place first.
fn label_places(
    painter: &egui::Painter,
    rect: Rect,
    groups: &[Group],
    selected: Option<usize>,
    palette: &layers::Palette,
    taken: &mut Vec<Rect>,
) {
    let mut order: Vec<&Group> = groups.iter().filter(|g| rect.contains(g.anchor)).collect();
    order.sort_by_key(|g| {
        (
            !selected.is_some_and(|s| g.events.contains(&s)),
            std::cmp::Reverse(g.events.len()),
        )
    });
    for group in order {
        if let Some((pos, name)) = markers::place_label(group) {
            let strong = selected.is_some_and(|s| group.events.contains(&s));
            layers::place_name(painter, rect, pos, name, strong, palette, taken);
        }
    }
}

/// Which event a click on a count badge selects: the one after the selected one, so
/// repeated clicks visit every event at that place.
fn next_in_badge(group: &Group, selected: Option<usize>) -> Option<usize> {
    let position = selected.and_then(|s| group.events.iter().position(|&e| e == s));
    match position {
        Some(p) => group.events.get((p + 1) % group.events.len()).copied(),
        None => group.events.first().copied(),
    }
}

fn badge_tooltip(ui: &mut egui::Ui, dataset: &Dataset, group: &Group) {
    ui.set_max_width(ui.spacing().tooltip_width);
    ui.strong(format!(
        "{} events at {}",
        group.events.len(),
        group.place_name
    ));
    for &e in group.events.iter().take(10) {
        if let Some(event) = dataset.events.get(e) {
            ui.label(format!("• {}", event.summary));
        }
    }
    if group.events.len() > 10 {
        ui.weak(format!("… and {} more", group.events.len() - 10));
    }
    ui.weak("Click to step through them");
}
