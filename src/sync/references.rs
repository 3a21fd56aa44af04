//! What paired blocks must share exactly: link targets, image sources, inline code and inline includes.
//!
//! References are compared as multisets: first between two paired blocks, then what is left over between the two
//! sides of a section ([`Pool`]), so that a link moved to the next paragraph of the same section is not a finding.
//! What is still unmatched is reported, each reference at its own place in the translation, or, for a reference only
//! the source has, at the translated block or heading where it is missing.

use crate::model::{Inline, Span};
use crate::report::Diagnostic;

use super::Languages;
use super::document::Document;
use super::links::LinkTarget;
use super::rules::Rule;

/// What a reference is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A link target.
    Link,
    /// An image source.
    Image,
    /// Inline code.
    Code,
    /// An inline `[!INCLUDE]`.
    Include,
}

impl Kind {
    fn rule(self) -> Rule {
        match self {
            Kind::Link => Rule::LinkMismatch,
            Kind::Image => Rule::ImageMismatch,
            Kind::Code => Rule::CodeMismatch,
            Kind::Include => Rule::IncludeMismatch,
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Kind::Link => "link to",
            Kind::Image => "image",
            Kind::Code => "inline code",
            Kind::Include => "include",
        }
    }
}

/// One reference found in a file.
#[derive(Debug, Clone)]
pub struct Reference {
    /// What it is.
    pub kind: Kind,
    /// The normalised form links and images are compared in.
    target: Option<LinkTarget>,
    /// As written (trimmed).
    pub written: String,
    /// Where it is.
    pub span: Span,
}

impl Reference {
    fn same(&self, other: &Reference) -> bool {
        self.kind == other.kind
            && match (&self.target, &other.target) {
                (Some(a), Some(b)) => a.same(b),
                _ => self.written == other.written,
            }
    }
}

/// The references in `inlines`, found in the file at `relative` (for resolving relative links).
pub fn in_inlines(inlines: &[Inline], relative: &str, out: &mut Vec<Reference>) {
    for inline in inlines {
        let (kind, written, span) = match inline {
            Inline::Link { target, children, span, .. } => {
                in_inlines(children, relative, out);
                (Kind::Link, target, span)
            }
            Inline::Emphasis { children, .. } => {
                in_inlines(children, relative, out);
                continue;
            }
            Inline::Image { source, span, .. } => (Kind::Image, source, span),
            Inline::Code { code, span } => (Kind::Code, code, span),
            Inline::Include { path, span, .. } => (Kind::Include, path, span),
            _ => continue,
        };
        let written = written.trim().to_owned();
        let target = match kind {
            Kind::Link | Kind::Image => Some(LinkTarget::new(&written, relative)),
            Kind::Code => None,
            Kind::Include => Some(LinkTarget::new(&written.replace('\\', "/"), relative)),
        };
        out.push(Reference { kind, target, written, span: *span });
    }
}

/// References of both sides not matched yet. Source references carry the span in the translation where they are
/// missing.
#[derive(Debug, Default)]
pub struct Pool {
    source: Vec<(Reference, Span)>,
    target: Vec<Reference>,
}

impl Pool {
    /// Adds source references, missing (if they stay unmatched) at `anchor` in the translation.
    pub fn add_source(&mut self, references: Vec<Reference>, anchor: Span) {
        self.source.extend(references.into_iter().map(|reference| (reference, anchor)));
    }

    /// Adds translation references.
    pub fn add_target(&mut self, references: Vec<Reference>) {
        self.target.extend(references);
    }

    /// Matches the references of both sides, keeping only the unmatched ones.
    pub fn settle(&mut self) {
        let mut source = Vec::with_capacity(self.source.len());
        for (reference, anchor) in self.source.drain(..) {
            match self.target.iter().position(|candidate| candidate.same(&reference)) {
                Some(index) => {
                    self.target.remove(index);
                }
                None => source.push((reference, anchor)),
            }
        }
        self.source = source;
    }

    /// Moves everything into `other`.
    pub fn pour_into(self, other: &mut Pool) {
        other.source.extend(self.source);
        other.target.extend(self.target);
    }

    /// Settles, then reports what is left.
    pub fn report(mut self, source: &Document, target: &Document, languages: &Languages, out: &mut Vec<Diagnostic>) {
        self.settle();
        for reference in self.target {
            out.push(reference.kind.rule().diagnostic(
                target.at(reference.span),
                format!(
                    "this {} `{}` has no counterpart in the {} file",
                    reference.kind.noun(),
                    reference.written,
                    languages.source
                ),
            ));
        }
        for (reference, anchor) in self.source {
            out.push(
                reference
                    .kind
                    .rule()
                    .diagnostic(
                        target.line(anchor.line),
                        format!(
                            "the {} {} `{}` has no counterpart in the {} file here",
                            languages.source,
                            reference.kind.noun(),
                            reference.written,
                            languages.target
                        ),
                    )
                    .with_source(source.at(reference.span)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Block;

    fn references(text: &str) -> Vec<Reference> {
        let document = Document::new("a.md", "a.md", text.to_owned());
        let mut out = Vec::new();
        if let Some(Block::Paragraph { inlines, .. }) = document.article.preamble.first() {
            in_inlines(inlines, "a.md", &mut out);
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
        pool.add_source(references("[a](https://docs.microsoft.com/x/y?view=v) `Get-Foo`\n"), Span::default());
        pool.add_target(references("[b](/x/y.md?view=v&preserve-view=true) `Get-Bar`\n"));
        pool.settle();
        assert_eq!(pool.source.len(), 1);
        assert_eq!(pool.source[0].0.written, "Get-Foo");
        assert_eq!(pool.target.len(), 1);
        assert_eq!(pool.target[0].written, "Get-Bar");
    }
}
