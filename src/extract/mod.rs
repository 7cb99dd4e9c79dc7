//! Event extraction: a pure function from article text and publication date to events
//! with evidence offsets. Sentences are read for triggers, dates, places, actors and
//! casualty counts; mentions of one happening are then merged into one event.

mod actors;
pub mod dates;
mod keywords;
mod mentions;
mod merge;
mod numbers;
mod pattern;
pub mod places;
pub mod sentences;
mod statements;
pub mod triggers;

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::geo::gazetteer::NameRef;
use crate::model::{DateMention, DatePrecision, Event, EventDate, EventType, Place};
use dates::{TimeExpr, TimeRole};
use mentions::Mention;
use numbers::Casualties;
use pattern::WordRegex;
use places::{Focus, PlaceMention, SiteMention};
use sentences::Sentence;
use triggers::Trigger;

/// What extraction finds in one text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Extraction {
    pub events: Vec<Event>,
    pub dates_mentioned: Vec<DateMention>,
}

/// Everything read from one sentence.
struct SentenceFacts {
    sentence: Sentence,
    times: Vec<TimeExpr>,
    places: Vec<PlaceMention>,
    sites: Vec<SiteMention>,
    triggers: Vec<Trigger>,
    casualties: Casualties,
    actors: Vec<(usize, String)>,
}

/// A national legislature: it sits in the capital.
static LEGISLATURE: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)\b(?:parliament|congress|national assembly|lower house|upper house|senate|lawmakers|legislators|legislature|house of representatives|MPs|(?:supreme |verkhovna )?rada|knesset|(?:state )?duma|bundestag|majlis|sejm|lok sabha|rajya sabha|storting|riksdag|folketing|cortes)\b")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// "A committee of Brazil's lower house voted": a country's legislature acts in its seat,
/// so a country-wide place becomes that city.
fn seat_of_legislature(place: Place, sentence: &str) -> Place {
    if !LEGISLATURE.is_match(sentence) {
        return place;
    }
    places::seat_of(&place, true).unwrap_or(place)
}

/// Words that say a sentence's happening is not the day's news: habitual, ongoing, or
/// earlier than the narrative around it.
static NO_INHERITED_DATE: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)\b(had|has|have|daily|every day|each day|regularly|for (?:weeks|months|years)|since|ongoing|in response to|in retaliation for|retaliation|earlier|previous(?:ly)?|historically|usually|often|is|are|will|would|could)\b")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// Nouns a following date belongs to rather than to the sentence's happening.
static DATES_A_NOUN: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)\b(victory|win|election|vote|poll|ballot|race|ruling|verdict|decision|announcement|meeting|summit|speech|visit|deadline|talks|hearing|report|born|founded|established|built)\s+$")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// A non-restrictive relative clause set off by commas or ending the sentence: ", which
/// was discovered on May 1,", ", a U.S. woman who was found dead last weekend."
static RELATIVE_ASIDE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#", (?:[^,;]{0,40} )?(?:which|who|whose) [^,;]{3,120}(?:,|[.!?]?["”’']?\s*$)"#)
        .unwrap_or_else(|e| panic!("{e}"))
});

/// A place score from a locative phrase ("in Baghdad"): the sentence says where.
const LOCATIVE_PLACE: f64 = 7.0;

/// How far (in sentences) a date carries to following sentences without one.
const DATE_CARRY: usize = 2;
/// How many undated sentences in a row one date may carry through.
const MAX_CARRY_HOPS: usize = 6;

/// Loads the gazetteer and compiles every pattern the extractor uses, by reading a short
/// text that touches them all; later extractions then start at full speed.
pub fn warm_up() {
    let text = "On Monday, at least 3 people were killed and dozens injured when a bomb exploded \
                near the US embassy in Baghdad, Iraq, police said on Dec. 31, 2019.";
    let _ = extract(text, NaiveDate::from_ymd_opt(2020, 1, 1));
}

/// Extracts the events an article reports. `published` resolves relative dates; without
/// it, "on Sunday" stays unresolved and its events undated.
pub fn extract(text: &str, published: Option<NaiveDate>) -> Extraction {
    extract_with_lead_in(text, 0, published)
}

/// Extracts the events of a loaded article, minding its lead-in (see `Article::lead_in`).
pub fn extract_article(article: &crate::article::Article) -> Extraction {
    extract_with_lead_in(&article.text, article.lead_in, article.published)
}

/// As `extract`, for a text whose first `lead_in` bytes are a lead paragraph found in the
/// header: its sentences date, place and type the events the body reports, and are the
/// evidence only of a happening the body leaves out.
pub fn extract_with_lead_in(
    text: &str,
    lead_in: usize,
    published: Option<NaiveDate>,
) -> Extraction {
    let dateline = text
        .get(lead_in..)
        .and_then(places::dateline)
        .or_else(|| places::dateline(text));
    let (facts, mut mentions, focus) = read_mentions(text, published, dateline);
    for m in &mut mentions {
        if facts[m.sentence].sentence.end <= lead_in {
            m.lead_in = true;
            m.primary = false;
            m.definite = false;
        }
    }
    let fallback = fallback_place(&focus, dateline);
    let mut events = merge::merge(mentions, &facts, text, fallback.as_ref());
    if let Some(city) = story_city(&focus, dateline) {
        for event in &mut events {
            localise(event, &city);
        }
    }
    if let Some(published) = published {
        date_reactions(&mut events, &facts, published);
    }
    for (n, event) in events.iter_mut().enumerate() {
        event.id = format!("e{}", n + 1);
    }
    let dates_mentioned = facts
        .iter()
        .flat_map(|f| f.times.iter())
        .map(|t| DateMention {
            text: text[t.start..t.end].to_owned(),
            start: t.start,
            end: t.end,
            value: t.value.clone(),
        })
        .collect();
    Extraction {
        events,
        dates_mentioned,
    }
}

/// Words of a reaction: condemning, mourning, vowing, calling for something.
static REACTION: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)\b(condemn(?:ed|s)?|denounc(?:ed|es)|deplor(?:ed|es)|express(?:ed|es)|offer(?:ed|s) (?:his|her|their|its) condolences|sent condolences|mourn(?:ed|s)|vow(?:ed|s)|pledg(?:ed|es)|call(?:ed|s) (?:on|for)|urg(?:ed|es)|appeal(?:ed|s)|is conducting|are conducting|stands with)\b")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// "The United States condemned the attack": when the story's first happening was on the
/// day of publication, an undated reaction to it was made that day too.
fn date_reactions(events: &mut [Event], facts: &[SentenceFacts], published: NaiveDate) {
    let lead = events
        .iter()
        .filter(|e| e.event_type != EventType::Statement)
        .min_by_key(|e| e.evidence.start);
    let lead_today = lead
        .and_then(|e| e.date.as_ref())
        .is_some_and(|d| d.precision == DatePrecision::Day && d.start == published);
    let Some(lead_group) = lead
        .filter(|_| lead_today)
        .map(|e| mentions::group(e.event_type))
    else {
        return;
    };
    for event in events
        .iter_mut()
        .filter(|e| e.event_type == EventType::Statement && e.date.is_none())
    {
        // "condemned the air strikes" two days before a riot reacts to the strikes.
        let about_another = facts
            .iter()
            .find(|f| f.sentence.start == event.evidence.start)
            .is_some_and(|f| {
                f.triggers.iter().any(|t| {
                    t.event_type != EventType::Statement
                        && mentions::group(t.event_type) != lead_group
                })
            });
        if REACTION.is_match(&event.evidence.text) && !about_another {
            event.date = Some(EventDate::day(published, "publication day"));
        }
    }
}

/// A line per sentence with the mentions extraction read in it, for tuning the rules.
pub fn explain(text: &str, published: Option<NaiveDate>) -> String {
    let dateline = places::dateline(text);
    let (facts, mentions, focus) = read_mentions(text, published, dateline);
    let g = &*crate::geo::gazetteer::GAZETTEER;
    let mut weights: Vec<_> = focus.weights.iter().collect();
    weights.sort_by(|a, b| b.1.total_cmp(a.1));
    let mut out = format!(
        "focus: {:?} dateline: {:?} weights: {:?}\n",
        focus.country,
        dateline.map(|r| g.canonical_name(r)),
        &weights[..weights.len().min(5)]
    );
    for (i, f) in facts.iter().enumerate() {
        let sentence_text = f.sentence.text(text);
        out.push_str(&format!("[{i}] {sentence_text}\n"));
        if !f.triggers.is_empty() {
            let words: Vec<String> = f
                .triggers
                .iter()
                .map(|t| format!("{:?}:{}", t.event_type, &sentence_text[t.start..t.end]))
                .collect();
            out.push_str(&format!("     triggers: {}\n", words.join(", ")));
        }
        for m in mentions.iter().filter(|m| m.sentence == i) {
            out.push_str(&format!(
                "     {:?}{}{}{}{}{} date={:?}{} place={:?}\n",
                m.event_type,
                if m.primary { " primary" } else { "" },
                if m.definite { " definite" } else { "" },
                if m.weak { " weak" } else { "" },
                if m.indefinite { " indefinite" } else { "" },
                if m.habitual { " habitual" } else { "" },
                m.date.as_ref().map(|d| d.start),
                if m.date_own { "(own)" } else { "" },
                m.place
                    .as_ref()
                    .map(|(p, s)| format!("{} {:.1}", p.name, s)),
            ));
        }
    }
    out
}

/// A sentence telling when unrest began: "Violence erupted six days ago".
static ONSET: LazyLock<WordRegex> = LazyLock::new(|| {
    WordRegex::new(r"(?i)^(?:the\s+)?(?:violence|unrest|fighting|clashes|protests|demonstrations|riots|rioting|the crisis)\s+(?:first\s+)?(?:erupted|began|started|broke out|flared|flared up)\b")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// How far before publication a date is a look back rather than the story's own time.
const FLASHBACK_DAYS: i64 = 31;

/// Reads every sentence and the mentions of happenings in it (`dateline`: the city the
/// text opens with, if any).
fn read_mentions(
    text: &str,
    published: Option<NaiveDate>,
    dateline: Option<NameRef>,
) -> (Vec<SentenceFacts>, Vec<Mention>, Focus) {
    let mut facts: Vec<SentenceFacts> = sentences::split(text)
        .into_iter()
        .map(|sentence| read_sentence(text, sentence, published))
        .collect();

    let surnames = place_surnames(&facts);
    if !surnames.is_empty() {
        for f in &mut facts {
            f.places
                .retain(|m| m.locative || !surnames.contains(&m.text));
        }
    }
    let all_places: Vec<PlaceMention> = facts.iter().flat_map(|f| f.places.clone()).collect();
    let keep = places::plausible_towns(&all_places, dateline);
    let all_places = if keep.iter().all(|k| *k) {
        all_places
    } else {
        let mut keep = keep.into_iter();
        for f in &mut facts {
            f.places.retain(|_| keep.next().unwrap_or(true));
        }
        facts.iter().flat_map(|f| f.places.clone()).collect()
    };
    let focus = places::focus(&all_places, dateline);
    for f in &mut facts {
        let s = f.sentence.text(text);
        if let Some(capital) = places::bare_capital(s, f.sentence.start, &f.places, &focus) {
            f.places.push(capital);
        }
    }
    let site_homes = site_homes(&facts, &focus);
    let city = story_city(&focus, dateline);

    let mut mentions: Vec<Mention> = Vec::new();
    let mut carried: Option<(usize, usize, EventDate)> = None; // (sentence, hops, date)
    let mut last_event_date: Option<(usize, EventDate)> = None;
    let mut last_day: Option<(usize, EventDate)> = None;
    for (index, f) in facts.iter().enumerate() {
        let sentence_text = f.sentence.text(text);
        // "the next day", "hours later" refer to an event told just before.
        let recent = last_event_date
            .as_ref()
            .filter(|(at, _)| index - at <= DATE_CARRY + 1)
            .map(|(_, d)| d);
        let same_day_as = last_day
            .as_ref()
            .filter(|(at, _)| index - at <= 1)
            .map(|(_, d)| d);
        let own = own_date(f, sentence_text, recent, same_day_as);
        let own_expression = own.is_some();
        let date = match own {
            Some(d) => {
                // Only a sentence that reports something sets the narrative's date; "who held
                // power from 2011 to 2013" is background.
                // A look back ("the heaviest since clashes in July") does not move the
                // story's own days into the past for the sentences after it.
                let recent = |d: &EventDate| {
                    published.is_some_and(|p| (p - d.start).num_days() <= FLASHBACK_DAYS)
                };
                let flashback = !recent(&d) && carried.as_ref().is_some_and(|(_, _, c)| recent(c));
                // "expanding to 100 percent in 2020, she said": a plan, not the story's time.
                let future = published.is_some_and(|p| d.start > p);
                if f.triggers.iter().any(|t| !t.hypothetical && !t.quoted) && !flashback && !future
                {
                    carried = Some((index, 0, d.clone()));
                }
                Some(d)
            }
            None => match &carried {
                Some((from, hops, d))
                    if index - from <= DATE_CARRY
                        && *hops < MAX_CARRY_HOPS
                        && !NO_INHERITED_DATE.is_match(sentence_text) =>
                {
                    let d = d.clone();
                    carried = Some((index, hops + 1, d.clone()));
                    Some(d)
                }
                _ => None,
            },
        };
        let place = sentence_place(f, &focus, &site_homes, city.as_ref())
            .map(|(p, score)| (seat_of_legislature(p, sentence_text), score));
        // Its own words date it more than a month before publication ("arrested in 1993").
        let past = own_expression
            && date.as_ref().is_some_and(|d| {
                published.is_some_and(|p| (p - d.end).num_days() > FLASHBACK_DAYS)
            });
        let mut new = mentions::sentence_mentions(
            index,
            f,
            sentence_text,
            (date.clone(), own_expression, past),
            place,
        );
        // "Turkish presidential spokesman Ibrahim Kalin condemned Armenia": a statement is
        // placed where its speaker's government sits, unless the sentence says where it was
        // made.
        let has_statement = new.iter().any(|m| m.event_type == EventType::Statement);
        if has_statement
            && let Some(speaker_place) = places::speaker_place(f, sentence_text, &focus)
        {
            for m in new
                .iter_mut()
                .filter(|m| m.event_type == EventType::Statement)
            {
                if m.place
                    .as_ref()
                    .is_none_or(|(_, score)| *score < LOCATIVE_PLACE)
                {
                    m.place = Some((speaker_place.clone(), LOCATIVE_PLACE));
                }
            }
        }
        // "Clashes ... have left seven dead. Violence erupted six days ago": a sentence that
        // only says when the unrest began dates the happening just told.
        if !new
            .iter()
            .any(|m| m.event_type.is_violent() || m.event_type == EventType::Protest)
            && own_expression
            && ONSET.is_match(sentence_text)
            && let Some(last) = mentions
                .iter()
                .rev()
                .take_while(|m| index - m.sentence <= 1)
                .find(|m| m.primary && m.event_type != EventType::Statement)
        {
            let mut onset = last.clone();
            onset.sentence = index;
            onset.primary = false;
            onset.definite = true;
            onset.date = date.clone();
            onset.date_own = true;
            new.push(onset);
        }
        if let Some(d) = new.iter().find(|m| m.primary).and_then(|m| m.date.clone()) {
            last_event_date = Some((index, d));
        }
        // "On Thursday night, guards foiled an infiltration. The same night, ...": a sentence
        // with a day of its own anchors the next one's "the same night" even when it reports
        // nothing the extractor counts.
        if own_expression && let Some(d) = date.filter(|d| d.precision == DatePrecision::Day) {
            last_day = Some((index, d));
        }
        mentions.extend(new);
    }
    (facts, mentions, focus)
}

/// "Joyce Banda ... Banda took office": a city's name that the article also uses as a
/// person's surname is that person wherever it stands alone without "in" or "at" before it.
fn place_surnames(facts: &[SentenceFacts]) -> std::collections::HashSet<String> {
    let g = &*crate::geo::gazetteer::GAZETTEER;
    facts
        .iter()
        .flat_map(|f| f.actors.iter())
        .filter_map(|(_, name)| {
            let words: Vec<&str> = name.split_whitespace().collect();
            let (&last, given) = words.split_last()?;
            let person = (1..=3).contains(&given.len())
                && given.iter().all(|w| {
                    w.starts_with(char::is_uppercase)
                        && !w.chars().all(char::is_uppercase)
                        && g.lookup(w).is_empty()
                });
            let city = !g.lookup(last).is_empty()
                && g.lookup(last).iter().all(|r| matches!(r, NameRef::City(_)));
            (person && city).then(|| last.to_owned())
        })
        .collect()
}

fn read_sentence(text: &str, sentence: Sentence, published: Option<NaiveDate>) -> SentenceFacts {
    let s = sentence.text(text);
    let (places, sites) = places::find(s, sentence.start);
    let keywords = keywords::scan(s);
    SentenceFacts {
        sentence,
        times: dates::find(s, &keywords, sentence.start, published),
        places,
        sites,
        // A heading ("Ongoing protests", "Ukraine war: After another night of attacks")
        // announces what the sentences below report; it is not a report of its own.
        triggers: if is_heading(s, &text[sentence.end..]) || is_caption(text, &sentence) {
            Vec::new()
        } else {
            triggers::find(s, &keywords)
        },
        casualties: numbers::find(s, &keywords),
        actors: actors::find(s, &keywords),
    }
}

/// A photographer's or agency's credit closing a paragraph: "... Shailesh Bhatnagar AP
/// Photo", "(REUTERS/Mohammed Salem)", "Photo: AFP", "... on August 8, 2021. Source:
/// Associated Press".
static PHOTO_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\bAP Photo\b|Getty Images|\bREUTERS/|\bReuters/|\bEPA(?:-EFE)?/|\bAFP(?: Photo)?/|\bAFP Photo\b|\bXinhua/|\b(?:PTI|IANS|ANI) Photo\b|\bPhoto(?:graph)?(?: by|:)|\(Photo\b|\bFile photo\b|[.!?]\s+Source:\s*\p{Lu})[^.!?]{0,60}$")
        .unwrap_or_else(|e| panic!("{e}"))
});

/// A picture's caption: the sentences of a paragraph that ends with a photo credit describe a
/// picture, not the news (which the article tells in its own words).
fn is_caption(text: &str, sentence: &Sentence) -> bool {
    let line_end = text[sentence.end..]
        .find('\n')
        .map_or(text.len(), |i| sentence.end + i);
    let line_start = text[..sentence.start].rfind('\n').map_or(0, |i| i + 1);
    PHOTO_CREDIT.is_match(text[line_start..line_end].trim_end())
}

/// A short line of its own (more text follows on the next line) without a full stop at
/// its end: a heading, not a sentence. A selection's last words are not one.
fn is_heading(sentence: &str, rest: &str) -> bool {
    let trimmed = sentence.trim_end();
    let ends_like_a_sentence = trimmed.ends_with(['.', '!', '?', '"', '”', '\'', '’', ')']);
    let own_line = rest
        .trim_start_matches([' ', '\t'])
        .starts_with(['\n', '\r'])
        && !rest.trim().is_empty();
    own_line && !ends_like_a_sentence && trimmed.split_whitespace().count() <= 14
}

/// The sentence's own dates that can date a happening at byte `at` of it, nearest first.
fn dates_near<'a>(
    f: &'a SentenceFacts,
    sentence: &'a str,
    at: usize,
) -> impl Iterator<Item = &'a TimeExpr> {
    // "in protest against his victory on Sunday": that date belongs to the victory, unless
    // the noun is the happening itself ("survived a no-confidence vote in February").
    let names_the_happening = move |t: &TimeExpr| {
        let at = t.start - f.sentence.start;
        f.triggers
            .iter()
            .any(|g| !g.hypothetical && g.end <= at && at - g.end <= 4)
    };
    let anchor = f.sentence.start + at;
    let mut dates: Vec<&TimeExpr> = f
        .times
        .iter()
        .filter(|t| t.role == TimeRole::When && t.value.is_some())
        .filter(|t| {
            !DATES_A_NOUN.is_match(&sentence[..t.start - f.sentence.start])
                || names_the_happening(t)
        })
        .collect();
    // "The fire, which was discovered on May 1, shifted on Tuesday": a date inside an aside
    // dates the happening outside it only when nothing else does, and never when the aside
    // tells a happening of its own ("arrested a man who killed a woman found dead last
    // weekend").
    let asides: Vec<(usize, usize, bool)> = RELATIVE_ASIDE
        .find_iter(sentence)
        .filter(|m| !(m.start() <= at && at < m.end()))
        .map(|m| {
            let own = f
                .triggers
                .iter()
                .any(|g| !g.hypothetical && m.start() <= g.start && g.end <= m.end());
            (
                f.sentence.start + m.start(),
                f.sentence.start + m.end(),
                own,
            )
        })
        .collect();
    let aside = |t: &TimeExpr| {
        asides
            .iter()
            .find(|&&(s, e, _)| s <= t.start && t.end <= e)
            .map(|&(_, _, own)| own)
    };
    dates.retain(|t| aside(t) != Some(true));
    dates.sort_by_key(|t| (aside(t).is_some(), (t.start as i64 - anchor as i64).abs()));
    dates.into_iter()
}

/// The date a sentence gives the happening at byte `at`, where the sentence dates different
/// happenings differently ("was arrested in 1993 ... but escaped in 2001"); `None` when it
/// has fewer than two distinct dates.
fn date_of_clause(f: &SentenceFacts, sentence: &str, at: usize) -> Option<EventDate> {
    let distinct = {
        let mut values: Vec<_> = f.times.iter().filter_map(|t| t.value.as_ref()).collect();
        values.dedup_by(|a, b| a.start == b.start && a.precision == b.precision);
        values.len()
    };
    if distinct < 2 {
        return None;
    }
    dates_near(f, sentence, at)
        .next()
        .and_then(|t| t.value.clone())
}

/// The date that follows the trigger at byte `at` within its clause (up to the next
/// trigger): "re-elected for another five-year term in 2015".
fn date_after(f: &SentenceFacts, sentence: &str, at: usize) -> Option<EventDate> {
    let clause_end = f
        .triggers
        .iter()
        .map(|t| t.start)
        .filter(|&s| s > at)
        .min()
        .unwrap_or(sentence.len());
    dates_near(f, sentence, at)
        .find(|t| {
            let start = t.start - f.sentence.start;
            start >= at && start < clause_end
        })
        .and_then(|t| t.value.clone())
}

/// The date a sentence gives its happening: its own expression nearest the first trigger,
/// or one relative to the previous event ("the next day").
fn own_date(
    f: &SentenceFacts,
    sentence: &str,
    previous: Option<&EventDate>,
    previous_day: Option<&EventDate>,
) -> Option<EventDate> {
    let anchor = f
        .triggers
        .iter()
        .find(|t| !t.hypothetical && !t.quoted)
        .map_or(0, |t| t.start);
    if let Some(t) = dates_near(f, sentence, anchor).next() {
        return t.value.clone();
    }
    f.times
        .iter()
        .find_map(|t| match (t.role, previous.or(previous_day)) {
            // The previous sentence's day anchors only "the same night", not "50 days before".
            (TimeRole::Relative { days }, Some(prev))
                if prev.precision == crate::model::DatePrecision::Day
                    && (previous.is_some() || days == 0) =>
            {
                let date = prev
                    .start
                    .checked_add_signed(chrono::Duration::days(days))?;
                let words = &sentence[t.start - f.sentence.start..t.end - f.sentence.start];
                Some(EventDate::day(date, words))
            }
            _ => None,
        })
}

/// Where each bare site noun of the article is: "the embassy" is the one "in Baghdad".
fn site_homes(facts: &[SentenceFacts], focus: &Focus) -> HashMap<String, (NameRef, String)> {
    let mut homes = HashMap::new();
    for m in facts.iter().flat_map(|f| f.places.iter()) {
        let (Some(site), false) = (&m.site, m.owner_only) else {
            continue;
        };
        if let Some(r) = places::resolve(m, &focus.weights, &[]) {
            homes.entry(site.clone()).or_insert((r, m.text.clone()));
        }
    }
    homes
}

/// The best place for what a sentence reports, with how sure that is.
fn sentence_place(
    f: &SentenceFacts,
    focus: &Focus,
    site_homes: &HashMap<String, (NameRef, String)>,
    story_city: Option<&Place>,
) -> Option<(Place, f64)> {
    let mut best: Option<(Place, f64, NameRef)> = None;
    for m in &f.places {
        let Some(r) = places::resolve(m, &focus.weights, &[]) else {
            continue;
        };
        let score = places::event_place_score(m, r, focus);
        if score <= 0.0 {
            continue;
        }
        let site = m.site.is_some() && matches!(r, NameRef::City(_));
        let candidate = places::to_place(r, &m.text, site);
        let better = match &best {
            None => true,
            Some((_, s, _)) => score > *s,
        };
        if better {
            best = Some((candidate, score, r));
        }
    }
    // A country chosen while a city of that country is also named: take the city.
    if let Some((place, score, NameRef::Country(_) | NameRef::Demonym(_))) = &best {
        let city = f.places.iter().find_map(|m| {
            let r = places::resolve(m, &focus.weights, &[])?;
            // ...not one something came from or went to ("travelling from Zonguldak").
            let ok = matches!(r, NameRef::City(_))
                && !m.metonym
                && !m.owner_only
                && !m.direction
                && crate::geo::gazetteer::GAZETTEER.country_of(r) == place.country;
            ok.then(|| (places::to_place(r, &m.text, m.site.is_some()), *score))
        });
        if let Some((city, score)) = city {
            return Some((city, score));
        }
    }
    if let Some((place, score, _)) = best {
        // Weak: a bare site noun whose home we know beats it.
        if score < 3.0
            && let Some(home) = bare_site_home(f, site_homes)
        {
            return Some(home);
        }
        // "a hotel in Venezuela" in a story from Caracas: a site in the story's country is
        // in the story's city.
        let has_site =
            !f.sites.is_empty() || f.places.iter().any(|m| m.site.is_some() && !m.owner_only);
        if let Some(city) = story_city.filter(|c| {
            has_site
                && place.precision == crate::model::PlacePrecision::Country
                && place.country == c.country
        }) {
            return Some((city.clone(), score));
        }
        return Some((place, score));
    }
    bare_site_home(f, site_homes).or_else(|| {
        // "gathered outside a hotel": with no place named, a site is in the story's city.
        story_city
            .filter(|_| !f.sites.is_empty())
            .map(|city| (city.clone(), 2.0))
    })
}

fn bare_site_home(
    f: &SentenceFacts,
    site_homes: &HashMap<String, (NameRef, String)>,
) -> Option<(Place, f64)> {
    f.sites.iter().find_map(|s| {
        site_homes
            .get(&s.noun)
            .map(|(r, text)| (places::to_place(*r, text, true), 4.0))
    })
}

/// Where an event with no place of its own is put: the dateline's city when the story is
/// about that city's country, otherwise the focus country.
fn fallback_place(focus: &Focus, dateline: Option<NameRef>) -> Option<Place> {
    let g = &*crate::geo::gazetteer::GAZETTEER;
    if let Some(city) = dateline_in_focus(focus, dateline) {
        return Some(places::to_place(city, g.canonical_name(city), false));
    }
    let index = g.country_index(focus.country.as_ref()?)?;
    Some(places::to_place(
        NameRef::Country(index),
        &g.countries[index].name,
        false,
    ))
}

/// The city the story happens in: the dateline's, when it lies in the focus country, else
/// the focus country's most-named city.
fn story_city(focus: &Focus, dateline: Option<NameRef>) -> Option<Place> {
    let g = &*crate::geo::gazetteer::GAZETTEER;
    // Without a focus country there is no focus city either.
    let city = dateline_in_focus(focus, dateline).or(focus.city)?;
    Some(places::to_place(city, g.canonical_name(city), false))
}

/// The dateline's city, when it lies in the article's focus country.
fn dateline_in_focus(focus: &Focus, dateline: Option<NameRef>) -> Option<NameRef> {
    let g = &*crate::geo::gazetteer::GAZETTEER;
    let country = focus.country.as_ref()?;
    dateline.filter(|r| g.country_of(*r) == country)
}

/// A street-level happening (an attack, a protest, an arrest) placed only in the story's
/// country is put in the story's city: a bombing "in Somalia" in a report from Mogadishu
/// happened there, as a reader would take it.
fn localise(event: &mut Event, city: &Place) {
    let local = matches!(
        event.event_type,
        EventType::Attack
            | EventType::Killing
            | EventType::Riot
            | EventType::Protest
            | EventType::Arrest
    );
    let Some(place) = &event.place else { return };
    // "in several states of southern Mexico" is no one city's.
    if local && mentions::is_spread(&event.evidence.text) {
        return;
    }
    if local
        && place.precision == crate::model::PlacePrecision::Country
        && place.country == city.country
    {
        event.place = Some(city.clone());
    }
}

/// True for violent event types that casualty counts belong to.
fn takes_casualties(t: EventType) -> bool {
    t.is_violent() || t == EventType::Disaster
}

#[cfg(test)]
mod tests;
