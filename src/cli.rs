//! The command line: raw arguments ([`Args`], what was typed) resolved into a validated [`Job`] (files checked,
//! configuration loaded) before any work starts. This is the only layer, with `main.rs`, that uses `anyhow`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Context as _, bail};
use clap::{Parser, Subcommand, ValueEnum};

use crate::commands;
use crate::commands::render::{Destination, Input, RenderJob};
use crate::config::Config;
use crate::i18n::{self, Strings};
use crate::parse::ParseOptions;
use crate::render::results::Results;
use crate::render::{Format, Paper, pdf};

/// checkdown's exit codes, the same for every command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// The job ran and found nothing at or above the failure threshold.
    Success = 0,
    /// The job ran and found something (sync findings; `verify --fail-unless-done` with steps not done).
    Findings = 1,
    /// The job could not run: bad arguments, unusable input, configuration or I/O errors.
    Failure = 2,
    /// `verify` could not authenticate to a live tenant.
    Authentication = 3,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> Self {
        ExitCode::from(exit as u8)
    }
}

/// Turn Microsoft Learn documentation into checklists you can print, verify and keep in sync.
///
/// Exit codes: 0 success, 1 findings, 2 the job could not run (usage, input, configuration, I/O), 3 verify could not
/// authenticate.
#[derive(Debug, Parser)]
#[command(name = "checkdown", version, max_term_width = 100)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub command: CommandArgs,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum CommandArgs {
    /// Print the parsed model of an article (front matter, sections, steps, with source spans).
    Parse(ParseArgs),
    /// Render a printable checklist (HTML, PDF, Markdown task list, text, JSON) of the bundled article or of FILEs.
    Render(RenderArgs),
}

/// `checkdown render`.
#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// Learn Markdown files; without any, the bundled article in the --lang locale.
    pub files: Vec<PathBuf>,
    /// Language of the checklist's own words (en-US, fr-FR…); default: LC_ALL / LC_MESSAGES / LANG, else en-US.
    #[arg(long, value_name = "LOCALE")]
    pub lang: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Html)]
    pub format: Format,
    /// Keep only the content of moniker zones that apply to this moniker.
    #[arg(long, value_name = "NAME")]
    pub moniker: Option<String>,
    /// Paper size; default: letter for US and Canadian locales, else A4.
    #[arg(long, value_enum)]
    pub paper: Option<Paper>,
    /// Output file, folder, or - for standard output. Default: ./<article>.<locale>.<ext> for html and pdf,
    /// standard output for md, txt and json.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Replace an existing output file.
    #[arg(long)]
    pub force: bool,
    /// A folder of templates (checklist.html, checklist.md, checklist.txt) that replace the bundled ones by name.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Tick off steps from `checkdown verify --format json` results.
    #[arg(long, value_name = "FILE")]
    pub results: Option<PathBuf>,
    /// The Chromium-family browser that prints PDFs (default: the first of chromium, chromium-browser,
    /// google-chrome, microsoft-edge on PATH).
    #[arg(long, value_name = "PATH")]
    pub browser: Option<PathBuf>,
    /// Configuration file (default: ./checkdown.toml when present).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// `checkdown parse`.
#[derive(Debug, clap::Args)]
pub struct ParseArgs {
    /// The Markdown file to parse.
    pub file: PathBuf,
    /// Keep only the content of moniker zones that apply to this moniker (e.g. o365-worldwide).
    #[arg(long, value_name = "NAME")]
    pub moniker: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ModelFormat::Json)]
    pub format: ModelFormat,
    /// Configuration file (default: ./checkdown.toml when present).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// How `parse` prints the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModelFormat {
    /// Pretty-printed JSON.
    Json,
    /// YAML.
    Yaml,
}

/// A validated piece of work.
#[derive(Debug)]
pub enum Job {
    /// `checkdown parse`.
    Parse(commands::parse::ParseJob),
    /// `checkdown render`.
    Render(RenderJob),
}

impl Args {
    /// Validates the arguments and loads what they name, before any work.
    pub fn resolve(self) -> anyhow::Result<Job> {
        match self.command {
            CommandArgs::Parse(args) => {
                let config = Config::discover(args.config.as_deref()).context("cannot load the configuration")?;
                Ok(Job::Parse(commands::parse::ParseJob {
                    file: args.file,
                    options: ParseOptions { moniker: args.moniker, moniker_order: config.monikers.order() },
                    format: args.format,
                }))
            }
            CommandArgs::Render(args) => Ok(Job::Render(args.resolve()?)),
        }
    }
}

impl RenderArgs {
    fn resolve(self) -> anyhow::Result<RenderJob> {
        let config = Config::discover(self.config.as_deref()).context("cannot load the configuration")?;
        let locale = ui_locale(self.lang.as_deref())?;
        let strings = Arc::new(Strings::load(&locale)?);
        let inputs = if self.files.is_empty() {
            let article = crate::content::default_article().context("no bundled article")?;
            let (path, text) = article.in_locale(&locale).context("the bundled article has no English file")?;
            vec![Input::Bundled { path, text, learn_path: article.learn_path }]
        } else {
            self.files.into_iter().map(Input::File).collect()
        };
        let destination = destination(self.output, self.format, inputs.len(), self.force)?;
        if let Some(dir) = &self.templates
            && !dir.is_dir()
        {
            bail!("--templates {}: no such folder", dir.display());
        }
        let results = match self.results {
            Some(path) => Some((path.clone(), Results::load(&path)?)),
            None => None,
        };
        let browser = match self.format {
            Format::Pdf => Some(pdf::find_browser(self.browser.as_deref())?),
            _ => None,
        };
        Ok(RenderJob {
            inputs,
            format: self.format,
            destination,
            force: self.force,
            parse: ParseOptions { moniker: self.moniker, moniker_order: config.monikers.order() },
            paper: self.paper.unwrap_or_else(|| default_paper(strings.locale())),
            strings,
            templates: self.templates,
            results,
            browser,
            today: today(),
        })
    }
}

/// The UI locale: `--lang` (which must match a bundled locale), else the environment's, else en-US.
fn ui_locale(requested: Option<&str>) -> anyhow::Result<String> {
    if let Some(requested) = requested {
        return i18n::best_match(requested).ok_or_else(|| {
            anyhow::anyhow!(i18n::LocaleError::Unknown {
                requested: requested.to_owned(),
                available: i18n::available()
            })
        });
    }
    let from_environment = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.is_empty());
    Ok(from_environment.and_then(|value| i18n::best_match(&value)).unwrap_or_else(|| i18n::FALLBACK.to_owned()))
}

/// Letter where it is the custom (the US and Canada), A4 elsewhere.
fn default_paper(locale: &str) -> Paper {
    match locale.rsplit('-').next() {
        Some(region) if region.eq_ignore_ascii_case("us") || region.eq_ignore_ascii_case("ca") => Paper::Letter,
        _ => Paper::A4,
    }
}

fn destination(output: Option<PathBuf>, format: Format, inputs: usize, force: bool) -> anyhow::Result<Destination> {
    let Some(output) = output else {
        return Ok(match format {
            Format::Html | Format::Pdf => Destination::Folder(PathBuf::from(".")),
            Format::Md | Format::Txt | Format::Json => Destination::Stdout,
        });
    };
    if output == Path::new("-") {
        return Ok(Destination::Stdout);
    }
    if output.is_dir() {
        return Ok(Destination::Folder(output));
    }
    if inputs > 1 {
        bail!("-o {} names one file but there are {inputs} articles; give a folder", output.display());
    }
    if output.exists() && !force {
        bail!("{} already exists; pass --force to replace it, or -o to write elsewhere", output.display());
    }
    let folder = output.parent().filter(|folder| !folder.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !folder.is_dir() {
        bail!("-o {}: the folder {} does not exist", output.display(), folder.display());
    }
    Ok(Destination::File(output))
}

/// Today (UTC), or the day of `SOURCE_DATE_EPOCH` when set, for reproducible output.
fn today() -> (i64, u32, u32) {
    let seconds = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|value| value.parse().ok()).unwrap_or_else(|| {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
        i64::try_from(now.as_secs()).unwrap_or_default()
    });
    crate::render::civil_date(seconds)
}

impl Job {
    /// Runs the job, writing results to stdout and diagnostics to stderr.
    pub fn run(self) -> anyhow::Result<Exit> {
        let stdout = &mut std::io::stdout().lock();
        let stderr = &mut std::io::stderr().lock();
        match self {
            Job::Parse(job) => job.run(stdout, stderr),
            Job::Render(job) => job.run(stdout, stderr),
        }
    }
}
