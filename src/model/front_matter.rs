//! YAML front matter: every key kept in source order with its line, and typed accessors for the keys Learn defines.

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One `key: value` of the front matter.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The key as written (`ms.date`).
    pub key: String,
    /// The value: strings, numbers, booleans, lists and maps as YAML read them (`ms.date: 03/14/2024` stays a
    /// string).
    pub value: Value,
    /// 1-based line of the key in the source file (0 when unknown, e.g. after deserialising).
    pub line: u32,
}

/// The front matter of an article. Serialises as one JSON object, keys in source order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FrontMatter {
    /// The entries in source order.
    pub entries: Vec<Entry>,
    /// True when the file opens a front matter block that cannot be read (never closed, or not YAML): `entries` is
    /// then empty, and a parse error says why. Not serialised: the parse error is what reports it.
    pub malformed: bool,
}

impl FrontMatter {
    /// The entry for `key`, if present.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries.iter().find(|entry| entry.key == key)
    }

    /// The value for `key`, if present.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.entry(key).map(|entry| &entry.value)
    }

    /// The value for `key` when it is a scalar, as text (`1.0` stays `1.0`, `true` becomes `true`).
    pub fn get_str(&self, key: &str) -> Option<String> {
        match self.get(key)? {
            Value::String(text) => Some(text.clone()),
            Value::Number(number) => Some(number.to_string()),
            Value::Bool(flag) => Some(flag.to_string()),
            _ => None,
        }
    }

    /// `title`: the page title.
    pub fn title(&self) -> Option<String> {
        self.get_str("title")
    }

    /// `description`: the summary shown in search results.
    pub fn description(&self) -> Option<String> {
        self.get_str("description")
    }

    /// `ms.date`: the date the article was last reviewed (`MM/DD/YYYY`).
    pub fn ms_date(&self) -> Option<String> {
        self.get_str("ms.date")
    }

    /// `ms.contentlocale`: the locale of a localized file (`fr-FR`).
    pub fn content_locale(&self) -> Option<String> {
        self.get_str("ms.contentlocale")
    }

    /// `ms.translationtype`: `MT`, `HT`, `MTE75`…
    pub fn translation_type(&self) -> Option<String> {
        self.get_str("ms.translationtype")
    }

    /// `ms.sourcegitcommit`: the English repository commit the translation was made from.
    pub fn source_git_commit(&self) -> Option<String> {
        self.get_str("ms.sourcegitcommit")
    }

    /// `ms.openlocfilehash`: the SHA-1 of the English file the translation was made from.
    pub fn open_loc_file_hash(&self) -> Option<String> {
        self.get_str("ms.openlocfilehash")
    }

    /// `ms.lasthandoff`: the date of the last hand-off to localization (`MM/DD/YYYY`).
    pub fn last_handoff(&self) -> Option<String> {
        self.get_str("ms.lasthandoff")
    }

    /// `monikerRange`: the monikers the whole article applies to.
    pub fn moniker_range(&self) -> Option<String> {
        self.get_str("monikerRange")
    }

    /// `no-loc`: terms that must stay untranslated.
    pub fn no_loc(&self) -> Vec<String> {
        match self.get("no-loc") {
            Some(Value::Array(items)) => items.iter().filter_map(|item| item.as_str().map(str::to_owned)).collect(),
            Some(Value::String(one)) => vec![one.clone()],
            _ => Vec::new(),
        }
    }
}

impl Serialize for FrontMatter {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.entries.len()))?;
        for entry in &self.entries {
            map.serialize_entry(&entry.key, &entry.value)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for FrontMatter {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor;
        impl<'de> Visitor<'de> for EntriesVisitor {
            type Value = FrontMatter;
            fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
                formatter.write_str("a map of front matter keys")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<FrontMatter, A::Error> {
                let mut entries = Vec::new();
                while let Some((key, value)) = access.next_entry::<String, Value>()? {
                    entries.push(Entry { key, value, line: 0 });
                }
                Ok(FrontMatter { entries, malformed: false })
            }
        }
        deserializer.deserialize_map(EntriesVisitor)
    }
}
