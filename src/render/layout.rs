//! How much paper a step takes, roughly: enough to tell the steps a printed page keeps whole from those that flow on.
//!
//! The estimate follows the print style of `templates/checklist.html`: 10.5 pt text at 1.45 line height in a step
//! box about 170 mm wide, 9 pt code, embedded pictures at most 90 mm tall, and a small gap after every block. It counts
//! in body text lines.

use std::collections::BTreeMap;

use super::html_text::{html_block, html_table};
use super::images::Picture;
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

/// A printed body text line, in millimetres: 10.5 pt at 1.45 line height.
const LINE_MM: f32 = 10.5 * 1.45 * 25.4 / 72.0;

/// The widest and tallest a picture prints, in millimetres: the step box's width, and `max-height` in the print style.
const PICTURE_MAX_MM: (f32, f32) = (170.0, 90.0);

/// The lines a picture whose size its file does not tell is counted for: a screenshot of middling height.
const PICTURE_LINES: f32 = 12.0;

/// The lines a picture of `size` pixels (width, height) takes in print, at the browser's 96 pixels an inch and scaled
/// down to fit the step box's width and 90 mm of height.
pub fn picture_lines(size: Option<(u32, u32)>) -> f32 {
    let Some((width, height)) = size else { return PICTURE_LINES };
    let millimetres = |pixels: u32| pixels as f32 * 25.4 / 96.0;
    let scale = (PICTURE_MAX_MM.0 / millimetres(width).max(1.0)).min(1.0);
    (millimetres(height) * scale).min(PICTURE_MAX_MM.1) / LINE_MM + BLOCK_GAP
}

/// The estimate for one checklist: which images print as pictures, and how tall.
#[derive(Debug, Clone, Copy)]
pub struct Layout<'a> {
    /// The embedded pictures, keyed by source ([`super::images::Images::embedded`]).
    pub pictures: &'a BTreeMap<String, Picture>,
}

impl Layout<'_> {
    /// Whether a step of `body` and `sections` is short enough to be kept whole on one page.
    pub fn keeps_together(self, body: &[Block], sections: &[&Section]) -> bool {
        let sections = sections.iter().map(|s| self.section(s)).sum::<f32>();
        STEP_FRAME_LINES + self.blocks(body, LINE_CHARACTERS) + sections <= KEEP_TOGETHER_LINES
    }

    /// The blocks of `article` that the print style lays out apart ([`PrintNotes`]), in one walk.
    pub fn print_notes(self, article: &Article) -> PrintNotes {
        let mut notes = PrintNotes::default();
        self.notes_in(&article.preamble, &mut notes);
        for section in article.all_sections() {
            self.notes_in(&section.blocks, &mut notes);
        }
        notes
    }

    fn notes_in(self, blocks: &[Block], notes: &mut PrintNotes) {
        for block in blocks {
            match block {
                Block::List { items, .. } => {
                    for item in items {
                        if self.blocks(&item.blocks, LINE_CHARACTERS) > KEEP_TOGETHER_LINES {
                            notes.long_items.push(item.span.start);
                        }
                        self.notes_in(&item.blocks, notes);
                    }
                }
                Block::Table { .. } | Block::Html { .. } => {
                    let Some(table) = as_table(block) else { continue };
                    if has_a_long_row(&table) {
                        notes.long_items.push(block.span().start);
                    }
                    if is_tight(&table) {
                        notes.tight_tables.push(block.span().start);
                    }
                }
                Block::Alert { span, .. } if self.block(block, LINE_CHARACTERS) > KEEP_TOGETHER_LINES => {
                    notes.long_items.push(span.start);
                    self.notes_in(block.children(), notes);
                }
                _ => self.notes_in(block.children(), notes),
            }
        }
    }

    fn section(self, section: &Section) -> f32 {
        let sections = section.sections.iter().map(|section| self.section(section)).sum::<f32>();
        1.0 + BLOCK_GAP + self.blocks(&section.blocks, LINE_CHARACTERS) + sections
    }

    /// The lines `blocks` take at `width` characters a line.
    fn blocks(self, blocks: &[Block], width: usize) -> f32 {
        blocks.iter().map(|block| self.block(block, width)).sum()
    }

    /// The lines the pictures among `inlines` take, beside their text.
    fn pictures_in(self, inlines: &[Inline]) -> f32 {
        inlines
            .iter()
            .map(|inline| match inline {
                Inline::Image { source, .. } => self.pictures.get(source).map_or(0.0, |picture| picture.lines),
                Inline::Link { children, .. } | Inline::Emphasis { children, .. } => self.pictures_in(children),
                Inline::Include { resolved: Some(included), .. } => self.pictures_in(&included.inlines),
                _ => 0.0,
            })
            .sum()
    }

    fn block(self, block: &Block, width: usize) -> f32 {
        let nested = width.saturating_sub(INDENT_CHARACTERS).max(20);
        match block {
            Block::Paragraph { inlines, .. } | Block::Heading { inlines, .. } => {
                wrapped(inlines, width) + BLOCK_GAP + self.pictures_in(inlines)
            }
            Block::Extension { name, attributes, .. } if name == "image" => {
                let source = attributes.iter().find(|attribute| attribute.name == "source");
                source.and_then(|source| self.pictures.get(&source.value)).map_or(1.0, |picture| picture.lines)
            }
            Block::List { items, .. } => {
                items.iter().map(|item| self.blocks(&item.blocks, nested)).sum::<f32>().max(1.0) + BLOCK_GAP
            }
            Block::Code { code, .. } => {
                let lines: f32 = code.lines().map(|line| lines_of(line.chars().count(), CODE_CHARACTERS)).sum();
                // 9 pt code lines are shorter than text lines; the box has padding above and below.
                0.85 * lines + 0.8 + BLOCK_GAP
            }
            Block::Table { head, rows, .. } => {
                let cell_width = cell_width(head.len(), width);
                std::iter::once(head).chain(rows).map(|cells| row_lines(cells, cell_width)).sum::<f32>() + BLOCK_GAP
            }
            Block::Alert { blocks: inside, .. } => 1.0 + self.blocks(inside, nested) + 0.6 + BLOCK_GAP,
            Block::Include { resolved: Some(resolved), .. } => self.blocks(resolved, width),
            // As the checklist prints it: a table, a list, a paragraph of its text.
            Block::Html { html, span } => html_block(html, *span).map_or(0.0, |shown| self.block(&shown, width)),
            Block::Include { .. } | Block::Rule { .. } => 1.0,
            other => {
                // Zones, divs, quotes and extensions: a label or frame around their blocks.
                let inside = other.children();
                if inside.is_empty() { 1.0 } else { 1.0 + self.blocks(inside, nested) }
            }
        }
    }
}

/// Characters of 9 pt table text on a line of the page, and what each column's padding and rules take of them.
const TABLE_CHARACTERS: usize = 98;
const CELL_PADDING_CHARACTERS: usize = 3;

/// The byte offsets of the blocks the print style lays out apart. Tables are pipe tables and the HTML tables the
/// checklist prints as tables.
#[derive(Debug, Default)]
pub struct PrintNotes {
    /// The list items, alerts and tables too long to be kept whole on one page (a sub-step holding a long script, a
    /// note of many paragraphs, a table row of a page of text): they flow on where the text before them ends, as
    /// long steps do, rather than leave a page blank before them. A table is here when one of its rows is.
    pub long_items: Vec<usize>,
    /// The tables whose columns cannot all be as wide as their longest word (a cipher suite, a MIME type, a cmdlet
    /// name): the checklist shares the page's width out evenly and breaks such words at their column's edge.
    pub tight_tables: Vec<usize>,
}

/// `block` as the table the checklist prints: a pipe table, or an HTML table ([`html_table`]).
fn as_table(block: &Block) -> Option<std::borrow::Cow<'_, Block>> {
    match block {
        Block::Table { .. } => Some(std::borrow::Cow::Borrowed(block)),
        Block::Html { html, span } => {
            html_table(html, *span).filter(|table| matches!(table, Block::Table { .. })).map(std::borrow::Cow::Owned)
        }
        _ => None,
    }
}

fn has_a_long_row(table: &Block) -> bool {
    let Block::Table { head, rows, .. } = table else { return false };
    let widths = cell_width(head.len(), LINE_CHARACTERS);
    rows.iter().any(|row| row_lines(row, widths) > KEEP_TOGETHER_LINES)
}

fn is_tight(table: &Block) -> bool {
    let Block::Table { head, rows, .. } = table else { return false };
    let longest_word = |cell: &Vec<Inline>| {
        text::inlines(cell).split_whitespace().map(|word| word.chars().count()).max().unwrap_or_default()
    };
    let widths = (0..head.len()).map(|column| {
        std::iter::once(head).chain(rows).filter_map(|row| row.get(column)).map(longest_word).max().unwrap_or_default()
    });
    widths.sum::<usize>() + CELL_PADDING_CHARACTERS * head.len() > TABLE_CHARACTERS
}

/// The characters of one table cell's line, for `columns` columns in `width` characters.
fn cell_width(columns: usize, width: usize) -> usize {
    (width / columns.max(1)).saturating_sub(2).max(8)
}

/// The lines a table row takes, its cells `cell_width` characters wide: 9 pt text, with padding around the row.
fn row_lines(cells: &[Vec<Inline>], cell_width: usize) -> f32 {
    let tallest = cells.iter().map(|cell| wrapped(cell, cell_width)).fold(1.0, f32::max);
    0.85 * tallest + 0.3
}

/// The lines `inlines` take when wrapped at `width` characters, each line break (`<br>`) starting a line.
fn wrapped(inlines: &[Inline], width: usize) -> f32 {
    inlines
        .split(|inline| matches!(inline, Inline::Break { .. }))
        .map(|line| lines_of(text::inlines(line).chars().count(), width))
        .sum()
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

    const TEXT_ONLY: Layout<'static> = Layout { pictures: &BTreeMap::new() };

    fn step_keeps_together(markdown: &str) -> bool {
        let article = article(markdown);
        let step = &article.sections[0];
        TEXT_ONLY.keeps_together(&step.blocks, &step.sections.iter().collect::<Vec<_>>())
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
    fn an_embedded_picture_counts_at_its_printed_height() {
        let markdown = "## Step 1: Sign in\n\n1. Open the center.\n\n   ![The center](media/center.png)\n\n\
                        2. Select **Users**.\n\n   :::image source=\"media/users.png\" alt-text=\"Users\":::\n";
        assert!(step_keeps_together(markdown), "alt text takes a line each");
        let tall = Picture { uri: String::new(), lines: picture_lines(Some((1600, 900))) };
        let pictures: BTreeMap<String, Picture> =
            ["media/center.png", "media/users.png"].map(|source| (source.to_owned(), tall.clone())).into();
        let article = article(markdown);
        let step = &article.sections[0];
        assert!(!Layout { pictures: &pictures }.keeps_together(&step.blocks, &[]), "two screenshots: most of a page");
    }

    #[test]
    fn only_list_items_longer_than_half_a_page_may_split() {
        let script: String = (1..=40).map(|n| format!("   Set-Thing -Id {n}\n")).collect();
        let markdown = format!("# T\n\n1. Save the script:\n\n   ```powershell\n{script}   ```\n\n2. Run it.\n");
        let long = TEXT_ONLY.print_notes(&article(&markdown)).long_items;
        assert_eq!(long, [markdown.find("1. Save").unwrap()]);
    }

    #[test]
    fn a_table_with_a_row_longer_than_half_a_page_may_split_its_rows() {
        let roles: String = (1..=30).map(|n| format!("Role number {n}<br>")).collect();
        let markdown = format!("# T\n\n| Group | Roles |\n|---|---|\n| Admin | {roles} |\n| Reader | Role A |\n");
        assert_eq!(TEXT_ONLY.print_notes(&article(&markdown)).long_items, [markdown.find("| Group").unwrap()]);
        let short = markdown.replace(&roles, "Role A<br>Role B");
        assert_eq!(TEXT_ONLY.print_notes(&article(&short)).long_items, [] as [usize; 0]);
    }

    #[test]
    fn a_table_is_tight_when_its_longest_words_do_not_fit_side_by_side() {
        let table =
            |cells: [&str; 4]| format!("# T\n\n| A | B | C | D |\n|---|---|---|---|\n| {} |\n", cells.join(" | "));
        let ciphers = table([
            "TLS 1.2",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "AES_256_GCM_SHA384_WITH",
        ]);
        assert_eq!(TEXT_ONLY.print_notes(&article(&ciphers)).tight_tables, [ciphers.find("| A").unwrap()]);
        let words = table(["TLS 1.2", "A cipher suite of long words", "The key exchange", "Strength"]);
        assert_eq!(TEXT_ONLY.print_notes(&article(&words)).tight_tables, [] as [usize; 0]);
        let html = "# T\n\n<table><tr><th>A</th><th>B</th></tr>\n<tr><td>application/vnd.openxmlformats-officedocument.wordprocessingml.document.main</td>\
                    <td>application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main</td></tr></table>\n";
        assert_eq!(TEXT_ONLY.print_notes(&article(html)).tight_tables, [html.find("<table>").unwrap()]);
    }
}
