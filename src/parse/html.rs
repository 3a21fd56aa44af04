//! Just enough HTML to read the tags Learn articles put inside Markdown: `<a href>`, `<a name>`, `<br>`, `<img>`.
//! Everything else stays inert text in the model.

use std::borrow::Cow;

/// One HTML tag, borrowed from the text it was read from.
#[derive(Debug, PartialEq, Eq)]
pub enum Tag<'a> {
    /// `<name attr="value" …>` or `<name … />`.
    Open {
        /// The tag name as written.
        name: &'a str,
        /// The attribute text after the name, as written (already checked to be well-formed attributes).
        attributes: &'a str,
        /// True for `<… />`.
        self_closing: bool,
    },
    /// `</name>`.
    Close {
        /// The tag name as written.
        name: &'a str,
    },
}

impl<'a> Tag<'a> {
    /// The value of the first attribute called `name` (in any case) of an opening tag, entities decoded.
    pub fn attribute(&self, name: &str) -> Option<Cow<'a, str>> {
        match self {
            Self::Open { attributes, .. } => Attributes(attributes)
                .find(|(key, _)| key.eq_ignore_ascii_case(name))
                .map(|(_, value)| decode_entities(value)),
            Self::Close { .. } => None,
        }
    }

    /// The attributes of an opening tag as (name, value), both as written: slices of the text the tag was read from.
    pub fn attributes_as_written(&self) -> impl Iterator<Item = (&'a str, &'a str)> + use<'a> {
        let attributes = match self {
            Self::Open { attributes, .. } => *attributes,
            Self::Close { .. } => "",
        };
        Attributes(attributes)
    }

    /// True when this is an opening (or self-closing) tag called `tag` (in any case).
    pub fn opens(&self, tag: &str) -> bool {
        matches!(self, Self::Open { name, .. } if name.eq_ignore_ascii_case(tag))
    }

    /// True when this is a closing tag called `tag` (in any case).
    pub fn closes(&self, tag: &str) -> bool {
        matches!(self, Self::Close { name } if name.eq_ignore_ascii_case(tag))
    }
}

/// The offset of the `>` that ends the tag `html` starts with (at its `<`), a `>` inside a quoted attribute value
/// (`title="a > b"`) skipped; the first `>` when a quote is never closed, as the tag could not be read anyway.
pub fn tag_end(html: &str) -> Option<usize> {
    let bytes = html.as_bytes();
    let mut at = 1;
    while at < bytes.len() {
        match bytes[at] {
            b'>' => return Some(at),
            b'=' => {
                let value = &html[at + 1..];
                let quote_at = at + 1 + value.len() - value.trim_start().len();
                if let Some(&quote @ (b'"' | b'\'')) = bytes.get(quote_at) {
                    match html[quote_at + 1..].find(char::from(quote)) {
                        Some(close) => at = quote_at + 1 + close,
                        None => return html.find('>'),
                    }
                }
            }
            _ => {}
        }
        at += 1;
    }
    None
}

/// Reads one tag that spans the whole of `html` (surrounding whitespace allowed); `None` for anything else
/// (comments, several tags, text).
pub fn parse_tag(html: &str) -> Option<Tag<'_>> {
    let inner = html.trim().strip_prefix('<')?.strip_suffix('>')?;
    if let Some(name) = inner.strip_prefix('/') {
        let name = name.trim();
        return is_name(name).then_some(Tag::Close { name });
    }
    let (inner, self_closing) = match inner.strip_suffix('/') {
        Some(rest) => (rest, true),
        None => (inner, false),
    };
    let name_end = inner.find(|c: char| c.is_whitespace()).unwrap_or(inner.len());
    let name = &inner[..name_end];
    if !is_name(name) {
        return None;
    }
    let attributes = &inner[name_end..];
    let mut rest = attributes;
    while let Some((_, _, remaining)) = split_attribute(rest)? {
        rest = remaining;
    }
    Some(Tag::Open { name, attributes, self_closing })
}

fn is_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic()) && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// The attributes of well-formed attribute text, as (name, value as written).
struct Attributes<'a>(&'a str);

impl<'a> Iterator for Attributes<'a> {
    type Item = (&'a str, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let (name, value, rest) = split_attribute(self.0)??;
        self.0 = rest;
        Some((name, value))
    }
}

/// The first attribute of `rest` as (name, value as written, the text after it): `Some(None)` when only whitespace is
/// left, `None` when the text is no attribute.
fn split_attribute(rest: &str) -> Option<Option<(&str, &str, &str)>> {
    let rest = rest.trim_start();
    if rest.is_empty() {
        return Some(None);
    }
    let name_end = rest.find(|c: char| c.is_whitespace() || c == '=').unwrap_or(rest.len());
    let name = &rest[..name_end];
    if name.is_empty() || name.contains(['<', '>', '"', '\'']) {
        return None;
    }
    let after_name = rest[name_end..].trim_start();
    let Some(after) = after_name.strip_prefix('=') else { return Some(Some((name, "", after_name))) };
    let after = after.trim_start();
    let (value, remaining) = match after.chars().next() {
        Some(quote @ ('"' | '\'')) => {
            let close = after[1..].find(quote)? + 1;
            (&after[1..close], &after[close + 1..])
        }
        _ => {
            let end = after.find(char::is_whitespace).unwrap_or(after.len());
            (&after[..end], &after[end..])
        }
    };
    Some(Some((name, value, remaining)))
}

/// Decodes the character references HTML attribute values use: `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`,
/// `&nbsp;`, and numeric `&#NN;` / `&#xNN;`. Unknown references stay as written.
pub fn decode_entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let decoded = rest.find(';').filter(|end| *end <= 10).and_then(|end| {
            let entity = &rest[1..end];
            let c = match entity {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => entity.strip_prefix('#').and_then(|number| {
                    let code = match number.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => number.parse().ok(),
                    };
                    code.and_then(char::from_u32)
                }),
            };
            c.map(|c| (c, end + 1))
        });
        match decoded {
            Some((c, length)) => {
                out.push(c);
                rest = &rest[length..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_links_anchors_and_breaks() {
        let tag =
            parse_tag(r#"<a href="https://go.microsoft.com/fwlink/p/?linkid=842054&amp;clcid=0x409" target="_blank">"#)
                .unwrap();
        assert!(tag.opens("a"));
        assert_eq!(
            tag.attribute("href").as_deref(),
            Some("https://go.microsoft.com/fwlink/p/?linkid=842054&clcid=0x409")
        );
        assert_eq!(tag.attribute("target").as_deref(), Some("_blank"));
        assert!(parse_tag("</a>").unwrap().closes("a"));
        let anchor = parse_tag("<a id='setup' />").unwrap();
        assert_eq!(anchor.attribute("id").as_deref(), Some("setup"));
        let br = parse_tag("<BR/>").unwrap();
        assert!(br.opens("br") && matches!(br, Tag::Open { self_closing: true, .. }));
        assert_eq!(parse_tag("<a href=plain>").unwrap().attribute("href").as_deref(), Some("plain"));
        // Names match in any case; the first of two attributes of one name wins.
        assert_eq!(parse_tag("<A HREF='x' href='y'>").unwrap().attribute("href").as_deref(), Some("x"));
    }

    #[test]
    fn a_tag_ends_at_the_first_greater_than_sign_outside_its_quoted_values() {
        assert_eq!(tag_end("<a href=\"x\">text</a>"), Some(11));
        let quoted = "<a title=\"a > b\" href='c>d'>text";
        assert_eq!(tag_end(quoted).map(|end| &quoted[..=end]), Some("<a title=\"a > b\" href='c>d'>"));
        assert_eq!(tag_end("<a title = \"x>y\">"), Some(16), "spaces around the equals sign");
        assert_eq!(tag_end("<a title=\"never closed>text"), Some(22), "an open quote: the first `>`");
        assert_eq!(tag_end("<a href=\"x\""), None);
    }

    #[test]
    fn refuses_what_is_not_one_tag() {
        assert_eq!(parse_tag("<!-- comment -->"), None);
        assert_eq!(parse_tag("text"), None);
        assert_eq!(parse_tag(r#"<a href="unterminated>"#), None);
        assert_eq!(parse_tag("<1a>"), None);
        assert_eq!(parse_tag("<a b<c>"), None);
    }

    #[test]
    fn decodes_entities_and_keeps_unknown_ones() {
        assert_eq!(decode_entities("a &amp; b &#233; &#xE9; &bogus; &"), "a & b é é &bogus; &");
        assert!(matches!(decode_entities("plain"), Cow::Borrowed("plain")));
    }
}
