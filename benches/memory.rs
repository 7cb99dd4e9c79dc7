//! Peak memory with 10^6 events loaded and a frame drawn: the process's high-water mark
//! (`VmHWM` in /proc/self/status) after building the headless app with a synthetic
//! dataset, drawing it zoomed out and zoomed in, then hiding a type and searching.
//!
//! `cargo bench --bench memory` (`DATELINE_MEMORY_EVENTS=100000` for another size)

#[path = "common/mod.rs"]
mod common;

use std::time::Instant;

use common::{Driver, memory_mib, ms};
use dateline::model::EventType;
use dateline::ui::state::UiCommand;

fn main() {
    let events: usize = std::env::var("DATELINE_MEMORY_EVENTS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let report = |stage: &str| match memory_mib() {
        Some((peak, now)) => eprintln!("memory {stage}: peak {peak:.0} MiB, resident {now:.0} MiB"),
        None => eprintln!("memory {stage}: /proc/self/status unavailable (not Linux)"),
    };
    report("at start");
    let start = Instant::now();
    let mut app = common::app_with_events(events);
    let built = start.elapsed();
    report(&format!("with {events} events"));
    let mut driver = Driver::new();
    let first = driver.frame(&mut app, Vec::new());
    driver.settle(&mut app);
    report("after the first frames (zoomed out)");
    driver.zoom_in(&mut app, 12.0, 40.0);
    report("after zooming in");
    // Filter changes keep more per-dataset lists (filter columns, sort order, bins and
    // places by date and place) and a search's result.
    for command in [
        UiCommand::SetTypeVisible(EventType::Protest, false),
        UiCommand::SetTypeVisible(EventType::Protest, true),
        UiCommand::SetSearch("k".into()),
        UiCommand::SetSearch("ki".into()),
        UiCommand::SetSearch(String::new()),
    ] {
        app.apply(command);
        driver.frame(&mut app, Vec::new());
        while app.view.search_pending() {
            driver.frame(&mut app, Vec::new());
        }
    }
    report("after hiding a type, searching and clearing the search");
    eprintln!(
        "dataset built in {:.0} ms; first frame {:.0} ms",
        ms(built),
        ms(first)
    );
    // Heap bytes per event, estimated from resident memory over the sample-only app.
    if let Some((peak, _)) = memory_mib() {
        println!("memory/{events}_events: peak {peak:.0} MiB");
    }
}
