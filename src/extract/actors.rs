//! Actors: named people and organisations (capitalised names that are not places or
//! dates), and the groups news names by role ("protesters", "security forces").

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

use crate::geo::gazetteer::GAZETTEER;

use super::keywords::{Candidates, Group};
use super::pattern::WordRegex;

/// A capitalised name: capitalised words, with lower-case particles between them
/// ("Abu Bakr al-Baghdadi", "Bank of England"). Read by `names`, which scans for it by
/// hand: it starts at any capital letter, where a regex's prefilter has nothing to hold on
/// to, and runs on every sentence.
#[cfg(test)]
const NAME: &str = r"\b\p{Lu}[\p{L}'’.]*(?:-\p{L}+)*(?:\s+(?:(?:al|el|bin|ibn|de|del|da|van|von|of|the|and)[- ])?\p{Lu}[\p{L}'’.]*(?:-\p{L}+)*)*";

/// The lower-case particles that may join the words of a name, each followed by a space
/// or a hyphen.
const PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "de", "del", "da", "van", "von", "of", "the", "and",
];

/// The Unicode classes a name is made of: letters (`\p{L}`) and capitals (`\p{Lu}`),
/// as the regex crate's tables give them.
static LETTERS: LazyLock<regex_syntax::hir::ClassUnicode> =
    LazyLock::new(|| unicode_class(r"\p{L}"));
static CAPITALS: LazyLock<regex_syntax::hir::ClassUnicode> =
    LazyLock::new(|| unicode_class(r"\p{Lu}"));

fn unicode_class(pattern: &str) -> regex_syntax::hir::ClassUnicode {
    match regex_syntax::parse(pattern).map(regex_syntax::hir::Hir::into_kind) {
        Ok(regex_syntax::hir::HirKind::Class(regex_syntax::hir::Class::Unicode(class))) => class,
        other => panic!("{pattern}: {other:?}"),
    }
}

fn in_class(c: char, class: &regex_syntax::hir::ClassUnicode) -> bool {
    class
        .ranges()
        .binary_search_by(|r| {
            if r.end() < c {
                std::cmp::Ordering::Less
            } else if r.start() > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        in_class(c, &LETTERS)
    }
}

fn is_capital(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_uppercase()
    } else {
        in_class(c, &CAPITALS)
    }
}

/// The end of the capitalised word at `at`, if one starts there: a capital, then letters,
/// apostrophes and full stops, then hyphenated parts ("Al-Qaeda", "U.S.", "O’Brien").
fn word_end(text: &str, at: usize) -> Option<usize> {
    let mut chars = text[at..].chars();
    let first = chars.next().filter(|c| is_capital(*c))?;
    let mut end = at + first.len_utf8();
    let rest = &text[end..];
    end += rest
        .find(|c: char| !(is_letter(c) || c == '\'' || c == '’' || c == '.'))
        .unwrap_or(rest.len());
    while let Some(part) = text[end..].strip_prefix('-') {
        let letters = part.find(|c: char| !is_letter(c)).unwrap_or(part.len());
        if letters == 0 {
            break;
        }
        end += 1 + letters;
    }
    Some(end)
}

/// The capitalised names of a sentence with their offsets, left to right: what `NAME`
/// matches.
fn names(sentence: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(start) = next_name_start(sentence, from) {
        let Some(mut end) = word_end(sentence, start) else {
            break;
        };
        loop {
            let rest = &sentence[end..];
            let gap = rest
                .find(|c: char| !c.is_whitespace())
                .unwrap_or(rest.len());
            if gap == 0 {
                break;
            }
            let next = end + gap;
            let after_particle = PARTICLES.iter().find_map(|p| {
                let joined = sentence[next..].strip_prefix(p)?;
                joined
                    .starts_with(['-', ' '])
                    .then(|| word_end(sentence, next + p.len() + 1))
                    .flatten()
            });
            match after_particle.or_else(|| word_end(sentence, next)) {
                Some(word) => end = word,
                None => break,
            }
        }
        found.push((start, &sentence[start..end]));
        from = end;
    }
    found
}

/// The next capital from byte `from` on that starts a word (nothing word-like before it).
fn next_name_start(text: &str, from: usize) -> Option<usize> {
    let mut previous = text[..from].chars().next_back();
    for (i, c) in text[from..].char_indices() {
        if is_capital(c) && !previous.is_some_and(regex_syntax::is_word_character) {
            return Some(from + i);
        }
        previous = Some(c);
    }
    None
}

static GROUP: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"\b(?:(?:\p{Lu}[\p{L}.-]*|(?i:special|security|armed|government|rebel|opposition|pro-government|counter-terrorism))\s+){0,2}(?i:protesters|protestors|demonstrators|militia fighters|militias?|security forces|special forces|police|riot police|troops|soldiers|army|military|rebels|insurgents|gunmen|militants|fighters|government forces|forces|guards|embassy guards|authorities|officials|students|workers|residents|civilians)\b")
        .unwrap_or_else(|e| panic!("{e}"))
});

const TITLES: &[&str] = &[
    "President",
    "Prime Minister",
    "Minister",
    "Foreign Minister",
    "Defense Minister",
    "Defence Minister",
    "Interior Minister",
    "Secretary",
    "Secretary of State",
    "Chancellor",
    "King",
    "Queen",
    "Prince",
    "Crown Prince",
    "Sheikh",
    "General",
    "Gen.",
    "Lieutenant",
    "Colonel",
    "Commander",
    "Militia commander",
    "Governor",
    "Mayor",
    "Senator",
    "Sen.",
    "Representative",
    "Rep.",
    "Judge",
    "Pope",
    "Ayatollah",
    "Supreme Leader",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "Leader",
    "Chief",
    "Spokesman",
    "Spokeswoman",
    "Ambassador",
];

/// Capitalised words that start sentences or are months, weekdays and the like.
const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "But",
    "And",
    "Or",
    "In",
    "On",
    "At",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "This",
    "That",
    "These",
    "Those",
    "Some",
    "Many",
    "Most",
    "Several",
    "Other",
    "Others",
    "When",
    "While",
    "After",
    "Before",
    "As",
    "If",
    "Also",
    "However",
    "Meanwhile",
    "No",
    "Yes",
    "There",
    "Here",
    "His",
    "Her",
    "Their",
    "Our",
    "Its",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Security",
    "Militia",
    "Iraqis",
    "Americans",
    "Closed",
    "Loading",
    "Reuters",
    "AFP",
    "AP",
    "Associated",
    "Press",
    "CNN",
    "BBC",
    "Twitter",
    "Facebook",
    "A few",
    "Few",
    "Almost",
    "About",
    "Later",
    "Earlier",
    "Today",
    "Yesterday",
    "Tomorrow",
    "Thousands",
    "Hundreds",
    "Dozens",
    "Officials",
];

/// The role-group pattern's keywords, for the sentence's keyword pass (`keywords::scan`).
pub(super) fn keywords() -> impl Iterator<Item = Option<&'static [Vec<u8>]>> {
    std::iter::once(GROUP.keywords())
}

/// Named actors and role groups in a sentence (whose keyword pass is `keywords`), in order
/// of appearance, deduplicated.
pub fn find(sentence: &str, keywords: &Candidates<'_>) -> Vec<(usize, String)> {
    let mut found: Vec<(usize, String)> = Vec::new();
    for (start, text) in names(sentence) {
        if let Some(name) = clean_name(text)
            && !found.iter().any(|(_, f)| *f == name)
        {
            found.push((start, name));
        }
    }
    let groups = keywords.of(Group::Actors).iter().any(|may| *may);
    for m in groups
        .then(|| GROUP.find_iter(sentence))
        .into_iter()
        .flatten()
    {
        let text = m.as_str().trim();
        let group = text
            .strip_prefix("The ")
            .or_else(|| text.strip_prefix("the "))
            .unwrap_or(text)
            .to_owned();
        let overlaps = found
            .iter()
            .any(|(start, f)| *start <= m.start() + 1 && m.start() < start + f.len());
        if !overlaps && !found.iter().any(|(_, f)| f.eq_ignore_ascii_case(&group)) {
            found.push((m.start(), group));
        }
    }
    found.sort_by_key(|(start, _)| *start);
    found
}

/// `NOT_NAMES`, for look-up: every capitalised word of every sentence is checked.
static NOT_NAME_SET: LazyLock<FxHashSet<&str>> =
    LazyLock::new(|| NOT_NAMES.iter().copied().collect());

/// Strips titles and leading place adjectives; drops places, dates and stop words.
fn clean_name(raw: &str) -> Option<String> {
    let mut name = raw.trim().trim_end_matches(['.', '\'', '’']).to_owned();
    if let Some(stripped) = name.strip_suffix("'s").or_else(|| name.strip_suffix("’s")) {
        name = stripped.to_owned();
    }
    loop {
        let first = name.split_whitespace().next().unwrap_or("");
        let is_place_word = !GAZETTEER.lookup(first).is_empty() || first == "US" || first == "U.S.";
        let stop = NOT_NAME_SET.contains(first);
        if (is_place_word || stop) && name.contains(' ') {
            name = name[first.len()..].trim_start().to_owned();
            continue;
        }
        if let Some(title) = TITLES
            .iter()
            .filter(|t| name.starts_with(*t) && name[t.len()..].starts_with(' '))
            .max_by_key(|t| t.len())
        {
            name = name[title.len()..].trim_start().to_owned();
            continue;
        }
        break;
    }
    let words = name.split_whitespace().count();
    if name.is_empty()
        || NOT_NAME_SET.contains(name.as_str())
        || !GAZETTEER.lookup(&name).is_empty()
        || is_dateline_city(&name)
        || TITLES.contains(&name.as_str())
        || (words == 1 && name.chars().count() < 3)
        || name.chars().all(|c| c.is_uppercase() || !c.is_alphabetic()) && words > 2
    {
        return None;
    }
    Some(name)
}

/// "LOUISVILLE", "NEW YORK": a place written in capitals, as a dateline writes it, is no
/// actor (acronyms such as "NATO" are not places).
fn is_dateline_city(name: &str) -> bool {
    if !name.chars().all(|c| c.is_uppercase() || !c.is_alphabetic()) {
        return false;
    }
    let title_case: Vec<String> = name
        .split_whitespace()
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_string() + &chars.as_str().to_lowercase()
            })
        })
        .collect();
    !GAZETTEER.lookup(&title_case.join(" ")).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dateline_city_in_capitals_is_no_actor() {
        let found = names("LOUISVILLE, Ky. (AP) — NATO says police in Kentucky shot a man.");
        assert!(!found.iter().any(|n| n == "LOUISVILLE"), "{found:?}");
        assert!(found.iter().any(|n| n == "NATO"), "{found:?}");
    }

    fn names(sentence: &str) -> Vec<String> {
        find(sentence, &super::super::keywords::scan(sentence))
            .into_iter()
            .map(|(_, n)| n)
            .collect()
    }

    #[test]
    fn the_name_scanner_finds_what_the_name_pattern_finds() {
        let pattern = regex::Regex::new(NAME).unwrap_or_else(|e| panic!("{e}"));
        let mut texts: Vec<String> = [
            "Abu Bakr al-Baghdadi and Bank of England met the del Valle family.",
            "Al-Qaeda's chief, O’Brien, the U.S. envoy, and Jean-Luc Picard-Smith spoke.",
            "Nicolás Maduro met Ángel Pérez in São Paulo; ÉCOLE and Ǆemal (titlecase) too.",
            "van Gogh and Vincent van Gogh; Ludwig von  Mises; de Gaulle, Charles de Gaulle.",
            "Ali and Bob and carol; Ali and  Bob; the End of the Road; Queen of\nHearts.",
            "A-  B-C -D x-Y xY 'Quote' “Curly” Mc-. St. Louis. ſ K Ⅳ ⅳ Ⓐ",
            "",
            "lower case only, nothing here.",
        ]
        .map(String::from)
        .to_vec();
        let dev = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/devset/articles");
        for entry in std::fs::read_dir(dev).into_iter().flatten().flatten() {
            texts.extend(std::fs::read_to_string(entry.path()));
        }
        assert!(texts.len() > 20, "the dev set was not read");
        for text in &texts {
            let expected: Vec<(usize, &str)> = pattern
                .find_iter(text)
                .map(|m| (m.start(), m.as_str()))
                .collect();
            assert_eq!(super::names(text), expected);
        }
    }

    #[test]
    fn titles_and_places_are_stripped_from_people() {
        let found = names(
            "In Washington, US President Donald Trump accused Iran of orchestrating the unrest.",
        );
        assert_eq!(found, vec!["Donald Trump"]);
    }

    #[test]
    fn armed_groups_and_role_groups_are_actors() {
        let found = names(
            "Qais al-Khazali, leader of the Iranian-backed Asaib Ahl al-Haq militia, joined the demonstrators.",
        );
        assert!(found.contains(&"Qais al-Khazali".to_owned()), "{found:?}");
        assert!(found.contains(&"Asaib Ahl al-Haq".to_owned()), "{found:?}");
        assert!(found.contains(&"demonstrators".to_owned()), "{found:?}");
    }
}
