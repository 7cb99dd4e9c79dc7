//! Place names in a text: found with the gazetteer, filtered for ordinary words and
//! parts of other names, disambiguated CLIFF-style (the article's focus country, then
//! population), and weighed as the place an event happened rather than a mere mention.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::pattern::WordRegex;
// A fast hash for the short name keys looked up for every word.
use rustc_hash::FxHashMap as HashMap;

use crate::geo::gazetteer::{GAZETTEER, NameRef};

mod resolution;
pub(super) use resolution::speaker_place;
pub use resolution::{
    Focus, dateline, event_place_score, focus, plausible_towns, resolve, seat_of,
    state_abbreviation, to_place,
};

static AMBIGUOUS_TXT: &str = include_str!("../../assets/lexicon/ambiguous_place_names.txt");
static SITES_TSV: &str = include_str!("../../assets/lexicon/sites.tsv");

/// City names that are also ordinary English words ("Mobile", "Nice", "Split").
static AMBIGUOUS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    AMBIGUOUS_TXT
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// Compass words before a place name: "in western Turkey".
const COMPASS: &[&str] = &[
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "north-eastern",
    "north-western",
    "south-eastern",
    "south-western",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "north",
    "south",
    "east",
    "west",
];

/// Offices a city's name stands before: "Philadelphia Mayor", "Chicago Police".
const CITY_OFFICES: &[&str] = &[
    "Mayor",
    "Police",
    "Governor",
    "Council",
    "Councillor",
    "Sheriff",
    "Municipality",
    "Prefecture",
];

/// "Iran-backed", "Russian-brokered": the place qualifies someone, it is not where
/// anything happened.
const ATTRIBUTE_SUFFIXES: [&str; 23] = [
    "-bound",
    "-born",
    "-educated",
    "-registered",
    "-flagged",
    "-backed",
    "-led",
    "-based",
    "-allied",
    "-aligned",
    "-brokered",
    "-sponsored",
    "-funded",
    "-supplied",
    "-trained",
    "-made",
    "-built",
    "-owned",
    "-controlled",
    "-held",
    "-run",
    "-linked",
    "-style",
];

/// "on a Colombian Caribbean island", "in a Syrian border town": a country adjective on a
/// kind of place, after a locative, says where it happened.
static ADJECTIVE_ON_PLACE: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"^(?:\s+\p{L}[\p{L}-]*){0,2}?\s+(?:island|islands|coast|coastline|beach|town|village|city|border|province|region|port|resort|capital|territory|waters|soil|jungle|desert|countryside|mountains)\b")
        .unwrap_or_else(|e| panic!("{e}"))
});
/// "in a", "on the": the locative before such a phrase.
static LOCATIVE_ARTICLE: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)\b(?:in|on|at|near|off|outside|across)\s+(?:a|an|the)\s+$")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// "returned to Harare", "flew back to": a journey's end is where the traveller then is.
static ARRIVAL: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)\b(?:return(?:ed|s|ing)?|arriv(?:ed|es|ing)|travel(?:l?ed|s|ling)?|flew|flown|went|came|mov(?:ed|es)|march(?:ed|es|ing)|head(?:ed|ing)|deployed|visit|trip|journey)(?:\s+back)?\s+(?:to|into|towards?)\s+$")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// "an Egyptian court", "Colombian police": the country's own institutions.
static ADJECTIVE_ON_INSTITUTION: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"^(?:\s+\p{Ll}[\p{L}-]*)?\s+(?:court|courts|judge|judges|parliament|lawmakers|legislators|government|cabinet|ministry|police|authorities|prosecutors?|electoral (?:commission|authorities)|election (?:commission|authorities))\b")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// "Paraguayan prosecutor", "a Dutch tourist": a private person's nationality, which says
/// nothing of where anything happened.
static ADJECTIVE_ON_PERSON: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"^(?:\s+\p{Ll}[\p{L}-]*)?\s+(?:prosecutor|journalist|journalists|reporter|photographer|tourist|tourists|national|nationals|citizen|citizens|man|woman|men|women|boy|girl|teenager|student|students|worker|workers|migrants?|refugees?|doctor|nurse|activist|activists|blogger|businessman|businesswoman|climbers?|sailors?|fishermen|fisherman|couple|family|families|victims?|hostages?|passengers?)\b")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// Words before "base" that make it a figure of speech.
static FIGURATIVE_BASE: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)\b(?:political|power|support|electoral|voter|fan|customer|tax|industrial|manufacturing|home|resource|knowledge|data|rural|urban)\s+$")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// Month and day names that are also towns somewhere (March in England, Mayo, Sunday in
/// Nigeria): a place only when the text says so (", Country" after them).
const CALENDAR_WORDS: [&str; 14] = [
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
    "Sunday",
    "Friday",
];

/// Site nouns ("embassy", "air base"), and whether a country word before them names the
/// owner ("U.S. embassy" is not in the US) rather than the location ("Iraqi base"). Grouped
/// by first byte, ASCII lower-cased, so a word is compared only with nouns it can start;
/// longest first within a group.
static SITES: LazyLock<HashMap<u8, Vec<(String, bool)>>> = LazyLock::new(|| {
    let mut sites: Vec<(String, bool)> = SITES_TSV
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let (noun, owner) = l.split_once('\t')?;
            Some((noun.trim().to_owned(), owner.trim() == "owner"))
        })
        .collect();
    sites.sort_by_key(|(noun, _)| std::cmp::Reverse(noun.len()));
    let mut groups: HashMap<u8, Vec<(String, bool)>> = HashMap::default();
    for site in sites {
        if let Some(first) = site.0.bytes().next() {
            groups
                .entry(first.to_ascii_lowercase())
                .or_default()
                .push(site);
        }
    }
    groups
});

/// `[\p{L}\p{N}]` and `\p{Lu}` exactly as the regex crate reads them, for `words`.
static LETTER_OR_DIGIT: LazyLock<Vec<(char, char)>> =
    LazyLock::new(|| unicode_class(r"[\p{L}\p{N}]"));
static UPPERCASE: LazyLock<Vec<(char, char)>> = LazyLock::new(|| unicode_class(r"\p{Lu}"));

fn unicode_class(pattern: &str) -> Vec<(char, char)> {
    match regex_syntax::parse(pattern).map(regex_syntax::hir::Hir::into_kind) {
        Ok(regex_syntax::hir::HirKind::Class(regex_syntax::hir::Class::Unicode(class))) => {
            class.iter().map(|r| (r.start(), r.end())).collect()
        }
        other => panic!("{pattern}: {other:?}"),
    }
}

fn in_class(class: &[(char, char)], c: char) -> bool {
    class
        .binary_search_by(|&(low, high)| {
            if high < c {
                std::cmp::Ordering::Less
            } else if low > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// The words of `text`, as the regex `(?:\p{Lu}\.){2,}|[\p{L}\p{N}]+` finds them: initials
/// with their full stops ("U.S."), or a run of letters and digits. By hand because the
/// regex's per-match overhead was 40% of `find` (a match for every word).
fn words(text: &str) -> Vec<(usize, usize)> {
    let word_char = |c: char| {
        if c.is_ascii() {
            c.is_ascii_alphanumeric()
        } else {
            in_class(&LETTER_OR_DIGIT, c)
        }
    };
    let upper = |c: char| {
        if c.is_ascii() {
            c.is_ascii_uppercase()
        } else {
            in_class(&UPPERCASE, c)
        }
    };
    let mut words = Vec::new();
    let mut at = 0;
    while let Some(rel) = text[at..].find(word_char) {
        let start = at + rel;
        // Initials first, as the regex tries its first alternative first: two or more
        // pairs of a capital and a full stop, as many as there are.
        let (mut initials_end, mut pairs) = (start, 0);
        loop {
            let mut next = text[initials_end..].chars();
            match (next.next(), next.next()) {
                (Some(capital), Some('.')) if upper(capital) => {
                    initials_end += capital.len_utf8() + 1;
                    pairs += 1;
                }
                _ => break,
            }
        }
        let end = if pairs >= 2 {
            initials_end
        } else {
            text[start..]
                .find(|c: char| !word_char(c))
                .map_or(text.len(), |i| start + i)
        };
        words.push((start, end));
        at = end;
    }
    words
}

/// For each word a gazetteer name starts with, the most `words` such a name has.
/// Most capitalised words start no name ("Abdul", "Trump"): one look-up settles them
/// instead of one per possible name length.
static NAME_FIRST_WORDS: LazyLock<HashMap<&'static str, usize>> = LazyLock::new(|| {
    let mut first_words: HashMap<&'static str, usize> = HashMap::default();
    for name in GAZETTEER.names() {
        let words = words(name);
        // A name that does not start with a word can never be looked up.
        let Some(&(0, first_end)) = words.first() else {
            continue;
        };
        let count = words.len();
        let most = first_words.entry(&name[..first_end]).or_default();
        *most = (*most).max(count);
    }
    first_words
});

const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "near",
    "outside",
    "inside",
    "across",
    "around",
    "throughout",
    "into",
    "from",
    "of",
    "on",
    "towards",
    "toward",
    "within",
    "over",
    "to",
];
/// The locatives that name where something went or came from.
const DIRECTION: &[&str] = &["to", "from", "towards", "toward", "into"];
const STRONG_LOCATIVE: &[&str] = &[
    "in",
    "at",
    "near",
    "outside",
    "inside",
    "across",
    "around",
    "throughout",
    "within",
];
const TITLES: &[&str] = &[
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "President",
    "Minister",
    "King",
    "Queen",
    "Prince",
    "General",
    "Gen",
    "Senator",
    "Sen",
    "Rep",
    "Governor",
    "Gov",
    "Judge",
    "Saint",
    "St",
    "Lord",
    "Sir",
    "Sheikh",
    "Pope",
    "Colonel",
    "Col",
    "Captain",
    "Mayor",
    "Secretary",
    "Commander",
];

/// What kind of thing a mention names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MentionKind {
    /// A city, region or country by name.
    Name,
    /// A demonym used as an adjective: "Iraqi officials".
    Adjective,
    /// A plural demonym naming people: "Iraqis".
    People,
    /// An attribute of an actor: "Iran-backed", "U.S.-led".
    Attribute,
}

/// One place name found in the text.
#[derive(Clone, Debug)]
pub struct PlaceMention {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub candidates: Vec<NameRef>,
    pub kind: MentionKind,
    /// Preceded by "in", "at", "near"...
    pub locative: bool,
    /// Preceded by "to", "from", "towards": where something went or came from, weaker
    /// evidence of where the story is than "in".
    pub direction: bool,
    /// "an Egyptian court": a country adjective on one of the country's institutions, which
    /// act at home.
    pub institution: bool,
    /// Used as a stand-in for a government or a party ("Washington said", "between X and Y").
    pub metonym: bool,
    /// A site noun attached to it: "embassy in Baghdad", "Iraqi military base".
    pub site: Option<String>,
    /// For "U.S. embassy": the name is the owner of the site, not where it is.
    pub owner_only: bool,
    /// Inside quotation marks: a speaker's words, not the reporter's placing.
    pub quoted: bool,
}

/// A bare site noun without a place of its own ("the embassy").
#[derive(Clone, Debug)]
pub struct SiteMention {
    pub start: usize,
    pub noun: String,
}

/// Finds place names in `sentence`, which starts at byte `offset` of the article.
pub fn find(sentence: &str, offset: usize) -> (Vec<PlaceMention>, Vec<SiteMention>) {
    let g = &*GAZETTEER;
    let words = words(sentence);
    let mut mentions = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let (ws, we) = words[i];
        if !sentence[ws..].starts_with(char::is_uppercase) {
            i += 1;
            continue;
        }
        let Some(&most_words) = NAME_FIRST_WORDS.get(&sentence[ws..we]) else {
            i += 1;
            continue;
        };
        let mut matched = None;
        for n in (1..=g.max_words().min(most_words).min(words.len() - i)).rev() {
            let end = words[i + n - 1].1;
            let mut candidate = &sentence[ws..end];
            // Keep the full stop of "U.S." and "D.C.".
            if sentence[end..].starts_with('.') && candidate.ends_with(|c: char| c.is_uppercase()) {
                let with_dot = &sentence[ws..end + 1];
                if !g.lookup(with_dot).is_empty() {
                    candidate = with_dot;
                }
            }
            if candidate.contains('\n') {
                continue;
            }
            let refs = g.lookup(candidate);
            if !refs.is_empty() {
                matched = Some((n, candidate.len(), refs.to_vec()));
                break;
            }
        }
        let Some((n, len, refs)) = matched else {
            i += 1;
            continue;
        };
        if let Some(mention) = classify(sentence, offset, ws, ws + len, refs, &words, i, n) {
            mentions.push(mention);
        }
        i += n;
    }
    qualify_cities(sentence, offset, &mut mentions);
    let sites = find_sites(sentence, offset, &mut mentions);
    (mentions, sites)
}

/// "Nashville, Illinois", "Columbus, New Mexico", "Cartagena, Colombia": the region or
/// country after a comma says which city is meant. A city name none of whose namesakes
/// lies there is a smaller town the gazetteer lacks, and is dropped for the region.
fn qualify_cities(sentence: &str, offset: usize, mentions: &mut Vec<PlaceMention>) {
    let g = &*GAZETTEER;
    let mut dropped = Vec::new();
    for i in 1..mentions.len() {
        let (head, tail) = mentions.split_at_mut(i);
        let (city, qualifier) = (&mut head[i - 1], &tail[0]);
        if sentence.get(city.end - offset..qualifier.start - offset) != Some(", ") {
            continue;
        }
        let lies_in = |c: usize| {
            qualifier.candidates.iter().any(|q| match *q {
                NameRef::Country(k) => g.cities[c].country == g.countries[k].iso2,
                NameRef::Region(r) => g.city_lies_in(c, r),
                _ => false,
            })
        };
        let qualifies = qualifier
            .candidates
            .iter()
            .any(|q| matches!(q, NameRef::Country(_) | NameRef::Region(_)));
        if !qualifies
            || !city
                .candidates
                .iter()
                .all(|r| matches!(r, NameRef::City(_)))
        {
            continue;
        }
        let inside: Vec<NameRef> = city
            .candidates
            .iter()
            .copied()
            .filter(|r| matches!(*r, NameRef::City(c) if lies_in(c)))
            .collect();
        // A country name that is also a state's ("Columbus, Georgia") proves nothing.
        let region = qualifier
            .candidates
            .iter()
            .any(|q| matches!(q, NameRef::Region(_)));
        if !inside.is_empty() {
            city.candidates = inside;
        } else if region {
            dropped.push(i - 1);
        }
    }
    for i in dropped.into_iter().rev() {
        mentions.remove(i);
    }
}

#[allow(clippy::too_many_arguments)]
fn classify(
    sentence: &str,
    offset: usize,
    start: usize,
    end: usize,
    refs: Vec<NameRef>,
    words: &[(usize, usize)],
    first_word: usize,
    word_count: usize,
) -> Option<PlaceMention> {
    let text = &sentence[start..end];
    let before = &sentence[..start];
    let after = &sentence[end..];
    let previous_word = first_word
        .checked_sub(1)
        .map(|p| &sentence[words[p].0..words[p].1]);
    let next_word = words
        .get(first_word + word_count)
        .map(|&(s, e)| &sentence[s..e]);
    let sentence_initial = first_word == 0
        || before.trim_end().ends_with(['"', '“', '(', ':']) && before.trim().chars().count() <= 1;

    let only_cities = refs
        .iter()
        .all(|r| matches!(r, NameRef::City(_) | NameRef::Region(_)));
    let is_demonym = refs.iter().all(|r| matches!(r, NameRef::Demonym(_)));

    // Titles and given names before a city name make it a person: "President Jackson".
    if only_cities {
        if previous_word.is_some_and(|w| TITLES.contains(&w)) {
            return None;
        }
        // Inside a longer capitalised name ("Abdul Mahdi", "Washington Post").
        let joined_before = before.ends_with(' ') && !before.trim_end().ends_with([',', ';']);
        // "The Incheon District Court": a determiner opening the sentence is capitalised
        // only because it opens it.
        let opening_determiner = first_word == 1
            && previous_word.is_some_and(|w| ["The", "A", "An", "This", "That"].contains(&w));
        if joined_before
            && !sentence_initial
            && !opening_determiner
            && previous_word.is_some_and(|w| w.starts_with(char::is_uppercase))
            && !LOCATIVE.contains(&previous_word.unwrap_or("").to_lowercase().as_str())
        {
            return None;
        }
        // ...but "Philadelphia Mayor Michael Nutter", "Chicago Police" name the city's
        // offices.
        if after.starts_with(' ')
            && next_word.is_some_and(|w| {
                w.starts_with(char::is_uppercase)
                    && site_at(&after[1..]).is_none()
                    && !CITY_OFFICES.contains(&w)
            })
            && GAZETTEER.lookup(next_word.unwrap_or("")).is_empty()
        {
            return None;
        }
        // Ordinary words, small towns, and names known only as alternates ("Turk" for Angren)
        // need evidence: a locative preposition, or ", Country" after them.
        let g = &*GAZETTEER;
        let weak = refs.iter().all(|r| match r {
            NameRef::City(i) => g.cities[*i].population < 100_000 || g.is_alternate_name(text, *i),
            _ => false,
        });
        let ambiguous = AMBIGUOUS.contains(text);
        if ambiguous || weak {
            let lower_before = before.to_lowercase();
            let locative_before = previous_word
                .is_some_and(|w| STRONG_LOCATIVE.contains(&w.to_lowercase().as_str()))
                || [
                    "town of ",
                    "city of ",
                    "village of ",
                    "district of ",
                    "capital of ",
                    "capital, ",
                ]
                .iter()
                .any(|p| lower_before.ends_with(p));
            let place_after = after.starts_with(", ")
                && words
                    .get(first_word + word_count)
                    .is_some_and(|&(s, e)| !GAZETTEER.lookup(&sentence[s..e]).is_empty());
            let described_after = ["a town", "a city", "a village", "the capital"]
                .iter()
                .any(|p| after.trim_start_matches([',', ' ']).starts_with(p));
            let evidence = locative_before || place_after || described_after;
            // "in March" is a month far more often than the English town.
            let calendar_word = CALENDAR_WORDS.contains(&text);
            if !evidence
                || (ambiguous && sentence_initial && !place_after)
                || (calendar_word && !place_after)
            {
                return None;
            }
        }
    }

    // "Iran-backed", or a private person's nationality ("Paraguayan prosecutor").
    let attribute = ATTRIBUTE_SUFFIXES
        .iter()
        .any(|suffix| after.starts_with(suffix) || text.ends_with(suffix))
        || (is_demonym && ADJECTIVE_ON_PERSON.is_match(after));
    let kind = if attribute {
        MentionKind::Attribute
    } else if is_demonym {
        if text.ends_with('s') && !text.ends_with("ese") {
            MentionKind::People
        } else {
            MentionKind::Adjective
        }
    } else {
        MentionKind::Name
    };

    if let Some(mention) = capital_phrase(sentence, offset, start, end, &refs, kind) {
        return Some(mention);
    }
    // "in western Turkey", "in north-eastern Nigeria": a compass word between the
    // preposition and the name.
    let compass = previous_word.is_some_and(|w| COMPASS.contains(&w.to_lowercase().as_str()));
    let previous_lower = if compass {
        first_word
            .checked_sub(2)
            .map(|p| sentence[words[p].0..words[p].1].to_lowercase())
    } else {
        previous_word.map(str::to_lowercase)
    };
    let locative = (matches!(kind, MentionKind::Name)
        && previous_lower
            .as_deref()
            .is_some_and(|w| LOCATIVE.contains(&w)))
        || (kind == MentionKind::Adjective
            && LOCATIVE_ARTICLE.is_match(before)
            && ADJECTIVE_ON_PLACE.is_match(after));
    // "a US air strike", "Russian troops": the country is the one acting, not the place.
    let actor_country = matches!(kind, MentionKind::Name)
        && refs.iter().all(|r| matches!(r, NameRef::Country(_)))
        && !locative
        && starts_with_force_noun(after);
    let metonym = actor_country
        || before.trim_end().to_lowercase().ends_with("between")
        || (before.trim_end().ends_with(" and")
            && sentence[..start].to_lowercase().contains("between"))
        || after.trim_start().starts_with("and ") && before.to_lowercase().ends_with("between ")
        || starts_with_speech_verb(after);
    let direction = locative
        && previous_lower
            .as_deref()
            .is_some_and(|w| DIRECTION.contains(&w))
        && !ARRIVAL.is_match(before);
    Some(PlaceMention {
        start: offset + start,
        end: offset + end,
        text: text.to_owned(),
        candidates: refs,
        kind,
        locative,
        direction,
        institution: kind == MentionKind::Adjective && ADJECTIVE_ON_INSTITUTION.is_match(after),
        metonym,
        site: None,
        owner_only: false,
        quoted: crate::extract::triggers::inside_quotes(sentence, start),
    })
}

/// "Somalia's capital", "the Indonesian capital": the country's capital city, placed where
/// the phrase stands ("in the Indonesian capital" is locative).
fn capital_phrase(
    sentence: &str,
    offset: usize,
    start: usize,
    end: usize,
    refs: &[NameRef],
    kind: MentionKind,
) -> Option<PlaceMention> {
    let g = &*GAZETTEER;
    let after = &sentence[end..];
    let tail = match kind {
        MentionKind::Name => ["'s capital", "’s capital"]
            .iter()
            .find(|t| after.starts_with(*t))?,
        MentionKind::Adjective => after.starts_with(" capital").then_some(&" capital")?,
        _ => return None,
    };
    let capital = refs.iter().find_map(|r| match r {
        NameRef::Country(i) | NameRef::Demonym(i) => g.capital_of(&g.countries[*i].iso2),
        _ => None,
    })?;
    let before = sentence[..start].to_lowercase();
    let before = before.trim_end();
    let before = before.strip_suffix("the").unwrap_or(before).trim_end();
    let locative = before
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .is_some_and(|w| LOCATIVE.contains(&w));
    let end = end + tail.len();
    Some(capital_mention(
        sentence,
        offset,
        start..end,
        capital,
        locative,
    ))
}

/// A mention of capital city `capital` standing at `span` of the sentence.
fn capital_mention(
    sentence: &str,
    offset: usize,
    span: std::ops::Range<usize>,
    capital: usize,
    locative: bool,
) -> PlaceMention {
    PlaceMention {
        start: offset + span.start,
        end: offset + span.end,
        text: sentence[span.clone()].to_owned(),
        candidates: vec![NameRef::City(capital)],
        kind: MentionKind::Name,
        locative,
        direction: false,
        institution: false,
        metonym: false,
        site: None,
        owner_only: false,
        quoted: crate::extract::triggers::inside_quotes(sentence, span.start),
    }
}

/// "in the capital" with no country named: the capital of the country the article is about.
pub fn bare_capital(
    sentence: &str,
    offset: usize,
    found: &[PlaceMention],
    focus: &Focus,
) -> Option<PlaceMention> {
    static THE_CAPITAL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(in|at|near|across|around|outside|into|of)?\s*\bthe capital\b(\s+of\b|\s+city\s+of\b)?")
            .unwrap_or_else(|e| panic!("{e}"))
    });
    let g = &*GAZETTEER;
    // Most sentences name no capital: a plain search settles them before the pattern runs.
    if !sentence.contains("capital") {
        return None;
    }
    let m = THE_CAPITAL.captures(sentence)?;
    // "the capital of Nigeria, Abuja" names its country: that mention is enough.
    if m.get(2).is_some() {
        return None;
    }
    let whole = m.get(0)?;
    let start = whole.end() - "the capital".len();
    if found
        .iter()
        .any(|p| p.start <= offset + start && offset + start < p.end)
    {
        return None;
    }
    let capital = g.capital_of(focus.country.as_deref()?)?;
    let locative = m
        .get(1)
        .is_some_and(|w| !w.as_str().eq_ignore_ascii_case("of"));
    Some(capital_mention(
        sentence,
        offset,
        start..whole.end(),
        capital,
        locative,
    ))
}

/// Whether the words after a country name are its armed forces or their weapons: "US air
/// strike", "Israel Defense Forces" are someone acting, not a place.
fn starts_with_force_noun(after: &str) -> bool {
    const NOUNS: &[&str] = &[
        "air strike",
        "airstrike",
        "air raid",
        "strike",
        "drone",
        "raid",
        "troops",
        "forces",
        "military",
        "warplane",
        "jet",
        "bombing",
        "missile",
        "soldier",
        "army",
        "navy",
        "aircraft",
        "helicopter",
        "artillery",
        "shelling",
        "bombardment",
        "coalition",
        "special forces",
        "fighter",
        "marines",
        "defense forces",
        "defence forces",
    ];
    let Some(rest) = after.strip_prefix(' ') else {
        return false;
    };
    let rest = rest.to_lowercase();
    NOUNS.iter().any(|n| rest.starts_with(n))
}

/// Whether the sentence continues with a verb of speech or stance: "Tehran said".
fn starts_with_speech_verb(after: &str) -> bool {
    const VERBS: &[&str] = &[
        "said",
        "says",
        "say",
        "accused",
        "blamed",
        "warned",
        "denied",
        "announced",
        "claimed",
        "condemned",
        "insisted",
        "vowed",
        "threatened",
        "has said",
        "has accused",
        "has warned",
        "responded",
        "rejected",
        "demanded",
        "urged",
        "called",
    ];
    let rest = after.trim_start().to_lowercase();
    VERBS.iter().any(|v| {
        rest.starts_with(v)
            && rest[v.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// The site noun at the start of `text`, e.g. "military base" in "military base near...".
/// Compared byte for byte ignoring ASCII case, so offsets stay those of `text`.
fn site_at(text: &str) -> Option<&'static (String, bool)> {
    let first = text.bytes().next()?.to_ascii_lowercase();
    SITES.get(&first)?.iter().find(|(noun, _)| {
        text.len() >= noun.len()
            && text.as_bytes()[..noun.len()].eq_ignore_ascii_case(noun.as_bytes())
            && text.is_char_boundary(noun.len())
            && text[noun.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Attaches site nouns to mentions ("embassy in Baghdad", "Iraqi military base") and
/// returns the bare ones.
fn find_sites(sentence: &str, offset: usize, mentions: &mut [PlaceMention]) -> Vec<SiteMention> {
    let mut bare = Vec::new();
    let mut from = 0;
    while from < sentence.len() {
        let Some(rel) = sentence[from..].find(|c: char| c.is_alphabetic()) else {
            break;
        };
        let at = from + rel;
        let at_word_start = at == 0 || !sentence[..at].ends_with(|c: char| c.is_alphanumeric());
        let site = if at_word_start {
            site_at(&sentence[at..])
        } else {
            None
        };
        let Some((noun, owner)) = site else {
            from = at
                + sentence[at..]
                    .find(|c: char| !c.is_alphanumeric())
                    .unwrap_or(sentence.len() - at);
            continue;
        };
        let noun_end = at + noun.len();
        // "political base", "support base": a figure of speech, not a military base.
        if noun == "base" && FIGURATIVE_BASE.is_match(&sentence[..at]) {
            from = noun_end;
            continue;
        }
        let absolute = offset + at;
        // "Iraqi military base", "U.S. embassy", "Baghdad airport": a name just before.
        let before = mentions.iter_mut().rev().find(|m| {
            m.end <= absolute && {
                let gap = &sentence[m.end - offset..at];
                gap.split_whitespace().count() <= 2 && !gap.contains([',', ';', '.'])
            }
        });
        let mut attached = false;
        if let Some(m) = before {
            m.site = Some(noun.clone());
            // "U.S. embassy", "French consulate": the country owns it, it is not there.
            m.owner_only = *owner
                && (m.kind != MentionKind::Name
                    || m.candidates
                        .iter()
                        .all(|r| matches!(r, NameRef::Country(_))));
            attached = !m.owner_only;
        }
        // "embassy in Baghdad": a locative name just after.
        let after = mentions.iter_mut().find(|m| {
            m.start >= offset + noun_end && {
                let gap = sentence[noun_end..m.start - offset].trim().to_lowercase();
                matches!(
                    gap.as_str(),
                    "in" | "at" | "near" | "outside" | "of" | "in the city of"
                )
            }
        });
        if let Some(m) = after {
            m.site = Some(noun.clone());
            attached = true;
        }
        if !attached {
            bare.push(SiteMention {
                start: absolute,
                noun: noun.clone(),
            });
        }
        from = noun_end;
    }
    bare
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(sentence: &str) -> Vec<String> {
        find(sentence, 0).0.into_iter().map(|m| m.text).collect()
    }

    #[test]
    fn finds_cities_countries_and_demonyms() {
        let found =
            names("Iraqi officials said the embassy in Baghdad was attacked, angering Iran.");
        assert_eq!(found, vec!["Iraqi", "Baghdad", "Iran"]);
    }

    #[test]
    fn ordinary_words_are_not_places_without_evidence() {
        assert!(names("Nice weather helped the rescue.").is_empty());
        assert!(names("Split decisions are common, officials said.").is_empty());
        assert_eq!(
            names("A truck ploughed into a crowd in Nice, France."),
            vec!["Nice", "France"]
        );
    }

    #[test]
    fn a_region_after_a_comma_says_which_city() {
        let g = &*GAZETTEER;
        // Nashville, Tennessee is the gazetteer's only Nashville: not the Illinois town.
        assert_eq!(
            names("Residents of Nashville, Illinois, were told to leave."),
            vec!["Illinois"]
        );
        assert_eq!(
            names("A man from Nashville, Tennessee, was arrested."),
            vec!["Nashville", "Tennessee"]
        );
        // Of the Parises, the one in Texas.
        let (m, _) = find("The raid was in Paris, Texas, on Monday.", 0);
        assert_eq!(m[0].candidates.len(), 1, "{:?}", m[0].candidates);
        let (lat, _) = g.coordinates(m[0].candidates[0]);
        assert!(
            (33.0..34.0).contains(&lat),
            "Paris, Texas is at 33.7 N, not {lat}"
        );
        // "Georgia" is the country's name in the gazetteer: it rules out no Columbus.
        assert_eq!(
            names("The raid was in Columbus, Georgia, on Monday."),
            vec!["Columbus", "Georgia"]
        );
    }

    #[test]
    fn a_countrys_capital_is_its_capital_city() {
        for sentence in [
            "A car bomb exploded in Somalia's capital on Monday.",
            "Gunfire rocked the center of the Somali capital.",
        ] {
            let (m, _) = find(sentence, 0);
            let g = &*GAZETTEER;
            let capital = m
                .iter()
                .find(|m| m.text.ends_with("capital"))
                .expect(sentence);
            assert_eq!(
                capital
                    .candidates
                    .iter()
                    .map(|r| g.canonical_name(*r))
                    .collect::<Vec<_>>(),
                vec!["Mogadishu"],
                "{sentence}"
            );
            assert!(capital.locative, "{sentence}");
        }
    }

    #[test]
    fn a_country_named_before_its_forces_is_not_the_place() {
        let (m, _) = find("Fighters died in a US air strike near Mukalla.", 0);
        let us = m.iter().find(|m| m.text == "US").expect("US is still read");
        assert!(us.metonym);
        let mukalla = m.iter().find(|m| m.text == "Mukalla");
        assert!(mukalla.is_some_and(|m| !m.metonym));
    }

    #[test]
    fn month_names_are_not_towns() {
        assert!(names("He was arrested in March 2023.").is_empty());
        assert!(names("In March, the court charged two officials.").is_empty());
    }

    #[test]
    fn parts_of_person_and_organisation_names_are_not_places() {
        assert!(!names("Adel Abdul Mahdi condemned it.").contains(&"Mahdi".to_owned()));
        assert!(names("The Washington Post reported it.").is_empty());
    }

    #[test]
    fn attributes_and_metonyms_are_marked() {
        let (m, _) = find(
            "US airplanes attacked an Iran-backed militia, a proxy conflict between Washington and Tehran.",
            0,
        );
        let kind = |t: &str| m.iter().find(|x| x.text == t).map(|x| (x.kind, x.metonym));
        assert_eq!(kind("Iran-backed"), Some((MentionKind::Attribute, false)));
        assert_eq!(kind("Washington").map(|k| k.1), Some(true));
        assert_eq!(kind("Tehran").map(|k| k.1), Some(true));
    }

    #[test]
    fn sites_attach_to_their_place_and_owners_are_not_locations() {
        let (m, _) = find("Protesters stormed the U.S. embassy in Baghdad.", 0);
        let us = m.iter().find(|x| x.text == "U.S.").expect("U.S.");
        assert!(us.owner_only);
        let baghdad = m.iter().find(|x| x.text == "Baghdad").expect("Baghdad");
        assert_eq!(baghdad.site.as_deref(), Some("embassy"));
        let (m, _) = find("A missile hit an Iraqi military base.", 0);
        assert_eq!(m[0].site.as_deref(), Some("military base"));
        assert!(!m[0].owner_only);
    }

    #[test]
    fn datelines_name_the_city_the_story_was_filed_from() {
        let city = |t: &str| {
            dateline(t).map(|r| {
                let g = &*GAZETTEER;
                (g.canonical_name(r).to_owned(), g.country_of(r).to_owned())
            })
        };
        assert_eq!(
            city("KABUL A suicide bomber killed"),
            Some(("Kabul".into(), "AF".into()))
        );
        assert_eq!(
            city("CALGARY, Alberta Alberta is racing"),
            Some(("Calgary".into(), "CA".into()))
        );
        assert_eq!(
            city("SEOUL, Aug. 20 (Yonhap) -- North Korea"),
            Some(("Seoul".into(), "KR".into()))
        );
        assert_eq!(
            city(
                "Home » National News\nPolice: Man killed\nBy The Associated Press\nLOUISVILLE, Ky. (AP) — Police"
            ),
            Some(("Louisville".into(), "US".into()))
        );
        assert_eq!(
            city("Markets\nPORTLAND, Ore. — Protesters marched"),
            Some(("Portland".into(), "US".into()))
        );
        assert_eq!(
            city("Nation & World\nThe Associated Press\nDHARAMSALA, India\nSoldiers resumed"),
            Some(("Dharamsala".into(), "IN".into()))
        );
        // Past the first line only a marked dateline counts.
        assert_eq!(city("Weather\nPARIS Nobody knows"), None);
        assert_eq!(city("The US ambassador to Iraq"), None);
        assert_eq!(city("(CNN) -- The storm"), None);
    }

    #[test]
    fn letters_that_change_length_when_lowercased_do_not_break_sites() {
        // 'İ' lowercases to two characters; offsets must stay those of the text.
        let (_, sites) = find("İİİİ protesters reached the embassy İ.", 0);
        assert_eq!(sites.len(), 1);
        assert_eq!(sites[0].noun, "embassy");
    }

    #[test]
    fn bare_sites_are_reported() {
        let (_, sites) = find("They burned a kiosk at the entrance to the embassy.", 0);
        assert_eq!(sites.len(), 1);
        assert_eq!(sites[0].noun, "embassy");
    }
}
