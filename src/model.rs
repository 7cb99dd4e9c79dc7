//! The event store: documents, the events extracted from them, and the concepts
//! (event types, date and place precision) every view shares.
//! Pure data with serde; no UI and no extraction logic lives here.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use crate::article::Article;

/// What kind of happening an event is. The mapping to ACLED and CAMEO is in `docs/FORMAT.md`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventType {
    Protest,
    Riot,
    Attack,
    AirStrike,
    ShellingMissile,
    ArmedClash,
    Killing,
    Evacuation,
    Statement,
    Arrest,
    Disaster,
    Election,
    Agreement,
    Other,
}

impl EventType {
    pub const ALL: [EventType; 14] = [
        EventType::Protest,
        EventType::Riot,
        EventType::Attack,
        EventType::AirStrike,
        EventType::ShellingMissile,
        EventType::ArmedClash,
        EventType::Killing,
        EventType::Evacuation,
        EventType::Statement,
        EventType::Arrest,
        EventType::Disaster,
        EventType::Election,
        EventType::Agreement,
        EventType::Other,
    ];

    /// The identifier used in files and on the command line, e.g. `air_strike`.
    pub fn key(self) -> &'static str {
        match self {
            EventType::Protest => "protest",
            EventType::Riot => "riot",
            EventType::Attack => "attack",
            EventType::AirStrike => "air_strike",
            EventType::ShellingMissile => "shelling_missile",
            EventType::ArmedClash => "armed_clash",
            EventType::Killing => "killing",
            EventType::Evacuation => "evacuation",
            EventType::Statement => "statement",
            EventType::Arrest => "arrest",
            EventType::Disaster => "disaster",
            EventType::Election => "election",
            EventType::Agreement => "agreement",
            EventType::Other => "other",
        }
    }

    /// A human label for menus and legends, e.g. "Air strike".
    pub fn label(self) -> &'static str {
        match self {
            EventType::Protest => "Protest",
            EventType::Riot => "Riot",
            EventType::Attack => "Attack",
            EventType::AirStrike => "Air strike",
            EventType::ShellingMissile => "Shelling / missile",
            EventType::ArmedClash => "Armed clash",
            EventType::Killing => "Killing",
            EventType::Evacuation => "Evacuation",
            EventType::Statement => "Statement",
            EventType::Arrest => "Arrest",
            EventType::Disaster => "Disaster",
            EventType::Election => "Election",
            EventType::Agreement => "Agreement",
            EventType::Other => "Other",
        }
    }

    pub fn from_key(key: &str) -> Option<EventType> {
        EventType::ALL.into_iter().find(|t| t.key() == key)
    }

    /// Position in [`EventType::ALL`]; used for lanes and filter bitsets.
    pub fn index(self) -> usize {
        self as usize
    }

    /// Violent types are drawn first and count towards fatalities in summaries.
    pub fn is_violent(self) -> bool {
        matches!(
            self,
            EventType::Riot
                | EventType::Attack
                | EventType::AirStrike
                | EventType::ShellingMissile
                | EventType::ArmedClash
                | EventType::Killing
        )
    }
}

impl fmt::Display for EventType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// How exactly a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DatePrecision {
    Day,
    Week,
    Month,
    Year,
}

impl DatePrecision {
    pub fn key(self) -> &'static str {
        match self {
            DatePrecision::Day => "day",
            DatePrecision::Week => "week",
            DatePrecision::Month => "month",
            DatePrecision::Year => "year",
        }
    }
}

/// A resolved date or date range, with the words it came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventDate {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub precision: DatePrecision,
    /// The expression in the text, e.g. "on Sunday".
    pub text: String,
}

impl EventDate {
    pub fn day(date: NaiveDate, text: impl Into<String>) -> Self {
        EventDate {
            start: date,
            end: date,
            precision: DatePrecision::Day,
            text: text.into(),
        }
    }

    /// "2019-12-29", "2019-12" or "2019" depending on precision.
    pub fn display(&self) -> String {
        match self.precision {
            DatePrecision::Day => self.start.format("%Y-%m-%d").to_string(),
            DatePrecision::Week => format!("week of {}", self.start.format("%Y-%m-%d")),
            DatePrecision::Month => self.start.format("%Y-%m").to_string(),
            DatePrecision::Year => self.start.format("%Y").to_string(),
        }
    }
}

/// How exactly a place is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlacePrecision {
    Site,
    City,
    Region,
    Country,
}

impl PlacePrecision {
    pub fn key(self) -> &'static str {
        match self {
            PlacePrecision::Site => "site",
            PlacePrecision::City => "city",
            PlacePrecision::Region => "region",
            PlacePrecision::Country => "country",
        }
    }
}

/// A geocoded place.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// Shared by the events at the same place (see [`Interner`]).
    pub name: SharedStr,
    pub lat: f64,
    pub lon: f64,
    /// ISO 3166-1 alpha-2 code.
    pub country: SharedStr,
    pub precision: PlacePrecision,
    /// The words in the text that named it, e.g. "Iraqi military base".
    pub text: String,
}

/// A span of the article body: byte offsets into [`Article::text`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// One happening reported by an article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Unique in a dataset, e.g. "d1-e3".
    pub id: String,
    /// The id of the document it came from, shared by all of its events.
    pub document: SharedStr,
    #[serde(rename = "type")]
    pub event_type: EventType,
    pub summary: String,
    pub date: Option<EventDate>,
    pub place: Option<Place>,
    pub actors: Vec<String>,
    /// Who was acted upon, where the sentence says so.
    #[serde(default)]
    pub targets: Vec<String>,
    pub fatalities: Option<u32>,
    pub injured: Option<u32>,
    /// The sentence that best reports the event.
    pub evidence: Evidence,
    /// Further sentences about the same happening.
    #[serde(default)]
    pub more_evidence: Vec<Evidence>,
    pub confidence: f32,
    /// Changed or added by hand (see `edit`); written only when true, so exports of
    /// untouched events stay as they were.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub edited: bool,
}

impl Event {
    /// All evidence spans, the main one first.
    pub fn all_evidence(&self) -> impl Iterator<Item = &Evidence> {
        std::iter::once(&self.evidence).chain(self.more_evidence.iter())
    }
}

/// A temporal expression found in a text, resolved against the publication date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DateMention {
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// None when it cannot be resolved (e.g. no publication date for "on Sunday").
    pub value: Option<EventDate>,
}

/// An opened article with its metadata.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub id: String,
    pub path: PathBuf,
    pub title: String,
    pub published: Option<NaiveDate>,
    #[serde(default)]
    pub dates_mentioned: Vec<DateMention>,
    /// Bytes at the start of the text that came from the header's title slot (see
    /// `Article::lead_in`); 0 for most articles.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub lead_in: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Everything open: documents with their text, and all their events.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Dataset {
    pub documents: Vec<Document>,
    /// Article bodies, parallel to `documents`.
    pub texts: Vec<String>,
    pub events: Vec<Event>,
    next_document: usize,
}

impl Dataset {
    /// Rebuilds a dataset from saved parts (a project file). `next_document` is the counter
    /// behind new document ids; it is raised past every existing `dN` id so that an article
    /// opened later never reuses one.
    pub fn from_parts(
        documents: Vec<Document>,
        texts: Vec<String>,
        mut events: Vec<Event>,
        next_document: usize,
    ) -> Self {
        let highest = documents
            .iter()
            .filter_map(|d| d.id.strip_prefix('d')?.parse::<usize>().ok())
            .max()
            .unwrap_or(0);
        // Read from a file, every event has its own copy of each name.
        let mut names = Interner::default();
        for event in &mut events {
            event.document = names.get(&event.document);
            names.share(event);
        }
        Dataset {
            documents,
            texts,
            events,
            next_document: next_document.max(highest),
        }
    }

    /// The number of the last document id handed out (`d3` -> 3); saved in projects.
    pub fn next_document(&self) -> usize {
        self.next_document
    }

    /// Adds an article and the events extracted from it; returns the new document id.
    pub fn add_article(&mut self, article: Article) -> String {
        self.next_document += 1;
        let id = format!("d{}", self.next_document);
        let extraction = crate::extract::extract_article(&article);
        self.push_extracted(id.clone(), article, extraction);
        id
    }

    /// Adds an article extracted elsewhere (e.g. on a worker thread); returns its new id.
    pub fn add_extracted(
        &mut self,
        article: Article,
        extraction: crate::extract::Extraction,
    ) -> String {
        self.next_document += 1;
        let id = format!("d{}", self.next_document);
        self.push_extracted(id.clone(), article, extraction);
        id
    }

    /// Adds an already extracted article (the events' ids are rewritten to the new document id).
    pub fn push_extracted(
        &mut self,
        id: String,
        article: Article,
        extraction: crate::extract::Extraction,
    ) {
        let document = SharedStr::from(id.as_str());
        let mut names = Interner::default();
        self.events.reserve(extraction.events.len());
        for (n, mut event) in extraction.events.into_iter().enumerate() {
            event.id = format!("{id}-e{}", n + 1);
            event.document = document.clone();
            names.share(&mut event);
            self.events.push(event);
        }
        self.documents.push(Document {
            id,
            path: article.path,
            title: article.title,
            published: article.published,
            dates_mentioned: extraction.dates_mentioned,
            lead_in: article.lead_in,
        });
        self.texts.push(article.text);
    }

    /// Removes a document and its events.
    pub fn remove_document(&mut self, id: &str) {
        if let Some(index) = self.documents.iter().position(|d| d.id == id) {
            self.documents.remove(index);
            self.texts.remove(index);
            self.events.retain(|e| e.document != id);
        }
    }

    pub fn document_index(&self, id: &str) -> Option<usize> {
        self.documents.iter().position(|d| d.id == id)
    }

    pub fn text_of(&self, document_id: &str) -> Option<&str> {
        self.document_index(document_id)
            .map(|i| self.texts[i].as_str())
    }

    pub fn event(&self, id: &str) -> Option<&Event> {
        self.events.iter().find(|e| e.id == id)
    }

    /// Re-extracts a document's events, e.g. after its publication date was set by hand.
    pub fn set_published(&mut self, document_id: &str, published: Option<NaiveDate>) {
        let Some(index) = self.document_index(document_id) else {
            return;
        };
        self.documents[index].published = published;
        let extraction = crate::extract::extract_with_lead_in(
            &self.texts[index],
            self.documents[index].lead_in,
            published,
        );
        self.events.retain(|e| e.document != document_id);
        let document = SharedStr::from(document_id);
        let mut names = Interner::default();
        for (n, mut event) in extraction.events.into_iter().enumerate() {
            event.id = format!("{document_id}-e{}", n + 1);
            event.document = document.clone();
            names.share(&mut event);
            self.events.push(event);
        }
        self.documents[index].dates_mentioned = extraction.dates_mentioned;
    }
}

/// An immutable string that many events can share, such as a document id or a place or
/// country name: one allocation for all of them instead of one each (a million events
/// would otherwise spend a hundred megabytes on copies). Reads like a `&str`.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SharedStr(Arc<str>);

impl SharedStr {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for SharedStr {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for SharedStr {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for SharedStr {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl From<&str> for SharedStr {
    fn from(s: &str) -> Self {
        SharedStr(s.into())
    }
}

impl From<String> for SharedStr {
    fn from(s: String) -> Self {
        SharedStr(s.into())
    }
}

impl From<&String> for SharedStr {
    fn from(s: &String) -> Self {
        SharedStr(s.as_str().into())
    }
}

impl From<SharedStr> for String {
    fn from(s: SharedStr) -> Self {
        s.0.as_ref().to_owned()
    }
}

impl PartialEq<str> for SharedStr {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for SharedStr {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<String> for SharedStr {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<SharedStr> for str {
    fn eq(&self, other: &SharedStr) -> bool {
        *self == *other.0
    }
}

impl PartialEq<SharedStr> for &str {
    fn eq(&self, other: &SharedStr) -> bool {
        **self == *other.0
    }
}

impl PartialEq<SharedStr> for String {
    fn eq(&self, other: &SharedStr) -> bool {
        **self == *other.0
    }
}

impl Serialize for SharedStr {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for SharedStr {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(SharedStr::from)
    }
}

/// Hands out one [`SharedStr`] per distinct text, so that repeated names share memory.
#[derive(Debug, Default)]
pub struct Interner(HashSet<SharedStr>);

impl Interner {
    pub fn get(&mut self, text: &str) -> SharedStr {
        if let Some(shared) = self.0.get(text) {
            return shared.clone();
        }
        let shared = SharedStr::from(text);
        self.0.insert(shared.clone());
        shared
    }

    /// Makes the names of an event share memory with those of earlier events.
    pub fn share(&mut self, event: &mut Event) {
        if let Some(place) = &mut event.place {
            place.name = self.get(&place.name);
            place.country = self.get(&place.country);
        }
    }
}
