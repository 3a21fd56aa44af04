//! Links on paper: every link resolved to a full URL a reader can type, numbered as a footnote, and anything that is
//! not a web or mail link made inert.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use serde::Serialize;

use crate::model::{Block, Content, Inline, Section, Span, text, walk_content};
use crate::parse::{IncludeSource, is_locale};
use crate::report::{Diagnostic, Location, Severity};

/// The Learn site links are resolved against.
pub const LEARN: &str = "https://learn.microsoft.com";

/// The locale of resolved URLs when neither the article's address nor the article names one: Learn's own.
pub const DEFAULT_LOCALE: &str = "en-us";

/// Where an article lives on Learn, for resolving its relative links.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LearnBase {
    /// The content locale (`fr-fr`), the first segment of every resolved URL.
    pub locale: String,
    /// The article's path on Learn without locale or extension (`microsoft-365/commerce/close-your-account`), when
    /// known.
    pub path: Option<String>,
    /// The article's own file name (`close-your-account.md`), when known: a link to it with a fragment is a link
    /// within the page.
    pub file_name: Option<String>,
}

impl LearnBase {
    /// The article's own address on Learn, when its path is known.
    pub fn url(&self) -> Option<String> {
        self.path.as_ref().map(|path| format!("{LEARN}/{}/{path}", self.locale))
    }
}

/// An article's address on Learn, as `--learn-url` gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LearnAddress {
    /// The address as given.
    pub url: String,
    /// The locale segment (`fr-fr`), when the address has one.
    pub locale: Option<String>,
    /// The path without locale or extension (`microsoft-365/commerce/close-your-account`).
    pub path: String,
}

impl LearnAddress {
    /// The address `url` (`https://learn.microsoft.com/fr-fr/microsoft-365/commerce/x`) read as its locale segment and
    /// path. `None` for an address that is not on Learn.
    pub fn parse(url: &str) -> Option<Self> {
        let rest = ["https://learn.microsoft.com/", "https://docs.microsoft.com/"]
            .iter()
            .find_map(|site| url.strip_prefix(site))?;
        let rest = rest.split(['?', '#']).next().unwrap_or_default().trim_end_matches('/');
        let (first, tail) = rest.split_once('/').unwrap_or((rest, ""));
        let (locale, path) = if is_locale(first) { (Some(first.to_ascii_lowercase()), tail) } else { (None, rest) };
        (!path.is_empty()).then(|| Self { url: url.to_owned(), locale, path: strip_md(path).to_owned() })
    }
}

/// What a link becomes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkView {
    /// The URL to link to: absolute, or `#fragment` within the checklist. `None` for an inert link (a
    /// `javascript:` URL, an unresolvable relative path): its text is shown without a link.
    pub url: Option<String>,
    /// The footnote number under which the full URL is printed; `None` when no link to it needs one (its text is its
    /// full address wherever it appears).
    pub note: Option<usize>,
}

/// One footnote: a number and the full URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Footnote {
    /// The number shown after the link text.
    pub note: usize,
    /// The full URL, or the target as written when it cannot be resolved.
    pub url: String,
}

/// The links of a checklist: how each target renders, and the footnotes in order of first appearance.
#[derive(Debug, Default, Serialize)]
pub struct Links {
    /// Keyed by the target as written in the article.
    pub targets: BTreeMap<String, LinkView>,
    /// In order of first appearance.
    pub footnotes: Vec<Footnote>,
    /// The ids that links within the page lead to (`#step-2-run` gives `step-2-run`): where a format that names
    /// steps and sections by their text alone needs an anchor.
    pub fragments: BTreeSet<String>,
    /// The relative links that cannot be made full URLs, each where it first appears: what to warn about.
    #[serde(skip)]
    pub unresolved: Vec<UnresolvedLink>,
    /// The ids the printed page has (lower-cased), for a variant of the article (`--moniker`): a `#fragment` naming
    /// another, a part the variant leaves out, leads to the article on Learn.
    #[serde(skip)]
    page_ids: Option<HashSet<String>>,
}

impl Links {
    /// No links yet, on a page that has the ids `page_ids` (lower-cased).
    pub fn on_page(page_ids: HashSet<String>) -> Self {
        Self { page_ids: Some(page_ids), ..Self::default() }
    }

    /// Registers the link to `target` that prints `printed` (`None` for a link printed by a word of the checklist's
    /// own, such as a video's), written at `span` of `include` (an included file, relative to the docs root) or of the
    /// article when `None`, in reading order.
    fn add(&mut self, target: &str, printed: Option<&str>, include: Option<&str>, span: Span, base: &LearnBase) {
        // A target registered without a footnote gets one when a link to it prints other words than its address.
        if self.targets.get(target).is_some_and(|view| view.note.is_some()) {
            return;
        }
        let first = !self.targets.contains_key(target);
        let resolved = match resolve(target, base) {
            Resolved::Fragment(fragment) if self.leaves_page(&fragment) => match base.url() {
                Some(url) => Resolved::Url(format!("{url}{fragment}")),
                None => Resolved::Unresolved(Unresolvable::LeftOut),
            },
            resolved => resolved,
        };
        let full = match &resolved {
            Resolved::Url(url) => Some(url.as_str()),
            Resolved::Unresolved(Unresolvable::LeftOut) => None,
            Resolved::Unresolved(_) => Some(target),
            Resolved::Fragment(_) | Resolved::Inert => None,
        };
        // A link whose text is its address (`https://protection.office.com`) prints all its footnote would.
        let note = full.filter(|full| !printed.is_some_and(|text| is_full_address(text, full)));
        let note = note.map(|full| self.footnote(full));
        if let Resolved::Fragment(fragment) = &resolved
            && fragment.len() > 1
        {
            self.fragments.insert(fragment.trim_start_matches('#').to_owned());
        }
        let url = match resolved {
            Resolved::Url(url) | Resolved::Fragment(url) => Some(url),
            Resolved::Unresolved(reason) => {
                if first {
                    let include = include.map(str::to_owned);
                    self.unresolved.push(UnresolvedLink { target: target.to_owned(), reason, include, span });
                }
                None
            }
            Resolved::Inert => None,
        };
        self.targets.insert(target.to_owned(), LinkView { url, note });
    }

    /// Whether `fragment` (`#id`) names an id the printed page does not have. `#top` is the page's top, in HTML.
    fn leaves_page(&self, fragment: &str) -> bool {
        let id = fragment.trim_start_matches('#').to_lowercase();
        !id.is_empty() && id != "top" && self.page_ids.as_ref().is_some_and(|ids| !ids.contains(&id))
    }

    fn footnote(&mut self, url: &str) -> usize {
        if let Some(existing) = self.footnotes.iter().find(|footnote| footnote.url == url) {
            return existing.note;
        }
        let note = self.footnotes.len() + 1;
        self.footnotes.push(Footnote { note, url: url.to_owned() });
        note
    }

    /// Registers every link in `blocks`, in reading order.
    pub fn add_blocks<'a>(&mut self, blocks: impl IntoIterator<Item = &'a Block>, base: &LearnBase) {
        self.add_blocks_of(None, blocks, base);
    }

    /// Registers every link in `blocks` of `include` (or of the article), in reading order.
    fn add_blocks_of<'a>(
        &mut self,
        include: Option<&'a str>,
        blocks: impl IntoIterator<Item = &'a Block>,
        base: &LearnBase,
    ) {
        walk_content(blocks, include, &mut |include, content| match content {
            Content::Inlines(inlines) => self.add_inlines_of(include, inlines, base),
            // A video is printed as a link to it: a checklist on paper cannot play it.
            Content::Extension { name: "video", attributes, span } => {
                if let Some(source) = attributes.iter().find(|attribute| attribute.name == "source") {
                    self.add(&source.value, None, include, span, base);
                }
            }
            // The links of raw HTML, in the blocks it prints as.
            Content::Html { html, span } => {
                if let Some(shown) = super::html_text::html_block(html, span) {
                    self.add_blocks_of(include, [&shown], base);
                }
            }
            Content::Extension { .. } => {}
        });
    }

    /// Registers every link in `inlines` of the article (a heading's).
    pub fn add_inlines(&mut self, inlines: &[Inline], base: &LearnBase) {
        self.add_inlines_of(None, inlines, base);
    }

    /// Registers the links of a section, its heading and subsections included.
    pub fn add_section(&mut self, section: &Section, base: &LearnBase) {
        self.add_inlines(&section.heading, base);
        self.add_blocks(&section.blocks, base);
        for child in &section.sections {
            self.add_section(child, base);
        }
    }

    /// Registers every link in `inlines` of `include` (or of the article), in reading order.
    fn add_inlines_of(&mut self, include: Option<&str>, inlines: &[Inline], base: &LearnBase) {
        for inline in inlines {
            match inline {
                Inline::Link { target, children, span, .. } => {
                    self.add(target, Some(&text::inlines(children)), include, *span, base);
                    self.add_inlines_of(include, children, base);
                }
                Inline::Emphasis { children, .. } => self.add_inlines_of(include, children, base),
                Inline::Include { resolved: Some(included), .. } => {
                    self.add_inlines_of(Some(&included.file), &included.inlines, base);
                }
                _ => {}
            }
        }
    }
}

/// Whether a link's text is the whole of what its footnote would print, `full`: that address itself (a final `/`
/// aside), or a mail link's address.
fn is_full_address(text: &str, full: &str) -> bool {
    let text = text.trim().trim_end_matches('/');
    text == full.trim_end_matches('/') || full.strip_prefix("mailto:") == Some(text)
}

/// The rule name of the warning about a relative link printed as written.
pub const UNRESOLVED_LINK: &str = "unresolved-link";

/// A relative link that cannot be made a full URL, where it first appears.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnresolvedLink {
    /// The target as written.
    pub target: String,
    /// Why it cannot be made a full URL.
    pub reason: Unresolvable,
    /// The included file it is written in, relative to the docs root; `None` for the article itself.
    pub include: Option<String>,
    /// Where in that file.
    pub span: Span,
}

impl UnresolvedLink {
    /// The warning about this link, in the article at `article` (the path as given) or in its include, named as
    /// `includes` shows it.
    pub fn warning(&self, article: &str, includes: &dyn IncludeSource) -> Diagnostic {
        let target = &self.target;
        let message = match self.reason {
            Unresolvable::UnknownAddress => format!(
                "the relative link {target} is printed as written: the article's address on Learn is unknown (give \
                 --learn-url, or render the file inside its docset, below a docfx.json that maps it to a site folder)"
            ),
            Unresolvable::AboveRoot => {
                format!("the relative link {target} is printed as written: it climbs above the root of the site")
            }
            Unresolvable::LeftOut => format!(
                "the link {target} is printed as text: no part of this variant of the article has that id, and the \
                 article's address on Learn is unknown (give --learn-url, or render the file inside its docset)"
            ),
        };
        let file = self.include.as_deref().map_or_else(|| article.to_owned(), |include| includes.shown(include));
        Diagnostic::new(UNRESOLVED_LINK, Severity::Warning, Location::new(file, self.span), message)
    }
}

/// Why a relative link cannot be made a full URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unresolvable {
    /// The article's own address on Learn is unknown.
    UnknownAddress,
    /// Its `..` climb above the site's root.
    AboveRoot,
    /// It leads within the page to an id that the variant printed (`--moniker`) does not have, and the article's own
    /// address on Learn is unknown.
    LeftOut,
}

/// How one link target resolves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// A full `http(s):` or `mailto:` URL.
    Url(String),
    /// A link within the page (`#step-2`).
    Fragment(String),
    /// A relative link that cannot be made a full URL: shown as written.
    Unresolved(Unresolvable),
    /// A scheme that must never be followed (`javascript:`, `data:`, `vbscript:`, `file:`…).
    Inert,
}

/// Resolves a link target as Learn would: absolute web and mail links stay; site-relative `/azure/…` links and
/// relative `../admin/x.md` links become `https://learn.microsoft.com/<locale>/…` without the `.md`.
pub fn resolve(target: &str, base: &LearnBase) -> Resolved {
    // Browsers ignore whitespace and control characters inside a scheme (`java\tscript:`); so must the check.
    let compact: String = target.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
    let lower = compact.to_ascii_lowercase();
    // `[Do this for me]()` leads nowhere: its text prints alone.
    if compact.is_empty() {
        return Resolved::Inert;
    }
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:") {
        return Resolved::Url(compact);
    }
    if let Some(fragment) = compact.strip_prefix('#') {
        return Resolved::Fragment(format!("#{fragment}"));
    }
    if lower.starts_with("//") || has_scheme(&lower) {
        return Resolved::Inert;
    }
    let (path, suffix) = split_suffix(&compact);
    // The article itself: within the page, at the fragment named, else at its top; a view it names (`?view=`) may be
    // another than the checklist's, whose page is another.
    if names_own_file(path, base) && !suffix.starts_with('?') {
        return Resolved::Fragment(if suffix.is_empty() { "#" } else { suffix }.to_owned());
    }
    let locale = &base.locale;
    if let Some(site_path) = path.strip_prefix('/') {
        return Resolved::Url(format!("{LEARN}/{locale}/{}{suffix}", strip_md(site_path)));
    }
    let Some(article) = &base.path else { return Resolved::Unresolved(Unresolvable::UnknownAddress) };
    let joined = match path.strip_prefix("~/") {
        Some(root_relative) => root_relative.to_owned(),
        None => {
            let folder = article.rsplit_once('/').map_or("", |(folder, _)| folder);
            format!("{folder}/{path}")
        }
    };
    match normalize(&joined) {
        Some(normalized) => Resolved::Url(format!("{LEARN}/{locale}/{}{suffix}", strip_md(&normalized))),
        None => Resolved::Unresolved(Unresolvable::AboveRoot),
    }
}

/// Whether `path` (`close-your-account.md`, `./close-your-account.md`) is the article's own file. Learn's addresses
/// ignore case, and so does this.
fn names_own_file(path: &str, base: &LearnBase) -> bool {
    base.file_name.as_deref().zip(normalize(path)).is_some_and(|(own, path)| path.eq_ignore_ascii_case(own))
}

fn has_scheme(lower: &str) -> bool {
    let Some((scheme, _)) = lower.split_once(':') else { return false };
    !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Splits `path?query#fragment` into the path and the rest.
fn split_suffix(target: &str) -> (&str, &str) {
    let at = target.find(['?', '#']).unwrap_or(target.len());
    target.split_at(at)
}

fn strip_md(path: &str) -> &str {
    path.strip_suffix(".md").unwrap_or(path)
}

/// Resolves `.` and `..` segments; `None` when `..` climbs above the site root.
fn normalize(path: &str) -> Option<String> {
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop()?;
            }
            other => segments.push(other),
        }
    }
    Some(segments.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::NoIncludes;

    fn french_commerce() -> LearnBase {
        LearnBase {
            locale: "fr-fr".into(),
            path: Some("microsoft-365/commerce/close-your-account".into()),
            file_name: None,
        }
    }

    #[test]
    fn learn_links_resolve_to_full_urls() {
        let base = french_commerce();
        assert_eq!(
            resolve("../admin/microsoft-365-admin-center-preview.md?preserve-view=true&view=o365-21vianet", &base),
            Resolved::Url(
                "https://learn.microsoft.com/fr-fr/microsoft-365/admin/microsoft-365-admin-center-preview?preserve-view=true&view=o365-21vianet"
                    .into()
            )
        );
        assert_eq!(
            resolve("/azure/active-directory/users-groups-roles/users-bulk-delete", &base),
            Resolved::Url(
                "https://learn.microsoft.com/fr-fr/azure/active-directory/users-groups-roles/users-bulk-delete".into()
            )
        );
        assert_eq!(
            resolve("../admin/add-users/assign-admin-roles.md#check-admin-roles-in-your-organization", &base),
            Resolved::Url(
                "https://learn.microsoft.com/fr-fr/microsoft-365/admin/add-users/assign-admin-roles#check-admin-roles-in-your-organization"
                    .into()
            )
        );
        assert_eq!(
            resolve("https://go.microsoft.com/fwlink/p/?linkid=842054", &base),
            Resolved::Url("https://go.microsoft.com/fwlink/p/?linkid=842054".into())
        );
        assert_eq!(resolve("#step-2", &base), Resolved::Fragment("#step-2".into()));
    }

    #[test]
    fn links_to_the_article_itself_stay_in_the_page() {
        for path in [None, Some("microsoft-365/security/use-dkim-to-validate-outbound-email".to_owned())] {
            let base = LearnBase {
                locale: "en-us".into(),
                path,
                file_name: Some("use-dkim-to-validate-outbound-email.md".into()),
            };
            for target in [
                "use-dkim-to-validate-outbound-email.md#HowDKIMWorks",
                "./Use-DKIM-to-validate-outbound-email.md#HowDKIMWorks",
            ] {
                assert_eq!(resolve(target, &base), Resolved::Fragment("#HowDKIMWorks".into()), "{target}");
            }
            // With no fragment, the link leads to the page's top; with a view, maybe to another page.
            assert_eq!(resolve("use-dkim-to-validate-outbound-email.md", &base), Resolved::Fragment("#".into()));
            assert!(!matches!(resolve("use-dkim-to-validate-outbound-email.md?view=a", &base), Resolved::Fragment(_)));
            assert_ne!(
                resolve("../use-dkim-to-validate-outbound-email.md#HowDKIMWorks", &base),
                Resolved::Fragment("#HowDKIMWorks".into())
            );
        }
    }

    #[test]
    fn relative_links_without_a_known_base_stay_as_written() {
        let base = LearnBase { locale: "en-us".into(), path: None, file_name: None };
        assert_eq!(resolve("../admin/x.md", &base), Resolved::Unresolved(Unresolvable::UnknownAddress));
        assert_eq!(resolve("../../../../x.md", &french_commerce()), Resolved::Unresolved(Unresolvable::AboveRoot));
    }

    /// A relative link that cannot be resolved is warned about once, where it first appears: in the article, or in
    /// the included file that holds it.
    #[test]
    fn an_unresolved_link_is_warned_about_once_where_it_first_appears() {
        let base = LearnBase { locale: "en-us".into(), path: None, file_name: None };
        let at = |line| Span { line, column: 3, ..Span::default() };
        let mut links = Links::default();
        links.add("plan.md", Some("the plan"), None, at(4), &base);
        links.add("plan.md", Some("the plan"), None, at(9), &base);
        links.add("../x.md", Some("x"), Some("includes/x.md"), at(2), &base);
        let warnings: Vec<String> =
            links.unresolved.iter().map(|link| link.warning("a.md", &NoIncludes).to_string()).collect();
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[0].starts_with("a.md:4:3: warning[unresolved-link]: the relative link plan.md is printed"));
        assert!(warnings[1].starts_with("includes/x.md:2:3: warning[unresolved-link]: the relative link ../x.md"));
    }

    #[test]
    fn on_a_variant_a_fragment_the_page_lacks_leads_to_learn_but_the_top_stays_on_the_page() {
        let base = french_commerce();
        let mut links = Links::on_page(HashSet::from(["kept".to_owned()]));
        for target in ["#kept", "#Left-Out", "#top"] {
            links.add(target, Some("text"), None, Span::default(), &base);
        }
        let url = |target: &str| links.targets[target].url.clone().unwrap_or_default();
        assert_eq!(url("#kept"), "#kept");
        assert_eq!(url("#Left-Out"), format!("{}#Left-Out", base.url().unwrap()));
        assert_eq!(url("#top"), "#top");
        assert_eq!(links.footnotes.len(), 1, "the address on Learn is printed");
    }

    #[test]
    fn a_link_whose_text_is_its_address_needs_no_footnote() {
        let base = french_commerce();
        let mut links = Links::default();
        let portal = "https://protection.office.com";
        for (target, text) in
            [(portal, portal), (portal, "https://protection.office.com/"), ("mailto:a@contoso.com", "a@contoso.com")]
        {
            links.add(target, Some(text), None, Span::default(), &base);
        }
        assert_eq!(links.footnotes, []);
        assert_eq!(links.targets[portal], LinkView { url: Some(portal.into()), note: None });
        // The same address under other words needs its footnote.
        links.add(portal, Some("the portal"), None, Span::default(), &base);
        assert_eq!(links.targets[portal].note, Some(1));
        links.add("https://aka.ms/x", None, None, Span::default(), &base);
        assert_eq!(links.targets["https://aka.ms/x"].note, Some(2), "a video's link prints no address");
    }

    #[test]
    fn a_learn_address_gives_its_locale_and_path() {
        let url = "https://learn.microsoft.com/fr-fr/microsoft-365/commerce/close-your-account?view=x";
        assert_eq!(
            LearnAddress::parse(url),
            Some(LearnAddress {
                url: url.into(),
                locale: Some("fr-fr".into()),
                path: "microsoft-365/commerce/close-your-account".into()
            })
        );
        let english = LearnAddress::parse("https://learn.microsoft.com/microsoft-365/commerce/close-your-account/");
        assert_eq!(english.unwrap().locale, None);
        let chinese = LearnAddress::parse("https://learn.microsoft.com/zh-Hant/microsoft-365/commerce/x").unwrap();
        assert_eq!((chinese.locale.as_deref(), chinese.path.as_str()), (Some("zh-hant"), "microsoft-365/commerce/x"));
        assert_eq!(LearnAddress::parse("https://example.com/a"), None);
        assert_eq!(LearnAddress::parse("https://learn.microsoft.com/en-us/"), None);
    }

    #[test]
    fn an_empty_target_is_inert() {
        let base = LearnBase { locale: "en-us".into(), path: Some("a/b".into()), file_name: None };
        assert_eq!(resolve("", &base), Resolved::Inert);
        assert_eq!(resolve(" ", &base), Resolved::Inert);
    }

    #[test]
    fn dangerous_schemes_are_inert() {
        let base = french_commerce();
        for target in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "java\tscript:alert(1)",
            " javascript:x",
            "data:text/html,x",
            "vbscript:x",
            "file:///etc/passwd",
            "//evil.example/x",
        ] {
            assert_eq!(resolve(target, &base), Resolved::Inert, "{target}");
        }
    }

    #[test]
    fn footnotes_are_numbered_in_order_and_shared_by_equal_urls() {
        let base = french_commerce();
        let mut links = Links::default();
        for target in ["https://a.example/", "javascript:alert(1)", "/b", "https://a.example/", "#local"] {
            links.add(target, Some("the text"), None, Span::default(), &base);
        }
        assert_eq!(links.footnotes.iter().map(|f| f.note).collect::<Vec<_>>(), [1, 2]);
        assert_eq!(links.targets["/b"], LinkView { url: Some(format!("{LEARN}/fr-fr/b")), note: Some(2) });
        assert_eq!(links.targets["javascript:alert(1)"], LinkView { url: None, note: None });
        assert_eq!(links.targets["#local"].note, None);
    }
}
