//! `[!INCLUDE]` resolution: reading included files relative to the article, never outside the docs root, and
//! rebasing the relative links they hold, which docfx reads from the included file's folder.

use std::fs;
use std::path::{Path, PathBuf};

use crate::model::{Block, Inline};

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

    /// How findings name `file`, a path below the docs root that [`IncludeSource::load`] found: as a path the user
    /// can open.
    fn shown(&self, file: &str) -> String {
        file.to_owned()
    }
}

/// No includes are read: every include stays an unresolved node.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoIncludes;

impl IncludeSource for NoIncludes {
    fn load(&self, _from: &str, _target: &str) -> Loaded {
        Loaded::Disabled
    }
}

/// The includes of an article read from standard input: it lies in no folder, so each is reported as not read
/// rather than dropped without a word.
pub struct StandardInput;

impl IncludeSource for StandardInput {
    fn load(&self, _from: &str, _target: &str) -> Loaded {
        Loaded::Unreadable(
            "the article comes from standard input, which lies in no folder; give its file instead".into(),
        )
    }
}

/// Includes read from the file system, below a docs root.
#[derive(Debug, Clone)]
pub struct FileIncludes {
    root: PathBuf,
    /// The folder included files are shown from ([`IncludeSource::shown`]), when not from `/`.
    shown_from: Option<PathBuf>,
}

impl FileIncludes {
    /// Reads includes below `root` (which must exist).
    pub fn new(root: &Path) -> std::io::Result<Self> {
        Ok(Self { root: root.canonicalize()?, shown_from: None })
    }

    /// The docs root for an article: the nearest folder above it with a `docfx.json`, else the nearest with a `.git`,
    /// else the article's own folder. An article given by a relative path has its included files shown from the
    /// working directory too; one given by an absolute path, by theirs.
    pub fn for_article(article: &Path) -> std::io::Result<Self> {
        let shown_from = article.is_relative().then(|| std::env::current_dir().and_then(|dir| dir.canonicalize()).ok());
        let absolute = article.canonicalize()?;
        let folder = absolute.parent().unwrap_or(Path::new("/"));
        let root = ["docfx.json", ".git"]
            .iter()
            .find_map(|marker| folder.ancestors().find(|dir| dir.join(marker).exists()))
            .unwrap_or(folder);
        Ok(Self { shown_from: shown_from.flatten(), ..Self::new(root)? })
    }

    /// The docs root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The file `target` names, as written in a file at `from` (in either, `~/` is the docs root), and its path
    /// relative to the docs root; [`Loaded::Missing`] or [`Loaded::OutsideRoot`] when there is no such file below
    /// the root.
    pub fn locate(&self, from: &str, target: &str) -> Result<(PathBuf, String), Loaded> {
        let target = target.split(['?', '#']).next().unwrap_or_default();
        let from = match from.strip_prefix("~/") {
            Some(root_relative) => self.root.join(root_relative),
            None => PathBuf::from(from),
        };
        let candidate = match target.strip_prefix("~/") {
            Some(root_relative) => self.root.join(root_relative),
            None => from.parent().unwrap_or(Path::new("")).join(target),
        };
        let resolved = candidate.canonicalize().map_err(|_| Loaded::Missing)?;
        let relative = resolved.strip_prefix(&self.root).map_err(|_| Loaded::OutsideRoot)?;
        let relative = relative.to_string_lossy().replace('\\', "/");
        Ok((resolved, relative))
    }
}

impl IncludeSource for FileIncludes {
    fn load(&self, from: &str, target: &str) -> Loaded {
        let (resolved, relative) = match self.locate(from, target) {
            Ok(found) => found,
            Err(loaded) => return loaded,
        };
        // A file as large as no article is, is no include either: it is not read whole into memory.
        if fs::metadata(&resolved).is_ok_and(|metadata| metadata.len() > super::MAX_FILE_BYTES) {
            return Loaded::Unreadable(format!("it is larger than {} bytes", super::MAX_FILE_BYTES));
        }
        match fs::read(&resolved) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => Loaded::Found { file: relative, text },
                Err(_) => Loaded::Unreadable("it is not UTF-8 text".to_owned()),
            },
            Err(error) => Loaded::Unreadable(error.to_string()),
        }
    }

    fn shown(&self, file: &str) -> String {
        let path = self.root.join(file);
        let shown = self.shown_from.as_ref().and_then(|folder| relative(&path, folder)).unwrap_or(path);
        shown.to_string_lossy().replace('\\', "/")
    }
}
/// `path` relative to `folder` (both absolute and canonical), going up with `..` as far as needed; `None` when the two
/// share no folder but the root, where the absolute path says more.
fn relative(path: &Path, folder: &Path) -> Option<PathBuf> {
    let shared = path.components().zip(folder.components()).take_while(|(a, b)| a == b).count();
    if shared <= 1 {
        return None;
    }
    let up = folder.components().count() - shared;
    Some(std::iter::repeat_n(std::path::Component::ParentDir, up).chain(path.components().skip(shared)).collect())
}

/// Rewrites the relative links, images, `:::image`/`:::code` sources and raw HTML `href`/`src` values in `blocks`, read from the file included as
/// `include` (the path as the article writes it), to be relative to the article: docfx resolves them from the included
/// file's own folder (`../articles/x.md` in `includes/`), and the model's links are all the article's.
pub fn rebase_links(blocks: &mut [Block], include: &str) {
    let include = include.split(['?', '#']).next().unwrap_or_default();
    let Some((folder, _)) = include.rsplit_once('/') else { return };
    rebase_blocks(blocks, folder);
}

fn rebase_blocks(blocks: &mut [Block], folder: &str) {
    for block in blocks {
        match block {
            Block::Paragraph { inlines, .. } | Block::Heading { inlines, .. } => rebase_inlines(inlines, folder),
            Block::Html { html, .. } => rebase_html(html, folder),
            // An include's own includes were rebased on it: from there, on the article.
            Block::Include { resolved: Some(blocks), .. } => rebase_blocks(blocks, folder),
            Block::List { items, .. } => {
                for item in items {
                    rebase_blocks(&mut item.blocks, folder);
                }
            }
            Block::Table { head, rows, .. } => {
                for cell in head.iter_mut().chain(rows.iter_mut().flatten()) {
                    rebase_inlines(cell, folder);
                }
            }
            Block::Extension { attributes, blocks, .. } => {
                for attribute in attributes
                    .iter_mut()
                    .filter(|attribute| matches!(attribute.name.as_str(), "source" | "lightbox" | "link"))
                {
                    rebase(&mut attribute.value, folder);
                }
                rebase_blocks(blocks, folder);
            }
            other => {
                if let Some(blocks) = other.children_mut() {
                    rebase_blocks(blocks, folder);
                }
            }
        }
    }
}

fn rebase_inlines(inlines: &mut [Inline], folder: &str) {
    for inline in inlines {
        match inline {
            Inline::Link { target, children, .. } => {
                rebase(target, folder);
                rebase_inlines(children, folder);
            }
            Inline::Image { source, .. } => rebase(source, folder),
            Inline::Emphasis { children, .. } => rebase_inlines(children, folder),
            Inline::Include { resolved: Some(included), .. } => rebase_inlines(&mut included.inlines, folder),
            _ => {}
        }
    }
}

/// Prefixes a relative path `target` with `folder`, then drops the `x/..` pairs: `../admin/a.md` from `includes/`
/// becomes `admin/a.md`. Addresses, site paths (`/x`, `~/x`), fragments and schemes (`mailto:`) stay as written.
/// Rewrites the relative `href` and `src` values of the tags in `html` as [`rebase`] does: the links of raw HTML in an
/// include are the included file's as well.
fn rebase_html(html: &mut String, folder: &str) {
    let mut edits = Vec::new();
    let mut at = 0;
    while let Some(open) = html[at..].find('<').map(|open| at + open) {
        let end = super::html::tag_end(&html[open..]).map_or(html.len(), |end| open + end + 1);
        let attributes =
            super::html::parse_tag(&html[open..end]).into_iter().flat_map(|tag| tag.attributes_as_written());
        for (_, value) in
            attributes.filter(|(name, _)| name.eq_ignore_ascii_case("href") || name.eq_ignore_ascii_case("src"))
        {
            let mut rebased = value.to_owned();
            rebase(&mut rebased, folder);
            if rebased != value {
                // The value is a slice of `html`: where it starts is the distance between the two.
                let start = value.as_ptr() as usize - html.as_ptr() as usize;
                edits.push((start..start + value.len(), rebased));
            }
        }
        at = open + 1;
    }
    for (range, rebased) in edits.into_iter().rev() {
        html.replace_range(range, &rebased);
    }
}

fn rebase(target: &mut String, folder: &str) {
    let at = target.find(['?', '#']).unwrap_or(target.len());
    let path = &target[..at];
    let scheme = path.split_once(':').is_some_and(|(scheme, _)| !scheme.contains('/'));
    if path.is_empty() || path.starts_with(['/', '\\', '~']) || scheme {
        return;
    }
    *target = format!("{}{}", crate::report::join_relative(folder, path), &target[at..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_included_file_is_shown_relative_to_the_working_directory_up_to_the_root() {
        let relative = |path: &str, folder: &str| relative(Path::new(path), Path::new(folder));
        assert_eq!(relative("/docs/repo/includes/x.md", "/docs/repo"), Some(PathBuf::from("includes/x.md")));
        assert_eq!(
            relative("/docs/repo/includes/x.md", "/docs/repo/articles/sub"),
            Some(PathBuf::from("../../includes/x.md"))
        );
        assert_eq!(relative("/tmp/includes/x.md", "/work/main"), None, "only the root is shared");
    }

    fn rebased(target: &str, include: &str) -> String {
        let mut target = target.to_owned();
        let folder = include.rsplit_once('/').map_or("", |(folder, _)| folder);
        rebase(&mut target, folder);
        target
    }

    #[test]
    fn the_links_of_raw_html_in_an_include_are_rebased_too() {
        let mut html = "<table><tr><td><a href=\"../articles/other.md\">x</a> <img src='media/a.png' alt=\"../no\">\
                        <a href=\"https://learn.microsoft.com/a\">y</a><a href=#top>z</a></td></tr></table>"
            .to_owned();
        rebase_html(&mut html, "includes");
        assert_eq!(
            html,
            "<table><tr><td><a href=\"articles/other.md\">x</a> <img src='includes/media/a.png' alt=\"../no\">\
             <a href=\"https://learn.microsoft.com/a\">y</a><a href=#top>z</a></td></tr></table>"
        );
    }

    #[test]
    fn relative_paths_in_an_include_are_rebased_on_the_article() {
        assert_eq!(rebased("../admin/add-users.md", "includes/a.md"), "admin/add-users.md");
        assert_eq!(
            rebased("../articles/storage/x.md#create", "../../includes/a.md"),
            "../../articles/storage/x.md#create"
        );
        assert_eq!(rebased("media/screen.png", "includes/a.md"), "includes/media/screen.png");
        assert_eq!(rebased("./b.md?view=x", "./includes/a.md"), "includes/b.md?view=x");
        assert_eq!(rebased("../admin/a.md", "~/includes/a.md"), "~/admin/a.md");
        assert_eq!(rebased("../../a.md", "~/includes/a.md"), "~/../a.md", "nothing climbs above the docs root");
    }

    #[test]
    fn includes_are_read_below_the_docs_root_and_only_if_they_can_be_articles() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("docs");
        std::fs::create_dir_all(root.join("includes")).unwrap();
        std::fs::write(root.join("includes/a.md"), "Text.\n").unwrap();
        std::fs::write(root.join("includes/latin1.md"), b"caf\xe9\n").unwrap();
        std::fs::write(dir.path().join("outside.md"), "Secret.\n").unwrap();
        // Sparse: no disk is filled, the size alone is over the limit.
        std::fs::File::create(root.join("includes/huge.md"))
            .unwrap()
            .set_len(super::super::MAX_FILE_BYTES + 1)
            .unwrap();
        let includes = FileIncludes::new(&root).unwrap();
        let article = root.join("article.md").display().to_string();
        let found = Loaded::Found { file: "includes/a.md".to_owned(), text: "Text.\n".to_owned() };
        assert_eq!(includes.load(&article, "includes/a.md"), found);
        let deeper = root.join("sub/article.md").display().to_string();
        assert_eq!(includes.load(&deeper, "~/includes/a.md"), found, "`~/` is the docs root");
        assert_eq!(includes.load(&article, "includes/none.md"), Loaded::Missing);
        assert_eq!(includes.load(&article, "../outside.md"), Loaded::OutsideRoot);
        let latin1 = includes.load(&article, "includes/latin1.md");
        assert_eq!(latin1, Loaded::Unreadable("it is not UTF-8 text".to_owned()));
        let huge = includes.load(&article, "includes/huge.md");
        assert_eq!(huge, Loaded::Unreadable("it is larger than 16777216 bytes".to_owned()));
    }

    #[test]
    fn addresses_site_paths_and_fragments_stay_as_written() {
        for target in ["https://learn.microsoft.com/x", "/azure/x", "~/admin/x.md", "#step-1", "mailto:a@b.c", ""] {
            assert_eq!(rebased(target, "includes/a.md"), target);
        }
    }
}
