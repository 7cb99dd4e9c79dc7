//! The embedded gazetteer: countries (names, aliases, demonyms) and populated places
//! from GeoNames, indexed by the exact names a news text uses. Loaded once, on first use.

use rustc_hash::FxHashMap;
use std::sync::{LazyLock, OnceLock};

static COUNTRIES_TSV: &str = include_str!("../../assets/geo/countries.tsv");
static CITIES_TSV: &str = include_str!("../../assets/geo/cities.tsv");
static EXTRA_NAMES_TSV: &str = include_str!("../../assets/geo/extra_names.tsv");
static REGIONS_TSV: &str = include_str!("../../assets/geo/regions.tsv");

/// The gazetteer, parsed on first use (a few tens of milliseconds).
pub static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::embedded);

#[derive(Clone, Debug)]
pub struct Country {
    pub iso2: String,
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    pub area_km2: f64,
    pub capital: String,
}

#[derive(Clone, Debug)]
pub struct City {
    pub name: String,
    pub country: String,
    pub admin1: String,
    pub lat: f64,
    pub lon: f64,
    pub population: u64,
}

/// What a name in the text can refer to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NameRef {
    /// A country by its name or alias ("Iraq", "U.S.").
    Country(usize),
    /// A country's people or adjective ("Iraqi", "American").
    Demonym(usize),
    /// A populated place.
    City(usize),
    /// A first-level region (state, province) stored as a place with region precision.
    Region(usize),
}

#[derive(Clone, Debug)]
pub struct Region {
    pub name: String,
    pub country: String,
    pub lat: f64,
    pub lon: f64,
}

pub struct Gazetteer {
    pub countries: Vec<Country>,
    pub cities: Vec<City>,
    pub regions: Vec<Region>,
    /// Each region's admin1 code, read from its cities when first asked (`region_code`).
    region_codes: Vec<OnceLock<Option<String>>>,
    names: FxHashMap<String, Vec<NameRef>>,
    /// Names known only as GeoNames alternates (often transliterations that collide with
    /// words, "Turk" for Angren): weaker evidence than a city's own name.
    alternates: FxHashMap<String, Vec<usize>>,
    /// The most words any indexed name has, to bound look-ups.
    max_words: usize,
}

impl Gazetteer {
    /// The gazetteer built from the files in `assets/geo/`.
    pub fn embedded() -> Gazetteer {
        let mut g = Gazetteer::from_tsv(COUNTRIES_TSV, CITIES_TSV, EXTRA_NAMES_TSV);
        g.add_regions(REGIONS_TSV);
        g
    }

    /// First- and second-level regions ("North Darfur", "Kherson region"). A bare region
    /// name that is also a city's name ("Aleppo") is left to the city.
    pub fn add_regions(&mut self, regions_tsv: &str) {
        for row in rows(regions_tsv) {
            // name country level lat lon population aliases
            if row.len() < 6 {
                continue;
            }
            let index = self.push_region(Region {
                name: row[0].to_owned(),
                country: row[1].to_owned(),
                lat: row[3].parse().unwrap_or(0.0),
                lon: row[4].parse().unwrap_or(0.0),
            });
            let names =
                std::iter::once(row[0]).chain(row.get(6).into_iter().flat_map(|a| split_list(a)));
            for name in names {
                let taken = self.lookup(name).iter().any(|r| {
                    matches!(
                        r,
                        NameRef::City(_) | NameRef::Country(_) | NameRef::Demonym(_)
                    )
                });
                if !taken {
                    self.add_name(name, NameRef::Region(index));
                }
            }
        }
    }

    /// Builds from the three asset tables; malformed rows are skipped.
    pub fn from_tsv(countries_tsv: &str, cities_tsv: &str, extra_tsv: &str) -> Gazetteer {
        let mut g = Gazetteer {
            countries: Vec::new(),
            cities: Vec::new(),
            regions: Vec::new(),
            region_codes: Vec::new(),
            names: FxHashMap::default(),
            alternates: FxHashMap::default(),
            max_words: 1,
        };
        for row in rows(countries_tsv) {
            // iso2 iso3 name official aliases demonyms capital lat lon area_km2
            if row.len() < 10 {
                continue;
            }
            let index = g.countries.len();
            g.countries.push(Country {
                iso2: row[0].to_owned(),
                name: row[2].to_owned(),
                lat: row[7].parse().unwrap_or(0.0),
                lon: row[8].parse().unwrap_or(0.0),
                area_km2: row[9].parse().unwrap_or(0.0),
                capital: row[6].to_owned(),
            });
            g.add_name(row[2], NameRef::Country(index));
            for alias in split_list(row[4]).filter(|a| !is_unsafe_code(a)) {
                g.add_name(alias, NameRef::Country(index));
            }
            for demonym in split_list(row[5]) {
                g.add_name(demonym, NameRef::Demonym(index));
                // Plural forms name the people: "Iraqis took to the streets".
                if !demonym.ends_with('s') && !demonym.ends_with("ese") {
                    g.add_name(&format!("{demonym}s"), NameRef::Demonym(index));
                }
            }
        }
        for row in rows(cities_tsv) {
            // geonameid name asciiname alternates country admin1 lat lon population timezone
            if row.len() < 9 {
                continue;
            }
            let index = g.cities.len();
            g.cities.push(City {
                name: row[1].to_owned(),
                country: row[4].to_owned(),
                admin1: row[5].to_owned(),
                lat: row[6].parse().unwrap_or(0.0),
                lon: row[7].parse().unwrap_or(0.0),
                population: row[8].parse().unwrap_or(0),
            });
            g.add_name(row[1], NameRef::City(index));
            g.add_name(row[2], NameRef::City(index));
            for alternate in split_list(row[3]) {
                if alternate != row[1] && alternate != row[2] {
                    g.alternates
                        .entry(alternate.to_owned())
                        .or_default()
                        .push(index);
                }
                g.add_name(alternate, NameRef::City(index));
            }
        }
        g.add_extra_names(extra_tsv);
        g
    }

    /// Hand-kept names: regions, aliases the registries lack, and names to block.
    fn add_extra_names(&mut self, extra_tsv: &str) {
        for row in rows(extra_tsv) {
            // kind name target [lat lon]
            match row.as_slice() {
                ["block", name, ..] => {
                    self.names.remove(*name);
                }
                ["country_alias", name, iso2, ..] => {
                    if let Some(i) = self.country_index(iso2) {
                        self.add_name(name, NameRef::Country(i));
                    }
                }
                ["demonym", name, iso2, ..] => {
                    if let Some(i) = self.country_index(iso2) {
                        self.add_name(name, NameRef::Demonym(i));
                    }
                }
                ["region", name, iso2, lat, lon, ..] => {
                    let index = self.push_region(Region {
                        name: (*name).to_owned(),
                        country: (*iso2).to_owned(),
                        lat: lat.parse().unwrap_or(0.0),
                        lon: lon.parse().unwrap_or(0.0),
                    });
                    self.add_name(name, NameRef::Region(index));
                }
                ["city_alias", name, city, iso2, ..] => {
                    if let Some(i) = self
                        .cities
                        .iter()
                        .position(|c| c.name == *city && c.country == *iso2)
                    {
                        self.add_name(name, NameRef::City(i));
                    }
                }
                _ => {}
            }
        }
    }

    /// Adds a region (and room for its admin1 code); returns its index.
    fn push_region(&mut self, region: Region) -> usize {
        self.regions.push(region);
        self.region_codes.push(OnceLock::new());
        self.regions.len() - 1
    }

    fn add_name(&mut self, name: &str, target: NameRef) {
        let name = name.trim();
        if name.is_empty() {
            return;
        }
        self.max_words = self.max_words.max(name.split_whitespace().count());
        // "Côte d'Ivoire" is written with a typographic apostrophe as often as not.
        if name.contains('\'') {
            self.add_exact(&name.replace('\'', "’"), target);
        }
        self.add_exact(name, target);
    }

    fn add_exact(&mut self, name: &str, target: NameRef) {
        let entry = self.names.entry(name.to_owned()).or_default();
        if !entry.contains(&target) {
            entry.push(target);
        }
    }

    pub fn country_index(&self, iso2: &str) -> Option<usize> {
        self.countries.iter().position(|c| c.iso2 == iso2)
    }

    pub fn country(&self, iso2: &str) -> Option<&Country> {
        self.country_index(iso2).map(|i| &self.countries[i])
    }

    /// Everything an exact name may refer to (case-sensitive: "Nice" and "nice" differ).
    pub fn lookup(&self, name: &str) -> &[NameRef] {
        self.names.get(name).map_or(&[], Vec::as_slice)
    }

    /// Whether `name` names city `index` only as one of its alternate names.
    pub fn is_alternate_name(&self, name: &str, index: usize) -> bool {
        self.alternates
            .get(name)
            .is_some_and(|cities| cities.contains(&index))
            && self.cities.get(index).is_some_and(|c| c.name != name)
    }

    /// Every name `lookup` knows.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.names.keys().map(String::as_str)
    }

    pub fn max_words(&self) -> usize {
        self.max_words
    }

    /// The place's country code.
    pub fn country_of(&self, r: NameRef) -> &str {
        match r {
            NameRef::Country(i) | NameRef::Demonym(i) => &self.countries[i].iso2,
            NameRef::City(i) => &self.cities[i].country,
            NameRef::Region(i) => &self.regions[i].country,
        }
    }

    pub fn coordinates(&self, r: NameRef) -> (f64, f64) {
        match r {
            NameRef::Country(i) | NameRef::Demonym(i) => {
                (self.countries[i].lat, self.countries[i].lon)
            }
            NameRef::City(i) => (self.cities[i].lat, self.cities[i].lon),
            NameRef::Region(i) => (self.regions[i].lat, self.regions[i].lon),
        }
    }

    /// The canonical name: "Iraq" for "Iraqi", "Washington" for "Washington, D.C.".
    pub fn canonical_name(&self, r: NameRef) -> &str {
        match r {
            NameRef::Country(i) | NameRef::Demonym(i) => &self.countries[i].name,
            NameRef::City(i) => &self.cities[i].name,
            NameRef::Region(i) => &self.regions[i].name,
        }
    }

    /// The capital city of a country, if the gazetteer has it.
    pub fn capital_of(&self, iso2: &str) -> Option<usize> {
        self.city_in(&self.country(iso2)?.capital, iso2)
    }

    /// Whether city `city` lies in region `region` ("Nashville, Illinois" is not the
    /// Tennessee one).
    pub fn city_lies_in(&self, city: usize, region: usize) -> bool {
        let (c, r) = (&self.cities[city], &self.regions[region]);
        c.country == r.country && self.region_code(region) == Some(c.admin1.as_str())
    }

    /// A region's admin1 code. The region table has none, so it is the code most of the
    /// country's cities nearest the region's centre carry.
    fn region_code(&self, region: usize) -> Option<&str> {
        const NEAREST: usize = 7;
        self.region_codes
            .get(region)?
            .get_or_init(|| {
                let r = &self.regions[region];
                let mut near: Vec<(f64, &str)> = self
                    .cities
                    .iter()
                    .filter(|c| c.country == r.country && !c.admin1.is_empty())
                    .map(|c| {
                        (
                            distance_km((r.lat, r.lon), (c.lat, c.lon)),
                            c.admin1.as_str(),
                        )
                    })
                    .collect();
                near.sort_by(|a, b| a.0.total_cmp(&b.0));
                let mut counts: Vec<(&str, usize)> = Vec::new();
                for (_, code) in near.iter().take(NEAREST) {
                    match counts.iter_mut().find(|(c, _)| c == code) {
                        Some((_, n)) => *n += 1,
                        None => counts.push((code, 1)),
                    }
                }
                counts
                    .into_iter()
                    .max_by_key(|(_, n)| *n)
                    .map(|(code, _)| code.to_owned())
            })
            .as_deref()
    }

    /// The city of country `iso2` known by `name` (its index in `cities`).
    pub fn city_in(&self, name: &str, iso2: &str) -> Option<usize> {
        self.lookup(name).iter().find_map(|r| match r {
            NameRef::City(i) if self.cities[*i].country == iso2 => Some(*i),
            _ => None,
        })
    }
}

/// Short upper-case codes that are also words or abbreviations ("IN", "TO", "ME", "AM"):
/// only a few well-known ones name countries in news text.
fn is_unsafe_code(alias: &str) -> bool {
    const KNOWN: [&str; 7] = ["US", "USA", "UK", "UAE", "DRC", "PRC", "DPRK"];
    let letters = alias.chars().filter(|c| c.is_alphabetic()).count();
    letters <= 3
        && alias.chars().all(|c| c.is_uppercase() || c == '.')
        && !KNOWN.contains(&alias)
        && !alias.contains('.')
}

/// Tab-separated rows after the header line; blank lines and `#` comments skipped.
fn rows(tsv: &str) -> impl Iterator<Item = Vec<&str>> {
    tsv.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

fn split_list(field: &str) -> impl Iterator<Item = &str> {
    field.split('|').map(str::trim).filter(|s| !s.is_empty())
}

/// Great-circle distance in kilometres.
pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lat1, lon1) = (a.0.to_radians(), a.1.to_radians());
    let (lat2, lon2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    6371.0 * 2.0 * h.sqrt().asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn baghdad_is_a_large_iraqi_city() {
        let g = &*GAZETTEER;
        let baghdad = g
            .lookup("Baghdad")
            .iter()
            .find_map(|r| match r {
                NameRef::City(i) => Some(&g.cities[*i]),
                _ => None,
            })
            .expect("Baghdad in gazetteer");
        assert_eq!(baghdad.country, "IQ");
        assert!(baghdad.population > 5_000_000);
        assert!(distance_km((baghdad.lat, baghdad.lon), (33.34, 44.40)) < 30.0);
    }

    #[test]
    fn demonyms_and_aliases_name_countries() {
        let g = &*GAZETTEER;
        let country_code = |name: &str| {
            g.lookup(name)
                .iter()
                .find(|r| matches!(r, NameRef::Country(_) | NameRef::Demonym(_)))
                .map(|r| g.country_of(*r).to_owned())
        };
        assert_eq!(country_code("Iraqi").as_deref(), Some("IQ"));
        assert_eq!(country_code("Iraqis").as_deref(), Some("IQ"));
        assert_eq!(country_code("U.S.").as_deref(), Some("US"));
        assert_eq!(country_code("US").as_deref(), Some("US"));
        assert_eq!(country_code("Iran").as_deref(), Some("IR"));
    }

    #[test]
    fn regions_are_named_as_news_names_them() {
        let g = &*GAZETTEER;
        let region = |name: &str| {
            g.lookup(name).iter().find_map(|r| match r {
                NameRef::Region(i) => Some(g.regions[*i].country.clone()),
                _ => None,
            })
        };
        assert_eq!(region("North Darfur").as_deref(), Some("SD"));
        assert_eq!(region("Kherson region").as_deref(), Some("UA"));
        assert_eq!(region("Aleppo province").as_deref(), Some("SY"));
        // The bare name is the city's.
        assert!(
            g.lookup("Aleppo")
                .iter()
                .all(|r| matches!(r, NameRef::City(_)))
        );
    }

    #[test]
    fn short_codes_that_are_words_are_not_place_names() {
        let g = &*GAZETTEER;
        assert!(g.lookup("WAS").is_empty());
        assert!(g.lookup("Of").is_empty());
        assert!(
            g.lookup("TO").is_empty(),
            "Tonga's code is an ordinary word"
        );
        assert!(g.lookup("IN").is_empty());
    }

    #[test]
    fn distance_between_baghdad_and_tehran_is_about_690_km() {
        let d = distance_km((33.34, 44.40), (35.69, 51.39));
        assert!((650.0..730.0).contains(&d), "{d}");
    }
}
