//! `checkdown.toml`: settings that belong to a docs repository rather than to one run.
//!
//! Found at `--config FILE`, else `./checkdown.toml` when it exists; everything in it is optional.
//!
//! ```toml
//! [monikers]
//! # Each product's monikers, oldest first: needed to evaluate `<`, `<=`, `>`, `>=` ranges.
//! products = [["sql-server-2016", "sql-server-2017", "sql-server-ver15"]]
//!
//! [sync]
//! # Severities per rule: "error", "warning", "note" or "off".
//! rules = { untranslated = "note", number-mismatch = "off" }
//! # Paths, relative to the compared directories (each locale folder under one ROOT), not compared (`*` within a
//! # folder, `**` across folders).
//! ignore = ["**/includes/**", "TOC.md"]
//! # Source and target locales. `checkdown sync ROOT` (or SOURCE and TARGET the same folder) compares
//! # ROOT/en-us/** with ROOT/fr-fr/** and ROOT/en-us/** with ROOT/de-de/**, each pair in its languages; a pair
//! # whose folder is missing stops the run. With two paths, the first pair names the languages when the paths have
//! # no locale folder.
//! locales = [["en-us", "fr-fr"], ["en-us", "de-de"]]
//! # Front matter keys translated besides title, description, keywords and titleSuffix.
//! translated-keys = ["ms.custom"]
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;

use crate::parse::MonikerOrder;
use crate::report::Severity;
use crate::sync::Rule;

/// The file name looked for in the current directory.
pub const FILE_NAME: &str = "checkdown.toml";

/// The whole configuration.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Moniker definitions.
    #[serde(default)]
    pub monikers: Monikers,
    /// `checkdown sync` settings.
    #[serde(default)]
    pub sync: SyncConfig,
}

/// `[sync]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SyncConfig {
    /// Severities per rule.
    #[serde(default)]
    pub rules: BTreeMap<Rule, RuleLevel>,
    /// Glob patterns of paths, relative to the compared directories, not compared.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// (source, target) locale pairs: the folders compared under one directory, and the languages of each pair.
    #[serde(default = "default_locales")]
    pub locales: Vec<(String, String)>,
    /// Front matter keys translated besides `title`, `description`, `keywords` and `titleSuffix`.
    #[serde(default)]
    pub translated_keys: Vec<String>,
}

impl Default for SyncConfig {
    fn default() -> Self {
        Self { rules: BTreeMap::new(), ignore: Vec::new(), locales: default_locales(), translated_keys: Vec::new() }
    }
}

fn default_locales() -> Vec<(String, String)> {
    vec![("en-us".to_owned(), "fr-fr".to_owned())]
}

/// A rule's configured level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    /// Report as an error.
    Error,
    /// Report as a warning.
    Warning,
    /// Report as a note.
    Note,
    /// Do not report.
    Off,
}

impl RuleLevel {
    /// The severity, `None` for `off`.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Self::Error => Some(Severity::Error),
            Self::Warning => Some(Severity::Warning),
            Self::Note => Some(Severity::Note),
            Self::Off => None,
        }
    }
}

/// `[monikers]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Monikers {
    /// Each product's monikers, oldest first.
    #[serde(default)]
    pub products: Vec<Vec<String>>,
}

impl Monikers {
    /// The order the moniker evaluator needs.
    pub fn order(&self) -> MonikerOrder {
        MonikerOrder { products: self.products.clone() }
    }
}

/// Why the configuration could not be loaded.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The file named by `--config` could not be read.
    #[error("{path}: cannot read the configuration file")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The file is not valid TOML or has unknown or mistyped keys.
    #[error("{path}:{line}: {message}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// 1-based line of the problem.
        line: usize,
        /// What the TOML reader said.
        message: String,
    },
}

impl Config {
    /// Loads `explicit`, else `./checkdown.toml` when present, else the defaults.
    pub fn discover(explicit: Option<&Path>) -> Result<Self, ConfigError> {
        match explicit {
            Some(path) => Self::load(path),
            None if Path::new(FILE_NAME).is_file() => Self::load(Path::new(FILE_NAME)),
            None => Ok(Self::default()),
        }
    }

    /// Loads one file.
    pub fn load(path: &Path) -> Result<Self, ConfigError> {
        let text =
            std::fs::read_to_string(path).map_err(|source| ConfigError::Read { path: path.to_owned(), source })?;
        Self::from_toml(&text).map_err(|(line, message)| ConfigError::Invalid { path: path.to_owned(), line, message })
    }

    /// Reads TOML text; errors carry the 1-based line.
    pub fn from_toml(text: &str) -> Result<Self, (usize, String)> {
        toml::from_str(text).map_err(|error: toml::de::Error| {
            let line = error.span().map_or(1, |span| text[..span.start.min(text.len())].matches('\n').count() + 1);
            (line, error.message().to_owned())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_moniker_products_and_reports_lines() {
        let config = Config::from_toml("[monikers]\nproducts = [[\"a-1\", \"a-2\"]]\n").unwrap();
        assert_eq!(config.monikers.order().products, vec![vec!["a-1".to_owned(), "a-2".to_owned()]]);
        let (line, message) = Config::from_toml("[monikers]\nproduct = []\n").unwrap_err();
        assert_eq!(line, 2);
        assert!(message.contains("unknown field"), "{message}");
    }

    #[test]
    fn reads_the_sync_section_and_rejects_unknown_rules_with_their_line() {
        let config = Config::from_toml(
            "[sync]\nrules = { untranslated = \"off\", link-mismatch = \"error\" }\nignore = [\"TOC.md\"]\n\
             locales = [[\"en-us\", \"de-de\"]]\ntranslated-keys = [\"ms.custom\"]\n",
        )
        .unwrap();
        assert_eq!(config.sync.rules.get(&Rule::Untranslated), Some(&RuleLevel::Off));
        assert_eq!(config.sync.rules.get(&Rule::LinkMismatch), Some(&RuleLevel::Error));
        assert_eq!(config.sync.locales, [("en-us".to_owned(), "de-de".to_owned())]);
        assert_eq!(Config::default().sync.locales, [("en-us".to_owned(), "fr-fr".to_owned())]);
        let (line, message) = Config::from_toml("[sync]\n\nrules = { list-items = \"off\" }\n").unwrap_err();
        assert_eq!(line, 3);
        assert!(message.contains("unknown rule `list-items`"), "{message}");
        let (_, message) = Config::from_toml("[sync]\nrules = { untranslated = \"loud\" }\n").unwrap_err();
        assert!(message.contains("unknown variant"), "{message}");
    }
}
