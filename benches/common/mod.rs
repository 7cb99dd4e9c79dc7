//! Shared by the benchmarks: the real-text corpus, a headless app with a synthetic dataset,
//! and driving frames of the whole UI (egui pass plus tessellation) without a window.
#![allow(dead_code)] // Each bench uses part of this.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use dateline::synth::{self, SynthOptions};
use dateline::ui::app::DatelineApp;

pub const WINDOW: [f32; 2] = [1600.0, 1000.0];

/// The real articles: the dev set and the bundled sample.
pub fn corpus_paths() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = Vec::new();
    for dir in ["tests/devset/articles", "assets/articles"] {
        if let Ok(entries) = std::fs::read_dir(root.join(dir)) {
            paths.extend(
                entries
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| dateline::batch::is_article_file(p)),
            );
        }
    }
    paths.sort();
    paths
}

/// A headless app showing `events` synthetic events (one table-like document).
pub fn app_with_events(events: usize) -> DatelineApp {
    let mut app = DatelineApp::headless(Vec::new(), None);
    app.dataset = synth::dataset(&SynthOptions::new(events, 42));
    app.map.request_fit();
    app.timeline.request_fit();
    app
}

/// One egui context at the benchmark window size, and the input for each frame.
pub struct Driver {
    pub ctx: egui::Context,
    pub time: f64,
    pub pointer: Option<egui::Pos2>,
}

impl Driver {
    pub fn new() -> Driver {
        let ctx = egui::Context::default();
        ctx.set_theme(egui::Theme::Light);
        Driver {
            ctx,
            time: 0.0,
            pointer: None,
        }
    }

    fn input(&mut self, events: Vec<egui::Event>) -> egui::RawInput {
        self.time += 1.0 / 60.0;
        egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(WINDOW[0], WINDOW[1]),
            )),
            time: Some(self.time),
            predicted_dt: 1.0 / 60.0,
            events,
            ..Default::default()
        }
    }

    /// Runs one frame (egui pass + tessellation); returns its CPU time.
    pub fn frame(&mut self, app: &mut DatelineApp, events: Vec<egui::Event>) -> Duration {
        let mut events = events;
        if let Some(pos) = self.pointer {
            events.insert(0, egui::Event::PointerMoved(pos));
        }
        let input = self.input(events);
        let start = Instant::now();
        let output = self.ctx.run_ui(input, |ui| app.frame_ui(ui));
        let primitives = self.ctx.tessellate(output.shapes, output.pixels_per_point);
        let elapsed = start.elapsed();
        std::hint::black_box(primitives);
        elapsed
    }

    /// Lets layout settle (panels size themselves, views fit the events).
    pub fn settle(&mut self, app: &mut DatelineApp) {
        for _ in 0..3 {
            self.frame(app, Vec::new());
        }
    }

    /// Zooms the map and the timeline in around their centres (pinch-zoom events with the
    /// pointer over each view), then rests the pointer over the map.
    pub fn zoom_in(&mut self, app: &mut DatelineApp, map_factor: f32, timeline_factor: f32) {
        if let Some(rect) = app.timeline.last_rect {
            self.pointer = Some(rect.center());
            self.frame(app, vec![egui::Event::Zoom(timeline_factor)]);
        }
        if let Some(rect) = app.map.last_rect {
            self.pointer = Some(rect.center());
            self.frame(app, vec![egui::Event::Zoom(map_factor)]);
        }
        self.settle(app);
    }

    /// Rests the pointer over the middle of the map (hover tests run every frame).
    pub fn point_at_map(&mut self, app: &DatelineApp) {
        if let Some(rect) = app.map.last_rect {
            self.pointer = Some(rect.center() + egui::vec2(37.0, 21.0));
        }
    }
}

/// Peak and current resident memory of this process, in MiB (Linux; None elsewhere).
pub fn memory_mib() -> Option<(f64, f64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))?
            .split_whitespace()
            .nth(1)?
            .parse::<f64>()
            .ok()
            .map(|kb| kb / 1024.0)
    };
    Some((field("VmHWM:")?, field("VmRSS:")?))
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Median and maximum of some durations, in ms.
pub fn median_max(times: &mut [Duration]) -> (f64, f64) {
    times.sort();
    let median = times.get(times.len() / 2).copied().unwrap_or_default();
    let max = times.last().copied().unwrap_or_default();
    (ms(median), ms(max))
}
