//! `[!INCLUDE]` resolution: reading included files relative to the article, never outside the docs root.

use std::fs;
use std::path::{Path, PathBuf};

/// What became of one include.
#[derive(Debug, PartialEq, Eq)]
pub enum Loaded {
    /// The file was read: its path relative to the docs root (for spans and messages) and its text.
    Found {
        /// Path relative to the docs root, `/`-separated.
        file: String,
        /// The file's text.
        text: String,
    },
    /// There is no such file (the include stays unresolved).
    Missing,
    /// The path leads outside the docs root (the include stays unresolved).
    OutsideRoot,
    /// The file exists but could not be read as UTF-8 text.
    Unreadable(String),
    /// Includes are not read at all (bundled articles, or `--no-includes`).
    Disabled,
}

/// Where included files come from.
pub trait IncludeSource {
    /// Loads `target` as written in an article at `from`.
    fn load(&self, from: &str, target: &str) -> Loaded;
}

/// No includes are read: every include stays an unresolved node.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoIncludes;

impl IncludeSource for NoIncludes {
    fn load(&self, _from: &str, _target: &str) -> Loaded {
        Loaded::Disabled
    }
}

/// Includes read from the file system, below a docs root.
#[derive(Debug, Clone)]
pub struct FileIncludes {
    root: PathBuf,
}

impl FileIncludes {
    /// Reads includes below `root` (which must exist).
    pub fn new(root: &Path) -> std::io::Result<Self> {
        Ok(Self { root: root.canonicalize()? })
    }

    /// The docs root for an article: the nearest folder above it with a `docfx.json`, else the nearest with a `.git`,
    /// else the article's own folder.
    pub fn for_article(article: &Path) -> std::io::Result<Self> {
        let absolute = article.canonicalize()?;
        let folder = absolute.parent().unwrap_or(Path::new("/"));
        let root = ["docfx.json", ".git"]
            .iter()
            .find_map(|marker| folder.ancestors().find(|dir| dir.join(marker).exists()))
            .unwrap_or(folder);
        Self::new(root)
    }

    /// The docs root.
    pub fn root(&self) -> &Path {
        &self.root
    }
}

impl IncludeSource for FileIncludes {
    fn load(&self, from: &str, target: &str) -> Loaded {
        let target = target.split(['?', '#']).next().unwrap_or_default();
        let candidate = match target.strip_prefix("~/") {
            Some(root_relative) => self.root.join(root_relative),
            None => Path::new(from).parent().unwrap_or(Path::new("")).join(target),
        };
        let Ok(resolved) = candidate.canonicalize() else { return Loaded::Missing };
        let Ok(relative) = resolved.strip_prefix(&self.root) else { return Loaded::OutsideRoot };
        match fs::read(&resolved) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => Loaded::Found { file: relative.to_string_lossy().replace('\\', "/"), text },
                Err(_) => Loaded::Unreadable("it is not UTF-8 text".to_owned()),
            },
            Err(error) => Loaded::Unreadable(error.to_string()),
        }
    }
}
