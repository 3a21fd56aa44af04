//! The minijinja environment: the bundled `templates/` (or same-named files from `--templates DIR`), escaping by
//! output type, and the helpers templates call.
//!
//! `.html` templates escape HTML and `.md` templates escape Markdown, automatically, for every value a template
//! prints; `.txt` prints text as it is. Undefined variables are errors, not blanks.

use std::fmt::Write as _;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use fluent_bundle::FluentValue;
use minijinja::syntax::SyntaxConfig;
use minijinja::value::{Kwargs, Serde, Value};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, Output, State, UndefinedBehavior, escape_formatter};
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::RenderError;
use super::html_text::{html_block, placeholder};
use crate::assets;
use crate::i18n::Strings;
use crate::model::{Numbering, Span};
use crate::report::markdown::escape as escape_markdown;

const MARKDOWN: &str = "markdown";

/// An environment that loads `name` from `overrides` when that folder has it, else from the bundled templates.
pub fn environment(strings: Arc<Strings>, overrides: Option<PathBuf>) -> Environment<'static> {
    let mut environment = Environment::new();
    environment.set_undefined_behavior(UndefinedBehavior::Strict);
    // Whitespace is controlled in the templates themselves (`{%-`), so line breaks stay where the text formats need
    // them.
    let syntax = SyntaxConfig::builder().keep_trailing_newline(true).build();
    environment.set_syntax(syntax.expect("the default delimiters are valid"));
    environment.set_loader(move |name| load(overrides.as_deref(), name));
    environment.set_auto_escape_callback(|name| {
        let name = name.trim_end_matches(".j2");
        if name.ends_with(".html") {
            AutoEscape::Html
        } else if name.ends_with(".md") {
            AutoEscape::Custom(MARKDOWN.into())
        } else {
            AutoEscape::None
        }
    });
    environment.set_formatter(format_value);
    // What a block of raw HTML prints as takes its place: its start, by which the layout's notes on a table find it.
    environment.add_filter("html_block", |html: &str, start: usize| {
        html_block(html, Span { start, ..Span::default() }).map(|block| Value::from(Serde(block)))
    });
    environment.add_filter("placeholder", |html: &str| placeholder(html));
    // An ordered list's number as its list writes them (`block.numbering`, absent for 1, 2, 3).
    environment.add_filter("list_number", |number: u64, numbering: Option<&str>| {
        let numbering = numbering.and_then(|name| serde_json::from_value(name.into()).ok());
        numbering.unwrap_or(Numbering::Decimal).write(number)
    });
    environment.add_filter("pivot_titles", |pivots: &str, titles: Value| {
        super::pivots::shown(pivots, |id| titles.get_attr(id).ok().and_then(|title| title.as_str().map(str::to_owned)))
    });
    environment.add_filter("md_code", md_code);
    environment.add_filter("md_text", md_text);
    environment.add_filter("md_cell", md_cell);
    environment.add_filter("md_url", md_url);
    environment.add_filter("md_fence", md_fence);
    environment.add_filter("md_fence_language", md_fence_language);
    environment.add_filter("css_string", css_string);
    environment.add_filter("html_attribute", html_attribute);
    environment.add_filter("clip", |text: &str, max_chars: usize| crate::report::clip(text, max_chars).into_owned());
    environment.add_filter("lines", |text: &str| text.lines().map(str::to_owned).collect::<Vec<_>>());
    environment.add_filter("wrap", |text: &str, indent: &str| wrap(text, indent, TEXT_WIDTH));
    environment.add_filter("unbroken", unbroken);
    // A rule under a heading as wide as its longest line, as plain text underlines one.
    environment.add_filter("underline", |text: &str| {
        "-".repeat(text.lines().map(|line| line.trim_start().width()).max().unwrap_or_default())
    });
    environment
        .add_filter("join_wrapped", |parts: Vec<String>, separator: &str| join_wrapped(&parts, separator, TEXT_WIDTH));
    environment.add_filter("text_table", |head: Vec<String>, rows: Vec<Vec<String>>, indent: &str, between: &str| {
        text_table(&head, &rows, indent, between, TEXT_WIDTH)
    });
    environment.add_test("all_unseen", all_unseen);
    environment.add_filter("indent_width", indent_width);
    environment.add_filter("code_words", code_words);
    environment.add_function("t", move |id: &str, kwargs: Kwargs| translate(&strings, id, &kwargs));
    environment
}

/// A space that the `wrap` filter does not break at, made a space again once the text is laid out: inline code in
/// plain text stays on one line, so that a command copied from it (`Set-MsolUser -UserPrincipalName x
/// -PreferredDataLocation EUR`) is one command. A character of Unicode's private use area, which no article writes.
pub const UNBROKEN_SPACE: char = '\u{e002}';

/// `code` with its spaces made [`UNBROKEN_SPACE`]s when it is a command: a word after the first is a parameter
/// (`-Identity`, `/UploadData`). Other code (a list of addresses, a quoted error message, a query) wraps between its
/// words as text does.
fn unbroken(code: &str) -> String {
    let is_parameter =
        |word: &str| word.strip_prefix(['-', '/']).is_some_and(|name| name.starts_with(|c: char| c.is_alphabetic()));
    if code.split_whitespace().skip(1).any(is_parameter) {
        code.replace(' ', &UNBROKEN_SPACE.to_string())
    } else {
        code.to_owned()
    }
}

/// The width of a plain-text checklist, in columns: what a terminal and a text-only printer hold.
pub const TEXT_WIDTH: usize = 80;

/// `text` wrapped at word boundaries so that, printed after `indent`, no line passes `width` columns where a word
/// break allows; its own lines (hard line breaks, which may start with `indent` already) stay lines. Lines after the
/// first start with `indent`: the caller prints the first one's.
fn wrap(text: &str, indent: &str, width: usize) -> String {
    let room = width.saturating_sub(indent.width()).max(20);
    let mut lines = Vec::new();
    for written in text.split('\n') {
        let written = written.strip_prefix(indent).unwrap_or(written);
        let mut line = String::new();
        let mut previous = "";
        for word in written.split(' ') {
            for (at, piece) in pieces(word).enumerate() {
                // A word's first piece follows a space; the others follow the piece before them.
                let space = usize::from(at == 0);
                let fits = line.width() + space + piece.width() <= room;
                if !line.is_empty() && !fits && (at > 0 || may_break(previous, piece)) {
                    lines.push(std::mem::take(&mut line));
                } else if !fits && at == 0 && line.contains(' ') {
                    // No break before this word ("365." would read as a list item): the words before go down with it,
                    // back to a break that is allowed.
                    let mut cut = line.len();
                    while let Some(space) = line[..cut].rfind(' ') {
                        cut = space;
                        let before = line[..space].rsplit(' ').next().unwrap_or_default();
                        let first = line[space + 1..].split(' ').next().unwrap_or_default();
                        if may_break(before, first) || !line[..space].contains(' ') {
                            break;
                        }
                    }
                    let carried = line.split_off(cut);
                    lines.push(std::mem::replace(&mut line, carried[1..].to_owned()));
                    line.push(' ');
                } else if !line.is_empty() && at == 0 {
                    line.push(' ');
                }
                line.push_str(piece);
                previous = piece;
            }
        }
        lines.push(line);
    }
    lines.join(&format!("\n{indent}"))
}

/// `parts` joined by `separator`, on lines of at most `width` columns that break between parts only (a part wider
/// than a line has one of its own); the line break takes the separator's place.
fn join_wrapped(parts: &[String], separator: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    for part in parts {
        match lines.last_mut() {
            Some(line) if line.width() + separator.width() + part.width() <= width => {
                line.push_str(separator);
                line.push_str(part);
            }
            _ => lines.push(part.clone()),
        }
    }
    lines.join("\n")
}

/// A table as plain text, after `indent` (the caller prints the first line's). When its columns fit in `width`, they
/// are aligned, the header underlined; else each row is a record of `Header: cell` lines, wrapped, rows apart, for a
/// row on one line would run off a terminal or a text printer's page. `between` goes between a header and its cell,
/// the locale's way (`: `, ` : `). A table without header text, too wide, prints its rows' cells on lines of their own.
/// A cell's lines (`<br>` in the article) stay lines: under each other in its column, or under its header.
fn text_table(head: &[String], rows: &[Vec<String>], indent: &str, between: &str, width: usize) -> String {
    let columns = rows.iter().map(Vec::len).chain([head.len()]).max().unwrap_or(0);
    // Each cell's lines, trimmed, without blank ones.
    fn lines_of(cells: &[String]) -> Vec<String> {
        let lines = |cell: &String| {
            let lines: Vec<&str> = cell.split('\n').map(str::trim).filter(|line| !line.is_empty()).collect();
            lines.join("\n")
        };
        cells.iter().map(lines).collect()
    }
    let (head, rows) = (lines_of(head), rows.iter().map(|row| lines_of(row)).collect::<Vec<_>>());
    fn cell(row: &[String], column: usize) -> &str {
        row.get(column).map_or("", String::as_str)
    }
    let has_head = head.iter().any(|cell| !cell.trim().is_empty());
    let shown: Vec<&[String]> =
        has_head.then_some(head.as_slice()).into_iter().chain(rows.iter().map(Vec::as_slice)).collect();
    let widest_line = |text: &str| text.split('\n').map(|line| line.width()).max().unwrap_or(0);
    let widths: Vec<usize> =
        (0..columns).map(|column| shown.iter().map(|row| widest_line(cell(row, column))).max().unwrap_or(0)).collect();
    let line_width = indent.width() + widths.iter().sum::<usize>() + 3 * columns.saturating_sub(1);
    let mut lines: Vec<String> = Vec::new();
    if line_width <= width {
        // A row as many lines as its fullest cell has, each cell's lines in its column.
        let aligned = |row: &[String], lines: &mut Vec<String>| {
            let cells: Vec<Vec<&str>> = (0..columns).map(|column| cell(row, column).split('\n').collect()).collect();
            for at in 0..cells.iter().map(Vec::len).max().unwrap_or(1) {
                let line = cells.iter().enumerate().map(|(column, cell)| {
                    let text = cell.get(at).copied().unwrap_or_default();
                    let pad = if column + 1 == columns { 0 } else { widths[column] - text.width() };
                    format!("{text}{}", " ".repeat(pad))
                });
                lines.push(line.collect::<Vec<_>>().join(" | ").trim_end().to_owned());
            }
        };
        for (index, row) in shown.iter().enumerate() {
            aligned(row, &mut lines);
            if has_head && index == 0 {
                lines.push(widths.iter().map(|width| "-".repeat(*width)).collect::<Vec<_>>().join("-+-"));
            }
        }
        return lines.join(&format!("\n{indent}"));
    }
    let continued = format!("{indent}  ");
    for (index, row) in rows.iter().enumerate() {
        if index > 0 {
            lines.push(String::new());
        }
        for column in 0..columns {
            let text = cell(row, column);
            if text.is_empty() {
                continue;
            }
            // A header that ends with its own colon ("Note:") takes none of the locale's.
            let label = cell(&head, column).trim_end_matches([':', '：']).trim_end();
            let text = if label.is_empty() { text.to_owned() } else { format!("{label}{between}{text}") };
            lines.push(wrap(&text, &continued, width));
        }
    }
    // The blank line between records carries no indent.
    lines.join(&format!("\n{indent}")).replace(&format!("\n{indent}\n"), "\n\n")
}

/// Whether a line may end with `before` and the next start with `word`: not before a French "high" punctuation mark
/// (`:`, `?`, `!`, `;`, `»`), written after a space but read with the word before it, nor after an opening `«`; not
/// before a number and a full stop (`365.`), which would read as a list item; not inside a number whose thousands
/// are spaced (`1 000`).
/// `word` in the pieces a line may end between: itself, but for Chinese and Japanese, written without spaces, where a
/// line may end between any two characters, except before closing punctuation or a small kana and after opening
/// punctuation (the rules of Japanese typesetting, kinsoku).
fn pieces(word: &str) -> impl Iterator<Item = &str> {
    let mut rest = word;
    // An empty word (between two spaces) is one empty piece: the spaces as written stay.
    let mut first = true;
    std::iter::from_fn(move || {
        if rest.is_empty() && !std::mem::take(&mut first) {
            return None;
        }
        first = false;
        // An ASCII word is one piece: asked once per piece, not per character.
        let end = if rest.is_ascii() { rest.len() } else { first_break(rest) };
        let (piece, after) = rest.split_at(end);
        rest = after;
        Some(piece)
    })
}

/// Where the first piece of a non-ASCII `word` ends: before the first character a line may start with.
fn first_break(word: &str) -> usize {
    let mut characters = word.char_indices().peekable();
    while let Some((_, before)) = characters.next() {
        let Some(&(at, after)) = characters.peek() else { break };
        let ideographic = is_ideographic(before) || is_ideographic(after);
        if ideographic && !NO_LINE_START.contains(after) && !NO_LINE_END.contains(before) {
            return at;
        }
    }
    word.len()
}

/// Characters of scripts written without spaces between words: CJK punctuation, kana, ideographs, fullwidth forms.
fn is_ideographic(character: char) -> bool {
    matches!(
        character,
        '\u{3000}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{FF01}'..='\u{FF9F}'
    )
}

/// What may not start a line in Chinese and Japanese: closing punctuation, the prolonged sound mark, small kana.
const NO_LINE_START: &str = "、。，．・：；？！）」』】〕〉》ー々ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ";

/// What may not end a line in Chinese and Japanese: opening punctuation.
const NO_LINE_END: &str = "（「『【〔〈《";

fn may_break(before: &str, word: &str) -> bool {
    let digits = |text: &str| !text.is_empty() && text.bytes().all(|byte| byte.is_ascii_digit());
    let list_number = word.strip_suffix('.').is_some_and(digits);
    let thousands = before.len() <= 3
        && digits(before)
        && word.get(..3).is_some_and(digits)
        && !word[3..].starts_with(|c: char| c.is_ascii_digit());
    !(list_number || thousands || before == "«" || matches!(word, ":" | "?" | "!" | ";" | "»"))
}

/// Renders template `name` with the checklist as `checklist`.
pub fn render(environment: &Environment<'_>, name: &str, checklist: &impl Serialize) -> Result<String, RenderError> {
    let template_error = |error: Error| RenderError::Template {
        name: name.to_owned(),
        message: match error.line() {
            Some(line) => format!("line {line}: {error}"),
            None => error.to_string(),
        },
    };
    let template = environment.get_template(name).map_err(template_error)?;
    template.render(minijinja::context! { checklist => Value::from(Serde(checklist)) }).map_err(template_error)
}

fn load(overrides: Option<&Path>, name: &str) -> Result<Option<String>, Error> {
    let safe = Path::new(name).components().all(|component| matches!(component, Component::Normal(_)));
    if !safe {
        return Ok(None);
    }
    if let Some(file) = overrides.map(|dir| dir.join(name)).filter(|file| file.is_file()) {
        return std::fs::read_to_string(&file).map(Some).map_err(|error| {
            Error::new(ErrorKind::InvalidOperation, format!("cannot read {}: {error}", file.display()))
        });
    }
    Ok(assets::get(&format!("templates/{name}")).map(str::to_owned))
}

fn format_value(out: &mut Output<'_>, state: &mut State<'_, '_>, value: &Value) -> Result<(), Error> {
    if matches!(state.auto_escape(), AutoEscape::Custom(name) if name == MARKDOWN) && !value.is_safe() {
        let text = value.as_str().map_or_else(|| value.to_string(), str::to_owned);
        return out.write_str(&escape_markdown(&text)).map_err(Error::from);
    }
    escape_formatter(out, state, value)
}

/// `text` as the value of a double-quoted HTML attribute, in any template (Markdown's inline HTML too, whose own
/// escaping is Markdown's).
fn html_attribute(text: &str) -> Value {
    Value::from_safe_string(minijinja::HtmlEscape(text).to_string())
}

/// The longest word of code kept whole on a line; a longer one (a URL, a hash) must still break at the page's edge.
const MAX_UNBROKEN_CODE_WORD: usize = 60;

/// `code` as HTML, each word of it with a hyphen in a `word` span the print style keeps on one line: browsers break
/// after a hyphen, and a parameter printed as "-" at a line's end and "Type" on the next is retyped wrong.
fn code_words(code: &str) -> Value {
    use std::fmt::Write as _;
    let mut html = String::with_capacity(code.len());
    for (at, word) in code.split(' ').enumerate() {
        if at > 0 {
            html.push(' ');
        }
        let escaped = minijinja::HtmlEscape(word);
        // Writing to a String cannot fail.
        let _ = if word.contains('-') && word.chars().count() <= MAX_UNBROKEN_CODE_WORD {
            write!(html, "<span class=\"word\">{escaped}</span>")
        } else {
            write!(html, "{escaped}")
        };
    }
    Value::from_safe_string(html)
}

/// The columns a code line's leading white space takes, a tab as four (the print style's `tab-size`).
fn indent_width(line: &str) -> usize {
    line.chars()
        .map_while(|c| match c {
            ' ' => Some(1),
            '\t' => Some(4),
            _ => None,
        })
        .sum()
}

/// Whether a run of inlines shows nothing: `<a name>` anchors and white space only, as on a line of its own under a
/// heading.
fn all_unseen(inlines: Value) -> bool {
    let Ok(mut items) = inlines.try_iter() else { return false };
    items.all(|inline| {
        let field = |name: &str| inline.get_attr(name).ok().and_then(|value| value.as_str().map(str::to_owned));
        match field("kind").as_deref() {
            Some("anchor") => true,
            Some("text") => field("text").is_some_and(|text| text.trim().is_empty()),
            _ => false,
        }
    })
}

/// A quoted CSS string holding `text`, for `content:` in a style sheet: everything but letters, digits and spaces is
/// a hexadecimal escape, so no text can end the string, the rule or the `<style>` element.
fn css_string(text: &str) -> Value {
    let mut out = String::from("\"");
    for c in text.chars() {
        if c.is_alphanumeric() || c == ' ' {
            out.push(c);
        } else {
            out.push_str(&format!("\\{:x} ", u32::from(c)));
        }
    }
    out.push('"');
    Value::from_safe_string(out)
}

/// An inline code span that holds `code` whatever backticks it contains.
fn md_code(code: &str) -> Value {
    let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if code.starts_with('`') || code.ends_with('`') { " " } else { "" };
    Value::from_safe_string(format!("{fence}{pad}{}{pad}{fence}", code.replace(['\n', '\r'], " ")))
}

/// Article text for Markdown, escaped so that GitHub reads it back as the same text. A bare address outside a link
/// (`linked` false) is printed as an autolink, `<https://…>`: GitHub links it anyway, and would take the escapes of its
/// `_` into the address. At the start of a line (`line_start`), what would begin a list, a heading underline or a
/// break (`- `, `+ `, `2019. `, `===`) is escaped as well.
fn md_text(text: &str, line_start: bool, linked: bool) -> Value {
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    if line_start {
        let spaces = rest.len() - rest.trim_start_matches(' ').len();
        out.push_str(&rest[..spaces]);
        rest = &rest[spaces..];
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let marker = match rest[digits..].chars().next() {
            Some('.' | ')') if (1..=9).contains(&digits) => Some(digits),
            Some('-' | '+' | '=') if digits == 0 => Some(0),
            _ => None,
        };
        if let Some(at) = marker {
            out.push_str(&escape_markdown(&rest[..at]));
            out.push('\\');
            out.push_str(&rest[at..at + 1]);
            rest = &rest[at + 1..];
        }
    }
    while let Some((before, url, after)) = (!linked).then(|| bare_url(rest)).flatten() {
        out.push_str(&escape_markdown(before));
        if url.starts_with("www.") {
            // No autolink without a scheme: a link to the address GitHub would make of it.
            let _ = write!(out, "[{}](<http://{url}>)", escape_markdown(url));
        } else {
            let _ = write!(out, "<{url}>");
        }
        rest = after;
    }
    out.push_str(&escape_markdown(rest));
    Value::from_safe_string(out)
}

/// The first web address in `text` that starts a word, as GitHub's autolinks find one, with the text around it.
fn bare_url(text: &str) -> Option<(&str, &str, &str)> {
    let start = ["https://", "http://", "www."]
        .iter()
        .filter_map(|scheme| {
            text.match_indices(scheme)
                .map(|(at, _)| at)
                .find(|&at| text[..at].chars().next_back().is_none_or(|before| !before.is_alphanumeric()))
        })
        .min()?;
    let length = text[start..]
        .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`'))
        .unwrap_or(text.len() - start);
    let mut url = &text[start..start + length];
    // Trailing punctuation ends the sentence, not the address; so does a `)` the address did not open.
    loop {
        let trimmed = url.trim_end_matches(['.', ',', ':', ';', '!', '?', '\'', '*', '_', '~']);
        let unbalanced = trimmed.ends_with(')') && trimmed.matches(')').count() > trimmed.matches('(').count();
        let trimmed = if unbalanced { &trimmed[..trimmed.len() - 1] } else { trimmed };
        if trimmed.len() == url.len() {
            break;
        }
        url = trimmed;
    }
    let scheme_end = url.find("//").map_or(4, |at| at + 2);
    (url.len() > scheme_end).then(|| (&text[..start], url, &text[start + url.len()..]))
}

/// A table cell's Markdown with a `\` before every `|`, those of code spans and addresses too: GitHub ends the cell
/// at any bar without one, wherever it stands, and reads `\|` as `|` before it reads the cell (so `\\|`, an escaped
/// backslash and a bar, must be `\\\|`).
fn md_cell(markdown: &str) -> Value {
    Value::from_safe_string(markdown.replace('|', "\\|"))
}

/// A code fence longer than any run of backticks in `code`, so the code cannot close it.
fn md_fence(code: &str) -> Value {
    let longest = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    Value::from_safe_string("`".repeat(longest.max(2) + 1))
}

/// A code block's language as a fence's info string (`powershell`, `azurecli-interactive`, `c#`), so viewers
/// highlight it; nothing when it holds anything else, which could end the fence line or read as Markdown.
fn md_fence_language(language: Option<&str>) -> Value {
    let usable = language.filter(|language| {
        language.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | '#' | '.'))
    });
    Value::from_safe_string(usable.unwrap_or_default().to_owned())
}

/// A link destination for Markdown: in angle brackets, with what would end it percent-encoded.
fn md_url(url: &str) -> Value {
    let mut out = String::from("<");
    for c in url.chars() {
        match c {
            '<' | '>' | ' ' | '\n' | '\r' | '\\' => {
                let _ = write!(out, "%{:02X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('>');
    Value::from_safe_string(out)
}

fn translate(strings: &Strings, id: &str, kwargs: &Kwargs) -> Result<String, Error> {
    // A custom template naming a message no locale has is a template error, as an undefined variable is.
    if !strings.has(id) {
        return Err(Error::new(ErrorKind::InvalidOperation, format!("t(\"{id}\"): no such UI string in locales/")));
    }
    let mut args: Vec<(&str, FluentValue<'_>)> = Vec::new();
    for name in kwargs.args() {
        let value: Value = kwargs.get(name)?;
        let fluent = match value.as_i64() {
            Some(number) => FluentValue::from(number),
            None => FluentValue::from(value.as_str().map_or_else(|| value.to_string(), str::to_owned)),
        };
        args.push((name, fluent));
    }
    Ok(strings.get(id, &args))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_quotes_and_spaced_thousands_stay_whole_across_a_wrap() {
        let quoted = wrap("un texte assez long pour « zero-day » ici", "", 16);
        assert!(quoted.lines().any(|line| line.ends_with("« zero-day »")), "{quoted}");
        let thousands = wrap("plus de 1 000 boîtes", "", 10);
        assert!(thousands.contains("1 000"), "{thousands}");
        assert!(may_break("de", "1"), "a number may start a line");
        assert!(may_break("12", "1000"), "four digits are another number");
    }

    #[test]
    fn a_table_that_fits_is_aligned_and_one_that_does_not_is_a_record_per_row() {
        let cells = |row: &[&str]| row.iter().map(|cell| (*cell).to_owned()).collect::<Vec<_>>();
        let head = cells(&["ID", "Ports", "Notes"]);
        let rows = vec![cells(&["1", "443", "HTTPS"]), cells(&["22", "80, 443", ""])];
        assert_eq!(
            text_table(&head, &rows, "  ", ": ", 80),
            "ID | Ports   | Notes\n  ---+---------+------\n  1  | 443     | HTTPS\n  22 | 80, 443 |"
        );
        let long = "a sentence long enough that the row can no longer hold on one line of the page";
        let rows = vec![cells(&["1", "443", long]), cells(&["22", "80", "Web"])];
        assert_eq!(
            text_table(&head, &rows, "  ", ": ", 80),
            "ID: 1\n  Ports: 443\n  Notes: a sentence long enough that the row can no longer hold on one line of\n    \
             the page\n\n  ID: 22\n  Ports: 80\n  Notes: Web"
        );
        // French puts a no-break space before the colon.
        let french = text_table(&head, &rows, "", "\u{a0}: ", 80);
        assert!(french.starts_with("ID\u{a0}: 1\nPorts\u{a0}: 443\n"), "{french}");
        assert_eq!(text_table(&cells(&["", ""]), &[cells(&["a", "b"])], "", ": ", 80), "a | b", "no header, no rule");
        let long = "x".repeat(90);
        let own_colon = text_table(&cells(&["Note:", ""]), &[cells(&["clientId", &long])], "", ": ", 80);
        assert!(
            own_colon.starts_with(
                "Note: clientId
"
            ),
            "one colon: {own_colon}"
        );
        // A cell's lines (`<br>`) stay lines in a record, under its header, without the spaces around them.
        let lines = cells(&["1", "443", &format!("{long}  \n.asmx \n.ascx\n")]);
        let record = text_table(&head, &[lines], "", ": ", 80);
        assert!(record.ends_with("\n  .asmx\n  .ascx"), "{record}");
    }

    #[test]
    fn wrap_breaks_between_words_keeps_hard_breaks_and_indents_what_goes_on() {
        assert_eq!(wrap("one two three four", "  ", 20), "one two three four");
        assert_eq!(wrap("alpha beta gamma delta epsilon", "  ", 22), "alpha beta gamma\n  delta epsilon");
        // A hard break already carries the indent; a word longer than the line stays whole.
        assert_eq!(wrap("first line\n  second", "  ", 40), "first line\n  second");
        let word = "x".repeat(30);
        assert_eq!(wrap(&format!("a {word}"), "", 20), format!("a\n{word}"));
        // No line starts with French punctuation set off by a space, nor with what reads as a list number.
        assert_eq!(wrap("Voulez-vous continuer ?", "", 20), "Voulez-vous\ncontinuer ?");
        // Nor does one pass the width for it: the word before goes down too, and the one before that when it may not
        // start a line either.
        assert_eq!(wrap("Sign in to Office 365. Then", "", 20), "Sign in to\nOffice 365. Then");
        assert_eq!(wrap("Go read steps 3 4. 5. Then", "", 20), "Go read steps\n3 4. 5. Then");
        assert_eq!(wrap("Alors il dit « Continuer", "", 20), "Alors il dit\n« Continuer");
        assert_eq!(wrap("Select the version 4. Then", "", 18), "Select the\nversion 4. Then");
    }

    #[test]
    fn markdown_text_reads_back_as_written() {
        let text = |text: &str, line_start: bool, linked: bool| md_text(text, line_start, linked).to_string();
        assert_eq!(text("2019. A year", true, false), "2019\\. A year");
        assert_eq!(text("- not a list", true, false), "\\- not a list");
        assert_eq!(text("- mid-line", false, false), "- mid-line");
        assert_eq!(text("Version 4. Then", true, false), "Version 4. Then");
        assert_eq!(text("see https://a.com/x_y.", false, false), "see <https://a.com/x_y>.");
        assert_eq!(text("(https://a.com/b_(c))!", false, false), "(<https://a.com/b_(c)>)\\!");
        assert_eq!(text("https://a.com/x_y", false, true), "https://a.com/x\\_y", "a link's text is no link");
        assert_eq!(text("xhttps://a.com", false, false), "xhttps://a.com");
        assert_eq!(text("see www.a.com/x_y.", false, false), "see [www.a.com/x\\_y](<http://www.a.com/x_y>).");
        assert_eq!(text("&copy; 2019", false, false), "\\&copy; 2019", "an entity's text, not the entity");
        assert_eq!(text("https:// alone", false, false), "https:// alone");
    }

    #[test]
    fn a_table_cell_escapes_every_bar() {
        assert_eq!(md_cell("`a|b` \\| c").to_string(), "`a\\|b` \\\\| c");
        assert_eq!(md_cell("`a\\|b`").to_string(), "`a\\\\|b`", "code's own backslash stays");
    }

    #[test]
    fn parts_wrap_between_parts_only() {
        let parts = ["Checklist", &"x".repeat(70), "Article date: August 25, 2025"].map(str::to_owned);
        let joined = join_wrapped(&parts, " · ", 80);
        // A separator at a line's end would dangle: the line break stands for it.
        assert_eq!(joined, format!("Checklist\n{}\nArticle date: August 25, 2025", "x".repeat(70)));
        assert_eq!(join_wrapped(&parts[..1], " · ", 80), "Checklist");
    }

    /// Japanese and Chinese are written without spaces: a line ends between two characters, but never before a
    /// closing mark or a small kana, nor after an opening one, and Latin words inside stay whole.
    #[test]
    fn text_without_spaces_wraps_between_characters() {
        let japanese = "共有フォルダーを作成します。「ファイル共有」を選択してからMicrosoftTeamsを開きます。";
        let wrapped = wrap(japanese, "", 20);
        assert_eq!(wrapped.replace('\n', ""), japanese, "nothing added or lost");
        for line in wrapped.lines() {
            assert!(line.width() <= 20, "{line:?} in {wrapped}");
            assert!(!line.starts_with(['。', 'ー', 'ッ', '」']) && !line.ends_with('「'), "{wrapped}");
        }
        assert!(wrapped.contains("MicrosoftTeams"), "{wrapped}");
        assert_eq!(
            wrap("あいうえおかきくけこ。", "", 20),
            "あいうえおかきくけ\nこ。",
            "the full stop goes with its kana"
        );
    }

    #[test]
    fn markdown_escaping_keeps_text_literal() {
        assert_eq!(
            escape_markdown("**Users** > [x](javascript:y) `c` {{ 7*7 }}"),
            r"\*\*Users\*\* \> \[x\](javascript:y) \`c\` \{\{ 7\*7 \}\}"
        );
        assert_eq!(md_code("a`b").to_string(), "``a`b``");
        assert_eq!(md_code("`x`").to_string(), "`` `x` ``");
        assert_eq!(md_url("https://a.example/x y>").to_string(), "<https://a.example/x%20y%3E>");
        assert_eq!(md_fence("a ```` b").to_string(), "`````");
        assert_eq!(md_fence("plain").to_string(), "```");
        assert_eq!(md_fence_language(Some("azurecli-interactive")).to_string(), "azurecli-interactive");
        assert_eq!(md_fence_language(Some("c#")).to_string(), "c#");
        assert_eq!(md_fence_language(Some("x`y")).to_string(), "", "a backtick would end the fence line");
        assert_eq!(md_fence_language(Some("a *b*")).to_string(), "");
        assert_eq!(md_fence_language(None).to_string(), "");
    }

    #[test]
    fn css_strings_cannot_end_the_string_rule_or_style_element() {
        assert_eq!(css_string("Fermer le compte").to_string(), "\"Fermer le compte\"");
        assert_eq!(css_string("a\"}</style>é").to_string(), r#""a\22 \7d \3c \2f style\3e é""#);
    }

    #[test]
    fn override_names_cannot_leave_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(Some(dir.path()), "../etc/passwd").unwrap(), None);
        assert_eq!(load(Some(dir.path()), "/etc/passwd").unwrap(), None);
        std::fs::write(dir.path().join("checklist.txt"), "custom").unwrap();
        assert_eq!(load(Some(dir.path()), "checklist.txt").unwrap().as_deref(), Some("custom"));
        assert!(load(Some(dir.path()), "checklist.md").unwrap().is_some(), "falls back to the bundled template");
    }
}
