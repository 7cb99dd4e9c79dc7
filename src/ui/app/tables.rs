//! Importing event tables (ACLED CSV exports, GDELT 2.0 event files) in the background:
//! a million rows take seconds to read, and the window stays responsive meanwhile.

use std::path::{Path, PathBuf};
use std::thread::JoinHandle;
use std::time::Instant;

use egui::RichText;

use super::DatelineApp;
use crate::import::{self, ImportError, Imported};

/// Extensions read as event tables rather than articles (compared without case).
pub const TABLE_EXTENSIONS: [&str; 2] = ["csv", "tsv"];

/// A table being read on another thread.
pub struct TableImport {
    path: PathBuf,
    started: Instant,
    reading: JoinHandle<Result<Imported, ImportError>>,
}

/// Whether a path names an event table (by its extension).
pub fn is_table_file(path: &Path) -> bool {
    crate::article::has_extension(path, &TABLE_EXTENSIONS)
}

impl DatelineApp {
    /// Starts reading an event table in the background (one at a time).
    pub fn import_table(&mut self, path: &Path) {
        if self.table_import.is_some() {
            self.warn("Already importing a table; wait for it to finish".to_owned());
            return;
        }
        let owned = path.to_owned();
        self.table_import = Some(TableImport {
            path: path.to_owned(),
            started: Instant::now(),
            reading: std::thread::spawn(move || import::import_file(&owned)),
        });
    }

    /// Whether a table is being imported.
    pub fn is_importing(&self) -> bool {
        self.table_import.is_some()
    }

    /// Takes a finished import into the dataset; call once a frame.
    pub(super) fn poll_table_import(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.table_import else {
            return;
        };
        if !job.reading.is_finished() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
            return;
        }
        let Some(job) = self.table_import.take() else {
            return;
        };
        match job.reading.join() {
            Ok(Ok(imported)) => {
                let summary = imported.report.summary();
                let title = imported.title.clone();
                imported.add_to(&mut self.dataset);
                self.view.dataset_changed();
                self.revision += 1;
                self.remember_recent(&job.path);
                self.map.request_fit();
                self.timeline.request_fit();
                let seconds = job.started.elapsed().as_secs_f32();
                self.info(format!("{title}: {summary} ({seconds:.1} s)"));
            }
            Ok(Err(e)) => self.error(e.to_string()),
            Err(_) => self.error(format!(
                "importing {} failed unexpectedly; please report this file",
                job.path.display()
            )),
        }
    }

    pub(super) fn table_import_ui(&mut self, ui: &mut egui::Ui) {
        let Some(job) = &self.table_import else {
            return;
        };
        ui.horizontal(|ui| {
            ui.spinner();
            let name = job.path.file_name().map_or_else(
                || job.path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            ui.label(format!("Importing {name}…"));
            ui.label(RichText::new(format!("{:.0} s", job.started.elapsed().as_secs_f32())).weak());
        });
    }

    pub(super) fn import_dialog(&mut self) {
        if let Some(path) = rfd::FileDialog::new()
            .set_title("Import an event table (ACLED CSV export or GDELT 2.0 event file)")
            .add_filter("Event tables", &TABLE_EXTENSIONS)
            .add_filter("All files", &["*"])
            .pick_file()
        {
            self.import_table(&path);
        }
    }
}
