//! The article inside a saved web page: its main text (from `<article>`, `<main>` or the
//! page's paragraphs, without scripts, menus, asides and footers), its title and its
//! publication date. Tokenizing is html5ever's spec-conformant tokenizer; no DOM is built.

use std::cell::RefCell;

use chrono::NaiveDate;
use html5ever::TokenizerResult;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use super::parse_published;

/// What a web page says about its article.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Page {
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    /// Paragraphs separated by blank lines.
    pub text: String,
}

/// Whether text without a known extension is a web page: an `<html` tag near the start.
pub(super) fn sniff(text: &str) -> bool {
    let head = lowercase_head(text);
    head.starts_with("<!doctype html") || head.contains("<html")
}

/// The stricter test for files named `.txt`: the text begins as a web page does.
pub(super) fn starts_like_html(text: &str) -> bool {
    let head = lowercase_head(text);
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

fn lowercase_head(text: &str) -> String {
    text.trim_start_matches(['\u{FEFF}', ' ', '\t', '\r', '\n'])
        .chars()
        .take(1024)
        .collect::<String>()
        .to_ascii_lowercase()
}

/// The encoding a page names in `<meta charset=…>` or `http-equiv` content, if any.
pub(super) fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = bytes[..bytes.len().min(4096)].to_ascii_lowercase();
    let at = head.windows(8).position(|w| w == b"charset=")? + 8;
    let rest = &head[at..];
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|&b| matches!(b, b'"' | b'\'' | b';' | b'>' | b'/') || b.is_ascii_whitespace())
        .unwrap_or(rest.len());
    encoding_rs::Encoding::for_label(&rest[..end])
}

/// Reads a web page.
pub(super) fn extract(html: &str) -> Page {
    let tokenizer = Tokenizer::new(Collector::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    // `feed` pauses at scripts and charset declarations; our sink asks for neither,
    // but keep feeding until the input is used up whatever it returns.
    while !input.is_empty() {
        match tokenizer.feed(&input) {
            TokenizerResult::Done => break,
            TokenizerResult::Script(()) | TokenizerResult::EncodingIndicator(_) => {}
        }
    }
    tokenizer.end();
    tokenizer.sink.state.into_inner().finish()
}

/// Elements whose content is never article text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "aside", "footer", "form", "button",
    "select", "svg", "math", "iframe", "object", "embed", "canvas", "figure", "audio", "video",
    "dialog", "menu", "textarea", "xmp", "noembed", "noframes",
    // Its text is captured as the page title, never as story text.
    "title",
];

/// Elements that end a paragraph of text (and start a new one).
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "br",
    "hr",
    "header",
    "footer",
    "address",
    "figcaption",
    "summary",
    "details",
    "body",
    "html",
    "center",
    "caption",
];

/// Elements that have no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen",
];

/// Class or id words that mark page furniture rather than the story (after Readability's
/// "unlikely candidates")...
const NOISE_WORDS: &[&str] = &[
    "comment",
    "comments",
    "related",
    "share",
    "sharing",
    "social",
    "newsletter",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "promo",
    "cookie",
    "cookies",
    "subscribe",
    "sidebar",
    "breadcrumb",
    "breadcrumbs",
    "menu",
    "nav",
    "navbar",
    "footer",
    "popup",
    "modal",
    "paywall",
    "sponsor",
    "sponsored",
    "pagination",
    "pager",
    "disqus",
    "gdpr",
];

/// ...unless the same element also says it holds the story ("layout-with-sidebar content").
const STORY_WORDS: &[&str] = &[
    "article", "body", "content", "main", "story", "text", "column", "entry", "post",
];

/// Roles that mark page furniture.
const NOISE_ROLES: &[&str] = &[
    "navigation",
    "complementary",
    "contentinfo",
    "banner",
    "menu",
    "menubar",
    "dialog",
];

/// How far down the open-element stack an end tag looks for its start tag; bounding it
/// keeps pages with thousands of stray end tags linear.
const END_TAG_SEARCH: usize = 64;

/// How much JSON-LD is kept per script: publication metadata is small.
const MAX_JSON_LD: usize = 256 * 1024;

/// Where a piece of text sits in the page.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Context {
    skip: bool,
    /// Which top-level `<article>` it is in (numbered in page order).
    article: Option<u32>,
    main: bool,
    paragraph: bool,
    heading1: bool,
    /// Inside `<svg>` or `<math>`, whose `<title>` is not the page's.
    foreign: bool,
}

struct Frame {
    name: String,
    context: Context,
}

struct Block {
    text: String,
    context: Context,
}

/// Publication date sources, best first (the order the brief of each site's CMS suggests:
/// Open Graph, schema.org, `<time>`, then generic date metas).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum DateSource {
    OpenGraph,
    SchemaOrg,
    TimeElement,
    DateMeta,
}

#[derive(Default)]
struct State {
    stack: Vec<Frame>,
    blocks: Vec<Block>,
    current: String,
    current_context: Option<Context>,
    next_article: u32,
    og_title: Option<String>,
    title: Option<String>,
    in_title: Option<String>,
    first_h1: Option<String>,
    published: Option<(DateSource, NaiveDate)>,
    json_ld: Option<String>,
}

#[derive(Default)]
struct Collector {
    state: RefCell<State>,
}

impl TokenSink for Collector {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut state = self.state.borrow_mut();
        match token {
            Token::TagToken(tag) => match tag.kind {
                TagKind::StartTag => return state.start_tag(&tag),
                TagKind::EndTag => state.end_tag(&tag.name),
            },
            Token::CharacterTokens(text) => state.characters(&text),
            Token::NullCharacterToken
            | Token::CommentToken(_)
            | Token::DoctypeToken(_)
            | Token::EOFToken
            | Token::ParseError(_) => {}
        }
        TokenSinkResult::Continue
    }
}

fn attr<'a>(tag: &'a Tag, name: &str) -> Option<&'a str> {
    tag.attrs
        .iter()
        .find(|a| &*a.name.local == name)
        .map(|a| &*a.value)
}

fn is_noise(tag: &Tag) -> bool {
    if matches!(&*tag.name, "html" | "body" | "main" | "article") {
        return false;
    }
    if attr(tag, "hidden").is_some()
        || attr(tag, "aria-hidden").is_some_and(|v| v.eq_ignore_ascii_case("true"))
        || attr(tag, "role").is_some_and(|r| NOISE_ROLES.contains(&r.to_ascii_lowercase().as_str()))
    {
        return true;
    }
    let words: Vec<String> = ["class", "id"]
        .iter()
        .filter_map(|a| attr(tag, a))
        .flat_map(|v| v.split(|c: char| !c.is_ascii_alphanumeric()))
        .map(str::to_ascii_lowercase)
        .collect();
    let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    has(NOISE_WORDS) && !has(STORY_WORDS)
}

impl State {
    fn context(&self) -> Context {
        self.stack.last().map(|f| f.context).unwrap_or_default()
    }

    fn start_tag(&mut self, tag: &Tag) -> TokenSinkResult<()> {
        let name: &str = &tag.name;
        let parent = self.context();
        if name == "meta" {
            self.meta(tag);
        }
        if name == "time" && !parent.skip {
            let pubdate = attr(tag, "pubdate").is_some()
                || attr(tag, "itemprop").is_some_and(|p| p.eq_ignore_ascii_case("datepublished"));
            let source = if pubdate {
                DateSource::SchemaOrg
            } else {
                DateSource::TimeElement
            };
            if let Some(date) = attr(tag, "datetime").and_then(parse_published) {
                self.offer_date(source, date);
            }
        }
        if name == "br" {
            self.line_break();
        } else if BLOCKS.contains(&name) {
            self.flush();
        }
        // A new paragraph or heading closes an unclosed one, as browsers do.
        if matches!(name, "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li")
            && self.stack.last().is_some_and(|f| f.name == name)
        {
            self.stack.pop();
        }
        let raw = match name {
            "script" => Some(RawKind::ScriptData),
            "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                Some(RawKind::Rawtext)
            }
            "title" | "textarea" => Some(RawKind::Rcdata),
            _ => None,
        };
        if VOID.contains(&name) || (tag.self_closing && raw.is_none()) {
            return TokenSinkResult::Continue;
        }
        let mut context = parent;
        context.skip |= SKIPPED.contains(&name)
            || (name == "header" && parent.article.is_none())
            || is_noise(tag);
        match name {
            "article" if parent.article.is_none() => {
                self.next_article += 1;
                context.article = Some(self.next_article);
            }
            "main" => context.main = true,
            "svg" | "math" => context.foreign = true,
            "p" => context.paragraph = true,
            "h1" => context.heading1 = true,
            "title" if self.title.is_none() && !parent.foreign => {
                self.in_title = Some(String::new());
            }
            "script"
                if attr(tag, "type")
                    .is_some_and(|t| t.to_ascii_lowercase().contains("ld+json")) =>
            {
                self.json_ld = Some(String::new());
            }
            _ => {}
        }
        self.stack.push(Frame {
            name: name.to_owned(),
            context,
        });
        match raw {
            Some(kind) => TokenSinkResult::RawData(kind),
            None => TokenSinkResult::Continue,
        }
    }

    fn end_tag(&mut self, name: &str) {
        if BLOCKS.contains(&name) {
            self.flush();
        }
        let Some(depth) = self
            .stack
            .iter()
            .rev()
            .take(END_TAG_SEARCH)
            .position(|f| f.name == name)
        else {
            return;
        };
        self.stack.truncate(self.stack.len() - depth - 1);
        match name {
            "title" => {
                if let Some(title) = self.in_title.take() {
                    let title = collapse_whitespace(&title);
                    if !title.is_empty() {
                        self.title = Some(title);
                    }
                }
            }
            "script" => {
                if let Some(json) = self.json_ld.take()
                    && let Some(date) = json_ld_published(&json)
                {
                    self.offer_date(DateSource::SchemaOrg, date);
                }
            }
            _ => {}
        }
    }

    fn characters(&mut self, text: &str) {
        if let Some(title) = &mut self.in_title {
            title.push_str(text);
            return;
        }
        if let Some(json) = &mut self.json_ld {
            if json.len() + text.len() <= MAX_JSON_LD {
                json.push_str(text);
            }
            return;
        }
        let context = self.context();
        if context.skip {
            return;
        }
        for c in text.chars() {
            if c.is_whitespace() {
                if !self.current.is_empty() && !self.current.ends_with([' ', '\n']) {
                    self.current.push(' ');
                }
            } else {
                if self.current_context.is_none() {
                    self.current_context = Some(context);
                }
                self.current.push(c);
            }
        }
    }

    /// `<br>` breaks the line; two in a row (old CMSs' paragraphs) end the block.
    fn line_break(&mut self) {
        if self.current.ends_with('\n') {
            self.flush();
        } else if !self.current.is_empty() {
            let kept = self.current.trim_end().len();
            self.current.truncate(kept);
            self.current.push('\n');
        }
    }

    fn flush(&mut self) {
        let text = self.current.trim_end().to_owned();
        self.current.clear();
        let Some(context) = self.current_context.take() else {
            return;
        };
        if text.is_empty() {
            return;
        }
        if context.heading1 && self.first_h1.is_none() {
            self.first_h1 = Some(text.replace('\n', " "));
        }
        self.blocks.push(Block { text, context });
    }

    fn meta(&mut self, tag: &Tag) {
        let Some(content) = attr(tag, "content") else {
            return;
        };
        let key = ["property", "name", "itemprop"]
            .iter()
            .find_map(|a| attr(tag, a))
            .map(|k| k.trim().to_ascii_lowercase())
            .unwrap_or_default();
        let source = match key.as_str() {
            "og:title" => {
                let title = collapse_whitespace(content);
                if self.og_title.is_none() && !title.is_empty() {
                    self.og_title = Some(title);
                }
                return;
            }
            "article:published_time" | "og:article:published_time" => DateSource::OpenGraph,
            "datepublished" => DateSource::SchemaOrg,
            "pubdate"
            | "date"
            | "publishdate"
            | "publish-date"
            | "publish_date"
            | "dc.date"
            | "dc.date.issued"
            | "dcterms.created"
            | "dcterms.issued"
            | "sailthru.date"
            | "parsely-pub-date"
            | "article.published"
            | "original-publish-date" => DateSource::DateMeta,
            _ => return,
        };
        if let Some(date) = parse_published(content) {
            self.offer_date(source, date);
        }
    }

    fn offer_date(&mut self, source: DateSource, date: NaiveDate) {
        if self.published.is_none_or(|(best, _)| source < best) {
            self.published = Some((source, date));
        }
    }

    fn finish(mut self) -> Page {
        self.flush();
        let title = self
            .og_title
            .or_else(|| self.title.map(|t| strip_site_name(&t)))
            .or(self.first_h1);
        Page {
            title,
            published: self.published.map(|(_, d)| d),
            text: main_text(&self.blocks),
        }
    }
}

/// The story's paragraphs: the `<article>` with most text, else `<main>`, else every
/// paragraph, else any text at all; a container wins only if it holds at least half of
/// the page's paragraph text (a teaser `<article>` in a sidebar must not).
fn main_text(blocks: &[Block]) -> String {
    let body: Vec<&Block> = blocks.iter().filter(|b| !b.context.heading1).collect();
    let length = |pick: &dyn Fn(&Block) -> bool| -> usize {
        body.iter().filter(|b| pick(b)).map(|b| b.text.len()).sum()
    };
    let paragraphs = length(&|b| b.context.paragraph);
    let mut articles: Vec<u32> = body.iter().filter_map(|b| b.context.article).collect();
    articles.sort_unstable();
    articles.dedup();
    let best_article = articles
        .into_iter()
        .map(|id| (length(&|b| b.context.article == Some(id)), id))
        .max();
    let enough = |len: usize| len > 0 && len * 2 >= paragraphs;
    let chosen: Vec<&str> = if let Some((_, id)) = best_article.filter(|&(len, _)| enough(len)) {
        pick(&body, |b| b.context.article == Some(id))
    } else if enough(length(&|b| b.context.main)) {
        pick(&body, |b| b.context.main)
    } else if paragraphs > 0 {
        pick(&body, |b| b.context.paragraph)
    } else {
        pick(&body, |_| true)
    };
    chosen.join("\n\n")
}

fn pick<'a>(blocks: &[&'a Block], keep: impl Fn(&Block) -> bool) -> Vec<&'a str> {
    blocks
        .iter()
        .filter(|b| keep(b))
        .map(|b| b.text.as_str())
        .collect()
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "Iran general killed in US strike | World news | The Guardian" -> the longest part.
fn strip_site_name(title: &str) -> String {
    for separator in [" | ", " — ", " – ", " - ", " :: ", " · "] {
        if title.contains(separator) {
            let longest = title
                .split(separator)
                .map(str::trim)
                .max_by_key(|part| part.chars().count())
                .unwrap_or(title);
            if longest.split_whitespace().count() >= 3 {
                return longest.to_owned();
            }
        }
    }
    title.to_owned()
}

/// `datePublished` anywhere in a JSON-LD block (including `@graph` lists).
fn json_ld_published(json: &str) -> Option<NaiveDate> {
    fn find(value: &serde_json::Value, depth: usize) -> Option<NaiveDate> {
        if depth > 16 {
            return None;
        }
        match value {
            serde_json::Value::Object(map) => map
                .get("datePublished")
                .and_then(|v| v.as_str())
                .and_then(parse_published)
                .or_else(|| map.values().find_map(|v| find(v, depth + 1))),
            serde_json::Value::Array(items) => items.iter().find_map(|v| find(v, depth + 1)),
            _ => None,
        }
    }
    let value: serde_json::Value = serde_json::from_str(json.trim()).ok()?;
    find(&value, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html>
<html><head>
<meta charset="utf-8">
<title>US embassy in Baghdad attacked | World | Example News</title>
<meta property="og:title" content="Protesters storm US embassy in Baghdad">
<meta property="article:published_time" content="2019-12-31T14:05:00+03:00">
<script>var x = "<p>not text</p>";</script>
<style>p { color: red }</style>
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a></nav></header>
<main>
<article>
<h1>Protesters storm US embassy in Baghdad</h1>
<p>Protesters broke into the US embassy compound in Baghdad on Tuesday &amp; set fire to a reception area.</p>
<figure><img src="a.jpg"><figcaption>Smoke rises over the compound.</figcaption></figure>
<div class="share-tools">Share on Twitter</div>
<p>The <b>ambassador</b> was evacuated,<br>officials said.</p>
<aside>Read more: unrelated story</aside>
</article>
</main>
<footer>© Example News</footer>
</body></html>"#;

    #[test]
    fn the_story_text_comes_without_scripts_menus_asides_or_footers() {
        let page = extract(PAGE);
        assert_eq!(
            page.text,
            "Protesters broke into the US embassy compound in Baghdad on Tuesday & set fire to a reception area.\n\nThe ambassador was evacuated,\nofficials said."
        );
    }

    #[test]
    fn og_title_and_published_time_are_read() {
        let page = extract(PAGE);
        assert_eq!(
            page.title.as_deref(),
            Some("Protesters storm US embassy in Baghdad")
        );
        assert_eq!(page.published, NaiveDate::from_ymd_opt(2019, 12, 31));
    }

    #[test]
    fn title_element_loses_its_site_name_and_h1_is_the_last_resort() {
        let page = extract("<title>Clashes in Tripoli kill five | Example</title><p>Text.</p>");
        assert_eq!(page.title.as_deref(), Some("Clashes in Tripoli kill five"));
        let page = extract("<h1>Floods hit Jakarta</h1><p>Text.</p>");
        assert_eq!(page.title.as_deref(), Some("Floods hit Jakarta"));
        assert_eq!(page.text, "Text.");
    }

    #[test]
    fn json_ld_time_and_meta_dates_are_used_in_that_order() {
        let ld = r#"<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","datePublished":"2020-01-03T08:00:00Z"}]}</script>
            <time datetime="2020-01-05">5 Jan</time><meta name="date" content="2020-01-07"><p>x</p>"#;
        assert_eq!(extract(ld).published, NaiveDate::from_ymd_opt(2020, 1, 3));
        let time = r#"<meta name="pubdate" content="2020-01-07"><time datetime="2020-01-05T10:00">x</time>"#;
        assert_eq!(extract(time).published, NaiveDate::from_ymd_opt(2020, 1, 5));
        let meta = r#"<meta name="pubdate" content="20200107"><p>x</p>"#;
        assert_eq!(extract(meta).published, NaiveDate::from_ymd_opt(2020, 1, 7));
    }

    #[test]
    fn a_teaser_article_in_the_sidebar_does_not_win_over_the_page_paragraphs() {
        let html = "<div><p>A long paragraph about the floods in Jakarta that killed dozens of people this week.</p>\
            <p>Another long paragraph with more details on the rescue effort and the evacuations.</p></div>\
            <div><article><p>Teaser.</p></article></div>";
        let page = extract(html);
        assert!(page.text.starts_with("A long paragraph"));
        assert!(page.text.contains("Teaser."));
    }

    #[test]
    fn charset_declarations_are_found() {
        let enc = declared_charset(
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">",
        );
        assert_eq!(enc, Some(encoding_rs::WINDOWS_1252));
        let enc = declared_charset(b"<meta charset='ISO-8859-7'>");
        assert_eq!(enc.map(|e| e.name()), Some("ISO-8859-7"));
        assert_eq!(declared_charset(b"<p>no charset</p>"), None);
    }

    #[test]
    fn malformed_markup_still_gives_text() {
        let page = extract("<p>One<p>Two</div></span></p></p><p>Three");
        assert_eq!(page.text, "One\n\nTwo\n\nThree");
        let unclosed = extract("<script>never closed <p>hidden");
        assert_eq!(unclosed.text, "");
    }

    #[test]
    fn sniffing_finds_pages_without_an_html_extension() {
        assert!(sniff("\n  <!DOCTYPE html><html>"));
        assert!(sniff(
            "<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">"
        ));
        assert!(!sniff("Protesters gathered in Paris."));
    }
}
