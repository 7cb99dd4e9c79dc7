//! The desktop app: one window with the event list, timeline, map and article panes.

pub mod app;
pub mod article_view;
pub mod colors;
pub mod editor;
pub mod event_list;
pub mod map;
mod mask;
pub mod screenshot;
pub mod state;
pub mod timeline;

use crate::cli::Cli;
use app::{DatelineApp, StartOptions};
use screenshot::ScreenshotJob;

/// With this variable set to 1 the app closes once its first frame is on screen and says
/// after how long on stderr, so start-up can be timed (`benches/startup.rs`).
const EXIT_AFTER_FIRST_FRAME: &str = "DATELINE_EXIT_AFTER_FIRST_FRAME";

/// Opens the window; returns when it closes. Errors say what failed.
pub fn run(cli: Cli) -> Result<(), String> {
    let started = std::time::Instant::now();
    warm_up_in_background();
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
        Box::new(move |cc| {
            if std::env::var(EXIT_AFTER_FIRST_FRAME).is_ok_and(|v| v == "1") {
                exit_after_first_frame(&cc.egui_ctx, started);
            }
            Ok(Box::new(DatelineApp::new(cc, start)))
        }),
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

/// Loads the gazetteer, compiles the extractor's patterns and parses the map outlines on
/// another core while the window and renderer are being created, so that the app's first
/// frame (which needs all three) does not wait for them one after the other.
fn warm_up_in_background() {
    let spawned = std::thread::Builder::new()
        .name("warm-up".into())
        .spawn(|| {
            let shapes = std::thread::spawn(|| {
                let _ = crate::geo::shapes::countries(crate::geo::shapes::Detail::Coarse);
            });
            crate::extract::warm_up();
            let _ = shapes.join();
        });
    // Without the thread everything is loaded on first use instead: slower, not wrong.
    drop(spawned);
}

/// Closes the window when the second frame begins, i.e. once the first one was painted
/// and presented, and reports the time since `started`.
fn exit_after_first_frame(ctx: &egui::Context, started: std::time::Instant) {
    ctx.on_end_pass(
        "request a second frame",
        std::sync::Arc::new(|ui| ui.ctx().request_repaint()),
    );
    let once = std::sync::Once::new();
    ctx.on_begin_pass(
        "exit after the first frame",
        std::sync::Arc::new(move |ui| {
            if ui.ctx().cumulative_frame_nr() >= 1 {
                once.call_once(|| {
                    eprintln!(
                        "dateline: first frame shown {:.0} ms after start",
                        started.elapsed().as_secs_f64() * 1e3
                    );
                    ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
                });
            }
        }),
    );
}
