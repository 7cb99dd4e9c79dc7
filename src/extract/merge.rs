//! From sentence facts to events: choose each sentence's mentions of happenings, then
//! merge mentions of one happening (a definite reference, the same day and place, or the
//! narrative continuing) into one event carrying all its evidence.

use std::sync::LazyLock;

use crate::geo::gazetteer::distance_km;
use crate::model::{DatePrecision, Event, EventDate, EventType, Evidence, Place, PlacePrecision};

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

/// Office holders and governments: their words are events.
static AN_AUTHORITY: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"\b([Pp]resident|[Pp]rime [Mm]inister|Premier|Pope|Chancellor|(?:[Ff]oreign |[Dd]efen[cs]e |[Ii]nterior )?[Mm]inister|Secretary[- ]General|Secretary of State|[Gg]overnment|[Gg]overnor|[Mm]ayor|[Ss]uperintendent|[Ss]pokes(?:man|woman|person)|Downing Street|White House|Kremlin|[Mm]inistry|[Ss]peaker|head of the|Security Council|European Union|NATO|African Union)\b")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// Speakers whose words are not events: witnesses, survivors, analysts, companies.
static NOT_AN_AUTHORITY: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)\b(witness(?:es)?|survivors?|neighbou?rs?|relatives?|a (?:local )?(?:man|woman)|one (?:man|woman)|analysts?|chief executive|utility|campaign groups?)\b")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// What a routine update reports: tolls, the wounded, rescue work, a fire's spread, who was
/// on board. Said plainly, even by an official, it is news of the happening, not a statement
/// of its own.
static ROUTINE_UPDATE: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)\b(killed|dead|died|deaths?|death toll|toll|injur(?:ed|ies)|wounded|hurt|hospitali[sz]ed|hospitals?|being treated|rescue|rescuers|search(?:ing)?|missing|burning|wildfire|blaze|flames|acres|square (?:miles|kilomet(?:re|er)s)|containment|evacuat\w+|investigat\w+|on board|passengers?|crew|bodies|wreckage|victims|flight recorders?|black box(?:es)?)\b")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// Verbs of saying strong enough to make news of their own, unless what they pass on is a
/// routine update of the happening.
const NEUTRAL_VERBS: &[&str] = &[
    "in a statement",
    "announced",
    "confirmed",
    "news conference",
    "press conference",
    "called a news",
    "held a news",
    "gave a news",
];

/// Office holders whose every word is news, whatever they report.
static HIGH_OFFICE: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"\b(President|Prime Minister|Premier|Pope|Chancellor|King|Queen|(?:[Ff]oreign |[Dd]efen[cs]e |[Ii]nterior )?Minister|Secretary)\b")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// Speakers next to the verb who speak for themselves: critics, relatives, businesses.
static PRIVATE_SPEAKER: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)\b(opponents|critics|supporters|residents|hotel|company|firm|airline|operator|owner|lawyers?|family|families|mother|father|wife|husband|widow|son|daughter|brother|sister|friends?|colleagues?|experts?|professor|researchers?|scientists?)\b")
        .unwrap_or_else(|e| panic!("{e}"))
});

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
fn violent_rank(t: EventType) -> u8 {
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
        }
    }
    if let Some(t) = usable.iter().find(|t| t.event_type == EventType::Statement) {
        // "the ministry said Tuesday": a dated statement is news in itself.
        let dated_saying = usable.iter().any(|u| {
            u.event_type == EventType::Statement
                && f.times.iter().any(|d| {
                    d.value.is_some() && {
                        let (ds, de) = (d.start - f.sentence.start, d.end - f.sentence.start);
                        (de <= u.start && u.start - de <= 4) || (ds >= u.end && ds - u.end <= 4)
                    }
                })
        });
        // "said in a statement", "announced", "confirmed": strong verbs that only pass on
        // news, unlike "condemned" or "urged".
        let neutral = |u: &&super::triggers::Trigger| {
            let words = sentence_text[u.start..u.end].to_lowercase();
            NEUTRAL_VERBS.iter().any(|v| words.starts_with(v))
        };
        let strong_verb = usable
            .iter()
            .any(|u| u.event_type == EventType::Statement && u.strong && !neutral(u));
        let neutral_verb = usable
            .iter()
            .any(|u| u.event_type == EventType::Statement && u.strong && neutral(u));
        // Witnesses, analysts and companies speak of the news; they do not make it. A
        // quotation opening the sentence is someone's words, news only from a strong verb.
        let unofficial = NOT_AN_AUTHORITY.is_match(sentence_text)
            || usable.iter().any(|u| {
                u.event_type == EventType::Statement && {
                    let from = sentence_text.floor_char_boundary(u.start.saturating_sub(60));
                    // '," said his widow': the speaker follows the verb only after a quote.
                    let inverted = sentence_text[..u.start]
                        .trim_end()
                        .ends_with([',', '"', '”', '\'', '’']);
                    let to = if inverted {
                        sentence_text.ceil_char_boundary(u.end + 40)
                    } else {
                        u.start
                    };
                    PRIVATE_SPEAKER.is_match(&sentence_text[from..to])
                }
            });
        let opens_with_quote = sentence_text.starts_with(['"', '“', '\'', '‘']);
        // "President Joko said", "Downing Street said": the words of an office holder or a
        // government are news even with a plain verb.
        // "has been repeatedly condemned": someone spoken of, not speaking.
        let official = usable.iter().any(|u| {
            u.event_type == EventType::Statement
                && AN_AUTHORITY.is_match(&sentence_text[..u.start])
                && !u.passive
        });
        // "Police said a bomb exploded": a plain or neutral verb passing on a new happening
        // reports that happening, not a statement.
        let reports_happening = usable
            .iter()
            .any(|u| u.event_type != EventType::Statement && !u.definite);
        let routine = !strong_verb
            && (ROUTINE_UPDATE.is_match(sentence_text) || reports_happening)
            && !usable.iter().any(|u| {
                u.event_type == EventType::Statement
                    && HIGH_OFFICE.is_match(&sentence_text[..u.start])
            });
        let strong = !unofficial
            && (strong_verb
                || (!routine && (neutral_verb || official || (dated_saying && !opens_with_quote))));
        picks.push((
            t.start,
            EventType::Statement,
            t.weight,
            false,
            !strong,
            false,
        ));
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
                let date = if let Some(day) = possessive_date(f, sentence_text, at) {
                    Some(day)
                } else if statement_dated
                    && definite
                    && event_type != EventType::Statement
                    && date_own
                {
                    None
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

/// An event being assembled from its mentions.
struct Draft {
    event_type: EventType,
    habitual: bool,
    /// Its first report is of violence by the state's forces.
    by_the_state: bool,
    /// Its first report spreads it over many places.
    spread: bool,
    /// The date came from a sentence's own words (else it was carried from the narrative
    /// and yields to a date stated outright).
    date_own: bool,
    mentions: Vec<Mention>,
    date: Option<EventDate>,
    last_sentence: usize,
}

impl Draft {
    fn new(m: Mention) -> Draft {
        Draft {
            event_type: m.event_type,
            habitual: m.habitual,
            by_the_state: m.by_the_state,
            spread: m.spread,
            date_own: m.date_own && m.date.is_some(),
            date: m.date.clone(),
            last_sentence: m.sentence,
            mentions: vec![m],
        }
    }

    fn add(&mut self, m: Mention) {
        // Later mentions date an event only with their own words, and never an ongoing one.
        let stated = (m.primary || m.definite || m.lead_in) && m.date_own && m.date.is_some();
        // "held this week ... Thursday's result": a day inside the coarser date refines it.
        let refines = match (&self.date, &m.date) {
            (Some(a), Some(b)) => {
                a.precision != DatePrecision::Day
                    && b.precision == DatePrecision::Day
                    && a.start <= b.start
                    && b.start <= a.end
            }
            _ => false,
        };
        if stated && !self.habitual && (self.date.is_none() || !self.date_own || refines) {
            self.date = m.date.clone();
            self.date_own = true;
        }
        // A protest that turned violent is a riot; a specific violent type beats a vague one.
        if group(m.event_type) == group(self.event_type)
            && violent_rank(m.event_type) > violent_rank(self.event_type)
            && m.primary
            // Civilians killed by police stay a killing when "police opened fire" tells it
            // again.
            && !(self.event_type == EventType::Killing
                && m.event_type == EventType::Attack
                && (self.by_the_state || m.by_the_state))
        {
            self.event_type = m.event_type;
        }
        self.last_sentence = self.last_sentence.max(m.sentence);
        self.mentions.push(m);
    }

    /// The best-supported place; secondary mentions count only when nothing else places it.
    fn place(&self) -> Option<&(Place, f64)> {
        let leading = self
            .mentions
            .iter()
            .any(|m| (m.primary || m.definite) && m.place.is_some());
        let best = self
            .mentions
            .iter()
            .filter(|m| !leading || m.primary || m.definite)
            .filter_map(|m| m.place.as_ref())
            .max_by(|a, b| {
                (a.1, precision_rank(a.0.precision))
                    .partial_cmp(&(b.1, precision_rank(b.0.precision)))
                    .unwrap_or(std::cmp::Ordering::Equal)
            })?;
        // A lead names the country, a later sentence of the same happening the city: the
        // event is where it happened, as precisely as the text says.
        if precision_rank(best.0.precision) < 2 {
            let city = self
                .mentions
                .iter()
                .filter(|m| m.primary || m.definite)
                .filter_map(|m| m.place.as_ref())
                .find(|(p, _)| precision_rank(p.precision) >= 2 && p.country == best.0.country);
            if city.is_some() {
                return city;
            }
        }
        Some(best)
    }

    fn speaker(&self) -> Option<&str> {
        self.mentions.iter().find_map(|m| m.speaker.as_deref())
    }

    fn compatible(&self, m: &Mention) -> bool {
        if group(self.event_type) != group(m.event_type) {
            return false;
        }
        // A statement joins one by the same speaker, or, with no speaker named ("the
        // ministry added"), the one just before.
        if self.event_type == EventType::Statement {
            let same = match m.speaker.as_deref() {
                Some(_) => same_person(self.speaker(), m.speaker.as_deref()),
                None => m.sentence <= self.last_sentence + 2,
            };
            if !same {
                return false;
            }
        }
        // "Zambada is in US custody ... Guzman was arrested in 1993": a happening told as
        // news without a date of its own is not one its own words date long before.
        if (self.date.is_none() || !self.date_own) && m.past {
            return false;
        }
        // A carried date is a guess: it never keeps two reports apart, except from a
        // reference that dates itself ("Thursday's demonstrations" is not Friday's march).
        let dates_fit = match (&self.date, &m.date) {
            (Some(a), Some(b)) if m.date_own && (self.date_own || m.definite) => {
                a.start <= b.end && b.start <= a.end
            }
            _ => true,
        };
        // Two named places in one country: the same only when close together; a country
        // fits anything inside it.
        let places_fit = match (self.place(), &m.place) {
            (Some((a, _)), Some((b, _))) => {
                a.country == b.country
                    && (a.precision == PlacePrecision::Country
                        || b.precision == PlacePrecision::Country
                        || a.name == b.name
                        || distance_km((a.lat, a.lon), (b.lat, b.lon)) < 50.0)
            }
            _ => true,
        };
        dates_fit && places_fit
    }

    /// "Protests broke out in several cities ... In Manchester, demonstrators gathered outside
    /// a hotel": a city's own report of a happening spread over many places, which is an
    /// event of its own.
    fn has_part(&self, m: &Mention) -> bool {
        let near = |d: &Mention| {
            m.place
                .as_ref()
                .zip(d.place.as_ref())
                .is_some_and(|((a, _), (b, _))| distance_km((a.lat, a.lon), (b.lat, b.lon)) < 50.0)
        };
        self.spread && named_city(m) && !self.mentions.iter().any(|d| named_city(d) && near(d))
    }

    /// Positive evidence that a primary mention is this happening again.
    fn continues(&self, m: &Mention) -> bool {
        let same_day = matches!((&self.date, &m.date), (Some(a), Some(b)) if a.start == b.start && a.precision == b.precision);
        if m.indefinite {
            return same_day && m.event_type == self.event_type;
        }
        // An ongoing pattern and a single happening are different events.
        if m.habitual != self.habitual {
            return false;
        }
        // A resignation does not continue a court's verdict.
        if self.event_type == EventType::Other
            && m.event_type == EventType::Other
            && self.mentions[0].kind != m.kind
        {
            return false;
        }
        if self.has_part(m) {
            return false;
        }
        // Told again without anything to tell it apart: the same happening. Deaths reported
        // on their own are the toll of the violence already told.
        if m.event_type == self.event_type
            || (m.event_type == EventType::Killing && group(self.event_type) == 0)
        {
            return true;
        }
        let near = m.sentence <= self.last_sentence + 2;
        let same_city = match (self.place(), &m.place) {
            (Some((a, _)), Some((b, _))) => {
                precision_rank(a.precision) >= 2
                    && precision_rank(b.precision) >= 2
                    && distance_km((a.lat, a.lon), (b.lat, b.lon)) < 50.0
            }
            _ => false,
        };
        let statement = self.event_type == EventType::Statement;
        near || same_day || same_city || statement
    }
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

/// A mention placed in a city or site its sentence names ("In Manchester, ...", "including
/// Maracay").
fn named_city(m: &Mention) -> bool {
    m.place
        .as_ref()
        .is_some_and(|(p, score)| precision_rank(p.precision) >= 1 && *score >= NAMED_SCORE)
}

/// A place score this high comes from a name in the sentence, not from the story's city.
const NAMED_SCORE: f64 = 3.0;

fn precision_rank(p: PlacePrecision) -> u8 {
    match p {
        PlacePrecision::Country => 0,
        PlacePrecision::Region => 1,
        PlacePrecision::City => 2,
        PlacePrecision::Site => 3,
    }
}

/// "Trump" and "Donald Trump" are one person.
fn same_person(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            let last = |s: &str| s.split_whitespace().last().unwrap_or("").to_owned();
            a == b || last(a) == last(b)
        }
        _ => false,
    }
}

/// Merges mentions into events, in order of first report.
pub(super) fn merge(
    mentions: Vec<Mention>,
    facts: &[SentenceFacts],
    text: &str,
    fallback: Option<&Place>,
) -> Vec<Event> {
    let mut drafts: Vec<Draft> = Vec::new();
    let (leading, secondary): (Vec<Mention>, Vec<Mention>) =
        mentions.into_iter().partition(|m| m.primary || m.definite);
    for m in leading {
        if m.definite {
            match find_target(&mut drafts, &m) {
                Some(d) => d.add(m),
                None => {
                    let mut m = m;
                    m.place = m.own_place.take();
                    drafts.push(Draft::new(m));
                }
            }
            continue;
        }
        match drafts
            .iter_mut()
            .rev()
            .find(|d| d.compatible(&m) && d.continues(&m))
        {
            Some(d) => d.add(m),
            None => {
                // One city's part of a spread happening took place when the whole did,
                // unless it says otherwise.
                let mut m = m;
                if !m.date_own
                    && let Some(whole) = drafts
                        .iter()
                        .rev()
                        .find(|d| d.compatible(&m) && d.has_part(&m))
                {
                    m.date = whole.date.clone();
                }
                drafts.push(Draft::new(m));
            }
        }
    }
    for m in secondary {
        let fits = |d: &Draft| {
            d.compatible(&m) && (m.event_type != EventType::Statement || d.speaker().is_some())
        };
        // The lead paragraph tells the story's first happening; other secondary mentions
        // join the latest one they fit.
        let target = if m.lead_in {
            drafts
                .iter()
                .position(|d| d.event_type == m.event_type && fits(d))
                .or_else(|| drafts.iter().position(fits))
        } else {
            drafts
                .iter()
                .rposition(|d| d.event_type == m.event_type && fits(d))
                .or_else(|| drafts.iter().rposition(fits))
        };
        if let Some(d) = target.and_then(|i| drafts.get_mut(i)) {
            d.add(m);
        } else if !m.weak
            && m.event_type != EventType::Statement
            && (m.event_type.is_violent() || m.weight >= 5)
        {
            drafts.push(Draft::new(m));
        }
    }
    drafts.sort_by_key(|d| d.mentions.iter().map(|m| m.sentence).min().unwrap_or(0));
    drafts
        .into_iter()
        .map(|d| to_event(d, facts, text, fallback))
        .collect()
}

/// The draft a definite reference points back to: the latest of the same type, else of
/// the same group.
fn find_target<'a>(drafts: &'a mut [Draft], m: &Mention) -> Option<&'a mut Draft> {
    let index = drafts
        .iter()
        .rposition(|d| d.event_type == m.event_type && d.compatible(m))
        .or_else(|| drafts.iter().rposition(|d| d.compatible(m)))?;
    drafts.get_mut(index)
}

fn to_event(d: Draft, facts: &[SentenceFacts], text: &str, fallback: Option<&Place>) -> Event {
    let main = d
        .mentions
        .iter()
        .filter(|m| m.primary)
        .map(|m| m.sentence)
        .min()
        .unwrap_or(d.mentions[0].sentence);
    let mut sentences: Vec<usize> = d.mentions.iter().map(|m| m.sentence).collect();
    sentences.sort_unstable();
    sentences.dedup();
    let evidence_of = |i: usize| {
        let s = facts[i].sentence;
        Evidence {
            text: text[s.start..s.end].to_owned(),
            start: s.start,
            end: s.end,
        }
    };
    let fatalities = d
        .mentions
        .iter()
        .filter_map(|m| m.casualties.fatalities)
        .max();
    let injured = d.mentions.iter().filter_map(|m| m.casualties.injured).max();
    let mut actors: Vec<String> = Vec::new();
    for m in d
        .mentions
        .iter()
        .filter(|m| m.primary || m.definite || m.sentence == main)
    {
        for a in &m.actors {
            if !actors.contains(a) && actors.len() < 8 {
                actors.push(a.clone());
            }
        }
    }
    if let Some(speaker) = d.speaker() {
        actors.retain(|a| a != speaker);
        actors.insert(0, speaker.to_owned());
    }
    let place = d
        .place()
        .map(|(p, _)| p.clone())
        .or_else(|| fallback.cloned());
    let evidence = evidence_of(main);
    let confidence = {
        let weight = d.mentions.iter().map(|m| m.weight).max().unwrap_or(1) as f32;
        let mut c = 0.3 + 0.08 * weight;
        if d.date.is_some() {
            c += 0.1;
        }
        if d.place().is_some() {
            c += 0.1;
        }
        c.min(0.95)
    };
    Event {
        id: String::new(),
        document: Default::default(),
        event_type: d.event_type,
        summary: summarize(&evidence.text),
        date: d.date.clone(),
        place,
        actors,
        targets: Vec::new(),
        fatalities,
        injured,
        more_evidence: sentences
            .into_iter()
            .filter(|&i| i != main)
            .map(evidence_of)
            .collect(),
        evidence,
        confidence,
        edited: false,
    }
}

/// A short summary: the evidence sentence without quotes, cut to about twenty words.
fn summarize(sentence: &str) -> String {
    const MAX_WORDS: usize = 20;
    let clean =
        sentence.trim_matches(|c: char| c == '"' || c == '“' || c == '”' || c.is_whitespace());
    let words: Vec<&str> = clean.split_whitespace().collect();
    if words.len() <= MAX_WORDS {
        return clean.trim_end_matches('.').to_owned();
    }
    let mut s = words[..MAX_WORDS].join(" ");
    s = s
        .trim_end_matches([',', ';', ':', '–', '-'])
        .trim_end()
        .to_owned();
    s.push('…');
    s
}
