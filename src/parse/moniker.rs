//! Moniker ranges: the `range="…"` of `::: moniker` zones and of `monikerRange` front matter.
//!
//! The grammar is docfx's subset of npm semver ranges: a comparator is an optional operator (`<`, `<=`, `>`, `>=`,
//! `=`) and a moniker name; comparators separated by whitespace are ANDed into a set; sets separated by `||` are
//! ORed. Names compare case-insensitively. `=` and bare names evaluate on their own; the ordered operators need each
//! product's monikers in order, which only configuration can give ([`MonikerOrder`]).

use std::fmt;

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Operator {
    /// `=` or no operator.
    Eq,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl Operator {
    fn as_str(self) -> &'static str {
        match self {
            Self::Eq => "=",
            Self::Lt => "<",
            Self::Le => "<=",
            Self::Gt => ">",
            Self::Ge => ">=",
        }
    }
}

/// One comparator: an operator and a moniker name (lower-cased).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Comparator {
    /// The operator.
    pub operator: Operator,
    /// The moniker, lower-cased.
    pub moniker: String,
}

/// A parsed range: a union (`||`) of intersections (whitespace) of comparators.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonikerRange {
    /// The comparator sets; the range matches when any set matches.
    pub sets: Vec<Vec<Comparator>>,
}

/// Why a range could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum RangeError {
    /// The range is empty or only whitespace.
    #[error("the moniker range is empty")]
    Empty,
    /// An operator with no moniker after it (`>=` alone, `a || ` …).
    #[error("expected a moniker name at character {at} of the range")]
    ExpectedMoniker {
        /// 1-based character position.
        at: usize,
    },
    /// Text the grammar does not allow (`&&`, parentheses, wildcards…).
    #[error("unexpected {found:?} at character {at} of the range")]
    Unexpected {
        /// What was found.
        found: String,
        /// 1-based character position.
        at: usize,
    },
}

/// Why a range could not be evaluated for a moniker.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum EvaluateError {
    /// An ordered comparison names a moniker that no configured product lists.
    #[error(
        "cannot evaluate `{operator}{moniker}` without the ordered list of {moniker}'s product: add it to \
         [monikers] products in checkdown.toml"
    )]
    Unordered {
        /// The operator used.
        operator: &'static str,
        /// The moniker it compares with.
        moniker: String,
    },
}

/// Each product's monikers, oldest first, for the ordered operators.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonikerOrder {
    /// One list per product.
    pub products: Vec<Vec<String>>,
}

impl MonikerOrder {
    /// Whether a product lists `moniker`.
    pub fn lists(&self, moniker: &str) -> bool {
        self.position(moniker).is_some()
    }

    /// The product list containing `moniker` and its position in it.
    fn position(&self, moniker: &str) -> Option<(usize, usize)> {
        self.products.iter().enumerate().find_map(|(product, list)| {
            list.iter().position(|name| name.eq_ignore_ascii_case(moniker)).map(|at| (product, at))
        })
    }
}

impl MonikerRange {
    /// Parses a range.
    pub fn parse(text: &str) -> Result<Self, RangeError> {
        let chars: Vec<char> = text.chars().collect();
        let mut at = 0;
        let mut sets = vec![Vec::new()];
        let skip_space = |at: &mut usize| {
            while chars.get(*at).is_some_and(|c| c.is_whitespace()) {
                *at += 1;
            }
        };
        loop {
            skip_space(&mut at);
            let Some(&c) = chars.get(at) else { break };
            if c == '|' {
                if chars.get(at + 1) != Some(&'|') || sets.last().is_some_and(Vec::is_empty) {
                    return Err(RangeError::Unexpected { found: "|".into(), at: at + 1 });
                }
                at += 2;
                sets.push(Vec::new());
                continue;
            }
            let operator = match (c, chars.get(at + 1)) {
                ('<', Some('=')) => Some((Operator::Le, 2)),
                ('>', Some('=')) => Some((Operator::Ge, 2)),
                ('<', _) => Some((Operator::Lt, 1)),
                ('>', _) => Some((Operator::Gt, 1)),
                ('=', _) => Some((Operator::Eq, 1)),
                _ => None,
            };
            let operator = match operator {
                Some((operator, width)) => {
                    at += width;
                    skip_space(&mut at);
                    operator
                }
                None => Operator::Eq,
            };
            let name_start = at;
            while chars.get(at).is_some_and(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '_')) {
                at += 1;
            }
            if at == name_start {
                return match chars.get(at) {
                    None | Some('|') => Err(RangeError::ExpectedMoniker { at: at + 1 }),
                    Some(found) => Err(RangeError::Unexpected { found: found.to_string(), at: at + 1 }),
                };
            }
            let moniker: String = chars[name_start..at].iter().collect::<String>().to_lowercase();
            sets.last_mut().expect("sets starts non-empty").push(Comparator { operator, moniker });
        }
        match sets.last() {
            Some(last) if last.is_empty() && sets.len() == 1 => Err(RangeError::Empty),
            Some(last) if last.is_empty() => Err(RangeError::ExpectedMoniker { at: chars.len() + 1 }),
            _ => Ok(Self { sets }),
        }
    }

    /// The canonical form: comparators sorted within each set, sets sorted and deduplicated, names lower-cased.
    /// Two ranges that mean the same thing by their form normalise to the same text.
    pub fn normalized(&self) -> String {
        let mut sets: Vec<Vec<Comparator>> = self
            .sets
            .iter()
            .map(|set| {
                let mut set = set.clone();
                set.sort();
                set.dedup();
                set
            })
            .collect();
        sets.sort();
        sets.dedup();
        Self { sets }.to_string()
    }

    /// Whether `moniker` is in the range.
    pub fn contains(&self, moniker: &str, order: &MonikerOrder) -> Result<bool, EvaluateError> {
        for set in &self.sets {
            let mut all = true;
            for comparator in set {
                if !comparator.matches(moniker, order)? {
                    all = false;
                    break;
                }
            }
            if all {
                return Ok(true);
            }
        }
        Ok(false)
    }
}

impl Comparator {
    fn matches(&self, moniker: &str, order: &MonikerOrder) -> Result<bool, EvaluateError> {
        if self.operator == Operator::Eq {
            return Ok(self.moniker.eq_ignore_ascii_case(moniker));
        }
        let unordered = || EvaluateError::Unordered { operator: self.operator.as_str(), moniker: self.moniker.clone() };
        let (product, bound) = order.position(&self.moniker).ok_or_else(unordered)?;
        // Ordered operators never reach another product's monikers.
        let Some((candidate_product, at)) = order.position(moniker) else { return Ok(false) };
        if candidate_product != product {
            return Ok(false);
        }
        Ok(match self.operator {
            Operator::Lt => at < bound,
            Operator::Le => at <= bound,
            Operator::Gt => at > bound,
            Operator::Ge => at >= bound,
            Operator::Eq => at == bound,
        })
    }
}

impl fmt::Display for MonikerRange {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, set) in self.sets.iter().enumerate() {
            if index > 0 {
                formatter.write_str(" || ")?;
            }
            for (position, comparator) in set.iter().enumerate() {
                if position > 0 {
                    formatter.write_str(" ")?;
                }
                match comparator.operator {
                    Operator::Eq => formatter.write_str(&comparator.moniker)?,
                    operator => write!(formatter, "{} {}", operator.as_str(), comparator.moniker)?,
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order() -> MonikerOrder {
        MonikerOrder {
            products: vec![
                vec!["netcore-1.0".into(), "netcore-1.1".into(), "netcore-2.0".into(), "netcore-3.0".into()],
                vec!["netframework-4.6.1".into(), "netframework-4.8".into()],
            ],
        }
    }

    #[test]
    fn parses_the_spec_examples() {
        let range = MonikerRange::parse(">= netcore-1.1 < netcore-2.0 || netcore-3.0").unwrap();
        assert_eq!(range.sets.len(), 2);
        assert_eq!(range.sets[0][0], Comparator { operator: Operator::Ge, moniker: "netcore-1.1".into() });
        assert_eq!(range.sets[0][1].operator, Operator::Lt);
        assert_eq!(range.sets[1][0], Comparator { operator: Operator::Eq, moniker: "netcore-3.0".into() });
        assert_eq!(
            MonikerRange::parse("o365-21vianet").unwrap().sets,
            vec![vec![Comparator { operator: Operator::Eq, moniker: "o365-21vianet".into() }]]
        );
        // `=` is optional but allowed, with or without a space.
        let sql = MonikerRange::parse(">= sql-server-2017 || >= sql-server-linux-2017 || = sqlallproducts-allversions");
        assert_eq!(sql.unwrap().sets[2][0].moniker, "sqlallproducts-allversions");
    }

    #[test]
    fn rejects_what_the_grammar_does_not_allow() {
        assert_eq!(MonikerRange::parse("   "), Err(RangeError::Empty));
        assert_eq!(MonikerRange::parse(">="), Err(RangeError::ExpectedMoniker { at: 3 }));
        assert_eq!(MonikerRange::parse("a ||"), Err(RangeError::ExpectedMoniker { at: 5 }));
        assert!(matches!(MonikerRange::parse("a && b"), Err(RangeError::Unexpected { at: 3, .. })));
        assert!(matches!(MonikerRange::parse("(a)"), Err(RangeError::Unexpected { at: 1, .. })));
        assert!(matches!(MonikerRange::parse("|| a"), Err(RangeError::Unexpected { at: 1, .. })));
        assert!(matches!(MonikerRange::parse("a | b"), Err(RangeError::Unexpected { .. })));
    }

    #[test]
    fn normalises_case_spacing_and_order() {
        let a = MonikerRange::parse("netcore-3.0 ||  >= NetCore-1.1   < netcore-2.0").unwrap();
        let b = MonikerRange::parse("<netcore-2.0 >=netcore-1.1||netcore-3.0").unwrap();
        assert_eq!(a.normalized(), b.normalized());
        assert_eq!(a.normalized(), "netcore-3.0 || < netcore-2.0 >= netcore-1.1");
        assert_ne!(a.normalized(), MonikerRange::parse("netcore-3.0").unwrap().normalized());
    }

    #[test]
    fn evaluates_equality_without_configuration() {
        let range = MonikerRange::parse("o365-21vianet || = O365-Germany").unwrap();
        let none = MonikerOrder::default();
        assert_eq!(range.contains("O365-21VIANET", &none), Ok(true));
        assert_eq!(range.contains("o365-germany", &none), Ok(true));
        assert_eq!(range.contains("o365-worldwide", &none), Ok(false));
    }

    #[test]
    fn ordered_operators_need_the_product_order() {
        let range = MonikerRange::parse(">= netcore-1.1 < netcore-3.0").unwrap();
        assert!(matches!(
            range.contains("netcore-2.0", &MonikerOrder::default()),
            Err(EvaluateError::Unordered { .. })
        ));
        assert_eq!(range.contains("netcore-2.0", &order()), Ok(true));
        assert_eq!(range.contains("netcore-1.0", &order()), Ok(false));
        assert_eq!(range.contains("netcore-3.0", &order()), Ok(false));
        // Another product's moniker is never inside an ordered comparison.
        assert_eq!(range.contains("netframework-4.8", &order()), Ok(false));
        // An unknown moniker is simply not in the range.
        assert_eq!(range.contains("nothing", &order()), Ok(false));
    }
}
