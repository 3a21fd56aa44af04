//! Raw HTML from an article reduced to the text a reader would see: tags dropped, `<script>` and `<style>` content
//! dropped, entities decoded. What comes out is plain text for the templates to escape: it can never run.

use crate::parse::html::decode_entities;

/// The visible text of an HTML fragment, with block-level tags and `<br>` as line breaks and runs of blank space
/// folded.
pub fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        out.push_str(&decode_entities(&rest[..open]));
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
        if matches!(name.as_str(), "br" | "p" | "div" | "li" | "tr" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "table")
        {
            out.push('\n');
        } else if matches!(name.as_str(), "td" | "th") {
            out.push(' ');
        }
    }
    out.push_str(&decode_entities(rest));
    fold_space(&out)
}

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
        assert_eq!(html_text("<table><tr><td>A</td><td>B</td></tr></table>"), "A B");
        assert_eq!(html_text("<script>never closed"), "");
    }
}
