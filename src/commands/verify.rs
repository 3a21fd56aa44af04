//! `checkdown verify`: which steps of an article a live tenant shows done, read-only.

use std::io::{IsTerminal, Write};

use crate::cli::Exit;
use crate::commands::render::Destination;
use crate::commands::write_file;
use crate::render::results::Results;
use crate::report::Diagnostic;
use crate::verify::{StepRef, VerifyOptions, VerifyReport, redact, verify};

/// How `verify` prints its report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    /// One line per step: status, title, evidence.
    Text,
    /// The JSON report `render --results` reads.
    Json,
}

impl ReportFormat {
    /// The format's name, as `--format` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Text => "text",
            Self::Json => "json",
        }
    }

    /// The format a report file's extension names (`evidence.json`), if any.
    pub fn of_path(path: &std::path::Path) -> Option<Self> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Self::Text),
            "json" => Some(Self::Json),
            _ => None,
        }
    }
}

/// A validated `verify` run.
pub struct VerifyJob {
    /// The article's steps.
    pub steps: Vec<StepRef>,
    /// Tenant, credentials, checks.
    pub options: VerifyOptions,
    /// Output format.
    pub format: ReportFormat,
    /// Where the report goes (standard output or a file).
    pub destination: Destination,
    /// Replace an existing output file.
    pub force: bool,
    /// Exit 1 unless every step is done.
    pub fail_unless_done: bool,
    /// What parsing the article warned of (a `--moniker` no zone names, say), printed before the checks run.
    pub article_warnings: Vec<Diagnostic>,
}

impl std::fmt::Debug for VerifyJob {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("VerifyJob")
            .field("steps", &self.steps)
            .field("format", &self.format)
            .finish_non_exhaustive()
    }
}

impl VerifyJob {
    /// Runs the checks and writes the report. Errors that stop the run are printed here, with the exit code the
    /// verify error carries (3 when a live tenant refused to sign in).
    pub fn run(&self, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<Exit> {
        for warning in &self.article_warnings {
            writeln!(err, "{warning}")?;
        }
        let report = match self.report(err)? {
            Ok(report) => report,
            Err(exit) => return Ok(exit),
        };
        let text = match self.format {
            ReportFormat::Json => report.to_json(),
            ReportFormat::Text => {
                let colour = self.destination == Destination::Stdout
                    && std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none();
                report.to_text(colour)
            }
        };
        match &self.destination {
            Destination::File(path) => write_file(path, text.as_bytes(), self.force)?,
            _ => out.write_all(text.as_bytes())?,
        }
        Ok(if report.exit_code(self.fail_unless_done) == 0 { Exit::Success } else { Exit::Findings })
    }

    /// Runs the checks; a run that could not happen is reported on `err` and becomes its exit code.
    pub fn report(&self, err: &mut dyn Write) -> anyhow::Result<Result<VerifyReport, Exit>> {
        match verify(&self.steps, &self.options) {
            Ok(report) => Ok(Ok(report)),
            Err(error) => {
                let exit = if error.exit_code() == 3 { Exit::Authentication } else { Exit::Failure };
                writeln!(err, "checkdown: error: {}", redact(&format!("{:#}", anyhow::Error::from(error))))?;
                Ok(Err(exit))
            }
        }
    }

    /// Runs the checks and returns what `render` ticks steps from.
    pub fn results(&self, err: &mut dyn Write) -> anyhow::Result<Result<Results, Exit>> {
        Ok(match self.report(err)? {
            Ok(report) => Ok(serde_json::from_str(&report.to_json())?),
            Err(exit) => Err(exit),
        })
    }
}
