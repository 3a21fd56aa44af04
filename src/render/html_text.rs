//! Raw HTML from an article as what a reader would see of it ([`html_block`]): a table, a list, or a paragraph of its
//! text, links and images, built of the model's blocks; tags dropped, `<script>` and `<style>` content dropped,
//! entities decoded. What comes out is text for the templates to escape: it can never run.

use std::borrow::Cow;

use crate::model::{Block, Inline, ListItem, Numbering, Span};
use crate::parse::MAX_DEPTH;
use crate::parse::html::{Tag, decode_entities, parse_tag, tag_end};
use crate::parse::lines::LineIndex;

/// The visible text of an HTML fragment, with block-level tags and `<br>` as line breaks, a table's cells as
/// `A | B`, and runs of blank space folded.
fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    // Inside a table cell, block tags are spaces: the cell stays on its row's line.
    let mut in_cell = false;
    while let Some(open) = rest.find('<') {
        // Line breaks in HTML source are blank space; only tags break lines.
        out.push_str(&decode_entities(&rest[..open]).replace(['\r', '\n'], " "));
        let after = &rest[open..];
        if let Some(comment) = after.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let starts_tag = after[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!');
        let Some(close) = tag_end(after).filter(|_| starts_tag) else {
            // A `<` that opens no tag is text.
            out.push('<');
            rest = &after[1..];
            continue;
        };
        // `<TenantName>` in "https://<TenantName>-admin.sharepoint.com" is for the reader to fill in: it stays. XML
        // (`<Entity id="…">`, `</Pattern>`) is markup a browser hides, as it is here.
        let shown = placeholder(&after[..=close]);
        if !shown.is_empty() && !shown.contains(['=', '/']) {
            out.push_str(&shown);
            rest = &after[close + 1..];
            continue;
        }
        let tag = &after[1..close];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        rest = &after[close + 1..];
        if !tag.starts_with('/') && matches!(name.as_str(), "script" | "style") {
            let end = format!("</{name}");
            rest = find_ignore_case(rest, &end).map_or("", |at| {
                let tail = &rest[at..];
                tail.find('>').map_or("", |gt| &tail[gt + 1..])
            });
            continue;
        }
        let block = matches!(name.as_str(), "br" | "p" | "div" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
        if matches!(name.as_str(), "tr" | "table") || (block && !in_cell) {
            in_cell = false;
            out.push('\n');
        } else if matches!(name.as_str(), "td" | "th") {
            in_cell = !tag.starts_with('/');
            // Cells of a row read "A | B", as the checklists print Markdown tables.
            let line = out.rsplit('\n').next().unwrap_or_default();
            out.push_str(if !in_cell || line.trim().is_empty() { " " } else { " | " });
        } else if block {
            out.push(' ');
        }
    }
    out.push_str(&decode_entities(rest).replace(['\r', '\n'], " "));
    fold_space(&out)
}

/// A block of raw HTML as the checklist prints it, built of the model's blocks so that every format escapes it: one
/// table as a table ([`html_table`]), one `<ol>` or `<ul>` list as a list, anything else as a paragraph of its text
/// whose `<br>`s and block tags are line breaks and whose `<a href>` links are links. `None` when it shows no text (a
/// comment, an empty `<div>`).
pub fn html_block(html: &str, span: Span) -> Option<Block> {
    html_table(html, span).or_else(|| html_list(html, span)).or_else(|| html_paragraph(html, span))
}

/// A block of raw HTML that is one table, as a pipe table of its cells' text and links ([`Block::Table`], every node
/// with `span`, the HTML block's): printed as the article's Markdown tables are. Its head is its `<thead>` rows, else
/// a first row of `<th>` cells alone; a table of one column without a head is a [`Block::Paragraph`] of its cells'
/// lines. `None` for anything else (text around the table, a table in a cell, a table of several columns without a
/// head), which prints as text. Short rows are filled with empty cells.
pub fn html_table(html: &str, span: Span) -> Option<Block> {
    let html = html.trim();
    let lower = html.to_ascii_lowercase();
    if !lower.starts_with("<table") || !lower.ends_with("</table>") || lower.matches("<table").count() != 1 {
        return None;
    }
    // Each cell's HTML, by row.
    let (mut head, mut rows): (Vec<Vec<&str>>, Vec<Vec<&str>>) = (Vec::new(), Vec::new());
    let mut row: Option<(Vec<&str>, bool)> = None;
    // The open cell: where its content starts, and whether it is a `<th>`.
    let mut cell: Option<(usize, bool)> = None;
    let mut in_head = false;
    let mut at = 0;
    while let Some(open) = lower[at..].find('<').map(|open| at + open) {
        let close = tag_end(&lower[open..]).map_or(lower.len(), |close| open + close);
        let tag = &lower[open + 1..close];
        let closing = tag.starts_with('/');
        let name: String = tag.trim_start_matches('/').chars().take_while(char::is_ascii_alphanumeric).collect();
        at = (close + 1).min(lower.len());
        let ends_cell = matches!(name.as_str(), "td" | "th" | "tr" | "thead" | "tbody" | "tfoot" | "table");
        if ends_cell && let Some((start, header)) = cell.take() {
            row.get_or_insert_with(|| (Vec::new(), true)).0.push(&html[start..open]);
            if let Some((_, all_headers)) = row.as_mut() {
                *all_headers &= header;
            }
        }
        let ends_row = name == "tr" || (ends_cell && name != "td" && name != "th");
        if ends_row && let Some((cells, all_headers)) = row.take() {
            let heads = in_head || (all_headers && head.is_empty() && rows.is_empty());
            if heads { head.push(cells) } else { rows.push(cells) }
        }
        match (name.as_str(), closing) {
            ("thead", _) => in_head = !closing,
            ("tbody" | "tfoot", false) => in_head = false,
            ("tr", false) => row = Some((Vec::new(), true)),
            ("td" | "th", false) => cell = Some((at, name == "th")),
            _ => {}
        }
    }
    if head.is_empty() {
        // A box of one column (a script pasted from Word, a paragraph per line) reads as its lines.
        if rows.is_empty() || rows.iter().any(|cells| cells.len() > 1) {
            return None;
        }
        let mut inlines = Vec::new();
        for cell in rows.iter().flatten() {
            if !inlines.is_empty() {
                inlines.push(Inline::Break { span });
            }
            inlines.extend(html_inlines(cell, span));
        }
        return Some(Block::Paragraph { inlines, span });
    }
    // Several head rows print as one: each column's headers joined.
    let columns = head.iter().chain(&rows).map(Vec::len).max().filter(|&columns| columns > 0)?;
    let mut joined = vec![String::new(); columns];
    for cells in &head {
        let texts = cells.iter().map(|cell| html_text(cell));
        for (column, text) in texts.enumerate().filter(|(_, text)| !text.is_empty()) {
            let text = text.replace('\n', " ");
            let joined = &mut joined[column];
            if !joined.is_empty() {
                joined.push(' ');
            }
            joined.push_str(&text);
        }
    }
    let row_of = |mut cells: Vec<Vec<Inline>>| {
        cells.resize(columns, Vec::new());
        cells
    };
    let head = row_of(joined.iter().map(|text| lines(text, span)).collect());
    let rows = rows.into_iter().map(|cells| row_of(cells.into_iter().map(|cell| html_inlines(cell, span)).collect()));
    Some(Block::Table { head, rows: rows.collect(), span })
}

/// A block of raw HTML (at `span`) that is one `<ol>` or `<ul>` list, as a [`Block::List`]: each `<li>`'s text and
/// links a paragraph, the lists nested in it lists, each item at the span of its `<li>`. An `<ol>` keeps its `start`.
/// `None` for anything else: text around the list or between its items, lists nested deeper than the parser keeps
/// Markdown's ([`MAX_DEPTH`]). A list left open ends where the HTML does, as in a browser.
fn html_list(html: &str, span: Span) -> Option<Block> {
    let lead = html.len() - html.trim_start().len();
    let mut reader = ListReader { html, span, index: LineIndex::new(html), tags: Tags { html, at: lead } };
    let (start, open) = reader.tags.next()?;
    let list = (start == lead).then(|| reader.list(start, &open, 1))??;
    html_text(&html[reader.tags.at..]).is_empty().then_some(list)
}

/// Reads the lists of `html`, the text of a block at `span`, tag by tag.
struct ListReader<'h> {
    html: &'h str,
    span: Span,
    /// Lines of `html`, for the spans of items.
    index: LineIndex<'h>,
    tags: Tags<'h>,
}

impl ListReader<'_> {
    /// The list that the tag `open`, at `start_at`, opens, `depth` lists deep, read up to and with its closing tag.
    fn list(&mut self, start_at: usize, open: &Tag<'_>, depth: usize) -> Option<Block> {
        let ordered = open.opens("ol");
        if (!ordered && !open.opens("ul")) || depth > MAX_DEPTH {
            return None;
        }
        let start = ordered.then(|| open.attribute("start").and_then(|start| start.trim().parse().ok()).unwrap_or(1));
        let numbering = open.attribute("type").and_then(|value| Numbering::from_html_type(&value)).unwrap_or_default();
        let mut items = Vec::new();
        let mut item: Option<Item> = None;
        let mut text_from = self.tags.at;
        while let Some((at, tag)) = self.tags.next() {
            if item.is_none() && !html_text(&self.html[text_from..at]).is_empty() {
                return None;
            }
            if tag.opens("li") || tag.closes("li") {
                self.end_item(item.take(), at, &mut items);
                item = tag.opens("li").then_some(Item { blocks: Vec::new(), start: at, text_from: self.tags.at });
            } else if tag.opens("ol") || tag.opens("ul") {
                let mut open_item = item.take()?;
                open_item.blocks.extend(self.paragraph(open_item.text_from, at));
                open_item.blocks.push(self.list(at, &tag, depth + 1)?);
                open_item.text_from = self.tags.at;
                item = Some(open_item);
            } else if tag.closes("ol") || tag.closes("ul") {
                self.end_item(item.take(), at, &mut items);
                return Some(Block::List {
                    ordered,
                    start,
                    numbering,
                    items,
                    span: self.span_within(start_at, self.tags.at),
                });
            } else if item.is_none() {
                return None;
            }
            text_from = self.tags.at;
        }
        self.end_item(item.take(), self.html.len(), &mut items);
        self.tags.at = self.html.len();
        Some(Block::List { ordered, start, numbering, items, span: self.span_within(start_at, self.html.len()) })
    }

    fn end_item(&self, item: Option<Item>, end: usize, items: &mut Vec<ListItem>) {
        if let Some(Item { mut blocks, start, text_from }) = item {
            blocks.extend(self.paragraph(text_from, end));
            items.push(ListItem { task: None, blocks, span: self.span_within(start, end) });
        }
    }

    fn paragraph(&self, from: usize, to: usize) -> Option<Block> {
        html_paragraph(&self.html[from..to], self.span_within(from, to))
    }

    /// The span of `html[from..to]`. Its lines are the source's; so are its columns, when a container's indent (taken
    /// off the block's text) is the block's own.
    fn span_within(&self, from: usize, to: usize) -> Span {
        let point = |at: usize| {
            let (line, column) = self.index.position(at);
            (self.span.line + line - 1, self.span.column + column - 1)
        };
        let ((line, column), (end_line, end_column)) = (point(from), point(to));
        Span { start: self.span.start + from, end: self.span.start + to, line, column, end_line, end_column }
    }
}

/// An `<li>` being read: its blocks so far, where it starts, and where its text not yet in them starts.
struct Item {
    blocks: Vec<Block>,
    start: usize,
    text_from: usize,
}

/// The text and links of `html` as a paragraph, when it shows any.
fn html_paragraph(html: &str, span: Span) -> Option<Block> {
    let inlines = html_inlines(html, span);
    (!inlines.is_empty()).then_some(Block::Paragraph { inlines, span })
}

/// The tags of an HTML fragment, each with the offset it starts at. Comments are skipped, and so is a `<` that opens
/// no tag.
struct Tags<'a> {
    html: &'a str,
    /// Where the text after the last tag read starts.
    at: usize,
}

impl<'a> Iterator for Tags<'a> {
    type Item = (usize, Tag<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let open = self.at + self.html[self.at..].find('<')?;
            let after = &self.html[open..];
            if let Some(comment) = after.strip_prefix("<!--") {
                self.at = comment.find("-->").map_or(self.html.len(), |end| open + 4 + end + 3);
                continue;
            }
            let end = tag_end(after).map_or(self.html.len(), |end| open + end + 1);
            match parse_tag(&self.html[open..end]) {
                Some(tag) => {
                    self.at = end;
                    return Some((open, tag));
                }
                None => self.at = open + 1,
            }
        }
    }
}

/// The text and links of a fragment of HTML: its paragraphs and `<br>`s are line breaks, its `<a href>` links.
fn html_inlines(html: &str, span: Span) -> Vec<Inline> {
    // The links are marked in the HTML by two characters no article writes, which its reduction to text keeps where
    // they stand, spaces around them included.
    let html = html.replace([LINK_START, LINK_END, IMAGE], "");
    let mut targets = Vec::new();
    let mut images = Vec::new();
    let mut marked = String::with_capacity(html.len());
    let mut rest = html.as_str();
    let mut in_link = false;
    while let Some(open) = rest.find('<') {
        marked.push_str(&rest[..open]);
        let after = &rest[open..];
        if let Some(comment) = after.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let end = tag_end(after).map_or(after.len(), |end| end + 1);
        match parse_tag(&after[..end]) {
            Some(tag) if tag.opens("a") => {
                if let Some(href) = tag.attribute("href").filter(|_| !in_link) {
                    targets.push(href.into_owned());
                    marked.push(LINK_START);
                    in_link = true;
                }
            }
            Some(tag) if tag.closes("a") => {
                if std::mem::take(&mut in_link) {
                    marked.push(LINK_END);
                }
            }
            Some(tag) if tag.opens("img") => {
                if let Some(source) = tag.attribute("src") {
                    let attribute = |name: &str| tag.attribute(name).map(Cow::into_owned).unwrap_or_default();
                    images.push((source.into_owned(), attribute("alt"), attribute("title")));
                    marked.push(IMAGE);
                }
            }
            _ => marked.push_str(&after[..end]),
        }
        rest = &after[end..];
    }
    marked.push_str(rest);
    let mut text = html_text(&marked);
    // A mark `html_text` dropped (inside a script) would give the links or images after it the wrong addresses: none
    // get one.
    if text.matches(LINK_START).count() != targets.len() {
        text.retain(|c| c != LINK_START && c != LINK_END);
        targets.clear();
    }
    if text.matches(IMAGE).count() != images.len() {
        text.retain(|c| c != IMAGE);
        images.clear();
    }
    let mut inlines = Vec::new();
    let (mut targets, mut images) = (targets.into_iter(), images.into_iter());
    let mut link: Option<(String, Vec<Inline>)> = None;
    let mut piece = String::new();
    for c in text.chars().chain([LINK_END]) {
        if !matches!(c, LINK_START | LINK_END | IMAGE) {
            piece.push(c);
            continue;
        }
        let words = lines(&std::mem::take(&mut piece), span);
        let open = link.as_mut().map_or(&mut inlines, |(_, children)| children);
        open.extend(words);
        if c == IMAGE {
            if let Some((source, alt, title)) = images.next() {
                open.push(Inline::Image { source, alt, title, span });
            }
            continue;
        }
        if let Some((target, children)) = link.take()
            && !children.is_empty()
        {
            inlines.push(Inline::Link { target, title: String::new(), children, html: true, span });
        }
        if c == LINK_START {
            link = targets.next().map(|target| (target, Vec::new()));
        }
    }
    inlines
}

/// Mark where a link of a table cell starts, and ends, and where an image stands: characters of Unicode's private
/// use area.
const LINK_START: char = '\u{e000}';
const LINK_END: char = '\u{e001}';
const IMAGE: char = '\u{e002}';

/// `text` as inlines, its lines apart by line breaks.
fn lines(text: &str, span: Span) -> Vec<Inline> {
    let mut inlines = Vec::new();
    for (at, line) in text.split('\n').enumerate() {
        if at > 0 {
            inlines.push(Inline::Break { span });
        }
        if !line.is_empty() {
            inlines.push(Inline::Text { text: line.to_owned(), span });
        }
    }
    inlines
}

/// What a checklist shows of an inline HTML tag: nothing for an HTML element (its text is printed around it), but the
/// tag itself when it names no element. `<TenantName>` or `<your domain>` in "select `OneDrive – <TenantName>`" is a
/// placeholder the reader must fill in, which a browser would hide.
pub fn placeholder(html: &str) -> String {
    let Some(inner) = html.trim().strip_prefix('<').and_then(|rest| rest.strip_suffix('>')) else {
        return String::new();
    };
    let name = inner.trim_start_matches('/').split(|c: char| c.is_whitespace() || c == '/').next().unwrap_or_default();
    let is_element = HTML_ELEMENTS.binary_search(&name.to_ascii_lowercase().as_str()).is_ok();
    if name.is_empty() || is_element || inner.starts_with('!') || inner.starts_with('?') {
        String::new()
    } else {
        html.trim().to_owned()
    }
}

/// The element names of HTML (WHATWG, with the obsolete ones articles still use), sorted.
const HTML_ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "acronym",
    "address",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "base",
    "bdi",
    "bdo",
    "big",
    "blockquote",
    "body",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "datalist",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "legend",
    "li",
    "link",
    "main",
    "map",
    "mark",
    "menu",
    "meta",
    "meter",
    "nav",
    "nobr",
    "noscript",
    "object",
    "ol",
    "optgroup",
    "option",
    "output",
    "p",
    "param",
    "picture",
    "pre",
    "progress",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "script",
    "search",
    "section",
    "select",
    "slot",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "track",
    "tt",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
];

fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack.to_ascii_lowercase().find(needle)
}

fn fold_space(text: &str) -> String {
    text.lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_text_and_drops_everything_that_could_run() {
        assert_eq!(
            html_text("<div class=\"raw\">Raw <script>alert(1)</script> HTML &amp; <b>bold</b></div>"),
            "Raw HTML & bold"
        );
        assert_eq!(html_text("<img src=x onerror=alert(1)>after"), "after");
        assert_eq!(
            html_text("<div>Set-Mailbox -Identity <MailboxIdentity></div>"),
            "Set-Mailbox -Identity <MailboxIdentity>"
        );
        assert_eq!(html_text("<p><Entity id=\"1\"><IdMatch idRef=\"x\"/></Entity>Keywords</p>"), "Keywords");
        assert_eq!(html_text("<STYLE>body{}</STYLE><p>one</p><p>two<br>three</p>"), "one\ntwo\nthree");
        assert_eq!(html_text("a < b <!-- hidden --> c"), "a < b c");
        assert_eq!(html_text("<table><tr><td>A</td><td>B</td></tr></table>"), "A | B");
        assert_eq!(
            html_text(
                "<table><tr><th>Step</th><th>Example</th></tr><tr><td>1</td><td>Set <b>IdRef</b></td></tr></table>"
            ),
            "Step | Example\n1 | Set IdRef"
        );
        assert_eq!(
            html_text("<table>\n<tr>\n<td>1</td>\n<td>Set\n<p>Within the cell.</p></td>\n</tr>\n</table>"),
            "1 | Set Within the cell."
        );
        assert_eq!(html_text("one\ntwo<br/>three"), "one two\nthree");
        assert_eq!(html_text("<script>never closed"), "");
    }

    /// (head, rows) of the pipe table `html` makes, its cells as text with `/` for a line break.
    fn table(html: &str) -> Option<(Vec<String>, Vec<Vec<String>>)> {
        let Block::Table { head, rows, .. } = html_table(html, Span::default())? else { panic!("a table") };
        let text = |cell: &Vec<Inline>| {
            cell.iter()
                .map(|inline| match inline {
                    Inline::Text { text, .. } => text.as_str(),
                    _ => "/",
                })
                .collect::<String>()
        };
        Some((head.iter().map(text).collect(), rows.iter().map(|row| row.iter().map(text).collect()).collect()))
    }

    /// A link in a cell is a link, its words spaced from those around it as the browser shows them.
    #[test]
    fn a_link_in_an_html_table_cell_is_a_link() {
        let html = "<table><tr><th>Step</th></tr><tr><td><p>See <a href=\"https://a.example/x?y=1&amp;z=2\">Run \
                    <b>it</b></a>.</p><p>Then <a name=\"anchor\"></a>stop.</p></td></tr></table>";
        let Some(Block::Table { rows, .. }) = html_table(html, Span::default()) else { panic!("a table") };
        let [cell] = rows[0].as_slice() else { panic!("one cell") };
        match cell.as_slice() {
            [
                Inline::Text { text: before, .. },
                Inline::Link { target, children, .. },
                Inline::Text { text: after, .. },
                Inline::Break { .. },
                Inline::Text { text: then, .. },
            ] => {
                assert_eq!((before.as_str(), after.as_str(), then.as_str()), ("See ", ".", "Then stop."));
                assert_eq!(target, "https://a.example/x?y=1&z=2");
                assert_eq!(crate::model::text::inlines(children), "Run it");
            }
            other => panic!("{other:?}"),
        }
        // A link in a comment is no link, and gives the links after it no wrong address.
        let commented = "<table><tr><th>A</th></tr><tr><td><!-- <b>Old:</b> <a href=\"https://old.example\">old</a> -->\
                         <a href=\"https://new.example\">new</a></td></tr></table>";
        let Some(Block::Table { rows, .. }) = html_table(commented, Span::default()) else { panic!("a table") };
        assert!(matches!(rows[0][0].as_slice(), [Inline::Link { target, .. }] if target == "https://new.example"));
    }

    #[test]
    fn an_html_table_with_a_head_is_a_pipe_table() {
        let strings = |cells: &[&str]| cells.iter().map(|cell| (*cell).to_owned()).collect::<Vec<_>>();
        let with_thead = "<table>\n<thead>\n<tr class=\"header\">\n<th align=\"left\"><strong>Control</strong></th>\n\
                          <th>Settings</th>\n</tr>\n</thead>\n<tbody>\n<tr><td>Type</td><td><p>File</p>\n<p>&lt;app&gt;</p>\
                          </td></tr>\n<tr><td>Alone</td></tr>\n</tbody>\n</table>\n";
        let expected =
            (strings(&["Control", "Settings"]), vec![strings(&["Type", "File/<app>"]), strings(&["Alone", ""])]);
        assert_eq!(table(with_thead), Some(expected), "a cell's paragraphs are lines; a short row is filled");
        let th_row = "<TABLE><TR><TH>Step<TH>Example<TR><TD>1<TD>Set <b>IdRef</b></TABLE>";
        assert_eq!(table(th_row), Some((strings(&["Step", "Example"]), vec![strings(&["1", "Set IdRef"])])));
        let script = "<table><tbody><tr><td><p>param($uri)</p>\n<p>$user = &quot;me&quot;</p></td></tr>\
                      <tr><td>Invoke-RestMethod $uri</td></tr></tbody></table>";
        let Some(Block::Paragraph { inlines, .. }) = html_table(script, Span::default()) else { panic!("lines") };
        let lines: Vec<String> =
            inlines.iter().map(|inline| crate::model::text::inlines(std::slice::from_ref(inline))).collect();
        assert_eq!(
            lines,
            ["param($uri)", " ", "$user = \"me\"", " ", "Invoke-RestMethod $uri"],
            "one column: its lines"
        );
        for not_a_table in [
            "<table><tr><td>no</td><td>head</td></tr></table>",
            "<p>Before</p><table><tr><th>A</th></tr></table>",
            "<table><tr><th>A</th></tr><tr><td><table><tr><th>B</th></tr></table></td></tr></table>",
            "<div>text</div>",
        ] {
            assert_eq!(table(not_a_table), None, "{not_a_table}");
        }
    }

    /// The list `html` makes as an outline: a line per paragraph, after its item's number or `-`, nested lists
    /// indented, each link's target after its text.
    fn outline(html: &str) -> Option<String> {
        fn list(block: &Block, indent: &str, out: &mut String) {
            let Block::List { start, numbering, items, .. } = block else { panic!("a list: {block:?}") };
            for (number, item) in items.iter().enumerate() {
                let marker =
                    start.map_or("-".to_owned(), |start| format!("{}.", numbering.write(start + number as u64)));
                for (at, block) in item.blocks.iter().enumerate() {
                    let marker = if at == 0 { marker.clone() } else { " ".repeat(marker.len()) };
                    match block {
                        Block::Paragraph { inlines, .. } => {
                            let text: Vec<String> = inlines
                                .iter()
                                .map(|inline| match inline {
                                    Inline::Link { target, children, .. } => {
                                        format!("{} <{target}>", crate::model::text::inlines(children))
                                    }
                                    other => crate::model::text::inlines(std::slice::from_ref(other)),
                                })
                                .collect();
                            out.push_str(&format!("{indent}{marker} {}\n", text.concat()));
                        }
                        nested => list(nested, &format!("{indent}  "), out),
                    }
                }
            }
        }
        let mut out = String::new();
        list(&html_list(html, Span { line: 10, column: 1, ..Span::default() })?, "", &mut out);
        Some(out)
    }

    /// A list written in HTML is the list a browser shows: its numbers (from `start`, in letters for `type="a"`), its
    /// nesting, its links.
    #[test]
    fn an_html_list_is_a_list() {
        let html = "  <ol start=\"3\">\n  <li>Monitor <a href=\"https://a.example/usage\">usage</a>. Use these:\n    \
                    <ol type=\"a\">\n      <li><b>Failed sign-ins</b></li>\n      <li>Impossible travel\n    </ol>\n  </li>\n  \
                    <!-- <li>Old</li> -->\n  <li><p>Score</p><p>See <a href='https://b.example'>it</a></p></li>\n</ol> ";
        let expected = "3. Monitor usage <https://a.example/usage>. Use these:\n  a. Failed sign-ins\n  \
                        b. Impossible travel\n4. Score See it <https://b.example>\n";
        assert_eq!(outline(html).as_deref(), Some(expected));
        let Some(Block::List { items, .. }) = html_list(html, Span { line: 10, column: 1, ..Span::default() }) else {
            panic!("a list")
        };
        let lines: Vec<(u32, u32)> = items.iter().map(|item| (item.span.line, item.span.column)).collect();
        assert_eq!(lines, [(11, 3), (18, 3)], "each item where its <li> is");
        assert_eq!(
            outline("<ul><li>One<ul><li>Two</li></ul>Three</li></ul>").as_deref(),
            Some("- One\n  - Two\n  Three\n")
        );
        assert_eq!(outline("<ol><li>Left<li>open").as_deref(), Some("1. Left\n2. open\n"), "as a browser shows it");
        let nested = |depth: usize| "<ul><li>x".repeat(depth);
        assert!(outline(&nested(MAX_DEPTH)).is_some());
        assert_eq!(outline(&nested(MAX_DEPTH + 1)), None, "deeper than Markdown's lists: read as text");
        assert!(matches!(html_block(&nested(20_000), Span::default()), Some(Block::Paragraph { .. })), "no overflow");
        for not_a_list in [
            "<p>Before</p><ol><li>One</li></ol>",
            "<ol><li>One</li></ol><p>After</p>",
            "<ol>Loose text<li>One</li></ol>",
            "<div><ol><li>One</li></ol></div>",
        ] {
            assert_eq!(outline(not_a_list), None, "{not_a_list}");
        }
    }

    /// What is neither a table nor a list is a paragraph of its text and links; a comment is nothing.
    #[test]
    fn a_greater_than_sign_in_a_quoted_attribute_stays_in_its_tag() {
        let Some(Block::Paragraph { inlines, .. }) =
            html_block("<p>Open <a href=\"x.md\" title=\"a > b\">the site</a> now.</p>", Span::default())
        else {
            panic!("a paragraph")
        };
        assert!(
            matches!(&inlines[..], [Inline::Text { text: before, .. }, Inline::Link { target, children, .. }, Inline::Text { text: after, .. }]
            if before == "Open " && target == "x.md" && matches!(&children[..], [Inline::Text { text, .. }] if text == "the site") && after == " now."),
            "{inlines:?}"
        );
        assert_eq!(html_text("<th title=\"x>y\">Name</th>"), "Name");
    }

    #[test]
    fn other_html_is_a_paragraph_of_its_text_and_links() {
        let Some(Block::Paragraph { inlines, .. }) = html_block(
            "<div class=\"card\"><h3>Start</h3><p>Check <a href=\"score.md\">Secure Score</a></p></div>",
            Span::default(),
        ) else {
            panic!("a paragraph")
        };
        assert!(
            matches!(&inlines[..], [Inline::Text { text, .. }, Inline::Break { .. }, Inline::Text { .. }, Inline::Link { target, .. }]
            if text == "Start" && target == "score.md"),
            "{inlines:?}"
        );
        assert_eq!(html_block("<!-- hidden -->\n<div></div>", Span::default()), None);
    }

    #[test]
    fn a_tag_that_names_no_element_is_a_placeholder_to_show() {
        assert_eq!(placeholder("<TenantName>"), "<TenantName>");
        assert_eq!(placeholder("<your domain>"), "<your domain>");
        for element in ["<b>", "</B>", "<sup>", "<span class=\"x\">", "<br/>", "<!-- note -->", "<kbd>"] {
            assert_eq!(placeholder(element), "", "{element}");
        }
    }

    #[test]
    fn the_element_list_is_sorted_for_its_binary_search() {
        assert!(HTML_ELEMENTS.windows(2).all(|pair| pair[0] < pair[1]));
    }
}
