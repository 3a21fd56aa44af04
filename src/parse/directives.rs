//! Learn's triple-colon lines: `::: moniker range="…"` / `::: moniker-end` zones and extensions such as
//! `:::image …:::`, `::: zone pivot="…"` … `::: zone-end`, `:::row:::` … `:::row-end:::`; and the lines of docfx's
//! older code snippets, `[!code-csharp[name](path)]`, which are a `:::code` extension in another syntax.
//!
//! CommonMark sees these lines as paragraph text, and a fence line directly followed by content would even merge
//! with it into one paragraph. So a line-based pass finds them first (outside fenced code) and surrounds each with
//! blank lines (keeping any `>` blockquote markers), which makes every directive a paragraph of its own that the
//! block builder then recognises by its offset. [`Prepared::original`] maps offsets back to the file.
//!
//! docfx reads what a triple-colon container holds (`:::row:::`, `:::column:::`, `::: zone`) whatever its indentation:
//! `:::column:::` indented by 4 under `:::row:::`, and its text by 8, are a column and a paragraph, not code. So the
//! lines inside a container lose the indentation that sets them in: a nested directive line is set back to the
//! outermost container's indentation, and content lines by as much as the first content line of their container is
//! indented past it (lines below it keep the difference: a nested list stays nested).

use std::borrow::Cow;

use crate::model::Attribute;

/// What a directive line says.
#[derive(Debug, Clone, PartialEq)]
pub enum DirectiveKind {
    /// `::: moniker range="…"`.
    MonikerOpen {
        /// The range as written between the quotes.
        range: String,
        /// Text after the closing quote (docfx warns about it).
        trailing: Option<String>,
        /// How many colons open the line: only an end line with as many closes the zone.
        colons: usize,
    },
    /// `::: moniker-end`.
    MonikerEnd {
        /// How many colons open the line.
        colons: usize,
    },
    /// `:::name attributes` — a container (`zone`, `row`, `column`, complex `image`) or a self-contained extension.
    Extension {
        /// Lower-cased name.
        name: String,
        /// Attributes in source order.
        attributes: Vec<Attribute>,
        /// True when the extension holds content up to a matching `name-end` line.
        container: bool,
        /// Attribute text that is not `name="value"`.
        invalid: Option<String>,
    },
    /// `::: name-end` / `:::name-end:::`.
    ExtensionEnd {
        /// Lower-cased name, without `-end`.
        name: String,
    },
}

/// One directive line.
#[derive(Debug, Clone, PartialEq)]
pub struct Directive {
    /// What the line says.
    pub kind: DirectiveKind,
    /// Original byte offset of its first character (`:` or `[`).
    pub start: usize,
    /// Original byte offset of the end of the line (before the line break).
    pub end: usize,
}

/// A `moniker-end` line the file lacks, read as if it stood at a blank line of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZoneEnd {
    /// The original byte offset of the blank line: the zone's end is read before it.
    pub at: usize,
    /// How many colons the zone's opening line has, which its end needs.
    pub colons: usize,
}

/// A closing code fence line a file lacks, read as if it stood before a line of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FenceEnd {
    /// The original byte offset of the start of the line it is read before.
    pub at: usize,
    /// The line read there, without its line break: the fence, behind the container prefix its code lines need
    /// (`> ` in a note, spaces in a list item).
    pub line: String,
    /// Whether it is read instead of the line there, a fence that cannot close the block (```` ``` ```` for `~~~`):
    /// that line is left out.
    pub replaces: bool,
}

/// The lines a file lacks that sync reads into it, where the other file of a pair has them: a translation's zone or
/// code fence left open is then one finding, not one for everything after it. Empty everywhere else.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MissingEnds {
    /// Moniker zones' ends.
    pub zones: Vec<ZoneEnd>,
    /// Code fences' closing lines, in the order of their places in the file.
    pub fences: Vec<FenceEnd>,
}

/// The text the Markdown parser reads, the directives found, and how to map its offsets back.
#[derive(Debug)]
pub struct Prepared<'a> {
    /// The text with blank lines around each directive (borrowed when there are none).
    pub text: Cow<'a, str>,
    /// The directives, in order.
    pub directives: Vec<Directive>,
    /// The bytes inserted and removed, in order.
    edits: Vec<Edit>,
    /// Whether any line lost indentation: else an end maps as any offset does.
    removes: bool,
}

/// Bytes inserted into the text parsed, or removed from it, at one point.
#[derive(Debug, Clone, Copy)]
struct Edit {
    /// Where in the text parsed (with the body's base offset) the inserted bytes start, or the removed ones were.
    at: usize,
    inserted: usize,
    removed: usize,
    /// Bytes inserted less bytes removed before this point.
    shift_before: isize,
}

impl Edit {
    fn shift_after(self) -> isize {
        self.shift_before + self.inserted as isize - self.removed as isize
    }
}

impl Prepared<'_> {
    /// The original offset of an offset in [`Prepared::text`]; offsets inside inserted bytes map to the point they
    /// were inserted at.
    pub fn original(&self, offset: usize) -> usize {
        let index = self.edits.partition_point(|edit| edit.at <= offset);
        let shifted = |offset: usize, shift: isize| offset.checked_add_signed(-shift).unwrap_or_default();
        match index.checked_sub(1).map(|last| self.edits[last]) {
            None => offset,
            Some(edit) if offset < edit.at + edit.inserted => shifted(edit.at, edit.shift_before),
            Some(edit) => shifted(offset, edit.shift_after()),
        }
    }

    /// [`Self::original`] for the end of a range: an end where a line's indentation was taken off is the end of the
    /// line before, not a point past that indentation.
    #[inline]
    pub fn original_end(&self, offset: usize) -> usize {
        if !self.removes {
            return self.original(offset);
        }
        let index = self.edits.partition_point(|edit| edit.at < offset);
        match self.edits.get(index) {
            Some(edit) if edit.at == offset && edit.removed > 0 => {
                offset.checked_add_signed(-edit.shift_before).unwrap_or_default()
            }
            _ => self.original(offset),
        }
    }

    /// The directive starting at original offset `start`.
    pub fn directive_at(&self, start: usize) -> Option<&Directive> {
        self.directives.binary_search_by_key(&start, |directive| directive.start).ok().map(|at| &self.directives[at])
    }
}

/// Finds the directives of `body` (which starts at original offset `base`) and prepares the text to parse, with the
/// lines `missing` names read into it: a `moniker-end` line before each blank line a zone end names, outside code, and
/// a closing fence before each line a fence end names.
pub fn prepare<'a>(body: &'a str, base: usize, missing: &MissingEnds) -> Prepared<'a> {
    let mut directives = Vec::new();
    // Most articles have no directive at all: then there is no line to look at.
    if memchr::memmem::find(body.as_bytes(), b":::").is_none() && !has_code_reference(body) && missing.fences.is_empty()
    {
        return Prepared { text: Cow::Borrowed(body), directives, edits: Vec::new(), removes: false };
    }
    let mut lines = Vec::new();
    let mut fences = Fences::default();
    let mut containers = Containers::default();
    let mut line_start = 0;
    while line_start < body.len() {
        let line_end = super::lines::line_end(body, line_start);
        let line = body[line_start..line_end].trim_end_matches('\r');
        let prefix_len = container_prefix_len(line);
        let content = &line[prefix_len..];
        let trimmed = content.trim_start();
        // Indentation that may be taken off: spaces alone, outside blockquotes.
        let leading = &content[..content.len() - trimmed.len()];
        let indent = (prefix_len == 0 && leading.bytes().all(|byte| byte == b' ')).then_some(leading.len());
        let fence_end = Some(missing.fences.partition_point(|end| end.at < base + line_start))
            .filter(|&end| missing.fences.get(end).is_some_and(|end| end.at == base + line_start));
        if let Some(end) = fence_end {
            let fence = &missing.fences[end].line;
            let fence_prefix = container_prefix_len(fence);
            fences.in_code(fence[..fence_prefix].matches('>').count(), &fence[fence_prefix..]);
        }
        let mut edit = LineEdit {
            start: line_start,
            end: line_end,
            prefix: &line[..prefix_len],
            directive: false,
            remove: 0,
            zone_end: None,
            fence_end,
        };
        let quotes = line[..prefix_len].bytes().filter(|byte| *byte == b'>').count();
        let replaced = fence_end.is_some_and(|end| missing.fences[end].replaces);
        let code = replaced || fences.in_code(quotes, content);
        if !code && let Some(kind) = directive(trimmed) {
            let colon = line_start + prefix_len + (content.len() - trimmed.len());
            edit.remove = containers.directive(&kind, indent);
            edit.directive = true;
            directives.push(Directive { kind, start: base + colon, end: base + line_start + line.len() });
        } else if !trimmed.is_empty() {
            edit.remove = containers.content(indent);
        } else if !code && let Some(end) = missing.zones.iter().find(|end| end.at == base + line_start) {
            let at = base + line_start;
            directives.push(Directive { kind: DirectiveKind::MonikerEnd { colons: end.colons }, start: at, end: at });
            edit.zone_end = Some(end.colons);
        }
        if replaced {
            edit.remove = (line_end + 1).min(body.len()) - line_start;
        }
        if edit.directive || edit.remove > 0 || edit.zone_end.is_some() || edit.fence_end.is_some() {
            lines.push(edit);
        }
        line_start = line_end + 1;
    }
    if lines.is_empty() {
        return Prepared { text: Cow::Borrowed(body), directives, edits: Vec::new(), removes: false };
    }

    let mut out = Rewrite { base, text: String::with_capacity(body.len() + lines.len() * 8), edits: Vec::new() };
    let mut copied = 0;
    for LineEdit { start, end, prefix, directive, remove, zone_end, fence_end } in lines {
        out.text.push_str(&body[copied..start]);
        copied = start;
        if let Some(end) = fence_end {
            out.insert_line(&format!("{}\n", missing.fences[end].line));
        }
        if let Some(colons) = zone_end {
            // The blank line itself follows, and sets the end apart from what comes after it.
            out.insert_line("\n");
            out.insert(&format!("{} moniker-end\n", ":".repeat(colons)));
            continue;
        }
        let blank = format!("{}\n", prefix.trim_end());
        if directive {
            out.insert_line(&blank);
        }
        if remove > 0 {
            out.remove(remove);
        }
        copied = start + remove;
        if directive {
            let line_with_break = (end + 1).min(body.len());
            out.text.push_str(&body[copied..line_with_break]);
            if line_with_break == end {
                out.insert("\n");
            }
            out.insert_line(&blank);
            copied = line_with_break;
        }
    }
    out.text.push_str(&body[copied..]);
    let removes = out.edits.iter().any(|edit| edit.removed > 0);
    Prepared { text: Cow::Owned(out.text), directives, edits: out.edits, removes }
}

/// A line the rewrite changes: a directive line, set apart by blank lines, and the indentation taken off a line.
struct LineEdit<'a> {
    start: usize,
    end: usize,
    /// Its blockquote markers and indentation (`> `), kept on the blank lines around a directive.
    prefix: &'a str,
    directive: bool,
    /// How many leading spaces are taken off.
    remove: usize,
    /// For a blank line that a zone's end is read before ([`ZoneEnd`]), the colons of that end.
    zone_end: Option<usize>,
    /// For a line that a closing fence is read before, the index of its [`FenceEnd`].
    fence_end: Option<usize>,
}

/// The triple-colon containers open at a line (not moniker zones, whose lines docfx reads as Markdown's own), and
/// the indentation their lines lose.
#[derive(Default)]
struct Containers {
    /// The name of each open container and how far its content lines are set in past the outermost one's
    /// indentation (known at its first content line), outermost first.
    open: Vec<(String, Option<usize>)>,
    /// The indentation of the outermost open container's line.
    base: usize,
}

impl Containers {
    /// The spaces to take off the directive line `kind`, indented by `indent` (`None`: not spaces alone), as it opens
    /// or closes a container or stands in one.
    fn directive(&mut self, kind: &DirectiveKind, indent: Option<usize>) -> usize {
        let remove = match (self.open.is_empty(), indent) {
            (false, Some(indent)) => indent.saturating_sub(self.base),
            _ => 0,
        };
        match kind {
            DirectiveKind::Extension { name, container: true, .. } => {
                if self.open.is_empty() {
                    self.base = indent.unwrap_or_default();
                }
                self.open.push((name.clone(), None));
            }
            DirectiveKind::ExtensionEnd { name } => {
                if let Some(at) = self.open.iter().rposition(|(open, _)| open == name) {
                    self.open.truncate(at);
                }
            }
            // A directive inside a container is part of its content.
            _ => return self.content(indent),
        }
        remove
    }

    /// The spaces to take off a content line indented by `indent`: as many as the first content line of its
    /// container is set in past the outermost container's indentation, at most down to that indentation.
    fn content(&mut self, indent: Option<usize>) -> usize {
        let (Some((_, set_in)), Some(indent)) = (self.open.last_mut(), indent) else { return 0 };
        let past_base = indent.saturating_sub(self.base);
        (*set_in.get_or_insert(past_base)).min(past_base)
    }
}

/// The prepared text being written, and the record of what was inserted and removed where.
struct Rewrite {
    base: usize,
    text: String,
    edits: Vec<Edit>,
}

impl Rewrite {
    fn insert(&mut self, inserted: &str) {
        self.edit(inserted.len(), 0);
        self.text.push_str(inserted);
    }

    /// Inserts `line`, a whole line, after the line break the text so far ends with. A lone `\r` needs a `\n` after
    /// it to stay one line end, not to become a `\r\n` with the line's own.
    fn insert_line(&mut self, line: &str) {
        if self.text.ends_with('\r') {
            self.insert("\n");
        }
        self.insert(line);
    }

    /// Records that `removed` bytes of the body are left out here.
    fn remove(&mut self, removed: usize) {
        self.edit(0, removed);
    }

    fn edit(&mut self, inserted: usize, removed: usize) {
        let shift_before = self.edits.last().map_or(0, |edit| edit.shift_after());
        self.edits.push(Edit { at: self.base + self.text.len(), inserted, removed, shift_before });
    }
}

/// Length of the leading blockquote markers and indentation (`> > `, spaces).
fn container_prefix_len(line: &str) -> usize {
    let mut length = 0;
    for (at, c) in line.char_indices() {
        match c {
            '>' => length = at + 1,
            ' ' | '\t' => {}
            _ => break,
        }
    }
    length
}

/// Where the code fences are, as far as a line pass can tell: a fence ends at its closing fence, or where the list item
/// or quote that holds it ends. A fence left open inside a list item ends with the item, as in CommonMark, and the
/// directives after it are directives.
#[derive(Default)]
struct Fences {
    open: Option<OpenFence>,
    /// The content indentation of the last list item seen outside code, while the lines below may still be its own.
    item_indent: Option<usize>,
    previous_blank: bool,
}

/// An open code fence.
struct OpenFence {
    marker: u8,
    length: usize,
    /// The `>` markers of the quote it is in: a line with fewer ends the quote, and the code.
    quotes: usize,
    /// The content indentation of the list item it is in (0 outside any): a line set in less ends the item.
    item_indent: usize,
}

impl Fences {
    /// Reads the next line, `content` after its `quotes` quote markers: whether it is a fence line or code.
    fn in_code(&mut self, quotes: usize, content: &str) -> bool {
        let trimmed = content.trim_start();
        let width = content.len() - trimmed.len();
        let blank = trimmed.is_empty();
        if self.open.as_ref().is_some_and(|open| quotes < open.quotes || (!blank && width < open.item_indent)) {
            self.open = None;
        }
        let code = match (&self.open, fence_marker(trimmed)) {
            (Some(open), Some((marker, length)))
                if open.marker == marker && length >= open.length && is_closing(trimmed) =>
            {
                self.open = None;
                true
            }
            (Some(_), _) => true,
            (None, Some((marker, length))) => {
                let item_indent = self.item_indent.filter(|indent| width >= *indent).unwrap_or(0);
                self.open = Some(OpenFence { marker, length, quotes, item_indent });
                true
            }
            (None, None) => false,
        };
        if !code && !blank {
            match list_item_indent(content) {
                Some(indent) => self.item_indent = Some(indent),
                None if self.previous_blank && self.item_indent.is_some_and(|indent| width < indent) => {
                    self.item_indent = None;
                }
                None => {}
            }
        }
        self.previous_blank = blank;
        code
    }
}

/// Where the content of the list item that `line` opens starts (`- `, `1. `, `2) `), if it opens one.
fn list_item_indent(line: &str) -> Option<usize> {
    let trimmed = line.trim_start_matches(' ');
    let marker = match trimmed.as_bytes().first()? {
        b'-' | b'*' | b'+' => 1,
        b'0'..=b'9' => {
            let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
            if digits > 9 || !matches!(trimmed.as_bytes().get(digits), Some(b'.' | b')')) {
                return None;
            }
            digits + 1
        }
        _ => return None,
    };
    let after = &trimmed[marker..];
    let spaces = after.len() - after.trim_start_matches(' ').len();
    // Five spaces or more after the marker start indented code: the content starts one space after it.
    let spaces = if spaces > 4 { 1 } else { spaces };
    (spaces >= 1 && !after.trim().is_empty()).then_some(line.len() - trimmed.len() + marker + spaces)
}

fn fence_marker(line: &str) -> Option<(u8, usize)> {
    let marker = *line.as_bytes().first()?;
    if marker != b'`' && marker != b'~' {
        return None;
    }
    let length = line.bytes().take_while(|byte| *byte == marker).count();
    (length >= 3).then_some((marker, length))
}

fn is_closing(line: &str) -> bool {
    line.trim_start_matches(['`', '~']).trim().is_empty()
}

/// Whether `body` may hold a `[!code…]` line (in any case).
fn has_code_reference(body: &str) -> bool {
    let body = body.as_bytes();
    memchr::memmem::find_iter(body, b"[!")
        .any(|at| body.get(at + 2..at + 6).is_some_and(|word| word.eq_ignore_ascii_case(b"code")))
}

/// Reads a directive from a line (after its container prefix): `:::` lines, and docfx's `[!code…]` snippet lines,
/// which are the `:::code` extension in another syntax.
fn directive(line: &str) -> Option<DirectiveKind> {
    if let Some(attributes) = super::snippet::reference(line) {
        return Some(DirectiveKind::Extension { name: "code".to_owned(), attributes, container: false, invalid: None });
    }
    let after_colons = line.trim_start_matches(':');
    let colons = line.len() - after_colons.len();
    if colons < 3 {
        return None;
    }
    let rest = after_colons.trim_start();
    let name_end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-')).unwrap_or(rest.len());
    let name = rest[..name_end].to_ascii_lowercase();
    if name.is_empty() {
        return None;
    }
    // `:::no-loc text="…":::` is an inline extension, even at the start of a paragraph: the block builder reads it
    // inside the paragraph's text, and the rest of the line stays that paragraph's.
    if name == "no-loc" {
        return None;
    }
    let rest = &rest[name_end..];
    if name == "moniker" {
        let range_text = rest.trim_start().strip_prefix("range=\"")?;
        let close = range_text.find('"')?;
        let trailing = range_text[close + 1..].trim();
        return Some(DirectiveKind::MonikerOpen {
            range: range_text[..close].to_owned(),
            trailing: (!trailing.is_empty()).then(|| trailing.to_owned()),
            colons,
        });
    }
    let body = rest.trim();
    let (body, closed_on_line) = match body.strip_suffix(":::") {
        Some(inner) => (inner.trim_end(), true),
        None => (body, false),
    };
    if let Some(base) = name.strip_suffix("-end") {
        if !body.is_empty() {
            return None;
        }
        return Some(if base == "moniker" {
            DirectiveKind::MonikerEnd { colons }
        } else {
            DirectiveKind::ExtensionEnd { name: base.to_owned() }
        });
    }
    let (attributes, invalid) = attributes(body);
    let complex_image = name == "image" && attributes.iter().any(|a| a.name == "type" && a.value == "complex");
    let container = match name.as_str() {
        "zone" | "row" | "column" => true,
        "image" => complex_image,
        _ => !closed_on_line,
    };
    Some(DirectiveKind::Extension { name, attributes, container, invalid })
}

/// `name="value"` pairs (`\"` escapes a quote); anything else is returned as invalid text.
pub(super) fn attributes(mut text: &str) -> (Vec<Attribute>, Option<String>) {
    let mut attributes = Vec::new();
    loop {
        text = text.trim_start();
        if text.is_empty() {
            return (attributes, None);
        }
        let Some(equals) = text.find('=') else { return (attributes, Some(text.to_owned())) };
        let name = text[..equals].trim();
        let Some(quoted) = text[equals + 1..].trim_start().strip_prefix('"') else {
            return (attributes, Some(text.to_owned()));
        };
        if name.is_empty() || name.contains(char::is_whitespace) {
            return (attributes, Some(text.to_owned()));
        }
        let Some((value, rest)) = read_quoted(quoted) else { return (attributes, Some(text.to_owned())) };
        attributes.push(Attribute { name: name.to_owned(), value });
        text = rest;
    }
}

/// Reads a double-quoted value whose opening quote is already consumed, with `\"` standing for a quote: the value
/// and what follows the closing quote, or `None` when the quote is never closed.
pub fn read_quoted(quoted: &str) -> Option<(String, &str)> {
    let mut value = String::new();
    let mut chars = quoted.char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            '\\' if quoted[at + 1..].starts_with('"') => {
                value.push('"');
                chars.next();
            }
            '"' => return Some((value, &quoted[at + 1..])),
            c => value.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_moniker_zones_and_maps_offsets_back() {
        let body = "Intro\n::: moniker range=\"o365-21vianet\"\nZone text.\n::: moniker-end\nAfter";
        let prepared = prepare(body, 100, &MissingEnds::default());
        assert_eq!(prepared.directives.len(), 2);
        assert_eq!(
            prepared.directives[0].kind,
            DirectiveKind::MonikerOpen { range: "o365-21vianet".into(), trailing: None, colons: 3 }
        );
        assert_eq!(prepared.directives[0].start, 106);
        assert_eq!(prepared.directives[1].kind, DirectiveKind::MonikerEnd { colons: 3 });
        assert_eq!(
            &*prepared.text,
            "Intro\n\n::: moniker range=\"o365-21vianet\"\n\nZone text.\n\n::: moniker-end\n\nAfter"
        );
        // "Zone text." is at 40 in the original body and 42 in the prepared text.
        let zone = prepared.text.find("Zone").unwrap();
        assert_eq!(prepared.original(100 + zone), 100 + body.find("Zone").unwrap());
        assert_eq!(prepared.original(100 + prepared.text.find("After").unwrap()), 100 + body.find("After").unwrap());
        assert_eq!(prepared.original(100 + 6), 106);
    }

    #[test]
    fn a_zone_end_is_read_before_the_blank_line_it_names_outside_code() {
        let body = "::: moniker range=\"a\"\nZone.\n\n```\n\n```\n\nAfter\n";
        let blank = body.find("\n\n").unwrap() + 1;
        let in_code = body.find("```").unwrap() + 4;
        let ends = [ZoneEnd { at: 50 + blank, colons: 3 }, ZoneEnd { at: 50 + in_code, colons: 3 }];
        let prepared = prepare(body, 50, &MissingEnds { zones: ends.to_vec(), fences: Vec::new() });
        assert_eq!(&*prepared.text, "\n::: moniker range=\"a\"\n\nZone.\n\n::: moniker-end\n\n```\n\n```\n\nAfter\n");
        assert_eq!(
            prepared.directives[1],
            Directive { kind: DirectiveKind::MonikerEnd { colons: 3 }, start: 50 + blank, end: 50 + blank }
        );
        assert_eq!(prepared.directives.len(), 2, "none in code");
        let end_line = prepared.text.find("::: moniker-end").unwrap();
        assert_eq!(prepared.original(50 + end_line), 50 + blank, "the inserted line maps to the blank line");
        assert_eq!(prepared.original(50 + prepared.text.find("After").unwrap()), 50 + body.find("After").unwrap());
    }

    #[test]
    fn a_closing_fence_is_read_before_the_line_it_names_and_ends_the_code_for_the_directive_pass() {
        let body = "> ```xml\n> <a/>\n>\n> Text\n\n:::image source=\"a.png\":::\n";
        let at = 10 + body.find("\n>\n").unwrap() + 1;
        let missing =
            MissingEnds { zones: Vec::new(), fences: vec![FenceEnd { at, line: "> ```".to_owned(), replaces: false }] };
        let prepared = prepare(body, 10, &missing);
        assert_eq!(&*prepared.text, "> ```xml\n> <a/>\n> ```\n>\n> Text\n\n\n:::image source=\"a.png\":::\n\n");
        assert_eq!(prepared.directives.len(), 1, "the image after the fence is a directive, not code");
        let fence = 10 + prepared.text.find("> ```\n").unwrap();
        assert_eq!(prepared.original(fence), at, "the inserted line maps to the line it is read before");
        assert_eq!(prepared.original(10 + prepared.text.find("Text").unwrap()), 10 + body.find("Text").unwrap());
    }

    #[test]
    fn a_fence_that_cannot_close_its_block_is_read_as_the_one_that_can() {
        let body = "~~~\nGet-A\n```\nText\n~~~\nGet-B\n~~~\n";
        let at = body.find("```").unwrap();
        let missing =
            MissingEnds { zones: Vec::new(), fences: vec![FenceEnd { at, line: "~~~".to_owned(), replaces: true }] };
        let prepared = prepare(body, 0, &missing);
        assert_eq!(&*prepared.text, "~~~\nGet-A\n~~~\nText\n~~~\nGet-B\n~~~\n");
        assert_eq!(prepared.original(prepared.text.find("Text").unwrap()), body.find("Text").unwrap());
    }

    /// docfx's own example: columns indented by 4 under their row, their content by 8, are read as unindented;
    /// relative indentation below a container's first content line stays, and offsets map back to the file.
    #[test]
    fn lines_inside_a_container_lose_the_indentation_that_sets_them_in() {
        let body = ":::row:::\n    :::column:::\n        Text.\n\n        1. One\n           - sub\n    :::column-end:::\n:::row-end:::\n";
        let prepared = prepare(body, 10, &MissingEnds::default());
        assert_eq!(
            &*prepared.text,
            "\n:::row:::\n\n\n:::column:::\n\nText.\n\n1. One\n   - sub\n\n:::column-end:::\n\n\n:::row-end:::\n\n"
        );
        for word in ["Text", "One", "- sub", ":::column-end"] {
            let at = prepared.text.find(word).unwrap();
            assert_eq!(prepared.original(10 + at), 10 + body.find(word).unwrap(), "{word}");
        }
        // The end of "Text." (its line break) is the end of its line, not past the indentation of the next.
        let after_text = prepared.text.find("Text.\n").unwrap() + "Text.\n".len();
        assert_eq!(prepared.original_end(10 + after_text), 10 + body.find("Text.\n").unwrap() + "Text.\n".len());
        // In a list item, a container's content keeps the item's indentation; outside containers nothing moves.
        let in_item = "1. Step\n   :::image type=\"complex\" source=\"a.png\" alt-text=\"A\":::\n      Long.\n   :::image-end:::\n      Code.\n";
        let prepared = prepare(in_item, 0, &MissingEnds::default());
        assert!(prepared.text.contains("\n   Long.\n"), "{:?}", prepared.text);
        assert!(prepared.text.ends_with("\n      Code.\n"), "{:?}", prepared.text);
    }

    #[test]
    fn keeps_blockquote_markers_and_skips_fenced_code() {
        let body =
            "> [!NOTE]\n> ::: moniker range=\"a\"\n> text\n> ::: moniker-end\n\n```\n::: moniker range=\"b\"\n```\n";
        let prepared = prepare(body, 0, &MissingEnds::default());
        assert_eq!(prepared.directives.len(), 2);
        assert!(prepared.text.starts_with("> [!NOTE]\n>\n> ::: moniker range=\"a\"\n>\n> text"));
    }

    /// The names of the directives `body` has, in order.
    fn directive_names(body: &str) -> Vec<String> {
        let name = |kind: &DirectiveKind| match kind {
            DirectiveKind::Extension { name, .. } => name.clone(),
            DirectiveKind::ExtensionEnd { name } => format!("{name}-end"),
            DirectiveKind::MonikerOpen { .. } => "moniker".to_owned(),
            DirectiveKind::MonikerEnd { .. } => "moniker-end".to_owned(),
        };
        prepare(body, 0, &MissingEnds::default()).directives.iter().map(|directive| name(&directive.kind)).collect()
    }

    #[test]
    fn a_fence_left_open_ends_with_the_list_item_or_quote_that_holds_it() {
        let in_item = "- **Response**\n\n  ```json\n  {}\n\n## Next\n\n:::image source=\"a.png\" alt-text=\"A\":::\n";
        assert_eq!(directive_names(in_item), ["image"]);
        let in_numbered_item = "1. Run:\n   ```\n   x\n:::image source=\"a.png\":::\n";
        assert_eq!(directive_names(in_numbered_item), ["image"]);
        let in_quote = "> ```\n> code\n\n::: zone pivot=\"x\"\n::: zone-end\n";
        assert_eq!(directive_names(in_quote), ["zone", "zone-end"]);
        let closed_in_item = "- Item\n\n  ```\n  :::image source=\"a.png\":::\n  ```\n";
        assert_eq!(directive_names(closed_in_item), Vec::<String>::new(), "code inside the item");
        let top_level = "  ```\ncode at the margin\n:::image source=\"a.png\":::\n```\n";
        assert_eq!(directive_names(top_level), Vec::<String>::new(), "no item: the fence runs on");
        let after_the_list = "- Item\n\nText.\n\n  ```\ncode\n:::image source=\"a.png\":::\n```\n";
        assert_eq!(directive_names(after_the_list), Vec::<String>::new(), "the list ended before the fence");
    }

    #[test]
    fn reads_extensions_and_their_attributes() {
        let kind = directive(r#":::image type="content" source="media/a.png" alt-text="Say \"hi\"":::"#).unwrap();
        let DirectiveKind::Extension { name, attributes, container, invalid } = kind else { panic!("{kind:?}") };
        assert_eq!(name, "image");
        assert!(!container);
        assert_eq!(invalid, None);
        assert_eq!(attributes[2], Attribute { name: "alt-text".into(), value: "Say \"hi\"".into() });
        assert!(matches!(directive("::: zone pivot=\"a,b\""), Some(DirectiveKind::Extension { container: true, .. })));
        assert!(matches!(directive(":::row:::"), Some(DirectiveKind::Extension { container: true, .. })));
        assert_eq!(directive(":::row-end:::"), Some(DirectiveKind::ExtensionEnd { name: "row".into() }));
        assert_eq!(directive("::: zone-end"), Some(DirectiveKind::ExtensionEnd { name: "zone".into() }));
        let DirectiveKind::Extension { invalid, .. } = directive(":::image source=unquoted:::").unwrap() else {
            panic!()
        };
        assert_eq!(invalid.as_deref(), Some("source=unquoted"));
    }

    #[test]
    fn no_loc_is_inline_even_at_the_start_of_a_line() {
        assert_eq!(directive(r#":::no-loc text="Azure"::: is a product."#), None);
        let prepared = prepare(
            ":::no-loc text=\"Azure\"::: is a product.\n:::image source=\"a.png\":::\n",
            0,
            &MissingEnds::default(),
        );
        assert_eq!(prepared.directives.len(), 1, "{:?}", prepared.directives);
        assert!(matches!(&prepared.directives[0].kind, DirectiveKind::Extension { name, .. } if name == "image"));
    }

    /// Old Mac files end lines with a `\r` alone, as CommonMark allows: a directive on such a line is still one.
    #[test]
    fn a_carriage_return_alone_ends_a_directive_line() {
        let prepared =
            prepare("text\r::: moniker range=\"a\"\rinside\r::: moniker-end\rafter\r", 0, &MissingEnds::default());
        let kinds: Vec<_> = prepared.directives.iter().map(|directive| &directive.kind).collect();
        assert!(
            matches!(kinds[..], [DirectiveKind::MonikerOpen { .. }, DirectiveKind::MonikerEnd { .. }]),
            "{kinds:?}"
        );
        assert_eq!(prepared.text, "text\r\n\n::: moniker range=\"a\"\r\n\ninside\r\n\n::: moniker-end\r\n\nafter\r");
    }

    #[test]
    fn odd_moniker_lines() {
        // No closing quote: not a zone, as in docfx.
        assert_eq!(directive("::: moniker range=\"azure-rest-1.0"), None);
        // Text after the quote is kept so it can be reported.
        assert_eq!(
            directive("::: MONIKER range=\">= a\" extra"),
            Some(DirectiveKind::MonikerOpen { range: ">= a".into(), trailing: Some("extra".into()), colons: 3 })
        );
        assert_eq!(directive(":: moniker-end"), None);
        assert_eq!(directive("::::: moniker-end  "), Some(DirectiveKind::MonikerEnd { colons: 5 }));
        assert_eq!(directive("::: moniker-end trailing"), None);
    }
}
