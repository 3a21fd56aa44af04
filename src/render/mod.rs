//! The printable checklist: the procedure view of an article, in the reader's language, as HTML (for print and PDF),
//! a Markdown task list, plain text, or JSON.
//!
//! [`Checklist`] is the view every format reads: built from the model in Rust (links resolved and numbered, results
//! applied, labels localized), then rendered by the minijinja templates in `templates/` ([`templates`]). Article
//! content only ever reaches a template as data, so it is escaped and never compiled; its raw HTML is printed as the
//! model's own blocks, tables, lists and paragraphs of text and links ([`html_text::html_block`]), never as HTML.

pub mod docset;
pub mod html_text;
pub mod images;
pub mod layout;
pub mod links;
pub mod pdf;
pub mod pivots;
pub mod results;
pub mod templates;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use serde::Serialize;
use thiserror::Error;

use crate::i18n::{Strings, days_in_month};
use crate::model::steps::step_heading;
use crate::model::{Article, Block, Inline, ListItem, Procedure, Section, Span, Step, text};
use crate::verify::{Identity, IdentityKind};
use images::Picture;
use layout::Layout;
use links::{LearnBase, Links};
use results::{Results, Status};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Self-contained printable HTML.
    Html,
    /// PDF, printed from the HTML by a Chromium-family browser.
    Pdf,
    /// A Markdown task list.
    #[value(alias = "markdown")]
    Md,
    /// Plain text (also `text`, the name `sync` and `verify` use).
    #[value(alias = "text")]
    Txt,
    /// The checklist view as JSON.
    Json,
}

impl Format {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Html => "html",
            Self::Pdf => "pdf",
            Self::Md => "md",
            Self::Txt => "txt",
            Self::Json => "json",
        }
    }

    /// The format a file name's extension names (`runbook.PDF`, `list.markdown`), if any.
    pub fn of_path(path: &std::path::Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "html" | "htm" => Some(Self::Html),
            "pdf" => Some(Self::Pdf),
            "md" | "markdown" => Some(Self::Md),
            "txt" | "text" => Some(Self::Txt),
            "json" => Some(Self::Json),
            _ => None,
        }
    }
}

/// Paper size for print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    /// ISO A4.
    A4,
    /// US Letter.
    Letter,
}

impl Paper {
    /// The paper of `region` (`US`): Letter where it is the custom (the US and Canada), A4 elsewhere.
    pub fn usual_in(region: &str) -> Paper {
        if region.eq_ignore_ascii_case("us") || region.eq_ignore_ascii_case("ca") { Paper::Letter } else { Paper::A4 }
    }
}

/// Where the article came from, as printed on the checklist.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SourceInfo {
    /// The file as given, or the bundled path.
    pub path: String,
    /// The git revision of the file, when known.
    pub revision: Option<String>,
    /// The article's address on Learn, when given (`--learn-url`) or known (the docset's, the bundled article's).
    pub learn_url: Option<String>,
}

impl SourceInfo {
    /// What the checklist names the article by: its Learn address, which a reader of the paper can open, when known;
    /// else the file, as given.
    pub fn shown(&self) -> &str {
        self.learn_url.as_deref().unwrap_or(&self.path)
    }
}

/// Everything a render needs besides the article.
#[derive(Debug)]
pub struct RenderOptions {
    /// Paper size.
    pub paper: Paper,
    /// The moniker the checklist is for, if one was selected.
    pub moniker: Option<String>,
    /// Templates that override the bundled ones by name.
    pub templates: Option<PathBuf>,
    /// Where the article lives on Learn.
    pub base: LearnBase,
    /// Where it came from.
    pub source: SourceInfo,
    /// The generation date (year, month, day).
    pub today: (i64, u32, u32),
    /// The images embedded in the HTML ([`images::embed`]); none for the other formats.
    pub pictures: BTreeMap<String, Picture>,
    /// The titles of the article's zone pivots, by id ([`pivots::titles`]): a zone prints its pivot's.
    pub pivots: BTreeMap<String, String>,
}

/// A checklist could not be rendered.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum RenderError {
    /// A template does not compile or fails while rendering (a `--templates` override, usually).
    #[error("template {name}: {message}")]
    Template {
        /// The template name.
        name: String,
        /// What minijinja said, with the line.
        message: String,
    },
    /// JSON output failed.
    #[error("cannot write JSON")]
    Json(#[from] serde_json::Error),
}

/// The checklist view: what every format renders.
#[derive(Debug, Serialize)]
pub struct Checklist<'a> {
    /// The contract's version.
    pub schema: &'static str,
    /// The article title.
    pub title: &'a str,
    /// The content's locale.
    pub locale: Option<&'a str>,
    /// The UI strings' locale.
    pub ui_locale: String,
    /// The selected moniker.
    pub moniker: Option<String>,
    /// Paper size.
    pub paper: Paper,
    /// Source file and revision.
    pub source: SourceInfo,
    /// The article's `ms.date`, localized: as the checklist prints it.
    pub article_date: Option<String>,
    /// The article's `ms.date` as an ISO 8601 date (`2018-02-14`), for tools; `None` when it is no `MM/DD/YYYY` date.
    pub ms_date: Option<String>,
    /// "Generated from … on …".
    pub generated: String,
    /// The day the checklist was made, as an ISO 8601 date.
    pub generated_on: String,
    /// Blocks under the title.
    pub intro: Vec<&'a Block>,
    /// Sections before the prerequisites (before the first step when there are none).
    pub intro_sections: Vec<&'a Section>,
    /// The prerequisites section.
    pub prerequisites: Option<&'a Section>,
    /// Sections after the prerequisites and before the first step.
    pub lead_sections: Vec<&'a Section>,
    /// The steps.
    pub steps: Vec<StepView<'a>>,
    /// Sections after the last step.
    pub outro: Vec<&'a Section>,
    /// Byte offsets of the ordered lists outside the steps that are rendered with check boxes: each one right in a
    /// section (or a zone or tab of it), as a step's sub-steps are. A numbered list is a procedure, and an article
    /// with "Step" headings may hold others ("Phase 2" after the steps, "To remove it" before them).
    pub task_lists: Vec<usize>,
    /// Byte offsets of the headings of the sections that hold such lists: each is signed off after its own blocks.
    pub task_sections: Vec<usize>,
    /// Whether the blocks under the title hold such a list ("To assign permissions: 1. …" before "Step 1"): they are
    /// signed off after them.
    pub intro_tasks: bool,
    /// Byte offsets of the list items, alerts and tables (with a row) too long to keep whole on a printed page
    /// ([`layout::PrintNotes`]).
    pub long_items: Vec<usize>,
    /// Byte offsets of the tables whose longest words do not fit side by side ([`layout::PrintNotes`]).
    pub tight_tables: Vec<usize>,
    /// How each link target renders, and the footnotes.
    pub links: Links,
    /// The pictures embedded in the HTML, keyed by the image source as the article writes it. Empty unless embedded
    /// ([`images::embed`]), and then left out of the JSON.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub images: &'a BTreeMap<String, Picture>,
    /// The titles of the article's zone pivots, by id, from its docset's zone pivot groups file; left out of the JSON
    /// when there are none.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub pivots: &'a BTreeMap<String, String>,
    /// Verification results, when given.
    pub verification: Option<Verification>,
    /// The tenant the checklist is run against, when results name it: printed in the run's fields, which are
    /// otherwise filled in by hand.
    pub tenant: Option<String>,
}

/// One step as the checklist shows it.
#[derive(Debug, Serialize)]
pub struct StepView<'a> {
    /// The step id (the anchor in the HTML).
    pub id: &'a str,
    /// The step number.
    pub number: u32,
    /// The heading's own label ("Step 1", "(Optional) Step 3") when the checklist is in the article's language, else
    /// the localized "Step 1" / "Étape 1" with the label's parenthetical ("Step 5 (facultatif)"); `None` for a step
    /// whose heading numbers nothing ("To turn it on"): the checklist numbers no steps the article does not.
    pub label: Option<String>,
    /// The step title without its number, as a heading of its own ([`Step::standalone_title`]).
    pub title: std::borrow::Cow<'a, str>,
    /// The title's inlines, its links and code kept ([`Step::title_inlines`]).
    pub title_inlines: Vec<Inline>,
    /// The label and the title on one line, for the formats that print them so: the heading as the article writes it
    /// when the label is the heading's own and no colon follows it ("Step 1 Reset the password"), else the label and
    /// the title joined the checklist's way ("Étape 5 (facultatif) : Empêcher…", "Step 1: Delete users").
    pub heading: String,
    /// The heading's inlines: the label as in `heading`, then the title's inlines.
    pub heading_inlines: Vec<Inline>,
    /// The moniker range the whole step applies to (its heading sits in a moniker zone).
    pub moniker: Option<&'a str>,
    /// The zone pivot the whole step applies to (its heading sits in a `::: zone pivot="…"`).
    pub pivot: Option<&'a str>,
    /// The step's blocks.
    pub body: &'a [Block],
    /// Byte offsets of the ordered lists rendered with check boxes: those right in the step's body or in its moniker
    /// zones (the sub-steps, and their variants for another cloud), and those right in its subsections.
    pub substep_lists: Vec<usize>,
    /// The sub-steps, for formats that list them on their own.
    pub substeps: Vec<SubStepView>,
    /// Short enough to be kept on one printed page: moving a longer step whole to the next page would leave most of
    /// a page blank, so a longer one flows on where the previous step ends.
    pub keep_together: bool,
    /// Subsections.
    pub sections: Vec<&'a Section>,
    /// Sections after the step, outside it, up to the next step.
    pub after: Vec<&'a Section>,
    /// The groups the step opens (headings above the steps' level, with their own blocks), shown before it.
    pub groups: Vec<Section>,
    /// Verification status.
    pub status: Option<Status>,
    /// Its localized label.
    pub status_label: Option<String>,
    /// Evidence lines.
    pub evidence: Vec<String>,
    /// Where the step is in the source.
    pub span: Span,
}

/// A sub-step in the JSON view.
#[derive(Debug, Serialize)]
pub struct SubStepView {
    /// Its number.
    pub number: u64,
    /// Its plain text.
    pub text: String,
}

/// The verification summary printed at the top.
#[derive(Debug, Serialize)]
pub struct Verification {
    /// Steps done.
    pub done: usize,
    /// Steps in the article.
    pub total: usize,
    /// "3 of 5 steps done".
    pub progress: String,
    /// "Checked on … against tenant … as application …".
    pub checked: Option<String>,
}

/// The version of the checklist JSON.
pub const SCHEMA: &str = "checkdown.checklist/1";

/// Builds the checklist view of `article`.
pub fn checklist<'a>(
    article: &'a Article,
    strings: &Strings,
    results: Option<&Results>,
    options: &'a RenderOptions,
) -> Checklist<'a> {
    let layout = Layout { pictures: &options.pictures };
    let print_notes = layout.print_notes(article);
    let Procedure { intro, mut intro_sections, prerequisites, steps, outro } = article.procedure();
    // The prerequisites print where the article has them: before the sections that follow them.
    let lead_sections = match prerequisites {
        Some(prerequisites) => {
            let after = intro_sections.partition_point(|section| section.span.start < prerequisites.span.start);
            intro_sections.split_off(after)
        }
        None => Vec::new(),
    };
    // A variant leaves parts of the article out: links to them lead to the article on Learn.
    let mut links = match options.moniker {
        Some(_) => Links::on_page(article.ids().into_keys().collect()),
        None => Links::default(),
    };
    links.add_blocks(intro.iter().copied(), &options.base);
    for section in intro_sections.iter().chain(&prerequisites).chain(&lead_sections) {
        links.add_section(section, &options.base);
    }
    // A step's own label ("(Optional) Step 3") is the article's words: shown when the checklist speaks its language.
    let language = |locale: &str| locale.split('-').next().unwrap_or_default().to_ascii_lowercase();
    let own_labels = article.locale.as_deref().is_none_or(|locale| language(locale) == language(strings.locale()));
    let steps: Vec<StepView<'a>> = steps
        .into_iter()
        .map(|step| step_view(step, own_labels, strings, results, &mut links, &options.base, layout))
        .collect();
    for section in &outro {
        links.add_section(section, &options.base);
    }
    let outside_steps = steps.iter().flat_map(|step| step.groups.iter().chain(step.after.iter().copied()));
    let headings = Headings::of(article);
    let (mut task_lists, task_sections) = tasks_outside_steps(
        intro_sections.iter().chain(&lead_sections).chain(&outro).copied().chain(outside_steps),
        &headings,
    );
    let sections_tasks = task_lists.len();
    task_lists_in(intro.iter().copied(), &headings, &mut task_lists);
    let intro_tasks = task_lists.len() > sections_tasks;
    let (year, month, day) = options.today;
    let generated = strings.get(
        "generated",
        &[("source", options.source.shown().into()), ("date", strings.date(year, month, day).into())],
    );
    let verification = results.map(|results| {
        let done = steps.iter().filter(|step| step.status == Some(Status::Done)).count();
        let total = steps.len();
        let checked = match (&results.checked_at, &results.tenant) {
            (Some(at), Some(tenant)) => {
                let identity = results.signed_in.as_ref();
                let mut args = vec![
                    ("date", strings.timestamp(at).into()),
                    ("tenant", tenant.clone().into()),
                    ("kind", identity.map_or(IdentityKind::Unknown, |identity| identity.kind).as_str().into()),
                    ("who", identity.and_then(Identity::who).unwrap_or_default().into()),
                ];
                let id = match &results.replayed_from {
                    Some(record) => {
                        args.push(("record", record.clone().into()));
                        "checked-replayed"
                    }
                    None => "checked",
                };
                Some(strings.get(id, &args))
            }
            _ => None,
        };
        let progress = strings.get("progress", &[("done", done.into()), ("total", total.into())]);
        Verification { done, total, progress, checked }
    });
    Checklist {
        schema: SCHEMA,
        title: &article.title,
        locale: article.locale.as_deref(),
        ui_locale: strings.locale().to_owned(),
        moniker: options.moniker.clone(),
        paper: options.paper,
        source: options.source.clone(),
        article_date: article.front_matter.ms_date().map(|date| localized_us_date(strings, &date)),
        ms_date: article.front_matter.ms_date().and_then(|date| us_date(&date)).map(iso_date),
        generated,
        generated_on: iso_date(options.today),
        intro,
        intro_sections,
        prerequisites,
        lead_sections,
        steps,
        outro,
        task_lists,
        task_sections,
        intro_tasks,
        long_items: print_notes.long_items,
        tight_tables: print_notes.tight_tables,
        links,
        images: &options.pictures,
        pivots: &options.pivots,
        verification,
        tenant: results.and_then(|results| results.tenant.clone()),
    }
}

/// The view of `step`; `own_labels` when the checklist speaks the article's language, so prints the heading's own
/// step label.
fn step_view<'a>(
    step: Step<'a>,
    own_labels: bool,
    strings: &Strings,
    results: Option<&Results>,
    links: &mut Links,
    base: &LearnBase,
    layout: Layout<'_>,
) -> StepView<'a> {
    for group in &step.groups {
        links.add_section(group, base);
    }
    // The links the heading prints: a link on its label alone is not.
    let title_inlines = step.title_inlines(false);
    links.add_inlines(&title_inlines, base);
    links.add_blocks(step.body, base);
    for section in step.sections.iter().chain(&step.after) {
        links.add_section(section, base);
    }
    let substep_lists = boxed_lists(&step);
    let result = results.and_then(|results| results.step(step.id));
    let status = result.map(|result| result.status);
    let label = step.label.map(|own| match own_labels {
        true => own.to_owned(),
        // The parenthetical is the article's word that the step may be skipped: it outlives the translation.
        false => {
            let localized = strings.get("step", &[("number", step.number.into())]);
            parenthetical(own).map_or(localized.clone(), |parenthetical| format!("{localized} {parenthetical}"))
        }
    });
    // A heading whose label and title the author separated otherwise than by a colon ("Step 1 Reset the password",
    // "Part 1 - Anti-spam") is printed as written: joined by the checklist's colon it would read otherwise than the
    // article. A colon is the checklist's own, spaced as its language wants ("Étape 1 : Supprimer").
    let heading = match (step.label, &label) {
        (Some(own), _) if own_labels && !separated_by_colon(step.heading, own, step.title) => step.heading.to_owned(),
        (_, Some(label)) => strings.get("labelled", &[("label", label.as_str().into()), ("text", step.title.into())]),
        (_, None) => step.title.to_owned(),
    };
    let heading_inlines = match heading.strip_suffix(step.title) {
        Some(lead) => {
            let lead = (!lead.is_empty()).then(|| Inline::Text { text: lead.to_owned(), span: step.heading_span });
            lead.into_iter().chain(title_inlines).collect()
        }
        None => vec![Inline::Text { text: heading.clone(), span: step.heading_span }],
    };
    StepView {
        id: step.id,
        number: step.number,
        label,
        title: step.standalone_title(),
        title_inlines: step.title_inlines(true),
        heading,
        heading_inlines,
        moniker: step.moniker,
        pivot: step.pivot,
        body: step.body,
        substep_lists,
        substeps: step
            .substeps
            .iter()
            .map(|substep| SubStepView { number: substep.number, text: substep.text.clone() })
            .collect(),
        keep_together: layout.keeps_together(step.body, &step.sections),
        sections: step.sections,
        after: step.after,
        groups: step.groups,
        status_label: status.map(|status| strings.text(&format!("status-{}", status.as_str()))),
        status,
        evidence: result.map(results::StepResult::evidence_lines).unwrap_or_default(),
        span: step.span,
    }
}

/// Whether `heading` is `label`, a colon (any spacing) and `title`.
fn separated_by_colon(heading: &str, label: &str, title: &str) -> bool {
    let between = heading.strip_prefix(label).and_then(|rest| rest.strip_suffix(title)).map(str::trim);
    matches!(between, Some(":" | "："))
}

/// The parenthetical of a step label ("(facultatif)" of "Étape 5 (facultatif)", "(Optional)" of "(Optional) Step 3").
fn parenthetical(label: &str) -> Option<&str> {
    let start = label.find('(')?;
    let end = start + label[start..].find(')')?;
    Some(&label[start..=end])
}

/// The ordered lists of `step` whose items are things to do and get boxes: each ordered list right in its body or in
/// a zone or tab of it ([`Block::variant_blocks`]: the same steps for another cloud, pivot or way), and right in a
/// subsection.
fn boxed_lists(step: &Step<'_>) -> Vec<usize> {
    let mut lists = Vec::new();
    ordered_lists(step.body, &mut lists);
    for section in &step.sections {
        ordered_lists_under(std::slice::from_ref(*section), &mut lists);
    }
    lists
}

/// Adds the byte offsets of the ordered lists right in `blocks` or in a zone or tab of them to `out`.
fn ordered_lists(blocks: &[Block], out: &mut Vec<usize>) {
    for block in blocks {
        match block {
            Block::List { ordered: true, span, .. } => out.push(span.start),
            other => {
                if let Some(blocks) = other.variant_blocks() {
                    ordered_lists(blocks, out);
                }
            }
        }
    }
}

/// The numbered lists outside the steps that get a box per item, and the headings of the sections holding them: every
/// numbered list right in one of `sections` (or their subsections) or in a zone or tab of it, except an overview of
/// the article, which would have the same work ticked twice.
fn tasks_outside_steps<'s>(
    sections: impl Iterator<Item = &'s Section>,
    headings: &Headings,
) -> (Vec<usize>, Vec<usize>) {
    fn walk(section: &Section, headings: &Headings, lists: &mut Vec<usize>, signed: &mut Vec<usize>) {
        let before = lists.len();
        task_lists_in(section.blocks.iter(), headings, lists);
        if lists.len() > before {
            signed.push(section.heading_span.start);
        }
        for child in &section.sections {
            walk(child, headings, lists, signed);
        }
    }
    let (mut lists, mut signed) = (Vec::new(), Vec::new());
    for section in sections {
        walk(section, headings, &mut lists, &mut signed);
    }
    (lists, signed)
}

/// Adds the byte offsets of the numbered lists among `blocks` (or in a zone or tab of them) that are tasks, not an
/// overview of the article, to `out`.
fn task_lists_in<'b>(blocks: impl Iterator<Item = &'b Block>, headings: &Headings, out: &mut Vec<usize>) {
    for block in blocks {
        match block {
            Block::List { ordered: true, items, span, .. } if !headings.overviewed_by(items) => out.push(span.start),
            other => {
                if let Some(blocks) = other.variant_blocks() {
                    task_lists_in(blocks.iter(), headings, out);
                }
            }
        }
    }
}

/// The words of an article's headings, to tell a list that outlines the article from one of its own.
struct Headings(Vec<Vec<String>>);

impl Headings {
    fn of(article: &Article) -> Self {
        Self(article.all_sections().iter().map(|section| words(&text::inlines(&section.heading))).collect())
    }

    /// Whether a numbered list is an overview of the article: most of its items start with a step heading ("Step 1:
    /// Find the files") or a link within the page, or say mostly what one of its headings says ("Review the
    /// prerequisites." over "## Review the prerequisites", "Create the dev/test environment." over "## Phase 1: Build
    /// out your dev/test environment").
    fn overviewed_by(&self, items: &[ListItem]) -> bool {
        let points_at_a_part = |item: &ListItem| match item.blocks.first() {
            Some(Block::Paragraph { inlines, .. }) => {
                let said = text::inlines(inlines);
                matches!(inlines.first(), Some(Inline::Link { target, .. }) if target.starts_with('#'))
                    || step_heading(&said).is_some()
                    || self.mirrored(&words(&said))
            }
            _ => false,
        };
        items.iter().filter(|item| points_at_a_part(item)).count() * 2 > items.len()
    }

    /// Whether most of `said` (at least 3 in 5 of its words, and 2 of them) is in one heading.
    fn mirrored(&self, said: &[String]) -> bool {
        said.len() >= 2
            && self.0.iter().any(|heading| {
                let shared = said.iter().filter(|word| heading.contains(word)).count();
                shared >= 2 && shared * 5 >= said.len() * 3
            })
    }
}

/// The words of `text` that say something: of 4 letters or more, so not "the", "to", "les" or "365". Lower-cased,
/// without the punctuation around them nor a plural `s` ("Users," gives "user").
fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|word| word.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .filter(|word| word.chars().count() >= 4)
        .map(|word| word.strip_suffix('s').filter(|stem| stem.chars().count() > 2).map_or(word.clone(), str::to_owned))
        .collect()
}

/// [`ordered_lists`] of `sections` and of their subsections, at any depth.
fn ordered_lists_under(sections: &[Section], out: &mut Vec<usize>) {
    for section in sections {
        ordered_lists(&section.blocks, out);
        ordered_lists_under(&section.sections, out);
    }
}

/// `MM/DD/YYYY` (Learn's `ms.date`) in the locale's long form; other text is shown as written.
fn localized_us_date(strings: &Strings, text: &str) -> String {
    us_date(text).map_or_else(|| text.to_owned(), |(year, month, day)| strings.date(year, month, day))
}

/// The (year, month, day) of a date written `MM/DD/YYYY`, as Learn's `ms.date` is; `None` for other text.
fn us_date(text: &str) -> Option<(i64, u32, u32)> {
    let parts: Vec<&str> = text.trim().split('/').collect();
    let [month, day, year] = parts.as_slice() else { return None };
    match (year.parse(), month.parse(), day.parse()) {
        (Ok(year), Ok(month @ 1..=12), Ok(day)) if (1..=days_in_month(year, month)).contains(&day) => {
            Some((year, month, day))
        }
        _ => None,
    }
}

/// `(year, month, day)` as an ISO 8601 date.
fn iso_date((year, month, day): (i64, u32, u32)) -> String {
    format!("{year:04}-{month:02}-{day:02}")
}

/// The civil date (year, month, day) of a Unix time in seconds (UTC), by Howard Hinnant's days-to-civil algorithm.
pub fn civil_date(unix_seconds: i64) -> (i64, u32, u32) {
    let days = unix_seconds.div_euclid(86_400) + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_index + 2) / 5 + 1) as u32;
    let month = if month_index < 10 { month_index + 3 } else { month_index - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The templates, by name: HTML (and PDF), Markdown, text. `--templates DIR` replaces them by these names.
pub const TEMPLATE_NAMES: [&str; 3] = ["checklist.html", "checklist.md", "checklist.txt"];

/// Renders a checklist to text in `format` (not PDF: see [`pdf`]).
pub fn render_text(
    checklist: &Checklist<'_>,
    format: Format,
    options: &RenderOptions,
    strings: Arc<Strings>,
) -> Result<String, RenderError> {
    let name = match format {
        Format::Json => return Ok(serde_json::to_string_pretty(checklist)? + "\n"),
        Format::Html | Format::Pdf => TEMPLATE_NAMES[0],
        Format::Md => TEMPLATE_NAMES[1],
        Format::Txt => TEMPLATE_NAMES[2],
    };
    let environment = templates::environment(strings, options.templates.clone());
    let text = templates::render(&environment, name, checklist)?;
    // Line-oriented formats are tidied; only Markdown has fences, kept as they are.
    Ok(match format {
        Format::Md => tidy(&text, true),
        Format::Txt => tidy(&text, false).replace(templates::UNBROKEN_SPACE, " "),
        Format::Html | Format::Pdf | Format::Json => text,
    })
}

/// Folds runs of blank lines into one and drops trailing spaces, outside fenced code when `fenced` (Markdown; text
/// has no fences, and a line of an article's text may start with backticks): template control lines leave both
/// behind in line-oriented formats.
fn tidy(text: &str, fenced: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_fence = false;
    let mut blank_run = 0;
    for line in text.lines() {
        if fenced && line.trim_start().starts_with("```") {
            in_fence = !in_fence;
        }
        let line = if in_fence { line } else { line.trim_end() };
        if line.is_empty() && !in_fence {
            blank_run += 1;
            if blank_run > 1 || out.is_empty() {
                continue;
            }
        } else {
            blank_run = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil_date(0), (1970, 1, 1));
        assert_eq!(civil_date(951_782_400), (2000, 2, 29));
        assert_eq!(civil_date(1_795_219_200), (2026, 11, 21));
        assert_eq!(civil_date(-86_400), (1969, 12, 31));
    }

    #[test]
    fn tidy_folds_blank_lines_but_not_inside_markdown_code() {
        let text = "\n\na  \n\n\n\nb\n```\nx  \n\n\ny\n```\n\n";
        assert_eq!(tidy(text, true), "a\n\nb\n```\nx  \n\n\ny\n```\n\n");
        // Text has no fences: a line of an article's text that starts with backticks does not stop the tidying.
        assert_eq!(tidy(text, false), "a\n\nb\n```\nx\n\ny\n```\n\n");
    }

    #[test]
    fn dates_in_the_locale() {
        let french = Strings::load("fr-FR").unwrap();
        assert_eq!(localized_us_date(&french, "03/19/2021"), "19 mars 2021");
        assert_eq!(localized_us_date(&french, "someday"), "someday");
        // The first of the month is an ordinal in French; a day the month does not have is shown as written.
        assert_eq!(localized_us_date(&french, "11/1/2026"), "1er novembre 2026");
        assert_eq!(localized_us_date(&french, "02/29/2024"), "29 février 2024");
        assert_eq!(localized_us_date(&french, "02/29/2023"), "02/29/2023");
        assert_eq!(localized_us_date(&french, "02/30/2024"), "02/30/2024");
        assert_eq!(localized_us_date(&french, "04/31/2024"), "04/31/2024");
        assert_eq!(us_date("11/1/2026").map(iso_date).as_deref(), Some("2026-11-01"), "for tools");
        // A time keeps its parts on one line: no-break spaces around `h`.
        assert_eq!(french.timestamp("2026-11-21T09:30:00Z"), "21 novembre 2026 à 9\u{a0}h\u{a0}30\u{a0}UTC");
        assert_eq!(french.timestamp("2026-11-21"), "21 novembre 2026");
        assert_eq!(french.timestamp("someday"), "someday");
        let english = Strings::load("en-US").unwrap();
        assert_eq!(english.timestamp("2026-11-01T17:05:09Z"), "November 1, 2026 at 17:05 UTC");
        assert_eq!(english.timestamp("2026-11-01T17:05Z"), "November 1, 2026 at 17:05 UTC");
        assert_eq!(english.timestamp("2026-11-01T17:05:09.250Z"), "November 1, 2026 at 17:05 UTC");
        // Not UTC, not a day of the month, or more than a date: shown as written, never as something it is not.
        for text in
            ["2026-11-01T17:05:09+02:00", "2026-11-31", "2026-02-29T08:00:00Z", "2026-11-01 or later", "2026/11/01"]
        {
            assert_eq!(english.timestamp(text), text);
        }
    }
}
