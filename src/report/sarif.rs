//! The SARIF 2.1.0 format, shaped for GitHub code scanning (`github/codeql-action/upload-sarif`).
//!
//! One run whose `tool.driver` lists every rule of the [`RenderContext`], in the order given, so that rule indexes
//! and descriptions are the same from one run to the next whatever was found; a rule that a diagnostic names but the
//! context does not describe is appended with its name as its description. Each rule carries the properties GitHub
//! requires (`shortDescription`, `fullDescription`, `help`) and its default level.
//!
//! Each diagnostic becomes a result with its own level and one location: `artifactLocation.uri` is the path relative
//! to the repository root ([`RenderContext::repository_path`]), with only the characters a URI reference cannot hold
//! percent-encoded, and never a `file://` URI. Regions use `columnKind: unicodeCodePoints`, matching our character columns; a whole-file
//! finding points at line 1. The English counterpart of a sync finding is related location 1, linked from the
//! message text as `[source](1)`, which GitHub turns into a link. A diagnostic's note follows the message text after a
//! blank line. `partialFingerprints` holds the finding's
//! fingerprint as `--baseline` knows it (`checkdownFingerprint/v1`), which holds when lines are added above it;
//! upload-sarif adds its own `primaryLocationLineHash`.

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::{self, Write};

use serde::Serialize;

use super::baseline::fingerprint;
use super::{Diagnostic, Location, RenderContext, RuleDoc, Severity, clip};

/// The schema our output is tested against: the OASIS 2.1.0 errata 01 schema.
const SCHEMA_URI: &str = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
/// GitHub rejects rule descriptions longer than this.
const MAX_DESCRIPTION_CHARS: usize = 1024;
/// The id of the related location that holds the English counterpart.
const SOURCE_LOCATION_ID: u32 = 1;

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    results: Vec<SarifResult<'a>>,
    column_kind: &'static str,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    information_uri: Option<&'static str>,
    semantic_version: &'static str,
    rules: Vec<Rule<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule<'a> {
    id: &'a str,
    name: String,
    short_description: Message<'a>,
    full_description: Message<'a>,
    help: Help<'a>,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Message<'a> {
    text: Cow<'a, str>,
}

#[derive(Serialize)]
struct Help<'a> {
    text: &'a str,
    markdown: &'a str,
}

#[derive(Serialize)]
struct Configuration {
    level: Severity,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'a str,
    rule_index: usize,
    level: Severity,
    message: Message<'a>,
    locations: [SarifLocation<'a>; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<SarifLocation<'a>>,
    partial_fingerprints: PartialFingerprints,
}

/// The finding's identity across runs, as `--baseline` knows it.
#[derive(Serialize)]
struct PartialFingerprints {
    #[serde(rename = "checkdownFingerprint/v1")]
    checkdown: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifLocation<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<u32>,
    physical_location: PhysicalLocation<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Message<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation<'a> {
    artifact_location: ArtifactLocation<'a>,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation<'a> {
    uri: Cow<'a, str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
}

impl<'a> Rule<'a> {
    fn documented(doc: &'a RuleDoc) -> Self {
        Self {
            id: doc.name,
            name: friendly_name(doc.name),
            short_description: Message { text: clip(doc.summary, MAX_DESCRIPTION_CHARS) },
            full_description: Message {
                text: clip(first_paragraph(doc.explanation).unwrap_or(doc.summary), MAX_DESCRIPTION_CHARS),
            },
            help: Help { text: doc.explanation, markdown: doc.explanation },
            default_configuration: Configuration { level: doc.severity },
        }
    }

    /// A rule known only by the name a diagnostic gives, so its results still have a rule to point at.
    fn undocumented(name: &'a str, level: Severity) -> Self {
        Self {
            id: name,
            name: friendly_name(name),
            short_description: Message { text: name.into() },
            full_description: Message { text: name.into() },
            help: Help { text: name, markdown: name },
            default_configuration: Configuration { level },
        }
    }
}

impl<'a> SarifLocation<'a> {
    fn new(location: &'a Location, context: &RenderContext<'_>) -> Self {
        let region = match location.span {
            Some(span) => Region {
                start_line: span.line,
                start_column: span.column,
                end_line: span.end_line,
                end_column: span.end_column,
            },
            None => Region { start_line: 1, start_column: 1, end_line: 1, end_column: 1 },
        };
        let uri = match context.repository_path(&location.path) {
            Cow::Borrowed(path) => uri_reference(path),
            Cow::Owned(path) => Cow::Owned(uri_reference(&path).into_owned()),
        };
        let artifact_location = ArtifactLocation { uri };
        Self { id: None, physical_location: PhysicalLocation { artifact_location, region }, message: None }
    }
}

/// Writes `diagnostics` as a pretty-printed SARIF log followed by a newline.
///
/// # Errors
///
/// Only those of writing to `out`.
pub fn render(diagnostics: &[Diagnostic], context: &RenderContext<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut rules: Vec<Rule<'_>> = context.rules.iter().map(Rule::documented).collect();
    let mut rule_indexes: HashMap<&str, usize> =
        context.rules.iter().enumerate().map(|(index, doc)| (doc.name, index)).collect();
    let results = diagnostics
        .iter()
        .map(|diagnostic| {
            let rule_index = *rule_indexes.entry(&diagnostic.rule).or_insert_with(|| {
                rules.push(Rule::undocumented(&diagnostic.rule, diagnostic.severity));
                rules.len() - 1
            });
            result(diagnostic, rule_index, fingerprint(diagnostic, context.files, context.repository), context)
        })
        .collect();
    let log = Log {
        schema: SCHEMA_URI,
        version: "2.1.0",
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: env!("CARGO_PKG_NAME"),
                    information_uri: Some(env!("CARGO_PKG_REPOSITORY")).filter(|uri| !uri.is_empty()),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules,
                },
            },
            results,
            column_kind: "unicodeCodePoints",
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

fn result<'a>(
    diagnostic: &'a Diagnostic,
    rule_index: usize,
    fingerprint: String,
    context: &RenderContext<'_>,
) -> SarifResult<'a> {
    let mut text = escape_message(&diagnostic.message);
    let related_locations: Vec<SarifLocation<'_>> = diagnostic
        .source
        .iter()
        .map(|source| SarifLocation {
            id: Some(SOURCE_LOCATION_ID),
            message: Some(Message { text: "source".into() }),
            ..SarifLocation::new(source, context)
        })
        .collect();
    if !related_locations.is_empty() {
        write!(text, " ([source]({SOURCE_LOCATION_ID}))").expect("writing to a String cannot fail");
    }
    if let Some(note) = &diagnostic.note {
        write!(text, "\n\n{}", escape_message(note)).expect("writing to a String cannot fail");
    }
    SarifResult {
        rule_id: &diagnostic.rule,
        rule_index,
        level: diagnostic.severity,
        message: Message { text: text.into() },
        locations: [SarifLocation::new(&diagnostic.location, context)],
        related_locations,
        partial_fingerprints: PartialFingerprints { checkdown: fingerprint },
    }
}

/// Escapes the characters SARIF gives a meaning in plain-text messages (§3.11.6): brackets would otherwise start
/// an embedded link, and the backslash is the escape character.
fn escape_message(message: &str) -> String {
    let mut escaped = String::with_capacity(message.len());
    for character in message.chars() {
        if matches!(character, '\\' | '[' | ']') {
            escaped.push('\\');
        }
        escaped.push(character);
    }
    escaped
}

/// The rule name in PascalCase (`list-item-count` → `ListItemCount`), the "friendly name" form SARIF viewers and
/// the Microsoft SARIF validator expect in `name`, beside the stable `id`.
fn friendly_name(rule: &str) -> String {
    let mut name = String::with_capacity(rule.len());
    for word in rule.split('-') {
        let mut characters = word.chars();
        if let Some(first) = characters.next() {
            name.extend(first.to_uppercase());
            name.push_str(characters.as_str());
        }
    }
    name
}

/// The first paragraph of Markdown `text` that is not a heading, on one line.
fn first_paragraph(text: &str) -> Option<&str> {
    text.split("\n\n").map(str::trim).find(|paragraph| !paragraph.is_empty() && !paragraph.starts_with('#'))
}

/// `path` as a relative URI reference: unchanged for ordinary paths, with the bytes a URI reference cannot hold
/// (spaces, `%`, `?`, `#`, non-ASCII…) percent-encoded. `:` is encoded too, so that `c:x.md` is not read as a scheme.
pub(super) fn uri_reference(path: &str) -> Cow<'_, str> {
    let allowed = |byte: u8| byte.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&byte);
    if path.bytes().all(allowed) {
        return path.into();
    }
    let mut encoded = String::with_capacity(path.len() + 8);
    for byte in path.bytes() {
        if allowed(byte) {
            encoded.push(char::from(byte));
        } else {
            write!(encoded, "%{byte:02X}").expect("writing to a String cannot fail");
        }
    }
    encoded.into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testing::{SAMPLE_RULES, render_sample, render_with, sample_diagnostics};

    /// The crate version changes with every release; the snapshot should not.
    fn without_version(sarif: &str) -> String {
        let version = format!("\"semanticVersion\": \"{}\"", env!("CARGO_PKG_VERSION"));
        sarif.replace(&version, "\"semanticVersion\": \"[version]\"")
    }

    #[test]
    fn output() {
        insta::assert_snapshot!(without_version(&render_sample(render)));
    }

    fn schema_validator() -> jsonschema::Validator {
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/fixtures/sarif-schema-2.1.0.json")).unwrap();
        jsonschema::draft4::options().should_validate_formats(true).build(&schema).unwrap()
    }

    fn schema_errors(validator: &jsonschema::Validator, sarif: &serde_json::Value) -> Vec<String> {
        validator.iter_errors(sarif).map(|error| format!("{}: {error}", error.instance_path())).collect()
    }

    #[test]
    fn output_matches_the_sarif_schema() {
        let validator = schema_validator();
        let sample: serde_json::Value = serde_json::from_str(&render_sample(render)).unwrap();
        assert_eq!(schema_errors(&validator, &sample), Vec::<String>::new());
        let empty: serde_json::Value = serde_json::from_str(&render_with(render, &[], false)).unwrap();
        assert_eq!(schema_errors(&validator, &empty), Vec::<String>::new());
    }

    /// Guards the test above against a validator that accepts anything.
    #[test]
    fn the_schema_rejects_a_broken_log() {
        let mut sample: serde_json::Value = serde_json::from_str(&render_sample(render)).unwrap();
        sample["runs"][0]["results"][0]["level"] = "fatal".into();
        sample["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0.into();
        let errors = schema_errors(&schema_validator(), &sample);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors.iter().any(|error| error.starts_with("/runs/0/results/0/level: ")), "{errors:?}");
        assert!(errors.iter().any(|error| error.contains("/region/startLine: ")), "{errors:?}");
    }

    #[test]
    fn every_rule_is_listed_and_unknown_rules_are_appended() {
        let sample: serde_json::Value = serde_json::from_str(&render_sample(render)).unwrap();
        let run = &sample["runs"][0];
        let ids: Vec<&str> = run["tool"]["driver"]["rules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|rule| rule["id"].as_str().unwrap())
            .collect();
        let documented: Vec<&str> = SAMPLE_RULES.iter().map(|rule| rule.name).collect();
        assert_eq!(ids[..documented.len()], documented);
        assert_eq!(ids[documented.len()..], ["missing-translation", "stale-source", "untranslated"]);
        for (result, diagnostic) in run["results"].as_array().unwrap().iter().zip(sample_diagnostics()) {
            let index = usize::try_from(result["ruleIndex"].as_u64().unwrap()).unwrap();
            assert_eq!(ids[index], diagnostic.rule);
        }
    }

    #[test]
    fn messages_escape_link_syntax() {
        assert_eq!(escape_message(r"see [Users](x.md) \ here"), r"see \[Users\](x.md) \\ here");
    }

    #[test]
    fn paths_stay_raw_unless_a_uri_cannot_hold_them() {
        assert_eq!(uri_reference("fr-fr/close-your-account.md"), "fr-fr/close-your-account.md");
        assert_eq!(uri_reference("fr-fr/mon fichier#1.md"), "fr-fr/mon%20fichier%231.md");
        assert_eq!(uri_reference("fr-fr/été.md"), "fr-fr/%C3%A9t%C3%A9.md");
    }

    #[test]
    fn rule_names_are_pascal_case() {
        assert_eq!(friendly_name("list-item-count"), "ListItemCount");
        assert_eq!(friendly_name("untranslated"), "Untranslated");
    }

    #[test]
    fn descriptions_fit_on_one_line_within_the_limit() {
        assert_eq!(first_paragraph("## What\n\nChecks\nthings.\n\n## Why\n\nBecause."), Some("Checks\nthings."));
        let long = "é".repeat(2000);
        assert_eq!(clip(&long, MAX_DESCRIPTION_CHARS).chars().count(), MAX_DESCRIPTION_CHARS);
    }
}
