//! Markdown articles: the text without markup (pulldown-cmark does the parsing), the first
//! `# Heading` as title, and optional YAML front matter giving `title:` and `date:`.

use chrono::NaiveDate;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::parse_published;

/// What a Markdown file says about its article.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Page {
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    /// Paragraphs separated by blank lines.
    pub text: String,
}

/// Reads a Markdown article.
pub(super) fn extract(markdown: &str) -> Page {
    let (front, body) = split_front_matter(markdown);
    let mut page = Page {
        title: front.title,
        published: front.published,
        text: String::new(),
    };
    let mut blocks: Vec<String> = Vec::new();
    let mut current = String::new();
    // Text inside these is not article prose.
    let mut code_block = false;
    let mut image_depth = 0usize;
    let mut heading: Option<String> = None;
    let mut first_h1_seen = false;
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(body, options) {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) if !first_h1_seen => {
                first_h1_seen = true;
                flush(&mut current, &mut blocks);
                heading = Some(String::new());
            }
            Event::End(TagEnd::Heading(HeadingLevel::H1)) if heading.is_some() => {
                let text = heading.take().unwrap_or_default();
                let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                // The headline is the title; kept in the body only if the front matter
                // already gave a different title.
                match &page.title {
                    None if !text.is_empty() => page.title = Some(text),
                    Some(title) if *title != text => blocks.push(text),
                    _ => {}
                }
            }
            Event::Start(Tag::CodeBlock(_)) => code_block = true,
            Event::End(TagEnd::CodeBlock) => {
                code_block = false;
                flush(&mut current, &mut blocks);
            }
            Event::Start(Tag::Image { .. }) => image_depth += 1,
            Event::End(TagEnd::Image) => image_depth = image_depth.saturating_sub(1),
            Event::Text(text) | Event::Code(text) => {
                if code_block || image_depth > 0 {
                    continue;
                }
                match &mut heading {
                    Some(h) => h.push_str(&text),
                    None => current.push_str(&text),
                }
            }
            Event::SoftBreak => match &mut heading {
                Some(h) => h.push(' '),
                None => current.push(' '),
            },
            Event::HardBreak => current.push('\n'),
            Event::End(TagEnd::TableCell) => current.push(' '),
            Event::Start(Tag::Paragraph | Tag::Item | Tag::Heading { .. } | Tag::TableRow)
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::Heading(_)
                | TagEnd::TableRow
                | TagEnd::TableHead
                | TagEnd::BlockQuote(_),
            )
            | Event::Rule => flush(&mut current, &mut blocks),
            _ => {}
        }
    }
    flush(&mut current, &mut blocks);
    page.text = blocks.join("\n\n");
    page
}

fn flush(current: &mut String, blocks: &mut Vec<String>) {
    let text = current
        .lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    if !text.is_empty() {
        blocks.push(text);
    }
    current.clear();
}

#[derive(Default)]
struct FrontMatter {
    title: Option<String>,
    published: Option<NaiveDate>,
}

/// Splits off `---` … `---` YAML front matter, reading only `title:` and `date:`
/// (a full YAML parser is not worth it for two scalar fields).
fn split_front_matter(text: &str) -> (FrontMatter, &str) {
    let mut front = FrontMatter::default();
    let Some(after_open) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return (front, text);
    };
    let mut offset = 0;
    for line in after_open.split_inclusive('\n') {
        offset += line.len();
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            return (front, &after_open[offset..]);
        }
        let Some((key, value)) = trimmed.split_once(':') else {
            continue;
        };
        let value = value
            .trim()
            .trim_matches(|c| c == '"' || c == '\'')
            .trim()
            .to_owned();
        match key.trim().to_ascii_lowercase().as_str() {
            "title" if !value.is_empty() => front.title = Some(value),
            "date" | "published" | "pubdate" => front.published = parse_published(&value),
            _ => {}
        }
    }
    // No closing line: it was a thematic break, not front matter.
    (FrontMatter::default(), text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_stripped_and_the_first_heading_is_the_title() {
        let page = extract(
            "# Floods hit *Jakarta*\n\nHeavy rain **flooded** parts of [Jakarta](https://x.y)\non Sunday.\n\n![photo](a.jpg)\n\n```\ncode()\n```\n\n- Five people died.\n- Thousands left home.\n\n> \"We lost everything,\" a resident said.\n",
        );
        assert_eq!(page.title.as_deref(), Some("Floods hit Jakarta"));
        assert_eq!(
            page.text,
            "Heavy rain flooded parts of Jakarta on Sunday.\n\nFive people died.\n\nThousands left home.\n\n\"We lost everything,\" a resident said."
        );
    }

    #[test]
    fn front_matter_gives_title_and_date() {
        let page = extract(
            "---\ntitle: \"Ceasefire agreed in Tripoli\"\ndate: 2020-01-12T09:00:00Z\ntags: [libya]\n---\n# Ceasefire agreed in Tripoli\n\nBoth sides agreed to a ceasefire.",
        );
        assert_eq!(page.title.as_deref(), Some("Ceasefire agreed in Tripoli"));
        assert_eq!(page.published, NaiveDate::from_ymd_opt(2020, 1, 12));
        assert_eq!(page.text, "Both sides agreed to a ceasefire.");
    }

    #[test]
    fn an_unclosed_front_matter_is_ordinary_text() {
        let page = extract("---\ntitle: x\nSome text.");
        assert_eq!(page.title, None);
        assert!(page.text.contains("Some text."));
    }
}
