//! Keywords a regex cannot match without, so that one Aho-Corasick pass over a sentence
//! tells which of many patterns are worth running: most sentences hold none of the words a
//! casualty count or a month name needs, and a lazy-DFA pass per pattern costs more than
//! the one keyword pass for all of them.
//!
//! The keywords are read from the pattern itself (its syntax tree), so a pattern or
//! lexicon edit cannot make them wrong; a pattern that can match without any keyword of at
//! least two bytes has none and always runs.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use regex_syntax::hir::{Class, Hir, HirKind};

/// Finite sets larger than this are given up on (a sequence of classes multiplies out).
const MAX_SET: usize = 64;
/// A class with more characters than this is not spelled out (`\w`, `[0-9]`).
const MAX_CLASS: usize = 4;
/// Shorter keywords occur in nearly every sentence: no use as a filter.
const MIN_KEYWORD: usize = 2;

/// Non-ASCII characters that `(?i)` matches for an ASCII letter (the Kelvin sign for "k",
/// the long s for "s"). Keywords are searched ASCII-case-insensitively, which misses
/// them, so a sentence holding one runs every pattern.
static FOLDS_TO_ASCII: LazyLock<Vec<char>> = LazyLock::new(|| {
    let letters = regex_syntax::parse("(?i)[a-z]").unwrap_or_else(|e| panic!("{e}"));
    match letters.kind() {
        HirKind::Class(Class::Unicode(class)) => class
            .iter()
            .flat_map(|r| r.start()..=r.end())
            .filter(|c| !c.is_ascii())
            .collect(),
        _ => Vec::new(),
    }
});

/// Keywords (ASCII letters lower-cased; compare ASCII-case-insensitively) at least one of
/// which every match of `pattern` contains; `None` if there are no such keywords.
pub fn required(pattern: &str) -> Option<Vec<Vec<u8>>> {
    let hir = regex_syntax::parse(pattern).ok()?;
    let set = analyse(&hir).required?;
    let shortest = set.iter().map(Vec::len).min()?;
    (shortest >= MIN_KEYWORD).then_some(set)
}

/// What a sub-expression tells about the text it matches.
struct Literals {
    /// Every string it can match, when there are few.
    exact: Option<Vec<Vec<u8>>>,
    /// Strings one of which every match contains (never the empty string).
    required: Option<Vec<Vec<u8>>>,
}

fn analyse(hir: &Hir) -> Literals {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => exact(vec![Vec::new()]),
        HirKind::Literal(lit) => exact(vec![lit.0.to_ascii_lowercase()]),
        HirKind::Class(class) => match class_chars(class) {
            Some(set) => exact(set),
            None => Literals {
                exact: None,
                required: None,
            },
        },
        HirKind::Capture(capture) => analyse(&capture.sub),
        HirKind::Repetition(rep) => {
            let sub = analyse(&rep.sub);
            let repeated = match (&sub.exact, rep.max) {
                (Some(one), Some(max)) if max <= 3 => (rep.min..=max)
                    .map(|n| (0..n).try_fold(vec![Vec::new()], |acc, _| product(&acc, one)))
                    .try_fold(Vec::new(), |mut all, set| {
                        all.extend(set?);
                        (all.len() <= MAX_SET).then_some(all)
                    })
                    .map(dedup),
                _ => None,
            };
            let required = if rep.min >= 1 { sub.required } else { None };
            best_of(repeated, required)
        }
        HirKind::Concat(parts) => {
            let parts: Vec<Literals> = parts.iter().map(analyse).collect();
            // Each part's keywords, and each run of parts spelled out in full.
            let mut candidates: Vec<Vec<Vec<u8>>> = Vec::new();
            let mut run: Option<Vec<Vec<u8>>> = Some(vec![Vec::new()]);
            let mut whole: Option<Vec<Vec<u8>>> = Some(vec![Vec::new()]);
            for part in &parts {
                candidates.extend(part.required.clone());
                whole = whole.and_then(|w| product(&w, part.exact.as_ref()?));
                let longer = match (&run, &part.exact) {
                    (Some(r), Some(e)) => product(r, e),
                    _ => None,
                };
                if longer.is_none() {
                    // The run ends here; a part spelled out starts the next one.
                    candidates.extend(run.take().and_then(usable));
                }
                run =
                    longer.or_else(|| Some(part.exact.clone().unwrap_or_else(|| vec![Vec::new()])));
            }
            candidates.extend(run.and_then(usable));
            let required = candidates.into_iter().max_by_key(|c| score(c));
            best_of(whole, required)
        }
        HirKind::Alternation(alternatives) => {
            let alternatives: Vec<Literals> = alternatives.iter().map(analyse).collect();
            let exact_all = alternatives
                .iter()
                .try_fold(Vec::new(), |mut all, a| {
                    all.extend(a.exact.clone()?);
                    (all.len() <= MAX_SET).then_some(all)
                })
                .map(dedup);
            let required = alternatives
                .into_iter()
                .try_fold(Vec::new(), |mut all, a| {
                    all.extend(a.required?);
                    Some(all)
                })
                .map(dedup);
            best_of(exact_all, required)
        }
    }
}

fn exact(set: Vec<Vec<u8>>) -> Literals {
    let set = dedup(set);
    Literals {
        required: usable(set.clone()),
        exact: Some(set),
    }
}

/// An exact set and a required set: the better of the two as required.
fn best_of(exact: Option<Vec<Vec<u8>>>, required: Option<Vec<Vec<u8>>>) -> Literals {
    let from_exact = exact.clone().and_then(usable);
    let required = match (from_exact, required) {
        (Some(a), Some(b)) => Some(if score(&a) >= score(&b) { a } else { b }),
        (a, b) => a.or(b),
    };
    Literals { exact, required }
}

/// A set is a keyword set only if it has no empty string (that would be in every text).
fn usable(set: Vec<Vec<u8>>) -> Option<Vec<Vec<u8>>> {
    (!set.is_empty() && set.iter().all(|s| !s.is_empty())).then_some(set)
}

/// Longer keywords filter better (up to a point); then fewer of them.
fn score(set: &[Vec<u8>]) -> (usize, std::cmp::Reverse<usize>) {
    let shortest = set.iter().map(Vec::len).min().unwrap_or(0);
    (shortest.min(5), std::cmp::Reverse(set.len()))
}

fn product(left: &[Vec<u8>], right: &[Vec<u8>]) -> Option<Vec<Vec<u8>>> {
    if left.len() * right.len() > MAX_SET {
        return None;
    }
    let mut out = Vec::with_capacity(left.len() * right.len());
    for l in left {
        for r in right {
            out.push([l.as_slice(), r.as_slice()].concat());
        }
    }
    Some(dedup(out))
}

fn dedup(mut set: Vec<Vec<u8>>) -> Vec<Vec<u8>> {
    set.sort();
    set.dedup();
    set
}

/// The strings a small class matches: ASCII letters lower-cased, the characters that case
/// fold to ASCII left out (a sentence holding one runs every pattern).
fn class_chars(class: &Class) -> Option<Vec<Vec<u8>>> {
    let mut out: Vec<Vec<u8>> = Vec::new();
    match class {
        Class::Unicode(class) => {
            for range in class.iter() {
                if (range.end() as u32 - range.start() as u32) as usize >= 2 * MAX_CLASS {
                    return None;
                }
                for c in range.start()..=range.end() {
                    if FOLDS_TO_ASCII.contains(&c) {
                        continue;
                    }
                    let mut buf = [0; 4];
                    out.push(c.encode_utf8(&mut buf).as_bytes().to_ascii_lowercase());
                }
            }
        }
        Class::Bytes(class) => {
            for range in class.iter() {
                if (range.end() - range.start()) as usize >= 2 * MAX_CLASS {
                    return None;
                }
                out.extend((range.start()..=range.end()).map(|b| vec![b.to_ascii_lowercase()]));
            }
        }
    }
    let out = dedup(out);
    (!out.is_empty() && out.len() <= MAX_CLASS).then_some(out)
}

/// The groups of patterns whose keywords are searched together, in one pass per sentence.
#[derive(Clone, Copy, Debug)]
pub enum Group {
    /// The trigger lexicon's lines.
    Triggers,
    /// The word-based date patterns.
    Dates,
    /// The casualty counts: killed, then injured.
    Counts,
    /// The role groups of actors ("security forces").
    Actors,
}

/// One keyword pass over a sentence for every group of patterns: which of them may match.
static SENTENCE_KEYWORDS: LazyLock<Prefilter> = LazyLock::new(|| {
    Prefilter::new(vec![
        super::triggers::keywords().collect(),
        super::dates::keywords().collect(),
        super::numbers::keywords().collect(),
        super::actors::keywords().collect(),
    ])
});

/// Which patterns of each group may match `sentence`.
pub fn scan(sentence: &str) -> Candidates<'static> {
    SENTENCE_KEYWORDS.candidates(sentence)
}

/// One keyword pass for several groups of patterns: which of them may match a text.
pub struct Prefilter {
    searcher: AhoCorasick,
    /// For each keyword, the patterns that need it (numbered across all groups).
    owners: Vec<Vec<usize>>,
    /// Patterns without keywords: they always run.
    always: Vec<usize>,
    /// Where each group's patterns end in the numbering.
    ends: Vec<usize>,
}

/// For each pattern of each group, whether it may match the text searched (false: it
/// certainly does not).
pub struct Candidates<'a> {
    may: Vec<bool>,
    /// The prefilter's group ends.
    ends: &'a [usize],
}

impl Candidates<'_> {
    /// The group's patterns, in their order.
    pub fn of(&self, group: Group) -> &[bool] {
        let g = group as usize;
        let start = if g == 0 { 0 } else { self.ends[g - 1] };
        &self.may[start..self.ends[g]]
    }
}

impl Prefilter {
    /// For each group, for each of its patterns, the keywords from `required`.
    pub fn new(groups: Vec<Vec<Option<&[Vec<u8>]>>>) -> Prefilter {
        let mut words: Vec<Vec<u8>> = Vec::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        let mut always = Vec::new();
        let mut ends = Vec::new();
        let mut i = 0;
        for group in groups {
            for set in group {
                match set {
                    None => always.push(i),
                    Some(set) => {
                        for word in set {
                            match words.iter().position(|w| w == word) {
                                Some(at) => owners[at].push(i),
                                None => {
                                    words.push(word.clone());
                                    owners.push(vec![i]);
                                }
                            }
                        }
                    }
                }
                i += 1;
            }
            ends.push(i);
        }
        let searcher = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&words)
            .unwrap_or_else(|e| panic!("keyword prefilter: {e}"));
        Prefilter {
            searcher,
            owners,
            always,
            ends,
        }
    }

    /// For each pattern, whether it may match `text`.
    pub fn candidates(&self, text: &str) -> Candidates<'_> {
        let len = self.ends.last().copied().unwrap_or(0);
        let ends = &self.ends;
        if !text.is_ascii() && text.chars().any(|c| FOLDS_TO_ASCII.contains(&c)) {
            return Candidates {
                may: vec![true; len],
                ends,
            };
        }
        let mut may = vec![false; len];
        for &i in &self.always {
            may[i] = true;
        }
        for m in self.searcher.find_overlapping_iter(text) {
            for &i in &self.owners[m.pattern().as_usize()] {
                may[i] = true;
            }
        }
        Candidates { may, ends }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(pattern: &str) -> Option<Vec<String>> {
        required(pattern).map(|set| {
            set.into_iter()
                .map(|w| String::from_utf8_lossy(&w).into_owned())
                .collect()
        })
    }

    #[test]
    fn keywords_are_read_from_the_pattern() {
        assert_eq!(
            words(r"(?i)\b(?:air ?strikes?|bombed)\b"),
            Some(
                [
                    "air strike",
                    "air strikes",
                    "airstrike",
                    "airstrikes",
                    "bombed"
                ]
                .map(String::from)
                .to_vec()
            )
        );
        assert_eq!(
            words(r"\b\d+\s+(?i:killed|dead)\b"),
            Some(vec!["dead".into(), "killed".into()])
        );
        // Can match without a keyword: always runs.
        assert_eq!(words(r"(?i)\b(?:\w+s|attack)\b"), None);
        assert_eq!(words(r"\b\d{4}-\d\d\b"), None);
    }

    #[test]
    fn only_the_kelvin_sign_and_long_s_fold_to_ascii_letters() {
        assert_eq!(*FOLDS_TO_ASCII, vec!['\u{17F}', '\u{212A}']);
    }
}
