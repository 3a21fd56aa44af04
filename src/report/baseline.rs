//! A baseline: the findings a team has accepted for now, read back from a report written earlier in the JSON format
//! (`checkdown sync … --format json -o baseline.json`). Turning the sync gate on over a large documentation set then
//! fails a build on new drift only, while the old findings are worked off.
//!
//! A finding is known by its [`fingerprint`]: its rule, its file, the text it points at and its message, not its line.
//! Its file is named from the top folder of the git repository checkdown runs in ([`Repository`]), so a baseline
//! written in one folder of a repository is read in any other.
//! Lines move as files are edited; the text a finding points at changes only when that text is edited, and its
//! message when the drift does (a list missing one more item, another number): either deserves a new look. Messages
//! name no line and nothing that moves by itself (how far behind the English history is goes in the note). Each
//! finding of the baseline accounts for one finding of a run, so a second finding like a known one is still reported.
//! A file moved or renamed keeps its findings: those of a file that no longer exists are looked for in the files the
//! baseline names nothing in, hashed as if they were still at the old path ([`Baseline::filter`]).

use std::collections::{BTreeSet, HashMap, HashSet};

use serde::Deserialize;
use sha1::{Digest, Sha1};

use super::{Diagnostic, Repository, SourceFiles, repository_path};

/// How much of the text a finding points at its fingerprint hashes: more than the longest line of the 603 articles of
/// the shared corpus (5,281 characters), so that real findings hash their whole text, while many findings on one huge
/// line cost no more each than one on a long line.
pub const MAX_FINGERPRINT_CHARACTERS: usize = 8_000;

/// What identifies a finding across runs: a hash of its rule, its path (from the top folder of `repository`, the one
/// checkdown runs in, if any), the text its span starts with (up to the end of that line, at most
/// [`MAX_FINGERPRINT_CHARACTERS`], white space folded) and its message, as 16 hexadecimal digits. A finding about a
/// whole file hashes no text.
pub fn fingerprint(diagnostic: &Diagnostic, files: &SourceFiles, repository: Option<&Repository>) -> String {
    let path = repository_path(repository, &diagnostic.location.path);
    fingerprint_at(diagnostic, &pointed_text(diagnostic, files), &path)
}

/// The text the span of `diagnostic` starts with, up to the end of that line, at most [`MAX_FINGERPRINT_CHARACTERS`],
/// white space folded; empty for a finding about a whole file.
fn pointed_text(diagnostic: &Diagnostic, files: &SourceFiles) -> String {
    let location = &diagnostic.location;
    let text = location.span.and_then(|span| {
        let from = usize::try_from(span.column).ok()?.saturating_sub(1);
        let to = match usize::try_from(span.end_column).ok()? {
            end_column if span.end_line == span.line && end_column > 0 => end_column - 1,
            _ => usize::MAX,
        };
        files.characters(&location.path, span.line, from, to.min(from.saturating_add(MAX_FINGERPRINT_CHARACTERS)))
    });
    text.unwrap_or_default().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The [`fingerprint`] of `diagnostic`, pointing at `text` (as [`pointed_text`] gives it), in the file at `path`.
fn fingerprint_at(diagnostic: &Diagnostic, text: &str, path: &str) -> String {
    let mut hash = Sha1::new();
    let message = diagnostic.stable_message.as_ref().unwrap_or(&diagnostic.message);
    for part in [diagnostic.rule.as_str(), path, text, message] {
        hash.update(part.as_bytes());
        hash.update([0]);
    }
    hash.finalize().iter().take(8).map(|byte| format!("{byte:02x}")).collect()
}

/// The findings of a baseline, counted by fingerprint, and the files they are in, named as fingerprints name them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    /// How many findings of each fingerprint, and their file.
    known: HashMap<String, (usize, String)>,
    paths: BTreeSet<String>,
}

/// The part of a JSON report a baseline reads.
#[derive(Deserialize)]
struct Report {
    diagnostics: Vec<Finding>,
    /// Where in its repository the report was written; present, `null` outside one. Reports written before it was
    /// there hashed paths as shown, and are refused.
    #[serde(deserialize_with = "Option::deserialize")]
    repository_folder: Option<String>,
}

#[derive(Deserialize)]
struct Finding {
    path: String,
    fingerprint: String,
}

/// What applying a baseline to a run's findings gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filtered {
    /// The findings the baseline does not hold, in their order.
    pub new: Vec<Diagnostic>,
    /// How many findings the baseline held and were left out, those of [`Self::moved`] included.
    pub known: usize,
    /// How many of them the baseline holds in a file that no longer exists, and were found in a file it names nothing
    /// in: the file was moved or renamed, and the baseline still names it by its old path.
    pub moved: usize,
    /// How many findings the baseline holds, in the files compared, that the run did not find: drift fixed since. Left
    /// in the baseline, each would let the same finding come back unreported.
    pub fixed: usize,
    /// How many findings the baseline holds in files that no longer exist, that no moved file accounts for.
    pub gone: usize,
}

impl Baseline {
    /// Reads a JSON report as written by `--format json`, for a run in `repository` (if any).
    ///
    /// # Errors
    ///
    /// The text is not such a report; the error names the line and column.
    pub fn from_json(text: &str, repository: Option<&Repository>) -> Result<Self, serde_json::Error> {
        let report: Report = serde_json::from_str(text)?;
        let mut baseline = Self::default();
        for finding in report.diagnostics {
            let path = match (repository, &report.repository_folder) {
                (Some(repository), Some(folder)) => repository.relative(folder, &finding.path),
                _ => finding.path,
            };
            baseline.known.entry(finding.fingerprint).or_insert((0, path.clone())).0 += 1;
            baseline.paths.insert(path);
        }
        Ok(baseline)
    }

    /// How many findings the baseline holds.
    pub fn len(&self) -> usize {
        self.known.values().map(|(count, _)| count).sum()
    }

    /// True when the baseline holds no finding.
    pub fn is_empty(&self) -> bool {
        self.known.is_empty()
    }

    /// The paths of the files the baseline's findings are in: from the top folder of the repository it was written in,
    /// or as reported outside one.
    pub fn paths(&self) -> &BTreeSet<String> {
        &self.paths
    }

    /// `diagnostics` without those the baseline holds; `files` holds the texts they point into, `repository` is the
    /// one checkdown runs in, and `compared` is every file the run compared, named as [`Self::paths`] names them,
    /// for counting what was fixed. `exists` tells whether a file the baseline names (as [`Self::paths`] does) is
    /// still there: the findings of one that is not may be found in a file the baseline names nothing in, which is the
    /// same file moved or renamed.
    pub fn filter(
        &self,
        diagnostics: Vec<Diagnostic>,
        files: &SourceFiles,
        repository: Option<&Repository>,
        compared: &HashSet<String>,
        exists: impl Fn(&str) -> bool,
    ) -> Filtered {
        let gone: Vec<&String> =
            self.paths.iter().filter(|path| !compared.contains(*path) && !exists(path.as_str())).collect();
        let mut left = self.known.clone();
        let mut take = |fingerprint: &str| match left.get_mut(fingerprint) {
            Some((count, _)) if *count > 0 => {
                *count -= 1;
                true
            }
            _ => false,
        };
        let (mut known, mut moved) = (0, 0);
        let new = diagnostics
            .into_iter()
            .filter(|diagnostic| {
                let path = repository_path(repository, &diagnostic.location.path);
                let text = pointed_text(diagnostic, files);
                if take(&fingerprint_at(diagnostic, &text, &path)) {
                    known += 1;
                    return false;
                }
                let in_new_file = !self.paths.contains(path.as_ref());
                if in_new_file && gone.iter().any(|gone| take(&fingerprint_at(diagnostic, &text, gone))) {
                    (known, moved) = (known + 1, moved + 1);
                    return false;
                }
                true
            })
            .collect();
        let left_in = |paths: &dyn Fn(&str) -> bool| -> usize {
            left.values().filter(|(_, path)| paths(path)).map(|(count, _)| count).sum()
        };
        let fixed = left_in(&|path| compared.contains(path));
        let gone = left_in(&|path| gone.iter().any(|gone| *gone == path));
        Filtered { new, known, moved, fixed, gone }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Span;
    use crate::report::testing::{render_sample, sample_diagnostics, sample_files};
    use crate::report::{Location, Severity, json};

    fn finding(path: &str, rule: &str, line: u32, column: u32, end_column: u32) -> Diagnostic {
        let span = Span { start: 0, end: 0, line, column, end_line: line, end_column };
        Diagnostic::new(rule, Severity::Error, Location::new(path, span), "this text reads as English")
    }

    fn files(text: &str) -> SourceFiles {
        files_at("fr-fr/a.md", text)
    }

    #[test]
    fn a_report_read_back_as_a_baseline_leaves_out_every_finding_it_holds() {
        let baseline = Baseline::from_json(&render_sample(json::render), None).unwrap();
        assert_eq!(baseline.len(), sample_diagnostics().len());
        let filtered = baseline.filter(sample_diagnostics(), &sample_files(), None, &HashSet::new(), |_| true);
        assert_eq!(filtered.known, sample_diagnostics().len());
        assert!(filtered.new.is_empty(), "{:?}", filtered.new);
    }

    #[test]
    fn a_finding_is_known_by_its_text_wherever_its_line_moves() {
        let before = files("# T\n\nSign in now.\nTexte.\n");
        let known = finding("fr-fr/a.md", "untranslated", 3, 1, 13);
        let baseline_text = {
            let report = format!(
                r#"{{"diagnostics": [{{"path": "fr-fr/a.md", "fingerprint": "{}"}}], "repository_folder": null}}"#,
                fingerprint(&known, &before, None)
            );
            Baseline::from_json(&report, None).unwrap()
        };
        // Two lines were added above it, and a new finding of the same rule and message is on line 3.
        let after = files("# T\n\nGo to the page.\n\nSign in now.\nTexte.\n");
        let run =
            vec![finding("fr-fr/a.md", "untranslated", 3, 1, 16), finding("fr-fr/a.md", "untranslated", 5, 1, 13)];
        let compared = HashSet::from(["fr-fr/a.md".to_owned()]);
        let filtered = baseline_text.filter(run.clone(), &after, None, &compared, |_| true);
        assert_eq!(filtered.known, 1);
        assert_eq!(filtered.new, run[..1], "the new finding is the one on the new text");
        // Another rule or another file on the same text is another finding.
        let elsewhere =
            vec![finding("fr-fr/a.md", "number-mismatch", 5, 1, 13), finding("fr-fr/b.md", "untranslated", 5, 1, 13)];
        assert_eq!(baseline_text.filter(elsewhere, &after, None, &compared, |_| true).known, 0);
        // The same text with another message is other drift: a list missing one more item, another number.
        let worse = Diagnostic {
            message: "this text reads as English, twice".into(),
            ..finding("fr-fr/a.md", "untranslated", 5, 1, 13)
        };
        let filtered = baseline_text.filter(vec![worse], &after, None, &compared, |_| true);
        assert_eq!((filtered.known, filtered.fixed), (0, 1), "the known finding is fixed, the new one reported");
        // A file not compared fixes nothing: a run over part of the files says nothing of the others.
        assert_eq!(baseline_text.filter(Vec::new(), &after, None, &HashSet::new(), |_| true).fixed, 0);
    }

    /// The baseline of a file lists its findings by the file's path. Once the file is renamed, the same findings in
    /// the new file are still known, while the old path is gone; a file that is still there keeps its own.
    #[test]
    fn the_findings_of_a_renamed_file_are_known_under_its_new_name() {
        let written = files_at("fr-fr/old.md", "Sign in now.\nSign out.\n");
        let (sign_in, sign_out) =
            (finding("fr-fr/old.md", "untranslated", 1, 1, 13), finding("fr-fr/old.md", "untranslated", 2, 1, 10));
        let report = format!(
            r#"{{"diagnostics": [{{"path": "fr-fr/old.md", "fingerprint": "{}"}}, {{"path": "fr-fr/old.md", "fingerprint": "{}"}}], "repository_folder": null}}"#,
            fingerprint(&sign_in, &written, None),
            fingerprint(&sign_out, &written, None)
        );
        let baseline = Baseline::from_json(&report, None).unwrap();
        // Renamed, with a line added above, the second finding fixed and a third one new.
        let renamed = files_at("fr-fr/new.md", "# T\nSign in now.\nClick.\n");
        let run =
            vec![finding("fr-fr/new.md", "untranslated", 2, 1, 13), finding("fr-fr/new.md", "untranslated", 3, 1, 7)];
        let compared = HashSet::from(["fr-fr/new.md".to_owned()]);
        let filtered = baseline.filter(run.clone(), &renamed, None, &compared, |path| path != "fr-fr/old.md");
        assert_eq!(filtered.new, run[1..], "the new finding alone is reported");
        assert_eq!((filtered.known, filtered.moved, filtered.fixed, filtered.gone), (1, 1, 0, 1));
        // While the old file is still there (a copy, or a run over part of the files), its findings are its own.
        let copied = baseline.filter(run.clone(), &renamed, None, &compared, |_| true);
        assert_eq!((copied.new.len(), copied.known, copied.gone), (2, 0, 0));
        // A file the baseline names findings in has them matched under its own name only.
        let both = files_at("fr-fr/new.md", "Sign in now.\n");
        let report = format!(
            r#"{{"diagnostics": [{{"path": "fr-fr/old.md", "fingerprint": "{}"}}, {{"path": "fr-fr/new.md", "fingerprint": "{}"}}], "repository_folder": null}}"#,
            fingerprint(&sign_in, &written, None),
            fingerprint(&finding("fr-fr/new.md", "untranslated", 1, 1, 10), &both, None)
        );
        let baseline = Baseline::from_json(&report, None).unwrap();
        let run = vec![finding("fr-fr/new.md", "untranslated", 1, 1, 13)];
        let filtered = baseline.filter(run.clone(), &both, None, &compared, |path| path != "fr-fr/old.md");
        assert_eq!((filtered.new, filtered.moved, filtered.fixed, filtered.gone), (run, 0, 1, 1));
    }

    #[test]
    fn each_finding_of_the_baseline_accounts_for_one_finding_of_the_run() {
        let text = files("Same.\nSame.\n");
        let one = finding("fr-fr/a.md", "untranslated", 1, 1, 6);
        let report = format!(
            r#"{{"diagnostics": [{{"path": "fr-fr/a.md", "fingerprint": "{}"}}], "repository_folder": null}}"#,
            fingerprint(&one, &text, None)
        );
        let baseline = Baseline::from_json(&report, None).unwrap();
        let twice = vec![one, finding("fr-fr/a.md", "untranslated", 2, 1, 6)];
        let filtered = baseline.filter(twice, &text, None, &HashSet::from(["fr-fr/a.md".to_owned()]), |_| true);
        assert_eq!((filtered.known, filtered.new.len(), filtered.fixed), (1, 1, 0));
    }

    #[test]
    fn a_baseline_written_in_one_folder_of_a_repository_is_read_in_another() {
        let at = |folder: &str| Repository { root: "/repo".into(), folder: folder.to_owned() };
        let (top, en_us) = (at(""), at("docs/en-us"));
        // Written in docs/en-us, where the French file is ../fr-fr/a.md.
        let written = finding("../fr-fr/a.md", "untranslated", 1, 1, 13);
        let report = format!(
            r#"{{"diagnostics": [{{"path": "../fr-fr/a.md", "fingerprint": "{}"}}], "repository_folder": "docs/en-us"}}"#,
            fingerprint(&written, &files_at("../fr-fr/a.md", "Sign in now.\n"), Some(&en_us))
        );
        // Read at the top folder, where the run names it docs/fr-fr/a.md.
        let baseline = Baseline::from_json(&report, Some(&top)).unwrap();
        assert_eq!(baseline.paths(), &BTreeSet::from(["docs/fr-fr/a.md".to_owned()]));
        let run = finding("docs/fr-fr/a.md", "untranslated", 1, 1, 13);
        let compared = HashSet::from(["docs/fr-fr/a.md".to_owned()]);
        let filtered = baseline.filter(
            vec![run.clone()],
            &files_at("docs/fr-fr/a.md", "Sign in now.\n"),
            Some(&top),
            &compared,
            |_| true,
        );
        assert_eq!((filtered.known, filtered.fixed), (1, 0), "{:?}", filtered.new);
    }

    fn files_at(path: &str, text: &str) -> SourceFiles {
        let mut files = SourceFiles::new();
        files.insert(path, text);
        files
    }

    #[test]
    fn text_that_is_not_a_json_report_is_refused_with_its_line() {
        let error = Baseline::from_json("{\n  \"diagnostics\": 3\n}", None).unwrap_err();
        assert_eq!(error.line(), 2, "{error}");
        assert!(Baseline::from_json("rule,path\n", None).is_err());
        let without_fingerprints = r#"{"diagnostics": [{"rule": "untranslated", "path": "a.md", "message": "x"}]}"#;
        assert!(Baseline::from_json(without_fingerprints, None).unwrap_err().to_string().contains("fingerprint"));
        // Written before reports said where in their repository they were written: fingerprints hashed other paths.
        let without_folder = r#"{"diagnostics": [{"path": "a.md", "fingerprint": "0123456789abcdef"}]}"#;
        let error = Baseline::from_json(without_folder, None).unwrap_err();
        assert!(error.to_string().contains("missing field `repository_folder`"), "{error}");
    }
}
