//! Zone pivots' display names. A `::: zone pivot="windows"` names its pivot by id; the docset's zone pivot groups file
//! gives each id the title Learn shows in its pivot selector ("Windows"), translated in a localized docset. The file
//! is `zone-pivot-groups.yml` at the article's docs root ([`FileIncludes::for_article`]), or the one the article's `zone_pivot_group_filename` names (relative to
//! that root), YAML or JSON; the article's `zone_pivot_groups` names the groups (comma-separated) it takes pivots from.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use thiserror::Error;

use crate::model::front_matter::FrontMatter;
use crate::parse::{FileIncludes, ReadError};

/// The groups file a docset has when the article names no other.
pub const DEFAULT_FILE: &str = "zone-pivot-groups.yml";

/// A zone pivot groups file that cannot be used.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum PivotError {
    /// The docs root the file is read below cannot be found.
    #[error("cannot find the docs root the zone pivot groups file is read below")]
    Root(#[source] std::io::Error),
    /// The file cannot be read.
    #[error("cannot read the zone pivot groups file")]
    Read(#[source] ReadError),
    /// The file is not a list of groups with their pivots.
    #[error("{path}: not a zone pivot groups file")]
    Yaml {
        /// The file.
        path: PathBuf,
        /// What serde_yaml said, with the line.
        #[source]
        source: serde_yaml::Error,
    },
}

/// The pivot titles an article's zones print.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct PivotTitles {
    /// Each pivot id of the article's groups, with its title.
    pub titles: BTreeMap<String, String>,
    /// The groups the article names that the file does not hold.
    pub missing_groups: Vec<String>,
    /// The file read.
    pub file: PathBuf,
}

#[derive(Deserialize)]
struct GroupsFile {
    groups: Vec<Group>,
}

#[derive(Deserialize)]
struct Group {
    id: String,
    pivots: Vec<Pivot>,
}

#[derive(Deserialize)]
struct Pivot {
    id: String,
    title: String,
}

/// The titles of the pivots of the groups the front matter of `article` names, from the groups file below the
/// article's docs root; `None` when it names no group, and nothing is then looked for.
pub fn titles(front_matter: &FrontMatter, article: &Path) -> Option<Result<PivotTitles, PivotError>> {
    let named = front_matter.get_str("zone_pivot_groups")?;
    let groups: Vec<&str> = named.split(',').map(str::trim).filter(|group| !group.is_empty()).collect();
    let root = match FileIncludes::for_article(article) {
        Ok(files) => files.root().to_owned(),
        Err(error) => return Some(Err(PivotError::Root(error))),
    };
    let file = front_matter.get_str("zone_pivot_group_filename");
    let file = root.join(file.as_deref().map_or(DEFAULT_FILE, |file| file.trim_start_matches(['/', '~'])));
    Some(read(&file).map(|all| {
        let mut titles = BTreeMap::new();
        let mut missing_groups = Vec::new();
        for id in groups {
            match all.groups.iter().find(|group| group.id == id) {
                Some(group) => {
                    titles.extend(group.pivots.iter().map(|pivot| (pivot.id.clone(), pivot.title.clone())));
                }
                None => missing_groups.push(id.to_owned()),
            }
        }
        PivotTitles { titles, missing_groups, file }
    }))
}

fn read(file: &Path) -> Result<GroupsFile, PivotError> {
    let text = crate::parse::read_file(file).map_err(PivotError::Read)?;
    serde_yaml::from_str(&text).map_err(|source| PivotError::Yaml { path: file.to_owned(), source })
}

/// `windows,linux` as the titles `title_of` gives those pivots, `Windows, Linux`; an id without one stays as it is.
pub fn shown(pivots: &str, title_of: impl Fn(&str) -> Option<String>) -> String {
    let shown: Vec<String> = pivots
        .split(',')
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(|id| title_of(id).unwrap_or_else(|| id.to_owned()))
        .collect();
    shown.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::front_matter::Entry;

    const GROUPS: &str = "### YamlMime:ZonePivotGroups\ngroups:\n- id: platforms\n  title: Platform\n  prompt: Choose a \
                          platform\n  pivots:\n  - id: windows\n    title: Windows\n  - id: macos\n    title: macOS\n\
                          - id: languages\n  title: Language\n  prompt: Choose a language\n  pivots:\n  - id: csharp\n    \
                          title: C#\n";

    fn front_matter(entries: &[(&str, &str)]) -> FrontMatter {
        let entries = entries.iter().map(|(key, value)| Entry {
            key: key.to_string(),
            value: serde_json::Value::String(value.to_string()),
            line: 1,
        });
        FrontMatter { entries: entries.collect(), malformed: false }
    }

    /// An article in `folder`, which is then its docs root.
    fn article_in(folder: &Path) -> PathBuf {
        let article = folder.join("a.md");
        std::fs::write(&article, "# A\n").unwrap();
        article
    }

    #[test]
    fn the_groups_an_article_names_give_its_pivots_titles() {
        let root = tempfile::tempdir().unwrap();
        std::fs::write(root.path().join(DEFAULT_FILE), GROUPS).unwrap();
        let article = article_in(root.path());
        let found = titles(&front_matter(&[("zone_pivot_groups", "platforms, other")]), &article).unwrap().unwrap();
        let expected: BTreeMap<String, String> =
            [("macos", "macOS"), ("windows", "Windows")].map(|(id, title)| (id.to_owned(), title.to_owned())).into();
        assert_eq!(found.titles, expected, "only the named group's pivots");
        assert_eq!(found.missing_groups, ["other"]);
        assert_eq!(shown("windows,linux", |id| found.titles.get(id).cloned()), "Windows, linux");
        assert_eq!(titles(&front_matter(&[("title", "x")]), &article).map(|_| ()), None, "no group, no file read");
    }

    #[test]
    fn an_article_can_name_its_own_groups_file_in_json() {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir(root.path().join("kusto")).unwrap();
        let json =
            r#"{"groups": [{"id": "kql", "title": "KQL", "pivots": [{"id": "fabric", "title": "Microsoft Fabric"}]}]}"#;
        std::fs::write(root.path().join("kusto/zone-pivot-groups.json"), json).unwrap();
        let named = front_matter(&[
            ("zone_pivot_groups", "kql"),
            ("zone_pivot_group_filename", "kusto/zone-pivot-groups.json"),
        ]);
        let found = titles(&named, &article_in(root.path())).unwrap().unwrap();
        assert_eq!(found.titles.get("fabric").map(String::as_str), Some("Microsoft Fabric"));
    }

    #[test]
    fn a_missing_or_malformed_file_is_an_error_naming_it() {
        let root = tempfile::tempdir().unwrap();
        let named = front_matter(&[("zone_pivot_groups", "platforms")]);
        let article = article_in(root.path());
        let error = titles(&named, &article).unwrap().unwrap_err();
        let chain = format!("{:#}", anyhow::Error::from(error));
        assert!(chain.contains("zone-pivot-groups.yml: no such file"), "{chain}");
        std::fs::write(root.path().join(DEFAULT_FILE), "groups:\n- id: platforms\n  pivots:\n  - id: windows\n")
            .unwrap();
        let error = titles(&named, &article).unwrap().unwrap_err();
        let chain = format!("{:#}", anyhow::Error::from(error));
        assert!(chain.contains("zone-pivot-groups.yml: not a zone pivot groups file"), "{chain}");
        assert!(chain.contains("missing field `title` at line 4"), "{chain}");
    }
}
