//! Dateline: read news articles, extract the events they report, and explore them.
//!
//! The engine (`article`, `extract`, `geo`, `model`, `export`, `edit`, `project`, `batch`,
//! `import`) knows nothing of the GUI; `ui` draws the dataset and turns clicks into commands.

pub mod article;
pub mod batch;
pub mod cli;
pub mod edit;
pub mod eval;
pub mod export;
pub mod extract;
pub mod geo;
pub mod import;
pub mod model;
pub mod project;
pub mod synth;
#[cfg(feature = "gui")]
pub mod ui;
