//! One side of a comparison: a file's text, its parsed article, and how to point into it.

use super::Languages;
use super::markup;
use super::mend::{self, ClosedFence, ClosedZone, Mended, SpacedTab};
use crate::model::{Article, Span};
use crate::parse::lines::{LineIndex, Lines};
use crate::parse::{Encoding, FenceEnd, MissingEnds, NoIncludes, ParseOptions, ZoneEnd, parse};

use crate::report::{Diagnostic, Location};

/// A parsed file, source or target.
#[derive(Debug, Clone)]
pub struct Document {
    /// The path shown in diagnostics (relative to where checkdown runs when possible), `/`-separated.
    pub path: String,
    /// The path within the compared directory (the file name in file mode), for resolving relative links.
    pub relative: String,
    /// The text.
    pub text: String,
    /// How the file was stored: with the text, it gives back the file's bytes, which `ms.openlocfilehash` hashes.
    pub encoding: Encoding,
    /// The article, its broken numbered lists and tab headings mended ([`mend`]). Includes are not resolved: they are compared by
    /// path, and the included files as files.
    pub article: Article,
    /// The lists mended in `article`.
    pub mended: Vec<Mended>,
    /// The tab headings whose link a space parted from its text, mended before parsing ([`mend::spaced_tab_links`]).
    pub spaced_tabs: Vec<SpacedTab>,
    /// The moniker zones the file leaves open that the article closes where the other file of the pair closes them
    /// ([`Document::closing_zones_as`]).
    pub closed_zones: Vec<ClosedZone>,
    /// The code fences the file leaves open that the article closes where the other file of the pair closes them
    /// ([`Document::with_ends_closed`]), in the order of their fences in the file.
    pub closed_fences: Vec<ClosedFence>,
    /// What the parser found wrong.
    pub diagnostics: Vec<Diagnostic>,
    /// Where the lines of `text` start.
    lines: Lines,
}

impl Document {
    /// Parses `text`, shown as `path`, found at `relative` within the compared directory. The file is taken to be
    /// UTF-8 unless [`Document::stored_as`] says otherwise.
    pub fn new(path: impl Into<String>, relative: impl Into<String>, text: String) -> Self {
        Self::parsed(path.into(), relative.into(), text, &ParseOptions::default())
    }

    fn parsed(path: String, relative: String, text: String, options: &ParseOptions) -> Self {
        let mut parsed = parse(&path, &text, options, &NoIncludes);
        let mut spaced_tabs = Vec::new();
        if mend::may_have_spaced_tab(&parsed.article)
            && let Some((mended, spaced)) = mend::spaced_tab_links(&text)
        {
            parsed = parse(&path, &mended, options, &NoIncludes);
            spaced_tabs = spaced;
        }
        // The lines of a front matter left open are the parser's finding, not blocks to pair: Learn shows them as
        // text, but they are metadata the other side keeps where it belongs.
        if let Some(end) = crate::parse::front_matter::unclosed_end(&text) {
            parsed.article.preamble.retain(|block| block.span().start >= end);
        }
        let mended = mend::broken_lists(&mut parsed.article);
        Self {
            path,
            relative,
            text,
            encoding: Encoding::Utf8,
            article: parsed.article,
            mended,
            spaced_tabs,
            closed_zones: Vec::new(),
            closed_fences: Vec::new(),
            diagnostics: parsed.diagnostics,
            lines: parsed.lines,
        }
    }

    /// The same document, with each moniker zone it left open closed where `other` closes its own
    /// ([`mend::zones_left_open`]): read again, when it has one, keeping the parser's finding that it is not closed.
    pub fn closing_zones_as(mut self, other: &Document) -> Self {
        if memchr::memmem::find(self.text.as_bytes(), b"moniker").is_none() {
            return self;
        }
        let closed = mend::zones_left_open(&other.text, &self.text);
        if closed.is_empty() {
            return self;
        }
        let zones = closed.iter().map(|zone| zone.end).collect();
        let diagnostics = std::mem::take(&mut self.diagnostics);
        let mut document = self.read_again(zones, Vec::new());
        // The zones read as closed were never closed in the file: the parser's findings for them stay.
        let opened_at = |diagnostic: &Diagnostic| {
            closed.iter().any(|zone| diagnostic.location.span.is_some_and(|span| span.start == zone.opening.start))
        };
        document.diagnostics.extend(diagnostics.into_iter().filter(opened_at));
        document.closed_zones = closed;
        document
    }

    /// A source and its translation, each read as the other shows it was meant to be: with the code fences it left
    /// open closed where the other closes them, read again until none that a line can close is left (closing one may
    /// bring to light another that it swallowed), then its moniker zones likewise
    /// ([`Document::closing_zones_as`]): fences first, as what a fence swallowed hides a zone's lines.
    pub fn with_ends_closed(source: Document, target: Document, languages: &Languages) -> (Self, Self) {
        let (source, target) = Self::with_fences_closed(source, target, languages);
        Self::with_zones_closed(source, target)
    }

    /// A source and its translation, each with the code fences it left open closed where the other closes them: read
    /// again with a closing fence there ([`markup::fences_left_open`] finds them), so that what follows the fence is
    /// compared as written, and the fence is one finding. Closing one may bring to light another that what it
    /// swallowed hid, so the pair is read again until none is left.
    fn with_fences_closed(mut source: Document, mut target: Document, languages: &Languages) -> (Self, Self) {
        // Each round closes one fence at least: no more rounds than fences in both files.
        let fences = |document: &Document| {
            let text = document.text.as_bytes();
            memchr::memmem::find_iter(text, b"```").count() + memchr::memmem::find_iter(text, b"~~~").count()
        };
        let rounds = 1 + fences(&source) + fences(&target);
        // The first line of each file that may read otherwise than in the round before: what comes before it is read
        // as it was, and what was found there is closed already. A file with a fence broken after each block needs a
        // round for each; looking again only at what follows the last one keeps the rounds short.
        let (mut source_from, mut target_from) = (1, 1);
        // One side at a time, the translation first, unless only the source's fences pair wrongly: read against a file
        // whose fences pair wrongly, a line of the other would match the code that a fence left open swallowed there.
        for _ in 0..rounds {
            let source_first = markup::pairs_fences_wrongly(&source) && !markup::pairs_fences_wrongly(&target);
            let order = if source_first { [true, false] } else { [false, true] };
            let open = order.into_iter().find_map(|in_source| {
                let open = if in_source {
                    closable(&source, markup::source_fences_left_open(&source, &target, source_from, languages))
                } else {
                    closable(&target, markup::fences_left_open(&source, &target, target_from, languages))
                };
                (!open.is_empty()).then_some((in_source, open))
            });
            let Some((in_source, open)) = open else { break };
            // Each file is compared with the whole of the other: once one is read again, all of the other may read
            // otherwise.
            let first = open.iter().map(|closed| closed.opener).min().unwrap_or(1);
            if in_source {
                (source_from, target_from) = (first, 1);
                source = source.read_again(Vec::new(), open);
            } else {
                (source_from, target_from) = (1, first);
                target = target.read_again(Vec::new(), open);
            }
        }
        (source, target)
    }

    /// The same document read again with the zone ends `zones` and the code fences it closed, and `fences` too.
    fn read_again(self, zones: Vec<ZoneEnd>, fences: Vec<ClosedFence>) -> Self {
        let mut closed_fences = self.closed_fences;
        closed_fences.extend(fences);
        closed_fences.sort_by_key(|closed| closed.end.at);
        let missing = MissingEnds { zones, fences: closed_fences.iter().map(|closed| closed.end.clone()).collect() };
        let options = ParseOptions { missing, ..ParseOptions::default() };
        let mut document = Self::parsed(self.path, self.relative, self.text, &options).stored_as(self.encoding);
        document.closed_zones = self.closed_zones;
        document.closed_fences = closed_fences;
        document
    }

    /// A source and its translation, each with the moniker zones it left open closed where the other closes them
    /// ([`Document::closing_zones_as`]): a translation's open zone is then its one `broken-markdown` finding, and a
    /// source's, its parser's note, without a finding for every heading after it.
    fn with_zones_closed(source: Document, target: Document) -> (Document, Document) {
        let target = target.closing_zones_as(&source);
        (source.closing_zones_as(&target), target)
    }

    /// The same document, read from a file stored in `encoding`.
    pub fn stored_as(mut self, encoding: Encoding) -> Self {
        self.encoding = encoding;
        self
    }

    /// The mending of the list starting at byte `start`, if it was mended.
    pub fn mended_list(&self, start: usize) -> Option<&Mended> {
        self.mended.iter().find(|mended| mended.list_start == start)
    }

    /// The closing fences read in from byte `start` on, the first at `start` if any: the file's lines there, or a fence
    /// read in before one of them.
    pub fn fences_read_in_from(&self, start: usize) -> &[ClosedFence] {
        &self.closed_fences[self.closed_fences.partition_point(|closed| closed.end.at < start)..]
    }

    /// The closing fences read in at byte `start`, in the order they were found.
    fn fences_read_in_at(&self, start: usize) -> &[ClosedFence] {
        let from = self.fences_read_in_from(start);
        &from[..from.partition_point(|closed| closed.end.at == start)]
    }

    /// The first closing fence read in at byte `start`, if one is.
    pub fn fence_read_in_at(&self, start: usize) -> Option<&ClosedFence> {
        self.fences_read_in_at(start).first()
    }

    /// Whether the closing fence `end` is read in already, first or after another at the same place.
    fn reads_in(&self, end: &FenceEnd) -> bool {
        self.fences_read_in_at(end.at).iter().any(|closed| closed.end == *end)
    }

    /// The location of `span` in this file.
    pub fn at(&self, span: Span) -> Location {
        Location::new(self.path.clone(), span)
    }

    /// Makes `location`, when it is in this file and ends at the start of a line after others, end on its last line
    /// instead: a block's span takes in its line end. Done once per finding reported, not per block compared.
    pub fn end_on_last_line(&self, location: &mut Location) {
        let Some(span) = location.span.filter(|span| location.path == self.path && span.end_line > span.line) else {
            return;
        };
        let end = self.text.get(..span.end).map_or(span.end, |text| text.trim_end_matches(['\n', '\r']).len());
        if end < span.end {
            location.span = Some(self.span(span.start.min(end), end));
        }
    }

    /// The whole file.
    pub fn whole(&self) -> Location {
        Location::file(self.path.clone())
    }

    /// The location of 1-based `line`, from its first character to its end (clamped to the text).
    pub fn line(&self, line: u32) -> Location {
        self.at(self.index().whole_line(line))
    }

    /// The text of 1-based `line`, line end excluded; `None` past the last line.
    pub fn line_text(&self, line: u32) -> Option<&str> {
        LineIndex::over(&self.text, &self.lines).line_text(line)
    }

    /// The empty span at the start of the line after the last line of `span` that is not blank, or at the end of
    /// that line when it is the file's last: where a block missing after the one at `span` belongs.
    pub fn line_after(&self, span: Span) -> Span {
        let end = self.text.get(..span.end).unwrap_or(&self.text).trim_end().len();
        let next_line = self.text[end..].find('\n').map(|at| end + at + 1).filter(|&start| start < self.text.len());
        let at = next_line.unwrap_or(end);
        self.span(at, at)
    }

    /// The span of bytes `start..end` (clamped to character boundaries within the text).
    pub fn span(&self, start: usize, end: usize) -> Span {
        self.index().span(start, end)
    }

    fn index(&self) -> LineIndex<'_> {
        LineIndex::over(&self.text, &self.lines)
    }

    /// The part of `outer` (a node's span) that holds `needle`, when the source text there contains it; else `outer`.
    /// Used to point at one number or word inside a paragraph.
    pub fn narrow(&self, outer: Span, needle: &str) -> Span {
        let Some(slice) = self.text.get(outer.start..outer.end.min(self.text.len())) else { return outer };
        match slice.find(needle) {
            Some(at) if !needle.is_empty() => self.span(outer.start + at, outer.start + at + needle.len()),
            _ => outer,
        }
    }

    /// The part of `outer` that reads as `prose`, text as the `untranslated` rule reads it ([`prose_text`]: emphasis,
    /// link targets, images, inline code and HTML left out, white space collapsed), when the text there holds it;
    /// else `outer`. Points at one sentence of a paragraph whose sentence has bold, a link or a no-break space.
    ///
    /// [`prose_text`]: super::language::prose_text
    pub fn narrow_prose(&self, outer: Span, prose: &str) -> Span {
        let Some(slice) = self.text.get(outer.start..outer.end.min(self.text.len())) else { return outer };
        let Some(first) = prose.chars().next() else { return outer };
        slice
            .match_indices(first)
            .find_map(|(at, _)| reads_as(&slice[at..], prose).map(|len| (at, len)))
            .map_or(outer, |(at, len)| self.span(outer.start + at, outer.start + at + len))
    }
}

/// The fences left open of `document` that a line can close, as closed fences: each with its finding, and not one
/// already closed, should a closing line have failed to take.
fn closable(document: &Document, open: Vec<markup::Swallowed>) -> Vec<ClosedFence> {
    open.into_iter()
        .filter_map(|swallowed| {
            Some(ClosedFence { opener: swallowed.opener(), end: swallowed.end?, finding: swallowed.finding? })
        })
        // A fence read in already did all it can: reading it in again would change nothing, round after round.
        .filter(|fence| !document.reads_in(&fence.end))
        .collect()
}

/// How many bytes at the start of `raw` (Markdown) read as `prose`, if they do: the characters of `prose` in order,
/// where a space stands for white space and markup, and markup may come between any two characters.
fn reads_as(raw: &str, prose: &str) -> Option<usize> {
    let mut at = 0;
    let mut wanted = prose.chars().peekable();
    while let Some(character) = wanted.next() {
        if character == ' ' {
            let next = wanted.peek().copied();
            let start = at;
            while let Some(found) = raw[at..].chars().next() {
                if found.is_whitespace() {
                    at += found.len_utf8();
                } else if Some(found) != next
                    && let Some(len) = markup(&raw[at..])
                {
                    at += len;
                } else {
                    break;
                }
            }
            if at == start {
                return None;
            }
            continue;
        }
        loop {
            let found = raw[at..].chars().next()?;
            if found == character {
                at += found.len_utf8();
                break;
            }
            at += markup(&raw[at..])?;
        }
    }
    Some(at)
}

/// The length of the markup that starts `raw`, which prose text leaves out: an emphasis mark, a link's brackets and
/// target, an image, inline code, an HTML tag, an escaping backslash or a character entity.
fn markup(raw: &str) -> Option<usize> {
    let through = |from: usize, end: char| raw[from..].find(end).map(|at| from + at + end.len_utf8());
    match raw.chars().next()? {
        '*' | '_' | '~' | '[' | '\\' => Some(1),
        ']' if raw[1..].starts_with('(') => through(1, ')'),
        ']' => Some(1),
        '!' if raw[1..].starts_with('[') => raw.find("](").and_then(|at| through(at, ')')),
        '<' => through(0, '>'),
        '`' => {
            let ticks = raw.len() - raw.trim_start_matches('`').len();
            raw[ticks..].find(&raw[..ticks]).map(|at| 2 * ticks + at)
        }
        '&' => {
            let end = raw.find(';').filter(|&end| end > 1 && end <= 10)?;
            raw[1..end].chars().all(|c| c.is_ascii_alphanumeric() || c == '#').then_some(end + 1)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::rules::Rule;

    #[test]
    fn lines_and_narrowed_spans_point_at_characters() {
        let document = Document::new("fr-fr/a.md", "a.md", "# Titre\r\n\nRépétez les étapes 3 à 5.\n".to_owned());
        let line = document.line(1).span.unwrap();
        assert_eq!((line.line, line.column, line.end_line, line.end_column), (1, 1, 1, 8));
        let paragraph = document.span(10, document.text.len() - 1);
        let three = document.narrow(paragraph, "3");
        assert_eq!((three.line, three.column, three.end_column), (3, 20, 21));
    }

    #[test]
    fn a_closing_fence_read_in_after_another_at_its_place_is_known_as_read_in() {
        let text = "# T\n\n1. Step\n\n   ~~~\n   Get-A\n```\n\nText.\n";
        let document = Document::new("fr-fr/a.md", "a.md", text.to_owned());
        let at = text.find("```").unwrap();
        let finding = Rule::BrokenMarkdown.diagnostic(document.at(document.line(7).span.unwrap()), "close it");
        let fence = |replaces| ClosedFence {
            end: FenceEnd { at, line: "   ~~~".to_owned(), replaces },
            finding: finding.clone(),
            opener: 5,
        };
        // The line replaced first, then a fence read in before it: the first one found there is the replacement.
        let document = document.read_again(Vec::new(), vec![fence(true), fence(false)]);
        assert!(document.fence_read_in_at(at).is_some_and(|closed| closed.end.replaces));
        assert!(document.reads_in(&fence(false).end), "proposed again, it would be read in again, round after round");
        assert!(document.reads_in(&fence(true).end));
        let elsewhere = FenceEnd { at: text.find("Text").unwrap(), ..fence(false).end };
        assert!(!document.reads_in(&elsewhere));
    }

    #[test]
    fn prose_narrows_across_markup_and_no_break_spaces() {
        let text = "# T\n\nTraduit. If there are no jobs, all files in the **ingestion** container are deleted after \
                    [30 days](a.md) by `Remove-Item`. Fin.\n\n## FAST Search Server\u{a0}2010 for SharePoint\u{a0}\n";
        let document = Document::new("fr-fr/a.md", "a.md", text.to_owned());
        let whole = document.span(0, text.len());
        let shown = |span: Span| &text[span.start..span.end];
        let sentence = "If there are no jobs, all files in the ingestion container are deleted after 30 days by .";
        assert_eq!(
            shown(document.narrow_prose(whole, sentence)),
            "If there are no jobs, all files in the **ingestion** container are deleted after [30 days](a.md) by \
             `Remove-Item`."
        );
        let heading = "FAST Search Server 2010 for SharePoint";
        assert_eq!(shown(document.narrow_prose(whole, heading)), "FAST Search Server\u{a0}2010 for SharePoint");
        assert_eq!(document.narrow_prose(whole, "Not in the text."), whole);
    }
}
