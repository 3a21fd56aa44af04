//! Does the tenant still exist? What the login host says, weighed before step 5 is ticked.
//!
//! The answers come from three places: the anonymous discovery document under the name given; when that name is not
//! found but was seen alive before, the discovery document under the tenant id remembered for it (removing a custom
//! domain makes the name stop resolving while the tenant lives on); and the token endpoint's answer when signing in.
//! "Gone" is only concluded when every answer agrees: the name and its remembered id are both not found, and the
//! tenant was seen alive before. Anything weaker or contradictory is [`TenantState::Unknown`], with the reason.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::checks::failure_message;
use super::graph::{Exchange, Service};
use super::i18n::Message;
use super::read::{Failure, FailureKind, ForeignAnswer, Reader, is_foreign_refusal};

/// What signing in said about the tenant; a record keeps it, so a replay weighs the same answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SignIn {
    /// No sign-in was attempted: the tenant was not found, or a replay.
    NotAttempted,
    /// A token was issued (or given).
    SignedIn,
    /// The token endpoint answered AADSTS90002.
    TenantNotFound,
}

/// Whether the tenant still exists, as the checks see it.
#[derive(Debug, Clone, PartialEq)]
pub enum TenantState {
    /// The tenant answers: under the name given, or (`via_id`) only under the tenant id remembered for that name.
    Alive {
        /// The remembered tenant id that answered when the name given did not.
        via_id: Option<String>,
    },
    /// AADSTS90002 for the name given, and for the tenant id remembered for it (`id`, when that differs).
    NotFound {
        /// Seen alive before, on this cloud.
        seen_before: bool,
        /// The remembered tenant id, also not found, when it differs from the name given.
        id: Option<String>,
    },
    /// The answers do not allow a verdict; `reason` says why. `readable`: Graph can still be read (signed in).
    Unknown {
        /// Why the tool cannot tell.
        reason: Message,
        /// True when a token was issued, so the other checks can still read Graph.
        readable: bool,
    },
}

impl TenantState {
    /// Why Graph cannot be read at all, for the checks that need it; `None` when it can.
    pub fn unreadable(&self, tenant: &str) -> Option<Message> {
        match self {
            TenantState::Alive { .. } | TenantState::Unknown { readable: true, .. } => None,
            TenantState::NotFound { .. } => Some(Message::new("verify-tenant-not-found").arg("tenant", tenant)),
            TenantState::Unknown { reason, readable: false } => Some(reason.clone()),
        }
    }
}

/// The discovery document's path for `tenant` on the login host.
pub fn discovery_path(tenant: &str) -> String {
    format!("/{tenant}/v2.0/.well-known/openid-configuration")
}

/// What one discovery document says.
#[derive(Debug, Clone)]
enum Discovery {
    /// The tenant answers; the tenant id from the document's issuer.
    Alive(String),
    /// AADSTS90002: not found.
    NotFound,
    /// The document could not be read.
    Failed(Failure),
}

impl Discovery {
    fn read(reader: &Reader<'_>, tenant: &str) -> Discovery {
        let path = discovery_path(tenant);
        let request = format!("GET {path}");
        match reader.exchange(Service::Login, &path, false) {
            Exchange::Answer { status: 200, body, content_type, .. } => {
                let Ok(document) = serde_json::from_str::<Value>(&body) else {
                    let foreign = ForeignAnswer::new(200, content_type.as_deref(), &body);
                    return Discovery::Failed(Failure { request, kind: FailureKind::Foreign(foreign) });
                };
                let issuer = document.get("issuer").and_then(Value::as_str).unwrap_or_default();
                // Only the login host's own document says the tenant lives: a proxy's page answered 200 says nothing.
                match issuer.split('/').find(|part| is_tenant_id(part)) {
                    Some(id) => Discovery::Alive(id.to_owned()),
                    None => Discovery::Failed(Failure {
                        request,
                        kind: FailureKind::Malformed(
                            "not an OpenID discovery document naming the tenant's id in its issuer".to_owned(),
                        ),
                    }),
                }
            }
            Exchange::Answer { status: 400, body, .. }
                if body.contains("90002") || body.contains("\"invalid_tenant\"") =>
            {
                Discovery::NotFound
            }
            Exchange::Answer { status, body, attempts, content_type, .. } => {
                let document: Value = serde_json::from_str(&body).unwrap_or_default();
                let text = |key: &str| document.get(key).and_then(Value::as_str).unwrap_or_default().to_owned();
                let message = text("error_description").lines().next().unwrap_or_default().to_owned();
                let kind = match text("error") {
                    code if is_foreign_refusal(status, &code, &message) => {
                        FailureKind::Foreign(ForeignAnswer::new(status, content_type.as_deref(), &body))
                    }
                    code => FailureKind::Status { status, code, message, attempts },
                };
                Discovery::Failed(Failure { request, kind })
            }
            Exchange::Failed { error, attempts } => {
                Discovery::Failed(Failure { request, kind: FailureKind::Transport { error, attempts } })
            }
            Exchange::NotRecorded => Discovery::Failed(Failure { request, kind: FailureKind::NotRecorded }),
        }
    }
}

/// True for a tenant id (a GUID), as opposed to a domain name.
pub fn is_tenant_id(text: &str) -> bool {
    text.len() == 36
        && text
            .char_indices()
            .all(|(at, c)| if [8, 13, 18, 23].contains(&at) { c == '-' } else { c.is_ascii_hexdigit() })
}

/// The discovery answers for one run: under the name given and, when needed, under the remembered tenant id.
pub struct TenantAnswers {
    tenant: String,
    remembered_id: Option<String>,
    by_name: Discovery,
    by_id: Option<(String, Discovery)>,
}

impl TenantAnswers {
    /// Reads the discovery document of `tenant` and, when it is not found and `remembered_id` (the tenant id this
    /// tool saw answer for that name) differs from it, the document of that id too.
    pub fn ask(reader: &Reader<'_>, tenant: &str, remembered_id: Option<&str>) -> TenantAnswers {
        let by_name = Discovery::read(reader, tenant);
        let by_id = match (&by_name, remembered_id) {
            (Discovery::NotFound, Some(id)) if !id.eq_ignore_ascii_case(tenant) => {
                Some((id.to_owned(), Discovery::read(reader, id)))
            }
            _ => None,
        };
        TenantAnswers { tenant: tenant.to_owned(), remembered_id: remembered_id.map(str::to_owned), by_name, by_id }
    }

    /// The tenant to sign in to: the name given unless it is not found, else the remembered id when that answers;
    /// `None` when nothing answers (no sign-in is attempted for a tenant that is not found).
    pub fn sign_in_as(&self) -> Option<&str> {
        match (&self.by_name, &self.by_id) {
            (Discovery::NotFound, Some((id, Discovery::Alive(_)))) => Some(id),
            (Discovery::NotFound, _) => None,
            _ => Some(&self.tenant),
        }
    }

    /// The tenant id a discovery document named, when the tenant answered.
    pub fn alive_id(&self) -> Option<&str> {
        match (&self.by_name, &self.by_id) {
            (Discovery::Alive(id), _) => Some(id),
            (_, Some((id, Discovery::Alive(_)))) => Some(id),
            _ => None,
        }
    }

    /// True when a discovery document answered for the tenant.
    pub fn answered(&self) -> bool {
        matches!(self.by_name, Discovery::Alive(_)) || matches!(self.by_id, Some((_, Discovery::Alive(_))))
    }

    /// The state the checks see, from these answers, whether the tenant was `seen_before`, and what signing in said.
    pub fn state(self, seen_before: bool, sign_in: SignIn) -> TenantState {
        let tenant = self.tenant.as_str();
        let contradiction = |name: &str| TenantState::Unknown {
            reason: Message::new("verify-tenant-contradiction").arg("tenant", name),
            readable: false,
        };
        match self.by_name {
            Discovery::Alive(_) if sign_in == SignIn::TenantNotFound => contradiction(tenant),
            Discovery::Alive(_) => TenantState::Alive { via_id: None },
            Discovery::Failed(failure) if sign_in == SignIn::TenantNotFound => TenantState::Unknown {
                reason: Message::new("verify-tenant-token-not-found")
                    .arg("tenant", tenant)
                    .arg("failure", failure_message(&failure)),
                readable: false,
            },
            Discovery::Failed(failure) => {
                TenantState::Unknown { reason: failure_message(&failure), readable: sign_in == SignIn::SignedIn }
            }
            Discovery::NotFound if !seen_before => TenantState::NotFound { seen_before: false, id: None },
            Discovery::NotFound => match (self.remembered_id, self.by_id) {
                (_, Some((id, Discovery::NotFound))) => TenantState::NotFound { seen_before: true, id: Some(id) },
                (_, Some((id, Discovery::Alive(_)))) if sign_in == SignIn::TenantNotFound => contradiction(&id),
                (_, Some((id, Discovery::Alive(_)))) => TenantState::Alive { via_id: Some(id) },
                (_, Some((id, Discovery::Failed(failure)))) => TenantState::Unknown {
                    reason: Message::new("verify-tenant-id-check-failed")
                        .arg("tenant", tenant)
                        .arg("id", id)
                        .arg("failure", failure_message(&failure)),
                    readable: false,
                },
                // The name given is the tenant id itself: its own answer was the check by id.
                (Some(_), None) => TenantState::NotFound { seen_before: true, id: None },
                (None, None) if is_tenant_id(tenant) => TenantState::NotFound { seen_before: true, id: None },
                (None, None) => TenantState::Unknown {
                    reason: Message::new("verify-tenant-id-not-remembered").arg("tenant", tenant),
                    readable: false,
                },
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenant_ids_are_guids() {
        assert!(is_tenant_id("84841066-274d-4ec0-a5c1-276be684bdd3"));
        assert!(!is_tenant_id("contoso.onmicrosoft.com"));
        assert!(!is_tenant_id("84841066-274d-4ec0-a5c1-276be684bdd"));
        assert!(!is_tenant_id("84841066x274d-4ec0-a5c1-276be684bdd3"));
    }
}
