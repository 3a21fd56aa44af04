//! `broken-fragment-link`: same-page links (`[step 6](#step-6-prepare-the-mailboxes)`) of the translation whose
//! fragment names no heading or anchor of the translation, though the source has it.
//!
//! Translations keep the English heading ids through `<a name>` anchors, and keep the English fragments in their
//! links. When a translated heading loses its anchor, its id becomes the slug of the French title, and every link to
//! the English id breaks, silently: the page still builds. A fragment neither file defines (an id from an include,
//! or a link broken in English too) is not a translation's drift, and is left alone.

use std::collections::HashMap;

use crate::model::{Inline, Section};
use crate::report::{Diagnostic, clip};

use super::Languages;
use super::document::Document;
use super::rules::Rule;

/// How much of a heading's title a message quotes.
const MAX_QUOTED_TITLE_CHARS: usize = 80;

/// Reports the same-page links of `target` whose fragment is an id or anchor of `source` but of no heading or anchor
/// of `target`. `renamed` maps the id of a source section to its paired translated section, when their ids differ:
/// the finding names that heading.
pub fn check(
    source: &Document,
    target: &Document,
    renamed: &HashMap<&str, &Section>,
    languages: &Languages,
    out: &mut Vec<Diagnostic>,
) {
    // Most translations have no same-page link: a scan of the text spares them the walk.
    if !target.text.contains("](#") && !target.text.contains("\"#") {
        return;
    }
    let mut links = Vec::new();
    target.article.for_each_inline(&mut |inline| {
        if let Inline::Link { target: address, span, .. } = inline
            && let Some(fragment) = address.trim().strip_prefix('#')
        {
            links.push((fragment.to_lowercase(), *span));
        }
    });
    if links.is_empty() {
        return;
    }
    let (target_ids, source_ids) = (target.article.ids(), source.article.ids());
    let (source_name, target_name) = (&languages.source, &languages.target);
    for (fragment, span) in links {
        if target_ids.contains_key(&fragment) {
            continue;
        }
        let Some(&source_span) = source_ids.get(&fragment) else { continue };
        let message = match renamed.get(fragment.as_str()) {
            Some(heading) => {
                // Its own anchor may name another heading's id (two headings anchored alike): replace, not add.
                let fix = if heading.explicit_id {
                    format!("change its `<a name=\"{}\">` to `<a name=\"{fragment}\">`", heading.id)
                } else {
                    format!("add `<a name=\"{fragment}\"></a>` to it")
                };
                format!(
                    "this link to `#{fragment}` is broken: the {target_name} heading it names, \"{}\", has the id \
                     `{}`; {fix}, as the {source_name} heading's id is `{fragment}`",
                    clip(&heading.title, MAX_QUOTED_TITLE_CHARS),
                    heading.id
                )
            }
            None => format!(
                "this link to `#{fragment}` is broken: no heading or anchor of the {target_name} file has that id, \
                 which the {source_name} file has"
            ),
        };
        let mut diagnostic = Rule::BrokenFragmentLink.diagnostic(target.at(span), message);
        // Where the heading is goes in the note: a message naming a line would change the finding's fingerprint
        // whenever a line is added above it.
        if let Some(heading) = renamed.get(fragment.as_str()) {
            diagnostic = diagnostic.with_note(format!("the heading is at line {}", heading.heading_span.line));
        }
        out.push(diagnostic.with_source(source.at(source_span)));
    }
}
