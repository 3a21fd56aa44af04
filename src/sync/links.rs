//! Link targets as Learn resolves them, so that the two forms of one target compare equal.
//!
//! Learn links come in three forms: absolute URLs (`https://docs.microsoft.com/en-us/azure/x?view=y`), site-absolute
//! paths (`/azure/x`), and paths relative to the file (`../azure/x.md`). [`LinkTarget::new`] turns each into a
//! comparable form: the `docs.microsoft.com` and `learn.microsoft.com` hosts are dropped (their URLs become site
//! paths), a locale segment is dropped from any URL, relative paths are resolved against the file's folder, `.md` and
//! trailing slashes are dropped, Learn paths are compared without case, query parameters are sorted and
//! `preserve-view` is ignored. Where a file sits on the site is not known, so a site path and a relative path match
//! when the site path ends with the relative one's folders and file ([`LinkTarget::same`]).

use std::fmt;

use crate::parse::is_locale;

/// Hosts whose URLs are Learn pages.
const LEARN_HOSTS: [&str; 2] = ["docs.microsoft.com", "learn.microsoft.com"];
/// Query parameters that do not change the target.
const IGNORED_PARAMETERS: [&str; 1] = ["preserve-view"];

/// A normalised link target.
#[derive(Debug, Clone)]
pub struct LinkTarget {
    /// Where it points.
    place: Place,
    /// `key=value` pairs, keys lower-cased, sorted.
    query: Vec<String>,
    /// The fragment, lower-cased for Learn targets, without `#`.
    fragment: String,
}

#[derive(Debug, Clone)]
enum Place {
    /// A page of the Learn site: the path segments after the host and locale, lower-cased.
    Site(Vec<String>),
    /// A path relative to the file: the segments resolved against the file's folder within the compared tree (a
    /// leading `..` stays when the path climbs above it), and the segments written after the link's leading `../`.
    Relative { resolved: Vec<String>, tail: Vec<String> },
    /// Any other URL: scheme and host lower-cased, the path as written without a locale segment.
    External(String),
    /// A link to a part of the same page (`#step-1`), `mailto:`, `xref:`…: compared as written.
    Other(String),
}

impl LinkTarget {
    /// The normalised form of `target`, a link found in the file at `file` (its path relative to the compared
    /// directory, `/`-separated; a bare file name in file mode).
    pub fn new(target: &str, file: &str) -> Self {
        let target = target.trim().trim_start_matches('<').trim_end_matches('>');
        let (rest, fragment) = target.split_once('#').unwrap_or((target, ""));
        let (address, query) = rest.split_once('?').unwrap_or((rest, ""));
        let query = normalise_query(query);
        if address.is_empty() {
            return Self { place: Place::Other(String::new()), query, fragment: fragment.to_lowercase() };
        }
        if let Some((scheme, after)) = address.split_once("://") {
            let (host, path) = after.split_once('/').unwrap_or((after, ""));
            let host = host.to_ascii_lowercase();
            let host = host.strip_prefix("www.").unwrap_or(&host);
            let segments = without_locale(segments(path));
            if LEARN_HOSTS.contains(&host) {
                let place = Place::Site(learn_segments(segments));
                return Self { place, query, fragment: fragment.to_lowercase() };
            }
            let place = Place::External(format!("{}://{host}/{}", scheme.to_ascii_lowercase(), segments.join("/")));
            return Self { place, query, fragment: fragment.to_owned() };
        }
        if address.contains(':') && !address.starts_with('/') {
            // mailto:, xref:, tel:…
            return Self { place: Place::Other(address.to_owned()), query, fragment: fragment.to_owned() };
        }
        if address.starts_with('/') || address.starts_with('~') {
            let path = address.trim_start_matches('~');
            let place = Place::Site(learn_segments(without_locale(segments(path))));
            return Self { place, query, fragment: fragment.to_lowercase() };
        }
        let written: Vec<&str> = segments(address);
        let tail = learn_segments(written.iter().copied().filter(|segment| *segment != "..").collect());
        let folder = file.rsplit_once('/').map_or("", |(folder, _)| folder);
        let mut resolved: Vec<&str> = segments(folder);
        for segment in &written {
            match *segment {
                ".." if resolved.last().is_some_and(|last| *last != "..") => {
                    resolved.pop();
                }
                other => resolved.push(other),
            }
        }
        let place = Place::Relative { resolved: learn_segments(resolved), tail };
        Self { place, query, fragment: fragment.to_lowercase() }
    }

    /// The last segment of the place the target points at (`""` for none), which two targets that are the
    /// [`same`](Self::same) place share, and for a relative path also the last segment written, which a site path
    /// that ends with it shares; a URL compared whole is its own segment.
    pub fn last_segments(&self) -> [Option<&str>; 2] {
        fn last(segments: &[String]) -> &str {
            segments.last().map_or("", String::as_str)
        }
        match &self.place {
            Place::Site(segments) => [Some(last(segments)), None],
            Place::Relative { resolved, tail } => [Some(last(resolved)), tail.last().map(String::as_str)],
            Place::External(url) | Place::Other(url) => [Some(url), None],
        }
    }

    /// Whether the two targets are the same page (or resource): same query and fragment, and the same place, where
    /// a site path and a relative path are the same place when the site path ends with the relative path's written
    /// segments.
    pub fn same(&self, other: &Self) -> bool {
        if self.query != other.query || self.fragment != other.fragment {
            return false;
        }
        match (&self.place, &other.place) {
            (Place::Site(a), Place::Site(b)) => a == b,
            (Place::Relative { resolved: a, .. }, Place::Relative { resolved: b, .. }) => a == b,
            (Place::External(a), Place::External(b)) | (Place::Other(a), Place::Other(b)) => a == b,
            (Place::Site(site), Place::Relative { tail, .. }) | (Place::Relative { tail, .. }, Place::Site(site)) => {
                !tail.is_empty() && site.ends_with(tail)
            }
            _ => false,
        }
    }
}

impl fmt::Display for LinkTarget {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.place {
            Place::Site(segments) => write!(formatter, "/{}", segments.join("/"))?,
            Place::Relative { resolved, .. } => formatter.write_str(&resolved.join("/"))?,
            Place::External(url) | Place::Other(url) => formatter.write_str(url)?,
        }
        if !self.query.is_empty() {
            write!(formatter, "?{}", self.query.join("&"))?;
        }
        if !self.fragment.is_empty() {
            write!(formatter, "#{}", self.fragment)?;
        }
        Ok(())
    }
}

/// The non-empty, non-`.` segments of a path, with `\` read as `/`.
fn segments(path: &str) -> Vec<&str> {
    path.split(['/', '\\']).filter(|segment| !segment.is_empty() && *segment != ".").collect()
}

/// The segments without a leading locale segment (`en-us`, `fr-FR`).
fn without_locale(segments: Vec<&str>) -> Vec<&str> {
    match segments.first() {
        Some(first) if is_locale(first) => segments[1..].to_vec(),
        _ => segments,
    }
}

/// Lower-cased segments, the last without `.md`: Learn serves `x.md` as `x`, and its paths ignore case.
fn learn_segments(segments: Vec<&str>) -> Vec<String> {
    let count = segments.len();
    segments
        .into_iter()
        .enumerate()
        .map(|(index, segment)| {
            let lower = segment.to_lowercase();
            match lower.strip_suffix(".md") {
                Some(page) if index + 1 == count => page.to_owned(),
                _ => lower,
            }
        })
        .collect()
}

/// Query parameters sorted, keys lower-cased, ignored ones dropped.
fn normalise_query(query: &str) -> Vec<String> {
    let mut parameters: Vec<String> = query
        .split(['&', ';'])
        .filter(|parameter| !parameter.is_empty())
        .filter_map(|parameter| {
            let (key, value) = parameter.split_once('=').unwrap_or((parameter, ""));
            let key = key.to_ascii_lowercase();
            (!IGNORED_PARAMETERS.contains(&key.as_str())).then(|| format!("{key}={value}"))
        })
        .collect();
    parameters.sort();
    parameters
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &str, b: &str) -> bool {
        LinkTarget::new(a, "commerce/close-your-account.md").same(&LinkTarget::new(b, "commerce/close-your-account.md"))
    }

    #[test]
    fn the_seed_note_links_are_the_same_target() {
        assert!(same(
            "https://docs.microsoft.com/microsoft-365/admin/microsoft-365-admin-center-preview?view=o365-21vianet",
            "../admin/microsoft-365-admin-center-preview.md?preserve-view=true&view=o365-21vianet",
        ));
        assert!(same(
            "https://docs.microsoft.com/office365/admin/add-users/delete-a-user?view=o365-worldwide#user-management",
            "/office365/admin/add-users/delete-a-user?view=o365-worldwide#user-management",
        ));
    }

    #[test]
    fn hosts_locales_case_and_md_do_not_matter() {
        assert!(same("https://learn.microsoft.com/en-us/azure/x", "https://docs.microsoft.com/fr-fr/Azure/X"));
        assert!(same("/azure/x.md", "/azure/x/"));
        assert!(same("https://support.office.com/en-us/article/x", "https://support.office.com/fr-fr/article/x"));
        assert!(same("https://go.microsoft.com/fwlink/?LinkId=1&b=2", "https://go.microsoft.com/fwlink?b=2&linkid=1"));
    }

    #[test]
    fn different_targets_differ() {
        assert!(!same("/azure/x?view=a", "/azure/x?view=b"));
        assert!(!same("/azure/x#one", "/azure/x#two"));
        assert!(!same("../admin/about-admin-roles.md", "../admin/assign-admin-roles.md"));
        assert!(!same("https://example.com/A", "https://example.com/a"));
        assert!(!same("https://aad.portal.azure.com/", "https://portal.azure.com/"));
    }

    #[test]
    fn relative_paths_resolve_against_the_file() {
        let in_folder = LinkTarget::new("../b/c.md", "a/x/page.md");
        assert_eq!(in_folder.to_string(), "a/b/c");
        assert!(in_folder.same(&LinkTarget::new("./c.md", "a/b/page.md")));
        assert_eq!(LinkTarget::new("../../c.md", "page.md").to_string(), "../../c");
    }

    #[test]
    fn other_schemes_are_compared_as_written() {
        assert!(same("mailto:a@b.c", "mailto:a@b.c"));
        assert!(!same("xref:System.String", "xref:system.string"));
        assert!(same("#step-1", "#Step-1"));
    }
}
