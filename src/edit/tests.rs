//! Edit promises: every correction undoes and redoes exactly, impossible ones change
//! nothing, and the history reads well in menus and survives saving.

use super::*;
use crate::model::{DatePrecision, PlacePrecision};
use chrono::NaiveDate;

const SAMPLE: &str = include_str!("../../assets/articles/000_dcb1392a28173e2c.txt");

fn sample() -> Dataset {
    let article = crate::article::parse(std::path::Path::new("sample.txt"), SAMPLE.as_bytes())
        .expect("sample parses");
    let mut dataset = Dataset::default();
    dataset.add_article(article);
    assert!(dataset.events.len() >= 3, "the sample has events");
    dataset
}

fn id(dataset: &Dataset, n: usize) -> String {
    dataset.events[n].id.clone()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// Applies `edit`, then checks that undo gives back the original exactly and redo the
/// edited state exactly, twice over.
fn round_trip(mut dataset: Dataset, edit: Edit) -> Dataset {
    let original = dataset.clone();
    let mut history = History::default();
    history.apply(&mut dataset, edit.clone()).expect("applies");
    let edited = dataset.clone();
    assert_ne!(edited, original, "{} changed nothing", edit.describe());
    for _ in 0..2 {
        assert_eq!(history.undo(&mut dataset).expect("undoes"), &edit);
        assert_eq!(dataset, original, "undo {} restores", edit.describe());
        assert_eq!(history.redo(&mut dataset).expect("redoes"), &edit);
        assert_eq!(dataset, edited, "redo {} reapplies", edit.describe());
    }
    edited
}

#[test]
fn every_field_edit_is_undone_and_redone_exactly_and_marks_the_event() {
    let dataset = sample();
    let target = id(&dataset, 1);
    let edits = vec![
        Edit::SetType {
            event: target.clone(),
            event_type: EventType::Riot,
        },
        Edit::SetDate {
            event: target.clone(),
            date: Some(EventDate {
                start: date(2019, 12, 1),
                end: date(2019, 12, 31),
                precision: DatePrecision::Month,
                text: "in December".into(),
            }),
        },
        Edit::SetDate {
            event: target.clone(),
            date: None,
        },
        Edit::SetPlace {
            event: target.clone(),
            place: Some(Place {
                name: "Kirkuk".into(),
                lat: 35.47,
                lon: 44.39,
                country: "IQ".into(),
                precision: PlacePrecision::City,
                text: "Kirkuk".into(),
            }),
        },
        Edit::SetPlace {
            event: target.clone(),
            place: None,
        },
        Edit::SetActors {
            event: target.clone(),
            actors: vec!["Kataib Hezbollah".into(), "  ".into(), " US forces ".into()],
        },
        Edit::SetFatalities {
            event: target.clone(),
            fatalities: Some(25),
        },
        Edit::SetInjured {
            event: target.clone(),
            injured: Some(51),
        },
        Edit::SetSummary {
            event: target.clone(),
            summary: "US strikes on militia bases".into(),
        },
    ];
    for edit in edits {
        let edited = round_trip(dataset.clone(), edit);
        let event = edited.event(&target).expect("still there");
        assert!(event.edited);
    }
}

#[test]
fn actors_are_trimmed_and_blank_ones_dropped() {
    let mut dataset = sample();
    let target = id(&dataset, 0);
    let edit = Edit::SetActors {
        event: target.clone(),
        actors: vec![" US forces ".into(), "".into()],
    };
    History::default()
        .apply(&mut dataset, edit)
        .expect("applies");
    assert_eq!(
        dataset.event(&target).expect("exists").actors,
        ["US forces"]
    );
}

#[test]
fn an_event_added_from_selected_text_has_that_text_as_evidence() {
    let dataset = sample();
    let document = dataset.documents[0].id.clone();
    let text = &dataset.texts[0];
    let sentence = "They threw stones at the gate";
    let start = text.find(sentence).expect("sample mentions the stones");
    // A selection with a stray space either side.
    let span = start.saturating_sub(1)..start + sentence.len() + 1;
    let edit =
        Edit::add_from_span(&dataset, &document, span, EventType::Statement).expect("valid span");
    let Edit::AddEvent { event } = &edit else {
        panic!("an add");
    };
    assert_eq!(event.evidence.text, sentence);
    assert_eq!(&text[event.evidence.start..event.evidence.end], sentence);
    assert_eq!(event.id, format!("{document}-u1"));
    assert!(event.edited);
    let edited = round_trip(dataset, edit.clone());
    assert_eq!(edited.events.last().map(|e| &e.id), Some(&event.id));
    // A second add gets the next free id.
    let again = Edit::add_from_span(&edited, &document, start..start + 4, EventType::Other)
        .expect("valid span");
    assert_eq!(again.event_id(), format!("{document}-u2"));
}

#[test]
fn bad_spans_are_refused() {
    let dataset = sample();
    let document = dataset.documents[0].id.clone();
    let len = dataset.texts[0].len();
    let out_of_range = Edit::add_from_span(&dataset, &document, len..len + 5, EventType::Other);
    assert!(matches!(out_of_range, Err(EditError::InvalidSpan { .. })));
    let blank = dataset.texts[0].find(' ').expect("has a space");
    let empty = Edit::add_from_span(&dataset, &document, blank..blank + 1, EventType::Other);
    assert_eq!(empty, Err(EditError::EmptySpan));
    let missing = Edit::add_from_span(&dataset, "d99", 0..1, EventType::Other);
    assert_eq!(missing, Err(EditError::NoSuchDocument("d99".into())));
}

#[test]
fn deleting_an_event_is_undone_in_place() {
    let dataset = sample();
    let target = id(&dataset, 1);
    let edited = round_trip(
        dataset,
        Edit::DeleteEvent {
            event: target.clone(),
        },
    );
    assert!(edited.event(&target).is_none());
}

#[test]
fn merging_joins_evidence_keeps_the_first_fields_and_fills_empty_ones() {
    let mut dataset = sample();
    let (keep, absorb) = (id(&dataset, 0), id(&dataset, 2));
    // Make the kept event lack a place and fatalities, and the absorbed one have them.
    dataset.events[0].place = None;
    dataset.events[0].fatalities = None;
    dataset.events[2].fatalities = Some(3);
    let kept_type = dataset.events[0].event_type;
    let absorbed = dataset.events[2].clone();
    let edited = round_trip(
        dataset,
        Edit::MergeEvents {
            keep: keep.clone(),
            absorb: absorb.clone(),
        },
    );
    assert!(edited.event(&absorb).is_none());
    let merged = edited.event(&keep).expect("kept");
    assert_eq!(merged.event_type, kept_type);
    assert_eq!(merged.fatalities, Some(3));
    assert_eq!(merged.place, absorbed.place);
    assert!(merged.all_evidence().any(|e| *e == absorbed.evidence));
    assert!(merged.edited);
}

#[test]
fn merging_the_later_event_into_the_earlier_one_also_undoes_exactly() {
    let dataset = sample();
    let (keep, absorb) = (id(&dataset, 2), id(&dataset, 0));
    round_trip(dataset, Edit::MergeEvents { keep, absorb });
}

#[test]
fn impossible_edits_are_refused_and_change_nothing() {
    let mut dataset = sample();
    let original = dataset.clone();
    let target = id(&dataset, 0);
    let mut history = History::default();
    let bad = [
        Edit::SetType {
            event: "nope".into(),
            event_type: EventType::Riot,
        },
        Edit::SetPlace {
            event: target.clone(),
            place: Some(Place {
                name: "Nowhere".into(),
                lat: f64::NAN,
                lon: 500.0,
                country: Default::default(),
                precision: PlacePrecision::Site,
                text: String::new(),
            }),
        },
        Edit::SetDate {
            event: target.clone(),
            date: Some(EventDate {
                start: date(2020, 1, 2),
                end: date(2020, 1, 1),
                precision: DatePrecision::Day,
                text: String::new(),
            }),
        },
        Edit::MergeEvents {
            keep: target.clone(),
            absorb: target.clone(),
        },
        Edit::AddEvent {
            event: Box::new(dataset.events[0].clone()),
        },
        Edit::DeleteEvent {
            event: "nope".into(),
        },
    ];
    for edit in bad {
        assert!(
            history.apply(&mut dataset, edit.clone()).is_err(),
            "{edit:?}"
        );
        assert_eq!(dataset, original);
    }
    assert!(!history.can_undo());
    assert_eq!(history.undo(&mut dataset), Err(EditError::NothingToUndo));
    assert_eq!(history.redo(&mut dataset), Err(EditError::NothingToRedo));
}

#[test]
fn menus_name_the_edit_and_a_new_edit_clears_redo() {
    let mut dataset = sample();
    let target = id(&dataset, 0);
    let mut history = History::default();
    assert_eq!(history.undo_label(), None);
    let change_date = Edit::SetDate {
        event: target.clone(),
        date: None,
    };
    history.apply(&mut dataset, change_date).expect("applies");
    assert_eq!(history.undo_label().as_deref(), Some("Undo change date"));
    history.undo(&mut dataset).expect("undoes");
    assert_eq!(history.redo_label().as_deref(), Some("Redo change date"));
    assert!(history.can_redo());
    let delete = Edit::DeleteEvent { event: target };
    history.apply(&mut dataset, delete).expect("applies");
    assert!(!history.can_redo());
    assert_eq!(history.undo_label().as_deref(), Some("Undo delete event"));
}

#[test]
fn a_sequence_of_edits_unwinds_to_the_start_and_replays_to_the_end() {
    let mut dataset = sample();
    let original = dataset.clone();
    let (a, b, c) = (id(&dataset, 0), id(&dataset, 1), id(&dataset, 2));
    let mut history = History::default();
    let document = dataset.documents[0].id.clone();
    let added = Edit::add_from_span(&dataset, &document, 0..40, EventType::Protest).expect("span");
    let edits = [
        Edit::SetFatalities {
            event: a.clone(),
            fatalities: Some(1),
        },
        added,
        Edit::MergeEvents {
            keep: b.clone(),
            absorb: c,
        },
        Edit::DeleteEvent { event: a },
        Edit::SetSummary {
            event: b,
            summary: "x".into(),
        },
    ];
    for edit in edits.clone() {
        history.apply(&mut dataset, edit).expect("applies");
    }
    let end = dataset.clone();
    while history.can_undo() {
        history.undo(&mut dataset).expect("undoes");
    }
    assert_eq!(dataset, original);
    while history.can_redo() {
        history.redo(&mut dataset).expect("redoes");
    }
    assert_eq!(dataset, end);
}

#[test]
fn undo_after_the_events_changed_elsewhere_is_an_error_not_a_panic() {
    let mut dataset = sample();
    let target = id(&dataset, 0);
    let mut history = History::default();
    history
        .apply(
            &mut dataset,
            Edit::SetFatalities {
                event: target,
                fatalities: Some(9),
            },
        )
        .expect("applies");
    dataset.events.clear();
    assert_eq!(history.undo(&mut dataset), Err(EditError::OutOfStep));
    // The edit stays undoable should the events come back.
    assert!(history.can_undo());
}

#[test]
fn the_history_is_capped() {
    let mut dataset = sample();
    let target = id(&dataset, 0);
    let mut history = History::default();
    for n in 0..(MAX_UNDO as u32 + 5) {
        let edit = Edit::SetInjured {
            event: target.clone(),
            injured: Some(n),
        };
        history.apply(&mut dataset, edit).expect("applies");
    }
    let mut undone = 0;
    while history.undo(&mut dataset).is_ok() {
        undone += 1;
    }
    assert_eq!(undone, MAX_UNDO);
}

#[test]
fn the_history_survives_serialisation() {
    let mut dataset = sample();
    let target = id(&dataset, 0);
    let mut history = History::default();
    let document = dataset.documents[0].id.clone();
    let added = Edit::add_from_span(&dataset, &document, 0..40, EventType::Protest).expect("span");
    history.apply(&mut dataset, added).expect("applies");
    let merge = Edit::MergeEvents {
        keep: target,
        absorb: id(&dataset, 1),
    };
    history.apply(&mut dataset, merge).expect("applies");
    history.undo(&mut dataset).expect("undoes");
    let json = serde_json::to_string(&history).expect("serialises");
    let back: History = serde_json::from_str(&json).expect("parses");
    assert_eq!(back, history);
}
