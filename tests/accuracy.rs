//! Extraction accuracy on the annotated development set must not regress. The floors are
//! below the measured numbers in docs/ACCURACY.md; raise them as the extractor improves.

use std::path::Path;

use dateline::eval::{self, Score};
use dateline::{article, extract};

fn score_dir(dir: &Path) -> Score {
    let mut total = Score::default();
    let mut golds: Vec<_> = std::fs::read_dir(dir.join("gold"))
        .expect("gold folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    golds.sort();
    for gold_path in golds {
        let gold = eval::load_gold(&gold_path).expect("gold parses");
        let stem = gold_path
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .into_owned();
        let a = article::load(&dir.join("articles").join(format!("{stem}.txt"))).expect("article");
        let events = extract::extract_article(&a).events;
        total.add(&eval::score_article(&gold, &events).0);
    }
    total
}

#[test]
fn development_set_accuracy_does_not_regress() {
    let s = score_dir(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/devset"
    )));
    assert!(
        s.gold >= 550,
        "the development set has its events ({})",
        s.gold
    );
    let report = format!(
        "F1 {:.2} date {:.2} place {:.2} type {:.2} main {:.2}",
        s.f1(),
        s.date_accuracy(),
        s.place_accuracy(),
        s.type_accuracy(),
        s.main_fully_right_share()
    );
    println!("{report}");
    assert!(s.f1() >= 0.63, "{report}");
    assert!(s.date_accuracy() >= 0.74, "{report}");
    assert!(s.place_accuracy() >= 0.76, "{report}");
    assert!(s.type_accuracy() >= 0.76, "{report}");
    // Measured 0.66 / 0.77 / 0.79 / 0.79 / 0.46 on the 96 articles when the 27 held-out
    // articles of session 6 (072-098, harder than the older ones) joined; the floors sit below.
    assert!(s.main_fully_right_share() >= 0.42, "{report}");
}

#[test]
fn the_reference_article_is_fully_right() {
    let s = score_dir(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/reference"
    )));
    assert_eq!(s.gold, 7);
    assert_eq!(s.matched, 7, "every annotated event is found");
    assert_eq!((s.date_right, s.place_right, s.type_right), (7, 7, 7));
}
