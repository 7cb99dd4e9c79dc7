//! Projects: everything open (articles, events with their corrections, the edit history,
//! filters and selection) in one versioned JSON file that is saved atomically
//! (`atomic`), and a recovery copy so that a crash never loses work (`recovery`).
//! The format: `docs/PROJECT_FORMAT.md`.

use std::collections::{BTreeSet, HashSet};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

mod atomic;
mod recovery;

use crate::edit::History;
use crate::model::{Dataset, DateMention, Document, Event, EventType};

/// The value of the `format` field that marks a Dateline project.
pub const FORMAT: &str = "dateline-project";
/// The newest format version this Dateline writes and reads.
pub const VERSION: u64 = 1;
/// The file extension of projects.
pub const EXTENSION: &str = "dateline";
/// Larger files are refused before reading (articles are at most 20 MB each).
pub const MAX_PROJECT_BYTES: u64 = 1024 * 1024 * 1024;

pub use recovery::{
    RECOVERY_DIR_ENV, RECOVERY_FILE, Recovery, discard_recovery, recovery_path, take_recovery,
    write_recovery,
};

/// Filters, selection and what the map and timeline show, as saved in a project; the app
/// maps its view state to this.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ViewSnapshot {
    /// The selected event's id.
    #[serde(default)]
    pub selected: Option<String>,
    #[serde(default)]
    pub hidden_types: BTreeSet<EventType>,
    /// Ids of documents whose events are hidden.
    #[serde(default)]
    pub hidden_documents: BTreeSet<String>,
    #[serde(default)]
    pub search: String,
    /// The part of the map shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub map: Option<MapArea>,
    /// The span of time the timeline shows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timeline: Option<TimelineSpan>,
}

/// A box of longitudes and latitudes (degrees), so that a view fits any window size.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapArea {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
}

impl MapArea {
    /// On the globe and not empty.
    pub fn is_valid(&self) -> bool {
        let lon = -360.0..=360.0;
        let lat = -90.0..=90.0;
        lon.contains(&self.west)
            && lon.contains(&self.east)
            && lat.contains(&self.south)
            && lat.contains(&self.north)
            && self.west < self.east
            && self.south < self.north
    }
}

/// The timeline's left and right edges, in days since 1970-01-01 (fractions are times of day).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimelineSpan {
    pub from_day: f64,
    pub to_day: f64,
}

impl TimelineSpan {
    /// Ordered, and within the years a calendar shows (-9999..9999).
    pub fn is_valid(&self) -> bool {
        const LIMIT: f64 = 4_400_000.0;
        self.from_day.is_finite()
            && self.to_day.is_finite()
            && self.from_day.abs() < LIMIT
            && self.to_day.abs() < LIMIT
            && self.from_day < self.to_day
    }
}

/// Everything a project file holds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Project {
    pub dataset: Dataset,
    pub history: History,
    pub view: ViewSnapshot,
}

#[derive(Debug, Error)]
pub enum ProjectError {
    #[error("cannot read {path}: {source}")]
    Read { path: PathBuf, source: io::Error },
    #[error("cannot save {path}: {step} failed: {source}")]
    Write {
        path: PathBuf,
        step: &'static str,
        source: io::Error,
    },
    #[error("cannot save {path}: {problem}")]
    Unsaveable { path: PathBuf, problem: String },
    #[error(
        "{path} is too large ({size_mb:.0} MB) to be a Dateline project; projects can be up to {limit_mb} MB"
    )]
    TooLarge {
        path: PathBuf,
        size_mb: f64,
        limit_mb: u64,
    },
    #[error("{path} is not a Dateline project: {reason}")]
    NotAProject { path: PathBuf, reason: String },
    #[error(
        "{path} is a damaged Dateline project: {message} at line {line}, column {column}. The file was left as it is."
    )]
    Corrupt {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "{path} was made by a newer Dateline (version {version}); this one reads up to version {VERSION}"
    )]
    TooNew { path: PathBuf, version: u64 },
    #[error("{path} is a damaged Dateline project: {problem}. The file was left as it is.")]
    Invalid { path: PathBuf, problem: String },
}

/// How far a save has got; reported to [`save_with_progress`]'s callback.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveProgress {
    /// `written` of `total` bytes are in the temporary file.
    Written { written: u64, total: u64 },
    /// The temporary file is complete and flushed to disk; the target is still the old file.
    Synced,
    /// The temporary file has replaced the target.
    Renamed,
}

// The file's shape. Written from borrowed data so that saving does not copy the texts.

#[derive(Serialize)]
struct FileOut<'a> {
    format: &'static str,
    version: u64,
    saved_by: String,
    next_document: usize,
    articles: Vec<ArticleOut<'a>>,
    events: &'a [Event],
    history: &'a History,
    view: &'a ViewSnapshot,
}

#[derive(Serialize)]
struct ArticleOut<'a> {
    id: &'a str,
    path: String,
    title: &'a str,
    published: Option<NaiveDate>,
    dates_mentioned: &'a [DateMention],
    #[serde(skip_serializing_if = "is_zero")]
    lead_in: usize,
    text: &'a str,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

#[derive(Deserialize)]
struct FileIn {
    #[serde(default)]
    next_document: usize,
    articles: Vec<ArticleIn>,
    events: Vec<Event>,
    #[serde(default)]
    history: History,
    #[serde(default)]
    view: ViewSnapshot,
}

#[derive(Deserialize)]
struct ArticleIn {
    id: String,
    path: PathBuf,
    title: String,
    published: Option<NaiveDate>,
    #[serde(default)]
    dates_mentioned: Vec<DateMention>,
    #[serde(default)]
    lead_in: usize,
    text: String,
}

/// Read first, so that "not a project" and "from a newer version" are told apart from
/// "damaged" before the rest of the file is interpreted.
#[derive(Deserialize)]
struct Header {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
}

/// The project as the bytes of a `.dateline` file.
pub fn to_bytes(project: &Project) -> Result<Vec<u8>, String> {
    check(&project.dataset)?;
    let dataset = &project.dataset;
    let file = FileOut {
        format: FORMAT,
        version: VERSION,
        saved_by: format!("Dateline {}", env!("CARGO_PKG_VERSION")),
        next_document: dataset.next_document(),
        articles: dataset
            .documents
            .iter()
            .zip(&dataset.texts)
            .map(|(d, text)| ArticleOut {
                id: &d.id,
                // Paths are kept for the person's information; one that is not valid
                // Unicode is stored with replacement characters rather than refused.
                path: d.path.to_string_lossy().into_owned(),
                title: &d.title,
                published: d.published,
                dates_mentioned: &d.dates_mentioned,
                lead_in: d.lead_in,
                text,
            })
            .collect(),
        events: &dataset.events,
        history: &project.history,
        view: &project.view,
    };
    serde_json::to_vec_pretty(&file).map_err(|e| e.to_string())
}

/// Reads a project file. The file is only read, never changed, whatever is wrong with it.
pub fn load(path: &Path) -> Result<Project, ProjectError> {
    let read_error = |source| ProjectError::Read {
        path: path.to_owned(),
        source,
    };
    let size = fs::metadata(path).map_err(read_error)?.len();
    if size > MAX_PROJECT_BYTES {
        return Err(ProjectError::TooLarge {
            path: path.to_owned(),
            size_mb: size as f64 / (1024.0 * 1024.0),
            limit_mb: MAX_PROJECT_BYTES / (1024 * 1024),
        });
    }
    let bytes = fs::read(path).map_err(read_error)?;
    parse(path, &bytes)
}

/// Interprets the bytes of a project file; `path` is used in messages.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Project, ProjectError> {
    let not_a_project = |reason: String| ProjectError::NotAProject {
        path: path.to_owned(),
        reason,
    };
    let invalid = |problem: String| ProjectError::Invalid {
        path: path.to_owned(),
        problem,
    };
    let corrupt = |e: serde_json::Error| {
        let location = format!(" at line {} column {}", e.line(), e.column());
        let message = e.to_string();
        let message = message.strip_suffix(&location).unwrap_or(&message);
        let message = if e.is_eof() {
            format!("the file ends too early (was it cut short?): {message}")
        } else {
            message.to_owned()
        };
        ProjectError::Corrupt {
            path: path.to_owned(),
            line: e.line(),
            column: e.column(),
            message,
        }
    };

    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match bytes.iter().find(|b| !b.is_ascii_whitespace()) {
        None => return Err(not_a_project("the file is empty".into())),
        Some(b'{') => {}
        Some(_) => {
            return Err(not_a_project(
                "it is not a JSON object (a project file starts with '{')".into(),
            ));
        }
    }
    let header: Header = match serde_json::from_slice(bytes) {
        Ok(header) => header,
        // The marker is written first, so even a cut-off project has it.
        Err(e) if mentions_format(bytes) => return Err(corrupt(e)),
        Err(e) => return Err(not_a_project(format!("it is not valid JSON ({e})"))),
    };
    if header.format.as_ref().and_then(|f| f.as_str()) != Some(FORMAT) {
        return Err(not_a_project(format!(
            "it has no \"format\": \"{FORMAT}\" field"
        )));
    }
    let version = match header.version {
        Some(v) => v
            .as_u64()
            .filter(|&v| v >= 1)
            .ok_or_else(|| invalid(format!("its version ({v}) is not a whole number from 1 up")))?,
        None => return Err(invalid("it has no version number".into())),
    };
    if version > VERSION {
        return Err(ProjectError::TooNew {
            path: path.to_owned(),
            version,
        });
    }
    let file: FileIn = serde_json::from_slice(bytes).map_err(corrupt)?;
    let (documents, texts) = file
        .articles
        .into_iter()
        .map(|a| {
            let document = Document {
                id: a.id,
                path: a.path,
                title: a.title,
                published: a.published,
                dates_mentioned: a.dates_mentioned,
                // A lead-in that does not fit its text (a hand-edited file) is none.
                lead_in: if a.text.is_char_boundary(a.lead_in) {
                    a.lead_in
                } else {
                    0
                },
            };
            (document, a.text)
        })
        .unzip();
    let dataset = Dataset::from_parts(documents, texts, file.events, file.next_document);
    check(&dataset).map_err(invalid)?;
    let mut view = file.view;
    // A selection that points at nothing would leave the views pointing at nothing.
    if view
        .selected
        .as_ref()
        .is_some_and(|id| dataset.event(id).is_none())
    {
        view.selected = None;
    }
    // A view that cannot be shown is forgotten; the app then fits the events.
    view.map = view.map.filter(MapArea::is_valid);
    view.timeline = view.timeline.filter(TimelineSpan::is_valid);
    Ok(Project {
        dataset,
        history: file.history,
        view,
    })
}

fn mentions_format(bytes: &[u8]) -> bool {
    let marker = format!("\"{FORMAT}\"");
    let head = &bytes[..bytes.len().min(4096)];
    head.windows(marker.len()).any(|w| w == marker.as_bytes())
}

/// What the views rely on: unique ids, events that belong to an open article, evidence
/// and date mentions that lie inside their text, and coordinates on the globe.
fn check(dataset: &Dataset) -> Result<(), String> {
    if dataset.documents.len() != dataset.texts.len() {
        return Err(format!(
            "{} articles but {} texts",
            dataset.documents.len(),
            dataset.texts.len()
        ));
    }
    let mut documents = HashSet::new();
    for (document, text) in dataset.documents.iter().zip(&dataset.texts) {
        if document.id.is_empty() || !documents.insert(document.id.as_str()) {
            return Err(format!(
                "article id \"{}\" is empty or used twice",
                document.id
            ));
        }
        for mention in &document.dates_mentioned {
            if text.get(mention.start..mention.end).is_none() {
                return Err(format!(
                    "article {} has a date mention at bytes {}..{}, outside its text ({} bytes)",
                    document.id,
                    mention.start,
                    mention.end,
                    text.len()
                ));
            }
        }
    }
    let mut events = HashSet::new();
    for event in &dataset.events {
        let id = &event.id;
        if id.is_empty() || !events.insert(id.as_str()) {
            return Err(format!("event id \"{id}\" is empty or used twice"));
        }
        let text = dataset.text_of(&event.document).ok_or_else(|| {
            format!(
                "event {id} belongs to article \"{}\", which is not in the project",
                event.document
            )
        })?;
        for evidence in event.all_evidence() {
            if text.get(evidence.start..evidence.end).is_none() {
                return Err(format!(
                    "event {id} quotes bytes {}..{}, outside its article's text ({} bytes)",
                    evidence.start,
                    evidence.end,
                    text.len()
                ));
            }
        }
        if let Some(place) = &event.place {
            let on_globe = place.lat.is_finite()
                && place.lon.is_finite()
                && (-90.0..=90.0).contains(&place.lat)
                && (-180.0..=180.0).contains(&place.lon);
            if !on_globe {
                return Err(format!(
                    "event {id} is placed at impossible coordinates ({}, {})",
                    place.lat, place.lon
                ));
            }
        }
        if let Some(date) = &event.date
            && date.end < date.start
        {
            return Err(format!(
                "event {id} has a date range ending ({}) before it starts ({})",
                date.end, date.start
            ));
        }
        if !event.confidence.is_finite() {
            return Err(format!("event {id} has no valid confidence"));
        }
    }
    Ok(())
}

/// Saves a project atomically: the old file stays whole until the new one is complete.
pub fn save(path: &Path, project: &Project) -> Result<(), ProjectError> {
    save_with_progress(path, project, |_| {})
}

/// [`save`], reporting progress (for a progress bar, and for tests that interrupt it).
///
/// The bytes go to a temporary file in the target's folder, which is flushed to disk
/// (`fsync`) and then renamed over the target; finally the folder is flushed so the
/// rename itself survives a power cut. Killed at any point, the target is either the
/// complete old file or the complete new one.
pub fn save_with_progress(
    path: &Path,
    project: &Project,
    mut progress: impl FnMut(SaveProgress),
) -> Result<(), ProjectError> {
    let bytes = to_bytes(project).map_err(|problem| ProjectError::Unsaveable {
        path: path.to_owned(),
        problem,
    })?;
    atomic::write(path, &bytes, &mut progress)
}

#[cfg(test)]
mod tests;
