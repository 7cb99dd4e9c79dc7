//! Places that stand for an area (country or region precision): the outline they refer to,
//! its extent for framing, and the light shading that says "somewhere in here".

use super::camera::Camera;
use super::layers;
use crate::geo::shapes::{self, Detail, GeoBox, Outline};
use crate::model::{Dataset, EventType, Place, PlacePrecision};
use crate::ui::colors::type_color;
use egui::{Painter, Rect, Stroke};

/// The outline a country- or region-precision place refers to; None for a site or city,
/// or a region the outline files do not have.
pub(super) fn area_of(place: &Place, detail: Detail) -> Option<&'static Outline> {
    match place.precision {
        PlacePrecision::Country => shapes::country(&place.country, detail),
        PlacePrecision::Region => shapes::region(&place.country, &place.name),
        PlacePrecision::Site | PlacePrecision::City => None,
    }
}

/// The area a place stands for: its main body, without far-off islands.
pub(super) fn extent_of(place: &Place) -> Option<GeoBox> {
    area_of(place, Detail::Coarse).map(Outline::main_bbox)
}

/// Shades the area of each country/region-precision event in its type's colour. One shade
/// per area (the most frequent type's colour), so many events do not stack into a dark
/// blot; the selected event's area is shaded in its own colour and outlined.
pub(super) fn shade(
    painter: &Painter,
    camera: &Camera,
    rect: Rect,
    dataset: &Dataset,
    visible: &[usize],
    selected: Option<usize>,
    detail: Detail,
) {
    let mut areas: Vec<(&Outline, [usize; EventType::ALL.len()])> = Vec::new();
    for event in visible.iter().filter_map(|&i| dataset.events.get(i)) {
        let Some(outline) = event.place.as_ref().and_then(|p| area_of(p, detail)) else {
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
        if let Some(&event_type) = most.and_then(|t| EventType::ALL.get(t)) {
            // The outline in the same colour keeps a blue-shaded country from reading as sea.
            let color = type_color(event_type);
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
        && let Some(outline) = event.place.as_ref().and_then(|p| area_of(p, detail))
    {
        let color = type_color(event.event_type);
        layers::fill(painter, camera, rect, [outline], color.gamma_multiply(0.2));
        layers::stroke(painter, camera, rect, [outline], Stroke::new(1.5, color));
    }
}
