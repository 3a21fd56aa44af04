//! The articles bundled in `content/`: which exist, in which locales, and where they live on Learn.

use serde::Deserialize;

use crate::assets;

/// One bundled article.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundledArticle {
    /// The file name under `content/<locale>/`, without `.md`.
    pub name: String,
    /// The article's path on Learn, without locale.
    pub learn_path: String,
}

/// The bundled articles, in `content/articles.yaml` order.
pub fn articles() -> Vec<BundledArticle> {
    let text = assets::get("content/articles.yaml").unwrap_or_default();
    // The file is part of the build and checked by a test; a broken one leaves no bundled articles.
    serde_yaml::from_str(text).unwrap_or_default()
}

/// The article used when no FILE is given.
pub fn default_article() -> Option<BundledArticle> {
    articles().into_iter().next()
}

impl BundledArticle {
    /// The bundled path and text of this article in `locale` (`fr-FR` matches `content/fr-fr/`), else in en-us.
    pub fn in_locale(&self, locale: &str) -> Option<(String, &'static str)> {
        [locale.to_ascii_lowercase(), "en-us".to_owned()].into_iter().find_map(|folder| {
            let path = format!("content/{folder}/{}.md", self.name);
            assets::get(&path).map(|text| (path, text))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalogue_names_bundled_files_in_both_locales() {
        let article = default_article().expect("content/articles.yaml lists an article");
        assert_eq!(article.in_locale("fr-FR").unwrap().0, "content/fr-fr/close-your-account.md");
        assert_eq!(article.in_locale("en-US").unwrap().0, "content/en-us/close-your-account.md");
        assert_eq!(article.in_locale("de-DE").unwrap().0, "content/en-us/close-your-account.md");
        for article in articles() {
            assert!(article.in_locale("en-us").is_some(), "{} has no English file", article.name);
        }
    }
}
