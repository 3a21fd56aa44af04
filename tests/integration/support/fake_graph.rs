//! A fake Microsoft identity platform and Microsoft Graph on loopback, speaking what `shared/reference/graph.md`
//! describes: the v2.0 token and device-code endpoints (AADSTS90002 `invalid_tenant` for a deleted or unknown tenant,
//! AADSTS700016, AADSTS7000215, AADSTS70011), the anonymous discovery document, and the Graph endpoints the checks
//! use, with `$select`, `$top` (1–999, default page 100), `@odata.nextLink` paging with `$skiptoken`, `$count`
//! needing `ConsistencyLevel: eventual`, `text/plain` counts, directory roles that do not page, the error envelope
//! with `innerError`, 401 `InvalidAuthenticationToken`, 403 `Authorization_RequestDenied` per missing permission,
//! `subscribedSkus` (one row per SKU, `capabilityStatus`, not paged), and scripted faults: 429/503/504 with or without
//! `Retry-After`, 403 and 404 (an endpoint refused or absent in a cloud) with Graph's error bodies, and redirects
//! (any 3xx) to [`REDIRECT_LOCATION`], whose query carries a token that must never be shown. Access tokens are
//! JWTs with the claims Entra puts in Graph tokens (app-only from client credentials, delegated from device code and
//! for what `az` would hold) and a signature of nonsense; an opaque token can be minted too.
//!
//! The servers are plain `std::net` HTTP/1.1, one connection per request (`Connection: close`), a thread each.
//! Every request is recorded so tests can assert that nothing but GET reached Graph and nothing but token POSTs (and
//! the discovery GET) reached the login host. The benchmark includes this file too.

#![allow(dead_code)] // Each of the test binary and the benchmark uses its own part of the fake.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::{Value, json};

/// The Global Administrator role template id.
pub const GLOBAL_ADMIN: &str = "62e90394-69f5-4237-9190-012177145e10";

/// The permissions of an app registration made as docs/verify.md says.
pub const ALL_PERMISSIONS: [&str; 5] = [
    "User.Read.All",
    "RoleManagement.Read.Directory",
    "Organization.Read.All",
    "Policy.Read.All",
    "Application.Read.All",
];

/// The resource the fake's login host issues tokens for: Microsoft Graph itself, as the real one does, whatever host
/// the fake Graph listens on.
pub const GRAPH_RESOURCE: &str = "https://graph.microsoft.com";

/// The [`Fault::status`] of a request the fake never answers: it closes the connection, as a network that drops it.
pub const NO_ANSWER: u16 = 0;

/// A scripted failure: the next `times` requests whose path starts with `path` get this answer, with the error body
/// Graph gives for its status (on the login host, `/{tenant}/oauth2/v2.0/token`, the identity platform's body).
#[derive(Debug, Clone)]
pub struct Fault {
    /// Path prefix, without the query (`/v1.0/directory/subscriptions`).
    pub path: String,
    /// Status to answer, or [`NO_ANSWER`].
    pub status: u16,
    /// `Retry-After` header value, if any (`"1.5"`).
    pub retry_after: Option<String>,
    /// How many requests it hits; `usize::MAX` for a service that stays down.
    pub times: usize,
    /// Instead of the service's own error body, an HTML page with this title, as a proxy or gateway in front of it
    /// sends.
    pub page: Option<&'static str>,
}

impl Fault {
    /// Every request whose path starts with `path` answered `status` for the whole run, with the service's own body.
    pub fn always(path: impl Into<String>, status: u16) -> Fault {
        Fault { path: path.into(), status, retry_after: None, times: usize::MAX, page: None }
    }
}

/// The page a proxy or gateway answers with in front of a service.
fn proxy_page(status: u16, title: &str) -> Answer {
    Answer {
        status,
        content_type: "text/html; charset=utf-8",
        body: format!(
            "<!DOCTYPE html>\n<html>\n<head>\n<title>{title}</title>\n</head>\n<body>\n<h1>{title}</h1>\n<p>The proxy \
             server received an invalid response from an upstream server.</p>\n</body>\n</html>\n"
        ),
        headers: Vec::new(),
    }
}

/// A device-code sign-in: how many polls stay pending before the user "signs in".
#[derive(Debug, Clone)]
pub struct DeviceFlow {
    /// Polls answered `authorization_pending` first.
    pub pending_polls: usize,
    /// The `interval` the devicecode endpoint asks for (the real service says 5).
    pub interval: u64,
}

/// The tenant the fake serves.
#[derive(Debug, Clone)]
pub struct FakeTenant {
    /// The tenant id.
    pub id: String,
    /// Its initial domain.
    pub domain: String,
    /// True once the tenant is deleted: AADSTS90002 everywhere.
    pub deleted: bool,
    /// The token endpoint quotes the client secret it was sent in its AADSTS7000215 description (a login host, or a
    /// proxy in front of it, that reflects its input).
    pub echo_secret: bool,
    /// Only the token endpoint answers AADSTS90002 while the discovery document still answers (the two disagree).
    pub token_tenant_not_found: bool,
    /// The app registration.
    pub client_id: String,
    /// Its display name (`app_displayname` in its tokens).
    pub app_name: String,
    /// Its secret.
    pub client_secret: String,
    /// The application permissions granted to it.
    pub permissions: Vec<String>,
    /// The signed-in person holds no directory role that may read the directory: reads that need a permission answer
    /// 403 `Authentication_RequestFromUnsupportedUserRole`.
    pub user_without_role: bool,
    /// Users, as Graph stores them; `perUserMfaState` is served on the beta endpoint, not on `/users`.
    pub users: Vec<Value>,
    /// Ids of the Global Administrator role's members.
    pub global_admins: Vec<String>,
    /// The organization object.
    pub organization: Value,
    /// companySubscription objects.
    pub subscriptions: Vec<Value>,
    /// subscribedSku objects (`/v1.0/subscribedSkus`).
    pub subscribed_skus: Vec<Value>,
    /// Number of app registrations.
    pub applications: u64,
    /// Added to `/users/$count` (the count index lags the directory).
    pub count_lag: i64,
    /// A server-side page size cap below `$top` (Graph may return smaller pages than asked).
    pub page_cap: Option<usize>,
    /// Start the `$count` body with a UTF-8 BOM.
    pub count_bom: bool,
    /// Scripted failures.
    pub faults: Vec<Fault>,
    /// Added to every answer.
    pub latency: Duration,
    /// After this many Graph requests, the tokens issued so far expire (401).
    pub expire_tokens_after: Option<usize>,
    /// Device-code sign-in behaviour.
    pub device: DeviceFlow,
}

/// A user object with the properties the checks select.
pub fn user(id: &str, upn: &str, mfa: &str) -> Value {
    json!({"id": id, "displayName": upn.split('@').next().unwrap_or(upn), "userPrincipalName": upn,
           "userType": "Member", "accountEnabled": true, "onPremisesSyncEnabled": null, "perUserMfaState": mfa})
}

/// A companySubscription.
pub fn subscription(sku: &str, status: &str) -> Value {
    json!({"id": format!("sub-{}", sku.to_lowercase()), "skuPartNumber": sku, "status": status, "isTrial": false,
           "totalLicenses": 25, "nextLifecycleDateTime": "2025-02-01T00:00:00Z", "commerceSubscriptionId": "f9c1ea2d"})
}

/// A subscribedSku whose units are all in the state `status` names (`prepaidUnits` agrees with `capabilityStatus`).
pub fn subscribed_sku(sku: &str, status: &str) -> Value {
    let hex: String = sku.bytes().take(6).map(|byte| format!("{byte:02x}")).collect();
    let sku_id = format!("c7df2760-2c81-4ef7-b578-{hex:0>12}");
    let units = |state: &str| if state == status { 25 } else { 0 };
    json!({"capabilityStatus": status, "consumedUnits": 1, "id": format!("48a80680-7326-48cd-9935-b556b81d3a4e_{sku_id}"),
           "prepaidUnits": {"enabled": units("Enabled"), "suspended": units("Suspended"), "warning": units("Warning"),
                            "lockedOut": units("LockedOut")},
           "servicePlans": [], "skuId": sku_id, "skuPartNumber": sku, "appliesTo": "User"})
}

impl FakeTenant {
    /// A tenant already closed down except for its last step: one Global Administrator, every subscription deleted.
    pub fn closed_down() -> FakeTenant {
        let admin = "ace08ec9-aa11-4ada-9145-addf0398233e";
        FakeTenant {
            id: "84841066-274d-4ec0-a5c1-276be684bdd3".into(),
            domain: "contoso.onmicrosoft.com".into(),
            deleted: false,
            token_tenant_not_found: false,
            echo_secret: false,
            client_id: "11111111-1111-1111-1111-111111111111".into(),
            app_name: "checkdown-verify".into(),
            client_secret: "s3cret-Zq8~fake-client-secret-value".into(),
            permissions: ALL_PERMISSIONS.iter().map(|permission| (*permission).to_owned()).collect(),
            user_without_role: false,
            users: vec![user(admin, "admin@contoso.onmicrosoft.com", "enforced")],
            global_admins: vec![admin.into()],
            organization: json!({"id": "84841066-274d-4ec0-a5c1-276be684bdd3", "displayName": "Contoso",
                                  "onPremisesSyncEnabled": null, "onPremisesLastSyncDateTime": null}),
            subscriptions: vec![subscription("O365_BUSINESS_PREMIUM", "Deleted")],
            subscribed_skus: vec![subscribed_sku("O365_BUSINESS_PREMIUM", "Deleted")],
            applications: 0,
            count_lag: 0,
            page_cap: None,
            count_bom: false,
            faults: Vec::new(),
            latency: Duration::ZERO,
            expire_tokens_after: None,
            device: DeviceFlow { pending_polls: 1, interval: 0 },
        }
    }

    /// Adds a member user with the given per-user MFA state; returns its id.
    pub fn add_user(&mut self, upn: &str, mfa: &str) -> String {
        let id = format!("00000000-0000-4000-8000-{:012}", self.users.len());
        self.users.push(user(&id, upn, mfa));
        id
    }

    /// Removes a permission from the app.
    pub fn without(mut self, permission: &str) -> FakeTenant {
        self.permissions.retain(|granted| granted != permission);
        self
    }
}

/// Which of the two servers a request reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The login host.
    Login,
    /// Graph.
    Graph,
}

/// One request as the fake received it.
#[derive(Debug, Clone)]
pub struct Seen {
    /// Which server.
    pub side: Side,
    /// The HTTP method.
    pub method: String,
    /// Path and query, as sent.
    pub url: String,
    /// Headers, lower-cased names.
    pub headers: Vec<(String, String)>,
    /// The body (form posts to the token endpoint).
    pub body: String,
}

struct State {
    tenant: Mutex<FakeTenant>,
    seen: Mutex<Vec<Seen>>,
    tokens: Mutex<Vec<(String, bool)>>,
    graph_requests: AtomicUsize,
    device_polls: AtomicUsize,
    login_url: Mutex<String>,
    graph_url: Mutex<String>,
}

/// The running fake: two loopback servers.
pub struct FakeGraph {
    state: Arc<State>,
    stop: Arc<AtomicBool>,
    acceptors: Vec<(JoinHandle<()>, SocketAddr)>,
    login_url: String,
    graph_url: String,
}

impl FakeGraph {
    /// Starts the login host and Graph on ephemeral loopback ports.
    pub fn start(tenant: FakeTenant) -> FakeGraph {
        let state = Arc::new(State {
            tenant: Mutex::new(tenant),
            seen: Mutex::new(Vec::new()),
            tokens: Mutex::new(Vec::new()),
            graph_requests: AtomicUsize::new(0),
            device_polls: AtomicUsize::new(0),
            login_url: Mutex::new(String::new()),
            graph_url: Mutex::new(String::new()),
        });
        let stop = Arc::new(AtomicBool::new(false));
        let mut acceptors = Vec::new();
        let mut urls = Vec::new();
        for side in [Side::Login, Side::Graph] {
            let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
            let address = listener.local_addr().expect("a bound address");
            urls.push(format!("http://{address}"));
            let (state, stop) = (state.clone(), stop.clone());
            let acceptor = thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let state = state.clone();
                    thread::spawn(move || serve(stream, side, &state));
                }
            });
            acceptors.push((acceptor, address));
        }
        *state.login_url.lock().unwrap() = urls[0].clone();
        *state.graph_url.lock().unwrap() = urls[1].clone();
        FakeGraph { state, stop, acceptors, login_url: urls[0].clone(), graph_url: urls[1].clone() }
    }

    /// `http://127.0.0.1:PORT` of the login host.
    pub fn login_url(&self) -> &str {
        &self.login_url
    }

    /// `http://127.0.0.1:PORT` of Graph.
    pub fn graph_url(&self) -> &str {
        &self.graph_url
    }

    /// Every request received so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.state.seen.lock().unwrap().clone()
    }

    /// Every access token issued so far.
    pub fn issued_tokens(&self) -> Vec<String> {
        self.state.tokens.lock().unwrap().iter().map(|(token, _)| token.clone()).collect()
    }

    /// Issues a delegated token outside any grant: what `az` holds for the tenant's first user.
    pub fn mint_token(&self) -> String {
        issue(&self.state, Grant::User { client_id: AZURE_CLI_CLIENT_ID, client_name: "Microsoft Azure CLI" })
    }

    /// Issues an opaque token (not a JWT), as some services issue: Graph accepts it, and it names no one.
    pub fn mint_opaque_token(&self) -> String {
        let mut tokens = self.state.tokens.lock().unwrap();
        let token = format!("EwBwA8l6BAAUbDba3x2OMJElkF7gJ4z-opaque-{}", tokens.len() + 1);
        tokens.push((token.clone(), true));
        token
    }

    /// Changes the tenant while the fake runs.
    pub fn update(&self, change: impl FnOnce(&mut FakeTenant)) {
        change(&mut self.state.tenant.lock().unwrap());
    }

    /// Panics unless Graph received only GETs and the login host only token POSTs and discovery GETs: the tool's
    /// read-only promise, end to end.
    pub fn assert_read_only(&self) {
        for seen in self.seen() {
            let path = seen.url.split('?').next().unwrap_or_default();
            let allowed = match seen.side {
                Side::Graph => seen.method == "GET",
                Side::Login => {
                    (seen.method == "POST"
                        && (path.ends_with("/oauth2/v2.0/token") || path.ends_with("/oauth2/v2.0/devicecode")))
                        || (seen.method == "GET" && path.ends_with("/v2.0/.well-known/openid-configuration"))
                }
            };
            assert!(allowed, "the fake received {} {} on {:?}", seen.method, seen.url, seen.side);
        }
    }
}

impl Drop for FakeGraph {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        for (acceptor, address) in self.acceptors.drain(..) {
            let _ = TcpStream::connect(address); // Wakes the acceptor so it sees the stop flag.
            let _ = acceptor.join();
        }
    }
}

/// Reads one HTTP/1.1 request (request line, headers, a `Content-Length` body), answers it and closes the connection.
fn serve(stream: TcpStream, side: Side, state: &State) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    let mut reader = BufReader::new(&stream);
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() || line.trim().is_empty() {
        return;
    }
    let mut parts = line.split_whitespace();
    let (method, url) = (parts.next().unwrap_or_default().to_owned(), parts.next().unwrap_or_default().to_owned());
    let mut headers = Vec::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).is_err() || header.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
        }
    }
    let length = headers.iter().find(|(name, _)| name == "content-length").and_then(|(_, value)| value.parse().ok());
    let mut body = vec![0; length.unwrap_or(0)];
    if reader.read_exact(&mut body).is_err() {
        return;
    }
    let seen = Seen { side, method, url, headers, body: String::from_utf8_lossy(&body).into_owned() };
    state.seen.lock().unwrap().push(seen.clone());
    let latency = state.tenant.lock().unwrap().latency;
    thread::sleep(latency);
    let answer = match side {
        Side::Login => login(state, &seen),
        Side::Graph => graph(state, &seen),
    };
    if answer.status == NO_ANSWER {
        return;
    }
    let client_request_id = header(&seen, "client-request-id").unwrap_or("none").to_owned();
    let mut head = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nrequest-id: d9bbd4d8-0000-4000-8000-000000000001\r\n\
         client-request-id: {client_request_id}\r\nConnection: close\r\n",
        answer.status,
        reason(answer.status),
        answer.content_type,
        answer.body.len()
    );
    for (name, value) in &answer.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let mut stream = &stream;
    let _ = stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(answer.body.as_bytes()));
    let _ = stream.flush();
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Unknown",
    }
}

/// Where a scripted redirect points: another host, with a token in the query as a hostile redirect would have.
pub const REDIRECT_LOCATION: &str = "https://redirect.example/next?access_token=eyJ0eXAi.leaked";

struct Answer {
    status: u16,
    content_type: &'static str,
    body: String,
    headers: Vec<(&'static str, String)>,
}

fn json_answer(status: u16, body: Value) -> Answer {
    Answer {
        status,
        content_type: "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false",
        body: body.to_string(),
        headers: Vec::new(),
    }
}

/// Graph's error envelope.
fn graph_error(status: u16, code: &str, message: &str) -> Answer {
    json_answer(
        status,
        json!({"error": {"code": code, "message": message,
               "innerError": {"date": "2025-01-31T09:05:00", "request-id": "d9bbd4d8-0000-4000-8000-000000000001",
                              "client-request-id": "539da3bd-0000-4000-8000-000000000002"}}}),
    )
}

/// The identity platform's error body (2023+ form).
fn login_error(status: u16, error: &str, code: u32, text: &str) -> Answer {
    json_answer(
        status,
        json!({"error": error,
               "error_description": format!("AADSTS{code}: {text}\r\nTrace ID: e9a899ac-0000\r\nCorrelation ID: 22a58ae7-0000\r\nTimestamp: 2025-01-31 09:05:00Z"),
               "error_codes": [code], "timestamp": "2025-01-31 09:05:00Z", "trace_id": "e9a899ac-0000",
               "correlation_id": "22a58ae7-0000", "error_uri": format!("https://login.microsoftonline.com/error?code={code}")}),
    )
}

fn tenant_not_found(tenant: &str) -> Answer {
    login_error(
        400,
        "invalid_tenant",
        90002,
        &format!(
            "Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the \
             correct cloud. Check with your subscription administrator, this may happen if there are no active \
             subscriptions for the tenant."
        ),
    )
}

fn header<'a>(seen: &'a Seen, name: &str) -> Option<&'a str> {
    seen.headers.iter().find(|(key, _)| key == name).map(|(_, value)| value.as_str())
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'%' if index + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[index + 1..index + 3]).unwrap_or("zz");
                match u8::from_str_radix(hex, 16) {
                    Ok(byte) => {
                        out.push(byte);
                        index += 3;
                        continue;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b'+' => out.push(b' '),
            byte => out.push(byte),
        }
        index += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn query(url: &str) -> (String, HashMap<String, String>) {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let params = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(key), decode(value))
        })
        .collect();
    (decode(path), params)
}

/// The Azure CLI's public client id.
pub const AZURE_CLI_CLIENT_ID: &str = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";

/// The object id of the app registration's service principal (`oid` of its app-only tokens).
pub const SERVICE_PRINCIPAL_ID: &str = "5b6e0b9a-3c1f-4e8d-9a7b-2f4c6d8e0a1b";

/// Whom a token is issued to.
#[derive(Debug, Clone, Copy)]
enum Grant<'a> {
    /// The app registration itself (client credentials).
    App,
    /// The tenant's first user, through a public client.
    User {
        /// The public client's id (`appid`).
        client_id: &'a str,
        /// Its display name (`app_displayname`).
        client_name: &'a str,
    },
}

/// Mints a JWT shaped as Entra's v1.0 access tokens for Graph: the claims of an app-only or a delegated token, a
/// unique `uti`, and a signature of nonsense (checkdown never checks it; this fake only compares whole tokens).
fn issue(state: &State, grant: Grant<'_>) -> String {
    let mut claims = {
        let tenant = state.tenant.lock().unwrap();
        let issuer = format!("https://sts.windows.net/{}/", tenant.id);
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs();
        let mut claims = json!({"aud": GRAPH_RESOURCE, "iss": issuer, "idp": issuer, "iat": now, "nbf": now,
                                "exp": now + 3599, "tid": tenant.id, "tenant_region_scope": "EU", "ver": "1.0",
                                "aio": "E2RgYDhz9fXGk3c/AAA="});
        let grant_claims = match grant {
            Grant::App => json!({"idtyp": "app", "appid": tenant.client_id, "app_displayname": tenant.app_name,
                                 "appidacr": "1", "oid": SERVICE_PRINCIPAL_ID, "sub": SERVICE_PRINCIPAL_ID,
                                 "roles": tenant.permissions}),
            Grant::User { client_id, client_name } => {
                let person = tenant.users.first().cloned().unwrap_or_else(|| json!({}));
                json!({"idtyp": "user", "appid": client_id, "app_displayname": client_name, "appidacr": "0",
                       "oid": person["id"], "sub": "tD3lHqJ5sZ0cVbXyKmNoPqRsTuVwXyZ0aBcDeFgHiJk",
                       "upn": person["userPrincipalName"], "unique_name": person["userPrincipalName"],
                       "name": person["displayName"], "amr": ["pwd", "mfa"], "scp": tenant.permissions.join(" "),
                       "wids": [GLOBAL_ADMIN]})
            }
        };
        if let (Value::Object(all), Value::Object(more)) = (&mut claims, grant_claims) {
            all.extend(more);
        }
        claims
    };
    let mut tokens = state.tokens.lock().unwrap();
    let number = tokens.len() + 1;
    claims["uti"] = json!(format!("fake-token-{number}"));
    let header = json!({"typ": "JWT", "nonce": "fake-nonce", "alg": "RS256", "x5t": "fake-key", "kid": "fake-key"});
    let part = |text: String| URL_SAFE_NO_PAD.encode(text);
    let token =
        format!("{}.{}.{}", part(header.to_string()), part(claims.to_string()), part(format!("signature-{number}")));
    tokens.push((token.clone(), true));
    token
}

fn token_answer(state: &State, grant: Grant<'_>) -> Answer {
    let token = issue(state, grant);
    json_answer(200, json!({"token_type": "Bearer", "expires_in": 3599, "ext_expires_in": 3599, "access_token": token}))
}

fn login(state: &State, seen: &Seen) -> Answer {
    let (id, domain, deleted, token_tenant_not_found, echo_secret, client_id, client_secret, device) = {
        let tenant = state.tenant.lock().unwrap();
        let copy = |text: &String| text.clone();
        (
            copy(&tenant.id),
            copy(&tenant.domain),
            tenant.deleted,
            tenant.token_tenant_not_found,
            tenant.echo_secret,
            copy(&tenant.client_id),
            copy(&tenant.client_secret),
            tenant.device.clone(),
        )
    };
    let (path, _) = query(&seen.url);
    if let Some(fault) =
        state.tenant.lock().unwrap().faults.iter_mut().find(|f| f.times > 0 && path.starts_with(&f.path))
    {
        fault.times -= 1;
        if let Some(title) = fault.page {
            return proxy_page(fault.status, title);
        }
        let mut answer = login_error(
            fault.status,
            "temporarily_unavailable",
            50196,
            "The server terminated an operation because it encountered a client request loop.",
        );
        answer.headers.extend(fault.retry_after.clone().map(|seconds| ("Retry-After", seconds)));
        return answer;
    }
    let mut parts = path.trim_start_matches('/').splitn(2, '/');
    let (asked, rest) = (parts.next().unwrap_or_default(), parts.next().unwrap_or_default());
    let known = !deleted && (asked.eq_ignore_ascii_case(&id) || asked.eq_ignore_ascii_case(&domain));
    if !known {
        return tenant_not_found(asked);
    }
    let login_url = state.login_url.lock().unwrap().clone();
    match (seen.method.as_str(), rest) {
        ("GET", "v2.0/.well-known/openid-configuration") => json_answer(
            200,
            json!({"token_endpoint": format!("{login_url}/{id}/oauth2/v2.0/token"),
                   "device_authorization_endpoint": format!("{login_url}/{id}/oauth2/v2.0/devicecode"),
                   "issuer": format!("{login_url}/{id}/v2.0"), "tenant_region_scope": "EU",
                   "cloud_instance_name": "microsoftonline.com", "msgraph_host": "graph.microsoft.com"}),
        ),
        ("POST", "oauth2/v2.0/devicecode") => json_answer(
            200,
            json!({"device_code": "GAQABAAEAAAD--DLA3VO7QrddgJg7Wevr", "user_code": "ABCD-EFGH",
                   "verification_uri": "https://microsoft.com/devicelogin", "expires_in": 900,
                   "interval": device.interval,
                   "message": "To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code ABCD-EFGH to authenticate."}),
        ),
        ("POST", "oauth2/v2.0/token") if token_tenant_not_found => tenant_not_found(asked),
        ("POST", "oauth2/v2.0/token") => {
            let (_, form) = query(&format!("?{}", seen.body));
            let field = |name: &str| form.get(name).map(String::as_str).unwrap_or_default();
            match field("grant_type") {
                "client_credentials" => {
                    if field("client_id") != client_id {
                        login_error(
                            400,
                            "unauthorized_client",
                            700016,
                            &format!(
                                "Application with identifier '{}' was not found in the directory '{}'.",
                                field("client_id"),
                                domain
                            ),
                        )
                    } else if field("client_secret") != client_secret {
                        let description = if echo_secret {
                            format!("Invalid client secret provided: '{}'.", field("client_secret"))
                        } else {
                            "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.".to_owned()
                        };
                        login_error(401, "invalid_client", 7000215, &description)
                    } else if field("scope") != format!("{GRAPH_RESOURCE}/.default") {
                        login_error(
                            400,
                            "invalid_scope",
                            70011,
                            "The provided request must include a 'scope' input parameter.",
                        )
                    } else {
                        token_answer(state, Grant::App)
                    }
                }
                "urn:ietf:params:oauth:grant-type:device_code" => {
                    if state.device_polls.fetch_add(1, Ordering::SeqCst) < device.pending_polls {
                        login_error(
                            400,
                            "authorization_pending",
                            70016,
                            "OAuth 2.0 device flow error. Authorization is pending. Continue polling.",
                        )
                    } else {
                        let client_name = "Microsoft Graph Command Line Tools";
                        token_answer(state, Grant::User { client_id: field("client_id"), client_name })
                    }
                }
                other => login_error(
                    400,
                    "unsupported_grant_type",
                    70003,
                    &format!("The app requested an unsupported grant type '{other}'."),
                ),
            }
        }
        _ => login_error(404, "invalid_request", 900561, "The endpoint only accepts POST requests."),
    }
}

/// The permission each Graph route needs (the least one; the fake grants no higher ones).
fn permission_for(path: &str) -> Option<&'static str> {
    if path.starts_with("/beta/users/") && path.ends_with("/authentication/requirements") {
        Some("Policy.Read.All")
    } else if path.starts_with("/v1.0/users") {
        Some("User.Read.All")
    } else if path.starts_with("/v1.0/directoryRoles") {
        Some("RoleManagement.Read.Directory")
    } else if path.starts_with("/v1.0/organization")
        || path.starts_with("/v1.0/directory/subscriptions")
        || path.starts_with("/v1.0/subscribedSkus")
    {
        Some("Organization.Read.All")
    } else if path.starts_with("/v1.0/applications") {
        Some("Application.Read.All")
    } else {
        None
    }
}

fn graph(state: &State, seen: &Seen) -> Answer {
    let served = state.graph_requests.fetch_add(1, Ordering::SeqCst) + 1;
    let mut tenant = state.tenant.lock().unwrap();
    if seen.method != "GET" {
        return graph_error(405, "Request_BadRequest", "The HTTP method is not allowed on this resource.");
    }
    // Bearer check: a token this fake issued and has not expired.
    let bearer = header(seen, "authorization").and_then(|value| value.strip_prefix("Bearer ")).unwrap_or_default();
    {
        let mut tokens = state.tokens.lock().unwrap();
        if tenant.expire_tokens_after.is_some_and(|after| served > after) {
            tenant.expire_tokens_after = None;
            tokens.iter_mut().for_each(|(_, valid)| *valid = false);
        }
        if !tokens.iter().any(|(token, valid)| *valid && token == bearer) || tenant.deleted {
            let mut answer =
                graph_error(401, "InvalidAuthenticationToken", "Access token has expired or is not yet valid.");
            answer.headers.push(("WWW-Authenticate", "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", client_id=\"00000003-0000-0000-c000-000000000000\"".into()));
            return answer;
        }
    }
    let (path, params) = query(&seen.url);
    if let Some(fault) = tenant.faults.iter_mut().find(|fault| fault.times > 0 && path.starts_with(&fault.path)) {
        fault.times = fault.times.saturating_sub(1);
        if fault.status == NO_ANSWER {
            return Answer { status: NO_ANSWER, content_type: "text/plain", body: String::new(), headers: Vec::new() };
        }
        if let Some(title) = fault.page {
            return proxy_page(fault.status, title);
        }
        if (300..400).contains(&fault.status) {
            return Answer {
                status: fault.status,
                content_type: "text/plain",
                body: String::new(),
                headers: vec![("Location", REDIRECT_LOCATION.to_owned())],
            };
        }
        let segment = path.rsplit('/').next().unwrap_or_default();
        let (code, message) = match fault.status {
            403 => ("Authorization_RequestDenied", "Insufficient privileges to complete the operation.".to_owned()),
            404 => (
                "Request_ResourceNotFound",
                format!(
                    "Resource '{segment}' does not exist or one of its queried reference-property objects are not present."
                ),
            ),
            429 => ("TooManyRequests", "Please retry again later.".to_owned()),
            503 => ("serviceNotAvailable", "The service is temporarily unavailable.".to_owned()),
            504 => ("UnknownError", "Gateway timeout.".to_owned()),
            _ => ("UnknownError", "Something went wrong.".to_owned()),
        };
        let mut answer = graph_error(fault.status, code, &message);
        if let Some(retry_after) = &fault.retry_after {
            answer.headers.push(("Retry-After", retry_after.clone()));
        }
        return answer;
    }
    if tenant.user_without_role && permission_for(&path).is_some() {
        return graph_error(403, "Authentication_RequestFromUnsupportedUserRole", "User is not in the allowed roles");
    }
    if let Some(permission) = permission_for(&path)
        && !tenant.permissions.iter().any(|granted| granted == permission)
    {
        return graph_error(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
    }
    let eventual = header(seen, "consistencylevel").is_some_and(|value| value.eq_ignore_ascii_case("eventual"));
    let select = |object: &Value| -> Value {
        match params.get("$select") {
            Some(fields) => {
                let mut out = serde_json::Map::new();
                for field in fields.split(',') {
                    out.insert(field.to_owned(), object.get(field).cloned().unwrap_or(Value::Null));
                }
                Value::Object(out)
            }
            None => object.clone(),
        }
    };
    let graph_url = state.graph_url.lock().unwrap().clone();
    let count = |number: i64, bom: bool| {
        if !eventual {
            return graph_error(400, "Request_BadRequest", "$count is not currently supported.");
        }
        let body = format!("{}{}", if bom { "\u{feff}" } else { "" }, number.max(0));
        Answer { status: 200, content_type: "text/plain", body, headers: Vec::new() }
    };
    let admins_path = |path: &str| {
        path == format!("/v1.0/directoryRoles(roleTemplateId='{GLOBAL_ADMIN}')/members")
            || path == format!("/v1.0/directoryRoles/roleTemplateId={GLOBAL_ADMIN}/members")
    };
    match path.as_str() {
        "/v1.0/users/$count" => count(tenant.users.len() as i64 + tenant.count_lag, tenant.count_bom),
        "/v1.0/applications/$count" => count(tenant.applications as i64, false),
        "/v1.0/users" => {
            let users: Vec<&Value> = match params.get("$filter").map(String::as_str) {
                None => tenant.users.iter().collect(),
                Some("onPremisesSyncEnabled eq true") => {
                    tenant.users.iter().filter(|user| user["onPremisesSyncEnabled"] == json!(true)).collect()
                }
                Some(_) => return graph_error(400, "Request_UnsupportedQuery", "Unsupported Query."),
            };
            let top = match params.get("$top").map(|top| top.parse::<usize>()) {
                None => 100,
                Some(Ok(top)) if (1..=999).contains(&top) => top,
                Some(_) => {
                    let asked = params.get("$top").cloned().unwrap_or_default();
                    return graph_error(
                        400,
                        "Request_BadRequest",
                        &format!("Invalid page size specified: '{asked}'. Must be between 1 and 999 inclusive."),
                    );
                }
            };
            let size = tenant.page_cap.map_or(top, |cap| cap.min(top));
            let offset: usize = params
                .get("$skiptoken")
                .and_then(|token| token.strip_prefix("RFNwdAIAAQAAAD")?.parse().ok())
                .unwrap_or(0);
            let page: Vec<Value> = users.iter().skip(offset).take(size).map(|user| select(user)).collect();
            let mut body = json!({"@odata.context": format!("{graph_url}/v1.0/$metadata#users"), "value": page});
            if offset + size < users.len() {
                let kept: Vec<String> = seen
                    .url
                    .split_once('?')
                    .map(|(_, query)| query)
                    .unwrap_or_default()
                    .split('&')
                    .filter(|pair| !pair.starts_with("$skiptoken=") && !pair.is_empty())
                    .map(str::to_owned)
                    .collect();
                body["@odata.nextLink"] = json!(format!(
                    "{graph_url}/v1.0/users?{}&$skiptoken=RFNwdAIAAQAAAD{}",
                    kept.join("&"),
                    offset + size
                ));
            }
            json_answer(200, body)
        }
        _ if admins_path(&path) => {
            if tenant.global_admins.is_empty() {
                return graph_error(
                    404,
                    "Request_ResourceNotFound",
                    &format!(
                        "Resource '{GLOBAL_ADMIN}' does not exist or one of its queried reference-property objects are not present."
                    ),
                );
            }
            let members: Vec<Value> = tenant
                .users
                .iter()
                .filter(|user| tenant.global_admins.iter().any(|id| user["id"].as_str() == Some(id.as_str())))
                .map(|user| {
                    let mut member = select(user);
                    member["@odata.type"] = json!("#microsoft.graph.user");
                    member
                })
                .collect();
            json_answer(
                200,
                json!({"@odata.context": format!("{graph_url}/v1.0/$metadata#directoryObjects"), "value": members}),
            )
        }
        "/v1.0/organization" => json_answer(
            200,
            json!({"@odata.context": format!("{graph_url}/v1.0/$metadata#organization"), "value": [select(&tenant.organization)]}),
        ),
        "/v1.0/directory/subscriptions" => {
            let value: Vec<Value> = tenant.subscriptions.iter().map(select).collect();
            json_answer(
                200,
                json!({"@odata.context": format!("{graph_url}/v1.0/$metadata#directory/subscriptions"), "value": value}),
            )
        }
        "/v1.0/subscribedSkus" => {
            let value: Vec<Value> = tenant.subscribed_skus.iter().map(select).collect();
            json_answer(
                200,
                json!({"@odata.context": format!("{graph_url}/v1.0/$metadata#subscribedSkus"), "value": value}),
            )
        }
        _ if path.starts_with("/beta/users/") && path.ends_with("/authentication/requirements") => {
            let id = &path["/beta/users/".len()..path.len() - "/authentication/requirements".len()];
            match tenant
                .users
                .iter()
                .find(|user| user["id"].as_str() == Some(id) || user["userPrincipalName"].as_str() == Some(id))
            {
                Some(user) => json_answer(
                    200,
                    json!({"@odata.context": format!("{graph_url}/beta/$metadata#users('{id}')/authentication/requirements"),
                                                      "perUserMfaState": user["perUserMfaState"]}),
                ),
                None => graph_error(
                    404,
                    "Request_ResourceNotFound",
                    &format!(
                        "Resource '{id}' does not exist or one of its queried reference-property objects are not present."
                    ),
                ),
            }
        }
        _ => graph_error(
            400,
            "BadRequest",
            &format!("Resource not found for the segment '{}'.", path.rsplit('/').next().unwrap_or_default()),
        ),
    }
}
