//! Localized evidence: Fluent messages from `locales/<locale>/verify.ftl`, embedded in the binary.
//!
//! Checks produce [`Message`]s (an id and arguments), never text; [`Messages`] turns them into the report's locale at
//! the end. A message missing in the locale falls back to en-US; Unicode isolation marks are off (the text goes into
//! JSON and terminals). Numbers are grouped the locale's way (`100,000`, `100 000`, `100.000`) while plural selection still sees
//! the number; a date or a UTC time (`2026-12-01`) is written in the locale's words ("1er décembre 2026").

use std::collections::BTreeMap;

use fluent_bundle::types::FluentNumber;
use fluent_bundle::{FluentArgs, FluentBundle, FluentError, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use crate::assets;
use crate::i18n::Strings;

/// The locale every message exists in, and the fallback.
pub const FALLBACK: &str = "en-US";

/// One argument of a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// A number (plural selection sees it).
    Number(f64),
    /// Text, shown as is.
    Text(String),
    /// Another message, localized in the same locale first (a reason that names two failures).
    Message(Box<Message>),
}

impl From<Message> for Arg {
    fn from(message: Message) -> Arg {
        Arg::Message(Box::new(message))
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Arg {
        Arg::Text(text.to_owned())
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Arg {
        Arg::Text(text)
    }
}

impl From<u64> for Arg {
    fn from(number: u64) -> Arg {
        Arg::Number(number as f64)
    }
}

impl From<usize> for Arg {
    fn from(number: usize) -> Arg {
        Arg::Number(number as f64)
    }
}

/// A message to localize: a Fluent id and its arguments.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    /// The Fluent message id (`verify-users-left`).
    pub id: String,
    /// The arguments, by name.
    pub args: Vec<(String, Arg)>,
}

impl Message {
    /// A message without arguments.
    pub fn new(id: impl Into<String>) -> Message {
        Message { id: id.into(), args: Vec::new() }
    }

    /// Adds an argument.
    pub fn arg(mut self, name: &str, value: impl Into<Arg>) -> Message {
        self.args.push((name.to_owned(), value.into()));
        self
    }
}

/// The Fluent bundles of one locale and of en-US.
pub struct Messages {
    locale: String,
    /// Each bundle with its locale, most wanted first; the last is en-US.
    bundles: Vec<(String, FluentBundle<FluentResource>)>,
    /// The locale's words for dates, which arguments holding a date or a UTC time are shown in.
    dates: Option<Strings>,
}

/// The locales that have `verify.ftl`, like `en-US`, sorted.
pub fn available() -> Vec<&'static str> {
    assets::under("locales/")
        .filter_map(|(path, _)| path.strip_prefix("locales/")?.strip_suffix("/verify.ftl"))
        .collect()
}

impl Messages {
    /// The messages of `locale` (`fr-FR`, `fr-fr` or `fr`), falling back to en-US; `Err` lists the available
    /// locales.
    pub fn new(locale: &str) -> Result<Messages, String> {
        let locales = available();
        let wanted = locale.trim().replace('_', "-");
        let found = locales.iter().find(|known| known.eq_ignore_ascii_case(&wanted)).or_else(|| {
            let language = wanted.split('-').next().unwrap_or_default();
            locales.iter().find(|known| known.split('-').next().is_some_and(|l| l.eq_ignore_ascii_case(language)))
        });
        let Some(found) = found else {
            return Err(format!("no verify messages for locale '{locale}' (available: {})", locales.join(", ")));
        };
        let mut sources = vec![(*found, bundled(found)?)];
        if *found != FALLBACK {
            sources.push((FALLBACK, bundled(FALLBACK)?));
        }
        let mut messages = Messages::from_sources(&sources)?;
        messages.dates = Strings::load(found).ok();
        Ok(messages)
    }

    /// Messages from `(locale, Fluent text)` pairs, most wanted first; the last one is the fallback.
    fn from_sources(sources: &[(&str, &str)]) -> Result<Messages, String> {
        let bundles = sources
            .iter()
            .map(|(locale, text)| Ok(((*locale).to_owned(), bundle(locale, text)?)))
            .collect::<Result<_, String>>()?;
        let locale = sources.first().map(|(locale, _)| (*locale).to_owned()).unwrap_or_default();
        Ok(Messages { locale, bundles, dates: None })
    }

    /// The locale in use (`fr-FR`).
    pub fn locale(&self) -> &str {
        &self.locale
    }

    /// The text of `message`; a message no bundle has comes out as its id, so it is visible, never blank.
    pub fn format(&self, message: &Message) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in &message.args {
            match value {
                Arg::Number(number) => args.set(name.as_str(), FluentValue::from(*number)),
                Arg::Text(text) => {
                    let shown = self.dates.as_ref().map_or_else(|| text.clone(), |dates| dates.timestamp(text));
                    args.set(name.as_str(), FluentValue::from(shown));
                }
                Arg::Message(inner) => args.set(name.as_str(), FluentValue::from(self.format(inner))),
            }
        }
        for (_, bundle) in &self.bundles {
            if let Some(pattern) = bundle.get_message(&message.id).and_then(|found| found.value()) {
                let mut errors = Vec::new();
                return bundle.format_pattern(pattern, Some(&args), &mut errors).into_owned();
            }
        }
        message.id.clone()
    }

    /// True when en-US has a message with this id (used to check bindings when they load).
    pub fn has(&self, id: &str) -> bool {
        self.bundles.last().is_some_and(|(_, bundle)| bundle.has_message(id))
    }

    /// Adds a bindings file's own messages: Fluent text by locale tag (`en-US`, `fr-FR`), each beside the bundled
    /// messages of its locale. `source` names the file in errors: a locale checkdown has no messages in, a Fluent
    /// syntax error (with its line), or an id the bundled messages already have.
    pub fn add(&mut self, by_locale: &BTreeMap<String, String>, source: &str) -> Result<(), String> {
        let known = available();
        for (tag, text) in by_locale {
            let Some(locale) = known.iter().find(|known| known.eq_ignore_ascii_case(&tag.replace('_', "-"))) else {
                return Err(format!(
                    "{source}: messages for '{tag}', a locale checkdown has no verify messages in (available: {})",
                    known.join(", ")
                ));
            };
            let at =
                |line: usize, what: &dyn std::fmt::Display| format!("{source}: messages.{tag}, line {line}: {what}");
            let resource = FluentResource::try_new(text.clone()).map_err(|(_, errors)| {
                let first = &errors[0];
                at(text[..first.pos.start.min(text.len())].matches('\n').count() + 1, first)
            })?;
            // A locale the report does not use still had its syntax checked: the file is checked whole.
            let Some((_, bundle)) = self.bundles.iter_mut().find(|(bundled, _)| bundled == locale) else { continue };
            bundle.add_resource(resource).map_err(|errors| match errors.first() {
                Some(FluentError::Overriding { id, .. }) => {
                    format!("{source}: messages.{tag} defines '{id}', which checkdown's own messages already have")
                }
                _ => format!("{source}: messages.{tag} cannot be added"),
            })?;
        }
        Ok(())
    }
}

fn bundled(locale: &str) -> Result<&'static str, String> {
    assets::get(&format!("locales/{locale}/verify.ftl"))
        .ok_or_else(|| format!("locales/{locale}/verify.ftl is not bundled"))
}

fn bundle(locale: &str, text: &str) -> Result<FluentBundle<FluentResource>, String> {
    let path = format!("locales/{locale}/verify.ftl");
    let resource = FluentResource::try_new(text.to_owned()).map_err(|_| format!("{path} has syntax errors"))?;
    let language: LanguageIdentifier = locale.parse().map_err(|_| format!("'{locale}' is not a language tag"))?;
    let mut bundle = FluentBundle::new(vec![language]);
    bundle.set_use_isolating(false);
    let language = locale.split('-').next().unwrap_or_default();
    bundle.set_formatter(Some(match language {
        "fr" => group_fr,
        "de" | "es" => group_dot,
        _ => group_en,
    }));
    bundle.add_resource(resource).map_err(|_| format!("{path} defines a message twice"))?;
    Ok(bundle)
}

fn group_en<M>(value: &FluentValue, _: &M) -> Option<String> {
    group(value, ",")
}

fn group_fr<M>(value: &FluentValue, _: &M) -> Option<String> {
    group(value, "\u{202f}")
}

/// German and Spanish group thousands with a dot: `100.000`.
fn group_dot<M>(value: &FluentValue, _: &M) -> Option<String> {
    group(value, ".")
}

/// Whole numbers of 1,000 and more, grouped by thousands; anything else is left to Fluent.
fn group(value: &FluentValue, separator: &str) -> Option<String> {
    let FluentValue::Number(FluentNumber { value, .. }) = value else {
        return None;
    };
    if value.fract() != 0.0 || value.abs() < 1000.0 || value.abs() >= 1e15 {
        return None;
    }
    let digits = format!("{}", value.abs() as u64);
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index) % 3 == 0 {
            out.push_str(separator);
        }
        out.push(digit);
    }
    Some(if *value < 0.0 { format!("-{out}") } else { out })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_per_locale_and_plurals_still_work() {
        let en = Messages::new("en-us").unwrap();
        let fr = Messages::new("fr").unwrap();
        assert_eq!(fr.locale(), "fr-FR");
        let message = Message::new("verify-sample-limited").arg("checked", 100u64).arg("total", 100_000u64);
        assert_eq!(en.format(&message), "100 of 100,000 users checked; finish step 1 first");
        assert_eq!(
            fr.format(&message),
            "100 utilisateurs sur 100\u{202f}000 vérifiés\u{202f}; terminez d’abord l’étape 1"
        );
        for locale in ["de", "es"] {
            let formatted = Messages::new(locale).unwrap().format(&message);
            assert!(formatted.contains("100.000") && !formatted.contains("100,000"), "{formatted}");
        }
    }

    #[test]
    fn dates_are_written_in_the_locale_s_words() {
        let message =
            Message::new("verify-subscriptions-deletion-pending").arg("count", 2u64).arg("date", "2026-12-01");
        assert!(Messages::new("fr").unwrap().format(&message).contains("(la première le 1er décembre 2026)"));
        assert!(Messages::new("en-us").unwrap().format(&message).contains("December 1, 2026"));
        let not_a_date = Message::new("verify-subscriptions-deletion-pending").arg("count", 1u64).arg("date", "soon");
        assert!(Messages::new("fr").unwrap().format(&not_a_date).contains("(soon)"));
    }

    #[test]
    fn missing_messages_fall_back_to_english_then_to_the_id() {
        let fr =
            Messages::from_sources(&[("fr-FR", "both = les deux\n"), ("en-US", "both = both\nen = only English\n")]);
        let fr = fr.unwrap();
        assert_eq!(fr.format(&Message::new("both")), "les deux");
        assert_eq!(fr.format(&Message::new("en")), "only English");
        assert_eq!(fr.format(&Message::new("no-such-message")), "no-such-message");
        assert!(Messages::new("tlh").err().unwrap().contains("en-US"));
    }
}
