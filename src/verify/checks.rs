//! Checks are content, not code: the bindings file (`content/checks/<article>.yaml`) names the GETs and binds step
//! ids to checks, and this module runs them.
//!
//! Ordinary "GET this, compare that" checks are `expect` checks: minijinja expressions (fuel-limited, strict about
//! undefined names) over the requests they read. What the YAML cannot say lives in two generic built-in kinds:
//! `per-item-sample` (one GET per item of a collection, bounded by the sample limit, run concurrently) and
//! `tenant-exists` (is the tenant gone, and was it seen alive before). A request may name a fallback request that
//! answers for it, its fields renamed, when its own source is refused (403) or absent (404). The file's own header
//! documents the format; `content/checks/close-your-account.yaml` is the example.
//!
//! The rules every kind keeps: a failed read, a missing permission or incomplete data is never `done`; every
//! `unknown` carries a reason naming the request (and, for a 403, the permission); outcomes are [`Message`]s,
//! localized later.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread;

use minijinja::value::ValueKind;
use minijinja::{Environment, UndefinedBehavior, Value as Jinja};
use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::graph::Service;
use super::i18n::{Arg, Message};
use super::read::{Failure, FailureKind, Reader, Request};
use super::report::Status;
use super::tenant::TenantState;

/// How much work one expression may do (minijinja fuel): plenty for a filter chain over a few thousand items.
const FUEL: u64 = 200_000;

/// A bindings file, parsed and checked.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bindings {
    /// The GETs, by name.
    requests: BTreeMap<String, RequestSpec>,
    /// The checks of each step, by step id.
    steps: BTreeMap<String, Vec<CheckSpec>>,
    /// The file's own evidence messages: Fluent text by locale tag, beside the bundled `verify.ftl`.
    #[serde(default)]
    messages: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RequestSpec {
    get: String,
    #[serde(default)]
    consistency: Option<Consistency>,
    permission: String,
    #[serde(default)]
    take: Option<usize>,
    #[serde(default)]
    fallback: Option<Fallback>,
}

/// Another request that answers for one whose source is refused or absent in this tenant or cloud.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Fallback {
    request: String,
    /// The fallback's field names, mapped to the names the checks read (the first request's).
    #[serde(default)]
    fields: BTreeMap<String, String>,
}

/// How a request reads in expressions; a fallback must read like the request it answers for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Count,
    Collection,
    Object,
}

impl Shape {
    fn describe(self) -> &'static str {
        match self {
            Shape::Count => "a $count",
            Shape::Collection => "a collection (with `take`)",
            Shape::Object => "an object",
        }
    }
}

impl RequestSpec {
    fn shape(&self) -> Shape {
        if is_count(&self.get) {
            Shape::Count
        } else if self.take.is_some() {
            Shape::Collection
        } else {
            Shape::Object
        }
    }
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Consistency {
    Eventual,
}

/// One check bound to a step.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
enum CheckSpec {
    Expect(Expect),
    PerItemSample(PerItemSample),
    TenantExists(TenantExists),
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Expect {
    name: String,
    reads: Vec<String>,
    #[serde(default)]
    optional: Vec<String>,
    done: String,
    not_done: String,
    undecided: String,
    #[serde(default)]
    evidence: Vec<EvidenceSpec>,
    /// Done once the tenant is deleted ([`TenantState::NotFound`], seen alive before): nothing of it is left.
    #[serde(default)]
    done_once_deleted: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct PerItemSample {
    name: String,
    items: String,
    #[serde(default)]
    total: Option<String>,
    #[serde(default)]
    reads: Vec<String>,
    #[serde(default)]
    skip: Option<String>,
    get: String,
    permission: String,
    label: String,
    done: String,
    not_done: String,
    messages: SampleMessages,
    /// As [`Expect::done_once_deleted`].
    #[serde(default)]
    done_once_deleted: bool,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct SampleMessages {
    done: String,
    not_done: String,
    limited: String,
    unexpected: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct TenantExists {
    name: String,
    #[serde(default)]
    optional: Vec<String>,
    #[serde(default)]
    evidence: Vec<EvidenceSpec>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct EvidenceSpec {
    message: String,
    #[serde(default)]
    when: Option<String>,
    #[serde(default)]
    args: BTreeMap<String, String>,
}

impl CheckSpec {
    fn name(&self) -> &str {
        match self {
            Self::Expect(check) => &check.name,
            Self::PerItemSample(check) => &check.name,
            Self::TenantExists(check) => &check.name,
        }
    }
}

/// The messages the engine itself uses (the bindings' own are checked when they load).
pub const ENGINE_MESSAGES: &[&str] = &[
    "verify-denied",
    "verify-http-error",
    "verify-redirected",
    "verify-throttled",
    "verify-no-answer",
    "verify-not-recorded",
    "verify-malformed",
    "verify-paging",
    "verify-expression-failed",
    "verify-sample-failed",
    "verify-tenant-not-found",
    "verify-tenant-gone",
    "verify-tenant-never-seen",
    "verify-tenant-alive",
    "verify-tenant-alive-by-id",
    "verify-tenant-id-gone",
    "verify-tenant-id-not-remembered",
    "verify-tenant-id-check-failed",
    "verify-tenant-contradiction",
    "verify-tenant-token-not-found",
    "verify-no-check",
    "verify-read-fallback",
    "verify-fallback-failed",
];

impl Bindings {
    /// Parses a bindings file and checks it: every read names a request, collections and counts are used as such,
    /// and every expression compiles. `source` names the file in errors.
    pub fn parse(text: &str, source: &str) -> Result<Bindings, String> {
        let bindings: Bindings = serde_yaml::from_str(text).map_err(|error| format!("{source}: {error}"))?;
        bindings.check_fallbacks(source)?;
        let env = environment();
        let at = |step: &str, check: &str| format!("{source}: {step}: {check}");
        for (step, checks) in &bindings.steps {
            for check in checks {
                let here = at(step, check.name());
                let (reads, expressions) = bindings.parts(check);
                for read in reads {
                    if !bindings.requests.contains_key(read) {
                        return Err(format!("{here}: reads '{read}', which is not in `requests`"));
                    }
                }
                if let CheckSpec::PerItemSample(sample) = check {
                    if bindings.requests[&sample.items].take.is_none() {
                        return Err(format!("{here}: `items` must name a collection (a request with `take`)"));
                    }
                    if let Some(total) = &sample.total
                        && !is_count(&bindings.requests[total].get)
                    {
                        return Err(format!("{here}: `total` must name a $count request"));
                    }
                }
                for expression in expressions {
                    env.compile_expression(expression).map_err(|error| format!("{here}: `{expression}`: {error}"))?;
                }
            }
        }
        Ok(bindings)
    }

    /// Every fallback names another request that reads alike and has no fallback of its own, and renames each field
    /// to a distinct name.
    fn check_fallbacks(&self, source: &str) -> Result<(), String> {
        for (name, spec) in &self.requests {
            let Some(fallback) = &spec.fallback else { continue };
            let here = format!("{source}: requests: {name}");
            let Some(stand_in) = self.requests.get(&fallback.request) else {
                return Err(format!("{here}: `fallback` names '{}', which is not in `requests`", fallback.request));
            };
            if stand_in.fallback.is_some() {
                return Err(format!(
                    "{here}: `fallback` names '{}', which has a fallback of its own (fallbacks do not chain)",
                    fallback.request
                ));
            }
            if stand_in.shape() != spec.shape() {
                return Err(format!(
                    "{here}: `fallback` names '{}', which reads as {}, not as {} like '{name}'",
                    fallback.request,
                    stand_in.shape().describe(),
                    spec.shape().describe()
                ));
            }
            if spec.shape() == Shape::Count && !fallback.fields.is_empty() {
                return Err(format!("{here}: `fallback.fields`: a $count has no fields to rename"));
            }
            let mut names = BTreeSet::new();
            for (from, to) in &fallback.fields {
                if from.trim().is_empty() || to.trim().is_empty() {
                    return Err(format!("{here}: `fallback.fields`: '{from}: {to}' needs two field names"));
                }
                if !names.insert(to) {
                    return Err(format!("{here}: `fallback.fields`: two fields are renamed to '{to}'"));
                }
            }
        }
        Ok(())
    }

    /// The file's own messages, Fluent text by locale tag.
    pub fn messages(&self) -> &BTreeMap<String, String> {
        &self.messages
    }

    /// The step ids that have checks.
    pub fn step_ids(&self) -> impl Iterator<Item = &str> {
        self.steps.keys().map(String::as_str)
    }

    /// Every message id the bindings use.
    pub fn message_ids(&self) -> Vec<&str> {
        let mut ids = Vec::new();
        for check in self.steps.values().flatten() {
            match check {
                CheckSpec::Expect(expect) => {
                    ids.push(expect.undecided.as_str());
                    ids.extend(expect.evidence.iter().map(|evidence| evidence.message.as_str()));
                }
                CheckSpec::PerItemSample(sample) => {
                    let messages = &sample.messages;
                    ids.extend(
                        [&messages.done, &messages.not_done, &messages.limited, &messages.unexpected]
                            .map(String::as_str),
                    );
                }
                CheckSpec::TenantExists(tenant) => {
                    ids.extend(tenant.evidence.iter().map(|evidence| evidence.message.as_str()));
                }
            }
        }
        ids
    }

    /// The names a check reads and the expressions it evaluates.
    fn parts<'a>(&'a self, check: &'a CheckSpec) -> (Vec<&'a String>, Vec<&'a String>) {
        let evidence_expressions = |evidence: &'a [EvidenceSpec]| {
            evidence.iter().flat_map(|item| item.when.iter().chain(item.args.values())).collect::<Vec<_>>()
        };
        match check {
            CheckSpec::Expect(expect) => {
                let mut expressions = vec![&expect.done, &expect.not_done];
                expressions.extend(evidence_expressions(&expect.evidence));
                (expect.reads.iter().chain(&expect.optional).collect(), expressions)
            }
            CheckSpec::PerItemSample(sample) => {
                let reads = [&sample.items].into_iter().chain(&sample.total).chain(&sample.reads).collect();
                let expressions =
                    [&sample.done, &sample.not_done, &sample.label].into_iter().chain(&sample.skip).collect();
                (reads, expressions)
            }
            CheckSpec::TenantExists(tenant) => {
                (tenant.optional.iter().collect(), evidence_expressions(&tenant.evidence))
            }
        }
    }

    fn request(&self, name: &str) -> Request {
        let spec = &self.requests[name];
        Request {
            service: Service::Graph,
            path: spec.get.clone(),
            consistency: spec.consistency.is_some(),
            permission: Some(spec.permission.clone()),
        }
    }
}

fn is_count(path: &str) -> bool {
    path.split('?').next().is_some_and(|path| path.ends_with("/$count"))
}

fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_fuel(Some(FUEL));
    env
}

/// What one check concluded.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The check's name.
    pub name: String,
    /// Its status.
    pub status: Status,
    /// Why, for `unknown` (and `manual`).
    pub reason: Option<Message>,
    /// What it saw.
    pub evidence: Vec<Message>,
}

/// Runs checks for one verification.
pub struct Runner<'a> {
    bindings: &'a Bindings,
    reader: &'a Reader<'a>,
    env: Environment<'static>,
    tenant_name: &'a str,
    cloud: &'a str,
    tenant: &'a TenantState,
    sample_limit: usize,
    concurrency: usize,
}

impl<'a> Runner<'a> {
    /// A runner reading through `reader`; `sample_limit` bounds per-item checks, `concurrency` their parallel GETs.
    pub fn new(
        bindings: &'a Bindings,
        reader: &'a Reader<'a>,
        (tenant_name, cloud, tenant): (&'a str, &'a str, &'a TenantState),
        sample_limit: usize,
        concurrency: usize,
    ) -> Runner<'a> {
        Runner {
            bindings,
            reader,
            env: environment(),
            tenant_name,
            cloud,
            tenant,
            sample_limit,
            concurrency: concurrency.max(1),
        }
    }

    /// The outcomes of every check bound to `step_id`, in the file's order, run concurrently; empty when none is
    /// bound.
    pub fn step(&self, step_id: &str) -> Vec<Outcome> {
        let Some(checks) = self.bindings.steps.get(step_id) else {
            return Vec::new();
        };
        thread::scope(|scope| {
            let running: Vec<_> = checks.iter().map(|check| scope.spawn(move || self.check(check))).collect();
            running.into_iter().zip(checks).map(|(handle, check)| joined(handle.join(), check.name())).collect()
        })
    }

    fn check(&self, check: &CheckSpec) -> Outcome {
        let done_once_deleted = match check {
            CheckSpec::Expect(expect) => expect.done_once_deleted,
            CheckSpec::PerItemSample(sample) => sample.done_once_deleted,
            CheckSpec::TenantExists(_) => false,
        };
        if done_once_deleted && matches!(self.tenant, TenantState::NotFound { seen_before: true, .. }) {
            return Outcome {
                name: check.name().to_owned(),
                status: Status::Done,
                reason: None,
                evidence: vec![Message::new("verify-deleted-nothing-left").arg("tenant", self.tenant_name)],
            };
        }
        if let (Some(reason), CheckSpec::Expect(_) | CheckSpec::PerItemSample(_)) =
            (self.tenant.unreadable(self.tenant_name), check)
        {
            return unknown(check.name(), reason);
        }
        match check {
            CheckSpec::Expect(expect) => self.expect(expect),
            CheckSpec::PerItemSample(sample) => self.sample(sample),
            CheckSpec::TenantExists(tenant) => self.tenant_exists(tenant),
        }
    }

    /// Reads `names` concurrently into a context, with every failure and every fallback used, in `names` order.
    fn read_all(&self, names: &[&String], overrides: &[(&str, usize)]) -> Reads {
        let results: Vec<_> = thread::scope(|scope| {
            let running: Vec<_> = names
                .iter()
                .map(|name| {
                    let take = overrides.iter().find(|(over, _)| over == name).map(|(_, take)| *take);
                    scope.spawn(move || self.read(name, take))
                })
                .collect();
            running.into_iter().map(|handle| handle.join()).collect()
        });
        let mut reads = Reads::default();
        for (name, result) in names.iter().zip(results) {
            match result {
                Ok(Ok(read)) => {
                    reads.context.insert((*name).clone(), read.value);
                    reads.fallbacks.extend(read.fallback);
                }
                Ok(Err(reason)) => reads.failures.push(((*name).clone(), reason)),
                Err(_) => reads.failures.push(((*name).clone(), failure_message(&internal_failure(name)))),
            }
        }
        reads
    }

    /// The request `name`, or its fallback when the request's source is refused or absent; `Err` is the reason,
    /// naming both failures when the fallback failed too.
    fn read(&self, name: &str, take: Option<usize>) -> Result<Read, Message> {
        let spec = &self.bindings.requests[name];
        let failure = match self.read_source(name, take, &BTreeMap::new()) {
            Ok(value) => return Ok(Read { value, fallback: None }),
            Err(failure) => failure,
        };
        let (Some(fallback), Some(status)) = (&spec.fallback, source_missing(&failure)) else {
            return Err(failure_message(&failure));
        };
        match self.read_source(&fallback.request, take, &fallback.fields) {
            Ok(value) => {
                let note = Message::new("verify-read-fallback")
                    .arg("fallback", self.bindings.request(&fallback.request).label())
                    .arg("request", failure.request.as_str())
                    .arg("status", u64::from(status));
                Ok(Read { value, fallback: Some(note) })
            }
            Err(second) => Err(Message::new("verify-fallback-failed")
                .arg("failure", failure_message(&failure))
                .arg("fallback", failure_message(&second))),
        }
    }

    /// One request's answer as expressions see it, its objects' fields renamed by `fields`.
    fn read_source(
        &self,
        name: &str,
        take: Option<usize>,
        fields: &BTreeMap<String, String>,
    ) -> Result<Value, Failure> {
        let request = self.bindings.request(name);
        let spec = &self.bindings.requests[name];
        if is_count(&spec.get) {
            return self.reader.count(&request).map(Value::from);
        }
        match take.or(spec.take) {
            Some(take) => {
                let collection = self.reader.collection(&request, take)?;
                let items: Vec<Value> = collection.items.into_iter().map(|item| rename(item, fields)).collect();
                Ok(json!({ "items": items, "complete": collection.complete }))
            }
            None => self.reader.object(&request).map(|object| rename(object, fields)),
        }
    }

    fn eval(&self, expression: &str, context: &Map<String, Value>) -> Result<Jinja, String> {
        let compiled = self.env.compile_expression(expression).map_err(|error| error.to_string())?;
        compiled.eval(Jinja::from(minijinja::value::Serde(context))).map_err(|error| error.to_string())
    }

    fn truth(&self, expression: &str, context: &Map<String, Value>) -> Result<bool, String> {
        self.eval(expression, context).map(|value| value.is_true())
    }

    /// The evidence items whose `when` holds; an item that cannot be evaluated is skipped when an optional read it
    /// may need failed (that failure is already evidence), else shown as an expression failure.
    fn evidence(&self, items: &[EvidenceSpec], context: &Map<String, Value>, optional_failed: bool) -> Vec<Message> {
        let mut messages = Vec::new();
        for item in items {
            let evaluated = (|| -> Result<Option<Message>, String> {
                if let Some(when) = &item.when
                    && !self.truth(when, context)?
                {
                    return Ok(None);
                }
                let mut message = Message::new(&item.message);
                for (name, expression) in &item.args {
                    message = message.arg(name, arg(&self.eval(expression, context)?));
                }
                Ok(Some(message))
            })();
            match evaluated {
                Ok(found) => messages.extend(found),
                Err(_) if optional_failed => {}
                Err(error) => messages.push(Message::new("verify-expression-failed").arg("error", error)),
            }
        }
        messages
    }

    fn expect(&self, expect: &Expect) -> Outcome {
        let required: Vec<&String> = expect.reads.iter().collect();
        let optional: Vec<&String> = expect.optional.iter().collect();
        let all: Vec<&String> = required.iter().chain(&optional).copied().collect();
        let Reads { context, failures, fallbacks } = self.read_all(&all, &[]);
        if let Some((_, reason)) = failures.iter().find(|(name, _)| expect.reads.contains(name)) {
            return unknown(&expect.name, reason.clone());
        }
        let decided = self
            .truth(&expect.not_done, &context)
            .and_then(|not_done| Ok((not_done, !not_done && self.truth(&expect.done, &context)?)));
        let (status, reason) = match decided {
            Err(error) => {
                return unknown(&expect.name, Message::new("verify-expression-failed").arg("error", error));
            }
            Ok((true, _)) => (Status::NotDone, None),
            Ok((false, true)) => (Status::Done, None),
            Ok((false, false)) => (Status::Unknown, Some(Message::new(&expect.undecided))),
        };
        let mut evidence = self.evidence(&expect.evidence, &context, !failures.is_empty());
        evidence.extend(fallbacks);
        evidence.extend(failures.into_iter().map(|(_, reason)| reason));
        Outcome { name: expect.name.clone(), status, reason, evidence }
    }

    fn sample(&self, sample: &PerItemSample) -> Outcome {
        let limit = self.sample_limit;
        let mut take = limit + 1;
        // Grow the listing until it holds `limit + 1` items that are not skipped, or all there are.
        let (context, candidates, complete, fallbacks) = loop {
            let names: Vec<&String> = [&sample.items].into_iter().chain(&sample.reads).collect();
            let Reads { mut context, failures, fallbacks } = self.read_all(&names, &[(sample.items.as_str(), take)]);
            if let Some((_, reason)) = failures.into_iter().next() {
                return unknown(&sample.name, reason);
            }
            let listing = context.remove(&sample.items).unwrap_or_default();
            let items = listing.get("items").and_then(Value::as_array).cloned().unwrap_or_default();
            let complete = listing.get("complete").and_then(Value::as_bool).unwrap_or(false);
            let mut candidates = Vec::new();
            for item in &items {
                let mut scope = context.clone();
                scope.insert("item".into(), item.clone());
                match sample.skip.as_deref().map(|skip| self.truth(skip, &scope)).unwrap_or(Ok(false)) {
                    Ok(true) => {}
                    Ok(false) => candidates.push(item.clone()),
                    Err(error) => {
                        return unknown(&sample.name, Message::new("verify-expression-failed").arg("error", error));
                    }
                }
            }
            if complete || candidates.len() > limit || items.len() < take {
                break (context, candidates, complete, fallbacks);
            }
            take += limit + 1 - candidates.len();
        };
        let limited = candidates.len() > limit || !complete;
        let checked: Vec<Value> = candidates.into_iter().take(limit).collect();
        let results = self.per_item(sample, &checked);
        // Users not asked once Graph stopped answering were not checked: what was found is of a sample.
        let asked = results.iter().flatten().count();
        let limited = limited || asked < checked.len();

        let mut on = Vec::new();
        let mut unexpected = Vec::new();
        let mut failures = Vec::new();
        for (item, result) in checked.iter().zip(&results) {
            let Some(result) = result else { continue };
            let mut scope = context.clone();
            scope.insert("item".into(), item.clone());
            let label = self.eval(&sample.label, &scope).map(|label| label.to_string()).unwrap_or_default();
            match result {
                Err(failure) => failures.push(failure_message(failure)),
                Ok(result) => {
                    scope.insert("result".into(), result.clone());
                    match (self.truth(&sample.not_done, &scope), self.truth(&sample.done, &scope)) {
                        (Ok(true), _) => on.push(label),
                        (Ok(false), Ok(true)) => {}
                        _ => unexpected.push(label),
                    }
                }
            }
        }
        let mut evidence = Vec::new();
        let (status, reason) = if !on.is_empty() {
            let not_done = Message::new(&sample.messages.not_done).arg("count", on.len()).arg("names", on.join(", "));
            evidence.push(not_done.arg("checked", asked).arg("limited", limited.to_string()));
            (Status::NotDone, None)
        } else if let Some(first) = failures.first() {
            (Status::Unknown, Some(first.clone()))
        } else if !unexpected.is_empty() {
            let names = unexpected.join(", ");
            (
                Status::Unknown,
                Some(Message::new(&sample.messages.unexpected).arg("count", unexpected.len()).arg("names", names)),
            )
        } else if limited {
            let total = sample
                .total
                .as_ref()
                .and_then(|total| self.read(total, None).ok())
                .and_then(|total| total.value.as_u64());
            let total = match total {
                Some(total) => Arg::from(total.max(checked.len() as u64 + 1)),
                None => Arg::Text(format!(">{}", checked.len())),
            };
            (
                Status::Unknown,
                Some(Message::new(&sample.messages.limited).arg("checked", checked.len()).arg("total", total)),
            )
        } else {
            evidence.push(Message::new(&sample.messages.done).arg("checked", checked.len()));
            (Status::Done, None)
        };
        if !failures.is_empty() {
            evidence.push(Message::new("verify-sample-failed").arg("failed", failures.len()).arg("checked", asked));
        }
        evidence.extend(fallbacks);
        Outcome { name: sample.name.clone(), status, reason, evidence }
    }

    /// One GET per item, [`Runner::concurrency`] at a time; `None` for the items not asked because a request went
    /// unanswered (a timeout, the network): Graph is not answering, and asking the rest would only wait as long again
    /// for each.
    fn per_item(&self, sample: &PerItemSample, items: &[Value]) -> Vec<Option<Result<Value, Failure>>> {
        let next = AtomicUsize::new(0);
        let unanswered = AtomicBool::new(false);
        let results: Mutex<Vec<Option<Result<Value, Failure>>>> = Mutex::new(vec![None; items.len()]);
        thread::scope(|scope| {
            for _ in 0..self.concurrency.min(items.len()) {
                scope.spawn(|| {
                    while !unanswered.load(Ordering::Relaxed) {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(index) else { break };
                        let request = Request {
                            service: Service::Graph,
                            path: fill(&sample.get, item),
                            consistency: false,
                            permission: Some(sample.permission.clone()),
                        };
                        let result = self.reader.object(&request);
                        if let Err(Failure { kind: FailureKind::Transport { .. }, .. }) = &result {
                            unanswered.store(true, Ordering::Relaxed);
                        }
                        results.lock().unwrap_or_else(|poisoned| poisoned.into_inner())[index] = Some(result);
                    }
                });
            }
        });
        results.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn tenant_exists(&self, check: &TenantExists) -> Outcome {
        let (tenant, cloud) = (self.tenant_name, self.cloud);
        match self.tenant {
            TenantState::NotFound { seen_before: true, id } => {
                let mut evidence = vec![Message::new("verify-tenant-gone").arg("tenant", tenant).arg("cloud", cloud)];
                evidence.extend(id.iter().map(|id| Message::new("verify-tenant-id-gone").arg("id", id.as_str())));
                Outcome { name: check.name.clone(), status: Status::Done, reason: None, evidence }
            }
            TenantState::NotFound { seen_before: false, .. } => {
                unknown(&check.name, Message::new("verify-tenant-never-seen").arg("tenant", tenant).arg("cloud", cloud))
            }
            TenantState::Unknown { reason, .. } => unknown(&check.name, reason.clone()),
            TenantState::Alive { via_id } => {
                let optional: Vec<&String> = check.optional.iter().collect();
                let Reads { context, failures, fallbacks } = self.read_all(&optional, &[]);
                let mut evidence = vec![match via_id {
                    None => Message::new("verify-tenant-alive").arg("tenant", tenant),
                    Some(id) => Message::new("verify-tenant-alive-by-id").arg("tenant", tenant).arg("id", id.as_str()),
                }];
                evidence.extend(self.evidence(&check.evidence, &context, !failures.is_empty()));
                evidence.extend(fallbacks);
                evidence.extend(failures.into_iter().map(|(_, reason)| reason));
                Outcome { name: check.name.clone(), status: Status::NotDone, reason: None, evidence }
            }
        }
    }
}

/// What one named read gave: the value expressions see, and a note when a fallback answered for it.
struct Read {
    value: Value,
    fallback: Option<Message>,
}

/// What a check's reads gave together: the expressions' context, the reason each failed read failed (by name), and
/// the notes of the fallbacks that answered.
#[derive(Default)]
struct Reads {
    context: Map<String, Value>,
    failures: Vec<(String, Message)>,
    fallbacks: Vec<Message>,
}

/// The status of a failure that says the request's source is refused (403) or absent (404) here: the only failures a
/// fallback answers for, so that a throttled or failing service never silently switches sources.
fn source_missing(failure: &Failure) -> Option<u16> {
    match failure.kind {
        FailureKind::Denied { .. } => Some(403),
        FailureKind::Status { status: 404, .. } => Some(404),
        _ => None,
    }
}

/// `value` with the fields `fields` names renamed (anything but an object is left as it is); a renamed field replaces
/// a field that already had its new name.
fn rename(value: Value, fields: &BTreeMap<String, String>) -> Value {
    let Value::Object(object) = value else { return value };
    let mut out = Map::new();
    let mut renamed = Vec::new();
    for (field, value) in object {
        match fields.get(&field) {
            Some(name) => renamed.push((name.clone(), value)),
            None => {
                out.insert(field, value);
            }
        }
    }
    out.extend(renamed);
    Value::Object(out)
}

fn unknown(name: &str, reason: Message) -> Outcome {
    Outcome { name: name.to_owned(), status: Status::Unknown, reason: Some(reason), evidence: Vec::new() }
}

fn joined(result: thread::Result<Outcome>, name: &str) -> Outcome {
    result.unwrap_or_else(|_| unknown(name, Message::new("verify-expression-failed").arg("error", "internal error")))
}

fn internal_failure(what: &str) -> Failure {
    Failure { request: format!("GET {what}"), kind: FailureKind::Malformed("internal error".into()) }
}

/// The reason a read failed, as a message naming the request (and the permission, for a 403).
pub fn failure_message(failure: &Failure) -> Message {
    let request = failure.request.as_str();
    match &failure.kind {
        FailureKind::Denied { code, permission } => Message::new("verify-denied")
            .arg("request", request)
            .arg("code", code.as_str())
            .arg("permission", permission.as_deref().unwrap_or("?")),
        FailureKind::Status { status: status @ (429 | 503 | 504), attempts, .. } => Message::new("verify-throttled")
            .arg("request", request)
            .arg("status", u64::from(*status))
            .arg("attempts", u64::from(*attempts)),
        FailureKind::Status { status, code, message, .. } => Message::new("verify-http-error")
            .arg("request", request)
            .arg("status", u64::from(*status))
            .arg("code", if code.is_empty() { "-" } else { code.as_str() })
            .arg("message", message.as_str()),
        FailureKind::Redirected { status, host } => Message::new("verify-redirected")
            .arg("request", request)
            .arg("status", u64::from(*status))
            .arg("located", host.is_some().to_string())
            .arg("host", host.as_deref().unwrap_or_default()),
        FailureKind::Transport { error, attempts } => Message::new("verify-no-answer")
            .arg("request", request)
            .arg("error", error.as_str())
            .arg("attempts", u64::from(*attempts)),
        FailureKind::Foreign(answer) => Message::new("verify-foreign-answer")
            .arg("request", request)
            .arg("status", u64::from(answer.status))
            .arg("body", answer.body_kind())
            .arg("type", answer.media_type.as_str())
            .arg("excerpt", answer.excerpt.as_str()),
        FailureKind::NotRecorded => Message::new("verify-not-recorded").arg("request", request),
        FailureKind::Malformed(detail) => {
            Message::new("verify-malformed").arg("request", request).arg("detail", detail.as_str())
        }
        FailureKind::Paging(detail) => {
            Message::new("verify-paging").arg("request", request).arg("detail", detail.as_str())
        }
    }
}

/// An expression's value as a message argument: numbers stay numbers, booleans are `true`/`false` (for Fluent
/// selectors), lists are joined with ", ".
fn arg(value: &Jinja) -> Arg {
    match value.kind() {
        ValueKind::Number => f64::try_from(value.clone()).map_or_else(|_| Arg::Text(value.to_string()), Arg::Number),
        ValueKind::Bool => Arg::Text(value.is_true().to_string()),
        ValueKind::Seq => Arg::Text(
            value
                .try_iter()
                .map(|items| items.map(|item| item.to_string()).collect::<Vec<_>>().join(", "))
                .unwrap_or_default(),
        ),
        _ => Arg::Text(value.to_string()),
    }
}

/// `template` with each `{field}` replaced by the item's field, percent-encoded for a path segment.
fn fill(template: &str, item: &Value) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else { break };
        out.push_str(&rest[..open]);
        let field = &rest[open + 1..open + close];
        let value = match item.get(field) {
            Some(Value::String(text)) => text.clone(),
            Some(other) => other.to_string(),
            None => String::new(),
        };
        out.push_str(&encode_segment(&value));
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

fn encode_segment(text: &str) -> String {
    super::percent_encoded(text, b"-._~@")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_bindings_parse() {
        let text = crate::assets::get("content/checks/close-your-account.yaml").unwrap();
        let bindings = Bindings::parse(text, "close-your-account.yaml").unwrap();
        assert_eq!(bindings.step_ids().count(), 5);
    }

    #[test]
    fn bad_bindings_are_refused_with_their_place() {
        let unknown_read = "requests: {}\nsteps:\n  s:\n    - {kind: expect, name: c, reads: [nope], done: 'true', \
                            not-done: 'false', undecided: m}\n";
        let error = Bindings::parse(unknown_read, "x.yaml").unwrap_err();
        assert!(error.contains("x.yaml: s: c: reads 'nope'"), "{error}");
        let bad_expression = "requests: {a: {get: /a, permission: P}}\nsteps:\n  s:\n    - {kind: expect, name: c, \
                              reads: [a], done: 'a ==', not-done: 'false', undecided: m}\n";
        assert!(Bindings::parse(bad_expression, "x.yaml").unwrap_err().contains("`a ==`"));
        let unknown_kind = "requests: {}\nsteps:\n  s:\n    - {kind: guess, name: c}\n";
        assert!(Bindings::parse(unknown_kind, "x.yaml").is_err());
    }

    #[test]
    fn bad_fallbacks_are_refused_naming_the_file_and_the_key() {
        let bindings = |fallback: &str| {
            format!(
                "requests:\n  a: {{get: /a, permission: P, take: 5, fallback: {fallback}}}\n  \
                 b: {{get: /b, permission: P, take: 5}}\n  n: {{get: /n/$count, permission: P}}\nsteps: {{}}\n"
            )
        };
        let error = |fallback: &str| Bindings::parse(&bindings(fallback), "x.yaml").unwrap_err();
        assert!(Bindings::parse(&bindings("{request: b, fields: {capabilityStatus: status}}"), "x.yaml").is_ok());
        assert_eq!(
            error("{request: nope}"),
            "x.yaml: requests: a: `fallback` names 'nope', which is not in `requests`"
        );
        assert_eq!(
            error("{request: b, fields: {x: status, y: status}}"),
            "x.yaml: requests: a: `fallback.fields`: two fields are renamed to 'status'"
        );
        let not_a_map = error("{request: b, fields: [capabilityStatus, status]}");
        assert!(
            not_a_map.starts_with("x.yaml: requests.a.fallback.fields: invalid type: sequence, expected a map"),
            "{not_a_map}"
        );
        assert!(
            error("{request: b, fields: {status: ''}}").contains("`fallback.fields`: 'status: ' needs two field names")
        );
        assert!(error("{request: n}").contains("'n', which reads as a $count, not as a collection (with `take`)"));
        assert!(error("{request: a}").contains("has a fallback of its own (fallbacks do not chain)"));
        assert!(error("{name: b}").contains("x.yaml: "));
    }

    #[test]
    fn a_fallback_renames_its_fields_and_keeps_the_others() {
        let fields = BTreeMap::from([("capabilityStatus".to_owned(), "status".to_owned())]);
        let sku = json!({"skuPartNumber": "E5", "capabilityStatus": "Enabled", "status": "stale"});
        assert_eq!(rename(sku, &fields), json!({"skuPartNumber": "E5", "status": "Enabled"}));
        assert_eq!(rename(json!(3), &fields), json!(3));
    }

    #[test]
    fn templates_fill_and_encode_fields() {
        let item = serde_json::json!({"id": "a b/c", "n": 3});
        assert_eq!(fill("/beta/users/{id}/x?{n}", &item), "/beta/users/a%20b%2Fc/x?3");
    }
}
