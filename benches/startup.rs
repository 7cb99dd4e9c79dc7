//! Start to first frame of the real app (needs a display: `xvfb-run -a cargo bench --bench
//! startup`). The app is started with `DATELINE_EXIT_AFTER_FIRST_FRAME=1`; when it supports
//! that variable it writes "first frame" on stderr after its first frame and closes, and the
//! time until that line is the measure. Otherwise the time of a whole `--screenshot` run
//! (start, lay out, capture, write the PNG, close) is reported as an upper bound.
//! Without a display, only Dateline's own share is measured: in a fresh process, creating
//! the app (sample article, gazetteer) and drawing its first frame headless.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const RUNS: usize = 5;

#[path = "common/mod.rs"]
mod common;

/// Set in the child process that measures the headless start.
const HEADLESS_CHILD: &str = "DATELINE_BENCH_HEADLESS_START";

fn main() {
    if std::env::var_os(HEADLESS_CHILD).is_some() {
        headless_start();
        return;
    }
    let mut headless: Vec<f64> = (0..RUNS).filter_map(|_| headless_child()).collect();
    headless.sort_by(f64::total_cmp);
    if let Some(ms) = headless.get(headless.len() / 2) {
        println!(
            "startup/headless_app_and_first_frame: median {ms:.0} ms over {} fresh processes",
            headless.len()
        );
    }
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        eprintln!(
            "startup: skipped, no display (run under `xvfb-run -a cargo bench --bench startup`)"
        );
        return;
    }
    let exe = env!("CARGO_BIN_EXE_dateline");
    let out = std::env::temp_dir().join(format!("dateline-startup-{}.png", std::process::id()));
    let mut first_frame = Vec::new();
    let mut screenshot = Vec::new();
    let mut supported = true;
    for _ in 0..RUNS {
        if supported {
            match time_to_first_frame(exe) {
                Some(t) => first_frame.push(t),
                // Not supported by this build: do not wait for it again.
                None => supported = false,
            }
        }
        let start = Instant::now();
        let status = Command::new(exe)
            .arg("--screenshot")
            .arg(&out)
            .args(["--size", "1600x1000"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        match status {
            Ok(s) if s.success() => screenshot.push(start.elapsed()),
            Ok(s) => eprintln!("startup: the screenshot run failed ({s})"),
            Err(e) => eprintln!("startup: cannot start {exe}: {e}"),
        }
    }
    let _ = std::fs::remove_file(&out);
    let median = |times: &mut Vec<Duration>| {
        times.sort();
        times.get(times.len() / 2).map(|d| d.as_secs_f64() * 1e3)
    };
    match median(&mut first_frame) {
        Some(ms) => println!(
            "startup/first_frame: median {ms:.0} ms over {} runs",
            first_frame.len()
        ),
        None => println!(
            "startup/first_frame: not measured (the app does not support DATELINE_EXIT_AFTER_FIRST_FRAME yet)"
        ),
    }
    if let Some(ms) = median(&mut screenshot) {
        println!(
            "startup/screenshot_run: median {ms:.0} ms over {} runs (start to PNG written and window closed)",
            screenshot.len()
        );
    }
}

/// Starts the app asking it to exit after its first frame; the time until it says so.
fn time_to_first_frame(exe: &str) -> Option<Duration> {
    let start = Instant::now();
    let mut child = Command::new(exe)
        .env("DATELINE_EXIT_AFTER_FIRST_FRAME", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    let stderr = child.stderr.take()?;
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if line.contains("first frame") {
                let _ = sender.send(start.elapsed());
                return;
            }
        }
    });
    let found = receiver.recv_timeout(Duration::from_secs(10)).ok();
    // Without support for the variable the window stays open: close it (our own child).
    if found.is_none() || child.try_wait().ok().flatten().is_none() {
        std::thread::sleep(Duration::from_millis(50));
        if child.try_wait().ok().flatten().is_none() {
            let _ = child.kill();
        }
    }
    let _ = child.wait();
    found
}

/// In a fresh process: create the app as `main` would and draw one frame without a window.
fn headless_start() {
    let start = Instant::now();
    let mut app = dateline::ui::app::DatelineApp::headless(Vec::new(), None);
    let created = start.elapsed();
    let mut driver = common::Driver::new();
    driver.frame(&mut app, Vec::new());
    println!(
        "headless {:.1} {:.1}",
        created.as_secs_f64() * 1e3,
        start.elapsed().as_secs_f64() * 1e3
    );
}

/// Runs [`headless_start`] in a child process; its total in ms.
fn headless_child() -> Option<f64> {
    let exe = std::env::current_exe().ok()?;
    let out = Command::new(exe).env(HEADLESS_CHILD, "1").output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text.lines().find(|l| l.starts_with("headless "))?;
    let mut numbers = line
        .split_whitespace()
        .skip(1)
        .filter_map(|n| n.parse::<f64>().ok());
    let created = numbers.next()?;
    let total = numbers.next()?;
    eprintln!("startup: app created in {created:.0} ms, first frame done at {total:.0} ms");
    Some(total)
}
