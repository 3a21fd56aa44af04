//! A baseline: the findings a team has accepted for now, read back from a report written earlier in the JSON format
//! (`checkdown sync … --format json -o baseline.json`). Turning the sync gate on over a large documentation set then
//! fails a build on new drift only, while the old findings are worked off.
//!
//! A finding is in the baseline when the baseline holds one of the same rule, in the same file, with the same message
//! once its numbers are set aside: line numbers and commit counts in messages move as files are edited. Each finding
//! of the baseline accounts for one finding of a run, so a second finding like a known one is still reported.

use std::collections::HashMap;

use serde::Deserialize;

use super::Diagnostic;

/// The findings of a baseline, counted by what identifies them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    known: HashMap<Key, usize>,
}

/// What identifies a finding across runs: its file, its rule and its message with every run of digits set aside.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    path: String,
    rule: String,
    message: String,
}

impl Key {
    fn new(path: &str, rule: &str, message: &str) -> Self {
        let mut without_numbers = String::with_capacity(message.len());
        for character in message.chars() {
            let digit = character.is_ascii_digit();
            if !(digit && without_numbers.ends_with('#')) {
                without_numbers.push(if digit { '#' } else { character });
            }
        }
        Self { path: path.to_owned(), rule: rule.to_owned(), message: without_numbers }
    }
}

/// The part of a JSON report a baseline reads.
#[derive(Deserialize)]
struct Report {
    diagnostics: Vec<Finding>,
}

#[derive(Deserialize)]
struct Finding {
    rule: String,
    path: String,
    message: String,
}

/// What applying a baseline to a run's findings gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filtered {
    /// The findings the baseline does not hold, in their order.
    pub new: Vec<Diagnostic>,
    /// How many findings the baseline held and were left out.
    pub known: usize,
}

impl Baseline {
    /// Reads a JSON report as written by `--format json`.
    ///
    /// # Errors
    ///
    /// The text is not such a report; the error names the line and column.
    pub fn from_json(text: &str) -> Result<Self, serde_json::Error> {
        let report: Report = serde_json::from_str(text)?;
        let mut known = HashMap::new();
        for finding in report.diagnostics {
            *known.entry(Key::new(&finding.path, &finding.rule, &finding.message)).or_default() += 1;
        }
        Ok(Self { known })
    }

    /// How many findings the baseline holds.
    pub fn len(&self) -> usize {
        self.known.values().sum()
    }

    /// True when the baseline holds no finding.
    pub fn is_empty(&self) -> bool {
        self.known.is_empty()
    }

    /// `diagnostics` without those the baseline holds.
    pub fn filter(&self, diagnostics: Vec<Diagnostic>) -> Filtered {
        let mut left = self.known.clone();
        let mut known = 0;
        let new = diagnostics
            .into_iter()
            .filter(|diagnostic| {
                let key = Key::new(&diagnostic.location.path, &diagnostic.rule, &diagnostic.message);
                match left.get_mut(&key) {
                    Some(count) if *count > 0 => {
                        *count -= 1;
                        known += 1;
                        false
                    }
                    _ => true,
                }
            })
            .collect();
        Filtered { new, known }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testing::{render_sample, sample_diagnostics};
    use crate::report::{Location, Severity, json};

    fn finding(path: &str, rule: &str, message: &str) -> Diagnostic {
        Diagnostic::new(rule, Severity::Error, Location::start_of(path), message)
    }

    #[test]
    fn a_report_read_back_as_a_baseline_leaves_out_every_finding_it_holds() {
        let report = render_sample(json::render);
        let baseline = Baseline::from_json(&report).unwrap();
        assert_eq!(baseline.len(), sample_diagnostics().len());
        let filtered = baseline.filter(sample_diagnostics());
        assert_eq!(filtered.known, sample_diagnostics().len());
        assert!(filtered.new.is_empty(), "{:?}", filtered.new);
    }

    #[test]
    fn moved_lines_and_counts_still_match_but_other_words_rules_or_files_do_not() {
        let baseline = Baseline::from_json(
            r#"{"diagnostics": [
                {"rule": "stale-source", "path": "fr-fr/a.md", "message": "3 commits behind, see line 12"}
            ]}"#,
        )
        .unwrap();
        let run = vec![
            finding("fr-fr/a.md", "stale-source", "14 commits behind, see line 9"),
            finding("fr-fr/a.md", "stale-source", "3 commits ahead, see line 12"),
            finding("fr-fr/b.md", "stale-source", "3 commits behind, see line 12"),
            finding("fr-fr/a.md", "untranslated", "3 commits behind, see line 12"),
        ];
        let filtered = baseline.filter(run.clone());
        assert_eq!(filtered.known, 1);
        assert_eq!(filtered.new, run[1..]);
    }

    #[test]
    fn each_finding_of_the_baseline_accounts_for_one_finding_of_the_run() {
        let baseline = Baseline::from_json(
            r#"{"diagnostics": [{"rule": "untranslated", "path": "x.md", "message": "English left", "line": 4}]}"#,
        )
        .unwrap();
        let twice = vec![finding("x.md", "untranslated", "English left"); 2];
        let filtered = baseline.filter(twice);
        assert_eq!((filtered.known, filtered.new.len()), (1, 1));
    }

    #[test]
    fn text_that_is_not_a_json_report_is_refused_with_its_line() {
        let error = Baseline::from_json("{\n  \"diagnostics\": 3\n}").unwrap_err();
        assert_eq!(error.line(), 2, "{error}");
        assert!(Baseline::from_json("rule,path\n").is_err());
    }
}
