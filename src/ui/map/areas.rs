//! Places that stand for an area (country or region precision): the outline they refer to,
//! its extent for framing, and the light shading that says "somewhere in here".

use super::camera::Camera;
use super::layers;
use super::places::{AreaBin, PlaceBin, main_type};
use crate::geo::shapes::{self, Detail, GeoBox, Outline};
use crate::model::{EventType, Place, PlacePrecision};
use crate::ui::colors::type_color;
use egui::{Painter, Rect, Stroke};

/// A country (by ISO code) or a first-level region (by country and name).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) enum Area {
    Country(String),
    Region { country: String, name: String },
}

impl Area {
    /// The area a country- or region-precision place stands for; None for a site or city.
    pub fn of(place: &Place) -> Option<Area> {
        match place.precision {
            PlacePrecision::Country => Some(Area::Country(place.country.to_string())),
            PlacePrecision::Region => Some(Area::Region {
                country: place.country.to_string(),
                name: place.name.to_string(),
            }),
            PlacePrecision::Site | PlacePrecision::City => None,
        }
    }

    /// Its outline; None for a region the outline files do not have.
    pub fn outline(&self, detail: Detail) -> Option<&'static Outline> {
        match self {
            Area::Country(iso2) => shapes::country(iso2, detail),
            Area::Region { country, name } => shapes::region(country, name),
        }
    }

    /// Its main body, without far-off islands.
    pub fn extent(&self) -> Option<GeoBox> {
        self.outline(Detail::Coarse).map(Outline::main_bbox)
    }
}

/// The area a place bin stands for, when its events are country- or region-precise.
pub(super) fn extent_of(bin: &PlaceBin) -> Option<GeoBox> {
    match bin.precision {
        PlacePrecision::Country | PlacePrecision::Region => bin.area.as_ref()?.extent(),
        PlacePrecision::Site | PlacePrecision::City => None,
    }
}

/// Shades each area events refer to in the colour of its most frequent type (one shade per
/// area, so many events do not stack into a dark blot); the selected event's area is
/// shaded in its own colour and outlined.
pub(super) fn shade(
    painter: &Painter,
    camera: &Camera,
    rect: Rect,
    areas: &[AreaBin],
    selected: Option<(Area, EventType)>,
    detail: Detail,
) {
    let view = camera.visible_box(rect);
    for bin in areas {
        let Some(outline) = bin.area.outline(detail) else {
            continue;
        };
        if !outline.bbox.intersects(&view) {
            continue;
        }
        // The outline in the same colour keeps a blue-shaded country from reading as sea.
        let color = type_color(main_type(&bin.types));
        layers::fill(painter, camera, rect, [outline], color.gamma_multiply(0.16));
        let border = Stroke::new(1.0, color.gamma_multiply(0.6));
        layers::stroke(painter, camera, rect, [outline], border);
    }
    if let Some((area, event_type)) = selected
        && let Some(outline) = area.outline(detail)
    {
        let color = type_color(event_type);
        layers::fill(painter, camera, rect, [outline], color.gamma_multiply(0.2));
        layers::stroke(painter, camera, rect, [outline], Stroke::new(1.5, color));
    }
}
