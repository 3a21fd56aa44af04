//! The HTTP side of verification: a client that can only read.
//!
//! [`GraphClient`] has one way to send a request, [`Transport::get`]: there is no method taking an HTTP method, no
//! body, no batch. Graph requests carry the bearer token; GETs on the login host (the tenant's discovery document)
//! never do, and token requests live in [`super::auth`], which only posts to the login host's token endpoints.
//!
//! Every GET is bounded: 429, 503 and 504 are retried after `Retry-After` (fractional seconds too) or a jittered
//! exponential backoff, connection errors and timeouts are retried the same way, and the attempts and the total time
//! per request are capped ([`RetryPolicy`]). A 401 `InvalidAuthenticationToken` re-acquires the token once. What a GET
//! finally gave is an [`Exchange`]: data that [`super::record`] can save and replay.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::{Arc, OnceLock};
use std::thread;
use std::time::{Duration, Instant};

use reqwest::blocking::{Client, Response};
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderMap, LOCATION, RETRY_AFTER};
use serde::{Deserialize, Serialize};

use super::Log;
use super::auth::Tokens;
use super::cloud::Endpoints;

/// The two hosts a verification reads from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Service {
    /// The login host: only the anonymous discovery document is read there.
    Login,
    /// Microsoft Graph, with the bearer token.
    Graph,
}

/// How hard one GET tries before it gives up. The defaults suit a live tenant; tests shrink them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts per request, the first included (at least 1).
    pub max_attempts: u32,
    /// Total time one request may take, waits and retries included; no wait starts that would end past it.
    pub max_elapsed: Duration,
    /// Time limit of one attempt (connect, send, read the whole answer).
    pub timeout: Duration,
    /// The first backoff when the answer has no usable `Retry-After`; it doubles at each retry.
    pub base_delay: Duration,
    /// The longest single backoff.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 5,
            max_elapsed: Duration::from_secs(120),
            timeout: Duration::from_secs(30),
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// The wait before retry number `retry` (1-based) when the server gave no `Retry-After`: exponential, with full
    /// jitter over its upper half so concurrent clients spread out.
    fn backoff(&self, retry: u32) -> Duration {
        let exponential = self.base_delay.saturating_mul(1u32 << retry.saturating_sub(1).min(16)).min(self.max_delay);
        exponential.mul_f64(0.5 + 0.5 * jitter())
    }

    /// The wait before another attempt, after `attempts` made in `elapsed`: the server's `Retry-After` when it gave
    /// one, else the backoff; `None` when the attempts are spent or the wait would end past the time budget.
    pub fn next_wait(&self, attempts: u32, elapsed: Duration, retry_after: Option<Duration>) -> Option<Duration> {
        let wait = retry_after.unwrap_or_else(|| self.backoff(attempts));
        (attempts < self.max_attempts.max(1) && elapsed + wait <= self.max_elapsed).then_some(wait)
    }

    /// The log line of a retry: `GET /v1.0/users: 429; retrying in 1.5 s (attempt 2 of 5)`.
    pub fn retry_note(&self, request: &str, outcome: &str, wait: Duration, attempts: u32) -> String {
        format!(
            "{request}: {outcome}; retrying in {:.1} s (attempt {} of {})",
            wait.as_secs_f64(),
            attempts + 1,
            self.max_attempts
        )
    }
}

/// A number in [0, 1) that differs between calls (std's randomly keyed hasher; no RNG crate needed for jitter).
fn jitter() -> f64 {
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(Instant::now().elapsed().as_nanos() as u64);
    (hasher.finish() >> 11) as f64 / (1u64 << 53) as f64
}

/// What one GET finally gave, after retries: an answer, or no answer at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum Exchange {
    /// The server answered (any status).
    Answer {
        /// HTTP status.
        status: u16,
        /// The `Content-Type` header, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        content_type: Option<String>,
        /// The body as text.
        body: String,
        /// For a redirect (3xx), the host its `Location` points to: never the path or query, which may carry tokens.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        redirect_host: Option<String>,
        /// How many attempts it took (retries after 429/503/504 included).
        attempts: u32,
    },
    /// No usable answer: connection refused, timeouts, a token that could not be renewed.
    Failed {
        /// What went wrong, without any secret.
        error: String,
        /// How many attempts were made.
        attempts: u32,
    },
    /// A replay has no answer for this request: the record was made by another run, of other checks.
    NotRecorded,
}

/// Something that answers GETs: the live [`GraphClient`], or a recording being replayed.
pub trait Transport: Send + Sync {
    /// GETs `path_and_query` (starting with `/`) on `service`, adding `ConsistencyLevel: eventual` when `consistency`
    /// is set.
    fn get(&self, service: Service, path_and_query: &str, consistency: bool) -> Exchange;
}

/// The live client: GET only, bounded, token attached on Graph only.
pub struct GraphClient {
    http: Client,
    endpoints: Endpoints,
    tokens: OnceLock<Arc<Tokens>>,
    policy: RetryPolicy,
    log: Log,
}

/// The blocking HTTP client every request of a run shares: no redirects (a token never follows one), the policy's
/// timeout, and no proxy for loopback hosts.
pub fn http_client(endpoints: &Endpoints, policy: &RetryPolicy) -> Result<Client, String> {
    let mut builder = Client::builder()
        .user_agent(concat!("checkdown/", env!("CARGO_PKG_VERSION")))
        .redirect(reqwest::redirect::Policy::none())
        .timeout(policy.timeout)
        .connect_timeout(policy.timeout.min(Duration::from_secs(10)));
    if endpoints.login.is_loopback() || endpoints.graph.is_loopback() {
        builder = builder.no_proxy();
    }
    builder.build().map_err(|error| format!("could not set up the HTTP client: {error}"))
}

impl GraphClient {
    /// A client for `endpoints`. Until [`GraphClient::sign_in`], only the login host can be read.
    pub fn new(http: Client, endpoints: Endpoints, policy: RetryPolicy, log: Log) -> Self {
        GraphClient { http, endpoints, tokens: OnceLock::new(), policy, log }
    }

    /// Attaches the run's tokens; Graph can be read from now on. A second call changes nothing.
    pub fn sign_in(&self, tokens: Arc<Tokens>) {
        let _ = self.tokens.set(tokens);
    }

    fn attempt(&self, url: &str, consistency: bool, bearer: Option<&str>, budget: Duration) -> Try {
        let mut request = self.http.get(url).header(ACCEPT, "application/json").timeout(budget);
        if consistency {
            request = request.header("ConsistencyLevel", "eventual");
        }
        if let Some(token) = bearer {
            request = request.header(AUTHORIZATION, format!("Bearer {token}"));
        }
        match request.send() {
            Ok(response) => Try::Answer(read_answer(response)),
            Err(error) => Try::Failed(describe(&error)),
        }
    }
}

enum Try {
    Answer(Answer),
    Failed(String),
}

struct Answer {
    status: u16,
    headers: HeaderMap,
    redirect_host: Option<String>,
    body: Result<String, String>,
}

fn read_answer(response: Response) -> Answer {
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let redirect_host = response.status().is_redirection().then(|| redirect_host(response.url(), &headers)).flatten();
    let body = response.text().map_err(|error| describe(&error));
    Answer { status, headers, redirect_host, body }
}

/// The host (and port, when one is given) a redirect's `Location` points to, resolved against the requested URL; the
/// path, query and any user info are dropped, as they may carry tokens.
fn redirect_host(requested: &reqwest::Url, headers: &HeaderMap) -> Option<String> {
    let target = requested.join(headers.get(LOCATION)?.to_str().ok()?).ok()?;
    let host = target.host_str()?;
    Some(match target.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_owned(),
    })
}

/// A reqwest error in words, without the URL's query (no secret is ever in a URL, but keep messages short).
fn describe(error: &reqwest::Error) -> String {
    let kind = if error.is_timeout() {
        "timed out"
    } else if error.is_connect() {
        "could not connect"
    } else if error.is_body() || error.is_decode() {
        "the answer was cut off"
    } else {
        "network error"
    };
    let mut source = std::error::Error::source(error);
    let mut innermost = None;
    while let Some(cause) = source {
        innermost = Some(cause.to_string());
        source = cause.source();
    }
    match innermost {
        Some(cause) => format!("{kind} ({cause})"),
        None => kind.to_owned(),
    }
}

/// Seconds from a `Retry-After` header: an integer or a fraction (`2.128`), as Graph sends it.
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let seconds: f64 = headers.get(RETRY_AFTER)?.to_str().ok()?.trim().parse().ok()?;
    (seconds.is_finite() && seconds >= 0.0).then(|| Duration::from_secs_f64(seconds.min(86_400.0)))
}

/// True for the answers worth retrying: throttled (429), unavailable (503), gateway timeout (504).
pub fn is_transient(status: u16) -> bool {
    matches!(status, 429 | 503 | 504)
}

/// True for Graph's 401 that a fresh token cures (`InvalidAuthenticationToken`).
fn is_expired_token(answer: &Answer) -> bool {
    answer.status == 401 && answer.body.as_deref().is_ok_and(|body| body.contains("\"InvalidAuthenticationToken\""))
}

impl Transport for GraphClient {
    fn get(&self, service: Service, path_and_query: &str, consistency: bool) -> Exchange {
        let host = match service {
            Service::Login => &self.endpoints.login,
            Service::Graph => &self.endpoints.graph,
        };
        let url = host.join(path_and_query);
        let start = Instant::now();
        let mut attempts = 0;
        let mut renewed = false;
        let mut bearer = None;
        loop {
            attempts += 1;
            if service == Service::Graph {
                let Some(tokens) = self.tokens.get() else {
                    return Exchange::Failed { error: "not signed in".into(), attempts };
                };
                match tokens.bearer() {
                    Ok(token) => bearer = Some(token),
                    Err(error) => return Exchange::Failed { error: error.to_string(), attempts },
                }
            }
            let budget = self.policy.max_elapsed.saturating_sub(start.elapsed()).min(self.policy.timeout);
            let token = bearer.as_ref().map(|secret| secret.expose());
            let (hint, last) = match self.attempt(&url, consistency, token, budget.max(Duration::from_millis(1))) {
                Try::Answer(answer) if is_expired_token(&answer) && !renewed => {
                    renewed = true;
                    if let (Some(tokens), Some(stale)) = (self.tokens.get(), &bearer) {
                        // A token given as is cannot be renewed: the finding is Graph's 401, not a lost answer.
                        if let Err(error) = tokens.renew(stale) {
                            (self.log)(&format!("GET {path_and_query}: the token has expired: {error}"));
                            return into_exchange(answer, attempts);
                        }
                        (self.log)(&format!("GET {path_and_query}: token expired, signed in again"));
                    }
                    attempts -= 1;
                    continue;
                }
                Try::Answer(answer) if is_transient(answer.status) => {
                    (retry_after(&answer.headers), into_exchange(answer, attempts))
                }
                Try::Answer(answer) => return into_exchange(answer, attempts),
                Try::Failed(error) => (None, Exchange::Failed { error, attempts }),
            };
            let Some(wait) = self.policy.next_wait(attempts, start.elapsed(), hint) else {
                if let Some(asked) = hint.filter(|asked| start.elapsed() + *asked > self.policy.max_elapsed) {
                    (self.log)(&format!(
                        "GET {path_and_query}: asked to retry after {:.0} s, past the {:.0} s this request may take; \
                         giving up",
                        asked.as_secs_f64(),
                        self.policy.max_elapsed.as_secs_f64()
                    ));
                }
                return last;
            };
            let status = match &last {
                Exchange::Answer { status, .. } => status.to_string(),
                Exchange::Failed { error, .. } => error.clone(),
                Exchange::NotRecorded => "not recorded".to_owned(),
            };
            (self.log)(&self.policy.retry_note(&format!("GET {path_and_query}"), &status, wait, attempts));
            thread::sleep(wait);
        }
    }
}

fn into_exchange(answer: Answer, attempts: u32) -> Exchange {
    match answer.body {
        Ok(body) => Exchange::Answer {
            status: answer.status,
            content_type: answer.headers.get(CONTENT_TYPE).and_then(|value| value.to_str().ok()).map(str::to_owned),
            body,
            redirect_host: answer.redirect_host,
            attempts,
        },
        Err(error) => Exchange::Failed { error, attempts },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    #[test]
    fn retry_after_accepts_fractional_seconds() {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_static("2.128"));
        assert_eq!(retry_after(&headers), Some(Duration::from_millis(2128)));
        headers.insert(RETRY_AFTER, HeaderValue::from_static(" 3 "));
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(3)));
        headers.insert(RETRY_AFTER, HeaderValue::from_static("soon"));
        assert_eq!(retry_after(&headers), None);
        headers.insert(RETRY_AFTER, HeaderValue::from_static("-1"));
        assert_eq!(retry_after(&headers), None);
    }

    #[test]
    fn backoff_grows_stays_jittered_and_capped() {
        let policy = RetryPolicy {
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(350),
            ..RetryPolicy::default()
        };
        for _ in 0..50 {
            let first = policy.backoff(1);
            assert!(first >= Duration::from_millis(50) && first <= Duration::from_millis(100), "{first:?}");
            let second = policy.backoff(2);
            assert!(second >= Duration::from_millis(100) && second <= Duration::from_millis(200), "{second:?}");
            assert!(policy.backoff(30) <= Duration::from_millis(350));
        }
    }
}
