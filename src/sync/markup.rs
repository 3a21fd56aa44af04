//! Markdown the translation broke where its source is whole: what machine translation leaves behind, and readers see
//! as raw syntax or as another kind of block. One `broken-markdown` finding per cause, at the broken spot:
//!
//! - a link or image that lost its opening `[` or `![`, whose `](media/add.gif)` is left in the text, or whose `(` a
//!   space parts from its text, `[Users] (users.md)` ([`left_targets`]); a tab heading's link parted so,
//!   `# [PowerShell] (#tab/powershell)` ([`spaced_tabs`]);
//! - empty bold, `****`, left where the bold words moved out of it, a `**` that makes no bold, and the placeholders
//!   machine translation leaves for the characters it escapes, `Security _AMP_ Compliance` ([`in_run`]);
//! - a list item that starts with `#`, which renders as a heading, and a paragraph whose line starts with an HTML
//!   comment, which makes it raw HTML ([`turned`]);
//! - a code fence not closed where the source closes its own, or a code block that lost its opening fence, which turns
//!   what follows into code ([`fences_left_open`]).
//!
//! What the source breaks alike at the paired place is not reported: it is no drift. Nor are the mismatches the
//! breakage causes: the reference pool pairs a target left in the text with the source's link or image
//! ([`references`]), the structure pairs a block turned into another kind with its counterpart, and the structural
//! findings in what a fence swallowed, and the source sections it swallowed reported missing, are left out
//! ([`Swallowed`]), when the file cannot be read with the fence closed where the source closes its own
//! ([`Document::with_ends_closed`](super::document::Document::with_ends_closed) reads it so when a line can).

use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::HashSet;
use std::ops::{Range, RangeInclusive};

use crate::model::{Block, Inline, Span};
use crate::parse::FenceEnd;
use crate::parse::blocks::{fence_opened_inside, misplaced_closing_fence};
use crate::parse::ids::slug;
use crate::report::{Diagnostic, Location, Severity, clip, inline_code};

use super::Languages;
use super::document::Document;
use super::references::{self, Kind};
use super::rules::Rule;
use super::structure::fenced;

/// How much of the broken text, or of a code line, a message quotes.
const MAX_QUOTED_CHARS: usize = 80;

/// How a link or image target was left in a text instead of making a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Left {
    /// `](media/add.gif)`: its text lost the opening `[` or `![`.
    Unopened,
    /// `] (users.md)`: a space (any, on one line) parts it from its text. Reported only where the source has a link
    /// or image to that target: `[1] (optional)` is text.
    Spaced,
}

/// The link and image targets left in `text`, one pass over its `]`s: the range of each (from the `]` to the closing
/// `)`), its target, and how it was left. An escaped `\]` is text, and so is a target holding white space (no link
/// either way).
pub fn left_targets(text: &str) -> impl Iterator<Item = (Range<usize>, &str, Left)> {
    // Every text of both files is searched: a byte search, with no substring searcher to set up for each.
    memchr::memchr_iter(b']', text.as_bytes()).filter_map(move |at| {
        let after = &text[at + 1..];
        let rest = after.trim_start_matches(|c: char| c.is_whitespace() && c != '\n' && c != '\r');
        let gap = after.len() - rest.len();
        let target = target_closed(rest.strip_prefix('(')?)?;
        if text[..at].ends_with('\\') {
            return None;
        }
        let left = if gap == 0 { Left::Unopened } else { Left::Spaced };
        Some((at..at + 1 + gap + 2 + target.len(), target, left))
    })
}

/// The target at the start of `rest`, up to the `)` that closes it (parentheses inside it balanced); `None` when empty
/// or when it holds white space.
fn target_closed(rest: &str) -> Option<&str> {
    let mut depth = 0_usize;
    for (offset, character) in rest.char_indices() {
        match character {
            '(' => depth += 1,
            ')' if depth == 0 => return (offset > 0).then(|| &rest[..offset]),
            ')' => depth -= 1,
            _ if character.is_whitespace() => return None,
            _ => {}
        }
    }
    None
}

/// Where `text` has empty bold: a run of exactly four `*`.
fn empty_bold(text: &str) -> impl Iterator<Item = Range<usize>> {
    text.match_indices("****")
        .filter(|&(at, _)| !text[..at].ends_with('*') && !text[at + 4..].starts_with('*'))
        .map(|(at, _)| at..at + 4)
}

/// Where `text` (text as written, which the Markdown parser left as text) has a `**` that makes no bold: a run of
/// exactly two `*`, not escaped.
fn stray_bold(text: &str) -> impl Iterator<Item = Range<usize>> {
    text.match_indices("**")
        .filter(|&(at, _)| !text[..at].ends_with(['*', '\\']) && !text[at + 2..].starts_with('*'))
        .map(|(at, _)| at..at + 2)
}

/// The placeholders machine translation leaves for the characters it escapes, each with the character it stands for.
const PLACEHOLDERS: [(&str, char); 4] = [("_AMP_", '&'), ("_GT_", '>'), ("_LT_", '<'), ("_QUOT_", '"')];

/// Where `text` has a machine-translation placeholder standing as a word (`Security _AMP_ Compliance`; not in
/// `TLS_GT_X`), and the character it stands for.
fn placeholders(text: &str) -> impl Iterator<Item = (Range<usize>, char)> {
    let in_word = |character: Option<char>| character.is_some_and(|c| c.is_alphanumeric() || c == '_');
    memchr::memchr_iter(b'_', text.as_bytes()).filter_map(move |at| {
        let &(written, meant) = PLACEHOLDERS.iter().find(|(written, _)| text[at..].starts_with(written))?;
        let end = at + written.len();
        let apart = !in_word(text[..at].chars().next_back()) && !in_word(text[end..].chars().next());
        apart.then_some((at..end, meant))
    })
}

/// What broke in a run of text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Breakage {
    /// A link or image target left without its opening bracket.
    Unopened(String),
    /// A link or image target a space parts from its text.
    Spaced(String),
    /// `****`.
    EmptyBold,
    /// `**` that opens or closes no bold.
    StrayBold,
    /// A machine-translation placeholder, with the character it stands for.
    Placeholder(char),
}

/// The breakages in the text of `inlines` (not in code), each with its byte range in `document`'s text. The text is
/// read as written, so that the ranges point at it.
fn breakages(document: &Document, inlines: &[Inline]) -> Vec<(Range<usize>, Breakage)> {
    fn walk(document: &Document, inlines: &[Inline], out: &mut Vec<(Range<usize>, Breakage)>) {
        for inline in inlines {
            match inline {
                Inline::Text { span, .. } => {
                    let Some(written) = document.text.get(span.start..span.end) else { continue };
                    // Nearly every text has no `](`, `****` or placeholder: one pass over its bytes spares it the
                    // searches.
                    if memchr::memchr3(b']', b'*', b'_', written.as_bytes()).is_none() {
                        continue;
                    }
                    let at = |range: Range<usize>| span.start + range.start..span.start + range.end;
                    for (range, target, left) in left_targets(written) {
                        let breakage = match left {
                            Left::Unopened => Breakage::Unopened(target.trim().to_owned()),
                            Left::Spaced => Breakage::Spaced(target.to_owned()),
                        };
                        out.push((at(range), breakage));
                    }
                    out.extend(empty_bold(written).map(|range| (at(range), Breakage::EmptyBold)));
                    out.extend(stray_bold(written).map(|range| (at(range), Breakage::StrayBold)));
                    out.extend(placeholders(written).map(|(range, meant)| (at(range), Breakage::Placeholder(meant))));
                }
                Inline::Emphasis { children, span, .. } => {
                    // ` _GT_ ` between words is Markdown emphasis: readers see the placeholder's name in italics.
                    let written = document.text.get(span.start..span.end).unwrap_or_default();
                    match placeholders(written).next() {
                        Some((range, meant)) if range.len() == written.len() => {
                            out.push((span.start..span.end, Breakage::Placeholder(meant)));
                        }
                        _ => walk(document, children, out),
                    }
                }
                Inline::Link { children, .. } => walk(document, children, out),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(document, inlines, &mut out);
    out
}

/// Whether a link target names an image file.
fn names_an_image(target: &str) -> bool {
    let path = target.split(['?', '#']).next().unwrap_or_default().to_ascii_lowercase();
    [".png", ".gif", ".jpg", ".jpeg", ".svg", ".bmp", ".webp"].iter().any(|extension| path.ends_with(extension))
}

/// The findings for the Markdown a translated run of text (a paragraph, a heading, a table cell) broke, where its
/// source counterpart, if it has one, is not broken alike.
pub fn in_run(
    source: &Document,
    target: &Document,
    inlines: &[Inline],
    counterpart: Option<(&[Inline], Span)>,
    languages: &Languages,
) -> Vec<Diagnostic> {
    let mut found = breakages(target, inlines);
    // The `**` that lost its pair is as stray as the one that broke it: one finding for the run, at the first.
    let stray_bolds = found.iter().filter(|(_, breakage)| *breakage == Breakage::StrayBold).count();
    let mut stray_seen = false;
    found.retain(|(_, breakage)| *breakage != Breakage::StrayBold || !std::mem::replace(&mut stray_seen, true));
    if found.is_empty() {
        return Vec::new();
    }
    let source_inlines = counterpart.map_or(&[][..], |(inlines, _)| inlines);
    let alike: HashSet<Breakage> = breakages(source, source_inlines).into_iter().map(|(_, found)| found).collect();
    let mut source_references = Vec::new();
    references::in_inlines(source_inlines, &mut source_references);
    // A breakage of the text itself (not of a link) has the source text it translates as counterpart.
    let in_counterpart = |here, message| {
        let diagnostic = Rule::BrokenMarkdown.diagnostic(here, message);
        match counterpart {
            Some((_, span)) => diagnostic.with_source(source.at(span)),
            None => diagnostic,
        }
    };
    let mut out = Vec::new();
    for (range, breakage) in found.into_iter().filter(|(_, breakage)| !alike.contains(breakage)) {
        let here = target.at(target.span(range.start, range.end));
        let diagnostic = match &breakage {
            Breakage::Unopened(written) => {
                let original = source_references.iter().find(|reference| {
                    matches!(reference.kind, Kind::Link | Kind::Image) && reference.written == *written
                });
                let image = original.map_or_else(|| names_an_image(written), |reference| reference.kind == Kind::Image);
                let quoted = clip(&target.text[range], MAX_QUOTED_CHARS);
                let message = if image {
                    format!(
                        "`{quoted}` is an image that lost its opening `![`: readers see this text instead of the \
                         image; write `![alt text]({written})`"
                    )
                } else if original.is_none() {
                    // Where the source text links nowhere so, the target may be one left from an old version as well
                    // as a link to mend.
                    format!(
                        "`{quoted}` is a link target left in the text, where the {} text has no link to it: readers \
                         see this text; delete it, or put `[` before the link text",
                        languages.source
                    )
                } else {
                    format!(
                        "`{quoted}` is a link that lost its opening `[`: readers see this text instead of a link; put \
                         `[` before the link text"
                    )
                };
                let diagnostic = Rule::BrokenMarkdown.diagnostic(here, message);
                match original {
                    Some(reference) => diagnostic.with_source(source.at(reference.span)),
                    None => diagnostic,
                }
            }
            Breakage::Spaced(written) => {
                // Where the source has no such link, the brackets and parentheses are the text's own.
                let Some(original) = source_references.iter().find(|reference| {
                    matches!(reference.kind, Kind::Link | Kind::Image) && reference.written == *written
                }) else {
                    continue;
                };
                let quoted = clip(&target.text[range], MAX_QUOTED_CHARS);
                let message = format!(
                    "`{quoted}` is a link broken by the space before its `(`: readers see the brackets and the \
                     address instead of a link; remove the space"
                );
                Rule::BrokenMarkdown.diagnostic(here, message).with_source(source.at(original.span))
            }
            Breakage::Placeholder(meant) => {
                let message = format!(
                    "`{}` is a placeholder machine translation left for `{meant}`: readers see its name instead of \
                     `{meant}`; write `{meant}`",
                    &target.text[range]
                );
                in_counterpart(here, message)
            }
            Breakage::StrayBold => {
                let (what, see) = match stray_bolds {
                    1 => ("`**` here makes".to_owned(), "two asterisks"),
                    count => (format!("`**` here and {} more in this text make", count - 1), "the asterisks"),
                };
                let message = format!(
                    "{what} no bold, which the {} text does not have: readers see {see}; put each `**` against the \
                     bold words (no space inside), or delete it",
                    languages.source
                );
                in_counterpart(here, message)
            }
            Breakage::EmptyBold => {
                let message = format!(
                    "`****` is empty bold, which the {} text does not have: readers see four asterisks; put the bold \
                     words back between the two `**`, or delete them",
                    languages.source
                );
                in_counterpart(here, message)
            }
        };
        out.push(diagnostic);
    }
    out
}

/// The findings for the tab headings whose link the translation parted from its text with a space, `# [PowerShell]
/// (#tab/powershell)`, where the source has that tab whole. Both files were mended before they were compared
/// ([`super::mend::spaced_tab_links`]), so the tab group is compared as meant and this is the breakage's one finding.
pub fn spaced_tabs(source: &Document, target: &Document) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for spaced in &target.spaced_tabs {
        if source.spaced_tabs.iter().any(|own| own.target == spaced.target) {
            continue;
        }
        let whole = format!("]({})", spaced.target);
        let Some(original) = memchr::memmem::find(source.text.as_bytes(), whole.as_bytes()) else { continue };
        let quoted = clip(&target.text[spaced.range.clone()], MAX_QUOTED_CHARS);
        let message = format!(
            "`{quoted}` is a tab link broken by the space before its `(`: readers see a heading with brackets and an \
             address instead of a tab; remove the space"
        );
        let here = target.at(target.span(spaced.range.start, spaced.range.end));
        let original_line = source.span(original, original).line;
        out.push(Rule::BrokenMarkdown.diagnostic(here, message).with_source(source.line(original_line)));
    }
    out
}

/// The findings for the moniker zones the translation left open where the source closes its own. The translation was
/// read with each closed where the source's is ([`super::Document::closing_zones_as`]), so what follows is compared as
/// meant and this is the breakage's one finding.
pub fn zones_left_open(source: &Document, target: &Document, languages: &Languages) -> Vec<Diagnostic> {
    target
        .closed_zones
        .iter()
        .map(|zone| {
            let content_end = target.text.get(..zone.end.at).unwrap_or_default().trim_end().len();
            let after = target.span(content_end, content_end).line;
            let message = format!(
                "this moniker zone is not closed where the {} one is: all that follows it shows for `{}` alone; add a \
                 `{} moniker-end` line after line {after} (what follows is compared as if it were there)",
                languages.source,
                zone.range,
                ":".repeat(zone.end.colons)
            );
            Rule::BrokenMarkdown
                .diagnostic(target.at(target.span(zone.opening.start, zone.opening.end)), message)
                .with_source(source.at(source.span(zone.source_end.start, zone.source_end.end)))
        })
        .collect()
}

/// The finding for a translated `block` that broken Markdown turned into another kind of block than its source
/// counterpart `original`, a paragraph: a `#` at the start of a list item makes a heading, an HTML comment at the start
/// of a paragraph's line makes raw HTML.
pub fn turned(
    source: &Document,
    target: &Document,
    block: &Block,
    original: &Block,
    languages: &Languages,
) -> Option<Diagnostic> {
    let Block::Paragraph { span: original_span, .. } = original else { return None };
    let text = &target.text;
    // A comment's paragraph still shows its words: a warning, not an error.
    let (span, message, words_show) = match block {
        Block::Heading { span, .. } if text.get(span.start..)?.starts_with('#') => {
            let line_start = text[..span.start].rfind('\n').map_or(0, |at| at + 1);
            let before = text[line_start..span.start].trim_end();
            let numbered =
                before.strip_suffix(['.', ')']).is_some_and(|number| number.ends_with(|c: char| c.is_ascii_digit()));
            let what = if before.ends_with(['-', '*', '+']) || numbered { "list item" } else { "line" };
            let message = format!(
                "this {what} starts with `#`, so it renders as a heading where the {} file has text; write `\\#` to \
                 show the `#`",
                languages.source
            );
            (target.span(span.start, span.start + 1), message, false)
        }
        Block::Html { span, .. } => {
            let written = text.get(span.start..span.end)?;
            let line = written.lines().next()?;
            let opens = line.find("<!--")?;
            let closes = opens + line[opens..].find("-->")? + 3;
            if !line[..opens].trim().is_empty() || line[closes..].trim().is_empty() {
                return None;
            }
            let message = "this HTML comment starts the line of a paragraph, which makes the paragraph raw HTML: \
                           Learn shows its text unstyled and its Markdown as typed; put the comment on a line of its \
                           own"
            .to_owned();
            (target.span(span.start + opens, span.start + closes), message, true)
        }
        _ => return None,
    };
    let mut diagnostic =
        Rule::BrokenMarkdown.diagnostic(target.at(span), message).with_source(source.at(*original_span));
    if words_show {
        diagnostic.severity = Severity::Warning;
    }
    Some(diagnostic)
}

/// What a code fence the translation left open swallowed: the lines it turned into code, up to where the fences read
/// as written and read with the missing closing fence agree again, and the ids of the headings in them.
#[derive(Debug)]
pub struct Swallowed {
    /// The fence's `broken-markdown` finding (a note for the source's); none when the parser's finding reports it.
    pub finding: Option<Diagnostic>,
    /// Where its closing fence belongs, and the line that closes it there; none when no line tells.
    pub end: Option<FenceEnd>,
    /// The translation's line that opens the fence.
    opener: u32,
    /// The translation's lines it swallowed, from the opening fence; none for a block its list item, note or file
    /// ends that holds only the code it stands for.
    lines: RangeInclusive<u32>,
    /// The source's lines they stand for, from its block's opening fence to the fence that closes the last block
    /// among them; none when the source has no code there.
    source_lines: Option<RangeInclusive<u32>>,
    /// The ids of the headings among them, lower-cased, as [`heading_id`] reads them.
    ids: HashSet<String>,
    /// Whether the parser's finding reports the fence, not a `broken-markdown` one.
    parser_found: bool,
    /// Whether the fence is the source's, left open where the translation closes it: the translation is right.
    in_source: bool,
}

impl Swallowed {
    /// The translation's line that opens the fence.
    pub fn opener(&self) -> u32 {
        self.opener
    }

    /// Whether `diagnostic` is the parser's finding at the fence's opening line in the translation, when no
    /// `broken-markdown` finding reports the fence: a fence the source has no code to continue at that place.
    pub fn is_parser_finding(&self, target: &Document, diagnostic: &Diagnostic) -> bool {
        self.parser_found
            && !self.in_source
            && diagnostic.rule == Rule::ParseError.name()
            && diagnostic.location.path == target.path
            && diagnostic.location.line() == self.opener
    }

    /// Whether `diagnostic` only follows from the fence: it is located in what the fence swallowed, or its
    /// counterpart in the lines those stand for in the other file, or it reports a section of the other file without
    /// a counterpart whose heading the fence swallowed.
    pub fn covers(&self, source: &Document, target: &Document, diagnostic: &Diagnostic) -> bool {
        // The fence's own finding: the broken Markdown, or the parser's at its opening line.
        if diagnostic.rule == Rule::BrokenMarkdown.name() || self.is_parser_finding(target, diagnostic) {
            return false;
        }
        let (own, other) = if self.in_source { (source, target) } else { (target, source) };
        let (own_location, other_location) = if self.in_source {
            (diagnostic.source.as_ref(), Some(&diagnostic.location))
        } else {
            (Some(&diagnostic.location), diagnostic.source.as_ref())
        };
        let line_in = |location: Option<&Location>, document: &Document| {
            location
                .filter(|location| location.path == document.path)
                .and_then(|location| location.span)
                .map(|span| span.line)
        };
        let inside = line_in(own_location, own).is_some_and(|line| self.lines.contains(&line))
            || line_in(other_location, other)
                .is_some_and(|line| self.source_lines.as_ref().is_some_and(|lines| lines.contains(&line)));
        let lost_section = if self.in_source { Rule::ExtraSection } else { Rule::MissingSection };
        let swallowed_section = diagnostic.rule == lost_section.name()
            && line_in(other_location, other).is_some_and(|line| {
                other.article.all_sections().into_iter().any(|section| {
                    section.heading_span.line == line && loose_ids(&section.id).any(|id| self.ids.contains(&id))
                })
            });
        inside || swallowed_section
    }
}

/// A translated code block that goes on past where its source counterpart closes: its first lines are the source
/// block's, then come lines that the source has after its closing fence.
struct LeftOpen<'a> {
    /// The translated code block's span.
    span: Span,
    /// Its language tag.
    language: Option<&'a str>,
    /// The source code block it continues.
    original: &'a Block,
    /// How many of its lines are the source block's.
    lines: usize,
    /// The last of those that is not blank, as the translation writes it: the closing fence belongs after it.
    last_line: &'a str,
    /// What readers see for it.
    effect: Effect,
}

/// What a code fence left open does to the page.
enum Effect {
    /// No fence closes it: it runs to the end of the file, or of the list item or quote it is in.
    Unclosed,
    /// The fence meant to open another block closes it: what lies between renders as code.
    Swallowed,
    /// The fence meant to open the next block closes it: that block's code renders as text, and what follows it as
    /// code.
    NextBlockAsText,
}

/// The code fences of `target` left open past where the source closes them, each with its `broken-markdown` finding
/// and where its closing fence belongs, and what each swallowed. A fence is taken to be left open when the translated
/// block holds a source block's lines (a few words may be changed) and then more, and either no fence closes it or
/// those lines hold a heading of the source (a section swallowed) or a line that opens a fence, or when the next source
/// block's code follows it as text: a longer block that a stale translation keeps is not one. A block that lost its
/// opening fence is found too: its code stands as text before a bare fence. A fence the parser found left open where the source has no code to
/// continue swallowed too: its finding is the parser's. Blocks that start before line `from` are not looked at.
pub fn fences_left_open(source: &Document, target: &Document, from: u32, languages: &Languages) -> Vec<Swallowed> {
    let blocks: Vec<(&Block, Vec<&str>)> = code_blocks(source)
        .into_iter()
        .filter_map(|block| match block {
            Block::Code { code, .. } => Some((block, code.lines().map(str::trim).collect::<Vec<_>>())),
            _ => None,
        })
        .filter(|(_, lines)| lines.iter().any(|line| !line.is_empty()))
        .collect();
    let source_code =
        SourceCode { whole: blocks.iter().map(|_| OnceCell::new()).collect(), blocks, text_lines: OnceCell::new() };
    let mut swallowed: Vec<Swallowed> = Vec::new();
    // Both are needed only for a block that holds a source block and more, which few files have.
    let ids: OnceCell<HashSet<String>> = OnceCell::new();
    let source_has = |id: &str| {
        ids.get_or_init(|| {
            source.article.all_sections().into_iter().flat_map(|section| loose_ids(&section.id)).collect()
        })
        .contains(id)
    };
    let lines: OnceCell<Vec<&str>> = OnceCell::new();
    // Each block's place among the blocks that hold code, as the source's are counted: its counterpart's, where the
    // translation has as many.
    let mut ordinal = 0;
    for block in code_blocks(target) {
        let place = ordinal;
        ordinal +=
            usize::from(matches!(block, Block::Code { code, .. } if code.lines().any(|line| !line.trim().is_empty())));
        if block.span().line < from {
            continue;
        }
        // A block inside what a fence swallowed is an effect of it.
        if swallowed.iter().any(|earlier| earlier.lines.contains(&block.span().line)) {
            continue;
        }
        // The translation's lines, read only for a block that swallowed some.
        let lines = || lines.get_or_init(|| target.text.lines().collect::<Vec<_>>());
        let headings = |range: RangeInclusive<u32>| {
            range
                .filter_map(|line| lines().get(line as usize - 1))
                .filter_map(|line| heading_id(line.trim_start_matches([' ', '\t', '>'])))
                .collect()
        };
        let open = left_open(&source_code, (source, target), (block, place), &source_has);
        let Some((open, finding)) = open.and_then(|open| finding(source, target, &open, languages).map(|f| (open, f)))
        else {
            let span = block.span();
            if let Some(misplaced) = misplaced_fence(&source_code, (source, target), block) {
                swallowed.push(misplaced);
                continue;
            }
            let read_as = LostOpener { fence_at: span.line, end_line: span.end_line, html: false };
            if let Some(lost) = opener_lost(&source_code, (source, target), read_as, languages) {
                swallowed.push(lost);
                continue;
            }
            // A span that ends at the start of a line ends before it.
            let last = if span.end_column == 1 { span.end_line - 1 } else { span.end_line };
            // A block that swallows nothing of the source (most) is asked no more: its fences pair, and no heading
            // line is in it.
            let swallowing = swallows(target, span);
            let may_hold_heading = || matches!(block, Block::Code { code, .. } if code.lines().any(|line| line.trim_start().starts_with('#')));
            let ids: HashSet<String> =
                if swallowing || may_hold_heading() { headings(span.line..=last) } else { HashSet::new() };
            // The source's block in this one's place, when the source leaves it open too: the files break it alike.
            let source_left_open = || source_code.blocks.get(place).filter(|_| !source_code.is_whole(source, place));
            // Opened by the same fence, the block is no stray one.
            let stray_alike = || {
                source_left_open().is_some_and(|(source_block, _)| {
                    fn fence_line(document: &Document, line: u32) -> Option<&str> {
                        document.line_text(line).map(str::trim)
                    }
                    fence_line(source, source_block.span().line) == fence_line(target, span.line)
                })
            };
            if (swallowing || ids.iter().any(|id| source_has(id)))
                && !stray_alike()
                && let Some((finding, end)) = stray_fence(&source_code, (source, target), block, last, languages)
            {
                swallowed.push(Swallowed {
                    finding: Some(finding),
                    end: Some(end),
                    ids,
                    opener: span.line,
                    lines: span.line..=last,
                    source_lines: None,
                    parser_found: false,
                    in_source: false,
                });
                continue;
            }
            // A fence the parser found left open where the source has no code to continue is the parser's finding:
            // what it swallowed follows from it all the same.
            let warned = target.diagnostics.iter().any(|diagnostic| diagnostic.location.line() == span.line);
            if warned && swallows(target, span) {
                // A block broken alike is compared with the source's, its code as code and what it swallowed as prose.
                let lines = if source_left_open().is_some() || ends_as_written(&source_code, target, block) {
                    span.line + 1..=span.line
                } else {
                    span.line..=last
                };
                swallowed.push(Swallowed {
                    finding: None,
                    end: None,
                    ids: headings(lines.clone()),
                    opener: span.line,
                    lines,
                    source_lines: None,
                    parser_found: true,
                    in_source: false,
                });
            }
            continue;
        };
        let opener = open.span.line;
        // The block's first line is its opening fence, unless that fence was lost and is read in before it.
        let fence_line = u32::from(target.line_text(opener).is_some_and(|line| fence(line).is_some()));
        let mut closes_at = opener + u32::try_from(open.lines).unwrap_or(u32::MAX) + fence_line;
        // A closing fence written with the wrong character, or too short, stands where the source closes its block:
        // it is the finding, and it is read as the fence it should be.
        let (finding, end) = match wrong_closing_fence(source, target, &open, closes_at, languages) {
            Some((finding, end)) => {
                closes_at += 1;
                (finding, Some(end))
            }
            None => (finding, closing_line(target, opener, closes_at)),
        };
        let lines = lines();
        let opening = opener_line(target, opener).as_deref().and_then(fence);
        let last = swallowed_until(lines, opener, opening, closes_at);
        let ids = headings(opener..=last);
        // The source's lines that the same stretch holds: its fences and the one the translation lacks.
        let fences =
            (opener..=last).filter_map(|line| lines.get(line as usize - 1)).filter(|line| fence(line).is_some());
        let source_opener = open.original.span().line;
        let source_last = source
            .text
            .lines()
            .zip(1..)
            .skip(source_opener as usize - 1)
            .filter(|(line, _)| fence(line).is_some())
            .nth(fences.count())
            .map_or(u32::MAX, |(_, number)| number);
        let source_lines = Some(source_opener..=source_last);
        swallowed.push(Swallowed {
            finding: Some(finding),
            end,
            opener,
            lines: opener..=last,
            source_lines,
            ids,
            parser_found: false,
            in_source: false,
        });
    }
    // Code whose opening fence was lost, read as an HTML block (`<Policy>`), takes in the fence meant to close it, when
    // no blank line comes before: that fence ends the block.
    for block in html_blocks(target).into_iter().filter(|block| block.span().line >= from) {
        let span = block.span();
        let last = if span.end_column == 1 { span.end_line - 1 } else { span.end_line };
        if last > span.line
            && !swallowed.iter().any(|earlier| earlier.lines.contains(&span.line))
            && let Some(lost) = opener_lost(
                &source_code,
                (source, target),
                LostOpener { fence_at: last, end_line: last, html: true },
                languages,
            )
        {
            swallowed.push(lost);
        }
    }
    swallowed
}

/// The code fences of `source` left open where the translation closes them, as [`fences_left_open`] finds those of
/// the translation: the translation is right, so each is a note on the source, and what it swallowed is not compared.
pub fn source_fences_left_open(
    source: &Document,
    target: &Document,
    from: u32,
    languages: &Languages,
) -> Vec<Swallowed> {
    let mut swallowed = fences_left_open(target, source, from, &languages.swapped());
    for swallowed in &mut swallowed {
        swallowed.in_source = true;
        if let Some(finding) = &mut swallowed.finding {
            finding.severity = Severity::Note;
        }
    }
    swallowed
}

/// A bare fence line that may close code whose opening fence was lost.
struct LostOpener {
    /// Its line.
    fence_at: u32,
    /// The last line of the block it opens, or ends.
    end_line: u32,
    /// Whether it ends an HTML block that the code, starting with a tag, was read as.
    html: bool,
}

/// The bare fence line of `target` that `read_as` names, when it is the closing fence of a source block whose opening
/// fence the translation lost: the lines before it are that block's code, read as text (or as HTML), and the fence
/// meant to close them opens a block of what follows (or ends the HTML). Found when those lines are the source
/// block's code lines (a few words may be changed; blank lines aside) after a line that opens no fence.
fn opener_lost<'a>(
    source_code: &SourceCode<'a>,
    (source, target): (&'a Document, &Document),
    LostOpener { fence_at, end_line, html }: LostOpener,
    languages: &Languages,
) -> Option<Swallowed> {
    let opener = target.line_text(fence_at)?;
    let fence_line = unquoted(opener);
    let bare = fence(fence_line).is_some() && fence_line.chars().all(|character| matches!(character, '`' | '~'));
    if !bare {
        return None;
    }
    // The lines before the fence that are not blank, nearest first, with their numbers: blank lines in code, or left
    // before its closing fence, may differ between the files.
    let written = (1..fence_at).rev().filter_map(|line| {
        let text = unquoted(target.line_text(line)?);
        (!text.is_empty()).then_some((line, text))
    });
    // Most blocks open after a paragraph or a list: its last line is no source block's last code line.
    let last_written = written.clone().next()?;
    let (index, first, _) = source_code
        .blocks
        .iter()
        .enumerate()
        .filter_map(|(index, (_, code))| {
            let mut code_lines = code.iter().rev().filter(|line| !line.is_empty()).peekable();
            if !same_code_line(last_written.1, code_lines.peek()?) {
                return None;
            }
            let (mut first, mut same, mut count) = (fence_at, 0, 0);
            for ((line, text), code_line) in written.clone().zip(code_lines) {
                if !same_code_line(text, code_line) {
                    return None;
                }
                (first, same, count) = (line, same + usize::from(text == *code_line), count + 1);
            }
            let before = target.line_text(first - 1).map(unquoted).unwrap_or_default();
            let all = code.iter().filter(|line| !line.is_empty()).count();
            (count == all && fence(before).is_none() && source_code.is_whole(source, index))
                .then_some((index, first, same))
        })
        .rev()
        .max_by_key(|(_, _, same)| *same)?;
    let original = source_code.blocks[index].0;
    let source_opener = opener_line(source, original.span().line)?;
    let source_fence = unquoted(&source_opener);
    let prefix = container_prefix(opener);
    let code_line = target.line(first).span?;
    let written = unquoted(&target.text[code_line.start..code_line.end]);
    // A paragraph that starts with the command it explains, as the source's does, is text, and the fence after it
    // opens the block; so does a fence that opens this very code again (the line before it is extra).
    let first_code = |code: &str| code.lines().map(str::trim).find(|line| !line.is_empty()).map(str::to_owned);
    let opens_it_again = code_blocks(target).into_iter().any(|block| match block {
        Block::Code { code, span, .. } if span.line == fence_at => first_code(code)
            .zip(source_code.blocks[index].1.iter().find(|line| !line.is_empty()))
            .is_some_and(|(line, source_line)| same_code_line(&line, source_line)),
        // Lines read as code already, their opening fence read in, lost none.
        Block::Code { span, .. } => (span.line..=span.end_line).contains(&first),
        _ => false,
    });
    if opens_it_again || source_code.writes_as_text(source, written) {
        return None;
    }
    // The fence after it may be the next block's own, where the block lost both its fences.
    let opens_next = || {
        let next_first =
            source_code.blocks.get(index + 1).and_then(|(_, code)| code.iter().find(|line| !line.is_empty()));
        let mut after = (fence_at + 1..=end_line).filter_map(|line| target.line_text(line)).map(unquoted);
        after.find(|line| !line.is_empty()).zip(next_first).is_some_and(|(line, next)| same_code_line(line, next))
    };
    let effect = if html {
        "it renders as HTML, its tags hidden"
    } else if opens_next() {
        "it renders as text"
    } else {
        "it renders as text, and the fence meant to close it opens a code block of what follows"
    };
    let message = format!(
        "this line is code in the {} file, and its code block lost its opening fence: {effect}; add a {} line before {}",
        languages.source,
        fence_to_add(&prefix, source_fence),
        inline_code(&clip(written, MAX_QUOTED_CHARS))
    );
    let finding =
        Rule::BrokenMarkdown.diagnostic(target.at(code_line), message).with_source(source.line(original.span().line));
    Some(Swallowed {
        finding: Some(finding),
        end: Some(FenceEnd { at: code_line.start, line: prefix + source_fence, replaces: false }),
        opener: first,
        lines: first..=end_line,
        source_lines: Some(original.span().line..=original.span().end_line),
        ids: HashSet::new(),
        parser_found: false,
        in_source: false,
    })
}

/// `block` of `target`, when the parser found it left open because the fence meant to close it is misplaced (indented
/// four columns or more past its opening fence, or less, outside its list item or note), and the source closes its
/// block of the same code: the parser's finding, which says so, as the translation's, and that fence read indented as
/// the opening fence. The two files do not break it alike.
fn misplaced_fence(
    source_code: &SourceCode<'_>,
    (source, target): (&Document, &Document),
    block: &Block,
) -> Option<Swallowed> {
    let Block::Code { code, span, .. } = block else { return None };
    // A block closed by a fence read in is one the parser, reading the file's own lines, takes to be left open.
    if closed_by_fence_read_in(target, *span) {
        return None;
    }
    let warning = target.diagnostics.iter().find(|diagnostic| diagnostic.location.line() == span.line)?;
    let opener = target.line_text(span.line)?;
    let (_, fence) = fence_of(opener)?;
    let closer = misplaced_closing_fence(&target.text, code, *span)?;
    let first = code.lines().map(str::trim).find(|line| !line.is_empty())?;
    let source_closes = source_code.blocks.iter().any(|(block, lines)| {
        let span = block.span();
        lines.iter().find(|line| !line.is_empty()).is_some_and(|line| same_code_line(first, line))
            && closed(source, span)
            && (closed_by_fence_read_in(source, span)
                || !matches!(block, Block::Code { code, .. } if misplaced_closing_fence(&source.text, code, span).is_some()))
    });
    if !source_closes {
        return None;
    }
    let finding = Rule::BrokenMarkdown.diagnostic(warning.location.clone(), warning.message.clone());
    let closer_line = target.span(closer, closer).line;
    Some(Swallowed {
        finding: Some(finding),
        end: Some(FenceEnd { at: closer, line: container_prefix(opener) + fence, replaces: true }),
        ids: HashSet::new(),
        opener: span.line,
        lines: span.line..=closer_line.max(span.end_line),
        source_lines: None,
        parser_found: false,
        in_source: false,
    })
}

/// The finding for `block` of `target`, which ends at line `last`, and the blank line its opening fence is read as,
/// when that fence is bare and the block's code is not the source's (its first line is no line of the source, a few
/// words changed): a fence the source does not have, which turns what follows into code.
fn stray_fence(
    source_code: &SourceCode<'_>,
    (source, target): (&Document, &Document),
    block: &Block,
    last: u32,
    languages: &Languages,
) -> Option<(Diagnostic, FenceEnd)> {
    let Block::Code { code, span, .. } = block else { return None };
    let opener = target.line_text(span.line)?;
    let fence_line = unquoted(opener);
    if fence(fence_line).is_none() || !fence_line.chars().all(|character| matches!(character, '`' | '~')) {
        return None;
    }
    let first = code.lines().map(str::trim).find(|line| !line.is_empty())?;
    // Nor is the fence right after a source block's last code line: it closes code whose opening fence was lost.
    let before =
        (1..span.line).rev().filter_map(|line| target.line_text(line)).map(unquoted).find(|line| !line.is_empty());
    let ends = |lines: &Vec<&str>| {
        let last = lines.iter().rfind(|line| !line.is_empty());
        before.zip(last).is_some_and(|(before, line)| same_code_line(before, line))
    };
    // Its first line is no line of the source, in code or out of it (code the source's fences leave as text), even
    // in another case or spacing, which PowerShell, for one, ignores.
    let loose = |line: &str| line.split_whitespace().collect::<String>().to_lowercase();
    let first_loose = loose(first);
    let in_source =
        || source.text.lines().map(unquoted).any(|line| same_code_line(first, line) || loose(line) == first_loose);
    if source_code.blocks.iter().any(|(_, lines)| ends(lines)) || in_source() {
        return None;
    }
    let line = target.line(span.line).span?;
    let fence_at = prefix_len(opener);
    let message = format!(
        "this fence is not in the {} file: it opens a code block of what follows, up to line {last}, so that text \
         renders as code; delete it",
        languages.source
    );
    let finding = Rule::BrokenMarkdown.diagnostic(target.at(target.span(line.start + fence_at, line.end)), message);
    let blank = container_prefix(opener).trim_end().to_owned();
    Some((finding, FenceEnd { at: line.start, line: blank, replaces: true }))
}

/// The fence line to add to a block whose lines start with `prefix` (its container prefix), quoted for a message: the
/// fence, behind the quote markers in a note or quote, where a fence without them would end it. The indentation before
/// them is left out: the line is indented as the block's.
fn fence_to_add(prefix: &str, fence: &str) -> String {
    if prefix.contains('>') { inline_code(&format!("{}{fence}", prefix.trim_start())) } else { inline_code(fence) }
}

/// Where the fence of a fence line starts, and the fence: its run of backticks or tildes.
fn fence_of(line: &str) -> Option<(usize, &str)> {
    let fence_at = line.find(['`', '~'])?;
    let marker = line[fence_at..].chars().next()?;
    let length = line[fence_at..].chars().take_while(|&character| character == marker).count();
    Some((fence_at, &line[fence_at..fence_at + length]))
}

/// The container prefix of a line that opens a fence, for a line of the same block: its quote markers, and its list
/// markers as spaces.
fn container_prefix(opener: &str) -> String {
    let fence_at = fence_of(opener).map_or(0, |(at, _)| at);
    opener[..fence_at].chars().map(|character| if matches!(character, '>' | '\t') { character } else { ' ' }).collect()
}

/// The closing fence for the code block whose opening fence is at line `opener` of `document`, read before line
/// `closes_at`: its fence, behind the opener's quote markers, and its list markers as spaces. `None` past the last
/// line.
fn closing_line(document: &Document, opener: u32, closes_at: u32) -> Option<FenceEnd> {
    document.line_text(closes_at)?;
    let opener_line = opener_line(document, opener)?;
    let (_, fence) = fence_of(&opener_line)?;
    let at = document.line(closes_at).span?.start;
    Some(FenceEnd { at, line: container_prefix(&opener_line) + fence, replaces: false })
}

/// The line that opens the fenced code block at 1-based `line` of `document`: the file's own, or the opening fence
/// read in before that line, where the block lost its own.
fn opener_line(document: &Document, line: u32) -> Option<Cow<'_, str>> {
    let written = document.line_text(line)?;
    if fence(written).is_some() {
        return Some(written.into());
    }
    let start = document.line(line).span?.start;
    document.fence_read_in_at(start).map(|closed| closed.end.line.as_str().into())
}

/// The finding for line `at` of the code block `open` left open, and the fence that line is read as, when it is a
/// bare fence where the source closes its block, that cannot close this one: a closing fence repeats its opening
/// fence's character, at least as many times (a ``` cannot close a `~~~` or a ```` block).
fn wrong_closing_fence(
    source: &Document,
    target: &Document,
    open: &LeftOpen<'_>,
    at: u32,
    languages: &Languages,
) -> Option<(Diagnostic, FenceEnd)> {
    let opener_line = opener_line(target, open.span.line)?;
    let (_, fence) = fence_of(&opener_line)?;
    let written = target.line_text(at)?;
    let (fence_at, wrong) = fence_of(written)?;
    let bare = written[fence_at + wrong.len()..].trim().is_empty()
        && written[..fence_at].chars().all(|character| matches!(character, ' ' | '\t' | '>'));
    let marker = |fence: &str| fence.chars().next();
    let could_close = marker(wrong) == marker(fence) && wrong.chars().count() >= fence.chars().count();
    // A line inside the block that could close it but does not is indented four columns or more into its list item
    // or note: code.
    let too_deep = could_close && at < open.span.end_line;
    if !bare || wrong.chars().count() < 3 || could_close && !too_deep {
        return None;
    }
    let line = target.line(at).span?;
    let language = open.language.map(|language| format!("{language} ")).unwrap_or_default();
    let message = if could_close {
        format!(
            "this {} is indented too far to close the {language}code block opened at line {}, where the {} file \
             closes its own, so it is code, and what follows renders as code too; indent it as that fence",
            inline_code(wrong),
            open.span.line,
            languages.source,
        )
    } else {
        format!(
            "this {} cannot close the {language}code block opened with {} at line {}, where the {} file closes its \
             own: a closing fence repeats the opening fence's character, at least as many times, so what follows \
             renders as code; write {} here",
            inline_code(wrong),
            inline_code(fence),
            open.span.line,
            languages.source,
            inline_code(fence)
        )
    };
    let finding = Rule::BrokenMarkdown
        .diagnostic(target.at(target.span(line.start + fence_at, line.end)), message)
        .with_source(closing_fence(source, open)?);
    Some((finding, FenceEnd { at: line.start, line: container_prefix(&opener_line) + fence, replaces: true }))
}

/// The finding for a fence left open: at its opening line, with the source's closing fence as counterpart.
fn finding(source: &Document, target: &Document, open: &LeftOpen<'_>, languages: &Languages) -> Option<Diagnostic> {
    let opener = target.line(open.span.line).span?;
    let opener_line = opener_line(target, open.span.line)?;
    let (_, fence) = fence_of(&opener_line)?;
    // At the fence, or at the first code line of a block whose opening fence is read in.
    let fence_at = prefix_len(&target.text[opener.start..opener.end]);
    let language = open.language.map(|language| format!("{language} ")).unwrap_or_default();
    let effect = match open.effect {
        Effect::Unclosed => "everything after it renders as code",
        Effect::Swallowed => "what follows renders as code, up to a fence meant to open another block",
        Effect::NextBlockAsText => {
            "the fence meant to open the next block closes it, so that block's code renders as text, and what follows \
             it as code"
        }
    };
    let fence = fence_to_add(&container_prefix(&opener_line), fence);
    let last_line = inline_code(&clip(open.last_line, MAX_QUOTED_CHARS));
    // A block whose opening fence is read in is that finding's too: what it lost besides.
    let message = if target.line_text(open.span.line).is_some_and(|line| self::fence(line).is_none()) {
        format!(
            "this line's code block lost its closing fence too, where the {} one closes: add a {fence} line after \
             {last_line}",
            languages.source
        )
    } else {
        format!(
            "this {language}code block is not closed where the {} one is: {effect}; add a {fence} line after \
             {last_line}",
            languages.source
        )
    };
    Some(
        Rule::BrokenMarkdown
            .diagnostic(target.at(target.span(opener.start + fence_at, opener.end)), message)
            .with_source(closing_fence(source, open)?),
    )
}

/// Where the source closes the block that `open`, left open, stands for: its closing fence line.
fn closing_fence(source: &Document, open: &LeftOpen<'_>) -> Option<Location> {
    let closing = source.text.get(..open.original.span().end)?.trim_end();
    let closing_start = closing.rfind('\n').map_or(0, |start| start + 1);
    Some(source.at(source.span(closing_start, closing.len())))
}

/// The source's fenced code blocks that hold code, with their lines trimmed, in order.
struct SourceCode<'a> {
    blocks: Vec<(&'a Block, Vec<&'a str>)>,
    /// For each, once asked: whether it is the source's code, not what a fence of its own left open swallowed.
    whole: Vec<OnceCell<bool>>,
    /// Once asked: the source's lines outside its code and HTML blocks that are not blank, without their quote
    /// markers.
    text_lines: OnceCell<Vec<&'a str>>,
}

impl<'a> SourceCode<'a> {
    fn is_whole(&self, source: &Document, index: usize) -> bool {
        *self.whole[index].get_or_init(|| !swallows(source, self.blocks[index].0.span()))
    }

    /// Whether `source` writes `line`, or it with a few words changed, as text: outside its code blocks, fenced or
    /// indented, and its HTML blocks.
    fn writes_as_text(&self, source: &'a Document, line: &str) -> bool {
        let text_lines = self.text_lines.get_or_init(|| {
            let mut code = vec![false; source.text.lines().count() + 1];
            for block in blocks_where(source, |block| matches!(block, Block::Code { .. } | Block::Html { .. })) {
                let lines = block.span().line as usize..=block.span().end_line as usize;
                code.get_mut(lines).into_iter().flatten().for_each(|line| *line = true);
            }
            source
                .text
                .lines()
                .zip(1..)
                .filter(|&(_, number)| !code[number])
                .map(|(text, _)| unquoted(text))
                .filter(|text| !text.is_empty() && fence(text).is_none())
                .collect()
        });
        text_lines.iter().any(|text| same_code_line(line, text))
    }
}

/// Whether `block` of `target`, a code block that no fence closes, ends where it would with its closing fence: its
/// list item, note or file ends after a source block's code, a few words changed. It then swallowed nothing, and
/// is compared as code; its finding is the parser's. An empty block is not taken to: it is more often a closing fence
/// read as an opening one, after a fence lost before it.
fn ends_as_written(source_code: &SourceCode<'_>, target: &Document, block: &Block) -> bool {
    let Block::Code { code, span, .. } = block else { return false };
    let code_lines = |code: &[&str]| code.iter().filter(|line| !line.is_empty()).count();
    let written: Vec<&str> = code.lines().map(str::trim).filter(|line| !line.is_empty()).collect();
    let fence_inside = target.text.get(span.start..span.end).and_then(|text| fence_opened_inside(text, indent(*span)));
    fence_inside.is_none()
        && written.first().is_some_and(|first| {
            source_code.blocks.iter().any(|(_, lines)| {
                lines.iter().find(|line| !line.is_empty()).is_some_and(|line| same_code_line(first, line))
                    && code_lines(lines) >= written.len()
            })
        })
}

/// `block` of `target`, when it is a fenced code block left open past where a source code block closes. `place` is its
/// place among the translation's blocks that hold code.
fn left_open<'a>(
    source_code: &SourceCode<'a>,
    (source, target): (&Document, &Document),
    (block, place): (&'a Block, usize),
    source_has: &dyn Fn(&str) -> bool,
) -> Option<LeftOpen<'a>> {
    let Block::Code { code, language, span } = block else { return None };
    let lines: Vec<&str> = code.lines().map(str::trim).collect();
    let unclosed = !closed(target, *span);
    // The line after the block's closing fence, without its quote markers.
    let rest = target.text.get(span.end..).unwrap_or_default();
    // A span that ends at the start of a line ends before it.
    let next_line = if span.end_column == 1 { Some(rest) } else { rest.split_once('\n').map(|(_, after)| after) };
    let next = next_line
        .and_then(|next| next.lines().next())
        .map_or("", |next| next.trim_start_matches([' ', '\t', '>']).trim_end());
    // A block closed, with a blank line or nothing after it, and no heading or fence among its lines, is whole: most
    // blocks are, and need no search.
    if !unclosed && next.is_empty() && !lines.iter().any(|line| line.starts_with('#') || fence(line).is_some()) {
        return None;
    }
    let first_line = |lines: &[&'a str]| lines.iter().find(|line| !line.is_empty()).copied().unwrap_or_default();
    // The source blocks whose first line is the line after this block's closing fence.
    let opened_next: Vec<usize> = if unclosed || next.is_empty() {
        Vec::new()
    } else {
        (0..source_code.blocks.len()).filter(|&index| first_line(&source_code.blocks[index].1) == next).collect()
    };
    // The line after the block's closing fence, when it is the first line of another source block's code (or of the
    // next one's, with words changed): that fence was meant to open the other block, and the fence meant to close
    // this one is missing.
    let opens_source_code = |original: usize| {
        let following = original + 1;
        opened_next.iter().any(|&index| index != original && source_code.is_whole(source, index))
            || !unclosed
                && !next.is_empty()
                && source_code.blocks.get(following).is_some_and(|(_, lines)| same_code_line(next, first_line(lines)))
                && source_code.is_whole(source, following)
    };
    // The source block whose lines this one starts with: the longest, then the one the next block's code follows,
    // then the one with most lines the same, then the one in its place, then the first (blocks alike but for a name or
    // address are many).
    let (index, (original, source_lines)) = source_code
        .blocks
        .iter()
        .enumerate()
        .filter(|(index, (_, source_lines))| {
            source_lines.len() <= lines.len()
                && lines.iter().zip(source_lines).all(|(line, source_line)| same_code_line(line, source_line))
                && (source_lines.len() < lines.len() || source_lines.len() == lines.len() && opens_source_code(*index))
                && source_code.is_whole(source, *index)
        })
        .rev()
        .max_by_key(|(index, (_, source_lines))| {
            let same = lines.iter().zip(source_lines.iter()).filter(|(line, other)| line == other).count();
            (source_lines.len(), opens_source_code(*index), same, *index == place)
        })
        .or_else(|| {
            // The line after it opens a source block, but this block's own code differs more (a placeholder made
            // French): it stands for the source block before that one, when it starts with the same word.
            let first_word = |lines: &[&'a str]| first_line(lines).split_whitespace().next();
            let &opened = opened_next.iter().find(|&&index| index > 0 && source_code.is_whole(source, index))?;
            let index = opened - 1;
            let (_, source_lines) = &source_code.blocks[index];
            (source_lines.len() <= lines.len()
                && first_word(&lines).is_some()
                && first_word(&lines) == first_word(source_lines)
                && source_code.is_whole(source, index))
            .then_some((index, &source_code.blocks[index]))
        })?;
    // The source block in its place, when the source leaves it open too: it starts with the same code, and holds
    // more of this block's lines, in place, than the block found. The two files break it alike, which is no drift.
    let same_in_place = |other: &[&str]| lines.iter().zip(other).filter(|(line, other)| line == other).count();
    let broken_alike = source_code.blocks.get(place).is_some_and(|(_, other_lines)| {
        same_code_line(first_line(&lines), first_line(other_lines))
            && same_in_place(other_lines) > same_in_place(source_lines)
            && !source_code.is_whole(source, place)
    });
    if broken_alike {
        return None;
    }
    let after = &lines[source_lines.len()..];
    let swallowed_heading = after.iter().any(|line| heading_id(line).is_some_and(|id| source_has(&id)));
    // The next block's opening fence, taken in: the fence that closes this block was meant to close that one.
    let swallowed_fence =
        target.text.get(span.start..span.end).and_then(|block| fence_opened_inside(block, indent(*span))).is_some_and(
            // The opener's line is line 0; code line `k` is line `k + 1`.
            |(line, _)| line > source_lines.len(),
        );
    let effect = if unclosed && after.iter().any(|line| !line.is_empty()) {
        Effect::Unclosed
    } else if swallowed_heading || swallowed_fence {
        Effect::Swallowed
    } else if opens_source_code(index) {
        Effect::NextBlockAsText
    } else {
        return None;
    };
    let last_line = lines[..source_lines.len()].iter().rev().find(|line| !line.is_empty()).copied().unwrap_or_default();
    Some(LeftOpen {
        span: *span,
        language: language.as_deref(),
        original,
        lines: source_lines.len(),
        last_line,
        effect,
    })
}

/// Whether the translated code line `line` is the source's `source_line`, or it with a few words changed (an address
/// or a value made French): the same first word, and at least half of the words the same, in place.
fn same_code_line(line: &str, source_line: &str) -> bool {
    if line == source_line {
        return true;
    }
    let (mut words, mut source_words) = (line.split_whitespace(), source_line.split_whitespace());
    let first = words.next();
    if first.is_none() || first != source_words.next() {
        return false;
    }
    let (mut alike, mut count, mut source_count) = (1, 1, 1);
    loop {
        match (words.next(), source_words.next()) {
            (None, None) => break,
            (word, source_word) => {
                alike += usize::from(word.is_some() && word == source_word);
                count += usize::from(word.is_some());
                source_count += usize::from(source_word.is_some());
            }
        }
    }
    2 * alike >= count.max(source_count)
}

/// The last line (1-based) that the fence `open` opened at line `opener` of `lines` (or before it, read in)
/// swallowed, its closing fence belonging before line `closes_at`: the first line from there after which the fences,
/// read as written and read with that closing fence, are all closed. From there on, both readings agree.
fn swallowed_until(lines: &[&str], opener: u32, open: Option<(char, usize)>, closes_at: u32) -> u32 {
    let (mut written, mut mended) = (open, open);
    for (index, line) in lines.iter().enumerate().skip(opener as usize) {
        let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
        if number == closes_at {
            mended = None;
        }
        for state in [&mut written, &mut mended] {
            *state = match *state {
                None => fence(line),
                Some((character, length))
                    if fence(line).is_some_and(|(c, l)| c == character && l >= length)
                        && line.trim().trim_start_matches('>').trim().chars().all(|c| c == character) =>
                {
                    None
                }
                open => open,
            };
        }
        if number >= closes_at && written.is_none() && mended.is_none() {
            return number;
        }
    }
    u32::try_from(lines.len()).unwrap_or(u32::MAX)
}

/// `line` without its container prefix (quote markers, indentation) and trailing white space.
fn unquoted(line: &str) -> &str {
    line[prefix_len(line)..].trim_end()
}

/// How many bytes of `line` its container prefix takes: quote markers and indentation.
fn prefix_len(line: &str) -> usize {
    line.len() - line.trim_start_matches([' ', '\t', '>']).len()
}

/// The fence `line` starts with, if any: its character and length.
fn fence(line: &str) -> Option<(char, usize)> {
    let line = line.trim_start_matches([' ', '\t', '>']);
    let character = line.chars().next().filter(|character| matches!(character, '`' | '~'))?;
    let length = line.chars().take_while(|&c| c == character).count();
    (length >= 3).then_some((character, length))
}

/// Whether the fenced code block at `span` ends with a closing fence read in where the file lacks it.
fn closed_by_fence_read_in(document: &Document, span: Span) -> bool {
    document.fences_read_in_from(span.start).first().is_some_and(|closed| closed.end.at <= span.end)
}

/// Whether the fenced code block at `span` ends with a closing fence, written or read in where the file lacks it.
fn closed(document: &Document, span: Span) -> bool {
    if closed_by_fence_read_in(document, span) {
        return true;
    }
    let Some(written) = document.text.get(span.start..span.end) else { return false };
    let mut lines = written.trim_end().lines();
    let opener = unquoted(lines.next().unwrap_or_default());
    let Some(fence_character) = opener.chars().next() else { return false };
    let length = opener.chars().take_while(|&character| character == fence_character).count();
    lines.next_back().map(unquoted).is_some_and(|last| {
        last.chars().count() >= length && last.chars().all(|character| character == fence_character)
    })
}

/// The lines of `document`'s bare fences that open a code block of their own, being meant to close the block before
/// them and misplaced outside its list item or note: the block holds the text after the fence, as its writer meant
/// it. The parser warns at each block left so, so a file without warnings is not searched.
pub(super) fn stray_openers(document: &Document) -> HashSet<u32> {
    if document.diagnostics.is_empty() {
        return HashSet::new();
    }
    code_blocks(document)
        .into_iter()
        .filter_map(|block| match block {
            Block::Code { code, span, .. } if !closed_by_fence_read_in(document, *span) => {
                misplaced_closing_fence(&document.text, code, *span)
            }
            _ => None,
        })
        .map(|closer| document.span(closer, closer).line)
        .collect()
}

/// Whether a fenced code block of `document` holds what follows it ([`swallows`]): its fences pair wrongly. The
/// parser warns at such a block's opening line, so a file without warnings, nearly every one, is not searched.
pub(super) fn pairs_fences_wrongly(document: &Document) -> bool {
    let warned = |line: u32| document.diagnostics.iter().any(|diagnostic| diagnostic.location.line() == line);
    !document.diagnostics.is_empty()
        && code_blocks(document).into_iter().any(|block| warned(block.span().line) && swallows(document, block.span()))
}

/// Whether the fenced code block at `span` in `document` holds what follows it: no fence closes it, or a line in it
/// opens a fence of its own, which only a fence left open before it takes in.
pub(super) fn swallows(document: &Document, span: Span) -> bool {
    !closed(document, span)
        || document
            .text
            .get(span.start..span.end)
            .is_some_and(|block| fence_opened_inside(block, indent(span)).is_some())
}

/// How many columns in a block's first line starts.
fn indent(span: Span) -> usize {
    (span.column as usize).saturating_sub(1)
}

/// The id of `line` read as an ATX heading (its `<a name>` anchor, else its slug), lower-cased.
pub(super) fn heading_id(line: &str) -> Option<String> {
    let hashes = line.bytes().take_while(|&byte| byte == b'#').count();
    if !(1..=6).contains(&hashes) || !line[hashes..].starts_with([' ', '\t']) {
        return None;
    }
    let title = line[hashes..].trim().trim_end_matches('#').trim();
    let anchor = ["<a name=\"", "<a id=\""]
        .iter()
        .find_map(|opening| title.strip_prefix(opening))
        .and_then(|rest| rest.split('"').next());
    Some(anchor.map_or_else(|| slug(title), str::to_lowercase))
}

/// An id lower-cased, and without the `-1`, `-2`… that makes a repeated heading's id unique, as localized anchors
/// keep the first.
fn loose_ids(id: &str) -> impl Iterator<Item = String> {
    let id = id.to_lowercase();
    let base = match id.rsplit_once('-') {
        Some((base, counter)) if !counter.is_empty() && counter.bytes().all(|byte| byte.is_ascii_digit()) => {
            Some(base.to_owned())
        }
        _ => None,
    };
    std::iter::once(id).chain(base)
}

/// The raw HTML blocks of `document`, in order, at any depth.
fn html_blocks(document: &Document) -> Vec<&Block> {
    blocks_where(document, |block| matches!(block, Block::Html { .. }))
}

/// The fenced code blocks of `document`, in order, at any depth.
fn code_blocks(document: &Document) -> Vec<&Block> {
    blocks_where(document, |block| matches!(block, Block::Code { span, .. } if fenced(document, *span)))
}

/// The blocks of `document` that `keep` holds, in order, at any depth.
fn blocks_where(document: &Document, keep: impl Fn(&Block) -> bool) -> Vec<&Block> {
    fn walk<'a>(blocks: &'a [Block], keep: &dyn Fn(&Block) -> bool, out: &mut Vec<&'a Block>) {
        for block in blocks {
            match block {
                _ if keep(block) => out.push(block),
                Block::List { items, .. } => items.iter().for_each(|item| walk(&item.blocks, keep, out)),
                other => walk(other.children(), keep, out),
            }
        }
    }
    let mut out = Vec::new();
    walk(&document.article.preamble, &keep, &mut out);
    for section in document.article.all_sections() {
        walk(&section.blocks, &keep, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_left_without_their_bracket_are_found_but_not_escaped_ones() {
        let found: Vec<_> =
            left_targets("icône](media/add.gif) et \\](x) et ](a b) et ](https://x/y_(z)) fin").collect();
        assert_eq!(found, [(6..22, "media/add.gif", Left::Unopened), (45..63, "https://x/y_(z)", Left::Unopened)]);
    }

    #[test]
    fn targets_a_space_parts_from_their_text_are_found_on_one_line() {
        let found: Vec<_> =
            left_targets("[a] (x.md) et [b]\u{a0} (https://y/(z)) et [c]\n(w) et \\] (v) et [d] (e f)").collect();
        assert_eq!(found, [(2..10, "x.md", Left::Spaced), (16..35, "https://y/(z)", Left::Spaced)]);
    }

    #[test]
    fn empty_bold_is_four_asterisks_exactly() {
        let found: Vec<Range<usize>> = empty_bold("au **** \\> ***** et ****").collect();
        assert_eq!(found, [3..7, 20..24]);
    }

    #[test]
    fn stray_bold_is_two_asterisks_exactly_and_not_escaped() {
        let found: Vec<Range<usize>> = stray_bold("a ** b \\** c **** d *** e **").collect();
        assert_eq!(found, [2..4, 26..28]);
    }

    #[test]
    fn placeholders_are_found_as_words_only() {
        let found: Vec<_> = placeholders("_GT_ a _AMP_ b TLS_GT_X _LT_x _QUOT_.").collect();
        assert_eq!(found, [(0..4, '>'), (7..12, '&'), (30..36, '"')]);
    }

    #[test]
    fn what_a_fence_left_open_swallowed_ends_where_both_readings_agree() {
        // Its closing fence belongs before line 3; the fence at 4 closes it instead and the one at 6 is code: from line
        // 8 on, the fences read as written and read with the closing fence agree.
        let lines = ["```xml", "<a/>", "## Next", "```", "text", "```xml", "<b/>", "```", "after"];
        let open = Some(('`', 3));
        assert_eq!(swallowed_until(&lines, 1, open, 3), 8);
        assert_eq!(swallowed_until(&lines[..3], 1, open, 3), 3);
    }

    #[test]
    fn headings_read_from_code_lines_have_their_anchor_or_slug_as_id() {
        assert_eq!(heading_id("### <a name=\"keywords\"></a>Mots clés").as_deref(), Some("keywords"));
        assert_eq!(
            heading_id("## Indonesia Identity Card (KTP) Number").as_deref(),
            Some("indonesia-identity-card-ktp-number")
        );
        assert_eq!(heading_id("#comment"), None);
        assert_eq!(loose_ids("Keywords-12").collect::<Vec<_>>(), ["keywords-12", "keywords"]);
        assert_eq!(loose_ids("step-a").collect::<Vec<_>>(), ["step-a"]);
    }
}
