//! Lines one side writes as one paragraph, ended by hard breaks (`\`, two spaces, `<br>`), and the other as paragraphs
//! of their own: a "Related content" list of links, a signature block. Learn shows both as lines; neither is drift.

use std::collections::HashSet;
use std::ops::Range;

use crate::model::{Block, Inline};
use crate::sync::align::Pairing;
use crate::sync::numbers::Notation;

use super::similarity::Features;

/// A paragraph of lines and the paragraphs the other side wrote them as, to compare as one text: ranges of indices
/// into the aligned blocks, one of them a single paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Lines {
    pub(super) source: Range<usize>,
    pub(super) target: Range<usize>,
}

impl Lines {
    /// Whether the alignment's `pairing` belongs to these lines.
    pub(super) fn holds(&self, pairing: Pairing) -> bool {
        match pairing {
            Pairing::Both(s, t) => self.source.contains(&s) && self.target.contains(&t),
            Pairing::Source(s) => self.source.contains(&s) && self.target.len() == 1,
            Pairing::Target(t) => self.target.contains(&t) && self.source.len() == 1,
        }
    }
}

/// The lines of paired paragraphs that the other side wrote as paragraphs left unpaired beside its partner, when
/// they make the pair more alike.
pub(super) fn lines_as_paragraphs(
    pairings: &[Pairing],
    source: &[&Block],
    target: &[&Block],
    notations: (Notation, Notation),
) -> Vec<Lines> {
    let unpaired_source: HashSet<usize> = pairings.iter().filter_map(only_source).collect();
    let unpaired_target: HashSet<usize> = pairings.iter().filter_map(only_target).collect();
    let mut found = Vec::new();
    // Most runs pair every block: no paragraph is left to join.
    if unpaired_source.is_empty() && unpaired_target.is_empty() {
        return found;
    }
    for &pairing in pairings {
        let Pairing::Both(s, t) = pairing else { continue };
        let (Some(source_breaks), Some(target_breaks)) = (breaks(source[s]), breaks(target[t])) else { continue };
        if source_breaks > target_breaks {
            let run = run_beside(t, target, &unpaired_target, source_breaks - target_breaks);
            if more_alike(source[s], &target[run.clone()], target[t], notations) {
                found.push(Lines { source: s..s + 1, target: run });
            }
        } else if target_breaks > source_breaks {
            let run = run_beside(s, source, &unpaired_source, target_breaks - source_breaks);
            let swapped = (notations.1, notations.0);
            if more_alike(target[t], &source[run.clone()], source[s], swapped) {
                found.push(Lines { source: run, target: t..t + 1 });
            }
        }
    }
    found
}

fn only_source(pairing: &Pairing) -> Option<usize> {
    match *pairing {
        Pairing::Source(s) => Some(s),
        _ => None,
    }
}

fn only_target(pairing: &Pairing) -> Option<usize> {
    match *pairing {
        Pairing::Target(t) => Some(t),
        _ => None,
    }
}

/// The hard breaks of a paragraph; `None` for other blocks.
fn breaks(block: &Block) -> Option<usize> {
    match block {
        Block::Paragraph { inlines, .. } => {
            Some(inlines.iter().filter(|inline| matches!(inline, Inline::Break { .. })).count())
        }
        _ => None,
    }
}

/// `paired` with up to `most` unpaired paragraphs after it, or, when none follows, before it.
fn run_beside(paired: usize, blocks: &[&Block], unpaired: &HashSet<usize>, most: usize) -> Range<usize> {
    let joins = |index: &usize| unpaired.contains(index) && matches!(blocks[*index], Block::Paragraph { .. });
    let after = (paired + 1..blocks.len()).take(most).take_while(joins).count();
    if after > 0 {
        return paired..paired + 1 + after;
    }
    let before = (0..paired).rev().take(most).take_while(joins).count();
    paired - before..paired + 1
}

/// Whether the paragraph of `lines` is more alike the `run` of paragraphs than its partner `alone`, one of them.
fn more_alike(lines: &Block, run: &[&Block], alone: &Block, notations: (Notation, Notation)) -> bool {
    if run.len() < 2 {
        return false;
    }
    let lines = Features::of_blocks([lines], notations.0);
    let joined = Features::of_blocks(run.iter().copied(), notations.1);
    let alone = Features::of_blocks([alone], notations.1);
    lines.similarity(&joined) > lines.similarity(&alone)
}
