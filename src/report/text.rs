//! The human format, modelled on rustc: a header line, the location, the offending source lines with `^^^` under the
//! span, for sync findings the English counterpart with `---` under it, and the finding's note, if any, as
//! `= note:` with its further lines aligned under its first.
//!
//! ```text
//! warning[number-mismatch]: numbers differ: English has 4, 5; French has 3, 5
//!   --> fr-fr/close-your-account.md:20:20
//!    |
//! 20 | 1. Répétez les étapes **3** à 5 pour chaque abonnement.
//!    |                    ^^^^^
//!    = source: en-us/close-your-account.md:14:15
//!    |
//! 14 | 1. Repeat steps **4** and 5 for each subscription.
//!    |               -----
//! ```
//!
//! A final line counts the findings. Columns are characters, but carets are placed by display width, so they stay
//! under the span after accented, combining or wide characters; tabs show as four spaces. A line wider than 120
//! columns (a Learn paragraph is one line) shows 120 of them around the span, with `...` where it is cut. Source
//! lines come from [`SourceFiles`]; without the text (or when the span lies outside it) a diagnostic is printed
//! without its snippet. Written by hand rather than with `annotate-snippets`: the layout needs a few dozen lines of
//! logic, works from line/column spans that stay safe when a text is stale, and keeps snapshots independent of another
//! crate's rendering changes.

use std::collections::HashMap;
use std::fmt::{self, Display};
use std::io::{self, Write};
use std::rc::Rc;

use unicode_width::UnicodeWidthChar;

use super::{Diagnostic, Location, RenderContext, Severity, SourceFiles, last_covered_line};

/// A span over more lines than this shows its first and last lines around a `...` row.
pub(crate) const MAX_SNIPPET_LINES: u32 = 5;
/// How many lines to keep at each end of a long span.
const LINES_KEPT_AT_EACH_END: u32 = 2;
const TAB_WIDTH: usize = 4;
/// Source lines wider than this many columns are cut to a window around the marks, with `...` where they were cut:
/// a Learn paragraph is one line of hundreds of characters, too wide for a terminal or a CI log.
const MAX_LINE_WIDTH: usize = 120;
/// How many columns a cut line keeps before the first mark.
const COLUMNS_BEFORE_MARKS: usize = 24;
const CUT: &str = "...";

/// Writes `diagnostics` for a person to read, then the summary line.
///
/// # Errors
///
/// Only those of writing to `out`.
pub fn render(diagnostics: &[Diagnostic], context: &RenderContext<'_>, out: &mut dyn Write) -> io::Result<()> {
    let palette = Palette { enabled: context.color };
    let mut lines = ShownLines::default();
    for diagnostic in diagnostics {
        write_diagnostic(diagnostic, context, &mut lines, palette, out)?;
        writeln!(out)?;
    }
    writeln!(out, "{}", palette.paint(Style::EMPHASIS, context.summary(diagnostics)))
}

fn write_diagnostic<'d>(
    diagnostic: &'d Diagnostic,
    context: &RenderContext<'_>,
    lines: &mut ShownLines<'d>,
    palette: Palette,
    out: &mut dyn Write,
) -> io::Result<()> {
    let primary = snippet(&diagnostic.location, context, lines);
    let source = diagnostic.source.as_ref().map(|source| (source, snippet(source, context, lines)));
    let widest_line_number =
        primary.iter().chain(source.iter().flat_map(|(_, rows)| rows)).filter_map(Row::number).max();
    let gutter = Gutter { width: widest_line_number.map_or(1, |number| number.to_string().len()) };

    write_header(diagnostic, palette, out)?;
    writeln!(out, "{}{} {}", gutter.pad(), palette.paint(Style::GUTTER, "-->"), diagnostic.location)?;
    let severity_style = Style::severity(diagnostic.severity);
    gutter.write_snippet(&primary, Marker { mark: '^', style: severity_style }, palette, out)?;
    if let Some((location, rows)) = source {
        writeln!(
            out,
            "{} {} {}: {location}",
            gutter.pad(),
            palette.paint(Style::GUTTER, "="),
            palette.paint(Style::EMPHASIS, "source")
        )?;
        gutter.write_snippet(&rows, Marker { mark: '-', style: Style::GUTTER }, palette, out)?;
    }
    if let Some(note) = &diagnostic.note {
        let prefix = format!(
            "{} {} {}",
            gutter.pad(),
            palette.paint(Style::GUTTER, "="),
            palette.paint(Style::EMPHASIS, "note:")
        );
        write_aligned(&prefix, gutter.width + " = note:".len(), note, None, palette, out)?;
    }
    Ok(())
}

/// `error[rule]: message`, with the message's further lines aligned under its first.
fn write_header(diagnostic: &Diagnostic, palette: Palette, out: &mut dyn Write) -> io::Result<()> {
    let label = format!("{}[{}]", diagnostic.severity, diagnostic.rule);
    let width = label.chars().count() + 1;
    let prefix = format!(
        "{}{}",
        palette.paint(Style::severity(diagnostic.severity), label),
        palette.paint(Style::EMPHASIS, ":")
    );
    write_aligned(&prefix, width, &diagnostic.message, Some(Style::EMPHASIS), palette, out)
}

/// `prefix` (already painted, `width` columns wide), a space and the first line of `text`, then the further lines of
/// `text` aligned under the first. Lines are shown as source lines are: tabs expanded, control characters replaced.
fn write_aligned(
    prefix: &str,
    width: usize,
    text: &str,
    style: Option<Style>,
    palette: Palette,
    out: &mut dyn Write,
) -> io::Result<()> {
    let paint = |line: String| Painted { style: style.filter(|_| palette.enabled), content: line };
    let mut lines = text.lines().map(|line| ShownLine::new(line).text);
    writeln!(out, "{prefix} {}", paint(lines.next().unwrap_or_default()))?;
    let indent = " ".repeat(width + 1);
    for line in lines {
        writeln!(out, "{indent}{}", paint(line))?;
    }
    Ok(())
}

/// One row of a snippet.
enum Row {
    /// A source line as shown (cut to a window when it is wide) and, when the span covers part of it, where the marks
    /// go (display columns of the row).
    Line { number: u32, text: String, marks: Option<(usize, usize)> },
    /// Lines left out of a long span.
    Elision,
}

impl Row {
    fn number(&self) -> Option<u32> {
        match self {
            Self::Line { number, .. } => Some(*number),
            Self::Elision => None,
        }
    }
}

/// A line of a snippet before it is fitted to [`MAX_LINE_WIDTH`]: where the marks go on the whole line.
struct MarkedLine {
    number: u32,
    shown: Rc<ShownLine>,
    marks: Option<(usize, usize)>,
}

/// The lines shown so far, each prepared once: many findings on one long line (a paragraph is one line) then cost
/// what their windows of it do, not its whole length each.
#[derive(Default)]
struct ShownLines<'d> {
    prepared: HashMap<(&'d str, u32), Rc<ShownLine>>,
}

impl<'d> ShownLines<'d> {
    /// Line `number` of the file at `path`, from `files`; `None` when it was not recorded.
    fn get(&mut self, files: &SourceFiles, path: &'d str, number: u32) -> Option<Rc<ShownLine>> {
        if let Some(shown) = self.prepared.get(&(path, number)) {
            return Some(shown.clone());
        }
        let shown = Rc::new(ShownLine::new(files.line(path, number)?));
        self.prepared.insert((path, number), shown.clone());
        Some(shown)
    }
}

/// The rows showing `location`, or none when it has no span or its lines are not in the known texts. Only the lines
/// shown are looked up, so a span over a whole section (or a corrupt one) costs no more than a short one.
fn snippet<'d>(location: &'d Location, context: &RenderContext<'_>, lines: &mut ShownLines<'d>) -> Vec<Row> {
    let Some(span) = location.span else { return Vec::new() };
    let (first, last) = (span.line, last_covered_line(span));
    // `None` stands for the elided middle of a long span.
    let numbers: Vec<Option<u32>> = if last - first < MAX_SNIPPET_LINES {
        (first..=last).map(Some).collect()
    } else {
        let head = first..first + LINES_KEPT_AT_EACH_END;
        let tail = last - (LINES_KEPT_AT_EACH_END - 1)..=last;
        head.map(Some).chain([None]).chain(tail.map(Some)).collect()
    };
    let row = |number: Option<u32>| {
        let Some(number) = number else { return Some(None) };
        let shown = lines.get(context.files, &location.path, number)?;
        let start = if number == span.line { span.column } else { shown.first_non_blank_column };
        let end = if number == span.end_line { span.end_column } else { shown.characters() + 1 };
        let marks = shown.mark_range(start, end, number == span.line);
        Some(Some(MarkedLine { number, shown, marks }))
    };
    let rows = numbers.into_iter().map(row).collect::<Option<Vec<_>>>().unwrap_or_default();
    fit(rows)
}

/// The rows of a snippet, their lines cut to one window of [`MAX_LINE_WIDTH`] columns when any is wider, so that
/// they stay aligned. The window starts [`COLUMNS_BEFORE_MARKS`] before the first mark; marks outside it point at the
/// `...` on their side. `None` is the elided middle of a long span.
fn fit(rows: Vec<Option<MarkedLine>>) -> Vec<Row> {
    let lines = || rows.iter().flatten();
    let left = if lines().all(|line| line.shown.width() <= MAX_LINE_WIDTH) {
        None
    } else {
        let first_mark = lines().filter_map(|line| line.marks.map(|(start, _)| start)).min().unwrap_or(0);
        // Cutting fewer columns than the `...` that replaces them would only hide text.
        Some(Some(first_mark.saturating_sub(COLUMNS_BEFORE_MARKS)).filter(|left| *left > CUT.len()).unwrap_or(0))
    };
    rows.into_iter()
        .map(|row| match row {
            None => Row::Elision,
            Some(MarkedLine { number, shown, marks }) => match left {
                None => Row::Line { number, text: shown.text.clone(), marks },
                Some(left) => {
                    let (text, window) = shown.cut(left, MAX_LINE_WIDTH);
                    Row::Line { number, text, marks: marks.map(|marks| window.place(marks)) }
                }
            },
        })
        .collect()
}

/// A source line as printed: tabs expanded, control characters replaced (a raw escape sequence from a file must not
/// reach the terminal), and the display column where each character starts.
struct ShownLine {
    text: String,
    /// `starts[i]` is the display column of character `i`; the last entry is the width of the whole line.
    starts: Vec<usize>,
    /// `offsets[i]` is where character `i` starts in `text`; the last entry is the length of `text`.
    offsets: Vec<usize>,
    /// The column of the first character that is not white space, so that marks on a continuation line skip the
    /// indent.
    first_non_blank_column: u32,
}

/// The display columns `[start, end)` of a line that [`ShownLine::cut`] kept, and whether it put a `...` before or
/// after them.
struct Window {
    start: usize,
    end: usize,
    cut_before: bool,
    cut_after: bool,
}

impl Window {
    /// Where marks at display columns `(start, width)` of the whole line go on the cut line.
    fn place(&self, (start, width): (usize, usize)) -> (usize, usize) {
        let shift = if self.cut_before { CUT.len() } else { 0 };
        let on_cut_line = |column: usize| column - self.start + shift;
        if self.cut_after && start >= self.end {
            (on_cut_line(self.end), CUT.len())
        } else if self.cut_before && start + width <= self.start {
            (0, CUT.len())
        } else {
            let first = start.max(self.start);
            let last = if self.cut_after { (start + width).min(self.end) } else { start + width };
            (on_cut_line(first), last.saturating_sub(first).max(1))
        }
    }
}

impl ShownLine {
    fn new(line: &str) -> Self {
        let mut text = String::with_capacity(line.len());
        let mut starts = Vec::with_capacity(line.len() + 1);
        let mut offsets = Vec::with_capacity(line.len() + 1);
        let mut width = 0;
        for character in line.chars() {
            starts.push(width);
            offsets.push(text.len());
            match character {
                '\t' => {
                    text.push_str(&" ".repeat(TAB_WIDTH));
                    width += TAB_WIDTH;
                }
                control if control.is_control() => {
                    text.push(char::REPLACEMENT_CHARACTER);
                    width += 1;
                }
                printable => {
                    text.push(printable);
                    width += printable.width().unwrap_or(0);
                }
            }
        }
        starts.push(width);
        offsets.push(text.len());
        let blank = line.chars().take_while(|character| character.is_whitespace()).count();
        let first_non_blank_column = u32::try_from(blank).map_or(u32::MAX, |blank| blank + 1);
        Self { text, starts, offsets, first_non_blank_column }
    }

    fn width(&self) -> usize {
        self.starts.last().copied().unwrap_or_default()
    }

    /// How many characters the line has.
    fn characters(&self) -> u32 {
        u32::try_from(self.starts.len() - 1).unwrap_or(u32::MAX)
    }

    /// The characters between display columns `left` and `left + width`, with `...` in place of what is cut.
    fn cut(&self, left: usize, width: usize) -> (String, Window) {
        if left == 0 && self.width() <= width {
            return (self.text.clone(), Window { start: 0, end: self.width(), cut_before: false, cut_after: false });
        }
        let characters = self.starts.len() - 1;
        let first = self.starts[..characters].partition_point(|start| *start < left);
        let last = first + self.starts[first + 1..].partition_point(|end| *end <= self.starts[first] + width);
        let window = Window {
            start: self.starts[first],
            end: self.starts[last],
            cut_before: first > 0,
            cut_after: last < characters,
        };
        let mut text = String::with_capacity(width + 2 * CUT.len());
        if window.cut_before {
            text.push_str(CUT);
        }
        text.push_str(&self.text[self.offsets[first]..self.offsets[last]]);
        if window.cut_after {
            text.push_str(CUT);
        }
        (text, window)
    }

    /// Where to put marks for the 1-based character columns `[start, end)`, as (display column, width). Columns past
    /// the end of the line are clamped to it. An empty range marks one column on the span's first line (so a
    /// zero-width span still points somewhere) and nothing on the other lines.
    fn mark_range(&self, start: u32, end: u32, is_first_line: bool) -> Option<(usize, usize)> {
        let characters = self.starts.len() - 1;
        let index =
            |column: u32| usize::try_from(column.saturating_sub(1)).map_or(characters, |index| index.min(characters));
        let (start, end) = (index(start), index(end).max(index(start)));
        let width = self.starts[end] - self.starts[start];
        match (width, is_first_line) {
            (0, false) => None,
            (0, true) => Some((self.starts[start], 1)),
            (width, _) => Some((self.starts[start], width)),
        }
    }
}

#[derive(Clone, Copy)]
struct Gutter {
    width: usize,
}

impl Gutter {
    fn pad(self) -> String {
        " ".repeat(self.width)
    }

    fn write_snippet(self, rows: &[Row], marker: Marker, palette: Palette, out: &mut dyn Write) -> io::Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        let bar = palette.paint(Style::GUTTER, "|");
        writeln!(out, "{} {bar}", self.pad())?;
        for row in rows {
            match row {
                Row::Line { number, text, marks } => {
                    let number = palette.paint(Style::GUTTER, format!("{number:>width$}", width = self.width));
                    if text.is_empty() {
                        writeln!(out, "{number} {bar}")?;
                    } else {
                        writeln!(out, "{number} {bar} {text}")?;
                    }
                    if let Some((start, width)) = marks {
                        let marks = marker.mark.to_string().repeat(*width);
                        writeln!(
                            out,
                            "{} {bar} {}{}",
                            self.pad(),
                            " ".repeat(*start),
                            palette.paint(marker.style, marks)
                        )?;
                    }
                }
                Row::Elision => writeln!(out, "{}", palette.paint(Style::GUTTER, "..."))?,
            }
        }
        Ok(())
    }
}

/// The character drawn under a span and its colour: `^` for the finding, `-` for its source counterpart.
#[derive(Clone, Copy)]
struct Marker {
    mark: char,
    style: Style,
}

/// An ANSI SGR parameter string.
#[derive(Clone, Copy)]
struct Style(&'static str);

impl Style {
    const ERROR: Self = Self("1;91");
    const WARNING: Self = Self("1;93");
    const NOTE: Self = Self("1;92");
    const GUTTER: Self = Self("1;94");
    const EMPHASIS: Self = Self("1");

    fn severity(severity: Severity) -> Self {
        match severity {
            Severity::Error => Self::ERROR,
            Severity::Warning => Self::WARNING,
            Severity::Note => Self::NOTE,
        }
    }
}

/// Applies styles when colour is on and does nothing otherwise, so the layout code is the same for both.
#[derive(Clone, Copy)]
struct Palette {
    enabled: bool,
}

impl Palette {
    fn paint<T: Display>(self, style: Style, content: T) -> Painted<T> {
        Painted { style: self.enabled.then_some(style), content }
    }
}

struct Painted<T> {
    style: Option<Style>,
    content: T,
}

impl<T: Display> Display for Painted<T> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.style {
            Some(Style(parameters)) => write!(formatter, "\x1b[{parameters}m{}\x1b[0m", self.content),
            None => self.content.fmt(formatter),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;
    use crate::report::SourceFiles;
    use crate::report::testing::{FRENCH_PATH, render_sample, render_with, sample_diagnostics, span_of};

    #[test]
    fn output() {
        insta::assert_snapshot!(render_sample(render));
    }

    /// Renders `diagnostics` without rules, colour or file count.
    fn render_plain(diagnostics: &[Diagnostic], files: &SourceFiles) -> String {
        let mut out = Vec::new();
        render(diagnostics, &RenderContext::new(&[], files), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Renders one diagnostic at `needle` in `text`, with `text` known as the file's contents.
    fn render_one(text: &str, needle: &str) -> String {
        let mut files = SourceFiles::new();
        files.insert("fr-fr/a.md", text);
        let location = Location::new("fr-fr/a.md", span_of(text, needle));
        render_plain(&[Diagnostic::new("rule", Severity::Warning, location, "message")], &files)
    }

    #[test]
    fn carets_line_up_under_multi_byte_and_combining_characters() {
        // "é" is two bytes; the NFD "é" (e + U+0301) is two characters but one column; U+00A0 is a no-break space.
        let out = render_one("Re\u{301}pétez\u{a0}: **3** à 5\n", "**3**");
        let carets = format!("1 | Re\u{301}pétez\u{a0}: **3** à 5\n  | {}^^^^^\n", " ".repeat(10));
        assert!(out.contains(&carets), "{out}");
    }

    #[test]
    fn tabs_show_as_four_spaces_and_carets_follow() {
        let out = render_one("\t- élément\n", "élément");
        let carets = format!("1 | {}- élément\n  | {}^^^^^^^\n", " ".repeat(4), " ".repeat(6));
        assert!(out.contains(&carets), "{out}");
    }

    #[test]
    fn control_characters_do_not_reach_the_terminal() {
        let out = render_one("a\x1b[31mb\n", "b");
        assert!(!out.contains('\x1b'), "{out}");
    }

    #[test]
    fn long_spans_keep_their_first_and_last_lines() {
        let text = "1. un\n2. deux\n3. trois\n4. quatre\n5. cinq\n6. six\n";
        let out = render_one(text, text.trim_end());
        assert!(out.contains("2 | 2. deux\n  | ^^^^^^^\n...\n5 | 5. cinq\n"), "{out}");
    }

    #[test]
    fn a_long_line_is_cut_around_its_marks() {
        let line = format!("{} [lien](cible.md) {}", "début ".repeat(30), "fin ".repeat(40));
        let out = render_one(&format!("{line}\n"), "[lien](cible.md)");
        let shown = out.lines().find(|row| row.starts_with("1 | ")).unwrap();
        let carets = out.lines().find(|row| row.contains('^')).unwrap();
        assert!(shown.starts_with("1 | ...") && shown.ends_with("..."), "{out}");
        assert_eq!(shown.chars().count(), "1 | ".len() + MAX_LINE_WIDTH + 2 * CUT.len(), "{out}");
        // The carets stay under the link, which keeps its columns of context before it.
        let under = |row: &str, at: usize| row.chars().skip(at).take("[lien](cible.md)".len()).collect::<String>();
        let column = carets.find('^').unwrap();
        assert_eq!(under(shown, column), "[lien](cible.md)", "{out}");
        assert_eq!(under(carets, column), "^".repeat(16), "{out}");
        assert_eq!(column - "1 | ...".len(), COLUMNS_BEFORE_MARKS, "{out}");
    }

    #[test]
    fn marks_beyond_a_cut_point_at_its_dots() {
        // A span from far right on its first line to the start of the next: both lines share one window, from the left.
        let text = format!("{}ici\nsuite de la phrase\n", "mot ".repeat(60));
        let out = render_one(&text, "ici\nsuite");
        let shown = out.lines().find(|row| row.starts_with("1 | ")).unwrap();
        assert!(shown.starts_with("1 | mot ") && shown.ends_with("..."), "{out}");
        let carets = out.lines().find(|row| row.contains('^')).unwrap();
        assert_eq!(carets.find('^'), shown.rfind("..."), "{out}");
        assert!(out.contains("2 | suite de la phrase\n  | ^^^^^\n"), "{out}");
    }

    #[test]
    fn a_corrupt_span_over_billions_of_lines_is_cheap() {
        let mut files = SourceFiles::new();
        files.insert("fr-fr/a.md", "court\n");
        let span = Span { start: 0, end: 0, line: 1, column: 1, end_line: u32::MAX, end_column: 2 };
        let diagnostic = Diagnostic::new("rule", Severity::Note, Location::new("fr-fr/a.md", span), "message");
        assert!(!render_plain(&[diagnostic], &files).contains(" | "));
    }

    #[test]
    fn missing_text_renders_without_a_snippet() {
        let list_item_count = &sample_diagnostics()[5..6];
        assert_eq!(
            render_plain(list_item_count, &SourceFiles::new()),
            "error[list-item-count]: the French list has 4 items, the English list 3\n \
             --> fr-fr/close-your-account.md:24:1\n  \
             = source: en-us/close-your-account.md:18:1\n\n\
             1 error\n"
        );
    }

    #[test]
    fn spans_outside_a_stale_text_do_not_panic() {
        let mut files = SourceFiles::new();
        files.insert(FRENCH_PATH, "une seule ligne\n");
        assert!(!render_plain(&sample_diagnostics(), &files).contains(" | "));
    }

    #[test]
    fn columns_past_the_end_of_the_line_point_at_its_end() {
        let mut files = SourceFiles::new();
        files.insert("fr-fr/a.md", "court\n");
        let span = Span { start: 0, end: 0, line: 1, column: 10, end_line: 1, end_column: 20 };
        let diagnostic = Diagnostic::new("rule", Severity::Note, Location::new("fr-fr/a.md", span), "message");
        assert!(render_plain(&[diagnostic], &files).contains("1 | court\n  |      ^\n"));
    }

    #[test]
    fn note_lines_align_under_the_first() {
        let mut files = SourceFiles::new();
        files.insert("fr-fr/a.md", "court\n");
        let span = span_of("court\n", "court");
        let diagnostic = Diagnostic::new("rule", Severity::Note, Location::new("fr-fr/a.md", span), "message")
            .with_note("changes:\n-old\tline\n+new line");
        let out = render_plain(&[diagnostic], &files);
        assert!(out.contains("\n  = note: changes:\n          -old    line\n          +new line\n"), "{out}");
    }

    #[test]
    fn colour_only_when_asked() {
        let plain = render_with(render, &sample_diagnostics(), false);
        let coloured = render_with(render, &sample_diagnostics(), true);
        assert!(!plain.contains('\x1b'));
        assert!(coloured.contains("\x1b[1;91merror[list-item-count]\x1b[0m"));
        assert_eq!(strip_ansi(&coloured), plain);
    }

    fn strip_ansi(text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(start) = rest.find("\x1b[") {
            out.push_str(&rest[..start]);
            let end = rest[start..].find('m').expect("every escape sequence ends with m");
            rest = &rest[start + end + 1..];
        }
        out.push_str(rest);
        out
    }
}
