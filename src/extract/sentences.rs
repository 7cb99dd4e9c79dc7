//! Sentence splitting with byte offsets. Paragraph breaks always end a sentence; a full
//! stop does unless it ends an abbreviation ("U.S.", "Dec.", "Mr.") or an initial.

/// A sentence: byte range into the text, and its paragraph number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub paragraph: usize,
}

impl Sentence {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// Abbreviations after which a full stop does not end a sentence (compared lowercased).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "cpl", "pvt", "adm",
    "cmdr", "rep", "sen", "gov", "pres", "st", "sr", "jr", "mt", "ft", "rev", "hon", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs", "etc",
    "inc", "ltd", "co", "corp", "dept", "approx", "est", "fig", "al", "ave", "blvd", "rd", "u.s",
    "u.n", "u.k", "e.u", "a.m", "p.m", "d.c", "i.e", "e.g",
];

/// Splits `text` into sentences, trimming surrounding whitespace.
pub fn split(text: &str) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut paragraph = 0;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let line_end = line_start + line.len();
        let content = line.trim_end_matches('\n');
        if content.trim().is_empty() {
            paragraph += 1;
        } else {
            split_line(
                text,
                line_start,
                line_start + content.len(),
                paragraph,
                &mut sentences,
            );
            // A single newline inside a paragraph still ends the line's last sentence;
            // scraped articles put one paragraph per line.
            paragraph += 1;
        }
        line_start = line_end;
    }
    sentences
}

fn split_line(text: &str, start: usize, end: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    // Quoted speech of several sentences stays whole, so "..." Trump said keeps its speaker;
    // unbalanced quotes (scraping damage) fall back to plain splitting.
    let line = &text[start..end];
    let balanced = line.matches('"').count().is_multiple_of(2)
        && line.matches('“').count() == line.matches('”').count();
    split_line_with(text, start, end, paragraph, balanced, out);
}

fn split_line_with(
    text: &str,
    start: usize,
    end: usize,
    paragraph: usize,
    respect_quotes: bool,
    out: &mut Vec<Sentence>,
) {
    let line = &text[start..end];
    let bytes = line.as_bytes();
    let mut sentence_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if matches!(b, b'.' | b'!' | b'?') {
            // Include closing quotes and brackets in the sentence.
            let mut close = i + 1;
            while close < bytes.len() {
                let rest = &line[close..];
                let Some(c) = rest.chars().next() else { break };
                if matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»') {
                    close += c.len_utf8();
                } else {
                    break;
                }
            }
            let followed_by_space = line[close..].starts_with(char::is_whitespace);
            let in_quote = respect_quotes && quote_open(&line[sentence_start..close]);
            if (close >= bytes.len() || followed_by_space)
                && !in_quote
                && !(b == b'.' && is_abbreviation(&line[..i]))
                && !(b == b'.' && is_dateline_state(&line[..i], &line[close..]))
                && next_word_can_start_sentence(&line[close..])
            {
                push_trimmed(text, start + sentence_start, start + close, paragraph, out);
                sentence_start = close;
            }
            i = close;
        } else {
            i += 1;
        }
    }
    push_trimmed(text, start + sentence_start, end, paragraph, out);
}

/// Whether a quotation opened in `text` is still open at its end.
fn quote_open(text: &str) -> bool {
    text.matches('"').count() % 2 == 1 || text.matches('“').count() > text.matches('”').count()
}

/// True when the word before a full stop is an abbreviation or an initial.
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .next()
        .unwrap_or("");
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return true; // an initial: "George W. Bush"
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

/// "LOUISVILLE, Ky. (AP) —": a state's abbreviation after the city of a dateline, which
/// opens the line, or before an agency's name in brackets. ("He lived in Portland, Ore."
/// may end a sentence.)
fn is_dateline_state(before: &str, rest: &str) -> bool {
    let word = before.rsplit(char::is_whitespace).next().unwrap_or("");
    let Some(city) = before[..before.len() - word.len()].strip_suffix(", ") else {
        return false;
    };
    let opens_line = !city.trim().contains(char::is_whitespace)
        || city.trim().chars().all(|c| !c.is_lowercase());
    (opens_line || rest.trim_start().starts_with('('))
        && super::places::state_abbreviation(&format!("{word}.")).is_some()
}

/// A new sentence starts with an upper-case letter, a digit, or an opening quote.
fn next_word_can_start_sentence(rest: &str) -> bool {
    match rest.trim_start().chars().next() {
        None => true,
        Some(c) => {
            c.is_uppercase()
                || c.is_ascii_digit()
                || matches!(c, '"' | '“' | '\'' | '‘' | '(' | '[')
        }
    }
}

fn push_trimmed(text: &str, start: usize, end: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    let slice = &text[start..end];
    let leading = slice.len() - slice.trim_start().len();
    let trailing = slice.len() - slice.trim_end().len();
    if leading + trailing < slice.len() {
        out.push(Sentence {
            start: start + leading,
            end: end - trailing,
            paragraph,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        split(text).iter().map(|s| s.text(text)).collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let t =
            "Protesters stormed the U.S. embassy. Gen. Smith arrived on Dec. 29. Nobody was hurt.";
        assert_eq!(
            texts(t),
            vec![
                "Protesters stormed the U.S. embassy.",
                "Gen. Smith arrived on Dec. 29.",
                "Nobody was hurt."
            ]
        );
    }

    #[test]
    fn quotes_stay_with_their_sentence_and_paragraphs_split() {
        let t = "\"We have responded,\" Trump said. \"Iran is to blame.\"\n\nNext paragraph here.";
        let s = split(t);
        assert_eq!(s.len(), 3);
        assert_eq!(s[1].text(t), "\"Iran is to blame.\"");
        assert_eq!(s[2].paragraph, 2);
    }

    #[test]
    fn a_quotation_of_several_sentences_stays_with_its_speaker() {
        let t = "\"Iran killed a contractor. We responded,\" Trump said in a tweet. Then he left.";
        assert_eq!(
            texts(t),
            vec![
                "\"Iran killed a contractor. We responded,\" Trump said in a tweet.",
                "Then he left."
            ]
        );
    }

    #[test]
    fn a_state_abbreviation_after_a_city_does_not_end_the_sentence() {
        let t = "LOUISVILLE, Ky. (AP) — Police shot a man. He lived in Portland, Ore. Nobody else was hurt.";
        assert_eq!(
            texts(t),
            vec![
                "LOUISVILLE, Ky. (AP) — Police shot a man.",
                "He lived in Portland, Ore.",
                "Nobody else was hurt."
            ]
        );
    }

    #[test]
    fn offsets_index_the_original_text() {
        let t = "  First one.  Second one!\nThird";
        for s in split(t) {
            assert_eq!(&t[s.start..s.end], s.text(t));
            assert!(!s.text(t).starts_with(' '));
        }
    }
}
