//! Shared by the benchmarks: the real-text corpus, a headless app with a synthetic dataset,
//! and driving frames of the whole UI (egui pass plus tessellation) without a window.
#![allow(dead_code)] // Each bench uses part of this.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use dateline::synth::{self, SynthOptions};
use dateline::ui::app::DatelineApp;
use dateline::ui::state::UiCommand;

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
    /// Input events for the next frame, after the pointer position.
    pub pending: Vec<egui::Event>,
}

impl Driver {
    pub fn new() -> Driver {
        let ctx = egui::Context::default();
        ctx.set_theme(egui::Theme::Light);
        Driver {
            ctx,
            time: 0.0,
            pointer: None,
            pending: Vec::new(),
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

    /// Runs one frame (egui pass + tessellation); returns its CPU time on this thread. With
    /// `DATELINE_BENCH_PANES=list,article,timeline` only those panes are drawn (in the app's
    /// layout), to measure the others when one pane is too slow at a size.
    pub fn frame(&mut self, app: &mut DatelineApp, events: Vec<egui::Event>) -> Duration {
        if let Some(panes) = bench_panes() {
            self.pending.extend(events);
            let start = Stopwatch::start();
            pane_frame(app, self, panes);
            return start.elapsed();
        }
        let events: Vec<egui::Event> = self
            .pointer
            .map(egui::Event::PointerMoved)
            .into_iter()
            .chain(std::mem::take(&mut self.pending))
            .chain(events)
            .collect();
        let input = self.input(events);
        let start = Stopwatch::start();
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

/// The panes chosen with `DATELINE_BENCH_PANES`, if any.
pub fn bench_panes() -> Option<Panes> {
    std::env::var("DATELINE_BENCH_PANES")
        .ok()
        .map(|s| Panes::parse(&s))
}

/// CPU time of the whole process so far: user plus system, all threads including finished
/// ones. Unlike wall time it does not count the time other processes had the cores, so
/// numbers from a busy shared machine still mean something.
pub fn process_cpu() -> Option<Duration> {
    cpu_time::ProcessTime::try_now()
        .ok()
        .map(|t| t.as_duration())
}

/// Runs `f` and returns its CPU time on this thread (wall time where unavailable).
pub fn cpu_time_of(f: impl FnOnce()) -> Duration {
    let (cpu, wall) = (cpu_time::ThreadTime::try_now(), Instant::now());
    f();
    match cpu {
        Ok(cpu) => cpu.elapsed(),
        Err(_) => wall.elapsed(),
    }
}

/// Measures CPU time on the current thread (wall time where the platform has no thread
/// clock): frame times then do not include the time other processes had the core.
pub struct Stopwatch {
    cpu: Option<cpu_time::ThreadTime>,
    wall: Instant,
}

impl Stopwatch {
    pub fn start() -> Stopwatch {
        Stopwatch {
            cpu: cpu_time::ThreadTime::try_now().ok(),
            wall: Instant::now(),
        }
    }

    pub fn elapsed(&self) -> Duration {
        match &self.cpu {
            Some(cpu) => cpu.elapsed(),
            None => self.wall.elapsed(),
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

/// Which panes a frame draws; all of them is the app's own `frame_ui`.
#[derive(Clone, Copy, Debug)]
pub struct Panes {
    pub list: bool,
    pub article: bool,
    pub timeline: bool,
    pub map: bool,
}

impl Panes {
    pub const ALL: Panes = Panes {
        list: true,
        article: true,
        timeline: true,
        map: true,
    };

    pub fn parse(s: &str) -> Panes {
        Panes {
            list: s.contains("list"),
            article: s.contains("article"),
            timeline: s.contains("timeline"),
            map: s.contains("map"),
        }
    }
}

/// Per-part CPU time of one frame: filter, list, article, timeline, map, tessellation.
pub type Parts = [Duration; 6];

/// One frame in the app's layout with each pane's `ui` timed separately (panes left out
/// leave their space empty).
pub fn pane_frame(app: &mut DatelineApp, driver: &mut Driver, panes: Panes) -> (Parts, usize) {
    let mut t: Parts = [Duration::ZERO; 6];
    driver.time += 1.0 / 60.0;
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(WINDOW[0], WINDOW[1]),
        )),
        time: Some(driver.time),
        events: driver
            .pointer
            .map(egui::Event::PointerMoved)
            .into_iter()
            .chain(std::mem::take(&mut driver.pending))
            .collect(),
        ..Default::default()
    };
    let output = driver.ctx.run_ui(input, |ui| {
        let mut commands: Vec<UiCommand> = Vec::new();
        let s = Stopwatch::start();
        let visible = app.view.visible(&app.dataset);
        t[0] += s.elapsed();
        egui::Panel::top("menu").show(ui, |ui| ui.label("menu"));
        egui::Panel::bottom("status").show(ui, |ui| ui.label("status"));
        egui::Panel::left("events")
            .resizable(true)
            .default_size(500.0)
            .min_size(300.0)
            .show(ui, |ui| {
                if panes.list {
                    let s = Stopwatch::start();
                    app.list
                        .ui(ui, &app.dataset, &visible, &app.view, &mut commands);
                    t[1] += s.elapsed();
                }
            });
        egui::Panel::right("article")
            .resizable(true)
            .default_size(430.0)
            .min_size(260.0)
            .show(ui, |ui| {
                if panes.article {
                    let s = Stopwatch::start();
                    let mut set_published = None;
                    app.article.ui(
                        ui,
                        &app.dataset,
                        &visible,
                        &app.view,
                        &mut commands,
                        &mut set_published,
                    );
                    t[2] += s.elapsed();
                }
            });
        egui::CentralPanel::default().show(ui, |ui| {
            egui::Panel::bottom("timeline")
                .resizable(true)
                .default_size(ui.available_height() * 0.42)
                .min_size(160.0)
                .show(ui, |ui| {
                    if panes.timeline {
                        let s = Stopwatch::start();
                        app.timeline
                            .ui(ui, &app.dataset, &visible, &app.view, &mut commands);
                        t[3] += s.elapsed();
                    }
                });
            egui::CentralPanel::default().show(ui, |ui| {
                if panes.map {
                    let s = Stopwatch::start();
                    app.map
                        .ui(ui, &app.dataset, &visible, &app.view, &mut commands);
                    t[4] += s.elapsed();
                }
            });
        });
    });
    let shapes = output.shapes.len();
    if std::env::var_os("DATELINE_BENCH_SHAPES").is_some() {
        eprintln!("shapes: {}", shape_census(&output.shapes));
    }
    let s = Stopwatch::start();
    let primitives = driver
        .ctx
        .tessellate(output.shapes, output.pixels_per_point);
    t[5] += s.elapsed();
    if std::env::var_os("DATELINE_BENCH_SHAPES").is_some() {
        let triangles: usize = primitives
            .iter()
            .map(|p| match &p.primitive {
                egui::epaint::Primitive::Mesh(mesh) => mesh.indices.len() / 3,
                egui::epaint::Primitive::Callback(_) => 0,
            })
            .sum();
        eprintln!("tessellated: {triangles} triangles");
    }
    (t, shapes)
}

/// What a frame paints: shapes by kind, with the points of paths (the costly ones).
fn shape_census(shapes: &[egui::epaint::ClippedShape]) -> String {
    fn count(
        shape: &egui::epaint::Shape,
        kinds: &mut std::collections::BTreeMap<&'static str, (usize, usize)>,
    ) {
        let (kind, points) = match shape {
            egui::epaint::Shape::Vec(inner) => {
                for s in inner {
                    count(s, kinds);
                }
                return;
            }
            egui::epaint::Shape::Circle(_) => ("circle", 1),
            egui::epaint::Shape::Rect(_) => ("rect", 4),
            egui::epaint::Shape::Path(p) => ("path", p.points.len()),
            egui::epaint::Shape::LineSegment { .. } => ("line", 2),
            egui::epaint::Shape::Text(t) => ("text", t.galley.rows.len()),
            egui::epaint::Shape::Mesh(m) => ("mesh", m.vertices.len()),
            _ => ("other", 0),
        };
        let entry = kinds.entry(kind).or_default();
        entry.0 += 1;
        entry.1 += points;
    }
    let mut kinds = std::collections::BTreeMap::new();
    for s in shapes {
        count(&s.shape, &mut kinds);
    }
    kinds
        .iter()
        .map(|(k, (n, points))| format!("{k} {n} ({points} points)"))
        .collect::<Vec<_>>()
        .join(", ")
}
