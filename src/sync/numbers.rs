//! Numbers in running text, keyed on their value as the language writes it.
//!
//! A number is a run of digits continued across the separators its language's [`Notation`] uses, and its key is its
//! value: the digits without thousands separators, a `.` before the decimals, and a `-` when a minus sign comes
//! first. So English `1,000` and `1.5` equal French `1 000` (a space, a no-break space U+00A0, a narrow one U+202F or
//! a thin one) and `1,5`, while `1.5` and `15`, or `-1` and `1`, differ; `.25` is `0.25`. A minus sign counts only at
//! the start of a word (`SCL -1`, `SCL:-1`), never between two numbers (`1-5` is a range). Where a separator may be
//! read two ways, the number keeps both readings, and either matches: a decimal-comma language's `1,000` (English
//! thousands left as they were), and a number hyphenated to a word (`EquiSet-1`, `17a-4`), which a translation may
//! space out as `EquiSet -1`.
//!
//! Ordinals (`1st`, `3rd-party`, `1er`, `1re`, `2e`, `2ème`) match the other side's numbers (`January 1` is
//! `1er janvier`) but are never reported missing: a translation may write them as words (`3rd-party` is `tiers`).
//! So is the number of a product's name (`Office 365`, `M365`), which link texts and titles drop in one language, and
//! the numbers of "always" (`24/7`, `24h/24, 7j/7`, `24 heures sur 24`), which the other language may say in words (`every day`).
//! Digits written after letters in one word (`P2P`, `IPv6`, `x86`, `E5`) belong to a name, which a translation may
//! spell out (`peer-to-peer`): such a number is reported missing only where the other side writes the same letters
//! with another number (`IPv4` for `IPv6`).
//!
//! Values compare without leading zeros (`01 January` is `1er janvier`, `06h30` is `6:30`), and an hour before
//! `A.M.` or `P.M.` also reads as the 24-hour clock French writes (`5:30 P.M.` is `17h30`).
//!
//! [`differences`] compares the numbers of two paired texts as sets of values, not as multisets: a translation often
//! says a number once where the source repeats it (`Office 365 -- and only to Office 365` is `Office 365 uniquement`),
//! and a changed number shows as a value one side lacks, whatever the repeats.

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::align::{Objective, Pairing, align};
use super::ascii;

/// How a language writes decimals and thousands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notation {
    /// `1,000.5` (English, Japanese, Korean, Chinese).
    DecimalPoint,
    /// `1 000,5` (French and most other European languages); `.` still reads as a decimal point (`TLS 1.2`).
    DecimalComma,
}

impl Notation {
    /// The notation of `locale` (`en-us`, `fr-fr`).
    pub fn of(locale: &str) -> Self {
        match crate::i18n::language_of(locale).as_str() {
            "en" | "ja" | "ko" | "zh" => Self::DecimalPoint,
            _ => Self::DecimalComma,
        }
    }
}

/// One number found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Number {
    /// The value: digits, an optional `.` and decimals, an optional leading `-` (`1000`, `1.5`, `-1`). Numbers with
    /// several dots (versions, addresses) keep them all (`16.0.4266`).
    pub key: String,
    /// Another reading of an ambiguous separator (French `1,000`: `1.000`, or `1000` as English writes it).
    pub alternative: Option<String>,
    /// Where it is in the text searched (bytes), minus sign included.
    pub range: Range<usize>,
    /// An ordinal (`3rd`, `1er`), the number of a product's name (`Office 365`, `M365`) or of "always" (`24/7`): it
    /// matches, but need not appear on the other side (a translation may write an ordinal as a word, or a title
    /// without its product).
    pub optional: bool,
    /// The letters written before the number in the same word, lower-cased (`p` in `P2P`, `ipv` in `IPv6`): the
    /// number is part of a name.
    pub word: Option<String>,
    /// Part of a way of writing "always" (`24/7`, `24h/24`, `7j/7`): it matches only a number of the same kind or one of
    /// hours or days (`24 hours a day` and `24h/24`), not a table's row 7 that machine translation made `7j/7`.
    pub always: bool,
    /// Followed by a unit of time (`24 hours`, `7 jours`), or [`Number::always`].
    pub of_time: bool,
}

impl Number {
    /// The values the number may have, without leading zeros (`06` is `6`).
    fn readings(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.key.as_str()).chain(self.alternative.as_deref()).map(without_leading_zeros)
    }

    /// Whether the two numbers may be the same value.
    fn same(&self, other: &Number) -> bool {
        if (self.always && !other.of_time) || (other.always && !self.of_time) {
            return false;
        }
        self.readings().any(|reading| other.readings().any(|other| other == reading))
    }
}

/// Letters after digits that make an ordinal, English and French (compared lower-cased).
const ORDINAL_SUFFIXES: [&str; 16] =
    ["st", "nd", "rd", "th", "er", "re", "ère", "ers", "res", "ères", "e", "es", "ème", "èmes", "nde", "ndes"];

/// The numbers in `text`, written in `notation`, in order; ordinals left out.
pub fn numbers(text: &str, notation: Notation) -> Vec<Number> {
    let bytes = text.as_bytes();
    let digits_at = |at: usize| bytes[at.min(bytes.len())..].iter().take_while(|byte| byte.is_ascii_digit()).count();
    let mut found = Vec::new();
    let mut from = 0;
    // Digits are ASCII, so every byte found is a character boundary.
    while let Some(start) = ascii::first_digit(&bytes[from..]).map(|at| from + at) {
        let mut end = start + digits_at(start);
        // Each separator joined, with the number of digits after it.
        let mut separators: Vec<(char, usize)> = Vec::new();
        while let Some(next) = text[end..].chars().next() {
            let digits_after = digits_at(end + next.len_utf8());
            let joins = match next {
                '.' | ',' => digits_after > 0,
                // Thousands, and the groups of phone numbers (`0805 540 594`).
                ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' => digits_after == 3,
                _ => false,
            };
            if !joins {
                break;
            }
            separators.push((next, digits_after));
            end += next.len_utf8() + digits_after;
        }
        from = end;
        let written = &text[start..end];
        let always = separators.is_empty() && around_the_clock(text, start);
        let of_time = always || is_of_time(&text[end..]);
        let optional =
            separators.is_empty() && (is_ordinal(&text[end..]) || names_a_product(&text[..start], written) || always);
        let word = word_before(&text[..start]);
        let (mut key, mut alternative) = value(written, &separators, notation);
        let said_twice = found
            .last()
            .is_some_and(|previous: &Number| previous.key == key && always_in_words(&text[previous.range.end..start]));
        if separators.is_empty() {
            alternative = alternative.or_else(|| twenty_four_hour(&key, &text[end..]));
        }
        let mut start = start;
        let before = &text[..start];
        if let Some(sign) = minus_before(before) {
            start -= sign;
            key.insert(0, '-');
            if let Some(alternative) = &mut alternative {
                alternative.insert(0, '-');
            }
        } else if before.ends_with('-') && before[..before.len() - 1].ends_with(char::is_alphanumeric) {
            alternative = alternative.or_else(|| Some(format!("-{key}")));
        } else if before.ends_with('.') && !before[..before.len() - 1].ends_with(|c: char| c.is_alphanumeric()) {
            start -= 1;
            key.insert_str(0, "0.");
        }
        let mut number = Number { key, alternative, range: start..end, optional, word, always, of_time };
        if said_twice && let Some(previous) = found.last_mut() {
            for said in [previous, &mut number] {
                (said.always, said.optional, said.of_time) = (true, true, true);
            }
        }
        found.push(number);
    }
    found
}

/// Whether `between`, the text between two numbers of one value, makes them French "always" in words: `24 heures
/// sur 24`, `7 jours sur 7`.
fn always_in_words(between: &str) -> bool {
    let mut words = between.split_whitespace();
    match (words.next(), words.next(), words.next()) {
        (Some(unit), Some(on), None) => on == "sur" && is_of_time(unit),
        _ => false,
    }
}

/// The value of the number `written` with its `separators` (each with the count of digits after it), and another
/// reading when a separator is ambiguous.
fn value(written: &str, separators: &[(char, usize)], notation: Notation) -> (String, Option<String>) {
    let digits = |text: &str| text.chars().filter(char::is_ascii_digit).collect::<String>();
    let dots = separators.iter().filter(|(separator, _)| *separator == '.').count();
    let commas = separators.iter().filter(|(separator, _)| *separator == ',').count();
    let decimal = match notation {
        Notation::DecimalPoint => '.',
        Notation::DecimalComma => ',',
    };
    let decimals = separators.iter().filter(|(separator, _)| *separator == decimal).count();
    // Versions and addresses: every dot kept; a decimal-comma language may also mean thousands (`1.000.000`).
    if dots >= 2 && commas == 0 {
        let thousands = (notation == Notation::DecimalComma && separators.iter().all(|&(_, after)| after == 3))
            .then(|| digits(written));
        return (written.chars().filter(|c| c.is_ascii_digit() || *c == '.').collect(), thousands);
    }
    let split_at = |separator: char| {
        let (whole, fraction) = written.rsplit_once(separator).unwrap_or((written, ""));
        format!("{}.{}", digits(whole), digits(fraction))
    };
    match notation {
        Notation::DecimalPoint if dots == 1 => (split_at('.'), None),
        // `{0,50}`, `1,2`: not thousands; read as the decimal-comma languages read them.
        Notation::DecimalPoint
            if commas == 1 && separators.iter().any(|&(separator, after)| separator == ',' && after != 3) =>
        {
            (split_at(','), None)
        }
        Notation::DecimalComma if decimals == 1 => {
            // `1,000` in a French text may be English thousands left as they were.
            let english_thousands =
                (dots == 0 && separators.iter().all(|&(_, after)| after == 3)).then(|| digits(written));
            (split_at(','), english_thousands)
        }
        Notation::DecimalComma if dots == 1 && commas == 0 => {
            // `TLS 1.2` keeps its dot; `1.000` may also be thousands.
            let thousands = separators.iter().all(|&(_, after)| after == 3).then(|| digits(written));
            (split_at('.'), thousands)
        }
        // `1,073,741,824`: English thousands left as they were.
        Notation::DecimalComma if decimals > 1 && separators.iter().all(|&(_, after)| after == 3) => {
            (digits(written), None)
        }
        Notation::DecimalComma if decimals > 1 => (written.to_owned(), None),
        _ => (digits(written), None),
    }
}

/// Whether the letters at the start of `after` (what follows a number) make it an ordinal: `st` in `1st`, `rd` in
/// `3rd-party`, `er` in `1er`, `ème` in `2ème`.
fn is_ordinal(after: &str) -> bool {
    let letters = after.find(|character: char| !character.is_alphabetic()).unwrap_or(after.len());
    // The longest suffix is five bytes (`èmes`): longer words (`GB`, `ms` are shorter but not suffixes) are units.
    (1..=5).contains(&letters) && ORDINAL_SUFFIXES.contains(&after[..letters].to_lowercase().as_str())
}

/// `reading` without the zeros that lead its whole part (`06` is `6`, `0.5` stays).
fn without_leading_zeros(reading: &str) -> &str {
    let digits = reading.trim_start_matches('-');
    let zeros = digits.len() - digits.trim_start_matches('0').len();
    let kept = match digits.as_bytes().get(zeros) {
        Some(byte) if byte.is_ascii_digit() => zeros,
        // `0`, `00`, `0.5`: one zero stays.
        _ => zeros.saturating_sub(1),
    };
    if kept == 0 || reading.starts_with('-') {
        return reading;
    }
    &reading[kept..]
}

/// The letters that end `before` (the text before a number) when they start the number's word: `P` in `P2P`, `IPv`
/// in `IPv6`, `x` in `x86`. `None` after a space or punctuation, after a lone `v` (`v8.1` is a version, which a
/// translation may space out as `v 8.1`), and after digits (`06h30` is a time, `24x7` "always").
fn word_before(before: &str) -> Option<String> {
    let letters = &before[before.trim_end_matches(|c: char| c.is_ascii_alphabetic()).len()..];
    let starts_word =
        before[..before.len() - letters.len()].chars().next_back().is_none_or(|previous| !previous.is_alphanumeric());
    (!letters.is_empty() && starts_word && !letters.eq_ignore_ascii_case("v")).then(|| letters.to_ascii_lowercase())
}

/// Ways of writing "always", in English and French, whose numbers the other language may not write (French also says
/// it in words, [`always_in_words`]).
const AROUND_THE_CLOCK: [&str; 5] = ["24/7", "24x7", "24/24", "24h/24", "7j/7"];

/// Whether the number at `start` in `text` is part of one of [`AROUND_THE_CLOCK`].
fn around_the_clock(text: &str, start: usize) -> bool {
    let part = |c: char| c.is_ascii_alphanumeric() || c == '/';
    let from = text[..start].trim_end_matches(part).len();
    let to = text[start..].find(|c: char| !part(c)).map_or(text.len(), |at| start + at);
    AROUND_THE_CLOCK.iter().any(|written| written.eq_ignore_ascii_case(&text[from..to]))
}

/// Units of time, English and French, singular and plural, compared lower-cased.
const UNITS_OF_TIME: [&str; 10] = ["hour", "hours", "day", "days", "heure", "heures", "jour", "jours", "h", "j"];

/// Whether `after` (the text after a number) starts with a unit of time, spaced or not: `24 hours`, `7j`.
fn is_of_time(after: &str) -> bool {
    let unit = after.trim_start_matches([' ', '\u{a0}']);
    let unit = &unit[..unit.find(|c: char| !c.is_alphabetic()).unwrap_or(unit.len())];
    UNITS_OF_TIME.iter().any(|known| known.eq_ignore_ascii_case(unit))
}

/// The hour `key` on the 24-hour clock, when `after` (the text after it) says `A.M.` or `P.M.`, minutes first or
/// not (`5:30 P.M.` is `17`, `12 AM` is `0`), and that differs from the hour as written.
fn twenty_four_hour(key: &str, after: &str) -> Option<String> {
    let hour: u32 = key.parse().ok().filter(|hour| (1..=12).contains(hour))?;
    let bytes = after.as_bytes();
    let minutes = bytes.len() >= 3 && bytes[0] == b':' && bytes[1..3].iter().all(u8::is_ascii_digit);
    let rest = after[if minutes { 3 } else { 0 }..].trim_start_matches([' ', '\u{a0}', '\u{202f}']);
    let word = rest.split(|c: char| !c.is_ascii_alphabetic() && c != '.').next()?;
    let marker: String = word.chars().filter(char::is_ascii_alphabetic).map(|c| c.to_ascii_lowercase()).collect();
    match (marker.as_str(), hour) {
        ("pm", 1..=11) => Some((hour + 12).to_string()),
        ("am", 12) => Some("0".to_owned()),
        _ => None,
    }
}

/// Whether `written`, after `before`, is the number of a product's name: `Office 365`, `Microsoft 365`,
/// `Dynamics 365`, `O365`, `M365`. Link texts and titles name the product in one language and not the other.
fn names_a_product(before: &str, written: &str) -> bool {
    if written != "365" {
        return false;
    }
    let word_start = before.trim_end_matches(char::is_alphabetic);
    let word = &before[word_start.len()..];
    let spaced = word.is_empty() && before.ends_with([' ', '\u{a0}']);
    if spaced {
        let name = before.trim_end();
        let name = &name[name.trim_end_matches(char::is_alphabetic).len()..];
        ["office", "microsoft", "dynamics"].iter().any(|product| product.eq_ignore_ascii_case(name))
    } else {
        ["o", "m"].iter().any(|product| product.eq_ignore_ascii_case(word))
    }
}

/// The length in bytes of the minus sign that ends `before` (the text before a number), when it is one: `-` or `−`
/// at the start of a word. After a digit, a letter or `%` it is a hyphen or a range (`1-5`, `Win-10`, `75%-85%`).
fn minus_before(before: &str) -> Option<usize> {
    let sign = before.chars().next_back().filter(|character| matches!(character, '-' | '\u{2212}'))?;
    let rest = &before[..before.len() - sign.len_utf8()];
    let starts_word =
        rest.chars().next_back().is_none_or(|previous| previous.is_whitespace() || "([{:=\"'«".contains(previous));
    starts_word.then_some(sign.len_utf8())
}

/// Numbers written as words, which translations write as digits or the other way round (`6 different` and `six
/// catégories`, `fifty` and `50`, `zero-hour` and `0 heure`). French `un` and `une` are not here: they are articles
/// far more often than the number 1 (see [`ONE_OF_THESE`]).
const SPELLED: [(&str, &[&str]); 32] = [
    ("0", &["zero", "zéro"]),
    ("1", &["one"]),
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
    ("13", &["thirteen", "treize"]),
    ("14", &["fourteen", "quatorze"]),
    ("15", &["fifteen", "quinze"]),
    ("16", &["sixteen"]),
    ("17", &["seventeen"]),
    ("18", &["eighteen"]),
    ("19", &["nineteen"]),
    ("20", &["twenty", "vingt"]),
    ("30", &["thirty", "trente"]),
    ("40", &["forty", "quarante"]),
    ("50", &["fifty", "cinquante"]),
    ("60", &["sixty", "soixante"]),
    ("70", &["seventy"]),
    ("80", &["eighty"]),
    ("90", &["ninety"]),
    ("100", &["hundred"]),
    ("1000", &["thousand", "mille"]),
    ("1000000", &["million"]),
    ("1000000000", &["billion", "milliard"]),
];

/// The French words after which `un` or `une` is the number 1, not an article: units of time (`1 hour` is
/// `une heure`) and `seul` (`un seul locataire`).
const ONE_OF_THESE: [&str; 12] =
    ["seconde", "minute", "heure", "jour", "semaine", "mois", "an", "année", "fois", "seul", "seule", "unique"];

/// Whether `text` has `un` or `une` before one of [`ONE_OF_THESE`].
fn has_french_one(text: &str) -> bool {
    let mut words = text.split(|character: char| !character.is_alphabetic()).filter(|word| !word.is_empty()).peekable();
    while let Some(word) = words.next() {
        if (word.eq_ignore_ascii_case("un") || word.eq_ignore_ascii_case("une"))
            && words.peek().is_some_and(|next| ONE_OF_THESE.iter().any(|unit| unit.eq_ignore_ascii_case(next)))
        {
            return true;
        }
    }
    false
}

/// The numbers a text spells out in words ([`SPELLED`], and French `un`/`une` as 1 where [`has_french_one`] says so).
struct Spelled {
    words: HashSet<String>,
    french_one: bool,
}

impl Spelled {
    fn in_text(text: &str) -> Self {
        let words = text
            .split(|character: char| !character.is_alphabetic())
            .filter(|word| !word.is_empty())
            .map(str::to_ascii_lowercase)
            .collect();
        Self { words, french_one: has_french_one(text) }
    }

    /// Whether the text spells out the number `key`.
    fn holds(&self, key: &str) -> bool {
        let key = without_leading_zeros(key);
        if key == "1" && self.french_one {
            return true;
        }
        SPELLED
            .iter()
            .find(|(digits, _)| *digits == key)
            .is_some_and(|(_, words)| words.iter().any(|spelled| self.words.contains(*spelled)))
    }
}

/// What two paired texts disagree on: indexes into their numbers.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Differences {
    /// The source numbers whose value the target lacks, one per value, in order.
    pub only_source: Vec<usize>,
    /// The target numbers whose value the source lacks, one per value, in order.
    pub only_target: Vec<usize>,
    /// The target number to point at: the first the source lacks, else the one in the place of the first number the
    /// target lacks (`Étape 6` where the source has `Step 5`); `None` when the target has no number there.
    pub at: Option<usize>,
}

impl Differences {
    /// Whether the texts agree.
    pub fn is_empty(&self) -> bool {
        self.only_source.is_empty() && self.only_target.is_empty()
    }
}

/// The values of `source` and `target` that the other lacks. A value one side lacks is not counted when the other
/// side's text (`source_text`, `target_text`) spells it out, nor when it is the `00` minutes of a French time (`3 h 00`
/// for `3 am`), nor when it is part of a name (`P2P`) and the other side has no number in a name of the same letters.
pub fn differences(source: &[Number], source_text: &str, target: &[Number], target_text: &str) -> Differences {
    let lacking = |numbers: &[Number], others: &[Number], others_text: &str, ignored: &dyn Fn(&Number) -> bool| {
        // Indexed once, so a text of many numbers is read in linear time.
        let mut by_reading: HashMap<&str, Vec<&Number>> = HashMap::new();
        for other in others {
            for reading in other.readings() {
                by_reading.entry(reading).or_default().push(other);
            }
        }
        let words: HashSet<Option<&str>> = others.iter().map(|other| other.word.as_deref()).collect();
        let spelled = OnceCell::new();
        let mut lacking: Vec<usize> = Vec::new();
        let mut keys = HashSet::new();
        for (index, number) in numbers.iter().enumerate() {
            let missing = !number.optional
                && (number.word.is_none() || words.contains(&number.word.as_deref()))
                && !number.readings().any(|reading| {
                    by_reading.get(reading).is_some_and(|alike| alike.iter().any(|other| other.same(number)))
                })
                && !spelled.get_or_init(|| Spelled::in_text(others_text)).holds(&number.key)
                && !ignored(number);
            if missing && keys.insert(number.key.as_str()) {
                lacking.push(index);
            }
        }
        lacking
    };
    let only_source = lacking(source, target, target_text, &|_| false);
    let only_target = lacking(target, source, source_text, &|number| number.key == "00");
    let at = only_target.first().copied().or_else(|| {
        let &first = only_source.first()?;
        // Numbers pair in order, as many as possible, then as many alike as possible: the target number paired with
        // the missing source one stands in its place.
        let pairings = align(source, target, Objective::MostPairs, |a, b| Some(if a.same(b) { 1.0 } else { 0.0 }));
        let step = pairings
            .iter()
            .position(|pairing| matches!(pairing, Pairing::Both(s, _) | Pairing::Source(s) if *s == first))?;
        pairings[step..].iter().chain(pairings[..step].iter().rev()).find_map(|pairing| match pairing {
            Pairing::Both(_, t) | Pairing::Target(t) => Some(*t),
            Pairing::Source(_) => None,
        })
    });
    Differences { only_source, only_target, at }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str, notation: Notation) -> Vec<String> {
        numbers(text, notation).into_iter().map(|number| number.key).collect()
    }

    fn english(text: &str) -> Vec<String> {
        keys(text, Notation::DecimalPoint)
    }

    fn french(text: &str) -> Vec<String> {
        keys(text, Notation::DecimalComma)
    }

    #[test]
    fn thousands_separators_do_not_matter_but_decimals_do() {
        assert_eq!(english("1,000 users, 1.5 GB, 1000 more"), ["1000", "1.5", "1000"]);
        assert_eq!(french("1 000 utilisateurs, 1,5 Go"), ["1000", "1.5"]);
        assert_eq!(french("10\u{a0}000 et 1\u{202f}000 et 2\u{2009}000"), ["10000", "1000", "2000"]);
        assert_eq!(english("1.5 TB"), ["1.5"]);
        assert_ne!(english("1.5 TB"), french("15 To"));
        assert_ne!(english("30 days"), french("3,0 jours"));
        assert_eq!(english("TLS 1.2 and 16.0.4266.1001"), french("TLS 1.2 et 16.0.4266.1001"));
    }

    #[test]
    fn a_french_comma_before_three_digits_reads_both_ways() {
        let [thousand] = numbers("1,000 éléments", Notation::DecimalComma).try_into().unwrap();
        assert_eq!((thousand.key.as_str(), thousand.alternative.as_deref()), ("1.000", Some("1000")));
        assert!(thousand.same(&numbers("1,000 items", Notation::DecimalPoint)[0]));
        assert_eq!(french("1,073,741,824 octets"), ["1073741824"]);
    }

    #[test]
    fn a_minus_sign_counts_at_the_start_of_a_word_only() {
        assert_eq!(english("Set the SCL to -1, or SCL:-1"), ["-1", "-1"]);
        assert_eq!(french("la valeur SCL sur \u{2212}1"), ["-1"]);
        assert_eq!(english("steps 1-5, Win-10, 75%-85%"), ["1", "5", "10", "75", "85"]);
        let text = "SCL to -1";
        assert_eq!(&text[numbers(text, Notation::DecimalPoint)[0].range.clone()], "-1");
    }

    #[test]
    fn a_product_name_s_number_matches_but_need_not_appear() {
        assert!(compare("See [Archiving in Office 365](a.md).", "Voir [Archivage](a.md).").is_empty());
        assert!(compare("Use O365 or M365 and Dynamics\u{a0}365.", "Utilisez-les.").is_empty());
        assert!(!compare("Keep 365 days.", "Conservez-les 30 jours.").is_empty(), "a number of days is no name");
        assert!(!compare("Office 2016 and Office 365", "Office 2019 et Office 365").is_empty());
    }

    #[test]
    fn ordinals_match_but_need_not_appear() {
        let ordinals = |text: &str, notation| {
            numbers(text, notation)
                .into_iter()
                .filter(|number| number.optional)
                .map(|number| number.key)
                .collect::<Vec<String>>()
        };
        let all: Vec<String> = ["1", "2", "3", "4", "3", "21"].map(str::to_owned).into();
        assert_eq!(ordinals("the 1st, 2nd, 3rd and 4th steps; a 3rd-party service; 21st", Notation::DecimalPoint), all);
        let french_ordinals: Vec<String> = ["1", "1", "2", "2", "3"].map(str::to_owned).into();
        assert_eq!(ordinals("la 1re, le 1er, la 2e, la 2ème, le 3e ; 10 Go", Notation::DecimalComma), french_ordinals);
        assert_eq!(ordinals("3D models and 5 GB", Notation::DecimalPoint), Vec::<String>::new());
        assert!(compare("Use a 3rd-party service.", "Utilisez un service tiers.").is_empty());
        assert!(compare("Since January 1, 2010", "Depuis le 1er janvier 2010").is_empty());
    }

    #[test]
    fn a_number_hyphenated_to_a_word_may_be_spaced_out() {
        assert!(compare("EquiSet -1 and EquiSet -2", "EquiSet-1 et EquiSet-2").is_empty());
        assert_eq!(english(".25 inches"), ["0.25"]);
        assert_eq!(numbers("a .84% share", Notation::DecimalPoint)[0].range, 2..5);
        assert!(compare("from .25 inches", "de 0,25 pouce").is_empty());
    }

    #[test]
    fn sentence_punctuation_ends_a_number() {
        assert_eq!(english("Repeat steps 4 and 5."), ["4", "5"]);
        assert_eq!(french("étapes 3 à 5, puis 6."), ["3", "5", "6"]);
        assert_eq!(english("Windows 10 1903"), ["10", "1903"]);
    }

    #[test]
    fn ranges_point_at_the_number_as_written() {
        let text = "Étape 1 : 1 000 éléments";
        let found = numbers(text, Notation::DecimalComma);
        assert_eq!(&text[found[1].range.clone()], "1 000");
    }

    fn compare(source_text: &str, target_text: &str) -> Differences {
        let (source, target) =
            (numbers(source_text, Notation::DecimalPoint), numbers(target_text, Notation::DecimalComma));
        differences(&source, source_text, &target, target_text)
    }

    #[test]
    fn spelled_numbers_and_french_minutes_match_but_articles_are_not_one() {
        assert!(compare("the 6 different categories, one hour", "les six catégories, 1 heure").is_empty());
        assert!(compare("between 3 am and 5 am", "entre 3 h 00 et 5 h 00").is_empty());
        assert!(compare("wait 1 hour", "attendez une heure").is_empty(), "before a unit, `une` is a number");
        // Elsewhere `un` is an article: it does not stand for a 1 the translation lost.
        assert_eq!(compare("Create 1 policy", "Créez une stratégie").only_source, [0]);
    }

    #[test]
    fn french_times_and_leading_zeros_match_the_english_clock() {
        assert!(compare("between 6:30 A.M. and 5:30 P.M. Pacific Time", "entre 06h30 et 17h30").is_empty());
        assert!(compare("from 9 am to 5 pm, or 12 AM", "de 9 h à 17 h, ou 0 h").is_empty());
        assert!(compare("Prior to 01 January 2013:", "Avant le 1er janvier 2013 :").is_empty());
        assert_eq!(compare("at 5:30 P.M.", "à 18h30").only_target, [0], "another hour is still reported");
        assert_eq!(compare("at 5:30", "à 17h30").only_target, [0], "without P.M., 5 is 5");
        assert_eq!(english("0.5 and 007 and 0"), ["0.5", "007", "0"]);
        assert_eq!(without_leading_zeros("007"), "7");
        assert_eq!(without_leading_zeros("00"), "0");
        assert_eq!(without_leading_zeros("0.5"), "0.5");
    }

    #[test]
    fn always_may_be_said_in_words_or_numbers() {
        assert!(compare("24 hours a day, every day", "24h/24, 7j/7").is_empty());
        assert!(compare("Our team works 24/7.", "Notre équipe travaille 24h/24, 7j/7.").is_empty());
        assert!(compare("Our team works 24/7.", "Notre équipe travaille en permanence.").is_empty());
        assert!(compare("available 24x7", "disponibles 24h/24, 7j/7").is_empty());
        assert!(compare("around-the-clock access", "accès 24 heures sur 24").is_empty());
        assert!(compare("24 hours a day, 7 days a week", "24 heures sur 24 et 7 jours sur 7").is_empty());
        assert!(compare("Support is available 24/7.", "Le support est disponible 24 h sur 24, 7 j sur 7.").is_empty());
        // A number said twice is "always" only around `sur` and a unit of time.
        assert_eq!(compare("around-the-clock access", "accès 24 heures et 24 minutes").only_target, [0]);
        assert_eq!(compare("within 24 hours", "sous 48 heures").only_source, [0]);
        // A row number that machine translation made "every day" is no longer the row's number.
        assert_eq!(
            compare("| 7 | Domain Impersonation |", "| 7j/7 | Emprunt d’identité de domaine |").only_source,
            [0]
        );
    }

    #[test]
    fn spelled_out_numbers_match_digits() {
        assert!(compare("You can create up to fifty policies.", "Vous pouvez créer jusqu’à 50 stratégies.").is_empty());
        assert!(compare("Messages removed by zero-hour auto purge.", "Purge automatique 0 heure.").is_empty());
        assert!(compare("up to 20 items", "jusqu’à vingt éléments").is_empty());
        assert_eq!(compare("up to 30 items", "jusqu’à vingt éléments").only_source, [0]);
    }

    #[test]
    fn digits_in_a_word_belong_to_a_name() {
        assert!(compare("See the peer-to-peer activity report.", "Consultez le rapport d’activité P2P.").is_empty());
        assert!(compare("%ProgramFiles(x86)%", "% ProgramFiles (x86) %").is_empty());
        assert!(compare("Use AzCopy v8.1 and AES256.", "Utilisez AzCopy v 8.1 et AES 256.").is_empty());
        let found = numbers("IPv6, P2P and E5", Notation::DecimalPoint);
        assert_eq!(
            found.iter().map(|number| number.word.as_deref()).collect::<Vec<_>>(),
            [Some("ipv"), Some("p"), Some("e")]
        );
        // The same letters with another number are still a changed number.
        assert_eq!(compare("over IPv4", "sur IPv6").only_target, [0]);
        assert_eq!(compare("Office 365 E3 licenses", "licences Office 365 E5").only_source, [1]);
    }

    #[test]
    fn real_drift_is_still_reported() {
        assert_eq!(compare("Row 22", "Ligne 22,5").only_target, [0]);
        assert_eq!(compare("Step 5: Review", "Étape disque : Vérifier").only_source, [0]);
        assert_eq!(compare("The loopback address 127.0.0.1", "L’adresse de bouclage").only_source, [0]);
    }

    #[test]
    fn values_compare_as_sets_so_repeats_do_not_count() {
        assert!(compare("Office 365 -- and only to Office 365", "Office 365 uniquement").is_empty());
        let found = compare("steps 4 and 5, 5", "étapes 3 à 5");
        assert_eq!((found.only_source, found.only_target, found.at), (vec![0], vec![0], Some(0)));
        assert_eq!(compare("SCL to -1", "SCL sur 1").only_source, [0]);
    }

    #[test]
    fn a_number_the_target_lacks_points_at_the_one_in_its_place() {
        // Step 5 became a second Étape 6: the first 6 stands where the 5 was.
        let found = compare("Step 5: Trace. Step 6: Prepare.", "Étape 6 : Suivi. Étape 6 : Préparer.");
        assert_eq!((found.only_source, found.only_target, found.at), (vec![0], vec![], Some(0)));
        let found = compare("Steps 4, 5 and 6.", "Étapes 4 et 6.");
        assert_eq!(found.at, Some(1), "after 4, where the 5 was");
    }
}
