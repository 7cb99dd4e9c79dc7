//! Actors: named people and organisations (capitalised names that are not places or
//! dates), and the groups news names by role ("protesters", "security forces").

use std::sync::LazyLock;

use crate::geo::gazetteer::GAZETTEER;

use super::pattern::WordRegex;

static NAME: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"\b\p{Lu}[\p{L}'’.]*(?:-\p{L}+)*(?:\s+(?:(?:al|el|bin|ibn|de|del|da|van|von|of|the|and)[- ])?\p{Lu}[\p{L}'’.]*(?:-\p{L}+)*)*")
        .unwrap_or_else(|e| panic!("{e}"))
});

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

/// Named actors and role groups in a sentence, in order of appearance, deduplicated.
pub fn find(sentence: &str) -> Vec<(usize, String)> {
    let mut found: Vec<(usize, String)> = Vec::new();
    for m in NAME.find_iter(sentence) {
        if let Some(name) = clean_name(m.as_str())
            && !found.iter().any(|(_, f)| *f == name)
        {
            found.push((m.start(), name));
        }
    }
    for m in GROUP.find_iter(sentence) {
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

/// Strips titles and leading place adjectives; drops places, dates and stop words.
fn clean_name(raw: &str) -> Option<String> {
    let mut name = raw.trim().trim_end_matches(['.', '\'', '’']).to_owned();
    if let Some(stripped) = name.strip_suffix("'s").or_else(|| name.strip_suffix("’s")) {
        name = stripped.to_owned();
    }
    loop {
        let first = name.split_whitespace().next().unwrap_or("");
        let is_place_word = !GAZETTEER.lookup(first).is_empty() || first == "US" || first == "U.S.";
        let stop = NOT_NAMES.contains(&first);
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
        || NOT_NAMES.contains(&name.as_str())
        || !GAZETTEER.lookup(&name).is_empty()
        || TITLES.contains(&name.as_str())
        || (words == 1 && name.chars().count() < 3)
        || name.chars().all(|c| c.is_uppercase() || !c.is_alphabetic()) && words > 2
    {
        return None;
    }
    Some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(sentence: &str) -> Vec<String> {
        find(sentence).into_iter().map(|(_, n)| n).collect()
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
