//! The desktop app: one window with the event list, timeline, map and article panes.

pub mod app;
pub mod article_view;
pub mod colors;
pub mod editor;
pub mod event_list;
pub mod map;
pub mod screenshot;
pub mod state;
pub mod timeline;

use crate::cli::Cli;
use app::{DatelineApp, StartOptions};
use screenshot::ScreenshotJob;

/// Opens the window; returns when it closes. Errors say what failed.
pub fn run(cli: Cli) -> Result<(), String> {
    let job = cli.screenshot.clone().map(ScreenshotJob::new);
    let (w, h) = cli.size;
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("Dateline")
        .with_min_inner_size([800.0, 500.0]);
    viewport = if job.is_some() {
        viewport
            .with_inner_size([w as f32, h as f32])
            .with_resizable(false)
    } else {
        viewport.with_inner_size([1600.0, 1000.0])
    };
    let options = eframe::NativeOptions {
        viewport,
        // A screenshot run must not depend on (or change) the person's saved state.
        persist_window: job.is_none(),
        ..Default::default()
    };
    let start = StartOptions {
        files: cli.files.clone(),
        screenshot: job.clone(),
        dark: if cli.dark {
            Some(true)
        } else if cli.light || job.is_some() {
            Some(false)
        } else {
            None
        },
    };
    let app_name = if job.is_some() {
        "dateline-screenshot"
    } else {
        "dateline"
    };
    eframe::run_native(
        app_name,
        options,
        Box::new(move |cc| Ok(Box::new(DatelineApp::new(cc, start)))),
    )
    .map_err(|e| format!("cannot open the window: {e}"))?;
    if let Some(job) = job {
        let result = job
            .result
            .lock()
            .map_err(|_| "screenshot state poisoned".to_owned())?
            .clone();
        return result
            .unwrap_or_else(|| Err("the window closed before the screenshot was taken".into()));
    }
    Ok(())
}
