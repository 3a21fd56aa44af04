//! What checks read: counts, objects and collections, each GET made once per run however many checks use it.
//!
//! [`Reader`] sits on a [`Transport`] (live or replayed). Concurrent checks asking for the same request wait for the
//! single flight; the exchanges it made are the run's record. Collections follow `@odata.nextLink` exactly as given
//! (it must stay on the Graph host: the token never goes anywhere else) until a caller has the items it asked for or
//! the last page; every caller sees exactly the items it asked for, so results never depend on timing. A `$count`
//! body is parsed leniently (BOM and whitespace), as graph.md §1a advises. Anything unexpected is a [`Failure`]
//! naming the request.

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use serde_json::Value;

use super::cloud::Host;
use super::graph::{Exchange, Service, Transport, is_transient};
use crate::report::clip;

/// The most pages one collection read follows before it gives up (a nextLink loop, or a runaway listing).
pub const MAX_PAGES: usize = 200;
/// How much of an unexpected answer an error quotes.
const MAX_EXCERPT_CHARS: usize = 40;

/// One GET a check needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// Where.
    pub service: Service,
    /// Path and query on the service's host (`/v1.0/users/$count`).
    pub path: String,
    /// Send `ConsistencyLevel: eventual` (advanced queries, `$count`).
    pub consistency: bool,
    /// The least application permission it needs, named when Graph refuses (403).
    pub permission: Option<String>,
}

impl Request {
    /// `GET /v1.0/users/$count`, as messages name a request.
    pub fn label(&self) -> String {
        format!("GET {}", self.path)
    }
}

/// Why a read gave no data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The request, as [`Request::label`] names it.
    pub request: String,
    /// What happened.
    pub kind: FailureKind,
}

/// The ways a read fails.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FailureKind {
    /// 403: the app lacks a permission (or the signed-in user a role).
    Denied {
        /// The Graph error code (`Authorization_RequestDenied`).
        code: String,
        /// The permission the request needs, when known.
        permission: Option<String>,
    },
    /// Any other status that is not a success, after retries.
    Status {
        /// HTTP status.
        status: u16,
        /// The Graph error code, or empty.
        code: String,
        /// Graph's error message, or empty.
        message: String,
        /// Attempts made.
        attempts: u32,
    },
    /// A redirect (3xx), never followed: Graph answers reads itself.
    Redirected {
        /// HTTP status.
        status: u16,
        /// The host the `Location` header points to (never its path or query), when there is one.
        host: Option<String>,
    },
    /// No answer (network, timeout), after retries.
    Transport {
        /// What happened.
        error: String,
        /// Attempts made.
        attempts: u32,
    },
    /// A replay's record holds no answer for the request.
    NotRecorded,
    /// An answer Microsoft did not write: a proxy's or gateway's page, an empty error.
    Foreign(ForeignAnswer),
    /// A success whose body is not what Graph sends.
    Malformed(String),
    /// A listing still had pages after [`MAX_PAGES`], or its nextLink repeated or left the Graph host.
    Paging(String),
}

/// An answer that is neither Graph's data nor Graph's error envelope, told by what it says of itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForeignAnswer {
    /// HTTP status.
    pub status: u16,
    /// The media type it declares (`text/html`), without parameters; empty when it declares none.
    pub media_type: String,
    /// Its `<title>`, or else its first words, on one line and clipped; empty for an empty body.
    pub excerpt: String,
}

impl ForeignAnswer {
    /// What `body`, answered with `status` and `content_type`, says of itself.
    pub fn new(status: u16, content_type: Option<&str>, body: &str) -> ForeignAnswer {
        let media_type = content_type.and_then(|value| value.split(';').next()).unwrap_or_default();
        let body = body.trim_start_matches('\u{feff}');
        let text = match html_title(body) {
            Some(title) => title.into(),
            None if body.trim_start().starts_with('<') => without_tags(body),
            None => body.into(),
        };
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        ForeignAnswer {
            status,
            media_type: media_type.trim().to_ascii_lowercase(),
            excerpt: clip(&text, MAX_EXCERPT_CHARS).into_owned(),
        }
    }

    /// True when the answer declares JSON, as Microsoft's services do for data and errors alike.
    fn declares_json(&self) -> bool {
        self.media_type.ends_with("json")
    }

    /// What its body is: `empty`, `untyped` (no media type declared) or `typed`; messages word each their own way.
    pub fn body_kind(&self) -> &'static str {
        match (self.excerpt.is_empty(), self.media_type.is_empty()) {
            (true, _) => "empty",
            (false, true) => "untyped",
            (false, false) => "typed",
        }
    }
}

/// True for a refusal Microsoft did not write: no error code nor message of its own, and not a throttled or
/// unavailable service (those are one whoever answered).
pub fn is_foreign_refusal(status: u16, code: &str, message: &str) -> bool {
    code.is_empty() && message.is_empty() && !is_transient(status)
}

/// English, for the errors of signing in (read messages are localized from the fields).
impl std::fmt::Display for ForeignAnswer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "answered {} with ", self.status)?;
        match self.body_kind() {
            "empty" => write!(f, "an empty body")?,
            "untyped" => write!(f, "a body of no declared type")?,
            _ => write!(f, "{}", self.media_type)?,
        }
        if !self.excerpt.is_empty() {
            write!(f, " \"{}\"", self.excerpt)?;
        }
        write!(f, ", which is not Microsoft's answer: a proxy or gateway in between may have answered instead")
    }
}

/// The text of an HTML page's `<title>`, when it has one.
fn html_title(body: &str) -> Option<&str> {
    let bytes = body.as_bytes();
    let open = bytes.windows(6).position(|window| window.eq_ignore_ascii_case(b"<title"))?;
    let start = open + body[open..].find('>')? + 1;
    let end = start + bytes[start..].windows(7).position(|window| window.eq_ignore_ascii_case(b"</title"))?;
    Some(&body[start..end])
}

/// The text of markup, its tags dropped (each leaves a space, as block tags end words).
fn without_tags(markup: &str) -> String {
    let mut text = String::with_capacity(markup.len());
    let mut in_tag = false;
    for character in markup.chars() {
        match character {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(character),
            _ => {}
        }
    }
    text
}

/// A successful answer, BOM removed.
struct Success {
    status: u16,
    content_type: Option<String>,
    body: String,
}

impl Success {
    /// What the answer says of itself, once its body turns out not to be Graph's.
    fn foreign(&self) -> ForeignAnswer {
        ForeignAnswer::new(self.status, self.content_type.as_deref(), &self.body)
    }
}

/// The items of a collection a caller asked for.
#[derive(Debug, Clone, PartialEq)]
pub struct Collection {
    /// At most the number of items asked for, in Graph's order.
    pub items: Vec<Value>,
    /// True when these are all the items there are (the last page was read and nothing was left out).
    pub complete: bool,
}

type Key = (Service, String, bool);

/// Reads for the checks of one run; see the module docs.
pub struct Reader<'t> {
    transport: &'t dyn Transport,
    graph: Host,
    cells: Mutex<HashMap<Key, Arc<OnceLock<Exchange>>>>,
    made: AtomicUsize,
}

impl<'t> Reader<'t> {
    /// A reader over `transport`; `graph` is the Graph host nextLinks must point at.
    pub fn new(transport: &'t dyn Transport, graph: Host) -> Reader<'t> {
        Reader { transport, graph, cells: Mutex::new(HashMap::new()), made: AtomicUsize::new(0) }
    }

    /// The exchange for one GET: made on first use, shared afterwards.
    pub fn exchange(&self, service: Service, path: &str, consistency: bool) -> Exchange {
        let cell = {
            let mut cells = self.cells.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            cells.entry((service, path.to_owned(), consistency)).or_default().clone()
        };
        cell.get_or_init(|| {
            self.made.fetch_add(1, Ordering::Relaxed);
            self.transport.get(service, path, consistency)
        })
        .clone()
    }

    /// How many distinct GETs this run made (retries of one GET count once).
    pub fn requests(&self) -> usize {
        self.made.load(Ordering::Relaxed)
    }

    /// Every GET made and what it gave, sorted: the run's record.
    pub fn exchanges(&self) -> Vec<(Service, String, bool, Exchange)> {
        let cells = self.cells.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let mut all: Vec<_> = cells
            .iter()
            .filter_map(|((service, path, consistency), cell)| {
                cell.get().map(|exchange| (*service, path.clone(), *consistency, exchange.clone()))
            })
            .collect();
        all.sort_by(|a, b| (a.0, &a.1, a.2).cmp(&(b.0, &b.1, b.2)));
        all
    }

    /// The successful answer to `request` (at `path`, which differs for later pages).
    fn body(&self, request: &Request, path: &str) -> Result<Success, Failure> {
        let fail = |kind| Failure { request: request.label(), kind };
        match self.exchange(request.service, path, request.consistency) {
            Exchange::Answer { status: status @ 200..=299, body, content_type, .. } => {
                Ok(Success { status, content_type, body: body.trim_start_matches('\u{feff}').to_owned() })
            }
            Exchange::Answer { status: status @ 300..=399, redirect_host, .. } => {
                Err(fail(FailureKind::Redirected { status, host: redirect_host }))
            }
            Exchange::Answer { status, body, attempts, content_type, .. } => {
                let (code, message) = graph_error(&body);
                Err(fail(if is_foreign_refusal(status, &code, &message) {
                    FailureKind::Foreign(ForeignAnswer::new(status, content_type.as_deref(), &body))
                } else if status == 403 {
                    FailureKind::Denied { code, permission: request.permission.clone() }
                } else {
                    FailureKind::Status { status, code, message, attempts }
                }))
            }
            Exchange::Failed { error, attempts } => Err(fail(FailureKind::Transport { error, attempts })),
            Exchange::NotRecorded => Err(fail(FailureKind::NotRecorded)),
        }
    }

    fn json(&self, request: &Request, path: &str) -> Result<Value, Failure> {
        let answer = self.body(request, path)?;
        serde_json::from_str(&answer.body).map_err(|error| Failure {
            request: request.label(),
            kind: match answer.foreign() {
                foreign if foreign.declares_json() => FailureKind::Malformed(format!("not JSON: {error}")),
                foreign => FailureKind::Foreign(foreign),
            },
        })
    }

    /// A `$count` answer: a bare integer (`text/plain`), maybe after a BOM.
    pub fn count(&self, request: &Request) -> Result<u64, Failure> {
        let answer = self.body(request, &request.path)?;
        answer.body.trim().parse().map_err(|_| Failure {
            request: request.label(),
            kind: match answer.foreign() {
                foreign if foreign.media_type == "text/html" => FailureKind::Foreign(foreign),
                _ => {
                    FailureKind::Malformed(format!("expected a count, got '{}'", clip(&answer.body, MAX_EXCERPT_CHARS)))
                }
            },
        })
    }

    /// A single JSON object.
    pub fn object(&self, request: &Request) -> Result<Value, Failure> {
        self.json(request, &request.path)
    }

    /// The first `take` items of a collection, following nextLinks as needed.
    pub fn collection(&self, request: &Request, take: usize) -> Result<Collection, Failure> {
        let fail = |kind| Failure { request: request.label(), kind };
        let mut items = Vec::new();
        let mut path = request.path.clone();
        let mut seen = vec![path.clone()];
        loop {
            let page = self.json(request, &path)?;
            let Some(values) = page.get("value").and_then(Value::as_array) else {
                return Err(fail(FailureKind::Malformed("no \"value\" array in the answer".into())));
            };
            items.extend(values.iter().cloned());
            let next = page.get("@odata.nextLink").and_then(Value::as_str);
            let Some(next) = next else {
                let complete = items.len() <= take;
                items.truncate(take);
                return Ok(Collection { items, complete });
            };
            if items.len() > take {
                items.truncate(take);
                return Ok(Collection { items, complete: false });
            }
            if items.len() == take && take > 0 {
                return Ok(Collection { items, complete: false });
            }
            let Some(relative) = self.graph.relative(next) else {
                return Err(fail(FailureKind::Paging(format!("@odata.nextLink leaves {}: {next}", self.graph))));
            };
            if seen.iter().any(|earlier| earlier == relative) {
                return Err(fail(FailureKind::Paging("@odata.nextLink repeats an earlier page".into())));
            }
            if seen.len() >= MAX_PAGES {
                return Err(fail(FailureKind::Paging(format!("more than {MAX_PAGES} pages"))));
            }
            path = relative.to_owned();
            seen.push(path.clone());
        }
    }
}

/// `code` and `message` of Graph's error envelope, or empty strings.
fn graph_error(body: &str) -> (String, String) {
    let parsed: Option<Value> = serde_json::from_str(body.trim_start_matches('\u{feff}')).ok();
    let error = parsed.as_ref().and_then(|value| value.get("error"));
    let text =
        |key: &str| error.and_then(|error| error.get(key)).and_then(Value::as_str).unwrap_or_default().to_owned();
    (text("code"), text("message"))
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Pages(Vec<(&'static str, String)>);

    impl Transport for Pages {
        fn get(&self, _: Service, path: &str, _: bool) -> Exchange {
            match self.0.iter().find(|(at, _)| *at == path) {
                Some((_, body)) => Exchange::Answer {
                    status: 200,
                    content_type: None,
                    body: body.clone(),
                    redirect_host: None,
                    attempts: 1,
                },
                None => Exchange::Answer {
                    status: 404,
                    content_type: None,
                    body: String::new(),
                    redirect_host: None,
                    attempts: 1,
                },
            }
        }
    }

    fn page(items: &[u32], next: Option<&str>) -> String {
        let next = next.map(|next| format!(",\"@odata.nextLink\":\"http://127.0.0.1:9{next}\"")).unwrap_or_default();
        format!("{{\"value\":{}{next}}}", serde_json::to_string(items).unwrap())
    }

    fn request(path: &str) -> Request {
        Request { service: Service::Graph, path: path.into(), consistency: false, permission: None }
    }

    #[test]
    fn collections_follow_next_links_through_empty_pages_and_stop_at_take() {
        let pages = Pages(vec![
            ("/p1", page(&[1], Some("/p2"))),
            ("/p2", page(&[], Some("/p3"))),
            ("/p3", page(&[2, 3], None)),
        ]);
        let reader = Reader::new(&pages, Host::parse("http://127.0.0.1:9", "graph").unwrap());
        let all = reader.collection(&request("/p1"), 10).unwrap();
        assert_eq!((all.items.len(), all.complete), (3, true));
        let two = reader.collection(&request("/p1"), 2).unwrap();
        assert_eq!((two.items.len(), two.complete), (2, false));
        let one = reader.collection(&request("/p1"), 1).unwrap();
        assert_eq!((one.items.len(), one.complete), (1, false));
        assert_eq!(reader.requests(), 3, "each page is fetched once");
    }

    #[test]
    fn next_links_to_other_hosts_and_loops_are_refused() {
        let pages = Pages(vec![
            ("/away", "{\"value\":[],\"@odata.nextLink\":\"https://evil.example/p\"}".into()),
            ("/loop", page(&[1], Some("/loop"))),
        ]);
        let reader = Reader::new(&pages, Host::parse("http://127.0.0.1:9", "graph").unwrap());
        assert!(matches!(reader.collection(&request("/away"), 5).unwrap_err().kind, FailureKind::Paging(_)));
        assert!(matches!(reader.collection(&request("/loop"), 5).unwrap_err().kind, FailureKind::Paging(_)));
    }

    #[test]
    fn a_foreign_answer_is_told_by_its_media_type_and_title_or_first_words() {
        let told = |content_type: Option<&str>, body: &str| {
            let answer = ForeignAnswer::new(502, content_type, body);
            (answer.media_type, answer.excerpt)
        };
        let page = "<HTML><HEAD><TITLE lang=en>\n  502 Bad Gateway\n</TITLE></HEAD><body>nginx</body></HTML>";
        assert_eq!(told(Some("Text/HTML; charset=UTF-8"), page), ("text/html".into(), "502 Bad Gateway".into()));
        let words = "\u{feff}upstream connect error or disconnect/reset before headers. reset reason: overflow";
        assert_eq!(told(None, words), (String::new(), "upstream connect error or disconnect/re…".into()));
        assert_eq!(told(Some("text/plain"), ""), ("text/plain".into(), String::new()));
        let untitled = "<html><body><h1>502 Bad Gateway</h1><hr><center>nginx</center></body></html>";
        assert_eq!(told(Some("text/html"), untitled), ("text/html".into(), "502 Bad Gateway nginx".into()));
    }

    #[test]
    fn counts_tolerate_a_bom() {
        let page = "<html>\n<body>Sign in</body>\n</html>".repeat(10);
        let pages = Pages(vec![("/c", "\u{feff}893\n".into()), ("/bad", "lots".into()), ("/page", page)]);
        let reader = Reader::new(&pages, Host::parse("http://127.0.0.1:9", "graph").unwrap());
        assert_eq!(reader.count(&request("/c")), Ok(893));
        assert!(matches!(reader.count(&request("/bad")).unwrap_err().kind, FailureKind::Malformed(_)));
        // An unexpected page is quoted short, on one line.
        let FailureKind::Malformed(why) = reader.count(&request("/page")).unwrap_err().kind else { panic!() };
        assert_eq!(why, "expected a count, got '<html> <body>Sign in</body> </html><htm…'");
    }
}
