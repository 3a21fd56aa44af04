//! Section ids, as Learn computes them: an explicit `<a name>`/`<a id>` anchor wins, else the GitHub-style auto id.

use std::collections::HashMap;

/// The GitHub-style auto id of a heading's text, as Markdig's `AutoIdentifiers(GitHub)` (which Learn uses) makes it:
/// lower-case; letters, digits, `-` and `_` kept (accents too); each ASCII space becomes `-`; everything else,
/// no-break spaces included, is dropped. So `Step 1: Delete users` gives `step-1-delete-users`.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c == ' ' {
            out.push('-');
        } else if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
            out.push(c.to_ascii_lowercase());
        } else if !c.is_ascii() && c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Hands out the ids of one article's headings, making auto ids unique with `-1`, `-2`… in document order.
#[derive(Debug, Default)]
pub struct Ids {
    seen: HashMap<String, usize>,
}

impl Ids {
    /// The id of the next heading: `explicit` when given (not counted, as in Markdig), else the unique slug of
    /// `title` (`section` when the slug is empty).
    pub fn next(&mut self, explicit: Option<&str>, title: &str) -> String {
        if let Some(explicit) = explicit {
            return explicit.to_owned();
        }
        let base = slug(title);
        let base = if base.is_empty() { "section".to_owned() } else { base };
        if !self.seen.contains_key(&base) {
            self.seen.insert(base.clone(), 0);
            return base;
        }
        let mut candidate = base.clone();
        let mut counter = self.seen.get(&base).copied().unwrap_or(0);
        while self.seen.contains_key(&candidate) {
            counter += 1;
            candidate = format!("{base}-{counter}");
        }
        self.seen.insert(base, counter);
        self.seen.entry(candidate.clone()).or_insert(0);
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_follow_markdig_github_mode() {
        assert_eq!(slug("Step 1: Delete users"), "step-1-delete-users");
        assert_eq!(
            slug("Step 5: Delete the directory in Azure Active Directory"),
            "step-5-delete-the-directory-in-azure-active-directory"
        );
        // French accents are kept; the colon goes and its spaces stay, as on Learn.
        assert_eq!(slug("Étape 1 : Supprimer des utilisateurs"), "étape-1--supprimer-des-utilisateurs");
        // A no-break space is not a space: it is dropped.
        assert_eq!(slug("Étape\u{a0}1\u{a0}: Supprimer"), "étape1-supprimer");
        assert_eq!(slug("3. Applications"), "3-applications");
        assert_eq!(slug("[HTML], [S5], or [RTF]?"), "html-s5-or-rtf");
        assert_eq!(slug("a_c a-c a.c"), "a_c-a-c-ac");
        assert_eq!(slug("What's new in Microsoft 365?"), "whats-new-in-microsoft-365");
    }

    #[test]
    fn duplicate_titles_get_numbered_and_explicit_ids_win() {
        let mut ids = Ids::default();
        assert_eq!(ids.next(None, "Overview"), "overview");
        assert_eq!(ids.next(None, "Overview"), "overview-1");
        assert_eq!(ids.next(None, "Overview"), "overview-2");
        assert_eq!(ids.next(None, "Overview 1"), "overview-1-1");
        assert_eq!(ids.next(Some("step-1-delete-users"), "Étape 1 : Supprimer"), "step-1-delete-users");
        assert_eq!(ids.next(None, "?!"), "section");
        assert_eq!(ids.next(None, ""), "section-1");
    }
}
