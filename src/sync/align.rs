//! Sequence alignment, shared by sections, blocks, list items and numbers.
//!
//! [`align`] pairs the items of two sequences in order (an LCS in which items pair only when a scoring function says
//! they may), with one of two [`Objective`]s. List items and sections keep as many pairs as possible, then the most
//! alike: when the French list has one item more than the English one, every English item still finds a partner and
//! the similarity decides which French item is the extra one. Blocks keep the pairs whose similarities add up to the
//! most: a dropped alert must not make the remaining one pair with another alert of a different type and content just
//! because that gives one pair more. [`pair_alike`] then pairs what an order-preserving alignment cannot: a paragraph
//! the translation put before the note that follows it in English.

/// One step of an alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pairing {
    /// Source item `.0` pairs with target item `.1`.
    Both(usize, usize),
    /// Source item with no partner.
    Source(usize),
    /// Target item with no partner.
    Target(usize),
}

/// What the best alignment maximises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Objective {
    /// The number of pairs, then the sum of their scores.
    MostPairs,
    /// The sum of the pairs' scores, however many pairs that takes.
    MostAlike,
}

/// Above this many cells (source length × target length) the quadratic alignment would be slow; items are then
/// paired in order, each with the next compatible item. Real sections stay far below it.
const MAX_CELLS: usize = 1 << 20;

/// Aligns `source` with `target` in order, for `objective`. `score(s, t)` is `None` when the two items cannot pair,
/// else how alike they are, from 0 to 1. The result lists every item of both sequences once, in order.
pub fn align<S, T>(
    source: &[S],
    target: &[T],
    objective: Objective,
    score: impl Fn(&S, &T) -> Option<f32>,
) -> Vec<Pairing> {
    let (rows, columns) = (source.len(), target.len());
    if rows.saturating_mul(columns) > MAX_CELLS {
        return align_greedily(source, target, score);
    }
    let better = |a: (u32, f32), b: (u32, f32)| {
        let b_wins = match objective {
            Objective::MostPairs => b.0 > a.0 || (b.0 == a.0 && b.1 > a.1),
            Objective::MostAlike => b.1 > a.1,
        };
        if b_wins { b } else { a }
    };
    // best[i][j]: the best (pairs, similarity) aligning source[i..] with target[j..].
    let width = columns + 1;
    let mut best = vec![(0u32, 0f32); (rows + 1) * width];
    for i in (0..rows).rev() {
        for j in (0..columns).rev() {
            let skip_source = best[(i + 1) * width + j];
            let skip_target = best[i * width + j + 1];
            let mut cell = better(skip_source, skip_target);
            if let Some(similarity) = score(&source[i], &target[j]) {
                let (pairs, total) = best[(i + 1) * width + j + 1];
                cell = better(cell, (pairs + 1, total + similarity));
            }
            best[i * width + j] = cell;
        }
    }
    let mut pairings = Vec::with_capacity(rows.max(columns));
    let (mut i, mut j) = (0, 0);
    while i < rows && j < columns {
        let here = best[i * width + j];
        let paired = score(&source[i], &target[j])
            .map(|similarity| {
                let (pairs, total) = best[(i + 1) * width + j + 1];
                (pairs + 1, total + similarity)
            })
            .filter(|&candidate| candidate == here);
        if paired.is_some() {
            pairings.push(Pairing::Both(i, j));
            i += 1;
            j += 1;
        } else if best[(i + 1) * width + j] == here {
            pairings.push(Pairing::Source(i));
            i += 1;
        } else {
            pairings.push(Pairing::Target(j));
            j += 1;
        }
    }
    pairings.extend((i..rows).map(Pairing::Source));
    pairings.extend((j..columns).map(Pairing::Target));
    pairings
}

/// The fallback for huge sequences: walks both in order, pairing each source item with the next compatible target
/// item within a short look-ahead.
fn align_greedily<S, T>(source: &[S], target: &[T], score: impl Fn(&S, &T) -> Option<f32>) -> Vec<Pairing> {
    const LOOK_AHEAD: usize = 8;
    let mut pairings = Vec::with_capacity(source.len().max(target.len()));
    let mut j = 0;
    for (i, item) in source.iter().enumerate() {
        let found = (j..target.len().min(j + LOOK_AHEAD)).find(|&candidate| score(item, &target[candidate]).is_some());
        match found {
            Some(partner) => {
                pairings.extend((j..partner).map(Pairing::Target));
                pairings.push(Pairing::Both(i, partner));
                j = partner + 1;
            }
            None => pairings.push(Pairing::Source(i)),
        }
    }
    pairings.extend((j..target.len()).map(Pairing::Target));
    pairings
}

/// Pairs items of `source` with items of `target` that `score` allows (`Some`), most alike first, each item at most
/// once, in any order: for the items an alignment left alone that are one item moved past others.
pub fn pair_alike<S, T>(source: &[S], target: &[T], score: impl Fn(&S, &T) -> Option<f32>) -> Vec<(usize, usize)> {
    let mut candidates: Vec<(f32, usize, usize)> = (0..source.len())
        .flat_map(|s| (0..target.len()).map(move |t| (s, t)))
        .filter_map(|(s, t)| score(&source[s], &target[t]).map(|value| (value, s, t)))
        .collect();
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0));
    let (mut source_taken, mut target_taken) = (vec![false; source.len()], vec![false; target.len()]);
    let mut pairs = Vec::new();
    for (_, s, t) in candidates {
        if !source_taken[s] && !target_taken[t] {
            (source_taken[s], target_taken[t]) = (true, true);
            pairs.push((s, t));
        }
    }
    pairs
}

/// The longest increasing subsequence of `values`, as indexes into `values`: used to find which sections paired by
/// id keep their relative order.
pub fn longest_increasing(values: &[usize]) -> Vec<usize> {
    // tails[k]: index of the smallest tail of an increasing run of length k + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous = vec![usize::MAX; values.len()];
    for (index, &value) in values.iter().enumerate() {
        let position = tails.partition_point(|&tail| values[tail] < value);
        if position > 0 {
            previous[index] = tails[position - 1];
        }
        if position == tails.len() {
            tails.push(index);
        } else {
            tails[position] = index;
        }
    }
    let mut run = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(index) = at {
        run.push(index);
        at = Some(previous[index]).filter(|&previous| previous != usize::MAX);
    }
    run.reverse();
    run
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &char, b: &char) -> Option<f32> {
        (a == b).then_some(1.0)
    }

    fn chars(text: &str) -> Vec<char> {
        text.chars().collect()
    }

    #[test]
    fn keeps_the_longest_common_subsequence() {
        let pairings = align(&chars("abcd"), &chars("axcd"), Objective::MostPairs, same);
        assert_eq!(
            pairings,
            [Pairing::Both(0, 0), Pairing::Source(1), Pairing::Target(1), Pairing::Both(2, 2), Pairing::Both(3, 3)]
        );
    }

    #[test]
    fn similarity_decides_which_item_is_extra() {
        // Three English items against four French ones: every English item pairs, and the French item most unlike
        // its neighbours' partners is left over.
        let source = [10, 20, 30];
        let target = [99, 10, 20, 30];
        let close = |a: &i32, b: &i32| Some(1.0 / (1.0 + (a - b).abs() as f32));
        assert_eq!(
            align(&source, &target, Objective::MostPairs, close),
            [Pairing::Target(0), Pairing::Both(0, 1), Pairing::Both(1, 2), Pairing::Both(2, 3)]
        );
        let target = [10, 20, 30, 99];
        assert_eq!(
            align(&source, &target, Objective::MostPairs, close),
            [Pairing::Both(0, 0), Pairing::Both(1, 1), Pairing::Both(2, 2), Pairing::Target(3)]
        );
    }

    #[test]
    fn the_most_alike_objective_prefers_one_close_pair_to_two_loose_ones() {
        // Two pairs of 0.6 outweigh one pair of 1.0; two pairs of 0.4 do not, though they are more pairs.
        let close = |a: &i32, b: &i32| if a == b { Some(1.0) } else { Some(0.6) };
        assert_eq!(align(&[1, 2], &[2, 3], Objective::MostAlike, close), [Pairing::Both(0, 0), Pairing::Both(1, 1)]);
        let far = |a: &i32, b: &i32| if a == b { Some(1.0) } else { Some(0.4) };
        assert_eq!(
            align(&[1, 2], &[2, 3], Objective::MostAlike, far),
            [Pairing::Source(0), Pairing::Both(1, 0), Pairing::Target(1)]
        );
        assert_eq!(align(&[1, 2], &[2, 3], Objective::MostPairs, far), [Pairing::Both(0, 0), Pairing::Both(1, 1)]);
    }

    #[test]
    fn moved_items_pair_most_alike_first() {
        let close = |a: &i32, b: &i32| Some(1.0 / (1.0 + (a - b).abs() as f32)).filter(|&score| score >= 0.3);
        // 10 pairs with 10 (1.0) before 11 could take it (0.5); 30 is too far from anything.
        assert_eq!(pair_alike(&[11, 10, 30], &[10, 12], close), [(1, 0), (0, 1)]);
        assert_eq!(pair_alike(&[1], &[9], close), []);
    }

    #[test]
    fn empty_sides_leave_everything_unpaired() {
        assert_eq!(
            align(&chars(""), &chars("ab"), Objective::MostPairs, same),
            [Pairing::Target(0), Pairing::Target(1)]
        );
        assert_eq!(align(&chars("a"), &chars(""), Objective::MostPairs, same), [Pairing::Source(0)]);
    }

    #[test]
    fn huge_sequences_fall_back_to_a_greedy_walk() {
        let source = vec![1u8; 1500];
        let mut target = vec![1u8; 1500];
        target[3] = 2;
        let pairings = align(&source, &target, Objective::MostPairs, |a, b| (a == b).then_some(1.0));
        assert_eq!(pairings.iter().filter(|pairing| matches!(pairing, Pairing::Both(..))).count(), 1499);
        assert_eq!(pairings.len(), 1501);
    }

    #[test]
    fn longest_increasing_run() {
        assert_eq!(longest_increasing(&[0, 3, 1, 2, 4]), [0, 2, 3, 4]);
        assert_eq!(longest_increasing(&[]), Vec::<usize>::new());
        assert_eq!(longest_increasing(&[2, 1, 0]).len(), 1);
    }
}
