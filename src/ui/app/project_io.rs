//! Projects in the app: Save (Ctrl+S) and Open, the recovery copy written every minute
//! while there are unsaved changes, the offer to recover after a crash, and the question
//! before unsaved work would be dropped (opening another project, quitting).

use std::path::{Path, PathBuf};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use egui::RichText;

use super::DatelineApp;
use crate::project::{self, Project, ProjectError, Recovery, ViewSnapshot};

/// How often unsaved work is copied to the recovery file.
pub const AUTOSAVE_EVERY: Duration = Duration::from_secs(60);

/// What waits for the person's answer about unsaved changes.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    OpenProject(PathBuf),
    Quit,
}

/// The recovery copy and the background write of it.
#[derive(Default)]
pub struct Autosave {
    /// Where the copy goes; None disables it (tests, screenshot runs).
    pub recovery: Option<Recovery>,
    /// The app's revision last copied.
    copied_revision: Option<u64>,
    last_copy: Option<Instant>,
    writing: Option<JoinHandle<Result<(), ProjectError>>>,
    /// A project found in the recovery file at start, offered until answered.
    pub offer: Option<Project>,
}

impl DatelineApp {
    /// Whether something was opened or corrected since the last save.
    pub fn has_unsaved_work(&self) -> bool {
        self.revision != self.saved_revision
    }

    pub fn save_project(&mut self) {
        match self.project_path.clone() {
            Some(path) => {
                self.save_project_to(&path);
            }
            None => self.save_project_as(),
        }
    }

    pub fn save_project_as(&mut self) {
        let name = self
            .project_path
            .as_ref()
            .and_then(|p| p.file_name())
            .map_or_else(
                || format!("events.{}", project::EXTENSION),
                |n| n.to_string_lossy().into_owned(),
            );
        let Some(mut path) = rfd::FileDialog::new()
            .set_title("Save project")
            .set_file_name(name)
            .add_filter("Dateline project", &[project::EXTENSION])
            .save_file()
        else {
            return;
        };
        if path.extension().is_none() {
            path.set_extension(project::EXTENSION);
        }
        self.save_project_to(&path);
    }

    /// Saves everything to `path` (atomically); true when it worked.
    pub fn save_project_to(&mut self, path: &Path) -> bool {
        // The project borrows the dataset for the save rather than copying it.
        let project = self.take_project();
        let result = project::save(path, &project);
        self.dataset = project.dataset;
        self.history = project.history;
        match result {
            Ok(()) => {
                self.project_path = Some(path.to_owned());
                self.saved_revision = self.revision;
                self.discard_recovery_copy();
                self.remember_recent(path);
                self.info(format!("Saved {}", path.display()));
                true
            }
            Err(e) => {
                self.error(e.to_string());
                false
            }
        }
    }

    /// Opens a project, first asking about unsaved changes.
    pub fn open_project(&mut self, path: &Path) {
        if self.has_unsaved_work() {
            self.pending = Some(Pending::OpenProject(path.to_owned()));
        } else {
            self.load_project(path);
        }
    }

    fn load_project(&mut self, path: &Path) {
        match project::load(path) {
            Ok(project) => {
                self.install_project(project);
                self.project_path = Some(path.to_owned());
                self.saved_revision = self.revision;
                self.remember_recent(path);
                self.info(format!(
                    "Opened project {}: {} articles, {} events",
                    path.display(),
                    self.dataset.documents.len(),
                    self.dataset.events.len()
                ));
            }
            // What is open stays as it was.
            Err(e) => self.error(e.to_string()),
        }
    }

    /// The project as it would be saved now (a copy; for tests and the recovery file).
    pub fn project(&self) -> Project {
        Project {
            dataset: self.dataset.clone(),
            history: self.history.clone(),
            view: self.view_snapshot(),
        }
    }

    fn take_project(&mut self) -> Project {
        Project {
            dataset: std::mem::take(&mut self.dataset),
            history: std::mem::take(&mut self.history),
            view: self.view_snapshot(),
        }
    }

    fn view_snapshot(&self) -> ViewSnapshot {
        ViewSnapshot {
            selected: self.view.selected.clone(),
            hidden_types: self.view.hidden_types.clone(),
            hidden_documents: self.view.hidden_documents.clone(),
            search: self.view.search.clone(),
            map: self.map.shown_area(),
            timeline: self.timeline.shown_span(),
        }
    }

    /// Replaces everything open by a project.
    fn install_project(&mut self, project: Project) {
        self.dataset = project.dataset;
        self.history = project.history;
        self.view.selected = project.view.selected;
        self.view.selection_generation += 1;
        self.view.hidden_types = project.view.hidden_types;
        self.view.hidden_documents = project.view.hidden_documents;
        self.view.search = project.view.search;
        self.view.dataset_changed();
        self.article.document = None;
        self.article.clear_text_selection();
        self.revision += 1;
        self.map.request_fit();
        self.timeline.request_fit();
        if let Some(area) = project.view.map {
            self.map.show_area(area);
        }
        if let Some(span) = project.view.timeline {
            self.timeline.show_span(span);
        }
    }

    /// Looks for a recovery copy left by a session that ended without saving.
    pub fn look_for_recovery(&mut self) {
        self.autosave.offer = self.autosave.recovery.as_ref().and_then(Recovery::take);
    }

    /// Copies unsaved work to the recovery file when a minute has passed since the last
    /// copy; the copy is written on another thread so the window never waits for it.
    pub fn autosave_if_due(&mut self, now: Instant) {
        self.collect_autosave();
        let due = self
            .autosave
            .last_copy
            .is_none_or(|last| now.duration_since(last) >= AUTOSAVE_EVERY);
        if !due
            || !self.has_unsaved_work()
            || self.autosave.copied_revision == Some(self.revision)
            || self.autosave.writing.is_some()
        {
            return;
        }
        let Some(recovery) = self.autosave.recovery.clone() else {
            return;
        };
        let project = self.project();
        self.autosave.last_copy = Some(now);
        self.autosave.copied_revision = Some(self.revision);
        self.autosave.writing = Some(std::thread::spawn(move || recovery.write(&project)));
    }

    /// Writes the recovery copy now, on this thread.
    pub fn write_recovery_copy(&mut self) -> Result<(), ProjectError> {
        let Some(recovery) = self.autosave.recovery.clone() else {
            return Ok(());
        };
        recovery.write(&self.project())?;
        self.autosave.copied_revision = Some(self.revision);
        Ok(())
    }

    /// Reports a finished background copy's failure.
    fn collect_autosave(&mut self) {
        let finished = self
            .autosave
            .writing
            .as_ref()
            .is_some_and(JoinHandle::is_finished);
        if !finished {
            return;
        }
        let outcome = self.autosave.writing.take().map(JoinHandle::join);
        match outcome {
            Some(Ok(Err(e))) => self.warn(format!("Could not write the recovery copy: {e}")),
            Some(Err(_)) => self.warn("Writing the recovery copy failed unexpectedly".to_owned()),
            _ => {}
        }
    }

    fn discard_recovery_copy(&mut self) {
        if let Some(handle) = self.autosave.writing.take() {
            // A copy still being written would otherwise reappear after the discard.
            let _ = handle.join();
        }
        if let Some(recovery) = &self.autosave.recovery
            && let Err(e) = recovery.discard()
        {
            let message = format!("Could not remove the recovery copy: {e}");
            self.warn(message);
        }
        self.autosave.copied_revision = None;
    }

    /// Intercepts closing the window while there is unsaved work, to ask first.
    pub(super) fn guard_close(&mut self, ctx: &egui::Context) {
        if !ctx.input(|i| i.viewport().close_requested()) {
            return;
        }
        if self.has_unsaved_work() && !self.may_close {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.pending = Some(Pending::Quit);
        } else if !self.has_unsaved_work() {
            self.discard_recovery_copy();
        }
    }

    /// The recovery offer and the unsaved-changes question, when there is one.
    pub(super) fn dialogs_ui(&mut self, ctx: &egui::Context) {
        self.recovery_offer_ui(ctx);
        self.unsaved_question_ui(ctx);
    }

    fn recovery_offer_ui(&mut self, ctx: &egui::Context) {
        let Some(offer) = &self.autosave.offer else {
            return;
        };
        let corrections = offer.history.undo_count();
        let summary = format!(
            "Dateline ended last time before this work was saved: {} article{}, {} events, {} correction{}.",
            offer.dataset.documents.len(),
            if offer.dataset.documents.len() == 1 {
                ""
            } else {
                "s"
            },
            offer.dataset.events.len(),
            corrections,
            if corrections == 1 { "" } else { "s" },
        );
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("recovery-offer")).show(ctx, |ui| {
            ui.set_max_width(440.0);
            ui.heading("Recover unsaved work?");
            ui.label(summary);
            ui.label(RichText::new("Discarding deletes the recovery copy.").weak());
            ui.horizontal(|ui| {
                if ui.button("Recover").clicked() {
                    answer = Some(true);
                }
                if ui.button("Discard").clicked() {
                    answer = Some(false);
                }
            });
        });
        match answer {
            Some(true) => {
                if let Some(project) = self.autosave.offer.take() {
                    self.install_project(project);
                    self.project_path = None;
                    self.info(
                        "Recovered the unsaved work; save it as a project (Ctrl+S)".to_owned(),
                    );
                }
            }
            Some(false) => {
                self.autosave.offer = None;
                self.discard_recovery_copy();
            }
            None => {}
        }
    }

    fn unsaved_question_ui(&mut self, ctx: &egui::Context) {
        let Some(pending) = self.pending.clone() else {
            return;
        };
        let doing = match &pending {
            Pending::OpenProject(path) => {
                format!("Opening {} replaces what is open.", path.display())
            }
            Pending::Quit => "Quitting closes everything.".to_owned(),
        };
        #[derive(PartialEq)]
        enum Answer {
            Save,
            DontSave,
            Cancel,
        }
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("unsaved-question")).show(ctx, |ui| {
            ui.set_max_width(440.0);
            ui.heading("Save your changes?");
            ui.label(format!(
                "{doing} Your changes since the last save would be lost."
            ));
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    answer = Some(Answer::Save);
                }
                if ui.button("Don't save").clicked() {
                    answer = Some(Answer::DontSave);
                }
                if ui.button("Cancel").clicked() {
                    answer = Some(Answer::Cancel);
                }
            });
        });
        let Some(answer) = answer else {
            return;
        };
        self.pending = None;
        if answer == Answer::Cancel {
            return;
        }
        if answer == Answer::Save {
            self.save_project();
            if self.has_unsaved_work() {
                // Not saved (cancelled or failed): stay.
                return;
            }
        }
        match pending {
            Pending::OpenProject(path) => self.load_project(&path),
            Pending::Quit => {
                self.may_close = true;
                if answer == Answer::DontSave {
                    self.discard_recovery_copy();
                }
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }
}
