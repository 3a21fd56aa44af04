//! Raw HTML from an article reduced to the text a reader would see: tags dropped, `<script>` and `<style>` content
//! dropped, entities decoded. What comes out is plain text for the templates to escape: it can never run.

use crate::parse::html::decode_entities;

/// The visible text of an HTML fragment, with block-level tags and `<br>` as line breaks, a table's cells as
/// `A | B`, and runs of blank space folded.
pub fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    // Inside a table cell, block tags are spaces: the cell stays on its row's line.
    let mut in_cell = false;
    while let Some(open) = rest.find('<') {
        // Line breaks in HTML source are blank space; only tags break lines.
        out.push_str(&decode_entities(&rest[..open]).replace(['\r', '\n'], " "));
        let after = &rest[open..];
        if let Some(comment) = after.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let starts_tag = after[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!');
        let Some(close) = after.find('>').filter(|_| starts_tag) else {
            // A `<` that opens no tag is text.
            out.push('<');
            rest = &after[1..];
            continue;
        };
        let tag = &after[1..close];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        rest = &after[close + 1..];
        if !tag.starts_with('/') && matches!(name.as_str(), "script" | "style") {
            let end = format!("</{name}");
            rest = find_ignore_case(rest, &end).map_or("", |at| {
                let tail = &rest[at..];
                tail.find('>').map_or("", |gt| &tail[gt + 1..])
            });
            continue;
        }
        let block = matches!(name.as_str(), "br" | "p" | "div" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
        if matches!(name.as_str(), "tr" | "table") || (block && !in_cell) {
            in_cell = false;
            out.push('\n');
        } else if matches!(name.as_str(), "td" | "th") {
            in_cell = !tag.starts_with('/');
            // Cells of a row read "A | B", as the checklists print Markdown tables.
            let line = out.rsplit('\n').next().unwrap_or_default();
            out.push_str(if !in_cell || line.trim().is_empty() { " " } else { " | " });
        } else if block {
            out.push(' ');
        }
    }
    out.push_str(&decode_entities(rest).replace(['\r', '\n'], " "));
    fold_space(&out)
}

/// What a checklist shows of an inline HTML tag: nothing for an HTML element (its text is printed around it), but the
/// tag itself when it names no element. `<TenantName>` or `<your domain>` in "select `OneDrive – <TenantName>`" is a
/// placeholder the reader must fill in, which a browser would hide.
pub fn placeholder(html: &str) -> String {
    let Some(inner) = html.trim().strip_prefix('<').and_then(|rest| rest.strip_suffix('>')) else {
        return String::new();
    };
    let name = inner.trim_start_matches('/').split(|c: char| c.is_whitespace() || c == '/').next().unwrap_or_default();
    let is_element = HTML_ELEMENTS.binary_search(&name.to_ascii_lowercase().as_str()).is_ok();
    if name.is_empty() || is_element || inner.starts_with('!') || inner.starts_with('?') {
        String::new()
    } else {
        html.trim().to_owned()
    }
}

/// The element names of HTML (WHATWG, with the obsolete ones articles still use), sorted.
const HTML_ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "acronym",
    "address",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "base",
    "bdi",
    "bdo",
    "big",
    "blockquote",
    "body",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "datalist",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "legend",
    "li",
    "link",
    "main",
    "map",
    "mark",
    "menu",
    "meta",
    "meter",
    "nav",
    "nobr",
    "noscript",
    "object",
    "ol",
    "optgroup",
    "option",
    "output",
    "p",
    "param",
    "picture",
    "pre",
    "progress",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "script",
    "search",
    "section",
    "select",
    "slot",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "track",
    "tt",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
];

fn find_ignore_case(haystack: &str, needle: &str) -> Option<usize> {
    haystack.to_ascii_lowercase().find(needle)
}

fn fold_space(text: &str) -> String {
    text.lines()
        .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_text_and_drops_everything_that_could_run() {
        assert_eq!(
            html_text("<div class=\"raw\">Raw <script>alert(1)</script> HTML &amp; <b>bold</b></div>"),
            "Raw HTML & bold"
        );
        assert_eq!(html_text("<img src=x onerror=alert(1)>after"), "after");
        assert_eq!(html_text("<STYLE>body{}</STYLE><p>one</p><p>two<br>three</p>"), "one\ntwo\nthree");
        assert_eq!(html_text("a < b <!-- hidden --> c"), "a < b c");
        assert_eq!(html_text("<table><tr><td>A</td><td>B</td></tr></table>"), "A | B");
        assert_eq!(
            html_text(
                "<table><tr><th>Step</th><th>Example</th></tr><tr><td>1</td><td>Set <b>IdRef</b></td></tr></table>"
            ),
            "Step | Example\n1 | Set IdRef"
        );
        assert_eq!(
            html_text("<table>\n<tr>\n<td>1</td>\n<td>Set\n<p>Within the cell.</p></td>\n</tr>\n</table>"),
            "1 | Set Within the cell."
        );
        assert_eq!(html_text("one\ntwo<br/>three"), "one two\nthree");
        assert_eq!(html_text("<script>never closed"), "");
    }

    #[test]
    fn a_tag_that_names_no_element_is_a_placeholder_to_show() {
        assert_eq!(placeholder("<TenantName>"), "<TenantName>");
        assert_eq!(placeholder("<your domain>"), "<your domain>");
        for element in ["<b>", "</B>", "<sup>", "<span class=\"x\">", "<br/>", "<!-- note -->", "<kbd>"] {
            assert_eq!(placeholder(element), "", "{element}");
        }
    }

    #[test]
    fn the_element_list_is_sorted_for_its_binary_search() {
        assert!(HTML_ELEMENTS.windows(2).all(|pair| pair[0] < pair[1]));
    }
}
