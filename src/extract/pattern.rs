//! The extractor's regular expressions, searched so that `\b` costs nothing on most text.
//! A Unicode word boundary (`\b` as written) stops the regex crate's fast DFA engines at
//! any non-ASCII byte, and news text is full of curly quotes and dashes; an ASCII boundary
//! does not, and the two agree wherever no non-ASCII letter, digit or mark is involved.

use std::sync::OnceLock;

use regex::{CaptureMatches, Matches, Regex};

/// A regex whose `\b` is a Unicode word boundary, searched with ASCII boundaries whenever
/// the haystack has no non-ASCII word character (then both find the same matches).
pub struct WordRegex {
    /// `\b` as `(?-u:\b)`.
    ascii: Regex,
    /// The pattern as written, compiled for the first haystack that needs it ("Nicolás").
    unicode: OnceLock<Regex>,
    source: String,
    /// Words one of which every match contains, for `keywords::Prefilter`.
    keywords: Option<Vec<Vec<u8>>>,
}

impl WordRegex {
    pub fn new(source: &str) -> Result<WordRegex, regex::Error> {
        Ok(WordRegex {
            ascii: Regex::new(&source.replace(r"\b", r"(?-u:\b)"))?,
            unicode: OnceLock::new(),
            source: source.to_owned(),
            keywords: super::keywords::required(source),
        })
    }

    /// Words one of which every match contains (ASCII-case-insensitively); `None` when
    /// the pattern can match without any.
    pub fn keywords(&self) -> Option<&[Vec<u8>]> {
        self.keywords.as_deref()
    }

    /// The compiled regex that searches `haystack` exactly as the pattern says.
    fn for_haystack(&self, haystack: &str) -> &Regex {
        if !has_non_ascii_word_char(haystack) {
            return &self.ascii;
        }
        self.unicode.get_or_init(|| {
            // The same syntax as the ASCII version, which compiled.
            Regex::new(&self.source).unwrap_or_else(|e| panic!("{}: {e}", self.source))
        })
    }

    pub fn is_match(&self, haystack: &str) -> bool {
        self.for_haystack(haystack).is_match(haystack)
    }

    pub fn find_iter<'r, 'h>(&'r self, haystack: &'h str) -> Matches<'r, 'h> {
        self.for_haystack(haystack).find_iter(haystack)
    }

    pub fn replace_all<'h>(&self, haystack: &'h str, with: &str) -> std::borrow::Cow<'h, str> {
        self.for_haystack(haystack).replace_all(haystack, with)
    }

    pub fn captures_iter<'r, 'h>(&'r self, haystack: &'h str) -> CaptureMatches<'r, 'h> {
        self.for_haystack(haystack).captures_iter(haystack)
    }
}

/// Whether `text` has a character that is a word character for Unicode but not for ASCII:
/// only next to one can `\b` and `(?-u:\b)` disagree.
fn has_non_ascii_word_char(text: &str) -> bool {
    !text.is_ascii()
        && text
            .chars()
            .any(|c| !c.is_ascii() && regex_syntax::is_word_character(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boundaries_next_to_accented_letters_stay_unicode() {
        let word = |p: &str| WordRegex::new(p).unwrap_or_else(|e| panic!("{e}"));
        // An ASCII boundary would see one between "caf" and "é".
        assert!(!word(r"\bcaf\b").is_match("at the café"));
        assert!(word(r"\bcaf\b").is_match("at the “caf” — again"));
        assert!(word(r"\bÁngel\b").is_match("said Ángel Pérez"));
    }
}
