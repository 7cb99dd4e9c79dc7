//! Trigger words used in another sense report no happening of their type.

use super::*;

#[test]
fn a_heart_attack_is_no_assault_and_a_swearing_in_is_a_change_of_office() {
    let text = "Malawi's vice president was sworn in as its new leader on Saturday after the country's president died of a massive heart attack.";
    let x = extract(text, day(2012, 4, 7));
    assert_none_of(&x, &[EventType::Attack, EventType::Election]);
    let e = find(&x, EventType::Other, "sworn in");
    assert_eq!(start_day(e), day(2012, 4, 7));
}

#[test]
fn dealing_with_riots_makes_no_deal() {
    let text = "Swedish emergency services had to deal with a fourth night of riots as cars were set alight in several suburbs.";
    let x = extract(text, day(2013, 5, 23));
    assert_none_of(&x, &[EventType::Agreement]);
    find(&x, EventType::Riot, "fourth night of riots");
}

#[test]
fn a_plunge_in_popularity_is_no_accident_and_thrown_projectiles_are_no_shells() {
    let text = "Bachelet's popularity has plunged to its lowest ever, 29 percent.\n\nThe rally turned violent as masked protesters hurled stones and other projectiles at police.";
    let x = extract(text, day(2015, 5, 21));
    assert_none_of(&x, &[EventType::Disaster, EventType::ShellingMissile]);
    find(&x, EventType::Riot, "hurled stones");
    // A bus still plunges.
    let bus = extract(
        "A bus plunged into a ravine in Peru on Tuesday, killing 23 people.",
        day(2024, 7, 16),
    );
    find(&bus, EventType::Disaster, "plunged into a ravine");
}

#[test]
fn a_city_that_is_also_a_persons_surname_is_the_person_when_it_stands_alone() {
    let text = "Joyce Banda was sworn in as president of Malawi on Saturday.\n\nAs Banda took office, she paid tribute to Mutharika.\n\nBanda will hold office until elections are held.";
    let x = extract(text, day(2012, 4, 7));
    assert!(
        x.events.iter().all(|e| place_country(e) != Some("IN")),
        "{:#?}",
        summary(&x)
    );
}

#[test]
fn a_small_namesake_abroad_is_not_the_storys_village() {
    let text = "DHARAMSALA, India — A landslide buried two buses in northern India on Sunday.\n\nThe landslide in Urla village in Himachal Pradesh state on Sunday had buried part of a highway.\n\nIndia's army helped the rescue.";
    let x = extract(text, day(2017, 8, 14));
    assert!(
        x.events.iter().all(|e| place_country(e) == Some("IN")),
        "{:#?}",
        summary(&x)
    );
}

#[test]
fn tribal_fighting_is_a_clash_and_a_region_plunged_into_crisis_is_no_accident() {
    let text = "Reports from Papua New Guinea's Hela Province indicate an upsurge in inter-tribal fighting since last week.\n\nLocal leaders fear a return to the tribal warfare which plunged the region into a crisis in 2002.\n\nPakistan is plagued by a Taliban insurgency and sectarian violence.";
    let x = extract(text, day(2016, 8, 26));
    assert_none_of(&x, &[EventType::Disaster]);
    let e = find(&x, EventType::ArmedClash, "inter-tribal fighting");
    assert_eq!(place_country(e), Some("PG"));
    assert!(
        !x.events
            .iter()
            .any(|e| e.evidence.text.contains("sectarian violence")),
        "{:#?}",
        summary(&x)
    );
}

#[test]
fn a_ceasefire_violation_is_fighting_and_agreeing_to_step_down_is_no_agreement() {
    let text = "There were 271 ceasefire violations on the Line of Control in 2016.\n\nThe Czech government agreed to step down on Thursday after the election.";
    let x = extract(text, day(2018, 2, 5));
    assert_none_of(&x, &[EventType::Agreement]);
    find(&x, EventType::ArmedClash, "ceasefire violations");
    // A ceasefire agreed between two sides still is one.
    let truce = extract(
        "Kyrgyzstan and Tajikistan on Friday agreed to a cease-fire after clashes on their border.",
        day(2022, 9, 16),
    );
    find(&truce, EventType::Agreement, "agreed to a cease-fire");
}

#[test]
fn a_named_operation_is_no_storm_and_a_processions_is_a_protest() {
    let text = "The government launched Operation Peace Storm on March 26 to counter attacks on Tripoli.\n\nThe road was the epicentre of Wednesday's processions in Khartoum.\n\nThousands joined the funeral procession in Tripoli on Friday.";
    let x = extract(text, day(2022, 9, 1));
    assert_none_of(&x, &[EventType::Disaster]);
    let e = find(&x, EventType::Protest, "processions");
    assert_eq!(start_day(e), day(2022, 8, 31));
    assert!(
        !x.events
            .iter()
            .any(|e| e.event_type == EventType::Protest && e.evidence.text.contains("funeral")),
        "{:#?}",
        summary(&x)
    );
}

#[test]
fn a_place_of_birth_is_not_where_a_vote_happened() {
    let text = "Ukraine's parliament on Thursday elected Volodymyr Groysman prime minister after U.S.-born Finance Minister Natalie Jaresko was rejected.";
    let x = extract(text, day(2016, 4, 14));
    assert!(
        x.events.iter().all(|e| place_country(e) != Some("US")),
        "{:#?}",
        summary(&x)
    );
}

#[test]
fn court_hearings_pleas_and_confidence_votes_are_other_events_and_an_address_to_congress_a_statement()
 {
    let text = "Two 18-year-old males appeared at a remand hearing on Thursday over the riots in Husby.\n\nThe speaker of the Ukrainian parliament was elected the country's new prime minister on Thursday.\n\nChile's President Michelle Bachelet announced free university education in her annual address to Congress on Thursday.";
    let x = extract(text, day(2016, 4, 14));
    find(&x, EventType::Other, "remand hearing");
    find(&x, EventType::Other, "new prime minister");
    assert_none_of(&x, &[EventType::Election]);
    find(&x, EventType::Statement, "annual address");
}

#[test]
fn lauding_reacting_and_saying_one_is_outraged_are_statements() {
    let text = "Renewed fighting erupted in Juba on Sunday.\n\nThe U.N. mission UNMISS said it was \"outraged at the resumption of violence\".\n\nIn Germany, Foreign Minister Frank-Walter Steinmeier lauded the ceasefire.\n\nPhiladelphia Mayor Michael Nutter reacted with dismay to the disclosure.";
    let x = extract(text, day(2016, 7, 10));
    find(&x, EventType::Statement, "outraged");
    find(&x, EventType::Statement, "lauded");
    find(&x, EventType::Statement, "reacted with dismay");
}

#[test]
fn a_citys_mayor_speaks_from_the_city_and_a_train_bound_for_a_city_is_not_there() {
    let text = "An Amtrak train derailed in Philadelphia on Tuesday night, killing seven people.\n\nThe engineer of the New York City-bound passenger train applied the brakes, officials said on Wednesday.\n\nPhiladelphia Mayor Michael Nutter reacted with dismay to the disclosure.";
    let x = extract(text, day(2015, 5, 14));
    let mayor = find(&x, EventType::Statement, "Mayor Michael Nutter");
    assert_eq!(place_name(mayor), Some("Philadelphia"));
    assert!(
        x.events
            .iter()
            .all(|e| place_name(e) != Some("New York City")),
        "{:#?}",
        summary(&x)
    );
}

#[test]
fn a_country_written_with_a_typographic_apostrophe_is_found() {
    let x = extract(
        "Protesters marched in Cote d’Ivoire on Monday.",
        day(2020, 11, 3),
    );
    let e = find(&x, EventType::Protest, "marched");
    assert_eq!(place_country(e), Some("CI"));
}

#[test]
fn officials_passing_on_news_make_no_statement_of_their_own() {
    let text = "At least six civilians were killed in rocket attacks on Tripoli on Saturday.\n\nThe Interior Ministry said in a statement that a total of six people were killed and many injured.\n\nThe Kyrgyz border service said in a statement that the two countries' security chiefs agreed to a cease-fire.\n\nThe UN mission condemned the attacks on Saturday.";
    let x = extract(text, day(2020, 5, 9));
    let statements: Vec<_> = x
        .events
        .iter()
        .filter(|e| e.event_type == EventType::Statement)
        .collect();
    assert_eq!(statements.len(), 1, "{:#?}", summary(&x));
    assert!(statements[0].evidence.text.contains("condemned"));
}

#[test]
fn a_bus_that_tumbled_off_a_highway_is_an_accident_where_it_crashed() {
    let text = "A passenger bus veered and tumbled off a highway in western Turkey, killing 15 people on Sunday.\n\nOfficials investigate at the site of a bus crash, in Balikesir, western Turkey, on August 8, 2021. Source: Associated Press\n\nThe bus was traveling from Zonguldak in northern Turkey to Izmir when it went off the road.\n\nThe court overturned the ban on Monday.";
    let x = extract(text, day(2021, 8, 9));
    let crashes: Vec<_> = x
        .events
        .iter()
        .filter(|e| e.event_type == EventType::Disaster)
        .collect();
    assert_eq!(crashes.len(), 1, "{:#?}", summary(&x));
    assert_eq!(crashes[0].fatalities, Some(15));
    assert_eq!(place_country(crashes[0]), Some("TR"));
    assert_ne!(place_name(crashes[0]), Some("Zonguldak"));
    // The caption reports nothing of its own.
    assert!(
        !crashes[0]
            .evidence
            .text
            .starts_with("Officials investigate")
    );
}

#[test]
fn visits_candidacies_campaign_rallies_and_alerts_are_other_events() {
    let text = "Mr Macron arrived in Beirut on Monday for his second visit this month.\n\nSome 300,000 people had flocked to his final campaign rally in Manila on Saturday.\n\nWhen Mr. Duterte entered the presidential race last year he was viewed as a wild card.\n\nThe US embassy in Muscat has issued a security alert for US citizens.\n\nHowever, his strong ratings in the capital demonstrated that his message had appeal.";
    let x = extract(text, day(2016, 5, 9));
    find(&x, EventType::Other, "second visit");
    find(&x, EventType::Other, "final campaign rally");
    find(&x, EventType::Other, "entered the presidential race");
    find(&x, EventType::Other, "security alert");
    assert_none_of(&x, &[EventType::Protest, EventType::Attack]);
}

#[test]
fn a_child_swept_away_in_a_cyclone_died_in_the_disaster_and_a_failed_vote_is_an_election() {
    let text = "Tropical Cyclone Shaheen bore down on Oman on Sunday, killing at least three people.\n\nA child who had been swept away by water was found dead, the state news agency said.\n\nHouse Speaker Nabih Berri announced that the voting session ended without a president elected on Thursday.";
    let x = extract(text, day(2021, 10, 4));
    assert_none_of(&x, &[EventType::Killing]);
    find(&x, EventType::Election, "voting session");
}

#[test]
fn a_sentence_opening_the_is_no_part_of_a_city_courts_name() {
    let x = extract(
        "The Incheon District Court on Sunday issued an arrest warrant for the suspect.",
        day(2024, 5, 27),
    );
    let e = find(&x, EventType::Arrest, "arrest warrant");
    assert_eq!(place_name(e), Some("Incheon"));
}

#[test]
fn correspondents_bystanders_and_weather_advisories_make_no_statements() {
    let text = "Flash floods killed three people in Texas on Monday.\n\nThe governor's office said the severe weather could continue through the week.\n\nOfficials urged people to conserve electricity to ease the strain on the power grid.\n\nSome present insisted that it was three brothers.\n\nTexas Governor Greg Abbott declared a state of disaster in 24 counties on Monday.";
    let x = extract(text, day(2015, 5, 26));
    assert_none_of(&x, &[EventType::Statement]);
    find(&x, EventType::Other, "state of disaster");
}

#[test]
fn passive_sanctions_bans_and_ousters_are_other_events() {
    let text = "US sanctions against Venezuela were first imposed in 2017.\n\nA 2013 law effectively banned the freedom to assemble.\n\nFollowing the ouster of late ruler Muammar Gaddafi in 2011, Libya's government was founded.";
    let x = extract(text, day(2024, 7, 29));
    let sanctions = find(&x, EventType::Other, "sanctions");
    assert_eq!(sanctions.date.as_ref().map(|d| d.start.year()), Some(2017));
    find(&x, EventType::Other, "banned");
    let ouster = find(&x, EventType::Other, "ouster");
    assert_eq!(ouster.date.as_ref().map(|d| d.start.year()), Some(2011));
}

#[test]
fn netting_designed_to_deter_drone_strikes_reports_none() {
    let x = extract(
        "To reach them, vehicles pass underneath kilometres of plastic netting, which is designed to deter drone strikes, he told UN News.",
        day(2026, 1, 6),
    );
    assert_none_of(&x, &[EventType::AirStrike]);
}

#[test]
fn spreading_fires_and_fighting_torrential_rains_violent_acts_and_new_roles_are_reported() {
    let text = "The 2,650-hectare (6,540-acre) fire shifted aggressively with the wind on Tuesday.\n\nSuperintendent Welly indicated fighting has spread from Tari to Koroba.\n\nAs a result of violent acts at Andahuaylas Airport on Sunday, at least two people died.\n\nTorrential rains have forced more than 196,000 people from their homes.\n\nMustapha Adib has taken on the new role with the backing of most MPs.";
    let x = extract(text, day(2016, 5, 4));
    find(&x, EventType::Disaster, "hectare");
    find(&x, EventType::ArmedClash, "fighting has spread");
    find(&x, EventType::Riot, "violent acts");
    find(&x, EventType::Disaster, "Torrential rains");
    find(&x, EventType::Other, "new role");
}
