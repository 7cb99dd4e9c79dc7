//! Country (and first-level region) outlines for the schematic map, at two levels of detail.
//! Parsed once from `assets/geo/*.json` (Natural Earth, see `tools/build_geo_assets.py`) and
//! triangulated up front, because a painter can only fill convex shapes. Degrees, no UI.

use serde::Deserialize;
use std::sync::LazyLock;

/// Which outline set to use: coarse for the whole world, fine when zoomed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Detail {
    /// Natural Earth 1:110m (≈10k points).
    Coarse,
    /// Natural Earth 1:50m (≈100k points).
    Fine,
}

/// A longitude/latitude box. Longitudes may exceed ±180 for rings that cross the antimeridian.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GeoBox {
    pub min_lon: f32,
    pub min_lat: f32,
    pub max_lon: f32,
    pub max_lat: f32,
}

impl GeoBox {
    pub const EMPTY: GeoBox = GeoBox {
        min_lon: f32::INFINITY,
        min_lat: f32::INFINITY,
        max_lon: f32::NEG_INFINITY,
        max_lat: f32::NEG_INFINITY,
    };

    pub fn include(&mut self, [lon, lat]: [f32; 2]) {
        self.min_lon = self.min_lon.min(lon);
        self.min_lat = self.min_lat.min(lat);
        self.max_lon = self.max_lon.max(lon);
        self.max_lat = self.max_lat.max(lat);
    }

    pub fn union(mut self, other: &GeoBox) -> GeoBox {
        self.min_lon = self.min_lon.min(other.min_lon);
        self.min_lat = self.min_lat.min(other.min_lat);
        self.max_lon = self.max_lon.max(other.max_lon);
        self.max_lat = self.max_lat.max(other.max_lat);
        self
    }

    pub fn is_empty(&self) -> bool {
        !(self.min_lon <= self.max_lon && self.min_lat <= self.max_lat)
    }

    pub fn intersects(&self, other: &GeoBox) -> bool {
        self.min_lon <= other.max_lon
            && other.min_lon <= self.max_lon
            && self.min_lat <= other.max_lat
            && other.min_lat <= self.max_lat
    }

    pub fn contains(&self, [lon, lat]: [f32; 2]) -> bool {
        (self.min_lon..=self.max_lon).contains(&lon) && (self.min_lat..=self.max_lat).contains(&lat)
    }

    pub fn center(&self) -> [f32; 2] {
        [
            (self.min_lon + self.max_lon) / 2.0,
            (self.min_lat + self.max_lat) / 2.0,
        ]
    }
}

/// One filled area: an outer ring, its holes (enclaves, lakes), and triangles covering it.
#[derive(Clone, Debug)]
pub struct Polygon {
    /// `[lon, lat]` of the outer ring, then of every hole. Rings are open (last != first).
    pub points: Vec<[f32; 2]>,
    /// Where each ring starts in `points`; the outer ring starts at 0.
    pub ring_starts: Vec<usize>,
    /// Indices into `points`, three per triangle.
    pub triangles: Vec<u32>,
    pub bbox: GeoBox,
    /// Area in square degrees, holes subtracted (only to rank polygons against each other).
    pub area: f32,
}

impl Polygon {
    /// The outer ring and then the holes, each as a slice of points.
    pub fn rings(&self) -> impl Iterator<Item = &[[f32; 2]]> {
        let ends = self
            .ring_starts
            .iter()
            .skip(1)
            .copied()
            .chain(std::iter::once(self.points.len()));
        self.ring_starts
            .iter()
            .zip(ends)
            .map(|(&start, end)| &self.points[start..end])
    }
}

/// A country or a first-level region with its outline.
#[derive(Clone, Debug)]
pub struct Outline {
    /// ISO 3166-1 alpha-2 code; empty for areas without one (e.g. Northern Cyprus).
    pub iso2: String,
    pub name: String,
    /// Where to write the name: `[lon, lat]`, inside the largest polygon.
    pub label: [f32; 2],
    pub polygons: Vec<Polygon>,
    pub bbox: GeoBox,
}

impl Outline {
    /// The bounding box of the largest polygon: the country's "main body", without far islands.
    pub fn main_bbox(&self) -> GeoBox {
        self.polygons
            .iter()
            .max_by(|a, b| a.area.total_cmp(&b.area))
            .map_or(self.bbox, |p| p.bbox)
    }
}

/// The outline files could not be read (a build problem: the data are compiled in).
#[derive(Clone, Debug, thiserror::Error)]
#[error(
    "cannot read map outlines from {file}: {message}; rebuild them with tools/build_geo_assets.py"
)]
pub struct ShapesError {
    pub file: &'static str,
    pub message: String,
}

type Loaded = Result<Vec<Outline>, ShapesError>;

static WORLD_110M: LazyLock<Loaded> = LazyLock::new(|| {
    parse_outlines(
        "assets/geo/world_110m.json",
        include_bytes!("../../assets/geo/world_110m.json"),
    )
});
static WORLD_50M: LazyLock<Loaded> = LazyLock::new(|| {
    parse_outlines(
        "assets/geo/world_50m.json",
        include_bytes!("../../assets/geo/world_50m.json"),
    )
});
static REGIONS_50M: LazyLock<Loaded> = LazyLock::new(|| {
    parse_outlines(
        "assets/geo/regions_50m.json",
        include_bytes!("../../assets/geo/regions_50m.json"),
    )
});

/// All country outlines at the given detail (parsed and triangulated on first use).
pub fn countries(detail: Detail) -> Result<&'static [Outline], ShapesError> {
    let loaded = match detail {
        Detail::Coarse => &*WORLD_110M,
        Detail::Fine => &*WORLD_50M,
    };
    loaded.as_deref().map_err(Clone::clone)
}

/// First-level subdivisions (states, provinces) of a few large countries, at fine detail.
pub fn regions() -> Result<&'static [Outline], ShapesError> {
    REGIONS_50M.as_deref().map_err(Clone::clone)
}

/// The outline of one country by ISO code, e.g. `country("IQ", Detail::Coarse)`.
pub fn country(iso2: &str, detail: Detail) -> Option<&'static Outline> {
    if iso2.is_empty() {
        return None;
    }
    countries(detail)
        .ok()?
        .iter()
        .find(|c| c.iso2.eq_ignore_ascii_case(iso2))
}

/// A region by its country and name, e.g. `region("US", "California")`.
pub fn region(iso2: &str, name: &str) -> Option<&'static Outline> {
    regions()
        .ok()?
        .iter()
        .find(|r| r.iso2.eq_ignore_ascii_case(iso2) && r.name.eq_ignore_ascii_case(name))
}

#[derive(Deserialize)]
struct RawFile {
    countries: Vec<RawOutline>,
}

#[derive(Deserialize)]
struct RawOutline {
    iso2: String,
    name: String,
    label: [f64; 2],
    /// Each ring is a flat list `lon, lat, lon, lat, ...`, closed.
    rings: Vec<Vec<f64>>,
}

fn parse_outlines(file: &'static str, bytes: &[u8]) -> Loaded {
    let raw: RawFile = serde_json::from_slice(bytes).map_err(|e| ShapesError {
        file,
        message: e.to_string(),
    })?;
    Ok(raw
        .countries
        .into_iter()
        .filter_map(build_outline)
        .collect())
}

fn build_outline(raw: RawOutline) -> Option<Outline> {
    let rings: Vec<Vec<[f64; 2]>> = raw
        .rings
        .iter()
        .filter_map(|flat| open_ring(flat))
        .collect();
    let polygons = assemble_polygons(rings);
    if polygons.is_empty() {
        return None;
    }
    let bbox = polygons
        .iter()
        .fold(GeoBox::EMPTY, |acc, p| acc.union(&p.bbox));
    Some(Outline {
        iso2: raw.iso2,
        name: raw.name,
        label: [raw.label[0] as f32, raw.label[1] as f32],
        polygons,
        bbox,
    })
}

/// Pairs up a flat coordinate list, drops the closing point, and unwraps rings that cross
/// the antimeridian (e.g. Chukotka, Fiji) so they stay one piece instead of a band across
/// the whole map. Rings around a pole (Antarctica) cross it once and are left as they are.
fn open_ring(flat: &[f64]) -> Option<Vec<[f64; 2]>> {
    let mut ring: Vec<[f64; 2]> = flat
        .chunks_exact(2)
        .map(|c| [c[0], c[1]])
        .filter(|p| p[0].is_finite() && p[1].is_finite())
        .collect();
    if ring.len() > 1 && ring.first() == ring.last() {
        ring.pop();
    }
    if ring.len() < 3 {
        return None;
    }
    let mut unwrapped = ring.clone();
    let mut shift = 0.0;
    for i in 1..ring.len() {
        let jump = ring[i][0] - ring[i - 1][0];
        if jump > 180.0 {
            shift -= 360.0;
        } else if jump < -180.0 {
            shift += 360.0;
        }
        unwrapped[i][0] = ring[i][0] + shift;
    }
    let closing_jump = ring[0][0] - ring[ring.len() - 1][0];
    let closing_shift = if closing_jump > 180.0 {
        -360.0
    } else if closing_jump < -180.0 {
        360.0
    } else {
        0.0
    };
    if shift + closing_shift == 0.0 {
        // Keep the ring on the side of the antimeridian where most of it lies.
        let mean = unwrapped.iter().map(|p| p[0]).sum::<f64>() / unwrapped.len() as f64;
        if mean > 180.0 {
            unwrapped.iter_mut().for_each(|p| p[0] -= 360.0);
        } else if mean < -180.0 {
            unwrapped.iter_mut().for_each(|p| p[0] += 360.0);
        }
        Some(unwrapped)
    } else {
        Some(ring)
    }
}

/// Twice the signed area (shoelace); positive for counter-clockwise rings (lat up).
fn signed_area(ring: &[[f64; 2]]) -> f64 {
    let n = ring.len();
    (0..n)
        .map(|i| {
            let [x1, y1] = ring[i];
            let [x2, y2] = ring[(i + 1) % n];
            x1 * y2 - x2 * y1
        })
        .sum()
}

fn point_in_ring([x, y]: [f64; 2], ring: &[[f64; 2]]) -> bool {
    let mut inside = false;
    let mut j = ring.len() - 1;
    for i in 0..ring.len() {
        let [xi, yi] = ring[i];
        let [xj, yj] = ring[j];
        if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
            inside = !inside;
        }
        j = i;
    }
    inside
}

/// Groups the rings of one feature into polygons. The files do not say which ring is a hole;
/// Natural Earth winds holes opposite to outer rings, so the winding of the largest ring
/// tells which is which, and each hole goes to the smallest outer ring that contains it.
fn assemble_polygons(rings: Vec<Vec<[f64; 2]>>) -> Vec<Polygon> {
    let areas: Vec<f64> = rings.iter().map(|r| signed_area(r)).collect();
    let Some(largest) = areas
        .iter()
        .copied()
        .max_by(|a, b| a.abs().total_cmp(&b.abs()))
    else {
        return Vec::new();
    };
    let outer_sign = largest.signum();
    let is_outer = |i: usize| areas[i] == 0.0 || areas[i].signum() == outer_sign;

    let mut holes_of: Vec<Vec<usize>> = vec![Vec::new(); rings.len()];
    let mut orphans = Vec::new();
    for hole in (0..rings.len()).filter(|&i| !is_outer(i)) {
        let owner = (0..rings.len())
            .filter(|&o| is_outer(o) && point_in_ring(rings[hole][0], &rings[o]))
            .min_by(|&a, &b| areas[a].abs().total_cmp(&areas[b].abs()));
        match owner {
            Some(o) => holes_of[o].push(hole),
            None => orphans.push(hole),
        }
    }

    let mut earcut = earcut::Earcut::<f64>::new();
    let mut polygons = Vec::new();
    for outer in (0..rings.len()).filter(|&i| is_outer(i)).chain(orphans) {
        let mut points: Vec<[f64; 2]> = rings[outer].clone();
        let mut ring_starts = vec![0];
        let mut area = areas[outer].abs() / 2.0;
        for &hole in &holes_of[outer] {
            area -= areas[hole].abs() / 2.0;
            ring_starts.push(points.len());
            points.extend_from_slice(&rings[hole]);
        }
        let mut triangles: Vec<u32> = Vec::new();
        let hole_starts: Vec<u32> = ring_starts[1..].iter().map(|&i| i as u32).collect();
        earcut.earcut(points.iter().copied(), &hole_starts, &mut triangles);
        let points: Vec<[f32; 2]> = points
            .iter()
            .map(|&[lon, lat]| [lon as f32, lat as f32])
            .collect();
        let bbox = points.iter().fold(GeoBox::EMPTY, |mut b, &p| {
            b.include(p);
            b
        });
        polygons.push(Polygon {
            points,
            ring_starts,
            triangles,
            bbox,
            area: area as f32,
        });
    }
    polygons
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw_file(bytes: &[u8]) -> RawFile {
        serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("asset does not parse: {e}"))
    }

    #[test]
    fn iraq_is_on_the_map_with_its_label_near_baghdad() {
        for detail in [Detail::Coarse, Detail::Fine] {
            let iraq = country("IQ", detail).unwrap_or_else(|| panic!("no Iraq at {detail:?}"));
            assert_eq!(iraq.name, "Iraq");
            let [lon, lat] = iraq.label;
            assert!(
                (lat - 33.0).abs() < 2.0 && (lon - 44.0).abs() < 2.0,
                "{lon} {lat}"
            );
            assert!(
                iraq.bbox.contains([44.4, 33.3]),
                "Baghdad is inside Iraq's box"
            );
            assert!(!iraq.polygons[0].triangles.is_empty());
        }
    }

    #[test]
    fn every_ring_in_the_assets_is_closed_and_in_range() {
        let files: [&[u8]; 3] = [
            include_bytes!("../../assets/geo/world_110m.json"),
            include_bytes!("../../assets/geo/world_50m.json"),
            include_bytes!("../../assets/geo/regions_50m.json"),
        ];
        for bytes in files {
            for c in raw_file(bytes).countries {
                assert!((-180.0..=180.0).contains(&c.label[0]), "{}", c.name);
                assert!((-90.0..=90.0).contains(&c.label[1]), "{}", c.name);
                for ring in &c.rings {
                    assert_eq!(ring.len() % 2, 0, "{}: odd coordinate count", c.name);
                    assert!(ring.len() / 2 >= 4, "{}: ring with < 4 points", c.name);
                    assert_eq!(ring[..2], ring[ring.len() - 2..], "{}: open ring", c.name);
                    for p in ring.chunks_exact(2) {
                        assert!((-180.0..=180.0).contains(&p[0]), "{}: lon {}", c.name, p[0]);
                        assert!((-90.0..=90.0).contains(&p[1]), "{}: lat {}", c.name, p[1]);
                    }
                }
            }
        }
    }

    #[test]
    fn every_polygon_is_triangulated() {
        for detail in [Detail::Coarse, Detail::Fine] {
            let all = countries(detail).unwrap_or_else(|e| panic!("{e}"));
            assert!(all.len() > 150, "{detail:?}: only {} countries", all.len());
            for outline in all {
                for polygon in &outline.polygons {
                    assert!(polygon.points.len() >= 3);
                    assert_eq!(polygon.triangles.len() % 3, 0);
                    assert!(
                        !polygon.triangles.is_empty(),
                        "{} untriangulated",
                        outline.name
                    );
                    let n = polygon.points.len() as u32;
                    assert!(polygon.triangles.iter().all(|&i| i < n));
                }
            }
        }
    }

    #[test]
    fn enclaves_are_holes_not_land_twice() {
        // Lesotho lies inside South Africa: South Africa's polygon has a hole there.
        let south_africa = country("ZA", Detail::Coarse).unwrap_or_else(|| panic!("no ZA"));
        assert!(
            south_africa
                .polygons
                .iter()
                .any(|p| p.ring_starts.len() > 1)
        );
    }

    #[test]
    fn rings_across_the_antimeridian_stay_in_one_piece() {
        let russia = country("RU", Detail::Coarse).unwrap_or_else(|| panic!("no RU"));
        for polygon in &russia.polygons {
            for ring in polygon.rings() {
                for pair in ring.windows(2) {
                    assert!(
                        (pair[0][0] - pair[1][0]).abs() < 180.0,
                        "jump in a Russian ring"
                    );
                }
            }
        }
    }

    #[test]
    fn a_ring_crossing_the_antimeridian_is_unwrapped() {
        // A small island straddling 180°, as a ring that jumps from +179 to -179 and back.
        let flat = [
            179.0, -16.0, -179.0, -16.0, -179.0, -17.0, 179.0, -17.0, 179.0, -16.0,
        ];
        let ring = open_ring(&flat).unwrap_or_else(|| panic!("ring dropped"));
        assert_eq!(ring.len(), 4);
        assert!(
            ring.iter().all(|p| (178.0..=182.0).contains(&p[0])),
            "{ring:?}"
        );
        // A ring around the pole crosses once and stays as it is.
        let polar = [
            -180.0, -80.0, 0.0, -85.0, 180.0, -80.0, 180.0, -90.0, -180.0, -90.0, -180.0, -80.0,
        ];
        let ring = open_ring(&polar).unwrap_or_else(|| panic!("ring dropped"));
        assert_eq!(ring[0][0], -180.0);
    }

    #[test]
    fn regions_name_us_states() {
        let california = region("US", "California").unwrap_or_else(|| panic!("no California"));
        assert!(california.bbox.contains([-119.4, 36.8]));
    }
}
