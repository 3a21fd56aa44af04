//! The article model: what checkdown knows about one Learn article once it is parsed.
//!
//! An [`Article`] is front matter, a locale, a title and a tree of [`Section`]s holding [`Block`]s and [`Inline`]s,
//! each with the [`Span`] it came from. The [`steps`] module derives the procedure view (steps, sub-steps,
//! prerequisites) from that tree. Nothing here does I/O; everything is serialisable, and the JSON form is the
//! documented contract of `checkdown parse` (see README.md).

pub mod front_matter;
pub mod steps;
pub mod text;

use serde::{Deserialize, Serialize};

pub use front_matter::FrontMatter;
pub use steps::{Procedure, Step, SubStep};

/// Where a node came from in its source file: a byte range and the 1-based line and column (in characters) of its
/// start and end. `end` is exclusive: for a node ending a line, `end_column` is one past its last character.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// 1-based line of `start`.
    pub line: u32,
    /// 1-based column of `start`, counted in characters.
    pub column: u32,
    /// 1-based line of `end`.
    pub end_line: u32,
    /// 1-based column of `end`, counted in characters.
    pub end_column: u32,
}

impl Span {
    /// Grows this span to end where `other` ends, when that is later.
    pub fn extend_to(&mut self, other: Span) {
        if other.end > self.end {
            self.end = other.end;
            self.end_line = other.end_line;
            self.end_column = other.end_column;
        }
    }
}

/// One parsed article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// BCP 47 locale of the content (`en-us`, `fr-fr`), lower-cased: from `ms.contentlocale`, else a locale folder in
    /// the path, else `None`.
    pub locale: Option<String>,
    /// The plain text of the first H1, else the front matter `title`, else empty.
    pub title: String,
    /// The YAML front matter.
    pub front_matter: FrontMatter,
    /// Blocks before the first heading (rare: Learn articles open with their H1).
    pub preamble: Vec<Block>,
    /// The top-level sections, each holding its subsections.
    pub sections: Vec<Section>,
    /// Where the Markdown body starts (after the front matter).
    pub body_span: Span,
}

/// A heading and everything under it up to the next heading of the same or a higher level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// 1 for `#`, 2 for `##`, …
    pub level: u8,
    /// The heading id: the `<a name>`/`<a id>` anchor when the heading starts with one, else the GitHub-style auto id,
    /// made unique within the article with `-1`, `-2`… as Learn does.
    pub id: String,
    /// True when `id` came from an explicit anchor.
    pub explicit_id: bool,
    /// The heading's plain text (anchors removed).
    pub title: String,
    /// The moniker range of the zone the heading sits in, if any: the whole section applies to it only.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub moniker: Option<String>,
    /// The pivot of the `::: zone pivot="…"` the heading sits in, if any (its value as written: one pivot id or
    /// several, comma-separated): the whole section applies to it only.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub pivot: Option<String>,
    /// The heading's inlines (anchors removed).
    pub heading: Vec<Inline>,
    /// The span of the heading line.
    pub heading_span: Span,
    /// The blocks between this heading and the next heading.
    pub blocks: Vec<Block>,
    /// Subsections (headings of a deeper level).
    pub sections: Vec<Section>,
    /// From the heading to the end of the last block of the section, subsections included.
    pub span: Span,
}

/// The alert types of Learn Markdown (`> [!NOTE]` …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum AlertKind {
    /// `[!NOTE]`
    Note,
    /// `[!TIP]`
    Tip,
    /// `[!IMPORTANT]`
    Important,
    /// `[!CAUTION]`
    Caution,
    /// `[!WARNING]`
    Warning,
}

impl AlertKind {
    /// The upper-case name as written in Markdown (`NOTE`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Note => "NOTE",
            Self::Tip => "TIP",
            Self::Important => "IMPORTANT",
            Self::Caution => "CAUTION",
            Self::Warning => "WARNING",
        }
    }
}

/// A block-level node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    /// A paragraph of inlines.
    Paragraph {
        /// The content.
        inlines: Vec<Inline>,
        /// Source span.
        span: Span,
    },
    /// A heading inside a container (a list item or a blockquote); top-level headings make sections instead.
    Heading {
        /// 1 to 6.
        level: u8,
        /// The content.
        inlines: Vec<Inline>,
        /// Source span.
        span: Span,
    },
    /// An ordered or bullet list.
    List {
        /// True for `1.` lists.
        ordered: bool,
        /// The first number of an ordered list.
        #[serde(skip_serializing_if = "Option::is_none")]
        start: Option<u64>,
        /// How an ordered list's numbers are written: decimal, as Markdown's always are, unless an HTML `<ol type>`
        /// says otherwise.
        #[serde(default, skip_serializing_if = "Numbering::is_decimal")]
        numbering: Numbering,
        /// The items.
        items: Vec<ListItem>,
        /// Source span.
        span: Span,
    },
    /// `> [!NOTE]` and its siblings.
    Alert {
        /// Which alert.
        alert: AlertKind,
        /// The alert's content.
        blocks: Vec<Block>,
        /// Source span.
        span: Span,
    },
    /// `> [!div class="checklist"]` and other div sections.
    Div {
        /// The attribute text after `!div` (`class="checklist"`).
        attributes: String,
        /// The content.
        blocks: Vec<Block>,
        /// Source span.
        span: Span,
    },
    /// A plain blockquote.
    Quote {
        /// The content.
        blocks: Vec<Block>,
        /// Source span.
        span: Span,
    },
    /// A `::: moniker range="…"` … `::: moniker-end` zone.
    Moniker {
        /// The range exactly as written between the quotes.
        range: String,
        /// The content of the zone.
        blocks: Vec<Block>,
        /// False when no `::: moniker-end` closed the zone (it then runs to the end of the file).
        closed: bool,
        /// Source span, fences included.
        span: Span,
    },
    /// A triple-colon extension: `:::image …:::`, `:::code …:::`, `::: zone pivot="…"`, `:::row:::`, `:::video:::`…
    Extension {
        /// The extension name (`image`, `code`, `zone`, …), lower-cased.
        name: String,
        /// The attributes in source order.
        attributes: Vec<Attribute>,
        /// The content of a container form (`::: zone` … `::: zone-end`, `:::image type="complex"` …); for
        /// `:::code`, the code block of the lines it shows, when its file was read below the docs root; else empty.
        #[serde(default)]
        blocks: Vec<Block>,
        /// Source span.
        span: Span,
    },
    /// `[!INCLUDE [title](path)]` on a line of its own.
    Include {
        /// The link text.
        title: String,
        /// The path as written.
        path: String,
        /// The included file, relative to the docs root, when it was found; the spans of `resolved` point into it.
        #[serde(skip_serializing_if = "Option::is_none")]
        file: Option<String>,
        /// The included file's blocks when it was found (relative to the article, inside the docs root).
        #[serde(skip_serializing_if = "Option::is_none")]
        resolved: Option<Vec<Block>>,
        /// Source span.
        span: Span,
    },
    /// A fenced or indented code block.
    Code {
        /// The info string's first word (`powershell`), if any.
        #[serde(skip_serializing_if = "Option::is_none")]
        language: Option<String>,
        /// The code, exactly as written.
        code: String,
        /// Source span.
        span: Span,
    },
    /// A pipe table.
    Table {
        /// The header row's cells.
        head: Vec<Vec<Inline>>,
        /// The body rows' cells.
        rows: Vec<Vec<Vec<Inline>>>,
        /// Source span.
        span: Span,
    },
    /// A block of raw HTML, kept as text: it is never rendered as HTML.
    Html {
        /// The HTML source.
        html: String,
        /// Source span.
        span: Span,
    },
    /// `---` / `***`.
    Rule {
        /// Source span.
        span: Span,
    },
    /// Tabbed content: alternative ways to do the same thing (the admin center, PowerShell), of which the reader
    /// follows one. Each tab opens with a heading that is only a link to `#tab/<id>` (`# [PowerShell](#tab/ps)`), at
    /// any level; the group ends at a `---` line, which it takes, or with its container.
    Tabs {
        /// The tabs, in order: each a [`Block::Tab`].
        tabs: Vec<Block>,
        /// Source span, from the first tab's heading to the closing `---` (or the last tab's last block).
        span: Span,
    },
    /// One tab of a [`Block::Tabs`] group, and nowhere else.
    Tab {
        /// The tab id of `#tab/<id>` (`admin-center`; several joined by `+`), the same in every language.
        id: Box<str>,
        /// The tab id of another group after `#tab/<id>/`, when the tab is shown only with that one selected.
        // Boxed, as `id`, `title` and `heading` are: every block is as large as the largest kind.
        #[serde(skip_serializing_if = "Option::is_none")]
        condition: Option<Box<str>>,
        /// The tab's name as plain text: its heading's link text.
        title: Box<str>,
        /// The tab's name: its heading's link text.
        heading: Box<[Inline]>,
        /// The tab's content, up to the next tab's heading or the group's end.
        blocks: Vec<Block>,
        /// Source span, from its heading to its last block.
        span: Span,
    },
}

/// The text of a file included in a sentence ([`Inline::Include`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IncludedText {
    /// The file, relative to the docs root; the spans of `inlines` point into it.
    pub file: String,
    /// Its paragraphs' inlines, one after the other (relative links rebased on the article).
    pub inlines: Vec<Inline>,
}

/// One `name="value"` attribute of a triple-colon extension.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribute {
    /// The attribute name (`source`, `alt-text`, …).
    pub name: String,
    /// The value, unescaped.
    pub value: String,
}

/// The value of the attribute `name` among `attributes`, if it is there.
pub fn attribute<'a>(attributes: &'a [Attribute], name: &str) -> Option<&'a str> {
    attributes.iter().find(|attribute| attribute.name == name).map(|attribute| attribute.value.as_str())
}

/// One item of a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListItem {
    /// `Some(true)` for `- [x]`, `Some(false)` for `- [ ]`, `None` for a plain item.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub task: Option<bool>,
    /// The item's content.
    pub blocks: Vec<Block>,
    /// Source span.
    pub span: Span,
}

/// How the numbers of an ordered list are written: HTML's `<ol type>`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Numbering {
    /// 1, 2, 3 (`type="1"`).
    #[default]
    Decimal,
    /// a, b, c … z, aa (`type="a"`).
    LowerAlpha,
    /// A, B, C (`type="A"`).
    UpperAlpha,
    /// i, ii, iii (`type="i"`).
    LowerRoman,
    /// I, II, III (`type="I"`).
    UpperRoman,
}

impl Numbering {
    /// The numbering an HTML `type` attribute names; `None` for a value HTML does not define.
    pub fn from_html_type(value: &str) -> Option<Self> {
        match value.trim() {
            "1" => Some(Self::Decimal),
            "a" => Some(Self::LowerAlpha),
            "A" => Some(Self::UpperAlpha),
            "i" => Some(Self::LowerRoman),
            "I" => Some(Self::UpperRoman),
            _ => None,
        }
    }

    /// True for 1, 2, 3.
    pub fn is_decimal(&self) -> bool {
        *self == Self::Decimal
    }

    /// `number` written this way. As in browsers, a number no letter or Roman numeral writes (0, or 4000 and up for
    /// Roman numerals) is written in decimal.
    pub fn write(self, number: u64) -> String {
        match self {
            Self::Decimal => number.to_string(),
            Self::LowerAlpha | Self::UpperAlpha if number > 0 => {
                let mut letters = Vec::new();
                let mut rest = number;
                while rest > 0 {
                    rest -= 1;
                    letters.push(b'a' + (rest % 26) as u8);
                    rest /= 26;
                }
                let lower: String = letters.iter().rev().map(|&letter| letter as char).collect();
                if self == Self::UpperAlpha { lower.to_ascii_uppercase() } else { lower }
            }
            Self::LowerRoman | Self::UpperRoman if (1..4000).contains(&number) => {
                const NUMERALS: [(u64, &str); 13] = [
                    (1000, "m"),
                    (900, "cm"),
                    (500, "d"),
                    (400, "cd"),
                    (100, "c"),
                    (90, "xc"),
                    (50, "l"),
                    (40, "xl"),
                    (10, "x"),
                    (9, "ix"),
                    (5, "v"),
                    (4, "iv"),
                    (1, "i"),
                ];
                let mut rest = number;
                let mut lower = String::new();
                for (value, numeral) in NUMERALS {
                    while rest >= value {
                        lower.push_str(numeral);
                        rest -= value;
                    }
                }
                if self == Self::UpperRoman { lower.to_ascii_uppercase() } else { lower }
            }
            _ => number.to_string(),
        }
    }
}

/// The kind of emphasis of an [`Inline::Emphasis`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmphasisKind {
    /// `*x*`
    Emphasis,
    /// `**x**`
    Strong,
    /// `~~x~~`
    Strikethrough,
}

/// An inline node.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Inline {
    /// Plain text.
    Text {
        /// The text, entities decoded.
        text: String,
        /// Source span.
        span: Span,
    },
    /// `*x*`, `**x**`, `~~x~~`.
    Emphasis {
        /// Which emphasis.
        style: EmphasisKind,
        /// The content.
        children: Vec<Inline>,
        /// Source span.
        span: Span,
    },
    /// `` `x` ``
    Code {
        /// The code.
        code: String,
        /// Source span.
        span: Span,
    },
    /// A Markdown link, an autolink, or an HTML `<a href>`.
    Link {
        /// The destination as written.
        target: String,
        /// The title attribute, if any.
        #[serde(skip_serializing_if = "String::is_empty", default)]
        title: String,
        /// The link text.
        children: Vec<Inline>,
        /// True when written as HTML (`<a href="…">`).
        #[serde(skip_serializing_if = "std::ops::Not::not", default)]
        html: bool,
        /// Source span.
        span: Span,
    },
    /// `![alt](src)`
    Image {
        /// The source as written.
        source: String,
        /// The alternative text.
        alt: String,
        /// The title, if any.
        #[serde(skip_serializing_if = "String::is_empty", default)]
        title: String,
        /// Source span.
        span: Span,
    },
    /// A hard line break (two spaces, a backslash, or `<br>`); soft breaks become a space in text.
    Break {
        /// Source span.
        span: Span,
    },
    /// An anchor target in running text: `<a name="x"></a>`.
    Anchor {
        /// The anchor name.
        name: String,
        /// Source span.
        span: Span,
    },
    /// `:::no-loc text="…":::` — a string that must not be translated.
    NoLoc {
        /// The string.
        text: String,
        /// Source span.
        span: Span,
    },
    /// `[!INCLUDE [title](path)]` inside running text.
    Include {
        /// The link text.
        title: String,
        /// The path as written.
        path: String,
        /// The included file's text, when it was found: Learn shows it in the sentence, in place of the include.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        resolved: Option<Box<IncludedText>>,
        /// Source span.
        span: Span,
    },
    /// Other inline HTML, kept as inert text.
    Html {
        /// The HTML source.
        html: String,
        /// Source span.
        span: Span,
    },
}

// Every block is as large as its largest kind, and a parse moves every block: a larger kind costs all of them.
const _: () = assert!(std::mem::size_of::<Block>() <= 128);

impl Block {
    /// The block's source span.
    pub fn span(&self) -> Span {
        match self {
            Self::Paragraph { span, .. }
            | Self::Heading { span, .. }
            | Self::List { span, .. }
            | Self::Alert { span, .. }
            | Self::Div { span, .. }
            | Self::Quote { span, .. }
            | Self::Moniker { span, .. }
            | Self::Extension { span, .. }
            | Self::Include { span, .. }
            | Self::Code { span, .. }
            | Self::Table { span, .. }
            | Self::Html { span, .. }
            | Self::Rule { span }
            | Self::Tabs { span, .. }
            | Self::Tab { span, .. } => *span,
        }
    }

    /// The blocks this block contains directly (list items' blocks are reached through [`Block::List`]; a tab group's
    /// are its tabs).
    pub fn children(&self) -> &[Block] {
        match self {
            Self::Alert { blocks, .. }
            | Self::Div { blocks, .. }
            | Self::Quote { blocks, .. }
            | Self::Moniker { blocks, .. }
            | Self::Extension { blocks, .. }
            | Self::Tab { blocks, .. }
            | Self::Tabs { tabs: blocks, .. } => blocks,
            Self::Include { resolved: Some(blocks), .. } => blocks,
            _ => &[],
        }
    }
}

impl Block {
    /// The blocks of a container that holds one variant of the article's content: a moniker zone (another cloud), a
    /// `::: zone` (a pivot the reader picks), a tab group or one of its tabs (another way). Steps and sub-steps are
    /// looked for through them as through the article itself.
    pub fn variant_blocks(&self) -> Option<&[Block]> {
        match self {
            Self::Moniker { blocks, .. } | Self::Tabs { tabs: blocks, .. } | Self::Tab { blocks, .. } => Some(blocks),
            Self::Extension { name, blocks, .. } if name == "zone" => Some(blocks),
            _ => None,
        }
    }
}

impl Block {
    /// The blocks this block contains directly, to change them: those of [`Block::children`], but for an include's
    /// (its file's, not the article's) and list items' (reached through [`Block::List`]).
    pub fn children_mut(&mut self) -> Option<&mut Vec<Block>> {
        match self {
            Self::Alert { blocks, .. }
            | Self::Div { blocks, .. }
            | Self::Quote { blocks, .. }
            | Self::Moniker { blocks, .. }
            | Self::Extension { blocks, .. }
            | Self::Tab { blocks, .. }
            | Self::Tabs { tabs: blocks, .. } => Some(blocks),
            _ => None,
        }
    }
}

/// What [`walk_content`] meets: a run of inlines (a paragraph, a heading, a table cell, a tab's name), or an extension
/// block.
#[derive(Debug, Clone, Copy)]
pub enum Content<'a> {
    /// A run of inlines; links and emphasis hold more inside.
    Inlines(&'a [Inline]),
    /// A `:::name` block; its own blocks are walked after it.
    Extension {
        /// The extension name.
        name: &'a str,
        /// Its attributes.
        attributes: &'a [Attribute],
        /// Its span.
        span: Span,
    },
    /// A block of raw HTML, which may hold what a reader sees (a table, its links).
    Html {
        /// The HTML source.
        html: &'a str,
        /// Its span.
        span: Span,
    },
}

/// Calls `visit` with each run of inlines, each extension block and each raw HTML block of `blocks`, in reading
/// order, and the included file it is written in (relative to the docs root), `None` for the article itself: the
/// spans of an include's blocks point into that file.
pub fn walk_content<'a>(
    blocks: impl IntoIterator<Item = &'a Block>,
    include: Option<&'a str>,
    visit: &mut impl FnMut(Option<&'a str>, Content<'a>),
) {
    for block in blocks {
        match block {
            Block::Paragraph { inlines, .. } | Block::Heading { inlines, .. } => {
                visit(include, Content::Inlines(inlines))
            }
            Block::List { items, .. } => {
                for item in items {
                    walk_content(&item.blocks, include, visit);
                }
            }
            Block::Table { head, rows, .. } => {
                for cell in head.iter().chain(rows.iter().flatten()) {
                    visit(include, Content::Inlines(cell));
                }
            }
            Block::Extension { name, attributes, blocks, span } => {
                visit(include, Content::Extension { name, attributes, span: *span });
                walk_content(blocks, include, visit);
            }
            Block::Include { file: Some(file), resolved: Some(blocks), .. } => walk_content(blocks, Some(file), visit),
            Block::Tab { heading, blocks, .. } => {
                visit(include, Content::Inlines(heading));
                walk_content(blocks, include, visit);
            }
            Block::Html { html, span } => visit(include, Content::Html { html, span: *span }),
            other => walk_content(other.children(), include, visit),
        }
    }
}

impl Inline {
    /// The inline's source span.
    pub fn span(&self) -> Span {
        match self {
            Self::Text { span, .. }
            | Self::Emphasis { span, .. }
            | Self::Code { span, .. }
            | Self::Link { span, .. }
            | Self::Image { span, .. }
            | Self::Break { span }
            | Self::Anchor { span, .. }
            | Self::NoLoc { span, .. }
            | Self::Include { span, .. }
            | Self::Html { span, .. } => *span,
        }
    }
}

impl Article {
    /// Every section of the article, depth first, in document order.
    pub fn all_sections(&self) -> Vec<&Section> {
        fn walk<'a>(sections: &'a [Section], out: &mut Vec<&'a Section>) {
            for section in sections {
                out.push(section);
                walk(&section.sections, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.sections, &mut out);
        out
    }

    /// Calls `visit` on every inline of the article, in its headings, blocks and included files, nested ones
    /// included.
    pub fn for_each_inline(&self, visit: &mut dyn FnMut(&Inline)) {
        fn inlines(list: &[Inline], visit: &mut dyn FnMut(&Inline)) {
            for inline in list {
                visit(inline);
                if let Inline::Emphasis { children, .. } | Inline::Link { children, .. } = inline {
                    inlines(children, visit);
                }
            }
        }
        let sections = self.all_sections();
        for section in &sections {
            inlines(&section.heading, visit);
        }
        let blocks = self.preamble.iter().chain(sections.iter().flat_map(|section| &section.blocks));
        walk_content(blocks, None, &mut |_, content| {
            if let Content::Inlines(list) = content {
                inlines(list, visit);
            }
        });
    }

    /// The ids a `#fragment` may name, lower-cased: the headings' and the `<a name>` anchors', each with where it is
    /// (the first, for an id given twice).
    pub fn ids(&self) -> std::collections::HashMap<String, Span> {
        let mut ids = std::collections::HashMap::new();
        for section in self.all_sections() {
            ids.entry(section.id.to_lowercase()).or_insert(section.heading_span);
        }
        self.for_each_inline(&mut |inline| {
            if let Inline::Anchor { name, span } = inline {
                ids.entry(name.to_lowercase()).or_insert(*span);
            }
        });
        ids
    }

    /// The procedure view of the article: its steps, prerequisites, intro and outro.
    pub fn procedure(&self) -> Procedure<'_> {
        steps::procedure(self)
    }
}

#[cfg(test)]
mod tests {
    use super::Numbering;

    /// Numbers written as browsers write an `<ol type>` list's, falling back to decimal where the type has no numeral.
    #[test]
    fn numbering_writes_letters_and_roman_numerals() {
        let written = |numbering: Numbering, numbers: &[u64]| -> Vec<String> {
            numbers.iter().map(|&number| numbering.write(number)).collect()
        };
        assert_eq!(
            written(Numbering::LowerAlpha, &[1, 2, 26, 27, 52, 703, 0]),
            ["a", "b", "z", "aa", "az", "aaa", "0"]
        );
        assert_eq!(written(Numbering::UpperAlpha, &[3, 28]), ["C", "AB"]);
        assert_eq!(
            written(Numbering::LowerRoman, &[1, 4, 9, 14, 40, 1994, 3999]),
            ["i", "iv", "ix", "xiv", "xl", "mcmxciv", "mmmcmxcix"]
        );
        assert_eq!(written(Numbering::UpperRoman, &[12, 4000, 0]), ["XII", "4000", "0"]);
        assert_eq!(written(Numbering::Decimal, &[7]), ["7"]);
        assert_eq!(Numbering::from_html_type(" a "), Some(Numbering::LowerAlpha));
        assert_eq!(Numbering::from_html_type("disc"), None);
    }
}
