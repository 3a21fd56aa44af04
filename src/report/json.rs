//! The JSON format: one object that scripts and CI steps read.
//!
//! ```json
//! {
//!   "diagnostics": [
//!     {
//!       "rule": "list-item-count", "severity": "error", "path": "fr-fr/x.md",
//!       "line": 24, "column": 1, "end_line": 27, "end_column": 29,
//!       "message": "the French list has 4 items, the English list 3",
//!       "source_path": "en-us/x.md", "source_line": 18, "note": null, "fingerprint": "3f0a9c2e81d4b7a6"
//!     }
//!   ],
//!   "summary": { "files": 4, "errors": 1, "warnings": 0, "notes": 0, "baselined": null, "baseline_fixed": null },
//!   "repository_folder": "docs"
//! }
//! ```
//!
//! Keys always appear, in this order. `line`, `column`, `end_line` and `end_column` are 1-based, columns count
//! characters and the end is exclusive; all four are `null` for a finding about a whole file. `source_path` and
//! `source_line` name the English counterpart and are `null` when there is none (`source_line` too when the
//! counterpart is a whole file). `note` holds more lines to act on (with `--git`, what changed in the English file),
//! or `null`. `fingerprint` identifies the finding across runs whatever line it moves to ([`super::baseline`]).
//! `summary` counts the diagnostics by severity; `files` is how many files were checked, files without findings
//! included, or `null` when the caller did not say; `baselined` is how many findings a `--baseline` left out and
//! `baseline_fixed` how many it holds, in the files compared, that were not found (fixed since), both `null` without
//! one. `repository_folder` is the folder the report was written in, from the top folder of its git repository (`""`
//! at the top), or `null` outside one: paths are as given, from that folder. Such a report read back is a baseline
//! ([`super::baseline`]).

use std::io::{self, Write};

use serde::Serialize;

use super::baseline::fingerprint;
use super::{Diagnostic, RenderContext, Severity, Summary};

#[derive(Serialize)]
struct Report<'a> {
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: Summary,
    repository_folder: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    rule: &'a str,
    severity: Severity,
    path: &'a str,
    line: Option<u32>,
    column: Option<u32>,
    end_line: Option<u32>,
    end_column: Option<u32>,
    message: &'a str,
    source_path: Option<&'a str>,
    source_line: Option<u32>,
    note: Option<&'a str>,
    fingerprint: String,
}

impl<'a> JsonDiagnostic<'a> {
    fn new(diagnostic: &'a Diagnostic, context: &RenderContext<'_>) -> Self {
        let span = diagnostic.location.span;
        let source = diagnostic.source.as_ref();
        Self {
            rule: &diagnostic.rule,
            severity: diagnostic.severity,
            path: &diagnostic.location.path,
            line: span.map(|span| span.line),
            column: span.map(|span| span.column),
            end_line: span.map(|span| span.end_line),
            end_column: span.map(|span| span.end_column),
            message: &diagnostic.message,
            source_path: source.map(|source| source.path.as_str()),
            source_line: source.and_then(|source| source.span).map(|span| span.line),
            note: diagnostic.note.as_deref(),
            fingerprint: fingerprint(diagnostic, context.files, context.repository),
        }
    }
}

/// Writes `diagnostics` and their summary as one pretty-printed JSON object followed by a newline.
///
/// # Errors
///
/// Only those of writing to `out`.
pub fn render(diagnostics: &[Diagnostic], context: &RenderContext<'_>, out: &mut dyn Write) -> io::Result<()> {
    let report = Report {
        diagnostics: diagnostics.iter().map(|diagnostic| JsonDiagnostic::new(diagnostic, context)).collect(),
        summary: context.summary(diagnostics),
        repository_folder: context.repository.map(|repository| repository.folder.as_str()),
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testing::{render_sample, sample_diagnostics};

    #[test]
    fn output() {
        insta::assert_snapshot!(render_sample(render));
    }

    #[test]
    fn output_is_valid_json_with_nulls_for_missing_parts() {
        let value: serde_json::Value = serde_json::from_str(&render_sample(render)).unwrap();
        let whole_file = &value["diagnostics"][0];
        assert!(whole_file["line"].is_null() && whole_file["source_path"].is_null() && whole_file["note"].is_null());
        let noted = &value["diagnostics"][1];
        assert_eq!(noted["note"].as_str(), sample_diagnostics()[1].note.as_deref());
        assert_eq!(
            value["summary"],
            serde_json::json!({
                "files": 4, "errors": 1, "warnings": 4, "notes": 2, "baselined": null, "baseline_fixed": null
            })
        );
    }
}
