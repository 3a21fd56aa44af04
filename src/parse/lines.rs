//! Byte offsets to 1-based lines and character columns.

use std::borrow::Cow;
use std::cell::Cell;

use crate::model::Span;

/// Where the lines of a text start: what a [`LineIndex`] needs besides the text, kept by whoever keeps the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lines {
    starts: Vec<usize>,
    /// Whether each line is all ASCII: a column on it is then a byte distance, nothing to count. Most lines are,
    /// even in French (blank lines, code, links, tables of names).
    ascii_lines: Vec<bool>,
    /// True when the text starts with a byte order mark, which editors do not count as a column.
    bom: bool,
}

impl Lines {
    /// The lines of `text`. Lines end where CommonMark's do: at `\n`, `\r\n` or a `\r` alone (old Mac files, and
    /// stray ones in Learn's own).
    pub fn of(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        starts.extend(line_breaks(bytes, 0).map(|at| at + 1));
        let ascii_lines = if text.is_ascii() {
            vec![true; starts.len()]
        } else {
            let ends = starts.iter().skip(1).copied().chain([text.len()]);
            starts.iter().zip(ends).map(|(start, end)| text.as_bytes()[*start..end].is_ascii()).collect()
        };
        Self { starts, ascii_lines, bom: text.starts_with('\u{feff}') }
    }

    /// The 0-based line holding `offset`. Spans arrive mostly in order, so the lines from `hint` on are tried
    /// before a binary search.
    fn line_of(&self, offset: usize, hint: usize) -> usize {
        if self.starts[hint] <= offset {
            for line in hint..(hint + 4).min(self.starts.len()) {
                if self.starts.get(line + 1).is_none_or(|next| *next > offset) {
                    return line;
                }
            }
        }
        self.starts.partition_point(|start| *start <= offset) - 1
    }
}

/// A text and its [`Lines`], for turning byte offsets into [`Span`]s.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    text: &'a str,
    lines: Cow<'a, Lines>,
    /// The last position computed (line index, offset, column): spans arrive mostly in order, and nearby, so
    /// looking up lines and counting characters from there keeps the cost linear.
    last: Cell<(usize, usize, usize)>,
}

impl<'a> LineIndex<'a> {
    /// Indexes `text`.
    pub fn new(text: &'a str) -> Self {
        Self { text, lines: Cow::Owned(Lines::of(text)), last: Cell::new((0, 0, 1)) }
    }

    /// The index of `text` over its `lines`, computed earlier by [`Lines::of`] from the same text.
    pub fn over(text: &'a str, lines: &'a Lines) -> Self {
        Self { text, lines: Cow::Borrowed(lines), last: Cell::new((0, 0, 1)) }
    }

    /// The 1-based line and character column of byte `offset` (clamped to the text, and to a character boundary).
    pub fn position(&self, offset: usize) -> (u32, u32) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let lines: &Lines = &self.lines;
        let (last_line, last_offset, last_column) = self.last.get();
        let line = lines.line_of(offset, last_line);
        let line_start = lines.starts[line];
        let count = |range: std::ops::Range<usize>| self.text[range].chars().count();
        let mut column = if lines.ascii_lines[line] {
            offset - line_start + 1
        } else if line == last_line && offset >= last_offset {
            last_column + count(last_offset..offset)
        } else if line == last_line && last_offset - offset < offset - line_start {
            last_column - count(offset..last_offset)
        } else {
            count(line_start..offset) + 1
        };
        self.last.set((line, offset, column));
        if line == 0 && offset >= 3 && lines.bom {
            column -= 1;
        }
        (to_u32(line + 1), to_u32(column))
    }

    /// The span of the byte range `start..end`.
    pub fn span(&self, start: usize, end: usize) -> Span {
        let (line, column) = self.position(start);
        let (end_line, end_column) = self.position(end.max(start));
        Span { start, end: end.max(start), line, column, end_line, end_column }
    }

    /// Moves the end of `span` to byte `end` when that is later.
    pub fn extend(&self, span: &mut Span, end: usize) {
        if end > span.end {
            (span.end_line, span.end_column) = self.position(end);
            span.end = end;
        }
    }

    /// The text indexed.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The length of the text in bytes.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// True for an empty text.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// An empty span at the start of 1-based `line` (clamped to the text).
    pub fn line_span(&self, line: u32) -> Span {
        let start = self.line_range(line).start;
        self.span(start, start)
    }

    /// The span of 1-based `line` (clamped to the text), from its first character to its end, line end excluded.
    pub fn whole_line(&self, line: u32) -> Span {
        let range = self.line_range(line);
        self.span(range.start, range.end)
    }

    /// The text of 1-based `line`, line end excluded; `None` past the last line.
    pub fn line_text(&self, line: u32) -> Option<&'a str> {
        let text: &'a str = self.text;
        (1..=self.lines.starts.len()).contains(&(line as usize)).then(|| &text[self.line_range(line)])
    }

    fn line_range(&self, line: u32) -> std::ops::Range<usize> {
        let starts = &self.lines.starts;
        let index = (line.max(1) as usize - 1).min(starts.len() - 1);
        let start = starts[index];
        let end = starts.get(index + 1).map_or(self.text.len(), |next| next - 1);
        let end = if end > start && self.text[..end].ends_with('\r') { end - 1 } else { end };
        start..end
    }

    /// The 1-based line number of byte `offset`.
    pub fn line(&self, offset: usize) -> u32 {
        self.position(offset).0
    }
}

/// Where the lines of `bytes` from `from` on end: each `\n`, and each `\r` not followed by one.
fn line_breaks(bytes: &[u8], from: usize) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr2_iter(b'\n', b'\r', &bytes[from..])
        .map(move |at| from + at)
        .filter(|&at| bytes[at] == b'\n' || bytes.get(at + 1) != Some(&b'\n'))
}

/// The offset of the line break ending the line of `text` that starts at `from` (its `\n`, or a lone `\r`), or the
/// text's end. A `\r` before the `\n` stays in the line.
pub fn line_end(text: &str, from: usize) -> usize {
    line_breaks(text.as_bytes(), from).next().unwrap_or(text.len())
}

fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let index = LineIndex::new("ab\nÉtape 1\r\nx");
        assert_eq!(index.position(0), (1, 1));
        assert_eq!(index.position(3), (2, 1));
        // "É" is two bytes: the "t" after it is column 2.
        assert_eq!(index.position(5), (2, 2));
        assert_eq!(index.position(13), (3, 1));
        // Past the end and inside a character are clamped, never a panic.
        assert_eq!(index.position(4), (2, 1));
        assert_eq!(index.position(1000), (3, 2));
    }

    /// A `\r` alone ends a line, as in CommonMark (a heading and a paragraph parted by `\r\r` are two lines apart).
    #[test]
    fn a_carriage_return_alone_ends_a_line() {
        let index = LineIndex::new("# CR only\r\rtext\r\nnext\r\r");
        assert_eq!(index.position(11), (3, 1));
        assert_eq!(index.position(17), (4, 1));
        let lines: Vec<_> = (1..=6).map(|line| index.line_text(line)).collect();
        assert_eq!(lines, [Some("# CR only"), Some(""), Some("text"), Some("next"), Some(""), Some("")]);
    }

    #[test]
    fn positions_do_not_depend_on_the_order_they_are_asked_in() {
        let text = "\u{feff}Étape 1 : « Supprimer »\nligne deux, très longue é è\r\n\nfin ü";
        let fresh = |offset| LineIndex::new(text).position(offset);
        let index = LineIndex::new(text);
        let forward: Vec<usize> = (0..=text.len()).collect();
        let jumps = [40, 5, 38, 3, 60, 12, 12, 0, 55, 30];
        for offset in forward.iter().copied().chain(forward.iter().rev().copied()).chain(jumps) {
            assert_eq!(index.position(offset), fresh(offset), "offset {offset}");
        }
    }
}
