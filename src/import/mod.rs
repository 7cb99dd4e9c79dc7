//! Importing event tables coded by others: ACLED CSV exports and GDELT 2.0 event files.
//! Each table becomes one document (without text) holding its rows as events; rows that
//! cannot be read are counted and the first few reported with their line numbers.
//! The mapping of their event types to Dateline's is in `docs/FORMAT.md` ("Imported tables").

pub mod acled;
pub mod gdelt;

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use thiserror::Error;

use crate::article::Article;
use crate::extract::Extraction;
use crate::geo::gazetteer::{GAZETTEER, NameRef};
use crate::model::{Dataset, Event};

/// How many bad rows are described one by one; the rest are only counted.
pub const MAX_REPORTED_ROWS: usize = 10;

/// The kinds of table Dateline reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableKind {
    /// ACLED's CSV export (a header row naming `event_date`, `event_type`, …).
    Acled,
    /// A GDELT 2.0 event file (`*.export.CSV`): 61 tab-separated columns, no header.
    Gdelt,
}

impl TableKind {
    pub fn label(self) -> &'static str {
        match self {
            TableKind::Acled => "ACLED",
            TableKind::Gdelt => "GDELT 2.0",
        }
    }
}

/// Why a table could not be imported at all (single bad rows never cause this).
#[derive(Debug, Error)]
pub enum ImportError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{path} is not a table Dateline can import: expected an ACLED CSV export (with a header naming event_date and event_type) or a GDELT 2.0 event file (61 tab-separated columns)"
    )]
    Unknown { path: PathBuf },
    #[error("{path} looks like an ACLED export but has no {column} column")]
    MissingColumn { path: PathBuf, column: &'static str },
    #[error(
        "{path} has {columns} tab-separated columns: this looks like a GDELT 1.0 file; Dateline reads GDELT 2.0 event files (61 columns)"
    )]
    GdeltVersion { path: PathBuf, columns: usize },
    #[error("{path} has no rows")]
    Empty { path: PathBuf },
}

/// A row that was skipped, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowProblem {
    /// 1-based line number in the file.
    pub line: u64,
    pub message: String,
}

/// What happened to a table's rows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Data rows read (without the header).
    pub rows: usize,
    /// Rows that became events.
    pub imported: usize,
    /// Rows skipped.
    pub bad_rows: usize,
    /// The first [`MAX_REPORTED_ROWS`] skipped rows.
    pub problems: Vec<RowProblem>,
    /// Imported rows whose coordinates were missing or impossible (they have no place).
    pub unplaced: usize,
    /// Imported rows whose event type was not recognised (they are `other`).
    pub unknown_types: usize,
}

impl ImportReport {
    pub(crate) fn skip(&mut self, line: u64, message: String) {
        self.bad_rows += 1;
        if self.problems.len() < MAX_REPORTED_ROWS {
            self.problems.push(RowProblem { line, message });
        }
    }

    /// One line for a status bar, e.g. "12,000 events imported; 3 bad rows skipped (line 7: …)".
    pub fn summary(&self) -> String {
        let mut s = format!("{} events imported", self.imported);
        if self.bad_rows > 0 {
            s.push_str(&format!(
                "; {} bad row{} skipped",
                self.bad_rows,
                if self.bad_rows == 1 { "" } else { "s" }
            ));
            if let Some(p) = self.problems.first() {
                s.push_str(&format!(" (line {}: {})", p.line, p.message));
            }
        }
        if self.unplaced > 0 {
            s.push_str(&format!("; {} without usable coordinates", self.unplaced));
        }
        if self.unknown_types > 0 {
            s.push_str(&format!(
                "; {} of unknown type (shown as Other)",
                self.unknown_types
            ));
        }
        s
    }
}

/// A table read into events, ready to be added to a dataset.
#[derive(Clone, Debug)]
pub struct Imported {
    pub kind: TableKind,
    pub path: PathBuf,
    /// A title for the document, e.g. "ACLED: iraq_2019.csv".
    pub title: String,
    /// The events, in row order; ids and document are set by [`Imported::add_to`].
    pub events: Vec<Event>,
    pub report: ImportReport,
}

impl Imported {
    /// Adds the table as one document (`t1`, `t2`… so it never collides with articles'
    /// `d1`, `d2`…) with its events; returns the document id.
    pub fn add_to(self, dataset: &mut Dataset) -> String {
        let id = (1..)
            .map(|n| format!("t{n}"))
            .find(|id| dataset.document_index(id).is_none())
            .unwrap_or_else(|| "t".to_owned());
        let article = Article {
            path: self.path,
            title: self.title,
            published: None,
            text: String::new(),
            lead_in: 0,
            warnings: Vec::new(),
        };
        let extraction = Extraction {
            events: self.events,
            dates_mentioned: Vec::new(),
        };
        dataset.push_extracted(id.clone(), article, extraction);
        id
    }
}

/// Reads a table file, recognising its kind from its first line.
pub fn import_file(path: &Path) -> Result<Imported, ImportError> {
    let io = |source| ImportError::Io {
        path: path.to_owned(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let mut reader = BufReader::with_capacity(1 << 16, file);
    let kind = sniff(path, &mut reader)?;
    read(kind, path, reader)
}

/// Reads a table of a known kind from any reader; `path` names it in messages.
pub fn read(kind: TableKind, path: &Path, reader: impl Read) -> Result<Imported, ImportError> {
    match kind {
        TableKind::Acled => acled::read(path, reader),
        TableKind::Gdelt => gdelt::read(path, reader),
    }
}

/// Which kind of table a file holds, from its first line that is not a `#` comment.
/// Leaves the reader where it was (only the buffer is inspected).
pub fn sniff(path: &Path, reader: &mut impl BufRead) -> Result<TableKind, ImportError> {
    let io = |source| ImportError::Io {
        path: path.to_owned(),
        source,
    };
    let buffer = reader.fill_buf().map_err(io)?;
    if buffer.is_empty() {
        return Err(ImportError::Empty {
            path: path.to_owned(),
        });
    }
    let text = String::from_utf8_lossy(buffer);
    let first = text
        .lines()
        .map(|l| l.trim_start_matches('\u{feff}'))
        .find(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .unwrap_or("");
    let tabs = first.split('\t').count();
    if tabs >= 57 && first.split('\t').next().is_some_and(is_number) {
        return if tabs == gdelt::COLUMNS {
            Ok(TableKind::Gdelt)
        } else {
            Err(ImportError::GdeltVersion {
                path: path.to_owned(),
                columns: tabs,
            })
        };
    }
    let lower = first.to_ascii_lowercase();
    if lower.contains("event_date") || lower.contains("event_type") {
        return Ok(TableKind::Acled);
    }
    Err(ImportError::Unknown {
        path: path.to_owned(),
    })
}

fn is_number(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// A latitude/longitude pair if both parse and are on the globe (and not the 0,0 "null island"
/// some exports use for unknown places).
pub(crate) fn coordinates(lat: &str, lon: &str) -> Option<(f64, f64)> {
    let lat: f64 = lat.trim().parse().ok()?;
    let lon: f64 = lon.trim().parse().ok()?;
    let valid = lat.is_finite()
        && lon.is_finite()
        && (-90.0..=90.0).contains(&lat)
        && (-180.0..=180.0).contains(&lon)
        && !(lat == 0.0 && lon == 0.0);
    valid.then_some((lat, lon))
}

/// The ISO 3166-1 alpha-2 code of a country named in English ("Iraq", "DR Congo"), if the
/// gazetteer knows the name.
pub(crate) fn country_code(name: &str) -> Option<String> {
    let g = &*GAZETTEER;
    let name = name.trim();
    let found = |name: &str| {
        g.lookup(name).iter().find_map(|r| match r {
            NameRef::Country(_) => Some(g.country_of(*r).to_owned()),
            _ => None,
        })
    };
    found(name).or_else(|| {
        // Tables often write names in capitals ("IRAQ") or differently capitalised.
        let titled = title_case(name);
        found(&titled)
    })
}

/// "UNITED STATES" -> "United States".
pub(crate) fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) => first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// The file name for titles and messages.
pub(crate) fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn impossible_coordinates_give_no_place() {
        assert_eq!(coordinates("33.3", "44.4"), Some((33.3, 44.4)));
        assert_eq!(coordinates("NaN", "44.4"), None);
        assert_eq!(coordinates("91", "44.4"), None);
        assert_eq!(coordinates("33", "-181"), None);
        assert_eq!(coordinates("", ""), None);
        assert_eq!(coordinates("0", "0"), None);
        assert_eq!(coordinates("inf", "1"), None);
    }

    #[test]
    fn country_names_become_iso_codes_whatever_their_case() {
        assert_eq!(country_code("Iraq").as_deref(), Some("IQ"));
        assert_eq!(country_code("IRAQ").as_deref(), Some("IQ"));
        assert_eq!(country_code("United States").as_deref(), Some("US"));
        assert_eq!(country_code("Atlantis"), None);
    }

    #[test]
    fn the_report_summary_names_the_first_bad_line() {
        let mut r = ImportReport {
            rows: 3,
            imported: 2,
            ..Default::default()
        };
        r.skip(7, "event_date \"soon\" is not a date".into());
        let s = r.summary();
        assert!(s.contains("2 events imported"), "{s}");
        assert!(s.contains("1 bad row skipped (line 7: event_date"), "{s}");
    }
}
