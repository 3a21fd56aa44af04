//! The structural comparison of two articles: sections, then blocks within paired sections, then list items within
//! paired lists, down to paragraphs and table cells, whose references, numbers and language are checked, and the
//! alternative texts of paired images, whose language is.
//!
//! Sections pair by id first (the `<a name>` anchors translations keep make the French ids the English ones); the
//! sections paired by id that keep their order (the longest increasing run) split both files into gaps, and within
//! each gap the remaining headings pair by position among those of the same level ([`align`]). Blocks pair by kind,
//! list items by position, both with [`align`] and a similarity of their links, numbers, code and length, which
//! decides which block or item is the extra one when the counts differ.
//!
//! The walk over paired sections, blocks and items is here; its parts are apart: `sections` pairs the sections,
//! `similarity` weighs blocks and items for alignment, `code` finds where paired code differs, and `figures`
//! reads the numbers of a text.

mod code;
mod figures;
mod lines;
mod sections;
mod similarity;

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};

use crate::model::{Attribute, Block, Content, Inline, ListItem, Section, Span, walk_content};
use crate::parse::blocks::misplaced_closing_fence;
use crate::report::{Diagnostic, Severity, clip, inline_code, plural};

use super::Languages;
use super::align::{Objective, Pairing, align, pair_alike};
use super::document::Document;
use super::fragments;
use super::language::{self, TextCheck};
use super::links::LinkTarget;
use super::markup;
use super::mend::{MAX_BLOCKS_BETWEEN, may_end_a_list};
use super::numbers::{self, Notation};
use super::references::{self, Pool, Reference, Unmatched};
use super::rules::Rule;
use code::{MAX_QUOTED_CODE_CHARS, code_difference};
use figures::{Found, numbers_in, numeric_skeleton, shown, technical_token_holding};
use lines::{Lines, lines_as_paragraphs};
use sections::{align_sections, flatten, same_anchor, with_subsections};
pub(super) use similarity::normal_range;
use similarity::{
    Features, MIN_BLOCK_SCORE, MIN_MOVED_BLOCK_SCORE, Picture, attribute, block_score, case_insensitive, hash, items,
    kind, normal_path, one_item_apart, pairable, same_language, same_words, shape, tab_ids, weigh,
};

/// What comparing two articles found.
pub struct Compared {
    /// The structural findings, in the order found.
    pub findings: Vec<Diagnostic>,
    /// What the code fences left open swallowed, the translation's and the source's: what it found there is left
    /// out, as the fence's finding says why.
    pub swallowed: Vec<markup::Swallowed>,
}

/// Compares the articles of `source` and `target`.
pub fn compare(source: &Document, target: &Document, languages: &Languages) -> Compared {
    let text_check = TextCheck::new(languages, &source.article.front_matter, &target.article.front_matter);
    let mut walk = Walk {
        source,
        target,
        languages,
        text_check,
        source_texts: OnceCell::new(),
        detached: HashMap::new(),
        names: HashSet::new(),
        compared: HashSet::new(),
        stray_openers: OnceCell::new(),
        out: Vec::new(),
    };
    // The fences left open that the pair was read with closed, then those left open still (should a closing line
    // have failed to take, one of each: the same advice at the same place is given once, whichever line of the other
    // file it is read against).
    let closed: Vec<Diagnostic> =
        target.closed_fences.iter().chain(&source.closed_fences).map(|closed| closed.finding.clone()).collect();
    let mut swallowed = markup::fences_left_open(source, target, 1, languages);
    swallowed.extend(markup::source_fences_left_open(source, target, 1, languages));
    let given = |finding: &Diagnostic| {
        closed.iter().any(|closed| closed.location == finding.location && closed.message == finding.message)
    };
    let still_open: Vec<Diagnostic> =
        swallowed.iter().filter_map(|swallowed| swallowed.finding.clone()).filter(|f| !given(f)).collect();
    walk.out.extend(closed);
    walk.out.extend(still_open);
    walk.out.extend(markup::spaced_tabs(source, target));
    walk.out.extend(markup::zones_left_open(source, target, languages));
    walk.article();
    // What a code fence no line could close swallowed is compared once the translator closes it: its fence's finding
    // says why.
    walk.out.retain(|diagnostic| !swallowed.iter().any(|swallowed| swallowed.covers(source, target, diagnostic)));
    Compared { findings: walk.out, swallowed }
}

/// Every source paragraph and heading, for the identical-to-source check: by the first word of its prose text, then,
/// among many that start alike, by the hash of the whole ([`language::prose_text_hash`]). A translated text is compared
/// with the few that may be the same, not with all of them, which a long article of texts alike ("Select **Next**…")
/// made slow; and a source text is hashed only when a translated text starts as it does.
struct SourceTexts<'a> {
    by_first_word: HashMap<&'a str, Alike<'a>>,
}

/// The source texts that start with one word, in document order.
struct Alike<'a> {
    runs: Vec<Run<'a>>,
    /// Indexes into `runs` by the hash of their prose text, made when first needed.
    by_hash: OnceCell<HashMap<u64, Vec<usize>>>,
}

/// Fewer source texts than this that start alike are compared one by one: hashing them all costs more.
const MIN_HASHED_ALIKE: usize = 8;

impl<'a> SourceTexts<'a> {
    fn of(source: &'a Document) -> Self {
        let mut texts = Vec::new();
        for block in &source.article.preamble {
            prose_leaves(block, &mut texts);
        }
        for section in source.article.all_sections() {
            texts.push((&section.heading, section.heading_span));
            for block in &section.blocks {
                prose_leaves(block, &mut texts);
            }
        }
        let mut by_first_word: HashMap<&str, Alike<'_>> = HashMap::new();
        for run in texts {
            let alike = by_first_word
                .entry(language::first_prose_word(run.0))
                .or_insert_with(|| Alike { runs: Vec::new(), by_hash: OnceCell::new() });
            alike.runs.push(run);
        }
        Self { by_first_word }
    }

    /// The span of the first source text whose prose text is `text`.
    fn identical(&self, text: &str) -> Option<Span> {
        let alike = self.by_first_word.get(text.split(' ').next().unwrap_or_default())?;
        let is_text = |(inlines, _): &&Run<'_>| language::prose_text_is(inlines, text);
        let found = if alike.runs.len() < MIN_HASHED_ALIKE {
            alike.runs.iter().find(is_text)
        } else {
            let by_hash = alike.by_hash.get_or_init(|| {
                let mut by_hash: HashMap<u64, Vec<usize>> = HashMap::new();
                for (index, (inlines, _)) in alike.runs.iter().enumerate() {
                    by_hash.entry(language::prose_text_hash(inlines)).or_default().push(index);
                }
                by_hash
            });
            by_hash.get(&language::text_hash(text))?.iter().map(|&index| &alike.runs[index]).find(is_text)
        };
        found.map(|(_, span)| *span)
    }
}

/// The paragraphs and headings in `block`, at any depth (not table cells: tables hold names and values).
fn prose_leaves<'a>(block: &'a Block, out: &mut Vec<(&'a [Inline], Span)>) {
    match block {
        Block::Paragraph { inlines, span } | Block::Heading { inlines, span, .. } => out.push((inlines, *span)),
        Block::List { items, .. } => {
            for item in items {
                for block in &item.blocks {
                    prose_leaves(block, out);
                }
            }
        }
        other => {
            for child in other.children() {
                prose_leaves(child, out);
            }
        }
    }
}

/// Every inline sequence in `block` that may hold references: paragraphs, headings and table cells, at any depth.
pub(super) fn inline_leaves<'a>(block: &'a Block, out: &mut Vec<&'a [Inline]>) {
    walk_content([block], None, &mut |_, content| {
        if let Content::Inlines(inlines) = content {
            out.push(inlines);
        }
    });
}

/// The rule that reports a block of this kind missing or extra.
fn block_rule(block: &Block) -> Rule {
    match block {
        Block::Alert { .. } => Rule::AlertMismatch,
        Block::Moniker { .. } => Rule::MonikerMismatch,
        Block::Include { .. } => Rule::IncludeMismatch,
        Block::Code { .. } => Rule::CodeMismatch,
        Block::Extension { name, .. } if name == "image" => Rule::ImageMismatch,
        Block::Extension { name, .. } if name == "code" => Rule::CodeMismatch,
        _ => Rule::BlockMismatch,
    }
}

/// A block named for a message: "numbered list", "`[!NOTE]` alert".
fn describe(block: &Block) -> String {
    match block {
        Block::Paragraph { .. } => "paragraph".to_owned(),
        Block::Heading { .. } => "heading".to_owned(),
        Block::List { ordered: true, .. } => "numbered list".to_owned(),
        Block::List { ordered: false, .. } => "bulleted list".to_owned(),
        Block::Alert { alert, .. } => format!("`[!{}]` alert", alert.as_str()),
        Block::Div { attributes, .. } => format!("`[!div {attributes}]` section"),
        Block::Quote { .. } => "quote".to_owned(),
        Block::Moniker { range, .. } => format!("moniker zone `{range}`"),
        Block::Extension { name, attributes, .. } if name == "code" => {
            format!("code snippet `{}`", attribute(attributes, "source").unwrap_or_default())
        }
        Block::Extension { name, .. } => format!("`:::{name}` extension"),
        Block::Include { path, .. } => format!("include `{path}`"),
        Block::Code { language: Some(language), .. } => format!("{language} code block"),
        Block::Code { language: None, .. } => "code block".to_owned(),
        Block::Table { .. } => "table".to_owned(),
        Block::Html { .. } => "HTML block".to_owned(),
        Block::Rule { .. } => "horizontal rule".to_owned(),
        Block::Tabs { .. } => "tab group".to_owned(),
        Block::Tab { id, .. } => format!("tab `{id}`"),
    }
}

struct Walk<'a> {
    source: &'a Document,
    target: &'a Document,
    languages: &'a Languages,
    /// The `untranslated` judgement, with the pair's `no-loc` terms.
    text_check: TextCheck<'a>,
    /// For the identical-to-source check: every source paragraph and heading, gathered when a translated block first
    /// needs them (most translations have none that may be English).
    source_texts: OnceCell<SourceTexts<'a>>,
    /// Lists whose last item's final blocks were already paired with blocks the other side left unindented after
    /// the list ([`Unindented`]): (in the target file, the list's start) to how many, left out when its items pair.
    detached: HashMap<(bool, usize), usize>,
    /// The starts of the translated list items and table cells that are names kept in English ([`language::are_names`]),
    /// which the `untranslated` rule leaves alone.
    names: HashSet<usize>,
    /// The starts of the blocks of one-sided translated subsections that were compared with source blocks
    /// ([`Walk::pair_one_sided`]): their section's own check leaves them alone.
    compared: HashSet<usize>,
    /// The lines of the source's and the target's fences that open a block of their own, misplaced where they were
    /// meant to close one ([`markup::stray_openers`]), gathered when a code block is first compared.
    stray_openers: OnceCell<[HashSet<u32>; 2]>,
    out: Vec<Diagnostic>,
}

impl Walk<'_> {
    fn article(&mut self) {
        let (source, target) = (&self.source.article, &self.target.article);
        let start = target.sections.first().map_or(target.body_span, |section| section.heading_span);
        let mut pool = Pool::default();
        self.blocks(&source.preamble, &target.preamble, start, &mut pool);
        pool.report(self.source, self.target, self.languages, &mut self.out);

        let (source_sections, target_sections) = (flatten(&source.sections), flatten(&target.sections));
        let (pairings, moved) = align_sections(&source_sections, &target_sections, self.languages);
        let renamed: HashMap<&str, &Section> = pairings
            .iter()
            .filter_map(|pairing| match *pairing {
                Pairing::Both(s, t) => Some((source_sections[s].section, target_sections[t].section)),
                _ => None,
            })
            .filter(|(source, target)| !source.id.eq_ignore_ascii_case(&target.id))
            .map(|(source, target)| (source.id.as_str(), target))
            .collect();
        fragments::check(self.source, self.target, &renamed, self.languages, &mut self.out);
        let mut missing = vec![false; source_sections.len()];
        let mut extra = vec![false; target_sections.len()];
        // The line of each section's first subsection that pairs, by the section's index: (source, target).
        let (mut source_paired_under, mut target_paired_under) = (HashMap::new(), HashMap::new());
        for pairing in &pairings {
            let Pairing::Both(s, t) = *pairing else { continue };
            for (flat, under) in
                [(&source_sections[s], &mut source_paired_under), (&target_sections[t], &mut target_paired_under)]
            {
                if let Some(parent) = flat.parent {
                    under.entry(parent).or_insert(flat.section.heading_span.line);
                }
            }
        }
        // The subsections without a counterpart that come before any that pairs, by their parent's index: (source,
        // target). Only there may they hold their parent's own blocks, under a heading one side added or lost.
        let (mut missing_under, mut extra_under) = (HashMap::new(), HashMap::new());
        for pairing in &pairings {
            let (flat, under, paired_under) = match *pairing {
                Pairing::Source(s) => (&source_sections[s], &mut missing_under, &source_paired_under),
                Pairing::Target(t) => (&target_sections[t], &mut extra_under, &target_paired_under),
                Pairing::Both(..) => continue,
            };
            if let Some(parent) = flat.parent
                && paired_under.get(&parent).is_none_or(|&paired| flat.section.heading_span.line < paired)
            {
                under.entry(parent).or_insert_with(Vec::new).push(flat.section);
            }
        }

        // The missing sections whose blocks the section before holds at its end: where each heading was lost.
        let mut headless: HashMap<usize, Span> = HashMap::new();
        let source_partner: HashMap<usize, usize> = pairings
            .iter()
            .filter_map(|pairing| match *pairing {
                Pairing::Both(s, t) => Some((t, s)),
                _ => None,
            })
            .collect();
        // Whether the source section `s` is under `parent` (the article for `None`), at any depth: a heading after it
        // under `parent` ends it.
        let closes_up_to = |s: usize, parent: Option<usize>| {
            let mut at = source_sections[s].parent;
            loop {
                if at == parent {
                    return true;
                }
                let Some(above) = at else { return false };
                at = source_sections[above].parent;
            }
        };
        // The translated section `t` holds no subsections but those of the source section `next`, whose heading it
        // lost: they came up a level with its content.
        let adopts =
            |t: usize, next: usize| {
                target_sections.iter().enumerate().filter(|(_, flat)| flat.parent == Some(t)).all(|(child, _)| {
                    source_partner.get(&child).is_some_and(|&s| source_sections[s].parent == Some(next))
                })
            };
        // The references of a section without a counterpart are not compared: the section's finding covers them.
        for (step, pairing) in pairings.iter().enumerate() {
            match *pairing {
                Pairing::Both(s, t) => {
                    let mut pool = Pool::default();
                    let was_moved = moved.contains(&(s, t));
                    let (source, target) = (source_sections[s].section, target_sections[t].section);
                    let mut one_sided = OneSided {
                        source: one_sided_blocks(missing_under.get(&s)),
                        target: one_sided_blocks(extra_under.get(&t)),
                    };
                    // A missing first subsection, or a missing sibling right after sections without subsections, may
                    // have lost its heading alone: its blocks then end the translated section's own. Not when the
                    // parser found a problem in the translated section (a code fence left open swallows headings).
                    let parser_finding_in = |section: &Section| {
                        let lines = section.span.line..=section.span.end_line;
                        self.target.diagnostics.iter().any(|diagnostic| lines.contains(&diagnostic.location.line()))
                    };
                    let next = match pairings.get(step + 1) {
                        Some(&Pairing::Source(next))
                            if (source_sections[next].parent == Some(s)
                                || closes_up_to(s, source_sections[next].parent)
                                    && source.sections.is_empty()
                                    && adopts(t, next))
                                && !parser_finding_in(target) =>
                        {
                            one_sided.source.extend(items(&source_sections[next].section.blocks));
                            Some(next)
                        }
                        _ => None,
                    };
                    let paired = self.section_pair(source, target, was_moved, one_sided, &mut pool);
                    if let Some(next) = next {
                        let section = source_sections[next].section;
                        let span = section.span;
                        let in_next: Vec<(usize, Span)> = paired
                            .into_iter()
                            .filter(|(source_start, _)| (span.start..span.end).contains(source_start))
                            .collect();
                        let first = in_next.iter().map(|(_, target_span)| *target_span).min_by_key(|span| span.start);
                        if let Some(first) = first {
                            headless.insert(next, first);
                            self.lost_with_heading(section, &in_next, first, &mut pool);
                        }
                    }
                    pool.report(self.source, self.target, self.languages, &mut self.out);
                }
                Pairing::Source(s) => {
                    missing[s] = true;
                    let flat = &source_sections[s];
                    // A heading without blocks of its own whose first subsection pairs next lost its heading alone.
                    let first_child = match pairings.get(step + 1) {
                        Some(&Pairing::Both(child, t))
                            if flat.section.blocks.is_empty() && source_sections[child].parent == Some(s) =>
                        {
                            Some(target_sections[t].section.heading_span)
                        }
                        _ => None,
                    };
                    if let Some(content) = headless.get(&s) {
                        self.headless_section(flat.section, *content, "its section's content is");
                    } else if let Some(subsection) = first_child {
                        self.headless_section(flat.section, subsection, "its subsections are");
                    } else if !flat.parent.is_some_and(|parent| missing[parent]) {
                        let anchor = next_target(&pairings[step + 1..])
                            .map(|t| target_sections[t].section.heading_span)
                            .unwrap_or_else(|| self.target_end());
                        self.missing_section(flat.section, anchor);
                    }
                }
                Pairing::Target(t) => {
                    extra[t] = true;
                    let flat = &target_sections[t];
                    if !flat.parent.is_some_and(|parent| extra[parent]) {
                        self.extra_section(flat.section);
                    }
                    self.untranslated("this text", (&flat.section.heading, flat.section.heading_span), None);
                    for block in &flat.section.blocks {
                        if !self.compared.contains(&block.span().start) {
                            self.unpaired_text(block);
                        }
                    }
                }
            }
        }
    }

    /// An empty span on the last line of the target, where sections missing at the end belong.
    fn target_end(&self) -> Span {
        let text = &self.target.text;
        let end = text.trim_end().len();
        self.target.span(end, end)
    }

    fn missing_section(&mut self, section: &Section, anchor: Span) {
        let message = format!(
            "the {} section \u{201c}{}\u{201d}{} has no counterpart in the {} file; it belongs here",
            self.languages.source,
            section.title,
            with_subsections(section).map(|with| format!(" ({with})")).unwrap_or_default(),
            self.languages.target
        );
        self.out.push(
            Rule::MissingSection
                .diagnostic(self.target.line(anchor.line), message)
                .with_source(self.source.at(section.heading_span)),
        );
    }

    /// A source section whose heading the translation lost, its blocks or its subsections left in the section above
    /// it, the first at `content`; `what` names them, with its verb (`its subsections are`).
    fn headless_section(&mut self, section: &Section, content: Span, what: &str) {
        let message = format!(
            "the {} heading \u{201c}{}\u{201d} has no counterpart in the {} file: {what} here, under the heading \
             before; put the heading back above it",
            self.languages.source, section.title, self.languages.target
        );
        self.out.push(
            Rule::MissingSection
                .diagnostic(self.target.line(content.line), message)
                .with_source(self.source.at(section.heading_span)),
        );
    }

    /// The blocks of `section`, whose heading the translation lost while its content runs on under the heading before,
    /// that paired nothing there (`paired`: where each of its source blocks that did starts, with its counterpart;
    /// `first`, the first counterpart): each is missing after the counterpart of the block before it.
    fn lost_with_heading(&mut self, section: &Section, paired: &[(usize, Span)], first: Span, pool: &mut Pool) {
        for block in items(&section.blocks) {
            let start = block.span().start;
            if paired.iter().any(|&(paired_start, _)| paired_start == start) {
                continue;
            }
            let before = paired.iter().filter(|&&(paired_start, _)| paired_start < start).max_by_key(|(at, _)| *at);
            let after = |counterpart: Span| {
                let end = self.target.text[..counterpart.end].trim_end().len();
                self.target.span(end, end)
            };
            let at = before.map_or(first, |&(_, counterpart)| after(counterpart));
            if let Leftover::Source { finding: Some(finding), .. } = self.missing_block(block, at) {
                self.out.push(finding);
            }
            let mut found = Vec::new();
            block_references(block, &mut found);
            pool.add_source(found, at, Unmatched::Covered);
        }
    }

    fn extra_section(&mut self, section: &Section) {
        let message = format!(
            "this section (id `{}`{}) has no counterpart in the {} file",
            section.id,
            with_subsections(section).map(|with| format!(", {with}")).unwrap_or_default(),
            self.languages.source
        );
        self.out.push(Rule::ExtraSection.diagnostic(self.target.at(section.heading_span), message));
    }

    fn section_pair<'b>(
        &mut self,
        source: &'b Section,
        target: &'b Section,
        moved: bool,
        one_sided: OneSided<'b>,
        pool: &mut Pool,
    ) -> Vec<(usize, Span)> {
        let here = self.target.at(target.heading_span);
        let there = self.source.at(source.heading_span);
        let (source_name, target_name) = (&self.languages.source, &self.languages.target);
        if source.level != target.level {
            let message = format!(
                "this heading is level {} but the {source_name} heading is level {}",
                target.level, source.level
            );
            self.out.push(Rule::HeadingMismatch.diagnostic(here.clone(), message).with_source(there.clone()));
        }
        if moved {
            let message = format!("this section comes in another order than in the {source_name} file");
            self.out.push(Rule::HeadingMismatch.diagnostic(here.clone(), message).with_source(there.clone()));
        }
        let same_id = source.id == target.id || (target.explicit_id && same_anchor(source, &target.id));
        if !same_id && (source.explicit_id || target.explicit_id) {
            let message = if target.explicit_id {
                format!("the anchor `{}` is not the id of the {source_name} heading here, `{}`", target.id, source.id)
            } else {
                format!(
                    "this heading has no `<a name=\"{}\"></a>` anchor: its id is `{}`, the {source_name} heading's is \
                     `{}`",
                    source.id, target.id, source.id
                )
            };
            self.out.push(Rule::AnchorMismatch.diagnostic(here.clone(), message).with_source(there.clone()));
        }
        let ranges = (source.moniker.as_deref().map(normal_range), target.moniker.as_deref().map(normal_range));
        if ranges.0 != ranges.1 {
            let shown =
                |range: &Option<String>| range.as_deref().map_or("no moniker zone".to_owned(), |r| format!("`{r}`"));
            let message = format!(
                "this heading is in {} in the {target_name} file and in {} in the {source_name} file",
                shown(&ranges.1),
                shown(&ranges.0)
            );
            self.out.push(Rule::MonikerMismatch.diagnostic(here.clone(), message).with_source(there.clone()));
        }
        if source.pivot != target.pivot {
            let shown = |pivot: &Option<String>| {
                pivot.as_deref().map_or("no pivot zone".to_owned(), |pivot| format!("the `{pivot}` pivot zone"))
            };
            let message = format!(
                "this heading is in {} in the {target_name} file and in {} in the {source_name} file",
                shown(&target.pivot),
                shown(&source.pivot)
            );
            self.out.push(Rule::BlockMismatch.diagnostic(here, message).with_source(there));
        }
        self.leaf((&source.heading, source.heading_span), (&target.heading, target.heading_span), pool);
        let mut leftovers = self.pair_blocks(&source.blocks, &target.blocks, target.heading_span, pool);
        let paired = self.pair_one_sided(&mut leftovers, one_sided, pool);
        self.report_leftovers(leftovers, pool);
        paired
    }

    /// Pairs the blocks left over in two paired sections with the blocks of subsections only the other side has: a
    /// translation may put a heading of its own over the steps, or leave out one the source puts there. What pairs
    /// is compared (the one-sided heading is its own finding); what does not is left to that finding. Returns where
    /// each source block of those subsections that paired starts, with the span of the translated block it paired with.
    fn pair_one_sided<'b>(
        &mut self,
        leftovers: &mut Vec<Leftover<'b>>,
        one_sided: OneSided<'b>,
        pool: &mut Pool,
    ) -> Vec<(usize, Span)> {
        let mut paired = HashSet::new();
        let mut source_pairs = Vec::new();
        for (children, source_side) in [(one_sided.target, false), (one_sided.source, true)] {
            let open: Vec<usize> = (0..leftovers.len())
                .filter(|&index| match &leftovers[index] {
                    Leftover::Source { finding, .. } => !source_side && finding.is_some(),
                    Leftover::Target { replacement, .. } => source_side && !replacement,
                })
                .collect();
            if children.is_empty() || open.is_empty() {
                continue;
            }
            let open_blocks: Vec<&Block> = open.iter().map(|&index| leftovers[index].block()).collect();
            let (sources, targets) = if source_side { (children, open_blocks) } else { (open_blocks, children) };
            let (source_weighed, target_weighed) = (
                weigh(sources.into_iter(), self.languages.source_notation),
                weigh(targets.into_iter(), self.languages.target_notation),
            );
            let pairings = align(&source_weighed, &target_weighed, Objective::MostAlike, |a, b| {
                block_score(a, b).filter(|&score| score >= MIN_BLOCK_SCORE)
            });
            for pairing in pairings {
                let Pairing::Both(s, t) = pairing else { continue };
                let (source, target) = (source_weighed[s].0, target_weighed[t].0);
                self.block_pair(source, target, pool);
                if source_side {
                    paired.insert(open[t]);
                    source_pairs.push((source.span().start, target.span()));
                } else {
                    paired.insert(open[s]);
                    self.compared.insert(target.span().start);
                }
            }
        }
        let mut index = 0;
        leftovers.retain(|_| {
            index += 1;
            !paired.contains(&(index - 1))
        });
        source_pairs
    }

    /// Aligns two block sequences, compares what pairs, and reports what does not. `anchor` is the translated place
    /// (a heading, an item) to point at when a source block is missing and the translation has no block there.
    fn blocks(&mut self, source: &[Block], target: &[Block], anchor: Span, pool: &mut Pool) {
        let leftovers = self.pair_blocks(source, target, anchor, pool);
        self.report_leftovers(leftovers, pool);
    }

    /// Aligns two block sequences and compares what pairs; returns the blocks left without a partner, with their
    /// findings, for the caller to pair with moved blocks or report.
    fn pair_blocks<'b>(
        &mut self,
        source: &'b [Block],
        target: &'b [Block],
        anchor: Span,
        pool: &mut Pool,
    ) -> Vec<Leftover<'b>> {
        self.pair_block_runs(items(source), items(target), anchor, pool)
    }

    /// [`Walk::pair_blocks`] over runs of blocks that need not be one slice (two list items read as one).
    fn pair_block_runs<'b>(
        &mut self,
        source_items: Vec<&'b Block>,
        target_items: Vec<&'b Block>,
        anchor: Span,
        pool: &mut Pool,
    ) -> Vec<Leftover<'b>> {
        let pairings = if source_items.len() == target_items.len()
            && source_items.iter().zip(&target_items).all(|(a, b)| pairable(a, b))
        {
            // The usual case, and the only alignment that pairs every block: no need to weigh them.
            (0..source_items.len()).map(|index| Pairing::Both(index, index)).collect()
        } else {
            let (source_weighed, target_weighed) = (
                weigh(source_items.iter().copied(), self.languages.source_notation),
                weigh(target_items.iter().copied(), self.languages.target_notation),
            );
            align(&source_weighed, &target_weighed, Objective::MostAlike, |a, b| {
                block_score(a, b).filter(|&score| score >= MIN_BLOCK_SCORE)
            })
        };
        let pairings = pair_rewritten(pairings, |s| source_items[s], |t| target_items[t]);
        let replaced = replacements(&pairings, |s| source_items[s], |t| target_items[t]);
        // A paragraph broken Markdown turned into a heading or raw HTML is that finding alone.
        let turned: Vec<(usize, usize, Diagnostic)> = replaced
            .iter()
            .filter_map(|&(s, t)| {
                markup::turned(self.source, self.target, target_items[t], source_items[s], self.languages)
                    .map(|finding| (s, t, finding))
            })
            .collect();
        let notations = (self.languages.source_notation, self.languages.target_notation);
        let lines = lines_as_paragraphs(&pairings, &source_items, &target_items, notations);
        let unindented = self.unindented(&pairings, &replaced, &source_items, &target_items);
        let inside = |target_side: bool, index: usize| {
            unindented.iter().filter(|run| run.target_side == target_side).find_map(|run| {
                let at = run.after.iter().position(|&after| after == index)?;
                Some((run, &run.inside[at]))
            })
        };
        let mut leftovers = Vec::new();
        for (step, pairing) in pairings.iter().enumerate() {
            if let Some(lines) = lines.iter().find(|lines| lines.holds(*pairing)) {
                if let Pairing::Both(..) = pairing {
                    self.lines_pair(lines, &source_items, &target_items, pool);
                }
                continue;
            }
            match *pairing {
                Pairing::Both(s, t) => self.block_pair(source_items[s], target_items[t], pool),
                Pairing::Source(s) if turned.iter().any(|&(source, ..)| source == s) => {}
                Pairing::Target(t)
                    if let Some((s, _, finding)) = turned.iter().find(|&&(_, target, _)| target == t) =>
                {
                    self.out.push(finding.clone());
                    // A heading made of a paragraph still says what the paragraph says.
                    if let (Block::Paragraph { inlines: a, span: sa }, Block::Heading { inlines: b, span: sb, .. }) =
                        (source_items[*s], target_items[t])
                    {
                        self.leaf((a, *sa), (b, *sb), pool);
                    }
                }
                Pairing::Target(t) if let Some((run, inside)) = inside(true, t) => {
                    if run.after[0] == t {
                        self.unindented_block(target_items[t], run.items, inside.span(), None);
                    }
                    self.block_pair(inside, target_items[t], pool);
                }
                // The translation indented what the source left after the list: not drift.
                Pairing::Source(s) if let Some((_, inside)) = inside(false, s) => {
                    self.block_pair(source_items[s], inside, pool)
                }
                Pairing::Source(s) => {
                    let block = source_items[s];
                    let leftover = match replaced.iter().find(|&&(source, _)| source == s) {
                        Some(&(_, t)) => Leftover::Source { block, at: target_items[t].span(), finding: None },
                        None => {
                            let at = match next_target(&pairings[step + 1..]) {
                                Some(next) => target_items[next].span(),
                                // Missing at the end: after the last translated block, not at its start, which may
                                // be many lines up.
                                None => pairings[..step]
                                    .iter()
                                    .rev()
                                    .find_map(|pairing| target_of(*pairing))
                                    .map_or(anchor, |last| self.target.line_after(target_items[last].span())),
                            };
                            // A zone the translation opens right before its first heading holds no block here: what
                            // the source's holds before that heading is missing, not the zone.
                            if let Block::Moniker { range, blocks, .. } = block
                                && let Some(zone) = Self::zone_opening_at_heading(self.target, at, range)
                            {
                                for block in blocks {
                                    leftovers.push(self.missing_block(block, zone));
                                }
                                continue;
                            }
                            self.missing_block(block, at)
                        }
                    };
                    leftovers.push(leftover);
                }
                Pairing::Target(t) => {
                    let block = target_items[t];
                    let leftover = match replaced.iter().find(|&&(_, target)| target == t) {
                        Some(&(s, _)) => {
                            let original = source_items[s];
                            let message = format!(
                                "this {} is a {} in the {} file",
                                describe(block),
                                describe(original),
                                self.languages.source
                            );
                            let finding = Rule::BlockMismatch
                                .diagnostic(self.target.at(block.span()), message)
                                .with_source(self.source.at(original.span()));
                            Leftover::Target { block, finding, replacement: true }
                        }
                        None => {
                            // The same for a zone the source opens right before its next heading: what the
                            // translation's holds before that heading is extra, not the zone.
                            let source_at = pairings[..step]
                                .iter()
                                .rev()
                                .find_map(|pairing| source_of(*pairing))
                                .map(|last| self.source.line_after(source_items[last].span()));
                            if let Block::Moniker { range, blocks, .. } = block
                                && let Some(at) = source_at
                                && Self::zone_opening_at_heading(self.source, at, range).is_some()
                            {
                                leftovers.extend(blocks.iter().map(|block| self.extra_block(block)));
                                continue;
                            }
                            self.extra_block(block)
                        }
                    };
                    leftovers.push(leftover);
                }
            }
        }
        leftovers
    }

    /// Compares a paragraph of lines with the paragraphs the other side wrote them as, as one text.
    fn lines_pair(&mut self, lines: &Lines, source: &[&Block], target: &[&Block], pool: &mut Pool) {
        fn joined(paragraphs: &[&Block]) -> (Vec<Inline>, Span) {
            let mut joined = Vec::new();
            let mut whole = paragraphs[0].span();
            for paragraph in paragraphs {
                if let Block::Paragraph { inlines, span } = paragraph {
                    if !joined.is_empty() {
                        let start = Span { end: span.start, end_line: span.line, end_column: span.column, ..*span };
                        joined.push(Inline::Break { span: start });
                    }
                    joined.extend(inlines.iter().cloned());
                    whole.extend_to(*span);
                }
            }
            (joined, whole)
        }
        let (source, target) = (joined(&source[lines.source.clone()]), joined(&target[lines.target.clone()]));
        self.leaf((&source.0, source.1), (&target.0, target.1), pool);
    }

    /// Pairs the leftover blocks that are one block moved (past other blocks, or to a neighbouring list item), then
    /// reports the others missing or extra.
    fn report_leftovers(&mut self, mut leftovers: Vec<Leftover<'_>>, pool: &mut Pool) {
        self.code_written_as_text(&mut leftovers);
        let movable = |leftover: &Leftover<'_>| match leftover {
            Leftover::Source { finding, .. } => finding.is_some(),
            Leftover::Target { replacement, .. } => !replacement,
        };
        let (sources, targets): (Vec<usize>, Vec<usize>) = {
            let movable: Vec<usize> = (0..leftovers.len()).filter(|&index| movable(&leftovers[index])).collect();
            movable.into_iter().partition(|&index| matches!(leftovers[index], Leftover::Source { .. }))
        };
        if !sources.is_empty() && !targets.is_empty() {
            let (source_weighed, target_weighed) = (
                weigh(sources.iter().map(|&index| leftovers[index].block()), self.languages.source_notation),
                weigh(targets.iter().map(|&index| leftovers[index].block()), self.languages.target_notation),
            );
            let moved = pair_alike(&source_weighed, &target_weighed, |a, b| {
                block_score(a, b).filter(|&score| {
                    score >= MIN_MOVED_BLOCK_SCORE || (score >= MIN_BLOCK_SCORE && a.1.shared(&b.1) > 0)
                })
            });
            for &(s, t) in &moved {
                self.block_pair(source_weighed[s].0, target_weighed[t].0, pool);
            }
            let gone: HashSet<usize> = moved.iter().flat_map(|&(s, t)| [sources[s], targets[t]]).collect();
            leftovers = leftovers
                .into_iter()
                .enumerate()
                .filter(|(index, _)| !gone.contains(index))
                .map(|(_, leftover)| leftover)
                .collect();
        }
        for leftover in leftovers {
            match leftover {
                Leftover::Source { block, at, finding } => {
                    let unmatched = match finding {
                        Some(finding) => {
                            self.out.push(finding);
                            Unmatched::Covered
                        }
                        // The replacing block's finding covers the block, not its references.
                        None => Unmatched::Finding,
                    };
                    let mut found = Vec::new();
                    block_references(block, &mut found);
                    pool.add_source(found, at, unmatched);
                }
                Leftover::Target { block, finding, replacement } => {
                    self.out.push(finding);
                    let unmatched = if replacement { Unmatched::Finding } else { Unmatched::Covered };
                    self.unpaired_target(block, pool, unmatched);
                }
            }
        }
    }

    /// Takes out of `leftovers` each source code block that a translated paragraph left over is, line for line (in any
    /// spacing): code that lost both its fences, which renders as text. One `broken-markdown` finding for the two.
    fn code_written_as_text(&mut self, leftovers: &mut Vec<Leftover<'_>>) {
        let code_lines = |text: &str| -> Vec<String> {
            text.lines()
                .map(|line| line.trim_start_matches(['>', ' ', '\t']).split_whitespace().collect::<String>())
                .filter(|line| !line.is_empty())
                .collect()
        };
        let mut taken = Vec::new();
        for (s, leftover) in leftovers.iter().enumerate() {
            let Leftover::Source { block: Block::Code { code, language, span: source_span }, finding: Some(_), .. } =
                leftover
            else {
                continue;
            };
            let lines = code_lines(code);
            let written_as_text = leftovers.iter().enumerate().find(|&(t, leftover)| {
                !taken.contains(&t)
                    && matches!(leftover, Leftover::Target { block: Block::Paragraph { span, .. }, replacement: false, .. }
                        if self.target.text.get(span.start..span.end).is_some_and(|text| code_lines(text) == lines))
            });
            let Some((t, Leftover::Target { block, .. })) = written_as_text else { continue };
            // The source's own fences, else three backticks.
            let written = self.source.line_text(source_span.line).map(|line| line.trim_start_matches([' ', '\t', '>']));
            let opening = written.filter(|line| line.starts_with("```") || line.starts_with("~~~")).map_or_else(
                || format!("```{}", language.as_deref().unwrap_or_default()),
                |line| line.trim_end().to_owned(),
            );
            let marker = opening.chars().next().unwrap_or('`');
            let fence: String = opening.chars().take_while(|&character| character == marker).collect();
            let tag = language.as_deref().map(|language| format!("{language} ")).unwrap_or_default();
            let message = format!(
                "this paragraph is the {} {tag}code block's code without its fences, so it renders as text: add a {} \
                 line before it and a {} line after it",
                self.languages.source,
                inline_code(&opening),
                inline_code(&fence)
            );
            let here = self.target.at(block.span());
            self.out.push(Rule::BrokenMarkdown.diagnostic(here, message).with_source(self.source.at(*source_span)));
            taken.extend([s, t]);
        }
        let mut index = 0;
        leftovers.retain(|_| {
            index += 1;
            !taken.contains(&(index - 1))
        });
    }

    /// Compares two blocks of the same kind.
    fn block_pair<'a>(&mut self, source: &'a Block, target: &'a Block, pool: &mut Pool) {
        let here = self.target.at(target.span());
        let there = self.source.at(source.span());
        let source_name = self.languages.source.clone();
        let report = |walk: &mut Self, rule: Rule, message: String| {
            walk.out.push(rule.diagnostic(here.clone(), message).with_source(there.clone()));
        };
        match (source, target) {
            (Block::Paragraph { inlines: a, span: sa }, Block::Paragraph { inlines: b, span: sb })
            | (Block::Heading { inlines: a, span: sa, .. }, Block::Heading { inlines: b, span: sb, .. }) => {
                self.leaf((a, *sa), (b, *sb), pool);
            }
            (Block::List { ordered: a, items: ia, .. }, Block::List { ordered: b, items: ib, .. }) => {
                if a != b {
                    let message =
                        format!("this {} is a {} in the {source_name} file", describe(target), describe(source));
                    report(self, Rule::BlockMismatch, message);
                }
                self.broken_list(source, ia, target, ib);
                self.lists(source, ia, target, ib, pool);
            }
            (Block::Alert { alert: a, blocks: ba, .. }, Block::Alert { alert: b, blocks: bb, span }) => {
                if a != b {
                    let message =
                        format!("this alert is `[!{}]`; the {source_name} alert is `[!{}]`", b.as_str(), a.as_str());
                    report(self, Rule::AlertMismatch, message);
                }
                self.blocks(ba, bb, *span, pool);
            }
            (Block::Div { attributes: a, blocks: ba, .. }, Block::Div { attributes: b, blocks: bb, span }) => {
                if !same_words(a, b) {
                    let message = format!("this `[!div {b}]` is `[!div {a}]` in the {source_name} file");
                    report(self, Rule::BlockMismatch, message);
                }
                self.blocks(ba, bb, *span, pool);
            }
            (Block::Quote { blocks: ba, .. }, Block::Quote { blocks: bb, span }) => self.blocks(ba, bb, *span, pool),
            (Block::Tabs { tabs: ta, .. }, Block::Tabs { tabs: tb, .. }) => {
                let (a, b): (Vec<String>, Vec<String>) = (tab_ids(ta).collect(), tab_ids(tb).collect());
                if a != b {
                    let listed = |ids: &[String]| ids.iter().map(|id| format!("`{id}`")).collect::<Vec<_>>().join(", ");
                    let message = format!(
                        "this tab group's tabs are {}; the {source_name} group's are {}",
                        listed(&b),
                        listed(&a)
                    );
                    report(self, Rule::BlockMismatch, message);
                }
                for (a, b) in pair_tabs(ta, tb) {
                    self.block_pair(a, b, pool);
                }
            }
            (Block::Tab { blocks: ba, .. }, Block::Tab { blocks: bb, span, .. }) => self.blocks(ba, bb, *span, pool),
            (Block::Moniker { range: a, blocks: ba, .. }, Block::Moniker { range: b, blocks: bb, span, .. }) => {
                if normal_range(a) != normal_range(b) {
                    let message = format!("this zone's range is `{b}`; the {source_name} zone's is `{a}`");
                    report(self, Rule::MonikerMismatch, message);
                }
                self.blocks(ba, bb, *span, pool);
            }
            (
                Block::Extension { name, attributes: a, blocks: ba, .. },
                Block::Extension { attributes: b, blocks: bb, span, .. },
            ) => {
                if let Some((rule, message)) = self.extension_difference(name, a, b) {
                    report(self, rule, message);
                }
                if name == "image"
                    && let Some(alt) = attribute(b, "alt-text")
                {
                    let counterpart = attribute(a, "alt-text").map(|alt| (alt, self.source.narrow(source.span(), alt)));
                    self.untranslated_text("this image's alt text", alt, self.target.narrow(*span, alt), counterpart);
                }
                self.blocks(ba, bb, *span, pool);
            }
            (Block::Include { path: a, .. }, Block::Include { path: b, .. }) if normal_path(a) != normal_path(b) => {
                let message = format!("this include reads `{b}`; the {source_name} one reads `{a}`");
                report(self, Rule::IncludeMismatch, message);
            }
            (Block::Code { language: la, code: a, span: sa }, Block::Code { language: lb, code: b, span }) => {
                if !same_language(la, lb) {
                    // The language tag only chooses the highlighting: the code readers copy is the same.
                    let shown = |language: &Option<String>| language.clone().unwrap_or_else(|| "none".to_owned());
                    let message = format!(
                        "this code block's language is {}; the {source_name} one's is {}",
                        shown(lb),
                        shown(la)
                    );
                    report(self, Rule::BlockMismatch, message);
                }
                // Two fences left open alike hold what follows them, prose the translation translated: not code.
                // When both hold a bare fence line at the same place (one that cannot close them, written alike),
                // the lines before it are their code. Two blocks opened alike by a fence meant to close the block
                // before them hold prose too, all of it.
                let [source_strays, target_strays] = self
                    .stray_openers
                    .get_or_init(|| [markup::stray_openers(self.source), markup::stray_openers(self.target)]);
                let stray_alike = source_strays.contains(&sa.line) && target_strays.contains(&span.line);
                let open_alike = fenced(self.target, *span)
                    && (stray_alike || markup::swallows(self.source, *sa) && markup::swallows(self.target, *span));
                let (a, b) = if open_alike {
                    let kept = |document: &Document, code: &'a str, span: Span| -> Option<&'a str> {
                        code_before_fence_line(code).or_else(|| {
                            // Closed by a fence right after it, but for that fence's indentation: all code.
                            misplaced_closing_fence(&document.text, code, span)
                                .is_some_and(|closer| closer >= span.end)
                                .then(|| code.trim_end_matches(['\n', '\r']))
                        })
                    };
                    let (kept_a, kept_b) = match (kept(self.source, a, *sa), kept(self.target, b, *span)) {
                        (Some(a), Some(b)) if !stray_alike && a.lines().count() == b.lines().count() => (a, b),
                        _ => ("", ""),
                    };
                    // The prose they swallowed still holds the numbers readers act on.
                    let source_prose = swallowed_prose(self.source, a, kept_a, *sa);
                    let target_prose = swallowed_prose(self.target, b, kept_b, *span);
                    self.numbers((&source_prose, *sa), (&target_prose, *span));
                    (kept_a, kept_b)
                } else {
                    (a.as_str(), b.as_str())
                };
                // PowerShell and cmd read `-identity` as `-Identity`: what differs only so is no difference (the
                // English tag says what the code is; a translation may have lost it).
                let any_case = case_insensitive(la) || case_insensitive(lb);
                let differs_in_any_case = || {
                    let fold = references::case_folded_outside_strings;
                    code_difference(&fold(a), &fold(b), &source_name).is_some()
                };
                // The source decides whether this is code: a fence the translation turned into indentation still
                // holds the commands readers copy.
                if fenced(self.source, *sa)
                    && (!any_case || differs_in_any_case())
                    && let Some(difference) = code_difference(a, b, &source_name)
                {
                    let at = narrow_to_token(self.target, *span, difference.line, difference.token);
                    let there = match difference.source {
                        Some((line, token)) => self.source.at(narrow_to_token(self.source, *sa, line, token)),
                        None => there.clone(),
                    };
                    let mut diagnostic =
                        Rule::CodeMismatch.diagnostic(self.target.at(at), difference.message).with_source(there);
                    // A change of case only, in a language that is not known to ignore case (or in a PowerShell
                    // string): harmless in most, but not in every one, so still said, without failing a build.
                    if code_difference(&a.to_lowercase(), &b.to_lowercase(), &source_name).is_none() {
                        diagnostic.severity = Severity::Warning;
                        diagnostic.message.push_str(" (a change of case only)");
                    }
                    self.out.push(diagnostic);
                }
            }
            (Block::Table { head: ha, rows: ra, .. }, Block::Table { head: hb, rows: rb, span }) => {
                if ha.len() != hb.len() || ra.len() != rb.len() {
                    let mut message = format!(
                        "this table has {} and {}; the {source_name} table {} and {}",
                        plural(hb.len(), "column"),
                        plural(rb.len(), "row"),
                        ha.len(),
                        ra.len()
                    );
                    if ha.len() == hb.len() {
                        message.push_str(&self.unpaired_rows((ra, source.span()), (rb, *span)));
                    }
                    report(self, Rule::BlockMismatch, message);
                    let mut found = Vec::new();
                    block_references(source, &mut found);
                    pool.add_source(found, *span, Unmatched::Finding);
                    let mut found = Vec::new();
                    block_references(target, &mut found);
                    pool.add_target(found, Unmatched::Finding);
                } else {
                    let cells = |head: &'a [Vec<Inline>], rows: &'a [Vec<Vec<Inline>>]| {
                        head.iter().chain(rows.iter().flatten()).map(Vec::as_slice)
                    };
                    for column in 0..hb.len() {
                        let cell = |row: &'a Vec<Vec<Inline>>, table: Span| {
                            row.get(column).map(|inlines| (inlines.as_slice(), cell_span(inlines, table)))
                        };
                        let texts = ra.iter().zip(rb).map(|(a, b)| cell(a, source.span()).zip(cell(b, *span)));
                        self.find_names(texts.collect::<Option<Vec<_>>>().unwrap_or_default());
                    }
                    for (a, b) in cells(ha, ra).zip(cells(hb, rb)) {
                        self.cell(a, b, *span, pool);
                    }
                }
            }
            // A picture the translation wrote the other way (`![alt](src)` for `:::image`): Learn shows both alike.
            _ if let (Some(a), Some(b)) = (Picture::of(source), Picture::of(target)) => {
                if let Some((rule, message)) = self.picture_source_difference(a.source, b.source) {
                    report(self, rule, message);
                } else if !a.alt.trim().is_empty() && b.alt.trim().is_empty() {
                    report(
                        self,
                        Rule::ImageMismatch,
                        format!("this image has no alt text; the {source_name} image has one"),
                    );
                } else {
                    let counterpart = Some((a.alt, self.source.narrow(source.span(), a.alt)));
                    let at = self.target.narrow(target.span(), b.alt);
                    self.untranslated_text("this image's alt text", b.alt, at, counterpart);
                }
                // A complex image's long description.
                self.blocks(source.children(), target.children(), target.span(), pool);
            }
            _ => {}
        }
    }

    /// What a table's rows that have no counterpart are, as the end of the finding about their numbers: paired in
    /// order by what their cells share (numbers, links, code, and cells written alike: names, values), the rows left
    /// alone, by their first words and line.
    fn unpaired_rows(
        &self,
        (source, source_table): (&[Vec<Vec<Inline>>], Span),
        (target, target_table): (&[Vec<Vec<Inline>>], Span),
    ) -> String {
        let weigh = |rows: &[Vec<Vec<Inline>>], notation: Notation| -> Vec<Features> {
            rows.iter()
                .map(|row| {
                    let mut features = Features::default();
                    for cell in row {
                        features.add_inlines(cell, notation);
                        let text = crate::model::text::inlines(cell).trim().to_lowercase();
                        features.tokens.push(hash(b'|', text.bytes()));
                    }
                    features.tokens.sort_unstable();
                    features
                })
                .collect()
        };
        let (source_weighed, target_weighed) =
            (weigh(source, self.languages.source_notation), weigh(target, self.languages.target_notation));
        let pairings = align(&source_weighed, &target_weighed, Objective::MostPairs, |a, b| Some(a.similarity(b)));
        // A row by its first words and line.
        let named = |row: &[Vec<Inline>], table: Span| {
            row.iter().find_map(|cell| {
                let text = crate::model::text::inlines(cell);
                let text = text.trim();
                (!text.is_empty()).then(|| format!("“{}” (line {})", clip(text, 40), cell_span(cell, table).line))
            })
        };
        let (mut missing, mut extra) = (Vec::new(), Vec::new());
        for pairing in pairings {
            match pairing {
                Pairing::Source(row) => missing.extend(named(&source[row], source_table)),
                Pairing::Target(row) => extra.extend(named(&target[row], target_table)),
                Pairing::Both(..) => {}
            }
        }
        let source_name = &self.languages.source;
        let parts = [
            (!missing.is_empty()).then(|| format!("the {source_name} {} here", rows_named(&missing))),
            (!extra.is_empty()).then(|| format!("this table's {} in the {source_name} one", rows_named(&extra))),
        ];
        let parts: Vec<String> = parts.into_iter().flatten().collect();
        if parts.is_empty() { String::new() } else { format!(": {}", parts.join(", and ")) }
    }

    /// The finding for two paired pictures whose sources are not the same file.
    fn picture_source_difference(&self, source: &str, target: &str) -> Option<(Rule, String)> {
        let same = LinkTarget::new(source, &self.source.relative).same(&LinkTarget::new(target, &self.target.relative));
        let shown = if source.is_empty() { "nothing" } else { source };
        (!same).then(|| {
            (
                Rule::ImageMismatch,
                format!("this image's source differs from the {} one, `{shown}`", self.languages.source),
            )
        })
    }

    /// What differs between two paired triple-colon extensions named `name`, if anything.
    fn extension_difference(&self, name: &str, source: &[Attribute], target: &[Attribute]) -> Option<(Rule, String)> {
        let source_name = &self.languages.source;
        let differs = |key: &str| attribute(source, key) != attribute(target, key);
        match name {
            "image" => {
                let source_of = |attributes| attribute(attributes, "source").unwrap_or_default();
                if let Some(finding) = self.picture_source_difference(source_of(source), source_of(target)) {
                    return Some(finding);
                }
                if let Some(key) = ["type", "lightbox", "border", "loc-scope"].into_iter().find(|key| differs(key)) {
                    return Some((
                        Rule::ImageMismatch,
                        format!("this image's `{key}` differs from the {source_name} image's"),
                    ));
                }
                let has_alt = |attributes: &[Attribute]| {
                    attribute(attributes, "alt-text").is_some_and(|alt| !alt.trim().is_empty())
                };
                (has_alt(source) && !has_alt(target)).then(|| {
                    (Rule::ImageMismatch, format!("this image has no `alt-text`; the {source_name} image has one"))
                })
            }
            "code" => {
                // A `[!code…]` reference's name and title may be translated: they choose no line of the code.
                fn compared(attributes: &[Attribute]) -> Vec<(&str, &str)> {
                    let mut compared: Vec<_> = attributes
                        .iter()
                        .filter(|attribute| !matches!(attribute.name.as_str(), "name" | "title"))
                        .map(|attribute| (attribute.name.as_str(), attribute.value.as_str()))
                        .collect();
                    compared.sort_unstable();
                    compared
                }
                let (source, target) = (compared(source), compared(target));
                let value = |attributes: &[(&str, &str)], key: &str| {
                    let value = attributes.iter().find(|(name, _)| *name == key).map(|(_, value)| *value);
                    value.map_or_else(|| "not set".to_owned(), |value| format!("`{value}`"))
                };
                let key = source
                    .iter()
                    .chain(&target)
                    .map(|(name, _)| *name)
                    .find(|key| value(&source, key) != value(&target, key))?;
                let (theirs, ours) = (value(&source, key), value(&target, key));
                let message = format!("this code snippet's `{key}` is {ours}; the {source_name} one's is {theirs}");
                Some((Rule::CodeMismatch, message))
            }
            _ => ["pivot", "target", "source", "src"].into_iter().find(|key| differs(key)).map(|key| {
                (Rule::BlockMismatch, format!("this `:::{name}` has another `{key}` than the {source_name} one"))
            }),
        }
    }

    /// A translated numbered list that a block not indented under one of its items had broken in two, where the
    /// source list was whole: one finding, at that block ([`super::mend`]).
    fn broken_list(&mut self, source: &Block, source_items: &[ListItem], target: &Block, target_items: &[ListItem]) {
        let Some(mended) = self.target.mended_list(target.span().start) else { return };
        if self.source.mended_list(source.span().start).is_some() {
            return;
        }
        let Some(moved) =
            target_items[mended.item].blocks.iter().find(|block| block.span().start == mended.first_moved.start)
        else {
            return;
        };
        // The source block of the same kind in that item, else the item.
        let counterpart = source_items.get(mended.item).map_or(source.span(), |item| {
            item.blocks.iter().find(|block| kind(block) == kind(moved)).map_or(item.span, Block::span)
        });
        self.unindented_block(moved, mended.item + 1, counterpart, Some("and the items after it start a new one"));
    }

    /// The finding for `block`, which the translation did not indent under item `item` of the list above it, where
    /// the source has it at `counterpart`; `then` says what else came of it.
    fn unindented_block(&mut self, block: &Block, item: usize, counterpart: Span, then: Option<&str>) {
        let message = format!(
            "this {} is not indented under item {item} of the list above, as it is in the {} file: it ends the list{}",
            describe(block),
            self.languages.source,
            then.map(|then| format!(", {then}")).unwrap_or_default()
        );
        self.out.push(
            Rule::BlockMismatch
                .diagnostic(self.target.at(block.span()), message)
                .with_source(self.source.at(counterpart)),
        );
    }

    /// The blocks, among `pairings` of two block sequences, that one side left unindented after a paired numbered
    /// list and the other keeps at the end of the list's last item: the trailing case [`super::mend`] cannot see in
    /// one file, as no second half of the list follows. Marks the lists' last items to leave those blocks out.
    fn unindented<'b>(
        &mut self,
        pairings: &[Pairing],
        replaced: &[(usize, usize)],
        source_items: &[&'b Block],
        target_items: &[&'b Block],
    ) -> Vec<Unindented<'b>> {
        let unpaired = |side: fn(&Pairing) -> Option<usize>, replacing: fn(&(usize, usize)) -> usize| {
            let replacing: HashSet<usize> = replaced.iter().map(replacing).collect();
            pairings.iter().filter_map(side).filter(|index| !replacing.contains(index)).collect::<HashSet<usize>>()
        };
        let unpaired_sources = unpaired(|p| if let Pairing::Source(s) = p { Some(*s) } else { None }, |r| r.0);
        let unpaired_targets = unpaired(|p| if let Pairing::Target(t) = p { Some(*t) } else { None }, |r| r.1);
        // The blocks right after `items[list]` that pair with nothing on the other side.
        let after = |items: &[&'b Block], list: usize, unpaired: &HashSet<usize>| -> Vec<usize> {
            let unpaired = |next: &usize| unpaired.contains(next) && may_end_a_list(items[*next]);
            (list + 1..items.len()).take_while(unpaired).take(MAX_BLOCKS_BETWEEN).collect()
        };
        let mut runs = Vec::new();
        for pairing in pairings {
            let &Pairing::Both(s, t) = pairing else { continue };
            let (
                Block::List { ordered: true, items: source_list, span: source_span, .. },
                Block::List { ordered: true, items: target_list, span: target_span, .. },
            ) = (source_items[s], target_items[t])
            else {
                continue;
            };
            let sides = [
                (true, target_items, after(target_items, t, &unpaired_targets), target_list, source_list, source_span),
                (false, source_items, after(source_items, s, &unpaired_sources), source_list, target_list, target_span),
            ];
            for (target_side, items, after, out_list, in_list, in_span) in sides {
                let blocks_after: Vec<&Block> = after.iter().map(|&index| items[index]).collect();
                if let Some(inside) = kept_inside(out_list, in_list, &blocks_after) {
                    // Keyed by the file that keeps them inside: the other side's.
                    self.detached.insert((!target_side, in_span.start), inside.len());
                    let after = after[..inside.len()].to_vec();
                    runs.push(Unindented { target_side, items: out_list.len(), after, inside });
                }
            }
        }
        runs
    }

    fn lists<'b>(
        &mut self,
        source: &Block,
        source_items: &'b [ListItem],
        target: &Block,
        target_items: &'b [ListItem],
        pool: &mut Pool,
    ) {
        let mut pairings = if source_items.len() == target_items.len() {
            (0..source_items.len()).map(|index| Pairing::Both(index, index)).collect()
        } else {
            let weigh = |items: &[ListItem], notation: Notation| -> Vec<Features> {
                items.iter().map(|item| Features::of_blocks(&item.blocks, notation)).collect()
            };
            let (source_weighed, target_weighed) = (
                weigh(source_items, self.languages.source_notation),
                weigh(target_items, self.languages.target_notation),
            );
            one_item_apart((source_items, &source_weighed), (target_items, &target_weighed)).unwrap_or_else(|| {
                align(&source_weighed, &target_weighed, Objective::MostPairs, |a, b| Some(a.similarity(b)))
            })
        };
        if source_items.len() != target_items.len() {
            self.list_item_count(&pairings, source, source_items, target, target_items);
        } else {
            if matches!(source, Block::List { ordered: true, .. })
                && let Some(counterparts) = self.list_item_order(source_items, target_items)
            {
                pairings = counterparts.into_iter().enumerate().map(|(t, s)| Pairing::Both(s, t)).collect();
            }
            let one_paragraph = |item: &'b ListItem| match &item.blocks[..] {
                [Block::Paragraph { inlines, span }] => Some((inlines.as_slice(), *span)),
                _ => None,
            };
            let texts = pairings.iter().map(|pairing| match *pairing {
                Pairing::Both(s, t) => one_paragraph(&source_items[s]).zip(one_paragraph(&target_items[t])),
                _ => None,
            });
            self.find_names(texts.collect::<Option<Vec<_>>>().unwrap_or_default());
        }
        // Less the final blocks of a last item paired already with blocks left after the list ([`Unindented`]).
        let detached = |target_file: bool, list: &Block| self.detached.get(&(target_file, list.span().start)).copied();
        let (source_cut, target_cut) = (detached(false, source), detached(true, target));
        let blocks = |items: &'b [ListItem], index: usize, cut: Option<usize>| -> &'b [Block] {
            let blocks = &items[index].blocks;
            match cut {
                Some(cut) if index + 1 == items.len() => &blocks[..blocks.len() - cut],
                _ => blocks,
            }
        };
        // An extra item that is the rest of its neighbour's counterpart, split off (the counterpart's blocks are the
        // two items' blocks, kind for kind), is compared as part of its neighbour; so are two items merged into one.
        // The list-item-count finding is then their one finding.
        let joined = |one: &'b [Block], first: &'b [Block], second: &'b [Block]| {
            let (first, second) = (shape(first), shape(second));
            !first.is_empty() && !second.is_empty() && shape(one).into_iter().eq(first.into_iter().chain(second))
        };
        let run = |first: &'b [Block], second: &'b [Block]| items(first).into_iter().chain(items(second)).collect();
        let mut absorbed = None;
        // The blocks of paired items left alone are reported after all items: a note may have moved to the next item.
        let mut leftovers = Vec::new();
        for (step, pairing) in pairings.iter().enumerate() {
            if absorbed == Some(step) {
                continue;
            }
            match *pairing {
                Pairing::Both(s, t) => {
                    let (source_blocks, target_blocks) =
                        (blocks(source_items, s, source_cut), blocks(target_items, t, target_cut));
                    let next = pairings.get(step + 1).copied();
                    let (source_run, target_run) = match next {
                        Some(Pairing::Target(extra))
                            if joined(source_blocks, target_blocks, blocks(target_items, extra, target_cut)) =>
                        {
                            absorbed = Some(step + 1);
                            (items(source_blocks), run(target_blocks, blocks(target_items, extra, target_cut)))
                        }
                        Some(Pairing::Source(extra))
                            if joined(target_blocks, source_blocks, blocks(source_items, extra, source_cut)) =>
                        {
                            absorbed = Some(step + 1);
                            (run(source_blocks, blocks(source_items, extra, source_cut)), items(target_blocks))
                        }
                        _ => (items(source_blocks), items(target_blocks)),
                    };
                    leftovers.extend(self.pair_block_runs(source_run, target_run, target_items[t].span, pool));
                }
                Pairing::Source(s) => {
                    let at = insertion(&pairings, step, |t| target_items[t].span).unwrap_or(target.span());
                    let mut found = Vec::new();
                    for block in blocks(source_items, s, source_cut) {
                        block_references(block, &mut found);
                    }
                    // The list-item-count finding names the item.
                    pool.add_source(found, at, Unmatched::Covered);
                }
                Pairing::Target(t) => {
                    for block in blocks(target_items, t, target_cut) {
                        self.unpaired_target(block, pool, Unmatched::Covered);
                    }
                }
            }
        }
        self.report_leftovers(leftovers, pool);
    }

    /// Paired lists as long as each other whose items are in another order: the first translated item that shares
    /// nothing (links, images, numbers, code) with its own counterpart, though it has something to share, and most
    /// with another source item, whose own counterpart is astray too. One finding per list: a rotation of three items
    /// is one cause. Numbered lists only: the order of bullets seldom matters, that of steps always does.
    ///
    /// Returns the source item each translated item is then compared with, when the items astray pair among
    /// themselves: each with the one astray source item it shares most with.
    fn list_item_order(&mut self, source_items: &[ListItem], target_items: &[ListItem]) -> Option<Vec<usize>> {
        let weigh = |item: &ListItem, notation: Notation| Features::of_blocks(&item.blocks, notation);
        let (source_notation, target_notation) = (self.languages.source_notation, self.languages.target_notation);
        let target: Vec<Features> = target_items.iter().map(|item| weigh(item, target_notation)).collect();
        // Source items are weighed one by one, and all of them only once an item is astray: most lists keep order.
        let source: Vec<OnceCell<Features>> = source_items.iter().map(|_| OnceCell::new()).collect();
        let source_at = |index: usize| source[index].get_or_init(|| weigh(&source_items[index], source_notation));
        // An item astray shares nothing with its counterpart, though it has something to share.
        let astray = |index: usize| !target[index].tokens.is_empty() && source_at(index).shared(&target[index]) == 0;
        // The one source item among `among` that the translated item `index` shares most with, if it shares any.
        let best_of = |index: usize, among: &mut dyn Iterator<Item = usize>| {
            let shared: Vec<(usize, usize)> =
                among.map(|other| (other, source_at(other).shared(&target[index]))).collect();
            let most = shared.iter().map(|(_, shared)| *shared).max()?;
            let mut best = shared.iter().filter(|(_, shared)| *shared == most);
            match (best.next(), best.next()) {
                (Some((other, _)), None) if most > 0 => Some(*other),
                _ => None,
            }
        };
        // The item it matches has left its place too, else this one is only changed: the translated item there is
        // astray, or, two places or more away, shares nothing with it, which has something to share (text-only steps
        // took its place). A block moved to the next item, which a translation often does, is no step moved.
        let left = |index: usize, other: usize| {
            astray(other)
                || index.abs_diff(other) > 1
                    && !source_at(other).tokens.is_empty()
                    && source_at(other).shared(&target[other]) == 0
        };
        let moved = (0..target.len()).filter(|&index| astray(index)).find_map(|index| {
            best_of(index, &mut (0..source.len())).filter(|&other| left(index, other)).map(|other| (index, other))
        });
        let (index, other) = moved?;
        let (source_name, target_name) = (&self.languages.source, &self.languages.target);
        let message = format!(
            "{target_name} item {} is {source_name} item {}: the items are in another order",
            index + 1,
            other + 1
        );
        let there = self.source.at(source_items[other].span);
        self.out
            .push(Rule::ListItemOrder.diagnostic(self.target.at(target_items[index].span), message).with_source(there));
        let astray_items: Vec<usize> = (0..target.len()).filter(|&index| astray(index)).collect();
        let mut counterparts: Vec<usize> = (0..target.len()).collect();
        let (mut untaken, mut unmatched) = (astray_items.clone(), Vec::new());
        for &index in &astray_items {
            match best_of(index, &mut astray_items.iter().copied()) {
                Some(other) => {
                    let at = untaken.iter().position(|&source| source == other)?;
                    counterparts[index] = untaken.remove(at);
                }
                None => unmatched.push(index),
            }
        }
        // An item whose links or numbers changed as it moved shares nothing with any: it is the one item left.
        match (unmatched.as_slice(), untaken.as_slice()) {
            ([], []) => {}
            ([index], [other]) => counterparts[*index] = *other,
            _ => return None,
        }
        Some(counterparts)
    }

    fn list_item_count(
        &mut self,
        pairings: &[Pairing],
        source: &Block,
        source_items: &[ListItem],
        target: &Block,
        target_items: &[ListItem],
    ) {
        let (source_name, target_name) = (&self.languages.source, &self.languages.target);
        let extra: Vec<usize> =
            pairings.iter().filter_map(|p| if let Pairing::Target(t) = p { Some(*t) } else { None }).collect();
        let missing: Vec<(usize, usize)> = pairings
            .iter()
            .enumerate()
            .filter_map(|(step, p)| if let Pairing::Source(s) = p { Some((step, *s)) } else { None })
            .collect();
        let numbers =
            |indexes: &[usize]| indexes.iter().map(|index| (index + 1).to_string()).collect::<Vec<_>>().join(", ");
        let mut details = Vec::new();
        if !extra.is_empty() {
            let noun = if extra.len() == 1 { "item" } else { "items" };
            let verb = if extra.len() == 1 { "has" } else { "have" };
            details.push(format!("{target_name} {noun} {} {verb} no {source_name} counterpart", numbers(&extra)));
        }
        if !missing.is_empty() {
            let indexes: Vec<usize> = missing.iter().map(|(_, s)| *s).collect();
            let noun = if indexes.len() == 1 { "item" } else { "items" };
            details.push(format!("{source_name} {noun} {} missing", numbers(&indexes)));
        }
        let message = format!(
            "the {target_name} list has {}, the {source_name} list {}: {}",
            plural(target_items.len(), "item"),
            source_items.len(),
            details.join("; ")
        );
        let location = match (extra.first(), missing.first()) {
            (Some(&t), _) => self.target.line(target_items[t].span.line),
            (None, Some(&(step, _))) => {
                let at = insertion(pairings, step, |t| target_items[t].span).unwrap_or(target.span());
                self.target.line(at.line)
            }
            (None, None) => self.target.line(target.span().line),
        };
        // An extra item is shown beside the source item its neighbour pairs with: where it would go in the source.
        let neighbour = |t: usize| {
            let paired = |pairing: &Pairing| match *pairing {
                Pairing::Both(s, other) if other + 1 == t || other == t + 1 => Some(s),
                _ => None,
            };
            pairings.iter().find_map(paired)
        };
        let source_item = missing.first().map(|&(_, s)| s).or_else(|| extra.first().and_then(|&t| neighbour(t)));
        let source_location = match source_item {
            Some(s) => self.source.line(source_items[s].span.line),
            None => self.source.line(source.span().line),
        };
        self.out.push(Rule::ListItemCount.diagnostic(location, message).with_source(source_location));
    }

    /// Extra translated content: its text is checked, its references join `pool`.
    /// A translated block without a counterpart.
    fn extra_block<'b>(&self, block: &'b Block) -> Leftover<'b> {
        let message = format!("this {} has no counterpart in the {} file", describe(block), self.languages.source);
        let finding = block_rule(block).diagnostic(self.target.at(block.span()), message);
        Leftover::Target { block, finding, replacement: false }
    }

    /// A source block without a counterpart, missing at `at` in the translation.
    fn missing_block<'b>(&self, block: &'b Block, at: Span) -> Leftover<'b> {
        let message = format!(
            "the {} {} has no counterpart in the {} file here",
            self.languages.source,
            describe(block),
            self.languages.target
        );
        let diagnostic = block_rule(block).diagnostic(self.target.line(at.line), message);
        Leftover::Source { block, at, finding: Some(diagnostic.with_source(self.source.at(block.span()))) }
    }

    /// The line of `document`'s `::: moniker` opening of a zone of `range` that its next heading after `at` sits in,
    /// with nothing but blank lines and that opening line between `at` and the heading: a zone that opens right before
    /// a heading holds no block of the section before it.
    fn zone_opening_at_heading(document: &Document, at: Span, range: &str) -> Option<Span> {
        let heading =
            document.article.all_sections().into_iter().find(|section| section.heading_span.line >= at.line)?;
        if heading.moniker.as_deref().map(normal_range) != Some(normal_range(range)) {
            return None;
        }
        let mut opening = None;
        for line in at.line..heading.heading_span.line {
            let text = document.line_text(line)?.trim();
            if text.starts_with(":::") && text.contains("moniker") && opening.is_none() {
                opening = document.line(line).span;
            } else if !text.is_empty() {
                return None;
            }
        }
        opening
    }

    fn unpaired_target(&mut self, block: &Block, pool: &mut Pool, unmatched: Unmatched) {
        self.unpaired_text(block);
        let mut found = Vec::new();
        block_references(block, &mut found);
        pool.add_target(found, unmatched);
    }

    /// Checks the text of a translated block without a counterpart for broken Markdown and for English.
    fn unpaired_text(&mut self, block: &Block) {
        let mut leaves = Vec::new();
        prose_leaves(block, &mut leaves);
        for (inlines, span) in leaves {
            self.broken_markup(inlines, None);
            self.untranslated("this text", (inlines, span), None);
        }
    }

    /// Reports the Markdown that a translated run of text broke, unless its source `counterpart` broke it alike.
    fn broken_markup(&mut self, target: &[Inline], counterpart: Option<(&[Inline], Span)>) {
        self.out.extend(markup::in_run(self.source, self.target, target, counterpart, self.languages));
    }

    /// Two paired runs of text (paragraphs, headings): Markdown, references, numbers, language and the alt texts of
    /// their images.
    fn leaf(&mut self, source: (&[Inline], Span), target: (&[Inline], Span), pool: &mut Pool) {
        self.broken_markup(target.0, Some(source));
        self.references(source.0, target.0, target.1, pool);
        self.numbers(source, target);
        if self.may_be_english(target) {
            let found = self.out.len();
            self.untranslated_prose("this text", target, Some(source));
            if self.out.len() == found {
                self.sentences_left_in_english(source, target);
            }
        }
        self.alt_texts(source.0, target.0);
    }

    /// A translated paragraph can keep a sentence of its source as it was, among translated ones: the paragraph
    /// reads as translated, the sentence does not. A sentence of [`MIN_SENTENCE_WORDS`] words or more identical to
    /// one of the source paragraph's, and judged as a copy of its counterpart is (a name such as `FAST Search Server
    /// 2010 for SharePoint` is not prose), is reported at its own place. Only for runs that [`Self::may_be_english`]
    /// keeps.
    fn sentences_left_in_english(&mut self, source: (&[Inline], Span), target: (&[Inline], Span)) {
        let kept = language::english_only_titles(target.0, source.0);
        let target_text = language::prose_text_without(target.0, &kept);
        let source_text = language::prose_text_without(source.0, &kept);
        let source_sentences: HashSet<&str> = language::sentences(&source_text).collect();
        for sentence in language::sentences(&target_text) {
            let long = sentence.split_whitespace().count() >= MIN_SENTENCE_WORDS;
            if !long || !source_sentences.contains(sentence) {
                continue;
            }
            if let Some(verdict) = self.text_check.verdict(sentence, Some(sentence), true) {
                let message = self.text_check.message(verdict, "this sentence");
                let at = self.target.narrow_prose(target.1, sentence);
                let there = self.source.at(self.source.narrow_prose(source.1, sentence));
                self.out.push(Rule::Untranslated.diagnostic(self.target.at(at), message).with_source(there));
            }
        }
    }

    /// Notes which of the translated texts of `pairs` (source and translated texts side by side: a list's items, a
    /// column's cells) are names kept in English: all of them when every one is identical to its source counterpart
    /// and [`language::are_names`] says so.
    fn find_names(&mut self, pairs: Vec<(Run<'_>, Run<'_>)>) {
        // Names come at least two together, all as in the source: most lists and columns are translated from their
        // first item on. And they need an English function word to be mistaken for English.
        let kept = |((source, _), (target, _)): &(Run<'_>, Run<'_>)| {
            language::prose_text_is(source, &language::prose_text(target))
        };
        if !self.languages.english_source
            || pairs.len() < 2
            || !pairs.first().is_some_and(kept)
            || !pairs.iter().any(|(_, (target, _))| language::may_be_english(target))
        {
            return;
        }
        let texts: Vec<String> = pairs.iter().map(|(_, (target, _))| language::prose_text(target)).collect();
        let identical = pairs.iter().zip(&texts).all(|((source, _), text)| language::prose_text_is(source.0, text));
        // Empty on both sides (a table's last row, left blank) says nothing either way.
        let filled: Vec<String> = texts.into_iter().filter(|text| !text.is_empty()).collect();
        if identical && language::are_names(&filled) {
            self.names.extend(pairs.iter().map(|(_, (_, span))| span.start));
        }
    }

    /// Two paired table cells: Markdown, references, numbers, language and the alt texts of their images.
    fn cell(&mut self, source: &[Inline], target: &[Inline], table: Span, pool: &mut Pool) {
        let (source, target) = ((source, cell_span(source, table)), (target, cell_span(target, table)));
        self.broken_markup(target.0, Some(source));
        // A reference missing from a cell is reported at the cell, not at the table's first line.
        self.references(source.0, target.0, target.1, pool);
        self.numbers(source, target);
        self.untranslated("this table cell", target, Some(source));
        self.alt_texts(source.0, target.0);
    }

    /// The alt texts of the images in two paired runs of text, paired by position when both have as many images
    /// (else an alt text has no counterpart, and only lingua judges it).
    fn alt_texts(&mut self, source: &[Inline], target: &[Inline]) {
        fn images<'a>(inlines: &'a [Inline], out: &mut Vec<(&'a str, Span)>) {
            for inline in inlines {
                match inline {
                    Inline::Image { alt, span, .. } => out.push((alt, *span)),
                    Inline::Emphasis { children, .. } | Inline::Link { children, .. } => images(children, out),
                    _ => {}
                }
            }
        }
        let (mut source_images, mut target_images) = (Vec::new(), Vec::new());
        images(source, &mut source_images);
        images(target, &mut target_images);
        let paired = source_images.len() == target_images.len();
        for (index, &(alt, span)) in target_images.iter().enumerate() {
            let counterpart = source_images.get(index).filter(|_| paired).copied();
            if let Some((source_alt, source_span)) = counterpart
                && alt.trim().is_empty()
                && !source_alt.trim().is_empty()
            {
                let message = format!("this image has no alt text; the {} image has one", self.languages.source);
                let there = self.source.at(source_span);
                self.out.push(Rule::ImageMismatch.diagnostic(self.target.at(span), message).with_source(there));
                continue;
            }
            self.untranslated_text("this image's alt text", alt, self.target.narrow(span, alt), counterpart);
        }
    }

    /// Matches the references of two paired runs; what is left joins the section's pool.
    fn references(&self, source: &[Inline], target: &[Inline], anchor: Span, pool: &mut Pool) {
        let mut local = Pool::default();
        let mut found = Vec::new();
        references::in_inlines(source, &mut found);
        local.add_source(found, anchor, Unmatched::Finding);
        let mut found = Vec::new();
        references::in_inlines(target, &mut found);
        local.add_target(found, Unmatched::Finding);
        local.settle(&self.target.relative);
        local.pour_into(pool);
    }

    /// Two paired runs of text must hold the same numbers: one finding naming the values either side lacks, at the
    /// first translated number the source lacks, or else at the translated number in the place of the first one the
    /// translation lacks.
    fn numbers(&mut self, source: (&[Inline], Span), target: (&[Inline], Span)) {
        // Most paired texts write their numbers alike, digit for digit and sign for sign: nothing to read then.
        if numeric_skeleton(source.0) == numeric_skeleton(target.0) {
            return;
        }
        let source_found = numbers_in(source.0, self.languages.source_notation);
        let target_found = numbers_in(target.0, self.languages.target_notation);
        fn sorted_keys<'a>(found: &'a [Found<'_>]) -> Vec<&'a str> {
            let mut keys: Vec<&str> = found.iter().map(|found| found.number.key.as_str()).collect();
            keys.sort_unstable();
            keys
        }
        if sorted_keys(&source_found) == sorted_keys(&target_found) {
            return;
        }
        let source_numbers: Vec<numbers::Number> = source_found.iter().map(|found| found.number.clone()).collect();
        let target_numbers: Vec<numbers::Number> = target_found.iter().map(|found| found.number.clone()).collect();
        let (source_text, target_text) = (language::prose_text(source.0), language::prose_text(target.0));
        let differences = numbers::differences(&source_numbers, &source_text, &target_numbers, &target_text);
        if differences.is_empty() {
            return;
        }
        let (shown_source, shown_target) =
            (shown(&differences.only_source, &source_found), shown(&differences.only_target, &target_found));
        let (source_name, target_name) = (&self.languages.source, &self.languages.target);
        // A number the source has only inside a name or an address: the translation broke the token apart.
        let broken_token = match (differences.only_source.as_slice(), differences.only_target.as_slice()) {
            ([], [only]) => {
                technical_token_holding(source.0, &target_found[*only].number.key, self.languages.source_notation)
            }
            _ => None,
        };
        let message = match (differences.only_source.is_empty(), differences.only_target.is_empty(), broken_token) {
            (true, false, Some((token, _))) => format!(
                "numbers differ: the {target_name} text has {shown_target}, which the {source_name} text has only \
                 inside `{}`: was that name or address broken apart?",
                clip(token, MAX_QUOTED_CODE_CHARS)
            ),
            (false, false, _) => format!(
                "numbers differ: the {target_name} text has {shown_target} where the {source_name} text has \
                 {shown_source}"
            ),
            (true, false, None) => {
                format!(
                    "numbers differ: the {target_name} text has {shown_target}, which the {source_name} text does not"
                )
            }
            _ => format!(
                "numbers differ: the {source_name} text has {shown_source}, which the {target_name} text does not"
            ),
        };
        let narrowed = |document: &Document, found: &Found<'_>| document.narrow(found.inline, found.written);
        let here = differences.at.map_or(target.1, |index| narrowed(self.target, &target_found[index]));
        let there = match (differences.only_source.first(), broken_token) {
            (Some(&index), _) => narrowed(self.source, &source_found[index]),
            (None, Some((token, inline))) => self.source.narrow(inline, token),
            (None, None) => source.1,
        };
        self.out
            .push(Rule::NumberMismatch.diagnostic(self.target.at(here), message).with_source(self.source.at(there)));
    }

    /// Checks a translated run of text (a paragraph, a heading, a table cell), described as `what`, for English.
    /// `counterpart` is its source partner, if any: the titles of English-only pages that both link to are left out.
    fn untranslated(&mut self, what: &str, target: (&[Inline], Span), counterpart: Option<(&[Inline], Span)>) {
        if self.may_be_english(target) {
            self.untranslated_prose(what, target, counterpart);
        }
    }

    /// The cheap first look of the language checks, before any text is built: whether a translated run may be English
    /// at all. Most runs stop here.
    fn may_be_english(&self, target: Run<'_>) -> bool {
        self.languages.english_source && language::may_be_english(target.0) && !self.names.contains(&target.1.start)
    }

    /// [`Self::untranslated`] for a run that [`Self::may_be_english`] keeps.
    fn untranslated_prose(&mut self, what: &str, target: Run<'_>, counterpart: Option<Run<'_>>) {
        let kept = counterpart.map(|(inlines, _)| language::english_only_titles(target.0, inlines)).unwrap_or_default();
        let counterpart = counterpart.map(|(inlines, span)| (language::prose_text_without(inlines, &kept), span));
        let counterpart = counterpart.as_ref().map(|(text, span)| (text.as_str(), *span));
        self.untranslated_text(what, &language::prose_text_without(target.0, &kept), target.1, counterpart);
    }

    /// Checks `text`, described as `what` and found at `at` in the translation, for English. It is identical to the
    /// source when its `counterpart`, or else some source paragraph or heading, has the same text; the finding points
    /// at that one.
    fn untranslated_text(&mut self, what: &str, text: &str, at: Span, counterpart: Option<(&str, Span)>) {
        // Most translated texts have no English function word: then the source texts need not be gathered.
        if !self.languages.english_source || !language::has_english_function_word(text) {
            return;
        }
        let identical = counterpart
            .filter(|(counterpart, _)| *counterpart == text)
            .map(|(_, span)| span)
            .or_else(|| self.source_texts.get_or_init(|| SourceTexts::of(self.source)).identical(text));
        let Some(verdict) =
            self.text_check.verdict(text, counterpart.map(|(counterpart, _)| counterpart), identical.is_some())
        else {
            return;
        };
        let source = match verdict {
            language::Verdict::Identical => identical,
            language::Verdict::Detected(_) => counterpart.map(|(_, span)| span),
        };
        let mut diagnostic = Rule::Untranslated.diagnostic(self.target.at(at), self.text_check.message(verdict, what));
        if let Some(span) = source {
            diagnostic = diagnostic.with_source(self.source.at(span));
        }
        self.out.push(diagnostic);
    }
}

/// The tabs of two paired tab groups that pair: those of the same id (a translation keeps the ids), then the others in
/// order. A tab left over is no finding of its own: the group's finding names the ids that differ.
fn pair_tabs<'a>(source: &'a [Block], target: &'a [Block]) -> Vec<(&'a Block, &'a Block)> {
    let key = |tab: &'a Block| match tab {
        Block::Tab { id, condition, .. } => Some((&**id, condition.as_deref())),
        _ => None,
    };
    let mut pairs = Vec::new();
    let mut unpaired_target: Vec<&Block> = target.iter().collect();
    let mut unpaired_source = Vec::new();
    for tab in source {
        match unpaired_target.iter().position(|other| key(other) == key(tab)) {
            Some(at) => pairs.push((tab, unpaired_target.remove(at))),
            None => unpaired_source.push(tab),
        }
    }
    pairs.extend(unpaired_source.into_iter().zip(unpaired_target));
    pairs
}

/// A run of text (a paragraph, a heading, a table cell) and its span.
type Run<'a> = (&'a [Inline], Span);

/// The span of a table cell's `inlines`, in the table at `table` (the table's, for an empty cell).
/// "row “a” (line 3) has no counterpart", or "rows “a” (line 3) and “b” (line 5) have no counterpart".
fn rows_named(rows: &[String]) -> String {
    match rows {
        [row] => format!("row {row} has no counterpart"),
        [rest @ .., last] => format!("rows {} and {last} have no counterpart", rest.join(", ")),
        [] => String::new(),
    }
}

fn cell_span(inlines: &[Inline], table: Span) -> Span {
    let mut span = inlines.first().map_or(table, Inline::span);
    if let Some(last) = inlines.last() {
        span.extend_to(last.span());
    }
    span
}

/// The fewest words a sentence left in English needs to be reported on its own: shorter ones ("Click OK.") are as
/// often names, commands or quotes of the interface as untranslated prose.
const MIN_SENTENCE_WORDS: usize = 6;

/// The references of every paragraph, heading and table cell in `block`.
fn block_references(block: &Block, out: &mut Vec<Reference>) {
    let mut leaves = Vec::new();
    inline_leaves(block, &mut leaves);
    for inlines in leaves {
        references::in_inlines(inlines, out);
    }
}

/// The part of `block` (a code block of `document`) to point at: `token`, the bytes of its trimmed `line`; the whole
/// block when the line is not found.
fn narrow_to_token(document: &Document, block: Span, line: &str, token: std::ops::Range<usize>) -> Span {
    let found = document.narrow(block, line);
    if found == block { block } else { document.span(found.start + token.start, found.start + token.end) }
}

/// Whether the code block at `span` is fenced. Indented code blocks in Learn articles are nearly always prose indented
/// by accident, which translators translate: their content is not compared. A block whose opening fence the file
/// lost, read in by sync, is fenced.
pub(super) fn fenced(document: &Document, span: Span) -> bool {
    document.text.get(span.start..).is_some_and(|code| {
        let code = code.trim_start_matches([' ', '\t']);
        code.starts_with("```") || code.starts_with("~~~")
    }) || document.fence_read_in_at(span.start).is_some()
}

/// The lines of `code` before its first line that is a bare fence (```` ``` ````, `~~~`), when none of them is blank:
/// a closing fence written right after the code, that cannot close it. A fence after a blank line is more likely
/// one of a block that what the fence left open swallowed.
fn code_before_fence_line(code: &str) -> Option<&str> {
    let mut line_start = 0;
    for line in code.split_inclusive('\n') {
        let fence = line.trim();
        if fence.is_empty() {
            return None;
        }
        if fence.len() >= 3 && (fence.bytes().all(|byte| byte == b'`') || fence.bytes().all(|byte| byte == b'~')) {
            return (line_start > 0).then(|| code[..line_start].trim_end_matches(['\n', '\r']));
        }
        line_start += line.len();
    }
    None
}

/// What follows the code `kept` at the start of `code`, the code of the block at `span` of `document` left open, read
/// as the text it is: one run of text, from the line it starts at.
fn swallowed_prose(document: &Document, code: &str, kept: &str, span: Span) -> [Inline; 1] {
    let kept_lines = if kept.is_empty() { 0 } else { kept.lines().count() };
    let line = span.line.saturating_add(1 + u32::try_from(kept_lines).unwrap_or(u32::MAX));
    let start = document.line(line).span.map_or(span.start, |line| line.start.min(span.end));
    [Inline::Text { text: code[kept.len()..].to_owned(), span: document.span(start, span.end) }]
}

/// Unpaired source and target blocks that stand in each other's place (between the same paired blocks, in order)
/// and have no rule of their own: a paragraph the translation turned into a list is one finding, not two.
fn replacements<'a>(
    pairings: &[Pairing],
    source: impl Fn(usize) -> &'a Block,
    target: impl Fn(usize) -> &'a Block,
) -> Vec<(usize, usize)> {
    let mut replaced = Vec::new();
    for run in pairings.split(|pairing| matches!(pairing, Pairing::Both(..))) {
        let sources = run.iter().filter_map(|pairing| match pairing {
            Pairing::Source(s) if block_rule(source(*s)) == Rule::BlockMismatch => Some(*s),
            _ => None,
        });
        let targets = run.iter().filter_map(|pairing| match pairing {
            Pairing::Target(t) if block_rule(target(*t)) == Rule::BlockMismatch => Some(*t),
            _ => None,
        });
        replaced.extend(sources.zip(targets));
    }
    replaced
}

/// `pairings` with, between two paired blocks, the blocks left alone on both sides that are of one kind and that
/// [`replacements`] would pair (paragraphs, lists…) paired in order: one block rewritten, not one replaced by another
/// of its own kind.
fn pair_rewritten<'a>(
    pairings: Vec<Pairing>,
    source: impl Fn(usize) -> &'a Block,
    target: impl Fn(usize) -> &'a Block,
) -> Vec<Pairing> {
    let mut paired = Vec::with_capacity(pairings.len());
    for run in pairings.split_inclusive(|pairing| matches!(pairing, Pairing::Both(..))) {
        let (run, both) = match run.split_last() {
            Some((last @ Pairing::Both(..), run)) => (run, Some(*last)),
            _ => (run, None),
        };
        let rewritable = |block: &Block| block_rule(block) == Rule::BlockMismatch;
        let sources: Vec<usize> = run.iter().filter_map(|p| source_of(*p)).collect();
        let mut targets = run.iter().filter_map(|p| target_of(*p)).peekable();
        let mut rewritten = Vec::new();
        for &s in sources.iter().filter(|&&s| rewritable(source(s))) {
            let same = |t: &usize| rewritable(target(*t)) && kind(target(*t)) == kind(source(s));
            while targets.next_if(|t| !same(t)).is_some() {}
            if let Some(t) = targets.next() {
                rewritten.push((s, t));
            }
        }
        // The run in order again: each pair after the blocks left alone before it on either side.
        let mut sources = sources.into_iter().peekable();
        let mut targets_left: Vec<usize> = run.iter().filter_map(|p| target_of(*p)).collect();
        for (s, t) in rewritten {
            paired.extend(std::iter::from_fn(|| sources.next_if(|&other| other < s)).map(Pairing::Source));
            let before: Vec<usize> = targets_left.iter().copied().filter(|&other| other < t).collect();
            targets_left.retain(|&other| other > t);
            paired.extend(before.into_iter().map(Pairing::Target));
            sources.next();
            paired.push(Pairing::Both(s, t));
        }
        paired.extend(sources.map(Pairing::Source));
        paired.extend(targets_left.into_iter().map(Pairing::Target));
        paired.extend(both);
    }
    paired
}

fn source_of(pairing: Pairing) -> Option<usize> {
    match pairing {
        Pairing::Both(s, _) | Pairing::Source(s) => Some(s),
        Pairing::Target(_) => None,
    }
}

/// The span of the next target item after `pairings[step]` (or the previous one, when none follows): where a source
/// item missing at that step belongs.
fn insertion(pairings: &[Pairing], step: usize, span_of: impl Fn(usize) -> Span) -> Option<Span> {
    next_target(&pairings[step + 1..])
        .or_else(|| pairings[..step].iter().rev().find_map(|pairing| target_of(*pairing)))
        .map(span_of)
}

fn next_target(pairings: &[Pairing]) -> Option<usize> {
    pairings.iter().find_map(|pairing| target_of(*pairing))
}

fn target_of(pairing: Pairing) -> Option<usize> {
    match pairing {
        Pairing::Both(_, t) | Pairing::Target(t) => Some(t),
        Pairing::Source(_) => None,
    }
}

/// A block without a partner in its sequence, and the finding that says so unless it turns out to have moved.
/// Blocks that one side left unindented after a numbered list, where the other side keeps them at the end of the
/// list's last item.
struct Unindented<'b> {
    /// Whether the translation left them out of the list (one finding), or the source (which the translation mended:
    /// no finding).
    target_side: bool,
    /// How many items the list has on the side that left them out: the item they belong under.
    items: usize,
    /// Their indexes in that side's blocks, in order.
    after: Vec<usize>,
    /// Their counterparts at the end of the other side's last item, in order.
    inside: &'b [Block],
}

/// The final blocks of `in_list`'s last item that pair with `after`, the first of the blocks unpaired right after
/// `out_list` on the other side: as many as have the same kinds in the same order, provided `out_list`'s last item
/// lacks as many blocks.
fn kept_inside<'b>(out_list: &[ListItem], in_list: &'b [ListItem], after: &[&Block]) -> Option<&'b [Block]> {
    let (out_last, in_last) = (out_list.last()?, in_list.last()?);
    (1..=after.len()).rev().find_map(|count| {
        let inside = &in_last.blocks[in_last.blocks.len().checked_sub(count)?..];
        let alike = inside.iter().zip(after).all(|(a, b)| kind(a) == kind(b));
        (alike && in_last.blocks.len() >= out_last.blocks.len() + count).then_some(inside)
    })
}

/// The blocks of a section's subsections that have no counterpart, if it has any.
fn one_sided_blocks<'a>(sections: Option<&Vec<&'a Section>>) -> Vec<&'a Block> {
    sections.into_iter().flatten().flat_map(|section| items(&section.blocks)).collect()
}

/// The blocks of a paired section's subsections that only one side has: (source) missing and (target) extra.
struct OneSided<'b> {
    source: Vec<&'b Block>,
    target: Vec<&'b Block>,
}

enum Leftover<'b> {
    /// A source block, missing at `at` in the translation; no `finding` when a target block replaces it (which
    /// reports both).
    Source { block: &'b Block, at: Span, finding: Option<Diagnostic> },
    /// A target block; a `replacement` of a source block of another kind, or extra.
    Target { block: &'b Block, finding: Diagnostic, replacement: bool },
}

impl<'b> Leftover<'b> {
    fn block(&self) -> &'b Block {
        match self {
            Leftover::Source { block, .. } | Leftover::Target { block, .. } => block,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_untranslated_heading_numbered_apart_from_anchors_that_repeat_its_id_pairs_by_position() {
        // Each section has a `### Format`: English ids `format`, `format-1`, `format-2`, `format-3`. The French anchors
        // are `format` for each, but the last two headings, left in English, have none: `format` and `format-1`, which
        // names the English second section's, not the fourth's.
        let english = "# T\n\n## A\n\n### Format\n\nAlpha.\n\n## B\n\n### Format\n\nBeta.\n\n## C\n\n### Format\n\n\
                       Gamma.\n\n## D\n\n### Format\n\nDelta.\n";
        let french = "# T\n\n## <a name=\"a\"></a>A\n\n### <a name=\"format\"></a>Format\n\nAlpha.\n\n\
                      ## <a name=\"b\"></a>B\n\n### <a name=\"format\"></a>Format\n\nBeta.\n\n\
                      ## <a name=\"c\"></a>C\n\n### Format\n\nGamma.\n\n## <a name=\"d\"></a>D\n\n### Format\n\nDelta.\n";
        assert_eq!(findings(english, french), []);
    }

    /// `(rule, target line)` of what comparing the two texts finds.
    fn findings(english: &str, french: &str) -> Vec<(String, u32)> {
        let source = Document::new("en-us/a.md", "a.md", english.to_owned());
        let target = Document::new("fr-fr/a.md", "a.md", french.to_owned());
        let mut found: Vec<(String, u32)> = compare(&source, &target, &Languages::of("en-us", "fr-fr"))
            .findings
            .into_iter()
            .map(|diagnostic| (diagnostic.rule, diagnostic.location.line()))
            .collect();
        found.sort();
        found
    }

    fn found(rule: &str, line: u32) -> (String, u32) {
        (rule.to_owned(), line)
    }

    #[test]
    fn a_heading_deleted_without_anchors_is_named_where_its_content_runs_on() {
        // The French lost `### Billing`: its paragraphs run on under the section before, which pairs with the
        // English section its first paragraph is, not with the one its paragraphs outnumber.
        let english = "# T\n\n## Setup\n\n### Special steps\n\nThe operator gives 7 days of support.\n\n### Billing\n\n\
                       Billing happens every 12 months.\n\nContact the operator for 4 invoices.\n";
        let french = "# T\n\n## Configuration\n\n### Étapes spéciales\n\nL’opérateur offre 7 jours d’assistance.\n\n\
                      La facturation a lieu tous les 12 mois.\n\nContactez l’opérateur pour 4 factures.\n";
        assert_eq!(findings(english, french), [found("missing-section", 9)]);
        // Lost with the heading, its second paragraph is missing too, at the end of the one that runs on.
        let lost = french.replace("\n\nContactez l’opérateur pour 4 factures.", "");
        assert_eq!(findings(english, &lost), [found("block-mismatch", 9), found("missing-section", 9)]);
    }

    #[test]
    fn headings_whose_title_repeats_without_anchors_pair_by_position() {
        // Each type has a `### Format` (ids `format`, `format-1`, `format-2`): the French lost the second type's, so its
        // third is `format-1`, which names the English second. Paired by position, the third's number is compared
        // with the English third's.
        let english = "# T\n\n## A\n\n### Format\n\nExactly 8 characters.\n\n## B\n\n### Format\n\n\
                       Exactly 9 characters.\n\n## C\n\n### Format\n\nExactly 10 characters.\n";
        let french = "# T\n\n## A\n\n### Format\n\nExactement 8 caractères.\n\n## B\n\n## C\n\n### Format\n\n\
                      Exactement 11 caractères.\n";
        assert_eq!(findings(english, french), [found("missing-section", 11), found("number-mismatch", 15)]);
    }

    #[test]
    fn numbers_written_alike_have_one_skeleton_and_any_other_writing_another() {
        let skeleton = |markdown: &str| {
            let parsed = crate::parse::parse("a.md", markdown, &Default::default(), &crate::parse::NoIncludes);
            match &parsed.article.preamble[..] {
                [Block::Paragraph { inlines, .. }] => numeric_skeleton(inlines),
                other => panic!("{other:?}"),
            }
        };
        assert_eq!(skeleton("Version **16.0** of 2019, [step 3](a.md)."), b"16.0 2019, 3 ");
        assert_eq!(
            skeleton("Version **16.0** de 2019, [étape 3](a.md)."),
            skeleton("Version **16.0** of 2019, [step 3](a.md).")
        );
        assert!(skeleton("No digits at all.").is_empty());
        for (one, other) in
            [("1.5", "1,5"), ("-1", "1"), ("1. 2", "1.2"), ("1\u{a0}000", "1000"), ("à/24", "24"), ("24h", "24")]
        {
            let (one, other) = (format!("Value {one} here."), format!("Value {other} here."));
            assert_ne!(skeleton(&one), skeleton(&other), "{one} and {other}");
        }
    }

    #[test]
    fn a_picture_written_the_other_way_is_the_same_picture_unless_its_file_or_alt_text_differs() {
        let image = ":::image type=\"content\" source=\"../media/secret.png\" alt-text=\"Secret properties\":::";
        let article = |intro: &str, image: &str, end: &str| format!("# T\n\n{intro}\n\n{image}\n\n{end}\n");
        let english = article("Select the version.", image, "You can see the value.");
        let french = |image: &str| article("Sélectionnez la version.", image, "Vous voyez la valeur.");
        assert_eq!(findings(&english, &french("![Propriétés du secret](../media/secret.png)")), []);
        // Either way round.
        let markdown_english = article("Select the version.", "![Secret properties](../media/secret.png)", "Done.");
        let image_french = image.replace("Secret properties", "Propriétés du secret");
        assert_eq!(findings(&markdown_english, &article("Sélectionnez la version.", &image_french, "Fin.")), []);
        assert_eq!(findings(&english, &french("![Propriétés](../media/other.png)")), [found("image-mismatch", 5)]);
        assert_eq!(findings(&english, &french("![](../media/secret.png)")), [found("image-mismatch", 5)]);
        assert_eq!(
            findings(&english, &french("![Secret properties of the selected version](../media/secret.png)")),
            [found("untranslated", 5)]
        );
    }

    #[test]
    fn blocks_under_a_heading_only_one_side_has_are_compared_with_the_other_sides_section() {
        let english = "# Save the mailbox\n\nThere are two ways.\n\n1. Place a hold.\n\
                       2. Export the data. See [step 6](step-6.md).\n";
        let french = "# <a name=\"save-the-mailbox\"></a>Enregistrer la boîte\n\nDans cette étape, enregistrez-la.\n\n\
                      ## <a name=\"hold-or-export\"></a>Conserver ou exporter\n\nIl existe deux façons.\n\n\
                      1. Placez une conservation.\n2. Exportez les données. Voir [l’étape 4](step-4.md).\n";
        // The heading is one finding; the list under it is still the English list, whose link and number drifted.
        assert_eq!(
            findings(english, french),
            [found("extra-section", 5), found("link-mismatch", 10), found("number-mismatch", 10)]
        );
        assert_eq!(findings(english, &french.replace("4](step-4.md)", "6](step-6.md)")), [found("extra-section", 5)]);
        // The other way round: the translation left out the English subsection's heading, not its list, which is
        // where the heading belongs; the subsection's paragraph, which it left out too, is missing.
        let (english, french) = (
            english.replace("There are two ways.\n\n", "There are two ways.\n\n## Hold or export\n\nChoose one.\n\n"),
            french.replace("## <a name=\"hold-or-export\"></a>Conserver ou exporter\n\nIl existe deux façons.\n\n", ""),
        );
        assert_eq!(
            findings(&english, &french),
            [
                found("block-mismatch", 5),
                found("link-mismatch", 6),
                found("missing-section", 5),
                found("number-mismatch", 6)
            ]
        );
    }

    #[test]
    fn a_section_only_the_translation_has_after_paired_ones_holds_none_of_its_parents_blocks() {
        // The French lost the intro's second paragraph and added a section at the end: that section's paragraph is
        // not the lost one (its parent's own blocks come before its first subsection), so the loss shows.
        let english = "# Set up\n\nThis article has 3 parts.\n\nThe portal has 21 operators.\n\n## Step 1: Create\n\n\
                       Wait 15 minutes.\n";
        let french = "# Configurer\n\nCet article a 3 parties.\n\n## Étape 1 : Créer\n\nAttendez 15 minutes.\n\n\
                      ## Informations\n\nCette section parle du portail.\n";
        assert_eq!(findings(english, french), [found("block-mismatch", 4), found("extra-section", 9)]);
    }

    #[test]
    fn lines_one_side_writes_as_paragraphs_are_one_text() {
        let english = "# Related content\n\n[Let users reset passwords](let-users-reset.md) (article)\\\n\
                       [Reset passwords](reset-passwords.md) (article)\n";
        let french = "# <a name=\"related-content\"></a>Contenu associé\n\n\
                      [Autoriser la réinitialisation](let-users-reset.md) (article)\n\n\
                      [Réinitialiser les mots de passe](reset-passwords.md) (article)\n";
        assert_eq!(findings(english, french), []);
        assert_eq!(
            findings(english, &french.replace("reset-passwords.md", "add-users.md")),
            [found("link-mismatch", 5)]
        );
        // A paragraph more than the lines is still one finding (the alignment may name another of the three).
        let extra = format!("{french}\nUn paragraphe de plus, sans rapport.\n");
        let rules: Vec<String> = findings(english, &extra).into_iter().map(|(rule, _)| rule).collect();
        assert_eq!(rules, ["block-mismatch"]);
        // The other way round.
        let (english, french) = (english.replace(")\\\n", ")\n\n"), french.replace(")\n\n[R", ")<br>\n[R"));
        assert_eq!(findings(&english, &french), []);
    }

    #[test]
    fn anchors_written_the_localization_way_pair_without_findings() {
        let english = "# Security & Compliance\n\n## Keywords_spain\n\nA.\n\n## Codes\n\nB.\n\n## Codes\n\nC.\n";
        let french = "# <a name=\"security-amp-compliance\"></a>Sécurité et conformité\n\n\
                      ## <a name=\"keywordsspain\"></a>Mots clés\n\nA.\n\n\
                      ## <a name=\"codes\"></a>Codes\n\nB.\n\n## <a name=\"codes\"></a>Codes\n\nC.\n";
        assert_eq!(findings(english, french), []);
    }

    #[test]
    fn a_note_that_lost_its_indentation_is_one_finding_and_a_list_split_on_both_sides_none() {
        let english = "# T\n\n1. Open the [center](https://admin.microsoft.com).\n\n   > [!NOTE]\n   > Global admin.\n\n\
                       2. Select **Users**.\n3. Select **Delete**.\n";
        let french = "# T\n\n1. Ouvrez le [centre](https://admin.microsoft.com).\n\n> [!NOTE]\n> Administrateur.\n\n\
                      2. Sélectionnez **Utilisateurs**.\n3. Sélectionnez **Supprimer**.\n";
        assert_eq!(findings(english, french), [found("block-mismatch", 5)]);
        // Written alike on both sides, a note between steps numbered on is how the article is: nothing to report.
        let english_split = english.replace("   > ", "> ");
        assert_eq!(findings(&english_split, french), []);
        // The translation mended what the English broke: not drift either.
        assert_eq!(findings(&english_split, &french.replace("\n> ", "\n   > ")), []);
    }

    #[test]
    fn a_note_that_lost_its_indentation_under_the_last_step_is_one_finding() {
        let english =
            "# T\n\n1. Open the center.\n2. Save.\n\n   > [!NOTE]\n   > It takes [a minute](https://a.b/c).\n\nEnd.\n";
        let french = "# T\n\n1. Ouvrez le centre.\n2. Enregistrez.\n\n> [!NOTE]\n> Cela prend [une minute](https://a.b/d).\n\n\
                      Fin.\n";
        let source = Document::new("en-us/a.md", "a.md", english.to_owned());
        let target = Document::new("fr-fr/a.md", "a.md", french.to_owned());
        let diagnostics = compare(&source, &target, &Languages::of("en-us", "fr-fr")).findings;
        let described: Vec<(&str, u32, &str)> =
            diagnostics.iter().map(|d| (d.rule.as_str(), d.location.line(), d.message.as_str())).collect();
        // The note still pairs with its English counterpart: its link is compared.
        assert_eq!(
            described,
            [
                (
                    "block-mismatch",
                    6,
                    "this `[!NOTE]` alert is not indented under item 2 of the list above, as it is in the English \
                     file: it ends the list"
                ),
                ("link-mismatch", 7, "this link to `https://a.b/d` differs from the English link to `https://a.b/c`")
            ]
        );
        // The translation mended what the English broke: not drift, and the notes pair (their links differ).
        let english_unindented = english.replace("   > ", "> ");
        assert_eq!(findings(&english_unindented, &french.replace("\n> ", "\n   > ")), [found("link-mismatch", 7)]);
        // A sentence added after the list, where the last English step has no second paragraph, is extra.
        let added = french.replace("> [!NOTE]\n> Cela prend [une minute](https://a.b/d).", "Voilà.");
        assert_eq!(findings(english, &added), [found("alert-mismatch", 5), found("block-mismatch", 6)]);
    }

    #[test]
    fn code_changed_in_case_only_is_a_warning_but_nothing_in_powershell_outside_strings() {
        let code = |language: &str, line: &str| format!("# T\n\n```{language}\n{line}\n```\n");
        let found = |language: &str, english: &str, french: &str| {
            let source = Document::new("en-us/a.md", "a.md", code(language, english));
            let target = Document::new("fr-fr/a.md", "a.md", code(language, french));
            compare(&source, &target, &Languages::of("en-us", "fr-fr")).findings
        };
        let english = "$p = Get-DkimSigningConfig -Identity contoso.com -Name \"Sales\"";
        // PowerShell and cmd read names in any case; the English tag says what the code is.
        for language in ["powershell", "PowerShell", "cmd"] {
            let case_only = "$p=get-DkimSigningConfig -identity contoso.com -name \"Sales\"";
            assert!(found(language, english, case_only).is_empty(), "{language}");
        }
        let source = Document::new("en-us/a.md", "a.md", code("powershell", english));
        let untagged = Document::new("fr-fr/a.md", "a.md", code("", &english.to_lowercase().replace("sales", "Sales")));
        let rules: Vec<String> = compare(&source, &untagged, &Languages::of("en-us", "fr-fr"))
            .findings
            .into_iter()
            .map(|diagnostic| diagnostic.rule)
            .collect();
        assert_eq!(rules, ["block-mismatch"], "the lost tag only");
        // A string's case may count, and other languages may read names in one case only.
        for (language, french) in
            [("powershell", english.replace("Sales", "sales")), ("bash", english.replace("-Identity", "-identity"))]
        {
            let found = found(language, english, &french);
            let severities: Vec<(&str, Severity)> = found.iter().map(|d| (d.rule.as_str(), d.severity)).collect();
            assert_eq!(severities, [("code-mismatch", Severity::Warning)], "{language}");
            assert!(found[0].message.ends_with("(a change of case only)"), "{}", found[0].message);
        }
        let renamed = found("powershell", english, &english.replace("-Identity", "-DomainName"));
        assert_eq!(renamed.iter().map(|d| d.severity).collect::<Vec<_>>(), [Severity::Error]);
        // The same context on both sides: the token before differs (`$p=Get-…`, `Get-…`), so only the token is quoted.
        let spaced = found("bash", english, &english.replace("$p = Get", "$p=Get").replace("-Identity", "-identity"));
        assert_eq!(spaced[0].message, "`-identity` where the English code has `-Identity` (a change of case only)");
    }

    #[test]
    fn code_written_in_another_case_and_spacing_pairs_when_a_block_is_missing() {
        // PowerShell ignores case: the French wrote the parameters in lower case, without the language tag, and left
        // out the last block. The others pair with their English blocks, and the one left out is the finding.
        let english = "# T\n\n```powershell\n$p = Get-Config -Identity a\n```\n\n```powershell\n\
                       Set-Config -Identity b -Enabled $false\n```\n\n```powershell\nRemove-Config -Identity c\n```\n";
        let french = "# T\n\n```\n$p=Get-Config -identity a\n```\n\n```\nSet-Config -identity b -enabled $false\n```\n";
        // Each language tag lost is a warning of its own.
        assert_eq!(
            findings(english, french),
            [found("block-mismatch", 3), found("block-mismatch", 7), found("code-mismatch", 9)]
        );
    }

    #[test]
    fn plain_text_tags_are_no_language_difference() {
        let block = |tag: &str| format!("# T\n\n```{tag}\nHost name: selector1._domainkey\nTTL: 3600\n```\n");
        for (english, french) in [("text", ""), ("", "plaintext"), ("output", "text"), ("TXT", "")] {
            assert_eq!(findings(&block(english), &block(french)), [], "{english:?} against {french:?}");
        }
        assert_eq!(findings(&block("console"), &block("")), [found("block-mismatch", 3)], "console is highlighted");
        assert_eq!(findings(&block("text"), &block("powershell")), [found("block-mismatch", 3)]);
    }

    #[test]
    fn counts_of_one_are_singular() {
        let message = |english: &str, french: &str| {
            let source = Document::new("en-us/a.md", "a.md", english.to_owned());
            let target = Document::new("fr-fr/a.md", "a.md", french.to_owned());
            compare(&source, &target, &Languages::of("en-us", "fr-fr")).findings.remove(0).message
        };
        assert_eq!(
            message("# T\n\n1. [Un](a.md)\n2. [Deux](b.md)\n", "# T\n\n1. [Un](a.md)\n"),
            "the French list has 1 item, the English list 2: English item 2 missing"
        );
        assert_eq!(
            message("# T\n\n| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n", "# T\n\n| a |\n|---|\n| 1 |\n"),
            "this table has 1 column and 1 row; the English table 2 and 2"
        );
    }

    #[test]
    fn a_missing_section_is_reported_once_with_its_subsections() {
        let english = "# T\n\n## One\n\nA.\n\n### Sub\n\nB.\n\n## Two\n\nC.\n";
        let french = "# <a name=\"t\"></a>T\n\n## <a name=\"two\"></a>Deux\n\nC.\n";
        assert_eq!(findings(english, french), [found("missing-section", 3)]);
    }

    #[test]
    fn sections_out_of_order_and_levels_are_heading_mismatches() {
        let english = "# T\n\n## One\n\nA.\n\n## Two\n\nB.\n\n## Three\n\nC.\n";
        let french = "# T\n\n## <a name=\"three\"></a>Trois\n\nC.\n\n## <a name=\"one\"></a>Un\n\nA.\n\n\
                      ### <a name=\"two\"></a>Deux\n\nB.\n";
        assert_eq!(findings(english, french), [found("heading-mismatch", 3), found("heading-mismatch", 11)]);
    }

    #[test]
    fn a_heading_without_the_source_anchor_is_an_anchor_mismatch() {
        let english = "# T\n\n## <a name=\"setup\"></a>Set up\n\nA.\n";
        let french = "# T\n\n## Configuration\n\nA.\n";
        assert_eq!(findings(english, french), [found("anchor-mismatch", 3)]);
    }

    #[test]
    fn a_block_turned_into_another_kind_is_one_finding() {
        let english = "# T\n\n*Note: this is italic.*\n\nEnd.\n";
        let french = "# T\n\n* Remarque : ceci est en italique.\n\nFin.\n";
        assert_eq!(findings(english, french), [found("block-mismatch", 3)]);
    }

    #[test]
    fn numbered_and_bulleted_lists_differ() {
        assert_eq!(findings("# T\n\n1. a\n2. b\n", "# T\n\n- a\n- b\n"), [found("block-mismatch", 3)]);
    }

    #[test]
    fn nested_lists_are_counted_too() {
        let english = "# T\n\n1. a\n   - x\n   - y\n2. b\n";
        let french = "# T\n\n1. a\n   - x\n2. b\n";
        assert_eq!(findings(english, french), [found("list-item-count", 4)]);
    }

    #[test]
    fn tables_compare_their_shape_then_their_cells() {
        let english = "# T\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
        assert_eq!(findings(english, "# T\n\n| a | b |\n|---|---|\n| 1 | 3 |\n"), [found("number-mismatch", 5)]);
        assert_eq!(findings(english, "# T\n\n| a |\n|---|\n| 1 |\n"), [found("block-mismatch", 3)]);
        let linked = "# T\n\n| a | b |\n|---|---|\n| x | y |\n| z | See [the policy](https://c.example/p). |\n";
        let unlinked = "# T\n\n| a | b |\n|---|---|\n| x | y |\n| z | Voir la stratégie. |\n";
        assert_eq!(findings(linked, unlinked), [found("link-mismatch", 6)], "at the row, not the table's first line");
    }

    #[test]
    fn extensions_compare_the_attributes_that_matter() {
        let image = |source: &str, alt: &str| {
            format!("# T\n\n:::image type=\"content\" source=\"{source}\" alt-text=\"{alt}\":::\n")
        };
        let english = image("media/a.png", "A screen");
        assert_eq!(findings(&english, &image("media/a.png", "Un écran")), []);
        assert_eq!(findings(&english, &image("media/b.png", "Un écran")), [found("image-mismatch", 3)]);
        assert_eq!(findings(&english, &image("media/a.png", "")), [found("image-mismatch", 3)]);
        let markdown = |alt: &str| format!("# T\n\nVoir :\n\n![{alt}](media/a.png)\n");
        assert_eq!(findings(&markdown("A screen"), &markdown("")), [found("image-mismatch", 5)]);
        assert_eq!(findings(&markdown(""), &markdown("")), []);
        let code =
            |range: &str| format!("# T\n\n:::code language=\"powershell\" source=\"a.ps1\" range=\"{range}\":::\n");
        assert_eq!(findings(&code("1-5"), &code("1-6")), [found("code-mismatch", 3)]);
    }

    #[test]
    fn a_text_copied_from_another_part_of_the_source_points_at_that_part_among_many_alike() {
        let english: String = (0..12)
            .map(|part| {
                format!("## Part {part}\n\nSelect **Next** on page {part} of the wizard, then wait for it.\n\n")
            })
            .collect();
        // Part 2 of the translation holds the English of part 9: like its own counterpart in nothing but its start.
        let french: String = (0..12)
            .map(|part| match part {
                2 => "## Partie 2\n\nSelect **Next** on page 9 of the wizard, then wait for it.\n\n".to_owned(),
                _ => format!("## Partie {part}\n\nSélectionnez **Suivant** à la page {part} de l’assistant.\n\n"),
            })
            .collect();
        let (english, french) = (format!("# T\n\n{english}"), format!("# T\n\n{french}"));
        let source = Document::new("en-us/a.md", "a.md", english);
        let target = Document::new("fr-fr/a.md", "a.md", french);
        let untranslated: Vec<(u32, Option<u32>)> = compare(&source, &target, &Languages::of("en-us", "fr-fr"))
            .findings
            .into_iter()
            .filter(|diagnostic| diagnostic.rule == "untranslated")
            .map(|diagnostic| (diagnostic.location.line(), diagnostic.source.map(|source| source.line())))
            .collect();
        // Twelve source texts start alike: they are looked up by hash.
        const { assert!(MIN_HASHED_ALIKE < 12) };
        assert_eq!(untranslated, [(13, Some(41))], "part 2 of the translation, part 9 of the source");
    }

    #[test]
    fn table_cells_left_in_english_are_untranslated_but_names_code_and_short_values_are_not() {
        let table = |sentence: &str| {
            format!(
                "# T\n\n| Plan | Cmdlet | Note |\n|---|---|---|\n| Microsoft 365 E5 | `Get-Mailbox -Identity x` | Yes |\n\
                 | Office 365 E3 | `Set-Mailbox` | {sentence} |\n"
            )
        };
        let english = table("Use this plan when you need to keep all the mail of the organization.");
        let french = table("Utilisez ce plan lorsque vous devez conserver tout le courrier de l’organisation.");
        assert_eq!(findings(&english, &french), []);
        assert_eq!(findings(&english, &english), [found("untranslated", 6)]);
        let other_english = table("This plan is the one to pick if all of the mail of the organization must be kept.");
        assert_eq!(findings(&english, &other_english), [found("untranslated", 6)], "lingua reads it as English");
        let no_loc = "---\nno-loc: [\"Use this plan when you need to keep all the mail of the organization.\"]\n---\n";
        assert_eq!(findings(&format!("{no_loc}{english}"), &format!("{no_loc}{english}")), []);
    }

    #[test]
    fn image_alt_texts_left_in_english_are_untranslated() {
        let alt = "The dashboard shows where the protection is working for your organization";
        let markdown = |alt: &str| format!("# T\n\nVoir.\n\n![{alt}](media/a.png)\n");
        let extension =
            |alt: &str| format!("# T\n\n:::image type=\"content\" source=\"media/a.png\" alt-text=\"{alt}\":::\n");
        let french = "Le tableau de bord montre où la protection fonctionne pour votre organisation";
        assert_eq!(findings(&markdown(alt), &markdown(french)), []);
        assert_eq!(findings(&markdown(alt), &markdown(alt)), [found("untranslated", 5)]);
        assert_eq!(findings(&extension(alt), &extension(french)), []);
        assert_eq!(findings(&extension(alt), &extension(alt)), [found("untranslated", 3)]);
        let other_english = "This screenshot shows the dashboard that says where the protection works";
        assert_eq!(findings(&extension(alt), &extension(other_english)), [found("untranslated", 3)]);
        assert_eq!(
            findings(
                &markdown("Azure Active Directory admin center"),
                &markdown("Azure Active Directory admin center")
            ),
            []
        );
    }

    #[test]
    fn fenced_code_compares_content_but_not_white_space() {
        let english = "# T\n\n```powershell\nGet-Mailbox\tx\n```\n";
        assert_eq!(findings(english, "# T\n\n```powershell\nGet-Mailbox    x\n```\n"), []);
        assert_eq!(findings(english, "# T\n\n```powershell\nGet-Boite x\n```\n"), [found("code-mismatch", 4)]);
    }

    #[test]
    fn a_heading_copied_from_its_english_heading_is_untranslated_unless_it_is_a_name() {
        let english = "# T\n\n## Assign eDiscovery permissions in the Security & Compliance Center\n\nTexte.\n\n\
                       ## Disable privileged access in Office 365\n\nTexte.\n\n## Microsoft Defender for Office 365\n\nTexte.\n";
        assert_eq!(findings(english, english), [found("untranslated", 3), found("untranslated", 7)]);
    }

    #[test]
    fn a_sentence_left_in_english_inside_a_translated_paragraph_is_untranslated() {
        let english = "# T\n\nThere are two versions of the PST file format: ANSI and Unicode. We recommend the \
                       Unicode format. Click OK.\n";
        let french = "# T\n\nThere are two versions of the PST file format: ANSI and Unicode. Nous vous recommandons \
                      d’importer les fichiers qui utilisent le format de fichier PST Unicode, car il est plus récent et \
                      bien plus souple que l’ancien format. Click OK.\n";
        assert_eq!(findings(english, french), [found("untranslated", 3)]);
        let source = Document::new("en-us/a.md", "a.md", english.to_owned());
        let target = Document::new("fr-fr/a.md", "a.md", french.to_owned());
        let found = compare(&source, &target, &Languages::of("en-us", "fr-fr")).findings;
        let span = found[0].location.span.unwrap();
        assert_eq!(&french[span.start..span.end], "There are two versions of the PST file format: ANSI and Unicode.");
        let translated = "# T\n\nIl existe deux versions du format de fichier PST : ANSI et Unicode. Nous recommandons \
                          le format Unicode. Click OK.\n";
        assert_eq!(findings(english, translated), [], "a short sentence such as `Click OK.` is no finding");
    }

    #[test]
    fn a_name_is_no_sentence_left_in_english_but_a_sentence_is() {
        let english = "# T\n\n## FAST Search Server 2010 for SharePoint\n\nThe partner supports these:\n\n\
                       - Chat Real Time Logging and Policy\n- Mitel MiContact Center for Lync (prairieFyre)\n- Chat\n\n\
                       Outside In HTML Export © 1991, 2011 Oracle\n";
        let french = "# T\n\n## <a name=\"fast-search-server-2010-for-sharepoint\"></a>FAST Search Server\u{a0}2010 for \
                      SharePoint\u{a0}\n\nLe partenaire prend en charge :\n\n- Chat Real Time Logging and Policy\n\
                      - Mitel MiContact Center for Lync (prairieFyre)\n- Conversation\n\nOutside In HTML Export © 1991, 2011 \
                      Oracle\n";
        assert_eq!(findings(english, french), []);
    }

    #[test]
    fn a_sentence_left_in_english_is_pointed_at_across_bold_links_and_no_break_spaces() {
        let english = "# T\n\n> You can't use the Azure Storage Explorer to upload or modify PST files. Note that all PST \
                       files are automatically deleted from your Azure storage area. If there are no import jobs in \
                       progress, all files in the **ingestiondata** container are deleted after [30\u{a0}days](a.md).\n";
        let french = "# T\n\n> Vous ne pouvez pas utiliser l’Explorateur de stockage Azure pour charger ou modifier des \
                      fichiers PST. Notez que tous les fichiers PST sont automatiquement supprimés de votre zone de \
                      stockage Azure. If there are no import jobs in progress, all files in the **ingestiondata** \
                      container are deleted after [30\u{a0}days](a.md).\n";
        let source = Document::new("en-us/a.md", "a.md", english.to_owned());
        let target = Document::new("fr-fr/a.md", "a.md", french.to_owned());
        let found = compare(&source, &target, &Languages::of("en-us", "fr-fr")).findings;
        assert_eq!(found.len(), 1, "{found:#?}");
        let sentence = "If there are no import jobs in progress, all files in the **ingestiondata** container are deleted \
                        after [30\u{a0}days](a.md).";
        let span = found[0].location.span.unwrap();
        assert_eq!(&french[span.start..span.end], sentence);
        let source_span = found[0].source.as_ref().and_then(|source| source.span).unwrap();
        assert_eq!(&english[source_span.start..source_span.end], sentence);
    }

    #[test]
    fn a_list_or_column_of_short_names_kept_in_english_is_not_untranslated() {
        let groups = "- Senior and strategic staff\n- IT staff\n- Analytics staff\n";
        let english = format!("# T\n\nDo this for each group name in this list:\n\n{groups}");
        let french = format!("# T\n\nProcédez comme suit pour chaque nom de groupe de cette liste :\n\n{groups}");
        assert_eq!(findings(&english, &french), []);
        // Steps left in English are sentences, and one item alone may be anything.
        let steps = "- Sign in to the admin center with your account.\n- Go to the Users page.\n";
        let english = format!("# T\n\nDo this:\n\n{steps}");
        let french = format!("# T\n\nProcédez comme suit :\n\n{steps}");
        assert_eq!(findings(&english, &french), [found("untranslated", 5), found("untranslated", 6)]);
        let alone = "- Senior and strategic staff\n";
        assert_eq!(findings(&format!("# T\n\n{alone}"), &format!("# T\n\n{alone}")), [found("untranslated", 3)]);
        let table = |name: &str, operation: &str, description: &str| {
            format!(
                "# T\n\n| Name | Operation | Description |\n|---|---|---|\n| {name} | Add member to group | {description} |\n\
                 | {name} | Remove member from group | {operation} |\n||||\n"
            )
        };
        let english = table("Added member", "A member was removed from a group.", "A member was added to a group.");
        let french =
            table("Membre ajouté", "Un membre a été supprimé d’un groupe.", "Un membre a été ajouté à un groupe.");
        assert_eq!(findings(&english, &french), []);
    }

    #[test]
    fn the_title_of_an_english_only_page_is_kept_but_a_microsoft_page_s_is_translated() {
        let english = "# T\n\n- Check the FAQ at DMARC.org: [I operate a mailing list and I want to interoperate with \
                       DMARC, what should I do?](https://dmarc.org/wiki/FAQ#mailing-list)\n\
                       - [RFC 2505: Anti-Spam Recommendations for SMTP MTAs](https://www.ietf.org/rfc/rfc2505.txt)\n\
                       - See [Use the Report Message add-in to report messages to Microsoft](https://support.office.com/a)\n";
        let french = "# T\n\n- Consultez la FAQ sur DMARC.org : [I operate a mailing list and I want to interoperate with \
                      DMARC, what should I do?](https://dmarc.org/wiki/FAQ#mailing-list)\n\
                      - [RFC 2505: Anti-Spam Recommendations for SMTP MTAs](https://www.ietf.org/rfc/rfc2505.txt)\n\
                      - Voir [Use the Report Message add-in to report messages to Microsoft](https://support.office.com/a)\n";
        assert_eq!(findings(english, french), [found("untranslated", 5)]);
    }

    #[test]
    fn items_in_another_order_are_one_list_item_order_finding() {
        let english = "# T\n\n1. Get the headers with [the analyzer](https://a.example/get).\n\
                       1. Search the IP address in [the report](https://b.example/search).\n\
                       1. Block it in [the policy](https://c.example/block).\n";
        let swapped = "# T\n\n1. Cherchez l’adresse dans [le rapport](https://b.example/search).\n\
                       1. Obtenez les en-têtes avec [l’analyseur](https://a.example/get).\n\
                       1. Bloquez-la dans [la stratégie](https://c.example/block).\n";
        assert_eq!(findings(english, swapped), [found("list-item-order", 3)]);
        let rotated = "# T\n\n1. Bloquez-la dans [la stratégie](https://c.example/block).\n\
                       1. Obtenez les en-têtes avec [l’analyseur](https://a.example/get).\n\
                       1. Cherchez l’adresse dans [le rapport](https://b.example/search).\n";
        assert_eq!(findings(english, rotated), [found("list-item-order", 3)], "one cause, one finding");
        // The moved item whose only link changed too shares nothing with any: it is the one item left.
        let rotated_and_changed = rotated.replace("c.example/block", "c.example/allow");
        assert_eq!(
            findings(english, &rotated_and_changed),
            [found("link-mismatch", 3), found("list-item-order", 4)],
            "the changed link is one finding"
        );
        let in_order = "# T\n\n1. Obtenez les en-têtes avec [l’analyseur](https://a.example/get).\n\
                        1. Cherchez l’adresse dans [le rapport](https://d.example/other).\n\
                        1. Bloquez-la dans [la stratégie](https://c.example/block).\n";
        let found = findings(english, in_order);
        assert!(!found.iter().any(|(rule, _)| rule == "list-item-order"), "a changed link is no move: {found:?}");
    }

    #[test]
    fn a_step_moved_past_text_only_steps_is_a_list_item_order_finding() {
        // The step with the image went from first to third: the text-only steps that took its place share nothing
        // with anything, and the image it holds is moved, not missing.
        let english = "# T\n\n1. Open the report.\n\n   ![The report](media/report.png)\n\n2. Select **Delivered**.\n\n\
                       3. Review the list.\n\n4. Choose an item.\n";
        let french = "# T\n\n1. Sélectionnez **Remis**.\n\n2. Examinez la liste.\n\n3. Ouvrez le rapport.\n\n\
                      \x20  ![Le rapport](media/report.png)\n\n4. Choisissez un élément.\n";
        assert_eq!(findings(english, french), [found("list-item-order", 7)]);
    }

    #[test]
    fn a_time_or_range_written_as_one_is_named_as_written() {
        let message = |english: &str, french: &str| {
            let source = Document::new("en-us/a.md", "a.md", format!("# T\n\n{english}\n"));
            let target = Document::new("fr-fr/a.md", "a.md", format!("# T\n\n{french}\n"));
            let found = compare(&source, &target, &Languages::of("en-us", "fr-fr")).findings;
            found.into_iter().map(|diagnostic| diagnostic.message).collect::<Vec<_>>()
        };
        assert_eq!(
            message("It runs at 17:30.", "Elle s’exécute à 17h30, ou à 18h45 ; puis 2 et 3."),
            ["numbers differ: the French text has 18h45, 2, 3, which the English text does not"]
        );
    }

    #[test]
    fn a_code_block_that_lost_its_language_tag_is_a_block_mismatch() {
        let english = "# T\n\n```powershell\nGet-Mailbox x\n```\n";
        assert_eq!(findings(english, "# T\n\n```\nGet-Mailbox x\n```\n"), [found("block-mismatch", 3)]);
        assert_eq!(
            findings(english, "# T\n\n```\nGet-Mailbox y\n```\n"),
            [found("block-mismatch", 3), found("code-mismatch", 4)]
        );
    }

    #[test]
    fn changed_code_is_an_error_naming_and_pointing_at_the_first_token_that_differs() {
        let long = "-TargetMailbox newemployee@contoso.com -TargetRootFolder \"Imported\" -BatchName Import";
        let english = format!(
            "# T\n\n```powershell\nSet-Mailbox x\nSet-Thing -SetSCL 6 -Force\nNew-Request {long} -AllowLegacyDNMismatch\n```\n"
        );
        let finding = |french: &str| {
            let source = Document::new("en-us/a.md", "a.md", english.clone());
            let target = Document::new("fr-fr/a.md", "a.md", french.to_owned());
            let found = compare(&source, &target, &Languages::of("en-us", "fr-fr")).findings;
            assert_eq!(found.len(), 1, "{found:#?}");
            let span = found[0].location.span.unwrap();
            let pointed = &french[span.start..span.end];
            (found[0].severity, found[0].message.clone(), span.line, pointed.to_owned())
        };
        let changed = english.replace("-SetSCL 6", "-SetSCL 5");
        assert_eq!(
            finding(&changed),
            (
                crate::report::Severity::Error,
                "`-SetSCL 5` where the English code has `-SetSCL 6`".to_owned(),
                5,
                "5".to_owned()
            )
        );
        let lacking = english.replace(" -AllowLegacyDNMismatch", "");
        let (_, message, line, pointed) = finding(&lacking);
        assert_eq!(
            (message.as_str(), line, pointed.as_str()),
            ("this line lacks `-AllowLegacyDNMismatch`, which the English code has after `Import`", 6, "Import")
        );
        let spaced = english.replace("-SetSCL 6 -Force", "-SetSCL  6 -Farce").replace("Set-Thing", "Set-Thing ");
        assert_eq!(finding(&spaced).1, "`6 -Farce` where the English code has `6 -Force`");
        let joined = english.replace("-SetSCL 6 -Force", "-SetSCL 6-Forced");
        assert_eq!(finding(&joined).1, "`-SetSCL 6-Forced` is not in the English code");
        let extra = english.replace("-Force", "-Force -WhatIf");
        assert_eq!(finding(&extra).1, "`-Force -WhatIf` is not in the English code");
        let without_line = english.replace("Set-Mailbox x\n", "");
        let (_, message, line, pointed) = finding(&without_line);
        assert_eq!(
            (message.as_str(), line, pointed.as_str()),
            ("this code lacks the English line `Set-Mailbox x` before this line", 4, "Set-Thing -SetSCL 6 -Force")
        );
        let commented = english.replace("Set-Mailbox x\n", "# Définir la boîte\nSet-Mailbox x\n");
        let (_, message, line, pointed) = finding(&commented);
        assert_eq!(
            (message.as_str(), line, pointed.as_str()),
            ("line `# Définir la boîte` is not in the English code", 4, "# Définir la boîte")
        );
        let shorter = english.replace(&format!("New-Request {long} -AllowLegacyDNMismatch\n"), "");
        assert_eq!(
            finding(&shorter).1,
            format!("this code lacks the English line `{}…`", &format!("New-Request {long}")[..59])
        );
    }

    #[test]
    fn a_link_moved_to_the_next_paragraph_of_the_section_is_not_a_finding() {
        let english = "# T\n\nSee [a](a.md).\n\nAnd more.\n";
        let french = "# T\n\nVoir.\n\nEt [a](a.md) encore.\n";
        assert_eq!(findings(english, french), []);
    }
}
