//! From the flat block list to the section tree, and the selection of what a reader sees: one moniker's content,
//! Learn's pages' content.

use std::collections::{BTreeMap, HashMap};

use super::ParseOptions;
use super::directives;
use super::ids::Ids;
use super::moniker::{EvaluateError, MonikerOrder, MonikerRange};
use crate::model::{Block, Inline, Section, Span, attribute, text};
use crate::report::{Diagnostic, Location, Severity};

/// Splits top-level blocks into the blocks before the first heading and the section tree. Headings inside a moniker
/// zone, a `::: zone` or a `> [!div]` open sections as the article's own headings do, as they do on Learn's page; the
/// sections a moniker zone or a pivot zone opens apply to its range or pivot only. A heading keeps the id `ids` gives
/// it by where it starts ([`heading_ids`]); the others are given theirs here.
pub fn build(blocks: Vec<Block>, ids: &HashMap<usize, String>) -> (Vec<Block>, Vec<Section>) {
    let mut tree =
        Tree { given_ids: ids, preamble: Vec::new(), roots: Vec::new(), open: Vec::new(), ids: Ids::default() };
    for block in blocks {
        tree.add(block, &Scope::default());
    }
    tree.finish()
}

/// The ids of the section headings of `blocks`, by where each starts. Given to [`build`] after a variant of the
/// article is selected, they keep each heading's id what it is in the whole article: a heading that the variant
/// leaves out does not move the `-1` suffixes of the headings after it, and an id always names the same heading.
pub fn heading_ids(blocks: Vec<Block>) -> HashMap<usize, String> {
    fn collect(sections: Vec<Section>, ids: &mut HashMap<usize, String>) {
        for section in sections {
            ids.insert(section.heading_span.start, section.id);
            collect(section.sections, ids);
        }
    }
    let mut ids = HashMap::new();
    collect(build(blocks, &HashMap::new()).1, &mut ids);
    ids
}

/// The variant of the article the containers around a heading hold: a moniker range, a zone pivot.
#[derive(Debug, Clone, Default)]
struct Scope {
    moniker: Option<String>,
    pivot: Option<String>,
}

/// True when `block` is a container whose headings open sections: a moniker zone, a `::: zone` or a `> [!div]` that
/// Learn's pages show, holding a heading (or such a container holding one).
fn opens_sections(block: &Block) -> bool {
    let container = match block {
        Block::Moniker { .. } => true,
        Block::Extension { name, .. } => name == "zone",
        Block::Div { .. } => true,
        _ => false,
    };
    container
        && shown_on_learn_pages(block)
        && block.children().iter().any(|child| matches!(child, Block::Heading { .. }) || opens_sections(child))
}

/// False for content only the Azure portal's embedded view of an article renders: `::: zone target="chromeless"`
/// and `> [!div renderon="portal"]`. Learn's pages show the `docs` target alone.
fn shown_on_learn_pages(block: &Block) -> bool {
    let names_docs = |targets: &str| targets.split(',').any(|target| target.trim().eq_ignore_ascii_case("docs"));
    match block {
        Block::Extension { name, attributes, .. } if name == "zone" => {
            attribute(attributes, "target").is_none_or(names_docs)
        }
        Block::Div { attributes, .. } => {
            let (attributes, _) = directives::attributes(attributes);
            attribute(&attributes, "renderon").is_none_or(names_docs)
        }
        _ => true,
    }
}

struct Tree<'i> {
    /// The ids headings were given before ([`heading_ids`]).
    given_ids: &'i HashMap<usize, String>,
    preamble: Vec<Block>,
    roots: Vec<Section>,
    /// The open sections, outermost first.
    open: Vec<Section>,
    ids: Ids,
}

impl Tree<'_> {
    fn push(&mut self, block: Block) {
        match self.open.last_mut() {
            Some(section) => {
                section.span.extend_to(block.span());
                section.blocks.push(block);
            }
            None => self.preamble.push(block),
        }
    }

    fn open(&mut self, level: u8, mut inlines: Vec<Inline>, span: Span, scope: &Scope) {
        while self.open.last().is_some_and(|section| section.level >= level) {
            self.close_last();
        }
        let explicit = leading_anchor(&mut inlines);
        let title = text::inlines(&inlines).trim().to_owned();
        let id = match self.given_ids.get(&span.start) {
            Some(id) => id.clone(),
            None => self.ids.next(explicit.as_deref(), &title),
        };
        self.open.push(Section {
            level,
            id,
            explicit_id: explicit.is_some(),
            title,
            moniker: scope.moniker.clone(),
            pivot: scope.pivot.clone(),
            heading: inlines,
            heading_span: span,
            blocks: Vec::new(),
            sections: Vec::new(),
            span,
        });
    }

    fn add(&mut self, block: Block, scope: &Scope) {
        match block {
            Block::Heading { level, inlines, span } => self.open(level, inlines, span, scope),
            container if opens_sections(&container) => self.container_with_headings(container, scope),
            other => self.push(other),
        }
    }

    /// Adds a container holding headings: the blocks before its first heading stay in it, the rest join the tree,
    /// in the container's scope.
    fn container_with_headings(&mut self, mut container: Block, scope: &Scope) {
        let mut scope = scope.clone();
        match &container {
            Block::Moniker { range, .. } => scope.moniker = Some(range.clone()),
            Block::Extension { attributes, .. } => {
                if let Some(pivot) = attribute(attributes, "pivot") {
                    scope.pivot = Some(pivot.to_owned());
                }
            }
            _ => {}
        }
        let (Block::Moniker { blocks, span, .. }
        | Block::Extension { blocks, span, .. }
        | Block::Div { blocks, span, .. }) = &mut container
        else {
            return self.push(container);
        };
        let first_heading =
            blocks.iter().position(|block| matches!(block, Block::Heading { .. }) || opens_sections(block));
        let rest = blocks.split_off(first_heading.unwrap_or(blocks.len()));
        if let Some(last) = blocks.last().map(Block::span) {
            *span = Span { end: span.start, end_line: span.line, end_column: span.column, ..*span };
            span.extend_to(last);
            self.push(container);
        }
        for block in rest {
            self.add(block, &scope);
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

/// Keeps the content of `blocks` its reader sees. With a moniker (`--moniker`), that is what applies to it: zones whose
/// range excludes it are removed (headings inside them too), zones that include it stay. A range that cannot be
/// evaluated is kept, with a diagnostic. A moniker no zone names but one of them almost does (`o365-21vianett`) is
/// reported with that name: the misspelling would otherwise silently drop the zone. With `learn_pages`, content
/// Learn's pages do not show is removed: `::: zone target="chromeless"` and `> [!div renderon="portal"]`.
pub fn select(blocks: Vec<Block>, options: &ParseOptions, path: &str, diagnostics: &mut Vec<Diagnostic>) -> Vec<Block> {
    let order = &options.moniker_order;
    let moniker = options.moniker.as_deref();
    let mut selection =
        Selection { moniker, learn_pages: options.learn_pages, order, names: BTreeMap::new(), unevaluated: Vec::new() };
    let blocks = selection.select(blocks);
    let Selection { names, unevaluated, .. } = selection;
    // One warning, at the first zone: an article versioned by ordered ranges has dozens, all kept for one reason.
    if let Some(((span, error), others)) = unevaluated.split_first() {
        let mut message = format!("{error}; the zone is kept");
        if !others.is_empty() {
            let lines: Vec<String> = others.iter().map(|(span, _)| span.line.to_string()).collect();
            message.push_str(&format!(
                ", and so are the {} other zones that cannot be evaluated (lines {})",
                others.len(),
                lines.join(", ")
            ));
        }
        diagnostics.push(Diagnostic::new(
            super::blocks::PARSE_ERROR,
            Severity::Warning,
            Location::new(path, *span),
            message,
        ));
    }
    let Some(moniker) = moniker else { return blocks };
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

/// A selection under way, and the monikers the zones seen so far name.
struct Selection<'a> {
    moniker: Option<&'a str>,
    learn_pages: bool,
    order: &'a MonikerOrder,
    /// Every moniker a zone's range names, lower-cased, and the first zone naming it.
    names: BTreeMap<String, Span>,
    /// The zones kept because their range could not be evaluated, and why.
    unevaluated: Vec<(Span, EvaluateError)>,
}

impl Selection<'_> {
    fn select(&mut self, blocks: Vec<Block>) -> Vec<Block> {
        blocks
            .into_iter()
            .filter_map(|mut block| {
                if !self.keeps(&block) {
                    return None;
                }
                match &mut block {
                    Block::List { items, .. } => {
                        for item in items {
                            item.blocks = self.select(std::mem::take(&mut item.blocks));
                        }
                    }
                    other => {
                        if let Some(children) = other.children_mut() {
                            *children = self.select(std::mem::take(children));
                        }
                    }
                }
                Some(block)
            })
            .collect()
    }

    /// Whether `block` stays, its own content aside.
    fn keeps(&mut self, block: &Block) -> bool {
        if self.learn_pages && !shown_on_learn_pages(block) {
            return false;
        }
        let (Some(moniker), Block::Moniker { range, span, .. }) = (self.moniker, block) else { return true };
        match MonikerRange::parse(range) {
            Ok(parsed) => {
                for comparator in parsed.sets.iter().flatten() {
                    self.names.entry(comparator.moniker.clone()).or_insert(*span);
                }
                parsed.contains(moniker, self.order).unwrap_or_else(|error| {
                    self.unevaluated.push((*span, error));
                    true
                })
            }
            // Already reported when the zone was read.
            Err(_) => true,
        }
    }
}
