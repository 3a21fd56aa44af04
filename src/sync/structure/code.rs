//! Where paired code first differs: the first line, and in it the first token, white space and blank lines aside.

use crate::report::{clip, inline_code};

/// How much of a code token or line a message quotes.
pub(super) const MAX_QUOTED_CODE_CHARS: usize = 60;

/// Where paired code first differs.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct CodeDifference<'a, 'b> {
    /// What differs, in the words of a finding: the target's token and the source's, each after the token before it.
    pub(super) message: String,
    /// The target line it is on, trimmed.
    pub(super) line: &'b str,
    /// The bytes of `line` to point at: the differing token, or the whole line when lines are missing or extra.
    pub(super) token: std::ops::Range<usize>,
    /// The source line it is on, trimmed, and the bytes of it to point at, as for the target; `None` when the target
    /// has a line the source lacks.
    pub(super) source: Option<(&'a str, std::ops::Range<usize>)>,
}

/// The first difference between source code `a` and target code `b`, white space (tabs against spaces, indentation,
/// line ends) and blank lines aside: the first line that differs, and in it the first token, so that a changed value
/// (`-SetSCL 5`) is named rather than its whole line. `source_name` is the source language's name.
pub(super) fn code_difference<'a, 'b>(a: &'a str, b: &'b str, source_name: &str) -> Option<CodeDifference<'a, 'b>> {
    fn lines(text: &str) -> Vec<&str> {
        text.lines().map(str::trim).filter(|line| !line.is_empty()).collect()
    }
    fn same(a: &str, b: &str) -> bool {
        a == b || a.split_whitespace().flat_map(str::chars).eq(b.split_whitespace().flat_map(str::chars))
    }
    fn tokens(line: &str) -> Vec<(std::ops::Range<usize>, &str)> {
        line.split_whitespace()
            .map(|token| {
                let start = token.as_ptr() as usize - line.as_ptr() as usize;
                (start..start + token.len(), token)
            })
            .collect()
    }
    let quoted = |text: &str| inline_code(&clip(text, MAX_QUOTED_CODE_CHARS));
    let (a, b) = (lines(a), lines(b));
    let at = a.iter().zip(&b).position(|(x, y)| !same(x, y));
    let at = match at {
        Some(at) => at,
        None if a.len() == b.len() => return None,
        None => a.len().min(b.len()),
    };
    let whole = |line: &'b str, source: Option<&'a str>, message: String| {
        let source = source.map(|source| (source, 0..source.len()));
        Some(CodeDifference { message, line, token: 0..line.len(), source })
    };
    // A line added (a comment written in the translation's language) or left out, the rest the same, is that line.
    let next_is = |lines: &[&str], other: Option<&&str>| lines.get(at + 1).zip(other).is_some_and(|(x, y)| same(x, y));
    if next_is(&b, a.get(at)) {
        return whole(b[at], None, format!("line {} is not in the {source_name} code", quoted(b[at])));
    }
    if next_is(&a, b.get(at)) {
        let message = format!("this code lacks the {source_name} line {} before this line", quoted(a[at]));
        return whole(b[at], Some(a[at]), message);
    }
    match (a.get(at), b.get(at)) {
        (Some(source_line), Some(target_line)) => {
            let (source_tokens, target_tokens) = (tokens(source_line), tokens(target_line));
            // The first character that differs, white space aside, names the token on each side: a space added
            // before it (`$p = …` for `$p=…`) must not shift which token is named.
            let squeezed = |tokens: &[(std::ops::Range<usize>, &str)]| -> Vec<char> {
                tokens.iter().flat_map(|(_, token)| token.chars()).collect()
            };
            let (source_chars, target_chars) = (squeezed(&source_tokens), squeezed(&target_tokens));
            let differs_at = source_chars.iter().zip(&target_chars).take_while(|(x, y)| x == y).count();
            let (source_at, target_at) = (token_at(&source_tokens, differs_at), token_at(&target_tokens, differs_at));
            let with_before = |tokens: &[(std::ops::Range<usize>, &str)], index: usize| match index.checked_sub(1) {
                Some(before) => quoted(&format!("{} {}", tokens[before].1, tokens[index].1)),
                None => quoted(tokens[index].1),
            };
            let (range, source_range, message) = match (source_at, target_at) {
                // The token before is quoted on both sides when it is the same on both (`$p=Get-Foo` against
                // `$p = Get-Foo` would quote two different contexts for one difference).
                (Some(source), Some(target))
                    if source.checked_sub(1).map(|before| source_tokens[before].1)
                        == target.checked_sub(1).map(|before| target_tokens[before].1) =>
                {
                    (
                        target_tokens[target].0.clone(),
                        source_tokens[source].0.clone(),
                        format!(
                            "{} where the {source_name} code has {}",
                            with_before(&target_tokens, target),
                            with_before(&source_tokens, source)
                        ),
                    )
                }
                (Some(source), Some(target)) => (
                    target_tokens[target].0.clone(),
                    source_tokens[source].0.clone(),
                    format!(
                        "{} where the {source_name} code has {}",
                        quoted(target_tokens[target].1),
                        quoted(source_tokens[source].1)
                    ),
                ),
                (None, Some(target)) => (
                    target_tokens[target].0.clone(),
                    source_tokens.last().map_or(0..source_line.len(), |(range, _)| range.clone()),
                    format!("{} is not in the {source_name} code", with_before(&target_tokens, target)),
                ),
                // The target line is the start of the source line: point at its last token, which the missing one
                // follows.
                (missing, None) => {
                    let missing = missing.unwrap_or(source_tokens.len());
                    let range = target_tokens.last().map_or(0..target_line.len(), |(range, _)| range.clone());
                    let source_range =
                        source_tokens.get(missing).map_or(0..source_line.len(), |(range, _)| range.clone());
                    let message = format!(
                        "this line lacks {}, which the {source_name} code has after {}",
                        quoted(source_tokens.get(missing).map_or("", |(_, token)| token)),
                        quoted(missing.checked_sub(1).map_or("", |before| source_tokens[before].1))
                    );
                    (range, source_range, message)
                }
            };
            let source = Some((*source_line, source_range));
            Some(CodeDifference { message, line: target_line, token: range, source })
        }
        (Some(source_line), None) => {
            let last = b.last().copied().unwrap_or_default();
            whole(last, Some(source_line), format!("this code lacks the {source_name} line {}", quoted(source_line)))
        }
        (None, Some(target_line)) => whole(target_line, None, format!("this line is not in the {source_name} code")),
        (None, None) => None,
    }
}

/// The index of the token holding character `at` of the tokens put end to end, if the tokens reach that far.
pub(super) fn token_at(tokens: &[(std::ops::Range<usize>, &str)], at: usize) -> Option<usize> {
    let mut seen = 0;
    tokens.iter().position(|(_, token)| {
        seen += token.chars().count();
        seen > at
    })
}
