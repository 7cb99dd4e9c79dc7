//! The command line: `dateline [FILE...]` opens the window, `dateline extract` writes events.
//! Parsing lives here so the binary stays thin and the commands can be tested.

use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::{article, export, model::Dataset};

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
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
        /// Article files.
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

/// Runs `dateline extract`: writes the events of every readable file to `out`, reports
/// unreadable files on `err`, and returns the process exit code (0, or 2 if any failed).
pub fn run_extract(
    format: Format,
    files: &[PathBuf],
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let mut dataset = Dataset::default();
    let mut failed = false;
    for path in files {
        match article::load(path) {
            Ok(a) => {
                for w in &a.warnings {
                    let _ = writeln!(err, "dateline: warning: {w}");
                }
                dataset.add_article(a);
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
    if failed { 2 } else { 0 }
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
}
