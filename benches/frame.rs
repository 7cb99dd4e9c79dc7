//! CPU time per frame of the whole UI, headless: the real `DatelineApp` with 10^4, 10^5 and
//! 10^6 synthetic events, one egui pass plus tessellation, zoomed out (fit to all events)
//! and zoomed in (pinch-zoom on map and timeline), pointer resting over the map.
//!
//! `cargo bench --bench frame` runs the criterion benchmarks and prints a per-pane breakdown.
//! `DATELINE_BENCH_SIZES=10000,100000` picks sizes. For a profiler, run frames in a loop
//! without criterion: `DATELINE_FRAME_LOOP=1000000:in:30 target/release/deps/frame-*`.

#[path = "common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use common::{Driver, app_with_events, median_max, ms};
use criterion::{BenchmarkId, Criterion};
use dateline::ui::app::DatelineApp;
use dateline::ui::state::UiCommand;

const MAP_ZOOM: f32 = 12.0;
const TIMELINE_ZOOM: f32 = 40.0;

fn sizes() -> Vec<usize> {
    std::env::var("DATELINE_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000, 1_000_000])
}

/// An app with `n` events and a driver, settled zoomed out or in, pointer over the map.
fn prepared(n: usize, zoomed_in: bool) -> (DatelineApp, Driver) {
    let mut app = app_with_events(n);
    let mut driver = Driver::new();
    driver.settle(&mut app);
    if zoomed_in {
        driver.zoom_in(&mut app, MAP_ZOOM, TIMELINE_ZOOM);
    }
    driver.point_at_map(&app);
    driver.settle(&mut app);
    (app, driver)
}

fn frames(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    group.measurement_time(Duration::from_secs(4));
    for n in sizes() {
        for (zoom, zoomed_in) in [("zoomed_out", false), ("zoomed_in", true)] {
            let (mut app, mut driver) = prepared(n, zoomed_in);
            report_breakdown(&mut app, &mut driver, n, zoom);
            group.bench_function(BenchmarkId::new(zoom, n), |b| {
                b.iter_custom(|iters| (0..iters).map(|_| driver.frame(&mut app, Vec::new())).sum());
            });
        }
    }
    group.finish();
}

/// Times each pane's `ui` separately, in the app's layout, and the tessellation, so the
/// report can say where a frame goes.
fn report_breakdown(app: &mut DatelineApp, driver: &mut Driver, n: usize, zoom: &str) {
    let mut totals = [Duration::ZERO; 6];
    let mut shapes = 0;
    const FRAMES: usize = 3;
    for _ in 0..FRAMES {
        let mut t = [Duration::ZERO; 6];
        let start = Instant::now();
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(common::WINDOW[0], common::WINDOW[1]),
            )),
            events: driver
                .pointer
                .map(|p| vec![egui::Event::PointerMoved(p)])
                .unwrap_or_default(),
            ..Default::default()
        };
        let output = driver.ctx.run_ui(input, |ui| {
            let mut commands: Vec<UiCommand> = Vec::new();
            let s = Instant::now();
            let visible = app.view.visible_events(&app.dataset);
            t[0] += s.elapsed();
            egui::Panel::left("events")
                .resizable(true)
                .default_size(500.0)
                .show(ui, |ui| {
                    let s = Instant::now();
                    app.list
                        .ui(ui, &app.dataset, &visible, &app.view, &mut commands);
                    t[1] += s.elapsed();
                });
            egui::Panel::right("article")
                .resizable(true)
                .default_size(430.0)
                .show(ui, |ui| {
                    let s = Instant::now();
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
                });
            egui::CentralPanel::default().show(ui, |ui| {
                egui::Panel::bottom("timeline")
                    .resizable(true)
                    .default_size(ui.available_height() * 0.42)
                    .show(ui, |ui| {
                        let s = Instant::now();
                        app.timeline
                            .ui(ui, &app.dataset, &visible, &app.view, &mut commands);
                        t[3] += s.elapsed();
                    });
                egui::CentralPanel::default().show(ui, |ui| {
                    let s = Instant::now();
                    app.map
                        .ui(ui, &app.dataset, &visible, &app.view, &mut commands);
                    t[4] += s.elapsed();
                });
            });
        });
        shapes = output.shapes.len();
        let s = Instant::now();
        std::hint::black_box(
            driver
                .ctx
                .tessellate(output.shapes, output.pixels_per_point),
        );
        t[5] += s.elapsed();
        let _ = start;
        for (total, part) in totals.iter_mut().zip(t) {
            *total += part;
        }
    }
    let avg = |d: Duration| ms(d) / FRAMES as f64;
    eprintln!(
        "breakdown {n} events {zoom}: filter {:.1} ms | list {:.1} | article {:.1} | timeline {:.1} | map {:.1} | tessellate {:.1} ({shapes} shapes)",
        avg(totals[0]),
        avg(totals[1]),
        avg(totals[2]),
        avg(totals[3]),
        avg(totals[4]),
        avg(totals[5]),
    );
}

/// `DATELINE_FRAME_LOOP=SIZE:in|out:FRAMES`: frames in a loop for a profiler.
fn profile_loop(spec: &str) {
    let mut parts = spec.split(':');
    let n = parts.next().and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let zoomed_in = parts.next() == Some("in");
    let count = parts.next().and_then(|s| s.parse().ok()).unwrap_or(20);
    let setup = Instant::now();
    let (mut app, mut driver) = prepared(n, zoomed_in);
    eprintln!("setup {:.0} ms", ms(setup.elapsed()));
    let mut times: Vec<Duration> = (0..count)
        .map(|_| driver.frame(&mut app, Vec::new()))
        .collect();
    let (median, max) = median_max(&mut times);
    eprintln!(
        "{n} events zoomed {}: median {median:.1} ms, max {max:.1} ms",
        if zoomed_in { "in" } else { "out" }
    );
}

fn main() {
    if let Ok(spec) = std::env::var("DATELINE_FRAME_LOOP") {
        profile_loop(&spec);
        return;
    }
    let mut c = Criterion::default().configure_from_args();
    frames(&mut c);
    c.final_summary();
}
