//! Findings as data: one [`Diagnostic`] type for everything checkdown reports about files (parse problems, EN/FR
//! drift), and one renderer module per output format.
//!
//! Diagnostics are not errors: an error means checkdown could not do its job (exit 2); a diagnostic is something it
//! found (exit 1 at or above `--fail-on`).
//!
//! [`render`] writes diagnostics in a [`Format`]: [`text`] for people, [`json`] for scripts, [`sarif`] for GitHub code
//! scanning and [`github`] for workflow annotations. Every renderer takes the same inputs: the diagnostics, in the
//! order they are to be shown (callers sort them by path, line, column, rule), and a [`RenderContext`] holding the
//! rule descriptions ([`RuleDoc`]), the texts of the files read ([`SourceFiles`]) and the output options. Renderers do
//! no file I/O and never fail on odd input: a missing file text or a span past the end of a line only means less
//! context in the output.
//!
//! A [`baseline::Baseline`] reads a JSON report back, to leave out the findings a team has accepted for now.

pub mod baseline;
pub mod files;
pub mod github;
pub mod json;
pub mod markdown;
pub mod sarif;
pub mod text;

#[cfg(test)]
mod testing;

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub use files::SourceFiles;

use crate::model::Span;

/// How serious a finding is. Ordered: `Note < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a build by default.
    Note,
    /// Probably wrong.
    Warning,
    /// Wrong: a reader of the target gets something different from the source.
    Error,
}

impl Severity {
    /// The lower-case name (`error`), as used in every output format.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Note => "note",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.write_str(self.as_str())
    }
}

/// A place in a file: the path as the user gave it (or relative to the directory compared) and a span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// The file path, with `/` separators.
    pub path: String,
    /// Where in the file; `None` for a finding about the whole file (an orphan translation).
    pub span: Option<Span>,
}

impl Location {
    /// A location at `span` in `path`.
    pub fn new(path: impl Into<String>, span: Span) -> Self {
        Self { path: path.into(), span: Some(span) }
    }

    /// A location naming a whole file.
    pub fn file(path: impl Into<String>) -> Self {
        Self { path: path.into(), span: None }
    }

    /// Line 1, column 1 of `path`: for a finding about a whole file that annotations must still show at a line.
    pub fn start_of(path: impl Into<String>) -> Self {
        Self::new(path, Span { start: 0, end: 0, line: 1, column: 1, end_line: 1, end_column: 1 })
    }

    /// The 1-based line, 1 for a whole-file location.
    pub fn line(&self) -> u32 {
        self.span.map_or(1, |span| span.line)
    }

    /// The 1-based column, 1 for a whole-file location.
    pub fn column(&self) -> u32 {
        self.span.map_or(1, |span| span.column)
    }
}

impl std::fmt::Display for Location {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.span {
            Some(span) => write!(formatter, "{}:{}:{}", self.path, span.line, span.column),
            None => formatter.write_str(&self.path),
        }
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// The stable kebab-case rule name (`list-item-count`, `parse-error`).
    pub rule: String,
    /// How serious it is.
    pub severity: Severity,
    /// One sentence saying what is wrong, naming both sides where there are two.
    pub message: String,
    /// Where it is: for sync findings, the translation (target) side.
    pub location: Location,
    /// The counterpart in the source (English) file, when there is one.
    pub source: Option<Location>,
    /// More lines to act on, shown after the finding (what changed in the source since the translation was made).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The message as a baseline's fingerprint reads it, when `message` names other files by paths that depend on
    /// where checkdown ran (`docs/fr-fr/a.md` or `fr-fr/a.md`); `None` when the message is that already.
    #[serde(skip)]
    pub stable_message: Option<String>,
}

impl Diagnostic {
    /// A finding of `rule` at `location`.
    pub fn new(rule: &str, severity: Severity, location: Location, message: impl Into<String>) -> Self {
        Self {
            rule: rule.to_owned(),
            severity,
            message: message.into(),
            location,
            source: None,
            note: None,
            stable_message: None,
        }
    }

    /// The same finding, fingerprinted with `message` in place of its own (see [`Diagnostic::stable_message`]).
    pub fn with_stable_message(mut self, message: impl Into<String>) -> Self {
        self.stable_message = Some(message.into());
        self
    }

    /// The same finding with its source-side counterpart.
    pub fn with_source(mut self, source: Location) -> Self {
        self.source = Some(source);
        self
    }

    /// The same finding with a note of one or more lines.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "{}: {}[{}]: {}", self.location, self.severity, self.rule, self.message)
    }
}

/// The last line holding a character of `span`: a span that ends just after a line break (`end_column` 1) ends on the
/// line before its `end_line`, which is what a reader would highlight.
pub(crate) fn last_covered_line(span: Span) -> u32 {
    if span.end_column <= 1 && span.end_line > span.line { span.end_line - 1 } else { span.end_line.max(span.line) }
}

/// What the renderers need to know about a rule. The rule registry (in sync) owns one per rule; renderers only read
/// them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleDoc {
    /// The stable kebab-case name, equal to [`Diagnostic::rule`] (`list-item-count`).
    pub name: &'static str,
    /// The severity the rule reports at unless configured otherwise.
    pub severity: Severity,
    /// One line saying what the rule finds, without a final period.
    pub summary: &'static str,
    /// Markdown: what the rule checks, why it matters, and an example. The first paragraph that is not a heading
    /// stands alone where only one paragraph fits (SARIF `fullDescription`).
    pub explanation: &'static str,
}

/// Counts of diagnostics by severity, and how many files were checked. The text and GitHub formats print it as their
/// last line ("3 errors, 2 warnings, 1 note (4 files checked)"); the JSON format writes it as the `summary` object.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// How many files were checked, files without findings included; `None` when the caller did not say.
    pub files: Option<usize>,
    /// Diagnostics of severity error.
    pub errors: usize,
    /// Diagnostics of severity warning.
    pub warnings: usize,
    /// Diagnostics of severity note.
    pub notes: usize,
    /// How many findings a baseline held and were left out; `None` when no baseline was given.
    pub baselined: Option<usize>,
    /// How many findings a baseline holds that were not found (fixed since); `None` when no baseline was given.
    pub baseline_fixed: Option<usize>,
}

/// What a baseline did to a run's findings, for the summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BaselineCounts {
    /// Findings the baseline held, left out.
    pub left_out: usize,
    /// Findings the baseline holds, in the files compared, that the run did not find.
    pub fixed: usize,
}

impl Summary {
    /// The counts for `diagnostics`, found in `files` checked files when the caller knows how many, after a baseline
    /// when one was given.
    pub fn new(diagnostics: &[Diagnostic], files: Option<usize>, baseline: Option<BaselineCounts>) -> Self {
        let mut summary = Self {
            files,
            baselined: baseline.map(|counts| counts.left_out),
            baseline_fixed: baseline.map(|counts| counts.fixed),
            ..Self::default()
        };
        for diagnostic in diagnostics {
            summary.add(diagnostic.severity);
        }
        summary
    }

    /// How many diagnostics of `severity` were counted.
    pub fn count(&self, severity: Severity) -> usize {
        match severity {
            Severity::Note => self.notes,
            Severity::Warning => self.warnings,
            Severity::Error => self.errors,
        }
    }

    /// How many diagnostics were counted, all severities together.
    pub fn total(&self) -> usize {
        self.errors + self.warnings + self.notes
    }

    /// Counts one more diagnostic of `severity`.
    pub(crate) fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Note => self.notes += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Error => self.errors += 1,
        }
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let counts: Vec<String> = [(self.errors, "error"), (self.warnings, "warning"), (self.notes, "note")]
            .into_iter()
            .filter(|&(count, _)| count > 0)
            .map(|(count, noun)| plural(count, noun))
            .collect();
        if counts.is_empty() {
            formatter.write_str("no findings")?;
        } else {
            formatter.write_str(&counts.join(", "))?;
        }
        let files = self.files.map(|files| format!("{} checked", plural(files, "file")));
        let baselined = self.baselined.map(|known| {
            let fixed = self.baseline_fixed.filter(|&fixed| fixed > 0).map(|fixed| format!(", {fixed} fixed"));
            format!("{} of the baseline left out{}", plural(known, "finding"), fixed.unwrap_or_default())
        });
        let details: Vec<String> = files.into_iter().chain(baselined).collect();
        if details.is_empty() { Ok(()) } else { write!(formatter, " ({})", details.join(", ")) }
    }
}

/// `diagnostics` with errors first, then warnings, then notes; within a severity in the caller's order (path, line).
pub(crate) fn most_severe_first(diagnostics: &[Diagnostic]) -> Vec<&Diagnostic> {
    let mut sorted: Vec<&Diagnostic> = diagnostics.iter().collect();
    sorted.sort_by_key(|diagnostic| std::cmp::Reverse(diagnostic.severity));
    sorted
}

/// `count` and `noun`, with an `s` unless `count` is 1.
pub(crate) fn plural(count: usize, noun: &str) -> String {
    if count == 1 { format!("{count} {noun}") } else { format!("{count} {noun}s") }
}

/// An output format for diagnostics (`--format`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    /// rustc-style messages with the offending source lines, for people.
    #[default]
    Text,
    /// One JSON object with every diagnostic and a summary, for scripts.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands, which GitHub shows as annotations on the changed lines.
    Github,
    /// A Markdown summary and table of the findings, for a CI job's summary page or a pull request comment.
    #[value(alias = "md")]
    Markdown,
}

impl Format {
    /// The format's name, as `--format` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Json => "json",
            Self::Sarif => "sarif",
            Self::Github => "github",
            Self::Markdown => "markdown",
        }
    }

    /// The format a report file's extension names (`report.sarif`, `summary.md`), if any; GitHub workflow commands
    /// have none.
    pub fn of_path(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "txt" | "text" => Some(Self::Text),
            "json" => Some(Self::Json),
            "sarif" => Some(Self::Sarif),
            "md" | "markdown" => Some(Self::Markdown),
            _ => None,
        }
    }
}

/// `path`, as shown from the folder checkdown runs in, relative to the top folder of `repository`; as given outside
/// a repository.
pub fn repository_path<'p>(repository: Option<&Repository>, path: &'p str) -> Cow<'p, str> {
    match repository {
        Some(repository) => repository.relative(&repository.folder, path).into(),
        None => path.into(),
    }
}

/// `/`-separated `path` under `folder`, with the `x/..` pairs dropped (`docs/en-us` and `../fr-fr/x.md` give
/// `docs/fr-fr/x.md`); a `..` that no segment cancels stays, and so does a leading `~` (a docs root, which has no
/// parent).
pub fn join_relative(folder: &str, path: &str) -> String {
    let mut segments: Vec<&str> = Vec::new();
    for segment in folder.split('/').chain(path.split('/')) {
        match segment {
            "" | "." => {}
            ".." if segments.last().is_some_and(|last| !matches!(*last, ".." | "~")) => {
                segments.pop();
            }
            other => segments.push(other),
        }
    }
    segments.join("/")
}

/// The git repository a report is written in, for naming files from its top folder: GitHub places findings by such
/// paths, and a baseline matches them wherever in the repository it was written and is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repository {
    /// The repository's top folder (the one holding `.git`), absolute.
    pub root: PathBuf,
    /// The folder checkdown runs in, relative to `root`, `/`-separated: `docs` for a run in `docs/`, empty at the top.
    pub folder: String,
}

impl Repository {
    /// The repository holding `current` (an absolute folder): the nearest folder at or above it holding `.git`.
    pub fn around(current: &Path) -> Option<Self> {
        let root = current.ancestors().find(|folder| folder.join(".git").exists())?;
        let folder = current.strip_prefix(root).ok()?.to_string_lossy().replace('\\', "/");
        Some(Self { root: root.to_owned(), folder })
    }

    /// `path`, as a report written in `folder` of this repository shows it, relative to the top folder: a relative
    /// path is read from `folder` (`../fr-fr/x.md` from `docs/en-us` is `docs/fr-fr/x.md`), an absolute one below
    /// the top folder loses it; an absolute path elsewhere stays as it is.
    pub fn relative(&self, folder: &str, path: &str) -> String {
        match Path::new(path).strip_prefix(&self.root) {
            Ok(below) => join_relative("", &below.to_string_lossy().replace('\\', "/")),
            Err(_) if Path::new(path).is_absolute() => path.to_owned(),
            Err(_) => join_relative(folder, path),
        }
    }
}

/// Everything a renderer needs besides the diagnostics.
#[derive(Debug, Clone, Copy)]
pub struct RenderContext<'a> {
    /// Descriptions of the rules, for formats that document them (SARIF). Rules not listed still render.
    pub rules: &'a [RuleDoc],
    /// The texts of the files the diagnostics point into, for source snippets.
    pub files: &'a SourceFiles,
    /// Whether the text format may use ANSI colours. The caller decides (a terminal, and `NO_COLOR` unset).
    pub color: bool,
    /// How many files were checked, for the summary; `None` leaves it out.
    pub files_checked: Option<usize>,
    /// What a baseline left out and found fixed, for the summary; `None` when no baseline was given.
    pub baseline: Option<BaselineCounts>,
    /// The repository checkdown runs in, if any: the formats GitHub reads (SARIF, annotations) and the fingerprints
    /// name files from its top folder.
    pub repository: Option<&'a Repository>,
    /// Where the repository's files are shown on the web, at the commit checked out
    /// (`https://github.com/owner/name/blob/<commit>`, from [`github::files_address`]): the Markdown report links its
    /// places there. `None` outside GitHub Actions.
    pub web_files: Option<&'a str>,
}

impl<'a> RenderContext<'a> {
    /// A context without colour and without a file count.
    pub fn new(rules: &'a [RuleDoc], files: &'a SourceFiles) -> Self {
        Self { rules, files, color: false, files_checked: None, baseline: None, repository: None, web_files: None }
    }

    /// `path` (as the diagnostics give it) relative to the repository's top folder ([`Repository::relative`]); as
    /// given outside a repository.
    pub fn repository_path<'p>(&self, path: &'p str) -> Cow<'p, str> {
        repository_path(self.repository, path)
    }

    /// The summary of `diagnostics` in this context.
    pub fn summary(&self, diagnostics: &[Diagnostic]) -> Summary {
        Summary::new(diagnostics, self.files_checked, self.baseline)
    }
}

/// Writes `diagnostics`, in the order given, to `out` in `format`.
///
/// # Errors
///
/// Only those of writing to `out`.
pub fn render(
    format: Format,
    diagnostics: &[Diagnostic],
    context: &RenderContext<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Text => text::render(diagnostics, context, out),
        Format::Json => json::render(diagnostics, context, out),
        Format::Sarif => sarif::render(diagnostics, context, out),
        Format::Github => github::render(diagnostics, context, out),
        Format::Markdown => markdown::render(diagnostics, context, out),
    }
}

/// `text` as Markdown inline code: between the shortest run of backticks that it does not hold (a code span ends at a
/// run as long as the one that opens it, no more, no less), and a space inside each when it starts or ends with one,
/// so that a quoted line holding backticks (a fence, PowerShell's `` `" ``) reads whole wherever a message is shown
/// as Markdown, and reads best where it is not.
pub fn inline_code(text: &str) -> String {
    let runs: Vec<usize> = text.split(|character| character != '`').map(str::len).collect();
    let ticks = "`".repeat((1..).find(|length| !runs.contains(length)).unwrap_or(1));
    let pad = if text.starts_with('`') || text.ends_with('`') { " " } else { "" };
    format!("{ticks}{pad}{text}{pad}{ticks}")
}

/// `text` on one line (runs of white space folded to one space), cut to at most `max_chars` characters with an
/// ellipsis: for quoting the text of a file in a message, or in a field with a size limit.
pub fn clip(text: &str, max_chars: usize) -> Cow<'_, str> {
    let one_line: Cow<'_, str> = if text.contains(['\n', '\r']) {
        text.split_whitespace().collect::<Vec<_>>().join(" ").into()
    } else {
        text.into()
    };
    if one_line.chars().count() <= max_chars {
        return one_line;
    }
    let mut clipped: String = one_line.chars().take(max_chars.saturating_sub(1)).collect();
    clipped.push('…');
    clipped.into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use testing::{render_sample, sample_diagnostics, sample_files};

    #[test]
    fn paths_become_repository_relative_under_the_folder_run_in() {
        let files = SourceFiles::default();
        let outside = RenderContext::new(testing::SAMPLE_RULES, &files);
        assert_eq!(outside.repository_path("../fr-fr/x.md"), "../fr-fr/x.md", "outside a repository, as given");
        let repository = Repository { root: PathBuf::from("/work/repo"), folder: "docs/en-us".to_owned() };
        let in_docs = RenderContext { repository: Some(&repository), ..outside };
        assert_eq!(in_docs.repository_path("../fr-fr/x.md"), "docs/fr-fr/x.md");
        assert_eq!(in_docs.repository_path("./a/b.md"), "docs/en-us/a/b.md");
        assert_eq!(in_docs.repository_path("/work/repo/docs/fr-fr/x.md"), "docs/fr-fr/x.md");
        assert_eq!(in_docs.repository_path("/elsewhere/fr-fr/x.md"), "/elsewhere/fr-fr/x.md");
        assert_eq!(repository.relative("", "docs/fr-fr/x.md"), "docs/fr-fr/x.md", "written at the top folder");
    }

    #[test]
    fn clipped_text_is_on_one_line_and_within_the_limit() {
        assert_eq!(clip("Checks\nthings.", 100), "Checks things.");
        assert_eq!(clip("court", 5), "court");
        assert_eq!(clip("é".repeat(10).as_str(), 4), "ééé…");
    }

    #[test]
    fn inline_code_reads_whole_whatever_backticks_it_holds() {
        assert_eq!(inline_code("Get-Mailbox"), "`Get-Mailbox`");
        assert_eq!(inline_code("Write-Host `\"Done`\""), "``Write-Host `\"Done`\"``");
        assert_eq!(inline_code("```"), "` ``` `");
        assert_eq!(inline_code("a ` b `` c"), "```a ` b `` c```");
    }

    #[test]
    fn summary_line_names_only_the_severities_found() {
        assert_eq!(Summary::new(&[], None, None).to_string(), "no findings");
        assert_eq!(Summary::new(&[], Some(1), None).to_string(), "no findings (1 file checked)");
        let diagnostics = sample_diagnostics();
        let errors_and_notes: Vec<Diagnostic> =
            diagnostics.into_iter().filter(|diagnostic| diagnostic.severity != Severity::Warning).collect();
        assert_eq!(Summary::new(&errors_and_notes, Some(4), None).to_string(), "1 error, 2 notes (4 files checked)");
        let baseline = |left_out, fixed| Some(BaselineCounts { left_out, fixed });
        assert_eq!(
            Summary::new(&errors_and_notes, Some(4), baseline(1, 0)).to_string(),
            "1 error, 2 notes (4 files checked, 1 finding of the baseline left out)"
        );
        assert_eq!(
            Summary::new(&[], None, baseline(0, 2)).to_string(),
            "no findings (0 findings of the baseline left out, 2 fixed)"
        );
    }

    #[test]
    fn a_span_ending_after_a_line_break_ends_on_the_line_before() {
        let span = |end_line, end_column| Span { line: 3, column: 1, end_line, end_column, ..Span::default() };
        assert_eq!(last_covered_line(span(5, 1)), 4);
        assert_eq!(last_covered_line(span(5, 2)), 5);
        assert_eq!(last_covered_line(span(3, 1)), 3);
    }

    #[test]
    fn render_dispatches_to_the_format_module() {
        let files = sample_files();
        let context = RenderContext { files_checked: Some(4), ..RenderContext::new(testing::SAMPLE_RULES, &files) };
        let formats: [(Format, testing::Renderer); 4] = [
            (Format::Text, text::render),
            (Format::Json, json::render),
            (Format::Sarif, sarif::render),
            (Format::Github, github::render),
        ];
        for (format, module_render) in formats {
            let mut out = Vec::new();
            render(format, &sample_diagnostics(), &context, &mut out).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), render_sample(module_render), "{format:?}");
        }
    }
}
