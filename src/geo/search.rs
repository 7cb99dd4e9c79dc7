//! Finding places by what a person types (the editor's place search: case- and
//! accent-blind prefix matching on the gazetteer's names) or points at (a marker dropped on
//! the map: the country under it and the nearest town).

use crate::geo::gazetteer::{Gazetteer, distance_km};
use crate::geo::shapes::{self, Detail, Polygon};
use crate::model::{Place, PlacePrecision};

/// A dropped marker is named after the nearest town this close (km); farther, after the
/// country.
const NEAR_TOWN_KM: f64 = 50.0;

/// Places whose name starts with `query` (ignoring case and accents), best first: exact
/// names before prefixes, then countries before cities (the more populous first) before
/// regions. An empty query finds nothing.
pub fn search_places(gazetteer: &Gazetteer, query: &str, limit: usize) -> Vec<Place> {
    let wanted = fold(query.trim());
    if wanted.is_empty() || limit == 0 {
        return Vec::new();
    }
    // (exact?, kind rank, -population) orders the hits; lower is better.
    let mut hits: Vec<((bool, u8, i64), Place)> = Vec::new();
    let mut consider = |name: &str, kind: u8, population: u64, place: &dyn Fn() -> Place| {
        let folded = fold(name);
        if folded.starts_with(&wanted) {
            let rank = (folded != wanted, kind, -(population as i64));
            hits.push((rank, place()));
        }
    };
    for c in &gazetteer.countries {
        consider(&c.name, 0, u64::MAX / 2, &|| Place {
            name: c.name.as_str().into(),
            lat: c.lat,
            lon: c.lon,
            country: c.iso2.as_str().into(),
            precision: PlacePrecision::Country,
            text: c.name.clone(),
        });
    }
    for r in &gazetteer.regions {
        consider(&r.name, 2, 0, &|| Place {
            name: r.name.as_str().into(),
            lat: r.lat,
            lon: r.lon,
            country: r.country.as_str().into(),
            precision: PlacePrecision::Region,
            text: r.name.clone(),
        });
    }
    for c in &gazetteer.cities {
        consider(&c.name, 1, c.population, &|| Place {
            name: c.name.as_str().into(),
            lat: c.lat,
            lon: c.lon,
            country: c.country.as_str().into(),
            precision: PlacePrecision::City,
            text: c.name.clone(),
        });
    }
    hits.sort_by_key(|(rank, _)| *rank);
    // Regions and cities of the same name in the same country are the same pick for a
    // person choosing from a list: keep the better-ranked one.
    let mut out: Vec<Place> = Vec::with_capacity(limit);
    for (_, place) in hits {
        let duplicate = out.iter().any(|p| {
            p.name == place.name && p.country == place.country && p.precision == place.precision
        });
        if !duplicate {
            out.push(place);
        }
        if out.len() == limit {
            break;
        }
    }
    out
}

/// The place at a point a person chose on the map: exactly there (site precision), named
/// after the main town within 50 km ("near Mosul"), else the country under it, else the
/// coordinates; `text` keeps the words the article used.
pub fn place_at(gazetteer: &Gazetteer, lat: f64, lon: f64, text: &str) -> Place {
    // The town a person would name: a big city a little farther off wins over a village
    // next door (population over squared distance, as in a gravity model).
    let pull =
        |(km, c): &(f64, &crate::geo::gazetteer::City)| c.population as f64 / (km + 5.0).powi(2);
    let nearest = gazetteer
        .cities
        .iter()
        .map(|c| (distance_km((lat, lon), (c.lat, c.lon)), c))
        .filter(|(km, _)| *km <= NEAR_TOWN_KM)
        .max_by(|a, b| pull(a).total_cmp(&pull(b)));
    let country = country_at(lat, lon)
        .or_else(|| nearest.map(|(_, c)| c.country.clone()))
        .unwrap_or_default();
    let name = match nearest {
        Some((km, c)) if c.country == country => {
            if km < 2.0 {
                c.name.clone()
            } else {
                format!("near {}", c.name)
            }
        }
        _ => gazetteer
            .country(&country)
            .map_or_else(|| format!("{lat:.3}, {lon:.3}"), |c| c.name.clone()),
    };
    Place {
        name: name.as_str().into(),
        lat,
        lon,
        country: country.as_str().into(),
        precision: PlacePrecision::Site,
        text: text.to_owned(),
    }
}

/// The ISO code of the country whose outline holds the point.
fn country_at(lat: f64, lon: f64) -> Option<String> {
    let point = [lon as f32, lat as f32];
    shapes::countries(Detail::Fine)
        .ok()?
        .iter()
        .filter(|o| !o.iso2.is_empty() && o.bbox.contains(point))
        .find(|o| {
            o.polygons
                .iter()
                .any(|p| p.bbox.contains(point) && polygon_contains(p, point))
        })
        .map(|o| o.iso2.clone())
}

/// Even-odd rule over the outer ring and its holes.
fn polygon_contains(polygon: &Polygon, [x, y]: [f32; 2]) -> bool {
    let mut inside = false;
    for ring in polygon.rings() {
        let mut previous = match ring.last() {
            Some(&p) => p,
            None => continue,
        };
        for &point in ring {
            let ([x1, y1], [x2, y2]) = (previous, point);
            if (y1 > y) != (y2 > y) && x < x1 + (y - y1) / (y2 - y1) * (x2 - x1) {
                inside = !inside;
            }
            previous = point;
        }
    }
    inside
}

/// Lower case without the common Latin accents, so "sao" finds "São Paulo".
fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
            'ç' | 'č' | 'ć' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' => 'i',
            'ñ' | 'ń' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' => 'u',
            'ý' | 'ÿ' => 'y',
            'š' | 'ś' | 'ş' => 's',
            'ž' | 'ź' | 'ż' => 'z',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::gazetteer::GAZETTEER;

    #[test]
    fn an_exact_name_comes_before_longer_ones() {
        let hits = search_places(&GAZETTEER, "baghdad", 5);
        assert_eq!(hits[0].name, "Baghdad");
        assert_eq!(hits[0].country, "IQ");
        assert_eq!(hits[0].precision, PlacePrecision::City);
    }

    #[test]
    fn countries_come_first_then_populous_cities() {
        let hits = search_places(&GAZETTEER, "Ira", 10);
        let names: Vec<&str> = hits.iter().map(|p| p.name.as_str()).collect();
        let mut first_two = names[..2].to_vec();
        first_two.sort_unstable();
        assert_eq!(first_two, ["Iran", "Iraq"], "{names:?}");
        let springfields = search_places(&GAZETTEER, "Springfield", 10);
        let cities: Vec<&Place> = springfields
            .iter()
            .filter(|p| p.precision == PlacePrecision::City)
            .collect();
        assert!(cities.len() >= 2, "{cities:?}");
        let population = |p: &Place| {
            GAZETTEER
                .cities
                .iter()
                .find(|c| c.name == p.name && c.lat == p.lat)
                .map_or(0, |c| c.population)
        };
        assert!(population(cities[0]) >= population(cities[1]));
    }

    #[test]
    fn accents_and_case_do_not_matter() {
        let hits = search_places(&GAZETTEER, "SAO PAULO", 3);
        assert_eq!(hits[0].name, "São Paulo");
    }

    #[test]
    fn a_point_on_the_map_is_named_after_its_town_and_country() {
        let baghdad = place_at(&GAZETTEER, 33.34, 44.40, "the embassy");
        assert_eq!(baghdad.country.as_str(), "IQ");
        assert_eq!(baghdad.name.as_str(), "Baghdad");
        assert_eq!(baghdad.precision, PlacePrecision::Site);
        assert_eq!(
            (baghdad.lat, baghdad.lon, baghdad.text.as_str()),
            (33.34, 44.40, "the embassy")
        );
        let near = place_at(&GAZETTEER, 36.45, 43.10, "");
        // 4 km from the village of Tallkayf, 18 km from (New) Mosul: the city names it.
        assert!(near.name.starts_with("near Al Mawşil"), "{near:?}");
        assert_eq!(near.country.as_str(), "IQ");
        let desert = place_at(&GAZETTEER, 27.0, 17.0, "");
        assert_eq!(
            (desert.name.as_str(), desert.country.as_str()),
            ("Libya", "LY")
        );
        let ocean = place_at(&GAZETTEER, -40.0, -140.0, "");
        assert_eq!(ocean.name.as_str(), "-40.000, -140.000");
    }

    #[test]
    fn nothing_is_found_for_nothing_or_nonsense() {
        assert!(search_places(&GAZETTEER, "   ", 5).is_empty());
        assert!(search_places(&GAZETTEER, "Qxzqxz", 5).is_empty());
        assert_eq!(search_places(&GAZETTEER, "San", 4).len(), 4);
    }
}
