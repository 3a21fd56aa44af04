//! Record and replay: the answers a run used, saved as JSON, and a transport that serves them back offline.
//!
//! A record holds what the checks read and nothing else: each GET's service, path and final answer (status, content
//! type, body) or failure, plus the facts from local state the run used (was the tenant seen alive before, which tenant
//! id was remembered for it), what the token endpoint said (signed in, tenant not found; never a token) and who
//! signed in (the names and ids the token's claims give, never the token). Token requests themselves are never
//! recorded; no header is recorded, so no `Authorization` either. Replaying a record gives the same report as the run
//! that made it, the time of the check included, which makes it evidence an auditor can re-check and a fixture tests
//! can rely on.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::auth::redact;
use super::cloud::Cloud;
use super::graph::{Exchange, Service, Transport};
use super::identity::Identity;
use super::tenant::SignIn;

/// The `format` of records this version writes and reads. Version 2 added the sign-in outcome; a version 1 record
/// lacks what decided a tenant's state, so it is refused rather than replayed to a verdict the run did not give.
pub const FORMAT: &str = "checkdown-verify-record/2";

/// The format of the records checkdown wrote before the sign-in outcome was kept.
const FORMAT_WITHOUT_SIGN_IN: &str = "checkdown-verify-record/1";

/// One recorded GET.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recorded {
    /// The host it went to.
    pub service: Service,
    /// Path and query, as sent.
    pub request: String,
    /// Whether `ConsistencyLevel: eventual` was sent.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub consistency: bool,
    /// What it gave.
    pub exchange: Exchange,
}

/// A run's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recording {
    /// Always [`FORMAT`].
    pub format: String,
    /// When the run checked (the report's `checked_at`).
    pub checked_at: String,
    /// The article name.
    pub article: String,
    /// The tenant as given.
    pub tenant: String,
    /// The cloud.
    pub cloud: Cloud,
    /// The Graph host the run read (nextLinks in the bodies point at it).
    pub graph_host: String,
    /// The login and Graph hosts, when either was not the cloud's own (see [`super::VerifyReport::hosts`]); absent in
    /// records made before it was kept, whose replay names the Graph host alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hosts: Option<String>,
    /// Whether the tenant had been seen alive on this cloud before the run.
    pub seen_alive_before: bool,
    /// The tenant id remembered for the tenant as given, which the run re-checked when the name was not found.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remembered_tenant_id: Option<String>,
    /// What the token endpoint said (never the token): the tenant's state is weighed with it.
    pub sign_in: SignIn,
    /// Who signed in; absent when nobody did, and in records written before checkdown named the identity, which
    /// still replay (see [`Recording::identity`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_in: Option<Identity>,
    /// Every GET, sorted by service and path.
    pub exchanges: Vec<Recorded>,
}

impl Recording {
    /// Reads a record; the error says which file and why.
    pub fn load(path: &Path) -> Result<Recording, String> {
        let text = fs::read_to_string(path).map_err(|error| format!("{}: {error}", path.display()))?;
        #[derive(Deserialize)]
        struct Format {
            format: String,
        }
        let format = serde_json::from_str::<Format>(&text)
            .map_err(|error| format!("{}: not a verify record ({error})", path.display()))?
            .format;
        match format.as_str() {
            FORMAT => {
                let recording: Recording = serde_json::from_str(&text)
                    .map_err(|error| format!("{}: not a verify record ({error})", path.display()))?;
                // It is printed as the time of the evidence: a record edited by hand must still say a time.
                if !super::state::is_rfc3339(&recording.checked_at) {
                    return Err(format!(
                        "{}: checked_at '{}' is not an RFC 3339 time (2025-01-31T09:05:00Z)",
                        path.display(),
                        recording.checked_at
                    ));
                }
                Ok(recording)
            }
            FORMAT_WITHOUT_SIGN_IN => Err(format!(
                "{}: a record of an older checkdown (format '{format}'), which did not keep the sign-in outcome that \
                 decides the tenant's state; run `checkdown verify --record` again to make a record that replays",
                path.display()
            )),
            _ => Err(format!("{}: format '{format}', expected '{FORMAT}'", path.display())),
        }
    }

    /// Who the recorded run signed in as: the identity recorded, or, for a record older than that field of a run
    /// that signed in, an identity that cannot be told.
    pub fn identity(&self) -> Option<Identity> {
        self.signed_in.clone().or_else(|| (self.sign_in == SignIn::SignedIn).then(Identity::unknown))
    }

    /// Writes the record as pretty JSON (a temporary file, then a rename), every answer [`redact`]ed.
    pub fn save(&self, path: &Path) -> Result<(), String> {
        let mut redacted = self.clone();
        for recorded in &mut redacted.exchanges {
            match &mut recorded.exchange {
                Exchange::Answer { body, .. } => *body = redact(body),
                Exchange::Failed { error, .. } => *error = redact(error),
                Exchange::NotRecorded => {}
            }
        }
        let text = serde_json::to_string_pretty(&redacted).map_err(|error| error.to_string())? + "\n";
        let mut temporary = path.as_os_str().to_owned();
        temporary.push(".partial");
        fs::write(&temporary, text)
            .and_then(|()| fs::rename(&temporary, path))
            .map_err(|error| format!("{}: {error}", path.display()))
    }
}

/// Serves a record's answers; a GET the record lacks fails with "not in the record".
pub struct Replay {
    answers: HashMap<(Service, String, bool), Exchange>,
}

impl Replay {
    /// A transport over `recording`'s exchanges.
    pub fn new(recording: &Recording) -> Replay {
        let answers = recording
            .exchanges
            .iter()
            .map(|recorded| {
                ((recorded.service, recorded.request.clone(), recorded.consistency), recorded.exchange.clone())
            })
            .collect();
        Replay { answers }
    }
}

impl Transport for Replay {
    fn get(&self, service: Service, path_and_query: &str, consistency: bool) -> Exchange {
        self.answers.get(&(service, path_and_query.to_owned(), consistency)).cloned().unwrap_or(Exchange::NotRecorded)
    }
}
