//! Sync: compare a translation with its source and report where they drift apart.
//!
//! [`run`] takes two files, or two directories whose Markdown files pair by relative path (`en-us/a/b.md` with
//! `fr-fr/a/b.md`, as Learn's localized repositories are laid out), or one directory holding a folder per locale, whose
//! configured locale pairs it compares folder with folder (`ROOT/en-us/**` with `ROOT/fr-fr/**` and
//! `ROOT/de-de/**`); it compares each pair of files in parallel. For each pair
//! ([`compare`]): the parser's findings ([`Rule::ParseError`]), the front matter ([`front_matter`]), whether the
//! translation was made from this source ([`stale`]), then the structure ([`structure`]: sections, blocks, list
//! items, numbered lists broken by an unindented block mended first ([`mend`]), the Markdown the translation broke
//! ([`markup`]), and within paired paragraphs their [`references`], [`numbers`] and [`language`]). Suppression comments
//! ([`suppress`]) and the configured severities apply last. Every finding is a [`Diagnostic`] located in the
//! translation, with its source counterpart when there is one; [`SyncError`] is only for runs that cannot happen.

pub mod align;
mod ascii;
pub mod document;
pub mod fragments;
pub mod front_matter;
pub mod glob;
pub mod language;
pub mod links;
pub mod markup;
pub mod mend;
pub mod numbers;
pub mod references;
pub mod rules;
pub mod stale;
pub mod structure;
pub mod suppress;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use thiserror::Error;

pub use document::Document;
pub use rules::Rule;

use crate::config::{RuleLevel, SyncConfig};
use crate::parse::{Decoded, ReadError, locale_of_file, read_decoded};
use crate::report::{Diagnostic, Location, Severity, SourceFiles};
use glob::Glob;
use numbers::Notation;
use stale::Repository;
use suppress::Suppressions;

/// Why a sync run could not happen. Problems in the files compared are findings, not errors.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum SyncError {
    /// SOURCE or TARGET does not exist.
    #[error("{}: no such file or directory", path.display())]
    NotFound {
        /// The path as given.
        path: PathBuf,
    },
    /// One of SOURCE and TARGET is a file and the other a directory.
    #[error("{} and {} must both be files or both be directories", source_path.display(), target_path.display())]
    Mixed {
        /// SOURCE.
        source_path: PathBuf,
        /// TARGET.
        target_path: PathBuf,
    },
    /// SOURCE and TARGET are one file: it would be compared with itself, and read as untranslated throughout.
    #[error("{}: SOURCE and TARGET are the same file; give the translation as TARGET", source_path.display())]
    SameFile {
        /// SOURCE.
        source_path: PathBuf,
    },
    /// SOURCE alone (or twice) is read as a docs root, but it lacks the folder of a locale.
    #[error(
        "{}: no such folder: one directory is read as a docs root holding a folder per locale, here `{source_locale}` \
         and `{target_locale}`; {what_to_pass}",
        path.display()
    )]
    MissingLocaleFolder {
        /// The folder that should hold the locale's files.
        path: PathBuf,
        /// The pair's source locale.
        source_locale: String,
        /// The pair's target locale.
        target_locale: String,
        /// The arguments to give instead.
        what_to_pass: String,
    },
    /// A source directory holds no Markdown file: a wrong path far more often than nothing to check.
    #[error("{}: no Markdown files to compare", path.display())]
    NoMarkdownFiles {
        /// The source directory.
        path: PathBuf,
    },
    /// Two directories have Markdown files but none at the same relative path: nothing would be compared, and a gate
    /// that passes then checks nothing.
    #[error(
        "{} ({}) and {} ({target_files}) have no file at the same relative path, so nothing would be compared{hint}",
        source_path.display(),
        crate::report::plural(*source_files, "Markdown file"),
        target_path.display()
    )]
    NothingPaired {
        /// SOURCE.
        source_path: PathBuf,
        /// TARGET.
        target_path: PathBuf,
        /// How many Markdown files SOURCE holds (after `ignore`).
        source_files: usize,
        /// How many TARGET holds.
        target_files: usize,
        /// The folder to pass instead, when one lines the files up (`; did you mean docs/fr-fr/sub?`), else empty.
        hint: String,
    },
    /// A directory could not be listed.
    #[error("{}: cannot list the directory", path.display())]
    List {
        /// The directory.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// A file could not be read (I/O, not its content).
    #[error(transparent)]
    Read(#[from] ReadError),
    /// `--git` was given but the source is not in a git repository, or git cannot run.
    #[error("{}: --git needs the source in a git repository: {message}", path.display())]
    Git {
        /// The source path.
        path: PathBuf,
        /// What git said.
        message: String,
    },
}

/// The languages of a pair: their names for messages, and which language checks apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Languages {
    /// The source language's name (`English`), or its locale when checkdown does not know it.
    pub source: String,
    /// The target language's name (`French`).
    pub target: String,
    /// Whether the source is English: the `untranslated` rule reads English function words.
    pub english_source: bool,
    /// Whether the target is French: the `untranslated` rule asks lingua, which knows English and French.
    pub french_target: bool,
    /// How the source writes numbers (`1,000.5`).
    pub source_notation: Notation,
    /// How the target writes numbers (`1 000,5`).
    pub target_notation: Notation,
}

impl Languages {
    /// The same pair the other way round: to read the source as the translation of the target.
    pub(crate) fn swapped(&self) -> Self {
        Self {
            source: self.target.clone(),
            target: self.source.clone(),
            english_source: false,
            french_target: false,
            source_notation: self.target_notation,
            target_notation: self.source_notation,
        }
    }

    /// The languages of locales `source` and `target` (`en-us`, `fr-fr`).
    pub fn of(source: &str, target: &str) -> Self {
        let name = |locale: &str| {
            let known = match crate::i18n::language_of(locale).as_str() {
                "en" => "English",
                "fr" => "French",
                "de" => "German",
                "es" => "Spanish",
                "it" => "Italian",
                "ja" => "Japanese",
                "ko" => "Korean",
                "nl" => "Dutch",
                "pl" => "Polish",
                "pt" => "Portuguese",
                "ru" => "Russian",
                "sv" => "Swedish",
                "tr" => "Turkish",
                "zh" => "Chinese",
                _ => return locale.to_owned(),
            };
            known.to_owned()
        };
        Self {
            source: name(source),
            target: name(target),
            english_source: crate::i18n::language_of(source) == "en",
            french_target: crate::i18n::language_of(target) == "fr",
            source_notation: Notation::of(source),
            target_notation: Notation::of(target),
        }
    }
}

/// How a run is configured: `checkdown.toml`'s `[sync]` section and the command-line options.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Severities set per rule (`off` drops the rule's findings).
    pub levels: BTreeMap<Rule, RuleLevel>,
    /// Paths (relative to the compared directories) not compared.
    pub ignore: Vec<Glob>,
    /// Source and target locales. Under one directory, every pair names a source and a target folder; with two
    /// paths, the first pair names the languages when the paths do not.
    pub locales: Vec<(String, String)>,
    /// Front matter keys translated besides `title`, `description`, `keywords`, `titleSuffix`.
    pub translated_keys: Vec<String>,
    /// Read the source repository's history (`--git`).
    pub git: bool,
    /// How many pairs to compare at once.
    pub jobs: usize,
    /// `--changed`: only the pairs with one of these files (canonical paths) are compared.
    pub changed: Option<HashSet<PathBuf>>,
}

impl Default for Settings {
    fn default() -> Self {
        Self::new(&SyncConfig::default(), false, 1)
    }
}

impl Settings {
    /// Settings from `[sync]`, `--git` and `--jobs`.
    pub fn new(config: &SyncConfig, git: bool, jobs: usize) -> Self {
        Self {
            levels: config.rules.clone(),
            ignore: config.ignore.iter().map(|pattern| Glob::new(pattern)).collect(),
            locales: config.locales.clone(),
            translated_keys: config.translated_keys.clone(),
            git,
            jobs: jobs.max(1),
            changed: None,
        }
    }

    /// Whether `pair` is compared: with `--changed`, only when its source or translation changed.
    fn compares(&self, pair: &Pair) -> bool {
        self.in_change(&pair.source) || self.in_change(&pair.target)
    }

    /// Whether the file at `path` is part of the change checked: any file without `--changed`.
    fn in_change(&self, path: &Path) -> bool {
        let Some(changed) = &self.changed else { return true };
        std::fs::canonicalize(path).is_ok_and(|path| changed.contains(&path))
    }

    /// The severity `rule` reports at: the configured one, else the rule's default; `None` when the rule is off.
    pub fn severity(&self, rule: Rule) -> Option<Severity> {
        match self.levels.get(&rule) {
            None => Some(rule.default_severity()),
            Some(level) => level.severity(),
        }
    }

    /// Applies the configured severities: drops the findings of rules that are off, sets the configured level on the
    /// others (the parser's own levels stay unless `parse-error` is configured).
    fn apply_levels(&self, diagnostics: &mut Vec<Diagnostic>) {
        diagnostics.retain_mut(|diagnostic| {
            let Some(rule) = Rule::from_name(&diagnostic.rule) else { return true };
            match self.levels.get(&rule) {
                None => true,
                Some(level) => level.severity().map(|severity| diagnostic.severity = severity).is_some(),
            }
        });
    }

    fn ignores(&self, relative: &str) -> bool {
        self.ignore.iter().any(|glob| glob.matches(relative))
    }

    /// The `ignore` patterns, as configured, that match none of the `listed` relative paths.
    fn unmatched_ignores(&self, listed: &[String]) -> Vec<String> {
        self.ignore
            .iter()
            .filter(|glob| !listed.iter().any(|relative| glob.matches(relative)))
            .map(Glob::written)
            .collect()
    }

    /// The configured locale pairs, or English and French when none is.
    fn locale_pairs(&self) -> Vec<(&str, &str)> {
        if self.locales.is_empty() {
            return vec![("en-us", "fr-fr")];
        }
        self.locales.iter().map(|(source, target)| (source.as_str(), target.as_str())).collect()
    }

    /// The locales of a pair of paths shown as `source` and `target` (files, or folders followed by `/x`): their
    /// locale folders, else the first configured pair.
    fn locales_of(&self, source: &str, target: &str) -> Locales {
        let (default_source, default_target) = self.locale_pairs()[0];
        Locales {
            source: locale_of_file(source).unwrap_or_else(|| default_source.to_owned()),
            target: locale_of_file(target).unwrap_or_else(|| default_target.to_owned()),
        }
    }
}

/// How far a run has got: pairs compared out of the total. Another thread may read it to show progress.
#[derive(Debug, Default)]
pub struct Progress {
    /// Pairs compared so far.
    pub done: AtomicUsize,
    /// Pairs to compare; set once the directories are listed.
    pub total: AtomicUsize,
}

/// What a run found.
#[derive(Debug, Default)]
pub struct Outcome {
    /// The findings, sorted by path, line, column and rule.
    pub diagnostics: Vec<Diagnostic>,
    /// The lines the findings show, for the text format's snippets and the fingerprints.
    pub files: SourceFiles,
    /// How many translations were compared with their source.
    pub files_checked: usize,
    /// How many pairs were left out because `--changed` lists neither of their files.
    pub pairs_unchanged: usize,
    /// The paths of every file compared or reported, as findings show them.
    pub paths: HashSet<String>,
    /// The `ignore` patterns that matched no file of the compared directories: misspelt, or relative to another
    /// folder than the compared ones.
    pub unmatched_ignores: Vec<String>,
}

/// The locales of a pair of files or folders (`en-us`, `fr-fr`).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Locales {
    source: String,
    target: String,
}

/// One pair to compare.
#[derive(Debug, Clone)]
struct Pair {
    source: PathBuf,
    target: PathBuf,
    /// The paths shown in findings.
    source_shown: String,
    target_shown: String,
    /// The path within the compared directories.
    relative: String,
    /// The languages compared.
    locales: Locales,
}

/// Compares `source` with `target`: two files, two directories, or twice the same directory, which then holds a
/// folder per locale of [`Settings::locales`] and has each configured pair of folders compared.
///
/// # Errors
///
/// When the paths do not exist or are not both files or both directories, when a configured locale has no folder in
/// the one directory given, when a directory cannot be listed or a file cannot be read (unreadable content, such as
/// invalid UTF-8, is a `parse-error` finding instead), and with `--git` when the source is not in a git repository.
pub fn run(source: &Path, target: &Path, settings: &Settings, progress: &Progress) -> Result<Outcome, SyncError> {
    let kind = |path: &Path| std::fs::metadata(path).map(|metadata| metadata.is_dir()).ok();
    let (Some(source_is_dir), Some(target_is_dir)) = (kind(source), kind(target)) else {
        let missing = if kind(source).is_none() { source } else { target };
        return Err(SyncError::NotFound { path: missing.to_owned() });
    };
    if source_is_dir != target_is_dir {
        return Err(SyncError::Mixed { source_path: source.to_owned(), target_path: target.to_owned() });
    }
    if !source_is_dir && same_path(source, target) {
        return Err(SyncError::SameFile { source_path: source.to_owned() });
    }
    let repository = if settings.git { Some(Repository::discover(source)?) } else { None };
    let mut outcome = Outcome::default();
    let mut listed = Vec::new();
    let pairs = if source_is_dir && same_path(source, target) {
        pair_locale_folders(source, settings, &mut outcome.diagnostics, &mut listed)?
    } else if source_is_dir {
        let folder = |root: &Path| join(&shown_root(root), "x");
        let locales = settings.locales_of(&folder(source), &folder(target));
        pair_directories(source, target, &locales, settings, &mut outcome.diagnostics, &mut listed)?
    } else {
        let name = |path: &Path| path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
        let shown = |path: &Path| join(&shown_root(path.parent().unwrap_or(Path::new(""))), &name(path));
        let pair = Pair {
            source: source.to_owned(),
            target: target.to_owned(),
            source_shown: shown(source),
            target_shown: shown(target),
            relative: name(target),
            locales: settings.locales_of(&shown(source), &shown(target)),
        };
        if settings.ignores(&pair.target_shown) { Vec::new() } else { vec![pair] }
    };
    let found = pairs.len();
    let pairs: Vec<Pair> = pairs.into_iter().filter(|pair| settings.compares(pair)).collect();
    outcome.pairs_unchanged = found - pairs.len();
    // What pairing found (an English file with no translation) is about one file too: kept when it is listed, or
    // when the path shown cannot be found from here to tell (an absolute path shown from the folder's name).
    outcome.diagnostics.retain(|diagnostic| {
        let path = Path::new(&diagnostic.location.path);
        !path.exists() || settings.in_change(path)
    });
    progress.total.store(pairs.len(), Ordering::Relaxed);
    outcome.files_checked = pairs.len();
    if source_is_dir {
        outcome.unmatched_ignores = settings.unmatched_ignores(&listed);
    }
    outcome.paths = pairs.iter().flat_map(|pair| [pair.source_shown.clone(), pair.target_shown.clone()]).collect();

    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, Result<Compared, SyncError>)>> = Mutex::new(Vec::with_capacity(pairs.len()));
    let work = || {
        loop {
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some(pair) = pairs.get(index) else { break };
            let result = compare_pair(pair, settings, repository.as_ref());
            progress.done.fetch_add(1, Ordering::Relaxed);
            results.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push((index, result));
        }
    };
    let workers = settings.jobs.min(pairs.len()).max(1);
    // The calling thread is one of the workers: its allocator pages are warm, a fresh thread's are not.
    std::thread::scope(|scope| {
        for _ in 1..workers {
            scope.spawn(work);
        }
        work();
    });
    let mut results = results.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    results.sort_by_key(|(index, _)| *index);
    for (_, result) in results {
        let compared = result?;
        outcome.files.extend(compared.files);
        outcome.diagnostics.extend(compared.diagnostics);
    }
    outcome.paths.extend(outcome.diagnostics.iter().map(|diagnostic| diagnostic.location.path.clone()));
    sort(&mut outcome.diagnostics);
    Ok(outcome)
}

/// Sorts findings by path, line, column and rule, and drops exact repeats.
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| {
        (&a.location.path, a.location.span.map(|s| (s.line, s.column)), &a.rule, &a.message).cmp(&(
            &b.location.path,
            b.location.span.map(|s| (s.line, s.column)),
            &b.rule,
            &b.message,
        ))
    });
    diagnostics.dedup();
}

/// A compared pair's findings and the lines of its files they show.
struct Compared {
    diagnostics: Vec<Diagnostic>,
    files: SourceFiles,
}

fn compare_pair(pair: &Pair, settings: &Settings, repository: Option<&Repository>) -> Result<Compared, SyncError> {
    let (source_text, target_text) =
        match (read(&pair.source, &pair.source_shown)?, read(&pair.target, &pair.target_shown)?) {
            (Ok(source), Ok(target)) => (source, target),
            (source, target) => {
                let mut diagnostics: Vec<Diagnostic> = [source.err(), target.err()].into_iter().flatten().collect();
                settings.apply_levels(&mut diagnostics);
                return Ok(Compared { diagnostics, files: SourceFiles::new() });
            }
        };
    let source = Document::new(pair.source_shown.clone(), pair.relative.clone(), source_text.text)
        .stored_as(source_text.encoding);
    let target = Document::new(pair.target_shown.clone(), pair.relative.clone(), target_text.text)
        .stored_as(target_text.encoding);
    let context = Context {
        languages: Languages::of(&pair.locales.source, &pair.locales.target),
        target_locale: pair.locales.target.clone(),
        history: repository.map(|repository| (repository, pair.source.as_path())),
    };
    let (source, target) = Document::with_ends_closed(source, target, &context.languages);
    let diagnostics = compare(&source, &target, &context, settings);
    let mut files = SourceFiles::new();
    for document in [&source, &target] {
        files.insert_shown(&document.path, |line| document.line_text(line), &diagnostics);
    }
    Ok(Compared { diagnostics, files })
}

/// What [`compare`] needs to know about a pair besides its two files.
#[derive(Debug)]
pub struct Context<'a> {
    /// The languages compared.
    pub languages: Languages,
    /// The locale the translation should declare (`fr-fr`).
    pub target_locale: String,
    /// With `--git`: the source repository and the source file's path.
    pub history: Option<(&'a Repository, &'a Path)>,
}

/// Compares two parsed files: every rule, then suppressions and configured severities. Sorted.
pub fn compare(source: &Document, target: &Document, context: &Context<'_>, settings: &Settings) -> Vec<Diagnostic> {
    let languages = &context.languages;
    let mut found = parser_findings(source, target);
    front_matter::compare(source, target, &settings.translated_keys, languages, &mut found);
    front_matter::check_localization(target, Some(&context.target_locale), &mut found);
    front_matter::check_untranslated(source, target, languages, &mut found);
    stale::check(source, target, context.history, languages, &mut found);
    let compared = structure::compare(source, target, languages);
    // What the parser found in what a code fence left open swallowed follows from the fence too.
    found.retain(|diagnostic| !compared.swallowed.iter().any(|swallowed| swallowed.covers(source, target, diagnostic)));
    // A fence the translation alone left open (the parser's finding, not the source's too) is Markdown it broke.
    for diagnostic in &mut found {
        if compared.swallowed.iter().any(|swallowed| swallowed.is_parser_finding(target, diagnostic)) {
            diagnostic.rule = Rule::BrokenMarkdown.name().to_owned();
            diagnostic.severity = Severity::Error;
        }
    }
    found.extend(compared.findings);
    // A breakage the translation made is reported once, as such: not again as the parser's warning on its line (the
    // code fence it left open), or at the opening fence of a block read closed.
    let line_of =
        |diagnostic: &Diagnostic| (diagnostic.location.path.clone(), diagnostic.location.span.map(|span| span.line));
    let closed_openers = [source, target]
        .into_iter()
        .flat_map(|document| document.closed_fences.iter().map(|closed| (document.path.clone(), Some(closed.opener))));
    let broken: Vec<_> = found
        .iter()
        .filter(|diagnostic| diagnostic.rule == Rule::BrokenMarkdown.name())
        .map(line_of)
        .chain(closed_openers)
        .collect();
    found.retain(|diagnostic| {
        diagnostic.rule != Rule::ParseError.name()
            || diagnostic.severity == Severity::Error
            || !broken.contains(&line_of(diagnostic))
    });

    let source_suppressions = Suppressions::of(source, &mut found);
    let target_suppressions = Suppressions::of(target, &mut found);
    let suppressed = |diagnostic: &Diagnostic| {
        let at = |location: &Location, path: &str, suppressions: &Suppressions| {
            location.path == path && suppressions.covers(&diagnostic.rule, location.span.map(|span| span.start))
        };
        source_suppressions.covers(&diagnostic.rule, None)
            || target_suppressions.covers(&diagnostic.rule, None)
            || at(&diagnostic.location, &target.path, &target_suppressions)
            || at(&diagnostic.location, &source.path, &source_suppressions)
            || diagnostic.source.as_ref().is_some_and(|location| at(location, &source.path, &source_suppressions))
    };
    found.retain(|diagnostic| !suppressed(diagnostic));
    for diagnostic in &mut found {
        target.end_on_last_line(&mut diagnostic.location);
        source.end_on_last_line(&mut diagnostic.location);
        if let Some(location) = diagnostic.source.as_mut() {
            source.end_on_last_line(location);
        }
    }
    settings.apply_levels(&mut found);
    sort(&mut found);
    found
}

/// What the parser found in both files. A problem of the source is a note: the translation cannot mend it, and a gate
/// on translations does not fail on it. A problem the translation shares with the source (in the same section, counting
/// headings, with the same message once its numbers and the quoted words that hold a space, a translated title, are set
/// aside) is inherited: reported on the source alone.
fn parser_findings(source: &Document, target: &Document) -> Vec<Diagnostic> {
    // Each problem as (how many headings come before it, what it says).
    let keys = |document: &Document| -> Vec<(usize, String)> {
        let headings: Vec<u32> =
            document.article.all_sections().iter().map(|section| section.heading_span.line).collect();
        let key = |diagnostic: &Diagnostic| {
            let line = diagnostic.location.line();
            (headings.iter().filter(|&&heading| heading <= line).count(), problem(&diagnostic.message))
        };
        document.diagnostics.iter().map(key).collect()
    };
    let mut inherited = keys(source);
    let own = target.diagnostics.iter().zip(keys(target)).filter_map(|(diagnostic, key)| {
        let shared = inherited.iter().position(|source_key| *source_key == key);
        shared.map(|at| inherited.swap_remove(at)).is_none().then(|| diagnostic.clone())
    });
    let source_notes =
        source.diagnostics.iter().map(|diagnostic| Diagnostic { severity: Severity::Note, ..diagnostic.clone() });
    source_notes.chain(own).collect()
}

/// A parser's message with its digits and the `quoted` words that hold a space set aside: the problem it names,
/// whichever file and language.
fn problem(message: &str) -> String {
    let mut kept = String::with_capacity(message.len());
    for (index, part) in message.split('`').enumerate() {
        let quoted = index % 2 == 1;
        if quoted {
            kept.push('`');
        }
        if !(quoted && part.contains(' ')) {
            kept.extend(part.chars().filter(|character| !character.is_ascii_digit()));
        }
    }
    kept
}

/// Reads a file: its text and encoding, a `parse-error` finding when its content cannot be an article, or an error
/// when it cannot be read at all.
fn read(path: &Path, shown: &str) -> Result<Result<Decoded, Diagnostic>, SyncError> {
    let problem = |location: Location, message: &str| {
        Ok(Err(Diagnostic::new(Rule::ParseError.name(), Severity::Error, location, message)))
    };
    match read_decoded(path) {
        Ok(decoded) => Ok(Ok(decoded)),
        Err(ReadError::Empty { .. }) => problem(Location::file(shown), "the file is empty"),
        Err(ReadError::TooLarge { size, limit, .. }) => problem(
            Location::file(shown),
            &format!("the file is {size} bytes; checkdown reads articles of up to {limit} bytes"),
        ),
        Err(ReadError::NotUtf8 { line, column, hint, .. }) => {
            let (line, column) = (u32::try_from(line).unwrap_or(u32::MAX), u32::try_from(column).unwrap_or(u32::MAX));
            let span = crate::model::Span { line, column, end_line: line, end_column: column, ..Default::default() };
            problem(Location::new(shown, span), &format!("the file is not UTF-8 text{hint}"))
        }
        Err(error) => Err(error.into()),
    }
}

/// Whether two paths name the same file or directory.
pub(crate) fn same_path(a: &Path, b: &Path) -> bool {
    a == b || matches!((a.canonicalize(), b.canonicalize()), (Ok(a), Ok(b)) if a == b)
}

/// What to run instead of `checkdown sync ROOT` when ROOT lacks a locale folder: with a locale folder itself
/// (`docs/en-us`), its parent as the root or the two locale folders; else the root that holds the locale folders.
fn what_to_pass(root: &Path, source_locale: &str, target_locale: &str) -> String {
    let name = root.file_name().map(|name| name.to_string_lossy().to_lowercase()).unwrap_or_default();
    match root.parent().filter(|_| name == source_locale || name == target_locale) {
        Some(parent) => {
            let shown = |path: &Path| path.display().to_string();
            let parent_shown = if parent.as_os_str().is_empty() { ".".to_owned() } else { shown(parent) };
            format!(
                "pass the folder above it, `checkdown sync {parent_shown}`, or SOURCE and TARGET, `checkdown sync {} {}`",
                shown(&parent.join(source_locale)),
                shown(&parent.join(target_locale))
            )
        }
        None => format!("pass the folder that holds `{source_locale}/` and `{target_locale}/`, or SOURCE and TARGET"),
    }
}

/// Pairs the files of `root`'s locale folders, for each configured locale pair (`root/en-us` with `root/fr-fr`, then
/// with `root/de-de`…). Every folder is checked before any is listed.
fn pair_locale_folders(
    root: &Path,
    settings: &Settings,
    found: &mut Vec<Diagnostic>,
    listed: &mut Vec<String>,
) -> Result<Vec<Pair>, SyncError> {
    let locale_pairs = settings.locale_pairs();
    for &(source_locale, target_locale) in &locale_pairs {
        if let Some(missing) = [source_locale, target_locale].into_iter().find(|locale| !root.join(locale).is_dir()) {
            return Err(SyncError::MissingLocaleFolder {
                path: root.join(missing),
                source_locale: source_locale.to_owned(),
                target_locale: target_locale.to_owned(),
                what_to_pass: what_to_pass(root, source_locale, target_locale),
            });
        }
    }
    let mut pairs = Vec::new();
    for (source_locale, target_locale) in locale_pairs {
        let locales = Locales { source: source_locale.to_owned(), target: target_locale.to_owned() };
        pairs.extend(pair_directories(
            &root.join(source_locale),
            &root.join(target_locale),
            &locales,
            settings,
            found,
            listed,
        )?);
    }
    Ok(pairs)
}

/// Pairs the Markdown files of two directories, whose files are in `locales`, by relative path, and reports the files
/// without a partner.
fn pair_directories(
    source: &Path,
    target: &Path,
    locales: &Locales,
    settings: &Settings,
    found: &mut Vec<Diagnostic>,
    listed: &mut Vec<String>,
) -> Result<Vec<Pair>, SyncError> {
    let (source_shown, target_shown) = (shown_root(source), shown_root(target));
    let all_source_files = markdown_files(source)?;
    if all_source_files.is_empty() {
        return Err(SyncError::NoMarkdownFiles { path: source.to_owned() });
    }
    let all_target_files = markdown_files(target)?;
    listed.extend(all_source_files.iter().chain(&all_target_files).cloned());
    let source_files: Vec<String> =
        all_source_files.into_iter().filter(|relative| !settings.ignores(relative)).collect();
    let target_files: Vec<String> =
        all_target_files.into_iter().filter(|relative| !settings.ignores(relative)).collect();
    let target_set: HashSet<&str> = target_files.iter().map(String::as_str).collect();
    let source_set: HashSet<&str> = source_files.iter().map(String::as_str).collect();
    let Languages { source: source_name, target: target_name, .. } = Languages::of(&locales.source, &locales.target);
    let mut pairs = Vec::new();
    for relative in &source_files {
        let (source_path, target_path) = (join(&source_shown, relative), join(&target_shown, relative));
        if target_set.contains(relative.as_str()) {
            pairs.push(Pair {
                source: source.join(relative),
                target: target.join(relative),
                source_shown: source_path,
                target_shown: target_path,
                relative: relative.clone(),
                locales: locales.clone(),
            });
        } else {
            // Located in the English file: a location in the translation that does not exist would point nowhere in
            // SARIF and annotations.
            let missing =
                |path: &str| format!("the {source_name} file has no {target_name} translation: {path} does not exist");
            found.push(
                Rule::MissingTranslation
                    .diagnostic(Location::start_of(source_path), missing(&target_path))
                    .with_stable_message(missing(relative)),
            );
        }
    }
    for relative in target_files.iter().filter(|relative| !source_set.contains(relative.as_str())) {
        let orphan = |path: &str| format!("the {target_name} file has no {source_name} source at {path}");
        found.push(
            Rule::OrphanTranslation
                .diagnostic(Location::file(join(&target_shown, relative)), orphan(&join(&source_shown, relative)))
                .with_stable_message(orphan(relative)),
        );
    }
    if pairs.is_empty() && !source_files.is_empty() {
        return Err(SyncError::NothingPaired {
            source_path: source.to_owned(),
            target_path: target.to_owned(),
            source_files: source_files.len(),
            target_files: target_files.len(),
            hint: lined_up(&source_files, &target_files, &source_shown, &target_shown),
        });
    }
    settings.apply_levels(found);
    Ok(pairs)
}

/// When the files of one side are one folder deeper than the other's (`fr-fr/sub/x.md` against `en-us/x.md`), the
/// folder to pass instead, as a hint for [`SyncError::NothingPaired`]; else empty.
fn lined_up(source_files: &[String], target_files: &[String], source_shown: &str, target_shown: &str) -> String {
    /// The first folder of `files` that, stripped from their paths, gives the most of `other`'s, and how many.
    fn deeper<'f>(files: &'f [String], other: &[String]) -> Option<(&'f str, usize)> {
        let other: HashSet<&str> = other.iter().map(String::as_str).collect();
        let mut counts: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
        for (folder, rest) in files.iter().filter_map(|file| file.split_once('/')) {
            if other.contains(rest) {
                *counts.entry(folder).or_default() += 1;
            }
        }
        counts.into_iter().max_by_key(|(_, count)| *count)
    }
    match (deeper(target_files, source_files), deeper(source_files, target_files)) {
        (Some((folder, found)), other) if other.is_none_or(|(_, more)| more <= found) => {
            format!("; did you mean {}?", join(target_shown, folder))
        }
        (_, Some((folder, _))) => format!("; did you mean {}?", join(source_shown, folder)),
        _ => String::new(),
    }
}

/// The relative paths (`/`-separated, sorted) of the Markdown files under `root`, skipping hidden entries. Symbolic
/// links to directories are not followed, so a link cycle cannot hang the walk.
fn markdown_files(root: &Path) -> Result<Vec<String>, SyncError> {
    let mut files = Vec::new();
    let mut pending = vec![(root.to_path_buf(), String::new())];
    while let Some((folder, prefix)) = pending.pop() {
        let entries = std::fs::read_dir(&folder).map_err(|source| SyncError::List { path: folder.clone(), source })?;
        for entry in entries {
            let entry = entry.map_err(|source| SyncError::List { path: folder.clone(), source })?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            let relative = if prefix.is_empty() { name.clone() } else { format!("{prefix}/{name}") };
            let file_type = entry.file_type().map_err(|source| SyncError::List { path: entry.path(), source })?;
            if file_type.is_dir() {
                pending.push((entry.path(), relative));
            } else if name.to_ascii_lowercase().ends_with(".md")
                && (file_type.is_file() || file_type.is_symlink() && entry.path().is_file())
            {
                files.push(relative);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// How to show paths under `root`: as given when relative, relative to the current directory when inside it, else
/// absolute, so that every path a report shows opens from where checkdown ran. `/`-separated, no trailing `/`.
fn shown_root(root: &Path) -> String {
    let current = std::env::current_dir().ok().filter(|_| root.is_absolute());
    let relative = match current.as_deref().and_then(|current| root.strip_prefix(current).ok()) {
        Some(inside) => inside,
        None => root,
    };
    let text = relative.to_string_lossy().replace('\\', "/");
    let text = text.trim_start_matches("./");
    match text.trim_end_matches('/') {
        "" if text.starts_with('/') => "/".to_owned(),
        "." => String::new(),
        trimmed => trimmed.to_owned(),
    }
}

fn join(folder: &str, relative: &str) -> String {
    match folder {
        "" => relative.to_owned(),
        "/" => format!("/{relative}"),
        _ => format!("{folder}/{relative}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_names_come_from_locales() {
        let languages = Languages::of("en-us", "fr-FR");
        assert_eq!((languages.source.as_str(), languages.target.as_str()), ("English", "French"));
        assert!(languages.english_source && languages.french_target);
        let other = Languages::of("en-us", "xx-yy");
        assert_eq!(other.target, "xx-yy");
        assert!(!other.french_target);
    }

    #[test]
    fn relative_roots_are_shown_as_given() {
        assert_eq!(shown_root(Path::new("./content/fr-fr/")), "content/fr-fr");
        assert_eq!(shown_root(Path::new(".")), "");
        assert_eq!(join(&shown_root(Path::new("/")), "x.md"), "/x.md");
        assert_eq!(shown_root(Path::new("/nowhere/near/fr-fr/")), "/nowhere/near/fr-fr");
        let inside = std::env::current_dir().unwrap().join("docs/fr-fr");
        assert_eq!(shown_root(&inside), "docs/fr-fr");
    }
}
