//! What one sentence reports: its mentions of happenings, each with the type, date, place,
//! casualties and speaker the sentence gives it, and whether it is the sentence's main
//! report, a reference to one told before, or a plain "said" that makes no event.

use std::sync::LazyLock;

use crate::model::{EventDate, EventType, Place};

use super::numbers::Casualties;
use super::pattern::WordRegex;
use super::{SentenceFacts, takes_casualties};

/// One sentence's report of a happening.
#[derive(Clone, Debug)]
pub(super) struct Mention {
    pub sentence: usize,
    pub event_type: EventType,
    pub weight: u8,
    /// The sentence's main happening (else it only joins an event told elsewhere).
    pub primary: bool,
    /// "the air strikes": a reference to an event already told.
    pub definite: bool,
    /// A plain "said": joins a statement by the same speaker, never makes one.
    pub weak: bool,
    /// "a missile attack": a new happening, not more about one just told.
    pub indefinite: bool,
    /// "took to the streets daily": an ongoing pattern, not one happening.
    pub habitual: bool,
    /// The date comes from the sentence's own words, not carried from the ones before.
    pub date_own: bool,
    /// Its own words date it more than a month before publication ("arrested in 1993").
    pub past: bool,
    pub date: Option<EventDate>,
    pub place: Option<(Place, f64)>,
    /// The sentence's place, kept for a reference that turns out to start an event of its
    /// own ("Thursday's demonstrations ... at a Dallas rally").
    pub own_place: Option<(Place, f64)>,
    pub casualties: Casualties,
    pub actors: Vec<String>,
    pub speaker: Option<String>,
    /// Told in the lead paragraph a scraper put in the header: it adds its facts to the
    /// event the body reports, and is the evidence only of one the body does not report.
    pub lead_in: bool,
    /// "Protests broke out in several cities": a happening told as spread over many places,
    /// whose reports from one named city are events of their own.
    pub spread: bool,
    /// Violence by the state's forces: "killed by security forces", "police opened fire".
    pub by_the_state: bool,
    /// For `other` events, which kind of happening: a resignation, a court's act, a vote...
    pub kind: &'static str,
}

/// Attack words that a disaster in the same sentence explains ("fire exploded").
static EXPLOSION_WORDS: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)^(?:exploded|explosions?|blasts?)$").unwrap_or_else(|e| panic!("{e}"))
});

/// Killing words that name the murder of someone, not deaths in an attack.
static MURDER_WORDS: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(
        r"(?i)(to death|murder(?:ed)?|assassinat(?:ed|ion)|strangled|beheaded|lynched|hanged)$",
    )
    .unwrap_or_else(|e| panic!("{e}"))
});

/// Attack words that name violence against many (a bombing, a shooting spree).
static MASS_VIOLENCE: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)(bomb|explo|blast|detonat|ied|shooting|gunmen|opened fire|massacre|suicide|hostage|raid|stormed|ambush)")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// The state's forces as the ones who killed: "shot by police", "killed by soldiers".
static BY_THE_STATE: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)\bby (?:the )?(?:police|policemen|police officers?|security forces|soldiers|troops|the army|army|military|officers)\b")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// The state's forces as the ones who fired: "Police and soldiers opened fire into a crowd".
static STATE_FIRED: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)\b(?:police|policemen|police officers|security forces|soldiers|troops|the army|the military)\s+(?:[\w-]+\s+){0,3}?(?:opened fire|fired (?:on|at|into)|shot (?:at|dead))")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// "during a 'Sparkly March' ", "at the": words that put something at a protest.
static AT_A_PROTEST: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)\b(?:during|at|amid)\s+(?:a|an|the)?\s*(?:[\w'‘’-]+\s+){0,3}$")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// Verbs of a ruler's fall, which an uprising before them brought about.
static REGIME_CHANGE: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)^(?:overthrew|overthrown|deposed|toppled|ousted)$")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// Words of what usually happens.
static GENERIC: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)\b(?:(?:are|is) (?:common|frequent|rare|typical|not uncommon)|often|usually|typically|tends? to)\b")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// Words for a long conflict, an event only where the sentence dates it.
static BACKGROUND_ONLY: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)(war|warfare|insurgency|escalation|conflict|uprising|violence)$")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// Words that spread a happening over many places.
static SPREAD: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)\b(?:several|many|multiple|various|dozens of|a number of|other) (?:[\w-]+ )?(?:cities|towns|states|provinces|regions|areas|places|countries|parts of)\b|\bacross (?:the|several|many|\p{Lu}\w+)|\b(?:nationwide|countrywide|around the country|throughout the country|all over the country|in parts of)\b")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// Whether a sentence spreads its happening over many places.
pub(super) fn is_spread(sentence: &str) -> bool {
    SPREAD.is_match(sentence)
}

/// A modal perfect ("would have been prevented"): what might have been, no ongoing pattern.
static MODAL_PERFECT: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)\b(?:would|could|might|should|may|must) have been\b")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// Words that make a report an ongoing pattern rather than one happening.
static HABITUAL: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)\b(daily|every day|each day|every week|weekly|regularly|for (?:days|weeks|months|years)|(?:weeks|months|years) of|ongoing|continu(?:e|es|ed|ing)|persists?|persisted|have been|has been|routinely|frequently|a series of|a string of|a spate of|a wave of|in recent (?:days|weeks|months|years)|repeated(?:ly)?)\b")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// "the jailed opposition leader", "a detained activist": a participle describing someone
/// names a past condition, not a happening the sentence reports.
static ATTRIBUTIVE_BEFORE: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)\b(?:the|a|an|his|her|their|its|of|two|three|several)\s+$")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// Words after a participle that make it a verb after all ("the man arrested on Monday").
static ATTRIBUTIVE_AFTER: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"^\s+(?:\p{Lu}[\p{L}'’-]*|[a-z]+(?:ian|ese|ish|i)|opposition|activists?|journalists?|leaders?|politicians?|blogger|man|woman|men|women|students?|soldiers?|officials?|suspects?|people|protesters|demonstrators|executives)\b")
        .unwrap_or_else(|e| panic!("{e}"))
});

fn attributive(sentence: &str, start: usize, end: usize) -> bool {
    let word = &sentence[start..end];
    !word.contains(' ')
        && (word.ends_with("ed") || word == "slain")
        && ATTRIBUTIVE_BEFORE.is_match(&sentence[..start])
        && ATTRIBUTIVE_AFTER.is_match(&sentence[end..])
}

/// Specificity among violent types: a "missile attack" that killed is shelling, not killing.
pub(super) fn violent_rank(t: EventType) -> u8 {
    match t {
        EventType::AirStrike => 6,
        EventType::ShellingMissile => 5,
        EventType::ArmedClash => 4,
        EventType::Riot => 3,
        EventType::Attack => 2,
        EventType::Killing => 1,
        _ => 0,
    }
}

/// Types whose mentions may be one happening.
pub(super) fn group(t: EventType) -> usize {
    match t {
        EventType::Attack
        | EventType::AirStrike
        | EventType::ShellingMissile
        | EventType::ArmedClash
        | EventType::Killing => 0,
        EventType::Protest | EventType::Riot => 1,
        other => 10 + other.index(),
    }
}

/// "Wednesday's accident", "Sunday's attack": a day in the possessive right before a trigger
/// (at byte `at` of the sentence) dates that happening, whatever else the sentence dates.
fn possessive_date(f: &SentenceFacts, sentence_text: &str, at: usize) -> Option<EventDate> {
    f.times.iter().find_map(|t| {
        let (start, end) = (t.start - f.sentence.start, t.end - f.sentence.start);
        let rest = sentence_text.get(end..)?;
        let possessive = rest
            .strip_prefix("'s ")
            .or_else(|| rest.strip_prefix("’s "))?;
        let noun_at = sentence_text.len() - possessive.len();
        (start <= at && at <= noun_at)
            .then(|| t.value.clone())
            .flatten()
    })
}

/// The mentions one sentence makes.
pub(super) fn sentence_mentions(
    index: usize,
    f: &SentenceFacts,
    sentence_text: &str,
    (date, date_own, past): (Option<EventDate>, bool, bool),
    place: Option<(Place, f64)>,
) -> Vec<Mention> {
    // "the war", "the conflict", "an uprising" are the story's background, an event only
    // where the sentence dates them ("a full-scale war from 1992").
    let dated = f.times.iter().any(|t| t.value.is_some());
    let background_only: Vec<bool> = f
        .triggers
        .iter()
        .map(|t| BACKGROUND_ONLY.is_match(&sentence_text[t.start..t.end]))
        .collect();
    let usable: Vec<_> = f
        .triggers
        .iter()
        .zip(&background_only)
        .filter(|(t, _)| !t.hypothetical && !t.quoted)
        .filter(|&(t, &background)| {
            // ...and only where nothing more particular happens in the sentence.
            let other_happening = f
                .triggers
                .iter()
                .zip(&background_only)
                .any(|(u, &b)| !b && group(u.event_type) == group(t.event_type));
            !background || (dated && !other_happening)
        })
        .map(|(t, _)| t)
        .filter(|t| !attributive(sentence_text, t.start, t.end))
        .collect();
    // "floods are common in the region": what tends to happen, not a happening.
    if usable.is_empty() || (!dated && GENERIC.is_match(sentence_text)) {
        return Vec::new();
    }
    // A quake or storm "killed" people: the deaths are the disaster's toll.
    let disaster_here = usable.iter().any(|t| t.event_type == EventType::Disaster);
    let usable: Vec<_> = usable
        .into_iter()
        .filter(|t| !(disaster_here && t.event_type == EventType::Killing))
        // "the wildfire exploded to 56 square miles": a fire's growth, not a bomb.
        .filter(|t| {
            !(disaster_here
                && t.event_type == EventType::Attack
                && EXPLOSION_WORDS.is_match(&sentence_text[t.start..t.end]))
        })
        .collect();

    let riot_here = usable.iter().any(|t| t.event_type == EventType::Riot);
    // (trigger position, type, weight, definite, weak, indefinite)
    let mut picks: Vec<(usize, EventType, u8, bool, bool, bool)> = Vec::new();

    let best_violent = |definite: bool| {
        usable
            .iter()
            .filter(|t| violent_rank(t.event_type) > 0 && t.definite == definite)
            .max_by_key(|t| (violent_rank(t.event_type), std::cmp::Reverse(t.start)))
    };
    // "the air strikes in which 25 were killed": the killing is the referenced event's toll.
    let reference_first = best_violent(true).is_some_and(|d| {
        best_violent(false).is_some_and(|n| n.event_type == EventType::Killing && d.start < n.start)
    });
    // People killed "by police" or "by security forces": a killing by the state, not an
    // attack by an armed group (ACLED's violence against civilians).
    let state_violence =
        BY_THE_STATE.is_match(sentence_text) || STATE_FIRED.is_match(sentence_text);
    let killed_by_the_state = state_violence
        && (f.casualties.fatalities.is_some()
            || sentence_text.contains(" died")
            || usable.iter().any(|t| t.event_type == EventType::Killing));
    if let Some(t) = best_violent(false).filter(|_| !reference_first) {
        // "was hacked to death by men who attacked him": a murder, told with an attack verb.
        let murder = t.event_type == EventType::Attack
            && !MASS_VIOLENCE.is_match(&sentence_text[t.start..t.end])
            && usable.iter().any(|u| {
                u.event_type == EventType::Killing
                    && MURDER_WORDS.is_match(&sentence_text[u.start..u.end])
            });
        let event_type = if (killed_by_the_state || murder) && t.event_type == EventType::Attack {
            EventType::Killing
        } else {
            t.event_type
        };
        let first = usable
            .iter()
            .filter(|u| violent_rank(u.event_type) > 0 && !u.definite)
            .map(|u| u.start)
            .min()
            .unwrap_or(t.start);
        picks.push((first, event_type, t.weight, false, false, t.indefinite));
    }
    if let Some(t) = best_violent(true) {
        let same_group_as_new = picks.iter().any(|p| group(p.1) == group(t.event_type));
        if !same_group_as_new || t.event_type != picks[0].1 {
            picks.push((t.start, t.event_type, t.weight, true, false, false));
        }
    }
    for kind in [
        EventType::Protest,
        EventType::Evacuation,
        EventType::Arrest,
        EventType::Disaster,
        EventType::Election,
        EventType::Agreement,
        EventType::Other,
    ] {
        if kind == EventType::Protest && riot_here {
            continue;
        }
        // "a popular uprising overthrew the president": the uprising is the happening.
        if kind == EventType::Other
            && usable.iter().any(|t| {
                t.event_type == EventType::Protest
                    && usable.iter().any(|o| {
                        o.event_type == EventType::Other
                            && t.start < o.start
                            && REGIME_CHANGE.is_match(&sentence_text[o.start..o.end])
                    })
            })
        {
            continue;
        }
        // "a court sentenced three journalists charged with...": the charges are the
        // court's business, not a new arrest.
        if kind == EventType::Arrest && usable.iter().any(|t| t.event_type == EventType::Other) {
            continue;
        }
        // "arrested hundreds of women during a protest": arrests at a protest are the
        // protest's policing (ACLED's protest with intervention), not an event of their own.
        if kind == EventType::Arrest
            && usable.iter().any(|t| {
                t.event_type == EventType::Protest
                    && !t.definite
                    && AT_A_PROTEST.is_match(&sentence_text[..t.start])
            })
        {
            continue;
        }
        if let Some(t) = usable.iter().find(|t| t.event_type == kind) {
            picks.push((t.start, kind, t.weight, t.definite, false, t.indefinite));
            // "was first elected in 2010 and re-elected in 2015": another of its kind, dated
            // apart, is a happening of its own.
            let first = super::date_of_clause(f, sentence_text, t.start);
            let mut seen = vec![first];
            for u in usable
                .iter()
                .filter(|u| u.event_type == kind && !u.definite && u.start > t.start)
            {
                let when = super::date_after(f, sentence_text, u.start);
                if when.is_some() && !seen.contains(&when) {
                    picks.push((u.start, kind, u.weight, false, false, u.indefinite));
                    seen.push(when);
                }
            }
        }
    }
    if let Some(t) = usable.iter().find(|t| t.event_type == EventType::Statement) {
        let news = super::statements::is_news(f, sentence_text, &usable);
        picks.push((t.start, EventType::Statement, t.weight, false, !news, false));
    }
    if picks.is_empty() {
        return Vec::new();
    }

    // "Police say one suspect has been arrested after an explosive device killed 13": the
    // deadly happening is the sentence's news, the arrest follows it.
    let deadly_at = (f.casualties.fatalities.is_some() || f.casualties.injured.is_some())
        .then(|| {
            picks
                .iter()
                .filter(|p| !p.3 && !p.4 && p.1.is_violent())
                .map(|p| p.0)
                .min()
        })
        .flatten()
        .filter(|_| {
            picks.iter().any(|p| {
                matches!(
                    p.1,
                    EventType::Arrest | EventType::Other | EventType::Evacuation
                )
            })
        });
    let primary_at = deadly_at.or_else(|| picks.iter().filter(|p| !p.3 && !p.4).map(|p| p.0).min());
    let violent_pick = picks
        .iter()
        .position(|p| takes_casualties(p.1))
        .or_else(|| picks.iter().position(|p| !p.4));
    let nearest_time_to = |at: usize| {
        f.times
            .iter()
            .filter(|t| t.value.is_some())
            .map(|t| (t.start as i64 - (f.sentence.start + at) as i64).abs())
            .min()
    };
    // Whether the sentence's date sits right after a statement verb ("said Tuesday",
    // "announced in a post on X Tuesday") or right before it ("on Tuesday said").
    let next_to_statement = |t: &&super::dates::TimeExpr| {
        let (ds, de) = (t.start - f.sentence.start, t.end - f.sentence.start);
        usable.iter().any(|u| {
            u.event_type == EventType::Statement && {
                let after = ds >= u.end
                    && sentence_text
                        .get(u.end..ds)
                        .is_some_and(|gap| gap.len() <= 24 && !gap.contains(','));
                let before = de <= u.start
                    && sentence_text
                        .get(de..u.start)
                        .is_some_and(|gap| gap.trim().is_empty());
                after || before
            }
        })
    };
    // ...unless the sentence dates the happening itself too ("killed late Tuesday, officials
    // said Wednesday").
    let valued = || f.times.iter().filter(|t| t.value.is_some());
    let statement_dated =
        valued().any(|t| next_to_statement(&t)) && valued().all(|t| next_to_statement(&t));
    let actors: Vec<String> = f.actors.iter().map(|(_, a)| a.clone()).collect();
    // "would have been prevented" is no pattern of happenings.
    let habitual = if MODAL_PERFECT.is_match(sentence_text) {
        HABITUAL.is_match(&MODAL_PERFECT.replace_all(sentence_text, ""))
    } else {
        HABITUAL.is_match(sentence_text)
    };
    let spread = is_spread(sentence_text);

    picks
        .iter()
        .enumerate()
        .map(
            |(n, &(at, event_type, weight, definite, weak, indefinite))| {
                let primary = Some(at) == primary_at && !definite && !weak;
                // "saddened by the attack, he posted on X Tuesday": that day dates the post, not
                // the attack referred to. A happening the sentence reports ("has been
                // diagnosed with Ebola, the government said on Monday") is news of that day.
                let clause = super::date_of_clause(f, sentence_text, at);
                let date = if let Some(day) = possessive_date(f, sentence_text, at) {
                    Some(day)
                } else if statement_dated
                    && definite
                    && event_type != EventType::Statement
                    && date_own
                {
                    None
                } else if !definite && clause.is_some() {
                    // "arrested in 1993 ... but escaped in 2001": each its own date; another of
                    // a kind told already, by the date after it.
                    let extra = picks.iter().any(|p| p.1 == event_type && p.0 < at && !p.3);
                    if extra {
                        super::date_after(f, sentence_text, at).or(clause)
                    } else {
                        clause
                    }
                } else if primary || definite {
                    date.clone()
                } else {
                    match (nearest_time_to(at), primary_at.and_then(nearest_time_to)) {
                        (Some(mine), Some(theirs)) if mine < theirs => date.clone(),
                        (Some(_), None) => date.clone(),
                        _ => None,
                    }
                };
                let speaker = (event_type == EventType::Statement)
                    .then(|| {
                        f.actors
                            .iter()
                            .filter(|(pos, a)| {
                                *pos < at && a.chars().next().is_some_and(char::is_uppercase)
                            })
                            .map(|(_, a)| a.clone())
                            .next_back()
                            .or_else(|| {
                                f.actors
                                    .iter()
                                    .find(|(_, a)| a.chars().next().is_some_and(char::is_uppercase))
                                    .map(|(_, a)| a.clone())
                            })
                    })
                    .flatten();
                Mention {
                    sentence: index,
                    event_type,
                    weight,
                    primary,
                    definite,
                    weak,
                    indefinite,
                    habitual,
                    date_own,
                    past,
                    date,
                    place: if definite { None } else { place.clone() },
                    own_place: if definite { place.clone() } else { None },
                    casualties: if Some(n) == violent_pick {
                        f.casualties
                    } else {
                        Casualties::default()
                    },
                    actors: actors.clone(),
                    speaker,
                    lead_in: false,
                    spread,
                    by_the_state: state_violence,
                    kind: if event_type == EventType::Other {
                        other_kind(sentence_text.get(at..).unwrap_or(""))
                    } else {
                        ""
                    },
                }
            },
        )
        .collect()
}

/// Kinds of `other` happening, by the words that report them: one kind does not continue
/// another ("Macron accepted the resignation ... Attal was elected prime minister").
const OTHER_KINDS: &[(&str, &[&str])] = &[
    (
        "resignation",
        &["resign", "step down", "stepped down", "stand down", "quit"],
    ),
    (
        "court",
        &[
            "sentenc",
            "convict",
            "verdict",
            "trial",
            "court",
            "hearing",
            "plead",
            "acquit",
            "indict",
            "judge",
            "jury",
            "tribunal",
            "sought the death",
        ],
    ),
    (
        "office",
        &[
            "elected",
            "appoint",
            "named",
            "nominat",
            "sworn",
            "took office",
            "took power",
            "came to power",
            "became",
            "assumed",
        ],
    ),
    (
        "vote",
        &[
            "vote",
            "voted",
            "passed",
            "approv",
            "reject",
            "adopt",
            "impeach",
            "overturn",
            "upheld",
            "parliament",
            "lawmakers",
            "legislat",
            "congress",
            "senate",
            "assembly",
        ],
    ),
    ("sanction", &["sanction", "embargo"]),
    (
        "coup",
        &[
            "coup",
            "seized power",
            "overthr",
            "deposed",
            "ouster",
            "ousted",
            "toppled",
        ],
    ),
    (
        "emergency",
        &["curfew", "state of emergency", "martial law", "lockdown"],
    ),
    ("inquiry", &["investigat", "inquiry", "probe"]),
    ("mourning", &["funeral", "mourning"]),
];

/// The kind of `other` happening whose trigger opens `text`.
fn other_kind(text: &str) -> &'static str {
    let head = text
        .get(..text.floor_char_boundary(40))
        .unwrap_or(text)
        .to_lowercase();
    OTHER_KINDS
        .iter()
        .filter_map(|(kind, words)| {
            words
                .iter()
                .filter_map(|w| head.find(w))
                .min()
                .map(|at| (at, *kind))
        })
        .min()
        .map_or("other", |(_, kind)| kind)
}
