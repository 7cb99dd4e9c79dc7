//! Searching a large dataset a slice per frame (what matches is `needle`'s). Reading the text
//! of a million events takes longer than a frame (the strings are scattered over the heap), so
//! a new search keeps showing the last result until it has read every event; typing more of
//! the same words searches only the last result ("narrowing").

use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;

use crate::model::Event;

use super::DatasetStamp;
use super::needle::Needle;

/// Events searched between two looks at the clock.
pub(super) const SLICE: usize = 16_384;

/// The result of a search the views show.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Shown {
    pub dataset: DatasetStamp,
    /// Trimmed; empty for no search.
    pub words: String,
    /// The events (of every type and document) that match, ascending indices into
    /// `dataset.events`; None when nothing is searched for.
    pub events: Option<Arc<[u32]>>,
}

impl Shown {
    fn nothing(dataset: DatasetStamp) -> Shown {
        Shown {
            dataset,
            words: String::new(),
            events: None,
        }
    }
}

/// The search shown and the one being read, for one `ViewState`.
#[derive(Clone, Debug, Default)]
pub(super) struct Searches {
    shown: Option<Shown>,
    running: Option<Job>,
}

impl Searches {
    /// The result to show for `words` in this dataset. A search not finished by `deadline`
    /// (None: no limit) goes on at the next call, and the last result is shown meanwhile.
    pub fn update(
        &mut self,
        events: &[Event],
        dataset: DatasetStamp,
        words: &str,
        deadline: Option<Instant>,
    ) -> Shown {
        if let Some(shown) = &self.shown
            && shown.dataset == dataset
            && shown.words == words
        {
            self.running = None;
            return shown.clone();
        }
        if words.is_empty() {
            self.running = None;
            return self.show(Shown::nothing(dataset));
        }
        let mut job = match self.running.take() {
            Some(job) if job.dataset == dataset && job.words == words => job,
            running => {
                let candidates = self.narrowed(dataset, words, running, events.len());
                Job::new(dataset, words, candidates)
            }
        };
        let meanwhile = self.meanwhile(dataset);
        // With nothing of this dataset to show meanwhile, the search finishes now.
        job.run(events, deadline.filter(|_| meanwhile.is_some()));
        match meanwhile {
            Some(shown) if !job.is_done() => {
                self.running = Some(job);
                shown
            }
            _ => self.show(job.into_shown()),
        }
    }

    /// Whether a search is still being read (the views show an older result meanwhile).
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    fn show(&mut self, shown: Shown) -> Shown {
        self.shown = Some(shown.clone());
        shown
    }

    /// What may be shown while a search of `dataset` runs: the last result if it is of this
    /// dataset, or no search if none was shown. An older dataset's result is of no use.
    fn meanwhile(&self, dataset: DatasetStamp) -> Option<Shown> {
        match &self.shown {
            None => Some(Shown::nothing(dataset)),
            Some(shown) if shown.dataset == dataset => Some(shown.clone()),
            Some(shown) if shown.words.is_empty() => Some(Shown::nothing(dataset)),
            Some(_) => None,
        }
    }

    /// The events `words` can match: when they contain (ignoring case) the words of the
    /// shown or the running search, only what those matched (or have still to read).
    fn narrowed(
        &self,
        dataset: DatasetStamp,
        words: &str,
        running: Option<Job>,
        all: usize,
    ) -> Candidates {
        let lower = words.to_lowercase();
        let narrows = |old: &str| {
            !old.is_empty()
                && old.is_ascii() == words.is_ascii()
                && lower.contains(&old.to_lowercase())
        };
        if let Some(job) = running.filter(|j| j.dataset == dataset && narrows(&j.words)) {
            return job.left_to_match();
        }
        match &self.shown {
            Some(Shown {
                dataset: shown_dataset,
                words: old,
                events: Some(events),
            }) if *shown_dataset == dataset && narrows(old) => {
                Candidates::Among(Arc::clone(events))
            }
            _ => Candidates::All(all),
        }
    }
}

/// Events that may match, ascending.
#[derive(Clone, Debug)]
enum Candidates {
    /// Every event: `0..n`.
    All(usize),
    Among(Arc<[u32]>),
}

impl Candidates {
    fn len(&self) -> usize {
        match self {
            Candidates::All(n) => *n,
            Candidates::Among(indices) => indices.len(),
        }
    }
}

/// A search being read, a slice at a time.
#[derive(Clone, Debug)]
struct Job {
    dataset: DatasetStamp,
    words: String,
    needle: Needle,
    candidates: Candidates,
    /// How many candidates have been read.
    read: usize,
    /// The matches among those read.
    found: Vec<u32>,
}

impl Job {
    fn new(dataset: DatasetStamp, words: &str, candidates: Candidates) -> Job {
        Job {
            dataset,
            words: words.to_owned(),
            needle: Needle::new(words),
            candidates,
            read: 0,
            found: Vec::new(),
        }
    }

    fn is_done(&self) -> bool {
        self.read >= self.candidates.len()
    }

    /// Reads slices of candidates on all cores until all are read or the deadline passed.
    fn run(&mut self, events: &[Event], deadline: Option<Instant>) {
        let needle = &self.needle;
        let matches = |&i: &u32| events.get(i as usize).is_some_and(|e| needle.matches(e));
        while !self.is_done() {
            let end = (self.read + SLICE).min(self.candidates.len());
            let found: Vec<u32> = match &self.candidates {
                Candidates::All(_) => (self.read as u32..end as u32)
                    .into_par_iter()
                    .filter(matches)
                    .collect(),
                Candidates::Among(indices) => indices[self.read..end]
                    .par_iter()
                    .copied()
                    .filter(matches)
                    .collect(),
            };
            self.found.extend(found);
            self.read = end;
            if deadline.is_some_and(|d| Instant::now() >= d) {
                break;
            }
        }
    }

    /// The candidates a narrower search still has to read: the matches so far and the
    /// candidates not read yet.
    fn left_to_match(self) -> Candidates {
        let mut left = self.found;
        match &self.candidates {
            Candidates::All(n) => left.extend(self.read as u32..*n as u32),
            Candidates::Among(indices) => left.extend_from_slice(&indices[self.read..]),
        }
        Candidates::Among(left.into())
    }

    fn into_shown(self) -> Shown {
        Shown {
            dataset: self.dataset,
            words: self.words,
            events: Some(self.found.into()),
        }
    }
}
