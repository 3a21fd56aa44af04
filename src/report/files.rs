//! The lines of the files diagnostics point into, so the text format can show them and fingerprints can hash them.
//!
//! Callers fill a [`SourceFiles`] from the texts they already read; renderers only look lines up. A path or a line
//! without a text is not an error: the diagnostic renders without its snippet.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use super::text::MAX_SNIPPET_LINES;
use super::{Diagnostic, last_covered_line};

/// Lines of files by path and number (1-based), without their line breaks.
#[derive(Debug, Clone, Default)]
pub struct SourceFiles {
    lines: HashMap<String, HashMap<u32, Line>>,
}

/// How many characters apart a [`Line`] marks where characters start.
const CHARACTERS_PER_MARK: usize = 64;

/// A recorded line, and where every [`CHARACTERS_PER_MARK`]th character of it starts: the text at a column is found
/// without counting from the line's start, so many findings on one long line (a paragraph is one line) cost what
/// their own text does, not the line's length each.
#[derive(Debug, Clone)]
struct Line {
    text: String,
    /// Empty when the line is ASCII: its columns are then byte offsets.
    marks: Vec<usize>,
}

impl Line {
    fn new(text: String) -> Self {
        let marks = if text.is_ascii() {
            Vec::new()
        } else {
            text.char_indices().step_by(CHARACTERS_PER_MARK).map(|(at, _)| at).collect()
        };
        Self { text, marks }
    }

    /// Where the character at 0-based `index` starts; the line's length past its end.
    fn offset(&self, index: usize) -> usize {
        if self.marks.is_empty() {
            return index.min(self.text.len());
        }
        let Some(&mark) = self.marks.get(index / CHARACTERS_PER_MARK) else { return self.text.len() };
        let mut after = self.text[mark..].char_indices().map(|(at, _)| mark + at);
        after.nth(index % CHARACTERS_PER_MARK).unwrap_or(self.text.len())
    }
}

impl SourceFiles {
    /// No texts yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records every line of `text`, the file at `path` (spelled as in [`Location::path`](super::Location::path)).
    /// A second text for the same path replaces the first.
    pub fn insert(&mut self, path: impl Into<String>, text: &str) {
        let lines = text.split('\n').map(|line| Line::new(line.strip_suffix('\r').unwrap_or(line).to_owned()));
        self.lines.insert(path.into(), (1..).zip(lines).collect());
    }

    /// Records the lines of the file at `path` that `diagnostics` show, each looked up by `line` (1-based, without
    /// its line break): the lines of their locations and sources in that file, at most as many at each end of a span
    /// as a snippet shows. A run over a whole repository then holds a few lines per finding rather than every file
    /// that has one.
    pub fn insert_shown<'t>(&mut self, path: &str, line: impl Fn(u32) -> Option<&'t str>, diagnostics: &[Diagnostic]) {
        let wanted: Vec<u32> = diagnostics
            .iter()
            .flat_map(|diagnostic| [Some(&diagnostic.location), diagnostic.source.as_ref()])
            .flatten()
            .filter(|location| location.path == path)
            .filter_map(|location| location.span)
            .flat_map(|span| {
                let (first, last) = (span.line, last_covered_line(span));
                let head = first..=last.min(first + MAX_SNIPPET_LINES - 1);
                let tail = first.max((last + 1).saturating_sub(MAX_SNIPPET_LINES))..=last;
                head.chain(tail)
            })
            .collect();
        if wanted.is_empty() {
            return;
        }
        let kept = self.lines.entry(path.to_owned()).or_default();
        for number in wanted {
            if let Entry::Vacant(entry) = kept.entry(number)
                && let Some(text) = line(number)
            {
                entry.insert(Line::new(text.to_owned()));
            }
        }
    }

    /// Adds the lines `other` holds.
    pub fn extend(&mut self, other: SourceFiles) {
        for (path, lines) in other.lines {
            self.lines.entry(path).or_default().extend(lines);
        }
    }

    /// Line `number` (1-based) of the file at `path`, without its line break; `None` when it was not recorded.
    pub(crate) fn line(&self, path: &str, number: u32) -> Option<&str> {
        Some(&self.lines.get(path)?.get(&number)?.text)
    }

    /// The characters `from..to` (0-based, clamped to the line) of line `number` (1-based) of the file at `path`;
    /// `None` when the line was not recorded.
    pub(crate) fn characters(&self, path: &str, number: u32, from: usize, to: usize) -> Option<&str> {
        let line = self.lines.get(path)?.get(&number)?;
        let start = line.offset(from);
        Some(&line.text[start..line.offset(to).max(start)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_lines_up_without_their_line_breaks() {
        let mut files = SourceFiles::new();
        files.insert("fr-fr/a.md", "# Titre\r\nÉtape 1\n\nfin");
        assert_eq!(files.line("fr-fr/a.md", 1), Some("# Titre"));
        assert_eq!(files.line("fr-fr/a.md", 2), Some("Étape 1"));
        assert_eq!(files.line("fr-fr/a.md", 3), Some(""));
        assert_eq!(files.line("fr-fr/a.md", 4), Some("fin"));
    }

    #[test]
    fn characters_are_found_by_column_on_long_lines_of_any_script() {
        let lines = [
            "plain ascii ".repeat(30),
            "Étape à suivre « ici » – ".repeat(20),
            "中文字符和 emoji 🎉 mixed ".repeat(15),
            String::new(),
        ];
        let mut files = SourceFiles::new();
        files.insert("fr-fr/a.md", &lines.join("\n"));
        for (number, line) in (1..).zip(&lines) {
            let count = line.chars().count();
            for (from, to) in [
                (0, 0),
                (0, 5),
                (3, 64),
                (63, 65),
                (64, 128),
                (100, 300),
                (count.saturating_sub(1), count + 10),
                (9, 2),
            ]
            .into_iter()
            .filter(|(from, _)| *from <= count)
            {
                let expected: String = line.chars().skip(from).take(to.saturating_sub(from)).collect();
                assert_eq!(files.characters("fr-fr/a.md", number, from, to), Some(expected.as_str()), "{from}..{to}");
            }
        }
        assert_eq!(files.characters("fr-fr/a.md", 9, 0, 1), None);
    }

    #[test]
    fn unknown_paths_and_lines_out_of_range_give_nothing() {
        let mut files = SourceFiles::new();
        files.insert("fr-fr/a.md", "une ligne\n");
        assert_eq!(files.line("fr-fr/b.md", 1), None);
        assert_eq!(files.line("fr-fr/a.md", 0), None);
        assert_eq!(files.line("fr-fr/a.md", 3), None);
    }

    #[test]
    fn a_run_keeps_only_the_lines_its_findings_show() {
        use crate::model::Span;
        use crate::report::{Location, Severity};

        let text: String = (1..=30).map(|number| format!("line {number}\n")).collect();
        let lines = |line, end_line| Span { line, column: 1, end_line, end_column: 5, ..Span::default() };
        // A finding over lines 3 to 20, its source at line 25 of the same file, and one in another file.
        let finding = Diagnostic::new("x", Severity::Error, Location::new("fr-fr/a.md", lines(3, 20)), "m")
            .with_source(Location::new("fr-fr/a.md", lines(25, 25)));
        let elsewhere = Diagnostic::new("x", Severity::Error, Location::new("en-us/a.md", lines(10, 10)), "m");
        let mut files = SourceFiles::new();
        let index = crate::parse::lines::LineIndex::new(&text);
        files.insert_shown("fr-fr/a.md", |number| index.line_text(number), &[finding, elsewhere]);

        let kept: Vec<u32> = (1..=31).filter(|&number| files.line("fr-fr/a.md", number).is_some()).collect();
        assert_eq!(kept, [3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 25]);
        assert_eq!(files.line("fr-fr/a.md", 25), Some("line 25"));
        assert_eq!(files.line("en-us/a.md", 10), None);
    }
}
