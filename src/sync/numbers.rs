//! Numbers in running text, compared without their separators.
//!
//! A number is a run of digits, continued across `.`, `,`, a no-break space (U+00A0, U+202F) or a thin space when a
//! digit follows, and across an ordinary space when exactly three digits follow (French thousands). Its key is its
//! digits alone, so `1,000`, `1 000` and `1000` are equal, and so are the decimals `1.5` and `1,5`.

use std::ops::Range;

use super::ascii;

/// One number found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number {
    /// The digits, separators removed.
    pub key: String,
    /// Where it is in the text searched (bytes).
    pub range: Range<usize>,
}

/// The numbers in `text`, in order.
pub fn numbers(text: &str) -> Vec<Number> {
    let mut found = Vec::new();
    let digits_at = |at: usize| text[at..].bytes().take_while(u8::is_ascii_digit).count();
    let mut from = 0;
    // Digits are ASCII, so every byte found is a character boundary.
    while let Some(start) = ascii::first_digit(&text.as_bytes()[from..]).map(|at| from + at) {
        let mut key = String::new();
        let mut end = start;
        loop {
            let digits = digits_at(end);
            key.push_str(&text[end..end + digits]);
            end += digits;
            let Some(next) = text[end..].chars().next() else { break };
            let digits_after = digits_at(end + next.len_utf8());
            let joins = match next {
                '.' | ',' | '\u{a0}' | '\u{202f}' | '\u{2009}' => digits_after > 0,
                ' ' => digits_after == 3,
                _ => false,
            };
            if !joins {
                break;
            }
            end += next.len_utf8();
        }
        found.push(Number { key, range: start..end });
        from = end;
    }
    found
}

/// Numbers written as words, which translations write as digits or the other way round (`6 different` and `six
/// catégories`; `1 hour` and `une heure`).
const SPELLED: [(&str, &[&str]); 12] = [
    ("1", &["one", "un", "une"]),
    ("2", &["two", "deux"]),
    ("3", &["three", "trois"]),
    ("4", &["four", "quatre"]),
    ("5", &["five", "cinq"]),
    ("6", &["six"]),
    ("7", &["seven", "sept"]),
    ("8", &["eight", "huit"]),
    ("9", &["nine", "neuf"]),
    ("10", &["ten", "dix"]),
    ("11", &["eleven", "onze"]),
    ("12", &["twelve", "douze"]),
];

/// The numbers of `source` and `target` that the other lacks, counting repeats: (only in source, only in target).
/// A number one side lacks is not counted when the other side's text (`source_text`, `target_text`) spells it out,
/// nor when it is the `00` minutes of a French time (`3 h 00` for `3 am`).
pub fn differences<'a>(
    source: &'a [Number],
    source_text: &str,
    target: &'a [Number],
    target_text: &str,
) -> (Vec<&'a Number>, Vec<&'a Number>) {
    let mut unmatched: Vec<&Number> = target.iter().collect();
    let mut only_source = Vec::new();
    for number in source {
        match unmatched.iter().position(|candidate| candidate.key == number.key) {
            Some(index) => {
                unmatched.remove(index);
            }
            None => only_source.push(number),
        }
    }
    let spelled_in = |text: &str, key: &str| {
        let Some((_, words)) = SPELLED.iter().find(|(digits, _)| *digits == key) else { return false };
        text.split(|character: char| !character.is_alphabetic())
            .any(|word| words.iter().any(|spelled| spelled.eq_ignore_ascii_case(word)))
    };
    only_source.retain(|number| !spelled_in(target_text, &number.key));
    unmatched.retain(|number| number.key != "00" && !spelled_in(source_text, &number.key));
    (only_source, unmatched)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        numbers(text).into_iter().map(|number| number.key).collect()
    }

    #[test]
    fn separators_do_not_matter() {
        assert_eq!(keys("1,000 users, 1.5 GB"), ["1000", "15"]);
        assert_eq!(keys("1 000 utilisateurs, 1,5 Go"), ["1000", "15"]);
        assert_eq!(keys("10\u{a0}000 et 1\u{202f}000"), ["10000", "1000"]);
    }

    #[test]
    fn sentence_punctuation_ends_a_number() {
        assert_eq!(keys("Repeat steps 4 and 5."), ["4", "5"]);
        assert_eq!(keys("étapes 3 à 5, puis 6."), ["3", "5", "6"]);
        assert_eq!(keys("Windows 10 1903"), ["10", "1903"]);
    }

    #[test]
    fn ranges_point_at_the_number_as_written() {
        let text = "Étape 1 : 1 000 éléments";
        let found = numbers(text);
        assert_eq!(&text[found[1].range.clone()], "1 000");
    }

    #[test]
    fn spelled_numbers_and_french_minutes_match() {
        let (source_text, target_text) = ("the 6 different categories, 1 hour", "les six catégories, une heure");
        let (source, target) = (numbers(source_text), numbers(target_text));
        assert_eq!(differences(&source, source_text, &target, target_text), (vec![], vec![]));
        let (source_text, target_text) = ("between 3 am and 5 am", "entre 3 h 00 et 5 h 00");
        let (source, target) = (numbers(source_text), numbers(target_text));
        assert_eq!(differences(&source, source_text, &target, target_text), (vec![], vec![]));
    }

    #[test]
    fn differences_count_repeats() {
        let source = numbers("steps 4 and 5, 5");
        let target = numbers("étapes 3 à 5");
        let (only_source, only_target) = differences(&source, "", &target, "");
        assert_eq!(only_source.iter().map(|n| n.key.as_str()).collect::<Vec<_>>(), ["4", "5"]);
        assert_eq!(only_target.iter().map(|n| n.key.as_str()).collect::<Vec<_>>(), ["3"]);
    }
}
