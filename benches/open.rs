//! Opening 5,000 articles: copies of the real articles (dev set and sample) in a temporary
//! folder, read and extracted by `BatchLoad` on all cores and added to a dataset.
//! Also reports how long UI frames take while the batch runs (the window must stay
//! responsive): the headless app draws frames and takes in results as the app would.
//!
//! `cargo bench --bench open` (`DATELINE_OPEN_FILES=1000` for a shorter run)

#[path = "common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{Driver, median_max, ms};
use criterion::Criterion;
use dateline::batch::BatchLoad;
use dateline::model::Dataset;

fn file_count() -> usize {
    std::env::var("DATELINE_OPEN_FILES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5_000)
}

/// A folder of `count` article files (copies of the corpus, in subfolders of 500).
fn article_folder(count: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dateline-bench-open-{count}"));
    let sources = common::corpus_paths();
    let done = dir.join(".complete");
    if done.exists() {
        return dir;
    }
    let _ = std::fs::remove_dir_all(&dir);
    for n in 0..count {
        let source = &sources[n % sources.len()];
        let sub = dir.join(format!("batch{:02}", n / 500));
        let _ = std::fs::create_dir_all(&sub);
        let name = format!(
            "{n:05}_{}",
            source
                .file_name()
                .map_or_else(String::new, |f| f.to_string_lossy().into_owned())
        );
        if let Err(e) = std::fs::copy(source, sub.join(name)) {
            panic!("cannot prepare the benchmark folder {}: {e}", dir.display());
        }
    }
    let _ = std::fs::write(done, "");
    dir
}

/// Opens the folder and adds everything to a dataset, as the app would.
fn open_all(dir: &Path) -> Dataset {
    let mut dataset = Dataset::default();
    for (article, extraction) in BatchLoad::start(vec![dir.to_owned()])
        .finish()
        .into_iter()
        .flatten()
    {
        let id = format!("d{}", dataset.documents.len() + 1);
        dataset.push_extracted(id, article, extraction);
    }
    dataset
}

fn open(c: &mut Criterion) {
    let count = file_count();
    let dir = article_folder(count);
    let (cpu, wall) = (common::process_cpu(), Instant::now());
    let dataset = open_all(&dir);
    let wall = wall.elapsed().as_secs_f64();
    eprintln!(
        "{count} files -> {} documents, {} events in {wall:.2} s wall",
        dataset.documents.len(),
        dataset.events.len()
    );
    if let (Some(a), Some(b)) = (cpu, common::process_cpu()) {
        let cpu = b.saturating_sub(a).as_secs_f64();
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        eprintln!(
            "open: {cpu:.2} CPU-seconds ({:.2} cores busy on average); on {cores} idle cores that is {:.2} s",
            cpu / wall,
            cpu / cores as f64
        );
    }
    responsiveness(&dir);

    let mut group = c.benchmark_group("open");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(100));
    group.measurement_time(Duration::from_secs(20));
    group.bench_function(format!("{count}_articles"), |b| {
        b.iter(|| std::hint::black_box(open_all(&dir)));
    });
    group.finish();
}

/// Frame times of the headless app while a batch loads, results taken in every frame.
fn responsiveness(dir: &Path) {
    let mut app = dateline::ui::app::DatelineApp::headless(Vec::new(), None);
    app.dataset = Dataset::default();
    let mut driver = Driver::new();
    driver.settle(&mut app);
    let start = Instant::now();
    let load = BatchLoad::start(vec![dir.to_owned()]);
    let mut frames: Vec<Duration> = Vec::new();
    let mut frames_cpu: Vec<Duration> = Vec::new();
    let mut first_events = None;
    // Frames over 50 ms CPU: (frame, events loaded by then, CPU ms), to find hitches.
    let mut slow: Vec<(usize, usize, f64)> = Vec::new();
    while !load.is_finished() || frames.is_empty() {
        let frame_start = Instant::now();
        let taken = common::cpu_time_of(|| {
            for (article, extraction) in load.drain().into_iter().flatten() {
                let id = format!("d{}", app.dataset.documents.len() + 1);
                app.dataset.push_extracted(id, article, extraction);
            }
        });
        if first_events.is_none() && !app.dataset.events.is_empty() {
            first_events = Some(start.elapsed());
        }
        let progress = load.progress();
        std::hint::black_box(&progress);
        let cpu = taken + driver.frame(&mut app, Vec::new());
        if cpu > Duration::from_millis(50) {
            slow.push((frames.len(), app.dataset.events.len(), ms(cpu)));
        }
        frames_cpu.push(cpu);
        frames.push(frame_start.elapsed());
        // A 60 Hz display: wait for the next vsync.
        std::thread::sleep(Duration::from_millis(16).saturating_sub(frame_start.elapsed()));
    }
    for (article, extraction) in load.finish().into_iter().flatten() {
        let id = format!("d{}", app.dataset.documents.len() + 1);
        app.dataset.push_extracted(id, article, extraction);
    }
    let total = start.elapsed();
    let (median, max) = median_max(&mut frames);
    let (median_cpu, max_cpu) = median_max(&mut frames_cpu);
    eprintln!(
        "while loading in the window: done in {:.2} s, first events after {:.0} ms, {} frames; UI thread per frame (taking in results + drawing): wall median {median:.1} ms, max {max:.1} ms; CPU median {median_cpu:.1} ms, max {max_cpu:.1} ms; {} events at the end",
        total.as_secs_f64(),
        first_events.map_or(0.0, ms),
        frames.len(),
        app.dataset.events.len()
    );
    for (frame, events, cpu) in slow {
        eprintln!("  slow frame {frame}: {cpu:.1} ms CPU with {events} events loaded");
    }
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    open(&mut c);
    c.final_summary();
}
