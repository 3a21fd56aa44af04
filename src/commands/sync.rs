//! `checkdown sync SOURCE [TARGET]`: compare a translation with its source and report the findings in one of the
//! report formats; `checkdown sync --explain RULE` and `--list-rules` document the rules. Without TARGET, SOURCE is a
//! directory holding a folder per configured locale, compared pair by pair.
//!
//! The report goes to standard output or to `--output FILE`, which is created and never replaced unless `--force` is
//! given. In directory mode a progress line is drawn on standard error when it is a terminal, never under CI.

use std::collections::HashSet;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::{Context as _, bail};

use crate::cli::{Exit, SyncArgs};
use crate::config::Config;
use crate::report::baseline::{Baseline, Filtered};
use crate::report::{self, BaselineCounts, Diagnostic, Format, RenderContext, Repository, RuleDoc, Severity};
use crate::sync::{self, Progress, Rule, Settings};

/// `--fail-on`: from which severity findings make the exit code 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    /// Errors only.
    Error,
    /// Warnings and errors.
    Warning,
    /// Every finding.
    Note,
    /// Never: exit 0 whatever is found (2 still means the comparison could not run).
    Never,
}

impl FailOn {
    fn fails(self, severity: Severity) -> bool {
        match self {
            FailOn::Error => severity == Severity::Error,
            FailOn::Warning => severity >= Severity::Warning,
            FailOn::Note => true,
            FailOn::Never => false,
        }
    }
}

/// A validated `sync` run.
#[derive(Debug)]
pub enum SyncJob {
    /// `--explain RULE`.
    Explain(Rule),
    /// `--list-rules`.
    ListRules,
    /// A comparison.
    Compare(Box<CompareJob>),
}

/// A validated comparison.
#[derive(Debug)]
pub struct CompareJob {
    /// The source file or directory.
    pub source: PathBuf,
    /// The target file or directory; the same directory as `source` when it holds a folder per locale.
    pub target: PathBuf,
    /// Rule levels, ignored paths, locales, `--git`, `--jobs`.
    pub settings: Settings,
    /// The report format.
    pub format: Format,
    /// Where the report goes: `None` for standard output.
    pub output: Option<PathBuf>,
    /// Whether `output` may replace an existing file.
    pub force: bool,
    /// `--fail-on`.
    pub fail_on: FailOn,
    /// `--max-warnings`.
    pub max_warnings: Option<usize>,
    /// `--baseline`: the findings to leave out.
    pub baseline: Option<Baseline>,
    /// The git repository checkdown runs in, if any: reports and baselines name files from its top folder.
    pub repository: Option<Repository>,
    /// Where GitHub shows the repository's files, in GitHub Actions: the Markdown report links its places there.
    pub web_files: Option<String>,
}

impl SyncJob {
    /// Validates the arguments: the rule to explain exists, SOURCE is a directory when TARGET is omitted, the
    /// configuration and the baseline load, the output file may be written.
    pub fn resolve(args: SyncArgs) -> anyhow::Result<Self> {
        if let Some(name) = args.explain {
            return match Rule::from_name(&name) {
                Some(rule) => Ok(SyncJob::Explain(rule)),
                None => bail!("unknown rule `{name}`; the rules are: {}", rule_names()),
            };
        }
        if args.list_rules {
            return Ok(SyncJob::ListRules);
        }
        let Some(source) = args.source else { bail!("sync needs SOURCE") };
        let target = match args.target {
            Some(target) => target,
            None if source.is_file() => bail!(
                "{}: a file needs its translation as TARGET; only a directory holding a folder per locale \
                 (en-us/, fr-fr/…) is compared alone",
                source.display()
            ),
            None => source.clone(),
        };
        if args.fail_on == FailOn::Never && args.max_warnings.is_some() {
            bail!(
                "--max-warnings fails the run on too many warnings, and --fail-on never says never to fail it: give \
                 one or the other"
            );
        }
        let config = Config::discover(args.config.as_deref()).context("cannot load the configuration")?;
        let output = args.output.filter(|path| path.as_os_str() != "-");
        let format =
            crate::cli::output_format(args.format, output.as_deref(), Format::of_path, Format::name, Format::Text)?;
        if let Some(path) = &output {
            super::check_output(path, args.force)?;
            // One folder compares the locale folders under it, not the files beside them.
            let compared: Vec<PathBuf> = if crate::sync::same_path(&source, &target) {
                config.sync.locales.iter().flat_map(|(from, to)| [source.join(from), source.join(to)]).collect()
            } else {
                vec![source.clone(), target.clone()]
            };
            super::check_not_input(path, compared.iter().map(PathBuf::as_path))?;
        }
        if let (Some(baseline), Some(output)) = (&args.baseline, &output)
            && std::fs::canonicalize(baseline)
                .ok()
                .is_some_and(|baseline| std::fs::canonicalize(output).ok() == Some(baseline))
        {
            bail!(
                "{}: the report would replace the baseline it is filtered by, leaving only new findings in it; to \
                 write the baseline again, run without --baseline",
                output.display()
            );
        }
        let current = std::env::current_dir().context("cannot tell the current folder")?;
        let repository = Repository::around(&current);
        let baseline = args.baseline.as_deref().map(|path| read_baseline(path, repository.as_ref())).transpose()?;
        let changed =
            args.changed.as_deref().map(|path| read_changed(path, &current, repository.as_ref())).transpose()?;
        let jobs = args.jobs.map_or_else(
            || std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get),
            std::num::NonZeroUsize::get,
        );
        Ok(SyncJob::Compare(Box::new(CompareJob {
            source,
            target,
            settings: Settings { changed, ..Settings::new(&config.sync, args.git, jobs) },
            format,
            output,
            force: args.force,
            fail_on: args.fail_on,
            max_warnings: args.max_warnings,
            baseline,
            web_files: repository.as_ref().and_then(|_| report::github::files_address(|name| std::env::var(name).ok())),
            repository,
        })))
    }

    /// Runs the job: the report on `out` (or in the output file), progress and notes on `err`.
    pub fn run(self, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<Exit> {
        match self {
            SyncJob::Explain(rule) => {
                explain(rule, out)?;
                Ok(Exit::Success)
            }
            SyncJob::ListRules => {
                list_rules(out)?;
                Ok(Exit::Success)
            }
            SyncJob::Compare(job) => job.run(out, err),
        }
    }
}

impl CompareJob {
    fn run(self, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<Exit> {
        let progress = Progress::default();
        let draws_progress = shows_progress(std::io::stderr().is_terminal(), std::env::var("CI").ok().as_deref());
        let outcome = if self.source.is_dir() && draws_progress {
            with_progress_line(&progress, &mut std::io::stderr(), || {
                sync::run(&self.source, &self.target, &self.settings, &progress)
            })?
        } else {
            sync::run(&self.source, &self.target, &self.settings, &progress)?
        };
        if self.settings.changed.is_some() {
            let (compared, found) = (outcome.files_checked, outcome.files_checked + outcome.pairs_unchanged);
            writeln!(
                err,
                "checkdown: --changed: {compared} of the {found} pairs found have a listed file; only those are compared"
            )?;
        }
        for pattern in &outcome.unmatched_ignores {
            writeln!(
                err,
                "checkdown: warning: the ignore pattern `{pattern}` matches no file of the compared folders (patterns \
                 are relative to them: `includes/**` for en-us/includes/…)"
            )?;
        }
        let rules: Vec<RuleDoc> = Rule::ALL
            .into_iter()
            .map(|rule| RuleDoc {
                severity: self.settings.severity(rule).unwrap_or(rule.default_severity()),
                ..*rule.doc()
            })
            .collect();
        let color = self.format == Format::Text
            && self.output.is_none()
            && std::io::stdout().is_terminal()
            && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty());
        let repository = self.repository.as_ref();
        let (diagnostics, baseline) = match &self.baseline {
            Some(baseline) => {
                let compared = outcome.paths.iter().map(|path| report::repository_path(repository, path).into_owned());
                let compared = compared.collect();
                let filtered =
                    leave_out_known(baseline, outcome.diagnostics, &outcome.files, repository, &compared, err)?;
                (filtered.new, Some(BaselineCounts { left_out: filtered.known, fixed: filtered.fixed }))
            }
            None => (outcome.diagnostics, None),
        };
        let context = RenderContext {
            color,
            files_checked: Some(outcome.files_checked),
            baseline,
            repository,
            web_files: self.web_files.as_deref(),
            ..RenderContext::new(&rules, &outcome.files)
        };
        let mut report = Vec::new();
        report::render(self.format, &diagnostics, &context, &mut report)?;
        match &self.output {
            None => out.write_all(&report)?,
            Some(path) => {
                super::write_file(path, &report, self.force)?;
                let summary = context.summary(&diagnostics);
                writeln!(err, "checkdown: {summary}; report written to {}", path.display())?;
            }
        }
        Ok(self.exit(&context.summary(&diagnostics), &diagnostics))
    }

    /// The exit code for the `diagnostics` reported, and their `summary`.
    fn exit(&self, summary: &report::Summary, diagnostics: &[Diagnostic]) -> Exit {
        let failing = diagnostics.iter().any(|diagnostic| self.fail_on.fails(diagnostic.severity));
        let too_many_warnings = self.max_warnings.is_some_and(|max| summary.warnings > max);
        if failing || too_many_warnings { Exit::Findings } else { Exit::Success }
    }
}

/// `diagnostics` without those `baseline` holds; a warning on `err` when the baseline names none of the `compared`
/// paths (named from the top folder of `repository`, if any) and no file was moved, since it then leaves nothing out;
/// notes when it holds findings fixed since, findings in files moved or renamed since, or in files deleted.
fn leave_out_known(
    baseline: &Baseline,
    diagnostics: Vec<Diagnostic>,
    files: &report::SourceFiles,
    repository: Option<&Repository>,
    compared: &HashSet<String>,
    err: &mut dyn Write,
) -> anyhow::Result<Filtered> {
    // The baseline names files from the repository's top folder, else as the run that wrote it named them.
    let exists = |path: &str| match repository {
        Some(repository) => repository.root.join(path).exists(),
        None => std::path::Path::new(path).exists(),
    };
    let filtered = baseline.filter(diagnostics, files, repository, compared, exists);
    if let Some(example) = baseline.paths().iter().next()
        && filtered.moved == 0
        && baseline.paths().iter().all(|path| !compared.contains(path))
    {
        let how = if repository.is_some() {
            "files are named from the top folder of the repository, so write the baseline in this repository, with \
             the folders this run compares"
        } else {
            "outside a git repository paths are compared as reported, so write the baseline from the folder and with \
             the paths this run uses"
        };
        writeln!(
            err,
            "checkdown: warning: the baseline names none of the files compared (it names `{example}`…): {how}"
        )?;
    }
    // How many findings each note counts, and what it says of them ("it" or "them").
    type Note = (usize, fn(&str) -> String);
    let notes: [Note; 3] = [
        (filtered.fixed, |them| {
            format!(
                "no longer found: fixed; write the baseline again to drop {them}, so that the same drift coming back \
                 is reported"
            )
        }),
        (filtered.moved, |them| {
            format!("found in files moved or renamed since; write the baseline again to name {them} by the new paths")
        }),
        (filtered.gone, |them| format!("in files that no longer exist; write the baseline again to drop {them}")),
    ];
    for (count, says) in notes.into_iter().filter(|(count, _)| *count > 0) {
        let them = if count == 1 { "it" } else { "them" };
        writeln!(err, "checkdown: note: {} of the baseline {}", report::plural(count, "finding"), says(them))?;
    }
    Ok(filtered)
}

/// The baseline in `path`, a JSON report written earlier, for a run in `repository`.
fn read_baseline(path: &std::path::Path, repository: Option<&Repository>) -> anyhow::Result<Baseline> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("{}: cannot read the baseline", path.display()))?;
    Baseline::from_json(&text, repository).with_context(|| {
        format!(
            "{}: not a baseline: a baseline is a report this version of checkdown wrote with `--format json` (write it \
             again)",
            path.display()
        )
    })
}

/// The files a `--changed` list names (`-`: standard input), as they are on disk: each line read from the `current`
/// folder and from the top folder of its `repository`, which `git diff --name-only` prints paths from. Paths that
/// name no file (deleted in the change) are left out: they name no pair.
fn read_changed(
    path: &std::path::Path,
    current: &std::path::Path,
    repository: Option<&Repository>,
) -> anyhow::Result<HashSet<PathBuf>> {
    let text = if path.as_os_str() == "-" {
        std::io::read_to_string(std::io::stdin())
            .context("cannot read the list of changed files from standard input")?
    } else {
        std::fs::read_to_string(path)
            .with_context(|| format!("{}: cannot read the list of changed files", path.display()))?
    };
    let top = repository.map(|repository| repository.root.as_path());
    let folders: Vec<&std::path::Path> = std::iter::once(current).chain(top).collect();
    let named = text.lines().map(str::trim).filter(|line| !line.is_empty());
    Ok(named
        .flat_map(|line| folders.iter().filter_map(move |folder| std::fs::canonicalize(folder.join(line)).ok()))
        .collect())
}

/// Whether to draw a progress line: standard error is a terminal and `ci`, the value of `CI`, does not say this is a CI
/// job (CI logs are not terminals, but some CI runners pretend to be).
fn shows_progress(stderr_is_terminal: bool, ci: Option<&str>) -> bool {
    let in_ci = ci.is_some_and(|value| !value.is_empty() && value != "false" && value != "0");
    stderr_is_terminal && !in_ci
}

/// How often the progress line is redrawn.
const PROGRESS_INTERVAL: Duration = Duration::from_millis(100);

/// Runs `work` while a thread redraws `checking N/M pairs` on `stderr`, then erases the line.
fn with_progress_line<T>(progress: &Progress, stderr: &mut (dyn Write + Send), work: impl FnOnce() -> T) -> T {
    let finished = AtomicBool::new(false);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            while !finished.load(Ordering::Relaxed) {
                let (done, total) = (progress.done.load(Ordering::Relaxed), progress.total.load(Ordering::Relaxed));
                if total > 0 {
                    let _ = write!(stderr, "\rchecking {done}/{total} pairs");
                    let _ = stderr.flush();
                }
                std::thread::sleep(PROGRESS_INTERVAL);
            }
            let _ = write!(stderr, "\r\x1b[2K");
        });
        let result = work();
        finished.store(true, Ordering::Relaxed);
        result
    })
}

fn rule_names() -> String {
    Rule::ALL.iter().map(|rule| rule.name()).collect::<Vec<_>>().join(", ")
}

/// `--explain`: the rule's name, default severity, summary and documentation.
fn explain(rule: Rule, out: &mut dyn Write) -> std::io::Result<()> {
    let doc = rule.doc();
    writeln!(
        out,
        "{} (default severity: {})\n\n{}.\n\n{}",
        doc.name,
        doc.severity,
        doc.summary,
        doc.explanation.trim_end()
    )
}

/// `--list-rules`: one line per rule.
fn list_rules(out: &mut dyn Write) -> std::io::Result<()> {
    let width = Rule::ALL.iter().map(|rule| rule.name().len()).max().unwrap_or(0);
    for rule in Rule::ALL {
        let doc = rule.doc();
        writeln!(out, "{:width$}  {:7}  {}", doc.name, doc.severity.as_str(), doc.summary)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    #[test]
    fn progress_shows_on_a_terminal_outside_ci_only() {
        assert!(shows_progress(true, None));
        assert!(shows_progress(true, Some("false")));
        assert!(shows_progress(true, Some("")));
        assert!(!shows_progress(true, Some("true")));
        assert!(!shows_progress(true, Some("1")));
        assert!(!shows_progress(false, None));
    }

    /// Standard error as a test sees it: what was written, and a signal on every write.
    struct Recorder {
        written: Vec<u8>,
        wrote: mpsc::Sender<()>,
    }

    impl Write for Recorder {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.written.extend_from_slice(bytes);
            let _ = self.wrote.send(());
            Ok(bytes.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn the_progress_line_counts_pairs_then_erases_itself() {
        let (wrote, written) = mpsc::channel();
        let mut stderr = Recorder { written: Vec::new(), wrote };
        let progress = Progress::default();
        progress.total.store(3, Ordering::Relaxed);
        progress.done.store(1, Ordering::Relaxed);
        let result = with_progress_line(&progress, &mut stderr, || {
            written.recv_timeout(Duration::from_secs(10)).expect("the line is drawn while the work runs");
            "done"
        });
        assert_eq!(result, "done");
        let shown = String::from_utf8(stderr.written).unwrap();
        assert!(shown.starts_with("\rchecking 1/3 pairs"), "{shown:?}");
        assert!(shown.ends_with("\r\x1b[2K"), "{shown:?}");
    }
}
