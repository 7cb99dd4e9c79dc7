//! Synthetic event sets for benchmarks and tests: N events from a seed, always the same.
//! Dates spread over years in bursts, places drawn from the gazetteer weighted by
//! population, every event type, and some undated or country-only events, like real data.

use chrono::{Datelike, Duration, NaiveDate};

use crate::geo::gazetteer::{GAZETTEER, Gazetteer};
use crate::model::{
    Dataset, DatePrecision, Document, Event, EventDate, EventType, Evidence, Interner, Place,
    PlacePrecision, SharedStr,
};

/// What to generate.
#[derive(Clone, Debug)]
pub struct SynthOptions {
    pub events: usize,
    pub seed: u64,
    /// How many documents the events are spread over (at least one).
    pub documents: usize,
    /// First and last day events may fall on.
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// Share of events without a date, and without a place.
    pub undated: f64,
    pub unplaced: f64,
    /// Share of placed events known only to the country.
    pub country_only: f64,
}

impl SynthOptions {
    /// `events` events over 2014–2024 from one table-like document, 5% undated, 5% without
    /// a place and 15% placed only in a country.
    pub fn new(events: usize, seed: u64) -> SynthOptions {
        SynthOptions {
            events,
            seed,
            documents: 1,
            from: NaiveDate::from_ymd_opt(2014, 1, 1).unwrap_or_default(),
            to: NaiveDate::from_ymd_opt(2024, 12, 31).unwrap_or_default(),
            undated: 0.05,
            unplaced: 0.05,
            country_only: 0.15,
        }
    }
}

/// A small, fast, deterministic generator (SplitMix64); good enough for test data.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in [0, n); 0 when n is 0.
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// How often each type occurs (roughly ACLED's mix: protests and clashes dominate).
const TYPE_WEIGHTS: [(EventType, u32); 14] = [
    (EventType::Protest, 26),
    (EventType::Riot, 6),
    (EventType::Attack, 10),
    (EventType::AirStrike, 7),
    (EventType::ShellingMissile, 9),
    (EventType::ArmedClash, 16),
    (EventType::Killing, 5),
    (EventType::Evacuation, 2),
    (EventType::Statement, 8),
    (EventType::Arrest, 5),
    (EventType::Disaster, 2),
    (EventType::Election, 1),
    (EventType::Agreement, 2),
    (EventType::Other, 1),
];

const ACTORS: [&str; 16] = [
    "Police Forces",
    "Military Forces",
    "Protesters",
    "Rioters",
    "Islamic State",
    "Kataib Hezbollah",
    "Rebel Forces",
    "Unidentified Armed Group",
    "Civilians",
    "Government",
    "Opposition Party",
    "Students",
    "Labour Union",
    "Militia",
    "United Nations",
    "Red Cross",
];

const VERBS: [(EventType, &str); 14] = [
    (EventType::Protest, "held a protest"),
    (EventType::Riot, "rioted and set fire to cars"),
    (EventType::Attack, "attacked a checkpoint"),
    (EventType::AirStrike, "carried out air strikes"),
    (EventType::ShellingMissile, "shelled residential areas"),
    (EventType::ArmedClash, "clashed with government forces"),
    (EventType::Killing, "killed civilians"),
    (EventType::Evacuation, "evacuated residents"),
    (EventType::Statement, "issued a statement"),
    (EventType::Arrest, "arrested demonstrators"),
    (EventType::Disaster, "reported flooding"),
    (EventType::Election, "held elections"),
    (EventType::Agreement, "signed a ceasefire agreement"),
    (EventType::Other, "were reported"),
];

/// Cumulative weights for drawing from a weighted list by binary search.
struct Weighted(Vec<f64>);

impl Weighted {
    fn new(weights: impl Iterator<Item = f64>) -> Weighted {
        let mut total = 0.0;
        Weighted(
            weights
                .map(|w| {
                    total += w.max(0.0);
                    total
                })
                .collect(),
        )
    }

    fn draw(&self, rng: &mut Rng) -> usize {
        let total = self.0.last().copied().unwrap_or(0.0);
        let x = rng.unit() * total;
        self.0
            .partition_point(|&c| c <= x)
            .min(self.0.len().saturating_sub(1))
    }
}

/// Generates the events. Ids are `s{document}-e{n}`, documents `s1`, `s2`…
pub fn events(options: &SynthOptions) -> Vec<Event> {
    let mut out = Vec::new();
    generate_into(&mut out, options);
    out
}

/// Appends the events to `out` (no second copy of a million events in memory).
fn generate_into(out: &mut Vec<Event>, options: &SynthOptions) {
    let g: &Gazetteer = &GAZETTEER;
    let mut rng = Rng::new(options.seed);
    let cities = Weighted::new(g.cities.iter().map(|c| c.population as f64));
    let types = Weighted::new(TYPE_WEIGHTS.iter().map(|(_, w)| f64::from(*w)));
    // Events of a country-only place follow the same weights, by the country's cities.
    let days = (options.to - options.from).num_days().max(1) as usize;
    // Bursts: a few dozen crises, each a few weeks to months long, on top of a steady rate.
    let bursts: Vec<(usize, usize)> = (0..40)
        .map(|_| (rng.below(days), 7 + rng.below(120)))
        .collect();
    let documents = options.documents.max(1);
    let per_document = options.events.div_ceil(documents).max(1);

    // Names shared by the events that repeat them, as `Dataset::push_extracted` shares
    // those of imported tables; each event's own words (place text, summary, evidence)
    // have their own copies.
    let mut names = Interner::default();
    let mut document = SharedStr::default();
    out.reserve_exact(options.events);
    for n in 0..options.events {
        if n % per_document == 0 {
            document = format!("s{}", n / per_document + 1).into();
        }
        let event_type = TYPE_WEIGHTS[types.draw(&mut rng)].0;
        let date = (!rng.chance(options.undated)).then(|| {
            let day = if rng.chance(0.6) {
                let (start, length) = *rng.pick(&bursts);
                (start + rng.below(length)).min(days)
            } else {
                rng.below(days + 1)
            };
            random_date(&mut rng, options.from + Duration::days(day as i64))
        });
        let place = (!rng.chance(options.unplaced)).then(|| {
            let city = &g.cities[cities.draw(&mut rng)];
            let country = g.country(&city.country);
            match country.filter(|_| rng.chance(options.country_only)) {
                Some(c) => Place {
                    name: names.get(&c.name),
                    lat: c.lat,
                    lon: c.lon,
                    country: names.get(&c.iso2),
                    precision: PlacePrecision::Country,
                    text: c.name.clone(),
                },
                None => Place {
                    name: names.get(&city.name),
                    lat: city.lat,
                    lon: city.lon,
                    country: names.get(&city.country),
                    precision: PlacePrecision::City,
                    text: city.name.clone(),
                },
            }
        });
        let actor = *rng.pick(&ACTORS);
        let mut actors = vec![actor.to_owned()];
        if rng.chance(0.4) {
            actors.push((*rng.pick(&ACTORS)).to_owned());
        }
        let fatalities = (event_type.is_violent() && rng.chance(0.5)).then(|| {
            // Mostly a few, sometimes many.
            let u = rng.unit().max(1e-9);
            ((-u.ln()) * 4.0) as u32
        });
        let verb = VERBS
            .iter()
            .find(|(t, _)| *t == event_type)
            .map_or("were reported", |(_, v)| v);
        let where_ = place
            .as_ref()
            .map_or(String::new(), |p| format!(" in {}", p.name));
        let summary = format!("{actor} {verb}{where_}");
        let evidence = format!(
            "{summary}{}, local sources said{}.",
            date.as_ref()
                .map_or(String::new(), |d| format!(" on {}", d.text)),
            fatalities.map_or(String::new(), |f| format!("; {f} people were killed")),
        );
        out.push(Event {
            id: format!("{document}-e{}", n % per_document + 1),
            document: document.clone(),
            event_type,
            summary,
            date,
            place,
            actors,
            targets: Vec::new(),
            fatalities,
            injured: None,
            evidence: Evidence {
                text: evidence,
                start: 0,
                end: 0,
            },
            more_evidence: Vec::new(),
            confidence: 0.5 + 0.5 * rng.unit() as f32,
            edited: false,
        });
    }
}

/// A date at `day` with a realistic precision: mostly exact days, some weeks, months, years.
fn random_date(rng: &mut Rng, day: NaiveDate) -> EventDate {
    let roll = rng.unit();
    let (precision, start, end) = if roll < 0.85 {
        (DatePrecision::Day, day, day)
    } else if roll < 0.90 {
        let start = day - Duration::days(i64::from(day.weekday().num_days_from_monday()));
        (DatePrecision::Week, start, start + Duration::days(6))
    } else if roll < 0.96 {
        let start = day.with_day(1).unwrap_or(day);
        (DatePrecision::Month, start, last_of_month(start))
    } else {
        let start = NaiveDate::from_ymd_opt(day.year(), 1, 1).unwrap_or(day);
        let end = NaiveDate::from_ymd_opt(day.year(), 12, 31).unwrap_or(day);
        (DatePrecision::Year, start, end)
    };
    let mut date = EventDate {
        start,
        end,
        precision,
        text: String::new(),
    };
    date.text = date.display();
    date
}

fn last_of_month(first: NaiveDate) -> NaiveDate {
    first
        .checked_add_months(chrono::Months::new(1))
        .and_then(|d| d.pred_opt())
        .unwrap_or(first)
}

/// A dataset holding the synthetic events and their documents (with empty texts).
pub fn dataset(options: &SynthOptions) -> Dataset {
    let mut dataset = Dataset::default();
    add_to(&mut dataset, options);
    dataset
}

/// Adds synthetic documents `s1`, `s2`… and their events to a dataset.
pub fn add_to(dataset: &mut Dataset, options: &SynthOptions) {
    let documents = options.documents.max(1);
    for d in 1..=documents {
        dataset.documents.push(Document {
            id: format!("s{d}"),
            path: format!("synthetic/{d}").into(),
            title: format!("Synthetic events {d} (seed {})", options.seed),
            published: None,
            dates_mentioned: Vec::new(),
            lead_in: 0,
        });
        dataset.texts.push(String::new());
    }
    generate_into(&mut dataset.events, options);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_same_seed_gives_the_same_events() {
        let a = events(&SynthOptions::new(500, 7));
        let b = events(&SynthOptions::new(500, 7));
        let c = events(&SynthOptions::new(500, 8));
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn synthetic_events_look_like_real_data() {
        let options = SynthOptions::new(20_000, 1);
        let all = events(&options);
        assert_eq!(all.len(), 20_000);
        let types: HashSet<EventType> = all.iter().map(|e| e.event_type).collect();
        assert_eq!(types.len(), EventType::ALL.len(), "every type occurs");
        let undated = all.iter().filter(|e| e.date.is_none()).count();
        assert!(
            (600..1_400).contains(&undated),
            "about 5% undated: {undated}"
        );
        let countries = all
            .iter()
            .filter(|e| {
                e.place
                    .as_ref()
                    .is_some_and(|p| p.precision == PlacePrecision::Country)
            })
            .count();
        assert!(countries > 1_000, "some country-only places: {countries}");
        let years: HashSet<i32> = all
            .iter()
            .filter_map(|e| e.date.as_ref())
            .map(|d| d.start.year())
            .collect();
        assert!(years.len() >= 10, "dates spread over years: {years:?}");
        for d in all.iter().filter_map(|e| e.date.as_ref()) {
            assert!(d.start <= d.end && d.start >= options.from - Duration::days(7));
        }
        let ids: HashSet<&str> = all.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids.len(), all.len(), "ids are unique");
    }

    #[test]
    fn big_cities_get_more_events_than_small_ones() {
        let all = events(&SynthOptions::new(20_000, 3));
        let count = |name: &str| {
            all.iter()
                .filter(|e| e.place.as_ref().is_some_and(|p| p.name == name))
                .count()
        };
        assert!(count("Shanghai") > 20, "{}", count("Shanghai"));
    }

    #[test]
    fn a_dataset_has_a_document_for_every_event() {
        let mut options = SynthOptions::new(1_000, 2);
        options.documents = 3;
        let d = dataset(&options);
        assert_eq!(d.documents.len(), 3);
        assert_eq!(d.texts.len(), 3);
        assert!(
            d.events
                .iter()
                .all(|e| d.document_index(&e.document).is_some())
        );
    }
}
