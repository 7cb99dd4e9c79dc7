//! Casualty counts: "at least 25 fighters were killed and 55 injured", "killing seven",
//! "dozens wounded" (12, the way ACLED codes it), "the murder of a US civilian" (1).

use std::sync::LazyLock;

use super::keywords::{Candidates, Group};
use super::pattern::WordRegex;

const NUM: &str = r"(\d{1,3}(?:,\d{3})+|\d+|a dozen|dozens|scores|hundreds|thousands|(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?)|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|(?:a|one|two|three|four|five|several) hundred|(?:a|one|two|three) thousand)";
const QUALIFIER: &str = r"(?:(?:at least|more than|over|nearly|almost|about|around|some|up to|as many as|an estimated|a total of)\s+)?";
const PERSON: &str = r"(?:civilians?|contractors?|soldiers?|man|woman|child|boy|girl|person|people|policem[ae]n|police officers?|officers?|journalists?|reporters?|fighters?|militants?|protesters?|demonstrators?|troops?|guards?|workers?|students?|pilgrims?|members?|citizens?|nationals?|tourists?|americans?|residents?)";

static KILLED: LazyLock<Vec<WordRegex>> = LazyLock::new(|| {
    [
        format!(r"(?i)\b{QUALIFIER}{NUM}\s+(?:[\w-]+\s+){{0,4}}?(?:(?:were|was|have been|had been|are|were reportedly|have|has|had)\s+)?(?:killed|dead|died|slain|murdered|lost their lives|perished|confirmed dead|(?:crushed|trampled|burned|burnt|stabbed|beaten|shot|hacked) to death)\b"),
        format!(r"(?i)\b(?:killing|killed|kills|left)\s+{QUALIFIER}{NUM}\b(?:\s+(?:[\w-]+\s+){{0,2}}?(?:dead|people|{PERSON}))?"),
        format!(r"(?i)\bdeath toll\s+(?:[\w-]+\s+){{0,4}}?(?:to|at|of|reached|hit|stood at)\s+{QUALIFIER}{NUM}\b"),
        format!(r"(?i)\b{QUALIFIER}{NUM}\s+(?:[\w-]+\s+){{0,2}}?(?:deaths|fatalities|bodies)\b"),
        format!(r"(?i)\b(?:killing|killed|murder of|death of|killing of|assassination of|murdered|shot dead|stabbed)\s+(a|an|one)\s+(?:[\w-]+\s+){{0,2}}?{PERSON}\b"),
    ]
    .iter()
    .map(|p| WordRegex::new(p).unwrap_or_else(|e| panic!("{p}: {e}")))
    .collect()
});

static INJURED: LazyLock<Vec<WordRegex>> = LazyLock::new(|| {
    [
        format!(r"(?i)\b{QUALIFIER}{NUM}\s+(?:[\w-]+\s+){{0,4}}?(?:(?:were|was|have been|had been|are|others)\s+)?(?:injured|wounded|hurt|hospitali[sz]ed)\b"),
        format!(r"(?i)\b(?:injuring|wounding|injured|wounded)\s+{QUALIFIER}{NUM}\b"),
    ]
    .iter()
    .map(|p| WordRegex::new(p).unwrap_or_else(|e| panic!("{p}: {e}")))
    .collect()
});

/// The count patterns' keywords (casualty words), KILLED then INJURED, for the sentence's
/// keyword pass (`keywords::scan`).
pub(super) fn keywords() -> impl Iterator<Item = Option<&'static [Vec<u8>]>> {
    KILLED.iter().chain(INJURED.iter()).map(WordRegex::keywords)
}

/// The casualties one sentence reports.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Casualties {
    pub fatalities: Option<u32>,
    pub injured: Option<u32>,
}

/// Finds fatality and injury counts in a sentence (the largest stated of each; its keyword
/// pass is `keywords`).
pub fn find(sentence: &str, keywords: &Candidates<'_>) -> Casualties {
    let may_match = keywords.of(Group::Counts);
    let (killed, injured) = may_match.split_at(KILLED.len());
    Casualties {
        fatalities: largest(&KILLED, killed, sentence),
        injured: largest(&INJURED, injured, sentence),
    }
}

/// `may_match[i]`: whether `patterns[i]` may match (its keywords are in the sentence).
fn largest(patterns: &[WordRegex], may_match: &[bool], sentence: &str) -> Option<u32> {
    patterns
        .iter()
        .zip(may_match)
        .filter(|(_, may)| **may)
        .flat_map(|(p, _)| p.captures_iter(sentence))
        .filter(|c| {
            // "Iran killed an American contractor and injured many," in a quote still counts;
            // a number that is a year or a time does not.
            c.get(0).is_some_and(|m| !m.as_str().contains(':'))
        })
        .filter_map(|c| c.get(1).and_then(|m| parse_number(m.as_str())))
        .filter(|n| *n < 1_000_000 && !(1900..=2100).contains(n))
        .max()
}

/// Reads a count in digits or words; vague plurals get ACLED's conventional values.
pub fn parse_number(text: &str) -> Option<u32> {
    let lower = text.to_lowercase();
    let digits: String = lower.chars().filter(|c| *c != ',').collect();
    if let Ok(n) = digits.parse() {
        return Some(n);
    }
    let unit = |w: &str| -> Option<u32> {
        const UNITS: [&str; 20] = [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ];
        const TENS: [&str; 8] = [
            "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
        ];
        if w == "a" {
            return Some(1);
        }
        if w == "several" {
            return Some(3);
        }
        UNITS
            .iter()
            .position(|u| *u == w)
            .map(|i| i as u32)
            .or_else(|| {
                TENS.iter()
                    .position(|t| *t == w)
                    .map(|i| 20 + 10 * i as u32)
            })
    };
    match lower.as_str() {
        "a dozen" => return Some(12),
        "dozens" => return Some(12),
        "scores" => return Some(20),
        "hundreds" => return Some(100),
        "thousands" => return Some(1000),
        _ => {}
    }
    if let Some((head, scale)) = lower.rsplit_once(' ') {
        let multiplier = match scale {
            "hundred" => 100,
            "thousand" => 1000,
            _ => 0,
        };
        if multiplier > 0 {
            return unit(head).map(|n| n * multiplier);
        }
    }
    if let Some((tens, ones)) = lower.split_once(['-', ' ']) {
        return Some(unit(tens)? + unit(ones)?);
    }
    unit(&lower)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(sentence: &str) -> Casualties {
        super::find(sentence, &super::super::keywords::scan(sentence))
    }

    #[test]
    fn killed_and_injured_in_one_clause() {
        let c = find(
            "Abdul Mahdi has condemned the air strikes in which at least 25 fighters were killed and 55 injured.",
        );
        assert_eq!(
            c,
            Casualties {
                fatalities: Some(25),
                injured: Some(55)
            }
        );
    }

    #[test]
    fn numbers_in_words_and_vague_plurals() {
        assert_eq!(find("The blast killed seven people.").fatalities, Some(7));
        assert_eq!(
            find("Dozens were wounded in the clashes.").injured,
            Some(12)
        );
        assert_eq!(find("Twenty-three soldiers died.").fatalities, Some(23));
        assert_eq!(
            find("The death toll rose to 1,204 on Monday.").fatalities,
            Some(1204)
        );
    }

    #[test]
    fn a_single_victim_counts_as_one() {
        let c = find("It was a response to the murder of a US civilian in a missile attack.");
        assert_eq!(c.fatalities, Some(1));
    }

    #[test]
    fn years_are_not_counts() {
        assert_eq!(
            find("In 2019 killed protesters were remembered.").fatalities,
            None
        );
    }

    #[test]
    fn no_casualties_no_numbers() {
        assert_eq!(find("Seven loud bangs were heard."), Casualties::default());
    }
}
