//! Findings as data: one [`Diagnostic`] type for everything checkdown reports about files (parse problems, EN/FR
//! drift), and one renderer module per output format.
//!
//! Diagnostics are not errors: an error means checkdown could not do its job (exit 2); a diagnostic is something it
//! found (exit 1 at or above `--fail-on`).

use serde::{Deserialize, Serialize};

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
    /// Where in the file; `None` for a finding about the whole file (a missing translation).
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
}

impl Diagnostic {
    /// A finding of `rule` at `location`.
    pub fn new(rule: &str, severity: Severity, location: Location, message: impl Into<String>) -> Self {
        Self { rule: rule.to_owned(), severity, message: message.into(), location, source: None }
    }

    /// The same finding with its source-side counterpart.
    pub fn with_source(mut self, source: Location) -> Self {
        self.source = Some(source);
        self
    }
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "{}: {}[{}]: {}", self.location, self.severity, self.rule, self.message)
    }
}
