//! Event triggers: the words that say something happened ("air strikes", "were evacuated"),
//! from the lexicon in `assets/lexicon/triggers.tsv`, with the context that changes their
//! meaning (hypothetical, quoted, a definite reference to an event already reported).

use std::sync::LazyLock;

use crate::model::EventType;

use super::keywords::{Candidates, Group};
use super::pattern::WordRegex;

static TRIGGERS_TSV: &str = include_str!("../../assets/lexicon/triggers.tsv");

struct Lexeme {
    event_type: EventType,
    weight: u8,
    regex: WordRegex,
}

static LEXICON: LazyLock<Vec<Lexeme>> = LazyLock::new(|| {
    TRIGGERS_TSV
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|line| {
            let mut cols = line.splitn(3, '\t');
            let event_type = EventType::from_key(cols.next()?.trim())?;
            let weight = cols.next()?.trim().parse().ok()?;
            let pattern = cols.next()?.trim();
            let regex = WordRegex::new(&format!(r"(?i)\b(?:{pattern})\b")).ok()?;
            Some(Lexeme {
                event_type,
                weight,
                regex,
            })
        })
        .collect()
});

/// Each lexicon line's keywords, for the sentence's keyword pass (`keywords::scan`).
pub(super) fn keywords() -> impl Iterator<Item = Option<&'static [Vec<u8>]>> {
    LEXICON.iter().map(|l| l.regex.keywords())
}

/// Words before a trigger that make it something that did not (yet) happen.
static HYPOTHETICAL: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)\b(planning|plans?|planned|threaten(?:s|ed|ing)? to|could|would|may|might|if|will|to prevent|fears? of|warn(?:s|ed|ing)? of|warn(?:s|ed)? (?:that|against)|no|not|never|risk of|avoid(?:s|ed|ing)?|to deter|designed to|meant to|possible|potential|threat of|calls? for|called for|urged|demand(?:ed|s)?|seeking|sought|want(?:s|ed)? to|ready to|prepared to|intend(?:s|ed)? to|prepar(?:e|es|ed|ing) (?:for|to)|aims? to|vow(?:s|ed)? to|expected to|likely to|unless|deny|denied|to be)\b[^.;,]{0,40}$")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// An attempt ("had tried before to arrest them"): no arrest happened, but an attempt at
/// violence ("protesters tried to storm the building") is itself a riot or an attack.
static ATTEMPT: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)\b(?:tr(?:y|ies|ied|ying)(?: before| again| repeatedly| unsuccessfully)? to|attempt(?:s|ed|ing)? to)\b[^.;,]{0,40}$")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// Words after a trigger that make it a forecast: "thunderstorms were forecast to
/// continue", "the heat wave was expected to spread".
static FORECAST: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)^(?:\s+[\w-]+){0,2}?\s+(?:was|were|is|are)\s+(?:forecast|expected|predicted|likely)\s+to\b")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// "No group claimed responsibility for the explosion; such attacks are common": the
/// sentence speaks of the attack already told, or of attacks in general.
static RESPONSIBILITY: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)\b(claim(?:ed|s)? (?:of )?responsibility|such attacks)\b")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// "blamed on", "accused of": what follows a participle of blame.
static BLAME_PARTICIPLE: LazyLock<WordRegex> =
    LazyLock::new(|| WordRegex::new(r"(?i)^\s+(on|of|for)\b").unwrap_or_else(|e| panic!("{e}")));

/// "a landslide victory": an election's margin, not a disaster.
static LANDSLIDE_WIN: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)^\s+(victory|victories|win|wins|re-?election|election|majority|defeat|vote|mandate)\b")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// What follows "riot" when it names police equipment or units.
static RIOT_EQUIPMENT: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(
        r"(?i)^\s+(gear|police|policemen|officers|squads?|shields?|control|units?|act|vans?)\b",
    )
    .unwrap_or_else(|e| panic!("{e}"))
});

/// What follows "plunged" when a country plunged (or plunged the region) into crisis: a
/// figure of speech.
static INTO_A_STATE: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)^\s+(?:(?:the|its|their|his|her|a)\s+(?:[\w-]+\s+){0,2}?)?into\s+(?:a\s+|an\s+|the\s+)?(?:[\w-]+\s+){0,3}?(?:crisis|chaos|turmoil|uncertainty|darkness|recession|violence|conflict|war|poverty|debt|disarray|mourning|despair)\b")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// What follows "plunged" when a figure fell: "popularity has plunged to its lowest".
static TO_A_FIGURE: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)^\s+(?:to|by|from|below|more than|almost|nearly)\s+(?:(?:its|their|a|an|the|all-time|record|new)\s+)*(?:lowest|low|lows|record|level|\d|\$|one|two|three|four|five|ten|half|a third|a quarter)")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// What comes before "attack" when the body attacked: "died of a heart attack".
static MEDICAL: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)\b(?:heart|cardiac|panic|asthma|anxiety|epileptic)\s+$")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// What follows "deal" when it is the verb: "had to deal with a fourth night of riots".
static DEAL_WITH: LazyLock<WordRegex> =
    LazyLock::new(|| WordRegex::new(r"(?i)^\s+with\b").unwrap_or_else(|e| panic!("{e}")));

/// What follows "ceasefire" when it was broken: firing, not an agreement.
static BROKEN: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)^\s+(?:violations?|breach(?:es)?|violators?)\b")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// What follows "agreed to" when one side agreed to do something itself: "agreed to step
/// down" is a resignation, not an agreement.
static ONE_SIDED: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)^\s+(?:step down|stand down|resign|quit|leave|testify|pay|plead|appear|be\b|return|accept|review|consider|investigate|delay|postpone|help|allow|let|provide|send|sell|buy|give|hand over|extradite|cooperate|reimburse|refund)")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// A named operation ("Operation Peace Storm", "Operation Volcano of Rage"): its words name
/// it, they report no storm or volcano.
static OPERATION_NAME: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"\bOperation(?:\s+\p{Lu}[\p{L}'-]*|\s+of|\s+the)*\s+$")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// What comes before "procession" when it is a funeral's: no protest.
static FUNERAL: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)\b(?:funeral|burial|religious|wedding|royal|torch|carnival)\s+$")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// What follows "demonstrated" when it means "showed": "his ratings demonstrated that".
static SHOWED: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)^\s+(?:that|how|what|why|its|his|her|their|a|an|the|strong|clear|great)\b")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// What follows "storm" when it is the verb: "tried to storm the city administration".
static STORM_THE: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)^\s+(?:the|its|their|into)\s").unwrap_or_else(|e| panic!("{e}"))
});

/// What comes before "projectiles" when a crowd threw them: stones, not shells.
static THROWN: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)\b(?:threw|throwing|thrown|hurled|hurling|pelted|pelting|tossed|tossing|lobbed|flung)\s+(?:[\w-]+\s+){0,4}$")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// What follows "raided" when the police raided: policing, not an attack.
static BY_POLICE: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(
        r"(?i)^\s+by\s+(?:the\s+)?(?:police|policemen|officers|agents|authorities|detectives)\b",
    )
    .unwrap_or_else(|e| panic!("{e}"))
});

/// "The seven militants who killed 20 people": a relative clause on a definite noun tells
/// who they are by a happening already known, it does not report a new one.
static RELATIVE_REFERENCE: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)\b(?:the|these|those)\s+(?:[\w-]+\s+){0,3}(?:who|that|which)\s+(?:had\s+|have\s+|has\s+)?$")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// "most of those killed were Germans": a participle after "those" names the victims of a
/// happening already told.
static THOSE: LazyLock<WordRegex> =
    LazyLock::new(|| WordRegex::new(r"(?i)\bthose\s+$").unwrap_or_else(|e| panic!("{e}")));

/// Words that mark a trigger as a reference to an event told elsewhere.
static DEFINITE: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)\b(the|this|that|these|those|its|their|his|her|(?:sunday|monday|tuesday|wednesday|thursday|friday|saturday)(?: night| morning| evening| afternoon)?['’]s|yesterday's|last week's|recent)\s+(?:[\w-]+\s+){0,2}$")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// "reported that shelling hit": "that" after a verb of saying opens a clause, it does not
/// point back to something told.
static COMPLEMENTIZER: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)\b(?:said|says|say|reported|reports|report|claimed|claims|announced|warned|added|stated|confirmed|believes?|believed|feared|fears|noted|showed|shows|suggest(?:s|ed)?|indicated|revealed|insisted|argued|denied|alleged|acknowledged|explained|thought|knew|learned|heard|clear)\s+that\s+(?:[\w-]+\s+){0,2}$")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// "was blamed", "has been hailed": something said about someone, not a statement made.
static PASSIVE: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)\b(was|were|been|be|being|is|are)\s+(?:\w+ly\s+)?$")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// Someone who can make a statement: a name, an office or an institution before the verb.
static SPEAKER: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(\p{Lu}[\p{L}'’.-]+|(?i:officials?|ministry|minister|government|president|spokesm[ae]n|spokeswoman|spokesperson|police|army|military|authorities|agency|council|commission|office|embassy|leader|chief|governor|mayor|prime minister|secretary|party|opposition|group|organi[sz]ation|paper|newspaper|he|she|they|we))\b")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// Legal wording around a crime names the case, not a new happening.
static LEGAL: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)\b(charged? (?:with|of)|charges? of|accused of|suspected of|convicted of|guilty of|trial (?:for|over)|investigation into|probe into|in connection with|sentenced for|acquitted of)\s+(?:[\w'’-]+\s+){0,3}$")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// Articles that introduce a new happening.
static INDEFINITE: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)\b(a|an|another|a second|a new|a separate|a fresh)\s+(?:[\w-]+\s+){0,2}$")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// Crowd words: an attack by them is a riot.
static CROWD: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)\b(protesters|protestors|demonstrators|crowds?|mobs?|rioters|supporters|students|youths)\b")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// Statement verbs that make a statement an event by themselves; plain "said" does not.
const STRONG_STATEMENT: &[&str] = &[
    "posted on",
    "wrote on",
    "addressing",
    "addressed",
    "painted",
    "blasted",
    "slammed",
    "lashed out",
    "hailed",
    "welcomed",
    "praised",
    "appealed",
    "reiterated",
    "expressed",
    "acknowledged",
    "confirmed",
    "insisted",
    "accused",
    "condemn",
    "denounced",
    "warned",
    "announced",
    "vowed",
    "tweeted",
    "in a tweet",
    "in a statement",
    "declared",
    "called on",
    "called for",
    "urged",
    "blamed",
    "criticized",
    "criticised",
    "threatened",
    "pledged",
    "demanded",
    "rejected",
    "claimed responsibility",
    "press conference",
    "speech",
    "televised",
    "voiced",
    "called out",
    "annual",
    "state of the",
    "national",
    "inaugural",
    "keynote",
    "new year",
    "victory",
    "acceptance",
    "address to",
    "lauded",
    "commended",
    "applauded",
    "reacted",
    "called a news",
    "held a news",
    "gave a news",
    "news conference",
    "appeared on",
    "was ",
    "were ",
    "is ",
    "are ",
];

/// One trigger found in a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct Trigger {
    pub event_type: EventType,
    pub weight: u8,
    /// Byte range within the sentence.
    pub start: usize,
    pub end: usize,
    pub hypothetical: bool,
    pub quoted: bool,
    /// "the attack", "the air strikes": points back to an event already told.
    pub definite: bool,
    /// A statement verb strong enough to make an event on its own.
    pub strong: bool,
    /// A statement verb in the passive ("was condemned", "has been repeatedly hailed"):
    /// someone spoken of, not speaking.
    pub passive: bool,
    /// "a missile attack", "another bombing": introduces a new happening.
    pub indefinite: bool,
    /// A verb ("attacked", "took to the streets") rather than a noun ("the attack").
    pub verb: bool,
}

/// What comes before "storm" when it is a figure of speech: "a political storm".
static FIGURE_OF_SPEECH: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)(?:^|\s)(?:political|diplomatic|media|perfect)\s* $")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// Which side of a trigger word its context is read on.
enum Side {
    Before,
    After,
}

/// Whether a trigger word is something else by what stands next to it: "riot police" and
/// "riot gear" are equipment, "bombings blamed on the group" and "the man accused of murder"
/// are participles of blame, "a landslide victory" is an election's margin, "a party raided
/// by police" is policing, a country "plunged into crisis" or popularity "plunged to its
/// lowest" is not a vehicle, "hurled stones and other projectiles" are no shells, "a heart
/// attack" is no assault, "had to deal with" makes no deal, a "ceasefire violation" or a
/// government that "agreed to step down" is no agreement, a funeral procession no protest,
/// "Operation Peace Storm" no storm, ratings that "demonstrated that" no protest, "a political
/// storm" is no weather, and "Marine Le Pen's National Rally" (a capitalised "Rally" after a
/// capitalised word) names a party.
fn not_a_trigger(event_type: EventType, word: &str, before: &str, after: &str) -> bool {
    let exceptions: [(EventType, &[&str], Side, &WordRegex); 15] = [
        (EventType::Riot, &["riot"], Side::After, &RIOT_EQUIPMENT),
        (
            EventType::Statement,
            &["blamed", "accused"],
            Side::After,
            &BLAME_PARTICIPLE,
        ),
        (
            EventType::Disaster,
            &["landslide"],
            Side::After,
            &LANDSLIDE_WIN,
        ),
        (
            EventType::Attack,
            &["raided", "raid"],
            Side::After,
            &BY_POLICE,
        ),
        (
            EventType::Disaster,
            &["plunged"],
            Side::After,
            &INTO_A_STATE,
        ),
        (
            EventType::Disaster,
            &["storm"],
            Side::Before,
            &FIGURE_OF_SPEECH,
        ),
        (EventType::Disaster, &["storm"], Side::After, &STORM_THE),
        (
            EventType::Disaster,
            &["plunged", "plummeted"],
            Side::After,
            &TO_A_FIGURE,
        ),
        (
            EventType::ShellingMissile,
            &["projectiles", "projectile"],
            Side::Before,
            &THROWN,
        ),
        (
            EventType::Attack,
            &["attack", "attacks"],
            Side::Before,
            &MEDICAL,
        ),
        (EventType::Agreement, &["deal"], Side::After, &DEAL_WITH),
        (
            EventType::Agreement,
            &["ceasefire", "cease-fire", "truce"],
            Side::After,
            &BROKEN,
        ),
        (
            EventType::Agreement,
            &["agreed to"],
            Side::After,
            &ONE_SIDED,
        ),
        (
            EventType::Protest,
            &["demonstrated", "demonstrates", "demonstrating"],
            Side::After,
            &SHOWED,
        ),
        (
            EventType::Protest,
            &["procession", "processions"],
            Side::Before,
            &FUNERAL,
        ),
    ];
    let party = event_type == EventType::Protest
        && word == "Rally"
        && before
            .strip_suffix(' ')
            .and_then(|b| b.split_whitespace().next_back())
            .is_some_and(|w| w.starts_with(|c: char| c.is_uppercase()));
    // Capitalised inside an operation's name.
    let named = word.starts_with(char::is_uppercase) && OPERATION_NAME.is_match(before);
    party
        || named
        || exceptions.iter().any(|(t, words, side, context)| {
            *t == event_type
                && words.iter().any(|w| word.eq_ignore_ascii_case(w))
                && context.is_match(match side {
                    Side::Before => before,
                    Side::After => after,
                })
        })
}

/// How much of the text before a trigger its context patterns read: they end at the
/// trigger and reach back a few words (the longest, "planning ... up to forty characters",
/// well within this).
const CONTEXT_BYTES: usize = 120;

/// The last words of `before`, cut at a word boundary, so that a pattern anchored at the
/// trigger does not scan the whole sentence again for every trigger.
fn last_words(before: &str) -> &str {
    if before.len() <= CONTEXT_BYTES {
        return before;
    }
    let cut = before.floor_char_boundary(before.len() - CONTEXT_BYTES);
    match before[cut..].find(char::is_whitespace) {
        Some(space) => &before[cut + space..],
        None => &before[cut..],
    }
}

/// Finds triggers in one sentence (whose keyword pass is `keywords`), longest match first
/// where they overlap.
pub fn find(sentence: &str, keywords: &Candidates<'_>) -> Vec<Trigger> {
    let mut found: Vec<Trigger> = Vec::new();
    let may_match = keywords.of(Group::Triggers);
    for (lexeme, _) in LEXICON.iter().zip(may_match).filter(|(_, may)| **may) {
        for m in lexeme.regex.find_iter(sentence) {
            let before = &sentence[..m.start()];
            // The patterns read on `near` look at the last few words only.
            let near = last_words(before);
            if not_a_trigger(lexeme.event_type, m.as_str(), near, &sentence[m.end()..]) {
                continue;
            }
            let words = m.as_str().to_lowercase();
            let mut event_type = lexeme.event_type;
            let mut weight = lexeme.weight;
            // An attack by a crowd, or a clash with one, is a riot.
            if (event_type == EventType::Attack && CROWD.is_match(before))
                || (event_type == EventType::ArmedClash && CROWD.is_match(sentence))
            {
                event_type = EventType::Riot;
                weight = 4;
            }
            let passive = event_type == EventType::Statement && PASSIVE.is_match(near);
            found.push(Trigger {
                event_type,
                weight,
                start: m.start(),
                end: m.end(),
                hypothetical: HYPOTHETICAL.is_match(near)
                    || (ATTEMPT.is_match(near)
                        && !matches!(
                            event_type,
                            EventType::Riot | EventType::Attack | EventType::ArmedClash
                        ))
                    || FORECAST.is_match(&sentence[m.end()..]),
                quoted: inside_quotes(sentence, m.start()),
                definite: (DEFINITE.is_match(near)
                    && !COMPLEMENTIZER.is_match(near)
                    && !is_verb_phrase(&words))
                    || LEGAL.is_match(near)
                    || RELATIVE_REFERENCE.is_match(near)
                    || (THOSE.is_match(near) && words.ends_with("ed")),
                indefinite: INDEFINITE.is_match(near),
                verb: is_verb_phrase(&words),
                strong: event_type == EventType::Statement
                    && STRONG_STATEMENT.iter().any(|s| words.starts_with(s))
                    && !passive
                    && SPEAKER.is_match(before),
                passive,
            });
        }
    }
    if !found.is_empty() && RESPONSIBILITY.is_match(sentence) {
        for t in found.iter_mut() {
            t.definite = true;
        }
    }
    // "condemned the incident, calling it a terrorist attack": a noun after a statement
    // names what the speaker speaks of, not a new happening.
    let first_statement = found
        .iter()
        .filter(|t| t.event_type == EventType::Statement && t.strong)
        .map(|t| t.start)
        .min();
    if let Some(said_at) = first_statement {
        for t in found.iter_mut() {
            if t.event_type.is_violent() && !t.verb && t.start > said_at {
                t.definite = true;
                t.indefinite = false;
            }
        }
    }
    // Overlaps: keep the longer match, then the heavier one.
    found.sort_by_key(|t| {
        (
            t.start,
            std::cmp::Reverse(t.end - t.start),
            std::cmp::Reverse(t.weight),
        )
    });
    let mut kept: Vec<Trigger> = Vec::new();
    for t in found {
        if kept.last().is_some_and(|k| t.start < k.end) {
            continue;
        }
        kept.push(t);
    }
    kept
}

/// Verb forms ("attacked", "took to the streets") report; only nouns can refer back.
fn is_verb_phrase(words: &str) -> bool {
    const VERBS: &[&str] = &[
        "took",
        "take",
        "opened",
        "set",
        "went",
        "threw",
        "fled",
        "were",
        "shot",
        "gunned",
        "carried",
        "launched",
        "struck",
        "captured",
        "seized",
        "exchanged",
        "broke",
        "rounded",
        "taken",
        "agreed",
        "signed",
        "sank",
        "won",
        "sworn",
        "reached",
        "withdrew",
        "withdrawn",
        "killing",
        "stabbed",
        "burned",
        "smashed",
        "dispersed",
        "disperse",
        "planes",
        "jets",
        "airplanes",
    ];
    let first = words.split_whitespace().next().unwrap_or("");
    first.ends_with("ed") || VERBS.contains(&first)
}

/// Whether byte `at` lies inside a quotation in the sentence.
pub fn inside_quotes(sentence: &str, at: usize) -> bool {
    let before = &sentence[..at];
    let straight = before.matches('"').count();
    let open = before.matches('“').count();
    let close = before.matches('”').count();
    straight % 2 == 1 || open > close
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(sentence: &str) -> Vec<Trigger> {
        super::find(sentence, &super::super::keywords::scan(sentence))
    }

    #[test]
    fn every_lexicon_line_is_keyed_on_words() {
        // A line without keywords runs on every sentence and costs extraction speed.
        for lexeme in LEXICON.iter() {
            assert!(
                lexeme.regex.keywords().is_some(),
                "{:?} has no keywords",
                lexeme.event_type
            );
        }
    }

    fn types(sentence: &str) -> Vec<EventType> {
        find(sentence).iter().map(|t| t.event_type).collect()
    }

    #[test]
    fn air_strikes_and_missile_attacks_are_typed_specifically() {
        assert_eq!(
            types("US airplanes attacked bases of a militia."),
            vec![EventType::AirStrike]
        );
        assert!(types("a missile attack on a base").contains(&EventType::ShellingMissile));
    }

    #[test]
    fn an_attack_by_a_crowd_is_a_riot() {
        let t = find("thousands of demonstrators attacked the gate");
        let attacked = t.iter().find(|t| t.start == 27).expect("attacked");
        assert_eq!(attacked.event_type, EventType::Riot);
    }

    #[test]
    fn riot_police_are_not_a_riot_but_thrown_bottles_are() {
        let types_here = types("Police in riot gear used pepper spray on protesters.");
        assert!(types_here.contains(&EventType::Protest));
        assert!(!types_here.contains(&EventType::Riot));
        assert!(types("Protesters hurled bottles and cans at police.").contains(&EventType::Riot));
    }

    #[test]
    fn planned_attacks_are_hypothetical() {
        let t = find("Iran is now planning an attack on the US embassy.");
        assert!(
            t.iter()
                .any(|t| t.event_type == EventType::Attack && t.hypothetical)
        );
    }

    #[test]
    fn definite_references_are_marked() {
        let t = find("Abdul Mahdi has condemned the air strikes.");
        let strike = t
            .iter()
            .find(|t| t.event_type == EventType::AirStrike)
            .expect("strike");
        assert!(strike.definite);
        let statement = t
            .iter()
            .find(|t| t.event_type == EventType::Statement)
            .expect("statement");
        assert!(statement.strong);
    }

    #[test]
    fn quoted_words_are_marked() {
        let t = find("\"Iran killed an American contractor,\" Trump said.");
        assert!(
            t.iter()
                .any(|t| t.event_type == EventType::Killing && t.quoted)
        );
        assert!(
            t.iter()
                .any(|t| t.event_type == EventType::Statement && !t.quoted)
        );
    }

    #[test]
    fn a_relative_clause_on_a_definite_noun_refers_back() {
        let t = find("The seven militants who killed 20 people were local Bangladeshis.");
        assert!(t.iter().all(|t| t.definite), "{t:?}");
        let t = find("Militants killed 20 people at a restaurant.");
        assert!(t.iter().all(|t| !t.definite), "{t:?}");
        let t = find("Officials said most of those killed were Germans.");
        assert!(
            t.iter()
                .any(|t| t.event_type == EventType::Killing && t.definite),
            "{t:?}"
        );
    }
}
