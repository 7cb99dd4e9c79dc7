//! The command line: `dateline [FILE...]` opens the window, `dateline extract` writes events.
//! Parsing lives here so the binary stays thin and the commands can be tested.

use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

use clap::{Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use serde::Serialize;

use crate::model::{Dataset, Event};
use crate::{batch, export};

#[derive(Debug, Parser)]
#[command(
    name = "dateline",
    version,
    about = "Read news articles, extract the events they report, and explore them on a linked timeline and map.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Article files to open (with none, the bundled sample article opens).
    pub files: Vec<PathBuf>,
    /// Open the window, write a PNG screenshot of it to this path once laid out, and exit.
    #[arg(long, value_name = "OUT.png")]
    pub screenshot: Option<PathBuf>,
    /// Window size for --screenshot, e.g. 1600x1000.
    #[arg(long, value_name = "WxH", value_parser = parse_size, default_value = "1600x1000")]
    pub size: (u32, u32),
    /// Use the dark theme (the default follows the system).
    #[arg(long)]
    pub dark: bool,
    /// Use the light theme.
    #[arg(long, conflicts_with = "dark")]
    pub light: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract events from article files and write them to standard output.
    Extract {
        /// Output format (jsonl: one event a line, each with its file's path, written as
        /// each file finishes).
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Article files, or folders to search (recursively) for .txt .text .md .html .htm files.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Json,
    Geojson,
    Csv,
    Jsonl,
}

fn parse_size(s: &str) -> Result<(u32, u32), String> {
    let (w, h) = s
        .split_once(['x', 'X'])
        .ok_or_else(|| format!("size {s:?} should look like 1600x1000"))?;
    let parse = |v: &str| {
        v.trim()
            .parse::<u32>()
            .ok()
            .filter(|n| (200..=8192).contains(n))
            .ok_or_else(|| format!("size {s:?}: each side must be a number from 200 to 8192"))
    };
    Ok((parse(w)?, parse(h)?))
}

/// Runs `dateline extract`: writes the events of every readable file to `out` (folders are
/// searched recursively for article files), reports unreadable files on `err`, and returns
/// the process exit code (0, or 2 if any failed). Files are read on all cores; `jsonl`
/// streams each file's events as soon as it is done, so memory stays bounded.
pub fn run_extract(
    format: Format,
    files: &[PathBuf],
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let (paths, folder_errors) = batch::article_files(files);
    let mut failed = !folder_errors.is_empty();
    for e in &folder_errors {
        let _ = writeln!(err, "dateline: {e}");
    }
    if format == Format::Jsonl {
        return match stream_jsonl(&paths, out, err) {
            Ok(any_failed) => exit_code(failed || any_failed),
            Err(e) => {
                let _ = writeln!(err, "dateline: cannot write output: {e}");
                2
            }
        };
    }

    // The whole dataset is one document in these formats, so it is collected in file order.
    let results: Vec<batch::Loaded> = paths
        .par_iter()
        .map(|p| batch::load_and_extract(p))
        .collect();
    let mut dataset = Dataset::default();
    for result in results {
        match result {
            Ok((a, extraction)) => {
                for w in &a.warnings {
                    let _ = writeln!(err, "dateline: warning: {w}");
                }
                let id = format!("d{}", dataset.documents.len() + 1);
                dataset.push_extracted(id, a, extraction);
            }
            Err(e) => {
                failed = true;
                let _ = writeln!(err, "dateline: {e}");
            }
        }
    }
    let written = match format {
        Format::Json => export::to_json(&dataset),
        Format::Geojson => export::to_geojson(&dataset),
        Format::Jsonl => export::to_jsonl(&dataset.events),
        Format::Csv => match export::to_csv(&dataset) {
            Ok(csv) => csv,
            Err(e) => {
                let _ = writeln!(err, "dateline: cannot write CSV: {e}");
                return 2;
            }
        },
    };
    if let Err(e) = out.write_all(written.as_bytes()).and_then(|_| {
        if written.ends_with('\n') {
            Ok(())
        } else {
            out.write_all(b"\n")
        }
    }) {
        let _ = writeln!(err, "dateline: cannot write output: {e}");
        return 2;
    }
    exit_code(failed)
}

fn exit_code(failed: bool) -> i32 {
    if failed { 2 } else { 0 }
}

/// One line of `--format jsonl`: the event and the path of the file it came from.
#[derive(Serialize)]
struct JsonlLine<'a> {
    #[serde(flatten)]
    event: &'a Event,
    path: String,
}

/// How many finished files may wait for the writer before the readers pause.
const JSONL_QUEUE: usize = 32;

/// Reads `paths` in parallel and writes each file's events as one JSON object a line, in
/// the order files finish. Document ids are `d{n}` for the n-th path, so they do not depend
/// on that order. Returns whether any file failed; Err only when `out` cannot be written.
fn stream_jsonl(
    paths: &[PathBuf],
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<bool> {
    let stop = AtomicBool::new(false);
    let (sender, receiver) = mpsc::sync_channel::<(usize, batch::Loaded)>(JSONL_QUEUE);
    std::thread::scope(|scope| {
        let stop = &stop;
        scope.spawn(move || {
            paths.par_iter().enumerate().for_each(|(index, path)| {
                if stop.load(Ordering::Relaxed) {
                    return;
                }
                let result = batch::load_and_extract(path);
                if sender.send((index, result)).is_err() {
                    stop.store(true, Ordering::Relaxed);
                }
            });
        });
        let mut failed = false;
        let mut line = String::new();
        let written = receiver.iter().try_for_each(|(index, result)| {
            let (article, extraction) = match result {
                Ok(loaded) => loaded,
                Err(e) => {
                    failed = true;
                    let _ = writeln!(err, "dateline: {e}");
                    return Ok(());
                }
            };
            for w in &article.warnings {
                let _ = writeln!(err, "dateline: warning: {w}");
            }
            let document = format!("d{}", index + 1);
            let path = article.path.display().to_string();
            for (n, mut event) in extraction.events.into_iter().enumerate() {
                event.id = format!("{document}-e{}", n + 1);
                event.document = document.as_str().into();
                line.clear();
                let entry = JsonlLine {
                    event: &event,
                    path: path.clone(),
                };
                if let Ok(json) = serde_json::to_string(&entry) {
                    line.push_str(&json);
                    line.push('\n');
                    out.write_all(line.as_bytes())?;
                }
            }
            Ok(())
        });
        // On a write error the readers stop at their next file.
        stop.store(true, Ordering::Relaxed);
        drop(receiver);
        written.and_then(|()| out.flush()).map(|()| failed)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_and_bad_sizes_explain_themselves() {
        assert_eq!(parse_size("1600x1000"), Ok((1600, 1000)));
        assert!(parse_size("big").unwrap_err().contains("1600x1000"));
        assert!(parse_size("10x10").is_err());
    }

    #[test]
    fn extract_reports_unreadable_files_with_exit_code_2() {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = run_extract(
            Format::Json,
            &[PathBuf::from("/nonexistent/article.txt")],
            &mut out,
            &mut err,
        );
        assert_eq!(code, 2);
        let message = String::from_utf8_lossy(&err);
        assert!(message.contains("/nonexistent/article.txt"), "{message}");
    }

    #[test]
    fn jsonl_streams_a_folder_with_paths_and_reports_bad_files() {
        let dir = std::env::temp_dir().join(format!("dateline-cli-jsonl-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("more")).expect("temp dir");
        let text = "date 2020-01-05 Protest\nThousands of protesters marched in Baghdad on Sunday.";
        std::fs::write(dir.join("a.txt"), text).expect("write");
        std::fs::write(dir.join("more/b.md"), text).expect("write");
        std::fs::write(dir.join("more/empty.txt"), "").expect("write");
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = run_extract(
            Format::Jsonl,
            std::slice::from_ref(&dir),
            &mut out,
            &mut err,
        );
        assert_eq!(code, 2, "the empty file fails");
        let message = String::from_utf8_lossy(&err);
        assert!(message.contains("empty.txt"), "{message}");
        let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out)
            .lines()
            .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
            .collect();
        assert!(lines.len() >= 2, "{lines:?}");
        for line in &lines {
            assert_eq!(line["type"], "protest");
            let path = line["path"].as_str().expect("path");
            let id = line["id"].as_str().expect("id");
            // Ids follow the sorted file list, whatever order files finish in.
            if path.ends_with("a.txt") {
                assert!(id.starts_with("d1-"), "{id}");
            } else {
                assert!(
                    path.ends_with("b.md") && id.starts_with("d2-"),
                    "{path} {id}"
                );
            }
        }
    }

    #[test]
    fn folders_work_for_every_format() {
        let dir = std::env::temp_dir().join(format!("dateline-cli-json-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        let text = "date 2020-01-05 Protest\nThousands of protesters marched in Baghdad on Sunday.";
        std::fs::write(dir.join("a.txt"), text).expect("write");
        std::fs::write(dir.join("b.txt"), text).expect("write");
        let (mut out, mut err) = (Vec::new(), Vec::new());
        assert_eq!(run_extract(Format::Json, &[dir], &mut out, &mut err), 0);
        let json: serde_json::Value = serde_json::from_slice(&out).expect("json");
        assert_eq!(json["documents"].as_array().map(Vec::len), Some(2));
        assert!(
            json["documents"][0]["path"]
                .as_str()
                .is_some_and(|p| p.ends_with("a.txt"))
        );
    }
}
