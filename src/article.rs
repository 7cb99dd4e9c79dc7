//! Reading article files: decoding, the optional `date YYYY-MM-DD [title]` header,
//! and a usable title. Everything a person might open goes through [`load`], which
//! returns a clear [`LoadError`] instead of panicking.

use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Files larger than this are refused: no news article is this long.
pub const MAX_FILE_BYTES: u64 = 20 * 1024 * 1024;

/// A decoded article ready for extraction.
#[derive(Clone, Debug, PartialEq)]
pub struct Article {
    pub path: PathBuf,
    pub title: String,
    pub published: Option<NaiveDate>,
    /// The body: the file's text without its header line. Evidence offsets index into this.
    pub text: String,
    /// Problems that did not stop loading, e.g. replaced invalid bytes.
    pub warnings: Vec<String>,
}

#[derive(Debug, Error)]
pub enum LoadError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is empty: there is no article text to read")]
    Empty { path: PathBuf },
    #[error(
        "{path} is too large ({size_mb:.1} MB); Dateline opens article files up to {limit_mb} MB"
    )]
    TooLarge {
        path: PathBuf,
        size_mb: f64,
        limit_mb: u64,
    },
    #[error("{path} looks like a binary file, not text: open a plain-text article (.txt)")]
    Binary { path: PathBuf },
}

/// Reads and decodes one article file.
pub fn load(path: &Path) -> Result<Article, LoadError> {
    let io_error = |source| LoadError::Io {
        path: path.to_owned(),
        source,
    };
    let size = std::fs::metadata(path).map_err(io_error)?.len();
    if size > MAX_FILE_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_owned(),
            size_mb: size as f64 / (1024.0 * 1024.0),
            limit_mb: MAX_FILE_BYTES / (1024 * 1024),
        });
    }
    let bytes = std::fs::read(path).map_err(io_error)?;
    parse(path, &bytes)
}

/// Decodes an article from bytes already read; `path` is used for messages and identity.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Article, LoadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if looks_binary(bytes) {
        return Err(LoadError::Binary {
            path: path.to_owned(),
        });
    }
    let mut warnings = Vec::new();
    let decoded = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_owned(),
        Err(_) => {
            let lossy = String::from_utf8_lossy(bytes).into_owned();
            let replaced = lossy.matches('\u{FFFD}').count();
            warnings.push(format!(
                "{} is not valid UTF-8: {replaced} invalid byte sequence(s) were replaced with \u{FFFD}",
                path.display()
            ));
            lossy
        }
    };
    let decoded = decoded.replace("\r\n", "\n").replace('\r', "\n");
    let (header, body) = split_header(&decoded);
    let body = body.trim_matches('\n').to_owned();
    if body.trim().is_empty() {
        return Err(LoadError::Empty {
            path: path.to_owned(),
        });
    }
    let published = header.as_ref().map(|h| h.date);
    let title = header
        .and_then(|h| h.title)
        .filter(|t| !is_junk_title(t))
        .unwrap_or_else(|| title_from_text(&body));
    Ok(Article {
        path: path.to_owned(),
        title,
        published,
        text: body,
        warnings,
    })
}

struct Header {
    date: NaiveDate,
    title: Option<String>,
}

/// Splits off a first line of the form `date YYYY-MM-DD [title]` (leading spaces allowed).
fn split_header(text: &str) -> (Option<Header>, &str) {
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    let mut words = first.trim().splitn(3, char::is_whitespace);
    if !words.next().is_some_and(|w| w.eq_ignore_ascii_case("date")) {
        return (None, text);
    }
    let Some(date) = words
        .next()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
    else {
        return (None, text);
    };
    let title = words
        .next()
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty());
    (Some(Header { date, title }), rest)
}

/// Scraper leftovers that are not real titles.
fn is_junk_title(title: &str) -> bool {
    const JUNK: [&str; 10] = [
        "loading",
        "untitled",
        "404",
        "page not found",
        "access denied",
        "just a moment",
        "home",
        "news",
        "redirecting",
        "attention required",
    ];
    let normalized = title
        .trim()
        .trim_end_matches(['.', '…', '!'])
        .trim()
        .to_lowercase();
    normalized.chars().filter(|c| c.is_alphanumeric()).count() < 4
        || JUNK.contains(&normalized.as_str())
}

/// A title made from the first sentence, shortened to about ten words.
pub fn title_from_text(text: &str) -> String {
    const MAX_WORDS: usize = 10;
    let first_line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let sentence_end = first_line
        .char_indices()
        .find(|&(i, c)| {
            matches!(c, '.' | '!' | '?')
                && first_line[i + 1..].starts_with(' ')
                && !first_line[..i].ends_with(char::is_uppercase)
        })
        .map_or(first_line.len(), |(i, _)| i);
    let sentence = &first_line[..sentence_end];
    let words: Vec<&str> = sentence.split_whitespace().collect();
    if words.is_empty() {
        return "Untitled article".to_owned();
    }
    let mut title = words[..words.len().min(MAX_WORDS)].join(" ");
    title = title.trim_end_matches([',', ';', ':']).to_owned();
    if words.len() > MAX_WORDS {
        title.push('…');
    }
    title
}

/// NUL bytes or many control characters mean this is not a text file.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.contains(&0) {
        return true;
    }
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    control * 10 > sample.len().max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(text: &str) -> Article {
        parse(Path::new("a.txt"), text.as_bytes()).expect("parses")
    }

    #[test]
    fn header_gives_date_and_junk_title_is_replaced_by_first_sentence() {
        let a = parse_str(
            " date 2019-12-31 Loading...\n\nThe US ambassador to Iraq and other employees were evacuated from their embassy in Baghdad on Tuesday. More.",
        );
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2019, 12, 31));
        assert_eq!(
            a.title,
            "The US ambassador to Iraq and other employees were evacuated…"
        );
        assert!(a.text.starts_with("The US ambassador"));
    }

    #[test]
    fn header_title_is_kept_when_real() {
        let a = parse_str("date 2020-01-03 Iran general killed in US strike\nBody text.");
        assert_eq!(a.title, "Iran general killed in US strike");
        assert_eq!(a.text, "Body text.");
    }

    #[test]
    fn no_header_means_unknown_publication_date() {
        let a = parse_str("Protesters gathered in Paris. Police fired tear gas.");
        assert_eq!(a.published, None);
        assert_eq!(a.title, "Protesters gathered in Paris");
        assert!(a.text.starts_with("Protesters"));
    }

    #[test]
    fn byte_order_mark_and_crlf_are_removed() {
        let a = parse(
            Path::new("b.txt"),
            b"\xEF\xBB\xBFdate 2021-05-01 T\r\nLine one.\r\nLine two.",
        )
        .expect("parses");
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2021, 5, 1));
        assert_eq!(a.text, "Line one.\nLine two.");
    }

    #[test]
    fn invalid_utf8_is_replaced_with_a_warning() {
        let a = parse(Path::new("c.txt"), b"Caf\xE9 bombed in Kabul.").expect("parses");
        assert!(a.text.contains('\u{FFFD}'));
        assert_eq!(a.warnings.len(), 1);
        assert!(a.warnings[0].contains("not valid UTF-8"));
    }

    #[test]
    fn empty_and_binary_files_are_refused_with_the_path() {
        let empty = parse(Path::new("empty.txt"), b"  \n\n").unwrap_err();
        assert!(matches!(empty, LoadError::Empty { .. }));
        assert!(empty.to_string().contains("empty.txt"));
        let binary = parse(Path::new("img.png"), b"\x89PNG\r\n\x1a\n\0\0\0IHDR").unwrap_err();
        assert!(matches!(binary, LoadError::Binary { .. }));
        assert!(binary.to_string().contains("img.png"));
    }

    #[test]
    fn header_only_file_is_empty() {
        let err = parse(Path::new("h.txt"), b" date 2019-12-31 Loading...\n").unwrap_err();
        assert!(matches!(err, LoadError::Empty { .. }));
    }

    #[test]
    fn malformed_header_date_is_treated_as_text() {
        let a = parse_str("date 2019-13-45 oops\nText.");
        assert_eq!(a.published, None);
        assert!(a.text.starts_with("date 2019-13-45"));
    }
}
