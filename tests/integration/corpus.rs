//! Robustness on real Learn articles: every file of the shared corpus parses without errors, loses no word and renders;
//! a translation with lines lost still gets findings on real lines, in every report format.

use std::collections::HashSet;

use checkdown::parse::{ParseOptions, flat_yaml, front_matter, parse, read_file};
use checkdown::report::Severity;
use pulldown_cmark::{Event, Parser, Tag};
use serde_json::Value;

use crate::support::{corpus, markdown_files};

#[test]
fn every_corpus_file_parses_without_errors_and_keeps_every_word() {
    let Some(corpus) = corpus() else { return };
    let files: Vec<_> = ["en-us", "fr-fr"].iter().flat_map(|locale| markdown_files(&corpus.join(locale))).collect();
    assert!(files.len() >= 1200, "expected the 603 pairs, found {} files", files.len());
    let mut failures = Vec::new();
    for file in &files {
        let name = file.strip_prefix(&corpus).unwrap().display().to_string();
        let text = match read_file(file) {
            Ok(text) => text,
            Err(error) => {
                failures.push(format!("{name}: {error}"));
                continue;
            }
        };
        let parsed = parse(&name, &text, &ParseOptions::default(), &checkdown::parse::NoIncludes);
        for diagnostic in parsed.diagnostics.iter().filter(|d| d.severity == Severity::Error) {
            failures.push(format!("{name}: {diagnostic}"));
        }
        let model = serde_json::to_value(&parsed.article).unwrap();
        let mut kept = HashSet::new();
        collect_words_in_model(&model, &mut kept);
        let body = &text[parsed.article.body_span.start..];
        let lost: Vec<String> = source_words(body).into_iter().filter(|word| !kept.contains(word)).collect();
        if !lost.is_empty() {
            failures.push(format!("{name}: {} words lost, e.g. {:?}", lost.len(), &lost[..lost.len().min(5)]));
        }
    }
    assert!(failures.is_empty(), "{} of {} files failed:\n{}", failures.len(), files.len(), failures.join("\n"));
}

#[test]
fn the_flat_front_matter_reader_agrees_with_serde_yaml_on_every_corpus_file() {
    let Some(corpus) = corpus() else { return };
    let files: Vec<_> = ["en-us", "fr-fr"].iter().flat_map(|locale| markdown_files(&corpus.join(locale))).collect();
    let (mut flat, mut with_front_matter) = (0, 0);
    for file in &files {
        let text = read_file(file).unwrap();
        let yaml = front_matter::split(text.trim_start_matches('\u{feff}')).yaml;
        if yaml.trim().is_empty() {
            continue;
        }
        with_front_matter += 1;
        if let Some(pairs) = flat_yaml::read(yaml) {
            flat += 1;
            assert_eq!(pairs, front_matter::read_yaml(yaml).unwrap(), "{}", file.display());
        }
    }
    // The flat reader is the fast path: it must keep taking nearly every real front matter.
    assert!(flat * 100 >= with_front_matter * 95, "only {flat} of {with_front_matter} front matters were flat");
}

/// The words a reader or a tool can see in the Markdown body, as pulldown-cmark alone reads it (with Learn's one
/// table rule: a pipe in inline code is no column separator): text, code, link and image targets, and the attribute
/// values and text of HTML.
fn source_words(body: &str) -> HashSet<String> {
    let mut words = HashSet::new();
    // The masked pipe is no word character: the words are the same as with the pipes put back.
    let body = checkdown::parse::markdown::mask_pipes_in_code(body);
    for event in Parser::new_ext(&body, pulldown_cmark::Options::all()) {
        match event {
            Event::Text(text) | Event::Code(text) => add_words(&text, &mut words),
            Event::Html(html) | Event::InlineHtml(html) => add_words(&html_visible(&html), &mut words),
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => add_words(&dest_url, &mut words),
            _ => {}
        }
    }
    words
}

/// Text outside tags plus quoted attribute values (tag and attribute names are markup, not content).
fn html_visible(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        out.push(' ');
        let Some(close) = rest[open..].find('>') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let tag = &rest[open..open + close];
        for (index, quoted) in tag.split('"').enumerate() {
            if index % 2 == 1 {
                out.push_str(quoted);
                out.push(' ');
            }
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

fn add_words(text: &str, words: &mut HashSet<String>) {
    let decoded = checkdown::parse::html::decode_entities(text);
    for word in decoded.split(|c: char| !c.is_alphanumeric()).filter(|word| !word.is_empty()) {
        words.insert(word.to_lowercase());
    }
}

fn collect_words_in_model(value: &Value, words: &mut HashSet<String>) {
    match value {
        Value::String(text) => add_words(text, words),
        Value::Array(items) => items.iter().for_each(|item| collect_words_in_model(item, words)),
        Value::Object(map) => map.values().for_each(|item| collect_words_in_model(item, words)),
        _ => {}
    }
}

/// The procedure view leaves no section out and shows none twice: a printed checklist holds the whole article.
#[test]
fn every_corpus_procedure_shows_every_section_once() {
    use checkdown::model::{Section, Step};
    fn starts(sections: &[Section], out: &mut Vec<usize>) {
        for section in sections {
            out.push(section.heading_span.start);
            starts(&section.sections, out);
        }
    }
    let Some(corpus) = corpus() else { return };
    let mut failures = Vec::new();
    let files: Vec<_> = ["en-us", "fr-fr"].iter().flat_map(|locale| markdown_files(&corpus.join(locale))).collect();
    for file in &files {
        let name = file.strip_prefix(&corpus).unwrap().display().to_string();
        let text = read_file(file).unwrap();
        let article = parse(&name, &text, &ParseOptions::default(), &checkdown::parse::NoIncludes).article;
        let procedure = article.procedure();
        let mut in_article = Vec::new();
        match article.sections.as_slice() {
            [title] if title.level == 1 => {
                // The title is shown by the checklist's header, and by its one step when its own list is the steps.
                if procedure.steps.iter().any(|step| step.heading_span == title.heading_span) {
                    in_article.push(title.heading_span.start);
                }
                starts(&title.sections, &mut in_article);
            }
            sections => starts(sections, &mut in_article),
        }
        let mut shown = Vec::new();
        for section in procedure.intro_sections.iter().chain(&procedure.prerequisites).chain(&procedure.outro) {
            starts(std::slice::from_ref(section), &mut shown);
        }
        for Step { heading_span, sections, after, groups, .. } in &procedure.steps {
            starts(groups, &mut shown);
            shown.push(heading_span.start);
            for section in sections.iter().chain(after) {
                starts(std::slice::from_ref(section), &mut shown);
            }
        }
        in_article.sort_unstable();
        shown.sort_unstable();
        if shown != in_article {
            failures.push(format!(
                "{name}: {} sections in the article, {} in its procedure",
                in_article.len(),
                shown.len()
            ));
        }
    }
    assert!(failures.is_empty(), "{} of {} files failed:\n{}", failures.len(), files.len(), failures.join("\n"));
}

#[test]
fn every_corpus_file_renders_in_every_text_format() {
    use checkdown::render::{self, Format, Paper, RenderOptions, SourceInfo, links, links::LearnBase};
    let Some(corpus) = corpus() else { return };
    // Each article in its own language, as `render FILE` prints it.
    let strings_of = |locale: &str| std::sync::Arc::new(checkdown::i18n::Strings::load(locale).unwrap());
    let (english, french) = (strings_of("en-US"), strings_of("fr-FR"));
    let mut failures = Vec::new();
    let files: Vec<_> = ["en-us", "fr-fr"].iter().flat_map(|locale| markdown_files(&corpus.join(locale))).collect();
    for file in &files {
        let name = file.strip_prefix(&corpus).unwrap().display().to_string();
        let text = read_file(file).unwrap();
        let parsed = parse(&name, &text, &ParseOptions::default(), &checkdown::parse::NoIncludes);
        let options = RenderOptions {
            paper: Paper::A4,
            moniker: None,
            templates: None,
            base: LearnBase {
                locale: parsed.article.locale.clone().unwrap_or_else(|| links::DEFAULT_LOCALE.to_owned()),
                path: Some(name.trim_end_matches(".md").into()),
                file_name: file.file_name().map(|name| name.to_string_lossy().into_owned()),
            },
            source: SourceInfo { path: name.clone(), ..SourceInfo::default() },
            today: (2026, 11, 21),
            pictures: Default::default(),
            pivots: Default::default(),
        };
        let strings = if name.starts_with("fr-fr") { &french } else { &english };
        let checklist = render::checklist(&parsed.article, strings, None, &options);
        // A word of the title, which every format prints (escaped, emphasised or upper-cased).
        let title_word = parsed.article.title.split(|c: char| !c.is_alphanumeric()).find(|word| word.len() > 3);
        for format in [Format::Html, Format::Md, Format::Txt, Format::Json] {
            match render::render_text(&checklist, format, &options, strings.clone()) {
                Ok(output) if title_word.is_none_or(|word| output.to_lowercase().contains(&word.to_lowercase())) => {
                    if format == Format::Txt {
                        failures.extend(
                            missing_headings(&parsed.article, &output)
                                .map(|title| format!("{name} (Txt): the heading {title:?} is missing")),
                        );
                    }
                }
                Ok(_) => failures.push(format!("{name} ({format:?}): the title is missing")),
                Err(error) => failures.push(format!("{name} ({format:?}): {error}")),
            }
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}

/// The headings of `article` that a plain-text checklist does not show: those with a word missing from `output`. A
/// step heading is shown whole too: its own label ("(Optional) Step 3") and its title.
fn missing_headings<'a>(article: &'a checkdown::model::Article, output: &str) -> impl Iterator<Item = &'a str> {
    let output: HashSet<String> = output.split(|c: char| !c.is_alphanumeric()).map(str::to_lowercase).collect();
    article.all_sections().into_iter().map(|section| section.title.as_str()).filter(move |title| {
        title
            .split(|c: char| !c.is_alphanumeric())
            .any(|word| !word.is_empty() && !output.contains(&word.to_lowercase()))
    })
}

#[test]
fn every_corpus_pair_with_a_damaged_translation_reports_findings_on_real_lines_in_every_format() {
    use checkdown::report::{self, Format, RenderContext, SourceFiles};
    use checkdown::sync::document::Document;
    use checkdown::sync::rules::Rule;
    use checkdown::sync::{Context, Languages, Settings, compare};
    let Some(corpus) = corpus() else { return };
    let mut failures = Vec::new();
    let mut located = 0;
    for english in markdown_files(&corpus.join("en-us")) {
        let relative = english.strip_prefix(corpus.join("en-us")).unwrap().display().to_string();
        let french =
            read_file(&corpus.join("fr-fr").join(&relative)).expect("every corpus article has its translation");
        // Every fifth line lost: front matter, fences, lists and tables broken where they fall.
        let damaged: String = french
            .split_inclusive('\n')
            .enumerate()
            .filter(|(index, _)| index % 5 != 4)
            .map(|(_, line)| line)
            .collect();
        let source = Document::new(format!("en-us/{relative}"), relative.clone(), read_file(&english).unwrap());
        let target = Document::new(format!("fr-fr/{relative}"), relative.clone(), damaged);
        let context =
            Context { languages: Languages::of("en-us", "fr-fr"), target_locale: "fr-fr".into(), history: None };
        let diagnostics = compare(&source, &target, &context, &Settings::default());
        let mut files = SourceFiles::new();
        for document in [&source, &target] {
            files.insert_shown(&document.path, |line| document.line_text(line), &diagnostics);
        }
        for diagnostic in &diagnostics {
            for location in [Some(&diagnostic.location), diagnostic.source.as_ref()].into_iter().flatten() {
                let document = [&source, &target].into_iter().find(|document| document.path == location.path);
                let Some(document) = document else {
                    failures.push(format!("{relative}: a finding in another file, {}", location.path));
                    continue;
                };
                let on_real_lines = location.span.is_none_or(|span| {
                    document.line_text(span.line).is_some()
                        && span.end_line >= span.line
                        && document.line_text(span.end_line).is_some()
                });
                if !on_real_lines {
                    failures.push(format!("{relative}: {} points past its file: {location:?}", diagnostic.rule));
                }
                located += usize::from(location.span.is_some());
            }
        }
        let render = RenderContext::new(Rule::docs(), &files);
        for format in [Format::Text, Format::Json, Format::Sarif, Format::Github, Format::Markdown] {
            if let Err(error) = report::render(format, &diagnostics, &render, &mut Vec::new()) {
                failures.push(format!("{relative} ({}): {error}", format.name()));
            }
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    // Damage on this scale breaks most files (17,176 places were checked when this test was written).
    assert!(located > 10_000, "only {located} places were checked");
}
