//! What a search matches: an event whose summary, evidence, type, place name or an actor
//! contains the words, ignoring case. ASCII words are found without lower-casing anything:
//! the words' first letter is looked for in either case (`memchr`, many bytes at a time) and
//! each place it occurs compared in full.

use crate::model::Event;

/// A search needle prepared once per search, not once per event.
#[derive(Clone, Debug)]
pub(super) enum Needle {
    Any,
    /// ASCII needles, lower-cased: compared ignoring ASCII case, no allocation per event.
    Ascii(Vec<u8>),
    /// Other needles: lower-cased haystacks are compared with the lower-cased needle.
    Unicode(String),
}

impl Needle {
    pub(super) fn new(search: &str) -> Needle {
        let needle = search.trim();
        if needle.is_empty() {
            Needle::Any
        } else if needle.is_ascii() {
            Needle::Ascii(needle.to_ascii_lowercase().into_bytes())
        } else {
            Needle::Unicode(needle.to_lowercase())
        }
    }

    pub(super) fn matches(&self, event: &Event) -> bool {
        let haystacks = [
            event.summary.as_str(),
            event.evidence.text.as_str(),
            event.event_type.label(),
            event.place.as_ref().map_or("", |p| p.name.as_str()),
        ];
        let found = |h: &str| match self {
            Needle::Any => true,
            Needle::Ascii(needle) => contains_ignoring_ascii_case(h.as_bytes(), needle),
            Needle::Unicode(needle) => h.to_lowercase().contains(needle.as_str()),
        };
        haystacks.iter().any(|h| found(h)) || event.actors.iter().any(|a| found(a))
    }
}

/// Whether `haystack` contains `needle` (lower-case ASCII, not empty) ignoring ASCII case.
fn contains_ignoring_ascii_case(haystack: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    let Some(last_start) = haystack.len().checked_sub(needle.len()) else {
        return false;
    };
    let upper = first.to_ascii_uppercase();
    let mut from = 0;
    while let Some(at) = memchr::memchr2(first, upper, &haystack[from..=last_start]) {
        let start = from + at;
        if haystack[start + 1..start + needle.len()].eq_ignore_ascii_case(rest) {
            return true;
        }
        from = start + 1;
        if from > last_start {
            break;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use aho_corasick::AhoCorasick;

    #[test]
    fn ascii_needles_match_as_a_case_insensitive_searcher_does() {
        let haystacks = [
            "",
            "a",
            "Shanghai",
            "in SHANGHAI, local sources said",
            "Zürich and Straße, then shang",
            "xxshanxshang",
            "s",
            "police",
            "KKK k",
            "ends with shan",
            "1999-12-31 and 2020",
        ];
        let needles = [
            "s",
            "S",
            "shang",
            "SHANG",
            "hai,",
            "k",
            "zz",
            "ü",
            "rich",
            "shan",
            "n s",
            "9-1",
            "said",
            "ends with shan",
            "ends with shang",
        ];
        for needle in needles.into_iter().filter(|n| n.is_ascii()) {
            let searcher = AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build([needle])
                .expect("a searcher");
            let Needle::Ascii(lower) = Needle::new(needle) else {
                panic!("{needle:?} is ASCII");
            };
            for haystack in haystacks {
                assert_eq!(
                    contains_ignoring_ascii_case(haystack.as_bytes(), &lower),
                    searcher.is_match(haystack),
                    "{needle:?} in {haystack:?}"
                );
            }
        }
    }
}
