//! `checkdown.toml`: settings that belong to a docs repository rather than to one run.
//!
//! Found at `--config FILE`, else `./checkdown.toml` when it exists; everything in it is optional.
//!
//! ```toml
//! [monikers]
//! # Each product's monikers, oldest first: needed to evaluate `<`, `<=`, `>`, `>=` ranges.
//! products = [["sql-server-2016", "sql-server-2017", "sql-server-ver15"]]
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;

use crate::parse::MonikerOrder;

/// The file name looked for in the current directory.
pub const FILE_NAME: &str = "checkdown.toml";

/// The whole configuration.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Moniker definitions.
    #[serde(default)]
    pub monikers: Monikers,
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
}
