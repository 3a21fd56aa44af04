//! From the flat block list to the section tree, and moniker selection.

use std::collections::BTreeMap;

use super::ids::Ids;
use super::moniker::{MonikerOrder, MonikerRange};
use crate::model::{Block, Inline, Section, Span, text};
use crate::report::{Diagnostic, Location, Severity};

/// Splits top-level blocks into the blocks before the first heading and the section tree. A moniker zone that holds
/// headings gives its range to the sections those headings open.
pub fn build(blocks: Vec<Block>) -> (Vec<Block>, Vec<Section>) {
    let mut tree = Tree::default();
    for block in blocks {
        match block {
            Block::Heading { level, inlines, span } => tree.open(level, inlines, span, None),
            Block::Moniker { range, blocks, closed, span } if blocks.iter().any(is_heading) => {
                tree.zone_with_headings(range, blocks, closed, span)
            }
            other => tree.push(other),
        }
    }
    tree.finish()
}

fn is_heading(block: &Block) -> bool {
    matches!(block, Block::Heading { .. })
}

#[derive(Default)]
struct Tree {
    preamble: Vec<Block>,
    roots: Vec<Section>,
    /// The open sections, outermost first.
    open: Vec<Section>,
    ids: Ids,
}

impl Tree {
    fn push(&mut self, block: Block) {
        match self.open.last_mut() {
            Some(section) => {
                section.span.extend_to(block.span());
                section.blocks.push(block);
            }
            None => self.preamble.push(block),
        }
    }

    fn open(&mut self, level: u8, mut inlines: Vec<Inline>, span: Span, moniker: Option<String>) {
        while self.open.last().is_some_and(|section| section.level >= level) {
            self.close_last();
        }
        let explicit = leading_anchor(&mut inlines);
        let title = text::inlines(&inlines).trim().to_owned();
        let id = self.ids.next(explicit.as_deref(), &title);
        self.open.push(Section {
            level,
            id,
            explicit_id: explicit.is_some(),
            title,
            moniker,
            heading: inlines,
            heading_span: span,
            blocks: Vec::new(),
            sections: Vec::new(),
            span,
        });
    }

    fn zone_with_headings(&mut self, range: String, blocks: Vec<Block>, closed: bool, span: Span) {
        let mut before = Vec::new();
        let mut blocks = blocks.into_iter().peekable();
        while let Some(block) = blocks.next_if(|block| !is_heading(block)) {
            before.push(block);
        }
        if !before.is_empty() {
            let mut zone_span = Span { end: span.start, end_line: span.line, end_column: span.column, ..span };
            zone_span.extend_to(before.last().map_or(span, Block::span));
            self.push(Block::Moniker { range: range.clone(), blocks: before, closed, span: zone_span });
        }
        for block in blocks {
            match block {
                Block::Heading { level, inlines, span } => self.open(level, inlines, span, Some(range.clone())),
                other => self.push(other),
            }
        }
    }

    fn close_last(&mut self) {
        let Some(section) = self.open.pop() else { return };
        match self.open.last_mut() {
            Some(parent) => {
                parent.span.extend_to(section.span);
                parent.sections.push(section);
            }
            None => self.roots.push(section),
        }
    }

    fn finish(mut self) -> (Vec<Block>, Vec<Section>) {
        while !self.open.is_empty() {
            self.close_last();
        }
        (self.preamble, self.roots)
    }
}

/// Takes a leading `<a name>` anchor (after blank text) off a heading's inlines and returns its name. Other anchors
/// are dropped from the heading too: they are invisible.
fn leading_anchor(inlines: &mut Vec<Inline>) -> Option<String> {
    let first_visible =
        inlines.iter().position(|inline| !matches!(inline, Inline::Text { text, .. } if text.trim().is_empty()));
    let explicit = match first_visible.map(|at| &inlines[at]) {
        Some(Inline::Anchor { name, .. }) => Some(name.clone()),
        _ => None,
    };
    inlines.retain(|inline| !matches!(inline, Inline::Anchor { .. }));
    if let Some(Inline::Text { text, .. }) = inlines.first_mut() {
        let trimmed = text.trim_start();
        if trimmed.len() != text.len() {
            *text = trimmed.to_owned();
        }
    }
    explicit
}

/// Keeps the content of `blocks` that applies to `moniker`: zones whose range excludes it are removed (headings
/// inside them too), zones that include it stay. A range that cannot be evaluated is kept, with a diagnostic. A
/// moniker no zone names but one of them almost does (`o365-21vianett`) is reported with that name: the misspelling
/// would otherwise silently drop the zone.
pub fn select_moniker(
    blocks: Vec<Block>,
    moniker: &str,
    order: &MonikerOrder,
    path: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Block> {
    let mut selection = Selection { moniker, order, path, diagnostics, names: BTreeMap::new() };
    let blocks = selection.select(blocks);
    let Selection { names, diagnostics, .. } = selection;
    let wanted = moniker.to_ascii_lowercase();
    if !names.contains_key(&wanted) && !order.lists(moniker) {
        // Monikers that differ in digits alone are other versions (`sql-server-ver15`, `sql-server-ver16`), not a typo.
        let letters = |name: &str| name.replace(|c: char| c.is_ascii_digit(), "");
        let near = names.iter().find(|(name, _)| {
            strsim::levenshtein(name, &wanted) <= MAX_TYPO_EDITS && letters(name) != letters(&wanted)
        });
        if let Some((name, span)) = near {
            diagnostics.push(Diagnostic::new(
                super::blocks::PARSE_ERROR,
                Severity::Warning,
                Location::new(path, *span),
                format!("no moniker zone names `{moniker}`; did you mean `{name}`, which this zone names?"),
            ));
        }
    }
    blocks
}

/// How many letters a moniker may differ by from a zone's and still be taken for a misspelling of it.
const MAX_TYPO_EDITS: usize = 2;

/// A moniker selection under way, and the monikers the zones seen so far name.
struct Selection<'a> {
    moniker: &'a str,
    order: &'a MonikerOrder,
    path: &'a str,
    diagnostics: &'a mut Vec<Diagnostic>,
    /// Every moniker a zone's range names, lower-cased, and the first zone naming it.
    names: BTreeMap<String, Span>,
}

impl Selection<'_> {
    fn select(&mut self, blocks: Vec<Block>) -> Vec<Block> {
        blocks
            .into_iter()
            .filter_map(|block| match block {
                Block::Moniker { range, blocks, closed, span } => {
                    let keep = match MonikerRange::parse(&range) {
                        Ok(parsed) => {
                            for comparator in parsed.sets.iter().flatten() {
                                self.names.entry(comparator.moniker.clone()).or_insert(span);
                            }
                            parsed.contains(self.moniker, self.order).unwrap_or_else(|error| {
                                self.diagnostics.push(Diagnostic::new(
                                    super::blocks::PARSE_ERROR,
                                    Severity::Warning,
                                    Location::new(self.path, span),
                                    format!("{error}; the zone is kept"),
                                ));
                                true
                            })
                        }
                        // Already reported when the zone was read.
                        Err(_) => true,
                    };
                    keep.then(|| Block::Moniker { range, blocks: self.select(blocks), closed, span })
                }
                Block::List { ordered, start, items, span } => {
                    let items = items
                        .into_iter()
                        .map(|mut item| {
                            item.blocks = self.select(item.blocks);
                            item
                        })
                        .collect();
                    Some(Block::List { ordered, start, items, span })
                }
                Block::Alert { alert, blocks, span } => Some(Block::Alert { alert, blocks: self.select(blocks), span }),
                Block::Quote { blocks, span } => Some(Block::Quote { blocks: self.select(blocks), span }),
                Block::Div { attributes, blocks, span } => {
                    Some(Block::Div { attributes, blocks: self.select(blocks), span })
                }
                Block::Extension { name, attributes, blocks, span } => {
                    Some(Block::Extension { name, attributes, blocks: self.select(blocks), span })
                }
                other => Some(other),
            })
            .collect()
    }
}
