//! Corrections from the UI: every change goes through the app's [`History`], so Undo and
//! Redo cover all of them, and the views hear about it in one place.
//!
//! [`History`]: crate::edit::History

use std::ops::Range;

use super::DatelineApp;
use crate::edit::{Edit, EditError};
use crate::ui::state::UiCommand;

impl DatelineApp {
    /// Applies a correction; one that cannot be made becomes a message and changes nothing.
    pub fn apply_edit(&mut self, edit: Edit) {
        let what = edit.describe();
        let follow = match &edit {
            Edit::DeleteEvent { .. } => None,
            other => Some(other.event_id().to_owned()),
        };
        match self.history.apply(&mut self.dataset, edit) {
            Ok(()) => {
                self.events_edited();
                self.select(follow);
            }
            Err(e) => self.error(format!("Cannot {what}: {e}")),
        }
    }

    /// Undoes the last correction and selects the event it was about (if it still exists).
    pub fn undo(&mut self) {
        let result = self
            .history
            .undo(&mut self.dataset)
            .map(|edit| (edit.describe(), edit.event_id().to_owned()));
        self.after_history_step(result, "Undid");
    }

    /// Applies the last undone correction again.
    pub fn redo(&mut self) {
        let result = self
            .history
            .redo(&mut self.dataset)
            .map(|edit| (edit.describe(), edit.event_id().to_owned()));
        self.after_history_step(result, "Redid");
    }

    fn after_history_step(&mut self, result: Result<(&str, String), EditError>, verb: &str) {
        match result {
            Ok((what, id)) => {
                self.events_edited();
                let exists = self.dataset.event(&id).is_some();
                self.select(exists.then_some(id));
                self.info(format!("{verb}: {what}"));
            }
            Err(EditError::NothingToUndo | EditError::NothingToRedo) => {}
            Err(e) => self.error(e.to_string()),
        }
    }

    /// Deletes the selected event (Undo brings it back).
    pub fn delete_selected(&mut self) {
        if let Some(id) = self.view.selected.clone() {
            self.apply_edit(Edit::DeleteEvent { event: id });
        }
    }

    /// Adds an event from the words selected in the article pane and opens the editor on it.
    pub fn add_event_from_selection(&mut self) {
        match self.article.text_selection() {
            Some((document, span)) => {
                let document = document.to_owned();
                self.add_event(&document, span);
            }
            None => self.warn(
                "Select the words that report the event in the article pane first".to_owned(),
            ),
        }
    }

    pub(super) fn add_event(&mut self, document: &str, span: Range<usize>) {
        match Edit::add_from_span(&self.dataset, document, span, None) {
            Ok(edit) => {
                self.apply_edit(edit);
                self.article.clear_text_selection();
                self.editor.open = true;
            }
            Err(e) => self.error(format!("Cannot add an event: {e}")),
        }
    }

    fn select(&mut self, id: Option<String>) {
        self.apply(UiCommand::Select(id));
    }

    /// Events were changed in place: caches renew, and there is work to save.
    fn events_edited(&mut self) {
        self.view.dataset_changed();
        self.revision += 1;
    }
}
