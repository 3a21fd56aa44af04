//! Where a file of a Learn docset is published. The folder holding `docfx.json` is the docset's root, and the
//! `build.content` mappings of that file say which source folder (`src`) is published under which site folder
//! (`dest`). `build.dest` is where a local docfx build writes its output: it is no part of any address. A file no
//! mapping with a site folder holds has no address this file can tell.

use std::path::{Path, PathBuf};

use serde_json::Value;
use thiserror::Error;

use crate::parse::is_locale;

/// The file that makes a folder a docset's root.
pub const DOCFX_JSON: &str = "docfx.json";

/// A `docfx.json` that cannot be read.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum DocfxError {
    /// The file cannot be read.
    #[error("{path}: cannot read the file")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        #[source]
        source: std::io::Error,
    },
    /// The file is not JSON.
    #[error("{path}: not valid JSON")]
    Json {
        /// The file.
        path: PathBuf,
        /// What serde_json said, with the line.
        #[source]
        source: serde_json::Error,
    },
}

/// A docset: its root and the folders its `docfx.json` publishes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Docset {
    /// The folder holding `docfx.json`, canonical.
    root: PathBuf,
    /// The `build.content` mappings, in the file's order.
    mappings: Vec<Mapping>,
}

/// One `build.content` entry: the files below `src` are published below `dest`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Mapping {
    /// The source folder relative to the root, `/`-separated, without `./` or a trailing `/`; empty for the root.
    src: String,
    /// The site folder, written the same way; empty for the site's root.
    dest: String,
}

impl Docset {
    /// The docset `file` belongs to: the nearest folder above it holding a `docfx.json`. `Ok(None)` outside any
    /// docset, or for a file that cannot be found.
    pub fn of_file(file: &Path) -> Result<Option<Self>, DocfxError> {
        let Ok(absolute) = file.canonicalize() else { return Ok(None) };
        let Some(root) = absolute.ancestors().skip(1).find(|folder| folder.join(DOCFX_JSON).is_file()) else {
            return Ok(None);
        };
        let path = root.join(DOCFX_JSON);
        let text = std::fs::read_to_string(&path).map_err(|source| DocfxError::Read { path: path.clone(), source })?;
        let config: Value = serde_json::from_str(&text).map_err(|source| DocfxError::Json { path, source })?;
        Ok(Some(Self { root: root.to_owned(), mappings: mappings(&config) }))
    }

    /// Where `file` is published, without locale or `.md` (`office365/securitycompliance/eop/x`): the path below
    /// the source folder of the most specific mapping that holds it, under that mapping's site folder. A locale
    /// folder right under the root (`en-us/…`) names the language, which Learn puts before the path: it is left out.
    /// `None` when no mapping with a site folder holds the file: Learn publishes no docset at its root, and the site
    /// folder is then set where this file cannot see it (`visualstudio` for a `docfx.json` whose `build.dest` is
    /// `vsdocsdocs`).
    pub fn learn_path(&self, file: &Path) -> Option<String> {
        let absolute = file.canonicalize().ok()?;
        let relative = absolute.strip_prefix(&self.root).ok()?.with_extension("");
        let relative = relative.to_string_lossy().replace('\\', "/");
        let relative = match relative.split_once('/') {
            Some((first, rest)) if is_locale(first) => rest,
            _ => relative.as_str(),
        };
        // The mapping with the longest source folder holds the file most closely; of equals, the first in the file
        // (`max_by_key` keeps the last of equals, hence `rev`).
        let closest = self
            .mappings
            .iter()
            .filter_map(|mapping| Some((mapping, mapping.below_source(relative)?)))
            .rev()
            .max_by_key(|(mapping, _)| mapping.src.len());
        match closest {
            Some((mapping, below)) if !mapping.dest.is_empty() => Some(format!("{}/{below}", mapping.dest)),
            _ => None,
        }
    }
}

impl Mapping {
    /// The part of `path` (relative to the root) below this mapping's source folder, when it is there.
    fn below_source<'p>(&self, path: &'p str) -> Option<&'p str> {
        match self.src.as_str() {
            "" => Some(path),
            src => path.strip_prefix(src)?.strip_prefix('/'),
        }
    }
}

/// The `build.content` mappings of a docfx configuration. An entry is a mapping object (`{"files": […], "src": …,
/// "dest": …}`) or a bare pattern, which maps the root to the site's root; anything else maps nothing.
fn mappings(config: &Value) -> Vec<Mapping> {
    // `./SecurityCompliance/`, `SecurityCompliance` and `.` (the root) as folder paths without `.` or empty parts.
    let folder = |entry: &Value, key: &str| {
        let written = entry.get(key).and_then(Value::as_str).unwrap_or_default();
        written.split('/').filter(|part| !part.is_empty() && *part != ".").collect::<Vec<_>>().join("/")
    };
    let entries = match &config["build"]["content"] {
        Value::Array(entries) => entries.iter().collect(),
        single @ (Value::Object(_) | Value::String(_)) => vec![single],
        _ => Vec::new(),
    };
    entries
        .into_iter()
        .filter(|entry| entry.is_object() || entry.is_string())
        .map(|entry| Mapping { src: folder(entry, "src"), dest: folder(entry, "dest") })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A docset in a temporary folder with `docfx` as its `docfx.json` and an empty file at each of `files`.
    fn docset(docfx: &str, files: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(DOCFX_JSON), docfx).unwrap();
        for file in files {
            let path = dir.path().join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "# T\n").unwrap();
        }
        dir
    }

    fn learn_path(dir: &tempfile::TempDir, file: &str) -> Option<String> {
        let file = dir.path().join(file);
        Docset::of_file(&file).unwrap().unwrap().learn_path(&file)
    }

    #[test]
    fn a_mapping_publishes_its_source_folder_under_its_site_folder() {
        let docfx = r#"{"build": {"content": [
            {"files": ["**/*.yml"], "src": "obj/api", "dest": "api"},
            {"files": ["**/*.md"], "src": "./SecurityCompliance/", "dest": "office365/securitycompliance"},
            {"files": ["*.md"]}
        ], "dest": "office365"}}"#;
        let files = ["SecurityCompliance/eop/a.md", "en-us/SecurityCompliance/eop/a.md", "index.md"];
        let dir = docset(docfx, &files);
        assert_eq!(learn_path(&dir, files[0]).as_deref(), Some("office365/securitycompliance/eop/a"));
        assert_eq!(learn_path(&dir, files[1]).as_deref(), Some("office365/securitycompliance/eop/a"), "locale folder");
        assert_eq!(learn_path(&dir, files[2]), None, "a mapping without a site folder");
    }

    #[test]
    fn a_mapping_of_the_root_written_as_a_dot_publishes_it_under_its_site_folder() {
        for src in [".", "./", ""] {
            let docfx = format!(
                r#"{{"build": {{"content": [{{"files": ["**/*.md"], "src": "{src}", "dest": "d365/ops"}}]}}}}"#
            );
            let dir = docset(&docfx, &["environment/apply.md"]);
            assert_eq!(
                learn_path(&dir, "environment/apply.md").as_deref(),
                Some("d365/ops/environment/apply"),
                "{src}"
            );
        }
    }

    #[test]
    fn without_a_site_folder_the_address_is_unknown() {
        for docfx in ["{}", r#"{"build": {"content": [{"files": ["**/*.md"]}], "dest": "vsdocsdocs"}}"#] {
            let dir = docset(docfx, &["en-us/commerce/close.md", "commerce/close.md"]);
            assert_eq!(learn_path(&dir, "en-us/commerce/close.md"), None, "{docfx}");
            assert_eq!(learn_path(&dir, "commerce/close.md"), None, "{docfx}");
        }
    }

    #[test]
    fn a_docfx_json_that_is_no_json_is_an_error_naming_it() {
        let dir = docset("{ // a comment\n}", &["a.md"]);
        let error = Docset::of_file(&dir.path().join("a.md")).unwrap_err();
        assert!(matches!(error, DocfxError::Json { .. }), "{error:?}");
        assert!(error.to_string().ends_with("docfx.json: not valid JSON"), "{error}");
    }
}
