//! The extractor must return (not panic, not hang) on any text, with or without a
//! publication date, and every evidence span it reports must slice the text it was given.
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the publication date, so relative dates are exercised too.
    let (published, rest) = match data.split_first() {
        Some((&b, rest)) if b % 2 == 0 => (NaiveDate::from_ymd_opt(2019, 12, 31), rest),
        Some((_, rest)) => (None, rest),
        None => (None, data),
    };
    let text = String::from_utf8_lossy(rest);
    let extraction = dateline::extract::extract(&text, published);
    for event in &extraction.events {
        for evidence in event.all_evidence() {
            assert!(text.get(evidence.start..evidence.end).is_some());
        }
    }
    for mention in &extraction.dates_mentioned {
        assert!(text.get(mention.start..mention.end).is_some());
    }
});
