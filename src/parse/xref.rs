//! `<xref:uid>` links: what Learn shows for them. Learn replaces such a link with the name of what the uid names, from
//! its cross-reference maps: `<xref:System.String.Format%2A>` reads "Format", with `?displayProperty=nameWithType`
//! "String.Format", with `fullName` "System.String.Format". Without those maps, the name is read from the uid of an
//! API (dotted names, parameters shortened to their type names); a uid of another kind (an article's,
//! `fundamentals/startup`) is shown as written, which is what Learn shows for a uid it cannot resolve.

/// The text Learn shows for the autolink `<xref:…>` whose target is `target` (`xref:` and all); `None` when `target`
/// is no `xref:` link.
pub fn display(target: &str) -> Option<String> {
    let scheme = target.get(.."xref:".len()).filter(|scheme| scheme.eq_ignore_ascii_case("xref:"))?;
    let (uid, query) = target[scheme.len()..].split_once('?').unwrap_or((&target[scheme.len()..], ""));
    let uid = decoded(uid.split('#').next().unwrap_or_default());
    let mut property = "name";
    for (key, value) in query.split('&').filter_map(|pair| pair.split_once('=')) {
        match key {
            "text" => return Some(decoded(value)),
            "displayProperty" => property = value,
            _ => {}
        }
    }
    let uid = uid.trim_end_matches('*');
    if uid.contains('/') || !uid.contains('.') {
        return Some(uid.to_owned());
    }
    let (name, parameters) = match uid.split_once('(') {
        Some((name, parameters)) => (name, Some(parameters.trim_end_matches(')'))),
        None => (uid, None),
    };
    let segments: Vec<&str> = name.split('.').collect();
    let kept = match property {
        "fullName" => segments.len(),
        "nameWithType" => 2,
        _ => 1,
    };
    let mut shown = segments[segments.len().saturating_sub(kept)..].join(".");
    if let Some(parameters) = parameters {
        let types: Vec<&str> = parameters
            .split(',')
            .filter(|parameter| !parameter.is_empty())
            .map(|parameter| parameter.rsplit('.').next().unwrap_or(parameter))
            .collect();
        shown = format!("{shown}({})", types.join(", "));
    }
    Some(shown)
}

/// `text` with the percent-encoded bytes uids carry (`%2A` for `*`, `%60` for a backtick) decoded; an encoding that
/// is no UTF-8 text stays as written.
fn decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let hex = bytes.get(at + 1..at + 3).and_then(|hex| std::str::from_utf8(hex).ok());
        match (bytes[at], hex.and_then(|hex| u8::from_str_radix(hex, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                at += 3;
            }
            (byte, _) => {
                out.push(byte);
                at += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_api_uid_shows_its_name_as_the_display_property_asks() {
        let shown = |target: &str| display(target).unwrap();
        assert_eq!(shown("xref:System.String"), "String");
        assert_eq!(
            shown("xref:System.Windows.Forms.Control.SetStyle%2A?displayProperty=nameWithType"),
            "Control.SetStyle"
        );
        assert_eq!(shown("xref:System.String.Format*?displayProperty=fullName"), "System.String.Format");
        assert_eq!(shown("xref:System.String.Format(System.String,System.Object)"), "Format(String, Object)");
        assert_eq!(shown("xref:System.Collections.Generic.List%601"), "List`1");
        assert_eq!(shown("xref:System.String?text=the%20String%20type"), "the String type");
    }

    #[test]
    fn another_uid_shows_as_written_and_other_links_are_none() {
        assert_eq!(display("XREF:fundamentals/startup").as_deref(), Some("fundamentals/startup"));
        assert_eq!(display("xref:Contoso").as_deref(), Some("Contoso"));
        assert_eq!(display("https://learn.microsoft.com"), None);
        assert_eq!(display("xref"), None);
        assert_eq!(decoded("100%"), "100%", "no hex after it");
    }
}
