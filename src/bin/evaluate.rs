//! `cargo run --bin evaluate [-- --verbose] [--only PREFIX,...] [DIR...]`: scores extraction
//! on annotated article sets. Each DIR holds `articles/NAME.txt` and `gold/NAME.json`; the
//! default is the development set in tests/devset plus the reference article in
//! tests/reference. `--only` keeps the articles whose names start with one of the prefixes
//! (e.g. the held-out articles, scored on their own).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use dateline::eval::{self, Score};
use dateline::{article, extract};

fn main() -> ExitCode {
    let mut verbose = false;
    let mut dirs: Vec<PathBuf> = Vec::new();
    let mut only: Vec<String> = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--verbose" | "-v" => verbose = true,
            "--only" => {
                let Some(list) = args.next() else {
                    eprintln!("usage: evaluate --only PREFIX[,PREFIX...]");
                    return ExitCode::from(2);
                };
                only.extend(list.split(',').map(str::to_owned));
            }
            "--explain" => {
                // evaluate --explain FILE: the mentions read in each sentence.
                let Some(path) = std::env::args().nth(2) else {
                    eprintln!("usage: evaluate --explain FILE");
                    return ExitCode::from(2);
                };
                return match article::load(Path::new(&path)) {
                    Ok(a) => {
                        print!("{}", extract::explain(&a.text, a.published));
                        ExitCode::SUCCESS
                    }
                    Err(e) => {
                        eprintln!("evaluate: {e}");
                        ExitCode::from(2)
                    }
                };
            }
            "--help" | "-h" => {
                println!(
                    "usage: evaluate [--verbose] [--only PREFIX,...] [DIR...]  (DIR holds articles/ and gold/)"
                );
                return ExitCode::SUCCESS;
            }
            _ => dirs.push(PathBuf::from(arg)),
        }
    }
    if dirs.is_empty() {
        dirs.push(PathBuf::from("tests/devset"));
        dirs.push(PathBuf::from("tests/reference"));
    }
    let mut total = Score::default();
    for dir in &dirs {
        match score_dir(dir, verbose, &only, &mut total) {
            Ok(()) => {}
            Err(e) => {
                eprintln!("evaluate: {e}");
                return ExitCode::from(2);
            }
        }
    }
    println!(
        "\nTOTAL  gold {}  predicted {}  matched {}\n  precision {:.2}  recall {:.2}  F1 {:.2}\n  date {:.2}  place {:.2}  type {:.2}  main events fully right {:.2} ({}/{})",
        total.gold,
        total.predicted,
        total.matched,
        total.precision(),
        total.recall(),
        total.f1(),
        total.date_accuracy(),
        total.place_accuracy(),
        total.type_accuracy(),
        total.main_fully_right_share(),
        total.main_fully_right,
        total.main
    );
    ExitCode::SUCCESS
}

fn score_dir(dir: &Path, verbose: bool, only: &[String], total: &mut Score) -> Result<(), String> {
    let gold_dir = dir.join("gold");
    let mut golds: Vec<PathBuf> = std::fs::read_dir(&gold_dir)
        .map_err(|e| format!("cannot read {}: {e}", gold_dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .filter(|p| {
            let stem = p.file_stem().unwrap_or_default().to_string_lossy();
            only.is_empty() || only.iter().any(|prefix| stem.starts_with(prefix.as_str()))
        })
        .collect();
    golds.sort();
    for gold_path in golds {
        let gold = eval::load_gold(&gold_path)?;
        let stem = gold_path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let article_path = dir.join("articles").join(format!("{stem}.txt"));
        let a = article::load(&article_path).map_err(|e| e.to_string())?;
        let events = extract::extract_article(&a).events;
        let (score, judgements) = eval::score_article(&gold, &events);
        println!(
            "{stem:<48} gold {:>2} pred {:>2} match {:>2}  F1 {:.2}  date {:.2} place {:.2} type {:.2}",
            score.gold,
            score.predicted,
            score.matched,
            score.f1(),
            score.date_accuracy(),
            score.place_accuracy(),
            score.type_accuracy()
        );
        if verbose {
            for j in &judgements {
                let g = &gold.events[j.gold_index];
                println!("{}", eval::describe(g, j.predicted.map(|i| &events[i]), j));
            }
            let matched: Vec<usize> = judgements.iter().filter_map(|j| j.predicted).collect();
            for (i, e) in events
                .iter()
                .enumerate()
                .filter(|(i, _)| !matched.contains(i))
            {
                let _ = i;
                println!(
                    "  EXTRA {} {} {} | {}",
                    e.event_type.key(),
                    e.date.as_ref().map_or("undated".into(), |d| d.display()),
                    e.place.as_ref().map_or("-".into(), |p| p.name.clone()),
                    e.evidence.text.chars().take(90).collect::<String>()
                );
            }
        }
        total.add(&score);
    }
    Ok(())
}
