//! Numbered lists broken by a block that lost its indentation.
//!
//! In Markdown, a note, image or paragraph meant for step 1 but not indented under it ends the list; the steps after
//! it start a second list, numbered on (`2.`). Translators do this often, and compared as written it would be four
//! findings for one cause: the note missing from the English item, an extra note, a list too short, an extra list.
//! So each side's article is mended before it is compared: the blocks between the two lists go back into the last
//! item, and the second list's items join the first. The comparison then reports one finding where only the
//! translation was broken ([`Mended`]), and none where both sides were written alike.
//!
//! A block unindented under the last item leaves no second half to see in one file: the comparison finds it, as
//! blocks after a list on one side that the other side's last item ends with (`structure`).
//!
//! A tab heading whose link a space parts from its text, `# [PowerShell] (#tab/powershell)`, is no tab: the group loses
//! that tab, or ends, and the comparison would report every block of it. So the text is mended before it is parsed
//! ([`spaced_tab_links`]), and the breakage is one finding (`markup`).
//!
//! A `::: moniker-end` line the translation lost leaves its zone open to the end of the file: every heading after it
//! would be reported in another moniker zone, every block after it without its counterpart. So a zone the source closes
//! is closed in the translation too, where it holds as many headings and paragraphs as the source's zone
//! ([`zones_left_open`]), and the breakage is one finding (`markup`).

use std::collections::HashSet;
use std::ops::Range;

use super::markup::heading_id;
use super::structure::normal_range;
use crate::model::{Article, Block, Inline, Section, Span};
use crate::parse::directives::{self, DirectiveKind};
use crate::parse::{FenceEnd, MissingEnds, ZoneEnd};
use crate::report::Diagnostic;

/// Most blocks that may sit between the two halves of a broken list: a note, a screenshot and a sentence.
pub(super) const MAX_BLOCKS_BETWEEN: usize = 3;

/// One list mended: the blocks that had ended it, and where they went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mended {
    /// Where the mended list starts (it starts where its first half did).
    pub list_start: usize,
    /// The 0-based index of the item the blocks went back into.
    pub item: usize,
    /// The span of the first block that had ended the list.
    pub first_moved: Span,
}

/// A tab heading's link that a space parted from its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpacedTab {
    /// The bytes of `[PowerShell] (#tab/powershell)` in the file.
    pub range: Range<usize>,
    /// The link's target, `#tab/powershell`.
    pub target: String,
}

/// Whether a heading of `article` may be a tab heading whose link a space parted from its text: one whose text holds
/// `(#tab/`. Asked of the parsed article, whose headings are few, so that the text is searched only when one is.
pub fn may_have_spaced_tab(article: &Article) -> bool {
    fn spaced(inlines: &[Inline]) -> bool {
        inlines.iter().any(|inline| matches!(inline, Inline::Text { text, .. } if text.contains("(#tab/")))
    }
    fn in_blocks(blocks: &[Block]) -> bool {
        blocks.iter().any(|block| match block {
            Block::Heading { inlines, .. } => spaced(inlines),
            Block::List { items, .. } => items.iter().any(|item| in_blocks(&item.blocks)),
            other => in_blocks(other.children()),
        })
    }
    fn in_sections(sections: &[Section]) -> bool {
        sections
            .iter()
            .any(|section| spaced(&section.heading) || in_blocks(&section.blocks) || in_sections(&section.sections))
    }
    in_blocks(&article.preamble) || in_sections(&article.sections)
}

/// `text` with the white space taken out of each tab heading link `# [Name] (#tab/id)` and put at the end of its line,
/// where a heading ignores it, so that every other byte keeps its offset; `None` when no tab heading is broken so.
pub fn spaced_tab_links(text: &str) -> Option<(String, Vec<SpacedTab>)> {
    let mut spaced = Vec::new();
    let mut mended = Vec::new();
    for open in memchr::memmem::find_iter(text.as_bytes(), b"(#tab/") {
        let line_start = text[..open].rfind('\n').map_or(0, |at| at + 1);
        let line_end = text[open..].find('\n').map_or(text.len(), |at| open + at);
        let before = &text[line_start..open];
        let text_part = before.trim_end_matches([' ', '\t']);
        let heading = text_part.trim_start_matches(' ');
        let hashes = heading.len() - heading.trim_start_matches('#').len();
        // Localized articles put an `<a name>` anchor before the text of every heading.
        let title = heading[hashes..].trim_start();
        let title = match title.strip_prefix("<a ").and_then(|anchor| anchor.split_once("</a>")) {
            Some((_, after)) => after.trim_start(),
            None => title,
        };
        let opens_heading = text_part.len() - heading.len() <= 3
            && (1..=6).contains(&hashes)
            && heading[hashes..].starts_with([' ', '\t'])
            && title.starts_with('[');
        let Some(close) = text[open..line_end].find(')').map(|at| open + at) else { continue };
        let spaced_link = text_part.len() < before.len() && text_part.ends_with(']');
        if !opens_heading || !spaced_link || !text[close + 1..line_end].trim().is_empty() {
            continue;
        }
        let close_bracket = line_start + text_part.len() - 1;
        let open_bracket = line_start + text_part.len() - title.len();
        let target = &text[open + 1..close];
        if target.contains(char::is_whitespace) {
            continue;
        }
        spaced.push(SpacedTab { range: open_bracket..close + 1, target: target.to_owned() });
        mended.push((close_bracket + 1, open, close + 1));
    }
    if spaced.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (gap_start, open, after_close) in mended {
        out.push_str(&text[copied..gap_start]);
        out.push_str(&text[open..after_close]);
        out.push_str(&text[gap_start..open]);
        copied = after_close;
    }
    out.push_str(&text[copied..]);
    Some((out, spaced))
}

/// A moniker zone the translation left open, where the source closes its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosedZone {
    /// The bytes of the zone's opening line in the translation.
    pub opening: Range<usize>,
    /// The range the zone names, as written.
    pub range: String,
    /// Where its end is read: at the blank line where it holds as much as the source's zone, as [`zones_left_open`]
    /// counts it.
    pub end: ZoneEnd,
    /// The bytes of the source's `moniker-end` line.
    pub source_end: Range<usize>,
}

/// A code fence a file left open, where the other file of the pair closes its own: the file is read with a closing
/// fence there, and the breakage is one finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosedFence {
    /// Where the closing fence is read, and its line.
    pub end: FenceEnd,
    /// The fence's `broken-markdown` finding: an error on the translation, a note on the source.
    pub finding: Diagnostic,
    /// The line of its opening fence (of its first code line, for a lost opening fence): the parser's finding there,
    /// that the fence is never closed, is this one's.
    pub opener: u32,
}

/// A moniker zone opened at the start of a line, and the start of the line that closes it, if one does.
struct Zone<'t> {
    opening: Range<usize>,
    range: &'t str,
    colons: usize,
    end: Option<Range<usize>>,
}

/// The zones opened at the start of a line of `text`, in order. A zone is open until a `moniker-end` of as many colons,
/// or the next zone.
fn zones(text: &str) -> Vec<Zone<'_>> {
    let mut zones: Vec<Zone<'_>> = Vec::new();
    for directive in directives::prepare(text, 0, &MissingEnds::default()).directives {
        let at_line_start = directive.start == 0 || text.as_bytes()[directive.start - 1] == b'\n';
        match directive.kind {
            DirectiveKind::MonikerOpen { colons, .. } if at_line_start => {
                let range = text[directive.start..directive.end].split('"').nth(1).unwrap_or_default();
                zones.push(Zone { opening: directive.start..directive.end, range, colons, end: None });
            }
            DirectiveKind::MonikerEnd { colons } => {
                if let Some(zone) = zones.last_mut().filter(|zone| zone.end.is_none() && zone.colons == colons) {
                    zone.end = Some(directive.start..directive.end);
                }
            }
            _ => {}
        }
    }
    zones
}

/// The moniker zones of `target` left open that the source's zone at the same place (as many zones before it, the
/// same range) closes, each with where its end is read: where the translated zone holds as much as the source's (as
/// many headings, and as many paragraphs after the last one; without headings, as many paragraphs), at the blank line
/// after that. A zone that holds less, or another directive before that, or nothing after that, is left open.
pub fn zones_left_open(source: &str, target: &str) -> Vec<ClosedZone> {
    let target_zones = zones(target);
    if target_zones.iter().all(|zone| zone.end.is_some()) {
        return Vec::new();
    }
    let source_zones = zones(source);
    let mut closed = Vec::new();
    for (zone, own) in target_zones.iter().zip(&source_zones) {
        let Some(source_end) = own.end.clone() else { continue };
        if zone.end.is_some() || normal_range(zone.range) != normal_range(own.range) {
            continue;
        }
        let content = ZoneContent::of(&source[own.opening.end..source_end.start]);
        // A heading the source has after its zone ends the zone, however many paragraphs came before it.
        let after_zone: HashSet<String> = source[source_end.end..].lines().filter_map(heading_id).collect();
        let ends_zone = |line: &str| heading_id(line).is_some_and(|id| after_zone.contains(&id));
        let after_opening = (zone.opening.end + 1).min(target.len());
        let Some(at) = content.end_in(&target[after_opening..], ends_zone) else { continue };
        // Nothing after that end: the zone runs to the end of the file as the source's does, readers see the same,
        // and the parser's warning says it is not closed.
        if target[after_opening + at..].trim().is_empty() {
            continue;
        }
        closed.push(ClosedZone {
            opening: zone.opening.clone(),
            range: zone.range.to_owned(),
            end: ZoneEnd { at: after_opening + at, colons: zone.colons },
            source_end,
        });
    }
    closed
}

/// What a zone holds, counted in paragraphs (runs of lines between blank lines; a heading is one).
#[derive(Debug, Default, PartialEq)]
struct ZoneContent {
    paragraphs: usize,
    headings: usize,
    /// The paragraphs after the last heading.
    after_last_heading: usize,
}

impl ZoneContent {
    fn of(text: &str) -> Self {
        let mut content = Self::default();
        let mut previous_blank = true;
        for line in text.lines() {
            content.count(line, previous_blank);
            previous_blank = line.trim().is_empty();
        }
        content
    }

    fn count(&mut self, line: &str, previous_blank: bool) {
        if !previous_blank || line.trim().is_empty() {
            return;
        }
        self.paragraphs += 1;
        if heading_id(line.trim_end()).is_some() {
            self.headings += 1;
            self.after_last_heading = 0;
        } else {
            self.after_last_heading += 1;
        }
    }

    /// Whether a translated zone that holds `seen` so far holds as much as this one. Headings count first: a
    /// translation adds and drops paragraphs more often than headings, so a zone with headings is read as ending as
    /// many paragraphs after the last one as the source's does.
    fn is_reached_by(&self, seen: &Self) -> bool {
        if self.headings == 0 {
            seen.paragraphs == self.paragraphs
        } else {
            seen.headings == self.headings && seen.after_last_heading == self.after_last_heading
        }
    }

    /// The offset in `text` of the blank line after it holds as much as this zone, or before a line that
    /// `ends_zone` after a blank line, when a directive line does not come first.
    fn end_in(&self, text: &str, ends_zone: impl Fn(&str) -> bool) -> Option<usize> {
        if self.paragraphs == 0 {
            return None;
        }
        let mut seen = Self::default();
        let mut offset = 0;
        let mut previous_blank = true;
        let mut previous_offset = None;
        for line in text.split_inclusive('\n') {
            let blank = line.trim().is_empty();
            if blank && !previous_blank && self.is_reached_by(&seen) {
                return Some(offset);
            }
            if line.trim_start().starts_with(":::") {
                return None;
            }
            if !blank && previous_blank && seen.paragraphs > 0 && ends_zone(line.trim_end()) {
                return previous_offset;
            }
            previous_offset = Some(offset);
            seen.count(line, previous_blank);
            previous_blank = blank;
            offset += line.len();
        }
        None
    }
}

/// Mends every broken numbered list of `article`, in every section and container; returns what it mended.
pub fn broken_lists(article: &mut Article) -> Vec<Mended> {
    let mut mended = Vec::new();
    mend_blocks(&mut article.preamble, &mut mended);
    mend_sections(&mut article.sections, &mut mended);
    mended
}

fn mend_sections(sections: &mut [Section], mended: &mut Vec<Mended>) {
    for section in sections {
        mend_blocks(&mut section.blocks, mended);
        mend_sections(&mut section.sections, mended);
    }
}

fn mend_blocks(blocks: &mut Vec<Block>, mended: &mut Vec<Mended>) {
    let mut at = 0;
    while at < blocks.len() {
        match continuation(blocks, at) {
            Some(next_list) => mend_at(blocks, at, next_list, mended),
            None => at += 1,
        }
    }
    for block in blocks.iter_mut() {
        match block {
            Block::List { items, .. } => {
                for item in items {
                    mend_blocks(&mut item.blocks, mended);
                }
            }
            other => {
                if let Some(blocks) = other.children_mut() {
                    mend_blocks(blocks, mended);
                }
            }
        }
    }
}

/// When `blocks[at]` is a numbered list that a few blocks later goes on (a numbered list counting on from it, not
/// starting over), the index of that second list. The second list need not start at the very next number: a
/// translation that lost or gained an item before the break still goes on (`1. 2. 4.`, a note, `5.`), and that item
/// is for the comparison to find, in one list.
fn continuation(blocks: &[Block], at: usize) -> Option<usize> {
    let Block::List { ordered: true, start, .. } = &blocks[at] else { return None };
    let between = blocks[at + 1..].iter().take_while(|block| may_end_a_list(block)).count();
    let next = at + 1 + between;
    match blocks.get(next) {
        Some(Block::List { ordered: true, start: Some(number), .. })
            if (1..=MAX_BLOCKS_BETWEEN).contains(&between) && *number > start.unwrap_or(1) =>
        {
            Some(next)
        }
        _ => None,
    }
}

/// Blocks that, left unindented, end a list: content of a step. Headings open sections, lists are the halves
/// themselves, and HTML blocks hold comments (suppressions) that must stay where they are.
pub(super) fn may_end_a_list(block: &Block) -> bool {
    !matches!(block, Block::Heading { .. } | Block::List { .. } | Block::Html { .. })
}

/// Moves the blocks between `blocks[first_list]` and `blocks[second_list]` into the last item of the first, and the
/// second list's items after it.
fn mend_at(blocks: &mut Vec<Block>, first_list: usize, second_list: usize, mended: &mut Vec<Mended>) {
    let mut taken: Vec<Block> = blocks.drain(first_list + 1..=second_list).collect();
    let Some(Block::List { items: more, span: second_span, .. }) = taken.pop() else {
        unreachable!("continuation found a list there")
    };
    let Block::List { items, span, .. } = &mut blocks[first_list] else { unreachable!("continuation checked it") };
    let item = items.len() - 1;
    mended.push(Mended { list_start: span.start, item, first_moved: taken[0].span() });
    let last = &mut items[item];
    if let Some(moved_end) = taken.last().map(Block::span) {
        last.span.extend_to(moved_end);
    }
    last.blocks.extend(taken);
    items.extend(more);
    span.extend_to(second_span);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{NoIncludes, ParseOptions, parse};

    fn mended(markdown: &str) -> (Article, Vec<Mended>) {
        let mut article = parse("a.md", markdown, &ParseOptions::default(), &NoIncludes).article;
        let mended = broken_lists(&mut article);
        (article, mended)
    }

    fn shape(blocks: &[Block]) -> Vec<String> {
        blocks
            .iter()
            .map(|block| match block {
                Block::List { items, .. } => {
                    let items: Vec<String> = items.iter().map(|item| shape(&item.blocks).join("+")).collect();
                    format!("list[{}]", items.join(", "))
                }
                Block::Alert { .. } => "alert".to_owned(),
                Block::Paragraph { .. } => "p".to_owned(),
                other => format!("{other:?}").split_whitespace().next().unwrap_or_default().to_owned(),
            })
            .collect()
    }

    #[test]
    fn a_tab_link_parted_by_a_space_is_mended_in_place() {
        let text = "# T\n\n# [Portal]  (#tab/portal)\n\nA.\n\n## [CLI](#tab/cli)\n\nB.\n\n---\n";
        let (mended, spaced) = spaced_tab_links(text).unwrap();
        assert_eq!(mended, "# T\n\n# [Portal](#tab/portal)  \n\nA.\n\n## [CLI](#tab/cli)\n\nB.\n\n---\n");
        assert_eq!(spaced, [SpacedTab { range: 7..30, target: "#tab/portal".to_owned() }]);
        assert_eq!(&text[spaced[0].range.clone()], "[Portal]  (#tab/portal)");
        let article = parse("a.md", &mended, &ParseOptions::default(), &NoIncludes).article;
        assert!(matches!(&article.sections[0].blocks[0], Block::Tabs { tabs, .. } if tabs.len() == 2), "{article:?}");

        let anchored = "# <a name=\"cli\"></a>[CLI] (#tab/cli)\n";
        let (mended, spaced) = spaced_tab_links(anchored).unwrap();
        assert_eq!(mended, "# <a name=\"cli\"></a>[CLI](#tab/cli) \n");
        assert_eq!(&anchored[spaced[0].range.clone()], "[CLI] (#tab/cli)");
    }

    #[test]
    fn only_a_heading_that_is_a_tab_link_is_mended() {
        for text in [
            "Text [Portal] (#tab/portal)\n",
            "    # [Portal] (#tab/portal)\n",
            "# [Portal] (#tab/portal) and more\n",
            "# Portal (#tab/portal)\n",
            "#[Portal] (#tab/portal)\n",
            "# [Portal](#tab/portal)\n",
            "> # [Portal] (#tab/portal)\n",
            "# <a name=\"x\"></a>Portal (#tab/portal)\n",
        ] {
            assert_eq!(spaced_tab_links(text), None, "{text}");
        }
    }

    #[test]
    fn a_zone_left_open_closes_after_as_many_paragraphs_as_the_source_zone_holds() {
        let source = "# T\n\n::: moniker range=\"o365-worldwide\"\n\n> [!NOTE]\n> Worldwide.\n\nMore.\n\n::: moniker-end\n\nAfter.\n";
        let target = "# T\n\n::: moniker range=\"O365-Worldwide\"\n> [!NOTE]\n> Mondial.\n\nPlus.\n\nAprès.\n\n## H\n";
        let closed = zones_left_open(source, target);
        let after_plus = target.find("\nAprès").unwrap();
        assert_eq!(
            closed,
            [ClosedZone {
                opening: 5..39,
                range: "O365-Worldwide".to_owned(),
                end: ZoneEnd { at: after_plus, colons: 3 },
                source_end: source.find("::: moniker-end").unwrap()..source.find("\n\nAfter").unwrap(),
            }]
        );
        let options = ParseOptions {
            missing: MissingEnds { zones: vec![closed[0].end], fences: Vec::new() },
            ..ParseOptions::default()
        };
        let parsed = parse("a.md", target, &options, &NoIncludes);
        assert_eq!(parsed.diagnostics, [], "read as closed");
        assert_eq!(shape(&parsed.article.sections[0].blocks), ["Moniker", "p"]);
        assert_eq!(parsed.article.sections[0].sections[0].moniker, None, "the heading after it is in no zone");
        let Block::Moniker { blocks, span, .. } = &parsed.article.sections[0].blocks[0] else { unreachable!() };
        assert_eq!((shape(blocks), span.line, span.end_line), (vec!["alert".to_owned(), "p".to_owned()], 3, 8));
    }

    #[test]
    fn a_heading_the_source_has_after_its_zone_ends_the_zone_however_many_paragraphs_came_before() {
        let source = "::: moniker range=\"a\"\n\nOne.\n\nTwo.\n\n::: moniker-end\n\n## <a name=\"next\"></a>Next\n";
        let target = "::: moniker range=\"a\"\n\nUn.\n\n\n## <a name=\"next\"></a>Suivant\n\nTexte.\n";
        let closed = zones_left_open(source, target);
        assert_eq!(closed.iter().map(|zone| zone.end.at).collect::<Vec<_>>(), [target.find("\n\n## ").unwrap() + 1]);
    }

    #[test]
    fn a_zone_with_headings_ends_as_many_paragraphs_after_its_last_heading_as_the_source_zone() {
        let source = "::: moniker range=\"a\"\n\nOne.\n\n### Special\n\nTwo.\n\n::: moniker-end\n\nAfter.\n";
        let added = "::: moniker range=\"a\"\n\nUn.\n\nEn plus.\n\n### Spécial\n\nDeux.\n\nAprès.\n";
        let dropped = "::: moniker range=\"a\"\n\n### Spécial\n\nDeux.\n\nAprès.\n";
        for (target, why) in [(added, "a paragraph added before the heading"), (dropped, "one dropped")] {
            let closed = zones_left_open(source, target);
            let ends = closed.iter().map(|zone| zone.end.at).collect::<Vec<_>>();
            assert_eq!(ends, [target.find("\n\nAprès").unwrap() + 1], "{why}");
        }
    }

    #[test]
    fn a_zone_left_open_with_nothing_after_its_end_is_left_to_the_parser_whatever_blank_lines_end_the_file() {
        let source = "::: moniker range=\"a\"\n\nOne.\n\n::: moniker-end\n";
        for target in ["::: moniker range=\"a\"\n\nUn.\n", "::: moniker range=\"a\"\n\nUn.\n\n\n"] {
            assert_eq!(zones_left_open(source, target), [], "{target:?}");
        }
    }

    #[test]
    fn a_zone_is_closed_only_where_the_source_closes_the_same_one() {
        let zone = |range: &str, end: &str| format!("::: moniker range=\"{range}\"\n\nA.\n\n{end}B.\n\nC.\n");
        let open_a = zone("a", "");
        for (source, why) in [
            (zone("b", "::: moniker-end\n\n"), "another range"),
            (open_a.clone(), "the source leaves it open too"),
            ("No zone.\n".to_owned(), "the source has no zone"),
            (
                zone("a", "More.\n\nAnd more.\n\nAnd more.\n\nAnd more.\n\n::: moniker-end\n\n"),
                "more paragraphs than there are",
            ),
        ] {
            assert_eq!(zones_left_open(&source, &open_a), [], "{why}");
        }
        let closed = zone("a", "::: moniker-end\n\n");
        assert_eq!(zones_left_open(&closed, &closed), [], "closed alike");
        let before_next_zone = "::: moniker range=\"a\"\n\nA.\n\n::: moniker range=\"b\"\n\nB.\n\n::: moniker-end\n";
        let source = "::: moniker range=\"a\"\n\nA.\n\nA2.\n\n::: moniker-end\n";
        assert_eq!(zones_left_open(source, before_next_zone), [], "another zone opens first");
    }

    #[test]
    fn a_note_that_ended_a_list_goes_back_into_its_step() {
        let (article, mended) = mended("# T\n\n1. One.\n\n> [!NOTE]\n> Note.\n\n2. Two.\n3. Three.\n\nAfter.\n");
        assert_eq!(shape(&article.sections[0].blocks), ["list[p+alert, p, p]", "p"]);
        assert_eq!(mended.len(), 1);
        assert_eq!((mended[0].item, mended[0].first_moved.line), (0, 5));
        let Block::List { span, .. } = &article.sections[0].blocks[0] else { unreachable!() };
        // To where the second half ended: the start of line 11, past the blank line, as pulldown-cmark ends lists.
        assert_eq!((span.line, span.end_line, span.end_column), (3, 11, 1));
    }

    /// A translation that lost an item before the break numbers on all the same: one list, whose missing item the
    /// comparison reports, not two lists and a paragraph without counterparts.
    #[test]
    fn a_list_that_lost_an_item_before_the_break_is_mended_too() {
        let (article, mended) = mended("# T\n\n1. One.\n2. Two.\n4. Four.\n\nIt opens.\n\n5. Five.\n");
        assert_eq!(shape(&article.sections[0].blocks), ["list[p, p, p+p, p]"]);
        assert_eq!(mended.len(), 1);
    }

    #[test]
    fn lists_that_do_not_number_on_are_left_as_written() {
        // A new procedure restarts at 1 (or anywhere not past the first list's start); a bullet list is no
        // continuation; a heading is a section.
        for markdown in [
            "# T\n\n1. One.\n\nThen:\n\n1. Again.\n",
            "# T\n\n1. One.\n\nThen:\n\n- Bullet.\n",
            "# T\n\n1. One.\n\n## Next\n\n2. Two.\n",
            "# T\n\n1. One.\n\na\n\nb\n\nc\n\nd\n\n2. Two.\n",
            "# T\n\n3. Three.\n\nThen:\n\n2. Two.\n",
        ] {
            let (_, mended) = mended(markdown);
            assert_eq!(mended, [], "{markdown}");
        }
    }

    #[test]
    fn nested_lists_and_several_breaks_are_mended_too() {
        let markdown = "# T\n\n- Outer.\n\n  1. One.\n\n  ![Shot](a.png)\n\n  2. Two.\n\n  Note.\n\n  3. Three.\n";
        let (article, mended) = mended(markdown);
        assert_eq!(mended.len(), 2);
        assert_eq!(shape(&article.sections[0].blocks), ["list[p+list[p+p, p+p, p]]"]);
    }
}
