//! From mentions to events: mentions of one happening (a definite reference, the same day
//! and place, or the narrative continuing) merge into one event carrying all its evidence.

use crate::geo::gazetteer::distance_km;
use crate::model::{DatePrecision, Event, EventDate, EventType, Evidence, Place, PlacePrecision};

use super::SentenceFacts;
use super::mentions::{Mention, group, violent_rank};

/// An event being assembled from its mentions.
struct Draft {
    event_type: EventType,
    habitual: bool,
    /// Its first report is of violence by the state's forces.
    by_the_state: bool,
    /// Its first report spreads it over many places.
    spread: bool,
    /// The date came from a sentence's own words (else it was carried from the narrative
    /// and yields to a date stated outright).
    date_own: bool,
    mentions: Vec<Mention>,
    date: Option<EventDate>,
    last_sentence: usize,
}

impl Draft {
    fn new(m: Mention) -> Draft {
        Draft {
            event_type: m.event_type,
            habitual: m.habitual,
            by_the_state: m.by_the_state,
            spread: m.spread,
            date_own: m.date_own && m.date.is_some(),
            date: m.date.clone(),
            last_sentence: m.sentence,
            mentions: vec![m],
        }
    }

    fn add(&mut self, m: Mention) {
        // Later mentions date an event only with their own words, and never an ongoing one.
        let stated = (m.primary || m.definite || m.lead_in) && m.date_own && m.date.is_some();
        // "held this week ... Thursday's result": a day inside the coarser date refines it.
        let refines = match (&self.date, &m.date) {
            (Some(a), Some(b)) => {
                a.precision != DatePrecision::Day
                    && b.precision == DatePrecision::Day
                    && a.start <= b.start
                    && b.start <= a.end
            }
            _ => false,
        };
        if stated && !self.habitual && (self.date.is_none() || !self.date_own || refines) {
            self.date = m.date.clone();
            self.date_own = true;
        }
        // A protest that turned violent is a riot; a specific violent type beats a vague one.
        if group(m.event_type) == group(self.event_type)
            && violent_rank(m.event_type) > violent_rank(self.event_type)
            && m.primary
            // Civilians killed by police stay a killing when "police opened fire" tells it
            // again.
            && !(self.event_type == EventType::Killing
                && m.event_type == EventType::Attack
                && (self.by_the_state || m.by_the_state))
        {
            self.event_type = m.event_type;
        }
        self.last_sentence = self.last_sentence.max(m.sentence);
        self.mentions.push(m);
    }

    /// The best-supported place; secondary mentions count only when nothing else places it.
    fn place(&self) -> Option<&(Place, f64)> {
        let leading = self
            .mentions
            .iter()
            .any(|m| (m.primary || m.definite) && m.place.is_some());
        let best = self
            .mentions
            .iter()
            .filter(|m| !leading || m.primary || m.definite)
            .filter_map(|m| m.place.as_ref())
            .max_by(|a, b| {
                (a.1, precision_rank(a.0.precision))
                    .partial_cmp(&(b.1, precision_rank(b.0.precision)))
                    .unwrap_or(std::cmp::Ordering::Equal)
            })?;
        // A lead names the country, a later sentence of the same happening the city: the
        // event is where it happened, as precisely as the text says.
        if precision_rank(best.0.precision) < 2 {
            let city = self
                .mentions
                .iter()
                .filter(|m| m.primary || m.definite)
                .filter_map(|m| m.place.as_ref())
                .find(|(p, _)| precision_rank(p.precision) >= 2 && p.country == best.0.country);
            if city.is_some() {
                return city;
            }
        }
        Some(best)
    }

    fn speaker(&self) -> Option<&str> {
        self.mentions.iter().find_map(|m| m.speaker.as_deref())
    }

    fn compatible(&self, m: &Mention) -> bool {
        if group(self.event_type) != group(m.event_type) {
            return false;
        }
        // A statement joins one by the same speaker, or, with no speaker named ("the
        // ministry added"), the one just before.
        if self.event_type == EventType::Statement {
            let same = match m.speaker.as_deref() {
                Some(_) => same_person(self.speaker(), m.speaker.as_deref()),
                None => m.sentence <= self.last_sentence + 2,
            };
            if !same {
                return false;
            }
        }
        // "Zambada is in US custody ... Guzman was arrested in 1993": a happening told as
        // news without a date of its own is not one its own words date long before.
        if (self.date.is_none() || !self.date_own) && m.past {
            return false;
        }
        // A carried date is a guess: it never keeps two reports apart, except from a
        // reference that dates itself ("Thursday's demonstrations" is not Friday's march).
        let dates_fit = match (&self.date, &m.date) {
            (Some(a), Some(b)) if m.date_own && (self.date_own || m.definite) => {
                a.start <= b.end && b.start <= a.end
            }
            // "...tried to storm the building. On January 2, crowds took to the streets": a
            // day stated outright, days before the one the narrative carried, looks back.
            (Some(a), Some(b)) if m.date_own && m.primary && !self.date_own => {
                b.end + chrono::Days::new(1) >= a.start
            }
            _ => true,
        };
        // Two named places in one country: the same only when close together; a country
        // fits anything inside it.
        let places_fit = match (self.place(), &m.place) {
            (Some((a, _)), Some((b, _))) => {
                a.country == b.country
                    && (a.precision == PlacePrecision::Country
                        || b.precision == PlacePrecision::Country
                        || a.name == b.name
                        || distance_km((a.lat, a.lon), (b.lat, b.lon)) < 50.0)
            }
            _ => true,
        };
        dates_fit && places_fit
    }

    /// "Protests broke out in several cities ... In Manchester, demonstrators gathered outside
    /// a hotel": a city's own report of a happening spread over many places, which is an
    /// event of its own.
    fn has_part(&self, m: &Mention) -> bool {
        let near = |d: &Mention| {
            m.place
                .as_ref()
                .zip(d.place.as_ref())
                .is_some_and(|((a, _), (b, _))| distance_km((a.lat, a.lon), (b.lat, b.lon)) < 50.0)
        };
        self.spread && named_city(m) && !self.mentions.iter().any(|d| named_city(d) && near(d))
    }

    /// Positive evidence that a primary mention is this happening again.
    fn continues(&self, m: &Mention) -> bool {
        let same_day = matches!((&self.date, &m.date), (Some(a), Some(b)) if a.start == b.start && a.precision == b.precision);
        if m.indefinite {
            return same_day && m.event_type == self.event_type;
        }
        // An ongoing pattern and a single happening are different events.
        if m.habitual != self.habitual {
            return false;
        }
        // A resignation does not continue a court's verdict.
        if self.event_type == EventType::Other
            && m.event_type == EventType::Other
            && self.mentions[0].kind != m.kind
        {
            return false;
        }
        if self.has_part(m) {
            return false;
        }
        // Told again without anything to tell it apart: the same happening. Deaths reported
        // on their own are the toll of the violence already told.
        if m.event_type == self.event_type
            || (m.event_type == EventType::Killing && group(self.event_type) == 0)
        {
            return true;
        }
        let near = m.sentence <= self.last_sentence + 2;
        let same_city = match (self.place(), &m.place) {
            (Some((a, _)), Some((b, _))) => {
                precision_rank(a.precision) >= 2
                    && precision_rank(b.precision) >= 2
                    && distance_km((a.lat, a.lon), (b.lat, b.lon)) < 50.0
            }
            _ => false,
        };
        let statement = self.event_type == EventType::Statement;
        near || same_day || same_city || statement
    }
}

/// A mention placed in a city or site its sentence names ("In Manchester, ...", "including
/// Maracay").
fn named_city(m: &Mention) -> bool {
    m.place
        .as_ref()
        .is_some_and(|(p, score)| precision_rank(p.precision) >= 1 && *score >= NAMED_SCORE)
}

/// A place score this high comes from a name in the sentence, not from the story's city.
const NAMED_SCORE: f64 = 3.0;

fn precision_rank(p: PlacePrecision) -> u8 {
    match p {
        PlacePrecision::Country => 0,
        PlacePrecision::Region => 1,
        PlacePrecision::City => 2,
        PlacePrecision::Site => 3,
    }
}

/// "Trump" and "Donald Trump" are one person.
fn same_person(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            let last = |s: &str| s.split_whitespace().last().unwrap_or("").to_owned();
            a == b || last(a) == last(b)
        }
        _ => false,
    }
}

/// Merges mentions into events, in order of first report.
pub(super) fn merge(
    mentions: Vec<Mention>,
    facts: &[SentenceFacts],
    text: &str,
    fallback: Option<&Place>,
) -> Vec<Event> {
    let mut drafts: Vec<Draft> = Vec::new();
    let (leading, secondary): (Vec<Mention>, Vec<Mention>) =
        mentions.into_iter().partition(|m| m.primary || m.definite);
    for m in leading {
        if m.definite {
            match find_target(&mut drafts, &m) {
                Some(d) => d.add(m),
                None => {
                    let mut m = m;
                    m.place = m.own_place.take();
                    drafts.push(Draft::new(m));
                }
            }
            continue;
        }
        match drafts
            .iter_mut()
            .rev()
            .find(|d| d.compatible(&m) && d.continues(&m))
        {
            Some(d) => d.add(m),
            None => {
                // One city's part of a spread happening took place when the whole did,
                // unless it says otherwise.
                let mut m = m;
                if !m.date_own
                    && let Some(whole) = drafts
                        .iter()
                        .rev()
                        .find(|d| d.compatible(&m) && d.has_part(&m))
                {
                    m.date = whole.date.clone();
                }
                drafts.push(Draft::new(m));
            }
        }
    }
    for m in secondary {
        let fits = |d: &Draft| {
            d.compatible(&m) && (m.event_type != EventType::Statement || d.speaker().is_some())
        };
        // The lead paragraph tells the story's first happening; other secondary mentions
        // join the latest one they fit.
        let target = if m.lead_in {
            drafts
                .iter()
                .position(|d| d.event_type == m.event_type && fits(d))
                .or_else(|| drafts.iter().position(fits))
        } else {
            drafts
                .iter()
                .rposition(|d| d.event_type == m.event_type && fits(d))
                .or_else(|| drafts.iter().rposition(fits))
        };
        if let Some(d) = target.and_then(|i| drafts.get_mut(i)) {
            d.add(m);
        } else if !m.weak
            && m.event_type != EventType::Statement
            && (m.event_type.is_violent() || m.weight >= 5)
        {
            drafts.push(Draft::new(m));
        }
    }
    drafts.sort_by_key(|d| d.mentions.iter().map(|m| m.sentence).min().unwrap_or(0));
    drafts
        .into_iter()
        .map(|d| to_event(d, facts, text, fallback))
        .collect()
}

/// The draft a definite reference points back to: the latest of the same type, else of
/// the same group.
fn find_target<'a>(drafts: &'a mut [Draft], m: &Mention) -> Option<&'a mut Draft> {
    let index = drafts
        .iter()
        .rposition(|d| d.event_type == m.event_type && d.compatible(m))
        .or_else(|| drafts.iter().rposition(|d| d.compatible(m)))?;
    drafts.get_mut(index)
}

fn to_event(d: Draft, facts: &[SentenceFacts], text: &str, fallback: Option<&Place>) -> Event {
    let main = d
        .mentions
        .iter()
        .filter(|m| m.primary)
        .map(|m| m.sentence)
        .min()
        .unwrap_or(d.mentions[0].sentence);
    let mut sentences: Vec<usize> = d.mentions.iter().map(|m| m.sentence).collect();
    sentences.sort_unstable();
    sentences.dedup();
    let evidence_of = |i: usize| {
        let s = facts[i].sentence;
        Evidence {
            text: text[s.start..s.end].to_owned(),
            start: s.start,
            end: s.end,
        }
    };
    let fatalities = d
        .mentions
        .iter()
        .filter_map(|m| m.casualties.fatalities)
        .max();
    let injured = d.mentions.iter().filter_map(|m| m.casualties.injured).max();
    let mut actors: Vec<String> = Vec::new();
    for m in d
        .mentions
        .iter()
        .filter(|m| m.primary || m.definite || m.sentence == main)
    {
        for a in &m.actors {
            if !actors.contains(a) && actors.len() < 8 {
                actors.push(a.clone());
            }
        }
    }
    if let Some(speaker) = d.speaker() {
        actors.retain(|a| a != speaker);
        actors.insert(0, speaker.to_owned());
    }
    let place = d
        .place()
        .map(|(p, _)| p.clone())
        .or_else(|| fallback.cloned());
    let evidence = evidence_of(main);
    let confidence = {
        let weight = d.mentions.iter().map(|m| m.weight).max().unwrap_or(1) as f32;
        let mut c = 0.3 + 0.08 * weight;
        if d.date.is_some() {
            c += 0.1;
        }
        if d.place().is_some() {
            c += 0.1;
        }
        c.min(0.95)
    };
    Event {
        id: String::new(),
        document: Default::default(),
        event_type: d.event_type,
        summary: summarize(&evidence.text),
        date: d.date.clone(),
        place,
        actors,
        targets: Vec::new(),
        fatalities,
        injured,
        more_evidence: sentences
            .into_iter()
            .filter(|&i| i != main)
            .map(evidence_of)
            .collect(),
        evidence,
        confidence,
        edited: false,
    }
}

/// A short summary: the evidence sentence without quotes, cut to about twenty words.
fn summarize(sentence: &str) -> String {
    const MAX_WORDS: usize = 20;
    let clean =
        sentence.trim_matches(|c: char| c == '"' || c == '“' || c == '”' || c.is_whitespace());
    let words: Vec<&str> = clean.split_whitespace().collect();
    if words.len() <= MAX_WORDS {
        return clean.trim_end_matches('.').to_owned();
    }
    let mut s = words[..MAX_WORDS].join(" ");
    s = s
        .trim_end_matches([',', ';', ':', '–', '-'])
        .trim_end()
        .to_owned();
    s.push('…');
    s
}
