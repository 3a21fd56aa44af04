//! What makes two blocks, list items or sections alike, for alignment: their features (links, images, code, numbers,
//! length), their kinds, and the details two blocks of one kind share (an alert's type, a code block's language).

use crate::model::{Block, Inline, ListItem, Section};
use crate::parse::MonikerRange;
use crate::sync::align::Pairing;
use crate::sync::numbers::{self, Notation};
use crate::sync::suppress::is_comment;

use super::inline_leaves;

/// What makes two blocks alike: hashes of their link and image targets (the page name and fragment, which both forms
/// of a target share), inline code, numbers and code lines, sorted; and the length of their text. Cheap to build and
/// compare: alignment compares every block of a section with every other.
#[derive(Debug, Default)]
pub(super) struct Features {
    pub(super) tokens: Vec<u64>,
    pub(super) length: usize,
}

impl Features {
    /// The features of `blocks`, whose numbers are written in `notation`.
    pub(super) fn of_blocks<'a>(blocks: impl IntoIterator<Item = &'a Block>, notation: Notation) -> Self {
        let mut features = Self::default();
        let mut leaves = Vec::new();
        for block in blocks {
            inline_leaves(block, &mut leaves);
            if let Some(picture) = Picture::of(block).filter(|_| !matches!(block, Block::Paragraph { .. })) {
                // A paragraph's image is among its inlines already.
                features.tokens.push(page_token(picture.source));
            }
            if let Block::Code { code, .. } = block {
                features.length += code.len();
                // Code is not translated: its lines tell two code blocks of one length apart. Each line counts as
                // written, and again in any case and spacing, which a translation may change where the language
                // ignores them (PowerShell's `-identity`, `$p=Get-…`): a line alike both ways weighs more than one
                // alike only so, and the difference is compared once the blocks pair.
                for line in code.lines().map(str::trim).filter(|line| !line.is_empty()) {
                    features.tokens.push(hash(b'$', line.bytes()));
                    let loose = line.bytes().filter(|byte| !byte.is_ascii_whitespace()).map(|b| b.to_ascii_lowercase());
                    features.tokens.push(hash(b'~', loose));
                }
            }
        }
        for inlines in leaves {
            features.add_inlines(inlines, notation);
        }
        features.tokens.sort_unstable();
        features
    }

    /// The features of two runs of content read as one.
    pub(super) fn joined(first: &Features, second: &Features) -> Self {
        let mut tokens = [first.tokens.as_slice(), second.tokens.as_slice()].concat();
        tokens.sort_unstable();
        Self { tokens, length: first.length + second.length }
    }

    pub(super) fn of_section(section: &Section, notation: Notation) -> Self {
        Self::of_section_start(section, section.blocks.len(), notation)
    }

    /// The features of `section`'s heading and its first `blocks` blocks.
    pub(super) fn of_section_start(section: &Section, blocks: usize, notation: Notation) -> Self {
        let mut features = Self::of_blocks(&section.blocks[..blocks.min(section.blocks.len())], notation);
        features.add_inlines(&section.heading, notation);
        features.tokens.sort_unstable();
        features
    }

    pub(super) fn add_inlines(&mut self, inlines: &[Inline], notation: Notation) {
        for inline in inlines {
            match inline {
                Inline::Text { text, .. } => {
                    self.length += text.len();
                    let numbers = numbers::numbers(text, notation);
                    self.tokens.extend(numbers.iter().map(|number| hash(b'#', number.key.bytes())));
                }
                Inline::Link { target, children, .. } => {
                    self.tokens.push(page_token(target));
                    self.add_inlines(children, notation);
                }
                Inline::Emphasis { children, .. } => self.add_inlines(children, notation),
                Inline::Image { source, .. } => self.tokens.push(page_token(source)),
                Inline::Code { code, .. } => self.tokens.push(hash(b'`', code.trim().bytes())),
                _ => {}
            }
        }
    }

    /// How many tokens (links, images, numbers, code) the two have in common.
    pub(super) fn shared(&self, other: &Features) -> usize {
        let (mut i, mut j, mut shared) = (0, 0, 0usize);
        while i < self.tokens.len() && j < other.tokens.len() {
            match self.tokens[i].cmp(&other.tokens[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        shared
    }

    /// From 0 to 1: shared tokens (as a share of all tokens) and comparable lengths (French runs about 20% longer).
    pub(super) fn similarity(&self, other: &Features) -> f32 {
        let shared = self.shared(other);
        let total = self.tokens.len() + other.tokens.len();
        let overlap = if total == 0 { 0.5 } else { 2.0 * shared as f32 / total as f32 };
        let (a, b) = (self.length as f32 * 1.2, other.length as f32);
        let lengths = if a + b == 0.0 { 1.0 } else { a.min(b) / a.max(b) };
        0.6 * overlap + 0.4 * lengths
    }
}

/// The page name (last path segment, lower-cased, without `.md`) and fragment of a link target, hashed.
pub(super) fn page_token(target: &str) -> u64 {
    let (address, fragment) = target.trim().split_once('#').unwrap_or((target.trim(), ""));
    let address = address.split('?').next().unwrap_or_default().trim_end_matches('/');
    let page = address.rsplit(['/', '\\']).next().unwrap_or_default();
    let page = page
        .get(page.len().saturating_sub(3)..)
        .filter(|end| end.eq_ignore_ascii_case(".md"))
        .map_or(page, |_| &page[..page.len() - 3]);
    hash(b'>', page.bytes().chain([b'#']).chain(fragment.bytes()).map(|byte| byte.to_ascii_lowercase()))
}

/// Above this many items, lists one item apart are aligned the general way: [`one_item_apart`] is quadratic.
pub(super) const MAX_ITEMS_ONE_APART: usize = 100;

/// The alignment of two lists one item apart, when the longer one's extra item may be a neighbour split in two (or
/// the shorter one's item two merged into one): each item of the longer list is tried as the extra one, with the
/// item before it (or after it, for the first) weighed against its counterpart both alone and joined with the extra
/// one, whichever is likelier: the extra item may be new as well as split off. Besides
/// [`Features`], items weigh by their shape, the kinds of their blocks in order: an item of two paragraphs is alike
/// two items of one. A general alignment weighs items one by one, so a source item whose second paragraph became an
/// item of its own pairs by length with that paragraph, and the extra item it names is the one before. `None` unless
/// the lists are one item apart.
pub(super) fn one_item_apart(
    source: (&[ListItem], &[Features]),
    target: (&[ListItem], &[Features]),
) -> Option<Vec<Pairing>> {
    /// How much a shape alike adds to a similarity of 0 to 1.
    const SAME_SHAPE: f32 = 0.5;
    let target_longer = target.0.len() == source.0.len() + 1;
    if !target_longer && source.0.len() != target.0.len() + 1
        || source.0.len().max(target.0.len()) > MAX_ITEMS_ONE_APART
    {
        return None;
    }
    let (longer, shorter) = if target_longer { (target, source) } else { (source, target) };
    fn shapes(items: &[ListItem]) -> Vec<Vec<Kind<'_>>> {
        items.iter().map(|item| shape(&item.blocks)).collect()
    }
    let (long_shapes, short_shapes) = (shapes(longer.0), shapes(shorter.0));
    let similarity = |short: usize, long: std::ops::Range<usize>| {
        let joined;
        let features = if long.len() == 1 {
            &longer.1[long.start]
        } else {
            joined = Features::joined(&longer.1[long.start], &longer.1[long.start + 1]);
            &joined
        };
        let alike =
            if target_longer { shorter.1[short].similarity(features) } else { features.similarity(&shorter.1[short]) };
        let same_shape = short_shapes[short].iter().eq(long_shapes[long].iter().flatten());
        alike + if same_shape { SAME_SHAPE } else { 0.0 }
    };
    // Skipping item `extra` of the longer list: shorter item `index` pairs with longer item `partner(index)`.
    let partner = |extra: usize, index: usize| if index < extra { index } else { index + 1 };
    let score = |extra: usize| -> f32 {
        let neighbour = extra.saturating_sub(1);
        (0..shorter.0.len())
            .map(|index| {
                let long = partner(extra, index);
                let alone = similarity(index, long..long + 1);
                if index == neighbour {
                    let joined = if extra == 0 { 0..2 } else { extra - 1..extra + 1 };
                    alone.max(similarity(index, joined))
                } else {
                    alone
                }
            })
            .sum()
    };
    // The last best: an item split in two reads as its first part followed by an extra one.
    let extra =
        (0..longer.0.len()).map(|extra| (extra, score(extra))).fold(None, |best, (extra, value)| match best {
            Some((_, best_value)) if best_value > value => best,
            _ => Some((extra, value)),
        })?;
    let pairings = (0..longer.0.len()).map(|long| {
        if long == extra.0 {
            return if target_longer { Pairing::Target(long) } else { Pairing::Source(long) };
        }
        let short = if long < extra.0 { long } else { long - 1 };
        if target_longer { Pairing::Both(short, long) } else { Pairing::Both(long, short) }
    });
    Some(pairings.collect())
}

/// FNV-1a of `kind` then `bytes`.
pub(super) fn hash(kind: u8, bytes: impl Iterator<Item = u8>) -> u64 {
    std::iter::once(kind)
        .chain(bytes)
        .fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}

/// The blocks to align: all but comments.
pub(super) fn items(blocks: &[Block]) -> Vec<&Block> {
    blocks.iter().filter(|block| !is_comment(block)).collect()
}

/// The kinds of `blocks` in order, comments aside: the shape of a list item.
pub(super) fn shape(blocks: &[Block]) -> Vec<Kind<'_>> {
    blocks.iter().filter(|block| !is_comment(block)).map(kind).collect()
}

/// What kind of block, for pairing: blocks pair only with blocks of the same kind.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Kind<'a> {
    Paragraph,
    Heading,
    List,
    Alert,
    Div,
    Quote,
    Moniker,
    Extension(&'a str),
    Include,
    Code,
    Table,
    Html,
    Rule,
    Tabs,
    Tab,
}

pub(super) fn kind(block: &Block) -> Kind<'_> {
    match block {
        Block::Paragraph { .. } => Kind::Paragraph,
        Block::Heading { .. } => Kind::Heading,
        Block::List { .. } => Kind::List,
        Block::Alert { .. } => Kind::Alert,
        Block::Div { .. } => Kind::Div,
        Block::Quote { .. } => Kind::Quote,
        Block::Moniker { .. } => Kind::Moniker,
        Block::Extension { name, .. } => Kind::Extension(name),
        Block::Include { .. } => Kind::Include,
        Block::Code { .. } => Kind::Code,
        Block::Table { .. } => Kind::Table,
        Block::Html { .. } => Kind::Html,
        Block::Rule { .. } => Kind::Rule,
        Block::Tabs { .. } => Kind::Tabs,
        Block::Tab { .. } => Kind::Tab,
    }
}

/// A picture shown on its own line: a `:::image` extension, or a paragraph that holds one Markdown image and nothing
/// else. Learn shows both alike, so a translation may write one where its source writes the other.
pub(super) struct Picture<'a> {
    pub(super) source: &'a str,
    pub(super) alt: &'a str,
}

impl<'a> Picture<'a> {
    pub(super) fn of(block: &'a Block) -> Option<Self> {
        match block {
            Block::Extension { name, attributes, .. } if name == "image" => Some(Self {
                source: attribute(attributes, "source").unwrap_or_default(),
                alt: attribute(attributes, "alt-text").unwrap_or_default(),
            }),
            Block::Paragraph { inlines, .. } => {
                let mut shown = inlines.iter().filter(|inline| match inline {
                    Inline::Text { text, .. } => !text.trim().is_empty(),
                    Inline::Break { .. } => false,
                    _ => true,
                });
                match (shown.next(), shown.next()) {
                    (Some(Inline::Image { source, alt, .. }), None) => Some(Self { source, alt }),
                    _ => None,
                }
            }
            _ => None,
        }
    }
}

/// Whether two blocks may pair: blocks of one kind, or a picture written one way with a picture written the other.
pub(super) fn pairable(a: &Block, b: &Block) -> bool {
    kind(a) == kind(b) || Picture::of(a).is_some() && Picture::of(b).is_some()
}

/// Whether the details that their own rules compare agree (alert type, range, path, language…).
pub(super) fn same_details(a: &Block, b: &Block) -> bool {
    match (a, b) {
        (Block::Heading { level: a, .. }, Block::Heading { level: b, .. }) => a == b,
        (Block::List { ordered: a, .. }, Block::List { ordered: b, .. }) => a == b,
        (Block::Alert { alert: a, .. }, Block::Alert { alert: b, .. }) => a == b,
        (Block::Div { attributes: a, .. }, Block::Div { attributes: b, .. }) => same_words(a, b),
        (Block::Moniker { range: a, .. }, Block::Moniker { range: b, .. }) => normal_range(a) == normal_range(b),
        (Block::Include { path: a, .. }, Block::Include { path: b, .. }) => normal_path(a) == normal_path(b),
        (Block::Code { language: a, .. }, Block::Code { language: b, .. }) => same_language(a, b),
        (Block::Extension { attributes: a, .. }, Block::Extension { attributes: b, .. }) => {
            attribute(a, "source") == attribute(b, "source")
        }
        (Block::Tab { id: a, condition: ca, .. }, Block::Tab { id: b, condition: cb, .. }) => a == b && ca == cb,
        (Block::Tabs { tabs: a, .. }, Block::Tabs { tabs: b, .. }) => tab_ids(a).eq(tab_ids(b)),
        _ => true,
    }
}

/// The ids of a tab group's tabs, with their conditions (`dotnet/linux`), as `#tab/` links write them.
pub(super) fn tab_ids(tabs: &[Block]) -> impl Iterator<Item = String> + '_ {
    tabs.iter().filter_map(|tab| match tab {
        Block::Tab { id, condition: Some(condition), .. } => Some(format!("{id}/{condition}")),
        Block::Tab { id, condition: None, .. } => Some(id.to_string()),
        _ => None,
    })
}

pub(super) fn same_words(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

/// Whether two code blocks' language tags highlight alike: in any case, and with the tags of plain text (`text`,
/// `plaintext`, `txt`, `output`) as no tag, for Learn shows all of them as plain text. Not `console`, which
/// highlights a shell session's prompts.
pub(super) fn same_language(a: &Option<String>, b: &Option<String>) -> bool {
    fn highlighting(language: &Option<String>) -> &str {
        let language = language.as_deref().unwrap_or_default().trim();
        let plain = ["text", "plaintext", "txt", "output"].iter().any(|plain| plain.eq_ignore_ascii_case(language));
        if plain { "" } else { language }
    }
    highlighting(a).eq_ignore_ascii_case(highlighting(b))
}

/// Whether code tagged `language` reads names in any case: PowerShell, and the Windows command prompt.
pub(super) fn case_insensitive(language: &Option<String>) -> bool {
    const LANGUAGES: [&str; 10] = [
        "powershell",
        "ps",
        "ps1",
        "pwsh",
        "azurepowershell",
        "azurepowershell-interactive",
        "cmd",
        "bat",
        "batch",
        "dos",
    ];
    language
        .as_deref()
        .is_some_and(|language| LANGUAGES.iter().any(|known| known.eq_ignore_ascii_case(language.trim())))
}

/// A moniker range in normal form, or as written (trimmed, lower-cased) when it does not parse.
pub(in crate::sync) fn normal_range(range: &str) -> String {
    MonikerRange::parse(range).map_or_else(|_| range.trim().to_lowercase(), |parsed| parsed.normalized())
}

/// An include path as Learn resolves it: `\` as `/`, no leading `./`, any case.
pub(super) fn normal_path(path: &str) -> String {
    path.trim().replace('\\', "/").trim_start_matches("./").to_lowercase()
}

pub(super) use crate::model::attribute;

/// Blocks with their features, for alignment.
pub(super) fn weigh<'b>(blocks: impl Iterator<Item = &'b Block>, notation: Notation) -> Vec<(&'b Block, Features)> {
    blocks.map(|block| (block, Features::of_blocks([block], notation))).collect()
}

/// How alike two weighed blocks are, from 0 to 1: their features' similarity, with a quarter for the same alert
/// type, language, range…; `None` for blocks of different kinds.
pub(super) fn block_score((a, a_features): &(&Block, Features), (b, b_features): &(&Block, Features)) -> Option<f32> {
    pairable(a, b).then(|| {
        let details = if same_details(a, b) { 1.0 } else { 0.0 };
        0.75 * a_features.similarity(b_features) + 0.25 * details
    })
}

/// Below this [`block_score`] two blocks of one kind do not pair: an `[!IMPORTANT]` alert about one thing is not a `[!NOTE]` about another with its type changed, but one
/// alert missing and another extra.
pub(super) const MIN_BLOCK_SCORE: f32 = 0.4;

/// From this [`block_score`] (or from [`MIN_BLOCK_SCORE`] when they share a link, image, number or piece of code) two
/// blocks left alone are one block that the translation moved (a paragraph put before the note that follows it in
/// English, a note put in the next list item): they pair, and the move is not a finding.
pub(super) const MIN_MOVED_BLOCK_SCORE: f32 = 0.7;
