//! The GitHub Actions format: one workflow command per diagnostic, which GitHub shows as an annotation on the line.
//!
//! ```text
//! ::error file=fr-fr/x.md,line=24,col=1,endLine=27,endColumn=29,title=checkdown(list-item-count)::the French…
//! ```
//!
//! Notes become `notice` commands. A whole-file finding names only the file. The English counterpart of a sync
//! finding goes on a second message line (`source: en-us/x.md:18:1`), and its note, if any, on the lines after. Values are escaped as the Actions toolkit does:
//! `%`, CR and LF everywhere, and `:` and `,` too in properties. Paths are written raw and should be relative to the
//! repository root: GitHub does not place annotations on URI-encoded or absolute paths.
//!
//! GitHub shows at most 10 annotations of each severity per step and drops the rest silently, so at most 10 of each
//! are written; when some are left out, a closing `::notice::` says how many and where to find them all, and one
//! notice slot is kept free for it. A last plain line gives the summary for the log.

use std::io::{self, Write};

use super::{Diagnostic, RenderContext, Severity, Summary, last_covered_line, plural};

/// How many annotations of one severity GitHub shows for a step.
const ANNOTATIONS_PER_SEVERITY: usize = 10;

/// Writes `diagnostics` as workflow commands, at most 10 of each severity, then the summary.
///
/// # Errors
///
/// Only those of writing to `out`.
pub fn render(diagnostics: &[Diagnostic], context: &RenderContext<'_>, out: &mut dyn Write) -> io::Result<()> {
    let summary = Summary::new(diagnostics, context.files_checked);
    let some_left_out = [Severity::Error, Severity::Warning, Severity::Note]
        .into_iter()
        .any(|severity| summary.count(severity) > ANNOTATIONS_PER_SEVERITY);
    let cap = |severity: Severity| {
        if some_left_out && severity == Severity::Note {
            ANNOTATIONS_PER_SEVERITY - 1
        } else {
            ANNOTATIONS_PER_SEVERITY
        }
    };
    let mut annotated = Summary::default();
    for diagnostic in diagnostics {
        if annotated.count(diagnostic.severity) < cap(diagnostic.severity) {
            annotated.add(diagnostic.severity);
            write_annotation(diagnostic, out)?;
        }
    }
    let left_out = summary.total() - annotated.total();
    if left_out > 0 {
        let message = format!(
            "Not annotated: {} (GitHub shows at most {ANNOTATIONS_PER_SEVERITY} per severity). \
             The SARIF or JSON output (--format sarif|json) lists all {}.",
            plural(left_out, "more finding"),
            summary.total()
        );
        writeln!(out, "::notice title=checkdown::{}", escape_data(&message))?;
    }
    writeln!(out, "checkdown: {summary}")
}

fn write_annotation(diagnostic: &Diagnostic, out: &mut dyn Write) -> io::Result<()> {
    let command = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    };
    let mut properties = vec![("file", diagnostic.location.path.clone())];
    if let Some(span) = diagnostic.location.span {
        let end_line = last_covered_line(span);
        properties.push(("line", span.line.to_string()));
        properties.push(("col", span.column.to_string()));
        properties.push(("endLine", end_line.to_string()));
        // A span ending at the start of the line after its last one has no end column on its last line.
        if end_line == span.end_line {
            properties.push(("endColumn", span.end_column.to_string()));
        }
    }
    properties.push(("title", format!("checkdown({})", diagnostic.rule)));
    let properties: Vec<String> =
        properties.iter().map(|(name, value)| format!("{name}={}", escape_property(value))).collect();

    let mut message = diagnostic.message.clone();
    if let Some(source) = &diagnostic.source {
        message.push_str(&format!("\nsource: {source}"));
    }
    if let Some(note) = &diagnostic.note {
        message.push('\n');
        message.push_str(note);
    }
    writeln!(out, "::{command} {}::{}", properties.join(","), escape_data(&message))
}

/// Escapes a command's message (the toolkit's `escapeData`).
fn escape_data(value: &str) -> String {
    value.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a command property's value (the toolkit's `escapeProperty`).
fn escape_property(value: &str) -> String {
    escape_data(value).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Location;
    use crate::report::testing::{render_sample, render_with};

    #[test]
    fn output() {
        insta::assert_snapshot!(render_sample(render));
    }

    #[test]
    fn escaping() {
        assert_eq!(escape_data("100% sûr: a, b\r\nc"), "100%25 sûr: a, b%0D%0Ac");
        assert_eq!(escape_property("100% sûr: a, b\r\nc"), "100%25 sûr%3A a%2C b%0D%0Ac");
    }

    fn many(severity: Severity, count: usize) -> Vec<Diagnostic> {
        (0..count).map(|index| Diagnostic::new("rule", severity, Location::file(format!("{index}.md")), "m")).collect()
    }

    fn lines_starting_with<'a>(out: &'a str, prefix: &str) -> Vec<&'a str> {
        out.lines().filter(|line| line.starts_with(prefix)).collect()
    }

    #[test]
    fn caps_annotations_per_severity_and_says_how_many_were_left_out() {
        let diagnostics = [many(Severity::Error, 12), many(Severity::Warning, 3), many(Severity::Note, 11)].concat();
        let out = render_with(render, &diagnostics, false);
        assert_eq!(lines_starting_with(&out, "::error ").len(), 10);
        assert_eq!(lines_starting_with(&out, "::warning ").len(), 3);
        // Nine notes, plus the closing notice, make the ten GitHub shows.
        assert_eq!(lines_starting_with(&out, "::notice file=").len(), 9);
        assert_eq!(
            lines_starting_with(&out, "::notice title=checkdown::"),
            ["::notice title=checkdown::Not annotated: 4 more findings (GitHub shows at most 10 per severity). \
              The SARIF or JSON output (--format sarif|json) lists all 26."]
        );
        assert!(out.ends_with("checkdown: 12 errors, 3 warnings, 11 notes (4 files checked)\n"));
    }

    #[test]
    fn no_closing_notice_when_nothing_is_left_out() {
        let out = render_with(render, &many(Severity::Note, 10), false);
        assert_eq!(lines_starting_with(&out, "::notice file=").len(), 10);
        assert!(lines_starting_with(&out, "::notice title=").is_empty());
    }
}
