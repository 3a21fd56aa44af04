//! One module per subcommand: each takes a validated job from [`cli`](crate::cli) and runs it.

pub mod parse;
pub mod render;
pub mod sync;
pub mod verify;

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use crate::model::Article;
use crate::parse::{
    NoIncludes, ParseOptions, Parsed, ReadError, STDIN_NAME, StandardInput, parse, parse_file, read_stdin,
};

/// Refuses an existing `-o` file unless `replace`: a report never overwrites a user's file by surprise. A device or a
/// pipe (`/dev/null`, `/dev/stdout`) is written to, not replaced, so it needs no `--force`.
pub fn check_output(path: &Path, replace: bool) -> anyhow::Result<()> {
    if path.exists() && !replace && !is_stream(path) {
        bail!("{} already exists; pass --force to replace it, or -o to write elsewhere", path.display());
    }
    Ok(())
}

/// Writes `bytes` to `path` through a temporary file in the same folder, so a failure never leaves half a file, and
/// never replaces an existing file unless `replace` ([`check_output`]). A device or a pipe is written to directly:
/// renaming a file over `/dev/null` would replace the device.
pub fn write_file(path: &Path, bytes: &[u8], replace: bool) -> anyhow::Result<()> {
    check_output(path, replace)?;
    if is_stream(path) {
        return std::fs::write(path, bytes).with_context(|| format!("cannot write {}", path.display()));
    }
    let folder = folder_of(path);
    let temporary = folder.join(format!(
        ".{}.checkdown-{}.tmp",
        path.file_name().map(|name| name.to_string_lossy()).unwrap_or_default(),
        std::process::id()
    ));
    std::fs::write(&temporary, bytes).with_context(|| format!("cannot write {}", path.display()))?;
    if let Err(error) = std::fs::rename(&temporary, path) {
        let _ = std::fs::remove_file(&temporary);
        return Err(error).with_context(|| format!("cannot write {}", path.display()));
    }
    Ok(())
}

/// Refuses to write `path` over an article the run reads, `--force` or not: `--force` replaces earlier output, never
/// an article. A folder among `inputs` holds the Markdown files under it that are not hidden. (The files an article
/// includes are not among `inputs`.)
pub fn check_not_input<'a>(path: &Path, inputs: impl IntoIterator<Item = &'a Path>) -> anyhow::Result<()> {
    // A file yet to be written is where its folder is.
    let folder = folder_of(path);
    let (Ok(folder), Some(name)) = (std::fs::canonicalize(folder), path.file_name()) else { return Ok(()) };
    let written = std::fs::canonicalize(path).unwrap_or_else(|_| folder.join(name));
    let markdown = written.extension().is_some_and(|extension| extension.eq_ignore_ascii_case("md"));
    for input in inputs {
        let Ok(read) = std::fs::canonicalize(input) else { continue };
        if read == written {
            bail!("{}: this run reads that file, so its output is not written there; write elsewhere", path.display());
        }
        // The folders are read as `sync` lists them: hidden names left out.
        let listed = written
            .strip_prefix(&read)
            .is_ok_and(|inside| inside.components().all(|part| !part.as_os_str().to_string_lossy().starts_with('.')));
        if markdown && read.is_dir() && listed {
            bail!(
                "{}: a Markdown file in {}, whose articles this run reads (and the next would read the report as \
                 one); write elsewhere",
                path.display(),
                input.display()
            );
        }
    }
    Ok(())
}

/// The folder `path` is in: `.` for a bare file name.
fn folder_of(path: &Path) -> &Path {
    path.parent().filter(|folder| !folder.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

/// Whether `path` is something other than a file or a folder: a device or a pipe.
fn is_stream(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|metadata| !metadata.is_file() && !metadata.is_dir())
}

/// One article to read: bundled, a file, or standard input.
#[derive(Debug)]
pub enum Input {
    /// A bundled article.
    Bundled {
        /// Its path under `content/`.
        path: String,
        /// Its text.
        text: &'static str,
        /// Where it lives on Learn.
        learn_path: String,
    },
    /// A file the user named.
    File(PathBuf),
    /// Standard input (`-`), read when the article is parsed. It has no folder: no includes or images are read.
    Stdin,
}

impl Input {
    /// The input `path` names: standard input for `-`, else that file.
    pub fn given(path: PathBuf) -> Self {
        if path.as_os_str() == "-" { Input::Stdin } else { Input::File(path) }
    }

    /// The name of `article`, read from this input: its file's name without extension, or for standard input, which
    /// has no file name, its title's slug, as its page would be named (`close-your-account`); else `checklist`.
    pub fn name(&self, article: &Article) -> String {
        let name = match self {
            Input::Stdin => Some(crate::parse::ids::slug(&article.title)),
            _ => self.path().file_stem().map(|stem| stem.to_string_lossy().into_owned()),
        };
        name.filter(|name| !name.is_empty()).unwrap_or_else(|| "checklist".to_owned())
    }

    /// Reads and parses the article: a file's includes are read below its docs root; a bundled article has none, and
    /// standard input's are each a warning, as it lies in no folder.
    ///
    /// # Errors
    ///
    /// The file or standard input cannot be read as an article.
    pub fn parse(&self, options: &ParseOptions) -> Result<Parsed, ReadError> {
        match self {
            Input::Bundled { path, text, .. } => Ok(parse(path, text, options, &NoIncludes)),
            Input::File(path) => parse_file(path, options),
            Input::Stdin => Ok(parse(STDIN_NAME, &read_stdin()?, options, &StandardInput)),
        }
    }

    /// The article's path: the file as given, the bundled path under `content/`, or `<stdin>`.
    pub fn path(&self) -> &Path {
        match self {
            Input::Bundled { path, .. } => Path::new(path),
            Input::File(path) => path,
            Input::Stdin => Path::new(STDIN_NAME),
        }
    }
}
