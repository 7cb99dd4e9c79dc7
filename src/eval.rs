//! Scoring extraction against human annotation (the `shared/gold` format): events match
//! through their evidence sentence; then date, place and type are judged one by one.

use std::path::Path;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::geo::gazetteer::distance_km;
use crate::model::{DatePrecision, Event, EventType, PlacePrecision};

#[derive(Clone, Debug, Deserialize)]
pub struct GoldFile {
    pub publication_date: Option<String>,
    pub events: Vec<GoldEvent>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct GoldEvent {
    #[serde(default)]
    pub summary: String,
    pub date: Option<String>,
    #[serde(default)]
    pub date_precision: Option<String>,
    pub country: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    #[serde(rename = "type")]
    pub event_type: String,
    #[serde(default)]
    pub alt_types: Vec<String>,
    pub evidence: String,
    #[serde(default)]
    pub salience: Option<String>,
    #[serde(default)]
    pub place_level: Option<String>,
}

/// Counts for one article or a whole set.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Score {
    pub gold: usize,
    pub predicted: usize,
    pub matched: usize,
    pub date_right: usize,
    pub place_right: usize,
    pub type_right: usize,
    pub main: usize,
    pub main_fully_right: usize,
}

impl Score {
    pub fn add(&mut self, other: &Score) {
        self.gold += other.gold;
        self.predicted += other.predicted;
        self.matched += other.matched;
        self.date_right += other.date_right;
        self.place_right += other.place_right;
        self.type_right += other.type_right;
        self.main += other.main;
        self.main_fully_right += other.main_fully_right;
    }

    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.predicted)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.gold)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    /// Accuracies are over matched events.
    pub fn date_accuracy(&self) -> f64 {
        ratio(self.date_right, self.matched)
    }

    pub fn place_accuracy(&self) -> f64 {
        ratio(self.place_right, self.matched)
    }

    pub fn type_accuracy(&self) -> f64 {
        ratio(self.type_right, self.matched)
    }

    pub fn main_fully_right_share(&self) -> f64 {
        ratio(self.main_fully_right, self.main)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// What was judged for one gold event (for reports).
#[derive(Clone, Debug)]
pub struct Judgement {
    pub gold_index: usize,
    pub predicted: Option<usize>,
    pub date_ok: bool,
    pub place_ok: bool,
    pub type_ok: bool,
}

pub fn load_gold(path: &Path) -> Result<GoldFile, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{} is not a gold file: {e}", path.display()))
}

/// Normalises a sentence for comparison (whitespace and quote styles differ).
fn normalise(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['“', '”'], "\"")
        .replace(['‘', '’'], "'")
}

/// Whether a predicted evidence text and a gold evidence sentence are the same sentence
/// (equal, or one containing the other).
fn same_sentence(predicted: &str, gold: &str) -> bool {
    let (p, g) = (normalise(predicted), normalise(gold));
    !p.is_empty() && !g.is_empty() && (p == g || p.contains(&g) || g.contains(&p))
}

/// Scores one article. Each gold event is matched to at most one predicted event whose
/// main evidence is its sentence (preferring the same type); each predicted event is used once.
pub fn score_article(gold: &GoldFile, predicted: &[Event]) -> (Score, Vec<Judgement>) {
    let mut used = vec![false; predicted.len()];
    let mut score = Score {
        gold: gold.events.len(),
        predicted: predicted.len(),
        ..Score::default()
    };
    let mut judgements = Vec::new();
    for (gi, g) in gold.events.iter().enumerate() {
        let candidates: Vec<usize> = (0..predicted.len())
            .filter(|&i| !used[i] && same_sentence(&predicted[i].evidence.text, &g.evidence))
            .collect();
        let pick = candidates
            .iter()
            .copied()
            .find(|&i| type_ok(g, predicted[i].event_type))
            .or_else(|| candidates.first().copied());
        let main = g.salience.as_deref() == Some("main");
        if main {
            score.main += 1;
        }
        let Some(pi) = pick else {
            judgements.push(Judgement {
                gold_index: gi,
                predicted: None,
                date_ok: false,
                place_ok: false,
                type_ok: false,
            });
            continue;
        };
        used[pi] = true;
        let p = &predicted[pi];
        score.matched += 1;
        let (d, pl, t) = (date_ok(g, p), place_ok(g, p), type_ok(g, p.event_type));
        score.date_right += usize::from(d);
        score.place_right += usize::from(pl);
        score.type_right += usize::from(t);
        if main && d && pl && t {
            score.main_fully_right += 1;
        }
        judgements.push(Judgement {
            gold_index: gi,
            predicted: Some(pi),
            date_ok: d,
            place_ok: pl,
            type_ok: t,
        });
    }
    (score, judgements)
}

fn type_ok(g: &GoldEvent, t: EventType) -> bool {
    g.event_type == t.key()
}

/// Day precision must be the exact day; coarser gold precision needs the same month or year.
fn date_ok(g: &GoldEvent, p: &Event) -> bool {
    let gold_date = g
        .date
        .as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    match (gold_date, &p.date) {
        (None, None) => true,
        (None, Some(_)) | (Some(_), None) => false,
        (Some(gd), Some(pd)) => match g.date_precision.as_deref().unwrap_or("day") {
            "day" => pd.precision == DatePrecision::Day && pd.start == gd,
            "week" => pd.start <= gd + chrono::Days::new(6) && gd <= pd.end,
            "month" => pd.start.format("%Y-%m").to_string() == gd.format("%Y-%m").to_string(),
            _ => pd.start.format("%Y").to_string() == gd.format("%Y").to_string(),
        },
    }
}

/// A city or site within 30 km; a country or region by its code.
fn place_ok(g: &GoldEvent, p: &Event) -> bool {
    let Some(gold_country) = g.country.as_deref() else {
        return p.place.is_none();
    };
    let Some(place) = &p.place else {
        return false;
    };
    match g.place_level.as_deref() {
        Some("city") | Some("site") => match (g.lat, g.lon) {
            (Some(lat), Some(lon)) => {
                matches!(place.precision, PlacePrecision::City | PlacePrecision::Site)
                    && distance_km((lat, lon), (place.lat, place.lon)) <= 30.0
            }
            _ => place.country == gold_country,
        },
        _ => place.country == gold_country,
    }
}

/// A readable line about a judgement, for the evaluator's report.
pub fn describe(g: &GoldEvent, p: Option<&Event>, j: &Judgement) -> String {
    let mark = |ok: bool| if ok { "ok" } else { "XX" };
    match p {
        None => format!(
            "  MISSED {} {} [{}] {}",
            g.event_type,
            g.date.as_deref().unwrap_or("undated"),
            g.salience.as_deref().unwrap_or("?"),
            g.evidence.chars().take(90).collect::<String>()
        ),
        Some(p) => format!(
            "  type {} ({} vs {})  date {} ({} vs {})  place {} ({} vs {} {})  [{}] {}",
            mark(j.type_ok),
            p.event_type.key(),
            g.event_type,
            mark(j.date_ok),
            p.date.as_ref().map_or("undated".into(), |d| d.display()),
            g.date.as_deref().unwrap_or("undated"),
            mark(j.place_ok),
            p.place
                .as_ref()
                .map_or("none".into(), |pl| format!("{} {}", pl.name, pl.country)),
            g.country.as_deref().unwrap_or("none"),
            g.place_level.as_deref().unwrap_or("-"),
            g.salience.as_deref().unwrap_or("?"),
            g.evidence.chars().take(70).collect::<String>()
        ),
    }
}
