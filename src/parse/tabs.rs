//! Tabbed content, as docfx reads it: a heading that is only a link to `#tab/<id>` (`# [PowerShell](#tab/ps)`, at any
//! level) opens a tab; the blocks after it are the tab's, up to the next such heading, which opens the next tab of
//! the group, or a `---` line, which closes the group, or the end of the container. Other headings inside a tab are
//! the tab's content, as they are on Learn. A group becomes a [`Block::Tabs`] of [`Block::Tab`]s, so that its tab
//! headings open no sections.

use crate::model::{Block, Inline, Span, text};

/// What a tab heading's link starts with.
const TAB_LINK: &str = "#tab/";

/// Whether `block` is a heading that opens a tab: an article with none is left as it is.
pub fn opens_tab(block: &Block) -> bool {
    tab_heading(block).is_some()
}

/// `blocks`, with each tab group made one [`Block::Tabs`], in every container.
pub fn group(blocks: Vec<Block>) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    let mut blocks = blocks.into_iter().map(group_inside);
    while let Some(mut block) = blocks.next() {
        let Some(mut tab) = open_tab(&mut block) else {
            out.push(block);
            continue;
        };
        let mut tabs = Vec::new();
        let mut group_end = None;
        for mut block in blocks.by_ref() {
            if let Block::Rule { span } = block {
                group_end = Some(span);
                break;
            }
            match open_tab(&mut block) {
                Some(next) => tabs.push(std::mem::replace(&mut tab, next)),
                None => tab.blocks.push(block),
            }
        }
        tabs.push(tab);
        let mut span = tabs[0].heading_span;
        span.extend_to(group_end.unwrap_or_else(|| tabs.last().map_or(span, OpenTab::span)));
        out.push(Block::Tabs { tabs: tabs.into_iter().map(OpenTab::into_block).collect(), span });
    }
    out
}

/// The tab that `block` opens, when it is a tab heading: its link's text is taken, and the rest of it is left.
fn open_tab(block: &mut Block) -> Option<OpenTab> {
    let (id, condition) = tab_heading(block)?;
    let Block::Heading { inlines, span, .. } = block else { return None };
    let heading = inlines.iter_mut().find_map(|inline| match inline {
        Inline::Link { children, .. } => Some(std::mem::take(children)),
        _ => None,
    });
    Some(OpenTab { id, condition, heading: heading.unwrap_or_default(), heading_span: *span, blocks: Vec::new() })
}

/// A tab whose blocks are still being gathered.
struct OpenTab {
    id: String,
    condition: Option<String>,
    heading: Vec<Inline>,
    heading_span: Span,
    blocks: Vec<Block>,
}

impl OpenTab {
    fn span(&self) -> Span {
        let mut span = self.heading_span;
        span.extend_to(self.blocks.last().map_or(span, Block::span));
        span
    }

    fn into_block(self) -> Block {
        let span = self.span();
        let title = text::inlines(&self.heading).trim().into();
        let condition = self.condition.map(String::into_boxed_str);
        let (id, heading) = (self.id.into_boxed_str(), self.heading.into_boxed_slice());
        Block::Tab { id, condition, title, heading, blocks: self.blocks, span }
    }
}

/// `block` with the tab groups of the containers it holds made [`Block::Tabs`].
fn group_inside(mut block: Block) -> Block {
    match &mut block {
        Block::List { items, .. } => {
            for item in items {
                item.blocks = group(std::mem::take(&mut item.blocks));
            }
        }
        other => {
            if let Some(blocks) = other.children_mut() {
                *blocks = group(std::mem::take(blocks));
            }
        }
    }
    block
}

/// The tab id and condition of a tab heading: a heading whose only content is a link to `#tab/<id>` or
/// `#tab/<id>/<condition>`, where an id is letters, digits and `-`, several joined by `+`. An `<a name>` anchor
/// before the link, which localized articles put in every heading, is no content.
fn tab_heading(block: &Block) -> Option<(String, Option<String>)> {
    let Block::Heading { inlines, .. } = block else { return None };
    let mut visible = inlines.iter().filter(|inline| match inline {
        Inline::Text { text, .. } => !text.trim().is_empty(),
        Inline::Anchor { .. } => false,
        _ => true,
    });
    let (Some(Inline::Link { target, html: false, .. }), None) = (visible.next(), visible.next()) else { return None };
    let link = target.strip_prefix(TAB_LINK)?;
    let (id, condition) = match link.split_once('/') {
        Some((id, condition)) => (id, Some(condition).filter(|condition| !condition.is_empty())),
        None => (link, None),
    };
    let is_name =
        |name: &str| !name.is_empty() && name.bytes().all(|byte| byte.is_ascii_alphanumeric() || byte == b'-');
    (id.split('+').all(is_name) && condition.is_none_or(is_name)).then(|| (id.to_owned(), condition.map(str::to_owned)))
}

#[cfg(test)]
mod tests {
    use crate::model::{Block, Section};
    use crate::parse::{NoIncludes, ParseOptions, parse};

    fn parsed(markdown: &str) -> crate::model::Article {
        parse("a.md", markdown, &ParseOptions::default(), &NoIncludes).article
    }

    /// (id, condition, title, kinds of its blocks) of each tab of `block`, a tab group.
    fn tabs(block: &Block) -> Vec<(String, Option<String>, String, usize)> {
        let Block::Tabs { tabs, .. } = block else { panic!("not a tab group: {block:?}") };
        tabs.iter()
            .map(|tab| match tab {
                Block::Tab { id, condition, title, blocks, .. } => {
                    (id.to_string(), condition.as_deref().map(str::to_owned), title.to_string(), blocks.len())
                }
                other => panic!("not a tab: {other:?}"),
            })
            .collect()
    }

    fn titles(sections: &[Section]) -> Vec<&str> {
        sections.iter().map(|section| section.title.as_str()).collect()
    }

    #[test]
    fn tab_headings_open_tabs_not_sections_and_a_rule_closes_the_group() {
        let article = parsed(
            "# Create a group\n\n## Create it\n\n# [Admin center](#tab/admin-center)\n\n1. Sign in.\n2. Select \
             **Groups**.\n\n### Before you save\n\nCheck the name.\n\n# [PowerShell](#tab/powershell)\n\n\
             1. Run `New-MgGroup`.\n\n---\n\n## Add members\n\n1. Open the group.\n",
        );
        assert_eq!(titles(&article.sections), ["Create a group"]);
        let create = &article.sections[0].sections;
        assert_eq!(titles(create), ["Create it", "Add members"], "the tab headings open no section");
        let expected = [
            ("admin-center".to_owned(), None, "Admin center".to_owned(), 3),
            ("powershell".to_owned(), None, "PowerShell".to_owned(), 1),
        ];
        assert_eq!(tabs(&create[0].blocks[0]), expected, "a heading inside a tab is its content");
        let span = create[0].blocks[0].span();
        assert_eq!((span.line, span.end_line), (5, 19), "from the first tab heading to the closing rule");
        let steps: Vec<(&str, usize)> =
            article.procedure().steps.iter().map(|step| (step.title, step.substeps.len())).collect();
        assert_eq!(steps, [("Create it", 2), ("Add members", 1)], "the first tab's list gives the sub-steps");
    }

    #[test]
    fn without_a_rule_the_group_runs_to_the_end_of_its_container() {
        let article = parsed(
            "# T\n\n> [!NOTE]\n> ## [Linux](#tab/linux)\n> On Linux.\n> ## [Windows](#tab/windows)\n> On Windows.\n\n\
             After the note.\n",
        );
        let Block::Alert { blocks, .. } = &article.sections[0].blocks[0] else { panic!() };
        assert_eq!(tabs(&blocks[0]).len(), 2);
        assert!(matches!(&article.sections[0].blocks[1], Block::Paragraph { .. }), "the paragraph after the note");
    }

    #[test]
    fn dependent_tabs_keep_their_condition_and_other_links_are_no_tabs() {
        let article = parsed(
            "# T\n\n## [.NET](#tab/dotnet/linux)\n\nA.\n\n## [.NET](#tab/dotnet/windows)\n\nB.\n\n\
             ## [REST](#tab/rest+http/)\n\nC.\n\n---\n\n## [See](#tab/a_b)\n\n## [Two](#tab/x) links [y](#tab/y)\n\n\
             ## [Elsewhere](other.md#tab/x)\n",
        );
        let expected = [
            ("dotnet".to_owned(), Some("linux".to_owned()), ".NET".to_owned(), 1),
            ("dotnet".to_owned(), Some("windows".to_owned()), ".NET".to_owned(), 1),
            ("rest+http".to_owned(), None, "REST".to_owned(), 1),
        ];
        assert_eq!(tabs(&article.sections[0].blocks[0]), expected);
        assert_eq!(titles(&article.sections[0].sections), ["See", "Two links y", "Elsewhere"]);
    }

    #[test]
    fn an_anchor_before_the_link_still_makes_a_tab_heading() {
        let article = parsed(
            "# T\n\n# <a name=\"cli\"></a>[Interface de ligne de commande](#tab/CLI)\n\nA.\n\n\
             # <a name=\"ps\"></a>[PowerShell](#tab/PowerShell)\n\nB.\n\n---\n\n## <a name=\"next\"></a>Next\n",
        );
        let expected = [
            ("CLI".to_owned(), None, "Interface de ligne de commande".to_owned(), 1),
            ("PowerShell".to_owned(), None, "PowerShell".to_owned(), 1),
        ];
        assert_eq!(tabs(&article.sections[0].blocks[0]), expected);
        assert_eq!(titles(&article.sections[0].sections), ["Next"]);
    }
}
