//! The command line: raw arguments ([`Args`], what was typed) resolved into a validated [`Job`] (files checked,
//! configuration loaded) before any work starts. This is the only layer, with `main.rs`, that uses `anyhow`.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand, ValueEnum};

use crate::commands;
use crate::config::Config;
use crate::parse::ParseOptions;

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
    /// Compare a translation with its source (two files, or two directories paired by relative path) and report
    /// where they drift apart.
    Sync(SyncArgs),
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

/// `checkdown sync`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Exit codes: 0 nothing at or above --fail-on, 1 findings (or more warnings than \
    --max-warnings), 2 the comparison could not run.")]
pub struct SyncArgs {
    /// The source (English) file or directory.
    #[arg(required_unless_present_any = ["explain", "list_rules"])]
    pub source: Option<PathBuf>,
    /// The translated file or directory.
    #[arg(required_unless_present_any = ["explain", "list_rules"])]
    pub target: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: crate::report::Format,
    /// Write the report to FILE instead of standard output (`-`: standard output). An existing file is never
    /// replaced without --force.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the --output file if it exists.
    #[arg(long, requires = "output")]
    pub force: bool,
    /// Exit with 1 when a finding of this severity or higher is reported.
    #[arg(long, value_enum, default_value_t = commands::sync::FailOn::Error)]
    pub fail_on: commands::sync::FailOn,
    /// Exit with 1 when more than N warnings are reported, whatever --fail-on says.
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,
    /// Configuration file (default: ./checkdown.toml when present).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Read the source repository's git history: how far behind each translation is.
    #[arg(long)]
    pub git: bool,
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
}

/// A validated piece of work.
#[derive(Debug)]
pub enum Job {
    /// `checkdown parse`.
    Parse(commands::parse::ParseJob),
    /// `checkdown sync`.
    Sync(commands::sync::SyncJob),
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
            CommandArgs::Sync(args) => Ok(Job::Sync(commands::sync::SyncJob::resolve(args)?)),
        }
    }
}

impl Job {
    /// Runs the job, writing results to stdout and diagnostics to stderr.
    pub fn run(self) -> anyhow::Result<Exit> {
        let stdout = &mut std::io::stdout().lock();
        let stderr = &mut std::io::stderr().lock();
        match self {
            Job::Parse(job) => job.run(stdout, stderr),
            Job::Sync(job) => job.run(stdout, stderr),
        }
    }
}
