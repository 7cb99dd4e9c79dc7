//! The promises extraction makes on the bundled sample article.

use super::*;
use crate::model::{DatePrecision, PlacePrecision};
use chrono::Datelike;

const SAMPLE: &str = include_str!("../../../assets/articles/000_dcb1392a28173e2c.txt");

fn sample() -> Extraction {
    let article = crate::article::parse(std::path::Path::new("sample.txt"), SAMPLE.as_bytes())
        .expect("sample parses");
    extract(&article.text, article.published)
}

fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn find<'a>(x: &'a Extraction, t: EventType, evidence_has: &str) -> &'a Event {
    x.events
        .iter()
        .find(|e| e.event_type == t && e.all_evidence().any(|ev| ev.text.contains(evidence_has)))
        .unwrap_or_else(|| panic!("no {t:?} event with {evidence_has:?}: {:#?}", summary(x)))
}

/// The first day of an event's date.
fn start_day(e: &Event) -> Option<NaiveDate> {
    e.date.as_ref().map(|d| d.start)
}

/// The name of an event's place.
fn place_name(e: &Event) -> Option<&str> {
    e.place.as_ref().map(|p| p.name.as_str())
}

/// The country code of an event's place.
fn place_country(e: &Event) -> Option<&str> {
    e.place.as_ref().map(|p| p.country.as_str())
}

/// Fails, listing the events, if `x` has an event of any of `types`.
fn assert_none_of(x: &Extraction, types: &[EventType]) {
    assert!(
        x.events.iter().all(|e| !types.contains(&e.event_type)),
        "{:#?}",
        summary(x)
    );
}

fn summary(x: &Extraction) -> Vec<String> {
    x.events
        .iter()
        .map(|e| {
            format!(
                "{:?} {:?} {:?} f={:?} i={:?} | {}",
                e.event_type,
                start_day(e),
                place_name(e),
                e.fatalities,
                e.injured,
                e.evidence.text
            )
        })
        .collect()
}

#[test]
fn sample_yields_the_embassy_evacuation_on_2019_12_31_in_baghdad() {
    let x = sample();
    let e = find(
        &x,
        EventType::Evacuation,
        "were evacuated from their embassy",
    );
    assert_eq!(start_day(e), day(2019, 12, 31));
    let place = e.place.as_ref().expect("placed");
    assert_eq!(place.name, "Baghdad");
    assert_eq!(place.country, "IQ");
}

#[test]
fn sample_yields_the_attack_on_the_embassy_on_2019_12_31_in_baghdad() {
    let x = sample();
    let e = find(&x, EventType::Riot, "stormed and burned a security kiosk");
    assert_eq!(start_day(e), day(2019, 12, 31));
    assert_eq!(place_name(e), Some("Baghdad"));
    assert!(e.evidence.text.contains("stormed and burned"));
}

#[test]
fn sample_yields_the_air_strike_on_2019_12_29_in_iraq_with_25_killed_and_55_injured() {
    let x = sample();
    let e = find(&x, EventType::AirStrike, "US airplanes attacked bases");
    let date = e.date.as_ref().expect("dated");
    assert_eq!(
        (date.start, date.precision),
        (day(2019, 12, 29).expect("date"), DatePrecision::Day)
    );
    let place = e.place.as_ref().expect("placed");
    assert_eq!(
        (place.country.as_str(), place.precision),
        ("IQ", PlacePrecision::Country)
    );
    assert_eq!((e.fatalities, e.injured), (Some(25), Some(55)));
    assert!(e.evidence.text.starts_with("US airplanes attacked bases"));
}

#[test]
fn sample_yields_the_undated_missile_attack_that_killed_a_us_civilian() {
    let x = sample();
    let e = find(
        &x,
        EventType::ShellingMissile,
        "missile attack on an Iraqi military base",
    );
    assert_eq!(e.date, None);
    assert_eq!(e.fatalities, Some(1));
    assert_eq!(place_country(e), Some("IQ"));
}

#[test]
fn sample_yields_trumps_statement_on_2019_12_31_in_washington() {
    let x = sample();
    let e = find(&x, EventType::Statement, "Trump accused Iran");
    assert_eq!(start_day(e), day(2019, 12, 31));
    let place = e.place.as_ref().expect("placed");
    assert_eq!(
        (place.name.as_str(), place.country.as_str()),
        ("Washington", "US")
    );
    assert!(
        e.actors.iter().any(|a| a.contains("Trump")),
        "{:?}",
        e.actors
    );
}

#[test]
fn evidence_offsets_point_at_the_evidence_text() {
    let article =
        crate::article::parse(std::path::Path::new("s.txt"), SAMPLE.as_bytes()).expect("parses");
    let x = extract(&article.text, article.published);
    assert!(!x.events.is_empty());
    for e in &x.events {
        for ev in e.all_evidence() {
            assert_eq!(&article.text[ev.start..ev.end], ev.text);
        }
    }
    for d in &x.dates_mentioned {
        assert_eq!(&article.text[d.start..d.end], d.text);
    }
}

#[test]
fn sample_mentions_tuesday_and_sunday() {
    let x = sample();
    let resolved: Vec<(String, Option<NaiveDate>)> = x
        .dates_mentioned
        .iter()
        .map(|d| (d.text.clone(), d.value.as_ref().map(|v| v.start)))
        .collect();
    assert!(
        resolved.contains(&("on Tuesday".to_owned(), day(2019, 12, 31))),
        "{resolved:?}"
    );
    assert!(
        resolved.contains(&("on Sunday".to_owned(), day(2019, 12, 29))),
        "{resolved:?}"
    );
}

#[test]
fn without_a_publication_date_weekdays_leave_events_undated() {
    let article =
        crate::article::parse(std::path::Path::new("s.txt"), SAMPLE.as_bytes()).expect("parses");
    let x = extract(&article.text, None);
    let e = find(&x, EventType::AirStrike, "US airplanes attacked bases");
    assert_eq!(e.date, None);
}

#[test]
fn a_statement_is_placed_in_its_speakers_country() {
    let text = "Fighting erupted in Nagorno-Karabakh on Sunday.\n\nTurkish presidential spokesman Ibrahim Kalin condemned Armenia on Sunday.";
    let x = extract(text, day(2020, 9, 27));
    let said = find(&x, EventType::Statement, "Kalin");
    assert_eq!(place_country(said), Some("TR"));
}

#[test]
fn a_bombing_in_a_countrys_capital_is_in_that_city() {
    let text = "At least seven people died in a car bomb explosion in Somalia's capital on Monday.";
    let x = extract(text, day(2019, 2, 4));
    let bomb = find(&x, EventType::Attack, "car bomb");
    assert_eq!(place_name(bomb), Some("Mogadishu"));
}

#[test]
fn a_date_in_an_aside_does_not_date_the_main_clause() {
    let text = "The wildfire, which was discovered on May 1, breached the city limits of Fort McMurray on Tuesday.";
    let x = extract(text, day(2016, 5, 4));
    let fire = find(&x, EventType::Disaster, "wildfire");
    assert_eq!(start_day(fire), day(2016, 5, 3), "{:#?}", summary(&x));
}

#[test]
fn a_date_in_an_aside_about_another_happening_does_not_date_the_lead() {
    let text = "Police have arrested a man who killed Ashley Olsen, a U.S. woman who was found dead in her apartment in Florence last weekend.";
    let x = extract(text, day(2016, 1, 14));
    let arrest = find(&x, EventType::Arrest, "arrested");
    assert_ne!(
        arrest.date.as_ref().map(|d| d.precision),
        Some(DatePrecision::Week),
        "{:#?}",
        summary(&x)
    );
}

#[test]
fn a_murder_told_with_an_attack_verb_is_a_killing() {
    let text = "A blogger was attacked by four men and hacked to death in Sylhet on Tuesday.";
    let x = extract(text, day(2015, 5, 12));
    assert_eq!(
        x.events.first().map(|e| e.event_type),
        Some(EventType::Killing),
        "{:#?}",
        summary(&x)
    );
}

#[test]
fn a_heading_reports_nothing_but_a_fragment_does() {
    let x = extract(
        "Ukraine war: another night of Russian attacks\n\nTalks resumed on Monday.",
        day(2026, 1, 6),
    );
    assert_none_of(&x, &[EventType::Attack]);
    let x = extract(
        "US airplanes attacked bases of a militia on Sunday",
        day(2019, 12, 31),
    );
    assert_eq!(
        x.events.first().map(|e| e.event_type),
        Some(EventType::AirStrike)
    );
}

#[test]
fn a_witness_speaking_is_not_a_statement_event() {
    let text = "A bomb exploded in Kabul on Monday.\n\nA witness said on Monday that the blast shook the whole street.";
    let x = extract(text, day(2016, 6, 20));
    assert_none_of(&x, &[EventType::Statement]);
}

#[test]
fn a_routine_toll_update_is_not_a_statement_but_a_ministers_words_are() {
    let text = "A bomb exploded in Kabul on Monday.\n\nA police spokesman said on Monday that 14 people had been killed.";
    let x = extract(text, day(2016, 6, 20));
    assert_none_of(&x, &[EventType::Statement]);
    let text = "A bomb exploded in Kabul on Monday.\n\nThe Interior Minister said on Monday that 14 people had been killed.";
    let x = extract(text, day(2016, 6, 20));
    find(&x, EventType::Statement, "Interior Minister");
}

#[test]
fn the_dateline_outweighs_a_country_things_were_sent_to() {
    let text = "CAIRO An Egyptian court on Saturday sentenced three journalists for leaking documents to Qatar.\n\nTwo of them work for Qatar-based broadcaster Al Jazeera.\n\nQatar had supported the former president.";
    let x = extract(text, day(2016, 5, 7));
    let e = x.events.first().expect("an event");
    assert_eq!(place_country(e), Some("EG"), "{:#?}", summary(&x));
}

#[test]
fn a_victims_nationality_is_not_the_place_but_a_colombian_island_is() {
    let text = "Paraguayan anti-drug prosecutor Marcelo Pecci was shot dead on Tuesday while honeymooning on a Colombian Caribbean island.";
    let x = extract(text, day(2022, 5, 11));
    let e = find(&x, EventType::Killing, "Pecci");
    assert_eq!(place_country(e), Some("CO"));
}

#[test]
fn a_political_base_is_not_a_site() {
    let text = "A suicide bomber killed at least 65 people at a park in the Pakistani city of Lahore on Sunday, striking at the heart of the prime minister's political base of Punjab.";
    let x = extract(text, day(2016, 3, 27));
    let e = find(&x, EventType::Attack, "suicide bomber");
    assert_eq!(place_name(e), Some("Lahore"));
}

#[test]
fn an_undated_reaction_to_todays_lead_happening_is_dated_today() {
    let body = "A suicide bomber killed 65 people at a park in Lahore on Sunday.\n\nThe blast occurred in the parking area.\n\nPolice sealed the area.\n\nHospitals were overwhelmed.\n\nMany shops closed.\n\nRoads were deserted.\n\nThe army was called in.\n\nThe United States condemned the attack.";
    let reaction = |published| {
        let x = extract(body, published);
        find(&x, EventType::Statement, "condemned").date.clone()
    };
    assert_eq!(
        reaction(day(2016, 3, 27)).map(|d| d.start),
        day(2016, 3, 27)
    );
    // Published the next day, the reaction's day is not known.
    assert_eq!(reaction(day(2016, 3, 28)), None);
}

#[test]
fn a_return_to_a_city_is_placed_there() {
    let text = "Zimbabwe's army seized power in Zimbabwe on Wednesday.\n\nOpposition leader Morgan Tsvangirai, who has been receiving treatment in Britain, returned to Harare late on Wednesday, his spokesman said.";
    let x = extract(text, day(2017, 11, 16));
    let e = find(&x, EventType::Statement, "Tsvangirai");
    assert_eq!(place_name(e), Some("Harare"), "{:#?}", summary(&x));
}

#[test]
fn a_year_before_a_general_election_dates_it_and_a_coup_is_an_event() {
    let text = "The elder statesman had in the 2018 general election led the coalition to a shock win.\n\nThe parties formed the government after the coup in February.";
    let x = extract(text, day(2020, 8, 29));
    let vote = find(&x, EventType::Election, "2018 general election");
    assert_eq!(start_day(vote), day(2018, 1, 1));
    find(&x, EventType::Other, "coup");
}

#[test]
fn an_uprising_that_toppled_a_ruler_is_a_protest() {
    let text = "The country has grappled with militancy since a popular uprising in 2011 overthrew its longtime dictator.";
    let x = extract(text, day(2015, 3, 18));
    find(&x, EventType::Protest, "uprising");
    assert_none_of(&x, &[EventType::Other]);
}

#[test]
fn a_quotation_about_the_future_does_not_move_a_reported_month_ahead() {
    let text = "He said the police had received information in late November about a warning that \u{201c}there will be a concert\u{201d} in Indonesia.";
    let x = extract(text, day(2016, 1, 14));
    let november = x
        .dates_mentioned
        .iter()
        .find(|d| d.text.contains("November"))
        .and_then(|d| d.value.as_ref())
        .map(|v| v.start);
    assert_eq!(november, day(2015, 11, 1));
}

#[test]
fn a_televised_address_and_voiced_concern_are_statements() {
    let text = "Gunmen attacked a cafe in Jakarta on Thursday.\n\nPresident Joko called the assaults acts of terror in a televised statement Thursday.\n\nThe foreign minister voiced concern over the violence.";
    let x = extract(text, day(2016, 1, 14));
    find(&x, EventType::Statement, "televised statement");
    find(&x, EventType::Statement, "voiced concern");
}

#[test]
fn a_site_with_no_place_named_is_in_the_storys_city() {
    let text = "CARACAS Venezuela's president Nicolas Maduro was declared the winner of Sunday's election in Caracas.\n\nA fire broke out at a hotel in Venezuela on Monday.";
    let x = extract(text, day(2024, 7, 30));
    let fire = find(&x, EventType::Disaster, "hotel");
    assert_eq!(place_name(fire), Some("Caracas"), "{:#?}", summary(&x));
}

#[test]
fn reported_that_shelling_hit_is_new_shelling_not_a_reference() {
    let text = "Authorities reported that shelling hit the town of Martuni on Sunday.";
    let x = extract(text, day(2020, 9, 27));
    let e = find(&x, EventType::ShellingMissile, "shelling hit");
    assert_eq!(start_day(e), day(2020, 9, 27));
}

#[test]
fn critics_and_businesses_speaking_and_generic_truths_are_not_events() {
    let text = "A gunman shot dead a prosecutor in Cartagena on Tuesday.\n\nThe hotel where the couple was staying said in a statement that the attackers came by sea.\n\nThe mayor's opponents have accused him of tolerating crime.\n\nWhile floods are common in the region during the monsoon, scientists say the climate crisis makes them worse.";
    let x = extract(text, day(2022, 5, 11));
    assert_none_of(&x, &[EventType::Statement, EventType::Disaster]);
}

#[test]
fn a_city_state_is_its_city_and_downing_street_is_in_london() {
    let x = extract(
        "Protesters marched in Hong Kong on Tuesday.",
        day(2019, 11, 12),
    );
    let e = find(&x, EventType::Protest, "Hong Kong");
    assert_eq!(
        e.place.as_ref().map(|p| p.precision),
        Some(PlacePrecision::City)
    );
    let x = extract(
        "Rioters attacked a mosque in Southport on Tuesday.\n\nIn a statement, Downing Street said the violence was unacceptable.",
        day(2024, 7, 31),
    );
    let said = find(&x, EventType::Statement, "Downing Street");
    assert_eq!(place_name(said), Some("London"));
}

#[test]
fn an_ambiguous_city_counts_for_its_largest_namesakes_country() {
    let x = extract(
        "A gunman shot dead a prosecutor in Cartagena on Tuesday.\n\nThe government said on Tuesday it would investigate.",
        day(2022, 5, 11),
    );
    assert!(
        x.events
            .iter()
            .all(|e| e.place.as_ref().is_some_and(|p| p.country == "CO")),
        "{:#?}",
        summary(&x)
    );
}

#[test]
fn a_birth_year_and_blame_do_not_date_or_make_events() {
    let text = "A suicide bomber killed ten people in Istanbul on Tuesday.\n\nThe bomber was a Syrian national born in 1988.\n\nTurkey has become a target, with two bombings last year blamed on the group.";
    let x = extract(text, day(2016, 1, 12));
    assert!(
        x.events
            .iter()
            .all(|e| e.date.as_ref().is_none_or(|d| d.start.year() != 1988)),
        "{:#?}",
        summary(&x)
    );
    let last_year = find(&x, EventType::Attack, "two bombings last year");
    assert_eq!(start_day(last_year), day(2015, 1, 1));
}

#[test]
fn a_war_named_beside_a_killing_is_not_the_event() {
    let text = "Their deaths followed the similar killing in 2013 of a blogger who backed calls to punish leaders accused of atrocities in the 1971 war of independence.";
    let x = extract(text, day(2015, 5, 12));
    assert_none_of(&x, &[EventType::ArmedClash]);
}

#[test]
fn violence_that_erupted_six_days_ago_dates_the_clashes_just_told() {
    let text = "Clashes between opposition protesters and police have left seven people dead.\n\nViolence erupted six days ago after the party endorsed the president.";
    let x = extract(text, day(2015, 5, 1));
    let clashes = find(&x, EventType::Riot, "Clashes");
    assert_eq!(start_day(clashes), day(2015, 4, 25));
}

#[test]
fn official_measures_after_an_attack_are_other_events() {
    let text = "A suicide bomber killed 65 people at a park in Lahore on Sunday.\n\nSoon after the attack, the provincial government ordered all public parks to be closed and announced three days of mourning.\n\nLate Tuesday, police released a photo of one of the presumed attackers.";
    let x = extract(text, day(2016, 3, 29));
    find(&x, EventType::Other, "ordered all public parks");
    find(&x, EventType::Other, "released a photo");
}

#[test]
fn a_government_condemned_by_others_is_not_speaking() {
    let text = "Helicopters dropped barrel bombs on Aleppo on Tuesday.\n\nThe Syrian government has been repeatedly condemned for the bombing.";
    let x = extract(text, day(2015, 5, 14));
    assert_none_of(&x, &[EventType::Statement]);
}

#[test]
fn an_accepted_resignation_is_an_event_and_a_party_rally_is_not_a_protest() {
    let text = "French President Emmanuel Macron has accepted the resignation of Prime Minister Gabriel Attal.\n\nMarine Le Pen's National Rally party had taken a commanding lead in the first round.";
    let x = extract(text, day(2024, 7, 16));
    find(&x, EventType::Other, "accepted the resignation");
    assert_none_of(&x, &[EventType::Protest]);
}

#[test]
fn a_party_raided_by_police_is_not_an_attack_and_a_crush_is_a_disaster() {
    let text = "At least 13 people were crushed to death as partygoers tried to flee a party raided by police in Lima on Saturday night.";
    let x = extract(text, day(2020, 8, 23));
    let crush = find(&x, EventType::Disaster, "crushed to death");
    assert_eq!(crush.fatalities, Some(13));
    assert_none_of(&x, &[EventType::Attack]);
}

#[test]
fn news_without_a_date_does_not_absorb_an_arrest_dated_decades_before() {
    let text = "Ismael Zambada, the alleged leader of the cartel, is in US custody, the Justice Department said.\n\nThe cartel is one of the most powerful drug-trafficking groups in the world.\n\nThe elder Guzman was arrested in 1993 on drug charges.";
    let x = extract(text, day(2024, 7, 26));
    let custody = find(&x, EventType::Arrest, "in US custody");
    assert_eq!(custody.date, None, "{:#?}", summary(&x));
    let old = find(&x, EventType::Arrest, "arrested in 1993");
    assert_eq!(start_day(old), day(1993, 1, 1));
}

#[test]
fn taking_power_and_a_funeral_are_events_and_a_crisis_is_no_disaster() {
    let text = "When Rajaonarimampianina took power in January 2014, donors returned.\n\nThousands attended his funeral in Tral on Saturday.\n\nThe island had been plunged into a state of crisis in 2009 by a coup.";
    let x = extract(text, day(2016, 7, 10));
    let power = find(&x, EventType::Other, "took power");
    assert_eq!(start_day(power), day(2014, 1, 1));
    find(&x, EventType::Other, "attended his funeral");
    assert_none_of(&x, &[EventType::Disaster]);
}

#[test]
fn a_forecast_is_not_a_happening() {
    let text = "The heat wave was expected to spread triple-digit temperatures over much of California through Labor Day.";
    let x = extract(text, day(2020, 9, 5));
    assert_none_of(&x, &[EventType::Disaster]);
}

#[test]
fn a_legislature_acts_in_its_seat_and_a_political_storm_is_no_disaster() {
    let text = "A committee of Brazil's lower house of Congress voted 38-27 on Monday to recommend the impeachment of President Dilma Rousseff.\n\nRousseff, caught in a political storm fueled by Brazil's worst recession in decades, has denied any wrongdoing.";
    let x = extract(text, day(2016, 4, 12));
    let vote = find(&x, EventType::Other, "voted 38-27");
    let place = place_name(vote);
    assert_eq!(place, Some("Brasília"), "{:#?}", summary(&x));
    assert_none_of(&x, &[EventType::Disaster]);
}

#[test]
fn fighting_in_nagorno_karabakh_is_in_azerbaijan() {
    let text = "A new wave of fighting broke out in the Nagorno-Karabakh region on Saturday, with Armenia and Azerbaijan blaming each other.";
    let x = extract(text, day(2016, 4, 2));
    let fighting = find(&x, EventType::ArmedClash, "fighting broke out");
    let country = place_country(fighting);
    assert_eq!(country, Some("AZ"), "{:#?}", summary(&x));
}

#[test]
fn an_attempt_is_not_a_happening() {
    let text = "Authorities had tried before to arrest five of the militants, police said.\n\nBy early evening, Mr. Besigye was trying to organize another rally.";
    let x = extract(text, day(2016, 7, 3));
    assert_none_of(&x, &[EventType::Arrest, EventType::Protest]);
}

#[test]
fn a_day_in_the_possessive_dates_its_happening() {
    let text = "Authorities said on Thursday that Wednesday's accident at El Tunel mine in the town of Riosucio was likely triggered by a power outage.";
    let x = extract(text, day(2015, 5, 15));
    let accident = find(&x, EventType::Disaster, "Wednesday's accident");
    assert_eq!(start_day(accident), day(2015, 5, 13));
}

#[test]
fn a_government_speaks_from_its_seat_and_a_state_premier_does_not() {
    let text = "Fighting broke out in Nagorno-Karabakh on Sunday.\n\nTurkish presidential spokesman Ibrahim Kalin condemned Armenia.";
    let x = extract(text, day(2020, 9, 27));
    let kalin = find(&x, EventType::Statement, "Kalin");
    let place = place_name(kalin);
    assert_eq!(place, Some("Ankara"), "{:#?}", summary(&x));
    let text = "Thousands rallied in Melbourne on Friday.\n\nWestern Australian state premier Colin Barnett condemned the closures of remote communities.";
    let x = extract(text, day(2015, 5, 1));
    let barnett = find(&x, EventType::Statement, "Barnett");
    let place = place_name(barnett);
    assert_ne!(place, Some("Canberra"), "{:#?}", summary(&x));
}

#[test]
fn the_security_council_speaks_as_an_authority() {
    let text = "Renewed fighting erupted in Juba on Sunday.\n\nThe United Nations Security Council said it would meet later on Sunday to discuss the violence.";
    let x = extract(text, day(2016, 7, 10));
    find(&x, EventType::Statement, "Security Council");
}

#[test]
fn ministers_talking_by_phone_is_a_statement() {
    let text = "Fighting broke out in Nagorno-Karabakh on Saturday.\n\nRussian Foreign Minister Sergei Lavrov and Defense Minister Sergei Shoigu have talked by phone with their Armenian and Azeri counterparts.";
    let x = extract(text, day(2016, 4, 2));
    find(&x, EventType::Statement, "talked by phone");
}

#[test]
fn suspended_flights_and_closed_borders_are_measures() {
    let text = "Fighting erupted in Juba on Sunday.\n\nKenya Airways has suspended flights to Juba.\n\nUganda closed its border with South Sudan.";
    let x = extract(text, day(2016, 7, 10));
    find(&x, EventType::Other, "suspended flights");
    find(&x, EventType::Other, "closed its border");
}

#[test]
fn a_happening_reported_on_a_day_is_dated_that_day_but_a_reference_is_not() {
    let text = "A gunman opened fire at a mosque in Muscat on Monday night.\n\nA healthcare worker has been diagnosed with Ebola in Glasgow, the Scottish government said on Tuesday.\n\nPakistani Prime Minister Shehbaz Sharif posted on X Tuesday that he had been deeply saddened by the attack.";
    let x = extract(text, day(2024, 7, 16));
    let diagnosis = find(&x, EventType::Other, "diagnosed with Ebola");
    assert_eq!(start_day(diagnosis), day(2024, 7, 16));
    let attacks: Vec<_> = x
        .events
        .iter()
        .filter(|e| e.event_type == EventType::Attack)
        .collect();
    assert_eq!(attacks.len(), 1, "{:#?}", summary(&x));
    assert_eq!(start_day(attacks[0]), day(2024, 7, 15));
}

#[test]
fn protests_spread_over_several_cities_and_one_citys_report_are_separate_events() {
    let text = "Protests broke out in several Venezuelan cities on Monday after Maduro was declared the winner.\n\nIn the capital of Caracas, protesters blocked roads and banged pots and pans.\n\nIn the coastal state of Falcón, demonstrators toppled a statue of Chávez.";
    let x = extract(text, day(2024, 7, 29));
    let places: Vec<_> = x.events.iter().filter_map(place_name).collect();
    assert!(places.contains(&"Caracas"), "{:#?}", summary(&x));
    assert!(places.contains(&"Falcón"), "{:#?}", summary(&x));
    let unrest = x
        .events
        .iter()
        .filter(|e| matches!(e.event_type, EventType::Protest | EventType::Riot))
        .count();
    assert_eq!(unrest, 3, "{:#?}", summary(&x));
    // The lead stays country-wide, not put in one city.
    let lead = find(&x, EventType::Protest, "several Venezuelan cities");
    assert_eq!(place_country(lead), Some("VE"));
    assert_ne!(place_name(lead), Some("Caracas"));
}

#[test]
fn one_towns_part_of_a_spread_happening_takes_its_day() {
    let text = "Protesters burned ballot boxes in several states of southern Mexico in an attempt to disrupt Sunday's elections.\n\nThousands of soldiers were guarding polling stations.\n\nElection authorities said 99 percent of polling stations remained open.\n\nThe teachers' demands include wage hikes.\n\nProtesters burned at least seven ballot boxes and election materials in Tixtla, a Guerrero state town.";
    let x = extract(text, day(2015, 6, 8));
    let tixtla = x
        .events
        .iter()
        .find(|e| e.evidence.text.contains("in Tixtla"))
        .unwrap_or_else(|| panic!("{:#?}", summary(&x)));
    assert_eq!(start_day(tixtla), day(2015, 6, 7), "{:#?}", summary(&x));
}

#[test]
fn a_deadly_happening_is_the_news_of_a_sentence_about_the_arrest_after_it() {
    let text = "Nairobi — Kenyan police say one suspect has been arrested after an improvised explosive device killed seven people on a bus in northeast Kenya.";
    let x = extract(text, day(2022, 2, 1));
    let e = find(&x, EventType::Attack, "improvised explosive device");
    assert!(e.evidence.text.starts_with("Nairobi"));
    assert_eq!(e.fatalities, Some(7));
}

#[test]
fn the_same_night_and_a_vote_in_february_are_dated() {
    let text = "On Thursday night, border guards foiled an infiltration attempt in Jammu and Kashmir, India.\n\nThe same night, Pakistani troops had resorted to mortar shelling in India's Poonch district.\n\nYatsenyuk's cabinet survived a no-confidence vote in February.";
    let x = extract(text, day(2018, 2, 5));
    let shelling = find(&x, EventType::ShellingMissile, "mortar shelling");
    assert_eq!(start_day(shelling), day(2018, 2, 1), "{:#?}", summary(&x));
    let vote = find(&x, EventType::Other, "no-confidence vote");
    let date = vote.date.as_ref().expect("dated");
    assert_eq!(
        (date.start, date.precision),
        (day(2018, 2, 1).expect("day"), DatePrecision::Month)
    );
}

#[test]
fn tuesday_nights_crash_is_the_derailment_told_before() {
    let text = "An Amtrak train that derailed in Philadelphia, killing seven people, was travelling at twice the speed limit, investigators have said.\n\nWhile the cause of Tuesday night's crash remains to be determined, experts believe the derailment would have been prevented by a safety system.";
    let x = extract(text, day(2015, 5, 14));
    let crashes: Vec<_> = x
        .events
        .iter()
        .filter(|e| e.event_type == EventType::Disaster)
        .collect();
    assert_eq!(crashes.len(), 1, "{:#?}", summary(&x));
    assert_eq!(start_day(crashes[0]), day(2015, 5, 12));
}

#[test]
fn protesters_killed_by_security_forces_stay_a_killing_when_the_shooting_is_told_again() {
    let text = "At least three people were killed Saturday by security forces during a protest in Mandalay, Myanmar.\n\nPolice and soldiers opened fire into a crowd in Mandalay after government employees refused to return to work.";
    let x = extract(text, day(2021, 2, 21));
    assert_none_of(&x, &[EventType::Attack]);
    let e = find(&x, EventType::Killing, "killed Saturday");
    assert_eq!(e.fatalities, Some(3));
}

#[test]
fn a_prime_ministers_election_by_parliament_does_not_continue_a_resignation() {
    let text = "Ukraine's parliament speaker Volodymyr Groysman was elected the country's new prime minister on Thursday.\n\nThe outgoing prime minister, Arseniy Yatsenyuk, resigned this week after weeks of pressure.";
    let x = extract(text, day(2016, 4, 14));
    find(&x, EventType::Other, "new prime minister");
    let resignation = find(&x, EventType::Other, "resigned this week");
    assert!(
        resignation.evidence.text.contains("resigned"),
        "{:#?}",
        summary(&x)
    );
}

#[test]
fn an_attempt_to_storm_a_building_is_a_riot_and_a_look_back_is_its_own_event() {
    let text = "Protesters stormed the city hall in Almaty, Kazakhstan, early on Wednesday.\n\nSome witnesses told TASS that the protesters tried to storm the city administration building.\n\nOn January 2, crowds took to the streets in the cities of Zhanaozen and Aktau, protesting against high fuel prices.";
    let x = extract(text, day(2022, 1, 5));
    let storm = find(&x, EventType::Riot, "tried to storm");
    assert_eq!(start_day(storm), day(2022, 1, 5), "{:#?}", summary(&x));
    let first = find(&x, EventType::Protest, "On January 2");
    assert_eq!(start_day(first), day(2022, 1, 2));
    // The storm is no weather.
    assert_none_of(&x, &[EventType::Disaster]);
}

#[test]
fn a_sentence_dating_two_happenings_apart_makes_two_events() {
    let text = "Ouattara was first elected president of Cote d'Ivoire in 2010 and re-elected for another five-year term in office in 2015.\n\nThe elder Guzman was arrested in 1993 on homicide and drug charges.";
    let x = extract(text, day(2020, 11, 3));
    let years: Vec<i32> = x
        .events
        .iter()
        .filter(|e| e.event_type == EventType::Election)
        .filter_map(|e| e.date.as_ref().map(|d| d.start.year()))
        .collect();
    assert_eq!(years, vec![2010, 2015], "{:#?}", summary(&x));
    let arrest = find(&x, EventType::Arrest, "arrested in 1993");
    assert_eq!(arrest.date.as_ref().map(|d| d.start.year()), Some(1993));
}

mod other_senses;
mod scraped_pages;
