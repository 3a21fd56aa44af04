//! Verification results (`checkdown verify --format json`) read back to tick off a checklist.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde_json::Value;
use thiserror::Error;

use crate::verify::Identity;
pub use crate::verify::Status;

/// The part of a verification report the checklist uses; other fields are ignored.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Results {
    /// One entry per checked step.
    pub steps: Vec<StepResult>,
    /// When the tenant was checked (RFC 3339).
    #[serde(default)]
    pub checked_at: Option<String>,
    /// Which tenant.
    #[serde(default)]
    pub tenant: Option<String>,
    /// The variant of the article verified (`--moniker`); `None` for the whole article.
    #[serde(default)]
    pub moniker: Option<String>,
    /// The record the results were replayed from, when they were not read from the tenant at that moment.
    #[serde(default)]
    pub replayed_from: Option<String>,
    /// Who the checks ran as; `None` when nobody signed in, or in results older than this field.
    #[serde(default)]
    pub signed_in: Option<Identity>,
    /// The language of the evidence (`fr-FR`); `None` in results older than this field.
    #[serde(default)]
    pub locale: Option<String>,
}

/// The result for one step.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct StepResult {
    /// The step id (the article's section id).
    pub id: String,
    /// The status.
    pub status: Status,
    /// Evidence: strings, or objects whose `message` (or `text`) is shown.
    #[serde(default)]
    pub evidence: Vec<Value>,
}

impl StepResult {
    /// The evidence as lines of text.
    pub fn evidence_lines(&self) -> Vec<String> {
        self.evidence
            .iter()
            .map(|item| match item {
                Value::String(text) => text.clone(),
                Value::Object(map) => map
                    .get("message")
                    .or_else(|| map.get("text"))
                    .and_then(Value::as_str)
                    .map_or_else(|| item.to_string(), str::to_owned),
                other => other.to_string(),
            })
            .collect()
    }
}

/// Why a results file cannot be used.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum ResultsError {
    /// The file cannot be read.
    #[error("{path}: cannot read the results file")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The file is not the JSON `checkdown verify --format json` prints.
    #[error("{path}:{line}:{column}: not a verification result: {message}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the JSON reader said.
        message: String,
    },
    /// The results were verified for another variant of the article than the checklist shows (`--moniker`): another
    /// cloud, other steps.
    #[error("{path}: results verified for {}, but this checklist is for {}", variant(.results), variant(.checklist))]
    OtherMoniker {
        /// The file.
        path: PathBuf,
        /// The moniker of the results.
        results: Option<String>,
        /// The moniker of the checklist.
        checklist: Option<String>,
    },
    /// The results name steps the article does not have: they were made for another article.
    #[error(
        "{path}: results for steps this article does not have: {}; the article's steps are {}",
        unknown.join(", "),
        known.join(", ")
    )]
    UnknownSteps {
        /// The file.
        path: PathBuf,
        /// Step ids in the results but not in the article.
        unknown: Vec<String>,
        /// The article's step ids.
        known: Vec<String>,
    },
}

/// A variant as an error message names it.
fn variant(moniker: &Option<String>) -> String {
    match moniker {
        Some(moniker) => format!("--moniker {moniker}"),
        None => "the whole article (no --moniker)".to_owned(),
    }
}

impl Results {
    /// Reads a results file.
    pub fn load(path: &Path) -> Result<Self, ResultsError> {
        let text =
            std::fs::read_to_string(path).map_err(|source| ResultsError::Read { path: path.to_owned(), source })?;
        serde_json::from_str(&text).map_err(|error| ResultsError::Invalid {
            path: path.to_owned(),
            line: error.line(),
            column: error.column(),
            message: error.to_string().split(" at line ").next().unwrap_or_default().to_owned(),
        })
    }

    /// Checks that the results were verified for the variant of the article the checklist shows (`--moniker`).
    pub fn check_moniker(&self, path: &Path, moniker: Option<&str>) -> Result<(), ResultsError> {
        let checklist = moniker.map(str::to_ascii_lowercase);
        let results = self.moniker.as_deref().map(str::to_ascii_lowercase);
        if results == checklist {
            return Ok(());
        }
        Err(ResultsError::OtherMoniker { path: path.to_owned(), results, checklist })
    }

    /// Checks that every result names one of `step_ids`.
    pub fn check_steps(&self, path: &Path, step_ids: &[&str]) -> Result<(), ResultsError> {
        let known: BTreeSet<&str> = step_ids.iter().copied().collect();
        let unknown: Vec<String> =
            self.steps.iter().filter(|step| !known.contains(step.id.as_str())).map(|step| step.id.clone()).collect();
        if unknown.is_empty() {
            return Ok(());
        }
        Err(ResultsError::UnknownSteps {
            path: path.to_owned(),
            unknown,
            known: step_ids.iter().map(|id| (*id).to_owned()).collect(),
        })
    }

    /// The result for a step.
    pub fn step(&self, id: &str) -> Option<&StepResult> {
        self.steps.iter().find(|step| step.id == id)
    }
}
