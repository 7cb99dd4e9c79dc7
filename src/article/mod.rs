//! Reading article files: plain text (with the optional `date YYYY-MM-DD [title]`
//! header), web pages and Markdown, in UTF-8, UTF-16 or Windows-1252. Everything a person
//! might open goes through [`load`], which returns a clear [`LoadError`] instead of panicking.

mod encoding;
mod html;
mod markdown;

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
    /// The body: the file's text without its header line (for web pages and Markdown, the
    /// story's paragraphs without markup). Evidence offsets index into this.
    pub text: String,
    /// How many bytes at the start of `text` a scraper had put in the header's title slot: the
    /// page's lead paragraph, read for its facts (a day, a place) but not quoted as an
    /// event's evidence where the body itself reports the event.
    pub lead_in: usize,
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
    #[error(
        "{path} looks like a binary file, not text: open a plain-text (.txt), web page (.html) or Markdown (.md) article"
    )]
    Binary { path: PathBuf },
}

/// The kinds of article file Dateline reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    Markdown,
}

impl Format {
    /// The format a file's extension names, if it names one.
    pub fn from_extension(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "html" | "htm" | "xhtml" | "shtml" => Some(Format::Html),
            "md" | "markdown" | "mdown" | "mkd" => Some(Format::Markdown),
            "txt" | "text" => Some(Format::Text),
            _ => None,
        }
    }
}

/// Extensions of article files, for open dialogs and folder scans.
pub const EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "mdown", "mkd", "html", "htm", "xhtml", "shtml",
];

/// Whether a path ends in one of `extensions` (compared without case).
pub fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
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

/// Decodes an article from bytes already read; `path` is used for messages, identity and
/// (by its extension) the format; without a known extension, web pages are recognised by
/// their `<html` tag.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Article, LoadError> {
    let by_extension = Format::from_extension(path);
    let sniff = |text: &str| match by_extension {
        Some(Format::Html) => true,
        Some(Format::Markdown) => false,
        // A `.txt` file is a web page only if it starts like one.
        Some(Format::Text) => html::starts_like_html(text),
        None => html::sniff(text),
    };
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]);
    let declared = if sniff(&head) {
        html::declared_charset(bytes)
    } else {
        None
    };
    let decoded =
        encoding::decode(path, bytes, declared).map_err(|encoding::NotText| LoadError::Binary {
            path: path.to_owned(),
        })?;
    let text = decoded.text.replace("\r\n", "\n").replace('\r', "\n");
    let format = match by_extension {
        Some(Format::Markdown) => Format::Markdown,
        _ if sniff(&text) => Format::Html,
        _ => Format::Text,
    };
    let (title, published, body, lead_in) = match format {
        Format::Text => {
            let (header, body) = split_header(&text);
            let body = body.trim_matches('\n');
            let published = header.as_ref().map(|h| h.date);
            match header.and_then(|h| h.title) {
                // A scraper that found no title put the page's first paragraph there (or a
                // copy of it, which the body already has).
                Some(title) if reads_as_prose(&title) => {
                    let opening = title.get(..40).unwrap_or(&title);
                    if body.trim_start().starts_with(opening) {
                        (None, published, body.to_owned(), 0)
                    } else {
                        let lead_in = format!("{}\n\n", title.trim());
                        let len = lead_in.len();
                        (None, published, lead_in + body, len)
                    }
                }
                title => (title, published, body.to_owned(), 0),
            }
        }
        Format::Html => {
            let page = html::extract(&text);
            (page.title, page.published, page.text, 0)
        }
        Format::Markdown => {
            let page = markdown::extract(&text);
            (page.title, page.published, page.text, 0)
        }
    };
    if body.trim().is_empty() {
        return Err(LoadError::Empty {
            path: path.to_owned(),
        });
    }
    let title = title
        .filter(|t| !is_junk_title(t))
        .unwrap_or_else(|| title_from_text(&body));
    Ok(Article {
        path: path.to_owned(),
        title,
        published,
        text: body,
        lead_in,
        warnings: decoded.warnings,
    })
}

/// A publication date as pages and front matter write it: ISO 8601 (with or without a
/// time), `YYYY/MM/DD`, `YYYYMMDD`, RFC 2822, or "December 31, 2019". The date is the one
/// written, in the publisher's own time zone.
pub(crate) fn parse_published(value: &str) -> Option<NaiveDate> {
    let value = value.trim();
    let prefix = value.get(..10).unwrap_or(value);
    for format in ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d"] {
        if let Ok(date) = NaiveDate::parse_from_str(prefix, format) {
            return Some(date);
        }
    }
    if value.len() == 8
        && value.bytes().all(|b| b.is_ascii_digit())
        && let Ok(date) = NaiveDate::parse_from_str(value, "%Y%m%d")
    {
        return Some(date);
    }
    if let Ok(time) = chrono::DateTime::parse_from_rfc2822(value) {
        return Some(time.date_naive());
    }
    ["%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(value, f).ok())
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

/// Whether a header's "title" is the article's first paragraph rather than a headline:
/// it ends like a sentence and is longer than headlines are ("In the volatile Khyber
/// Pakhtunkhwa province, at least seven soldiers were killed ... on a checkpoint.").
fn reads_as_prose(title: &str) -> bool {
    const HEADLINE_WORDS: usize = 14;
    let ends_like_a_sentence = title.trim_end().ends_with(['.', '!', '?', '"', '”']);
    ends_like_a_sentence && title.split_whitespace().count() > HEADLINE_WORDS
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
    const UNTITLED: &str = "Untitled article";
    // Rules ("---") and stray punctuation lines are not the first sentence.
    let first_line = text
        .lines()
        .map(str::trim)
        .find(|l| l.chars().any(char::is_alphanumeric))
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
    let mut title = words[..words.len().min(MAX_WORDS)].join(" ");
    title = title.trim_end_matches([',', ';', ':']).to_owned();
    // Found by fuzzing: a text opening with ", …" left an empty title.
    if !title.chars().any(char::is_alphanumeric) {
        return UNTITLED.to_owned();
    }
    if words.len() > MAX_WORDS {
        title.push('…');
    }
    title
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
    fn a_first_paragraph_in_the_title_slot_is_read_as_the_body() {
        let a = parse_str(
            " date 2024-03-16 In the volatile Khyber Pakhtunkhwa province, at least seven soldiers were killed during an assault on a checkpoint. The region has been a hotspot.\n\nThe assailants rammed the post.",
        );
        assert!(
            a.text
                .starts_with("In the volatile Khyber Pakhtunkhwa province")
        );
        assert!(a.text.ends_with("The assailants rammed the post."));
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2024, 3, 16));
        assert_eq!(
            a.title,
            "In the volatile Khyber Pakhtunkhwa province, at least seven soldiers…"
        );
        // A copy of the first paragraph is not read twice.
        let c = parse_str(
            " date 2017-08-14 People watch soldiers recover bodies of landslide victims in Urla village, India, Sunday, Aug. 13, 2017.\n\nPeople watch soldiers recover bodies of landslide victims in Urla village, India, Sunday, Aug. 13, 2017. AP Photo\n\nRescuers pulled out 46 bodies.",
        );
        assert_eq!(c.text.matches("People watch").count(), 1);
        assert_eq!(c.lead_in, 0);
        // A headline, even a long one, stays the title.
        let b = parse_str(
            " date 2024-08-01 UK rocked by far-right riots fueled by online disinformation about Southport stabbings\n\nBody.",
        );
        assert_eq!(b.text, "Body.");
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
    fn invalid_utf8_is_read_as_windows_1252_with_a_warning() {
        // Before Windows-1252 detection this byte became U+FFFD; it is the é of Café.
        let a = parse(Path::new("c.txt"), b"Caf\xE9 bombed in Kabul.").expect("parses");
        assert_eq!(a.text, "Café bombed in Kabul.");
        assert_eq!(a.warnings.len(), 1);
        assert!(a.warnings[0].contains("not UTF-8"));
        assert!(a.warnings[0].contains("Windows-1252"));
        assert!(a.warnings[0].contains("c.txt"));
    }

    #[test]
    fn invalid_utf8_in_a_utf8_file_is_replaced_with_a_warning() {
        let a = parse(
            Path::new("c.txt"),
            "Café bombed in Kabul \u{2014} "
                .as_bytes()
                .iter()
                .chain(b"\xE9.")
                .copied()
                .collect::<Vec<u8>>()
                .as_slice(),
        )
        .expect("parses");
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
    fn web_pages_are_read_by_extension_or_by_their_html_tag() {
        let page = b"<!DOCTYPE html><html><head><title>Floods hit Jakarta | News</title>\
            <meta property=\"article:published_time\" content=\"2020-01-02T10:00:00Z\"></head>\
            <body><nav>Home</nav><article><p>Floods killed five people in Jakarta on Wednesday.</p></article></body></html>";
        for name in ["page.html", "page.HTM", "page", "page.txt"] {
            let a = parse(Path::new(name), page).expect("parses");
            assert_eq!(a.title, "Floods hit Jakarta", "{name}");
            assert_eq!(a.published, NaiveDate::from_ymd_opt(2020, 1, 2), "{name}");
            assert_eq!(
                a.text, "Floods killed five people in Jakarta on Wednesday.",
                "{name}"
            );
        }
    }

    #[test]
    fn a_text_file_that_mentions_html_is_still_text() {
        let a = parse_str("The site showed <html> tags instead of news. Police fired tear gas.");
        assert!(a.text.starts_with("The site showed <html>"));
    }

    #[test]
    fn a_page_with_a_windows_1252_charset_is_decoded_with_it() {
        let page = b"<html><head><meta charset=\"windows-1252\"></head><body><p>\x93Caf\xE9\x94 bombed in Kabul.</p></body></html>";
        let a = parse(Path::new("p.html"), page).expect("parses");
        assert_eq!(a.text, "\u{201C}Café\u{201D} bombed in Kabul.");
    }

    #[test]
    fn markdown_articles_lose_their_markup() {
        let md = "---\ndate: 2020-01-12\n---\n# Ceasefire agreed in *Tripoli*\n\nBoth sides **agreed** to a [ceasefire](https://x.y) on Sunday.\n";
        let a = parse(Path::new("a.md"), md.as_bytes()).expect("parses");
        assert_eq!(a.title, "Ceasefire agreed in Tripoli");
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2020, 1, 12));
        assert_eq!(a.text, "Both sides agreed to a ceasefire on Sunday.");
    }

    #[test]
    fn utf16_articles_with_a_byte_order_mark_are_read() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "date 2021-05-01 Title here\r\nCafé bombed.".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let a = parse(Path::new("u.txt"), &bytes).expect("parses");
        assert_eq!(a.published, NaiveDate::from_ymd_opt(2021, 5, 1));
        assert_eq!(a.text, "Café bombed.");
        assert!(a.warnings.is_empty());
    }

    #[test]
    fn publication_dates_are_read_in_the_usual_spellings() {
        let d = NaiveDate::from_ymd_opt(2019, 12, 31);
        for s in [
            "2019-12-31",
            "2019-12-31T23:59:00+03:00",
            "2019/12/31",
            "20191231",
            "Tue, 31 Dec 2019 10:00:00 +0000",
            "December 31, 2019",
            "31 Dec 2019",
        ] {
            assert_eq!(parse_published(s), d, "{s}");
        }
        assert_eq!(parse_published("2019-13-45"), None);
        assert_eq!(parse_published("yesterday"), None);
    }

    #[test]
    fn a_text_opening_with_punctuation_still_gets_a_title() {
        // Found by the article_loader fuzz target: the title was "".
        let a = parse(Path::new("a"), b",\n   \"title\": \"Protest in Paris\",").expect("parses");
        assert_eq!(a.title, "\"title\": \"Protest in Paris\"");
        assert_eq!(title_from_text(",\n"), "Untitled article");
        assert_eq!(
            title_from_text("---\n\nFloods hit Jakarta. More."),
            "Floods hit Jakarta"
        );
        assert_eq!(title_from_text("... !!!"), "Untitled article");
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
