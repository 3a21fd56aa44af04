//! `front-matter-mismatch` and `loc-metadata`: the front matter keys that must not change in translation, and the
//! localization keys only translations carry; and `untranslated` for the `title` and `description` readers see in
//! search results and the browser tab.

use serde_json::Value;

use super::Languages;
use super::document::Document;
use super::language::TextCheck;
use super::rules::Rule;
use crate::model::front_matter::Entry;
use crate::parse::is_locale;
use crate::report::{Diagnostic, clip};

/// Keys a translation translates.
pub const TRANSLATED_KEYS: [&str; 5] = ["title", "description", "keywords", "titleSuffix", "TOCTitle"];

/// Translated keys whose values are prose, checked for text left in the source language.
const PROSE_KEYS: [&str; 2] = ["title", "description"];

/// Keys the localization pipeline adds to translations, which sources never have.
pub const LOCALIZATION_KEYS: [&str; 6] = [
    "ms.openlocfilehash",
    "ms.sourcegitcommit",
    "ms.translationtype",
    "ms.contentlocale",
    "ms.lasthandoff",
    "ms.locfileid",
];

/// Keys that record who owns the page and when, or for which campaign, it was last edited. The localization hand-off
/// copies them from the source, so a difference only says the translation is older than its source, which
/// `stale-source` reports, and no translator can fix it; they do not change what readers get.
pub const BOOKKEEPING_KEYS: [&str; 7] =
    ["author", "ms.author", "manager", "editor", "ms.reviewer", "ms.date", "ms.custom"];

/// The values `ms.translationtype` takes (docfx's metadata schema).
const TRANSLATION_TYPES: [&str; 7] = ["HT", "MT", "MTE", "MTE75", "MTE95", "Human Translation", "Machine Translation"];

/// Reports the keys that are neither translated, localization nor bookkeeping keys and differ, or exist on one side
/// only.
/// `translated` lists more translated keys (from `checkdown.toml`). A malformed front matter on either side is
/// compared with nothing: its parse error is the one finding, not every key it seems to lack.
pub fn compare(
    source: &Document,
    target: &Document,
    translated: &[String],
    languages: &Languages,
    sink: &mut Vec<Diagnostic>,
) {
    let compared = |key: &str| {
        !TRANSLATED_KEYS.contains(&key)
            && !LOCALIZATION_KEYS.contains(&key)
            && !BOOKKEEPING_KEYS.contains(&key)
            && !translated.iter().any(|extra| extra == key)
    };
    if source.article.front_matter.malformed || target.article.front_matter.malformed {
        return;
    }
    let (source_name, target_name) = (&languages.source, &languages.target);
    let source_entries = &source.article.front_matter.entries;
    let target_entries = &target.article.front_matter.entries;
    // A translation without front matter lacks every key: one finding says so, not one per key.
    let lacked: Vec<&str> = source_entries.iter().map(|entry| entry.key.as_str()).filter(|key| compared(key)).collect();
    if target_entries.is_empty() && !lacked.is_empty() {
        let keys = lacked.iter().map(|key| format!("`{key}`")).collect::<Vec<_>>().join(", ");
        sink.push(
            Rule::FrontMatterMismatch
                .diagnostic(
                    target.line(1),
                    format!(
                        "the {target_name} file has no front matter, and the {source_name} file's has {keys}: copy \
                         the {source_name} front matter (translating its title and description)"
                    ),
                )
                .with_source(source.line(source_entries[0].line)),
        );
        return;
    }
    for entry in source_entries.iter().filter(|entry| compared(&entry.key)) {
        let source_location = source.line(entry.line);
        match target.article.front_matter.entry(&entry.key) {
            Some(other) if same_value(&entry.value, &other.value) => {}
            Some(other) => sink.push(
                Rule::FrontMatterMismatch
                    .diagnostic(
                        target.line(other.line),
                        format!(
                            "front matter `{}` is {} in the {target_name} file and {} in the {source_name} file",
                            entry.key,
                            shown(&other.value),
                            shown(&entry.value)
                        ),
                    )
                    .with_source(source_location),
            ),
            None => {
                let anchor = target_entries.last().map_or(1, |last| last.line);
                sink.push(
                    Rule::FrontMatterMismatch
                        .diagnostic(
                            target.line(anchor),
                            format!(
                                "the {target_name} front matter lacks `{}`, which the {source_name} front matter has",
                                format!("{}: {}", entry.key, written(&entry.value)).trim_end()
                            ),
                        )
                        .with_source(source_location),
                );
            }
        }
    }
    for entry in target_entries.iter().filter(|entry| compared(&entry.key)) {
        if source.article.front_matter.entry(&entry.key).is_none() {
            sink.push(Rule::FrontMatterMismatch.diagnostic(
                target.line(entry.line),
                format!(
                    "the {target_name} front matter has `{}`, which the {source_name} front matter does not have",
                    entry.key
                ),
            ));
        }
    }
}

/// Reports the translated `title` and `description` that are identical to the source's, or read as the source
/// language, at the key's line.
pub fn check_untranslated(source: &Document, target: &Document, languages: &Languages, sink: &mut Vec<Diagnostic>) {
    let (source_matter, target_matter) = (&source.article.front_matter, &target.article.front_matter);
    let text_check = TextCheck::new(languages, source_matter, target_matter);
    for key in PROSE_KEYS {
        let (Some(entry), Some(text)) = (target_matter.entry(key), target_matter.get_str(key)) else { continue };
        let counterpart = source_matter.get_str(key);
        let text = text.trim();
        let counterpart = counterpart.as_deref().map(str::trim);
        let Some(verdict) = text_check.verdict(text, counterpart, counterpart == Some(text)) else { continue };
        let what = format!("the front matter `{key}`");
        let mut diagnostic = Rule::Untranslated.diagnostic(target.line(entry.line), text_check.message(verdict, &what));
        if let Some(source_entry) = source_matter.entry(key).filter(|_| counterpart.is_some()) {
            diagnostic = diagnostic.with_source(source.line(source_entry.line));
        }
        sink.push(diagnostic);
    }
}

/// Checks the localization keys of `target` when it has any. `locale` is the locale the target should be in
/// (`fr-fr`), when known.
pub fn check_localization(target: &Document, locale: Option<&str>, sink: &mut Vec<Diagnostic>) {
    let front_matter = &target.article.front_matter;
    let present: Vec<&Entry> = LOCALIZATION_KEYS.iter().filter_map(|key| front_matter.entry(key)).collect();
    if present.is_empty() {
        return;
    }
    let mut report = |entry: &Entry, message: String| {
        sink.push(Rule::LocMetadata.diagnostic(target.line(entry.line), message));
    };
    for entry in &present {
        let value = front_matter.get_str(&entry.key).unwrap_or_default();
        let problem = match entry.key.as_str() {
            "ms.openlocfilehash" | "ms.sourcegitcommit" if !is_hex(&value, 40) => {
                Some("is not 40 hexadecimal digits".to_owned())
            }
            "ms.translationtype" if !TRANSLATION_TYPES.iter().any(|known| known.eq_ignore_ascii_case(&value)) => {
                Some(format!("is not one of {}", TRANSLATION_TYPES.join(", ")))
            }
            "ms.contentlocale" => match locale {
                Some(expected) if !expected.eq_ignore_ascii_case(&value) => {
                    Some(format!("does not match the locale of the translation ({expected})"))
                }
                _ => None,
            },
            "ms.lasthandoff" if !is_us_date(&value) => Some("is not a MM/DD/YYYY date".to_owned()),
            "ms.locfileid" if value.is_empty() || !value.bytes().all(|byte| byte.is_ascii_digit()) => {
                Some("is not a number".to_owned())
            }
            _ => None,
        };
        if let Some(problem) = problem {
            report(entry, format!("`{}: {value}` {problem}", entry.key));
        }
    }
    // The keys always handed back together.
    let first = present[0];
    for key in ["ms.openlocfilehash", "ms.sourcegitcommit", "ms.contentlocale"] {
        if front_matter.entry(key).is_none() {
            report(first, format!("the localization metadata has no `{key}`"));
        }
    }
}

/// Equal as YAML read them, strings compared without surrounding spaces.
fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::String(a), Value::String(b)) => a.trim() == b.trim() || same_address_in_another_locale(a, b),
        (Value::Array(a), Value::Array(b)) => a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same_value(a, b)),
        (Value::Null, Value::String(text)) | (Value::String(text), Value::Null) => text.trim().is_empty(),
        _ => a == b,
    }
}

/// Whether `a` and `b` are one address but for its locale segment (`https://technet.microsoft.com/en-us/library/x`
/// and `…/fr-fr/library/x`): each language's page names its own.
fn same_address_in_another_locale(a: &str, b: &str) -> bool {
    fn segments(url: &str) -> impl Iterator<Item = Option<&str>> {
        url.trim().split('/').map(|segment| (!is_locale(segment)).then_some(segment))
    }
    a.contains("://") && segments(a).eq(segments(b))
}

/// How much of a front matter value a message quotes.
const MAX_SHOWN_CHARS: usize = 78;

/// A value as a reader would write it, shortened, in backticks; `empty` for no value.
fn shown(value: &Value) -> String {
    match value {
        Value::Null => "empty".to_owned(),
        other => format!("`{}`", written(other)),
    }
}

/// A value as a reader would write it after its key, shortened; nothing for no value.
fn written(value: &Value) -> String {
    match value {
        Value::String(text) => clip(text.trim(), MAX_SHOWN_CHARS).into_owned(),
        Value::Null => String::new(),
        other => clip(&other.to_string(), MAX_SHOWN_CHARS).into_owned(),
    }
}

pub(super) fn is_hex(value: &str, length: usize) -> bool {
    value.len() == length && value.bytes().all(|byte| byte.is_ascii_hexdigit())
}

/// `MM/DD/YYYY` with a plausible month and day.
fn is_us_date(value: &str) -> bool {
    let parts: Vec<&str> = value.split('/').collect();
    let number = |text: &str, digits: usize| {
        (text.len() == digits || (digits == 2 && text.len() == 1)) && text.bytes().all(|byte| byte.is_ascii_digit())
    };
    match parts.as_slice() {
        [month, day, year] if number(month, 2) && number(day, 2) && number(year, 4) => {
            let (month, day): (u32, u32) = (month.parse().unwrap_or(0), day.parse().unwrap_or(0));
            (1..=12).contains(&month) && (1..=31).contains(&day)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_compare_as_yaml_reads_them() {
        assert!(same_value(&Value::from("Learn how. "), &Value::from("Learn how.")));
        assert!(same_value(&Value::Null, &Value::from("")));
        assert!(!same_value(&Value::from("article"), &Value::from("how-to")));
        assert!(same_value(&serde_json::json!(["a", "b"]), &serde_json::json!(["a", "b "])));
    }

    #[test]
    fn a_title_or_description_left_in_english_is_untranslated_at_its_line() {
        let english = "---\ntitle: Set up the archive for your organization\nno-loc: [Microsoft Purview]\n\
                       description: Learn how to set up the archive for your organization.\n---\n# T\n";
        let findings = |french: &str| {
            let source = Document::new("en-us/a.md", "a.md", english.to_owned());
            let target = Document::new("fr-fr/a.md", "a.md", french.to_owned());
            let mut found = Vec::new();
            check_untranslated(&source, &target, &Languages::of("en-us", "fr-fr"), &mut found);
            found
                .iter()
                .map(|d| (d.location.line(), d.source.as_ref().map(|s| s.line()), d.message.clone()))
                .collect::<Vec<_>>()
        };
        let french = "---\nms.author: x\ntitle: Configurer l’archive de votre organisation\n\
                      description: Découvrez comment configurer l’archive de votre organisation.\n---\n# T\n";
        assert_eq!(findings(french), []);
        let untranslated =
            french.replace("Configurer l’archive de votre organisation", "Set up the archive for your organization");
        assert_eq!(
            findings(&untranslated),
            [(
                3,
                Some(2),
                "the front matter `title` is identical to English text: it is not translated into French".to_owned()
            )]
        );
        let product_name = french.replace("Configurer l’archive de votre organisation", "Microsoft Purview");
        assert_eq!(findings(&product_name), []);
    }

    #[test]
    fn only_keys_that_change_what_readers_get_are_compared() {
        let english = "---\ntitle: T\nTOCTitle: Add\nauthor: MSFTTracyP\nms.author: tracyp\nmanager: dansimp\n\
                       editor: e\nms.reviewer: a\nms.date: 8/23/2019\nms.custom: seo-marvel-apr2020\nms.topic: article\n\
                       ms:mtpsurl: https://technet.microsoft.com/en-us/library/JJ662760(v=EXCHG.150)\n---\n# T\n";
        let findings = |french: &str| {
            let source = Document::new("en-us/a.md", "a.md", english.to_owned());
            let target = Document::new("fr-fr/a.md", "a.md", french.to_owned());
            let mut found = Vec::new();
            compare(&source, &target, &[], &Languages::of("en-us", "fr-fr"), &mut found);
            found.iter().map(|d| (d.location.line(), d.message.clone())).collect::<Vec<_>>()
        };
        // The translated display title, other owners, and the address of each language's own page are no drift.
        let older = "---\ntitle: T\nTOCTitle: Ajouter\nauthor: kccross\nms.author: krowley\nmanager: laurawi\n\
                     editor: f\nms.date: 3/5/2015\nms.topic: article\n\
                     ms:mtpsurl: https://technet.microsoft.com/fr-fr/library/JJ662760(v=EXCHG.150)\n---\n# T\n";
        assert_eq!(findings(older), []);
        assert_eq!(
            findings(&older.replace("ms.topic: article", "ms.topic: how-to").replace("JJ662760", "JJ1")),
            [
                (
                    9,
                    "front matter `ms.topic` is `how-to` in the French file and `article` in the English file".to_owned()
                ),
                (
                    10,
                    "front matter `ms:mtpsurl` is `https://technet.microsoft.com/fr-fr/library/JJ1(v=EXCHG.150)` in the \
                     French file and `https://technet.microsoft.com/en-us/library/JJ662760(v=EXCHG.150)` in the \
                     English file"
                        .to_owned()
                )
            ]
        );
    }

    #[test]
    fn long_values_are_quoted_shortened_on_one_line() {
        assert_eq!(shown(&Value::from(" court ")), "`court`");
        assert_eq!(shown(&Value::Null), "empty");
        let long = shown(&Value::from("mot\nsuivant ".repeat(20)));
        assert!(long.starts_with("`mot suivant mot") && long.ends_with("…`"), "{long}");
        assert_eq!(long.chars().count(), MAX_SHOWN_CHARS + 2);
    }

    #[test]
    fn dates_and_hashes() {
        assert!(is_us_date("03/19/2021"));
        assert!(is_us_date("3/9/2021"));
        assert!(!is_us_date("2021-03-19"));
        assert!(!is_us_date("19/03/2021"));
        assert!(is_hex("19e9a92a90f7c88cc150844ab451bc71d63e4c4a", 40));
        assert!(!is_hex("19e9a92a", 40));
    }
}
