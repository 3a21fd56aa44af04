//! Is a translated text still in English? The `untranslated` rule's judgement, for paragraphs and headings, table
//! cells, image alt texts and the front matter's `title` and `description` alike ([`TextCheck`]).
//!
//! A text's *prose words* are its text without inline code, `no-loc` strings (inline, and the terms of the front
//! matters' `no-loc` lists), URLs, e-mail addresses, paths and identifiers (`Keywords_spain_eu`), and without the names
//! it shares with its source counterpart (words with a capital or a digit that the source text has too: `Azure`,
//! `PowerShell`, `eDiscovery`). A block with at least
//! [`MIN_WORDS`] prose words, one of them at least an English function word, is untranslated when it is identical to a
//! source block, or when French function words do not outnumber English ones and lingua, restricted to English and
//! French, gives English a confidence of at least [`MIN_ENGLISH_CONFIDENCE`]. A text identical to its own counterpart
//! (a heading copied from its English heading) keeps its names among its words, as long as
//! [`MIN_PLAIN_WORDS_OF_A_COPY`] of them have no capital or digit, which a product name lacks.
//!
//! Names that stay in English by design are no evidence either: the titles of pages only in English that a link keeps
//! ([`english_only_titles`]), and short labels side by side, identical to the source (a list of group names, a column
//! of operation names: [`are_names`]).
//!
//! The thresholds were calibrated on the 603 pairs of the shared corpus: French prose always has French function
//! words, so it never reaches lingua (which also keeps the rule fast: about one block in two hundred is asked), while
//! lists of foreign keywords and names, identical in both languages, have no English function word and are left
//! alone.

use std::collections::HashSet;
use std::ops::ControlFlow;
use std::sync::OnceLock;

use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};

use super::{Languages, ascii};
use crate::model::{FrontMatter, Inline};

/// Fewer prose words than this is a name, a label or a UI string: never judged.
pub const MIN_WORDS: usize = 4;
/// A text identical to its counterpart needs this many words without a capital or a digit to be prose, not a name.
pub const MIN_PLAIN_WORDS_OF_A_COPY: usize = 2;
/// The most words a name has ([`are_names`]): a longer text is prose.
pub const MAX_NAME_WORDS: usize = 5;
/// lingua's confidence in English from which a block is untranslated (the seeds' French blocks stay below 0.21, their
/// untranslated line scores 0.87).
pub const MIN_ENGLISH_CONFIDENCE: f64 = 0.5;

/// Which language a function word belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FunctionWord {
    /// An English word that French text does not use (`the`, `to`, `of`…).
    English,
    /// A French word that English text does not use (`le`, `des`, `vous`…).
    French,
}

/// English words that French text does not use. No single letter: `I` and `a` are words of other languages too (the
/// Polish `i`, "and", in `Nazwa i numer dowodu osobistego`).
const ENGLISH_FUNCTION_WORDS: [&str; 36] = [
    "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "for", "from", "how", "if", "in", "is", "it",
    "my", "not", "of", "or", "that", "the", "there", "these", "this", "to", "was", "we", "what", "when", "which",
    "will", "with", "you", "your",
];
/// French words that English text does not use.
const FRENCH_FUNCTION_WORDS: [&str; 51] = [
    "afin", "au", "aux", "avec", "ce", "ces", "cette", "comme", "dans", "de", "des", "du", "elle", "en", "est", "et",
    "il", "la", "le", "les", "leur", "leurs", "lorsque", "mais", "ne", "nous", "ou", "où", "par", "pas", "peut",
    "plus", "pour", "pouvez", "que", "qui", "sa", "se", "ses", "si", "son", "sont", "sur", "un", "une", "vos", "votre",
    "vous", "y", "à", "être",
];
/// [`ENGLISH_FUNCTION_WORDS`] packed, for lookups.
const ENGLISH_PACKED: [u64; 36] = packed_all(ENGLISH_FUNCTION_WORDS);
/// [`FRENCH_FUNCTION_WORDS`] packed, for lookups.
const FRENCH_PACKED: [u64; 51] = packed_all(FRENCH_FUNCTION_WORDS);

/// Whether `word`, capitalised or not, is an English or a French function word. A word in capitals (`AND`, `OR`,
/// `IT`) is not one: it is a search operator or an acronym (`À` is a single letter, so still a word).
fn function_word(word: &str) -> Option<FunctionWord> {
    if word.len() > 1 && word.bytes().all(|byte| byte.is_ascii_uppercase()) {
        return None;
    }
    let word = packed(word.as_bytes())?;
    if is_one_of(&ENGLISH_PACKED, word) {
        Some(FunctionWord::English)
    } else if is_one_of(&FRENCH_PACKED, word) {
        Some(FunctionWord::French)
    } else {
        None
    }
}

/// Whether `word` is in `words`, which are sorted (a unit test checks).
fn is_one_of(words: &[u64], word: u64) -> bool {
    words.binary_search(&word).is_ok()
}

/// A word of one to eight bytes with its ASCII letters lower-cased, packed big-endian into an integer: every word is
/// looked up, and integer comparisons are what makes that cheap. `None` for a word that cannot be a function word
/// (longer, empty or with a NUL byte). Non-ASCII capitals (`À`) stay as they are: no function word has one.
const fn packed(word: &[u8]) -> Option<u64> {
    if word.is_empty() || word.len() > 8 {
        return None;
    }
    let mut bytes = [0u8; 8];
    let mut at = 0;
    while at < word.len() {
        if word[at] == 0 {
            return None;
        }
        bytes[at] = word[at].to_ascii_lowercase();
        at += 1;
    }
    Some(u64::from_be_bytes(bytes))
}

/// `words` packed, in the same order: big-endian packing keeps the order of the bytes.
const fn packed_all<const N: usize>(words: [&str; N]) -> [u64; N] {
    let mut out = [0; N];
    let mut at = 0;
    while at < N {
        out[at] = match packed(words[at].as_bytes()) {
            Some(word) => word,
            None => panic!("a function word has one to eight bytes"),
        };
        at += 1;
    }
    out
}

/// A cheap first look: whether the text of `inlines` has an English function word at all. Blocks without one are
/// never untranslated, and most translated blocks have none.
pub fn may_be_english(inlines: &[Inline]) -> bool {
    inlines.iter().any(|inline| match inline {
        Inline::Text { text, .. } => has_english_function_word(text),
        Inline::Emphasis { children, .. } | Inline::Link { children, .. } => may_be_english(children),
        _ => false,
    })
}

/// Whether `text` has an English function word. English function words are ASCII: runs of ASCII letters are enough
/// (a run cut by an accented letter can only make this first look say yes too often). Every translated text goes
/// through here, so the runs are found 64 bytes at a time from a mask of the letters, and each is looked up in a hash
/// table without a branch on the word.
pub fn has_english_function_word(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Where the run of letters that reached the end of the previous block started.
    let mut open_run = None;
    for (block, chunk) in bytes.chunks(64).enumerate() {
        let base = block * 64;
        let mut mask = ascii::letters(chunk);
        if let Some(start) = open_run {
            let more = mask.trailing_ones() as usize;
            if more == 64 {
                continue;
            }
            if is_english_function_word(bytes, start, base + more - start) {
                return true;
            }
            open_run = None;
            mask &= u64::MAX << more;
        }
        while mask != 0 {
            let start = mask.trailing_zeros() as usize;
            let len = (mask >> start).trailing_ones() as usize;
            if start + len == 64 {
                open_run = Some(base + start);
                break;
            }
            if is_english_function_word(bytes, base + start, len) {
                return true;
            }
            mask &= u64::MAX << (start + len);
        }
    }
    open_run.is_some_and(|start| is_english_function_word(bytes, start, bytes.len() - start))
}

/// Whether the run of `len` ASCII letters at `start` in `bytes` is an English function word: its first eight letters,
/// packed and lower-cased as [`packed`] does, are looked up in [`ENGLISH_TABLE`]. A longer word cannot match, since
/// every function word is shorter than eight letters and its packed form ends in zeros.
fn is_english_function_word(bytes: &[u8], start: usize, len: usize) -> bool {
    let word = match bytes.get(start..start + 8) {
        Some(eight) => u64::from_be_bytes(eight.try_into().unwrap_or_default()),
        None => {
            let mut eight = [0; 8];
            let rest = &bytes[start..];
            eight[..rest.len()].copy_from_slice(rest);
            u64::from_be_bytes(eight)
        }
    };
    let kept = u64::MAX << (8 * (8 - len.min(8)));
    // Setting bit 5 lower-cases an ASCII letter.
    let key = (word | 0x2020_2020_2020_2020) & kept;
    let (table, multiplier) = &ENGLISH_TABLE;
    table[slot(key, *multiplier)] == key
}

/// [`ENGLISH_PACKED`] as an open hash table of 256 slots without collisions (an empty slot holds 0, which no word
/// packs to), and the multiplier whose hash [`slot`] gives each word its own slot, found when compiling.
const ENGLISH_TABLE: ([u64; 256], u64) = {
    let mut multiplier: u64 = 0x9E37_79B9_7F4A_7C15;
    loop {
        let mut table = [0; 256];
        let mut at = 0;
        while at < ENGLISH_PACKED.len() && table[slot(ENGLISH_PACKED[at], multiplier)] == 0 {
            table[slot(ENGLISH_PACKED[at], multiplier)] = ENGLISH_PACKED[at];
            at += 1;
        }
        if at == ENGLISH_PACKED.len() {
            break (table, multiplier);
        }
        multiplier = multiplier.wrapping_add(0x2545_F491_4F6C_DD1D) | 1;
    }
};

/// The slot of a packed word: the top byte of its product with `multiplier`.
const fn slot(key: u64, multiplier: u64) -> usize {
    (key.wrapping_mul(multiplier) >> 56) as usize
}

/// French elided words, written before an apostrophe (`l’onglet`).
const FRENCH_ELISIONS: [&str; 12] = ["l", "d", "qu", "n", "s", "c", "j", "m", "t", "jusqu", "lorsqu", "puisqu"];

/// Why a block is untranslated.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Verdict {
    /// It is identical to a source block.
    Identical,
    /// lingua read it as English with this confidence.
    Detected(f64),
}

/// The text a reader sees in `inlines`, without code, `no-loc` strings, images and HTML; whitespace collapsed.
pub fn prose_text(inlines: &[Inline]) -> String {
    prose_text_without(inlines, &[])
}

/// [`prose_text`] of `inlines` without the text of the links to `kept` (from [`english_only_titles`]), which stand
/// apart from the prose around them as inline code does.
pub fn prose_text_without(inlines: &[Inline], kept: &[&str]) -> String {
    let mut text = String::new();
    let _ = collapsed_prose(inlines, kept, &mut |part| {
        text.push_str(part);
        ControlFlow::Continue(())
    });
    text
}

/// The targets of the links of `target` that keep the text of a link of `source` to the same page, a page only in
/// English (outside the sites Microsoft translates): a translation keeps an English page's title so that readers know
/// the page they will land on (`[RFC 2505: Anti-Spam Recommendations for SMTP MTAs](https://www.ietf.org/rfc/rfc2505.txt)`).
pub fn english_only_titles<'a>(target: &'a [Inline], source: &[Inline]) -> Vec<&'a str> {
    fn links<'a>(inlines: &'a [Inline], out: &mut Vec<(&'a str, &'a [Inline])>) {
        for inline in inlines {
            match inline {
                Inline::Link { target, children, .. } => out.push((target.trim(), children)),
                Inline::Emphasis { children, .. } => links(children, out),
                _ => {}
            }
        }
    }
    let (mut target_links, mut source_links) = (Vec::new(), Vec::new());
    links(target, &mut target_links);
    if target_links.is_empty() {
        return Vec::new();
    }
    links(source, &mut source_links);
    target_links
        .into_iter()
        .filter(|(url, text)| {
            english_only_page(url)
                && source_links
                    .iter()
                    .any(|(source_url, source_text)| source_url == url && prose_text(source_text) == prose_text(text))
        })
        .map(|(url, _)| url)
        .collect()
}

/// Whether `url` leads to a page only in English: an absolute link to a site other than Microsoft's, whose pages
/// Microsoft translates (`learn.microsoft.com`, `support.office.com`, `aka.ms` links to them), or to a Microsoft blog
/// or community site, which are written in English only.
fn english_only_page(url: &str) -> bool {
    /// The domains of Microsoft's sites, whose pages have translations.
    const MICROSOFT: [&str; 8] = [
        "microsoft.com",
        "office.com",
        "office365.com",
        "microsoft365.com",
        "aka.ms",
        "azure.com",
        "windows.com",
        "live.com",
    ];
    let Some((scheme, rest)) = url.split_once("://") else { return false };
    if !scheme.eq_ignore_ascii_case("https") && !scheme.eq_ignore_ascii_case("http") {
        return false;
    }
    let host = rest.split(['/', '?', '#', ':']).next().unwrap_or_default().to_ascii_lowercase();
    let microsoft = MICROSOFT
        .iter()
        .any(|domain| host.strip_suffix(domain).is_some_and(|sub| sub.is_empty() || sub.ends_with('.')));
    !microsoft || host.starts_with("blogs.") || host.starts_with("techcommunity.")
}

/// The sentences of `text`: each ends at a `.`, `?` or `!` followed by white space, or at the end of the text.
pub fn sentences(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text.trim();
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let bytes = rest.as_bytes();
        let end = (0..bytes.len())
            .find(|&at| {
                matches!(bytes[at], b'.' | b'?' | b'!') && bytes.get(at + 1).is_none_or(u8::is_ascii_whitespace)
            })
            .map_or(rest.len(), |at| at + 1);
        let sentence = &rest[..end];
        rest = rest[end..].trim_start();
        Some(sentence)
    })
}

/// Whether [`prose_text`] of `inlines` is `text`, found without building it: the comparison stops at the first
/// difference, which for different texts is nearly always in their first word.
pub fn prose_text_is(inlines: &[Inline], text: &str) -> bool {
    let mut rest = text;
    let compared = collapsed_prose(inlines, &[], &mut |part| match rest.strip_prefix(part) {
        Some(after) => {
            rest = after;
            ControlFlow::Continue(())
        }
        None => ControlFlow::Break(()),
    });
    compared.is_continue() && rest.is_empty()
}

/// The first word of [`prose_text`] of `inlines`, found without building it; empty when it has none.
pub fn first_prose_word(inlines: &[Inline]) -> &str {
    let mut first = "";
    let _ = collapsed_prose(inlines, &[], &mut |word| {
        first = word;
        ControlFlow::Break(())
    });
    first
}

/// A hash of [`prose_text`] of `inlines`, computed without building it: [`text_hash`] of that text.
pub fn prose_text_hash(inlines: &[Inline]) -> u64 {
    let mut hash = TextHash::default();
    let _ = collapsed_prose(inlines, &[], &mut |part| {
        hash.add(part);
        ControlFlow::Continue(())
    });
    hash.0
}

/// A hash of `text`, equal to [`prose_text_hash`] of inlines whose prose text is `text`.
pub fn text_hash(text: &str) -> u64 {
    let mut hash = TextHash::default();
    hash.add(text);
    hash.0
}

/// FNV-1a over bytes: a text fed in parts hashes as the whole does, wherever it is cut.
struct TextHash(u64);

impl Default for TextHash {
    fn default() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
}

impl TextHash {
    fn add(&mut self, part: &str) {
        for byte in part.bytes() {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// Feeds [`prose_text_without`] the links to `kept` of `inlines` to `out`, in parts (words, and the single spaces
/// between them), until `out` breaks.
fn collapsed_prose<'a>(
    inlines: &'a [Inline],
    kept: &[&str],
    out: &mut impl FnMut(&'a str) -> ControlFlow<()>,
) -> ControlFlow<()> {
    /// Whether a word has been written, and whether whitespace followed the last one.
    struct Collapse {
        started: bool,
        space: bool,
    }
    fn walk<'a>(
        inlines: &'a [Inline],
        kept: &[&str],
        state: &mut Collapse,
        out: &mut impl FnMut(&'a str) -> ControlFlow<()>,
    ) -> ControlFlow<()> {
        for inline in inlines {
            match inline {
                Inline::Text { text, .. } => {
                    for (index, word) in text.split(char::is_whitespace).enumerate() {
                        state.space |= index > 0 && state.started;
                        if !word.is_empty() {
                            if std::mem::take(&mut state.space) {
                                out(" ")?;
                            }
                            out(word)?;
                            state.started = true;
                        }
                    }
                }
                Inline::Link { target, .. } if kept.contains(&target.trim()) => state.space |= state.started,
                Inline::Emphasis { children, .. } | Inline::Link { children, .. } => {
                    walk(children, kept, state, out)?;
                }
                Inline::Break { .. } | Inline::Code { .. } | Inline::NoLoc { .. } => state.space |= state.started,
                Inline::Image { .. } | Inline::Include { .. } | Inline::Anchor { .. } | Inline::Html { .. } => {}
            }
        }
        ControlFlow::Continue(())
    }
    walk(inlines, kept, &mut Collapse { started: false, space: false }, out)
}

/// Judges a translated block's prose text (from [`prose_text`]) from an English source. `counterpart` is the prose
/// text of its source counterpart, if it has one; `identical` says whether some source block has the same prose text;
/// `detect` whether to ask lingua (the target is French).
fn judge(text: &str, counterpart: Option<&str>, identical: bool, detect: bool) -> Option<Verdict> {
    let all: Vec<&str> = words(text).collect();
    // Cheap tests first: most translated blocks have no English function word at all.
    let kinds: Vec<Option<FunctionWord>> = all.iter().map(|word| function_word(word)).collect();
    let english = kinds.iter().filter(|kind| **kind == Some(FunctionWord::English)).count();
    if english == 0 {
        return None;
    }
    // A copy of its own counterpart is judged before names are removed: removing the names it shares with itself
    // would leave too few words in a heading such as `Assign eDiscovery permissions in the Security & Compliance
    // Center`. Its plain words tell prose from a product name (`Microsoft Defender for Office 365`).
    if counterpart == Some(text)
        && all.len() >= MIN_WORDS
        && all.iter().filter(|word| !is_name(word)).count() >= MIN_PLAIN_WORDS_OF_A_COPY
    {
        return Some(Verdict::Identical);
    }
    let french = kinds.iter().filter(|kind| **kind == Some(FunctionWord::French)).count() + elisions(text);
    if !identical && (!detect || french > english) {
        return None;
    }
    let shared_names: HashSet<&str> = match (identical, counterpart) {
        (true, _) => all.iter().copied().collect(),
        (false, Some(counterpart)) => words(counterpart).collect(),
        (false, None) => HashSet::new(),
    };
    let prose: Vec<&str> = all
        .into_iter()
        .zip(kinds)
        .filter(|(word, kind)| kind.is_some() || !(is_name(word) && shared_names.contains(word)))
        .map(|(word, _)| word)
        .collect();
    if prose.len() < MIN_WORDS {
        return None;
    }
    if identical {
        return Some(Verdict::Identical);
    }
    let confidence = detector().compute_language_confidence(prose.join(" "), Language::English);
    (confidence >= MIN_ENGLISH_CONFIDENCE).then_some(Verdict::Detected(confidence))
}

/// Whether `texts`, each identical to its source counterpart and side by side (the items of a list, the cells of a
/// table column), are names that stay in English by design rather than prose left untranslated: the names of groups
/// to create, of operations to search for. They are at least two, and each has at most [`MAX_NAME_WORDS`] words, at
/// most one English function word and no sentence punctuation at its end (`Senior and strategic staff`, `Add member to
/// group`); a list of steps left in English has sentences (`Sign in to the admin center.`).
pub fn are_names(texts: &[String]) -> bool {
    texts.len() >= 2
        && texts.iter().all(|text| {
            let all: Vec<&str> = words(text).collect();
            let english = all.iter().filter(|word| function_word(word) == Some(FunctionWord::English)).count();
            !all.is_empty()
                && all.len() <= MAX_NAME_WORDS
                && english <= 1
                && !text.trim_end().ends_with(['.', '!', '?', ':', ';'])
        })
}

/// The `untranslated` rule for the texts of one pair: its languages, and the `no-loc` terms of both front matters
/// (strings that stay in the source language by design, so never evidence of an untranslated text).
#[derive(Debug)]
pub struct TextCheck<'a> {
    languages: &'a Languages,
    no_loc: Vec<String>,
}

impl<'a> TextCheck<'a> {
    /// The check for a pair in `languages` whose front matters are `source` and `target`.
    pub fn new(languages: &'a Languages, source: &FrontMatter, target: &FrontMatter) -> Self {
        let mut no_loc: Vec<String> =
            source.no_loc().into_iter().chain(target.no_loc()).filter(|term| !term.trim().is_empty()).collect();
        // The longest first, so a term holding a shorter one is removed whole.
        no_loc.sort_by_key(|term| std::cmp::Reverse(term.len()));
        no_loc.dedup();
        Self { languages, no_loc }
    }

    /// Judges a translated text: `counterpart` is the text of its source counterpart, if any; `identical` says whether
    /// it is the same as a source text. `None` when the text is translated, or when the source is not English.
    pub fn verdict(&self, text: &str, counterpart: Option<&str>, identical: bool) -> Option<Verdict> {
        if !self.languages.english_source || !has_english_function_word(text) {
            return None;
        }
        let text = self.without_no_loc(text);
        let counterpart = counterpart.map(|counterpart| self.without_no_loc(counterpart));
        judge(&text, counterpart.as_deref(), identical, self.languages.french_target)
    }

    /// The finding's message for `verdict` about `what` (`this text`, `the front matter \`title\``).
    pub fn message(&self, verdict: Verdict, what: &str) -> String {
        let (source, target) = (&self.languages.source, &self.languages.target);
        match verdict {
            Verdict::Identical => {
                format!("{what} is identical to {source} text: it is not translated into {target}")
            }
            Verdict::Detected(confidence) => format!(
                "{what} reads as {source} (lingua confidence {confidence:.2}): it is not translated into {target}"
            ),
        }
    }

    /// `text` with every `no-loc` term replaced by a space, as inline `:::no-loc:::` strings are.
    fn without_no_loc<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        let mut text = std::borrow::Cow::Borrowed(text);
        for term in &self.no_loc {
            if text.contains(term.as_str()) {
                text = text.replace(term.as_str(), " ").into();
            }
        }
        text
    }
}

/// The detector, built once: English and French only, high accuracy.
fn detector() -> &'static LanguageDetector {
    static DETECTOR: OnceLock<LanguageDetector> = OnceLock::new();
    DETECTOR.get_or_init(|| LanguageDetectorBuilder::from_languages(&[Language::English, Language::French]).build())
}

/// The words of `text`: whitespace-separated tokens that are not URLs, addresses, paths or identifiers, split into
/// runs of letters (and inner hyphens).
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace().filter(|token| !is_technical(token)).flat_map(|token| {
        token
            .split(|character: char| !(character.is_alphanumeric() || character == '-'))
            .map(|word| word.trim_matches('-'))
            .filter(|word| word.chars().any(char::is_alphabetic))
    })
}

/// URLs, e-mail addresses, paths, identifiers, markup and dotted names (`contoso.com`, `Get-Foo.ps1`).
fn is_technical(token: &str) -> bool {
    let inner_dot = token.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', '"', '»']).contains('.');
    inner_dot || token.contains(['@', '\\', '/', '_', '=', '<', '>', '{', '}', '$', '|'])
}

/// A name: a word with a capital letter or a digit (`Azure`, `eDiscovery`, `O365`). Function words are never taken
/// for names, even starting a sentence (`The`).
fn is_name(word: &str) -> bool {
    word.chars().any(|character| character.is_uppercase() || character.is_ascii_digit())
}

/// How many French elisions (`l’`, `d'`, `qu’`) the text has.
fn elisions(text: &str) -> usize {
    text.split(|character: char| !(character.is_alphabetic() || character == '\'' || character == '’'))
        .filter_map(|word| word.split_once(['\'', '’']).map(|(before, _)| before))
        .filter(|before| FRENCH_ELISIONS.iter().any(|elision| elision.eq_ignore_ascii_case(before)))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_end_at_a_stop_before_white_space() {
        let text = "Use version 2.1 of it. Then restart! Done? Yes... see www.contoso.com. Last";
        let found: Vec<&str> = sentences(text).collect();
        assert_eq!(
            found,
            ["Use version 2.1 of it.", "Then restart!", "Done?", "Yes...", "see www.contoso.com.", "Last"]
        );
    }

    #[test]
    fn function_word_lists_are_sorted_for_binary_search() {
        for words in [&ENGLISH_PACKED[..], &FRENCH_PACKED[..]] {
            assert!(words.windows(2).all(|pair| pair[0] < pair[1]), "{words:?}");
        }
        assert_eq!(function_word("The"), Some(FunctionWord::English));
        assert_eq!(function_word("vous"), Some(FunctionWord::French));
        assert_eq!(function_word("être"), Some(FunctionWord::French));
        assert_eq!(function_word("theme"), None);
        assert_eq!(function_word("a"), None);
    }

    #[test]
    fn the_seed_line_left_in_english_is_untranslated() {
        let english = "In the admin center, go to the Users > Active users page.";
        assert_eq!(judge("Go to the Users > Active users page.", Some(english), false, false), None);
        let verdict = judge("Go to the Users > Active users page.", Some(english), false, true);
        assert!(matches!(verdict, Some(Verdict::Detected(confidence)) if confidence > 0.7), "{verdict:?}");
    }

    #[test]
    fn french_blocks_are_not() {
        let english = "Select Azure Active Directory.";
        assert_eq!(judge("Sélectionner Azure Active Directory.", Some(english), false, true), None);
        let french = "Dans le centre d’administration, accédez à la page Facturation > Vos produits.";
        assert_eq!(judge(french, None, false, true), None);
        assert_eq!(
            judge("Vous pouvez également utiliser l’applet de commande Remove-MsolUser.", None, false, true),
            None
        );
    }

    #[test]
    fn identical_blocks_are_untranslated_when_they_read_as_english() {
        let text = "Sign in to Office 365 using your global administrator account.";
        assert_eq!(judge(text, None, true, true), Some(Verdict::Identical));
        // Names and keyword lists stay identical in every language.
        let names = "U.K. Privacy and Electronic Communications Regulations";
        assert_eq!(judge(names, None, true, true), None);
        let keywords = "enero, febrero, marzo, abril, mayo, junio";
        assert_eq!(judge(keywords, None, true, true), None);
    }

    #[test]
    fn short_labels_side_by_side_are_names_but_sentences_are_not() {
        let texts = |texts: &[&str]| texts.iter().map(|text| (*text).to_owned()).collect::<Vec<_>>();
        assert!(are_names(&texts(&["Senior and strategic staff", "IT staff", "Analytics staff"])));
        assert!(are_names(&texts(&["Add member to group", "Remove member from group"])));
        assert!(!are_names(&texts(&["Senior and strategic staff"])), "one text alone may be anything");
        assert!(!are_names(&texts(&["Sign in to the admin center", "Select Users"])), "more than one function word");
        assert!(!are_names(&texts(&["Sign in with your account.", "Select Users."])), "sentences");
        assert!(!are_names(&texts(&["Create groups for each of your teams", "IT staff"])), "more than five words");
    }

    #[test]
    fn english_only_pages_are_outside_microsoft_s_translated_sites() {
        for url in [
            "https://dmarc.org/wiki/FAQ#x",
            "http://www.ietf.org/rfc/rfc2505.txt",
            "https://blogs.msdn.microsoft.com/t",
        ] {
            assert!(english_only_page(url), "{url}");
        }
        for url in [
            "https://docs.microsoft.com/exchange/x",
            "https://support.office.com/article/x",
            "https://aka.ms/x",
            "https://go.microsoft.com/fwlink/p/?LinkId=846124",
            "../admin/x.md",
            "#step-1",
            "https://notmicrosoft.com.evil/x",
        ] {
            assert_eq!(english_only_page(url), url.starts_with("https://notmicrosoft"), "{url}");
        }
    }

    #[test]
    fn the_title_of_an_english_only_page_is_not_prose_but_the_sentence_around_it_is() {
        let link = |text: &str, url: &str| Inline::Link {
            target: url.to_owned(),
            title: String::new(),
            children: vec![Inline::Text { text: text.to_owned(), span: Default::default() }],
            html: false,
            span: Default::default(),
        };
        let text = |text: &str| Inline::Text { text: text.to_owned(), span: Default::default() };
        let title = "I operate a mailing list and I want to interoperate with DMARC, what should I do?";
        let english = [text("Check the FAQ at DMARC.org: "), link(title, "https://dmarc.org/wiki/FAQ")];
        let french = [text("Consultez la FAQ sur DMARC.org : "), link(title, "https://dmarc.org/wiki/FAQ")];
        let kept = english_only_titles(&french, &english);
        assert_eq!(kept, ["https://dmarc.org/wiki/FAQ"]);
        assert_eq!(prose_text_without(&french, &kept), "Consultez la FAQ sur DMARC.org :");
        // A Microsoft page has a French title to use, and another text is no kept title.
        let microsoft = [text("Voir "), link(title, "https://learn.microsoft.com/x")];
        assert!(english_only_titles(&microsoft, &[link(title, "https://learn.microsoft.com/x")]).is_empty());
        assert!(english_only_titles(&french, &[link("Another title", "https://dmarc.org/wiki/FAQ")]).is_empty());
    }

    #[test]
    fn no_loc_terms_are_never_evidence_of_english() {
        let languages = Languages::of("en-us", "fr-fr");
        let front_matter = |terms: &str| FrontMatter {
            entries: vec![crate::model::front_matter::Entry {
                key: "no-loc".to_owned(),
                value: serde_json::from_str(terms).unwrap(),
                line: 2,
            }],
            malformed: false,
        };
        let term = "Sign in to the admin center with your account";
        let check = TextCheck::new(&languages, &front_matter(&format!("[\"{term}\"]")), &FrontMatter::default());
        assert_eq!(check.verdict(term, Some(term), true), None);
        assert_eq!(check.verdict(&format!("Cliquez sur « {term} »."), None, false), None);
        let without = TextCheck::new(&languages, &FrontMatter::default(), &FrontMatter::default());
        assert_eq!(without.verdict(term, Some(term), true), Some(Verdict::Identical));
    }

    #[test]
    fn only_an_english_source_is_judged() {
        let text = "Sign in to the admin center with your account.";
        let from_german = Languages::of("de-de", "fr-fr");
        let check = TextCheck::new(&from_german, &FrontMatter::default(), &FrontMatter::default());
        assert_eq!(check.verdict(text, Some(text), true), None);
    }

    #[test]
    fn technical_tokens_are_not_words() {
        let text = "Keywords_spain_eu_tax_file_number c:\\data\\x.pst jzeng@contoso.com https://a.b/c contoso.com";
        assert_eq!(words(text).count(), 0);
        assert_eq!(words("Go to the **Users** page.").collect::<Vec<_>>(), ["Go", "to", "the", "Users", "page"]);
    }

    #[test]
    fn the_first_look_finds_english_function_words_in_any_case() {
        let text = |text: &str| [Inline::Text { text: text.to_owned(), span: Default::default() }];
        assert!(may_be_english(&text("Go to THE page")));
        assert!(!may_be_english(&text("Accédez à la page des abonnements")));
    }

    #[test]
    fn the_first_look_finds_every_english_function_word_and_only_those() {
        for word in ENGLISH_FUNCTION_WORDS {
            let capitalised = format!("{}{}", word[..1].to_uppercase(), &word[1..]);
            for text in [word.to_owned(), capitalised, format!("«{word}»"), format!("Accédez-y {word}, puis")] {
                assert!(has_english_function_word(&text), "{text:?}");
            }
            assert!(!has_english_function_word(&format!("{word}x xa{word} été")), "{word}");
        }
        for word in FRENCH_FUNCTION_WORDS {
            assert!(!has_english_function_word(word), "{word}");
        }
    }

    #[test]
    fn the_letter_masks_find_the_runs_a_byte_by_byte_scan_finds() {
        fn byte_by_byte(text: &str) -> bool {
            text.as_bytes()
                .split(|byte| !byte.is_ascii_alphabetic())
                .any(|word| packed(word).is_some_and(|word| is_one_of(&ENGLISH_PACKED, word)))
        }
        // Texts of 0 to 200 bytes (runs across the 64-byte blocks) from letters, accents, spaces and punctuation.
        // Half the texts are made without the last three pieces, the function words, so both answers are tested.
        let pieces = ["de", "la", "é", " ", "\u{a0}", ",", "x", "Z", "-", "abcdefgh", "ß", "\n", "the", "AND", "in"];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut found = [0; 2];
        for _ in 0..20_000 {
            let mut text = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let length = (seed % 201) as usize;
            while text.len() < length {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let usable = if length.is_multiple_of(2) { pieces.len() } else { pieces.len() - 3 };
                text.push_str(pieces[(seed % usable as u64) as usize]);
            }
            let expected = byte_by_byte(&text);
            assert_eq!(has_english_function_word(&text), expected, "{text:?}");
            found[usize::from(expected)] += 1;
        }
        assert!(found.iter().all(|count| *count > 5_000), "{found:?}");
    }

    #[test]
    fn prose_text_is_and_its_hash_read_the_text_without_building_it() {
        let text = |text: &str| Inline::Text { text: text.to_owned(), span: Default::default() };
        let strong = Inline::Emphasis {
            style: crate::model::EmphasisKind::Strong,
            children: vec![text("Us")],
            span: Default::default(),
        };
        let code = Inline::Code { code: "x".to_owned(), span: Default::default() };
        let inlines = [text("  Go to\u{a0}the "), strong, text("ers\n page"), code, text(" now. ")];
        assert_eq!(prose_text(&inlines), "Go to the Users page now.");
        assert!(prose_text_is(&inlines, "Go to the Users page now."));
        for other in ["Go to the Users page now", "Go to the Users page now. ", "Go", "", "Go to  the Users page now."]
        {
            assert!(!prose_text_is(&inlines, other), "{other:?}");
        }
        assert!(prose_text_is(&[text(" \t ")], ""));
        assert_eq!(prose_text_hash(&inlines), text_hash("Go to the Users page now."));
        assert_ne!(prose_text_hash(&inlines), text_hash("Go to the Users page now"));
    }

    #[test]
    fn function_words_in_any_case() {
        assert_eq!(function_word("The"), Some(FunctionWord::English));
        assert_eq!(function_word("être"), Some(FunctionWord::French));
        assert_eq!(function_word("À"), None);
        assert_eq!(function_word("Theodore"), None);
        assert_eq!(function_word("I"), None);
        assert_eq!(function_word("a"), None);
    }

    #[test]
    fn a_polish_keyword_with_the_conjunction_i_is_not_english() {
        for keyword in ["Nazwa i numer dowodu osobistego", "Nazwa i Nr dowodu osobistego"] {
            assert!(!has_english_function_word(keyword), "{keyword}");
            assert_eq!(judge(keyword, Some(keyword), true, true), None, "{keyword}");
        }
    }

    #[test]
    fn search_operators_and_acronyms_in_capitals_are_not_function_words() {
        assert_eq!(function_word("AND"), None);
        assert_eq!(function_word("IT"), None);
        let query = "(fair OR free) AND from:contoso.com (IPO OR initial) AND (stock OR shares) (quarterly financials)";
        assert_eq!(judge(query, Some(query), false, true), None);
    }

    #[test]
    fn french_elisions_count_as_french() {
        assert_eq!(elisions("l’onglet d'un abonnement, qu’il it's"), 3);
    }
}
