//! The schematic map: offline country outlines with the visible events as markers.
//! Pans, zooms, frames the main cluster of events, and follows the shared selection.
//! Reads the dataset and the view state; a click on a marker becomes a `UiCommand`, and
//! dragging the selected event's marker becomes an edit of its place.

mod areas;
mod camera;
pub(crate) mod caption;
mod clusters;
mod edges;
mod layers;
mod markers;
mod place_columns;
mod places;
#[cfg(test)]
pub(crate) mod tests;
pub(crate) mod view_key;

use crate::edit::Edit;
use crate::geo::gazetteer::GAZETTEER;
use crate::geo::search::place_at;
use crate::geo::shapes::{self, Detail, GeoBox};
use crate::model::{Dataset, Event, Place, PlacePrecision};
use crate::project::MapArea;
use crate::ui::state::{UiCommand, ViewState};
use areas::Area;
use camera::Camera;
use clusters::Clustered;
use egui::{
    Align, Align2, CursorIcon, FontId, Layout, PopupAnchor, Rect, Sense, Stroke, Tooltip,
    UiBuilder, Vec2, vec2,
};
use markers::{Hit, MarkerStyle, Offscreen, Selection};
use places::PlaceIndex;
use view_key::{SelectedLookup, ViewKey};

/// From this zoom (screen points per degree) on, the 1:50m outlines replace the 1:110m ones.
const FINE_DETAIL_SCALE: f64 = 9.0;
/// From this zoom on, state and province borders are drawn too.
const REGION_BORDER_SCALE: f64 = 14.0;
/// How much one "+"/"−" click zooms.
const BUTTON_ZOOM: f64 = 1.6;
/// Zoom per point of mouse-wheel scrolling.
const WHEEL_ZOOM_SPEED: f64 = 0.004;

/// The map pane. Plain state: where the camera is, the events grouped by place, and what
/// the last frame showed.
pub struct MapView {
    /// The screen rect the map was drawn in last frame (for "Export map as PNG").
    pub last_rect: Option<Rect>,
    camera: Option<Camera>,
    fit_requested: bool,
    /// The selection generation already reacted to ("bring into view" happens once).
    seen_generation: Option<u64>,
    /// Whether the last frame had any event with a place (to fit when the first arrives).
    had_places: bool,
    /// The visible events grouped by place, kept until the data or the filters change.
    places: Option<PlaceIndex>,
    /// Each event's place, kept while the dataset stays the same.
    place_columns: Option<std::sync::Arc<place_columns::PlaceColumns>>,
    /// The places on screen clustered into markers, kept until the view or the data change.
    clusters: Option<Clustered>,
    selected: SelectedLookup,
    highlighted: Option<String>,
    /// The event whose marker is being dragged to a new place (an index into the events).
    moving: Option<usize>,
    /// An area to show on the next frame (a reopened project's view).
    restore: Option<GeoBox>,
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
            places: None,
            place_columns: None,
            clusters: None,
            selected: SelectedLookup::default(),
            highlighted: None,
            moving: None,
            restore: None,
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

    /// The part of the world the last frame showed.
    pub fn shown_area(&self) -> Option<MapArea> {
        let area = self.camera?.visible_box(self.last_rect?);
        Some(MapArea {
            west: f64::from(area.min_lon),
            south: f64::from(area.min_lat),
            east: f64::from(area.max_lon),
            north: f64::from(area.max_lat),
        })
    }

    /// Shows this area from the next frame on.
    pub fn show_area(&mut self, area: MapArea) {
        self.restore = Some(GeoBox {
            min_lon: area.west as f32,
            min_lat: area.south as f32,
            max_lon: area.east as f32,
            max_lat: area.north as f32,
        });
    }

    /// Where the last frame drew an event's own marker (not one inside a count badge).
    pub fn marker_position(&self, event: usize) -> Option<egui::Pos2> {
        self.clusters.as_ref()?.groups.iter().find_map(|g| {
            g.events
                .iter()
                .zip(&g.positions)
                .find(|&(&e, _)| e == event)
                .map(|(_, &pos)| pos)
        })
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

        let key = ViewKey::of(dataset, visible, state);
        let index = PlaceIndex::update(
            self.places.take(),
            &mut self.place_columns,
            key,
            dataset,
            visible,
        );
        let selected = self.selected.find(state, key, dataset, visible);
        let selected_event = selected.and_then(|i| dataset.events.get(i));
        let selection = Selection {
            event: selected,
            place: selected_event.and_then(|e| index.place_of(e)),
        };
        let has_places = !index.places.is_empty();

        let mut camera = match (self.restore.take(), self.camera) {
            (Some(area), _) => Camera::showing(rect, &area),
            (None, Some(camera)) if !self.fit_requested && (self.had_places || !has_places) => {
                camera
            }
            _ => fit_camera(rect, &index),
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
        // Dragging the selected event's marker moves the event; dragging elsewhere pans.
        if response.drag_started()
            && let (Some(origin), Some(selected)) =
                (ui.input(|i| i.pointer.press_origin()), selected)
            && self
                .clusters
                .as_ref()
                .and_then(|c| markers::hit_test(&c.groups, origin))
                == Some(Hit::Event(selected))
        {
            self.moving = Some(selected);
        }
        if self.moving.is_none() {
            navigate(ui, &response, rect, &mut camera);
        }

        let pointer = response.hover_pos().filter(|_| !response.dragged());
        let scene = Scene {
            painter: ui.painter_at(rect),
            palette: layers::Palette::from_visuals(ui.visuals()),
            camera,
            rect,
            pointer,
        };
        let countries = scene.paint_land(ui, &index, selected_event);
        let clusters = Clustered::update(self.clusters.take(), key, &index, &camera, rect);
        let drawn = scene.paint_events(ui, dataset, &index, &selection, countries, clusters);
        if let Some(moving) = self.moving {
            self.move_marker(ui, &response, &scene, dataset, moving, commands);
        }

        // Clicks: markers select, badges step through their events, arrows pan; a double
        // click on the bare map zooms in there.
        let on_arrow = |pos: egui::Pos2| drawn.arrows.iter().find(|a| a.rect.contains(pos));
        if let Some(pos) = response.interact_pointer_pos() {
            if response.double_clicked() && drawn.hovered.is_none() && on_arrow(pos).is_none() {
                camera.zoom_at(rect, 2.0, pos);
                ui.ctx().request_repaint();
            } else if response.clicked() {
                if let Some(place) =
                    on_arrow(pos).and_then(|a| drawn.clusters.offscreen.get(a.target))
                {
                    camera.center_on(rect, place.lon_lat);
                    ui.ctx().request_repaint();
                } else if let Some(hit) = markers::hit_test(&drawn.clusters.groups, pos) {
                    let event = match hit {
                        Hit::Event(e) => Some(e),
                        Hit::Badge(g) => drawn
                            .clusters
                            .groups
                            .get(g)
                            .and_then(|g| markers::next_in_badge(g, &index, &selection)),
                    };
                    if let Some(event) = event.and_then(|e| dataset.events.get(e)) {
                        commands.push(UiCommand::Select(Some(event.id.clone())));
                    }
                }
            }
        }
        let hovered_arrow = pointer
            .and_then(on_arrow)
            .and_then(|a| drawn.clusters.offscreen.get(a.target));
        hover_feedback(
            ui,
            &response,
            dataset,
            &index,
            &drawn,
            hovered_arrow,
            selected,
        );

        self.overlay_buttons(ui, rect, &index, &mut camera);
        let note = (!has_places).then_some("No event has a place to show");
        caption::show(
            ui,
            rect,
            Layout::bottom_up(Align::Min),
            selected_event,
            note,
        );

        self.camera = Some(camera);
        self.places = Some(index);
        self.clusters = Some(drawn.clusters);
        self.highlighted = selected_event
            .filter(|e| e.place.is_some())
            .map(|e| e.id.clone());
    }

    /// While the selected marker is dragged: a ghost marker under the pointer, tied to the
    /// old place; on release inside the map, the event's new place.
    fn move_marker(
        &mut self,
        ui: &egui::Ui,
        response: &egui::Response,
        scene: &Scene,
        dataset: &Dataset,
        moving: usize,
        commands: &mut Vec<UiCommand>,
    ) {
        let Some(event) = dataset.events.get(moving) else {
            self.moving = None;
            return;
        };
        let rect = scene.rect;
        let pointer = ui
            .input(|i| i.pointer.interact_pos())
            .filter(|p| rect.contains(*p));
        if let Some(pos) = pointer {
            let color = ui.visuals().selection.stroke.color;
            if let Some(old) = &event.place {
                let from = scene.camera.to_screen(rect, [old.lon, old.lat]);
                scene.painter.extend(egui::Shape::dashed_line(
                    &[from, pos],
                    Stroke::new(1.5, color),
                    5.0,
                    3.0,
                ));
            }
            scene
                .painter
                .circle_stroke(pos, 9.0, Stroke::new(2.5, color));
            ui.ctx().set_cursor_icon(CursorIcon::Grabbing);
        }
        if response.dragged() {
            return;
        }
        // Released: inside the map it is a new place; outside, nothing happens.
        if let Some(pos) = pointer {
            let [lon, lat] = scene.camera.to_geo(rect, pos);
            let lon = (lon + 180.0).rem_euclid(360.0) - 180.0;
            let lat = lat.clamp(-90.0, 90.0);
            let text = event.place.as_ref().map_or("", |p| p.text.as_str());
            commands.push(UiCommand::Edit(Edit::SetPlace {
                event: event.id.clone(),
                place: Some(place_at(&GAZETTEER, lat, lon, text)),
            }));
        }
        self.moving = None;
    }

    /// "+", "−" and "Fit" in the top-right corner.
    fn overlay_buttons(
        &mut self,
        ui: &mut egui::Ui,
        rect: Rect,
        index: &PlaceIndex,
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
            *camera = fit_camera(rect, index);
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
fn fit_camera(rect: Rect, index: &PlaceIndex) -> Camera {
    match camera::fit_area(&index.fit_places()) {
        Some(area) => Camera::fitting(rect, &area),
        None => Camera::world(rect),
    }
}

/// After a selection elsewhere: pan so the place is on screen (zoom kept), or for a whole
/// country that does not fit, frame the country.
fn bring_into_view(camera: &mut Camera, rect: Rect, place: &Place) {
    let lon_lat = [place.lon, place.lat];
    let country = Area::of(place).filter(|_| place.precision == PlacePrecision::Country);
    if let Some(extent) = country.and_then(|a| a.extent()) {
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

/// What one frame of the map draws with: where, how it is projected, in which colours.
struct Scene {
    painter: egui::Painter,
    palette: layers::Palette,
    camera: Camera,
    rect: Rect,
    /// Where the pointer rests over the map (not while dragging).
    pointer: Option<egui::Pos2>,
}

/// What [`Scene::paint_events`] drew, for clicks and tooltips.
struct Drawn {
    clusters: Clustered,
    arrows: Vec<edges::Arrow>,
    hovered: Option<Hit>,
}

impl Scene {
    /// Sea, land, shaded areas and borders. Returns the country outlines drawn (at the
    /// level of detail the zoom calls for), for the names.
    fn paint_land(
        &self,
        ui: &egui::Ui,
        index: &PlaceIndex,
        selected: Option<&Event>,
    ) -> &'static [shapes::Outline] {
        let (painter, camera, rect) = (&self.painter, &self.camera, self.rect);
        painter.rect_filled(rect, 0.0, self.palette.sea);
        let detail = if camera.scale >= FINE_DETAIL_SCALE {
            Detail::Fine
        } else {
            Detail::Coarse
        };
        let countries = match shapes::countries(detail) {
            Ok(countries) => countries,
            Err(error) => {
                let font = FontId::proportional(12.0);
                let color = ui.visuals().error_fg_color;
                painter.text(rect.center(), Align2::CENTER_CENTER, error, font, color);
                &[]
            }
        };
        layers::fill(painter, camera, rect, countries, self.palette.land);
        let selected_area =
            selected.and_then(|e| Some((Area::of(e.place.as_ref()?)?, e.event_type)));
        areas::shade(painter, camera, rect, &index.areas, selected_area, detail);
        let width = if detail == Detail::Fine { 0.8 } else { 0.6 };
        layers::stroke(
            painter,
            camera,
            rect,
            countries,
            Stroke::new(width, self.palette.border),
        );
        if camera.scale >= REGION_BORDER_SCALE
            && let Ok(regions) = shapes::regions()
        {
            let faint = Stroke::new(0.5, self.palette.border.gamma_multiply(0.6));
            layers::stroke(painter, camera, rect, regions, faint);
        }
        countries
    }

    /// Place names, country names where there is room, the markers, and arrows to places
    /// off-screen.
    fn paint_events(
        &self,
        ui: &egui::Ui,
        dataset: &Dataset,
        index: &PlaceIndex,
        selection: &Selection,
        countries: &[shapes::Outline],
        clusters: Clustered,
    ) -> Drawn {
        let (painter, camera, rect) = (&self.painter, &self.camera, self.rect);
        let (groups, offscreen) = (&clusters.groups, &clusters.offscreen);
        // Markers first, then place names, then country names: each avoids what came before.
        let mut taken: Vec<Rect> = groups
            .iter()
            .filter(|g| rect.contains(g.anchor))
            .map(|g| Rect::from_center_size(g.anchor, Vec2::splat(2.0 * g.reach())))
            .collect();
        let palette = &self.palette;
        markers::label_places(painter, rect, groups, index, selection, palette, &mut taken);
        let label_color = palette.country_label;
        layers::country_names(painter, camera, rect, countries, label_color, &mut taken);

        let hovered = self.pointer.and_then(|p| markers::hit_test(groups, p));
        let style = MarkerStyle {
            outline: ui.visuals().extreme_bg_color,
            selection: ui.visuals().strong_text_color(),
            spoke: ui.visuals().weak_text_color(),
        };
        for (g, group) in groups.iter().enumerate() {
            let badge_hovered = hovered == Some(Hit::Badge(g));
            markers::paint_group(
                painter,
                dataset,
                group,
                selection,
                hovered,
                badge_hovered,
                &style,
            );
        }
        let visuals = ui.visuals();
        let arrows = edges::paint(
            painter,
            rect,
            offscreen,
            visuals.window_fill,
            visuals.text_color(),
            &taken,
        );
        Drawn {
            clusters,
            arrows,
            hovered,
        }
    }
}

/// The pointer cursor, and a tooltip for the marker, badge or arrow under it.
fn hover_feedback(
    ui: &egui::Ui,
    response: &egui::Response,
    dataset: &Dataset,
    index: &PlaceIndex,
    drawn: &Drawn,
    hovered_arrow: Option<&Offscreen>,
    selected: Option<usize>,
) {
    if drawn.hovered.is_none() && hovered_arrow.is_none() {
        if response.dragged() {
            ui.ctx().set_cursor_icon(CursorIcon::Grabbing);
        } else if response.hovered() {
            ui.ctx().set_cursor_icon(CursorIcon::Grab);
        }
        return;
    }
    ui.ctx().set_cursor_icon(CursorIcon::PointingHand);
    Tooltip::always_open(
        ui.ctx().clone(),
        ui.layer_id(),
        response.id,
        PopupAnchor::Pointer,
    )
    .gap(12.0)
    .show(|ui| match (drawn.hovered, hovered_arrow) {
        (Some(Hit::Event(e)), _) => {
            if let Some(event) = dataset.events.get(e) {
                caption::event_tooltip(ui, event);
                if selected == Some(e) {
                    ui.weak("Drag to move this event to another place");
                }
            }
        }
        (Some(Hit::Badge(g)), _) => {
            if let Some(group) = drawn.clusters.groups.get(g) {
                markers::badge_tooltip(ui, dataset, index, group);
            }
        }
        (None, Some(place)) => {
            let events = match place.count {
                1 => "1 event".to_owned(),
                n => format!("{n} events"),
            };
            ui.label(format!("{} — {events}; click to go there", place.name));
        }
        (None, None) => {}
    });
}
