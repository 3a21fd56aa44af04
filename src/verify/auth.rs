//! Signing in: where the bearer token comes from, and the only requests that are not GETs.
//!
//! Four credentials, as the azure-identity convention and the Azure CLI have them:
//! - a **client secret** (`AZURE_TENANT_ID`/`AZURE_CLIENT_ID`/`AZURE_CLIENT_SECRET`, or the secret in a file), posted
//!   to the login host's token endpoint (client credentials grant, scope `{graph}/.default`, `{graph}` being the
//!   cloud's Microsoft Graph even when `--graph-host` points elsewhere);
//! - the **Azure CLI**'s token (`az account get-access-token --resource {graph} --tenant {tenant}`);
//! - **device code** on a terminal: the login host's message goes to the log (stderr), then the token endpoint is
//!   polled at the interval it asks for, until the code expires;
//! - a raw **access token** from the environment or a file.
//!
//! Secrets live in [`Secret`], whose `Debug` and `Display` print `[redacted]`; they never come from the command line
//! and never reach an error message. [`Tokens`] caches the token and renews it once it expires (or when Graph says it
//! did). [`LoginClient`] can only post forms to the two token endpoints of the login host.

use std::fmt;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::str::FromStr;
use std::sync::Mutex;
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use reqwest::blocking::Client;
use reqwest::header::CONTENT_TYPE;
use serde_json::Value;

use super::Log;
use super::cloud::Endpoints;
use super::graph::{RetryPolicy, is_transient, retry_after};
use super::identity::Identity;
use super::read::ForeignAnswer;

/// A secret string (client secret, access token). It prints as `[redacted]`; only [`Secret::expose`] gives it out.
/// Every secret made is also known to [`redact`], which masks it in any text about to be shown.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

/// The secret values this process holds: a login host, `az` or Graph may echo one back in a message.
static KNOWN_SECRETS: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Shorter values are not masked: masking every occurrence of a two-letter "secret" would garble all output, and
/// real client secrets and tokens are far longer.
const MIN_REDACTED_CHARS: usize = 8;

/// `text` with every secret value this process knows (see [`Secret`]) replaced by `[redacted]`: the one place
/// messages pass through before they reach output, logs, records or errors.
pub fn redact(text: &str) -> String {
    let known = KNOWN_SECRETS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    known.iter().fold(text.to_owned(), |text, secret| text.replace(secret.as_str(), "[redacted]"))
}

impl Secret {
    /// Wraps a secret; surrounding whitespace (a file's trailing newline) is dropped.
    pub fn new(value: impl Into<String>) -> Secret {
        let value = value.into().trim().to_owned();
        if value.chars().count() >= MIN_REDACTED_CHARS {
            let mut known = KNOWN_SECRETS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            for form in echoed_forms(&value) {
                if !known.contains(&form) {
                    known.push(form);
                }
            }
        }
        Secret(value)
    }

    /// The secret itself, for the places that send it, and for reading the identity a token names
    /// ([`super::identity::Identity::from_token`]), which keeps none of it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// The ways a host may echo `value` back: as it is, as the form body of a token request carries it (`~` is `%7E`,
/// a space `+`), percent-encoded as in a URL, or escaped in a JSON string. Longest first, so a longer form is masked
/// whole before a shorter one could match inside it.
fn echoed_forms(value: &str) -> Vec<String> {
    let json = serde_json::to_string(value).unwrap_or_default();
    let json = json[1..json.len() - 1].to_owned();
    let mut forms = vec![
        value.to_owned(),
        super::percent_encoded(value, b"*-._ ").replace(' ', "+"),
        super::percent_encoded(value, b"-._~"),
        json.replace('/', "\\/"),
        json,
    ];
    forms.sort_by_key(|form| std::cmp::Reverse(form.len()));
    forms.dedup();
    forms
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// How to sign in (`--auth`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum AuthMode {
    /// The client secret when the three `AZURE_*` variables are set, else the Azure CLI when `az` is logged in, else
    /// device code when stdin and stderr are terminals.
    #[default]
    Auto,
    /// Client credentials: an app registration and its secret.
    ClientSecret,
    /// Device code: a person signs in on another device.
    DeviceCode,
    /// The Azure CLI's token for the tenant.
    AzureCli,
    /// A raw access token from `CHECKDOWN_ACCESS_TOKEN` or a token file.
    Token,
}

impl FromStr for AuthMode {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        match name.trim() {
            "auto" => Ok(AuthMode::Auto),
            "client-secret" => Ok(AuthMode::ClientSecret),
            "device-code" => Ok(AuthMode::DeviceCode),
            "azure-cli" => Ok(AuthMode::AzureCli),
            "token" => Ok(AuthMode::Token),
            other => Err(format!(
                "unknown auth mode '{other}' (expected one of: auto, client-secret, device-code, azure-cli, token)"
            )),
        }
    }
}

/// The public client that device code signs in with when `AZURE_CLIENT_ID` is not set: Microsoft Graph Command Line
/// Tools, the first-party app Graph PowerShell uses.
pub const DEVICE_CODE_CLIENT_ID: &str = "14d82eec-204b-4c2f-b7e8-296a70dab67e";

/// The delegated permissions device code asks for: the read permissions the checks need.
pub const DELEGATED_SCOPES: [&str; 5] = [
    "User.Read.All",
    "RoleManagement.Read.Directory",
    "Organization.Read.All",
    "Policy.Read.All",
    "Application.Read.All",
];

/// What signing in can run into. Messages name the endpoint and the AADSTS code, never a secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AuthError {
    /// The login host does not know the tenant (AADSTS90002): deleted, mistyped, or on another cloud.
    #[error("tenant '{tenant}' not found at {endpoint} (AADSTS90002)")]
    TenantNotFound {
        /// The tenant as given.
        tenant: String,
        /// The endpoint that said so.
        endpoint: String,
    },
    /// The login host refused the request (bad secret, unknown app, consent missing…).
    #[error("{endpoint} refused to sign in: {status} {code}{}", after_colon(.description))]
    Refused {
        /// The endpoint.
        endpoint: String,
        /// HTTP status.
        status: u16,
        /// The OAuth error code (`invalid_client`).
        code: String,
        /// The first line of `error_description` (AADSTS code and text).
        description: String,
    },
    /// The login host could not be reached or answered nonsense (exit 2: a host to fix, not a refusal).
    #[error("{endpoint}: {problem}")]
    Unreachable {
        /// The endpoint.
        endpoint: String,
        /// What happened.
        problem: String,
    },
    /// `az account get-access-token` failed or is not installed.
    #[error("Azure CLI: {0}")]
    AzureCli(String),
    /// Device code sign-in was declined, expired or failed.
    #[error("device code sign-in: {0}")]
    DeviceCode(String),
    /// A raw access token was asked for, or has expired, and none can be had.
    #[error("access token: {0}")]
    Token(String),
    /// `auto` found nothing to sign in with.
    #[error("no credentials: {0}")]
    NoCredential(String),
    /// The access token was issued in another tenant than the one to check: Graph would answer for that one.
    #[error(
        "the access token was issued in tenant {token_tenant}, not in {tenant}{}; Graph would answer for \
         the other tenant: sign in to {tenant}",
        unless_same(.tenant_id, .tenant)
    )]
    OtherTenant {
        /// The tenant as given.
        tenant: String,
        /// Its id, as its login host names it or this tool remembers it.
        tenant_id: String,
        /// The tenant id the token names (`tid`).
        token_tenant: String,
    },
}

/// ` (id)`, or nothing when the tenant was given as that id.
fn unless_same(id: &str, tenant: &str) -> String {
    if id.eq_ignore_ascii_case(tenant) { String::new() } else { format!(" ({id})") }
}

/// `: text`, or nothing for an empty text: a refusal need not describe itself.
fn after_colon(text: &str) -> String {
    if text.is_empty() { String::new() } else { format!(": {text}") }
}

/// The credential a run signs in with, once chosen.
#[derive(Debug, Clone)]
pub enum Credential {
    /// Client credentials grant.
    ClientSecret {
        /// The app registration's client id.
        client_id: String,
        /// Its secret.
        secret: Secret,
    },
    /// The Azure CLI program to ask.
    AzureCli {
        /// `az`, or a path to it.
        program: PathBuf,
    },
    /// Device code grant with this public client.
    DeviceCode {
        /// The client id.
        client_id: String,
    },
    /// A token given as is; it cannot be renewed.
    Token(Secret),
}

/// The inputs `auto` chooses from; filled from the environment and files by [`super::VerifyOptions`].
#[derive(Debug, Clone, Default)]
pub struct Credentials {
    /// `AZURE_CLIENT_ID`.
    pub client_id: Option<String>,
    /// `AZURE_CLIENT_SECRET`, or the secret file.
    pub client_secret: Option<Secret>,
    /// `CHECKDOWN_ACCESS_TOKEN`, or the token file.
    pub access_token: Option<Secret>,
    /// The Azure CLI program (`az` by default).
    pub azure_cli: PathBuf,
}

/// A token and when to stop using it.
#[derive(Clone)]
struct AccessToken {
    secret: Secret,
    renew_after: Option<Instant>,
}

impl AccessToken {
    fn new(secret: Secret, lifetime: Option<Duration>) -> AccessToken {
        // Renew a minute early, so a token never expires in flight.
        let renew_after = lifetime.map(|lifetime| Instant::now() + lifetime.saturating_sub(Duration::from_secs(60)));
        AccessToken { secret, renew_after }
    }

    fn is_fresh(&self) -> bool {
        self.renew_after.is_none_or(|at| Instant::now() < at)
    }
}

/// Posts forms to the login host's token endpoints, and nothing else. A throttled or unavailable answer (429, 503,
/// 504) is retried as Graph GETs are, under the same [`RetryPolicy`].
#[derive(Clone)]
pub struct LoginClient {
    http: Client,
    endpoints: Endpoints,
    tenant: String,
    policy: RetryPolicy,
    log: Log,
}

/// The two endpoints of the login host that take a POST.
#[derive(Debug, Clone, Copy)]
enum LoginEndpoint {
    Token,
    DeviceCode,
}

impl LoginClient {
    /// A client for `tenant` on `endpoints.login`, retrying under `policy` and noting retries in `log`.
    pub fn new(http: Client, endpoints: Endpoints, tenant: &str, policy: RetryPolicy, log: Log) -> LoginClient {
        LoginClient { http, endpoints, tenant: tenant.to_owned(), policy, log }
    }

    fn url(&self, endpoint: LoginEndpoint) -> String {
        let leaf = match endpoint {
            LoginEndpoint::Token => "token",
            LoginEndpoint::DeviceCode => "devicecode",
        };
        self.endpoints.login.join(&format!("/{}/oauth2/v2.0/{leaf}", self.tenant))
    }

    /// Posts `form`; a 200 gives the JSON body, anything else an [`AuthError`] (the OAuth error code is kept in
    /// `Refused::code` so the device-code poll can see `authorization_pending`).
    fn post(&self, endpoint: LoginEndpoint, form: &[(&str, &str)]) -> Result<Value, AuthError> {
        let url = self.url(endpoint);
        let unreachable = |problem: String| AuthError::Unreachable { endpoint: url.clone(), problem };
        let start = Instant::now();
        let mut attempts = 0;
        let response = loop {
            attempts += 1;
            let response =
                self.http
                    .post(&url)
                    .header(reqwest::header::ACCEPT, "application/json")
                    .form(form)
                    .send()
                    .map_err(|error| unreachable(format!("could not reach the login host ({})", kind_of(&error))))?;
            let status = response.status().as_u16();
            let wait = is_transient(status)
                .then(|| self.policy.next_wait(attempts, start.elapsed(), retry_after(response.headers())))
                .flatten();
            match wait {
                Some(wait) => {
                    (self.log)(&self.policy.retry_note(&format!("POST {url}"), &status.to_string(), wait, attempts));
                    thread::sleep(wait);
                }
                None => break response,
            }
        };
        let status = response.status().as_u16();
        let content_type =
            response.headers().get(CONTENT_TYPE).and_then(|value| value.to_str().ok()).map(str::to_owned);
        let text = response.text().map_err(|error| {
            unreachable(format!("answered {status} but its body could not be read ({})", kind_of(&error)))
        })?;
        let body: Value = serde_json::from_str(&text)
            .map_err(|_| unreachable(ForeignAnswer::new(status, content_type.as_deref(), &text).to_string()))?;
        if status == 200 {
            return Ok(body);
        }
        let codes = body.get("error_codes").and_then(Value::as_array);
        if codes.is_some_and(|codes| codes.iter().any(|code| code.as_u64() == Some(90002))) {
            return Err(AuthError::TenantNotFound { tenant: self.tenant.clone(), endpoint: url });
        }
        let text = |key: &str| body.get(key).and_then(Value::as_str).unwrap_or_default().to_owned();
        let description = redact(text("error_description").lines().next().unwrap_or_default().trim());
        Err(AuthError::Refused { endpoint: url, status, code: text("error"), description })
    }
}

fn kind_of(error: &reqwest::Error) -> &'static str {
    if error.is_timeout() {
        "timed out"
    } else if error.is_connect() {
        "connection failed"
    } else {
        "network error"
    }
}

/// The bearer token of a run: acquired on first use, cached, renewed when it expires.
pub struct Tokens {
    credential: Credential,
    login: LoginClient,
    log: Log,
    current: Mutex<Option<AccessToken>>,
}

impl Tokens {
    /// Signs in with the first of `candidates` (from [`candidates`]) that gives a token; the first token is
    /// acquired here, so a bad credential fails before any check runs.
    pub fn sign_in(
        mode: AuthMode,
        candidates: &[Credential],
        login: LoginClient,
        log: Log,
    ) -> Result<Tokens, AuthError> {
        let mut tried = Vec::new();
        for credential in candidates.iter().cloned() {
            let tokens = Tokens { credential, login: login.clone(), log: log.clone(), current: Mutex::new(None) };
            match tokens.acquire() {
                Ok(token) => {
                    *tokens.lock() = Some(token);
                    return Ok(tokens);
                }
                // In auto mode a missing or logged-out `az` just means: try the next credential.
                Err(AuthError::AzureCli(problem)) if mode == AuthMode::Auto => {
                    tried.push(format!("Azure CLI: {problem}"))
                }
                Err(error) => return Err(error),
            }
        }
        tried.push("device code needs a terminal".into());
        Err(AuthError::NoCredential(format!("{NO_CREDENTIAL_HELP} ({})", tried.join("; "))))
    }

    /// The current token, renewed first if it has expired.
    pub fn bearer(&self) -> Result<Secret, AuthError> {
        let mut current = self.lock();
        if let Some(token) = current.as_ref().filter(|token| token.is_fresh()) {
            return Ok(token.secret.clone());
        }
        let token = self.acquire()?;
        *current = Some(token.clone());
        Ok(token.secret)
    }

    /// Who the current token was issued to; renewing a token never changes it, as the credential stays the same.
    pub fn identity(&self) -> Identity {
        self.lock().as_ref().map_or_else(Identity::unknown, |token| Identity::from_token(&token.secret))
    }

    /// Graph said `stale` has expired: get a new token, unless another request already did.
    pub fn renew(&self, stale: &Secret) -> Result<(), AuthError> {
        if matches!(self.credential, Credential::Token(_)) {
            return Err(AuthError::Token("Graph says the given access token has expired; get a new one".into()));
        }
        let mut current = self.lock();
        if current.as_ref().is_some_and(|token| token.secret != *stale) {
            return Ok(());
        }
        *current = Some(self.acquire()?);
        Ok(())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<AccessToken>> {
        self.current.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn acquire(&self) -> Result<AccessToken, AuthError> {
        match &self.credential {
            Credential::ClientSecret { client_id, secret } => {
                let scope = self.login.endpoints.default_scope();
                let form = [
                    ("client_id", client_id.as_str()),
                    ("scope", scope.as_str()),
                    ("client_secret", secret.expose()),
                    ("grant_type", "client_credentials"),
                ];
                token_from(&self.login.post(LoginEndpoint::Token, &form)?, &self.login.url(LoginEndpoint::Token))
            }
            Credential::AzureCli { program } => azure_cli_token(program, &self.login.endpoints, &self.login.tenant),
            Credential::DeviceCode { client_id } => self.device_code(client_id),
            Credential::Token(secret) => Ok(AccessToken::new(secret.clone(), None)),
        }
    }

    fn device_code(&self, client_id: &str) -> Result<AccessToken, AuthError> {
        let graph = self.login.endpoints.graph_resource();
        let scope: Vec<String> = DELEGATED_SCOPES.iter().map(|permission| format!("{graph}/{permission}")).collect();
        let scope = scope.join(" ");
        let start = self.login.post(LoginEndpoint::DeviceCode, &[("client_id", client_id), ("scope", &scope)])?;
        let field = |key: &str| start.get(key).and_then(Value::as_str).map(str::to_owned);
        let seconds = |key: &str, default: u64| start.get(key).and_then(as_seconds).unwrap_or(default);
        let (Some(device_code), Some(message)) = (field("device_code"), field("message")) else {
            return Err(AuthError::DeviceCode("the login host's answer has no device_code or message".into()));
        };
        (self.log)(&message);
        let mut interval = Duration::from_secs(seconds("interval", 5));
        let deadline = Instant::now() + Duration::from_secs(seconds("expires_in", 900));
        let form = [
            ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
            ("client_id", client_id),
            ("device_code", device_code.as_str()),
        ];
        let endpoint = self.login.url(LoginEndpoint::Token);
        loop {
            if Instant::now() + interval > deadline {
                return Err(AuthError::DeviceCode("the code expired before anyone signed in".into()));
            }
            thread::sleep(interval);
            match self.login.post(LoginEndpoint::Token, &form) {
                Ok(body) => return token_from(&body, &endpoint),
                Err(AuthError::Refused { code, .. }) if code == "authorization_pending" => {}
                Err(AuthError::Refused { code, .. }) if code == "slow_down" => interval += Duration::from_secs(5),
                Err(AuthError::Refused { code, description, .. }) => {
                    return Err(AuthError::DeviceCode(format!("{code}: {description}")));
                }
                Err(other) => return Err(other),
            }
        }
    }
}

/// The credentials `mode` signs in with, in the order to try them (see [`AuthMode::Auto`]). Called when the options
/// are validated, so a credential missing for an explicit `--auth` is reported before any request.
pub fn candidates(mode: AuthMode, credentials: &Credentials) -> Result<Vec<Credential>, AuthError> {
    match mode {
        AuthMode::Auto => {
            let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
            let candidates = auto_candidates(credentials, interactive, is_installed(&credentials.azure_cli));
            if candidates.is_empty() {
                // Known before any request: nothing would answer, so the tenant is not even looked up.
                return Err(AuthError::NoCredential(format!(
                    "{NO_CREDENTIAL_HELP} (Azure CLI: '{}' is not installed; device code needs a terminal)",
                    credentials.azure_cli.display()
                )));
            }
            Ok(candidates)
        }
        _ => Ok(vec![explicit(mode, credentials)?]),
    }
}

/// What to do when `--auth auto` finds nothing to sign in with.
const NO_CREDENTIAL_HELP: &str = "set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET, run `az login`, or \
                                  run on a terminal for device code";

/// Whether `program` can be run: a path to a file, or a name found in a folder of `PATH`.
fn is_installed(program: &Path) -> bool {
    if program.components().count() > 1 {
        return program.is_file();
    }
    let windows_extensions: &[&str] = if cfg!(windows) { &["exe", "cmd", "bat"] } else { &[] };
    std::env::var_os("PATH").is_some_and(|folders| {
        std::env::split_paths(&folders).any(|folder| {
            let candidate = folder.join(program);
            candidate.is_file()
                || windows_extensions.iter().any(|extension| candidate.with_extension(extension).is_file())
        })
    })
}

/// What `--auth auto` tries, in order: the client secret when there is one; else the Azure CLI when it is installed,
/// then, when someone can answer the prompt (`interactive`), the device code.
fn auto_candidates(credentials: &Credentials, interactive: bool, azure_cli_installed: bool) -> Vec<Credential> {
    let mut candidates = Vec::new();
    if let (Some(client_id), Some(secret)) = (&credentials.client_id, &credentials.client_secret) {
        candidates.push(Credential::ClientSecret { client_id: client_id.clone(), secret: secret.clone() });
        return candidates;
    }
    if azure_cli_installed {
        candidates.push(Credential::AzureCli { program: credentials.azure_cli.clone() });
    }
    if interactive {
        let client_id = credentials.client_id.clone().unwrap_or_else(|| DEVICE_CODE_CLIENT_ID.to_owned());
        candidates.push(Credential::DeviceCode { client_id });
    }
    candidates
}

fn explicit(mode: AuthMode, credentials: &Credentials) -> Result<Credential, AuthError> {
    match mode {
        AuthMode::ClientSecret => match (&credentials.client_id, &credentials.client_secret) {
            (Some(client_id), Some(secret)) => {
                Ok(Credential::ClientSecret { client_id: client_id.clone(), secret: secret.clone() })
            }
            _ => Err(AuthError::NoCredential(
                "client-secret needs AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or a client secret file)".into(),
            )),
        },
        AuthMode::DeviceCode => Ok(Credential::DeviceCode {
            client_id: credentials.client_id.clone().unwrap_or_else(|| DEVICE_CODE_CLIENT_ID.to_owned()),
        }),
        // Known before any request, as for `--auth auto`: the tenant is not even looked up.
        AuthMode::AzureCli | AuthMode::Auto if !is_installed(&credentials.azure_cli) => {
            Err(AuthError::NoCredential(format!(
                "azure-cli needs the Azure CLI, and '{}' is not installed (or not on PATH)",
                credentials.azure_cli.display()
            )))
        }
        AuthMode::AzureCli | AuthMode::Auto => Ok(Credential::AzureCli { program: credentials.azure_cli.clone() }),
        AuthMode::Token => credentials
            .access_token
            .clone()
            .map(Credential::Token)
            .ok_or_else(|| AuthError::NoCredential("token needs CHECKDOWN_ACCESS_TOKEN or a token file".into())),
    }
}

/// A number of seconds that the login host may send as a number or as a string.
fn as_seconds(value: &Value) -> Option<u64> {
    value.as_u64().or_else(|| value.as_str()?.trim().parse().ok())
}

fn token_from(body: &Value, endpoint: &str) -> Result<AccessToken, AuthError> {
    let Some(token) = body.get("access_token").and_then(Value::as_str).filter(|token| !token.is_empty()) else {
        return Err(AuthError::Unreachable {
            endpoint: endpoint.to_owned(),
            problem: "no access_token in the answer".into(),
        });
    };
    let lifetime = body.get("expires_in").and_then(as_seconds).map(Duration::from_secs);
    Ok(AccessToken::new(Secret::new(token), lifetime))
}

/// Runs `az account get-access-token` for the cloud's Graph and the tenant; stdout holds the token and is never logged.
fn azure_cli_token(program: &PathBuf, endpoints: &Endpoints, tenant: &str) -> Result<AccessToken, AuthError> {
    let output = Command::new(program)
        .args(["account", "get-access-token", "--resource", endpoints.graph_resource(), "--tenant", tenant])
        .args(["--output", "json"])
        .output()
        .map_err(|error| AuthError::AzureCli(format!("could not run '{}' ({error})", program.display())))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let last = stderr.lines().rev().find(|line| !line.trim().is_empty()).unwrap_or("no message").trim();
        return Err(AuthError::AzureCli(format!("`az account get-access-token` failed: {}", redact(last))));
    }
    let body: Value = serde_json::from_slice(&output.stdout)
        .map_err(|_| AuthError::AzureCli("`az account get-access-token` printed something that is not JSON".into()))?;
    let Some(token) = body.get("accessToken").and_then(Value::as_str).filter(|token| !token.is_empty()) else {
        return Err(AuthError::AzureCli("`az account get-access-token` gave no accessToken".into()));
    };
    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_secs();
    let lifetime = body.get("expires_on").and_then(as_seconds).map(|at| Duration::from_secs(at.saturating_sub(now)));
    Ok(AccessToken::new(Secret::new(token), lifetime))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_without_description_ends_with_its_code() {
        let refused = |description: &str| AuthError::Refused {
            endpoint: "POST /contoso/oauth2/v2.0/token".into(),
            status: 429,
            code: "temporarily_unavailable".into(),
            description: description.into(),
        };
        let prefix = "POST /contoso/oauth2/v2.0/token refused to sign in: 429 temporarily_unavailable";
        assert_eq!(refused("").to_string(), prefix);
        assert_eq!(refused("AADSTS50196: loop").to_string(), format!("{prefix}: AADSTS50196: loop"));
    }

    #[test]
    fn secrets_never_print() {
        let secret = Secret::new("hunter2\n");
        assert_eq!(format!("{secret} {secret:?}"), "[redacted] [redacted]");
        assert_eq!(secret.expose(), "hunter2");
        let credential = Credential::ClientSecret { client_id: "app".into(), secret };
        assert!(!format!("{credential:?}").contains("hunter2"));
    }

    #[test]
    fn known_secrets_are_redacted_from_any_text_and_short_values_are_left_alone() {
        let secret = Secret::new("S3cr3t-Value~redact-me\n");
        let _short = Secret::new("abc");
        let echoed = format!("AADSTS7000215: Invalid client secret provided: {}; abc", secret.expose());
        assert_eq!(redact(&echoed), "AADSTS7000215: Invalid client secret provided: [redacted]; abc");
        assert_eq!(redact("nothing secret"), "nothing secret");
    }

    /// A login host may quote the token request it refused: the secret there is form-encoded, and Entra's client
    /// secrets hold `~`. Each way a host may echo it is masked.
    #[test]
    fn secrets_echoed_encoded_are_redacted_too() {
        let _secret = Secret::new("Xy78Q~ab/cd EF\"gh");
        for echoed in [
            "client_secret=Xy78Q%7Eab%2Fcd+EF%22gh&grant_type=client_credentials",
            "client_secret=Xy78Q~ab%2Fcd%20EF%22gh&grant_type=client_credentials",
            "{\"body\":\"Xy78Q~ab/cd EF\\\"gh\",\"grant_type\":\"client_credentials\"}",
            "{\"body\":\"Xy78Q~ab\\/cd EF\\\"gh\",\"grant_type\":\"client_credentials\"}",
        ] {
            let redacted = redact(echoed);
            assert!(redacted.contains("[redacted]") && !redacted.contains("Xy78Q"), "{echoed} -> {redacted}");
        }
    }

    #[test]
    fn auth_modes_parse() {
        assert_eq!("azure-cli".parse(), Ok(AuthMode::AzureCli));
        assert!("password".parse::<AuthMode>().unwrap_err().contains("device-code"));
    }

    #[test]
    fn auto_tries_the_secret_else_the_azure_cli_then_the_device_code_on_a_terminal() {
        let credentials = |secret: Option<&str>| Credentials {
            client_id: secret.map(|_| "app".to_owned()),
            client_secret: secret.map(Secret::new),
            access_token: None,
            azure_cli: PathBuf::from("az"),
        };
        let kinds = |candidates: Vec<Credential>| -> Vec<&'static str> {
            candidates
                .into_iter()
                .map(|candidate| match candidate {
                    Credential::ClientSecret { .. } => "client-secret",
                    Credential::AzureCli { .. } => "azure-cli",
                    Credential::DeviceCode { client_id } => {
                        assert_eq!(client_id, DEVICE_CODE_CLIENT_ID);
                        "device-code"
                    }
                    Credential::Token(_) => "token",
                })
                .collect()
        };
        assert_eq!(kinds(auto_candidates(&credentials(Some("s")), true, true)), ["client-secret"]);
        assert_eq!(kinds(auto_candidates(&credentials(None), true, true)), ["azure-cli", "device-code"]);
        assert_eq!(kinds(auto_candidates(&credentials(None), false, true)), ["azure-cli"]);
        assert_eq!(kinds(auto_candidates(&credentials(None), true, false)), ["device-code"]);
        assert_eq!(kinds(auto_candidates(&credentials(None), false, false)), Vec::<&str>::new());
    }
}
