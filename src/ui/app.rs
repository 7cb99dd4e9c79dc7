//! The app: owns the dataset, the edit history and the view state, lays out the four
//! panes and applies the views' commands in one place. Menus and shortcuts are in `menu`,
//! corrections in `editing`, projects and the recovery copy in `project_io`.

use std::path::{Path, PathBuf};
use std::time::Instant;

use egui::RichText;

use crate::article::{self, Article};
use crate::batch::BatchLoad;
use crate::edit::History;
use crate::model::Dataset;
use crate::project::Recovery;
use crate::ui::article_view::ArticleView;
use crate::ui::editor::EventEditor;
use crate::ui::event_list::EventListView;
use crate::ui::map::MapView;
use crate::ui::screenshot::{ScreenshotJob, Screenshots, Target};
use crate::ui::state::{UiCommand, ViewState};
use crate::ui::timeline::TimelineView;

mod editing;
mod menu;
mod project_io;
mod tables;

use project_io::{AUTOSAVE_EVERY, Autosave, Pending};

/// The sample article bundled so that a first run shows real events.
pub const SAMPLE_NAME: &str = "000_dcb1392a28173e2c.txt";
const SAMPLE_TEXT: &str = include_str!("../../assets/articles/000_dcb1392a28173e2c.txt");
const RECENT_KEY: &str = "dateline.recent";
const DARK_KEY: &str = "dateline.dark";
const MAX_RECENT: usize = 10;
/// More files than this open in the background with a progress bar.
const BACKGROUND_FROM: usize = 8;

/// How the app starts.
#[derive(Default)]
pub struct StartOptions {
    /// Files to open; none opens the bundled sample.
    pub files: Vec<PathBuf>,
    /// Write a screenshot once laid out, then close.
    pub screenshot: Option<ScreenshotJob>,
    /// Force a theme (else the saved or system one).
    pub dark: Option<bool>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    Warning,
    Error,
}

#[derive(Clone, Debug)]
pub struct Message {
    pub level: Level,
    pub text: String,
}

pub struct DatelineApp {
    pub dataset: Dataset,
    pub view: ViewState,
    pub list: EventListView,
    pub timeline: TimelineView,
    pub map: MapView,
    pub article: ArticleView,
    pub messages: Vec<Message>,
    pub recent: Vec<PathBuf>,
    /// Every correction, for Undo and Redo; saved with the project.
    pub history: History,
    pub editor: EventEditor,
    /// The project file last saved or opened.
    pub project_path: Option<PathBuf>,
    /// Counts changes to what is open (articles opened, corrections, undo, redo).
    revision: u64,
    /// `revision` when the project was last saved or opened.
    saved_revision: u64,
    pub autosave: Autosave,
    /// A question about unsaved changes waiting for an answer.
    pending: Option<Pending>,
    /// The person chose to quit without saving.
    may_close: bool,
    commands: Vec<UiCommand>,
    screenshots: Screenshots,
    /// A folder or many files being read in the background.
    batch: Option<BatchLoad>,
    /// (opened, failed) in the current background load.
    batch_counts: (usize, usize),
    /// An event table being imported in the background.
    table_import: Option<tables::TableImport>,
    show_about: bool,
    dark: Option<bool>,
}

impl DatelineApp {
    /// Creates the app inside eframe, restoring recent files and theme.
    pub fn new(cc: &eframe::CreationContext<'_>, options: StartOptions) -> Self {
        let screenshot_run = options.screenshot.is_some();
        let mut app = DatelineApp::headless(options.files, options.screenshot);
        // A screenshot run neither offers nor writes recovery copies.
        if !screenshot_run {
            match Recovery::default_location() {
                Ok(recovery) => {
                    app.autosave.recovery = Some(recovery);
                    app.look_for_recovery();
                }
                Err(e) => app.warn(format!("Unsaved work cannot be kept safe: {e}")),
            }
        }
        if let Some(storage) = cc.storage {
            app.recent = eframe::get_value(storage, RECENT_KEY).unwrap_or_default();
            app.dark = eframe::get_value(storage, DARK_KEY);
        }
        if options.dark.is_some() {
            app.dark = options.dark;
        }
        if let Some(dark) = app.dark {
            cc.egui_ctx.set_theme(if dark {
                egui::Theme::Dark
            } else {
                egui::Theme::Light
            });
        }
        app
    }

    /// Creates the app without a window (tests and `new`).
    pub fn headless(files: Vec<PathBuf>, screenshot: Option<ScreenshotJob>) -> Self {
        let mut app = DatelineApp {
            dataset: Dataset::default(),
            view: ViewState::default(),
            list: EventListView::default(),
            timeline: TimelineView::new(),
            map: MapView::new(),
            article: ArticleView::default(),
            messages: Vec::new(),
            recent: Vec::new(),
            history: History::default(),
            editor: EventEditor::default(),
            project_path: None,
            revision: 0,
            saved_revision: 0,
            autosave: Autosave::default(),
            pending: None,
            may_close: false,
            commands: Vec::new(),
            screenshots: Screenshots::new(screenshot),
            batch: None,
            batch_counts: (0, 0),
            table_import: None,
            show_about: false,
            dark: None,
        };
        if files.is_empty() {
            app.open_sample();
        } else {
            app.open_paths(&files);
        }
        // What was opened at start is not work that could be lost.
        app.saved_revision = app.revision;
        app
    }

    fn open_sample(&mut self) {
        let path = PathBuf::from(format!("assets/articles/{SAMPLE_NAME}"));
        match article::parse(&path, SAMPLE_TEXT.as_bytes()) {
            Ok(a) => self.add_article(a),
            Err(e) => self.error(e.to_string()),
        }
    }

    /// Opens files (and the article files directly inside folders); failures become
    /// messages and never disturb what is already open.
    pub fn open_paths(&mut self, paths: &[PathBuf]) {
        let (projects, paths): (Vec<PathBuf>, Vec<PathBuf>) =
            paths.iter().cloned().partition(|p| is_project_file(p));
        if let Some(project) = projects.first() {
            if projects.len() > 1 {
                self.warn("Only one project can be open at a time; opened the first".to_owned());
            }
            self.open_project(project);
        }
        let (tables, paths): (Vec<PathBuf>, Vec<PathBuf>) =
            paths.into_iter().partition(|p| tables::is_table_file(p));
        for table in &tables {
            self.import_table(table);
        }
        if paths.is_empty() {
            return;
        }
        // Folders and many files are read in the background on all cores.
        if paths.iter().any(|p| p.is_dir()) || paths.len() > BACKGROUND_FROM {
            if self.batch.is_some() {
                self.warn("Already opening files; wait for it or cancel it first".to_owned());
                return;
            }
            self.batch = Some(BatchLoad::start(paths));
            self.batch_counts = (0, 0);
            return;
        }
        for path in &paths {
            match article::load(path) {
                Ok(a) => {
                    self.remember_recent(path);
                    self.add_article(a);
                }
                Err(e) => self.error(e.to_string()),
            }
        }
    }

    /// Whether files are being opened in the background.
    pub fn is_loading(&self) -> bool {
        self.batch.is_some()
    }

    /// Takes what the background load has finished; call once a frame.
    fn poll_batch(&mut self, ctx: &egui::Context) {
        let Some(batch) = &self.batch else {
            return;
        };
        let finished = batch.is_finished();
        let loaded = batch.drain();
        for item in loaded {
            match item {
                Ok((article, extraction)) => {
                    self.batch_counts.0 += 1;
                    self.dataset.add_extracted(article, extraction);
                    self.view.dataset_changed();
                    self.revision += 1;
                }
                Err(e) => {
                    self.batch_counts.1 += 1;
                    self.error(e.to_string());
                }
            }
        }
        if finished {
            let (ok, failed) = self.batch_counts;
            self.batch = None;
            self.info(format!(
                "Opened {ok} article{} ({failed} could not be read)",
                if ok == 1 { "" } else { "s" }
            ));
            self.map.request_fit();
            self.timeline.request_fit();
        } else {
            ctx.request_repaint_after(std::time::Duration::from_millis(50));
        }
    }

    fn batch_ui(&mut self, ui: &mut egui::Ui) {
        let Some(batch) = &self.batch else {
            return;
        };
        let p = batch.progress();
        ui.horizontal(|ui| {
            let fraction = if p.total == 0 {
                0.0
            } else {
                p.done as f32 / p.total as f32
            };
            ui.add(
                egui::ProgressBar::new(fraction)
                    .desired_width(240.0)
                    .text(format!("Opening {}/{}", p.done, p.total)),
            );
            if let Some(current) = &p.current {
                ui.label(RichText::new(current).weak());
            }
            if ui.button("Cancel").clicked() {
                batch.cancel();
            }
        });
    }

    fn add_article(&mut self, a: Article) {
        for w in &a.warnings {
            self.warn(w.clone());
        }
        if a.published.is_none() {
            self.warn(format!(
                "{}: no publication date header; set one in the article pane to resolve relative dates",
                a.path.display()
            ));
        }
        let title = a.title.clone();
        let id = self.dataset.add_article(a);
        self.view.dataset_changed();
        self.revision += 1;
        let count = self
            .dataset
            .events
            .iter()
            .filter(|e| e.document == id)
            .count();
        self.info(format!("Opened \"{title}\": {count} events"));
        self.map.request_fit();
        self.timeline.request_fit();
    }

    pub(super) fn remember_recent(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }

    fn info(&mut self, text: String) {
        self.messages.push(Message {
            level: Level::Info,
            text,
        });
    }

    fn warn(&mut self, text: String) {
        self.messages.push(Message {
            level: Level::Warning,
            text,
        });
    }

    fn error(&mut self, text: String) {
        self.messages.push(Message {
            level: Level::Error,
            text,
        });
    }

    /// Applies one command from a view; the only place view state changes.
    pub fn apply(&mut self, command: UiCommand) {
        match command {
            UiCommand::Select(id) => {
                self.view.selected = id;
                self.view.selection_generation += 1;
            }
            UiCommand::SetTypeVisible(t, visible) => {
                if visible {
                    self.view.hidden_types.remove(&t);
                } else {
                    self.view.hidden_types.insert(t);
                }
            }
            UiCommand::SetDocumentVisible(id, visible) => {
                if visible {
                    self.view.hidden_documents.remove(&id);
                } else {
                    self.view.hidden_documents.insert(id);
                }
            }
            UiCommand::SetSearch(s) => self.view.search = s,
            UiCommand::Edit(edit) => self.apply_edit(edit),
            UiCommand::AddEvent { document, span } => self.add_event(&document, span),
            UiCommand::OpenEditor => self.editor.open = true,
        }
        // A selection hidden by a filter is cleared so no view points at nothing.
        if self.view.selected.is_some() {
            let shown = self
                .view
                .selected_index(&self.dataset)
                .and_then(|i| self.dataset.events.get(i))
                .is_some_and(|e| self.view.is_visible(e));
            if !shown {
                self.view.selected = None;
                self.view.selection_generation += 1;
            }
        }
    }

    /// Draws one frame of the whole window (also used by UI tests).
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.guard_close(&ctx);
        self.shortcuts(&ctx);
        egui::Panel::top("menu").show(ui, |ui| self.menu_ui(ui));
        self.poll_batch(&ctx);
        self.poll_table_import(&ctx);
        egui::Panel::bottom("status").show(ui, |ui| {
            self.batch_ui(ui);
            self.table_import_ui(ui);
            self.status_ui(ui);
        });

        let visible = self.view.visible(&self.dataset);
        if self.view.search_pending() {
            // A search of many events is read a slice per frame until it is done.
            ctx.request_repaint();
        }
        let mut commands = std::mem::take(&mut self.commands);
        let mut set_published = None;
        egui::Panel::left("events")
            .resizable(true)
            .default_size(500.0)
            .min_size(300.0)
            .show(ui, |ui| {
                ui.add_space(4.0);
                self.list
                    .ui(ui, &self.dataset, &visible, &self.view, &mut commands);
            });
        egui::Panel::right("article")
            .resizable(true)
            .default_size(430.0)
            .min_size(260.0)
            .show(ui, |ui| {
                ui.add_space(4.0);
                self.article.ui(
                    ui,
                    &self.dataset,
                    &visible,
                    &self.view,
                    &mut commands,
                    &mut set_published,
                );
            });
        egui::CentralPanel::default().show(ui, |ui| {
            egui::Panel::bottom("timeline")
                .resizable(true)
                .default_size(ui.available_height() * 0.42)
                .min_size(160.0)
                .show(ui, |ui| {
                    self.timeline
                        .ui(ui, &self.dataset, &visible, &self.view, &mut commands);
                });
            egui::CentralPanel::default().show(ui, |ui| {
                self.map
                    .ui(ui, &self.dataset, &visible, &self.view, &mut commands);
            });
        });
        self.about_ui(&ctx);
        let edits = self
            .editor
            .ui(&ctx, &self.dataset, self.view.selected_index(&self.dataset));
        commands.extend(edits.into_iter().map(UiCommand::Edit));
        self.dialogs_ui(&ctx);
        if let Some((id, date)) = set_published {
            self.dataset.set_published(&id, date);
            // The article's events were read again: old corrections no longer apply to them.
            self.history.clear();
            self.revision += 1;
            self.view.dataset_changed();
            self.view.selected = None;
            self.view.selection_generation += 1;
            self.timeline.request_fit();
            self.map.request_fit();
        }
        for c in commands {
            self.apply(c);
        }
        let regions = [
            (Target::Map, self.map.last_rect),
            (Target::Timeline, self.timeline.last_rect),
        ];
        if let Some(message) = self.screenshots.update(&ctx, &regions) {
            self.messages.push(message);
        }
        self.autosave_if_due(Instant::now());
        if self.has_unsaved_work() {
            ctx.request_repaint_after(AUTOSAVE_EVERY);
        }
    }
}

/// Whether a path names a Dateline project (by its extension).
fn is_project_file(path: &Path) -> bool {
    article::has_extension(path, &[crate::project::EXTENSION])
}

impl eframe::App for DatelineApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, RECENT_KEY, &self.recent);
        if let Some(dark) = self.dark {
            eframe::set_value(storage, DARK_KEY, &dark);
        }
    }
}
