//! Finding places by what a person types, for the place field of the event editor:
//! case- and accent-blind prefix matching on the gazetteer's own names.

use crate::geo::gazetteer::Gazetteer;
use crate::model::{Place, PlacePrecision};

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
    fn nothing_is_found_for_nothing_or_nonsense() {
        assert!(search_places(&GAZETTEER, "   ", 5).is_empty());
        assert!(search_places(&GAZETTEER, "Qxzqxz", 5).is_empty());
        assert_eq!(search_places(&GAZETTEER, "San", 4).len(), 4);
    }
}
