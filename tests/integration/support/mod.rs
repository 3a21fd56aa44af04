//! Shared test helpers: run the real binary, find the shared corpus, make spans readable in snapshots, and the fake
//! identity platform and Graph ([`fake_graph`]).

pub mod fake_graph;

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    /// The exit code.
    pub code: i32,
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
}

/// Longer than any run of the test suite takes on a slow machine (PDFs included), far shorter than a CI job's limit.
const HANG: Duration = Duration::from_secs(120);

/// A `checkdown` invocation being built.
pub struct Checkdown {
    command: Command,
    stdin: Option<String>,
}

/// Starts a `checkdown` invocation run from the crate root, with a clean environment for locale and colour.
pub fn checkdown() -> Checkdown {
    let mut command = Command::new(env!("CARGO_BIN_EXE_checkdown"));
    command
        .current_dir(crate_root())
        .env_remove("LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("AZURE_TENANT_ID")
        .env_remove("AZURE_CLIENT_ID")
        .env_remove("AZURE_CLIENT_SECRET")
        .env_remove("AZURE_AUTHORITY_HOST")
        .env_remove("CHECKDOWN_GRAPH_HOST")
        .env_remove("CHECKDOWN_ACCESS_TOKEN")
        // A GitHub runner's own variables would make the Markdown report link to its repository.
        .env_remove("GITHUB_ACTIONS")
        .env("NO_COLOR", "1")
        // 2026-11-21: every checklist says it was generated that day.
        .env("SOURCE_DATE_EPOCH", "1795219200");
    Checkdown { command, stdin: None }
}

impl Checkdown {
    /// Adds arguments.
    pub fn args<I: IntoIterator<Item = S>, S: AsRef<OsStr>>(mut self, args: I) -> Self {
        self.command.args(args);
        self
    }

    /// Runs in `dir` instead of the crate root.
    pub fn current_dir(mut self, dir: &Path) -> Self {
        self.command.current_dir(dir);
        self
    }

    /// Sets an environment variable.
    pub fn env(mut self, key: &str, value: impl AsRef<OsStr>) -> Self {
        self.command.env(key, value);
        self
    }

    /// Gives `text` as standard input (else it is empty).
    pub fn stdin(mut self, text: &str) -> Self {
        self.stdin = Some(text.to_owned());
        self
    }

    /// Runs to completion; a run that hangs is killed and fails the test, so a hang shows as a failure, not a
    /// stuck CI job.
    pub fn run(mut self) -> Run {
        let mut child = self
            .command
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the checkdown binary runs");
        let mut input = child.stdin.take().unwrap();
        // A run that stops before reading its input (bad arguments) closes the pipe: that is its answer, not a failure.
        match input.write_all(self.stdin.unwrap_or_default().as_bytes()) {
            Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => {}
            written => written.expect("standard input is written"),
        }
        drop(input);
        let (stdout, stderr) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
        let read = |mut pipe: Box<dyn Read + Send>| {
            std::thread::spawn(move || {
                let mut bytes = Vec::new();
                pipe.read_to_end(&mut bytes).map(|_| String::from_utf8_lossy(&bytes).into_owned())
            })
        };
        let (stdout, stderr) = (read(Box::new(stdout)), read(Box::new(stderr)));
        let deadline = Instant::now() + HANG;
        let status = loop {
            if let Some(status) = child.try_wait().expect("the checkdown binary can be waited for") {
                break status;
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                panic!("checkdown hung: still running after {HANG:?}");
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        Run {
            code: status.code().unwrap_or(-1),
            stdout: stdout.join().unwrap().unwrap(),
            stderr: stderr.join().unwrap().unwrap(),
        }
    }
}

/// The crate root (where `content/` is).
pub fn crate_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The shared corpus of real EN/FR article pairs, or `None` (with a message) when it is absent outside CI.
/// Under `CI=true` a missing corpus is a failure: the tests that need it must run there.
pub fn corpus() -> Option<PathBuf> {
    let corpus = crate_root().join("../shared/corpus");
    if corpus.join("manifest.tsv").is_file() {
        return Some(corpus);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "CI=true but the shared corpus is missing at {}",
        corpus.display()
    );
    eprintln!("skipped: no corpus at {} (it is required under CI=true)", corpus.display());
    None
}

/// Every Markdown file under `dir`, sorted.
pub fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("corpus folders are readable") {
            let path = entry.expect("corpus entries are readable").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|extension| extension == "md") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// Replaces every span object with a compact `line:column-end_line:end_column` string, so model snapshots can be
/// read line by line.
pub fn compact_spans(value: Value) -> Value {
    match value {
        Value::Object(map) if is_span(&map) => {
            let field = |key: &str| map.get(key).and_then(Value::as_u64).unwrap_or_default();
            Value::String(format!(
                "{}:{}-{}:{}",
                field("line"),
                field("column"),
                field("end_line"),
                field("end_column")
            ))
        }
        Value::Object(map) => Value::Object(map.into_iter().map(|(key, value)| (key, compact_spans(value))).collect()),
        Value::Array(items) => Value::Array(items.into_iter().map(compact_spans).collect()),
        other => other,
    }
}

fn is_span(map: &serde_json::Map<String, Value>) -> bool {
    map.len() == 6
        && ["start", "end", "line", "column", "end_line", "end_column"].iter().all(|key| map.contains_key(*key))
}
