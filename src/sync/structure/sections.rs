//! How the sections of two articles pair: by id, then, between sections paired by id in order, by position among
//! headings of one level, with the anchors the localization pipeline writes read as theirs.

use std::cell::OnceCell;
use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use crate::model::Section;
use crate::report::plural;
use crate::sync::Languages;
use crate::sync::align::{Objective, Pairing, align, longest_increasing};

use super::similarity::Features;

/// A section with the index of its parent in the flattened list.
pub(super) struct Flat<'a> {
    pub(super) section: &'a Section,
    pub(super) parent: Option<usize>,
}

pub(super) fn flatten(sections: &[Section]) -> Vec<Flat<'_>> {
    fn walk<'a>(sections: &'a [Section], parent: Option<usize>, out: &mut Vec<Flat<'a>>) {
        for section in sections {
            let index = out.len();
            out.push(Flat { section, parent });
            walk(&section.sections, Some(index), out);
        }
    }
    let mut out = Vec::new();
    walk(sections, None, &mut out);
    out
}

/// `with 2 subsections`, or nothing for a section without subsections: they are not reported one by one.
pub(super) fn with_subsections(section: &Section) -> Option<String> {
    fn count(section: &Section) -> usize {
        section.sections.iter().map(|child| 1 + count(child)).sum()
    }
    match count(section) {
        0 => None,
        subsections => Some(format!("with {}", plural(subsections, "subsection"))),
    }
}

/// Pairs sections: by id, then, between sections paired by id in order, by position among those of one level.
/// Returns the pairings in order and the id pairs that are out of order.
pub(super) fn align_sections(
    source: &[Flat<'_>],
    target: &[Flat<'_>],
    languages: &Languages,
) -> (Vec<Pairing>, HashSet<(usize, usize)>) {
    let by_id = pair_by_id(source, target);
    let ordered: Vec<(usize, usize)> =
        longest_increasing(&by_id.iter().map(|&(_, t)| t).collect::<Vec<_>>()).into_iter().map(|k| by_id[k]).collect();
    let moved: HashSet<(usize, usize)> = by_id.iter().copied().filter(|pair| !ordered.contains(pair)).collect();
    let paired_source: HashSet<usize> = by_id.iter().map(|&(s, _)| s).collect();
    let paired_target: HashSet<usize> = by_id.iter().map(|&(_, t)| t).collect();
    // Weighed only when a gap has headings on both sides.
    let source_features: Vec<OnceCell<Features>> = source.iter().map(|_| OnceCell::new()).collect();
    let target_features: Vec<OnceCell<Features>> = target.iter().map(|_| OnceCell::new()).collect();
    let source_anchors: Vec<OnceCell<(String, String)>> = source.iter().map(|_| OnceCell::new()).collect();
    let target_anchors: Vec<OnceCell<String>> = target.iter().map(|_| OnceCell::new()).collect();
    let target_names_a_source: Vec<OnceCell<bool>> = target.iter().map(|_| OnceCell::new()).collect();
    let source_anchor = |a: usize| source_anchors[a].get_or_init(|| anchor_forms(source[a].section));
    // Headings of one level pair by position; a translated heading whose anchor names another section pairs only
    // when its content is alike (else it is that other section, added, and the source one is missing). An anchor
    // that names no section of the source, but this one's heading with words added or taken out, is its old id: the
    // source heading was reworded since ("Resend a user's password" became "Resend a Microsoft 365 user's
    // password"), which is no reason not to pair.
    let score = |a: usize, b: usize| {
        let (a_section, b_section) = (source[a].section, target[b].section);
        if a_section.level != b_section.level {
            return None;
        }
        let (a_features, b_features) = (
            source_features[a].get_or_init(|| Features::of_section(a_section, languages.source_notation)),
            target_features[b].get_or_init(|| Features::of_section(b_section, languages.target_notation)),
        );
        // A section whose next heading was lost runs on into that one's blocks: its first blocks, as many as the
        // other section has, say which section it is.
        let (a_blocks, b_blocks) = (a_section.blocks.len(), b_section.blocks.len());
        let leading = match a_blocks.cmp(&b_blocks) {
            _ if a_blocks.min(b_blocks) == 0 => 0.0,
            Ordering::Greater => {
                Features::of_section_start(a_section, b_blocks, languages.source_notation).similarity(b_features)
            }
            Ordering::Less => {
                a_features.similarity(&Features::of_section_start(b_section, a_blocks, languages.target_notation))
            }
            Ordering::Equal => 0.0,
        };
        let similarity = a_features.similarity(b_features).max(leading);
        let anchor = target_anchors[b].get_or_init(|| loose_anchor(&b_section.id));
        if b_section.explicit_id && names_anchor(source_anchor(a), anchor) {
            return Some(1.0 + similarity);
        }
        let names_a_source = || {
            *target_names_a_source[b].get_or_init(|| (0..source.len()).any(|a| names_anchor(source_anchor(a), anchor)))
        };
        let old_id = || reworded(&a_section.id, &b_section.id) && !names_a_source();
        (!b_section.explicit_id || similarity >= MIN_RENAMED_SIMILARITY || old_id()).then_some(0.5 + 0.5 * similarity)
    };

    let mut pairings = Vec::with_capacity(source.len().max(target.len()));
    let (mut next_source, mut next_target) = (0, 0);
    for &(s, t) in ordered.iter().chain(std::iter::once(&(source.len(), target.len()))) {
        let gap_source: Vec<usize> = (next_source..s).filter(|index| !paired_source.contains(index)).collect();
        let gap_target: Vec<usize> = (next_target..t).filter(|index| !paired_target.contains(index)).collect();
        let gap = align(&gap_source, &gap_target, Objective::MostPairs, |&a, &b| score(a, b));
        pairings.extend(gap.into_iter().map(|pairing| match pairing {
            Pairing::Both(a, b) => Pairing::Both(gap_source[a], gap_target[b]),
            Pairing::Source(a) => Pairing::Source(gap_source[a]),
            Pairing::Target(b) => Pairing::Target(gap_target[b]),
        }));
        let mut moved_here: Vec<(usize, usize)> =
            moved.iter().copied().filter(|&(_, other)| (next_target..t).contains(&other)).collect();
        moved_here.sort_by_key(|&(_, other)| other);
        pairings.extend(moved_here.into_iter().map(|(a, b)| Pairing::Both(a, b)));
        if s < source.len() {
            pairings.push(Pairing::Both(s, t));
        }
        (next_source, next_target) = (s + 1, t + 1);
    }
    (pairings, moved)
}

/// Below this similarity a translated heading with another section's anchor is not that section renamed.
pub(super) const MIN_RENAMED_SIMILARITY: f32 = 0.5;

/// Sections paired by equal ids, sorted by source index. A translation may repeat an anchor (the localization
/// pipeline does not number repeated titles): its first occurrence pairs here, the others by position. So a heading
/// without an anchor whose id is numbered (`format-1`, an untranslated heading) is numbered among the headings without
/// one alone, not as the source numbers its own, when anchors repeat its id (`<a name="format">`): it pairs by
/// position too.
pub(super) fn pair_by_id(source: &[Flat<'_>], target: &[Flat<'_>]) -> Vec<(usize, usize)> {
    let anchored: HashSet<&str> =
        target.iter().filter(|flat| flat.section.explicit_id).map(|flat| flat.section.id.as_str()).collect();
    let numbered_apart = |flat: &Flat<'_>| {
        !flat.section.explicit_id && numbered_from(&flat.section.id).is_some_and(|id| anchored.contains(id))
    };
    let (source_repeats, target_repeats) = (repeated_title(source), repeated_title(target));
    let target_ids: HashMap<&str, usize> = target
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, flat)| !numbered_apart(flat) && !target_repeats(flat))
        .map(|(index, flat)| (flat.section.id.as_str(), index))
        .collect();
    source
        .iter()
        .enumerate()
        .filter(|(_, flat)| !source_repeats(flat))
        .filter_map(|(index, flat)| target_ids.get(flat.section.id.as_str()).map(|&other| (index, other)))
        .collect()
}

/// Whether a section of `sections` has a heading without an anchor whose title another such heading repeats ("Format"
/// under each type): their ids are numbered in order, `format`, `format-1`…, so a heading deleted or added before
/// one shifts the numbers of those after it, and they pair by position instead.
fn repeated_title<'s>(sections: &'s [Flat<'_>]) -> impl Fn(&Flat<'_>) -> bool + 's {
    let auto_ids: HashSet<&str> =
        sections.iter().filter(|flat| !flat.section.explicit_id).map(|flat| flat.section.id.as_str()).collect();
    move |flat| {
        let id = flat.section.id.as_str();
        !flat.section.explicit_id
            && (auto_ids.contains(format!("{id}-1").as_str())
                || numbered_from(id).is_some_and(|base| auto_ids.contains(base)))
    }
}

/// The id that `id` numbers as a repeat (`format` for `format-2`), if it ends with `-` and digits.
fn numbered_from(id: &str) -> Option<&str> {
    let (base, number) = id.rsplit_once('-')?;
    (!number.is_empty() && number.bytes().all(|byte| byte.is_ascii_digit())).then_some(base)
}

/// Whether `anchor` names `section` the way the localization pipeline writes anchors: from the HTML-escaped title
/// (`&` as `amp`), without `_`, and without numbering repeated titles (`response-codes` for the second
/// `response-codes-1`).
pub(super) fn same_anchor(section: &Section, anchor: &str) -> bool {
    names_anchor(&anchor_forms(section), &loose_anchor(anchor))
}

/// Whether one of two ids holds every word of the other and more: the same heading with words added or taken out
/// (`resend-a-users-password`, `resend-a-microsoft-365-users-password`). A changed word (a date) is another heading.
fn reworded(id: &str, other: &str) -> bool {
    fn words(id: &str) -> impl Iterator<Item = &str> {
        id.split('-').filter(|word| !word.is_empty())
    }
    let within = |part: &str, whole: &str| words(part).all(|word| words(whole).any(|other| other == word));
    // The words of each within the other's are one heading's (`a-b`, `b-a`), not one reworded.
    within(id, other) != within(other, id) && words(id).filter(|word| words(other).any(|w| w == *word)).count() >= 2
}

/// Whether `anchor`, loosened ([`loose_anchor`]), names the section of `forms` ([`anchor_forms`]).
pub(super) fn names_anchor(forms: &(String, String), anchor: &str) -> bool {
    !anchor.is_empty() && (anchor == forms.0 || anchor == forms.1)
}

/// The anchors that name `section`, loosened: from its id and from its title.
pub(super) fn anchor_forms(section: &Section) -> (String, String) {
    (loose_anchor(&section.id), loose_anchor(&crate::parse::ids::slug(&section.title)))
}

/// An anchor as anchors are compared: its letters and digits, without the words HTML escapes leave (`amp`).
pub(super) fn loose_anchor(id: &str) -> String {
    id.split('-')
        .filter(|part| !matches!(*part, "amp" | "lt" | "gt" | "quot" | "39"))
        .flat_map(|part| part.chars().filter(|character| character.is_alphanumeric()))
        .collect()
}
