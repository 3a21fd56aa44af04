//! Builds the block tree from pulldown-cmark events, adding what Learn layers on CommonMark: directive zones and
//! extensions, alerts and `[!div]` sections, `[!INCLUDE]`, `:::no-loc:::`, and the inline HTML Learn articles use
//! (`<a href>` links, `<a name>` anchors, `<br>`, `<img>`).
//!
//! Nesting deeper than [`MAX_DEPTH`] containers is flattened into the deepest kept one (with a warning), so a
//! hostile file cannot exhaust the stack of anything that later walks the tree.

use std::borrow::Cow;
use std::ops::Range;

use pulldown_cmark::{BlockQuoteKind, CodeBlockKind, CowStr, Event, Tag, TagEnd};

use super::directives::{DirectiveKind, Prepared, read_quoted};
use super::html::{self, parse_tag};
use super::lines::LineIndex;
use super::markdown::{MASKED_PIPE, cmark, mask_pipes_in_code};
use super::xref;
use crate::model::{AlertKind, Attribute, Block, EmphasisKind, Inline, ListItem, Numbering, Span, attribute, text};
use crate::report::{Diagnostic, Location, Severity, inline_code};

/// How many block containers (lists, items, quotes, zones) and inline containers may nest before the rest is
/// flattened. Real articles stay far below it.
pub const MAX_DEPTH: usize = 32;

/// The rule name of every problem the parser reports.
pub const PARSE_ERROR: &str = "parse-error";

/// Builds the flat top-level block list of `prepared` (headings included, as [`Block::Heading`]).
pub fn build(prepared: &Prepared<'_>, base: usize, index: &LineIndex<'_>, path: &str) -> Built {
    let mut builder = Builder {
        prepared,
        index,
        path,
        stack: vec![Frame::Container(Container::new(ContainerKind::Document, 0, 0))],
        open_blocks: Vec::new(),
        open_inlines: Vec::new(),
        suppressed: 0,
        suppressed_inlines: 0,
        suppressed_zones: 0,
        depth_reported: false,
        masked: false,
        includes: false,
        hidden: None,
        misplaced_closer: None,
        base,
        parsed_block: 0..0,
        diagnostics: Vec::new(),
    };
    let text = mask_pipes_in_code(&prepared.text);
    builder.masked = matches!(text, Cow::Owned(_));
    for (event, range) in cmark(&text) {
        if let Event::End(TagEnd::CodeBlock) = event {
            builder.parsed_block = range.clone();
        }
        // Everything past this point works in offsets of the original file.
        let range = prepared.original(range.start + base)..prepared.original_end(range.end + base);
        builder.event(event, range);
    }
    builder.finish()
}

struct Builder<'p, 'i> {
    prepared: &'p Prepared<'p>,
    index: &'i LineIndex<'i>,
    path: &'i str,
    stack: Vec<Frame>,
    /// The blocks of the open containers, outermost first: each container owns the tail from its `first`. A closed
    /// container's blocks are moved out at their exact number, so no block list grows by doubling or keeps spare room.
    open_blocks: Vec<Block>,
    /// The same for the inlines of the open inline frames.
    open_inlines: Vec<Inline>,
    /// Containers not opened because [`MAX_DEPTH`] was reached; their ends are skipped too.
    suppressed: usize,
    /// Inline Markdown tags not opened because [`MAX_DEPTH`] inline frames were open; their ends are skipped too.
    suppressed_inlines: usize,
    /// The same for `:::` zones, whose ends are directives rather than pulldown-cmark events.
    suppressed_zones: usize,
    depth_reported: bool,
    /// Whether pipes were masked in the text parsed ([`mask_pipes_in_code`]): then text is unmasked as it is read.
    masked: bool,
    /// Whether an `[!INCLUDE]` was read among inlines (a paragraph of its own becomes an include block).
    includes: bool,
    /// The hidden `<span>` being read, if any.
    hidden: Option<HiddenSpan>,
    /// Where a fence meant to close the code block before it stands, outside that block's list item or note: the
    /// block it opens instead is that block's finding, not one of its own.
    misplaced_closer: Option<usize>,
    /// Where the body starts in the file.
    base: usize,
    /// Where the code block ending is in the body as parsed.
    parsed_block: Range<usize>,
    diagnostics: Vec<Diagnostic>,
}

/// A `<span class="sxs-lookup">` being read. Learn hides it: machine-translated articles carry in it the English each
/// sentence was translated from, for side-by-side lookup. Its content is kept as the raw HTML it is, not as text.
struct HiddenSpan {
    start: usize,
    /// The `<span>` tags open in it, its own included.
    spans: usize,
    /// The inline Markdown tags open in it (emphasis, links…).
    tags: usize,
}

/// What [`build`] makes of a body.
pub struct Built {
    /// The flat top-level blocks.
    pub blocks: Vec<Block>,
    /// What was wrong with them.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether any inlines hold an include ([`Inline::Include`]): else they need not be walked to read includes.
    pub inline_includes: bool,
}

enum Frame {
    Container(Container),
    List {
        ordered: bool,
        start_number: Option<u64>,
        items: Vec<ListItem>,
        start: usize,
    },
    Inlines(Inlines),
    Table {
        head: Vec<Vec<Inline>>,
        rows: Vec<Vec<Vec<Inline>>>,
        row: Vec<Vec<Inline>>,
        start: usize,
    },
    /// A code block; `fenced` for one opened by a fence line.
    Code {
        language: Option<String>,
        code: String,
        start: usize,
        fenced: bool,
    },
    Html {
        html: String,
        start: usize,
    },
}

struct Container {
    kind: ContainerKind,
    /// Where its blocks start in [`Builder::open_blocks`].
    first: usize,
    start: usize,
    task: Option<bool>,
}

impl Container {
    fn new(kind: ContainerKind, first: usize, start: usize) -> Self {
        Self { kind, first, start, task: None }
    }
}

enum ContainerKind {
    Document,
    Quote(Option<BlockQuoteKind>),
    Item,
    /// A moniker zone, and how many colons its opening line has: its end line needs as many.
    Moniker {
        range: String,
        colons: usize,
    },
    Extension {
        name: String,
        attributes: Vec<Attribute>,
    },
}

struct Inlines {
    kind: InlineKind,
    /// Where its inlines start in [`Builder::open_inlines`].
    first: usize,
    start: usize,
}

enum InlineKind {
    /// A paragraph; `implicit` for the text of a tight list item, which has no paragraph events.
    Paragraph {
        implicit: bool,
    },
    Heading(u8),
    Emphasis(EmphasisKind),
    Link {
        target: String,
        title: String,
        html: bool,
    },
    /// `<a name="x">…</a>`: an anchor whose content stays in the running text.
    HtmlAnchor,
    Image {
        source: String,
        title: String,
    },
    Cell,
}

impl Builder<'_, '_> {
    fn span(&self, range: &Range<usize>) -> Span {
        self.index.span(range.start, range.end)
    }

    fn diagnose(&mut self, severity: Severity, start: usize, end: usize, message: String) {
        let location = Location::new(self.path, self.index.span(start, end));
        self.diagnostics.push(Diagnostic::new(PARSE_ERROR, severity, location, message));
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        let event = if self.masked { unmask(event) } else { event };
        if self.hidden.is_some() && self.hide(&event, &range) {
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            Event::Text(text) => self.text(&text, range),
            Event::Code(code) => {
                let span = self.span(&range);
                self.push_inline(Inline::Code { code: code.into_string(), span });
            }
            Event::InlineHtml(html) | Event::InlineMath(html) | Event::DisplayMath(html) => {
                self.inline_html(&html, range)
            }
            Event::Html(html) => match self.stack.last_mut() {
                Some(Frame::Html { html: block, .. }) => block.push_str(&html),
                _ => self.inline_html(&html, range),
            },
            Event::SoftBreak => self.text(" ", range),
            Event::HardBreak => {
                let span = self.span(&range);
                self.push_inline(Inline::Break { span });
            }
            Event::Rule => {
                let span = self.span(&range);
                self.push_block(Block::Rule { span });
            }
            Event::TaskListMarker(checked) => {
                if let Some(Frame::Container(Container { kind: ContainerKind::Item, task, .. })) = self.stack.last_mut()
                {
                    *task = Some(checked);
                }
            }
            Event::FootnoteReference(label) => self.text(&format!("[^{label}]"), range),
        }
    }

    /// Reads `event` as part of the hidden span open, if it is inline content; else closes the span where `event`
    /// starts (a paragraph's end closes what it left open) and returns false.
    fn hide(&mut self, event: &Event<'_>, range: &Range<usize>) -> bool {
        let Some(hidden) = &mut self.hidden else { return false };
        match event {
            Event::InlineHtml(html) => {
                match parse_tag(html) {
                    Some(tag) if tag.opens("span") => hidden.spans += 1,
                    Some(tag) if tag.closes("span") => {
                        hidden.spans -= 1;
                        if hidden.spans == 0 {
                            self.end_hidden(range.end);
                        }
                    }
                    _ => {}
                }
                true
            }
            Event::Start(
                Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Link { .. }
                | Tag::Image { .. },
            ) => {
                hidden.tags += 1;
                true
            }
            Event::End(_) if hidden.tags > 0 => {
                hidden.tags -= 1;
                true
            }
            Event::Text(_)
            | Event::Code(_)
            | Event::InlineMath(_)
            | Event::SoftBreak
            | Event::HardBreak
            | Event::FootnoteReference(_) => true,
            // An end event's range is its whole element's: the paragraph that ends holds the span.
            Event::End(_) => {
                self.end_hidden(range.end);
                false
            }
            _ => {
                self.end_hidden(range.start);
                false
            }
        }
    }

    fn end_hidden(&mut self, end: usize) {
        let Some(HiddenSpan { start, .. }) = self.hidden.take() else { return };
        let html = self.index.text()[start..end.max(start)].trim_end().to_owned();
        let span = self.span(&(start..start + html.len()));
        self.push_inline(Inline::Html { html, span });
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        let start = range.start;
        match tag {
            Tag::Paragraph => {
                self.close_implicit();
                self.stack.push(Frame::Inlines(Inlines {
                    kind: InlineKind::Paragraph { implicit: false },
                    first: self.open_inlines.len(),
                    start,
                }));
            }
            Tag::Heading { level, .. } => {
                self.close_implicit();
                self.stack.push(Frame::Inlines(Inlines {
                    kind: InlineKind::Heading(level as u8),
                    first: self.open_inlines.len(),
                    start,
                }));
            }
            Tag::BlockQuote(kind) => self.open_container(ContainerKind::Quote(kind), start),
            Tag::Item => self.open_container(ContainerKind::Item, start),
            Tag::List(start_number) => {
                self.close_implicit();
                if self.too_deep() {
                    return;
                }
                self.stack.push(Frame::List {
                    ordered: start_number.is_some(),
                    start_number,
                    items: Vec::new(),
                    start,
                });
            }
            Tag::CodeBlock(kind) => {
                self.close_implicit();
                let (language, fenced) = match kind {
                    CodeBlockKind::Fenced(info) => (info.split_whitespace().next().map(str::to_owned), true),
                    CodeBlockKind::Indented => (None, false),
                };
                self.stack.push(Frame::Code { language, code: String::new(), start, fenced });
            }
            Tag::HtmlBlock => {
                self.close_implicit();
                self.stack.push(Frame::Html { html: String::new(), start });
            }
            Tag::Table(_) => {
                self.close_implicit();
                self.stack.push(Frame::Table { head: Vec::new(), rows: Vec::new(), row: Vec::new(), start });
            }
            Tag::TableHead | Tag::TableRow => {}
            Tag::TableCell => self.open_inline(InlineKind::Cell, start),
            Tag::Emphasis => self.open_inline(InlineKind::Emphasis(EmphasisKind::Emphasis), start),
            Tag::Strong => self.open_inline(InlineKind::Emphasis(EmphasisKind::Strong), start),
            Tag::Strikethrough => self.open_inline(InlineKind::Emphasis(EmphasisKind::Strikethrough), start),
            Tag::Link { dest_url, title, .. } => self.open_inline(
                InlineKind::Link { target: dest_url.into_string(), title: title.into_string(), html: false },
                start,
            ),
            Tag::Image { dest_url, title, .. } => self
                .open_inline(InlineKind::Image { source: dest_url.into_string(), title: title.into_string() }, start),
            Tag::Superscript | Tag::Subscript => self.open_inline(InlineKind::Emphasis(EmphasisKind::Emphasis), start),
            Tag::FootnoteDefinition(_)
            | Tag::MetadataBlock(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => {}
        }
    }

    fn end(&mut self, tag: TagEnd, range: Range<usize>) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) => {
                self.close_html_inlines();
                if let Some(Frame::Inlines(inlines)) = self.stack.pop() {
                    self.finish_paragraph(inlines, range.end);
                }
            }
            TagEnd::BlockQuote(_) | TagEnd::Item => {
                self.close_implicit();
                if self.suppressed > 0 {
                    self.suppressed -= 1;
                    return;
                }
                self.close_zones_until_container(range.end);
                if let Some(Frame::Container(container)) = self.stack.pop() {
                    self.finish_container(container, range.end);
                }
            }
            TagEnd::List(_) => {
                if self.suppressed > 0 {
                    self.suppressed -= 1;
                    return;
                }
                if let Some(Frame::List { ordered, start_number, items, start }) = self.stack.pop() {
                    let span = self.span(&(start..range.end));
                    let start = if ordered { start_number } else { None };
                    self.push_block(Block::List { ordered, start, numbering: Numbering::Decimal, items, span });
                }
            }
            TagEnd::CodeBlock => {
                if let Some(Frame::Code { language, code, start, fenced }) = self.stack.pop() {
                    let span = self.span(&(start..range.end));
                    if fenced {
                        self.check_fences(&code, span);
                    }
                    self.push_block(Block::Code { language, code, span });
                }
            }
            TagEnd::HtmlBlock => {
                if let Some(Frame::Html { html, start }) = self.stack.pop() {
                    let span = self.span(&(start..range.end));
                    self.push_block(Block::Html { html, span });
                }
            }
            TagEnd::TableCell => {
                self.close_html_inlines();
                if let Some(Frame::Inlines(cell)) = self.stack.pop() {
                    let cell = self.take_inlines(cell.first);
                    if let Some(Frame::Table { row, .. }) = self.stack.last_mut() {
                        row.push(cell);
                    }
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                if let Some(Frame::Table { head, rows, row, .. }) = self.stack.last_mut() {
                    let cells = std::mem::take(row);
                    if matches!(tag, TagEnd::TableHead) { *head = cells } else { rows.push(cells) }
                }
            }
            TagEnd::Table => {
                if let Some(Frame::Table { head, rows, start, .. }) = self.stack.pop() {
                    let span = self.span(&(start..range.end));
                    self.push_block(Block::Table { head, rows, span });
                }
            }
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::Superscript
            | TagEnd::Subscript => {
                if self.suppressed_inlines > 0 {
                    self.suppressed_inlines -= 1;
                    return;
                }
                self.close_html_inlines();
                self.close_inline(range.end);
            }
            TagEnd::FootnoteDefinition
            | TagEnd::MetadataBlock(_)
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition => {}
        }
    }

    fn too_deep(&mut self) -> bool {
        if !self.at_depth_limit() && self.suppressed == 0 {
            return false;
        }
        self.suppressed += 1;
        true
    }

    /// Whether [`MAX_DEPTH`] containers are open; the first time it is so, a warning says deeper ones are flattened.
    fn at_depth_limit(&mut self) -> bool {
        let depth = self.stack.iter().filter(|frame| matches!(frame, Frame::Container(_) | Frame::List { .. })).count();
        if depth < MAX_DEPTH {
            return false;
        }
        if !self.depth_reported {
            self.depth_reported = true;
            let at = self
                .stack
                .iter()
                .rev()
                .find_map(|frame| match frame {
                    Frame::Container(container) => Some(container.start),
                    _ => None,
                })
                .unwrap_or(0);
            self.diagnose(
                Severity::Warning,
                at,
                at,
                format!(
                    "lists, quotes and `:::` zones nest more than {MAX_DEPTH} containers deep (a list level counts its \
                     list and its item); deeper ones are flattened"
                ),
            );
        }
        true
    }

    /// Warns when the fenced code block holding `code` at `span` is left open, naming the fence meant to close it if
    /// one is misplaced, or when it holds a line that opens a block of its own. Both are read in the text parsed, where
    /// the fences sync reads in are lines too, and its own fence lines give way to them.
    fn check_fences(&mut self, code: &str, span: Span) {
        let prepared = self.prepared;
        let parsed = &prepared.text[self.parsed_block.clone()];
        let text = self.index.text();
        let start = span.start;
        let original = |at: usize| prepared.original(at + self.base);
        let unclosed =
            if fence_closed(code, parsed.split_terminator('\n').count()) { None } else { unclosed_fence(parsed) };
        let Some(Unclosed { fence, deeper }) = unclosed else {
            if let Some((inside, info)) =
                fence_opened_inside(&text[start..span.end], (span.column as usize).saturating_sub(1))
            {
                let opener_line = span.line.saturating_add(u32::try_from(inside).unwrap_or(u32::MAX));
                let fence = opening_fence(&text[start..]).map_or("```", |(_, fence)| fence);
                let message = format!(
                    "line {opener_line} inside this code block opens a `{info}` code block of its own: the code fences \
                     up to there are paired wrongly (one is missing or extra), so text around here is code, not text \
                     (on Learn too): check them up to line {opener_line}"
                );
                self.diagnose(Severity::Warning, start, start + fence.len(), message);
            }
            return;
        };
        if self.misplaced_closer == Some(line_start(text, start)) {
            // The fence that opens it was meant to close the block before: that block's finding says so.
            return;
        }
        let last_line = if span.end_column == 1 { span.end_line - 1 } else { span.end_line };
        let line_of = |at: usize| self.index.span(at, at).line;
        let body = prepared.text.as_ref();
        let opener = self.parsed_block.start;
        let before_fence = &body[line_start(body, opener)..opener];
        let advice = match (deeper, misplaced_closer(body, self.parsed_block.end, fence, before_fence)) {
            (Some(inside), _) => {
                let inside = original(opener + inside);
                format!(
                    "the {} at line {} is indented too far to close it, so it is code; indent it as this fence",
                    inline_code(fence_written(text, inside)),
                    line_of(inside)
                )
            }
            (None, Some(closer)) => {
                let closer = original(closer);
                self.misplaced_closer = Some(closer);
                closer_outside(text, start, fence, closer, line_of(closer))
            }
            (None, None) => format!("close it with a {} line", inline_code(&closing_fence_line(text, start, fence))),
        };
        let message = format!(
            "this code fence is never closed, so everything after it up to line {last_line}, where its file, list item \
             or note ends, is code, not text (on Learn too): {advice}"
        );
        self.diagnose(Severity::Warning, start, start + fence.len(), message);
    }

    fn open_container(&mut self, kind: ContainerKind, start: usize) {
        self.close_implicit();
        if self.too_deep() {
            return;
        }
        self.stack.push(Frame::Container(Container::new(kind, self.open_blocks.len(), start)));
    }

    fn open_inline(&mut self, kind: InlineKind, start: usize) {
        // Emphasis or a link straight inside a tight list item starts the item's implicit paragraph.
        if matches!(self.stack.last(), Some(Frame::Container(_))) {
            self.inline_frame();
        }
        // Inline frames above MAX_DEPTH are never pushed, so this count stays small.
        let depth = self.stack.iter().rev().take_while(|frame| matches!(frame, Frame::Inlines(_))).count();
        if self.suppressed_inlines > 0 || depth >= MAX_DEPTH {
            // Too deep: the content joins the enclosing inline as it arrives. A Markdown tag is counted so that its
            // end event is skipped; HTML tags have no end event to match. No frame is pushed: a frame per level
            // would make every level's content be moved again when it closes, quadratic in the depth.
            if !matches!(kind, InlineKind::Link { html: true, .. } | InlineKind::HtmlAnchor) {
                self.suppressed_inlines += 1;
            }
            return;
        }
        self.stack.push(Frame::Inlines(Inlines { kind, first: self.open_inlines.len(), start }));
    }

    /// Where the inlines being filled start in [`Builder::open_inlines`], opening an implicit paragraph when inlines
    /// arrive directly in a container (tight list items).
    fn inline_frame(&mut self) -> usize {
        if let Some(Frame::Inlines(inlines)) = self.stack.last() {
            return inlines.first;
        }
        // The start of an implicit paragraph is its first inline's; see `close_implicit`.
        let first = self.open_inlines.len();
        self.stack.push(Frame::Inlines(Inlines {
            kind: InlineKind::Paragraph { implicit: true },
            first,
            start: usize::MAX,
        }));
        first
    }

    /// Whether the inlines being filled hold words yet (anchors and tags are none).
    fn has_words(&self) -> bool {
        let Some(Frame::Inlines(inlines)) = self.stack.last() else { return false };
        !text::inlines(&self.open_inlines[inlines.first..]).trim().is_empty()
    }

    fn push_inline(&mut self, inline: Inline) {
        self.inline_frame();
        self.open_inlines.push(inline);
    }

    /// Appends text to the inlines being filled, merging with a text node just before it.
    fn push_text(&mut self, text: &str, span: Span) {
        let first = self.inline_frame();
        push_text(&mut self.open_inlines, first, text, span);
    }

    /// The inlines of the frame that started at `first`, moved out of [`Builder::open_inlines`].
    fn take_inlines(&mut self, first: usize) -> Vec<Inline> {
        self.open_inlines.drain(first..).collect()
    }

    /// The blocks of the container that started at `first`, moved out of [`Builder::open_blocks`].
    fn take_blocks(&mut self, first: usize) -> Vec<Block> {
        self.open_blocks.drain(first..).collect()
    }

    fn text(&mut self, text: &str, range: Range<usize>) {
        match self.stack.last_mut() {
            Some(Frame::Code { code, .. }) => return code.push_str(text),
            Some(Frame::Html { html, .. }) => return html.push_str(text),
            _ => {}
        }
        let first = self.inline_frame();
        match append_text(&mut self.open_inlines, first, text) {
            // Half the text events continue a text node (soft breaks, escapes): only its end moves.
            Some(span) => self.index.extend(span, range.end),
            None => {
                let span = self.span(&range);
                self.open_inlines.push(Inline::Text { text: text.to_owned(), span });
            }
        }
    }

    fn inline_html(&mut self, html: &str, range: Range<usize>) {
        let span = self.span(&range);
        let Some(tag) = parse_tag(html) else {
            self.push_inline(Inline::Html { html: html.to_owned(), span });
            return;
        };
        if tag.opens("a") {
            if let Some(href) = tag.attribute("href") {
                let kind = InlineKind::Link {
                    target: href.into_owned(),
                    title: tag.attribute("title").map(Cow::into_owned).unwrap_or_default(),
                    html: true,
                };
                self.open_inline(kind, range.start);
                return;
            }
            if let Some(name) = tag.attribute("name").or_else(|| tag.attribute("id")) {
                let anchor = Inline::Anchor { name: name.into_owned(), span };
                self.push_inline(anchor);
                if !matches!(tag, html::Tag::Open { self_closing: true, .. }) {
                    self.open_inline(InlineKind::HtmlAnchor, range.start);
                }
                return;
            }
        } else if tag.closes("a") {
            // Inside inlines too deep to keep, a `</a>` closes no `<a>` kept outside them.
            if self.suppressed_inlines == 0
                && matches!(
                    self.stack.last(),
                    Some(Frame::Inlines(Inlines {
                        kind: InlineKind::Link { html: true, .. } | InlineKind::HtmlAnchor,
                        ..
                    }))
                )
            {
                self.close_inline(range.end);
                return;
            }
        } else if tag.opens("br") || tag.closes("br") {
            // Browsers read `</br>` as `<br>`, and so does Learn.
            self.push_inline(Inline::Break { span });
            return;
        } else if tag.opens("p") && self.has_words() {
            // A `<p>` after words (in a table cell, where Markdown has no paragraphs) starts a new line of them.
            self.push_inline(Inline::Break { span });
            return;
        } else if tag.opens("span")
            && tag.attribute("class").is_some_and(|class| class.split_whitespace().any(|name| name == "sxs-lookup"))
        {
            self.hidden = Some(HiddenSpan { start: range.start, spans: 1, tags: 0 });
            return;
        } else if tag.opens("img")
            && let Some(source) = tag.attribute("src")
        {
            let image = Inline::Image {
                source: source.into_owned(),
                alt: tag.attribute("alt").map(Cow::into_owned).unwrap_or_default(),
                title: tag.attribute("title").map(Cow::into_owned).unwrap_or_default(),
                span,
            };
            self.push_inline(image);
            return;
        }
        self.push_inline(Inline::Html { html: html.to_owned(), span });
    }

    fn close_inline(&mut self, end: usize) {
        let Some(Frame::Inlines(Inlines { kind, first, start })) = self.stack.pop() else { return };
        let span = self.span(&(start..end));
        let inlines = self.take_inlines(first);
        match kind {
            InlineKind::Emphasis(style) => self.push_inline(Inline::Emphasis { style, children: inlines, span }),
            InlineKind::Link { target, title, html } => {
                self.push_inline(Inline::Link { target, title, children: inlines, html, span })
            }
            InlineKind::Image { source, title } => {
                let alt = crate::model::text::inlines(&inlines);
                self.push_inline(Inline::Image { source, alt, title, span });
            }
            InlineKind::HtmlAnchor | InlineKind::Paragraph { .. } | InlineKind::Heading(_) | InlineKind::Cell => {
                for inline in inlines {
                    match inline {
                        Inline::Text { text, span } => self.push_text(&text, span),
                        other => self.push_inline(other),
                    }
                }
            }
        }
    }

    /// Closes HTML links and anchors left open (an `<a>` with no `</a>` before its paragraph or emphasis ends).
    fn close_html_inlines(&mut self) {
        while let Some(Frame::Inlines(
            inlines @ Inlines { kind: InlineKind::Link { html: true, .. } | InlineKind::HtmlAnchor, .. },
        )) = self.stack.last()
        {
            let last = self.open_inlines[inlines.first..].last();
            let end = last.map_or(inlines.start, |last| last.span().end.max(inlines.start));
            self.close_inline(end);
        }
    }

    fn close_implicit(&mut self) {
        self.close_html_inlines();
        if let Some(Frame::Inlines(Inlines { kind: InlineKind::Paragraph { implicit: true }, .. })) = self.stack.last()
        {
            let Some(Frame::Inlines(inlines)) = self.stack.pop() else { unreachable!("matched just above") };
            let inlines = self.take_inlines(inlines.first);
            let (Some(first), Some(last)) = (inlines.first(), inlines.last()) else { return };
            let span = self.index.span(first.span().start, last.span().end);
            let inlines = learn_inlines(inlines, self.index, &mut self.includes);
            self.push_block(paragraph_or_include(inlines, span));
        }
    }

    fn finish_paragraph(&mut self, frame: Inlines, end: usize) {
        let span = self.span(&(frame.start..end));
        let inlines = self.take_inlines(frame.first);
        if let InlineKind::Heading(level) = frame.kind {
            let inlines = learn_inlines(inlines, self.index, &mut self.includes);
            self.push_block(Block::Heading { level, inlines, span });
            return;
        }
        if let Some(directive) = self.prepared.directive_at(span.start).cloned() {
            self.directive(directive.kind, directive.start, directive.end);
            return;
        }
        let inlines = learn_inlines(inlines, self.index, &mut self.includes);
        self.push_block(paragraph_or_include(inlines, span));
    }

    fn directive(&mut self, kind: DirectiveKind, start: usize, end: usize) {
        match kind {
            DirectiveKind::MonikerOpen { range, trailing, colons } => {
                if let Some(trailing) = trailing {
                    self.diagnose(
                        Severity::Warning,
                        start,
                        end,
                        format!("unexpected {:?} after the moniker range; docfx ignores it", clipped(&trailing)),
                    );
                }
                if let Err(error) = super::moniker::MonikerRange::parse(&range) {
                    let message = format!("invalid moniker range {:?}: {error}", clipped(&range));
                    self.diagnose(Severity::Error, start, end, message);
                }
                if self.open_zone_range().is_some() {
                    self.diagnose(Severity::Warning, start, end, "moniker zones cannot be nested".to_owned());
                }
                self.open_zone(ContainerKind::Moniker { range, colons }, start);
            }
            DirectiveKind::MonikerEnd { colons } => {
                if self.suppressed_zones > 0 {
                    self.suppressed_zones -= 1;
                } else if let Some(Frame::Container(Container {
                    kind: ContainerKind::Moniker { colons: open, .. },
                    start: opened,
                    ..
                })) = self.stack.last()
                {
                    let (open, opened) = (*open, *opened);
                    if open == colons {
                        self.close_zone(end, true);
                    } else {
                        // docfx closes a zone only with as many colons as opened it; this line is no end of it.
                        let line = self.index.line(opened);
                        let message = format!(
                            "this `moniker-end` has {colons} colons; the zone opened at line {line} with {open} ends \
                             only at `{} moniker-end`; ignored",
                            ":".repeat(open)
                        );
                        self.diagnose(Severity::Warning, start, end, message);
                    }
                } else {
                    self.diagnose(
                        Severity::Warning,
                        start,
                        end,
                        "`::: moniker-end` with no open `::: moniker` zone; ignored".to_owned(),
                    );
                }
            }
            DirectiveKind::Extension { name, attributes, container, invalid } => {
                if let Some(invalid) = invalid {
                    // docfx fails this one block (`invalid-image`), not the page: the rest of the article is usable.
                    self.diagnose(
                        Severity::Warning,
                        start,
                        end,
                        format!(
                            "invalid attribute text {:?} in `:::{}`: values must be in double quotes; the attributes \
                             before it are kept",
                            clipped(&invalid),
                            clipped(&name)
                        ),
                    );
                }
                if container {
                    self.open_zone(ContainerKind::Extension { name, attributes }, start);
                } else {
                    let span = self.index.span(start, end);
                    self.push_block(Block::Extension { name, attributes, blocks: Vec::new(), span });
                }
            }
            DirectiveKind::ExtensionEnd { name } => {
                if self.suppressed_zones > 0 {
                    self.suppressed_zones -= 1;
                } else if matches!(self.top_container(), Some(ContainerKind::Extension { name: open, .. }) if *open == name)
                {
                    self.close_zone(end, true);
                } else {
                    self.diagnose(
                        Severity::Warning,
                        start,
                        end,
                        format!("`{0}-end` with no open `:::{0}`; ignored", clipped(&name)),
                    );
                }
            }
        }
    }

    fn top_container(&self) -> Option<&ContainerKind> {
        match self.stack.last() {
            Some(Frame::Container(container)) => Some(&container.kind),
            _ => None,
        }
    }

    fn open_zone_range(&self) -> Option<&str> {
        self.stack.iter().rev().find_map(|frame| match frame {
            Frame::Container(Container { kind: ContainerKind::Moniker { range, .. }, .. }) => Some(range.as_str()),
            _ => None,
        })
    }

    fn open_zone(&mut self, kind: ContainerKind, original_start: usize) {
        if self.suppressed_zones > 0 || self.at_depth_limit() {
            self.suppressed_zones += 1;
            return;
        }
        // Zones live in original offsets: their start is the directive's.
        self.stack.push(Frame::Container(Container::new(kind, self.open_blocks.len(), original_start)));
    }

    /// Closes the innermost zone; `end` is an original offset.
    fn close_zone(&mut self, end: usize, closed: bool) {
        let Some(Frame::Container(container)) = self.stack.pop() else { return };
        let span = self.index.span(container.start, end.max(container.start));
        let blocks = self.take_blocks(container.first);
        let (block, opening, fence) = match container.kind {
            ContainerKind::Moniker { range, colons } => {
                let colons = ":".repeat(colons);
                let opening = format!("{colons} moniker range=\"{}\"", clipped(&range));
                (Block::Moniker { range, blocks, closed, span }, opening, format!("{colons} moniker-end"))
            }
            ContainerKind::Extension { name, attributes } => {
                let (opening, fence) = (format!(":::{}", clipped(&name)), format!("::: {}-end", clipped(&name)));
                (Block::Extension { name, attributes, blocks, span }, opening, fence)
            }
            _ => unreachable!("close_zone only closes zones"),
        };
        if !closed {
            self.diagnose(
                Severity::Warning,
                span.start,
                span.start,
                format!("`{opening}` is never closed by `{fence}`; it runs to the end of its container"),
            );
        }
        self.push_block(block);
    }

    /// Closes zones left open inside the container that is about to end.
    fn close_zones_until_container(&mut self, end: usize) {
        while matches!(self.top_container(), Some(ContainerKind::Moniker { .. } | ContainerKind::Extension { .. })) {
            let last_end = match self.stack.last() {
                Some(Frame::Container(container)) => {
                    self.open_blocks[container.first..].last().map_or(end, |block| block.span().end)
                }
                _ => end,
            };
            self.close_zone(last_end, false);
        }
    }

    fn finish_container(&mut self, container: Container, end: usize) {
        let span = self.span(&(container.start..end));
        let blocks = self.take_blocks(container.first);
        match container.kind {
            ContainerKind::Item => {
                if let Some(Frame::List { items, .. }) = self.stack.last_mut() {
                    items.push(ListItem { task: container.task, blocks, span });
                } else {
                    // A list flattened away by the depth limit: keep the item's content.
                    for block in blocks {
                        self.push_block(block);
                    }
                }
            }
            ContainerKind::Quote(kind) => {
                let block = self.quote(kind, blocks, span);
                self.push_block(block);
            }
            ContainerKind::Document | ContainerKind::Moniker { .. } | ContainerKind::Extension { .. } => {
                unreachable!("documents and zones are not closed by pulldown events")
            }
        }
    }

    /// A blockquote: a GitHub-style alert, a `[!div]` section, a `[!VIDEO]` embed, or a plain quote.
    fn quote(&mut self, kind: Option<BlockQuoteKind>, mut blocks: Vec<Block>, span: Span) -> Block {
        if let Some(kind) = kind {
            let alert = match kind {
                BlockQuoteKind::Note => AlertKind::Note,
                BlockQuoteKind::Tip => AlertKind::Tip,
                BlockQuoteKind::Important => AlertKind::Important,
                BlockQuoteKind::Warning => AlertKind::Warning,
                BlockQuoteKind::Caution => AlertKind::Caution,
            };
            return Block::Alert { alert, blocks, span };
        }
        let Some(Block::Paragraph { inlines, span: first_span }) = blocks.first() else {
            return Block::Quote { blocks, span };
        };
        let Some(Inline::Text { text, .. }) = inlines.first() else { return Block::Quote { blocks, span } };
        let Some((marker, rest)) = text.strip_prefix("[!").and_then(|after| after.split_once(']')) else {
            return Block::Quote { blocks, span };
        };
        let (word, attributes) = marker.split_once(char::is_whitespace).unwrap_or((marker, ""));
        let (word, attributes) = (word.to_ascii_lowercase(), attributes.trim().trim_matches('`').to_owned());
        let first_span = *first_span;
        let rest = rest.trim_start().to_owned();
        match word.as_str() {
            "div" | "video" => {
                let remaining = remaining_after_marker(&blocks[0], rest);
                blocks.splice(0..1, remaining);
                if word == "div" {
                    Block::Div { attributes, blocks, span }
                } else {
                    let attributes = vec![Attribute { name: "source".into(), value: attributes }];
                    Block::Extension { name: "video".into(), attributes, blocks, span }
                }
            }
            "note" | "tip" | "important" | "caution" | "warning" => {
                self.diagnose(
                    Severity::Warning,
                    first_span.start,
                    first_span.end,
                    format!(
                        "text after `[!{}]` on the same line: Learn shows this as a plain quote, not an alert",
                        word.to_ascii_uppercase()
                    ),
                );
                Block::Quote { blocks, span }
            }
            _ => Block::Quote { blocks, span },
        }
    }

    fn push_block(&mut self, block: Block) {
        self.close_implicit();
        for frame in self.stack.iter_mut().rev() {
            match frame {
                // The innermost container's blocks are the tail of `open_blocks`.
                Frame::Container(_) => return append(&mut self.open_blocks, block),
                Frame::List { items, .. } => {
                    // A block directly in a list (a flattened item): attach it to the last item.
                    if let Some(item) = items.last_mut() {
                        return append(&mut item.blocks, block);
                    }
                }
                _ => {}
            }
        }
    }

    fn finish(mut self) -> Built {
        self.close_implicit();
        let end = self.index.len();
        while self.stack.len() > 1 {
            match self.top_container() {
                Some(ContainerKind::Moniker { .. } | ContainerKind::Extension { .. }) => self.close_zone(end, false),
                _ => {
                    // pulldown-cmark closes everything it opens; anything else left here is a builder bug, so keep
                    // the content rather than lose it.
                    if let Some(Frame::Container(container)) = self.stack.pop() {
                        for block in self.take_blocks(container.first) {
                            self.push_block(block);
                        }
                    }
                }
            }
        }
        let blocks = match self.stack.pop() {
            Some(Frame::Container(document)) => self.take_blocks(document.first),
            _ => Vec::new(),
        };
        Built { blocks, diagnostics: self.diagnostics, inline_includes: self.includes }
    }
}

/// Appends `block` to `blocks`, joining an HTML block to the HTML block just before it when that one opened a
/// `<table>` or a list it did not close: a blank line in a table cell or a list item ends CommonMark's HTML block, yet
/// browsers (and Learn) still show the one table or list.
fn append(blocks: &mut Vec<Block>, block: Block) {
    if let Block::Html { html, span } = &block
        && let Some(Block::Html { html: open, span: open_span }) = blocks.last_mut()
        && leaves_open(open)
    {
        open.push('\n');
        open.push_str(html);
        (open_span.end, open_span.end_line, open_span.end_column) = (span.end, span.end_line, span.end_column);
        return;
    }
    blocks.push(block);
}

/// A fenced code block no line closes.
struct Unclosed<'a> {
    /// Its opening fence.
    fence: &'a str,
    /// Where the first line starts, in the block's text, that would close it, but for being indented four columns or
    /// more into its list item or note: code, then.
    deeper: Option<usize>,
}

/// Where the line starts, in `text`, of a fence meant to close the fenced code block holding `code` at `span`, left
/// open because it is misplaced: indented four columns or more into its list item or note, inside the block (it is
/// code), or less than the opening fence, right after it (outside the list item or note the block ends with).
pub fn misplaced_closing_fence(text: &str, code: &str, span: Span) -> Option<usize> {
    if fence_closed(code, lines_spanned(span)) {
        return None;
    }
    let Unclosed { fence, deeper } = unclosed_fence(text.get(span.start..span.end)?)?;
    let before_fence = &text[line_start(text, span.start)..span.start];
    deeper.map(|inside| span.start + inside).or_else(|| misplaced_closer(text, span.end, fence, before_fence))
}

/// Whether a fence closes the fenced code block holding `code` that spans `lines` lines, as pulldown-cmark read it: they
/// are then the opening fence, the code's and the closing fence. Where a closing fence is indented four columns or more,
/// which is code, depends on the list item or note's margin, which pulldown-cmark knows.
fn fence_closed(code: &str, lines: usize) -> bool {
    lines > code.lines().count() + 1
}

/// How many lines the block at `span` spans.
fn lines_spanned(span: Span) -> usize {
    (span.end_line - span.line + u32::from(span.end_column > 1)) as usize
}

/// What to do with the fence at byte `closer` of `text`, line `line`, that stands outside the list item or note of
/// the code block it was meant to close, whose fence `fence` starts at byte `start`.
fn closer_outside(text: &str, start: usize, fence: &str, closer: usize, line: u32) -> String {
    let written = inline_code(fence_written(text, closer));
    let fix = inline_code(&closing_fence_line(text, start, fence));
    if quote_markers(&text[closer..]) < quote_markers(&text[line_start(text, start)..]) {
        return format!(
            "the {written} at line {line} lacks the `>` of its note, so it is outside the note, where it opens a code \
             block of its own; write it as {fix} under this fence"
        );
    }
    let marker = fence.chars().next().unwrap_or('`');
    let (could_close, fix) = if closes(&text[closer..super::lines::line_end(text, closer)], marker, fence) {
        ("", "indent it as this fence".to_owned())
    } else {
        (", and could not close this one anyway", format!("write {fix} there, indented as this fence"))
    };
    format!(
        "the {written} at line {line}, indented less than this fence, is outside its list item or note, where it \
         opens a code block of its own{could_close}; {fix}"
    )
}

/// The fence written on the line that starts at byte `at` of `text`, past its indentation and quote markers.
fn fence_written(text: &str, at: usize) -> &str {
    let line = &text[at..super::lines::line_end(text, at)];
    line.trim_start_matches([' ', '\t', '>']).trim_end()
}

/// How many quote markers (`>`) the line that starts `line` is behind.
fn quote_markers(line: &str) -> usize {
    line.chars().take_while(|c| matches!(c, ' ' | '\t' | '>')).filter(|c| *c == '>').count()
}

/// Where the line holding byte `at` of `text` starts.
fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |newline| newline + 1)
}

/// How `block`, the text of a fenced code block no fence closes, is left open: its opening fence, and the first line
/// in it that would close it but for being indented four columns or more into its list item or note, if any.
fn unclosed_fence(block: &str) -> Option<Unclosed<'_>> {
    let (marker, fence) = opening_fence(block)?;
    let mut line_start = 0;
    for (index, line) in block.trim_end_matches(['\n', '\r']).split('\n').enumerate() {
        if index > 0 && closes(line.trim_end_matches('\r'), marker, fence) {
            return Some(Unclosed { fence, deeper: Some(line_start) });
        }
        line_start += line.len() + 1;
    }
    Some(Unclosed { fence, deeper: None })
}

/// Whether `line` holds a fence and nothing else, whatever its indentation: one that may be meant to close a block.
fn bare_fence(line: &str) -> bool {
    let line = line.trim_start_matches([' ', '\t', '>']).trim_end();
    line.len() >= 3 && (line.bytes().all(|byte| byte == b'`') || line.bytes().all(|byte| byte == b'~'))
}

/// Whether `line` is a closing fence for `fence`, whatever its indentation.
fn closes(line: &str, marker: char, fence: &str) -> bool {
    let line = line.trim_start_matches([' ', '\t', '>']).trim_end();
    line.len() >= fence.len() && line.chars().all(|c| c == marker)
}

/// The column a line's content starts at, past its indentation and quote markers (a tab to the next multiple of four).
fn fence_column(line: &str) -> usize {
    line.chars()
        .take_while(|c| matches!(c, ' ' | '\t' | '>'))
        .fold(0, |columns, c| if c == '\t' { columns + 4 - columns % 4 } else { columns + 1 })
}

/// Where the first line starts that is not blank at or after byte `end` of `text` (the end of a code block left open,
/// whose opening `fence` comes after `before_fence` on its line), when that line is a bare fence, meant to close the
/// block, indented less or lacking a `>` of the opener's: outside the list item or note the block ends with. A fence
/// that cannot close the block is taken to be meant to close it only when it opens no block of its own.
fn misplaced_closer(text: &str, end: usize, fence: &str, before_fence: &str) -> Option<usize> {
    let marker = fence.chars().next()?;
    let (indent, quotes) = (before_fence.chars().count(), quote_markers(before_fence));
    let from = if end == 0 || text[..end].ends_with('\n') { end } else { end + text[end..].find('\n')? + 1 };
    let mut line_start = from;
    for line in text[from..].split('\n') {
        let content = line.trim_end_matches('\r');
        if !content.trim_start_matches([' ', '\t', '>']).is_empty() {
            let meant = bare_fence(content)
                && (fence_column(content) < indent || quote_markers(content) < quotes)
                && (closes(content, marker, fence) || !opens_a_block_of_its_own(&text[line_start..]));
            return meant.then_some(line_start);
        }
        line_start += line.len() + 1;
    }
    None
}

/// Whether the bare fence `rest` starts with opens a code block of its own: a later line closes it, and no line
/// between opens a fence with a language, as one does when the fence was meant to close a block before it.
fn opens_a_block_of_its_own(rest: &str) -> bool {
    let mut lines = rest.split('\n').map(|line| line.trim_end_matches('\r'));
    let Some((marker, fence)) =
        lines.next().and_then(|first| opening_fence(first.trim_start_matches([' ', '\t', '>'])))
    else {
        return false;
    };
    for line in lines {
        if closes(line, marker, fence) {
            return true;
        }
        let content = line.trim_start_matches([' ', '\t', '>']);
        if (content.starts_with("```") || content.starts_with("~~~")) && !bare_fence(line) {
            return false;
        }
    }
    false
}

/// The line that closes the code block whose fence `fence` starts at byte `start` of `text`: the fence, behind the
/// opener's quote markers when it is in a note or quote (its list markers as spaces), where a fence without them ends
/// the quote instead. The indentation before them is left out: the line is indented as the opener.
fn closing_fence_line(text: &str, start: usize, fence: &str) -> String {
    let prefix = text[text[..start].rfind('\n').map_or(0, |at| at + 1)..start].trim_start();
    if !prefix.contains('>') {
        return fence.to_owned();
    }
    prefix
        .chars()
        .map(|character| if matches!(character, '>' | '\t') { character } else { ' ' })
        .chain(fence.chars())
        .collect()
}

/// The marker and fence a fenced code block's text starts with.
fn opening_fence(block: &str) -> Option<(char, &str)> {
    let marker = block.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    Some((marker, &block[..block.find(|c| c != marker).unwrap_or(block.len())]))
}

/// The first line inside the fenced code `block`, whose opening fence is `indent` columns in, that opens a fence of
/// its own (the same marker, as long, and an info string), as its 0-based index from the opener and its info string:
/// what a fence that should have closed before it took in. A closing fence takes no info string, so such a line never
/// closes the block; a block that shows fenced code puts a longer fence, or the other marker, around it. A line four
/// columns deeper than the opener is code whatever it holds.
pub fn fence_opened_inside(block: &str, indent: usize) -> Option<(usize, &str)> {
    let (marker, fence) = opening_fence(block)?;
    block.split('\n').enumerate().skip(1).find_map(|(index, line)| {
        let columns = line
            .chars()
            .take_while(|c| matches!(c, ' ' | '\t'))
            .fold(0, |columns, c| if c == '\t' { columns + 4 - columns % 4 } else { columns + 1 });
        if columns >= indent + 4 {
            return None;
        }
        let line = line.trim_start_matches([' ', '\t', '>']).trim_end();
        let length = line.find(|c| c != marker).unwrap_or(line.len());
        let info = line[length..].trim();
        let opens = length >= fence.len() && !info.is_empty() && !(marker == '`' && info.contains('`'));
        opens.then_some((index, info))
    })
}

/// Whether `html` holds more `<table`, `<ol` or `<ul` tags than closing ones, outside comments.
fn leaves_open(html: &str) -> bool {
    let lower = html.to_ascii_lowercase();
    let mut rest = lower.as_str();
    let mut open = [0_isize; 3];
    while !rest.is_empty() {
        let (markup, after) = match rest.split_once("<!--") {
            Some((markup, comment)) => (markup, comment.split_once("-->").map_or("", |(_, after)| after)),
            None => (rest, ""),
        };
        for (open, (start, end)) in open.iter_mut().zip([("<table", "</table"), ("<ol", "</ol"), ("<ul", "</ul")]) {
            *open += markup.matches(start).count() as isize - markup.matches(end).count() as isize;
        }
        rest = after;
    }
    open.iter().any(|&open| open > 0)
}

/// What is left of the first paragraph of a `[!div …]` quote once the marker is taken off.
fn remaining_after_marker(first: &Block, rest: String) -> Vec<Block> {
    let Block::Paragraph { inlines, span } = first else { return Vec::new() };
    let mut inlines = inlines.clone();
    if let Some(Inline::Text { text, .. }) = inlines.first_mut() {
        *text = rest;
    }
    let empty = inlines.iter().all(|inline| matches!(inline, Inline::Text { text, .. } if text.trim().is_empty()));
    if empty { Vec::new() } else { vec![Block::Paragraph { inlines, span: *span }] }
}

/// The longest text a message quotes from the file, in characters: a line can be megabytes long.
const MAX_QUOTED_CHARS: usize = 80;

/// `text` cut to [`MAX_QUOTED_CHARS`], with `…` when cut, for quoting it in a message.
fn clipped(text: &str) -> Cow<'_, str> {
    match text.char_indices().nth(MAX_QUOTED_CHARS) {
        Some((cut, _)) => Cow::Owned(format!("{}…", &text[..cut])),
        None => Cow::Borrowed(text),
    }
}

/// Appends text to the inlines of `inlines` from `first` on, merging with a text node just before it.
fn push_text(inlines: &mut Vec<Inline>, first: usize, text: &str, span: Span) {
    match append_text(inlines, first, text) {
        Some(last) => last.extend_to(span),
        None => inlines.push(Inline::Text { text: text.to_owned(), span }),
    }
}

/// Appends text to the last inline of `inlines` (from `first` on) when it is a text node, and gives its span to
/// extend; `None` when there is no such node.
fn append_text<'a>(inlines: &'a mut [Inline], first: usize, text: &str) -> Option<&'a mut Span> {
    match inlines.get_mut(first..)?.last_mut()? {
        Inline::Text { text: last, span } => {
            last.push_str(text);
            Some(span)
        }
        _ => None,
    }
}

/// A paragraph that is only an `[!INCLUDE]` is an include block.
fn paragraph_or_include(inlines: Vec<Inline>, span: Span) -> Block {
    let mut meaningful =
        inlines.iter().filter(|inline| !matches!(inline, Inline::Text { text, .. } if text.trim().is_empty()));
    if let (Some(Inline::Include { title, path, .. }), None) = (meaningful.next(), meaningful.next()) {
        return Block::Include { title: title.clone(), path: path.clone(), file: None, resolved: None, span };
    }
    Block::Paragraph { inlines, span }
}

/// Learn's inline extensions over plain CommonMark inlines: `[!INCLUDE [title](path)]`, `:::no-loc text="…":::`,
/// `:::image …:::` inside a sentence, and the names `<xref:…>` links show.
fn learn_inlines(inlines: Vec<Inline>, index: &LineIndex<'_>, includes: &mut bool) -> Vec<Inline> {
    if !has_learn_syntax(&inlines) {
        return inlines;
    }
    let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
    let mut iter = inlines.into_iter().peekable();
    while let Some(inline) = iter.next() {
        match inline {
            Inline::Link { target, children, span, html: false, title } => {
                let marker_at = match out.last() {
                    Some(Inline::Text { text, .. }) => include_marker_at(text),
                    _ => None,
                };
                let closes = matches!(iter.peek(), Some(Inline::Text { text, .. }) if text.starts_with(']'));
                if let (Some(cut), true) = (marker_at, closes) {
                    // The include's span runs from its `[!INCLUDE` to its closing `]`, both taken from the texts
                    // around the link.
                    let (mut start, mut end) = (span.start, span.end);
                    if let Some(Inline::Text { text, span: before }) = out.last_mut() {
                        start = before.end.saturating_sub(text.len() - cut).max(before.start);
                        text.truncate(cut);
                        *before = index.span(before.start, start);
                        if text.is_empty() {
                            out.pop();
                        }
                    }
                    if let Some(Inline::Text { text, span: after }) = iter.peek_mut() {
                        text.remove(0);
                        end = (after.start + 1).min(after.end);
                        *after = index.span(end, after.end);
                    }
                    if matches!(iter.peek(), Some(Inline::Text { text, .. }) if text.is_empty()) {
                        iter.next();
                    }
                    let title = crate::model::text::inlines(&children);
                    *includes = true;
                    out.push(Inline::Include { title, path: target, resolved: None, span: index.span(start, end) });
                } else {
                    let children = match (xref::display(&target), &children[..]) {
                        // An autolink `<xref:…>`, whose text is its target: Learn shows the name the uid names.
                        (Some(shown), [Inline::Text { text, span }]) if *text == target => {
                            vec![Inline::Text { text: shown, span: *span }]
                        }
                        _ => learn_inlines(children, index, includes),
                    };
                    out.push(Inline::Link { target, children, span, html: false, title });
                }
            }
            Inline::Text { text, span } if next_inline_extension(&text).is_some() => {
                split_inline_extensions(&text, span, index, &mut out)
            }
            Inline::Emphasis { style, children, span } => {
                out.push(Inline::Emphasis { style, children: learn_inlines(children, index, includes), span })
            }
            Inline::Link { target, children, span, html: true, title } => out.push(Inline::Link {
                target,
                children: learn_inlines(children, index, includes),
                span,
                html: true,
                title,
            }),
            other => out.push(other),
        }
    }
    out
}

/// Whether any text could hold an inline extension (most paragraphs have none, and are kept as they are).
fn has_learn_syntax(inlines: &[Inline]) -> bool {
    inlines.iter().any(|inline| match inline {
        // One pass over the text, not one per marker: every paragraph is asked.
        Inline::Text { text, .. } => memchr::memchr2_iter(b'[', b':', text.as_bytes()).any(|at| {
            let rest = &text.as_bytes()[at..];
            rest.starts_with(b"[!") || rest.starts_with(b":::no-loc") || rest.starts_with(b":::image")
        }),
        Inline::Link { target, .. } if target.starts_with("xref:") => true,
        Inline::Emphasis { children, .. } | Inline::Link { children, .. } => has_learn_syntax(children),
        _ => false,
    })
}

/// Where the `[!INCLUDE` that `text` ends with starts (any case; with spaces after it, as in `[!INCLUDE [x](y)]`, or
/// none, as in `[!INCLUDE[x](y)]`).
fn include_marker_at(text: &str) -> Option<usize> {
    const MARKER: &str = "[!include";
    let trimmed = text.trim_end();
    let at = trimmed.len().checked_sub(MARKER.len())?;
    (trimmed.is_char_boundary(at) && trimmed[at..].eq_ignore_ascii_case(MARKER)).then_some(at)
}

/// An inline triple-colon extension: `:::no-loc text="…":::`, or `:::image source="…":::` inside a sentence (an
/// icon: "select :::image type="icon" source="gear.png"::: **Settings**").
enum InlineExtension {
    NoLoc(String),
    Image { source: String, alt: String },
}

/// Where the next inline extension of `text` starts.
fn next_inline_extension(text: &str) -> Option<usize> {
    memchr::memmem::find_iter(text.as_bytes(), b":::").find(|&at| {
        let name = &text.as_bytes()[at + 3..];
        name.starts_with(b"no-loc") || name.starts_with(b"image")
    })
}

/// The inline extension `text` starts with, and the text after it.
fn read_inline_extension(text: &str) -> Option<(InlineExtension, &str)> {
    if let Some(after) = text.strip_prefix(":::no-loc") {
        let (value, after_value) = read_quoted(after.trim_start().strip_prefix("text=\"")?)?;
        return Some((InlineExtension::NoLoc(value), after_value.trim_start().strip_prefix(":::")?));
    }
    let after = text.strip_prefix(":::image").filter(|after| after.starts_with(char::is_whitespace))?;
    let end = after.find(":::")?;
    let (attributes, None) = super::directives::attributes(&after[..end]) else { return None };
    let source = attribute(&attributes, "source")?.to_owned();
    let alt = attribute(&attributes, "alt-text").unwrap_or_default().to_owned();
    Some((InlineExtension::Image { source, alt }, &after[end + ":::".len()..]))
}

/// Splits the inline extensions out of a text node, each piece with its own span: the source of an extension is
/// found in the node's source in the same order (the text can differ from the source, by escapes or line breaks,
/// elsewhere); one whose source cannot be found keeps the span of what is left of the node.
fn split_inline_extensions(text: &str, span: Span, index: &LineIndex<'_>, out: &mut Vec<Inline>) {
    let mut rest = text;
    let mut source_at = span.start;
    while let Some(at) = next_inline_extension(rest) {
        let Some((extension, tail)) = read_inline_extension(&rest[at..]) else { break };
        let (start, end) = find_extension_source(index.text(), source_at, span.end).unwrap_or((source_at, span.end));
        if at > 0 {
            push_text(out, 0, &rest[..at], index.span(source_at, start));
        }
        let span = index.span(start, end);
        out.push(match extension {
            InlineExtension::NoLoc(text) => Inline::NoLoc { text, span },
            InlineExtension::Image { source, alt } => Inline::Image { source, alt, title: String::new(), span },
        });
        source_at = end;
        rest = tail;
    }
    if !rest.is_empty() {
        push_text(out, 0, rest, index.span(source_at, span.end));
    }
}

/// Where the first inline extension of `source[from..to]` starts and ends.
fn find_extension_source(source: &str, from: usize, to: usize) -> Option<(usize, usize)> {
    let within = source.get(from..to)?;
    let start = from + next_inline_extension(within)?;
    let (_, tail) = read_inline_extension(&source[start..to])?;
    Some((start, to - tail.len()))
}

/// `event` with the pipes [`mask_pipes_in_code`] masked put back.
fn unmask(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Text(text) => Event::Text(unmasked(text)),
        Event::Code(code) => Event::Code(unmasked(code)),
        Event::Html(html) => Event::Html(unmasked(html)),
        Event::InlineHtml(html) => Event::InlineHtml(unmasked(html)),
        other => other,
    }
}

fn unmasked(text: CowStr<'_>) -> CowStr<'_> {
    if text.contains(MASKED_PIPE) { text.replace(MASKED_PIPE, "|").into() } else { text }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::directives::{FenceEnd, MissingEnds};

    /// Whether a fence closes each fenced code block of `text`, as the builder reads it.
    fn fences_closed(text: &str) -> Vec<bool> {
        let prepared = super::super::directives::prepare(text, 0, &Default::default());
        let blocks = build(&prepared, 0, &LineIndex::new(text), "a.md").blocks;
        let mut closed = Vec::new();
        let mut blocks: Vec<&Block> = blocks.iter().collect();
        while let Some(block) = blocks.pop() {
            match block {
                Block::Code { code, span, .. } => closed.insert(0, fence_closed(code, lines_spanned(*span))),
                Block::List { items, .. } => blocks.extend(items.iter().flat_map(|item| &item.blocks)),
                _ => {}
            }
        }
        closed
    }

    #[test]
    fn a_fence_is_closed_by_a_line_of_as_many_of_its_character_or_more_within_three_columns_of_its_margin() {
        assert_eq!(fences_closed("```\ncode\n```\n\nText.\n"), [true]);
        assert_eq!(fences_closed("~~~~\r\ncode\r\n~~~~~\r\n"), [true]);
        assert_eq!(fences_closed("```\n```"), [true], "an empty block");
        assert_eq!(fences_closed("```\ncode\n``\n"), [false], "two backticks close no fence of three");
        assert_eq!(fences_closed("```"), [false]);
        assert_eq!(fences_closed("  ```\n  code\n   ```\n"), [true]);
        // Four columns into the margin, a fence line is code, though less than four past an indented opening fence.
        assert_eq!(fences_closed("  ```\n  code\n    ```\n\nText.\n"), [false]);
        assert_eq!(fences_closed("1. Run:\n\n    ```\n    code\n       ```\n\n2. Check.\n"), [false]);
        assert_eq!(
            fences_closed("1. Run:\n\n    ```\n    code\n\t  ```\n\n2. Check.\n"),
            [true],
            "a tab is three columns here"
        );
    }

    #[test]
    fn a_line_read_into_a_closed_block_leaves_it_closed() {
        // Sync reads a fence into a file where the other file has one: here, one that opens no block, inside another.
        let text = "```\nA\nB\n```\n";
        let read_in = FenceEnd { at: text.find('B').unwrap(), line: "```text".to_owned(), replaces: false };
        let missing = MissingEnds { fences: vec![read_in], ..MissingEnds::default() };
        let prepared = super::super::directives::prepare(text, 0, &missing);
        let built = build(&prepared, 0, &LineIndex::new(text), "a.md");
        assert_eq!(built.diagnostics, []);
    }

    #[test]
    fn a_fence_line_sync_reads_as_blank_is_no_fence_of_the_block_it_leaves_open() {
        let text = "1. Run:\n\n   ````\n   Get-A\n````\n\n2. Two.\n";
        let deleted = FenceEnd { at: text.find("````\n\n").unwrap(), line: String::new(), replaces: true };
        let missing = MissingEnds { fences: vec![deleted], ..MissingEnds::default() };
        let prepared = super::super::directives::prepare(text, 0, &missing);
        let built = build(&prepared, 0, &LineIndex::new(text), "a.md");
        let messages: Vec<&str> = built.diagnostics.iter().map(|diagnostic| diagnostic.message.as_str()).collect();
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert!(messages[0].ends_with("close it with a ` ```` ` line"), "{}", messages[0]);
    }

    #[test]
    fn a_block_left_open_names_the_line_that_would_close_it_but_for_its_indentation() {
        let unclosed = |block| unclosed_fence(block).map(|unclosed| (unclosed.fence, unclosed.deeper));
        assert_eq!(unclosed("```powershell\nGet-Thing\n\n## Step 2\n"), Some(("```", None)));
        assert_eq!(unclosed("```\ncode\n``\n"), Some(("```", None)), "two backticks close no fence of three");
        assert_eq!(unclosed("```\n~~~\n"), Some(("```", None)));
        assert_eq!(unclosed("```\ncode\n    ````\nmore\n"), Some(("```", Some(9))));
        assert_eq!(unclosed("~~~\r\ncode\r\n> \t~~~\r\n"), Some(("~~~", Some(11))));
    }

    #[test]
    fn a_fence_that_would_close_a_block_but_is_indented_less_stands_outside_it() {
        // The list item's block ends where the line of the fence meant to close it starts.
        let text = "- Item:\n\n  ```\n  code\n```\n";
        let end = text.rfind("```").unwrap();
        assert_eq!(misplaced_closer(text, end, "```", "  "), Some(end));
        assert_eq!(misplaced_closer(text, end, "```", ""), None, "not indented less");
        assert_eq!(
            misplaced_closer(text, end, "~~~", "  "),
            Some(end),
            "of another kind, it opens no block of its own"
        );
        let text = "- Item:\n\n  ~~~\n  code\n```\nText.\n```\n";
        let end = text.find("```").unwrap();
        assert_eq!(misplaced_closer(text, end, "~~~", "  "), None, "of another kind, it opens a block of its own");
        let text = "- Item:\n\n  ~~~\n  code\n```\nText.\n```powershell\nGet-A\n```\n";
        assert_eq!(misplaced_closer(text, end, "~~~", "  "), Some(end), "a fence with a language comes before its own");
        let text = "- Item:\n\n  ```\n  code\n\nText.\n";
        assert_eq!(misplaced_closer(text, text.find("\nText").unwrap(), "```", "  "), None, "no fence");
        // A note's closing fence that lost its `>` but kept its column is outside the note all the same.
        let text = "> Note:\n>\n> ```\n> code\n  ```\n";
        let end = text.rfind("  ```").unwrap();
        assert_eq!(misplaced_closer(text, end, "```", "> "), Some(end));
        assert_eq!(misplaced_closer(text, end, "```", "  "), None, "in no note, and not indented less");
    }

    #[test]
    fn a_table_or_list_is_left_open_by_its_tags_outside_comments() {
        assert!(leaves_open("<table>\n<tr><td>\n"));
        assert!(!leaves_open("<table><tr><td>x</td></tr></table>"));
        assert!(!leaves_open("<!-- <table> old layout -->\n<p>Text</p>"));
        assert!(leaves_open("<!-- </table> --><TABLE><tr><td>"));
        assert!(!leaves_open("<table></table><!-- unclosed comment <table>"));
        assert!(leaves_open("<ol>\n<li>One\n"));
        assert!(!leaves_open("<ul><li><ol><li>One</li></ol></li></ul>"));
    }
}
