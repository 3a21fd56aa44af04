//! The GitHub Actions format: one workflow command per diagnostic, which GitHub shows as an annotation on the line.
//!
//! ```text
//! ::error file=fr-fr/x.md,line=24,col=1,endLine=27,endColumn=29,title=checkdown(list-item-count)::the French…
//! ```
//!
//! Notes become `notice` commands. A whole-file finding names only the file. The English counterpart of a sync
//! finding goes on a second message line (`source: en-us/x.md:18:1`), and its note, if any, on the lines after. Values are escaped as the Actions toolkit does:
//! `%`, CR and LF everywhere, and `:` and `,` too in properties. Paths are written raw, relative to the repository root
//! ([`RenderContext::repository_path`]): GitHub does not place annotations on URI-encoded or absolute paths.
//!
//! GitHub shows at most 10 annotations of each severity per step and drops the rest silently, so at most 10 of each
//! are written, errors first, then warnings, then notes: the findings that fail the job are the ones annotated, wherever
//! their file sorts. When some are left out, a closing `::notice::` says how many (one notice slot is kept free for it),
//! and every finding not annotated follows as a plain log line (`fr-fr/x.md:24:1: error[list-item-count]: …`), so the
//! log always shows why the job failed. A last plain line gives the summary.

use std::io::{self, Write};

use super::{Diagnostic, Location, RenderContext, Severity, Summary, last_covered_line, most_severe_first, plural};

/// How many annotations of one severity GitHub shows for a step.
const ANNOTATIONS_PER_SEVERITY: usize = 10;

/// Where GitHub shows the files of the commit a GitHub Actions job checked out (`https://github.com/owner/name/blob/
/// <commit>`), from the variables the runner sets (`var` reads one): `GITHUB_ACTIONS`, `GITHUB_SERVER_URL`,
/// `GITHUB_REPOSITORY` and `GITHUB_SHA`. `None` outside GitHub Actions, or when a value is not what GitHub sets.
pub fn files_address(var: impl Fn(&str) -> Option<String>) -> Option<String> {
    if var("GITHUB_ACTIONS").as_deref() != Some("true") {
        return None;
    }
    let server = var("GITHUB_SERVER_URL")?;
    let server = server.trim_end_matches('/');
    let repository = var("GITHUB_REPOSITORY")?;
    let commit = var("GITHUB_SHA")?;
    let is_name = |part: &str| {
        !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_alphanumeric() || b"-_.".contains(&byte))
    };
    let is_host = |host: &str| {
        !host.is_empty() && host.bytes().all(|byte| byte.is_ascii_alphanumeric() || b"-.:".contains(&byte))
    };
    let well_formed = server.strip_prefix("https://").or_else(|| server.strip_prefix("http://")).is_some_and(is_host)
        && repository.split_once('/').is_some_and(|(owner, name)| is_name(owner) && is_name(name))
        && matches!(commit.len(), 40 | 64)
        && commit.bytes().all(|byte| byte.is_ascii_hexdigit());
    well_formed.then(|| format!("{server}/{repository}/blob/{commit}"))
}

/// Writes `diagnostics` as workflow commands, errors first, at most 10 of each severity; then the findings left out
/// as plain lines, and the summary.
///
/// # Errors
///
/// Only those of writing to `out`.
pub fn render(diagnostics: &[Diagnostic], context: &RenderContext<'_>, out: &mut dyn Write) -> io::Result<()> {
    let summary = context.summary(diagnostics);
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
    let mut left_out = Vec::new();
    for diagnostic in most_severe_first(diagnostics) {
        if annotated.count(diagnostic.severity) < cap(diagnostic.severity) {
            annotated.add(diagnostic.severity);
            write_annotation(diagnostic, context, out)?;
        } else {
            left_out.push(diagnostic);
        }
    }
    if !left_out.is_empty() {
        let message = format!(
            "Not annotated: {} (GitHub shows at most {ANNOTATIONS_PER_SEVERITY} per severity), listed in the log \
             below. The SARIF or JSON output (--format sarif|json) lists all {}.",
            plural(left_out.len(), "more finding"),
            summary.total()
        );
        writeln!(out, "::notice title=checkdown::{}", escape_data(&message))?;
        for diagnostic in left_out {
            // A plain line: the message's own line breaks would start lines GitHub could read as commands.
            writeln!(out, "{}", diagnostic.to_string().replace(['\r', '\n'], " "))?;
        }
    }
    writeln!(out, "checkdown: {summary}")
}

fn write_annotation(diagnostic: &Diagnostic, context: &RenderContext<'_>, out: &mut dyn Write) -> io::Result<()> {
    let command = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    };
    let mut properties = vec![("file", context.repository_path(&diagnostic.location.path).into_owned())];
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
        let source = Location { path: context.repository_path(&source.path).into_owned(), ..source.clone() };
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
    fn files_are_addressed_at_the_commit_checked_out_only_in_github_actions() {
        const COMMIT: &str = "0123456789abcdef0123456789abcdef01234567";
        /// The variables a GitHub runner sets, with one of them `changed`.
        fn runner(changed: (&'static str, &'static str)) -> impl Fn(&str) -> Option<String> {
            move |name| {
                let value = match name {
                    _ if name == changed.0 => changed.1,
                    "GITHUB_ACTIONS" => "true",
                    "GITHUB_SERVER_URL" => "https://github.com",
                    "GITHUB_REPOSITORY" => "contoso/docs.fr-fr",
                    "GITHUB_SHA" => COMMIT,
                    _ => return None,
                };
                Some(value.to_owned())
            }
        }
        let expected = format!("https://github.com/contoso/docs.fr-fr/blob/{COMMIT}");
        assert_eq!(files_address(runner(("", ""))), Some(expected));
        let enterprise = files_address(runner(("GITHUB_SERVER_URL", "https://ghe.contoso.com:8443/")));
        assert_eq!(enterprise, Some(format!("https://ghe.contoso.com:8443/contoso/docs.fr-fr/blob/{COMMIT}")));
        for not_github in [
            ("GITHUB_ACTIONS", "false"),
            ("GITHUB_SERVER_URL", "github.com"),
            ("GITHUB_SERVER_URL", "https://github.com/x?y"),
            ("GITHUB_REPOSITORY", "contoso"),
            ("GITHUB_REPOSITORY", "contoso/docs/x"),
            ("GITHUB_REPOSITORY", "contoso/<docs>"),
            ("GITHUB_SHA", "main"),
        ] {
            assert_eq!(files_address(runner(not_github)), None, "{not_github:?}");
        }
        assert_eq!(files_address(|_| None), None, "outside GitHub Actions");
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
    fn caps_annotations_per_severity_and_logs_the_rest_as_plain_lines() {
        let diagnostics = [many(Severity::Error, 12), many(Severity::Warning, 3), many(Severity::Note, 11)].concat();
        let out = render_with(render, &diagnostics, false);
        assert_eq!(lines_starting_with(&out, "::error ").len(), 10);
        assert_eq!(lines_starting_with(&out, "::warning ").len(), 3);
        // Nine notes, plus the closing notice, make the ten GitHub shows.
        assert_eq!(lines_starting_with(&out, "::notice file=").len(), 9);
        assert_eq!(
            lines_starting_with(&out, "::notice title=checkdown::"),
            ["::notice title=checkdown::Not annotated: 4 more findings (GitHub shows at most 10 per severity), \
              listed in the log below. The SARIF or JSON output (--format sarif|json) lists all 26."]
        );
        // The findings left out are still in the log, each on a line of its own, most severe first.
        let plain: Vec<&str> = out.lines().filter(|line| !line.starts_with("::")).collect();
        assert_eq!(
            plain,
            [
                "10.md: error[rule]: m",
                "11.md: error[rule]: m",
                "9.md: note[rule]: m",
                "10.md: note[rule]: m",
                "checkdown: 12 errors, 3 warnings, 11 notes (4 files checked)"
            ]
        );
    }

    #[test]
    fn errors_are_annotated_first_wherever_their_file_sorts() {
        // Eleven warnings in files that sort first, then the one error of the pull request: the error is annotated
        // and comes first; the warning left out is a plain line.
        let mut diagnostics = many(Severity::Warning, 11);
        diagnostics.push(Diagnostic::new("list-item-count", Severity::Error, Location::file("z.md"), "the list"));
        let out = render_with(render, &diagnostics, false);
        assert!(out.starts_with("::error file=z.md,title=checkdown(list-item-count)::the list\n"), "{out}");
        assert_eq!(lines_starting_with(&out, "::warning ").len(), 10);
        assert!(out.contains("\n10.md: warning[rule]: m\n"), "{out}");
    }

    #[test]
    fn a_plain_line_stays_one_line() {
        let mut diagnostics = many(Severity::Error, 11);
        diagnostics[10].message = "two\nlines".to_owned();
        let out = render_with(render, &diagnostics, false);
        assert!(out.contains("\n10.md: error[rule]: two lines\n"), "{out}");
    }

    #[test]
    fn no_closing_notice_when_nothing_is_left_out() {
        let out = render_with(render, &many(Severity::Note, 10), false);
        assert_eq!(lines_starting_with(&out, "::notice file=").len(), 10);
        assert!(lines_starting_with(&out, "::notice title=").is_empty());
    }
}
