//! The one place that fixes checkdown's Markdown dialect: CommonMark plus what Learn uses from GitHub's flavour.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser};

/// The pulldown-cmark events of `text` with their byte ranges. Adjacent text events are not merged here: the block
/// builder merges them into one text node as it goes, which saves allocating the merged strings twice.
///
/// On: tables, task lists, strikethrough, and GitHub alerts (`> [!NOTE]` … `> [!CAUTION]`, which are exactly Learn's
/// alert set). Off, on purpose: heading attributes (`## Replace the {tenant}` would lose `{tenant}`), smart punctuation
/// (it rewrites quotes the EN/FR comparison and French typography need), and YAML metadata blocks (front matter is
/// split off before this runs, so a later `---` pair can never swallow prose).
pub fn cmark(text: &str) -> impl Iterator<Item = (Event<'_>, Range<usize>)> {
    Parser::new_ext(text, options()).into_offset_iter()
}

/// The pulldown-cmark extensions [`cmark`] turns on; benchmarks measure pulldown-cmark alone with the same.
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_GFM
}
