//! Extraction throughput in MB/s on real news text (the dev set and the bundled sample):
//! on one core (in CPU time of the extracting thread), and on all cores with rayon (the
//! corpus repeated so every core has work; wall time, plus MB per CPU-second). Also the
//! time for one article (the sample, and the corpus article nearest 5 KB), and the one-off
//! start-up cost of the gazetteer and patterns, which none of the others include.
//!
//! `cargo bench --bench extraction`

#[path = "common/mod.rs"]
mod common;

use std::time::Duration;

use criterion::{Criterion, Throughput};
use dateline::article::{self, Article};
use rayon::prelude::*;

/// How many times the corpus is repeated for the all-cores run.
const COPIES: usize = 8;

fn corpus() -> Vec<Article> {
    common::corpus_paths()
        .iter()
        .filter_map(|p| article::load(p).ok())
        .collect()
}

fn extraction(c: &mut Criterion) {
    let articles = corpus();
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    eprintln!(
        "corpus: {} articles, {:.1} KB of text; {} threads",
        articles.len(),
        bytes as f64 / 1024.0,
        rayon::current_num_threads()
    );
    // The gazetteer and word lists load on first use; not part of the throughput.
    let start_up = std::time::Instant::now();
    let _ = dateline::extract::extract("Warm-up in Baghdad on Sunday.", None);
    eprintln!(
        "start-up (gazetteer, word lists, patterns; once per process): {:.0} ms",
        start_up.elapsed().as_secs_f64() * 1000.0
    );

    let mut group = c.benchmark_group("extraction");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(5));
    group.throughput(Throughput::Bytes(bytes as u64));
    // Per core: the CPU time of the extracting thread, not wall time, so that other work on
    // a shared machine does not count against the extractor.
    group.bench_function("single_core", |b| {
        b.iter_custom(|iters| {
            (0..iters)
                .map(|_| {
                    common::cpu_time_of(|| {
                        for a in &articles {
                            std::hint::black_box(dateline::extract::extract(&a.text, a.published));
                        }
                    })
                })
                .sum()
        });
    });
    for (name, a) in typical_articles(&articles) {
        group.throughput(Throughput::Bytes(a.text.len() as u64));
        group.bench_function(format!("one_article/{name}"), |b| {
            b.iter_custom(|iters| {
                (0..iters)
                    .map(|_| {
                        common::cpu_time_of(|| {
                            std::hint::black_box(dateline::extract::extract(&a.text, a.published));
                        })
                    })
                    .sum()
            });
        });
    }
    let many: Vec<&Article> = (0..COPIES).flat_map(|_| articles.iter()).collect();
    group.throughput(Throughput::Bytes((bytes * COPIES) as u64));
    group.bench_function("all_cores", |b| {
        b.iter(|| {
            many.par_iter().for_each(|a| {
                std::hint::black_box(dateline::extract::extract(&a.text, a.published));
            });
        });
    });
    group.finish();
    all_cores_cpu(&many, bytes * COPIES);
}

/// The bundled sample, and the article whose text is nearest 5 KB (a typical news story).
fn typical_articles(articles: &[Article]) -> Vec<(String, &Article)> {
    let mut typical = Vec::new();
    let sample_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/articles");
    let sample = articles.iter().find(|a| a.path.starts_with(&sample_dir));
    if let Some(a) = sample {
        typical.push((format!("sample_{:.1}KB", a.text.len() as f64 / 1024.0), a));
    }
    if let Some(a) = articles
        .iter()
        .min_by_key(|a| a.text.len().abs_diff(5 * 1024))
    {
        typical.push((
            format!("nearest_5KB_{:.1}KB", a.text.len() as f64 / 1024.0),
            a,
        ));
    }
    typical
}

/// The all-cores run once more, with the process's CPU time: wall time on a shared machine
/// depends on what else runs; MB per CPU-second and the cores actually used do not.
fn all_cores_cpu(many: &[&Article], bytes: usize) {
    let (cpu, wall) = (common::process_cpu(), std::time::Instant::now());
    for _ in 0..3 {
        many.par_iter().for_each(|a| {
            std::hint::black_box(dateline::extract::extract(&a.text, a.published));
        });
    }
    let wall = wall.elapsed().as_secs_f64();
    if let (Some(a), Some(b)) = (cpu, common::process_cpu()) {
        let cpu = b.saturating_sub(a).as_secs_f64();
        let mb = 3.0 * bytes as f64 / (1024.0 * 1024.0);
        eprintln!(
            "extraction/all_cores: {:.2} MiB/s wall, {:.2} MiB per CPU-second, {:.2} cores busy on average",
            mb / wall,
            mb / cpu,
            cpu / wall
        );
    }
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    extraction(&mut c);
    c.final_summary();
}
