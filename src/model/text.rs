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

/// `inlines` without the first `skip` bytes of their visible text ([`inlines`]), and the white space after them: a
/// heading's title after its label. An inline the cut falls inside of keeps the part after it (a link's text, an
/// emphasis), or stays whole when it has no text to cut (an image).
pub fn inlines_after(inlines: &[Inline], skip: usize) -> Vec<Inline> {
    let mut skip = skip;
    let mut out = Vec::new();
    for inline in inlines {
        if skip == 0 {
            out.push(inline.clone());
            continue;
        }
        let length = visible_length(inline);
        if length <= skip {
            skip -= length;
            continue;
        }
        let mut cut = inline.clone();
        match &mut cut {
            // The span of text written as it reads (no entities) moves with its start; code and `:::no-loc` keep
            // theirs, which holds their markup.
            Inline::Text { text, span } => {
                if let Some(rest) = text.get(skip..) {
                    let rest = rest.trim_start();
                    let removed = &text[..text.len() - rest.len()];
                    if span.end - span.start == text.len() {
                        span.start += removed.len();
                        span.column += removed.chars().count() as u32;
                    }
                    *text = rest.to_owned();
                }
            }
            Inline::Code { code: text, .. } | Inline::NoLoc { text, .. } => {
                if let Some(rest) = text.get(skip..) {
                    *text = rest.trim_start().to_owned();
                }
            }
            Inline::Emphasis { children, .. } | Inline::Link { children, .. } => {
                *children = inlines_after(children, skip);
            }
            _ => {}
        }
        skip = 0;
        out.push(cut);
    }
    out
}

/// The length in bytes of the visible text of `inline`, as [`inlines`] gives it.
fn visible_length(inline: &Inline) -> usize {
    let mut text = String::new();
    push_inlines(std::slice::from_ref(inline), &mut text);
    text.len()
}

/// Gives the first letter of `inlines` a capital ([`capitalized`]), where it is in text, emphasis or a link's text.
pub fn capitalize(inlines: &mut [Inline]) {
    match inlines.first_mut() {
        Some(Inline::Text { text, .. }) => {
            if let Some(capital) = capitalized(text) {
                *text = capital;
            }
        }
        Some(Inline::Emphasis { children, .. } | Inline::Link { children, .. }) => capitalize(children),
        _ => {}
    }
}

/// `text` with a capital first letter, when it starts with a lowercase one.
pub fn capitalized(text: &str) -> Option<String> {
    let mut characters = text.chars();
    let first = characters.next().filter(|first| first.is_lowercase())?;
    Some(first.to_uppercase().chain(characters).collect())
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
