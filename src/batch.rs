//! Opening many article files at once: a background job reads and extracts them on all cores,
//! shows its progress every frame, can be cancelled, and hands over results as they finish.
//! A file that cannot be read is reported with its path and reason; it never stops the rest.
//!
//! ```no_run
//! use dateline::batch::BatchLoad;
//! # let mut dataset = dateline::model::Dataset::default();
//! let load = BatchLoad::start(vec!["articles/".into()]); // returns at once
//! // Each frame, on the UI thread:
//! let p = load.progress();
//! println!("{}/{} {}", p.done, p.total, p.current.as_deref().unwrap_or(""));
//! for loaded in load.drain() {
//!     match loaded {
//!         Ok((article, extraction)) => {
//!             let id = format!("d{}", dataset.documents.len() + 1);
//!             dataset.push_extracted(id, article, extraction);
//!         }
//!         Err(e) => eprintln!("{e}"), // names the file and what went wrong
//!     }
//! }
//! // A "Cancel" button: load.cancel(); files already being read still arrive.
//! ```

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, mpsc};

use rayon::prelude::*;
use thiserror::Error;

use crate::article::{self, Article};
use crate::extract::{self, Extraction};

/// One finished file: its article and events, or why it could not be read.
pub type Loaded = Result<(Article, Extraction), LoadError>;

/// Why one file (or folder) of a batch was not opened.
#[derive(Debug, Error)]
pub enum LoadError {
    #[error(transparent)]
    Article(#[from] article::LoadError),
    #[error("cannot read folder {path}: {source}")]
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} contains no article files ({})", article::EXTENSIONS.iter().map(|e| format!(".{e}")).collect::<Vec<_>>().join(" "))]
    NoArticles { path: PathBuf },
    #[error("reading events from {path} failed unexpectedly ({message}); please report this file")]
    Extraction { path: PathBuf, message: String },
}

impl LoadError {
    /// The file or folder the error is about.
    pub fn path(&self) -> &Path {
        match self {
            LoadError::Article(
                article::LoadError::Io { path, .. }
                | article::LoadError::Empty { path }
                | article::LoadError::TooLarge { path, .. }
                | article::LoadError::Binary { path },
            ) => path,
            LoadError::Folder { path, .. }
            | LoadError::NoArticles { path }
            | LoadError::Extraction { path, .. } => path,
        }
    }
}

/// A snapshot of a batch's progress, cheap enough to take every frame.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Files finished (read and extracted, or failed).
    pub done: usize,
    /// Files to read; 0 while folders are still being listed.
    pub total: usize,
    /// Files (and folders) that could not be read so far.
    pub failed: usize,
    /// The file most recently started, for "Reading x.txt…".
    pub current: Option<String>,
    /// True once every file is done, or the batch stopped after `cancel`.
    pub finished: bool,
    pub cancelled: bool,
}

#[derive(Default)]
struct Shared {
    done: AtomicUsize,
    total: AtomicUsize,
    failed: AtomicUsize,
    current: Mutex<Option<String>>,
    cancel: AtomicBool,
    finished: AtomicBool,
}

/// A running batch of files being opened on a worker thread. Dropping it cancels the rest.
pub struct BatchLoad {
    shared: Arc<Shared>,
    results: mpsc::Receiver<Loaded>,
    worker: Option<std::thread::JoinHandle<()>>,
}

impl BatchLoad {
    /// Starts reading `paths` (files, or folders searched recursively for article files) with
    /// one thread per core. Returns at once.
    pub fn start(paths: Vec<PathBuf>) -> BatchLoad {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        BatchLoad::with_threads(paths, threads)
    }

    /// Like [`BatchLoad::start`] with a given number of extraction threads.
    pub fn with_threads(paths: Vec<PathBuf>, threads: usize) -> BatchLoad {
        let shared = Arc::new(Shared::default());
        let (sender, results) = mpsc::channel();
        let worker_shared = Arc::clone(&shared);
        let worker = std::thread::Builder::new()
            .name("dateline-batch".into())
            .spawn(move || run(&paths, threads.max(1), &worker_shared, &sender));
        let worker = match worker {
            Ok(handle) => Some(handle),
            Err(e) => {
                // No thread: report it as the batch's one result rather than panicking.
                shared.finished.store(true, Ordering::Release);
                shared.failed.store(1, Ordering::Relaxed);
                let (sender, receiver) = mpsc::channel();
                let _ = sender.send(Err(LoadError::Folder {
                    path: PathBuf::from("(batch)"),
                    source: e,
                }));
                return BatchLoad {
                    shared,
                    results: receiver,
                    worker: None,
                };
            }
        };
        BatchLoad {
            shared,
            results,
            worker,
        }
    }

    pub fn progress(&self) -> Progress {
        let s = &self.shared;
        Progress {
            done: s.done.load(Ordering::Relaxed),
            total: s.total.load(Ordering::Relaxed),
            failed: s.failed.load(Ordering::Relaxed),
            current: s.current.lock().ok().and_then(|c| c.clone()),
            finished: s.finished.load(Ordering::Acquire),
            cancelled: s.cancel.load(Ordering::Relaxed),
        }
    }

    /// Stops starting new files; the ones being read finish and still arrive.
    pub fn cancel(&self) {
        self.shared.cancel.store(true, Ordering::Relaxed);
    }

    pub fn is_finished(&self) -> bool {
        self.shared.finished.load(Ordering::Acquire)
    }

    /// The results that arrived since the last call, without waiting (call once per frame).
    pub fn drain(&self) -> Vec<Loaded> {
        self.results.try_iter().collect()
    }

    /// Waits for the next result; None once the batch is over and everything was handed out.
    pub fn recv(&self) -> Option<Loaded> {
        self.results.recv().ok()
    }

    /// Waits for the whole batch and returns every result not yet drained.
    pub fn finish(mut self) -> Vec<Loaded> {
        let results: Vec<Loaded> = self.results.iter().collect();
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
        results
    }
}

impl Drop for BatchLoad {
    fn drop(&mut self) {
        // The worker notices at the next file and exits; nothing here waits for it.
        self.cancel();
    }
}

/// The worker thread: list the files, then read and extract them in parallel.
fn run(paths: &[PathBuf], threads: usize, shared: &Shared, sender: &mpsc::Sender<Loaded>) {
    let (files, errors) = article_files(paths);
    shared.total.store(files.len(), Ordering::Relaxed);
    shared.failed.fetch_add(errors.len(), Ordering::Relaxed);
    for e in errors {
        let _ = sender.send(Err(e));
    }
    let one = |path: &PathBuf| {
        if shared.cancel.load(Ordering::Relaxed) {
            return None;
        }
        if let Ok(mut current) = shared.current.lock() {
            *current = Some(display_name(path));
        }
        let result = load_and_extract(path);
        if result.is_err() {
            shared.failed.fetch_add(1, Ordering::Relaxed);
        }
        shared.done.fetch_add(1, Ordering::Relaxed);
        Some(result)
    };
    match rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("dateline-extract-{i}"))
        .build()
    {
        Ok(pool) => pool.install(|| {
            files.par_iter().for_each_with(sender.clone(), |s, path| {
                if let Some(result) = one(path) {
                    let _ = s.send(result);
                }
            });
        }),
        // No pool (thread limit reached): read them one by one on this thread.
        Err(_) => {
            for path in &files {
                if let Some(result) = one(path) {
                    let _ = sender.send(result);
                }
            }
        }
    }
    if let Ok(mut current) = shared.current.lock() {
        *current = None;
    }
    shared.finished.store(true, Ordering::Release);
}

fn display_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Reads one article and extracts its events. A panic in the extractor (a bug) becomes an
/// error for this file instead of taking down the batch.
pub fn load_and_extract(path: &Path) -> Loaded {
    let article = article::load(path)?;
    let extracted = std::panic::catch_unwind(|| extract::extract_article(&article));
    match extracted {
        Ok(extraction) => Ok((article, extraction)),
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "internal error".to_owned());
            Err(LoadError::Extraction {
                path: path.to_owned(),
                message,
            })
        }
    }
}

/// Whether a file name has one of the article [`article::EXTENSIONS`] (compared without case).
pub fn is_article_file(path: &Path) -> bool {
    article::has_extension(path, article::EXTENSIONS)
}

/// Expands `paths` into the files to read: files as given (whatever their extension),
/// folders searched recursively for article files, sorted by path within each folder.
/// Hidden entries (".git") and symbolic links to folders are skipped inside folders.
/// Unreadable folders and folders without articles come back as errors.
pub fn article_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<LoadError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.is_dir() {
            let before = files.len();
            walk(path, &mut files, &mut errors);
            if files.len() == before && errors.last().is_none_or(|e| e.path() != path) {
                errors.push(LoadError::NoArticles { path: path.clone() });
            }
        } else {
            // A missing file is reported by `article::load` with the usual message.
            files.push(path.clone());
        }
    }
    (files, errors)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<LoadError>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(source) => {
            errors.push(LoadError::Folder {
                path: dir.to_owned(),
                source,
            });
            return;
        }
    };
    let mut entries: Vec<(PathBuf, std::fs::FileType)> = entries
        .filter_map(Result::ok)
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(|e| Some((e.path(), e.file_type().ok()?)))
        .collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, kind) in entries {
        if kind.is_dir() {
            walk(&path, files, errors);
        } else if (kind.is_file() || (kind.is_symlink() && path.is_file()))
            && is_article_file(&path)
        {
            files.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("dateline-batch-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sub/.hidden")).expect("temp dir");
        dir
    }

    const ARTICLE: &str = "date 2020-01-05 Protest\nThousands of protesters marched in Baghdad on Sunday against the government.";

    #[test]
    fn a_folder_opens_all_its_articles_recursively_and_lists_failures() {
        let dir = temp_dir("folder");
        std::fs::write(dir.join("a.txt"), ARTICLE).expect("write");
        std::fs::write(dir.join("sub/b.MD"), ARTICLE).expect("write");
        std::fs::write(dir.join("sub/c.htm"), ARTICLE).expect("write");
        std::fs::write(dir.join("sub/empty.txt"), "").expect("write");
        std::fs::write(dir.join("notes.json"), "{}").expect("write");
        std::fs::write(dir.join("sub/.hidden/d.txt"), ARTICLE).expect("write");

        let load = BatchLoad::with_threads(vec![dir.clone()], 2);
        let results = load.finish();
        assert_eq!(results.len(), 4, "a.txt, b.MD, c.htm and the empty file");
        let ok: Vec<&(Article, Extraction)> =
            results.iter().filter_map(|r| r.as_ref().ok()).collect();
        assert_eq!(ok.len(), 3);
        assert!(
            ok.iter().all(|(_, x)| !x.events.is_empty()),
            "each yields the protest"
        );
        let failed: Vec<&LoadError> = results.iter().filter_map(|r| r.as_ref().err()).collect();
        assert_eq!(failed.len(), 1);
        assert!(failed[0].path().ends_with("sub/empty.txt"));
        assert!(failed[0].to_string().contains("empty"), "{}", failed[0]);
    }

    #[test]
    fn progress_counts_every_file_and_ends_finished() {
        let dir = temp_dir("progress");
        for i in 0..6 {
            std::fs::write(dir.join(format!("{i}.txt")), ARTICLE).expect("write");
        }
        let load = BatchLoad::start(vec![dir.clone(), dir.join("missing.txt")]);
        let mut received = Vec::new();
        while let Some(r) = load.recv() {
            received.push(r);
        }
        let p = load.progress();
        assert_eq!((p.done, p.total, p.failed), (7, 7, 1));
        assert!(p.finished && !p.cancelled && p.current.is_none());
        assert_eq!(received.len(), 7);
        assert!(load.drain().is_empty());
    }

    #[test]
    fn a_cancelled_batch_stops_early_and_still_finishes() {
        let dir = temp_dir("cancel");
        let paths: Vec<PathBuf> = (0..200)
            .map(|i| {
                let p = dir.join(format!("{i:03}.txt"));
                std::fs::write(&p, ARTICLE).expect("write");
                p
            })
            .collect();
        let load = BatchLoad::with_threads(paths, 1);
        load.cancel();
        let results = load.finish();
        assert!(results.len() < 200, "cancel stops the batch");
    }

    #[test]
    fn empty_and_unreadable_folders_are_errors_not_silence() {
        let dir = temp_dir("empty");
        let (files, errors) = article_files(&[dir.join("sub"), dir.join("nope")]);
        assert!(
            errors
                .iter()
                .any(|e| matches!(e, LoadError::NoArticles { .. }))
        );
        // A missing path is passed on as a file, so its message is the article loader's.
        assert_eq!(files, vec![dir.join("nope")]);
    }
}
