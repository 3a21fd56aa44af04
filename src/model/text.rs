//! Plain text of model nodes: what a reader sees, without markup.

use super::{Block, Inline};

/// The visible text of inlines: link text, emphasis content, code; images by their alt text.
pub fn inlines(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_inlines(inlines, &mut out);
    out
}

/// The visible text of blocks, one line per paragraph-like block.
pub fn blocks(blocks: &[Block]) -> String {
    let mut out = String::new();
    push_blocks(blocks, &mut out);
    out.truncate(out.trim_end().len());
    out
}

fn push_inlines(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text { text, .. } => out.push_str(text),
            Inline::Code { code: text, .. } | Inline::NoLoc { text, .. } => out.push_str(text),
            Inline::Emphasis { children, .. } | Inline::Link { children, .. } => push_inlines(children, out),
            Inline::Image { alt, .. } => out.push_str(alt),
            Inline::Break { .. } => out.push(' '),
            Inline::Include { resolved: Some(included), .. } => push_inlines(&included.inlines, out),
            Inline::Include { title, .. } => out.push_str(title),
            Inline::Anchor { .. } | Inline::Html { .. } => {}
        }
    }
}

fn push_blocks(blocks: &[Block], out: &mut String) {
    for block in blocks {
        match block {
            Block::Paragraph { inlines, .. } | Block::Heading { inlines, .. } => {
                push_inlines(inlines, out);
                out.push('\n');
            }
            Block::List { items, .. } => {
                for item in items {
                    push_blocks(&item.blocks, out);
                }
            }
            Block::Code { code, .. } => {
                out.push_str(code);
                out.push('\n');
            }
            Block::Table { head, rows, .. } => {
                for row in std::iter::once(head).chain(rows) {
                    let cells: Vec<String> = row.iter().map(|cell| self::inlines(cell)).collect();
                    out.push_str(&cells.join(" | "));
                    out.push('\n');
                }
            }
            Block::Include { title, resolved: None, .. } => {
                out.push_str(title);
                out.push('\n');
            }
            Block::Tab { heading, blocks, .. } => {
                push_inlines(heading, out);
                out.push('\n');
                push_blocks(blocks, out);
            }
            Block::Html { .. } | Block::Rule { .. } => {}
            other => push_blocks(other.children(), out),
        }
    }
}
