//! Dateline: read news articles, extract the events they report, and explore them.
//!
//! The engine (`article`, `extract`, `geo`, `model`, `export`) knows nothing of the GUI;
//! `ui` draws the dataset and turns clicks into commands.

pub mod article;
pub mod cli;
pub mod eval;
pub mod export;
pub mod extract;
pub mod geo;
pub mod model;
pub mod ui;
