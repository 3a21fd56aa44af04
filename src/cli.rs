//! The command line: raw arguments ([`Args`], what was typed) resolved into a validated [`Job`] (files checked,
//! configuration loaded) before any work starts. This is the only layer, with `main.rs`, that uses `anyhow`.
//!
//! The doc comments of [`Args`] are clap's `--help` text, written for a terminal: placeholders such as `<locale>`
//! stay bare there, so rustdoc must not read them as HTML.
#![allow(rustdoc::invalid_html_tags, rustdoc::bare_urls)]

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use clap::{Parser, Subcommand, ValueEnum};

use crate::commands;
use crate::commands::Input;
use crate::commands::render::{Destination, RenderJob};
use crate::commands::verify::{ReportFormat, VerifyJob};
use crate::config::Config;
use crate::i18n::UiLanguage;
use crate::parse::ParseOptions;
use crate::render::links::LearnAddress;
use crate::render::results::Results;
use crate::render::{Format, Paper, TEMPLATE_NAMES, pdf};

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
    /// Check a live Microsoft 365 tenant, read-only, and say which steps are already done, with evidence.
    Verify(VerifyCommandArgs),
    /// Compare a translation with its source (two files, two directories paired by relative path, or one directory
    /// holding a folder per configured locale) and report where they drift apart.
    Sync(SyncArgs),
    /// Print the man page or a shell's completion script, for packagers and installers.
    #[command(hide = true)]
    Generate {
        /// What to print.
        #[command(subcommand)]
        what: Generated,
    },
}

/// The subcommands that have a man page of their own (`checkdown-render(1)`).
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ManPage {
    /// checkdown-parse(1).
    Parse,
    /// checkdown-render(1).
    Render,
    /// checkdown-verify(1).
    Verify,
    /// checkdown-sync(1).
    Sync,
}

impl ManPage {
    /// The subcommand's name, and its page's.
    fn names(self) -> (&'static str, &'static str) {
        match self {
            ManPage::Parse => ("parse", "checkdown-parse"),
            ManPage::Render => ("render", "checkdown-render"),
            ManPage::Verify => ("verify", "checkdown-verify"),
            ManPage::Sync => ("sync", "checkdown-sync"),
        }
    }
}

/// What `checkdown generate` prints.
#[derive(Debug, Clone, Copy, Subcommand)]
pub enum Generated {
    /// A man page, in roff: `checkdown generate man > checkdown.1`, `checkdown generate man render >
    /// checkdown-render.1`.
    Man {
        /// The subcommand whose page to print; default: checkdown's own.
        #[arg(value_enum)]
        command: Option<ManPage>,
    },
    /// The completion script of a shell: `checkdown generate completions bash > /etc/bash_completion.d/checkdown`.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

/// `checkdown verify`.
#[derive(Debug, clap::Args)]
pub struct VerifyCommandArgs {
    /// The article whose steps to check (`-`: standard input); default: the bundled article.
    pub file: Option<PathBuf>,
    /// Language of the evidence messages (en-US, fr-FR…); default: LC_ALL / LC_MESSAGES / LANG, else en-US.
    #[arg(long, value_name = "LOCALE")]
    pub lang: Option<String>,
    /// Report format; default: the one the -o file's extension names (.json, .txt), else text.
    #[arg(long, value_enum, ignore_case = true)]
    pub format: Option<ReportFormat>,
    /// Write the report to a file (never replacing one without --force); default: standard output.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Replace an existing output file.
    #[arg(long)]
    pub force: bool,
    /// Exit 1 unless every step is done.
    #[arg(long)]
    pub fail_unless_done: bool,
    /// Configuration file (default: ./checkdown.toml when present).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Tenant, cloud and sign-in.
    #[command(flatten)]
    pub tenant: TenantArgs,
}

/// Which tenant to check and how to sign in: shared by `verify` and `render --verify`. Secrets are never options:
/// they come from the environment (AZURE_CLIENT_SECRET, CHECKDOWN_ACCESS_TOKEN) or from files.
#[derive(Debug, Clone, clap::Args)]
pub struct TenantArgs {
    /// Tenant id or domain; default: AZURE_TENANT_ID.
    #[arg(long, value_name = "ID|DOMAIN")]
    pub tenant: Option<String>,
    /// National cloud: global, usgov, usgov-dod, china (`--moniker o365-21vianet` implies china).
    #[arg(long, value_name = "CLOUD")]
    pub cloud: Option<crate::verify::Cloud>,
    /// Sign-in: auto (client secret from the environment, else the Azure CLI, else device code on a terminal),
    /// client-secret, device-code, azure-cli, token.
    #[arg(long, value_name = "MODE", default_value = "auto")]
    pub auth: crate::verify::AuthMode,
    /// Login host instead of the cloud's (also AZURE_AUTHORITY_HOST); plain http only on loopback.
    #[arg(long, value_name = "URL")]
    pub authority_host: Option<String>,
    /// Graph host instead of the cloud's (also CHECKDOWN_GRAPH_HOST); plain http only on loopback.
    #[arg(long, value_name = "URL")]
    pub graph_host: Option<String>,
    /// Save the Graph answers used (no tokens, no secrets) to FILE (never replacing one without --force).
    #[arg(long, value_name = "FILE", conflicts_with = "replay")]
    pub record: Option<PathBuf>,
    /// Answer from a record instead of the tenant, offline.
    #[arg(long, value_name = "FILE")]
    pub replay: Option<PathBuf>,
    /// Where tenants seen alive are remembered; default: $XDG_STATE_HOME/checkdown.
    #[arg(long, value_name = "DIR")]
    pub state_dir: Option<PathBuf>,
    /// A bindings file of steps to checks; default: the bundled content/checks/<article>.yaml.
    #[arg(long, value_name = "FILE")]
    pub checks: Option<PathBuf>,
    /// Read the client secret from FILE instead of AZURE_CLIENT_SECRET.
    #[arg(long, value_name = "FILE")]
    pub client_secret_file: Option<PathBuf>,
    /// Read an access token from FILE instead of CHECKDOWN_ACCESS_TOKEN (--auth token).
    #[arg(long, value_name = "FILE")]
    pub token_file: Option<PathBuf>,
    /// How many users a per-user check (MFA) looks at before it says how many remain (default 100; at most 100000,
    /// larger values are capped).
    #[arg(long, value_name = "N")]
    pub sample_limit: Option<usize>,
    /// Only content for this moniker; o365-21vianet also selects the China cloud.
    #[arg(long, value_name = "NAME", value_parser = moniker_name)]
    pub moniker: Option<String>,
}

impl TenantArgs {
    /// The options given that only a verification uses, by name (`--moniker` selects content without one too).
    fn options_given(&self) -> Vec<&'static str> {
        [
            ("--tenant", self.tenant.is_some()),
            ("--cloud", self.cloud.is_some()),
            ("--auth", self.auth != crate::verify::AuthMode::Auto),
            ("--authority-host", self.authority_host.is_some()),
            ("--graph-host", self.graph_host.is_some()),
            ("--record", self.record.is_some()),
            ("--replay", self.replay.is_some()),
            ("--state-dir", self.state_dir.is_some()),
            ("--checks", self.checks.is_some()),
            ("--client-secret-file", self.client_secret_file.is_some()),
            ("--token-file", self.token_file.is_some()),
            ("--sample-limit", self.sample_limit.is_some()),
        ]
        .into_iter()
        .filter_map(|(name, given)| given.then_some(name))
        .collect()
    }
}

/// `checkdown render`.
#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// Learn Markdown files (`-`: standard input); without any, the bundled article in the --lang locale.
    pub files: Vec<PathBuf>,
    /// Language of the checklist's own words (en-US, fr-FR…); default: each article's language, else LC_ALL /
    /// LC_MESSAGES / LANG, else en-US.
    #[arg(long, value_name = "LOCALE")]
    pub lang: Option<String>,
    /// Output format; default: the one the -o file's extension names (.pdf, .md, .txt, .json), else html.
    #[arg(long, value_enum, ignore_case = true)]
    pub format: Option<Format>,
    /// Paper size; default: letter in the US and Canada (the region of --lang or the environment, else of the
    /// checklist's language), else A4.
    #[arg(long, value_enum, ignore_case = true)]
    pub paper: Option<Paper>,
    /// Output file, folder, or - for standard output. A path ending in / is a folder, made if missing (in a folder
    /// that exists). Default: ./<article>.<locale>.<ext> for html and pdf, standard output for md, txt and json.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Replace an existing output file.
    #[arg(long)]
    pub force: bool,
    /// A folder of templates (checklist.html, checklist.md, checklist.txt) that replace the bundled ones by name.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// The article's address on Learn (https://learn.microsoft.com/<locale>/<path>), to print its relative links in
    /// full when the file is not in a docset with a docfx.json (one FILE only). The checklist names the article by
    /// it instead of by the local file.
    #[arg(long, value_name = "URL")]
    pub learn_url: Option<String>,
    /// Print images as their alt text in HTML and PDF too. By default an image file found below the docs root is
    /// embedded in the HTML (and so printed in the PDF); Markdown and text always print the alt text.
    #[arg(long)]
    pub no_images: bool,
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
    /// Verify the tenant first and tick off the steps found done (takes the verify options below).
    #[arg(long, conflicts_with = "results")]
    pub verify: bool,
    /// Tenant, cloud and sign-in, for --verify.
    #[command(flatten)]
    pub tenant: TenantArgs,
}

/// `checkdown parse`.
#[derive(Debug, clap::Args)]
pub struct ParseArgs {
    /// The Markdown file to parse; `-` reads it from standard input.
    pub file: PathBuf,
    /// Keep only the content of moniker zones that apply to this moniker (e.g. o365-worldwide).
    #[arg(long, value_name = "NAME", value_parser = moniker_name)]
    pub moniker: Option<String>,
    /// Output format.
    #[arg(long, value_enum, ignore_case = true, default_value_t = ModelFormat::Json)]
    pub format: ModelFormat,
    /// Configuration file (default: ./checkdown.toml when present).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// `checkdown sync`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Exit codes: 0 nothing at or above --fail-on, 1 findings (or more warnings than \
    --max-warnings), 2 the comparison could not run.")]
pub struct SyncArgs {
    /// The source (English) file or directory; alone, a directory holding a folder per locale of `[sync] locales`
    /// (en-us/, fr-fr/…), whose configured pairs of folders are compared.
    #[arg(required_unless_present_any = ["explain", "list_rules"])]
    pub source: Option<PathBuf>,
    /// The translated file or directory (the same directory as SOURCE: compare its locale folders).
    pub target: Option<PathBuf>,
    /// Output format; default: the one the -o file's extension names (.json, .sarif, .md, .txt), else text.
    #[arg(long, value_enum, ignore_case = true)]
    pub format: Option<crate::report::Format>,
    /// Write the report to FILE instead of standard output (`-`: standard output). An existing file is never
    /// replaced without --force.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the --output file if it exists.
    #[arg(long, requires = "output")]
    pub force: bool,
    /// Exit with 1 when a finding of this severity or higher is reported.
    #[arg(long, value_enum, ignore_case = true, default_value_t = commands::sync::FailOn::Error)]
    pub fail_on: commands::sync::FailOn,
    /// Exit with 1 when more than N warnings are reported, whatever --fail-on says (but never).
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,
    /// Leave out the findings held by FILE, a report written earlier with --format json: only new findings are
    /// reported and counted for the exit code.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Configuration file (default: ./checkdown.toml when present).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Read the source repository's git history: how far behind each translation is.
    #[arg(long)]
    pub git: bool,
    /// Compare only the pairs whose source or translation FILE lists (one path a line, `-`: standard input), as
    /// `git diff --name-only` prints them: relative to the repository's top folder, or to the current folder.
    #[arg(long, value_name = "FILE")]
    pub changed: Option<PathBuf>,
    /// How many pairs to compare at once (default: the number of CPUs).
    #[arg(long, value_name = "N")]
    pub jobs: Option<std::num::NonZeroUsize>,
    /// Print what RULE checks, why, and an example; then exit.
    #[arg(long, value_name = "RULE", conflicts_with_all = ["source", "target", "list_rules"])]
    pub explain: Option<String>,
    /// List the rules with their default severities; then exit.
    #[arg(long, conflicts_with_all = ["source", "target"])]
    pub list_rules: bool,
}

/// How `parse` prints the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ModelFormat {
    /// Pretty-printed JSON.
    Json,
    /// YAML.
    Yaml,
    /// The sections as an indented outline, each with its line and the part it plays in the procedure (title,
    /// prerequisites, step 2, in step 2, after the steps…): what a checklist will make of the article.
    Outline,
}

/// A validated piece of work.
#[derive(Debug)]
pub enum Job {
    /// `checkdown parse`.
    Parse(commands::parse::ParseJob),
    /// `checkdown render`.
    Render(Box<RenderJob>),
    /// `checkdown verify`.
    Verify(Box<VerifyJob>),
    /// `checkdown sync`.
    Sync(commands::sync::SyncJob),
    /// `checkdown generate`.
    Generate(Generated),
}

impl Args {
    /// Validates the arguments and loads what they name, before any work.
    pub fn resolve(self) -> anyhow::Result<Job> {
        match self.command {
            CommandArgs::Parse(args) => {
                let config = Config::discover(args.config.as_deref()).context("cannot load the configuration")?;
                Ok(Job::Parse(commands::parse::ParseJob {
                    file: args.file,
                    options: ParseOptions {
                        moniker: args.moniker,
                        moniker_order: config.monikers.order(),
                        learn_pages: false,
                        ..ParseOptions::default()
                    },
                    format: args.format,
                }))
            }
            CommandArgs::Render(args) => Ok(Job::Render(Box::new(args.resolve()?))),
            CommandArgs::Verify(args) => Ok(Job::Verify(Box::new(args.resolve()?))),
            CommandArgs::Sync(args) => Ok(Job::Sync(commands::sync::SyncJob::resolve(args)?)),
            CommandArgs::Generate { what } => Ok(Job::Generate(what)),
        }
    }
}

impl RenderArgs {
    fn resolve(self) -> anyhow::Result<RenderJob> {
        let config = Config::discover(self.config.as_deref()).context("cannot load the configuration")?;
        let language = UiLanguage::new(self.lang.as_deref(), |name| std::env::var(name).ok())?;
        let inputs = if self.files.is_empty() {
            vec![bundled_input(&language.for_article(None))?]
        } else {
            if self.files.iter().filter(|file| file.as_os_str() == "-").count() > 1 {
                bail!("- names standard input, which can be read once: give it once");
            }
            self.files.into_iter().map(Input::given).collect()
        };
        let format =
            output_format(self.format, self.output.as_deref(), Format::of_path, Format::extension, Format::Html)?;
        // A checklist is HTML unless told otherwise: into `-o runbook.docx`, that would be a Word file that is not.
        if let Some(output) = self.output.as_deref().filter(|output| !names_folder(output))
            && let Some(extension) = output.extension()
            && self.format.is_none()
            && Format::of_path(output).is_none()
        {
            bail!(
                "-o {} names a .{} file, which is no format checkdown writes (html, pdf, md, txt, json); give \
                 --format, or a file name with its format's extension",
                output.display(),
                extension.to_string_lossy()
            );
        }
        if let Some(paper) = self.paper.filter(|_| !matches!(format, Format::Html | Format::Pdf)) {
            bail!("--paper {paper:?} sets the page of html and pdf; the {} format has no pages", format.extension());
        }
        let destination = destination(self.output, format, inputs.len(), self.force)?;
        let learn_address = match &self.learn_url {
            Some(_) if inputs.len() > 1 => bail!("--learn-url names one article's address; give one FILE"),
            Some(url) => Some(LearnAddress::parse(url).with_context(|| {
                format!("--learn-url {url}: not a Learn address (https://learn.microsoft.com/<locale>/<path>)")
            })?),
            None => None,
        };
        if let Some(dir) = &self.templates {
            if !dir.is_dir() {
                bail!("--templates {}: no such folder", dir.display());
            }
            // A folder whose templates are all misnamed (`checklist.htm`) would silently change nothing.
            if !TEMPLATE_NAMES.iter().any(|name| dir.join(name).is_file()) {
                bail!("--templates {}: the folder holds none of {}", dir.display(), TEMPLATE_NAMES.join(", "));
            }
        }
        let results = match self.results {
            Some(path) => {
                let results = Results::load(&path)?;
                results.check_moniker(&path, self.tenant.moniker.as_deref())?;
                Some((path, results))
            }
            None => None,
        };
        let tenant_options = self.tenant.options_given();
        if !self.verify && !tenant_options.is_empty() {
            bail!(
                "{} only apply with --verify, which checks the tenant before rendering; without it nothing is read \
                 from a tenant",
                tenant_options.join(", ")
            );
        }
        let browser = match format {
            Format::Pdf => Some(pdf::find_browser(self.browser.as_deref())?),
            _ => None,
        };
        let parse = ParseOptions {
            moniker: self.tenant.moniker.clone(),
            moniker_order: config.monikers.order(),
            learn_pages: true,
            ..ParseOptions::default()
        };
        let verify = if self.verify {
            let [input] = inputs.as_slice() else {
                bail!("--verify checks one article at a time; give at most one FILE");
            };
            let article = verified_article(input, &parse)?;
            let locale = language.for_article(article.parsed.article.locale.as_deref());
            let options = verify_options(&self.tenant, &article, &locale, self.force)?;
            let job = VerifyJob {
                steps: article.steps,
                options,
                format: ReportFormat::Json,
                destination: Destination::Stdout,
                force: false,
                fail_unless_done: false,
                // The checklist prints them, as for any article it renders.
                article_warnings: Vec::new(),
            };
            Some((job, article.parsed))
        } else {
            None
        };
        let (verify, parsed) = verify.unzip();
        Ok(RenderJob {
            verify,
            parsed,
            learn_address,
            inputs,
            format,
            destination,
            force: self.force,
            parse,
            paper: self.paper,
            language,
            strings: Vec::new(),
            templates: self.templates,
            images: !self.no_images && matches!(format, Format::Html | Format::Pdf),
            results,
            browser,
            today: today(),
        })
    }
}

impl VerifyCommandArgs {
    fn resolve(self) -> anyhow::Result<VerifyJob> {
        let locale = UiLanguage::new(self.lang.as_deref(), |name| std::env::var(name).ok())?.for_article(None);
        let input = match self.file {
            Some(file) => Input::given(file),
            None => bundled_input(&locale)?,
        };
        let config = Config::discover(self.config.as_deref()).context("cannot load the configuration")?;
        let parse = ParseOptions {
            moniker: self.tenant.moniker.clone(),
            moniker_order: config.monikers.order(),
            learn_pages: true,
            ..ParseOptions::default()
        };
        let article = verified_article(&input, &parse)?;
        let format = output_format(
            self.format,
            self.output.as_deref(),
            ReportFormat::of_path,
            ReportFormat::name,
            ReportFormat::Text,
        )?;
        let options = verify_options(&self.tenant, &article, &locale, self.force)?;
        let destination = match self.output {
            None => Destination::Stdout,
            Some(path) if path == Path::new("-") => Destination::Stdout,
            Some(path) => match destination(Some(path), Format::Json, 1, self.force)? {
                Destination::Folder(folder) => bail!("-o {}: give a file name, not a folder", folder.display()),
                other => other,
            },
        };
        Ok(VerifyJob {
            steps: article.steps,
            options,
            format,
            destination,
            force: self.force,
            fail_unless_done: self.fail_unless_done,
            article_warnings: article.parsed.diagnostics,
        })
    }
}

/// The article a verification is about: its name (for the bundled bindings), steps, and the parse they come from
/// (`render --verify` renders that same parse).
struct VerifiedArticle {
    name: String,
    steps: Vec<crate::verify::StepRef>,
    parsed: crate::parse::Parsed,
}

/// Parses the article to verify (bundled or a file), as the checklist will show it (`--moniker` applied), for its
/// name and steps. An article with parse errors is refused, as `render` and `parse` refuse it.
fn verified_article(input: &Input, options: &ParseOptions) -> anyhow::Result<VerifiedArticle> {
    let (path, parsed) = (input.path(), input.parse(options)?);
    if parsed.has_errors() {
        let errors: Vec<String> = parsed
            .diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.severity == crate::report::Severity::Error)
            .map(ToString::to_string)
            .collect();
        bail!("{}: the article cannot be verified:\n{}", path.display(), errors.join("\n"));
    }
    let name = input.name(&parsed.article);
    let steps = parsed.article.procedure().steps.iter().map(crate::verify::StepRef::from).collect();
    Ok(VerifiedArticle { name, steps, parsed })
}

fn verify_options(
    tenant: &TenantArgs,
    article: &VerifiedArticle,
    locale: &str,
    force: bool,
) -> anyhow::Result<crate::verify::VerifyOptions> {
    let args = crate::verify::VerifyArgs {
        article: article.name.clone(),
        locale: locale.to_owned(),
        tenant: tenant.tenant.clone(),
        cloud: tenant.cloud,
        moniker: tenant.moniker.clone(),
        auth: tenant.auth,
        authority_host: tenant.authority_host.clone(),
        graph_host: tenant.graph_host.clone(),
        record: tenant.record.clone(),
        replace_record: force,
        replay: tenant.replay.clone(),
        state_dir: tenant.state_dir.clone(),
        checks: tenant.checks.clone(),
        client_secret_file: tenant.client_secret_file.clone(),
        token_file: tenant.token_file.clone(),
        sample_limit: tenant.sample_limit,
        ..Default::default()
    };
    Ok(crate::verify::VerifyOptions::new(args, &crate::verify::Environment::from_process())?)
}

/// The bundled default article in `locale`.
fn bundled_input(locale: &str) -> anyhow::Result<Input> {
    let article = crate::content::default_article().context("no bundled article")?;
    let (path, text) = article.in_locale(locale).context("the bundled article has no English file")?;
    Ok(Input::Bundled { path, text, learn_path: article.learn_path })
}

/// `--format`, else the format the `-o` file's extension names (`of_path`), else `default`. A file whose extension
/// names another format than `--format` is refused: `-o runbook.pdf --format html` would write HTML into a `.pdf`.
pub(crate) fn output_format<F: Copy + PartialEq>(
    given: Option<F>,
    output: Option<&Path>,
    of_path: impl Fn(&Path) -> Option<F>,
    name: impl Fn(F) -> &'static str,
    default: F,
) -> anyhow::Result<F> {
    let file = output.filter(|path| !names_folder(path));
    let named = file.and_then(&of_path);
    match (given, named, file) {
        (Some(given), Some(named), Some(file)) if given != named => bail!(
            "-o {} names a .{} file but --format is {}; change one of them",
            file.display(),
            file.extension().unwrap_or_default().to_string_lossy(),
            name(given)
        ),
        (given, named, _) => Ok(given.or(named).unwrap_or(default)),
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
    if names_folder(&output) {
        // Made when the checklists are written, as `mkdir` makes it: in a folder that exists.
        if !output.is_dir() {
            existing_parent(&output)?;
        }
        return Ok(Destination::Folder(output));
    }
    if inputs > 1 {
        bail!("-o {} names one file but there are {inputs} articles; give a folder", output.display());
    }
    crate::commands::check_output(&output, force)?;
    existing_parent(&output)?;
    Ok(Destination::File(output))
}

/// Whether `-o PATH` names a folder: one that exists, or a path ending in a separator (`out/`), which names nothing
/// else.
fn names_folder(path: &Path) -> bool {
    path.is_dir() || path.as_os_str().to_string_lossy().ends_with(std::path::is_separator)
}

/// Refuses an `-o` path whose folder does not exist.
fn existing_parent(output: &Path) -> anyhow::Result<()> {
    let folder = output.parent().filter(|folder| !folder.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !folder.is_dir() {
        bail!("-o {}: the folder {} does not exist", output.display(), folder.display());
    }
    Ok(())
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
        // Buffered: the standard output flushes at every line, and pretty JSON has a line per value (a 15 MB model
        // took millions of writes).
        let stdout = &mut std::io::BufWriter::new(std::io::stdout().lock());
        // Not locked: check threads log retries to stderr while the job runs.
        let stderr = &mut std::io::stderr();
        let exit = match self {
            Job::Parse(job) => job.run(stdout, stderr),
            Job::Render(job) => job.run(stdout, stderr),
            Job::Verify(job) => job.run(stdout, stderr),
            Job::Sync(job) => job.run(stdout, stderr),
            Job::Generate(what) => what.print(stdout).map(|()| Exit::Success).map_err(Into::into),
        }?;
        std::io::Write::flush(stdout)?;
        Ok(exit)
    }
}

impl Generated {
    /// Prints the man page or the completion script, made from the command-line definition itself, so neither can
    /// fall behind an option.
    fn print(self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        let mut command = <Args as clap::CommandFactory>::command();
        match self {
            Generated::Man { command: None } => clap_mangen::Man::new(command).render(out),
            Generated::Man { command: Some(page) } => {
                let (name, title) = page.names();
                command.build();
                let subcommand = command.find_subcommand(name).cloned().unwrap_or_default();
                clap_mangen::Man::new(subcommand.name(title).version(env!("CARGO_PKG_VERSION"))).render(out)
            }
            Generated::Completions { shell } => {
                clap_complete::generate(shell, &mut command, "checkdown", out);
                Ok(())
            }
        }
    }
}

/// A moniker name as `--moniker` takes it: what Learn's moniker names are made of (`o365-worldwide`,
/// `sql-server-2017`), so that an empty or garbled value is refused rather than matching no zone in silence.
fn moniker_name(value: &str) -> Result<String, String> {
    let valid = !value.is_empty() && value.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if valid {
        Ok(value.to_owned())
    } else {
        Err("a moniker name is letters, digits, '-', '_' and '.' (e.g. o365-worldwide)".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use clap::{Args, FromArgMatches};

    use super::*;

    /// `render` refuses a tenant option without `--verify` by the list `options_given` keeps: an option added to
    /// [`TenantArgs`] and not to that list would be silently ignored by `render`, and fails here.
    #[test]
    fn every_tenant_option_but_moniker_is_known_to_need_verify() {
        let command = TenantArgs::augment_args(clap::Command::new("checkdown"));
        let mut checked = 0;
        for arg in command.get_arguments() {
            let Some(long) = arg.get_long().filter(|long| !matches!(*long, "moniker" | "help")) else { continue };
            // A value the option accepts, other than its default (`--auth auto` is as good as not given).
            let value = match long {
                "cloud" => "china",
                "auth" => "token",
                _ => "1",
            };
            let matches = command.clone().try_get_matches_from(["checkdown", &format!("--{long}"), value]).unwrap();
            let given = TenantArgs::from_arg_matches(&matches).unwrap().options_given();
            assert_eq!(given, [format!("--{long}")], "--{long} {value}");
            checked += 1;
        }
        assert_eq!(checked, 12, "the test saw every option");
    }
}
