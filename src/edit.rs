//! Corrections by hand, as values. An [`Edit`] changes one thing in a [`Dataset`];
//! [`History`] applies edits and keeps what undoes each one exactly, for Undo and Redo.
//! No UI here: the app turns menu clicks into edits and shows [`History`]'s labels.

use std::ops::Range;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::model::{Dataset, Event, EventDate, EventType, Evidence, Place};

/// How many edits can be undone; older ones are forgotten.
pub const MAX_UNDO: usize = 1000;

/// One correction to the events.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "edit", rename_all = "snake_case")]
pub enum Edit {
    SetType {
        event: String,
        event_type: EventType,
    },
    /// None means "the date is unknown".
    SetDate {
        event: String,
        date: Option<EventDate>,
    },
    /// None means "the place is unknown".
    SetPlace {
        event: String,
        place: Option<Place>,
    },
    SetActors {
        event: String,
        actors: Vec<String>,
    },
    SetFatalities {
        event: String,
        fatalities: Option<u32>,
    },
    SetInjured {
        event: String,
        injured: Option<u32>,
    },
    SetSummary {
        event: String,
        summary: String,
    },
    /// A new event (see [`Edit::add_from_span`]); appended after the existing ones.
    AddEvent {
        event: Box<Event>,
    },
    DeleteEvent {
        event: String,
    },
    /// `absorb` disappears into `keep`: its evidence is added to `keep`'s, and it fills
    /// whichever of `keep`'s fields are empty.
    MergeEvents {
        keep: String,
        absorb: String,
    },
}

#[derive(Debug, Error, PartialEq)]
pub enum EditError {
    #[error("there is no event \"{0}\" (it may have been deleted)")]
    NoSuchEvent(String),
    #[error("there is no article \"{0}\" open")]
    NoSuchDocument(String),
    #[error("an event with the id \"{0}\" already exists")]
    DuplicateId(String),
    #[error("an event cannot be merged with itself (\"{0}\")")]
    MergeWithItself(String),
    #[error(
        "events from different articles cannot be merged (\"{keep}\" is from {keep_document}, \"{absorb}\" from {absorb_document})"
    )]
    DifferentDocuments {
        keep: String,
        keep_document: String,
        absorb: String,
        absorb_document: String,
    },
    #[error("the date range {start}..{end} ends before it starts")]
    DateRangeReversed { start: String, end: String },
    #[error("the place \"{name}\" has impossible coordinates ({lat}, {lon})")]
    InvalidPlace { name: String, lat: f64, lon: f64 },
    #[error(
        "the text span {start}..{end} is not inside article {document} ({len} bytes) or cuts a character in two"
    )]
    InvalidSpan {
        document: String,
        start: usize,
        end: usize,
        len: usize,
    },
    #[error("the selected text is empty: select the words that report the event")]
    EmptySpan,
    #[error("nothing to undo")]
    NothingToUndo,
    #[error("nothing to redo")]
    NothingToRedo,
    #[error(
        "the events changed outside the edit history (e.g. an article was closed or re-read), so this edit cannot be undone"
    )]
    OutOfStep,
}

impl Edit {
    /// What the edit does, for menus: "Undo change date".
    pub fn describe(&self) -> &'static str {
        match self {
            Edit::SetType { .. } => "change type",
            Edit::SetDate { .. } => "change date",
            Edit::SetPlace { .. } => "change place",
            Edit::SetActors { .. } => "change actors",
            Edit::SetFatalities { .. } => "change fatalities",
            Edit::SetInjured { .. } => "change injured",
            Edit::SetSummary { .. } => "change summary",
            Edit::AddEvent { .. } => "add event",
            Edit::DeleteEvent { .. } => "delete event",
            Edit::MergeEvents { .. } => "merge events",
        }
    }

    /// The event the edit is about (for merges, the one that remains), so the app can
    /// select it after applying, undoing or redoing.
    pub fn event_id(&self) -> &str {
        match self {
            Edit::SetType { event, .. }
            | Edit::SetDate { event, .. }
            | Edit::SetPlace { event, .. }
            | Edit::SetActors { event, .. }
            | Edit::SetFatalities { event, .. }
            | Edit::SetInjured { event, .. }
            | Edit::SetSummary { event, .. }
            | Edit::DeleteEvent { event } => event,
            Edit::AddEvent { event } => &event.id,
            Edit::MergeEvents { keep, .. } => keep,
        }
    }

    /// A new event reported by the selected bytes `span` of an article's text: the span is
    /// its evidence and summary; date, place, actors and casualties are pre-filled from
    /// what the extractor reads in the span alone (the person corrects them afterwards),
    /// and so is the type unless one is given (else "other").
    pub fn add_from_span(
        dataset: &Dataset,
        document: &str,
        span: Range<usize>,
        event_type: Option<EventType>,
    ) -> Result<Edit, EditError> {
        let index = dataset
            .document_index(document)
            .ok_or_else(|| EditError::NoSuchDocument(document.to_owned()))?;
        let text = &dataset.texts[index];
        let selected = text
            .get(span.clone())
            .ok_or_else(|| EditError::InvalidSpan {
                document: document.to_owned(),
                start: span.start,
                end: span.end,
                len: text.len(),
            })?;
        // Selections often catch a space either side; the evidence is the words.
        let start = span.start + (selected.len() - selected.trim_start().len());
        let selected = selected.trim();
        if selected.is_empty() {
            return Err(EditError::EmptySpan);
        }
        let end = start + selected.len();
        let published = dataset.documents[index].published;
        let found = crate::extract::extract(selected, published)
            .events
            .into_iter()
            .next();
        let mentioned_date = dataset.documents[index]
            .dates_mentioned
            .iter()
            .filter(|m| m.start >= start && m.end <= end)
            .find_map(|m| m.value.clone());
        let id = (1..)
            .map(|n| format!("{document}-u{n}"))
            .find(|id| dataset.event(id).is_none())
            .unwrap_or_default();
        let mut event = Event {
            id,
            document: document.into(),
            event_type: event_type
                .or(found.as_ref().map(|f| f.event_type))
                .unwrap_or(EventType::Other),
            summary: summarize(selected),
            date: mentioned_date,
            place: None,
            actors: Vec::new(),
            targets: Vec::new(),
            fatalities: None,
            injured: None,
            evidence: Evidence {
                text: selected.to_owned(),
                start,
                end,
            },
            more_evidence: Vec::new(),
            // A person said so.
            confidence: 1.0,
            edited: true,
        };
        if let Some(found) = found {
            event.date = event.date.or(found.date);
            event.place = found.place;
            event.actors = found.actors;
            event.targets = found.targets;
            event.fatalities = found.fatalities;
            event.injured = found.injured;
        }
        Ok(Edit::AddEvent {
            event: Box::new(event),
        })
    }
}

/// About twenty words of the evidence, like the extractor's summaries.
fn summarize(text: &str) -> String {
    const MAX_WORDS: usize = 20;
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut summary = words[..words.len().min(MAX_WORDS)].join(" ");
    if words.len() > MAX_WORDS {
        summary.push('…');
    }
    summary
}

/// A primitive change that restores what an edit changed; an edit's undo is a list of
/// these, applied in order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
enum Step {
    /// Put this event back at `index`, replacing the one with the same id.
    Restore { index: usize, event: Box<Event> },
    /// Remove the event `id` found at `index`.
    Remove { index: usize, id: String },
    /// Insert this event at `index`.
    Insert { index: usize, event: Box<Event> },
}

/// An applied edit and the steps that undo it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct Done {
    edit: Edit,
    undo: Vec<Step>,
}

/// The edits applied so far (undoable) and the ones undone (redoable).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct History {
    #[serde(default)]
    done: Vec<Done>,
    /// Most recently undone last.
    #[serde(default)]
    undone: Vec<Edit>,
}

impl History {
    /// Applies an edit and records it; a failed edit changes nothing. A new edit clears
    /// the redo list.
    pub fn apply(&mut self, dataset: &mut Dataset, edit: Edit) -> Result<(), EditError> {
        let undo = apply_edit(dataset, &edit)?;
        self.undone.clear();
        self.push_done(Done { edit, undo });
        Ok(())
    }

    /// Undoes the last edit, returning it (e.g. to select its event).
    pub fn undo(&mut self, dataset: &mut Dataset) -> Result<&Edit, EditError> {
        let done = self.done.pop().ok_or(EditError::NothingToUndo)?;
        if let Err(e) = apply_steps(dataset, &done.undo) {
            self.done.push(done);
            return Err(e);
        }
        self.undone.push(done.edit);
        self.undone.last().ok_or(EditError::NothingToUndo)
    }

    /// Applies the last undone edit again, returning it.
    pub fn redo(&mut self, dataset: &mut Dataset) -> Result<&Edit, EditError> {
        let edit = self.undone.pop().ok_or(EditError::NothingToRedo)?;
        match apply_edit(dataset, &edit) {
            Ok(undo) => {
                self.push_done(Done { edit, undo });
                self.done
                    .last()
                    .map(|d| &d.edit)
                    .ok_or(EditError::NothingToRedo)
            }
            Err(e) => {
                self.undone.push(edit);
                Err(e)
            }
        }
    }

    pub fn can_undo(&self) -> bool {
        !self.done.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }

    /// How many edits can be undone.
    pub fn undo_count(&self) -> usize {
        self.done.len()
    }

    /// The edit Undo would undo.
    pub fn last_done(&self) -> Option<&Edit> {
        self.done.last().map(|d| &d.edit)
    }

    /// The edit Redo would apply.
    pub fn last_undone(&self) -> Option<&Edit> {
        self.undone.last()
    }

    /// "Undo change date", or None when there is nothing to undo.
    pub fn undo_label(&self) -> Option<String> {
        self.last_done().map(|e| format!("Undo {}", e.describe()))
    }

    /// "Redo change date", or None when there is nothing to redo.
    pub fn redo_label(&self) -> Option<String> {
        self.last_undone().map(|e| format!("Redo {}", e.describe()))
    }

    /// Forgets everything, e.g. after the events were re-extracted.
    pub fn clear(&mut self) {
        self.done.clear();
        self.undone.clear();
    }

    fn push_done(&mut self, done: Done) {
        if self.done.len() >= MAX_UNDO {
            self.done.remove(0);
        }
        self.done.push(done);
    }
}

fn index_of(dataset: &Dataset, id: &str) -> Result<usize, EditError> {
    dataset
        .events
        .iter()
        .position(|e| e.id == id)
        .ok_or_else(|| EditError::NoSuchEvent(id.to_owned()))
}

fn check_place(place: &Option<Place>) -> Result<(), EditError> {
    match place {
        Some(p)
            if !(p.lat.is_finite()
                && p.lon.is_finite()
                && (-90.0..=90.0).contains(&p.lat)
                && (-180.0..=180.0).contains(&p.lon)) =>
        {
            Err(EditError::InvalidPlace {
                name: p.name.to_string(),
                lat: p.lat,
                lon: p.lon,
            })
        }
        _ => Ok(()),
    }
}

fn check_date(date: &Option<EventDate>) -> Result<(), EditError> {
    match date {
        Some(d) if d.end < d.start => Err(EditError::DateRangeReversed {
            start: d.start.to_string(),
            end: d.end.to_string(),
        }),
        _ => Ok(()),
    }
}

fn check_evidence(dataset: &Dataset, event: &Event) -> Result<(), EditError> {
    let index = dataset
        .document_index(&event.document)
        .ok_or_else(|| EditError::NoSuchDocument(event.document.to_string()))?;
    let text = &dataset.texts[index];
    for evidence in event.all_evidence() {
        if text.get(evidence.start..evidence.end).is_none() {
            return Err(EditError::InvalidSpan {
                document: event.document.to_string(),
                start: evidence.start,
                end: evidence.end,
                len: text.len(),
            });
        }
    }
    Ok(())
}

/// Changes one field of an event (marking it edited) and returns the undo step.
fn change_event(
    dataset: &mut Dataset,
    id: &str,
    change: impl FnOnce(&mut Event),
) -> Result<Vec<Step>, EditError> {
    let index = index_of(dataset, id)?;
    let before = dataset.events[index].clone();
    let event = &mut dataset.events[index];
    change(event);
    event.edited = true;
    Ok(vec![Step::Restore {
        index,
        event: Box::new(before),
    }])
}

/// Applies an edit after checking it, returning the steps that undo it. Deterministic, so
/// applying an edit again after undoing it (redo) reproduces exactly the same state.
fn apply_edit(dataset: &mut Dataset, edit: &Edit) -> Result<Vec<Step>, EditError> {
    match edit {
        Edit::SetType { event, event_type } => {
            change_event(dataset, event, |e| e.event_type = *event_type)
        }
        Edit::SetDate { event, date } => {
            check_date(date)?;
            change_event(dataset, event, |e| e.date = date.clone())
        }
        Edit::SetPlace { event, place } => {
            check_place(place)?;
            change_event(dataset, event, |e| e.place = place.clone())
        }
        Edit::SetActors { event, actors } => {
            let actors: Vec<String> = actors
                .iter()
                .map(|a| a.trim().to_owned())
                .filter(|a| !a.is_empty())
                .collect();
            change_event(dataset, event, |e| e.actors = actors)
        }
        Edit::SetFatalities { event, fatalities } => {
            change_event(dataset, event, |e| e.fatalities = *fatalities)
        }
        Edit::SetInjured { event, injured } => {
            change_event(dataset, event, |e| e.injured = *injured)
        }
        Edit::SetSummary { event, summary } => {
            let summary = summary.trim().to_owned();
            change_event(dataset, event, |e| e.summary = summary)
        }
        Edit::AddEvent { event } => {
            if event.id.is_empty() || dataset.event(&event.id).is_some() {
                return Err(EditError::DuplicateId(event.id.clone()));
            }
            check_evidence(dataset, event)?;
            check_date(&event.date)?;
            check_place(&event.place)?;
            let mut event = event.as_ref().clone();
            event.edited = true;
            let index = dataset.events.len();
            let id = event.id.clone();
            dataset.events.push(event);
            Ok(vec![Step::Remove { index, id }])
        }
        Edit::DeleteEvent { event } => {
            let index = index_of(dataset, event)?;
            let removed = dataset.events.remove(index);
            Ok(vec![Step::Insert {
                index,
                event: Box::new(removed),
            }])
        }
        Edit::MergeEvents { keep, absorb } => {
            if keep == absorb {
                return Err(EditError::MergeWithItself(keep.clone()));
            }
            let keep_index = index_of(dataset, keep)?;
            let absorb_index = index_of(dataset, absorb)?;
            let kept = &dataset.events[keep_index];
            let absorbed = &dataset.events[absorb_index];
            if kept.document != absorbed.document {
                return Err(EditError::DifferentDocuments {
                    keep: keep.clone(),
                    keep_document: kept.document.to_string(),
                    absorb: absorb.clone(),
                    absorb_document: absorbed.document.to_string(),
                });
            }
            let merged = merge(kept, absorbed);
            let before = std::mem::replace(&mut dataset.events[keep_index], merged);
            let absorbed = dataset.events.remove(absorb_index);
            // Undo puts the absorbed event back first, so `keep_index` is right again.
            Ok(vec![
                Step::Insert {
                    index: absorb_index,
                    event: Box::new(absorbed),
                },
                Step::Restore {
                    index: keep_index,
                    event: Box::new(before),
                },
            ])
        }
    }
}

/// `keep` with `absorb`'s evidence added (in text order, without repeats) and its values
/// in the fields `keep` leaves empty.
fn merge(keep: &Event, absorb: &Event) -> Event {
    let mut merged = keep.clone();
    for evidence in absorb.all_evidence() {
        let known = merged
            .all_evidence()
            .any(|e| e.start == evidence.start && e.end == evidence.end);
        if !known {
            merged.more_evidence.push(evidence.clone());
        }
    }
    merged.more_evidence.sort_by_key(|e| (e.start, e.end));
    if merged.event_type == EventType::Other {
        merged.event_type = absorb.event_type;
    }
    if merged.summary.trim().is_empty() {
        merged.summary = absorb.summary.clone();
    }
    merged.date = merged.date.or_else(|| absorb.date.clone());
    merged.place = merged.place.or_else(|| absorb.place.clone());
    if merged.actors.is_empty() {
        merged.actors = absorb.actors.clone();
    }
    if merged.targets.is_empty() {
        merged.targets = absorb.targets.clone();
    }
    merged.fatalities = merged.fatalities.or(absorb.fatalities);
    merged.injured = merged.injured.or(absorb.injured);
    merged.confidence = merged.confidence.max(absorb.confidence);
    merged.edited = true;
    merged
}

/// Applies undo steps all or nothing: they are checked against a copy of the events,
/// which replaces the real ones only if every step fits.
fn apply_steps(dataset: &mut Dataset, steps: &[Step]) -> Result<(), EditError> {
    let mut events = dataset.events.clone();
    for step in steps {
        match step {
            Step::Restore { index, event } => {
                let slot = events
                    .get_mut(*index)
                    .filter(|e| e.id == event.id)
                    .ok_or(EditError::OutOfStep)?;
                *slot = event.as_ref().clone();
            }
            Step::Remove { index, id } => {
                if events.get(*index).is_none_or(|e| e.id != *id) {
                    return Err(EditError::OutOfStep);
                }
                events.remove(*index);
            }
            Step::Insert { index, event } => {
                if *index > events.len() || events.iter().any(|e| e.id == event.id) {
                    return Err(EditError::OutOfStep);
                }
                events.insert(*index, event.as_ref().clone());
            }
        }
    }
    dataset.events = events;
    Ok(())
}

#[cfg(test)]
mod tests;
