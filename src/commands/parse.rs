//! `checkdown parse FILE`: the article model as JSON or YAML, the documented contract other tools read.

use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

use crate::cli::{Exit, ModelFormat};
use crate::model::{Article, Procedure};
use crate::parse::{ParseOptions, parse_file};
use crate::report::Diagnostic;

/// A validated `parse` run.
#[derive(Debug)]
pub struct ParseJob {
    /// The file to parse.
    pub file: PathBuf,
    /// Moniker selection.
    pub options: ParseOptions,
    /// Output format.
    pub format: ModelFormat,
}

/// What `parse` prints: the article, its procedure view, and the parser's diagnostics.
#[derive(Debug, Serialize)]
pub struct ModelDocument<'a> {
    /// The contract's version: bumped on any incompatible change.
    pub schema: &'static str,
    /// The file as given on the command line.
    pub path: String,
    /// The article.
    #[serde(flatten)]
    pub article: &'a Article,
    /// The procedure view.
    #[serde(flatten)]
    pub procedure: &'a Procedure<'a>,
    /// Warnings about the file.
    pub diagnostics: &'a [Diagnostic],
}

/// The version of the `parse` JSON contract.
pub const SCHEMA: &str = "checkdown.parse/1";

impl ParseJob {
    /// Parses the file and prints the model; diagnostics go to `err`. Errors in the file (malformed front matter,
    /// invalid moniker ranges) make the input unusable: exit 2 and no model.
    pub fn run(&self, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<Exit> {
        let parsed = parse_file(&self.file, &self.options)?;
        for diagnostic in &parsed.diagnostics {
            writeln!(err, "{diagnostic}")?;
        }
        if parsed.has_errors() {
            return Ok(Exit::Failure);
        }
        let procedure = parsed.article.procedure();
        let document = ModelDocument {
            schema: SCHEMA,
            path: self.file.display().to_string(),
            article: &parsed.article,
            procedure: &procedure,
            diagnostics: &parsed.diagnostics,
        };
        match self.format {
            ModelFormat::Json => {
                serde_json::to_writer_pretty(&mut *out, &document)?;
                writeln!(out)?;
            }
            ModelFormat::Yaml => out.write_all(serde_yaml::to_string(&document)?.as_bytes())?,
        }
        Ok(Exit::Success)
    }
}
