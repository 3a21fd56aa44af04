//! `checkdown render`: printable checklists of the bundled article or of Learn Markdown files.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context as _, bail};

use crate::cli::Exit;
use crate::commands::{Input, check_not_input, write_file};
use crate::i18n::{Strings, UiLanguage, language_of};
use crate::model::Article;
use crate::parse::{FileIncludes, IncludeSource, NoIncludes, ParseOptions, Parsed};
use crate::render::docset::Docset;
use crate::render::images::{self, Images};
use crate::render::links::{DEFAULT_LOCALE, LearnAddress, LearnBase};
use crate::render::pivots;
use crate::render::results::Results;
use crate::render::{self, Format, Paper, RenderOptions, SourceInfo, pdf};

/// Where output goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// Standard output (`-o -`, and md/txt/json without `-o`).
    Stdout,
    /// One file (`-o FILE`).
    File(PathBuf),
    /// `<article>.<locale>.<ext>` in a folder (html/pdf without `-o` use the current one; `-o DIR`; `-o DIR/`, made
    /// when missing).
    Folder(PathBuf),
}

/// A validated `render` run.
#[derive(Debug)]
pub struct RenderJob {
    /// What to render.
    pub inputs: Vec<Input>,
    /// The language of the checklist's own words: `--lang`, else each article's.
    pub language: UiLanguage,
    /// The UI strings loaded so far, one per locale.
    pub strings: Vec<Arc<Strings>>,
    /// Output format.
    pub format: Format,
    /// Where it goes.
    pub destination: Destination,
    /// Replace existing files.
    pub force: bool,
    /// Moniker selection.
    pub parse: ParseOptions,
    /// `--paper`; else the paper usual in the region asked for, or in the article's.
    pub paper: Option<Paper>,
    /// Template overrides.
    pub templates: Option<PathBuf>,
    /// Embed the articles' image files in the HTML (HTML and PDF, unless `--no-images`).
    pub images: bool,
    /// Verification results, with the file they came from.
    pub results: Option<(PathBuf, Results)>,
    /// The browser for PDF.
    pub browser: Option<PathBuf>,
    /// The generation date.
    pub today: (i64, u32, u32),
    /// `--learn-url`: where the article lives on Learn, over what its location says.
    pub learn_address: Option<LearnAddress>,
    /// `--verify`: check the tenant first and tick off from its results.
    pub verify: Option<crate::commands::verify::VerifyJob>,
    /// The one input, already parsed to find the steps `--verify` checks: rendered from that parse, not read again.
    pub parsed: Option<Parsed>,
}

/// The marker checkdown writes into its HTML, so it can replace its own output but never a user's file.
const GENERATOR: &str = "<meta name=\"generator\" content=\"checkdown\">";

impl RenderJob {
    /// Renders every input and writes the outputs.
    pub fn run(mut self, out: &mut dyn Write, err: &mut dyn Write) -> anyhow::Result<Exit> {
        if let Some(verify) = self.verify.take() {
            match verify.results(err)? {
                Ok(results) => self.results = Some((PathBuf::from("verify"), results)),
                Err(exit) => return Ok(exit),
            }
        }
        let mut rendered = Vec::new();
        let mut already_parsed = self.parsed.take();
        let inputs = std::mem::take(&mut self.inputs);
        for input in &inputs {
            let (parsed, source, base) = self.read(input, already_parsed.take(), err)?;
            for diagnostic in &parsed.diagnostics {
                writeln!(err, "{diagnostic}")?;
            }
            if parsed.has_errors() {
                return Ok(Exit::Failure);
            }
            if parsed.article.procedure().steps.is_empty() {
                writeln!(
                    err,
                    "warning: {}: no steps found (no \"Step 1\" headings, no numbered list under any heading): \
                     the checklist has the article's text but nothing to tick",
                    source.path
                )?;
            }
            let file = match input {
                Input::File(path) => Some(path.as_path()),
                Input::Bundled { .. } | Input::Stdin => None,
            };
            let bytes = self.render(&parsed.article, file, source, base, err)?;
            rendered.push((bytes, output_name(&parsed.article, input, self.parse.moniker.as_deref())));
        }
        for strings in &self.strings {
            for id in strings.missing() {
                writeln!(err, "warning: the {} UI strings lack `{id}`; the en-US text is used", strings.locale())?;
            }
        }
        self.write(rendered, &inputs, out)?;
        Ok(Exit::Success)
    }

    /// Parses `input`, unless `parsed` is its parse already, and says where it comes from and where it lives on Learn.
    fn read(
        &self,
        input: &Input,
        parsed: Option<Parsed>,
        err: &mut dyn Write,
    ) -> anyhow::Result<(Parsed, SourceInfo, LearnBase)> {
        let parsed = match parsed {
            Some(parsed) => parsed,
            None => input.parse(&self.parse)?,
        };
        let (revision, learn_path) = match input {
            Input::Bundled { learn_path, .. } => (None, Some(learn_path.clone())),
            Input::File(path) => (git_revision(path), learn_path_of(path, err)?),
            Input::Stdin => (None, None),
        };
        let address = self.learn_address.as_ref();
        let base = LearnBase {
            // Every resolved URL names a language, once: the address's, else the article's, else Learn's default.
            locale: address
                .and_then(|address| address.locale.clone())
                .or_else(|| parsed.article.locale.clone())
                .unwrap_or_else(|| DEFAULT_LOCALE.to_owned()),
            path: address.map(|address| address.path.clone()).or(learn_path),
            file_name: input.path().file_name().map(|name| name.to_string_lossy().into_owned()),
        };
        // An address the docset gives is named as `--learn-url` names one, on the page of the selected moniker.
        let learn_url = address.map(|address| address.url.clone()).or_else(|| {
            let url = base.url()?;
            Some(self.parse.moniker.as_ref().map_or_else(|| url.clone(), |moniker| format!("{url}?view={moniker}")))
        });
        let source = SourceInfo { path: input.path().display().to_string(), revision, learn_url };
        Ok((parsed, source, base))
    }

    /// Renders `article`, read from `file` (`None` when bundled), saying on `err` which of its links print as
    /// written and which of its images print as alt text.
    fn render(
        &mut self,
        article: &Article,
        file: Option<&Path>,
        source: SourceInfo,
        base: LearnBase,
        err: &mut dyn Write,
    ) -> anyhow::Result<Vec<u8>> {
        if let Some((path, results)) = &self.results {
            let ids: Vec<&str> = article.procedure().steps.iter().map(|step| step.id).collect();
            results.check_steps(path, &ids)?;
        }
        let strings = self.strings_for(article)?;
        if let Some((path, Results { locale: Some(evidence), .. })) = &self.results
            && language_of(evidence) != language_of(strings.locale())
        {
            writeln!(
                err,
                "warning: {}: its evidence is in {evidence} and the checklist in {}: give --lang {evidence} (and the \
                 article in that language), or verify again with --lang {}",
                path.display(),
                strings.locale(),
                strings.locale()
            )?;
        }
        let region = self.language.region.clone().or_else(|| crate::i18n::region_of(strings.locale()));
        let images = if self.images {
            let images = images::embed(article, file);
            images.with_context(|| format!("{}: cannot find the docs root its images are read below", source.path))?
        } else {
            Images::default()
        };
        let pivots = match file {
            Some(file) => pivot_titles(article, file, &source.path, err)?,
            None => BTreeMap::new(),
        };
        let options = RenderOptions {
            paper: self.paper.unwrap_or_else(|| region.as_deref().map_or(Paper::A4, Paper::usual_in)),
            moniker: self.parse.moniker.clone(),
            templates: self.templates.clone(),
            base,
            source,
            today: self.today,
            pictures: images.embedded,
            pivots,
        };
        let checklist = render::checklist(article, &strings, self.results.as_ref().map(|(_, r)| r), &options);
        // Included files are named as `parse` names them: from the working directory.
        let includes: Box<dyn IncludeSource> = match file {
            Some(file) => Box::new(
                FileIncludes::for_article(file)
                    .with_context(|| format!("{}: cannot find its docs root", checklist.source.path))?,
            ),
            None => Box::new(NoIncludes),
        };
        for link in &checklist.links.unresolved {
            writeln!(err, "{}", link.warning(&checklist.source.path, includes.as_ref()))?;
        }
        for image in &images.left_out {
            writeln!(err, "{}", image.warning(&checklist.source.path, includes.as_ref()))?;
        }
        let text = render::render_text(&checklist, self.format, &options, strings.clone())?;
        match (self.format, &self.browser) {
            (Format::Pdf, Some(browser)) => {
                warn_of_missing_fonts(&text, &checklist.source.path, err)?;
                Ok(pdf::print(browser, &text)?)
            }
            (Format::Pdf, None) => bail!(pdf::PdfError::NoBrowser),
            (Format::Md, _) => {
                warn_if_too_long_for_github(&text, &checklist.source.path, err)?;
                Ok(text.into_bytes())
            }
            _ => Ok(text.into_bytes()),
        }
    }

    /// The UI strings for `article`, loaded once per locale.
    fn strings_for(&mut self, article: &Article) -> anyhow::Result<Arc<Strings>> {
        let locale = self.language.for_article(article.locale.as_deref());
        if let Some(strings) = self.strings.iter().find(|strings| strings.locale() == locale) {
            return Ok(strings.clone());
        }
        let strings = Arc::new(Strings::load(&locale)?);
        self.strings.push(strings.clone());
        Ok(strings)
    }

    /// Writes the checklists, none of them over a file of `inputs`.
    fn write(&self, rendered: Vec<(Vec<u8>, String)>, inputs: &[Input], out: &mut dyn Write) -> anyhow::Result<()> {
        let files = || {
            inputs.iter().filter_map(|input| match input {
                Input::File(path) => Some(path.as_path()),
                Input::Bundled { .. } | Input::Stdin => None,
            })
        };
        match &self.destination {
            Destination::Stdout if self.format == Format::Json && rendered.len() > 1 => {
                let documents: Vec<serde_json::Value> =
                    rendered.iter().map(|(bytes, _)| serde_json::from_slice(bytes)).collect::<Result<_, _>>()?;
                serde_json::to_writer_pretty(&mut *out, &documents)?;
                writeln!(out)?;
            }
            Destination::Stdout => {
                for (index, (bytes, _)) in rendered.iter().enumerate() {
                    if index > 0 {
                        writeln!(out)?;
                    }
                    out.write_all(bytes)?;
                }
            }
            Destination::File(path) => {
                check_not_input(path, files())?;
                write_file(path, &rendered[0].0, self.force)?;
                // As for a folder: the path written, for a script to pick up (not into `-o /dev/stdout`'s stream).
                if !super::is_stream(path) {
                    writeln!(out, "{}", path.display())?;
                }
            }
            Destination::Folder(folder) => {
                let paths: Vec<PathBuf> = rendered
                    .iter()
                    .map(|(_, name)| folder.join(format!("{name}.{}", self.format.extension())))
                    .collect();
                let mut sorted: Vec<&PathBuf> = paths.iter().collect();
                sorted.sort_unstable();
                if let Some(path) = sorted.windows(2).find_map(|pair| (pair[0] == pair[1]).then_some(pair[0])) {
                    bail!(
                        "two of the articles would both be written to {}; render them into separate folders",
                        path.display()
                    );
                }
                for path in &paths {
                    check_not_input(path, files())?;
                }
                // `-o out/` names a folder that may not exist yet.
                if !folder.is_dir() {
                    std::fs::create_dir(folder)
                        .with_context(|| format!("cannot make the folder {}", folder.display()))?;
                }
                for ((bytes, _), path) in rendered.iter().zip(&paths) {
                    let ours = self.format == Format::Html && is_checkdown_html(path);
                    write_file(path, bytes, self.force || ours)?;
                    writeln!(out, "{}", path.display())?;
                }
            }
        }
        Ok(())
    }
}

/// `<article>.<locale>.<moniker>`: the file stem, the content locale and the variant, each when there is one, so that
/// two variants of one article never share a file.
fn output_name(article: &Article, input: &Input, moniker: Option<&str>) -> String {
    let mut name = input.name(article);
    let moniker = moniker.map(crate::parse::ids::slug);
    for part in [article.locale.as_deref(), moniker.as_deref()].into_iter().flatten() {
        name.push('.');
        name.push_str(part);
    }
    name
}

/// Where a file lives on Learn, as its docset publishes it ([`Docset`]). Outside a docset it is unknown, and so it
/// is when the docset's `docfx.json` maps the file to no site folder, and when it cannot be read, which a warning
/// says.
fn learn_path_of(path: &Path, err: &mut dyn Write) -> std::io::Result<Option<String>> {
    match Docset::of_file(path) {
        Ok(docset) => Ok(docset.and_then(|docset| docset.learn_path(path))),
        Err(error) => {
            let cause = std::error::Error::source(&error).map(|cause| format!(": {cause}")).unwrap_or_default();
            writeln!(err, "warning: {error}{cause}; the relative links of {} are printed as written", path.display())?;
            Ok(None)
        }
    }
}

/// The titles of `article`'s zone pivots, from the groups file of the docs root of `file` (shown as `shown`). A file
/// that cannot be read, or a group it lacks, is a warning: those zones print their pivot ids.
fn pivot_titles(
    article: &Article,
    file: &Path,
    shown: &str,
    err: &mut dyn Write,
) -> anyhow::Result<BTreeMap<String, String>> {
    let front_matter = &article.front_matter;
    let line = front_matter.entry("zone_pivot_groups").map_or(0, |entry| entry.line);
    match pivots::titles(front_matter, file) {
        None => Ok(BTreeMap::new()),
        Some(Ok(found)) => {
            for group in &found.missing_groups {
                writeln!(
                    err,
                    "{shown}:{line}: warning: the zone pivot group `{group}` is not in {}; its zones print their pivot \
                     ids",
                    found.file.display()
                )?;
            }
            Ok(found.titles)
        }
        Some(Err(error)) => {
            let error = anyhow::Error::from(error);
            writeln!(err, "{shown}:{line}: warning: {error:#}; the zones print their pivot ids")?;
            Ok(BTreeMap::new())
        }
    }
}

/// The short commit of the last change to `path`, when it is in a git work tree.
fn git_revision(path: &Path) -> Option<String> {
    let folder = path.parent().filter(|folder| !folder.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let output = std::process::Command::new("git")
        .arg("-C")
        .arg(folder)
        .args(["log", "-1", "--format=%h", "--"])
        .arg(path.file_name()?)
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    let revision = String::from_utf8(output.stdout).ok()?.trim().to_owned();
    (output.status.success() && !revision.is_empty()).then_some(revision)
}

fn is_checkdown_html(path: &Path) -> bool {
    let mut head = [0u8; 512];
    std::fs::File::open(path)
        .and_then(|mut file| std::io::Read::read(&mut file, &mut head))
        .is_ok_and(|read| String::from_utf8_lossy(&head[..read]).contains(GENERATOR))
}

/// The most characters GitHub takes in an issue's or a comment's body.
const GITHUB_BODY_LIMIT: usize = 65_536;

/// A Markdown checklist is mostly pasted into an issue or a work item: say before GitHub refuses it.
fn warn_if_too_long_for_github(markdown: &str, article: &str, err: &mut dyn Write) -> std::io::Result<()> {
    let length = markdown.chars().count();
    if length <= GITHUB_BODY_LIMIT {
        return Ok(());
    }
    writeln!(
        err,
        "warning: {article}: the Markdown checklist is {length} characters long, and a GitHub issue or comment holds \
         at most {GITHUB_BODY_LIMIT}: attach the file there rather than paste it"
    )
}

/// Warns of each script of `html` that the PDF would print as empty boxes ([`pdf::without_font`]), or that it cannot
/// tell.
fn warn_of_missing_fonts(html: &str, article: &str, err: &mut dyn Write) -> std::io::Result<()> {
    let Some(characters) = pdf::without_font(html) else {
        return writeln!(
            err,
            "warning: {article}: cannot tell whether this machine has fonts for every script of the checklist: \
             fontconfig's fc-list cannot be run (Debian: apt-get install fontconfig)"
        );
    };
    for c in characters {
        writeln!(
            err,
            "warning: {article}: no font on this machine has {c:?} (U+{:04X}), so the PDF prints it and the \
             characters of its script as empty boxes; install a font for them (Debian: {}) and print again",
            u32::from(c),
            pdf::font_package(c)
        )?;
    }
    Ok(())
}
