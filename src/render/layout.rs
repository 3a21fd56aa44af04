//! How much paper a step takes, roughly: enough to tell the steps a printed page keeps whole from those that flow on.
//!
//! The estimate follows the print style of `templates/checklist.html`: 10.5 pt text at 1.45 line height in a step
//! box about 170 mm wide, 9 pt code, and a small gap after every block. It counts in body text lines.

use crate::model::{Article, Block, Inline, Section, text};

/// Characters of body text on one printed line inside a step box.
const LINE_CHARACTERS: usize = 85;

/// Characters of code on one printed line: smaller type, but the code box has its own padding.
const CODE_CHARACTERS: usize = 88;

/// How far nested content (list items, notes, zones) is indented, in characters.
const INDENT_CHARACTERS: usize = 6;

/// The gap after a paragraph, list, table or code block, in lines.
const BLOCK_GAP: f32 = 0.4;

/// The lines of the step box itself: its heading and the sign-off line with their spacing.
const STEP_FRAME_LINES: f32 = 4.0;

/// The longest step, in estimated lines, kept on one page: about half a page (a Letter page holds about 46 lines of
/// body text, A4 about 49), so that moving a step to the next page never leaves more than half a page blank.
const KEEP_TOGETHER_LINES: f32 = 24.0;

/// Whether a step of `body` and `sections` is short enough to be kept whole on one page.
pub fn keeps_together(body: &[Block], sections: &[&Section]) -> bool {
    let lines = STEP_FRAME_LINES + blocks(body, LINE_CHARACTERS) + sections.iter().map(|s| section(s)).sum::<f32>();
    lines <= KEEP_TOGETHER_LINES
}

/// The byte offsets of the list items of `article` too long to be kept whole on one page (a sub-step holding a long
/// script): they flow on where the text before them ends, as long steps do.
pub fn long_items(article: &Article) -> Vec<usize> {
    fn walk(blocks: &[Block], out: &mut Vec<usize>) {
        for block in blocks {
            if let Block::List { items, .. } = block {
                for item in items {
                    if self::blocks(&item.blocks, LINE_CHARACTERS) > KEEP_TOGETHER_LINES {
                        out.push(item.span.start);
                    }
                    walk(&item.blocks, out);
                }
            } else {
                walk(block.children(), out);
            }
        }
    }
    let mut out = Vec::new();
    walk(&article.preamble, &mut out);
    for section in article.all_sections() {
        walk(&section.blocks, &mut out);
    }
    out
}

fn section(section: &Section) -> f32 {
    1.0 + BLOCK_GAP + blocks(&section.blocks, LINE_CHARACTERS) + section.sections.iter().map(self::section).sum::<f32>()
}

/// The lines `blocks` take at `width` characters a line.
fn blocks(blocks: &[Block], width: usize) -> f32 {
    blocks.iter().map(|block| self::block(block, width)).sum()
}

fn block(block: &Block, width: usize) -> f32 {
    let nested = width.saturating_sub(INDENT_CHARACTERS).max(20);
    match block {
        Block::Paragraph { inlines, .. } | Block::Heading { inlines, .. } => wrapped(inlines, width) + BLOCK_GAP,
        Block::List { items, .. } => {
            items.iter().map(|item| blocks(&item.blocks, nested)).sum::<f32>().max(1.0) + BLOCK_GAP
        }
        Block::Code { code, .. } => {
            let lines: f32 = code.lines().map(|line| lines_of(line.chars().count(), CODE_CHARACTERS)).sum();
            // 9 pt code lines are shorter than text lines; the box has padding above and below.
            0.85 * lines + 0.8 + BLOCK_GAP
        }
        Block::Table { head, rows, .. } => {
            let columns = head.len().max(1);
            let cell_width = (width / columns).saturating_sub(2).max(8);
            let row = |cells: &Vec<Vec<Inline>>| {
                cells.iter().map(|cell| lines_of(text::inlines(cell).chars().count(), cell_width)).fold(1.0, f32::max)
            };
            // Table text is 9 pt, with padding around each row.
            std::iter::once(head).chain(rows).map(|cells| 0.85 * row(cells) + 0.3).sum::<f32>() + BLOCK_GAP
        }
        Block::Alert { blocks: inside, .. } => 1.0 + blocks(inside, nested) + 0.6 + BLOCK_GAP,
        Block::Include { resolved: Some(resolved), .. } => blocks(resolved, width),
        Block::Include { .. } | Block::Html { .. } | Block::Rule { .. } => 1.0,
        other => {
            // Zones, divs, quotes and extensions: a label or frame around their blocks.
            let inside = other.children();
            if inside.is_empty() { 1.0 } else { 1.0 + blocks(inside, nested) }
        }
    }
}

/// The lines `inlines` take when wrapped at `width` characters.
fn wrapped(inlines: &[Inline], width: usize) -> f32 {
    lines_of(text::inlines(inlines).chars().count(), width)
}

/// The lines `characters` take when wrapped at `width` characters a line: at least one.
fn lines_of(characters: usize, width: usize) -> f32 {
    characters.div_ceil(width.max(1)).max(1) as f32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::{NoIncludes, ParseOptions, parse};

    fn article(markdown: &str) -> Article {
        parse("a.md", markdown, &ParseOptions::default(), &NoIncludes).article
    }

    fn step_keeps_together(markdown: &str) -> bool {
        let article = article(markdown);
        let step = &article.sections[0];
        keeps_together(&step.blocks, &step.sections.iter().collect::<Vec<_>>())
    }

    #[test]
    fn a_step_of_a_few_sub_steps_is_kept_whole_and_one_of_half_a_page_is_not() {
        assert!(step_keeps_together("## Step 1: Sign in\n\n1. Open the center.\n2. Select **Users**.\n"));
        // Fifteen sub-steps of two printed lines each, with their gaps: more than half a page.
        let long_items: String =
            (1..=15).map(|n| format!("{n}. {}\n", "Select the setting and save it. ".repeat(4))).collect();
        assert!(!step_keeps_together(&format!("## Step 1: Configure\n\n{long_items}")));
        // So is a step with a 30-line script, though its text is short.
        let script: String = (1..=30).map(|n| format!("Set-Thing -Id {n}\n")).collect();
        assert!(!step_keeps_together(&format!("## Step 1: Run it\n\n```powershell\n{script}```\n")));
        // A table of ten short rows is a third of a page at most.
        let rows: String = (1..=10).map(|n| format!("| Setting {n} | On |\n")).collect();
        assert!(step_keeps_together(&format!("## Step 1: Check\n\n| Name | Value |\n|---|---|\n{rows}")));
    }

    #[test]
    fn only_list_items_longer_than_half_a_page_may_split() {
        let script: String = (1..=40).map(|n| format!("   Set-Thing -Id {n}\n")).collect();
        let markdown = format!("# T\n\n1. Save the script:\n\n   ```powershell\n{script}   ```\n\n2. Run it.\n");
        let long = long_items(&article(&markdown));
        assert_eq!(long, [markdown.find("1. Save").unwrap()]);
    }
}
