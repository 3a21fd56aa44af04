//! The one place that fixes checkdown's Markdown dialect: CommonMark plus what Learn uses from GitHub's flavour.
//!
//! One rule of Learn's Markdig differs from GitHub's: in a table row, a `|` inside inline code is text, not a column
//! separator (`` | `Name | 1..4` | Explanation | `` has two cells). pulldown-cmark follows GitHub, so before parsing,
//! such pipes are masked by [`mask_pipes_in_code`] and the builder puts them back ([`MASKED_PIPE`]).

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser};

/// The pulldown-cmark events of `text` with their byte ranges. Adjacent text events are not merged here: the block
/// builder merges them into one text node as it goes, which saves allocating the merged strings twice.
///
/// On: tables, task lists, strikethrough, and GitHub alerts (`> [!NOTE]` … `> [!CAUTION]`, which are exactly Learn's
/// alert set). Off, on purpose: heading attributes (`## Replace the {tenant}` would lose `{tenant}`), smart punctuation
/// (it rewrites quotes the EN/FR comparison and French typography need), and YAML metadata blocks (front matter is
/// split off before this runs, so a later `---` pair can never swallow prose).
pub fn cmark(text: &str) -> impl Iterator<Item = (Event<'_>, Range<usize>)> {
    Parser::new_ext(text, options()).into_offset_iter()
}

/// The pulldown-cmark extensions [`cmark`] turns on; benchmarks measure pulldown-cmark alone with the same.
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_GFM
}

/// What a `|` inside inline code of a table row is while pulldown-cmark reads the text: one byte, as `|` is, so every
/// offset holds, and a control character no article contains.
pub const MASKED_PIPE: char = '\u{1a}';

/// `text` with the pipes inside inline code masked, on the lines that also have a pipe outside code (table rows);
/// borrowed when there is none.
pub fn mask_pipes_in_code(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    // Most articles have no table, or none with code in its cells: one pass over the text spares them the rest.
    if memchr::memchr(b'|', bytes).is_none() || memchr::memchr(b'`', bytes).is_none() {
        return Cow::Borrowed(text);
    }
    let mut masked: Option<Vec<u8>> = None;
    let mut line_start = 0;
    while line_start < bytes.len() {
        let line_end = memchr::memchr(b'\n', &bytes[line_start..]).map_or(bytes.len(), |at| line_start + at);
        let line = &bytes[line_start..line_end];
        if memchr::memchr(b'`', line).is_some() && memchr::memchr(b'|', line).is_some() {
            let pipes = pipes_in_code(line);
            if !pipes.is_empty() && pipes.len() < line.iter().filter(|byte| **byte == b'|').count() {
                let out = masked.get_or_insert_with(|| bytes.to_vec());
                for at in pipes {
                    out[line_start + at] = MASKED_PIPE as u8;
                }
            }
        }
        line_start = line_end + 1;
    }
    // Only ASCII `|` bytes were replaced, by an ASCII byte: the text is still UTF-8.
    masked.map_or(Cow::Borrowed(text), |bytes| Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|_| text.to_owned())))
}

/// The offsets of the `|` inside the code spans of `line`: a run of backticks up to the next run of the same length
/// (CommonMark's rule, on one line as a table row is), outside code a backslash escaping the next byte.
fn pipes_in_code(line: &[u8]) -> Vec<usize> {
    let mut pipes = Vec::new();
    let mut at = 0;
    while at < line.len() {
        match line[at] {
            b'\\' => at += 2,
            b'`' => {
                let run = line[at..].iter().take_while(|byte| **byte == b'`').count();
                let code_start = at + run;
                let mut close = None;
                let mut scan = code_start;
                while scan < line.len() {
                    if line[scan] == b'`' {
                        let length = line[scan..].iter().take_while(|byte| **byte == b'`').count();
                        if length == run {
                            close = Some(scan);
                            break;
                        }
                        scan += length;
                    } else {
                        scan += 1;
                    }
                }
                match close {
                    Some(close) => {
                        pipes.extend((code_start..close).filter(|&inside| line[inside] == b'|'));
                        at = close + run;
                    }
                    // An unmatched run is literal backticks.
                    None => at = code_start,
                }
            }
            _ => at += 1,
        }
    }
    pipes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(row: &str) -> usize {
        let table = format!("| A | B |\n|---|---|\n{row}\n");
        let masked = mask_pipes_in_code(&table);
        cmark(&masked).filter(|(event, _)| matches!(event, Event::Start(pulldown_cmark::Tag::TableCell))).count() - 2
    }

    #[test]
    fn a_pipe_in_code_is_no_column_separator_as_in_markdig() {
        assert_eq!(cells("| `Type:\"Card | 1..4\"` | Finds cards |"), 2);
        assert_eq!(cells("| ``a | `b` | c`` | d |"), 2);
        assert_eq!(cells("| \\`a | b\\` | c |"), 2, "escaped backticks open no code: the row has 3 cells, 2 kept");
        assert_eq!(cells("| `unclosed | b |"), 2);
    }

    #[test]
    fn text_without_code_pipes_is_borrowed() {
        assert!(matches!(mask_pipes_in_code("a | b\n`c`\n"), Cow::Borrowed(_)));
        assert!(matches!(mask_pipes_in_code("`a | b`\n"), Cow::Borrowed(_)), "a paragraph's code, no table row");
    }
}
