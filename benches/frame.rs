//! CPU time per frame of the whole UI (time on the CPU of the UI thread, so a busy shared
//! machine does not inflate it), headless: the real `DatelineApp` with 10^4, 10^5 and
//! 10^6 synthetic events, one egui pass plus tessellation, zoomed out (fit to all events)
//! and zoomed in (pinch-zoom on map and timeline), pointer resting over the map.
//!
//! `cargo bench --bench frame` runs the criterion benchmarks and prints a per-pane breakdown.
//! `DATELINE_BENCH_SIZES=10000,100000` picks sizes; `DATELINE_BENCH_PANES=list,article,timeline`
//! draws only those panes (in the app's layout) when another is too slow at a size. For a
//! profiler, frames in a loop without criterion: `DATELINE_FRAME_LOOP=1000000:in:30`.

#[path = "common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use common::{Driver, Panes, Parts, app_with_events, bench_panes, median_max, ms, pane_frame};
use criterion::{BenchmarkId, Criterion};
use dateline::edit::Edit;
use dateline::model::EventType;
use dateline::ui::app::DatelineApp;
use dateline::ui::event_list::SortColumn;
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
            report_breakdown(
                &mut app,
                &mut driver,
                n,
                zoom,
                bench_panes().unwrap_or(Panes::ALL),
            );
            report_moving(&mut app, &mut driver, n, zoom);
            if !zoomed_in {
                report_changes(&mut app, &mut driver, n);
            }
            group.bench_function(BenchmarkId::new(zoom, n), |b| {
                b.iter_custom(|iters| (0..iters).map(|_| driver.frame(&mut app, Vec::new())).sum());
            });
        }
    }
    group.finish();
}

/// Prints where the time of a frame goes, averaged over a few frames.
fn report_breakdown(
    app: &mut DatelineApp,
    driver: &mut Driver,
    n: usize,
    zoom: &str,
    panes: Panes,
) {
    const FRAMES: u32 = 3;
    let mut totals: Parts = [Duration::ZERO; 6];
    let mut shapes = 0;
    for _ in 0..FRAMES {
        let (t, s) = pane_frame(app, driver, panes);
        shapes = s;
        for (total, part) in totals.iter_mut().zip(t) {
            *total += part;
        }
    }
    let avg = |d: Duration| ms(d) / f64::from(FRAMES);
    let sum: f64 = totals.iter().map(|&d| avg(d)).sum();
    eprintln!(
        "breakdown {n} events {zoom}: filter {:.1} ms | list {:.1} | article {:.1} | timeline {:.1} | map {:.1} | tessellate {:.1} ({shapes} shapes) | total {sum:.1}",
        avg(totals[0]),
        avg(totals[1]),
        avg(totals[2]),
        avg(totals[3]),
        avg(totals[4]),
        avg(totals[5]),
    );
}

/// Prints the CPU time of frames while the map or the timeline moves (zooming in and out by
/// 1% a frame with the pointer over it), which lay out their marks afresh instead of
/// reusing the last frame's.
fn report_moving(app: &mut DatelineApp, driver: &mut Driver, n: usize, zoom: &str) {
    const FRAMES: usize = 10;
    let resting = driver.pointer;
    for (pane, rect) in [
        ("map", app.map.last_rect),
        ("timeline", app.timeline.last_rect),
    ] {
        let Some(rect) = rect else {
            continue;
        };
        driver.pointer = Some(rect.center());
        let mut times: Vec<Duration> = (0..FRAMES)
            .map(|i| {
                let factor = if i % 2 == 0 { 1.01 } else { 1.0 / 1.01 };
                driver.frame(app, vec![egui::Event::Zoom(factor)])
            })
            .collect();
        let (median, max) = median_max(&mut times);
        eprintln!("{n} events {zoom}, {pane} moving: median {median:.1} ms, max {max:.1} ms");
    }
    driver.pointer = resting;
    driver.settle(app);
}

/// Prints what one-off changes cost at this size (wall time: filters and sorts use all
/// cores), what a person waits for after hiding a type, searching or selecting an event
/// (the change and the next whole frame), and the status bar's count of undated events.
fn report_changes(app: &mut DatelineApp, driver: &mut Driver, n: usize) {
    let wall = |f: &mut dyn FnMut()| {
        let start = Instant::now();
        f();
        ms(start.elapsed())
    };
    let undated = common::cpu_time_of(|| {
        std::hint::black_box(app.view.undated_count(&app.dataset));
    });
    let mut then_frame = |app: &mut DatelineApp, command: UiCommand| {
        let start = Instant::now();
        app.apply(command);
        let cpu = driver.frame(app, Vec::new());
        (ms(start.elapsed()), ms(cpu))
    };
    let hide_frame = then_frame(app, UiCommand::SetTypeVisible(EventType::Protest, false));
    let show_frame = then_frame(app, UiCommand::SetTypeVisible(EventType::Protest, true));
    // An event in the middle of the data, then another one far from it.
    let id = |app: &DatelineApp, at: usize| app.dataset.events[at].id.clone();
    let select = then_frame(app, UiCommand::Select(Some(id(app, n / 2))));
    let reselect = then_frame(app, UiCommand::Select(Some(id(app, n / 5))));
    let deselect = then_frame(app, UiCommand::Select(None));
    // A correction: every per-dataset cache is renewed.
    let edit = then_frame(
        app,
        UiCommand::Edit(Edit::SetSummary {
            event: id(app, n / 3),
            summary: "A corrected summary".into(),
        }),
    );
    eprintln!(
        "change + next frame at {n} events (wall ms / UI-thread CPU ms): hide a type {:.0} / {:.0}, show it again {:.0} / {:.0}, select an event {:.0} / {:.0}, select another {:.0} / {:.0}, clear the selection {:.0} / {:.0}, edit an event {:.0} / {:.0}",
        hide_frame.0,
        hide_frame.1,
        show_frame.0,
        show_frame.1,
        select.0,
        select.1,
        reselect.0,
        reselect.1,
        deselect.0,
        deselect.1,
        edit.0,
        edit.1,
    );
    // A search as if pasted, one more letter, cleared; a first letter of another search,
    // its second letter, cleared. A large search is read a slice per frame while the last
    // result stays shown, so each is timed to its next frame and to the frame showing it.
    let mut steps = Vec::new();
    for (what, words) in [
        ("new search", "shang"),
        ("one more letter", "shangh"),
        ("clear it", ""),
        ("first letter", "k"),
        ("second letter", "ki"),
        ("clear it", ""),
    ] {
        let start = Instant::now();
        app.apply(UiCommand::SetSearch(words.into()));
        let first_cpu = ms(driver.frame(app, Vec::new()));
        let first_wall = ms(start.elapsed());
        let (mut frames, mut max_cpu) = (1, first_cpu);
        while app.view.search_pending() && frames < 1_000 {
            max_cpu = max_cpu.max(ms(driver.frame(app, Vec::new())));
            frames += 1;
        }
        steps.push(format!(
            "{what} {first_wall:.0} / {first_cpu:.0}, shown after {frames} frame{} {:.0} ms (max {max_cpu:.0} ms CPU)",
            if frames == 1 { "" } else { "s" },
            ms(start.elapsed()),
        ));
    }
    eprintln!(
        "search + next frame at {n} events (wall ms / UI-thread CPU ms): {}",
        steps.join("; ")
    );
    // The frame after hiding and showing a type again, pane by pane.
    for visible in [false, true] {
        app.apply(UiCommand::SetTypeVisible(EventType::Protest, visible));
        let (t, _) = pane_frame(app, driver, Panes::ALL);
        eprintln!(
            "{} a type at {n} events, next frame by pane (CPU ms): filter {:.1} | list {:.1} | article {:.1} | timeline {:.1} | map {:.1} | tessellate {:.1}",
            if visible { "show" } else { "hide" },
            ms(t[0]),
            ms(t[1]),
            ms(t[2]),
            ms(t[3]),
            ms(t[4]),
            ms(t[5]),
        );
    }
    let hide = wall(&mut || {
        app.view.hidden_types.insert(EventType::Protest);
        std::hint::black_box(app.view.visible(&app.dataset));
    });
    app.view.hidden_types.clear();
    // Searches read to the end (`visible_events`), however many frames they would take.
    let search = wall(&mut || {
        app.view.search = "shang".into();
        std::hint::black_box(app.view.visible_events(&app.dataset));
    });
    let narrow = wall(&mut || {
        app.view.search = "shangh".into();
        std::hint::black_box(app.view.visible_events(&app.dataset));
    });
    app.view.search.clear();
    let list_only = Panes::parse("list");
    let mut sorts = Vec::new();
    for column in [SortColumn::Date, SortColumn::Place, SortColumn::Summary] {
        app.list.set_sort(column, false);
        sorts.push(wall(&mut || {
            pane_frame(app, driver, list_only);
        }));
    }
    app.list.set_sort(SortColumn::Date, true);
    pane_frame(app, driver, list_only);
    eprintln!(
        "changes at {n} events (wall ms): hide a type {hide:.0}, search {search:.0}, narrow the search {narrow:.0}, sort by date {:.0} / place {:.0} / summary {:.0} (list frame included); status bar undated count {:.2} ms CPU (cached)",
        sorts[0],
        sorts[1],
        sorts[2],
        ms(undated)
    );
}

/// `DATELINE_FRAME_LOOP=SIZE:in|out|toggle:FRAMES`: frames in a loop, for a profiler (with
/// `DATELINE_BENCH_PANES` to leave out a pane too slow at that size); `toggle` hides and
/// shows a type on alternate frames.
fn profile_loop(spec: &str) {
    let mut parts = spec.split(':');
    let n = parts.next().and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let mode = parts.next();
    let (zoomed_in, toggle) = (mode == Some("in"), mode == Some("toggle"));
    let count = parts.next().and_then(|s| s.parse().ok()).unwrap_or(20);
    let zoom = if zoomed_in { "zoomed_in" } else { "zoomed_out" };
    let setup = Instant::now();
    let (mut app, mut driver) = prepared(n, zoomed_in);
    eprintln!("setup {:.0} ms", ms(setup.elapsed()));
    let mut times: Vec<Duration> = (0..count)
        .map(|i| {
            // "toggle": hide a type and show it again, a frame each (filter changes only).
            if toggle {
                app.apply(UiCommand::SetTypeVisible(EventType::Protest, i % 2 == 1));
            }
            driver.frame(&mut app, Vec::new())
        })
        .collect();
    if toggle {
        let (median, max) = median_max(&mut times);
        eprintln!(
            "{n} events, a type hidden or shown each frame: median {median:.1} ms, max {max:.1} ms"
        );
        return;
    }
    let (median, max) = median_max(&mut times);
    eprintln!("{n} events {zoom}: median {median:.1} ms, max {max:.1} ms");
    report_breakdown(
        &mut app,
        &mut driver,
        n,
        zoom,
        bench_panes().unwrap_or(Panes::ALL),
    );
    report_moving(&mut app, &mut driver, n, zoom);
    if !zoomed_in {
        report_changes(&mut app, &mut driver, n);
    }
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
