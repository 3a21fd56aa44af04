//! `:::code source="…":::` snippets: the lines of the file that the article shows, as docfx picks them. `range="2-5,9"`
//! keeps those lines (1-based; `7-` runs to the end); `id="name"` keeps the lines between the region's markers,
//! `<name>` and `</name>` in a comment (`// <name>`, `<!-- <name> -->`) or `#region name` and `#endregion`. The lines
//! kept lose the indentation they all share, as on Learn.

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
