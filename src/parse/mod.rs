//! Learn-flavoured Markdown to the [`model`](crate::model).
//!
//! The stages, in order: [`read_file`] (bytes to checked UTF-8 text) → [`front_matter`] (split and read the YAML) →
//! [`directives`] (find `:::` lines) → [`blocks`] (pulldown-cmark events, through the dialect fixed in
//! [`markdown::cmark`], to blocks) → includes resolved ([`include`](mod@include)) → moniker selection → [`tabs`]
//! grouped → [`sections`] (the section tree, with [`ids`]). Parsing never fails on text: problems become [`Diagnostic`]s beside
//! the article. Only reading a file can fail ([`ReadError`]).

pub mod blocks;
pub mod directives;
pub mod flat_yaml;
pub mod front_matter;
pub mod html;
pub mod ids;
pub mod include;
pub mod lines;
pub mod markdown;
pub mod moniker;
pub mod sections;
pub mod snippet;
pub mod tabs;
pub mod xref;

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

use thiserror::Error;

use crate::model::{Article, Attribute, Block, FrontMatter, IncludedText, Inline, Span, attribute};
use crate::report::{Diagnostic, Location, Severity};
pub use blocks::{MAX_DEPTH, PARSE_ERROR};
pub use directives::{FenceEnd, MissingEnds, ZoneEnd};
pub use include::{FileIncludes, IncludeSource, Loaded, NoIncludes, StandardInput};
use lines::{LineIndex, Lines};
pub use moniker::{MonikerOrder, MonikerRange};

/// The largest file checkdown reads. Learn articles are well under 1 MiB; anything near this is not an article.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// What to parse for.
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    /// Keep only the content that applies to this moniker (`--moniker`).
    pub moniker: Option<String>,
    /// Each product's monikers in order, for `<`, `<=`, `>`, `>=` ranges.
    pub moniker_order: MonikerOrder,
    /// Keep only the content Learn's pages show, leaving out what only the Azure portal's view of an article renders
    /// (`::: zone target="chromeless"`, `> [!div renderon="portal"]`): what a checklist prints. `parse` and `sync`
    /// keep every block of the file.
    pub learn_pages: bool,
    /// Where moniker zones and code fences left open end, as if their closing line stood there: sync closes a
    /// translation's zone or fence where the source closes its own. Empty everywhere else.
    pub missing: MissingEnds,
}

/// An article and what the parser found wrong with it.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The article.
    pub article: Article,
    /// Problems, in file order.
    pub diagnostics: Vec<Diagnostic>,
    /// Where the lines of the text parsed start: with that text, a [`LineIndex`] to point into it.
    pub lines: Lines,
}

impl Parsed {
    /// True when a diagnostic is an error: the article is not valid Learn Markdown.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|diagnostic| diagnostic.severity == Severity::Error)
    }
}

/// Why a file could not be read as an article.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum ReadError {
    /// There is no file at the path.
    #[error("{path}: no such file")]
    NotFound {
        /// The path as given.
        path: String,
    },
    /// The path is a directory.
    #[error("{path}: is a directory, not a Markdown file")]
    IsDirectory {
        /// The path as given.
        path: String,
    },
    /// A device or pipe gave more than [`MAX_FILE_BYTES`] (its size is known only by reading it).
    #[error("{path}: more than {limit} bytes to read; checkdown reads articles of up to {limit} bytes")]
    StreamTooLong {
        /// The path as given.
        path: String,
        /// The limit.
        limit: u64,
    },
    /// The file is larger than [`MAX_FILE_BYTES`].
    #[error("{path}: the file is {size} bytes; checkdown reads articles of up to {limit} bytes")]
    TooLarge {
        /// The path as given.
        path: String,
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// `-` was given, but standard input is a terminal: reading it would wait for an article typed by hand.
    #[error("{path}: standard input is a terminal; pipe an article in (`cat x.md | checkdown … -`) or name its file")]
    StdinIsTerminal {
        /// How standard input is named.
        path: String,
    },
    /// The file is empty or holds only whitespace.
    #[error("{path}:1: the file is empty")]
    Empty {
        /// The path as given.
        path: String,
    },
    /// The file is neither UTF-8 nor UTF-16 with a byte order mark.
    #[error("{path}:{line}:{column}: the file is not UTF-8 text{hint}")]
    NotUtf8 {
        /// The path as given.
        path: String,
        /// 1-based line of the first invalid byte.
        line: usize,
        /// 1-based column (in characters) of the first invalid byte.
        column: usize,
        /// More about the encoding found.
        hint: &'static str,
    },
    /// Any other I/O error.
    #[error("{path}: cannot read the file")]
    Io {
        /// The path as given.
        path: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
}

/// How a file's text was stored. The text itself is always UTF-8 once read; the encoding is what gets the file's
/// bytes back (`ms.openlocfilehash` is the SHA-1 of those bytes).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8. A byte order mark stays in the text, as U+FEFF.
    #[default]
    Utf8,
    /// UTF-16, little-endian, with a byte order mark.
    Utf16Le,
    /// UTF-16, big-endian, with a byte order mark.
    Utf16Be,
}

impl Encoding {
    /// `text` stored in this encoding: for a text [`read_decoded`] read, the file's own bytes.
    pub fn encode(self, text: &str) -> Vec<u8> {
        let unit: fn(u16) -> [u8; 2] = match self {
            Self::Utf8 => return text.as_bytes().to_vec(),
            Self::Utf16Le => u16::to_le_bytes,
            Self::Utf16Be => u16::to_be_bytes,
        };
        std::iter::once(0xFEFF).chain(text.encode_utf16()).flat_map(unit).collect()
    }
}

/// A file's text and how it was stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text (without the byte order mark of a UTF-16 file).
    pub text: String,
    /// The encoding the file used.
    pub encoding: Encoding,
}

/// Reads a Markdown file as UTF-8 text, refusing what cannot be an article.
pub fn read_file(path: &Path) -> Result<String, ReadError> {
    read_decoded(path).map(|decoded| decoded.text)
}

/// Reads a Markdown file as UTF-8 text, refusing what cannot be an article, and says how it was stored.
pub fn read_decoded(path: &Path) -> Result<Decoded, ReadError> {
    let shown = path.display().to_string();
    let io = |source: std::io::Error| match source.kind() {
        std::io::ErrorKind::NotFound => ReadError::NotFound { path: shown.clone() },
        _ => ReadError::Io { path: shown.clone(), source },
    };
    // Opened once, and sized from the open file: a sync reads every file of two trees.
    let file = std::fs::File::open(path)
        .map_err(|source| if path.is_dir() { ReadError::IsDirectory { path: shown.clone() } } else { io(source) })?;
    let metadata = file.metadata().map_err(io)?;
    if metadata.is_dir() {
        return Err(ReadError::IsDirectory { path: shown });
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge { path: shown, size: metadata.len(), limit: MAX_FILE_BYTES });
    }
    read_stream(file, shown, usize::try_from(metadata.len()).unwrap_or_default())
}

/// How standard input is named in messages and reports.
pub const STDIN_NAME: &str = "<stdin>";

/// Reads an article from standard input (`-` for a file), as [`read_file`] reads a file.
pub fn read_stdin() -> Result<String, ReadError> {
    let stdin = std::io::stdin();
    if std::io::IsTerminal::is_terminal(&stdin) {
        return Err(ReadError::StdinIsTerminal { path: STDIN_NAME.to_owned() });
    }
    read_stream(stdin.lock(), STDIN_NAME.to_owned(), 0).map(|decoded| decoded.text)
}

/// Reads and decodes the article `reader` gives, `shown` as `shown`, with room for `expected` bytes.
fn read_stream(reader: impl std::io::Read, shown: String, expected: usize) -> Result<Decoded, ReadError> {
    let mut bytes = Vec::with_capacity(expected);
    // A device or a pipe (`/dev/zero`, a FIFO) says nothing of its size: the limit holds on what is read.
    std::io::Read::read_to_end(&mut std::io::Read::take(reader, MAX_FILE_BYTES + 1), &mut bytes)
        .map_err(|source| ReadError::Io { path: shown.clone(), source })?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ReadError::StreamTooLong { path: shown, limit: MAX_FILE_BYTES });
    }
    let decoded = decode(&shown, bytes)?;
    if decoded.text.trim_start_matches('\u{feff}').trim().is_empty() {
        return Err(ReadError::Empty { path: shown });
    }
    Ok(decoded)
}

/// UTF-8, or UTF-16 with a byte order mark (Learn's build reads both, and real articles use both).
fn decode(path: &str, bytes: Vec<u8>) -> Result<Decoded, ReadError> {
    let utf16 = match bytes.get(..2) {
        Some([0xFF, 0xFE]) => Some((Encoding::Utf16Le, u16::from_le_bytes as fn([u8; 2]) -> u16)),
        Some([0xFE, 0xFF]) => Some((Encoding::Utf16Be, u16::from_be_bytes as fn([u8; 2]) -> u16)),
        _ => None,
    };
    if let Some((encoding, unit)) = utf16 {
        let units: Vec<u16> = bytes[2..].chunks(2).map(|pair| unit([pair[0], *pair.get(1).unwrap_or(&0)])).collect();
        // An odd byte count is a file cut short: its last byte is half a character.
        let whole = bytes.len().is_multiple_of(2);
        let text = String::from_utf16(&units).ok().filter(|_| whole);
        return text.map(|text| Decoded { text, encoding }).ok_or_else(|| {
            let complete = if whole { &units[..] } else { &units[..units.len() - 1] };
            let decoded: String = char::decode_utf16(complete.iter().copied()).map_while(Result::ok).collect();
            let line = decoded.matches('\n').count() + 1;
            let column = decoded.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
            ReadError::NotUtf8 { path: path.to_owned(), line, column, hint: " (invalid UTF-16)" }
        });
    }
    let not_text = |valid: &str, hint| {
        let line = valid.matches('\n').count() + 1;
        let column = valid.rsplit('\n').next().unwrap_or_default().chars().count() + 1;
        ReadError::NotUtf8 { path: path.to_owned(), line, column, hint }
    };
    let text = String::from_utf8(bytes).map_err(|error| {
        let bytes = error.as_bytes();
        not_text(std::str::from_utf8(&bytes[..error.utf8_error().valid_up_to()]).unwrap_or_default(), "")
    })?;
    // No text file holds a NUL; every other byte of UTF-16 without its byte order mark is one.
    if let Some(nul) = text.find('\0') {
        return Err(not_text(&text[..nul], " (a NUL character: UTF-16 without a byte order mark?)"));
    }
    Ok(Decoded { text, encoding: Encoding::Utf8 })
}

/// Parses the text of an article named `path` (used for diagnostics, the locale and includes).
pub fn parse(path: &str, text: &str, options: &ParseOptions, includes: &dyn IncludeSource) -> Parsed {
    parse_within(path, text, options, includes, &[])
}

/// How many includes deep an include is still read: far deeper than articles go, short of exhausting the stack.
const MAX_INCLUDE_DEPTH: usize = 16;

/// Parses `text`, read as the file `path` names: an article when `includers` is empty, else the file an include of
/// the last of `includers` (root-relative paths, outermost first) names, `path` being root-relative too.
fn parse_within(
    path: &str,
    text: &str,
    options: &ParseOptions,
    includes: &dyn IncludeSource,
    includers: &[String],
) -> Parsed {
    let lines = Lines::of(text);
    let index = LineIndex::over(text, &lines);
    let bom = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let mut diagnostics = Vec::new();

    let split = front_matter::split(&text[bom..]);
    let split = front_matter::Split { yaml_start: split.yaml_start + bom, body_start: split.body_start + bom, ..split };
    if split.unclosed {
        diagnostics.push(Diagnostic::new(
            PARSE_ERROR,
            Severity::Warning,
            Location::new(path, index.span(bom, bom + 3)),
            "the front matter opened here is never closed by a `---` line: Learn shows its lines as text, and so does \
             checkdown; close it to give the article its metadata",
        ));
    }
    let mut front_matter = match front_matter::read(&split, &index) {
        Ok((front_matter, duplicates)) => {
            diagnostics.extend(duplicates.into_iter().map(|duplicate| {
                Diagnostic::new(
                    PARSE_ERROR,
                    Severity::Warning,
                    Location::new(path, index.span(duplicate.offset, duplicate.offset + duplicate.key.len())),
                    format!("front matter key `{}` is given twice; the last value is used", duplicate.key),
                )
            }));
            front_matter
        }
        Err(error) => {
            diagnostics.push(Diagnostic::new(
                PARSE_ERROR,
                Severity::Error,
                Location::new(path, index.span(error.offset, error.offset)),
                format!("malformed front matter: {}", error.message),
            ));
            FrontMatter { malformed: true, ..FrontMatter::default() }
        }
    };
    front_matter.malformed |= split.unclosed;

    let body = &text[split.body_start..];
    let none = MissingEnds::default();
    let missing = if includers.is_empty() { &options.missing } else { &none };
    let prepared = directives::prepare(body, split.body_start, missing);
    let built = blocks::build(&prepared, split.body_start, &index, path);
    let mut blocks = built.blocks;
    diagnostics.extend(built.diagnostics);
    let mut references = References {
        path,
        options,
        includes,
        includers,
        diagnostics: &mut diagnostics,
        inline_includes: built.inline_includes,
        tab_headings: false,
    };
    references.read(&mut blocks);
    let tab_headings = references.tab_headings;
    if let Some(moniker) = &options.moniker {
        check_article_range(&front_matter, moniker, options, path, &index, &mut diagnostics);
    }
    let grouped = |blocks| if tab_headings { tabs::group(blocks) } else { blocks };
    let mut ids = HashMap::new();
    if options.moniker.is_some() || options.learn_pages {
        ids = sections::heading_ids(grouped(blocks.clone()));
        blocks = sections::select(blocks, options, path, &mut diagnostics);
    }
    let (preamble, sections) = sections::build(grouped(blocks), &ids);
    if includers.is_empty() {
        for (step, heading) in crate::model::steps::misnested_steps(&sections) {
            let (inner, outer) = ("#".repeat(heading.level.into()), "#".repeat(step.level.into()));
            diagnostics.push(Diagnostic::new(
                PARSE_ERROR,
                Severity::Warning,
                Location::new(path, heading.heading_span),
                format!(
                    "this `{inner}` heading is numbered as the step the steps around it skip, but it sits inside the \
                     step `{}`, so it is read as part of that step, as Learn shows it: make it `{outer}` to make it a \
                     step of its own",
                    step.title
                ),
            ));
        }
    }

    let title = sections
        .iter()
        .find(|section| section.level == 1)
        .map(|section| section.title.clone())
        .or_else(|| front_matter.title())
        .unwrap_or_default();
    let locale = front_matter
        .content_locale()
        .or_else(|| front_matter.get_str("ms.locale"))
        .or_else(|| locale_in_path(path))
        .map(|locale| locale.to_ascii_lowercase());
    diagnostics.sort_by_key(|diagnostic| diagnostic.location.span.map(|span| span.start));
    let article = Article {
        locale,
        title,
        front_matter,
        preamble,
        sections,
        body_span: index.span(split.body_start, text.len()),
    };
    Parsed { article, diagnostics, lines }
}

/// Reads and parses a file; includes are read below its docs root.
pub fn parse_file(path: &Path, options: &ParseOptions) -> Result<Parsed, ReadError> {
    let text = read_file(path)?;
    let shown = path.display().to_string();
    let includes = FileIncludes::for_article(path).map_err(|source| ReadError::Io { path: shown.clone(), source })?;
    let mut parsed = parse(&shown, &text, options, &includes);
    if parsed.article.locale.is_none() {
        parsed.article.locale = locale_of_file(&shown).map(|locale| locale.to_ascii_lowercase());
    }
    Ok(parsed)
}

/// The locale folder of a file, looked for in the path as given, then in the folders it lies in: `a.md` run inside
/// `docs/fr-fr/` is French as `docs/fr-fr/a.md` is.
pub fn locale_of_file(path: &str) -> Option<String> {
    locale_in_path(path).or_else(|| locale_in_path(&std::path::absolute(path).ok()?.to_string_lossy()))
}

/// A locale folder in a path (`content/fr-fr/x.md` gives `fr-fr`): the last segment shaped like `ll-cc`.
pub fn locale_in_path(path: &str) -> Option<String> {
    path.split(['/', '\\']).rev().skip(1).find(|segment| is_locale(segment)).map(str::to_owned)
}

/// Whether a path segment names a locale as Learn's folders and addresses do: `fr-fr`, `en-US`, `zh-hant`.
pub fn is_locale(segment: &str) -> bool {
    let mut parts = segment.split('-');
    let (Some(language), Some(region), None) = (parts.next(), parts.next(), parts.next()) else { return false };
    // ISO 639-1 language and ISO 3166 region (`fr-fr`) or ISO 15924 script (`zh-hant`), as Learn's folders are.
    language.len() == 2
        && language.bytes().all(|byte| byte.is_ascii_alphabetic())
        && matches!(region.len(), 2 | 4)
        && region.bytes().all(|byte| byte.is_ascii_alphabetic())
}

fn check_article_range(
    front_matter: &FrontMatter,
    moniker: &str,
    options: &ParseOptions,
    path: &str,
    index: &LineIndex<'_>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Some(range) = front_matter.moniker_range() else { return };
    let line = front_matter.entry("monikerRange").map_or(1, |entry| entry.line);
    let location = Location::new(path, index.line_span(line));
    match MonikerRange::parse(&range).map(|parsed| parsed.contains(moniker, &options.moniker_order)) {
        Ok(Ok(true)) => {}
        Ok(Ok(false)) => diagnostics.push(Diagnostic::new(
            PARSE_ERROR,
            Severity::Warning,
            location,
            format!("the article applies to `{range}` (monikerRange), which does not include {moniker}"),
        )),
        Ok(Err(error)) => {
            diagnostics.push(Diagnostic::new(PARSE_ERROR, Severity::Warning, location, error.to_string()))
        }
        Err(error) => diagnostics.push(Diagnostic::new(
            PARSE_ERROR,
            Severity::Error,
            location,
            format!("invalid monikerRange {range:?}: {error}"),
        )),
    }
}

/// One walk over an article's blocks that reads what they refer to below the docs root: the files of its `[!INCLUDE]`s
/// ([`include`](mod@include)) and the code of its `:::code` and `[!code…]` snippets ([`snippet`]). It also notes whether a heading
/// opens a tab ([`tabs`]): most articles have none, and are then not walked again.
struct References<'a> {
    path: &'a str,
    options: &'a ParseOptions,
    includes: &'a dyn IncludeSource,
    /// The files whose includes led to this one (see [`parse_within`]).
    includers: &'a [String],
    diagnostics: &'a mut Vec<Diagnostic>,
    /// Whether any inlines hold an include: else only blocks are walked.
    inline_includes: bool,
    tab_headings: bool,
}

impl References<'_> {
    /// Reads the references of `blocks`.
    fn read(&mut self, blocks: &mut [Block]) {
        let reads_inlines = self.inline_includes;
        for block in blocks {
            self.tab_headings |= tabs::opens_tab(block);
            match block {
                Block::Include { path: target, file, resolved, span, .. } => match self.included(target) {
                    Ok((found, blocks)) => {
                        *file = Some(found);
                        *resolved = Some(blocks);
                    }
                    Err(problem) => self.warn(*span, problem),
                },
                Block::Extension { name, attributes, blocks: inside, span } if name == "code" && inside.is_empty() => {
                    let problem = self.snippet(attributes, inside, *span);
                    self.warn(*span, problem);
                }
                Block::Paragraph { inlines, .. } | Block::Heading { inlines, .. } if reads_inlines => {
                    self.read_inlines(inlines)
                }
                Block::Table { head, rows, .. } if reads_inlines => {
                    for cell in head.iter_mut().chain(rows.iter_mut().flatten()) {
                        self.read_inlines(cell);
                    }
                }
                Block::List { items, .. } => {
                    for item in items {
                        self.read(&mut item.blocks);
                    }
                }
                other => {
                    if let Some(blocks) = other.children_mut() {
                        self.read(blocks);
                    }
                }
            }
        }
    }

    /// Reads the files of the `[!INCLUDE]`s inside a sentence: their paragraphs' text takes the include's place.
    fn read_inlines(&mut self, inlines: &mut [Inline]) {
        for inline in inlines {
            match inline {
                Inline::Include { path: target, resolved, span, .. } => match self.included(target) {
                    Ok((file, blocks)) => {
                        let mut text = Vec::new();
                        for block in blocks {
                            if let Block::Paragraph { inlines, span } | Block::Heading { inlines, span, .. } = block {
                                if !text.is_empty() {
                                    text.push(Inline::Text {
                                        text: " ".to_owned(),
                                        span: Span {
                                            end: span.start,
                                            end_line: span.line,
                                            end_column: span.column,
                                            ..span
                                        },
                                    });
                                }
                                text.extend(inlines);
                            }
                        }
                        *resolved = Some(Box::new(IncludedText { file, inlines: text }));
                    }
                    Err(problem) => self.warn(*span, problem),
                },
                Inline::Emphasis { children, .. } | Inline::Link { children, .. } => self.read_inlines(children),
                _ => {}
            }
        }
    }

    /// The blocks of the file an include names, parsed (with its own includes, as docfx reads them), its relative
    /// links rebased on the article, and its path below the docs root; else what went wrong (`None` when includes are
    /// not read at all).
    fn included(&mut self, target: &str) -> Result<(String, Vec<Block>), Option<String>> {
        match self.includes.load(&self.from(), target) {
            Loaded::Found { file, text } => {
                if self.includers.contains(&file) {
                    let cycle: Vec<&str> = self.includers.iter().map(String::as_str).chain([file.as_str()]).collect();
                    return Err(Some(format!("include {target} makes a cycle, {}; not read again", cycle.join(" → "))));
                }
                if self.includers.len() >= MAX_INCLUDE_DEPTH {
                    return Err(Some(format!(
                        "include {target} is nested more than {MAX_INCLUDE_DEPTH} includes deep; not read"
                    )));
                }
                let includers = [self.includers, std::slice::from_ref(&file)].concat();
                let inner = parse_within(&file, &text, self.options, self.includes, &includers);
                let shown = self.includes.shown(&file);
                self.diagnostics.extend(inner.diagnostics.into_iter().map(|mut diagnostic| {
                    if diagnostic.location.path == file {
                        diagnostic.location.path.clone_from(&shown);
                    }
                    diagnostic
                }));
                let mut blocks = inner.article.preamble;
                for section in inner.article.sections {
                    flatten_section(section, &mut blocks);
                }
                include::rebase_links(&mut blocks, target);
                Ok((file, blocks))
            }
            Loaded::Missing => Err(Some(format!("included file {target} not found; kept as an unresolved include"))),
            Loaded::OutsideRoot => Err(Some(format!("include {target} points outside the docs root; not read"))),
            Loaded::Unreadable(why) => Err(Some(format!("included file {target} cannot be read: {why}"))),
            Loaded::Disabled => Err(None),
        }
    }

    /// Reads the code a `code` extension of `attributes` shows into a code block in `inside`; what went wrong, if
    /// anything.
    fn snippet(&self, attributes: &[Attribute], inside: &mut Vec<Block>, span: Span) -> Option<String> {
        let source = attribute(attributes, "source")?;
        match self.includes.load(&self.from(), source) {
            Loaded::Found { text, .. } => {
                // Code files are often saved with a byte order mark, which is no character of the code.
                let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
                match snippet::select(text, attribute(attributes, "range"), attribute(attributes, "id")) {
                    Ok(code) => {
                        let language = attribute(attributes, "language").map(str::to_owned);
                        inside.push(Block::Code { language, code, span });
                        None
                    }
                    Err(why) => Some(format!("code snippet {source}: {why}; printed as its path")),
                }
            }
            Loaded::Missing => Some(format!("code snippet {source} not found; printed as its path")),
            Loaded::OutsideRoot => Some(format!("code snippet {source} points outside the docs root; not read")),
            Loaded::Unreadable(why) => Some(format!("code snippet {source} cannot be read: {why}")),
            Loaded::Disabled => None,
        }
    }

    /// Where the file read is, for the include source: an article's path as given, an included file's from the docs
    /// root (`~/`).
    fn from(&self) -> Cow<'_, str> {
        if self.includers.is_empty() { Cow::Borrowed(self.path) } else { Cow::Owned(format!("~/{}", self.path)) }
    }

    fn warn(&mut self, span: Span, problem: Option<String>) {
        if let Some(message) = problem {
            self.diagnostics.push(Diagnostic::new(
                PARSE_ERROR,
                Severity::Warning,
                Location::new(self.path, span),
                message,
            ));
        }
    }
}

/// An included file's sections back to a flat block list, headings as heading blocks.
fn flatten_section(section: crate::model::Section, out: &mut Vec<Block>) {
    out.push(Block::Heading { level: section.level, inlines: section.heading, span: section.heading_span });
    out.extend(section.blocks);
    for child in section.sections {
        flatten_section(child, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_come_from_locale_folders() {
        assert_eq!(locale_in_path("content/fr-fr/close-your-account.md").as_deref(), Some("fr-fr"));
        assert_eq!(locale_in_path("corpus/en-us/SecurityCompliance/a.md").as_deref(), Some("en-us"));
        assert_eq!(locale_in_path("docs/zh-hant/a.md").as_deref(), Some("zh-hant"));
        assert_eq!(locale_in_path("fr-fr.md"), None);
        assert_eq!(locale_in_path("docs/add-users/a.md"), None);
        assert_eq!(locale_in_path("docs/set-up/a.md"), None);
    }

    fn paragraph_of(text: &str) -> (Vec<crate::model::Inline>, Vec<Diagnostic>) {
        let parsed = parse("a.md", text, &ParseOptions::default(), &NoIncludes);
        match &parsed.article.sections[0].blocks[..] {
            [Block::Paragraph { inlines, .. }] => (inlines.clone(), parsed.diagnostics),
            other => panic!("{other:?}"),
        }
    }

    /// What each inline's span covers in `text`.
    fn sources<'t>(text: &'t str, inlines: &[crate::model::Inline]) -> Vec<&'t str> {
        inlines.iter().map(|inline| &text[inline.span().start..inline.span().end]).collect()
    }

    #[test]
    fn a_paragraph_starting_with_no_loc_is_a_paragraph() {
        let text = "# T\n\n:::no-loc text=\"Azure\"::: is a product.\n";
        let (inlines, diagnostics) = paragraph_of(text);
        assert_eq!(diagnostics, []);
        assert!(matches!(&inlines[0], crate::model::Inline::NoLoc { text, .. } if text == "Azure"), "{inlines:?}");
        assert_eq!(crate::model::text::inlines(&inlines), "Azure is a product.");
    }

    #[test]
    fn messages_quote_at_most_a_clip_of_the_line() {
        let text = format!("# T\n\n:::image {}\n", "source=unquoted ".repeat(10_000));
        let parsed = parse("a.md", &text, &ParseOptions::default(), &NoIncludes);
        assert!(!parsed.diagnostics.is_empty() && !parsed.has_errors(), "one bad block leaves the article usable");
        for diagnostic in &parsed.diagnostics {
            assert!(diagnostic.message.len() < 300, "{}", diagnostic.message);
        }
    }

    #[test]
    fn each_inline_around_a_no_loc_has_its_own_span() {
        let text = "# T\n\nSee **bold** and :::no-loc text=\"Contoso\"::: here.\n";
        let (inlines, _) = paragraph_of(text);
        assert_eq!(sources(text, &inlines), ["See ", "**bold**", " and ", ":::no-loc text=\"Contoso\":::", " here."]);
        let text = "# T\n\n:::no-loc text=\"A\":::, :::no-loc text=\"B\":::\n";
        assert_eq!(sources(text, &paragraph_of(text).0), [":::no-loc text=\"A\":::", ", ", ":::no-loc text=\"B\":::"]);
    }

    /// Machine-translated articles keep the English of each sentence in a `<span class="sxs-lookup">` Learn hides: it
    /// is no text of the article, but stays in the model as the HTML it is.
    #[test]
    fn the_english_hidden_beside_a_machine_translation_is_no_text() {
        let hidden = r#"<span class="sxs-lookup"><span data-stu-id="1">Select **Finish** [here](a.md).</span></span>"#;
        let text = format!("# T\n\n<span data-ttu-id=\"1\">Sélectionnez **Terminer**.</span>{hidden} Puis *fermez*.\n");
        let (inlines, diagnostics) = paragraph_of(&text);
        assert_eq!(diagnostics, []);
        assert_eq!(crate::model::text::inlines(&inlines), "Sélectionnez Terminer. Puis fermez.");
        assert!(sources(&text, &inlines).contains(&hidden), "{inlines:?}");
        // Left open, it ends with its paragraph.
        let parsed = parse(
            "a.md",
            "# T\n\nUn. <span class=\"x sxs-lookup\">One.\n\nDeux.\n",
            &ParseOptions::default(),
            &NoIncludes,
        );
        assert_eq!(crate::model::text::blocks(&parsed.article.sections[0].blocks), "Un. \nDeux.");
    }

    #[test]
    fn an_xref_autolink_shows_the_name_its_uid_names() {
        let text = "# T\n\nCall <xref:System.String.Format%2A?displayProperty=nameWithType> or [Format](xref:System.String.Format).\n";
        let (inlines, _) = paragraph_of(text);
        assert_eq!(crate::model::text::inlines(&inlines), "Call String.Format or Format.");
        let crate::model::Inline::Link { target, .. } = &inlines[1] else { panic!("{inlines:?}") };
        assert_eq!(target, "xref:System.String.Format%2A?displayProperty=nameWithType", "the target stays as written");
    }

    #[test]
    fn an_image_extension_inside_a_sentence_is_an_image() {
        let text = "# T\n\nSelect :::image type=\"icon\" source=\"gear.png\" border=\"false\"::: **Settings**, then \
                    :::image source=\"a.png\" alt-text=\"The page\":::.\n";
        let (inlines, diagnostics) = paragraph_of(text);
        assert_eq!(diagnostics, []);
        let icon = ":::image type=\"icon\" source=\"gear.png\" border=\"false\":::";
        let picture = ":::image source=\"a.png\" alt-text=\"The page\":::";
        assert_eq!(sources(text, &inlines), ["Select ", icon, " ", "**Settings**", ", then ", picture, "."]);
        let images: Vec<(&str, &str)> = inlines
            .iter()
            .filter_map(|inline| match inline {
                crate::model::Inline::Image { source, alt, .. } => Some((source.as_str(), alt.as_str())),
                _ => None,
            })
            .collect();
        assert_eq!(images, [("gear.png", ""), ("a.png", "The page")]);
        let (unclosed, _) = paragraph_of("# T\n\nSelect :::image source=\"gear.png\" the gear.\n");
        assert!(matches!(&unclosed[..], [crate::model::Inline::Text { .. }]), "left as text: {unclosed:?}");
    }

    /// Deep emphasis is flattened as it is read: 20,000 levels took seconds when each level was moved again on
    /// closing, and take milliseconds now, so a slow run of this test is the regression.
    #[test]
    fn deeply_nested_emphasis_is_flattened_in_linear_time() {
        for (open, close) in [("*", "*"), ("_", "_"), ("**", "**")] {
            let levels = 20_000;
            let text =
                format!("# T\n\n{}x{}\n", format!("{open}a ").repeat(levels), format!(" b{close}").repeat(levels));
            let (inlines, _) = paragraph_of(&text);
            let expected = format!("{}x{}", "a ".repeat(levels), " b".repeat(levels));
            assert_eq!(crate::model::text::inlines(&inlines), expected, "{open}");
            let mut depth = 0;
            let mut level = &inlines;
            while let Some(children) = level.iter().find_map(|inline| match inline {
                crate::model::Inline::Emphasis { children, .. } => Some(children),
                _ => None,
            }) {
                depth += 1;
                level = children;
            }
            assert!(depth < blocks::MAX_DEPTH, "{open}: {depth} levels kept");
        }
    }

    #[test]
    fn encoding_the_decoded_text_gives_the_file_bytes_back() {
        let text = "---\ntitle: Été\n---\n# 𝔸\r\n";
        let little_endian: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let big_endian: Vec<u8> =
            [0xFE, 0xFF].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect();
        let with_bom = format!("\u{feff}{text}").into_bytes();
        for bytes in [little_endian, big_endian, with_bom, text.as_bytes().to_vec()] {
            let decoded = decode("a.md", bytes.clone()).unwrap();
            assert_eq!(decoded.text.trim_start_matches('\u{feff}'), text);
            assert_eq!(decoded.encoding.encode(&decoded.text), bytes, "{:?}", decoded.encoding);
        }
    }

    /// A UTF-16 file cut short ends in half a character: refused where it is cut, not read with a NUL added.
    #[test]
    fn utf16_cut_in_the_middle_of_a_character_is_refused_where_it_is_cut() {
        let mut cut: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("# T\nAb".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        cut.push(b'c');
        let error = decode("a.md", cut).unwrap_err().to_string();
        assert_eq!(error, "a.md:2:3: the file is not UTF-8 text (invalid UTF-16)");
    }
}
