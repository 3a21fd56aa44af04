//! Path patterns for `checkdown.toml`'s `ignore` list: `*` matches within a folder name, `**` across folders, `?`
//! one character; everything else matches itself. Paths are relative to the compared directories, `/`-separated.

/// A compiled pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glob {
    pattern: Vec<char>,
    /// The pattern as configured, for messages.
    written: String,
}

impl Glob {
    /// The pattern `text`. A pattern without `/` matches a file name in any folder (`toc.md`, `*.yml`), as
    /// `.gitignore` patterns do.
    pub fn new(text: &str) -> Self {
        let written = text.to_owned();
        let text = text.trim().trim_start_matches("./");
        let text = if text.contains('/') { text.trim_start_matches('/').to_owned() } else { format!("**/{text}") };
        Self { pattern: text.chars().collect(), written }
    }

    /// The pattern as configured.
    pub fn written(&self) -> String {
        self.written.clone()
    }

    /// Whether `path` matches. Memoised, so no pattern takes more than (pattern length × path length) steps.
    pub fn matches(&self, path: &str) -> bool {
        let path: Vec<char> = path.chars().collect();
        let mut memo = vec![None; (self.pattern.len() + 1) * (path.len() + 1)];
        Matcher { pattern: &self.pattern, path: &path, memo: &mut memo }.at(0, 0)
    }
}

struct Matcher<'a> {
    pattern: &'a [char],
    path: &'a [char],
    /// `memo[p * (path length + 1) + i]`: whether `pattern[p..]` matches `path[i..]`, once known.
    memo: &'a mut [Option<bool>],
}

impl Matcher<'_> {
    fn at(&mut self, p: usize, i: usize) -> bool {
        let cell = p * (self.path.len() + 1) + i;
        if let Some(known) = self.memo[cell] {
            return known;
        }
        let (pattern, path) = (&self.pattern[p..], &self.path[i..]);
        let result = match pattern {
            [] => path.is_empty(),
            // Zero or more whole folders.
            ['*', '*', '/', ..] => {
                self.at(p + 3, i) || (i..self.path.len()).any(|at| self.path[at] == '/' && self.at(p + 3, at + 1))
            }
            ['*', '*', ..] => (i..=self.path.len()).any(|at| self.at(p + 2, at)),
            ['*', ..] => {
                let folder_end =
                    path.iter().position(|&character| character == '/').map_or(self.path.len(), |at| i + at);
                (i..=folder_end).any(|at| self.at(p + 1, at))
            }
            ['?', ..] => path.first().is_some_and(|&character| character != '/') && self.at(p + 1, i + 1),
            [literal, ..] => path.first() == Some(literal) && self.at(p + 1, i + 1),
        };
        self.memo[cell] = Some(result);
        result
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stars_stay_within_folders_and_double_stars_cross_them() {
        assert!(Glob::new("Enterprise/includes/*.md").matches("Enterprise/includes/a.md"));
        assert!(!Glob::new("Enterprise/includes/*.md").matches("Enterprise/includes/x/a.md"));
        assert!(Glob::new("**/includes/**").matches("Enterprise/includes/x/a.md"));
        assert!(Glob::new("**/includes/**").matches("includes/a.md"));
        assert!(Glob::new("SecurityCompliance/**/*.md").matches("SecurityCompliance/eop/a.md"));
        assert!(Glob::new("SecurityCompliance/**/*.md").matches("SecurityCompliance/a.md"));
        assert!(!Glob::new("Security/*.md").matches("SecurityCompliance/a.md"));
    }

    #[test]
    fn patterns_without_a_slash_match_file_names_anywhere() {
        assert!(Glob::new("TOC.md").matches("SecurityCompliance/TOC.md"));
        assert!(Glob::new("TOC.md").matches("TOC.md"));
        assert!(Glob::new("a?.md").matches("x/ab.md"));
        assert!(!Glob::new("a?.md").matches("x/a/.md"));
    }
}
