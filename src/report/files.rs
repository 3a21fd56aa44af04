//! The lines of the files diagnostics point into, so the text format can show them and fingerprints can hash them.
//!
//! Callers fill a [`SourceFiles`] from the texts they already read; renderers only look lines up. A path or a line
//! without a text is not an error: the diagnostic renders without its snippet.

use std::collections::HashMap;

use super::text::MAX_SNIPPET_LINES;
use super::{Diagnostic, last_covered_line};

/// Lines of files by path and number (1-based), without their line breaks.
#[derive(Debug, Clone, Default)]
pub struct SourceFiles {
    lines: HashMap<String, HashMap<u32, String>>,
}

impl SourceFiles {
    /// No texts yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records every line of `text`, the file at `path` (spelled as in [`Location::path`](super::Location::path)).
    /// A second text for the same path replaces the first.
    pub fn insert(&mut self, path: impl Into<String>, text: &str) {
        let path = path.into();
        self.lines.remove(&path);
        self.keep(path, text, |_| true);
    }

    /// Records the lines of `text`, the file at `path`, that `diagnostics` show: the lines of their locations and
    /// sources in that file, at most as many at each end of a span as a snippet shows. A run over a whole repository
    /// then holds a few lines per finding rather than every file that has one.
    pub fn insert_shown(&mut self, path: &str, text: &str, diagnostics: &[Diagnostic]) {
        let spans: Vec<_> = diagnostics
            .iter()
            .flat_map(|diagnostic| [Some(&diagnostic.location), diagnostic.source.as_ref()])
            .flatten()
            .filter(|location| location.path == path)
            .filter_map(|location| location.span)
            .map(|span| (span.line, last_covered_line(span)))
            .collect();
        if spans.is_empty() {
            return;
        }
        let last = spans.iter().map(|&(_, last)| last).max().unwrap_or_default();
        self.keep(path.to_owned(), &text[..line_end(text, last)], |number| {
            spans.iter().any(|&(first, last)| {
                (first..=last).contains(&number)
                    && (number < first + MAX_SNIPPET_LINES || number + MAX_SNIPPET_LINES > last)
            })
        });
    }

    /// Adds the lines `other` holds.
    pub fn extend(&mut self, other: SourceFiles) {
        for (path, lines) in other.lines {
            self.lines.entry(path).or_default().extend(lines);
        }
    }

    /// Line `number` (1-based) of the file at `path`, without its line break; `None` when it was not recorded.
    pub(crate) fn line(&self, path: &str, number: u32) -> Option<&str> {
        self.lines.get(path)?.get(&number).map(String::as_str)
    }

    /// Records the lines of `text` that are `wanted`.
    fn keep(&mut self, path: String, text: &str, wanted: impl Fn(u32) -> bool) {
        let kept = self.lines.entry(path).or_default();
        for (number, line) in (1..).zip(text.split('\n')) {
            if wanted(number) {
                kept.insert(number, line.strip_suffix('\r').unwrap_or(line).to_owned());
            }
        }
    }
}

/// Where line `number` (1-based) of `text` ends, its line break aside; the end of `text` when it has fewer lines.
fn line_end(text: &str, number: u32) -> usize {
    let number = usize::try_from(number).unwrap_or(usize::MAX);
    memchr::memchr_iter(b'\n', text.as_bytes()).nth(number.saturating_sub(1)).unwrap_or(text.len())
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
        files.insert_shown("fr-fr/a.md", &text, &[finding, elsewhere]);

        let kept: Vec<u32> = (1..=31).filter(|&number| files.line("fr-fr/a.md", number).is_some()).collect();
        assert_eq!(kept, [3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 25]);
        assert_eq!(files.line("fr-fr/a.md", 25), Some("line 25"));
        assert_eq!(files.line("en-us/a.md", 10), None);
    }
}
