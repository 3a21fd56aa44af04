//! The verification report: JSON for tools (and `checkdown render --results`), text for people.
//!
//! The JSON shape is `{"checkdown_version","article","moniker"?,"locale","tenant","cloud","signed_in","checked_at",
//! "requests":N,"replayed_from"?,"steps":[{"id","number","title","status","evidence":[...],"checks":[{"name",
//! "status","reason"}]}]}`, a superset of what `render --results` reads; `moniker` is there only for a variant of the
//! article, and `replayed_from` (the record's file) only for a replayed report, whose text says so under the heading.
//! `signed_in` is the identity the checks ran as (`{"kind","name","id","tenant_id"}`), `null` when nobody signed in;
//! the text names it under the heading.
//! A step's status combines its checks: any `not-done` makes it not done, else any `unknown` makes it unknown, else
//! it is done; a step with no check is `manual`.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use super::i18n::{Message, Messages};
use super::identity::Identity;

/// Where a step stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// The tenant shows the step is done.
    Done,
    /// The tenant shows the step is not done.
    NotDone,
    /// The tool could not tell; the reason says why.
    Unknown,
    /// No check is bound to the step: a person must look.
    Manual,
}

impl Status {
    /// The name used in JSON (`not-done`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Done => "done",
            Self::NotDone => "not-done",
            Self::Unknown => "unknown",
            Self::Manual => "manual",
        }
    }

    /// The status of a step from its checks' statuses (see the module docs).
    pub fn combine(statuses: impl IntoIterator<Item = Status>) -> Status {
        let statuses: Vec<Status> = statuses.into_iter().collect();
        if statuses.is_empty() {
            Status::Manual
        } else if statuses.contains(&Status::NotDone) {
            Status::NotDone
        } else if statuses.iter().any(|status| *status != Status::Done) {
            Status::Unknown
        } else {
            Status::Done
        }
    }

    fn mark(self) -> &'static str {
        match self {
            Self::Done => "[x]",
            Self::NotDone => "[ ]",
            Self::Unknown => "[?]",
            Self::Manual => "[-]",
        }
    }

    fn colour(self) -> &'static str {
        match self {
            Self::Done => "\x1b[32m",
            Self::NotDone => "\x1b[31m",
            Self::Unknown => "\x1b[33m",
            Self::Manual => "\x1b[2m",
        }
    }
}

/// One check's conclusion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckReport {
    /// The check's name in the bindings file.
    pub name: String,
    /// Its status.
    pub status: Status,
    /// Why, for `unknown` and `manual`; `null` otherwise.
    pub reason: Option<String>,
}

/// One step's verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepReport {
    /// The step id (the article's section id).
    pub id: String,
    /// The step number.
    pub number: u32,
    /// The step title, in the article's language.
    pub title: String,
    /// The combined status.
    pub status: Status,
    /// What the checks saw, localized; the reasons of `unknown` checks come first.
    pub evidence: Vec<String>,
    /// Each check's conclusion.
    pub checks: Vec<CheckReport>,
}

/// The result of one verification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyReport {
    /// The checkdown version that made the report, for evidence kept with it.
    #[serde(default)]
    pub checkdown_version: String,
    /// The article name (`close-your-account`).
    pub article: String,
    /// The variant of the article verified (`--moniker`, lower-cased); absent for the whole article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moniker: Option<String>,
    /// The locale of the evidence (`en-US`).
    pub locale: String,
    /// The tenant as given.
    pub tenant: String,
    /// The cloud (`global`).
    pub cloud: String,
    /// Who the checks ran as; `None` when nobody signed in (the tenant was not found, no check was bound to a step)
    /// or the report is older than this field.
    #[serde(default)]
    pub signed_in: Option<Identity>,
    /// When the checks ran, RFC 3339 UTC.
    pub checked_at: String,
    /// How many distinct GETs the checks made (retries count once; token requests are not GETs).
    pub requests: usize,
    /// The hosts that answered, when they are not the cloud's own (`--authority-host`, `--graph-host`: a test server
    /// or a proxy); absent when the cloud's own hosts did, or nothing was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hosts: Option<String>,
    /// The record this report was replayed from (`--replay FILE`); absent for a live run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replayed_from: Option<String>,
    /// One entry per step, in article order.
    pub steps: Vec<StepReport>,
}

impl VerifyReport {
    /// True when every step is done.
    pub fn all_done(&self) -> bool {
        self.steps.iter().all(|step| step.status == Status::Done)
    }

    /// The exit code of a run that produced this report: 0, or 1 under `--fail-unless-done` when a step is not done.
    pub fn exit_code(&self, fail_unless_done: bool) -> u8 {
        u8::from(fail_unless_done && !self.all_done())
    }

    /// The report as pretty JSON (ends with a newline).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    /// The text form: a heading line in the report's locale, who signed in, whether it was replayed, which hosts answered when not the cloud's own, then one line per
    /// step (status mark, number, title, evidence). `colour` adds ANSI colours to the marks; the caller decides (a
    /// terminal, no `NO_COLOR`).
    pub fn to_text(&self, colour: bool) -> String {
        // The time in the report's words ("22 novembre 2026 à 11 h 08 UTC"), as the checklist prints it.
        let checked = crate::i18n::Strings::load(&self.locale)
            .map_or_else(|_| self.checked_at.clone(), |strings| strings.timestamp(&self.checked_at));
        let heading = Message::new("verify-heading")
            .arg("tenant", self.tenant.as_str())
            .arg("cloud", self.cloud.as_str())
            .arg("checked", checked.as_str());
        let messages = Messages::new(&self.locale).ok();
        let text = |message: &Message| messages.as_ref().map_or_else(|| message.id.clone(), |all| all.format(message));
        // Each piece of evidence is a sentence of its own; a language may join them its own way.
        let separator = text(&Message::new("verify-evidence-separator"));
        let mut out = format!("{}\n", text(&heading));
        if let Some(identity) = &self.signed_in {
            out.push_str(&format!("{}\n", text(&identity.message())));
        }
        if let Some(record) = &self.replayed_from {
            let replayed =
                Message::new("verify-replayed").arg("record", record.as_str()).arg("checked", checked.as_str());
            out.push_str(&format!("{}\n", text(&replayed)));
        }
        if let Some(hosts) = &self.hosts {
            let hosts = Message::new("verify-hosts").arg("hosts", hosts.as_str()).arg("cloud", self.cloud.as_str());
            out.push_str(&format!("{}\n", text(&hosts)));
        }
        for step in &self.steps {
            let mark = step.status.mark();
            let mark = if colour { format!("{}{mark}\x1b[0m", step.status.colour()) } else { mark.to_owned() };
            let _ = write!(out, "{mark} {}. {}", step.number, step.title);
            if !step.evidence.is_empty() {
                let _ = write!(out, " — {}", join_sentences(&step.evidence, &separator));
            }
            out.push('\n');
        }
        out
    }
}

/// `sentences` joined by `separator` (". "), less its full stop after a sentence that ends with its own: Graph's
/// messages end with one ("…is not yet valid.").
fn join_sentences(sentences: &[String], separator: &str) -> String {
    let mut joined = String::new();
    for sentence in sentences {
        if !joined.is_empty() {
            let ended = joined.ends_with(['.', '!', '?', '\u{3002}']);
            joined.push_str(if ended { separator.trim_start_matches('.') } else { separator });
        }
        joined.push_str(sentence);
    }
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_status_combines_checks() {
        assert_eq!(Status::combine([]), Status::Manual);
        assert_eq!(Status::combine([Status::Done, Status::Unknown]), Status::Unknown);
        assert_eq!(Status::combine([Status::Unknown, Status::NotDone]), Status::NotDone);
        assert_eq!(Status::combine([Status::Done, Status::Done]), Status::Done);
    }

    #[test]
    fn evidence_sentences_end_with_one_full_stop() {
        let sentences = ["Access token has expired or is not yet valid.".to_owned(), "Blocker: 3 users".to_owned()];
        assert_eq!(join_sentences(&sentences, ". "), "Access token has expired or is not yet valid. Blocker: 3 users");
        let sentences = ["3 users left".to_owned(), "Sync is on".to_owned()];
        assert_eq!(join_sentences(&sentences, ". "), "3 users left. Sync is on");
    }
}
