//! The map's background layers: sea, land, borders, shaded areas and country names.

use super::camera::Camera;
use crate::geo::shapes::{GeoBox, Outline, Polygon};
use egui::epaint::{Mesh, Shape};
use egui::{Align2, Color32, FontId, Painter, Rect, Stroke, Visuals};

/// Map colours derived from the egui theme, so the map reads in light and dark mode.
pub(super) struct Palette {
    pub sea: Color32,
    pub land: Color32,
    pub border: Color32,
    pub country_label: Color32,
    pub place_label: Color32,
    /// Behind place labels, so they stay readable over borders and shading.
    pub label_backdrop: Color32,
}

impl Palette {
    pub fn from_visuals(visuals: &Visuals) -> Palette {
        let water = Color32::from_rgb(60, 110, 170);
        let text = visuals.text_color();
        let land = visuals
            .panel_fill
            .lerp_to_gamma(text, if visuals.dark_mode { 0.12 } else { 0.02 });
        Palette {
            sea: visuals.extreme_bg_color.lerp_to_gamma(water, 0.22),
            land,
            border: land.lerp_to_gamma(text, 0.35),
            country_label: visuals.weak_text_color(),
            place_label: visuals.strong_text_color(),
            label_backdrop: land.gamma_multiply(0.8),
        }
    }
}

fn project(camera: &Camera, rect: Rect, [lon, lat]: [f32; 2]) -> egui::Pos2 {
    camera.to_screen(rect, [f64::from(lon), f64::from(lat)])
}

/// The polygons of `outlines` that reach into the view.
fn visible_polygons<'a>(
    outlines: impl IntoIterator<Item = &'a Outline>,
    view: GeoBox,
) -> impl Iterator<Item = &'a Polygon> {
    outlines
        .into_iter()
        .filter(move |o| o.bbox.intersects(&view))
        .flat_map(|o| o.polygons.iter())
        .filter(move |p| p.bbox.intersects(&view))
}

/// Fills outlines with one colour, from their pre-computed triangles.
pub(super) fn fill<'a>(
    painter: &Painter,
    camera: &Camera,
    rect: Rect,
    outlines: impl IntoIterator<Item = &'a Outline>,
    color: Color32,
) {
    let view = camera.visible_box(rect);
    let mut mesh = Mesh::default();
    for polygon in visible_polygons(outlines, view) {
        let base = mesh.vertices.len() as u32;
        for &point in &polygon.points {
            mesh.colored_vertex(project(camera, rect, point), color);
        }
        mesh.indices
            .extend(polygon.triangles.iter().map(|&i| base + i));
    }
    if !mesh.is_empty() {
        painter.add(Shape::mesh(mesh));
    }
}

/// Draws the rings of outlines (coasts and borders), skipping specks too small to read.
pub(super) fn stroke<'a>(
    painter: &Painter,
    camera: &Camera,
    rect: Rect,
    outlines: impl IntoIterator<Item = &'a Outline>,
    stroke: Stroke,
) {
    let view = camera.visible_box(rect);
    let min_size = 3.0 / camera.scale as f32;
    for polygon in visible_polygons(outlines, view) {
        let b = polygon.bbox;
        if b.max_lon - b.min_lon < min_size && b.max_lat - b.min_lat < min_size {
            continue;
        }
        for ring in polygon.rings() {
            // Points closer than half a screen point add nothing but tessellation work, and a
            // spike that doubles back on itself has no direction for the stroke's normal.
            let mut points: Vec<egui::Pos2> = Vec::with_capacity(ring.len());
            for &point in ring {
                let pos = project(camera, rect, point);
                if points
                    .last()
                    .is_some_and(|last| last.distance_sq(pos) <= 0.25)
                {
                    continue;
                }
                if let [.., a, b] = points[..] {
                    let (into, out) = (b - a, pos - b);
                    if (into.x * out.y - into.y * out.x).abs() < 1e-3 && into.dot(out) < 0.0 {
                        points.pop();
                    }
                }
                points.push(pos);
            }
            if points.len() >= 3 {
                painter.add(Shape::closed_line(points, stroke));
            }
        }
    }
}

/// Writes country names where the country is big enough on screen for its name and the
/// name does not collide with anything already placed (`taken`).
pub(super) fn country_names(
    painter: &Painter,
    camera: &Camera,
    rect: Rect,
    outlines: &[Outline],
    color: Color32,
    taken: &mut Vec<Rect>,
) {
    let view = camera.visible_box(rect);
    let font = FontId::proportional(11.0);
    let mut candidates: Vec<(&Outline, GeoBox)> = outlines
        .iter()
        .filter(|o| !o.name.is_empty() && o.bbox.intersects(&view))
        .map(|o| (o, o.main_bbox()))
        .collect();
    // Big countries first: they are the landmarks.
    candidates.sort_by(|a, b| area(&b.1).total_cmp(&area(&a.1)));
    for (outline, body) in candidates {
        let pos = project(camera, rect, outline.label);
        if !rect.shrink(4.0).contains(pos) {
            continue;
        }
        let width = (body.max_lon - body.min_lon) * (camera.scale * camera.lon_factor) as f32;
        let height = (body.max_lat - body.min_lat) * camera.scale as f32;
        let galley = painter.layout_no_wrap(outline.name.clone(), font.clone(), color);
        if galley.size().x > width * 0.85 || galley.size().y > height * 0.6 {
            continue;
        }
        let label_rect = Align2::CENTER_CENTER.anchor_size(pos, galley.size());
        if !rect.contains_rect(label_rect)
            || taken.iter().any(|r| r.intersects(label_rect.expand(3.0)))
        {
            continue;
        }
        taken.push(label_rect);
        painter.galley(label_rect.min, galley, color);
    }
}

fn area(b: &GeoBox) -> f32 {
    (b.max_lon - b.min_lon) * (b.max_lat - b.min_lat)
}

/// Writes a place name left-aligned at `pos` on a soft backdrop, unless it collides.
/// Returns whether it was written.
pub(super) fn place_name(
    painter: &Painter,
    rect: Rect,
    pos: egui::Pos2,
    text: &str,
    strong: bool,
    palette: &Palette,
    taken: &mut Vec<Rect>,
) -> bool {
    let font = FontId::proportional(if strong { 13.0 } else { 12.0 });
    let galley = painter.layout_no_wrap(text.to_owned(), font, palette.place_label);
    let label_rect = Align2::LEFT_CENTER.anchor_size(pos, galley.size());
    if !strong
        && (!rect.contains_rect(label_rect) || taken.iter().any(|r| r.intersects(label_rect)))
    {
        return false;
    }
    painter.rect_filled(label_rect.expand(1.5), 3.0, palette.label_backdrop);
    taken.push(label_rect.expand(2.0));
    painter.galley(label_rect.min, galley, palette.place_label);
    true
}
