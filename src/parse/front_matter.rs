//! Front matter: the YAML block between `---` lines at the very top of a file.

use serde_json::{Map, Number, Value};

use super::flat_yaml::{self, Pair};
use super::lines::LineIndex;
use crate::model::front_matter::{Entry, FrontMatter};

/// The front matter found at the top of a text, and where the Markdown body starts.
#[derive(Debug)]
pub struct Split<'a> {
    /// The YAML text between the fences (empty when there is no front matter).
    pub yaml: &'a str,
    /// Byte offset of `yaml` in the text.
    pub yaml_start: usize,
    /// Byte offset where the Markdown body starts.
    pub body_start: usize,
    /// True when an opening `---` was found but no closing one.
    pub unclosed: bool,
}

/// Splits the front matter off `text` (which starts after any BOM). The block opens with `---` on the first line and
/// closes with `---` or `...` on a line of its own; CRLF line ends are fine. A blank line right after the opening
/// fence means it is a thematic break, not front matter, as in Learn's build.
pub fn split(text: &str) -> Split<'_> {
    let none = Split { yaml: "", yaml_start: 0, body_start: 0, unclosed: false };
    let mut lines = line_ranges(text);
    let Some(first) = lines.next() else { return none };
    if text[first.clone()].trim_end() != "---" {
        return none;
    }
    let yaml_start = first.end;
    if text[yaml_start..].lines().next().is_none_or(|line| line.trim().is_empty()) {
        return none;
    }
    for line in lines {
        let content = text[line.clone()].trim_end();
        if content == "---" || content == "..." {
            return Split { yaml: &text[yaml_start..line.start], yaml_start, body_start: line.end, unclosed: false };
        }
    }
    // Learn (markdig) reads an unclosed front matter as Markdown, a rule and the YAML lines as text: so do we.
    Split { unclosed: true, ..none }
}

/// When `text` (a whole file) opens a front matter it never closes: where the lines Learn then shows as text end, at
/// the first blank line (or the end of the file). `None` for a front matter closed, or none at all.
pub fn unclosed_end(text: &str) -> Option<usize> {
    let bom = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    if !split(&text[bom..]).unclosed {
        return None;
    }
    let mut at = bom;
    while at < text.len() {
        let end = super::lines::line_end(text, at);
        if text[at..end].trim().is_empty() {
            return Some(at);
        }
        at = end + 1;
    }
    Some(text.len())
}

/// A YAML problem: the message and the byte offset in the file it points at.
#[derive(Debug, PartialEq)]
pub struct YamlError {
    /// What the YAML parser said.
    pub message: String,
    /// Byte offset in the whole text.
    pub offset: usize,
}

/// A key given twice: its name and the byte offset of the repeated occurrence. The last value wins.
#[derive(Debug, PartialEq)]
pub struct DuplicateKey {
    /// The key.
    pub key: String,
    /// Byte offset of the later occurrence.
    pub offset: usize,
}

/// Reads the YAML of `split` into a [`FrontMatter`], with each top-level key's line, and the keys given twice.
/// Flat YAML, nearly all of Learn's, is read by [`flat_yaml`]; the rest by serde_yaml.
pub fn read(split: &Split<'_>, index: &LineIndex<'_>) -> Result<(FrontMatter, Vec<DuplicateKey>), YamlError> {
    if split.yaml.trim().is_empty() {
        return Ok(Default::default());
    }
    let pairs = match flat_yaml::read(split.yaml) {
        Some(pairs) => pairs,
        None => read_yaml(split.yaml).map_err(|error| {
            let message = error.to_string();
            let at = unfinished_start(&message, split.yaml)
                .or_else(|| error.location().map(|location| location.index()))
                .unwrap_or_default();
            YamlError {
                offset: split.yaml_start + at,
                message: with_file_lines(&message, index.line(split.yaml_start) - 1),
            }
        })?,
    };
    let mut front_matter = FrontMatter::default();
    let mut duplicates = Vec::new();
    for (key, value, offset) in pairs {
        let offset = split.yaml_start + offset;
        let entry = Entry { key, value, line: index.line(offset) };
        match front_matter.entries.iter_mut().find(|existing| existing.key == entry.key) {
            Some(existing) => {
                duplicates.push(DuplicateKey { key: entry.key.clone(), offset });
                *existing = entry;
            }
            None => front_matter.entries.push(entry),
        }
    }
    Ok((front_matter, duplicates))
}

/// Reads `yaml` with serde_yaml: the top-level pairs in order, repeated keys included, each with the byte offset of
/// its key in `yaml`.
pub fn read_yaml(yaml: &str) -> Result<Vec<Pair>, serde_yaml::Error> {
    let TopLevel(pairs) = serde_yaml::from_str(yaml)?;
    let key_offsets = top_level_key_offsets(yaml);
    let mut read: Vec<Pair> = Vec::with_capacity(pairs.len());
    for (key, value) in pairs {
        let key = scalar_text(&key);
        let occurrence = read.iter().filter(|(earlier, ..)| *earlier == key).count();
        let offset =
            key_offsets.iter().filter(|(name, _)| *name == key).nth(occurrence).map_or(0, |(_, offset)| *offset);
        read.push((key, to_json(value), offset));
    }
    Ok(read)
}

/// The top-level map, read pair by pair so that a repeated key (which Learn publishes) is not an error.
struct TopLevel(Vec<(serde_yaml::Value, serde_yaml::Value)>);

impl<'de> serde::Deserialize<'de> for TopLevel {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Pairs;
        impl<'de> serde::de::Visitor<'de> for Pairs {
            type Value = TopLevel;
            fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
                formatter.write_str("a map of front matter keys")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut access: A) -> Result<TopLevel, A::Error> {
                let mut pairs = Vec::new();
                while let Some(pair) = access.next_entry()? {
                    pairs.push(pair);
                }
                Ok(TopLevel(pairs))
            }
            // A front matter of comments only is an empty document, which YAML reads as null.
            fn visit_unit<E>(self) -> Result<TopLevel, E> {
                Ok(TopLevel(Vec::new()))
            }
            fn visit_none<E>(self) -> Result<TopLevel, E> {
                Ok(TopLevel(Vec::new()))
            }
        }
        deserializer.deserialize_any(Pairs)
    }
}

/// The YAML parser counts lines from the start of the YAML; shift every "line N" by the lines above it.
/// Where the flow collection or quoted scalar that a YAML error left unfinished starts in `yaml`, when the message
/// names one (`…, while parsing a flow sequence at line 2 column 8`): what to fix, where the parser gave up only at
/// the next line or later.
fn unfinished_start(message: &str, yaml: &str) -> Option<usize> {
    let (_, context) = message.split_once(", while ")?;
    if !(context.starts_with("parsing a flow") || context.starts_with("scanning a quoted scalar")) {
        return None;
    }
    let (_, mark) = context.split_once(" at line ")?;
    let (line, column) = mark.split_once(" column ")?;
    let number = |text: &str| text[..text.bytes().take_while(u8::is_ascii_digit).count()].parse::<usize>().ok();
    let (line, column) = (number(line)?, number(column)?);
    let start = line_ranges(yaml).nth(line.checked_sub(1)?)?.start;
    let within = yaml[start..].char_indices().nth(column.checked_sub(1)?).map_or(0, |(at, _)| at);
    Some(start + within)
}

fn with_file_lines(message: &str, lines_above: u32) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(at) = rest.find("line ") {
        let (before, after) = rest.split_at(at + "line ".len());
        out.push_str(before);
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        match after[..digits].parse::<u32>() {
            Ok(line) => out.push_str(&(line + lines_above).to_string()),
            Err(_) => out.push_str(&after[..digits]),
        }
        rest = &after[digits..];
    }
    out.push_str(rest);
    out
}

fn line_ranges(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let end = (super::lines::line_end(text, start) + 1).min(text.len());
        let range = start..end;
        start = end;
        Some(range)
    })
}

/// Top-level keys (no indentation, not a list item, not a comment) and their byte offsets in `yaml`.
fn top_level_key_offsets(yaml: &str) -> Vec<(&str, usize)> {
    line_ranges(yaml)
        .filter_map(|line| {
            let content = &yaml[line.clone()];
            if content.starts_with([' ', '\t', '-', '#']) {
                return None;
            }
            // A plain key may hold a colon (`ms:mtpsurl`): it ends at the first one followed by a space or the end.
            let colon = content
                .match_indices(':')
                .map(|(at, _)| at)
                .find(|&at| content[at + 1..].starts_with([' ', '\t']) || content[at + 1..].trim_end().is_empty())?;
            let key = content[..colon].trim().trim_matches(['"', '\'']);
            Some((key, line.start))
        })
        .collect()
}

fn scalar_text(value: &serde_yaml::Value) -> String {
    match value {
        serde_yaml::Value::String(text) => text.clone(),
        serde_yaml::Value::Number(number) => number.to_string(),
        serde_yaml::Value::Bool(flag) => flag.to_string(),
        serde_yaml::Value::Null => "null".to_owned(),
        other => serde_yaml::to_string(other).unwrap_or_default().trim().to_owned(),
    }
}

fn to_json(value: serde_yaml::Value) -> Value {
    match value {
        serde_yaml::Value::Null => Value::Null,
        serde_yaml::Value::Bool(flag) => Value::Bool(flag),
        serde_yaml::Value::Number(number) => {
            if let Some(int) = number.as_i64() {
                Value::from(int)
            } else if let Some(int) = number.as_u64() {
                Value::from(int)
            } else {
                number
                    .as_f64()
                    .and_then(Number::from_f64)
                    .map_or_else(|| Value::String(number.to_string()), Value::Number)
            }
        }
        serde_yaml::Value::String(text) => Value::String(text),
        serde_yaml::Value::Sequence(items) => Value::Array(items.into_iter().map(to_json).collect()),
        serde_yaml::Value::Mapping(mapping) => Value::Object(
            mapping.into_iter().map(|(key, value)| (scalar_text(&key), to_json(value))).collect::<Map<_, _>>(),
        ),
        serde_yaml::Value::Tagged(tagged) => to_json(tagged.value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_holding_a_colon_has_its_own_line() {
        let text =
            "---\ntitle: T\nms:mtpsurl: https://technet.microsoft.com/en-us/library/JJ662760(v=EXCHG.150)\n---\n";
        let index = LineIndex::new(text);
        let (front, _) = read(&split(text), &index).unwrap();
        let entry = front.entry("ms:mtpsurl").unwrap();
        assert_eq!(
            (entry.line, entry.value.as_str()),
            (3, Some("https://technet.microsoft.com/en-us/library/JJ662760(v=EXCHG.150)"))
        );
    }

    #[test]
    fn front_matter_with_crlf_and_lines_per_key() {
        let text = "---\r\ntitle: Close\r\nms.date: 03/14/2024\r\nlist:\r\n- a\r\n---\r\n# Body\r\n";
        let split = split(text);
        assert!(!split.unclosed);
        assert_eq!(&text[split.body_start..], "# Body\r\n");
        let (front, duplicates) = read(&split, &LineIndex::new(text)).unwrap();
        assert!(duplicates.is_empty());
        assert_eq!(front.title().as_deref(), Some("Close"));
        assert_eq!(front.ms_date().as_deref(), Some("03/14/2024"));
        assert_eq!(front.entry("ms.date").unwrap().line, 3);
        assert_eq!(front.get("list"), Some(&serde_json::json!(["a"])));
    }

    #[test]
    fn a_repeated_key_keeps_the_last_value_and_is_reported() {
        let text = "---\ndescription: first\ntitle: t\ndescription: \"second\"\n---\n";
        let (front, duplicates) = read(&split(text), &LineIndex::new(text)).unwrap();
        assert_eq!(front.description().as_deref(), Some("second"));
        assert_eq!(front.entry("description").unwrap().line, 4);
        assert_eq!(
            duplicates,
            vec![DuplicateKey { key: "description".into(), offset: text.rfind("description").unwrap() }]
        );
        let list = "---\n- a\n---\n";
        assert!(read(&split(list), &LineIndex::new(list)).unwrap_err().message.contains("expected a map"));
    }

    #[test]
    fn a_blank_line_after_the_fence_is_a_thematic_break_not_front_matter() {
        assert_eq!(split("---\n\ntitle: x\n---\n").body_start, 0);
        assert_eq!(split("# Title\n---\nx: y\n---\n").body_start, 0);
    }

    #[test]
    fn unclosed_and_malformed_front_matter() {
        assert!(split("---\ntitle: x\n# Body").unclosed);
        let text = "---\ntitle: x\nbad: [a, b\n---\nbody";
        let split = split(text);
        let error = read(&split, &LineIndex::new(text)).unwrap_err();
        assert!(error.message.contains("did not find expected"), "{}", error.message);
        assert_eq!(&text[error.offset..error.offset + 5], "[a, b", "where the unclosed sequence starts");
        for (text, at) in [("---\ntitle: x\nbad: \"a\n---\nbody", "\"a"), ("---\nt: x\n  y: z\n---\n", ": z")] {
            let error = read(&super::split(text), &LineIndex::new(text)).unwrap_err();
            assert!(text[error.offset..].starts_with(at), "{text:?}: {}, at {}", error.message, error.offset);
        }
    }
}
