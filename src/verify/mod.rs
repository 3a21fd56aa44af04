//! Verify: read-only checks against a live Microsoft 365 / Entra tenant that tell which steps of an article are done.
//!
//! The pipeline of [`verify`]:
//! 1. [`VerifyOptions::new`] validates what the command line and the environment gave ([`VerifyArgs`],
//!    [`Environment`]): tenant, [`cloud`] and hosts, credentials ([`auth`]), the bindings of steps to checks
//!    ([`checks`], from `content/checks/<article>.yaml`), the locale of the evidence ([`i18n`]).
//! 2. The tenant's discovery document on the login host says whether the tenant still exists (by the remembered
//!    tenant id too, when the name given no longer resolves: [`tenant`]); if it does, the run signs in ([`auth`]),
//!    reads who it signed in as from the token ([`identity`]), and remembers the tenant and its id as seen alive
//!    ([`state`]).
//! 3. Each step's checks run concurrently, reading Graph through a [`read::Reader`] over the GET-only
//!    [`graph::GraphClient`] (or over a record being replayed, [`record`]).
//! 4. The outcomes are localized into a [`VerifyReport`] (JSON or text, [`report`]); `--record` saves the answers used.
//!
//! Read-only by construction: the Graph client has no method that takes an HTTP method, and the only POSTs are token
//! requests to the login host. Secrets come from the environment or files, never from arguments, and never reach
//! output, logs, records or errors.

pub mod auth;
pub mod checks;
pub mod cloud;
pub mod graph;
pub mod i18n;
pub mod identity;
pub mod read;
pub mod record;
pub mod report;
pub mod state;
pub mod tenant;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread;
use std::time::SystemTime;

pub use auth::{AuthError, AuthMode, Secret, redact};
pub use cloud::Cloud;
pub use graph::RetryPolicy;
pub use identity::{Identity, IdentityKind};
pub use report::{CheckReport, Status, StepReport, VerifyReport};

use auth::{Credential, Credentials, LoginClient, Tokens};
use checks::{Bindings, Outcome, Runner};
use cloud::{Endpoints, Host};
use graph::GraphClient;
use i18n::{Message, Messages};
use read::Reader;
use record::{Recorded, Recording, Replay};
use state::SeenAlive;
use tenant::{SignIn, TenantAnswers, TenantState};

/// Where progress and warnings go (retries, device-code instructions, a state file that could not be written).
/// Never given a secret. The CLI passes [`stderr_log`]; tests collect the lines.
pub type Log = Arc<dyn Fn(&str) + Send + Sync>;

/// A [`Log`] that writes each line to stderr.
pub fn stderr_log() -> Log {
    Arc::new(|line: &str| eprintln!("{line}"))
}

/// `text` with every byte but ASCII letters, digits and `kept` written as `%XX`.
fn percent_encoded(text: &str, kept: &[u8]) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || kept.contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// `log`, with every line [`redact`]ed first.
fn redacting(log: Log) -> Log {
    Arc::new(move |line: &str| log(&redact(line)))
}

/// The default number of items a per-item check looks at (per-user MFA): `--sample-limit`.
pub const DEFAULT_SAMPLE_LIMIT: usize = 100;

/// The most items a per-item check looks at, whatever `--sample-limit` asks: larger values are capped to it (one GET
/// per item; more would take hours against Graph's throttling).
pub const MAX_SAMPLE_LIMIT: usize = 100_000;

/// The default number of concurrent GETs of one per-item check.
pub const DEFAULT_CONCURRENCY: usize = 10;

/// A step to verify: what [`verify`] needs of the article's model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepRef {
    /// The step id (section id), as the bindings file keys it.
    pub id: String,
    /// The step number.
    pub number: u32,
    /// The title shown in the report.
    pub title: String,
}

impl From<&crate::model::Step<'_>> for StepRef {
    fn from(step: &crate::model::Step) -> StepRef {
        StepRef { id: step.id.to_owned(), number: step.number, title: step.standalone_title().into_owned() }
    }
}

/// The environment variables verification reads, captured once (tests pass their own instead of touching the
/// process environment). `Debug` shows only which variables are set.
#[derive(Clone, Default)]
pub struct Environment {
    vars: BTreeMap<String, String>,
}

impl Environment {
    /// The variables read: the azure-identity names, checkdown's own, and the two that locate the state directory.
    pub const NAMES: [&'static str; 8] = [
        "AZURE_TENANT_ID",
        "AZURE_CLIENT_ID",
        "AZURE_CLIENT_SECRET",
        "AZURE_AUTHORITY_HOST",
        "CHECKDOWN_GRAPH_HOST",
        "CHECKDOWN_ACCESS_TOKEN",
        "XDG_STATE_HOME",
        "HOME",
    ];

    /// The process environment's values of [`Environment::NAMES`].
    pub fn from_process() -> Environment {
        Environment::from_pairs(Self::NAMES.iter().filter_map(|name| Some((*name, std::env::var(name).ok()?))))
    }

    /// An environment made of `pairs` (names outside [`Environment::NAMES`] are kept but never read).
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, impl Into<String>)>) -> Environment {
        Environment { vars: pairs.into_iter().map(|(name, value)| (name.to_owned(), value.into())).collect() }
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.vars.get(name).map(|value| value.trim()).filter(|value| !value.is_empty())
    }
}

impl fmt::Debug for Environment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Environment").field("set", &self.vars.keys().collect::<Vec<_>>()).finish()
    }
}

/// What the command line gave `checkdown verify`, before validation. Secrets are not here: they come from the
/// [`Environment`] or from the files named here.
#[derive(Debug, Clone, Default)]
pub struct VerifyArgs {
    /// The article's name (`close-your-account`): names the bundled bindings and the report.
    pub article: String,
    /// The locale of the evidence (`en-US`, `fr-FR`).
    pub locale: String,
    /// `--tenant`: a tenant id or domain; default `AZURE_TENANT_ID`.
    pub tenant: Option<String>,
    /// `--cloud`; default global, or china when the moniker is `o365-21vianet`.
    pub cloud: Option<Cloud>,
    /// `--moniker`: `o365-21vianet` implies the China cloud.
    pub moniker: Option<String>,
    /// `--auth`.
    pub auth: AuthMode,
    /// `--authority-host`; default `AZURE_AUTHORITY_HOST`, else the cloud's login host.
    pub authority_host: Option<String>,
    /// `--graph-host`; default `CHECKDOWN_GRAPH_HOST`, else the cloud's Graph host.
    pub graph_host: Option<String>,
    /// `--record FILE`: save the answers used.
    pub record: Option<PathBuf>,
    /// `--force`: `--record` may replace an existing file.
    pub replace_record: bool,
    /// `--replay FILE`: answer from a record, offline.
    pub replay: Option<PathBuf>,
    /// `--state-dir`; default `$XDG_STATE_HOME/checkdown`, else `~/.local/state/checkdown`.
    pub state_dir: Option<PathBuf>,
    /// `--checks FILE`: a bindings file; default the bundled `content/checks/<article>.yaml`.
    pub checks: Option<PathBuf>,
    /// `--client-secret-file`: read the client secret from this file instead of `AZURE_CLIENT_SECRET`.
    pub client_secret_file: Option<PathBuf>,
    /// `--token-file`: read a raw access token from this file instead of `CHECKDOWN_ACCESS_TOKEN`.
    pub token_file: Option<PathBuf>,
    /// The Azure CLI program; default `az`.
    pub azure_cli: Option<PathBuf>,
    /// `--sample-limit`: how many items a per-item check looks at; default [`DEFAULT_SAMPLE_LIMIT`], at most
    /// [`MAX_SAMPLE_LIMIT`].
    pub sample_limit: Option<usize>,
    /// How many GETs a per-item check runs at once; default [`DEFAULT_CONCURRENCY`].
    pub concurrency: Option<usize>,
    /// Retries, timeouts and the time budget of each GET.
    pub retry: RetryPolicy,
}

/// Why a verification could not run. The exit code is [`VerifyError::exit_code`]; messages name the option, file
/// or endpoint, never a secret.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// An option or environment value is missing or wrong (exit 2).
    #[error("{0}")]
    Usage(String),
    /// The bindings file is wrong or does not fit the article's steps (exit 2).
    #[error("checks: {0}")]
    Bindings(String),
    /// A record could not be read or written (exit 2).
    #[error("record: {0}")]
    Record(String),
    /// Signing in was refused (exit 3), or there was nothing to sign in with or the login host could not be reached
    /// (exit 2).
    #[error("authentication failed")]
    Auth(#[source] AuthError),
}

impl VerifyError {
    /// The process exit code for this error: 3 when a live tenant refused to sign us in, 2 otherwise (an
    /// unreachable login host is a host to fix or a network to wait for, not a credential to change).
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Auth(AuthError::NoCredential(_) | AuthError::Unreachable { .. }) => 2,
            Self::Auth(_) => 3,
            Self::Usage(_) | Self::Bindings(_) | Self::Record(_) => 2,
        }
    }
}

/// A validated verification: build it with [`VerifyOptions::new`], then call [`verify`].
pub struct VerifyOptions {
    article: String,
    /// The variant of the article verified (`--moniker`), named in the report.
    moniker: Option<String>,
    messages: Messages,
    bindings: Bindings,
    mode: Mode,
    sample_limit: usize,
    concurrency: usize,
    log: Log,
}

enum Mode {
    Live(Box<Live>),
    /// A record, and the file it came from.
    Replay(Box<Recording>, PathBuf),
}

struct Live {
    tenant: String,
    endpoints: Endpoints,
    auth: AuthMode,
    /// The credentials to sign in with, in order (chosen before any request).
    candidates: Vec<Credential>,
    retry: RetryPolicy,
    state_dir: Option<PathBuf>,
    record: Option<PathBuf>,
}

impl fmt::Debug for VerifyOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mode = match &self.mode {
            Mode::Live(live) => format!("live {} on {}", live.tenant, live.endpoints.graph),
            Mode::Replay(recording, _) => format!("replay of {} on {}", recording.tenant, recording.cloud),
        };
        f.debug_struct("VerifyOptions").field("article", &self.article).field("mode", &mode).finish_non_exhaustive()
    }
}

fn usage(message: impl Into<String>) -> VerifyError {
    VerifyError::Usage(message.into())
}

fn read_secret(path: &Path, what: &str) -> Result<Secret, VerifyError> {
    let text = std::fs::read_to_string(path).map_err(|error| usage(format!("{what} {}: {error}", path.display())))?;
    let secret = Secret::new(text);
    if secret.expose().is_empty() {
        return Err(usage(format!("{what} {} is empty", path.display())));
    }
    Ok(secret)
}

/// A tenant id or domain is used in URL paths: only letters, digits, `.` and `-`.
fn valid_tenant(tenant: &str) -> bool {
    !tenant.is_empty()
        && tenant.len() <= 256
        && tenant.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
}

impl VerifyOptions {
    /// Validates `args` against `env`: everything that can be wrong before the network is touched is reported here
    /// (exit 2), with the option or file named.
    pub fn new(args: VerifyArgs, env: &Environment) -> Result<VerifyOptions, VerifyError> {
        let mut messages =
            Messages::new(if args.locale.is_empty() { i18n::FALLBACK } else { &args.locale }).map_err(usage)?;
        let (bindings, source) = load_bindings(&args)?;
        messages.add(bindings.messages(), &source).map_err(VerifyError::Bindings)?;
        for id in bindings.message_ids().into_iter().chain(checks::ENGINE_MESSAGES.iter().copied()) {
            if !messages.has(id) {
                return Err(VerifyError::Bindings(format!(
                    "{source}: message '{id}' is neither in locales/en-US/verify.ftl nor under the file's \
                     `messages: en-US`"
                )));
            }
        }
        if args.record.is_some() && bindings.step_ids().next().is_none() {
            return Err(usage(format!(
                "--record: no check is bound to a step of '{}' ({source} binds none), so nothing would be read \
                 to record",
                args.article
            )));
        }
        let no_tenant = args.tenant.is_none() && env.get("AZURE_TENANT_ID").is_none();
        if args.replay.is_none() && no_tenant && bindings.step_ids().next().is_none() {
            let why = match (&args.checks, crate::assets::get(&source)) {
                (None, None) => "checkdown bundles no checks for it".to_owned(),
                _ => format!("{source} binds none"),
            };
            return Err(usage(format!(
                "no check is bound to a step of '{}' ({why}): there is nothing to read in a tenant; check its steps \
                 by hand on its checklist (checkdown render), or give checks with --checks FILE",
                args.article
            )));
        }
        let sample_limit = args.sample_limit.unwrap_or(DEFAULT_SAMPLE_LIMIT).min(MAX_SAMPLE_LIMIT);
        if sample_limit == 0 {
            return Err(usage("--sample-limit must be at least 1"));
        }
        let mode = match (&args.replay, &args.record) {
            (Some(_), Some(_)) => return Err(usage("--record and --replay cannot be used together")),
            (Some(replay), None) => {
                let recording = Recording::load(replay).map_err(VerifyError::Record)?;
                refuse_another_run(&args, &recording, replay)?;
                Mode::Replay(Box::new(recording), replay.clone())
            }
            (None, _) => Mode::Live(Box::new(live(&args, env, bindings.step_ids().next().is_some())?)),
        };
        Ok(VerifyOptions {
            article: args.article,
            moniker: args.moniker.map(|moniker| moniker.to_ascii_lowercase()),
            messages,
            bindings,
            mode,
            sample_limit,
            concurrency: args.concurrency.unwrap_or(DEFAULT_CONCURRENCY).max(1),
            log: redacting(stderr_log()),
        })
    }

    /// Sends progress and warnings to `log` instead of stderr (redacted, as on stderr).
    pub fn with_log(mut self, log: Log) -> VerifyOptions {
        self.log = redacting(log);
        self
    }
}

/// A replay answers for the article, tenant and cloud recorded, nothing else: another article, or a `--tenant` or
/// `--cloud` (or a moniker's cloud) naming others, is refused, so a report can never present one run's record as
/// another's.
fn refuse_another_run(args: &VerifyArgs, recording: &Recording, file: &Path) -> Result<(), VerifyError> {
    if args.article != recording.article {
        return Err(usage(format!(
            "--replay {}: the record is of article '{}', not of '{}'",
            file.display(),
            recording.article,
            args.article
        )));
    }
    if let Some(tenant) = args.tenant.as_deref().map(str::trim)
        && !tenant.eq_ignore_ascii_case(&recording.tenant)
    {
        return Err(usage(format!(
            "--replay {}: the record is of tenant {}, not of --tenant {tenant}",
            file.display(),
            recording.tenant
        )));
    }
    let cloud = args.cloud.or_else(|| args.moniker.as_deref().and_then(Cloud::for_moniker));
    if let Some(cloud) = cloud.filter(|cloud| *cloud != recording.cloud) {
        return Err(usage(format!(
            "--replay {}: the record is of the {} cloud, not of --cloud {cloud}",
            file.display(),
            recording.cloud
        )));
    }
    Ok(())
}

/// `--record FILE` is checked before the tenant is read, as `-o` is: a run must not end without its record.
fn check_record_path(path: &Path, replace: bool) -> Result<(), VerifyError> {
    if path.is_dir() {
        return Err(usage(format!("--record {}: give a file name, not a folder", path.display())));
    }
    if path.exists() && !replace {
        return Err(usage(format!(
            "{} already exists; pass --force to replace it, or --record to write elsewhere",
            path.display()
        )));
    }
    let folder = path.parent().filter(|folder| !folder.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !folder.is_dir() {
        return Err(usage(format!("--record {}: the folder {} does not exist", path.display(), folder.display())));
    }
    Ok(())
}

/// The bindings of the article (`--checks`, else the bundled ones), and the name of their file.
fn load_bindings(args: &VerifyArgs) -> Result<(Bindings, String), VerifyError> {
    let (text, source) = match &args.checks {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|error| VerifyError::Bindings(format!("{}: {error}", path.display())))?;
            (text, path.display().to_string())
        }
        None => {
            let path = format!("content/checks/{}.yaml", args.article);
            match crate::assets::get(&path) {
                Some(text) => (text.to_owned(), path),
                // An article nobody wrote checks for: every step is manual.
                None => ("requests: {}\nsteps: {}\n".to_owned(), path),
            }
        }
    };
    let bindings = Bindings::parse(&text, &source).map_err(VerifyError::Bindings)?;
    Ok((bindings, source))
}

/// The tenant, hosts and credentials of a live run. Credentials are looked for only when a check is `bound`: without
/// one the tenant is not contacted, so there is nothing to sign in for.
fn live(args: &VerifyArgs, env: &Environment, bound: bool) -> Result<Live, VerifyError> {
    let tenant = args.tenant.as_deref().or(env.get("AZURE_TENANT_ID")).map(str::trim).map(str::to_owned);
    let tenant = tenant.ok_or_else(|| usage("no tenant: pass --tenant or set AZURE_TENANT_ID"))?;
    if !valid_tenant(&tenant) {
        return Err(usage(format!("--tenant '{tenant}' is neither a tenant id nor a domain name")));
    }
    let implied = args.moniker.as_deref().and_then(Cloud::for_moniker);
    let cloud = match (args.cloud, implied) {
        (Some(cloud), Some(implied)) if cloud != implied => {
            return Err(usage(format!("--moniker implies --cloud {implied}, but --cloud {cloud} was given")));
        }
        (cloud, implied) => cloud.or(implied).unwrap_or_default(),
    };
    let login = args.authority_host.as_deref().or(env.get("AZURE_AUTHORITY_HOST"));
    let graph = args.graph_host.as_deref().or(env.get("CHECKDOWN_GRAPH_HOST"));
    let endpoints = Endpoints::new(cloud, login, graph).map_err(usage)?;
    let client_secret = match &args.client_secret_file {
        Some(path) => Some(read_secret(path, "client secret file")?),
        None => env.get("AZURE_CLIENT_SECRET").map(Secret::new),
    };
    let access_token = match &args.token_file {
        Some(path) => Some(read_secret(path, "token file")?),
        None => env.get("CHECKDOWN_ACCESS_TOKEN").map(Secret::new),
    };
    let credentials = Credentials {
        client_id: env.get("AZURE_CLIENT_ID").map(str::to_owned),
        client_secret,
        access_token,
        azure_cli: args.azure_cli.clone().unwrap_or_else(|| PathBuf::from("az")),
    };
    if let Some(path) = &args.record {
        check_record_path(path, args.replace_record)?;
    }
    let state_dir = args.state_dir.clone().or_else(|| state::default_dir(env.get("XDG_STATE_HOME"), env.get("HOME")));
    Ok(Live {
        tenant,
        endpoints,
        auth: args.auth,
        candidates: if bound {
            auth::candidates(args.auth, &credentials).map_err(VerifyError::Auth)?
        } else {
            Vec::new()
        },
        retry: args.retry,
        state_dir,
        record: args.record.clone(),
    })
}

/// Verifies `steps` against the tenant (or the record) `options` name, and reports each step's status with
/// evidence. `Err` only when the run could not happen (bad configuration, sign-in refused, a record not written);
/// anything a check cannot tell is an `unknown` step with its reason, never an error.
pub fn verify(steps: &[StepRef], options: &VerifyOptions) -> Result<VerifyReport, VerifyError> {
    for id in options.bindings.step_ids() {
        if !steps.iter().any(|step| step.id == id) {
            return Err(VerifyError::Bindings(format!(
                "checks are bound to step '{id}', which the article does not have (its steps: {})",
                steps.iter().map(|step| step.id.as_str()).collect::<Vec<_>>().join(", ")
            )));
        }
    }
    if options.bindings.step_ids().next().is_none() {
        return Ok(unchecked(steps, options));
    }
    match &options.mode {
        Mode::Replay(recording, from) => replay(steps, options, recording, from),
        Mode::Live(live) => run_live(steps, options, live),
    }
}

/// The report when no check is bound to any step: every step is manual, and the tenant is not contacted, since
/// nothing it could answer would change a status.
fn unchecked(steps: &[StepRef], options: &VerifyOptions) -> VerifyReport {
    (options.log)(&format!(
        "warning: no check is bound to a step of '{}': every step is manual, and the tenant was not read",
        options.article
    ));
    let (tenant, cloud, checked_at, replayed_from) = match &options.mode {
        Mode::Live(live) => (&live.tenant, live.endpoints.cloud, state::rfc3339(SystemTime::now()), None),
        Mode::Replay(recording, from) => {
            (&recording.tenant, recording.cloud, recording.checked_at.clone(), Some(from.display().to_string()))
        }
    };
    VerifyReport {
        checkdown_version: env!("CARGO_PKG_VERSION").to_owned(),
        article: options.article.clone(),
        moniker: options.moniker.clone(),
        locale: options.messages.locale().to_owned(),
        tenant: tenant.clone(),
        cloud: cloud.as_str().to_owned(),
        signed_in: None,
        checked_at,
        requests: 0,
        hosts: None,
        replayed_from,
        steps: steps.iter().map(|step| step_report(step, &[], &options.messages)).collect(),
    }
}

fn run_live(steps: &[StepRef], options: &VerifyOptions, live: &Live) -> Result<VerifyReport, VerifyError> {
    let checked_at = state::rfc3339(SystemTime::now());
    let http = graph::http_client(&live.endpoints, &live.retry).map_err(usage)?;
    let client = GraphClient::new(http.clone(), live.endpoints.clone(), live.retry, options.log.clone());
    let reader = Reader::new(&client, live.endpoints.graph.clone());
    let cloud = live.endpoints.cloud;

    let memory = match &live.state_dir {
        Some(dir) => SeenAlive::load(dir).unwrap_or_else(|error| {
            (options.log)(&format!("warning: state in {} unreadable ({error}); starting afresh", dir.display()));
            SeenAlive::default()
        }),
        None => SeenAlive::default(),
    };
    let place = live.endpoints.place();
    let remembered_tenant_id = memory.tenant_id(&place, &live.tenant).map(str::to_owned);
    let answers = TenantAnswers::ask(&reader, &live.tenant, remembered_tenant_id.as_deref());
    let (sign_in, signed_in) = match answers.sign_in_as() {
        None => (SignIn::NotAttempted, None),
        Some(tenant) => {
            let login = LoginClient::new(http, live.endpoints.clone(), tenant, live.retry, options.log.clone());
            match Tokens::sign_in(live.auth, &live.candidates, login, options.log.clone()) {
                Ok(tokens) => {
                    let identity = tokens.identity();
                    let tenant_id = answers.alive_id().or(remembered_tenant_id.as_deref());
                    check_token_tenant(&identity, &live.tenant, tenant_id)?;
                    client.sign_in(Arc::new(tokens));
                    (SignIn::SignedIn, Some(identity))
                }
                Err(AuthError::TenantNotFound { .. }) => (SignIn::TenantNotFound, None),
                Err(error) => return Err(VerifyError::Auth(error)),
            }
        }
    };
    let alive_id = answers.alive_id().map(str::to_owned);
    let names: Vec<&str> = [Some(live.tenant.as_str()), alive_id.as_deref()].into_iter().flatten().collect();
    let seen_alive_before = memory.contains(&place, &names);
    if let (true, Some(dir)) = (answers.answered() && sign_in != SignIn::TenantNotFound, &live.state_dir)
        && let Err(error) = SeenAlive::remember(dir, &place, &live.tenant, alive_id.as_deref(), &checked_at)
    {
        (options.log)(&format!("warning: could not remember the tenant in {} ({error})", dir.display()));
    }
    let tenant_state = answers.state(seen_alive_before, sign_in);

    let context = Context {
        tenant: &live.tenant,
        cloud,
        signed_in: signed_in.as_ref(),
        checked_at: &checked_at,
        state: &tenant_state,
    };
    let report = VerifyReport { hosts: live.endpoints.overrides(), ..run_checks(steps, options, &reader, &context) };
    if let Some(path) = &live.record {
        let recording = Recording {
            format: record::FORMAT.to_owned(),
            checked_at: checked_at.clone(),
            article: options.article.clone(),
            tenant: live.tenant.clone(),
            cloud,
            graph_host: live.endpoints.graph.to_string(),
            hosts: report.hosts.clone(),
            seen_alive_before,
            remembered_tenant_id,
            sign_in,
            signed_in,
            exchanges: reader
                .exchanges()
                .into_iter()
                .map(|(service, request, consistency, exchange)| Recorded { service, request, consistency, exchange })
                .collect(),
        };
        recording.save(path).map_err(VerifyError::Record)?;
    }
    Ok(report)
}

fn replay(
    steps: &[StepRef],
    options: &VerifyOptions,
    recording: &Recording,
    from: &Path,
) -> Result<VerifyReport, VerifyError> {
    let transport = Replay::new(recording);
    let graph = Host::parse(&recording.graph_host, "recorded graph host").map_err(VerifyError::Record)?;
    // A record made through another host than the cloud's own says so again on replay.
    let own_graph = graph.is(recording.cloud.graph_host());
    let hosts = recording.hosts.clone().or_else(|| (!own_graph).then(|| graph.as_str().to_owned()));
    let reader = Reader::new(&transport, graph);
    let answers = TenantAnswers::ask(&reader, &recording.tenant, recording.remembered_tenant_id.as_deref());
    let state = answers.state(recording.seen_alive_before, recording.sign_in);
    let signed_in = recording.identity();
    let context = Context {
        tenant: &recording.tenant,
        cloud: recording.cloud,
        signed_in: signed_in.as_ref(),
        checked_at: &recording.checked_at,
        state: &state,
    };
    let report = run_checks(steps, options, &reader, &context);
    Ok(VerifyReport { hosts, replayed_from: Some(from.display().to_string()), ..report })
}

/// Refuses a token issued in another tenant than `tenant`, whose id its login host names, or this tool remembers,
/// `tenant_id` (or which is an id): a token given as is (`--auth token`) may be any tenant's, and Graph answers for
/// the token's tenant.
fn check_token_tenant(identity: &Identity, tenant: &str, tenant_id: Option<&str>) -> Result<(), VerifyError> {
    let expected = tenant_id.or_else(|| tenant::is_tenant_id(tenant).then_some(tenant));
    match (expected, &identity.tenant_id) {
        (Some(expected), Some(token_tenant)) if !expected.eq_ignore_ascii_case(token_tenant) => {
            Err(VerifyError::Auth(AuthError::OtherTenant {
                tenant: tenant.to_owned(),
                tenant_id: expected.to_owned(),
                token_tenant: token_tenant.clone(),
            }))
        }
        _ => Ok(()),
    }
}

/// The run-wide facts the checks and the report need.
struct Context<'a> {
    tenant: &'a str,
    cloud: Cloud,
    signed_in: Option<&'a Identity>,
    checked_at: &'a str,
    state: &'a TenantState,
}

fn run_checks(steps: &[StepRef], options: &VerifyOptions, reader: &Reader<'_>, context: &Context<'_>) -> VerifyReport {
    let runner = Runner::new(
        &options.bindings,
        reader,
        (context.tenant, context.cloud.as_str(), context.state),
        options.sample_limit,
        options.concurrency,
    );
    let outcomes: Vec<Vec<Outcome>> = thread::scope(|scope| {
        let running: Vec<_> = steps.iter().map(|step| scope.spawn(|| runner.step(&step.id))).collect();
        running.into_iter().map(|handle| handle.join().unwrap_or_default()).collect()
    });
    let messages = &options.messages;
    let steps = steps.iter().zip(outcomes).map(|(step, outcomes)| step_report(step, &outcomes, messages)).collect();
    VerifyReport {
        checkdown_version: env!("CARGO_PKG_VERSION").to_owned(),
        article: options.article.clone(),
        moniker: options.moniker.clone(),
        locale: messages.locale().to_owned(),
        tenant: context.tenant.to_owned(),
        cloud: context.cloud.as_str().to_owned(),
        signed_in: context.signed_in.cloned(),
        checked_at: context.checked_at.to_owned(),
        requests: reader.requests(),
        hosts: None,
        replayed_from: None,
        steps,
    }
}

fn step_report(step: &StepRef, outcomes: &[Outcome], messages: &Messages) -> StepReport {
    let status = Status::combine(outcomes.iter().map(|outcome| outcome.status));
    let text = |message: &Message| redact(&messages.format(message));
    let mut evidence: Vec<String> = outcomes.iter().filter_map(|outcome| outcome.reason.as_ref()).map(text).collect();
    evidence.extend(outcomes.iter().flat_map(|outcome| &outcome.evidence).map(text));
    if outcomes.is_empty() {
        evidence.push(messages.format(&Message::new("verify-no-check")));
    }
    let checks = outcomes
        .iter()
        .map(|outcome| CheckReport {
            name: outcome.name.clone(),
            status: outcome.status,
            reason: outcome.reason.as_ref().map(text),
        })
        .collect();
    StepReport { id: step.id.clone(), number: step.number, title: step.title.clone(), status, evidence, checks }
}
