//! UI strings in the reader's language, from the Fluent files bundled under `locales/<locale>/*.ftl`.
//!
//! Adding a locale is adding a folder of `.ftl` files. A message missing from a locale falls back to en-US and is
//! remembered as a warning, never rendered blank. Dates are formatted by the locale's own `date-*` messages.

use std::collections::BTreeSet;
use std::sync::Mutex;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use thiserror::Error;
use unic_langid::LanguageIdentifier;

use crate::assets;

/// The locale every message exists in.
pub const FALLBACK: &str = "en-US";

/// A locale could not be used.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum LocaleError {
    /// No folder under `locales/` matches.
    #[error("no UI strings for locale {requested:?}; available: {}", available.join(", "))]
    Unknown {
        /// What was asked for.
        requested: String,
        /// The bundled locales.
        available: Vec<String>,
    },
    /// A bundled `.ftl` file does not parse (a build defect, caught by tests).
    #[error("{file}: invalid Fluent syntax: {message}")]
    Syntax {
        /// The file.
        file: String,
        /// The first error.
        message: String,
    },
}

/// The bundled locales (`en-US`, `fr-FR`), from the folders under `locales/`.
pub fn available() -> Vec<String> {
    let folders: BTreeSet<String> = assets::under("locales/")
        .filter_map(|(path, _)| path.strip_prefix("locales/")?.split_once('/').map(|(locale, _)| locale.to_owned()))
        .collect();
    folders.into_iter().collect()
}

/// The bundled locale that best matches `requested` (`fr`, `fr-fr`, `fr_FR.UTF-8` all give `fr-FR`): the same
/// language and region, else the same language.
pub fn best_match(requested: &str) -> Option<String> {
    let requested = requested.split(['.', '@']).next().unwrap_or_default().replace('_', "-");
    let language = requested.split('-').next().unwrap_or_default();
    let available = available();
    available
        .iter()
        .find(|locale| locale.eq_ignore_ascii_case(&requested))
        .or_else(|| {
            available.iter().find(|locale| {
                locale.split('-').next().is_some_and(|candidate| candidate.eq_ignore_ascii_case(language))
            })
        })
        .cloned()
}

/// The language a command's own words are in, as the user asked for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UiLanguage {
    /// `--lang`, matched to a bundled locale: it wins over everything.
    pub given: Option<String>,
    /// The environment's locale (`LC_ALL`, `LC_MESSAGES`, `LANG`) matched, else en-US.
    pub otherwise: String,
    /// The region the user asked for (`GB` of `--lang en-GB` or `LANG=en_GB.UTF-8`), when they named one.
    pub region: Option<String>,
}

impl UiLanguage {
    /// Reads `--lang` (which must match a bundled locale) and the environment, through `env`.
    pub fn new(lang: Option<&str>, env: impl Fn(&str) -> Option<String>) -> Result<UiLanguage, LocaleError> {
        let environment =
            ["LC_ALL", "LC_MESSAGES", "LANG"].iter().filter_map(|name| env(name)).find(|value| !value.is_empty());
        let given = match lang {
            Some(requested) => Some(
                best_match(requested)
                    .ok_or_else(|| LocaleError::Unknown { requested: requested.to_owned(), available: available() })?,
            ),
            None => None,
        };
        let otherwise = environment.as_deref().and_then(best_match).unwrap_or_else(|| FALLBACK.to_owned());
        let region = lang.or(environment.as_deref()).and_then(region_of);
        Ok(UiLanguage { given, otherwise, region })
    }

    /// The locale for an article in `article_locale` (`fr-fr`): `--lang`, else the article's own language when
    /// checkdown has strings for it, else the environment's.
    pub fn for_article(&self, article_locale: Option<&str>) -> String {
        self.given.clone().or_else(|| article_locale.and_then(best_match)).unwrap_or_else(|| self.otherwise.clone())
    }
}

/// The language of a locale name, lower-cased: `fr-CA` and `fr_FR` give `fr`.
pub fn language_of(locale: &str) -> String {
    locale.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase()
}

/// The region of a locale name, upper-cased: `en_GB.UTF-8` and `fr-ca` give `GB` and `CA`; `fr` and `C` none.
pub fn region_of(locale: &str) -> Option<String> {
    let name = locale.split(['.', '@']).next().unwrap_or_default();
    let region = name.split(['-', '_']).nth(1)?;
    (region.len() == 2 && region.chars().all(|c| c.is_ascii_alphabetic())).then(|| region.to_ascii_uppercase())
}

/// Messages of one locale, with en-US behind them. `Send + Sync`, so templates can call it.
pub struct Strings {
    locale: String,
    bundle: FluentBundle<FluentResource>,
    fallback: Option<FluentBundle<FluentResource>>,
    missing: Mutex<BTreeSet<String>>,
}

impl std::fmt::Debug for Strings {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_struct("Strings").field("locale", &self.locale).finish_non_exhaustive()
    }
}

impl Strings {
    /// The strings of a bundled locale (exact name, as [`available`] lists it).
    pub fn load(locale: &str) -> Result<Self, LocaleError> {
        let Some(locale) = available().into_iter().find(|candidate| candidate.eq_ignore_ascii_case(locale)) else {
            return Err(LocaleError::Unknown { requested: locale.to_owned(), available: available() });
        };
        let bundle = load_bundle(&locale)?;
        let fallback = if locale == FALLBACK { None } else { Some(load_bundle(FALLBACK)?) };
        Ok(Self { locale, bundle, fallback, missing: Mutex::default() })
    }

    /// The locale's name (`fr-FR`).
    pub fn locale(&self) -> &str {
        &self.locale
    }

    /// The message `id` with `args` (`("number", 3.into())`…). Falls back to en-US, then to the id itself.
    pub fn get(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        if let Some(text) = format(&self.bundle, id, &fluent_args) {
            return text;
        }
        self.missing.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(id.to_owned());
        self.fallback.as_ref().and_then(|fallback| format(fallback, id, &fluent_args)).unwrap_or_else(|| id.to_owned())
    }

    /// Whether this locale or its en-US fallback has message `id`.
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id) || self.fallback.as_ref().is_some_and(|fallback| fallback.has_message(id))
    }

    /// A message without arguments.
    pub fn text(&self, id: &str) -> String {
        self.get(id, &[])
    }

    /// A calendar date (`2026-11-21`) in the locale's long form ("November 21, 2026", "21 novembre 2026").
    pub fn date(&self, year: i64, month: u32, day: u32) -> String {
        let month_name = self.text(&format!("month-{month}"));
        self.get("date-long", &[("year", year.into()), ("month", month_name.into()), ("day", day.into())])
    }

    /// An RFC 3339 UTC time (`2026-11-21T09:30:00Z`, as results and records keep it) in the locale's words, to the
    /// minute ("November 21, 2026 at 09:30 UTC", "21 novembre 2026 à 9 h 30 UTC"); a date alone as [`Self::date`].
    /// Text of another shape, a day the month does not have, or a time in another zone than UTC is shown as it is.
    pub fn timestamp(&self, text: &str) -> String {
        let number = |range: std::ops::Range<usize>| text.get(range).and_then(|digits| digits.parse::<u32>().ok());
        let at = |index: usize| text.as_bytes().get(index).copied();
        let (Some(b'-'), Some(b'-'), Some(year), Some(month @ 1..=12), Some(day)) =
            (at(4), at(7), number(0..4), number(5..7), number(8..10))
        else {
            return text.to_owned();
        };
        if !(1..=days_in_month(i64::from(year), month)).contains(&day) {
            return text.to_owned();
        }
        let date = self.date(i64::from(year), month, day);
        if text.len() == 10 {
            return date;
        }
        match (at(10), number(11..13), at(13), number(14..16), text.get(16..)) {
            (Some(b'T'), Some(hour @ 0..=23), Some(b':'), Some(minute @ 0..=59), Some(rest))
                if is_utc_seconds(rest) =>
            {
                self.get(
                    "date-time",
                    &[
                        ("date", date.into()),
                        ("time", format!("{hour:02}:{minute:02}").into()),
                        ("hour", hour.into()),
                        ("minute", format!("{minute:02}").into()),
                    ],
                )
            }
            _ => text.to_owned(),
        }
    }

    /// Messages this locale lacks that were asked for (and came from en-US instead).
    pub fn missing(&self) -> Vec<String> {
        self.missing.lock().unwrap_or_else(std::sync::PoisonError::into_inner).iter().cloned().collect()
    }
}

/// Whether `rest`, what follows the minutes of an RFC 3339 time, is its seconds (and their fraction), if any, in UTC:
/// `Z`, `:00Z`, `:00.123Z`.
fn is_utc_seconds(rest: &str) -> bool {
    let Some(seconds) = rest.strip_suffix('Z') else { return false };
    let digits = |text: &str| !text.is_empty() && text.bytes().all(|byte| byte.is_ascii_digit());
    match seconds.strip_prefix(':') {
        None => seconds.is_empty(),
        Some(seconds) => match seconds.split_once('.') {
            Some((whole, fraction)) => whole.len() == 2 && digits(whole) && digits(fraction),
            None => seconds.len() == 2 && digits(seconds),
        },
    }
}

/// The number of days of `month` (1 to 12) in `year`, in the Gregorian calendar.
pub(crate) fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn format(bundle: &FluentBundle<FluentResource>, id: &str, args: &FluentArgs<'_>) -> Option<String> {
    let message = bundle.get_message(id)?;
    let pattern = message.value()?;
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(args), &mut errors);
    errors.is_empty().then(|| text.into_owned())
}

fn load_bundle(locale: &str) -> Result<FluentBundle<FluentResource>, LocaleError> {
    let language: LanguageIdentifier = locale.parse().unwrap_or_default();
    let mut bundle = FluentBundle::new_concurrent(vec![language]);
    // Isolation marks (U+2068/U+2069) would leak into HTML, Markdown and PDF; every bundled locale is left-to-right.
    bundle.set_use_isolating(false);
    for (file, text) in assets::under(&format!("locales/{locale}/")).filter(|(file, _)| file.ends_with(".ftl")) {
        let resource = FluentResource::try_new(text.to_owned()).map_err(|(_, errors)| LocaleError::Syntax {
            file: file.to_owned(),
            message: errors.first().map(ToString::to_string).unwrap_or_default(),
        })?;
        bundle.add_resource(resource).map_err(|errors| LocaleError::Syntax {
            file: file.to_owned(),
            message: errors.first().map(ToString::to_string).unwrap_or_default(),
        })?;
    }
    Ok(bundle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_locale_loads_and_has_every_english_message() {
        let english = load_bundle(FALLBACK).unwrap();
        // Message ids start a line and are followed by ` =`.
        let ids: Vec<&str> = assets::under("locales/en-US/")
            .flat_map(|(_, text)| text.lines())
            .filter_map(|line| line.split_once(" =").map(|(id, _)| id))
            .filter(|id| id.starts_with(|c: char| c.is_ascii_alphabetic()) && !id.contains(' '))
            .collect();
        assert!(!ids.is_empty());
        for locale in available() {
            let strings = Strings::load(&locale).unwrap();
            for id in &ids {
                assert!(english.has_message(id));
                assert!(strings.bundle.has_message(id), "{locale} lacks {id}");
            }
        }
    }

    #[test]
    fn the_checklist_language_is_lang_else_the_article_s_else_the_environment_s() {
        let environment = |value: &'static str| move |name: &str| (name == "LANG").then(|| value.to_owned());
        let english_machine = UiLanguage::new(None, environment("en_GB.UTF-8")).unwrap();
        assert_eq!(english_machine.for_article(Some("fr-fr")), "fr-FR");
        assert_eq!(english_machine.for_article(Some("de-de")), "de-DE");
        assert_eq!(english_machine.for_article(Some("ja-jp")), "en-US", "no Japanese strings: the environment's");
        assert_eq!(english_machine.for_article(None), "en-US");
        assert_eq!(english_machine.region.as_deref(), Some("GB"));
        let asked = UiLanguage::new(Some("fr-CA"), environment("C.UTF-8")).unwrap();
        assert_eq!(asked.for_article(Some("en-us")), "fr-FR");
        assert_eq!(asked.region.as_deref(), Some("CA"));
        assert_eq!(UiLanguage::new(None, environment("C")).unwrap().region, None);
        assert!(UiLanguage::new(Some("xx"), environment("C")).is_err());
    }

    #[test]
    fn plurals_dates_and_no_isolation_marks() {
        let english = Strings::load("en-US").unwrap();
        let french = Strings::load("fr-FR").unwrap();
        let progress = |strings: &Strings, done: u32, total: u32| {
            strings.get("progress", &[("done", done.into()), ("total", total.into())])
        };
        assert_eq!(progress(&english, 3, 5), "3 of 5 steps done");
        assert_eq!(progress(&english, 1, 1), "1 of 1 step done");
        assert_eq!(progress(&french, 3, 5), "3 étapes sur 5 terminées");
        assert_eq!(progress(&french, 1, 5), "1 étape sur 5 terminée");
        assert_eq!(english.date(2026, 11, 21), "November 21, 2026");
        assert_eq!(french.date(2026, 11, 21), "21 novembre 2026");
        let german = Strings::load("de-DE").unwrap();
        assert_eq!(progress(&german, 3, 5), "3 von 5 Schritten erledigt");
        assert_eq!(progress(&german, 1, 1), "1 von 1 Schritt erledigt");
        assert_eq!(german.date(2026, 3, 1), "1. März 2026");
        assert!(!progress(&french, 3, 5).contains(['\u{2068}', '\u{2069}']));
    }

    #[test]
    fn locale_matching_and_fallback() {
        assert_eq!(best_match("fr_FR.UTF-8").as_deref(), Some("fr-FR"));
        assert_eq!(best_match("fr-ca").as_deref(), Some("fr-FR"));
        assert_eq!(best_match("EN").as_deref(), Some("en-US"));
        assert_eq!(best_match("de_AT.UTF-8").as_deref(), Some("de-DE"));
        assert_eq!(best_match("ja-JP"), None);
        let error = Strings::load("ja-JP").unwrap_err().to_string();
        assert!(error.contains("available: de-DE, en-US, es-ES, fr-FR"), "{error}");
        let french = Strings::load("fr-FR").unwrap();
        assert_eq!(french.text("no-such-message"), "no-such-message");
        assert_eq!(french.missing(), vec!["no-such-message".to_owned()]);
    }
}
