//! The flat YAML nearly every Learn front matter is written in, read without a YAML parser.
//!
//! Learn front matter is a list of `key: value` lines, sometimes a key followed by `- item` lines. Reading that with
//! serde_yaml costs about as much as pulldown-cmark's whole pass over the article, so [`read`] takes the flat subset
//! itself: plain, single-quoted and escape-free double-quoted scalars on one line, and block sequences of them. On
//! anything else (a comment after a value, a multi-line or escaped scalar, a flow collection, an anchor, a tag, a
//! nested map, a tab, a character YAML forbids, a number form it would have to guess) it answers `None` and the
//! caller asks serde_yaml, which also gives the error messages. Plain scalars resolve as serde_yaml resolves them
//! (null, booleans, integers, decimals, else strings); the corpus test checks both readers agree on every real file.

use serde_json::{Number, Value};

/// A top-level key, its value, and the byte offset of the key in the YAML.
pub type Pair = (String, Value, usize);

/// The top-level pairs of `yaml`, in order (repeated keys included), or `None` when it is not flat YAML.
pub fn read(yaml: &str) -> Option<Vec<Pair>> {
    if !allowed(yaml) {
        return None;
    }
    let mut pairs: Vec<Pair> = Vec::new();
    // The last key took no value on its line, so `- item` lines may follow; the indentation of its first item.
    let mut open_sequence: Option<Option<usize>> = None;
    let ends = memchr::memchr_iter(b'\n', yaml.as_bytes()).chain([yaml.len()]);
    let mut line_start = 0;
    for end in ends {
        let line = &yaml[line_start..end];
        let key_offset = line_start;
        line_start = end + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.contains('\r') {
            return None;
        }
        let content = line.trim_start_matches(' ');
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let indent = line.len() - content.len();
        if let Some(item) = content.strip_prefix('-') {
            let first_indent = open_sequence.as_mut()?;
            if *first_indent.get_or_insert(indent) != indent || !item.starts_with(' ') {
                return None;
            }
            let (_, value, _) = pairs.last_mut()?;
            if value.is_null() {
                *value = Value::Array(Vec::new());
            }
            let Value::Array(items) = value else { return None };
            items.push(scalar(item)?);
            continue;
        }
        if indent > 0 {
            return None;
        }
        let (key, rest) = content.split_once(':')?;
        if !is_plain_key(key) || !(rest.is_empty() || rest.starts_with(' ')) {
            return None;
        }
        let empty = rest.trim_start_matches(' ').is_empty();
        let value = if empty { Value::Null } else { scalar(rest)? };
        // Only a key with nothing after it may own `- item` lines; after `key: ~` they would continue the scalar.
        open_sequence = empty.then_some(None);
        pairs.push((key.to_owned(), value, key_offset));
    }
    Some(pairs)
}

/// Whether `yaml` holds only characters YAML reads as printable and as nothing else: no control character but `\n`
/// and `\r` (so no tab, which has indentation rules), no C1 control, no U+2028 or U+2029 (line breaks to YAML 1.1),
/// no byte order mark inside, no U+FFFE or U+FFFF.
fn allowed(yaml: &str) -> bool {
    let bytes = yaml.as_bytes();
    let control = |byte: u8| (byte < b' ' && byte != b'\n' && byte != b'\r') || byte == 0x7f;
    // A fold over fixed chunks, not a short-circuiting search, so that the compiler vectorises it.
    bytes.chunks(64).all(|chunk| !chunk.iter().fold(false, |found, &byte| found | control(byte)))
        && memchr::memchr3_iter(0xc2, 0xe2, 0xef, bytes).all(|at| {
            !matches!(
                bytes[at..],
                [0xc2, 0x80..=0x9f, ..]
                    | [0xe2, 0x80, 0xa8 | 0xa9, ..]
                    | [0xef, 0xbb, 0xbf, ..]
                    | [0xef, 0xbf, 0xbe | 0xbf, ..]
            )
        })
}

/// A key serde_yaml would read as the same string: a letter or `_`, then letters, digits, `_`, `.`, `-`, `/`, and
/// not a [`keyword`].
fn is_plain_key(key: &str) -> bool {
    key.starts_with(|first: char| first.is_ascii_alphabetic() || first == '_')
        && key.bytes().all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'.' | b'-' | b'/'))
        && keyword(key).is_none()
}

/// The scalar after `key:` or `-` (with its leading space).
fn scalar(text: &str) -> Option<Value> {
    let text = text.trim_matches(' ');
    let value = match *text.as_bytes().first()? {
        b'\'' => quoted(text, '\'').map(|body| body.replace("''", "'")),
        b'"' => quoted(text, '"').filter(|body| !body.contains('\\')).map(str::to_owned),
        // Indicators: each starts something other than a plain scalar, or is reserved.
        b'-' | b'?' | b':' | b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|' | b'>' | b'%'
        | b'@' | b'`' => None,
        // A comment, a nested mapping, or a key: YAML reads more here than one scalar.
        _ if text.ends_with(':') || text.as_bytes().windows(2).any(|pair| matches!(pair, b" #" | b": ")) => None,
        _ => return plain(text),
    };
    value.map(Value::String)
}

/// The body of a scalar quoted with `quote` that is the whole of `text`; `''` inside single quotes is one quote.
fn quoted(text: &str, quote: char) -> Option<&str> {
    let body = text.strip_prefix(quote)?.strip_suffix(quote)?;
    let lone_quote = match quote {
        '\'' => body.replace("''", "").contains('\''),
        _ => body.contains('"'),
    };
    (!lone_quote).then_some(body)
}

/// The null and boolean words of YAML 1.2's core schema, as serde_yaml reads them.
fn keyword(text: &str) -> Option<Value> {
    match text {
        "~" | "null" | "Null" | "NULL" => Some(Value::Null),
        "true" | "True" | "TRUE" => Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => Some(Value::Bool(false)),
        _ => None,
    }
}

/// A plain scalar as serde_yaml resolves it, or `None` for the number forms left to serde_yaml.
fn plain(text: &str) -> Option<Value> {
    if let Some(value) = keyword(text) {
        return Some(value);
    }
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    if !unsigned.starts_with(|first: char| first.is_ascii_digit() || first == '.') {
        return Some(Value::String(text.to_owned()));
    }
    if text.bytes().all(|byte| byte.is_ascii_digit()) {
        // YAML 1.2: a leading zero before more digits makes a string, not an octal number.
        if text.len() > 1 && text.starts_with('0') {
            return Some(Value::String(text.to_owned()));
        }
        // An integer beyond 64 bits (an asset id of 30 digits) has no JSON number that keeps it: its digits do.
        return Some(text.parse::<u64>().map_or_else(|_| Value::String(text.to_owned()), Value::from));
    }
    if let Some((whole, fraction)) = text.split_once('.') {
        let digits = |part: &str| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit());
        if digits(whole) && digits(fraction) {
            return text.parse::<f64>().ok().and_then(Number::from_f64).map(Value::Number);
        }
    }
    // Characters no YAML number, infinity or NaN can hold (hexadecimal ones only after `0x`) make a string:
    // commit hashes and dates like 03/14/2024 are common here.
    let number_like = |byte: u8| byte.is_ascii_digit() || b"+-._xXoObBeEaAfFiInN".contains(&byte);
    if !unsigned.starts_with("0x") && !text.bytes().all(number_like) {
        return Some(Value::String(text.to_owned()));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What serde_yaml makes of `yaml`, as the same pairs (without offsets).
    fn by_serde_yaml(yaml: &str) -> Vec<(String, Value)> {
        let mapping: serde_yaml::Mapping = serde_yaml::from_str(yaml).unwrap();
        mapping
            .into_iter()
            .map(|(key, value)| (key.as_str().unwrap().to_owned(), serde_json::to_value(value).unwrap()))
            .collect()
    }

    fn by_flat_reader(yaml: &str) -> Option<Vec<(String, Value)>> {
        read(yaml).map(|pairs| pairs.into_iter().map(|(key, value, _)| (key, value)).collect())
    }

    #[test]
    fn plain_scalars_resolve_as_serde_yaml_resolves_them() {
        let scalars = [
            "article",
            "03/14/2024",
            "9d67cb52544321a430343d39eb336112c1a11d35",
            "fr-FR",
            "true",
            "True",
            "FALSE",
            "yes",
            "no",
            "on",
            "~",
            "null",
            "NULL",
            "0",
            "7",
            "42",
            "012",
            "00",
            "1.5",
            "10.25",
            "0.0",
            "C#",
            "https://learn.microsoft.com/a?b=c#d",
            "a:b",
            "Microsoft 365",
            "é",
            "+x",
            "1d",
            "18446744073709551615",
            "ms.topic",
            "_x",
        ];
        for text in scalars {
            let yaml = format!("key: {text}\n");
            match by_flat_reader(&yaml) {
                Some(pairs) => assert_eq!(pairs, by_serde_yaml(&yaml), "{text}"),
                None => panic!("{text} is flat YAML"),
            }
        }
    }

    #[test]
    fn number_forms_and_look_alikes_are_left_to_serde_yaml() {
        let number_like = [
            "1e3",
            "0x1F",
            "0o17",
            "0b101",
            "+12",
            "-12",
            ".5",
            ".inf",
            "-.inf",
            ".nan",
            "1.",
            "1.2.3",
            "2024-01-01",
            "-x",
            ".x",
        ];
        for text in number_like {
            assert_eq!(by_flat_reader(&format!("key: {text}\n")), None, "{text}");
        }
    }

    #[test]
    fn quoted_scalars_sequences_and_repeated_keys() {
        let yaml = "title: 'It''s done'\r\ndescription: \"Close: now\"\nlist:\n  - a\n  - 'b c'\n# note\n\
                    other:\n- 1\n- x y\nempty:\ntitle: again\n";
        assert_eq!(
            by_flat_reader(yaml).unwrap(),
            vec![
                ("title".into(), Value::from("It's done")),
                ("description".into(), Value::from("Close: now")),
                ("list".into(), serde_json::json!(["a", "b c"])),
                ("other".into(), serde_json::json!([1, "x y"])),
                ("empty".into(), Value::Null),
                ("title".into(), Value::from("again")),
            ]
        );
        let keys: Vec<usize> = read(yaml).unwrap().into_iter().map(|(_, _, offset)| offset).collect();
        assert_eq!(&yaml[keys[2]..keys[2] + 5], "list:");
    }

    /// serde_yaml refuses an integer beyond 64 bits, and the front matter with it: the flat reader keeps its digits.
    #[test]
    fn an_integer_too_large_for_a_number_keeps_its_digits() {
        let digits = "123456789012345678901234567890";
        let pairs =
            by_flat_reader(&format!("ms.assetid: {digits}\nrank: 18446744073709551615\nnext: 18446744073709551616\n"));
        let expected = [
            ("ms.assetid".into(), Value::from(digits)),
            ("rank".into(), Value::from(u64::MAX)),
            ("next".into(), Value::from("18446744073709551616")),
        ];
        assert_eq!(pairs.unwrap(), expected);
    }

    #[test]
    fn anything_beyond_flat_yaml_is_left_to_serde_yaml() {
        let beyond = [
            "key: value # comment\n",
            "key: \"escaped \\\" quote\"\n",
            "key: \"multi\n  line\"\n",
            "key: plain\n  continued\n",
            "key: [a, b]\n",
            "key: {a: b}\n",
            "key: &anchor x\n",
            "key: !tag x\n",
            "key: |\n  block\n",
            "key: a: b\n",
            "key:\n  nested: map\n",
            "key:\n  - a\n - b\n",
            "key: x\n- item\n",
            "key:\n  - - nested\n",
            "key:\n  -\n",
            "\tkey: tab\n",
            "key: tab\there\n",
            "key: 'open\n",
            "key: 'a' b\n",
            "key: bad\u{2028}line\n",
            "key: next\u{85}line\n",
            "key: inner\u{feff}mark\n",
            "key: delete\u{7f}\n",
            "key: carriage\rreturn\n",
            "\"quoted key\": x\n",
            "key with space: x\n",
            "true: x\n",
            "key:value\n",
            "- a\n",
        ];
        for yaml in beyond {
            assert_eq!(by_flat_reader(yaml), None, "{yaml:?}");
        }
    }

    /// Thousands of generated front matters, built from the tokens that decide how YAML reads a line: whatever the
    /// flat reader accepts, serde_yaml must accept too and read the same.
    #[test]
    fn agrees_with_serde_yaml_on_generated_front_matter() {
        const KEYS: [&str; 12] =
            ["title", "ms.date", "a_b", "x-y", "a/b", "_k", "true", "null", "1a", "\"q\"", "k k", "Key"];
        const VALUES: [&str; 52] = [
            "article",
            "03/14/2024",
            "9d67cb52",
            "1.0",
            "42",
            "012",
            "0x1F",
            "true",
            "True",
            "yes",
            "~",
            "null",
            "",
            "'quoted'",
            "'it''s'",
            "\"dq\"",
            "\"a: b\"",
            "a#b",
            "C#",
            "a: b",
            "a #b",
            "-x",
            "- x",
            "[a]",
            "{a: b}",
            "&a",
            "*a",
            "!t",
            "|",
            ">",
            "%x",
            "@x",
            "`x",
            "é",
            "2024-01-01",
            ".5",
            "+1",
            "-1",
            "1e3",
            "1.2.3",
            "x:",
            "http://a.b/c?d=e#f",
            "''",
            "\"\"",
            "'",
            "\"",
            "a ' b",
            "a \" b",
            "\u{a0}nbsp",
            "0",
            "00",
            "Microsoft 365",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = |bound: usize| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize % bound
        };
        let mut flat = 0;
        for _ in 0..40_000 {
            let line_end = if next(4) == 0 { "\r\n" } else { "\n" };
            let mut yaml = String::new();
            for _ in 0..1 + next(5) {
                let (key, value) = (KEYS[next(KEYS.len())], VALUES[next(VALUES.len())]);
                let line = match next(9) {
                    0 => format!("{key}:"),
                    1 => format!("  - {value}"),
                    2 => format!("- {value}"),
                    3 => format!("# {value}"),
                    4 => format!("  {value}"),
                    5 => format!("{key}:{value}"),
                    _ => format!("{key}: {value}"),
                };
                yaml.push_str(&line);
                yaml.push_str(line_end);
            }
            let Some(pairs) = read(&yaml) else { continue };
            flat += 1;
            match super::super::front_matter::read_yaml(&yaml) {
                Ok(by_serde) => assert_eq!(pairs, by_serde, "{yaml:?}"),
                Err(error) => panic!("read as flat YAML, refused by serde_yaml: {yaml:?}: {error}"),
            }
        }
        assert!(flat > 2_000, "only {flat} generated front matters were flat: the test no longer tests much");
    }
}
