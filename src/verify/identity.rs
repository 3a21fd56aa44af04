//! Who signed in: the identity a run's checks read the tenant as, named in the report for the evidence kept with it.
//!
//! The identity comes from the claims of the access token (a JWT: `header.payload.signature`, the payload base64url
//! JSON), however the token was had: client secret, Azure CLI, device code or given as is. App-only tokens carry
//! `idtyp: "app"`, `appid` and `app_displayname`; delegated tokens `idtyp: "user"` (absent on older ones), `upn`,
//! `unique_name` or `preferred_username`, and `oid`; both carry `tid`. A token that is not a JWT (an opaque token) or
//! names no one gives [`Identity::unknown`]: the report says checkdown could not tell, and the run goes on.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD_INDIFFERENT;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::auth::Secret;
use super::i18n::Message;

/// What kind of identity signed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum IdentityKind {
    /// An app registration, with its own permissions (client credentials).
    Application,
    /// A person, through an app acting for them (Azure CLI, device code, a token they hold).
    User,
    /// The token does not say (it is not a JWT, or names no one), or a record older than this field does not.
    Unknown,
}

impl IdentityKind {
    /// The name used in JSON and as the Fluent selector (`application`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Application => "application",
            Self::User => "user",
            Self::Unknown => "unknown",
        }
    }
}

/// The identity a run signed in as. Names and ids are not secrets; nothing else of the token is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    /// Application, user, or unknown.
    pub kind: IdentityKind,
    /// The application's display name, or the user's sign-in name (UPN).
    pub name: Option<String>,
    /// The application's client id, or the user's object id.
    pub id: Option<String>,
    /// The tenant the token was issued in.
    pub tenant_id: Option<String>,
}

impl Identity {
    /// An identity checkdown could not tell.
    pub fn unknown() -> Identity {
        Identity { kind: IdentityKind::Unknown, name: None, id: None, tenant_id: None }
    }

    /// The identity `token` was issued to, from its claims.
    ///
    /// The signature is not checked: the claims only label the report, Graph checks the token on every request, and
    /// checkdown holds no key to check it with. Only the payload is decoded; the token and its signature are neither
    /// kept nor shown.
    pub fn from_token(token: &Secret) -> Identity {
        claims(token.expose()).map_or_else(Identity::unknown, |claims| Identity::from_claims(&claims))
    }

    fn from_claims(claims: &Map<String, Value>) -> Identity {
        let text = |name: &str| claims.get(name).and_then(Value::as_str).map(printable).filter(|text| !text.is_empty());
        let user_name = ["upn", "unique_name", "preferred_username"].into_iter().find_map(text);
        let kind = match text("idtyp").as_deref() {
            Some("app") => IdentityKind::Application,
            Some("user") => IdentityKind::User,
            // Older tokens lack `idtyp`: only a person's token names a person or carries delegated scopes (`scp`).
            _ if user_name.is_some() || claims.contains_key("scp") => IdentityKind::User,
            _ if claims.contains_key("appid") || claims.contains_key("azp") => IdentityKind::Application,
            _ => IdentityKind::Unknown,
        };
        let (name, id) = match kind {
            IdentityKind::Application => (text("app_displayname"), text("appid").or_else(|| text("azp"))),
            IdentityKind::User => (user_name.or_else(|| text("name")), text("oid")),
            IdentityKind::Unknown => (None, None),
        };
        if name.is_none() && id.is_none() {
            return Identity::unknown();
        }
        Identity { kind, name, id, tenant_id: text("tid") }
    }

    /// The name and the id as the report shows them: `checkdown-verify (11111111-…)`, or whichever of the two is
    /// known; `None` for an identity that could not be told.
    pub fn who(&self) -> Option<String> {
        match (&self.name, &self.id) {
            (Some(name), Some(id)) => Some(format!("{name} ({id})")),
            (Some(known), None) | (None, Some(known)) => Some(known.clone()),
            (None, None) => None,
        }
    }

    /// The report's line about the identity ("Signed in as application … in tenant …").
    pub fn message(&self) -> Message {
        Message::new("verify-signed-in")
            .arg("kind", self.kind.as_str())
            .arg("who", self.who().unwrap_or_default())
            .arg("in_tenant", self.tenant_id.is_some().to_string())
            .arg("tenant", self.tenant_id.clone().unwrap_or_default())
    }
}

/// The claims of a JWT (`header.payload.signature`); `None` for anything else: an opaque token, an encrypted JWT
/// (five parts), a payload that is not base64url JSON.
fn claims(token: &str) -> Option<Map<String, Value>> {
    let mut parts = token.split('.');
    let (Some(_header), Some(payload), Some(_signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    // JWTs leave the padding out (RFC 7515); some encoders keep it, which says nothing against the claims.
    let bytes = URL_SAFE_NO_PAD_INDIFFERENT.decode(payload).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// A claim as it may be printed: an app's display name is free text its owner chose, and control characters in it
/// (a terminal escape sequence) must not reach the terminal the report is read on.
fn printable(text: &str) -> String {
    text.chars().filter(|c| !c.is_control()).collect::<String>().trim().to_owned()
}

#[cfg(test)]
mod tests {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use serde_json::json;

    use super::*;

    /// A token whose payload is `claims`, signed with nonsense (as the fake Graph's are).
    fn token(claims: Value) -> Secret {
        let part = |value: Value| URL_SAFE_NO_PAD.encode(value.to_string());
        Secret::new(format!("{}.{}.c2lnbmF0dXJl", part(json!({"typ": "JWT", "alg": "RS256"})), part(claims)))
    }

    #[test]
    fn an_app_only_token_names_the_application_by_display_name_and_client_id() {
        let identity = Identity::from_token(&token(json!({
            "aud": "https://graph.microsoft.com", "idtyp": "app", "appid": "11111111-1111-1111-1111-111111111111",
            "app_displayname": "checkdown-verify", "oid": "5b6e0b9a-0000-4000-8000-000000000001",
            "tid": "84841066-274d-4ec0-a5c1-276be684bdd3", "roles": ["User.Read.All"]
        })));
        assert_eq!(
            identity,
            Identity {
                kind: IdentityKind::Application,
                name: Some("checkdown-verify".into()),
                id: Some("11111111-1111-1111-1111-111111111111".into()),
                tenant_id: Some("84841066-274d-4ec0-a5c1-276be684bdd3".into()),
            }
        );
        assert_eq!(identity.who().as_deref(), Some("checkdown-verify (11111111-1111-1111-1111-111111111111)"));
    }

    #[test]
    fn a_delegated_token_names_the_user_by_sign_in_name_and_object_id_with_or_without_idtyp() {
        let user = json!({"idtyp": "user", "upn": "admin@contoso.com", "unique_name": "other@contoso.com",
                          "name": "Admin", "oid": "ace08ec9-aa11-4ada-9145-addf0398233e", "tid": "t",
                          "appid": "14d82eec-204b-4c2f-b7e8-296a70dab67e", "scp": "User.Read.All"});
        let identity = Identity::from_token(&token(user));
        assert_eq!(
            (identity.kind, identity.who()),
            (IdentityKind::User, Some("admin@contoso.com (ace08ec9-aa11-4ada-9145-addf0398233e)".into()))
        );
        // An older token: no `idtyp`, the name under `unique_name`; a v2 token: `preferred_username`, `azp`.
        let older = Identity::from_token(&token(json!({"unique_name": "live.com#bob@outlook.com", "appid": "a"})));
        assert_eq!((older.kind, older.who()), (IdentityKind::User, Some("live.com#bob@outlook.com".into())));
        let v2 = Identity::from_token(&token(json!({"preferred_username": "carol@contoso.com", "azp": "a"})));
        assert_eq!((v2.kind, v2.name.as_deref()), (IdentityKind::User, Some("carol@contoso.com")));
        let scopes_only = Identity::from_token(&token(json!({"scp": "User.Read", "name": "Dave", "oid": "d"})));
        assert_eq!((scopes_only.kind, scopes_only.who()), (IdentityKind::User, Some("Dave (d)".into())));
        let app_without_idtyp = Identity::from_token(&token(json!({"appid": "a", "roles": ["User.Read.All"]})));
        assert_eq!((app_without_idtyp.kind, app_without_idtyp.who()), (IdentityKind::Application, Some("a".into())));
    }

    #[test]
    fn anything_but_a_jwt_naming_someone_is_unknown() {
        let unknown = Identity::unknown();
        for opaque in [
            "EwBwA8l6BAAUbDba3x2OMJElkF7gJ4z/VbCPEz0AAQ",
            "a.b",
            "a.b.c.d.e",
            "eyJ0eXAiOiJKV1QifQ.not*base64.c2ln",
            "eyJ0eXAiOiJKV1QifQ.bm90IGpzb24.c2ln",
            "eyJ0eXAiOiJKV1QifQ.WzFd.c2ln",
        ] {
            assert_eq!(Identity::from_token(&Secret::new(opaque)), unknown, "{opaque}");
        }
        assert_eq!(Identity::from_token(&token(json!({"tid": "t", "aud": "x"}))), unknown, "names no one");
        assert_eq!(Identity::from_token(&token(json!({"idtyp": "app", "tid": "t"}))), unknown, "an app, but which?");
        assert_eq!(unknown.who(), None);
    }

    #[test]
    fn padding_is_accepted_and_control_characters_never_reach_the_report() {
        let payload = base64::engine::general_purpose::URL_SAFE.encode(r#"{"idtyp":"app","appid":"a1"}"#);
        assert!(payload.ends_with('='));
        assert_eq!(Identity::from_token(&Secret::new(format!("h.{payload}.s"))).id.as_deref(), Some("a1"));
        let hostile = json!({"idtyp": "app", "appid": "a", "app_displayname": "\u{1b}[2J\u{1b}[32mtrusted\u{1b}[0m\n"});
        assert_eq!(Identity::from_token(&token(hostile)).name.as_deref(), Some("[2J[32mtrusted[0m"));
    }
}
