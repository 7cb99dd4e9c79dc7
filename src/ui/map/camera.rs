//! Where the map looks: an equirectangular projection around a centre, and the framing of
//! the events ("fit") that picks the main cluster instead of the whole world.

use crate::geo::shapes::GeoBox;
use egui::{Pos2, Rect, Vec2, pos2};

/// The most zoomed-in view: about 200 m per screen point, finer than the outlines.
const MAX_SCALE: f64 = 600.0;
/// Events further than this from the densest place are left out of the fit.
const CLUSTER_RADIUS_KM: f64 = 2500.0;
/// The smallest area a fit shows, in degrees of latitude, so one point is not zoomed in forever.
const MIN_FIT_SPAN: f64 = 10.0;
/// Above this many places, the densest point is looked for among 10° cells.
const EXACT_CLUSTER_LIMIT: usize = 800;
/// Room around the fitted events, as a fraction of their extent on each side.
const FIT_PADDING: f64 = 0.2;

/// A view of the map: plate carrée (equirectangular) with longitudes squashed by the cosine
/// of the latitude the view was fitted to. That keeps shapes near the events undistorted,
/// is trivially invertible, and the squash is fixed between fits so panning is rigid.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    /// `[lon, lat]` at the centre of the view.
    pub center: [f64; 2],
    /// Screen points per degree of latitude.
    pub scale: f64,
    /// Width of a degree of longitude relative to a degree of latitude.
    pub lon_factor: f64,
}

impl Camera {
    /// The whole world in a rect.
    pub fn world(rect: Rect) -> Camera {
        let mut camera = Camera {
            center: [10.0, 20.0],
            scale: 1.0,
            lon_factor: 1.0,
        };
        camera.scale = camera.min_scale(rect);
        camera
    }

    pub fn to_screen(self, rect: Rect, [lon, lat]: [f64; 2]) -> Pos2 {
        let c = rect.center();
        pos2(
            c.x + ((lon - self.center[0]) * self.scale * self.lon_factor) as f32,
            c.y - ((lat - self.center[1]) * self.scale) as f32,
        )
    }

    pub fn to_geo(self, rect: Rect, pos: Pos2) -> [f64; 2] {
        let c = rect.center();
        [
            self.center[0] + f64::from(pos.x - c.x) / (self.scale * self.lon_factor),
            self.center[1] - f64::from(pos.y - c.y) / self.scale,
        ]
    }

    /// The part of the world inside `rect`.
    pub fn visible_box(&self, rect: Rect) -> GeoBox {
        let [west, north] = self.to_geo(rect, rect.left_top());
        let [east, south] = self.to_geo(rect, rect.right_bottom());
        GeoBox {
            min_lon: west as f32,
            min_lat: south as f32,
            max_lon: east as f32,
            max_lat: north as f32,
        }
    }

    /// Moves the map with the pointer (a drag of `delta` screen points).
    pub fn pan(&mut self, rect: Rect, delta: Vec2) {
        self.center[0] -= f64::from(delta.x) / (self.scale * self.lon_factor);
        self.center[1] += f64::from(delta.y) / self.scale;
        self.clamp(rect);
    }

    /// Zooms by `factor` (> 1 zooms in) keeping the place under `anchor` where it is.
    pub fn zoom_at(&mut self, rect: Rect, factor: f64, anchor: Pos2) {
        let before = self.to_geo(rect, anchor);
        self.scale = (self.scale * factor).clamp(self.min_scale(rect), MAX_SCALE);
        let after = self.to_geo(rect, anchor);
        self.center[0] += before[0] - after[0];
        self.center[1] += before[1] - after[1];
        self.clamp(rect);
    }

    /// Centres the view on a place, keeping the zoom.
    pub fn center_on(&mut self, rect: Rect, lon_lat: [f64; 2]) {
        self.center = lon_lat;
        self.clamp(rect);
    }

    /// A view that shows `area` (in degrees) as large as fits in `rect`.
    pub fn fitting(rect: Rect, area: &GeoBox) -> Camera {
        let center_lat = f64::from(area.min_lat + area.max_lat) / 2.0;
        let lon_factor = center_lat.to_radians().cos().clamp(0.35, 1.0);
        let width = f64::from(area.max_lon - area.min_lon).max(1e-6) * lon_factor;
        let height = f64::from(area.max_lat - area.min_lat).max(1e-6);
        let scale = (f64::from(rect.width()) / width).min(f64::from(rect.height()) / height);
        let mut camera = Camera {
            center: [f64::from(area.min_lon + area.max_lon) / 2.0, center_lat],
            scale,
            lon_factor,
        };
        camera.scale = camera.scale.clamp(camera.min_scale(rect), MAX_SCALE);
        camera.clamp(rect);
        camera
    }

    /// The view whose visible box was `area` in a window of this size (a saved view):
    /// exactly that box again in the same window, its centre and height in another.
    pub fn showing(rect: Rect, area: &GeoBox) -> Camera {
        let height = f64::from(area.max_lat - area.min_lat).max(1e-6);
        let width = f64::from(area.max_lon - area.min_lon).max(1e-6);
        let scale = f64::from(rect.height()) / height;
        let mut camera = Camera {
            center: [
                f64::from(area.min_lon + area.max_lon) / 2.0,
                f64::from(area.min_lat + area.max_lat) / 2.0,
            ],
            scale,
            lon_factor: (f64::from(rect.width()) / (width * scale)).clamp(0.35, 1.0),
        };
        camera.clamp(rect);
        camera
    }

    /// Zoomed out just enough to show the whole world.
    fn min_scale(&self, rect: Rect) -> f64 {
        let w = f64::from(rect.width().max(1.0));
        let h = f64::from(rect.height().max(1.0));
        (w / (360.0 * self.lon_factor)).min(h / 180.0)
    }

    /// Keeps the planet in view: the map cannot be dragged off into empty space, and when
    /// the whole width (or height) of the world fits, it is centred.
    fn clamp(&mut self, rect: Rect) {
        self.scale = self.scale.clamp(self.min_scale(rect), MAX_SCALE);
        let half_width = f64::from(rect.width()) / 2.0 / (self.scale * self.lon_factor);
        let half_height = f64::from(rect.height()) / 2.0 / self.scale;
        self.center[0] = clamp_centre(self.center[0], half_width, 180.0);
        self.center[1] = clamp_centre(self.center[1], half_height, 90.0);
    }
}

/// A centre coordinate that keeps `[centre - half, centre + half]` inside `[-limit, limit]`,
/// or 0 when the view is wider than that.
fn clamp_centre(centre: f64, half: f64, limit: f64) -> f64 {
    if half >= limit {
        0.0
    } else {
        centre.clamp(-limit + half, limit - half)
    }
}

/// A place to frame: its coordinates, for country/region precision the area it stands for,
/// and how many events are there.
#[derive(Clone, Copy, Debug)]
pub struct FitPlace {
    pub lon_lat: [f64; 2],
    pub extent: Option<GeoBox>,
    pub weight: usize,
}

/// Great-circle distance in kilometres.
pub fn distance_km(a: [f64; 2], b: [f64; 2]) -> f64 {
    let (lon1, lat1) = (a[0].to_radians(), a[1].to_radians());
    let (lon2, lat2) = (b[0].to_radians(), b[1].to_radians());
    let h = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().min(1.0).asin()
}

/// The indices of the places in the densest cluster: everything within 2,500 km of the
/// point with the most events around it. One far-away event (a statement in Washington
/// about strikes in Iraq) must not zoom the map out to the whole world.
pub fn main_cluster(places: &[FitPlace]) -> Vec<usize> {
    let Some(center) = densest_point(places) else {
        return Vec::new();
    };
    (0..places.len())
        .filter(|&i| distance_km(center, places[i].lon_lat) <= CLUSTER_RADIUS_KM)
        .collect()
}

/// The place (or, for many places, the 10° cell centre) with the most events within the
/// cluster radius; pairwise, so the candidates are kept to a few hundred.
fn densest_point(places: &[FitPlace]) -> Option<[f64; 2]> {
    let candidates: Vec<([f64; 2], usize)> = if places.len() <= EXACT_CLUSTER_LIMIT {
        places.iter().map(|p| (p.lon_lat, p.weight)).collect()
    } else {
        let mut cells: std::collections::BTreeMap<(i64, i64), ([f64; 2], usize)> =
            std::collections::BTreeMap::new();
        for p in places {
            let key = (
                (p.lon_lat[0] / 10.0).floor() as i64,
                (p.lon_lat[1] / 10.0).floor() as i64,
            );
            let cell = cells.entry(key).or_insert(([0.0, 0.0], 0));
            let w = p.weight as f64;
            cell.0[0] += p.lon_lat[0] * w;
            cell.0[1] += p.lon_lat[1] * w;
            cell.1 += p.weight;
        }
        cells
            .into_values()
            .filter(|(_, w)| *w > 0)
            .map(|([lon, lat], w)| ([lon / w as f64, lat / w as f64], w))
            .collect()
    };
    let around = |i: usize| -> usize {
        candidates
            .iter()
            .filter(|(p, _)| distance_km(candidates[i].0, *p) <= CLUSTER_RADIUS_KM)
            .map(|(_, w)| w)
            .sum()
    };
    (0..candidates.len())
        .max_by_key(|&i| (around(i), usize::MAX - i))
        .map(|i| candidates[i].0)
}

/// The area a fit should show: the main cluster (countries included whole), padded, and at
/// least [`MIN_FIT_SPAN`] degrees tall and wide. None when there is nothing to frame.
pub fn fit_area(places: &[FitPlace]) -> Option<GeoBox> {
    let mut area = GeoBox::EMPTY;
    for i in main_cluster(places) {
        let place = places[i];
        area.include([place.lon_lat[0] as f32, place.lon_lat[1] as f32]);
        if let Some(extent) = place.extent {
            area = area.union(&extent);
        }
    }
    if area.is_empty() {
        return None;
    }
    let pad_lon = ((area.max_lon - area.min_lon) * FIT_PADDING as f32).max(0.5);
    let pad_lat = ((area.max_lat - area.min_lat) * FIT_PADDING as f32).max(0.5);
    area.min_lon -= pad_lon;
    area.max_lon += pad_lon;
    area.min_lat -= pad_lat;
    area.max_lat += pad_lat;
    let [lon, lat] = area.center();
    let half = MIN_FIT_SPAN as f32 / 2.0;
    let half_lon = half / (lat.to_radians().cos().max(0.35));
    area.min_lon = area.min_lon.min(lon - half_lon);
    area.max_lon = area.max_lon.max(lon + half_lon);
    area.min_lat = area.min_lat.min(lat - half).max(-89.0);
    area.max_lat = area.max_lat.max(lat + half).min(89.0);
    Some(area)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BAGHDAD: [f64; 2] = [44.4, 33.34];
    const IRAQ: [f64; 2] = [44.0, 33.0];
    const WASHINGTON: [f64; 2] = [-77.04, 38.9];
    const IRAQ_BOX: GeoBox = GeoBox {
        min_lon: 38.8,
        min_lat: 29.1,
        max_lon: 48.6,
        max_lat: 37.4,
    };

    fn point(lon_lat: [f64; 2]) -> FitPlace {
        FitPlace {
            lon_lat,
            extent: None,
            weight: 1,
        }
    }

    #[test]
    fn the_sample_article_is_framed_on_iraq_not_the_world() {
        let places = [
            point(BAGHDAD),
            FitPlace {
                lon_lat: IRAQ,
                extent: Some(IRAQ_BOX),
                weight: 1,
            },
            point(BAGHDAD),
            point(WASHINGTON),
        ];
        assert_eq!(main_cluster(&places), vec![0, 1, 2]);
        let area = fit_area(&places).unwrap_or_else(|| panic!("no fit"));
        assert!(
            area.contains([38.8, 29.1]) && area.contains([48.6, 37.4]),
            "{area:?}"
        );
        assert!(!area.contains([WASHINGTON[0] as f32, WASHINGTON[1] as f32]));
        // Iraq's neighbours show around it: Damascus, Tehran, Kuwait City.
        assert!(
            area.contains([36.3, 33.5]) || area.min_lon < 38.0,
            "{area:?}"
        );
        assert!(area.max_lon - area.min_lon < 30.0, "{area:?}");
    }

    #[test]
    fn a_single_city_is_not_zoomed_in_forever() {
        let area = fit_area(&[point(BAGHDAD)]).unwrap_or_else(|| panic!("no fit"));
        assert!(area.max_lat - area.min_lat >= 10.0 - 1e-3);
        assert!(area.contains([44.4, 33.34]));
    }

    #[test]
    fn many_places_are_clustered_on_a_grid_and_still_find_the_crowd() {
        // A thousand places around Baghdad and a hundred spread over the Americas.
        let mut places: Vec<FitPlace> = (0..1000)
            .map(|i| point([44.0 + (i % 10) as f64 * 0.1, 33.0 + (i / 100) as f64 * 0.1]))
            .collect();
        places.extend((0..100).map(|i| point([-120.0 + i as f64 * 0.5, -30.0 + i as f64 * 0.6])));
        let area = fit_area(&places).unwrap_or_else(|| panic!("no fit"));
        assert!(area.contains([44.4, 33.5]), "{area:?}");
        assert!(area.max_lon - area.min_lon < 40.0, "{area:?}");
    }

    #[test]
    fn nothing_to_frame_gives_no_fit() {
        assert!(fit_area(&[]).is_none());
    }

    #[test]
    fn screen_and_geo_coordinates_round_trip() {
        let rect = Rect::from_min_size(pos2(10.0, 20.0), egui::vec2(800.0, 500.0));
        let camera = Camera::fitting(rect, &IRAQ_BOX);
        let pos = camera.to_screen(rect, BAGHDAD);
        let back = camera.to_geo(rect, pos);
        assert!((back[0] - BAGHDAD[0]).abs() < 1e-3 && (back[1] - BAGHDAD[1]).abs() < 1e-3);
        assert!(rect.contains(pos));
        let visible = camera.visible_box(rect);
        assert!(visible.contains([38.9, 29.2]) && visible.contains([48.5, 37.3]));
    }

    #[test]
    fn zooming_keeps_the_place_under_the_pointer() {
        let rect = Rect::from_min_size(Pos2::ZERO, egui::vec2(600.0, 400.0));
        let mut camera = Camera::fitting(rect, &IRAQ_BOX);
        let anchor = pos2(150.0, 120.0);
        let before = camera.to_geo(rect, anchor);
        camera.zoom_at(rect, 2.0, anchor);
        let after = camera.to_geo(rect, anchor);
        assert!((before[0] - after[0]).abs() < 1e-6 && (before[1] - after[1]).abs() < 1e-6);
    }
}
