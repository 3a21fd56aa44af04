//! Classes of ASCII bytes found eight bytes at a time: the hot loops of the text rules (function words, numbers) read
//! every byte of every translated text.

const ONES: u64 = 0x0101_0101_0101_0101;
const TOPS: u64 = 0x80 * ONES;
const LOW_SEVEN: u64 = 0x7F * ONES;
const CASE: u64 = 0x20 * ONES;

/// Bit `i` set when byte `i` of `chunk` (at most 64 bytes) is an ASCII letter.
pub fn letters(chunk: &[u8]) -> u64 {
    let mut eights = chunk.chunks_exact(8);
    let mut mask = 0;
    for (index, eight) in eights.by_ref().enumerate() {
        mask |= u64::from(gather(letter_tops(u64::from_le_bytes(eight.try_into().unwrap_or_default())))) << (8 * index);
    }
    let rest = eights.remainder();
    if !rest.is_empty() {
        mask |= u64::from(gather(letter_tops(padded(rest)))) << (chunk.len() - rest.len());
    }
    mask
}

/// The offset of the first ASCII digit in `bytes`.
pub fn first_digit(bytes: &[u8]) -> Option<usize> {
    let mut eights = bytes.chunks_exact(8);
    for (index, eight) in eights.by_ref().enumerate() {
        let tops = in_range(u64::from_le_bytes(eight.try_into().unwrap_or_default()), b'0', b'9');
        if tops != 0 {
            return Some(8 * index + tops.trailing_zeros() as usize / 8);
        }
    }
    let rest = eights.remainder();
    let tops = in_range(padded(rest), b'0', b'9');
    (tops != 0).then(|| bytes.len() - rest.len() + tops.trailing_zeros() as usize / 8)
}

/// The top bit of each byte of `word` that is an ASCII letter, either case (setting bit 5 lower-cases a letter, and
/// leaves every other byte outside `a`..=`z`).
fn letter_tops(word: u64) -> u64 {
    in_range(word | CASE, b'a', b'z')
}

/// The top bit of each byte of `word` from `first` to `last` (ASCII). Each byte without its top bit is compared with
/// both ends by adding what carries it into its top bit past them (no carry reaches the next byte); a byte with its
/// own top bit set (UTF-8 beyond ASCII) is in no range.
fn in_range(word: u64, first: u8, last: u8) -> u64 {
    let low = word & LOW_SEVEN;
    let from_first = low + u64::from(0x80 - first) * ONES;
    let past_last = low + u64::from(0x7F - last) * ONES;
    from_first & !past_last & !word & TOPS
}

/// The eight top bits of `tops` as one byte, bit `i` for byte `i`: no two partial products of the multiplication
/// meet.
fn gather(tops: u64) -> u8 {
    ((tops >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) as u8
}

/// Up to eight bytes as a little-endian word, zeros after them.
fn padded(bytes: &[u8]) -> u64 {
    let mut word = [0; 8];
    word[..bytes.len()].copy_from_slice(bytes);
    u64::from_le_bytes(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_byte_is_classed_as_a_byte_by_byte_test_does() {
        for byte in 0..=255u8 {
            for at in 0..8 {
                let mut chunk = [b' '; 8];
                chunk[at] = byte;
                let letter = u64::from(byte.is_ascii_alphabetic()) << at;
                assert_eq!(letters(&chunk), letter, "{byte:#04x} at {at}");
                assert_eq!(letters(&chunk[..=at]), letter, "{byte:#04x} ending a short chunk");
                let digit = byte.is_ascii_digit().then_some(at);
                assert_eq!(first_digit(&chunk), digit, "{byte:#04x} at {at}");
                assert_eq!(first_digit(&chunk[..=at]), digit, "{byte:#04x} ending a short text");
            }
        }
    }

    #[test]
    fn masks_and_offsets_span_whole_blocks() {
        let text = "Étape 12 : abc déf, X-y.".repeat(3);
        let bytes = &text.as_bytes()[..64];
        let expected =
            bytes.iter().enumerate().fold(0, |mask, (at, byte)| mask | u64::from(byte.is_ascii_alphabetic()) << at);
        assert_eq!(letters(bytes), expected);
        assert_eq!(first_digit(text.as_bytes()), text.find(|c: char| c.is_ascii_digit()));
        assert_eq!(first_digit(&text.as_bytes()[9..]), Some(text[9..].find('1').unwrap()));
        assert_eq!(first_digit(b"no digit here, none at all"), None);
        assert_eq!(first_digit(b""), None);
    }
}
