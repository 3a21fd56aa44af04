//! `stale-source`: was the translation made from the source as it is now?
//!
//! `ms.openlocfilehash` is the SHA-1 of the bytes of the English file the translation was made from, as the
//! localization side checked it out: with CRLF line ends in repositories whose `.gitattributes` says `text=auto`,
//! else as stored (verified on the shared corpus: 821 of 821 files). Hashing the current English file as it is, with
//! LF and with CRLF line ends, proves "made from exactly this text" or "the English changed since" without git. The
//! bytes hashed are those of the file's own encoding: a UTF-16 file is hashed as UTF-16, not as the UTF-8 text it was
//! decoded to.
//!
//! With `--git`, the English file's history adds how far behind the translation is: the commits that changed the
//! file since `ms.sourcegitcommit` and their line counts, and as the finding's note the diff of the file since that
//! commit (its first [`CHANGED_LINES_SHOWN`] added or removed lines), read with the `git` command.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use sha1::{Digest, Sha1};

use super::document::Document;
use super::rules::Rule;
use super::suppress;
use super::{Languages, SyncError};
use crate::parse::Encoding;
use crate::report::Diagnostic;

/// How many commit subjects a finding lists.
const COMMITS_SHOWN: usize = 3;
/// How many added or removed lines of the diff a finding's note shows: enough to see what to re-translate, short
/// enough for a CI annotation.
pub const CHANGED_LINES_SHOWN: usize = 40;

/// Whether `hash` (hexadecimal) is the SHA-1 of `text` stored in `encoding` as it is, with LF line ends or with CRLF
/// line ends. The bytes are hashed in the file's own encoding: a UTF-16 source is hashed as UTF-16.
///
/// A source that only gained checkdown's own suppression comments since the hand-off is still the one translated:
/// those comments are for checkdown, not for readers, so they never make a translation stale.
pub fn made_from(text: &str, encoding: Encoding, hash: &str) -> bool {
    let hash = hash.trim().to_ascii_lowercase();
    let hashed = |text: &str| line_end_forms(text).into_iter().any(|form| sha1_hex(text, form, encoding) == hash);
    hashed(text) || before_suppressions(text).iter().any(|earlier| hashed(earlier))
}

/// The line ends `text` may have been hashed with, each giving other bytes: CRLF first (localization repositories
/// check English out that way, and it is usually the one), then LF, then as they are when that is neither (mixed, or
/// lone CRs). `None` stands for "as they are".
fn line_end_forms(text: &str) -> Vec<Option<&'static str>> {
    let bytes = text.as_bytes();
    let carriage_returns = memchr::memchr_iter(b'\r', bytes).count();
    let as_they_are_differ = carriage_returns > 0
        && (carriage_returns != memchr::memchr_iter(b'\n', bytes).count()
            || memchr::memmem::find_iter(bytes, "\r\n").count() != carriage_returns);
    let mut forms = vec![Some("\r\n"), Some("\n")];
    if as_they_are_differ {
        forms.push(None);
    }
    forms
}

/// What `text` may have been before its checkdown directive comments were added, in the ways an editor adds one:
/// the comment's line alone, with a blank line after it, or with a blank line before it. Empty without comments.
fn before_suppressions(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let comments: Vec<usize> = (0..lines.len()).filter(|&at| suppress::is_directive_line(lines[at])).collect();
    if comments.is_empty() {
        return Vec::new();
    }
    let blank = |at: usize| lines.get(at).is_some_and(|line| line.trim().is_empty());
    let added_with: [fn(usize) -> Option<usize>; 3] =
        [|_| None, |comment| Some(comment + 1), |comment| comment.checked_sub(1)];
    added_with
        .into_iter()
        .map(|blank_beside| {
            let mut added = vec![false; lines.len()];
            for &comment in &comments {
                added[comment] = true;
                if let Some(beside) = blank_beside(comment).filter(|&beside| blank(beside)) {
                    added[beside] = true;
                }
            }
            lines.iter().zip(&added).filter(|(_, added)| !**added).map(|(line, _)| *line).collect()
        })
        .collect()
}

/// The SHA-1 of `text` stored in `encoding` with its line ends written as `line_end` (`None`: as they are), in
/// lower-case hexadecimal: what `ms.openlocfilehash` holds. A UTF-8 text is hashed line by line, never copied.
fn sha1_hex(text: &str, line_end: Option<&str>, encoding: Encoding) -> String {
    let digest = match (encoding, line_end) {
        (Encoding::Utf8, None) => Sha1::digest(text),
        (Encoding::Utf8, Some(line_end)) => {
            let mut hasher = Sha1::new();
            for_each_line(text, line_end, |part| hasher.update(part));
            hasher.finalize()
        }
        (_, None) => Sha1::digest(encoding.encode(text)),
        (_, Some(line_end)) => {
            let mut converted = String::with_capacity(text.len() + text.len() / 32);
            for_each_line(text, line_end, |part| converted.push_str(part));
            Sha1::digest(encoding.encode(&converted))
        }
    };
    digest.iter().fold(String::with_capacity(40), |mut hex, byte| {
        let _ = write!(hex, "{byte:02x}");
        hex
    })
}

/// Feeds `out` the parts of `text` with every line end (LF or CRLF) written as `line_end`.
fn for_each_line(text: &str, line_end: &str, mut out: impl FnMut(&str)) {
    let mut from = 0;
    for at in memchr::memchr_iter(b'\n', text.as_bytes()) {
        let line = &text[from..at];
        out(line.strip_suffix('\r').unwrap_or(line));
        out(line_end);
        from = at + 1;
    }
    out(&text[from..]);
}

/// Reports `target` when it was translated from another version of `source`. `history` is the source repository
/// and the source file in it, with `--git`.
pub fn check(
    source: &Document,
    target: &Document,
    history: Option<(&Repository, &Path)>,
    languages: &Languages,
    sink: &mut Vec<Diagnostic>,
) {
    let front_matter = &target.article.front_matter;
    let hash = front_matter.open_loc_file_hash();
    if hash.as_deref().is_some_and(|hash| made_from(&source.text, source.encoding, hash)) {
        return;
    }
    // The history is read only for translations the hash does not prove fresh.
    let commit = front_matter.source_git_commit();
    let behind = match (history, &commit) {
        (Some((repository, file)), Some(commit)) => Some(repository.changes_since(commit, file)),
        _ => None,
    };
    // A hash that is no SHA-1 at all is a `loc-metadata` finding, not a sign of an older source.
    let well_formed = hash.as_deref().is_some_and(|hash| super::front_matter::is_hex(hash, 40));
    let (anchor, message) = match (front_matter.entry("ms.openlocfilehash").filter(|_| well_formed), &behind) {
        (Some(entry), _) => (
            entry.line,
            format!(
                "the {} file was translated from another version of the {} file: `ms.openlocfilehash` is not the \
                 SHA-1 of the {} file as it is now (with LF or CRLF line ends)",
                languages.target, languages.source, languages.source
            ),
        ),
        (None, Some(Changes::Behind { commits, .. })) if *commits > 0 => (
            front_matter.entry("ms.sourcegitcommit").map_or(1, |entry| entry.line),
            format!(
                "the {} file was translated from an older version of the {} file",
                languages.target, languages.source
            ),
        ),
        _ => return,
    };
    // What to write once the translation is brought up to date, so the translator need not hash the file; in the
    // CRLF form, as localization repositories check the English out and write the hash.
    let to_write = well_formed.then(|| {
        format!(
            "when the {} file is up to date with the {} file as it is now, set `ms.openlocfilehash: {}`",
            languages.target,
            languages.source,
            sha1_hex(&source.text, Some("\r\n"), source.encoding)
        )
    });
    // The history goes in the note, not the message: the message names the finding across runs (a baseline's
    // fingerprint), and the history moves on with every English commit.
    let (history, diff) = match (&behind, &commit) {
        (Some(behind), Some(commit)) => {
            (Some(behind.describe(commit, &languages.source)), behind.note(commit, &languages.source))
        }
        _ => (None, None),
    };
    let note: Vec<String> = [to_write, history, diff].into_iter().flatten().collect();
    let mut diagnostic = Rule::StaleSource.diagnostic(target.line(anchor), message).with_source(source.whole());
    if !note.is_empty() {
        diagnostic = diagnostic.with_note(note.join("\n"));
    }
    sink.push(diagnostic);
}

/// A git repository holding the source files.
#[derive(Debug, Clone)]
pub struct Repository {
    root: PathBuf,
    /// A shallow clone: commits older than its depth are unknown to it.
    shallow: bool,
}

/// What the history says about a source file since a commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Changes {
    /// The commit is not in the repository's history (or is not a commit id).
    UnknownCommit {
        /// Whether the repository is a shallow clone, whose history stops short (CI checkouts often are).
        shallow: bool,
    },
    /// The file's history since the commit.
    Behind {
        /// How many commits changed the file.
        commits: usize,
        /// Lines added in all.
        added: usize,
        /// Lines removed in all.
        removed: usize,
        /// `abbreviated-id subject` of each commit, newest first.
        subjects: Vec<String>,
        /// The diff's hunks (`@@` lines, context, added and removed lines) up to [`CHANGED_LINES_SHOWN`] changed
        /// lines, then `… N more changed lines` when there are more.
        diff: Vec<String>,
    },
}

impl Repository {
    /// The repository that holds `path` (a file or a directory).
    pub fn discover(path: &Path) -> Result<Self, SyncError> {
        let folder = if path.is_dir() { path } else { path.parent().unwrap_or(Path::new(".")) };
        let folder = if folder.as_os_str().is_empty() { Path::new(".") } else { folder };
        let output =
            Command::new("git").arg("-C").arg(folder).args(["rev-parse", "--show-toplevel"]).output().map_err(
                |source| SyncError::Git { path: path.to_owned(), message: format!("cannot run git: {source}") },
            )?;
        if !output.status.success() {
            let message = String::from_utf8_lossy(&output.stderr).trim().to_owned();
            return Err(SyncError::Git { path: path.to_owned(), message });
        }
        let root = PathBuf::from(String::from_utf8_lossy(&output.stdout).trim());
        let mut repository = Self { root, shallow: false };
        repository.shallow =
            repository.git(&["rev-parse", "--is-shallow-repository"]).is_some_and(|answer| answer == "true");
        Ok(repository)
    }

    /// How `file` changed between `commit` and `HEAD`.
    pub fn changes_since(&self, commit: &str, file: &Path) -> Changes {
        // Only a commit id reaches git: a front matter value must never be read as an option.
        let unknown = Changes::UnknownCommit { shallow: self.shallow };
        if !(4..=40).contains(&commit.len()) || !commit.bytes().all(|byte| byte.is_ascii_hexdigit()) {
            return unknown;
        }
        let Some(relative) = self.relative(file) else { return unknown };
        let verified = self.git(&["rev-parse", "--verify", "--quiet", &format!("{commit}^{{commit}}")]);
        if verified.is_none_or(|id| id.is_empty()) {
            return unknown;
        }
        let range = format!("{commit}..HEAD");
        let log = self.git(&["log", "--format=%h %s", &range, "--", &relative]).unwrap_or_default();
        let subjects: Vec<String> = log.lines().map(str::to_owned).collect();
        // No colour and no external diff tool, whatever the user's git configuration says: the hunks are read here.
        let diff =
            self.git(&["diff", "--no-color", "--no-ext-diff", commit, "HEAD", "--", &relative]).unwrap_or_default();
        // The file's header lines (`diff --git`, `index`, `---`, `+++`) come before its first hunk.
        let hunks: Vec<&str> = diff.lines().skip_while(|line| !line.starts_with("@@")).collect();
        let changed = |mark: char| hunks.iter().filter(|line| line.starts_with(mark)).count();
        let (added, removed) = (changed('+'), changed('-'));
        Changes::Behind { commits: subjects.len(), added, removed, subjects, diff: capped(&hunks) }
    }

    /// `file` relative to the repository root, `/`-separated.
    fn relative(&self, file: &Path) -> Option<String> {
        let root = self.root.canonicalize().ok()?;
        let file = file.canonicalize().ok()?;
        let relative = file.strip_prefix(root).ok()?;
        Some(relative.components().map(|part| part.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"))
    }

    /// Standard output of a successful git command run in the repository.
    fn git(&self, args: &[&str]) -> Option<String> {
        let output = Command::new("git").arg("-C").arg(&self.root).args(args).output().ok()?;
        output.status.success().then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
    }
}

/// The first 7 characters of `commit`, as git abbreviates ids. Characters, not bytes: the value comes from front
/// matter and may be anything.
fn abbreviated(commit: &str) -> &str {
    commit.char_indices().nth(7).map_or(commit, |(end, _)| &commit[..end])
}

/// The lines of `hunks` up to the [`CHANGED_LINES_SHOWN`]th added or removed line, then `… N more changed lines`
/// when more follow.
fn capped(hunks: &[&str]) -> Vec<String> {
    let is_change = |line: &str| line.starts_with(['+', '-']);
    let mut shown = Vec::new();
    let mut changes_shown = 0;
    for (index, line) in hunks.iter().enumerate() {
        if changes_shown == CHANGED_LINES_SHOWN {
            let more = hunks[index..].iter().filter(|line| is_change(line)).count();
            if more > 0 {
                shown.push(format!("… {}", crate::report::plural(more, "more changed line")));
            }
            break;
        }
        changes_shown += usize::from(is_change(line));
        shown.push((*line).to_owned());
    }
    shown
}

impl Changes {
    /// One line saying what changed since `commit`, for a finding's note.
    fn describe(&self, commit: &str, source: &str) -> String {
        let short = abbreviated(commit);
        match self {
            Changes::UnknownCommit { shallow: false } => {
                format!("`ms.sourcegitcommit` {short} is not in the history of the {source} repository")
            }
            Changes::UnknownCommit { shallow: true } => format!(
                "`ms.sourcegitcommit` {short} is not in the history of the {source} repository, a shallow clone: \
                 fetch its whole history (`git fetch --unshallow`; in GitHub Actions, checkout with `fetch-depth: 0`)"
            ),
            Changes::Behind { commits: 0, .. } => {
                format!("no commit changed the {source} file since `ms.sourcegitcommit` {short}")
            }
            Changes::Behind { commits, added, removed, subjects, .. } => {
                let mut text = format!(
                    "{} changed the {source} file since `ms.sourcegitcommit` {short} (+{added} −{removed} lines): {}",
                    crate::report::plural(*commits, "commit"),
                    subjects.iter().take(COMMITS_SHOWN).map(String::as_str).collect::<Vec<_>>().join("; ")
                );
                if subjects.len() > COMMITS_SHOWN {
                    text.push_str("; …");
                }
                text
            }
        }
    }

    /// What changed in the file since `commit`, as a finding's note: the capped diff under a line naming the commit.
    fn note(&self, commit: &str, source: &str) -> Option<String> {
        let Changes::Behind { diff, .. } = self else { return None };
        if diff.is_empty() {
            return None;
        }
        let short = abbreviated(commit);
        Some(format!("what changed in the {source} file since `ms.sourcegitcommit` {short}:\n{}", diff.join("\n")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex_sha1(bytes: &[u8]) -> String {
        Sha1::digest(bytes).iter().map(|byte| format!("{byte:02x}")).collect()
    }

    #[test]
    fn mixed_line_ends_and_lone_carriage_returns_are_rewritten_as_git_would() {
        let mixed = "a\r\nb\nc\rd\n";
        for form in ["a\r\nb\r\nc\rd\r\n", mixed, "a\nb\nc\rd\n"] {
            assert!(made_from(mixed, Encoding::Utf8, &hex_sha1(form.as_bytes())), "{form:?}");
        }
        assert!(!made_from(mixed, Encoding::Utf8, &hex_sha1(b"a\nb\nc\nd\n")));
        assert!(made_from("no line end", Encoding::Utf8, &hex_sha1(b"no line end")));
    }

    #[test]
    fn hashes_match_as_is_with_lf_or_with_crlf() {
        let lf = "---\ntitle: x\n---\n# X\n";
        let hash = hex_sha1(lf.as_bytes());
        assert!(made_from(lf, Encoding::Utf8, &hash));
        assert!(made_from(&lf.replace('\n', "\r\n"), Encoding::Utf8, &hash));
        let crlf_hash = hex_sha1(lf.replace('\n', "\r\n").as_bytes());
        assert!(made_from(lf, Encoding::Utf8, &crlf_hash.to_uppercase()));
        assert!(!made_from("---\ntitle: y\n---\n# X\n", Encoding::Utf8, &hash));
    }

    #[test]
    fn suppression_comments_added_to_the_source_keep_its_translation_fresh() {
        let handed_off = "# Title\n\nGo to the **Microsoft 365 admin center**.\n\n## Next\n\nText.\n";
        let hash = hex_sha1(handed_off.as_bytes());
        let alone = "# Title\n\n<!-- checkdown-ignore untranslated -->\nGo to the **Microsoft 365 admin center**.\n\n## \
                     Next\n\nText.\n";
        let with_blank_after = "# Title\n\n<!-- CHECKDOWN-IGNORE-FILE link-mismatch -->\n\nGo to the **Microsoft 365 \
                                admin center**.\n\n## Next\n\nText.\n";
        let with_blank_before = "# Title\n\nGo to the **Microsoft 365 admin center**.\n\n## Next\n\nText.\n\n<!-- \
                                 checkdown-ignore-file -->\n";
        for source in [alone, with_blank_after, with_blank_before] {
            assert!(made_from(source, Encoding::Utf8, &hash), "{source:?}");
            assert!(made_from(&source.replace('\n', "\r\n"), Encoding::Utf8, &hash), "{source:?} with CRLF");
        }
        let other_comment = alone.replace("checkdown-ignore untranslated", "a writer's note");
        let reworded = alone.replace("Go to", "Open");
        for source in [other_comment, reworded] {
            assert!(!made_from(&source, Encoding::Utf8, &hash), "{source:?}");
        }
    }

    #[test]
    fn a_utf16_source_is_hashed_as_the_bytes_stored() {
        let utf16_le = |text: &str| -> Vec<u8> {
            [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect()
        };
        let lf = "---\ntitle: Fermer le compte\n---\n# Close your account\n";
        let folder = tempfile::tempdir().unwrap();
        let file = folder.path().join("a.md");
        std::fs::write(&file, utf16_le(lf)).unwrap();
        let read = crate::parse::read_decoded(&file).unwrap();
        let source = Document::new("en-us/a.md", "a.md", read.text).stored_as(read.encoding);
        let (as_stored, with_crlf) = (hex_sha1(&utf16_le(lf)), hex_sha1(&utf16_le(&lf.replace('\n', "\r\n"))));
        assert!(made_from(&source.text, source.encoding, &as_stored));
        assert!(made_from(&source.text, source.encoding, &with_crlf));
        assert!(!made_from(&source.text, source.encoding, &hex_sha1(lf.as_bytes())), "not the UTF-8 text's hash");
    }

    #[test]
    fn the_diff_stops_after_its_first_changed_lines() {
        let hunks: Vec<String> = std::iter::once("@@ -1,3 +1,50 @@".to_owned())
            .chain(std::iter::once(" context".to_owned()))
            .chain((1..=45).map(|number| format!("+added {number}")))
            .chain(["-removed".to_owned(), " context".to_owned()])
            .collect();
        let hunks: Vec<&str> = hunks.iter().map(String::as_str).collect();
        let shown = capped(&hunks);
        assert_eq!(shown.len(), 2 + CHANGED_LINES_SHOWN + 1);
        assert_eq!(shown[shown.len() - 2], format!("+added {CHANGED_LINES_SHOWN}"));
        assert_eq!(shown[shown.len() - 1], "… 6 more changed lines");
        assert_eq!(capped(&hunks[..10]), hunks[..10]);
    }

    #[test]
    fn odd_commit_values_are_described_without_panicking() {
        let message = Changes::UnknownCommit { shallow: false }.describe("ééééééééé", "English");
        assert!(message.contains("`ms.sourcegitcommit` ééééééé is not in the history"), "{message}");
        let shallow = Changes::UnknownCommit { shallow: true }.describe("0123abcd", "English");
        assert!(shallow.ends_with("a shallow clone: fetch its whole history (`git fetch --unshallow`; in GitHub Actions, checkout with `fetch-depth: 0`)"), "{shallow}");
    }

    #[test]
    fn commit_ids_are_validated_before_git_sees_them() {
        let repository = Repository { root: PathBuf::from("."), shallow: false };
        let unknown = Changes::UnknownCommit { shallow: false };
        assert_eq!(repository.changes_since("--output=/tmp/x", Path::new("Cargo.toml")), unknown);
        assert_eq!(repository.changes_since("", Path::new("Cargo.toml")), unknown);
    }
}
