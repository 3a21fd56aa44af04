//! Suppression comments: `<!-- checkdown-ignore RULE[,RULE] -->` on its own line silences those rules for the block
//! that follows (when it ends a list item, the next item; when it ends a section, the next heading); `<!-- checkdown-ignore-file RULE[,RULE] -->`
//! anywhere silences them for the whole pair of files. Without rule names, every rule is silenced. Comments work in
//! either file: one in the translation covers findings located there, one in the source covers findings whose source
//! counterpart is there.

use crate::model::{Block, Span};
use crate::report::{Diagnostic, Severity, clip};

use super::document::Document;
use super::rules::Rule;

const BLOCK_DIRECTIVE: &str = "checkdown-ignore";
const FILE_DIRECTIVE: &str = "checkdown-ignore-file";
/// What a comment meant for checkdown starts with.
const PREFIX: &str = "checkdown";

/// The rules a comment names; `None` for all of them.
type Rules = Option<Vec<Rule>>;

/// The suppressions one file declares.
#[derive(Debug, Clone, Default)]
pub struct Suppressions {
    /// Rule sets silenced for the whole file.
    file: Vec<Rules>,
    /// Byte ranges of the blocks that follow a block comment, with the rules silenced there.
    blocks: Vec<(std::ops::Range<usize>, Rules)>,
}

impl Suppressions {
    /// The suppression comments of `document`; comments naming unknown rules are reported into `problems`.
    pub fn of(document: &Document, problems: &mut Vec<Diagnostic>) -> Self {
        let mut found = Self::default();
        let mut collector = Collector { document, found: &mut found, problems };
        collector.blocks(&document.article.preamble, document.article.sections.first().map(|s| s.heading_span));
        let sections = document.article.all_sections();
        for (index, section) in sections.iter().enumerate() {
            collector.blocks(&section.blocks, sections.get(index + 1).map(|next| next.heading_span));
        }
        found
    }

    /// Whether the file silences `rule` at byte `offset` (`None`: a finding about the whole file).
    pub fn covers(&self, rule: &str, offset: Option<usize>) -> bool {
        let names = |rules: &Rules| rules.as_ref().is_none_or(|rules| rules.iter().any(|known| known.name() == rule));
        self.file.iter().any(names)
            || offset
                .is_some_and(|offset| self.blocks.iter().any(|(range, rules)| range.contains(&offset) && names(rules)))
    }
}

struct Collector<'a> {
    document: &'a Document,
    found: &'a mut Suppressions,
    problems: &'a mut Vec<Diagnostic>,
}

impl Collector<'_> {
    /// Looks for comments among `blocks`; `after` is what follows them (the next list item, block or heading), which
    /// a comment ending `blocks` applies to.
    fn blocks(&mut self, blocks: &[Block], after: Option<Span>) {
        for (index, block) in blocks.iter().enumerate() {
            let following = blocks[index + 1..].iter().find(|block| !is_comment(block)).map(Block::span).or(after);
            match block {
                Block::Html { html, span } => {
                    let Some((file_wide, rules)) = self.directive(html, *span) else { continue };
                    if file_wide {
                        self.found.file.push(rules);
                    } else if let Some(target) = following {
                        self.found.blocks.push((target.start..target.end.max(target.start + 1), rules));
                    }
                }
                Block::List { items, .. } => {
                    for (position, item) in items.iter().enumerate() {
                        self.blocks(&item.blocks, items.get(position + 1).map(|next| next.span).or(following));
                    }
                }
                other => self.blocks(other.children(), following),
            }
        }
    }

    /// The directive in an HTML comment: whether it is file-wide, and its rules.
    fn directive(&mut self, html: &str, span: Span) -> Option<(bool, Rules)> {
        let inner = html.trim().strip_prefix("<!--")?.strip_suffix("-->")?.trim();
        let keyword_end = inner.find(char::is_whitespace).unwrap_or(inner.len());
        let (keyword, list) = inner.split_at(keyword_end);
        let file_wide = if keyword.eq_ignore_ascii_case(FILE_DIRECTIVE) {
            true
        } else if keyword.eq_ignore_ascii_case(BLOCK_DIRECTIVE) {
            false
        } else {
            // A comment meant for checkdown but misspelt would silently silence nothing.
            if keyword.get(..PREFIX.len()).is_some_and(|start| start.eq_ignore_ascii_case(PREFIX)) {
                self.problems.push(Diagnostic::new(
                    Rule::ParseError.name(),
                    Severity::Warning,
                    self.document.at(span),
                    format!(
                        "`{}` is no checkdown comment, and silences nothing: write `{BLOCK_DIRECTIVE} RULE, …` (the \
                         next block) or `{FILE_DIRECTIVE} RULE, …` (the whole file)",
                        clip(keyword, 40)
                    ),
                ));
            }
            return None;
        };
        // `-- why` after the rules is the author's reason, as in ESLint's directives.
        let rules_part = list.split_once("--").map_or(list, |(rules, _reason)| rules);
        let names: Vec<&str> = rules_part.split([',', ' ', '\t', '\n']).filter(|name| !name.is_empty()).collect();
        if names.is_empty() {
            return Some((file_wide, None));
        }
        let mut rules = Vec::new();
        for name in names {
            match Rule::from_name(&name.to_ascii_lowercase()) {
                Some(rule) => rules.push(rule),
                None => self.problems.push(Diagnostic::new(
                    Rule::ParseError.name(),
                    Severity::Warning,
                    self.document.at(span),
                    format!("unknown rule `{name}` in a checkdown-ignore comment (see `checkdown sync --list-rules`)"),
                )),
            }
        }
        Some((file_wide, Some(rules)))
    }
}

/// Whether `line` holds only a checkdown directive comment (`<!-- checkdown-ignore … -->`, either kind).
pub fn is_directive_line(line: &str) -> bool {
    let Some(inner) = line.trim().strip_prefix("<!--").and_then(|rest| rest.strip_suffix("-->")) else { return false };
    let inner = inner.trim_start();
    inner.get(..BLOCK_DIRECTIVE.len()).is_some_and(|keyword| keyword.eq_ignore_ascii_case(BLOCK_DIRECTIVE))
}

/// An HTML block that is only a comment, which alignment skips.
pub fn is_comment(block: &Block) -> bool {
    matches!(block, Block::Html { html, .. } if {
        let html = html.trim();
        html.starts_with("<!--") && html.ends_with("-->") && html.matches("-->").count() == 1
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn suppressions(text: &str) -> (Suppressions, Vec<Diagnostic>, Document) {
        let document = Document::new("fr-fr/a.md", "a.md", text.to_owned());
        let mut problems = Vec::new();
        (Suppressions::of(&document, &mut problems), problems, document)
    }

    #[test]
    fn a_block_comment_covers_the_next_block_only() {
        let text = "# T\n\n<!-- checkdown-ignore untranslated, number-mismatch -->\nGo to the page.\n\nAutre.\n";
        let (found, problems, _) = suppressions(text);
        assert!(problems.is_empty());
        let go = text.find("Go to").unwrap();
        assert!(found.covers("untranslated", Some(go)));
        assert!(found.covers("number-mismatch", Some(go + 3)));
        assert!(!found.covers("link-mismatch", Some(go)));
        assert!(!found.covers("untranslated", Some(text.find("Autre").unwrap())));
        assert!(!found.covers("untranslated", None));
    }

    #[test]
    fn a_comment_ending_a_section_covers_the_next_heading() {
        let text = "# T\n\ntexte\n\n<!-- checkdown-ignore -->\n\n## Suite\n";
        let (found, _, _) = suppressions(text);
        assert!(found.covers("anchor-mismatch", Some(text.find("## Suite").unwrap())));
    }

    #[test]
    fn a_comment_ending_a_list_item_covers_the_next_item() {
        let text = "# T\n\n1. Un\n   <!-- checkdown-ignore untranslated -->\n2. Go to the page.\n3. Trois\n";
        let (found, _, _) = suppressions(text);
        assert!(found.covers("untranslated", Some(text.find("Go to").unwrap())));
        assert!(!found.covers("untranslated", Some(text.find("Trois").unwrap())));
    }

    #[test]
    fn file_comments_cover_everything_and_unknown_rules_are_reported() {
        let text = "# T\n\n- a\n\n  <!-- checkdown-ignore-file link-mismatch,nope -->\n";
        let (found, problems, _) = suppressions(text);
        assert!(found.covers("link-mismatch", None));
        assert!(found.covers("link-mismatch", Some(0)));
        assert!(!found.covers("untranslated", Some(0)));
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("`nope`"), "{}", problems[0].message);
    }

    #[test]
    fn other_comments_are_not_directives_and_misspelt_ones_are_reported() {
        let text =
            "# T\n\n<!-- checkdown-ignored -->\n<!-- a note -->\n<!-- Checkdown-Disable untranslated -->\ntexte\n";
        let (found, problems, _) = suppressions(text);
        let messages: Vec<(u32, &str)> =
            problems.iter().map(|problem| (problem.location.line(), problem.message.as_str())).collect();
        assert_eq!(messages.len(), 2, "{messages:#?}");
        assert_eq!(messages[0].0, 3);
        assert!(messages[0].1.starts_with("`checkdown-ignored` is no checkdown comment, and silences nothing"));
        assert!(messages[1].1.starts_with("`Checkdown-Disable` is no checkdown comment"), "{messages:#?}");
        assert!(!found.covers("untranslated", Some(text.find("texte").unwrap())));
    }

    #[test]
    fn directives_are_read_in_any_case_and_may_give_a_reason() {
        let text = "# T\n\n<!-- CHECKDOWN-IGNORE Untranslated -- the product's English name -->\nGo to the page.\n";
        let (found, problems, _) = suppressions(text);
        assert!(problems.is_empty(), "{problems:#?}");
        assert!(found.covers("untranslated", Some(text.find("Go to").unwrap())));
    }
}
