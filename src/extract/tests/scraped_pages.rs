//! Scraped pages: menus, bylines and datelines around the article, the lead paragraph in
//! the header's title slot, plans in the future.

use super::*;

fn page(file: &str) -> Extraction {
    let article = crate::article::parse(std::path::Path::new("page.txt"), file.as_bytes())
        .expect("page parses");
    extract_article(&article)
}

#[test]
fn a_wire_dateline_after_the_page_furniture_places_the_story() {
    let x = page(
        " date 2019-05-15 202\nHome » National News » Police: Man killed after…\n\nPolice: Man killed after hitting Kentucky officer with car\n\nBy The Associated Press May 15, 2019 4:12 pm\nShare\n\nLOUISVILLE, Ky. (AP) — Police in Kentucky say they fatally shot a man who hit an officer with his vehicle.\n\nCopyright © 2019 The Associated Press. All rights reserved.",
    );
    let e = find(&x, EventType::Attack, "fatally shot a man");
    assert!(e.evidence.text.starts_with("LOUISVILLE, Ky. (AP)"));
    assert_eq!(place_name(e), Some("Louisville"));
    assert!(
        !e.actors.iter().any(|a| a == "LOUISVILLE"),
        "{:?}",
        e.actors
    );
}

#[test]
fn a_lead_paragraph_in_the_title_slot_is_read() {
    let x = page(
        " date 2024-03-16 In the volatile Khyber Pakhtunkhwa province, at least seven Pakistani Army soldiers were killed during a terrorist assault on a security checkpoint. The region has been a hotspot for militancy for decades.\n\nKP Chief Minister Ali Amin Gandapur denounced the assault.",
    );
    let e = find(&x, EventType::Attack, "seven Pakistani Army soldiers");
    assert_eq!(place_country(e), Some("PK"));
}

#[test]
fn a_date_in_a_plan_does_not_date_the_sentences_after_it() {
    let text = "The bill will initially cover 60 percent of the poorest students, expanding to 100 percent in 2020, she said.\n\nThe announcement did little to placate some 6,000 protesters outside the Congress building in Valparaiso.";
    let x = extract(text, day(2015, 5, 21));
    let e = find(&x, EventType::Protest, "6,000 protesters");
    assert_eq!(e.date, None, "{:#?}", summary(&x));
}

#[test]
fn a_lead_in_dates_the_event_the_body_reports_and_the_body_gives_the_evidence() {
    let x = page(
        " date 2020-11-03 Cote d'Ivoire's incumbent President Alassane Ouattara has won last Saturday's presidential election, the electoral commission announced on Tuesday.\n\nOuattara obtained 3,031,483 votes and was re-elected president.\n\nOuattara was first elected president of Cote d'Ivoire in 2010.",
    );
    let e = find(&x, EventType::Election, "was re-elected president");
    assert!(
        e.evidence.text.starts_with("Ouattara obtained"),
        "{:#?}",
        summary(&x)
    );
    assert_eq!(start_day(e), day(2020, 10, 31));
    // The lead-in's report of the same election is not a second event.
    let elections = x
        .events
        .iter()
        .filter(|e| {
            e.event_type == EventType::Election
                && e.date.as_ref().is_some_and(|d| d.start.year() == 2020)
        })
        .count();
    assert_eq!(elections, 1, "{:#?}", summary(&x));
    let first = find(&x, EventType::Election, "first elected");
    assert_eq!(first.date.as_ref().map(|d| d.start.year()), Some(2010));
}
