//! Bad input never crashes Dateline: every file in `tests/bad_inputs/` (and a few large
//! ones made here) gives a clear error naming the file, or a sane result. The extractor
//! returns on adversarial text with evidence that lies inside the text it was given.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use dateline::article::{self, LoadError};
use dateline::project::{self, ProjectError};

fn input(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/bad_inputs")
        .join(name)
}

/// A scratch file for inputs too large to keep in the repository.
fn generated(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dateline-bad-inputs-{}", std::process::id()));
    fs::create_dir_all(&dir).expect("scratch dir");
    let path = dir.join(name);
    fs::write(&path, bytes).expect("write");
    path
}

fn load_article(name: &str) -> Result<article::Article, LoadError> {
    article::load(&input(name))
}

fn assert_names_file(message: &str, name: &str) {
    assert!(
        message.contains(name),
        "the message names {name}: {message}"
    );
}

/// Loads a project and checks it was refused, naming the file and leaving it untouched.
fn refused_project(name: &str) -> ProjectError {
    let path = input(name);
    let before = fs::read(&path).expect("read");
    let err = project::load(&path).expect_err("refused");
    assert_eq!(fs::read(&path).expect("read"), before, "{name} was changed");
    assert_names_file(&err.to_string(), name);
    err
}

/// Every evidence span and date mention lies on character boundaries inside the text.
fn assert_extraction_is_sane(text: &str, published: Option<NaiveDate>) -> usize {
    let extraction = dateline::extract::extract(text, published);
    for event in &extraction.events {
        for evidence in event.all_evidence() {
            let quoted = text.get(evidence.start..evidence.end);
            assert!(quoted.is_some(), "evidence {evidence:?} outside the text");
        }
        if let Some(date) = &event.date {
            assert!(date.start <= date.end, "{date:?}");
        }
        if let Some(place) = &event.place {
            assert!(place.lat.is_finite() && place.lon.is_finite(), "{place:?}");
        }
    }
    for mention in &extraction.dates_mentioned {
        assert!(
            text.get(mention.start..mention.end).is_some(),
            "{mention:?}"
        );
    }
    extraction.events.len()
}

fn published() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2019, 12, 31)
}

// ---- Article files ---------------------------------------------------------------------

#[test]
fn an_empty_file_is_refused_as_empty() {
    for name in ["empty.txt", "whitespace_only.txt"] {
        let err = load_article(name).expect_err("refused");
        assert!(matches!(err, LoadError::Empty { .. }), "{name}: {err}");
        assert_names_file(&err.to_string(), name);
    }
}

#[test]
fn a_binary_file_is_refused_as_binary() {
    let err = load_article("binary.bin").expect_err("refused");
    assert!(matches!(err, LoadError::Binary { .. }), "{err}");
    assert_names_file(&err.to_string(), "binary.bin");
}

#[test]
fn control_characters_mean_binary() {
    let err = load_article("control_characters.txt").expect_err("refused");
    assert!(matches!(err, LoadError::Binary { .. }), "{err}");
}

#[test]
fn invalid_utf8_is_read_with_a_warning_naming_the_file() {
    let a = load_article("invalid_utf8.txt").expect("read");
    assert!(a.text.contains("Kabul"));
    assert_eq!(a.warnings.len(), 1, "{:?}", a.warnings);
    assert_names_file(&a.warnings[0], "invalid_utf8.txt");
    assert_extraction_is_sane(&a.text, published());
}

#[test]
fn utf16_garbage_without_a_byte_order_mark_is_refused() {
    let err = load_article("utf16_no_bom_garbage.txt").expect_err("refused");
    assert!(matches!(err, LoadError::Binary { .. }), "{err}");
}

#[test]
fn damaged_utf16_is_read_with_replacement_characters_and_a_warning() {
    for name in ["utf16_bom_odd_length.txt", "utf16_bom_lone_surrogate.txt"] {
        let a = load_article(name).expect("read");
        assert!(a.text.contains("Floods in"), "{name}: {}", a.text);
        assert!(a.text.contains('\u{FFFD}'), "{name}");
        assert_names_file(&a.warnings[0], name);
    }
}

#[test]
fn impossible_dates_in_an_article_are_ignored_not_fatal() {
    let a = load_article("out_of_range_dates.txt").expect("read");
    assert_eq!(a.published, published());
    assert_extraction_is_sane(&a.text, a.published);
    let far = load_article("bad_header_date.txt").expect("read");
    assert_eq!(
        far.published, None,
        "year 262144 is beyond any calendar we use"
    );
}

#[test]
fn one_huge_line_loads_and_gets_a_short_title() {
    // Just under the 20 MB limit, with no line break and no sentence end.
    let line = "war ".repeat((article::MAX_FILE_BYTES as usize - 1024) / 4);
    let path = generated("huge_line.txt", line.as_bytes());
    let a = article::load(&path).expect("read");
    assert!(a.title.chars().count() < 100, "{}", a.title);
    assert_eq!(a.text.len(), line.len());
    let _ = fs::remove_file(path);
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_reading() {
    let path = generated("too_large.txt", b"");
    // A sparse file: its size is over the limit without writing 21 MB.
    fs::File::options()
        .write(true)
        .open(&path)
        .and_then(|f| f.set_len(article::MAX_FILE_BYTES + 1024 * 1024))
        .expect("grow");
    let err = article::load(&path).expect_err("refused");
    assert!(matches!(err, LoadError::TooLarge { .. }), "{err}");
    assert_names_file(&err.to_string(), "too_large.txt");
    let _ = fs::remove_file(path);
}

#[test]
fn a_missing_file_is_an_io_error_naming_it() {
    let err = load_article("no_such_file.txt").expect_err("refused");
    assert!(matches!(err, LoadError::Io { .. }), "{err}");
    assert_names_file(&err.to_string(), "no_such_file.txt");
}

#[test]
fn a_web_page_with_no_story_text_is_empty() {
    let err = load_article("only_markup.html").expect_err("refused");
    assert!(matches!(err, LoadError::Empty { .. }), "{err}");
}

#[test]
fn broken_html_still_gives_its_text() {
    let a = load_article("broken.html").expect("read");
    assert!(
        a.text
            .starts_with("Clashes in Tripoli killed five people on Sunday.")
    );
    assert!(!a.text.contains("never closed"));
    assert_extraction_is_sane(&a.text, a.published);
    let a = load_article("unclosed_comment.html").expect("read");
    assert_eq!(a.text, "Floods in Jakarta.");
}

#[test]
fn bad_json_ld_and_date_metas_are_ignored() {
    let a = load_article("bad_ld_json.html").expect("read");
    assert_eq!(a.published, None);
    assert_eq!(a.text, "Floods in Jakarta.");
}

#[test]
fn deeply_nested_html_is_read_without_overflowing_the_stack() {
    let depth = 100_000;
    let html = format!(
        "<html><body>{}<p>Clashes in Tripoli.</p>{}</body></html>",
        "<div><span>".repeat(depth),
        "</span></div>".repeat(depth)
    );
    let path = generated("nested.html", html.as_bytes());
    let a = article::load(&path).expect("read");
    assert_eq!(a.text, "Clashes in Tripoli.");
    let stray = format!("<p>Floods in Jakarta.</p>{}", "</div>".repeat(depth));
    let a = article::parse(Path::new("stray.html"), stray.as_bytes()).expect("read");
    assert_eq!(a.text, "Floods in Jakarta.");
}

#[test]
fn deeply_nested_markdown_is_read_without_overflowing_the_stack() {
    let md = format!("{} Floods in Jakarta.\n", ">".repeat(50_000));
    let a = article::parse(Path::new("quotes.md"), md.as_bytes()).expect("read");
    assert!(a.text.contains("Floods in Jakarta."));
    let lists = format!("{}Floods.\n", "- ".repeat(20_000));
    let a = article::parse(Path::new("lists.md"), lists.as_bytes()).expect("read");
    assert!(a.text.contains("Floods."));
}

#[test]
fn markdown_without_prose_is_empty_and_unclosed_front_matter_is_text() {
    for name in ["only_front_matter.md", "markdown_only_code.md"] {
        let err = load_article(name).expect_err("refused");
        assert!(matches!(err, LoadError::Empty { .. }), "{name}: {err}");
    }
    let a = load_article("unclosed_front_matter.md").expect("read");
    assert_eq!(a.published, None);
    assert!(a.text.contains("Floods in Jakarta"));
}

// ---- Project files ---------------------------------------------------------------------

#[test]
fn the_valid_project_the_damaged_ones_come_from_loads() {
    let p = project::load(&input("minimal.dateline")).expect("loads");
    assert_eq!(p.dataset.events.len(), 1);
    assert_eq!(p.view.selected.as_deref(), Some("d1-e1"));
}

#[test]
fn a_project_from_the_future_is_refused_with_its_version() {
    let err = refused_project("future.dateline");
    assert!(
        matches!(err, ProjectError::TooNew { version: 99, .. }),
        "{err}"
    );
    assert!(
        err.to_string().contains("newer Dateline (version 99)"),
        "{err}"
    );
}

#[test]
fn a_truncated_project_is_corrupt_and_says_where() {
    let err = refused_project("truncated.dateline");
    let ProjectError::Corrupt { line, .. } = &err else {
        panic!("corrupt, got {err}");
    };
    assert!(*line > 1);
    assert!(err.to_string().contains("ends too early"), "{err}");
}

#[test]
fn deeply_nested_json_is_refused_without_overflowing_the_stack() {
    let err = refused_project("nested.dateline");
    assert!(matches!(err, ProjectError::Corrupt { .. }), "{err}");
    let err = refused_project("nested_not_a_project.json");
    assert!(matches!(err, ProjectError::NotAProject { .. }), "{err}");
    let deeper = format!(
        "{{\"format\":\"dateline-project\",\"version\":1,\"x\":{}",
        "[".repeat(1_000_000)
    );
    let path = generated("deeper.dateline", deeper.as_bytes());
    assert!(project::load(&path).is_err());
}

#[test]
fn nan_and_infinite_coordinates_are_refused() {
    for name in ["nan_coordinates.dateline", "infinite_coordinates.dateline"] {
        let err = refused_project(name);
        assert!(matches!(err, ProjectError::Corrupt { .. }), "{name}: {err}");
    }
    let err = refused_project("off_the_globe.dateline");
    assert!(matches!(err, ProjectError::Invalid { .. }), "{err}");
    assert!(err.to_string().contains("d1-e1"), "{err}");
}

#[test]
fn impossible_dates_in_a_project_are_refused() {
    for name in ["out_of_range_date.dateline", "far_future_date.dateline"] {
        let err = refused_project(name);
        assert!(matches!(err, ProjectError::Corrupt { .. }), "{name}: {err}");
    }
    let err = refused_project("reversed_date.dateline");
    assert!(matches!(err, ProjectError::Invalid { .. }), "{err}");
}

#[test]
fn events_that_do_not_fit_their_article_are_refused_by_id() {
    for name in [
        "evidence_splits_a_character.dateline",
        "unknown_document.dateline",
        "duplicate_event_ids.dateline",
    ] {
        let err = refused_project(name);
        assert!(matches!(err, ProjectError::Invalid { .. }), "{name}: {err}");
        assert!(err.to_string().contains("d1"), "{name}: {err}");
    }
    for name in ["negative_offsets.dateline", "huge_numbers.dateline"] {
        let err = refused_project(name);
        assert!(matches!(err, ProjectError::Corrupt { .. }), "{name}: {err}");
    }
}

#[test]
fn a_header_of_the_wrong_type_is_explained() {
    let err = refused_project("version_not_a_number.dateline");
    assert!(matches!(err, ProjectError::Invalid { .. }), "{err}");
    let err = refused_project("format_not_a_string.dateline");
    assert!(matches!(err, ProjectError::NotAProject { .. }), "{err}");
}

#[test]
fn article_files_are_not_projects() {
    for name in ["empty.txt", "binary.bin", "invalid_utf8.txt", "broken.html"] {
        let err = refused_project(name);
        assert!(
            matches!(err, ProjectError::NotAProject { .. }),
            "{name}: {err}"
        );
    }
}

#[test]
fn a_bogus_edit_history_loads_but_undo_and_redo_refuse_politely() {
    let mut p = project::load(&input("bogus_history.dateline")).expect("loads");
    let before = p.dataset.clone();
    assert!(p.history.can_undo());
    assert!(p.history.undo(&mut p.dataset).is_err());
    assert!(p.history.redo(&mut p.dataset).is_err());
    assert_eq!(p.dataset, before, "a refused undo changes nothing");
}

// ---- The extractor on adversarial text -------------------------------------------------

/// Runs the extractor, checking sanity and that it finishes in reasonable time even in
/// a debug build.
fn extract_within(text: &str, limit: Duration) -> usize {
    let started = Instant::now();
    let events = assert_extraction_is_sane(text, published());
    assert_extraction_is_sane(text, None);
    let took = started.elapsed();
    assert!(took < limit, "took {took:?} on {} bytes", text.len());
    events
}

#[test]
fn the_extractor_survives_a_very_long_sentence() {
    let sentence = format!(
        "Protesters gathered in Baghdad {}and police fired tear gas.",
        "and then more people came from the north and the south ".repeat(2000)
    );
    extract_within(&sentence, Duration::from_secs(60));
}

#[test]
fn the_extractor_survives_only_punctuation() {
    let text = ".,;:!?-–—()[]{}\"'“”‘’…/\\|@#$%^&*+=<>~`".repeat(2000);
    assert_eq!(extract_within(&text, Duration::from_secs(60)), 0);
    assert_eq!(extract_within("...\n\n!!!\n???", Duration::from_secs(5)), 0);
}

#[test]
fn the_extractor_survives_ten_thousand_on_sundays() {
    let text = "on Sunday ".repeat(10_000);
    extract_within(&text, Duration::from_secs(60));
    let sentences = "Clashes erupted on Sunday. ".repeat(2_000);
    extract_within(&sentences, Duration::from_secs(60));
}

#[test]
fn the_extractor_survives_right_to_left_text() {
    let text = "قُتل خمسة أشخاص في غارة جوية على بغداد يوم الأحد. \u{202E}Protesters in Baghdad\u{202C} said שלום on Sunday. Police killed 3 in Tel Aviv.";
    extract_within(text, Duration::from_secs(10));
}

#[test]
fn the_extractor_survives_emoji_and_combining_characters() {
    let text = "💥🔥 Explosion in Kabul 🇦🇫 killed 5 👨‍👩‍👧‍👦 people on Sunday. Z̷̢̛a̸̛l̵g̶o̷ ̸c̷l̶a̵s̷h̵e̶s̴ in T̶r̸i̷p̴o̵l̷i̸ killed 1̷2̶. Café́́́ bombed in Mosul on Monday.";
    extract_within(text, Duration::from_secs(10));
    let zalgo: String = "Clashes in Tripoli killed 12 on Sunday. "
        .chars()
        .flat_map(|c| std::iter::once(c).chain("\u{0301}\u{0316}\u{0334}".chars()))
        .collect();
    extract_within(&zalgo.repeat(50), Duration::from_secs(30));
}

#[test]
fn the_extractor_survives_binary_looking_text_without_nuls() {
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let text: String = (0..50_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            char::from_u32((state % 0x2FFF) as u32 + 1).unwrap_or('?')
        })
        .collect();
    extract_within(&text, Duration::from_secs(60));
    let bytes_as_latin1: String = (1..=255u8).cycle().take(50_000).map(char::from).collect();
    extract_within(&bytes_as_latin1, Duration::from_secs(60));
}

#[test]
fn the_extractor_survives_letters_whose_lowercase_is_longer() {
    // Found by the binary-looking text below: 'Ⱥ' (2 bytes) lowercases to 'ⱥ' (3 bytes),
    // which once shifted the offsets of site nouns ("embassy") off character boundaries.
    for text in [
        "ȺȺȺ embassy in Baghdad was attacked on Sunday.",
        "İİİ The embassy near Kabul was shelled.",
        "Ⱥ᯽ military base hit",
    ] {
        extract_within(text, Duration::from_secs(10));
    }
}

#[test]
fn the_extractor_survives_numbers_and_dates_at_their_limits() {
    let text = "Clashes killed 99999999999999999999999999 people and injured 4294967296 on \
        31 February 2020. On 29 February 2019, 1,000,000,000,000 fled. In the year 262144, \
        and on 1 January -5000, a strike hit Kabul. On 12/31/99999 protests.";
    extract_within(text, Duration::from_secs(10));
}
