//! `:::code source="…":::` snippets: the lines of the file that the article shows, as docfx picks them. `range="2-5,9"`
//! keeps those lines (1-based; `7-` runs to the end); `id="name"` keeps the lines between the region's markers,
//! `<name>` and `</name>` in a comment (`// <name>`, `<!-- <name> -->`) or `#region name` and `#endregion`. The lines
//! kept lose the indentation they all share, as on Learn.
//!
//! docfx's older form, a line `[!code-csharp[name](path?range=2-5#region "title")]`, names the same things in another
//! syntax: [`reference()`] reads it into the attributes a `:::code` would have, so both are one model.

use crate::model::Attribute;

/// The lines of `text` that `range` or `id` (or neither: all of them) select, without their shared indentation and
/// without the region markers; why not, when the range or the region is not in the file.
pub fn select(text: &str, range: Option<&str>, id: Option<&str>) -> Result<String, String> {
    let lines: Vec<&str> = text.lines().collect();
    let kept: Vec<&str> = match (range, id) {
        (Some(range), _) => in_range(&lines, range)?,
        (None, Some(id)) => in_region(&lines, id)?,
        (None, None) => lines,
    };
    Ok(dedent(&kept))
}

/// The attributes of a `:::code` that shows what the line `[!code-lang[name](path?query#bookmark "title")]` shows, as
/// docfx reads it: the language after `code-`; the query's `range`, `start`/`end`, `name` (the region),
/// `highlight` and `dedent`; a bookmark `#L2-L5` (a range) or `#region`. `None` when the line is not one such
/// reference and nothing else: Learn then shows it as text.
pub fn reference(line: &str) -> Option<Vec<Attribute>> {
    let marker = line.get(.."[!code".len()).filter(|marker| marker.eq_ignore_ascii_case("[!code"))?;
    let rest = &line[marker.len()..];
    let (language, rest) = match rest.strip_prefix('-') {
        Some(after) => after.split_once('[').map(|(language, rest)| (language.trim(), rest))?,
        None => ("", rest.strip_prefix('[')?),
    };
    let (name, rest) = unescaped_until(rest, |c| c == ']')?;
    let rest = rest[1..].trim_start().strip_prefix('(')?;
    let mut depth = 0usize;
    let (path, mut rest) = unescaped_until(rest, |c| match c {
        '(' => {
            depth += 1;
            false
        }
        ')' if depth > 0 => {
            depth -= 1;
            false
        }
        c => matches!(c, '#' | '?' | '"' | ')'),
    })?;
    let mut found = Found::default();
    if let Some(query) = rest.strip_prefix('?') {
        let end = query.find(['"', ')', '#']).unwrap_or(query.len());
        found.read_query(&query[..end]);
        rest = &query[end..];
    }
    if let Some(bookmark) = rest.strip_prefix('#') {
        let end = bookmark.find(['"', ')']).unwrap_or(bookmark.len());
        found.read_bookmark(bookmark[..end].trim());
        rest = &bookmark[end..];
    }
    let rest = rest.trim_start();
    let rest = match rest.strip_prefix('"') {
        Some(quoted) => {
            let (title, after) = unescaped_until(quoted, |c| c == '"')?;
            found.title = Some(title.trim().to_owned());
            &after[1..]
        }
        None => rest,
    };
    let rest = rest.trim_start().strip_prefix(')')?.trim_start().strip_prefix(']')?;
    if !rest.trim().is_empty() {
        return None;
    }
    let named = [
        ("source", Some(path.trim().to_owned())),
        ("language", Some(language.to_owned())),
        ("name", Some(name.trim().to_owned())),
        ("range", found.range),
        ("id", found.region),
        ("highlight", found.highlight),
        ("dedent", found.dedent),
        ("title", found.title),
    ];
    let attributes = named.into_iter().filter_map(|(name, value)| {
        value.filter(|value| !value.is_empty()).map(|value| Attribute { name: name.to_owned(), value })
    });
    Some(attributes.collect())
}

/// What the query, bookmark and title of a `[!code…]` reference say, each named once (the first one stands).
#[derive(Default)]
struct Found {
    range: Option<String>,
    region: Option<String>,
    highlight: Option<String>,
    dedent: Option<String>,
    title: Option<String>,
}

impl Found {
    /// `range=1-3,5&name=region&highlight=2&dedent=4`, or `start=2&end=5`; other keys mean nothing to docfx.
    fn read_query(&mut self, query: &str) {
        let (mut start, mut end) = (None, None);
        for (key, value) in query.trim().split('&').filter_map(|pair| pair.split_once('=')) {
            let slot = match key.to_ascii_lowercase().as_str() {
                "name" => &mut self.region,
                "range" => &mut self.range,
                "highlight" => &mut self.highlight,
                "dedent" => &mut self.dedent,
                "start" => &mut start,
                "end" => &mut end,
                _ => continue,
            };
            slot.get_or_insert_with(|| value.to_owned());
        }
        if let Some(start) = start {
            let end = end.unwrap_or_else(|| start.clone());
            self.range.get_or_insert_with(|| format!("{start}-{end}"));
        }
    }

    /// `L2-L5` or `L7` is a range of lines, anything else the name of a region.
    fn read_bookmark(&mut self, bookmark: &str) {
        let line = |text: &str| {
            text.strip_prefix(['L', 'l'])
                .filter(|number| !number.is_empty() && number.bytes().all(|byte| byte.is_ascii_digit()))
                .map(str::to_owned)
        };
        let range = match bookmark.split_once('-') {
            Some((first, last)) => line(first).zip(line(last)).map(|(first, last)| format!("{first}-{last}")),
            None => line(bookmark),
        };
        match range {
            Some(range) => self.range.get_or_insert(range),
            None => self.region.get_or_insert_with(|| bookmark.to_owned()),
        };
    }
}

/// The text up to the first character `stop` accepts, with `\` escaping the character after it (which `stop` is not
/// asked about), and the rest from that character on; `None` when no character stops it.
fn unescaped_until(text: &str, mut stop: impl FnMut(char) -> bool) -> Option<(String, &str)> {
    let mut value = String::new();
    let mut chars = text.char_indices();
    while let Some((at, c)) = chars.next() {
        match c {
            '\\' => value.extend(chars.next().map(|(_, escaped)| escaped)),
            c if stop(c) => return Some((value, &text[at..])),
            c => value.push(c),
        }
    }
    None
}

/// The lines a `range` attribute names: comma-separated line numbers and spans (`1-3`, `7-`), in its order.
fn in_range<'a>(lines: &[&'a str], range: &str) -> Result<Vec<&'a str>, String> {
    let bad = || format!("the range `{range}` names no lines of the file, which has {}", lines.len());
    let number = |text: &str| text.trim().parse::<usize>().ok().filter(|&number| number >= 1);
    let mut kept = Vec::new();
    for part in range.split(',').map(str::trim).filter(|part| !part.is_empty()) {
        let (first, last) = match part.split_once('-') {
            Some((first, "")) => (number(first).ok_or_else(bad)?, lines.len()),
            Some((first, last)) => (number(first).ok_or_else(bad)?, number(last).ok_or_else(bad)?),
            None => {
                let line = number(part).ok_or_else(bad)?;
                (line, line)
            }
        };
        if first > last || first > lines.len() {
            return Err(bad());
        }
        kept.extend_from_slice(&lines[first - 1..last.min(lines.len())]);
    }
    if kept.is_empty() { Err(bad()) } else { Ok(kept) }
}

/// The lines between the markers of the region `id`, in any case.
fn in_region<'a>(lines: &[&'a str], id: &str) -> Result<Vec<&'a str>, String> {
    let id = id.to_lowercase();
    let (open, close) = (format!("<{id}>"), format!("</{id}>"));
    let opens = |line: &str| {
        let line = line.to_lowercase();
        line.contains(&open) || line.trim_start().strip_prefix("#region").is_some_and(|name| name.trim() == id)
    };
    let closes = |line: &str| line.to_lowercase().contains(&close) || line.trim_start().starts_with("#endregion");
    let start = lines.iter().position(|line| opens(line)).ok_or_else(|| format!("the file has no region `{id}`"))?;
    let length = lines[start + 1..].iter().position(|line| closes(line)).unwrap_or(lines.len() - start - 1);
    Ok(lines[start + 1..start + 1 + length].iter().copied().filter(|line| !opens(line) && !closes(line)).collect())
}

/// `lines` without the leading white space they all share (blank lines aside), one text.
fn dedent(lines: &[&str]) -> String {
    let indent = |line: &str| line.len() - line.trim_start().len();
    let shared = lines.iter().filter(|line| !line.trim().is_empty()).map(|line| indent(line)).min().unwrap_or(0);
    let mut code = String::new();
    for line in lines {
        code.push_str(line.get(shared..).unwrap_or_else(|| line.trim_start()));
        code.push('\n');
    }
    code
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCRIPT: &str = "# Sign in\nConnect-MgGraph\n\n    # <assign>\n    $user = Get-MgUser -UserId $id\n        \
                          Set-MgUser $user\n    # </assign>\nDisconnect-MgGraph\n";

    fn attributes_of(line: &str) -> Vec<(String, String)> {
        let attributes = reference(line).unwrap_or_else(|| panic!("not a reference: {line}"));
        attributes.into_iter().map(|attribute| (attribute.name, attribute.value)).collect()
    }

    fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
        expected.iter().map(|(name, value)| (name.to_string(), value.to_string())).collect()
    }

    #[test]
    fn a_code_reference_names_what_a_code_extension_would() {
        assert_eq!(
            attributes_of("[!code-csharp[Main](../samples/Program.cs?range=2-5,9&highlight=3)]"),
            pairs(&[
                ("source", "../samples/Program.cs"),
                ("language", "csharp"),
                ("name", "Main"),
                ("range", "2-5,9"),
                ("highlight", "3")
            ])
        );
        assert_eq!(
            attributes_of("[!CODE-powershell [](s.ps1#L2-L4 \"Sign in\") ]  "),
            pairs(&[("source", "s.ps1"), ("language", "powershell"), ("range", "2-4"), ("title", "Sign in")]),
            "any case, a bookmark range, a title, spaces"
        );
        assert_eq!(
            attributes_of("[!code[](Program.cs#snippet_Main)]"),
            pairs(&[("source", "Program.cs"), ("id", "snippet_Main")]),
            "no language; a bookmark region"
        );
        assert_eq!(
            attributes_of("[!code-js[x](a(1).js?start=4&end=6&name=go)]"),
            pairs(&[("source", "a(1).js"), ("language", "js"), ("name", "x"), ("range", "4-6"), ("id", "go")]),
            "parentheses in the path; start and end"
        );
        assert_eq!(attributes_of("[!code-cs[a\\]b](x.cs?start=7)]")[2], ("name".to_owned(), "a]b".to_owned()));
        assert_eq!(attributes_of("[!code-cs[](x.cs?start=7)]")[2], ("range".to_owned(), "7-7".to_owned()));
    }

    #[test]
    fn a_line_with_more_than_a_code_reference_is_none() {
        for line in [
            "[!code-csharp[Main](Program.cs)] and more",
            "Run [!code-csharp[Main](Program.cs)]",
            "[!code-csharp[Main](Program.cs)",
            "[!code-csharp[Main]",
            "[!code-csharp Program.cs",
            "[!codes[Main](Program.cs)",
            "[!NOTE]",
        ] {
            assert_eq!(reference(line), None, "{line}");
        }
    }

    #[test]
    fn a_range_keeps_its_lines_in_order() {
        assert_eq!(select(SCRIPT, Some("2, 8"), None).unwrap(), "Connect-MgGraph\nDisconnect-MgGraph\n");
        assert_eq!(
            select(SCRIPT, Some("7-"), None).unwrap(),
            "    # </assign>\nDisconnect-MgGraph\n",
            "no shared indent"
        );
        for bad in ["9", "3-1", "x", ""] {
            let error = select(SCRIPT, Some(bad), None).unwrap_err();
            assert!(error.ends_with("which has 8"), "{bad}: {error}");
        }
    }

    #[test]
    fn a_region_keeps_its_lines_without_markers_or_shared_indentation() {
        assert_eq!(
            select(SCRIPT, None, Some("Assign")).unwrap(),
            "$user = Get-MgUser -UserId $id\n    Set-MgUser $user\n"
        );
        let csharp = "class A {\n  #region Main\n  void Main() {}\n  #endregion\n}\n";
        assert_eq!(select(csharp, None, Some("main")).unwrap(), "void Main() {}\n");
        assert_eq!(select(SCRIPT, None, Some("other")).unwrap_err(), "the file has no region `other`");
        assert_eq!(select("a\n  b\n", None, None).unwrap(), "a\n  b\n", "the whole file");
    }
}
