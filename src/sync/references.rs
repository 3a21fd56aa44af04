//! What paired blocks must share exactly: link targets, image sources, inline code and inline includes.
//!
//! References are compared as multisets: first between two paired blocks, then what is left over between the two
//! sides of a section ([`Pool`]), so that a link moved to the next paragraph of the same section is not a finding.
//! What is still unmatched is reported, each reference at its own place in the translation, or, for a reference only
//! the source has, at the translated block or heading where it is missing; except the references of blocks and list
//! items already reported missing or extra ([`Unmatched::Covered`]): they still match references moved elsewhere in the
//! section, but one missing paragraph is one finding, not one more per link it held. A link or image target left in the
//! text without its opening bracket ([`Kind::Unopened`]) matches the other side's link or image and is never reported
//! here: its `broken-markdown` finding ([`markup`]) says what it is.

use std::borrow::Cow;
use std::cell::OnceCell;
use std::collections::HashMap;

use crate::model::{Inline, Span};
use crate::report::{Diagnostic, clip};

use super::Languages;
use super::document::Document;
use super::links::LinkTarget;
use super::markup;
use super::rules::Rule;

/// What a reference is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A link target.
    Link,
    /// An image source.
    Image,
    /// Inline code.
    Code,
    /// An inline `[!INCLUDE]`.
    Include,
    /// A link or image target left in the text, its opening `[` or `![` lost (`…](media/add.gif)`): it stands for
    /// the link or image of the other side, and `broken-markdown` reports it.
    Unopened,
    /// A web address written out in the text (`sur https://portal.azure.com.`): it stands for the other side's
    /// link to it, and is no link of its own to report.
    Address,
}

impl Kind {
    /// The rule that reports a reference of this kind left unmatched; none for a target left in the text, whose
    /// `broken-markdown` finding says what it is.
    fn rule(self) -> Option<Rule> {
        match self {
            Kind::Link => Some(Rule::LinkMismatch),
            Kind::Image => Some(Rule::ImageMismatch),
            Kind::Code => Some(Rule::CodeMismatch),
            Kind::Include => Some(Rule::IncludeMismatch),
            Kind::Unopened | Kind::Address => None,
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Kind::Link => "link to",
            Kind::Image => "image",
            Kind::Code => "inline code",
            Kind::Include => "include",
            Kind::Unopened => "link or image",
            Kind::Address => "address",
        }
    }

    /// Whether references of kinds `self` and `other` may be the same: a target left in the text may be a link or
    /// an image, an address written out a link.
    fn pairs_with(self, other: Kind) -> bool {
        self == other
            || matches!(
                (self, other),
                (Kind::Unopened, Kind::Link | Kind::Image)
                    | (Kind::Link | Kind::Image, Kind::Unopened)
                    | (Kind::Address, Kind::Link)
                    | (Kind::Link, Kind::Address)
            )
    }
}

/// How much of a reference a message quotes: a stray backtick can make one inline code span a whole paragraph.
const MAX_QUOTED_CHARS: usize = 200;

/// One reference found in a file.
#[derive(Debug, Clone)]
pub struct Reference {
    /// What it is.
    pub kind: Kind,
    /// The normalised form links, images and includes are compared in, made when first needed.
    target: OnceCell<LinkTarget>,
    /// As written (trimmed).
    pub written: String,
    /// Where it is.
    pub span: Span,
}

impl Reference {
    /// Whether the two references are the same, for references found in the file at `relative` (both files of a
    /// pair have the same relative path).
    fn same(&self, other: &Reference, relative: &str) -> bool {
        self.kind.pairs_with(other.kind)
            && (self.written == other.written
                || match self.kind {
                    Kind::Code => {
                        is_powershell(&self.written)
                            && case_folded_outside_strings(&self.written) == case_folded_outside_strings(&other.written)
                    }
                    _ => self.target(relative).same(other.target(relative)),
                })
    }

    fn target(&self, relative: &str) -> &LinkTarget {
        self.target.get_or_init(|| LinkTarget::new(&self.written.replace('\\', "/"), relative))
    }

    /// Keys that two references that are the [`same`](Self::same) share at least one of: inline code folded as
    /// PowerShell reads it, a target's last segment ([`LinkTarget::last_segments`]). Matching looks among the
    /// references under the same keys rather than at every one, which a paragraph of thousands made slow.
    fn keys(&self, relative: &str) -> [Option<(bool, Cow<'_, str>)>; 2] {
        match self.kind {
            Kind::Code => [Some((true, case_folded_outside_strings(&self.written).into())), None],
            _ => self.target(relative).last_segments().map(|segment| segment.map(|segment| (false, segment.into()))),
        }
    }
}

/// Whether inline `code` is PowerShell, which reads names in any case: a cmdlet (`Get-Mailbox`), a parameter
/// (`-Identity`) or a variable (`$true`) first.
fn is_powershell(code: &str) -> bool {
    let first = code.split_whitespace().next().unwrap_or_default();
    let word = |text: &str| !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric());
    match first.split_once('-') {
        Some(("", parameter)) => parameter.starts_with(|c: char| c.is_ascii_alphabetic()) && word(parameter),
        Some((verb, noun)) => verb.starts_with(|c: char| c.is_ascii_uppercase()) && word(verb) && word(noun),
        None => first.strip_prefix('$').is_some_and(word),
    }
}

/// `code` lower-cased, except in its quoted strings: PowerShell and cmd read cmdlets, parameters, variables and
/// keywords in any case (`-identity` is `-Identity`), but a string may be a value whose case counts.
pub fn case_folded_outside_strings(code: &str) -> String {
    let mut quote = None;
    code.chars()
        .map(|character| {
            match quote {
                Some(open) if character == open => quote = None,
                None if matches!(character, '"' | '\'') => quote = Some(character),
                _ => {}
            }
            if quote.is_none() { character.to_ascii_lowercase() } else { character }
        })
        .collect()
}

/// The references in `inlines`, with the link and image targets left in their text.
pub fn in_inlines(inlines: &[Inline], out: &mut Vec<Reference>) {
    for inline in inlines {
        let (kind, written, span) = match inline {
            Inline::Text { text, span } => {
                for (_, written, _) in markup::left_targets(text) {
                    out.push(Reference {
                        kind: Kind::Unopened,
                        target: OnceCell::new(),
                        written: written.trim().to_owned(),
                        span: *span,
                    });
                }
                // An address written out (`sur https://portal.azure.com.`) links as `[le portail](https://…)` does.
                for address in bare_addresses(text) {
                    out.push(Reference {
                        kind: Kind::Address,
                        target: OnceCell::new(),
                        written: address.to_owned(),
                        span: *span,
                    });
                }
                continue;
            }
            Inline::Link { target, children, span, .. } => {
                in_inlines(children, out);
                (Kind::Link, target, span)
            }
            Inline::Emphasis { children, .. } => {
                in_inlines(children, out);
                continue;
            }
            Inline::Image { source, span, .. } => (Kind::Image, source, span),
            Inline::Code { code, span } => (Kind::Code, code, span),
            Inline::Include { path, span, .. } => (Kind::Include, path, span),
            _ => continue,
        };
        out.push(Reference { kind, target: OnceCell::new(), written: written.trim().to_owned(), span: *span });
    }
}

/// The web addresses written out in `text`, without the punctuation of the sentence after them.
fn bare_addresses(text: &str) -> impl Iterator<Item = &str> {
    // Most texts hold none: one fast search for a colon rules them out.
    let bytes = text.as_bytes();
    let any = memchr::memchr_iter(b':', bytes).any(|at| bytes[at + 1..].starts_with(b"//"));
    any.then(|| text.split_whitespace())
        .into_iter()
        .flatten()
        .filter(|word| word.starts_with("https://") || word.starts_with("http://"))
        .map(|word| word.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '»', '"', '\'']))
}

/// What a reference left unmatched means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unmatched {
    /// A finding of its own: the reference differs between paired blocks.
    Finding,
    /// Nothing more: its block or list item is already reported missing or extra.
    Covered,
}

/// References of both sides not matched yet. Source references carry the span in the translation where they are
/// missing.
#[derive(Debug, Default)]
pub struct Pool {
    source: Vec<(Reference, Span, Unmatched)>,
    target: Vec<(Reference, Unmatched)>,
}

impl Pool {
    /// Adds source references, missing (if they stay unmatched) at `anchor` in the translation.
    pub fn add_source(&mut self, references: Vec<Reference>, anchor: Span, unmatched: Unmatched) {
        self.source.extend(references.into_iter().map(|reference| (reference, anchor, unmatched)));
    }

    /// Adds translation references.
    pub fn add_target(&mut self, references: Vec<Reference>, unmatched: Unmatched) {
        self.target.extend(references.into_iter().map(|reference| (reference, unmatched)));
    }

    /// Matches the references of both sides, keeping only the unmatched ones: references written alike first (in
    /// linear time, however many there are), then the rest by their normalised targets.
    pub fn settle(&mut self, relative: &str) {
        if self.source.is_empty() || self.target.is_empty() {
            return;
        }
        let mut written: HashMap<(Kind, &str), Vec<usize>> = HashMap::new();
        for (index, (reference, _)) in self.target.iter().enumerate().rev() {
            written.entry((reference.kind, reference.written.as_str())).or_default().push(index);
        }
        let mut matched = vec![false; self.target.len()];
        let mut unmatched_source = Vec::new();
        for (position, (reference, ..)) in self.source.iter().enumerate() {
            match written.get_mut(&(reference.kind, reference.written.as_str())).and_then(Vec::pop) {
                Some(index) => matched[index] = true,
                None => unmatched_source.push(position),
            }
        }
        let mut kept = Vec::with_capacity(unmatched_source.len());
        let mut keyed: HashMap<(bool, Cow<'_, str>), Vec<usize>> = HashMap::new();
        if !unmatched_source.is_empty() {
            for (index, (reference, _)) in self.target.iter().enumerate().filter(|(index, _)| !matched[*index]) {
                for key in reference.keys(relative).into_iter().flatten() {
                    let indexes = keyed.entry(key).or_default();
                    if indexes.last() != Some(&index) {
                        indexes.push(index);
                    }
                }
            }
        }
        for position in unmatched_source {
            let reference = &self.source[position].0;
            let mut candidates: Vec<usize> = reference
                .keys(relative)
                .into_iter()
                .flatten()
                .filter_map(|key| keyed.get(&key))
                .flatten()
                .copied()
                .collect();
            candidates.sort_unstable();
            let found =
                candidates.into_iter().find(|&index| !matched[index] && self.target[index].0.same(reference, relative));
            match found {
                Some(index) => matched[index] = true,
                None => kept.push(position),
            }
        }
        let mut source: Vec<Option<(Reference, Span, Unmatched)>> = self.source.drain(..).map(Some).collect();
        self.source = kept.into_iter().filter_map(|position| source[position].take()).collect();
        let mut flags = matched.into_iter();
        self.target.retain(|_| !flags.next().unwrap_or(false));
    }

    /// Moves everything into `other`.
    pub fn pour_into(self, other: &mut Pool) {
        other.source.extend(self.source);
        other.target.extend(self.target);
    }

    /// Settles, then reports what is left that is not covered by another finding. A reference of the translation
    /// left in the block where one of the same kind of the source is missing is one finding: the reference changed.
    pub fn report(mut self, source: &Document, target: &Document, languages: &Languages, out: &mut Vec<Diagnostic>) {
        self.settle(&target.relative);
        // The rule reporting a reference left unmatched, unless another finding covers it.
        let reported_by = |reference: &Reference, unmatched: Unmatched| {
            reference.kind.rule().filter(|_| unmatched == Unmatched::Finding)
        };
        let mut extra: Vec<Option<(Reference, Rule)>> = self
            .target
            .into_iter()
            .filter_map(|(reference, unmatched)| reported_by(&reference, unmatched).map(|rule| Some((reference, rule))))
            .collect();
        for (reference, anchor, unmatched) in self.source {
            let Some(rule) = reported_by(&reference, unmatched) else { continue };
            let (noun, quoted) = (reference.kind.noun(), clip(&reference.written, MAX_QUOTED_CHARS));
            let changed = extra.iter_mut().find(|candidate| {
                candidate.as_ref().is_some_and(|(candidate, _)| {
                    candidate.kind == reference.kind
                        && (anchor.start..anchor.end.max(anchor.start + 1)).contains(&candidate.span.start)
                })
            });
            let diagnostic = match changed.and_then(Option::take) {
                Some((translated, _)) => rule.diagnostic(
                    target.at(translated.span),
                    format!(
                        "this {noun} `{}` differs from the {} {noun} `{quoted}`",
                        clip(&translated.written, MAX_QUOTED_CHARS),
                        languages.source,
                    ),
                ),
                None => rule.diagnostic(
                    target.line(anchor.line),
                    format!(
                        "the {} {noun} `{quoted}` has no counterpart in the {} file here",
                        languages.source, languages.target
                    ),
                ),
            };
            out.push(diagnostic.with_source(source.at(reference.span)));
        }
        for (reference, rule) in extra.into_iter().flatten() {
            out.push(rule.diagnostic(
                target.at(reference.span),
                format!(
                    "this {} `{}` has no counterpart in the {} file",
                    reference.kind.noun(),
                    clip(&reference.written, MAX_QUOTED_CHARS),
                    languages.source
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn powershell_inline_code_matches_in_any_case_but_other_code_and_strings_do_not() {
        let code = |written: &str| Reference {
            kind: Kind::Code,
            target: OnceCell::new(),
            written: written.to_owned(),
            span: Span::default(),
        };
        let same = |a: &str, b: &str| code(a).same(&code(b), "a.md");
        assert!(same("Set-DkimSigningConfig -Identity contoso.com", "set-DkimSigningConfig -identity contoso.com"));
        assert!(same("-Enabled $false", "-enabled $False"));
        assert!(
            !same("Set-Mailbox -Name \"Sales Team\"", "Set-Mailbox -Name \"sales team\""),
            "a string's case counts"
        );
        assert!(!same("AnnB.pst", "annb.pst"), "not PowerShell: a file name");
        assert!(!same("Get-Mailbox", "Get-MailboxStatistics"));
    }
    use crate::model::Block;

    fn references(text: &str) -> Vec<Reference> {
        let document = Document::new("a.md", "a.md", text.to_owned());
        let mut out = Vec::new();
        if let Some(Block::Paragraph { inlines, .. }) = document.article.preamble.first() {
            in_inlines(inlines, &mut out);
        }
        out
    }

    #[test]
    fn links_images_code_and_includes_are_found_in_emphasis_and_link_text() {
        let found = references("See **[the `x` page](a.md)**, ![alt](i.png) and [!INCLUDE [t](inc.md)].\n");
        let kinds: Vec<Kind> = found.iter().map(|reference| reference.kind).collect();
        assert_eq!(kinds, [Kind::Code, Kind::Link, Kind::Image, Kind::Include]);
    }

    #[test]
    fn pools_match_across_forms_and_keep_the_rest() {
        let mut pool = Pool::default();
        pool.add_source(
            references("[a](https://docs.microsoft.com/x/y?view=v) `Get-Foo`\n"),
            Span::default(),
            Unmatched::Finding,
        );
        pool.add_target(references("[b](/x/y.md?view=v&preserve-view=true) `Get-Bar`\n"), Unmatched::Finding);
        pool.settle("a.md");
        assert_eq!(pool.source.len(), 1);
        assert_eq!(pool.source[0].0.written, "Get-Foo");
        assert_eq!(pool.target.len(), 1);
        assert_eq!(pool.target[0].0.written, "Get-Bar");
    }

    #[test]
    fn thousands_of_references_written_another_way_each_find_their_own() {
        let count = 2_000;
        let source: String = (0..count)
            .map(|i| format!("[p](https://learn.microsoft.com/en-us/office/p{i}) `Get-Item{i} -Name x` "))
            .collect();
        // The translation writes every link as a relative path and every parameter in lower case, in the reverse order,
        // and leaves out every seventh of each; it adds one link of its own.
        let target: String = (0..count)
            .rev()
            .filter(|i| i % 7 != 0)
            .map(|i| format!("[p](../office/p{i}.md) `Get-Item{i} -name x` "))
            .chain(["[extra](../office/extra.md)".to_owned()])
            .collect();
        let mut pool = Pool::default();
        pool.add_source(references(&format!("{source}\n")), Span::default(), Unmatched::Finding);
        pool.add_target(references(&format!("{target}\n")), Unmatched::Finding);
        pool.settle("docs/a.md");
        let left: Vec<&str> = pool.source.iter().map(|(reference, ..)| reference.written.as_str()).collect();
        let expected: Vec<String> = (0..count)
            .filter(|i| i % 7 == 0)
            .flat_map(|i| [format!("https://learn.microsoft.com/en-us/office/p{i}"), format!("Get-Item{i} -Name x")])
            .collect();
        assert_eq!(left, expected);
        let extra: Vec<&str> = pool.target.iter().map(|(reference, _)| reference.written.as_str()).collect();
        assert_eq!(extra, ["../office/extra.md"]);
    }
}
