//! Just enough HTML to read the tags Learn articles put inside Markdown: `<a href>`, `<a name>`, `<br>`, `<img>`.
//! Everything else stays inert text in the model.

use std::borrow::Cow;

/// One HTML tag.
#[derive(Debug, PartialEq, Eq)]
pub enum Tag {
    /// `<name attr="value" …>` or `<name … />`.
    Open {
        /// Lower-cased tag name.
        name: String,
        /// Attributes in order, names lower-cased, values with entities decoded.
        attributes: Vec<(String, String)>,
        /// True for `<… />`.
        self_closing: bool,
    },
    /// `</name>`.
    Close {
        /// Lower-cased tag name.
        name: String,
    },
}

impl Tag {
    /// The value of attribute `name` of an opening tag.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        match self {
            Self::Open { attributes, .. } => {
                attributes.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
            }
            Self::Close { .. } => None,
        }
    }

    /// True when this is an opening (or self-closing) tag called `name`.
    pub fn opens(&self, tag: &str) -> bool {
        matches!(self, Self::Open { name, .. } if name == tag)
    }

    /// True when this is a closing tag called `name`.
    pub fn closes(&self, tag: &str) -> bool {
        matches!(self, Self::Close { name } if name == tag)
    }
}

/// Reads one tag that spans the whole of `html` (surrounding whitespace allowed); `None` for anything else
/// (comments, several tags, text).
pub fn parse_tag(html: &str) -> Option<Tag> {
    let inner = html.trim().strip_prefix('<')?.strip_suffix('>')?;
    if let Some(name) = inner.strip_prefix('/') {
        let name = name.trim();
        return is_name(name).then(|| Tag::Close { name: name.to_ascii_lowercase() });
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
    let attributes = attributes(&inner[name_end..])?;
    Some(Tag::Open { name: name.to_ascii_lowercase(), attributes, self_closing })
}

fn is_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic()) && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

fn attributes(mut rest: &str) -> Option<Vec<(String, String)>> {
    let mut out = Vec::new();
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return Some(out);
        }
        let name_end = rest.find(|c: char| c.is_whitespace() || c == '=').unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        if name.is_empty() || name.contains(['<', '>', '"', '\'']) {
            return None;
        }
        rest = rest[name_end..].trim_start();
        let value = if let Some(after) = rest.strip_prefix('=') {
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
            rest = remaining;
            decode_entities(value).into_owned()
        } else {
            String::new()
        };
        out.push((name, value));
    }
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
        assert_eq!(tag.attribute("href"), Some("https://go.microsoft.com/fwlink/p/?linkid=842054&clcid=0x409"));
        assert_eq!(tag.attribute("target"), Some("_blank"));
        assert_eq!(parse_tag("</a>"), Some(Tag::Close { name: "a".into() }));
        let anchor = parse_tag("<a id='setup' />").unwrap();
        assert_eq!(anchor.attribute("id"), Some("setup"));
        assert!(matches!(parse_tag("<BR/>"), Some(Tag::Open { ref name, self_closing: true, .. }) if name == "br"));
        assert_eq!(parse_tag("<a href=plain>").unwrap().attribute("href"), Some("plain"));
    }

    #[test]
    fn refuses_what_is_not_one_tag() {
        assert_eq!(parse_tag("<!-- comment -->"), None);
        assert_eq!(parse_tag("text"), None);
        assert_eq!(parse_tag(r#"<a href="unterminated>"#), None);
        assert_eq!(parse_tag("<1a>"), None);
    }

    #[test]
    fn decodes_entities_and_keeps_unknown_ones() {
        assert_eq!(decode_entities("a &amp; b &#233; &#xE9; &bogus; &"), "a & b é é &bogus; &");
        assert!(matches!(decode_entities("plain"), Cow::Borrowed("plain")));
    }
}
