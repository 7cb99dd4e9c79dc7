//! Which remarks are news: an office holder's or a government's words, a reaction
//! ("condemned", "urged"), a dated saying; not witnesses or companies speaking of the news,
//! nor an official passing on a toll or a new happening with a plain "said".

use std::sync::LazyLock;

use crate::model::EventType;

use super::SentenceFacts;
use super::pattern::WordRegex;
use super::triggers::Trigger;

/// Office holders and governments: their words are events.
static AN_AUTHORITY: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"\b([Pp]resident|[Pp]rime [Mm]inister|Premier|Pope|Chancellor|(?:[Ff]oreign |[Dd]efen[cs]e |[Ii]nterior )?[Mm]inister|Secretary[- ]General|Secretary of State|[Gg]overnment|[Gg]overnor|[Mm]ayor|[Ss]uperintendent|[Ss]pokes(?:man|woman|person)|Downing Street|White House|Kremlin|[Mm]inistry|[Ss]peaker|head of the|Security Council|European Union|NATO|African Union)\b")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// Speakers whose words are not events: witnesses, survivors, analysts, companies.
static NOT_AN_AUTHORITY: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)\b(witness(?:es)?|survivors?|neighbou?rs?|relatives?|a (?:local )?(?:man|woman)|one (?:man|woman)|analysts?|chief executive|utility|campaign groups?|reporting from|correspondents?|academics?|scholars?|bystanders?|onlookers?|passengers?|travell?ers?|some present)\b")
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

/// What a weather service or a utility says: the weather to come, closed roads, the power
/// grid. Even "warned" or "urged" makes no statement event of it.
static ADVISORY: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)\b((?:weather|storms?|typhoon|rain|flooding|temperatures?|fires?|heat) (?:could|would|will|may|might|is expected to|was expected to|is likely to|was likely to|may intently) (?:continue|persist|worsen|rise|intensify|spread|turn|last|hit|strike)|forecasts?|power grid|conserve (?:electricity|water|power|energy)|closed to the public|traffic (?:at|on|was|is|remained))\b")
        .unwrap_or_else(|e| panic!("{e}"))
});

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

/// Whether the statement a sentence reports (its triggers after filtering, `usable`) is an
/// event of its own rather than words that pass on the news.
pub(super) fn is_news(f: &SentenceFacts, sentence_text: &str, usable: &[&Trigger]) -> bool {
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
    let neutral = |u: &&Trigger| {
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
    // "Police said a bomb exploded", "the governor's office said the bus overturned": a plain
    // or neutral verb passing on a happening reports that happening, not a statement.
    let reports_happening = usable.iter().any(|u| u.event_type != EventType::Statement);
    let routine = !strong_verb
        && (ROUTINE_UPDATE.is_match(sentence_text) || reports_happening)
        && !usable.iter().any(|u| {
            u.event_type == EventType::Statement && HIGH_OFFICE.is_match(&sentence_text[..u.start])
        });
    let high_office = usable.iter().any(|u| {
        u.event_type == EventType::Statement && HIGH_OFFICE.is_match(&sentence_text[..u.start])
    });
    let advisory = ADVISORY.is_match(sentence_text) && !high_office;
    !unofficial
        && !advisory
        && (strong_verb
            || (!routine && (neutral_verb || official || (dated_saying && !opens_with_quote))))
}
