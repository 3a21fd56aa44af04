//! `checkdown parse FILE`: the article model as JSON or YAML, the documented contract other tools read. `-` reads the
//! article from standard input (no includes are read: it has no folder).

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

use crate::cli::{Exit, ModelFormat};
use crate::commands::Input;
use crate::model::{Article, Procedure, Section};
use crate::parse::ParseOptions;
use crate::report::Diagnostic;

/// A validated `parse` run.
#[derive(Debug)]
pub struct ParseJob {
    /// The file to parse; `-` for standard input.
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
        let input = Input::given(self.file.clone());
        let (path, parsed) = (input.path().display().to_string(), input.parse(&self.options)?);
        for diagnostic in &parsed.diagnostics {
            writeln!(err, "{diagnostic}")?;
        }
        if parsed.has_errors() {
            return Ok(Exit::Failure);
        }
        let procedure = parsed.article.procedure();
        let document = ModelDocument {
            schema: SCHEMA,
            path,
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
            ModelFormat::Outline => out.write_all(outline(&document.path, &parsed.article, &procedure).as_bytes())?,
        }
        Ok(Exit::Success)
    }
}

/// The outline of `article`: a line saying how its steps were found, then one line per section, indented by level,
/// with its source line and its part in `procedure`. A section's subsections play its part unless they have their own.
pub fn outline(path: &str, article: &Article, procedure: &Procedure<'_>) -> String {
    let mut parts: HashMap<usize, String> = HashMap::new();
    let mut mark = |sections: Vec<&Section>, part: String| {
        for section in sections {
            parts.insert(section.heading_span.start, part.clone());
        }
    };
    mark(procedure.intro_sections.clone(), "before the steps".to_owned());
    mark(procedure.prerequisites.into_iter().collect(), "prerequisites".to_owned());
    let mut steps = Vec::new();
    for step in &procedure.steps {
        let substeps = match step.substeps.len() {
            0 => "no sub-steps".to_owned(),
            1 => "1 sub-step".to_owned(),
            count => format!("{count} sub-steps"),
        };
        mark(step.groups.iter().collect(), format!("heading over step {}", step.number));
        mark(step.groups.iter().flat_map(|group| &group.sections).collect(), format!("before step {}", step.number));
        mark(step.sections.clone(), format!("in step {}", step.number));
        mark(step.after.clone(), format!("after step {}", step.number));
        steps.push((step.heading_span.start, format!("step {} ({substeps})", step.number)));
    }
    mark(procedure.outro.clone(), "after the steps".to_owned());
    parts.extend(steps);

    let found = match procedure.steps.as_slice() {
        [] => "no steps: nothing to tick".to_owned(),
        [only] if article.sections.first().is_some_and(|title| title.heading_span == only.heading_span) => {
            "1 step: the numbered list under the title".to_owned()
        }
        [only] if only.label.is_some() => "1 step, from its \"Step N\" heading".to_owned(),
        steps if steps.iter().all(|step| step.label.is_some()) => {
            format!("{} steps, from their \"Step N\" headings", steps.len())
        }
        [_] => "1 step: the section that holds a numbered list (counted here; the checklist numbers no steps the \
                article does not)"
            .to_owned(),
        steps => format!(
            "{} steps: the sections that hold numbered lists (counted here; the checklist numbers no steps the \
             article does not)",
            steps.len()
        ),
    };
    let mut text = format!("{path}: {found}\n");
    let last_line = article.all_sections().iter().map(|section| section.heading_span.line).max().unwrap_or(1);
    outline_sections(&article.sections, "title", &parts, last_line.to_string().len(), &mut text);
    text
}

/// One outline line per section of `sections` and their subsections, whose part, when `parts` has none, is `inherited`;
/// line numbers right-aligned in `width` digits.
fn outline_sections(
    sections: &[Section],
    inherited: &str,
    parts: &HashMap<usize, String>,
    width: usize,
    text: &mut String,
) {
    for section in sections {
        let part = parts.get(&section.heading_span.start).map_or(inherited, String::as_str);
        let level = usize::from(section.level);
        let heading = format!("{}{} {}", "  ".repeat(level.saturating_sub(1)), "#".repeat(level), section.title);
        let line = format!("{:>width$}  {heading:<60}  {part}", section.heading_span.line);
        text.push_str(line.trim_end());
        text.push('\n');
        outline_sections(&section.sections, part, parts, width, text);
    }
}
