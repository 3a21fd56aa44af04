//! The Markdown format: the summary, the count of each rule's findings, and a table of the findings, most severe
//! first, for a CI job's summary page (`>> "$GITHUB_STEP_SUMMARY"`), a pull request comment or a wiki page.
//!
//! ```markdown
//! ### checkdown: 1 error, 1 warning (4 files checked)
//!
//! | rule | errors | warnings | notes |
//! | --- | ---: | ---: | ---: |
//! | list-item-count | 1 | 0 | 0 |
//! | untranslated | 0 | 1 | 0 |
//!
//! | severity | where | rule | finding | source |
//! | --- | --- | --- | --- | --- |
//! | error | fr-fr/x.md:24:1 | list-item-count | the French list has 4 items, the English list 3 | en-us/x.md:18 |
//! ```
//!
//! Paths are relative to the repository root, as in SARIF and annotations ([`RenderContext::repository_path`]): the
//! page is read on the web, not in the folder checkdown ran in. In GitHub Actions each place links to its line on
//! GitHub, at the commit the job checked out ([`RenderContext::web_files`]). Every text from a file or a message is escaped
//! ([`escape`]), so a finding cannot break the table or add markup, except what a message quotes between backticks,
//! which is a code span; a note follows its finding's message, a line each, up to [`MAX_NOTE_LINES`]. Findings are
//! listed while the table holds at most [`MAX_TABLE_BYTES`], so that a large report stays within GitHub's 1 MiB per
//! step summary; a last line says how many more the other formats list.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

use super::sarif::uri_reference;
use super::{Diagnostic, Location, RenderContext, Severity, clip, most_severe_first, plural};

/// How many bytes the table of findings holds at most: the whole page stays within GitHub's 1 MiB per step summary.
pub const MAX_TABLE_BYTES: usize = 900_000;

/// How many lines of a finding's note the table shows.
pub const MAX_NOTE_LINES: usize = 5;

/// How many characters of a note's line the table shows (a diff line may be a whole paragraph).
const MAX_NOTE_LINE_CHARS: usize = 200;

/// Writes the summary heading, the count of each rule's findings and the table of findings.
///
/// # Errors
///
/// Only those of writing to `out`.
pub fn render(diagnostics: &[Diagnostic], context: &RenderContext<'_>, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "### checkdown: {}", escape(&context.summary(diagnostics).to_string()))?;
    if diagnostics.is_empty() {
        return Ok(());
    }
    let mut by_rule: BTreeMap<&str, [usize; 3]> = BTreeMap::new();
    for diagnostic in diagnostics {
        by_rule.entry(&diagnostic.rule).or_default()[column(diagnostic.severity)] += 1;
    }
    let mut rules: Vec<(&str, [usize; 3])> = by_rule.into_iter().collect();
    // The rules that fail most first: by errors, then warnings, then notes; by name among equals.
    rules.sort_by_key(|(_, counts)| std::cmp::Reverse(*counts));
    writeln!(out, "\n| rule | errors | warnings | notes |\n| --- | ---: | ---: | ---: |")?;
    for (rule, [errors, warnings, notes]) in rules {
        writeln!(out, "| {} | {errors} | {warnings} | {notes} |", escape(rule))?;
    }

    let mut table = String::from("\n| severity | where | rule | finding | source |\n| --- | --- | --- | --- | --- |\n");
    let mut listed = 0;
    for diagnostic in most_severe_first(diagnostics) {
        let source = diagnostic.source.as_ref().map(|source| place(source, context)).unwrap_or_default();
        let row = format!(
            "| {} | {} | {} | {} | {source} |\n",
            diagnostic.severity,
            place(&diagnostic.location, context),
            escape(&diagnostic.rule),
            finding(diagnostic)
        );
        if table.len() + row.len() > MAX_TABLE_BYTES {
            break;
        }
        table.push_str(&row);
        listed += 1;
    }
    out.write_all(table.as_bytes())?;
    if listed < diagnostics.len() {
        writeln!(
            out,
            "\n{} not listed here; the text, JSON and SARIF reports (`--format text|json|sarif`) list all {}.",
            plural(diagnostics.len() - listed, "more finding"),
            diagnostics.len()
        )?;
    }
    Ok(())
}

/// The column of the rule table that counts `severity`.
fn column(severity: Severity) -> usize {
    match severity {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Note => 2,
    }
}

/// `path:line:column` of `location` from the repository root, or its path for a whole file; escaped. With the
/// address of the repository's files on the web ([`RenderContext::web_files`]), a link to the file there, at the line.
fn place(location: &Location, context: &RenderContext<'_>) -> String {
    let path = context.repository_path(&location.path);
    let shown = match location.span {
        Some(span) => format!("{}:{}:{}", escape(&path), span.line, span.column),
        None => escape(&path),
    };
    // A path that is absolute or climbs out is outside the repository: there is no page of it to link to.
    let in_repository =
        context.repository.is_some() && !Path::new(path.as_ref()).is_absolute() && !path.starts_with("..");
    match context.web_files {
        Some(web_files) if in_repository => {
            let line = location.span.map(|span| format!("#L{}", span.line)).unwrap_or_default();
            format!("[{shown}](<{web_files}/{}{line}>)", uri_reference(&path))
        }
        _ => shown,
    }
}

/// The message of `diagnostic` and the first lines of its note, a line each in one cell.
fn finding(diagnostic: &Diagnostic) -> String {
    let note = diagnostic.note.as_deref().unwrap_or_default();
    let note_lines = note.lines().count();
    let shown_note = note.lines().take(MAX_NOTE_LINES).map(|line| clip(line, MAX_NOTE_LINE_CHARS));
    let mut lines: Vec<String> = diagnostic.message.lines().map(with_code_spans).collect();
    lines.extend(shown_note.map(|line| with_code_spans(&line)));
    if note_lines > MAX_NOTE_LINES {
        let more = plural(note_lines - MAX_NOTE_LINES, "more line");
        lines.push(format!("… ({more} in the text and JSON reports)"));
    }
    lines.join("<br>")
}

/// A line of a message or note as Markdown: its code spans as CommonMark reads them, a run of backticks up to the next
/// run as long (`` `[!NOTE]` ``, `` ` ``` ` ``), kept; the rest escaped, with any run that nothing closes.
fn with_code_spans(line: &str) -> String {
    let run_length = |at: usize| line[at..].len() - line[at..].trim_start_matches('`').len();
    let mut out = String::with_capacity(line.len() + 8);
    let (mut text_from, mut at) = (0, 0);
    while let Some(offset) = line[at..].find('`') {
        let open = at + offset;
        let ticks = run_length(open);
        let content = open + ticks;
        let mut search = content;
        let close = loop {
            let Some(offset) = line[search..].find('`') else { break None };
            let run = search + offset;
            if run_length(run) == ticks {
                break Some(run);
            }
            search = run + run_length(run);
        };
        match close {
            Some(close) if !line[content..close].trim().is_empty() => {
                out.push_str(&escape(&line[text_from..open]));
                out.push_str(&line[open..content]);
                // In a code span nothing is markup, but a table still ends a cell at an unescaped `|`.
                out.push_str(&line[content..close].replace('|', "\\|"));
                out.push_str(&line[close..close + ticks]);
                (text_from, at) = (close + ticks, close + ticks);
            }
            _ => at = content,
        }
    }
    out.push_str(&escape(&line[text_from..]));
    out
}

/// `text` as literal Markdown on one line: what Markdown reads as markup (a table's `|` too, and the `&` that would
/// start an entity, `&copy;`) is backslash-escaped, and line breaks are folded.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for (at, c) in text.char_indices() {
        match c {
            '&' if starts_entity(&text[at + 1..]) => {
                out.push_str("\\&");
            }
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '!' | '~' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Whether the text after a `&` makes it an entity (`copy;`, `#169;`, `#xA9;`).
fn starts_entity(after: &str) -> bool {
    let name = after.len() - after.trim_start_matches(|c: char| c.is_ascii_alphanumeric() || c == '#').len();
    name > 0 && after[name..].starts_with(';')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;
    use crate::report::testing::{SAMPLE_RULES, render_sample, render_with, sample_diagnostics};
    use crate::report::{Repository, SourceFiles};

    #[test]
    fn output() {
        insta::assert_snapshot!(render_sample(render));
    }

    fn rendered(diagnostics: &[Diagnostic], context: &RenderContext<'_>) -> String {
        let mut out = Vec::new();
        render(diagnostics, context, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Every row has its five cells, whatever the message holds: a `|`, HTML, a code span, emphasis.
    #[test]
    fn a_finding_cannot_break_the_table_or_add_markup() {
        let span = Span { start: 0, end: 1, line: 3, column: 2, end_line: 3, end_column: 9 };
        let hostile = Diagnostic::new(
            "untranslated",
            Severity::Warning,
            Location::new("fr-fr/a|b.md", span),
            "`x|y` <script>alert(1)</script> **bold** [link](http://example.com) | end",
        )
        .with_note("a\n| b |\n<img src=x>");
        let text = render_with(render, &[hostile], false);
        let row = text.lines().last().unwrap();
        let unescaped_pipes = row.char_indices().filter(|&(at, c)| c == '|' && !row[..at].ends_with('\\')).count();
        assert_eq!(unescaped_pipes, 6, "five cells: {row}");
        for escaped in ["\\<script\\>", "\\*\\*bold\\*\\*", "\\[link\\]", "`x\\|y`", "<br>\\| b \\|<br>\\<img"] {
            assert!(row.contains(escaped), "{escaped} in {row}");
        }
        let without_breaks = row.replace("<br>", "");
        let raw_angles =
            without_breaks.char_indices().filter(|&(at, c)| c == '<' && !without_breaks[..at].ends_with('\\'));
        assert_eq!(raw_angles.count(), 0, "{row}");
        assert!(row.contains("| fr-fr/a\\|b.md:3:2 |"), "{row}");
    }

    #[test]
    fn what_a_message_quotes_between_backticks_is_code() {
        assert_eq!(with_code_spans("this `[!NOTE]` alert, `a|b` and *c*"), "this `[!NOTE]` alert, `a\\|b` and \\*c\\*");
        assert_eq!(with_code_spans("`**` is empty bold, then ` alone"), "`**` is empty bold, then \\` alone");
        assert_eq!(with_code_spans("an empty `` quote"), "an empty \\`\\` quote");
        // A fence quoted in a longer run, and a bare one: a run is closed only by a run as long.
        assert_eq!(
            with_code_spans("this ` ``` ` cannot close, nor ``` here, `~~~` can"),
            "this ` ``` ` cannot close, nor \\`\\`\\` here, `~~~` can"
        );
    }

    #[test]
    fn findings_are_listed_most_severe_first_with_paths_from_the_repository_root() {
        let files = SourceFiles::default();
        let repository = Repository { root: "/repo".into(), folder: "docs/en-us".to_owned() };
        let context = RenderContext { repository: Some(&repository), ..RenderContext::new(SAMPLE_RULES, &files) };
        let text = rendered(&sample_diagnostics(), &context);
        let severities: Vec<&str> = text
            .lines()
            .skip_while(|line| !line.starts_with("| severity"))
            .skip(2)
            .map(|row| row.split(" | ").next().unwrap().trim_start_matches("| "))
            .collect();
        assert_eq!(severities, ["error", "warning", "warning", "warning", "warning", "note", "note"]);
        assert!(text.contains("| error | docs/en-us/fr-fr/close-your-account.md:"), "{text}");
    }

    #[test]
    fn in_github_actions_places_link_to_their_line_at_the_commit() {
        let files = SourceFiles::default();
        let repository = Repository { root: "/repo".into(), folder: "docs".to_owned() };
        let web_files = Some("https://github.com/contoso/docs/blob/0123abc");
        let context = RenderContext { web_files, ..RenderContext::new(SAMPLE_RULES, &files) };
        let span = Span { start: 0, end: 1, line: 24, column: 3, end_line: 24, end_column: 9 };
        let diagnostics = [
            Diagnostic::new("untranslated", Severity::Warning, Location::new("fr-fr/mon (1).md", span), "English")
                .with_source(Location::new("en-us/x.md", span)),
            Diagnostic::new("stale-source", Severity::Warning, Location::file("/elsewhere/x.md"), "older"),
        ];
        let rows = |context: &RenderContext<'_>| {
            let text = rendered(&diagnostics, context);
            text.lines().filter(|line| line.starts_with("| warning |")).map(str::to_owned).collect::<Vec<_>>()
        };
        assert!(rows(&context)[0].starts_with("| warning | fr-fr/mon (1).md:24:3 |"), "outside a repository, no link");
        let in_repository = RenderContext { repository: Some(&repository), ..context };
        let rows = rows(&in_repository);
        let linked =
            "[docs/fr-fr/mon (1).md:24:3](<https://github.com/contoso/docs/blob/0123abc/docs/fr-fr/mon%20(1).md#L24>)";
        assert!(rows[0].starts_with(&format!("| warning | {linked} |")), "{}", rows[0]);
        let source = "[docs/en-us/x.md:24:3](<https://github.com/contoso/docs/blob/0123abc/docs/en-us/x.md#L24>)";
        assert!(rows[0].ends_with(&format!("| {source} |")), "{}", rows[0]);
        assert!(rows[1].starts_with("| warning | /elsewhere/x.md | stale-source |"), "a file outside it: {}", rows[1]);
    }

    #[test]
    fn a_long_report_lists_the_first_findings_and_says_how_many_more() {
        let long_note = format!("{}\n", "a changed line ".repeat(100)).repeat(MAX_NOTE_LINES + 3);
        let one = Diagnostic::new("untranslated", Severity::Warning, Location::file("fr-fr/a.md"), "English")
            .with_note(long_note);
        let many = vec![one; 2000];
        let text = render_with(render, &many, false);
        assert!(text.len() < 1 << 20, "within GitHub's limit: {}", text.len());
        let rows: Vec<&str> = text.lines().filter(|line| line.starts_with("| warning |")).collect();
        assert!(rows.len() > 500 && rows.len() < 2000, "{}", rows.len());
        assert!(rows[0].ends_with("a ch…<br>… (3 more lines in the text and JSON reports) |  |"), "{}", rows[0]);
        let last = text.lines().last().unwrap();
        let expected = format!("{} more findings not listed here;", 2000 - rows.len());
        assert!(last.starts_with(&expected) && last.ends_with("list all 2000."), "{last}");
    }

    #[test]
    fn no_findings_is_the_heading_alone() {
        let files = SourceFiles::default();
        let context = RenderContext { files_checked: Some(3), ..RenderContext::new(SAMPLE_RULES, &files) };
        assert_eq!(rendered(&[], &context), "### checkdown: no findings (3 files checked)\n");
    }
}
