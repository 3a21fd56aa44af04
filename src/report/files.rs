//! The texts of the files diagnostics point into, so the text format can show the offending lines.
//!
//! Callers fill a [`SourceFiles`] with the texts they already read; renderers only look lines up. A path without a text
//! is not an error: the diagnostic renders without its snippet.

use std::collections::HashMap;

/// File texts by path, with each text's line starts indexed once so that looking up a line is cheap.
#[derive(Debug, Clone, Default)]
pub struct SourceFiles {
    texts: HashMap<String, IndexedText>,
}

#[derive(Debug, Clone)]
struct IndexedText {
    text: String,
    /// Byte offset of the start of each line; line `n` (1-based) starts at `line_starts[n - 1]`.
    line_starts: Vec<usize>,
}

impl SourceFiles {
    /// No texts yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records the text of the file at `path`, spelled as in [`Location::path`](super::Location::path). A second text
    /// for the same path replaces the first.
    pub fn insert(&mut self, path: impl Into<String>, text: impl Into<String>) {
        let text = text.into();
        let line_starts =
            std::iter::once(0).chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|at| at + 1)).collect();
        self.texts.insert(path.into(), IndexedText { text, line_starts });
    }

    /// Line `number` (1-based) of the file at `path`, without its line break; `None` when the text is unknown or
    /// shorter than that.
    pub(crate) fn line(&self, path: &str, number: u32) -> Option<&str> {
        let indexed = self.texts.get(path)?;
        let index = usize::try_from(number).ok()?.checked_sub(1)?;
        let start = *indexed.line_starts.get(index)?;
        let end = indexed.line_starts.get(index + 1).map_or(indexed.text.len(), |next| next - 1);
        let line = &indexed.text[start..end];
        Some(line.strip_suffix('\r').unwrap_or(line))
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
    fn unknown_paths_and_lines_out_of_range_give_nothing() {
        let mut files = SourceFiles::new();
        files.insert("fr-fr/a.md", "une ligne\n");
        assert_eq!(files.line("fr-fr/b.md", 1), None);
        assert_eq!(files.line("fr-fr/a.md", 0), None);
        assert_eq!(files.line("fr-fr/a.md", 3), None);
    }
}
