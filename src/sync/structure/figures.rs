//! The numbers in the text of a run of inlines, and the technical tokens (URLs, paths, identifiers) whose numbers are
//! not compared; and the numeric skeleton that tells two texts' numbers are written alike without reading them.

use crate::model::{Inline, Span};
use crate::sync::language;
use crate::sync::numbers::{self, Notation};

/// A number in the text of a run, as written, and the span of the text inline holding it.
pub(super) struct Found<'a> {
    pub(super) number: numbers::Number,
    pub(super) written: &'a str,
    pub(super) inline: Span,
    /// The text of the inline it is written in.
    text: &'a str,
}

/// The numbers `indexes` of `found` for a message, apart by commas; two written one to the other with a sign or a
/// letter between (`17h30`, `9:00`, `2–3`) shown as written: they are one time or range to the reader.
pub(super) fn shown(indexes: &[usize], found: &[Found<'_>]) -> String {
    let mut shown: Vec<&str> = Vec::new();
    let mut previous: Option<&Found<'_>> = None;
    for &index in indexes {
        let this = &found[index];
        let joined = previous.filter(|previous| std::ptr::eq(previous.text, this.text)).and_then(|previous| {
            let between = this.text.get(previous.number.range.end..this.number.range.start)?;
            let joins = (1..=2).contains(&between.chars().count())
                && !between.contains(|c: char| c.is_whitespace() || c == ',' || c == ';');
            joins.then(|| &this.text[previous.number.range.start..this.number.range.end])
        });
        match (joined, shown.last_mut()) {
            (Some(written), Some(last)) => *last = written,
            _ => shown.push(this.written),
        }
        previous = Some(this);
    }
    shown.join(", ")
}

/// The numbers in the text of `inlines`, written in `notation` (not in code, link targets, URLs, paths or addresses).
pub(super) fn numbers_in(inlines: &[Inline], notation: Notation) -> Vec<Found<'_>> {
    fn walk<'a>(inlines: &'a [Inline], notation: Notation, out: &mut Vec<Found<'a>>) {
        for inline in inlines {
            match inline {
                Inline::Text { text, span } => {
                    for number in numbers::numbers(text, notation) {
                        if !in_technical_token(text, &number.range) {
                            let written = &text[number.range.clone()];
                            out.push(Found { number, written, inline: *span, text });
                        }
                    }
                }
                Inline::Emphasis { children, .. } => walk(children, notation, out),
                // An autolink's text is its URL.
                Inline::Link { children, target, .. } if !language::prose_text_is(children, target.trim()) => {
                    walk(children, notation, out);
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(inlines, notation, &mut out);
    out
}

/// The words of the text of `inlines` that hold a digit (`1,5`, `v6.1`, `à/24`), each with the space after it, in
/// order, words being what ASCII white space parts: texts with the same skeleton hold the same numbers, each in a word
/// of the same shape, so technical or not. Empty for a text without digits, without allocating.
pub(super) fn numeric_skeleton(inlines: &[Inline]) -> Vec<u8> {
    fn walk(inlines: &[Inline], out: &mut Vec<u8>) {
        for inline in inlines {
            match inline {
                Inline::Text { text, .. } => {
                    let bytes = text.as_bytes();
                    let mut from = 0;
                    while let Some(digit) = crate::sync::ascii::first_digit(&bytes[from..]).map(|at| from + at) {
                        let start = bytes[..digit].iter().rposition(u8::is_ascii_whitespace).map_or(0, |at| at + 1);
                        let end = bytes[digit..]
                            .iter()
                            .position(u8::is_ascii_whitespace)
                            .map_or(bytes.len(), |at| digit + at);
                        out.extend_from_slice(&bytes[start.max(from)..end]);
                        out.push(b' ');
                        from = end;
                    }
                }
                Inline::Emphasis { children, .. } | Inline::Link { children, .. } => walk(children, out),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(inlines, &mut out);
    out
}

/// Whether the whitespace-separated token around `range` is a URL, a path, an address or an identifier. A `/` between
/// numbers and words, a number first, is a separator (`3000/FX`, `24h/24`, `12/15/2017`, `IPv4/IPv6`), which a
/// translation may space out; after a word alone it is a path or a network prefix (`/24`, which machine translation
/// glues to the word before it: `à/24`).
pub(super) fn in_technical_token(text: &str, range: &std::ops::Range<usize>) -> bool {
    let token = &text[token_around(text, range)];
    let separated = |token: &str| {
        // A number, after letters or not and before at most two (`3000`, `1.5`, `24h`, `IPv6`), or a word (`FX`).
        let part = |part: &str| {
            let number = part.trim_start_matches(char::is_alphabetic);
            let after = number.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',');
            if after.len() == number.len() {
                return !part.is_empty() && number.is_empty();
            }
            after.chars().count() <= 2 && after.chars().all(char::is_alphabetic)
        };
        let token = token.trim_matches(|c: char| !c.is_alphanumeric() && c != '/');
        let first = token.split('/').next().unwrap_or_default();
        first.contains(|c: char| c.is_ascii_digit()) && token.split('/').all(part)
    };
    token.contains("://")
        || token.starts_with("www.")
        || token.contains(['@', '\\', '_', '='])
        || (token.contains('/') && !separated(token))
}

/// The whitespace-separated token of `text` around `range`.
pub(super) fn token_around(text: &str, range: &std::ops::Range<usize>) -> std::ops::Range<usize> {
    let start = text[..range.start]
        .char_indices()
        .rev()
        .find(|(_, character)| character.is_whitespace())
        .map_or(0, |(at, character)| at + character.len_utf8());
    let end = text[range.end..].find(char::is_whitespace).map_or(text.len(), |at| range.end + at);
    start..end
}

/// The URL, path or identifier in the text of `inlines` that holds the number `key` (written in `notation`), and the
/// span of its text inline. Numbers there are not compared, so a translation that breaks such a token apart
/// (`application/vnd. MS-Excel. Sheet. macroenabled. 12`) shows its number on its own.
pub(super) fn technical_token_holding<'a>(
    inlines: &'a [Inline],
    key: &str,
    notation: Notation,
) -> Option<(&'a str, Span)> {
    inlines.iter().find_map(|inline| match inline {
        Inline::Text { text, span } => numbers::numbers(text, notation)
            .into_iter()
            .find(|number| number.key == key && in_technical_token(text, &number.range))
            .map(|number| (&text[token_around(text, &number.range)], *span)),
        Inline::Emphasis { children, .. } | Inline::Link { children, .. } => {
            technical_token_holding(children, key, notation)
        }
        _ => None,
    })
}
